package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factions/factions/extract/lexicon"
)

// document is what the first stages make of an article's text and what every
// later stage reads: the sentences and paragraphs, the tokens of each
// sentence with their byte offsets and word classes, and the quotations. It
// is made once and never changed.
type document struct {
	text  string
	lx    *lexicons
	sents []Sentence
	toks  [][]Token // per sentence
	// the classes of each sentence's tokens together: a pass that looks
	// for a class skips the sentences without it
	sentMasks []classMask
	quotes    []QuoteSpan
	// longQuotes[i] says whether quotation i holds four words or more
	// (hasWords), as a statement's quotation does: the statements stage
	// asks it of most quotations, at several of their marks
	longQuotes []bool
	// furniture marks the sentences of a web page's advertising and link
	// widgets, which are no article text
	furniture []bool
	mem       *scratch
}

// newDocument segments and tokenizes text: sentences, tokens with their word
// classes, quotations. The tokens, and the values the later stages make
// many of, are allocated from mem.
func newDocument(text string, lx *lexicons, mem *scratch) *document {
	d := &document{text: text, lx: lx, mem: mem}
	mem.paras = appendParagraphs(mem.paras[:0], text)
	mem.sents = appendSentences(mem.sents[:0], text, mem.paras)
	d.sents = mem.sents
	d.toks = mem.tokLists.take(len(d.sents))
	d.sentMasks = mem.sentMasks.take(len(d.sents))
	// the text is tokenized as a whole, sentence by sentence: tokens never
	// cross a sentence boundary, which falls on white space
	whole := Span{Start: 0, End: len(text)}
	// each sentence is tokenized into a block with room for a token per
	// byte, which never grows: its tokens stay where they are made
	furniture := false
	i := 0
	for si, s := range d.sents {
		b := mem.tokens.room(max(s.End-i, 0))
		a := len(*b)
		*b, i = lx.appendTokens(*b, text, whole, i, s.End, &mem.text)
		all := *b
		k := a
		for k < len(all) && all[k].Start() < s.Start {
			k++
		}
		// the tokens end in text order: the few that end past the sentence
		// (none, mostly) are the last ones
		j := len(all)
		for j > k && all[j-1].End() > s.End {
			j--
		}
		var m classMask
		for x := k; x < j; x++ {
			t := &all[x]
			m[0] |= t.mask[0]
			m[1] |= t.mask[1]
			m[2] |= t.mask[2]
		}
		d.sentMasks[si] = m
		furniture = furniture || m.has(cFurniture)
		n := j - k
		if k > a || j < len(all) {
			// tokens before the sentence or past it, which are dropped
			copy(all[a:], all[k:j])
			clear(all[a+n:])
		}
		*b = all[:a+n]
		d.toks[si] = all[a : a+n : a+n]
	}
	mem.quotes = appendQuotes(mem.quotes[:0], text, mem.paras)
	d.quotes = mem.quotes
	mem.longQuotes = mem.longQuotes[:0]
	for _, q := range d.quotes {
		mem.longQuotes = append(mem.longQuotes, hasWords(text[q.Inner.Start:q.Inner.End], 4))
	}
	d.longQuotes = mem.longQuotes
	if furniture {
		d.furniture = d.findFurniture()
	}
	return d
}

// furnitureWords is the longest line, in tokens, that furniture takes in
// beside a marker line.
const furnitureWords = 24

// findFurniture marks the lines of advertising and link widgets: a line
// whose words are all furniture words ("Sponsored", "|"), and the short
// lines without a full stop next to one (the advertisers' slogans and
// names), line by line outwards.
func (d *document) findFurniture() []bool {
	// paragraphs are lines: para[p] is the first sentence of line p
	var first []int
	for si, s := range d.sents {
		if si == 0 || s.Para != d.sents[si-1].Para {
			first = append(first, si)
		}
	}
	first = append(first, len(d.sents))
	n := len(first) - 1
	mark := make([]bool, n)
	any := false
	for p := 0; p < n; p++ {
		mark[p] = d.markerLine(first[p], first[p+1])
		any = any || mark[p]
	}
	if !any {
		return nil
	}
	for changed := true; changed; {
		changed = false
		for p := 0; p < n; p++ {
			if !mark[p] && (p > 0 && mark[p-1] || p+1 < n && mark[p+1]) && d.looseLine(first[p], first[p+1]) {
				mark[p], changed = true, true
			}
		}
	}
	out := make([]bool, len(d.sents))
	for p := 0; p < n; p++ {
		for si := first[p]; si < first[p+1]; si++ {
			out[si] = mark[p]
		}
	}
	return out
}

