package resolve

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/factions/factions"
)

// Input is what resolution reads: the stored articles, the occurrences of
// entities in them and the ties their claims make between occurrences.
type Input struct {
	Articles    []Article
	Occurrences []Occurrence
	Ties        []Tie
	// Homes, when not nil, is each paper's home country (by the
	// normalized name of its source) and Prior how many articles are of
	// each country, as a resolution of all the articles found them
	// (Result.Homes, Result.Prior): a scoped resolution, which sees a few
	// articles of each paper, reads them instead of counting its own (but
	// for a paper Homes does not name, all of whose articles it sees).
	Homes map[string]string
	Prior map[string]int
	// Unsampled counts, by stored entity, its occurrences left out of
	// Occurrences (a scoped resolution loads a sample of each entity):
	// a short form's bearer may be chosen by how often each is named, so
	// they count as if they were there.
	Unsampled map[int64]int
	// Placing, when set, asks for what places the occurrences in no
	// stored entity (Entity 0) alone, as a scoped resolution, which
	// leaves the stored ones where they are, reads: Result.Entities
	// holds only the entities with such an occurrence, each with all its
	// occurrences but the reasons of those alone, and its name only when
	// none of its occurrences is stored; Result.Gone is empty. What it
	// holds is what a resolution without Placing gives of them.
	Placing bool
}

// Article is a stored article as resolution sees it.
type Article struct {
	ID     int64
	Hash   string    // breaks ties between articles, whatever their IDs
	Date   time.Time // zero: unknown
	Source string    // the paper: its articles' country is its country
	// Country, when Fixed, is the article's country as a resolution of
	// all articles found it (Result.Countries), taken as it is: a scoped
	// resolution loads a few of an old article's occurrences only, too
	// few to tell its country again.
	Country string
	Fixed   bool
}

// Occurrence is one entity of one article's extraction.
type Occurrence struct {
	ID      int64
	Article int64
	Type    factions.EntityType
	// Name is the fullest name the article gives it; Names every name,
	// Name among them.
	Name  string
	Names []string
	// Entity is the entity it is stored under now (0: none); Pin the
	// entity a curator put it in (0: none), which resolution keeps.
	Entity, Pin int64
}

// Tie is a claim of an article between two of its occurrences.
type Tie struct {
	Subject, Object int64 // occurrence IDs
	Predicate       factions.Predicate
	Stance          factions.Stance
}

// Result is the entities resolution found.
type Result struct {
	Entities []*Entity
	// Gone maps the stored entities no occurrence is in any more to the
	// entity that took most of their occurrences (which may be new: its
	// ID is the store's to set).
	Gone map[int64]*Entity
	// Countries is the country of each article ("": none); Homes the
	// home country of each paper, by the normalized name of its source;
	// Prior how many articles are of each country. A scoped resolution
	// takes them as input (Article.Country, Input.Homes, Input.Prior).
	Countries map[int64]string
	Homes     map[string]string
	Prior     map[string]int
}

// Entity is one group of occurrences.
type Entity struct {
	// ID is the stored entity the group keeps, 0 for a new one.
	ID   int64
	Type factions.EntityType
	// Name is its canonical name: for a party or place the gazetteer's
	// name when an article uses it, else the full name most articles use.
	Name        string
	Country     string  // the country its ties or its articles point to, if any
	Occurrences []int64 // sorted
	// Reasons says why each occurrence is in it, by occurrence ID: none
	// for the first occurrence, unless it was kept apart from others of
	// its name, which the reason then says.
	Reasons map[int64]string
}

// occ is an occurrence being resolved.
type occ struct {
	*Occurrence
	art    *article
	m      *nameMemo // the memo of Name, which holds its key (key, toks)
	norm   string    // NormalizeName(Name)
	ties   []*occ    // organizations (and, for a person, places) it is tied to
	parent *occ      // the organization an internal body is part of
	c      *cluster
	reason string
	known  *factions.Known // the party or place the gazetteer reads it as
	ti     int8            // typeIndex of its type, once retyped: that of its key
	// retyped: the extraction typed it a person, the gazetteer a party
	retyped bool
}

