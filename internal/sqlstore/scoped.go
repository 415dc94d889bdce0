package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/factions/factions"
	"github.com/factions/factions/resolve"
)

var _ factions.ArticleResolver = (*DB)(nil)

// SampleSize is how many of a stored entity's occurrences a scoped
// resolution reads (its latest stored), by type: a person's context (his
// parties, countries and dates) takes more to tell than an organization's,
// and a place is told by its name and the article's country. unsampledCap
// is the most of the others it counts. Neither grows with the entity's
// history.
var SampleSize = map[factions.EntityType]int{factions.Person: 8, factions.Organization: 4, factions.Place: 2}

const unsampledCap = 256

// The keys of resolve_meta.
const (
	metaHomes  = "homes"       // JSON: paper → home country
	metaPrior  = "prior"       // JSON: country → articles
	metaCount  = "occurrences" // occurrences at the last full resolution
	metaMaxOcc = "max_occurrence"
)

// ResolveState returns the articles no resolution has placed yet (by the
// partial index articles_unresolved), and the occurrences counted at the
// last full resolution and about stored now (that count plus the IDs
// given since), or the database's error.
func (db *DB) ResolveState(ctx context.Context) (*factions.ResolveState, error) {
	st := &factions.ResolveState{}
	rows, err := db.query(ctx, db.db, `SELECT id FROM articles WHERE NOT resolved ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("resolve state: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("resolve state: %w", err)
		}
		st.Unresolved = append(st.Unresolved, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("resolve state: %w", err)
	}
	meta, err := db.readMeta(ctx, db.db)
	if err != nil {
		return nil, fmt.Errorf("resolve state: %w", err)
	}
	var maxOcc sql.NullInt64
	if err := db.queryRow(ctx, db.db, `SELECT MAX(id) FROM occurrences`).Scan(&maxOcc); err != nil {
		return nil, fmt.Errorf("resolve state: %w", err)
	}
	st.AtFull, st.Occurrences = occurrenceCounts(meta, maxOcc.Int64)
	return st, nil
}

// occurrenceCounts returns the occurrences counted at the last full
// resolution (meta, resolve_meta's rows) and about stored now, when the
// greatest occurrence ID is maxOcc: that count plus the IDs given since.
func occurrenceCounts(meta map[string]string, maxOcc int64) (atFull, now int64) {
	atFull, _ = strconv.ParseInt(meta[metaCount], 10, 64)
	last, _ := strconv.ParseInt(meta[metaMaxOcc], 10, 64)
	return atFull, atFull + max(maxOcc-last, 0)
}

// dueAt tells whether a store whose greatest occurrence ID is maxOcc and
// whose resolve_meta rows are meta is to be resolved whole by
// ResolveNew's auto mode (factions.ResolveState.FullDue) rather than
// scoped.
func dueAt(meta map[string]string, maxOcc int64) bool {
	st := &factions.ResolveState{}
	st.AtFull, st.Occurrences = occurrenceCounts(meta, maxOcc)
	return dueWhole(st)
}

// dueWhole is factions.ResolveState.FullDue (tests of the scoped
// resolution's work beside the batches set it otherwise, their stores
// being small).
var dueWhole = (*factions.ResolveState).FullDue

// readMeta returns the rows of resolve_meta.
func (db *DB) readMeta(ctx context.Context, r runner) (map[string]string, error) {
	rows, err := db.query(ctx, r, `SELECT key, value FROM resolve_meta`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// writeMeta records what a full resolution found: the papers' home
// countries, the articles of each country, and the occurrences counted.
func (db *DB) writeMeta(ctx context.Context, tx *sql.Tx, res *resolve.Result, in *resolve.Input) error {
	homes, err := json.Marshal(res.Homes)
	if err != nil {
		return err
	}
	prior, err := json.Marshal(res.Prior)
	if err != nil {
		return err
	}
	var maxOcc int64
	for _, o := range in.Occurrences {
		maxOcc = max(maxOcc, o.ID)
	}
	for _, kv := range [][2]string{
		{metaHomes, string(homes)}, {metaPrior, string(prior)},
		{metaCount, strconv.Itoa(len(in.Occurrences))}, {metaMaxOcc, strconv.FormatInt(maxOcc, 10)},
	} {
		if _, err := db.exec(ctx, tx, `INSERT INTO resolve_meta (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, kv[0], kv[1]); err != nil {
			return fmt.Errorf("resolve meta: %w", err)
		}
	}
	return nil
}

