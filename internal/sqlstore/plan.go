package sqlstore

import (
	"strings"

	"github.com/factions/factions"
)

// xent is an entity of the extraction being saved, or one created on the fly
// for a claim naming something the extraction does not list.
type xent struct {
	name     string // the name the article gives it, its fullest
	typ      factions.EntityType
	names    []string // name and aliases, distinct once normalized
	norms    []string // NormalizeName of names
	vkeys    []string // VariantKey of names, "" for acronyms
	mentions []factions.Mention

	best   string // the fullest of names (factions.FullerName), its occurrence's name
	joined string // names, one a line (joinNames)

	id       int64 // stored entity
	existing bool  // id was stored before this article
	occ      int64 // its occurrence, once written
}

func (e *xent) add(p *plan, name string) {
	n := p.norm(name)
	if n == "" {
		return
	}
	for _, m := range e.norms {
		if m == n {
			return
		}
	}
	e.names = append(e.names, strings.TrimSpace(name))
	e.norms = append(e.norms, n)
	e.vkeys = append(e.vkeys, p.vkey(name))
}

type pclaim struct {
	c        *factions.Claim
	stance   factions.Stance
	s, o     int
	attr     int // index into plan.ents, -1 for free text or own voice
	sentence string
}

type pstmt struct {
	st      *factions.Statement
	kind    factions.StatementKind
	speaker int
	text    string
}

// plan is an extraction checked against its article and with every name
// mapped to an entity of the extraction.
type plan struct {
	ents   []*xent
	byNorm map[string][]int // normalized name → entities, those it is the name of first
	claims []pclaim
	stmts  []pstmt

	norms factions.NameNorms
	vkeys map[string]string // memo of variantKey
}

// norm returns factions.NormalizeName(s), computed once per plan.
func (p *plan) norm(s string) string {
	return p.norms.Normalize(s)
}

// vkey returns variantKey(s), computed once per plan.
func (p *plan) vkey(s string) string {
	k, ok := p.vkeys[s]
	if !ok {
		k = variantKey(s)
		p.vkeys[s] = k
	}
	return k
}

// lookup returns the entity of the extraction named name, preferring the
// types in want, or -1.
func (p *plan) lookup(name string, want ...factions.EntityType) int {
	cs := p.byNorm[p.norm(name)]
	for _, t := range want {
		for _, i := range cs {
			if p.ents[i].typ == t {
				return i
			}
		}
	}
	if len(cs) > 0 {
		return cs[0]
	}
	return -1
}

// entityFor returns the entity named name in the given place of a claim,
// creating one of the expected type when the extraction has none.
func (p *plan) entityFor(name string, pred factions.Predicate, object bool) int {
	want := pred.Info().Subject
	if object {
		want = pred.Info().Object
	}
	if i := p.lookup(name, want...); i >= 0 {
		return i
	}
	e := &xent{name: strings.TrimSpace(name), typ: want[0]}
	e.add(p, name)
	p.ents = append(p.ents, e)
	i := len(p.ents) - 1
	p.byNorm[e.norms[0]] = append(p.byNorm[e.norms[0]], i)
	return i
}

func invalid(format string, args ...any) error {
	return factions.Errorf(factions.EINVALID, format, args...)
}

// newPlan checks x against text and maps its names to entities. An
// invalid type, predicate, stance or kind, a nameless entity or claim, or a
// span outside the text is EINVALID.
func newPlan(text string, x *factions.Extraction) (*plan, error) {
	p := &plan{byNorm: map[string][]int{}, norms: factions.NameNorms{}, vkeys: map[string]string{}}
	if err := p.addEntities(text, x.Entities); err != nil {
		return nil, err
	}
	for i := range x.Claims {
		if err := p.addClaim(text, i, &x.Claims[i]); err != nil {
			return nil, err
		}
	}
	for i := range x.Statements {
		if err := p.addStatement(text, i, &x.Statements[i]); err != nil {
			return nil, err
		}
	}
	for _, e := range p.ents {
		e.best = e.names[0]
		for _, n := range e.names[1:] {
			e.best = factions.FullerName(e.best, n)
		}
		e.joined = joinNames(e.names)
	}
	return p, nil
}

