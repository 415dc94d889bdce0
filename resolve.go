package factions

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// particles are the connecting words of South Asian and Arabic names
// ("Tehreek-e-Insaf", "Ishrat-ul-Ebad", "Abd-al-Rahman") that transliterations
// keep, drop or spell differently; VariantKey leaves them out when they stand
// as words of their own (NormalizeName has already turned hyphens into spaces).
var particles = map[string]bool{
	"e": true, "i": true, "ul": true, "ud": true, "ur": true, "al": true, "el": true,
}

// VariantKey returns the key under which two spellings of a name are taken to
// be transliteration variants of one another: "Mohammad", "Muhammad" and
// "Mohammed" share the key "muhamad"; "Tehreek-e-Insaf", "Tehreek-i-Insaf" and
// "Tehrik-e-Insaf" share "tahrak ansaf"; "Hussain" and "Husain" share "husan"
// (but "Hasan" keys as "hasan").
//
// The key is built from NormalizeName(name), word by word:
//
//   - accents are stripped (NFD, combining marks dropped);
//   - the particles e, i, ul, ud, ur, al and el are dropped when they stand as
//     words of their own (so "Ishrat-ul-Ebad" and "Ishrat Ebad" agree, but the
//     glued "Ishratul" is not split);
//   - a final "que" becomes "k", then ph→f, dh→d, th→t, ck→k and q→k;
//   - a final h after a vowel is dropped ("Shah"/"Sha", "Abdullah"/"Abdulla");
//   - the vowels a, e and i become a, and o and u become u; y is a vowel
//     (a) at the end of a word ("Aly") and after a vowel when no vowel
//     follows ("Hussayn"), a consonant elsewhere ("Yusuf", "Qayyum");
//   - runs of one letter collapse into one ("mm"→"m", "ee"→"a", "ai"→"a").
//
// The key is deliberately coarse: it finds candidates, and the store accepts
// a variant match only with agreeing context (see the sqlite and postgres
// packages). A name made only of particles keeps them. Acronyms should not be
// matched by their keys ("UDI" and "UDA" share one); callers check IsAcronym.
func VariantKey(name string) string {
	toks := strings.Fields(NormalizeName(name))
	var kept []string
	for _, t := range toks {
		if !particles[t] {
			kept = append(kept, t)
		}
	}
	if len(kept) == 0 {
		kept = toks
	}
	for i, t := range kept {
		kept[i] = variantToken(t)
	}
	return strings.Join(kept, " ")
}

// digraphs are the consonant spellings VariantKey writes as one letter.
var digraphs = strings.NewReplacer("ph", "f", "dh", "d", "th", "t", "ck", "k")

func isVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func variantToken(t string) string {
	if isASCII(t) {
		return variantASCII(t)
	}
	return variantRunes(t)
}

// variantRunes is variantToken for any text.
func variantRunes(t string) string {
	// strip accents
	var b strings.Builder
	for _, r := range norm.NFD.String(t) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	t = b.String()
	if strings.HasSuffix(t, "que") && len(t) > 3 {
		t = t[:len(t)-3] + "k"
	}
	t = digraphs.Replace(t)
	t = strings.ReplaceAll(t, "q", "k")
	rs := []rune(t)
	if n := len(rs); n > 2 && rs[n-1] == 'h' && isVowel(rs[n-2]) {
		rs = rs[:n-1]
	}
	out := make([]rune, 0, len(rs))
	for i, r := range rs {
		switch {
		case r == 'a' || r == 'e' || r == 'i':
			r = 'a'
		case r == 'o' || r == 'u':
			r = 'u'
		case r == 'y' && i > 0 && (i+1 == len(rs) || isVowel(rs[i-1]) && !isVowel(rs[i+1])):
			r = 'a'
		}
		if len(out) > 0 && out[len(out)-1] == r {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// variantASCII is variantToken for an ASCII token, which has no accents to
// strip, without a copy a step.
func variantASCII(t string) string {
	var in, outBuf [64]byte
	b := append(in[:0], t...)
	if len(b) > 3 && string(b[len(b)-3:]) == "que" {
		b = append(b[:len(b)-3], 'k')
	}
	// the digraphs, left to right without overlap, then q as k
	w := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if i+1 < len(b) {
			switch string(b[i : i+2]) {
			case "ph":
				c, i = 'f', i+1
			case "dh":
				c, i = 'd', i+1
			case "th":
				c, i = 't', i+1
			case "ck":
				c, i = 'k', i+1
			}
		}
		if c == 'q' {
			c = 'k'
		}
		b[w] = c
		w++
	}
	b = b[:w]
	if n := len(b); n > 2 && b[n-1] == 'h' && isVowel(rune(b[n-2])) {
		b = b[:n-1]
	}
	out := outBuf[:0]
	for i, c := range b {
		switch {
		case c == 'a' || c == 'e' || c == 'i':
			c = 'a'
		case c == 'o' || c == 'u':
			c = 'u'
		case c == 'y' && i > 0 && (i+1 == len(b) || isVowel(rune(b[i-1])) && !isVowel(rune(b[i+1]))):
			c = 'a'
		}
		if len(out) > 0 && out[len(out)-1] == c {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// IsAcronym reports whether name is an acronym: it has at least two letters
// and no lower-case letter ("PUF", "MQM-P").
func IsAcronym(name string) bool {
	letters := 0
	for _, r := range name {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// FullerName returns the fuller of two names of one entity, the one a store
// keeps as its canonical name: a name that is not an acronym over an acronym,
// then the one with more words once normalized, then the longer one; a on a
// tie. An empty name never wins over a non-empty one.
func FullerName(a, b string) string {
	if NormalizeName(b) == "" {
		return a
	}
	if NormalizeName(a) == "" {
		return b
	}
	sa, sb := nameScore(a), nameScore(b)
	for i := range sa {
		if sb[i] != sa[i] {
			if sb[i] > sa[i] {
				return b
			}
			return a
		}
	}
	return a
}

func nameScore(s string) [3]int {
	n := NormalizeName(s)
	acr := 1
	if IsAcronym(s) {
		acr = 0
	}
	return [3]int{acr, len(strings.Fields(n)), len([]rune(n))}
}
