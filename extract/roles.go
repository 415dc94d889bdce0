package extract

import (
	"strings"

	"github.com/factions/factions"
)

// rolePhrase is a role phrase read off the tokens: "former NRF deputy
// convener", "the party's spokesman".
type rolePhrase struct {
	role   string   // the role words, lower case: "deputy convener"
	noun   string   // the role noun as roles.tsv lists it: "convener", "chief minister"
	mods   []string // the modifiers before the role noun: "deputy", "acting"
	cls    string   // the role noun's class/scope in roles.tsv: "head/org"
	obj    *entity  // the organisation or place the phrase names, or nil
	former bool
	indef  bool // "a spokesman", "ex-NRF leader": one of several
	owned  bool // a possessive names the role's organisation, resolved or not
	// place is the place of a party's local unit the phrase names between
	// the party and the role: "PTI Punjab president" (obj is the party)
	place *entity
	// partyStill: the organisation stands before "former" ("Tory
	// ex-minister"): a membership it gives is not over
	partyStill bool
	// seatParty is the party named before a seat's role and its
	// constituency ("Congress MLA from Y X", "party MLA from Y X"): the
	// holder of the seat is its member
	seatParty *entity
	start     int // the token the phrase starts at
	end       int // the token after the role noun
}

// class returns the role noun's class (head, post, member, founder).
func (p rolePhrase) class() string { c, _, _ := strings.Cut(p.cls, "/"); return c }

// scope returns the role noun's scope (org, place, both).
func (p rolePhrase) scope() string { _, s, _ := strings.Cut(p.cls, "/"); return s }

// descriptor is a role the text gives a person: "NRF spokesman X", "X, the
// party's deputy convener,", "X was named secretary general".
type descriptor struct {
	rolePhrase
	person *entity
	sent   int
	at     int // offset of the words that state it
	from   int // offset where its clause starts
	// appositive descriptors describe a name ("NRF spokesman X"): the
	// reporter's words even inside reported speech
	appositive bool
	// appointed: the role is given by an appointment ("X was named acting
	// president"), in the party the article is about when none is named
	appointed bool
}

// roleSet is the result of the roles stage: the roles given to named
// persons, in text order.
type roleSet struct {
	list []*descriptor
}

// findRoles is the roles stage: the role phrases set before a person's name
// ("Sindh Governor X"), in apposition after it ("X, the convener of Y,") and
// in a copula or appointment that follows the name ("X was named ROLE").
func findRoles(es *entitySet) *roleSet {
	rs := &roleSet{}
	for si := range es.sents {
		var listed map[*entity]bool // made for a sentence with a role list: most have none
		for _, dd := range es.roleLists(si) {
			if listed == nil {
				listed = map[*entity]bool{}
			}
			rs.list = append(rs.list, dd)
			listed[dd.person] = true
		}
		for m := range es.mentionsOf(si, factions.Person) {
			if dd := es.roleBeforeName(si, m); dd != nil && !listed[m.ent] {
				rs.list = append(rs.list, dd)
				if dd.seatParty != nil {
					member := *dd
					member.rolePhrase = rolePhrase{role: "member", cls: "member/org", obj: dd.seatParty, start: dd.start, end: dd.end}
					rs.list = append(rs.list, &member)
				}
			}
			rs.list = append(rs.list, es.rolesAfterName(si, m)...)
		}
	}
	return rs
}

// listItem is a name of a list after a role, and the constituency given
// with it ("X (Y)", "Y (X)", "X from Y").
type listItem struct {
	person, place *ref
}

// roleLists reads the lists of names a plural role gives its role to:
// "Congress MLAs X (Y), Z (W) and V (U)", "Congress MLAs of Y (X) and W
// (Z)", "two Congress MLAs, X from Y and Z from W", "members A, B, C and D":
// each name gets the role, and the seat of the constituency given with it.
func (es *entitySet) roleLists(si int) []*descriptor {
	if !es.sentMasks[si].has(cRoleLast) {
		return nil // no role noun
	}
	toks := es.toks[si]
	var out []*descriptor
	for e := 1; e < len(toks); e++ {
		if !toks[e-1].Is(cRoleLast) || !strings.HasSuffix(toks[e-1].Norm, "s") {
			continue
		}
		// the list first: most plural role nouns have none after them, and
		// the role phrase is dearer to read
		x := e
		if w := toks[x].Norm; w == "of" || w == "," || w == ":" {
			x++
		}
		items := es.listItems(si, x)
		if len(items) < 2 && !(len(items) == 1 && items[0].place != nil) {
			continue
		}
		rp, ok := es.roleEndingAt(si, e)
		if !ok {
			continue
		}
		seat := rolePhrase{role: strings.TrimSuffix(rp.noun, "s"), noun: strings.TrimSuffix(rp.noun, "s"), cls: rp.cls, former: rp.former, start: rp.start, end: e}
		for _, it := range items {
			d := &descriptor{rolePhrase: rp, person: it.person.ent, sent: si, at: it.person.span.Start, from: toks[rp.start].Start(), appositive: true}
			out = append(out, d)
			if it.place != nil {
				s := seat
				s.obj = it.place.ent
				out = append(out, &descriptor{rolePhrase: s, person: it.person.ent, sent: si, at: it.person.span.Start, from: toks[rp.start].Start(), appositive: true})
			}
		}
	}
	return out
}

