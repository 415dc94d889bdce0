package lexicon_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/factions/factions/extract/lexicon"
)

// spec is the documented format of one file.
type spec struct {
	min, max int              // field count
	key      []int            // columns that together must be unique (lower-cased)
	values   map[int][]string // allowed values per column
}

func set(s ...string) []string { return s }

var specs = map[string]spec{
	"places.tsv": {3, 4, []int{0, 1, 2}, map[int][]string{
		1: set("continent", "country", "region", "state", "province", "city"),
		3: set("minor"),
	}},
	"titles.txt": {2, 3, []int{0}, map[int][]string{
		1: set("honorific", "rank", "office"),
		2: set("ambiguous"),
	}},
	"roles.tsv": {3, 3, []int{0}, map[int][]string{
		1: set("head", "chair", "post", "member", "founder"),
		2: set("org", "place", "both"),
	}},
	"role_modifiers.txt": {1, 1, []int{0}, nil},
	"former.txt":         {1, 1, []int{0}, nil},
	"speech.tsv": {3, 3, []int{0, 2}, map[int][]string{
		2: set("say", "deny", "doc"),
	}},
	"hedges.txt":   {1, 1, []int{0}, nil},
	"negation.txt": {1, 1, []int{0}, nil},
	"orgcues.tsv": {2, 2, []int{0, 1}, map[int][]string{
		1: set("party", "legislature", "government", "body", "media"),
	}},
	"splits.txt": {2, 2, []int{0}, map[int][]string{
		1: set("strong", "weak"),
	}},
	"departure.tsv": {3, 3, []int{0}, map[int][]string{
		1: set("left", "stepdown", "joined", "death"),
		2: set("from", "to", "post", "member", "-"),
	}},
	"stopnames.txt": {1, 1, []int{0}, nil},
	"givennames.tsv": {3, 3, []int{0, 2}, map[int][]string{
		1: set("m", "f", "u"),
		2: set("south_asia_muslim", "south_asia_hindu_sikh", "english", "arabic", "persian",
			"african", "east_asian", "south_east_asian", "hispanic", "european"),
	}},
	"nameparts.txt":        {2, 2, []int{0}, nil},
	"name_suffixes.txt":    {1, 1, []int{0}, nil},
	"thingcues.txt":        {1, 1, []int{0}, nil},
	"placecues.txt":        {1, 1, []int{0}, nil},
	"chair_heads.txt":      {1, 1, []int{0}, nil},
	"words.tsv":            {2, 2, []int{0}, nil},
	"leader_members.txt":   {1, 1, []int{0}, nil},
	"parties.tsv":          {4, 5, []int{0, 1}, nil},
	"legislatures.tsv":     {3, 3, []int{0, 1}, nil},
	"regional_offices.txt": {1, 1, []int{0}, nil},
	"house_offices.txt":    {1, 1, []int{0}, nil},
	"relations.tsv":        {2, 2, []int{0}, nil},
	"institutions.tsv":     {3, 3, []int{0}, nil},
	"outlets.tsv":          {2, 2, []int{0}, nil},
}

// lowerCase lists the files whose entries must be lower-case (places.tsv keeps
// capitalisation; givennames.tsv is lower-case too).
var lowerCase = map[string]bool{
	"titles.txt": true, "roles.tsv": true, "role_modifiers.txt": true, "former.txt": true,
	"speech.tsv": true, "hedges.txt": true, "negation.txt": true, "orgcues.tsv": true,
	"splits.txt": true, "departure.tsv": true, "stopnames.txt": true, "givennames.tsv": true,
	"nameparts.txt": true, "name_suffixes.txt": true, "thingcues.txt": true, "placecues.txt": true,
	"chair_heads.txt": true, "words.tsv": true, "relations.tsv": true, "leader_members.txt": true, "regional_offices.txt": true,
	"house_offices.txt": true,
}

