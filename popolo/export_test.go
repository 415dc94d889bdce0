package popolo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/popolo"
	"github.com/factions/factions/sqlite"
	"github.com/factions/factions/storetest"
)

const ledgerURL = "https://ledger.example/2023/03/10/unity-front-splits"

// The two articles of the fixture: the Ledger's (2023-03-10, with a URL)
// and the Weekly's (2024-01-15, without one), about fictional people and
// parties.
const (
	ledger1 = "Rafiq Zardan, the leader of the People's Unity Front, said on Friday that the party would not stand in the way of its reformers."
	ledger2 = "The reformers have formed PUF (Reform), a faction of the People's Unity Front led by Samina Qadri."
	ledger3 = "Samina Qadri is also the general secretary of the People's Unity Front."
	ledger4 = "Zardan founded the People's Unity Front in 1998 and is a former governor of Sindh."
	ledger5 = "Imran Lodhi, a member of the Central Disciplinary Committee of the People's Unity Front, may join PUF (Reform), aides said."
	ledger6 = "The PUF holds 41 seats in the National Assembly."
	ledger7 = "Party officials said Imran Lodhi leads the People's Unity Front in the Senate."

	weekly1 = "PUF (Reform) has joined the Grand Democratic Alliance, its leader Samina Qadri said on Monday."
	weekly2 = "Qadri, a former general secretary of the People's Unity Front, gave up the post in December."
	weekly3 = "Imran Lodhi left the Central Disciplinary Committee last month."
	weekly4 = "Rafiq Zardan, who founded the People's Unity Front, now sits in the National Assembly as a member."
	weekly5 = "Zardan denied that he leads PUF (Reform)."
	weekly6 = "The Labour Solidarity League merged into the People's Unity Front last year."
)

// fixture is a store holding the two articles, and the IDs of what it holds.
type fixture struct {
	db              *sqlite.DB
	ledger, weekly  int64
	ids             map[string]int64 // entity name → ID
	rejected, hedge int64            // claim IDs
}

