package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/factions/factions"
)

// referent is what a referring expression stands for: an entity, or the
// description of an unnamed source ("party insiders").
type referent struct {
	ent  *entity
	desc string
}

func (r referent) ok() bool { return r.ent != nil || r.desc != "" }

// corefSet is the result of the coreference stage: the referent of every
// personal pronoun and of every definite role description ("the
// spokesman", "the party chief"), by the offset of its word (for a
// description, of its role noun).
type corefSet struct {
	*entitySet
	roles    *roleSet
	pronouns map[int]referent
	descs    map[int]*entity
	verbs    [][]uint8 // the reporting verb starting at each token (speechVerb)
	// subjects holds the subject verbSubject found for a reporting verb
	// whose speaker this stage read, by the verb's offset, when no
	// coordinated verb's speaker made it: the statements stage reads the
	// same subject there (subjectBefore, subjectClauseAfter) and finds it
	// here
	subjects map[int]referent
	// lastPerson[si] is the person who spoke last up to the end of
	// sentence si, or nil
	lastPerson []*entity
}

// speakerEvent is a person or source the coreference stage saw speak: a
// name or pronoun next to a reporting verb. Speakers are the most salient
// referents of the pronouns that follow.
type speakerEvent struct {
	at   int // offset of the reporting verb
	sent int
	ref  referent
}

// corefer holds the coreference stage's work in progress.
type corefer struct {
	*corefSet
	speakers []speakerEvent
	reported []Span // the contents of reported speech so far, in text order
}

// coreference is the coreference stage. It reads the text in order: in
// each sentence it resolves the role descriptions, then the pronouns (a
// pronoun after a recent speaker is the speaker, unless another person was
// named in between; else the person named last who fits its gender), noting
// who speaks as it goes.
func coreference(es *entitySet, rs *roleSet) *corefSet {
	mem := es.mem
	if mem.pronouns == nil {
		mem.pronouns, mem.descs, mem.subjects = make(map[int]referent, es.pronounCount()), map[int]*entity{}, map[int]referent{}
	}
	c := &corefer{corefSet: &corefSet{entitySet: es, roles: rs, pronouns: mem.pronouns,
		descs: mem.descs, subjects: mem.subjects, lastPerson: make([]*entity, len(es.sents)), verbs: es.speechVerbs()},
		speakers: mem.speakers[:0], reported: mem.reported[:0]}
	defer func() { mem.speakers, mem.reported = c.speakers[:0], c.reported[:0] }()
	for si := range es.sents {
		c.descriptions(si)
		c.sentence(si)
		if si > 0 {
			c.lastPerson[si] = c.lastPerson[si-1]
		}
		if n := len(c.speakers); n > 0 && c.speakers[n-1].sent == si && c.speakers[n-1].ref.ent != nil && c.speakers[n-1].ref.ent.typ == factions.Person {
			c.lastPerson[si] = c.speakers[n-1].ref.ent
		}
	}
	return c.corefSet
}

// pronounCount returns the number of personal pronouns, most of which the
// coreference stage resolves, to size its table.
func (d *document) pronounCount() int {
	m := pronounMask
	n := 0
	for _, toks := range d.toks {
		for k := range toks {
			if toks[k].mask.any(m) {
				n++
			}
		}
	}
	return n
}

// corefMask has the classes of the tokens corefer.sentence reads: the
// pronouns and the reporting verbs (speechVerbs).
var corefMask = pronounMask.with(cPronounNeuter).with(cSpeech)

// sentence resolves the pronouns of sentence si and notes its speakers and
// the content they report (a name inside it is the speaker's topic, not a
// new subject a pronoun could mean).
func (c *corefer) sentence(si int) {
	if !c.sentMasks[si].any(corefMask) {
		return
	}
	toks := c.toks[si]
	var content Span
	for v := range toks {
		if !toks[v].mask.any(corefMask) {
			continue // no pronoun and no reporting verb
		}
		ok, plural := false, false
		if toks[v].mask.any(pronounMask) { // isPronoun is called for the few with a pronoun's class
			ok, plural = isPronoun(&toks[v])
		}
		if ok {
			c.pronouns[toks[v].Start()] = c.resolvePronoun(si, v, plural)
		} else if toks[v].Is(cPronounNeuter) && c.speaksAt(si, v+1) {
			c.pronouns[toks[v].Start()] = c.resolveIt(si)
		}
		n, _ := c.speechVerb(si, v)
		if n == 0 || c.quoteAt(toks[v].Start()) != nil || content.Start <= toks[v].Start() && toks[v].Start() < content.End ||
			!c.readReportingUse(si, v, n) {
			continue // no reporting verb, one reported by another speaker, or a verb that reports nothing here
		}
		r := c.speakerAround(si, v, n)
		if !r.ok() {
			continue // a reporting verb with no speaker reports nothing here
		}
		c.speakers = append(c.speakers, speakerEvent{at: toks[v].Start(), sent: si, ref: r})
		content = c.reportedContent(si, v, n)
		if content.Len() > 0 {
			c.reported = append(c.reported, content)
		}
	}
}

