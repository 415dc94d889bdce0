package resolve

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/factions/factions"
)

// part is the occurrences that become one entity, with the cluster they
// come from.
type part struct {
	c    *cluster
	occs []*occ
	pin  int64
}

// result applies the curators' pins to the clusters, gives each its stored
// entity ID, canonical name and reasons: when placing, of the parts with
// an occurrence in no stored entity alone (see Input.Placing).
func (r *resolver) result() *Result {
	parts := r.parts()
	for _, p := range parts {
		if r.placing && !p.named() {
			// its first occurrence is all the order it needs
			first := 0
			for i, o := range p.occs {
				if r.compare(o, p.occs[first]) < 0 {
					first = i
				}
			}
			p.occs[0], p.occs[first] = p.occs[first], p.occs[0]
			continue
		}
		slices.SortStableFunc(p.occs, r.compare)
	}
	// the biggest first, so that an entity split in two keeps its ID in the
	// bigger part
	slices.SortStableFunc(parts, func(a, b *part) int {
		if len(a.occs) != len(b.occs) {
			return cmp.Compare(len(b.occs), len(a.occs))
		}
		return r.compare(a.occs[0], b.occs[0])
	})
	res := &Result{Gone: map[int64]*Entity{}, Countries: make(map[int64]string, len(r.arts)), Homes: r.homes, Prior: r.prior}
	for _, a := range r.ranked {
		res.Countries[a.ID] = a.country
	}
	taken := make(map[int64]bool, len(parts))
	for _, p := range parts {
		if p.pin != 0 {
			taken[p.pin] = true
		}
	}
	// the occurrence each of res.Entities is explained from (firstOcc)
	firsts := make([]*occ, 0, len(parts))
	for _, p := range parts {
		id := p.pin
		if id == 0 {
			id = pickID(p.occs, taken)
			taken[id] = id != 0
		}
		if r.placing && !p.placed() {
			continue
		}
		// every occurrence but the first has a reason, when not placing
		e := &Entity{ID: id, Type: p.c.typ, Country: p.c.country, Reasons: make(map[int64]string, r.reasons(p)),
			Occurrences: make([]int64, 0, len(p.occs))}
		if !r.placing || p.named() {
			e.Name = r.canonical(p)
		}
		for i, o := range p.occs {
			e.Occurrences = append(e.Occurrences, o.ID)
			if r.placing && o.Entity != 0 {
				continue
			}
			switch {
			case i == 0:
				if p.c.refusal != "" {
					e.Reasons[o.ID] = p.c.refusal
				}
			case o.reason != "":
				e.Reasons[o.ID] = o.reason
			case o.norm == p.occs[0].norm:
				e.Reasons[o.ID] = "same name"
			default:
				e.Reasons[o.ID] = fmt.Sprintf("variant spelling of %q", p.occs[0].Name)
			}
		}
		slices.Sort(e.Occurrences)
		// placing: as firstOcc finds it in a result with every reason,
		// the first but with a refusal, when every occurrence has one
		var first int64
		switch {
		case !r.placing:
			first = firstOcc(e)
		case p.c.refusal != "":
			first = e.Occurrences[0]
		default:
			first = p.occs[0].ID
		}
		firsts = append(firsts, occOf(p, first))
		res.Entities = append(res.Entities, e)
	}
	if !r.placing {
		// every part is an entity: parts[i] is res.Entities[i]
		r.gone(res, parts, firsts, taken)
	}
	r.sortEntities(res.Entities, firsts)
	return res
}

