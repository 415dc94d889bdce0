package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factions/factions"
)

// mention is a name found in a sentence: tokens [i, j) of sentence s. The
// mentions stage makes it; later stages never change it.
type mention struct {
	s, i, j int
	span    Span
	name    string // the name as written, without title
	typ     factions.EntityType
	titled  bool // preceded by a personal title (Mr, Dr)
	weak    bool // a single capitalised word with no evidence of being a name
	// named: the words around a single name make it a person's ("his wife
	// X", "X (Constituency)")
	named bool
	alias string // a parenthesised alias: "Full Name (ACR)"
}

// mentionSet is the result of the mentions stage: the names of each
// sentence in token order, and the article's dateline.
type mentionSet struct {
	bySent   [][]*mention
	dateline *mention // also the first mention of its sentence
}

// findMentions is the mentions stage: capitalised names split at titles and
// role nouns and typed, lower-case names of internal bodies, and the
// dateline. It returns early with nil when ctx is done.
func findMentions(d *document, done func() bool) *mentionSet {
	ms := &mentionSet{bySent: d.mem.mentionLists.take(len(d.sents))}
	for si := range d.sents {
		if si%64 == 0 && done() {
			return nil
		}
		if !d.isFurniture(si) {
			ms.bySent[si] = d.sentenceMentions(si)
		}
	}
	d.findDateline(ms)
	return ms
}

// sentenceMentions detects the names in one sentence.
func (d *document) sentenceMentions(si int) []*mention {
	toks := d.toks[si]
	// the mentions are gathered in a buffer and copied out at the end
	out := d.mem.sentMentions[:0]
	defer func() { d.mem.sentMentions = out[:0] }()
	for i := 0; i < len(toks); {
		if !nameStart(&toks[i]) {
			i++
			continue
		}
		j := d.extendName(toks, i)
		// "pro-NUP National Farmers Council": the acronym after a prefix
		// modifies the name that follows it
		if i >= 2 && j > i+1 && toks[i].AllCaps() && toks[i-1].Kind == Punct && toks[i-2].Is(cHyphenPrefix) && d.hasOrgCue(toks[i+1:j]) {
			j = i + 1
		}
		// "MP for Ashcombe and Wellow": a constituency's name holds "and"
		if e := d.seatWithAnd(toks, i, j); e > j {
			out = append(out, d.place(si, i, e))
			i = e
			continue
		}
		// "Director General (Media)": the department of a post is no name
		if i >= 2 && toks[i-1].Norm == "(" && d.roleEndsAt(toks, i-1) {
			i = j
			continue
		}
		ms := d.splitCandidate(si, i, j)
		if d.workTitleAt(si, i, j) {
			ms = dropPersons(ms) // "presents 'No More Mr Nasty'", "the programme X"
		}
		d.placeBeforeNoun(toks, j, ms)
		d.constituencyAfterName(toks, i, j, out, ms)
		ms = d.seatBeforeNoun(si, j, ms)
		if len(ms) > 0 && ms[0].i == i && d.seatBefore(toks, i) {
			ms = d.seat(si, ms)
		}
		out = append(out, ms...)
		i = j
	}
	ms := d.bodyMentions(si, d.unitMentions(si, out))
	if len(ms) == 0 {
		return nil
	}
	return append(d.mem.mentionPtrs.take(len(ms))[:0], ms...)
}

// unitMentions adds the organisations that a lower-case institution noun
// names with the name or unit modifier before it ("the Sindh government",
// "the Lodhi government", "the Delhi assembly", "the federal government"),
// and a party's unit that a unit modifier names ("sources in state BJP";
// not "state BJP leaders", the party's). The mentions before keep their
// own.
func (d *document) unitMentions(si int, ms []*mention) []*mention {
	if !d.sentMasks[si].any(unitMask) {
		return ms // no unit's noun or modifier
	}
	toks := d.toks[si]
	var out []*mention
	for k := 1; k < len(toks); k++ {
		t, p := &toks[k], &toks[k-1]
		if !t.Is(cInstitutionNoun) && !p.Is(cUnitModifier) {
			continue
		}
		switch {
		case t.Kind == Word && !t.Cap() && t.Is(cInstitutionNoun):
			if o := mentionEndingAt(ms, k); o != nil && d.unitOwner(toks, o) {
				out = append(out, d.unit(si, o.i, k+1))
			} else if o == nil && p.Kind == Word && !p.Cap() && p.Is(cUnitModifier) && d.lx.orgCues.classTok(t) == "government" {
				// "the federal government"; "the state assembly" is the one
				// the article names otherwise
				out = append(out, d.unit(si, k-1, k+1))
			}
		case p.Kind == Word && !p.Cap() && p.Is(cUnitModifier):
			if o := mentionStartingAt(ms, k); o != nil && o.typ == factions.Organization && o.j-o.i == 1 && t.AllCaps() && !d.roleAfter(toks, o.j) {
				out = append(out, d.unit(si, k-1, o.j))
			}
		}
	}
	if out == nil {
		return ms
	}
	ms = append(ms, out...)
	sortMentions(ms)
	return ms
}

// unitOwner reports whether the mention o can name an institution after
// it: a place, or a person ("the Lodhi government"), not a party's name or
// an adjective ("the Tory government", "the Conservative government").
func (d *document) unitOwner(toks []Token, o *mention) bool {
	switch {
	case o.titled || o.typ != factions.Place && o.typ != factions.Person:
		return false
	case o.typ == factions.Person && o.j-o.i == 1 && adjectival(toks[o.i].Norm):
		return false
	}
	return !toks[o.i].Is(cParty) || len(d.partiesOf(o.name)) == 0
}

// unit makes the organisation mention of toks[i:j] of sentence si.
func (d *document) unit(si, i, j int) *mention {
	toks := d.toks[si]
	span := Span{Start: toks[i].Start(), End: toks[j-1].End()}
	return d.mem.mentions.new(mention{s: si, i: i, j: j, span: span, name: visible(d.text[span.Start:span.End]), typ: factions.Organization})
}

// roleAfter reports whether a role follows token k: the name before it
// modifies it ("BJP leaders", "BJP workers").
func (d *document) roleAfter(toks []Token, k int) bool {
	n, _ := d.lx.roles.match(toks, k)
	return n > 0
}

// mentionEndingAt returns the mention of ms that ends just before token k.
func mentionEndingAt(ms []*mention, k int) *mention {
	for _, m := range ms {
		if m.j == k {
			return m
		}
	}
	return nil
}

// mentionStartingAt returns the mention of ms that starts at token k.
func mentionStartingAt(ms []*mention, k int) *mention {
	for _, m := range ms {
		if m.i == k {
			return m
		}
	}
	return nil
}

// workTitleAt reports whether the capitalised run toks[i:j] of sentence si
// is the title of a work: after a work noun ("the programme X", "his book
// X"), or a quotation of three or more words in title case with a word
// that is never a name ("'No More Mr Nasty'").
func (d *document) workTitleAt(si, i, j int) bool {
	toks := d.toks[si]
	if i == 0 {
		return false
	}
	if toks[i-1].Is(cWorkNoun) && !toks[i-1].Cap() {
		return true
	}
	if toks[i-1].Kind != Quote {
		return false // a title fills its quotation from the opening mark
	}
	q := d.quoteAt(toks[i].Start())
	if q == nil || q.Inner.End > d.sents[si].End {
		return false
	}
	a, b := d.tokIndex(si, q.Inner.Start), d.tokIndex(si, q.Inner.End)
	words, common := 0, false
	for it := range toks[a:b] {
		t := &toks[a:b][it]
		switch {
		case t.Kind != Word:
		case !t.Cap():
			return false
		default:
			words++
			common = common || t.Is(cStopName) && d.lx.stopNames.hasTok(t)
		}
	}
	return words >= 3 && common && b-a <= 10
}

// dropPersons returns ms without its persons ("Mr X" of a title too).
func dropPersons(ms []*mention) []*mention {
	out := ms[:0]
	for _, m := range ms {
		if m.typ != factions.Person {
			out = append(out, m)
		}
	}
	return out
}

// placeBeforeNoun retypes the last of the mentions ms, which end at token
// j, as a place when a lower-case place noun follows it and it names no
// person by its words: "Tolambi village", "his Kot Sarki residence".
func (d *document) placeBeforeNoun(toks []Token, j int, ms []*mention) {
	if len(ms) == 0 || j >= len(toks) || toks[j].Cap() || !toks[j].Is(cPlaceNoun) {
		return
	}
	if m := ms[len(ms)-1]; m.j == j && m.typ == factions.Person && !m.titled && !d.hasPersonWord(toks[m.i:m.j]) {
		m.typ, m.weak = factions.Place, false
	}
}