// readReportingUse is reportingUse, noted in the verbs table for the
// statements stage, which reads it for the same verbs (reportsHere).
func (c *corefer) readReportingUse(si, v, n int) bool {
	ok := c.reportingUse(si, v, n)
	row := c.verbs[si]
	row[v] |= verbRead
	if ok {
		row[v] |= verbReports
	}
	return ok
}

// reportedContent returns the span a reporting verb reports: the rest of
// the sentence after it ("X said that ..."), or the part before the comma
// before it when nothing but its speaker follows ("..., X said.").
func (c *corefer) reportedContent(si, v, n int) Span {
	toks := c.toks[si]
	end := len(toks)
	for end > v+n && toks[end-1].Kind != Word && toks[end-1].Kind != Number {
		end--
	}
	after := v + n
	for after < end && (toks[after].Norm == "that" || toks[after].Norm == "," || toks[after].Norm == ":") {
		after++
	}
	if end-after > 4 || end-after > 0 && toks[v+n].Norm == "that" {
		// up to a second reporting clause: ", the minister, Mr X, told"
		for k := after + 1; k < end; k++ {
			if t := &toks[k]; t.Kind == Word && !t.Is(cChunkSkip) {
				continue // no connective, no comma (secondReport)
			}
			if c.secondReport(si, k, end) {
				end = k
				break
			}
		}
		return Span{Start: toks[after].Start(), End: toks[end-1].End()}
	}
	for k := v - 1; k > 0; k-- {
		if toks[k].Norm == "," {
			return Span{Start: toks[0].Start(), End: toks[k-1].End()}
		}
	}
	return Span{}
}

// inReported reports whether offset off lies in reported content.
func (c *corefer) inReported(off int) bool {
	for k := len(c.reported) - 1; k >= 0 && k >= len(c.reported)-8; k-- {
		if r := c.reported[k]; r.Start <= off && off < r.End {
			return true
		}
	}
	return false
}

// speakerAround returns who speaks with the reporting verb toks[v:v+n]: its
// subject as the statements stage reads it (verbSubject), else the
// name, pronoun or source description right before it ("X said", "he
// said", "party insiders said", "X, the party's spokesman, said", "X, who
// said"), the subject of the clause of a participle ("X defended it,
// saying"), or the name right after it at a clause's end (", said X").
func (c *corefer) speakerAround(si, v, n int) referent {
	toks := c.toks[si]
	coordinated := false
	r := c.verbSubject(si, v, toks[v].Start(), func() referent {
		coordinated = true
		if k := len(c.speakers); k > 0 && c.speakers[k-1].sent == si {
			return c.speakers[k-1].ref // "X rejected ... and claimed"
		}
		return referent{}
	})
	if !coordinated {
		// the pronouns before the verb, which verbSubject may read, are
		// resolved: the subject is the one the statements stage finds
		c.subjects[toks[v].Start()] = r
	}
	if r.ok() {
		return r
	}
	x := v - 1
	for x > 0 && (toks[x].Is(cSentenceAdverb) || toks[x].Is(cNPStop) && toks[x].Kind == Word && strings.HasSuffix(toks[x].Norm, "ly")) {
		x-- // "X also said", "X flatly denied"
	}
	if x > 0 && toks[x].Norm == "who" {
		if p := c.personWithin(si, x-6, x); p != nil {
			return referent{ent: p} // "X, who said": the antecedent
		}
		if x--; toks[x].Norm == "," && x > 0 {
			x--
		}
	}
	if x >= 0 {
		if r := c.nounPhraseEndingAt(si, x); r.ok() {
			return r
		}
	}
	if toks[v].Is(cReportParticiple) && v > 0 && toks[v-1].Norm == "," {
		return referent{ent: c.clauseSubject(si, v)}
	}
	if v > 0 && (toks[v-1].Norm == "," || toks[v-1].Kind == Quote) && v+n < len(toks) {
		if m := c.at(si, titleStart(toks, v+n)); m != nil && m.ent.typ == factions.Person {
			return referent{ent: m.ent}
		}
		if m := c.startsAt(si, v+n); m != nil && m.ent.typ == factions.Person {
			return referent{ent: m.ent}
		}
	}
	return referent{}
}