// listItems reads a list of names from token x: names alone or with a
// place in brackets or after "from", separated by commas, "and" and "as
// well as".
func (es *entitySet) listItems(si, x int) []listItem {
	toks := es.toks[si]
	var out []listItem
	closing := false // after "and": the item that follows is the last
	for x < len(toks) {
		a := es.startsAt(si, titleStart(toks, x))
		if a == nil {
			for x < len(toks) && toks[x].Cap() && toks[x].Is(cStripTitle) || normAt(toks, x) == "." {
				x++ // "Mr X"
			}
			a = es.startsAt(si, x)
		}
		if a == nil {
			break
		}
		it, next := es.listItem(si, a)
		if it.person == nil {
			break
		}
		out = append(out, it)
		if next <= x || closing {
			// a mention that opens before x makes no progress; "A, B and
			// C, D said": the list ends with C
			break
		}
		x = next
		for x < len(toks) && (toks[x].Norm == "," || toks[x].Norm == "and" || toks[x].Norm == "as" || toks[x].Norm == "well") {
			closing = closing || toks[x].Norm == "and" || toks[x].Norm == "well"
			x++
		}
	}
	return out
}

// listItem reads one item of a list that starts with mention a; it returns
// the token after it.
func (es *entitySet) listItem(si int, a *ref) (listItem, int) {
	toks := es.toks[si]
	var b *ref
	next := a.j
	switch {
	case normAt(toks, a.j) == "(" && normAt(toks, a.j+2) == ")" || normAt(toks, a.j) == "(" && es.at(si, a.j+1) != nil:
		b = es.startsAt(si, a.j+1)
		if b != nil && normAt(toks, b.j) == ")" {
			next = b.j + 1
		} else {
			b = nil
		}
	case normAt(toks, a.j) == "from":
		if b = es.startsAt(si, a.j+1); b != nil {
			next = b.j
		}
	}
	switch {
	case a.ent.typ == factions.Person && (b == nil || b.ent.typ == factions.Place):
		return listItem{person: a, place: b}, next
	case a.ent.typ == factions.Place && b != nil && b.ent.typ == factions.Person:
		return listItem{person: b, place: a}, next
	}
	return listItem{}, next
}

// roleEndingAt reads a role phrase that ends just before token k: "NRF
// spokesman", "Sindh Governor", "former Karachi nazim", "ex-NRF leader",
// "Labour election campaign coordinator".
func (es *entitySet) roleEndingAt(si, k int) (rolePhrase, bool) {
	toks := es.toks[si]
	p := rolePhrase{start: -1, end: k}
	if k == 0 {
		return p, false
	}
	if t := &toks[k-1]; !t.Is(cRoleLast) {
		if t.Kind != Word || strings.IndexByte(t.Norm, '-') < 0 {
			return p, false // no role, and no "ex-minister" (exRoleEndingAt)
		}
		return es.exRoleEndingAt(si, k)
	}
	for s := k - 1; s >= 0 && s >= k-4; s-- {
		if es.at(si, s) != nil {
			break // "Labour MP": a name is not part of the role
		}
		if !es.lx.roles.startsAt(toks[:k], s) {
			continue
		}
		if n, c := es.lx.roles.match(toks[:k], s); n > 0 && s+n == k {
			p.start, p.cls = s, c
		}
	}
	if p.start < 0 {
		return p, false
	}
	rs := p.start
	p.noun = words(toks[rs:k])
	p.start = es.roleModifiersBefore(si, rs)
	for it := range toks[p.start:rs] {
		t := &toks[p.start:rs][it]
		p.mods = append(p.mods, t.Norm)
	}
	p.start = es.freeWordsBefore(si, p.start)
	p.role = es.lower(visible(es.text[toks[p.start].Start():toks[k-1].End()]))
	if strings.Contains(p.role, "new") {
		for _, w := range []string{"new ", "newly-elected ", "newly-appointed "} {
			p.role = strings.Replace(p.role, w, "", 1) // the post, not its newness
		}
	}
	// "a party leader": the role names its organisation itself
	if strings.HasPrefix(p.role, "party ") {
		p.obj = es.orgBefore(toks[p.start].Start())
	}
	es.roleOwner(si, &p)
	start := p.start
	es.formerBefore(si, &p)
	if p.obj == nil && p.start < start {
		// "Tory ex-minister X", "Tory former minister X": the party before
		// "former" is the person's still; only the post is over
		if es.roleOwner(si, &p); p.obj != nil {
			p.partyStill = true
		}
	}
	return p, true
}

