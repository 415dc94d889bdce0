package extract

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/factions/factions/extract/lexicon"
)

// This file builds the word lists from the lexicon files, through the
// lexicon package's typed accessors, and writes them as lextables.go
// (`go generate`, which runs TestLexTables with -genlex).

var genlex = flag.Bool("genlex", false, "rewrite lextables.go from the lexicon files")

const lexTablesFile = "lextables.go"

// TestLexTables checks that lextables.go is what the lexicon files give.
func TestLexTables(t *testing.T) {
	src, err := genLexTables()
	if err != nil {
		t.Fatal(err)
	}
	if *genlex {
		if err := os.WriteFile(lexTablesFile, src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile(lexTablesFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(old, src) {
		t.Fatalf("%s is not what the lexicon files give: run go generate ./extract/", lexTablesFile)
	}
}

// TestLexTablesLookup checks the compiled tables against the maps they are
// built from, key by key, and that other strings are not found.
func TestLexTablesLookup(t *testing.T) {
	b, err := buildLexicons()
	if err != nil {
		t.Fatal(err)
	}
	lx, err := loadLexicons()
	if err != nil {
		t.Fatal(err)
	}
	checkWords(t, lx, b)
	checkLists(t, lx, b)
	checkPlaces(t, lx, b)
	checkParties(t, lx, b)
	checkDerived(t, lx)
}

// checkDerived checks the tables the generator works out from the others
// (the short words, each phrase list's next words) against what the
// compiled word and phrase tables give.
func checkDerived(t *testing.T, lx *lexicons) {
	short, entries := lx.words.shortWords()
	if *short != *lx.short || !slices.Equal(entries, lx.shortEntries) {
		t.Errorf("the short words are not those of the word table (%d entries, want %d)", len(lx.shortEntries), len(entries))
	}
	for _, l := range phraseLists {
		p := *l.list(lx)
		if want := nextOf(&p.strTable, lx.words); !slices.Equal(p.next, want) {
			t.Errorf("list %s: next words %x, want %x", l.name, p.next, want)
		}
	}
}

func checkWords(t *testing.T, lx *lexicons, b *lexBuild) {
	if lx.words.len() != len(b.classes) {
		t.Errorf("words: %d keys, want %d", lx.words.len(), len(b.classes))
	}
	for w, m := range b.classes {
		if e, ok := lx.words.lookup(w); !ok || e.norm != w || e.mask != m {
			t.Errorf("word %q: %v %q %v, want %v", w, ok, e.norm, e.mask, m)
		}
		if e, ok := lx.words.lookupBytes([]byte(w)); !ok || e.norm != w || e.mask != m {
			t.Errorf("word %q as bytes: %v %q %v, want %v", w, ok, e.norm, e.mask, m)
		}
	}
	for _, w := range []string{"", "zzqx", "said hello", "Said", "an unknown word longer than eight bytes"} {
		if _, known := b.classes[w]; known {
			continue
		}
		if _, ok := lx.words.lookup(w); ok {
			t.Errorf("word %q found", w)
		}
	}
}

func checkLists(t *testing.T, lx *lexicons, b *lexBuild) {
	for c, l := range b.lists {
		p := lx.list(c)
		if p.len() != len(l.m) || p.max != l.max || p.bit != c {
			t.Errorf("list %d: %d keys, max %d, bit %d; want %d, %d, %d", c, p.len(), p.max, p.bit, len(l.m), l.max, c)
		}
		for k, st := range l.m {
			if got := p.step(k); got != st {
				t.Errorf("list %d: %q: %+v, want %+v", c, k, got, st)
			}
			// hasTok and classTok read the token's bit first
			e, _ := lx.words.lookup(k)
			if st.phrase && !strings.Contains(k, " ") && !e.mask.has(c) {
				t.Errorf("list %d: one-word phrase %q lacks the list's bit", c, k)
			}
			// and then the step the word table holds for its key
			if tok := (Token{Norm: e.norm, mask: e.mask, word: e.id}); e.mask.has(c) && p.first(&tok) != st {
				t.Errorf("list %d: %q: first step %+v, want %+v", c, k, p.first(&tok), st)
			}
		}
		if got := p.step("zzqx zzqx"); got != (phraseStep{}) {
			t.Errorf("list %d: unknown phrase: %+v", c, got)
		}
	}
	if !slices.Equal(lx.placeEndings, b.placeEndings) {
		t.Errorf("place endings %q, want %q", lx.placeEndings, b.placeEndings)
	}
}

func checkPlaces(t *testing.T, lx *lexicons, b *lexBuild) {
	if lx.places.len() != len(b.places) || lx.places.words != b.placeWords {
		t.Errorf("places: %d keys, %d words; want %d, %d", lx.places.len(), lx.places.words, len(b.places), b.placeWords)
	}
	for k, p := range b.places {
		got, ok := lx.places.get(k)
		if !ok || got.Name != p.Name || got.Kind != p.Kind || got.Country != p.Country || !slices.Equal(got.countries, p.countries) {
			t.Errorf("place %q: %+v, want %+v", k, got, p)
		}
	}
}

func checkParties(t *testing.T, lx *lexicons, b *lexBuild) {
	ps, err := lexicon.Parties()
	if err != nil {
		t.Fatal(err)
	}
	if lx.parties.len() != len(b.partyForms) {
		t.Errorf("parties: %d keys, want %d", lx.parties.len(), len(b.partyForms))
	}
	for k, refs := range b.partyForms {
		got := lx.parties.get(k)
		if len(got) != len(refs) {
			t.Errorf("party key %q: %d forms, want %d", k, len(got), len(refs))
			continue
		}
		for i, r := range refs {
			if got[i] != (partyForm{party: &ps[r.party], ambiguous: r.ambiguous, caps: r.caps}) {
				t.Errorf("party key %q form %d: %s %v %v, want %s %v %v", k, i, got[i].party.Name, got[i].ambiguous, got[i].caps,
					ps[r.party].Name, r.ambiguous, r.caps)
			}
		}
	}
	if got := lx.parties.get("zzqx"); got != nil {
		t.Errorf("unknown party key: %v", got)
	}
}

// phraseLists are the phrase lists in the order of their bits, with the
// lexicons field each fills.
var phraseLists = []struct {
	bit  class
	name string
	list func(*lexicons) **phrases
}{
	{cTitle, "titles", func(lx *lexicons) **phrases { return &lx.titles }},
	{cRole, "roles", func(lx *lexicons) **phrases { return &lx.roles }},
	{cRoleMod, "roleMods", func(lx *lexicons) **phrases { return &lx.roleMods }},
	{cFormer, "former", func(lx *lexicons) **phrases { return &lx.former }},
	{cSpeech, "speech", func(lx *lexicons) **phrases { return &lx.speech }},
	{cHedge, "hedges", func(lx *lexicons) **phrases { return &lx.hedges }},
	{cNegation, "negations", func(lx *lexicons) **phrases { return &lx.negations }},
	{cOrgCue, "orgCues", func(lx *lexicons) **phrases { return &lx.orgCues }},
	{cSplit, "splits", func(lx *lexicons) **phrases { return &lx.splits }},
	{cDeparture, "departures", func(lx *lexicons) **phrases { return &lx.departures }},
	{cStopName, "stopNames", func(lx *lexicons) **phrases { return &lx.stopNames }},
	{cGivenName, "givenNames", func(lx *lexicons) **phrases { return &lx.givenNames }},
	{cNamePart, "nameParts", func(lx *lexicons) **phrases { return &lx.nameParts }},
	{cSuffix, "suffixes", func(lx *lexicons) **phrases { return &lx.suffixes }},
	{cThing, "things", func(lx *lexicons) **phrases { return &lx.things }},
	{cPlaceHead, "placeHeads", func(lx *lexicons) **phrases { return &lx.placeHeads }},
	{cTrigger, "triggers", func(lx *lexicons) **phrases { return &lx.triggers }},
	{cInstitution, "institutions", func(lx *lexicons) **phrases { return &lx.institutions }},
	{cOutlet, "outlets", func(lx *lexicons) **phrases { return &lx.outlets }},
}

// list returns the phrase list of bit c.
func (lx *lexicons) list(c class) *phrases {
	for _, l := range phraseLists {
		if l.bit == c {
			return *l.list(lx)
		}
	}
	return nil
}

// lexBuild is the word lists as maps, built from the lexicon files.
type lexBuild struct {
	lists        map[class]*phraseList
	placeEndings []string
	classes      map[string]classMask
	places       map[string]place
	placeWords   int
	partyForms   map[string][]partyRef
}

// phraseList is a phrase list being built: each phrase and each start of
// one that ends before a space or hyphen or with a hyphen.
type phraseList struct {
	m     map[string]phraseStep
	first map[string]bool // first words of the phrases, hyphen-joined ones split
	max   int
}

func (p *phraseList) add(phrase, class string) {
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

// mark adds the class c to the word w.
func (b *lexBuild) mark(w string, c class) { b.classes[w] = b.classes[w].with(c) }

// buildLexicons reads the word lists from the lexicon files into maps.
func buildLexicons() (*lexBuild, error) {
	b := &lexBuild{classes: map[string]classMask{}}
	var err error
	if b.lists, err = readPhraseLists(); err != nil {
		return nil, err
	}
	for _, l := range phraseLists {
		for w := range b.lists[l.bit].first {
			b.mark(w, l.bit)
		}
	}
	// "-pur" lines of placecues.txt are endings of one-word place names
	heads := b.lists[cPlaceHead]
	for w, st := range heads.m {
		if st.phrase && strings.HasPrefix(w, "-") {
			b.placeEndings = append(b.placeEndings, w[1:])
			delete(heads.m, w)
			delete(heads.first, w)
			b.classes[w] = b.classes[w].without(cPlaceHead)
		}
	}
	slices.Sort(b.placeEndings)
	for phrase, st := range b.lists[cRole].m {
		if st.phrase {
			b.mark(lastWord(phrase), cRoleLast)
		}
	}
	// the words match reads on at: each part of a key that follows a space
	// or hyphen and holds no space
	for _, l := range phraseLists {
		for k := range b.lists[l.bit].m {
			for p := 0; p < len(k); p++ {
				if tail := k[p+1:]; (k[p] == ' ' || k[p] == '-') && tail != "" && !strings.Contains(tail, " ") {
					b.mark(tail, cPhraseNext)
				}
			}
		}
	}
	if err := b.readWordClasses(); err != nil {
		return nil, err
	}
	if err := b.readParties(); err != nil {
		return nil, err
	}
	if err := b.readPlaces(); err != nil {
		return nil, err
	}
	return b, nil
}

// readPlaces builds one table of places: each name's usual reading and the
// countries of all its readings.
func (b *lexBuild) readPlaces() error {
	all, err := lexicon.PlacesAll()
	if err != nil {
		return err
	}
	b.places = make(map[string]place, len(all))
	for key, ps := range all {
		p := lexicon.BestPlace(ps)
		pl := place{Name: p.Name, Kind: p.Kind, Country: p.Country}
		for _, r := range ps {
			if c := strings.ToLower(r.Country); c != "-" && c != "" && !slices.Contains(pl.countries, c) {
				pl.countries = append(pl.countries, c)
			}
		}
		b.places[key] = pl
		if n := wordCount(key); n > b.placeWords {
			b.placeWords = n
		}
	}
	return nil
}

// readPhraseLists reads the phrase lists through the lexicon package's
// typed accessors, each phrase with its class as the stages match it
// ("head/org" for a role, "left/from" for a departure).
func readPhraseLists() (map[class]*phraseList, error) {
	lists := map[class]*phraseList{}
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
func phrasesOf[V any](m map[string]V, f func(V) string) *phraseList {
	p := &phraseList{m: make(map[string]phraseStep, len(m)), first: make(map[string]bool, len(m))}
	for _, k := range sortedKeys(m) {
		p.add(k, f(m[k]))
	}
	return p
}

// readWordClasses reads words.tsv into the class masks.
func (b *lexBuild) readWordClasses() error {
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
			bit, ok := bits[c]
			if !ok {
				return fmt.Errorf("lexicon words.tsv: %s: unknown class %q", w, c)
			}
			b.mark(w, bit)
		}
	}
	return nil
}

// readParties indexes parties.tsv by the PartyKey of each name and variant,
// and marks the first word of each (as the tokenizer cuts it) with cParty.
// It tokenizes with the word classes read so far, as the tokenizer splits
// words by their words.tsv classes only.
func (b *lexBuild) readParties() error {
	ps, err := lexicon.Parties()
	if err != nil {
		return err
	}
	if len(ps) >= 1<<16 {
		return fmt.Errorf("lexicon parties.tsv: %d parties, more than a partyRef holds", len(ps))
	}
	words := wordTableOf(b.classes)
	lx := &lexicons{words: &words}
	lx.ascii = lx.lookupASCII()
	b.partyForms = map[string][]partyRef{}
	for i := range ps {
		p := &ps[i]
		for _, n := range p.Names() {
			k := lexicon.PartyKey(n)
			f := partyRef{party: uint16(i), ambiguous: p.IsAmbiguous(n), caps: shortAcronym(n)}
			if l := b.partyForms[k]; len(l) > 0 && int(l[len(l)-1].party) == i {
				// one party, two spellings of one key: the plainer reading wins
				l[len(l)-1].ambiguous = l[len(l)-1].ambiguous && f.ambiguous
				l[len(l)-1].caps = l[len(l)-1].caps && f.caps
				continue
			}
			b.partyForms[k] = append(b.partyForms[k], f)
			if toks := lx.tokenize(n, Span{Start: 0, End: len(n)}); len(toks) > 0 {
				for _, first := range izafat(toks[0].Norm) {
					b.mark(first, cParty)
				}
				for _, last := range izafat(toks[len(toks)-1].Norm) {
					b.mark(last, cPartyLast)
					if len(toks) == 1 && !f.ambiguous && !f.caps {
						b.mark(last, cPartySelf)
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

// sortedKeys returns the keys of m, sorted.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// strTableOf lays the keys out as a strTable, in their order.
func strTableOf(keys []string) strTable {
	if len(keys) >= 1<<16-1 {
		panic(fmt.Sprintf("strTableOf: %d keys, more than a slot holds", len(keys)))
	}
	var t strTable
	var sb strings.Builder
	n := 1
	for n < len(keys)*3/2 {
		n *= 2
	}
	t.slots = make([]uint32, n)
	t.offs = make([]uint32, len(keys)+1)
	for i, k := range keys {
		sb.WriteString(k)
		t.offs[i+1] = uint32(sb.Len())
		h := strHash(k)
		slot := h & uint32(n-1)
		for t.slots[slot] != 0 {
			slot = (slot + 1) & uint32(n-1)
		}
		t.slots[slot] = h&^0xffff | uint32(i+1)
	}
	t.keys = sb.String()
	return t
}

// wordTableOf makes the word table of the class masks.
func wordTableOf(classes map[string]classMask) wordTable {
	keys := sortedKeys(classes)
	w := wordTable{strTable: strTableOf(keys), masks: make([]classMask, len(keys))}
	for i, k := range keys {
		w.masks[i] = classes[k]
	}
	return w
}

// listSteps is a phrase list laid out as its phrases table: its keys,
// sorted, their steps and the classes the steps index.
type listSteps struct {
	keys    []string
	steps   []uint16
	classes []string
	of      map[string]uint16 // the step of each key
}

// build lays out the list pl.
func (ls *listSteps) build(pl *phraseList) error {
	ls.keys = sortedKeys(pl.m)
	ls.steps = make([]uint16, len(ls.keys))
	ls.of = make(map[string]uint16, len(ls.keys))
	idx := map[string]int{}
	for i, k := range ls.keys {
		st := pl.m[k]
		c, ok := idx[st.class]
		if !ok {
			c = len(ls.classes)
			idx[st.class] = c
			ls.classes = append(ls.classes, st.class)
		}
		if c >= moreBit {
			return fmt.Errorf("%d classes", len(ls.classes))
		}
		ls.steps[i] = uint16(c)
		if st.phrase {
			ls.steps[i] |= phraseBit
		}
		if st.more {
			ls.steps[i] |= moreBit
		}
		ls.of[k] = ls.steps[i]
	}
	return nil
}

// addFirstSteps gives each word its steps in the phrase lists whose bits
// its mask has (stepOf, by list bit): a word with the bit of a list must
// be a key of it.
func (w *wordTable) addFirstSteps(stepOf map[class]map[string]uint16) error {
	w.firstAt = make([]uint32, w.len())
	for i := range w.len() {
		w.firstAt[i] = uint32(len(w.firstSteps))
		for c := class(0); c < nPhraseClasses; c++ {
			if !w.masks[i].has(c) {
				continue
			}
			var st uint16
			if of, ok := stepOf[c]; ok {
				if st, ok = of[w.key(i)]; !ok {
					return fmt.Errorf("word %q has the bit of list %d but is none of its keys", w.key(i), c)
				}
			}
			w.firstSteps = append(w.firstSteps, st)
		}
	}
	return nil
}

// genLexTables returns the source of lextables.go.
func genLexTables() ([]byte, error) {
	b, err := buildLexicons()
	if err != nil {
		return nil, err
	}
	var g gen
	g.p("// Code generated by \"go test -run ^TestLexTables$ -genlex\"; DO NOT EDIT.\n")
	g.p("// The word lists of the lexicon files (lexicon/*.tsv, *.txt), compiled by lexgen_test.go.\n\n")
	g.p("package extract\n\n")
	g.p("import \"unicode/utf8\"\n\n")
	g.p("// lexTables returns the compiled word lists.\n")
	g.p("func lexTables() *lexicons {\n")
	g.p("return &lexicons{\n")
	g.p("places: &lexPlaces,\nwords: &lexWords,\nascii: &lexASCII,\nshort: &lexShort,\nshortEntries: lexShortEntries,\nparties: &lexParties,\nplaceEndings: %#v,\n", b.placeEndings)
	for _, l := range phraseLists {
		g.p("%s: &lex%s,\n", l.name, strings.ToUpper(l.name[:1])+l.name[1:])
	}
	g.p("}\n}\n\n")

	lists := make([]listSteps, len(phraseLists))
	stepOf := map[class]map[string]uint16{}
	for li, l := range phraseLists {
		if err := lists[li].build(b.lists[l.bit]); err != nil {
			return nil, fmt.Errorf("phrase list %s: %w", l.name, err)
		}
		stepOf[l.bit] = lists[li].of
	}
	words := wordTableOf(b.classes)
	if err := words.addFirstSteps(stepOf); err != nil {
		return nil, err
	}
	g.p("var lexWords = wordTable{\nstrTable: ")
	g.table(words.strTable)
	g.p(",\nmasks: []classMask{")
	for i, m := range words.masks {
		g.wrap(i, 4)
		g.p("{%#x, %#x, %#x}, ", m[0], m[1], m[2])
	}
	g.p("},\nfirstAt: ")
	g.uints(words.firstAt)
	g.p(",\nfirstSteps: ")
	g.uints(words.firstSteps)
	g.p(",\n}\n\n")

	short, entries := words.shortWords()
	g.p("var lexShort = [shortCodes]uint16")
	keyedInts(&g, short[:], 8, "%d")
	g.p("\n\nvar lexShortEntries = []lexWord{\n")
	for _, e := range entries {
		g.lexWord(e)
	}
	g.p("}\n\n")

	// each ASCII character as a word of its own, for the tokenizer's
	// punctuation: looked up here rather than at every start
	lx := &lexicons{words: &words}
	g.p("var lexASCII = [utf8.RuneSelf]lexWord{\n")
	for _, e := range lx.lookupASCII() {
		g.lexWord(e)
	}
	g.p("}\n\n")

	for li, l := range phraseLists {
		ls := &lists[li]
		g.p("var lex%s = phrases{\nstrTable: ", strings.ToUpper(l.name[:1])+l.name[1:])
		t := strTableOf(ls.keys)
		g.table(t)
		g.p(",\nsteps: ")
		g.uints(ls.steps)
		g.p(",\nnext: ")
		g.bits(nextOf(&t, &words))
		g.p(",\nclasses: %#v,\nmax: %d,\nbit: %d,\nwords: &lexWords,\n}\n\n", ls.classes, b.lists[l.bit].max, l.bit)
	}

	keys := sortedKeys(b.places)
	g.p("var lexPlaces = placeTable{\nstrTable: ")
	g.table(strTableOf(keys))
	g.p(",\nvals: []place{\n")
	for _, k := range keys {
		p := b.places[k]
		g.p("{%q, %q, %q, %#v},\n", p.Name, p.Kind, p.Country, p.countries)
	}
	g.p("},\nwords: %d,\n}\n\n", b.placeWords)

	keys = sortedKeys(b.partyForms)
	var formEnds []uint16
	var refs []partyRef
	for _, k := range keys {
		refs = append(refs, b.partyForms[k]...)
		formEnds = append(formEnds, uint16(len(refs)))
	}
	g.p("var lexParties = partyTable{\nstrTable: ")
	g.table(strTableOf(keys))
	g.p(",\nformEnds: ")
	g.uints(formEnds)
	g.p(",\nrefs: []partyRef{")
	for i, r := range refs {
		g.wrap(i, 6)
		g.p("{%d, %t, %t}, ", r.party, r.ambiguous, r.caps)
	}
	g.p("},\n}\n")
	if g.err != nil {
		return nil, g.err
	}
	return format.Source(g.buf.Bytes())
}

// shortWords returns the table of the keys that have a shortCode: by its
// code, the key's place in entries + 1, 0 for a code that is no key; and
// the entries of those keys, as lookup gives them.
func (w *wordTable) shortWords() (*[shortCodes]uint16, []lexWord) {
	var t [shortCodes]uint16
	var entries []lexWord
	for i := range w.len() {
		if c, ok := shortCode(w.key(i)); ok {
			entries = append(entries, lexWord{norm: w.key(i), mask: w.masks[i], id: uint16(i + 1)})
			t[c] = uint16(len(entries))
		}
	}
	return &t, entries
}

// nextOf returns the next of the phrase list of the keys t (phrases.next):
// the words of words that follow a space or hyphen in a key and hold no
// space, a bit each by their key in words + 1, up to the last set.
func nextOf(t *strTable, words *wordTable) []uint64 {
	next := make([]uint64, words.len()/64+1)
	for i := range t.len() {
		k := t.key(i)
		for q := 0; q < len(k); q++ {
			tail := k[q+1:]
			if (k[q] != ' ' && k[q] != '-') || tail == "" || strings.Contains(tail, " ") {
				continue
			}
			if x := words.find(tail) + 1; x > 0 {
				next[x>>6] |= 1 << (x & 63)
			}
		}
	}
	for len(next) > 0 && next[len(next)-1] == 0 {
		next = next[:len(next)-1]
	}
	return next
}

// gen writes Go source.
type gen struct {
	buf bytes.Buffer
	err error
}

func (g *gen) p(format string, args ...any) { fmt.Fprintf(&g.buf, format, args...) }

// wrap starts a new line before every n-th element.
func (g *gen) wrap(i, n int) {
	if i%n == 0 {
		g.p("\n")
	}
}

// table writes a strTable literal, its keys as a sum of quoted pieces.
func (g *gen) table(t strTable) {
	g.p("strTable{\nkeys: ")
	if t.keys == "" {
		g.p(`""`)
	}
	for s := t.keys; s != ""; {
		n := min(len(s), 96)
		for n < len(s) && !utf8.RuneStart(s[n]) {
			n++
		}
		g.p("%s", strconv.Quote(s[:n]))
		if s = s[n:]; s != "" {
			g.p(" +\n")
		}
	}
	g.p(",\noffs: ")
	g.uints(t.offs)
	g.p(",\nslots: ")
	g.uints(t.slots)
	g.p(",\n}")
}

// lexWord writes a lexWord literal on a line of its own.
func (g *gen) lexWord(e lexWord) {
	g.p("{%q, classMask{%#x, %#x, %#x}, %d},\n", e.norm, e.mask[0], e.mask[1], e.mask[2], e.id)
}

// bits writes a bit set as a slice literal of its words that are not 0,
// each keyed by its index; nil when none is.
func (g *gen) bits(v []uint64) {
	if len(v) == 0 {
		g.p("nil")
		return
	}
	g.p("[]uint64")
	keyedInts(g, v, 4, "%#x")
}

// keyedInts writes the elements of v that are not 0 as the braces of a
// composite literal, each keyed by its index, n to a line.
func keyedInts[T uint16 | uint64](g *gen, v []T, n int, format string) {
	g.p("{")
	k := 0
	for i, x := range v {
		if x != 0 {
			g.wrap(k, n)
			g.p("%d: "+format+", ", i, x)
			k++
		}
	}
	g.p("}")
}

// uints writes a slice literal of unsigned integers, 16 to a line.
func (g *gen) uints(v any) {
	switch v := v.(type) {
	case []uint16:
		g.p("[]uint16{")
		for i, x := range v {
			g.wrap(i, 16)
			g.p("%d, ", x)
		}
	case []uint32:
		g.p("[]uint32{")
		for i, x := range v {
			g.wrap(i, 16)
			g.p("%d, ", x)
		}
	default:
		g.err = fmt.Errorf("uints: %T", v)
	}
	g.p("}")
}
