package extract

import (
	"sort"

	"github.com/factions/factions"
)

// claim is a fact with the stance the stance stage gives it.
type claim struct {
	*fact
	stance factions.Stance
	attr   string
}

// readStance is the stance stage: a fact inside a statement belongs to its
// speaker and is denied when the speaker denies; a hedge in the clause
// before the fact's word hedges it; a negation there denies it.
func readStance(d *document, fs *factSet, ss *stmtSet) []*claim {
	out := make([]*claim, 0, len(fs.list))
	for _, f := range fs.list {
		c := &claim{fact: f, stance: factions.Asserted}
		from := f.from
		for _, s := range stmtsAround(ss.list, f.sent) {
			if s.content.Start <= f.at && f.at < s.content.End && !(f.appositive && s.kind == factions.Indirect) {
				c.attr = s.who()
				if s.deny {
					c.stance = factions.Denied
				}
				// the reporting clause ("X alleged that") does not hedge
				// what X says
				from = max(from, s.content.Start)
				break
			}
		}
		// a negation or a hedge in the clause is of its verb, not of a name's
		// description ("could not arrange a meeting of the party's
		// negotiating committee")
		if c.stance != factions.Denied && !f.appositive {
			c.stance = d.clauseStance(f, from, c.stance)
		}
		out = append(out, c)
	}
	return append(out, denials(d, out, ss)...)
}

// denials reads a denial of what the sentence before reported: "But the
// claim was denied by X", "X rejected these reports": the claims a speaker
// made there are denied by X too, a contested claim.
func denials(d *document, claims []*claim, ss *stmtSet) []*claim {
	var out []*claim
	for si := 1; si < len(d.sents); si++ {
		denier := deniesBack(d, si, ss)
		if denier == "" {
			continue
		}
		for _, c := range claims {
			if (c.sent == si-1 || c.sent == si-2) && !c.appositive && c.attr != "" && c.attr != denier && c.stance == factions.Asserted {
				out = append(out, &claim{fact: c.fact, stance: factions.Denied, attr: denier})
			}
		}
	}
	return out
}

// deniesBack returns who denies, in sentence si, a claim made before: a
// reporting verb of denial next to a noun for what was said ("the claim",
// "these reports", "the allegation"), its speaker the sentence's
// statement's; "" when the sentence denies nothing said before.
func deniesBack(d *document, si int, ss *stmtSet) string {
	if m := &d.sentMasks[si]; !m.has(cSpeech) || !m.has(cClaimNoun) {
		return "" // no reporting verb, or no noun for what was said
	}
	toks := d.toks[si]
	for k := range toks {
		n, cls := d.speechVerbAt(toks, k)
		if n == 0 || cls != "deny" {
			continue
		}
		back := false
		for x := max(k-3, 0); x < min(k+n+3, len(toks)); x++ {
			back = back || toks[x].Is(cClaimNoun)
		}
		if !back {
			continue
		}
		for _, s := range ss.list {
			if s.sent == si && s.who() != "" {
				return s.who()
			}
		}
	}
	return ""
}

// clauseStance reads the hedges and negations between from and the fact's
// word: "may", "reportedly" hedge; "not", "never" deny.
func (d *document) clauseStance(f *fact, from int, stance factions.Stance) factions.Stance {
	toks := d.toks[f.sent]
	for k, t := range toks {
		if t.Start() < from || t.Start() > f.at {
			continue
		}
		if n, _ := d.lx.hedges.match(toks, k); n > 0 && !(normAt(toks, k+1) == "that" && d.isSpeechWord(t.Norm)) && !formula(toks, k) {
			stance = factions.Hedged
		}
		if t.Start() < f.at && d.lx.negations.hasTok(&t) && !toks[min(k+1, len(toks)-1)].Is(cFocus) {
			return factions.Denied
		}
	}
	return stance
}

// formula reports whether the hedge at toks[k] opens a formula that hedges
// nothing: "it may be noted that", "it may be recalled".
func formula(toks []Token, k int) bool {
	return normAt(toks, k+1) == "be" && k+2 < len(toks) && toks[k+2].Is(cDiscourse)
}

// stmtsAround returns the statements whose sentence is within a few
// sentences before sentence si, or si itself.
func stmtsAround(list []*stmt, si int) []*stmt {
	lo := sort.Search(len(list), func(i int) bool { return list[i].sent >= si-6 })
	hi := sort.Search(len(list), func(i int) bool { return list[i].sent > si })
	if hi < lo {
		return nil
	}
	return list[lo:hi]
}
