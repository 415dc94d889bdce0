package extract

import (
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/factions/factions/extract/lexicon"
)

// class is a word class: a bit of a token's class mask. The phrase lists
// take the low bits (set when a phrase of the list starts with the word);
// the single-word classes of words.tsv take the bits above them.
type class uint8

// classMask is a set of word classes, one bit each: three 32-bit words
// keep a Token at 64 bytes.
type classMask [3]uint32

// has reports whether c is in the set.
func (m *classMask) has(c class) bool { return m[c>>5]&(1<<(c&31)) != 0 }

// with returns the set with c added.
func (m classMask) with(c class) classMask {
	m[c>>5] |= 1 << (c & 31)
	return m
}

// without returns the set with c removed.
func (m classMask) without(c class) classMask {
	m[c>>5] &^= 1 << (c & 31)
	return m
}

// any reports whether the set shares a class with o.
func (m *classMask) any(o classMask) bool {
	return m[0]&o[0]|m[1]&o[1]|m[2]&o[2] != 0
}

// maskOf returns the set of the classes given.
func maskOf(cs ...class) classMask {
	var m classMask
	for _, c := range cs {
		m = m.with(c)
	}
	return m
}

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
	cTrigger   // relations.tsv: a relation trigger starts with the word
	cRoleLast  // roles.tsv: a role phrase ends with the word
	cParty     // parties.tsv: a party's name or variant starts with the word
	cPartyLast // parties.tsv: a party's name or variant ends with the word
	cInstitution
	cOutlet
	cPartySelf  // parties.tsv: the word alone names a party without context ("Tories")
	cPhraseNext // a phrase of a list goes on with the word after a space or hyphen
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
	cUnitLevel
	cLegislative
	cDiscourse
	cFocus
	cSubordinator
	cNoSpeaker
	cPersonNoun
	cSubjectPronoun
	cPronounNeuter
	cComplementizer
	cIndefinite
	cAbsolute
	cInfinitive
	cFurniture
	cOrgJoiner
	cCoordinator
	cSeat
	cInstitutionNoun
	cUnitModifier
	cSeatNoun
	cPeerage
	cBelonging
	cWorkNoun
	cPlaceNoun
	cPossName
	cClaimNoun
	cPartyNoun
	nClasses
)

// Classes of a token's shape, set when the token is made (no word of the
// lexicons has them).
const (
	cCapital class = nClasses + iota // starts with an upper-case letter
	cAllCaps                         // two letters or more, none lower-case
	nTokenClasses
)

// wordClassNames are the class names of words.tsv, from cAux on.
var wordClassNames = []string{"aux", "copula-adverb", "appoint", "det", "kin", "sentence-adverb", "role-adjective",
	"lead-modifier", "death-noun", "splinter", "run-verb", "branch", "body-noun", "body-stop", "direction",
	"generic-org", "acronym-skip", "np-stop", "chunk-skip", "speech-noun", "report-participle", "needs-that", "prep",
	"group-noun", "function", "month", "document", "strip-title", "pronoun-m", "pronoun-f", "pronoun-plural",
	"hyphen-prefix", "hyphen-suffix", "unit-level", "legislative", "discourse", "focus", "subordinator", "no-speaker",
	"person-noun", "subject-pronoun", "pronoun-neuter", "complementizer", "indefinite", "absolute", "infinitive", "furniture",
	"org-joiner", "coordinator", "seat", "institution-noun", "unit-modifier", "seat-noun", "peerage", "belonging", "work-noun",
	"place-noun", "poss-name", "claim-noun", "party-noun"}

func init() {
	if int(nTokenClasses) > 96 || len(wordClassNames) != int(nClasses-cAux) {
		panic("extract: word classes do not fit the 96-bit class mask")
	}
}

// phrases is a phrase list: lower-case phrases (words joined by single
// spaces) with their classes; max is the longest phrase in words.
type phrases struct {
	// the phrases and every start of one that ends before a space or
	// hyphen or with a hyphen: match reads on while the words so far start
	// a longer phrase
	strTable
	steps   []uint16 // of each key: its class's index in classes, phraseBit and moreBit
	classes []string
	max     int
	bit     class      // this list's bit in Token.mask
	words   *wordTable // the table of the words whose mask has bit
	// the words match reads on at in this list, by their key in words + 1,
	// a bit each: the words of cPhraseNext that its keys hold after a
	// space or hyphen, worked out by the generator (nextOf); a word beyond
	// its end reads on at none
	next []uint64
}

