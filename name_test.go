package factions

import (
	"math/rand"
	"testing"
)

// asciiNames are names, and pieces of names, that exercise every rule of
// NormalizeName and VariantKey: cases, possessives, punctuation, leading
// titles, digraphs, a final -que or -h, y between vowels.
var asciiNames = []string{
	"", " ", "'s", "Party's", "the Party's office", "PARTY'S", "O'Brien", "don't", "Smiths'",
	"Dr. Jane Roe", "Mr", "The", "the the", "Dr Mr Sir Ann", "Lady  Mary -- Sue", "A. B. C.",
	"U.S.-led", "ex-NRF", "5th  Ward_Committee", "  Joe\t\nDoe  ", "Sir's", "x's y", "Ali's's",
	"Phillip", "Dhaka", "Thackeray", "Mecque", "que", "Shah", "Shahh", "Yaya", "Ayyub", "Qureshi",
	"Mohammed", "Muhammad", "Chaudhry Sahib", "Kay", "Yousaf", "Bhutto-Zardari", "cq", "phph",
}

// TestNormalizeASCII checks the ASCII paths of NormalizeName and
// variantToken against their paths for any text, on asciiNames and on
// random ASCII strings built from their bytes.
func TestNormalizeASCII(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := normalizeASCII(s), normalizeName(s); got != want {
			t.Errorf("normalizeASCII(%q) = %q, want %q", s, got, want)
		}
		if got, want := variantASCII(s), variantRunes(s); got != want {
			t.Errorf("variantASCII(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range asciiNames {
		check(s)
	}
	const alphabet = "aeiouyhpdtckqsSPHTQ' .-_19\tA"
	rnd := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		b := make([]byte, rnd.Intn(12))
		for j := range b {
			b[j] = alphabet[rnd.Intn(len(alphabet))]
		}
		check(string(b))
	}
	for _, s := range []string{"mr smith", "sir", "the party of the people"} {
		check(s)
	}
}

// FuzzNormalizeName checks that the ASCII paths of NormalizeName and
// variantToken agree with their paths for any text.
func FuzzNormalizeName(f *testing.F) {
	for _, s := range asciiNames {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if isASCII(s) {
			if n, want := NormalizeName(s), normalizeName(s); n != want {
				t.Errorf("normalizeASCII(%q) = %q, want %q", s, n, want)
			}
			if got, want := variantASCII(s), variantRunes(s); got != want {
				t.Errorf("variantASCII(%q) = %q, want %q", s, got, want)
			}
		}
	})
}

// BenchmarkNormalizeName normalizes and keys asciiNames, as a batch's plan
// does each name it reads.
func BenchmarkNormalizeName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range asciiNames {
			NormalizeName(s)
			VariantKey(s)
		}
	}
}
