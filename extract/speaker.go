package extract

import (
	"strings"

	"github.com/factions/factions"
)

// subjectBefore finds who speaks with the verb at toks[v] of sentence si
// (see verbSubject); a coordinated verb shares the subject of the reported
// speech before it in the sentence.
func (s *speech) subjectBefore(si, v, at int) referent {
	toks := s.toks[si]
	if r, ok := s.subjects[toks[v].Start()]; ok {
		return r // found by the coreference stage
	}
	return s.verbSubject(si, v, at, func() referent {
		for _, st := range s.stmts {
			if st.sent == si && st.kind == factions.Indirect && st.evidence.Start <= toks[v].Start() {
				return referent{ent: st.speaker, desc: st.desc}
			}
		}
		return referent{}
	})
}

// verbSubject finds who speaks with the verb at toks[v]: the name or
// pronoun right before it, a participle's or a relative clause's subject,
// the subject of a coordinated verb (coordinated returns it), else the
// comma chunk of the clause that names the subject.
func (s *corefSet) verbSubject(si, v, at int, coordinated func() referent) referent {
	toks := s.toks[si]
	start := s.reportClauseStart(si, v)
	// a name or pronoun right before the verb, or before its auxiliaries
	// and adverbs, is its subject: "Labour campaign coordinator Tom Hale
	// said", "In his speech, Mr X says", "X has also said"; not a name in a
	// prepositional phrase ("Mr Y of the NRF said")
	x := verbSubjectEnd(toks, start, v)
	if x > start {
		if m := s.at(si, x-1); m != nil && m.j == x && m.ent.typ != factions.Place && !s.placeName(si, m) && !s.inPrepPhrase(si, m.i) {
			return referent{ent: m.ent}
		}
		if ok, _ := isPronoun(&toks[x-1]); ok && (x-1 == start || toks[x-2].Kind == Punct || toks[x-2].Is(cFunction) && leadingConnective(toks[x-2].Norm)) {
			return s.pronoun(toks[x-1].Start()) // "he said", "..., and he also cautioned"
		}
	}
	if a := s.absoluteSubject(si, v); a > 0 && strings.HasSuffix(toks[v].Norm, "ing") {
		return s.speakerNP(si, a, v, at) // "with the home secretary saying"
	}
	if a := subordinateParticiple(toks, v); a > start && strings.HasSuffix(toks[v].Norm, "ing") {
		return s.clauseOpening(si, start, a, at) // "X quit after suggesting"
	}
	// "he said, claiming ...": a participle shares the subject of the
	// reporting verb just before it
	if strings.HasSuffix(toks[v].Norm, "ing") && v >= 2 && toks[v-1].Norm == "," {
		for y := v - 2; y >= start && y >= v-4; y-- {
			if n, _ := s.speechVerb(si, y); n > 0 && !strings.HasSuffix(toks[y].Norm, "ing") {
				return s.verbSubject(si, y, toks[y].Start(), coordinated)
			}
		}
	}
	if x > start && toks[x-1].Norm == "who" {
		if r := s.relativeSubject(si, start, x); r.ok() {
			return r
		}
	}
	// coordinated verbs share their subject: "rejected ... and claimed"
	if x > 0 && toks[x-1].Norm == "and" {
		if r := coordinated(); r.ok() {
			return r
		}
	}
	return s.chunkSubject(si, start, x, at)
}

// reportClauseStart returns where the clause of the reporting verb at v
// starts: after the last ";" or ":" or statement quotation before it, or
// after "that" when a finite verb's clause opens there ("He pointed out
// that X ... had said").
func (s *corefSet) reportClauseStart(si, v int) int {
	toks := s.toks[si]
	for k := v - 1; k >= 0; k-- {
		if toks[k].Norm == ";" || toks[k].Norm == ":" {
			return k + 1
		}
		// a quotation that was a statement of its own ends the clause; a
		// quoted fragment of reported speech does not
		if toks[k].Kind != Quote {
			// no quotation mark: the quotation look-up is for marks only
		} else if q, long := s.longQuoteAt(toks[k].Start()); q != nil && q.Outer.End <= toks[v].Start() &&
			long && !s.fragmentOfReport(si, *q) {
			return k + 1
		}
		if toks[k].Norm == "that" && k+1 < v && !strings.HasSuffix(toks[v].Norm, "ing") && (s.at(si, k+1) != nil || toks[k+1].Norm == "the") {
			return k + 1
		}
	}
	return 0
}

