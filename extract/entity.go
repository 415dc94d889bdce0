package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factions/factions"
	"github.com/factions/factions/extract/lexicon"
)

// entity is one person, organisation or place of the article, as the
// entities stage resolves it.
type entity struct {
	name     string
	typ      factions.EntityType
	aliases  []string
	mentions []*ref
	first    int // offset of the first mention
	kind     orgKind
	gender   string // "m", "f", or "" when unknown
	removed  bool   // merged into another (during resolution only)
}

// orgKind says what kind of organisation an entity is.
type orgKind uint8

const (
	kindBody        orgKind = 1 << iota // an internal body of another (committee, wing, cell)
	kindLegislature                     // a parliament, assembly, council
	kindBranch                          // a local unit, linked to its party only by name
	kindPartyLike                       // a party or political group: an acronym or a party cue word
)

func (e *entity) addAlias(a string) {
	a = strings.TrimSpace(a)
	if a == "" || a == e.name {
		return
	}
	for _, x := range e.aliases {
		if x == a {
			return
		}
	}
	e.aliases = append(e.aliases, a)
}

// names returns the name and the aliases.
func (e *entity) names() []string { return append([]string{e.name}, e.aliases...) }

// eachName yields the name and the aliases, as names lists them, making no
// list: for a loop that changes no names.
func (e *entity) eachName(yield func(string) bool) {
	if !yield(e.name) {
		return
	}
	for _, a := range e.aliases {
		if !yield(a) {
			return
		}
	}
}

// ref is a mention as the entities stage resolved it: the entity it names
// and its type, which resolution may correct ("Galloway" the place is the
// person George Galloway).
type ref struct {
	*mention
	typ factions.EntityType
	ent *entity
	low string // the name in lower case, once lowerOf has read it
}

// entitySet is the result of the entities stage: the article's entities,
// each mention resolved to one, and indexes the later stages read.
type entitySet struct {
	*document
	ents     []*entity
	bySent   [][]*ref // per sentence, in token order
	all      []*ref   // in text order
	dateline *ref
	orgNames map[string]*entity // organisations by name and alias
	main     *entity            // the organisation the article is most about
	country  string             // the country the article is most about, lower-case
	factions []*ref             // mentions of factions ("X (Q)", "X-Q" of a named X), in text order
	orgFirst map[string]*entity // party-like organisations by the first word of their name
	atTok    [][]*ref           // per sentence with many mentions, the mention each token is part of (at)
}

// resolveEntities is the entities stage: it groups the mentions into
// entities (a surname or first name alone, a name with an honorific suffix,
// a title and surname, an acronym join the entity they abbreviate) and
// builds the indexes of the result.
func resolveEntities(d *document, ms *mentionSet) *entitySet {
	r := newResolver(d, ms)
	r.retypeNameWords()
	r.fullNames()
	r.placeVariants()
	r.personVariants()
	r.shortNames()
	r.acronyms()
	r.qualifiedNames()
	r.alternativeNames()
	r.partyVariants()
	r.canonicalNames()
	r.bodyAliases()
	r.levelUnits()
	return r.finish()
}

// resolver holds the entities stage's work in progress.
type resolver struct {
	*document
	refs     []*ref // every mention, text order
	bySent   [][]*ref
	dateline *ref
	ents     []*entity
	byKey    map[entityKey]*entity
	byWord   map[string][]*entity
	words    map[*entity][]string // personWords of the persons byWord indexes
	orgHeads map[string]*entity
	parties  map[*entity][]*lexicon.Party // the parties of the lexicon an organisation's names can mean
	acrCount map[string]int
}

// entityKey is an entity's type and lower-case name.
type entityKey struct {
	typ  factions.EntityType
	name string
}

func newResolver(d *document, ms *mentionSet) *resolver {
	if d.mem.byKey == nil {
		d.mem.byKey = map[entityKey]*entity{}
	}
	r := &resolver{document: d, byKey: d.mem.byKey, bySent: d.mem.refLists.take(len(ms.bySent))}
	n := 0
	for _, s := range ms.bySent {
		n += len(s)
	}
	refs := d.mem.refs.take(n)
	r.refs = d.mem.refPtrs.take(n)[:0]
	r.ents = d.mem.entPtrs.take(n)[:0] // room for an entity a mention
	for si, s := range ms.bySent {
		start := len(r.refs)
		for _, m := range s {
			x := &refs[len(r.refs)]
			*x = ref{mention: m, typ: m.typ}
			r.refs = append(r.refs, x)
			if m == ms.dateline {
				r.dateline = x
			}
		}
		if len(s) > 0 {
			r.bySent[si] = r.refs[start:len(r.refs):len(r.refs)]
		}
	}
	return r
}

func (r *resolver) newEnt(m *ref, name string) *entity {
	return r.newEntKey(m, name, entityKey{m.typ, r.lowerOf(m, name)})
}

// lowerOf returns name in lower case, the mention m's own name or another:
// the lower case of m's name is read once, the first time it is asked for.
func (r *resolver) lowerOf(m *ref, name string) string {
	if name != m.name {
		return r.lower(name)
	}
	if m.low == "" {
		m.low = r.lower(name)
	}
	return m.low
}

