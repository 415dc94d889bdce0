package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factions/factions"
)

// Run runs the contract suite against the stores open returns. open must
// return a new, empty store whose clock reads Now, and close it when t ends.
func Run(t *testing.T, open func(t *testing.T) factions.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open func(t *testing.T) factions.Store)
	}{
		{"SaveArticle", testSaveArticle},
		{"SaveArticles", testSaveArticles},
		{"Resolution", testResolution},
		{"ResolveArticles", testResolveArticles},
		{"Claims", testClaims},
		{"Statements", testStatements},
		{"AsOf", testAsOf},
		{"Lineage", testLineage},
		{"Curation", testCuration},
		{"Concurrent", testConcurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

// same fails the test unless got and want read the same as JSON.
func same(t *testing.T, what string, got, want any) {
	t.Helper()
	g, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	w, err := json.MarshalIndent(want, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if string(g) != string(w) {
		t.Fatalf("%s:\ngot  %s\nwant %s", what, g, w)
	}
}

// code fails the test unless err has the error code want.
func code(t *testing.T, what string, err error, want string) {
	t.Helper()
	if got := factions.ErrorCode(err); got != want {
		t.Fatalf("%s: error code %q (%v), want %q", what, got, err, want)
	}
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// find returns the ID of the one entity whose canonical name is name.
func find(t *testing.T, s factions.Store, name string, typ factions.EntityType) int64 {
	t.Helper()
	es, err := s.FindEntities(context.Background(), name)
	ok(t, err)
	var id int64
	for _, e := range es {
		if e.Name == name && e.Type == typ {
			if id != 0 {
				t.Fatalf("two %s entities named %q", typ, name)
			}
			id = e.ID
		}
	}
	if id == 0 {
		t.Fatalf("no %s named %q among %d found", typ, name, len(es))
	}
	return id
}

func claims(t *testing.T, s factions.Store, f factions.ClaimFilter) []*factions.Claim {
	t.Helper()
	cs, err := s.Claims(context.Background(), f)
	ok(t, err)
	return cs
}

func ids(cs []*factions.Claim) []int64 {
	out := []int64{}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// zardanDoc is the first article of several tests.
func zardanDoc(t *testing.T) *Doc {
	d := NewDoc(t, "Zardan named secretary", "Daily Ledger", "2020-03-01",
		"Rafiq Zardan, a senior leader of the People's Unity Front (PUF), was named its general secretary on Sunday. "+
			"Zardan said the PUF would contest every seat in Valdora.")
	s1 := "Rafiq Zardan, a senior leader of the People's Unity Front (PUF), was named its general secretary on Sunday."
	s2 := "Zardan said the PUF would contest every seat in Valdora."
	d.A.URL, d.A.Path, d.A.Dateline = "https://ledger.example/zardan", "ledger/zardan.txt", "VALDORA"
	return d.Entity("Rafiq Zardan", factions.Person, "Zardan").
		Entity("People's Unity Front", factions.Organization, "PUF").
		Entity("Valdora", factions.Place).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.MemberOf, Object: "People's Unity Front"}, s1).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.HoldsPost, Object: "PUF", Role: "general secretary"}, s1).
		Statement("Zardan", factions.Indirect, "the PUF would contest every seat in Valdora", s2)
}

func testSaveArticle(t *testing.T, open func(t *testing.T) factions.Store) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := open(t)
		d := zardanDoc(t)
		a := d.A
		id, created, err := s.SaveArticle(ctx, &a, &d.X)
		ok(t, err)
		if !created || id == 0 {
			t.Fatalf("SaveArticle = %d, %v, want an ID and true", id, created)
		}
		sum := sha256.Sum256([]byte(d.A.Text))
		want := &factions.Article{ID: id, Hash: hex.EncodeToString(sum[:]), Title: d.A.Title, Source: "Daily Ledger",
			URL: d.A.URL, Path: d.A.Path, Published: Date(t, "2020-03-01"), Dateline: "VALDORA", Text: d.A.Text, Ingested: Now}
		same(t, "article passed", &a, want)
		got, err := s.Article(ctx, id)
		ok(t, err)
		same(t, "Article", got, want)
		as, err := s.Articles(ctx, factions.ArticleFilter{})
		ok(t, err)
		same(t, "Articles", as, []*factions.Article{want})

		es, err := s.Entities(ctx, factions.EntityFilter{})
		ok(t, err)
		if len(es) != 3 {
			t.Fatalf("%d entities, want 3", len(es))
		}
		puf, zardan, valdora := es[0].ID, es[1].ID, es[2].ID
		same(t, "Entities (most mentioned first)", es, []*factions.Entity{
			{ID: puf, Name: "People's Unity Front", Type: factions.Organization, Aliases: []string{"PUF"}, MentionCount: 3},
			{ID: zardan, Name: "Rafiq Zardan", Type: factions.Person, Aliases: []string{"Zardan"}, MentionCount: 2},
			{ID: valdora, Name: "Valdora", Type: factions.Place, Aliases: []string{}, MentionCount: 1},
		})
		persons, err := s.Entities(ctx, factions.EntityFilter{Type: factions.Person})
		ok(t, err)
		same(t, "Entities of type person", ids2(persons), []int64{zardan})
		e, err := s.Entity(ctx, zardan)
		ok(t, err)
		second := d.Span("Zardan said")
		second.End = second.Start + len("Zardan")
		same(t, "Entity", e, &factions.Entity{ID: zardan, Name: "Rafiq Zardan", Type: factions.Person, Aliases: []string{"Zardan"},
			Mentions: []factions.Mention{{Text: "Rafiq Zardan", Span: d.Span("Rafiq Zardan")}, {Text: "Zardan", Span: second}}})

		s1 := "Rafiq Zardan, a senior leader of the People's Unity Front (PUF), was named its general secretary on Sunday."
		cs := claims(t, s, factions.ClaimFilter{ArticleID: id})
		if len(cs) != 2 {
			t.Fatalf("%d claims, want 2", len(cs))
		}
		date := Date(t, "2020-03-01")
		same(t, "Claims", cs, []*factions.Claim{
			{ID: cs[0].ID, Subject: "Rafiq Zardan", Predicate: factions.MemberOf, Object: "People's Unity Front", Stance: factions.Asserted,
				Evidence: d.Span(s1), Sentence: s1, SubjectID: zardan, ObjectID: puf, ArticleID: id, Date: date, Source: "Daily Ledger", Supporters: 1},
			{ID: cs[1].ID, Subject: "Rafiq Zardan", Predicate: factions.HoldsPost, Object: "People's Unity Front", Role: "general secretary",
				Stance: factions.Asserted, Evidence: d.Span(s1), Sentence: s1, SubjectID: zardan, ObjectID: puf, ArticleID: id, Date: date,
				Source: "Daily Ledger", Supporters: 1},
		})
		sts, err := s.Statements(ctx, factions.StatementFilter{ArticleID: id})
		ok(t, err)
		s2 := "Zardan said the PUF would contest every seat in Valdora."
		same(t, "Statements", sts, []*factions.Statement{{ID: sts[0].ID, Speaker: "Rafiq Zardan", Kind: factions.Indirect,
			Text: "the PUF would contest every seat in Valdora", Span: d.Span("the PUF would contest every seat in Valdora"),
			Evidence: d.Span(s2), SpeakerID: zardan, ArticleID: id, Date: date, Source: "Daily Ledger", Title: "Zardan named secretary"}})
		rs, err := s.Resolutions(ctx, zardan)
		ok(t, err)
		same(t, "Resolutions", rs, []*factions.Resolution{})
	})

	t.Run("Idempotent", func(t *testing.T) {
		s := open(t)
		d := zardanDoc(t)
		id := d.Save(ctx, s)
		before := snapshot(t, s)
		a := d.A
		a.Title = "Another title, same text"
		id2, created, err := s.SaveArticle(ctx, &a, &d.X)
		ok(t, err)
		if id2 != id || created {
			t.Fatalf("SaveArticle again = %d, %v, want %d, false", id2, created, id)
		}
		a = d.A
		a.Hash = id2hash(t, s, id)
		id3, created, err := s.SaveArticle(ctx, &a, &factions.Extraction{})
		ok(t, err)
		if id3 != id || created {
			t.Fatalf("SaveArticle with the hash = %d, %v, want %d, false", id3, created, id)
		}
		same(t, "store after saving twice", snapshot(t, s), before)
	})

	t.Run("NoPublicationDate", func(t *testing.T) {
		s := open(t)
		d := NewDoc(t, "Undated", "Evening Courier", "", "Noor Halvi leads the Green Dawn Alliance.").
			Entity("Noor Halvi", factions.Person).Entity("Green Dawn Alliance", factions.Organization).
			Claim(factions.Claim{Subject: "Noor Halvi", Predicate: factions.Leads, Object: "Green Dawn Alliance"}, "Noor Halvi leads the Green Dawn Alliance.")
		id := d.Save(ctx, s)
		a, err := s.Article(ctx, id)
		ok(t, err)
		if !a.Published.IsZero() || !a.Ingested.Equal(Now) || !a.Date().IsZero() {
			t.Fatalf("published %v, ingested %v, date %v; want zero, %v, zero", a.Published, a.Ingested, a.Date(), Now)
		}
		cs := claims(t, s, factions.ClaimFilter{ArticleID: id})
		if len(cs) != 1 || !cs[0].Date.IsZero() || !cs[0].Undated {
			t.Fatalf("claims %+v, want one of an unknown date, marked undated", cs)
		}
	})

	t.Run("Period", func(t *testing.T) {
		s := open(t)
		day := func(d string) time.Time { return Date(t, d) }
		old := NewDoc(t, "Old", "Evening Courier", "", "Noor Halvi leads the Green Dawn Alliance.").
			Entity("Noor Halvi", factions.Person).Entity("Green Dawn Alliance", factions.Organization).
			Claim(factions.Claim{Subject: "Noor Halvi", Predicate: factions.Leads, Object: "Green Dawn Alliance"}, "Noor Halvi leads the Green Dawn Alliance.")
		old.A.DateFrom, old.A.DateUntil = day("2004-01-01"), day("2005-12-31")
		id := old.Save(ctx, s)
		nodate := NewDoc(t, "None", "Evening Courier", "", "Noor Halvi spoke.").Entity("Noor Halvi", factions.Person).
			Statement("Noor Halvi", factions.Indirect, "spoke", "Noor Halvi spoke.")
		nodate.Save(ctx, s)
		dated := NewDoc(t, "New", "Evening Courier", "2003-06-01", "Noor Halvi said \"yes\".").Entity("Noor Halvi", factions.Person).
			Statement("Noor Halvi", factions.Direct, "yes", "Noor Halvi said \"yes\".")
		dated.Save(ctx, s)
		a, err := s.Article(ctx, id)
		ok(t, err)
		if !a.Date().Equal(day("2004-01-01")) || !a.DateUntil.Equal(day("2005-12-31")) {
			t.Fatalf("article date %v until %v, want the period 2004-01-01..2005-12-31", a.Date(), a.DateUntil)
		}
		cs := claims(t, s, factions.ClaimFilter{ArticleID: id})
		if len(cs) != 1 || !cs[0].Date.Equal(day("2004-01-01")) || !cs[0].DateUntil.Equal(day("2005-12-31")) || !cs[0].Undated {
			t.Fatalf("claims %+v, want one of 2004-2005, marked undated", cs)
		}
		// newest first: the article of no date is never the newest
		as, err := s.Articles(ctx, factions.ArticleFilter{})
		ok(t, err)
		same(t, "articles, newest first", []string{as[0].Title, as[1].Title, as[2].Title}, []string{"Old", "New", "None"})
		sts, err := s.Statements(ctx, factions.StatementFilter{})
		ok(t, err)
		same(t, "statements, newest first", []string{sts[0].Text, sts[1].Text}, []string{"yes", "spoke"})
	})

	t.Run("OnTheFlyEntities", func(t *testing.T) {
		s := open(t)
		text := "Farah Deen, speaker of the Valdora Assembly, was killed in Halvi, police said."
		d := NewDoc(t, "Speaker killed", "Daily Ledger", "2021-02-02", text).
			Claim(factions.Claim{Subject: "Farah Deen", Predicate: factions.HoldsPost, Object: "Valdora Assembly", Role: "speaker", Former: true}, text).
			Claim(factions.Claim{Subject: "Farah Deen", Predicate: factions.DiedIn, Object: "Halvi", AttributedTo: "police"}, text)
		id := d.Save(ctx, s)
		deen := find(t, s, "Farah Deen", factions.Person)
		assembly := find(t, s, "Valdora Assembly", factions.Organization)
		halvi := find(t, s, "Halvi", factions.Place)
		cs := claims(t, s, factions.ClaimFilter{ArticleID: id})
		date := Date(t, "2021-02-02")
		same(t, "Claims", cs, []*factions.Claim{
			{ID: cs[0].ID, Subject: "Farah Deen", Predicate: factions.HoldsPost, Object: "Valdora Assembly", Role: "speaker", Former: true,
				Stance: factions.Asserted, Evidence: d.Span(text), Sentence: text, SubjectID: deen, ObjectID: assembly, ArticleID: id,
				Date: date, Source: "Daily Ledger", Supporters: 1},
			{ID: cs[1].ID, Subject: "Farah Deen", Predicate: factions.DiedIn, Object: "Halvi", Stance: factions.Asserted,
				AttributedTo: "police", Evidence: d.Span(text), Sentence: text, SubjectID: deen, ObjectID: halvi, ArticleID: id,
				Date: date, Source: "Daily Ledger", Supporters: 1},
		})
	})

	t.Run("Invalid", func(t *testing.T) {
		s := open(t)
		text := "Rafiq Zardan leads the People's Unity Front."
		n := len(text)
		good := func() *factions.Extraction {
			d := NewDoc(t, "", "", "", text).Entity("Rafiq Zardan", factions.Person).Entity("People's Unity Front", factions.Organization).
				Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.Leads, Object: "People's Unity Front"}, text).
				Statement("Rafiq Zardan", factions.Direct, "leads", text)
			return &d.X
		}
		cases := []struct {
			name   string
			text   string
			break_ func(x *factions.Extraction)
		}{
			{"EmptyText", "", func(x *factions.Extraction) {}},
			{"BlankText", " \n ", func(x *factions.Extraction) {}},
			{"EntityType", text, func(x *factions.Extraction) { x.Entities[1].Type = "party" }},
			{"EntityName", text, func(x *factions.Extraction) { x.Entities[1].Name = " - " }},
			{"MentionSpan", text, func(x *factions.Extraction) { x.Entities[0].Mentions[0].Span = factions.Span{Start: n - 2, End: n + 5} }},
			{"Predicate", text, func(x *factions.Extraction) { x.Claims[0].Predicate = "supports" }},
			{"Stance", text, func(x *factions.Extraction) { x.Claims[0].Stance = "rumoured" }},
			{"ClaimSubject", text, func(x *factions.Extraction) { x.Claims[0].Subject = "" }},
			{"EvidenceSpan", text, func(x *factions.Extraction) { x.Claims[0].Evidence = factions.Span{Start: 5, End: 2} }},
			{"StatementSpan", text, func(x *factions.Extraction) { x.Statements[0].Span = factions.Span{Start: -1, End: 3} }},
			{"StatementKind", text, func(x *factions.Extraction) { x.Statements[0].Kind = "shouted" }},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				x := good()
				c.break_(x)
				_, _, err := s.SaveArticle(ctx, &factions.Article{Title: c.name, Text: c.text}, x)
				code(t, "SaveArticle", err, factions.EINVALID)
			})
		}
		_, _, err := s.SaveArticle(ctx, nil, good())
		code(t, "SaveArticle(nil)", err, factions.EINVALID)
		same(t, "store after invalid saves", snapshot(t, s), snapshot(t, open(t)))
		// and the good one goes in
		if _, created, err := s.SaveArticle(ctx, &factions.Article{Text: text}, good()); err != nil || !created {
			t.Fatalf("valid SaveArticle = %v, %v", created, err)
		}
	})
}

