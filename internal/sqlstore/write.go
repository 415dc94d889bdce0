package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
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
	// the values of a table's rows, one row after another: added to
	// the batch's (buf), or inserted now (put)
	vals := func(t table) []any {
		if buf != nil {
			return buf[t]
		}
		return nil
	}
	put := func(t table, vs []any) error {
		if buf != nil {
			buf[t] = vs
			return nil
		}
		if err := db.insertFlat(ctx, tx, tables[t].head, tables[t].ncols, vs); err != nil {
			return fmt.Errorf("insert %s: %w", tables[t].name, err)
		}
		return nil
	}
	var ents []any
	var created []*xent
	for _, e := range p.ents {
		if !e.existing {
			ents = append(ents, e.best, string(e.typ), micros(now))
			created = append(created, e)
		}
	}
	ids, err := db.insertNumbered(ctx, tx, entitiesTable, ents, seq.entities(), buf)
	if err != nil {
		return fmt.Errorf("insert entity: %w", err)
	}
	aliases := vals(aliasesTable)
	for i, e := range created {
		e.id = ids[i]
		if memo != nil {
			memo.created(e)
		}
		for j, n := range e.norms {
			aliases = append(aliases, e.id, e.names[j], n, e.vkeys[j])
		}
	}
	occs := make([]any, 0, len(p.ents)*tables[occurrencesTable].ncols)
	for _, e := range p.ents {
		occs = append(occs, articleID, e.id, string(e.typ), e.best, e.joined, provisionalReason(!e.existing))
	}
	if ids, err = db.insertNumbered(ctx, tx, occurrencesTable, occs, seq.occurrences(), buf); err != nil {
		return fmt.Errorf("insert occurrence: %w", err)
	}
	mentions := vals(mentionsTable)
	for i, e := range p.ents {
		e.occ = ids[i]
		for _, m := range e.mentions {
			mentions = append(mentions, e.id, e.occ, articleID, m.Text, int64(m.Span.Start), int64(m.Span.End))
		}
	}
	if err := put(aliasesTable, aliases); err != nil {
		return err
	}
	if err := put(mentionsTable, mentions); err != nil {
		return err
	}
	claims := vals(claimsTable)
	for _, pc := range p.claims {
		c := pc.c
		var attr, attrOcc any
		if pc.attr >= 0 {
			attr, attrOcc = p.ents[pc.attr].id, p.ents[pc.attr].occ
		}
		s, o := p.ents[pc.s], p.ents[pc.o]
		claims = append(claims, articleID, s.id, s.occ, strings.TrimSpace(c.Subject), string(c.Predicate),
			o.id, o.occ, strings.TrimSpace(c.Object), c.Role, c.Former, string(pc.stance), attr, attrOcc,
			strings.TrimSpace(c.AttributedTo), int64(c.Evidence.Start), int64(c.Evidence.End), pc.sentence)
	}
	if err := put(claimsTable, claims); err != nil {
		return err
	}
	stmts := vals(statementsTable)
	for _, ps := range p.stmts {
		st := ps.st
		var speaker, speakerOcc any
		if ps.speaker >= 0 {
			speaker, speakerOcc = p.ents[ps.speaker].id, p.ents[ps.speaker].occ
		}
		stmts = append(stmts, articleID, speaker, speakerOcc, strings.TrimSpace(st.Speaker), string(ps.kind), ps.text,
			int64(st.Span.Start), int64(st.Span.End), int64(st.Evidence.Start), int64(st.Evidence.End))
	}
	return put(statementsTable, stmts)
}

// table is one of the tables write adds rows to, in the order it adds
// them (parents before the rows that name them).
type table int

