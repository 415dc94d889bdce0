package extract

import (
	"slices"
	"strings"

	"github.com/factions/factions"
)

// fact is a claim read by the relations stage; the stance stage gives it
// its stance and attribution.
type fact struct {
	subj, obj *entity
	pred      factions.Predicate
	role      string
	former    bool
	sent      int
	at        int // offset of the word that states the relation
	from      int // offset where the clause of the fact starts
	// appositive facts come from a name's description ("NRF spokesman X"):
	// the reporter's words even inside reported speech
	appositive bool
}

// factKey identifies a fact within a sentence.
type factKey struct {
	subj, obj *entity
	pred      factions.Predicate
	role      string
}

// factSet is the result of the relations stage: the facts in the order
// they were read, and the entities the stage found that no name gave: the
// local units of parties whose heads the text names ("the provincial
// president of the PTI": the PTI provincial chapter).
type factSet struct {
	list  []*fact
	units []*entity
}

// relations is the relations stage's work in progress.
type relations struct {
	*corefSet
	facts []*fact
	keys  [][]factKey // per sentence, the facts read from it: a sentence gives a fact once
	units []*entity
	// region is the state or province the article is about: named at least
	// twice and twice as often as any other, or nil
	region *entity
}

// readRelations is the relations stage: the roles of the roles stage as
// posts, leadership and membership; every rule of the rule table at every
// trigger of its family; then the rules over the whole article (factions,
// bodies, several leaders of one party).
func readRelations(c *corefSet) *factSet {
	r := &relations{corefSet: c, keys: emptiedLists(&c.mem.factKeys, len(c.sents))}
	r.region = r.mainRegion()
	// the roles of each sentence, in the order of the list
	roles := c.roles.list
	if !slices.IsSortedFunc(roles, func(a, b *descriptor) int { return a.sent - b.sent }) {
		roles = slices.Clone(roles)
		slices.SortStableFunc(roles, func(a, b *descriptor) int { return a.sent - b.sent })
	}
	for si := range c.sents {
		for len(roles) > 0 && roles[0].sent <= si {
			if roles[0].sent == si {
				r.addRole(roles[0])
			}
			roles = roles[1:]
		}
		r.sentence(si)
	}
	for _, dr := range docRules {
		dr.read(r)
	}
	return &factSet{list: r.facts, units: r.units}
}

// match is a trigger found in a sentence: tokens [k, k+n) of sentence si,
// of the family fam, with the lexicon's extra fields (departure.tsv's
// object column).
type match struct {
	si, k, n int
	fam      string
	extra    string
}

// end returns the index of the token after the trigger.
func (m match) end() int { return m.k + m.n }

// sentence runs the rule table over sentence si.
func (r *relations) sentence(si int) {
	if !r.sentMasks[si].any(triggerMask) {
		return
	}
	toks := r.toks[si]
	for k := range toks {
		if !toks[k].mask.any(triggerMask) {
			continue
		}
		for i := range triggerSources {
			src := &triggerSources[i]
			if !toks[k].mask.any(src.mask) {
				continue
			}
			n, cls := 0, ""
			if src.phrases != nil {
				n, cls = src.phrases(r.lx).match(toks, k)
			}
			var cr classRules
			switch {
			case n > 0:
				var ok bool
				if cr, ok = rulesByClass[cls]; !ok {
					cr = classRulesOf(cls)
				}
			case src.single != nil && src.single(&toks[k]):
				n, cr = 1, src.rules
			default:
				continue
			}
			for _, f := range cr.fams {
				m := match{si: si, k: k, n: n, fam: f.fam, extra: cr.extra}
				for _, ru := range f.rules {
					r.apply(ru, m)
				}
			}
		}
	}
}

// apply runs one rule at a trigger: its guards, then its subject and object
// finders; every subject gets the fact with every object.
func (r *relations) apply(ru *rule, m match) {
	if t := &r.toks[m.si][m.k]; t.Cap() && m.k > r.firstWord(m.si) && !t.AllCaps() {
		return // "the Left parties": a capitalised trigger inside a sentence is a name's word
	}
	for _, g := range ru.guards {
		if !g(r, m) {
			return
		}
	}
	if ru.act != nil {
		ru.act(r, m)
		return
	}
	if ru.post != nil {
		for _, dd := range ru.post(r, m) {
			r.addRole(dd)
		}
		return
	}
	objs := ru.object(r, m)
	if len(objs) == 0 {
		return
	}
	subjs := ru.subject(r, m)
	from := r.clauseStart(m.si, m.k)
	if ru.from != nil {
		from = ru.from(r, m)
	}
	for _, s := range subjs {
		for _, o := range objs {
			r.addFact(&fact{subj: s, obj: o, pred: ru.pred, sent: m.si, at: r.toks[m.si][m.k].Start(), from: from, appositive: ru.appositive})
		}
	}
}

