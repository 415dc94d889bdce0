package factions_test

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// Entity IDs of the fixtures.
const (
	zardan int64 = 1 + iota
	halvi
	puf
	gda
	valdora
	reform
	youth
	cell
	league
	qadri
	lodhi
)

var names = map[int64]string{zardan: "Rafiq Zardan", halvi: "Noor Halvi", puf: "People's Unity Front",
	gda: "Green Dawn Alliance", valdora: "Valdora", reform: "Unity Front (Reform)", youth: "PUF Youth Wing",
	cell: "Reform Students Cell", league: "Valdora Workers League", qadri: "Samina Qadri", lodhi: "Imran Lodhi"}

// cl returns a claim with IDs and names set; opts are applied in order:
// "former", "denied", "hedged", "rejected", "role=...", "by=...", "src=...", "art=N".
func cl(id int64, date string, s int64, p factions.Predicate, o int64, opts ...string) *factions.Claim {
	c := &factions.Claim{ID: id, Subject: names[s], SubjectID: s, Predicate: p, Object: names[o], ObjectID: o,
		Stance: factions.Asserted, Date: day(date), ArticleID: id, Source: "Daily Ledger"}
	for _, opt := range opts {
		k, v, _ := strings.Cut(opt, "=")
		switch k {
		case "former":
			c.Former = true
		case "denied":
			c.Stance = factions.Denied
		case "hedged":
			c.Stance = factions.Hedged
		case "rejected":
			c.Rejected = true
		case "role":
			c.Role = v
		case "by":
			c.AttributedTo = v
		case "src":
			c.Source = v
		case "art":
			c.ArticleID, _ = strconv.ParseInt(v, 10, 64)
		}
	}
	return c
}

func claimIDs(cs []*factions.Claim) []int64 {
	out := []int64{}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s: got %s, want %s", what, g, w)
	}
}

