package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/factions/factions"
)

// Audit actions.
const (
	actionMerge  = "merge"
	actionSplit  = "split"
	actionRename = "rename"
	actionReject = "reject"
)

// auditDetail is what an audit entry keeps to undo its change: the IDs of
// the rows it moved from one entity to another, and the values it replaced.
type auditDetail struct {
	Aliases      []int64 `json:"aliases,omitempty"`
	Mentions     []int64 `json:"mentions,omitempty"`
	Subjects     []int64 `json:"claims_subject,omitempty"`
	Objects      []int64 `json:"claims_object,omitempty"`
	Attributed   []int64 `json:"claims_attributed,omitempty"`
	Statements   []int64 `json:"statements,omitempty"`
	Occurrences  []int64 `json:"occurrences,omitempty"`
	Alias        string  `json:"alias,omitempty"`         // split: the name split off
	CreatedAlias int64   `json:"created_alias,omitempty"` // split, rename: an alias row added
	OldName      string  `json:"old_name,omitempty"`      // rename
	NewName      string  `json:"new_name,omitempty"`      // rename
	WasNamed     bool    `json:"was_named,omitempty"`     // rename: a curator had named it before
	WasRejected  bool    `json:"was_rejected,omitempty"`  // reject
	// Pins are the occurrences the change pinned to an entity, each with
	// the pin it had (0: none).
	Pins [][2]int64 `json:"pins,omitempty"`
	// Carved are the occurrences a split made of part of another's rows,
	// each with that other, and the names the other had.
	Carved []carving `json:"carved,omitempty"`
}

// carving is an occurrence a split made, the one it was carved from, and
// the names that one had before.
type carving struct {
	New   int64  `json:"new"`
	From  int64  `json:"from"`
	Names string `json:"names"`
}

// moves lists, for each kind of row an entity is referred to by, the table,
// the column naming the entity, and where the detail keeps the moved IDs.
func (d *auditDetail) moves() []struct {
	table, col string
	ids        *[]int64
} {
	return []struct {
		table, col string
		ids        *[]int64
	}{
		{"aliases", "entity_id", &d.Aliases},
		{"mentions", "entity_id", &d.Mentions},
		{"claims", "subject_id", &d.Subjects},
		{"claims", "object_id", &d.Objects},
		{"claims", "attributed_id", &d.Attributed},
		{"statements", "speaker_id", &d.Statements},
		{"occurrences", "entity_id", &d.Occurrences},
	}
}

