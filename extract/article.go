package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factions/factions"
)

// doc is one article on its way through the pipeline.
type doc struct {
	text     string
	lx       *lexicons
	sents    []Sentence
	toks     [][]Token    // per sentence
	ments    [][]*mention // per sentence
	all      []*mention
	ents     []*entity
	quotes   []QuoteSpan
	factKeys map[factKey]bool
	// factionMents are the mentions of factions in text order (factionBefore)
	factionMents []*mention
	// roleHolder is, by the last word of a role ("spokesman" of "party
	// spokesman"), the first fact giving a person that role
	roleHolder map[string]*fact
	acrCount   map[string]int     // organisation mentions by name
	orgNames   map[string]*entity // organisations by name and alias
	orgHeads   map[string]*entity // organisations by the word before their cue words
	main       *entity            // the organisation the article is most about
	mainDone   bool
	country    string // the country the article is most about, lower-case ("" when none stands out)
	countryOK  bool
	orgFirst   map[string]*entity   // party-like organisations by the first word of their name
	byWord     map[string][]*entity // persons by first and last word of their name
	stmts      []*stmt
	facts      []*fact
	dateline   *mention
}

// stmt is a statement under construction.
type stmt struct {
	speaker  *entity
	desc     string // an unnamed source ("party insiders")
	kind     factions.StatementKind
	content  Span
	nested   bool // reported inside another statement's content
	sent     int
	deny     bool
	evidence Span
}

// who returns the name the statement's speaker is given.
func (s *stmt) who() string {
	if s.speaker != nil {
		return s.speaker.name
	}
	return s.desc
}

func newDoc(text string, lx *lexicons) *doc {
	d := &doc{text: text, lx: lx}
	d.sents = Sentences(text)
	d.toks = make([][]Token, len(d.sents))
	// one slice of tokens for the whole text, cut into sentences: tokens
	// never cross a sentence boundary, which falls on white space
	all := Tokenize(text, Span{Start: 0, End: len(text)})
	for i := range all {
		all[i].mask, all[i].masked = lx.firstMask[all[i].Norm], true
	}
	k := 0
	for i, s := range d.sents {
		for k < len(all) && all[k].Start < s.Start {
			k++
		}
		j := k
		for j < len(all) && all[j].End <= s.End {
			j++
		}
		d.toks[i] = all[k:j:j]
		k = j
	}
	d.quotes = Quotes(text)
	return d
}

// sentOf returns the index of the sentence holding offset, or -1.
func (d *doc) sentOf(off int) int {
	k := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].End > off })
	if k < len(d.sents) && d.sents[k].Start <= off {
		return k
	}
	return -1
}

// tokIndex returns the index of the first token of sentence si that starts at
// or after off.
func (d *doc) tokIndex(si, off int) int {
	toks := d.toks[si]
	return sort.Search(len(toks), func(i int) bool { return toks[i].Start >= off })
}

// quoteAt returns the quotation whose inner span holds off, or nil.
func (d *doc) quoteAt(off int) *QuoteSpan {
	// quotations are in text order and do not overlap
	k := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].Outer.Start > off })
	if k == 0 {
		return nil
	}
	if q := &d.quotes[k-1]; off < q.Outer.End {
		return q
	}
	return nil
}

// mentionAt returns the mention of sentence si that covers token k, or nil.
func (d *doc) mentionAt(si, k int) *mention {
	for _, m := range d.ments[si] {
		if m.ent != nil && m.i <= k && k < m.j {
			return m
		}
	}
	return nil
}

// findDateline reads "LAHORE - ", "KARACHI: " or "ISLAMABAD (Staff Report) –"
// at the start of the first paragraphs, and records it as a place mention.
func (d *doc) findDateline() {
	for si := 0; si < len(d.sents) && si < 3; si++ {
		toks := d.toks[si]
		k := 0
		for k < len(toks) && toks[k].Kind == Word && toks[k].AllCaps() {
			k++
		}
		if k == 0 || k >= len(toks) || k > 3 {
			continue
		}
		j := k
		if toks[j].Norm == "(" {
			for j < len(toks) && toks[j].Norm != ")" {
				j++
			}
			j++
		}
		if j >= len(toks) {
			continue
		}
		if sep := toks[j].Norm; sep != "-" && sep != ":" && sep != "–" && sep != "—" && sep != "," {
			continue
		}
		name := d.text[toks[0].Start:toks[k-1].End]
		if !d.isPlace(name) && toks[j].Norm == "," {
			continue
		}
		m := &mention{s: si, i: 0, j: k, span: Span{Start: toks[0].Start, End: toks[k-1].End}, name: name, typ: factions.Place}
		d.dateline = m
		// the dateline's own tokens are not part of any other mention
		ms := d.ments[si][:0]
		for _, o := range d.ments[si] {
			if o.span.Start >= toks[j].End {
				ms = append(ms, o)
			}
		}
		d.ments[si] = append([]*mention{m}, ms...)
		return
	}
}