const (
	articlesTable table = iota // gathered only, numbered by the batch (saveWhole)
	textsTable
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
	articlesTable:    {"articles", `INSERT INTO articles (id, hash, title, source, url, path, published, date_from, date_until, dateline, ingested, date) VALUES `, 12},
	textsTable:       {"article_texts", `INSERT INTO article_texts (article_id, body) VALUES `, 2},
	entitiesTable:    {"entities", `INSERT INTO entities (name, type, created) VALUES `, 3},
	occurrencesTable: {"occurrences", `INSERT INTO occurrences (article_id, entity_id, type, name, names, reason) VALUES `, 6},
	aliasesTable:     {"aliases", `INSERT INTO aliases (entity_id, name, norm, vkey) VALUES `, 4},
	mentionsTable:    {"mentions", `INSERT INTO mentions (entity_id, occurrence_id, article_id, surface, start_pos, end_pos) VALUES `, 6},
	claimsTable: {"claims", `INSERT INTO claims (article_id, subject_id, subject_occ, subject_text, predicate, object_id, object_occ, object_text,
		role, former, stance, attributed_id, attributed_occ, attributed_text, ev_start, ev_end, sentence) VALUES `, 17},
	statementsTable: {"statements", `INSERT INTO statements (article_id, speaker_id, speaker_occ, speaker_text, kind, quote,
		span_start, span_end, ev_start, ev_end) VALUES `, 10},
}

// rowBuf gathers the rows of a batch's articles, by table, to insert them
// together once the batch is planned (saveWhole): a few statements of
// many rows a table rather than several an article. Each table's values
// are held one row after another (the numbered tables' with their ID
// first), in the order of the articles, so the rows are given the IDs
// they would have been given one article at a time.
type rowBuf [nTables][]any

// newRowBuf returns a rowBuf with room for every row saves may add (the
// numbered tables' with their IDs): grown as they were added, a batch's
// rows were copied over and over, and its mentions alone were a sixth of
// what an ingest allocates.
func newRowBuf(saves []*saving) *rowBuf {
	var n [nTables]int
	for _, s := range saves {
		if s == nil {
			continue
		}
		n[articlesTable]++
		n[textsTable]++
		n[entitiesTable] += len(s.p.ents)
		n[occurrencesTable] += len(s.p.ents)
		for _, e := range s.p.ents {
			n[aliasesTable] += len(e.names)
			n[mentionsTable] += len(e.mentions)
		}
		n[claimsTable] += len(s.p.claims)
		n[statementsTable] += len(s.p.stmts)
	}
	buf := &rowBuf{}
	for t := range nTables {
		ncols := tables[t].ncols
		if t == entitiesTable || t == occurrencesTable {
			ncols++ // the ID first
		}
		buf[t] = make([]any, 0, n[t]*ncols)
	}
	return buf
}

