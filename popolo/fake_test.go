package popolo_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/popolo"
)

// fakeStore is a factions.Store of given entities, claims and articles. It
// answers at most two items a page, so that Export has to page through. Its
// other methods are those of a nil Store: Export must not call them.
type fakeStore struct {
	factions.Store
	entities []*factions.Entity
	claims   []*factions.Claim
	articles map[int64]*factions.Article
}

func page[T any](xs []T, limit, offset int) []T {
	if limit <= 0 || limit > 2 {
		limit = 2
	}
	if offset >= len(xs) {
		return nil
	}
	return xs[offset:min(offset+limit, len(xs))]
}

func (s *fakeStore) Entities(ctx context.Context, f factions.EntityFilter) ([]*factions.Entity, error) {
	return page(s.entities, f.Limit, f.Offset), nil
}

func (s *fakeStore) Claims(ctx context.Context, f factions.ClaimFilter) ([]*factions.Claim, error) {
	var cs []*factions.Claim
	for _, c := range s.claims {
		if !c.Rejected || f.IncludeRejected {
			cs = append(cs, c)
		}
	}
	return page(cs, f.Limit, f.Offset), nil
}

func (s *fakeStore) Article(ctx context.Context, id int64) (*factions.Article, error) {
	if a := s.articles[id]; a != nil {
		return a, nil
	}
	return nil, factions.Errorf(factions.ENOTFOUND, "article %d not found", id)
}

