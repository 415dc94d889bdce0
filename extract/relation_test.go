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
		{
			name:  "ProvincialPresidentLeadsTheChapter",
			text:  "PESHAWAR: The newly-appointed provincial president of the Valdora Reform Party (VRP), Noor Halvi, said the rally would go ahead.",
			facts: []string{"Noor Halvi leads VRP provincial chapter (asserted)", "VRP provincial chapter part_of Valdora Reform Party (asserted)"},
		},
		{
			name:  "PlaceBetweenPartyAndRole",
			text:  "The VRP will hold a rally in Lahore. VRP Punjab president Noor Halvi said the rally would go ahead.",
			facts: []string{"Noor Halvi leads VRP Punjab chapter (asserted)"},
		},
		{
			name:  "LegislativeGroupOfAParty",
			text:  "The VRP opposes the bill. The VRP Parliamentary Party met on Monday to discuss it.",
			facts: []string{"VRP Parliamentary Party part_of VRP (asserted)"},
		},
		{
			name: "AllianceComprisingAList",
			text: "It may be noted that the VRP formed an alliance named Valdora Unity Front, comprising the Green League, the Kestrel Party and the Harbour Front.",
			facts: []string{"Green League allied_with Kestrel Party (asserted)", "Green League allied_with Harbour Front (asserted)",
				"Kestrel Party allied_with Harbour Front (asserted)", "VRP allied_with Green League (asserted)"},
			notFacts: []string{"Kestrel Party allied_with Green League (asserted)"},
		},
		{
			name:  "FormedOutOfAnotherParty",
			text:  "The Valdora Tribal Front was formed out of the Valdora Reform Party in 2021.",
			facts: []string{"Valdora Tribal Front faction_of Valdora Reform Party (asserted)"},
		},
		{
			name:     "ReplacedByTakesThePostOfTheClause",
			text:     "The VRP met in Lahore. Governor Noor Halvi, who also headed the party's provincial chapter, was replaced by Amina Lodhi a day earlier.",
			facts:    []string{"Amina Lodhi leads provincial chapter (asserted)"},
			notFacts: []string{"Amina Lodhi holds_post Lahore [governor] (asserted)"},
		},
		{
			name:  "MemberOfALegislature",
			text:  "KARACHI: Noor Halvi, who is also a member of the National Assembly, spoke in Karachi on Monday.",
			facts: []string{"Noor Halvi holds_post National Assembly [mna] (asserted)"},
		},
		{
			name:  "MemberOfAStateAssembly",
			text:  "Amina Lodhi, a member of the Karnataka Assembly, quit on Monday.",
			facts: []string{"Amina Lodhi holds_post Karnataka Assembly [mla] (asserted)"},
		},
		{
			name:     "PartyPoliticianInAPublicPost",
			text:     "Former Labour Party chancellor Rafiq Zardan said the budget was wrong.",
			facts:    []string{"Rafiq Zardan member_of Labour Party (asserted)"},
			notFacts: []string{"Rafiq Zardan holds_post Labour Party [chancellor] (asserted)"},
		},
		{
			name:  "RunFromAPlace",
			text:  "Members apparently distanced themselves from the VNF steered from London.",
			facts: []string{"VNF based_in London (asserted)"},
		},
		{
			name: "RoleListWithConstituencies",
			text: "The VNF is worried. VNF MPs Amina Lodhi (Leeds) and Noor Halvi (Bristol) voted against the bill.",
			facts: []string{"Amina Lodhi member_of VNF (asserted)", "Amina Lodhi holds_post Leeds [mp] (asserted)",
				"Noor Halvi member_of VNF (asserted)", "Noor Halvi holds_post Bristol [mp] (asserted)"},
		},
		{
			name:  "RoleListFromPlaces",
			text:  "The VNF is worried. It is trying to persuade two VNF MPs, Amina Lodhi from Leeds and Noor Halvi from Bristol, to quit.",
			facts: []string{"Amina Lodhi holds_post Leeds [mp] (asserted)", "Noor Halvi member_of VNF (asserted)"},
		},
		{
			name:  "AlliesListed",
			text:  "Members of the Green League and its allies, the Kestrel Party and the Harbour Front, walked out.",
			facts: []string{"Kestrel Party allied_with Harbour Front (asserted)", "Green League allied_with Kestrel Party (asserted)"},
		},
		{
			name:     "SomeCommitteeIsNoBody",
			text:     "The VNF leaders gave evidence to a parliamentary committee on Monday.",
			notFacts: []string{"parliamentary committee part_of VNF (asserted)"},
		},
		{
			name:     "APapersJournalistIsNoPartyOfficial",
			text:     "Sunday Herald journalist Noor Halvi wrote that the VNF had split.",
			notFacts: []string{"Noor Halvi holds_post Sunday Herald [journalist] (asserted)"},
		},
		{
			name:     "APresidentOfNoNamedParty",
			text:     "The VNF met in Leeds. The letter was sent when Noor Halvi was the president.",
			notFacts: []string{"Noor Halvi leads VNF (asserted)"},
		},
		{
			name:  "NamedActingPresident",
			text:  "The VNF met in Leeds. Party insiders said Noor Halvi could be named acting president.",
			facts: []string{"Noor Halvi leads VNF (hedged, Party insiders)"},
		},
		{
			name:     "ReportedClauseSubject",
			text:     "The VNF officials said the grand alliance would be steered by Noor Halvi.",
			notFacts: []string{"Noor Halvi leads VNF (asserted, VNF officials)"},
		},
		{
			name:     "CampaignChiefIsAPost",
			text:     "The VNF's campaign chief Noor Halvi said the rally would go ahead.",
			facts:    []string{"Noor Halvi holds_post VNF [campaign chief] (asserted)"},
			notFacts: []string{"Noor Halvi leads VNF (asserted)"},
		},
		{
			name:  "PartysAlly",
			text:  "The Green League and its ally the Kestrel Party walked out.",
			facts: []string{"Green League allied_with Kestrel Party (asserted)"},
		},
		{
			name:     "NotOnlyButAlsoDeniesNothing",
			text:     "Noor Halvi not only quit the Green League but also joined the Kestrel Party.",
			facts:    []string{"Noor Halvi left Green League (asserted)"},
			notFacts: []string{"Noor Halvi left Green League (denied)"},
		},
		{
			name:     "CapitalisedTriggerIsAName",
			text:     "Noor Halvi said the leaders of the four Left parties, the VNF and the Green League, would meet.",
			notFacts: []string{"Noor Halvi left VNF (asserted)"},
		},
		{
			name:     "LeavingItToIsAnIdiom",
			text:     "Noor Halvi is leaving it to the VNF to decide.",
			notFacts: []string{"Noor Halvi left VNF (asserted)"},
		},
		{
			name:     "AnOrganisationsPostNeedsTheOrganisation",
			text:     "Police arrested Noor Halvi, general secretary of Punjab, on Monday.",
			notFacts: []string{"Noor Halvi holds_post Punjab [general secretary] (asserted)"},
		},
		{
			name:     "ARoleOfAPartyBeforeTheNextName",
			text:     "QUETTA: Noor Halvi, Sana Vessal, provincial President of ANP Tariq Lodhi and Amina Lodhi addressed the rally.",
			facts:    []string{"Tariq Lodhi leads ANP provincial chapter (asserted)"},
			notFacts: []string{"Sana Vessal leads ANP provincial chapter (asserted)"},
		},
		{
			name:     "EachPartyItsOwnChapter",
			text:     "PESHAWAR: PTI provincial president Kamran Lodhi said the rally would go ahead. JUI-F provincial head Maulana Noor Halvi disagreed.",
			facts:    []string{"Kamran Lodhi leads PTI provincial chapter (asserted)", "Noor Halvi leads JUI-F provincial chapter (asserted)"},
			notFacts: []string{"Noor Halvi leads PTI provincial chapter (asserted)"},
		},
		{
			name:     "ALegislatureIsNoAlly",
			text:     "The VNF's Noor Halvi warned the coalition ally of difficulties in the Senate.",
			notFacts: []string{"VNF allied_with Senate (asserted)"},
		},
		{
			name:  "HisNewlyFoundedParty",
			text:  "Tariq Lodhi was there. Speaking at the conference of his newly-founded party, the Unity Front, he said he was ready.",
			facts: []string{"Tariq Lodhi founded Unity Front (asserted)"},
		},
		{
			name:     "HerNewPartyIsNoFoundation",
			text:     "Sana Vessal spoke. She said her new party, the Green League, would win.",
			facts:    []string{"Sana Vessal member_of Green League (asserted)"},
			notFacts: []string{"Sana Vessal founded Green League (asserted)"},
		},
		{
			name:     "MembersOfAPartyAreNotTheNamedPerson",
			text:     "A sombre VNF, led by the home minister, Mr Tariq Lodhi, remained mute as members of the VRP raised slogans.",
			notFacts: []string{"Tariq Lodhi member_of VRP (asserted)"},
		},
		{
			name:  "MembersInApposition",
			text:  "Tariq Lodhi and Noor Halvi, members of the VRP, spoke.",
			facts: []string{"Tariq Lodhi member_of VRP (asserted)", "Noor Halvi member_of VRP (asserted)"},
		},
		{
			name:  "APartyExMinisterIsItsMemberStill",
			text:  "The Conservatives met in Leeds. Tory ex-minister Tom Hale said he opposed the plans.",
			facts: []string{"Tom Hale member_of Conservatives (asserted)"},
		},
		{
			name:  "APartyFormerMinisterIsItsMemberStill",
			text:  "Labour met in Leeds. But Labour former minister Tom Hale accused the peer of bias.",
			facts: []string{"Tom Hale member_of Labour (asserted)"},
		},
		{
			name:     "AGovernmentSecretaryIsNoPartyPost",
			text:     "Labour met in Leeds. In September, Trade and Industry Secretary Tom Hale said the Liberal Democrats were wrong.",
			notFacts: []string{"Tom Hale holds_post Liberal Democrats [secretary] (asserted)", "Tom Hale holds_post Labour [secretary] (asserted)"},
		},
		{
			name:     "ElectedPresidentOfNoPartyNamed",
			text:     "Yet when Tariq Lodhi was elected President, he was subjected to a venomous attack by the VNF.",
			notFacts: []string{"Tariq Lodhi leads VNF (asserted)"},
		},
		{
			name:     "AnEditorIsNoPartyOfficial",
			text:     "Labour met in Leeds. BBC political editor Sam Vale said the party was split.",
			notFacts: []string{"Sam Vale holds_post Labour [political editor] (asserted)"},
		},
		{
			name:  "SitsOnTheExecutive",
			text:  "The VNF met on Monday. Noor Halvi, who sits on the party's executive, said it had split.",
			facts: []string{"Noor Halvi member_of VNF (asserted)"},
		},
		{
			name:  "JoinedFromAnotherParty",
			text:  "Noor Halvi joined the Green League from the Kestrel Party in May.",
			facts: []string{"Noor Halvi member_of Green League (asserted)", "Noor Halvi left Kestrel Party (asserted)"},
		},
		{
			name:  "SeatsOfAPartyArePresupposed",
			text:  "Noor Halvi said that all the seats of the VNF in the Senate had been won by its workers.",
			facts: []string{"VNF has_seats_in Senate (asserted)"},
		},
		{
			name:  "PartiesNamedTogetherFormAnAlliance",
			text:  "The Peoples Unity Party and the Kisan Morcha formed an alliance ahead of the polls.",
			facts: []string{"Peoples Unity Party allied_with Kisan Morcha (asserted)"},
		},
		{
			name:  "SeatsInTheAssemblyTheArticleNames",
			text:  "The Vale assembly will be dissolved. The VNP secured 40 seats and the Green Party (GP) 8 seats in the 70-member assembly.",
			facts: []string{"VNP has_seats_in Vale assembly (asserted)", "Green Party has_seats_in Vale assembly (asserted)"},
		},
		{
			name:  "SeatAndPartyOfAnMLAFromAPlace",
			text:  "Sunil Pote, the Congress MLA from Nashik, spoke. Later Congress MLA from Pune Ravi Kale spoke too.",
			facts: []string{"Sunil Pote member_of Congress (asserted)", "Sunil Pote holds_post Nashik [mla] (asserted)", "Ravi Kale member_of Congress (asserted)", "Ravi Kale holds_post Pune [mla] (asserted)"},
		},
		{
			name:  "TheSpeakerOfTheHouseTheArticleNames",
			text:  "The Vale Assembly met on Monday. Speaker Hari Lal adjourned it.",
			facts: []string{"Hari Lal holds_post Vale Assembly [speaker] (asserted)"},
		},
		{
			name:     "AGivenNameInsideAPartysName",
			text:     "Ravi Kale, the leader of the Lok Vikas Party, spoke.",
			facts:    []string{"Ravi Kale leads Lok Vikas Party (asserted)"},
			notFacts: []string{"Ravi Kale leads Lok (asserted)"},
		},
		{
			name:  "ANewOutfitNamedInApposition",
			text:  "Sunil Pote launched a new outfit, the Vale Democratic Party, on Monday.",
			facts: []string{"Sunil Pote founded Vale Democratic Party (asserted)"},
		},
		{
			name:  "LikelyToBeNamed",
			text:  "Party sources said Anna Roe was likely to be named the new general secretary of the Green Front.",
			facts: []string{"Anna Roe holds_post Green Front [general secretary] (hedged, Party sources)"},
		},
		{
			name:  "TheMLAFromAPlace",
			text:  "Mira Das, the MLA from Nashik, defected to the Peoples Unity Party on Monday.",
			facts: []string{"Mira Das holds_post Nashik [mla] (asserted)", "Mira Das member_of Peoples Unity Party (asserted)"},
		},
		{
			name:  "APartysNationalCouncilIsItsBody",
			text:  "The VNP's national council will meet on Monday to decide on the alliance.",
			facts: []string{"VNP national council part_of VNP (asserted)"},
		},
		{
			name:     "ARoleInAHouseBeforeTheName",
			text:     "Opposition leader in the Senate Noor Halvi criticised the plan. VNF leader in the Senate Tariq Lodhi agreed.",
			facts:    []string{"Noor Halvi holds_post Senate [opposition leader] (asserted)"},
			notFacts: []string{"Tariq Lodhi holds_post Senate [vnf leader] (asserted)", "Tariq Lodhi leads VNF (asserted)"},
		},
		{
			name:     "APluralRoleAfterANameIsOthers",
			text:     "Sources close to former chief minister Rafiq Zardan, Unity Front MLAs of Halvi (Noor Kestrel) and Valdora (Tariq Lodhi), may resign.",
			facts:    []string{"Noor Kestrel member_of Unity Front (asserted)"},
			notFacts: []string{"Rafiq Zardan member_of Unity Front (asserted)"},
		},
		{
			name:     "AListOfMembersEndsAfterAnd",
			text:     "Joined by Unity Front MLAs Noor Kestrel (Halvi) and Tariq Lodhi (Valdora), Rafiq Zardan said he would not quit.",
			facts:    []string{"Tariq Lodhi member_of Unity Front (asserted)", "Tariq Lodhi holds_post Valdora [mla] (asserted)"},
			notFacts: []string{"Rafiq Zardan member_of Unity Front (asserted)"},
		},
		{
			name:  "APluralRoleAfterTwoNamesIsTheirs",
			text:  "Rafiq Zardan and Tariq Lodhi, Unity Front MLAs, were hurt in the scuffle.",
			facts: []string{"Tariq Lodhi member_of Unity Front (asserted)"},
		},
		{
			name:     "AnAgentIsNoPostOfTheArticlesParty",
			text:     "The VNF said on Monday that intelligence agent Noor Halvi had been arrested. The VNF would protest.",
			notFacts: []string{"Noor Halvi holds_post VNF [agent] (asserted)"},
		},
		{
			name:  "AnAgentForAParty",
			text:  "Noor Halvi, agent for the Kestrel Party, said the candidate was ineligible.",
			facts: []string{"Noor Halvi holds_post Kestrel Party [agent] (asserted)"},
		},
		{
			name:     "AbandonedInThePassiveIsNoDeparture",
			text:     "The VNF met in Leeds. Noor Halvi was abandoned after suggesting the vote was rigged.",
			notFacts: []string{"Noor Halvi left VNF (asserted)"},
		},
		{
			name:     "APostInThePartyTheSentenceNames",
			text:     "The VNF met in Leeds. Noor Halvi had also assumed the role of patron when he was barred from leading the Green League.",
			facts:    []string{"Noor Halvi holds_post Green League [patron] (asserted)"},
			notFacts: []string{"Noor Halvi holds_post VNF [patron] (asserted)"},
		},
		{
			name:  "CentralPresidentLeads",
			text:  "The Green League's central president, Advocate Noor Halvi, said the canals would ruin the province.",
			facts: []string{"Noor Halvi leads Green League (asserted)"},
		},
		{
			name:  "OfThePartyBeforeAVerb",
			text:  "Mr Noor Halvi of the Green League contested the claim of the ministers.",
			facts: []string{"Noor Halvi member_of Green League (asserted)"},
		},
		{
			name:     "HisParty",
			text:     "Rafiq Zardan led a protest in Jaipur. Zardan and the supporters of his Valdora Adivasi Party started marching.",
			facts:    []string{"Rafiq Zardan member_of Valdora Adivasi Party (asserted)"},
			notFacts: []string{"Amina Lodhi member_of Valdora Adivasi Party (asserted)"},
		},
		{
			name:     "HisPartysColleaguesAreNoMembership",
			text:     "Rafiq Zardan met Amina Lodhi. She criticised his Valdora Reform Party colleagues.",
			notFacts: []string{"Rafiq Zardan member_of Valdora Reform Party (asserted)"},
		},
		{
			name:  "ADenialPointsBack",
			text:  "Noor Halvi accused the Green League of signing up to a deal with the Kestrel Party. But the claim was denied by a Green League spokesman, who said: \"That is a lie and everybody knows it.\"",
			facts: []string{"Green League allied_with Kestrel Party (asserted, Noor Halvi)", "Green League allied_with Kestrel Party (denied, Green League spokesman)"},
		},
		{
			name:     "AStatesOfficeInAnArticleAboutTheState",
			text:     "BENGALURU: The Karnataka government met in Bengaluru. Karnataka's ministers resigned and handed their letters to governor Noor Halvi. Prime minister Amina Lodhi said Karnataka would be calm.",
			facts:    []string{"Noor Halvi holds_post Karnataka [governor] (asserted)"},
			notFacts: []string{"Amina Lodhi holds_post Karnataka [prime minister] (asserted)"},
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

// TestOptions checks that the options turn the stages off: no statements,
// or no claims, and the rest as without them.
func TestOptions(t *testing.T) {
	text := "VNF leader Tariq Lodhi said the talks had failed."
	ctx := context.Background()
	all, err := extract.New().Extract(ctx, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Claims) == 0 || len(all.Statements) == 0 {
		t.Fatalf("got %d claims and %d statements, want some of each", len(all.Claims), len(all.Statements))
	}
	noStmt, err := extract.New(extract.WithoutStatements()).Extract(ctx, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(noStmt.Statements) != 0 || len(noStmt.Claims) != len(all.Claims) {
		t.Errorf("WithoutStatements: got %d statements and %d claims, want 0 and %d", len(noStmt.Statements), len(noStmt.Claims), len(all.Claims))
	}
	noFacts, err := extract.New(extract.WithoutFacts()).Extract(ctx, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(noFacts.Claims) != 0 || len(noFacts.Statements) != len(all.Statements) {
		t.Errorf("WithoutFacts: got %d claims and %d statements, want 0 and %d", len(noFacts.Claims), len(noFacts.Statements), len(all.Statements))
	}
}
