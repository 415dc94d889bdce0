package popolo

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/factions/factions"
)

// Export reads every person, organization and asserted claim of s and
// returns them as a Popolo document (see the package documentation for the
// rules). It returns the first error of the store, wrapped; an article that
// is no longer found is cited by its ID alone.
func Export(ctx context.Context, s factions.Store) (*Document, error) {
	x := &exporter{ctx: ctx, s: s, ents: map[int64]*factions.Entity{},
		articles: map[int64]*factions.Article{}, posts: map[postKey]*post{}}
	if err := x.load(); err != nil {
		return nil, fmt.Errorf("export popolo: %w", err)
	}
	doc := &Document{Persons: []*Person{}, Organizations: []*Organization{},
		Memberships: []*Membership{}, Posts: []*Post{}}
	var err error
	if doc.Persons, doc.Organizations, err = x.parties(); err != nil {
		return nil, fmt.Errorf("export popolo: %w", err)
	}
	if doc.Memberships, doc.Posts, err = x.memberships(); err != nil {
		return nil, fmt.Errorf("export popolo: %w", err)
	}
	return doc, nil
}

type exporter struct {
	ctx      context.Context
	s        factions.Store
	ents     map[int64]*factions.Entity
	claims   []*factions.Claim // asserted, not rejected, between known entities; by date, then ID
	articles map[int64]*factions.Article
	posts    map[postKey]*post
}

// load reads every entity and the claims the export uses. It asks the
// store for all of them (no limit), reading on from the end of what it got,
// so that a store that answers fewer is read whole all the same. (Pages of
// 500 had the store sort every claim again for each, by its article's
// date: an export of a store of 9,880 articles took 23 s.)
func (x *exporter) load() error {
	for off := 0; ; {
		es, err := x.s.Entities(x.ctx, factions.EntityFilter{Offset: off})
		if err != nil {
			return fmt.Errorf("entities: %w", err)
		}
		if len(es) == 0 {
			break
		}
		off += len(es)
		for _, e := range es {
			x.ents[e.ID] = e
		}
	}
	seen := map[int64]bool{}
	for off := 0; ; {
		cs, err := x.s.Claims(x.ctx, factions.ClaimFilter{Offset: off})
		if err != nil {
			return fmt.Errorf("claims: %w", err)
		}
		if len(cs) == 0 {
			break
		}
		off += len(cs)
		for _, c := range cs {
			if c.Rejected || c.Stance != factions.Asserted || !c.Predicate.Valid() || seen[c.ID] {
				continue
			}
			if x.ents[c.SubjectID] == nil || x.ents[c.ObjectID] == nil || c.SubjectID == c.ObjectID {
				continue
			}
			seen[c.ID] = true
			x.claims = append(x.claims, c)
		}
	}
	sort.SliceStable(x.claims, func(i, j int) bool { return earlier(x.claims[i], x.claims[j]) })
	return nil
}

// earlier orders claims by date, then ID.
func earlier(a, b *factions.Claim) bool {
	if !a.Date.Equal(b.Date) {
		return a.Date.Before(b.Date)
	}
	return a.ID < b.ID
}

func (x *exporter) is(id int64, t factions.EntityType) bool {
	e := x.ents[id]
	return e != nil && e.Type == t
}

// member reports whether the entity can be a member: a person or an
// organization.
func (x *exporter) member(id int64) bool {
	return x.is(id, factions.Person) || x.is(id, factions.Organization)
}

// orgFacts is what the claims say of each organization, by its ID.
type orgFacts struct {
	cited    map[int64][]*factions.Claim // a claim of each article naming it, in the order of their first claims
	parent   map[int64]*factions.Claim   // earliest Faction or Body claim (faction_of, part_of) of it
	parents  map[int64][]*factions.Claim // its Faction claims (faction_of)
	founded  map[int64][]*factions.Claim // its Founding claims (founded)
	merged   map[int64]*factions.Claim   // earliest Merger claim (merged_into) of it
	merges   map[int64][]*factions.Claim // its Merger claims
	hasSeats map[int64]bool              // subjects of Seats claims (has_seats_in): parties
	seatsIn  map[int64]bool              // their objects: legislatures
}