// predicateFits reports whether a predicate takes subjects and objects of
// these types (the root's predicate table).
func predicateFits(p factions.Predicate, s, o factions.EntityType) bool {
	info := p.Info()
	return info.Allows(s, false) && info.Allows(o, true)
}

// addFact keeps a fact whose arguments fit its predicate, once per sentence.
func (r *relations) addFact(f *fact) {
	if f.subj == nil || f.obj == nil || f.subj == f.obj || !predicateFits(f.pred, f.subj.typ, f.obj.typ) {
		return
	}
	if f.pred.Symmetric() && f.obj.first < f.subj.first {
		f.subj, f.obj = f.obj, f.subj // "A allied with B" is "B allied with A": the first named first
	}
	key := factKey{f.subj, f.obj, f.pred, f.role}
	if slices.Contains(r.keys[f.sent], key) {
		return
	}
	r.keys[f.sent] = append(r.keys[f.sent], key)
	r.facts = append(r.facts, f)
}

// addRole turns a role given to a person into a fact: founding, membership,
// leadership or a post (see rolePredicate).
func (r *relations) addRole(dd *descriptor) {
	if dd.person == nil || dd.person.typ != factions.Person {
		return
	}
	obj := dd.obj
	if obj == nil && r.lx.regionalOffices[dd.role] && !dd.indef {
		// "governor X", "chief minister X" in an article about one state:
		// that state's
		obj = r.region
	}
	if obj == nil && r.lx.houseOffices[dd.role] && !dd.indef {
		obj = r.houseNear(dd) // "Speaker X": the speaker of the legislature the article names
	}
	if obj == nil {
		if obj = r.unnamedPostParty(dd); obj == nil {
			return
		}
	}
	if isMedia(r.lx, obj) && dd.class() != "head" {
		return // "Sunday Telegraph journalist X": a paper's staff are no party's
	}
	if dd.scope() == "org" && dd.class() != "head" && obj.typ == factions.Place {
		return // "general secretary of Jammu": an organisation's post needs the organisation
	}
	if u := r.unitHeaded(dd, obj); u != nil {
		// "PTI provincial president X", "PTI Punjab president X": the head of
		// the party's local unit
		r.addFact(&fact{subj: dd.person, obj: u, pred: factions.Leads, former: dd.former, sent: dd.sent,
			at: dd.at, from: dd.from, appositive: dd.appositive})
		// and a member of the party the unit is part of
		r.addFact(&fact{subj: dd.person, obj: obj, pred: factions.MemberOf, former: dd.former, sent: dd.sent,
			at: dd.at, from: dd.from, appositive: dd.appositive})
		return
	}
	pred := r.rolePredicate(dd, obj)
	role := dd.role
	if !pred.Info().Post {
		role = ""
	}
	former := dd.former && !(pred == factions.MemberOf && dd.partyStill)
	r.addFact(&fact{subj: dd.person, obj: obj, pred: pred, role: role, former: former, sent: dd.sent,
		at: dd.at, from: dd.from, appositive: dd.appositive})
}

// unitHeaded returns the local unit of party obj that a head's role names
// by its place ("PTI Punjab president") or level ("provincial president"),
// or nil when the role heads no unit.
func (r *relations) unitHeaded(dd *descriptor, obj *entity) *entity {
	if obj.typ != factions.Organization || !partyLike(obj) || dd.indef {
		return nil
	}
	// the head noun: "president" of "provincial president"
	words := r.fields(dd.role)
	if c, _, _ := strings.Cut(r.lx.roles.class(words[len(words)-1]), "/"); c != "head" && c != "chair" {
		return nil
	}
	level := ""
	for _, w := range words[:len(words)-1] {
		if r.lx.is(w, cUnitLevel) {
			level = w
		}
	}
	if dd.place == nil && level == "" {
		return nil
	}
	return r.unit(obj, dd.place, level, dd.sent)
}

