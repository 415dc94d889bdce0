package gazetteer_test

import (
	"reflect"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/gazetteer"
)

func mustNew(t *testing.T) *gazetteer.Gazetteer {
	t.Helper()
	g, err := gazetteer.New()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// keys returns the Key of each reading.
func keys(ks []factions.Known) []string {
	out := []string{}
	for _, k := range ks {
		out = append(out, k.Key())
	}
	return out
}

func TestParties(t *testing.T) {
	g := mustNew(t)
	for _, tc := range []struct {
		name      string
		want      []string
		ambiguous bool
	}{
		{"Tories", []string{"conservative and unionist party|united kingdom", "conservative party of canada|canada"}, false},
		{"Conservative Party", []string{"conservative and unionist party|united kingdom", "conservative party of canada|canada"}, false},
		{"Lib Dems", []string{"liberal democrats|united kingdom"}, false},
		{"PML(N)", []string{"pakistan muslim league n|pakistan"}, false},
		{"PML-N", []string{"pakistan muslim league n|pakistan"}, false},
		{"Pakistan Tehreek-i-Insaf", []string{"pakistan tehreek e insaf|pakistan"}, false},
		{"Tehrik-e-Insaf", []string{"pakistan tehreek e insaf|pakistan"}, false},
		{"Congress (I)", []string{"indian national congress|india"}, false},
		{"INC", []string{"indian national congress|india"}, false},
		{"Congress", []string{"indian national congress|india"}, true},
		{"Nobody's Party of Nowhere", []string{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := g.Parties(tc.name)
			// other countries' parties may share a form (the country
			// decides): the wanted ones are among the readings
			byKey := map[string]factions.Known{}
			for _, k := range got {
				byKey[k.Key()] = k
			}
			for _, w := range tc.want {
				k, ok := byKey[w]
				if !ok {
					t.Fatalf("Parties(%q) = %v, want %v among them", tc.name, keys(got), w)
				}
				if k.Ambiguous != tc.ambiguous {
					t.Errorf("Parties(%q): %s Ambiguous = %v, want %v", tc.name, w, k.Ambiguous, tc.ambiguous)
				}
			}
			if len(tc.want) == 0 && len(got) > 0 {
				t.Errorf("Parties(%q) = %v, want none", tc.name, keys(got))
			}
		})
	}
}

func TestPlaces(t *testing.T) {
	g := mustNew(t)
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"KP", []string{"khyber pakhtunkhwa|pakistan"}},
		{"K-P", []string{"khyber pakhtunkhwa|pakistan"}},
		{"Khyber Pakhtunkhwa", []string{"khyber pakhtunkhwa|pakistan"}},
		{"Bombay", []string{"mumbai|india"}},
		{"Britain", []string{"united kingdom|united kingdom"}},
		{"UK", []string{"united kingdom|united kingdom"}},
		// one name, places of two countries and the region across them
		{"Punjab", []string{"punjab|", "punjab|india", "punjab|pakistan"}},
		{"Atlantis Minor", []string{}},
	} {
		if got := keys(g.Places(tc.name)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Places(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
