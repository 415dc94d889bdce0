package extract

import (
	"slices"
	"strings"

	"github.com/factions/factions"
)

// reportMask has the classes of the words reported speech turns on: a
// reporting verb's first word ("according" among them) or a speech noun.
var reportMask = maskOf(cSpeech, cSpeechNoun)

// indirectSpeech finds reported speech in sentence si: "X said (that) ...",
// "..., X said", "..., says X", "according to X", ", saying that ...",
// "This was revealed by X".
func (s *speech) indirectSpeech(si int) {
	toks := s.toks[si]
	s.revealedBy(si)
	if !s.sentMasks[si].any(reportMask) {
		return // no reporting verb, speech noun or "according"
	}
	for k := 0; k < len(toks); k++ {
		if t := &toks[k]; !t.Is(cSpeech) && !t.Is(cSpeechNoun) {
			continue // a reporting verb and "according" have cSpeech (reportMask)
		}
		if n, _ := s.speechVerb(si, k); n == 0 && !toks[k].Is(cSpeechNoun) && toks[k].Norm != "according" {
			continue // none of the cases below: the quotation look-up is the dearer test
		}
		if s.quoteAt(toks[k].Start()) != nil {
			continue
		}
		if toks[k].Norm == "according" && normAt(toks, k+1) == "to" {
			s.accordingTo(si, k)
			continue
		}
		if toks[k].Is(cSpeechNoun) && k+1 < len(toks) && toks[k+1].Is(cComplementizer) && s.nounReport(si, k) {
			continue
		}
		n, cls := s.speechVerb(si, k)
		if n == 0 || !s.reportsHere(si, k, n) {
			continue
		}
		s.reported(si, k, n, cls)
		if !strings.HasSuffix(toks[k].Norm, "ing") {
			k += n - 1
		}
	}
}

// reportingUse reports whether the speech verb toks[k:k+n] reports speech
// here: a participle only after a comma or another reporting verb (",
// saying that"); not a passive ("had been accepted by", "the charge,
// repeated by the JND, that") nor an infinitive ("to demand a probe"); and
// "announced" only before a clause ("announced that").
func (s *corefSet) reportingUse(si, k, n int) bool {
	toks := s.toks[si]
	if strings.HasSuffix(toks[k].Norm, "ing") {
		if !toks[k].Is(cReportParticiple) || k == 0 {
			return false
		}
		pn, _ := s.speechVerb(si, k-1)
		return (toks[k-1].Norm == "," || pn > 0 || s.absoluteSubject(si, k) > 0 || subordinateParticiple(toks, k) > 0) &&
			k+1 < len(toks) && toks[k+1].Kind != Quote && toks[k+1].Norm != ":"
	}
	if k+n < len(toks) && toks[k+n].Norm == "by" && k > 0 && toks[k-1].Norm == "," {
		return false
	}
	if s.noSubject(si, k) || s.conditional(si, k) {
		return false // "as promised", "had been accepted by", "unless his party instructs him to"
	}
	if strings.HasSuffix(toks[k].Norm, "ed") && k+2 < len(toks) && toks[k+1].Is(cGroupNoun) {
		if m, _ := s.speechVerb(si, k+2); m > 0 {
			return false // "informed sources told": an adjective
		}
	}
	// "in, say, a western city": a verb set off by commas after a
	// preposition is an aside
	if k >= 2 && toks[k-1].Norm == "," && k+n < len(toks) && toks[k+n].Norm == "," && toks[k-2].Is(cPrep) {
		return false
	}
	return toks[k].Norm != "announced" || normAt(toks, k+1) == "that"
}

// reportsHere is reportingUse, read in the verbs table when the
// coreference stage noted it there.
func (s *corefSet) reportsHere(si, k, n int) bool {
	if v := s.verbs[si][k]; v&verbRead != 0 {
		return v&verbReports != 0
	}
	return s.reportingUse(si, k, n)
}

// noSubject reports whether the verb at toks[k] has no speaking subject: a
// passive ("had been accepted by", "was not disowned by"), an infinitive
// ("to demand a probe"), a subordinator right before it ("as promised").
func (s *corefSet) noSubject(si, k int) bool {
	toks := s.toks[si]
	p := k
	for p > 0 && (toks[p-1].Is(cNegation) || toks[p-1].Kind == Word && strings.HasSuffix(toks[p-1].Norm, "ly")) {
		p-- // "was not disowned by", "were subsequently declared"
	}
	if p > 0 && toks[p-1].Is(cSubordinator) {
		return true
	}
	switch prevNorm(toks, p) {
	case "been", "being", "be", "was", "were", "is", "are", "to":
		return true
	}
	return false
}