// personWithin returns the last person named in tokens [a, b) of sentence
// si, or nil.
func (c *corefer) personWithin(si, a, b int) *entity {
	for y := b - 1; y >= 0 && y >= a; y-- {
		if m := c.at(si, y); m != nil && m.ent.typ == factions.Person {
			return m.ent
		}
	}
	return nil
}

// clauseSubject returns the first person named before token v who is not
// the object of a preposition: the subject of the sentence's clause.
func (c *corefer) clauseSubject(si, v int) *entity {
	toks := c.toks[si]
	for _, m := range c.bySent[si] {
		if m.i >= v {
			break
		}
		if p := titleStart(toks, m.i) - 1; m.ent.typ == factions.Person && (p < 0 || !toks[p].Is(cPrep)) {
			return m.ent
		}
	}
	return nil
}

// nounPhraseEndingAt returns what the phrase ending at token x stands for:
// a person named there (also before an apposition set off by commas), a
// pronoun already resolved, a role description, or a plural description of
// sources ("party insiders").
func (c *corefer) nounPhraseEndingAt(si, x int) referent {
	toks := c.toks[si]
	if m := c.at(si, x); m != nil && m.j == x+1 {
		if m.ent.typ == factions.Person || m.ent.typ == factions.Organization {
			return referent{ent: m.ent}
		}
		return referent{}
	}
	if r, ok := c.pronouns[toks[x].Start()]; ok {
		return r
	}
	if p := c.descs[toks[x].Start()]; p != nil {
		return referent{ent: p}
	}
	if toks[x].Norm == "," {
		// "X, the party's spokesman, said": the name before the apposition
		for y := x - 1; y > 0 && y >= x-12; y-- {
			if toks[y].Norm == "," {
				if m := c.at(si, y-1); m != nil && m.j == y && m.ent.typ == factions.Person {
					return referent{ent: m.ent}
				}
				break
			}
		}
		return referent{}
	}
	if toks[x].Is(cGroupNoun) && toks[x].Kind == Word {
		a := x
		for a > 0 && x-a < 4 && toks[a-1].Kind == Word && !toks[a-1].Is(cFunction) && !toks[a-1].Is(cDet) {
			a--
		}
		return referent{desc: visible(c.text[toks[a].Start():toks[x].End()])}
	}
	return referent{}
}

// resolvePronoun resolves a pronoun. Inside a quotation "he" is someone the
// speaker talks about: the person named last in or before the quotation.
// Elsewhere a singular pronoun is a recent speaker of its gender unless
// another person was named since, else the person named last who fits; a
// plural one is a recent speaker (often a source: "party insiders").
func (c *corefer) resolvePronoun(si, v int, plural bool) referent {
	t := &c.toks[si][v]
	g := genderOf(t)
	if q := c.quoteAt(t.Start()); q != nil && !plural {
		return referent{ent: c.personBefore(t.Start(), g)}
	}
	var last *speakerEvent
	if n := len(c.speakers); n > 0 {
		last = &c.speakers[n-1]
	}
	recent := last != nil && c.narrativeBetween(last.sent, si) <= 1
	if plural {
		if recent {
			return last.ref
		}
		return referent{}
	}
	// a recent speaker, a person or a source described ("an executive
	// spokeswoman", "a BJP leader"), unless someone else was named as a
	// subject since
	// "CONTENT, he said": the names before the pronoun are the content's
	to := t.Start()
	if v > 0 && c.toks[si][v-1].Norm == "," && c.speaksAt(si, v+1) {
		to = c.sents[si].Start
	}
	if recent && last.ref.ent != nil && last.ref.ent.typ == factions.Person && fits(last.ref.ent, g) {
		if q := c.subjectSince(last.at, to, g, false); q != nil && q != last.ref.ent {
			return referent{ent: q}
		}
		return last.ref
	}
	if recent && singularSource(last.ref.desc, g) && c.subjectSince(last.at, to, g, true) == nil {
		return last.ref
	}
	if k := si - 1; c.speaksAt(si, v+1) && k >= 0 {
		// "he said" with no recent speaker: the subject of the sentence
		// before (not of a headline or a byline)
		for k > 0 && c.isHeadline(k) {
			k--
		}
		if p := c.firstSubject(k, g); p != nil {
			return referent{ent: p}
		}
	}
	if p := c.personBefore(to, g); p != nil {
		return referent{ent: p}
	}
	if last != nil && (last.ref.ent == nil || last.ref.ent.typ == factions.Person && fits(last.ref.ent, g)) {
		return last.ref
	}
	return referent{}
}