func claim(subj string, p factions.Predicate, obj string) factions.Claim {
	return factions.Claim{Subject: subj, Predicate: p, Object: obj}
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "factions.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return storetest.Now }
	f := &fixture{db: db, ids: map[string]int64{}}

	// The later article is saved first, so that claim IDs do not follow
	// the order of the dates.
	w := storetest.NewDoc(t, "Reform faction joins alliance", "Frontier Post Weekly", "2024-01-15",
		strings.Join([]string{weekly1, weekly2, weekly3, weekly4, weekly5, weekly6}, " "))
	w.Entity("PUF (Reform)", factions.Organization).
		Entity("Grand Democratic Alliance", factions.Organization).
		Entity("Samina Qadri", factions.Person, "Qadri").
		Entity("People's Unity Front", factions.Organization).
		Entity("Central Disciplinary Committee", factions.Organization).
		Entity("Imran Lodhi", factions.Person).
		Entity("Rafiq Zardan", factions.Person, "Zardan").
		Entity("National Assembly", factions.Organization).
		Entity("Labour Solidarity League", factions.Organization)
	gensec := claim("Samina Qadri", factions.HoldsPost, "People's Unity Front")
	gensec.Role, gensec.Former = "general secretary", true
	denied := claim("Rafiq Zardan", factions.Leads, "PUF (Reform)")
	denied.Stance, denied.AttributedTo = factions.Denied, "Rafiq Zardan"
	w.Claim(claim("PUF (Reform)", factions.MemberOf, "Grand Democratic Alliance"), weekly1).
		Claim(claim("Samina Qadri", factions.Leads, "PUF (Reform)"), weekly1).
		Claim(gensec, weekly2).
		Claim(claim("Imran Lodhi", factions.Left, "Central Disciplinary Committee"), weekly3).
		Claim(claim("Rafiq Zardan", factions.Founded, "People's Unity Front"), weekly4).
		Claim(claim("Rafiq Zardan", factions.MemberOf, "National Assembly"), weekly4).
		Claim(denied, weekly5).
		Claim(claim("Labour Solidarity League", factions.MergedInto, "People's Unity Front"), weekly6)
	f.weekly = w.Save(ctx, db)

	l := storetest.NewDoc(t, "Unity Front splits as reformers form new faction", "The Daily Ledger", "2023-03-10",
		strings.Join([]string{ledger1, ledger2, ledger3, ledger4, ledger5, ledger6, ledger7}, " "))
	l.A.URL = ledgerURL
	l.Entity("Rafiq Zardan", factions.Person, "Zardan").
		Entity("People's Unity Front", factions.Organization, "PUF").
		Entity("PUF (Reform)", factions.Organization).
		Entity("Samina Qadri", factions.Person).
		Entity("Sindh", factions.Place).
		Entity("Imran Lodhi", factions.Person).
		Entity("Central Disciplinary Committee", factions.Organization).
		Entity("National Assembly", factions.Organization)
	sec := claim("Samina Qadri", factions.HoldsPost, "People's Unity Front")
	sec.Role = "general secretary"
	governor := claim("Rafiq Zardan", factions.HoldsPost, "Sindh")
	governor.Role, governor.Former = "governor", true
	hedged := claim("Imran Lodhi", factions.MemberOf, "PUF (Reform)")
	hedged.Stance = factions.Hedged
	l.Claim(claim("Rafiq Zardan", factions.Leads, "People's Unity Front"), ledger1).
		Claim(claim("PUF (Reform)", factions.FactionOf, "People's Unity Front"), ledger2).
		Claim(claim("Samina Qadri", factions.Leads, "PUF (Reform)"), ledger2).
		Claim(sec, ledger3).
		Claim(claim("Rafiq Zardan", factions.Founded, "People's Unity Front"), ledger4).
		Claim(governor, ledger4).
		Claim(claim("Imran Lodhi", factions.MemberOf, "Central Disciplinary Committee"), ledger5).
		Claim(claim("Central Disciplinary Committee", factions.PartOf, "People's Unity Front"), ledger5).
		Claim(hedged, ledger5).
		Claim(claim("PUF", factions.HasSeatsIn, "National Assembly"), ledger6).
		Claim(claim("Imran Lodhi", factions.Leads, "People's Unity Front"), ledger7)
	f.ledger = l.Save(ctx, db)

	for _, name := range []string{"Rafiq Zardan", "Samina Qadri", "Imran Lodhi", "People's Unity Front", "PUF (Reform)",
		"Central Disciplinary Committee", "National Assembly", "Grand Democratic Alliance", "Labour Solidarity League", "Sindh"} {
		es, err := db.FindEntities(ctx, name)
		if err != nil || len(es) != 1 {
			t.Fatalf("FindEntities(%q) = %d entities, %v; want 1", name, len(es), err)
		}
		f.ids[name] = es[0].ID
	}

	// The misreading of ledger7 is rejected by a curator.
	cs, err := db.Claims(ctx, factions.ClaimFilter{ArticleID: f.ledger})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		switch {
		case c.Predicate == factions.Leads && c.SubjectID == f.ids["Imran Lodhi"]:
			f.rejected = c.ID
		case c.Stance == factions.Hedged:
			f.hedge = c.ID
		}
	}
	if f.rejected == 0 || f.hedge == 0 {
		t.Fatalf("claims of the Ledger: rejected %d, hedged %d; want both found", f.rejected, f.hedge)
	}
	if _, err := db.RejectClaim(ctx, f.rejected, "misread: Lodhi leads the Senate group"); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) person(name string) string { return "person/" + strconv.FormatInt(f.ids[name], 10) }
func (f *fixture) org(name string) string {
	return "organization/" + strconv.FormatInt(f.ids[name], 10)
}

func export(t *testing.T, s factions.Store) *popolo.Document {
	t.Helper()
	doc, err := popolo.Export(context.Background(), s)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	return doc
}

func TestExport(t *testing.T) {
	f := newFixture(t)
	doc := export(t, f.db)
	weeklyURL := "factions:article/" + strconv.FormatInt(f.weekly, 10)
	for _, tc := range []struct {
		name  string
		check func(*testing.T, *fixture, *popolo.Document, string)
	}{
		{"Persons", testExportPersons},
		{"Organizations", testExportOrganizations},
		{"Posts", testExportPosts},
		{"Memberships", testExportMemberships},
		{"MembershipSources", testExportMembershipSources},
		{"IDs", testExportIDs},
		{"LeftOut", testExportLeftOut},
		{"AgreesWithStateAsOf", testExportAgreesWithStateAsOf},
		{"Write", testExportWrite},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, f, doc, weeklyURL) })
	}
}