// The flags of a phrases step.
const (
	phraseBit = 1 << 15 // the key is a phrase of the list
	moreBit   = 1 << 14 // a longer phrase starts with the key
)

// phraseStep is what some words are to a phrase list.
type phraseStep struct {
	class  string
	phrase bool // they are a phrase of the list
	more   bool // a longer phrase starts with them
}

// step returns what the words s are to the list.
func (p *phrases) step(s string) phraseStep { return p.stepAt(p.find(s)) }

// stepAt returns what the key i is to the list; nothing when i < 0.
func (p *phrases) stepAt(i int) phraseStep {
	if i < 0 {
		return phraseStep{}
	}
	return p.decode(p.steps[i])
}

// decode returns the phraseStep of a step of steps.
func (p *phrases) decode(st uint16) phraseStep {
	return phraseStep{class: p.classes[st&(moreBit-1)], phrase: st&phraseBit != 0, more: st&moreBit != 0}
}

// first returns what the token's word is to the list, which the token's
// mask has the bit of: the word table holds the step, found by the token's
// key and the phrase class bits below the list's.
func (p *phrases) first(t *Token) phraseStep { return p.decode(p.firstStep(t)) }

// firstStep is first's step, not decoded.
func (p *phrases) firstStep(t *Token) uint16 {
	w := p.words
	return w.firstSteps[w.firstAt[t.word-1]+uint32(bits.OnesCount32(t.mask[0]&(1<<p.bit-1)))]
}

// startsAt reports whether a phrase of the list may start at toks[i]: its
// mask has the list's bit. It is inlined, where match is not: a caller
// that tries many tokens tests it first.
func (p *phrases) startsAt(toks []Token, i int) bool {
	return i < len(toks) && toks[i].mask.has(p.bit)
}

// has reports whether s is a phrase of the list. It and class read the
// step of s themselves, rather than a decoded one (step): both are inlined.
func (p *phrases) has(s string) bool {
	i := p.find(s)
	return i >= 0 && p.steps[i]&phraseBit != 0
}

// class returns the class of s as a phrase of the list, or "".
func (p *phrases) class(s string) string {
	i := p.find(s)
	if i < 0 {
		return ""
	}
	return p.classes[p.steps[i]&(moreBit-1)]
}

// match returns the length in tokens and the class of the longest phrase
// starting at toks[i], matched on the tokens' Norm. It reads on only while
// the words so far begin a longer phrase.
func (p *phrases) match(toks []Token, i int) (int, string) {
	if i >= len(toks) || !toks[i].Is(p.bit) {
		return 0, ""
	}
	// the first word is looked up as it is: most phrases that start with
	// a word are that word alone
	best, cls := 0, ""
	st := p.firstStep(&toks[i])
	if st&phraseBit != 0 {
		best, cls = 1, p.classes[st&(moreBit-1)]
	}
	if st&moreBit == 0 || p.max < 2 || i+2 > len(toks) {
		return best, cls
	}
	if t := &toks[i+1]; !(t.Kind == Punct && t.Norm == "-") && t.Norm != "" && !p.goesOn(t) {
		return best, cls // the next word goes on with no phrase of the list (matchOn)
	}
	return p.matchOn(toks, i, best, cls)
}

// goesOn reports whether a phrase of the list goes on with the token's
// word after a space or hyphen: a word of cPhraseNext that some other list
// reads on at costs this one no look-up.
func (p *phrases) goesOn(t *Token) bool {
	x := int(t.word)
	return x>>6 < len(p.next) && p.next[x>>6]&(1<<(x&63)) != 0
}