// constituencyAfterName retypes "Rafiq Zardan (Bukit Meranti)": a name in
// brackets, the mentions ms of toks[i:j], right after a person's is their
// constituency, a place, and makes that person's single name a name
// ("Tariq (Bukit Meranti)"). A lone word with no evidence of being a
// person before a person's full name is the place instead ("Khanpur
// (Rafiq Zardan)").
func (d *document) constituencyAfterName(toks []Token, i, j int, out, ms []*mention) {
	if i < 2 || toks[i-1].Norm != "(" || len(out) == 0 || j >= len(toks) || toks[j].Norm != ")" {
		return
	}
	prev := out[len(out)-1]
	if prev.j != i-1 || prev.typ != factions.Person {
		return
	}
	if prev.weak && len(ms) == 1 && ms[0].typ == factions.Person && d.hasPersonWord(toks[ms[0].i:ms[0].j]) {
		prev.typ, prev.weak = factions.Place, false
		return
	}
	for _, m := range ms {
		if m.typ == factions.Person && !m.titled {
			m.typ, m.weak = factions.Place, false
			prev.named = prev.named || !prev.weak
		}
	}
}

// seatBeforeNoun retypes the last of the mentions ms, which end at token
// j, when a seat noun follows it: "the Tolambi seat", "the Tolambi
// Assembly seat" and "the Tolambi Lok Sabha constituency" name a place,
// without the legislature's name.
func (d *document) seatBeforeNoun(si, j int, ms []*mention) []*mention {
	toks := d.toks[si]
	if len(ms) == 0 || j >= len(toks) || toks[j].Cap() || !toks[j].Is(cSeatNoun) {
		return ms
	}
	m := ms[len(ms)-1]
	if m.j != j || m.titled {
		return ms
	}
	switch m.typ {
	case factions.Person:
		m.typ, m.weak = factions.Place, false
	case factions.Organization:
		for s := m.i + 1; s < m.j; s++ {
			if n, c := d.lx.orgCues.match(toks[:m.j], s); s+n == m.j && c == "legislature" {
				if p := d.classify(si, m.i, s, false, false); p != nil {
					p.typ, p.weak = factions.Place, false
					ms[len(ms)-1] = p
				}
				break
			}
		}
	}
	return ms
}

// seatWithAnd returns the end of a constituency's name that holds "and"
// ("MP for Ashcombe and Wellow"), when the capitalised run toks[i:j] opens
// it after a seat's words and the words after "and" name no person; else
// j.
func (d *document) seatWithAnd(toks []Token, i, j int) int {
	if j+1 >= len(toks) || !toks[j].Is(cCoordinator) || !nameStart(&toks[j+1]) || !d.seatBefore(toks, i) {
		return j
	}
	e := d.extendName(toks, j+1)
	if d.hasPersonWord(toks[i:e]) || d.hasOrgCue(toks[i:e]) || d.partyName(d.text[toks[j+1].Start():toks[e-1].End()]) {
		return j
	}
	return e
}

// place makes the place mention of toks[i:j] of sentence si.
func (d *document) place(si, i, j int) *mention {
	m := d.unit(si, i, j)
	m.typ = factions.Place
	return m
}

// seatBefore reports whether the name at toks[i] follows the words that
// introduce a legislator's constituency: "MP for", "member for the", "MLA
// from", "MLAs of", "represented", "representing".
func (d *document) seatBefore(toks []Token, i int) bool {
	k := i - 1
	if k >= 0 && toks[k].Is(cSeat) && !toks[k].Is(cPrep) {
		return !adjectival(toks[i].Norm) // "represented X", not "represent British citizens"
	}
	if k >= 0 && toks[k].Is(cDet) && toks[k].Is(cAcronymSkip) {
		k-- // "the"
	}
	if k < 1 || !toks[k].Is(cSeat) && !toks[k].Is(cOrgJoiner) || !toks[k-1].Is(cRoleLast) {
		return false
	}
	for s := k - 1; s >= 0 && s >= k-4; s-- {
		n, c := d.lx.roles.match(toks[:k], s)
		if n == 0 || s+n != k || c != "member/place" {
			continue
		}
		// "member of" is a body's; "MLAs of" a seat's
		return toks[k].Is(cSeat) || toks[s].AllCaps()
	}
	return false
}

// seat retypes the name that opens ms, which names a legislator's
// constituency: a person-like name is a place, and a given name inside it
// starts the legislator's own name ("MLA from Khanpur Rafiq Zardan").
func (d *document) seat(si int, ms []*mention) []*mention {
	m := ms[0]
	if m.typ != factions.Person || m.titled {
		return ms
	}
	toks := d.toks[si]
	for k := m.i + 1; k < m.j; k++ {
		if toks[k].Is(cGivenName) && d.lx.givenNames.hasTok(&toks[k]) && toks[k].Cap() {
			p, q := d.classify(si, m.i, k, false, false), d.classify(si, k, m.j, false, false)
			if p == nil || q == nil {
				break
			}
			p.typ, p.weak, q.typ = factions.Place, false, factions.Person
			return append([]*mention{p, q}, ms[1:]...)
		}
	}
	m.typ, m.weak = factions.Place, false
	return ms
}

// findDateline reads "LAHORE - ", "KARACHI: " or "ISLAMABAD (Staff Report) –"
// at the start of the first paragraphs, and records it as a place mention.
func (d *document) findDateline(ms *mentionSet) {
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
		name := d.text[toks[0].Start():toks[k-1].End()]
		if !d.isPlace(name) && toks[j].Norm == "," {
			continue
		}
		m := d.mem.mentions.new(mention{s: si, i: 0, j: k, span: Span{Start: toks[0].Start(), End: toks[k-1].End()}, name: name, typ: factions.Place})
		ms.dateline = m
		// the dateline's own tokens are not part of any other mention
		out := []*mention{m}
		for _, o := range ms.bySent[si] {
			if o.span.Start >= toks[j].End() {
				out = append(out, o)
			}
		}
		ms.bySent[si] = out
		return
	}
}

// roleEndsAt reports whether a role phrase ends just before token e.
func (d *document) roleEndsAt(toks []Token, e int) bool {
	for s := e - 1; s >= 0 && s >= e-4; s-- {
		if n, _ := d.lx.roles.match(toks[:e], s); n > 0 && s+n == e {
			return true
		}
	}
	return false
}

// unitMask has the classes a unit's mention needs a word of (unitMentions).
var unitMask = maskOf(cInstitutionNoun, cUnitModifier)

// bodyLastMask has the classes of the last word of a body's name
// (bodyMentions).
var bodyLastMask = maskOf(cBodyNoun, cBranch, cOrgCue)

// bodyMentions adds lower-case names of internal bodies: "a new 22-member
// coordination committee", "NUPF's disciplinary committee", "the NUPF
// legislative party", "the negotiating committee of the NUPF". A body needs
// a modifier or an organisation before it; its name drops articles, "new"
// and member counts, which stay in the mention. An organisation after it
// ("of the NUPF") names it as one before it would, the words as written
// an alias.
func (d *document) bodyMentions(si int, ms []*mention) []*mention {
	if !d.sentMasks[si].any(bodyLastMask) {
		sortMentions(ms)
		return ms // no word that ends a body's name
	}
	toks := d.toks[si]
	covered := func(k int) *mention {
		for _, m := range ms {
			if m.i <= k && k < m.j {
				return m
			}
		}
		return nil
	}
	for k := range toks {
		t := &toks[k]
		if t.Kind != Word || t.Cap() || !t.Is(cBodyNoun) && !t.Is(cBranch) && !t.Is(cOrgCue) {
			continue // the last word of a body's name is one of these
		}
		a := d.bodyPhraseStart(toks, k)
		if a < 0 || covered(k) != nil {
			continue
		}
		a, nameStart := d.bodyStart(toks, a, k, covered)
		owner, a, nameStart := d.bodyPlaceOwner(toks, a, nameStart, covered)
		if owner == nil && !toks[k].Is(cBodyNoun) && (a == 0 || toks[a-1].Norm != "'s") && !unitLevelIn(toks[a:k]) {
			continue // "the Lahore region" is a place's; "the city unit", "the party's X region" are units
		}
		after := ""
		if owner == nil {
			owner, after = d.bodyOwnerAfter(toks, k, covered)
		}
		if owner == nil && (nameStart == k || d.bodyPhraseStart(toks, k) < k) {
			continue // a body phrase ("the new parliamentary group") needs its organisation
		}
		if d.indefiniteBody(toks, a, k, nameStart, owner) {
			// "a parliamentary committee", "a Commons committee": no body in
			// particular; "a new 21-member committee" is one
			continue
		}
		m := d.mem.mentions.new(mention{s: si, i: a, j: k + 1, typ: factions.Organization,
			span: Span{Start: toks[a].Start(), End: t.End()}})
		body := visible(d.text[toks[nameStart].Start():t.End()])
		m.name = body
		if owner != nil {
			// the owner keeps its own mention; the body's name holds it
			m.name = visible(d.text[owner.span.Start:owner.span.End]) + " " + body
		}
		if after != "" {
			m.alias = body + " " + after
		}
		ms = append(ms, m)
	}
	sortMentions(ms)
	return ms
}

