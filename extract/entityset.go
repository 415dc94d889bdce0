package extract

import (
	"iter"
	"sort"
	"strings"

	"github.com/factions/factions"
)

// index builds the entity set's indexes: organisations by name, the main
// organisation and country, the faction mentions, party first words.
func (es *entitySet) index() {
	es.orgNames = emptied(&es.mem.orgNames)
	for _, e := range es.ents {
		if e.typ != factions.Organization {
			continue
		}
		for n := range e.eachName {
			if _, ok := es.orgNames[n]; !ok {
				es.orgNames[n] = e
			}
		}
	}
	for _, e := range es.ents {
		if e.typ != factions.Organization || e.kind&(kindBody|kindLegislature) != 0 {
			continue
		}
		if es.main == nil || len(e.mentions) > len(es.main.mentions) {
			es.main = e
		}
	}
	es.country = es.mainCountryOf()
	isFaction := emptied(&es.mem.isFaction)
	for _, e := range es.ents {
		if e.typ != factions.Organization {
			continue
		}
		for _, p := range parentNames(e.name) {
			if o := es.orgNames[p]; o != nil && o != e {
				isFaction[e] = true
				break
			}
		}
	}
	es.orgFirst = emptied(&es.mem.orgFirst)
	for _, m := range es.all {
		if isFaction[m.ent] {
			es.factions = append(es.factions, m)
		}
	}
	for _, o := range es.ents {
		if o.typ != factions.Organization || o.kind&(kindBody|kindLegislature) != 0 {
			continue
		}
		w := es.fields(es.lower(o.name))
		if len(w) > 1 && !es.isPlace(w[0]) {
			if _, ok := es.orgFirst[w[0]]; !ok {
				es.orgFirst[w[0]] = o
			}
		}
	}
}