// speaksAt reports whether a reporting verb follows at toks[k] of sentence
// si, maybe after auxiliaries and adverbs ("it has also said").
func (c *corefer) speaksAt(si, k int) bool {
	toks := c.toks[si]
	for start := k; k < len(toks) && k < start+4 && (toks[k].Is(cAux) || toks[k].Is(cSentenceAdverb) || toks[k].Is(cNegation)); {
		k++
	}
	n, _ := c.speechVerb(si, k)
	return n > 0 && c.quoteAt(toks[k].Start()) == nil
}

// resolveIt resolves "it" as a speaker ("..., it said"): an organisation
// or a document that spoke in this sentence or the one before; else what
// the sentence before is about, when it opens with an organisation or a
// document ("The commission, an independent body, had been asked ... But
// it said"); else one that spoke in the three sentences before.
func (c *corefer) resolveIt(si int) referent {
	var last *speakerEvent
	for k := len(c.speakers) - 1; k >= 0; k-- {
		if ev := &c.speakers[k]; ev.ref.ent == nil || ev.ref.ent.typ == factions.Organization {
			last = ev
			break
		}
	}
	if last != nil && si-last.sent <= 1 {
		return last.ref
	}
	if si > 0 {
		toks := c.toks[si-1]
		var buf [8][2]int
		if ch := appendCommaChunks(buf[:0], toks, 0, len(toks)); len(ch) > 0 {
			e, _ := c.npExtent(si-1, ch[0][0], ch[0][1])
			if r := c.speakerNP(si-1, ch[0][0], e, toks[0].Start()); r.desc != "" && toks[e-1].Is(cDocument) || r.ent != nil && r.ent.typ == factions.Organization {
				return r
			}
		}
	}
	if last != nil && c.narrativeBetween(last.sent, si) <= 2 {
		return last.ref
	}
	return referent{}
}

// narrativeBetween returns how many sentences between sentences a and b
// do not open inside a quotation: the sentences of a quotation that runs
// on do not put its speaker further back.
func (c *corefer) narrativeBetween(a, b int) int {
	n := 0
	for k := a + 1; k < b; k++ {
		if c.quoteAt(c.sents[k].Start) == nil {
			n++
		}
		if n > 8 || k > a+64 {
			return max(n, 9) // far enough
		}
	}
	return n
}

// firstSubject returns the first person named in sentence si outside
// quotations who is no object of a preposition and no possessor, whom a
// pronoun of gender g can mean: the sentence's subject; or nil.
func (c *corefer) firstSubject(si int, g string) *entity {
	toks := c.toks[si]
	for _, m := range c.bySent[si] {
		if m.ent.typ != factions.Person || !fits(m.ent, g) || c.quoteAt(m.span.Start) != nil || c.placeName(si, m) {
			continue
		}
		if m.j < len(toks) && toks[m.j].Norm == "'s" || c.inPrepPhrase(si, m.i) {
			continue
		}
		return m.ent
	}
	return nil
}

// singularSource reports whether a description of a source names one
// person whom a pronoun of gender g can mean: "executive spokeswoman" for
// "she", "BJP leader" for "he"; not "party insiders".
func singularSource(desc, g string) bool {
	if desc == "" {
		return false
	}
	head := strings.ToLower(lastWord(desc))
	if plural(Token{Norm: head}) || strings.HasSuffix(head, "men") || strings.HasSuffix(head, "people") {
		return false
	}
	switch {
	case strings.HasSuffix(head, "woman"):
		return g != "m"
	case strings.HasSuffix(head, "man"):
		return g != "f"
	}
	return true
}