// exRoleEndingAt reads a role written as one hyphenated word with "ex"
// before it, ending just before token k: "Tory ex-minister", "ex-chairman".
// The post is over; an organisation before it is the person's still.
func (es *entitySet) exRoleEndingAt(si, k int) (rolePhrase, bool) {
	t := &es.toks[si][k-1]
	pre, noun, ok := strings.Cut(t.Norm, "-")
	if !ok || t.Kind != Word || !es.lx.former.has(pre) {
		return rolePhrase{start: -1, end: k}, false
	}
	cls := es.lx.roles.class(noun)
	if cls == "" {
		return rolePhrase{start: -1, end: k}, false
	}
	p := rolePhrase{role: t.Norm, noun: noun, cls: cls, former: true, start: k - 1, end: k}
	if es.roleOwner(si, &p); p.obj != nil {
		p.partyStill = true
	}
	return p, true
}

// unitPlace reports whether a party can have a local unit in place p: a
// state, province, region or city, not a country nor a legislature's seat
// ("Holyrood").
func (es *entitySet) unitPlace(p *entity) bool {
	pl, ok := es.lx.place(p.name)
	if !ok || pl.Kind == "country" || pl.Kind == "continent" {
		return false
	}
	return es.lx.orgCues.class(es.lower(p.name)) != "legislature"
}

// legislatureRole reads "SNP Holyrood leader", "Congress Lok Sabha
// leader": a legislature named before a role qualifies it, and the party
// before the legislature is the role's organisation ("holyrood leader" of
// the SNP), a post, not its headship.
func (es *entitySet) legislatureRole(si int, p *rolePhrase) {
	if p.obj == nil || !isLegislature(p.obj) {
		return
	}
	toks := es.toks[si]
	y := p.start
	if prevNorm(toks, y) == "'s" {
		y-- // "the UDF's Senate leader"
	}
	party := es.orgEndingAt(si, y)
	if party == nil || isLegislature(party.ent) {
		return
	}
	leg := es.lower(visible(es.text[toks[p.start].Start():toks[p.end-1].End()]))
	leg = strings.TrimSuffix(leg, " "+p.role)
	p.mods = append([]string{leg}, p.mods...)
	p.role = leg + " " + p.role
	p.obj, p.start = party.ent, party.i
}

// roleOwner reads the organisation or place a role phrase names before it:
// "NRF spokesman", "NUPF's leader", "party spokesman", "the chapter's
// convener", "PTI Punjab president" (the party, and the place of its unit).
func (es *entitySet) roleOwner(si int, p *rolePhrase) {
	toks := es.toks[si]
	// the organisation or place: "NRF spokesman", "NUPF's leader", "party"
	x := p.start
	if x > 0 && toks[x-1].Norm == "'s" {
		x--
		p.owned = true
	}
	if x > 0 {
		if om := es.orgEndingAt(si, x); om != nil {
			p.obj, p.start = om.ent, om.i // "NRF spokesman", "Y Party (YP) chief"
			es.legislatureRole(si, p)
		} else if m := es.at(si, x-1); m != nil && m.j == x && m.ent.typ != factions.Person {
			p.obj, p.start = m.ent, m.i
			if om := es.orgEndingAt(si, m.i); m.ent.typ == factions.Place && om != nil && partyLike(om.ent) && es.unitPlace(m.ent) {
				p.obj, p.place, p.start = om.ent, m.ent, om.i // "PTI Punjab president"
			}
		} else if toks[x-1].Norm == "party" || toks[x-1].Norm == "party's" {
			p.obj, p.start = es.orgBefore(toks[x-1].Start()), x-1
		} else if toks[x-1].Is(cBodyNoun) && p.owned {
			// "the chapter's convener": the body of that name named last
			p.obj, p.start = es.bodyBefore(toks[x-1].Start(), toks[x-1].Norm), x-1
			for p.start > 0 && x-1-p.start < 3 && toks[p.start-1].Kind == Word && !toks[p.start-1].Is(cDet) && !toks[p.start-1].Is(cFunction) {
				p.start-- // "the Malaysia chapter's"
			}
		}
	}
}