// indefiniteBody reports whether an indefinite article opens the phrase
// of the body that ends at k, before its organisation if that comes first
// ("a Commons committee"), and no "new" or member count makes it one in
// particular. The article of a noun after the body is that noun's ("a NUP
// parliamentary party meeting": the body still).
func (d *document) indefiniteBody(toks []Token, a, k, nameStart int, owner *mention) bool {
	x := a - 1
	if owner != nil && owner.j <= a && owner.i < a {
		x = owner.i - 1
	}
	if nameStart != a || x < 0 || !toks[x].Is(cIndefinite) {
		return false
	}
	n := k + 1
	nounAfter := n < len(toks) && toks[n].Kind == Word && !toks[n].Cap() && !toks[n].Is(cFunction) && !toks[n].Is(cPrep) && !toks[n].Is(cAux)
	return !nounAfter || owner == nil
}

// bodyPlaceOwner returns the organisation that owns the body whose mention
// starts at a, and where the mention and the name start when a place comes
// before the body: "JND Malaysia chapter", "JND's Dhaka chapter" (an
// organisation's chapter in a place), "the party's Tolambi region" (the
// unit of a place, the party's name to come).
func (d *document) bodyPlaceOwner(toks []Token, a, nameStart int, covered func(int) *mention) (owner *mention, start, name int) {
	owner = bodyOwner(toks, a, covered)
	switch {
	case owner != nil && owner.typ == factions.Place:
		o := owner.i - 1
		if toks[o].Norm == "'s" {
			o--
		}
		return covered(o), owner.i, owner.i
	case owner == nil && a > 2 && toks[a-1].Kind == Word && toks[a-1].Cap() && !d.lx.givenNames.hasTok(&toks[a-1]) &&
		toks[a-2].Norm == "'s" && toks[a-3].Is(cGenericOrg):
		return nil, a - 1, a - 1
	}
	return owner, a, nameStart
}

// bodyStart returns where the mention of the body whose noun phrase starts
// at a and ends at k starts, with its modifiers ("coordination", "its
// women's"), and where its name starts: without "new" and member counts.
func (d *document) bodyStart(toks []Token, a, k int, covered func(int) *mention) (start, name int) {
	for a > 0 && k-a < 3 && covered(a-1) == nil {
		if d.bodyModifier(&toks[a-1]) {
			a--
		} else if a > 1 && toks[a-1].Norm == "'s" && toks[a-2].Is(cPossName) && !toks[a-2].Cap() {
			a -= 2 // "its women's wing"
		} else {
			break
		}
	}
	name = a
	for name < k && (toks[name].Norm == "new" || toks[name].Kind == Number || strings.HasSuffix(toks[name].Norm, "-member")) {
		name++
	}
	return a, name
}

// unitLevelIn reports whether a word of toks names a level of a party's
// units ("city", "district").
func unitLevelIn(toks []Token) bool {
	for it := range toks {
		t := &toks[it]
		if t.Is(cUnitLevel) {
			return true
		}
	}
	return false
}

// bodyPhraseStart returns where the lower-case name of a body ending at
// token k starts: k for a body noun ("committee"), the start of a body
// phrase of the organisation cues ("legislative party", "parliamentary
// party"), or -1.
func (d *document) bodyPhraseStart(toks []Token, k int) int {
	if toks[k].Is(cBodyNoun) || toks[k].Is(cBranch) {
		return k
	}
	if !toks[k].Is(cOrgCue) || k == 0 || !toks[k-1].Is(cOrgCue) && (k < 2 || !toks[k-2].Is(cOrgCue)) {
		return -1 // the words of a body phrase are cue words themselves
	}
	for s := k - 1; s >= 0 && s >= k-2; s-- {
		if toks[s].Cap() || !toks[s].Is(cOrgCue) {
			continue
		}
		if n, c := d.lx.orgCues.match(toks[:k+1], s); s+n == k+1 && c == "body" && !toks[k].Is(cThing) {
			return s
		}
	}
	return -1
}

// bodyOwnerAfter returns the organisation named right after a body at
// token k ("the negotiating committee of the NUPF") and the words that
// name it ("of the NUPF"); nil and "" when there is none.
func (d *document) bodyOwnerAfter(toks []Token, k int, covered func(int) *mention) (*mention, string) {
	x := k + 1
	if x >= len(toks) || !toks[x].Is(cOrgJoiner) {
		return nil, ""
	}
	x++
	if x < len(toks) && toks[x].Is(cDet) && toks[x].Is(cAcronymSkip) {
		x++ // "the"
	}
	if x >= len(toks) {
		return nil, ""
	}
	o := covered(x)
	if o == nil || o.i != x || o.typ != factions.Organization {
		return nil, ""
	}
	return o, visible(d.text[toks[k+1].Start():o.span.End])
}

// bodyModifier reports whether a lower-case word before a body noun can be
// part of the body's name: "coordination", "22-member", not "the",
// "previous" or a verb.
func (d *document) bodyModifier(p *Token) bool {
	if p.Kind != Word && p.Kind != Number || p.Cap() {
		return false
	}
	w := p.Norm
	switch {
	case p.Is(cDet), p.Is(cFunction), p.Is(cBodyStop), w == "party", w == "most", w == "more", w == "very":
		return false
	case d.lx.speech.has(w), d.lx.departures.has(w):
		return false
	case strings.HasSuffix(w, "est"), strings.HasSuffix(w, "ful"), strings.HasSuffix(w, "ed"):
		return false
	}
	return true
}

// bodyOwner returns the organisation mention that ends just before token a
// (with a possessive between), or a place mention that follows an
// organisation's ("JND Malaysia"), else nil.
func bodyOwner(toks []Token, a int, covered func(int) *mention) *mention {
	if a == 0 {
		return nil
	}
	o := a - 1
	if toks[o].Norm == "'s" && o > 0 {
		o--
	}
	m := covered(o)
	switch {
	case m == nil || m.j != o+1:
		return nil
	case m.typ == factions.Organization:
		return m
	case m.typ == factions.Place && m.i > 0:
		p := m.i - 1
		if toks[p].Norm == "'s" && p > 0 {
			p-- // "PTI's Peshawar chapter"
		}
		if om := covered(p); om != nil && om.typ == factions.Organization && om.j == p+1 {
			return m
		}
	}
	return nil
}

func sortMentions(ms []*mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].i < ms[j-1].i; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// particleName reports whether a word is a name with a lower-case particle
// glued on: "d'Souza", "al-Assad", "el-Sisi", "bin-Laden".
func particleName(w string) bool {
	// the mark comes after one to three bytes of particle: most words
	// have none there
	mark := false
	for i := 1; i < len(w) && i <= 3; i++ {
		if c := w[i]; c == '\'' || c == '-' || c == "’"[0] {
			mark = true
		}
	}
	if !mark {
		return false
	}
	for i, r := range w {
		if r == '\'' || r == '’' || r == '-' {
			if i == 0 || i > 3 {
				return false
			}
			rest := w[i+utf8.RuneLen(r):]
			n, _ := utf8.DecodeRuneInString(rest)
			return unicode.IsUpper(n)
		}
		if !unicode.IsLower(r) {
			return false
		}
	}
	return false
}

// nameStart reports whether a token can begin a name.
func nameStart(t *Token) bool {
	return t.Kind == Word && t.Cap()
}

// extendName returns the end of the capitalised run that starts at i.
func (d *document) extendName(toks []Token, i int) int {
	j := i + 1
	for j < len(toks) {
		n := d.nameContinues(toks, i, j)
		if n == 0 {
			break
		}
		j += n
	}
	return j
}

