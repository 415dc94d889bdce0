package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/factions/factions"
)

// limitOffset returns the LIMIT clause for a limit and offset, zero limit
// meaning none.
func limitOffset(limit, offset int) (string, []any) {
	if limit <= 0 && offset <= 0 {
		return "", nil
	}
	l := int64(limit)
	if limit <= 0 {
		l = math.MaxInt64
	}
	return " LIMIT ? OFFSET ?", []any{l, int64(max(offset, 0))}
}

const articleCols = `a.id, a.hash, a.title, a.source, a.url, a.path, a.published, a.date_from, a.date_until, a.dateline, t.body, a.ingested`

// articleFrom is what articleCols are read from: an article and its text
// (kept apart: see migration 0006).
const articleFrom = ` FROM articles a JOIN article_texts t ON t.article_id = a.id`

func scanArticle(sc interface{ Scan(...any) error }) (*factions.Article, error) {
	var a factions.Article
	var published, from, until sql.NullInt64
	var ingested int64
	if err := sc.Scan(&a.ID, &a.Hash, &a.Title, &a.Source, &a.URL, &a.Path, &published, &from, &until, &a.Dateline, &a.Text, &ingested); err != nil {
		return nil, err
	}
	a.Published, a.DateFrom, a.DateUntil = nullTime(published), nullTime(from), nullTime(until)
	a.Ingested = fromMicros(ingested)
	return &a, nil
}

// nullTime returns the time stored as v, or zero for NULL.
func nullTime(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return fromMicros(v.Int64)
}