// mainCountryOf returns the country the article is most about, lower-case:
// the one its place mentions (the dateline's included) belong to most
// often, when it has at least twice the mentions of any other; "" otherwise.
func (es *entitySet) mainCountryOf() string {
	n := map[string]int{}
	for _, m := range es.all {
		if m.ent.typ != factions.Place {
			continue
		}
		if p, ok := es.lx.place(m.name); ok && p.Country != "-" && p.Country != "" {
			n[es.lower(p.Country)]++
		}
	}
	best := ""
	for c, k := range n {
		if best == "" || k > n[best] || k == n[best] && c < best {
			best = c
		}
	}
	for c, k := range n {
		if c != best && 2*k > n[best] {
			return "" // no country stands out
		}
	}
	return best
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

// isBody reports whether an organisation is an internal body of another.
func isBody(e *entity) bool { return e.kind&kindBody != 0 }

// isLegislature reports whether an organisation is a legislature.
func isLegislature(e *entity) bool { return e.kind&kindLegislature != 0 }

// partyLike reports whether an organisation reads as a party or political
// group: an acronym, or a name with a party cue word, and no media word.
func partyLike(e *entity) bool { return e.kind&kindPartyLike != 0 }

// at returns the mention of sentence si that covers token k, or nil.
func (es *entitySet) at(si, k int) *ref {
	if at := es.atTok[si]; at != nil {
		if k < 0 || k >= len(at) {
			return nil
		}
		return at[k]
	}
	return firstAt(es.bySent[si], k)
}

// firstAt returns the first of a sentence's mentions, in token order, that
// token k is part of, looking no further than the first that starts after
// it; nil when none is.
func firstAt(ms []*ref, k int) *ref {
	for _, m := range ms {
		if m.i <= k && k < m.j {
			return m
		}
		if m.i > k {
			break
		}
	}
	return nil
}

// indexMentions is the most mentions a sentence has for at to read them in
// turn; a sentence with more gets an index of its tokens (indexTokens).
const indexMentions = 16

// indexTokens fills atTok for the sentences with more than indexMentions
// mentions: the mention each token is part of (firstAt), so that at costs
// the same however many mentions a long sentence has. Other sentences get
// no index: one pointer a token would be most of the memory an article
// takes here.
func (es *entitySet) indexTokens() {
	es.atTok = es.mem.refLists.take(len(es.bySent))
	for si, ms := range es.bySent {
		if len(ms) <= indexMentions {
			continue
		}
		at := es.mem.refPtrs.take(len(es.toks[si]))
		for k := range at {
			at[k] = firstAt(ms, k)
		}
		es.atTok[si] = at
	}
}

// startsAt returns the mention of sentence si that starts at token k, or nil.
func (es *entitySet) startsAt(si, k int) *ref {
	if m := es.at(si, k); m != nil && m.i == k {
		return m
	}
	return nil
}

// mentionsOf yields the sentence's mentions of entities of type t, in
// order, with no list made.
func (es *entitySet) mentionsOf(si int, t factions.EntityType) iter.Seq[*ref] {
	return func(yield func(*ref) bool) {
		for _, m := range es.bySent[si] {
			if m.ent.typ == t && !yield(m) {
				return
			}
		}
	}
}

// mentionsBefore returns the number of mentions (in es.all, in text order)
// that start before off.
func (es *entitySet) mentionsBefore(off int) int {
	return sort.Search(len(es.all), func(i int) bool { return es.all[i].span.Start >= off })
}

// orgBefore returns the organisation that "the party" refers to at offset
// off: the most recently mentioned party-like organisation, else the main
// one.
func (es *entitySet) orgBefore(off int) *entity {
	for k := es.mentionsBefore(off) - 1; k >= 0; k-- {
		e := es.all[k].ent
		if e.typ != factions.Organization || isBody(e) || isLegislature(e) {
			continue
		}
		// "the party" of an article about one party is that party, unless
		// another has as good a claim to be the topic
		if es.main != nil && es.main != e && 2*len(es.main.mentions) >= 3*len(e.mentions) {
			return es.main
		}
		return e
	}
	return es.main
}

// personBefore returns the person most recently named before off, outside
// quotations (unless off is in the same one), whom a pronoun of gender g
// ("m", "f", "" for either) can mean.
func (es *entitySet) personBefore(off int, g string) *entity {
	for k := es.mentionsBefore(off) - 1; k >= 0; k-- {
		m := es.all[k]
		if m.ent.typ != factions.Person {
			continue
		}
		if q := es.quoteAt(m.span.Start); q != nil && !(q.Outer.Start <= off && off < q.Outer.End) {
			continue
		}
		if fits(m.ent, g) {
			return m.ent
		}
	}
	return nil
}

// fits reports whether a pronoun of gender g can mean person e.
func fits(e *entity, g string) bool { return g == "" || e.gender == "" || e.gender == g }

// factionBefore returns the faction named last before off: an organisation
// whose name qualifies another's ("X (Y)", "X-Y").
func (es *entitySet) factionBefore(off int) *entity {
	k := sort.Search(len(es.factions), func(i int) bool { return es.factions[i].span.Start >= off })
	if k == 0 {
		return nil
	}
	return es.factions[k-1].ent
}

// orgByWord returns the organisation whose first, distinctive word the
// body's name holds: "Slough Conservative Association" of the
// "Conservative Party".
func (es *entitySet) orgByWord(b *entity) *entity {
	bw := es.fields(es.lower(b.name))
	for i, w := range bw {
		o := es.orgFirst[w]
		if o == nil || o == b {
			continue
		}
		// a generic party word ("Conservative", "National") counts only
		// right before the body's own word; an adjective of a place
		// ("Scottish") names no party
		if es.lx.orgCues.has(w) && i != len(bw)-2 || !es.lx.orgCues.has(w) && adjectival(w) {
			continue
		}
		return o
	}
	return nil
}

// orgEndingAt returns the organisation mention that ends just before token
// k, skipping a parenthesised acronym after it: "Y Party (YP) X".
func (es *entitySet) orgEndingAt(si, k int) *ref {
	toks := es.toks[si]
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
	if m := es.at(si, k-1); m != nil && m.j == k && m.ent.typ == factions.Organization {
		return m
	}
	return nil
}

// orgAfter returns the first organisation mention within a few tokens after
// k, before any other name or comma.
func (es *entitySet) orgAfter(si, k, within int) *ref {
	toks := es.toks[si]
	for x := k; x < len(toks) && x < k+within; x++ {
		if m := es.at(si, x); m != nil {
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

// orgMentionBefore returns the nearest organisation mention before token k
// in the same clause, within a few tokens, not a legislature.
func (es *entitySet) orgMentionBefore(si, k, within int) *ref {
	toks := es.toks[si]
	for x := k - 1; x >= 0 && x >= k-within; x-- {
		switch toks[x].Norm {
		case ";", "but", "while", "whereas", ":":
			return nil
		}
		if m := es.at(si, x); m != nil {
			if m.ent.typ == factions.Organization && !isLegislature(m.ent) {
				return m
			}
			x = m.i
		}
	}
	return nil
}

// sentenceSubject returns the mention that opens sentence si as its
// subject: the first mention, after at most a determiner and two
// lower-case modifiers ("The breakaway X", "Former minister Y").
func (es *entitySet) sentenceSubject(si int) *ref {
	toks := es.toks[si]
	for x := 0; x < len(toks) && x <= 3; x++ {
		if m := es.at(si, x); m != nil {
			return m
		}
		if t := &toks[x]; t.Kind != Word || x > 0 && t.Cap() || t.Is(cFunction) {
			return nil
		}
	}
	return nil
}

// sentenceSubjectOrg returns the organisation that opens the sentence when
// nothing but its apposition stands between it and token k: "The NAA, a
// small party based in the north, is headed by X".
func (es *entitySet) sentenceSubjectOrg(si, k int) *ref {
	toks := es.toks[si]
	first := 0
	if es.dateline != nil && es.dateline.s == si {
		first = es.dateline.j + 1
		for first < len(toks) && toks[first].Kind == Punct {
			first++
		}
	}
	for _, m := range es.bySent[si] {
		if m == es.dateline {
			continue
		}
		if m.i >= k || m.ent.typ != factions.Organization || m.i > first+2 || m.j >= len(toks) || toks[m.j].Norm != "," {
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

// bodyBefore returns the internal body named last before off whose name
// ends with noun ("the chapter": the "JND Malaysia chapter"), or nil.
func (es *entitySet) bodyBefore(off int, noun string) *entity {
	for k := es.mentionsBefore(off) - 1; k >= 0; k-- {
		if e := es.all[k].ent; isBody(e) && strings.EqualFold(lastWord(e.name), noun) {
			return e
		}
	}
	return nil
}

// bodyAt returns the internal body whose mention starts at token x or
// within the next few tokens.
func (es *entitySet) bodyAt(si, x int) *entity {
	for y := x; y < len(es.toks[si]) && y < x+5; y++ {
		if m := es.at(si, y); m != nil && isBody(m.ent) {
			return m.ent
		}
	}
	return nil
}

// placeAfter returns the place named at token k, after at most two
// lower-case words ("north London", "the capital city of X").
func (es *entitySet) placeAfter(si, k int) *ref {
	toks := es.toks[si]
	for x := k; x < len(toks) && x <= k+2; x++ {
		if m := es.at(si, x); m != nil {
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

// possessorOrg returns the organisation that "its" or "their" at token k
// of sentence si stands for. Opening a sentence, it is the subject of the
// sentence before when that is an organisation ("The breakaway X, led by
// Y, failed to win a seat. Its general secretary, Z, ..."); else the
// organisation whose possessive opens the sentence ("The faction's chief,
// X, ..., while its general secretary, Z"); else the party "the party"
// would be.
func (es *entitySet) possessorOrg(si, k int) *entity {
	toks := es.toks[si]
	first := 0
	for first < k && toks[first].Kind != Word {
		first++
	}
	if first == k && si > 0 {
		if m := es.sentenceSubject(si - 1); m != nil && m.ent.typ == factions.Organization && !isBody(m.ent) && !isLegislature(m.ent) {
			return m.ent
		}
	}
	if first < k {
		if o := es.subjectPossessor(si, first, k); o != nil {
			return o
		}
	}
	return es.orgBefore(toks[k].Start())
}

// subjectPossessor returns the organisation whose possessive opens the
// sentence at token first ("The faction's", "The NRF's"), when it comes
// before token k; nil otherwise.
func (es *entitySet) subjectPossessor(si, first, k int) *entity {
	toks := es.toks[si]
	for x := first; x < k && x <= first+4; x++ {
		if toks[x].Norm != "'s" || x == 0 {
			continue
		}
		if m := es.at(si, x-1); m != nil && m.j == x {
			if m.ent.typ == factions.Organization && !isBody(m.ent) {
				return m.ent
			}
			return nil
		}
		switch toks[x-1].Norm {
		case "faction", "group":
			return es.factionBefore(toks[x-1].Start())
		case "party":
			return es.orgBefore(toks[x-1].Start())
		}
		return nil
	}
	return nil
}