// nameContinues returns how many tokens from j continue the name that
// started at i, or 0.
func (d *document) nameContinues(toks []Token, i, j int) int {
	t := &toks[j]
	next := j+1 < len(toks) && nameStart(&toks[j+1])
	switch {
	case t.Kind == Word && (t.Cap() || particleName(t.Text(d.text))):
		return 1
	case t.Norm == "." && next && len(toks[j-1].Text(d.text)) == 1 && toks[j-1].Cap():
		return 1 // "Nadir R. Qazi": an initial inside a name
	case t.Norm == "'s" && next && toks[j-1].Is(cPossName):
		return 1 // "Valdora People's Party": a possessive inside a name
	case t.Kind == Number && d.lx.orgCues.classTok(&toks[j-1]) == "media" && !strings.ContainsAny(t.Text(d.text), "-.,"):
		return 1 // "BBC Radio 4", "News 24": a number after a media word
	case t.Kind == Word && d.lx.nameParts.hasTok(t) && next && !d.lx.orgCues.hasTok(&toks[j-1]):
		return 2 // lower-case particles inside a name: "Zia ul Haq", "bin", "de"
	case t.Is(cOrgJoiner) && j+1 < len(toks):
		// "House of Commons", "Ministry of Interior", "Bank of the West",
		// "Centre for the Study of Societies"
		return d.joinerContinues(toks, i, j)
	case t.Is(cCoordinator) && next:
		// "Department for Work and Pensions", "Immigration and Nationality Department"
		return d.coordinatorContinues(toks, i, j)
	case t.Norm == "(" && d.parenQualifier(toks, i, j):
		// "NRF (Reformist)": a parenthesised qualifier after an organisation
		k := j + 1
		for k < len(toks) && toks[k].Norm != ")" {
			k++
		}
		return k + 1 - j
	}
	return 0
}

// joinerContinues returns how many tokens from the "of" or "for" at toks[j]
// continue the organisation's name toks[i:j]: the joiner, an optional
// "the" and a capitalised word, after a cue word ("Ministry of Interior")
// or inside a name joined so already ("Centre for the Study of Societies").
func (d *document) joinerContinues(toks []Token, i, j int) int {
	n := 1
	if toks[j+1].Is(cDet) && toks[j+1].Is(cAcronymSkip) {
		n = 2 // "the"
	}
	if j+n >= len(toks) || !nameStart(&toks[j+n]) {
		return 0
	}
	if d.isOrgCue(&toks[j-1]) || d.joinedOrg(toks, i, j) {
		return n + 1
	}
	return 0
}

// joinedOrg reports whether toks[i:j] is an organisation's name with a
// joiner after its cue word: "Centre for the Study".
func (d *document) joinedOrg(toks []Token, i, j int) bool {
	for k := i + 1; k < j; k++ {
		if toks[k].Is(cOrgJoiner) && d.isOrgCue(&toks[k-1]) {
			return true
		}
	}
	return false
}

// coordinatorContinues returns how many tokens from the "and" at toks[j]
// continue the name toks[i:j]: the rest of a joined organisation name
// ("Department for Work and Pensions") when the words after it name nothing
// of their own, or the first part of a name whose cue word comes after the
// "and" ("Immigration and Nationality Department").
func (d *document) coordinatorContinues(toks []Token, i, j int) int {
	e := j + 1
	for e < len(toks) && e-j <= 4 && toks[e].Kind == Word && toks[e].Cap() && !toks[e].AllCaps() {
		e++
	}
	if e == j+1 || e-j > 4 {
		return 0
	}
	after := toks[j+1 : e]
	for k := e; k > j+1; k-- {
		if d.isPlace(d.text[toks[i].Start():toks[k-1].End()]) {
			return k - j // "Jammu and Kashmir", "Trinidad and Tobago"
		}
	}
	switch {
	case d.joinedOrg(toks, i, j):
		if d.hasOrgCue(after) || d.hasNameWord(after) {
			return 0
		}
	case d.nameHead(toks, i, j):
		// "X and Y Department", "X and Y Tories": a word before the cue word
		// after "and", which alone ("and Holyrood", "and Labour") names its own
		if e-j < 3 || !d.isOrgCue(&toks[e-1]) && !d.localParty(&toks[e-1]) || d.isOrgCue(&toks[j+1]) {
			return 0
		}
	default:
		return 0
	}
	return e - j
}

// localParty reports whether a word ends a party's name in the lexicon
// and names a party by itself without context ("Tories", not "Green"), as
// a local unit's name does last ("Ashcombe Tories").
func (d *document) localParty(t *Token) bool {
	return t.Is(cPartySelf) && !t.AllCaps() && d.partyName(t.Text(d.text))
}

// nameHead reports whether toks[i:j], leading sentence words left out, can
// open an organisation's name whose cue word comes later: one to three
// words, none an acronym, a cue word, a given name or a title.
func (d *document) nameHead(toks []Token, i, j int) bool {
	for i < j && toks[i].Is(cStopName) && d.lx.stopNames.hasTok(&toks[i]) {
		i++
	}
	if i == j || j-i > 3 || d.hasOrgCue(toks[i:j]) || d.hasPersonWord(toks[i:j]) {
		return false
	}
	for it := range toks[i:j] {
		t := &toks[i:j][it]
		if t.AllCaps() {
			return false
		}
	}
	return true
}

// hasPersonWord reports whether a word of toks is a given name or a title.
func (d *document) hasPersonWord(toks []Token) bool {
	for it := range toks {
		t := &toks[it]
		if t.Is(cGivenName) && d.lx.givenNames.hasTok(t) || t.Is(cTitle) && d.lx.titles.hasTok(t) {
			return true
		}
	}
	return false
}

// hasNameWord reports whether a word of toks is a given name, a title or a
// place: the words name a person or a place of their own.
func (d *document) hasNameWord(toks []Token) bool {
	for it := range toks {
		t := &toks[it]
		if t.Is(cGivenName) && d.lx.givenNames.hasTok(t) || t.Is(cTitle) && d.lx.titles.hasTok(t) || d.isPlace(t.Text(d.text)) {
			return true
		}
	}
	return false
}

// orgCueEndsAt reports whether an organisation cue word or phrase (not a
// media word) ends just before token k, within toks[from:k]: "Agency",
// "Rajya Sabha".
func (d *document) orgCueEndsAt(toks []Token, from, k int) bool {
	for s := k - 1; s >= from && s >= k-3; s-- {
		if !toks[s].Is(cOrgCue) {
			continue
		}
		if n, c := d.lx.orgCues.match(toks[:k], s); s+n == k && c != "media" {
			return true
		}
	}
	return false
}

// isOrgCue reports whether the token is an organisation cue word.
func (d *document) isOrgCue(t *Token) bool {
	c := d.lx.orgCues.classTok(t)
	return c != "" && c != "media"
}

// parenQualifier reports whether the parenthesis at toks[j] continues the
// organisation name toks[i:j] ("NRF (Reformist)", "Shiv Sena (UBT)") rather
// than giving its acronym ("National Renewal Front (NRF)").
func (d *document) parenQualifier(toks []Token, i, j int) bool {
	k := j + 1
	for k < len(toks) && toks[k].Norm != ")" {
		if !(toks[k].Kind == Word && (toks[k].Cap() || d.lx.nameParts.hasTok(&toks[k]))) {
			return false
		}
		k++
	}
	if k >= len(toks) || k == j+1 || k-j-1 > 4 {
		return false
	}
	inner := toks[j+1 : k]
	switch {
	case len(inner) == 1 && (inner[0].AllCaps() || len(inner[0].Text(d.text)) <= 6) && acronymOf(d.text, toks[i:j], inner[0].Text(d.text)):
		return false
	case len(inner) == 1 && d.lx.roles.has(strings.TrimSuffix(inner[0].Norm, "s")):
		return false // "National Assembly (MNA)": a role qualifies a person
	case j-i == 1 && toks[i].AllCaps() && acronymOf(d.text, inner, toks[i].Text(d.text)):
		return false // "PAC (Public Accounts Committee)": the expansion
	}
	// the name before must look like an organisation: an acronym or a cue
	// word, not a role ("Director General (Media)")
	last := &toks[j-1]
	if n, _ := d.lx.roles.match(toks[:j], j-1); n > 0 {
		return false
	}
	return last.AllCaps() || d.isOrgCue(last)
}