// roleModifiersBefore returns where the modifiers before the role noun at
// rs start: "deputy", "senior", "provincial general", "new".
func (es *entitySet) roleModifiersBefore(si, rs int) int {
	toks := es.toks[si]
	start := rs
	for start > 0 && es.at(si, start-1) == nil {
		if w := toks[start-1].Norm; w == "new" || w == "newly-elected" || w == "newly-appointed" {
			start-- // "the party's new secretary general"
			continue
		}
		if n, _ := es.lx.roleMods.match(toks[:rs], start-1); n == 1 {
			start--
			continue
		}
		break
	}
	return start
}

// freeWordsBefore returns where up to two lower-case words between an
// organisation's name and a role start ("Labour election campaign
// coordinator"), or start when no organisation precedes them.
func (es *entitySet) freeWordsBefore(si, start int) int {
	toks := es.toks[si]
	free := start
	for free > 0 && start-free < 2 {
		t := &toks[free-1]
		if t.Kind != Word || t.Cap() || es.at(si, free-1) != nil || t.Is(cFunction) || t.Is(cDet) ||
			es.lx.former.hasTok(t) || t.Norm == "party" || es.lx.speech.hasTok(t) {
			break
		}
		free--
	}
	if free < start && free > 0 {
		if m := es.at(si, free-1); m != nil && m.j == free && m.ent.typ != factions.Person {
			return free
		}
	}
	return start
}

// formerBefore marks the phrase former when "former", "ex-" or the like
// opens it, and indefinite after "a", "an" or "one".
func (es *entitySet) formerBefore(si int, p *rolePhrase) {
	toks := es.toks[si]
	q := p.start
	exOrg := false
	if q > 0 && toks[q-1].Norm == "-" {
		q--
		exOrg = p.obj != nil // "ex-NRF leader": formerly of the party, one of its leaders
	}
	if q > 0 && es.lx.former.hasTok(&toks[q-1]) {
		p.former, p.start = true, q-1
		if exOrg {
			p.indef = true
		}
	}
	if w := prevNorm(toks, p.start); w == "a" || w == "an" || w == "one" {
		p.indef = true
	}
}

// roleBeforeName reads the role set before a person's name: "NRF spokesman
// Tariq Lodhi", "Sindh Governor X", "its senior vice-president, Dr X",
// "NRF lawyer X", "founding chairman of the Y Party (YP) X".
func (es *entitySet) roleBeforeName(si int, m *ref) *descriptor {
	toks := es.toks[si]
	k := titleStart(toks, m.i) // "Chairman Barrister X": titles stand between
	newDesc := func(p rolePhrase) *descriptor {
		if lateBefore(toks, p.start) {
			p.former = true
		}
		return &descriptor{rolePhrase: p, person: m.ent, sent: si, at: toks[k].Start(), from: toks[p.start].Start(), appositive: true}
	}
	if p, ok := es.roleEndingAt(si, skipAcronym(toks, k)); ok {
		return newDesc(p) // "Delhi chief minister (CM) X"
	}
	if k >= 2 && toks[k-1].Norm == "," {
		if p, ok := es.commaRoleBefore(si, k-1); ok {
			return newDesc(p)
		}
	}
	if w := prevNorm(toks, k); k >= 2 && toks[k-1].Kind == Word && !toks[k-1].Cap() && !toks[k-1].Is(cFunction) && !es.lx.former.has(w) &&
		!toks[k-1].Is(cKin) && !es.isSpeechWord(w) && !strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "ed") && !strings.ContainsAny(w, "'’") {
		// "NRF lawyer X", "party stalwart X": a noun between a party and a name is a post
		if om := es.at(si, k-2); om != nil && om.j == k-1 && om.ent.typ == factions.Organization {
			return newDesc(rolePhrase{role: w, cls: "post/org", obj: om.ent, start: om.i, end: k})
		}
	}
	if p, ok := es.roleOfBeforeName(si, k); ok {
		return newDesc(p)
	}
	// "Labour's X", "the SNP's X": a party's person is its member
	if k >= 2 && toks[k-1].Norm == "'s" {
		if om := es.at(si, k-2); om != nil && om.j == k-1 && om.ent.typ == factions.Organization && partyLike(om.ent) {
			return newDesc(rolePhrase{role: "member", cls: "member/org", obj: om.ent, start: om.i, end: k})
		}
	}
	return nil
}