// markResolved records the countries res gives the articles of in that
// were not fixed, and that the articles ids are resolved.
func (db *DB) markResolved(ctx context.Context, tx *sql.Tx, in *resolve.Input, had map[int64]sql.NullString, res *resolve.Result, ids []int64) error {
	byCountry := map[string][]int64{}
	for _, a := range in.Articles {
		if a.Fixed {
			continue
		}
		c := res.Countries[a.ID]
		if old, ok := had[a.ID]; ok && old.Valid && old.String == c {
			continue
		}
		byCountry[c] = append(byCountry[c], a.ID)
	}
	// An article's row is written whole when its country changes (its
	// text too): one statement sets both its country and that it is
	// resolved.
	unresolved := make(map[int64]bool, len(ids))
	for _, id := range ids {
		unresolved[id] = true
	}
	for _, c := range sortedKeys(byCountry) {
		var both, only []int64
		for _, id := range byCountry[c] {
			if unresolved[id] {
				both = append(both, id)
				delete(unresolved, id)
			} else {
				only = append(only, id)
			}
		}
		if err := db.set(ctx, tx, "articles", "country", c, only); err != nil {
			return err
		}
		if err := db.setResolved(ctx, tx, c, both); err != nil {
			return err
		}
	}
	var rest []int64
	for _, id := range ids {
		if unresolved[id] {
			rest = append(rest, id)
		}
	}
	return db.set(ctx, tx, "articles", "resolved", true, rest)
}

// articleChunk is how many articles one statement of setResolved
// updates: SQLite keeps a copy of every page a statement changes until it
// ends (its statement journal, in memory), each article's row two pages
// or more with its text, and a copy of many megabytes is freed slowly.
const articleChunk = 64

// setResolved sets the country of the articles ids and that they are
// resolved.
func (db *DB) setResolved(ctx context.Context, tx *sql.Tx, country string, ids []int64) error {
	for start := 0; start < len(ids); start += articleChunk {
		part := ids[start:min(start+articleChunk, len(ids))]
		args := append([]any{country}, int64s(part)...)
		if _, err := tx.ExecContext(ctx, db.d.Rebind(`UPDATE articles SET country = ?, resolved = TRUE WHERE id IN (`+placeholders(len(part))+`)`), args...); err != nil {
			return fmt.Errorf("update articles: %w", err)
		}
	}
	return nil
}

// ResolveArticles places the occurrences of the articles ids (those saved
// since the last resolution) by the rules of package resolve, against a
// bounded part of the store: the live entities of their types that have
// one of their names (or variant spellings) as an alias, each by its
// SampleSize latest occurrences, with the claims that tie those to others
// and the countries stored for their articles, the papers' home countries
// and the articles of each country as the last full resolution found
// them. An occurrence resolution puts with stored occurrences goes to the
// entity most of those are in, and one put with none to a new entity; its
// names become its entity's aliases, and the rows read under it follow
// it. Stored occurrences stay where they are, and no stored entity is
// renamed or merged (Resolve does that). It returns what it changed, or
// the database's error, in which case it changed nothing.
func (db *DB) ResolveArticles(ctx context.Context, ids []int64) (*factions.ResolveStats, error) {
	placing := db.fresh.takePlacing()
	logged := db.fresh.takeScope()
	if placing != nil {
		logged = placing.log // (taken from the log with its last batch)
	}
	return db.resolveTx(ctx, "resolve articles", func(tx *sql.Tx) (*factions.ResolveStats, error) {
		sc, types, res, err := placing.take(ctx, db, tx, ids)
		if err != nil {
			return nil, err
		}
		if sc == nil {
			if sc, err = db.loadScope(ctx, tx, ids, nil, logged); err != nil {
				return nil, err
			}
			types = occurrenceTypes(sc.in) // as stored: resolution retypes some
			// what places the new occurrences, which placeScope reads, alone
			sc.in.Placing = true
			res = resolve.Resolve(sc.in, db.Gazetteer)
		}
		pl, err := db.placeScope(ctx, tx, sc, res)
		if err != nil {
			return nil, err
		}
		var samples func() ([]any, error)
		if sc.samples != nil {
			restoreTypes(sc.in, types)
			build, err := db.sampleUpdates(ctx, tx, sc, sc.samples)
			if err != nil {
				return nil, err
			}
			// the rows made on a goroutine while tx writes the rest
			samples = goWait(build)
		}
		if err := db.writeScope(ctx, tx, sc, pl); err != nil {
			return nil, err
		}
		if err := db.markResolved(ctx, tx, sc.in, nil, res, ids); err != nil {
			return nil, err
		}
		if samples == nil {
			// placed without them (some of the new articles only): they
			// lack what it placed
			return pl.st, db.staleSamples(ctx, tx)
		}
		rows, err := samples()
		if err != nil {
			return nil, err
		}
		return pl.st, db.writeSampleRows(ctx, tx, rows)
	})
}

// scope is what a scoped resolution reads: its input, and of the
// occurrences to place (new) the entity each is stored under now and its
// reason.
type scope struct {
	in     *resolve.Input
	news   map[int64]*newOcc
	fresh  map[int64]bool // entities with no stored occurrence but new ones
	arts   idSet          // the articles loaded
	loaded idSet          // the occurrences loaded
	// samples, when not nil, are the rows of entity_samples the samples
	// were read from (loadSamples), kept up to date (sampleUpdates)
	samples map[int64]*entitySample
	placed  map[int64]int64 // new occurrence → the entity placeScope put it in
	// types are the types of the candidates and of the entities
	// placeScope made
	types map[int64]factions.EntityType
	norms factions.NameNorms // the new names, normalized once
}

// newScope returns an empty scope.
func newScope() *scope {
	return &scope{in: &resolve.Input{}, news: map[int64]*newOcc{}, fresh: map[int64]bool{}, norms: factions.NameNorms{},
		placed: map[int64]int64{}, types: map[int64]factions.EntityType{}}
}

