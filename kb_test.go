package factions_test

import (
	"encoding/json"
	"go/parser"
	"go/token"
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
)

var names = map[int64]string{zardan: "Rafiq Zardan", halvi: "Noor Halvi", puf: "People's Unity Front",
	gda: "Green Dawn Alliance", valdora: "Valdora", reform: "Unity Front (Reform)", youth: "PUF Youth Wing",
	cell: "Reform Students Cell", league: "Valdora Workers League"}

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
		{"OrgIn2021", org, "2021-12-31", view{n, n, n, []int64{3}, []int64{4}, []int64{5}, n, n, []int64{6}, []int64{7}, []int64{8}, n,
			[]int64{1, 2, 3, 4, 5, 6, 7, 8}}},
		{"OrgNow", org, "", view{n, n, n, n, []int64{4}, []int64{5}, n, n, []int64{6}, []int64{7}, []int64{8}, n,
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
			cl(25, "2021-04-01", zardan, factions.MemberOf, puf),
			cl(26, "2021-05-01", halvi, factions.MemberOf, puf, "by=Party insiders"),
			cl(27, "2021-05-02", halvi, factions.MemberOf, puf, "by=Noor Halvi"),
		}
		factions.MarkContested(cs)
		card := factions.BuildCard(org, cs, time.Time{})
		eq(t, "leaders", claimIDs(card.Leaders), []int64{22, 21})
		eq(t, "members", claimIDs(card.Members), []int64{26, 25})
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
