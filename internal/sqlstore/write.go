package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/factions/factions"
)

// write stores the entities, aliases, resolutions, mentions, claims and
// statements of p for the article id.
func (db *DB) write(ctx context.Context, tx *sql.Tx, p *plan, articleID int64, now time.Time) error {
	// canonical names of the stored entities matched, and which names of
	// the extraction they are known by already (the resolution query found
	// every stored alias equal to one of them)
	names := map[int64]string{}
	known := map[int64]map[string]bool{}
	var existing []int64
	for _, e := range p.ents {
		if e.existing && known[e.id] == nil {
			c := p.cands[e.id]
			known[e.id] = c.norms
			names[e.id] = c.name
			existing = append(existing, e.id)
		}
	}
	renamed := map[int64]string{}
	var aliasRows, resRows, mentionRows [][]any
	for _, e := range p.ents {
		best := e.names[0]
		for _, n := range e.names[1:] {
			best = factions.FullerName(best, n)
		}
		if e.existing && p.norm(best) == p.cands[e.id].norm {
			best = names[e.id] // the stored spelling of the same name
		}
		if e.existing {
			if n := factions.FullerName(names[e.id], best); n != names[e.id] {
				names[e.id] = n
				renamed[e.id] = n
			}
			resRows = append(resRows, []any{e.id, articleID, e.name, e.reason})
			for _, b := range e.bridged {
				reason := "one organization with " + e.name + " in this article; merged"
				if e.typ == factions.Person {
					reason = "the same name without a middle name, of the same organization; merged"
				}
				resRows = append(resRows, []any{e.id, articleID, b, reason})
			}
		} else {
			if err := db.queryRow(ctx, tx, `INSERT INTO entities (name, type, created) VALUES (?, ?, ?) RETURNING id`,
				best, string(e.typ), micros(now)).Scan(&e.id); err != nil {
				return fmt.Errorf("insert entity: %w", err)
			}
			names[e.id] = best
			known[e.id] = map[string]bool{}
		}
		for i, n := range e.norms {
			if known[e.id][n] {
				continue
			}
			known[e.id][n] = true
			aliasRows = append(aliasRows, []any{e.id, e.names[i], n, e.vkeys[i]})
		}
		for _, m := range e.mentions {
			mentionRows = append(mentionRows, []any{e.id, articleID, m.Text, m.Span.Start, m.Span.End})
		}
	}
	// in ID order, so that concurrent transactions lock rows in one order
	sort.Slice(existing, func(i, j int) bool { return existing[i] < existing[j] })
	for _, id := range existing {
		if n, ok := renamed[id]; ok {
			if _, err := db.exec(ctx, tx, `UPDATE entities SET name = ? WHERE id = ?`, n, id); err != nil {
				return fmt.Errorf("rename entity: %w", err)
			}
		}
	}
	if err := db.insertRows(ctx, tx, `INSERT INTO aliases (entity_id, name, norm, vkey) VALUES `, 4, aliasRows); err != nil {
		return fmt.Errorf("insert aliases: %w", err)
	}
	if err := db.insertRows(ctx, tx, `INSERT INTO resolutions (entity_id, article_id, name, reason) VALUES `, 4, resRows); err != nil {
		return fmt.Errorf("insert resolutions: %w", err)
	}
	if err := db.insertRows(ctx, tx, `INSERT INTO mentions (entity_id, article_id, surface, start_pos, end_pos) VALUES `, 5, mentionRows); err != nil {
		return fmt.Errorf("insert mentions: %w", err)
	}
	var claimRows [][]any
	for _, pc := range p.claims {
		c := pc.c
		var attr any
		if pc.attr >= 0 {
			attr = p.ents[pc.attr].id
		}
		claimRows = append(claimRows, []any{articleID, p.ents[pc.s].id, strings.TrimSpace(c.Subject), string(c.Predicate),
			p.ents[pc.o].id, strings.TrimSpace(c.Object), c.Role, c.Former, string(pc.stance), attr,
			strings.TrimSpace(c.AttributedTo), c.Evidence.Start, c.Evidence.End, pc.sentence})
	}
	if err := db.insertRows(ctx, tx, `INSERT INTO claims (article_id, subject_id, subject_text, predicate, object_id, object_text,
		role, former, stance, attributed_id, attributed_text, ev_start, ev_end, sentence) VALUES `, 14, claimRows); err != nil {
		return fmt.Errorf("insert claims: %w", err)
	}
	var stmtRows [][]any
	for _, ps := range p.stmts {
		st := ps.st
		var speaker any
		if ps.speaker >= 0 {
			speaker = p.ents[ps.speaker].id
		}
		stmtRows = append(stmtRows, []any{articleID, speaker, strings.TrimSpace(st.Speaker), string(ps.kind), ps.text,
			st.Span.Start, st.Span.End, st.Evidence.Start, st.Evidence.End})
	}
	if err := db.insertRows(ctx, tx, `INSERT INTO statements (article_id, speaker_id, speaker_text, kind, quote,
		span_start, span_end, ev_start, ev_end) VALUES `, 9, stmtRows); err != nil {
		return fmt.Errorf("insert statements: %w", err)
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

// maxRows bounds the rows of one multi-row insert.
const maxRows = 64

// insertRows inserts rows of ncols values each with head ("INSERT INTO t
// (a, b) VALUES "), several rows a statement.
func (db *DB) insertRows(ctx context.Context, tx *sql.Tx, head string, ncols int, rows [][]any) error {
	group := "(" + placeholders(ncols) + ")"
	for start := 0; start < len(rows); start += maxRows {
		part := rows[start:min(start+maxRows, len(rows))]
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
		if _, err := db.exec(ctx, tx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}
