package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/factions/factions"
)

// clauseBreak words end a speaker's noun phrase: relative pronouns,
// prepositions of time and place, and adverbs that sit between a subject and
// its verb.
var npStop = map[string]bool{
	"who": true, "which": true, "that": true, "whose": true, "on": true, "in": true, "at": true,
	"during": true, "when": true, "while": true, "after": true, "before": true, "yesterday": true,
	"today": true, "also": true, "further": true, "later": true, "earlier": true, "too": true,
	"however": true, "then": true, "again": true, "himself": true, "herself": true, "themselves": true,
	"separately": true, "meanwhile": true, "recently": true, "now": true, "once": true, "has": true,
	"have": true, "had": true, "was": true, "were": true, "is": true, "are": true, "would": true,
	"will": true, "had been": true, "last": true, "this": true, "with": true, "flatly": true,
	"categorically": true, "strongly": true, "firmly": true, "repeatedly": true, "publicly": true,
	"privately": true, "openly": true, "reportedly": true, "allegedly": true, "apparently": true,
}

// chunkSkip words open a comma-separated chunk that is not the subject:
// subordinate clauses, prepositional phrases, participles.
var chunkSkip = map[string]bool{
	"when": true, "while": true, "after": true, "before": true, "as": true, "if": true, "although": true,
	"though": true, "since": true, "because": true, "in": true, "on": true, "at": true, "during": true,
	"for": true, "with": true, "without": true, "from": true, "to": true, "by": true, "according": true,
	"who": true, "which": true, "whose": true, "where": true, "despite": true, "unlike": true, "like": true,
	"however": true, "meanwhile": true, "moreover": true, "later": true, "earlier": true, "also": true,
	"but": true, "and": true, "yet": true, "still": true, "instead": true, "separately": true,
	"recently": true, "now": true, "then": true, "today": true, "yesterday": true, "last": true,
	"this": true, "so": true, "thus": true, "therefore": true, "indeed": true, "besides": true,
	"furthermore": true, "nevertheless": true, "nonetheless": true, "otherwise": true, "once": true,
	"asked": true, "questioned": true, "pressed": true, "contacted": true, "approached": true,
	"reached": true, "interviewed": true, "responding": true, "replying": true, "speaking": true,
	"talking": true, "addressing": true, "commenting": true, "reacting": true,
	"it": false,
}

// statements finds direct quotations and reported speech with their speakers.
func (d *doc) statements() {
	for si := range d.sents {
		if d.isHeadline(si) {
			continue // "Tories reject rethink": a headline reports no statement
		}
		d.directQuotes(si)
		d.indirectSpeech(si)
	}
	d.nameDescribedSpeakers()
	// order by position
	for i := 1; i < len(d.stmts); i++ {
		for j := i; j > 0 && d.stmts[j].content.Start < d.stmts[j-1].content.Start; j-- {
			d.stmts[j], d.stmts[j-1] = d.stmts[j-1], d.stmts[j]
		}
	}
}

// speechVerbAt reports whether a speech verb starts at toks[k], its length in
// tokens and its class (say, deny, doc).
func (d *doc) speechVerbAt(toks []Token, k int) (int, string) {
	n, cls := d.lx.speech.match(toks, k)
	if n == 0 {
		return 0, ""
	}
	if strings.HasPrefix(cls, "doc") {
		// documents speak in few words: "the notice reads", "the statement said"
		if toks[k].Norm != "reads" && toks[k].Norm != "read" && toks[k].Norm != "said" && toks[k].Norm != "says" && toks[k].Norm != "stated" {
			return 0, ""
		}
		cls = "say"
	}
	// "said to be" is a hedge, not speech; "the said party" is not speech
	if k+n+1 < len(toks) && toks[k+n].Norm == "to" && toks[k+n+1].Norm == "be" {
		return 0, ""
	}
	if k > 0 && (toks[k-1].Norm == "the" || toks[k-1].Norm == "a") {
		return 0, ""
	}
	return n, cls
}

// directQuotes attaches a speaker to every quotation of sentence si that
// opens there and is a statement.
func (d *doc) directQuotes(si int) {
	first := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].Outer.Start >= d.sents[si].Start })
	for qi := first; qi < len(d.quotes) && d.quotes[qi].Outer.Start < d.sents[si].End; qi++ {
		q := d.quotes[qi]
		ei := d.sentOf(q.Inner.End - 1)
		if ei < 0 {
			continue
		}
		words := wordCount(d.text[q.Inner.Start:q.Inner.End])
		sent := d.sents[si].Span
		whole := q.Outer.Start-sent.Start <= 2
		if words < 4 && !(whole && d.sents[ei].End-q.Outer.End <= 2) {
			continue // a quoted word or fragment inside a sentence
		}
		if d.insideOther(qi) || d.fragmentOfReport(si, q) {
			continue
		}
		st := &stmt{kind: factions.Direct, content: trimContent(d.text, q.Inner), sent: si,
			evidence: Span{Start: d.sents[si].Start, End: d.sents[ei].End}}
		found := d.speakerAfterQuote(st, ei, q) || d.speakerBeforeQuote(st, si, q)
		if !found && whole {
			// "‘...’ Those were the first words of Dr X's speech."
			if p := d.speakerNamedAfter(ei); p != nil {
				st.speaker, found = p, true
			} else if p := d.reporterBefore(si); p != nil {
				// "X was blunter when he spoke to reporters." then the quotation
				st.speaker, found = p, true
			}
		}
		if !found {
			// a quotation in its own sentence or paragraph: the speaker of the
			// statement before it, or the person named in the sentence before
			last := d.lastStmt(q.Outer.Start)
			if last != nil && si-last.sent <= 3 {
				st.speaker, st.desc = last.speaker, last.desc
				found = true
			} else if p := d.personBefore(q.Outer.Start); p != nil && si > 0 {
				st.speaker = p
				found = true
			}
		}
		if !found || (st.speaker == nil && st.desc == "") {
			continue
		}
		d.stmts = append(d.stmts, st)
	}
}

