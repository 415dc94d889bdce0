package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"maps"
	"slices"
	"sync"

	"github.com/factions/factions"
	"github.com/factions/factions/resolve"
)

// A scoped resolution of a grown store looks its new names up among the
// stored aliases (candidates), reads the samples of the entities it finds
// (loadSamples) and resolves, on one CPU, once the last batch is written.
// Instead, while each batch a freshLog keeps of a grown store is written,
// its names are looked up and the samples of what they find read on a
// connection of their own (lookAhead), on the CPU the writer leaves; and
// while the last batch is written, the scoped resolution is worked out
// from those (placeAhead), so that ResolveArticles finds it done.
//
// What the look-ups find is what candidates would: a look-up made at any
// time after the first batch logged began finds every entity stored
// before it (saves add no alias to a stored entity, merge none and delete
// none), and what the batches made since is in the log (their entities
// and the aliases each was made with: freshBatch.made). A key a batch
// logged before looked up (with its types) is not looked up again: what
// was made since that look-up is in the log too. The samples are those
// of the last resolution, which no save changes. The log is used only
// when nothing else wrote meanwhile (scopeLog.holds): no other process
// stored, resolved or curated.

// madeEntity is an entity a batch saved whole made, with the keys of the
// aliases it was made with.
type madeEntity struct {
	id           int64
	typ          factions.EntityType
	norms, vkeys []string
}

// keySets are the keys candidates looks up, by aliases' norm and by
// their vkey, each with the types of the names it is a key of.
type keySets struct{ norm, vkey map[string]typeSet }

// keysOf returns the keys of the names of occs that candidates looks up,
// both kinds read in one pass.
func keysOf(occs []resolve.Occurrence) keySets {
	ks := candidateKeys(occs, normKey(factions.NormalizeName), variantKeyOf)
	return keySets{norm: ks[0], vkey: ks[1]}
}

// lookup is the look-up of the names of one batch (lookAhead).
type lookup struct {
	keyed chan struct{} // closed once keys is set
	done  chan struct{} // closed once found and err are set
	keys  keySets       // every key of the batch's names
	found map[candidate]bool
	// the rows of entity_samples of the entities found that no look-up
	// before found
	samples map[int64]*entitySample
	err     error
	early   bool // started before the batch was planned (lookEarly)

	// of an early one: the look-ups before it (notLooked), the keys it
	// looked up and the rows they found (every live entity of each,
	// whatever its type), and the entities whose samples it read; so that
	// the batch's look-up once planned, of fewer names when some article
	// was not new, reads again only what it did not (reuse)
	before []*lookup
	looked keySets
	rows   aliasRows
	read   []int64
}

// aliasRows are the live entities that have a key as an alias's norm and
// as its vkey.
type aliasRows struct{ norm, vkey []aliasRow }

// aliasRow is a live entity that has key as an alias's norm or vkey.
type aliasRow struct {
	key string
	c   candidate
}