// addEntities adds the entities of the extraction and indexes their names:
// the entities a normalized name is the name of first, then those it is an
// alias of.
func (p *plan) addEntities(text string, es []factions.Entity) error {
	n := len(text)
	for i := range es {
		e := &es[i]
		if !e.Type.Valid() {
			return invalid("entity %q: invalid type %q", e.Name, e.Type)
		}
		if p.norm(e.Name) == "" {
			return invalid("entity %d has no name", i+1)
		}
		xe := &xent{name: strings.TrimSpace(e.Name), typ: e.Type}
		xe.add(p, e.Name)
		for _, a := range e.Aliases {
			xe.add(p, a)
		}
		for _, m := range e.Mentions {
			if !m.Span.In(n) {
				return invalid("entity %q: mention span [%d, %d) outside the text of %d bytes", e.Name, m.Span.Start, m.Span.End, n)
			}
			if m.Text == "" {
				m.Text = text[m.Span.Start:m.Span.End]
			}
			xe.mentions = append(xe.mentions, m)
		}
		p.ents = append(p.ents, xe)
	}
	for i, e := range p.ents {
		p.byNorm[e.norms[0]] = append(p.byNorm[e.norms[0]], i)
	}
	for i, e := range p.ents {
		for _, m := range e.norms[1:] {
			p.byNorm[m] = append(p.byNorm[m], i)
		}
	}
	return nil
}

// addClaim checks claim i, c, and maps its names to entities.
func (p *plan) addClaim(text string, i int, c *factions.Claim) error {
	if !c.Predicate.Valid() {
		return invalid("claim %d: invalid predicate %q", i+1, c.Predicate)
	}
	stance := c.Stance
	if stance == "" {
		stance = factions.Asserted
	}
	if !stance.Valid() {
		return invalid("claim %d: invalid stance %q", i+1, c.Stance)
	}
	if p.norm(c.Subject) == "" || p.norm(c.Object) == "" {
		return invalid("claim %d: subject and object must be named", i+1)
	}
	if !c.Evidence.In(len(text)) {
		return invalid("claim %d: evidence span [%d, %d) outside the text of %d bytes", i+1, c.Evidence.Start, c.Evidence.End, len(text))
	}
	pc := pclaim{c: c, stance: stance, attr: -1, sentence: c.Sentence}
	if c.Evidence.Len() > 0 {
		pc.sentence = text[c.Evidence.Start:c.Evidence.End]
	}
	pc.s = p.entityFor(c.Subject, c.Predicate, false)
	pc.o = p.entityFor(c.Object, c.Predicate, true)
	if p.norm(c.AttributedTo) != "" {
		pc.attr = p.lookup(c.AttributedTo, factions.Person, factions.Organization)
	}
	p.claims = append(p.claims, pc)
	return nil
}

// addStatement checks statement i, st, and maps its speaker to an entity.
func (p *plan) addStatement(text string, i int, st *factions.Statement) error {
	kind := st.Kind
	if kind == "" {
		kind = factions.Indirect
	}
	if kind != factions.Direct && kind != factions.Indirect {
		return invalid("statement %d: invalid kind %q", i+1, st.Kind)
	}
	if n := len(text); !st.Span.In(n) || !st.Evidence.In(n) {
		return invalid("statement %d: span outside the text of %d bytes", i+1, n)
	}
	ps := pstmt{st: st, kind: kind, speaker: -1, text: st.Text}
	if ps.text == "" {
		ps.text = text[st.Span.Start:st.Span.End]
	}
	if p.norm(st.Speaker) != "" {
		ps.speaker = p.lookup(st.Speaker, factions.Person, factions.Organization)
	}
	p.stmts = append(p.stmts, ps)
	return nil
}