func TestEveryFileHasSpec(t *testing.T) {
	files := lexicon.Files()
	if len(files) == 0 {
		t.Fatal("no embedded files")
	}
	have := map[string]bool{}
	for _, f := range files {
		have[f] = true
		if _, ok := specs[f]; !ok {
			t.Errorf("%s: embedded but has no spec in this test", f)
		}
	}
	for f := range specs {
		if !have[f] {
			t.Errorf("%s: spec but not embedded", f)
		}
	}
}

var sourceRE = regexp.MustCompile(`(?i)\bsources?\b\s*:`)

func TestHeaders(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range lexicon.Files() {
		h, err := lexicon.Header(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(h) == "" {
			t.Errorf("%s: no header", f)
			continue
		}
		if !sourceRE.MatchString(h) {
			t.Errorf("%s: header names no source (want a line with \"Source:\")", f)
		}
		if !strings.Contains(string(readme), "`"+f+"`") {
			t.Errorf("%s: not listed in README.md", f)
		}
	}
}

func TestFilesParse(t *testing.T) {
	for _, f := range lexicon.Files() {
		sp, ok := specs[f]
		if !ok {
			continue
		}
		t.Run(f, func(t *testing.T) {
			rows, err := lexicon.Lines(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 {
				t.Fatal("no entries")
			}
			seen := map[string]int{}
			for i, r := range rows {
				if len(r) < sp.min || len(r) > sp.max {
					t.Errorf("entry %d %q: %d fields, want %d to %d", i+1, r, len(r), sp.min, sp.max)
					continue
				}
				for col, allowed := range sp.values {
					if col >= len(r) {
						continue
					}
					if !contains(allowed, r[col]) {
						t.Errorf("entry %d %q: field %d = %q, want one of %v", i+1, r, col+1, r[col], allowed)
					}
				}
				if lowerCase[f] && r[0] != strings.ToLower(r[0]) {
					t.Errorf("entry %d %q: not lower-case", i+1, r[0])
				}
				var parts []string
				for _, c := range sp.key {
					parts = append(parts, strings.ToLower(r[c]))
				}
				k := strings.Join(parts, "\t")
				if j, dup := seen[k]; dup {
					t.Errorf("entry %d %q: duplicate key of entry %d", i+1, r, j)
				}
				seen[k] = i + 1
			}
		})
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestPlaces(t *testing.T) {
	all, err := lexicon.PlacesAll()
	if err != nil {
		t.Fatal(err)
	}
	// every country named in the third field has a country line of its own
	countries := map[string]bool{}
	for _, ps := range all {
		for _, p := range ps {
			if p.Kind == lexicon.KindCountry {
				countries[p.Name] = true
			}
		}
	}
	for _, ps := range all {
		for _, p := range ps {
			if p.Country != "-" && !countries[p.Country] {
				t.Errorf("%s: country %q has no country line", p.Name, p.Country)
			}
			if p.Kind == lexicon.KindCountry && p.Country == "-" {
				t.Errorf("%s: country with no canonical name", p.Name)
			}
		}
	}
	if n := len(countries); n < 193 {
		t.Errorf("%d distinct canonical countries, want at least 193", n)
	}
}

func TestPlaceLookups(t *testing.T) {
	places, err := lexicon.Places()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, kind, country string }{
		{"karachi", "city", "Pakistan"},
		{"hyderabad", "city", "India"},
		{"sukkur", "city", "Pakistan"},
		{"khyber pakhtunkhwa", "province", "Pakistan"},
		{"kpk", "province", "Pakistan"},
		{"baluchistan", "province", "Pakistan"},
		{"gilgit-baltistan", "region", "Pakistan"},
		{"lucknow", "city", "India"},
		{"uttar pradesh", "state", "India"},
		{"kashmir", "region", "-"},
		{"punjab", "region", "-"},
		{"hinckley", "city", "United Kingdom"},
		{"london", "city", "United Kingdom"},
		{"birmingham", "city", "United Kingdom"},
		{"east midlands", "region", "United Kingdom"},
		{"uk", "country", "United Kingdom"},
		{"u.s.", "country", "United States"},
		{"burma", "country", "Myanmar"},
		{"ivory coast", "country", "Côte d'Ivoire"},
		{"georgia", "country", "Georgia"},
		{"new york", "city", "United States"},
		{"lagos", "city", "Nigeria"},
		{"europe", "continent", "-"},
		{"north west", "region", "United Kingdom"},
	} {
		p, ok := places[c.name]
		if !ok {
			t.Errorf("Places()[%q] missing", c.name)
			continue
		}
		if p.Kind != c.kind || p.Country != c.country {
			t.Errorf("Places()[%q] = %+v, want kind %s country %s", c.name, p, c.kind, c.country)
		}
	}
	all, _ := lexicon.PlacesAll()
	if n := len(all["punjab"]); n < 3 {
		t.Errorf("PlacesAll()[punjab] has %d readings, want 3", n)
	}
}

func TestRoleLookups(t *testing.T) {
	roles, err := lexicon.Roles()
	if err != nil {
		t.Fatal(err)
	}
	for role, want := range map[string]lexicon.Role{
		"spokesman":           {Class: "post", Scope: "both"},
		"leader":              {Class: "head", Scope: "both"},
		"convener":            {Class: "post", Scope: "org"},
		"deputy convener":     {Class: "post", Scope: "org"},
		"general secretary":   {Class: "post", Scope: "org"},
		"chief minister":      {Class: "head", Scope: "place"},
		"mna":                 {Class: "member", Scope: "place"},
		"senior leader":       {Class: "member", Scope: "org"},
		"co-founder":          {Class: "founder", Scope: "org"},
		"deputy commissioner": {Class: "post", Scope: "place"},
	} {
		if got := roles[role]; got != want {
			t.Errorf("Roles()[%q] = %+v, want %+v", role, got, want)
		}
	}
}

func TestSpeechLookups(t *testing.T) {
	speech, err := lexicon.Speech()
	if err != nil {
		t.Fatal(err)
	}
	for form, want := range map[string][2]string{
		"denied":          {"deny", "deny"},
		"said":            {"say", "say"},
		"told reporters":  {"told reporters", "say"},
		"ruled out":       {"rule out", "deny"},
		"reads":           {"read", "doc"},
		"emphasised":      {"emphasise", "say"},
		"termed baseless": {"term baseless", "deny"},
	} {
		s, ok := speech[form]
		if !ok || s.Lemma != want[0] || s.Class != want[1] {
			t.Errorf("Speech()[%q] = %+v, want lemma %s class %s", form, s, want[0], want[1])
		}
	}
	if s := speech["said"]; !contains(s.Classes, "doc") {
		t.Errorf("Speech()[said].Classes = %v, want doc among them", s.Classes)
	}
}

func TestTitleLookups(t *testing.T) {
	titles, err := lexicon.Titles()
	if err != nil {
		t.Fatal(err)
	}
	for title, want := range map[string]lexicon.Title{
		"dr.":      {Class: "honorific"},
		"syed":     {Class: "honorific", Ambiguous: true},
		"malik":    {Class: "honorific", Ambiguous: true},
		"lt.-gen.": {Class: "rank"},
		"senator":  {Class: "office"},
		"tan sri":  {Class: "honorific"},
	} {
		if got, ok := titles[title]; !ok || got != want {
			t.Errorf("Titles()[%q] = %+v, want %+v", title, got, want)
		}
	}
}

func TestDepartureLookups(t *testing.T) {
	deps, err := lexicon.Departures()
	if err != nil {
		t.Fatal(err)
	}
	for phrase, want := range map[string]lexicon.Departure{
		"parted ways with": {Class: "left", Object: "from"},
		"defected to":      {Class: "left", Object: "to"},
		"stepped down as":  {Class: "stepdown", Object: "post"},
		"joined":           {Class: "joined", Object: "to"},
		"gunned down":      {Class: "death", Object: "-"},
	} {
		if got := deps[phrase]; got != want {
			t.Errorf("Departures()[%q] = %+v, want %+v", phrase, got, want)
		}
	}
}

func TestOrgCueLookups(t *testing.T) {
	cues, err := lexicon.OrgCues()
	if err != nil {
		t.Fatal(err)
	}
	if c := cues["congress"]; !contains(c, "party") || !contains(c, "legislature") {
		t.Errorf("OrgCues()[congress] = %v, want party and legislature", c)
	}
	if c := cues["politburo"]; !contains(c, "body") {
		t.Errorf("OrgCues()[politburo] = %v, want body", c)
	}

	names, err := lexicon.GivenNames()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"muhammad", "mohammad", "mohammed", "hussain", "husain", "hussein"} {
		if len(names[n]) == 0 {
			t.Errorf("GivenNames()[%q] missing", n)
		}
	}
	regions := map[string]int{}
	for _, gs := range names {
		for _, g := range gs {
			regions[g.Region]++
		}
	}
	for r, min := range map[string]int{"south_asia_muslim": 300, "south_asia_hindu_sikh": 300, "english": 300,
		"arabic": 100, "persian": 100, "african": 100, "east_asian": 100, "south_east_asian": 100,
		"hispanic": 100, "european": 100} {
		if regions[r] < min {
			t.Errorf("givennames region %s has %d names, want at least %d", r, regions[r], min)
		}
	}

	checkSet := func(name string, get func() (lexicon.Set, error), want ...string) {
		s, err := get()
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !s[w] {
				t.Errorf("%s()[%q] missing", name, w)
			}
		}
	}
	checkSet("Hedges", lexicon.Hedges, "reportedly", "is said to", "tipped to")
	checkSet("Negations", lexicon.Negations, "not", "n't", "never", "didn't")
	checkSet("StopNames", lexicon.StopNames, "however", "on thursday", "speaking", "tuesday")
	checkSet("RoleModifiers", lexicon.RoleModifiers, "deputy", "acting", "provincial")
	checkSet("Former", lexicon.Former, "former", "ex-", "slain", "then")
	checkSet("NameSuffixes", lexicon.NameSuffixes, "sahib")

	parts, err := lexicon.NameParts()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"bin", "ibn", "ul", "van", "de", "o'"} {
		if parts[p] == "" {
			t.Errorf("NameParts()[%q] missing", p)
		}
	}
	splits, err := lexicon.Splits()
	if err != nil {
		t.Fatal(err)
	}
	if splits["forward bloc"] != "strong" || splits["wing"] != "weak" {
		t.Errorf("Splits(): forward bloc = %q, wing = %q", splits["forward bloc"], splits["wing"])
	}
}

