package factions_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
)

// TestPredicateTable states, predicate by predicate, what the rest of the
// program reads from the table.
func TestPredicateTable(t *testing.T) {
	per, org, plc := factions.Person, factions.Organization, factions.Place
	types := func(ts ...factions.EntityType) []factions.EntityType { return ts }
	for _, tc := range []struct {
		p                    factions.Predicate
		subject, object      []factions.EntityType
		symmetric, post, aff bool
		head                 bool
		tenure               factions.Tenure
		tie                  factions.EntityType
		structure            factions.Structure
		lineage, memberRole  string
		asSubject, asObject  string // card labels
	}{
		{p: factions.Leads, subject: types(per), object: types(org), head: true, aff: true, tie: per, memberRole: "leader", asSubject: "Leads", asObject: "Leaders"},
		{p: factions.Founded, subject: types(per), object: types(org), tenure: factions.Event, tie: per, structure: factions.Founding, memberRole: "founder"},
		{p: factions.MemberOf, subject: types(per), object: types(org), aff: true, tie: per, memberRole: "member", asSubject: "Member of", asObject: "Members"},
		{p: factions.HoldsPost, subject: types(per), object: types(org, plc), post: true, aff: true, tie: per, asSubject: "Posts", asObject: "Officers"},
		{p: factions.FactionOf, subject: types(org), object: types(org), structure: factions.Faction, lineage: "faction", asSubject: "Faction of", asObject: "Factions"},
		{p: factions.PartOf, subject: types(org), object: types(org), structure: factions.Body, lineage: "body", asSubject: "Part of", asObject: "Bodies"},
		{p: factions.Left, subject: types(per), object: types(org), tenure: factions.Leaving, tie: per},
		{p: factions.HasSeatsIn, subject: types(org), object: types(org), structure: factions.Seats},
		{p: factions.BasedIn, subject: types(org, per), object: types(plc), tie: org, asSubject: "Based in"},
		{p: factions.DiedIn, subject: types(per), object: types(plc), tenure: factions.Death},
		{p: factions.AlliedWith, subject: types(org), object: types(org), symmetric: true, asSubject: "Allies", asObject: "Allies"},
		{p: factions.MergedInto, subject: types(org), object: types(org), structure: factions.Merger, lineage: "merged in"},
	} {
		t.Run(string(tc.p), func(t *testing.T) {
			r := tc.p.Info()
			if !tc.p.Valid() || r.Predicate != tc.p {
				t.Fatalf("Valid %v, row of %q, want the row of %q", tc.p.Valid(), r.Predicate, tc.p)
			}
			got := []any{r.Subject, r.Object, r.Symmetric, tc.p.Symmetric(), r.Post, r.Head, r.Affiliation, tc.p.Affiliation(),
				r.Tenure, r.Tie, r.Structure, r.Lineage, r.MemberRole, r.Card[0].Label, r.Card[1].Label}
			want := []any{tc.subject, tc.object, tc.symmetric, tc.symmetric, tc.post, tc.head, tc.aff, tc.aff,
				tc.tenure, tc.tie, tc.structure, tc.lineage, tc.memberRole, tc.asSubject, tc.asObject}
			names := []string{"Subject", "Object", "Symmetric", "Symmetric()", "Post", "Head", "Affiliation", "Affiliation()",
				"Tenure", "Tie", "Structure", "Lineage", "MemberRole", "Card[0].Label", "Card[1].Label"}
			for i := range got {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("%s: got %v, want %v", names[i], got[i], want[i])
				}
			}
			for _, typ := range []factions.EntityType{per, org, plc} {
				for _, object := range []bool{false, true} {
					allowed := tc.subject
					if object {
						allowed = tc.object
					}
					if got, want := r.Allows(typ, object), contains(allowed, typ); got != want {
						t.Errorf("Allows(%s, object %v) = %v, want %v", typ, object, got, want)
					}
				}
			}
			if tc.tenure.Closes() != (tc.tenure == factions.Leaving || tc.tenure == factions.Death) {
				t.Errorf("Tenure.Closes = %v for tenure %d", tc.tenure.Closes(), tc.tenure)
			}
			if got, want := r.Structure.Parent(), tc.structure == factions.Faction || tc.structure == factions.Body; got != want {
				t.Errorf("Structure.Parent = %v, want %v", got, want)
			}
		})
	}
}