// lookAhead starts looking up the names occs of a batch, which a freshLog
// of a grown store is to keep (batchOccs), on a connection of its own, but
// the keys a batch the log holds already looked up with the same types or
// more (notLooked), and what from, the batch's early look-up when not
// nil, found already (reuse). It runs to its end whatever becomes of ctx;
// the store waits for it when it closes (freshLog.side).
func (db *DB) lookAhead(ctx context.Context, occs []resolve.Occurrence, early bool, from *lookup) *lookup {
	// (the batch's context ends with the ingest, maybe before the look-up)
	ctx = context.WithoutCancel(ctx)
	before := db.fresh.lookups() // (this batch is not logged before it commits)
	lk := &lookup{keyed: make(chan struct{}), done: make(chan struct{}), early: early}
	if early {
		lk.before = before
	}
	db.fresh.side.Add(1)
	go func() {
		defer db.fresh.side.Done()
		defer close(lk.done)
		if lookAheadHook != nil {
			lookAheadHook()
		}
		lk.keys = keysOf(occs)
		close(lk.keyed)
		want := notLooked(lk.keys, before)
		found, samples, want, unread := from.reuse(want, before)
		conn, err := db.db.Conn(ctx)
		if err != nil {
			lk.err = err
			return
		}
		defer conn.Close()
		var rows *aliasRows // (kept by an early one)
		if early {
			lk.looked, rows = want, &lk.rows
		}
		ix, err := db.aliasesFor(ctx, conn, len(want.norm)+len(want.vkey))
		switch {
		case err != nil:
		case ix != nil:
			ix.find(ix.norm, want.norm, found, rows.of("norm"))
			ix.find(ix.vkey, want.vkey, found, rows.of("vkey"))
		default:
			err = db.findCandidates(ctx, conn, "norm", want.norm, found, rows.of("norm"))
			if err == nil {
				err = db.findCandidates(ctx, conn, "vkey", want.vkey, found, rows.of("vkey"))
			}
		}
		var more map[int64]*entitySample
		if err == nil {
			ids := unread(notFound(found, before))
			if early {
				lk.read = ids
			}
			more, err = db.readSamples(ctx, conn, ids)
			maps.Copy(samples, more)
		}
		lk.found, lk.samples, lk.err = found, samples, err
	}()
	return lk
}

// reuse returns what lk, the early look-up of the same batch (nil: none),
// found of the keys want (of the look-up after the look-ups before) and
// the rows of entity_samples it read of them; with the keys it did not
// look up, and a function that returns those of some entities whose rows
// it did not read (sorted, as are theirs). It reuses nothing when it
// failed or followed other look-ups: then it returns want and ids whole.
func (lk *lookup) reuse(want keySets, before []*lookup) (map[candidate]bool, map[int64]*entitySample, keySets, func(ids []int64) []int64) {
	found, samples := map[candidate]bool{}, map[int64]*entitySample{}
	whole := func(ids []int64) []int64 { return ids }
	if lk == nil {
		return found, samples, want, whole
	}
	if <-lk.done; lk.err != nil || !lk.early || !slices.Equal(lk.before, before) {
		return found, samples, want, whole
	}
	rest := keySets{norm: reuseRows(found, want.norm, lk.looked.norm, lk.rows.norm),
		vkey: reuseRows(found, want.vkey, lk.looked.vkey, lk.rows.vkey)}
	unread := func(ids []int64) []int64 {
		var out []int64
		for _, id := range ids {
			if _, ok := slices.BinarySearch(lk.read, id); !ok {
				out = append(out, id)
			} else if s := lk.samples[id]; s != nil {
				samples[id] = s
			}
		}
		return out
	}
	return found, samples, rest, unread
}

// reuseRows puts into found the entities of rows, those a look-up found
// of the keys looked, that have a key of want of one of its types, and
// returns the keys of want not among looked.
func reuseRows(found map[candidate]bool, want, looked map[string]typeSet, rows []aliasRow) map[string]typeSet {
	rest := map[string]typeSet{}
	for k, ts := range want {
		if _, ok := looked[k]; !ok {
			rest[k] = ts
		}
	}
	for _, r := range rows {
		if want[r.key].has(r.c.typ) {
			found[r.c] = true
		}
	}
	return rest
}

// of returns the rows of the column col (norm or vkey) to add to; nil of
// none.
func (rs *aliasRows) of(col string) *[]aliasRow {
	switch {
	case rs == nil:
		return nil
	case col == "norm":
		return &rs.norm
	}
	return &rs.vkey
}

// lookAheadHook, when set (by tests), runs first on each look-up's
// goroutine.
var lookAheadHook func()

// lookEarly starts looking up (lookAhead) the names of every article of
// saves, a batch that found the greatest IDs seq, as batchOccs gives them
// once each is saved if each is new, when the store (of resolve_meta
// rows meta) is not to be resolved whole after it, even so (dueAt): while
// the batch is planned, rather than once it is. Nil when the store is to
// be resolved whole.
func (db *DB) lookEarly(ctx context.Context, saves []*saving, seq rowSeq, meta map[string]string) *lookup {
	occs := planOccs(saves, false)
	if dueAt(meta, seq.occ+int64(len(occs))) {
		return nil
	}
	return db.lookAhead(ctx, occs, true, nil)
}