// key returns o's key: personKey or VariantKey of Name.
func (o *occ) key() string { return o.m.keys[o.ti].key }

// tagged returns o's key tagged with its type (keyed).
func (o *occ) tagged() string { return o.m.keys[o.ti].tagged }

// toks returns the words of o's key, shared by the occurrences of its
// name: read only.
func (o *occ) toks() []string { return o.m.keys[o.ti].toks }

// article is an Article with the country resolution gives it, and the
// countries it names.
type article struct {
	Article
	country   string
	mentioned map[string]bool
	home      string // the country of its paper: the one most of its articles are of
	rank      int    // its place in the order of articles (rankArticles)
	tally     []vote // the countries its names vote for (countries), by first vote
}

// vote is a country's weight in an article's tally.
type vote struct {
	country string
	w       float64
}

// vote adds w to c's weight in a's tally.
func (a *article) vote(c string, w float64) {
	for i := range a.tally {
		if a.tally[i].country == c {
			a.tally[i].w += w
			return
		}
	}
	a.tally = append(a.tally, vote{c, w})
}

// lead returns the country of most weight in a tally, "" when none
// leads (within rounding).
func lead(t []vote) string {
	best, n, ties := "", 0.0, 0
	for _, v := range t {
		switch {
		case v.w > n+1e-9:
			best, n, ties = v.country, v.w, 1
		case v.w > n-1e-9:
			ties++
		}
	}
	if ties != 1 {
		return ""
	}
	return best
}

// cluster is a group of occurrences becoming one entity.
type cluster struct {
	key     string
	typ     factions.EntityType
	occs    []*occ
	country string
	known   *factions.Known
	refusal string // why it was kept apart from others of its name
	merged  *cluster
	// a person's, while short forms join full names (joinShortForms):
	// the words of its name, and its profile once asked for
	toks []string
	prof *profile
}

// find returns the cluster c was merged into, or c.
func (c *cluster) find() *cluster {
	for c.merged != nil {
		c = c.merged
	}
	return c
}

// resolver holds the state of one resolution.
type resolver struct {
	g        factions.Gazetteer
	occs     []*occ
	arts     map[int64]*article
	ranked   []*article        // the articles in their order (rankArticles)
	prior    map[string]int    // how many articles are of each country
	homes    map[string]string // each paper's home country, when given (Input.Homes)
	fixed    bool              // prior given (Input.Prior): not counted
	unsample map[int64]int     // Input.Unsampled
	placing  bool              // Input.Placing
	clusters []*cluster
	names    map[string]*nameMemo    // what was worked out of each name
	typed    [3][]*occ               // the occurrences of each type once retyped, in order (by typeIndex)
	memos    []nameMemo              // free memos (made 256 at a time)
	known    map[[2]string]knownKeys // memo of Known.Key and its clusters' keys, by name and country
}

// keyed is the key of a typed name, its words, and the key tagged with
// its type, as an organization's or place's cluster is keyed by name.
type keyed struct {
	key    string
	toks   []string // (shared: read only)
	tagged string
}

// tags are what tagged keys of names begin with, by typeIndex.
var tags = [3]string{"", "org:", "place:"}

// knownKeys is a party's or place's key (Known.Key), and the keys of its
// cluster as a party's and as a place's.
type knownKeys struct {
	key, party, place string
}

// key returns nameKey(t, name), computed once for each type and name: the
// occurrences of a store name the same few thousand names many times.
func (r *resolver) key(t factions.EntityType, name string) string {
	return r.keyIn(r.memo(name), t, name).key
}

// nameMemo is what resolution worked out of one name: its normalized form
// and its key as a name of each type, each once it was asked for.
type nameMemo struct {
	norm   string
	normed bool
	keys   [3]keyed // by typeIndex
	keyed  [3]bool
	wanted [3]bool // the types of the occurrences of the name (workNames)
	// the gazetteer's parties and places of the name, once asked
	parties, places []factions.Known
	partied, placed bool
}