// relativeSubject reads "X, who said ...": the relative pronoun's
// antecedent, a person or a short phrase ("denied by UKIP spokesman, who
// said").
func (s *corefSet) relativeSubject(si, start, v int) referent {
	toks := s.toks[si]
	for x := v - 2; x >= start && x >= v-6; x-- {
		if m := s.at(si, x); m != nil && m.ent.typ == factions.Person {
			return referent{ent: m.ent}
		}
	}
	w := v - 1
	if w > start && toks[w-1].Norm == "," {
		w--
	}
	a := w
	for a > start && toks[a-1].Kind == Word && !toks[a-1].Is(cFunction) && !s.isSpeechTok(&toks[a-1]) && !s.lx.departures.hasTok(&toks[a-1]) {
		a--
	}
	if a < w && w-a <= 5 {
		return s.speakerNP(si, a, w, toks[v].Start())
	}
	return referent{}
}

// clauseOpening returns what the clause toks[start:b] opens with, its
// subject: a pronoun, a name, or the noun phrase of its first chunk.
func (s *corefSet) clauseOpening(si, start, b, at int) referent {
	toks := s.toks[si]
	a := start
	for a < b && toks[a].Is(cChunkSkip) && leadingConnective(toks[a].Norm) {
		a++
	}
	if a >= b {
		return referent{}
	}
	if ok, _ := isPronoun(&toks[a]); ok {
		return s.pronoun(toks[a].Start())
	}
	n := a
	if toks[n].Is(cStripTitle) && n+1 < b {
		n++ // "Mr X"
	}
	if m := s.startsAt(si, n); m != nil && m.ent.typ != factions.Place {
		return referent{ent: m.ent}
	}
	return s.speakerNP(si, a, clauseEnd(toks, a), at)
}

// verbSubjectEnd returns where the subject of the verb at v ends: before
// the auxiliaries, negators and adverbs that may stand between them ("X has
// said", "X also strongly criticised", "X did not deny").
func verbSubjectEnd(toks []Token, start, v int) int {
	x := v
	for x > start {
		t := &toks[x-1]
		if !(t.Is(cAux) || t.Is(cSentenceAdverb) || t.Is(cNegation) || t.Kind == Word && t.Is(cNPStop) && strings.HasSuffix(t.Norm, "ly")) {
			break
		}
		x--
	}
	return x
}

// appendCommaChunks splits toks[start:v] at commas and dashes outside
// brackets, appending the chunks to chunks: the callers keep none, and give
// a buffer on their stack.
func appendCommaChunks(chunks [][2]int, toks []Token, start, v int) [][2]int {
	c, depth := start, 0
	for k := start; k < v; k++ {
		switch toks[k].Norm {
		case "(":
			depth++
		case ")":
			depth--
		case ",", "–", "—":
			if depth == 0 {
				if k > c {
					chunks = append(chunks, [2]int{c, k})
				}
				c = k + 1
			}
		}
	}
	if v > c {
		chunks = append(chunks, [2]int{c, v})
	}
	return chunks
}

