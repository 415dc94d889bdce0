package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/factions/factions"
)

// fact is a claim under construction.
type fact struct {
	subj, obj *entity
	pred      factions.Predicate
	role      string
	former    bool
	sent      int
	at        int // offset of the word that states the relation
	from      int // offset where the clause of the fact starts
	stance    factions.Stance
	attr      string
	// appositive facts come from a name's description ("NRF spokesman X"):
	// the reporter's words even inside reported speech
	appositive bool
}

// copulaWords and appointWords join a person to the post they hold or are
// given: "X is", "X has been named", "X will serve as".
var (
	copulaWords = map[string]bool{"is": true, "was": true, "were": true, "are": true, "has": true, "had": true,
		"have": true, "been": true, "be": true, "will": true, "would": true, "became": true, "becomes": true,
		"remains": true, "remained": true, "also": true, "later": true, "then": true, "now": true, "to": true, "become": true,
		"could": true, "may": true, "might": true, "can": true, "should": true, "must": true, "shall": true,
		"formally": true, "officially": true, "duly": true, "unanimously": true, "again": true}
	appointWords = map[string]bool{"named": true, "appointed": true, "elected": true, "made": true,
		"nominated": true, "chosen": true, "picked": true, "serve": true, "serves": true, "served": true,
		"serving": true, "installed": true, "promoted": true, "re-elected": true, "designated": true}
)

// determiners that open a role phrase set before a name with a comma.
var determiners = map[string]bool{"the": true, "its": true, "their": true, "his": true, "her": true, "a": true, "an": true}

// kinWords are nouns of family and acquaintance, never posts: "the
// leader's brother X".
var kinWords = map[string]bool{"brother": true, "sister": true, "son": true, "daughter": true, "wife": true,
	"husband": true, "father": true, "mother": true, "uncle": true, "aunt": true, "nephew": true, "niece": true,
	"cousin": true, "friend": true, "son-in-law": true, "brother-in-law": true, "widow": true, "grandson": true,
	"granddaughter": true, "grandmother": true, "grandfather": true, "parents": true, "relative": true, "colleague": true, "rival": true, "opponent": true, "supporter": true}

// takeOverPhrases give a person a post: "took over as", "assumed the role
// of". Matched on the words joined by spaces.
var takeOverPhrases = []string{"took over as", "taking over as", "takes over as", "take over as",
	"assumed the role of", "assumed the post of", "assumed the office of", "assumes the role of",
	"stepped in as", "named as", "elected as", "appointed as", "replaced him as", "replaced her as"}

// takeOverWords are takeOverPhrases split into words, and takeOverFirst
// their first words.
var takeOverWords, takeOverFirst = func() ([][]string, map[string]bool) {
	var ws [][]string
	first := map[string]bool{}
	for _, p := range takeOverPhrases {
		w := strings.Fields(p)
		ws = append(ws, w)
		first[w[0]] = true
	}
	return ws, first
}()