func TestTable(t *testing.T) {
	tb, err := lexicon.LoadTable("roles.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if got := tb["chairman"]; len(got) != 2 || got[0] != "chair" {
		t.Errorf("LoadTable(roles.tsv)[chairman] = %v", got)
	}
	if _, err := lexicon.Lines("nope.tsv"); err == nil {
		t.Error("Lines(nope.tsv): want an error")
	}
}

func TestInstitutions(t *testing.T) {
	m, err := lexicon.Institutions()
	if err != nil {
		t.Fatal(err)
	}
	if got := m["downing street"]; got.Name != "Downing Street" || got.Country != "United Kingdom" {
		t.Errorf("downing street: got %+v, want Downing Street of United Kingdom", got)
	}
	places, err := lexicon.Places()
	if err != nil {
		t.Fatal(err)
	}
	for k, in := range m {
		if _, ok := places[strings.ToLower(in.Country)]; !ok {
			t.Errorf("%s: country %q is not in places.tsv", k, in.Country)
		}
	}
}

func TestOutlets(t *testing.T) {
	m, err := lexicon.Outlets()
	if err != nil {
		t.Fatal(err)
	}
	if got := m["dawn"]; got.Name != "Dawn" || got.Country != "Pakistan" {
		t.Errorf("dawn: got %+v, want Dawn of Pakistan", got)
	}
	places, err := lexicon.Places()
	if err != nil {
		t.Fatal(err)
	}
	for k, o := range m {
		if _, ok := places[strings.ToLower(o.Country)]; !ok && o.Country != "-" {
			t.Errorf("%s: country %q is not in places.tsv", k, o.Country)
		}
		if strings.HasPrefix(k, "the ") {
			t.Errorf("%s: names are listed without a leading The", k)
		}
	}
}
