package extract

import (
	"slices"
	"strings"

	"github.com/factions/factions"
)

// rule is one relation pattern: at every trigger of its family (a word or
// phrase of relations.tsv or departure.tsv, or a word of a class), when its
// guards hold, the subjects its subject finder returns get the predicate
// with the objects its object finder returns. A rule with post instead
// gives roles (take-overs, copulas, stepping down), read as posts.
type rule struct {
	family     string
	pred       factions.Predicate
	guards     []guard
	subject    finder
	object     finder
	post       func(r *relations, m match) []*descriptor
	act        func(r *relations, m match)     // a rule that reworks the sentence's facts (succession)
	from       func(r *relations, m match) int // where the fact's clause starts; default the clause of the trigger
	appositive bool                            // presupposed, the reporter's words even in reported speech
}

// guard is a condition a rule needs at its trigger.
type guard func(r *relations, m match) bool

// finder returns the entities at a place relative to the trigger.
type finder func(r *relations, m match) []*entity

// rules is the relation rule table, run by relations.sentence. A new
// wording of a known relation is a lexicon line; a new relation pattern is
// a row here, with at most a new guard or finder.
var rules = []rule{
	// leadership: "ORG is led by X", "X heads ORG", "X-led ORG", "under the leadership of X"
	{family: "lead", pred: factions.Leads, guards: []guard{passive}, subject: agent, object: clauseOrg},
	{family: "lead-passive", pred: factions.Leads, guards: []guard{passive}, subject: agent, object: clauseOrg},
	{family: "lead", pred: factions.Leads, guards: []guard{active, notFirst, notAfterHyphen}, subject: clauseSubject, object: orgObject},
	{family: "lead-hyphen", pred: factions.Leads, subject: personBefore, object: orgRightAfter, from: fromNameBefore},
	{family: "leadership", pred: factions.Leads, guards: []guard{underThe, ofAfter}, subject: personAfterOf, object: orgBeforeUnder, from: fromOrgBeforeUnder},
	// founding: "ORG was founded by X", "X founded ORG", "X set up a party called ORG"
	{family: "found", pred: factions.Founded, guards: []guard{passive}, subject: agent, object: clauseOrgOrNamed},
	{family: "found", pred: factions.Founded, guards: []guard{active, notFirst}, subject: clauseSubject, object: orgOrCalledAfter},
	{family: "found-phrasal", pred: factions.Founded, guards: []guard{active, notFirst}, subject: clauseSubject, object: orgOrCalledAfter},
	// posts given in a clause: "took over as ROLE", "He will serve as ROLE"
	{family: "take-over", post: takeOver},
	{family: "copula", guards: []guard{notInCopula, notRightAfterName, roleAhead}, post: copulaRole},
	// departures: "X quit ORG", "X was expelled", "X quit as ROLE", "X defected to ORG"
	{family: "left", pred: factions.Left, guards: []guard{notBehind, notAs, notJoining, notRemoval}, subject: clauseSubjects, object: orgLeft},
	// removals: "the party expelled X and Y", "X was expelled", "suspended the membership of X"
	{family: "left", pred: factions.Left, guards: []guard{removal, activeVerb}, subject: personsAfter, object: remover},
	{family: "left", pred: factions.Left, guards: []guard{removal, passiveVerb}, subject: clauseSubjects, object: orgRemovedFrom},
	{family: "left", guards: []guard{asFollows}, post: stepDownAs},
	{family: "left", pred: factions.MemberOf, guards: []guard{notBehind, notAs, joining}, subject: clauseSubjects, object: orgLeft},
	{family: "stepdown", guards: []guard{asNear}, post: stepDownAs},
	{family: "joined", pred: factions.MemberOf, subject: clauseSubjects, object: orgJoined},
	// "X joined the Y from the Z": X left Z
	{family: "joined", pred: factions.Left, subject: clauseSubjects, object: orgJoinedFrom},
	{family: "death", pred: factions.DiedIn, guards: []guard{notKin, verbTrigger}, subject: deceased, object: placeOfDeath, from: fromSentence},
	// a death named by a noun ("before his assassination") is presupposed, not claimed by whoever is reported
	{family: "death", pred: factions.DiedIn, guards: []guard{notKin, nounTrigger}, subject: deceased, object: placeOfDeath, from: fromSentence, appositive: true},
	// membership: "X is a member of ORG", "Senator X of the UDP"
	{family: "membership", pred: factions.MemberOf, guards: []guard{notFoundingOrSenior, notLegislature}, subject: memberSubjects, object: memberOfOrg},
	// "X, a member of the National Assembly": the seat (an MNA's)
	{family: "membership", guards: []guard{notFoundingOrSenior, legislature}, act: legislatureMember},
	{family: "of-party", pred: factions.MemberOf, subject: personBefore, object: partyAfterOf, from: fromNameBefore, appositive: true},
	// "X and the supporters of his Y Party": his party
	{family: "possessive", pred: factions.MemberOf, subject: possessor, object: ownParty, appositive: true},
	// "his newly-founded party, the X": his foundation; "her (new) party, X": hers
	{family: "possessive", pred: factions.Founded, subject: possessor, object: foundedParty, appositive: true},
	{family: "possessive", pred: factions.MemberOf, subject: possessor, object: newParty, appositive: true},
	// between organisations
	{family: "merge", pred: factions.MergedInto, subject: pairSubject, object: pairObject},
	{family: "ally", pred: factions.AlliedWith, guards: []guard{allyWord}, subject: pairSubject, object: pairObject},
	// "the X and its allies, A and B": every one allied with every other
	{family: "ally", pred: factions.AlliedWith, guards: []guard{listAfter}, subject: allyGroup, object: allyGroup},
	// "A and B formed an alliance": the parties named together allied with each other
	{family: "ally-pair", pred: factions.AlliedWith, subject: coordinatedParties, object: coordinatedParties},
	// "an alliance comprising A, B and C": every member allied with every other
	{family: "ally-list", pred: factions.AlliedWith, guards: []guard{allianceBefore}, subject: allianceMembers, object: allianceMembers},
	// "X was formed out of Y", "X broke away from Y", "X, a faction of Y"
	{family: "split-from", pred: factions.FactionOf, subject: orgNearBefore, object: orgAfterTrigger},
	// "X, who headed the chapter, was replaced by Y": Y takes X's posts
	{family: "succession", act: succession},
	{family: "seats", pred: factions.HasSeatsIn, guards: []guard{notOfAfter}, subject: seatHolder, object: legislaturesAfter, from: fromSentence},
	// "the seats of ORG in the Assembly": presupposed, the reporter's words even in reported speech
	{family: "seats", pred: factions.HasSeatsIn, guards: []guard{ofAfter}, subject: seatHolder, object: legislaturesAfter, from: fromSentence, appositive: true},
	// places: "based in", "in exile in", "runs the party from London", "London-based ORG"
	{family: "based", pred: factions.BasedIn, guards: []guard{notAfterHyphen}, subject: basedSubject, object: placeAfterTrigger},
	{family: "run-from", pred: factions.BasedIn, guards: []guard{orgThenFrom}, subject: runner, object: placeAfterFrom},
	// "the MQM steered from London": a participle after the organisation
	{family: "run-from", pred: factions.BasedIn, guards: []guard{fromRightAfter}, subject: orgRightBefore, object: placeAfterFrom, from: fromNameBefore},
	{family: "based-hyphen", pred: factions.BasedIn, subject: placeBefore, object: orgAfterTrigger, from: fromNameBefore},
}