func testExportPersons(t *testing.T, f *fixture, doc *popolo.Document, weeklyURL string) {
	want := []*popolo.Person{
		{ID: f.person("Rafiq Zardan"), Name: "Rafiq Zardan", OtherNames: []popolo.OtherName{{Name: "Zardan"}}},
		{ID: f.person("Samina Qadri"), Name: "Samina Qadri", OtherNames: []popolo.OtherName{{Name: "Qadri"}}},
		{ID: f.person("Imran Lodhi"), Name: "Imran Lodhi"},
	}
	sort.Slice(want, func(i, j int) bool { return idNum(want[i].ID) < idNum(want[j].ID) })
	if len(doc.Persons) != len(want) {
		t.Fatalf("got %d persons, want %d: %s", len(doc.Persons), len(want), js(doc.Persons))
	}
	for i, p := range doc.Persons {
		if p.ID != want[i].ID || p.Name != want[i].Name || !reflect.DeepEqual(p.OtherNames, want[i].OtherNames) {
			t.Errorf("person %d: got %s, want %s", i, js(p), js(want[i]))
		}
	}
	// Zardan is named by both articles, the older first; Lodhi's claims
	// in the Ledger that remain (member of the committee) and the Weekly.
	zardan := find(t, doc.Persons, f.person("Rafiq Zardan"))
	if got := urls(zardan.Sources); !reflect.DeepEqual(got, []string{ledgerURL, weeklyURL}) {
		t.Errorf("Zardan's sources: got %v, want the Ledger then the Weekly", got)
	}
	if n := zardan.Sources[0].Note; n != "Unity Front splits as reformers form new faction (The Daily Ledger, 2023-03-10)" {
		t.Errorf("Zardan's first source note: got %q", n)
	}
}

func testExportOrganizations(t *testing.T, f *fixture, doc *popolo.Document, weeklyURL string) {
	type org struct{ name, other, class, parent, founded, dissolved string }
	want := []org{
		// the founding's year the claim gives, not its article's date
		{"People's Unity Front", "PUF", "party", "", "1998", ""},
		// "have formed": the split is the article's news
		{"PUF (Reform)", "", "faction", f.org("People's Unity Front"), "2023-03-10", ""},
		{"Central Disciplinary Committee", "", "committee", f.org("People's Unity Front"), "", ""},
		{"National Assembly", "", "legislature", "", "", ""},
		{"Grand Democratic Alliance", "", "organization", "", "", ""},
		// "merged ... last year": the year before the article's
		{"Labour Solidarity League", "", "organization", "", "", "2023"},
	}
	if len(doc.Organizations) != len(want) {
		t.Fatalf("got %d organizations, want %d: %s", len(doc.Organizations), len(want), js(doc.Organizations))
	}
	for _, w := range want {
		o := find(t, doc.Organizations, f.org(w.name))
		var other string
		for _, n := range o.OtherNames {
			other += n.Name
		}
		got := org{o.Name, other, o.Classification, o.ParentID, o.FoundingDate, o.DissolutionDate}
		if got != w {
			t.Errorf("organization %s: got %+v, want %+v", o.ID, got, w)
		}
		if len(o.Sources) == 0 {
			t.Errorf("organization %s has no sources", o.ID)
		}
	}
	for i := 1; i < len(doc.Organizations); i++ {
		if idNum(doc.Organizations[i-1].ID) >= idNum(doc.Organizations[i].ID) {
			t.Errorf("organizations not ordered by ID: %s before %s", doc.Organizations[i-1].ID, doc.Organizations[i].ID)
		}
	}
}

func testExportPosts(t *testing.T, f *fixture, doc *popolo.Document, weeklyURL string) {
	want := []*popolo.Post{
		{ID: "post/1", Label: "general secretary", Role: "general secretary", OrganizationID: f.org("People's Unity Front")},
		{ID: "post/2", Label: "governor, Sindh", Role: "governor"},
	}
	if !reflect.DeepEqual(doc.Posts, want) {
		t.Errorf("got posts %s, want %s", js(doc.Posts), js(want))
	}
}