// skipAcronym returns where a parenthesised acronym that ends just before
// token k starts ("chief minister (CM) X"), or k.
func skipAcronym(toks []Token, k int) int {
	if k >= 3 && toks[k-1].Norm == ")" && toks[k-3].Norm == "(" && toks[k-2].AllCaps() {
		return k - 3
	}
	return k
}

// roleOfBeforeName reads "founding chairman of the Y Party (YP) X", "the
// outgoing head of the troubled Z Agency X", "party MLA from Nashik X",
// "opposition leader in the Senate X": a role, "of", "for" or "from", then
// an organisation or place right before the name, or "in" and an
// organisation when the role is no other organisation's.
func (es *entitySet) roleOfBeforeName(si, k int) (rolePhrase, bool) {
	toks := es.toks[si]
	om := es.orgEndingAt(si, k)
	if om == nil {
		if pm := es.at(si, k-1); pm != nil && pm.j == k && pm.ent.typ == factions.Place {
			om = pm
		}
	}
	if om == nil {
		return rolePhrase{}, false
	}
	x := om.i
	for x > 0 && om.i-x < 3 && toks[x-1].Kind == Word && !toks[x-1].Cap() && !toks[x-1].Is(cFunction) || x > 0 && toks[x-1].Norm == "the" {
		x-- // "of the troubled Z Agency"
	}
	in := prevNorm(toks, x) == "in" && om.ent.typ == factions.Organization
	if w := prevNorm(toks, x); w != "of" && w != "for" && w != "from" && !in {
		return rolePhrase{}, false
	}
	p, ok := es.roleEndingAt(si, x-1)
	if !ok {
		return p, false
	}
	if in {
		// "opposition leader in the Senate X": a post of the house, when
		// no organisation owns the role ("VNF leader in the Senate X")
		if p.obj != nil || p.owned || es.orgEndingAt(si, p.start) != nil {
			return rolePhrase{}, false
		}
		p.obj = om.ent
		return p, true
	}
	if om.ent.typ == factions.Place && p.class() == "member" && p.obj != nil && p.obj.typ == factions.Organization && partyLike(p.obj) {
		p.seatParty = p.obj
		p.role = strings.TrimPrefix(p.role, "party ") // the seat's post: "mla"
	}
	p.obj = om.ent
	return p, true
}

// commaRoleBefore reads a role phrase that ends at the comma c before a
// name: "its senior vice-president, Dr X", "the spokesman of the Y, X",
// "the jailed founder of the party, X", "the faction's chief, X", and one
// that opens the sentence: "Scottish Conservative leader, X, said".
func (es *entitySet) commaRoleBefore(si, c int) (rolePhrase, bool) {
	toks := es.toks[si]
	p, ok := es.roleEndingAt(si, c)
	if !ok {
		if p, ok = es.roleOfOrgEndingAt(si, c); !ok {
			return p, false
		}
	}
	d := p.start
	for d > 0 && toks[d-1].Is(cRoleAdjective) {
		d-- // "the jailed founder"
	}
	if d == es.firstWord(si) {
		return p, true
	}
	if d == 0 || !(toks[d-1].Is(cDet) || toks[d-1].Norm == "'s") {
		return p, false
	}
	if d >= 2 && toks[d-1].Norm == "the" && toks[d-2].Norm == "of" && p.obj == nil {
		return p, false // "on the election of the Deputy Speaker, X told": the post is the election's, not X's
	}
	w := toks[d-1].Norm
	if p.obj == nil && (w == "its" || w == "their") {
		p.obj = es.possessorOrg(si, d-1)
	}
	if p.obj == nil && w == "'s" && d >= 2 && (toks[d-2].Norm == "faction" || toks[d-2].Norm == "group") {
		p.obj = es.factionBefore(toks[d-2].Start()) // "the faction's chief, X"
		if p.obj == nil {
			return p, false
		}
	}
	return p, true
}