// rulesByFamily indexes the rule table by trigger family.
var rulesByFamily = func() map[string][]*rule {
	m := map[string][]*rule{}
	for i := range rules {
		m[rules[i].family] = append(m[rules[i].family], &rules[i])
	}
	return m
}()

// classRules is what a trigger's class ("family family/extra") says: the
// families of rules it triggers, in order, and the extra.
type classRules struct {
	fams  []familyRules
	extra string
}

// familyRules is a trigger family with its rules.
type familyRules struct {
	fam   string
	rules []*rule
}

// classRulesOf reads a trigger's class.
func classRulesOf(cls string) classRules {
	fams, extra, _ := strings.Cut(cls, "/")
	cr := classRules{extra: extra}
	for fams != "" {
		var fam string
		fam, fams, _ = strings.Cut(fams, " ")
		cr.fams = append(cr.fams, familyRules{fam: fam, rules: rulesByFamily[fam]})
	}
	return cr
}

// rulesByClass holds classRulesOf of the classes of the trigger lists,
// read once rather than at every trigger.
var rulesByClass = func() map[string]classRules {
	m := map[string]classRules{}
	for _, c := range append(slices.Clone(lexTriggers.classes), lexDepartures.classes...) {
		m[c] = classRulesOf(c)
	}
	return m
}()

// triggerSource is where the matcher looks for triggers: a phrase list
// whose classes are families, and single words of a class.
type triggerSource struct {
	phrases func(lx *lexicons) *phrases
	// single reads a one-word trigger, of the class class, whose rules
	// are read at init
	single func(t *Token) bool
	class  string
	rules  classRules
	// the classes a trigger of the source starts with: a token with none
	// of them is no trigger of it
	mask classMask
}

func init() {
	for i := range triggerSources {
		triggerSources[i].rules = classRulesOf(triggerSources[i].class)
	}
}

// triggerMask has the bits of the classes a trigger can start with.
var triggerMask = func() classMask {
	var m classMask
	for _, src := range triggerSources {
		m[0] |= src.mask[0]
		m[1] |= src.mask[1]
		m[2] |= src.mask[2]
	}
	return m
}()

var triggerSources = [...]triggerSource{
	{phrases: func(lx *lexicons) *phrases { return lx.triggers }, mask: maskOf(cTrigger)},
	{phrases: func(lx *lexicons) *phrases { return lx.departures }, single: deathNoun, class: "death", mask: maskOf(cDeparture, cDeathNoun)},
	{single: copulaWord, class: "copula", mask: maskOf(cAux, cAppoint)},
	{single: possessivePronoun, class: "possessive", mask: maskOf(cPronounM, cPronounF)},
}

// possessivePronoun reads "his" and "her" as a trigger of the possessive
// family.
func possessivePronoun(t *Token) bool {
	return (t.Is(cPronounM) || t.Is(cPronounF)) && (t.Norm == "his" || t.Norm == "her")
}

// deathNoun reads "assassination", "death" as a trigger of the death family.
func deathNoun(t *Token) bool { return t.Is(cDeathNoun) }

// copulaWord reads "is", "was", "named", "elected" as a trigger of the
// copula family.
func copulaWord(t *Token) bool { return t.Is(cAux) || t.Is(cAppoint) }

// --- guards

// allianceBefore: an alliance's noun or name stands shortly before the
// trigger: "an alliance named X, comprising".
func allianceBefore(r *relations, m match) bool { return r.allianceAt(m) >= 0 }

// allianceAt returns the index of the alliance word before the trigger, or -1.
func (r *relations) allianceAt(m match) int {
	toks := r.toks[m.si]
	for x := m.k - 1; x >= 0 && x >= m.k-12; x-- {
		if w := toks[x].Norm; w == ";" || w == ":" || w == "." {
			return -1
		}
		if r.lx.orgCues.hasTok(&toks[x]) && isAllianceWord(toks[x].Norm) {
			return x
		}
	}
	return -1
}

// isAllianceWord reports whether a party cue word names an alliance.
func isAllianceWord(w string) bool {
	switch w {
	case "alliance", "coalition", "front", "bloc", "combine", "grouping", "federation", "union", "movement", "ittehad", "mahagathbandhan", "gathbandhan":
		return true
	}
	return false
}

// byAfter returns the index of the "by" that follows the trigger, within a
// short phrase ("founded in 2023 by"), or 0.
func (r *relations) byAfter(m match) int {
	toks := r.toks[m.si]
	for x := m.end(); x < len(toks) && x <= m.k+4; x++ {
		switch toks[x].Norm {
		case "by":
			return x
		case ",", ";", ".", "and", "but":
			return 0
		}
	}
	return 0
}

func passive(r *relations, m match) bool { return r.byAfter(m) > 0 }

func active(r *relations, m match) bool { return r.byAfter(m) == 0 }

func notAfterHyphen(r *relations, m match) bool { return prevNorm(r.toks[m.si], m.k) != "-" }

func notFirst(r *relations, m match) bool { return m.k > 0 }

func underThe(r *relations, m match) bool {
	toks := r.toks[m.si]
	return m.k >= 2 && toks[m.k-1].Norm == "the" && toks[m.k-2].Norm == "under"
}

func ofAfter(r *relations, m match) bool { return normAt(r.toks[m.si], m.end()) == "of" }

func notOfAfter(r *relations, m match) bool { return !ofAfter(r, m) }

// notInCopula: the word opens the copula ("is", not the "named" of "is named").
func notInCopula(r *relations, m match) bool {
	if m.k < 1 {
		return false
	}
	// the token's mask holds its word's classes: no look-up
	p := &r.toks[m.si][m.k-1]
	return !p.Is(cAux) && !p.Is(cCopulaAdverb) && !p.Is(cAppoint)
}

// notRightAfterName: "X is ..." is the roles stage's.
func notRightAfterName(r *relations, m match) bool {
	pm := r.at(m.si, m.k-1)
	return pm == nil || pm.j != m.k
}

// roleAhead: a role noun starts within nine tokens.
func roleAhead(r *relations, m match) bool {
	toks := r.toks[m.si]
	for x := m.k + 1; x < len(toks) && x < m.k+10; x++ {
		if toks[x].Is(cRole) {
			return true
		}
	}
	return false
}

// notBehind: "left it behind", "leaving it to the government" are idioms,
// not departures.
func notBehind(r *relations, m match) bool {
	toks := r.toks[m.si]
	a, b := normAt(toks, m.end()), normAt(toks, m.end()+1)
	return a != "behind" && b != "behind" && !((a == "it" || a == "them" || a == "this") && (b == "to" || b == "up"))
}

func notAs(r *relations, m match) bool { return normAt(r.toks[m.si], m.end()) != "as" }

func asFollows(r *relations, m match) bool { return normAt(r.toks[m.si], m.end()) == "as" }