// unit returns the local unit of party p in place pl or at level: an
// organisation of the article named so ("PTI Punjab chapter", "the
// party's provincial chapter"), else one made for it and linked to the
// party ("PTI provincial chapter").
func (r *relations) unit(p, pl *entity, level string, si int) *entity {
	short := shortName(p)
	name := short + " " + level + " chapter"
	if pl != nil {
		name = short + " " + pl.name + " chapter"
	}
	for _, e := range slices.Concat(r.ents, r.units) {
		if e.typ != factions.Organization || e == p {
			continue
		}
		for n := range e.eachName {
			low := r.lower(n)
			if strings.EqualFold(n, name) || pl != nil && (strings.EqualFold(n, pl.name+" "+short) || strings.EqualFold(n, short+" "+pl.name)) ||
				pl == nil && isBody(e) && ownUnit(p, low, level) {
				return e
			}
		}
	}
	u := r.mem.entities.new(entity{name: name, typ: factions.Organization, kind: kindBody | kindBranch, first: r.sents[si].Start})
	r.units = append(r.units, u)
	r.addFact(&fact{subj: u, obj: p, pred: factions.PartOf, sent: si, at: r.sents[si].Start, from: r.sents[si].Start, appositive: true})
	return u
}

// ownUnit reports whether the lower-case body name low is party p's unit
// at level: "provincial chapter", "the party's provincial chapter" or one
// named with one of p's names, not another party's ("ABC provincial chapter").
func ownUnit(p *entity, low, level string) bool {
	owner, ok := strings.CutSuffix(low, level+" chapter")
	if !ok {
		return false
	}
	owner = strings.TrimSpace(owner)
	if owner == "" || owner == "the" || owner == "the party's" || owner == "its" {
		return true
	}
	for n := range p.eachName {
		if strings.EqualFold(owner, n) || strings.EqualFold(owner, n+"'s") {
			return true
		}
	}
	return false
}

// rolePredicate says what holding a role in obj is: founding it, belonging
// to it, leading it, or holding a post in it. A head (roles.tsv class head:
// leader, chief, president) leads an organisation unless a modifier makes
// the role another ("deputy leader"); a chair leads a committee, and a party
// where that is the custom (chair_heads.txt).
func (r *relations) rolePredicate(dd *descriptor, obj *entity) factions.Predicate {
	if p, ok := r.memberOrFounder(dd, obj); ok {
		return p
	}
	if r.heads(dd, obj) {
		return factions.Leads
	}
	return factions.HoldsPost
}

// memberOrFounder says whether a role makes its holder a founder or a
// member of obj, or the holder of a constituency's seat.
func (r *relations) memberOrFounder(dd *descriptor, obj *entity) (factions.Predicate, bool) {
	org := obj.typ == factions.Organization && !isLegislature(obj)
	cls := dd.class()
	first, _, _ := strings.Cut(dd.role, " ")
	switch {
	case cls == "founder" || first == "founding" || first == "founder":
		return factions.Founded, true
	case cls == "member" && obj.typ == factions.Place:
		return factions.HoldsPost, true // "MP for Y", "Y MLA X": the seat of a constituency
	case cls == "member" || dd.indef && (cls == "head" || cls == "chair"):
		return factions.MemberOf, true
	case dd.scope() == "place" && org && r.knownParty(obj):
		return factions.MemberOf, true // "Tory chancellor X", "BJP chief minister X": a party's member in a public post
	case org && dd.noun == "leader" && len(dd.mods) == 0 && r.lx.leaderMembers[r.countryOf(obj)]:
		return factions.MemberOf, true // "PTI leader X": one of its senior figures (leader_members.txt)
	}
	return "", false
}

// heads says whether a role makes its holder the head of obj: a head's role
// with no modifier but "acting", "interim", "new"; a chair of a committee,
// and of a party where that is the custom.
func (r *relations) heads(dd *descriptor, obj *entity) bool {
	if obj.typ != factions.Organization || isLegislature(obj) {
		return false
	}
	// no modifier but "acting", "interim", "new", and no other word ("the
	// party's campaign chief" is no head)
	plain := wordCount(dd.role) == len(dd.mods)+wordCount(dd.noun)
	for _, w := range dd.mods {
		if !r.lx.is(w, cLeadModifier) {
			plain = false
		}
	}
	switch dd.class() {
	case "head":
		return plain && dd.scope() != "place"
	case "chair":
		return len(dd.mods) == 0 && isBody(obj) || plain && partyLike(obj) && r.lx.chairHeads[r.countryOf(obj)]
	}
	return false
}

// knownParty reports whether an organisation is a party by its name: one
// of parties.tsv, or a name with a party cue word.
func (r *relations) knownParty(e *entity) bool {
	for n := range e.eachName {
		if r.party(n, r.country) != nil {
			return true
		}
		for w := range strings.FieldsSeq(r.lower(n)) {
			if r.lx.orgCues.class(w) == "party" {
				return true
			}
		}
	}
	return false
}