// otherDoc is an article that shares a person and a party with zardanDoc.
func otherDoc(t *testing.T) *Doc {
	text := "Rafiq Zardan of the PUF met Noor Halvi in Valdora."
	return NewDoc(t, "Zardan meets Halvi", "Evening Courier", "2020-04-02", text).
		Entity("Rafiq Zardan", factions.Person).Entity("PUF", factions.Organization).
		Entity("Noor Halvi", factions.Person).Entity("Valdora", factions.Place).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.MemberOf, Object: "PUF"}, text)
}

func testSaveArticles(t *testing.T, open func(t *testing.T) factions.Store) {
	ctx := context.Background()
	t.Run("SameAsOneByOne", func(t *testing.T) {
		one := open(t)
		zardanDoc(t).Save(ctx, one)
		otherDoc(t).Save(ctx, one)

		s := open(t)
		z, o := zardanDoc(t), otherDoc(t)
		bad := otherDoc(t)
		bad.A.Text += " More."
		bad.X.Claims[0].Predicate = "supports"
		items := []factions.SaveItem{
			{Article: &z.A, Extraction: &z.X},
			{Article: &bad.A, Extraction: &bad.X},
			{Article: &factions.Article{Text: z.A.Text}, Extraction: &z.X}, // the same text again
			{Article: &o.A, Extraction: &o.X},
			{Article: nil, Extraction: &o.X},
		}
		res, err := s.SaveArticles(ctx, items)
		ok(t, err)
		if len(res) != len(items) {
			t.Fatalf("%d results for %d items", len(res), len(items))
		}
		code(t, "invalid item", res[1].Err, factions.EINVALID)
		code(t, "nil article", res[4].Err, factions.EINVALID)
		res[1].Err, res[4].Err = nil, nil
		if z.A.ID == 0 || z.A.Hash == "" || !z.A.Ingested.Equal(Now) || o.A.ID == 0 || o.A.ID == z.A.ID {
			t.Fatalf("articles not updated: %+v, %+v", z.A, o.A)
		}
		same(t, "results", res, []factions.SaveResult{{ID: z.A.ID, Created: true}, {}, {ID: z.A.ID}, {ID: o.A.ID, Created: true}, {}})
		same(t, "store after a batch", snapshot(t, s).renumbered(), snapshot(t, one).renumbered())

		// again: nothing changes
		res, err = s.SaveArticles(ctx, []factions.SaveItem{{Article: &z.A, Extraction: &z.X}, {Article: &o.A, Extraction: &o.X}})
		ok(t, err)
		same(t, "results again", res, []factions.SaveResult{{ID: z.A.ID}, {ID: o.A.ID}})
		same(t, "store after the batch again", snapshot(t, s).renumbered(), snapshot(t, one).renumbered())
	})
	t.Run("Empty", func(t *testing.T) {
		s := open(t)
		res, err := s.SaveArticles(ctx, nil)
		ok(t, err)
		if len(res) != 0 {
			t.Fatalf("results %v for no items", res)
		}
	})
	t.Run("Cancelled", func(t *testing.T) {
		s := open(t)
		z := zardanDoc(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := s.SaveArticles(cctx, []factions.SaveItem{{Article: &z.A, Extraction: &z.X}}); err == nil {
			t.Fatal("SaveArticles with a cancelled context: no error")
		}
		same(t, "store after a cancelled batch", snapshot(t, s), snapshot(t, open(t)))
		if z.A.ID != 0 {
			t.Fatalf("article ID %d set by a batch that failed", z.A.ID)
		}
	})
}

// SabotageRole is the role of a claim that the store given to
// TestBatchFailure must refuse to insert (a trigger that raises an error).
const SabotageRole = "sabotage"

// TestBatchFailure checks that an article whose rows the database refuses
// halfway through its writing (after its article row, entities, aliases and
// mentions) is rolled back whole within a batch while the others are
// stored. s must be empty and refuse any claim whose role is SabotageRole.
func TestBatchFailure(t *testing.T, s, want factions.Store) {
	ctx := context.Background()
	z, o := zardanDoc(t), otherDoc(t)
	bad := NewDoc(t, "Sabotaged", "Daily Ledger", "2020-03-05", "Imran Veer, the PUF's saboteur, spoke in Kasrabad.").
		Entity("Imran Veer", factions.Person).Entity("PUF", factions.Organization).Entity("Kasrabad", factions.Place).
		Claim(factions.Claim{Subject: "Imran Veer", Predicate: factions.HoldsPost, Object: "PUF", Role: SabotageRole},
			"Imran Veer, the PUF's saboteur, spoke in Kasrabad.")
	// an article after the failed one naming the person it named, whose
	// entity went with it
	again := veerDoc(t)
	res, err := s.SaveArticles(ctx, []factions.SaveItem{
		{Article: &z.A, Extraction: &z.X}, {Article: &bad.A, Extraction: &bad.X}, {Article: &o.A, Extraction: &o.X},
		{Article: &again.A, Extraction: &again.X}})
	ok(t, err)
	if res[1].Err == nil || res[1].ID != 0 || res[1].Created {
		t.Fatalf("sabotaged article: %+v, want an error", res[1])
	}
	res[1].Err = nil
	if z.A.ID == 0 || o.A.ID == 0 {
		t.Fatalf("articles not updated: %+v, %+v", z.A, o.A)
	}
	same(t, "results", res, []factions.SaveResult{{ID: z.A.ID, Created: true}, {}, {ID: o.A.ID, Created: true}, {ID: again.A.ID, Created: true}})
	if bad.A.ID != 0 {
		t.Fatalf("failed article has ID %d", bad.A.ID)
	}
	zardanDoc(t).Save(ctx, want)
	otherDoc(t).Save(ctx, want)
	veerDoc(t).Save(ctx, want)
	// IDs are taken from sequences that a rollback does not give back
	got, exp := snapshot(t, s).renumbered(), snapshot(t, want).renumbered()
	same(t, "store after a batch with a failed article", got, exp)
	es, err := s.FindEntities(ctx, "Imran Veer")
	ok(t, err)
	if len(es) != 1 {
		t.Fatalf("Imran Veer: %d entities (want the one of the article after the failed one)", len(es))
	}
}

// veerDoc names the person of TestBatchFailure's failed article.
func veerDoc(t *testing.T) *Doc {
	return NewDoc(t, "Again", "Daily Ledger", "2020-03-06", "Imran Veer spoke again.").Entity("Imran Veer", factions.Person)
}

func ids2(es []*factions.Entity) []int64 {
	out := []int64{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func id2hash(t *testing.T, s factions.Store, id int64) string {
	a, err := s.Article(context.Background(), id)
	ok(t, err)
	return a.Hash
}

// storeView is everything a store shows, to compare two states.
type storeView struct {
	Articles   []*factions.Article
	Entities   []*factions.Entity
	Claims     []*factions.Claim
	Statements []*factions.Statement
	Found      map[string][]*factions.Entity
}

// renumbered returns v with the IDs of each kind of row replaced by their
// ranks (1, 2, ...): the same for two stores that hold the same rows in the
// same order of insertion but took their IDs from sequences with gaps.
func (v *storeView) renumbered() *storeView {
	rank := func(ids map[int64]int64) {
		keys := make([]int64, 0, len(ids))
		for id := range ids {
			keys = append(keys, id)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		for i, id := range keys {
			ids[id] = int64(i + 1)
		}
	}
	arts, ents, cls, sts := map[int64]int64{0: 0}, map[int64]int64{0: 0}, map[int64]int64{0: 0}, map[int64]int64{0: 0}
	for _, a := range v.Articles {
		arts[a.ID] = 0
	}
	for _, e := range v.Entities {
		ents[e.ID] = 0
	}
	for _, c := range v.Claims {
		cls[c.ID], ents[c.SubjectID], ents[c.ObjectID], arts[c.ArticleID] = 0, 0, 0, 0
	}
	for _, st := range v.Statements {
		sts[st.ID], ents[st.SpeakerID], arts[st.ArticleID] = 0, 0, 0
	}
	for _, es := range v.Found {
		for _, e := range es {
			ents[e.ID] = 0
		}
	}
	for _, m := range []map[int64]int64{arts, ents, cls, sts} {
		rank(m)
	}
	for _, a := range v.Articles {
		a.ID = arts[a.ID]
	}
	for _, e := range v.Entities {
		e.ID = ents[e.ID]
	}
	for _, c := range v.Claims {
		c.ID, c.SubjectID, c.ObjectID, c.ArticleID = cls[c.ID], ents[c.SubjectID], ents[c.ObjectID], arts[c.ArticleID]
	}
	for _, st := range v.Statements {
		st.ID, st.SpeakerID, st.ArticleID = sts[st.ID], ents[st.SpeakerID], arts[st.ArticleID]
	}
	for _, es := range v.Found {
		for _, e := range es {
			e.ID = ents[e.ID]
		}
	}
	return v
}

// snapshot returns what s shows: its articles, entities (with mentions),
// claims (rejected included), statements and the result of finding each
// entity's names.
func snapshot(t *testing.T, s factions.Store) *storeView {
	t.Helper()
	ctx := context.Background()
	v := &storeView{Found: map[string][]*factions.Entity{}}
	var err error
	v.Articles, err = s.Articles(ctx, factions.ArticleFilter{})
	ok(t, err)
	list, err := s.Entities(ctx, factions.EntityFilter{})
	ok(t, err)
	for _, e := range list {
		full, err := s.Entity(ctx, e.ID)
		ok(t, err)
		v.Entities = append(v.Entities, full)
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if v.Found[n], err = s.FindEntities(ctx, n); err != nil {
				t.Fatal(err)
			}
		}
	}
	v.Claims = claims(t, s, factions.ClaimFilter{IncludeRejected: true})
	v.Statements, err = s.Statements(ctx, factions.StatementFilter{})
	ok(t, err)
	return v
}

// resolutionKB is the store testResolution starts from: one article
// naming Rafiq Zardan, the People's Unity Front and Valdora.
type resolutionKB struct {
	s                        factions.Store
	a1, zardan, puf, valdora int64
	bhatti                   int64 // set by VariantSharedParty for VariantOtherParty
}

func testResolution(t *testing.T, open func(t *testing.T) factions.Store) {
	ctx := context.Background()
	s := open(t)
	kb := &resolutionKB{s: s, a1: zardanDoc(t).Save(ctx, s)}
	kb.zardan = find(t, s, "Rafiq Zardan", factions.Person)
	kb.puf = find(t, s, "People's Unity Front", factions.Organization)
	kb.valdora = find(t, s, "Valdora", factions.Place)
	for _, tc := range []struct {
		name string
		test func(*testing.T, func(*testing.T) factions.Store, *resolutionKB)
	}{
		{"AliasAndSameName", testResolutionAliasAndSameName},
		{"AcronymFirst", testResolutionAcronymFirst},
		{"Bridge", testResolutionBridge},
		{"MiddleNameDropped", testResolutionMiddleNameDropped},
		{"MiddleNameJoins", testResolutionMiddleNameJoins},
		{"RelatedOrganizations", testResolutionRelatedOrganizations},
		{"FarMoreNamedAlias", testResolutionFarMoreNamedAlias},
		{"VariantSharedParty", testResolutionVariantSharedParty},
		{"VariantOtherCountry", testResolutionVariantOtherCountry},
		{"OtherPartyNamedNearby", testResolutionOtherPartyNamedNearby},
		{"OtherType", testResolutionOtherType},
		{"Bodies", testResolutionBodies},
		{"ShortForm", testResolutionShortForm},
		{"Order", testResolutionOrder},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.test(t, open, kb) })
	}
}

// resolutionsOf returns the resolutions kept for entity id.
func resolutionsOf(t *testing.T, s factions.Store, id int64) []*factions.Resolution {
	t.Helper()
	rs, err := s.Resolutions(context.Background(), id)
	ok(t, err)
	return rs
}

// entityNames returns "name/type" of each entity.
func entityNames(es []*factions.Entity) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Name+"/"+string(e.Type))
	}
	return out
}