// matchOn is match reading on from the first word, whose phrase is best
// words long, of class cls: the words so far are joined in a buffer and
// looked up.
func (p *phrases) matchOn(toks []Token, i, best int, cls string) (int, string) {
	var buf [128]byte
	b := append(buf[:0], toks[i].Norm...)
	for n := 2; n <= p.max && i+n <= len(toks); n++ {
		t := &toks[i+n-1]
		if t.Kind == Punct && t.Norm == "-" {
			// "ex-" style joins: try the phrase with the hyphen glued
			b = append(b, '-')
			continue
		}
		if t.Norm != "" && !p.goesOn(t) {
			break // no phrase of the list goes on with this word
		}
		if b[len(b)-1] != '-' {
			b = append(b, ' ')
		}
		b = append(b, t.Norm...)
		x := p.findBytes(b)
		if x < 0 {
			break // nothing of the list starts with the words
		}
		if st := p.steps[x]; st&phraseBit != 0 {
			best, cls = n, p.classes[st&(moreBit-1)]
		}
		if p.steps[x]&moreBit == 0 {
			break
		}
	}
	return best, cls
}

type place struct {
	Name, Kind, Country string
	countries           []string // of every reading of the name, lower-case
}

// lexicons holds the extractor's word lists, compiled from the lexicon
// files into lextables.go.
type lexicons struct {
	places       *placeTable // by lower-case name
	titles       *phrases    // class: honorific, rank, office
	roles        *phrases    // class/scope "head/org"
	roleMods     *phrases
	former       *phrases
	speech       *phrases // class: say, deny, doc
	hedges       *phrases
	negations    *phrases
	orgCues      *phrases // class: party, legislature, government, body, media
	splits       *phrases
	departures   *phrases // class: left, stepdown, joined, death
	stopNames    *phrases
	givenNames   *phrases
	nameParts    *phrases
	suffixes     *phrases // honorific suffixes after a name: bhai, sahib
	things       *phrases // head words of names of things: treaty, act, budget
	placeHeads   *phrases // head words of names of places: jail, street, heights
	placeEndings []string // endings of one-word place names: pur, abad, nagar
	institutions *phrases // buildings and streets that stand for an institution: Downing Street
	outlets      *phrases // news outlets without a media word: Dawn, Reuters
	triggers     *phrases // relation triggers: class is the trigger's family
	// words gives a word its class mask: the phrase lists that have a
	// phrase starting with it and its words.tsv classes
	words      *wordTable
	chairHeads map[string]bool // countries whose parties a chairman heads (lower-case)
	// countries whose papers call senior members of a party its leaders
	leaderMembers map[string]bool
	// the offices of a state or province (regional_offices.txt)
	regionalOffices map[string]bool
	// the presiding offices of a legislature (house_offices.txt)
	houseOffices map[string]bool
	legislatures map[string][]lexicon.Legislature // what a legislature's members are called
	// parties maps the lexicon.PartyKey of every name and variant of
	// parties.tsv to the readings of the parties it names
	parties *partyTable
	// the entry of each ASCII character as a word of its own (a token of
	// punctuation), looked up when the tables are generated
	ascii *[utf8.RuneSelf]lexWord
	// the words of one to three lower-case ASCII letters, by shortCode:
	// their place in shortEntries + 1, or 0, laid out by the generator
	// (shortWords)
	short        *[shortCodes]uint16
	shortEntries []lexWord
}

// partyForm is one party a name of parties.tsv can mean.
type partyForm struct {
	party     *lexicon.Party
	ambiguous bool // the form needs context to mean this party ("~Congress")
	caps      bool // a short all-capitals acronym, matched only as written (SAD, ACT)
}

var (
	lexOnce sync.Once
	lexVal  *lexicons
	lexErr  error
)

// loadLexicons returns the word lists: the compiled tables of lextables.go
// and the small tables read from their files, read once.
func loadLexicons() (*lexicons, error) {
	lexOnce.Do(func() { lexVal, lexErr = readLexicons(lexTables()) })
	return lexVal, lexErr
}

// readLexicons completes lx with the small tables that are read from their
// files.
func readLexicons(lx *lexicons) (*lexicons, error) {
	var err error
	if lx.chairHeads, err = lexicon.ChairHeads(); err != nil {
		return nil, err
	}
	if lx.leaderMembers, err = lexicon.LeaderMembers(); err != nil {
		return nil, err
	}
	if lx.regionalOffices, err = lexicon.RegionalOffices(); err != nil {
		return nil, err
	}
	if lx.houseOffices, err = lexicon.HouseOffices(); err != nil {
		return nil, err
	}
	if lx.legislatures, err = lexicon.Legislatures(); err != nil {
		return nil, err
	}
	return lx, nil
}

