package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/factions/factions"
)

// linkPredicates are the predicates resolution reads from the stored
// claims: those that tie their subject to their object (PredicateInfo.Tie)
// and those that make it an internal body of the object (Body).
var linkPredicates = func() []any {
	var out []any
	for _, p := range factions.Predicates {
		if r := p.Info(); r.Tie != "" || r.Structure == factions.Body {
			out = append(out, string(p))
		}
	}
	return out
}()

// bodyPredicates are the predicates that make their subject an internal
// body of their object.
var bodyPredicates = func() []any {
	var out []any
	for _, p := range factions.Predicates {
		if p.Info().Structure == factions.Body {
			out = append(out, string(p))
		}
	}
	return out
}()

// cand is a stored entity that may be one of the extraction's.
type cand struct {
	id      int64
	typ     factions.EntityType
	name    string
	norms   map[string]bool // its names that equal a name of the extraction
	vkeys   map[string]bool // its variant keys that equal one of the extraction
	links   map[int64]bool  // as xent.links, from the stored claims
	parents map[int64]bool  // what it is part_of, from the stored claims
	loaded  bool
	norm    string // NormalizeName(name)
	vkey    string // variantKey(name)
}

// variantKeys returns the variant keys e is looked up by: those of its names
// that are not acronyms and, for a person, of more than one word (a single
// first name or surname is too common to go by its spelling alone).
func (e *xent) variantKeys() []string {
	var out []string
	for _, k := range e.vkeys {
		if k == "" || e.typ == factions.Person && !strings.Contains(k, " ") {
			continue
		}
		out = append(out, k)
	}
	return out
}

// conflict reports whether two full names of entities, given by their
// variant keys ("" for acronyms), name different things: both have several
// words, neither is an acronym, they are not variant spellings of one
// another ("Rafiq Zardan" and "Noor Zardan", who may share the alias
// "Zardan"), and neither is the other without middle names ("Rafiq Zardan"
// and "Rafiq Ahmed Zardan").
func conflict(ka, kb string) bool {
	if !strings.Contains(ka, " ") || !strings.Contains(kb, " ") || ka == kb {
		return false
	}
	return !middleDropped(ka, kb) && !middleDropped(kb, ka)
}

// middleDropped reports whether the name short is the name long without
// some of its middle words: the same first and last word, and the words
// between in long's order.
func middleDropped(short, long string) bool {
	s, l := strings.Fields(short), strings.Fields(long)
	if len(s) < 2 || len(s) >= len(l) || s[0] != l[0] || s[len(s)-1] != l[len(l)-1] {
		return false
	}
	i := 0
	for _, w := range l {
		if i < len(s) && w == s[i] {
			i++
		}
	}
	return i == len(s)
}

// resolve finds for every entity of p the stored entity it is, if any.
func (db *DB) resolve(ctx context.Context, tx *sql.Tx, p *plan) error {
	f, err := db.findCandidates(ctx, tx, p, p.lookupKeys())
	if err != nil {
		return err
	}
	p.cands = f.cands
	if len(f.cands) == 0 {
		return nil
	}
	// the candidates of each entity, and their ties in the store
	exact, variant, need := p.allCandidates(f)
	if err := db.loadLinks(ctx, tx, f.cands, need); err != nil {
		return err
	}
	names := map[int64]string{} // canonical names as resolution goes
	for _, c := range f.cands {
		names[c.id] = c.name
	}
	for _, typ := range []factions.EntityType{factions.Place, factions.Organization, factions.Person} {
		for i, e := range p.ents {
			if e.typ == typ && e.parent < 0 {
				p.pick(e, exact[i], variant[i], names)
			}
		}
		// internal bodies once the organisations they are part of are known
		for i, e := range p.ents {
			if e.typ == typ && e.parent >= 0 {
				if err := db.pickBody(ctx, tx, p, e, exact[i], names); err != nil {
					return err
				}
			}
		}
	}
	return db.bridge(ctx, tx, p, exact)
}

