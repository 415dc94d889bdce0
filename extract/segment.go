package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factions/factions"
)

// Span is a byte range of the article text.
type Span = factions.Span

// Sentence is a sentence with its span and the index of its paragraph.
type Sentence struct {
	Span
	Para int
}

// abbreviations that end with a dot without ending a sentence. General
// English and news usage.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"lt": true, "gen": true, "col": true, "maj": true, "capt": true, "cpt": true, "brig": true, "adm": true,
	"sgt": true, "cmdr": true, "rev": true, "hon": true, "gov": true, "sen": true, "rep": true, "no": true,
	"nos": true, "vs": true, "v": true, "etc": true, "inc": true, "ltd": true, "co": true, "corp": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "approx": true, "dept": true, "govt": true,
	"pvt": true, "mt": true, "ft": true, "fig": true, "op": true, "vol": true, "pp": true, "ch": true,
	"art": true, "sec": true, "para": true, "est": true, "eg": true, "ie": true, "al": true, "messrs": true,
}

// Paragraphs returns the spans of the text's paragraphs: runs of text
// separated by line breaks, trimmed of surrounding space. A line of
// hard-wrapped copy that breaks off a sentence (it ends without closing
// punctuation and the next line goes on in lower case, or it ends in a
// comma, or it is a full line) continues on the next line.
func Paragraphs(text string) []Span { return appendParagraphs(nil, text) }

// appendParagraphs appends the paragraphs of the text to out.
func appendParagraphs(out []Span, text string) []Span {
	start := 0
	for start < len(text) {
		end := start
		for {
			k := strings.IndexByte(text[end:], '\n')
			if k < 0 {
				end = len(text)
				break
			}
			end += k
			if !wrapped(text, start, end) {
				break
			}
			end++
		}
		if s := trimSpan(text, Span{Start: start, End: end}); s.Len() > 0 {
			out = append(out, s)
		}
		start = end + 1
	}
	return out
}

// wrapped reports whether the line break at nl breaks off the line that
// started at start mid-sentence: the next line is not blank and either
// goes on in lower case, or the line ends in a comma or is longer than a
// headline, without closing punctuation.
func wrapped(text string, start, nl int) bool {
	line := trimSpan(text, Span{Start: start, End: nl})
	if line.Len() == 0 || nl+1 >= len(text) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[nl+1:])
	if isSpace(next) {
		return false // a blank line, or an indented one
	}
	last, _ := utf8.DecodeLastRuneInString(text[line.Start:line.End])
	if strings.ContainsRune(".!?:;\"”’')…", last) || !strings.ContainsFunc(text[line.Start:line.End], unicode.IsLetter) {
		return false // a sentence's end, or a rule ("---")
	}
	if key := strings.IndexByte(text[nl+1:min(nl+40, len(text))], ':'); key > 0 && !strings.ContainsAny(text[nl+1:nl+1+key], " \t") {
		return false // a "key: value" line of a header
	}
	return unicode.IsLower(next) || last == ',' || line.End-line.Start > 70
}

// trimSpan shrinks s to exclude leading and trailing white space.
func trimSpan(text string, s Span) Span {
	for s.Start < s.End {
		if c := text[s.Start]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			s.Start++
			continue
		}
		r, w := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !isSpace(r) && r != '\ufeff' && r != '\u200b' {
			break
		}
		s.Start += w
	}
	for s.End > s.Start {
		if c := text[s.End-1]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			s.End--
			continue
		}
		r, w := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !isSpace(r) && r != '\ufeff' && r != '\u200b' {
			break
		}
		s.End -= w
	}
	return s
}

// Sentences splits the text into sentences. A sentence ends at . ! or ?
// (with any closing quotes and brackets after it) followed by space and a
// capital letter, a digit or an opening quote, unless the dot ends an
// abbreviation or an initial; a paragraph always ends a sentence.
func Sentences(text string) []Sentence { return appendSentences(nil, text, Paragraphs(text)) }