// roleOfOrgEndingAt reads "the spokesman of the Y" and "the founder of the
// party" ending at token c.
func (es *entitySet) roleOfOrgEndingAt(si, c int) (rolePhrase, bool) {
	toks := es.toks[si]
	var obj *entity
	x := -1
	if om := es.orgEndingAt(si, c); om != nil {
		obj, x = om.ent, om.i
	} else if c >= 2 && toks[c-1].Norm == "party" && toks[c-2].Norm == "the" {
		obj, x = es.orgBefore(toks[c-1].Start()), c-1
	}
	if x < 1 {
		return rolePhrase{}, false
	}
	if toks[x-1].Norm == "the" {
		x--
	}
	if prevNorm(toks, x) != "of" {
		return rolePhrase{}, false
	}
	p, ok := es.roleEndingAt(si, x-1)
	p.obj = obj
	return p, ok && obj != nil
}

// firstWord returns the index of the first word of sentence si after its
// dateline and any opening punctuation.
func (es *entitySet) firstWord(si int) int {
	toks := es.toks[si]
	k := 0
	if es.dateline != nil && es.dateline.s == si {
		k = es.dateline.j
	}
	for k < len(toks) && toks[k].Kind != Word {
		k++
	}
	return k
}

// rolesAfterName reads appositions and copulas after a person's name: "X,
// former Karachi nazim,", "X, the convener of Y", "X was the convener of
// Y", "X, a lawyer, was named ROLE", "elected X as president".
func (es *entitySet) rolesAfterName(si int, m *ref) []*descriptor {
	toks := es.toks[si]
	k := m.j
	if k >= len(toks) {
		return nil
	}
	var out []*descriptor
	add := func(dd []*descriptor) { out = append(out, dd...) }
	switch {
	case toks[k].Norm == ",":
		add(es.roleAfter(si, m.ent, m.i, k+1, false))
		add(es.roleAfter(si, m.ent, m.i, k+1, true))
		if e := appositionEnd(toks, k+1); e > 0 {
			add(es.roleAfter(si, m.ent, m.i, e, true))
			if e < len(toks) && toks[e].Norm == "as" && es.appointedBefore(si, m) {
				add(es.roleAfter(si, m.ent, m.i, e+1, false)) // "named X, a lawyer, as its secretary general"
			}
		}
	case toks[k].Norm == "as" && es.appointedBefore(si, m):
		add(es.roleAfter(si, m.ent, m.i, k+1, false)) // "elected X as president"
	case toks[k].Norm == "(":
		// "X (BJP)": the party a legislator belongs to
		if om := es.startsAt(si, k+1); om != nil && om.ent.typ == factions.Organization && partyLike(om.ent) && normAt(toks, om.j) == ")" {
			out = append(out, &descriptor{rolePhrase: rolePhrase{role: "member", cls: "member/org", obj: om.ent, start: k, end: om.j + 1},
				person: m.ent, sent: si, at: toks[k].Start(), from: toks[m.i].Start(), appositive: true})
		}
	default:
		add(es.roleAfter(si, m.ent, m.i, k, true))
	}
	return out
}

// appointedBefore reports whether an appointment verb stands just before
// the mention: "named X", "elected X".
func (es *entitySet) appointedBefore(si int, m *ref) bool {
	toks := es.toks[si]
	k := titleStart(toks, m.i)
	return k > 0 && toks[k-1].Is(cAppoint)
}

// appositionEnd returns the index after the comma that closes an apposition
// or relative clause opened at k ("a lawyer,", "who quit the party in 2022,"),
// or 0 when there is none within a clause.
func appositionEnd(toks []Token, k int) int {
	for x := k; x < len(toks) && x < k+20; x++ {
		switch toks[x].Norm {
		case ",":
			return x + 1
		case ";", ":", ".":
			return 0
		}
		if toks[x].Kind == Quote {
			return 0
		}
	}
	return 0
}

// copulaEnd skips a copula or appointment from k ("is", "was named", "will
// serve as", "had served as"); it returns where the role may start, whether
// the copula says the post is over (past perfect), whether it appoints, and
// false when there is none.
func copulaEnd(toks []Token, k int) (end int, past, appointed, ok bool) {
	if k >= len(toks) || !(toks[k].Is(cAux) || toks[k].Is(cCopulaAdverb) || toks[k].Is(cAppoint)) {
		return k, false, false, false
	}
	x := k
	for x < len(toks) && x < k+5 && (toks[x].Is(cAux) || toks[x].Is(cCopulaAdverb) || toks[x].Is(cAppoint) || toks[x].Norm == "as") {
		if toks[x].Norm == "had" && x+1 < len(toks) && (toks[x+1].Norm == "been" || toks[x+1].Norm == "served") {
			past = true // "had served as": the post is over
		}
		appointed = appointed || toks[x].Is(cAppoint)
		x++
	}
	return x, past, appointed, true
}

