package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota // letters and digits, with inner hyphens, dots of initials and apostrophes
	Number             // a word that starts with a digit
	Punct              // any other single character
	Quote              // a quotation mark: " “ ” ‘ ’ ' « »
)

// Token is a piece of the text with its byte offsets into the original:
// Start and End give them, Text the token as written. It takes 40 bytes:
// a document has a token a word.
type Token struct {
	Norm       string    // lower case, soft hyphens removed, ’ as '
	start, end int32     // the offsets: a document is at most chunkSize bytes
	mask       classMask // word classes (lex.go), set when the token is made
	Kind       Kind
	word       uint16 // the word's key in the lexicons' word table + 1; 0 when none
}

// Start returns the offset of the token's first byte.
func (t *Token) Start() int { return int(t.start) }

// End returns the offset just past the token's last byte.
func (t *Token) End() int { return int(t.end) }

// Text returns the token as written in text, the text it was made from.
func (t *Token) Text(text string) string { return text[t.start:t.end] }

// Is reports whether the token has word class c.
func (t *Token) Is(c class) bool { return t.mask.has(c) }

// Cap reports whether the token starts with an upper-case letter.
func (t *Token) Cap() bool { return t.mask.has(cCapital) }

// AllCaps reports whether the token has at least two letters and no lower-case one.
func (t *Token) AllCaps() bool { return t.mask.has(cAllCaps) }

// withShape returns m with the shape classes of the text s.
func withShape(m classMask, s string) classMask {
	if isCapital(s) {
		m = m.with(cCapital)
	}
	if isAllCaps(s) {
		m = m.with(cAllCaps)
	}
	return m
}

// isCapital reports whether s starts with an upper-case letter.
func isCapital(s string) bool {
	if s != "" && s[0] < utf8.RuneSelf {
		return 'A' <= s[0] && s[0] <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isAllCaps reports whether s has at least two letters and no lower-case one.
func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

func isQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '‘', '’', '\'', '«', '»', '„', '‟', '‛':
		return true
	}
	return false
}

func isApos(r rune) bool { return r == '\'' || r == '’' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '\u00ad'
}

// Tokenize splits text[span] into tokens whose offsets are into text, each
// with its word classes. The offsets take 32 bits: text must be shorter
// than 2 GiB.
func Tokenize(text string, span Span) []Token {
	lx, err := loadLexicons()
	if err != nil {
		lx = &lexicons{words: &wordTable{}}
		lx.ascii = lx.lookupASCII()
	}
	return lx.tokenize(text, span)
}

// tokenize splits text[span] into tokens, splitting the hyphen affixes of
// words.tsv off capitalised words ("ex-NRF", "Lodhi-led").
func (lx *lexicons) tokenize(text string, span Span) []Token {
	toks, _ := lx.appendTokens(make([]Token, 0, (span.End-span.Start)/5+1), text, span, span.Start, span.End, nil)
	return toks
}

