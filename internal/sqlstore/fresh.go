package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"sync"

	"github.com/factions/factions"
	"github.com/factions/factions/resolve"
)

// freshLog keeps, as batches saved whole (saveWhole) into a store that
// was empty commit, what Resolve would read back of them
// (loadResolution): their articles, occurrences, ties and entities. A
// resolution of a new store then reads nothing back, a fifth of its time
// on one CPU, while the writer, which builds the log, runs beside the
// extraction. The log is dropped, for good, once anything else writes
// through the DB (beginWrite), once it is read or grows past
// maxFreshOccs; Resolve takes it only when the store holds exactly what it
// logged, nothing resolved or curated (freshLog.matches).
type freshLog struct {
	mu      sync.Mutex
	off     bool          // dropped: never kept again
	batches []*freshBatch // in the order they committed
	occs    int           // the occurrences of batches

	// names is what findNames finds in the store for every name, as the
	// batches logged made it (nil: not known), and seq the greatest IDs
	// the last of them left
	names map[string]int64
	seq   rowSeq

	// ahead is the resolution of the log worked out while its last batch
	// was written (SaveLastArticles), once that batch committed
	ahead *resolveAhead
}

// maxFreshOccs bounds the occurrences a freshLog holds: an ingest of more
// into a new store is read back as before, its memory not held twice.
const maxFreshOccs = 2 * factions.SmallStore

// freshBatch is what one batch saved whole stored.
type freshBatch struct {
	articles []resolve.Article
	occs     []resolve.Occurrence
	ties     []resolve.Tie
	claims   int              // rows of claims (each a tie)
	names    map[int64]string // the entities it made, by ID: their names
}

// drop stops the log for good.
func (l *freshLog) drop() {
	l.mu.Lock()
	l.off, l.batches, l.occs, l.names, l.ahead = true, nil, 0, nil, nil
	l.mu.Unlock()
}

// takeNames returns, for a batch saved whole that found the greatest IDs
// of entities and occurrences seq, what findNames would find in the store
// for every name: an empty store has none; else the names the batches
// logged made, when seq is what the last of them left. It returns nil
// when it cannot tell. The names are the caller's: the batch adds its own
// and gives them back when it commits (add).
func (l *freshLog) takeNames(seq rowSeq) map[string]int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	names := l.names
	l.names = nil
	switch {
	case l.off:
		return nil
	case len(l.batches) == 0 && seq == rowSeq{}:
		return map[string]int64{}
	case names != nil && seq == l.seq:
		return names
	}
	return nil
}

// othersWrote tells whether the store, whose entities and occurrences
// are those the batches logged made, was changed otherwise since: curated
// (the audit) or resolved (an article resolved), by another process.
func (db *DB) othersWrote(ctx context.Context, tx *sql.Tx) (bool, error) {
	var audit, resolved int64
	err := db.queryRow(ctx, tx, `SELECT (SELECT COUNT(*) FROM audit), (SELECT COUNT(*) FROM articles WHERE resolved)`).Scan(&audit, &resolved)
	return err != nil || audit > 0 || resolved > 0, err
}

// starts tells whether a batch saved whole, which found the greatest IDs
// of entities and occurrences seq, is to be logged: the log is kept, and
// holds batches already or the store is empty.
func (l *freshLog) starts(seq *rowSeq) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return !l.off && (len(l.batches) > 0 || seq.entity == 0 && seq.occ == 0)
}