// subordinateParticiple returns where the subordinator before the
// participle at toks[k] stands ("after apparently suggesting", "while
// vowing"), else 0: the participle shares the subject of the clause.
func subordinateParticiple(toks []Token, k int) int {
	x := k - 1
	for x > 0 && toks[x].Kind == Word && strings.HasSuffix(toks[x].Norm, "ly") {
		x--
	}
	if x > 0 && toks[x].Is(cSubordinator) && toks[x].Is(cFunction) {
		return x
	}
	return 0
}

// absoluteSubject returns where the subject of a participle in an
// absolute phrase starts ("with the home secretary saying the debate had
// ended"): a definite noun phrase or a name between "with" and the
// participle at toks[k]; else 0.
func (s *corefSet) absoluteSubject(si, k int) int {
	toks := s.toks[si]
	for x := k - 1; x > 0 && x >= k-6; x-- {
		t := &toks[x]
		if t.Kind != Word && t.Norm != "'s" || t.Is(cFunction) && !t.Is(cDet) {
			return 0
		}
		if p := &toks[x-1]; p.Is(cAbsolute) && x < k && (t.Is(cDet) && !t.Is(cIndefinite) || s.at(si, x) != nil ||
			t.Is(cStripTitle) && s.at(si, x+1) != nil ||
			t.Is(cIndefinite) && (toks[k-1].Is(cGroupNoun) || toks[k-1].Is(cPersonNoun) || toks[k-1].Is(cRoleLast))) {
			return x // "with the minister saying", "with a spokesperson saying"
		}
	}
	return 0
}

// conditional reports whether the verb at toks[k] stands in a condition:
// a conditional conjunction ("if", "unless", a subordinator that is a
// hedge) opens its clause within five tokens before it.
func (s *corefSet) conditional(si, k int) bool {
	toks := s.toks[si]
	for x := k - 1; x >= 0 && x >= k-5; x-- {
		t := &toks[x]
		if t.Kind == Punct || t.Kind == Quote {
			return false
		}
		if t.Is(cSubordinator) && s.lx.hedges.hasTok(t) {
			return true
		}
	}
	return false
}

// colonQuoteAfter reports whether a colon and a quotation follow the
// reporting verb's hearer, within twelve tokens from k and before "that".
func (s *speech) colonQuoteAfter(si, k int) bool {
	toks := s.toks[si]
	for x := k; x < len(toks) && x < k+12; x++ {
		if n, _ := s.speechVerb(si, x); n > 0 || toks[x].Is(cComplementizer) || toks[x].Norm == "," || toks[x].Kind == Quote && s.quoteAt(toks[x].Start()) != nil {
			return false
		}
		if toks[x].Norm == ":" {
			return x+1 < len(toks) && toks[x+1].Kind == Quote && s.quoteAt(toks[x+1].Start()) != nil
		}
	}
	return false
}

// report is a reporting verb toks[v:v+n] of sentence si on its way to a
// statement: where its content starts and ends.
type report struct {
	si, v, n   int
	cls        string
	after, end int  // the content's tokens, when it follows the verb
	commaAfter bool // a comma right after the verb (and its hearer)
}

// reported reads the statement around the speech verb toks[v:v+n]: the
// content after the verb ("X said that CONTENT"), or before it ("CONTENT, X
// said", "CONTENT, says X").
func (s *speech) reported(si, v, n int, cls string) {
	toks := s.toks[si]
	rp := s.mem.reports.new(report{si: si, v: v, n: n, cls: cls})
	hearerOnly := s.contentStart(rp)
	if rp.after < len(toks) && toks[rp.after].Kind == Quote {
		if q, long := s.longQuoteAt(toks[rp.after].Start()); q != nil && long {
			return // the content is a quotation: a direct statement, already taken
		}
	}
	if s.colonQuoteAfter(si, v+n) {
		return // "He told Sky News' Sunday programme: “...”": a direct statement
	}
	rp.end = s.contentEnd(rp)
	if hearerOnly {
		rp.after = len(toks) // "Mr X told BBC Radio 4's Today programme."
		for rp.after < len(toks) && (toks[rp.after].Norm == "that" || toks[rp.after].Norm == "," || toks[rp.after].Norm == ":") {
			rp.after++
		}
	}
	if m, _ := s.speechVerb(si, rp.after); m > 0 && rp.after == v+n && !toks[rp.after].Is(cReportParticiple) && !toks[rp.after].Is(cChunkSkip) {
		return // "X in a statement said that ...": the verb after reports
	}
	if rp.after < rp.end && toks[rp.after].Is(cReportParticiple) {
		// "he said, adding that ...": the participle makes its own
		// statement; the content may come before
		rp.end = rp.after
	}
	st := s.mem.stmts.new(stmt{kind: factions.Indirect, sent: si, deny: cls == "deny", evidence: s.sents[si].Span})
	for _, shape := range reportShapes {
		if done, ok := shape.read(s, rp, st); done {
			if ok && st.content.Len() > 0 && hasWords(s.text[st.content.Start:st.content.End], 2) {
				st.nested = s.inStatement(toks[v].Start())
				s.stmts = s.appendSpeakers(s.stmts, st, si, v)
			}
			return
		}
	}
}