// markerLine reports whether sentences [a, b) are one line whose words are
// all furniture words, or which two furniture marks divide ("The Daily X ·
// 9 Jul 2019 · 1 · STAFF REPORTER").
func (d *document) markerLine(a, b int) bool {
	n, other, marks := 0, 0, 0
	for si := a; si < b; si++ {
		for it := range d.toks[si] {
			t := &d.toks[si][it]
			n++
			switch {
			case !t.Is(cFurniture):
				other++
			case t.Kind == Punct:
				marks++
			}
		}
	}
	return n > 0 && other == 0 || marks >= 2
}

// looseLine reports whether sentences [a, b) are one short line that does
// not end as a sentence does.
func (d *document) looseLine(a, b int) bool {
	n := 0
	for si := a; si < b; si++ {
		n += len(d.toks[si])
	}
	if n == 0 || n > furnitureWords {
		return false
	}
	line := d.text[d.sents[a].Start:d.sents[b-1].End]
	for {
		last, w := utf8.DecodeLastRuneInString(line)
		switch {
		case strings.ContainsRune(".!?…", last):
			return false
		case w > 0 && isQuote(last):
			line = line[:len(line)-w] // a quotation closing a sentence
		default:
			return true
		}
	}
}

// isFurniture reports whether sentence si is part of a web page's widgets.
func (d *document) isFurniture(si int) bool { return d.furniture != nil && d.furniture[si] }

// sentOf returns the index of the sentence holding offset, or -1.
func (d *document) sentOf(off int) int {
	k := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].End > off })
	if k < len(d.sents) && d.sents[k].Start <= off {
		return k
	}
	return -1
}

// tokIndex returns the index of the first token of sentence si that starts at
// or after off.
func (d *document) tokIndex(si, off int) int {
	toks := d.toks[si]
	return sort.Search(len(toks), func(i int) bool { return toks[i].Start() >= off })
}

// quoteAt returns the quotation whose outer span holds off, or nil.
func (d *document) quoteAt(off int) *QuoteSpan {
	// quoteIndex, written out: quoteAt is inlined where it is called
	lo, hi := 0, len(d.quotes)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if d.quotes[h].Outer.Start > off {
			hi = h
		} else {
			lo = h + 1
		}
	}
	if lo > 0 && off < d.quotes[lo-1].Outer.End {
		return &d.quotes[lo-1]
	}
	return nil
}

// longQuoteAt is quoteAt, and whether the quotation holds four words or
// more (longQuotes).
func (d *document) longQuoteAt(off int) (*QuoteSpan, bool) {
	if i := d.quoteIndex(off); i >= 0 {
		return &d.quotes[i], d.longQuotes[i]
	}
	return nil, false
}

// quoteIndex returns the index of the quotation whose outer span holds
// off, or -1.
func (d *document) quoteIndex(off int) int {
	// quotations are in text order and do not overlap: the one that
	// starts last at or before off, found by halving
	lo, hi := 0, len(d.quotes)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if d.quotes[h].Outer.Start > off {
			hi = h
		} else {
			lo = h + 1
		}
	}
	if lo > 0 && off < d.quotes[lo-1].Outer.End {
		return lo - 1
	}
	return -1
}

// isHeadline reports whether sentence si is a headline or subheading: a
// paragraph of one sentence without a full stop, with more text after it.
func (d *document) isHeadline(si int) bool {
	p := d.sents[si].Para
	if si+1 >= len(d.sents) || d.sents[si+1].Para == p || si > 0 && d.sents[si-1].Para == p {
		return false // not a paragraph of its own, or the last one
	}
	last, _ := utf8.DecodeLastRuneInString(d.text[d.sents[si].Start:d.sents[si].End])
	return !strings.ContainsRune(".!?\"”’'…", last)
}

// clauseStart returns the offset where the clause holding token k of
// sentence si starts.
func (d *document) clauseStart(si, k int) int {
	toks := d.toks[si]
	for x := k - 1; x >= 0; x-- {
		switch toks[x].Norm {
		case ";", ":", "but", "while", "whereas":
			return toks[x].End()
		}
	}
	return d.sents[si].Start
}

// appendJoined appends the words joined by single spaces to b: a map
// look-up by string(appendJoined(...)) makes no string of the key.
func appendJoined(b []byte, words []string) []byte {
	for i, w := range words {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return b
}

// joinsTo reports whether s is the words joined by single spaces.
func joinsTo(words []string, s string) bool {
	for i, w := range words {
		if i > 0 {
			if s == "" || s[0] != ' ' {
				return false
			}
			s = s[1:]
		}
		if !strings.HasPrefix(s, w) {
			return false
		}
		s = s[len(w):]
	}
	return s == ""
}

// words returns the tokens' Norms joined by spaces.
func words(toks []Token) string {
	if len(toks) == 1 {
		return toks[0].Norm
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Norm)
	}
	return b.String()
}

