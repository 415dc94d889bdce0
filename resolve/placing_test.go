package resolve_test

import (
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/factions/factions/resolve"
)

// stored makes a scoped resolution's input of in: the occurrences of
// all but every fresh-th article stored, each in the entity its name
// gives (a stored entity an ID of its own), some pinned; the others in
// none. It returns a copy: resolution retypes occurrences in place.
func stored(in *resolve.Input, fresh int) *resolve.Input {
	out := *in
	out.Occurrences = slices.Clone(in.Occurrences)
	ids := map[string]int64{}
	for i := range out.Occurrences {
		o := &out.Occurrences[i]
		if o.Article%int64(fresh) == 0 {
			o.Entity, o.Pin = 0, 0
			continue
		}
		if ids[o.Name] == 0 {
			ids[o.Name] = int64(len(ids) + 1000)
		}
		o.Entity = ids[o.Name]
		if o.ID%97 == 0 {
			o.Pin = o.Entity + 1 // a curator's: another of the store's
		}
	}
	return &out
}

// placingOf returns what a placing resolution should give of res, the
// resolution of in without Placing: the entities with an occurrence in no
// stored entity, the reasons of those alone, the name of an entity of no
// stored occurrence alone, and no entity gone.
func placingOf(in *resolve.Input, res *resolve.Result) *resolve.Result {
	stored := map[int64]bool{}
	for _, o := range in.Occurrences {
		stored[o.ID] = o.Entity != 0
	}
	out := &resolve.Result{Gone: map[int64]*resolve.Entity{}, Countries: res.Countries, Homes: res.Homes, Prior: res.Prior}
	for _, e := range res.Entities {
		if !slices.ContainsFunc(e.Occurrences, func(id int64) bool { return !stored[id] }) {
			continue
		}
		p := *e
		p.Reasons = maps.Clone(e.Reasons)
		maps.DeleteFunc(p.Reasons, func(id int64, _ string) bool { return stored[id] })
		if slices.ContainsFunc(e.Occurrences, func(id int64) bool { return stored[id] }) {
			p.Name = ""
		}
		out.Entities = append(out.Entities, &p)
	}
	return out
}

// TestPlacingAsWhole checks that a placing resolution (Input.Placing, as
// a scoped resolution asks) gives of the occurrences it places just what
// a resolution of the same input without it gives: their entities, in
// the same order, with the same IDs, types, countries, occurrences and
// reasons, and the names of the new entities.
func TestPlacingAsWhole(t *testing.T) {
	for _, tc := range []struct {
		name     string
		articles int
		fresh    int
	}{
		{"AFewNew", 300, 10},
		{"HalfNew", 300, 2},
		{"AllNew", 200, 1},
		{"Large", 2000, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			whole := stored(genInput(tc.articles), tc.fresh)
			want := placingOf(whole, resolve.Resolve(whole, gaz{}))
			in := stored(genInput(tc.articles), tc.fresh)
			in.Placing = true
			got := resolve.Resolve(in, gaz{})
			if len(want.Entities) == 0 {
				t.Fatal("no entity placed: the test places none")
			}
			if !reflect.DeepEqual(got, want) {
				n := min(len(got.Entities), len(want.Entities))
				for i := 0; i < n; i++ {
					if !reflect.DeepEqual(got.Entities[i], want.Entities[i]) {
						t.Fatalf("entity %d: got %+v, want %+v", i, *got.Entities[i], *want.Entities[i])
					}
				}
				t.Fatalf("got %d entities, want %d", len(got.Entities), len(want.Entities))
			}
		})
	}
}
