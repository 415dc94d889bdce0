package extract

import (
	"strings"

	"github.com/factions/factions"
)

// docRule is a relation rule over the whole article, run after the rules of
// the sentences.
type docRule struct {
	name string
	read func(r *relations)
}

// docRules are the article-level rules, in order.
var docRules = []docRule{
	{"factions", (*relations).factionNames},
	{"bodies", (*relations).bodies},
	{"local units", (*relations).localUnits},
	{"several leaders", (*relations).severalLeaders},
}

// factionNames finds factions: an organisation named after another with a
// qualifier ("NRF (Reformist)", "NRF-R" when NRF is named too) in an article
// that speaks of factions or splits.
func (r *relations) factionNames() {
	if !r.splitTalk() {
		return
	}
	for _, f := range r.ents {
		if f.typ != factions.Organization || isBody(f) {
			continue
		}
		if w := r.fields(r.lower(f.name)); len(w) > 1 {
			if c := r.lx.orgCues.class(w[len(w)-1]); c != "" && c != "party" {
				continue // "MQM-P headquarters" is a place of a party, no faction
			}
		}
		for _, parent := range parentNames(f.name) {
			p := r.orgNames[parent]
			if p == nil || p == f || isLegislature(p) {
				continue
			}
			if rest := strings.TrimPrefix(f.name, parent); strings.HasPrefix(rest, "-") && r.orgNames[rest[1:]] != nil {
				continue // "Congress-NCP": two parties together, not a faction
			}
			m := f.mentions[0]
			// read from the names, so in the article's own voice
			r.addFact(&fact{subj: f, obj: p, pred: factions.FactionOf, sent: m.s, at: m.span.Start, from: r.sents[m.s].Start, appositive: true})
			break
		}
	}
}

// splitTalk reports whether the article speaks of factions or splits.
func (r *relations) splitTalk() bool {
	for si := range r.sents {
		if !r.sentMasks[si].has(cSplit) {
			continue
		}
		toks := r.toks[si]
		for k := range toks {
			if n, _ := r.lx.splits.match(toks, k); n > 0 {
				return true
			}
		}
	}
	return false
}

// bodies links internal bodies ("the coordination committee", "NUPF's
// disciplinary committee") to their organisation.
func (r *relations) bodies() {
	for _, b := range r.ents {
		if b.typ != factions.Organization || !isBody(b) || wordCount(b.name) < 2 {
			continue
		}
		// the evidence: a mention outside quotations with an organisation near
		m := b.mentions[0]
		for _, bm := range b.mentions {
			if r.quoteAt(bm.span.Start) == nil && r.orgMentionBefore(bm.s, bm.i, 12) != nil {
				m = bm
				break
			}
		}
		if r.indefiniteOnly(b) || r.lexiconParty(b) {
			continue // "a Commons committee": some committee, not one named; "Forward Bloc": a party
		}
		owner := r.bodyOwner(b, m)
		// a body belongs to a party or a legislature, not to a paper the
		// article cites
		if owner == nil || owner == b || !partyLike(owner) && !isLegislature(owner) {
			continue
		}
		r.addFact(&fact{subj: b, obj: owner, pred: factions.PartOf, sent: m.s, at: m.span.Start, from: r.sents[m.s].Start, appositive: true})
	}
}

// lexiconParty reports whether one of an organisation's names is a party of
// parties.tsv.
func (r *relations) lexiconParty(e *entity) bool {
	for n := range e.eachName {
		if r.party(n, r.country) != nil {
			return true
		}
	}
	return false
}

// indefiniteOnly reports whether a body is only ever "a committee" in the
// middle of a clause ("evidence to a Commons committee", "constitute a
// parliamentary committee"): some committee, not one the article names. One
// introduced as a sentence's subject or with an apposition ("A new
// 22-member committee, the highest body of the party,") is named.
func (r *relations) indefiniteOnly(b *entity) bool {
	for _, m := range b.mentions {
		toks := r.toks[m.s]
		a := m.i
		if w := normAt(toks, a); w != "a" && w != "an" {
			if a--; a < 0 || normAt(toks, a) != "a" && normAt(toks, a) != "an" {
				return false
			}
		}
		if a <= r.firstWord(m.s) || normAt(toks, m.j) == "," {
			return false
		}
	}
	return true
}

// possessiveS drops the possessive 's inside a name.
var possessiveS = strings.NewReplacer("'s ", " ", "’s ", " ")