// chunkSubject reads the subject among the comma chunks of the clause: a
// short phrase right before the verb ("..., sources said"), a chunk that is
// a name alone in apposition ("the JND spokesman, X, said"), the name right
// before clauses set off by commas ("X, while responding to ..., said"),
// else the first chunk that reads as a noun phrase.
func (s *corefSet) chunkSubject(si, start, v, at int) referent {
	toks := s.toks[si]
	var buf [8][2]int
	chunks := appendCommaChunks(buf[:0], toks, start, v)
	if n := len(chunks); n > 1 && chunks[n-1][1]-chunks[n-1][0] == 1 && toks[chunks[n-1][0]].Kind == Number {
		chunks = chunks[:n-1] // "X, 62, said": an age in apposition
	}
	n := len(chunks)
	if n > 1 && chunks[n-1][1] == v && v-chunks[n-1][0] <= 4 {
		ch := chunks[n-1]
		if !toks[ch[0]].Is(cChunkSkip) {
			if r := s.speakerNP(si, ch[0], ch[1], at); r.ok() {
				return r
			}
			if v-ch[0] <= 2 {
				return referent{} // "CONTENT, it said": the chunks before are the content
			}
		}
	}
	// a name in apposition, right before the verb or in the first two
	// chunks (not a name in a list)
	for _, i := range [...]int{n - 1, 0, 1} {
		if i < 0 || i >= n {
			continue
		}
		if r := s.nameChunk(si, chunks[i][0], chunks[i][1]); r.ok() {
			return r
		}
	}
	if r := s.beforeParenthetical(si, chunks); r.ok() {
		return r
	}
	for i, ch := range chunks {
		a := ch[0]
		// leading connectives: "However", "But", "Later"
		for a < ch[1] && toks[a].Is(cChunkSkip) && leadingConnective(toks[a].Norm) {
			a++
		}
		// the verb's own clause may open with a subordinator: "Even as
		// members from the state charged"
		for i == n-1 && ch[1] == v && a < ch[1] && toks[a].Is(cSubordinator) {
			a++
		}
		if a >= ch[1] || s.skipChunk(si, toks, a, ch[1]) {
			continue
		}
		if r := s.speakerNP(si, a, ch[1], at); r.ok() {
			if o := s.issuer(si, chunks[min(i+1, n-1)][0], chunks[min(i+1, n-1)][1]); r.desc != "" && i+1 < n && toks[ch[1]-1].Is(cDocument) && o != nil {
				return referent{ent: o} // "The message, posted in X's name, urged"
			}
			return r
		}
	}
	return referent{}
}

// nameChunk reads a comma chunk toks[a:b] that is a name alone: capitalised
// words and titles ending in a person's name ("Advocate X"), or a title and
// capitalised words the mentions stage did not read as a name ("Mr X").
func (s *corefSet) nameChunk(si, a, b int) referent {
	toks := s.toks[si]
	if b-a > 6 {
		return referent{}
	}
	for x := a; x < b; x++ {
		if m := s.startsAt(si, x); m != nil {
			if m.j == b && m.ent.typ == factions.Person {
				return referent{ent: m.ent}
			}
			return referent{}
		}
		if t := &toks[x]; !(t.Kind == Word && t.Cap() || t.Norm == ".") {
			return referent{}
		}
	}
	if b-a >= 2 && b-a <= 5 && toks[a].Is(cStripTitle) {
		return referent{desc: visible(s.text[toks[a+1].Start():toks[b-1].End()])}
	}
	return referent{}
}

// beforeParenthetical reads the subject right before clauses set off by
// commas: "... after X, while responding to a question, said", "X, who
// presided over the meeting, said": the person named at the end of the
// chunk before them.
func (s *corefSet) beforeParenthetical(si int, chunks [][2]int) referent {
	toks := s.toks[si]
	c := len(chunks) - 1
	for c > 0 && toks[chunks[c][0]].Is(cChunkSkip) && !leadingConnective(toks[chunks[c][0]].Norm) {
		c--
	}
	if c == len(chunks)-1 {
		return referent{}
	}
	end := chunks[c][1]
	if m := s.at(si, end-1); m != nil && m.j == end && m.ent.typ == factions.Person {
		return referent{ent: m.ent}
	}
	return referent{}
}

// leadingConnective reports whether a chunk-opening word is a connective
// that may precede a subject ("But X said").
func leadingConnective(w string) bool {
	switch w {
	case "but", "and", "however", "meanwhile", "later", "also", "earlier", "yet", "so", "now":
		return true
	}
	return false
}