// appendSpeakers appends the statement once for each of several persons who
// speak together ("A and B said", "Members from the north — A of the NRF
// and B of the UDF — said"), else the statement itself.
func (s *speech) appendSpeakers(out []*stmt, st *stmt, si, v int) []*stmt {
	ps := s.coSpeakers(si, v)
	if len(ps) < 2 {
		return append(out, st)
	}
	for _, p := range ps {
		c := *st
		c.speaker, c.desc = p, ""
		out = append(out, &c)
	}
	return out
}

// coSpeakers returns the persons named together as the subject of the
// verb at toks[v]: in an apposition between dashes right before it, or
// joined by "and" right before it.
func (s *corefSet) coSpeakers(si, v int) []*entity {
	toks := s.toks[si]
	x := verbSubjectEnd(toks, 0, v)
	if x == 0 {
		return nil
	}
	a := x - 1 // the apposition's closing dash, or the last name's end
	if t := &toks[a]; t.Norm == "—" || t.Norm == "–" {
		for b := a - 1; b >= 0 && b >= a-24; b-- {
			if toks[b].Norm == t.Norm {
				return s.personsIn(si, b+1, a)
			}
		}
		return nil
	}
	m := s.at(si, a)
	if m == nil || m.j != x || m.ent.typ != factions.Person || m.i < 2 || !toks[m.i-1].Is(cFunction) || !leadingConnective(toks[m.i-1].Norm) {
		return nil
	}
	if p := s.at(si, m.i-2); p != nil && p.ent.typ == factions.Person && p.ent != m.ent && !s.inPrepPhrase(si, p.i) {
		return []*entity{p.ent, m.ent}
	}
	return nil
}

// personsIn returns the persons named in toks[a:b] of sentence si, each
// once, in order.
func (s *corefSet) personsIn(si, a, b int) []*entity {
	var out []*entity
	for _, m := range s.bySent[si] {
		if m.i >= a && m.j <= b && m.ent.typ == factions.Person && !slices.Contains(out, m.ent) {
			out = append(out, m.ent)
		}
	}
	return out
}

// reportShapes are the shapes of reported speech, tried in order; the
// first that applies (done) decides whether there is a statement (ok).
var reportShapes = []struct {
	name string
	read func(s *speech, rp *report, st *stmt) (done, ok bool)
}{
	{"CONTENT, says a senior party spokesman", (*speech).contentThenVerbAndSpeaker},
	{"X said (that) CONTENT", (*speech).speakerVerbContent},
	{"CONTENT, X said", (*speech).contentThenSpeaker},
}

// contentStart finds where the content after the verb starts: after the
// hearer of "told" ("told reporters that", "told Dawn"), after a
// prepositional phrase that ends in "that" ("said at a rally in April
// that"), after "that", "," or ":". It reports whether "told" has only a
// hearer and no content.
func (s *speech) contentStart(rp *report) (hearerOnly bool) {
	toks := s.toks[rp.si]
	after := rp.v + rp.n
	switch toks[rp.v].Norm {
	case "told", "tells", "tell", "informed", "assured":
		k := after
		for k < len(toks) && k < after+6 && toks[k].Norm != "that" && toks[k].Norm != ":" && toks[k].Norm != "," {
			k++
		}
		switch {
		case k < len(toks) && (toks[k].Norm == "that" || toks[k].Norm == ":"):
			after = k
		case clauseEnd(toks, after) >= len(toks)-1 || toks[clauseEnd(toks, after)].Norm == ".":
			hearerOnly = true
		default:
			if m := s.startsAt(rp.si, after); m != nil {
				after = m.j
			} else {
				after++
			}
		}
	}
	if after < len(toks) && toks[after].Is(cPrep) {
		for x := after + 1; x < len(toks) && x < after+10; x++ {
			if toks[x].Norm == "," || toks[x].Kind == Quote || s.isSpeechTok(&toks[x]) {
				break
			}
			if toks[x].Norm == "that" {
				after = x
				break
			}
		}
	}
	rp.commaAfter = after < len(toks) && toks[after].Norm == "," && !toks[after-1].Is(cComplementizer) // not "said that, during the meeting,"
	for after < len(toks) && (toks[after].Norm == "that" || toks[after].Norm == "," || toks[after].Norm == ":") {
		after++
	}
	rp.after = after
	return hearerOnly
}

