package extract

import (
	"slices"

	"github.com/factions/factions"
)

// output turns the stages' results into an Extraction.
func output(es *entitySet, fs *factSet, claims []*claim, ss *stmtSet) *factions.Extraction {
	// every list sized up front: the result is most of what an extraction
	// allocates
	x := &factions.Extraction{Entities: make([]factions.Entity, 0, len(es.ents)+len(fs.units)),
		Claims: make([]factions.Claim, 0, len(claims)), Statements: make([]factions.Statement, 0, len(ss.list))}
	if es.dateline != nil {
		x.Dateline = es.dateline.name
	}
	ents := slices.Concat(es.ents, fs.units)
	// the aliases and mentions of all entities in one list each, every
	// entity's share cut from it without room to append
	nAliases, nMentions := 0, 0
	for _, e := range ents {
		nAliases += len(e.aliases)
		nMentions += len(e.mentions)
	}
	aliases := make([]string, 0, nAliases)
	mentions := make([]factions.Mention, 0, nMentions)
	for _, e := range ents {
		a := len(aliases)
		aliases = append(aliases, e.aliases...)
		fe := factions.Entity{Name: e.name, Type: e.typ, Aliases: aliases[a:len(aliases):len(aliases)]}
		if len(e.mentions) > 0 {
			k := len(mentions)
			for _, m := range e.mentions {
				mentions = append(mentions, factions.Mention{Text: es.text[m.span.Start:m.span.End], Span: m.span})
			}
			fe.Mentions = mentions[k:len(mentions):len(mentions)]
		}
		x.Entities = append(x.Entities, fe)
	}
	// a claim's key: its fact and who asserts it (and how, in seen)
	type claimKey struct {
		subj, obj, role, attr string
		pred                  factions.Predicate
		stance                factions.Stance
	}
	key := func(c *claim, attr string) claimKey {
		return claimKey{subj: c.subj.name, obj: c.obj.name, role: c.role, attr: attr, pred: c.pred}
	}
	// one source that both asserts and hedges a fact asserts it: the
	// hedged restatement is no second claim
	asserted := map[claimKey]bool{}
	for _, c := range claims {
		if c.stance == factions.Asserted {
			asserted[key(c, c.attr)] = true
		}
	}
	seen := map[claimKey]bool{}
	for _, c := range claims {
		if c.stance == factions.Hedged && asserted[key(c, c.attr)] {
			continue
		}
		// a fact the article states in its own voice is not a speaker's
		// claim too (FORMAT: attributed when stated only in reported speech)
		if c.stance == factions.Asserted && c.attr != "" && asserted[key(c, "")] {
			continue
		}
		sent := es.sents[c.sent]
		fc := factions.Claim{Subject: c.subj.name, Predicate: c.pred, Object: c.obj.name, Role: c.role,
			Former: c.former, Stance: c.stance, AttributedTo: c.attr, Evidence: sent.Span,
			Sentence: es.text[sent.Start:sent.End]}
		k := key(c, c.attr)
		k.stance = c.stance
		if seen[k] {
			continue
		}
		seen[k] = true
		x.Claims = append(x.Claims, fc)
	}
	for _, s := range ss.list {
		x.Statements = append(x.Statements, factions.Statement{Speaker: s.who(), Kind: s.kind,
			Text: es.text[s.content.Start:s.content.End], Span: s.content, Evidence: s.evidence})
	}
	return x
}