func testResolutionAliasAndSameName(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := kb.s
	zardan := kb.zardan
	puf := kb.puf
	s1 := "PUF chief Noor Halvi denied that Rafiq Zardan had left the party."
	s2 := "Party insiders said Zardan quit the PUF in April."
	a2 := NewDoc(t, "PUF chief denies Zardan exit", "Evening Courier", "2021-05-10", s1+" "+s2).
		Entity("Noor Halvi", factions.Person, "Halvi").Entity("PUF", factions.Organization).
		Entity("Rafiq Zardan", factions.Person, "Zardan").
		Claim(factions.Claim{Subject: "Noor Halvi", Predicate: factions.Leads, Object: "PUF"}, s1).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.Left, Object: "PUF", Stance: factions.Denied, AttributedTo: "Noor Halvi"}, s1).
		Claim(factions.Claim{Subject: "Zardan", Predicate: factions.Left, Object: "PUF", AttributedTo: "Party insiders"}, s2).
		Statement("Party insiders", factions.Indirect, "Zardan quit the PUF in April", s2).Save(ctx, s)
	same(t, "Resolutions of the PUF", resolutionsOf(t, s, puf), []*factions.Resolution{{EntityID: puf, ArticleID: a2, Name: "PUF",
		Reason: `"PUF" and "People's Unity Front" are one party in the party list (People's Unity Front, Eastmark)`}})
	same(t, "Resolutions of Zardan", resolutionsOf(t, s, zardan), []*factions.Resolution{{EntityID: zardan, ArticleID: a2, Name: "Rafiq Zardan", Reason: "same name"}})
	halvi := find(t, s, "Noor Halvi", factions.Person)
	same(t, "Resolutions of Halvi", resolutionsOf(t, s, halvi), []*factions.Resolution{})
	cs := claims(t, s, factions.ClaimFilter{ArticleID: a2})
	same(t, "claim subjects and objects", [][2]int64{{cs[0].SubjectID, cs[0].ObjectID}, {cs[1].SubjectID, cs[1].ObjectID}, {cs[2].SubjectID, cs[2].ObjectID}},
		[][2]int64{{halvi, puf}, {zardan, puf}, {zardan, puf}})
	sts, err := s.Statements(ctx, factions.StatementFilter{ArticleID: a2})
	ok(t, err)
	if len(sts) != 1 || sts[0].Speaker != "Party insiders" || sts[0].SpeakerID != 0 {
		t.Fatalf("statement speaker %q (%d), want free text %q", sts[0].Speaker, sts[0].SpeakerID, "Party insiders")
	}
	e, err := s.Entity(ctx, puf)
	ok(t, err)
	if e.Name != "People's Unity Front" || len(e.Mentions) != 5 {
		t.Fatalf("PUF is %q with %d mentions, want %q with 5", e.Name, len(e.Mentions), "People's Unity Front")
	}
}

func testResolutionAcronymFirst(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := open(t)
	NewDoc(t, "Rally", "Daily Ledger", "2020-01-01", "The UDP met in Valdora.").
		Entity("UDP", factions.Organization).Entity("Valdora", factions.Place).Save(ctx, s)
	udp := find(t, s, "UDP", factions.Organization)
	a2 := NewDoc(t, "Rally again", "Daily Ledger", "2020-02-01", "The United Dawn Party (UDP) met again.").
		Entity("United Dawn Party", factions.Organization, "UDP").Save(ctx, s)
	e, err := s.Entity(ctx, udp)
	ok(t, err)
	same(t, "entity", e, &factions.Entity{ID: udp, Name: "United Dawn Party", Type: factions.Organization, Aliases: []string{"UDP"},
		Mentions: []factions.Mention{{Text: "UDP", Span: factions.Span{Start: 4, End: 7}},
			{Text: "United Dawn Party", Span: factions.Span{Start: 4, End: 21}}, {Text: "UDP", Span: factions.Span{Start: 23, End: 26}}}})
	// the article's other name is the stored entity's
	same(t, "Resolutions", resolutionsOf(t, s, udp), []*factions.Resolution{{EntityID: udp, ArticleID: a2, Name: "United Dawn Party", Reason: "alias"}})
}

