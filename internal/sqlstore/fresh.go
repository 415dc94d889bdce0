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

// freshLog keeps, as batches saved whole (saveWhole) commit, what
// resolution would read back of them: their articles, occurrences, ties
// and entities. A resolution of a new store (the first batch logged found
// it empty) then reads nothing back (loadResolution), a fifth of its time
// on one CPU, and a scoped resolution of a store that held articles
// before (grown) reads back none of the new articles' rows (loadScope),
// while the writer, which builds the log, runs beside the extraction.
// The log is dropped, for good, once anything else writes through the DB
// (beginWrite), once it is read or grows past maxFreshOccs. Resolve takes
// the log of a new store only when the store holds exactly what it
// logged, nothing resolved or curated (freshLog.matches); ResolveArticles
// that of a grown one only when the articles it places are those logged,
// every article not resolved, and nothing was curated since the first
// batch logged (scopeLog.holds).
type freshLog struct {
	mu      sync.Mutex
	off     bool          // dropped: never kept again
	batches []*freshBatch // in the order they committed
	occs    int           // the occurrences of batches

	// grown tells that the first batch logged found the store holding
	// rows, whose audit then was audit
	grown bool
	audit auditMark

	// names is what findNames finds in the store for every name, as the
	// batches logged made it (nil: not known), and seq the greatest IDs
	// the last of them left
	names map[string]int64
	seq   rowSeq

	// ahead is the resolution of the log worked out while its last batch
	// was written (SaveLastArticles), once that batch committed
	ahead *resolveAhead

	// placing is the scoped resolution of the log of a grown store
	// worked out while its last batch was written, once that batch
	// committed
	placing *placeAhead

	// steps is the last of the steps of the scope of a grown store's
	// scoped resolution read beside its batches (stepScope), nil when
	// none was started
	steps *scopeStep

	// aliasLoad is the store's aliases read once for the first batch's
	// names and the look-ups (aliasesFor), when made
	aliasLoad *aliasLoad

	// side counts the look-ups of a grown store's names running beside
	// its batches (lookAhead), and the steps of its scope, which the
	// store waits for when it closes
	side sync.WaitGroup
}

// maxFreshOccs bounds the occurrences a freshLog holds: an ingest of more
// into a new store is read back as before, its memory not held twice.
const maxFreshOccs = 2 * factions.SmallStore

// freshBatch is what one batch saved whole stored.
type freshBatch struct {
	articles []resolve.Article
	occs     []resolve.Occurrence
	ties     []resolve.Tie
	tieArts  []int64          // the article of each tie
	claims   int              // rows of claims (each a tie)
	names    map[int64]string // the entities it made, by ID: their names
	makers   []int64          // the occurrences that made them (provisionalReason)

	// of a grown store: the look-up of its names made beside it
	// (lookAhead), and the entities it made
	lookup *lookup
	made   []madeEntity
}

// drop stops the log for good.
func (l *freshLog) drop() {
	l.mu.Lock()
	l.off, l.batches, l.occs, l.names, l.ahead, l.placing, l.steps = true, nil, 0, nil, nil, nil, nil
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
// are those the batches logged made, or of a grown store what its first
// batch logged found with what they made, was changed otherwise since:
// curated (the audit) or resolved (an article resolved), by another
// process.
func (db *DB) othersWrote(ctx context.Context, tx *sql.Tx) (bool, error) {
	if mark, logged, grown := db.fresh.grownMark(); grown {
		m, err := db.readAuditMark(ctx, tx)
		if err != nil || m != mark {
			return true, err
		}
		same, err := db.unresolvedAre(ctx, tx, logged)
		return err != nil || !same, err
	}
	var audit, resolved int64
	err := db.queryRow(ctx, tx, `SELECT (SELECT COUNT(*) FROM audit), (SELECT COUNT(*) FROM articles WHERE resolved)`).Scan(&audit, &resolved)
	return err != nil || audit > 0 || resolved > 0, err
}

// starts tells whether a batch saved whole, which found the greatest IDs
// of entities and occurrences seq, is to be logged (the log is kept), and
// whether it would be the first batch logged of a store that holds rows
// (grown), whose transaction then reads the audit's mark for add.
func (l *freshLog) starts(seq *rowSeq) (logged, grown bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.off {
		return false, false
	}
	return true, len(l.batches) == 0 && (seq.entity != 0 || seq.occ != 0)
}

// grownMark returns, when the log is kept of a store that held rows
// before its first batch (grown), the audit's mark that batch read and
// the articles the batches logged, every one not resolved yet.
func (l *freshLog) grownMark() (auditMark, map[int64]bool, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.grown {
		return auditMark{}, nil, false
	}
	logged := map[int64]bool{}
	for _, b := range l.batches {
		for _, a := range b.articles {
			logged[a.ID] = true
		}
	}
	return l.audit, logged, true
}

// grownLog tells whether the log is kept of a store that held rows before
// its first batch (grown).
func (l *freshLog) grownLog() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.grown
}