// bodyOwner returns the organisation body b belongs to: one whose name
// opens the body's, one whose distinctive word the body's name holds
// ("Slough Conservative Association" of the "Conservative Party"), the one
// named before it in its sentence, or for a lower-case body the party in
// question.
func (r *relations) bodyOwner(b *entity, m *ref) *entity {
	for n := range b.eachName {
		w := r.fields(possessiveS.Replace(n))
		for k := len(w) - 1; k >= 1; k-- {
			var buf [128]byte
			if o := r.orgNames[string(appendJoined(buf[:0], w[:k]))]; o != nil && o != b && !isBody(o) {
				return o
			}
		}
	}
	if o := r.orgByWord(b); o != nil {
		return o
	}
	// "the negotiating committee of the PTI"
	toks := r.toks[m.s]
	x := m.j
	if normAt(toks, x) == "of" {
		if normAt(toks, x+1) == "the" {
			x++
		}
		if om := r.startsAt(m.s, x+1); om != nil && om.ent.typ == factions.Organization && om.ent != b {
			return om.ent
		}
	}
	if b.kind&kindBranch != 0 && strings.HasSuffix(r.lower(b.name), " association") {
		return nil // a local association named after no party belongs to none we know
	}
	if om := r.orgMentionBefore(m.s, m.i, 12); om != nil && !isBody(om.ent) {
		return om.ent
	}
	if !capitalized(b.name) {
		// "the coordination committee" belongs to the party in question; a
		// named "Crime Branch" to no party we know
		return r.orgBefore(m.span.Start)
	}
	return nil
}

// localUnits links a party's local units and legislative groups, named by
// the party's name and a place or a group word, to the party: "Delhi BJP",
// "state BJP", "PTI Punjab chapter", "BJP Legislature Party", "AAP
// legislative party".
func (r *relations) localUnits() {
	for _, u := range r.ents {
		if u.typ != factions.Organization || isBody(u) && !isBranch(u) {
			continue
		}
		for n := range u.eachName {
			if p := r.unitParent(u, r.fields(n)); p != nil {
				m := u.mentions[0]
				r.addFact(&fact{subj: u, obj: p, pred: factions.PartOf, sent: m.s, at: m.span.Start, from: r.sents[m.s].Start, appositive: true})
				break
			}
		}
	}
}

func isBranch(e *entity) bool { return e.kind&kindBranch != 0 }

// unitParent returns the party a unit's name words name around a place, a
// level word or a group word, or nil.
func (r *relations) unitParent(u *entity, w []string) *entity {
	party := func(words []string) *entity {
		var buf [128]byte
		if p := r.orgNames[string(appendJoined(buf[:0], words))]; p != nil && p != u && partyLike(p) {
			return p
		}
		return nil
	}
	for k := 1; k < len(w); k++ {
		head, rest := w[:k], w[k:]
		// "Delhi BJP", "state BJP": a place or a level, then the party
		if p := party(rest); p != nil && (r.unitPlaceName(head) || len(head) == 1 && r.lx.is(r.lower(head[0]), cUnitLevel)) {
			return p
		}
		// "PTI Punjab chapter", "BJP Legislature Party": the party, then a
		// place or a group of its legislators
		if p := party(head); p != nil && (r.unitPlaceName(trimUnitNoun(r.lx, rest)) || legislativeGroup(r.lx, rest)) {
			return p
		}
	}
	return nil
}

// unitPlaceName reports whether words name a place a party has local units
// in (see unitPlace).
func (r *relations) unitPlaceName(words []string) bool {
	if len(words) == 0 {
		return false
	}
	name := strings.Join(words, " ")
	if !r.isPlace(name) {
		return false
	}
	return r.unitPlace(&entity{name: name})
}

// trimUnitNoun drops a unit noun that ends the words: "Punjab chapter".
func trimUnitNoun(lx *lexicons, words []string) []string {
	if n := len(words); n > 1 && lx.is(strings.ToLower(words[n-1]), cBranch) {
		return words[:n-1]
	}
	return words
}

// legislativeGroup reports whether words name a party's group in a
// legislature: "Parliamentary Party", "legislature party", "legislative
// party".
func legislativeGroup(lx *lexicons, words []string) bool {
	return len(words) == 2 && strings.EqualFold(words[1], "party") && lx.is(strings.ToLower(words[0]), cLegislative)
}

// severalLeaders reads "ORG leader X" as membership when the article gives
// that title to several people of one organisation: an organisation has one
// head at a time, so "UDF leader X" and "UDF leader Y" are two of its
// leaders, members; "UKIP leader X" alone is its head.
func (r *relations) severalLeaders() {
	byOrg := map[*entity][]*fact{}
	for _, f := range r.facts {
		if f.pred != factions.Leads || f.former || !f.appositive {
			continue
		}
		toks := r.toks[f.sent]
		k := r.tokIndex(f.sent, f.at)
		if k < 2 || k >= len(toks) || toks[k-1].Norm != "leader" {
			continue
		}
		if om := r.at(f.sent, k-2); om == nil || om.j != k-1 || om.ent != f.obj {
			if om := r.orgEndingAt(f.sent, k-1); om == nil || om.ent != f.obj {
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