// asNear: "stepped down as", "resigned as".
func asNear(r *relations, m match) bool {
	toks := r.toks[m.si]
	return toks[m.end()-1].Norm == "as" || normAt(toks, m.end()) == "as"
}

// joining: "defected to ORG" joins ORG.
func joining(r *relations, m match) bool {
	return m.extra == "to" || r.toks[m.si][m.end()-1].Norm == "to"
}

func notJoining(r *relations, m match) bool { return !joining(r, m) }

// removal: the trigger's object is the member removed (departure.tsv object
// "member"): "expelled X".
func removal(r *relations, m match) bool { return m.extra == "member" }

func notRemoval(r *relations, m match) bool { return !removal(r, m) }

// passiveVerb: the trigger follows an auxiliary of the passive ("was
// expelled", "have been suspended").
func passiveVerb(r *relations, m match) bool {
	switch prevNorm(r.toks[m.si], m.k) {
	case "was", "were", "been", "being", "is", "are", "be", "get", "got", "gets":
		return true
	}
	return false
}

func activeVerb(r *relations, m match) bool { return m.k > 0 && !passiveVerb(r, m) }

// notKin: "his grandmother died in X" is not the person named.
func notKin(r *relations, m match) bool {
	toks := r.toks[m.si]
	return !(m.k > 0 && toks[m.k-1].Is(cKin) || m.k > 1 && toks[m.k-2].Is(cKin))
}

func nounTrigger(r *relations, m match) bool { return r.toks[m.si][m.k].Is(cDeathNoun) }

func verbTrigger(r *relations, m match) bool { return !nounTrigger(r, m) }

// legislature: the membership is of a legislature.
func legislature(r *relations, m match) bool {
	os := memberOfOrg(r, m)
	return len(os) == 1 && isLegislature(os[0])
}

func notLegislature(r *relations, m match) bool { return !legislature(r, m) }

// legislatureMember gives the subject of "member of LEGISLATURE" its seat:
// holds_post with the title its members have (legislatures.tsv).
func legislatureMember(r *relations, m match) {
	leg := memberOfOrg(r, m)[0]
	title := r.memberTitle(leg)
	if title == "" {
		title = "member"
	}
	for _, p := range clauseSubject(r, m) {
		r.addFact(&fact{subj: p, obj: leg, pred: factions.HoldsPost, role: title, sent: m.si, at: r.toks[m.si][m.k].Start(), from: r.clauseStart(m.si, m.k)})
	}
}

// memberTitle returns what a member of legislature leg is called ("mna"),
// by its name, or by the words after a place that opens it and the place's
// country ("Sindh Assembly": an MPA's), or "".
func (r *relations) memberTitle(leg *entity) string {
	for n := range leg.eachName {
		w := r.fields(r.lower(n))
		if t := r.legislatureTitle(strings.Join(w, " "), r.country); t != "" {
			return t
		}
		for k := 1; k < len(w); k++ {
			if p, ok := r.lx.places.get(strings.Join(w[:k], " ")); ok {
				if t := r.legislatureTitle(strings.Join(w[k:], " "), r.lower(p.Country)); t != "" {
					return t
				}
			}
		}
	}
	return ""
}

// legislatureTitle looks a legislature up in legislatures.tsv for a country
// (lower-case, "" when unknown): a row of that country, else one of any.
func (r *relations) legislatureTitle(name, country string) string {
	any := ""
	for _, l := range r.lx.legislatures[name] {
		switch {
		case strings.EqualFold(l.Country, country):
			return l.Title
		case l.Country == "-":
			any = l.Title
		}
	}
	return any
}

// listAfter: "allies, A and B", "allies: A, B".
func listAfter(r *relations, m match) bool {
	toks := r.toks[m.si]
	if m.n != 1 {
		return false
	}
	if w := normAt(toks, m.end()); w == "," || w == ":" {
		return len(r.orgList(m.si, m.end()+1)) > 0
	}
	return len(r.orgList(m.si, m.end())) > 0 // "its ally the X"
}

func fromRightAfter(r *relations, m match) bool { return normAt(r.toks[m.si], m.end()) == "from" }

func notFoundingOrSenior(r *relations, m match) bool {
	w := prevNorm(r.toks[m.si], m.k)
	return w != "founding" && w != "senior"
}

// allyWord: "ally" and "allies" alone need "with" or "of" after them.
func allyWord(r *relations, m match) bool {
	toks := r.toks[m.si]
	if m.n > 1 {
		return true
	}
	next := normAt(toks, m.end())
	return next == "with" || next == "of"
}

// orgThenFrom: "runs the party from", "directs its affairs from".
func orgThenFrom(r *relations, m match) bool {
	from := r.fromAfter(m)
	return from > 0 && r.orgLikeBetween(m.si, m.end(), from)
}

// --- finders

func one(e *entity) []*entity {
	if e == nil {
		return nil
	}
	return []*entity{e}
}

func mentionEnt(m *ref) []*entity {
	if m == nil {
		return nil
	}
	return []*entity{m.ent}
}

// agent: the person after "by", also with a role or title before the name.
func agent(r *relations, m match) []*entity {
	return one(r.personAt(m.si, r.byAfter(m)+1))
}

// clauseOrg: the organisation before the verb in its clause, or the one
// that opens the sentence with only its apposition between.
func clauseOrg(r *relations, m match) []*entity {
	if om := r.orgMentionBefore(m.si, m.k, 8); om != nil && !r.reportedBetween(m.si, om.j, m.k) {
		return mentionEnt(om)
	}
	return mentionEnt(r.sentenceSubjectOrg(m.si, m.k))
}

// reportedBetween reports whether a finite reporting verb stands between
// tokens a and b: what follows it is another clause ("The X officials said
// the alliance would be led by Y": the alliance, not X, is led).
func (r *relations) reportedBetween(si, a, b int) bool {
	toks := r.toks[si]
	for x := a; x < b; x++ {
		if r.isSpeechTok(&toks[x]) && !toks[x-1].Is(cAux) && prevNorm(toks, x) != "to" {
			return true
		}
	}
	return false
}

// clauseOrgOrNamed: clauseOrg, or the organisation named after "under the
// name of", "called": "founded by X under the name of ORG".
func clauseOrgOrNamed(r *relations, m match) []*entity {
	if o := clauseOrg(r, m); o != nil {
		return o
	}
	toks := r.toks[m.si]
	for x := m.k + 2; x < len(toks) && x < m.k+14; x++ {
		switch toks[x].Norm {
		case "name", "called", "named", "banner":
			for y := x + 1; y < len(toks) && y < x+4; y++ {
				if om := r.at(m.si, y); om != nil && om.ent.typ == factions.Organization {
					return mentionEnt(om)
				}
			}
			return nil
		}
	}
	return nil
}

// clauseSubject: the person who is the subject of the verb.
func clauseSubject(r *relations, m match) []*entity {
	return one(r.subjectPerson(m.si, m.k))
}

