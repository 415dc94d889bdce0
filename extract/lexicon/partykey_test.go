package lexicon

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TestPartyKeySameAsWords checks PartyKey, which folds a name into one
// buffer, against partyKeyRef, the plain reading of its rules with a
// string per word, on every name of the lexicon files and on odd strings.
func TestPartyKeySameAsWords(t *testing.T) {
	inputs := []string{"", "&", "A & B", "AT&T", "PML-N", "PML (N)", "FF+", "the The THE", "e", "Tehreek-e-Insaf",
		"Tehreek - i - Insaf", "Sinn Féin", "Ølstykke Æble", "U.K.I.P.", "People’s Party", "ʼx", "x!y", "1st-2nd",
		"  spaced   out  ", "a-e", "e-a", "Hezbollah/Hizballah", "Łódź Party", "Straße", strings.Repeat("word ", 40),
		strings.Repeat("x", 300), "Ⅻ", "ｆｕｌｌ", "İstanbul", "ÀÉÎ", "labor & e", "&the&"}
	for _, name := range Files() {
		rows, err := Lines(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, f := range r {
				inputs = append(inputs, strings.Split(strings.TrimPrefix(f, "~"), "|")...)
			}
		}
	}
	for _, s := range inputs {
		if got, want := PartyKey(s), partyKeyRef(s); got != want {
			t.Errorf("PartyKey(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzPartyKeySameAsWords compares PartyKey with partyKeyRef on any string.
func FuzzPartyKeySameAsWords(f *testing.F) {
	for _, s := range []string{"Tehreek-e-Insaf", "A & B", "Sinn Féin", "PML (N)", "FF+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := PartyKey(s), partyKeyRef(s); got != want {
			t.Errorf("PartyKey(%q) = %q, want %q", s, got, want)
		}
	})
}

// partyKeyRef is PartyKey as first written: the reference it must agree with.
func partyKeyRef(s string) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	if !isASCII(s) {
		s = norm.NFKD.String(s)
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			// accent left by the decomposition
		case r == '.' || r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '`' || r == '!':
			// dropped inside a word: U.K.I.P., People's
		case r == '&':
			flush()
			words = append(words, "and")
		case r == '+':
			w.WriteRune(r)
		case letterFold[r] != "":
			w.WriteString(letterFold[r])
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	var b strings.Builder
	for i, x := range words {
		if x == "the" {
			continue
		}
		if (x == "e" || x == "i") && i > 0 && i < len(words)-1 {
			continue
		}
		if t, ok := translit[x]; ok {
			x = t
		}
		b.WriteString(x)
	}
	return b.String()
}