// subjectSince returns the person named last as a subject in [from, to),
// whom a pronoun of gender g can mean, or nil: not inside a quotation or
// reported content, not the object of a preposition ("on the direction of
// X", "unlike the previous president X"), not a possessor ("X's sister"),
// not the subject of a clause after "that" ("It is worth mentioning that
// X"); with any, the person named last in any way.
func (c *corefer) subjectSince(from, to int, g string, any bool) *entity {
	for k := c.mentionsBefore(to) - 1; k >= 0; k-- {
		m := c.all[k]
		if m.span.Start < from {
			break
		}
		if m.ent.typ != factions.Person || !fits(m.ent, g) || c.quoteAt(m.span.Start) != nil || c.inReported(m.span.Start) {
			continue
		}
		if any {
			return m.ent
		}
		toks := c.toks[m.s]
		if m.j < len(toks) && toks[m.j].Norm == "'s" || c.inPrepPhrase(m.s, m.i) {
			continue
		}
		if p := titleStart(toks, m.i) - 1; p >= 0 && toks[p].Is(cComplementizer) {
			continue
		}
		return m.ent
	}
	return nil
}

// descMask has the classes of the last word of a description.
var descMask = maskOf(cRoleLast, cPersonNoun)

// descriptions resolves the definite role descriptions of sentence si:
// "the spokesman", "the party's spokesman", "the JND chief", and the
// definite descriptions of a person by a noun that is no post ("the
// veteran politician").
func (c *corefer) descriptions(si int) {
	if !c.sentMasks[si].any(descMask) {
		return // no word a description ends with
	}
	toks := c.toks[si]
	// a description opens with its determiner: a word no determiner comes
	// before is no description's last, and its role is not read
	det := 0
	for det < len(toks) && !isDescDet(toks[det].Norm) {
		det++
	}
	for e := det + 2; e <= len(toks); e++ {
		if !toks[e-1].Is(cRoleLast) && !toks[e-1].Is(cPersonNoun) {
			continue
		}
		if c.at(si, e-1) != nil {
			continue // a name ends here, no description (tested first: reading the role costs more)
		}
		rp, ok := c.roleEndingAt(si, e)
		if !ok && toks[e-1].Is(cPersonNoun) {
			// "the veteran politician", "the Dubai-based businessman"
			rp, ok = rolePhrase{start: e - 1, end: e}, true
		}
		if !ok || rp.start == 0 {
			continue
		}
		// the determiner, maybe before a party's name or an adjective: "the
		// Tory leader", "the veteran spokesman"
		j := rp.start
		for j > 0 && rp.start-j < 4 && (toks[j-1].Kind == Word && !toks[j-1].Is(cDet) && !toks[j-1].Is(cFunction) || toks[j-1].Norm == "-") {
			j--
		}
		if j == 0 {
			continue
		}
		if !isDescDet(toks[j-1].Norm) {
			continue
		}
		if p := c.roleReferent(si, toks[rp.start:e], rp); p != nil {
			c.descs[toks[e-1].Start()] = p
		}
	}
}

// isDescDet reports whether w is a determiner a definite description
// opens with: "the", "this", "its", "their".
func isDescDet(w string) bool { return w == "the" || w == "this" || w == "its" || w == "their" }