// batchOccs returns the occurrences the log of saves, a batch saved
// whole, is to hold (freshLog.add), as much of them as their keys read:
// their types and names.
func batchOccs(saves []*saving) []resolve.Occurrence { return planOccs(saves, true) }

// planOccs returns the occurrences of the articles of saves that
// batchOccs does, of those stored new only when created is set.
func planOccs(saves []*saving, created bool) []resolve.Occurrence {
	taken := func(s *saving) bool { return s != nil && (!created || s.created) }
	n := 0
	for _, s := range saves {
		if taken(s) {
			n += len(s.p.ents)
		}
	}
	occs := make([]resolve.Occurrence, 0, n)
	var names nameBlock
	for _, s := range saves {
		if !taken(s) {
			continue
		}
		for _, e := range s.p.ents {
			occs = append(occs, resolve.Occurrence{Type: e.typ, Names: names.split(e.joined)})
		}
	}
	return occs
}

// madeBy returns the entities the articles of saves made, as the log
// keeps them.
func madeBy(saves []*saving) []madeEntity {
	var made []madeEntity
	for _, s := range saves {
		if s == nil || !s.created {
			continue
		}
		for _, e := range s.p.ents {
			if !e.existing {
				made = append(made, madeEntity{id: e.id, typ: e.typ, norms: slices.Clone(e.norms), vkeys: slices.Clone(e.vkeys)})
			}
		}
	}
	return made
}

// lookedUp tells whether some look-up of lookups looked up a key of an
// alias e was made with, with its type.
func (e *madeEntity) lookedUp(lookups []*lookup) bool {
	for i, n := range e.norms {
		for _, lk := range lookups {
			if lk.keys.norm[n].has(e.typ) || e.vkeys[i] != "" && lk.keys.vkey[e.vkeys[i]].has(e.typ) {
				return true
			}
		}
	}
	return false
}

// notFound returns the IDs of found that none of the look-ups before
// found, once they are done, in order.
func notFound(found map[candidate]bool, before []*lookup) []int64 {
	for _, lk := range before {
		<-lk.done
	}
	var ids []int64
	for c := range found {
		if !slices.ContainsFunc(before, func(lk *lookup) bool { return lk.found[c] }) {
			ids = append(ids, c.id)
		}
	}
	slices.Sort(ids)
	return ids
}

// lookups returns the look-ups of the batches the log holds.
func (l *freshLog) lookups() []*lookup {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []*lookup
	for _, b := range l.batches {
		if b.lookup != nil {
			out = append(out, b.lookup)
		}
	}
	return out
}

// notLooked returns those of keys that none of the look-ups before looked
// up with all their types (with their types), once their keys are known.
func notLooked(keys keySets, before []*lookup) keySets {
	norms, vkeys := make([]map[string]typeSet, len(before)), make([]map[string]typeSet, len(before))
	for i, lk := range before {
		<-lk.keyed
		norms[i], vkeys[i] = lk.keys.norm, lk.keys.vkey
	}
	return keySets{norm: notLookedIn(keys.norm, norms), vkey: notLookedIn(keys.vkey, vkeys)}
}

// notLookedIn returns those of keys that the keys of the look-ups before,
// of a kind, do not hold with all their types.
func notLookedIn(keys map[string]typeSet, before []map[string]typeSet) map[string]typeSet {
	want := make(map[string]typeSet, len(keys))
	for k, ts := range keys {
		left := ts // the types no look-up so far looked k up with
		for _, looked := range before {
			if left &^= looked[k]; left == 0 {
				break
			}
		}
		if left != 0 {
			want[k] = ts
		}
	}
	return want
}