// splitCandidate turns a capitalised run into mentions: it drops leading
// words that are never names, splits at titles and capitalised role nouns
// ("Sindh Governor X"), and classifies each part.
func (d *document) splitCandidate(si, i, j int) []*mention {
	toks := d.toks[si]
	sentStart := opensSentence(toks, i)
	// "presents The Weakest Link", "told The Daily Star": a capitalised
	// "The" inside a sentence opens the title of a work or a paper
	work := !sentStart && toks[i].Cap() && toks[i].Is(cDet) && toks[i].Is(cAcronymSkip)
	// leading words that are never names: "However", "The", days, months;
	// not a day before a paper's name ("Sunday Telegraph")
	for i < j && d.lx.stopNames.startsAt(toks[:j], i) {
		n, _ := d.lx.stopNames.match(toks[:j], i)
		if n == 0 || toks[i].Is(cStripTitle) || i+n == j-1 && d.lx.orgCues.classTok(&toks[i+n]) == "media" ||
			n == 1 && toks[i].AllCaps() && d.isCountry(toks[i].Text(d.text)) { // "US", not "us"
			break
		}
		i += n
		sentStart = false
	}
	if d.headlineVerb(toks, i, j) {
		i++
	}
	if sentStart && j-i == 1 && strings.HasSuffix(toks[i].Norm, "ly") && len(toks[i].Norm) > 5 {
		return nil
	}
	// "Opposition Ali Khurshidi said": a common word opening the sentence
	// before a name is no part of it
	if sentStart && j-i >= 3 && toks[i].Is(cGenericOrg) && (d.lx.givenNames.hasTok(&toks[i+1]) || d.initialsEnd(toks, i+1, j) > i+1) {
		i++
	}
	if i >= j {
		return nil
	}
	// the names are gathered in a buffer: the caller copies them before it
	// splits the next run
	sp := &splitter{d: d, si: si, toks: toks, first: i, end: j, start: i, sentStart: sentStart, out: d.mem.split[:0]}
	defer func() { d.mem.split = sp.out[:0] }()
	sp.atTitlesAndRoles()
	sp.afterAcronym()
	sp.rest()
	if work && len(sp.out) > 0 && sp.out[0].i == i {
		sp.out = d.workTitle(sp.out)
	}
	return sp.out
}

// headlineVerb reports whether the word at i opens its sentence as a
// headline's verb before a name: "Claims X has failed", "Says party will
// win", "Tarnishing X".
func (d *document) headlineVerb(toks []Token, i, j int) bool {
	if !opensSentence(toks, i) || i+1 >= j || d.lx.givenNames.hasTok(&toks[i]) || d.isPlace(toks[i].Text(d.text)) {
		return false
	}
	if n, _ := d.lx.speech.match(toks[:j], i); n == 1 {
		return true
	}
	return len(toks[i].Norm) > 5 && strings.HasSuffix(toks[i].Norm, "ing") && (toks[i+1].AllCaps() || d.lx.givenNames.hasTok(&toks[i+1]))
}

// opensSentence reports whether token i opens its sentence, after at most
// quotation marks, bullets and dashes.
func opensSentence(toks []Token, i int) bool {
	for k := 0; k < i; k++ {
		if toks[k].Kind == Word || toks[k].Kind == Number {
			return false
		}
	}
	return true
}

// workTitle drops the first of ms when it reads as the title of a work
// after a capitalised "The": a person's name without a given name ("The
// Weakest Link") is none.
func (d *document) workTitle(ms []*mention) []*mention {
	m := ms[0]
	if m.typ != factions.Person || m.titled || d.hasPersonWord(d.toks[m.s][m.i:m.j]) {
		return ms
	}
	return ms[1:]
}

// splitter cuts one capitalised run [first, end) into names.
type splitter struct {
	d          *document
	si         int
	toks       []Token
	first, end int
	start      int // where the name being read starts
	titled     bool
	sentStart  bool
	out        []*mention
}

// emit classifies toks[start:k] as a name.
func (sp *splitter) emit(k int) {
	if k > sp.start {
		if m := sp.d.classify(sp.si, sp.start, k, sp.titled, sp.sentStart && sp.start == sp.first); m != nil {
			sp.out = append(sp.out, m)
		}
	}
}

// atTitlesAndRoles splits the run at personal titles ("Mr", "Dr") and at
// capitalised role nouns ("Punjab Governor Nadir Qazi").
func (sp *splitter) atTitlesAndRoles() {
	toks := sp.toks
	for k := sp.start; k < sp.end; k++ {
		if toks[k].Norm == "(" {
			// a parenthesised qualifier stays with its name
			for k < sp.end && toks[k].Norm != ")" {
				k++
			}
			continue
		}
		if next, ok := sp.atTitle(k); ok {
			k = next
			continue
		}
		if k == sp.start && k != sp.first {
			continue
		}
		if n := sp.roleAt(k); n > 0 && k+n < sp.end {
			sp.emit(sp.modifiersBefore(k))
			sp.start, sp.titled = sp.rolesFrom(k+n), false
			k = sp.start - 1
		}
	}
}

// atTitle splits the run at a personal title at k and returns the index to
// go on after; ok is false when there is none. Inside a run of name words a
// title-like word is part of the name ("Zafar Sultan Khan"), unless it is
// one that never is (Mr, Dr).
func (sp *splitter) atTitle(k int) (next int, ok bool) {
	toks, d := sp.toks, sp.d
	if !d.lx.titles.startsAt(toks[:sp.end], k) {
		return k, false
	}
	n, cls := d.lx.titles.match(toks[:sp.end], k)
	if n == 0 || !strings.HasPrefix(cls, "honorific") || k+n >= sp.end || !toks[k].Is(cStripTitle) ||
		k != sp.start && strings.Contains(cls, "ambiguous") {
		return k, false
	}
	sp.emit(k)
	sp.start, sp.titled = k+n, true
	if toks[k].Is(cPeerage) && k+n+1 == sp.end && !d.titleWord(&toks[k+n]) {
		sp.start = k // "Baroness Valdora", "Lord Halvi": a peer's title is the name
	}
	if sp.start < sp.end && toks[sp.start].Norm == "." {
		sp.start++
	}
	next = sp.start - 1
	if toks[next+1].Is(cPeerage) {
		next++
	}
	return next, true
}

// roleAt returns the length of the capitalised role at k that splits the
// run, or 0. After a given name, a word that can be a title is a middle
// name ("Zafar Sultan Khan", "Imran Raja Malik"); a role word inside an
// organisation's name is part of it ("General Workers Union"); a given
// name that is also a title opens a name ("Amir Tariq Khan").
func (sp *splitter) roleAt(k int) int {
	toks, d := sp.toks, sp.d
	n, c := d.capRole(toks[:sp.end], k)
	if n == 0 {
		return 0
	}
	ambiguous := strings.Contains(c+d.lx.titles.classTok(&toks[k]), "ambiguous")
	switch {
	case d.isOrgCue(&toks[sp.end-1]) && !d.hasPersonWord(toks[k+n:sp.end]):
		return 0
	case n == 1 && k == sp.start && k+2 < sp.end && ambiguous && d.lx.givenNames.hasTok(&toks[k]) && d.lx.givenNames.hasTok(&toks[k+1]):
		return 0
	case k > sp.start && ambiguous && d.lx.givenNames.hasTok(&toks[k-1]) && !toks[k-1].AllCaps():
		return 0
	}
	return n
}

// rolesFrom returns the end of the capitalised roles that follow one
// another from k ("Deputy CM X", "Federal Minister Senator X"), leaving at
// least one word for the name.
func (sp *splitter) rolesFrom(k int) int {
	for k < sp.end {
		n, _ := sp.d.capRole(sp.toks[:sp.end], k)
		if n == 0 || k+n >= sp.end {
			break
		}
		k += n
	}
	return k
}

// modifiersBefore returns where the capitalised role modifiers before the
// role at k start ("Acting", "Senior Vice" of "NUP Sindh Acting President"):
// they belong to the role, not to the name before it. A modifier that is
// also an organisation's or a place's word ("Labour", "National") stays.
func (sp *splitter) modifiersBefore(k int) int {
	for k > sp.start {
		t := sp.toks[k-1]
		if !t.Cap() || t.AllCaps() || !t.Is(cRoleMod) || !sp.d.lx.roleMods.hasTok(&t) || t.Is(cOrgCue) || sp.d.isPlace(t.Text(sp.d.text)) {
			break
		}
		k--
	}
	return k
}

// afterAcronym splits "CJP Qazi Faez Isa", "Pakistan Peoples Party Mohammad
// Ali Shah" (a name after an acronym or an organisation's last word) and
// "JND Malaysia" (an acronym followed by a place).
func (sp *splitter) afterAcronym() {
	toks, d := sp.toks, sp.d
	if sp.titled {
		return
	}
	for k := sp.start + 1; k < sp.end-1; k++ {
		// not before an organisation's last word: "the Lok Vikas Party" is one name
		if d.lx.givenNames.hasTok(&toks[k]) && (toks[k-1].AllCaps() && k-1 == sp.start && !isInitials(toks[k-1].Text(d.text)) || d.orgCueEndsAt(toks, sp.start, k)) && toks[k+1].Cap() &&
			!d.orgCueEndsAt(toks, k+1, sp.end) {
			sp.emit(k)
			sp.start = k
			break
		}
	}
	if sp.start < sp.end-1 && toks[sp.start].AllCaps() && d.isPlace(d.text[toks[sp.start+1].Start():toks[sp.end-1].End()]) && !d.isPlace(toks[sp.start].Text(d.text)) {
		sp.emit(sp.start + 1)
		sp.start++
	}
}

