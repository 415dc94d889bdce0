package sqlstore

import (
	"reflect"
	"strings"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/resolve"
)

// TestCandidateKeys: the keys of names read in one pass (keysOf) are
// those each kind gives alone (normKeys, variantKeys), and those a
// reading of every name of a type by the type and name gives.
func TestCandidateKeys(t *testing.T) {
	names := []string{"Maria Vell", "Vell", "M. Vell", "  Maria Vell ", "Dorn Party", "DP", "the Dorn Party",
		"Anselm van der Kamp", "Kamp", "Westvale", "Westvale City", "Café Lorre", "Cafe Lorre", "O'Hara's", "Ąnna Żyła", ""}
	types := []factions.EntityType{factions.Person, factions.Organization, factions.Place, "event"}
	var occs []resolve.Occurrence
	for i := range 60 {
		o := resolve.Occurrence{Type: types[i%len(types)]}
		for j := range i%4 + 1 {
			o.Names = append(o.Names, names[(i*7+j*3)%len(names)])
		}
		occs = append(occs, o)
	}
	norms := factions.NameNorms{}
	want := keySets{norm: keysByName(occs, func(t factions.EntityType, n string) []string {
		k := norms.Normalize(n)
		var out []string
		if k != "" {
			out = append(out, k)
		}
		if w := strings.Fields(k); t == factions.Person && len(w) > 1 {
			out = append(out, w[0], w[len(w)-1])
		}
		return out
	}), vkey: keysByName(occs, func(_ factions.EntityType, n string) []string {
		if k := variantKey(n); k != "" {
			return []string{k}
		}
		return nil
	})}
	if len(want.norm) < 10 || len(want.vkey) < 10 {
		t.Fatalf("%d norm keys and %d vkeys: want more", len(want.norm), len(want.vkey))
	}
	if got := keysOf(occs); !reflect.DeepEqual(got, want) {
		t.Errorf("keysOf: %v, want %v", got, want)
	}
	if got := normKeys(occs, factions.NameNorms{}); !reflect.DeepEqual(got, want.norm) {
		t.Errorf("normKeys: %v, want %v", got, want.norm)
	}
	if got := variantKeys(occs); !reflect.DeepEqual(got, want.vkey) {
		t.Errorf("variantKeys: %v, want %v", got, want.vkey)
	}
}

// keysByName returns the keys of each name of occs, read once for each
// type and name, with their types as candidateKeys gives them.
func keysByName(occs []resolve.Occurrence, keysOf func(t factions.EntityType, n string) []string) map[string]typeSet {
	type typedName struct {
		t factions.EntityType
		n string
	}
	keys := map[string]typeSet{}
	done := map[typedName]bool{}
	for _, o := range occs {
		ts := typeSet(0).with(o.Type)
		if o.Type == factions.Person {
			ts = ts.with(factions.Organization)
		}
		for _, n := range o.Names {
			if !done[typedName{o.Type, n}] {
				done[typedName{o.Type, n}] = true
				for _, k := range keysOf(o.Type, n) {
					keys[k] |= ts
				}
			}
		}
	}
	return keys
}
