package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/factions/factions"
)

// stmt is a statement read by the statements stage.
type stmt struct {
	speaker  *entity
	desc     string // an unnamed source ("party insiders")
	kind     factions.StatementKind
	content  Span
	nested   bool // reported inside another statement's content
	sent     int
	deny     bool
	evidence Span
}

// who returns the name the statement's speaker is given.
func (s *stmt) who() string {
	if s.speaker != nil {
		return s.speaker.name
	}
	return s.desc
}

func (s *stmt) setSpeaker(r referent) bool {
	s.speaker, s.desc = r.ent, r.desc
	return r.ok()
}

// stmtSet is the result of the statements stage: the statements in text
// order.
type stmtSet struct {
	list []*stmt
}

// speech is the statements stage's work in progress.
type speech struct {
	*corefSet
	stmts []*stmt
}

// readStatements is the statements stage: direct quotations and reported
// speech with their speakers, sentence by sentence; then speakers first
// described and named later.
func readStatements(c *corefSet) *stmtSet {
	s := &speech{corefSet: c}
	for si := range c.sents {
		if c.isHeadline(si) && len(c.toks[si]) < 25 {
			continue // "Tories reject rethink": a headline reports no statement; a long lede does
		}
		s.directQuotes(si)
		s.indirectSpeech(si)
	}
	s.nameDescribedSpeakers()
	slices.SortStableFunc(s.stmts, func(a, b *stmt) int { return cmp.Compare(a.content.Start, b.content.Start) })
	return &stmtSet{list: s.stmts}
}

// quoteSpeakerRules find the speaker of a direct quotation, in order: the
// first that finds one wins.
var quoteSpeakerRules = []struct {
	name string
	find func(s *speech, st *stmt, si, ei int, q QuoteSpan) bool
}{
	{"after the quotation", (*speech).speakerAfterQuote},   // "”, he said", "” said X"
	{"before the quotation", (*speech).speakerBeforeQuote}, // "X said: “"
	{"named after", (*speech).speakerNamedAfter},           // "“...” Those were the words of X's speech."
	{"whose words", (*speech).speechNounOwner},             // "The party's refrain has been that “...”"
	{"reporter before", (*speech).reporterBefore},          // "X spoke to reporters." then the quotation
	{"continued", (*speech).continuedSpeaker},              // the speaker of the statement before
}

// directQuotes attaches a speaker to every quotation of sentence si that
// opens there and is a statement.
func (s *speech) directQuotes(si int) {
	first := sort.Search(len(s.quotes), func(i int) bool { return s.quotes[i].Outer.Start >= s.sents[si].Start })
	for qi := first; qi < len(s.quotes) && s.quotes[qi].Outer.Start < s.sents[si].End; qi++ {
		q := s.quotes[qi]
		ei := s.sentOf(q.Inner.End - 1)
		if ei < 0 || !s.quotedStatement(si, ei, qi) {
			continue
		}
		st := s.mem.stmts.new(stmt{kind: factions.Direct, content: trimContent(s.text, q.Inner), sent: si,
			evidence: Span{Start: s.sents[si].Start, End: s.sents[ei].End}})
		for _, rule := range quoteSpeakerRules {
			if rule.find(s, st, si, ei, q) {
				break
			}
		}
		if st.speaker != nil || st.desc != "" {
			s.stmts = s.appendPassages(s.stmts, st, si, ei)
		}
	}
}