// contentEnd returns where the content after the verb ends: before the
// sentence's closing punctuation, a second reporting verb with its own
// subject or after "and", or a quotation that is a statement of its own.
func (s *speech) contentEnd(rp *report) int {
	toks := s.toks[rp.si]
	end := len(toks)
	for end > rp.after && (toks[end-1].Kind == Punct || toks[end-1].Kind == Quote && s.quoteAt(toks[end-1].Start()) == nil) {
		if toks[end-1].Norm == ")" && opensBefore(toks, rp.after, end-1) {
			break // "the Sammilito Nagorik Dal (SND)."
		}
		end--
	}
	relative := s.inRelativeClause(rp.si, rp.v)
	for k := rp.after; k < end; k++ {
		if t := &toks[k]; t.Kind == Word && !t.Is(cChunkSkip) {
			continue // no connective, no mark: none of the ends below
		}
		if s.secondReport(rp.si, k, end) || gluedSentenceEnd(toks, k, end) || relative && toks[k].Norm == "," {
			return k // ", X, who said ..., was": a relative clause ends at its comma
		}
		// a quotation that is a statement of its own ends the content
		if toks[k].Kind == Quote && k > rp.after {
			if q, long := s.longQuoteAt(toks[k].Start()); q != nil && q.Outer.Start == toks[k].Start() && long && !s.fragmentOfReport(rp.si, *q) {
				return k
			}
		}
	}
	return end
}

// inRelativeClause reports whether the verb at toks[v] opens a relative
// clause set off by commas: ", who said".
func (s *corefSet) inRelativeClause(si, v int) bool {
	toks := s.toks[si]
	x := verbSubjectEnd(toks, 0, v)
	return x >= 2 && isRelative(&toks[x-1]) && toks[x-2].Norm == ","
}

// isRelative reports whether t is a relative pronoun (who, which, whose):
// a function word that opens a chunk and ends a noun phrase, and no
// preposition.
func isRelative(t *Token) bool {
	return t.Is(cChunkSkip) && t.Is(cNPStop) && t.Is(cFunction) && !t.Is(cPrep) && !t.Is(cSubordinator)
}

// gluedSentenceEnd reports whether a full stop at toks[k] ends a sentence
// written without a space after it: "a molehill.Congress leader".
func gluedSentenceEnd(toks []Token, k, end int) bool {
	if toks[k].Norm != "." || k == 0 || k+1 >= end {
		return false
	}
	p, n := toks[k-1], toks[k+1]
	return p.End() == toks[k].Start() && n.Start() == toks[k].End() && p.Kind == Word && len(p.Norm) > 2 && !p.Cap() && n.Kind == Word && n.Cap()
}

// secondReport reports whether a second reporting verb starts a new
// statement at token k: "and claimed", ", he added", ", X said" (not a
// passive: "the charge, repeated by the JND, that").
func (s *corefSet) secondReport(si, k, end int) bool {
	if t := &s.toks[si][k]; !t.Is(cChunkSkip) && t.Norm != "," {
		return false // inlined: most words start neither case below
	}
	return s.secondReportAt(si, k, end)
}

// secondReportAt is secondReport for a connective or a comma.
func (s *corefSet) secondReportAt(si, k, end int) bool {
	toks := s.toks[si]
	if toks[k].Is(cFunction) && toks[k].Is(cChunkSkip) && leadingConnective(toks[k].Norm) && k+1 < end {
		// "and claimed", "but did not believe", "and also said", "and he
		// also cautioned"
		x := k + 1
		if ok, _ := isPronoun(&toks[x]); ok && toks[x].Is(cSubjectPronoun) {
			x++
		} else if m := s.startsAt(si, x); m != nil && m.ent.typ == factions.Person {
			x = m.j
		}
		for start := x; x < end && x < start+3 && (toks[x].Is(cNegation) || toks[x].Is(cSentenceAdverb) || x+1 < end && toks[x+1].Is(cNegation)); {
			x++ // not "and would respond"
		}
		m, _ := s.speechVerb(si, x)
		return m > 0
	}
	if toks[k].Norm != "," || k+1 >= end || s.quoteAt(toks[k].Start()) != nil {
		return false
	}
	m1, _ := s.speechVerb(si, k+1)
	if m1 > 0 && k+1+m1 < end && toks[k+1+m1].Norm == "by" {
		m1 = 0
	}
	m2 := 0
	if k+2 < end {
		if ok, _ := isPronoun(&toks[k+1]); ok || s.at(si, k+1) != nil {
			m2, _ = s.speechVerb(si, k+2)
		}
	}
	return m1 > 0 || m2 > 0 || s.subjectClauseAfter(si, k, end)
}

