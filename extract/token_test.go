package extract

import (
	"strings"
	"testing"
	"unsafe"
)

// TestTokenSize keeps the token small: a document has one a word, and the
// memory of its tokens is most of the fresh memory an extraction touches.
func TestTokenSize(t *testing.T) {
	if n := unsafe.Sizeof(Token{}); n > 40 {
		t.Errorf("a Token takes %d bytes, want at most 40", n)
	}
}

// TestShortWords checks the table of short words against the word table
// for every word of one to three lower-case letters, and that other words
// have no code.
func TestShortWords(t *testing.T) {
	lx, err := loadLexicons()
	if err != nil {
		t.Fatal(err)
	}
	const letters = "abcdefghijklmnopqrstuvwxyz"
	n := 0
	for _, a := range " " + letters {
		for _, b := range " " + letters {
			for _, c := range letters {
				s := strings.TrimLeft(string([]rune{a, b, c}), " ")
				if strings.Contains(s, " ") {
					continue
				}
				code, ok := shortCode(s)
				if !ok {
					t.Fatalf("shortCode(%q) is not ok", s)
				}
				got := -1
				if x := int(lx.short[code]) - 1; x >= 0 {
					e := lx.shortEntries[x]
					if got = int(e.id) - 1; e.norm != s || got < 0 || e.mask != lx.words.masks[got] {
						t.Errorf("short word %q: entry %q %v, want the key's", s, e.norm, e.mask)
					}
				}
				if want := lx.words.find(s); got != want {
					t.Errorf("short word %q: key %d, want %d", s, got, want)
				}
				// setShort gives the token what setEntry gives it
				var a, b Token
				lx.setShort(&a, s)
				lx.setEntry(&b, s)
				if a != b {
					t.Errorf("short word %q: setShort gives %+v, setEntry %+v", s, a, b)
				}
				n++
			}
		}
	}
	if n != 26+26*26+26*26*26 {
		t.Errorf("%d short words tried", n)
	}
	for _, s := range []string{"", "abcd", "Ab", "a1", "é", "a-b"} {
		if _, ok := shortCode(s); ok {
			t.Errorf("shortCode(%q) is ok", s)
		}
	}
}

// TestHasMarkStart checks the eight-byte test against markStart with each
// byte value at each place among plain letters.
func TestHasMarkStart(t *testing.T) {
	for pos := 0; pos < 8; pos++ {
		for c := 0; c < 256; c++ {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			if got, want := hasMarkStart(le64(string(b))), markStart[c]; got != want {
				t.Errorf("hasMarkStart(%q) = %v, want %v", b, got, want)
			}
		}
	}
}