// takeOvers reads "X, ... since taking over as secretary general", "X had
// assumed the role of patron".
func (d *doc) takeOvers(si int) {
	toks := d.toks[si]
	for k := 1; k+2 < len(toks); k++ {
		if !takeOverFirst[toks[k].Norm] {
			continue
		}
		for _, w := range takeOverWords {
			if k+len(w) > len(toks) {
				continue
			}
			ok := true
			for i, x := range w {
				if toks[k+i].Norm != x {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if pm := d.subjectMention(si, k); pm != nil {
				d.roleAfter(si, pm, k+len(w), false)
			}
		}
	}
}

// subjectMention returns the mention, in sentence si before token k, of the
// person who is the subject of the verb at k, or nil.
func (d *doc) subjectMention(si, k int) *mention {
	p := d.subjectPerson(si, k)
	if p == nil {
		return nil
	}
	var pm *mention
	for _, m := range d.ments[si] {
		if m.ent == p && m.j <= k {
			pm = m
		}
	}
	if pm == nil {
		// a pronoun stands for p: "He will serve as general secretary of
		// the new faction, X said"
		toks := d.toks[si]
		x := k - 1
		for x > 0 && toks[x].Kind == Word && (strings.HasSuffix(toks[x].Norm, "ly") || sentenceAdverbs[toks[x].Norm]) {
			x-- // "He previously served as"
		}
		if n := toks[x].Norm; (n == "he" || n == "she") && d.quoteAt(toks[x].Start) == nil &&
			(x == 0 || toks[x-1].Kind == Punct || toks[x-1].Norm == "and" || toks[x-1].Norm == "but") {
			return &mention{s: si, i: x, j: x + 1, span: Span{Start: toks[x].Start, End: toks[x].End}, name: p.name, typ: p.typ, ent: p}
		}
	}
	return pm
}

// sentenceAdverbs may stand between a subject and its verb: "He also
// served as".
var sentenceAdverbs = map[string]bool{"also": true, "then": true, "later": true, "now": true, "still": true,
	"once": true, "since": true, "soon": true, "already": true}

// roleAhead reports whether a role noun starts within n tokens from k.
func (d *doc) roleAhead(toks []Token, k, n int) bool {
	for x := k; x < len(toks) && x < k+n; x++ {
		if d.lx.roles.first[toks[x].Norm] {
			return true
		}
	}
	return false
}

// copulaStart are the verbs that can open a copula or an appointment.
var copulaStart = map[string]bool{"is": true, "was": true, "were": true, "are": true, "has": true, "had": true,
	"have": true, "been": true, "be": true, "will": true, "would": true, "became": true, "becomes": true,
	"remains": true, "remained": true, "could": true, "may": true, "might": true, "can": true,
	"should": true, "must": true, "shall": true}

// roleAdjectives may stand between a name and its role: "X, the exiled
// founder of Y", "X, the veteran leader of Y".
var roleAdjectives = map[string]bool{"exiled": true, "self-exiled": true, "jailed": true, "incarcerated": true,
	"ailing": true, "veteran": true, "embattled": true, "beleaguered": true, "influential": true,
	"powerful": true, "popular": true, "outspoken": true, "firebrand": true, "elderly": true, "young": true,
	"newly": true, "elected": true, "appointed": true, "sitting": true, "incumbent": true, "interim": true}

// factKey identifies a fact within a sentence.
type factKey struct {
	subj, obj *entity
	pred      factions.Predicate
	role      string
	sent      int
}

// leadVerbs state leadership in the passive: "led by", "steered by".
var leadVerbs = map[string]factions.Predicate{
	"led": factions.Leads, "steered": factions.Leads, "headed": factions.Leads, "chaired": factions.Leads,
	"run": factions.Leads, "helmed": factions.Leads, "commanded": factions.Leads,
	"founded": factions.Founded, "formed": factions.Founded, "established": factions.Founded,
	"launched": factions.Founded, "set": factions.Founded, "floated": factions.Founded, "created": factions.Founded,
}

// headRoles are role nouns that make their holder the head of the organisation.
var headRoles = map[string]bool{"leader": true, "chief": true, "head": true, "supremo": true,
	"party chief": true, "party leader": true, "boss": true, "ameer": true, "amir": true,
	"founder-leader": true, "chief executive": true, "leaders": false}

// leadTitles make the holder the head of a party when unmodified
// ("president", "chairman"); "vice president" and "deputy chairman" are posts.
var leadTitles = map[string]bool{"president": true}

// foundVerbs found an organisation: "X founded Y", "X is forming Y".
var foundVerbs = map[string]bool{"founded": true, "formed": true, "launched": true, "co-founded": true,
	"floated": true, "founding": true, "forming": true, "launching": true, "established": true,
	"establishing": true, "form": true, "launch": true, "found": false}

// chairWords head a committee or other body: "the PAC chairman".
var chairWords = map[string]bool{"chairman": true, "chairperson": true, "chairwoman": true, "chair": true}

// leadModifiers keep a head's title a leadership: "acting president".
var leadModifiers = map[string]bool{"acting": true, "interim": true, "new": true, "caretaker": true}

// deathNouns are nouns for a death; the death verbs come from the departure lexicon.
var deathNouns = map[string]bool{"assassination": true, "killing": true, "murder": true, "death": true,
	"execution": true, "martyrdom": true}

func (d *doc) addFact(f *fact) {
	if f.subj == nil || f.obj == nil || f.subj == f.obj {
		return
	}
	switch f.pred {
	case factions.Leads, factions.Founded, factions.MemberOf, factions.Left:
		if f.subj.typ != factions.Person || f.obj.typ != factions.Organization {
			return
		}
	case factions.HoldsPost:
		if f.subj.typ != factions.Person || f.obj.typ == factions.Person {
			return
		}
	case factions.DiedIn:
		if f.subj.typ != factions.Person || f.obj.typ != factions.Place {
			return
		}
	case factions.BasedIn:
		if f.subj.typ == factions.Place || f.obj.typ != factions.Place {
			return
		}
	default:
		if f.subj.typ != factions.Organization || f.obj.typ != factions.Organization {
			return
		}
	}
	key := factKey{f.subj, f.obj, f.pred, f.role, f.sent}
	if d.factKeys == nil {
		d.factKeys = map[factKey]bool{}
	}
	if d.factKeys[key] {
		return
	}
	d.factKeys[key] = true
	if f.role != "" {
		if !slices.Contains(f.subj.roles, f.role) {
			f.subj.roles = append(f.subj.roles, f.role)
		}
		if f.subj.typ == factions.Person {
			w := f.role[strings.LastIndexByte(f.role, ' ')+1:]
			if d.roleHolder == nil {
				d.roleHolder = map[string]*fact{}
			}
			if d.roleHolder[w] == nil {
				d.roleHolder[w] = f
			}
		}
	}
	d.facts = append(d.facts, f)
}

// relations reads the facts of every sentence.
func (d *doc) relations() {
	for si := range d.sents {
		d.rolesBefore(si)
		d.rolesAfter(si)
		d.copulaRoles(si)
		d.takeOvers(si)
		d.passives(si)
		d.departures(si)
		d.membership(si)
		d.personOfParty(si)
		d.seats(si)
		d.basedIn(si)
		d.orgPairs(si)
	}
	d.factions()
	d.bodies()
	d.severalLeaders()
}

// severalLeaders reads "ORG leader X" as membership when the article gives
// that title to several people of one organisation: an organisation has one
// head at a time, so "UDF leader X" and "UDF leader Y" are two of its
// leaders, members; "UKIP leader X" alone is its head.
func (d *doc) severalLeaders() {
	byOrg := map[*entity][]*fact{}
	for _, f := range d.facts {
		if f.pred != factions.Leads || f.former || !f.appositive {
			continue
		}
		toks := d.toks[f.sent]
		k := d.tokIndex(f.sent, f.at)
		if k < 2 || k >= len(toks) || toks[k-1].Norm != "leader" {
			continue
		}
		if om := d.mentionAt(f.sent, k-2); om == nil || om.j != k-1 || om.ent != f.obj {
			if om := d.orgEndingAt(f.sent, k-1); om == nil || om.ent != f.obj {
				continue
			}
		}
		byOrg[f.obj] = append(byOrg[f.obj], f)
	}
	for _, fs := range byOrg {
		persons := map[*entity]bool{}
		for _, f := range fs {
			persons[f.subj] = true
		}
		if len(persons) < 2 {
			continue
		}
		for _, f := range fs {
			f.pred, f.role = factions.MemberOf, ""
		}
	}
}

// copulaRoles reads "who ... and is now a senior vice-president of Y",
// "Party insiders said X could be named acting president": a copula or an
// appointment followed by a role, whose subject is the person of the clause.
func (d *doc) copulaRoles(si int) {
	toks := d.toks[si]
	for k := 1; k < len(toks); k++ {
		if toks[k].masked && toks[k].mask&maskCopula == 0 {
			continue
		}
		if !(copulaStart[toks[k].Norm] || appointWords[toks[k].Norm]) || copulaWords[toks[k-1].Norm] || appointWords[toks[k-1].Norm] {
			continue
		}
		if m := d.mentionAt(si, k-1); m != nil && m.j == k {
			continue // "X is": rolesAfter reads it
		}
		if !d.roleAhead(toks, k+1, 9) {
			continue
		}
		if pm := d.subjectMention(si, k); pm != nil {
			d.roleAfter(si, pm, k, true)
		}
	}
}

// personMentions returns the sentence's person mentions.
func (d *doc) mentionsOf(si int, t factions.EntityType) []*mention {
	var out []*mention
	for _, m := range d.ments[si] {
		if m.ent != nil && m.ent.typ == t {
			out = append(out, m)
		}
	}
	return out
}

// roleBefore reads a role phrase that ends just before token k: "NRF
// spokesman", "Sindh Governor", "former Karachi nazim", "ex-NRF leader",
// "Labour election campaign coordinator". It returns the role words, the
// organisation or place named in the phrase, whether it is former, the
// index where the phrase starts, and the role class.
func (d *doc) roleBefore(si, k int) (role string, obj *entity, former bool, start int, cls string, indef bool) {
	toks := d.toks[si]
	// the role noun itself, ending at k-1
	rs := -1
	for s := k - 1; s >= 0 && s >= k-4; s-- {
		if d.mentionAt(si, s) != nil {
			break // "Labour MP": a name is not part of the role
		}
		if n, c := d.lx.roles.match(toks[:k], s); n > 0 && s+n == k {
			rs, cls = s, c
		}
	}
	if rs < 0 {
		return "", nil, false, k, "", false
	}
	start = rs
	// modifiers: "deputy", "senior", "provincial general"
	for start > 0 && d.mentionAt(si, start-1) == nil {
		if w := toks[start-1].Norm; w == "new" || w == "newly-elected" || w == "newly-appointed" {
			start-- // "the party's new secretary general"
			continue
		}
		if n, _ := d.lx.roleMods.match(toks[:rs], start-1); n == 1 {
			start--
			continue
		}
		break
	}
	// free words between an organisation and the role: "election campaign"
	free := start
	for free > 0 && start-free < 2 && toks[free-1].Kind == Word && !toks[free-1].Cap() && d.mentionAt(si, free-1) == nil &&
		!npFunction[toks[free-1].Norm] && !determiners[toks[free-1].Norm] &&
		!d.lx.former.has(toks[free-1].Norm) && toks[free-1].Norm != "the" && toks[free-1].Norm != "a" && toks[free-1].Norm != "an" &&
		toks[free-1].Norm != "party" && !d.lx.speech.has(toks[free-1].Norm) {
		free--
	}
	if free < start && free > 0 {
		if m := d.mentionAt(si, free-1); m != nil && m.j == free && m.ent.typ != factions.Person {
			start = free
		}
	}
	role = strings.ToLower(visible(d.text[toks[start].Start:toks[k-1].End]))
	for _, w := range []string{"new ", "newly-elected ", "newly-appointed "} {
		role = strings.Replace(role, w, "", 1) // the post, not its newness
	}
	// "a party leader": the role names its organisation itself
	if strings.HasPrefix(role, "party ") && obj == nil {
		obj = d.orgBefore(toks[start].Start)
	}
	// the organisation or place: "NRF spokesman", "NUPF's leader", "party"
	p := start
	if p > 0 && toks[p-1].Norm == "'s" {
		p--
	}
	if p > 0 {
		if m := d.mentionAt(si, p-1); m != nil && m.j == p && m.ent.typ != factions.Person {
			obj, start = m.ent, m.i
		} else if toks[p-1].Norm == "party" || toks[p-1].Norm == "party's" {
			obj, start = d.orgBefore(toks[p-1].Start), p-1
		}
	}
	// former: "former", "ex-", "slain"
	q := start
	exOrg := false
	if q > 0 && toks[q-1].Norm == "-" {
		q--
		exOrg = obj != nil // "ex-NRF leader": formerly of the party, one of its leaders
	}
	if q > 0 && d.lx.former.has(toks[q-1].Norm) {
		former, start = true, q-1
		if exOrg {
			indef = true
		}
	}
	if start > 0 && (toks[start-1].Norm == "a" || toks[start-1].Norm == "an" || toks[start-1].Norm == "one") {
		indef = true
	}
	return role, obj, former, start, cls, indef
}

// postFact turns a role held by a person into a fact.
func (d *doc) postFact(si int, p *entity, role string, obj *entity, former bool, cls string, indef bool, at, from int, appositive bool) {
	if p == nil || p.typ != factions.Person {
		return
	}
	class := strings.SplitN(cls, "/", 2)[0]
	scope := ""
	if parts := strings.Split(cls, "/"); len(parts) > 1 {
		scope = parts[1]
	}
	if obj == nil {
		// a place post or a membership needs its object named: "a former
		// student leader" alone says nothing of the party
		if scope == "place" || class == "member" || indef {
			return
		}
		// "X, former deputy convener": a post in the party the article is
		// about; never in a paper or a ministry the article happens to name
		obj = d.mainOrg()
		// a head without a named party only when the sentence says so
		// ("X could be named acting president"), not in a title before a
		// name ("French President X")
		if obj == nil || !d.partyLike(obj) || class == "head" && appositive {
			return
		}
	}
	if obj == nil {
		return
	}
	f := &fact{subj: p, obj: obj, role: role, former: former, sent: si, at: at, from: from, appositive: appositive}
	words := strings.Fields(role)
	base := words[len(words)-1]
	switch {
	case class == "founder" || strings.HasPrefix(role, "founding ") || strings.HasPrefix(role, "founder "):
		f.pred, f.role = factions.Founded, ""
	case class == "member" || (indef && (class == "head" || headRoles[role] || headRoles[base])):
		f.pred, f.role = factions.MemberOf, ""
	case (headRoles[role] || (headRoles[base] || leadTitles[base]) && (len(words) == 1 || len(words) == 2 && leadModifiers[words[0]])) && obj.typ == factions.Organization && !d.isLegislature(obj):
		f.pred = factions.Leads
	case chairWords[base] && len(words) == 1 && obj.typ == factions.Organization && d.isBody(obj):
		f.pred = factions.Leads // the chairman of a committee heads it
	case chairWords[base] && (len(words) == 1 || len(words) == 2 && leadModifiers[words[0]]) && obj.typ == factions.Organization &&
		d.partyLike(obj) && d.lx.chairHeads[d.mainCountry()]:
		f.pred = factions.Leads // where a party's chairman is its head (chair_heads.txt)
	default:
		f.pred = factions.HoldsPost
	}
	if p.typ == factions.Person && f.pred != factions.HoldsPost {
		f.role = ""
	}
	d.addFact(f)
}

// rolesBefore reads "NRF spokesman Tariq Lodhi", "Sindh Governor X",
// "Labour MP X", "former prime minister X".
func (d *doc) rolesBefore(si int) {
	toks := d.toks[si]
	for _, m := range d.mentionsOf(si, factions.Person) {
		k := m.i
		// "Chairman Barrister X": titles stand between the role and the name
		for k > 0 {
			if t := toks[k-1]; t.Norm == "." || (t.Cap() && isStripTitle(t.Norm)) {
				k--
				continue
			}
			break
		}
		role, obj, former, start, cls, indef := d.roleBefore(si, k)
		if role == "" && k >= 3 && toks[k-1].Norm == "," {
			// "its senior vice-president, Dr X", "the spokesman of the Y, X"
			r, o, f, st, c, in := d.roleBefore(si, k-1)
			if r == "" {
				if om := d.orgEndingAt(si, k-1); om != nil && om.i >= 2 && toks[om.i-1].Norm == "of" || om != nil && om.i >= 3 && toks[om.i-1].Norm == "the" && toks[om.i-2].Norm == "of" {
					x := om.i - 1
					if toks[x].Norm == "the" {
						x--
					}
					r, _, f, st, c, in = d.roleBefore(si, x)
					o = om.ent
				}
			}
			if r != "" && st > 0 && (determiners[toks[st-1].Norm] || toks[st-1].Norm == "'s") {
				if o == nil && (toks[st-1].Norm == "its" || toks[st-1].Norm == "their") {
					o = d.possessorOrg(si, st-1)
				}
				if o == nil && toks[st-1].Norm == "'s" && st >= 2 && (toks[st-2].Norm == "faction" || toks[st-2].Norm == "group") {
					o = d.factionBefore(toks[st-2].Start) // "the faction's chief, X"
					if o == nil {
						continue
					}
				}
				d.postFact(si, m.ent, r, o, f, c, in, toks[k].Start, toks[st].Start, true)
				continue
			}
		}
		if w := prevNorm(toks, k); role == "" && k >= 2 && toks[k-1].Kind == Word && !toks[k-1].Cap() && !npFunction[w] && !d.lx.former.has(w) && !kinWords[w] &&
			!d.isSpeechWord(w) && !strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "ed") && !strings.ContainsAny(w, "'’") {
			// "NRF lawyer X", "party stalwart X": a noun between a party and a name is a post
			if om := d.mentionAt(si, k-2); om != nil && om.j == k-1 && om.ent.typ == factions.Organization {
				d.postFact(si, m.ent, toks[k-1].Norm, om.ent, false, "post/org", false, toks[k].Start, toks[om.i].Start, true)
				continue
			}
		}
		if role == "" {
			// "founding chairman of the Y Party (YP) X"
			if om := d.orgEndingAt(si, k); om != nil && om.i >= 2 && (toks[om.i-1].Norm == "of" || toks[om.i-1].Norm == "for") {
				x := om.i - 1
				role, _, former, start, cls, indef = d.roleBefore(si, x)
				obj = om.ent
			}
		}
		if role == "" {
			continue
		}
		if start > 0 && (toks[start-1].Norm == "slain" || toks[start-1].Norm == "late") {
			former = true
		}
		d.postFact(si, m.ent, role, obj, former, cls, indef, toks[k].Start, toks[start].Start, true)
	}
}

// rolesAfter reads appositions and copulas: "X, former Karachi nazim,",
// "X, the convener of Y", "X was the convener of Y", "X, a founding member
// of Y".
func (d *doc) rolesAfter(si int) {
	toks := d.toks[si]
	for _, m := range d.mentionsOf(si, factions.Person) {
		k := m.j
		if k >= len(toks) {
			continue
		}
		if toks[k].Norm == "," {
			// the apposition, then what follows it: "X, a lawyer, was named ROLE";
			// or a copula after a name set off by commas: "The chief, X, was named"
			d.roleAfter(si, m, k+1, false)
			d.roleAfter(si, m, k+1, true)
			if e := appositionEnd(toks, k+1); e > 0 {
				d.roleAfter(si, m, e, true)
				if e < len(toks) && toks[e].Norm == "as" && d.appointedBefore(si, m) {
					d.roleAfter(si, m, e+1, false) // "named X, a lawyer, as its secretary general"
				}
			}
			continue
		}
		if toks[k].Norm == "as" && d.appointedBefore(si, m) {
			d.roleAfter(si, m, k+1, false) // "elected X as president"
			continue
		}
		d.roleAfter(si, m, k, true)
	}
}

// possessorOrg returns the organisation that "its" or "their" at token k
// of sentence si stands for. Opening a sentence, it is the subject of the
// sentence before when that is an organisation ("The breakaway X, led by
// Y, failed to win a seat. Its general secretary, Z, ..."); else the party
// "the party" would be (orgBefore).
func (d *doc) possessorOrg(si, k int) *entity {
	toks := d.toks[si]
	first := 0
	for first < k && toks[first].Kind != Word {
		first++
	}
	if first == k && si > 0 {
		if m := d.sentenceSubject(si - 1); m != nil && m.ent.typ == factions.Organization && !d.isBody(m.ent) && !d.isLegislature(m.ent) {
			return m.ent
		}
	}
	// later in a sentence whose subject is an organisation's ("The
	// faction's chief, X, was named ... of the Y, while its general
	// secretary, Z, ..."): that organisation, in parallel
	if first < k {
		if o := d.subjectPossessor(si, first, k); o != nil {
			return o
		}
	}
	return d.orgBefore(toks[k].Start)
}

// subjectPossessor returns the organisation whose possessive opens the
// sentence at token first ("The faction's", "The NRF's"), when it comes
// before token k; nil otherwise.
func (d *doc) subjectPossessor(si, first, k int) *entity {
	toks := d.toks[si]
	for x := first; x < k && x <= first+4; x++ {
		if toks[x].Norm != "'s" || x == 0 {
			continue
		}
		if m := d.mentionAt(si, x-1); m != nil && m.j == x {
			if m.ent.typ == factions.Organization && !d.isBody(m.ent) {
				return m.ent
			}
			return nil
		}
		switch toks[x-1].Norm {
		case "faction", "group":
			return d.factionBefore(toks[x-1].Start)
		case "party":
			return d.orgBefore(toks[x-1].Start)
		}
		return nil
	}
	return nil
}

// sentenceSubject returns the mention that opens sentence si as its
// subject: the first mention, after at most a determiner and two
// lower-case modifiers ("The breakaway X", "Former minister Y").
func (d *doc) sentenceSubject(si int) *mention {
	toks := d.toks[si]
	for x := 0; x < len(toks) && x <= 3; x++ {
		if m := d.mentionAt(si, x); m != nil {
			return m
		}
		if t := toks[x]; t.Kind != Word || x > 0 && t.Cap() || npFunction[t.Norm] && t.Norm != "the" {
			return nil
		}
	}
	return nil
}

// splinterWords describe a group that broke away: "the breakaway faction".
var splinterWords = map[string]bool{"breakaway": true, "splinter": true, "rebel": true, "dissident": true, "renegade": true}

// appointedBefore reports whether an appointment verb stands just before
// the mention: "named X", "elected X".
func (d *doc) appointedBefore(si int, m *mention) bool {
	toks := d.toks[si]
	k := titleStart(toks, m.i)
	return k > 0 && appointWords[toks[k-1].Norm]
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

// roleAfter reads a role given to person m starting at token k: an
// apposition ("the convener of Y") when copula is false, else a copula or an
// appointment ("is", "was named", "will serve as") before it.
func (d *doc) roleAfter(si int, m *mention, k int, copula bool) {
	toks := d.toks[si]
	if k >= len(toks) {
		return
	}
	pastPerfect := false
	if copula {
		x := k
		for x < len(toks) && x < k+5 && (copulaWords[toks[x].Norm] || appointWords[toks[x].Norm] || toks[x].Norm == "as") {
			if toks[x].Norm == "had" && x+1 < len(toks) && (toks[x+1].Norm == "been" || toks[x+1].Norm == "served") {
				pastPerfect = true // "had served as": the post is over
			}
			x++
		}
		if x == k || !(copulaWords[toks[k].Norm] || appointWords[toks[k].Norm]) {
			return
		}
		k = x
	}
	// find the role noun within a few words
	end := -1
	isEnd := map[int]bool{}
	for e := k + 1; e <= len(toks) && e <= k+7; e++ {
		if role, _, _, start, _, _ := d.roleBefore(si, e); role != "" && start >= k && start <= k+4 {
			end = e
			isEnd[e] = true
		}
		if e < len(toks) && (toks[e].Norm == "," || toks[e].Norm == ".") {
			break
		}
	}
	if end < 0 {
		return
	}
	role, obj, former, start, cls, indef := d.roleBefore(si, end)
	// "the exiled founder and president of X": two roles of one object
	firstEnd, fillTo := -1, start
	if start-1 > k && toks[start-1].Norm == "and" && isEnd[start-1] {
		firstEnd = start - 1
		if _, _, _, s1, _, _ := d.roleBefore(si, firstEnd); s1 >= k {
			fillTo = s1
		}
	}
	// only articles, "former" and "the party's" may stand between
	for x := k; x < fillTo; x++ {
		n := toks[x].Norm
		switch {
		case n == "the" || n == "a" || n == "an" || n == "now" || n == "currently" || n == "also" || n == "still" || n == "-" || n == "its" || n == "new" || roleAdjectives[n]:
		case d.lx.former.has(n):
			former = true
		default:
			role = ""
		}
		if n == "a" || n == "an" {
			indef = true
		}
	}
	if role == "" {
		return
	}
	// "Mr X, Sindh Governor Y": the role belongs to the next name
	if end < len(toks) {
		next := end
		if toks[next].Norm == "," && next+1 < len(toks) {
			next++ // "According to X, the party's secretary general, Y"
		}
		if nm := d.mentionAt(si, next); nm != nil && nm.i == next && nm.ent.typ == factions.Person {
			return
		}
	}
	// "of the NRF", "of Y", "of the party's provincial chapter", "of the new party"
	if obj == nil && end+1 < len(toks) && (toks[end].Norm == "of" || toks[end].Norm == "for" || toks[end].Norm == "in") {
		x := end + 1
		for x+1 < len(toks) && (toks[x].Norm == "the" || toks[x].Norm == "new" || toks[x].Norm == "its" || splinterWords[toks[x].Norm]) {
			x++
		}
		if pm := d.mentionAt(si, x); pm != nil && pm.i == x && pm.ent.typ == factions.Place && pm.j+1 < len(toks) && toks[pm.j].Norm == "'s" {
			x = pm.j + 1 // "of Bangladesh's Jatiya Party"
		}
		if b := d.bodyAt(si, x); b != nil {
			obj = b
		} else if om := d.mentionAt(si, x); om != nil && om.i == x && om.ent.typ != factions.Person {
			obj = om.ent
		} else if toks[x].Norm == "party" {
			// "the party" is not one named in a clause about the person
			obj = d.orgBefore(toks[m.i].Start)
		} else if toks[x].Norm == "faction" || toks[x].Norm == "group" {
			// "of the new faction": the faction named last
			if obj = d.factionBefore(toks[x].Start); obj == nil {
				return
			}
		} else if toks[x].Kind == Word && !toks[x].Cap() {
			return // "leader of the opposition", "student leader of the college"
		}
	}
	if m.i > 0 && (toks[m.i-1].Norm == "slain" || toks[m.i-1].Norm == "late") || pastPerfect {
		former = true
	}
	d.postFact(si, m.ent, role, obj, former, cls, indef, toks[end-1].Start, toks[m.i].Start, !copula)
	if firstEnd > 0 {
		r1, o1, _, _, c1, _ := d.roleBefore(si, firstEnd)
		if o1 == nil {
			o1 = obj
		}
		d.postFact(si, m.ent, r1, o1, former, c1, indef, toks[firstEnd-1].Start, toks[m.i].Start, !copula)
	}
}

// orgMentionBefore returns the nearest organisation mention before token k
// in the same clause, within a few tokens.
func (d *doc) orgMentionBefore(si, k, within int) *mention {
	toks := d.toks[si]
	for x := k - 1; x >= 0 && x >= k-within; x-- {
		switch toks[x].Norm {
		case ";", "but", "while", "whereas", ":":
			return nil
		}
		if m := d.mentionAt(si, x); m != nil {
			if m.ent.typ == factions.Organization && !d.isLegislature(m.ent) {
				return m
			}
			x = m.i
		}
	}
	return nil
}

// prevNorm returns the Norm of the token before k, or "".
func prevNorm(toks []Token, k int) string {
	if k < 1 || k > len(toks) {
		return ""
	}
	return toks[k-1].Norm
}

// partyLike reports whether an organisation reads as a party or political
// group: an acronym, or a name with a party cue word, and no media word.
func (d *doc) partyLike(e *entity) bool {
	if d.isBody(e) || d.isLegislature(e) {
		return false
	}
	party := false
	for _, n := range e.names() {
		for _, w := range strings.Fields(strings.ToLower(n)) {
			switch d.lx.orgCues.class(w) {
			case "media", "government":
				return false
			case "party":
				party = true
			}
		}
		if isUpperWord(strings.ReplaceAll(n, "-", "")) && !strings.Contains(n, " ") {
			party = true
		}
	}
	return party
}

// factionBefore returns the faction named last before off: an organisation
// whose name qualifies another's ("X (Y)", "X-Y").
func (d *doc) factionBefore(off int) *entity {
	if d.factionMents == nil {
		// the mentions of factions, in text order, found once
		byName := d.orgsByName()
		d.factionMents = []*mention{}
		isFaction := map[*entity]bool{}
		for _, m := range d.all {
			if m.ent == nil || m.ent.typ != factions.Organization {
				continue
			}
			f, ok := isFaction[m.ent]
			if !ok {
				for _, p := range parentNames(m.ent.name) {
					if byName[p] != nil && byName[p] != m.ent {
						f = true
						break
					}
				}
				isFaction[m.ent] = f
			}
			if f {
				d.factionMents = append(d.factionMents, m)
			}
		}
	}
	k := sort.Search(len(d.factionMents), func(i int) bool { return d.factionMents[i].span.Start >= off })
	if k == 0 {
		return nil
	}
	return d.factionMents[k-1].ent
}

// orgEndingAt returns the organisation mention that ends just before token
// k, skipping a parenthesised acronym after it: "Y Party (YP) X".
func (d *doc) orgEndingAt(si, k int) *mention {
	toks := d.toks[si]
	if k > 0 && toks[k-1].Norm == ")" {
		for x := k - 2; x >= 0 && x >= k-4; x-- {
			if toks[x].Norm == "(" {
				k = x
				break
			}
		}
	}
	if k == 0 {
		return nil
	}
	if m := d.mentionAt(si, k-1); m != nil && m.j == k && m.ent.typ == factions.Organization {
		return m
	}
	return nil
}

// sentenceSubjectOrg returns the organisation that opens the sentence when
// nothing but its apposition stands between it and token k: "The NAA, a
// small party based in the north, is headed by X".
func (d *doc) sentenceSubjectOrg(si, k int) *mention {
	toks := d.toks[si]
	for n, m := range d.ments[si] {
		if n == 0 && m == d.dateline {
			continue
		}
		if m.ent == nil || m.i >= k {
			return nil
		}
		if m.ent.typ != factions.Organization {
			return nil
		}
		first := 0
		if d.dateline != nil && d.dateline.s == si {
			first = d.dateline.j + 1
			for first < len(toks) && toks[first].Kind == Punct {
				first++
			}
		}
		if m.i > first+2 || m.j >= len(toks) || toks[m.j].Norm != "," {
			return nil
		}
		for x := m.j; x < k; x++ {
			switch toks[x].Norm {
			case ";", "but", "while", "and", "who", "which":
				return nil
			}
		}
		return m
	}
	return nil
}

// personAfter returns the person named at token k (after "by"), or nil.
func (d *doc) personAt(si, k int) *entity {
	toks := d.toks[si]
	for k < len(toks) && (toks[k].Norm == "the" || d.lx.former.has(toks[k].Norm)) {
		k++
	}
	if m := d.mentionAt(si, k); m != nil && m.i == k && m.ent.typ == factions.Person {
		return m.ent
	}
	// "led by former JND senior vice-president Dr X": a role before the name
	for x := k; x < len(toks) && x < k+7; x++ {
		m := d.mentionAt(si, x)
		if m != nil && m.i == x && m.ent.typ == factions.Person {
			if role, _, _, start, _, _ := d.roleBefore(si, titleStart(toks, x)); role != "" && start <= k+1 {
				return m.ent
			}
			break
		}
		if m != nil {
			x = m.j - 1
		}
	}
	if k < len(toks) {
		// "by Dr Nadir Qazi": a title before the name
		if m := d.mentionAt(si, k+1); m != nil && m.i == k+1 && m.ent.typ == factions.Person && m.titled {
			return m.ent
		}
		if ok, plural := isPronoun(toks[k].Norm); ok && !plural {
			e, _ := d.resolvePronoun(toks[k].Start, false)
			return e
		}
	}
	return nil
}

// passives reads "ORG is led by X", "founded by X", "X-led ORG", "under the
// leadership of X", "X founded ORG".
func (d *doc) passives(si int) {
	toks := d.toks[si]
	for k := 0; k < len(toks); k++ {
		if toks[k].masked && toks[k].mask&maskLead == 0 {
			continue
		}
		n := toks[k].Norm
		pred, ok := leadVerbs[n]
		switch {
		case ok && byAfter(toks, k) > 0:
			p := d.personAt(si, byAfter(toks, k)+1)
			if p == nil {
				continue
			}
			var org *entity
			if om := d.orgMentionBefore(si, k, 8); om != nil {
				org = om.ent
			} else if om := d.sentenceSubjectOrg(si, k); om != nil {
				org = om.ent
			} else if pred == factions.Founded {
				// "founded by X under the name of ORG", "called ORG"
				for x := k + 2; x < len(toks) && x < k+14; x++ {
					if toks[x].Norm == "name" || toks[x].Norm == "called" || toks[x].Norm == "named" || toks[x].Norm == "banner" {
						for y := x + 1; y < len(toks) && y < x+4; y++ {
							if om := d.mentionAt(si, y); om != nil && om.ent.typ == factions.Organization {
								org = om.ent
								break
							}
						}
						break
					}
				}
			}
			if org == nil {
				continue
			}
			d.addFact(&fact{subj: p, obj: org, pred: pred, sent: si, at: toks[k].Start, from: d.clauseStart(si, k)})
		case (n == "led" || n == "leads" || n == "heads" || n == "headed" || n == "chairs" || n == "helms" || n == "helmed") && k > 0 && byAfter(toks, k) == 0 && toks[k-1].Norm != "-":
			// "X had led the party from London", "X heads the Y"
			var org *entity
			if om := d.orgAfter(si, k+1, 3); om != nil {
				org = om.ent
			} else if k+2 < len(toks) && toks[k+1].Norm == "the" && toks[k+2].Norm == "party" {
				org = d.orgBefore(toks[k].Start)
			}
			if org == nil {
				continue
			}
			if p := d.subjectPerson(si, k); p != nil {
				d.addFact(&fact{subj: p, obj: org, pred: factions.Leads, sent: si, at: toks[k].Start, from: d.clauseStart(si, k)})
			}
		case n == "-" && k+2 < len(toks) && (toks[k+1].Norm == "led" || toks[k+1].Norm == "headed"):
			// "X-led ORG"
			pm := d.mentionAt(si, k-1)
			om := d.mentionAt(si, k+2)
			if pm != nil && om != nil && pm.ent.typ == factions.Person && om.ent.typ == factions.Organization {
				d.addFact(&fact{subj: pm.ent, obj: om.ent, pred: factions.Leads, sent: si, at: toks[k].Start, from: toks[pm.i].Start})
			}
		case n == "leadership" && k+2 < len(toks) && toks[k+1].Norm == "of" && k >= 2 && toks[k-1].Norm == "the" && toks[k-2].Norm == "under":
			p := d.personAt(si, k+2)
			om := d.orgMentionBefore(si, k-2, 10)
			if p != nil && om != nil {
				d.addFact(&fact{subj: p, obj: om.ent, pred: factions.Leads, sent: si, at: toks[k].Start, from: toks[om.i].Start})
			}
		case (foundVerbs[n] || (n == "set" || n == "setting" || n == "sets") && k+1 < len(toks) && toks[k+1].Norm == "up") && k > 0:
			// "X founded ORG", "X, who set up ORG"
			if byAfter(toks, k) > 0 {
				continue
			}
			from := k + 1
			if n == "set" || n == "setting" || n == "sets" {
				from++
			}
			om := d.orgAfter(si, from, 4)
			if om == nil {
				// "setting up a new political party called Veritas"
				for x := from; x < len(toks) && x < from+8; x++ {
					if toks[x].Norm == "called" || toks[x].Norm == "named" {
						om = d.orgAfter(si, x+1, 2)
						break
					}
				}
			}
			if om == nil {
				continue
			}
			p := d.subjectPerson(si, k)
			if p != nil {
				d.addFact(&fact{subj: p, obj: om.ent, pred: factions.Founded, sent: si, at: toks[k].Start, from: d.clauseStart(si, k)})
			}
		}
	}
}

// titleStart returns the index of the first title word directly before the
// name at token k ("Dr", "Mr."), or k.
func titleStart(toks []Token, k int) int {
	for k > 0 && (toks[k-1].Norm == "." || toks[k-1].Cap() && isStripTitle(toks[k-1].Norm)) {
		k--
	}
	return k
}

// byAfter returns the index of the "by" that follows the verb at k, within a
// short phrase ("founded in 2023 by"), or 0.
func byAfter(toks []Token, k int) int {
	for x := k + 1; x < len(toks) && x <= k+4; x++ {
		switch toks[x].Norm {
		case "by":
			return x
		case ",", ";", ".", "and", "but":
			return 0
		}
	}
	return 0
}

// orgAfter returns the first organisation mention within a few tokens after k.
func (d *doc) orgAfter(si, k, within int) *mention {
	toks := d.toks[si]
	for x := k; x < len(toks) && x < k+within; x++ {
		if m := d.mentionAt(si, x); m != nil {
			if m.ent.typ == factions.Organization {
				return m
			}
			return nil
		}
		if toks[x].Norm == "," || toks[x].Norm == ";" {
			return nil
		}
	}
	return nil
}

// clauseStart returns the offset where the clause holding token k starts.
func (d *doc) clauseStart(si, k int) int {
	toks := d.toks[si]
	for x := k - 1; x >= 0; x-- {
		switch toks[x].Norm {
		case ";", ":", "but", "while", "whereas":
			return toks[x].End
		}
	}
	return d.sents[si].Start
}

// subjectPerson returns the person who is the subject of the verb at token
// v: the person named nearest before it in the clause ("X, who founded",
// "X and Y have distanced themselves"), or a pronoun resolved.
func (d *doc) subjectPerson(si, v int) *entity {
	ps := d.subjectPersons(si, v)
	if len(ps) == 0 {
		return nil
	}
	return ps[len(ps)-1]
}

// subjectPersons returns every person in the subject of the verb at token v:
// the persons named in the clause before it, not after a preposition.
func (d *doc) subjectPersons(si, v int) []*entity {
	toks := d.toks[si]
	start := 0
	for x := v - 1; x >= 0; x-- {
		if toks[x].Norm == ";" || toks[x].Norm == ":" || toks[x].Norm == "but" || toks[x].Norm == "while" || toks[x].Kind == Quote || toks[x].Norm == "that" {
			start = x + 1
			break
		}
	}
	var out []*entity
	seen := map[*entity]bool{}
	for x := start; x < v; x++ {
		m := d.mentionAt(si, x)
		if m == nil {
			if ok, plural := isPronoun(toks[x].Norm); ok && (toks[x].Norm == "he" || toks[x].Norm == "she" || toks[x].Norm == "they") {
				if !plural {
					if e, _ := d.resolvePronoun(toks[x].Start, false); e != nil && !seen[e] {
						out, seen[e] = append(out, e), true
					}
				}
			}
			continue
		}
		x = m.j - 1
		if m.ent.typ != factions.Person || seen[m.ent] {
			continue
		}
		p := m.i - 1
		for p > 0 && (toks[p].Norm == "." || isStripTitle(toks[p].Norm)) {
			p-- // "before Mr X"
		}
		if m.i > 0 {
			switch toks[p].Norm {
			case "of", "by", "with", "to", "from", "against", "for", "between", "before", "after", "unlike",
				"like", "than", "including", "besides", "replacing", "succeeding", "under":
				continue
			}
		}
		out, seen[m.ent] = append(out, m.ent), true
	}
	// "the businessman was": a definite description names the person last named
	if len(out) == 0 && v >= 2 && v-2 >= start && toks[v-2].Norm == "the" && toks[v-1].Kind == Word && !toks[v-1].Cap() &&
		!d.lx.orgCues.has(toks[v-1].Norm) && !groupNouns[toks[v-1].Norm] && !strings.HasSuffix(toks[v-1].Norm, "s") {
		if p := d.personBefore(toks[v-2].Start); p != nil {
			out = append(out, p)
		}
	}
	return out
}

// departures reads leaving, stepping down, joining and dying.
func (d *doc) departures(si int) {
	toks := d.toks[si]
	for k := 0; k < len(toks); k++ {
		n, cls := d.lx.departures.match(toks, k)
		if n == 0 && deathNouns[toks[k].Norm] {
			n, cls = 1, "death"
		}
		if n == 0 {
			continue
		}
		parts := strings.Split(cls, "/")
		cls = parts[0]
		objTo := len(parts) > 1 && parts[len(parts)-1] == "to"
		after := k + n
		switch cls {
		case "left":
			// "left it behind", "left them behind": an idiom, not a departure
			if after+1 < len(toks) && toks[after+1].Norm == "behind" || after < len(toks) && toks[after].Norm == "behind" {
				continue
			}
			persons := d.subjectPersons(si, k)
			// "X was expelled" or active "ORG expelled X"
			var obj *entity
			if after < len(toks) && (toks[after].Norm == "as") {
				// "quit as Tory deputy chairman": a post, not the party
				d.stepDown(si, persons, after+1, toks[k].Start)
				continue
			}
			if strings.HasSuffix(d.text[toks[k].Start:toks[after-1].End], " party") {
				obj = d.orgBefore(toks[k].Start) // "left the party"
			} else if om := d.orgAfter(si, after, 5); om != nil {
				obj = om.ent
			} else if x := after; x < len(toks) && (toks[x].Norm == "it" || toks[x].Norm == "party" || (toks[x].Norm == "the" && x+1 < len(toks) && toks[x+1].Norm == "party")) {
				obj = d.orgBefore(toks[k].Start)
			} else if x := after; x < len(toks) && (toks[x].Norm == "from" || toks[x].Norm == "with" || toks[x].Norm == "of") && x+1 < len(toks) && (toks[x+1].Norm == "it" || toks[x+1].Norm == "party" || toks[x+1].Norm == "the" && x+2 < len(toks) && toks[x+2].Norm == "party") {
				obj = d.orgBefore(toks[k].Start)
			} else if k > 0 && (toks[k-1].Norm == "was" || toks[k-1].Norm == "were" || toks[k-1].Norm == "been") {
				obj = d.orgBefore(toks[k].Start)
			}
			if objTo || (k+n-1 < len(toks) && toks[k+n-1].Norm == "to") {
				// "defected to ORG": joined ORG
				for _, p := range persons {
					d.addFact(&fact{subj: p, obj: obj, pred: factions.MemberOf, sent: si, at: toks[k].Start, from: d.clauseStart(si, k)})
				}
				continue
			}
			if obj != nil && d.isLegislature(obj) {
				continue // "walked out of Parliament": a protest, not a departure
			}
			for _, p := range persons {
				d.addFact(&fact{subj: p, obj: obj, pred: factions.Left, sent: si, at: toks[k].Start, from: d.clauseStart(si, k)})
			}
		case "stepdown":
			// "stepped down as ROLE", "resigned as ROLE": the post follows "as"
			switch {
			case toks[after-1].Norm == "as":
				d.stepDown(si, d.subjectPersons(si, k), after, toks[k].Start)
			case after < len(toks) && toks[after].Norm == "as":
				d.stepDown(si, d.subjectPersons(si, k), after+1, toks[k].Start)
			}
		case "joined":
			if strings.HasSuffix(d.text[toks[k].Start:toks[after-1].End], " party") {
				if o := d.orgBefore(toks[k].Start); o != nil {
					for _, p := range d.subjectPersons(si, k) {
						d.addFact(&fact{subj: p, obj: o, pred: factions.MemberOf, sent: si, at: toks[k].Start, from: d.clauseStart(si, k)})
					}
				}
			} else if om := d.orgAfter(si, after, 4); om != nil {
				obj := om.ent
				if b := d.bodyAt(si, om.i); b != nil {
					obj = b // "joined the SND presidium"
				}
				for _, p := range d.subjectPersons(si, k) {
					d.addFact(&fact{subj: p, obj: obj, pred: factions.MemberOf, sent: si, at: toks[k].Start, from: d.clauseStart(si, k)})
				}
			}
		case "death":
			// the place named after the word, in the clause
			var pl *entity
			for x := after; x < len(toks) && x < after+8; x++ {
				if m := d.mentionAt(si, x); m != nil && m.ent.typ == factions.Place {
					pl = m.ent
					break
				}
				if toks[x].Norm == ";" || toks[x].Norm == "." {
					break
				}
			}
			if pl == nil {
				continue
			}
			if k > 0 && kinWords[toks[k-1].Norm] || k > 1 && kinWords[toks[k-2].Norm] {
				continue // "his grandmother died in X": not the person named
			}
			var p *entity
			if k > 0 && (toks[k-1].Norm == "his" || toks[k-1].Norm == "her") {
				// "before his assassination": the subject of the sentence
				for _, m := range d.ments[si] {
					if m.ent != nil && m.ent.typ == factions.Person {
						p = m.ent
						break
					}
				}
			} else {
				p = d.subjectPerson(si, k)
			}
			// a death named by a noun ("before his assassination") is
			// presupposed, not claimed by whoever is reported
			d.addFact(&fact{subj: p, obj: pl, pred: factions.DiedIn, sent: si, at: toks[k].Start, from: d.sents[si].Start, appositive: deathNouns[toks[k].Norm]})
		}
	}
}

// stepDown records a post left: "stepped down as ROLE", "quit as ROLE".
func (d *doc) stepDown(si int, persons []*entity, k int, at int) {
	toks := d.toks[si]
	// the longest role after "as": "the chief minister", not "the chief"
	best := -1
	for e := k + 1; e <= len(toks) && e <= k+6; e++ {
		if role, _, _, start, _, _ := d.roleBefore(si, e); role != "" && start >= k && start <= k+1 {
			best = e
		}
		if e < len(toks) && (toks[e].Norm == "," || toks[e].Norm == "." || toks[e].Norm == "and" || toks[e].Norm == "of") {
			break
		}
	}
	if e := best; e > 0 {
		role, obj, _, _, cls, _ := d.roleBefore(si, e)
		if e < len(toks) && (toks[e].Norm == "of" || toks[e].Norm == "in") && e+1 < len(toks) && obj == nil {
			if b := d.bodyAt(si, e+1); b != nil {
				obj = b
			} else if om := d.orgAfter(si, e+1, 3); om != nil {
				obj = om.ent
			}
		}
		for _, p := range persons {
			d.postFact(si, p, role, obj, true, cls, false, at, d.clauseStart(si, k), false)
		}
		// "... and replaced by X": the successor holds the post
		for x := e; x+2 < len(toks); x++ {
			if toks[x].Norm == "replaced" && toks[x+1].Norm == "by" {
				if p := d.personAt(si, x+2); p != nil {
					d.postFact(si, p, role, obj, false, cls, false, toks[x].Start, toks[x].Start, false)
				}
				break
			}
		}
		return
	}
}

// membership reads "X who is part of ORG", "X is a member of ORG", "being
// part of the committee".
func (d *doc) membership(si int) {
	toks := d.toks[si]
	for k := 0; k+2 < len(toks); k++ {
		if !((toks[k].Norm == "part" || toks[k].Norm == "member" || toks[k].Norm == "members") && toks[k+1].Norm == "of") {
			continue
		}
		if k > 0 && (toks[k-1].Norm == "founding" || toks[k-1].Norm == "senior") {
			continue
		}
		x := k + 2
		if toks[x].Norm == "the" && x+1 < len(toks) {
			x++
		}
		var org *entity
		if m := d.mentionAt(si, x); m != nil && m.i == x && m.ent.typ == factions.Organization {
			org = m.ent
		} else if toks[x].Norm == "party" {
			org = d.orgBefore(toks[x].Start)
		} else if b := d.bodyAt(si, x); b != nil {
			org = b
		}
		if org == nil {
			continue
		}
		p := d.subjectPerson(si, k)
		if p == nil {
			continue
		}
		d.addFact(&fact{subj: p, obj: org, pred: factions.MemberOf, sent: si, at: toks[k].Start, from: d.clauseStart(si, k)})
	}
}

// personOfParty reads "Senator X of the UDP", "X of UDF": a person named
// with the party they belong to.
func (d *doc) personOfParty(si int) {
	toks := d.toks[si]
	for _, m := range d.mentionsOf(si, factions.Person) {
		k := m.j
		if k+1 >= len(toks) || toks[k].Norm != "of" {
			continue
		}
		x := k + 1
		if toks[x].Norm == "the" && x+1 < len(toks) {
			x++
		}
		om := d.mentionAt(si, x)
		if om == nil || om.i != x || om.ent.typ != factions.Organization || !d.partyLike(om.ent) {
			continue
		}
		// "of the PPP's youth wing" is the wing's; "of the PPP" ends there
		if om.j < len(toks) && (toks[om.j].Norm == "'s" || toks[om.j].Kind == Word && !toks[om.j].Cap() && !d.isSpeechWord(toks[om.j].Norm) && !npFunction[toks[om.j].Norm]) {
			continue
		}
		d.addFact(&fact{subj: m.ent, obj: om.ent, pred: factions.MemberOf, sent: si, at: toks[k].Start, from: toks[m.i].Start, appositive: true})
	}
}

// bodyAt returns the internal body whose mention starts at token x or
// within the next two tokens.
func (d *doc) bodyAt(si, x int) *entity {
	for y := x; y < len(d.toks[si]) && y < x+5; y++ {
		if m := d.mentionAt(si, y); m != nil && d.isBody(m.ent) {
			return m.ent
		}
	}
	return nil
}

// seats reads "the seats of ORG in the Parliament, the Assembly and the
// Senate", "ORG won 12 seats in the Assembly".
func (d *doc) seats(si int) {
	toks := d.toks[si]
	k := -1
	for x, t := range toks {
		if t.Norm == "seats" || t.Norm == "seat" {
			k = x
			break
		}
	}
	if k < 0 {
		return
	}
	var party *entity
	if k+2 < len(toks) && toks[k+1].Norm == "of" {
		if om := d.orgAfter(si, k+2, 2); om != nil {
			party = om.ent
		}
	}
	if party == nil {
		if om := d.orgMentionBefore(si, k, 6); om != nil {
			party = om.ent
		}
	}
	if party == nil {
		return
	}
	for _, m := range d.mentionsOf(si, factions.Organization) {
		if m.i > k && d.isLegislature(m.ent) {
			d.addFact(&fact{subj: party, obj: m.ent, pred: factions.HasSeatsIn, sent: si, at: toks[k].Start, from: d.sents[si].Start})
		}
	}
}

// basedIn reads "based in PLACE", "PLACE-based ORG", "in exile in PLACE".
func (d *doc) basedIn(si int) {
	toks := d.toks[si]
	for k := 0; k+1 < len(toks); k++ {
		n := toks[k].Norm
		switch {
		case (n == "based" || n == "headquartered" || n == "exiled" || n == "lives" || n == "living" || n == "remains" ||
			n == "resides" || n == "residing" || n == "stays" || n == "staying" || n == "settled" || n == "remained") && toks[k+1].Norm == "in":
			if k > 0 && toks[k-1].Norm == "-" {
				continue
			}
			pm := d.placeAfter(si, k+2)
			if pm == nil {
				continue
			}
			var subj *entity
			if om := d.orgMentionBefore(si, k, 4); om != nil {
				subj = om.ent
			} else {
				subj = d.subjectPerson(si, k)
			}
			d.addFact(&fact{subj: subj, obj: pm.ent, pred: factions.BasedIn, sent: si, at: toks[k].Start, from: d.clauseStart(si, k)})
		case runVerbs[n]:
			// "was running the party from London", "directs its affairs from X"
			from := -1
			for x := k + 1; x < len(toks) && x <= k+5; x++ {
				if toks[x].Norm == "from" {
					from = x
					break
				}
				if toks[x].Kind != Word {
					break
				}
			}
			if from < 0 || !d.orgLikeBetween(si, k+1, from) {
				continue
			}
			pm := d.placeAfter(si, from+1)
			if pm == nil || pm.j < len(toks) && toks[pm.j].Norm == "to" {
				continue // "from Karachi to Lahore": a route
			}
			subj := d.subjectPerson(si, k)
			if subj == nil {
				subj = d.roleSubject(si, k)
			}
			d.addFact(&fact{subj: subj, obj: pm.ent, pred: factions.BasedIn, sent: si, at: toks[k].Start, from: d.clauseStart(si, k)})
		case n == "exile" && toks[k+1].Norm == "in":
			pm := d.placeAfter(si, k+2)
			if pm == nil {
				continue
			}
			d.addFact(&fact{subj: d.subjectPerson(si, k), obj: pm.ent, pred: factions.BasedIn, sent: si, at: toks[k].Start, from: d.clauseStart(si, k)})
		case n == "-" && toks[k+1].Norm == "based" && k > 0:
			pm := d.mentionAt(si, k-1)
			om := d.orgAfter(si, k+2, 3)
			if pm != nil && om != nil && pm.ent.typ == factions.Place {
				d.addFact(&fact{subj: om.ent, obj: pm.ent, pred: factions.BasedIn, sent: si, at: toks[k].Start, from: toks[pm.i].Start})
			}
		}
	}
}

// runVerbs are the verbs of running an organisation from somewhere.
var runVerbs = map[string]bool{"running": true, "runs": true, "ran": true, "run": true, "directing": true,
	"directs": true, "directed": true, "controlling": true, "controls": true, "controlled": true,
	"steering": true, "steers": true, "steered": true, "managing": true, "manages": true, "managed": true}

// orgLikeBetween reports whether tokens a..b of sentence si name an
// organisation or its business: a name, "the party", "its affairs".
func (d *doc) orgLikeBetween(si, a, b int) bool {
	toks := d.toks[si]
	for x := a; x < b; x++ {
		if m := d.mentionAt(si, x); m != nil {
			return m.ent.typ == factions.Organization
		}
		n := toks[x].Norm
		if n == "affairs" || n == "show" || d.lx.orgCues.has(n) && toks[x-1].Kind == Word && determiners[toks[x-1].Norm] {
			return true
		}
	}
	return false
}

// roleSubject returns the person a definite role description names as the
// subject of the verb at token v: "the JND chief was running", "the
// party's leader has".
func (d *doc) roleSubject(si, v int) *entity {
	toks := d.toks[si]
	h := v - 1
	for h > 0 && (copulaStart[toks[h].Norm] || toks[h].Norm == "been" || d.lx.hedges.has(toks[h].Norm) || sentenceAdverbs[toks[h].Norm]) {
		h--
	}
	if h < 1 || d.mentionAt(si, h) != nil {
		return nil
	}
	a := h
	for a > 0 && h-a < 5 && toks[a-1].Norm != "the" && (toks[a-1].Kind == Word || toks[a-1].Norm == "'s") && !npFunction[toks[a-1].Norm] {
		a--
	}
	if a == 0 || toks[a-1].Norm != "the" || !d.roleHead(toks[a:h+1]) {
		return nil
	}
	return d.roleReferent(si, toks[a-1:h+1])
}

// placeAfter returns the place named at token k, after at most two
// lower-case words ("north London", "the capital city of X").
func (d *doc) placeAfter(si, k int) *mention {
	toks := d.toks[si]
	for x := k; x < len(toks) && x <= k+2; x++ {
		if m := d.mentionAt(si, x); m != nil {
			if m.ent.typ == factions.Place {
				return m
			}
			return nil
		}
		if toks[x].Kind != Word || toks[x].Cap() {
			return nil
		}
	}
	return nil
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

// orgPairs reads alliances and mergers between two organisations.
func (d *doc) orgPairs(si int) {
	toks := d.toks[si]
	for k := 0; k+1 < len(toks); k++ {
		n := toks[k].Norm
		var pred factions.Predicate
		switch {
		case (n == "merged" || n == "merge" || n == "merges" || n == "merging") && (toks[k+1].Norm == "into" || toks[k+1].Norm == "with"):
			pred = factions.MergedInto
		case n == "merger" && toks[k+1].Norm == "with":
			pred = factions.MergedInto
		case (n == "alliance" || n == "coalition" || n == "pact" || n == "adjustment" || n == "allied" || n == "ally" || n == "allies" || n == "deal" || n == "understanding" || n == "partnership") && (toks[k+1].Norm == "with" || toks[k+1].Norm == "of"):
			pred = factions.AlliedWith
		default:
			continue
		}
		var obj *entity
		if om := d.orgAfter(si, k+2, 4); om != nil {
			obj = om.ent
		} else if obj = d.formerPartyAt(si, k+2); obj == nil {
			continue
		}
		var subj *entity
		if sm := d.sentenceSubjectOrg(si, k); sm != nil && sm.ent != obj {
			subj = sm.ent
		} else if f := d.factionRef(si, k); f != nil {
			subj = f // "alleged that the breakaway group was in alliance with"
		} else if sm := d.orgMentionBefore(si, k, 10); sm != nil {
			subj = sm.ent
		} else if k > 0 && (toks[k-1].Norm == "its" || toks[k-1].Norm == "their") {
			subj = d.possessorOrg(si, k-1)
		} else if x := partyBefore(toks, k, 10); x >= 0 {
			subj = d.orgBefore(toks[x].Start) // "accused the party of signing up to a deal with"
		}
		d.addFact(&fact{subj: subj, obj: obj, pred: pred, sent: si, at: toks[k].Start, from: d.clauseStart(si, k)})
	}
}

// factionRef returns the faction that a description in the clause before
// token k refers to: "the breakaway group", "her faction", "the faction".
func (d *doc) factionRef(si, k int) *entity {
	toks := d.toks[si]
	for x := k - 1; x > 0 && x >= k-8; x-- {
		switch toks[x].Norm {
		case "that", ",", ";", ":":
			return nil
		case "faction", "group":
			if p := toks[x-1].Norm; determiners[p] || splinterWords[p] {
				return d.factionBefore(toks[x].Start)
			}
			return nil
		}
		if d.mentionAt(si, x) != nil {
			return nil
		}
	}
	return nil
}

// formerPartyAt reads "his old party", "her former party" at token k: the
// party the person left, as the article has told so far.
func (d *doc) formerPartyAt(si, k int) *entity {
	toks := d.toks[si]
	if k+2 >= len(toks) || toks[k+2].Norm != "party" || !d.lx.former.has(toks[k+1].Norm) && toks[k+1].Norm != "old" {
		return nil
	}
	if n := toks[k].Norm; n != "his" && n != "her" && n != "their" {
		return nil
	}
	p, _ := d.resolvePronoun(toks[k].Start, toks[k].Norm == "their")
	if p == nil {
		return nil
	}
	for i := len(d.facts) - 1; i >= 0 && d.facts[i].sent >= si-100; i-- {
		if f := d.facts[i]; f.subj == p && f.pred == factions.Left {
			return f.obj
		}
	}
	return nil
}

// factions finds factions: an organisation named after another with a
// qualifier ("NRF (Reformist)", "NRF-R" when PML is named too) in an article
// that speaks of factions or splits, and "X, a faction of Y".
func (d *doc) factions() {
	splitTalk := false
	for si := range d.sents {
		for k := range d.toks[si] {
			if n, _ := d.lx.splits.match(d.toks[si], k); n > 0 {
				splitTalk = true
			}
		}
	}
	if !splitTalk {
		return
	}
	byName := d.orgsByName()
	for _, f := range d.ents {
		if f.typ != factions.Organization || d.isBody(f) {
			continue
		}
		if w := strings.Fields(strings.ToLower(f.name)); len(w) > 1 {
			if c := d.lx.orgCues.class(w[len(w)-1]); c != "" && c != "party" {
				continue // "MQM-P headquarters" is a place of a party, no faction
			}
		}
		for _, parent := range parentNames(f.name) {
			p := byName[parent]
			if p == nil || p == f || d.isLegislature(p) {
				continue
			}
			if rest := strings.TrimPrefix(f.name, parent); strings.HasPrefix(rest, "-") && byName[rest[1:]] != nil {
				continue // "Congress-NCP": two parties together, not a faction
			}
			m := f.mentions[0]
			// read from the names, so in the article's own voice
			d.addFact(&fact{subj: f, obj: p, pred: factions.FactionOf, sent: m.s, at: m.span.Start, from: d.sents[m.s].Start, appositive: true})
			break
		}
	}
}

// parentNames returns the names a qualified name is built on: "X (Y)" → X,
// "X-Y" → X (each hyphen from the right).
func parentNames(name string) []string {
	var out []string
	if k := strings.Index(name, " ("); k > 0 {
		out = append(out, name[:k])
	}
	for k := strings.LastIndexByte(name, '-'); k > 0; k = strings.LastIndexByte(name[:k], '-') {
		out = append(out, name[:k])
	}
	return out
}

// orgByWord returns the organisation whose first, distinctive word the
// body's name holds: "Slough Conservative Association" of the
// "Conservative Party".
func (d *doc) orgByWord(b *entity) *entity {
	if d.orgFirst == nil {
		d.orgFirst = map[string]*entity{}
		for _, o := range d.ents {
			if o.typ != factions.Organization || d.isBody(o) || d.isLegislature(o) {
				continue
			}
			w := strings.Fields(strings.ToLower(o.name))
			if len(w) > 1 && !d.isPlace(w[0]) {
				if _, ok := d.orgFirst[w[0]]; !ok {
					d.orgFirst[w[0]] = o
				}
			}
		}
	}
	bw := strings.Fields(strings.ToLower(b.name))
	for i, w := range bw {
		o := d.orgFirst[w]
		if o == nil || o == b {
			continue
		}
		// a generic party word ("Conservative", "National") counts only
		// right before the body's own word: "Slough Conservative Association"
		if d.lx.orgCues.has(w) && i != len(bw)-2 {
			continue
		}
		return o
	}
	return nil
}

// bodies links internal bodies ("the coordination committee", "NUPF's
// disciplinary committee") to their organisation.
func (d *doc) bodies() {
	for _, b := range d.ents {
		if b.typ != factions.Organization || !d.isBody(b) {
			continue
		}
		var owner *entity
		// an organisation's name at the start of the body's name
		byName := d.orgsByName()
		for _, n := range b.names() {
			w := strings.Fields(strings.NewReplacer("'s ", " ", "’s ", " ").Replace(n))
			for k := len(w) - 1; k >= 1 && owner == nil; k-- {
				if o := byName[strings.Join(w[:k], " ")]; o != nil && o != b && !d.isBody(o) {
					owner = o
				}
			}
		}
		// the evidence: a mention outside quotations with an organisation near
		m := b.mentions[0]
		for _, bm := range b.mentions {
			if d.quoteAt(bm.span.Start) == nil && d.orgMentionBefore(bm.s, bm.i, 12) != nil {
				m = bm
				break
			}
		}
		// an organisation whose distinctive word the body's name holds:
		// "Slough Conservative Association" of the "Conservative Party"
		if owner == nil {
			owner = d.orgByWord(b)
		}
		if owner == nil && b.kind&kindBranch != 0 {
			// a local association named after no party belongs to none we know
			if w := strings.Fields(strings.ToLower(b.name)); w[len(w)-1] == "association" {
				continue
			}
		}
		if owner == nil {
			if om := d.orgMentionBefore(m.s, m.i, 12); om != nil && !d.isBody(om.ent) {
				owner = om.ent
			} else if !capitalized(b.name) {
				// "the coordination committee" belongs to the party in
				// question; a named "Crime Branch" to no party we know
				owner = d.orgBefore(m.span.Start)
			}
		}
		// a body belongs to a party or a legislature, not to a paper the
		// article cites; a one-word "Trust" is no body of anything
		if owner != nil && !d.partyLike(owner) && !d.isLegislature(owner) || len(strings.Fields(b.name)) < 2 {
			continue
		}
		if owner != nil && owner != b {
			d.addFact(&fact{subj: b, obj: owner, pred: factions.PartOf, sent: m.s, at: m.span.Start, from: d.sents[m.s].Start, appositive: true})
		}
	}
}
