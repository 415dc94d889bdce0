package extract

import (
	"fmt"
	"strings"
	"sync"

	"github.com/factions/factions/extract/lexicon"
)

// phrases maps a lower-case phrase (words joined by single spaces) to its
// class; max is the longest phrase in words.
type phrases struct {
	m     map[string]string
	first map[string]bool // first words of the phrases, hyphen-joined ones split
	max   int
	bit   uint32 // this list's bit in Token.mask
}

func newPhrases() *phrases { return &phrases{m: map[string]string{}, first: map[string]bool{}} }

func (p *phrases) add(phrase, class string) {
	phrase = strings.Join(strings.Fields(strings.ToLower(phrase)), " ")
	if phrase == "" {
		return
	}
	if _, ok := p.m[phrase]; ok {
		return
	}
	p.m[phrase] = class
	words := strings.Fields(phrase)
	p.first[words[0]] = true
	if k := strings.IndexByte(words[0], '-'); k > 0 {
		p.first[words[0][:k]] = true
	}
	// hyphens are separate tokens in text: "ex-" spans up to three tokens
	if n := len(words) + strings.Count(phrase, "-"); n > p.max {
		p.max = n
	}
}

func (p *phrases) has(s string) bool { _, ok := p.m[s]; return ok }

func (p *phrases) class(s string) string { return p.m[s] }

// match returns the length in tokens and the class of the longest phrase
// starting at toks[i], matched on the tokens' Norm.
func (p *phrases) match(toks []Token, i int) (int, string) {
	if i >= len(toks) {
		return 0, ""
	}
	if t := toks[i]; t.masked {
		if t.mask&p.bit == 0 {
			return 0, ""
		}
	} else if !p.first[t.Norm] {
		return 0, ""
	}
	var buf [128]byte
	b := buf[:0]
	best, cls := 0, ""
	for n := 1; n <= p.max && i+n <= len(toks); n++ {
		t := toks[i+n-1]
		if n > 1 {
			if t.Kind == Punct && t.Norm == "-" {
				// "ex-" style joins: try the phrase with the hyphen glued
				b = append(b, '-')
				continue
			}
			if b[len(b)-1] != '-' {
				b = append(b, ' ')
			}
		}
		b = append(b, t.Norm...)
		if c, ok := p.m[string(b)]; ok {
			best, cls = n, c
		}
	}
	return best, cls
}

// Mask bits of the extractor's own word sets (the lexicons take the low bits).
const (
	maskLead   = 1 << 24 // words that can start a leadership or founding pattern
	maskCopula = 1 << 25 // copulas and appointment verbs
)

type place struct {
	Name, Kind, Country string
}

// lexicons holds the extractor's word lists, loaded once from the embedded files.
type lexicons struct {
	places     map[string]place // lower-case name
	placeWords int
	titles     *phrases // class: honorific, rank, office
	roles      *phrases // class/scope "head/org"
	roleMods   *phrases
	former     *phrases
	speech     *phrases // class: say, deny, doc
	hedges     *phrases
	negations  *phrases
	orgCues    *phrases // class: party, legislature, government, body, media
	splits     *phrases
	departures *phrases // class: left, stepdown, joined, death
	stopNames  *phrases
	givenNames *phrases
	nameParts  *phrases
	suffixes   *phrases          // honorific suffixes after a name: bhai, sahib
	firstMask  map[string]uint32 // for each word, the lists that have a phrase starting with it
	things     *phrases          // head words of names of things: treaty, act, budget
	placeHeads *phrases          // head words of names of places: jail, street, heights
	chairHeads map[string]bool   // countries whose parties a chairman heads (lower-case)
}

var (
	lexOnce sync.Once
	lexVal  *lexicons
	lexErr  error
)

// loadLexicons parses the embedded lexicon files once.
func loadLexicons() (*lexicons, error) {
	lexOnce.Do(func() { lexVal, lexErr = readLexicons() })
	return lexVal, lexErr
}

func readLexicons() (*lexicons, error) {
	lx := &lexicons{places: map[string]place{}}
	load := func(file string, col int) (*phrases, error) {
		rows, err := lexicon.Lines(file)
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", file, err)
		}
		p := newPhrases()
		for _, r := range rows {
			cls := ""
			if col > 0 && len(r) > col {
				cls = strings.Join(r[col:], "/")
			}
			p.add(r[0], cls)
		}
		return p, nil
	}
	var err error
	for _, f := range []struct {
		dst  **phrases
		file string
		col  int
	}{
		{&lx.titles, "titles.txt", 1}, {&lx.roles, "roles.tsv", 1}, {&lx.roleMods, "role_modifiers.txt", 0},
		{&lx.former, "former.txt", 0}, {&lx.speech, "speech.tsv", 2}, {&lx.hedges, "hedges.txt", 0},
		{&lx.negations, "negation.txt", 0}, {&lx.orgCues, "orgcues.tsv", 1}, {&lx.splits, "splits.txt", 0},
		{&lx.departures, "departure.tsv", 1}, {&lx.stopNames, "stopnames.txt", 0},
		{&lx.givenNames, "givennames.tsv", 1}, {&lx.nameParts, "nameparts.txt", 0},
		{&lx.suffixes, "name_suffixes.txt", 0}, {&lx.things, "thingcues.txt", 0}, {&lx.placeHeads, "placecues.txt", 0},
	} {
		if *f.dst, err = load(f.file, f.col); err != nil {
			return nil, err
		}
	}
	lx.firstMask = map[string]uint32{}
	for i, p := range []*phrases{lx.titles, lx.roles, lx.roleMods, lx.former, lx.speech, lx.hedges, lx.negations,
		lx.orgCues, lx.splits, lx.departures, lx.stopNames, lx.givenNames, lx.nameParts, lx.suffixes, lx.things, lx.placeHeads} {
		p.bit = 1 << uint(i)
		for w := range p.first {
			lx.firstMask[w] |= p.bit
		}
	}
	// the extractor's own word sets share the mask, from bit 24 up
	for w := range leadVerbs {
		lx.firstMask[w] |= maskLead
	}
	for _, set := range []map[string]bool{copulaStart, appointWords} {
		for w := range set {
			lx.firstMask[w] |= maskCopula
		}
	}
	for _, w := range []string{"-", "leadership", "founded", "formed", "launched", "co-founded", "floated", "set", "setting", "sets",
		"led", "leads", "heads", "headed", "chairs", "helms", "helmed"} {
		lx.firstMask[w] |= maskLead
	}
	for w := range foundVerbs {
		lx.firstMask[w] |= maskLead
	}
	chairs, err := lexicon.ChairHeads()
	if err != nil {
		return nil, fmt.Errorf("lexicon chair_heads.txt: %w", err)
	}
	lx.chairHeads = chairs
	places, err := lexicon.Places()
	if err != nil {
		return nil, fmt.Errorf("lexicon places.tsv: %w", err)
	}
	for key, p := range places {
		// short capitalised forms (US, UP, KP) only match as written
		lx.places[strings.ToLower(key)] = place{Name: p.Name, Kind: p.Kind, Country: p.Country}
		if n := wordCount(key); n > lx.placeWords {
			lx.placeWords = n
		}
	}
	return lx, nil
}