// appendTokens appends the tokens of text[span] that start at or after i
// and before stop, and returns them with the offset where the next token
// would be looked for: tokenizing a span in steps, each from where the last
// stopped, gives the tokens of the whole span. The Norms it makes of
// capitalised words the lexicons do not know are made in the arena a, or
// each allocated when a is nil.
func (lx *lexicons) appendTokens(toks []Token, text string, span Span, i, stop int, a *textArena) ([]Token, int) {
	for i < stop {
		c := text[i]
		if wordBytes[c] {
			// the ASCII letters and digits of the word, and what kinds of
			// bytes they are, in one pass: most words are nothing more
			j, kinds := scanPlain(text[:span.End], i)
			if j < span.End && wordGoesOn[text[j]] && !stopEndsWord(text[:span.End], j) {
				j = scanWordRest(text, i, j, span.End)
				toks = lx.appendWord(toks, text, i, j, false)
			} else {
				if kinds&(upperASCII|nonASCII) == 0 {
					// lower case and digits, as most words are: setWordKinds
					// without its cases of capitals
					kind := Word
					if c <= '9' {
						kind = Number
					}
					var t *Token
					toks, t = nextToken(toks)
					*t = Token{start: int32(i), end: int32(j), Kind: kind}
					if kinds == lowerASCII && j-i <= 3 && lx.short != nil {
						lx.setShort(t, text[i:j])
					} else {
						lx.setEntry(t, text[i:j])
					}
				} else {
					var t *Token
					toks, t = nextToken(toks)
					*t = Token{start: int32(i), end: int32(j)}
					lx.setWordKinds(t, text[i:j], kinds, a)
				}
				if j < stop && text[j] == ' ' {
					j++ // the space after a word, as most words have
				}
			}
			i = j
			continue
		}
		if c < utf8.RuneSelf && asciiSpace[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf && c != '\'' {
			// any other ASCII character is a token of its own, whose
			// entry was looked up once
			e, kind := &lx.ascii[c], Punct
			if c == '"' {
				kind = Quote
			}
			var t *Token
			toks, t = nextToken(toks)
			*t = Token{Norm: e.norm, start: int32(i), end: int32(i + 1), mask: e.mask, Kind: kind, word: e.id}
			i++
			continue
		}
		r, w := rune(c), 1
		if c >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case isSpace(r) || r == '\u200b' || r == '\ufeff':
			i += w
		case isWordRune(r):
			j, plain := scanWord(text, i, span.End)
			toks = lx.appendWord(toks, text, i, j, plain)
			i = j
		case isApos(r) && i > span.Start && possessive(text, i+w, span.End) && prevIsWord(text, i):
			toks = append(toks, lx.token(text[i:i+w+1], "'s", i, Punct))
			i += w + 1
		case isQuote(r):
			toks = append(toks, lx.token(text[i:i+w], text[i:i+w], i, Quote))
			i += w
		default:
			toks = append(toks, lx.token(text[i:i+w], text[i:i+w], i, Punct))
			i += w
		}
	}
	return toks, i
}

// stopEndsWord reports whether text[j] is a comma or a full stop with a
// space after it, or another ASCII character no word goes on with, as
// most are: after the ASCII letters and digits of a word it is no part of
// it (scanWordRest), and the word is plain.
func stopEndsWord(text string, j int) bool {
	return (text[j] == ',' || text[j] == '.') && j+1 < len(text) && text[j+1] < utf8.RuneSelf && !asciiWord[text[j+1]]
}

// nextToken returns toks one token longer and that token, whose fields
// the caller sets: the token is made where it stays, with no copy.
func nextToken(toks []Token) ([]Token, *Token) {
	n := len(toks)
	if n == cap(toks) {
		toks = slices.Grow(toks, 1)
	}
	toks = toks[:n+1]
	return toks, &toks[n]
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// wordBytes marks the bytes of asciiWord, a table of all 256 bytes.
var wordBytes = func() (t [256]bool) {
	copy(t[:], asciiWord[:])
	return t
}()

// wordGoesOn marks the bytes at which a word may go on past its ASCII
// letters and digits: a non-ASCII character, or , . - ' inside it.
var wordGoesOn = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= utf8.RuneSelf || c == ',' || c == '.' || c == '-' || c == '\''
	}
	return t
}()

// token makes a token with the word classes of its Norm; a Norm the
// lexicons know is their copy of it.
func (lx *lexicons) token(s, norm string, start int, kind Kind) Token {
	e := lx.normClasses(norm)
	return Token{Norm: e.norm, start: int32(start), end: int32(start + len(s)), mask: withShape(e.mask, s), Kind: kind, word: e.id}
}

// scanPlain returns the end of the ASCII letters and digits from i on in
// text, and the byteKinds of them together. It is not inlined: inside
// appendTokens, whose values fill the registers, its loop kept kinds in
// memory.
//
//go:noinline
func scanPlain(text string, i int) (int, uint8) {
	var kinds uint8
	for ; i < len(text); i++ {
		k := byteKinds[text[i]]
		if k&plainASCII == 0 {
			break
		}
		kinds |= k
	}
	return i, kinds
}

