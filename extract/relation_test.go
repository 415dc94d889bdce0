package extract_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/factions/factions/extract"
)

// TestRelationCases checks the relation rules on short, invented texts: the
// facts each class of wording gives ("subject predicate object [role]
// (stance, attribution)") and the facts it must not.
func TestRelationCases(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		facts    []string
		notFacts []string
	}{
		{
			name:     "LeaderIsAMemberWherePapersSaySo",
			text:     "LAHORE: UDF leader Tariq Lodhi said in Lahore that the party would hold rallies in Multan.",
			facts:    []string{"Tariq Lodhi member_of UDF (asserted)"},
			notFacts: []string{"Tariq Lodhi leads UDF (asserted)"},
		},
		{
			name:     "LegislatureQualifiesARole",
			text:     "The UDF's Senate leader Tariq Lodhi said the bill would fail.",
			facts:    []string{"Tariq Lodhi holds_post UDF [senate leader] (asserted)"},
			notFacts: []string{"Tariq Lodhi leads UDF (asserted)", "Tariq Lodhi holds_post Senate [leader] (asserted)"},
		},
		{
			name:  "AcronymBetweenPartyAndRole",
			text:  "Valdora National Front (VNF) chief Rafiq Zardan said the talks had failed.",
			facts: []string{"Rafiq Zardan leads Valdora National Front (asserted)"},
		},
		{
			name:  "AcronymBetweenRoleAndName",
			text:  "Punjab chief minister (CM) Noor Halvi said the canal would be built.",
			facts: []string{"Noor Halvi holds_post Punjab [chief minister] (asserted)"},
		},
		{
			name:  "RoleOfAnOrganisationBeforeTheName",
			text:  "The outgoing head of the troubled Water Supply Agency Amina Lodhi will retire in May.",
			facts: []string{"Amina Lodhi leads Water Supply Agency (asserted)"},
		},
		{
			name:  "RoleOpeningTheSentenceBeforeAComma",
			text:  "Valdora Reform Party leader, Rafiq Zardan, said the vote was rigged.",
			facts: []string{"Rafiq Zardan leads Valdora Reform Party (asserted)"},
		},
		{
			name:  "FounderOfTheParty",
			text:  "The Valdora Reform Party met in Leeds. They waited for the jailed founder of the party, Rafiq Zardan, to speak.",
			facts: []string{"Rafiq Zardan founded Valdora Reform Party (asserted)"},
		},
		{
			name:  "MemberForAConstituency",
			text:  "Amina Lodhi, the independent member for Kent, said the vote was rigged.",
			facts: []string{"Amina Lodhi holds_post Kent [independent member] (asserted)"},
		},
		{
			name:  "ConstituencyBeforeTheRole",
			text:  "Kent MP Amina Lodhi said the vote was rigged.",
			facts: []string{"Amina Lodhi holds_post Kent [mp] (asserted)"},
		},
		{
			name:  "PartysPerson",
			text:  "The VNF's Amina Lodhi said the vote was rigged.",
			facts: []string{"Amina Lodhi member_of VNF (asserted)"},
		},
		{
			name:  "PartyInBracketsAfterAName",
			text:  "Amina Lodhi (VNF) and Noor Halvi (UDF) walked out of the chamber.",
			facts: []string{"Amina Lodhi member_of VNF (asserted)", "Noor Halvi member_of UDF (asserted)"},
		},
		{
			name:  "PartyExpelsAList",
			text:  "The Valdora Reform Party expelled senators Amina Lodhi, Noor Halvi and Rafiq Zardan on Monday.",
			facts: []string{"Amina Lodhi left Valdora Reform Party (asserted)", "Noor Halvi left Valdora Reform Party (asserted)", "Rafiq Zardan left Valdora Reform Party (asserted)"},
		},
		{
			name:  "MembershipSuspended",
			text:  "The VNF suspended the membership of Noor Halvi for a month.",
			facts: []string{"Noor Halvi left VNF (asserted)"},
		},
		{
			name:  "ExpelledInThePassive",
			text:  "The VNF met on Monday. Party stalwart Noor Halvi was expelled after the meeting.",
			facts: []string{"Noor Halvi left VNF (asserted)"},
		},
		{
			name:  "RelativeClauseAfterAList",
			text:  "The VNF met on Monday. It was a reference to Noor Halvi and Amina Lodhi, who were sacked from the party.",
			facts: []string{"Noor Halvi left VNF (asserted)", "Amina Lodhi left VNF (asserted)"},
		},
	}
	x := extract.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := x.Extract(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			var facts []string
			for _, c := range ex.Claims {
				facts = append(facts, claimString(c))
			}
			for _, want := range tt.facts {
				if !slices.Contains(facts, want) {
					t.Errorf("no fact %q among:\n  %s", want, strings.Join(facts, "\n  "))
				}
			}
			for _, no := range tt.notFacts {
				if slices.Contains(facts, no) {
					t.Errorf("fact %q read", no)
				}
			}
		})
	}
}