// appendPassages appends a direct statement to out, split when its
// quotation runs over several paragraphs into one statement per quoted
// passage (FORMAT), each without the mark that reopens the quotation.
func (s *speech) appendPassages(out []*stmt, st *stmt, si, ei int) []*stmt {
	if s.sents[si].Para == s.sents[ei].Para {
		return append(out, st)
	}
	c := st.content
	for k := si; k <= ei; k++ {
		if k > si && s.sents[k].Para == s.sents[k-1].Para {
			continue
		}
		start, end := max(c.Start, s.sents[k].Start), c.End
		for j := k + 1; j <= ei; j++ {
			if s.sents[j].Para != s.sents[k].Para {
				end = min(end, s.sents[j-1].End)
				break
			}
		}
		for start < end {
			r, w := utf8.DecodeRuneInString(s.text[start:])
			if !isQuote(r) && !isSpace(r) {
				break
			}
			start += w // the mark that reopens the quotation
		}
		part := trimContent(s.text, Span{Start: start, End: end})
		if part.Len() == 0 {
			continue
		}
		p := *st
		p.content, p.sent = part, k
		out = append(out, &p)
	}
	return out
}

// quotedStatement reports whether quotation qi, opening in sentence si and
// closing in ei, is a statement: four words or more, or the whole
// sentence; not inside another quotation; not a fragment of reported speech.
func (s *speech) quotedStatement(si, ei, qi int) bool {
	q := s.quotes[qi]
	whole := q.Outer.Start-s.sents[si].Start <= 2
	if !s.longQuotes[qi] && !(whole && s.sents[ei].End-q.Outer.End <= 2) && !s.afterColon(si, q) {
		return false // a quoted word or fragment inside a sentence
	}
	if qi > 0 && s.quotes[qi-1].Outer.End >= q.Outer.End {
		return false
	}
	return !s.fragmentOfReport(si, q)
}

// afterColon reports whether a quotation follows a colon and runs to its
// sentence's end: 'Mr X replied: "No. Definitely not."'.
func (s *speech) afterColon(si int, q QuoteSpan) bool {
	k := s.tokIndex(si, q.Outer.Start)
	ei := s.sentOf(q.Inner.End - 1)
	return k > 0 && s.toks[si][k-1].Norm == ":" && ei >= 0 && s.sents[ei].End-q.Outer.End <= 2
}

// wholeSentence reports whether the quotation opens its sentence.
func (s *speech) wholeSentence(si int, q QuoteSpan) bool {
	return q.Outer.Start-s.sents[si].Start <= 2
}

// speakerNamedAfter: "‘...’ Those were the first words of Dr X's speech."
func (s *speech) speakerNamedAfter(st *stmt, si, ei int, q QuoteSpan) bool {
	if !s.wholeSentence(si, q) || ei+1 >= len(s.sents) {
		return false
	}
	toks := s.toks[ei+1]
	for _, m := range s.bySent[ei+1] {
		if m.ent.typ != factions.Person || m.j+1 >= len(toks) || toks[m.j].Norm != "'s" {
			continue
		}
		for x := m.j + 1; x < len(toks) && x <= m.j+3; x++ {
			if toks[x].Is(cSpeechNoun) {
				st.speaker = m.ent
				return true
			}
		}
	}
	return false
}

// speechNounOwner: the owner of a noun for what someone says that a
// quotation completes: "The party's usual refrain has been that “...”",
// "His reply was: “...”".
func (s *speech) speechNounOwner(st *stmt, si, _ int, q QuoteSpan) bool {
	toks := s.toks[si]
	k := s.tokIndex(si, q.Outer.Start)
	// the quotation completes a copula: "... has been that “", "... was: “"
	c := k - 1
	for c >= 0 && (toks[c].Kind == Punct || toks[c].Is(cComplementizer)) {
		c--
	}
	if c < 0 || !toks[c].Is(cAux) {
		return false
	}
	for x := c - 1; x >= 0 && x >= k-12; x-- {
		if toks[x].Is(cSpeechNoun) {
			return st.setSpeaker(s.nounOwner(si, x))
		}
	}
	return false
}