// candidates returns what candidates would of the store that holds what
// l logged (holds): the entities the batches' look-ups found and those
// the batches made whose aliases have a key of the new names with its
// type, in order; with the rows of entity_samples of them all (the
// entities the batches made have none); ok false when a look-up failed,
// or none was made.
func (l *scopeLog) candidates(ctx context.Context) (cands []candidate, samples map[int64]*entitySample, ok bool, err error) {
	if len(l.lookups) == 0 {
		return nil, nil, false, nil
	}
	nFound, nSamples := 0, 0
	for _, lk := range l.lookups {
		select {
		case <-lk.done:
		case <-ctx.Done():
			return nil, nil, false, ctx.Err()
		}
		if lk.err != nil {
			return nil, nil, false, nil
		}
		nFound, nSamples = nFound+len(lk.found), nSamples+len(lk.samples)
	}
	found := make(map[candidate]bool, nFound)
	samples = make(map[int64]*entitySample, nSamples)
	for _, lk := range l.lookups {
		maps.Copy(found, lk.found)
		maps.Copy(samples, lk.samples)
	}
	for _, e := range l.made {
		if e.lookedUp(l.lookups) {
			found[candidate{e.id, e.typ}] = true
		}
	}
	cands = slices.Collect(maps.Keys(found))
	slices.SortFunc(cands, func(a, b candidate) int { return cmp.Compare(a.id, b.id) })
	return cands, samples, true, nil
}

// placeAhead is the scoped resolution of what a freshLog of a grown store
// held, this batch with it, worked out on a goroutine of its own while
// the writer writes the last batch of an ingest (SaveLastArticles), as
// resolveAhead is for a new store: from the log, the look-ups made
// beside its batches and the rows of entity_samples they read, with the
// old articles of those samples and the priors, which no save changes.
// ResolveArticles takes it when the store holds what the log says
// (scopeLog.holds), the samples are whole (read ahead) and the articles
// it places are those the log holds (holds too); else it places them as
// it would have, reading the log (log).
type placeAhead struct {
	log  *scopeLog
	done chan struct{} // closed once sc, types and res are set
	// sc is the scope read (nil: not worked out), types its occurrences'
	// types before resolution retyped some, and res what resolution gave
	sc    *scope
	types []factions.EntityType
	res   *resolve.Result
	used  bool // ResolveArticles took it
}

// startPlaceAhead takes what the log holds and starts placing it; nil
// when the log holds nothing of a grown store, or some batch of it made
// no look-up (lookAhead).
func (db *DB) startPlaceAhead(ctx context.Context) *placeAhead {
	sl := db.fresh.takeScope()
	if sl == nil {
		return nil
	}
	a := &placeAhead{log: sl, done: make(chan struct{})}
	if len(sl.lookups) == 0 {
		close(a.done)
		return a
	}
	ids := slices.Sorted(maps.Keys(sl.articles)) // as ResolveState gives them
	ctx = context.WithoutCancel(ctx)
	db.fresh.side.Add(1)
	go func() {
		defer db.fresh.side.Done()
		defer close(a.done)
		sc, err := db.scopeAhead(ctx, sl, ids)
		if err != nil || sc == nil {
			return // placed as before, from the log
		}
		a.types = occurrenceTypes(sc.in) // as stored: resolution retypes some
		sc.in.Placing = true
		a.res = resolve.Resolve(sc.in, db.Gazetteer)
		a.sc = sc
	}()
	return a
}

// scopeAhead reads what loadScope does of the articles ids that sl holds,
// on a connection of its own: nil when entity_samples is not whole or a
// look-up failed. It goes on from the scope its steps read beside the
// batches before the last (scopeLog.steps), when they did: the articles
// they filled in and the candidates they took are not read again. The
// scope is the same either way but for the order of its occurrences,
// ties and articles, which resolution does not read (package resolve).
func (db *DB) scopeAhead(ctx context.Context, sl *scopeLog, ids []int64) (*scope, error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if ok, err := db.samplesWhole(ctx, conn); !ok || err != nil {
		return nil, err
	}
	sc, seen := newScope(), map[candidate]bool{}
	if st := sl.steps; st != nil {
		<-st.done
		if st.ok {
			sc, seen = st.sc, st.seen
		}
	}
	var rest []int64 // the articles no step filled in
	for _, id := range ids {
		if !sc.arts.has(id) {
			rest = append(rest, id)
		}
	}
	sl.fill(sc, rest)
	if err := db.loadPriors(ctx, conn, sc.in); err != nil {
		return nil, err
	}
	cands, samples, ok, err := sl.candidates(ctx)
	if !ok || err != nil {
		return nil, err
	}
	sc.samples = samples
	cands = slices.DeleteFunc(cands, func(c candidate) bool { return seen[c] })
	return sc, db.loadArticles(ctx, conn, sc, takeSamples(sc, cands, samples), true)
}

