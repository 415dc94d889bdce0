package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/factions/factions"
)

// linkPredicates are the predicates resolution reads from the stored
// claims: those that tie their subject to their object (PredicateInfo.Tie)
// and those that make it an internal body of the object (Body).
var linkPredicates = func() []any {
	var out []any
	for _, p := range factions.Predicates {
		if r := p.Info(); r.Tie != "" || r.Structure == factions.Body {
			out = append(out, string(p))
		}
	}
	return out
}()

// bodyPredicates are the predicates that make their subject an internal
// body of their object.
var bodyPredicates = func() []any {
	var out []any
	for _, p := range factions.Predicates {
		if p.Info().Structure == factions.Body {
			out = append(out, string(p))
		}
	}
	return out
}()

// xent is an entity of the extraction being saved, or one created on the fly
// for a claim naming something the extraction does not list.
type xent struct {
	name     string // the name the article gives it, its fullest
	typ      factions.EntityType
	names    []string // name and aliases, distinct once normalized
	norms    []string // NormalizeName of names
	vkeys    []string // VariantKey of names, "" for acronyms
	mentions []factions.Mention
	links    []int // what it is tied to (PredicateInfo.Tie): a person's organizations, an organization's places
	parent   int   // organization: what it is part_of (an internal body), -1 if none
	// person: the organisations the article relates to its links (a
	// faction, the party it merged into, a body): the same family of
	// organisations, which counts as context too
	related []int

	id       int64 // stored entity
	existing bool  // id was stored before this article
	reason   string
	bridged  []string // stored organisations merged into id by this article (bridge)
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
	cands  map[int64]*cand // stored entities that may be those of the extraction

	norms, vkeys map[string]string // memos of NormalizeName and variantKey
}

// norm returns factions.NormalizeName(s), computed once per plan.
func (p *plan) norm(s string) string {
	n, ok := p.norms[s]
	if !ok {
		n = factions.NormalizeName(s)
		p.norms[s] = n
	}
	return n
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
	e := &xent{name: strings.TrimSpace(name), typ: want[0], parent: -1}
	e.add(p, name)
	p.ents = append(p.ents, e)
	i := len(p.ents) - 1
	p.byNorm[e.norms[0]] = append(p.byNorm[e.norms[0]], i)
	return i
}

// relate sets the related organisations of the persons of p: those two
// steps at most from one they are tied to through the article's faction_of,
// merged_into and part_of claims that are not denied ("the faction's
// general secretary joined the presidium of the party it merged into").
func (p *plan) relate() {
	fam := map[int][]int{}
	for _, pc := range p.claims {
		if pc.c.Predicate.Info().Lineage == "" {
			continue
		}
		if pc.stance == factions.Denied || pc.s == pc.o || p.ents[pc.s].typ != factions.Organization || p.ents[pc.o].typ != factions.Organization {
			continue
		}
		fam[pc.s] = append(fam[pc.s], pc.o)
		fam[pc.o] = append(fam[pc.o], pc.s)
	}
	if len(fam) == 0 {
		return
	}
	for _, e := range p.ents {
		if e.typ != factions.Person || len(e.links) == 0 {
			continue
		}
		seen := map[int]bool{}
		for _, o := range e.links {
			seen[o] = true
		}
		frontier := e.links
		for step := 0; step < 2; step++ {
			var next []int
			for _, o := range frontier {
				for _, r := range fam[o] {
					if !seen[r] {
						seen[r] = true
						e.related = append(e.related, r)
						next = append(next, r)
					}
				}
			}
			frontier = next
		}
	}
}

func invalid(format string, args ...any) error {
	return factions.Errorf(factions.EINVALID, format, args...)
}