// occOf returns the occurrence of p whose ID is id.
func occOf(p *part, id int64) *occ {
	for _, o := range p.occs {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// sortEntities sorts es by the occurrences each is explained from,
// firsts[i] es[i]'s, as a stable sort by them would.
func (r *resolver) sortEntities(es []*Entity, firsts []*occ) {
	type entity struct {
		e     *Entity
		first *occ
	}
	sorted := make([]entity, len(es))
	for i, e := range es {
		sorted[i] = entity{e, firsts[i]}
	}
	slices.SortStableFunc(sorted, func(a, b entity) int { return r.compare(a.first, b.first) })
	for i, x := range sorted {
		es[i] = x.e
	}
}

// reasons returns how many of p's occurrences result gives a reason, at
// most: all but the first, or when placing those in no stored entity.
func (r *resolver) reasons(p *part) int {
	if !r.placing {
		return len(p.occs) - 1
	}
	n := 0
	for _, o := range p.occs {
		if o.Entity == 0 {
			n++
		}
	}
	return n
}

// placed reports whether p has an occurrence in no stored entity.
func (p *part) placed() bool {
	for _, o := range p.occs {
		if o.Entity == 0 {
			return true
		}
	}
	return false
}

// named reports whether a placing resolution names p: none of its
// occurrences is stored.
func (p *part) named() bool {
	for _, o := range p.occs {
		if o.Entity != 0 {
			return false
		}
	}
	return true
}

// parts splits the clusters by the curators' pins: the occurrences no
// curator placed go with the pin most of their cluster's placed ones have.
func (r *resolver) parts() []*part {
	var parts []*part
	byPin := map[int64]*part{}
	for _, c := range r.clusters {
		if c.merged != nil || len(c.occs) == 0 {
			continue
		}
		pins := map[int64]int{}
		for _, o := range c.occs {
			if o.Pin != 0 {
				pins[o.Pin]++
			}
		}
		if len(pins) == 0 {
			parts = append(parts, &part{c: c, occs: c.occs})
			continue
		}
		// the occurrences no curator placed go with the pin most of the
		// cluster's placed ones have
		var main int64
		for p, n := range pins {
			if main == 0 || n > pins[main] || n == pins[main] && p < main {
				main = p
			}
		}
		for _, o := range c.occs {
			p := o.Pin
			if p == 0 {
				p = main
			} else if len(c.occs) > 1 {
				o.reason = "placed here by a curator"
			}
			pt := byPin[p]
			if pt == nil {
				pt = &part{c: c, pin: p}
				byPin[p] = pt
				parts = append(parts, pt)
			}
			pt.occs = append(pt.occs, o)
		}
	}
	return parts
}

// gone records in res the stored entities no occurrence stays in, and
// where most of theirs went: parts[i] is res.Entities[i], explained from
// firsts[i].
func (r *resolver) gone(res *Result, parts []*part, firsts []*occ, taken map[int64]bool) {
	moved := map[int64]map[int]int{} // by stored entity, by index of part
	for i, p := range parts {
		for _, o := range p.occs {
			if o.Entity != 0 && !taken[o.Entity] {
				if moved[o.Entity] == nil {
					moved[o.Entity] = map[int]int{}
				}
				moved[o.Entity][i]++
			}
		}
	}
	for old, to := range moved {
		best := -1
		for i, n := range to {
			if best < 0 || n > to[best] || n == to[best] && r.before(firsts[i], firsts[best]) {
				best = i
			}
		}
		res.Gone[old] = res.Entities[best]
	}
}

// firstOcc returns the ID of the occurrence e is explained from: the one
// without a reason, or with a refusal.
func firstOcc(e *Entity) int64 {
	for _, id := range e.Occurrences {
		if _, ok := e.Reasons[id]; !ok {
			return id
		}
	}
	return e.Occurrences[0]
}

// pickID returns the stored entity most of occs are in that is not taken
// (ties to the least ID), or 0.
func pickID(occs []*occ, taken map[int64]bool) int64 {
	// o can keep the stored entity it is in
	keeps := func(o *occ) bool { return o.Entity != 0 && !taken[o.Entity] && !o.retyped }
	if len(occs) == 1 { // most parts: no count to keep
		if keeps(occs[0]) {
			return occs[0].Entity
		}
		return 0
	}
	var only int64 // the one stored entity occurrences keep, while there is one
	for _, o := range occs {
		if !keeps(o) {
			continue
		}
		if only == 0 {
			only = o.Entity
		} else if o.Entity != only {
			return countedID(occs, keeps)
		}
	}
	return only
}

// countedID is pickID for occs that can keep several stored entities: the
// one most of them are in, ties to the least ID.
func countedID(occs []*occ, keeps func(*occ) bool) int64 {
	count := map[int64]int{}
	for _, o := range occs {
		if keeps(o) {
			count[o.Entity]++
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

// weakName reports whether o's name is one a fuller name is preferred to:
// a person's single word, an organization's acronym.
func weakName(t factions.EntityType, o *occ) bool {
	if t == factions.Person {
		return len(o.toks()) < 2
	}
	return factions.IsAcronym(o.Name)
}

// canonical returns the name of a part: the gazetteer's name of its party
// or place when one of its articles uses that name; else the name most of
// its occurrences go by, a person's full name over a single word and an
// organization's name over its acronym, ties to the fuller name, then the
// first in order.
func (r *resolver) canonical(p *part) string {
	if k := p.c.known; k != nil {
		want := r.norm(k.Name)
		for _, o := range p.occs {
			for _, n := range o.Names {
				if r.norm(n) == want {
					return k.Name
				}
			}
		}
	}
	if len(p.occs) == 1 && !weakName(p.c.typ, p.occs[0]) {
		return p.occs[0].Name // most parts: one name, spelt one way
	}
	count := map[string]int{}
	spelling := map[string]map[string]int{}
	weak := map[string]bool{}
	var order []string // the names in the order of the occurrences
	for _, o := range p.occs {
		if count[o.norm] == 0 {
			order = append(order, o.norm)
			weak[o.norm] = weakName(p.c.typ, o)
		}
		count[o.norm]++
		if spelling[o.norm] == nil {
			spelling[o.norm] = map[string]int{}
		}
		spelling[o.norm][o.Name]++
	}
	best := order[0]
	for _, n := range order[1:] {
		switch {
		case weak[n] != weak[best]:
			if !weak[n] {
				best = n
			}
		case count[n] != count[best]:
			if count[n] > count[best] {
				best = n
			}
		case factions.FullerName(best, n) != best:
			best = n
		}
	}
	if weak[best] {
		// only acronyms or single words: a fuller name an article gives
		// with one
		alt := map[string]int{}
		for _, o := range p.occs {
			for _, n := range o.Names {
				if k := nameKey(p.c.typ, n); !factions.IsAcronym(n) && len(strings.Fields(k)) > 1 {
					alt[n]++
				}
			}
		}
		if n := majority(alt); n != "" {
			return n
		}
	}
	out, m := "", 0
	for s, k := range spelling[best] {
		if k > m || k == m && s < out {
			out, m = s, k
		}
	}
	return out
}