// rest classifies what is left of the run, without a role at its end.
func (sp *splitter) rest() {
	toks, d := sp.toks, sp.d
	if sp.start >= sp.end {
		return
	}
	end := sp.end
	if !sp.titled {
		for r := sp.start + 1; r < sp.end; r++ {
			if n, c := d.capRole(toks[:sp.end], r); n > 0 && r+n == sp.end && !d.surnameTitle(toks, r, n, c) {
				end = sp.modifiersBefore(r) // "NUPF MEPs", "the Chief Minister,": a role is not part of a name
				break
			}
		}
		if n, _ := d.capRole(toks[:sp.end], sp.start); n > 0 && sp.start+n == sp.end {
			return
		}
	}
	sp.emit(end)
}

// titleWord reports whether a word is a title or a role ("Chancellor" of
// "Lord Chancellor").
func (d *document) titleWord(t *Token) bool {
	return t.Is(cTitle) && d.lx.titles.hasTok(t) || t.Is(cRole) && d.lx.roles.hasTok(t)
}

// surnameTitle reports whether the title of n words at toks[r], of class
// c, is a surname after a given name ("Tom Major", "Ann King"): one word
// that the lexicon marks as also a name.
func (d *document) surnameTitle(toks []Token, r, n int, c string) bool {
	return n == 1 && r > 0 && !toks[r].AllCaps() && d.lx.givenNames.hasTok(&toks[r-1]) && !toks[r-1].AllCaps() &&
		(strings.Contains(c, "ambiguous") || strings.Contains(d.lx.titles.classTok(&toks[r]), "ambiguous"))
}

// capRole matches a capitalised role noun phrase at toks[k] ("Governor",
// "Chief Minister", "Secretary General"), returning its length.
func (d *document) capRole(toks []Token, k int) (int, string) {
	if !toks[k].Cap() {
		return 0, ""
	}
	if toks[k].AllCaps() {
		// "MEPs", "MNA": an acronym that is a role
		low := strings.TrimSuffix(toks[k].Norm, "s")
		if c := d.lx.roles.class(low); c != "" && len(low) <= 4 {
			return 1, c
		}
		return 0, ""
	}
	n, cls := 0, ""
	if d.lx.roles.startsAt(toks, k) {
		n, cls = d.lx.roles.match(toks, k)
	}
	if n == 0 {
		if d.lx.titles.startsAt(toks, k) {
			if tn, tc := d.lx.titles.match(toks, k); tn > 0 && (strings.HasPrefix(tc, "office") || strings.HasPrefix(tc, "rank")) {
				return tn, tc
			}
		}
		// "Ministers", "Governors": a role in the plural
		if w := toks[k].Norm; strings.HasSuffix(w, "s") && len(w) > 4 && k+1 < len(toks) && toks[k+1].Cap() {
			if c := d.lx.roles.class(strings.TrimSuffix(w, "s")); c != "" {
				return 1, c
			}
		}
		return 0, ""
	}
	if !allCap(toks[k : k+n]) {
		return 0, ""
	}
	// roles overlap: "Additional Secretary" and "Secretary General" make
	// "Additional Secretary General", whose last word is no name's
	for {
		last := k + n - 1
		m, c := d.lx.roles.match(toks, last)
		if m <= 1 || last+m > len(toks) || !allCap(toks[last:last+m]) {
			break
		}
		n, cls = last+m-k, c
	}
	return n, cls
}

// allCap reports whether every token starts with a capital.
func allCap(toks []Token) bool {
	for it := range toks {
		t := &toks[it]
		if !t.Cap() {
			return false
		}
	}
	return true
}

// classify makes a mention of toks[i:j] of sentence si and decides its
// type; nil when the words name nothing.
func (d *document) classify(si, i, j int, titled, sentStart bool) *mention {
	toks := d.toks[si]
	// trailing connectors, particles and sentence words ("European Union
	// In his speech" with a lost full stop) are not part of a name
	for j > i+1 && (!toks[j-1].Cap() && toks[j-1].Norm != ")" && toks[j-1].Kind != Number || toks[j-1].Is(cFunction)) {
		j--
	}
	if j-i == 1 && toks[i].Is(cUnitModifier) && j < len(toks) {
		if n, _ := d.capRole(toks, j); n > 0 {
			return nil // "the Union Home Minister": the role's word
		}
	}
	m := d.mem.mentions.new(mention{s: si, i: i, j: j, titled: titled,
		span: Span{Start: toks[i].Start(), End: toks[j-1].End()}})
	m.name = visible(d.text[m.span.Start:m.span.End])
	typ, weak, ok := d.nameType(toks, i, j, titled, sentStart, m.name)
	if !ok {
		return nil
	}
	m.typ, m.weak = typ, weak
	if typ == factions.Person && j-i == 1 && i > 0 && toks[i-1].Is(cKin) && !toks[i-1].Cap() {
		m.named = true // "his wife X", "sister X and brother Y"
	}
	return m
}

// nameType decides the type of the name toks[i:j] from its words and the
// words around it: the first rule that applies wins. ok is false when the
// words name no entity.
func (d *document) nameType(toks []Token, i, j int, titled, sentStart bool, name string) (typ factions.EntityType, weak, ok bool) {
	n := j - i
	first, last := &toks[i], &toks[j-1]
	prev := normAt(toks, i-1)
	switch {
	case titled:
		return factions.Person, false, true
	case d.namesNothing(toks, i, j, name):
		return "", false, false
	case first.Is(cInstitution) && d.lx.institutions.has(strings.ToLower(name)):
		return factions.Organization, false, true // "Downing Street", "Holyrood": the institution housed there
	case first.Is(cOutlet) && d.lx.outlets.has(strings.ToLower(name)):
		return factions.Organization, false, true // "Dawn", "Reuters": a news outlet
	case n >= 2 && d.lx.things.hasTok(last) && !d.hasOrgCue(toks[i:j]):
		return "", false, false // "Maastricht Treaty", "Greater London Act"
	case n >= 2 && d.lx.placeHeads.hasTok(last):
		return factions.Place, false, true // "Adiala Jail", "Jackson Heights"
	case n == 1 && sentStart && (first.Is(cGenericOrg) || d.lx.orgCues.classTok(first) == "media") && j < len(toks) && toks[j].Kind == Word && !toks[j].Cap():
		return "", false, false // "Party insiders said", "News of the review": a common word, not a name
	case i > 1 && (prev == "called" || prev == "named" || prev == "dubbed") && d.isOrgCue(&toks[i-2]) &&
		!(i > 2 && (toks[i-3].Norm == "the" || i == 3)):
		return factions.Organization, false, true // "a new party called Veritas"
	}
	return d.nameTypeByLexicon(toks, i, j, name)
}

// namesNothing reports whether the words toks[i:j] name no entity: words
// of belonging ("Hindu", "Dalit", "Independent"), a level word before a
// noun ("Union territory"), a reference ("Article 213", "Section 15").
func (d *document) namesNothing(toks []Token, i, j int, name string) bool {
	if d.belonging(toks[i:j]) {
		return true
	}
	first := &toks[i]
	if j-i == 1 && first.Is(cUnitModifier) && j < len(toks) && toks[j].Kind == Word && !toks[j].Cap() {
		return true // "Union territory", "State elections": a level word
	}
	if j-i == 1 && first.Is(cGroupNoun) {
		return true // "Insiders said": a group of people
	}
	return j-i == 1 && j < len(toks) && toks[j].Kind == Number && !first.AllCaps() && !d.isPlace(name) &&
		d.lx.orgCues.classTok(first) != "media"
}

// belonging reports whether every word of toks is a word of religion,
// caste, language or independence ("Dalit Hindu", "Independent").
func (d *document) belonging(toks []Token) bool {
	for it := range toks {
		t := &toks[it]
		if !t.Is(cBelonging) {
			return false
		}
	}
	return len(toks) > 0
}