func TestStateAsOf(t *testing.T) {
	type C = *factions.Claim
	for _, tc := range []struct {
		name   string
		claims []C
		asOf   string // "" for zero
		want   []int64
	}{
		{"NotYet", []C{cl(1, "2019-01-01", zardan, factions.HoldsPost, puf, "role=spokesman")}, "2018-12-31", []int64{}},
		{"HeldFromItsDate", []C{cl(1, "2019-01-01", zardan, factions.HoldsPost, puf, "role=spokesman")}, "2019-01-01", []int64{1}},
		{"ZeroMeansNow", []C{cl(1, "2019-01-01", zardan, factions.HoldsPost, puf, "role=spokesman")}, "", []int64{1}},
		{"FormerCloses", []C{
			cl(1, "2019-01-01", zardan, factions.HoldsPost, puf, "role=general secretary"),
			cl(2, "2020-01-01", zardan, factions.HoldsPost, puf, "role=general secretary", "former"),
		}, "2021-01-01", []int64{}},
		{"FormerLaterThanAsOf", []C{
			cl(1, "2019-01-01", zardan, factions.HoldsPost, puf, "role=general secretary"),
			cl(2, "2020-01-01", zardan, factions.HoldsPost, puf, "role=general secretary", "former"),
		}, "2019-06-01", []int64{1}},
		{"FormerOfAnotherPost", []C{
			cl(1, "2019-01-01", zardan, factions.HoldsPost, puf, "role=spokesman"),
			cl(2, "2020-01-01", zardan, factions.HoldsPost, puf, "role=treasurer", "former"),
		}, "2021-01-01", []int64{1}},
		{"FormerOfAWiderRole", []C{
			cl(1, "2019-01-01", zardan, factions.HoldsPost, puf, "role=general secretary"),
			cl(2, "2020-01-01", zardan, factions.HoldsPost, puf, "role=secretary", "former"),
		}, "2021-01-01", []int64{}},
		{"LeftClosesAll", []C{
			cl(1, "2019-01-01", zardan, factions.MemberOf, puf),
			cl(2, "2019-01-01", zardan, factions.HoldsPost, puf, "role=treasurer"),
			cl(3, "2019-01-01", zardan, factions.Leads, puf),
			cl(4, "2020-01-01", zardan, factions.Left, puf),
			cl(5, "2019-01-01", zardan, factions.MemberOf, gda),
		}, "2021-01-01", []int64{5}},
		{"LeftSameDayCloses", []C{
			cl(1, "2019-01-01", zardan, factions.MemberOf, puf),
			cl(2, "2019-01-01", zardan, factions.Left, puf),
		}, "2019-01-01", []int64{}},
		{"HedgedLeftDoesNotClose", []C{
			cl(1, "2019-01-01", zardan, factions.MemberOf, puf),
			cl(2, "2020-01-01", zardan, factions.Left, puf, "hedged"),
		}, "2021-01-01", []int64{1}},
		{"DeathCloses", []C{
			cl(1, "2019-01-01", zardan, factions.Leads, puf),
			cl(2, "2019-01-01", zardan, factions.BasedIn, valdora),
			cl(3, "2019-01-01", puf, factions.BasedIn, valdora),
			cl(4, "2020-01-01", zardan, factions.DiedIn, valdora),
		}, "2021-01-01", []int64{3}},
		{"Rejoined", []C{
			cl(1, "2018-01-01", zardan, factions.MemberOf, puf),
			cl(2, "2019-01-01", zardan, factions.Left, puf),
			cl(3, "2020-01-01", zardan, factions.MemberOf, puf),
		}, "2021-01-01", []int64{3}},
		{"BetweenStints", []C{
			cl(1, "2018-01-01", zardan, factions.MemberOf, puf),
			cl(2, "2019-01-01", zardan, factions.Left, puf),
			cl(3, "2020-01-01", zardan, factions.MemberOf, puf),
		}, "2019-06-01", []int64{}},
		{"SinceTheFirstClaim", []C{
			cl(2, "2019-01-01", zardan, factions.MemberOf, puf),
			cl(1, "2018-01-01", zardan, factions.MemberOf, puf),
		}, "2021-01-01", []int64{1}},
		{"DeniedAndRejectedIgnored", []C{
			cl(1, "2019-01-01", zardan, factions.Leads, puf, "denied"),
			cl(2, "2019-01-01", zardan, factions.MemberOf, puf, "rejected"),
			cl(3, "2019-01-01", halvi, factions.MemberOf, puf, "hedged"),
		}, "2021-01-01", []int64{3}},
		{"EventsAreNotStates", []C{
			cl(1, "2019-01-01", zardan, factions.Founded, puf),
			cl(2, "2019-01-01", reform, factions.FactionOf, puf),
		}, "", []int64{2}},
		{"SymmetricFormer", []C{
			cl(1, "2019-01-01", puf, factions.AlliedWith, gda),
			cl(2, "2020-01-01", gda, factions.AlliedWith, puf, "former"),
		}, "2021-01-01", []int64{}},
		{"OldestFirst", []C{
			cl(3, "2020-01-01", halvi, factions.Leads, gda),
			cl(1, "2019-01-01", zardan, factions.Leads, puf),
		}, "", []int64{1, 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var at time.Time
			if tc.asOf != "" {
				at = day(tc.asOf)
			}
			held, _ := factions.StateAsOf(tc.claims, at)
			eq(t, "StateAsOf", claimIDs(held), tc.want)
		})
	}
}