// roleAfter reads a role given to person p (named at token name) starting at
// token k: an apposition ("the convener of Y") when copula is false, else a
// copula or an appointment ("is", "was named", "will serve as") before it.
// "the exiled founder and president of X" gives two roles.
func (es *entitySet) roleAfter(si int, p *entity, name, k int, copula bool) []*descriptor {
	toks := es.toks[si]
	past, appointed := false, false
	if copula {
		var ok bool
		if k, past, appointed, ok = copulaEnd(toks, k); !ok {
			return nil
		}
	}
	if k >= len(toks) {
		return nil
	}
	// the longest role noun within a few words
	end := -1
	var isEnd uint8 // bit e-k-1 for each role noun ending at e
	for e := k + 1; e <= len(toks) && e <= k+7; e++ {
		if rp, ok := es.roleEndingAt(si, e); ok && rp.start >= k && rp.start <= k+4 {
			end = e
			isEnd |= 1 << (e - k - 1)
		}
		if e < len(toks) && (toks[e].Norm == "," || toks[e].Norm == ".") {
			break
		}
	}
	if end < 0 {
		return nil
	}
	rp, _ := es.roleEndingAt(si, end)
	if es.othersRole(si, name, end, copula) {
		return nil
	}
	// "the exiled founder and president of X": two roles of one object
	firstEnd, fillTo := -1, rp.start
	if rp.start-1 > k && toks[rp.start-1].Norm == "and" && isEnd&(1<<(rp.start-1-k-1)) != 0 {
		firstEnd = rp.start - 1
		if r1, _ := es.roleEndingAt(si, firstEnd); r1.start >= k {
			fillTo = r1.start
		}
	}
	if !es.onlyFillers(si, k, fillTo, &rp) || es.nextIsPerson(si, end) {
		return nil
	}
	if rp.obj == nil && end+1 < len(toks) && (toks[end].Norm == "of" || toks[end].Norm == "for" || toks[end].Norm == "in") {
		var ok bool
		if rp.obj, ok = es.roleObjectAfter(si, end+1, name); !ok {
			return nil
		}
	}
	if lateBefore(toks, name) || past {
		rp.former = true
	}
	from := toks[name].Start()
	out := []*descriptor{{rolePhrase: rp, person: p, sent: si, at: toks[end-1].Start(), from: from, appositive: !copula, appointed: appointed}}
	out = append(out, es.seatFrom(si, end, out[0])...)
	if firstEnd > 0 {
		r1, _ := es.roleEndingAt(si, firstEnd)
		if r1.obj == nil {
			r1.obj = rp.obj
		}
		r1.former, r1.indef = rp.former, rp.indef
		out = append(out, &descriptor{rolePhrase: r1, person: p, sent: si, at: toks[firstEnd-1].Start(), from: from, appositive: !copula, appointed: appointed})
	}
	return out
}

// othersRole reports whether an apposition whose role noun ends before
// token end, after the name at token name, is a plural role that describes
// others: "X, Congress MLAs of Y (Z) and W (V)". "W and X, BJP MPs" is
// still theirs.
func (es *entitySet) othersRole(si, name, end int, copula bool) bool {
	toks := es.toks[si]
	return !copula && es.pluralRole(&toks[end-1]) && prevNorm(toks, titleStart(toks, name)) != "and"
}

// lateBefore reports whether "slain" or "late" stands before the name at
// token name: the person's post is over.
func lateBefore(toks []Token, name int) bool {
	pn := prevNorm(toks, name)
	return pn == "slain" || pn == "late"
}

// pluralRole reports whether t is a role noun in the plural ("MLAs",
// "chiefs"): its form without the final s is a role noun too.
func (es *entitySet) pluralRole(t *Token) bool {
	w := t.Norm
	return len(w) > 2 && w[len(w)-1] == 's' && w[len(w)-2] != 's' && es.lx.is(w[:len(w)-1], cRoleLast)
}

// seatFrom reads the constituency after a seat's role ending at token end:
// "the MLA from Y", "the Congress MLA from Y", "a Labour MP for Y" give the
// seat of Y (beside the membership dd gives, when it names a party).
func (es *entitySet) seatFrom(si, end int, dd *descriptor) []*descriptor {
	toks := es.toks[si]
	rp := dd.rolePhrase
	if rp.class() != "member" || rp.obj != nil && (rp.obj.typ != factions.Organization || !partyLike(rp.obj)) || end+1 >= len(toks) {
		return nil
	}
	if w := toks[end].Norm; w != "from" && w != "for" {
		return nil
	}
	pm := es.startsAt(si, end+1)
	if pm == nil || pm.ent.typ != factions.Place {
		return nil
	}
	seat := *dd
	seat.role, seat.obj, seat.end = rp.noun, pm.ent, pm.j
	return []*descriptor{&seat}
}