// nameTypeByLexicon types a name by the lexicons: parties, the gazetteer,
// organisation cue words.
func (d *document) nameTypeByLexicon(toks []Token, i, j int, name string) (typ factions.EntityType, weak, ok bool) {
	n := j - i
	first, last := &toks[i], &toks[j-1]
	switch {
	case n >= 2 && (last.Norm == "office" || last.Norm == "headquarters" || last.Norm == "secretariat"):
		return factions.Organization, false, true
	case first.Is(cParty) && last.Is(cPartyLast) && !last.Is(cOrgCue) && d.partyName(name):
		// (a name that ends in a cue word, "X Party", is the cue rule's)
		return factions.Organization, false, true // "Lib Dems", "Tories": a party the lexicon knows
	case n >= 2 && d.localParty(last) && !d.hasPersonWord(toks[i:j]) && !d.isPlace(name):
		return factions.Organization, false, true // "Ashcombe Tories": a party's local unit
	case d.beforePartyWord(toks, i, j):
		return factions.Organization, false, true // "the Tory party": a name before a lower-case party word
	case d.isPlace(name):
		return factions.Place, false, true
	case d.hasOrgCue(toks[i:j]) && !(n == 1 && adjectival(first.Norm)):
		return factions.Organization, false, true
	}
	return d.nameTypeByShape(toks, i, j)
}

// nameTypeByShape types a name no cue word types: acronyms are
// organisations, names after "in" places, names with a given name persons.
func (d *document) nameTypeByShape(toks []Token, i, j int) (typ factions.EntityType, weak, ok bool) {
	n := j - i
	first := &toks[i]
	prev := normAt(toks, i-1)
	switch {
	case n == 1 && first.AllCaps() && strings.ContainsAny(first.Text(d.text), "0123456789"):
		return "", false, false // "NA-129": a constituency or a code
	case d.initialled(toks, i, j):
		return factions.Person, false, true // "A.B. Surname", "R. Surname"
	case n >= 2 && d.initialsEnd(toks, i, j) == i && d.hasAcronym(toks[i+1:j]):
		return factions.Organization, false, true // "Delhi BJP": a party's unit
	case first.AllCaps() && utf8.RuneCountInString(first.Text(d.text)) <= 8:
		return factions.Organization, false, true
	case (prev == "in" || prev == "at" || prev == "near") && normAt(toks, j) != "'s" && !first.AllCaps() &&
		!d.hasOrgCue(toks[i:j]) && !d.lx.givenNames.hasFirstPart(first) && !d.lx.titles.hasTok(first):
		return factions.Place, false, true // "in Kampung Baru", "at Agrabad"
	case n == 2 && d.directional(first) && !d.lx.givenNames.hasTok(&toks[i+1]),
		n >= 2 && d.directional(&toks[j-1]) && !d.hasPersonWord(toks[i:j]):
		return factions.Place, false, true // "East Bengal", "North-West Leeds", "Bristol North-West"
	case d.lx.givenNames.hasFirstPart(first):
		return factions.Person, false, true
	}
	return d.nameTypeByWords(toks, i, j)
}

// nameTypeByWords types what is left: ordinary words name nothing, a run of
// name words is a person, "the Tories" a party, a lone word a weak person.
func (d *document) nameTypeByWords(toks []Token, i, j int) (typ factions.EntityType, weak, ok bool) {
	n := j - i
	first := &toks[i]
	switch {
	case d.ledByRole(toks, j):
		return factions.Organization, false, true // "Valdora Sammilito's leader X": what has leaders and members
	case n >= 2 && d.commonWords(toks[i:j]):
		return "", false, false // "Criminal Procedure", "Approaching Catastrophe"
	case n >= 2 && n <= 5 && allNameWords(toks[i:j]):
		return factions.Person, false, true
	case n == 1 && lowerTail(first.Text(d.text)):
		return "", false, false
	case n == 1 && normAt(toks, i-1) == "the" && strings.HasSuffix(first.Text(d.text), "s") && !first.AllCaps() && len(first.Text(d.text)) > 4:
		// "the Tories", "the Democrats": a capitalised plural is a party
		return factions.Organization, false, true
	case n == 1 && d.placeEnding(first):
		return factions.Place, false, true // "Kolhapur", "Shivnagar"
	case n == 1 && camelCase(first.Text(d.text)):
		return factions.Organization, false, true // "NatLink", "HomeStar": a brand
	case n == 1 && d.lx.roles.has(strings.TrimSuffix(first.Norm, "s")):
		return "", false, false // "the Chief Ministers of": a role in the plural
	case n == 1 && d.roleOf(toks, i):
		return factions.Organization, false, true // "co-director of Valdora": the role's organisation
	case n == 1:
		return factions.Person, true, true
	}
	return "", false, false
}

// ledByRole reports whether a possessive at token j is followed by a role
// of an organisation's head, chair, founder or members ("'s leader", "'s
// general secretary", "'s workers"), which a person does not have.
func (d *document) ledByRole(toks []Token, j int) bool {
	if j+1 >= len(toks) || toks[j].Norm != "'s" {
		return false
	}
	k := j + 1
	for k < len(toks) && toks[k].Is(cRoleMod) && !toks[k].Is(cRole) {
		k++ // "'s central leader"
	}
	n, c := d.lx.roles.match(toks, k)
	if n == 0 || strings.HasSuffix(c, "/place") {
		return false
	}
	for _, cls := range []string{"head/", "chair/", "founder/", "member/"} {
		if strings.HasPrefix(c, cls) {
			return true
		}
	}
	return c == "post/org" // "'s general secretary", "'s treasurer"
}

// camelCase reports whether a word has a capital after a lower-case letter
// ("NatLink") and opens with none of the particles of names written so
// ("McAdam", "MacLeod", "DeSouza", "LaRue", "FitzGerald", "VanDyke").
func camelCase(w string) bool {
	inner := false // a capital, or a character not ASCII, after the first
	for i := 1; i < len(w) && !inner; i++ {
		inner = w[i] >= utf8.RuneSelf || 'A' <= w[i] && w[i] <= 'Z'
	}
	if !inner {
		return false // no hump, as in most words
	}
	for _, p := range []string{"Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Fitz", "Du"} {
		if strings.HasPrefix(w, p) && len(w) > len(p) && w[len(p)] >= 'A' && w[len(p)] <= 'Z' {
			return false
		}
	}
	lower, humps := false, 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r) && lower:
			humps++
			lower = false
		case !unicode.IsLetter(r):
			return false
		}
	}
	// one inner capital, in a word of five letters or more: not "PhD", not
	// a row of share buttons run together
	return humps == 1 && len(w) >= 5
}

// roleOf reports whether the name at token i follows "ROLE of [the]" as
// the role's organisation ("co-director of Valdora"), not as a word of the
// role ("Secretary of State").
func (d *document) roleOf(toks []Token, i int) bool {
	k := i - 1
	if k >= 0 && toks[k].Is(cDet) && toks[k].Is(cAcronymSkip) {
		k--
	}
	// "of" only: "spokesman for", "candidate for" name what the post is for
	if k < 1 || !toks[k].Is(cOrgJoiner) || toks[k].Is(cSeat) || !toks[k-1].Is(cRoleLast) || toks[i].Is(cGenericOrg) || toks[i].Is(cUnitModifier) {
		return false
	}
	for s := k - 1; s >= 0 && s >= k-4; s-- {
		n, c := d.lx.roles.match(toks, s)
		if n > 0 && s+n == k {
			// a role of an organisation ("editor of", "co-director of"),
			// not a minister's portfolio ("Minister for Children")
			return !strings.HasSuffix(c, "/place") && !toks[k-1].Cap()
		}
		if n > k-s {
			return false // the role goes on past "of"
		}
	}
	return false
}

// directional reports whether a word is a direction, or directions joined
// by hyphens ("North", "North-West").
func (d *document) directional(t *Token) bool {
	if t.Is(cDirection) {
		return true
	}
	if !strings.ContainsRune(t.Norm, '-') {
		return false
	}
	for p := range strings.SplitSeq(t.Norm, "-") {
		if !d.lx.is(p, cDirection) {
			return false
		}
	}
	return true
}

// placeEnding reports whether a word ends as South Asian place names do
// ("-pur", "-abad", "-nagar"), with at least three letters before the
// ending, and is no given name.
func (d *document) placeEnding(t *Token) bool {
	if t.Kind != Word || t.AllCaps() || t.Is(cGivenName) && d.lx.givenNames.hasTok(t) {
		return false
	}
	for _, e := range d.lx.placeEndings {
		if len(t.Norm) >= len(e)+3 && strings.HasSuffix(t.Norm, e) && !strings.ContainsRune(t.Norm, '-') {
			return true
		}
	}
	return false
}