// memberSubjects: the person "a member of" describes; for "members of",
// the persons named just before it ("A and B, members of", "A and B are
// members of"), never one named elsewhere in the sentence ("as members of
// the X raised slogans").
func memberSubjects(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	if toks[m.k].Norm != "members" {
		return clauseSubject(r, m)
	}
	x := m.k - 1
	for x >= 0 && (toks[x].Norm == "all" || toks[x].Norm == "both" || toks[x].Is(cSentenceAdverb)) {
		x-- // "are all members of", "were also members of"
	}
	if x < 0 || toks[x].Norm != "," && !toks[x].Is(cAux) {
		return nil
	}
	return r.subjectPersons(m.si, m.k)
}

// clauseSubjects: every person of the verb's subject ("X and Y quit").
func clauseSubjects(r *relations, m match) []*entity {
	return r.subjectPersons(m.si, m.k)
}

// orgObject: the organisation right after the verb, or "the party".
func orgObject(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	if om := r.orgAfter(m.si, m.end(), 3); om != nil {
		return mentionEnt(om)
	}
	if normAt(toks, m.end()) == "the" && normAt(toks, m.end()+1) == "party" && normAt(toks, m.end()+2) != "'s" {
		return one(r.orgBefore(toks[m.k].Start()))
	}
	// "headed the party's provincial chapter"
	return one(r.bodyAt(m.si, m.end()))
}

// orgOrCalledAfter: the organisation after the verb, or after "called" a
// little further: "setting up a new political party called Veritas".
func orgOrCalledAfter(r *relations, m match) []*entity {
	if om := r.orgAfter(m.si, m.end(), 4); om != nil {
		return mentionEnt(om)
	}
	toks := r.toks[m.si]
	for x := m.end(); x < len(toks) && x < m.end()+8; x++ {
		if toks[x].Norm == "called" || toks[x].Norm == "named" {
			return mentionEnt(r.orgAfter(m.si, x+1, 2))
		}
		// "launched a new outfit, the X": the name in apposition
		if x < m.end()+4 && toks[x].Is(cPartyNoun) && !toks[x].Cap() && normAt(toks, x+1) == "," {
			return mentionEnt(r.orgAfter(m.si, x+2, 2))
		}
	}
	return nil
}

// allianceMembers: the organisations listed after the trigger, and the one
// that formed the alliance ("the X formed an alliance named Y, comprising A
// and B": X, A and B).
func allianceMembers(r *relations, m match) []*entity {
	members := r.orgList(m.si, m.end())
	if len(members) == 0 {
		return nil
	}
	toks := r.toks[m.si]
	a := r.allianceAt(m)
	for _, om := range r.bySent[m.si] {
		if om.i >= a {
			break
		}
		if p := prevNorm(toks, om.i); om.ent.typ == factions.Organization && p != "named" && p != "called" && !isLegislature(om.ent) {
			members = append(members, om.ent)
			break
		}
	}
	return members
}

// allyGroup: the allies listed after "allies," and the organisation whose
// allies they are ("the X and its allies", "X's allies").
func allyGroup(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	from := m.end()
	if w := normAt(toks, from); w == "," || w == ":" {
		from++
	}
	group := r.orgList(m.si, from)
	switch w := prevNorm(toks, m.k); {
	case w == "its" || w == "their":
		if om := r.orgMentionBefore(m.si, m.k-1, 4); om != nil {
			group = append(group, om.ent)
		} else {
			group = append(group, r.possessorOrg(m.si, m.k-1))
		}
	case w == "'s":
		group = append(group, mentionEnt(r.orgEndingAt(m.si, m.k-1))...)
	}
	return group
}

