package extract

import (
	"strings"
	"testing"
)

// TestFoldKey checks that foldKey gives two strings one key exactly when
// strings.EqualFold holds of them.
func TestFoldKey(t *testing.T) {
	words := []string{"Unity Front", "UNITY FRONT", "unity front", "Unity Fronts", "KELVIN", "\u212aelvin",
		"kelvin", "σίγμα", "ΣΊΓΜΑ", "ςίγμα", "straße", "STRASSE", "ſtraße", "\xff", "\xfe", "", "Ärzte", "äRZTE"}
	for _, a := range words {
		for _, b := range words {
			if got, want := foldKey(a) == foldKey(b), strings.EqualFold(a, b); got != want {
				t.Errorf("foldKey(%q) == foldKey(%q) is %v, EqualFold %v", a, b, got, want)
			}
		}
	}
}

// FuzzFoldKey holds foldKey to strings.EqualFold on any pair.
func FuzzFoldKey(f *testing.F) {
	f.Add("Unity Front", "UNITY FRONT")
	f.Add("\u212a", "k")
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := foldKey(a) == foldKey(b), strings.EqualFold(a, b); got != want {
			t.Errorf("foldKey(%q) == foldKey(%q) is %v, EqualFold %v", a, b, got, want)
		}
	})
}
