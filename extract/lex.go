package extract

import (
	"fmt"
	"slices"
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
func (m classMask) has(c class) bool { return m[c>>5]&(1<<(c&31)) != 0 }

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
func (m classMask) any(o classMask) bool {
	return m[0]&o[0] != 0 || m[1]&o[1] != 0 || m[2]&o[2] != 0
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
	cPartySelf // parties.tsv: the word alone names a party without context ("Tories")
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
	nClasses
)

// wordClassNames are the class names of words.tsv, from cAux on.
var wordClassNames = []string{"aux", "copula-adverb", "appoint", "det", "kin", "sentence-adverb", "role-adjective",
	"lead-modifier", "death-noun", "splinter", "run-verb", "branch", "body-noun", "body-stop", "direction",
	"generic-org", "acronym-skip", "np-stop", "chunk-skip", "speech-noun", "report-participle", "needs-that", "prep",
	"group-noun", "function", "month", "document", "strip-title", "pronoun-m", "pronoun-f", "pronoun-plural",
	"hyphen-prefix", "hyphen-suffix", "unit-level", "legislative", "discourse", "focus", "subordinator", "no-speaker",
	"person-noun", "subject-pronoun", "pronoun-neuter", "complementizer", "indefinite", "absolute", "infinitive", "furniture",
	"org-joiner", "coordinator", "seat", "institution-noun", "unit-modifier", "seat-noun", "peerage", "belonging", "work-noun",
	"place-noun", "poss-name", "claim-noun"}

func init() {
	if int(nClasses) > 96 || len(wordClassNames) != int(nClasses-cAux) {
		panic("extract: word classes do not fit the 96-bit class mask")
	}
}

// phrases maps a lower-case phrase (words joined by single spaces) to its
// class; max is the longest phrase in words.
type phrases struct {
	// m holds the phrases and every start of one that ends before a space
	// or hyphen or with a hyphen: match reads on while the words so far
	// start a longer phrase
	m     map[string]phraseStep
	first map[string]bool // first words of the phrases, hyphen-joined ones split
	max   int
	bit   class // this list's bit in Token.mask
}

// phraseStep is what some words are to a phrase list.
type phraseStep struct {
	class  string
	phrase bool // they are a phrase of the list
	more   bool // a longer phrase starts with them
}

func (p *phrases) add(phrase, class string) {
	if !plainPhrase(phrase) {
		phrase = strings.Join(strings.Fields(strings.ToLower(phrase)), " ")
	}
	if phrase == "" {
		return
	}
	st := p.m[phrase]
	if st.phrase {
		return
	}
	st.class, st.phrase = class, true
	p.m[phrase] = st
	for k := 1; k < len(phrase); k++ {
		if phrase[k] == ' ' || phrase[k] == '-' || phrase[k-1] == '-' {
			st := p.m[phrase[:k]]
			st.more = true
			p.m[phrase[:k]] = st
		}
	}
	first, _, _ := strings.Cut(phrase, " ")
	p.first[first] = true
	if k := strings.IndexByte(first, '-'); k > 0 {
		p.first[first[:k]] = true
	}
	// hyphens are separate tokens in text: "ex-" spans up to three tokens
	if n := strings.Count(phrase, " ") + 1 + strings.Count(phrase, "-"); n > p.max {
		p.max = n
	}
}

// plainPhrase reports whether s is lower-case ASCII words joined by single
// spaces, as add keeps a phrase.
func plainPhrase(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, 'A' <= c && c <= 'Z', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && s[i-1] == ' ':
			return false
		}
	}
	return true
}

func (p *phrases) has(s string) bool { return p.m[s].phrase }

func (p *phrases) class(s string) string { return p.m[s].class }

// match returns the length in tokens and the class of the longest phrase
// starting at toks[i], matched on the tokens' Norm. It reads on only while
// the words so far begin a longer phrase.
func (p *phrases) match(toks []Token, i int) (int, string) {
	if i >= len(toks) || !toks[i].Is(p.bit) {
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
		st := p.m[string(b)]
		if st.phrase {
			best, cls = n, st.class
		}
		if !st.more {
			break
		}
	}
	return best, cls
}

type place struct {
	Name, Kind, Country string
	countries           []string // of every reading of the name, lower-case
}