func testExportMemberships(t *testing.T, f *fixture, doc *popolo.Document, weeklyURL string) {
	type mem struct {
		member, org, role, post, start, end string
		sources                             []string // URLs
	}
	want := []mem{
		{f.person("Rafiq Zardan"), f.org("People's Unity Front"), "leader", "", "2023-03-10", "", []string{ledgerURL}},
		{f.person("Samina Qadri"), f.org("PUF (Reform)"), "leader", "", "2023-03-10", "", []string{ledgerURL, weeklyURL}},
		{f.person("Samina Qadri"), f.org("People's Unity Front"), "general secretary", "post/1", "2023-03-10", "2024-01-15", []string{ledgerURL, weeklyURL}},
		{f.person("Rafiq Zardan"), f.org("People's Unity Front"), "founder", "", "2023-03-10", "", []string{ledgerURL, weeklyURL}},
		{f.person("Rafiq Zardan"), "", "governor", "post/2", "", "2023-03-10", []string{ledgerURL}},
		{f.person("Imran Lodhi"), f.org("Central Disciplinary Committee"), "member", "", "2023-03-10", "2024-01-15", []string{ledgerURL, weeklyURL}},
		{f.org("PUF (Reform)"), f.org("Grand Democratic Alliance"), "member", "", "2024-01-15", "", []string{weeklyURL}},
		{f.person("Rafiq Zardan"), f.org("National Assembly"), "member", "", "2024-01-15", "", []string{weeklyURL}},
	}
	var got []mem
	for _, m := range doc.Memberships {
		member := m.PersonID
		if m.Member != nil {
			if m.PersonID != "" || m.Member.Type != "Organization" {
				t.Errorf("membership %s: person_id %q and member %+v; want an organization member only", m.ID, m.PersonID, m.Member)
			}
			member = m.Member.ID
		}
		got = append(got, mem{member, m.OrganizationID, m.Role, m.PostID, m.StartDate, m.EndDate, urls(m.Sources)})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("memberships:\ngot  %+v\nwant %+v\n%s", got, want, js(doc.Memberships))
	}
}

func testExportMembershipSources(t *testing.T, f *fixture, doc *popolo.Document, weeklyURL string) {
	texts := map[string]string{ledgerURL: "The Daily Ledger, 2023-03-10", weeklyURL: "Frontier Post Weekly, 2024-01-15"}
	for _, m := range doc.Memberships {
		if len(m.Sources) == 0 {
			t.Errorf("membership %s has no sources", m.ID)
		}
		for _, s := range m.Sources {
			paper, ok := texts[s.URL]
			if !ok {
				t.Errorf("membership %s: source URL %q is neither article's", m.ID, s.URL)
				continue
			}
			if !strings.HasSuffix(s.Note, " ("+paper+")") || !strings.HasSuffix(strings.TrimSuffix(s.Note, " ("+paper+")"), ".") {
				t.Errorf("membership %s: source note %q, want a sentence then (%s)", m.ID, s.Note, paper)
			}
		}
	}
	sec := findMembership(t, doc, f.person("Samina Qadri"), "general secretary")
	wantNotes := []string{ledger3 + " (The Daily Ledger, 2023-03-10)", weekly2 + " (Frontier Post Weekly, 2024-01-15)"}
	if got := notes(sec.Sources); !reflect.DeepEqual(got, wantNotes) {
		t.Errorf("general secretary sources: got %q, want %q", got, wantNotes)
	}
	lodhi := findMembership(t, doc, f.person("Imran Lodhi"), "member")
	wantNotes = []string{ledger5 + " (The Daily Ledger, 2023-03-10)", weekly3 + " (Frontier Post Weekly, 2024-01-15)"}
	if got := notes(lodhi.Sources); !reflect.DeepEqual(got, wantNotes) {
		t.Errorf("Lodhi's membership sources: got %q, want %q", got, wantNotes)
	}
}

