package sqlstore

// Table tests of the pure parts of saving: planning an extraction. Name
// resolution is package resolve's, with tests of its own; the contract
// suite (storetest) runs the whole of it against SQLite and PostgreSQL.

import (
	"reflect"
	"strings"
	"testing"

	"github.com/factions/factions"
)

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
		Name  string
		Type  factions.EntityType
		Names []string
	}
	var got []ent
	for _, e := range p.ents {
		got = append(got, ent{e.name, e.typ, e.names})
	}
	want := []ent{
		{"Rafiq Zardan", factions.Person, []string{"Rafiq Zardan", "Zardan"}},
		{"People's Unity Front", factions.Organization, []string{"People's Unity Front", "PUF"}},
		{"standing committee", factions.Organization, []string{"standing committee"}}, // made for the claim
		{"Valdora", factions.Place, []string{"Valdora"}},
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

func TestPlaceholders(t *testing.T) {
	for n, want := range map[int]string{-1: "", 0: "", 1: "?", 3: "?, ?, ?"} {
		if got := placeholders(n); got != want {
			t.Errorf("placeholders(%d) = %q, want %q", n, got, want)
		}
	}
}