// nameDescribedSpeakers resolves a speaker first described and named later:
// "An opposition lawmaker has urged ..." then "Opposition lawmaker X said":
// the person named next to the same role word in the sentences that follow.
func (d *doc) nameDescribedSpeakers() {
	for _, st := range d.stmts {
		if st.speaker != nil || st.desc == "" {
			continue
		}
		words := strings.Fields(strings.ToLower(st.desc))
		head := words[len(words)-1]
		if !d.lx.roles.has(head) || groupNouns[head] {
			continue
		}
		for k := st.sent + 1; k < len(d.sents) && k <= st.sent+4; k++ {
			toks := d.toks[k]
			found := false
			for x, t := range toks {
				if t.Norm != head {
					continue
				}
				for _, m := range d.ments[k] {
					if m.ent != nil && m.ent.typ == factions.Person && m.i > x && m.i-x <= 4 {
						st.speaker, st.desc = m.ent, ""
						found = true
						break
					}
				}
				if found {
					break
				}
			}
			if found {
				break
			}
		}
	}
}

// isHeadline reports whether sentence si is a headline or subheading: a
// paragraph of one sentence without a full stop, with more text after it.
func (d *doc) isHeadline(si int) bool {
	p := d.sents[si].Para
	if si+1 >= len(d.sents) || d.sents[si+1].Para == p || si > 0 && d.sents[si-1].Para == p {
		return false // not a paragraph of its own, or the last one
	}
	last, _ := utf8.DecodeLastRuneInString(d.text[d.sents[si].Start:d.sents[si].End])
	return !strings.ContainsRune(".!?\"”’'…", last)
}

// fragmentOfReport reports whether a quotation is a fragment of reported
// speech: "said he would “break open the champagne”" — a speech verb before
// it in the sentence, with words between that are not just "that" or ":".
func (d *doc) fragmentOfReport(si int, q QuoteSpan) bool {
	toks := d.toks[si]
	k := d.tokIndex(si, q.Outer.Start)
	for v := k - 1; v >= 0; v-- {
		if toks[v].Kind == Quote || toks[v].Norm == ";" {
			return false
		}
		if n, _ := d.speechVerbAt(toks, v); n > 0 {
			words := 0
			for x := v + n; x < k; x++ {
				if toks[x].Kind == Word && toks[x].Norm != "that" {
					words++
				}
			}
			if words == 0 {
				return false
			}
			// a hearer alone ("told BBC News:") is no report
			if toks[k-1].Norm == ":" {
				return false
			}
			return true
		}
	}
	return false
}

// speechNouns name what a person says: "X's speech", "the words of X".
var speechNouns = map[string]bool{"speech": true, "words": true, "remarks": true, "statement": true,
	"address": true, "message": true, "comments": true, "post": true, "tweet": true, "letter": true}

// speakerNamedAfter returns the person whose words the sentence after ei
// names: "Those were the first words of Dr X's speech".
func (d *doc) speakerNamedAfter(ei int) *entity {
	if ei+1 >= len(d.sents) {
		return nil
	}
	toks := d.toks[ei+1]
	for _, m := range d.ments[ei+1] {
		if m.ent == nil || m.ent.typ != factions.Person || m.j+1 >= len(toks) || toks[m.j].Norm != "'s" {
			continue
		}
		for x := m.j + 1; x < len(toks) && x <= m.j+3; x++ {
			if speechNouns[toks[x].Norm] {
				return m.ent
			}
		}
	}
	return nil
}

// reporterBefore returns the person who speaks in the sentence before si,
// when that sentence has a reporting verb and no quotation: "X was blunter
// when he spoke to reporters."
func (d *doc) reporterBefore(si int) *entity {
	if si == 0 {
		return nil
	}
	k := si - 1
	toks := d.toks[k]
	for v := range toks {
		if d.quoteAt(toks[v].Start) != nil {
			return nil
		}
	}
	for v := range toks {
		if toks[v].Norm != "spoke" && toks[v].Norm != "speaking" && toks[v].Norm != "talking" && toks[v].Norm != "told" {
			continue
		}
		for _, m := range d.ments[k] {
			if m.ent != nil && m.ent.typ == factions.Person && m.i < v {
				return m.ent // the first person named, the sentence's subject
			}
		}
	}
	return nil
}

// lastStmt returns the statement found last before offset at.
func (d *doc) lastStmt(at int) *stmt {
	// statements are in text order, sentence by sentence: start from the
	// last whose sentence begins before at
	hi := sort.Search(len(d.stmts), func(i int) bool { return d.stmts[i].evidence.Start >= at })
	for k := hi - 1; k >= 0 && k >= hi-64; k-- {
		if d.stmts[k].evidence.Start < at && !d.stmts[k].nested {
			return d.stmts[k]
		}
	}
	return nil
}