// nounOwner returns who owns the noun for what someone says at toks[x] of
// sentence si: the name, the role description or the pronoun before "'s"
// or as a possessive, over a few adjectives ("the party's usual refrain",
// "the tribal leader's earlier remarks", "his reply").
func (s *corefSet) nounOwner(si, x int) referent {
	toks := s.toks[si]
	for y := x - 1; y >= 0 && y >= x-4; y-- {
		switch t := &toks[y]; {
		case t.Norm == "'s" && y > 0:
			if m := s.at(si, y-1); m != nil && m.j == y && m.ent.typ != factions.Place {
				return referent{ent: m.ent}
			}
			if p := s.description(toks[y-1].Start()); p != nil {
				return referent{ent: p}
			}
			return referent{}
		case t.Is(cDet) && (t.Is(cPronounM) || t.Is(cPronounF) || t.Is(cPronounPlural)):
			return s.pronoun(t.Start())
		case t.Kind != Word:
			return referent{}
		}
	}
	return referent{}
}

// reporterBefore: the person who speaks in the sentence before, when that
// sentence has a reporting word and no quotation: "X was blunter when he
// spoke to reporters."
func (s *speech) reporterBefore(st *stmt, si, ei int, q QuoteSpan) bool {
	if !s.wholeSentence(si, q) || si == 0 {
		return false
	}
	k := si - 1
	toks := s.toks[k]
	for v := range toks {
		if s.quoteAt(toks[v].Start()) != nil {
			return false
		}
	}
	for v := range toks {
		switch toks[v].Norm {
		case "spoke", "speaking", "talking", "told":
		default:
			continue
		}
		for _, m := range s.bySent[k] {
			if m.ent.typ == factions.Person && m.i < v {
				st.speaker = m.ent // the first person named, the sentence's subject
				return true
			}
		}
	}
	return false
}

// continuedSpeaker: a quotation in its own sentence or paragraph is the
// speaker's of the statement just before it, or of the person named in the
// sentence before.
func (s *speech) continuedSpeaker(st *stmt, si, ei int, q QuoteSpan) bool {
	if !s.wholeSentence(si, q) {
		return false // "a documentary called 'No More Mr Nasty'": a title, no statement
	}
	if last := s.lastStmt(q.Outer.Start); last != nil && si-last.sent <= 3 {
		st.speaker, st.desc = last.speaker, last.desc
		return true
	}
	if p := s.personBefore(q.Outer.Start, ""); p != nil && si > 0 {
		st.speaker = p
		return true
	}
	return false
}

// nameDescribedSpeakers resolves a speaker first described and named later:
// "An opposition lawmaker has urged ..." then "Opposition lawmaker X said":
// the person named next to the same role word in the sentences that follow.
func (s *speech) nameDescribedSpeakers() {
	for _, st := range s.stmts {
		if st.speaker != nil || st.desc == "" {
			continue
		}
		head := lastWord(s.lower(st.desc))
		if !s.lx.roles.has(head) || s.lx.is(head, cGroupNoun) {
			continue
		}
		st.speaker = s.personNextToWord(st.sent+1, st.sent+4, st.desc)
		if st.speaker == nil && st.sent+1 < len(s.sents) && s.noPersonBefore(st.sent) {
			// an article's lede: "Scotland's first minister has told
			// pupils ..." then "X was speaking to ...": the person the
			// next sentence opens with
			if m := s.startsAt(st.sent+1, 0); m != nil && m.ent.typ == factions.Person {
				st.speaker = m.ent
			}
		}
		if st.speaker != nil {
			st.desc = ""
		}
	}
}

// noPersonBefore reports whether no person is named before sentence si
// outside headlines: a description there introduces the article's subject.
func (s *speech) noPersonBefore(si int) bool {
	for k := 0; k < si; k++ {
		if s.isHeadline(k) {
			continue
		}
		for _, m := range s.bySent[k] {
			if m.ent.typ == factions.Person {
				return false
			}
		}
	}
	return true
}

