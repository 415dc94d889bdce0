package extract

import (
	"fmt"
	"strings"
	"sync"

	"github.com/factions/factions/extract/lexicon"
)

// class is a word class: a bit of a token's class mask. The phrase lists
// take the low bits (set when a phrase of the list starts with the word);
// the single-word classes of words.tsv take the bits above them.
type class uint8

// Phrase lists: the bit says that a phrase of the list starts with the word.
const (
	cTitle class = iota
	cRole
	cRoleMod
	cFormer
	cSpeech
	cHedge
	cNegation
	cOrgCue
	cSplit
	cDeparture
	cStopName
	cGivenName
	cNamePart
	cSuffix
	cThing
	cPlaceHead
	cTrigger  // relations.tsv: a relation trigger starts with the word
	cRoleLast // roles.tsv: a role phrase ends with the word
	nPhraseClasses
)

// Single-word classes of words.tsv, in the order of wordClassNames.
const (
	cAux class = nPhraseClasses + iota
	cCopulaAdverb
	cAppoint
	cDet
	cKin
	cSentenceAdverb
	cRoleAdjective
	cLeadModifier
	cDeathNoun
	cSplinter
	cRunVerb
	cBranch
	cBodyNoun
	cBodyStop
	cDirection
	cGenericOrg
	cAcronymSkip
	cNPStop
	cChunkSkip
	cSpeechNoun
	cReportParticiple
	cNeedsThat
	cPrep
	cGroupNoun
	cFunction
	cMonth
	cDocument
	cStripTitle
	cPronounM
	cPronounF
	cPronounPlural
	cHyphenPrefix
	cHyphenSuffix
	nClasses
)

// wordClassNames are the class names of words.tsv, from cAux on.
var wordClassNames = []string{"aux", "copula-adverb", "appoint", "det", "kin", "sentence-adverb", "role-adjective",
	"lead-modifier", "death-noun", "splinter", "run-verb", "branch", "body-noun", "body-stop", "direction",
	"generic-org", "acronym-skip", "np-stop", "chunk-skip", "speech-noun", "report-participle", "needs-that", "prep",
	"group-noun", "function", "month", "document", "strip-title", "pronoun-m", "pronoun-f", "pronoun-plural",
	"hyphen-prefix", "hyphen-suffix"}

func init() {
	if int(nClasses) > 64 || len(wordClassNames) != int(nClasses-cAux) {
		panic("extract: word classes do not fit the 64-bit class mask")
	}
}

// phrases maps a lower-case phrase (words joined by single spaces) to its
// class; max is the longest phrase in words.
type phrases struct {
	m     map[string]string
	first map[string]bool // first words of the phrases, hyphen-joined ones split
	max   int
	bit   class // this list's bit in Token.mask
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
	if t := toks[i]; t.classed {
		if !t.Is(p.bit) {
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
	suffixes   *phrases // honorific suffixes after a name: bhai, sahib
	things     *phrases // head words of names of things: treaty, act, budget
	placeHeads *phrases // head words of names of places: jail, street, heights
	triggers   *phrases // relation triggers: class is the trigger's family
	// classes maps a word to its class mask: the phrase lists that have a
	// phrase starting with it and its words.tsv classes
	classes    map[string]uint64
	chairHeads map[string]bool // countries whose parties a chairman heads (lower-case)
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
	lx := &lexicons{places: map[string]place{}, classes: map[string]uint64{}}
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
	for _, f := range []struct {
		dst  **phrases
		file string
		col  int
		bit  class
	}{
		{&lx.titles, "titles.txt", 1, cTitle}, {&lx.roles, "roles.tsv", 1, cRole},
		{&lx.roleMods, "role_modifiers.txt", 0, cRoleMod}, {&lx.former, "former.txt", 0, cFormer},
		{&lx.speech, "speech.tsv", 2, cSpeech}, {&lx.hedges, "hedges.txt", 0, cHedge},
		{&lx.negations, "negation.txt", 0, cNegation}, {&lx.orgCues, "orgcues.tsv", 1, cOrgCue},
		{&lx.splits, "splits.txt", 0, cSplit}, {&lx.departures, "departure.tsv", 1, cDeparture},
		{&lx.stopNames, "stopnames.txt", 0, cStopName}, {&lx.givenNames, "givennames.tsv", 1, cGivenName},
		{&lx.nameParts, "nameparts.txt", 0, cNamePart}, {&lx.suffixes, "name_suffixes.txt", 0, cSuffix},
		{&lx.things, "thingcues.txt", 0, cThing}, {&lx.placeHeads, "placecues.txt", 0, cPlaceHead},
		{&lx.triggers, "relations.tsv", 1, cTrigger},
	} {
		p, err := load(f.file, f.col)
		if err != nil {
			return nil, err
		}
		p.bit = f.bit
		for w := range p.first {
			lx.classes[w] |= 1 << f.bit
		}
		*f.dst = p
	}
	for phrase := range lx.roles.m {
		lx.classes[lastWord(phrase)] |= 1 << cRoleLast
	}
	if err := lx.readWordClasses(); err != nil {
		return nil, err
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

// readWordClasses reads words.tsv into the class masks.
func (lx *lexicons) readWordClasses() error {
	rows, err := lexicon.Lines("words.tsv")
	if err != nil {
		return fmt.Errorf("lexicon words.tsv: %w", err)
	}
	bits := map[string]class{}
	for i, n := range wordClassNames {
		bits[n] = cAux + class(i)
	}
	for _, r := range rows {
		if len(r) != 2 {
			return fmt.Errorf("lexicon words.tsv: %q: want word<TAB>classes", strings.Join(r, "\t"))
		}
		for _, c := range strings.Fields(r[1]) {
			b, ok := bits[c]
			if !ok {
				return fmt.Errorf("lexicon words.tsv: %s: unknown class %q", r[0], c)
			}
			lx.classes[strings.ToLower(r[0])] |= 1 << b
		}
	}
	return nil
}

// is reports whether a lower-case word has the single-word class c.
func (lx *lexicons) is(norm string, c class) bool { return lx.classes[norm]&(1<<c) != 0 }