// newEntKey is newEnt for a name whose key the caller has made.
func (r *resolver) newEntKey(m *ref, name string, key entityKey) *entity {
	e := r.mem.entities.new(entity{name: name, typ: m.typ, first: m.span.Start})
	r.ents = append(r.ents, e)
	r.byKey[key] = e
	return e
}

func (r *resolver) attach(m *ref, e *entity) {
	m.ent = e
	if e.mentions == nil {
		e.mentions = r.mem.refPtrs.take(4)[:0] // room for most entities' mentions
	}
	e.mentions = append(e.mentions, m)
	e.addAlias(m.name)
}

// outerFields returns the first and the last of strings.Fields(s), which
// has one at least, without splitting the words between them.
func outerFields(s string) (first, last string) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return outerFieldsUTF8(s)
		}
	}
	// an ASCII s, as names mostly are: its spaces read in a table
	a, b := 0, len(s)
	for a < b && asciiSpace[s[a]] {
		a++
	}
	for b > a && asciiSpace[s[b-1]] {
		b--
	}
	s = s[a:b]
	first, last = s, s
	for i := 0; i < len(s); i++ {
		if asciiSpace[s[i]] {
			first = s[:i]
			break
		}
	}
	for i := len(s) - 1; i >= 0; i-- {
		if asciiSpace[s[i]] {
			last = s[i+1:]
			break
		}
	}
	return first, last
}

// outerFieldsUTF8 is outerFields for any s.
func outerFieldsUTF8(s string) (first, last string) {
	s = strings.TrimFunc(s, unicode.IsSpace)
	first, last = s, s
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		first = s[:i]
	}
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= 0 {
		_, n := utf8.DecodeRuneInString(s[i:])
		last = s[i+n:]
	}
	return first, last
}

// retypeNameWords makes a single word that is also the first or last name
// of a person named in full ("Galloway" in the headline, "George Galloway"
// in the text) that person, not the place of the same name.
func (r *resolver) retypeNameWords() {
	nameWords := emptied(&r.mem.nameWords)
	for _, m := range r.refs {
		if m.typ == factions.Person && m.j-m.i >= 2 {
			first, last := outerFields(r.lowerOf(m, m.name))
			nameWords[first], nameWords[last] = true, true
		}
	}
	for _, m := range r.refs {
		if m.typ == factions.Place && m.j-m.i == 1 && m != r.dateline && nameWords[r.lowerOf(m, m.name)] {
			// a country or continent is not a person's name ("Pakistan
			// Khappay" is a slogan)
			if p, ok := r.lx.place(m.name); ok && (p.Kind == "country" || p.Kind == "continent") {
				continue
			}
			m.typ = factions.Person
		}
	}
}

// fullNames makes the entities of multi-word persons, and of organisations
// and places, by exact name.
func (r *resolver) fullNames() {
	for _, m := range r.refs {
		if m.typ == factions.Person && m.j-m.i == 1 {
			continue
		}
		if m.typ == factions.Organization && r.droppedAcronym(m) {
			continue
		}
		name := m.name
		switch m.typ {
		case factions.Person:
			name = r.stripSuffix(m)
		case factions.Place:
			name = placeName(r.lx, name)
		}
		key := entityKey{m.typ, r.lowerOf(m, name)}
		e := r.byKey[key]
		// "Tariq Bhai" is the first name with a suffix: shortNames reads it
		if e == nil && m.typ == factions.Person && name != m.name && wordCount(name) == 1 {
			continue
		}
		if e == nil {
			e = r.newEntKey(m, name, key)
		}
		r.attach(m, e)
	}
}

// shortNames joins single-word persons and suffixed names to a full name,
// or to an organisation they name without its cue word ("Veritas" for the
// "Veritas Party").
func (r *resolver) shortNames() {
	r.indexPersonWords()
	r.indexOrgHeads()
	for _, m := range r.refs {
		if m.ent != nil || m.typ != factions.Person {
			continue
		}
		short := r.stripSuffix(m)
		if m.j-m.i == 1 && !m.titled {
			if o := r.orgHeads[r.lowerOf(m, short)]; o != nil {
				m.typ = factions.Organization
				r.attach(m, o)
				continue
			}
		}
		e := r.personFor(short, m)
		if e == nil {
			// a single name that joins no fuller one needs evidence: a
			// title, a speech verb after it, or a role before it
			if !m.titled && !m.named && !r.speaksNext(m) && !r.roleEndsAt(r.toks[m.s][:m.i], m.i) {
				continue
			}
			e = r.byKey[entityKey{factions.Person, r.lowerOf(m, short)}]
			if e == nil {
				e = r.newEnt(m, short)
			}
		}
		r.attach(m, e)
	}
}

// placeVariants makes one entity of the names the gazetteer gives one
// country ("UK", "Britain") and of a place and its initials when the
// gazetteer puts both in one country ("KP" of "Khyber Pakhtunkhwa").
func (r *resolver) placeVariants() {
	var places []*entity
	for _, e := range r.ents {
		if e.typ == factions.Place && !e.removed {
			places = append(places, e)
		}
	}
	for i, e := range places {
		pe, ok := r.lx.place(e.name)
		if !ok {
			continue
		}
		for _, f := range places[i+1:] {
			pf, ok := r.lx.place(f.name)
			if f.removed || !ok || pe.Country != pf.Country || pe.Country == "" || pe.Country == "-" {
				continue
			}
			switch {
			case pe.Kind == "country" && pf.Kind == "country":
				r.merge(e, f)
			case isUpperWord(f.name) && acronymWords(r.fields(e.name), f.name):
				r.merge(e, f)
			case isUpperWord(e.name) && acronymWords(r.fields(f.name), e.name):
				r.merge(f, e)
			}
		}
	}
}