// types are the types of entities by typeIndex.
var types = [3]factions.EntityType{factions.Person, factions.Organization, factions.Place}

// typeIndex numbers the types of entities for nameMemo; -1 for others.
func typeIndex(t factions.EntityType) int {
	switch t {
	case factions.Person:
		return 0
	case factions.Organization:
		return 1
	case factions.Place:
		return 2
	}
	return -1
}

// memo returns the memo of name, made on first use: one look-up gives an
// occurrence's normalized name and key.
func (r *resolver) memo(name string) *nameMemo {
	m := r.names[name]
	if m == nil {
		if len(r.memos) == 0 {
			r.memos = make([]nameMemo, 256)
		}
		m, r.memos = &r.memos[0], r.memos[1:]
		r.names[name] = m
	}
	return m
}

// keyIn returns nameKey(t, name) and its words, computed once for each
// type and name, whose memo is m.
func (r *resolver) keyIn(m *nameMemo, t factions.EntityType, name string) keyed {
	i := typeIndex(t)
	if i < 0 {
		key := nameKey(t, name)
		return keyed{key, strings.Fields(key), key}
	}
	if !m.keyed[i] {
		key := nameKey(t, name)
		m.keys[i], m.keyed[i] = keyed{key, strings.Fields(key), tags[i] + key}, true
	}
	return m.keys[i]
}

// knownKey returns k.Key(), computed once for each name and country.
func (r *resolver) knownKey(k *factions.Known) string { return r.knownKeys(k).key }

// knownKeys returns k.Key() and the keys of its cluster, computed once for
// each name and country.
func (r *resolver) knownKeys(k *factions.Known) knownKeys {
	m := [2]string{k.Name, k.Country()}
	keys, ok := r.known[m]
	if !ok {
		key := r.norm(m[0]) + "|" + r.norm(m[1])
		keys = knownKeys{key, "party:" + key, "place:" + key}
		if r.known == nil {
			r.known = map[[2]string]knownKeys{}
		}
		r.known[m] = keys
	}
	return keys
}

// norm returns factions.NormalizeName(name), computed once for each name.
func (r *resolver) norm(name string) string {
	return r.normIn(r.memo(name), name)
}

// normIn is norm with name's memo m.
func (r *resolver) normIn(m *nameMemo, name string) string {
	if !m.normed {
		m.norm, m.normed = factions.NormalizeName(name), true
	}
	return m.norm
}

// Resolve groups the occurrences of in into entities, reading party and
// place names with g (nil: no gazetteer). Occurrences whose article is not
// among in.Articles are resolved as of an undated article of no country.
func Resolve(in *Input, g factions.Gazetteer) *Result {
	r := &resolver{g: g, arts: map[int64]*article{}, prior: map[string]int{},
		homes: in.Homes, unsample: in.Unsampled, placing: in.Placing, names: map[string]*nameMemo{}}
	if in.Prior != nil {
		r.fixed = true
		for c, n := range in.Prior {
			r.prior[c] = n
		}
	}
	arts := make([]article, len(in.Articles)) // (made at once, as the occurrences)
	for i, a := range in.Articles {
		arts[i].Article = a
		r.arts[a.ID] = &arts[i]
	}
	srcs := make([]source, 0, len(in.Occurrences))
	for i := range in.Occurrences {
		o := &in.Occurrences[i]
		if !o.Type.Valid() {
			continue
		}
		a := r.arts[o.Article]
		if a == nil {
			a = &article{Article: Article{ID: o.Article}}
			r.arts[o.Article] = a
		}
		s := source{o: o, a: a, m: r.memo(o.Name), ti: int8(typeIndex(o.Type))}
		s.m.wanted[s.ti] = true
		srcs = append(srcs, s)
	}
	// the names worked out on another core, when there are many, while
	// the occurrences are laid out; then the ties recorded while the
	// articles' countries are counted: neither of two reads what the
	// other writes
	many := len(srcs) >= 2000 && runtime.GOMAXPROCS(0) >= 2
	var wg sync.WaitGroup
	aside(&wg, many, r.workNames)
	r.rankArticles()
	// in an order that does not depend on IDs
	r.layOut(srcs)
	wg.Wait()
	r.name()
	aside(&wg, many, func() { r.tie(in.Ties) })
	r.countries()
	wg.Wait()
	r.retype()
	r.groupTypes()
	r.resolvePlaces()
	r.resolveOrganizations()
	r.resolvePersons()
	return r.result()
}

