package extract

import (
	"strings"

	"github.com/factions/factions"
)

// subjectBefore finds who speaks with the verb at toks[v]: the name or
// pronoun right before it, a participle's or a relative clause's subject,
// the subject of a coordinated verb, else the first comma chunk of the
// clause that is not a subordinate clause, a prepositional phrase or an
// adverb.
func (s *speech) subjectBefore(si, v, at int) referent {
	toks := s.toks[si]
	start := s.reportClauseStart(si, v)
	// a name or pronoun right before the verb is its subject: "Labour
	// campaign coordinator Tom Hale said", "In his speech, Mr X says"
	if v > start {
		if m := s.at(si, v-1); m != nil && m.j == v && m.ent.typ != factions.Place {
			return referent{ent: m.ent}
		}
		if ok, _ := isPronoun(toks[v-1]); ok && (v-1 == start || toks[v-2].Kind == Punct) {
			return s.pronoun(toks[v-1].Start)
		}
	}
	// "he said, claiming ...": a participle shares the subject of the
	// reporting verb just before it
	if strings.HasSuffix(toks[v].Norm, "ing") && v >= 2 && toks[v-1].Norm == "," {
		for x := v - 2; x >= start && x >= v-4; x-- {
			if n, _ := s.speechVerbAt(toks, x); n > 0 && !strings.HasSuffix(toks[x].Norm, "ing") {
				return s.subjectBefore(si, x, toks[x].Start)
			}
		}
	}
	if v > start && toks[v-1].Norm == "who" {
		if r := s.relativeSubject(si, start, v); r.ok() {
			return r
		}
	}
	// coordinated verbs share their subject: "rejected ... and claimed"
	if v > 0 && toks[v-1].Norm == "and" {
		for _, st := range s.stmts {
			if st.sent == si && st.kind == factions.Indirect && st.evidence.Start <= toks[v].Start {
				return referent{ent: st.speaker, desc: st.desc}
			}
		}
	}
	return s.chunkSubject(si, start, v, at)
}