// hasAcronym reports whether a word of toks is an acronym of capitals:
// not initials ("H.D.", "LK" before a name), a place's abbreviation, a
// Roman numeral or an honour after a name ("QC", "OBE").
func (d *document) hasAcronym(toks []Token) bool {
	for k, t := range toks {
		if t.Kind != Word || !t.AllCaps() || isInitials(t.Text(d.text)) || romanNumeral(t.Text(d.text)) || d.isPlace(t.Text(d.text)) || t.Is(cSuffix) {
			continue
		}
		if len(t.Text(d.text)) <= 2 && k+1 < len(toks) && toks[k+1].Cap() && !toks[k+1].AllCaps() {
			continue // initials without dots
		}
		return true
	}
	return false
}

// romanNumeral reports whether w is written in Roman numerals (II, XIV).
func romanNumeral(w string) bool {
	return strings.Trim(w, "IVXLCDM") == ""
}

// initialsEnd returns the index after the initials that open toks[i:j]
// ("H.D.", "R." written as a letter and a dot, "R.S." glued, "HD" without
// dots when it is no place's abbreviation), or i.
func (d *document) initialsEnd(toks []Token, i, j int) int {
	k := i
	for k < j {
		switch t := &toks[k]; {
		case t.Kind == Word && isInitials(t.Text(d.text)):
			k++
		case t.Kind == Word && len(t.Text(d.text)) == 1 && t.Cap() && k+1 < j && toks[k+1].Norm == ".":
			k += 2
		case k == i && t.Kind == Word && len(t.Text(d.text)) == 2 && isUpperASCII(t.Text(d.text)) && !d.isPlace(t.Text(d.text)):
			k++
		default:
			return k
		}
	}
	return k
}

// isUpperASCII reports whether w is made of the letters A to Z only.
func isUpperASCII(w string) bool {
	for k := 0; k < len(w); k++ {
		if w[k] < 'A' || w[k] > 'Z' {
			return false
		}
	}
	return w != ""
}

// isInitials reports whether a word is dotted initials: single capital
// letters each followed by a dot ("H.D.", "U.S.").
func isInitials(w string) bool {
	if len(w) < 2 {
		return false
	}
	for k := 0; k < len(w); k += 2 {
		if w[k] < 'A' || w[k] > 'Z' || k+1 >= len(w) || w[k+1] != '.' {
			return false
		}
	}
	return true
}

// initialled reports whether toks[i:j] is initials followed by name words
// that are not acronyms: "H.D. Kumarappa", "R. Selvan", a person.
func (d *document) initialled(toks []Token, i, j int) bool {
	k := d.initialsEnd(toks, i, j)
	if k == i || k == j {
		return false
	}
	for it := range toks[k:j] {
		t := &toks[k:j][it]
		if t.Kind != Word || !t.Cap() || t.AllCaps() {
			return false
		}
	}
	return true
}

func allNameWords(toks []Token) bool {
	for it := range toks {
		t := &toks[it]
		if t.Kind != Word {
			return false
		}
	}
	return true
}

// beforePartyWord reports whether the name toks[i:j] stands inside a
// sentence before a lower-case generic word for a party ("the Tory party",
// "the Veritas party"), and is no given name and no adjective ("an Islamist
// party", "a Pakistani party").
func (d *document) beforePartyWord(toks []Token, i, j int) bool {
	if j >= len(toks) || i == 0 || toks[i-1].Kind != Word {
		return false
	}
	next, last := toks[j], toks[j-1]
	if next.Kind != Word || next.Cap() || !next.Is(cGenericOrg) || !next.Is(cOrgCue) || d.lx.orgCues.classTok(&next) != "party" {
		return false
	}
	return !d.lx.givenNames.hasTok(&toks[i]) && !toks[i].Is(cGenericOrg) && !adjectival(last.Norm) && !strings.HasSuffix(last.Norm, "i")
}

// isCountry reports whether a name is a country's in the gazetteer, as
// written when short ("US").
func (d *document) isCountry(name string) bool {
	p, ok := d.lx.place(name)
	return ok && p.Kind == "country" && d.isPlace(name)
}

// partyName reports whether a name is one the party lexicon gives a party
// without needing context ("Lib Dems", not "Labour" or "Congress").
func (d *document) partyName(name string) bool {
	for _, f := range d.partiesOf(name) {
		if !f.ambiguous {
			return true
		}
	}
	return false
}

// isPlace reports whether a name is in the gazetteer.
func (d *document) isPlace(name string) bool {
	p, ok := d.lx.place(name)
	if ok && len(p.Name) <= 3 && isUpperWord(p.Name) {
		return name == p.Name // "US", "UP" only as written
	}
	return ok
}

// hasOrgCue reports whether the name holds an organisation cue word (Party,
// Assembly, Committee) as one of its words.
func (d *document) hasOrgCue(toks []Token) bool {
	for k := 0; k < len(toks); k++ {
		t := &toks[k]
		if t.Kind != Word || !t.Cap() {
			continue
		}
		if n, _ := d.lx.orgCues.match(toks, k); n > 0 {
			return true
		}
		if strings.IndexByte(t.Norm, '-') < 0 {
			// one part, the word: its classes say it without a look-up
			if c := d.lx.orgCues.classTok(t); c != "" && len(t.Norm) > 2 {
				return true
			}
			continue
		}
		for part := range strings.SplitSeq(t.Norm, "-") {
			if c := d.lx.orgCues.class(part); c != "" && len(part) > 2 {
				return true
			}
		}
	}
	return false
}

// acronymMarks drops the hyphens and dots of an acronym ("S.-P.").
var acronymMarks = strings.NewReplacer("-", "", ".", "")

// acronymOf reports whether acr is the acronym of the name toks of text: the first
// letters of its words (an all-capitals word counts whole, particles and
// lower-case words are skipped, hyphenated parts count separately).
func acronymOf(text string, toks []Token, acr string) bool {
	want := strings.ToUpper(acronymMarks.Replace(acr))
	if len(want) < 2 {
		return false
	}
	var words []string
	for it := range toks {
		t := &toks[it]
		if t.Kind != Word || len(words) == 0 && (t.Norm == "the" || t.Norm == "a" || t.Norm == "an") {
			continue
		}
		words = append(words, strings.Split(t.Text(text), "-")...)
	}
	return acronymWords(words, want)
}

// acronymWords reports whether the words make the acronym, allowing
// lower-case function words to be either skipped or counted.
func acronymWords(words []string, want string) bool {
	caps, full := acronymForms(words)
	return caps != "" && caps == want || full == want
}

// acronymForms returns the two acronyms words can make: of their capitals
// ("" when a lower-case word other than "of", "and" stands between them),
// and of every word's first letter.
func acronymForms(words []string) (caps, full string) {
	lx, _ := loadLexicons()
	var fullB, capsB strings.Builder
	capsOK := true
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if r == utf8.RuneError {
			continue
		}
		up := isUpperWord(w)
		if up && len(w) <= 5 {
			fullB.WriteString(w)
			capsB.WriteString(w)
			continue
		}
		fullB.WriteRune(unicode.ToUpper(r))
		if unicode.IsUpper(r) {
			capsB.WriteRune(r)
		} else if lx == nil || !lx.is(w, cAcronymSkip) {
			capsOK = false // "UDF political committee" is not "UDF"
		}
	}
	if !capsOK {
		return "", fullB.String()
	}
	return capsB.String(), fullB.String()
}

func isUpperWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 1
}

// commonWords reports whether a capitalised run holds an ordinary word
// (one the stop list knows) and no given name: a title or a phrase, not a
// person.
func (d *document) commonWords(toks []Token) bool {
	for it := range toks {
		t := &toks[it]
		if d.lx.givenNames.hasTok(t) {
			return false
		}
	}
	for it := range toks {
		t := &toks[it]
		if d.lx.stopNames.hasTok(t) || strings.HasSuffix(t.Norm, "ing") || d.lx.roles.hasTok(t) {
			return true
		}
	}
	return false
}

// lowerTail reports whether a hyphenated word ends in a lower-case part of
// three letters or more ("Ex-minister", "Anti-graft"): a word, not a name.
func lowerTail(w string) bool {
	k := strings.LastIndexByte(w, '-')
	if k < 0 || len(w)-k-1 < 3 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w[k+1:])
	return unicode.IsLower(r)
}

// adjectival reports whether a word reads as an adjective ("Islamist",
// "Democratic", "National"), which names no organisation on its own.
func adjectival(w string) bool {
	for _, suf := range []string{"ist", "ic", "al", "ive", "an", "ish"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}
