package sqlstore

// Table tests of the pure parts of saving: planning an extraction and
// choosing among stored candidates. The contract suite (storetest) runs the
// whole of it against SQLite and PostgreSQL.

import (
	"reflect"
	"strings"
	"testing"

	"github.com/factions/factions"
)

func TestMiddleDropped(t *testing.T) {
	for _, tc := range []struct {
		short, long string
		want        bool
	}{
		{"rafiq zardan", "rafiq ahmad zardan", true},
		{"rafiq zardan", "rafiq ahmad nur zardan", true},
		{"rafiq nur zardan", "rafiq ahmad nur zardan", true},
		{"rafiq ahmad zardan", "rafiq ahmad zardan", false}, // as long
		{"rafiq zardan", "rafiq zardan", false},
		{"zardan", "rafiq zardan", false}, // one word
		{"nur zardan", "rafiq nur zardan", false},
		{"rafiq nur", "rafiq nur zardan", false},
		{"rafiq nur ahmad zardan", "rafiq ahmad nur zardan x", false},
		{"rafiq nur ahmad zardan", "rafiq ahmad nur sami zardan", false}, // out of order
		{"", "rafiq zardan", false},
	} {
		if got := middleDropped(tc.short, tc.long); got != tc.want {
			t.Errorf("middleDropped(%q, %q) = %v, want %v", tc.short, tc.long, got, tc.want)
		}
	}
}