// orgFacts reads the claims for what parties needs.
func (x *exporter) orgFacts() *orgFacts {
	f := &orgFacts{cited: map[int64][]*factions.Claim{}, parent: map[int64]*factions.Claim{}, parents: map[int64][]*factions.Claim{},
		founded: map[int64][]*factions.Claim{}, merged: map[int64]*factions.Claim{}, merges: map[int64][]*factions.Claim{},
		hasSeats: map[int64]bool{}, seatsIn: map[int64]bool{}}
	citedArt := map[int64]map[int64]bool{}
	cite := func(id int64, c *factions.Claim) {
		if citedArt[id] == nil {
			citedArt[id] = map[int64]bool{}
		}
		if !citedArt[id][c.ArticleID] {
			citedArt[id][c.ArticleID] = true
			f.cited[id] = append(f.cited[id], c)
		}
	}
	first := func(m map[int64]*factions.Claim, id int64, c *factions.Claim) {
		if m[id] == nil {
			m[id] = c
		}
	}
	for _, c := range x.claims {
		cite(c.SubjectID, c)
		cite(c.ObjectID, c)
		subjOrg, objOrg := x.is(c.SubjectID, factions.Organization), x.is(c.ObjectID, factions.Organization)
		switch st := c.Predicate.Info().Structure; {
		case st.Parent() && subjOrg && objOrg:
			first(f.parent, c.SubjectID, c)
			if st == factions.Faction {
				f.parents[c.SubjectID] = append(f.parents[c.SubjectID], c)
			}
		case st == factions.Founding && objOrg:
			f.founded[c.ObjectID] = append(f.founded[c.ObjectID], c)
		case st == factions.Merger && subjOrg && objOrg:
			first(f.merged, c.SubjectID, c)
			f.merges[c.SubjectID] = append(f.merges[c.SubjectID], c)
		case st == factions.Seats && subjOrg && objOrg:
			f.hasSeats[c.SubjectID] = true
			f.seatsIn[c.ObjectID] = true
		}
	}
	return f
}

// parties returns the persons and the organizations, by ID.
func (x *exporter) parties() ([]*Person, []*Organization, error) {
	f := x.orgFacts()
	ids := make([]int64, 0, len(x.ents))
	for id := range x.ents {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	persons, orgs := []*Person{}, []*Organization{}
	for _, id := range ids {
		e := x.ents[id]
		var sources []Link
		for _, c := range f.cited[id] {
			l, err := x.articleLink(c)
			if err != nil {
				return nil, nil, err
			}
			sources = append(sources, l)
		}
		switch e.Type {
		case factions.Person:
			persons = append(persons, &Person{ID: personID(id), Name: e.Name, OtherNames: otherNames(e), Sources: sources})
		case factions.Organization:
			orgs = append(orgs, f.organization(e, sources))
		}
	}
	return persons, orgs, nil
}

// organization returns the Popolo organization of e: its classification,
// parent, founding and dissolution dates (those its founded, faction_of
// and merged_into claims give: eventDay).
func (f *orgFacts) organization(e *factions.Entity, sources []Link) *Organization {
	id := e.ID
	o := &Organization{ID: orgID(id), Name: e.Name, OtherNames: otherNames(e), Sources: sources}
	p := f.parent[id]
	faction := p != nil && p.Predicate.Info().Structure == factions.Faction
	switch {
	case faction:
		o.Classification = "faction"
	case p != nil && hasWord(e.Name, "committee"):
		o.Classification = "committee"
	case p != nil:
		o.Classification = "internal body"
	case f.seatsIn[id]:
		o.Classification = "legislature"
	case f.hasSeats[id]:
		o.Classification = "party"
	default:
		o.Classification = "organization"
	}
	if p != nil {
		o.ParentID = orgID(p.ObjectID)
	}
	// the dates the founding, split or merger claims give, not those of
	// the articles that name them
	o.FoundingDate = bestEventDay(f.founded[id])
	if o.FoundingDate == "" && faction {
		o.FoundingDate = bestEventDay(f.parents[id]) // a faction is founded when it splits
	}
	if f.merged[id] != nil {
		o.DissolutionDate = bestEventDay(f.merges[id])
	}
	return o
}

func personID(id int64) string { return "person/" + strconv.FormatInt(id, 10) }
func orgID(id int64) string    { return "organization/" + strconv.FormatInt(id, 10) }

// otherNames returns e's aliases, without its name and repeats.
func otherNames(e *factions.Entity) []OtherName {
	seen := map[string]bool{factions.NormalizeName(e.Name): true}
	var out []OtherName
	for _, a := range e.Aliases {
		n := factions.NormalizeName(a)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, OtherName{Name: strings.TrimSpace(a)})
	}
	return out
}

