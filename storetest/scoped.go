package storetest

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/factions/factions"
)

// scopedDoc is an article of the scoped resolution tests: a person, a
// party the article says he is a member of, and a place.
type scopedDoc struct {
	title, date, person, party, place string
}

func (sd scopedDoc) doc(t *testing.T) *Doc {
	text := fmt.Sprintf("%s of the %s spoke in %s (%s).", sd.person, sd.party, sd.place, sd.title)
	d := NewDoc(t, sd.title, "Daily Ledger", sd.date, text).
		Entity(sd.person, factions.Person).Entity(sd.party, factions.Organization).Entity(sd.place, factions.Place)
	return d.Claim(factions.Claim{Subject: sd.person, Predicate: factions.MemberOf, Object: sd.party}, text)
}

// saveOnly saves d without resolving and returns its ID.
func saveOnly(t *testing.T, s factions.Store, d *Doc) int64 {
	t.Helper()
	a := d.A
	id, created, err := s.SaveArticle(context.Background(), &a, &d.X)
	ok(t, err)
	if !created {
		t.Fatalf("save %q: created = false, want true", d.A.Title)
	}
	return id
}

// occurrenceEntities returns, by article, the entity each claim's subject
// and object are stored under: where the article's names are.
func occurrenceEntities(t *testing.T, s factions.Store) map[int64][]int64 {
	t.Helper()
	out := map[int64][]int64{}
	for _, c := range claims(t, s, factions.ClaimFilter{IncludeRejected: true}) {
		out[c.ArticleID] = append(out[c.ArticleID], c.SubjectID, c.ObjectID)
	}
	return out
}

// entityView returns "name/type mentions" of every entity, sorted.
func entityView(t *testing.T, s factions.Store) []string {
	t.Helper()
	es, err := s.Entities(context.Background(), factions.EntityFilter{})
	ok(t, err)
	out := []string{}
	for _, e := range es {
		out = append(out, fmt.Sprintf("%s/%s %d", e.Name, e.Type, e.MentionCount))
	}
	sort.Strings(out)
	return out
}

var scopedBase = []scopedDoc{
	{"Rally", "2021-01-01", "Imre Vasko", "People's Unity Front", "Valdora"},
	{"Budget", "2021-01-02", "Imre Vasko", "People's Unity Front", "Korvin"},
	{"Strike", "2021-01-03", "Noor Halvi", "Westmark Labour League", "Korvin"},
	{"Debate", "2021-01-04", "Karim Zardan", "Westmark Labour League", "Valdora"},
}