// personWords returns the words of a person's name, lower-case, without
// initials ("H.D.", "R.") and leading honorifics ("Sardar", "Mian").
func (r *resolver) personWords(name string) []string {
	// the words are gathered in a buffer and copied out to the scratch
	out := r.mem.fieldBuf[:0]
	for w := range strings.FieldsFuncSeq(r.lower(name), func(c rune) bool { return c == ' ' || c == '.' }) {
		if utf8.RuneCountInString(w) == 1 {
			continue
		}
		if len(out) == 0 && r.lx.is(w, cTitle) && strings.HasPrefix(r.lx.titles.class(w), "honorific") {
			continue
		}
		out = append(out, w)
	}
	r.mem.fieldBuf = out[:0]
	if len(out) == 0 {
		return nil
	}
	w := r.mem.strs.take(len(out))
	copy(w, out)
	clear(out)
	return w
}

// personVariants merges the persons whose names are one name with and
// without a middle name, initials or an honorific ("Rafiq Zardan", "Rafiq
// Ahmed Zardan", "R. Rafiq Zardan", "Mian Rafiq Zardan"), or one name
// and its first words ("Rafiq Ahmed" of "Rafiq Ahmed Zardan"), into the
// fullest: when the shorter fits exactly one longer name.
func (r *resolver) personVariants() {
	var persons []*entity
	r.words = emptied(&r.mem.words)
	words, bare := r.words, emptied(&r.mem.bare)
	for _, e := range r.ents {
		if e.typ == factions.Person && !e.removed {
			w := r.personWords(e.name)
			words[e] = w
			if len(w) >= 2 {
				persons = append(persons, e)
				bare[e] = joinsTo(w, r.lower(e.name))
			}
		}
	}
	// a variant has the first word of the name it varies: each name is
	// held against the names of its first word only
	byFirst := emptied(&r.mem.byFirst)
	for _, e := range persons {
		l := byFirst[words[e][0]]
		if l == nil {
			l = r.mem.entPtrs.take(2)[:0]
		}
		byFirst[words[e][0]] = append(l, e)
	}
	for _, short := range persons {
		var into *entity
		for _, long := range byFirst[words[short][0]] {
			if long == short || long.removed || !nameVariant(words[short], words[long], bare[short] || bare[long]) ||
				len(words[short]) == len(words[long]) && len(short.name) > len(long.name) {
				// of two names of the same words the longer ("R. Rafiq Zardan") stays
				continue
			}
			if into != nil {
				into = nil // two people it could be
				break
			}
			into = long
		}
		if into == nil || short.removed {
			continue
		}
		// the fuller name stays, unless only a headline uses it ("Rafiq
		// Zardan Speaks" joins "Rafiq Zardan")
		if r.onlyInHeadlines(into) && !r.onlyInHeadlines(short) {
			into, short = short, into
		}
		r.merge(into, short)
	}
}

// onlyInHeadlines reports whether every mention of e is in a headline or
// subheading.
func (r *resolver) onlyInHeadlines(e *entity) bool {
	for _, m := range e.mentions {
		if !r.isHeadline(m.s) {
			return false
		}
	}
	return true
}

// nameVariant reports whether the words a name a shorter form of b: the
// same first word and either the same last word with a's words in b in
// order ("Rafiq Zardan", "Rafiq Ahmed Zardan"), or b's first words. Names
// of the same words are variants when one of them is bare: "Rafiq Zardan"
// and "R. Rafiq Zardan", not "R. Rafiq Zardan" and "K. Rafiq Zardan".
func nameVariant(a, b []string, bare bool) bool {
	switch {
	case a[0] != b[0] || len(a) > len(b):
		return false
	case len(a) == len(b):
		return bare && slices.Equal(a, b)
	case a[len(a)-1] != b[len(b)-1]:
		return slices.Equal(a, b[:len(a)])
	}
	k := 0
	for _, w := range b {
		if k < len(a) && w == a[k] {
			k++
		}
	}
	return k == len(a)
}

// indexPersonWords indexes the persons named in full by their first and
// last words.
func (r *resolver) indexPersonWords() {
	r.byWord = emptied(&r.mem.byWord)
	if r.words == nil {
		r.words = emptied(&r.mem.words)
	}
	for _, e := range r.ents {
		if e.typ != factions.Person {
			continue
		}
		w, ok := r.words[e]
		if !ok {
			w = r.personWords(e.name)
			r.words[e] = w
		}
		if len(w) >= 2 || len(w) == 1 && w[0] != r.lower(e.name) {
			// "R.Selvan" counts as a full name, by its surname
			r.indexWord(w[0], e)
			if w[len(w)-1] != w[0] {
				r.indexWord(w[len(w)-1], e)
			}
		}
	}
}

// indexWord adds e to the persons of the word w (byWord), whose lists
// start in room for two taken from the scratch.
func (r *resolver) indexWord(w string, e *entity) {
	l := r.byWord[w]
	if l == nil {
		l = r.mem.entPtrs.take(2)[:0]
	}
	r.byWord[w] = append(l, e)
}

