package factions

import (
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
