package server

import (
	"sort"
	"strings"

	"github.com/factions/factions"
)

// nameIndex holds every name and alias of every entity, normalized, for
// suggestions as one types: a query matches a name when each of its words
// begins a word of the name, in order.
type nameIndex struct {
	byID    map[int64]EntityRef
	entries []indexEntry
}

type indexEntry struct {
	words []string // the normalized name's words
	name  string   // the name as written
	ref   EntityRef
}

// Suggestion is an entity whose name or alias begins like a query.
type Suggestion struct {
	EntityRef
	// Match is the alias that matched, when it is not the entity's name.
	Match string `json:"match,omitempty"`
}

func newNameIndex(es []*factions.Entity) *nameIndex {
	ix := &nameIndex{byID: make(map[int64]EntityRef, len(es))}
	for _, e := range es {
		r := refOf(e)
		ix.byID[e.ID] = r
		seen := map[string]bool{}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			norm := factions.NormalizeName(n)
			if norm == "" || seen[norm] {
				continue
			}
			seen[norm] = true
			ix.entries = append(ix.entries, indexEntry{words: strings.Fields(norm), name: n, ref: r})
		}
	}
	return ix
}

// matchScore tells how well query words q match name words w: 3 when the
// name is the query, 2 when the name begins with it, 1 when each query
// word begins a later word of the name, in order; 0 for no match.
func matchScore(q, w []string) int {
	if len(q) == 0 {
		return 0
	}
	if len(q) <= len(w) {
		prefix := true
		for i := range q {
			if i < len(q)-1 && q[i] != w[i] || i == len(q)-1 && !strings.HasPrefix(w[i], q[i]) {
				prefix = false
				break
			}
		}
		if prefix {
			if len(q) == len(w) && q[len(q)-1] == w[len(w)-1] {
				return 3
			}
			return 2
		}
	}
	j := 0
	for _, word := range w {
		if j < len(q) && strings.HasPrefix(word, q[j]) {
			j++
		}
	}
	if j == len(q) {
		return 1
	}
	return 0
}

// suggest returns up to limit entities (of type t, when set) with a name
// matching query, best match first, then the most named.
func (ix *nameIndex) suggest(query string, t factions.EntityType, limit int) []Suggestion {
	q := strings.Fields(factions.NormalizeName(query))
	type hit struct {
		s     Suggestion
		score int
	}
	best := map[int64]*hit{}
	for _, e := range ix.entries {
		if t != "" && e.ref.Type != t {
			continue
		}
		sc := matchScore(q, e.words)
		if sc == 0 {
			continue
		}
		if h := best[e.ref.ID]; h == nil || sc > h.score {
			m := ""
			if e.name != e.ref.Name {
				m = e.name
			}
			best[e.ref.ID] = &hit{Suggestion{EntityRef: e.ref, Match: m}, sc}
		}
	}
	hits := make([]*hit, 0, len(best))
	for _, h := range best {
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.s.MentionCount != b.s.MentionCount {
			return a.s.MentionCount > b.s.MentionCount
		}
		return a.s.ID < b.s.ID
	})
	out := []Suggestion{}
	for _, h := range hits {
		if len(out) == limit {
			break
		}
		out = append(out, h.s)
	}
	return out
}