// roleReferent resolves "the spokesman", "the MEP", "the former minister",
// "the PTI leader", "the veteran politician": a person given the same role
// before (not "Deputy Prime Minister X" for "the prime minister"); no one
// when an unnamed source was so described before ("an executive
// spokeswoman ... the executive spokeswoman"); else the person who spoke
// last, in the five sentences before (unless the role is a spokesperson's),
// or for a head ("the JND chief") the person given that role in its
// organisation, whichever the text named last; else a person named next to the same role noun in an
// earlier sentence, else the person named first in the sentences just
// before.
func (c *corefer) roleReferent(si int, np []Token, rp rolePhrase) *entity {
	noun := np[len(np)-1].Norm
	if p := c.sameRole(si, rp); p != nil {
		return p
	}
	if c.unnamedBefore(si, np[len(np)-1]) {
		return nil
	}
	if rp.noun == "" {
		// a noun that is no post: "businessman X" before "the businessman"
		if p := c.namedNearRole(si, noun); p != nil {
			return p
		}
	}
	// the person who spoke last, or for a head the head of its
	// organisation, whichever the text named last
	var spoke, head *entity
	spokeAt, headAt := -1, -1
	if !isSpokesman(noun) {
		spoke, spokeAt = c.recentSpeaker(si, 5)
	}
	if rp.class() == "head" {
		if head = c.headOf(si, rp, np[0].Start()); head != nil {
			headAt = c.namedLast(head, c.sents[si].Start)
		}
	}
	switch {
	case spoke != nil && spokeAt > headAt:
		return spoke
	case head != nil:
		return head
	}
	if p := c.namedNearRole(si, noun); p != nil {
		return p
	}
	for k := si - 1; k >= 0 && k >= si-2; k-- {
		for _, m := range c.bySent[k] {
			if m.ent.typ == factions.Person && c.quoteAt(m.span.Start) == nil && !c.placeName(k, m) {
				return m.ent
			}
		}
	}
	return nil
}

// sameRole returns the person given the role of rp last, in the 40
// sentences before si: the same role noun with the same modifiers, in the
// same organisation when both name one; not one of several ("a senior
// leader").
func (c *corefer) sameRole(si int, rp rolePhrase) *entity {
	if rp.noun == "" {
		return nil
	}
	for i := c.rolesBefore(si) - 1; i >= 0; i-- {
		dd := c.roles.list[i]
		if dd.sent < si-40 {
			break
		}
		if dd.noun == rp.noun && !dd.indef && slices.Equal(dd.mods, rp.mods) && (rp.obj == nil || dd.obj == nil || dd.obj == rp.obj) {
			return dd.person
		}
	}
	return nil
}

// headOf returns who heads the organisation a head's description names
// (or the one in question at off), else who founded it.
func (c *corefer) headOf(si int, rp rolePhrase, off int) *entity {
	org := rp.obj
	if org == nil {
		org = c.orgBefore(off)
	}
	for _, cls := range []string{"head", "founder"} {
		for i := c.rolesBefore(si) - 1; i >= 0 && c.roles.list[i].sent >= si-40; i-- {
			if dd := c.roles.list[i]; dd.class() == cls && dd.obj == org && !dd.former && !dd.indef {
				return dd.person
			}
		}
	}
	return nil
}

// rolesBefore returns how many roles (in text order) the text gives before
// sentence si.
func (c *corefSet) rolesBefore(si int) int {
	return sort.Search(len(c.roles.list), func(i int) bool { return c.roles.list[i].sent >= si })
}

// namedLast returns the sentence where e was named last before off,
// outside quotations, in the 40 sentences before; or -1.
func (c *corefer) namedLast(e *entity, off int) int {
	first := c.sentOf(off) - 40
	for k := c.mentionsBefore(off) - 1; k >= 0; k-- {
		m := c.all[k]
		if m.s < first {
			break
		}
		if m.ent == e && c.quoteAt(m.span.Start) == nil {
			return m.s
		}
	}
	return -1
}

// recentSpeaker returns the person who spoke last, in the window sentences
// before si, and the sentence where they spoke; or nil and -1.
func (c *corefer) recentSpeaker(si, window int) (*entity, int) {
	for k := len(c.speakers) - 1; k >= 0; k-- {
		ev := c.speakers[k]
		if ev.sent < si-window {
			break
		}
		if ev.sent < si && ev.ref.ent != nil && ev.ref.ent.typ == factions.Person {
			return ev.ref.ent, ev.sent
		}
	}
	return nil, -1
}

// unnamedBefore reports whether a source described with the same noun as t
// and not named spoke in the 40 sentences before si: "an executive
// spokesman said" before "the executive spokeswoman said".
func (c *corefer) unnamedBefore(si int, t Token) bool {
	for k := len(c.speakers) - 1; k >= 0; k-- {
		ev := c.speakers[k]
		if ev.sent < si-40 {
			break
		}
		if ev.ref.ent != nil || ev.sent >= si {
			continue
		}
		if w := c.lower(lastWord(ev.ref.desc)); w == t.Norm || isSpokesman(w) && isSpokesman(t.Norm) {
			return true
		}
	}
	return false
}