// lookupKeys are the normalized names and variant keys of a plan's
// entities that resolution looks up, each once.
type lookupKeys struct {
	norms, vkeys []string
	seen         map[string]bool // "n:" + a norm, "v:" + a variant key
}

// lookupKeys returns the names and variant keys (variantKeys) of p's
// entities, in the order of the entities.
func (p *plan) lookupKeys() *lookupKeys {
	k := &lookupKeys{seen: map[string]bool{}}
	for _, e := range p.ents {
		for _, n := range e.norms {
			if !k.seen["n:"+n] {
				k.seen["n:"+n] = true
				k.norms = append(k.norms, n)
			}
		}
		for _, v := range e.variantKeys() {
			if !k.seen["v:"+v] {
				k.seen["v:"+v] = true
				k.vkeys = append(k.vkeys, v)
			}
		}
	}
	return k
}

// found is what the look-up of the names of an extraction found: the
// stored entities that have one of them, and for each name and variant key
// the entities that have it, in the order they were found.
type found struct {
	cands          map[int64]*cand
	byNorm, byVkey map[string][]int64
}

// findCandidates returns the stored entities, not merged into others, that
// have an alias of one of the names or variant keys of k.
func (db *DB) findCandidates(ctx context.Context, tx *sql.Tx, p *plan, k *lookupKeys) (*found, error) {
	f := &found{cands: map[int64]*cand{}, byNorm: map[string][]int64{}, byVkey: map[string][]int64{}}
	norms, vkeys := k.norms, k.vkeys
	for i := 0; i < max(len(norms), len(vkeys)); i += chunk / 2 {
		ns := norms[min(i, len(norms)):min(i+chunk/2, len(norms))]
		vs := vkeys[min(i, len(vkeys)):min(i+chunk/2, len(vkeys))]
		if err := db.findAliases(ctx, tx, p, k, f, ns, vs); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// findAliases adds to f the stored entities with an alias whose norm is
// one of ns or whose variant key is one of vs.
func (db *DB) findAliases(ctx context.Context, tx *sql.Tx, p *plan, k *lookupKeys, f *found, ns, vs []string) error {
	var conds []string
	var args []any
	if len(ns) > 0 {
		conds = append(conds, `a.norm IN (`+placeholders(len(ns))+`)`)
		for _, n := range ns {
			args = append(args, n)
		}
	}
	if len(vs) > 0 {
		conds = append(conds, `a.vkey IN (`+placeholders(len(vs))+`)`)
		for _, v := range vs {
			args = append(args, v)
		}
	}
	rows, err := db.query(ctx, tx, `SELECT a.entity_id, e.type, e.name, a.norm, a.vkey FROM aliases a JOIN entities e ON e.id = a.entity_id
		WHERE e.merged_into IS NULL AND (`+strings.Join(conds, ` OR `)+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c cand
		var norm, vkey string
		if err := rows.Scan(&c.id, &c.typ, &c.name, &norm, &vkey); err != nil {
			return err
		}
		f.add(p, k, &c, norm, vkey)
	}
	return rows.Err()
}

// add notes that the stored entity c has an alias of the given norm and
// variant key, those that k looks up.
func (f *found) add(p *plan, k *lookupKeys, c *cand, norm, vkey string) {
	if f.cands[c.id] == nil {
		c.norms, c.vkeys, c.links, c.parents = map[string]bool{}, map[string]bool{}, map[int64]bool{}, map[int64]bool{}
		c.norm, c.vkey = p.norm(c.name), p.vkey(c.name)
		f.cands[c.id] = c
	}
	fc := f.cands[c.id]
	if k.seen["n:"+norm] && !fc.norms[norm] {
		fc.norms[norm] = true
		f.byNorm[norm] = append(f.byNorm[norm], c.id)
	}
	if vkey != "" && k.seen["v:"+vkey] && !fc.vkeys[vkey] {
		fc.vkeys[vkey] = true
		f.byVkey[vkey] = append(f.byVkey[vkey], c.id)
	}
}

// allCandidates returns the exact and variant candidates of each entity of
// p (candidates), and the stored entities whose ties are to be loaded to
// compare them with those of an entity the article ties to something.
func (p *plan) allCandidates(f *found) (exact, variant [][]*cand, need []int64) {
	exact = make([][]*cand, len(p.ents))
	variant = make([][]*cand, len(p.ents))
	for i, e := range p.ents {
		exact[i], variant[i] = p.candidates(e, f.cands, f.byNorm, f.byVkey)
		if len(e.links) == 0 && e.parent < 0 {
			continue // nothing to compare the stored ties with (see pick)
		}
		for _, c := range append(exact[i], variant[i]...) {
			if !c.loaded && c.typ != factions.Place {
				c.loaded = true
				need = append(need, c.id)
			}
		}
	}
	return exact, variant, need
}

// bridge merges stored organisations that an article shows to be one: an
// organisation of the article named by the canonical names of two stored
// ones ("Bharatiya Janata Party (BJP)" when one article named only "BJP" and
// another only "Bharatiya Janata Party"). The others are merged into the one
// it resolved to as a curator's merge is, with an audit entry, so that the
// log shows it and undo parts them again; none is merged that is based
// elsewhere, nor an internal body (whose names are seldom its own).
func (db *DB) bridge(ctx context.Context, tx *sql.Tx, p *plan, exact [][]*cand) error {
	into := map[int64]int64{}
	for i, e := range p.ents {
		if e.typ == factions.Person && e.existing {
			if err := db.bridgePerson(ctx, tx, p, e, exact[i], into); err != nil {
				return err
			}
			continue
		}
		if e.typ != factions.Organization || !e.existing || e.parent >= 0 {
			continue
		}
		keep := p.cands[e.id]
		if keep == nil {
			continue
		}
		own := map[string]bool{}
		for _, n := range e.norms {
			own[n] = true
		}
		for _, c := range exact[i] {
			// two stored under one name were kept apart on purpose
			// (namesakes, bodies of different organisations)
			if c.id == e.id || into[c.id] != 0 || !own[c.norm] || c.norm == keep.norm || len(c.parents) > 0 {
				continue
			}
			if len(c.links) > 0 && len(keep.links) > 0 && !sharesKey(c.links, keep.links) {
				continue // based elsewhere
			}
			note := fmt.Sprintf("automatic: one organization of an article is named %q and %q", keep.name, c.name)
			if err := db.mergeBridged(ctx, tx, e, keep, c, note, into); err != nil {
				return err
			}
		}
	}
	for _, e := range p.ents {
		if k := into[e.id]; k != 0 {
			e.id = k
		}
	}
	return nil
}

// bridgePerson merges into the person e resolved to a stored person whose
// name is e's full name without middle names ("Rafiq Zardan", stored before
// an article named "Rafiq Ahmed Zardan") when the article ties e to one of that
// person's organisations: the same man, named more briefly elsewhere.
func (db *DB) bridgePerson(ctx context.Context, tx *sql.Tx, p *plan, e *xent, exact []*cand, into map[int64]int64) error {
	keep := p.cands[e.id]
	if keep == nil || keep.norm != e.norms[0] || len(e.links) == 0 {
		return nil
	}
	art := map[int64]bool{}
	for _, j := range append(e.links[:len(e.links):len(e.links)], e.related...) {
		if id := p.ents[j].id; id != 0 {
			art[id] = true
		}
	}
	for _, c := range exact {
		if c.id == e.id || into[c.id] != 0 || !middleDropped(c.vkey, e.vkeys[0]) || !sharesKey(c.links, art) {
			continue
		}
		note := fmt.Sprintf("automatic: %q is %q without a middle name, of the same organization", c.name, keep.name)
		if err := db.mergeBridged(ctx, tx, e, keep, c, note, into); err != nil {
			return err
		}
	}
	return nil
}

// mergeBridged merges the stored entity c into keep, the one e resolved to,
// with an audit entry saying note, and records it in into and e.bridged.
func (db *DB) mergeBridged(ctx context.Context, tx *sql.Tx, e *xent, keep, c *cand, note string, into map[int64]int64) error {
	if _, err := db.merge(ctx, tx, keep.id, c.id, note); err != nil {
		return fmt.Errorf("merge %q into %q: %w", c.name, keep.name, err)
	}
	into[c.id] = keep.id
	for n := range c.norms {
		keep.norms[n] = true // its aliases are keep's now
	}
	e.bridged = append(e.bridged, c.name)
	return nil
}

// sharesKey reports whether two sets have a member in common.
func sharesKey(a, b map[int64]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// pickBody resolves an internal body of an organisation ("the standing
// committee", part_of X). A body's name is seldom its own ("central
// committee"), so a stored body of that name is the same only when it is
// part of the same organisation, or of none known. Failing that, a body of
// the same organisation whose name is the fuller or shorter form of this
// one ("national standing committee" and "standing committee") is it.
func (db *DB) pickBody(ctx context.Context, tx *sql.Tx, p *plan, e *xent, exact []*cand, names map[int64]string) error {
	parent := p.ents[e.parent].id
	var same []*cand
	for _, c := range exact {
		if len(c.parents) == 0 || parent != 0 && c.parents[parent] {
			same = append(same, c)
		}
	}
	p.pick(e, same, nil, names)
	if e.id != 0 || parent == 0 {
		return nil
	}
	args := append(append([]any{parent}, bodyPredicates...), string(factions.Organization))
	rows, err := db.query(ctx, tx, `SELECT DISTINCT e.id, e.name FROM claims c JOIN entities e ON e.id = c.subject_id
		WHERE c.object_id = ? AND c.predicate IN (`+placeholders(len(bodyPredicates))+`) AND NOT c.rejected
		AND e.merged_into IS NULL AND e.type = ? ORDER BY e.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	own := e.norms[0]
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		n := p.norm(name)
		if strings.HasSuffix(n, " "+own) || strings.HasSuffix(own, " "+n) {
			e.id, e.existing = id, true
			e.reason = "a body of " + names[parent] + " under a fuller or shorter name"
			if p.cands[id] == nil {
				p.cands[id] = &cand{id: id, typ: factions.Organization, name: name, norms: map[string]bool{}, norm: n, vkey: p.vkey(name)}
			}
			names[id] = name
			break
		}
	}
	return rows.Err()
}

// candidates returns the stored entities of e's type that e may be, oldest
// first: exact matches (a name or alias of e equals one of theirs once
// normalized) and variant matches (a variant key agrees). A match through an
// alias alone is dropped when the two full names conflict.
func (p *plan) candidates(e *xent, cands map[int64]*cand, byNorm, byVkey map[string][]int64) (exact, variant []*cand) {
	got := map[int64]bool{}
	add := func(out []*cand, id int64, strong func(c *cand) bool) []*cand {
		c := cands[id]
		if got[id] || c.typ != e.typ {
			return out
		}
		if !strong(c) && conflict(e.vkeys[0], c.vkey) {
			return out
		}
		got[id] = true
		return append(out, c)
	}
	ownNorm := e.norms[0]
	names := map[string]bool{}
	for _, n := range e.norms {
		names[n] = true
	}
	strongExact := func(c *cand) bool { return c.norms[ownNorm] || names[c.norm] }
	for _, n := range e.norms {
		for _, id := range byNorm[n] {
			exact = add(exact, id, strongExact)
		}
	}
	never := func(*cand) bool { return false }
	for _, k := range e.variantKeys() {
		for _, id := range byVkey[k] {
			variant = add(variant, id, never)
		}
	}
	sort.Slice(exact, func(i, j int) bool { return exact[i].id < exact[j].id })
	sort.Slice(variant, func(i, j int) bool { return variant[i].id < variant[j].id })
	return exact, variant
}

// loadLinks fills the links of the candidates ids from the stored claims.
func (db *DB) loadLinks(ctx context.Context, tx *sql.Tx, cands map[int64]*cand, ids []int64) error {
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		q := `SELECT DISTINCT subject_id, predicate, object_id FROM claims WHERE subject_id IN (` + placeholders(len(part)) + `)
			AND predicate IN (` + placeholders(len(linkPredicates)) + `) AND NOT rejected`
		args := append(int64s(part), linkPredicates...)
		rows, err := db.query(ctx, tx, q, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var s, o int64
			var pred factions.Predicate
			if err := rows.Scan(&s, &pred, &o); err != nil {
				rows.Close()
				return err
			}
			c, info := cands[s], pred.Info()
			switch {
			case info.Tie != "" && info.Tie == c.typ:
				c.links[o] = true
			case c.typ == factions.Organization && info.Structure == factions.Body:
				c.parents[o] = true
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// pick resolves e to the best of its candidates, if one qualifies:
//
//   - an exact match of the same type, except that two persons both tied to
//     organizations but to none in common are namesakes, not one person;
//   - else a variant match whose context agrees: a person must share a tie
//     with the stored one (reason "variant spelling; shared organization
//     X"); an organization must not be based elsewhere (both based
//     somewhere, nowhere in common); a place needs nothing more.
//
// Among several, the one sharing most ties wins, then one whose canonical
// name is e's name, then the oldest.
func (p *plan) pick(e *xent, exact, variant []*cand, names map[int64]string) {
	ties := p.ties(e)
	if best, same := pickExact(e, exact, ties); best != nil {
		e.id, e.existing = best.id, true
		e.reason = "alias"
		if same {
			e.reason = "same name"
		}
		return
	}
	best, first := pickVariant(e, variant, ties)
	if best == nil {
		return
	}
	e.id, e.existing = best.id, true
	e.reason = "variant spelling"
	if e.typ == factions.Person {
		e.reason = "variant spelling; shared organization " + names[first]
	}
}

// ties returns the stored entities, resolved already, that the article ties
// e to: its links, then its related organizations, each once.
func (p *plan) ties(e *xent) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, j := range append(e.links[:len(e.links):len(e.links)], e.related...) {
		if id := p.ents[j].id; id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// shared returns how many of ties the stored entity c is tied to, and the
// first of them.
func shared(c *cand, ties []int64) (n int, first int64) {
	for _, id := range ties {
		if c.links[id] {
			if n == 0 {
				first = id
			}
			n++
		}
	}
	return n, first
}

// pickExact returns the best of the exact candidates of e (see pick) and
// whether its canonical name is e's name; nil when none qualifies. The
// article ties e to something (an organization for a person, a place for
// an organization) when e has links, even when that is new to the store.
func pickExact(e *xent, exact []*cand, ties []int64) (best *cand, same bool) {
	hasArt := len(e.links) > 0
	bestShared := -1
	for _, c := range exact {
		n, _ := shared(c, ties)
		if hasArt && len(c.links) > 0 && n == 0 {
			switch e.typ {
			case factions.Person:
				continue // namesakes
			case factions.Organization:
				n = -1 // based elsewhere: still the same name, but a weaker match
			}
		}
		s := c.norm == e.norms[0]
		if n > bestShared || (n == bestShared && s && !same) {
			best, bestShared, same = c, n, s
		}
	}
	return best, same
}

// pickVariant returns the best of the variant candidates of e (see pick)
// and the first tie it shares with e; nil when none qualifies.
func pickVariant(e *xent, variant []*cand, ties []int64) (best *cand, first int64) {
	hasArt := len(e.links) > 0
	bestShared := -1
	for _, c := range variant {
		n, f := shared(c, ties)
		switch {
		case e.typ == factions.Person && n == 0:
			continue // no organization in common
		case e.typ == factions.Organization && hasArt && len(c.links) > 0 && n == 0:
			continue // based elsewhere
		}
		if n > bestShared {
			best, bestShared, first = c, n, f
		}
	}
	return best, first
}