// newPlan checks x against text and maps its names to entities.
func newPlan(text string, x *factions.Extraction) (*plan, error) {
	p := &plan{byNorm: map[string][]int{}, norms: map[string]string{}, vkeys: map[string]string{}}
	n := len(text)
	for i := range x.Entities {
		e := &x.Entities[i]
		if !e.Type.Valid() {
			return nil, invalid("entity %q: invalid type %q", e.Name, e.Type)
		}
		if p.norm(e.Name) == "" {
			return nil, invalid("entity %d has no name", i+1)
		}
		xe := &xent{name: strings.TrimSpace(e.Name), typ: e.Type, parent: -1}
		xe.add(p, e.Name)
		for _, a := range e.Aliases {
			xe.add(p, a)
		}
		for _, m := range e.Mentions {
			if !m.Span.In(n) {
				return nil, invalid("entity %q: mention span [%d, %d) outside the text of %d bytes", e.Name, m.Span.Start, m.Span.End, n)
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
	for i := range x.Claims {
		c := &x.Claims[i]
		if !c.Predicate.Valid() {
			return nil, invalid("claim %d: invalid predicate %q", i+1, c.Predicate)
		}
		stance := c.Stance
		if stance == "" {
			stance = factions.Asserted
		}
		if !stance.Valid() {
			return nil, invalid("claim %d: invalid stance %q", i+1, c.Stance)
		}
		if p.norm(c.Subject) == "" || p.norm(c.Object) == "" {
			return nil, invalid("claim %d: subject and object must be named", i+1)
		}
		if !c.Evidence.In(n) {
			return nil, invalid("claim %d: evidence span [%d, %d) outside the text of %d bytes", i+1, c.Evidence.Start, c.Evidence.End, n)
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
		s, info := p.ents[pc.s], c.Predicate.Info()
		switch {
		case info.Tie != "" && info.Tie == s.typ:
			s.links = append(s.links, pc.o)
		case s.typ == factions.Organization && info.Structure == factions.Body && s.parent < 0 && pc.o != pc.s && stance == factions.Asserted:
			s.parent = pc.o
		}
	}
	p.relate()
	for i := range x.Statements {
		st := &x.Statements[i]
		kind := st.Kind
		if kind == "" {
			kind = factions.Indirect
		}
		if kind != factions.Direct && kind != factions.Indirect {
			return nil, invalid("statement %d: invalid kind %q", i+1, st.Kind)
		}
		if !st.Span.In(n) || !st.Evidence.In(n) {
			return nil, invalid("statement %d: span outside the text of %d bytes", i+1, n)
		}
		ps := pstmt{st: st, kind: kind, speaker: -1, text: st.Text}
		if ps.text == "" {
			ps.text = text[st.Span.Start:st.Span.End]
		}
		if p.norm(st.Speaker) != "" {
			ps.speaker = p.lookup(st.Speaker, factions.Person, factions.Organization)
		}
		p.stmts = append(p.stmts, ps)
	}
	return p, nil
}

// SaveArticle stores a and what x extracted from it in one transaction,
// resolving the entities of x against those already stored. It sets a.ID,
// a.Hash (computed from the text when empty) and a.Ingested. When an article
// of the same hash is stored it changes nothing and returns that article's
// ID with created false. An article with no text, or an extraction with an
// invalid type, predicate, stance or kind or a span outside the text, is
// EINVALID and nothing is written.
func (db *DB) SaveArticle(ctx context.Context, a *factions.Article, x *factions.Extraction) (id int64, created bool, err error) {
	s, err := db.prepareSave(a, x)
	if err != nil {
		return 0, false, err
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, err
	}
	defer tx.Rollback()
	if err := db.save(ctx, tx, s); err != nil {
		return 0, false, err
	}
	if err := tx.Commit(); err != nil {
		return 0, false, err
	}
	s.done()
	return s.id, s.created, nil
}

// SaveArticles stores a batch of articles as SaveArticle would, in one
// database transaction with a savepoint around each article: an article
// that fails is rolled back to its savepoint, so that it is absent and the
// others are stored, and its error is in its result. One commit for the
// batch is what makes a batch faster than as many SaveArticle calls. The
// error returned is for what fails the whole batch (beginning or committing
// the transaction); then nothing of the batch is stored.
func (db *DB) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	res := make([]factions.SaveResult, len(batch))
	saves := make([]*saving, len(batch))
	for i, it := range batch {
		saves[i], res[i].Err = db.prepareSave(it.Article, it.Extraction)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	for i, s := range saves {
		if s == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT article`); err != nil {
			return nil, err
		}
		if err := db.save(ctx, tx, s); err != nil {
			if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT article`); rerr != nil {
				return nil, fmt.Errorf("roll back article: %w (after %v)", rerr, err)
			}
			saves[i], res[i].Err = nil, err
		}
		if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT article`); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	for i, s := range saves {
		if s != nil {
			s.done()
			res[i].ID, res[i].Created = s.id, s.created
		}
	}
	return res, nil
}

// saving is one article on its way into the store.
type saving struct {
	a         *factions.Article
	p         *plan
	hash      string
	now, date time.Time
	published any
	dateline  string

	id      int64 // set by save
	created bool
}

// prepareSave checks a and x and plans their rows, touching no table.
func (db *DB) prepareSave(a *factions.Article, x *factions.Extraction) (*saving, error) {
	if a == nil || strings.TrimSpace(a.Text) == "" {
		return nil, invalid("article has no text")
	}
	if x == nil {
		x = &factions.Extraction{}
	}
	p, err := newPlan(a.Text, x)
	if err != nil {
		return nil, err
	}
	s := &saving{a: a, p: p, hash: a.Hash, dateline: a.Dateline}
	if s.hash == "" {
		sum := sha256.Sum256([]byte(a.Text))
		s.hash = hex.EncodeToString(sum[:])
	}
	s.now = db.Now().UTC().Truncate(1000)
	if s.dateline == "" {
		s.dateline = x.Dateline
	}
	s.date = s.now
	if !a.Published.IsZero() {
		s.published = micros(a.Published)
		s.date = a.Published
	}
	return s, nil
}

// save writes s in tx: the article, unless one of its hash is stored, and
// its entities, resolved against the store, claims and statements.
func (db *DB) save(ctx context.Context, tx *sql.Tx, s *saving) error {
	a := s.a
	err := db.queryRow(ctx, tx, `INSERT INTO articles (hash, title, source, url, path, published, dateline, body, ingested, date)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING RETURNING id`,
		s.hash, a.Title, a.Source, a.URL, a.Path, s.published, s.dateline, a.Text, micros(s.now), micros(s.date)).Scan(&s.id)
	if errors.Is(err, sql.ErrNoRows) {
		if err := db.queryRow(ctx, tx, `SELECT id FROM articles WHERE hash = ?`, s.hash).Scan(&s.id); err != nil {
			return fmt.Errorf("find article: %w", err)
		}
		return nil
	} else if err != nil {
		return fmt.Errorf("insert article: %w", err)
	}
	if err := db.resolve(ctx, tx, s.p); err != nil {
		return fmt.Errorf("resolve entities: %w", err)
	}
	if err := db.write(ctx, tx, s.p, s.id, s.now); err != nil {
		return err
	}
	s.created = true
	return nil
}

// done sets the article's ID, hash and, when it was stored now, its
// ingestion time, once its transaction is committed.
func (s *saving) done() {
	s.a.ID, s.a.Hash = s.id, s.hash
	if s.created {
		s.a.Ingested = s.now
	}
}

// cand is a stored entity that may be one of the extraction's.
type cand struct {
	id      int64
	typ     factions.EntityType
	name    string
	norms   map[string]bool // its names that equal a name of the extraction
	vkeys   map[string]bool // its variant keys that equal one of the extraction
	links   map[int64]bool  // as xent.links, from the stored claims
	parents map[int64]bool  // what it is part_of, from the stored claims
	loaded  bool
	norm    string // NormalizeName(name)
	vkey    string // variantKey(name)
}

// variantKeys returns the variant keys e is looked up by: those of its names
// that are not acronyms and, for a person, of more than one word (a single
// first name or surname is too common to go by its spelling alone).
func (e *xent) variantKeys() []string {
	var out []string
	for _, k := range e.vkeys {
		if k == "" || e.typ == factions.Person && !strings.Contains(k, " ") {
			continue
		}
		out = append(out, k)
	}
	return out
}

// conflict reports whether two full names of entities, given by their
// variant keys ("" for acronyms), name different things: both have several
// words, neither is an acronym, they are not variant spellings of one
// another ("Rafiq Zardan" and "Noor Zardan", who may share the alias
// "Zardan"), and neither is the other without middle names ("Rafiq Zardan"
// and "Rafiq Ahmed Zardan").
func conflict(ka, kb string) bool {
	if !strings.Contains(ka, " ") || !strings.Contains(kb, " ") || ka == kb {
		return false
	}
	return !middleDropped(ka, kb) && !middleDropped(kb, ka)
}

// middleDropped reports whether the name short is the name long without
// some of its middle words: the same first and last word, and the words
// between in long's order.
func middleDropped(short, long string) bool {
	s, l := strings.Fields(short), strings.Fields(long)
	if len(s) < 2 || len(s) >= len(l) || s[0] != l[0] || s[len(s)-1] != l[len(l)-1] {
		return false
	}
	i := 0
	for _, w := range l {
		if i < len(s) && w == s[i] {
			i++
		}
	}
	return i == len(s)
}

// resolve finds for every entity of p the stored entity it is, if any.
func (db *DB) resolve(ctx context.Context, tx *sql.Tx, p *plan) error {
	var norms, vkeys []string
	seen := map[string]bool{}
	for _, e := range p.ents {
		for _, n := range e.norms {
			if !seen["n:"+n] {
				seen["n:"+n] = true
				norms = append(norms, n)
			}
		}
		for _, k := range e.variantKeys() {
			if !seen["v:"+k] {
				seen["v:"+k] = true
				vkeys = append(vkeys, k)
			}
		}
	}
	cands := map[int64]*cand{}
	byNorm := map[string][]int64{}
	byVkey := map[string][]int64{}
	for i := 0; i < max(len(norms), len(vkeys)); i += chunk / 2 {
		ns := norms[min(i, len(norms)):min(i+chunk/2, len(norms))]
		vs := vkeys[min(i, len(vkeys)):min(i+chunk/2, len(vkeys))]
		var conds []string
		var args []any
		if len(ns) > 0 {
			conds = append(conds, `a.norm IN (`+placeholders(len(ns))+`)`)
			for _, n := range ns {
				args = append(args, n)
			}
		}
		if len(vs) > 0 {
			conds = append(conds, `a.vkey IN (`+placeholders(len(vs))+`)`)
			for _, v := range vs {
				args = append(args, v)
			}
		}
		rows, err := db.query(ctx, tx, `SELECT a.entity_id, e.type, e.name, a.norm, a.vkey FROM aliases a JOIN entities e ON e.id = a.entity_id
			WHERE e.merged_into IS NULL AND (`+strings.Join(conds, ` OR `)+`)`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var c cand
			var norm, vkey string
			if err := rows.Scan(&c.id, &c.typ, &c.name, &norm, &vkey); err != nil {
				rows.Close()
				return err
			}
			if cands[c.id] == nil {
				c.norms, c.vkeys, c.links, c.parents = map[string]bool{}, map[string]bool{}, map[int64]bool{}, map[int64]bool{}
				c.norm, c.vkey = p.norm(c.name), p.vkey(c.name)
				cands[c.id] = &c
			}
			if seen["n:"+norm] && !cands[c.id].norms[norm] {
				cands[c.id].norms[norm] = true
				byNorm[norm] = append(byNorm[norm], c.id)
			}
			if vkey != "" && seen["v:"+vkey] && !cands[c.id].vkeys[vkey] {
				cands[c.id].vkeys[vkey] = true
				byVkey[vkey] = append(byVkey[vkey], c.id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	p.cands = cands
	if len(cands) == 0 {
		return nil
	}
	// the candidates of each entity, and their ties in the store
	exact := make([][]*cand, len(p.ents))
	variant := make([][]*cand, len(p.ents))
	var need []int64
	for i, e := range p.ents {
		exact[i], variant[i] = p.candidates(e, cands, byNorm, byVkey)
		if len(e.links) == 0 && e.parent < 0 {
			continue // nothing to compare the stored ties with (see pick)
		}
		for _, c := range append(exact[i], variant[i]...) {
			if !c.loaded && c.typ != factions.Place {
				c.loaded = true
				need = append(need, c.id)
			}
		}
	}
	if err := db.loadLinks(ctx, tx, cands, need); err != nil {
		return err
	}
	names := map[int64]string{} // canonical names as resolution goes
	for _, c := range cands {
		names[c.id] = c.name
	}
	for _, typ := range []factions.EntityType{factions.Place, factions.Organization, factions.Person} {
		for i, e := range p.ents {
			if e.typ == typ && e.parent < 0 {
				p.pick(e, exact[i], variant[i], names)
			}
		}
		// internal bodies once the organisations they are part of are known
		for i, e := range p.ents {
			if e.typ == typ && e.parent >= 0 {
				if err := db.pickBody(ctx, tx, p, e, exact[i], names); err != nil {
					return err
				}
			}
		}
	}
	return db.bridge(ctx, tx, p, exact)
}

// bridge merges stored organisations that an article shows to be one: an
// organisation of the article named by the canonical names of two stored
// ones ("Bharatiya Janata Party (BJP)" when one article named only "BJP" and
// another only "Bharatiya Janata Party"). The others are merged into the one
// it resolved to as a curator's merge is, with an audit entry, so that the
// log shows it and undo parts them again; none is merged that is based
// elsewhere, nor an internal body (whose names are seldom its own).
func (db *DB) bridge(ctx context.Context, tx *sql.Tx, p *plan, exact [][]*cand) error {
	into := map[int64]int64{}
	for i, e := range p.ents {
		if e.typ == factions.Person && e.existing {
			if err := db.bridgePerson(ctx, tx, p, e, exact[i], into); err != nil {
				return err
			}
			continue
		}
		if e.typ != factions.Organization || !e.existing || e.parent >= 0 {
			continue
		}
		keep := p.cands[e.id]
		if keep == nil {
			continue
		}
		own := map[string]bool{}
		for _, n := range e.norms {
			own[n] = true
		}
		for _, c := range exact[i] {
			// two stored under one name were kept apart on purpose
			// (namesakes, bodies of different organisations)
			if c.id == e.id || into[c.id] != 0 || !own[c.norm] || c.norm == keep.norm || len(c.parents) > 0 {
				continue
			}
			if len(c.links) > 0 && len(keep.links) > 0 && !sharesKey(c.links, keep.links) {
				continue // based elsewhere
			}
			note := fmt.Sprintf("automatic: one organization of an article is named %q and %q", keep.name, c.name)
			if err := db.mergeBridged(ctx, tx, e, keep, c, note, into); err != nil {
				return err
			}
		}
	}
	for _, e := range p.ents {
		if k := into[e.id]; k != 0 {
			e.id = k
		}
	}
	return nil
}

// bridgePerson merges into the person e resolved to a stored person whose
// name is e's full name without middle names ("Rafiq Zardan", stored before
// an article named "Rafiq Ahmed Zardan") when the article ties e to one of that
// person's organisations: the same man, named more briefly elsewhere.
func (db *DB) bridgePerson(ctx context.Context, tx *sql.Tx, p *plan, e *xent, exact []*cand, into map[int64]int64) error {
	keep := p.cands[e.id]
	if keep == nil || keep.norm != e.norms[0] || len(e.links) == 0 {
		return nil
	}
	art := map[int64]bool{}
	for _, j := range append(e.links[:len(e.links):len(e.links)], e.related...) {
		if id := p.ents[j].id; id != 0 {
			art[id] = true
		}
	}
	for _, c := range exact {
		if c.id == e.id || into[c.id] != 0 || !middleDropped(c.vkey, e.vkeys[0]) || !sharesKey(c.links, art) {
			continue
		}
		note := fmt.Sprintf("automatic: %q is %q without a middle name, of the same organization", c.name, keep.name)
		if err := db.mergeBridged(ctx, tx, e, keep, c, note, into); err != nil {
			return err
		}
	}
	return nil
}

// mergeBridged merges the stored entity c into keep, the one e resolved to,
// with an audit entry saying note, and records it in into and e.bridged.
func (db *DB) mergeBridged(ctx context.Context, tx *sql.Tx, e *xent, keep, c *cand, note string, into map[int64]int64) error {
	if _, err := db.merge(ctx, tx, keep.id, c.id, note); err != nil {
		return fmt.Errorf("merge %q into %q: %w", c.name, keep.name, err)
	}
	into[c.id] = keep.id
	for n := range c.norms {
		keep.norms[n] = true // its aliases are keep's now
	}
	e.bridged = append(e.bridged, c.name)
	return nil
}

// sharesKey reports whether two sets have a member in common.
func sharesKey(a, b map[int64]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// pickBody resolves an internal body of an organisation ("the standing
// committee", part_of X). A body's name is seldom its own ("central
// committee"), so a stored body of that name is the same only when it is
// part of the same organisation, or of none known. Failing that, a body of
// the same organisation whose name is the fuller or shorter form of this
// one ("national standing committee" and "standing committee") is it.
func (db *DB) pickBody(ctx context.Context, tx *sql.Tx, p *plan, e *xent, exact []*cand, names map[int64]string) error {
	parent := p.ents[e.parent].id
	var same []*cand
	for _, c := range exact {
		if len(c.parents) == 0 || parent != 0 && c.parents[parent] {
			same = append(same, c)
		}
	}
	p.pick(e, same, nil, names)
	if e.id != 0 || parent == 0 {
		return nil
	}
	args := append(append([]any{parent}, bodyPredicates...), string(factions.Organization))
	rows, err := db.query(ctx, tx, `SELECT DISTINCT e.id, e.name FROM claims c JOIN entities e ON e.id = c.subject_id
		WHERE c.object_id = ? AND c.predicate IN (`+placeholders(len(bodyPredicates))+`) AND NOT c.rejected
		AND e.merged_into IS NULL AND e.type = ? ORDER BY e.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	own := e.norms[0]
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		n := p.norm(name)
		if strings.HasSuffix(n, " "+own) || strings.HasSuffix(own, " "+n) {
			e.id, e.existing = id, true
			e.reason = "a body of " + names[parent] + " under a fuller or shorter name"
			if p.cands[id] == nil {
				p.cands[id] = &cand{id: id, typ: factions.Organization, name: name, norms: map[string]bool{}, norm: n, vkey: p.vkey(name)}
			}
			names[id] = name
			break
		}
	}
	return rows.Err()
}

// candidates returns the stored entities of e's type that e may be, oldest
// first: exact matches (a name or alias of e equals one of theirs once
// normalized) and variant matches (a variant key agrees). A match through an
// alias alone is dropped when the two full names conflict.
func (p *plan) candidates(e *xent, cands map[int64]*cand, byNorm, byVkey map[string][]int64) (exact, variant []*cand) {
	got := map[int64]bool{}
	add := func(out []*cand, id int64, strong func(c *cand) bool) []*cand {
		c := cands[id]
		if got[id] || c.typ != e.typ {
			return out
		}
		if !strong(c) && conflict(e.vkeys[0], c.vkey) {
			return out
		}
		got[id] = true
		return append(out, c)
	}
	ownNorm := e.norms[0]
	names := map[string]bool{}
	for _, n := range e.norms {
		names[n] = true
	}
	strongExact := func(c *cand) bool { return c.norms[ownNorm] || names[c.norm] }
	for _, n := range e.norms {
		for _, id := range byNorm[n] {
			exact = add(exact, id, strongExact)
		}
	}
	never := func(*cand) bool { return false }
	for _, k := range e.variantKeys() {
		for _, id := range byVkey[k] {
			variant = add(variant, id, never)
		}
	}
	sort.Slice(exact, func(i, j int) bool { return exact[i].id < exact[j].id })
	sort.Slice(variant, func(i, j int) bool { return variant[i].id < variant[j].id })
	return exact, variant
}

// loadLinks fills the links of the candidates ids from the stored claims.
func (db *DB) loadLinks(ctx context.Context, tx *sql.Tx, cands map[int64]*cand, ids []int64) error {
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		q := `SELECT DISTINCT subject_id, predicate, object_id FROM claims WHERE subject_id IN (` + placeholders(len(part)) + `)
			AND predicate IN (` + placeholders(len(linkPredicates)) + `) AND NOT rejected`
		args := append(int64s(part), linkPredicates...)
		rows, err := db.query(ctx, tx, q, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var s, o int64
			var pred factions.Predicate
			if err := rows.Scan(&s, &pred, &o); err != nil {
				rows.Close()
				return err
			}
			c, info := cands[s], pred.Info()
			switch {
			case info.Tie != "" && info.Tie == c.typ:
				c.links[o] = true
			case c.typ == factions.Organization && info.Structure == factions.Body:
				c.parents[o] = true
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// pick resolves e to the best of its candidates, if one qualifies:
//
//   - an exact match of the same type, except that two persons both tied to
//     organizations but to none in common are namesakes, not one person;
//   - else a variant match whose context agrees: a person must share a tie
//     with the stored one (reason "variant spelling; shared organization
//     X"); an organization must not be based elsewhere (both based
//     somewhere, nowhere in common); a place needs nothing more.
//
// Among several, the one sharing most ties wins, then one whose canonical
// name is e's name, then the oldest.
func (p *plan) pick(e *xent, exact, variant []*cand, names map[int64]string) {
	art := map[int64]bool{}
	var artOrder []int64
	for _, j := range append(e.links[:len(e.links):len(e.links)], e.related...) {
		if id := p.ents[j].id; id != 0 && !art[id] {
			art[id] = true
			artOrder = append(artOrder, id)
		}
	}
	shared := func(c *cand) (n int, first int64) {
		for _, id := range artOrder {
			if c.links[id] {
				if n == 0 {
					first = id
				}
				n++
			}
		}
		return n, first
	}
	// The article ties e to something (an organization for a person, a place
	// for an organization) even when that is new to the store.
	hasArt := len(e.links) > 0
	ownNorm := e.norms[0]
	var best *cand
	bestShared, bestSame := -1, false
	for _, c := range exact {
		n, _ := shared(c)
		if e.typ == factions.Person && hasArt && len(c.links) > 0 && n == 0 {
			continue // namesakes
		}
		if e.typ == factions.Organization && hasArt && len(c.links) > 0 && n == 0 {
			n = -1 // based elsewhere: still the same name, but a weaker match
		}
		same := c.norm == ownNorm
		if n > bestShared || (n == bestShared && same && !bestSame) {
			best, bestShared, bestSame = c, n, same
		}
	}
	if best != nil {
		e.id, e.existing = best.id, true
		e.reason = "alias"
		if bestSame {
			e.reason = "same name"
		}
		return
	}
	var bestFirst int64
	for _, c := range variant {
		n, first := shared(c)
		switch e.typ {
		case factions.Person:
			if n == 0 {
				continue
			}
		case factions.Organization:
			if hasArt && len(c.links) > 0 && n == 0 {
				continue
			}
		}
		if n > bestShared {
			best, bestShared, bestFirst = c, n, first
		}
	}
	if best == nil {
		return
	}
	e.id, e.existing = best.id, true
	e.reason = "variant spelling"
	if e.typ == factions.Person {
		e.reason = "variant spelling; shared organization " + names[bestFirst]
	}
}

// write stores the entities, aliases, resolutions, mentions, claims and
// statements of p for the article id.
func (db *DB) write(ctx context.Context, tx *sql.Tx, p *plan, articleID int64, now time.Time) error {
	// canonical names of the stored entities matched, and which names of
	// the extraction they are known by already (the resolution query found
	// every stored alias equal to one of them)
	names := map[int64]string{}
	known := map[int64]map[string]bool{}
	var existing []int64
	for _, e := range p.ents {
		if e.existing && known[e.id] == nil {
			c := p.cands[e.id]
			known[e.id] = c.norms
			names[e.id] = c.name
			existing = append(existing, e.id)
		}
	}
	renamed := map[int64]string{}
	var aliasRows, resRows, mentionRows [][]any
	for _, e := range p.ents {
		best := e.names[0]
		for _, n := range e.names[1:] {
			best = factions.FullerName(best, n)
		}
		if e.existing && p.norm(best) == p.cands[e.id].norm {
			best = names[e.id] // the stored spelling of the same name
		}
		if e.existing {
			if n := factions.FullerName(names[e.id], best); n != names[e.id] {
				names[e.id] = n
				renamed[e.id] = n
			}
			resRows = append(resRows, []any{e.id, articleID, e.name, e.reason})
			for _, b := range e.bridged {
				reason := "one organization with " + e.name + " in this article; merged"
				if e.typ == factions.Person {
					reason = "the same name without a middle name, of the same organization; merged"
				}
				resRows = append(resRows, []any{e.id, articleID, b, reason})
			}
		} else {
			if err := db.queryRow(ctx, tx, `INSERT INTO entities (name, type, created) VALUES (?, ?, ?) RETURNING id`,
				best, string(e.typ), micros(now)).Scan(&e.id); err != nil {
				return fmt.Errorf("insert entity: %w", err)
			}
			names[e.id] = best
			known[e.id] = map[string]bool{}
		}
		for i, n := range e.norms {
			if known[e.id][n] {
				continue
			}
			known[e.id][n] = true
			aliasRows = append(aliasRows, []any{e.id, e.names[i], n, e.vkeys[i]})
		}
		for _, m := range e.mentions {
			mentionRows = append(mentionRows, []any{e.id, articleID, m.Text, m.Span.Start, m.Span.End})
		}
	}
	// in ID order, so that concurrent transactions lock rows in one order
	sort.Slice(existing, func(i, j int) bool { return existing[i] < existing[j] })
	for _, id := range existing {
		if n, ok := renamed[id]; ok {
			if _, err := db.exec(ctx, tx, `UPDATE entities SET name = ? WHERE id = ?`, n, id); err != nil {
				return fmt.Errorf("rename entity: %w", err)
			}
		}
	}
	if err := db.insertRows(ctx, tx, `INSERT INTO aliases (entity_id, name, norm, vkey) VALUES `, 4, aliasRows); err != nil {
		return fmt.Errorf("insert aliases: %w", err)
	}
	if err := db.insertRows(ctx, tx, `INSERT INTO resolutions (entity_id, article_id, name, reason) VALUES `, 4, resRows); err != nil {
		return fmt.Errorf("insert resolutions: %w", err)
	}
	if err := db.insertRows(ctx, tx, `INSERT INTO mentions (entity_id, article_id, surface, start_pos, end_pos) VALUES `, 5, mentionRows); err != nil {
		return fmt.Errorf("insert mentions: %w", err)
	}
	var claimRows [][]any
	for _, pc := range p.claims {
		c := pc.c
		var attr any
		if pc.attr >= 0 {
			attr = p.ents[pc.attr].id
		}
		claimRows = append(claimRows, []any{articleID, p.ents[pc.s].id, strings.TrimSpace(c.Subject), string(c.Predicate),
			p.ents[pc.o].id, strings.TrimSpace(c.Object), c.Role, c.Former, string(pc.stance), attr,
			strings.TrimSpace(c.AttributedTo), c.Evidence.Start, c.Evidence.End, pc.sentence})
	}
	if err := db.insertRows(ctx, tx, `INSERT INTO claims (article_id, subject_id, subject_text, predicate, object_id, object_text,
		role, former, stance, attributed_id, attributed_text, ev_start, ev_end, sentence) VALUES `, 14, claimRows); err != nil {
		return fmt.Errorf("insert claims: %w", err)
	}
	var stmtRows [][]any
	for _, ps := range p.stmts {
		st := ps.st
		var speaker any
		if ps.speaker >= 0 {
			speaker = p.ents[ps.speaker].id
		}
		stmtRows = append(stmtRows, []any{articleID, speaker, strings.TrimSpace(st.Speaker), string(ps.kind), ps.text,
			st.Span.Start, st.Span.End, st.Evidence.Start, st.Evidence.End})
	}
	if err := db.insertRows(ctx, tx, `INSERT INTO statements (article_id, speaker_id, speaker_text, kind, quote,
		span_start, span_end, ev_start, ev_end) VALUES `, 9, stmtRows); err != nil {
		return fmt.Errorf("insert statements: %w", err)
	}
	return nil
}

// variantKey is the variant key stored for a name: none for acronyms.
func variantKey(name string) string {
	if factions.IsAcronym(name) {
		return ""
	}
	return factions.VariantKey(name)
}

// maxRows bounds the rows of one multi-row insert.
const maxRows = 64

// insertRows inserts rows of ncols values each with head ("INSERT INTO t
// (a, b) VALUES "), several rows a statement.
func (db *DB) insertRows(ctx context.Context, tx *sql.Tx, head string, ncols int, rows [][]any) error {
	group := "(" + placeholders(ncols) + ")"
	for start := 0; start < len(rows); start += maxRows {
		part := rows[start:min(start+maxRows, len(rows))]
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, len(part)*ncols)
		for i, r := range part {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(group)
			args = append(args, r...)
		}
		if _, err := db.exec(ctx, tx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}