// onlyFillers reports whether only articles, "former", "the party's" and
// role adjectives stand between k and the role phrase at to; "former" makes
// the role former, "a" indefinite.
func (es *entitySet) onlyFillers(si, k, to int, rp *rolePhrase) bool {
	toks := es.toks[si]
	for x := k; x < to; x++ {
		n := toks[x].Norm
		switch {
		case n == "the" || n == "a" || n == "an" || n == "now" || n == "currently" || n == "also" || n == "still" ||
			n == "-" || n == "its" || n == "new" || toks[x].Is(cRoleAdjective):
		case es.lx.former.has(n):
			rp.former = true
		default:
			return false
		}
		if n == "a" || n == "an" {
			rp.indef = true
		}
	}
	return true
}

// nextIsPerson reports whether a person's name follows the role ending at
// end ("Mr X, Sindh Governor Y": the role belongs to the next name).
func (es *entitySet) nextIsPerson(si, end int) bool {
	toks := es.toks[si]
	if end >= len(toks) {
		return false
	}
	next := end
	if toks[next].Norm == "," && next+1 < len(toks) {
		next++ // "According to X, the party's secretary general, Y"
	}
	for next < len(toks) && (toks[next].Cap() && toks[next].Is(cStripTitle) || toks[next].Norm == ".") {
		next++ // "JUI-F leader Maulana X"
	}
	nm := es.startsAt(si, next)
	return nm != nil && nm.ent.typ == factions.Person
}

// nameAfterObject reports whether a person's name follows the organisation
// named from token x with nothing between ("president of the Y B"): the role
// and its organisation stand before that name, so they are its.
func (es *entitySet) nameAfterObject(si, x int) bool {
	toks := es.toks[si]
	for y := x; y < len(toks) && y < x+8; y++ {
		if m := es.startsAt(si, y); m != nil {
			if m.ent.typ == factions.Person {
				return y > x
			}
			y = m.j - 1
			continue
		}
		if toks[y].Norm != "the" && !(toks[y].Kind == Word && toks[y].Cap()) {
			return false
		}
	}
	return false
}

// roleObjectAfter reads the organisation after "of", "for" or "in" at x:
// "of the NRF", "of the party's provincial chapter", "of the new faction",
// "of Bangladesh's Jatiya Party". ok is false when a common noun follows
// ("leader of the opposition"): the role is no post of an organisation; or
// when a name follows the organisation: the role is that name's.
func (es *entitySet) roleObjectAfter(si, x, name int) (*entity, bool) {
	toks := es.toks[si]
	if es.nameAfterObject(si, x) {
		return nil, false // "A, provincial president of the Y B and C": B's role
	}
	for x+1 < len(toks) && (toks[x].Norm == "the" || toks[x].Norm == "new" || toks[x].Norm == "its" || toks[x].Is(cSplinter)) {
		x++
	}
	if pm := es.startsAt(si, x); pm != nil && pm.ent.typ == factions.Place && pm.j+1 < len(toks) && toks[pm.j].Norm == "'s" {
		x = pm.j + 1
	}
	if b := es.bodyAt(si, x); b != nil {
		return b, true
	}
	if om := es.startsAt(si, x); om != nil && om.ent.typ != factions.Person {
		return om.ent, true
	}
	switch {
	case toks[x].Norm == "party":
		// "the party" is not one named in a clause about the person
		return es.orgBefore(toks[name].Start()), true
	case toks[x].Norm == "faction" || toks[x].Norm == "group":
		o := es.factionBefore(toks[x].Start())
		return o, o != nil
	case toks[x].Kind == Word && !toks[x].Cap():
		return nil, false
	}
	return nil, true
}

// isSpeechWord reports whether w is a reporting verb of the say or deny
// class (not a document's "shows").
func (d *document) isSpeechWord(w string) bool {
	c := d.lx.speech.class(w)
	return strings.HasPrefix(c, "say") || strings.HasPrefix(c, "deny")
}

// isSpeechTok is isSpeechWord of the token's Norm, read from its classes.
func (d *document) isSpeechTok(t *Token) bool {
	c := d.lx.speech.classTok(t)
	return strings.HasPrefix(c, "say") || strings.HasPrefix(c, "deny")
}