// lexicons holds the extractor's word lists, loaded once from the embedded files.
type lexicons struct {
	places       map[string]place // lower-case name
	placeWords   int
	titles       *phrases // class: honorific, rank, office
	roles        *phrases // class/scope "head/org"
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
	// classes maps a word to its class mask: the phrase lists that have a
	// phrase starting with it and its words.tsv classes
	classes    map[string]lexWord
	chairHeads map[string]bool // countries whose parties a chairman heads (lower-case)
	// countries whose papers call senior members of a party its leaders
	leaderMembers map[string]bool
	// the offices of a state or province (regional_offices.txt)
	regionalOffices map[string]bool
	legislatures    map[string][]lexicon.Legislature // what a legislature's members are called
	// partyForms maps the lexicon.PartyKey of every name and variant of
	// parties.tsv to the readings of the parties it names
	partyForms map[string][]partyForm
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

// loadLexicons parses the embedded lexicon files once.
func loadLexicons() (*lexicons, error) {
	lexOnce.Do(func() { lexVal, lexErr = readLexicons() })
	return lexVal, lexErr
}

func readLexicons() (*lexicons, error) {
	// the places table is built beside the rest, which does not read it
	places := make(chan placeTable, 1)
	go func() { places <- readPlaces() }()
	lx := &lexicons{classes: make(map[string]lexWord, 1<<14)}
	lists, err := readPhraseLists()
	if err != nil {
		return nil, err
	}
	for _, l := range []struct {
		dst **phrases
		bit class
	}{
		{&lx.titles, cTitle}, {&lx.roles, cRole}, {&lx.roleMods, cRoleMod}, {&lx.former, cFormer},
		{&lx.speech, cSpeech}, {&lx.hedges, cHedge}, {&lx.negations, cNegation}, {&lx.orgCues, cOrgCue},
		{&lx.splits, cSplit}, {&lx.departures, cDeparture}, {&lx.stopNames, cStopName},
		{&lx.givenNames, cGivenName}, {&lx.nameParts, cNamePart}, {&lx.suffixes, cSuffix},
		{&lx.things, cThing}, {&lx.placeHeads, cPlaceHead}, {&lx.triggers, cTrigger},
		{&lx.institutions, cInstitution}, {&lx.outlets, cOutlet},
	} {
		p := lists[l.bit]
		p.bit = l.bit
		for w := range p.first {
			lx.mark(w, l.bit)
		}
		*l.dst = p
	}
	// "-pur" lines of placecues.txt are endings of one-word place names
	for w, st := range lx.placeHeads.m {
		if st.phrase && strings.HasPrefix(w, "-") {
			lx.placeEndings = append(lx.placeEndings, w[1:])
			delete(lx.placeHeads.m, w)
			delete(lx.placeHeads.first, w)
			e := lx.classes[w]
			e.norm, e.mask = w, e.mask.without(cPlaceHead)
			lx.classes[w] = e
		}
	}
	slices.Sort(lx.placeEndings)
	for phrase, st := range lx.roles.m {
		if !st.phrase {
			continue
		}
		lx.mark(lastWord(phrase), cRoleLast)
	}
	if err := lx.readWordClasses(); err != nil {
		return nil, err
	}
	if lx.chairHeads, err = lexicon.ChairHeads(); err != nil {
		return nil, err
	}
	if lx.leaderMembers, err = lexicon.LeaderMembers(); err != nil {
		return nil, err
	}
	if lx.regionalOffices, err = lexicon.RegionalOffices(); err != nil {
		return nil, err
	}
	if lx.legislatures, err = lexicon.Legislatures(); err != nil {
		return nil, err
	}
	if err := lx.readParties(); err != nil {
		return nil, err
	}
	pl := <-places
	if pl.err != nil {
		return nil, pl.err
	}
	lx.places, lx.placeWords = pl.m, pl.words
	return lx, nil
}

// placeTable is the gazetteer as the extractor reads it.
type placeTable struct {
	m     map[string]place // by lower-case name
	words int              // the most words in a name
	err   error
}

// readPlaces builds one table of places: each name's usual reading and the
// countries of all its readings.
func readPlaces() placeTable {
	all, err := lexicon.PlacesAll()
	if err != nil {
		return placeTable{err: err}
	}
	t := placeTable{m: make(map[string]place, len(all))}
	for key, ps := range all {
		p := lexicon.BestPlace(ps)
		pl := place{Name: p.Name, Kind: p.Kind, Country: p.Country}
		for _, r := range ps {
			if c := strings.ToLower(r.Country); c != "-" && c != "" && !slices.Contains(pl.countries, c) {
				pl.countries = append(pl.countries, c)
			}
		}
		// short capitalised forms (US, UP, KP) only match as written
		t.m[key] = pl
		if n := wordCount(key); n > t.words {
			t.words = n
		}
	}
	return t
}

// readPhraseLists reads the phrase lists through the lexicon package's
// typed accessors, each phrase with its class as the stages match it
// ("head/org" for a role, "left/from" for a departure).
func readPhraseLists() (map[class]*phrases, error) {
	lists := map[class]*phrases{}
	set := func(c class, s lexicon.Set, err error) error {
		if err != nil {
			return err
		}
		lists[c] = phrasesOf(s, func(bool) string { return "" })
		return nil
	}
	classed := func(c class, m map[string]string) { lists[c] = phrasesOf(m, func(s string) string { return s }) }
	for _, l := range []struct {
		c    class
		load func() (lexicon.Set, error)
	}{
		{cRoleMod, lexicon.RoleModifiers}, {cFormer, lexicon.Former}, {cHedge, lexicon.Hedges},
		{cNegation, lexicon.Negations}, {cStopName, lexicon.StopNames}, {cSuffix, lexicon.NameSuffixes},
		{cThing, lexicon.ThingCues}, {cPlaceHead, lexicon.PlaceCues},
	} {
		s, err := l.load()
		if err := set(l.c, s, err); err != nil {
			return nil, err
		}
	}
	inst, err := lexicon.Institutions()
	if err != nil {
		return nil, err
	}
	lists[cInstitution] = phrasesOf(inst, func(in lexicon.Institution) string { return in.Country })
	outs, err := lexicon.Outlets()
	if err != nil {
		return nil, err
	}
	lists[cOutlet] = phrasesOf(outs, func(o lexicon.Outlet) string { return o.Country })
	titles, err := lexicon.Titles()
	if err != nil {
		return nil, err
	}
	lists[cTitle] = phrasesOf(titles, func(t lexicon.Title) string {
		if t.Ambiguous {
			return t.Class + "/ambiguous"
		}
		return t.Class
	})
	roles, err := lexicon.Roles()
	if err != nil {
		return nil, err
	}
	lists[cRole] = phrasesOf(roles, func(r lexicon.Role) string { return r.Class + "/" + r.Scope })
	speech, err := lexicon.Speech()
	if err != nil {
		return nil, err
	}
	lists[cSpeech] = phrasesOf(speech, func(s lexicon.SpeechForm) string { return s.Class })
	deps, err := lexicon.Departures()
	if err != nil {
		return nil, err
	}
	lists[cDeparture] = phrasesOf(deps, func(d lexicon.Departure) string { return d.Class + "/" + d.Object })
	cues, err := lexicon.OrgCues()
	if err != nil {
		return nil, err
	}
	lists[cOrgCue] = phrasesOf(cues, func(cs []string) string { return cs[0] }) // the first class listed
	given, err := lexicon.GivenNames()
	if err != nil {
		return nil, err
	}
	lists[cGivenName] = phrasesOf(given, func(gs []lexicon.GivenName) string { return gs[0].Gender + "/" + gs[0].Region })
	splits, err := lexicon.Splits()
	if err != nil {
		return nil, err
	}
	classed(cSplit, splits)
	parts, err := lexicon.NameParts()
	if err != nil {
		return nil, err
	}
	classed(cNamePart, parts)
	rels, err := lexicon.Relations()
	if err != nil {
		return nil, err
	}
	lists[cTrigger] = phrasesOf(rels, func(fams []string) string { return strings.Join(fams, " ") })
	return lists, nil
}

// phrasesOf makes a phrase list of the keys of m, each with the class f
// gives its value.
func phrasesOf[V any](m map[string]V, f func(V) string) *phrases {
	p := &phrases{m: make(map[string]phraseStep, len(m)), first: make(map[string]bool, len(m))}
	for k, v := range m {
		p.add(k, f(v))
	}
	return p
}

// readWordClasses reads words.tsv into the class masks.
func (lx *lexicons) readWordClasses() error {
	words, err := lexicon.WordClasses()
	if err != nil {
		return err
	}
	bits := map[string]class{}
	for i, n := range wordClassNames {
		bits[n] = cAux + class(i)
	}
	for w, cs := range words {
		for _, c := range cs {
			b, ok := bits[c]
			if !ok {
				return fmt.Errorf("lexicon words.tsv: %s: unknown class %q", w, c)
			}
			lx.mark(w, b)
		}
	}
	return nil
}

// readParties indexes parties.tsv by the PartyKey of each name and variant,
// and marks the first word of each (as the tokenizer cuts it) with cParty.
func (lx *lexicons) readParties() error {
	ps, err := lexicon.Parties()
	if err != nil {
		return err
	}
	lx.partyForms = map[string][]partyForm{}
	for i := range ps {
		p := &ps[i]
		for _, n := range p.Names() {
			k := lexicon.PartyKey(n)
			f := partyForm{party: p, ambiguous: p.IsAmbiguous(n), caps: shortAcronym(n)}
			if l := lx.partyForms[k]; len(l) > 0 && l[len(l)-1].party == p {
				// one party, two spellings of one key: the plainer reading wins
				l[len(l)-1].ambiguous = l[len(l)-1].ambiguous && f.ambiguous
				l[len(l)-1].caps = l[len(l)-1].caps && f.caps
				continue
			}
			lx.partyForms[k] = append(lx.partyForms[k], f)
			if toks := lx.tokenize(n, Span{Start: 0, End: len(n)}); len(toks) > 0 {
				for _, first := range izafat(toks[0].Norm) {
					lx.mark(first, cParty)
				}
				for _, last := range izafat(toks[len(toks)-1].Norm) {
					lx.mark(last, cPartyLast)
					if len(toks) == 1 && !f.ambiguous && !f.caps {
						lx.mark(last, cPartySelf)
					}
				}
			}
		}
	}
	return nil
}

// izafat returns a hyphenated word with its izafat spelt both ways, as
// lexicon.PartyKey folds it ("jamaat-e-islami", "jamaat-i-islami"), or the
// word alone.
func izafat(w string) []string {
	switch {
	case strings.Contains(w, "-e-"):
		return []string{w, strings.ReplaceAll(w, "-e-", "-i-")}
	case strings.Contains(w, "-i-"):
		return []string{w, strings.ReplaceAll(w, "-i-", "-e-")}
	}
	return []string{w}
}

// shortAcronym reports whether a party's form is an all-capitals acronym of
// at most four letters, which the text must write as it is (SAD, not "sad").
func shortAcronym(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			n++
		}
	}
	return n > 0 && n <= 4
}

