package extract

import (
	"context"
	"sort"
	"strings"

	"github.com/factions/factions"
)

// Extractor runs the pipeline. The zero value is not usable: call New.
type Extractor struct {
	lx   *lexicons
	err  error
	opts options
}

type options struct {
	noStatements bool
	noFacts      bool
}

// Option configures an Extractor.
type Option func(*options)

// WithoutStatements turns off the statement stage.
func WithoutStatements() Option { return func(o *options) { o.noStatements = true } }

// WithoutFacts turns off the relation stage.
func WithoutFacts() Option { return func(o *options) { o.noFacts = true } }

// New returns an Extractor with the embedded lexicons.
func New(opts ...Option) *Extractor {
	x := &Extractor{}
	for _, o := range opts {
		o(&x.opts)
	}
	x.lx, x.err = loadLexicons()
	return x
}

// Extract reads an article's text. It returns an error when ctx is done or
// the embedded lexicons could not be read; any text, however odd, gives a
// result whose spans lie within it.
func (x *Extractor) Extract(ctx context.Context, text string) (*factions.Extraction, error) {
	if x.err != nil {
		return nil, x.err
	}
	d := newDoc(text, x.lx)
	d.ments = make([][]*mention, len(d.sents))
	for si := range d.sents {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		d.ments[si] = d.findMentions(si)
	}
	d.findDateline()
	d.resolve()
	d.dropUnresolved()
	if !x.opts.noStatements {
		d.statements()
	}
	if !x.opts.noFacts {
		d.relations()
		d.stance()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return d.output(), nil
}

// dropUnresolved removes mentions that did not become an entity.
func (d *doc) dropUnresolved() {
	for si, ms := range d.ments {
		out := ms[:0]
		for _, m := range ms {
			if m.ent != nil && !m.ent.removed {
				out = append(out, m)
			}
		}
		d.ments[si] = out
	}
	all := d.all[:0]
	for _, m := range d.all {
		if m.ent != nil && !m.ent.removed {
			all = append(all, m)
		}
	}
	d.all = all
}

// stance sets each fact's stance and attribution: a fact inside a statement
// belongs to its speaker and is denied when the speaker denies; a hedge in
// the clause hedges it; a negation before its verb denies it.
func (d *doc) stance() {
	for _, f := range d.facts {
		f.stance = factions.Asserted
		from := f.from
		for _, s := range d.stmtsAround(f.sent) {
			if s.content.Start <= f.at && f.at < s.content.End && !(f.appositive && s.kind == factions.Indirect) {
				f.attr = s.who()
				if s.deny {
					f.stance = factions.Denied
				}
				// the reporting clause ("X alleged that") does not hedge
				// what X says
				if s.content.Start > from {
					from = s.content.Start
				}
				break
			}
		}
		if f.stance == factions.Denied {
			continue
		}
		toks := d.toks[f.sent]
		for k, t := range toks {
			if t.Start < from || t.Start > f.at {
				continue
			}
			if n, _ := d.lx.hedges.match(toks, k); n > 0 && !(k+1 < len(toks) && toks[k+1].Norm == "that" && d.isSpeechWord(t.Norm)) {
				f.stance = factions.Hedged
			}
			if t.Start < f.at && (t.Norm == "not" || t.Norm == "never" || t.Norm == "n't") {
				f.stance = factions.Denied
				break
			}
		}
	}
}

// output turns the document into an Extraction.
func (d *doc) output() *factions.Extraction {
	x := &factions.Extraction{Entities: []factions.Entity{}, Claims: []factions.Claim{}, Statements: []factions.Statement{}}
	if d.dateline != nil {
		x.Dateline = d.dateline.name
	}
	for _, e := range d.ents {
		fe := factions.Entity{Name: e.name, Type: e.typ, Aliases: append([]string{}, e.aliases...)}
		for _, m := range e.mentions {
			fe.Mentions = append(fe.Mentions, factions.Mention{Text: d.text[m.span.Start:m.span.End], Span: m.span})
		}
		x.Entities = append(x.Entities, fe)
	}
	// one source that both asserts and hedges a fact asserts it: the
	// hedged restatement is no second claim
	asserted := map[string]bool{}
	for _, f := range d.facts {
		if f.stance == factions.Asserted {
			asserted[strings.Join([]string{f.subj.name, string(f.pred), f.obj.name, f.role, f.attr}, "|")] = true
		}
	}
	seen := map[string]bool{}
	for _, f := range d.facts {
		if f.stance == factions.Hedged && asserted[strings.Join([]string{f.subj.name, string(f.pred), f.obj.name, f.role, f.attr}, "|")] {
			continue
		}
		// a fact the article states in its own voice is not a speaker's
		// claim too (FORMAT: attributed when stated only in reported speech)
		if f.stance == factions.Asserted && f.attr != "" && asserted[strings.Join([]string{f.subj.name, string(f.pred), f.obj.name, f.role, ""}, "|")] {
			continue
		}
		c := factions.Claim{Subject: f.subj.name, Predicate: f.pred, Object: f.obj.name, Role: f.role,
			Former: f.former, Stance: f.stance, AttributedTo: f.attr, Evidence: d.sents[f.sent].Span,
			Sentence: d.text[d.sents[f.sent].Start:d.sents[f.sent].End]}
		key := strings.Join([]string{c.Subject, string(c.Predicate), c.Object, c.Role, string(c.Stance), c.AttributedTo}, "|")
		if seen[key] {
			continue
		}
		seen[key] = true
		x.Claims = append(x.Claims, c)
	}
	for _, s := range d.stmts {
		x.Statements = append(x.Statements, factions.Statement{Speaker: s.who(), Kind: s.kind,
			Text: d.text[s.content.Start:s.content.End], Span: s.content, Evidence: s.evidence})
	}
	return x
}

// stmtsAround returns the statements whose evidence begins within a few
// sentences before sentence si (statements are in text order).
func (d *doc) stmtsAround(si int) []*stmt {
	lo := sort.Search(len(d.stmts), func(i int) bool { return d.stmts[i].sent >= si-6 })
	hi := sort.Search(len(d.stmts), func(i int) bool { return d.stmts[i].sent > si })
	return d.stmts[lo:hi]
}
