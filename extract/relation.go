package extract

import (
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
	sent      int
}

// factSet is the result of the relations stage: the facts in the order
// they were read.
type factSet struct {
	list []*fact
}

// relations is the relations stage's work in progress.
type relations struct {
	*corefSet
	facts []*fact
	keys  map[factKey]bool
}

// readRelations is the relations stage: the roles of the roles stage as
// posts, leadership and membership; every rule of the rule table at every
// trigger of its family; then the rules over the whole article (factions,
// bodies, several leaders of one party).
func readRelations(c *corefSet) *factSet {
	r := &relations{corefSet: c, keys: map[factKey]bool{}}
	for si := range c.sents {
		for _, dd := range c.roles.list {
			if dd.sent == si {
				r.addRole(dd)
			}
		}
		r.sentence(si)
	}
	for _, dr := range docRules {
		dr.read(r)
	}
	return &factSet{list: r.facts}
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
	toks := r.toks[si]
	for k := range toks {
		if toks[k].mask&triggerMask == 0 {
			continue
		}
		for _, src := range triggerSources {
			n, cls := 0, ""
			if src.phrases != nil {
				n, cls = src.phrases(r.lx).match(toks, k)
			}
			if n == 0 && src.single != nil {
				n, cls = src.single(toks[k])
			}
			if n == 0 {
				continue
			}
			fams, extra, _ := strings.Cut(cls, "/")
			for fams != "" {
				var fam string
				fam, fams, _ = strings.Cut(fams, " ")
				m := match{si: si, k: k, n: n, fam: fam, extra: extra}
				for _, ru := range rulesByFamily[fam] {
					r.apply(ru, m)
				}
			}
		}
	}
}

// apply runs one rule at a trigger: its guards, then its subject and object
// finders; every subject gets the fact with every object.
func (r *relations) apply(ru *rule, m match) {
	for _, g := range ru.guards {
		if !g(r, m) {
			return
		}
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
			r.addFact(&fact{subj: s, obj: o, pred: ru.pred, sent: m.si, at: r.toks[m.si][m.k].Start, from: from, appositive: ru.appositive})
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
	key := factKey{f.subj, f.obj, f.pred, f.role, f.sent}
	if r.keys[key] {
		return
	}
	r.keys[key] = true
	r.facts = append(r.facts, f)
}

// addRole turns a role given to a person into a fact: founding, membership,
// leadership or a post (see rolePredicate).
func (r *relations) addRole(dd *descriptor) {
	if dd.person == nil || dd.person.typ != factions.Person {
		return
	}
	obj := dd.obj
	if obj == nil {
		// a place post or a membership needs its object named: "a former
		// student leader" alone says nothing of the party
		if dd.scope() == "place" || dd.class() == "member" || dd.indef || dd.owned {
			return
		}
		// "X, former deputy convener": a post in the party the article is
		// about; never in a paper or a ministry the article happens to
		// name; a head without a named party only when the sentence says
		// so ("X could be named acting president"), not in a title before
		// a name ("French President X")
		obj = r.main
		if obj == nil || !partyLike(obj) || dd.class() == "head" && dd.appositive {
			return
		}
	}
	pred := r.rolePredicate(dd, obj)
	role := dd.role
	if !pred.Info().Post {
		role = ""
	}
	r.addFact(&fact{subj: dd.person, obj: obj, pred: pred, role: role, former: dd.former, sent: dd.sent,
		at: dd.at, from: dd.from, appositive: dd.appositive})
}

// rolePredicate says what holding a role in obj is: founding it, belonging
// to it, leading it, or holding a post in it. A head (roles.tsv class head:
// leader, chief, president) leads an organisation unless a modifier makes
// the role another ("deputy leader"); a chair leads a committee, and a party
// where that is the custom (chair_heads.txt).
func (r *relations) rolePredicate(dd *descriptor, obj *entity) factions.Predicate {
	org := obj.typ == factions.Organization && !isLegislature(obj)
	cls := dd.class()
	plain := true // no modifier but "acting", "interim", "new"
	for _, w := range dd.mods {
		if !r.lx.is(w, cLeadModifier) {
			plain = false
		}
	}
	first, _, _ := strings.Cut(dd.role, " ")
	switch {
	case cls == "founder" || first == "founding" || first == "founder":
		return factions.Founded
	case cls == "member" && obj.typ == factions.Place:
		return factions.HoldsPost // "MP for Y", "Y MLA X": the seat of a constituency
	case cls == "member" || dd.indef && (cls == "head" || cls == "chair"):
		return factions.MemberOf
	case org && dd.noun == "leader" && len(dd.mods) == 0 && r.lx.leaderMembers[r.country]:
		return factions.MemberOf // "PTI leader X": one of its senior figures (leader_members.txt)
	case org && cls == "head" && plain && dd.scope() != "place":
		return factions.Leads
	case org && cls == "chair" && len(dd.mods) == 0 && isBody(obj):
		return factions.Leads // the chairman of a committee heads it
	case org && cls == "chair" && plain && partyLike(obj) && r.lx.chairHeads[r.country]:
		return factions.Leads // where a party's chairman is its head
	}
	return factions.HoldsPost
}