// subjectClauseAfter reports whether a reporting clause with a named
// subject of its own follows the comma at toks[k]: ", a senior leader from
// the north, Mr X, said the government ...".
func (s *corefSet) subjectClauseAfter(si, k, end int) bool {
	toks := s.toks[si]
	for x := k + 1; x < end && x <= k+16; x++ {
		if t := &toks[x]; t.Kind == Quote || t.Is(cComplementizer) || t.Is(cSubordinator) || isRelative(t) {
			return false // not a relative clause: ", especially X, who expressed"
		}
		n, _ := s.speechVerb(si, x)
		if n == 0 {
			continue
		}
		if x+n < end && toks[x+n].Norm == "by" || x == k+1 {
			return false
		}
		r, ok := s.subjects[toks[x].Start()] // the statements stage's: found by coreference
		if !ok {
			r = s.verbSubject(si, x, toks[x].Start(), func() referent { return referent{} })
		}
		if r.ent == nil {
			// ", experts pointed out": a short description right before
			return r.desc != "" && x-k <= 4
		}
		for _, m := range s.bySent[si] {
			if m.ent == r.ent && m.i > k && m.j <= x {
				return true
			}
		}
		return false
	}
	return false
}

// contentThenVerbAndSpeaker reads "CONTENT, says a senior party
// spokesman.": a comma before the verb and a short speaker after it.
func (s *speech) contentThenVerbAndSpeaker(rp *report, st *stmt) (bool, bool) {
	toks := s.toks[rp.si]
	v := rp.v
	if !(v > 1 && toks[v-1].Norm == "," && rp.after == v+rp.n && rp.after < rp.end && clauseEnd(toks, rp.after) >= rp.end) ||
		strings.HasSuffix(toks[v].Norm, "ing") && s.lx.speech.hasTok(&toks[v]) && toks[v].Is(cReportParticiple) {
		return false, false // ", claiming the leaders were ...": a participle's object, no speaker
	}
	// the speaker alone, or with a phrase after it: "..., asserted the
	// party's spokesman X in a statement."
	end := rp.end
	if end-rp.after > 6 {
		e, _ := s.npExtent(rp.si, rp.after, rp.end)
		if strings.HasSuffix(toks[v].Norm, "ing") {
			e = rp.end // "..., accusing the authorities of failing": an object
		}
		if e <= rp.after || e >= rp.end || !toks[e].Is(cPrep) {
			return false, false
		}
		end = e
	}
	if s.quoteAt(toks[v-2].Start()) != nil {
		return true, false
	}
	var buf [8][2]int
	if ch := appendCommaChunks(buf[:0], toks, 0, v-1); len(ch) > 1 && s.nameChunk(rp.si, ch[len(ch)-1][0], ch[len(ch)-1][1]).ok() {
		return false, false // "..., a senior leader, Mr X, said the government ...": X speaks what follows
	}
	if !st.setSpeaker(s.speakerNP(rp.si, rp.after, end, toks[v].Start())) {
		return false, false // "..., saying candidates cannot win": what follows is the content
	}
	st.content = trimContent(s.text, Span{Start: toks[0].Start(), End: toks[v-2].End()})
	return true, true
}