// testResolutionBridge: two organizations stored apart are one once an
// article names them together; the evidence is in Resolutions, not in the
// audit log, and a curator's split parts them for good.
func testResolutionBridge(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := open(t)
	a1 := NewDoc(t, "Rally", "Daily Ledger", "2020-01-01", "The BDP met in Valdora.").
		Entity("BDP", factions.Organization).Entity("Valdora", factions.Place).Save(ctx, s)
	NewDoc(t, "March", "Evening Courier", "2020-01-02", "The Blue Dawn Party marched.").
		Entity("Blue Dawn Party", factions.Organization).Save(ctx, s)
	bdp, blue := find(t, s, "BDP", factions.Organization), find(t, s, "Blue Dawn Party", factions.Organization)
	if bdp == blue {
		t.Fatal("two articles that share no name made one entity")
	}
	a3 := NewDoc(t, "Both", "Daily Ledger", "2020-01-03", "The Blue Dawn Party (BDP) met again.").
		Entity("Blue Dawn Party", factions.Organization, "BDP").Save(ctx, s)
	es, err := s.FindEntities(ctx, "BDP")
	ok(t, err)
	same(t, "FindEntities(BDP)", entityNames(es), []string{"Blue Dawn Party/organization"})
	if es[0].ID != blue {
		t.Fatalf("one entity %d, want the one most of its articles were in, %d", es[0].ID, blue)
	}
	same(t, "Resolutions", resolutionsOf(t, s, blue), []*factions.Resolution{
		{EntityID: blue, ArticleID: a3 - 1, Name: "Blue Dawn Party", Reason: `"BDP" is the acronym of "Blue Dawn Party" in an article`},
		{EntityID: blue, ArticleID: a3, Name: "Blue Dawn Party", Reason: "alias"},
	})
	if _, err := s.Entity(ctx, bdp); factions.ErrorCode(err) != factions.ENOTFOUND {
		t.Fatalf("Entity(%d) = %v, want it merged into %d", bdp, err, blue)
	}
	log, err := s.AuditLog(ctx)
	ok(t, err)
	same(t, "audit log", log, []*factions.AuditEntry{})
	// a curator parts them: resolution keeps them apart
	other, _, err := s.Split(ctx, blue, "BDP", "not the same")
	ok(t, err)
	Resolve(t, s)
	es, err = s.FindEntities(ctx, "BDP")
	ok(t, err)
	if len(es) == 0 || es[0].ID != other || es[0].Name != "BDP" {
		t.Fatalf("FindEntities(BDP) after split = %v, want #%d BDP", entityNames(es), other)
	}
	if cs := claims(t, s, factions.ClaimFilter{ArticleID: a1}); len(cs) != 0 {
		t.Fatalf("claims %v", cs)
	}
}

// testResolutionMiddleNameDropped: a name without its middle name, and the
// same name tied to another party of the same country, are one person.
func testResolutionMiddleNameDropped(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := open(t)
	s1 := "Rafiq Ahmed Zardan, a member of the People's Unity Front, spoke."
	NewDoc(t, "Speech", "Daily Ledger", "2021-01-01", s1).
		Entity("Rafiq Ahmed Zardan", factions.Person, "Zardan").Entity("People's Unity Front", factions.Organization).
		Claim(factions.Claim{Subject: "Rafiq Ahmed Zardan", Predicate: factions.MemberOf, Object: "People's Unity Front"}, s1).Save(ctx, s)
	s2 := "Rafiq Zardan of the People's Unity Front spoke again."
	NewDoc(t, "Again", "Evening Courier", "2021-02-01", s2).
		Entity("Rafiq Zardan", factions.Person, "Zardan").Entity("People's Unity Front", factions.Organization).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.MemberOf, Object: "People's Unity Front"}, s2).Save(ctx, s)
	s3 := "Rafiq Zardan of the Green Dawn Alliance spoke too."
	NewDoc(t, "Other", "Evening Courier", "2021-03-01", s3).
		Entity("Rafiq Zardan", factions.Person, "Zardan").Entity("Green Dawn Alliance", factions.Organization).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.MemberOf, Object: "Green Dawn Alliance"}, s3).Save(ctx, s)
	es, err := s.FindEntities(ctx, "Rafiq Zardan")
	ok(t, err)
	// another party of the same country named nearby is no evidence of
	// another man
	same(t, "FindEntities(Rafiq Zardan)", entityNames(es), []string{"Rafiq Zardan/person"})
	full := find(t, s, "Rafiq Zardan", factions.Person)
	if cs := claims(t, s, factions.ClaimFilter{SubjectID: full}); len(cs) != 3 {
		t.Fatalf("Rafiq Ahmed Zardan has %d claims, want 3 (one man)", len(cs))
	}
}

// testResolutionMiddleNameJoins: a name without its middle name joins the
// full name when it is the only bearer that fits, without an article
// naming both.
func testResolutionMiddleNameJoins(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := open(t)
	member := func(title, date, text, name string, aliases ...string) int64 {
		return NewDoc(t, title, "Daily Ledger", date, text).
			Entity(name, factions.Person, aliases...).Entity("People's Unity Front", factions.Organization).
			Claim(factions.Claim{Subject: name, Predicate: factions.MemberOf, Object: "People's Unity Front"}, text).Save(ctx, s)
	}
	member("Full", "2021-01-01", "Tariq Aziz Lodhi of the People's Unity Front spoke.", "Tariq Aziz Lodhi")
	a2 := member("Short", "2021-02-01", "Tariq Lodhi of the People's Unity Front spoke.", "Tariq Lodhi")
	es, err := s.FindEntities(ctx, "Tariq Lodhi")
	ok(t, err)
	same(t, "FindEntities(Tariq Lodhi)", entityNames(es), []string{"Tariq Aziz Lodhi/person"})
	same(t, "Resolutions", resolutionsOf(t, s, es[0].ID), []*factions.Resolution{{EntityID: es[0].ID, ArticleID: a2, Name: "Tariq Lodhi",
		Reason: `"Tariq Lodhi" is "Tariq Aziz Lodhi" without a middle name, the only bearer that fits (Eastmark, 2021–2021)`}})
	log, err := s.AuditLog(ctx)
	ok(t, err)
	same(t, "audit log", log, []*factions.AuditEntry{})
}

func testResolutionRelatedOrganizations(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := open(t)
	s1 := "Rafiq Zardan is a member of the Unity Front (Reform)."
	NewDoc(t, "Member", "Daily Ledger", "2021-01-01", s1).
		Entity("Rafiq Zardan", factions.Person).Entity("Unity Front (Reform)", factions.Organization).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.MemberOf, Object: "Unity Front (Reform)"}, s1).Save(ctx, s)
	s2 := "The Unity Front (Reform) merged into the Green Dawn Alliance, and Rafiq Zardan joined the GDA presidium."
	NewDoc(t, "Merger", "Evening Courier", "2022-01-01", s2).
		Entity("Rafiq Zardan", factions.Person).Entity("Unity Front (Reform)", factions.Organization).
		Entity("Green Dawn Alliance", factions.Organization).Entity("GDA presidium", factions.Organization).
		Claim(factions.Claim{Subject: "Unity Front (Reform)", Predicate: factions.MergedInto, Object: "Green Dawn Alliance"}, s2).
		Claim(factions.Claim{Subject: "GDA presidium", Predicate: factions.PartOf, Object: "Green Dawn Alliance"}, s2).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.MemberOf, Object: "GDA presidium"}, s2).Save(ctx, s)
	// tied to the presidium of the party his faction merged into: the
	// same man, not a namesake
	zardan := find(t, s, "Rafiq Zardan", factions.Person)
	if cs := claims(t, s, factions.ClaimFilter{SubjectID: zardan, Predicate: factions.MemberOf}); len(cs) != 2 {
		t.Fatalf("Rafiq Zardan has %d memberships, want both articles' (one person)", len(cs))
	}
}

func testResolutionFarMoreNamedAlias(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := open(t)
	NewDoc(t, "Stray", "Daily Ledger", "2021-01-01", "Valdora's UDP office was shut.").
		Entity("UDP", factions.Place).Save(ctx, s)
	text := "The United Dawn Party (UDP) won." + strings.Repeat(" The UDP rallied.", 12)
	NewDoc(t, "Party", "Evening Courier", "2021-02-01", text).
		Entity("United Dawn Party", factions.Organization, "UDP").Save(ctx, s)
	es, err := s.FindEntities(ctx, "UDP")
	ok(t, err)
	same(t, "FindEntities(UDP)", entityNames(es), []string{"United Dawn Party/organization", "UDP/place"})
}

func testResolutionVariantSharedParty(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := kb.s
	valdora := kb.valdora
	s1 := "Muhammad Tariq Bhatti, a member of the People's Unity Front, addressed a rally in Valdora."
	a3 := NewDoc(t, "Rally", "Daily Ledger", "2022-01-15", s1).
		Entity("Muhammad Tariq Bhatti", factions.Person).Entity("People's Unity Front", factions.Organization).Entity("Valdora", factions.Place).
		Claim(factions.Claim{Subject: "Muhammad Tariq Bhatti", Predicate: factions.MemberOf, Object: "People's Unity Front"}, s1).Save(ctx, s)
	kb.bhatti = find(t, s, "Muhammad Tariq Bhatti", factions.Person)
	same(t, "Resolutions of Valdora", resolutionsOf(t, s, valdora), []*factions.Resolution{{EntityID: valdora, ArticleID: a3, Name: "Valdora", Reason: "same name"}})
	s2 := "Mohammed Tariq Bhatti of the PUF told reporters the party was united."
	a4 := NewDoc(t, "United", "Evening Courier", "2022-06-01", s2).
		Entity("Mohammed Tariq Bhatti", factions.Person).Entity("PUF", factions.Organization).
		Claim(factions.Claim{Subject: "Mohammed Tariq Bhatti", Predicate: factions.MemberOf, Object: "PUF"}, s2).Save(ctx, s)
	same(t, "Resolutions of Bhatti", resolutionsOf(t, s, kb.bhatti), []*factions.Resolution{{EntityID: kb.bhatti, ArticleID: a4,
		Name: "Mohammed Tariq Bhatti", Reason: `variant spelling of "Muhammad Tariq Bhatti"`}})
	e, err := s.Entity(ctx, kb.bhatti)
	ok(t, err)
	if e.Name != "Muhammad Tariq Bhatti" || len(e.Aliases) != 1 || e.Aliases[0] != "Mohammed Tariq Bhatti" {
		t.Fatalf("entity %q aliases %q, want %q with alias %q", e.Name, e.Aliases, "Muhammad Tariq Bhatti", "Mohammed Tariq Bhatti")
	}
}

// testResolutionVariantOtherCountry: bearers of one name (or a variant
// spelling of it) tied to parties of another country in two articles are
// another person, and Resolutions says why.
func testResolutionVariantOtherCountry(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := kb.s
	var first int64
	for i, date := range []string{"2022-07-01", "2022-07-02"} {
		s1 := fmt.Sprintf("Mohamad Tariq Bhatti, a member of the Westmark Labour League, spoke in Korvin (%d).", i)
		id := NewDoc(t, fmt.Sprintf("League rally %d", i), "Daily Ledger", date, s1).
			Entity("Mohamad Tariq Bhatti", factions.Person).Entity("Westmark Labour League", factions.Organization).Entity("Korvin", factions.Place).
			Claim(factions.Claim{Subject: "Mohamad Tariq Bhatti", Predicate: factions.MemberOf, Object: "Westmark Labour League"}, s1).Save(ctx, s)
		if first == 0 {
			first = id
		}
	}
	other := find(t, s, "Mohamad Tariq Bhatti", factions.Person)
	if other == kb.bhatti {
		t.Fatalf("variant spelling tied to another country's party in two articles merged")
	}
	es, err := s.FindEntities(ctx, "Mohamad Tariq Bhatti")
	ok(t, err)
	same(t, "FindEntities (exact, then variant)", ids2(es), []int64{other, kb.bhatti})
	same(t, "Resolutions", resolutionsOf(t, s, other), []*factions.Resolution{
		{EntityID: other, ArticleID: first, Name: "Mohamad Tariq Bhatti",
			Reason: "kept apart from the Muhammad Tariq Bhatti of Eastmark: tied to Westmark in 2 articles"},
		{EntityID: other, ArticleID: first + 1, Name: "Mohamad Tariq Bhatti", Reason: "same name"},
	})
}