// personNextToWord returns the person named within four tokens after the
// last word of desc in sentences from..to, the one after most of its words,
// or nil.
func (s *speech) personNextToWord(from, to int, desc string) *entity {
	words := s.fields(s.lower(desc))
	w := words[len(words)-1]
	var best *entity
	most := 0
	for k := from; k < len(s.sents) && k <= to; k++ {
		toks := s.toks[k]
		for x, t := range toks {
			if t.Norm != w {
				continue
			}
			for _, m := range s.bySent[k] {
				if m.ent.typ != factions.Person || m.i <= x || m.i-x > 4 {
					continue
				}
				// the more words of the description stand before the role
				// noun, the better: "Urban Development Minister X", not
				// "Chief Minister Y"
				n := 1
				for n < len(words) && x-n >= 0 && toks[x-n].Norm == words[len(words)-1-n] {
					n++
				}
				if n > most {
					best, most = m.ent, n
				}
				break
			}
		}
	}
	return best
}

// fragmentOfReport reports whether a quotation is a fragment of reported
// speech: "said he would “break open the champagne”" — a speech verb before
// it in the sentence, with words between that are not just "that" or ":".
func (s *corefSet) fragmentOfReport(si int, q QuoteSpan) bool {
	toks := s.toks[si]
	k := s.tokIndex(si, q.Outer.Start)
	for v := k - 1; v >= 0; v-- {
		if toks[v].Kind == Quote {
			// a quoted word or two before ("into “inexperienced hands”")
			// is part of the report; a statement's quotation ends it
			if p, long := s.longQuoteAt(toks[v].Start()); p != nil && !long {
				continue
			}
			return false
		}
		if toks[v].Norm == ";" {
			return false
		}
		n, _ := s.speechVerb(si, v)
		if n == 0 {
			continue
		}
		words := 0
		for x := v + n; x < k; x++ {
			if toks[x].Kind == Word && toks[x].Norm != "that" {
				words++
			}
		}
		// a hearer alone ("told BBC News:") is no report, nor a speaker
		// set off by commas (", wrote the paper's editor X, “")
		if toks[k-1].Norm == "," && v+n < k-1 {
			if r := s.speakerNP(si, v+n, k-1, q.Outer.Start); r.ent != nil && r.ent.typ == factions.Person {
				return false
			}
		}
		return words > 0 && toks[k-1].Norm != ":"
	}
	return false
}

// lastStmt returns the statement found last before offset at.
func (s *speech) lastStmt(at int) *stmt {
	// statements are in text order, sentence by sentence: start from the
	// last whose sentence begins before at
	hi := sort.Search(len(s.stmts), func(i int) bool { return s.stmts[i].evidence.Start >= at })
	for k := hi - 1; k >= 0 && k >= hi-64; k-- {
		if s.stmts[k].evidence.Start < at && !s.stmts[k].nested {
			return s.stmts[k]
		}
	}
	return nil
}

// inStatement reports whether offset off lies in the content of a statement.
func (s *speech) inStatement(off int) bool {
	for k := len(s.stmts) - 1; k >= 0 && k >= len(s.stmts)-8; k-- {
		if c := s.stmts[k].content; c.Start <= off && off < c.End {
			return true
		}
	}
	return false
}

// trimContent trims trailing commas and spaces from a statement's content.
func trimContent(text string, s Span) Span {
	s = trimSpan(text, s)
	for s.End > s.Start && strings.ContainsRune(",;:–—-", rune(text[s.End-1])) {
		s.End--
		s = trimSpan(text, s)
	}
	return s
}