// indexOrgHeads indexes the organisations whose name is a word followed by
// organisation cue words only ("Veritas Party", "Likud Party").
func (r *resolver) indexOrgHeads() {
	r.orgHeads = emptied(&r.mem.orgHeads)
	for _, e := range r.ents {
		if e.typ != factions.Organization {
			continue
		}
		w := r.fields(r.lower(e.name))
		if len(w) < 2 || r.lx.is(w[len(w)-1], cInstitutionNoun) && !capitalized(lastWord(e.name)) {
			continue // "the Lodhi government" gives no organisation "Lodhi"
		}
		rest := true
		for _, x := range w[1:] {
			if !r.lx.orgCues.has(x) {
				rest = false
			}
		}
		// "Pakistan" of the "Pakistan Peoples Party" names the country
		if _, place := r.lx.places.get(w[0]); place {
			continue
		}
		if _, seen := r.orgHeads[w[0]]; rest && !seen {
			r.orgHeads[w[0]] = e
		}
	}
}

// acronyms merges an acronym into the organisation it abbreviates, and a
// name given with its acronym in parentheses ("Full Name (ACR)").
func (r *resolver) acronyms() {
	// the organisations named by an acronym, in order; a merge changes no
	// name or type, so the list holds for the whole pass
	acrs := map[string][]*entity{} // by the acronym, hyphens dropped
	order := map[*entity]int{}
	for i, f := range r.ents {
		if a := strings.ReplaceAll(f.name, "-", ""); f.typ == factions.Organization && isUpperWord(a) {
			acrs[a] = append(acrs[a], f)
			order[f] = i
		}
	}
	for _, e := range r.ents {
		if len(acrs) == 0 {
			break // no acronym to join a name to
		}
		if e.typ != factions.Organization || e.removed || strings.ContainsAny(e.name, "()") || wordCount(e.name) < 2 ||
			isUpperWord(strings.ReplaceAll(e.name, "-", "")) {
			continue
		}
		caps, full := acronymForms(strings.FieldsFunc(e.name, func(r rune) bool { return r == ' ' || r == '-' }))
		found := acrs[full]
		if caps != "" && caps != full && len(acrs[caps]) > 0 {
			found = append(slices.Clip(found), acrs[caps]...)
			slices.SortFunc(found, func(a, b *entity) int { return order[a] - order[b] })
		}
		for _, f := range found {
			if f != e && !f.removed {
				r.merge(e, f)
			}
		}
	}
	var byName map[string][]*entity // by foldKey of the name
	for _, m := range r.refs {
		if m.ent == nil || m.alias == "" {
			continue
		}
		if byName == nil {
			byName = map[string][]*entity{}
			for _, f := range r.ents {
				k := foldKey(f.name)
				byName[k] = append(byName[k], f)
			}
		}
		for _, f := range byName[foldKey(m.alias)] {
			if f != m.ent && !f.removed && f.typ == m.ent.typ {
				r.merge(m.ent, f)
			}
		}
		m.ent.addAlias(m.alias)
	}
}

// foldKey returns s with each rune replaced by the least rune of its case
// folding orbit: two strings have one key exactly when strings.EqualFold
// holds of them.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		least := c
		for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}

// qualifiedNames makes "X (Q)" and "ACR (Q)" one faction when ACR names X:
// each gets the other's form as an alias, and two such entities merge.
func (r *resolver) qualifiedNames() {
	byName := map[string]*entity{}
	for _, e := range r.ents {
		if e.removed || e.typ != factions.Organization {
			continue
		}
		for n := range e.eachName {
			byName[n] = e
		}
	}
	for _, e := range r.ents {
		if e.removed || e.typ != factions.Organization {
			continue
		}
		k := strings.Index(e.name, " (")
		if k <= 0 || !strings.HasSuffix(e.name, ")") {
			continue
		}
		base, qual := e.name[:k], e.name[k:]
		p := byName[base]
		if p == nil || p == e {
			continue
		}
		for _, n := range p.names() {
			if n == base {
				continue
			}
			alt := n + qual
			if o := byName[alt]; o != nil && o != e && !o.removed {
				r.merge(e, o)
			}
			e.addAlias(alt)
		}
	}
}

// alternativeNames merges "the X (Q), or X-Q,": an alternative name after
// "or".
func (r *resolver) alternativeNames() {
	for _, m := range r.refs {
		if m.ent == nil || m.ent.removed || m.typ != factions.Organization {
			continue
		}
		toks := r.toks[m.s]
		if m.j+2 < len(toks) && toks[m.j].Norm == "," && toks[m.j+1].Norm == "or" {
			for _, o := range r.bySent[m.s] {
				if o.i == m.j+2 && o.ent != nil && o.ent != m.ent && !o.ent.removed && o.ent.typ == factions.Organization {
					r.merge(m.ent, o.ent)
				}
			}
		}
	}
}