func testExportIDs(t *testing.T, f *fixture, doc *popolo.Document, weeklyURL string) {
	// membership IDs name the claim each was first read from, and every
	// reference resolves within the document
	claims, err := f.db.Claims(context.Background(), factions.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	claimIDs := map[string]bool{}
	for _, c := range claims {
		claimIDs["membership/"+strconv.FormatInt(c.ID, 10)] = true
	}
	ids := map[string]bool{}
	for _, p := range doc.Persons {
		ids[p.ID] = true
	}
	for _, o := range doc.Organizations {
		ids[o.ID] = true
	}
	for _, p := range doc.Posts {
		ids[p.ID] = true
	}
	for _, o := range doc.Organizations {
		if o.ParentID != "" && !ids[o.ParentID] {
			t.Errorf("organization %s: parent_id %s is not exported", o.ID, o.ParentID)
		}
	}
	for _, p := range doc.Posts {
		if p.OrganizationID != "" && !ids[p.OrganizationID] {
			t.Errorf("post %s: organization_id %s is not exported", p.ID, p.OrganizationID)
		}
	}
	seen := map[string]bool{}
	for _, m := range doc.Memberships {
		if seen[m.ID] || !claimIDs[m.ID] {
			t.Errorf("membership ID %s repeated or not a claim's", m.ID)
		}
		seen[m.ID] = true
		for _, ref := range []string{m.PersonID, m.OrganizationID, m.PostID} {
			if ref != "" && !ids[ref] {
				t.Errorf("membership %s: %s is not exported", m.ID, ref)
			}
		}
		if m.Member != nil && !ids[m.Member.ID] {
			t.Errorf("membership %s: member %s is not exported", m.ID, m.Member.ID)
		}
	}
}

func testExportLeftOut(t *testing.T, f *fixture, doc *popolo.Document, weeklyURL string) {
	// the rejected, hedged and denied claims give no membership
	for _, m := range doc.Memberships {
		if m.ID == "membership/"+strconv.FormatInt(f.rejected, 10) || m.ID == "membership/"+strconv.FormatInt(f.hedge, 10) {
			t.Errorf("membership %s comes from a rejected or hedged claim", m.ID)
		}
		if m.PersonID == f.person("Imran Lodhi") && m.OrganizationID != f.org("Central Disciplinary Committee") {
			t.Errorf("Lodhi: unexpected membership %s", js(m))
		}
		if m.PersonID == f.person("Rafiq Zardan") && m.OrganizationID == f.org("PUF (Reform)") {
			t.Errorf("Zardan: membership %s from a denied claim", js(m))
		}
	}
}

func testExportAgreesWithStateAsOf(t *testing.T, f *fixture, doc *popolo.Document, weeklyURL string) {
	// At every date, the memberships running then are the affiliations
	// factions.StateAsOf holds at that date (asserted claims only).
	claims, err := f.db.Claims(context.Background(), factions.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var asserted []*factions.Claim
	for _, c := range claims {
		if c.Stance == factions.Asserted {
			asserted = append(asserted, c)
		}
	}
	posts := map[string]*popolo.Post{}
	for _, p := range doc.Posts {
		posts[p.ID] = p
	}
	persons := map[string]bool{"Rafiq Zardan": true, "Samina Qadri": true, "Imran Lodhi": true}
	for _, d := range []string{"2023-03-09", "2023-03-10", "2023-12-31", "2024-01-15", "2030-01-01"} {
		asOf := storetest.Date(t, d)
		var want []string
		held, _ := factions.StateAsOf(asserted, asOf)
		for _, c := range held {
			role := map[factions.Predicate]string{factions.MemberOf: "member", factions.Leads: "leader", factions.HoldsPost: c.Role}[c.Predicate]
			if role == "" {
				continue
			}
			member := f.org(c.Subject)
			if persons[c.Subject] {
				member = f.person(c.Subject)
			}
			want = append(want, member+" "+role+" "+c.Object)
		}
		var got []string
		for _, m := range doc.Memberships {
			if m.Role == "founder" || m.StartDate == "" || m.StartDate > d || m.EndDate != "" && m.EndDate <= d {
				continue
			}
			member := m.PersonID
			if m.Member != nil {
				member = m.Member.ID
			}
			obj := orgName(doc, m.OrganizationID)
			if m.PostID != "" && m.OrganizationID == "" {
				obj = strings.TrimPrefix(posts[m.PostID].Label, m.Role+", ")
			}
			got = append(got, member+" "+m.Role+" "+obj)
		}
		sort.Strings(want)
		sort.Strings(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("as of %s:\ngot  %q\nwant %q", d, got, want)
		}
	}
}

func testExportWrite(t *testing.T, f *fixture, doc *popolo.Document, weeklyURL string) {
	var buf bytes.Buffer
	if err := popolo.Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	var back map[string][]map[string]any
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatalf("Write wrote invalid JSON: %v", err)
	}
	for _, k := range []string{"persons", "organizations", "memberships", "posts"} {
		if len(back[k]) == 0 {
			t.Errorf("%s: none written", k)
		}
	}
	if !strings.Contains(buf.String(), "\n  \"persons\": [\n") {
		t.Errorf("Write: output not indented:\n%.200s", buf.String())
	}
	if !strings.Contains(buf.String(), "People's Unity Front") {
		t.Errorf("Write: names escaped:\n%.400s", buf.String())
	}
}

func TestExportEmpty(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "factions.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var buf bytes.Buffer
	if err := popolo.Write(&buf, export(t, db)); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"persons\": [],\n  \"organizations\": [],\n  \"memberships\": [],\n  \"posts\": []\n}\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func idNum(id string) int64 {
	n, _ := strconv.ParseInt(id[strings.LastIndexByte(id, '/')+1:], 10, 64)
	return n
}

func js(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

func urls(ls []popolo.Link) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.URL)
	}
	return out
}