// skipChunk reports whether the chunk toks[a:b] cannot be a subject: an
// adverb ("Similarly"), a subordinate clause or a participle phrase
// ("Speaking to reporters").
func (s *corefSet) skipChunk(si int, toks []Token, a, b int) bool {
	t := &toks[a]
	switch {
	case b-a == 1 && strings.HasSuffix(t.Norm, "ly") && !t.AllCaps():
		return true // "Similarly, X said"
	case t.Is(cChunkSkip), strings.HasSuffix(t.Norm, "ing") && t.Kind == Word && !t.Cap():
		return true
	case strings.HasSuffix(t.Norm, "ing") && a == 0 && b-a > 1 && s.startsAt(si, a) == nil:
		return true // "Speaking to reporters, he said"
	}
	return false
}

// speakerNP resolves the noun phrase that starts at toks[a] (and ends by b)
// of sentence si to an entity (a name, a pronoun, "the spokesman", "the
// party") or a description of an unnamed source ("party insiders").
func (s *corefSet) speakerNP(si, a, b, at int) referent {
	toks := s.toks[si]
	for a < b && toks[a].Kind == Punct {
		a++
	}
	if a >= b {
		return referent{}
	}
	if r, done := s.pronounSpeaker(si, a, b); done {
		return r
	}
	e, last := s.npExtent(si, a, b)
	if e <= a {
		return referent{}
	}
	for d := a; d < e; d++ {
		if toks[d].Is(cDocument) {
			if o := s.issuer(si, d+1, b); o != nil {
				return referent{ent: o} // "a statement issued by the party"
			}
		}
	}
	if p := s.personHead(si, a, e); p != nil {
		return referent{ent: p} // "Former welfare minister X MP", "NRF chief X"
	}
	if last != nil && last.j == e {
		if last.ent.typ == factions.Place {
			return referent{} // a place does not speak
		}
		return referent{ent: last.ent} // the head word is part of a name
	}
	if r := s.definiteReferent(si, a, e); r.ok() {
		return r
	}
	return s.describedSource(si, a, e)
}

// pronounSpeaker reads a speaker's noun phrase toks[a:b] that opens with a
// pronoun or a word that never opens one; done says it did.
func (s *corefSet) pronounSpeaker(si, a, b int) (r referent, done bool) {
	toks := s.toks[si]
	if ok, _ := isPronoun(&toks[a]); ok {
		if a+1 >= b || toks[a+1].Is(cFunction) || s.lx.speech.hasTok(&toks[a+1]) || toks[a+1].Kind == Punct {
			return s.pronoun(toks[a].Start()), true
		}
	}
	if toks[a].Is(cPronounNeuter) && (a+1 >= b || toks[a+1].Kind == Punct) {
		if r := s.pronoun(toks[a].Start()); r.ok() {
			return r, true // "it said": the organisation or document coreference found
		}
	}
	switch toks[a].Norm {
	case "i", "we", "it", "this", "that", "you", "there":
		return referent{}, true
	}
	if toks[a].Is(cNoSpeaker) || toks[a].Is(cSubordinator) {
		return referent{}, true // "Whoever speaks", "Much of what they said", "no leader ever condemned"
	}
	return referent{}, false
}

// describedSource returns the description of an unnamed source that
// toks[a:e] gives, without its determiner and titles, or nothing when it
// cannot describe one.
func (s *corefSet) describedSource(si, a, e int) referent {
	toks := s.toks[si]
	if toks[a].Norm == "the" || toks[a].Is(cIndefinite) {
		if e-a == 1 {
			return referent{}
		}
		a++
	}
	for a < e-1 && toks[a].Is(cStripTitle) && toks[a].Cap() {
		a++ // "Mr Zardan of the NRF": a name the mentions stage did not read
	}
	desc := visible(s.text[toks[a].Start():toks[e-1].End()])
	if !descriptive(desc) || e-a > 8 || !s.plausibleSource(si, a, e) {
		return referent{}
	}
	return referent{desc: desc}
}

