package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/factions/factions"
)

// write stores the entities, aliases, occurrences, mentions, claims and
// statements of p for the article id: a new entity for each entity of p
// that provisional found no stored entity for, with its names as aliases
// (which memo, when not nil, learns);
// an occurrence for each entity of p; the rows read under each, naming its
// entity and its occurrence.
func (db *DB) write(ctx context.Context, tx *sql.Tx, p *plan, articleID int64, now time.Time, memo *batchMemo) error {
	var seq *rowSeq
	var buf *rowBuf
	if memo != nil {
		seq, buf = memo.seq, memo.rows
	}
	put := func(t table, rows [][]any) error {
		if buf != nil {
			buf[t] = append(buf[t], rows...)
			return nil
		}
		if err := db.insertRows(ctx, tx, tables[t].head, tables[t].ncols, rows); err != nil {
			return fmt.Errorf("insert %s: %w", tables[t].name, err)
		}
		return nil
	}
	var aliasRows, mentionRows, entRows, occRows [][]any
	var created []*xent
	for _, e := range p.ents {
		if !e.existing {
			entRows = append(entRows, []any{e.best, string(e.typ), micros(now)})
			created = append(created, e)
		}
	}
	ids, err := db.insertNumbered(ctx, tx, entitiesTable, entRows, seq.entities(), buf)
	if err != nil {
		return fmt.Errorf("insert entity: %w", err)
	}
	for i, e := range created {
		e.id = ids[i]
		if memo != nil {
			memo.created(e)
		}
		for j, n := range e.norms {
			aliasRows = append(aliasRows, []any{e.id, e.names[j], n, e.vkeys[j]})
		}
	}
	for _, e := range p.ents {
		occRows = append(occRows, []any{articleID, e.id, string(e.typ), e.best, e.joined})
	}
	if ids, err = db.insertNumbered(ctx, tx, occurrencesTable, occRows, seq.occurrences(), buf); err != nil {
		return fmt.Errorf("insert occurrence: %w", err)
	}
	for i, e := range p.ents {
		e.occ = ids[i]
		for _, m := range e.mentions {
			mentionRows = append(mentionRows, []any{e.id, e.occ, articleID, m.Text, m.Span.Start, m.Span.End})
		}
	}
	if err := put(aliasesTable, aliasRows); err != nil {
		return err
	}
	if err := put(mentionsTable, mentionRows); err != nil {
		return err
	}
	var claimRows [][]any
	for _, pc := range p.claims {
		c := pc.c
		var attr, attrOcc any
		if pc.attr >= 0 {
			attr, attrOcc = p.ents[pc.attr].id, p.ents[pc.attr].occ
		}
		s, o := p.ents[pc.s], p.ents[pc.o]
		claimRows = append(claimRows, []any{articleID, s.id, s.occ, strings.TrimSpace(c.Subject), string(c.Predicate),
			o.id, o.occ, strings.TrimSpace(c.Object), c.Role, c.Former, string(pc.stance), attr, attrOcc,
			strings.TrimSpace(c.AttributedTo), c.Evidence.Start, c.Evidence.End, pc.sentence})
	}
	if err := put(claimsTable, claimRows); err != nil {
		return err
	}
	var stmtRows [][]any
	for _, ps := range p.stmts {
		st := ps.st
		var speaker, speakerOcc any
		if ps.speaker >= 0 {
			speaker, speakerOcc = p.ents[ps.speaker].id, p.ents[ps.speaker].occ
		}
		stmtRows = append(stmtRows, []any{articleID, speaker, speakerOcc, strings.TrimSpace(st.Speaker), string(ps.kind), ps.text,
			st.Span.Start, st.Span.End, st.Evidence.Start, st.Evidence.End})
	}
	return put(statementsTable, stmtRows)
}

// table is one of the tables write adds rows to, in the order it adds
// them (parents before the rows that name them).
type table int

const (
	textsTable table = iota
	entitiesTable
	occurrencesTable
	aliasesTable
	mentionsTable
	claimsTable
	statementsTable
	nTables
)

// tables are the inserts of each table: the statement's head and the
// values a row.
var tables = [nTables]struct {
	name  string
	head  string
	ncols int
}{
	textsTable:       {"article_texts", `INSERT INTO article_texts (article_id, body) VALUES `, 2},
	entitiesTable:    {"entities", `INSERT INTO entities (name, type, created) VALUES `, 3},
	occurrencesTable: {"occurrences", `INSERT INTO occurrences (article_id, entity_id, type, name, names) VALUES `, 5},
	aliasesTable:     {"aliases", `INSERT INTO aliases (entity_id, name, norm, vkey) VALUES `, 4},
	mentionsTable:    {"mentions", `INSERT INTO mentions (entity_id, occurrence_id, article_id, surface, start_pos, end_pos) VALUES `, 6},
	claimsTable: {"claims", `INSERT INTO claims (article_id, subject_id, subject_occ, subject_text, predicate, object_id, object_occ, object_text,
		role, former, stance, attributed_id, attributed_occ, attributed_text, ev_start, ev_end, sentence) VALUES `, 17},
	statementsTable: {"statements", `INSERT INTO statements (article_id, speaker_id, speaker_occ, speaker_text, kind, quote,
		span_start, span_end, ev_start, ev_end) VALUES `, 10},
}

// rowBuf gathers the rows of a batch's articles, by table, to insert them
// together once the batch is planned (saveWhole): a few statements of
// many rows a table rather than several an article. Each table's rows are
// in the order of the articles, so they are given the IDs they would have
// been given one article at a time.
type rowBuf [nTables][][]any