// partyVariants makes the organisations that name one party of the party
// lexicon one entity ("Tories", "Conservatives" and "Conservative Party";
// "PTI" and its expansion when the article never spells it out), and
// attaches to it the single words that name it only with context ("Tory"
// in "Tory leader X"). A group of organisations merges only when one party
// of the lexicon fits every one of them ("Muslim League" beside two
// different Muslim Leagues stays apart).
func (r *resolver) partyVariants() {
	sets := map[*entity][]*lexicon.Party{}
	var orgs []*entity
	for _, e := range r.ents {
		if e.removed || e.typ != factions.Organization {
			continue
		}
		if !r.mayBeParty(e) {
			continue
		}
		var set []*lexicon.Party
		for n := range e.eachName {
			for _, f := range r.partiesOf(n) {
				set = addParty(set, f.party)
			}
		}
		if len(set) > 0 {
			sets[e] = set
			orgs = append(orgs, e)
		}
	}
	r.parties = sets
	for _, group := range partyGroups(orgs, sets) {
		common := sets[group[0]]
		for _, e := range group[1:] {
			common = intersectParties(common, sets[e])
		}
		if len(common) == 0 {
			continue
		}
		target := group[0]
		for _, e := range group[1:] {
			if w, tw := wordCount(e.name), wordCount(target.name); w > tw || w == tw && len(e.name) > len(target.name) {
				target = e // the fullest name: "Congress" over "Cong"
			}
		}
		for _, e := range group {
			r.merge(target, e)
		}
		sets[target] = common
	}
	r.partyWords(sets)
}

// mayBeParty reports whether a name of e can be a party's in the lexicon:
// a word of it opens a party's name or is an organisation cue, or it is an
// acronym or a hyphenated word, which the lexicon may spell otherwise
// ("CPI-M" of "CPI(M)").
func (r *resolver) mayBeParty(e *entity) bool {
	for _, m := range e.mentions {
		for it := range r.toks[m.s][m.i:m.j] {
			t := &r.toks[m.s][m.i:m.j][it]
			if t.Is(cParty) || t.Is(cOrgCue) || t.AllCaps() || strings.IndexByte(t.Norm, '-') >= 0 {
				return true
			}
		}
	}
	return false
}

// mentionHas reports whether a word of one of e's mentions has class c.
func (r *resolver) mentionHas(e *entity, c class) bool {
	for _, m := range e.mentions {
		for it := range r.toks[m.s][m.i:m.j] {
			t := &r.toks[m.s][m.i:m.j][it]
			if t.Is(c) {
				return true
			}
		}
	}
	return false
}

// partyWords attaches the capitalised words no entity took that name a
// party the article names otherwise ("Tory" beside "Tory party"), or that
// name one party of the article's country only, where they modify a role or
// stand inside a sentence ("Tory leader X", "senior Conservative members"
// in a British report).
func (r *resolver) partyWords(sets map[*entity][]*lexicon.Party) {
	var countries map[string]int
	for _, m := range r.refs {
		if m.ent != nil || m.typ != factions.Person || m.titled || m.j-m.i > 2 || !r.toks[m.s][m.i].Is(cParty) || !r.toks[m.s][m.j-1].Is(cPartyLast) {
			continue
		}
		forms := r.partiesOf(m.name)
		if hit := partyEntity(forms, sets); hit != nil {
			m.typ = factions.Organization
			r.attach(m, hit)
			continue
		}
		if countries == nil {
			countries = r.placeCountries()
		}
		p := countryParty(forms, countries)
		if p == nil || !r.partyContext(m) {
			continue
		}
		m.typ = factions.Organization
		e := r.newEnt(m, m.name)
		r.attach(m, e)
		sets[e] = []*lexicon.Party{p}
	}
}

// partyEntity returns the one organisation of sets that a party of forms
// names, or nil when none or several do.
func partyEntity(forms []partyForm, sets map[*entity][]*lexicon.Party) *entity {
	var hit *entity
	for _, f := range forms {
		for e, set := range sets {
			if e.removed || !hasParty(set, f.party) {
				continue
			}
			if hit != nil && hit != e {
				return nil // two parties of the article: no telling
			}
			hit = e
		}
	}
	return hit
}

// countryParty returns the party of forms whose home country the article's
// places name most often, when one does more often than any other; nil
// when none does.
func countryParty(forms []partyForm, countries map[string]int) *lexicon.Party {
	var hit *lexicon.Party
	best, tie := 0, false
	for _, f := range forms {
		n := countries[strings.ToLower(f.party.Country)]
		switch {
		case n == 0 || f.party == hit:
		case n > best:
			hit, best, tie = f.party, n, false
		case n == best:
			tie = true
		}
	}
	if tie {
		return nil
	}
	return hit
}

// partyContext reports whether a capitalised word reads as a party's name
// where it stands: inside a sentence, or before a role noun ("Tory leader").
func (r *resolver) partyContext(m *ref) bool {
	toks := r.toks[m.s]
	if m.j < len(toks) {
		if n, _ := r.lx.roles.match(toks, m.j); n > 0 {
			return true
		}
	}
	k := m.i - 1
	for k >= 0 && toks[k].Kind == Quote {
		k--
	}
	return k >= 0 && toks[k].Kind == Word && !r.isHeadline(m.s)
}

// placeCountries counts the article's place mentions by the countries of
// their readings (lower-case): "Richmond" counts for each country that has
// one.
func (r *resolver) placeCountries() map[string]int {
	n := map[string]int{}
	for _, m := range r.refs {
		if m.typ != factions.Place {
			continue
		}
		pl, _ := r.lx.place(m.name)
		for _, c := range pl.countries {
			n[c]++
		}
	}
	return n
}