// issuer returns who issued a document, named at toks[e] (before b) after
// the document's noun: "issued by ORG", "from ORG", "released to the media
// by the minister"; or nil.
func (s *corefSet) issuer(si, e, b int) *entity {
	toks := s.toks[si]
	if e < b && strings.HasSuffix(toks[e].Norm, "ed") {
		e++ // "issued", "released"
	}
	// the first phrase that names an organisation or a person: "released
	// to the media by the minister"
	for e < b && e < b+8 && toks[e].Is(cPrep) {
		x := e + 1
		for x < b && (toks[x].Is(cDet) || toks[x].Is(cStripTitle) && toks[x].Cap()) {
			x++ // "by the", "in Mr X's name"
		}
		if x >= b {
			return nil
		}
		if m := s.startsAt(si, x); m != nil && m.ent.typ != factions.Place {
			return m.ent
		}
		if toks[x].Norm == "party" {
			return s.partyOf(si, toks[x].Start())
		}
		y := x
		for y < b && toks[y].Kind == Word && !toks[y].Is(cFunction) {
			y++
		}
		if y > x {
			if p := s.description(toks[y-1].Start()); p != nil {
				return p // "by the minister"
			}
		}
		e = y
	}
	return nil
}

// personHead returns the person a speaker's noun phrase toks[a:e] names:
// the last person named in it, with the role words and organisation names
// around ("NRF chief X", "Former welfare minister X MP"), not a possessor
// ("X's spokesman").
func (s *corefSet) personHead(si, a, e int) *entity {
	toks := s.toks[si]
	var p *ref
	for _, m := range s.bySent[si] {
		if m.i >= e {
			break
		}
		if m.i >= a && m.ent.typ == factions.Person && !s.placeName(si, m) {
			p = m
		}
	}
	if p == nil || p.j < e && toks[p.j].Norm == "'s" {
		return nil
	}
	for x := p.j; x < e; x++ {
		t := &toks[x]
		if !t.Is(cRole) && !t.Is(cRoleLast) && !t.AllCaps() || t.Is(cGroupNoun) || plural(*t) {
			return nil // "X party workers", "X loyalists": the phrase's head is not the person
		}
	}
	return p.ent
}

// definiteReferent resolves a definite noun phrase toks[a:e]: "the party"
// is the party in question, "the spokesman" the person coreference found.
func (s *corefSet) definiteReferent(si, a, e int) referent {
	toks := s.toks[si]
	if first := toks[a].Norm; first != "the" && first != "this" && first != "its" {
		return referent{}
	}
	switch head := &toks[e-1]; {
	case head.Norm == "party" || head.Norm == "organisation" || head.Norm == "organization" || head.Norm == "movement":
		return referent{ent: s.orgBefore(toks[a].Start())}
	case s.lx.orgCues.hasTok(head) && !head.Is(cGroupNoun):
		// "the commission": the organisation of that name named last
		return referent{ent: s.orgNamed(*head, toks[a].Start())}
	case !head.Is(cGroupNoun) || isSpokesman(head.Norm):
		return referent{ent: s.description(head.Start())}
	}
	return referent{}
}

// orgNamed returns the organisation named last before off, among the 200
// mentions before it, whose name ends in the word head ("the commission"
// for "the Law Commission"), or nil.
func (s *corefSet) orgNamed(head Token, off int) *entity {
	for k := s.mentionsBefore(off) - 1; k >= 0 && k >= s.mentionsBefore(off)-200; k-- {
		e := s.all[k].ent
		if e.typ == factions.Organization && strings.EqualFold(lastWord(e.name), head.Norm) {
			return e
		}
	}
	return nil
}

func isSpokesman(w string) bool { return w == "spokesman" || w == "spokeswoman" || w == "spokesperson" }