func TestBuildCard(t *testing.T) {
	claims := []*factions.Claim{
		cl(1, "2019-01-01", zardan, factions.HoldsPost, puf, "role=general secretary"),
		cl(2, "2020-06-01", zardan, factions.HoldsPost, puf, "role=general secretary", "former"),
		cl(3, "2021-01-01", zardan, factions.Leads, puf),
		cl(4, "2021-02-01", halvi, factions.MemberOf, puf),
		cl(5, "2021-03-01", reform, factions.FactionOf, puf),
		cl(6, "2021-04-01", youth, factions.PartOf, puf),
		cl(7, "2021-05-01", puf, factions.AlliedWith, gda),
		cl(8, "2021-06-01", puf, factions.BasedIn, valdora),
		cl(9, "2022-01-01", zardan, factions.Left, puf),
		cl(10, "2022-03-01", zardan, factions.MemberOf, gda),
		cl(11, "2022-04-01", puf, factions.PartOf, gda, "denied"),
	}
	type view struct {
		Posts, Memberships, Leads, Leaders, Members, Factions, FactionOf, PartOf, Parts, Allies, BasedIn, Former, Claims []int64
	}
	v := func(c *factions.EntityCard) view {
		return view{claimIDs(c.Posts), claimIDs(c.Memberships), claimIDs(c.Leads), claimIDs(c.Leaders), claimIDs(c.Members),
			claimIDs(c.Factions), claimIDs(c.FactionOf), claimIDs(c.PartOf), claimIDs(c.Parts), claimIDs(c.Allies),
			claimIDs(c.BasedIn), claimIDs(c.Former), claimIDs(c.Claims)}
	}
	n := []int64{}
	person := &factions.Entity{ID: zardan, Name: "Rafiq Zardan", Type: factions.Person, Aliases: []string{"Zardan"}}
	org := &factions.Entity{ID: puf, Name: "People's Unity Front", Type: factions.Organization}
	byName := &factions.Entity{Name: "Unity Front", Type: factions.Organization, Aliases: []string{"People's Unity Front"}}
	for _, tc := range []struct {
		name string
		e    *factions.Entity
		asOf string
		want view
	}{
		{"PersonIn2019", person, "2019-06-01", view{[]int64{1}, n, n, n, n, n, n, n, n, n, n, n, []int64{1}}},
		{"PersonIn2020", person, "2020-12-31", view{n, n, n, n, n, n, n, n, n, n, n, []int64{1}, []int64{1, 2}}},
		{"PersonIn2021", person, "2021-12-31", view{n, n, []int64{3}, n, n, n, n, n, n, n, n, []int64{1}, []int64{1, 2, 3}}},
		{"PersonNow", person, "", view{n, []int64{10}, n, n, n, n, n, n, n, n, n, []int64{1, 3}, []int64{1, 2, 3, 9, 10}}},
		// those who held its post of one holder, and led it
		{"OrgIn2021", org, "2021-12-31", view{n, n, n, []int64{3}, []int64{4}, []int64{5}, n, n, []int64{6}, []int64{7}, []int64{8}, []int64{1},
			[]int64{1, 2, 3, 4, 5, 6, 7, 8}}},
		// its former head, said so in one article, is unconfirmed
		{"OrgNow", org, "", view{n, n, n, n, []int64{4}, []int64{5}, n, n, []int64{6}, []int64{7}, []int64{8}, []int64{1},
			[]int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 11}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var at time.Time
			if tc.asOf != "" {
				at = day(tc.asOf)
			}
			card := factions.BuildCard(tc.e, claims, at)
			eq(t, "card", v(card), tc.want)
			if card.Entity != tc.e || !card.AsOf.Equal(at) {
				t.Errorf("card of %v as of %v, want %v as of %v", card.Entity, card.AsOf, tc.e, at)
			}
		})
	}
	t.Run("BestSupportedFirst", func(t *testing.T) {
		cs := []*factions.Claim{
			cl(21, "2021-01-01", zardan, factions.Leads, puf),
			cl(22, "2021-02-01", halvi, factions.Leads, puf),
			cl(23, "2021-03-01", halvi, factions.Leads, puf, "src=Evening Courier", "art=24"),
			cl(25, "2021-04-01", lodhi, factions.MemberOf, puf),
			cl(26, "2021-05-01", qadri, factions.MemberOf, puf, "by=Party insiders"),
			cl(27, "2021-05-02", qadri, factions.MemberOf, puf, "by=Samina Qadri"),
		}
		factions.MarkContested(cs)
		card := factions.BuildCard(org, cs, time.Time{})
		// one head at a time: Halvi, named in two articles since, took it
		// over from Zardan, whose headship one article states
		eq(t, "leaders", claimIDs(card.Leaders), []int64{22})
		eq(t, "former", claimIDs(card.Former), []int64{})
		eq(t, "unconfirmed", claimIDs(card.Unconfirmed), []int64{21})
		eq(t, "members", claimIDs(card.Members), []int64{26, 25})
		eq(t, "support", []int{card.Leaders[0].Articles, card.Members[0].Articles, card.Members[1].Articles}, []int{2, 2, 1})
	})
	t.Run("ByName", func(t *testing.T) {
		var unnamed []*factions.Claim
		for _, c := range claims {
			u := *c
			u.SubjectID, u.ObjectID = 0, 0
			unnamed = append(unnamed, &u)
		}
		card := factions.BuildCard(byName, unnamed, day("2021-12-31"))
		eq(t, "leaders", claimIDs(card.Leaders), []int64{3})
		eq(t, "aliases", card.Aliases, []string{"People's Unity Front"})
	})
}