// coordinatedParties: the parties named together just before the trigger,
// as its clause's subject: "A and B formed an alliance", "A, B and C have
// joined hands" (auxiliaries and adverbs between). Fewer than two: none.
func coordinatedParties(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	x := m.k
	for x > 0 && m.k-x < 3 && toks[x-1].Kind == Word && !toks[x-1].Cap() && (toks[x-1].Is(cAux) || toks[x-1].Is(cCopulaAdverb)) {
		x-- // "have now"
	}
	var out []*entity
	for x > 0 {
		if x >= 3 && toks[x-1].Norm == ")" && toks[x-3].Norm == "(" {
			x -= 3 // "the Y Party (YP)"
		}
		om := r.orgEndingAt(m.si, x)
		if om == nil || !partyLike(om.ent) || isLegislature(om.ent) {
			break
		}
		out = append(out, om.ent)
		x = om.i
		if x > 0 && toks[x-1].Norm == "the" {
			x--
		}
		if x == 0 || toks[x-1].Norm != "and" && toks[x-1].Norm != "," {
			break
		}
		x--
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// possessor: the person "his" or "her" stands for.
func possessor(r *relations, m match) []*entity {
	p := r.pronoun(r.toks[m.si][m.k].Start()).ent
	if p == nil || p.typ != factions.Person {
		return nil
	}
	return one(p)
}

// ownParty: the party named right after "his", when nothing but the end of
// a phrase follows it ("his Y Party", not "his Y opponents").
func ownParty(r *relations, m match) []*entity {
	om := r.startsAt(m.si, m.end())
	if om == nil || om.ent.typ != factions.Organization || !r.knownParty(om.ent) {
		return nil
	}
	toks := r.toks[m.si]
	if om.j < len(toks) {
		if t := toks[om.j]; t.Kind == Word && !t.Cap() && !t.Is(cFunction) && !t.Is(cAux) && !r.isSpeechTok(&t) &&
			!strings.HasSuffix(t.Norm, "ed") && !strings.HasSuffix(t.Norm, "ing") {
			return nil // "his Y Party colleagues"
		}
	}
	return mentionEnt(om)
}

// namedNewParty reads "his newly-founded party, the X", "her new party,
// X": the organisation named after "party" and whether the words before
// it say the person founded it ("newly-founded", "launching his new party").
func (r *relations) namedNewParty(m match) (org *entity, founded bool) {
	toks := r.toks[m.si]
	x, isNew := m.end(), false
	founded = m.k > 0 && r.lx.triggers.classTok(&toks[m.k-1]) == "found" // "launching his new party, X"
	for ; x < len(toks) && x < m.end()+3 && toks[x].Kind != Punct; x++ {
		w := toks[x].Norm
		switch {
		case w == "new" || w == "newly" || w == "own":
			isNew = true
		case strings.HasPrefix(w, "newly-"):
			isNew = true
			founded = founded || r.lx.triggers.class(strings.TrimPrefix(w, "newly-")) == "found"
		case r.lx.triggers.class(w) == "found":
			founded = true
		default:
			if w == "party" || w == "outfit" {
				return r.partyNamedAfter(m.si, x+1), founded
			}
			return nil, false
		}
		if !isNew && !founded {
			return nil, false
		}
	}
	return nil, false
}

// partyNamedAfter returns the organisation named in apposition at token x:
// ", the X", ", X", or "X".
func (r *relations) partyNamedAfter(si, x int) *entity {
	toks := r.toks[si]
	if normAt(toks, x) == "," {
		x++
	}
	if normAt(toks, x) == "the" {
		x++
	}
	if om := r.startsAt(si, x); om != nil && om.ent.typ == factions.Organization && !isLegislature(om.ent) {
		return om.ent
	}
	return nil
}

// foundedParty: "his newly-founded party, the X".
func foundedParty(r *relations, m match) []*entity {
	if o, founded := r.namedNewParty(m); founded {
		return one(o)
	}
	return nil
}

// newParty: "her new party, X", "his party, the X" (not founded by the
// person, as far as the sentence says).
func newParty(r *relations, m match) []*entity {
	if o, founded := r.namedNewParty(m); !founded {
		return one(o)
	}
	return nil
}

// orgList returns the organisations of a list that starts at token k: "A,
// B (BB), C and D", "A as well as B".
func (r *relations) orgList(si, k int) []*entity {
	toks := r.toks[si]
	var out []*entity
	for x := k; x < len(toks); x++ {
		if om := r.startsAt(si, x); om != nil {
			if om.ent.typ != factions.Organization {
				break
			}
			out = append(out, om.ent)
			x = om.j - 1
			if normAt(toks, om.j) == "(" && normAt(toks, om.j+2) == ")" {
				x = om.j + 2 // "Party (BNP)"
			}
			continue
		}
		switch toks[x].Norm {
		case ",", "and", "the", "as", "well", "–", "—":
			continue
		}
		break
	}
	return out
}

// orgNearBefore: the organisation just before the trigger, with only
// punctuation, auxiliaries and articles between: "X was formed out of", "X,
// a faction of".
func orgNearBefore(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	for x := m.k - 1; x >= 0 && x >= m.k-6; x-- {
		if om := r.at(m.si, x); om != nil {
			if om.j == x+1 && om.ent.typ == factions.Organization {
				return mentionEnt(om)
			}
			return nil
		}
		t := &toks[x]
		if !(t.Kind == Punct || t.Is(cAux) || t.Is(cDet) || t.Is(cSentenceAdverb) || t.Norm == "formed" || t.Norm == "itself") {
			return nil
		}
	}
	return nil
}

// succession hands the posts a person held in the sentence to the one who
// replaced them: "X, who also headed the party's provincial chapter, was
// replaced by Y"; X's end.
func succession(r *relations, m match) {
	toks := r.toks[m.si]
	y := r.personAt(m.si, m.end())
	if y == nil {
		return
	}
	olds := r.subjectPersons(m.si, m.k)
	at := toks[m.k].Start()
	for _, x := range olds {
		for _, f := range slices.Clone(r.facts) {
			// a title before the name ("Chief Minister X") stays X's; what the
			// clause says X held passes on
			if f.sent != m.si || f.subj != x || f.former || f.appositive || f.at > at || f.pred != factions.Leads && f.pred != factions.HoldsPost {
				continue
			}
			f.former = true
			r.addFact(&fact{subj: y, obj: f.obj, pred: f.pred, role: f.role, sent: m.si, at: at, from: at, appositive: f.appositive})
		}
	}
}

// personBefore: the person named right before the trigger ("X-led", "X of").
func personBefore(r *relations, m match) []*entity {
	if pm := r.at(m.si, m.k-1); pm != nil && pm.j == m.k && pm.ent.typ == factions.Person {
		return mentionEnt(pm)
	}
	return nil
}

// orgRightBefore: the organisation named right before the trigger.
func orgRightBefore(r *relations, m match) []*entity {
	return mentionEnt(r.orgEndingAt(m.si, m.k))
}

// placeBefore: the place named right before the trigger ("London-based").
func placeBefore(r *relations, m match) []*entity {
	if pm := r.at(m.si, m.k-1); pm != nil && pm.j == m.k && pm.ent.typ == factions.Place {
		return mentionEnt(pm)
	}
	return nil
}

// orgRightAfter: the organisation named right after the trigger.
func orgRightAfter(r *relations, m match) []*entity {
	if om := r.startsAt(m.si, m.end()); om != nil && om.ent.typ == factions.Organization {
		return mentionEnt(om)
	}
	return nil
}

// orgAfterTrigger: the organisation within a few tokens after the trigger.
func orgAfterTrigger(r *relations, m match) []*entity {
	return mentionEnt(r.orgAfter(m.si, m.end(), 3))
}

func fromNameBefore(r *relations, m match) int {
	if pm := r.at(m.si, m.k-1); pm != nil {
		return pm.span.Start
	}
	return r.toks[m.si][m.k].Start()
}

func fromSentence(r *relations, m match) int { return r.sents[m.si].Start }

// personAfterOf: "under the leadership of X".
func personAfterOf(r *relations, m match) []*entity {
	return one(r.personAt(m.si, m.end()+1))
}

// orgBeforeUnder: the organisation before "under the leadership of".
func orgBeforeUnder(r *relations, m match) []*entity {
	return mentionEnt(r.orgMentionBefore(m.si, m.k-2, 10))
}

func fromOrgBeforeUnder(r *relations, m match) int {
	if om := r.orgMentionBefore(m.si, m.k-2, 10); om != nil {
		return om.span.Start
	}
	return r.toks[m.si][m.k].Start()
}

// orgLeft: the organisation a person leaves: named after the verb, "the
// party", "it", or the party in question when the verb is passive ("was
// expelled").
func orgLeft(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	after := m.end()
	at := toks[m.k].Start()
	if strings.HasSuffix(r.text[toks[m.k].Start():toks[after-1].End()], " party") {
		return one(r.orgBefore(at)) // "left the party"
	}
	if om := r.orgAfter(m.si, after, 5); om != nil {
		if isLegislature(om.ent) {
			return nil // "walked out of Parliament": a protest, not a departure
		}
		return mentionEnt(om)
	}
	x := after
	if w := normAt(toks, x); w == "from" || w == "with" || w == "of" {
		x++
	}
	if w := normAt(toks, x); w == "it" || w == "party" || w == "the" && normAt(toks, x+1) == "party" {
		return one(r.orgBefore(at))
	}
	return nil
}

// orgRemovedFrom: the organisation a member is removed from in the passive
// ("X was expelled from Y", "X was expelled": the party in question).
func orgRemovedFrom(r *relations, m match) []*entity {
	if o := orgLeft(r, m); o != nil {
		return o
	}
	return one(r.orgBefore(r.toks[m.si][m.k].Start()))
}

// personsAfter: every person named after the trigger in its clause, with
// their roles, titles and list punctuation between: "expelled MNAs A, B and
// C", "suspended the membership of X".
func personsAfter(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	var out []*entity
	for x := m.end(); x < len(toks) && x < m.end()+30; x++ {
		t := &toks[x]
		if pm := r.at(m.si, x); pm != nil {
			if pm.ent.typ == factions.Person {
				out = append(out, pm.ent)
			}
			x = pm.j - 1
			continue
		}
		switch {
		case t.Norm == "," || t.Norm == "and" || t.Norm == "–" || t.Norm == "—" || t.Kind == Number:
		case t.Kind == Word && !t.Is(cFunction) && !t.Is(cPrep) && !r.isSpeechTok(t):
			// roles, titles, determiners and adjectives: "its senator", "three MNAs"
		default:
			return out
		}
	}
	return out
}

// remover: the organisation that removes a member: named after "from" in
// the clause, before the verb, or "the party".
func remover(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	for x := m.end(); x < len(toks) && x < m.end()+30; x++ {
		if w := toks[x].Norm; w == ";" || w == "." || toks[x].Kind == Quote {
			break
		}
		if toks[x].Norm == "from" {
			if om := r.orgAfter(m.si, x+1, 3); om != nil {
				return mentionEnt(om)
			}
			if normAt(toks, x+1) == "the" && normAt(toks, x+2) == "party" {
				return one(r.orgBefore(toks[x].Start()))
			}
			break
		}
	}
	if o := clauseOrg(r, m); o != nil {
		return o
	}
	if x := partyBefore(toks, m.k, 4); x >= 0 {
		return one(r.orgBefore(toks[x].Start())) // "the party expelled X"
	}
	if w := prevNorm(toks, m.k); w == "it" || w == "they" {
		return one(r.orgBefore(toks[m.k].Start()))
	}
	return nil
}

// orgJoined: "joined the party", "joined ORG", "joined the SND presidium".
func orgJoined(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	if strings.HasSuffix(r.text[toks[m.k].Start():toks[m.end()-1].End()], " party") {
		return one(r.orgBefore(toks[m.k].Start()))
	}
	om := r.orgAfter(m.si, m.end(), 4)
	if om == nil {
		return nil
	}
	if b := r.bodyAt(m.si, om.i); b != nil {
		return one(b)
	}
	return mentionEnt(om)
}

// orgJoinedFrom: the organisation after "from" that follows the one joined:
// "joined the Y from the Z".
func orgJoinedFrom(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	om := r.orgAfter(m.si, m.end(), 4)
	if om == nil || normAt(toks, om.j) != "from" {
		return nil
	}
	return mentionEnt(r.orgAfter(m.si, om.j+1, 3))
}

// deceased: who died: the subject, or the person of the sentence for "his
// assassination".
func deceased(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	if w := prevNorm(toks, m.k); w == "his" || w == "her" {
		for _, pm := range r.bySent[m.si] {
			if pm.ent.typ == factions.Person {
				return mentionEnt(pm)
			}
		}
		return nil
	}
	return one(r.subjectPerson(m.si, m.k))
}

// placeOfDeath: the place named after the word, in the clause.
func placeOfDeath(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	for x := m.end(); x < len(toks) && x < m.end()+8; x++ {
		if pm := r.at(m.si, x); pm != nil && pm.ent.typ == factions.Place {
			return mentionEnt(pm)
		}
		if toks[x].Norm == ";" || toks[x].Norm == "." {
			break
		}
	}
	return nil
}

// memberOfOrg: the organisation or body after "member of", "part of", or
// "the party".
func memberOfOrg(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	x := m.end()
	if normAt(toks, x) == "the" && x+1 < len(toks) {
		x++
	}
	if x >= len(toks) {
		return nil
	}
	if om := r.startsAt(m.si, x); om != nil && om.ent.typ == factions.Organization {
		return mentionEnt(om)
	}
	if toks[x].Norm == "party" {
		return one(r.orgBefore(toks[x].Start()))
	}
	return one(r.bodyAt(m.si, x))
}

// partyAfterOf: "X of the UDP", "X of UDF", not "of the PPP's youth wing".
func partyAfterOf(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	x := m.end()
	if normAt(toks, x) == "the" {
		x++
	}
	om := r.startsAt(m.si, x)
	if om == nil || om.ent.typ != factions.Organization || !partyLike(om.ent) {
		return nil
	}
	// "of the PPP's youth wing", "of the PPP youth wing" are the wing's
	if next := normAt(toks, om.j); next == "'s" || om.j < len(toks) && (toks[om.j].Is(cBodyNoun) || toks[om.j].Is(cRole) && !toks[om.j].Cap()) {
		return nil
	}
	return mentionEnt(om)
}

// pairObject: the organisation after "merged into", "alliance with", or
// "his old party".
func pairObject(r *relations, m match) []*entity {
	if om := r.orgAfter(m.si, m.end(), 4); om != nil {
		// "the coalition ally of difficulties in the Senate": a phrase of
		// its own between, and a legislature is nobody's ally
		for it := range r.toks[m.si][min(m.end(), om.i):om.i] {
			t := &r.toks[m.si][min(m.end(), om.i):om.i][it]
			if t.Is(cPrep) {
				return nil
			}
		}
		if isLegislature(om.ent) {
			return nil
		}
		return mentionEnt(om)
	}
	return one(r.formerPartyAt(m.si, m.end()))
}

// pairSubject: the organisation that merges or allies: the one opening the
// sentence, a faction described before, the organisation named before in
// the clause, "its", or "the party".
func pairSubject(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	obj := pairObject(r, m)
	if sm := r.sentenceSubjectOrg(m.si, m.k); sm != nil && (len(obj) == 0 || sm.ent != obj[0]) {
		return mentionEnt(sm)
	}
	if f := r.factionRef(m.si, m.k); f != nil {
		return one(f) // "alleged that the breakaway group was in alliance with"
	}
	if sm := r.orgMentionBefore(m.si, m.k, 10); sm != nil {
		return mentionEnt(sm)
	}
	if w := prevNorm(toks, m.k); w == "its" || w == "their" {
		return one(r.possessorOrg(m.si, m.k-1))
	}
	if x := partyBefore(toks, m.k, 10); x >= 0 {
		return one(r.orgBefore(toks[x].Start())) // "accused the party of signing up to a deal with"
	}
	return nil
}

// seatHolder: the party whose seats they are: "the seats of ORG", "ORG won
// 12 seats".
func seatHolder(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	if normAt(toks, m.end()) == "of" {
		if om := r.orgAfter(m.si, m.end()+1, 2); om != nil {
			return mentionEnt(om)
		}
	}
	return mentionEnt(r.orgMentionBefore(m.si, m.k, 6))
}

// legislaturesAfter: every legislature named after the word, else the one
// a definite description after it means ("seats in the 70-member
// assembly": the assembly the article names).
func legislaturesAfter(r *relations, m match) []*entity {
	var out []*entity
	for om := range r.mentionsOf(m.si, factions.Organization) {
		if om.i > m.k && isLegislature(om.ent) {
			out = append(out, om.ent)
		}
	}
	if len(out) == 0 {
		if e := r.definiteHouseAfter(m.si, m.end()); e != nil {
			out = append(out, e)
		}
	}
	return out
}

// definiteHouseAfter reads "in the assembly", "in the 224-member House",
// "in the state assembly" within a few words after token k, and returns the
// legislature of the article that the noun names: the only one whose name
// ends with it.
func (r *relations) definiteHouseAfter(si, k int) *entity {
	toks := r.toks[si]
	x := k
	// "62 seats and the BJP 8 seats in the": the first "in the" of the clause
	for x+1 < len(toks) && x < k+12 && !(toks[x].Norm == "in" && toks[x+1].Norm == "the") {
		if t := toks[x].Norm; t == "," || t == ";" || t == "." || t == ":" {
			return nil
		}
		x++
	}
	if x+1 >= len(toks) || toks[x].Norm != "in" {
		return nil
	}
	x += 2
	for x < len(toks) && (strings.HasSuffix(toks[x].Norm, "-member") || toks[x].Norm == "state" || toks[x].Norm == "outgoing") {
		x++
	}
	if x >= len(toks) || r.at(si, x) != nil || r.lx.orgCues.class(toks[x].Norm) != "legislature" {
		return nil
	}
	var only *entity
	for _, e := range r.ents {
		if e.typ != factions.Organization || !isLegislature(e) {
			continue
		}
		if w := strings.Fields(strings.ToLower(e.name)); len(w) < 2 || w[len(w)-1] != toks[x].Norm {
			continue
		}
		if only != nil && only != e {
			return nil
		}
		only = e
	}
	return only
}

// basedSubject: the organisation just before "based in", or the clause's
// person.
func basedSubject(r *relations, m match) []*entity {
	if om := r.orgMentionBefore(m.si, m.k, 4); om != nil {
		return mentionEnt(om)
	}
	return clauseSubject(r, m)
}

// placeAfterTrigger: the place after "based in", "exile in".
func placeAfterTrigger(r *relations, m match) []*entity {
	return mentionEnt(r.placeAfter(m.si, m.end()))
}

// fromAfter returns the index of "from" within a few words after the
// trigger, or 0.
func (r *relations) fromAfter(m match) int {
	toks := r.toks[m.si]
	for x := m.end(); x < len(toks) && x <= m.k+5; x++ {
		if toks[x].Norm == "from" {
			return x
		}
		if toks[x].Kind != Word {
			return 0
		}
	}
	return 0
}

// placeAfterFrom: the place after "from", not a route ("from X to Y").
func placeAfterFrom(r *relations, m match) []*entity {
	toks := r.toks[m.si]
	pm := r.placeAfter(m.si, r.fromAfter(m)+1)
	if pm == nil || pm.j < len(toks) && toks[pm.j].Norm == "to" {
		return nil
	}
	return mentionEnt(pm)
}

// runner: who runs the organisation: the subject, or a definite role
// description ("the JND chief was running the party").
func runner(r *relations, m match) []*entity {
	if p := r.subjectPerson(m.si, m.k); p != nil {
		return one(p)
	}
	return one(r.roleSubject(m.si, m.k))
}

// --- role rules

// takeOver: "X, ... since taking over as secretary general".
func takeOver(r *relations, m match) []*descriptor {
	p, at := r.subjectMention(m.si, m.k)
	if p == nil {
		return nil
	}
	return r.roleAfter(m.si, p, at, m.end(), false)
}

// copulaRole: "who ... is now a senior vice-president of Y", "Party
// insiders said X could be named acting president".
func copulaRole(r *relations, m match) []*descriptor {
	if !roleNounAfterCopula(r.toks[m.si], m.k) {
		return nil // roleAfter would find no role: the subject is not looked for
	}
	p, at := r.subjectMention(m.si, m.k)
	if p == nil {
		return nil
	}
	return r.roleAfter(m.si, p, at, m.k, true)
}

// roleNounAfterCopula reports whether a role phrase may end within the
// words roleAfter reads after the copula at token k: a word roles.tsv ends
// a role with, or a hyphenated word ("ex-minister"), before a comma or full
// stop. Without one roleAfter finds no role (roleEndingAt).
func roleNounAfterCopula(toks []Token, k int) bool {
	k, _, _, ok := copulaEnd(toks, k)
	if !ok {
		return false
	}
	for e := k + 1; e <= len(toks) && e <= k+7; e++ {
		if t := &toks[e-1]; t.Is(cRoleLast) || t.Kind == Word && strings.IndexByte(t.Norm, '-') >= 0 {
			return true
		}
		if e < len(toks) && (toks[e].Norm == "," || toks[e].Norm == ".") {
			break
		}
	}
	return false
}

// stepDownAs: "stepped down as ROLE", "quit as Tory deputy chairman": the
// post follows "as"; "... and replaced by X": the successor holds it.
func stepDownAs(r *relations, m match) []*descriptor {
	toks := r.toks[m.si]
	k := m.end()
	if toks[k-1].Norm != "as" {
		k++
	}
	// the longest role after "as": "the chief minister", not "the chief"
	best := -1
	for e := k + 1; e <= len(toks) && e <= k+6; e++ {
		if rp, ok := r.roleEndingAt(m.si, e); ok && rp.start >= k && rp.start <= k+1 {
			best = e
		}
		if w := normAt(toks, e); w == "," || w == "." || w == "and" || w == "of" {
			break
		}
	}
	if best < 0 {
		return nil
	}
	rp, _ := r.roleEndingAt(m.si, best)
	if w := normAt(toks, best); (w == "of" || w == "in") && rp.obj == nil {
		if b := r.bodyAt(m.si, best+1); b != nil {
			rp.obj = b
		} else if om := r.orgAfter(m.si, best+1, 3); om != nil {
			rp.obj = om.ent
		}
	}
	at, from := toks[m.k].Start(), r.clauseStart(m.si, k)
	var out []*descriptor
	for _, p := range r.subjectPersons(m.si, m.k) {
		q := rp
		q.former = true
		out = append(out, &descriptor{rolePhrase: q, person: p, sent: m.si, at: at, from: from})
	}
	for x := best; x+2 < len(toks); x++ {
		if toks[x].Norm == "replaced" && toks[x+1].Norm == "by" {
			if p := r.personAt(m.si, x+2); p != nil {
				q := rp
				q.former = false
				out = append(out, &descriptor{rolePhrase: q, person: p, sent: m.si, at: toks[x].Start(), from: toks[x].Start()})
			}
			break
		}
	}
	return out
}

// --- clause reading shared by the rules

// subjectPerson returns the person who is the subject of the verb at token
// v: the person named nearest before it in the clause ("X, who founded",
// "X and Y have distanced themselves"), or a pronoun resolved.
func (r *relations) subjectPerson(si, v int) *entity {
	ps := r.subjectPersons(si, v)
	if len(ps) == 0 {
		return nil
	}
	return ps[len(ps)-1]
}

// subjectPersons returns every person in the subject of the verb at token v:
// the persons named in the clause before it, not after a preposition, and
// the persons its pronouns stand for.
func (r *relations) subjectPersons(si, v int) []*entity {
	toks := r.toks[si]
	if ps := r.relativeAntecedents(si, v); len(ps) > 0 {
		return ps
	}
	start := 0
	for x := v - 1; x >= 0; x-- {
		if w := toks[x].Norm; w == ";" || w == ":" || w == "but" || w == "while" || toks[x].Kind == Quote || w == "that" {
			start = x + 1
			break
		}
	}
	var out []*entity
	add := func(e *entity) {
		if e != nil && e.typ == factions.Person && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	for x := start; x < v; x++ {
		m := r.at(si, x)
		if m == nil {
			if w := toks[x].Norm; w == "he" || w == "she" {
				add(r.pronoun(toks[x].Start()).ent)
			}
			continue
		}
		x = m.j - 1
		if p := titleStart(toks, m.i) - 1; p >= 0 && m.i > 0 && afterPreposition(toks[p].Norm) {
			continue
		}
		add(m.ent)
	}
	// "the businessman was": a definite description names the person last named
	if len(out) == 0 && v >= 2 && v-2 >= start && toks[v-2].Norm == "the" && toks[v-1].Kind == Word && !toks[v-1].Cap() &&
		!r.lx.orgCues.hasTok(&toks[v-1]) && !toks[v-1].Is(cGroupNoun) && !strings.HasSuffix(toks[v-1].Norm, "s") {
		add(r.personBefore(toks[v-2].Start(), ""))
	}
	return out
}

// relativeAntecedents returns the persons a relative "who" before the verb
// at v stands for: "... a reference to A and B, who were sacked": every name
// of the list before it.
func (r *relations) relativeAntecedents(si, v int) []*entity {
	toks := r.toks[si]
	w := v - 1
	for w > 0 && (toks[w].Is(cAux) || toks[w].Is(cSentenceAdverb) || strings.HasSuffix(toks[w].Norm, "ly") && toks[w].Kind == Word) {
		w--
	}
	if w < 1 || toks[w].Norm != "who" {
		return nil
	}
	x := w - 1
	if toks[x].Norm == "," {
		x--
	}
	var out []*entity
	for x >= 0 {
		m := r.at(si, x)
		if m == nil || m.j != x+1 || m.ent.typ != factions.Person {
			break
		}
		out = append([]*entity{m.ent}, out...)
		x = titleStart(toks, m.i) - 1
		if x >= 0 && toks[x].Norm == "and" {
			x--
		}
		if x >= 0 && toks[x].Norm == "," {
			x--
		}
		if x >= 0 && toks[x].Norm == "and" {
			x--
		}
	}
	return out
}

// afterPreposition reports whether a name after w is the object of a
// preposition, not a subject.
func afterPreposition(w string) bool {
	switch w {
	case "of", "by", "with", "to", "from", "against", "for", "between", "before", "after", "unlike",
		"like", "than", "including", "besides", "replacing", "succeeding", "under":
		return true
	}
	return false
}

// subjectMention returns the person who is the subject of the verb at token
// k of sentence si, and the token where it is named (for a pronoun, the
// pronoun's).
func (r *relations) subjectMention(si, k int) (*entity, int) {
	p := r.subjectPerson(si, k)
	if p == nil {
		return nil, 0
	}
	at := -1
	for _, m := range r.bySent[si] {
		if m.ent == p && m.j <= k {
			at = m.i
		}
	}
	if at >= 0 {
		return p, at
	}
	// a pronoun stands for p: "He will serve as general secretary of the
	// new faction, X said"
	toks := r.toks[si]
	x := k - 1
	for x > 0 && toks[x].Kind == Word && (strings.HasSuffix(toks[x].Norm, "ly") || toks[x].Is(cSentenceAdverb)) {
		x-- // "He previously served as"
	}
	if n := toks[x].Norm; (n == "he" || n == "she") && r.quoteAt(toks[x].Start()) == nil &&
		(x == 0 || toks[x-1].Kind == Punct || toks[x-1].Norm == "and" || toks[x-1].Norm == "but") {
		return p, x
	}
	return nil, 0
}

// personAt returns the person named at token k (after "by"), also after
// "the", "former", a role ("led by former JND senior vice-president Dr X")
// or a title, or a pronoun resolved; nil otherwise.
func (r *relations) personAt(si, k int) *entity {
	toks := r.toks[si]
	for k < len(toks) && (toks[k].Norm == "the" || r.lx.former.hasTok(&toks[k])) {
		k++
	}
	if m := r.startsAt(si, k); m != nil && m.ent.typ == factions.Person {
		return m.ent
	}
	for x := k; x < len(toks) && x < k+7; x++ {
		m := r.at(si, x)
		if m != nil && m.i == x && m.ent.typ == factions.Person {
			if rp, ok := r.roleEndingAt(si, titleStart(toks, x)); ok && rp.start <= k+1 {
				return m.ent
			}
			break
		}
		if m != nil {
			x = m.j - 1
		}
	}
	if k < len(toks) {
		if m := r.startsAt(si, k+1); m != nil && m.ent.typ == factions.Person && m.titled {
			return m.ent // "by Dr X"
		}
		if ok, plural := isPronoun(&toks[k]); ok && !plural {
			return r.pronoun(toks[k].Start()).ent
		}
	}
	return nil
}

// roleSubject returns the person a definite role description names as the
// subject of the verb at token v: "the JND chief was running", "the
// party's leader has".
func (r *relations) roleSubject(si, v int) *entity {
	toks := r.toks[si]
	h := v - 1
	for h > 0 && (toks[h].Is(cAux) || r.lx.hedges.hasTok(&toks[h]) || toks[h].Is(cSentenceAdverb)) {
		h--
	}
	if h < 1 || r.at(si, h) != nil {
		return nil
	}
	return r.description(toks[h].Start())
}

// orgLikeBetween reports whether tokens a..b of sentence si name an
// organisation or its business: a name, "the party", "its affairs".
func (r *relations) orgLikeBetween(si, a, b int) bool {
	toks := r.toks[si]
	for x := a; x < b; x++ {
		if m := r.at(si, x); m != nil {
			return m.ent.typ == factions.Organization
		}
		n := toks[x].Norm
		if n == "affairs" || n == "show" || r.lx.orgCues.has(n) && toks[x-1].Is(cDet) {
			return true
		}
	}
	return false
}

// partyBefore returns the index of "party" in "the party" within a few tokens
// before k in the clause, or -1.
func partyBefore(toks []Token, k, within int) int {
	for x := k - 1; x > 0 && x >= k-within; x-- {
		switch toks[x].Norm {
		case ";", ":", "but", "while":
			return -1
		}
		if toks[x].Norm == "party" && toks[x-1].Norm == "the" {
			return x
		}
	}
	return -1
}

// factionRef returns the faction that a description in the clause before
// token k refers to: "the breakaway group", "her faction", "the faction".
func (r *relations) factionRef(si, k int) *entity {
	toks := r.toks[si]
	for x := k - 1; x > 0 && x >= k-8; x-- {
		switch toks[x].Norm {
		case "that", ",", ";", ":":
			return nil
		case "faction", "group":
			if toks[x-1].Is(cDet) || toks[x-1].Is(cSplinter) {
				return r.factionBefore(toks[x].Start())
			}
			return nil
		}
		if r.at(si, x) != nil {
			return nil
		}
	}
	return nil
}

// formerPartyAt reads "his old party", "her former party" at token k: the
// party the person left, as the article has told so far.
func (r *relations) formerPartyAt(si, k int) *entity {
	toks := r.toks[si]
	if k+2 >= len(toks) || toks[k+2].Norm != "party" || !r.lx.former.hasTok(&toks[k+1]) && toks[k+1].Norm != "old" {
		return nil
	}
	if n := toks[k].Norm; n != "his" && n != "her" && n != "their" {
		return nil
	}
	p := r.pronoun(toks[k].Start()).ent
	if p == nil {
		return nil
	}
	for i := len(r.facts) - 1; i >= 0 && r.facts[i].sent >= si-100; i-- {
		if f := r.facts[i]; f.subj == p && f.pred == factions.Left {
			return f.obj
		}
	}
	return nil
}
