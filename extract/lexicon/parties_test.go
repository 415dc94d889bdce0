package lexicon_test

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/factions/factions/extract/lexicon"
)

// parties.tsv's spec for TestEveryFileHasSpec and TestFilesParse: name and
// countries together are unique (TestPartiesNames checks each country).
func mustParties(t *testing.T) []lexicon.Party {
	t.Helper()
	ps, err := lexicon.Parties()
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func mustIndex(t *testing.T) map[string][]*lexicon.Party {
	t.Helper()
	ix, err := lexicon.PartyIndex()
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestPartiesParse(t *testing.T) {
	ps := mustParties(t)
	if len(ps) < 600 {
		t.Errorf("%d parties, want at least 600", len(ps))
	}
	rows, err := lexicon.Lines("parties.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(ps) {
		t.Errorf("%d lines but %d parties", len(rows), len(ps))
	}
	for _, p := range ps {
		if p.Name == "" || p.Country == "" || len(p.Countries) == 0 || p.Countries[0] != p.Country {
			t.Errorf("%+v: missing name or country", p)
		}
		switch p.Kind {
		case lexicon.KindParty, lexicon.KindAlliance, lexicon.KindMovement, lexicon.KindWing:
		default:
			t.Errorf("%s: kind %q", p.Name, p.Kind)
		}
		if p.Ended != 0 && !p.Defunct {
			t.Errorf("%s: ended %d but not defunct", p.Name, p.Ended)
		}
		if p.Into != "" && !p.Defunct {
			t.Errorf("%s: into:%s but not defunct", p.Name, p.Into)
		}
		if p.Kind == lexicon.KindWing && p.Of == "" {
			t.Errorf("%s: a wing of nothing (want of:NAME)", p.Name)
		}
		for _, rel := range []string{p.From, p.Into, p.Of} {
			if rel == p.Name {
				t.Errorf("%s: related to itself", p.Name)
			}
		}
	}
}

func TestPartyKey(t *testing.T) {
	same := [][]string{
		{"PML-N", "PML(N)", "PMLN", "PML (N)", "pml-n", "P.M.L.-N", "PML–N"},
		{"Tehreek-e-Insaf", "Tehreek-i-Insaf", "Tehrik-e-Insaf", "Tahreek-e-Insaf", "Tehreek Insaf", "Tehreek-e-Insaaf"},
		{"Pakistan Tehreek-e-Insaf", "Pakistan Tehrik-i-Insaf", "PAKISTAN TEHREEK-E-INSAF"},
		{"Congress (I)", "Congress-I", "Congress(I)", "Congress I"},
		{"Jamiat Ulema-e-Islam (F)", "Jamiat Ulema-i-Islam (F)", "Jamiat Ulama-e-Islam-F", "JAMIAT ULEMA-E-ISLAM F"},
		{"JD(U)", "JD-U", "JDU", "JD (U)"},
		{"CPI(M)", "CPI-M", "CPIM", "CPI (M)"},
		{"MQM-P", "MQM(P)", "MQM P", "MQMP"},
		{"Sinn Féin", "Sinn Fein", "SINN FÉIN"},
		{"UKIP", "U.K.I.P.", "Ukip"},
		{"Pakistan People's Party", "Pakistan Peoples Party", "Pakistan Peoples' Party", "Pakistan People’s Party"},
		{"The Left", "Left"},
		{"Lib Dems", "LibDems", "Lib-Dems"},
		{"J&K National Conference", "J and K National Conference"},
		{"Bharatiya Janata Party", "Bhartiya Janta Party"},
		{"Alternative für Deutschland", "Alternative fur Deutschland"},
		{"Høyre", "Hoyre"},
		{"Hezbollah", "Hizbullah", "Hizballah"},
		{"Australian Labor Party", "Australian Labour Party"},
		{"Muttahida Qaumi Movement", "Mutahida Quami Movement"},
	}
	for _, group := range same {
		want := lexicon.PartyKey(group[0])
		if want == "" {
			t.Errorf("PartyKey(%q) is empty", group[0])
		}
		for _, s := range group[1:] {
			if got := lexicon.PartyKey(s); got != want {
				t.Errorf("PartyKey(%q) = %q, want %q (as %q)", s, got, want, group[0])
			}
		}
	}
	differ := [][2]string{
		{"PML-N", "PML-Q"},
		{"FF+", "FF"},
		{"Jamiat-e-Islami", "Jamaat-e-Islami"},
		{"JUI-F", "JUI-S"},
		{"MQM-P", "MQM-L"},
		{"BNP-M", "BNP-A"},
		{"CPI", "CPI(M)"},
		{"Shiv Sena", "Shiv Sena (UBT)"},
		{"NCP", "NCP (SP)"},
		{"Congress", "Congress (I)"},
		{"Janata Dal (United)", "Janata Dal (Secular)"},
		{"PPP", "PPPP"},
	}
	for _, d := range differ {
		if a, b := lexicon.PartyKey(d[0]), lexicon.PartyKey(d[1]); a == b {
			t.Errorf("PartyKey(%q) = PartyKey(%q) = %q, want different keys", d[0], d[1], a)
		}
	}
	for _, s := range []string{"", " ", "()", "--", "...", "the"} {
		if k := lexicon.PartyKey(s); k != "" {
			t.Errorf("PartyKey(%q) = %q, want empty", s, k)
		}
	}
}

// TestPartyIndex: each group names one party, which every form finds.
func TestPartyIndex(t *testing.T) {
	ix := mustIndex(t)
	groups := []struct {
		name, country string
		forms         []string
	}{
		{"Conservative and Unionist Party", "United Kingdom", []string{"Tories", "Tory Party", "Conservatives", "Conservative Party", "Conservative and Unionist Party", "Tory", "Conservative"}},
		{"Liberal Democrats", "United Kingdom", []string{"Lib Dems", "Liberal Democrats", "Liberal Democrat", "Lib Dem"}},
		{"Labour Party", "United Kingdom", []string{"Labour", "Labour Party", "New Labour"}},
		{"Reform UK", "United Kingdom", []string{"Reform UK", "Brexit Party", "The Brexit Party"}},
		{"Scottish National Party", "United Kingdom", []string{"SNP", "Scottish National Party", "S.N.P."}},
		{"Respect Party", "United Kingdom", []string{"Respect", "Respect Party", "Respect – The Unity Coalition"}},
		{"Veritas", "United Kingdom", []string{"Veritas"}},
		{"UK Independence Party", "United Kingdom", []string{"UKIP", "U.K.I.P.", "United Kingdom Independence Party"}},
		{"Indian National Congress", "India", []string{"Congress", "Congress (I)", "Congress-I", "INC", "Indian National Congress", "Congress Party"}},
		{"Bharatiya Janata Party", "India", []string{"BJP", "Bharatiya Janata Party", "B.J.P."}},
		{"Janata Dal (United)", "India", []string{"JD(U)", "JD-U", "JDU", "Janata Dal (United)"}},
		{"Communist Party of India (Marxist)", "India", []string{"CPI(M)", "CPM", "CPI-M"}},
		{"All India Trinamool Congress", "India", []string{"TMC", "AITC", "Trinamool", "Trinamul Congress"}},
		{"Shiv Sena (Uddhav Balasaheb Thackeray)", "India", []string{"Shiv Sena (UBT)", "Sena (UBT)", "SS(UBT)"}},
		{"Nationalist Congress Party (Sharadchandra Pawar)", "India", []string{"NCP (SP)", "NCP-SP", "NCP(SP)"}},
		{"Rashtriya Swayamsevak Sangh", "India", []string{"RSS", "Rashtriya Swayamsevak Sangh"}},
		{"Pakistan Muslim League (N)", "Pakistan", []string{"PML-N", "PML(N)", "PMLN", "Pakistan Muslim League-Nawaz", "Pakistan Muslim League (N)", "PML-Nawaz"}},
		{"Pakistan Tehreek-e-Insaf", "Pakistan", []string{"PTI", "Pakistan Tehreek-e-Insaf", "Pakistan Tehreek-i-Insaf", "Tehreek-e-Insaf", "Tehrik-i-Insaf", "Pakistan Tahreek-e-Insaf"}},
		{"Jamiat Ulema-e-Islam (F)", "Pakistan", []string{"JUI-F", "JUI(F)", "Jamiat Ulema-e-Islam (F)", "Jamiat Ulema-i-Islam-Fazl", "Jamiat Ulema-e-Islam-Fazl"}},
		{"Muttahida Qaumi Movement-Pakistan", "Pakistan", []string{"MQM-P", "MQM (P)", "MQM Pakistan"}},
		{"Pakistan Peoples Party", "Pakistan", []string{"PPP", "Pakistan People's Party", "Pakistan Peoples Party"}},
		{"Pakistan Peoples Party Parliamentarians", "Pakistan", []string{"PPPP", "PPP-P", "PPP Parliamentarians"}},
		{"Pakistan Muslim League (Q)", "Pakistan", []string{"PML-Q", "PML(Q)", "Q-League"}},
		{"Tehreek-e-Labbaik Pakistan", "Pakistan", []string{"TLP", "Tehrik-i-Labbaik Pakistan"}},
		{"Bangladesh Nationalist Party", "Bangladesh", []string{"BNP"}},
		{"Bangladesh Awami League", "Bangladesh", []string{"Awami League", "BAL"}},
		{"Republican Party", "United States", []string{"GOP", "G.O.P.", "Grand Old Party", "Republicans"}},
		{"Democratic Party", "United States", []string{"Democrats", "Dems"}},
		{"Sinn Féin", "United Kingdom", []string{"Sinn Fein", "Sinn Féin"}},
		{"National Rally", "France", []string{"Front National", "National Front", "RN"}},
		{"The Republicans", "France", []string{"UMP", "Les Républicains", "LR"}},
	}
	for _, g := range groups {
		for _, f := range g.forms {
			if p := find(ix, f, g.country); p == nil || p.Name != g.name {
				got := "nothing"
				if p != nil {
					got = p.Name
				}
				t.Errorf("PartyIndex()[PartyKey(%q)] in %s = %s, want %s", f, g.country, got, g.name)
			}
		}
	}
	// a key can name parties of several countries: all are returned
	for key, want := range map[string][]string{
		"PPP": {"Pakistan", "Indonesia", "South Korea"},
		"ANC": {"South Africa", "Kenya"},
		"BNP": {"Bangladesh", "Pakistan", "United Kingdom"},
	} {
		have := map[string]bool{}
		for _, p := range ix[lexicon.PartyKey(key)] {
			for _, c := range p.Countries {
				have[c] = true
			}
		}
		for _, c := range want {
			if !have[c] {
				t.Errorf("PartyIndex()[%q] has no party of %s", key, c)
			}
		}
	}
}

// find returns the party of country that form names, preferring one for
// which the form is not ambiguous.
func find(ix map[string][]*lexicon.Party, form, country string) *lexicon.Party {
	var best *lexicon.Party
	for _, p := range ix[lexicon.PartyKey(form)] {
		for _, c := range p.Countries {
			if c == country && (best == nil || best.IsAmbiguous(form) && !p.IsAmbiguous(form)) {
				best = p
			}
		}
	}
	return best
}

func TestPartiesAmbiguous(t *testing.T) {
	ix := mustIndex(t)
	for _, c := range []struct {
		form, name, country string
		ambiguous           bool
	}{
		{"Congress", "Indian National Congress", "India", true},
		{"INC", "Indian National Congress", "India", false},
		{"Labour", "Labour Party", "United Kingdom", true},
		{"Labour Party", "Labour Party", "United Kingdom", false},
		{"Tories", "Conservative and Unionist Party", "United Kingdom", false},
		{"Tory", "Conservative and Unionist Party", "United Kingdom", true},
		{"Respect", "Respect Party", "United Kingdom", true},
		{"National", "New Zealand National Party", "New Zealand", true},
		{"Liberal", "Liberal Party of Canada", "Canada", true},
		{"Forward", "Forward Party", "United States", true},
		{"SP", "Samajwadi Party", "India", true},
		{"BNP", "Balochistan National Party (Mengal)", "Pakistan", true},
		{"BNP", "Bangladesh Nationalist Party", "Bangladesh", false},
		{"Muslim League", "Pakistan Muslim League (N)", "Pakistan", true},
	} {
		var p *lexicon.Party
		for _, q := range ix[lexicon.PartyKey(c.form)] {
			if q.Name == c.name && q.Country == c.country {
				p = q
			}
		}
		if p == nil {
			t.Errorf("PartyIndex()[PartyKey(%q)] lacks %s of %s", c.form, c.name, c.country)
			continue
		}
		if got := p.IsAmbiguous(c.form); got != c.ambiguous {
			t.Errorf("%s: IsAmbiguous(%q) = %v, want %v", c.name, c.form, got, c.ambiguous)
		}
	}

	// A form that several parties of one country share must be marked
	// ambiguous in each; and a form marked in one party of a country is marked
	// in every party of that country that has it.
	type ck struct{ country, key string }
	users := map[ck][]*lexicon.Party{}
	ps := mustParties(t)
	for i := range ps {
		p := &ps[i]
		seen := map[string]bool{}
		for _, n := range p.Names() {
			k := lexicon.PartyKey(n)
			if seen[k] {
				continue
			}
			seen[k] = true
			for _, c := range p.Countries {
				users[ck{c, k}] = append(users[ck{c, k}], p)
			}
		}
	}
	for k, list := range users {
		marked := 0
		for _, p := range list {
			if slices.Contains(p.AmbiguousKeys, k.key) {
				marked++
			}
		}
		if len(list) > 1 && marked < len(list) {
			t.Errorf("%s: key %q is shared by %s but marked ambiguous in only %d", k.country, k.key, names(list), marked)
		} else if marked > 0 && marked < len(list) {
			t.Errorf("%s: key %q marked ambiguous in only some of %s", k.country, k.key, names(list))
		}
	}
}

func names(ps []*lexicon.Party) string {
	var s []string
	for _, p := range ps {
		s = append(s, p.Name)
	}
	return strings.Join(s, ", ")
}

// TestPartiesNames: canonical names are unique within a country, every
// country is a country of places.tsv, lines are sorted, each party lists a
// key once, and a form whose key is marked ambiguous is never also written
// unmarked.
func TestPartiesNames(t *testing.T) {
	places, err := lexicon.PlacesAll()
	if err != nil {
		t.Fatal(err)
	}
	countries := map[string]bool{}
	for _, ps := range places {
		for _, p := range ps {
			if p.Kind == lexicon.KindCountry {
				countries[p.Country] = true
			}
		}
	}
	ps := mustParties(t)
	type ck struct{ country, key string }
	seen := map[ck]string{}
	for i, p := range ps {
		for _, c := range p.Countries {
			if !countries[c] {
				t.Errorf("%s: country %q is not a canonical country of places.tsv", p.Name, c)
			}
			k := ck{c, lexicon.PartyKey(p.Name)}
			if o, dup := seen[k]; dup {
				t.Errorf("%s: %q and %q have one canonical name", c, o, p.Name)
			}
			seen[k] = p.Name
		}
		if i > 0 {
			a, b := sortKey(ps[i-1]), sortKey(p)
			if a > b {
				t.Errorf("not sorted by country, then name: %q before %q", ps[i-1].Name, p.Name)
			}
		}
		written := map[string]string{}
		for _, v := range p.Variants {
			if v == p.Name {
				t.Errorf("%s: the name is also a variant", p.Name)
			}
			if o, dup := written[v]; dup {
				t.Errorf("%s: variant %q listed twice (%q)", p.Name, v, o)
			}
			written[v] = v
		}
	}
	rows, err := lexicon.Lines("parties.tsv")
	if err != nil {
		t.Fatal(err)
	}
	// a key is either marked everywhere in its line or nowhere
	for _, r := range rows {
		forms := []string{r[0]}
		if r[2] != "-" {
			forms = append(forms, strings.Split(r[2], "|")...)
		}
		marked, plain := map[string]string{}, map[string]string{}
		for _, f := range forms {
			k := lexicon.PartyKey(strings.TrimPrefix(f, "~"))
			if strings.HasPrefix(f, "~") {
				marked[k] = f
			} else {
				plain[k] = f
			}
		}
		for k, f := range marked {
			if g, ok := plain[k]; ok {
				t.Errorf("%s: %q is marked ambiguous but %q, with the same key, is not", r[0], f, g)
			}
		}
	}
}

func sortKey(p lexicon.Party) string {
	return p.Country + "\t" + strings.ToLower(p.Name)
}

// englishStop holds English function words and other words that are never
// a party's name on their own.
var englishStop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but nor of in on at to for by with from as into onto upon
		is are was were be been being am do does did has have had will would shall should may might can could must
		i me my we us our you your he him his she her it its they them their this that these those who whom whose which what
		not no yes all any some each every both either neither one two new old more most other such only own same so than too
		very just now then there here when where why how up down out off over under again further once party
		mr mrs ms dr sir said says today yesterday`) {
		englishStop[w] = true
	}
}

// TestPartiesWords: no form is an English stop word or a stop name; a form
// that is also a common English word, a generic organization word
// (orgcues.tsv), a place name (places.tsv) or a given name is marked
// ambiguous.
func TestPartiesWords(t *testing.T) {
	stop, err := lexicon.StopNames()
	if err != nil {
		t.Fatal(err)
	}
	cues, err := lexicon.OrgCues()
	if err != nil {
		t.Fatal(err)
	}
	places, err := lexicon.PlacesAll()
	if err != nil {
		t.Fatal(err)
	}
	given, err := lexicon.GivenNames()
	if err != nil {
		t.Fatal(err)
	}
	common := map[string]bool{}
	for _, w := range strings.Fields(`congress labour labor liberal national independent respect forward reform alliance
		union coalition green conservative democratic democrat republican libertarian action citizens league front bloc
		solidarity renaissance horizons ensemble jubilee fatherland confederation momentum tigers brotherhood left right
		centre center tea tory plaid sena sangh majlis jamaat hurriyat shibir hefazat haqiqi amanah gerakan keadilan`) {
		common[w] = true
	}
	for _, p := range mustParties(t) {
		for _, n := range p.Names() {
			l := strings.ToLower(n)
			if englishStop[l] || stop[l] {
				t.Errorf("%s: %q is a stop word", p.Name, n)
			}
			if p.IsAmbiguous(n) {
				continue
			}
			why := ""
			switch {
			case common[l]:
				why = "a common word"
			case len(cues[l]) > 0 && !strings.Contains(l, " "):
				why = "an organization cue word (orgcues.tsv)"
			case len(given[l]) > 0:
				why = "a given name (givennames.tsv)"
			}
			for _, pl := range places[l] {
				// a place's name as written (case kept), e.g. Morena, Alba
				if pl.Name == n {
					why = "a place (places.tsv)"
				}
			}
			if why != "" {
				t.Errorf("%s: %q is %s but not marked ambiguous", p.Name, n, why)
			}
		}
	}
}

func TestPartiesHeader(t *testing.T) {
	h, err := lexicon.Header("parties.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Source:", "general knowledge", "Format:", "Name<TAB>countries<TAB>variants<TAB>flags", "~", "defunct:YEAR", "No person is listed"} {
		if !strings.Contains(h, want) {
			t.Errorf("parties.tsv header lacks %q", want)
		}
	}
}

// TestPartiesCoverage guards the breadth of the list and a few of its facts.
func TestPartiesCoverage(t *testing.T) {
	ps := mustParties(t)
	per := map[string]int{}
	for _, p := range ps {
		per[p.Country]++
	}
	for c, min := range map[string]int{
		"United Kingdom": 40, "Ireland": 10, "India": 100, "Pakistan": 50, "Bangladesh": 25, "Sri Lanka": 20,
		"Nepal": 12, "Afghanistan": 8, "Malaysia": 20, "Indonesia": 15, "Philippines": 15, "United States": 15,
		"Canada": 20, "Australia": 12, "New Zealand": 8, "South Africa": 20, "Nigeria": 15, "Kenya": 18,
		"Germany": 15, "France": 15,
	} {
		if per[c] < min {
			t.Errorf("%s: %d parties, want at least %d", c, per[c], min)
		}
	}
	byName := map[string]*lexicon.Party{}
	for i := range ps {
		byName[ps[i].Country+"/"+ps[i].Name] = &ps[i]
	}
	for _, c := range []struct {
		key            string
		kind           string
		defunct        bool
		ended          int
		from, into, of string
	}{
		{key: "Pakistan/Pakistan Muslim League (Q)", kind: "party", from: "Pakistan Muslim League (N)"},
		{key: "Pakistan/Pak Sarzameen Party", kind: "party", defunct: true, ended: 2023, into: "Muttahida Qaumi Movement-Pakistan"},
		{key: "India/Vishva Hindu Parishad", kind: "movement", of: "Rashtriya Swayamsevak Sangh"},
		{key: "India/Bajrang Dal", kind: "wing", of: "Vishva Hindu Parishad"},
		{key: "India/Shiv Sena (Uddhav Balasaheb Thackeray)", kind: "party", from: "Shiv Sena"},
		{key: "India/National Democratic Alliance", kind: "alliance"},
		{key: "United Kingdom/Respect Party", kind: "party", defunct: true, ended: 2016},
		{key: "United Kingdom/Veritas", kind: "party", defunct: true},
		{key: "Canada/Progressive Conservative Party of Canada", kind: "party", defunct: true, ended: 2003, into: "Conservative Party of Canada"},
	} {
		p := byName[c.key]
		if p == nil {
			t.Errorf("%s: missing", c.key)
			continue
		}
		got := [6]any{p.Kind, p.Defunct, p.Ended, p.From, p.Into, p.Of}
		want := [6]any{c.kind, c.defunct, c.ended, c.from, c.into, c.of}
		if got != want {
			t.Errorf("%s: kind, defunct, ended, from, into, of = %v, want %v", c.key, got, want)
		}
	}
	if p := byName["Ireland/Sinn Féin"]; p == nil || len(p.Countries) != 2 || p.Countries[1] != "United Kingdom" {
		t.Errorf("Sinn Féin: %+v, want Ireland and United Kingdom", p)
	}
	var cs []string
	for c := range per {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	t.Logf("%d parties in %d countries", len(ps), len(cs))
}

// FuzzPartyKey: any input gives a key of lower-case letters, digits and "+"
// only, and the key does not depend on which separator joins the words.
func FuzzPartyKey(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzz seeds skipped under -short")
	}
	for _, s := range []string{"PML-N", "Jamiat Ulema-i-Islam (F)", "Sinn Féin", "U.K.I.P.", "FF+", "The Left",
		"Congress (I)", "J&K", "Høyre", "İYİ Parti", "", "-e-", "a\u0301", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := lexicon.PartyKey(s)
		for _, r := range k {
			if r != '+' && !unicode.IsDigit(r) && !(unicode.IsLetter(r) && !unicode.IsUpper(r)) {
				t.Fatalf("PartyKey(%q) = %q: rune %q", s, k, r)
			}
		}
		for _, sep := range []string{"-", "(", "/", "–"} {
			if k2 := lexicon.PartyKey(strings.ReplaceAll(s, " ", sep)); k2 != k {
				t.Fatalf("PartyKey(%q) = %q but with %q for spaces %q", s, k, sep, k2)
			}
		}
	})
}

// BenchmarkPartyKey keys every name and variant of parties.tsv, against a
// baseline that only lower-cases them (the cheapest possible key).
func BenchmarkPartyKey(b *testing.B) {
	ps, err := lexicon.Parties()
	if err != nil {
		b.Fatal(err)
	}
	var names []string
	size := 0
	for i := range ps {
		for _, n := range ps[i].Names() {
			names = append(names, n)
			size += len(n)
		}
	}
	b.Run("baseline-ToLower", func(b *testing.B) {
		b.SetBytes(int64(size))
		for i := 0; i < b.N; i++ {
			for _, n := range names {
				_ = strings.ToLower(n)
			}
		}
	})
	b.Run("PartyKey", func(b *testing.B) {
		b.SetBytes(int64(size))
		for i := 0; i < b.N; i++ {
			for _, n := range names {
				_ = lexicon.PartyKey(n)
			}
		}
	})
}