func TestBuildLineage(t *testing.T) {
	type N = factions.LineageNode
	for _, tc := range []struct {
		name   string
		root   int64
		claims []*factions.Claim
		want   *N
	}{
		{"NoClaims", puf, nil, &N{ID: puf}},
		{"Tree", puf, []*factions.Claim{
			cl(1, "2015-01-01", reform, factions.FactionOf, puf),
			cl(2, "2016-01-01", youth, factions.PartOf, puf),
			cl(3, "2017-01-01", league, factions.MergedInto, puf),
			cl(4, "2018-01-01", cell, factions.PartOf, reform),
			cl(5, "2014-06-01", reform, factions.FactionOf, puf),
			cl(6, "2010-01-01", puf, factions.FactionOf, gda),
			cl(7, "2013-01-01", zardan, factions.Leads, puf),
		}, &N{Entity: "People's Unity Front", ID: puf, Children: []*N{
			{Entity: "Unity Front (Reform)", ID: reform, Relation: factions.FactionOf, Since: day("2014-06-01"), Children: []*N{
				{Entity: "Reform Students Cell", ID: cell, Relation: factions.PartOf, Since: day("2018-01-01")},
			}},
			{Entity: "PUF Youth Wing", ID: youth, Relation: factions.PartOf, Since: day("2016-01-01")},
			{Entity: "Valdora Workers League", ID: league, Relation: factions.MergedInto, Since: day("2017-01-01")},
		}}},
		{"Cycle", puf, []*factions.Claim{
			cl(1, "2015-01-01", reform, factions.FactionOf, puf),
			cl(2, "2016-01-01", puf, factions.FactionOf, reform),
			cl(3, "2017-01-01", puf, factions.PartOf, puf),
		}, &N{Entity: "People's Unity Front", ID: puf, Children: []*N{
			{Entity: "Unity Front (Reform)", ID: reform, Relation: factions.FactionOf, Since: day("2015-01-01"), Children: []*N{
				{Entity: "People's Unity Front", ID: puf, Relation: factions.FactionOf, Since: day("2016-01-01")},
			}},
			{Entity: "People's Unity Front", ID: puf, Relation: factions.PartOf, Since: day("2017-01-01")},
		}}},
		{"MergedElsewhere", puf, []*factions.Claim{
			cl(1, "2015-01-01", reform, factions.FactionOf, puf),
			cl(2, "2019-01-01", reform, factions.MergedInto, gda),
			cl(3, "2019-03-01", reform, factions.MergedInto, gda),
			cl(4, "2017-01-01", league, factions.MergedInto, puf),
			cl(5, "2020-01-01", puf, factions.MergedInto, gda),
		}, &N{Entity: "People's Unity Front", ID: puf, Merged: &factions.LineageMerger{Entity: "Green Dawn Alliance", ID: gda, Date: day("2020-01-01")},
			Children: []*N{
				{Entity: "Unity Front (Reform)", ID: reform, Relation: factions.FactionOf, Since: day("2015-01-01"),
					Merged: &factions.LineageMerger{Entity: "Green Dawn Alliance", ID: gda, Date: day("2019-01-01")}},
				{Entity: "Valdora Workers League", ID: league, Relation: factions.MergedInto, Since: day("2017-01-01")},
			}}},
		{"DeniedAndRejectedLeftOut", puf, []*factions.Claim{
			cl(1, "2015-01-01", reform, factions.FactionOf, puf, "denied"),
			cl(2, "2016-01-01", youth, factions.PartOf, puf, "rejected"),
			cl(3, "2017-01-01", cell, factions.PartOf, puf, "hedged"),
		}, &N{Entity: "People's Unity Front", ID: puf, Children: []*N{
			{Entity: "Reform Students Cell", ID: cell, Relation: factions.PartOf, Since: day("2017-01-01")},
		}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eq(t, "BuildLineage", factions.BuildLineage(tc.root, tc.claims), tc.want)
		})
	}
}