// speakerVerbContent reads "X said (that) CONTENT": the subject before the
// verb speaks the clause after it.
func (s *speech) speakerVerbContent(rp *report, st *stmt) (bool, bool) {
	toks := s.toks[rp.si]
	v := rp.v
	if rp.commaAfter && v > 0 && toks[v-1].Kind != Punct && !s.onlyAdverbBefore(rp.si, v) {
		return false, false // "CONTENT, he said, claiming ...": the content came before
	}
	if rp.after >= rp.end || s.attributesQuote(rp.si, v) {
		return false, false
	}
	if a := toks[rp.after]; a.Is(cAux) || a.Is(cFunction) && !a.Is(cSubjectPronoun) && rp.after+1 < rp.end && toks[rp.after+1].Is(cNegation) {
		return true, false // "which X argued did not exist": the content has no subject
	}
	// verbs whose object is seldom speech need "that": "explained his
	// reasons to voters" is no statement
	if rp.n == 1 && toks[v].Is(cNeedsThat) && !(v+1 < len(toks) && (toks[v+1].Norm == "that" || toks[v+1].Norm == ":")) && !s.clauseAt(rp.si, rp.after, rp.end) {
		return true, false
	}
	// content is a clause, not a phrase: "disclose at this stage"; a clause
	// may open with a phrase ("after this decision, efforts would ...")
	if a := toks[rp.after]; a.Is(cPrep) && normKind(toks, rp.after+1) != Number &&
		(rp.end-rp.after < 8 || a.Norm == "not" || a.Norm == "whether" || !hasClause(toks[rp.after:rp.end])) {
		return false, false // "..., Mr X said in reply to a question.", "expressed confidence in him and ..."
	}
	if !st.setSpeaker(s.subjectBefore(rp.si, v, toks[v].Start())) {
		return true, false
	}
	st.content = trimContent(s.text, Span{Start: toks[rp.after].Start(), End: toks[rp.end-1].End()})
	return true, true
}

// clauseAt reports whether a clause with its own subject opens at toks[a]
// (before b): a nominative pronoun ("reiterated he does not"), a short
// noun phrase and an auxiliary ("confirmed the review was to begin"), a
// name and an infinitive ("directed Mr X to resign").
func (s *speech) clauseAt(si, a, b int) bool {
	toks := s.toks[si]
	if a >= b {
		return false
	}
	if toks[a].Is(cSubjectPronoun) && (!toks[a].Is(cPronounNeuter) || a+1 < b && toks[a+1].Is(cAux)) {
		return true // "reiterated he does not", "emphasised it was incumbent"
	}
	for x := a; x < b && x < a+6; x++ {
		t := &toks[x]
		switch {
		case t.Is(cAux):
			return x > a
		case x > a && s.at(si, x-1) != nil && t.Is(cInfinitive):
			return true // "directed Mr X to resign": a person and an infinitive
		case s.at(si, x) != nil, t.Is(cDet), t.Norm == "'s":
		case t.Kind != Word, t.Is(cFunction), t.Is(cPrep):
			return false
		}
	}
	return false
}

// normKind returns the kind of toks[k], or Punct past the end.
func normKind(toks []Token, k int) Kind {
	if k < 0 || k >= len(toks) {
		return Punct
	}
	return toks[k].Kind
}

// hasClause reports whether toks, which open with a phrase, hold a clause:
// a comma after the phrase, a nominative pronoun or an auxiliary ("after
// this decision, efforts would ...", "as home secretary he gave ...").
func hasClause(toks []Token) bool {
	for it := range toks {
		t := &toks[it]
		if t.Norm == "," || t.Is(cAux) || t.Is(cSubjectPronoun) && !t.Is(cPronounNeuter) {
			return true
		}
	}
	return false
}

// attributesQuote reports whether the verb at toks[v] with its short
// subject follows a quotation ("“...,” he said while speaking to
// reporters"): it attributes the quotation, and what follows it is no
// content.
func (s *speech) attributesQuote(si, v int) bool {
	toks := s.toks[si]
	for x := v - 1; x >= 0 && x >= v-5; x-- {
		if t := &toks[x]; t.Kind == Quote {
			// "“...,” he said": a comma closes the quotation or follows it
			q, long := s.longQuoteAt(t.Start())
			return q != nil && q.Outer.End == t.End() && long &&
				(strings.HasSuffix(s.text[q.Outer.Start:t.Start()], ",") || x+1 < v && toks[x+1].Norm == ",")
		}
		if toks[x].Norm == "," && x > 0 && toks[x-1].Kind != Quote {
			return false
		}
	}
	return false
}

// onlyAdverbBefore reports whether only an adverb opens the sentence before
// the speaker of the verb at v: "However, he claimed, the matter ...".
func (s *speech) onlyAdverbBefore(si, v int) bool {
	toks := s.toks[si]
	words := 0
	for x := 0; x < v && toks[x].Norm != ","; x++ {
		words++
	}
	return words < 2 && (v >= 2 && toks[v-2].Norm == "," || v >= 3 && toks[v-3].Norm == ",")
}