// partiesOf returns the parties a name can mean, by its PartyKey; nil when
// it names none. Short acronyms count only when written in capitals.
func (lx *lexicons) partiesOf(name string) []partyForm {
	fs := lx.partyForms[lexicon.PartyKey(name)]
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
		p, ok := lx.places[strings.ToLower(name)]
		return p, ok
	}
	b := buf[:len(name)]
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 0x80:
			p, ok := lx.places[strings.ToLower(name)]
			return p, ok
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b[i] = c
	}
	p, ok := lx.places[string(b)]
	return p, ok
}

// party returns the party of parties.tsv that name names: the one of
// country (lower-case) when it is known, a form that needs context ("~")
// only then; else the only one. nil when none or several.
func (lx *lexicons) party(name, country string) *lexicon.Party {
	var found *lexicon.Party
	for _, f := range lx.partiesOf(name) {
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
func (lx *lexicons) is(norm string, c class) bool { return lx.classes[norm].mask.has(c) }

// lexWord is a lower-case word of the lexicons with its classes; tokens of
// the word share its form as their Norm.
type lexWord struct {
	norm string
	mask classMask
}

// mark adds the class c to the word w.
func (lx *lexicons) mark(w string, c class) {
	e := lx.classes[w]
	e.norm, e.mask = w, e.mask.with(c)
	lx.classes[w] = e
}