// testResolutionOtherPartyNamedNearby: one full name tied to another party
// of the same country is the same person.
func testResolutionOtherPartyNamedNearby(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := kb.s
	zardan := kb.zardan
	s1 := "Rafiq Zardan, the Green Dawn Alliance treasurer, opened an office."
	a7 := NewDoc(t, "Office", "Evening Courier", "2022-08-01", s1).
		Entity("Rafiq Zardan", factions.Person).Entity("Green Dawn Alliance", factions.Organization).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.HoldsPost, Object: "Green Dawn Alliance", Role: "treasurer"}, s1).Save(ctx, s)
	es, err := s.FindEntities(ctx, "Rafiq Zardan")
	ok(t, err)
	same(t, "FindEntities", ids2(es), []int64{zardan})
	rs := resolutionsOf(t, s, zardan)
	same(t, "last resolution", rs[len(rs)-1], &factions.Resolution{EntityID: zardan, ArticleID: a7, Name: "Rafiq Zardan", Reason: "same name"})
	// with no context to disagree, the name alone is enough
	a8 := NewDoc(t, "Speech", "Daily Ledger", "2022-08-02", "Noor Halvi spoke.").Entity("Noor Halvi", factions.Person).Save(ctx, s)
	halvi := find(t, s, "Noor Halvi", factions.Person)
	rs = resolutionsOf(t, s, halvi)
	same(t, "Resolutions of Halvi", rs[len(rs)-1], &factions.Resolution{EntityID: halvi, ArticleID: a8, Name: "Noor Halvi", Reason: "same name"})
}

// testResolutionShortForm: a surname alone joins the one bearer named
// far more often, and stays apart where two fit as well.
func testResolutionShortForm(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := open(t)
	for i := 0; i < 3; i++ {
		NewDoc(t, fmt.Sprintf("Speech %d", i), "Daily Ledger", fmt.Sprintf("2021-01-0%d", i+1), fmt.Sprintf("Imre Vasko spoke in Valdora (%d).", i)).
			Entity("Imre Vasko", factions.Person).Entity("Valdora", factions.Place).Save(ctx, s)
	}
	NewDoc(t, "Sister", "Daily Ledger", "2021-01-05", "Ilse Vasko spoke in Valdora.").
		Entity("Ilse Vasko", factions.Person).Entity("Valdora", factions.Place).Save(ctx, s)
	a5 := NewDoc(t, "Surname", "Daily Ledger", "2021-01-06", "Vasko spoke again in Valdora.").
		Entity("Vasko", factions.Person).Entity("Valdora", factions.Place).Save(ctx, s)
	imre := find(t, s, "Imre Vasko", factions.Person)
	rs := resolutionsOf(t, s, imre)
	same(t, "last resolution", rs[len(rs)-1], &factions.Resolution{EntityID: imre, ArticleID: a5, Name: "Vasko",
		Reason: `"Vasko" is one name of "Imre Vasko", named 3 times as often as others that fit (Ilse Vasko)`})
	// another as often named: the surname alone is nobody's
	for i := 0; i < 3; i++ {
		NewDoc(t, fmt.Sprintf("Sister %d", i), "Daily Ledger", fmt.Sprintf("2021-02-0%d", i+1), fmt.Sprintf("Ilse Vasko spoke in Valdora (%d).", i)).
			Entity("Ilse Vasko", factions.Person).Entity("Valdora", factions.Place).Save(ctx, s)
	}
	es, err := s.FindEntities(ctx, "Vasko")
	ok(t, err)
	same(t, "FindEntities(Vasko)", entityNames(es), []string{"Vasko/person"})
	rs = resolutionsOf(t, s, es[0].ID)
	same(t, "refusal", rs, []*factions.Resolution{{EntityID: es[0].ID, ArticleID: a5, Name: "Vasko",
		Reason: "not joined: several bearers fit (Ilse Vasko, Imre Vasko)"}})
}

// testResolutionOrder saves one set of articles in two orders into two
// stores: the entities are the same.
func testResolutionOrder(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	docs := func() []*Doc {
		var out []*Doc
		for i, text := range []string{
			"Rafiq Zardan of the PUF spoke in Valdora.",
			"Rafiq Ahmed Zardan, the People's Unity Front leader, spoke.",
			"Zardan said the People's Unity Front would win.",
			"Noor Zardan of the Westmark Labour League spoke in Korvin.",
			"Noor Zardan of the WLL spoke again in Korvin.",
			"The United Dawn Party (UDP) met.",
			"The UDP met again.",
		} {
			d := NewDoc(t, fmt.Sprintf("Doc %d", i), "Daily Ledger", fmt.Sprintf("2021-03-%02d", i+1), text)
			for _, n := range []string{"Rafiq Ahmed Zardan", "Rafiq Zardan", "Noor Zardan", "Zardan"} {
				if strings.Contains(text, n) {
					d.Entity(n, factions.Person)
					break
				}
			}
			for _, n := range []string{"People's Unity Front", "PUF", "Westmark Labour League", "WLL"} {
				if strings.Contains(text, n) {
					d.Entity(n, factions.Organization)
					d.Claim(factions.Claim{Subject: d.X.Entities[0].Name, Predicate: factions.MemberOf, Object: n}, text)
				}
			}
			if strings.Contains(text, "(UDP)") {
				d.Entity("United Dawn Party", factions.Organization, "UDP")
			} else if strings.Contains(text, "UDP") {
				d.Entity("UDP", factions.Organization)
			}
			for _, n := range []string{"Valdora", "Korvin"} {
				if strings.Contains(text, n) {
					d.Entity(n, factions.Place)
				}
			}
			out = append(out, d)
		}
		return out
	}
	view := func(s factions.Store) []string {
		es, err := s.Entities(ctx, factions.EntityFilter{})
		ok(t, err)
		var out []string
		for _, e := range es {
			out = append(out, fmt.Sprintf("%s/%s %d", e.Name, e.Type, e.MentionCount))
		}
		sort.Strings(out)
		return out
	}
	a, b := open(t), open(t)
	ds := docs()
	for _, d := range ds {
		d.Save(ctx, a)
	}
	for i := len(ds) - 1; i >= 0; i-- {
		ds[i].Save(ctx, b)
	}
	same(t, "entities saved in reverse order", view(b), view(a))
	same(t, "entities", view(a), []string{"Korvin/place 2", "Noor Zardan/person 2", "People's Unity Front/organization 3",
		"Rafiq Ahmed Zardan/person 3", "United Dawn Party/organization 3", "Valdora/place 1", "Westmark Labour League/organization 2"})
}

func testResolutionOtherType(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := kb.s
	NewDoc(t, "Floods", "Daily Ledger", "2022-09-01", "Floods hit Halvi, a town north of Valdora.").
		Entity("Halvi", factions.Place).Entity("Valdora", factions.Place).Save(ctx, s)
	es, err := s.FindEntities(ctx, "Halvi")
	ok(t, err)
	same(t, "FindEntities", entityNames(es), []string{"Halvi/place", "Noor Halvi/person"})
	es, err = s.FindEntities(ctx, "Nobody Atall")
	ok(t, err)
	same(t, "FindEntities of an unknown name", es, []*factions.Entity{})
}

func testResolutionBodies(t *testing.T, open func(t *testing.T) factions.Store, kb *resolutionKB) {
	ctx := context.Background()
	s := open(t)
	body := func(title, date, text, bodyName, party string) {
		NewDoc(t, title, "Daily Ledger", date, text).
			Entity(bodyName, factions.Organization).Entity(party, factions.Organization).
			Claim(factions.Claim{Subject: bodyName, Predicate: factions.PartOf, Object: party}, text).Save(ctx, s)
	}
	body("PUF committee", "2021-01-01", "The People's Unity Front named a national standing committee of 21.", "national standing committee", "People's Unity Front")
	body("GDA committee", "2021-01-02", "The Green Dawn Alliance named a national standing committee of 15.", "national standing committee", "Green Dawn Alliance")
	body("PUF meets", "2021-02-01", "The standing committee of the People's Unity Front met on Sunday.", "standing committee", "People's Unity Front")
	body("GDA meets", "2021-02-02", "The national standing committee of the Green Dawn Alliance met on Monday.", "national standing committee", "Green Dawn Alliance")
	puf := find(t, s, "People's Unity Front", factions.Organization)
	gda := find(t, s, "Green Dawn Alliance", factions.Organization)
	bodies := func(party int64) []string {
		out := []string{}
		for _, c := range claims(t, s, factions.ClaimFilter{ObjectID: party, Predicate: factions.PartOf}) {
			e, err := s.Entity(ctx, c.SubjectID)
			ok(t, err)
			out = append(out, fmt.Sprintf("%d %s %v", e.ID, e.Name, e.Aliases))
		}
		return out
	}
	pb, gb := bodies(puf), bodies(gda)
	if len(pb) != 2 || pb[0] != pb[1] || len(gb) != 2 || gb[0] != gb[1] || pb[0] == gb[0] {
		t.Fatalf("each party's committee should be one entity of its own:\n%s: %v\n%s: %v",
			"People's Unity Front", pb, "Green Dawn Alliance", gb)
	}
	id := int64(0)
	fmt.Sscan(pb[0], &id)
	rs, err := s.Resolutions(ctx, id)
	ok(t, err)
	if len(rs) != 1 || rs[0].Name != "standing committee" || !strings.Contains(rs[0].Reason, "People's Unity Front") {
		t.Fatalf("Resolutions = %+v, want the shorter name resolved as a body of the People's Unity Front", rs)
	}
}