// namedNearRole returns the person named nearest to the role noun in an
// earlier sentence, within 40 sentences and 12 tokens: "JND spokesman X",
// "X, ..., will be the party's spokesman".
func (c *corefer) namedNearRole(si int, noun string) *entity {
	for k := si - 1; k >= 0 && k >= si-40; k-- {
		for x, t := range c.toks[k] {
			if t.Norm != noun {
				continue
			}
			// the nearest name, counted from its edge
			dist := func(m *ref) int {
				if m.j <= x {
					return x - m.j
				}
				return m.i - x
			}
			var best *ref
			for _, m := range c.bySent[k] {
				if m.ent.typ != factions.Person || c.quoteAt(m.span.Start) != nil {
					continue
				}
				if best == nil || dist(m) < dist(best) {
					best = m
				}
			}
			if best != nil && dist(best) <= 12 {
				return best.ent
			}
		}
	}
	return nil
}

// inPrepPhrase reports whether the name whose mention starts at token i of
// sentence si stands in a prepositional phrase, as an object and not a
// subject: "Mr Y of the NRF", "unlike the previous provincial president X",
// "announced by PM X", "at his Kot Y residence". Its noun phrase is read
// back over determiners, words and organisation names, at most six tokens;
// the "of" of a role ("Speaker of the Sindh Assembly X") is part of it.
func (c *corefSet) inPrepPhrase(si, i int) bool {
	toks := c.toks[si]
	x := titleStart(toks, i) - 1
	for n := 0; x >= 0 && n < 6; n++ {
		t := &toks[x]
		if t.Is(cPrep) {
			if x > 0 && toks[x-1].Is(cRoleLast) {
				x -= 2 // "Speaker of the Assembly"
				continue
			}
			return true
		}
		if m := c.at(si, x); m != nil {
			if m.ent.typ == factions.Person {
				return false
			}
			x = m.i - 1
			continue
		}
		if t.Kind == Punct && t.Norm != "'s" && t.Norm != "-" || t.Is(cFunction) && !t.Is(cDet) || t.Kind == Quote {
			return false
		}
		x--
	}
	return false
}

// partyOf returns the organisation "the party" stands for in sentence si
// at offset off: the one whose post the person who spoke last, up to the
// sentence before, holds ("ORG's central president X said ... A statement
// issued by the party said"); else the party named last (orgBefore).
func (c *corefSet) partyOf(si, off int) *entity {
	if si > 0 {
		if p := c.lastPerson[si-1]; p != nil {
			for i := c.rolesBefore(si) - 1; i >= 0 && c.roles.list[i].sent >= si-40; i-- {
				if dd := c.roles.list[i]; dd.person == p && dd.obj != nil && dd.obj.typ == factions.Organization {
					return dd.obj
				}
			}
			if o := c.orgBeforeName(p, off); o != nil {
				return o
			}
		}
	}
	return c.orgBefore(off)
}

// orgBeforeName returns the organisation named within eight tokens before
// the last mention of p before off (among the 200 mentions before it), in
// its sentence ("ORG's central
// president, Advocate X"), or nil.
func (c *corefSet) orgBeforeName(p *entity, off int) *entity {
	for k := c.mentionsBefore(off) - 1; k >= 0 && k >= c.mentionsBefore(off)-200; k-- {
		m := c.all[k]
		if m.ent != p {
			continue
		}
		for j := k - 1; j >= 0 && c.all[j].s == m.s && c.all[j].i >= m.i-8; j-- {
			if e := c.all[j].ent; e.typ == factions.Organization {
				return e
			}
		}
		return nil
	}
	return nil
}

// pronoun returns the referent of the pronoun at offset off.
func (c *corefSet) pronoun(off int) referent { return c.pronouns[off] }

// description returns the person a definite role description whose role
// noun is at offset off stands for, or nil.
func (c *corefSet) description(off int) *entity { return c.descs[off] }

// lastWord returns the last space-separated word of s.
func lastWord(s string) string { return s[strings.LastIndexByte(s, ' ')+1:] }