// scanWord returns the end of the word starting at i: letters and digits,
// joined by single inner hyphens, dots between single letters ("U.S."),
// apostrophes inside a word ("O'Brien", "don't") but not a possessive 's;
// plain when the word is ASCII letters and digits only, as most are.
func scanWord(text string, i, end int) (j int, plain bool) {
	j = i
	for j < end && wordBytes[text[j]] {
		j++
	}
	if j == end || !wordGoesOn[text[j]] {
		return j, true
	}
	return scanWordRest(text, i, j, end), false
}

// scanWordRest returns the end of the word starting at i that scanWord
// has read up to j.
func scanWordRest(text string, i, j, end int) int {
	for j < end {
		if c := text[j]; c < utf8.RuneSelf {
			switch {
			case asciiWord[c]:
				j++
				continue
			case c != ',' && c != '.' && c != '-' && c != '\'':
				return j // no case below goes on over it
			}
		}
		r, w := utf8.DecodeRuneInString(text[j:])
		if isWordRune(r) {
			j += w
			continue
		}
		if j+w >= end {
			break
		}
		next, nw := utf8.DecodeRuneInString(text[j+w:])
		switch {
		case (r == ',' || r == '.') && unicode.IsDigit(next) && j > i && isDigitBefore(text, j):
			// "4,000", "16.1"
			j += w
		case (r == '-' || r == '‑') && isWordRune(next):
			j += w
		case r == '.' && unicode.IsLetter(next) && singleLetterBefore(text, i, j) &&
			(j+w+nw >= end || text[j+w+nw] == '.'):
			// U.S.A. style initials: a dot between single letters
			j += w
		case r == '.' && singleLetterBefore(text, i, j) && j-i > 1:
			// the last dot of "U.S." belongs to the word
			return j + w
		case isApos(r) && unicode.IsLetter(next) && !possessive(text, j+w, end):
			j += w
		default:
			return j
		}
	}
	return j
}

func isDigitBefore(text string, j int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:j])
	return unicode.IsDigit(r)
}

// singleLetterBefore reports whether the rune before j is a letter that starts
// the word or follows a dot.
func singleLetterBefore(text string, start, j int) bool {
	r, w := utf8.DecodeLastRuneInString(text[start:j])
	if !unicode.IsLetter(r) {
		return false
	}
	k := j - w
	if k == start {
		return true
	}
	return text[k-1] == '.'
}

func prevIsWord(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return isWordRune(r)
}

// possessive reports whether text[i:] starts an "s" that ends a word (the s of 's).
func possessive(text string, i, end int) bool {
	if i >= end || (text[i] != 's' && text[i] != 'S') {
		return false
	}
	if i+1 >= end {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i+1:])
	return !isWordRune(r)
}

// appendWord appends the word text[i:j], splitting off hyphen affixes; a
// plain word (scanWord) has none.
func (lx *lexicons) appendWord(toks []Token, text string, i, j int, plain bool) []Token {
	word := text[i:j]
	if plain || strings.IndexByte(word, '-') < 0 {
		toks = append(toks, Token{start: int32(i), end: int32(j)})
		lx.setWord(&toks[len(toks)-1], word)
		return toks
	}
	return lx.appendHyphenated(toks, text, i, j)
}

// appendHyphenated is appendWord for a word with a hyphen: kept apart, so
// that the common case stays small.
func (lx *lexicons) appendHyphenated(toks []Token, text string, i, j int) []Token {
	word := text[i:j]
	if k := strings.IndexByte(word, '-'); k > 0 {
		rest := word[k+1:]
		r, _ := utf8.DecodeRuneInString(rest)
		if unicode.IsUpper(r) && lx.isFolded(word[:k], cHyphenPrefix) {
			toks = append(toks, lx.word(text[i:i+k], i), lx.token("-", "-", i+k, Punct))
			return lx.appendWord(toks, text, i+k+1, j, false)
		}
	}
	if k := strings.LastIndexByte(word, '-'); k > 0 && k < len(word)-1 {
		r, _ := utf8.DecodeRuneInString(word)
		if unicode.IsUpper(r) && lx.isFolded(word[k+1:], cHyphenSuffix) {
			return append(toks, lx.word(text[i:i+k], i), lx.token("-", "-", i+k, Punct), lx.word(text[i+k+1:j], i+k+1))
		}
	}
	return append(toks, lx.word(word, i))
}