// auditMark is what tells that the store was curated since: the audit's
// entries, and those undone.
type auditMark struct{ entries, undone int64 }

// readAuditMark reads the audit's mark in r.
func (db *DB) readAuditMark(ctx context.Context, r runner) (auditMark, error) {
	var m auditMark
	err := db.queryRow(ctx, r, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN undone THEN 1 ELSE 0 END), 0) FROM audit`).Scan(&m.entries, &m.undone)
	return m, err
}

// add logs the articles of saves that a batch saved whole created, once
// its transaction is committed, and keeps names, what findNames finds in
// the store for every name now, when not nil, with seq, the greatest IDs
// the batch left. A batch that would be the first logged of a store that
// held rows gives the audit's mark its transaction read (grown), and
// others nil.
func (l *freshLog) add(saves []*saving, names map[string]int64, seq rowSeq, grown *auditMark, lk *lookup) {
	b := &freshBatch{names: map[int64]string{}, lookup: lk}
	if lk != nil {
		b.made = madeBy(saves)
	}
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
				b.makers = append(b.makers, e.occ)
			}
		}
		for _, pc := range s.p.claims {
			b.ties = append(b.ties, resolve.Tie{Subject: s.p.ents[pc.s].occ, Predicate: pc.c.Predicate,
				Object: s.p.ents[pc.o].occ, Stance: pc.stance})
			b.tieArts = append(b.tieArts, s.id)
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
	if len(l.batches) == 0 {
		l.grown = grown != nil
		if l.grown {
			l.audit = *grown
		}
	} else if grown != nil {
		// (a batch logged in between: not the first)
		l.off, l.batches, l.occs, l.names = true, nil, 0, nil
		return
	}
	l.batches = append(l.batches, b)
}

// take returns what the log of a new store holds, as loadResolution would
// read it, and drops the log; nil when it holds nothing, or was kept of a
// store that held rows.
func (l *freshLog) take() (*resolve.Input, *stored, *freshCounts) {
	l.mu.Lock()
	bs, grown := l.batches, l.grown
	l.off, l.batches, l.occs, l.names = true, nil, 0, nil
	l.mu.Unlock()
	if len(bs) == 0 || grown {
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
	made := makers(bs)
	for _, o := range in.Occurrences {
		cur.reason[o.ID] = provisionalReason(made[o.ID])
		n.maxOcc = max(n.maxOcc, o.ID)
	}
	n.articles, n.unresolved = int64(len(in.Articles)), int64(len(in.Articles))
	n.occs, n.entities = int64(len(in.Occurrences)), int64(len(cur.name))
	return in, cur, n
}

// makers returns the occurrences of bs that made their entities.
func makers(bs []*freshBatch) map[int64]bool {
	n := 0
	for _, b := range bs {
		n += len(b.makers)
	}
	made := make(map[int64]bool, n)
	for _, b := range bs {
		for _, id := range b.makers {
			made[id] = true
		}
	}
	return made
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

// keepPlacing keeps a, whose batch committed, for ResolveArticles
// (takePlacing).
func (l *freshLog) keepPlacing(a *placeAhead) {
	l.mu.Lock()
	l.placing = a
	l.mu.Unlock()
}

// takePlacing returns the scoped resolution kept (keepPlacing), or nil,
// and forgets it.
func (l *freshLog) takePlacing() *placeAhead {
	l.mu.Lock()
	defer l.mu.Unlock()
	a := l.placing
	l.placing = nil
	return a
}

// takeAhead returns the resolution kept (keepAhead), or nil, and forgets it.
func (l *freshLog) takeAhead() *resolveAhead {
	l.mu.Lock()
	defer l.mu.Unlock()
	a := l.ahead
	l.ahead = nil
	return a
}

// scopeLog is what a freshLog kept of a store that held rows before its
// batches: their articles, occurrences and ties, which a scoped resolution
// of them reads (loadScope), and the audit's mark before them.
type scopeLog struct {
	articles map[int64]*resolve.Article
	occs     map[int64][]resolve.Occurrence // by article, in the order of their IDs
	ties     map[int64][]resolve.Tie        // by article, in the order stored
	makers   map[int64]bool                 // the occurrences that made their entities
	audit    auditMark

	// the look-ups of the batches' names made beside them, when every
	// batch made one, and the entities the batches made
	lookups []*lookup
	made    []madeEntity
	// steps, when not nil, is the scope of every batch but the last read
	// beside them (stepScope)
	steps *scopeStep
}

// takeScope returns what the log of a grown store holds and drops the
// log; nil when it holds nothing, or was kept of a new store.
func (l *freshLog) takeScope() *scopeLog {
	l.mu.Lock()
	bs, grown, audit, steps := l.batches, l.grown, l.audit, l.steps
	l.off, l.batches, l.occs, l.names, l.steps = true, nil, 0, nil, nil
	l.mu.Unlock()
	if len(bs) == 0 || !grown {
		return nil
	}
	sl := logOf(bs)
	sl.audit = audit
	for _, b := range bs {
		sl.lookups = append(sl.lookups, b.lookup)
		sl.made = append(sl.made, b.made...)
	}
	if slices.Contains(sl.lookups, nil) {
		sl.lookups = nil // (a batch made none)
	}
	if steps != nil && steps.batches == len(bs)-1 {
		sl.steps = steps // (of every batch but the last)
	}
	return sl
}

// logOf returns the articles, occurrences and ties of the batches bs as
// a scopeLog holds them.
func logOf(bs []*freshBatch) *scopeLog {
	sl := &scopeLog{articles: map[int64]*resolve.Article{}, occs: map[int64][]resolve.Occurrence{},
		ties: map[int64][]resolve.Tie{}, makers: makers(bs)}
	byID := func(a, b resolve.Occurrence) int { return cmp.Compare(a.ID, b.ID) }
	for _, b := range bs {
		for i := range b.articles {
			sl.articles[b.articles[i].ID] = &b.articles[i]
		}
		// an article's rows are one run of the batch's, which the log
		// shares (each its own to append to) but when split
		eachRun(len(b.occs), func(i int) int64 { return b.occs[i].Article }, func(a int64, from, to int) {
			sl.occs[a] = appendRun(sl.occs[a], b.occs[from:to:to])
		})
		eachRun(len(b.ties), func(i int) int64 { return b.tieArts[i] }, func(a int64, from, to int) {
			sl.ties[a] = appendRun(sl.ties[a], b.ties[from:to:to])
		})
	}
	for a, os := range sl.occs {
		if !slices.IsSortedFunc(os, byID) {
			os = slices.Clone(os) // (the batch's are not sorted)
			slices.SortFunc(os, byID)
			sl.occs[a] = os
		}
	}
	return sl
}

// eachRun calls f with each run of the n rows whose article (of) is the
// same, its article and bounds.
func eachRun(n int, of func(i int) int64, f func(a int64, from, to int)) {
	for i := 0; i < n; {
		j := i + 1
		for j < n && of(j) == of(i) {
			j++
		}
		f(of(i), i, j)
		i = j
	}
}

// appendRun returns run, the rows of an article, after those before (a
// copy of both when there are some).
func appendRun[E any](before, run []E) []E {
	if before == nil {
		return run
	}
	return append(slices.Clip(before), run...)
}

// holds tells whether the store holds in tx what the log says of the
// articles ids: they are those logged, and every article not resolved,
// and the audit is as it was before the first batch logged (no other
// process resolved or curated them since).
func (l *scopeLog) holds(ctx context.Context, db *DB, tx *sql.Tx, ids []int64) (bool, error) {
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if l.articles[id] == nil {
			return false, nil
		}
		want[id] = true
	}
	if len(want) != len(l.articles) {
		return false, nil
	}
	if m, err := db.readAuditMark(ctx, tx); err != nil || m != l.audit {
		return false, err
	}
	return db.unresolvedAre(ctx, tx, want)
}

// fill puts into sc what loadScope reads of the articles ids, as it reads
// them: their articles (each once, a chunk at a time, in the order of
// their IDs), their occurrences (a chunk of articles at a time, by article
// and then ID), new ones, and their ties (by article, in the order
// stored).
func (l *scopeLog) fill(sc *scope, ids []int64) {
	var want []int64
	for _, id := range ids {
		if !sc.arts.has(id) {
			sc.arts.add(id)
			want = append(want, id)
		}
	}
	for start := 0; start < len(want); start += chunk {
		part := slices.Clone(want[start:min(start+chunk, len(want))])
		slices.Sort(part)
		for _, id := range part {
			sc.in.Articles = append(sc.in.Articles, *l.articles[id])
		}
	}
	n := 0 // (at most: some may be loaded)
	for _, id := range ids {
		n += len(l.occs[id])
	}
	sc.in.Occurrences = grow(sc.in.Occurrences, n)
	news := make([]newOcc, 0, n) // (sc.news's, allocated at once)
	for start := 0; start < len(ids); start += chunk {
		part := slices.Clone(ids[start:min(start+chunk, len(ids))])
		slices.Sort(part)
		part = slices.Compact(part)
		for _, id := range part {
			for _, o := range l.occs[id] {
				if sc.loaded.has(o.ID) {
					continue
				}
				sc.loaded.add(o.ID)
				news = append(news, newOcc{entity: o.Entity, reason: provisionalReason(l.makers[o.ID]), names: o.Names})
				sc.news[o.ID] = &news[len(news)-1]
				o.Entity = 0
				sc.in.Occurrences = append(sc.in.Occurrences, o)
			}
		}
	}
	for start := 0; start < len(ids); start += chunk {
		part := slices.Clone(ids[start:min(start+chunk, len(ids))])
		slices.Sort(part)
		for _, id := range slices.Compact(part) {
			sc.in.Ties = append(sc.in.Ties, l.ties[id]...)
		}
	}
}