// Article returns the article with the given ID, or ENOTFOUND.
func (db *DB) Article(ctx context.Context, id int64) (*factions.Article, error) {
	a, err := scanArticle(db.queryRow(ctx, db.db, `SELECT `+articleCols+articleFrom+` WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, factions.Errorf(factions.ENOTFOUND, "article %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("article %d: %w", id, err)
	}
	return a, nil
}

// Articles returns the stored articles, newest first (by Date, then ID), or
// the database's error.
func (db *DB) Articles(ctx context.Context, f factions.ArticleFilter) ([]*factions.Article, error) {
	lim, args := limitOffset(f.Limit, f.Offset)
	rows, err := db.query(ctx, db.db, `SELECT `+articleCols+articleFrom+` ORDER BY a.date DESC, a.id DESC`+lim, args...)
	if err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	defer rows.Close()
	out := []*factions.Article{}
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Entity returns the entity with the given ID, with its aliases and
// mentions, or ENOTFOUND (also for an entity merged into another).
func (db *DB) Entity(ctx context.Context, id int64) (*factions.Entity, error) {
	es, err := db.entities(ctx, db.db, []int64{id})
	if err != nil {
		return nil, fmt.Errorf("entity %d: %w", id, err)
	}
	e := es[id]
	if e == nil {
		return nil, factions.Errorf(factions.ENOTFOUND, "entity %d not found", id)
	}
	rows, err := db.query(ctx, db.db, `SELECT m.surface, m.start_pos, m.end_pos FROM mentions m WHERE `+mentionsOfEntity+` ORDER BY m.article_id, m.start_pos, m.id`, id)
	if err != nil {
		return nil, fmt.Errorf("entity %d mentions: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var m factions.Mention
		if err := rows.Scan(&m.Text, &m.Span.Start, &m.Span.End); err != nil {
			return nil, err
		}
		e.Mentions = append(e.Mentions, m)
	}
	return e, rows.Err()
}

// entities returns the entities with the given IDs that are not merged into
// another, with their aliases (every known name but the canonical one, in
// the order they were learnt).
func (db *DB) entities(ctx context.Context, r runner, ids []int64) (map[int64]*factions.Entity, error) {
	out := map[int64]*factions.Entity{}
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		in := placeholders(len(part))
		rows, err := db.query(ctx, r, `SELECT id, name, type FROM entities WHERE merged_into IS NULL AND id IN (`+in+`)`, int64s(part)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			e := &factions.Entity{Aliases: []string{}}
			if err := rows.Scan(&e.ID, &e.Name, &e.Type); err != nil {
				rows.Close()
				return nil, err
			}
			out[e.ID] = e
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		rows, err = db.query(ctx, r, `SELECT entity_id, name, norm FROM aliases WHERE entity_id IN (`+in+`) ORDER BY id`, int64s(part)...)
		if err != nil {
			return nil, err
		}
		seen := map[int64]map[string]bool{}
		for rows.Next() {
			var id int64
			var name, norm string
			if err := rows.Scan(&id, &name, &norm); err != nil {
				rows.Close()
				return nil, err
			}
			e := out[id]
			if e == nil {
				continue
			}
			if seen[id] == nil {
				seen[id] = map[string]bool{factions.NormalizeName(e.Name): true}
			}
			if !seen[id][norm] {
				seen[id][norm] = true
				e.Aliases = append(e.Aliases, name)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// mentionCounts returns how often each of ids is mentioned.
func (db *DB) mentionCounts(ctx context.Context, ids []int64) (map[int64]int, error) {
	out := map[int64]int{}
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		rows, err := db.query(ctx, db.db, `SELECT o.entity_id, COUNT(*) FROM occurrences o JOIN mentions m ON m.occurrence_id = o.id WHERE o.entity_id IN (`+placeholders(len(part))+`) GROUP BY o.entity_id`, int64s(part)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FindEntities returns the entities one of whose names equals name once
// normalized, those whose canonical name it is first (unless another is
// mentioned ten times as often, and at least ten times), then the most
// mentioned; then, for a name that is not an acronym, the entities with a
// name of the same VariantKey, most mentioned first. None is not an error;
// the database's error is.
func (db *DB) FindEntities(ctx context.Context, name string) ([]*factions.Entity, error) {
	out := []*factions.Entity{}
	norm := factions.NormalizeName(name)
	if norm == "" {
		return out, nil
	}
	ids := func(col, val string) ([]int64, error) {
		rows, err := db.query(ctx, db.db, `SELECT DISTINCT a.entity_id FROM aliases a JOIN entities e ON e.id = a.entity_id
			WHERE e.merged_into IS NULL AND a.`+col+` = ?`, val)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	exact, err := ids("norm", norm)
	if err != nil {
		return nil, fmt.Errorf("find entities: %w", err)
	}
	var variant []int64
	if vk := variantKey(name); vk != "" {
		all, err := ids("vkey", vk)
		if err != nil {
			return nil, fmt.Errorf("find entities: %w", err)
		}
		in := map[int64]bool{}
		for _, id := range exact {
			in[id] = true
		}
		for _, id := range all {
			if !in[id] {
				variant = append(variant, id)
			}
		}
	}
	all := append(exact[:len(exact):len(exact)], variant...)
	es, err := db.entities(ctx, db.db, all)
	if err != nil {
		return nil, fmt.Errorf("find entities: %w", err)
	}
	counts, err := db.mentionCounts(ctx, all)
	if err != nil {
		return nil, fmt.Errorf("find entities: %w", err)
	}
	rank := func(ids []int64, byName bool) {
		sort.Slice(ids, func(i, j int) bool {
			a, b := es[ids[i]], es[ids[j]]
			if byName {
				// the entity of that canonical name first, unless the other
				// is named ten times as often ("UDP": the party, whose
				// alias it is, not a stray entity read as "UDP")
				na, nb := factions.NormalizeName(a.Name) == norm, factions.NormalizeName(b.Name) == norm
				ca, cb := counts[a.ID], counts[b.ID]
				if na != nb && !(na && cb >= 10 && cb >= 10*ca) && !(nb && ca >= 10 && ca >= 10*cb) {
					return na
				}
			}
			if counts[a.ID] != counts[b.ID] {
				return counts[a.ID] > counts[b.ID]
			}
			return a.ID < b.ID
		})
		for _, id := range ids {
			out = append(out, es[id])
		}
	}
	rank(exact, true)
	rank(variant, false)
	return out, nil
}

// Entities lists entities, of one type when f.Type is set, most mentioned
// first, then by ID; their Mentions are left empty. It returns the
// database's error, if any.
func (db *DB) Entities(ctx context.Context, f factions.EntityFilter) ([]*factions.Entity, error) {
	q := `SELECT e.id, (SELECT COUNT(*) FROM occurrences o JOIN mentions m ON m.occurrence_id = o.id WHERE o.entity_id = e.id) AS n FROM entities e WHERE e.merged_into IS NULL`
	var args []any
	if f.Type != "" {
		q += ` AND e.type = ?`
		args = append(args, string(f.Type))
	}
	lim, largs := limitOffset(f.Limit, f.Offset)
	rows, err := db.query(ctx, db.db, q+` ORDER BY n DESC, e.id`+lim, append(args, largs...)...)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	var ids []int64
	counts := map[int64]int{}
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
		counts[id] = int(n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	es, err := db.entities(ctx, db.db, ids)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	out := make([]*factions.Entity, 0, len(ids))
	for _, id := range ids {
		if e := es[id]; e != nil {
			e.MentionCount = counts[id]
			out = append(out, e)
		}
	}
	return out, nil
}

const claimSelect = `SELECT c.id, c.article_id, c.subject_id, s.name, c.predicate, c.object_id, o.name, c.role, c.former,
	c.stance, COALESCE(t.name, c.attributed_text), c.ev_start, c.ev_end, c.sentence, c.rejected,
	COALESCE(a.published, a.date_from), a.date_until, a.source, a.published IS NULL
FROM claims c
JOIN entities s ON s.id = c.subject_id
JOIN entities o ON o.id = c.object_id
LEFT JOIN entities t ON t.id = c.attributed_id
JOIN articles a ON a.id = c.article_id`

// contestable selects the unordered (subject, object) pairs whose claims
// may be contested (see factions.MarkContested): more than one stance, or a
// `left` beside a membership, post or leadership. It is a superset; the
// claims are judged in Go.
const contestable = `(CASE WHEN c.subject_id < c.object_id THEN c.subject_id ELSE c.object_id END,
	CASE WHEN c.subject_id < c.object_id THEN c.object_id ELSE c.subject_id END) IN (
	SELECT CASE WHEN k.subject_id < k.object_id THEN k.subject_id ELSE k.object_id END,
		CASE WHEN k.subject_id < k.object_id THEN k.object_id ELSE k.subject_id END
	FROM claims k WHERE NOT k.rejected GROUP BY 1, 2
	HAVING COUNT(DISTINCT k.stance) > 1 OR (SUM(CASE WHEN k.predicate = 'left' THEN 1 ELSE 0 END) > 0
		AND SUM(CASE WHEN k.predicate IN ('member_of', 'holds_post', 'leads') THEN 1 ELSE 0 END) > 0))`

func (db *DB) scanClaims(ctx context.Context, q string, args ...any) ([]*factions.Claim, error) {
	rows, err := db.query(ctx, db.db, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*factions.Claim
	for rows.Next() {
		var c factions.Claim
		var date, until sql.NullInt64
		if err := rows.Scan(&c.ID, &c.ArticleID, &c.SubjectID, &c.Subject, &c.Predicate, &c.ObjectID, &c.Object,
			&c.Role, &c.Former, &c.Stance, &c.AttributedTo, &c.Evidence.Start, &c.Evidence.End, &c.Sentence,
			&c.Rejected, &date, &until, &c.Source, &c.Undated); err != nil {
			return nil, err
		}
		c.Date, c.DateUntil = nullTime(date), nullTime(until)
		out = append(out, &c)
	}
	return out, rows.Err()
}

// Claims returns the claims matching f, oldest first (by Date, then ID),
// with their entities' canonical names, Date, Source, Sentence, Contested
// and Supporters set. AttributedTo is the canonical name of the entity the
// claim is attributed to, or the attribution as the article words it.
// Contested and Supporters are judged against every stored claim that is
// not rejected (see factions.MarkContested). It returns the database's
// error, if any.
func (db *DB) Claims(ctx context.Context, f factions.ClaimFilter) ([]*factions.Claim, error) {
	var where []string
	var args []any
	if f.EntityID != 0 {
		where = append(where, `(c.subject_id = ? OR c.object_id = ?)`)
		args = append(args, f.EntityID, f.EntityID)
	}
	if f.SubjectID != 0 {
		where = append(where, `c.subject_id = ?`)
		args = append(args, f.SubjectID)
	}
	if f.ObjectID != 0 {
		where = append(where, `c.object_id = ?`)
		args = append(args, f.ObjectID)
	}
	if f.ArticleID != 0 {
		where = append(where, `c.article_id = ?`)
		args = append(args, f.ArticleID)
	}
	if f.Predicate != "" {
		where = append(where, `c.predicate = ?`)
		args = append(args, string(f.Predicate))
	}
	if !f.IncludeRejected {
		where = append(where, `NOT c.rejected`)
	}
	if f.Contested {
		where = append(where, contestable)
	}
	q := claimSelect
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY a.date, c.id`
	if !f.Contested {
		lim, largs := limitOffset(f.Limit, f.Offset)
		q += lim
		args = append(args, largs...)
	}
	claims, err := db.scanClaims(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	// Every claim of an entity's pairs is among its claims, and every claim
	// of the store among all of them; otherwise fetch the claims of the
	// same pairs to judge these against.
	all := claims
	whole := f.Limit <= 0 && f.Offset <= 0
	var complete bool
	switch {
	case f.SubjectID != 0 || f.ObjectID != 0 || f.ArticleID != 0 || f.Predicate != "":
	case f.EntityID != 0:
		complete = f.Contested || whole
	default:
		complete = whole && !f.Contested
	}
	if !complete && len(claims) > 0 {
		if all, err = db.related(ctx, claims); err != nil {
			return nil, fmt.Errorf("claims: %w", err)
		}
	}
	factions.MarkContested(all)
	if !f.Contested {
		if claims == nil {
			claims = []*factions.Claim{}
		}
		return claims, nil
	}
	out := []*factions.Claim{}
	for _, c := range claims {
		if c.Contested {
			out = append(out, c)
		}
	}
	if f.Offset > 0 {
		out = out[min(f.Offset, len(out)):]
	}
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// related returns claims together with every claim that is not rejected and
// links the same two entities, in either direction.
func (db *DB) related(ctx context.Context, claims []*factions.Claim) ([]*factions.Claim, error) {
	type pair struct{ a, b int64 }
	seen := map[pair]bool{}
	var pairs []pair
	have := map[int64]bool{}
	for _, c := range claims {
		have[c.ID] = true
		p := pair{min(c.SubjectID, c.ObjectID), max(c.SubjectID, c.ObjectID)}
		if !seen[p] {
			seen[p] = true
			pairs = append(pairs, p)
		}
	}
	all := claims[:len(claims):len(claims)]
	const per = 100
	for start := 0; start < len(pairs); start += per {
		part := pairs[start:min(start+per, len(pairs))]
		var conds []string
		var args []any
		for _, p := range part {
			conds = append(conds, `(c.subject_id = ? AND c.object_id = ?) OR (c.subject_id = ? AND c.object_id = ?)`)
			args = append(args, p.a, p.b, p.b, p.a)
		}
		more, err := db.scanClaims(ctx, claimSelect+` WHERE NOT c.rejected AND (`+strings.Join(conds, ` OR `)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for _, c := range more {
			if !have[c.ID] {
				have[c.ID] = true
				all = append(all, c)
			}
		}
	}
	return all, nil
}

// Statements returns the statements matching f, newest article first (by
// Date, then article ID), in the order of the text within an article. Speaker
// is the canonical name of the speaking entity, or the speaker as the article
// words it. It returns the database's error, if any.
func (db *DB) Statements(ctx context.Context, f factions.StatementFilter) ([]*factions.Statement, error) {
	q := `SELECT st.id, st.article_id, st.speaker_id, COALESCE(e.name, st.speaker_text), st.kind, st.quote,
		st.span_start, st.span_end, st.ev_start, st.ev_end, COALESCE(a.published, a.date_from), a.date_until, a.source, a.title,
		a.published IS NULL
	FROM statements st
	JOIN articles a ON a.id = st.article_id
	LEFT JOIN entities e ON e.id = st.speaker_id`
	var where []string
	var args []any
	if f.SpeakerID != 0 {
		where = append(where, `st.speaker_id = ?`)
		args = append(args, f.SpeakerID)
	}
	if f.ArticleID != 0 {
		where = append(where, `st.article_id = ?`)
		args = append(args, f.ArticleID)
	}
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	lim, largs := limitOffset(f.Limit, f.Offset)
	rows, err := db.query(ctx, db.db, q+` ORDER BY a.date DESC, a.id DESC, st.id`+lim, append(args, largs...)...)
	if err != nil {
		return nil, fmt.Errorf("statements: %w", err)
	}
	defer rows.Close()
	out := []*factions.Statement{}
	for rows.Next() {
		var s factions.Statement
		var speaker, date, until sql.NullInt64
		if err := rows.Scan(&s.ID, &s.ArticleID, &speaker, &s.Speaker, &s.Kind, &s.Text, &s.Span.Start, &s.Span.End,
			&s.Evidence.Start, &s.Evidence.End, &date, &until, &s.Source, &s.Title, &s.Undated); err != nil {
			return nil, err
		}
		s.SpeakerID = speaker.Int64
		s.Date, s.DateUntil = nullTime(date), nullTime(until)
		out = append(out, &s)
	}
	return out, rows.Err()
}

// mentionsOfEntity is the condition on mentions m of the entity a
// placeholder gives: those read under its occurrences, which name the
// entity (mentions have no index on entity_id: see migration 0005).
const mentionsOfEntity = `m.occurrence_id IN (SELECT id FROM occurrences WHERE entity_id = ?)`

// entityRows is the condition on the rows of table whose column col names
// the entity a placeholder gives: for mentions, through their occurrences
// (mentionsOfEntity).
func entityRows(table, col string) string {
	if table == "mentions" {
		return `occurrence_id IN (SELECT id FROM occurrences WHERE entity_id = ?)`
	}
	return col + ` = ?`
}

// Mentions returns where the article articleID names stored entities, by
// position in the text, with EntityID set to the entity each is now part of;
// none is not an error, the database's error is.
func (db *DB) Mentions(ctx context.Context, articleID int64) ([]*factions.Mention, error) {
	rows, err := db.query(ctx, db.db, `SELECT entity_id, surface, start_pos, end_pos FROM mentions WHERE occurrence_id IN (SELECT id FROM occurrences WHERE article_id = ?) ORDER BY start_pos, end_pos, id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("mentions: %w", err)
	}
	defer rows.Close()
	out := []*factions.Mention{}
	for rows.Next() {
		var m factions.Mention
		if err := rows.Scan(&m.EntityID, &m.Text, &m.Span.Start, &m.Span.End); err != nil {
			return nil, err
		}
		out = append(out, &m)
	}
	return out, rows.Err()
}

// Resolutions returns why each occurrence of entityID in an article is
// that entity (the reasons Resolve gave), in the order of the articles: a
// merge's evidence, or for the entity's first occurrence why it was kept
// apart from others of its name; none is not an error, the database's
// error is.
func (db *DB) Resolutions(ctx context.Context, entityID int64) ([]*factions.Resolution, error) {
	rows, err := db.query(ctx, db.db, `SELECT entity_id, article_id, name, reason FROM occurrences
		WHERE entity_id = ? AND reason <> '' ORDER BY article_id, id`, entityID)
	if err != nil {
		return nil, fmt.Errorf("resolutions: %w", err)
	}
	defer rows.Close()
	out := []*factions.Resolution{}
	for rows.Next() {
		var r factions.Resolution
		if err := rows.Scan(&r.EntityID, &r.ArticleID, &r.Name, &r.Reason); err != nil {
			return nil, err
		}
		out = append(out, &r)
	}
	return out, rows.Err()
}
