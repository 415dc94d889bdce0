package factions

import (
	"bytes"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// honorifics are dropped from the front of a name when names are compared.
var honorifics = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "miss": true, "prof": true, "sir": true,
	"the": true, "a": true, "an": true, "datuk": true, "datin": true, "seri": true, "shri": true,
	"sri": true, "smt": true, "sardar": true, "maulana": true, "barrister": true, "hon": true,
	"lord": true, "lady": true, "dame": true, "mian": true, "syed": true, "chaudhry": true,
}

// NormalizeName returns the form under which two names are taken to be the
// same: NFKC, lower case, soft hyphens removed, a possessive 's dropped,
// punctuation turned into spaces and leading titles and articles dropped.
// It follows the name matching of ../shared/eval/score.py.
func NormalizeName(s string) string {
	if isASCII(s) {
		return normalizeASCII(s)
	}
	return normalizeName(s)
}

// normalizeName is NormalizeName for any text.
func normalizeName(s string) string {
	s = norm.NFKC.String(s)
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "\u00ad", "")
	s = strings.ReplaceAll(s, "\u2019", "'")
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		// possessive 's at a word end
		if r == '\'' && i+1 < len(rs) && rs[i+1] == 's' && (i+2 == len(rs) || !isWord(rs[i+2])) {
			i++
			b.WriteRune(' ')
			continue
		}
		if isWord(r) {
			b.WriteRune(r)
		} else {
			b.WriteRune(' ')
		}
	}
	toks := strings.Fields(b.String())
	for len(toks) > 1 && honorifics[toks[0]] {
		toks = toks[1:]
	}
	return strings.Join(toks, " ")
}

// normalizeASCII is NormalizeName for ASCII text, which NFKC leaves as it
// is, in one pass and one allocation: most names are ASCII, and a batch's
// plan and resolution normalize each name they read.
func normalizeASCII(s string) string {
	var stack [64]byte
	out := stack[:0]
	gap := false // a space is owed before the next word byte
	for i := 0; i < len(s); i++ {
		c := lowerASCII(s[i])
		if c == '\'' && i+1 < len(s) && lowerASCII(s[i+1]) == 's' && (i+2 == len(s) || !asciiWord[s[i+2]]) {
			i++ // a possessive 's at a word end
			gap = true
			continue
		}
		if !asciiWord[c] {
			gap = true
			continue
		}
		if gap && len(out) > 0 {
			out = append(out, ' ')
		}
		gap = false
		out = append(out, c)
	}
	// leading titles and articles, while another word follows
	for {
		k := bytes.IndexByte(out, ' ')
		if k < 0 || !honorifics[string(out[:k])] {
			break
		}
		out = out[k+1:]
	}
	return string(out)
}

// asciiWord marks the ASCII bytes isWord is true of: letters, digits and _.
var asciiWord = func() (t [256]bool) {
	for c := 0; c < 128; c++ {
		t[c] = isWord(rune(c))
	}
	return t
}()

// lowerASCII returns the ASCII byte c in lower case.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// isASCII reports whether s is ASCII only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// NameNorms is a memo of NormalizeName for a pass that reads the same names
// many times (resolution, a batch's plan). Make it with make or a literal.
type NameNorms map[string]string

// Normalize returns NormalizeName(s), computed once for each s.
func (m NameNorms) Normalize(s string) string {
	n, ok := m[s]
	if !ok {
		n = NormalizeName(s)
		m[s] = n
	}
	return n
}
