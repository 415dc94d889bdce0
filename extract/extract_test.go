package extract_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
)

// TestExtractCases checks single behaviours of the extractor on short,
// made-up texts: the entities it names and the facts it reads, as
// "subject predicate object [role] (stance, attribution)".
func TestExtractCases(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		entities []string // "name/type" that must be there
		absent   []string // names that must not be an entity's
		facts    []string // facts that must be there
		notFacts []string
	}{
		{
			name:     "SoftHyphens",
			text:     "Party spokes\u00adman Ra\u00adfiq Zar\u00addan said the Unity Front would win in Balo\u00adchistan.",
			entities: []string{"Rafiq Zardan/person"},
			absent:   []string{"Ra\u00adfiq Zar\u00addan"},
		},
		{
			name:     "OverlappingCapitalisedRoles",
			text:     "According to a notice issued by the UDF's Additional Secretary General Noor Halvi, the rally was cancelled.",
			entities: []string{"Noor Halvi/person"},
			absent:   []string{"General Noor Halvi"},
			facts:    []string{"Noor Halvi holds_post UDF [additional secretary general] (asserted)"},
		},
		{
			name:     "ProfessionalTitle",
			text:     "Meanwhile, Advocate Tariq Lodhi, a spokesperson for the Unity Front, said the hearing was adjourned.",
			entities: []string{"Tariq Lodhi/person"},
			absent:   []string{"Advocate Tariq Lodhi"},
		},
		{
			name: "PronounSubjectOfAPost",
			text: "The Unity Front split on Sunday and its rebels formed the Unity Front (Reform). " +
				"Rafiq Zardan quit the Unity Front on Saturday. He will serve as general secretary of the new faction, Noor Halvi said.",
			facts: []string{"Rafiq Zardan holds_post Unity Front (Reform) [general secretary] (asserted, Noor Halvi)"},
		},
		{
			name:     "PronounInAQuotationIsNotTheSubject",
			text:     `Noor Halvi said: "He is the boss of the Unity Front and everybody knows it."`,
			notFacts: []string{"Noor Halvi leads Unity Front (asserted, Noor Halvi)"},
		},
		{
			name:  "RunningThePartyFromAbroad",
			text:  "Rafiq Zardan founded the Unity Front in 2019. Party insiders said the Front chief was running the party from London by telephone.",
			facts: []string{"Rafiq Zardan based_in London (asserted, Party insiders)"},
		},
		{
			name:     "SeveralLeadersAreMembers",
			text:     "UDF leader Tariq Lodhi said the talks had failed. UDF leader Noor Halvi said they would resume.",
			facts:    []string{"Tariq Lodhi member_of UDF (asserted)", "Noor Halvi member_of UDF (asserted)"},
			notFacts: []string{"Tariq Lodhi leads UDF (asserted)", "Noor Halvi leads UDF (asserted)"},
		},
		{
			name:  "OneLeaderIsTheHead",
			text:  "VNF leader Tariq Lodhi said the talks had failed.",
			facts: []string{"Tariq Lodhi leads VNF (asserted)"},
		},
		{
			name:     "ChairmanHeadsAPartyWhereThatIsTheCustom",
			text:     "LAHORE: PUF chairman Tariq Lodhi said in Lahore that the party would hold rallies in Karachi and Multan.",
			facts:    []string{"Tariq Lodhi leads PUF (asserted)"},
			notFacts: []string{"Tariq Lodhi holds_post PUF [chairman] (asserted)"},
		},
		{
			name:     "ChairmanIsAnOfficialElsewhere",
			text:     "UDF chairman Tariq Lodhi said in Leeds that the party would hold rallies in Bristol and Cardiff.",
			facts:    []string{"Tariq Lodhi holds_post UDF [chairman] (asserted)"},
			notFacts: []string{"Tariq Lodhi leads UDF (asserted)"},
		},
		{
			name:     "ACountryIsNoPartyShortName",
			text:     "The Valdora Peoples Party won in Pakistan. Pakistan voted on Sunday.",
			entities: []string{"Pakistan/place"},
		},
	}
	x := extract.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := x.Extract(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			var ents, names []string
			for _, e := range ex.Entities {
				ents = append(ents, e.Name+"/"+string(e.Type))
				names = append(names, e.Name)
				names = append(names, e.Aliases...)
			}
			var facts []string
			for _, c := range ex.Claims {
				facts = append(facts, claimString(c))
			}
			for _, want := range tt.entities {
				if !slices.Contains(ents, want) {
					t.Errorf("no entity %q among %q", want, ents)
				}
			}
			for _, no := range tt.absent {
				if slices.Contains(names, no) {
					t.Errorf("a name %q among %q", no, names)
				}
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

func claimString(c factions.Claim) string {
	s := fmt.Sprintf("%s %s %s", c.Subject, c.Predicate, c.Object)
	if c.Role != "" {
		s += " [" + c.Role + "]"
	}
	s += " (" + string(c.Stance)
	if c.AttributedTo != "" {
		s += ", " + c.AttributedTo
	}
	return s + ")"
}