// isFolded reports whether s in lower case has the word class c; an ASCII
// word is lower-cased on the stack.
func (lx *lexicons) isFolded(s string, c class) bool {
	var buf [32]byte
	if len(s) > len(buf) {
		return lx.is(strings.ToLower(s), c)
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b >= utf8.RuneSelf:
			return lx.is(strings.ToLower(s), c)
		case 'A' <= b && b <= 'Z':
			b += 'a' - 'A'
		}
		buf[i] = b
	}
	e, _ := lx.words.lookupBytes(buf[:len(s)])
	return e.mask.has(c)
}

// word makes the token of the word s at offset start. An ASCII word is
// lower-cased on the stack: only a word the lexicons do not know and that
// is not in lower case already takes a copy.
func (lx *lexicons) word(s string, start int) Token {
	t := Token{start: int32(start), end: int32(start + len(s))}
	lx.setWord(&t, s)
	return t
}

// setWord gives the token of the word s, whose offsets are set and the
// rest zero, its Norm, classes, key and kind. It fills the token in place:
// most tokens are made by it, in the block they stay in.
func (lx *lexicons) setWord(t *Token, s string) {
	// what kinds of bytes the word has, a table read a byte: most words
	// are lower-case ASCII, looked up as they are
	var kinds uint8
	for i := 0; i < len(s); i++ {
		kinds |= byteKinds[s[i]]
	}
	lx.setWordKinds(t, s, kinds, nil)
}

// setWordKinds is setWord for a word whose bytes have the byteKinds kinds;
// a Norm it makes is made in the arena a (appendTokens).
func (lx *lexicons) setWordKinds(t *Token, s string, kinds uint8, a *textArena) {
	t.Kind = Word
	if c := s[0]; '0' <= c && c <= '9' {
		t.Kind = Number
	} else if c >= utf8.RuneSelf {
		if r, _ := utf8.DecodeRuneInString(s); unicode.IsDigit(r) {
			t.Kind = Number
		}
	}
	if kinds&nonASCII != 0 || len(s) > 32 && kinds&upperASCII != 0 {
		lx.setEntry(t, normWord(s))
		t.mask = withShape(t.mask, s)
		return
	}
	if kinds&upperASCII == 0 {
		lx.setEntry(t, s) // no capital: no shape class
		return
	}
	var buf [32]byte
	b := buf[:len(s)]
	for i := range b {
		b[i] = lowerByte[s[i]]
	}
	w := lx.words
	if i := w.findBytes(b); i >= 0 {
		t.Norm, t.mask, t.word = w.key(i), w.masks[i], uint16(i+1)
	} else {
		t.Norm = a.string(b)
	}
	if 'A' <= s[0] && s[0] <= 'Z' {
		t.mask = t.mask.with(cCapital)
	}
	if kinds&lowerASCII == 0 && upperCount(s) >= 2 {
		t.mask = t.mask.with(cAllCaps) // the letters are the upper-case ones
	}
}

// upperCount returns the number of ASCII capitals in s.
func upperCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			n++
		}
	}
	return n
}