// contentThenSpeaker reads "CONTENT, X said." or "CONTENT, says X.": the
// content before the last comma before the verb.
func (s *speech) contentThenSpeaker(rp *report, st *stmt) (bool, bool) {
	toks := s.toks[rp.si]
	v := rp.v
	k := v - 1
	for k >= 0 && toks[k].Norm != "," {
		k--
	}
	if k <= 0 {
		return true, false
	}
	// a quotation before is a direct statement, already taken
	if toks[k-1].Kind == Quote || k+1 < len(toks) && toks[k+1].Kind == Quote {
		if q, long := s.longQuoteAt(toks[k-1].Start()); q != nil && long {
			return true, false // not a quoted word: 'were not a "one-off", he said'
		}
	}
	// the subject between the comma and the verb ("..., Mr X said in
	// reply"), else after the verb ("..., said Mr X")
	var r referent
	if k+1 < v && v-k <= 8 {
		r = s.speakerNP(rp.si, k+1, verbSubjectEnd(toks, k+1, v), toks[v].Start())
	} else if k+1 == v && v+rp.n < len(toks) && toks[v+rp.n].Kind == Word {
		r = s.speakerNP(rp.si, v+rp.n, clauseEnd(toks, v+rp.n), toks[v].Start())
	}
	if !st.setSpeaker(r) || s.quoteAt(toks[0].Start()) != nil || s.reportsReport(rp.si, k) || s.onlySubordinate(rp.si, k) {
		return true, false
	}
	st.content = trimContent(s.text, Span{Start: toks[0].Start(), End: toks[k-1].End()})
	if rp.commaAfter && s.continuesClause(rp.si, rp.after) && rp.after < rp.end {
		// "X's rise, he claimed, was part of a plan": the content runs on
		// past the inserted attribution
		st.content = trimContent(s.text, Span{Start: toks[0].Start(), End: toks[rp.end-1].End()})
	}
	return true, true
}

// onlySubordinate reports whether the words before the comma at toks[k]
// are only subordinate clauses, no statement: "When asked about the cut,
// he remarked ..." (not "If X fails, then Y will, he said").
func (s *speech) onlySubordinate(si, k int) bool {
	toks := s.toks[si]
	var buf [8][2]int
	for _, ch := range appendCommaChunks(buf[:0], toks, 0, k) {
		if !toks[ch[0]].Is(cSubordinator) {
			return false
		}
	}
	return true
}

// reportsReport reports whether the content before the comma at toks[k]
// holds a statement of its own ("X said on Sunday that ..., experts pointed
// out"): the outer report adds no statement.
func (s *speech) reportsReport(si, k int) bool {
	end := s.toks[si][k].Start()
	for i := len(s.stmts) - 1; i >= 0 && s.stmts[i].sent == si; i-- {
		if c := s.stmts[i].content; c.End <= end && c.Start >= s.sents[si].Start {
			return true
		}
	}
	return false
}

// continuesClause reports whether the words at toks[a] go on with the
// clause an inserted attribution interrupts: an auxiliary or a verb, not a
// new subject or a participle ("..., he said, would ...").
func (s *speech) continuesClause(si, a int) bool {
	toks := s.toks[si]
	if a >= len(toks) {
		return false
	}
	t := &toks[a]
	if t.Is(cAux) {
		return true
	}
	return t.Kind == Word && !t.Cap() && !t.Is(cFunction) && !t.Is(cDet) && !t.Is(cPrep) && !t.Is(cChunkSkip) &&
		!t.Is(cReportParticiple) && !strings.HasSuffix(t.Norm, "ing") && !t.Is(cSubjectPronoun)
}

// opensBefore reports whether a parenthesis opens among toks[a:b] that
// is still open at b.
func opensBefore(toks []Token, a, b int) bool {
	depth := 0
	for k := a; k < b; k++ {
		switch toks[k].Norm {
		case "(":
			depth++
		case ")":
			depth = max(depth-1, 0)
		}
	}
	return depth > 0
}

// opensWithReport reports whether a reporting clause with its own subject
// opens at toks[a] ("X told officials that ..."): a reporting verb within
// six tokens, before any comma, whose subject starts at a.
func (s *speech) opensWithReport(si, a int) bool {
	toks := s.toks[si]
	for v := a + 1; v < len(toks) && v <= a+6 && toks[v].Norm != ","; v++ {
		n, _ := s.speechVerb(si, v)
		if n == 0 || !s.reportsHere(si, v, n) {
			continue
		}
		x := verbSubjectEnd(toks, a, v)
		if m := s.at(si, x-1); m != nil && m.j == x && titleStart(toks, m.i) <= a {
			return true // "X told", "Mr X said"
		}
		ok, _ := isPronoun(&toks[a])
		return ok && a+1 == x
	}
	return false
}