// speakerAfterQuote reads "”, he said", "” X told Y", ",” said X" after the
// quotation in its last sentence.
func (s *speech) speakerAfterQuote(st *stmt, _, si int, q QuoteSpan) bool {
	toks := s.toks[si]
	k := s.tokIndex(si, q.Outer.End)
	for k < len(toks) && (toks[k].Norm == "," || toks[k].Kind == Quote) {
		k++
	}
	if k >= len(toks) {
		return false
	}
	// verb first: "said Mr X", "says a senior party spokesman"
	if n, cls := s.speechVerb(si, k); n > 0 {
		end := clauseEnd(toks, k+n)
		if end <= k+n {
			return false
		}
		st.deny = cls == "deny"
		return st.setSpeaker(s.speakerNP(si, k+n, end, toks[k].Start()))
	}
	// subject first: "he said", "X claimed", "Mr Hale told the BBC"
	for v := k + 1; v < len(toks) && v <= k+8; v++ {
		if toks[v].Norm == "," || toks[v].Norm == "." && !toks[v-1].Is(cStripTitle) {
			break
		}
		if n, cls := s.speechVerb(si, v); n > 0 {
			st.deny = cls == "deny"
			return st.setSpeaker(s.speakerNP(si, k, v, toks[k].Start()))
		}
	}
	// a subject with a clause set off by commas, the verb ending the
	// sentence: "”, an official, who did not want to be named, said."
	if v, n, cls := s.lastVerb(si); n > 0 && v > k {
		st.deny = cls == "deny"
		return st.setSpeaker(s.speakerNP(si, k, clauseEnd(toks, k), toks[k].Start()))
	}
	return false
}

// lastVerb returns the reporting verb that ends a sentence's tokens (before
// its closing punctuation), with its length and class; or 0 length.
func (s *corefSet) lastVerb(si int) (int, int, string) {
	toks := s.toks[si]
	end := len(toks)
	for end > 0 && toks[end-1].Kind != Word {
		end--
	}
	for v := end - 1; v >= 0 && v >= end-3; v-- {
		if n, cls := s.speechVerb(si, v); n > 0 && v+n == end {
			return v, n, cls
		}
	}
	return 0, 0, ""
}

// speakerBeforeQuote reads "X said: “...”", "X told BBC News: “...”" and
// "..., saying: “...”" in the sentence where the quotation opens.
func (s *speech) speakerBeforeQuote(st *stmt, si, _ int, q QuoteSpan) bool {
	toks := s.toks[si]
	k := s.tokIndex(si, q.Outer.Start)
	// the last speech verb before the quotation, within a few tokens
	for v := k - 1; v >= 0 && v >= k-12; v-- {
		n, cls := s.speechVerb(si, v)
		if n == 0 {
			// participles: "saying:", "adding:"
			if w := toks[v].Norm; w != "saying" && w != "adding" && w != "stating" {
				continue
			}
			n, cls = 1, "say"
		}
		// "X told BBC News:": an object may stand between verb and colon
		if v+n < k && toks[v+n].Norm != ":" && toks[v+n].Norm != "," && toks[v+n].Kind != Quote && toks[k-1].Norm != ":" && !onlyThat(toks[v+n:k]) {
			// "..., wrote the paper's editor X, “...”": the speaker after the verb
			if r := s.speakerNP(si, v+n, k-1, q.Outer.Start); toks[k-1].Norm == "," && r.ent != nil && r.ent.typ == factions.Person {
				st.deny = cls == "deny"
				return st.setSpeaker(r)
			}
			continue
		}
		st.deny = cls == "deny"
		return st.setSpeaker(s.subjectBefore(si, v, q.Outer.Start))
	}
	return false
}

// onlyThat reports whether toks are "that" and punctuation: "remarked
// that, “...”".
func onlyThat(toks []Token) bool {
	for it := range toks {
		t := &toks[it]
		if t.Kind == Word && !t.Is(cComplementizer) {
			return false
		}
	}
	return true
}

// clauseEnd returns the index of the first token from k that ends a clause.
func clauseEnd(toks []Token, k int) int {
	for k < len(toks) {
		switch toks[k].Norm {
		case ",", ".", ";", ":", "!", "?", "(", "–", "—":
			return k
		}
		if toks[k].Kind == Quote {
			return k
		}
		k++
	}
	return k
}