// idSet is a set of the IDs of rows, which are dense: a bit an ID up to
// the greatest, rather than a map's entry and a hash each look-up (a scope
// loads some ten thousand occurrences). IDs past denseIDs, or below 0, are
// kept in a map.
type idSet struct {
	bits []uint64 // id is in the set when bit id%64 of bits[id/64] is set
	far  map[int64]bool
}

// denseIDs bounds the IDs an idSet keeps as bits: some MB of them.
const denseIDs = 1 << 26

// has reports whether id is in s.
func (s *idSet) has(id int64) bool {
	if id < 0 || id >= denseIDs {
		return s.far[id]
	}
	i := int(id >> 6)
	return i < len(s.bits) && s.bits[i]&(1<<(id&63)) != 0
}

// add puts id into s.
func (s *idSet) add(id int64) {
	if id < 0 || id >= denseIDs {
		if s.far == nil {
			s.far = map[int64]bool{}
		}
		s.far[id] = true
		return
	}
	i := int(id >> 6)
	if i >= len(s.bits) {
		s.bits = append(s.bits, make([]uint64, i+1-len(s.bits))...)
	}
	s.bits[i] |= 1 << (id & 63)
}

// newOcc is an occurrence a scoped resolution places.
type newOcc struct {
	entity int64
	reason string
	names  []string
}

// loadScope reads the articles ids, their occurrences and ties, the
// entities those may be and a sample of each: from entity_samples when
// usable says so (nil: when samplesUsable says so), else from the
// occurrences and claims. The articles, occurrences and ties of ids are
// taken from logged, what the batches that saved them logged, when not
// nil and the store holds what it says (scopeLog.holds). What else it
// reads of them (the priors, the articles and ties, whether the samples
// are usable) is read beside (another connection) while tx reads the
// occurrences and the candidates they name.
func (db *DB) loadScope(ctx context.Context, tx *sql.Tx, ids []int64, usable *bool, logged *scopeLog) (*scope, error) {
	sc := newScope()
	if logged != nil {
		if ok, err := logged.holds(ctx, db, tx, ids); err != nil {
			return nil, err
		} else if ok {
			logged.fill(sc, ids)
		} else {
			logged = nil
		}
	}
	var use bool
	// (sc.in's priors, articles and ties, and sc.arts, are the side's
	// until it is waited for; its occurrences and the rest tx's)
	side := db.beside(ctx, tx, func(r runner) error {
		if err := db.loadPriors(ctx, r, sc.in); err != nil {
			return err
		}
		if logged == nil {
			if err := db.loadArticles(ctx, r, sc, ids, false); err != nil {
				return err
			}
			err := db.eachChunk(ids, func(args []any) error {
				return db.loadTies(ctx, r, sc, `article_id IN (`+placeholders(len(args))+`)`, args)
			})
			if err != nil {
				return err
			}
		}
		if usable != nil {
			return nil
		}
		var err error
		use, err = db.samplesUsable(ctx, r, ids)
		return err
	})
	var err error
	if logged == nil {
		err = db.eachChunk(ids, func(args []any) error {
			return db.loadOccs(ctx, tx, sc, true, `article_id IN (`+placeholders(len(args))+`)`, args)
		})
	}
	var cands []candidate
	var samples map[int64]*entitySample // their rows of entity_samples, when read beside the batches
	looked := false                     // looked up beside the batches logged
	if err == nil && logged != nil {
		cands, samples, looked, err = logged.candidates(ctx)
	}
	if err == nil && !looked {
		cands, err = db.candidates(ctx, tx, sc)
	}
	if err := errors.Join(err, side()); err != nil {
		return nil, err
	}
	if usable == nil {
		usable = &use
	}
	if *usable {
		sc.samples, err = db.loadSamples(ctx, tx, sc, cands, samples)
		return sc, err
	}
	sampled, err := db.sample(ctx, tx, sc, cands)
	if err != nil {
		return nil, err
	}
	return sc, db.loadNeighbours(ctx, tx, sc, sampled)
}

// beside runs f on a goroutine and a connection of their own where the
// store has one writer at a time, which tx is, and connections besides
// tx's: before tx writes, f reads there what tx would read, the store as
// last committed, while tx reads or computes. Elsewhere f runs in tx when
// the function returned is called. That function waits for f and returns
// its error; call it once.
func (db *DB) beside(ctx context.Context, tx *sql.Tx, f func(r runner) error) (wait func() error) {
	if !db.sideReads() {
		return func() error { return f(tx) }
	}
	done := make(chan error, 1)
	go func() {
		conn, err := db.db.Conn(ctx)
		if err != nil {
			done <- err
			return
		}
		defer conn.Close()
		done <- f(conn)
	}()
	return func() error { return <-done }
}

// besideHalves reads ids with read, the first half of its statements (a
// chunk each) beside (another connection) while tx reads the others, and
// returns what each half read. tx must have written nothing yet.
func besideHalves[T any](ctx context.Context, db *DB, tx *sql.Tx, ids []int64, read func(r runner, ids []int64) (T, error)) (first, rest T, err error) {
	half := min((len(ids)/chunk+1)/2*chunk, len(ids)) // whole statements each side
	side := db.beside(ctx, tx, func(r runner) (err error) {
		first, err = read(r, ids[:half])
		return err
	})
	rest, err = read(tx, ids[half:])
	return first, rest, errors.Join(side(), err)
}