// TestSpans checks how claims over time become memberships, on claims made
// by hand: rejoining, death, a post stated and closed on one date, a bare
// `left`, a former post said again, a role closed by a broader one, a
// hedged `left` that closes nothing, and citations of missing articles.
func TestSpans(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	text := "Noor Baig rejoined the Civic League. Baig chairs its Council."
	st := &fakeStore{
		entities: []*factions.Entity{
			{ID: 1, Name: "Noor Baig", Type: factions.Person, Aliases: []string{"Baig", "noor baig"}},
			{ID: 2, Name: "Civic League", Type: factions.Organization},
			{ID: 3, Name: "Civic Council", Type: factions.Organization},
			{ID: 4, Name: "Placeland", Type: factions.Place},
			{ID: 5, Name: "Tariq Mend", Type: factions.Person},
			{ID: 6, Name: "Hina Sol", Type: factions.Person},
		},
		articles: map[int64]*factions.Article{
			1: {ID: 1, Title: "One", Source: "The Paper", URL: "https://paper.example/1", Published: day("2020-01-01"), Text: text},
		},
	}
	var next int64
	add := func(subj int64, p factions.Predicate, obj int64, date string, mod ...func(*factions.Claim)) int64 {
		next++
		c := &factions.Claim{ID: next, SubjectID: subj, Predicate: p, ObjectID: obj, Stance: factions.Asserted,
			ArticleID: 1, Date: day(date), Source: "The Paper", Sentence: "Sentence " + string(rune('A'+next-1)) + "."}
		for _, m := range mod {
			m(c)
		}
		st.claims = append(st.claims, c)
		return c.ID
	}
	role := func(r string) func(*factions.Claim) { return func(c *factions.Claim) { c.Role = r } }
	former := func(c *factions.Claim) { c.Former = true }
	stance := func(s factions.Stance) func(*factions.Claim) { return func(c *factions.Claim) { c.Stance = s } }

	// Noor Baig: member of the League, left, rejoined and said so again.
	add(1, factions.MemberOf, 2, "2020-01-01") // 1
	add(1, factions.Left, 2, "2021-01-01")     // 2
	add(1, factions.MemberOf, 2, "2022-01-01") // 3
	add(1, factions.MemberOf, 2, "2023-01-01") // 4
	// Tariq Mend: treasurer of the League until he died.
	add(5, factions.HoldsPost, 2, "2020-06-01", role("Treasurer")) // 5
	add(5, factions.DiedIn, 4, "2021-06-01")                       // 6
	// Hina Sol: a member of the Council and leaving it on one date; a
	// League she left without a membership known; finance minister of
	// Placeland until said to be a former minister.
	add(6, factions.MemberOf, 3, "2022-05-05")                            // 7
	add(6, factions.Left, 3, "2022-05-05")                                // 8
	add(6, factions.Left, 2, "2019-01-01")                                // 9
	add(6, factions.HoldsPost, 4, "2020-02-02", role("finance minister")) // 10
	add(6, factions.HoldsPost, 4, "2021-02-02", role("minister"), former) // 11
	// Noor Baig chairs the Council, said twice afterwards to be its former
	// chair; leads it, with a hedged `left` that closes nothing.
	add(1, factions.HoldsPost, 3, "2020-03-03", role("chair"))         // 12
	add(1, factions.HoldsPost, 3, "2021-03-03", role("chair"), former) // 13
	add(1, factions.HoldsPost, 3, "2022-03-03", role("Chair"), former) // 14
	add(1, factions.Leads, 3, "2020-04-04", func(c *factions.Claim) {  // 15
		c.ArticleID, c.Sentence, c.Source = 9, "Baig leads the League.", "Gone Gazette"
	})
	add(1, factions.Left, 3, "2021-04-04", stance(factions.Hedged))      // 16: hedged, closes nothing
	add(1, factions.MemberOf, 3, "2020-05-05", func(c *factions.Claim) { // 17: from the text
		c.Sentence, c.Evidence = "", factions.Span{Start: 37, End: len(text)}
	})
	add(5, factions.MemberOf, 3, "2020-05-05", stance(factions.Denied))                       // 18: denied
	add(5, factions.MemberOf, 3, "2020-05-05", func(c *factions.Claim) { c.Rejected = true }) // 19: rejected

	doc, err := popolo.Export(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	type mem struct {
		id, person, org, role, post, start, end string
		notes                                   string
	}
	var got []mem
	for _, m := range doc.Memberships {
		var ns []string
		for _, s := range m.Sources {
			ns = append(ns, s.URL+" "+s.Note)
		}
		got = append(got, mem{m.ID, m.PersonID, m.OrganizationID, m.Role, m.PostID, m.StartDate, m.EndDate, strings.Join(ns, " | ")})
	}
	src := func(letters string) string {
		var ns []string
		for _, l := range letters {
			ns = append(ns, "https://paper.example/1 Sentence "+string(l)+". (The Paper, "+map[rune]string{
				'A': "2020-01-01", 'B': "2021-01-01", 'C': "2022-01-01", 'D': "2023-01-01", 'E': "2020-06-01",
				'F': "2021-06-01", 'G': "2022-05-05", 'H': "2022-05-05", 'I': "2019-01-01", 'J': "2020-02-02",
				'K': "2021-02-02", 'L': "2020-03-03", 'M': "2021-03-03", 'N': "2022-03-03"}[l]+")")
		}
		return strings.Join(ns, " | ")
	}
	want := []mem{
		{"membership/9", "person/6", "organization/2", "", "", "", "2019-01-01", src("I")},
		{"membership/1", "person/1", "organization/2", "member", "", "2020-01-01", "2021-01-01", src("AB")},
		{"membership/10", "person/6", "", "finance minister", "post/1", "2020-02-02", "2021-02-02", src("JK")},
		{"membership/12", "person/1", "organization/3", "chair", "post/2", "2020-03-03", "2021-03-03", src("LMN")},
		{"membership/15", "person/1", "organization/3", "leader", "", "2020-04-04", "",
			"factions:article/9 Baig leads the League. (Gone Gazette, 2020-04-04)"},
		{"membership/17", "person/1", "organization/3", "member", "", "2020-05-05", "",
			"https://paper.example/1 Baig chairs its Council. (The Paper, 2020-05-05)"},
		{"membership/5", "person/5", "organization/2", "Treasurer", "post/3", "2020-06-01", "2021-06-01", src("EF")},
		{"membership/3", "person/1", "organization/2", "member", "", "2022-01-01", "", src("CD")},
		{"membership/7", "person/6", "organization/3", "member", "", "", "2022-05-05", src("GH")},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("memberships:\n%s", diff(got, want))
	}
	wantPosts := []*popolo.Post{
		{ID: "post/1", Label: "finance minister, Placeland", Role: "finance minister"},
		{ID: "post/2", Label: "chair", Role: "chair", OrganizationID: "organization/3"},
		{ID: "post/3", Label: "Treasurer", Role: "Treasurer", OrganizationID: "organization/2"},
	}
	if !reflect.DeepEqual(doc.Posts, wantPosts) {
		t.Errorf("posts: got %s, want %s", js(doc.Posts), js(wantPosts))
	}
	if p := doc.Persons[0]; !reflect.DeepEqual(p.OtherNames, []popolo.OtherName{{Name: "Baig"}}) {
		t.Errorf("other names of %s: got %v, want Baig only", p.Name, p.OtherNames)
	}
	if n := len(doc.Persons) + len(doc.Organizations); n != 5 {
		t.Errorf("got %d persons and organizations, want 5 (the place left out)", n)
	}
}

func diff[T any](got, want []T) string {
	var b strings.Builder
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w any = "-", "-"
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		mark := "  "
		if !reflect.DeepEqual(g, w) {
			mark = "! "
		}
		fmt.Fprintf(&b, "%sgot  %+v\n%swant %+v\n", mark, g, mark, w)
	}
	return b.String()
}