// reportClauseStart returns where the clause of the reporting verb at v
// starts: after the last ";" or ":" or statement quotation before it, or
// after "that" when a finite verb's clause opens there ("He pointed out
// that X ... had said").
func (s *speech) reportClauseStart(si, v int) int {
	toks := s.toks[si]
	for k := v - 1; k >= 0; k-- {
		if toks[k].Norm == ";" || toks[k].Norm == ":" {
			return k + 1
		}
		// a quotation that was a statement of its own ends the clause; a
		// quoted fragment of reported speech does not
		if q := s.quoteAt(toks[k].Start); toks[k].Kind == Quote && q != nil && q.Outer.End <= toks[v].Start &&
			wordCount(s.text[q.Inner.Start:q.Inner.End]) >= 4 && !s.fragmentOfReport(si, *q) {
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
func (s *speech) relativeSubject(si, start, v int) referent {
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
	for a > start && toks[a-1].Kind == Word && !toks[a-1].Is(cFunction) && !s.isSpeechWord(toks[a-1].Norm) && !s.lx.departures.has(toks[a-1].Norm) {
		a--
	}
	if a < w && w-a <= 5 {
		return s.speakerNP(si, a, w, toks[v].Start)
	}
	return referent{}
}

// commaChunks splits toks[start:v] at commas and dashes outside brackets.
func commaChunks(toks []Token, start, v int) [][2]int {
	var chunks [][2]int
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
// a name alone ("the JND spokesman, X, said"), else the first chunk that
// reads as a noun phrase.
func (s *speech) chunkSubject(si, start, v, at int) referent {
	toks := s.toks[si]
	chunks := commaChunks(toks, start, v)
	if n := len(chunks); n > 1 && chunks[n-1][1] == v && v-chunks[n-1][0] <= 4 {
		ch := chunks[n-1]
		if !toks[ch[0]].Is(cChunkSkip) {
			if r := s.speakerNP(si, ch[0], ch[1], at); r.ok() {
				return r
			}
		}
	}
	for _, ch := range chunks {
		if m := s.startsAt(si, ch[0]); m != nil && m.j == ch[1] && m.ent.typ == factions.Person {
			return referent{ent: m.ent}
		}
	}
	for _, ch := range chunks {
		a := ch[0]
		// leading connectives: "However", "But", "Later"
		for a < ch[1] && toks[a].Is(cChunkSkip) && leadingConnective(toks[a].Norm) {
			a++
		}
		if a >= ch[1] || s.skipChunk(si, toks, a, ch[1]) {
			continue
		}
		if r := s.speakerNP(si, a, ch[1], at); r.ok() {
			return r
		}
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
func (s *speech) skipChunk(si int, toks []Token, a, b int) bool {
	t := toks[a]
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
func (s *speech) speakerNP(si, a, b, at int) referent {
	toks := s.toks[si]
	for a < b && toks[a].Kind == Punct {
		a++
	}
	if a >= b {
		return referent{}
	}
	if ok, _ := isPronoun(toks[a]); ok {
		if a+1 >= b || toks[a+1].Is(cFunction) || s.lx.speech.has(toks[a+1].Norm) || toks[a+1].Kind == Punct {
			return s.pronoun(toks[a].Start)
		}
	}
	switch toks[a].Norm {
	case "i", "we", "it", "this", "that", "you", "there":
		return referent{}
	}
	e, last := s.npExtent(si, a, b)
	if e <= a {
		return referent{}
	}
	if last != nil && last.j == e {
		return referent{ent: last.ent} // the head word is part of a name
	}
	if r := s.definiteReferent(si, a, e); r.ok() {
		return r
	}
	// a description: drop the determiner
	switch toks[a].Norm {
	case "the", "a", "an", "some":
		if e-a == 1 {
			return referent{}
		}
		a++
	}
	desc := visible(s.text[toks[a].Start:toks[e-1].End])
	if !descriptive(desc) || e-a > 8 || !s.plausibleSource(toks[a:e]) {
		return referent{}
	}
	return referent{desc: desc}
}

// definiteReferent resolves a definite noun phrase toks[a:e]: "the party"
// is the party in question, "the spokesman" the person coreference found.
func (s *speech) definiteReferent(si, a, e int) referent {
	toks := s.toks[si]
	if first := toks[a].Norm; first != "the" && first != "this" && first != "its" {
		return referent{}
	}
	switch head := toks[e-1]; {
	case head.Norm == "party" || head.Norm == "organisation" || head.Norm == "organization" || head.Norm == "movement":
		return referent{ent: s.orgBefore(toks[a].Start)}
	case !head.Is(cGroupNoun) || isSpokesman(head.Norm):
		return referent{ent: s.description(head.Start)}
	}
	return referent{}
}

func isSpokesman(w string) bool { return w == "spokesman" || w == "spokeswoman" || w == "spokesperson" }

// npExtent returns the end of the speaker's noun phrase that starts at a:
// names, determiners, role words, group nouns and, before any name, other
// lower-case words; and the last name in it.
func (s *speech) npExtent(si, a, b int) (int, *ref) {
	toks := s.toks[si]
	e := a
	var last *ref
	for e < b && e-a < 12 {
		t := toks[e]
		if m := s.at(si, e); m != nil {
			last = m
			e = m.j
			continue
		}
		if t.Norm == "'s" || t.Norm == "." && e > a && toks[e-1].Is(cStripTitle) {
			e++ // "Mr. Maken"
			continue
		}
		if t.Kind != Word && t.Kind != Number || t.Is(cFunction) ||
			e > a && (t.Is(cNPStop) || s.isSpeechWord(t.Norm) || s.lx.hedges.has(t.Norm)) {
			break
		}
		if last != nil {
			n, _ := s.lx.roles.match(toks[:b], e)
			if nm := s.startsAt(si, e+1); n == 0 && nm != nil && nm.ent.typ == factions.Person && !t.Cap() {
				e++ // "NRF lawyer Amina Lodhi"
				continue
			}
			if n == 0 && !t.Is(cGroupNoun) && !s.lx.roleMods.has(t.Norm) && !s.lx.former.has(t.Norm) && !s.lx.orgCues.has(t.Norm) && !t.Cap() {
				break
			}
			if n > 1 {
				e += n
				continue
			}
		}
		e++
	}
	return e, last
}

// plausibleSource reports whether a phrase can describe an unnamed source:
// no dates or numbers, no verb in past tense after its first word, and a
// head that names people, a body or a document ("party insiders", "the
// commission", "the notice"), not "special meeting" or "day ago".
func (s *speech) plausibleSource(np []Token) bool {
	for i, t := range np {
		if t.Kind == Number {
			return false
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
	plural := strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "ous") && !strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "us")
	known := last.Is(cGroupNoun) || s.lx.orgCues.has(w) || s.lx.roles.has(w)
	if len(np) > 4 && !known && !plural {
		return false // "party's internal meeting comes a day"
	}
	return known || last.Is(cDocument) || plural && len(w) > 4 || last.Cap()
}

// descriptive reports whether a phrase can name an unnamed source: it has a
// word of at least three letters.
func descriptive(s string) bool {
	for _, w := range strings.Fields(s) {
		if len(w) >= 3 {
			return true
		}
	}
	return false
}