// appendSentences appends the sentences of the text's paragraphs to out.
func appendSentences(out []Sentence, text string, paras []Span) []Sentence {
	// the terminators are ASCII: no byte of another character is one; each
	// is searched for once where it occurs, the rarer ! and ? not again
	// at each dot
	marks := newMarkFinder(text, ".!?")
	for pi, p := range paras {
		start := p.Start
		i := p.Start
		for i < p.End {
			if i = marks.from(i); i >= p.End {
				break
			}
			r, w := rune(text[i]), 1
			j := i + w
			// more terminators, closing quotes and brackets
			for j < p.End {
				r2, w2 := utf8.DecodeRuneInString(text[j:])
				if r2 == '.' || r2 == '!' || r2 == '?' || r2 == ')' || r2 == ']' || closingQuote(text, j, p.End) {
					j += w2
					continue
				}
				break
			}
			if j >= p.End {
				break
			}
			k := j
			for k < p.End {
				r2, w2 := utf8.DecodeRuneInString(text[k:])
				if !isSpace(r2) {
					break
				}
				k += w2
			}
			if k == j || k >= p.End {
				i = j
				continue
			}
			next, _ := utf8.DecodeRuneInString(text[k:])
			if !(unicode.IsUpper(next) || unicode.IsDigit(next) || isQuote(next) || next == '(' || next == '[') {
				i = j
				continue
			}
			if r == '.' && noBreakDot(text, p.Start, i) {
				i = j
				continue
			}
			out = append(out, Sentence{Span: trimSpan(text, Span{Start: start, End: j}), Para: pi})
			start = k
			i = k
		}
		if s := trimSpan(text, Span{Start: start, End: p.End}); s.Len() > 0 {
			out = append(out, Sentence{Span: s, Para: pi})
		}
	}
	return splitLong(out, text)
}

// maxSentence is the longest sentence the stages read whole: some stages
// look back over a sentence's tokens from each token, and a "sentence" of
// tens of kilobytes is no sentence but text without full stops. The
// longest of the corpus's 27,000 sentences is under 2.5 KB.
const maxSentence = 4 << 10

// splitLong cuts every sentence longer than maxSentence into pieces that
// end after a semicolon, a comma or a space.
func splitLong(ss []Sentence, text string) []Sentence {
	long := false
	for _, s := range ss {
		long = long || s.Len() > maxSentence
	}
	if !long {
		return ss
	}
	out := make([]Sentence, 0, len(ss)+1)
	for _, s := range ss {
		for s.Len() > maxSentence {
			end := s.Start + maxSentence
			piece := text[s.Start:end]
			cut := -1
			for _, sep := range []string{"; ", ", ", " "} {
				if k := strings.LastIndex(piece, sep); k > 0 {
					cut = s.Start + k + len(sep)
					break
				}
			}
			if cut < 0 {
				for cut = end; cut > s.Start+1 && !utf8.RuneStart(text[cut]); cut-- {
				}
			}
			if h := trimSpan(text, Span{Start: s.Start, End: cut}); h.Len() > 0 {
				out = append(out, Sentence{Span: h, Para: s.Para})
			}
			s.Span = trimSpan(text, Span{Start: cut, End: s.End})
		}
		if s.Len() > 0 {
			out = append(out, s)
		}
	}
	return out
}

// closingQuote reports whether text[j] is a quotation mark that closes:
// ” ’ » always, and " or ' when followed by space or the end.
func closingQuote(text string, j, end int) bool {
	r, w := utf8.DecodeRuneInString(text[j:])
	switch r {
	case '”', '’', '»':
		return true
	case '"', '\'':
		if j+w >= end {
			return true
		}
		n, _ := utf8.DecodeRuneInString(text[j+w:])
		return isSpace(n)
	}
	return false
}

// foldedIn reports whether s in lower case is a key of m; an ASCII s is
// lower-cased on the stack.
func foldedIn(m map[string]bool, s string) bool {
	var buf [32]byte
	if len(s) > len(buf) {
		return m[strings.ToLower(s)]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return m[strings.ToLower(s)]
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return m[string(buf[:len(s)])]
}

// noBreakDot reports whether the dot at text[i] ends an abbreviation or an
// initial rather than a sentence.
func noBreakDot(text string, start, i int) bool {
	k := i
	for k > start {
		if c := text[k-1]; c < utf8.RuneSelf {
			// an ASCII byte, as most are: no rune to decode
			if !asciiWord[c] || '0' <= c && c <= '9' {
				if c != '.' {
					break
				}
			}
			k--
			continue
		}
		r, w := utf8.DecodeLastRuneInString(text[start:k])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		k -= w
	}
	word := text[k:i]
	if word == "" {
		return false
	}
	if foldedIn(abbreviations, strings.TrimRight(word, ".")) {
		return true
	}
	// a single capital letter: an initial ("A. Khan"), or dotted initials
	// ("R.K. Vessal"): names follow initials far more often than a sentence
	// follows "U.S."
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	if initials(word) {
		return true
	}
	return false
}

// initials reports whether word is single capital letters joined by dots
// ("L.K", "J.F.R").
func initials(word string) bool {
	if !strings.Contains(word, ".") {
		return false
	}
	for p := range strings.SplitSeq(word, ".") {
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(p)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