// sideReads tells whether the store has one writer at a time (no
// Dialect.LockNames) and connections besides a transaction's, which may
// read what was last committed while it runs.
func (db *DB) sideReads() bool {
	return db.d.LockNames == nil && db.db.Stats().MaxOpenConnections != 1
}

// eachChunk calls f with the ids a chunk at a time, as arguments.
func (db *DB) eachChunk(ids []int64, f func(args []any) error) error {
	for start := 0; start < len(ids); start += chunk {
		if err := f(int64s(ids[start:min(start+chunk, len(ids))])); err != nil {
			return err
		}
	}
	return nil
}

// loadPriors reads what the last full resolution found of the papers and
// countries.
func (db *DB) loadPriors(ctx context.Context, r runner, in *resolve.Input) error {
	meta, err := db.readMeta(ctx, r)
	if err != nil {
		return err
	}
	in.Homes, in.Prior = map[string]string{}, map[string]int{}
	if v := meta[metaHomes]; v != "" {
		if err := json.Unmarshal([]byte(v), &in.Homes); err != nil {
			return fmt.Errorf("resolve meta: %w", err)
		}
	}
	if v := meta[metaPrior]; v != "" {
		if err := json.Unmarshal([]byte(v), &in.Prior); err != nil {
			return fmt.Errorf("resolve meta: %w", err)
		}
	}
	return nil
}

// loadArticles reads the articles ids not loaded yet; old ones with the
// country stored for them (fixed), new ones without.
func (db *DB) loadArticles(ctx context.Context, r runner, sc *scope, ids []int64, old bool) error {
	want := sc.want(ids)
	var err error
	sc.in.Articles, err = db.readArticles(ctx, r, grow(sc.in.Articles, len(want)), want, old)
	return err
}

// loadArticlesBeside is loadArticles of old articles with those of the
// first half of the statements read beside (another connection), while
// tx reads the others. tx must have written nothing yet.
func (db *DB) loadArticlesBeside(ctx context.Context, tx *sql.Tx, sc *scope, ids []int64) error {
	first, rest, err := besideHalves(ctx, db, tx, sc.want(ids), func(r runner, ids []int64) ([]resolve.Article, error) {
		return db.readArticles(ctx, r, nil, ids, true)
	})
	if err != nil {
		return err
	}
	sc.in.Articles = append(append(sc.in.Articles, first...), rest...)
	return nil
}

// want returns those of the articles ids not loaded yet, each once, and
// marks them loaded.
func (sc *scope) want(ids []int64) []int64 {
	var want []int64
	for _, id := range ids {
		if !sc.arts.has(id) {
			sc.arts.add(id)
			want = append(want, id)
		}
	}
	return want
}

