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
// separated by line breaks, trimmed of surrounding space. Text wrapped at a
// fixed width (a block of three or more lines, most of them ending without a
// sentence's closing punctuation, three of them long) keeps a paragraph
// across the line breaks that fall inside a sentence.
func Paragraphs(text string) []Span {
	var out []Span
	start := 0
	adjacent := false // the line follows the one before with no blank line
	var block []Span
	for start < len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if s := trimSpan(text, Span{Start: start, End: end}); s.Len() > 0 {
			if !adjacent {
				out = appendWrapped(out, text, block)
				block = block[:0]
			}
			block = append(block, s)
			adjacent = true
		} else {
			adjacent = false
		}
		start = end + 1
	}
	return appendWrapped(out, text, block)
}

// appendWrapped appends the lines of a block of adjacent lines to out as
// paragraphs, joining the lines of a block wrapped at a fixed width where a
// sentence goes on.
func appendWrapped(out []Span, text string, lines []Span) []Span {
	open, long := 0, 0
	for _, l := range lines[:max(len(lines)-1, 0)] {
		if !endsSentence(text, l) {
			open++
			if utf8.RuneCountInString(text[l.Start:l.End]) >= 60 {
				long++
			}
		}
	}
	if long < 3 || 2*open < len(lines)-1 {
		return append(out, lines...)
	}
	for i, l := range lines {
		if i > 0 && goesOn(text, lines[i-1], l) {
			out[len(out)-1].End = l.End
			continue
		}
		out = append(out, l)
	}
	return out
}

// goesOn reports whether line l continues the sentence of line p in a
// wrapped block: p ends without a sentence's closing punctuation, in a
// lower-case word, a digit, a comma, a hyphen or a bracket, or l opens
// with a lower-case letter; and l opens with no bullet or dash. A line
// ending in capitals ("AGE CORRESPONDENTS") is a byline or a heading.
func goesOn(text string, p, l Span) bool {
	if endsSentence(text, p) || !startsWord(text, l) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text[p.Start:p.End])
	first, _ := utf8.DecodeRuneInString(text[l.Start:l.End])
	return unicode.IsLower(last) || unicode.IsDigit(last) || strings.ContainsRune(",-–—)(", last) || unicode.IsLower(first)
}

// endsSentence reports whether a line ends with a sentence's closing
// punctuation or quotation mark.
func endsSentence(text string, l Span) bool {
	r, _ := utf8.DecodeLastRuneInString(text[l.Start:l.End])
	return strings.ContainsRune(".!?:;\"”’»", r)
}

// startsWord reports whether a line opens with a letter, a digit or a
// quotation mark: not a bullet or a dash.
func startsWord(text string, l Span) bool {
	r, _ := utf8.DecodeRuneInString(text[l.Start:l.End])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || isQuote(r)
}

// trimSpan shrinks s to exclude leading and trailing white space.
func trimSpan(text string, s Span) Span {
	for s.Start < s.End {
		r, w := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) && r != '\ufeff' && r != '\u200b' {
			break
		}
		s.Start += w
	}
	for s.End > s.Start {
		r, w := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) && r != '\ufeff' && r != '\u200b' {
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
func Sentences(text string) []Sentence {
	var out []Sentence
	for pi, p := range Paragraphs(text) {
		start := p.Start
		i := p.Start
		for i < p.End {
			r, w := utf8.DecodeRuneInString(text[i:])
			if r != '.' && r != '!' && r != '?' {
				i += w
				continue
			}
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
				if !unicode.IsSpace(r2) {
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
		return unicode.IsSpace(n)
	}
	return false
}

// noBreakDot reports whether the dot at text[i] ends an abbreviation or an
// initial rather than a sentence.
func noBreakDot(text string, start, i int) bool {
	k := i
	for k > start {
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
	if abbreviations[strings.ToLower(strings.TrimRight(word, "."))] {
		return true
	}
	// a single capital letter: an initial ("A. Khan"), or dotted initials
	// ("L.K. Advani"): names follow initials far more often than a sentence
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
	parts := strings.Split(word, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
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