func TestConflict(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"rafiq zardan", "nur zardan", true},
		{"rafiq zardan", "rafiq ahmad zardan", false}, // a middle name dropped
		{"rafiq ahmad zardan", "rafiq zardan", false},
		{"rafiq zardan", "rafiq zardan", false},
		{"zardan", "nur zardan", false}, // one word
		{"", "nur zardan", false},       // an acronym has no key
		{"green dawn aliance", "green dawn front", true},
	} {
		if got := conflict(tc.a, tc.b); got != tc.want {
			t.Errorf("conflict(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSharesKey(t *testing.T) {
	set := func(ids ...int64) map[int64]bool {
		m := map[int64]bool{}
		for _, id := range ids {
			m[id] = true
		}
		return m
	}
	for _, tc := range []struct {
		a, b map[int64]bool
		want bool
	}{
		{set(1, 2), set(2, 3), true},
		{set(1, 2), set(3), false},
		{set(), set(3), false},
		{nil, nil, false},
	} {
		if got := sharesKey(tc.a, tc.b); got != tc.want {
			t.Errorf("sharesKey(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestTouches(t *testing.T) {
	e := func(action string, target, other int64) *factions.AuditEntry {
		return &factions.AuditEntry{Action: action, Target: target, Other: other}
	}
	for _, tc := range []struct {
		name   string
		e, l   *factions.AuditEntry
		wanted bool
	}{
		{"SameTarget", e(actionMerge, 1, 2), e(actionRename, 1, 0), true},
		{"OtherIsLaterTarget", e(actionMerge, 1, 2), e(actionSplit, 2, 5), true},
		{"Unrelated", e(actionMerge, 1, 2), e(actionMerge, 3, 4), false},
		{"NoOtherMatchesNoOther", e(actionRename, 1, 0), e(actionRename, 3, 0), false},
		{"ClaimIDIsNotEntityID", e(actionMerge, 7, 2), e(actionReject, 7, 0), false},
		{"SameClaim", e(actionReject, 7, 0), e(actionReject, 7, 0), true},
	} {
		if got := touches(tc.e, tc.l); got != tc.wanted {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.wanted)
		}
	}
}

// article is a text the plans below point into.
const article = "Rafiq Zardan, general secretary of the People's Unity Front (PUF), said the party's standing committee met in Valdora."

func span(s string) factions.Span {
	i := strings.Index(article, s)
	return factions.Span{Start: i, End: i + len(s)}
}

func TestNewPlan(t *testing.T) {
	zardan := factions.Entity{Name: "Rafiq Zardan", Type: factions.Person, Aliases: []string{"Zardan"},
		Mentions: []factions.Mention{{Span: span("Rafiq Zardan")}}}
	puf := factions.Entity{Name: "People's Unity Front", Type: factions.Organization, Aliases: []string{"PUF"}}
	all := factions.Span{End: len(article)}
	x := &factions.Extraction{
		Entities: []factions.Entity{zardan, puf},
		Claims: []factions.Claim{
			{Subject: "Zardan", Predicate: factions.HoldsPost, Object: "PUF", Role: "general secretary", Evidence: all},
			{Subject: "standing committee", Predicate: factions.PartOf, Object: "People's Unity Front", Evidence: all},
			{Subject: "Rafiq Zardan", Predicate: factions.BasedIn, Object: "Valdora", Stance: factions.Hedged},
			{Subject: "standing committee", Predicate: factions.BasedIn, Object: "Valdora", AttributedTo: "PUF"},
		},
		Statements: []factions.Statement{{Speaker: "Zardan", Span: span("the party's standing committee met"), Evidence: all}},
	}
	p, err := newPlan(article, x)
	if err != nil {
		t.Fatal(err)
	}
	type ent struct {
		Name   string
		Type   factions.EntityType
		Names  []string
		Links  []int
		Parent int
	}
	var got []ent
	for _, e := range p.ents {
		got = append(got, ent{e.name, e.typ, e.names, e.links, e.parent})
	}
	want := []ent{
		{"Rafiq Zardan", factions.Person, []string{"Rafiq Zardan", "Zardan"}, []int{1}, -1}, // holds_post ties him; based_in does not
		{"People's Unity Front", factions.Organization, []string{"People's Unity Front", "PUF"}, nil, -1},
		{"standing committee", factions.Organization, []string{"standing committee"}, []int{3}, 1}, // made for the claim: a body of the PUF, based in Valdora
		{"Valdora", factions.Place, []string{"Valdora"}, nil, -1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entities:\ngot  %+v\nwant %+v", got, want)
	}
	if m := p.ents[0].mentions; len(m) != 1 || m[0].Text != "Rafiq Zardan" {
		t.Errorf("mentions %+v, want the text filled in from the span", m)
	}
	var claims []string
	for _, pc := range p.claims {
		claims = append(claims, strings.Join([]string{p.ents[pc.s].name, string(pc.stance), p.ents[pc.o].name}, " "))
		if pc.c.Evidence.Len() > 0 && pc.sentence != article {
			t.Errorf("claim %s: sentence %q, want the evidence", pc.c.Predicate, pc.sentence)
		}
	}
	if want := []string{"Rafiq Zardan asserted People's Unity Front", "standing committee asserted People's Unity Front",
		"Rafiq Zardan hedged Valdora", "standing committee asserted Valdora"}; !reflect.DeepEqual(claims, want) {
		t.Errorf("claims %q, want %q", claims, want)
	}
	if a := p.claims[3].attr; a != 1 {
		t.Errorf("attribution of claim 4: entity %d, want 1 (PUF)", a)
	}
	if st := p.stmts[0]; st.speaker != 0 || st.kind != factions.Indirect || st.text != "the party's standing committee met" {
		t.Errorf("statement: speaker %d, kind %s, text %q", st.speaker, st.kind, st.text)
	}
}

func TestNewPlanInvalid(t *testing.T) {
	ok := factions.Entity{Name: "Rafiq Zardan", Type: factions.Person}
	claim := func(c factions.Claim) *factions.Extraction {
		if c.Subject == "" {
			c.Subject = "Rafiq Zardan"
		}
		if c.Predicate == "" {
			c.Predicate = factions.MemberOf
		}
		return &factions.Extraction{Entities: []factions.Entity{ok}, Claims: []factions.Claim{c}}
	}
	for _, tc := range []struct {
		name string
		x    *factions.Extraction
		want string
	}{
		{"EntityType", &factions.Extraction{Entities: []factions.Entity{{Name: "X", Type: "party"}}}, `invalid type "party"`},
		{"EntityName", &factions.Extraction{Entities: []factions.Entity{{Name: " ", Type: factions.Person}}}, "entity 1 has no name"},
		{"MentionSpan", &factions.Extraction{Entities: []factions.Entity{{Name: "X", Type: factions.Person,
			Mentions: []factions.Mention{{Span: factions.Span{Start: 5, End: 500}}}}}}, "mention span [5, 500) outside"},
		{"Predicate", claim(factions.Claim{Predicate: "chairs", Object: "PUF"}), `invalid predicate "chairs"`},
		{"Stance", claim(factions.Claim{Object: "PUF", Stance: "maybe"}), `invalid stance "maybe"`},
		{"Unnamed", claim(factions.Claim{Object: "  "}), "subject and object must be named"},
		{"Evidence", claim(factions.Claim{Object: "PUF", Evidence: factions.Span{Start: 10, End: 5}}), "evidence span [10, 5)"},
		{"Kind", &factions.Extraction{Statements: []factions.Statement{{Kind: "aside"}}}, `invalid kind "aside"`},
		{"StatementSpan", &factions.Extraction{Statements: []factions.Statement{{Span: factions.Span{End: 1000}}}}, "span outside the text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newPlan(article, tc.x)
			if factions.ErrorCode(err) != factions.EINVALID || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want EINVALID saying %q", err, tc.want)
			}
		})
	}
}

// TestRelate checks that a person's related organizations are those at most
// two steps from one he is tied to through faction_of, merged_into and
// part_of claims that are not denied.
func TestRelate(t *testing.T) {
	ent := func(name string, typ factions.EntityType) factions.Entity {
		return factions.Entity{Name: name, Type: typ}
	}
	c := func(s string, p factions.Predicate, o string, st factions.Stance) factions.Claim {
		return factions.Claim{Subject: s, Predicate: p, Object: o, Stance: st}
	}
	x := &factions.Extraction{
		Entities: []factions.Entity{ent("Rafiq Zardan", factions.Person), ent("Unity Front (Reform)", factions.Organization),
			ent("People's Unity Front", factions.Organization), ent("PUF presidium", factions.Organization),
			ent("Green Dawn Alliance", factions.Organization), ent("Valdora Workers League", factions.Organization)},
		Claims: []factions.Claim{
			c("Rafiq Zardan", factions.MemberOf, "Unity Front (Reform)", ""),
			c("Unity Front (Reform)", factions.MergedInto, "People's Unity Front", ""),
			c("PUF presidium", factions.PartOf, "People's Unity Front", ""),
			c("PUF presidium", factions.FactionOf, "Valdora Workers League", ""),                  // three steps away
			c("Unity Front (Reform)", factions.AlliedWith, "Green Dawn Alliance", ""),             // not family
			c("Green Dawn Alliance", factions.FactionOf, "Unity Front (Reform)", factions.Denied), // denied
		},
	}
	p, err := newPlan(strings.Repeat(" ", 10), x)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.ents[0].related, []int{2, 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("related %v, want %v (the party it merged into, and its presidium)", got, want)
	}
	if p.ents[1].related != nil {
		t.Errorf("an organization's related: %v, want none", p.ents[1].related)
	}
}

// xe returns an entity of the extraction named name, linked to the
// entities links.
func xe(p *plan, name string, typ factions.EntityType, links ...int) *xent {
	e := &xent{name: name, typ: typ, parent: -1, links: links}
	e.add(p, name)
	return e
}

func cnd(p *plan, id int64, name string, typ factions.EntityType, links ...int64) *cand {
	c := &cand{id: id, name: name, typ: typ, norm: p.norm(name), vkey: p.vkey(name), links: map[int64]bool{}}
	for _, l := range links {
		c.links[l] = true
	}
	return c
}

func newTestPlan() *plan {
	return &plan{byNorm: map[string][]int{}, norms: map[string]string{}, vkeys: map[string]string{}}
}

func TestPick(t *testing.T) {
	p := newTestPlan()
	// entities of the article, already resolved to stored ones: 0 and 1
	// organizations, 2 a place
	puf, gda := xe(p, "People's Unity Front", factions.Organization), xe(p, "Green Dawn Alliance", factions.Organization)
	puf.id, gda.id = 10, 20
	valdora := xe(p, "Valdora", factions.Place)
	valdora.id = 30
	p.ents = []*xent{puf, gda, valdora}
	names := map[int64]string{10: "People's Unity Front", 20: "Green Dawn Alliance", 30: "Valdora"}
	per, org := factions.Person, factions.Organization
	for _, tc := range []struct {
		name           string
		e              *xent
		exact, variant []*cand
		id             int64
		reason         string
	}{
		{"SameName", xe(p, "Rafiq Zardan", per, 0), []*cand{cnd(p, 1, "Rafiq Zardan", per, 10)}, nil, 1, "same name"},
		{"Alias", xe(p, "Zardan", per), []*cand{cnd(p, 1, "Rafiq Zardan", per)}, nil, 1, "alias"},
		{"Namesakes", xe(p, "Rafiq Zardan", per, 0), []*cand{cnd(p, 1, "Rafiq Zardan", per, 20)}, nil, 0, ""},
		{"NoTieInTheArticle", xe(p, "Rafiq Zardan", per), []*cand{cnd(p, 1, "Rafiq Zardan", per, 20)}, nil, 1, "same name"},
		{"MostSharedTies", xe(p, "Zardan", per, 0, 1), []*cand{cnd(p, 1, "Rafiq Zardan", per, 10), cnd(p, 2, "Noor Zardan", per, 10, 20)}, nil, 2, "alias"},
		{"OwnNameOnATie", xe(p, "Zardan", per, 0), []*cand{cnd(p, 1, "Rafiq Zardan", per, 10), cnd(p, 2, "Zardan", per, 10)}, nil, 2, "same name"},
		{"OrganizationBasedElsewhere", xe(p, "Valdora Front", org, 2), []*cand{cnd(p, 5, "Valdora Front", org, 99)}, nil, 5, "same name"},
		{"OrganizationBasedHereWins", xe(p, "Valdora Front", org, 2), []*cand{cnd(p, 5, "Valdora Front", org, 99), cnd(p, 6, "Valdora Front", org, 30)}, nil, 6, "same name"},
		{"VariantSharedOrganization", xe(p, "Mohammad Tariq", per, 0), nil, []*cand{cnd(p, 3, "Muhammad Tariq", per, 10)}, 3, "variant spelling; shared organization People's Unity Front"},
		{"VariantNoSharedOrganization", xe(p, "Mohammad Tariq", per, 0), nil, []*cand{cnd(p, 3, "Muhammad Tariq", per, 20)}, 0, ""},
		{"VariantPersonWithoutTies", xe(p, "Mohammad Tariq", per), nil, []*cand{cnd(p, 3, "Muhammad Tariq", per)}, 0, ""},
		{"VariantOrganization", xe(p, "Tehreek Valdora", org), nil, []*cand{cnd(p, 7, "Tehrik Valdora", org, 30)}, 7, "variant spelling"},
		{"VariantOrganizationBasedElsewhere", xe(p, "Tehreek Valdora", org, 2), nil, []*cand{cnd(p, 7, "Tehrik Valdora", org, 99)}, 0, ""},
		{"VariantPlace", xe(p, "Valdorah", factions.Place), nil, []*cand{cnd(p, 8, "Valdora", factions.Place)}, 8, "variant spelling"},
		{"ExactBeforeVariant", xe(p, "Rafiq Zardan", per, 0), []*cand{cnd(p, 1, "Rafiq Zardan", per)}, []*cand{cnd(p, 3, "Rafeeq Zardan", per, 10)}, 1, "same name"},
		{"None", xe(p, "Rafiq Zardan", per), nil, nil, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p.pick(tc.e, tc.exact, tc.variant, names)
			if tc.e.id != tc.id || tc.e.reason != tc.reason || tc.e.existing != (tc.id != 0) {
				t.Errorf("got #%d %q (existing %v), want #%d %q", tc.e.id, tc.e.reason, tc.e.existing, tc.id, tc.reason)
			}
		})
	}
}

func TestCandidates(t *testing.T) {
	p := newTestPlan()
	e := xe(p, "Rafiq Ahmad Zardan", factions.Person)
	e.add(p, "Zardan")
	cands := map[int64]*cand{
		1: cnd(p, 1, "Rafiq Ahmad Zardan", factions.Person),
		2: cnd(p, 2, "Noor Zardan", factions.Person),  // through the alias only, and another person
		3: cnd(p, 3, "Rafiq Zardan", factions.Person), // through the alias only, but the same without a middle name
		4: cnd(p, 4, "Zardan", factions.Organization), // another type
		5: cnd(p, 5, "Rafeeq Ahmad Zardan", factions.Person),
	}
	cands[1].norms = map[string]bool{"rafiq ahmad zardan": true}
	for _, id := range []int64{2, 3} {
		cands[id].norms = map[string]bool{"zardan": true}
	}
	byNorm := map[string][]int64{"rafiq ahmad zardan": {1}, "zardan": {3, 2, 4}}
	byVkey := map[string][]int64{p.vkey("Rafiq Ahmad Zardan"): {5, 1}, p.vkey("Zardan"): {2}}
	exact, variant := p.candidates(e, cands, byNorm, byVkey)
	ids := func(cs []*cand) []int64 {
		var out []int64
		for _, c := range cs {
			out = append(out, c.id)
		}
		return out
	}
	if got, want := ids(exact), []int64{1, 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("exact %v, want %v", got, want)
	}
	if got, want := ids(variant), []int64{5}; !reflect.DeepEqual(got, want) {
		t.Errorf("variant %v, want %v (the one-word key of a person is not looked up; #1 is exact already)", got, want)
	}
	if got, want := e.variantKeys(), []string{p.vkey("Rafiq Ahmad Zardan")}; !reflect.DeepEqual(got, want) {
		t.Errorf("variantKeys %q, want %q", got, want)
	}
}

func TestLookupKeys(t *testing.T) {
	p := newTestPlan()
	a := xe(p, "People's Unity Front", factions.Organization)
	a.add(p, "PUF")
	b := xe(p, "Rafiq Zardan", factions.Person)
	b.add(p, "Zardan")
	c := xe(p, "PUF", factions.Organization)
	p.ents = []*xent{a, b, c}
	k := p.lookupKeys()
	if want := []string{"people unity front", "puf", "rafiq zardan", "zardan"}; !reflect.DeepEqual(k.norms, want) {
		t.Errorf("norms %q, want %q", k.norms, want)
	}
	if want := []string{p.vkey("People's Unity Front"), p.vkey("Rafiq Zardan")}; !reflect.DeepEqual(k.vkeys, want) {
		t.Errorf("variant keys %q, want %q (none for an acronym or a person's one word)", k.vkeys, want)
	}
}

func TestFoundAdd(t *testing.T) {
	p := newTestPlan()
	k := &lookupKeys{seen: map[string]bool{"n:zardan": true, "v:zardan": true}}
	f := &found{cands: map[int64]*cand{}, byNorm: map[string][]int64{}, byVkey: map[string][]int64{}}
	f.add(p, k, &cand{id: 1, name: "Rafiq Zardan", typ: factions.Person}, "zardan", "zardan")
	f.add(p, k, &cand{id: 1, name: "Rafiq Zardan", typ: factions.Person}, "zardan", "zardan") // the same alias twice
	f.add(p, k, &cand{id: 1, name: "Rafiq Zardan", typ: factions.Person}, "rafiq zardan", "") // a name not looked up
	f.add(p, k, &cand{id: 2, name: "Noor Zardan", typ: factions.Person}, "zardan", "")
	if got := f.byNorm; !reflect.DeepEqual(got, map[string][]int64{"zardan": {1, 2}}) {
		t.Errorf("byNorm %v", got)
	}
	if got := f.byVkey; !reflect.DeepEqual(got, map[string][]int64{"zardan": {1}}) {
		t.Errorf("byVkey %v", got)
	}
	if c := f.cands[1]; c.norm != "rafiq zardan" || len(c.norms) != 1 || c.links == nil {
		t.Errorf("candidate 1: %+v", c)
	}
}

func TestLinkPredicates(t *testing.T) {
	want := []any{"leads", "founded", "member_of", "holds_post", "part_of", "left", "based_in"}
	if !reflect.DeepEqual(linkPredicates, want) {
		t.Errorf("linkPredicates %v, want %v", linkPredicates, want)
	}
	if want := []any{"part_of"}; !reflect.DeepEqual(bodyPredicates, want) {
		t.Errorf("bodyPredicates %v, want %v", bodyPredicates, want)
	}
}

func TestPlaceholders(t *testing.T) {
	for n, want := range map[int]string{-1: "", 0: "", 1: "?", 3: "?, ?, ?"} {
		if got := placeholders(n); got != want {
			t.Errorf("placeholders(%d) = %q, want %q", n, got, want)
		}
	}
}