// insideOther reports whether quotation qi lies inside another quotation.
func (d *doc) insideOther(qi int) bool {
	q := d.quotes[qi]
	return qi > 0 && d.quotes[qi-1].Outer.End >= q.Outer.End
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
func (d *doc) speakerAfterQuote(st *stmt, si int, q QuoteSpan) bool {
	toks := d.toks[si]
	k := d.tokIndex(si, q.Outer.End)
	for k < len(toks) && (toks[k].Norm == "," || toks[k].Kind == Quote) {
		k++
	}
	if k >= len(toks) {
		return false
	}
	// verb first: "said Mr X", "says a senior party spokesman"
	if n, cls := d.speechVerbAt(toks, k); n > 0 {
		end := clauseEnd(toks, k+n)
		if end > k+n {
			st.speaker, st.desc = d.speakerNP(si, k+n, end, toks[k].Start)
			st.deny = cls == "deny"
			return st.speaker != nil || st.desc != ""
		}
		return false
	}
	// subject first: "he said", "Tariq Lodhi claimed", "Mr Hale told the BBC"
	for v := k + 1; v < len(toks) && v <= k+8; v++ {
		if toks[v].Norm == "," || toks[v].Norm == "." && !isStripTitle(toks[v-1].Norm) {
			break
		}
		if n, cls := d.speechVerbAt(toks, v); n > 0 {
			st.speaker, st.desc = d.speakerNP(si, k, v, toks[k].Start)
			st.deny = cls == "deny"
			return st.speaker != nil || st.desc != ""
		}
	}
	return false
}

// speakerBeforeQuote reads "X said: “...”", "X told BBC News: “...”" and
// "..., saying: “...”" in the sentence where the quotation opens.
func (d *doc) speakerBeforeQuote(st *stmt, si int, q QuoteSpan) bool {
	toks := d.toks[si]
	k := d.tokIndex(si, q.Outer.Start)
	if k == 0 {
		return false
	}
	// find the last speech verb before the quotation, within a few tokens
	for v := k - 1; v >= 0 && v >= k-12; v-- {
		n, cls := d.speechVerbAt(toks, v)
		if n == 0 {
			// participles: "saying:", "adding:"
			if !(toks[v].Norm == "saying" || toks[v].Norm == "adding" || toks[v].Norm == "stating") {
				continue
			}
			n, cls = 1, "say"
		}
		if v+n < k && toks[v+n].Norm != ":" && toks[v+n].Norm != "," && toks[v+n].Kind != Quote {
			// "X told BBC News:" — allow an object between verb and colon
			if !(k-1 >= 0 && toks[k-1].Norm == ":") {
				continue
			}
		}
		st.speaker, st.desc = d.subjectBefore(si, v, q.Outer.Start)
		st.deny = cls == "deny"
		return st.speaker != nil || st.desc != ""
	}
	return false
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

// subjectBefore finds the subject of the verb at toks[v]: the first comma
// chunk of the clause that is not a subordinate clause, a prepositional
// phrase or an adverb.
func (d *doc) subjectBefore(si, v, at int) (*entity, string) {
	toks := d.toks[si]
	start := 0
	// the clause starts after the last ; or : or quotation before the verb
	for k := v - 1; k >= 0; k-- {
		if toks[k].Norm == ";" || toks[k].Norm == ":" {
			start = k + 1
			break
		}
		// a quotation that was a statement of its own ends the clause; a
		// quoted fragment of reported speech does not
		if q := d.quoteAt(toks[k].Start); toks[k].Kind == Quote && q != nil && q.Outer.End <= toks[v].Start &&
			wordCount(d.text[q.Inner.Start:q.Inner.End]) >= 4 && !d.fragmentOfReport(si, *q) {
			start = k + 1
			break
		}
		// "He pointed out that X ... had said": "that" opens the clause of a
		// finite verb; a participle's subject is the main clause's
		if toks[k].Norm == "that" && k+1 < v && !strings.HasSuffix(toks[v].Norm, "ing") && (d.mentionAt(si, k+1) != nil || toks[k+1].Norm == "the") {
			start = k + 1
			break
		}
	}
	// a name or pronoun right before the verb is its subject: "Labour
	// campaign coordinator Tom Hale said", "In his speech, Mr X says"
	if v > start {
		if m := d.mentionAt(si, v-1); m != nil && m.j == v && m.ent.typ != factions.Place {
			return m.ent, ""
		}
		if ok, plural := isPronoun(toks[v-1].Norm); ok && (v-1 == start || toks[v-2].Kind == Punct) {
			return d.resolvePronoun(toks[v-1].Start, plural)
		}
	}
	// "he said, claiming ...": a participle shares the subject of the
	// reporting verb just before it
	if strings.HasSuffix(toks[v].Norm, "ing") && v >= 2 && toks[v-1].Norm == "," {
		for x := v - 2; x >= start && x >= v-4; x-- {
			if n, _ := d.speechVerbAt(toks, x); n > 0 && !strings.HasSuffix(toks[x].Norm, "ing") {
				return d.subjectBefore(si, x, toks[x].Start)
			}
		}
	}
	// "X, who said ...": the relative pronoun's antecedent
	if v > start && toks[v-1].Norm == "who" {
		for x := v - 2; x >= start && x >= v-6; x-- {
			if m := d.mentionAt(si, x); m != nil && m.ent.typ == factions.Person {
				return m.ent, ""
			}
		}
		// "denied by UKIP spokesman, who said": the phrase before who
		w := v - 1
		if w > start && toks[w-1].Norm == "," {
			w--
		}
		a := w
		for a > start && (toks[a-1].Kind == Word && !npFunction[toks[a-1].Norm] && !d.isSpeechWord(toks[a-1].Norm) && !d.lx.departures.has(toks[a-1].Norm)) {
			a--
		}
		if a < w && w-a <= 5 {
			if e, desc := d.speakerNP(si, a, w, toks[v].Start); e != nil || desc != "" {
				return e, desc
			}
		}
	}
	// coordinated verbs share their subject: "rejected ... and claimed"
	if v > 0 && toks[v-1].Norm == "and" {
		for _, s := range d.stmts {
			if s.sent == si && s.kind == factions.Indirect && s.evidence.Start <= toks[v].Start {
				return s.speaker, s.desc
			}
		}
	}
	// comma chunks
	var chunks [][2]int
	c := start
	depth := 0
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
	// "..., sources said": a short phrase after a comma, right before the
	// verb, is the subject
	if n := len(chunks); n > 1 && chunks[n-1][1] == v && v-chunks[n-1][0] <= 4 {
		ch := chunks[n-1]
		if !chunkSkip[toks[ch[0]].Norm] {
			if e, desc := d.speakerNP(si, ch[0], ch[1], at); e != nil || desc != "" {
				return e, desc
			}
		}
	}
	// "the JND spokesman, Tanvir Ahmed Sikder, said": a chunk that is a
	// name alone is the subject
	for _, ch := range chunks {
		if m := d.mentionAt(si, ch[0]); m != nil && m.i == ch[0] && m.j == ch[1] && m.ent.typ == factions.Person {
			return m.ent, ""
		}
	}
	for _, ch := range chunks {
		a := ch[0]
		// leading stop words: "However", "But", "Later"
		for a < ch[1] && (chunkSkip[toks[a].Norm] && (toks[a].Norm == "but" || toks[a].Norm == "and" || toks[a].Norm == "however" || toks[a].Norm == "meanwhile" || toks[a].Norm == "later" || toks[a].Norm == "also" || toks[a].Norm == "earlier" || toks[a].Norm == "yet" || toks[a].Norm == "so" || toks[a].Norm == "now")) {
			a++
		}
		if a >= ch[1] {
			continue
		}
		if ch[1]-a == 1 && strings.HasSuffix(toks[a].Norm, "ly") && !toks[a].AllCaps() {
			continue // "Similarly, X said"
		}
		if chunkSkip[toks[a].Norm] || strings.HasSuffix(toks[a].Norm, "ing") && toks[a].Kind == Word && !toks[a].Cap() {
			continue
		}
		if strings.HasSuffix(toks[a].Norm, "ing") && a == 0 && ch[1]-a > 1 && !d.startsName(si, a) {
			continue // "Speaking to reporters, he said"
		}
		if e, desc := d.speakerNP(si, a, ch[1], at); e != nil || desc != "" {
			return e, desc
		}
	}
	return nil, ""
}

// startsName reports whether a mention starts at token a of sentence si.
func (d *doc) startsName(si, a int) bool {
	for _, m := range d.ments[si] {
		if m.i == a && m.ent != nil {
			return true
		}
	}
	return false
}

// reportingParticiples report speech after a comma: ", saying that ...".
var reportingParticiples = map[string]bool{"saying": true, "adding": true, "claiming": true, "insisting": true,
	"alleging": true, "arguing": true, "stating": true, "noting": true, "warning": true, "explaining": true,
	"stressing": true, "asserting": true, "maintaining": true, "denying": true, "rejecting": true, "urging": true,
	"accusing": true, "telling": true, "declaring": true, "suggesting": true, "contending": true,
	"emphasising": true, "emphasizing": true, "pointing": true, "dismissing": true, "describing": true}

// needsThat lists reporting verbs that report speech only with a clause
// after them ("explained that ..."); with a noun object they report acts.
var needsThat = map[string]bool{"explained": true, "explains": true, "announced": true, "announces": true,
	"maintained": true, "maintains": true, "maintain": true, "held": true, "holds": true, "kept": true,
	"announce": true, "explain": true, "reveal": true, "confirm": true, "describe": true, "outline": true,
	"revealed": true, "reveals": true, "disclosed": true, "discloses": true, "disclose": true, "confirmed": true,
	"outlined": true, "described": true, "defended": true, "highlighted": true, "welcomed": true,
	"raised": true, "noted": true, "mentioned": true, "reiterated": true, "stressed": true,
	"emphasised": true, "emphasized": true, "underlined": true, "acknowledged": true, "conceded": true,
	"discussed": true, "addressed": true, "shared": true, "presented": true, "wrote": true, "read": true}

// prepositions cannot open the content of a statement.
var prepositions = map[string]bool{"here": true, "today": true, "yesterday": true,
	"before": true, "after": true, "during": true, "against": true, "since": true, "until": true,
	"without": true, "like": true, "as": true, "not": true, "whether": true, "at": true, "in": true, "on": true, "for": true, "by": true, "with": true,
	"to": true, "from": true, "of": true, "about": true, "into": true, "over": true, "under": true}

// isSpeechWord reports whether w is a reporting verb of the say or deny
// class (not a document's "shows").
func (d *doc) isSpeechWord(w string) bool {
	c := d.lx.speech.class(w)
	return strings.HasPrefix(c, "say") || strings.HasPrefix(c, "deny")
}

// groupNouns are plural nouns for groups of people that head a speaker's
// noun phrase after a name ("Mr Hale's allies", "party insiders").
var groupNouns = map[string]bool{"supporters": true, "loyalists": true, "allies": true, "aides": true,
	"officials": true, "sources": true, "insiders": true, "activists": true, "workers": true, "leaders": true,
	"members": true, "critics": true, "lawyers": true, "spokesmen": true, "observers": true, "analysts": true,
	"colleagues": true, "followers": true, "rivals": true, "opponents": true, "dissidents": true, "rebels": true,
	"candidates": true, "ministers": true, "mps": true, "legislators": true, "lawmakers": true, "councillors": true,
	"residents": true, "protesters": true, "voters": true, "figures": true, "veterans": true, "stalwarts": true,
	"headquarters": true, "office": true, "spokesman": true, "spokeswoman": true, "spokesperson": true}

// npFunction words never sit inside a speaker's noun phrase.
var npFunction = map[string]bool{"is": true, "was": true, "are": true, "were": true, "be": true, "been": true,
	"has": true, "have": true, "had": true, "do": true, "does": true, "did": true, "will": true, "would": true,
	"can": true, "could": true, "may": true, "might": true, "must": true, "shall": true, "should": true,
	"to": true, "of": true, "in": true, "on": true, "at": true, "by": true, "for": true, "with": true,
	"from": true, "and": true, "or": true, "but": true, "that": true, "which": true, "who": true, "whom": true,
	"whose": true, "when": true, "while": true, "as": true, "if": true, "not": true, "also": true,
	"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "you": true, "him": true,
	"them": true, "there": true, "here": true, "then": true, "than": true, "so": true, "after": true,
	"before": true, "during": true, "since": true, "about": true, "into": true, "over": true, "under": true}

// speakerNP resolves the noun phrase that starts at toks[a] (and ends by b)
// of sentence si to an entity (a name, a pronoun, "the spokesman", "the
// party") or a description of an unnamed source ("party insiders").
func (d *doc) speakerNP(si, a, b, at int) (*entity, string) {
	toks := d.toks[si]
	for a < b && toks[a].Kind == Punct {
		a++
	}
	if a >= b {
		return nil, ""
	}
	// a pronoun
	if ok, plural := isPronoun(toks[a].Norm); ok {
		if a+1 >= b || npFunction[toks[a+1].Norm] || d.lx.speech.has(toks[a+1].Norm) || toks[a+1].Kind == Punct {
			return d.resolvePronoun(at, plural)
		}
	}
	switch toks[a].Norm {
	case "i", "we", "it", "this", "that", "you", "there":
		return nil, ""
	}
	// the extent of the noun phrase: names, determiners, role words, group
	// nouns and, before any name, other lower-case words
	e := a
	var last *mention
	named := false
	for e < b && e-a < 12 {
		t := toks[e]
		if m := d.mentionAt(si, e); m != nil {
			last, named = m, true
			e = m.j
			continue
		}
		if t.Norm == "'s" {
			e++
			continue
		}
		if t.Norm == "." && e > a && isStripTitle(toks[e-1].Norm) {
			e++ // "Mr. Maken"
			continue
		}
		if t.Kind != Word && t.Kind != Number {
			break
		}
		if npFunction[t.Norm] || e > a && (npStop[t.Norm] || d.isSpeechWord(t.Norm) || d.lx.hedges.has(t.Norm)) {
			break
		}
		if named {
			n, _ := d.lx.roles.match(toks[:b], e)
			if nm := d.mentionAt(si, e+1); n == 0 && nm != nil && nm.i == e+1 && nm.ent.typ == factions.Person && !t.Cap() {
				e++ // "NRF lawyer Amina Lodhi"
				continue
			}
			if n == 0 && !groupNouns[t.Norm] && !d.lx.roleMods.has(t.Norm) && !d.lx.former.has(t.Norm) && !d.lx.orgCues.has(t.Norm) && !t.Cap() {
				break
			}
			if n > 1 {
				e += n
				continue
			}
		}
		e++
	}
	if e <= a {
		return nil, ""
	}
	// the head word is part of a name
	if last != nil && last.j == e && last.ent != nil {
		return last.ent, ""
	}
	words := make([]string, 0, e-a)
	for k := a; k < e; k++ {
		words = append(words, toks[k].Norm)
	}
	head := words[len(words)-1]
	def := words[0] == "the" || words[0] == "this" || words[0] == "its"
	if def {
		if head == "party" || head == "organisation" || head == "organization" || head == "movement" {
			if o := d.orgBefore(toks[a].Start); o != nil {
				return o, ""
			}
		}
		if d.roleHead(toks[a:e]) && !groupNouns[head] || head == "spokesman" || head == "spokeswoman" || head == "spokesperson" {
			if p := d.roleReferent(si, toks[a:e]); p != nil {
				return p, ""
			}
		}
	}
	// a description: drop the determiner
	if words[0] == "the" || words[0] == "a" || words[0] == "an" || words[0] == "some" {
		if e-a == 1 {
			return nil, ""
		}
		a++
	}
	desc := visible(d.text[toks[a].Start:toks[e-1].End])
	if !descriptive(desc) || len(words) > 8 || !d.plausibleSource(toks[a:e]) {
		return nil, ""
	}
	return nil, desc
}

// months and their abbreviations open dates, not sources.
var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true}

// plausibleSource reports whether a phrase can describe an unnamed source:
// no dates or numbers, no verb in past tense after its first word, and a
// single word only when it names a group ("sources", "officials") or a body
// ("government", "police").
func (d *doc) plausibleSource(np []Token) bool {
	for i, t := range np {
		if t.Kind == Number {
			return false
		}
		if strings.HasSuffix(t.Norm, "ed") && !t.Cap() && (i > 0 || t.Norm != "informed") {
			return false // "Prime Minister lashed out", "ignored the invitation"
		}
	}
	if months[np[0].Norm] {
		return false // "Nov 23"
	}
	// the head, the last word, names people, a body or a document:
	// "party insiders", "the commission", "the notice"; not "special
	// meeting" or "day ago"
	w := np[len(np)-1].Norm
	plural := strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "ous") && !strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "us")
	if len(np) > 4 && !groupNouns[w] && !d.lx.orgCues.has(w) && !d.lx.roles.has(w) && !plural {
		return false // "party's internal meeting comes a day"
	}
	return groupNouns[w] || d.lx.orgCues.has(w) || d.lx.roles.has(w) || documentNouns[w] || plural && len(w) > 4 || np[len(np)-1].Cap()
}