// countryOf returns the country of a party, lower-case: the country the
// article is most about, else the country of parties.tsv when the party's
// name is known there, of one country only.
func (r *relations) countryOf(e *entity) string {
	if r.country != "" {
		return r.country
	}
	for n := range e.eachName {
		if p := r.party(n, ""); p != nil {
			return r.lower(p.Country)
		}
	}
	return ""
}

// isMedia reports whether an organisation is a news outlet by its name's
// words (orgcues.tsv class media).
func isMedia(lx *lexicons, e *entity) bool {
	for n := range e.eachName {
		for w := range strings.FieldsSeq(strings.ToLower(n)) {
			if lx.orgCues.class(w) == "media" {
				return true
			}
		}
	}
	return false
}

// unnamedPostParty returns the party a role whose phrase names no
// organisation is held in, or nil. A place post, a post of either kind
// ("Trade Secretary") or a membership needs its object named: "a former
// student leader" alone says nothing of the party. "X, former deputy
// convener": a post in the party the article is about; never in a paper or
// a ministry the article happens to name; a head only when appointed and
// with the party named ("when X was elected President": of a country, as
// likely as of the party), or lower-case ("was named acting president").
func (r *relations) unnamedPostParty(dd *descriptor) *entity {
	head := dd.class() == "head" || dd.class() == "chair"
	partyPost := dd.scope() == "org" || dd.scope() == "both" && head && dd.appointed
	if !partyPost || dd.class() == "member" || dd.indef || dd.owned {
		return nil
	}
	obj, named := r.partyNear(dd)
	titled := dd.end > 0 && dd.end <= len(r.toks[dd.sent]) && r.toks[dd.sent][dd.end-1].Cap()
	if obj == nil || !partyLike(obj) || head && !(dd.appointed && (named || !titled)) {
		return nil
	}
	return obj
}

// partyNear returns the party a role with no organisation of its own is
// held in: the party the sentence names nearest the role ("assumed the role
// of patron when he was barred from leading the X"), else the party the
// article is about; named says whether the sentence names it.
func (r *relations) partyNear(dd *descriptor) (party *entity, named bool) {
	var best *ref
	dist := func(m *ref) int { return abs(m.span.Start - dd.at) }
	for _, m := range r.bySent[dd.sent] {
		if m.span.Start > dd.at && r.clauseBreakBetween(dd.sent, dd.at, m.span.Start) {
			continue // "X was elected President, and was attacked by the Y": not Y's
		}
		if m.ent.typ == factions.Organization && partyLike(m.ent) && (best == nil || dist(m) < dist(best)) {
			best = m
		}
	}
	if best != nil {
		return best.ent, true
	}
	return r.main, false
}

// clauseBreakBetween reports whether a comma, a semicolon or a dash stands
// between byte offsets from and to of sentence si.
func (r *relations) clauseBreakBetween(si, from, to int) bool {
	for it := range r.toks[si] {
		t := &r.toks[si][it]
		if t.Start() > from && t.Start() < to && (t.Norm == "," || t.Norm == ";" || t.Norm == "—" || t.Norm == "–") {
			return true
		}
	}
	return false
}

// houseNear returns the legislature a presiding office with no object of
// its own is of: the one its sentence names nearest it, else the one the
// article names, when it names one only.
func (r *relations) houseNear(dd *descriptor) *entity {
	var best *ref
	for _, m := range r.bySent[dd.sent] {
		if isLegislature(m.ent) && (best == nil || abs(m.span.Start-dd.at) < abs(best.span.Start-dd.at)) {
			best = m
		}
	}
	if best != nil {
		return best.ent
	}
	var only *entity
	for _, e := range r.ents {
		if e.typ == factions.Organization && isLegislature(e) {
			if only != nil {
				return nil
			}
			only = e
		}
	}
	return only
}

// abs returns the distance of x from 0.
func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// mainRegion returns the state, province or region the article is most
// about: named at least twice, and at least twice as often as any other.
func (r *relations) mainRegion() *entity {
	var best, second *entity
	for _, e := range r.ents {
		if e.typ != factions.Place {
			continue
		}
		p, ok := r.lx.place(e.name)
		if !ok || p.Kind != "state" && p.Kind != "province" && p.Kind != "region" {
			continue
		}
		switch {
		case best == nil || len(e.mentions) > len(best.mentions):
			best, second = e, best
		case second == nil || len(e.mentions) > len(second.mentions):
			second = e
		}
	}
	if best == nil || len(best.mentions) < 2 || second != nil && len(best.mentions) < 2*len(second.mentions) {
		return nil
	}
	return best
}