// flush inserts the rows gathered, a table at a time in the order of the
// tables.
func (db *DB) flush(ctx context.Context, tx *sql.Tx, buf *rowBuf) error {
	for t := range nTables {
		head, ncols := tables[t].head, tables[t].ncols
		if t == entitiesTable || t == occurrencesTable {
			head, ncols = numberedHead(head), ncols+1 // numbered by the batch (batchMemo.seq)
		}
		if err := db.insertRows(ctx, tx, head, ncols, buf[t]); err != nil {
			return fmt.Errorf("insert %s: %w", tables[t].name, err)
		}
	}
	return nil
}

// variantKey is the variant key stored for a name: none for acronyms.
func variantKey(name string) string {
	if factions.IsAcronym(name) {
		return ""
	}
	return factions.VariantKey(name)
}

// maxRows bounds the rows of one multi-row insert, and rowStep rounds
// them: a statement inserts a multiple of rowStep rows, or fewer than
// rowStep (the rest), so that a table is written by at most
// maxRows/rowStep + rowStep - 1 statements of different lengths, each
// prepared once, rather than one for every number of rows up to maxRows.
const (
	maxRows = 64
	rowStep = 8
)

// insertReturning inserts rows as insertRows does and returns the id
// given to each, in the order of rows. A multi-row INSERT ... RETURNING
// returns its rows in no promised order, but it inserts the rows of its
// VALUES list in their order, and both SQLite (a new rowid is one more than
// the largest) and PostgreSQL (an identity column draws from a sequence)
// give each row a larger id than the one before: the ids sorted are those
// of the rows in order.
func (db *DB) insertReturning(ctx context.Context, tx *sql.Tx, head string, ncols int, rows [][]any) ([]int64, error) {
	ids := make([]int64, 0, len(rows))
	err := db.eachInsert(head, ncols, rows, func(q string, args []any) error {
		rs, err := db.query(ctx, tx, q+" RETURNING id", args...)
		if err != nil {
			return err
		}
		defer rs.Close()
		start := len(ids)
		for rs.Next() {
			var id int64
			if err := rs.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		if err := rs.Err(); err != nil {
			return err
		}
		slices.Sort(ids[start:])
		return nil
	})
	if err == nil && len(ids) != len(rows) {
		err = fmt.Errorf("%d ids returned for %d rows", len(ids), len(rows))
	}
	return ids, err
}

// rowSeq holds the greatest IDs of the entities and occurrences of a
// store that one transaction alone writes (saveWhole), which numbers the
// rows it adds itself as SQLite would (one more than the greatest), so
// that their inserts return nothing.
type rowSeq struct{ entity, occ int64 }

// loadSeq reads the greatest IDs of entities and occurrences.
func (db *DB) loadSeq(ctx context.Context, tx *sql.Tx) (*rowSeq, error) {
	s := &rowSeq{}
	err := db.queryRow(ctx, tx, `SELECT (SELECT COALESCE(MAX(id), 0) FROM entities), (SELECT COALESCE(MAX(id), 0) FROM occurrences)`).Scan(&s.entity, &s.occ)
	return s, err
}

func (s *rowSeq) entities() *int64 {
	if s == nil {
		return nil
	}
	return &s.entity
}

func (s *rowSeq) occurrences() *int64 {
	if s == nil {
		return nil
	}
	return &s.occ
}

// insertNumbered inserts rows into the table t as insertReturning does and
// returns their IDs; when last is not nil, the rows are numbered after
// *last, which is advanced, and inserted with their IDs (numberedHead), or
// gathered in buf when it is not nil.
func (db *DB) insertNumbered(ctx context.Context, tx *sql.Tx, t table, rows [][]any, last *int64, buf *rowBuf) ([]int64, error) {
	if last == nil {
		return db.insertReturning(ctx, tx, tables[t].head, tables[t].ncols, rows)
	}
	ids := make([]int64, len(rows))
	numbered := make([][]any, len(rows))
	for i, r := range rows {
		*last++
		ids[i] = *last
		numbered[i] = append([]any{*last}, r...)
	}
	if buf != nil {
		buf[t] = append(buf[t], numbered...)
		return ids, nil
	}
	return ids, db.insertRows(ctx, tx, numberedHead(tables[t].head), tables[t].ncols+1, numbered)
}

// numberedHead returns an insert's head with an id column first.
func numberedHead(head string) string { return strings.Replace(head, " (", " (id, ", 1) }

// insertRows inserts rows of ncols values each with head ("INSERT INTO t
// (a, b) VALUES "), several rows a statement.
func (db *DB) insertRows(ctx context.Context, tx *sql.Tx, head string, ncols int, rows [][]any) error {
	return db.eachInsert(head, ncols, rows, func(q string, args []any) error {
		_, err := db.exec(ctx, tx, q, args...)
		return err
	})
}

// eachInsert calls run with each multi-row INSERT statement that inserts
// rows, in order: up to maxRows of them a statement, a multiple of rowStep
// or fewer than rowStep.
func (db *DB) eachInsert(head string, ncols int, rows [][]any, run func(q string, args []any) error) error {
	group := "(" + placeholders(ncols) + ")"
	for start := 0; start < len(rows); {
		n := min(maxRows, len(rows)-start)
		if n > rowStep {
			n -= n % rowStep
		}
		part := rows[start : start+n]
		start += n
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, len(part)*ncols)
		for i, r := range part {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(group)
			args = append(args, r...)
		}
		if err := run(b.String(), args); err != nil {
			return err
		}
	}
	return nil
}