func testClaims(t *testing.T, open func(t *testing.T) factions.Store) {
	ctx := context.Background()
	s := open(t)
	c := func(subj string, p factions.Predicate, obj string) factions.Claim {
		return factions.Claim{Subject: subj, Predicate: p, Object: obj}
	}
	b1 := NewDoc(t, "B1", "Daily Ledger", "2020-01-10", "Rafiq Zardan leads the People's Unity Front.").
		Entity("Rafiq Zardan", factions.Person).Entity("People's Unity Front", factions.Organization).
		Claim(c("Rafiq Zardan", factions.Leads, "People's Unity Front"), "Rafiq Zardan leads the People's Unity Front.").Save(ctx, s)
	b2 := NewDoc(t, "B2", "Evening Courier", "2020-02-10", "Rafiq Zardan, who leads the People's Unity Front, spoke in Valdora.").
		Entity("Rafiq Zardan", factions.Person).Entity("People's Unity Front", factions.Organization).Entity("Valdora", factions.Place).
		Claim(c("Rafiq Zardan", factions.Leads, "People's Unity Front"), "Rafiq Zardan, who leads the People's Unity Front, spoke in Valdora.").Save(ctx, s)
	s1 := "Party insiders say Rafiq Zardan leads the People's Unity Front."
	s2 := "Noor Halvi, a member of the party, denied that Zardan leads it."
	asserted := c("Rafiq Zardan", factions.Leads, "People's Unity Front")
	asserted.AttributedTo = "Party insiders"
	denied := c("Zardan", factions.Leads, "People's Unity Front")
	denied.Stance, denied.AttributedTo = factions.Denied, "Noor Halvi"
	b3d := NewDoc(t, "B3", "Daily Ledger", "2020-03-10", s1+" "+s2).
		Entity("Rafiq Zardan", factions.Person, "Zardan").Entity("People's Unity Front", factions.Organization).Entity("Noor Halvi", factions.Person).
		Claim(asserted, s1).Claim(denied, s2).Claim(c("Noor Halvi", factions.MemberOf, "People's Unity Front"), s2)
	b3 := b3d.Save(ctx, s)
	zardan := find(t, s, "Rafiq Zardan", factions.Person)
	puf := find(t, s, "People's Unity Front", factions.Organization)
	halvi := find(t, s, "Noor Halvi", factions.Person)

	leads := claims(t, s, factions.ClaimFilter{EntityID: zardan})
	if len(leads) != 4 {
		t.Fatalf("%d claims of Zardan, want 4", len(leads))
	}
	t.Run("Fields", func(t *testing.T) {
		same(t, "denied claim", leads[3], &factions.Claim{ID: leads[3].ID, Subject: "Rafiq Zardan", Predicate: factions.Leads,
			Object: "People's Unity Front", Stance: factions.Denied, AttributedTo: "Noor Halvi", Evidence: b3d.Span(s2), Sentence: s2,
			SubjectID: zardan, ObjectID: puf, ArticleID: b3, Date: Date(t, "2020-03-10"), Source: "Daily Ledger", Contested: true, Supporters: 3})
		same(t, "articles, oldest first", []int64{leads[0].ArticleID, leads[1].ArticleID, leads[2].ArticleID, leads[3].ArticleID}, []int64{b1, b2, b3, b3})
	})
	t.Run("ContestedAndSupporters", func(t *testing.T) {
		for _, l := range leads {
			if !l.Contested || l.Supporters != 3 {
				t.Fatalf("claim %d: contested %v, supporters %d; want true, 3", l.ID, l.Contested, l.Supporters)
			}
		}
		member := claims(t, s, factions.ClaimFilter{Predicate: factions.MemberOf})
		if len(member) != 1 || member[0].Contested || member[0].Supporters != 1 || member[0].SubjectID != halvi {
			t.Fatalf("member_of claims %+v, want Halvi's, uncontested, 1 supporter", member)
		}
		same(t, "Contested", ids(claims(t, s, factions.ClaimFilter{Contested: true})), ids(leads))
		page := claims(t, s, factions.ClaimFilter{Limit: 2, Offset: 1})
		same(t, "page", ids(page), ids(leads[1:3]))
		if !page[0].Contested || page[0].Supporters != 3 {
			t.Fatalf("paged claim: contested %v, supporters %d; want true, 3", page[0].Contested, page[0].Supporters)
		}
		same(t, "Contested with a limit", ids(claims(t, s, factions.ClaimFilter{Contested: true, Limit: 1, Offset: 3})), ids(leads[3:]))
		// every claim at once (as the Popolo export reads them): judged
		// as when read by entity
		all := claims(t, s, factions.ClaimFilter{})
		if len(all) != len(leads)+len(member) {
			t.Fatalf("%d claims in all, want %d", len(all), len(leads)+len(member))
		}
		for _, c := range all {
			want := c.SubjectID == zardan
			if c.Contested != want || want && c.Supporters != 3 {
				t.Fatalf("claim %d of every claim: contested %v, supporters %d; want %v", c.ID, c.Contested, c.Supporters, want)
			}
		}
	})
	t.Run("LeftThenMember", func(t *testing.T) {
		b4 := NewDoc(t, "B4", "Evening Courier", "2021-01-01", "Noor Halvi quit the People's Unity Front.").
			Entity("Noor Halvi", factions.Person).Entity("People's Unity Front", factions.Organization).
			Claim(c("Noor Halvi", factions.Left, "People's Unity Front"), "Noor Halvi quit the People's Unity Front.").Save(ctx, s)
		b5 := NewDoc(t, "B5", "Daily Ledger", "2021-06-01", "People's Unity Front member Noor Halvi addressed a rally.").
			Entity("Noor Halvi", factions.Person).Entity("People's Unity Front", factions.Organization).
			Claim(c("Noor Halvi", factions.MemberOf, "People's Unity Front"), "People's Unity Front member Noor Halvi addressed a rally.").Save(ctx, s)
		hs := claims(t, s, factions.ClaimFilter{SubjectID: halvi})
		var got []string
		for _, h := range hs {
			got = append(got, string(h.Predicate)+" "+map[bool]string{true: "contested", false: "uncontested"}[h.Contested])
		}
		same(t, "Halvi's claims", got, []string{"member_of uncontested", "left contested", "member_of contested"})
		same(t, "their articles", []int64{hs[0].ArticleID, hs[1].ArticleID, hs[2].ArticleID}, []int64{b3, b4, b5})
		same(t, "Contested", ids(claims(t, s, factions.ClaimFilter{Contested: true})), append(ids(leads), hs[1].ID, hs[2].ID))
	})
	t.Run("Rejected", func(t *testing.T) {
		_, err := s.RejectClaim(ctx, leads[3].ID, "misread")
		ok(t, err)
		got := claims(t, s, factions.ClaimFilter{EntityID: zardan})
		same(t, "claims", ids(got), ids(leads[:3]))
		for _, l := range got {
			if l.Contested || l.Supporters != 3 {
				t.Fatalf("claim %d: contested %v, supporters %d; want false, 3", l.ID, l.Contested, l.Supporters)
			}
		}
		all := claims(t, s, factions.ClaimFilter{EntityID: zardan, IncludeRejected: true})
		same(t, "claims with rejected", ids(all), ids(leads))
		if !all[3].Rejected {
			t.Fatalf("claim %d not marked rejected", all[3].ID)
		}
		same(t, "Contested", len(claims(t, s, factions.ClaimFilter{Contested: true})), 2)
	})
}

func testStatements(t *testing.T, open func(t *testing.T) factions.Store) {
	ctx := context.Background()
	s := open(t)
	t1 := `Noor Halvi said, "We will win." Party insiders said the vote was close.`
	d1 := NewDoc(t, "Halvi rally", "Daily Ledger", "2020-01-01", t1).Entity("Noor Halvi", factions.Person, "Halvi").
		Statement("Noor Halvi", factions.Direct, "We will win.", `Noor Halvi said, "We will win."`).
		Statement("Party insiders", factions.Indirect, "the vote was close", "Party insiders said the vote was close.")
	a1 := d1.Save(ctx, s)
	t2 := `"The front is united," Halvi said.`
	d2 := NewDoc(t, "United front", "Evening Courier", "2021-01-01", t2).Entity("Noor Halvi", factions.Person, "Halvi").
		Statement("Halvi", factions.Direct, "The front is united", t2)
	a2 := d2.Save(ctx, s)
	t3 := "Rafiq Zardan said he would stand again."
	d3 := NewDoc(t, "Again", "Valdora Post", "", t3).Entity("Rafiq Zardan", factions.Person).
		Statement("Rafiq Zardan", factions.Indirect, "he would stand again", t3)
	a3 := d3.Save(ctx, s)
	halvi := find(t, s, "Noor Halvi", factions.Person)
	zardan := find(t, s, "Rafiq Zardan", factions.Person)
	all, err := s.Statements(ctx, factions.StatementFilter{})
	ok(t, err)
	if len(all) != 4 {
		t.Fatalf("%d statements, want 4", len(all))
	}
	d1a, d1b := Date(t, "2020-01-01"), Date(t, "2021-01-01")
	// the article of no date is never the newest: last
	same(t, "Statements (newest first)", all, []*factions.Statement{
		{ID: all[0].ID, Speaker: "Noor Halvi", Kind: factions.Direct, Text: "The front is united", Span: d2.Span("The front is united"),
			Evidence: d2.Span(t2), SpeakerID: halvi, ArticleID: a2, Date: d1b, Source: "Evening Courier", Title: "United front"},
		{ID: all[1].ID, Speaker: "Noor Halvi", Kind: factions.Direct, Text: "We will win.", Span: d1.Span("We will win."),
			Evidence: d1.Span(`Noor Halvi said, "We will win."`), SpeakerID: halvi, ArticleID: a1, Date: d1a, Source: "Daily Ledger", Title: "Halvi rally"},
		{ID: all[2].ID, Speaker: "Party insiders", Kind: factions.Indirect, Text: "the vote was close", Span: d1.Span("the vote was close"),
			Evidence: d1.Span("Party insiders said the vote was close."), ArticleID: a1, Date: d1a, Source: "Daily Ledger", Title: "Halvi rally"},
		{ID: all[3].ID, Speaker: "Rafiq Zardan", Kind: factions.Indirect, Text: "he would stand again", Span: d3.Span("he would stand again"),
			Evidence: d3.Span(t3), SpeakerID: zardan, ArticleID: a3, Undated: true, Source: "Valdora Post", Title: "Again"},
	})
	sid := func(sts []*factions.Statement, err error) []int64 {
		ok(t, err)
		out := []int64{}
		for _, st := range sts {
			out = append(out, st.ID)
		}
		return out
	}
	same(t, "by speaker", sid(s.Statements(ctx, factions.StatementFilter{SpeakerID: halvi})), []int64{all[0].ID, all[1].ID})
	same(t, "by article", sid(s.Statements(ctx, factions.StatementFilter{ArticleID: a1})), []int64{all[1].ID, all[2].ID})
	same(t, "page", sid(s.Statements(ctx, factions.StatementFilter{Limit: 1, Offset: 1})), []int64{all[1].ID})

	// the mentions of one article, in the order of its text, by entity
	ms, err := s.Mentions(ctx, a2)
	ok(t, err)
	same(t, "Mentions", ms, []*factions.Mention{{Text: "Halvi", Span: d2.Span("Halvi"), EntityID: halvi}})
	ms, err = s.Mentions(ctx, a3+1000)
	ok(t, err)
	same(t, "Mentions of no article", ms, []*factions.Mention{})
}