// npExtent returns the end of the speaker's noun phrase that starts at a:
// names, determiners, role words, group nouns and, before any name, other
// lower-case words; and the last name in it.
func (s *corefSet) npExtent(si, a, b int) (int, *ref) {
	toks := s.toks[si]
	e := a
	var last *ref
	for e < b && e-a < 12 {
		t := &toks[e]
		if m := s.at(si, e); m != nil {
			last = m
			e = m.j
			continue
		}
		if t.Norm == "'s" || t.Norm == "." && e > a && toks[e-1].Is(cStripTitle) {
			e++ // "Mr. Maken"
			continue
		}
		if last != nil {
			if next := s.pastName(si, e, b, last); next > e {
				e = next
				continue
			}
		}
		if t.Is(cPrep) && e > a && (toks[e-1].Is(cRoleLast) || toks[e-1].Is(cPersonNoun)) {
			if m := s.personAfterPhrase(si, e+1, b); m != nil {
				e = m.i // "chief inspector of schools Mr X"
				continue
			}
		}
		if t.Kind != Word && t.Kind != Number || t.Is(cFunction) ||
			e > a && (t.Is(cNPStop) || t.Is(cPrep) || s.isSpeechTok(t) || s.lx.hedges.hasTok(t)) {
			break // "differences between the parties"
		}
		if last != nil && !s.roleWord(toks[:b], e) {
			break
		}
		e++
	}
	return e, last
}

// personAfterPhrase returns the mention of a person that starts within
// four words from token e (before b), with only words between ("schools
// Mr" in "chief inspector of schools Mr X"), or nil.
func (s *corefSet) personAfterPhrase(si, e, b int) *ref {
	toks := s.toks[si]
	for x := e; x < b && x < e+4; x++ {
		if m := s.startsAt(si, x); m != nil {
			if m.ent.typ == factions.Person {
				return m
			}
			return nil
		}
		if t := &toks[x]; t.Kind != Word && t.Norm != "." || s.isSpeechTok(t) {
			return nil
		}
	}
	return nil
}

// pastName returns where a speaker's noun phrase goes on at token e after
// the name last (before b): past an acronym in brackets or a hyphen suffix
// ("the Balochistan National Party (BNP) chief", "the Dubai-based
// businessman"), or on to a person named after role words ("NRF
// communications chief X", "NRF lawyer X"); else e.
func (s *corefSet) pastName(si, e, b int, last *ref) int {
	toks := s.toks[si]
	if last.j == e {
		if n := bracketedAfterName(toks, e, b); n > 0 {
			return e + n
		}
		// "the Department for Work and Pensions spokeswoman": an
		// organisation's name read only up to "and"
		if last.ent.typ == factions.Organization && e+2 < b && leadingConnective(toks[e].Norm) && toks[e].Is(cFunction) &&
			toks[e+1].Cap() && s.at(si, e+1) == nil {
			return e + 2
		}
	}
	if toks[e].Cap() {
		return e
	}
	if p := s.personAhead(si, e, b); p != nil {
		return p.i
	}
	if n, _ := s.lx.roles.match(toks[:b], e); n > 1 {
		return e + n
	} else if nm := s.startsAt(si, e+1); n == 0 && nm != nil && nm.ent.typ == factions.Person {
		return e + 1
	}
	return e
}

// roleWord reports whether toks[e] may stand in a speaker's noun phrase
// after a name: a role word, a group noun, a role modifier, a word saying
// the role is over, an organisation cue or a capitalised word.
func (s *corefSet) roleWord(toks []Token, e int) bool {
	t := &toks[e]
	if n, _ := s.lx.roles.match(toks, e); n > 0 {
		return true
	}
	return t.Is(cGroupNoun) || t.Is(cPersonNoun) || s.lx.roleMods.hasTok(t) || s.lx.former.hasTok(t) || s.lx.orgCues.hasTok(t) || t.Cap()
}

// placeName reports whether a person's mention is one word that names a
// place ("the former Delhi CEO"): the mentions stage may have read it wrong.
func (s *corefSet) placeName(si int, m *ref) bool {
	if m.j-m.i != 1 {
		return false
	}
	_, ok := s.lx.places.get(s.toks[si][m.i].Norm)
	return ok
}

// bracketedAfterName returns how many tokens from e continue a name into a
// larger noun phrase: an acronym in brackets ("(BNP)") or a hyphen suffix
// ("-based"); else 0.
func bracketedAfterName(toks []Token, e, b int) int {
	switch {
	case e+2 < b && toks[e].Norm == "(" && toks[e+2].Norm == ")":
		return 3
	case e+1 < b && toks[e].Norm == "-" && toks[e+1].Is(cHyphenSuffix):
		return 2
	}
	return 0
}