func notes(ls []popolo.Link) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Note)
	}
	return out
}

func find[T interface {
	*popolo.Person | *popolo.Organization
}](t *testing.T, xs []T, id string) T {
	t.Helper()
	for _, x := range xs {
		var got string
		switch v := any(x).(type) {
		case *popolo.Person:
			got = v.ID
		case *popolo.Organization:
			got = v.ID
		}
		if got == id {
			return x
		}
	}
	t.Fatalf("%s not exported", id)
	return nil
}

func findMembership(t *testing.T, doc *popolo.Document, person, role string) *popolo.Membership {
	t.Helper()
	for _, m := range doc.Memberships {
		if m.PersonID == person && m.Role == role {
			return m
		}
	}
	t.Fatalf("no membership of %s as %s", person, role)
	return nil
}

func orgName(doc *popolo.Document, id string) string {
	for _, o := range doc.Organizations {
		if o.ID == id {
			return o.Name
		}
	}
	return ""
}

// An article with no date dates its claims by its ingestion, which is no
// date of the facts: the export gives them none.
func TestExportUndated(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "factions.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return storetest.Now }
	s1 := "Noor Halvi founded the Green Dawn Alliance and leads it."
	s2 := "The Green Dawn Alliance (Reform) is a faction of the Green Dawn Alliance."
	storetest.NewDoc(t, "Undated", "Evening Courier", "", s1+" "+s2).
		Entity("Noor Halvi", factions.Person).Entity("Green Dawn Alliance", factions.Organization).
		Entity("Green Dawn Alliance (Reform)", factions.Organization).
		Claim(claim("Noor Halvi", factions.Founded, "Green Dawn Alliance"), s1).
		Claim(claim("Noor Halvi", factions.Leads, "Green Dawn Alliance"), s1).
		Claim(claim("Green Dawn Alliance (Reform)", factions.FactionOf, "Green Dawn Alliance"), s2).Save(ctx, db)
	doc, err := popolo.Export(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Memberships) != 2 || len(doc.Organizations) != 2 {
		t.Fatalf("got %d memberships and %d organizations, want 2 and 2:\n%s", len(doc.Memberships), len(doc.Organizations), js(doc))
	}
	for _, m := range doc.Memberships {
		if m.StartDate != "" || m.EndDate != "" {
			t.Errorf("membership %s dated %q–%q by an undated article", m.ID, m.StartDate, m.EndDate)
		}
		for _, l := range m.Sources {
			if strings.Contains(l.Note, storetest.Now.Format("2006-01-02")) {
				t.Errorf("membership %s: source note %q has the ingestion date", m.ID, l.Note)
			}
		}
	}
	for _, o := range doc.Organizations {
		if o.FoundingDate != "" || o.DissolutionDate != "" {
			t.Errorf("organization %s dated %q–%q by an undated article", o.ID, o.FoundingDate, o.DissolutionDate)
		}
	}
}
