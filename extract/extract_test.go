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

// TestStatementCases checks the statements stage on short, made-up texts:
// each statement as "speaker [kind] text". want must all be read; not must
// not be (a whole statement, or "speaker [" for any statement of that
// speaker).
func TestStatementCases(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
		not  []string
	}{
		{
			name: "PersonNotTheWholePhrase",
			text: "Former welfare minister Tom Hale MP said the party should change its leader.",
			want: []string{"Tom Hale [indirect] the party should change its leader"},
		},
		{
			name: "PersonAfterOrganisationAndRole",
			text: "Former Unity Front communications chief Rafiq Zardan, now working on the rival campaign, says a new image does not fit the leader.",
			want: []string{"Rafiq Zardan [indirect] a new image does not fit the leader"},
		},
		{
			name: "AcronymInBracketsBeforeTheRole",
			text: "Valdora National Party (VNP) chief Tariq Lodhi has questioned the vote, saying candidates cannot win without backing.",
			want: []string{"Tariq Lodhi [indirect] candidates cannot win without backing"},
		},
		{
			name: "NameInAPrepositionalPhraseIsNoSpeaker",
			text: "Mr Zardan of the VNP said the party would boycott the session.",
			want: []string{"Zardan [indirect] the party would boycott the session"},
			not:  []string{"VNP ["},
		},
		{
			name: "SubordinateClauseBeforeTheSubject",
			text: `Even as members from the north charged the minister with "betrayal", the Union Minister, Mr Rafiq Zardan, told the House that the council would meet next week.`,
			want: []string{"Rafiq Zardan [indirect] the council would meet next week"},
			not:  []string{"Even ["},
		},
		{
			name: "SpeakerBeforeAParenthetical",
			text: `The row began after Tariq Lodhi, while responding to a question on the protest, said: "We will ask the council to decide whether he is a member or not."`,
			want: []string{"Tariq Lodhi [direct] We will ask the council to decide whether he is a member or not."},
		},
		{
			name: "NameAloneInApposition",
			text: "The bar association's president, Advocate Noor Halvi, who presided over the meeting, said the strike would go on.",
			want: []string{"Noor Halvi [indirect] the strike would go on"},
		},
		{
			name: "NoSpeakerWords",
			text: "Whoever speaks against the tycoon might become an enemy of the state, Tariq Lodhi said. Much of what the members said was lost in the din. No leader of the party ever condemned the attack.",
			want: []string{"Tariq Lodhi [indirect] Whoever speaks against the tycoon might become an enemy of the state"},
			not:  []string{"Whoever [", "Much [", "No leader [", "leader ["},
		},
		{
			name: "APlaceDoesNotSpeak",
			text: "Rafiq Zardan met traders in Dubai. In an affidavit, the Dubai-based businessman claimed he had used the login to post questions.",
			not:  []string{"Dubai ["},
		},
		{
			name: "PronounPastANameAfterAPreposition",
			text: `Rafiq Zardan said the party would fight on. "We will win," he added. Unlike the previous president Noor Halvi, he said that he would not set targets for lawmakers.`,
			want: []string{"Rafiq Zardan [indirect] he would not set targets for lawmakers"},
		},
		{
			name: "PronounPastAnAsideWithThat",
			text: `"We will march on the capital," Tariq Lodhi said. It is worth mentioning that Noor Halvi can play a major role in the agitation. "The government has lost its mandate," he said.`,
			want: []string{"Tariq Lodhi [direct] The government has lost its mandate"},
		},
		{
			name: "PronounForADescribedSource",
			text: `But an executive spokeswoman insisted the minister had meant adults. "He was talking about adults and drinks promotions," she said.`,
			want: []string{"executive spokeswoman [direct] He was talking about adults and drinks promotions"},
		},
		{
			name: "NewSubjectTakesOverThePronoun",
			text: `Tariq Lodhi said the talks had failed. The head of the council, Kamran Vessal, seconded the claim of deep links. "They will rally behind the president," he asserted.`,
			want: []string{"Kamran Vessal [direct] They will rally behind the president"},
		},
		{
			name: "ADeputyIsNotTheRoleItself",
			text: "Deputy Prime Minister Kamran Vessal hosted a dinner. Tariq Lodhi said the talks would go on. But the prime minister said he had discussed these claims with the chancellor.",
			want: []string{"Tariq Lodhi [indirect] he had discussed these claims with the chancellor"},
			not:  []string{"Kamran Vessal ["},
		},
		{
			name: "PartyLeaderIsTheLastSpeaker",
			text: "UDF founder Kamran Vessal is in jail. UDF lawmaker Tariq Lodhi said the party would question the former president. The UDF leader also said the party stands with the people.",
			want: []string{"Tariq Lodhi [indirect] the party stands with the people"},
		},
		{
			name: "AnUnnamedSourceStaysADescription",
			text: "An executive spokesman said the hospital would prepare the report. Rafiq Zardan said it was beyond belief. The executive spokeswoman said the leave was agreed by an adviser.",
			want: []string{"executive spokeswoman [indirect] the leave was agreed by an adviser"},
		},
		{
			name: "APersonDescribedByANoun",
			text: "Tariq Lodhi addressed a rally in Quetta. The veteran politician also strongly criticised the provincial government, accusing the authorities of failing to resolve the crisis.",
			want: []string{"Tariq Lodhi [indirect] the authorities of failing to resolve the crisis"},
		},
		{
			name: "BrandedAndRecommended",
			text: `The home secretary spoke on Monday. A commission report branded the current law as "a mess". The commission also recommended tightening the law so that the defence cannot be used.`,
			want: []string{`commission report [indirect] the current law as "a mess"`,
				"commission [indirect] tightening the law so that the defence cannot be used"},
		},
		{
			name: "PluralNounsAreNoReportingVerbs",
			text: "The council will hold talks on the terms of reference. Its members met on equal terms. The minister would present written replies to their charter of demands.",
			not:  []string{"council [", "minister [", "members ["},
		},
		{
			name: "AClauseWithoutThat",
			text: "Tariq Lodhi reiterated he does not belong to any faction of the party.",
			want: []string{"Tariq Lodhi [indirect] he does not belong to any faction of the party"},
		},
		{
			name: "ASpeechVerbInAConditionIsNoStatement",
			text: "Tariq Lodhi says he will not stand down unless his local party instructs him to do so at a general meeting.",
			want: []string{"Tariq Lodhi [indirect] he will not stand down unless his local party instructs him to do so at a general meeting"},
			not:  []string{"Tariq Lodhi [indirect] him to do so at a general meeting"},
		},
		{
			name: "ContentBeforeSaidAdding",
			text: "Tariq Lodhi spoke to reporters in Quetta. All parties unite for gains but lack seriousness, he said, adding that governments had only worked to sustain their rule.",
			want: []string{"Tariq Lodhi [indirect] All parties unite for gains but lack seriousness",
				"Tariq Lodhi [indirect] governments had only worked to sustain their rule"},
		},
		{
			name: "AccordingToRulesInsideAStatement",
			text: "Kamran Vessal said that according to rules, the commission is empowered to call early elections.",
			want: []string{"Kamran Vessal [indirect] according to rules, the commission is empowered to call early elections"},
			not:  []string{"rules ["},
		},
		{
			name: "TwoReportingVerbsJoinedByBut",
			text: "Former minister Tom Hale MP said the premier should sack the chancellor, but did not believe the premier was strong enough to do so.",
			want: []string{"Tom Hale [indirect] the premier should sack the chancellor",
				"Tom Hale [indirect] the premier was strong enough to do so"},
		},
		{
			name: "ASecondReportingClauseWithItsOwnSubject",
			text: "While the party vice-president, Mr Tariq Lodhi, stressed that there was no threat to the coalition, a senior leader from the north, Mr Kamran Vessal, said the government would not be pressurised.",
			want: []string{"Tariq Lodhi [indirect] there was no threat to the coalition",
				"Kamran Vessal [indirect] the government would not be pressurised"},
		},
		{
			name: "ACommaAfterThat",
			text: "Tariq Lodhi attended the meeting. He said that, during the meeting, it was decided to support the lawyers.",
			want: []string{"Tariq Lodhi [indirect] during the meeting, it was decided to support the lawyers"},
		},
		{
			name: "ContentBeforeTheSpeakerAndAnAdjunct",
			text: "Tariq Lodhi spoke in Lahore. The premier would hoist the flag on August 15, Mr Lodhi said in reply to a question.",
			want: []string{"Tariq Lodhi [indirect] The premier would hoist the flag on August 15"},
		},
		{
			name: "AnInsertedAttribution",
			text: "Kamran Vessal went on. The council's rise to power, he claimed, was part of a larger conspiracy.",
			want: []string{"Kamran Vessal [indirect] The council's rise to power, he claimed, was part of a larger conspiracy"},
		},
		{
			name: "QuotedWordsInReportedSpeech",
			text: `Tariq Lodhi said that ever since the party was passed into "inexperienced hands", it is "hurting the party and the country".`,
			want: []string{`Tariq Lodhi [indirect] ever since the party was passed into "inexperienced hands", it is "hurting the party and the country"`},
			not:  []string{"Tariq Lodhi [direct] hurting the party and the country"},
		},
		{
			name: "SentencesWithoutASpace",
			text: "Tariq Lodhi said the issue is like a mountain out of a molehill.Opposition leaders met on Friday.",
			want: []string{"Tariq Lodhi [indirect] the issue is like a mountain out of a molehill"},
		},
		{
			name: "AHearerThenAColonAndAQuotation",
			text: `Tariq Lodhi told the Sunday programme on Radio Four: "This is the politics of the playground."`,
			want: []string{"Tariq Lodhi [direct] This is the politics of the playground."},
			not:  []string{"Tariq Lodhi [indirect] the Sunday programme on Radio Four"},
		},
		{
			name: "AReportOfAReport",
			text: "Kamran Vessal said on Sunday that the party would elect a successor, experts pointed out.",
			want: []string{"Kamran Vessal [indirect] the party would elect a successor"},
			not:  []string{"experts ["},
		},
		{
			name: "AShortAnswerAfterAColon",
			text: `Asked if he would stand again, Mr Tariq Lodhi replied: "No. Definitely not."`,
			want: []string{"Tariq Lodhi [direct] No. Definitely not."},
		},
		{
			name: "ItIsTheOrganisationTheSentenceBeforeIsAbout",
			text: "The Reform Commission, an independent body, had been asked to consider reforms. But it said its proposals were unlikely to work. The commission also recommended tightening the law.",
			want: []string{"Reform Commission [indirect] its proposals were unlikely to work",
				"Reform Commission [indirect] tightening the law"},
		},
		{
			name: "AStatementIssuedByTheParty",
			text: "Unity Front's central president, Advocate Tariq Lodhi, said the decision was a betrayal. A statement issued by the party said that the leadership was not willing to quit. As the council was split, the talks had failed, it said.",
			want: []string{"Unity Front [indirect] the leadership was not willing to quit",
				"Unity Front [indirect] As the council was split, the talks had failed"},
		},
		{
			name: "TheChiefIsTheHeadNamedLast",
			text: "Rukhsana Halvi, its senior vice-president, said the faction would register. UDF founder Kamran Vessal did not respond. The UDF chief said in London that the party would survive.",
			want: []string{"Kamran Vessal [indirect] the party would survive"},
		},
		{
			name: "ATitleInQuotesIsNoStatement",
			text: "Tariq Lodhi said the film was unfair. His comments come in a documentary called 'No More Mister Nice Guy'.",
			not:  []string{"Tariq Lodhi [direct] No More Mister Nice Guy"},
		},
		{
			name: "TheSpeakerAfterTheVerbBeforeAQuotation",
			text: `The president's action, wrote the paper's editor Tariq Lodhi, "cannot but remind us of the words of the old poets."`,
			want: []string{"Tariq Lodhi [direct] cannot but remind us of the words of the old poets."},
		},
		{
			name: "ASubjectWithAClauseAfterTheQuotation",
			text: `"The assembly may be dissolved early," a former electoral officer, who did not want to be named, said.`,
			want: []string{"former electoral officer [direct] The assembly may be dissolved early"},
		},
		{
			name: "TheOwnerOfASpeechNoun",
			text: `On the earlier threats, the Unity Front's usual refrain has been that "we do not join issue with our allies publicly".`,
			want: []string{"Unity Front [direct] we do not join issue with our allies publicly"},
		},
		{
			name: "TheLedeNamesItsSpeakerNext",
			text: "Valdora's first minister has told pupils that it is fine to relax once in a while. Tariq Lodhi was speaking to pupils from schools in the north.",
			want: []string{"Tariq Lodhi [indirect] it is fine to relax once in a while"},
		},
		{
			name: "ALongLedeWithoutAFullStop",
			text: "UDF lawmaker Tariq Lodhi said that the party would issue a notice to former president Kamran Vessal if it was proven that he had approved the canals during his presidency\n\nOn Monday the council met.",
			want: []string{"Tariq Lodhi [indirect] the party would issue a notice to former president Kamran Vessal if it was proven that he had approved the canals during his presidency"},
		},
		{
			name: "AParticipleAfterANameIsNoSpeaker",
			text: `Mr Rafiq Zardan said the rates would fall. When asked about UDF chief Tariq Lodhi claiming credit for the cut, he remarked that, "this is akin to someone else claiming credit for a development unrelated to them."`,
			want: []string{"Rafiq Zardan [direct] this is akin to someone else claiming credit for a development unrelated to them."},
			not:  []string{"Tariq Lodhi [", "Rafiq Zardan [indirect] When asked about UDF chief Tariq Lodhi claiming credit for the cut"},
		},
		{
			name: "SpeakersBetweenDashes",
			text: "Members from the north — Mr Tariq Lodhi of the UDF and Mr Kamran Vessal of the NRF — said the council should not decide without the state.",
			want: []string{"Tariq Lodhi [indirect] the council should not decide without the state",
				"Kamran Vessal [indirect] the council should not decide without the state"},
			not: []string{"Members ["},
		},
		{
			name: "SpeakersJoinedByAnd",
			text: "Tariq Lodhi and Kamran Vessal said the talks had failed.",
			want: []string{"Tariq Lodhi [indirect] the talks had failed", "Kamran Vessal [indirect] the talks had failed"},
		},
		{
			name: "AnAbsolutePhrase",
			text: "Tom Hale apologised to MPs. But the announcement never came, with the home secretary saying the debate had never reached that stage.",
			want: []string{"Tom Hale [indirect] the debate had never reached that stage"},
		},
		{
			name: "ThingsAreNoSources",
			text: "Recent developments suggest the talks will fail. Differences between the two parties indicate a split in the alliance.",
			not:  []string{"Recent developments [", "developments [", "Differences [", "Differences between the two parties ["},
		},
		{
			name: "ADocumentSpeaksForItsIssuer",
			text: "The Unity Front has won 11 seats in the assembly, according to final results announced by the Election Commission on Thursday.",
			want: []string{"Election Commission [indirect] The Unity Front has won 11 seats in the assembly"},
		},
		{
			name: "AnAdjectiveBeforeSources",
			text: "The party has refused to hold talks with the council, informed sources told reporters.",
			want: []string{"informed sources [indirect] The party has refused to hold talks with the council"},
		},
		{
			name: "AsPromisedIsNoReport",
			text: "Referring to the corridor, Tariq Lodhi asserted that the project has not benefited the province as promised.",
			want: []string{"Tariq Lodhi [indirect] the project has not benefited the province as promised"},
			not:  []string{"Tariq Lodhi [indirect] Referring to the corridor"},
		},
		{
			name: "InAStatementSaid",
			text: "Rafiq Zardan in a statement said that the party would boycott the polls.",
			want: []string{"Rafiq Zardan [indirect] the party would boycott the polls"},
			not:  []string{"Rafiq Zardan [indirect] said that the party would boycott the polls"},
		},
		{
			name: "ConfidenceInSomeoneIsNoStatement",
			text: "Kamran Vessal, who expressed confidence in him and selected him head of the chapter, was absent.",
			not:  []string{"Kamran Vessal ["},
		},
		{
			name: "ASpeakerAndAPhraseAfterTheVerb",
			text: "The outgoing chief's era left a mark on the country, asserted the party's information secretary Tariq Lodhi in a statement.",
			want: []string{"Tariq Lodhi [indirect] The outgoing chief's era left a mark on the country"},
		},
		{
			name: "AQuotationsAttributionAndAnAdjunct",
			text: `Tariq Lodhi spoke on Sunday. "Our protest at the camp continues," he said while speaking at a press conference.`,
			want: []string{"Tariq Lodhi [direct] Our protest at the camp continues"},
			not:  []string{"Tariq Lodhi [indirect] while speaking at a press conference"},
		},
		{
			name: "ASpokespersonInAnAbsolutePhrase",
			text: `The ministry defended the decision to honour both men, with a spokesperson saying: "You have to look at their whole career."`,
			want: []string{"spokesperson [direct] You have to look at their whole career."},
		},
		{
			name: "AnOrganisationsNameWithAnd",
			text: `A Ministry of Roads and Bridges spokeswoman said: "The award reflects all that he has achieved."`,
			want: []string{"Ministry of Roads and Bridges spokeswoman [direct] The award reflects all that he has achieved."},
		},
		{
			name: "AQuotationInTwoParagraphs",
			text: "Tariq Lodhi said: \"We will win the vote. The party is united.\n\n\"The council will meet on Monday to decide.\"",
			want: []string{"Tariq Lodhi [direct] We will win the vote. The party is united.",
				"Tariq Lodhi [direct] The council will meet on Monday to decide."},
		},
		{
			name: "AnAgeInApposition",
			text: "Ex-chief inspector of schools Mr Tariq Lodhi, 62, has recommended replacing the exams with a new diploma.",
			want: []string{"Tariq Lodhi [indirect] replacing the exams with a new diploma"},
		},
		{
			name: "NamesBeforeTheAttributionAreTheContents",
			text: "Kamran Vessal spoke to reporters on Monday. If Mr Rafiq Zardan refuses to resign, the members will gather on Wednesday, he said.",
			want: []string{"Kamran Vessal [indirect] If Mr Rafiq Zardan refuses to resign, the members will gather on Wednesday"},
		},
		{
			name: "TheOwnerOfRemarks",
			text: "Tribal leader Tariq Lodhi led a protest on Saturday. The row began after the tribal leader's earlier remarks that he and his supporters were not Hindu.",
			want: []string{"Tariq Lodhi [indirect] he and his supporters were not Hindu"},
		},
		{
			name: "AccordingToAReportOfAReport",
			text: "According to the court, Mr Tariq Lodhi told jail officials that he would not appear in court until his lawyers arrived.",
			want: []string{"Tariq Lodhi [indirect] he would not appear in court until his lawyers arrived"},
			not:  []string{"court ["},
		},
		{
			name: "ContentWithoutASubject",
			text: "The trust received land under a scheme, which the bureau argued did not exist at the time. The members were subsequently declared proclaimed offenders.",
			not:  []string{"bureau [", "members ["},
		},
		{
			name: "ASecondVerbWithAPronounSubject",
			text: "Mr Tariq Lodhi revealed some members had been using phones during debates and he also cautioned members against hidden earpieces.",
			want: []string{"Tariq Lodhi [indirect] some members had been using phones during debates",
				"Tariq Lodhi [indirect] members against hidden earpieces"},
		},
		{
			name: "ADocumentReleasedByAPerson",
			text: "Roads Minister Tariq Lodhi met reporters. A document released to the media by the minister reveals that the authority allotted sites to two trusts.",
			want: []string{"Tariq Lodhi [indirect] the authority allotted sites to two trusts"},
		},
		{
			name: "TheHeadlinesDescriptionNamedByMostOfItsWords",
			text: "Authority gave sites to the party leaders of the ruling coalition and of the opposition alliance in the city and in the districts, says Valdora Urban Development Minister\n\n" +
				"To counter claims of irregularities in the allotment of sites to Valdora Chief Minister Kamran Vessal's wife, Urban Development Minister Tariq Lodhi released a list of beneficiaries.",
			want: []string{"Tariq Lodhi [indirect] Authority gave sites to the party leaders of the ruling coalition and of the opposition alliance in the city and in the districts"},
		},
		{
			name: "HeSaidAfterNamesInTheContent",
			text: "To counter the claims, Urban Development Minister Tariq Lodhi released a list of beneficiaries. The authority allotted sites to leaders, including Chief Minister Kamran Vessal, he said.",
			want: []string{"Tariq Lodhi [indirect] The authority allotted sites to leaders, including Chief Minister Kamran Vessal"},
		},
		{
			name: "AnAllegedThingIsNoReport",
			text: "The opposition staged a protest demanding a discussion on alleged irregularities in the allotment of sites.",
			not:  []string{"opposition [indirect] irregularities in the allotment of sites"},
		},
		{
			name: "DirectedAndChallengedWithAnInfinitive",
			text: "Mr Tariq Lodhi initially directed Mr Kamran Vessal to resign as the committee chairman. The party challenged Mr Rafiq Zardan to stand down as an MEP.",
			want: []string{"Tariq Lodhi [indirect] Mr Kamran Vessal to resign as the committee chairman",
				"party [indirect] Mr Rafiq Zardan to stand down as an MEP"},
		},
		{
			name: "DespiteTheirSaying",
			text: "The news comes despite Mr Tariq Lodhi's allies saying they had enough support to hold a meeting.",
			want: []string{"Tariq Lodhi's allies [indirect] they had enough support to hold a meeting"},
		},
		{
			name: "AParticipleAfterASubordinator",
			text: "Tariq Lodhi quit as deputy chairman after apparently suggesting the party planned extra spending cuts.",
			want: []string{"Tariq Lodhi [indirect] the party planned extra spending cuts"},
		},
		{
			name: "AQuotedWordBeforeTheAttribution",
			text: `Tariq Lodhi spoke on Monday. The comments were not a "one-off", he said, claiming the leaders were committed to cuts.`,
			want: []string{`Tariq Lodhi [indirect] The comments were not a "one-off"`,
				"Tariq Lodhi [indirect] the leaders were committed to cuts"},
		},
		{
			name: "AccordingToTwoSources",
			text: "The two men entered into a scuffle outside the prison, according to witnesses and media reports.",
			want: []string{"witnesses [indirect] The two men entered into a scuffle outside the prison",
				"media reports [indirect] The two men entered into a scuffle outside the prison"},
		},
		{
			name: "AMessageInSomeonesName",
			text: "The message, posted in Mr Tariq Lodhi's name, urged the masses to get ready for a nationwide protest.",
			want: []string{"Tariq Lodhi [indirect] the masses to get ready for a nationwide protest"},
		},
		{
			name: "HeSaidAfterAByline",
			text: "Mr Tariq Lodhi said the members would get good news in a day or two.\n\nTwo members resign\n\n" +
				"Kamran Vessal · 9 Jul · STAFF CORRESPONDENT\n\nThe speaker has to take a decision on the resignations on Tuesday, he said.",
			want: []string{"Tariq Lodhi [indirect] The speaker has to take a decision on the resignations on Tuesday"},
		},
	}
	x := extract.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := x.Extract(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range ex.Statements {
				got = append(got, fmt.Sprintf("%s [%s] %s", s.Speaker, s.Kind, s.Text))
			}
			for _, want := range tt.want {
				if !slices.Contains(got, want) {
					t.Errorf("no statement %q among:\n  %s", want, strings.Join(got, "\n  "))
				}
			}
			for _, no := range tt.not {
				for _, g := range got {
					if g == no || strings.HasSuffix(no, "[") && strings.HasPrefix(g, no) {
						t.Errorf("statement %q read", g)
					}
				}
			}
		})
	}
}