// hasWord reports whether the normalized name holds word as a word.
func hasWord(name, word string) bool {
	for _, w := range strings.Fields(factions.NormalizeName(name)) {
		if w == word {
			return true
		}
	}
	return false
}

// day formats t as an ISO 8601 date in UTC, or "" for the zero time.
// claimDay is the day of a claim's article; none for an undated article,
// whose claims are dated by its ingestion.
func claimDay(c *factions.Claim) string {
	if c.Undated {
		return ""
	}
	return day(c.Date)
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// article returns the article of the given ID, nil when the store no longer
// has it.
func (x *exporter) article(id int64) (*factions.Article, error) {
	if a, ok := x.articles[id]; ok {
		return a, nil
	}
	var a *factions.Article
	if id != 0 {
		var err error
		a, err = x.s.Article(x.ctx, id)
		if err != nil && factions.ErrorCode(err) != factions.ENOTFOUND {
			return nil, fmt.Errorf("article %d: %w", id, err)
		}
		if err != nil {
			a = nil
		}
	}
	x.articles[id] = a
	return a, nil
}

// articleURL returns the URL of a (of ID id), or factions:article/ID when it
// has none.
func articleURL(id int64, a *factions.Article) string {
	if a != nil && strings.TrimSpace(a.URL) != "" {
		return strings.TrimSpace(a.URL)
	}
	return "factions:article/" + strconv.FormatInt(id, 10)
}

// note returns text followed by the non-empty parts in parentheses.
func note(text string, parts ...string) string {
	var ps []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, p)
		}
	}
	text = strings.Join(strings.Fields(text), " ")
	if len(ps) == 0 {
		return text
	}
	return strings.TrimSpace(text + " (" + strings.Join(ps, ", ") + ")")
}

// articleLink cites the article of c: its URL, and its title, paper and date.
func (x *exporter) articleLink(c *factions.Claim) (Link, error) {
	a, err := x.article(c.ArticleID)
	if err != nil {
		return Link{}, err
	}
	title, source, date := "", c.Source, claimDay(c)
	if a != nil {
		title = a.Title
		if a.Source != "" {
			source = a.Source
		}
		if !a.Published.IsZero() {
			date = day(a.Published)
		}
	}
	return Link{URL: articleURL(c.ArticleID, a), Note: note(title, source, date)}, nil
}

// claimLink cites c: the URL of its article, and its evidence sentence,
// paper and date.
func (x *exporter) claimLink(c *factions.Claim) (Link, error) {
	a, err := x.article(c.ArticleID)
	if err != nil {
		return Link{}, err
	}
	sentence, source := c.Sentence, c.Source
	if a != nil {
		if strings.TrimSpace(sentence) == "" && c.Evidence.Len() > 0 && c.Evidence.In(len(a.Text)) {
			sentence = a.Text[c.Evidence.Start:c.Evidence.End]
		}
		if source == "" {
			source = a.Source
		}
	}
	return Link{URL: articleURL(c.ArticleID, a), Note: note(sentence, source, claimDay(c))}, nil
}