// scopeStep is the scope of the batches a freshLog of a grown store
// logged, read on a goroutine of its own as each commits (stepScope):
// their articles, occurrences and ties, and the samples of the entities
// their look-ups found, with the old articles of those.
type scopeStep struct {
	done    chan struct{} // closed once sc, seen and ok are set
	batches int           // the batches it holds, the first on
	sc      *scope        // (the next step's once done)
	seen    map[candidate]bool
	ok      bool // false: failed, or entity_samples not whole
}

// stepScope starts adding to the scope of the batches before it the
// batch the log of a grown store holds last, once the step before is
// done and the batch's look-up: so that the scoped resolution that
// follows the last batch, which starts only once that batch is known,
// reads only that batch's (scopeAhead). It starts none when a batch
// before had none.
func (db *DB) stepScope(ctx context.Context) {
	l := &db.fresh
	l.mu.Lock()
	n := len(l.batches)
	prev := l.steps
	if l.off || !l.grown || n == 0 || l.batches[n-1].lookup == nil || (prev == nil) != (n == 1) || prev != nil && prev.batches != n-1 {
		l.mu.Unlock()
		return
	}
	b := l.batches[n-1]
	st := &scopeStep{done: make(chan struct{}), batches: n}
	l.steps = st
	l.side.Add(1)
	l.mu.Unlock()
	ctx = context.WithoutCancel(ctx) // (the step outlives the batch's context)
	go func() {
		defer l.side.Done()
		defer close(st.done)
		st.sc, st.seen, st.ok = db.addStep(ctx, prev, b)
	}()
}

// addStep returns the scope of prev (a new one when nil) with what the
// batch b adds to it, ok false when prev failed, the batch's look-up
// failed, entity_samples is not whole or a read failed.
func (db *DB) addStep(ctx context.Context, prev *scopeStep, b *freshBatch) (sc *scope, seen map[candidate]bool, ok bool) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, nil, false
	}
	defer conn.Close()
	if prev == nil {
		if whole, err := db.samplesWhole(ctx, conn); !whole || err != nil {
			return nil, nil, false
		}
		sc, seen = newScope(), map[candidate]bool{}
	} else {
		if <-prev.done; !prev.ok {
			return nil, nil, false
		}
		sc, seen = prev.sc, prev.seen
	}
	ids := make([]int64, len(b.articles))
	for i, a := range b.articles {
		ids[i] = a.ID
	}
	slices.Sort(ids)
	logOf([]*freshBatch{b}).fill(sc, ids)
	lk := b.lookup
	if <-lk.done; lk.err != nil {
		return nil, nil, false
	}
	var cands []candidate // found first by this batch's look-up: its samples have them
	for c := range lk.found {
		if !seen[c] {
			seen[c] = true
			cands = append(cands, c)
		}
	}
	slices.SortFunc(cands, func(a, b candidate) int { return cmp.Compare(a.id, b.id) })
	if err := db.loadArticles(ctx, conn, sc, takeSamples(sc, cands, lk.samples), true); err != nil {
		return nil, nil, false
	}
	return sc, seen, true
}