// isPronoun reports whether a word is a personal pronoun and whether it is plural.
func isPronoun(norm string) (ok, plural bool) {
	switch norm {
	case "he", "she", "him", "her", "his", "hers":
		return true, false
	case "they", "them", "their":
		return true, true
	}
	return false, false
}

// capitalized reports whether s starts with an upper-case letter.
func capitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// mainCountry returns the country the article is most about, lower-case:
// the one its place mentions (the dateline's included) belong to most
// often, when it has at least twice the mentions of any other; "" otherwise.
func (d *doc) mainCountry() string {
	if d.countryOK {
		return d.country
	}
	d.countryOK = true
	n := map[string]int{}
	for _, m := range d.all {
		if m.ent == nil || m.ent.typ != factions.Place {
			continue
		}
		if p, ok := d.lx.places[strings.ToLower(m.name)]; ok && p.Country != "-" && p.Country != "" {
			n[strings.ToLower(p.Country)]++
		}
	}
	best := ""
	for c, k := range n {
		if best == "" || k > n[best] || k == n[best] && c < best {
			best = c
		}
	}
	for c, k := range n {
		if c != best && 2*k > n[best] {
			return "" // no country stands out
		}
	}
	d.country = best
	return d.country
}

// mainOrg returns the organisation the article is most about: the
// party-like organisation with the most mentions.
func (d *doc) mainOrg() *entity {
	if d.mainDone {
		return d.main
	}
	d.mainDone = true
	var best *entity
	for _, e := range d.ents {
		if e.typ != factions.Organization || d.isBody(e) || d.isLegislature(e) {
			continue
		}
		if best == nil || len(e.mentions) > len(best.mentions) {
			best = e
		}
	}
	d.main = best
	return best
}

// orgBefore returns the organisation that "the party" refers to at offset
// off: the most recently mentioned party-like organisation, else mainOrg.
func (d *doc) orgBefore(off int) *entity {
	main := d.mainOrg()
	for k := d.mentionsBefore(off) - 1; k >= 0; k-- {
		m := d.all[k]
		if m.ent != nil && m.ent.typ == factions.Organization && !d.isBody(m.ent) && !d.isLegislature(m.ent) {
			// "the party" of an article about one party is that party, unless
			// another has as good a claim to be the topic
			if main != nil && main != m.ent && 2*len(main.mentions) >= 3*len(m.ent.mentions) {
				return main
			}
			return m.ent
		}
	}
	return main
}

// mentionsBefore returns the number of mentions (in d.all, in text order)
// that start before off.
func (d *doc) mentionsBefore(off int) int {
	return sort.Search(len(d.all), func(i int) bool { return d.all[i].span.Start >= off })
}

// personBefore returns the person most recently mentioned before off, outside
// quotations.
func (d *doc) personBefore(off int) *entity { return d.personBeforeG(off, "") }

// isBody reports whether an organisation is an internal body of another
// (its last word is a committee, wing, cell...).
func (d *doc) isBody(e *entity) bool {
	if e.kind == 0 {
		d.classifyOrg(e)
	}
	return e.kind&kindBody != 0
}

// Organisation kinds, cached on the entity.
const (
	kindKnown = 1 << iota
	kindBody
	kindLegislature
	kindBranch // a local unit, linked to its party only by name
)

// branchWords end the names of a party's local units.
var branchWords = map[string]bool{"association": true, "branch": true, "chapter": true, "unit": true}

// classifyOrg caches whether an organisation is an internal body or a
// legislature.
func (d *doc) classifyOrg(e *entity) {
	e.kind = kindKnown
	w := strings.Fields(strings.ToLower(e.name))
	if len(w) > 0 && d.lx.orgCues.class(w[len(w)-1]) == "body" {
		e.kind |= kindBody
	}
	// "Slough Conservative Association", "Punjab branch": a local unit of a
	// party when it is named after one
	if len(w) > 1 && branchWords[w[len(w)-1]] {
		e.kind |= kindBody | kindBranch
	}
	for _, n := range e.names() {
		w := strings.Fields(strings.ToLower(n))
		if len(w) > 0 && d.lx.orgCues.class(w[len(w)-1]) == "legislature" || d.lx.orgCues.class(strings.ToLower(n)) == "legislature" {
			e.kind |= kindLegislature
			break
		}
	}
}

// isLegislature reports whether an organisation is a legislature.
func (d *doc) isLegislature(e *entity) bool {
	if e.kind == 0 {
		d.classifyOrg(e)
	}
	return e.kind&kindLegislature != 0
}

// orgsByName maps every name and alias of the article's organisations to
// the organisation.
func (d *doc) orgsByName() map[string]*entity {
	if d.orgNames == nil {
		d.orgNames = map[string]*entity{}
		for _, e := range d.ents {
			if e.typ != factions.Organization {
				continue
			}
			for _, n := range e.names() {
				if _, ok := d.orgNames[n]; !ok {
					d.orgNames[n] = e
				}
			}
		}
	}
	return d.orgNames
}