// flush inserts the rows gathered, a table at a time in the order of the
// tables, in a transaction that is rolled back whole when one fails
// (saveWhole): a statement that fails need not undo its own rows first
// (undoneWhole).
func (db *DB) flush(ctx context.Context, tx *sql.Tx, buf *rowBuf) error {
	for t := range nTables {
		head, ncols := tables[t].head, tables[t].ncols
		if t == entitiesTable || t == occurrencesTable {
			head, ncols = numberedHead(head), ncols+1 // numbered by the batch (batchMemo.seq)
		}
		head = strings.Replace(head, "INSERT", db.undoneWhole("INSERT"), 1)
		if err := db.insertFlat(ctx, tx, head, ncols, buf[t]); err != nil {
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

// insertReturning inserts the rows of vals (ncols values a row, one row
// after another) as insertFlat does and returns the id given to each, in
// their order. A multi-row INSERT ... RETURNING returns its rows in no
// promised order, but it inserts the rows of its VALUES list in their
// order, and both SQLite (a new rowid is one more than the largest) and
// PostgreSQL (an identity column draws from a sequence) give each row a
// larger id than the one before: the ids sorted are those of the rows in
// order.
func (db *DB) insertReturning(ctx context.Context, tx *sql.Tx, head string, ncols int, vals []any) ([]int64, error) {
	nrows := len(vals) / ncols
	ids := make([]int64, 0, nrows)
	err := db.eachInsert(head, ncols, vals, func(q string, args []any) error {
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
	if err == nil && len(ids) != nrows {
		err = fmt.Errorf("%d ids returned for %d rows", len(ids), nrows)
	}
	return ids, err
}

// sameName is the reason resolution gives an occurrence that joins others
// of its name, most occurrences' (package resolve).
const sameName = "same name"

// provisionalReason is the reason an occurrence is saved with, which
// resolution changes where its own differs: none for the occurrence that
// made its entity (made), as resolution gives the first of an entity,
// else sameName: the batch put it in the entity of its name. Most are as
// resolution leaves them, so that few reasons are written twice.
func provisionalReason(made bool) string {
	if made {
		return ""
	}
	return sameName
}

// rowSeq holds the greatest IDs of the entities, occurrences and articles
// of a store that one transaction alone writes (saveWhole), which numbers the
// rows it adds itself as SQLite would (one more than the greatest), so
// that their inserts return nothing.
type rowSeq struct{ entity, occ, article int64 }

// loadSeq reads the greatest IDs of entities, occurrences and articles.
func (db *DB) loadSeq(ctx context.Context, tx *sql.Tx) (*rowSeq, error) {
	s := &rowSeq{}
	err := db.queryRow(ctx, tx, `SELECT (SELECT COALESCE(MAX(id), 0) FROM entities), (SELECT COALESCE(MAX(id), 0) FROM occurrences),
		(SELECT COALESCE(MAX(id), 0) FROM articles)`).Scan(&s.entity, &s.occ, &s.article)
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

// insertNumbered inserts the rows of vals (the table's columns a row, one
// row after another) into the table t as insertReturning does and returns
// their IDs; when last is not nil, the rows are numbered after *last,
// which is advanced, and inserted with their IDs (numberedHead), or
// gathered in buf when it is not nil.
func (db *DB) insertNumbered(ctx context.Context, tx *sql.Tx, t table, vals []any, last *int64, buf *rowBuf) ([]int64, error) {
	ncols := tables[t].ncols
	if last == nil {
		return db.insertReturning(ctx, tx, tables[t].head, ncols, vals)
	}
	ids := make([]int64, len(vals)/ncols)
	var numbered []any
	if buf != nil {
		numbered = buf[t]
	}
	for i := range ids {
		*last++
		ids[i] = *last
		numbered = append(numbered, *last)
		numbered = append(numbered, vals[i*ncols:(i+1)*ncols]...)
	}
	if buf != nil {
		buf[t] = numbered
		return ids, nil
	}
	return ids, db.insertFlat(ctx, tx, numberedHead(tables[t].head), ncols+1, numbered)
}

// numberedHead returns an insert's head with an id column first.
func numberedHead(head string) string { return strings.Replace(head, " (", " (id, ", 1) }

// insertRows inserts rows of ncols values each with head ("INSERT INTO t
// (a, b) VALUES "), several rows a statement.
func (db *DB) insertRows(ctx context.Context, tx *sql.Tx, head string, ncols int, rows [][]any) error {
	vals := make([]any, 0, len(rows)*ncols)
	for _, r := range rows {
		vals = append(vals, r...)
	}
	return db.insertFlat(ctx, tx, head, ncols, vals)
}

// insertFlat inserts the rows of vals, ncols values a row one row after
// another, as insertRows does.
func (db *DB) insertFlat(ctx context.Context, tx *sql.Tx, head string, ncols int, vals []any) error {
	return db.eachInsert(head, ncols, vals, func(q string, args []any) error {
		_, err := db.exec(ctx, tx, q, args...)
		return err
	})
}

// eachInsert calls run with each multi-row INSERT statement that inserts
// the rows of vals (ncols values a row), in order, and its values: up to
// maxRows rows a statement, a multiple of rowStep or fewer than rowStep.
func (db *DB) eachInsert(head string, ncols int, vals []any, run func(q string, args []any) error) error {
	nrows := len(vals) / ncols
	for start := 0; start < nrows; {
		n := min(maxRows, nrows-start)
		if n > rowStep {
			n -= n % rowStep
		}
		args := vals[start*ncols : (start+n)*ncols]
		start += n
		if err := run(insertSQL(head, ncols, n), args); err != nil {
			return err
		}
	}
	return nil
}

// insertSQLs holds the statements insertSQL wrote, by head and numbers of
// columns and rows.
var insertSQLs sync.Map

type insertKey struct {
	head        string
	ncols, rows int
}

// insertSQL returns head followed by rows groups of ncols placeholders.
func insertSQL(head string, ncols, rows int) string {
	k := insertKey{head, ncols, rows}
	if q, ok := insertSQLs.Load(k); ok {
		return q.(string)
	}
	group := "(" + placeholders(ncols) + ")"
	var b strings.Builder
	b.WriteString(head)
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(group)
	}
	q := b.String()
	insertSQLs.Store(k, q)
	return q
}
