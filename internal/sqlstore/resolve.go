package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/factions/factions"
	"github.com/factions/factions/resolve"
)

// provisional gives each entity of p the stored entity of its type whose
// name or alias is its name, the oldest of several; Resolve settles it.
// Saving an article is then quick, and Resolve moves few rows. A memo, when
// not nil, holds what the store has of every name of p (lookupNames), and
// nothing is read.
func (db *DB) provisional(ctx context.Context, tx *sql.Tx, p *plan, memo *batchMemo) error {
	found := map[string]int64{}
	if memo != nil {
		found = memo.found
	} else {
		if err := db.lockNames(ctx, tx, p); err != nil {
			return err
		}
		var norms []string
		seen := map[string]bool{}
		for _, e := range p.ents {
			if n := e.norms[0]; !seen[n] {
				seen[n] = true
				norms = append(norms, n)
			}
		}
		if err := db.findNames(ctx, tx, norms, found); err != nil {
			return err
		}
	}
	for _, e := range p.ents {
		if id := found[nameKey(e.typ, e.norms[0])]; id != 0 {
			e.id, e.existing = id, true
		}
	}
	return nil
}

// nameKey is the key of a type and normalized name in what findNames
// finds.
func nameKey(typ factions.EntityType, norm string) string { return string(typ) + "|" + norm }

// findNames sets found[nameKey(type, norm)] to the oldest stored entity of
// that type not merged into another that has the name norm, for each of
// norms the store has.
func (db *DB) findNames(ctx context.Context, tx *sql.Tx, norms []string, found map[string]int64) error {
	for start := 0; start < len(norms); start += chunk {
		part := norms[start:min(start+chunk, len(norms))]
		// the list is made as long as a multiple of namesStep, the last
		// name repeated, so that a few statements are prepared in all
		// rather than one for each number of names
		args := make([]any, min(chunk, (len(part)+namesStep-1)/namesStep*namesStep))
		for i := range args {
			args[i] = part[min(i, len(part)-1)]
		}
		rows, err := db.query(ctx, tx, `SELECT e.type, a.norm, MIN(e.id) FROM aliases a JOIN entities e ON e.id = a.entity_id
			WHERE e.merged_into IS NULL AND a.norm IN (`+placeholders(len(args))+`) GROUP BY e.type, a.norm`, args...)
		if err := scanNames(rows, err, found); err != nil {
			return err
		}
	}
	return nil
}

// scanNames sets found[nameKey(type, norm)] to the entity of each row of
// rows (type, norm, entity) and closes them, unless err, their query's, is
// not nil.
func scanNames(rows *sql.Rows, err error, found map[string]int64) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var typ, norm string
		var id int64
		if err := rows.Scan(&typ, &norm, &id); err != nil {
			return err
		}
		found[nameKey(factions.EntityType(typ), norm)] = id
	}
	return rows.Err()
}

// namesStep rounds the number of names findNames looks up a statement.
const namesStep = 50

// batchMemo is what the store has of the names of a batch of articles, kept
// up to date as they are saved: where one writer at a time holds the
// database (SQLite: no Dialect.LockNames), only the batch's transaction
// changes it, so the names are read once for the batch rather than once an
// article. A batch saved whole (saveWhole) also numbers its entities and
// occurrences itself and gathers its rows to insert them together.
type batchMemo struct {
	found map[string]int64 // as findNames sets it
	added []string         // keys the article being saved added
	seq   *rowSeq          // when not nil, the batch numbers its entities and occurrences itself
	rows  *rowBuf          // when not nil (seq too), the rows are gathered here to be inserted together
	// with rows: the ID of each article hash of the batch stored, before
	// it or by one of its articles (storedArticles)
	articles map[string]int64
}

// lookupNames reads what the store has of the names the articles saves
// look up.
func (db *DB) lookupNames(ctx context.Context, tx *sql.Tx, saves []*saving) (*batchMemo, error) {
	m := &batchMemo{found: map[string]int64{}}
	return m, db.findNames(ctx, tx, batchNorms(saves), m.found)
}

// batchNorms returns the names the articles saves look up, once each.
func batchNorms(saves []*saving) []string {
	var norms []string
	seen := map[string]bool{}
	for _, s := range saves {
		if s == nil {
			continue
		}
		for _, e := range s.p.ents {
			if n := e.norms[0]; !seen[n] {
				seen[n] = true
				norms = append(norms, n)
			}
		}
	}
	return norms
}

