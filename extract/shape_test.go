package extract

import (
	"strings"
	"testing"
)

// TestTokenShape checks the shape classes a token gets when it is made
// against the rune-by-rune reading of its text.
func TestTokenShape(t *testing.T) {
	lx, err := loadLexicons()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text         string
		cap, allCaps bool
	}{
		{"Valdora", true, false},
		{"VALDORA", true, true},
		{"valdora", false, false},
		{"U.S.", true, true},
		{"A", true, false},
		{"4G", false, false},
		{"MP3s", true, false},
		{"iPhone", false, false},
		{"Émile", true, false},
		{"ÉTAT", true, true},
		{"éLan", false, false},
		{"ex-NRF", false, false},
		{"Halvi-led", true, false},
		{"O'Brien", true, false},
		{"2024", false, false},
		{"«", false, false},
	} {
		toks := lx.tokenize(tc.text, Span{Start: 0, End: len(tc.text)})
		if len(toks) == 0 {
			t.Fatalf("%q: no tokens", tc.text)
		}
		if got := toks[0]; got.Cap() != tc.cap || got.AllCaps() != tc.allCaps {
			t.Errorf("%q: Cap %v AllCaps %v, want %v %v", tc.text, got.Cap(), got.AllCaps(), tc.cap, tc.allCaps)
		}
		for _, tok := range toks {
			s := tok.Text(tc.text)
			if tok.Cap() != isCapital(s) || tok.AllCaps() != isAllCaps(s) {
				t.Errorf("%q: token %q: Cap %v AllCaps %v, want %v %v", tc.text, s, tok.Cap(), tok.AllCaps(), isCapital(s), isAllCaps(s))
			}
		}
	}
}

// TestMarkFinder checks markFinder against strings.IndexAny, at each
// offset in turn, as appendSentences asks it.
func TestMarkFinder(t *testing.T) {
	for _, s := range []string{"", "no end", "One. Two!", "Why? Now.", "Stop!", "a?b.c!", "x.y?z", "“Quoted?” he asked."} {
		f := newMarkFinder(s, ".!?")
		for i := 0; i <= len(s); i++ {
			want := len(s)
			if k := strings.IndexAny(s[i:], ".!?"); k >= 0 {
				want = i + k
			}
			if got := f.from(i); got != want {
				t.Errorf("%q from %d: %d, want %d", s, i, got, want)
			}
		}
	}
}