// setEntry gives the token the lexicons' entry of the lower-case word norm:
// their copy of it as its Norm, its classes and key; the word alone as its
// Norm when they do not know it. It is the tokenizer's look-up, made once
// a word: the word table's find written out here, so that a word costs one
// call and not two.
func (lx *lexicons) setEntry(t *Token, norm string) {
	w := lx.words
	slots, offs := w.slots, w.offs
	if len(slots) == 0 {
		t.Norm = norm
		return
	}
	var h uint32
	if n := len(norm); n >= 4 && n <= 8 {
		h = uint32((uint64(n)*hashK ^ (le32(norm)<<32 | le32(norm[n-4:]))) * hashK >> 32) // strHash, written out (hashK)
	} else {
		h = strHash(norm)
	}
	tag, mask := h&^0xffff, uint32(len(slots)-1)
	for i := h & mask; ; i = (i + 1) & mask {
		k := slots[i]
		if k == 0 {
			t.Norm = norm
			return
		}
		if k&^0xffff != tag {
			continue
		}
		x := int(k&0xffff) - 1
		a, b := offs[x], offs[x+1]
		if int(b-a) == len(norm) {
			if key := w.keys[a:b]; key == norm {
				t.Norm, t.mask, t.word = key, w.masks[x], uint16(x+1)
				return
			}
		}
	}
}

// setShort is setEntry for a word of one to three lower-case ASCII
// letters, found in the table of short words.
func (lx *lexicons) setShort(t *Token, norm string) {
	// shortCode, for a word known to be one: no letter is tested again
	c := 0
	for i := 0; i < len(norm); i++ {
		c = c*27 + int(norm[i]-'a'+1)
	}
	if x := int(lx.short[c]) - 1; x >= 0 {
		e := &lx.shortEntries[x]
		t.Norm, t.mask, t.word = e.norm, e.mask, e.id
		return
	}
	t.Norm = norm
}

// The kinds of bytes of byteKinds.
const (
	upperASCII = 1 << iota
	lowerASCII
	nonASCII
	digitASCII
	// the bytes of asciiWord
	plainASCII = upperASCII | lowerASCII | digitASCII
)

// byteKinds gives each byte its kind: an upper- or lower-case ASCII letter,
// or a byte of a non-ASCII character.
var byteKinds = func() (t [256]uint8) {
	for c := range t {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = upperASCII
		case 'a' <= c && c <= 'z':
			t[c] = lowerASCII
		case '0' <= c && c <= '9':
			t[c] = digitASCII
		case c >= utf8.RuneSelf:
			t[c] = nonASCII
		}
	}
	return t
}()

// normClasses returns the lexicons' entry of a lower-case word: its copy of
// the word, its classes and key; the word alone when they do not know it.
func (lx *lexicons) normClasses(norm string) lexWord {
	if e, ok := lx.words.lookup(norm); ok {
		return e
	}
	return lexWord{norm: norm}
}

// visible returns s without the characters that print as nothing: soft
// hyphens (which papers put inside long words for line breaking), zero-width
// spaces and joiners, and the byte order mark; a line break becomes a space.
func visible(s string) string {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		plain = s[i] < utf8.RuneSelf && s[i] != '\n'
	}
	if plain || !strings.ContainsAny(s, "\u00ad\u200b\u200c\u200d\ufeff\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u00ad', '\u200b', '\u200c', '\u200d', '\ufeff', '\r':
			return -1
		case '\n':
			return ' ' // a name across a line break of wrapped text
		}
		return r
	}, s)
}

// normWord lower-cases a word and removes soft hyphens; ’ becomes '.
func normWord(s string) string {
	if strings.IndexByte(s, 0xC2) >= 0 || strings.Contains(s, "’") {
		s = strings.ReplaceAll(s, "\u00ad", "")
		s = strings.ReplaceAll(s, "’", "'")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// hasWords reports whether s holds at least n space-separated words,
// reading no further than the nth.
func hasWords(s string, n int) bool {
	k, in := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			r, w := utf8.DecodeRuneInString(s[i:])
			space = isSpace(r)
			i += w - 1
		}
		if space {
			in = false
		} else if !in {
			in = true
			if k++; k >= n {
				return true
			}
		}
	}
	return n <= 0
}

// isSpace is unicode.IsSpace, reading an ASCII r in a table.
func isSpace(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiSpace[r]
	}
	return unicode.IsSpace(r)
}

// asciiSpace marks the ASCII characters unicode.IsSpace reports.
var asciiSpace = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = unicode.IsSpace(rune(c))
	}
	return t
}()

// wordCount returns the number of space-separated words in s without
// allocating.
func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		if isSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}