// created records the names of an entity the article being saved made:
// the oldest of its type under each name unless one was stored before it.
func (m *batchMemo) created(e *xent) {
	for _, n := range e.norms {
		k := nameKey(e.typ, n)
		if _, ok := m.found[k]; !ok {
			m.found[k] = e.id
			m.added = append(m.added, k)
		}
	}
}

// saved ends an article: what it added stays (kept) or goes with it.
func (m *batchMemo) saved(kept bool) {
	if !kept {
		for _, k := range m.added {
			delete(m.found, k)
		}
	}
	m.added = m.added[:0]
}

// Resolve settles which entity every stored occurrence of a name is (see
// package resolve), from all stored articles at once, so that the entities
// do not depend on the order the articles were saved in: occurrences move
// between entities, entities are made, renamed (unless a curator named
// them) or merged into the entity that took their occurrences, and each
// entity's aliases become the names of its occurrences. It records what
// ResolveArticles reads of it: each article's country, each paper's home
// country, the articles of each country and the occurrences counted; and
// that every article is resolved. It returns what it changed, or the
// database's error, in which case it changed nothing.
func (db *DB) Resolve(ctx context.Context) (*factions.ResolveStats, error) {
	logged, loggedCur, counts := db.fresh.take()
	ahead := db.fresh.takeAhead()
	if ahead != nil {
		logged, loggedCur, counts = ahead.in, ahead.cur, ahead.counts
	}
	return db.resolveTx(ctx, "resolve", func(tx *sql.Tx) (*factions.ResolveStats, error) {
		in, cur, err := db.freshResolution(ctx, tx, logged, loggedCur, counts)
		if err != nil {
			return nil, err
		}
		var types []factions.EntityType
		var res *resolve.Result
		if ahead != nil && in == ahead.in {
			<-ahead.done // worked out while the last batch was written
			types, res, ahead.used = ahead.types, ahead.res, true
		} else {
			types = occurrenceTypes(in) // as stored: resolution retypes some
			res = resolve.Resolve(in, db.Gazetteer)
		}
		st, err := db.applyResolution(ctx, tx, in, cur, res)
		if err != nil {
			return nil, err
		}
		if err := db.markResolved(ctx, tx, in, cur.country, res, cur.unresolved); err != nil {
			return nil, err
		}
		if err := db.writeMeta(ctx, tx, res, in); err != nil {
			return nil, err
		}
		restoreTypes(in, types)
		return st, db.rebuildSamples(ctx, tx, in, res)
	})
}