// titleStart returns the index of the first title word directly before the
// name at token k ("Dr", "Mr."), or k.
func titleStart(toks []Token, k int) int {
	for k > 0 && (toks[k-1].Norm == "." || toks[k-1].Cap() && toks[k-1].Is(cStripTitle)) {
		k--
	}
	return k
}

// prevNorm returns the Norm of the token before k, or "".
func prevNorm(toks []Token, k int) string {
	if k < 1 || k > len(toks) {
		return ""
	}
	return toks[k-1].Norm
}

// normAt returns the Norm of toks[k], or "" when k is out of range.
func normAt(toks []Token, k int) string {
	if k < 0 || k >= len(toks) {
		return ""
	}
	return toks[k].Norm
}

// capitalized reports whether s starts with an upper-case letter.
func capitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isPronoun reports whether a token is a personal pronoun and whether it is
// plural.
func isPronoun(t *Token) (ok, plural bool) {
	if !t.mask.any(pronounMask) {
		return false, false
	}
	if strings.HasSuffix(t.Norm, "self") || strings.HasSuffix(t.Norm, "selves") {
		return false, false // reflexives: "himself", "themselves"
	}
	switch {
	case t.Is(cPronounPlural):
		return true, true
	case t.Is(cPronounM), t.Is(cPronounF):
		return true, false
	}
	return false, false
}

// pronounMask holds the classes of personal pronouns.
var pronounMask = maskOf(cPronounM, cPronounF, cPronounPlural)

// genderOf returns "m" for he/him/his, "f" for she/her/hers, else "".
func genderOf(t *Token) string {
	switch {
	case t.Is(cPronounM):
		return "m"
	case t.Is(cPronounF):
		return "f"
	}
	return ""
}

// lower returns s in lower case. The names an article's stages lower-case
// again and again are lowered once: the lower-case forms are kept until
// the article is done.
func (d *document) lower(s string) string {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		plain = s[i] < utf8.RuneSelf && (s[i] < 'A' || s[i] > 'Z')
	}
	if plain {
		return s
	}
	if l, ok := d.mem.lowers[s]; ok {
		return l
	}
	if d.mem.lowers == nil {
		d.mem.lowers = map[string]string{}
	}
	l := toLowerASCII(s, &d.mem.text)
	d.mem.lowers[s] = l
	return l
}

// toLowerASCII is strings.ToLower, lowering an ASCII s of up to 64 bytes
// on the stack and making the string in the arena a.
func toLowerASCII(s string, a *textArena) string {
	var buf [64]byte
	if len(s) > len(buf) {
		return strings.ToLower(s)
	}
	b := buf[:len(s)]
	var all byte // the bytes together: not ASCII when its high bit is set
	for i := 0; i < len(s); i++ {
		c := s[i]
		all |= c
		b[i] = lowerByte[c]
	}
	if all >= utf8.RuneSelf {
		return strings.ToLower(s)
	}
	return a.string(b)
}

// fields returns the space-separated words of s, as strings.Fields does,
// found once per article for each s. The words are shared: callers must
// not change them.
func (d *document) fields(s string) []string {
	if w, ok := d.mem.fields[s]; ok {
		return w
	}
	if d.mem.fields == nil {
		d.mem.fields = map[string][]string{}
	}
	// the words are gathered in a buffer and copied out to the scratch
	buf := d.mem.fieldBuf[:0]
	for f := range strings.FieldsSeq(s) {
		buf = append(buf, f)
	}
	w := d.mem.strs.take(len(buf))
	copy(w, buf)
	clear(buf)
	d.mem.fieldBuf = buf[:0]
	d.mem.fields[s] = w
	return w
}

// partiesOf is lexicons.partiesOf, looked up once per article for each
// name. The forms are shared: callers must not change them.
func (d *document) partiesOf(name string) []partyForm {
	if fs, ok := d.mem.parties[name]; ok {
		return fs
	}
	if d.mem.parties == nil {
		d.mem.parties = map[string][]partyForm{}
	}
	fs := d.lx.partiesOf(name)
	fs = fs[:len(fs):len(fs)]
	d.mem.parties[name] = fs
	return fs
}

// party returns the party of parties.tsv that name names (pickParty), with
// the forms of the name from partiesOf.
func (d *document) party(name, country string) *lexicon.Party {
	return pickParty(d.partiesOf(name), country)
}