// partyGroups returns the organisations grouped by shared parties: two
// are in one group when some party of the lexicon fits both, directly or
// through others.
func partyGroups(orgs []*entity, sets map[*entity][]*lexicon.Party) [][]*entity {
	group := make([]int, len(orgs))
	for i := range group {
		group[i] = i
	}
	find := func(i int) int {
		for group[i] != i {
			i = group[i]
		}
		return i
	}
	for i := range orgs {
		for j := i + 1; j < len(orgs); j++ {
			if len(intersectParties(sets[orgs[i]], sets[orgs[j]])) > 0 {
				group[find(j)] = find(i)
			}
		}
	}
	byRoot := map[int][]*entity{}
	var roots []int
	for i, e := range orgs {
		root := find(i)
		if _, ok := byRoot[root]; !ok {
			roots = append(roots, root)
		}
		byRoot[root] = append(byRoot[root], e)
	}
	var out [][]*entity
	for _, root := range roots {
		if len(byRoot[root]) > 1 {
			out = append(out, byRoot[root])
		}
	}
	return out
}

func addParty(set []*lexicon.Party, p *lexicon.Party) []*lexicon.Party {
	if hasParty(set, p) {
		return set
	}
	return append(set, p)
}

func hasParty(set []*lexicon.Party, p *lexicon.Party) bool {
	for _, x := range set {
		if x == p {
			return true
		}
	}
	return false
}

func intersectParties(a, b []*lexicon.Party) []*lexicon.Party {
	var out []*lexicon.Party
	for _, p := range a {
		if hasParty(b, p) {
			out = append(out, p)
		}
	}
	return out
}

// canonicalNames names each entity by the fullest form used: an
// organisation by its expanded name rather than its acronym.
func (r *resolver) canonicalNames() {
	for _, e := range r.ents {
		if e.removed {
			continue
		}
		if e.typ == factions.Organization {
			for _, a := range e.aliases {
				if wordCount(a) > wordCount(e.name) && !strings.Contains(a, "(") && isUpperWord(strings.ReplaceAll(e.name, "-", "")) {
					e.name = a
				}
			}
			e.kind = r.orgKindOf(e)
		}
		e.aliases = without(e.aliases, e.name)
	}
}

// bodyAliases gives "the party's provincial chapter" the name of the party
// it belongs to as an alias.
func (r *resolver) bodyAliases() {
	for _, e := range r.ents {
		if e.removed || e.typ != factions.Organization || e.kind&kindBody == 0 {
			continue
		}
		for _, m := range e.mentions {
			toks := r.toks[m.s]
			if m.i >= 2 && toks[m.i-1].Norm == "'s" && toks[m.i-2].Norm == "party" {
				if o := r.orgBefore(m.span.Start); o != nil {
					e.addAlias(shortName(o) + " " + e.name)
				}
				break
			}
		}
	}
}

// levelUnits makes a unit named by its level ("the provincial chapter",
// "state NUP") one entity with the unit named by its place ("NUP Sindh
// chapter", "Sindh NUP") when the article names one such unit only.
func (r *resolver) levelUnits() {
	for _, e := range r.ents {
		if e.removed || e.typ != factions.Organization {
			continue
		}
		if !r.mentionHas(e, cUnitLevel) {
			continue
		}
		w := r.fields(e.name)
		p := slices.IndexFunc(w, func(x string) bool { return r.lx.is(x, cUnitLevel) })
		if p < 0 || p == len(w)-1 {
			continue
		}
		owner, rest := w[:p], strings.Join(w[p+1:], " ")
		var into *entity
		for _, f := range r.ents {
			if f == e || f.removed || f.typ != factions.Organization || !r.placeUnit(f.name, owner, rest) {
				continue
			}
			if into != nil {
				into = nil // two units of the level
				break
			}
			into = f
		}
		if into != nil {
			r.merge(into, e)
		}
	}
}

// placeUnit reports whether name is "[OWNER] PLACE REST": the unit REST of
// a place, of the organisation owner when that is given.
func (r *resolver) placeUnit(name string, owner []string, rest string) bool {
	head, ok := strings.CutSuffix(name, " "+rest)
	if !ok {
		return false
	}
	w := r.fields(head)
	for k := len(w) - 1; k >= 0; k-- {
		if r.isPlace(strings.Join(w[k:], " ")) {
			return len(owner) == 0 || slices.Equal(owner, w[:k])
		}
	}
	return false
}

// orgBefore returns the organisation named last before off, not a body.
func (r *resolver) orgBefore(off int) *entity {
	k := sort.Search(len(r.refs), func(i int) bool { return r.refs[i].span.Start >= off })
	for k--; k >= 0; k-- {
		if e := r.refs[k].ent; e != nil && !e.removed && e.typ == factions.Organization && e.kind&kindBody == 0 {
			return e
		}
	}
	return nil
}