// pin pins the occurrences of the entities ids to entity to, noting the
// pins they had in d.
func (db *DB) pin(ctx context.Context, tx *sql.Tx, d *auditDetail, to int64, ids ...int64) error {
	rows, err := db.query(ctx, tx, `SELECT id, COALESCE(pin, 0) FROM occurrences WHERE entity_id IN (`+placeholders(len(ids))+`) ORDER BY id`, int64s(ids)...)
	if err != nil {
		return err
	}
	var occs []int64
	for rows.Next() {
		var id, pin int64
		if err := rows.Scan(&id, &pin); err != nil {
			rows.Close()
			return err
		}
		if pin != to {
			d.Pins = append(d.Pins, [2]int64{id, pin})
			occs = append(occs, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	return db.set(ctx, tx, "occurrences", "pin", to, occs)
}

// unpin gives the occurrences d pinned the pins they had.
func (db *DB) unpin(ctx context.Context, tx *sql.Tx, d *auditDetail) error {
	byPin := map[int64][]int64{}
	for _, p := range d.Pins {
		byPin[p[1]] = append(byPin[p[1]], p[0])
	}
	for _, pin := range sortedIDs(byPin) {
		var v any = pin
		if pin == 0 {
			v = nil
		}
		if err := db.set(ctx, tx, "occurrences", "pin", v, byPin[pin]); err != nil {
			return err
		}
	}
	return nil
}

// entityRow returns the name and type of a stored entity that is not merged
// into another, or ENOTFOUND.
func (db *DB) entityRow(ctx context.Context, tx *sql.Tx, id int64) (name string, typ factions.EntityType, err error) {
	err = db.queryRow(ctx, tx, `SELECT name, type FROM entities WHERE id = ? AND merged_into IS NULL`, id).Scan(&name, &typ)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", factions.Errorf(factions.ENOTFOUND, "entity %d not found", id)
	}
	return name, typ, err
}

// ids returns the IDs a query selects.
func (db *DB) ids(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]int64, error) {
	rows, err := db.query(ctx, tx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// named returns the IDs of the rows of table whose column col is id and
// whose text column, normalized, is norm.
func (db *DB) named(ctx context.Context, tx *sql.Tx, table, col, text string, id int64, norm string) ([]int64, error) {
	rows, err := db.query(ctx, tx, `SELECT id, `+text+` FROM `+table+` WHERE `+entityRows(table, col)+` ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var rid int64
		var s string
		if err := rows.Scan(&rid, &s); err != nil {
			return nil, err
		}
		if factions.NormalizeName(s) == norm {
			out = append(out, rid)
		}
	}
	return out, rows.Err()
}

// set sets col to val in the rows of table with the given IDs. Its
// statements, of as many placeholders as IDs, are run once each, not kept
// prepared. Its transaction is rolled back whole when it fails (see
// undoneWhole), as setEach's is.
func (db *DB) set(ctx context.Context, tx *sql.Tx, table, col string, val any, ids []int64) error {
	n := chunk
	if table == "articles" {
		n = articleChunk // rows of many pages (see articleChunk)
	}
	for start := 0; start < len(ids); start += n {
		part := ids[start:min(start+n, len(ids))]
		args := append([]any{val}, int64s(part)...)
		if _, err := tx.ExecContext(ctx, db.d.Rebind(db.undoneWhole("UPDATE")+` `+table+` SET `+col+` = ? WHERE id IN (`+placeholders(len(part))+`)`), args...); err != nil {
			return fmt.Errorf("update %s: %w", table, err)
		}
	}
	return nil
}

// caseChunk is how many rows one statement of setEach sets: each row
// updated is compared with half of them on average, and each statement is
// prepared once.
const caseChunk = 64

// setEach sets col, in the rows of table whose column key is a key of
// vals, to that key's value, cast to the SQL type typ (PostgreSQL types a
// CASE's parameters as text otherwise): caseChunk rows a statement
// (UPDATE ... SET col = CASE key WHEN ... END), in the order of the keys,
// rather than a statement for each value.
func (db *DB) setEach(ctx context.Context, tx *sql.Tx, table, col, key, typ string, vals map[int64]any) error {
	keys := sortedIDs(vals)
	for start := 0; start < len(keys); start += caseChunk {
		part := keys[start:min(start+caseChunk, len(keys))]
		var b strings.Builder
		b.WriteString(db.undoneWhole("UPDATE") + ` ` + table + ` SET ` + col + ` = CASE ` + key)
		args := make([]any, 0, 3*len(part))
		for _, k := range part {
			b.WriteString(` WHEN ? THEN CAST(? AS ` + typ + `)`)
			args = append(args, k, vals[k])
		}
		b.WriteString(` END WHERE ` + key + ` IN (` + placeholders(len(part)) + `)`)
		args = append(args, int64s(part)...)
		if _, err := tx.ExecContext(ctx, db.d.Rebind(b.String()), args...); err != nil {
			return fmt.Errorf("update %s: %w", table, err)
		}
	}
	return nil
}

// audit records a change and returns its entry.
func (db *DB) audit(ctx context.Context, tx *sql.Tx, action string, target, other int64, d *auditDetail, note string) (*factions.AuditEntry, error) {
	buf, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	e := &factions.AuditEntry{Action: action, Target: target, Other: other, Detail: string(buf), Note: note,
		Time: db.Now().UTC().Truncate(1000)}
	if err := db.queryRow(ctx, tx, `INSERT INTO audit (action, target, other, detail, note, time) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		action, target, other, e.Detail, note, micros(e.Time)).Scan(&e.ID); err != nil {
		return nil, fmt.Errorf("insert audit entry: %w", err)
	}
	if err := db.nameEntry(ctx, tx, e); err != nil {
		return nil, fmt.Errorf("audit entry: %w", err)
	}
	return e, db.staleSamples(ctx, tx)
}

// addAlias adds name to the names of entity id unless it is known already;
// it returns the ID of the row added, or 0.
func (db *DB) addAlias(ctx context.Context, tx *sql.Tx, id int64, name string) (int64, error) {
	norm := factions.NormalizeName(name)
	var n int
	if err := db.queryRow(ctx, tx, `SELECT COUNT(*) FROM aliases WHERE entity_id = ? AND norm = ?`, id, norm).Scan(&n); err != nil {
		return 0, err
	} else if n > 0 {
		return 0, nil
	}
	var aid int64
	err := db.queryRow(ctx, tx, `INSERT INTO aliases (entity_id, name, norm, vkey) VALUES (?, ?, ?, ?) RETURNING id`,
		id, name, norm, variantKey(name)).Scan(&aid)
	return aid, err
}

// Merge makes drop part of keep: drop's aliases, mentions, claims (as
// subject, object or attribution), statements and occurrences move to keep,
// and drop is no longer found; Resolve keeps them together. The moved rows
// are kept in the audit entry's Detail (JSON) for Undo. It returns ENOTFOUND when either entity is missing
// and EINVALID when they are one, or of different types.
func (db *DB) Merge(ctx context.Context, keep, drop int64, note string) (*factions.AuditEntry, error) {
	if keep == drop {
		return nil, invalid("cannot merge entity %d into itself", keep)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	e, err := db.merge(ctx, tx, keep, drop, note)
	if err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// merge is Merge within tx.
func (db *DB) merge(ctx context.Context, tx *sql.Tx, keep, drop int64, note string) (*factions.AuditEntry, error) {
	_, kt, err := db.entityRow(ctx, tx, keep)
	if err != nil {
		return nil, err
	}
	_, dt, err := db.entityRow(ctx, tx, drop)
	if err != nil {
		return nil, err
	}
	if kt != dt {
		return nil, invalid("cannot merge %s %d into %s %d", dt, drop, kt, keep)
	}
	d := &auditDetail{}
	for _, m := range d.moves() {
		if *m.ids, err = db.ids(ctx, tx, `SELECT id FROM `+m.table+` WHERE `+entityRows(m.table, m.col)+` ORDER BY id`, drop); err != nil {
			return nil, fmt.Errorf("merge: %w", err)
		}
		if err := db.set(ctx, tx, m.table, m.col, keep, *m.ids); err != nil {
			return nil, fmt.Errorf("merge: %w", err)
		}
	}
	if _, err := db.exec(ctx, tx, `UPDATE entities SET merged_into = ? WHERE id = ?`, keep, drop); err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	// resolution keeps them together
	if err := db.pin(ctx, tx, d, keep, keep); err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	return db.audit(ctx, tx, actionMerge, keep, drop, d, note)
}

// Split makes a new entity, of id's type and named alias, of what id is
// called alias by: the alias, the occurrences named alias with everything
// read under them, and the mentions, claims (as subject, object or
// attribution) and statements whose name as read is alias once normalized,
// which become an occurrence of their own in their article. Resolve keeps
// the two apart. It returns ENOTFOUND for a missing entity and EINVALID
// when alias is empty, is the entity's canonical name (rename it first), or
// names nothing of the entity.
func (db *DB) Split(ctx context.Context, id int64, alias string, note string) (int64, *factions.AuditEntry, error) {
	norm := factions.NormalizeName(alias)
	if norm == "" {
		return 0, nil, invalid("split: no alias given")
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return 0, nil, err
	}
	defer tx.Rollback()
	name, typ, err := db.entityRow(ctx, tx, id)
	if err != nil {
		return 0, nil, err
	}
	if factions.NormalizeName(name) == norm {
		return 0, nil, invalid("split: %q is the canonical name of entity %d; rename it first", alias, id)
	}
	d := &auditDetail{Alias: alias}
	if d.Aliases, err = db.ids(ctx, tx, `SELECT id FROM aliases WHERE entity_id = ? AND norm = ? ORDER BY id`, id, norm); err != nil {
		return 0, nil, fmt.Errorf("split: %w", err)
	}
	for _, s := range splitRows(d) {
		if *s.ids, err = db.named(ctx, tx, s.table, s.col, s.text, id, norm); err != nil {
			return 0, nil, fmt.Errorf("split: %w", err)
		}
	}
	if len(d.Aliases)+len(d.Mentions)+len(d.Subjects)+len(d.Objects)+len(d.Attributed)+len(d.Statements) == 0 {
		return 0, nil, invalid("split: entity %d is never called %q", id, alias)
	}
	var newID int64
	if err := db.queryRow(ctx, tx, `INSERT INTO entities (name, type, created) VALUES (?, ?, ?) RETURNING id`,
		alias, string(typ), micros(db.Now())).Scan(&newID); err != nil {
		return 0, nil, fmt.Errorf("split: %w", err)
	}
	if err := db.splitOccurrences(ctx, tx, d, id, newID, norm); err != nil {
		return 0, nil, fmt.Errorf("split: %w", err)
	}
	for _, m := range d.moves() {
		if err := db.set(ctx, tx, m.table, m.col, newID, *m.ids); err != nil {
			return 0, nil, fmt.Errorf("split: %w", err)
		}
	}
	if len(d.Aliases) == 0 {
		if d.CreatedAlias, err = db.addAlias(ctx, tx, newID, alias); err != nil {
			return 0, nil, fmt.Errorf("split: %w", err)
		}
	}
	e, err := db.audit(ctx, tx, actionSplit, id, newID, d, note)
	if err != nil {
		return 0, nil, err
	}
	return newID, e, tx.Commit()
}

// splitRows lists the rows a split finds by the name they were read as:
// the table, the column naming the entity, the one holding the name, the
// one naming the occurrence, and where the detail keeps their IDs.
func splitRows(d *auditDetail) []struct {
	table, col, text, occ string
	ids                   *[]int64
} {
	return []struct {
		table, col, text, occ string
		ids                   *[]int64
	}{
		{"mentions", "entity_id", "surface", "occurrence_id", &d.Mentions},
		{"claims", "subject_id", "subject_text", "subject_occ", &d.Subjects},
		{"claims", "object_id", "object_text", "object_occ", &d.Objects},
		{"claims", "attributed_id", "attributed_text", "attributed_occ", &d.Attributed},
		{"statements", "speaker_id", "speaker_text", "speaker_occ", &d.Statements},
	}
}

// splitOccurrences decides the occurrences of a split of entity id by the
// name norm into newID: an occurrence named so moves whole, with every row
// read under it; the rows of the others read as that name become an
// occurrence of their own in their article, and the name leaves the
// other's names. The moved and new occurrences are pinned to newID, the
// others of id to id. It notes all in d.
func (db *DB) splitOccurrences(ctx context.Context, tx *sql.Tx, d *auditDetail, id, newID int64, norm string) error {
	type occRow struct {
		id, article   int64
		typ, name, ns string
	}
	rows, err := db.query(ctx, tx, `SELECT id, article_id, type, name, names FROM occurrences WHERE entity_id = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	var occs []occRow
	for rows.Next() {
		var o occRow
		if err := rows.Scan(&o.id, &o.article, &o.typ, &o.name, &o.ns); err != nil {
			rows.Close()
			return err
		}
		occs = append(occs, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// the rows found by name, by the occurrence they were read under
	byOcc := map[int64]map[string][]int64{}
	for _, s := range splitRows(d) {
		for start := 0; start < len(*s.ids); start += chunk {
			part := (*s.ids)[start:min(start+chunk, len(*s.ids))]
			rs, err := db.query(ctx, tx, `SELECT id, COALESCE(`+s.occ+`, 0) FROM `+s.table+` WHERE id IN (`+placeholders(len(part))+`)`, int64s(part)...)
			if err != nil {
				return err
			}
			for rs.Next() {
				var rid, oid int64
				if err := rs.Scan(&rid, &oid); err != nil {
					rs.Close()
					return err
				}
				if byOcc[oid] == nil {
					byOcc[oid] = map[string][]int64{}
				}
				byOcc[oid][s.occ] = append(byOcc[oid][s.occ], rid)
			}
			rs.Close()
			if err := rs.Err(); err != nil {
				return err
			}
		}
	}
	var stay []int64
	for _, o := range occs {
		switch {
		case factions.NormalizeName(o.name) == norm:
			// the whole occurrence, and all read under it
			d.Occurrences = append(d.Occurrences, o.id)
			for _, s := range splitRows(d) {
				more, err := db.ids(ctx, tx, `SELECT id FROM `+s.table+` WHERE `+s.occ+` = ? ORDER BY id`, o.id)
				if err != nil {
					return err
				}
				*s.ids = union(*s.ids, more)
			}
		case len(byOcc[o.id]) > 0:
			var nid int64
			if err := db.queryRow(ctx, tx, `INSERT INTO occurrences (article_id, entity_id, type, name, names, pin) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
				o.article, newID, o.typ, d.Alias, d.Alias, newID).Scan(&nid); err != nil {
				return err
			}
			d.Carved = append(d.Carved, carving{New: nid, From: o.id, Names: o.ns})
			for _, s := range splitRows(d) {
				if err := db.set(ctx, tx, s.table, s.occ, nid, byOcc[o.id][s.occ]); err != nil {
					return err
				}
			}
			var kept []string
			for _, n := range splitNames(o.ns) {
				if factions.NormalizeName(n) != norm {
					kept = append(kept, n)
				}
			}
			if _, err := db.exec(ctx, tx, `UPDATE occurrences SET names = ? WHERE id = ?`, joinNames(kept), o.id); err != nil {
				return err
			}
			stay = append(stay, o.id)
		default:
			stay = append(stay, o.id)
		}
	}
	if err := db.pinOccurrences(ctx, tx, d, newID, d.Occurrences); err != nil {
		return err
	}
	return db.pinOccurrences(ctx, tx, d, id, stay)
}

// pinOccurrences pins occurrences to entity to, noting their pins in d.
func (db *DB) pinOccurrences(ctx context.Context, tx *sql.Tx, d *auditDetail, to int64, occs []int64) error {
	for start := 0; start < len(occs); start += chunk {
		part := occs[start:min(start+chunk, len(occs))]
		rows, err := db.query(ctx, tx, `SELECT id, COALESCE(pin, 0) FROM occurrences WHERE id IN (`+placeholders(len(part))+`) ORDER BY id`, int64s(part)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, pin int64
			if err := rows.Scan(&id, &pin); err != nil {
				rows.Close()
				return err
			}
			d.Pins = append(d.Pins, [2]int64{id, pin})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return db.set(ctx, tx, "occurrences", "pin", to, occs)
}

// union returns the IDs of a and b, each once, in order.
func union(a, b []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range append(a[:len(a):len(a)], b...) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Rename sets the canonical name of entity id, keeping the new name among
// its aliases; Resolve keeps it. It returns ENOTFOUND for a missing entity and EINVALID for an
// empty name.
func (db *DB) Rename(ctx context.Context, id int64, name string, note string) (*factions.AuditEntry, error) {
	if factions.NormalizeName(name) == "" {
		return nil, invalid("rename: empty name")
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	old, _, err := db.entityRow(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	d := &auditDetail{OldName: old, NewName: name}
	if err := db.queryRow(ctx, tx, `SELECT named FROM entities WHERE id = ?`, id).Scan(&d.WasNamed); err != nil {
		return nil, fmt.Errorf("rename: %w", err)
	}
	if _, err := db.exec(ctx, tx, `UPDATE entities SET name = ?, named = ? WHERE id = ?`, name, true, id); err != nil {
		return nil, fmt.Errorf("rename: %w", err)
	}
	if d.CreatedAlias, err = db.addAlias(ctx, tx, id, name); err != nil {
		return nil, fmt.Errorf("rename: %w", err)
	}
	e, err := db.audit(ctx, tx, actionRename, id, 0, d, note)
	if err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// RejectClaim marks a claim rejected: Claims leaves it out unless asked, and
// it no longer counts for contested claims, supporters or resolution. It
// returns ENOTFOUND for a missing claim.
func (db *DB) RejectClaim(ctx context.Context, id int64, note string) (*factions.AuditEntry, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d := &auditDetail{}
	err = db.queryRow(ctx, tx, `SELECT rejected FROM claims WHERE id = ?`, id).Scan(&d.WasRejected)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, factions.Errorf(factions.ENOTFOUND, "claim %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("reject claim: %w", err)
	}
	if _, err := db.exec(ctx, tx, `UPDATE claims SET rejected = ? WHERE id = ?`, true, id); err != nil {
		return nil, fmt.Errorf("reject claim: %w", err)
	}
	e, err := db.audit(ctx, tx, actionReject, id, 0, d, note)
	if err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// Undo reverses the change of audit entry auditID, as it was made, and marks
// the entry undone. It returns ENOTFOUND for a missing entry, and ECONFLICT
// for an entry already undone or when a later change that is not undone
// touches the same entities (or, for a rejection, the same claim): undo that
// one first. Rows added by articles saved after the change stay where they
// are; undoing a split whose new entity has gained such rows is ECONFLICT.
func (db *DB) Undo(ctx context.Context, auditID int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var e factions.AuditEntry
	err = db.queryRow(ctx, tx, `SELECT id, action, target, other, detail, undone FROM audit WHERE id = ?`, auditID).
		Scan(&e.ID, &e.Action, &e.Target, &e.Other, &e.Detail, &e.Undone)
	if errors.Is(err, sql.ErrNoRows) {
		return factions.Errorf(factions.ENOTFOUND, "audit entry %d not found", auditID)
	} else if err != nil {
		return fmt.Errorf("undo: %w", err)
	}
	if e.Undone {
		return factions.Errorf(factions.ECONFLICT, "audit entry %d is already undone", auditID)
	}
	later, err := db.auditEntries(ctx, tx, `WHERE id > ? AND NOT undone`, auditID)
	if err != nil {
		return fmt.Errorf("undo: %w", err)
	}
	for _, l := range later {
		if touches(&e, l) {
			return factions.Errorf(factions.ECONFLICT, "audit entry %d (%s) changed the same records since; undo it first", l.ID, l.Action)
		}
	}
	var d auditDetail
	if err := json.Unmarshal([]byte(e.Detail), &d); err != nil {
		return fmt.Errorf("undo: audit entry %d: %w", auditID, err)
	}
	undo := map[string]func(context.Context, *sql.Tx, *factions.AuditEntry, *auditDetail) error{
		actionMerge: db.undoMerge, actionSplit: db.undoSplit, actionRename: db.undoRename, actionReject: db.undoReject,
	}[e.Action]
	if undo == nil {
		return fmt.Errorf("undo: audit entry %d: unknown action %q", auditID, e.Action)
	}
	if err := undo(ctx, tx, &e, &d); err != nil {
		return err
	}
	if _, err := db.exec(ctx, tx, `UPDATE audit SET undone = ? WHERE id = ?`, true, auditID); err != nil {
		return fmt.Errorf("undo: %w", err)
	}
	if err := db.staleSamples(ctx, tx); err != nil {
		return fmt.Errorf("undo: %w", err)
	}
	return tx.Commit()
}

// touches reports whether the later change l touches what e changed: the
// same entities (target or other) for merges, splits and renames, the same
// claim for rejections.
func touches(e, l *factions.AuditEntry) bool {
	if (e.Action == actionReject) != (l.Action == actionReject) {
		return false
	}
	for _, a := range []int64{e.Target, e.Other} {
		for _, b := range []int64{l.Target, l.Other} {
			if a != 0 && a == b {
				return true
			}
		}
	}
	return false
}

// undoMerge moves the rows a merge moved back to the dropped entity, which
// is found again.
func (db *DB) undoMerge(ctx context.Context, tx *sql.Tx, e *factions.AuditEntry, d *auditDetail) error {
	for _, m := range d.moves() {
		if err := db.set(ctx, tx, m.table, m.col, e.Other, *m.ids); err != nil {
			return fmt.Errorf("undo merge: %w", err)
		}
	}
	if _, err := db.exec(ctx, tx, `UPDATE entities SET merged_into = NULL WHERE id = ?`, e.Other); err != nil {
		return fmt.Errorf("undo merge: %w", err)
	}
	if err := db.unpin(ctx, tx, d); err != nil {
		return fmt.Errorf("undo merge: %w", err)
	}
	return nil
}

// undoSplit moves the rows a split moved back to the entity split, and
// deletes the new entity unless it has gained rows since (ECONFLICT).
func (db *DB) undoSplit(ctx context.Context, tx *sql.Tx, e *factions.AuditEntry, d *auditDetail) error {
	for _, m := range d.moves() {
		if err := db.set(ctx, tx, m.table, m.col, e.Target, *m.ids); err != nil {
			return fmt.Errorf("undo split: %w", err)
		}
	}
	if d.CreatedAlias != 0 {
		if _, err := db.exec(ctx, tx, `DELETE FROM aliases WHERE id = ?`, d.CreatedAlias); err != nil {
			return fmt.Errorf("undo split: %w", err)
		}
	}
	for _, c := range d.Carved {
		for _, s := range splitRows(d) {
			if _, err := db.exec(ctx, tx, `UPDATE `+s.table+` SET `+s.occ+` = ? WHERE `+s.occ+` = ?`, c.From, c.New); err != nil {
				return fmt.Errorf("undo split: %w", err)
			}
		}
		if _, err := db.exec(ctx, tx, `UPDATE occurrences SET names = ? WHERE id = ?`, c.Names, c.From); err != nil {
			return fmt.Errorf("undo split: %w", err)
		}
		if _, err := db.exec(ctx, tx, `DELETE FROM occurrences WHERE id = ?`, c.New); err != nil {
			return fmt.Errorf("undo split: %w", err)
		}
	}
	if err := db.unpin(ctx, tx, d); err != nil {
		return fmt.Errorf("undo split: %w", err)
	}
	var n int
	if err := db.queryRow(ctx, tx, `SELECT
		(SELECT COUNT(*) FROM aliases WHERE entity_id = ?) + (SELECT COUNT(*) FROM mentions WHERE `+entityRows("mentions", "entity_id")+`) +
		(SELECT COUNT(*) FROM claims WHERE subject_id = ? OR object_id = ? OR attributed_id = ?) +
		(SELECT COUNT(*) FROM statements WHERE speaker_id = ?) + (SELECT COUNT(*) FROM occurrences WHERE entity_id = ?) +
		(SELECT COUNT(*) FROM entities WHERE merged_into = ?)`,
		e.Other, e.Other, e.Other, e.Other, e.Other, e.Other, e.Other, e.Other).Scan(&n); err != nil {
		return fmt.Errorf("undo split: %w", err)
	}
	if n > 0 {
		return factions.Errorf(factions.ECONFLICT, "entity %d, split off by entry %d, has gained records since; merge it instead", e.Other, e.ID)
	}
	if _, err := db.exec(ctx, tx, `DELETE FROM entities WHERE id = ?`, e.Other); err != nil {
		return fmt.Errorf("undo split: %w", err)
	}
	return nil
}

// undoRename restores the old name and deletes the alias the rename added.
func (db *DB) undoRename(ctx context.Context, tx *sql.Tx, e *factions.AuditEntry, d *auditDetail) error {
	if _, err := db.exec(ctx, tx, `UPDATE entities SET name = ?, named = ? WHERE id = ?`, d.OldName, d.WasNamed, e.Target); err != nil {
		return fmt.Errorf("undo rename: %w", err)
	}
	if d.CreatedAlias != 0 {
		if _, err := db.exec(ctx, tx, `DELETE FROM aliases WHERE id = ?`, d.CreatedAlias); err != nil {
			return fmt.Errorf("undo rename: %w", err)
		}
	}
	return nil
}

// undoReject restores whether the claim was rejected.
func (db *DB) undoReject(ctx context.Context, tx *sql.Tx, e *factions.AuditEntry, d *auditDetail) error {
	if _, err := db.exec(ctx, tx, `UPDATE claims SET rejected = ? WHERE id = ?`, d.WasRejected, e.Target); err != nil {
		return fmt.Errorf("undo reject: %w", err)
	}
	return nil
}

func (db *DB) auditEntries(ctx context.Context, r runner, where string, args ...any) ([]*factions.AuditEntry, error) {
	rows, err := db.query(ctx, r, `SELECT id, action, target, other, detail, note, time, undone FROM audit `+where+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*factions.AuditEntry{}
	for rows.Next() {
		var e factions.AuditEntry
		var t int64
		if err := rows.Scan(&e.ID, &e.Action, &e.Target, &e.Other, &e.Detail, &e.Note, &t, &e.Undone); err != nil {
			return nil, err
		}
		e.Time = fromMicros(t)
		out = append(out, &e)
	}
	return out, rows.Err()
}

// nameEntry sets the TargetName and OtherName of e: the names of the
// entities it changed, or the claim it rejected.
func (db *DB) nameEntry(ctx context.Context, r runner, e *factions.AuditEntry) error {
	if e.Action == actionReject {
		var s, p, o string
		err := db.queryRow(ctx, r, `SELECT se.name, c.predicate, oe.name FROM claims c JOIN entities se ON se.id = c.subject_id
			JOIN entities oe ON oe.id = c.object_id WHERE c.id = ?`, e.Target).Scan(&s, &p, &o)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if s != "" {
			e.TargetName = s + " " + p + " " + o
		}
		return nil
	}
	for _, x := range []struct {
		id   int64
		name *string
	}{{e.Target, &e.TargetName}, {e.Other, &e.OtherName}} {
		if x.id == 0 {
			continue
		}
		if err := db.queryRow(ctx, r, `SELECT name FROM entities WHERE id = ?`, x.id).Scan(x.name); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	if e.Action == actionSplit && e.OtherName == "" {
		// the entity split off is gone (undone): the name it was split by
		var d auditDetail
		if json.Unmarshal([]byte(e.Detail), &d) == nil {
			e.OtherName = d.Alias
		}
	}
	return nil
}

// AuditLog returns every curation change, newest first, with the names of
// the entities (or the claim) it changed, or the database's error.
func (db *DB) AuditLog(ctx context.Context) ([]*factions.AuditEntry, error) {
	out, err := db.auditEntries(ctx, db.db, ``)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	for _, e := range out {
		if err := db.nameEntry(ctx, db.db, e); err != nil {
			return nil, fmt.Errorf("audit log: %w", err)
		}
	}
	return out, nil
}
