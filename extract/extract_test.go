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
		entities []string   // "name/type" that must be there
		absent   []string   // names that must not be an entity's
		same     [][]string // names that must be one entity's (its name and aliases)
		facts    []string   // facts that must be there
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
			name:     "InitialledNames",
			text:     "Two Independent MLAs, R. Selvan and T.K. Varadan, quit on Monday. His father K.V. Ramappa Shetty said so, and so did Mr R.Pillai.",
			entities: []string{"R. Selvan/person", "T.K. Varadan/person", "K.V. Ramappa Shetty/person", "R.Pillai/person"},
			absent:   []string{"T.K."},
		},
		{
			name: "AdvertisingWidgetsAreNoText",
			text: "Tariq Lodhi of the Unity Front said the vote was rigged.\n\nPROMOTED\nA Pension Plan That Covers Your Family\nSmart Retirement Calculator\n|\nSponsored\n" +
				"Win A Silver Coin Every Week\nBook 3 BHK Villas In Green Meadows Town\n|\nSponsored\nNoor Halvi, the front's spokesman, said the party would appeal.",
			entities: []string{"Tariq Lodhi/person", "Noor Halvi/person", "Unity Front/organization"},
			absent:   []string{"Smart Retirement Calculator", "Silver Coin", "Green Meadows Town", "BHK Villas"},
		},
		{
			name: "RoleModifiersAreNoPartOfTheName",
			text: "NUP Sindh Acting President Noor Halvi said the rally would go ahead. " +
				"Valdora Deputy CM Rafiq Zardan agreed, and Rajya Sabha Deputy Chairman TK Varadan spoke.",
			entities: []string{"Noor Halvi/person", "Rafiq Zardan/person", "TK Varadan/person", "Rajya Sabha/organization"},
			absent:   []string{"NUP Sindh Acting", "CM Rafiq Zardan", "Deputy CM Rafiq Zardan"},
		},
		{
			name:     "ALegislatureBeforeAName",
			text:     "Speaking in the Lok Sabha Tariq Lodhi said the bill was unfair.",
			entities: []string{"Tariq Lodhi/person", "Lok Sabha/organization"},
			absent:   []string{"Lok Sabha Tariq Lodhi"},
		},
		{
			name: "OrganisationNamesWithForOfAndAnd",
			text: "A Department for Roads and Bridges spokeswoman said the Valdora and Eastern Railways Board had agreed. " +
				"Tariq Lodhi of the Institute for the Study of Rural Affairs (ISRA) disagreed, and so did the Ministry of Water and Tariq Halvi.",
			entities: []string{"Department for Roads and Bridges/organization", "Valdora and Eastern Railways Board/organization",
				"Institute for the Study of Rural Affairs/organization", "Ministry of Water/organization", "Tariq Halvi/person"},
			absent: []string{"Department for Roads", "Eastern Railways Board", "Institute", "Ministry of Water and Tariq Halvi"},
		},
		{
			name: "PartyVariantsAreOneEntity",
			text: "Tory leader Jane Marlow spoke in Leeds. The Tories said the Conservatives would win in York, and a Conservative MP, Tim Dunne, agreed. " +
				"The Lib Dems and Liberal Democrat activists disagreed, Lib Dem leader Ann Hale said.",
			same:   [][]string{{"Tories", "Conservatives", "Tory", "Conservative"}, {"Lib Dems", "Liberal Democrat", "Lib Dem"}},
			absent: []string{"Lib Dems and Liberal Democrat"},
		},
		{
			name:     "ANameBeforePartyIsAParty",
			text:     "Tariq Lodhi quit the Valdora party on Monday, Noor Halvi said. An Islamist party welcomed him.",
			entities: []string{"Valdora/organization", "Tariq Lodhi/person"},
			absent:   []string{"Islamist"},
		},
		{
			name: "AnAcronymAndItsPartyWhenNeverSpelledOut",
			text: "PTI leader Tariq Lodhi said the Pakistan Tehreek-i-Insaf would hold a rally. The Indian National Congress and the Congress are one.",
			same: [][]string{{"PTI", "Pakistan Tehreek-i-Insaf"}, {"Indian National Congress", "Congress"}},
		},
		{
			name:     "InstitutionsNamedByTheirBuilding",
			text:     "Downing Street defended the decision, and Holyrood and the Inland Revenue agreed, Tariq Lodhi said.",
			entities: []string{"Downing Street/organization", "Holyrood/organization", "Inland Revenue/organization"},
		},
		{
			name:     "BuildingsAndRiversArePlaces",
			text:     "Leaders gathered outside Valdora Bhavan and at the Kamra Fort, near Marwan Port on the Sarki River, Tariq Lodhi said.",
			entities: []string{"Valdora Bhavan/place", "Kamra Fort/place", "Marwan Port/place", "Sarki River/place"},
		},
		{
			name: "Constituencies",
			text: "He was joined by party MLA from Khanpur Suresh Varadan, Congress MLAs of Sitapur (Kavita Marwah) and Rajiv Menon (Tolambi), " +
				"and Nora Dale, the independent member for the Glen Orrin West. The MP for Ashcombe, Tim Dunne, represented Ashcombe since 2001.",
			entities: []string{"Khanpur/place", "Suresh Varadan/person", "Sitapur/place", "Kavita Marwah/person", "Rajiv Menon/person",
				"Tolambi/place", "Glen Orrin West/place", "Ashcombe/place", "Tim Dunne/person"},
			absent: []string{"Khanpur Suresh Varadan"},
		},
		{
			name:     "ASingleNameAfterAKinNoun",
			text:     "He lives in Leeds with his wife Maren and his brother Osric, Tariq Lodhi said.",
			entities: []string{"Maren/person", "Osric/person"},
		},
		{
			name: "OnePersonWithAndWithoutMiddleNameOrInitials",
			text: "Sardar Rafiq Ahmed Zardan met Tariq Noor Lodhi in Lahore. Later Rafiq Zardan said Tariq Lodhi and T. Selvan Kumar had agreed, " +
				"and Mr Selvan Kumar said so too. Rafiq Ahmed was pleased.",
			same: [][]string{{"Rafiq Zardan", "Sardar Rafiq Ahmed Zardan", "Rafiq Ahmed"}, {"Tariq Lodhi", "Tariq Noor Lodhi"}, {"T. Selvan Kumar", "Selvan Kumar"}},
		},
		{
			name:     "TwoPeopleOfOneShortName",
			text:     "R. Selvan Kumar met K. Selvan Kumar in Chennai. Selvan Kumar said nothing.",
			entities: []string{"R. Selvan Kumar/person", "K. Selvan Kumar/person"},
		},
		{
			name: "StateInstitutionsAndPartyUnits",
			text: "The Valdora government and the federal government disagreed, and the Lodhi government fell. " +
				"Sources in state NUP said the Sarki assembly would meet. Sarki NUP president Noor Halvi said other state NUP leaders agreed.",
			entities: []string{"Valdora government/organization", "federal government/organization", "Lodhi government/organization",
				"state NUP/organization", "Sarki assembly/organization", "Sarki NUP/organization", "Noor Halvi/person"},
			absent: []string{"Sarki NUP president Noor Halvi"},
		},
		{
			name: "LegislativePartiesAndBodiesNamedAfter",
			text: "Noor Halvi said the NUP legislative party would elect a leader. The talks between the negotiating committee of the NUP " +
				"and the chairman failed. The new parliamentary group met in Leeds.",
			entities: []string{"NUP legislative party/organization", "NUP negotiating committee/organization"},
			same:     [][]string{{"NUP negotiating committee", "negotiating committee of the NUP"}},
			absent:   []string{"parliamentary group"},
		},
		{
			name:     "AConstituencySeat",
			text:     "With Tariq Lodhi vacating his Tolambi Assembly seat, Noor Halvi will contest the Sarki Lok Sabha seat.",
			entities: []string{"Tolambi/place", "Sarki/place"},
			absent:   []string{"Tolambi Assembly", "Sarki Lok Sabha"},
		},
		{
			name:     "HonoursAfterAName",
			text:     "Tariq Lodhi QC, for the families, said the inquiry had failed. Jane Marlow OBE agreed.",
			entities: []string{"Tariq Lodhi/person", "Jane Marlow/person"},
		},
		{
			name: "TitleWordsAroundNames",
			text: "He served in Tom Major's cabinet. Home Office minister Baroness Valdora said so, and Lord Halvi agreed with the Lord Chancellor. " +
				"The bar association's president, Amir Tariq Halvi, said the Acting President, Tariq Lodhi, had left.",
			entities: []string{"Tom Major/person", "Baroness Valdora/person", "Lord Halvi/person", "Amir Tariq Halvi/person", "Tariq Lodhi/person"},
			absent:   []string{"Tom", "Valdora", "Tariq Halvi", "Lord Chancellor"},
		},
		{
			name: "WorksPapersAndReferencesAreNoPeople",
			text: "Jane Marlow, who presents The Golden Hour Quiz, told The Sunday Herald that she was knighted in the New Year Honours. " +
				"Under Section 15 and Article 213 of the constitution, two Independent MLAs and a Dalit Hindu priest spoke in Urdu during Zero Hour.",
			entities: []string{"Jane Marlow/person", "Sunday Herald/organization"},
			absent:   []string{"Golden Hour Quiz", "Herald", "Year Honours", "Section", "Article", "Independent", "Dalit Hindu", "Urdu", "Zero Hour"},
		},
		{
			name:     "AHeadlineVerbIsNoName",
			text:     "NUP chief says polls were rigged\n• Claims NUP Sindh lost seats\n\nKARACHI: Tariq Lodhi said the polls were rigged.",
			entities: []string{"Tariq Lodhi/person"},
			absent:   []string{"Claims NUP Sindh", "Claims"},
		},
		{
			name:     "ANameAfterAnAgency",
			text:     "The head of the Valdora Support Agency Pete Marlow also earns an honour.",
			entities: []string{"Valdora Support Agency/organization", "Pete Marlow/person"},
		},
		{
			name:     "APrintPageLine",
			text:     "Tariq Lodhi said the polls were rigged.\nTwo rebels quit\nThe Valdora Herald · 9 Jul 2019 · 1 · STAFF CORRESPONDENTS\nNoor Halvi said the party would appeal.",
			entities: []string{"Tariq Lodhi/person", "Noor Halvi/person"},
			absent:   []string{"STAFF CORRESPONDENTS", "Valdora Herald"},
		},
		{
			name:     "AHeadlineGerund",
			text:     "Tarnishing NUP image\n\nTariq Lodhi said the NUP would appeal.",
			entities: []string{"NUP/organization"},
			absent:   []string{"Tarnishing NUP"},
		},
		{
			name:     "OnePlaceByTwoNames",
			text:     "The UK said Britain would act. Police in KP said Khyber Pakhtunkhwa was calm, and the US agreed.",
			same:     [][]string{{"UK", "Britain"}, {"KP", "Khyber Pakhtunkhwa"}},
			entities: []string{"US/place"},
		},
		{
			name: "ShapesOfOrganisationNames",
			text: "Former ValuBank chief executive Tim Dunne said alliances such as VDF, NRF, etc had failed. " +
				"Noor Halvi, co-director of the institute and editor of Valdorix, and the head of the pro-NUP Valdora Farmers Council agreed.",
			entities: []string{"ValuBank/organization", "VDF/organization", "NRF/organization", "Valdorix/organization",
				"Valdora Farmers Council/organization", "NUP/organization"},
			absent: []string{"NUP Valdora Farmers Council"},
		},
		{
			name: "WordsThatNameNothing",
			text: "News of the review was released on Monday. The Union Home Minister, Tariq Lodhi, met the Chief Ministers of three states. " +
				"He appeared on the programme Morning Valdora and in a film called 'No More Mr Valdor'. A parliamentary committee will be formed.",
			entities: []string{"Tariq Lodhi/person"},
			absent:   []string{"News", "Union", "Ministers", "Morning Valdora", "Valdor", "parliamentary committee"},
		},
		{
			name:     "APlaceBeforeAPlaceNoun",
			text:     "He spoke at his Kot Marwa Wadh residence, near Tolambi village.",
			entities: []string{"Kot Marwa Wadh/place", "Tolambi/place"},
		},
		{
			name:     "PossessivesInsideNames",
			text:     "The Valdora People's Party met in Leeds. The party's women's wing protested, and the Union territory voted.",
			entities: []string{"Valdora People's Party/organization", "women's wing/organization"},
			absent:   []string{"Valdora People", "Party", "Union"},
		},
		{
			name:     "NewsOutletsAndGroups",
			text:     "Insiders said the talks had failed, Tariq Lodhi told Dawn. Reuters reported that Dawn Marlow had left.",
			entities: []string{"Dawn/organization", "Reuters/organization", "Dawn Marlow/person", "Tariq Lodhi/person"},
			absent:   []string{"Insiders"},
		},
		{
			name: "PartyUnitsByPlaceAndLevel",
			text: "Tariq Lodhi, who headed the party's provincial chapter, left the NUP's Sindh chapter. Noor Halvi, the party's Tolambi region president, " +
				"met the city unit. The Ashcombe and Wellow Tories met. The Tolambi region is hot.",
			entities: []string{"NUP Sindh chapter/organization", "Tolambi region/organization", "city unit/organization", "Ashcombe and Wellow Tories/organization"},
			same:     [][]string{{"NUP Sindh chapter", "provincial chapter"}},
		},
		{
			name:     "ConstituenciesWithDirections",
			text:     "He is the MP for Hyde-Upton (North-West Leeds), and Bristol North-West MP Tim Dunne agreed.",
			entities: []string{"North-West Leeds/place", "Bristol North-West/place", "Tim Dunne/person"},
		},
		{
			name:     "AnUnknownPartyLedBySomeone",
			text:     "Valdora Sammilito's leader Ali Khan said the Nagorik Oikko's general secretary had left.",
			entities: []string{"Valdora Sammilito/organization", "Nagorik Oikko/organization", "Ali Khan/person"},
		},
		{
			name:     "AConstituencyWithAnd",
			text:     "Noor Halvi, MP for Ashcombe and Wellow, said so. The MP for Tolambi and Tim Dunne agreed.",
			entities: []string{"Ashcombe and Wellow/place", "Tolambi/place", "Tim Dunne/person"},
		},
		{
			name:     "SomeBodyOfAnOrganisation",
			text:     "Tariq Lodhi was giving evidence to a NUP committee on Monday.",
			entities: []string{"Tariq Lodhi/person"},
			absent:   []string{"NUP committee"},
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
			for _, group := range tt.same {
				if !oneEntity(ex.Entities, group) {
					t.Errorf("%q are not one entity's names among %q", group, ents)
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

// oneEntity reports whether one entity holds every name of group as its
// name or an alias.
func oneEntity(ents []factions.Entity, group []string) bool {
	for _, e := range ents {
		names := append([]string{e.Name}, e.Aliases...)
		all := true
		for _, n := range group {
			all = all && slices.Contains(names, n)
		}
		if all {
			return true
		}
	}
	return false
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