// lookupASCII looks up the ASCII characters as words of their own, for
// the tokenizer; the generated tables hold them looked up (lexASCII).
func (lx *lexicons) lookupASCII() *[utf8.RuneSelf]lexWord {
	var a [utf8.RuneSelf]lexWord
	for c := range a {
		a[c] = lx.normClasses(string(rune(c)))
	}
	return &a
}

// partiesOf returns the parties a name can mean, by its PartyKey; nil when
// it names none. Short acronyms count only when written in capitals.
func (lx *lexicons) partiesOf(name string) []partyForm {
	var buf [64]byte
	fs := lx.parties.getBytes(lexicon.AppendPartyKey(buf[:0], name))
	if len(fs) == 0 || !hasLower(name) {
		return fs
	}
	var out []partyForm
	for _, f := range fs {
		if !f.caps {
			out = append(out, f)
		}
	}
	return out
}

// hasLower reports whether s holds a lower-case letter.
func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// place returns the gazetteer's reading of a name, matched in lower case.
// An ASCII name is lower-cased on the stack: the lookup allocates nothing.
func (lx *lexicons) place(name string) (place, bool) {
	var buf [64]byte
	if len(name) > len(buf) {
		return lx.places.get(strings.ToLower(name))
	}
	b := buf[:len(name)]
	var all byte // the bytes together: not ASCII when its high bit is set
	for i := 0; i < len(name); i++ {
		c := name[i]
		all |= c
		b[i] = lowerByte[c]
	}
	if all >= utf8.RuneSelf {
		return lx.places.get(strings.ToLower(name))
	}
	i := lx.places.findBytes(b)
	if i < 0 {
		return place{}, false
	}
	return lx.places.vals[i], true
}

// lowerByte gives each byte in lower case: an ASCII capital's letter, any
// other byte itself.
var lowerByte = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// pickParty returns the party of parties.tsv that a name with the forms
// given (partiesOf) names: the one of country (lower-case) when it is
// known, a form that needs context ("~") only then; else the only one. nil
// when none or several.
func pickParty(forms []partyForm, country string) *lexicon.Party {
	var found *lexicon.Party
	for _, f := range forms {
		switch {
		case country != "" && strings.EqualFold(f.party.Country, country):
			return f.party
		case country != "" || f.ambiguous:
		case found != nil && found.Country != f.party.Country:
			return nil // "UDF": a party of several countries
		default:
			found = f.party
		}
	}
	return found
}

// is reports whether a lower-case word has the single-word class c.
func (lx *lexicons) is(norm string, c class) bool {
	e, _ := lx.words.lookup(norm)
	return e.mask.has(c)
}

// lexWord is a lower-case word of the lexicons with its classes; tokens of
// the word share its form as their Norm.
type lexWord struct {
	norm string
	mask classMask
	id   uint16 // the word's key in the word table + 1
}

// hasTok reports whether the token's Norm is a phrase of the list: a
// one-word phrase starts with its word, so a token without the list's bit
// is none and costs no look-up.
func (p *phrases) hasTok(t *Token) bool {
	return t.mask.has(p.bit) && p.firstStep(t)&phraseBit != 0
}

// hasFirstPart reports whether the part of the token's Norm before its
// first hyphen, or the Norm when it has none, is a phrase of the list; a
// Norm without a hyphen costs no look-up (hasTok).
func (p *phrases) hasFirstPart(t *Token) bool {
	if k := strings.IndexByte(t.Norm, '-'); k > 0 {
		return p.has(t.Norm[:k])
	}
	return p.hasTok(t)
}

// classTok returns the class of the token's Norm as a phrase of the list,
// or "".
func (p *phrases) classTok(t *Token) string {
	if !t.mask.has(p.bit) {
		return ""
	}
	return p.classes[p.firstStep(t)&(moreBit-1)]
}