// take returns the scope, types and resolution a worked out, when the
// store holds in tx what its log says and ids are the articles it holds;
// else nil.
func (a *placeAhead) take(ctx context.Context, db *DB, tx *sql.Tx, ids []int64) (*scope, []factions.EntityType, *resolve.Result, error) {
	if a == nil {
		return nil, nil, nil, nil
	}
	if ok, err := a.log.holds(ctx, db, tx, ids); !ok || err != nil {
		return nil, nil, nil, err
	}
	select {
	case <-a.done:
	case <-ctx.Done():
		return nil, nil, nil, ctx.Err()
	}
	if a.sc == nil {
		return nil, nil, nil, nil
	}
	a.used = true
	return a.sc, a.types, a.res, nil
}

// aliasIndex is every live entity of a store by the norm and by the vkey
// of each of its aliases (one candidate an alias), as the first batch
// logged into a grown store, or its first look-up, read them before the
// batch wrote (aliasesFor): the batch takes its names from it (names), the
// look-ups find there what findCandidates would of the entities stored
// before the first batch, and candidates what the batches made since in
// the log, as it does of those made after a look-up.
type aliasIndex struct{ norm, vkey map[string][]candidate }

// aliasLoad is the reading of a store's aliases into an aliasIndex, once
// for the look-ups of a log.
type aliasLoad struct {
	once sync.Once
	ix   *aliasIndex // nil: not read, the look-ups read the store
	err  error
}

// aliases returns the log's reading of the store's aliases.
func (l *freshLog) aliases() *aliasLoad {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.aliasLoad == nil {
		l.aliasLoad = &aliasLoad{}
	}
	return l.aliasLoad
}

// aliasesFor returns the aliases of the store as the first look-up of the
// log, or the first batch's writer (batchNames), read them, on conn, when
// it had n keys or names to look up and the store at most wholeNamesPer
// aliases for each; nil when it did not. Either reads the store as the
// first batch found it: the writer before it writes, a look-up while the
// batch is not committed.
func (db *DB) aliasesFor(ctx context.Context, conn runner, n int) (*aliasIndex, error) {
	load := db.fresh.aliases()
	load.once.Do(func() {
		var aliases int
		if load.err = db.queryRow(ctx, conn, `SELECT COUNT(*) FROM aliases`).Scan(&aliases); load.err != nil || aliases > wholeNamesPer*n {
			return
		}
		load.ix, load.err = db.readAliases(ctx, conn, aliases)
	})
	return load.ix, load.err
}

// readAliases reads the n aliases of the live entities of the store.
func (db *DB) readAliases(ctx context.Context, conn runner, n int) (*aliasIndex, error) {
	rows, err := db.query(ctx, conn, `SELECT a.entity_id, e.type, a.norm, a.vkey FROM aliases a JOIN entities e ON e.id = a.entity_id
		WHERE e.merged_into IS NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ix := &aliasIndex{norm: make(map[string][]candidate, n), vkey: make(map[string][]candidate, n)}
	for rows.Next() {
		var c candidate
		var norm string
		var vkey sql.NullString
		if err := rows.Scan(&c.id, &c.typ, &norm, &vkey); err != nil {
			return nil, err
		}
		ix.norm[norm] = append(ix.norm[norm], c)
		if vkey.Valid {
			ix.vkey[vkey.String] = append(ix.vkey[vkey.String], c)
		}
	}
	return ix, rows.Err()
}

// find puts into found what findCandidates would of the keys types, among
// the candidates by key in, and their rows into hits when not nil.
func (ix *aliasIndex) find(in map[string][]candidate, types map[string]typeSet, found map[candidate]bool, hits *[]aliasRow) {
	for k, ts := range types {
		for _, c := range in[k] {
			if ts.has(c.typ) {
				found[c] = true
			}
			if hits != nil {
				*hits = append(*hits, aliasRow{k, c})
			}
		}
	}
}

// names returns what findNames finds in the store of every name:
// nameKey(type, norm) → the least live entity of that type with an alias
// of that norm.
func (ix *aliasIndex) names() map[string]int64 {
	found := make(map[string]int64, len(ix.norm))
	for norm, cs := range ix.norm {
		for _, c := range cs {
			k := nameKey(c.typ, norm)
			if id, ok := found[k]; !ok || c.id < id {
				found[k] = c.id
			}
		}
	}
	return found
}