func contains(ts []factions.EntityType, t factions.EntityType) bool {
	for _, u := range ts {
		if u == t {
			return true
		}
	}
	return false
}

func TestPredicates(t *testing.T) {
	want := []factions.Predicate{factions.Leads, factions.Founded, factions.MemberOf, factions.HoldsPost, factions.FactionOf,
		factions.PartOf, factions.Left, factions.HasSeatsIn, factions.BasedIn, factions.DiedIn, factions.AlliedWith, factions.MergedInto}
	if !reflect.DeepEqual(factions.Predicates, want) {
		t.Errorf("Predicates = %v, want %v", factions.Predicates, want)
	}
	if want := []factions.Predicate{factions.FactionOf, factions.PartOf, factions.MergedInto}; !reflect.DeepEqual(factions.LineagePredicates, want) {
		t.Errorf("LineagePredicates = %v, want %v", factions.LineagePredicates, want)
	}
	t.Run("Unknown", func(t *testing.T) {
		for _, p := range []factions.Predicate{"", "leads ", "Leads", "chairs"} {
			r := p.Info()
			if p.Valid() || p.Symmetric() || p.Affiliation() || r.Predicate != "" || r.Subject != nil || r.Card[0].Key != "" {
				t.Errorf("%q: Valid %v, row %+v, want invalid and an empty row", p, p.Valid(), *r)
			}
		}
	})
}

// TestCardLists checks that every card side of the table is a list of the
// card's JSON under its key, and that Lists shows them in their order.
func TestCardLists(t *testing.T) {
	day := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	org := &factions.Entity{ID: 1, Name: "Valdora Union", Type: factions.Organization}
	var claims []*factions.Claim
	id := int64(10)
	for _, p := range factions.Predicates {
		if p.Info().Tenure.Closes() {
			continue // a death of the card's entity would end its posts
		}
		for side := 0; side < 2; side++ {
			id++
			c := &factions.Claim{ID: id, Predicate: p, Stance: factions.Asserted, Date: day,
				SubjectID: 100 + id, Subject: "Other " + string(rune('A'+id-10)), ObjectID: org.ID, Object: org.Name}
			if p.Info().Post {
				c.Role = "treasurer"
			}
			if side == 0 {
				c.SubjectID, c.Subject, c.ObjectID, c.Object = org.ID, org.Name, 100+id, c.Subject
			}
			claims = append(claims, c)
		}
	}
	card := factions.BuildCard(org, claims, time.Time{})
	if card.Other != nil {
		t.Errorf("Other = %v, want every list of today's predicates in a field of its own", card.Other)
	}
	buf, err := json.Marshal(card)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf, &doc); err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, l := range card.Lists() {
		labels = append(labels, l.Label)
		if _, ok := doc[l.Key]; !ok {
			t.Errorf("list %q: no key %q in the card's JSON", l.Label, l.Key)
		}
		if want := len(card.List(l.Key)); len(l.Claims) != want || want == 0 {
			t.Errorf("list %q: %d claims, List(%q) has %d", l.Label, len(l.Claims), l.Key, want)
		}
		for _, c := range l.Claims {
			side := 0
			if c.ObjectID == org.ID {
				side = 1
			}
			if r := c.Predicate.Info(); r.Card[side].Key != l.Key {
				t.Errorf("list %q holds a %s claim with the entity on side %d, whose list is %q", l.Label, c.Predicate, side, r.Card[side].Key)
			}
		}
	}
	want := "Leads|Posts|Member of|Based in|Officers|Leaders|Faction of|Factions|Part of|Bodies|Members|Allies"
	if got := strings.Join(labels, "|"); got != want {
		t.Errorf("Lists: got %s, want %s", got, want)
	}
	for _, l := range card.Lists() {
		if wantSide := map[string]int{"Allies": -1, "Officers": 1, "Leaders": 1, "Factions": 1, "Bodies": 1, "Members": 1}[l.Label]; l.Side != wantSide {
			t.Errorf("list %q: Side %d, want %d", l.Label, l.Side, wantSide)
		}
	}
}