// nounReport reads "X's claim that CONTENT", "the leader's earlier remarks
// that CONTENT": the owner of a noun for what someone says at toks[k]
// speaks the clause after "that". It reports whether it read one.
func (s *speech) nounReport(si, k int) bool {
	toks := s.toks[si]
	r := s.nounOwner(si, k)
	if !r.ok() {
		return false
	}
	rp := s.mem.reports.new(report{si: si, v: k, n: 2, after: k + 2})
	rp.end = s.contentEnd(rp)
	if rp.after >= rp.end || !s.clauseAt(si, rp.after, rp.end) {
		return false
	}
	st := s.mem.stmts.new(stmt{kind: factions.Indirect, sent: si, evidence: s.sents[si].Span,
		content: trimContent(s.text, Span{Start: toks[rp.after].Start(), End: toks[rp.end-1].End()})})
	st.setSpeaker(r)
	st.nested = s.inStatement(toks[k].Start())
	s.stmts = append(s.stmts, st)
	return true
}

// revealedBy reads "This was revealed by X": the sentence before is X's
// statement.
func (s *speech) revealedBy(si int) {
	toks := s.toks[si]
	if si == 0 || len(toks) < 5 || (toks[0].Norm != "this" && toks[0].Norm != "it" && toks[0].Norm != "that") ||
		(toks[1].Norm != "was" && toks[1].Norm != "is" && toks[1].Norm != "has") {
		return
	}
	k := 2
	if toks[k].Norm == "been" {
		k++
	}
	if n, _ := s.speechVerb(si, k); n == 0 || k+n >= len(toks) || toks[k+n].Norm != "by" {
		return
	}
	a := k + 2
	st := s.mem.stmts.new(stmt{kind: factions.Indirect, sent: si, evidence: Span{Start: s.sents[si-1].Start, End: s.sents[si].End}})
	if !st.setSpeaker(s.speakerNP(si, a, clauseEnd(toks, a), toks[a].Start())) {
		return
	}
	prev := s.toks[si-1]
	if len(prev) < 4 || s.quoteAt(prev[0].Start()) != nil {
		return
	}
	last := len(prev) - 1
	if prev[last].Kind == Punct {
		last-- // the full stop
	}
	st.content = trimContent(s.text, Span{Start: prev[0].Start(), End: prev[last].End()})
	s.stmts = append(s.stmts, st)
}

// accordingTo reads "according to X, CONTENT", "CONTENT, according to X"
// and "..., who, according to X, was planning ...".
func (s *speech) accordingTo(si, k int) {
	toks := s.toks[si]
	a := k + 2
	b := clauseEnd(toks, a)
	if b <= a {
		return
	}
	st := s.mem.stmts.new(stmt{kind: factions.Indirect, sent: si, evidence: s.sents[si].Span})
	if !st.setSpeaker(s.speakerNP(si, a, b, toks[k].Start())) {
		return
	}
	if st.speaker == nil && s.inStatement(toks[k].Start()) {
		return // "X said that according to rules, ...": the rules are X's source, no speaker
	}
	end := len(toks)
	for end > 0 && toks[end-1].Kind == Punct {
		end--
	}
	switch {
	case b < end && toks[b].Norm == ",":
		if b+1 >= end || s.opensWithReport(si, b+1) {
			return // "According to the court, X told officials that ...": X's statement
		}
		st.content = trimContent(s.text, Span{Start: toks[b+1].Start(), End: toks[end-1].End()})
	case k > 1 && toks[k-1].Norm == ",":
		st.content = trimContent(s.text, Span{Start: toks[0].Start(), End: toks[k-2].End()})
	default:
		return
	}
	if st.content.Len() > 0 {
		s.stmts = append(s.stmts, st)
		if r := s.secondSource(si, a, b, toks[k].Start()); r.ok() && r != (referent{ent: st.speaker, desc: st.desc}) {
			c := *st // "according to witnesses and media reports": one statement each
			c.speaker, c.desc = r.ent, r.desc
			s.stmts = append(s.stmts, &c)
		}
	}
}

// secondSource returns the second of two sources joined by "and" in the
// noun phrase toks[a:b] ("witnesses and media reports"), or nothing.
func (s *speech) secondSource(si, a, b, at int) referent {
	toks := s.toks[si]
	e, _ := s.npExtent(si, a, b)
	if e+1 < b && toks[e].Is(cFunction) && leadingConnective(toks[e].Norm) {
		return s.speakerNP(si, e+1, b, at)
	}
	return referent{}
}