func testAsOf(t *testing.T, open func(t *testing.T) factions.Store) {
	ctx := context.Background()
	s := open(t)
	type fact struct {
		date, text string
		c          factions.Claim
	}
	facts := []fact{
		{"2019-01-01", "Rafiq Zardan, general secretary of the People's Unity Front, opened the office.",
			factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.HoldsPost, Object: "People's Unity Front", Role: "general secretary"}},
		{"2020-06-01", "Former People's Unity Front general secretary Rafiq Zardan spoke.",
			factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.HoldsPost, Object: "People's Unity Front", Role: "general secretary", Former: true}},
		{"2021-01-01", "Rafiq Zardan now leads the People's Unity Front.",
			factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.Leads, Object: "People's Unity Front"}},
		{"2022-01-01", "Rafiq Zardan left the People's Unity Front.",
			factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.Left, Object: "People's Unity Front"}},
	}
	for _, f := range facts {
		NewDoc(t, f.date, "Daily Ledger", f.date, f.text).Entity("Rafiq Zardan", factions.Person).
			Entity("People's Unity Front", factions.Organization).Claim(f.c, f.text).Save(ctx, s)
	}
	// A person reported only with a new party would be taken for a namesake
	// (see Resolution/Namesake): the article names the old party too.
	last := "Rafiq Zardan, who left the People's Unity Front, joined the Green Dawn Alliance as a member."
	NewDoc(t, "2022-03-01", "Daily Ledger", "2022-03-01", last).Entity("Rafiq Zardan", factions.Person).
		Entity("People's Unity Front", factions.Organization).Entity("Green Dawn Alliance", factions.Organization).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.Left, Object: "People's Unity Front"}, last).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.MemberOf, Object: "Green Dawn Alliance"}, last).Save(ctx, s)
	zardan := find(t, s, "Rafiq Zardan", factions.Person)
	puf := find(t, s, "People's Unity Front", factions.Organization)
	cs := claims(t, s, factions.ClaimFilter{EntityID: zardan})
	if len(cs) != 6 {
		t.Fatalf("%d claims, want 6", len(cs))
	}
	e, err := s.Entity(ctx, zardan)
	ok(t, err)
	type view struct{ Posts, Memberships, Leads, Former, Claims []int64 }
	v := func(c *factions.EntityCard) view {
		return view{ids(c.Posts), ids(c.Memberships), ids(c.Leads), ids(c.Former), ids(c.Claims)}
	}
	none := []int64{}
	for _, tc := range []struct {
		asOf string
		want view
	}{
		{"2018-06-01", view{none, none, none, none, none}},
		{"2019-06-01", view{[]int64{cs[0].ID}, none, none, none, ids(cs[:1])}},
		{"2020-12-01", view{none, none, none, []int64{cs[0].ID}, ids(cs[:2])}},
		{"2021-06-01", view{none, none, []int64{cs[2].ID}, []int64{cs[0].ID}, ids(cs[:3])}},
		{"2022-06-01", view{none, []int64{cs[5].ID}, none, []int64{cs[0].ID, cs[2].ID}, ids(cs)}},
		{"", view{none, []int64{cs[5].ID}, none, []int64{cs[0].ID, cs[2].ID}, ids(cs)}},
	} {
		var at time.Time
		if tc.asOf != "" {
			at = Date(t, tc.asOf)
		}
		same(t, "card of Zardan as of "+tc.asOf, v(factions.BuildCard(e, cs, at)), tc.want)
	}
	pe, err := s.Entity(ctx, puf)
	ok(t, err)
	pcs := claims(t, s, factions.ClaimFilter{EntityID: puf})
	same(t, "leaders of the PUF in 2021", ids(factions.BuildCard(pe, pcs, Date(t, "2021-06-01")).Leaders), []int64{cs[2].ID})
	same(t, "leaders of the PUF in 2022", ids(factions.BuildCard(pe, pcs, Date(t, "2022-06-01")).Leaders), none)
	held, _ := factions.StateAsOf(cs, Date(t, "2021-06-01"))
	same(t, "StateAsOf", ids(held), []int64{cs[2].ID})
}

func testLineage(t *testing.T, open func(t *testing.T) factions.Store) {
	ctx := context.Background()
	s := open(t)
	org := factions.Organization
	for _, f := range []struct {
		date, text, sub string
		p               factions.Predicate
		obj             string
	}{
		{"2015-01-01", "The Unity Front (Reform) broke away from the People's Unity Front.", "Unity Front (Reform)", factions.FactionOf, "People's Unity Front"},
		{"2016-01-01", "The PUF Youth Wing is part of the People's Unity Front.", "PUF Youth Wing", factions.PartOf, "People's Unity Front"},
		{"2017-01-01", "The Valdora Workers League merged into the People's Unity Front.", "Valdora Workers League", factions.MergedInto, "People's Unity Front"},
		{"2018-01-01", "The Reform Students Cell is part of the Unity Front (Reform).", "Reform Students Cell", factions.PartOf, "Unity Front (Reform)"},
		{"2019-01-01", "Some said the People's Unity Front was itself a faction of the Unity Front (Reform).", "People's Unity Front", factions.FactionOf, "Unity Front (Reform)"},
		{"2014-06-01", "Dissidents formed the Unity Front (Reform) inside the People's Unity Front.", "Unity Front (Reform)", factions.FactionOf, "People's Unity Front"},
	} {
		NewDoc(t, f.date, "Daily Ledger", f.date, f.text).Entity(f.sub, org).Entity(f.obj, org).
			Claim(factions.Claim{Subject: f.sub, Predicate: f.p, Object: f.obj}, f.text).Save(ctx, s)
	}
	id := func(name string) int64 { return find(t, s, name, org) }
	var cs []*factions.Claim
	for _, p := range factions.LineagePredicates {
		cs = append(cs, claims(t, s, factions.ClaimFilter{Predicate: p})...)
	}
	puf, ufr := id("People's Unity Front"), id("Unity Front (Reform)")
	same(t, "lineage", factions.BuildLineage(puf, cs), &factions.LineageNode{Entity: "People's Unity Front", ID: puf, Children: []*factions.LineageNode{
		{Entity: "Unity Front (Reform)", ID: ufr, Relation: factions.FactionOf, Since: Date(t, "2014-06-01"), Children: []*factions.LineageNode{
			{Entity: "Reform Students Cell", ID: id("Reform Students Cell"), Relation: factions.PartOf, Since: Date(t, "2018-01-01")},
			{Entity: "People's Unity Front", ID: puf, Relation: factions.FactionOf, Since: Date(t, "2019-01-01")},
		}},
		{Entity: "PUF Youth Wing", ID: id("PUF Youth Wing"), Relation: factions.PartOf, Since: Date(t, "2016-01-01")},
		{Entity: "Valdora Workers League", ID: id("Valdora Workers League"), Relation: factions.MergedInto, Since: Date(t, "2017-01-01")},
	}})
}