// documentNouns can speak for whoever issued them: "the notice read".
var documentNouns = map[string]bool{"notice": true, "statement": true, "letter": true, "report": true,
	"document": true, "resolution": true, "notification": true, "memorandum": true, "order": true,
	"verdict": true, "judgment": true, "judgement": true, "ruling": true, "petition": true, "summary": true,
	"communique": true, "communiqué": true, "circular": true,
	"manifesto": true, "declaration": true, "draft": true, "bill": true, "survey": true, "study": true,
	"poll": true, "agreement": true, "charge-sheet": true, "chargesheet": true, "complaint": true, "fir": true}

// descriptive reports whether a phrase can name an unnamed source: it has a
// word of at least three letters and is not a bare pronoun or determiner.
func descriptive(s string) bool {
	for _, w := range strings.Fields(s) {
		if len(w) >= 3 {
			return true
		}
	}
	return false
}

// roleHead reports whether the phrase ends with a role noun.
func (d *doc) roleHead(toks []Token) bool {
	for k := range toks {
		if n, _ := d.lx.roles.match(toks, k); n > 0 && k+n == len(toks) {
			return true
		}
	}
	return false
}

// roleReferent resolves "the spokesman", "the MEP", "the former minister":
// a person given that role in the article, else the person most recently
// named in the sentences before.
func (d *doc) roleReferent(si int, np []Token) *entity {
	role := np[len(np)-1].Norm
	// "the JND chief", "the party leader": the head of the organisation
	// named, or meant, is who leads it, else who founded it, named last
	if _, cls := d.lx.roles.match(np, len(np)-1); strings.HasPrefix(cls, "head") {
		var org *entity
		for _, t := range np {
			if m := d.mentionAt(si, d.tokIndex(si, t.Start)); m != nil && m.ent.typ == factions.Organization {
				org = m.ent
			}
		}
		if org == nil {
			org = d.orgBefore(np[0].Start)
		}
		// facts are in the order of their sentences: look back over the
		// last 40 sentences only, as for a role noun below
		for _, pred := range []factions.Predicate{factions.Leads, factions.Founded} {
			for i := len(d.facts) - 1; i >= 0 && d.facts[i].sent >= si-40; i-- {
				f := d.facts[i]
				if f.pred == pred && f.obj == org && f.subj != nil && f.subj.typ == factions.Person && f.sent < si && !f.former {
					return f.subj
				}
			}
		}
	}
	if f := d.roleHolder[role]; f != nil && f.sent < si {
		return f.subj
	}
	for _, e := range d.ents {
		for _, r := range e.roles {
			if strings.HasSuffix(r, role) {
				return e
			}
		}
	}
	// a person named next to the same role noun in an earlier sentence:
	// "JND spokesman X", "X, ..., will be the party's spokesman"
	for k := si - 1; k >= 0 && k >= si-40; k-- {
		toks := d.toks[k]
		for x, t := range toks {
			if t.Norm != role {
				continue
			}
			// the nearest name, counted from its edge: the end of a name
			// before the role noun ("X, a former journalist, is the
			// party's spokesman"), the start of one after it
			dist := func(m *mention) int {
				if m.j <= x {
					return x - m.j
				}
				return m.i - x
			}
			var best *mention
			for _, m := range d.ments[k] {
				if m.ent == nil || m.ent.typ != factions.Person || d.quoteAt(m.span.Start) != nil {
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
	// the subject of the previous sentence
	for k := si - 1; k >= 0 && k >= si-2; k-- {
		for _, m := range d.ments[k] {
			if m.ent != nil && m.ent.typ == factions.Person && d.quoteAt(m.span.Start) == nil {
				return m.ent
			}
		}
	}
	return nil
}

// resolvePronoun resolves he/she/they at offset at: the speaker of the last
// statement when it is recent, else the person last named.
func (d *doc) resolvePronoun(at int, plural bool) (*entity, string) {
	si := d.sentOf(at)
	g := d.genderAt(at)
	if q := d.quoteAt(at); q != nil && !plural {
		// inside a quotation "he" is someone the speaker talks about: the
		// person last named in the quotation or before it
		return d.personBeforeG(at, g), ""
	}
	last := d.lastStmt(at)
	if plural {
		if last != nil && si-last.sent <= 2 {
			return last.speaker, last.desc
		}
		return nil, ""
	}
	if last != nil && si-last.sent <= 2 && last.speaker != nil && last.speaker.typ == factions.Person && d.fits(last.speaker, g) {
		// unless another person is named in between, outside quotations
		if p := d.personBeforeG(at, g); p == nil || p == last.speaker || !d.namedBetween(p, last.evidence.End, at) {
			return last.speaker, ""
		}
	}
	if p := d.personBeforeG(at, g); p != nil {
		return p, ""
	}
	if last != nil && (last.speaker == nil || d.fits(last.speaker, g)) {
		return last.speaker, last.desc
	}
	return nil, ""
}

// genderAt returns "m" for he/him/his, "f" for she/her/hers at offset at,
// else "".
func (d *doc) genderAt(at int) string {
	end := at
	for end < len(d.text) && end-at < 5 && (d.text[end]|0x20) >= 'a' && (d.text[end]|0x20) <= 'z' {
		end++
	}
	switch strings.ToLower(d.text[at:end]) {
	case "he", "him", "his", "himself":
		return "m"
	case "she", "her", "hers", "herself":
		return "f"
	}
	return ""
}

// fits reports whether person e can be referred to by a pronoun of gender g:
// its given name or a title (Mrs, Mr) tells its gender, and unknown fits all.
func (d *doc) fits(e *entity, g string) bool {
	if g == "" {
		return true
	}
	if e.gender == "" && e.typ == factions.Person {
		e.gender = "?"
		for _, m := range e.mentions {
			toks := d.toks[m.s]
			if k := titleStart(toks, m.i); k < m.i {
				switch toks[k].Norm {
				case "mrs", "ms", "miss", "begum", "lady", "dame", "baroness", "madam", "smt":
					e.gender = "f"
				case "mr", "sir", "lord":
					e.gender = "m"
				}
			}
		}
		if e.gender == "?" {
			first := strings.ToLower(strings.Fields(e.name)[0])
			if c := d.lx.givenNames.class(first); len(c) > 0 && (c[0] == 'm' || c[0] == 'f') && (len(c) == 1 || c[1] == '/') {
				e.gender = c[:1]
			}
		}
	}
	return e.gender == "?" || e.gender == "" || e.gender == g
}

// personBeforeG returns the person most recently named before off, outside
// quotations, that a pronoun of gender g can refer to.
func (d *doc) personBeforeG(off int, g string) *entity {
	for k := d.mentionsBefore(off) - 1; k >= 0; k-- {
		m := d.all[k]
		if m.ent == nil || m.ent.typ != factions.Person {
			continue
		}
		if q := d.quoteAt(m.span.Start); q != nil && !(q.Outer.Start <= off && off < q.Outer.End) {
			continue
		}
		if d.fits(m.ent, g) {
			return m.ent
		}
	}
	return nil
}

// namedBetween reports whether e is mentioned, outside quotations, in [from, to).
func (d *doc) namedBetween(e *entity, from, to int) bool {
	for _, m := range e.mentions {
		if m.span.Start < from || m.span.Start >= to || d.quoteAt(m.span.Start) != nil || d.inStatement(m.span.Start) {
			continue
		}
		// "on the direction of Tariq Lodhi": a name after a preposition is no new subject
		if toks := d.toks[m.s]; m.i > 0 {
			p := titleStart(toks, m.i) - 1
			if p >= 0 && prepositions[toks[p].Norm] || p >= 0 && (toks[p].Norm == "of" || toks[p].Norm == "by" || toks[p].Norm == "to" || toks[p].Norm == "with") {
				continue
			}
		}
		return true
	}
	return false
}

// inStatement reports whether offset off lies in the content of a statement.
func (d *doc) inStatement(off int) bool {
	for k := len(d.stmts) - 1; k >= 0 && k >= len(d.stmts)-8; k-- {
		if c := d.stmts[k].content; c.Start <= off && off < c.End {
			return true
		}
	}
	return false
}

// indirectSpeech finds reported speech: "X said (that) ...", "..., X said",
// "according to X", "X claimed / maintained / rejected ...".
func (d *doc) indirectSpeech(si int) {
	toks := d.toks[si]
	d.revealedBy(si)
	for k := 0; k < len(toks); k++ {
		if q := d.quoteAt(toks[k].Start); q != nil {
			continue
		}
		if toks[k].Norm == "according" && k+1 < len(toks) && toks[k+1].Norm == "to" {
			d.accordingTo(si, k)
			continue
		}
		n, cls := d.speechVerbAt(toks, k)
		if n == 0 {
			continue
		}
		if strings.HasSuffix(toks[k].Norm, "ing") {
			// ", saying that ...", ", adding that ...": the subject of the clause speaks
			if !reportingParticiples[toks[k].Norm] {
				continue
			}
			prevSay := false
			if k > 0 {
				pn, _ := d.speechVerbAt(toks, k-1)
				prevSay = pn > 0
			}
			if k > 0 && (toks[k-1].Norm == "," || prevSay) && k+1 < len(toks) && toks[k+1].Kind != Quote && toks[k+1].Norm != ":" {
				d.reported(si, k, n, cls)
			}
			continue
		}
		// a passive is not speech: "had not been accepted by", "the
		// charge, repeated by the JND, that"; nor is an infinitive:
		// "approached the commission to demand a probe"
		if k+n < len(toks) && toks[k+n].Norm == "by" && k > 0 && toks[k-1].Norm == "," {
			continue
		}
		if k > 0 {
			switch toks[k-1].Norm {
			case "been", "being", "be", "was", "were", "is", "are", "to":
				continue
			}
		}
		// "announced" takes a clause: "announced that ..."; "announced a
		// committee" is an act, not a statement
		if toks[k].Norm == "announced" && (k+1 >= len(toks) || toks[k+1].Norm != "that") {
			continue
		}
		d.reported(si, k, n, cls)
		k += n - 1
	}
}

// reported reads the statement around the speech verb toks[v:v+n].
func (d *doc) reported(si, v, n int, cls string) {
	toks := d.toks[si]
	after := v + n
	// skip the hearer of "told": "told reporters that", "told Dawn"
	hearerOnly := false
	if toks[v].Norm == "told" || toks[v].Norm == "tells" || toks[v].Norm == "tell" || toks[v].Norm == "informed" || toks[v].Norm == "assured" {
		k := after
		for k < len(toks) && k < after+6 && toks[k].Norm != "that" && toks[k].Norm != ":" && toks[k].Norm != "," {
			k++
		}
		if k < len(toks) && (toks[k].Norm == "that" || toks[k].Norm == ":") {
			after = k
		} else if clauseEnd(toks, after) >= len(toks)-1 || toks[clauseEnd(toks, after)].Norm == "." {
			hearerOnly = true
		} else if m := d.mentionAt(si, after); m != nil {
			after = m.j
		} else if after < len(toks) && (toks[after].Norm == "reporters" || toks[after].Norm == "journalists") {
			after++
		} else {
			after++
		}
	}
	// "said at a rally in April that ...": the content starts after "that"
	if after < len(toks) && prepositions[toks[after].Norm] {
		for x := after + 1; x < len(toks) && x < after+10; x++ {
			if toks[x].Norm == "," || toks[x].Kind == Quote || d.isSpeechWord(toks[x].Norm) {
				break
			}
			if toks[x].Norm == "that" {
				after = x
				break
			}
		}
	}
	commaAfter := after < len(toks) && toks[after].Norm == ","
	if hearerOnly {
		after = len(toks) // "Mr X told BBC Radio 4's Today programme."
	}
	for after < len(toks) && (toks[after].Norm == "that" || toks[after].Norm == "," || toks[after].Norm == ":") {
		after++
	}
	// the content is a quotation: a direct statement, already taken
	if after < len(toks) && toks[after].Kind == Quote {
		if q := d.quoteAt(toks[after].Start); q != nil && wordCount(d.text[q.Inner.Start:q.Inner.End]) >= 4 {
			return
		}
	}
	end := len(toks)
	for end > after && (toks[end-1].Kind == Punct || (toks[end-1].Kind == Quote && d.quoteAt(toks[end-1].Start) == nil)) {
		if toks[end-1].Norm == ")" && opensBefore(toks, after, end-1) {
			break // "the Sammilito Nagorik Dal (SND)."
		}
		end--
	}
	// "said adding that ...": the participle's clause is the content
	if after < end && strings.HasSuffix(toks[after].Norm, "ing") {
		if m, _ := d.speechVerbAt(toks, after); m > 0 {
			return // the participle makes its own statement
		}
	}
	// a second speech verb with its own subject or after "and" ends the content
	for k := after; k < end; k++ {
		if toks[k].Norm == "and" && k+1 < end {
			if m, _ := d.speechVerbAt(toks, k+1); m > 0 {
				end = k
				break
			}
		}
		if toks[k].Norm == "," && k+1 < end {
			m1, _ := d.speechVerbAt(toks, k+1)
			if m1 > 0 && k+1+m1 < end && toks[k+1+m1].Norm == "by" {
				m1 = 0 // "the charge, repeated by the JND, that": a passive
			}
			m2 := 0
			if k+2 < end {
				if ok, _ := isPronoun(toks[k+1].Norm); ok || d.mentionAt(si, k+1) != nil {
					m2, _ = d.speechVerbAt(toks, k+2)
				}
			}
			if (m1 > 0 || m2 > 0) && d.quoteAt(toks[k].Start) == nil {
				end = k
				break
			}
		}
		// a quotation that is a statement of its own ends the content
		if toks[k].Kind == Quote && k > after {
			if q := d.quoteAt(toks[k].Start); q != nil && q.Outer.Start == toks[k].Start && wordCount(d.text[q.Inner.Start:q.Inner.End]) >= 4 && !d.fragmentOfReport(si, *q) {
				end = k
				break
			}
		}
	}
	st := &stmt{kind: factions.Indirect, sent: si, deny: cls == "deny", evidence: d.sents[si].Span}
	// "CONTENT, says a senior party spokesman.": the speaker follows the verb
	if v > 1 && toks[v-1].Norm == "," && after < end && end-after <= 6 && clauseEnd(toks, after) >= end {
		st.speaker, st.desc = d.speakerNP(si, after, end, toks[v].Start)
		if (st.speaker != nil || st.desc != "") && d.quoteAt(toks[v-2].Start) == nil {
			st.content = trimContent(d.text, Span{Start: toks[0].Start, End: toks[v-2].End})
			if wordCount(d.text[st.content.Start:st.content.End]) >= 2 {
				st.nested = d.inStatement(toks[v].Start)
				d.stmts = append(d.stmts, st)
			}
		}
		return
	}
	if commaAfter && v > 0 && toks[v-1].Kind != Punct {
		// "CONTENT, he said, claiming ...": the content came before, unless
		// only an adverb did: "However, he claimed, the matter ..."
		words := 0
		for x := 0; x < v; x++ {
			if toks[x].Norm == "," {
				break
			}
			words++
		}
		if words >= 2 || !(v >= 2 && (toks[v-2].Norm == "," || v >= 3 && toks[v-3].Norm == ",")) {
			after = end
		}
	}
	// verbs whose object is seldom speech need "that": "explained his
	// reasons to voters" is no statement
	if needsThat[toks[v].Norm] && !(v+n < len(toks) && (toks[v+n].Norm == "that" || toks[v+n].Norm == ":")) && toks[v+n-1].Norm != "that" && after < end {
		return
	}
	// content is a clause, not a phrase: "disclose at this stage"; a clause
	// may open with a phrase ("after this decision, efforts would ...")
	if after < end && prepositions[toks[after].Norm] && (end-after < 8 || toks[after].Norm == "not" || toks[after].Norm == "whether") {
		return
	}
	if after < end {
		// "X said (that) CONTENT"
		st.speaker, st.desc = d.subjectBefore(si, v, toks[v].Start)
		if st.speaker == nil && st.desc == "" {
			return
		}
		st.content = trimContent(d.text, Span{Start: toks[after].Start, End: toks[end-1].End})
	} else {
		// "CONTENT, X said." or "CONTENT, says X."
		k := v - 1
		for k >= 0 && toks[k].Norm != "," {
			k--
		}
		if k <= 0 {
			return
		}
		// a quotation before is a direct statement, already taken
		if toks[k-1].Kind == Quote || toks[k+1].Kind == Quote {
			if q := d.quoteAt(toks[k-1].Start); q != nil {
				return
			}
		}
		if v+n < len(toks) && toks[v+n].Kind == Word {
			st.speaker, st.desc = d.speakerNP(si, v+n, clauseEnd(toks, v+n), toks[v].Start)
		} else {
			st.speaker, st.desc = d.speakerNP(si, k+1, v, toks[v].Start)
		}
		if st.speaker == nil && st.desc == "" {
			return
		}
		a := 0
		if d.quoteAt(toks[0].Start) != nil {
			return
		}
		st.content = trimContent(d.text, Span{Start: toks[a].Start, End: toks[k-1].End})
	}
	if st.content.Len() == 0 || wordCount(d.text[st.content.Start:st.content.End]) < 2 {
		return
	}
	st.nested = d.inStatement(toks[v].Start)
	d.stmts = append(d.stmts, st)
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

// revealedBy reads "This was revealed by X": the sentence before is X's
// statement.
func (d *doc) revealedBy(si int) {
	toks := d.toks[si]
	if si == 0 || len(toks) < 5 || (toks[0].Norm != "this" && toks[0].Norm != "it" && toks[0].Norm != "that") ||
		(toks[1].Norm != "was" && toks[1].Norm != "is" && toks[1].Norm != "has") {
		return
	}
	k := 2
	if toks[k].Norm == "been" {
		k++
	}
	if n, _ := d.speechVerbAt(toks, k); n == 0 || k+n >= len(toks) || toks[k+n].Norm != "by" {
		return
	}
	a := k + 2
	end := clauseEnd(toks, a)
	st := &stmt{kind: factions.Indirect, sent: si, evidence: Span{Start: d.sents[si-1].Start, End: d.sents[si].End}}
	st.speaker, st.desc = d.speakerNP(si, a, end, toks[a].Start)
	if st.speaker == nil && st.desc == "" {
		return
	}
	prev := d.toks[si-1]
	if len(prev) < 4 || d.quoteAt(prev[0].Start) != nil {
		return
	}
	last := len(prev) - 1
	if prev[last].Kind == Punct {
		last-- // the full stop
	}
	st.content = trimContent(d.text, Span{Start: prev[0].Start, End: prev[last].End})
	d.stmts = append(d.stmts, st)
}

// accordingTo reads "according to X, CONTENT", "CONTENT, according to X"
// and "..., who, according to X, was planning ...".
func (d *doc) accordingTo(si, k int) {
	toks := d.toks[si]
	a := k + 2
	b := clauseEnd(toks, a)
	if b <= a {
		return
	}
	st := &stmt{kind: factions.Indirect, sent: si, evidence: d.sents[si].Span}
	st.speaker, st.desc = d.speakerNP(si, a, b, toks[k].Start)
	if st.speaker == nil && st.desc == "" {
		return
	}
	end := len(toks)
	for end > 0 && toks[end-1].Kind == Punct {
		end--
	}
	switch {
	case b < end && toks[b].Norm == ",":
		// the content follows
		if b+1 >= end {
			return
		}
		st.content = trimContent(d.text, Span{Start: toks[b+1].Start, End: toks[end-1].End})
	case k > 1 && toks[k-1].Norm == ",":
		st.content = trimContent(d.text, Span{Start: toks[0].Start, End: toks[k-2].End})
	default:
		return
	}
	if st.content.Len() == 0 {
		return
	}
	d.stmts = append(d.stmts, st)
}