// personAhead returns the mention of a person that starts within four
// words from token e of sentence si (before b) when the words between end
// in a role noun (titles aside) and hold no function word: the name after
// "communications chief" or "lawyer".
func (s *corefSet) personAhead(si, e, b int) *ref {
	toks := s.toks[si]
	for x := e; x < b && x < e+4; x++ {
		m := s.startsAt(si, x)
		if m == nil {
			if t := &toks[x]; t.Kind != Word || t.Is(cFunction) || t.Is(cNPStop) || s.isSpeechTok(t) {
				return nil
			}
			continue
		}
		h := titleStart(toks, x) - 1
		if m.ent.typ != factions.Person || h < e || !toks[h].Is(cRoleLast) && !toks[h].Is(cPersonNoun) {
			return nil
		}
		return m
	}
	return nil
}

// plural reports whether a lower-case word reads as a plural noun
// ("loyalists", "sources"), not "press", "various" or "analysis".
func plural(t Token) bool {
	w := t.Norm
	return !t.Cap() && len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "ous") &&
		!strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "us")
}

// strayCapital reports whether a capitalised word alone that opens a
// clause, which no stage read as a name, is no source: "Even", "Whatever",
// not "Diplomats", "Sources" or "Police".
func (s *corefSet) strayCapital(t Token) bool {
	return t.Cap() && !t.AllCaps() && !plural(lowered(t)) && !t.Is(cGroupNoun) && !t.Is(cDocument) &&
		!s.lx.orgCues.hasTok(&t) && !s.lx.roles.hasTok(&t)
}

// lowered returns t as if written in lower case.
func lowered(t Token) Token {
	t.mask = withShape(t.mask.without(cCapital).without(cAllCaps), t.Norm)
	return t
}

// plausibleSource reports whether a phrase can describe an unnamed source:
// no dates or numbers, no verb in past tense after its first word, and a
// head that names people, a body or a document ("party insiders", "the
// commission", "the notice"), not "special meeting" or "day ago".
func (s *corefSet) plausibleSource(si, a, e int) bool {
	np := s.toks[si][a:e]
	if len(np) == 1 && (a == 0 || s.toks[si][a-1].Kind != Word) && s.strayCapital(np[0]) {
		return false
	}
	for i, t := range np {
		if t.Kind == Number || t.Is(cAux) || s.isSpeechTok(&t) && !(strings.HasSuffix(t.Norm, "ed") && i+1 < len(np)) {
			return false // "said the government", "the party reiterates"; not "informed sources"
		}
		if strings.HasSuffix(t.Norm, "ed") && !t.Cap() && (i > 0 || t.Norm != "informed") {
			return false // "Prime Minister lashed out", "ignored the invitation"
		}
	}
	if np[0].Is(cMonth) {
		return false // "Nov 23"
	}
	last := np[len(np)-1]
	w := last.Norm
	known := last.Is(cGroupNoun) || last.Is(cPersonNoun) || s.lx.orgCues.has(w) || s.lx.roles.has(w)
	if len(np) > 4 && !known && !agentPlural(last) {
		return false // "party's internal meeting comes a day"
	}
	return known || last.Is(cDocument) || agentPlural(last) || last.Cap() && !plural(lowered(last))
}

// agentPlural reports whether a word reads as the plural of a noun for
// people by what they do ("demonstrators", "economists", "participants",
// "organisers", "politicians"), not of a thing ("changes", "plans",
// "developments", "figures").
func agentPlural(t Token) bool {
	w := t.Norm
	if len(w) <= 5 || !plural(lowered(t)) || strings.HasSuffix(w, "ments") {
		return false
	}
	for _, suf := range [...]string{"ers", "ors", "ists", "ians", "ants", "ents", "ives"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// descriptive reports whether a phrase can name an unnamed source: it has a
// word of at least three letters.
func descriptive(s string) bool {
	for w := range strings.FieldsSeq(s) {
		if len(w) >= 3 {
			return true
		}
	}
	return false
}