func testCuration(t *testing.T, open func(t *testing.T) factions.Store) {
	ctx := context.Background()
	s := open(t)
	k1s1 := "Rafiq Zardan is a member of the People's Unity Front."
	k1s2 := "Zardan is also its treasurer."
	k1s3 := "Zardan said the front would win."
	NewDoc(t, "K1", "Daily Ledger", "2020-01-01", k1s1+" "+k1s2+" "+k1s3).
		Entity("Rafiq Zardan", factions.Person, "Zardan").Entity("People's Unity Front", factions.Organization).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.MemberOf, Object: "People's Unity Front"}, k1s1).
		Claim(factions.Claim{Subject: "Zardan", Predicate: factions.HoldsPost, Object: "People's Unity Front", Role: "treasurer"}, k1s2).
		Statement("Zardan", factions.Indirect, "the front would win", k1s3).Save(ctx, s)
	k2 := "Karim Zardan, speaker of the Valdora Assembly, spoke."
	NewDoc(t, "K2", "Evening Courier", "2020-02-01", k2).
		Entity("Karim Zardan", factions.Person).Entity("Valdora Assembly", factions.Organization).
		Claim(factions.Claim{Subject: "Karim Zardan", Predicate: factions.HoldsPost, Object: "Valdora Assembly", Role: "speaker"}, k2).Save(ctx, s)
	zardan := find(t, s, "Rafiq Zardan", factions.Person)
	rafeeq := find(t, s, "Karim Zardan", factions.Person)
	puf := find(t, s, "People's Unity Front", factions.Organization)
	start := snapshot(t, s)
	rafeeqClaims := claims(t, s, factions.ClaimFilter{EntityID: rafeeq})
	zardanClaims := claims(t, s, factions.ClaimFilter{EntityID: zardan})
	entity := func(id int64) *factions.Entity {
		e, err := s.Entity(ctx, id)
		ok(t, err)
		return e
	}
	detail := func(e *factions.AuditEntry) map[string]any {
		var m map[string]any
		ok(t, json.Unmarshal([]byte(e.Detail), &m))
		return m
	}

	t.Run("Merge", func(t *testing.T) {
		e, err := s.Merge(ctx, zardan, rafeeq, "same man")
		ok(t, err)
		same(t, "entry", &factions.AuditEntry{ID: e.ID, Action: e.Action, Target: e.Target, Other: e.Other, Note: e.Note, Time: e.Time},
			&factions.AuditEntry{ID: e.ID, Action: "merge", Target: zardan, Other: rafeeq, Note: "same man", Time: Now})
		same(t, "moved claims", detail(e)["claims_subject"], []any{float64(rafeeqClaims[0].ID)})
		same(t, "names", []string{e.TargetName, e.OtherName}, []string{"Rafiq Zardan", "Karim Zardan"})
		_, err = s.Entity(ctx, rafeeq)
		code(t, "Entity(dropped)", err, factions.ENOTFOUND)
		same(t, "aliases", entity(zardan).Aliases, []string{"Zardan", "Karim Zardan"})
		cs := claims(t, s, factions.ClaimFilter{EntityID: zardan})
		same(t, "claims", ids(cs), append(ids(zardanClaims), rafeeqClaims[0].ID))
		if cs[2].Subject != "Rafiq Zardan" || cs[2].SubjectID != zardan {
			t.Fatalf("moved claim subject %q (%d), want %q (%d)", cs[2].Subject, cs[2].SubjectID, "Rafiq Zardan", zardan)
		}
		es, err := s.FindEntities(ctx, "Karim Zardan")
		ok(t, err)
		same(t, "FindEntities", ids2(es), []int64{zardan})
		// resolution keeps a curator's merge
		Resolve(t, s)
		es, err = s.FindEntities(ctx, "Karim Zardan")
		ok(t, err)
		same(t, "FindEntities after Resolve", ids2(es), []int64{zardan})
		ok(t, s.Undo(ctx, e.ID))
		same(t, "store after undo", snapshot(t, s), start)
		code(t, "Undo again", s.Undo(ctx, e.ID), factions.ECONFLICT)
	})

	t.Run("Split", func(t *testing.T) {
		newID, e, err := s.Split(ctx, zardan, "Zardan", "two men")
		ok(t, err)
		if e.Action != "split" || e.Target != zardan || e.Other != newID {
			t.Fatalf("entry %+v, want split of %d into %d", e, zardan, newID)
		}
		ne := entity(newID)
		same(t, "new entity", []any{ne.Name, ne.Type, ne.Aliases, len(ne.Mentions)}, []any{"Zardan", factions.Person, []string{}, 2})
		same(t, "old aliases", entity(zardan).Aliases, []string{})
		same(t, "new claims", ids(claims(t, s, factions.ClaimFilter{EntityID: newID})), []int64{zardanClaims[1].ID})
		same(t, "old claims", ids(claims(t, s, factions.ClaimFilter{EntityID: zardan})), []int64{zardanClaims[0].ID})
		sts, err := s.Statements(ctx, factions.StatementFilter{SpeakerID: newID})
		ok(t, err)
		if len(sts) != 1 || sts[0].Speaker != "Zardan" {
			t.Fatalf("statements of the new entity: %v", sts)
		}
		ok(t, s.Undo(ctx, e.ID))
		same(t, "store after undo", snapshot(t, s), start)
		_, err = s.Entity(ctx, newID)
		code(t, "Entity(split off, undone)", err, factions.ENOTFOUND)
	})

	t.Run("Rename", func(t *testing.T) {
		e, err := s.Rename(ctx, zardan, "Rafiq Ahmed Zardan", "full name")
		ok(t, err)
		got := entity(zardan)
		same(t, "renamed", []any{got.Name, got.Aliases}, []any{"Rafiq Ahmed Zardan", []string{"Rafiq Zardan", "Zardan"}})
		if cs := claims(t, s, factions.ClaimFilter{EntityID: zardan}); cs[0].Subject != "Rafiq Ahmed Zardan" {
			t.Fatalf("claim subject %q, want the new name", cs[0].Subject)
		}
		ok(t, s.Undo(ctx, e.ID))
		same(t, "store after undo", snapshot(t, s), start)
	})

	t.Run("RejectClaim", func(t *testing.T) {
		e, err := s.RejectClaim(ctx, zardanClaims[0].ID, "wrong")
		ok(t, err)
		same(t, "claims", ids(claims(t, s, factions.ClaimFilter{EntityID: zardan})), []int64{zardanClaims[1].ID})
		ok(t, s.Undo(ctx, e.ID))
		same(t, "store after undo", snapshot(t, s), start)
	})

	t.Run("UndoOrder", func(t *testing.T) {
		m, err := s.Merge(ctx, zardan, rafeeq, "")
		ok(t, err)
		r, err := s.Rename(ctx, zardan, "R. Zardan", "")
		ok(t, err)
		code(t, "Undo(merge) before Undo(rename)", s.Undo(ctx, m.ID), factions.ECONFLICT)
		ok(t, s.Undo(ctx, r.ID))
		ok(t, s.Undo(ctx, m.ID))
		same(t, "store after undo", snapshot(t, s), start)
	})

	t.Run("AuditLog", func(t *testing.T) {
		log, err := s.AuditLog(ctx)
		ok(t, err)
		var got []string
		for _, e := range log {
			got = append(got, e.Action+map[bool]string{true: " undone", false: ""}[e.Undone])
		}
		same(t, "AuditLog (newest first)", got, []string{"rename undone", "merge undone", "reject undone", "rename undone", "split undone", "merge undone"})
		var names []string
		for _, e := range log {
			names = append(names, e.TargetName+"|"+e.OtherName)
		}
		same(t, "AuditLog names", names, []string{"Rafiq Zardan|", "Rafiq Zardan|Karim Zardan", "Rafiq Zardan member_of People's Unity Front|",
			"Rafiq Zardan|", "Rafiq Zardan|Zardan", "Rafiq Zardan|Karim Zardan"})
	})

	t.Run("Errors", func(t *testing.T) {
		const missing = 999999
		_, err := s.Merge(ctx, zardan, missing, "")
		code(t, "Merge(missing drop)", err, factions.ENOTFOUND)
		_, err = s.Merge(ctx, missing, zardan, "")
		code(t, "Merge(missing keep)", err, factions.ENOTFOUND)
		_, _, err = s.Split(ctx, missing, "Zardan", "")
		code(t, "Split(missing)", err, factions.ENOTFOUND)
		_, err = s.Rename(ctx, missing, "X", "")
		code(t, "Rename(missing)", err, factions.ENOTFOUND)
		_, err = s.RejectClaim(ctx, missing, "")
		code(t, "RejectClaim(missing)", err, factions.ENOTFOUND)
		code(t, "Undo(missing)", s.Undo(ctx, missing), factions.ENOTFOUND)
		_, err = s.Entity(ctx, missing)
		code(t, "Entity(missing)", err, factions.ENOTFOUND)
		_, err = s.Article(ctx, missing)
		code(t, "Article(missing)", err, factions.ENOTFOUND)

		_, err = s.Merge(ctx, zardan, zardan, "")
		code(t, "Merge(self)", err, factions.EINVALID)
		_, err = s.Merge(ctx, zardan, puf, "")
		code(t, "Merge(person, organization)", err, factions.EINVALID)
		_, _, err = s.Split(ctx, zardan, "Nobody", "")
		code(t, "Split(unknown alias)", err, factions.EINVALID)
		_, _, err = s.Split(ctx, zardan, "Rafiq Zardan", "")
		code(t, "Split(canonical name)", err, factions.EINVALID)
		_, err = s.Rename(ctx, zardan, " ", "")
		code(t, "Rename(empty)", err, factions.EINVALID)
		same(t, "store after errors", snapshot(t, s), start)
	})
}

// testConcurrent saves the same articles from several goroutines at once:
// each is created exactly once.
func testConcurrent(t *testing.T, open func(t *testing.T) factions.Store) {
	ctx := context.Background()
	s := open(t)
	const workers, articles = 4, 12
	var wg sync.WaitGroup
	var mu sync.Mutex
	created := 0
	ids := map[int64]bool{}
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			g := NewGen(7, 60, 6, 5)
			for i := 0; i < articles; i++ {
				a, x := g.Article(i)
				id, c, err := s.SaveArticle(ctx, a, x)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				ids[id] = true
				if c {
					created++
				}
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	as, err := s.Articles(ctx, factions.ArticleFilter{})
	ok(t, err)
	if created != articles || len(ids) != articles || len(as) != articles {
		t.Fatalf("created %d, IDs %d, stored %d; want %d of each", created, len(ids), len(as), articles)
	}
}

// Stmt is an SQL statement with ? placeholders and its arguments.
type Stmt struct {
	Query string
	Args  []any
}

// LegacyKB is a knowledge base as the first schema (0001_init.sql) kept
// it, before occurrences: two articles, a man a curator merged with
// another name of his, his party, and a claim.
var LegacyKB = func() []Stmt {
	day := func(s string) int64 {
		t, _ := time.Parse("2006-01-02", s)
		return t.UnixMicro()
	}
	now := Now.UnixMicro()
	const t1, t2 = "Rafiq Zardan of the PUF spoke.", "Karim Zardan spoke."
	return []Stmt{
		{`INSERT INTO articles (id, hash, title, source, published, body, ingested, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			[]any{1, "h1", "One", "Daily Ledger", day("2020-01-01"), t1, now, day("2020-01-01")}},
		{`INSERT INTO articles (id, hash, title, source, published, body, ingested, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			[]any{2, "h2", "Two", "Daily Ledger", day("2020-02-01"), t2, now, day("2020-02-01")}},
		{`INSERT INTO entities (id, name, type, created) VALUES (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)`,
			[]any{1, "Rafiq Zardan", "person", now, 2, "People's Unity Front", "organization", now, 3, "Karim Zardan", "person", now}},
		{`UPDATE entities SET merged_into = 1 WHERE id = 3`, nil},
		{`INSERT INTO aliases (entity_id, name, norm, vkey) VALUES (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)`,
			[]any{1, "Rafiq Zardan", "rafiq zardan", factions.VariantKey("Rafiq Zardan"), 2, "People's Unity Front", "people unity front",
				factions.VariantKey("People's Unity Front"), 2, "PUF", "puf", "", 1, "Karim Zardan", "karim zardan", factions.VariantKey("Karim Zardan")}},
		{`INSERT INTO mentions (entity_id, article_id, surface, start_pos, end_pos) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)`,
			[]any{1, 1, "Rafiq Zardan", 0, 12, 2, 1, "PUF", 20, 23, 1, 2, "Karim Zardan", 0, 12}},
		{`INSERT INTO claims (article_id, subject_id, subject_text, predicate, object_id, object_text, stance, ev_start, ev_end, sentence)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, []any{1, 1, "Rafiq Zardan", "member_of", 2, "PUF", "asserted", 0, len(t1), t1}},
		{`INSERT INTO resolutions (entity_id, article_id, name, reason) VALUES (?, ?, ?, ?)`, []any{1, 2, "Karim Zardan", "merged"}},
		{`INSERT INTO audit (action, target, other, detail, note, time) VALUES (?, ?, ?, ?, ?, ?)`,
			[]any{"merge", 1, 3, "{}", "same man", now}},
	}
}()

// TestUpgrade checks a store opened on a knowledge base of the first
// schema (LegacyKB, which legacy builds and opens): its entities, claims
// and a curator's merge are as they were, before and after Resolve.
func TestUpgrade(t *testing.T, legacy func(t *testing.T, stmts []Stmt) factions.Store) {
	ctx := context.Background()
	s := legacy(t, LegacyKB)
	check := func(when string) {
		t.Helper()
		es, err := s.FindEntities(ctx, "Karim Zardan")
		ok(t, err)
		same(t, when+": FindEntities(Karim Zardan)", entityNames(es), []string{"Rafiq Zardan/person"})
		cs := claims(t, s, factions.ClaimFilter{EntityID: es[0].ID})
		if len(cs) != 1 || cs[0].Subject != "Rafiq Zardan" || cs[0].Object != "People's Unity Front" {
			t.Fatalf("%s: claims %+v", when, cs)
		}
		e, err := s.Entity(ctx, es[0].ID)
		ok(t, err)
		same(t, when+": mentions", len(e.Mentions), 2)
		_, err = s.Entity(ctx, 3)
		code(t, when+": Entity(merged)", err, factions.ENOTFOUND)
	}
	check("opened")
	Resolve(t, s)
	check("resolved")
	// new articles resolve against it
	NewDoc(t, "Three", "Daily Ledger", "2020-03-01", "Rafiq Zardan of the PUF spoke again.").
		Entity("Rafiq Zardan", factions.Person).Entity("PUF", factions.Organization).
		Claim(factions.Claim{Subject: "Rafiq Zardan", Predicate: factions.MemberOf, Object: "PUF"}, "Rafiq Zardan of the PUF spoke again.").Save(ctx, s)
	es, err := s.FindEntities(ctx, "Rafiq Zardan")
	ok(t, err)
	same(t, "entities after a new article", entityNames(es), []string{"Rafiq Zardan/person"})
	if cs := claims(t, s, factions.ClaimFilter{SubjectID: es[0].ID}); len(cs) != 2 {
		t.Fatalf("claims of Rafiq Zardan: %d, want 2", len(cs))
	}
}