func TestMarkContested(t *testing.T) {
	type C = *factions.Claim
	type flags struct {
		Contested  bool
		Supporters int
	}
	for _, tc := range []struct {
		name   string
		claims []C
		want   []flags
	}{
		{"Alone", []C{cl(1, "2020-01-01", zardan, factions.Leads, puf)}, []flags{{false, 1}}},
		{"AssertedAndDenied", []C{
			cl(1, "2020-01-01", zardan, factions.Leads, puf),
			cl(2, "2020-02-01", zardan, factions.Leads, puf, "denied", "by=Noor Halvi"),
		}, []flags{{true, 1}, {true, 1}}},
		{"HedgedAndDenied", []C{
			cl(1, "2020-01-01", zardan, factions.Leads, puf, "hedged"),
			cl(2, "2020-02-01", zardan, factions.Leads, puf, "denied"),
		}, []flags{{true, 0}, {true, 0}}},
		{"AssertedAndHedged", []C{
			cl(1, "2020-01-01", zardan, factions.Leads, puf),
			cl(2, "2020-02-01", zardan, factions.Leads, puf, "hedged"),
		}, []flags{{false, 1}, {false, 1}}},
		{"RejectedDenialIgnored", []C{
			cl(1, "2020-01-01", zardan, factions.Leads, puf),
			cl(2, "2020-02-01", zardan, factions.Leads, puf, "denied", "rejected"),
		}, []flags{{false, 1}, {false, 1}}},
		{"OtherRoleOtherFact", []C{
			cl(1, "2020-01-01", zardan, factions.HoldsPost, puf, "role=treasurer"),
			cl(2, "2020-02-01", zardan, factions.HoldsPost, puf, "role=spokesman", "denied"),
		}, []flags{{false, 1}, {false, 0}}},
		{"SymmetricDenial", []C{
			cl(1, "2020-01-01", puf, factions.AlliedWith, gda),
			cl(2, "2020-02-01", gda, factions.AlliedWith, puf, "denied"),
		}, []flags{{true, 1}, {true, 1}}},
		{"Supporters", []C{
			cl(1, "2020-01-01", zardan, factions.Leads, puf, "src=Daily Ledger"),
			cl(2, "2020-02-01", zardan, factions.Leads, puf, "src=daily ledger"),
			cl(3, "2020-03-01", zardan, factions.Leads, puf, "src=Evening Courier"),
			cl(4, "2020-04-01", zardan, factions.Leads, puf, "by=Party insiders"),
			cl(5, "2020-05-01", zardan, factions.Leads, puf, "by=party insiders", "src=Evening Courier"),
			cl(6, "2020-06-01", zardan, factions.Leads, puf, "src="),
		}, []flags{{false, 4}, {false, 4}, {false, 4}, {false, 4}, {false, 4}, {false, 4}}},
		{"MemberBeforeLeftIsHistory", []C{
			cl(1, "2020-01-01", zardan, factions.MemberOf, puf),
			cl(2, "2021-01-01", zardan, factions.Left, puf),
		}, []flags{{false, 1}, {false, 1}}},
		{"MemberAfterLeft", []C{
			cl(1, "2021-01-01", zardan, factions.Left, puf),
			cl(2, "2021-06-01", zardan, factions.MemberOf, puf),
			cl(3, "2021-06-01", zardan, factions.HoldsPost, puf, "role=treasurer", "former"),
		}, []flags{{true, 1}, {true, 1}, {false, 1}}},
		{"SameArticleSameVoice", []C{
			cl(1, "2021-01-01", zardan, factions.Left, puf, "art=7"),
			cl(2, "2021-01-01", zardan, factions.Leads, puf, "art=7"),
		}, []flags{{false, 1}, {false, 1}}},
		{"SameArticleOtherVoices", []C{
			cl(1, "2021-01-01", zardan, factions.Left, puf, "art=7", "by=Party insiders"),
			cl(2, "2021-01-01", zardan, factions.MemberOf, puf, "art=7", "by=Rafiq Zardan"),
		}, []flags{{true, 1}, {true, 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			factions.MarkContested(tc.claims)
			var got []flags
			for _, c := range tc.claims {
				got = append(got, flags{c.Contested, c.Supporters})
			}
			eq(t, "flags", got, tc.want)
		})
	}
}

func TestVariantKey(t *testing.T) {
	for _, tc := range []struct {
		key   string
		names []string
	}{
		{"muhamad", []string{"Mohammad", "Muhammad", "Mohammed", "Mohamed", "Muhammed", "Muḥammad"}},
		{"tahrak ansaf", []string{"Tehreek-e-Insaf", "Tehreek-i-Insaf", "Tehrik-e-Insaf", "Tahreek-e-Insaaf", "Tehreek e Insaf"}},
		{"husan", []string{"Hussain", "Husain", "Hossain", "Hussayn"}},
		{"hasan", []string{"Hasan", "Hassan"}},
		{"rafak zardan", []string{"Rafiq Zardan", "Rafique Zardan", "Rafeeq Zardan", "Mr Rafiq Zardan"}},
		{"sand", []string{"Sindh", "Sind"}},
		{"yusuf", []string{"Yousuf", "Yusuf", "Yousof"}},
		{"kayum", []string{"Qayyum", "Qaiyum", "Qayum"}},
		{"sha", []string{"Shah", "Sha"}},
		{"abdula", []string{"Abdullah", "Abdulla"}},
		{"ashrat abad", []string{"Ishrat-ul-Ebad", "Ishrat ul Ebad", "Ishrat Ebad"}},
		{"nusratul abad", []string{"Nusratul Ebad"}},
		{"faruk", []string{"Farooq", "Faruq", "Farouk"}},
		{"muhamad ala", []string{"Dr Mohammad Ali", "Muhammad Aly"}},
		{"a", []string{"E"}},
		{"", []string{"", " - "}},
	} {
		for _, n := range tc.names {
			if got := factions.VariantKey(n); got != tc.key {
				t.Errorf("VariantKey(%q) = %q, want %q", n, got, tc.key)
			}
		}
	}
}

func TestFullerName(t *testing.T) {
	for _, tc := range []struct{ a, b, want string }{
		{"PUF", "People's Unity Front", "People's Unity Front"},
		{"People's Unity Front", "PUF", "People's Unity Front"},
		{"Zardan", "Rafiq Zardan", "Rafiq Zardan"},
		{"Rafiq Zardan", "Mr Zardan", "Rafiq Zardan"},
		{"Rafiq Zardan", "Rafiq A Zardan", "Rafiq A Zardan"},
		{"Muhammad Tariq", "Mohammed Tariq", "Muhammad Tariq"},
		{"UNITED DAWN", "Dawn", "Dawn"},
		{"", "Noor Halvi", "Noor Halvi"},
		{"Noor Halvi", " ", "Noor Halvi"},
	} {
		if got := factions.FullerName(tc.a, tc.b); got != tc.want {
			t.Errorf("FullerName(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestIsAcronym(t *testing.T) {
	for s, want := range map[string]bool{"PUF": true, "MQM-P": true, "U.S.": true, "Puf": false, "A": false, "": false, "PML (N)": true} {
		if got := factions.IsAcronym(s); got != want {
			t.Errorf("IsAcronym(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestLayering guards the direction of imports: the root package holds the
// domain and imports no database or network package.
func TestLayering(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p == "database/sql" || p == "net/http" || strings.HasPrefix(p, "github.com/factions/factions/") {
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
}

func TestStateAtHandOver(t *testing.T) {
	chief := "role=chief minister"
	hold := func(id int64, date string, who int64, opts ...string) *factions.Claim {
		return cl(id, date, who, factions.HoldsPost, valdora, append([]string{chief}, opts...)...)
	}
	for _, tc := range []struct {
		name                     string
		claims                   []*factions.Claim
		asOf                     string
		held, ended, unconfirmed []int64
	}{
		{"OneAtATime", []*factions.Claim{
			hold(1, "2025-01-01", zardan), hold(2, "2025-02-01", zardan), hold(3, "2025-03-01", zardan),
			hold(4, "2025-04-01", halvi), // named once: no take-over
			hold(5, "2025-04-02", zardan),
		}, "2025-04-30", []int64{1}, nil, []int64{4}},
		{"TakenOver", []*factions.Claim{
			hold(1, "2025-01-01", zardan), hold(2, "2025-02-01", zardan), hold(3, "2025-03-01", zardan),
			hold(4, "2025-04-01", halvi), hold(5, "2025-04-02", zardan), hold(6, "2025-04-03", halvi), hold(7, "2025-04-04", halvi),
		}, "", []int64{4}, []int64{5}, nil},
		{"AsOfBeforeTheTakeOver", []*factions.Claim{
			hold(1, "2025-01-01", zardan), hold(2, "2025-02-01", zardan),
			hold(4, "2025-04-01", halvi), hold(6, "2025-04-03", halvi), hold(7, "2025-04-04", halvi),
		}, "2025-04-01", []int64{1}, nil, []int64{4}},
		{"NoneSupported", []*factions.Claim{hold(1, "2025-01-01", zardan), hold(2, "2025-02-01", halvi)}, "", nil, nil, []int64{1, 2}},
		{"SoleClaimant", []*factions.Claim{hold(1, "2025-01-01", zardan)}, "", []int64{1}, nil, nil},
		// "the first chief minister" held it in the past
		{"Historic", []*factions.Claim{cl(1, "2025-01-01", zardan, factions.HoldsPost, valdora, "role=first chief minister")},
			"", nil, []int64{1}, nil},
		{"SeveralHoldersPost", []*factions.Claim{
			cl(1, "2025-01-01", zardan, factions.HoldsPost, valdora, "role=minister"),
			cl(2, "2025-02-01", halvi, factions.HoldsPost, valdora, "role=minister"),
		}, "", []int64{1, 2}, nil, nil},
		{"HeadOfAnother", []*factions.Claim{
			hold(1, "2025-01-01", zardan), hold(2, "2025-01-02", zardan),
			hold(3, "2025-01-03", halvi), // the chief minister of another place, in two articles
			cl(4, "2025-01-04", halvi, factions.HoldsPost, league, chief), cl(5, "2025-01-05", halvi, factions.HoldsPost, league, chief),
		}, "", []int64{1, 4}, nil, []int64{3}},
		{"SeniorMember", []*factions.Claim{
			cl(1, "2025-01-01", zardan, factions.Leads, puf), cl(2, "2025-01-02", zardan, factions.Leads, puf),
			cl(3, "2025-01-03", halvi, factions.Leads, puf), cl(4, "2025-01-04", halvi, factions.Leads, puf),
			// named a member more often than its head: a senior member
			cl(5, "2025-01-05", halvi, factions.MemberOf, puf), cl(6, "2025-01-06", halvi, factions.MemberOf, puf),
			cl(7, "2025-01-07", halvi, factions.MemberOf, puf),
		}, "", []int64{1, 5}, nil, []int64{4}},
		// the founder, said to lead it, led it first: the one named far
		// more often took it over from him
		{"FounderFirst", []*factions.Claim{
			cl(1, "2025-01-01", halvi, factions.Leads, puf), cl(2, "2025-01-02", zardan, factions.Leads, puf),
			cl(3, "2025-01-03", halvi, factions.Leads, puf), cl(4, "2025-01-04", zardan, factions.Leads, puf),
			cl(5, "2025-01-05", halvi, factions.Leads, puf), cl(6, "2025-01-06", halvi, factions.Leads, puf),
			cl(7, "2025-01-07", halvi, factions.Leads, puf), cl(8, "2025-01-08", halvi, factions.Leads, puf),
			cl(9, "2025-01-09", zardan, factions.Founded, puf), cl(10, "2025-01-10", zardan, factions.Founded, puf),
		}, "", []int64{1}, []int64{4}, nil},
		// a head named in two articles while a former head, named far more
		// often then, still held it, never held it
		{"InsideAnEndedTenure", []*factions.Claim{
			cl(1, "2001-01-01", zardan, factions.Leads, puf), cl(2, "2001-02-01", zardan, factions.Leads, puf),
			cl(3, "2001-03-01", halvi, factions.Leads, puf), cl(4, "2001-03-02", halvi, factions.Leads, puf),
			cl(5, "2001-04-01", zardan, factions.Leads, puf), cl(6, "2001-05-01", zardan, factions.Leads, puf),
			cl(7, "2001-06-01", zardan, factions.Leads, puf), cl(8, "2001-07-01", zardan, factions.Leads, puf),
			cl(9, "2001-08-01", zardan, factions.Leads, puf, "former"),
			cl(10, "2002-01-01", qadri, factions.Leads, puf), cl(11, "2002-02-01", qadri, factions.Leads, puf),
		}, "", []int64{10}, []int64{8}, []int64{4}},
		// a head who died holds it no more, whatever later articles say of
		// "the late head": the one named next takes it, however weakly
		{"AfterADeath", []*factions.Claim{
			cl(1, "2001-01-01", zardan, factions.Leads, puf), cl(2, "2001-02-01", zardan, factions.Leads, puf),
			cl(3, "2001-03-01", zardan, factions.DiedIn, valdora),
			cl(4, "2001-03-01", halvi, factions.Leads, puf, "hedged"),
			cl(5, "2001-06-01", zardan, factions.Leads, puf),
		}, "", []int64{4}, []int64{5}, nil},
		{"NoFounder", []*factions.Claim{
			cl(1, "2025-01-01", halvi, factions.Leads, puf), cl(2, "2025-01-02", zardan, factions.Leads, puf),
			cl(3, "2025-01-03", halvi, factions.Leads, puf), cl(4, "2025-01-04", zardan, factions.Leads, puf),
			cl(5, "2025-01-05", halvi, factions.Leads, puf), cl(6, "2025-01-06", halvi, factions.Leads, puf),
		}, "", []int64{1}, nil, []int64{4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var at time.Time
			if tc.asOf != "" {
				at = day(tc.asOf)
			}
			st := factions.StateAt(tc.claims, at)
			eq(t, "held", claimIDs(st.Held), nilToEmpty(tc.held))
			eq(t, "ended", claimIDs(st.Ended), nilToEmpty(tc.ended))
			eq(t, "unconfirmed", claimIDs(st.Unconfirmed), nilToEmpty(tc.unconfirmed))
			for _, c := range st.Unconfirmed {
				if c.Note == "" {
					t.Errorf("unconfirmed claim %d has no note", c.ID)
				}
			}
		})
	}
}

func nilToEmpty(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

// TestStateAtUndated: claims of no date come before every dated one, and
// among themselves are of no known order.
func TestStateAtUndated(t *testing.T) {
	undated := func(c *factions.Claim) *factions.Claim {
		c.Date, c.Undated = time.Time{}, true
		return c
	}
	leads := func(id int64, who int64) *factions.Claim {
		return undated(cl(id, "2000-01-01", who, factions.Leads, puf))
	}
	// an undated "left" as well supported as the undated leadership does
	// not end it
	st := factions.StateAt([]*factions.Claim{leads(1, zardan), undated(cl(2, "2000-01-01", zardan, factions.Left, puf))}, time.Time{})
	eq(t, "held", claimIDs(st.Held), []int64{1})
	// two undated articles saying he left end it
	st = factions.StateAt([]*factions.Claim{leads(1, zardan), undated(cl(2, "2000-01-01", zardan, factions.Left, puf)),
		undated(cl(3, "2000-01-01", zardan, factions.Left, puf))}, time.Time{})
	eq(t, "held", claimIDs(st.Held), []int64{})
	// the best supported of undated claimants holds it; a dated one
	// named as often takes it over
	cs := []*factions.Claim{leads(1, zardan), leads(2, zardan), leads(3, halvi), leads(4, halvi), leads(5, halvi)}
	st = factions.StateAt(cs, time.Time{})
	eq(t, "held (undated)", claimIDs(st.Held), []int64{3})
	cs = append(cs, cl(6, "2020-01-01", zardan, factions.Leads, puf), cl(7, "2020-01-02", zardan, factions.Leads, puf))
	st = factions.StateAt(cs, time.Time{})
	eq(t, "held (dated)", claimIDs(st.Held), []int64{6})
}

func TestSolePost(t *testing.T) {
	for _, tc := range []struct {
		role, post string
		ok, isPost bool
	}{
		{"chief minister", "chief minister", true, true},
		{"Chief Minister", "chief minister", true, true},
		{"former chief minister", "chief minister", true, true},
		{"acting CM", "chief minister", true, true},
		{"general secretary", "secretary general", true, true},
		{"chairperson", "chairman", true, true},
		{"provincial president", "", false, true},
		{"deputy speaker", "deputy speaker", true, true},
		{"spokesman", "", false, true},
		{"minister", "", false, true},
		{"co-chairman", "", false, true},
		{"party in-charge", "", false, true},
		{"first prime minister", "prime minister", true, true},
		{"first minister", "first minister", true, true},
		{"decries", "", false, false},
		{"without", "", false, false},
		{"", "", false, false},
	} {
		post, ok := factions.SolePost(tc.role)
		if post != tc.post || ok != tc.ok {
			t.Errorf("SolePost(%q) = %q, %v; want %q, %v", tc.role, post, ok, tc.post, tc.ok)
		}
		if got := factions.IsPost(tc.role); got != tc.isPost {
			t.Errorf("IsPost(%q) = %v, want %v", tc.role, got, tc.isPost)
		}
	}
}

func TestHistoric(t *testing.T) {
	for role, want := range map[string]bool{"first prime minister": true, "the last governor": true, "last governor": true,
		"founding president": true, "first minister": false, "former first minister": false, "prime minister": false, "first": false} {
		if got := factions.Historic(role); got != want {
			t.Errorf("Historic(%q) = %v, want %v", role, got, want)
		}
	}
}

// TestLexiconFiles checks the root's word lists: every line of
// offices.tsv a form and a post, every post a form of its own, and a
// header of '#' lines saying where its facts came from.
func TestLexiconFiles(t *testing.T) {
	for _, name := range []string{"offices.tsv", "roles.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
		if !strings.HasPrefix(lines[0], "# "+name+":") || !strings.Contains(string(b), "# Source:") && !strings.Contains(string(b), "#   Source") && !strings.Contains(string(b), "Source:") {
			t.Errorf("%s: no header naming it and its source", name)
		}
		for i, l := range lines {
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			f := strings.Split(l, "\t")
			if name == "offices.tsv" {
				if len(f) != 2 || f[0] == "" || f[1] == "" || strings.ToLower(l) != l {
					t.Errorf("%s line %d: %q, want form<TAB>post in lower case", name, i+1, l)
				} else if post, ok := factions.SolePost(f[1]); !ok || post != f[1] {
					t.Errorf("%s line %d: the post %q is no form of its own", name, i+1, f[1])
				}
			} else if len(f) != 1 || strings.ToLower(l) != l {
				t.Errorf("%s line %d: %q, want one lower-case noun", name, i+1, l)
			}
		}
	}
}

func TestNameNorms(t *testing.T) {
	m := factions.NameNorms{}
	for _, s := range []string{"The Party's", "Mr. Ada  Lee", "The Party's", ""} {
		if got, want := m.Normalize(s), factions.NormalizeName(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
	if len(m) != 3 {
		t.Errorf("memo holds %d names, want 3", len(m))
	}
}