// readArticles returns out with the articles ids appended, chunk by
// chunk in order; old ones with the country stored for them (fixed), new
// ones without.
func (db *DB) readArticles(ctx context.Context, r runner, out []resolve.Article, ids []int64, old bool) ([]resolve.Article, error) {
	// (scanned into, and so allocated, once)
	var a resolve.Article
	var pub sql.NullInt64
	var country sql.NullString
	err := db.eachChunk(ids, func(args []any) error {
		rows, err := db.query(ctx, r, `SELECT id, hash, COALESCE(published, date_from), source, country FROM articles
			WHERE id IN (`+placeholders(len(args))+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a = resolve.Article{}
			if err := rows.Scan(&a.ID, &a.Hash, &pub, &a.Source, &country); err != nil {
				return err
			}
			if pub.Valid {
				a.Date = fromMicros(pub.Int64)
			}
			a.Country, a.Fixed = country.String, old && country.Valid
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// loadOccs reads the occurrences that where says (not loaded yet): new
// ones are resolved as of no entity, their entity kept in sc.news.
func (db *DB) loadOccs(ctx context.Context, tx *sql.Tx, sc *scope, isNew bool, where string, args []any) error {
	rows, err := db.query(ctx, tx, `SELECT id, article_id, entity_id, type, name, names, COALESCE(pin, 0), reason FROM occurrences
		WHERE `+where, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	// the type and reason as read, made strings when kept (the type one
	// of the types' own)
	var typ, reason sql.RawBytes
	for rows.Next() {
		var o resolve.Occurrence
		var names string
		if err := rows.Scan(&o.ID, &o.Article, &o.Entity, &typ, &o.Name, &names, &o.Pin, &reason); err != nil {
			return err
		}
		if sc.loaded.has(o.ID) {
			continue
		}
		sc.loaded.add(o.ID)
		o.Type = entityType(typ)
		o.Names = splitNames(names)
		if isNew {
			sc.news[o.ID] = &newOcc{entity: o.Entity, reason: string(reason), names: o.Names}
			o.Entity = 0
		}
		sc.in.Occurrences = append(sc.in.Occurrences, o)
	}
	return rows.Err()
}

// entityType returns the type named b: one of factions' types, else a
// string of its own.
func entityType(b []byte) factions.EntityType {
	for _, t := range []factions.EntityType{factions.Person, factions.Organization, factions.Place} {
		if string(b) == string(t) {
			return t
		}
	}
	return factions.EntityType(b)
}

// loadTies reads the ties of the claims where says.
func (db *DB) loadTies(ctx context.Context, r runner, sc *scope, where string, args []any) error {
	rows, err := db.query(ctx, r, `SELECT subject_occ, predicate, object_occ, stance FROM claims
		WHERE `+where+` AND NOT rejected AND subject_occ IS NOT NULL AND object_occ IS NOT NULL`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var t resolve.Tie
		if err := rows.Scan(&t.Subject, &t.Predicate, &t.Object, &t.Stance); err != nil {
			return err
		}
		sc.in.Ties = append(sc.in.Ties, t)
	}
	return rows.Err()
}

// typeSet is a set of the entity types (Person, Organization, Place).
type typeSet uint8

// bit returns t's bit in a typeSet, 0 for a type of none.
func (typeSet) bit(t factions.EntityType) typeSet {
	switch t {
	case factions.Person:
		return 1
	case factions.Organization:
		return 2
	case factions.Place:
		return 4
	}
	return 0
}

// with returns s and t.
func (s typeSet) with(t factions.EntityType) typeSet { return s | s.bit(t) }

// has reports whether t is in s.
func (s typeSet) has(t factions.EntityType) bool { return s&s.bit(t) != 0 }

// candidate is a stored entity the new occurrences may be.
type candidate struct {
	id  int64
	typ factions.EntityType
}

// candidates returns the live entities that have a name of the new
// occurrences, or a variant spelling of one, or the first or last word of
// a person's full name, as an alias (by the indexes aliases_norm and
// aliases_vkey), of a type of the occurrences of that name (or an
// organization: a person's name may be a party's), in order.
func (db *DB) candidates(ctx context.Context, tx *sql.Tx, sc *scope) ([]candidate, error) {
	// the names' variant spellings looked up beside while tx looks up
	// their normalized forms
	found, byVkey := map[candidate]bool{}, map[candidate]bool{}
	side := db.beside(ctx, tx, func(r runner) error {
		return db.findCandidates(ctx, r, "vkey", variantKeys(sc.in.Occurrences), byVkey, nil)
	})
	keys := normKeys(sc.in.Occurrences, sc.norms)
	err := db.findCandidates(ctx, tx, "norm", keys, found, nil)
	if err := errors.Join(err, side()); err != nil {
		return nil, err
	}
	for c := range byVkey {
		found[c] = true
	}
	out := make([]candidate, 0, len(found))
	for c := range found {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, nil
}

// normKeys returns the keys candidates looks up by the aliases' norm, as
// normKey gives them (normalizing by norms), with the types candidateKeys
// gives them.
func normKeys(occs []resolve.Occurrence, norms factions.NameNorms) map[string]typeSet {
	return candidateKeys(occs, normKey(norms.Normalize))[0]
}

// variantKeys returns the keys candidates looks up by the aliases' vkey,
// as variantKeyOf gives them, with the types candidateKeys gives them.
func variantKeys(occs []resolve.Occurrence) map[string]typeSet {
	return candidateKeys(occs, variantKeyOf)[0]
}

// keyFunc appends to buf the keys candidates looks up, by one column of
// the aliases, of a name of type t, and returns buf.
type keyFunc func(t factions.EntityType, name string, buf []string) []string

// normKey returns the keyFunc of the aliases' norm: the name normalized
// (by normalize), and the first and last words of a person's full name.
func normKey(normalize func(string) string) keyFunc {
	return func(t factions.EntityType, n string, buf []string) []string {
		k := normalize(n)
		if k != "" {
			buf = append(buf, k)
		}
		if w := strings.Fields(k); t == factions.Person && len(w) > 1 {
			// a person known by one name alone, which a full name of
			// his takes in (a short form)
			buf = append(buf, w[0], w[len(w)-1])
		}
		return buf
	}
}

// variantKeyOf is the keyFunc of the aliases' vkey: the name's variant
// spelling.
func variantKeyOf(_ factions.EntityType, n string, buf []string) []string {
	if k := variantKey(n); k != "" {
		buf = append(buf, k)
	}
	return buf
}

// candidateKeys returns, for each of kinds, the keys it gives of each
// name of occs, with the types each may be of: those of the occurrences
// of the names it is a key of, and an organization for a person's (a
// person's name may be a party's). It reads each name of a type once.
func candidateKeys(occs []resolve.Occurrence, kinds ...keyFunc) []map[string]typeSet {
	n := 0
	for _, o := range occs {
		n += len(o.Names)
	}
	keys := make([]map[string]typeSet, len(kinds))
	for i := range keys {
		keys[i] = make(map[string]typeSet, n)
	}
	done := make(map[string]typeSet, n) // the types each name was read with
	var buf []string
	for _, o := range occs {
		bit := typeSet(0).with(o.Type)
		ts := bit
		if o.Type == factions.Person {
			ts = ts.with(factions.Organization)
		}
		for _, name := range o.Names {
			// (a type of none has no bit: its names are read again,
			// which gives the same keys)
			if bit != 0 {
				seen := done[name]
				if seen&bit != 0 {
					continue
				}
				done[name] = seen | bit
			}
			for i, keysOf := range kinds {
				buf = keysOf(o.Type, name, buf[:0])
				for _, k := range buf {
					keys[i][k] |= ts
				}
			}
		}
	}
	return keys
}

// findCandidates puts into found the live entities that have as the
// column col of an alias (norm or vkey) one of the keys of types, and are
// of one of its types; and adds to hits, when not nil, every live entity
// that has a key, whatever its type, with the key.
func (db *DB) findCandidates(ctx context.Context, r runner, col string, types map[string]typeSet, found map[candidate]bool, hits *[]aliasRow) error {
	vals := make([]any, 0, len(types))
	for _, k := range sortedKeys(types) {
		vals = append(vals, k)
	}
	for start := 0; start < len(vals); start += chunk {
		part := vals[start:min(start+chunk, len(vals))]
		// (found is a set: no DISTINCT, which sorts the rows)
		rows, err := db.query(ctx, r, `SELECT a.entity_id, e.type, a.`+col+` FROM aliases a JOIN entities e ON e.id = a.entity_id
			WHERE e.merged_into IS NULL AND a.`+col+` IN (`+placeholders(len(part))+`)`, part...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var c candidate
			var v string
			if err := rows.Scan(&c.id, &c.typ, &v); err != nil {
				rows.Close()
				return err
			}
			if types[v].has(c.typ) {
				found[c] = true
			}
			if hits != nil {
				*hits = append(*hits, aliasRow{v, c})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// sample reads SampleSize stored occurrences of each candidate (the latest
// half and the earliest half by ID, so that the sample spans the entity's
// time as a full resolution sees it; by the index occurrences_entity, the
// new ones skipped), counts up to unsampledCap of the others of a person,
// and returns the occurrences read. A candidate with no stored occurrence
// is an entity made for new ones (fresh). The candidates are read
// sampleChunk at a time, one statement each.
func (db *DB) sample(ctx context.Context, tx *sql.Tx, sc *scope, cands []candidate) ([]int64, error) {
	inNew := map[int64]int{} // entity → new occurrences in it
	for _, n := range sc.news {
		inNew[n.entity]++
	}
	var sampled []int64
	var count []candidate // people whose sample is full
	for start := 0; start < len(cands); start += sampleChunk {
		part := cands[start:min(start+sampleChunk, len(cands))]
		got, err := db.sampleChunk(ctx, tx, part, inNew)
		if err != nil {
			return nil, err
		}
		for _, c := range part {
			k := max(SampleSize[c.typ], 1)
			ids := pickSample(got[c.id], sc, k)
			if len(ids) == 0 {
				sc.fresh[c.id] = true
				continue
			}
			sampled = append(sampled, ids...)
			if len(ids) == k && c.typ == factions.Person {
				count = append(count, c)
			}
		}
	}
	return sampled, db.countUnsampled(ctx, tx, sc, count, inNew)
}

// sampleChunk is how many candidates one statement samples. Its limits
// are written CAST(? AS INTEGER): SQLite reads a bare LIMIT ?'s value when
// it prepares the statement, and prepares it again whenever it runs with
// another.
const sampleChunk = 32

// sampleChunk returns, by candidate, the IDs of its latest occurrences
// (enough to skip the new ones) and of its earliest ones.
func (db *DB) sampleChunk(ctx context.Context, tx *sql.Tx, part []candidate, inNew map[int64]int) (map[int64][2][]int64, error) {
	var q strings.Builder
	var args []any
	for i := 0; i < sampleChunk; i++ {
		var c candidate // padding: entity 0 has no occurrence
		if i < len(part) {
			c = part[i]
		}
		k := max(SampleSize[c.typ], 1)
		late, early := (k+1)/2+inNew[c.id], k+inNew[c.id]
		if i > 0 {
			q.WriteString(" UNION ALL ")
		}
		q.WriteString(`SELECT CAST(? AS BIGINT) AS e, 0 AS half, id FROM (SELECT id FROM occurrences WHERE entity_id = ? ORDER BY id DESC LIMIT CAST(? AS INTEGER)) l` +
			strconv.Itoa(i) + ` UNION ALL SELECT CAST(? AS BIGINT), 1, id FROM (SELECT id FROM occurrences WHERE entity_id = ? ORDER BY id LIMIT CAST(? AS INTEGER)) f` + strconv.Itoa(i))
		args = append(args, c.id, c.id, late, c.id, c.id, early)
	}
	rows, err := db.query(ctx, tx, q.String(), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	halves := map[int64][2][]int64{}
	for rows.Next() {
		var e, id int64
		var half int
		if err := rows.Scan(&e, &half, &id); err != nil {
			return nil, err
		}
		h := halves[e]
		h[half&1] = append(h[half&1], id)
		halves[e] = h
	}
	return halves, rows.Err()
}

// pickSample returns up to k of the occurrences of an entity that are
// not new: the latest half of k from h[0] (its latest), the rest from h[1]
// (its earliest), without repeats.
func pickSample(h [2][]int64, sc *scope, k int) []int64 {
	var out []int64
	taken := map[int64]bool{}
	for i, quota := range []int{(k + 1) / 2, k} {
		for _, id := range h[i] {
			if len(out) == quota {
				break
			}
			if sc.news[id] == nil && !taken[id] {
				taken[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// countUnsampled counts, up to unsampledCap, the stored occurrences of the
// people cs left out of their samples (Input.Unsampled).
func (db *DB) countUnsampled(ctx context.Context, tx *sql.Tx, sc *scope, cs []candidate, inNew map[int64]int) error {
	for _, c := range cs {
		limit := max(SampleSize[c.typ], 1) + inNew[c.id]
		var n int
		if err := db.queryRow(ctx, tx, `SELECT COUNT(*) FROM (SELECT id FROM occurrences WHERE entity_id = ? ORDER BY id LIMIT CAST(? AS INTEGER)) x`,
			c.id, unsampledCap+limit).Scan(&n); err != nil {
			return err
		}
		if n -= limit; n > 0 {
			if sc.in.Unsampled == nil {
				sc.in.Unsampled = map[int64]int{}
			}
			sc.in.Unsampled[c.id] = n
		}
	}
	return nil
}

// loadNeighbours reads the sampled occurrences, the claims that tie them to
// others and those others, and the articles of all, with the countries
// stored for them.
func (db *DB) loadNeighbours(ctx context.Context, tx *sql.Tx, sc *scope, sampled []int64) error {
	sort.Slice(sampled, func(i, j int) bool { return sampled[i] < sampled[j] })
	tied := map[int64]bool{}
	err := db.eachChunk(sampled, func(args []any) error {
		if err := db.loadOccs(ctx, tx, sc, false, `id IN (`+placeholders(len(args))+`)`, args); err != nil {
			return err
		}
		// what they are tied to (resolution reads a subject's ties only)
		n := len(sc.in.Ties)
		if err := db.loadTies(ctx, tx, sc, `subject_occ IN (`+placeholders(len(args))+`)`, args); err != nil {
			return err
		}
		for _, t := range sc.in.Ties[n:] {
			tied[t.Object] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	var more []int64
	for _, id := range sortedIDs(tied) {
		if !sc.loaded.has(id) {
			more = append(more, id)
		}
	}
	err = db.eachChunk(more, func(args []any) error {
		return db.loadOccs(ctx, tx, sc, false, `id IN (`+placeholders(len(args))+`)`, args)
	})
	if err != nil {
		return err
	}
	var arts []int64
	for _, o := range sc.in.Occurrences {
		if !sc.arts.has(o.Article) {
			arts = append(arts, o.Article)
		}
	}
	return db.loadArticles(ctx, tx, sc, arts, true)
}

// goWait runs f on a goroutine and returns what waits for it and
// returns what it returned; call it once, or not at all.
func goWait[T any](f func() (T, error)) func() (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	return func() (T, error) {
		r := <-done
		return r.v, r.err
	}
}

// placement is where placeScope put the new occurrences, for writeScope
// to write.
type placement struct {
	st      *factions.ResolveStats
	moveTo  map[int64][]int64
	reasons map[string][]int64
	names   map[int64][]string      // entity → names to have as aliases
	taken   map[int64]bool          // the entities that took new occurrences
	left    map[int64]map[int64]int // fresh entity → where its occurrences went
}

// placeScope puts each new occurrence of sc where res puts it
// (sc.placed): in the entity most of the stored occurrences resolution
// put it with are in (the pinned one, when a curator pinned them), else in
// a fresh entity it may already be in, else in a new entity, which it
// makes. writeScope writes the rest: its reason, the rows read under it,
// and its names as aliases; a fresh entity all of whose occurrences went
// elsewhere is merged into where most went.
func (db *DB) placeScope(ctx context.Context, tx *sql.Tx, sc *scope, res *resolve.Result) (*placement, error) {
	pl := &placement{st: &factions.ResolveStats{}, moveTo: map[int64][]int64{}, reasons: map[string][]int64{},
		names: map[int64][]string{}, taken: map[int64]bool{}, left: map[int64]map[int64]int{}}
	st := pl.st
	entityOf := make(map[int64]int64, len(sc.in.Occurrences)-len(sc.news)) // stored occurrence → entity
	for _, o := range sc.in.Occurrences {
		if sc.news[o.ID] == nil {
			entityOf[o.ID] = o.Entity
		}
	}
	now := micros(db.Now().UTC().Truncate(1000))
	targets := map[int64]bool{}
	for _, e := range res.Entities {
		var news []int64
		for _, id := range e.Occurrences {
			if sc.news[id] != nil {
				news = append(news, id)
			}
		}
		if len(news) == 0 {
			continue
		}
		target := storedTarget(e, entityOf)
		if target == 0 {
			target = freshTarget(news, sc, pl.taken)
		}
		if target == 0 {
			if err := db.queryRow(ctx, tx, `INSERT INTO entities (name, type, created) VALUES (?, ?, ?) RETURNING id`,
				e.Name, string(e.Type), now).Scan(&target); err != nil {
				return nil, fmt.Errorf("insert entity: %w", err)
			}
			pl.names[target] = append(pl.names[target], e.Name)
			sc.types[target] = e.Type
			st.Created++
		}
		pl.taken[target], targets[target] = true, true
		for _, id := range news {
			n := sc.news[id]
			sc.placed[id] = target
			if n.entity != target {
				pl.moveTo[target] = append(pl.moveTo[target], id)
				st.Moved++
				if sc.fresh[n.entity] {
					if pl.left[n.entity] == nil {
						pl.left[n.entity] = map[int64]int{}
					}
					pl.left[n.entity][target]++
				}
			}
			if r := e.Reasons[id]; r != n.reason {
				pl.reasons[r] = append(pl.reasons[r], id)
			}
			pl.names[target] = append(pl.names[target], n.names...)
		}
	}
	st.Entities = len(targets)
	return pl, nil
}

// writeScope writes what placeScope placed: the occurrences moved, their
// reasons, the fresh entities merged and the aliases added.
func (db *DB) writeScope(ctx context.Context, tx *sql.Tx, sc *scope, pl *placement) error {
	if err := db.moveOccurrences(ctx, tx, pl.moveTo); err != nil {
		return err
	}
	if err := db.setReasons(ctx, tx, pl.reasons); err != nil {
		return err
	}
	gone, err := db.retireFresh(ctx, tx, pl.left, pl.taken)
	if err != nil {
		return err
	}
	pl.st.Gone = gone
	return db.addAliases(ctx, tx, pl.names, sc.norms)
}

// storedTarget returns the stored entity a resolved entity with stored
// occurrences is: the curator's pin when its ID is one, else the entity
// most of its stored occurrences are in (ties to the least ID); 0 when it
// has no stored occurrence.
func storedTarget(e *resolve.Entity, entityOf map[int64]int64) int64 {
	if e.ID != 0 {
		for _, id := range e.Occurrences {
			if _, ok := entityOf[id]; ok {
				return e.ID
			}
		}
		return 0
	}
	// (an entity's occurrences are most often of one stored entity: a few
	// counts in a slice, not a map)
	type counted struct {
		id int64
		n  int
	}
	var count []counted
	for _, id := range e.Occurrences {
		ent, ok := entityOf[id]
		if !ok {
			continue
		}
		i := slices.IndexFunc(count, func(c counted) bool { return c.id == ent })
		if i < 0 {
			i = len(count)
			count = append(count, counted{id: ent})
		}
		count[i].n++
	}
	if len(count) == 0 {
		return 0
	}
	best := count[0]
	for _, c := range count[1:] {
		if c.n > best.n || c.n == best.n && c.id < best.id {
			best = c
		}
	}
	return best.id
}

// freshTarget returns the fresh entity (made for new occurrences only)
// most of news are in that no other resolved entity took, or 0.
func freshTarget(news []int64, sc *scope, taken map[int64]bool) int64 {
	count := map[int64]int{}
	for _, id := range news {
		if ent := sc.news[id].entity; sc.fresh[ent] && !taken[ent] {
			count[ent]++
		}
	}
	var best int64
	for id, n := range count {
		if best == 0 || n > count[best] || n == count[best] && id < best {
			best = id
		}
	}
	return best
}

// retireFresh merges each fresh entity left with no occurrence into the
// entity most of its occurrences went to, and returns how many it merged.
func (db *DB) retireFresh(ctx context.Context, tx *sql.Tx, left map[int64]map[int64]int, taken map[int64]bool) (int, error) {
	n := 0
	for _, old := range sortedIDs(left) {
		if taken[old] {
			continue
		}
		var best int64
		for id, k := range left[old] {
			if best == 0 || k > left[old][best] || k == left[old][best] && id < best {
				best = id
			}
		}
		if _, err := db.exec(ctx, tx, `UPDATE entities SET merged_into = ? WHERE id = ?`, best, old); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

// addAliases gives each entity the names it lacks among names, after those
// it has (by the index aliases_entity, a chunk of entities a statement),
// normalizing them with norms.
func (db *DB) addAliases(ctx context.Context, tx *sql.Tx, names map[int64][]string, norms factions.NameNorms) error {
	ids := sortedIDs(names)
	have := make(map[int64]map[string]bool, len(ids))
	err := db.eachChunk(ids, func(args []any) error {
		rows, err := db.query(ctx, tx, `SELECT entity_id, norm FROM aliases WHERE entity_id IN (`+placeholders(len(args))+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var eid int64
			var norm string
			if err := rows.Scan(&eid, &norm); err != nil {
				return err
			}
			if have[eid] == nil {
				have[eid] = map[string]bool{}
			}
			have[eid][norm] = true
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	var add [][]any
	for _, eid := range ids {
		h := have[eid]
		if h == nil {
			h = map[string]bool{}
		}
		for _, n := range names[eid] {
			if norm := norms.Normalize(n); norm != "" && !h[norm] {
				h[norm] = true
				add = append(add, []any{eid, n, norm, variantKey(n)})
			}
		}
	}
	if err := db.insertRows(ctx, tx, `INSERT INTO aliases (entity_id, name, norm, vkey) VALUES `, 4, add); err != nil {
		return fmt.Errorf("insert aliases: %w", err)
	}
	return nil
}