func without(list []string, s string) []string {
	out := list[:0]
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// merge moves f's mentions and names into e.
func (r *resolver) merge(e, f *entity) {
	if e == f || f.removed {
		return
	}
	for _, m := range f.mentions {
		m.ent = e
		e.mentions = append(e.mentions, m)
	}
	for _, n := range f.names() {
		e.addAlias(n)
	}
	if f.first < e.first {
		e.first = f.first
	}
	f.removed = true
	f.mentions = nil
}

// stripSuffix returns the mention's name without an honorific suffix
// ("Tariq Bhai" → "Tariq").
func (r *resolver) stripSuffix(m *ref) string {
	toks := r.toks[m.s][m.i:m.j]
	if len(toks) >= 2 && r.lx.suffixes.hasTok(&toks[len(toks)-1]) {
		return r.text[toks[0].Start():toks[len(toks)-2].End()]
	}
	return m.name
}

// personFor finds the person a single name refers to: a person with a
// multi-word name whose first or last word it is, the nearest before the
// mention first, then the nearest after. With a title ("Mr Howard") only
// the surname counts.
func (r *resolver) personFor(short string, m *ref) *entity {
	if e := r.personForWord(short, m, m.titled); e != nil || !m.titled {
		return e
	}
	// "Mr Howard" is a surname, never the first name of another person
	if t := r.toks[m.s]; m.i > 0 {
		k := m.i - 1
		if t[k].Norm == "." && k > 0 {
			k--
		}
		switch t[k].Norm {
		case "mr", "mrs", "ms", "miss", "mx":
			return nil
		}
	}
	// "Barrister Tariq", "Dr Hawlader": a title before a first name
	return r.personForWord(short, m, false)
}

func (r *resolver) personForWord(short string, m *ref, surnameOnly bool) *entity {
	low := r.lowerOf(m, short)
	var best *entity
	bestDist := 1 << 30
	for _, e := range r.byWord[low] {
		if e.removed {
			continue
		}
		words := r.words[e]
		if len(words) == 0 {
			continue
		}
		if words[len(words)-1] != low && (surnameOnly || words[0] != low) {
			continue
		}
		// distance: mentions before count as nearer than mentions after;
		// mentions are mostly in text order, the last few are the nearest
		dist := 1 << 29
		ems := e.mentions
		if len(ems) > 64 {
			ems = ems[len(ems)-64:]
		}
		for _, em := range ems {
			if em.span.Start < m.span.Start && m.span.Start-em.span.Start < dist {
				dist = m.span.Start - em.span.Start
			}
			if em.span.Start > m.span.Start && (1<<20)+em.span.Start-m.span.Start < dist {
				dist = (1 << 20) + em.span.Start - m.span.Start
			}
		}
		if dist < bestDist {
			best, bestDist = e, dist
		}
	}
	return best
}

// speaksNext reports whether a single capitalised word is followed by a
// speech verb ("Naeem said"), which makes it a name.
func (r *resolver) speaksNext(m *ref) bool {
	toks := r.toks[m.s]
	if m.j < len(toks) {
		if n, _ := r.lx.speech.match(toks, m.j); n > 0 {
			return true
		}
	}
	return m.titled
}

// placeName returns a place's name as the gazetteer writes it ("LAHORE" →
// "Lahore").
func placeName(lx *lexicons, name string) string {
	if p, ok := lx.place(name); ok && p.Name != "" {
		return p.Name
	}
	return name
}

// droppedAcronym reports whether an all-capitals word is not taken as an
// organisation: a role (MP, MEP), or a word named once with nothing around
// it that marks an organisation ("AWOL", "EGM").
func (r *resolver) droppedAcronym(m *ref) bool {
	if m.j-m.i != 1 || !isUpperWord(strings.ReplaceAll(m.name, "-", "")) {
		return false
	}
	low := r.lowerOf(m, m.name)
	if r.lx.roles.has(low) || r.lx.roles.has(strings.TrimSuffix(low, "s")) {
		return true
	}
	for _, f := range r.partiesOf(m.name) {
		if !f.ambiguous {
			return false // a party's acronym of the lexicon ("of ABC X")
		}
	}
	if r.acrCount == nil {
		r.countAcronyms()
	}
	switch n := r.acrCount[m.name]; {
	case n < 0:
		return true
	case n > 1:
		return false
	}
	toks := r.toks[m.s]
	if m.i >= 2 && toks[m.i-1].Norm == "or" && toks[m.i-2].Norm == "," {
		return false // "the X (Q), or X-Q,": another name of what precedes
	}
	if r.acronymListed(toks, m.i, m.j) {
		return false // "alliances such as ABC, XYZ": a list of organisations
	}
	if m.i >= 2 && toks[m.i-1].Kind == Punct && toks[m.i-2].Is(cHyphenPrefix) {
		return false // "pro-ABC", "ex-ABC": an organisation's name
	}
	if m.j < len(toks) {
		next := toks[m.j].Norm
		if n, _ := r.lx.roles.match(toks, m.j); n > 0 || next == "'s" || next == "party" || next == "-" || r.lx.orgCues.has(next) || r.lx.speech.has(next) {
			return false
		}
	}
	if m.i > 0 && (toks[m.i-1].Norm == "(" || toks[m.i-1].Norm == "the") {
		return m.i > 1 && !toks[m.i-2].Cap() && toks[m.i-1].Norm == "("
	}
	return true
}

// acronymListed reports whether the acronym toks[i:j] stands in a list
// with another that is no place's or role's: a comma or a coordinator
// between them.
func (r *resolver) acronymListed(toks []Token, i, j int) bool {
	sep := func(t Token) bool { return t.Norm == "," || t.Is(cCoordinator) }
	other := func(t Token) bool { return t.Kind == Word && t.AllCaps() && !t.Is(cRole) && !r.isPlace(t.Text(r.text)) }
	return j+1 < len(toks) && sep(toks[j]) && other(toks[j+1]) || i >= 2 && sep(toks[i-1]) && other(toks[i-2])
}

// countAcronyms counts the organisation mentions by name; one defined by
// lower-case words ("an extraordinary general meeting (EGM)") counts as
// never an organisation.
func (r *resolver) countAcronyms() {
	r.acrCount = emptied(&r.mem.acrCount)
	for _, o := range r.refs {
		if o.typ != factions.Organization {
			continue
		}
		r.acrCount[o.name]++
		if t := r.toks[o.s]; o.i >= 2 && t[o.i-1].Norm == "(" && t[o.i-2].Kind == Word && !t[o.i-2].Cap() {
			r.acrCount[o.name] = -1 << 20
		}
	}
}

// shortName returns an organisation's acronym when it has one, else its name.
func shortName(e *entity) string {
	for n := range e.eachName {
		if isUpperWord(strings.ReplaceAll(n, "-", "")) && !strings.Contains(n, " ") {
			return n
		}
	}
	return e.name
}

// orgKindOf says what kind of organisation e is, from its names.
func (r *resolver) orgKindOf(e *entity) orgKind {
	for n := range e.eachName {
		if r.party(n, "") != nil {
			return kindPartyLike // "Sunni Ittehad Council", "Forward Bloc": parties, whatever their last word
		}
	}
	var k orgKind
	w := r.fields(r.lower(e.name))
	if len(w) > 0 && r.lx.orgCues.class(w[len(w)-1]) == "body" {
		k |= kindBody
	}
	// "Slough Conservative Association", "Punjab branch": a local unit of a
	// party when it is named after one
	if len(w) > 1 && r.lx.is(w[len(w)-1], cBranch) {
		k |= kindBody | kindBranch
	}
	for n := range e.eachName {
		w := r.fields(r.lower(n))
		if len(w) > 0 && r.lx.orgCues.class(w[len(w)-1]) == "legislature" || r.lx.orgCues.class(r.lower(n)) == "legislature" {
			if lowerBody(r.lx, n) {
				k |= kindBody // "the VNP's national council": the party's, in lower case
				continue
			}
			k |= kindLegislature
			break
		}
	}
	if k&(kindBody|kindLegislature) == 0 && r.partyNames(e) {
		k |= kindPartyLike
	}
	return k
}

// lowerBody reports whether a name ends with a noun of internal bodies
// written in lower case after a modifier of a party's own organs ("VNP
// national council", "the party's central council"): a party's body, not a
// legislature, nor a local government's council ("district council").
func lowerBody(lx *lexicons, name string) bool {
	w := strings.Fields(name)
	if len(w) < 2 {
		return false
	}
	last, prev := w[len(w)-1], w[len(w)-2]
	return last == strings.ToLower(last) && lx.is(last, cBodyNoun) &&
		prev == strings.ToLower(prev) && lx.is(prev, cLeadModifier) && !lx.is(prev, cRoleAdjective) && prev != "new"
}

// partyNames reports whether an organisation's names read as a party's: an
// acronym, or a name with a party cue word, and no media or government word.
func (r *resolver) partyNames(e *entity) bool {
	party := false
	for n := range e.eachName {
		for w := range strings.FieldsSeq(r.lower(n)) {
			switch r.lx.orgCues.class(w) {
			case "media", "government":
				return false
			case "party":
				party = true
			}
		}
		if isUpperWord(strings.ReplaceAll(n, "-", "")) && !strings.Contains(n, " ") {
			party = true // an acronym
		}
	}
	return party || len(r.parties[e]) > 0 // or a name of the party lexicon ("Tories")
}

// finish drops the merged entities and builds the indexes.
func (r *resolver) finish() *entitySet {
	es := &entitySet{document: r.document, bySent: r.bySent, dateline: r.dateline, ents: make([]*entity, 0, len(r.ents))}
	for _, e := range r.ents {
		if !e.removed {
			es.ents = append(es.ents, e)
		}
	}
	slices.SortStableFunc(es.ents, func(a, b *entity) int { return cmp.Compare(a.first, b.first) })
	// the resolved references are kept in place: r.bySent shares its
	// arrays with r.refs, which no one reads from here on
	es.all = r.mem.refPtrs.take(len(r.refs))[:0]
	r.refs = nil
	for si, s := range r.bySent {
		out := s[:0]
		for _, m := range s {
			if m.ent != nil {
				out = append(out, m)
			}
		}
		es.bySent[si] = out
		es.all = append(es.all, out...)
	}
	es.indexTokens()
	for _, e := range es.ents {
		if e.typ == factions.Person {
			e.gender = r.genderOfPerson(e)
		}
	}
	es.index()
	return es
}

// genderOfPerson tells a person's gender from a title before a mention (Mrs,
// Mr) or the given name, "" when neither tells.
func (r *resolver) genderOfPerson(e *entity) string {
	for _, m := range e.mentions {
		toks := r.toks[m.s]
		if k := titleStart(toks, m.i); k < m.i {
			switch toks[k].Norm {
			case "mrs", "ms", "miss", "begum", "lady", "dame", "baroness", "madam", "smt":
				return "f"
			case "mr", "sir", "lord":
				return "m"
			}
		}
	}
	first := r.lower(r.fields(e.name)[0])
	if c := r.lx.givenNames.class(first); len(c) > 0 && (c[0] == 'm' || c[0] == 'f') && (len(c) == 1 || c[1] == '/') {
		return c[:1]
	}
	return ""
}