// aside runs f on another goroutine of wg when many, else at once.
func aside(wg *sync.WaitGroup, many bool, f func()) {
	if many {
		wg.Go(f)
	} else {
		f()
	}
}

// rankArticles numbers the articles by their date (unknown last), then
// their hash, those alike with the same number: before compares them so.
func (r *resolver) rankArticles() {
	arts := make([]*article, 0, len(r.arts))
	for _, a := range r.arts {
		arts = append(arts, a)
	}
	order := func(a, b *article) int {
		if az, bz := a.Date.IsZero(), b.Date.IsZero(); az != bz {
			if az {
				return 1
			}
			return -1
		}
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Hash, b.Hash)
	}
	slices.SortFunc(arts, order)
	r.ranked = arts
	for i, a := range arts {
		if i > 0 {
			a.rank = arts[i-1].rank
			if order(arts[i-1], a) != 0 {
				a.rank++
			}
		}
	}
}

// source is an occurrence to resolve, its article, the memo of its name
// and the typeIndex of its type.
type source struct {
	o  *Occurrence
	a  *article
	m  *nameMemo
	ti int8
}

// layOut makes the occurrences of srcs, in one block, in compare's order:
// by their articles' ranks (a counting sort), then those of each rank by
// inArticleOrder (which orders any two, by ID last).
func (r *resolver) layOut(srcs []source) {
	n := 0 // ranks
	if len(r.ranked) > 0 {
		n = r.ranked[len(r.ranked)-1].rank + 1
	}
	start := make([]int, n+1) // where each rank's occurrences start
	for _, s := range srcs {
		start[s.a.rank+1]++
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	next := slices.Clone(start[:n])
	sorted := make([]*source, len(srcs))
	for i := range srcs {
		k := srcs[i].a.rank
		sorted[next[k]] = &srcs[i]
		next[k]++
	}
	for i := 0; i < n; i++ {
		slices.SortFunc(sorted[start[i]:start[i+1]], func(a, b *source) int { return inArticleOrder(a.o, b.o) })
	}
	occs := make([]occ, len(sorted))
	r.occs = make([]*occ, len(sorted))
	for i, s := range sorted {
		occs[i] = occ{Occurrence: s.o, art: s.a, m: s.m, ti: s.ti}
		r.occs[i] = &occs[i]
	}
}

// workNames works out the normalized form of each name, its key as a
// name of each type it has, and the gazetteer's readings of it that are
// asked of every occurrence's Name: a place's places (countries,
// resolvePlaces), a person's or organization's parties (countries,
// retype).
func (r *resolver) workNames() {
	for name, m := range r.names {
		r.normIn(m, name)
		for i, t := range types {
			if m.wanted[i] {
				r.keyIn(m, t, name)
			}
		}
		if r.g == nil {
			continue
		}
		if m.wanted[typeIndex(factions.Place)] {
			r.placesIn(m, name)
		}
		if m.wanted[typeIndex(factions.Person)] || m.wanted[typeIndex(factions.Organization)] {
			r.partiesIn(m, name)
		}
	}
}

// name sets the normalized name of each occurrence: its Name's, else its
// first other name's that has one.
func (r *resolver) name() {
	for _, x := range r.occs {
		if x.norm = x.m.norm; x.norm == "" {
			for _, n := range x.Names {
				if x.norm = r.norm(n); x.norm != "" {
					break
				}
			}
		}
	}
}

// before orders occurrences by their article's date (unknown last), then
// its hash, then name: the first of a cluster is the one its other
// occurrences are explained against.
func (r *resolver) before(a, b *occ) bool { return r.compare(a, b) < 0 }

// compare orders occurrences as before says: by their article (see
// rankArticles), then name, then ID (one article naming one name twice:
// same content).
func (r *resolver) compare(a, b *occ) int {
	if a.art.rank != b.art.rank {
		return cmp.Compare(a.art.rank, b.art.rank)
	}
	return inArticleOrder(a.Occurrence, b.Occurrence)
}

// inArticleOrder orders the occurrences of articles of one rank (see
// compare): by name, then ID.
func inArticleOrder(a, b *Occurrence) int {
	if a.Name != b.Name {
		return strings.Compare(a.Name, b.Name)
	}
	return cmp.Compare(a.ID, b.ID)
}

// tie records what each occurrence is tied to: a person's organizations
// and the places it holds posts in, an organization's places, an internal
// body's organization.
func (r *resolver) tie(ties []Tie) {
	// the occurrences the ties name, by ID: most occurrences are in none
	ends := make(map[int64]*occ, 2*len(ties))
	for _, t := range ties {
		ends[t.Subject], ends[t.Object] = nil, nil
	}
	for _, o := range r.occs {
		if _, ok := ends[o.ID]; ok {
			ends[o.ID] = o
		}
	}
	for _, t := range ties {
		s, o := ends[t.Subject], ends[t.Object]
		if s == nil || o == nil || s == o || s.Article != o.Article {
			continue
		}
		info := t.Predicate.Info()
		switch {
		case info.Tie != "" && info.Tie == s.Type:
			s.ties = append(s.ties, o)
		case s.Type == factions.Person && info.Post && o.Type == factions.Place:
			s.ties = append(s.ties, o)
		case s.Type == factions.Organization && info.Structure == factions.Body && o.Type == factions.Organization &&
			s.parent == nil && t.Stance == factions.Asserted:
			s.parent = o
		}
	}
	// a body whose organization is, through other bodies, itself is no
	// body of it
	for _, o := range r.occs {
		if o.parent == nil {
			continue
		}
		seen := map[*occ]bool{o: true}
		for p := o.parent; p != nil; p = p.parent {
			if seen[p] {
				o.parent = nil
				break
			}
			seen[p] = true
		}
	}
}

// retype makes organizations of the people whose name the gazetteer reads
// as a party ("Tories" taken for a person).
func (r *resolver) retype() {
	for _, o := range r.occs {
		if o.Type != factions.Person {
			continue
		}
		if k := r.partyReading(o); k != nil && !k.Ambiguous {
			o.Type = factions.Organization
			o.ti = int8(typeIndex(o.Type))
			r.keyIn(o.m, o.Type, o.Name)
			o.retyped = true // its entity is of another type
		}
	}
}

// groupTypes lists the occurrences of each type, in their order, once
// retype has settled their types: each stage after it reads its own.
func (r *resolver) groupTypes() {
	var n [3]int
	for _, o := range r.occs {
		if i := typeIndex(o.Type); i >= 0 {
			n[i]++
		}
	}
	for i := range r.typed {
		r.typed[i] = make([]*occ, 0, n[i])
	}
	for _, o := range r.occs {
		if i := typeIndex(o.Type); i >= 0 {
			r.typed[i] = append(r.typed[i], o)
		}
	}
}

// ofType returns the occurrences of type t (groupTypes).
func (r *resolver) ofType(t factions.EntityType) []*occ { return r.typed[typeIndex(t)] }

// nameKey returns the key occurrences of a type are grouped by: for a
// person, VariantKey with runs of initials written as one word ("J P",
// "J.P." and "JP" alike); for others VariantKey, or the normalized name of
// an acronym.
func nameKey(t factions.EntityType, name string) string {
	if factions.IsAcronym(name) {
		return "=" + factions.NormalizeName(name)
	}
	k := factions.VariantKey(name)
	if t != factions.Person {
		return k
	}
	toks := strings.Fields(k)
	var out []string
	for i := 0; i < len(toks); i++ {
		if len([]rune(toks[i])) == 1 {
			j := i
			var b strings.Builder
			for j < len(toks) && len([]rune(toks[j])) == 1 {
				b.WriteString(toks[j])
				j++
			}
			out = append(out, b.String())
			i = j - 1
			continue
		}
		out = append(out, toks[i])
	}
	return strings.Join(out, " ")
}

// partiesIn returns the gazetteer's parties of name, whose memo is m.
func (r *resolver) partiesIn(m *nameMemo, name string) []factions.Known {
	if !m.partied {
		m.parties, m.partied = r.g.Parties(name), true
	}
	return m.parties
}

// partiesFor returns the gazetteer's parties of n, a name of o, once
// for each name: o's Name read through its memo.
func (r *resolver) partiesFor(o *occ, n string) []factions.Known {
	if r.g == nil {
		return nil
	}
	if n == o.Name && o.m != nil {
		return r.partiesIn(o.m, n)
	}
	return r.partiesIn(r.memo(n), n)
}

// placesIn returns the gazetteer's places of name, whose memo is m.
func (r *resolver) placesIn(m *nameMemo, name string) []factions.Known {
	if !m.placed {
		m.places, m.placed = r.g.Places(name), true
	}
	return m.places
}

// placesFor returns the gazetteer's places of n, a name of o, as
// partiesFor does its parties.
func (r *resolver) placesFor(o *occ, n string) []factions.Known {
	if r.g == nil {
		return nil
	}
	if n == o.Name && o.m != nil {
		return r.placesIn(o.m, n)
	}
	return r.placesIn(r.memo(n), n)
}

// countries gives each article the country most of the places and parties
// it names belong to, when one leads: each name votes for the countries of
// the gazetteer's readings of it, a party twice as much as a place, shared
// among its readings' countries; a form that needs context does not vote.
// The countries that a name of the article alone points to are its
// mentioned countries. Each paper gets the country most of its articles
// are of (home), which then votes in each of its articles as a party does.
// It also counts the articles of each country (prior), which decides
// between parties of several countries in an article of none.
func (r *resolver) countries() {
	add := func(a *article, ks []factions.Known, w float64) {
		cs := make([]string, 0, 4) // (on the stack: most names have one country)
		ambiguous := false
		for _, k := range ks {
			ambiguous = ambiguous || k.Ambiguous
			for _, c := range k.Countries {
				if !contains(cs, c) {
					cs = append(cs, c)
				}
			}
		}
		if len(cs) == 0 {
			return
		}
		if ambiguous {
			return // it needs context itself
		}
		if len(cs) == 1 {
			if a.mentioned == nil {
				a.mentioned = map[string]bool{}
			}
			a.mentioned[cs[0]] = true
		}
		if a.Fixed && r.homes != nil {
			return // its country given, and its paper's: nothing reads its tally
		}
		for _, c := range cs {
			a.vote(c, w/float64(len(cs)))
		}
	}
	for _, o := range r.occs {
		switch o.Type {
		case factions.Place:
			add(o.art, r.placesFor(o, o.Name), 1)
		case factions.Organization:
			add(o.art, r.partiesFor(o, o.Name), 2)
		}
	}
	// the country of each article by what it names; then each paper's
	// (the one most of its articles are of), which votes in each of its
	// articles as a party does: a paper writes of its own country first
	home := r.paperHomes()
	for _, a := range r.ranked {
		if a.Source == "" {
			continue
		}
		if a.home = home(r.norm(a.Source)); a.home != "" {
			a.vote(a.home, 2)
		}
	}
	for _, a := range r.ranked {
		c := a.Article.Country
		if !a.Fixed {
			c = lead(a.tally)
		}
		if c == "" {
			continue
		}
		a.country = c
		if !r.fixed {
			r.prior[c]++
		}
		if a.mentioned == nil {
			a.mentioned = map[string]bool{}
		}
		a.mentioned[c] = true
	}
}

// paperHomes returns what tells each paper's home country, by the
// normalized name of its source: the country most of its articles are of
// (by lead of their tally), or the one given (Input.Homes). A paper the
// homes given do not name, most often one new to the store, has the one
// its articles here whose country is not given (Article.Fixed) tell: for
// a new paper, all it has, as a resolution of all would count them.
func (r *resolver) paperHomes() func(string) string {
	if r.homes == nil {
		r.homes = r.countHomes(nil)
		return func(src string) string { return r.homes[src] }
	}
	given := r.homes
	counted := r.countHomes(func(src string) bool { _, ok := given[src]; return !ok })
	return func(src string) string {
		if h, ok := given[src]; ok {
			return h
		}
		return counted[src]
	}
}

// countHomes returns the home country of each paper (of those want takes,
// every one when nil) by the normalized name of its source: the country
// most of its articles are of, by their tallies.
func (r *resolver) countHomes(want func(src string) bool) map[string]string {
	papers := map[string]map[string]int{}
	for _, a := range r.ranked {
		if c := lead(a.tally); c != "" {
			if src := r.norm(a.Source); src != "" && (want == nil || want(src)) {
				if papers[src] == nil {
					papers[src] = map[string]int{}
				}
				papers[src][c]++
			}
		}
	}
	homes := map[string]string{}
	for src, n := range papers {
		if h := majority(n); h != "" {
			homes[src] = h
		}
	}
	return homes
}

// groupBy groups os by their keys (key(i) is os[i]'s; "": none): it
// returns the keys in the order they first come and the group of each, in
// the order of os, the groups in one block.
func groupBy(os []*occ, key func(i int) string) (keys []string, groups [][]*occ) {
	index := map[string]int{}
	of := make([]int, len(os)) // os[i]'s group, -1: none
	var size []int
	for i := range os {
		k := key(i)
		if k == "" {
			of[i] = -1
			continue
		}
		g, ok := index[k]
		if !ok {
			g = len(keys)
			index[k] = g
			keys = append(keys, k)
			size = append(size, 0)
		}
		of[i] = g
		size[g]++
	}
	block := make([]*occ, len(os))
	groups = make([][]*occ, len(keys))
	at := 0
	for g, n := range size {
		groups[g] = block[at : at : at+n]
		at += n
	}
	for i, o := range os {
		if g := of[i]; g >= 0 {
			groups[g] = append(groups[g], o)
		}
	}
	return keys, groups
}

// newCluster starts a cluster.
func (r *resolver) newCluster(key string, typ factions.EntityType) *cluster {
	c := &cluster{key: key, typ: typ}
	r.clusters = append(r.clusters, c)
	return c
}

// join puts o in c with the reason given (the first of a cluster has none).
func join(c *cluster, o *occ, reason string) {
	if len(c.occs) == 0 {
		reason = ""
	}
	o.c, o.reason = c, reason
	c.occs = append(c.occs, o)
}

// merge merges cluster b into a, giving b's occurrences the reason.
func merge(a, b *cluster, reason string) *cluster {
	a, b = a.find(), b.find()
	if a == b {
		return a
	}
	for i, o := range b.occs {
		o.c = a
		if i == 0 || o.reason == "" {
			o.reason = reason
		}
	}
	a.occs = append(a.occs, b.occs...)
	b.occs = nil
	b.merged = a
	if a.country == "" {
		a.country = b.country
	}
	return a
}

// live returns the clusters of type t not merged into others, those with
// occurrences only, in the order they were made.
func (r *resolver) live(t factions.EntityType) []*cluster {
	var out []*cluster
	for _, c := range r.clusters {
		if c.merged == nil && c.typ == t && len(c.occs) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// countryOf returns the country a place or organization occurrence is of:
// its cluster's.
func countryOf(o *occ) string {
	if o.c == nil {
		return ""
	}
	return o.c.find().country
}

// majority returns the value of most count, ties to the least value; "" for
// none.
func majority(count map[string]int) string {
	best, n := "", 0
	for v, k := range count {
		if v == "" {
			continue
		}
		if k > n || k == n && v < best {
			best, n = v, k
		}
	}
	return best
}