// testResolveArticles checks the scoped resolution of new articles
// (factions.ArticleResolver): their names join the entities of the same
// names, a new name makes a new entity, a curator's pin wins, stored
// occurrences stay, and a full resolution afterwards is the same as one
// of all the articles from scratch.
func testResolveArticles(t *testing.T, open func(t *testing.T) factions.Store) {
	if _, ok := open(t).(factions.ArticleResolver); !ok {
		t.Skip("the store is no factions.ArticleResolver")
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		// curate, when set, runs on the base store before the new articles
		curate func(t *testing.T, s factions.Store)
		news   []scopedDoc
		// want: the entity each new article's person is found as, by name
		// ("" new: none of the base entities)
		person, want string
	}{
		{name: "KnownPerson", news: []scopedDoc{{"Visit", "2021-02-01", "Imre Vasko", "People's Unity Front", "Valdora"}},
			person: "Imre Vasko", want: "Imre Vasko"},
		{name: "VariantSpelling", news: []scopedDoc{{"Visit", "2021-02-01", "Imri Vasko", "People's Unity Front", "Valdora"}},
			person: "Imri Vasko", want: "Imre Vasko"},
		{name: "NewName", news: []scopedDoc{{"Debut", "2021-02-01", "Tamsin Orlo", "People's Unity Front", "Valdora"}},
			person: "Tamsin Orlo", want: ""},
		{name: "TwoNewArticlesOneNewName", news: []scopedDoc{
			{"Debut", "2021-02-01", "Tamsin Orlo", "People's Unity Front", "Valdora"},
			{"Second", "2021-02-02", "Tamsin Orlo", "People's Unity Front", "Korvin"}},
			person: "Tamsin Orlo", want: ""},
		{name: "PinWins", curate: func(t *testing.T, s factions.Store) {
			keep, drop := find(t, s, "Imre Vasko", factions.Person), find(t, s, "Karim Zardan", factions.Person)
			_, err := s.Merge(ctx, keep, drop, "one man")
			ok(t, err)
		}, news: []scopedDoc{{"Return", "2021-02-01", "Karim Zardan", "Westmark Labour League", "Valdora"}},
			person: "Karim Zardan", want: "Imre Vasko"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			r := s.(factions.ArticleResolver)
			for _, d := range scopedBase {
				d.doc(t).Save(ctx, s)
			}
			if tc.curate != nil {
				tc.curate(t, s)
			}
			before := occurrenceEntities(t, s)
			baseIDs := map[int64]bool{}
			es, err := s.Entities(ctx, factions.EntityFilter{})
			ok(t, err)
			for _, e := range es {
				baseIDs[e.ID] = true
			}
			var newIDs []int64
			for _, d := range tc.news {
				newIDs = append(newIDs, saveOnly(t, s, d.doc(t)))
			}
			st, err := r.ResolveState(ctx)
			ok(t, err)
			same(t, "unresolved", st.Unresolved, newIDs)
			if _, err := r.ResolveArticles(ctx, st.Unresolved); err != nil {
				t.Fatal(err)
			}
			st, err = r.ResolveState(ctx)
			ok(t, err)
			same(t, "unresolved after", len(st.Unresolved), 0)
			// the stored occurrences stay where they were
			after := occurrenceEntities(t, s)
			for id, want := range before {
				same(t, fmt.Sprintf("entities of article %d", id), after[id], want)
			}
			// the new articles' person is one entity, the one wanted
			var got []int64
			for _, id := range newIDs {
				got = append(got, after[id][0])
			}
			for _, id := range got[1:] {
				same(t, "entity of the person in each new article", id, got[0])
			}
			if tc.want == "" {
				if baseIDs[got[0]] {
					t.Fatalf("%s joined the stored entity %d, want a new one", tc.person, got[0])
				}
				same(t, "new entity's name", entityNameOf(t, s, got[0]), tc.person)
			} else {
				same(t, "entity of "+tc.person, got[0], find(t, s, tc.want, factions.Person))
			}
			scoped := personReasons(t, s, newIDs)
			// a full resolution then is one from scratch
			Resolve(t, s)
			fresh := open(t)
			for _, d := range scopedBase {
				d.doc(t).Save(ctx, fresh)
			}
			if tc.curate != nil {
				tc.curate(t, fresh)
			}
			for _, d := range tc.news {
				d.doc(t).Save(ctx, fresh)
			}
			same(t, "entities after a full resolution", entityView(t, s), entityView(t, fresh))
			// and the reasons of the new articles' people were those of a
			// full resolution
			var freshIDs []int64
			arts, err := fresh.Articles(ctx, factions.ArticleFilter{})
			ok(t, err)
			for _, d := range tc.news {
				for _, a := range arts {
					if a.Title == d.title {
						freshIDs = append(freshIDs, a.ID)
					}
				}
			}
			same(t, "reasons", scoped, personReasons(t, fresh, freshIDs))
		})
	}
}

// entityNameOf returns the name of entity id.
func entityNameOf(t *testing.T, s factions.Store, id int64) string {
	t.Helper()
	e, err := s.Entity(context.Background(), id)
	ok(t, err)
	return e.Name
}

// personReasons returns the reason each of the articles ids names its
// person (its first claim's subject) as its entity.
func personReasons(t *testing.T, s factions.Store, ids []int64) []string {
	t.Helper()
	ents := occurrenceEntities(t, s)
	out := []string{}
	for _, id := range ids {
		rs, err := s.Resolutions(context.Background(), ents[id][0])
		ok(t, err)
		for _, r := range rs {
			if r.ArticleID == id {
				out = append(out, r.Name+": "+r.Reason)
			}
		}
	}
	return out
}
