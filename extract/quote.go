package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// QuoteSpan is a quotation: Outer includes the marks, Inner the words.
type QuoteSpan struct {
	Outer, Inner Span
}

// Quotes finds the quotations in the text: “...”, "...", ‘...’ and '...'.
// A quotation that runs over several paragraphs reopens with an opening mark
// at each paragraph start and closes only at its end. Apostrophes inside
// words ("party’s", "don't") are not quotation marks. Quotations nested in
// another are not returned.
func Quotes(text string) []QuoteSpan { return appendQuotes(nil, text, Paragraphs(text)) }

// appendQuotes appends the quotations in the text's paragraphs to out.
func appendQuotes(out []QuoteSpan, text string, paras []Span) []QuoteSpan {
	marks := newMarkFinder(text, markBytes)
	for pi := 0; pi < len(paras); pi++ {
		p := paras[pi]
		i := p.Start
		for {
			if i = marks.from(i); i >= p.End {
				break
			}
			r, w := utf8.DecodeRuneInString(text[i:])
			closeRune, ok := opener(text, i, r, w)
			if !ok {
				i += w
				continue
			}
			end, endPara, reopen := findClose(text, paras, pi, i+w, r, closeRune)
			if end < 0 {
				i += w
				continue
			}
			_, cw := utf8.DecodeRuneInString(text[end:])
			if reopen {
				cw = 0 // the mark that ended this quotation opens the next
			}
			inner := trimSpan(text, Span{Start: i + w, End: end})
			if inner.Len() > 0 {
				out = append(out, QuoteSpan{Outer: Span{Start: i, End: end + cw}, Inner: inner})
			}
			if endPara != pi {
				pi = endPara
				p = paras[pi]
			}
			i = end + cw
		}
	}
	return out
}

// markBytes are the bytes a quotation mark starts with: " ' and the first
// bytes of “ ‘ „ (0xE2) and « (0xC2).
const markBytes = "\"'\xE2\xC2"

// markFinder finds the bytes of marks, at most four, in a text, at offsets
// that only grow. It keeps where the next of each is, so that each
// occurrence is searched for once, by IndexByte, rather than every byte of
// the text tested.
type markFinder struct {
	text  string
	marks string
	next  [4]int // at or after the last search; len(text) when none; -1 before any
}

// newMarkFinder returns a markFinder of the bytes of marks in text.
func newMarkFinder(text, marks string) markFinder {
	return markFinder{text: text, marks: marks, next: [4]int{-1, -1, -1, -1}}
}

// from returns the offset of the first mark byte at or after i, or
// len(text).
func (f *markFinder) from(i int) int {
	first := len(f.text)
	for k := 0; k < len(f.marks) && k < len(f.next); k++ {
		if f.next[k] < i {
			f.next[k] = len(f.text)
			if i < len(f.text) {
				if j := strings.IndexByte(f.text[i:], f.marks[k]); j >= 0 {
					f.next[k] = i + j
				}
			}
		}
		first = min(first, f.next[k])
	}
	return first
}

// opener reports whether the rune at text[i] opens a quotation and returns
// the rune that closes it.
func opener(text string, i int, r rune, w int) (rune, bool) {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i+w:])
	startOK := i == 0 || isSpace(prev) || prev == '(' || prev == '[' || prev == '—' || prev == '–' || prev == ':' || prev == '-' || prev == '“' || prev == '"'
	switch r {
	case '“':
		return '”', true
	case '«':
		return '»', true
	case '"':
		return '"', startOK && !isSpace(next)
	case '‘':
		return '’', startOK && !isSpace(next)
	case '\'':
		return '\'', startOK && (unicode.IsLetter(next) || unicode.IsDigit(next))
	}
	return 0, false
}

// findClose finds the closing mark for a quotation opened before from in
// paragraph pi; a paragraph that ends inside the quotation continues it when
// the next paragraph opens with the same mark.
func findClose(text string, paras []Span, pi, from int, open, close rune) (int, int, bool) {
	depth := 0
	for {
		p := paras[pi]
		i := from
		for i < p.End {
			if i+8 <= p.End && !hasMarkStart(le64(text[i:])) {
				i += 8 // eight bytes at a time while there is no mark
				continue
			}
			if !markStart[text[i]] {
				i++ // no mark: every mark is " or ' or not ASCII
				continue
			}
			r, w := utf8.DecodeRuneInString(text[i:])
			if r == close && isCloser(text, i, p.End, r) && depth == 0 {
				// `candidate. "The association`: a straight mark after a
				// sentence and before a word reopens; the open quotation
				// ended with the sentence
				if r == '"' && i > from && i+w < p.End {
					prev, _ := utf8.DecodeLastRuneInString(text[:i])
					next, _ := utf8.DecodeRuneInString(text[i+w:])
					if isSpace(prev) && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
						return i, pi, true
					}
				}
				return i, pi, false
			}
			// a nested quotation of the other kind
			if open == '“' || open == '"' {
				if r == '‘' || (r == '\'' && startOfWord(text, i)) {
					depth++
				} else if depth > 0 && (r == '’' || r == '\'') && isCloser(text, i, p.End, r) {
					depth--
				}
			}
			i += w
		}
		// multi-paragraph quotation: the next paragraph reopens with the same mark
		if (open == '“' || open == '"') && pi+1 < len(paras) {
			n, w := utf8.DecodeRuneInString(text[paras[pi+1].Start:])
			if n == open {
				pi++
				from = paras[pi].Start + w
				depth = 0
				continue
			}
		}
		return -1, pi, false
	}
}

// markStart marks the bytes a quotation mark can start with: " ' and
// those of the characters that are not ASCII.
var markStart = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= utf8.RuneSelf || c == '"' || c == '\''
	}
	return t
}()

// hasMarkStart reports whether a byte of the eight of x is one of
// markStart's: not ASCII, or " or '.
func hasMarkStart(x uint64) bool {
	const low, high = 0x0101010101010101, 0x8080808080808080
	// a byte of v is zero when (v-low)&^v has its high bit, and only then
	// for the lowest such byte, which is all the test needs
	zero := func(v uint64) bool { return (v-low)&^v&high != 0 }
	return x&high != 0 || zero(x^'"'*low) || zero(x^'\''*low)
}

func startOfWord(text string, i int) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	return i == 0 || isSpace(prev) || prev == '('
}

// isCloser reports whether the mark at text[i] can close a quotation: not an
// apostrophe inside a word.
func isCloser(text string, i, end int, r rune) bool {
	if r != '’' && r != '\'' {
		return true
	}
	w := utf8.RuneLen(r)
	if i+w < end {
		next, _ := utf8.DecodeRuneInString(text[i+w:])
		if unicode.IsLetter(next) {
			return false
		}
	}
	// "the Joneses’ house": a plural possessive still closes; accept
	return true
}