// add logs the articles of saves that a batch saved whole created, once
// its transaction is committed, and keeps names, what findNames finds in
// the store for every name now, when not nil, with seq, the greatest IDs
// the batch left.
func (l *freshLog) add(saves []*saving, names map[string]int64, seq rowSeq) {
	b := &freshBatch{names: map[int64]string{}}
	for _, s := range saves {
		if s == nil || !s.created {
			continue
		}
		a := resolve.Article{ID: s.id, Hash: s.hash, Source: s.a.Source}
		if pub, ok := s.published.(int64); ok {
			a.Date = fromMicros(pub)
		} else if from, ok := s.from.(int64); ok {
			a.Date = fromMicros(from)
		}
		b.articles = append(b.articles, a)
		for _, e := range s.p.ents {
			// names may be parts of the article's text, which is not
			// to be held: copied
			name := strings.Clone(e.best)
			b.occs = append(b.occs, resolve.Occurrence{ID: e.occ, Article: s.id, Entity: e.id, Type: e.typ,
				Name: name, Names: splitNames(strings.Clone(e.joined))})
			if !e.existing {
				b.names[e.id] = name
			}
		}
		for _, pc := range s.p.claims {
			b.ties = append(b.ties, resolve.Tie{Subject: s.p.ents[pc.s].occ, Predicate: pc.c.Predicate,
				Object: s.p.ents[pc.o].occ, Stance: pc.stance})
		}
		b.claims += len(s.p.claims)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.off {
		return
	}
	l.names, l.seq = names, seq
	if len(b.articles) == 0 {
		return
	}
	if l.occs += len(b.occs); l.occs > maxFreshOccs {
		l.off, l.batches, l.occs, l.names = true, nil, 0, nil
		return
	}
	l.batches = append(l.batches, b)
}

// take returns what the log holds, as loadResolution would read it, and
// drops the log; nil when it holds nothing.
func (l *freshLog) take() (*resolve.Input, *stored, *freshCounts) {
	l.mu.Lock()
	bs := l.batches
	l.off, l.batches, l.occs, l.names = true, nil, 0, nil
	l.mu.Unlock()
	if len(bs) == 0 {
		return nil, nil, nil
	}
	// in the order of their IDs, as they are read back: batches commit
	// one at a time, each numbering its rows after the last
	slices.SortFunc(bs, func(a, b *freshBatch) int { return cmp.Compare(a.articles[0].ID, b.articles[0].ID) })
	in := &resolve.Input{}
	cur := &stored{reason: map[int64]string{}, name: map[int64]string{}, named: map[int64]bool{}, merged: map[int64]bool{},
		country: map[int64]sql.NullString{}}
	n := &freshCounts{}
	var na, no, nt int
	for _, b := range bs {
		na, no, nt = na+len(b.articles), no+len(b.occs), nt+len(b.ties)
	}
	in.Articles = make([]resolve.Article, 0, na)
	in.Occurrences = make([]resolve.Occurrence, 0, no)
	in.Ties = make([]resolve.Tie, 0, nt)
	for _, b := range bs {
		in.Articles = append(in.Articles, b.articles...)
		in.Occurrences = append(in.Occurrences, b.occs...)
		in.Ties = append(in.Ties, b.ties...)
		for _, a := range b.articles {
			cur.country[a.ID] = sql.NullString{}
			cur.unresolved = append(cur.unresolved, a.ID)
		}
		for id, name := range b.names {
			cur.name[id], cur.named[id], cur.merged[id] = name, false, false
		}
		n.claims += int64(b.claims)
	}
	for _, o := range in.Occurrences {
		cur.reason[o.ID] = ""
		n.maxOcc = max(n.maxOcc, o.ID)
	}
	n.articles, n.unresolved = int64(len(in.Articles)), int64(len(in.Articles))
	n.occs, n.entities = int64(len(in.Occurrences)), int64(len(cur.name))
	return in, cur, n
}

// freshCounts is what a store holding only what a freshLog logged counts.
type freshCounts struct {
	articles, unresolved, occs, maxOcc, entities, claims, audit int64
}

// matches tells whether the store holds in tx just what the log counted n:
// no other writer (another process) stored, resolved or curated anything
// meanwhile.
func (db *DB) matches(ctx context.Context, tx *sql.Tx, n *freshCounts) (bool, error) {
	var got freshCounts
	err := db.queryRow(ctx, tx, `SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM articles WHERE NOT resolved),
		(SELECT COUNT(*) FROM occurrences), (SELECT COALESCE(MAX(id), 0) FROM occurrences), (SELECT COUNT(*) FROM entities),
		(SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM audit)`).Scan(
		&got.articles, &got.unresolved, &got.occs, &got.maxOcc, &got.entities, &got.claims, &got.audit)
	return err == nil && got == *n, err
}

// resolveAhead is the resolution of what a freshLog held, worked out on a
// goroutine of its own while the writer writes the last batch of an ingest
// (SaveLastArticles), on a CPU the extraction no longer needs: Resolve
// then finds it done, when the store holds just what the log counted.
type resolveAhead struct {
	in     *resolve.Input
	cur    *stored
	counts *freshCounts

	done  chan struct{}         // closed once types and res are set
	types []factions.EntityType // the occurrences' types as stored (occurrenceTypes)
	res   *resolve.Result
	used  bool // Resolve took res
}

// startAhead takes what the log holds (take) and starts resolving it with
// the gazetteer g; nil when the log holds nothing.
func (l *freshLog) startAhead(g factions.Gazetteer) *resolveAhead {
	in, cur, n := l.take()
	if in == nil {
		return nil
	}
	a := &resolveAhead{in: in, cur: cur, counts: n, done: make(chan struct{})}
	go func() {
		defer close(a.done)
		a.types = occurrenceTypes(in) // as stored: resolution retypes some
		a.res = resolve.Resolve(in, g)
	}()
	return a
}

// keepAhead keeps a, whose batch committed, for Resolve (takeAhead),
// unless the log was dropped since it was started.
func (l *freshLog) keepAhead(a *resolveAhead) {
	l.mu.Lock()
	l.ahead = a
	l.mu.Unlock()
}

// takeAhead returns the resolution kept (keepAhead), or nil, and forgets it.
func (l *freshLog) takeAhead() *resolveAhead {
	l.mu.Lock()
	defer l.mu.Unlock()
	a := l.ahead
	l.ahead = nil
	return a
}