// speechVerb reports whether a reporting verb starts at token k of
// sentence si, its length in tokens and its class (say, deny), from the
// table the coreference stage reads once.
func (c *corefSet) speechVerb(si, k int) (int, string) {
	if k < 0 || k >= len(c.verbs[si]) {
		return 0, ""
	}
	v := c.verbs[si][k]
	if v == 0 {
		return 0, ""
	}
	if v&verbDeny != 0 {
		return int(v & verbLen), "deny"
	}
	return int(v & verbLen), "say"
}

// The verbs table's entries: a reporting verb's length in tokens, with
// verbDeny for the deny class; verbRead when the coreference stage read
// whether the verb reports speech (reportingUse), and verbReports when it
// does.
const (
	verbDeny    = 0x80
	verbRead    = 0x40
	verbReports = 0x20
	verbLen     = 0x1f
)

// speechVerbs reads the reporting verb that starts at each token of each
// sentence: its length, with verbDeny for a denial; no list for a sentence
// without a reporting verb.
func (d *document) speechVerbs() [][]uint8 {
	out := d.mem.byteLists.take(len(d.sents))
	for si, toks := range d.toks {
		if !d.sentMasks[si].has(cSpeech) {
			continue // no reporting verb: none (speechVerb)
		}
		row := d.mem.bytes.take(len(toks)) // zero: no verb
		for k := range toks {
			if !toks[k].Is(cSpeech) {
				continue
			}
			n, cls := d.speechVerbAt(toks, k)
			v := uint8(min(n, verbLen))
			if cls == "deny" {
				v |= verbDeny
			}
			row[k] = v
		}
		out[si] = row
	}
	return out
}

// speechVerbAt reports whether a speech verb starts at toks[k], its length in
// tokens and its class (say, deny).
func (d *document) speechVerbAt(toks []Token, k int) (int, string) {
	if k >= len(toks) || !toks[k].Is(cSpeech) {
		return 0, "" // no speech phrase starts here
	}
	n, cls := d.lx.speech.match(toks, k)
	if n == 0 {
		return 0, ""
	}
	if strings.HasPrefix(cls, "doc") {
		// documents speak in few words: "the notice reads", "the statement said"
		switch toks[k].Norm {
		case "reads", "read", "said", "says", "stated":
		default:
			return 0, ""
		}
		cls = "say"
	}
	// "said to be" is a hedge, not speech; "the said party" is not speech
	if k+n+1 < len(toks) && toks[k+n].Norm == "to" && toks[k+n+1].Norm == "be" {
		return 0, ""
	}
	if k > 0 && (toks[k-1].Is(cDet) || nounForm(toks, k) || strings.HasSuffix(toks[k].Norm, "ed") && toks[k-1].Is(cPrep) && n == 1) {
		return 0, "" // "its demand", "the said party", "on equal terms", "written replies", "on alleged irregularities"
	}
	if strings.HasSuffix(toks[k].Norm, "en") && n == 1 && (k == 0 || !toks[k-1].Is(cAux)) {
		return 0, "" // a participle without an auxiliary is an adjective: "written replies"
	}
	return n, cls
}

// nounForm reports whether a reporting verb's form in -s at toks[k] reads
// as a plural noun: after a preposition ("on terms"), after a word that is
// no noun of a speaker after a determiner or preposition ("the new
// claims", "on equal terms"), or after a participle ("written replies").
func nounForm(toks []Token, k int) bool {
	w, p := toks[k].Norm, toks[k-1]
	if !strings.HasSuffix(w, "s") {
		return false
	}
	if p.Norm == "'s" || k >= 2 && toks[k-2].Norm == "'s" && p.Kind == Word && !p.Cap() {
		return true // "the leader's remarks", "the leader's earlier remarks"
	}
	if p.Kind != Word || p.Cap() {
		return false
	}
	switch {
	case p.Is(cPrep):
		return true // "on terms", "of claims"
	case p.Is(cFunction), p.Is(cAux), p.Is(cPronounM), p.Is(cPronounF), p.Is(cPronounPlural), p.Is(cPronounNeuter):
		return false
	case p.Is(cRoleLast), p.Is(cPersonNoun), p.Is(cGroupNoun), p.Is(cDocument), p.Is(cGenericOrg), p.Is(cOrgCue):
		return false // "the party argues", "the report claims"
	case k >= 2 && (toks[k-2].Is(cDet) || toks[k-2].Is(cPrep)):
		return true
	}
	return strings.HasSuffix(p.Norm, "ed") || strings.HasSuffix(p.Norm, "en")
}