// resolveTx runs a resolution in one write transaction that holds the
// occurrences (the dialect's LockOccurrences), and commits it when f
// succeeds; errors are prefixed with what.
func (db *DB) resolveTx(ctx context.Context, what string, f func(tx *sql.Tx) (*factions.ResolveStats, error)) (*factions.ResolveStats, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	defer db.keepStmts(tx)()
	if db.d.LockOccurrences != "" {
		if _, err := tx.ExecContext(ctx, db.d.LockOccurrences); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
	}
	st, err := f(tx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return st, tx.Commit()
}

// stored is what the store holds of the occurrences and entities before
// resolution: each occurrence's reason, each entity's name and whether a
// curator named it; each article's country and those not resolved yet.
type stored struct {
	country    map[int64]sql.NullString
	unresolved []int64

	reason map[int64]string
	name   map[int64]string
	named  map[int64]bool
	merged map[int64]bool
}

// freshResolution returns what resolution reads: in and cur, which a
// freshLog kept, when the store holds just what it counted (n), else what
// loadResolution reads.
func (db *DB) freshResolution(ctx context.Context, tx *sql.Tx, in *resolve.Input, cur *stored, n *freshCounts) (*resolve.Input, *stored, error) {
	if in != nil {
		if ok, err := db.matches(ctx, tx, n); err != nil {
			return nil, nil, err
		} else if ok {
			return in, cur, nil
		}
	}
	return db.loadResolution(ctx, tx)
}

// loadResolution reads the articles, occurrences and ties resolution reads.
func (db *DB) loadResolution(ctx context.Context, tx *sql.Tx) (*resolve.Input, *stored, error) {
	in := &resolve.Input{}
	cur := &stored{reason: map[int64]string{}, name: map[int64]string{}, named: map[int64]bool{}, merged: map[int64]bool{},
		country: map[int64]sql.NullString{}}
	rows, err := db.query(ctx, tx, `SELECT id, hash, COALESCE(published, date_from), source, country, resolved FROM articles`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var a resolve.Article
		var pub sql.NullInt64
		var country sql.NullString
		var resolved bool
		if err := rows.Scan(&a.ID, &a.Hash, &pub, &a.Source, &country, &resolved); err != nil {
			rows.Close()
			return nil, nil, err
		}
		cur.country[a.ID] = country
		if !resolved {
			cur.unresolved = append(cur.unresolved, a.ID)
		}
		if pub.Valid {
			a.Date = fromMicros(pub.Int64)
		}
		in.Articles = append(in.Articles, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows, err = db.query(ctx, tx, `SELECT id, article_id, entity_id, type, name, names, COALESCE(pin, 0), reason FROM occurrences ORDER BY id`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var o resolve.Occurrence
		var names, reason string
		if err := rows.Scan(&o.ID, &o.Article, &o.Entity, &o.Type, &o.Name, &names, &o.Pin, &reason); err != nil {
			rows.Close()
			return nil, nil, err
		}
		o.Names = splitNames(names)
		cur.reason[o.ID] = reason
		in.Occurrences = append(in.Occurrences, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows, err = db.query(ctx, tx, `SELECT subject_occ, predicate, object_occ, stance FROM claims
		WHERE NOT rejected AND subject_occ IS NOT NULL AND object_occ IS NOT NULL`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var t resolve.Tie
		if err := rows.Scan(&t.Subject, &t.Predicate, &t.Object, &t.Stance); err != nil {
			rows.Close()
			return nil, nil, err
		}
		in.Ties = append(in.Ties, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows, err = db.query(ctx, tx, `SELECT id, name, named, merged_into IS NOT NULL FROM entities`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		var named, merged bool
		if err := rows.Scan(&id, &name, &named, &merged); err != nil {
			return nil, nil, err
		}
		cur.name[id], cur.named[id], cur.merged[id] = name, named, merged
	}
	return in, cur, rows.Err()
}

// splitNames reads the names column: one name a line.
func splitNames(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// joinNames writes the names column.
func joinNames(ns []string) string { return strings.Join(ns, "\n") }

// applyResolution writes what res changes: new entities, the occurrences
// and the rows read under them that move, reasons, names, merged entities
// and aliases.
func (db *DB) applyResolution(ctx context.Context, tx *sql.Tx, in *resolve.Input, cur *stored, res *resolve.Result) (*factions.ResolveStats, error) {
	st := &factions.ResolveStats{Entities: len(res.Entities)}
	now := micros(db.Now().UTC().Truncate(1000))
	occs := make(map[int64]*resolve.Occurrence, len(in.Occurrences))
	for i := range in.Occurrences {
		occs[in.Occurrences[i].ID] = &in.Occurrences[i]
	}
	moveTo := map[int64][]int64{}   // entity → occurrences that move into it
	reasons := map[string][]int64{} // reason → occurrences whose reason changes to it
	// the new entities, numbered in their order by one statement a few
	// dozen, and the entities unmerged and renamed, a few statements in all
	var newRows []any
	for _, e := range res.Entities {
		if e.ID == 0 {
			newRows = append(newRows, e.Name, string(e.Type), now)
		}
	}
	ids, err := db.insertReturning(ctx, tx, tables[entitiesTable].head, tables[entitiesTable].ncols, newRows)
	if err != nil {
		return nil, fmt.Errorf("insert entity: %w", err)
	}
	var unmerged []int64
	renamed := map[int64]any{}
	for _, e := range res.Entities {
		if e.ID == 0 {
			e.ID, ids = ids[0], ids[1:]
			cur.name[e.ID] = e.Name
			st.Created++
		} else if cur.merged[e.ID] {
			unmerged = append(unmerged, e.ID)
		}
		if !cur.named[e.ID] && cur.name[e.ID] != e.Name {
			renamed[e.ID] = e.Name
			cur.name[e.ID] = e.Name
			st.Renamed++
		}
		for _, id := range e.Occurrences {
			if occs[id].Entity != e.ID {
				moveTo[e.ID] = append(moveTo[e.ID], id)
				st.Moved++
			}
			if r := e.Reasons[id]; r != cur.reason[id] {
				reasons[r] = append(reasons[r], id)
			}
		}
	}
	// which aliases to add and drop is worked out beside the writes
	aliases := db.planAliases(ctx, tx, cur, res, occs)
	if err := db.set(ctx, tx, "entities", "merged_into", nil, unmerged); err != nil {
		return nil, err
	}
	if err := db.setEach(ctx, tx, "entities", "name", "id", "TEXT", renamed); err != nil {
		return nil, fmt.Errorf("rename entity: %w", err)
	}
	if err := db.moveOccurrences(ctx, tx, moveTo); err != nil {
		return nil, err
	}
	if err := db.setReasons(ctx, tx, reasons); err != nil {
		return nil, err
	}
	gone := map[int64]any{}
	for _, old := range sortedIDs(res.Gone) {
		if cur.merged[old] {
			continue
		}
		gone[old] = res.Gone[old].ID
		st.Gone++
	}
	if err := db.setEach(ctx, tx, "entities", "merged_into", "id", "BIGINT", gone); err != nil {
		return nil, err
	}
	drop, add, err := aliases()
	if err != nil {
		return nil, err
	}
	if err := db.writeAliases(ctx, tx, drop, add); err != nil {
		return nil, err
	}
	return st, nil
}

// planAliases works out, on a goroutine of its own where the store has
// one writer at a time and connections besides tx's, how to make each
// entity of res have as aliases its name (cur.name) and the names of its
// occurrences (occs): the rows of aliases to drop and those to add
// (syncAliases). The function returned waits for them.
func (db *DB) planAliases(ctx context.Context, tx *sql.Tx, cur *stored, res *resolve.Result, occs map[int64]*resolve.Occurrence) func() (drop []int64, add []any, err error) {
	plan := func(r runner) ([]int64, []any, error) {
		norm := normalizer()
		desired := make(map[int64][]string, len(res.Entities))             // entity → its aliases, in order
		desiredNorms := make(map[int64]map[string]bool, len(res.Entities)) // entity → the normalized names of its aliases
		for _, e := range res.Entities {
			seen := map[string]bool{}
			add := func(n string) {
				if k := norm(n); k != "" && !seen[k] {
					seen[k] = true
					desiredNorms[e.ID] = seen
					desired[e.ID] = append(desired[e.ID], n)
				}
			}
			add(cur.name[e.ID])
			for _, id := range e.Occurrences {
				for _, n := range occs[id].Names {
					add(n)
				}
			}
		}
		return db.syncAliases(ctx, r, desired, desiredNorms, norm)
	}
	if !db.sideReads() {
		// other writers, or no other connection: in tx, after its writes
		return func() ([]int64, []any, error) { return plan(tx) }
	}
	// One writer at a time, which tx is: another connection reads what
	// tx read, the store as it was committed; the aliases of the
	// entities res gives are the same whether they are merged or not.
	type planned struct {
		drop []int64
		add  []any
	}
	wait := goWait(func() (planned, error) {
		drop, add, err := plan(db.db)
		return planned{drop, add}, err
	})
	return func() ([]int64, []any, error) {
		p, err := wait()
		return p.drop, p.add, err
	}
}

// moveOccurrences moves occurrences, and every row read under them, to the
// entities moveTo says: the occurrences a few dozen a statement (setEach),
// then the rows read under them, each to its occurrence's entity, a few
// hundred occurrences a statement.
func (db *DB) moveOccurrences(ctx context.Context, tx *sql.Tx, moveTo map[int64][]int64) error {
	to := map[int64]any{} // occurrence → entity
	for id, occs := range moveTo {
		for _, o := range occs {
			to[o] = id
		}
	}
	if err := db.setEach(ctx, tx, "occurrences", "entity_id", "id", "BIGINT", to); err != nil {
		return err
	}
	occs := sortedIDs(to)
	for _, m := range occurrenceColumns {
		for start := 0; start < len(occs); start += chunk {
			part := occs[start:min(start+chunk, len(occs))]
			q := db.undoneWhole("UPDATE") + ` ` + m.table + ` SET ` + m.col + ` = (SELECT o.entity_id FROM occurrences o WHERE o.id = ` + m.table + `.` + m.occ + `)
				WHERE ` + m.occ + ` IN (` + placeholders(len(part)) + `)`
			if _, err := tx.ExecContext(ctx, db.d.Rebind(q), int64s(part)...); err != nil {
				return fmt.Errorf("move %s: %w", m.table, err)
			}
		}
	}
	return nil
}

// setReasons sets the reason of the occurrences reasons gives for each:
// a statement for each chunk of a reason many have, and the few of each of
// the rest together (setEach).
func (db *DB) setReasons(ctx context.Context, tx *sql.Tx, reasons map[string][]int64) error {
	few := map[int64]any{}
	for _, r := range sortedKeys(reasons) {
		ids := reasons[r]
		if len(ids) < manyReasons {
			for _, id := range ids {
				few[id] = r
			}
			continue
		}
		if err := db.set(ctx, tx, "occurrences", "reason", r, ids); err != nil {
			return err
		}
	}
	return db.setEach(ctx, tx, "occurrences", "reason", "id", "TEXT", few)
}

// manyReasons is how many occurrences of one reason setReasons sets with a
// statement of their own.
const manyReasons = 32

// occurrenceColumns are the columns that name an entity beside the column
// naming the occurrence it was read under.
var occurrenceColumns = []struct{ table, col, occ string }{
	{"mentions", "entity_id", "occurrence_id"},
	{"claims", "subject_id", "subject_occ"},
	{"claims", "object_id", "object_occ"},
	{"claims", "attributed_id", "attributed_occ"},
	{"statements", "speaker_id", "speaker_occ"},
}

// syncAliases works out how to make each entity's aliases the names
// desired, whose normalized names (normalize) are those of wantNorms,
// keeping the rows of those it has (and their order) and adding the others
// after them: it reads the aliases in r and returns the IDs of the rows to
// drop and the values of those to add (four a row), in order. The entities
// of desired are not merged into others once resolution is written, and
// only their aliases count: the aliases of every entity are read.
func (db *DB) syncAliases(ctx context.Context, r runner, desired map[int64][]string, wantNorms map[int64]map[string]bool, normalize func(string) string) ([]int64, []any, error) {
	rows, err := db.query(ctx, r, `SELECT id, entity_id, norm FROM aliases ORDER BY id`)
	if err != nil {
		return nil, nil, err
	}
	have := map[int64]map[string]bool{}
	var drop []int64
	for rows.Next() {
		var id, eid int64
		var norm string
		if err := rows.Scan(&id, &eid, &norm); err != nil {
			rows.Close()
			return nil, nil, err
		}
		want, ok := wantNorms[eid]
		if !ok {
			continue // an entity resolution did not see (no occurrence): as it is
		}
		if have[eid] == nil {
			have[eid] = map[string]bool{}
		}
		if have[eid][norm] || !want[norm] {
			drop = append(drop, id)
			continue
		}
		have[eid][norm] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	var add []any
	for _, eid := range sortedIDs(desired) {
		for _, n := range desired[eid] {
			norm := normalize(n)
			if !have[eid][norm] {
				add = append(add, eid, n, norm, variantKey(n))
			}
		}
	}
	return drop, add, nil
}

// writeAliases deletes the rows of aliases drop and inserts those of add
// (syncAliases).
func (db *DB) writeAliases(ctx context.Context, tx *sql.Tx, drop []int64, add []any) error {
	for start := 0; start < len(drop); start += chunk {
		part := drop[start:min(start+chunk, len(drop))]
		if _, err := db.exec(ctx, tx, `DELETE FROM aliases WHERE id IN (`+placeholders(len(part))+`)`, int64s(part)...); err != nil {
			return fmt.Errorf("delete aliases: %w", err)
		}
	}
	if err := db.insertFlat(ctx, tx, tables[aliasesTable].head, tables[aliasesTable].ncols, add); err != nil {
		return fmt.Errorf("insert aliases: %w", err)
	}
	return nil
}

// normalizer returns factions.NormalizeName, computed once for each name.
func normalizer() func(string) string {
	memo := map[string]string{}
	return func(s string) string {
		n, ok := memo[s]
		if !ok {
			n = factions.NormalizeName(s)
			memo[s] = n
		}
		return n
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedIDs[V any](m map[int64]V) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
