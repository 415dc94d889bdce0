package samples_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/factions/factions/samples"
)

type goldEntity struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Aliases  []string `json:"aliases"`
	Optional bool     `json:"optional"`
}

type goldFact struct {
	Subject       string   `json:"subject"`
	Predicate     string   `json:"predicate"`
	Role          *string  `json:"role"`
	Object        string   `json:"object"`
	Former        bool     `json:"former"`
	Stance        string   `json:"stance"`
	AttributedTo  *string  `json:"attributed_to"`
	AttributedAlt []string `json:"attributed_to_alternatives"`
	Optional      bool     `json:"optional"`
}

type goldStatement struct {
	Speaker    string   `json:"speaker"`
	Kind       string   `json:"kind"`
	Text       string   `json:"text"`
	SpeakerAlt []string `json:"speaker_alternatives"`
	Optional   bool     `json:"optional"`
}

type gold struct {
	Article struct {
		File     string  `json:"file"`
		Dateline *string `json:"dateline"`
		Date     string  `json:"date"`
	} `json:"article"`
	Entities   []goldEntity    `json:"entities"`
	Facts      []goldFact      `json:"facts"`
	Statements []goldStatement `json:"statements"`
}

var (
	predicates = map[string]bool{"leads": true, "founded": true, "member_of": true, "holds_post": true,
		"faction_of": true, "part_of": true, "left": true, "has_seats_in": true, "based_in": true,
		"died_in": true, "allied_with": true, "merged_into": true}
	stances   = map[string]bool{"asserted": true, "denied": true, "hedged": true}
	types     = map[string]bool{"person": true, "organization": true, "place": true}
	kinds     = map[string]bool{"direct": true, "indirect": true}
	titles    = regexp.MustCompile(`^(Dr|Mr|Mrs|Ms|Sir|Datuk|Seri|Shri|Sri|Maulana|Governor|Begum)\.?\s`)
	frontLine = regexp.MustCompile(`^(title|source|url|date): (.+)$`)
	isoDate   = regexp.MustCompile(`^20(23|24|25)-\d\d-\d\d$`)
)

// splitFrontMatter returns the front-matter fields and the article body.
func splitFrontMatter(t *testing.T, name, text string) (map[string]string, string) {
	t.Helper()
	if !strings.HasPrefix(text, "---\n") {
		t.Fatalf("%s: no front matter", name)
	}
	end := strings.Index(text[4:], "\n---\n")
	if end < 0 {
		t.Fatalf("%s: front matter not closed", name)
	}
	fields := map[string]string{}
	for _, line := range strings.Split(text[4:4+end], "\n") {
		m := frontLine.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("%s: bad front-matter line %q", name, line)
			continue
		}
		fields[m[1]] = m[2]
	}
	rest := text[4+end+5:]
	if !strings.HasPrefix(rest, "\n") {
		t.Errorf("%s: no blank line after front matter", name)
	}
	return fields, strings.TrimSpace(rest)
}

func loadGold(t *testing.T, path string) gold {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var g gold
	if err := dec.Decode(&g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

func TestArticles(t *testing.T) {
	arts, err := samples.Articles()
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 8 {
		t.Fatalf("got %d articles, want 8", len(arts))
	}
	prevDate := ""
	for i, a := range arts {
		if i > 0 && arts[i-1].Name >= a.Name {
			t.Errorf("articles not sorted: %s before %s", arts[i-1].Name, a.Name)
		}
		fm, body := splitFrontMatter(t, a.Name, a.Text)
		for _, k := range []string{"title", "source", "url", "date"} {
			if fm[k] == "" {
				t.Errorf("%s: front matter lacks %s", a.Name, k)
			}
		}
		if !strings.HasPrefix(fm["url"], "https://example.org/") {
			t.Errorf("%s: url %q is not under https://example.org/", a.Name, fm["url"])
		}
		if !isoDate.MatchString(fm["date"]) {
			t.Errorf("%s: date %q", a.Name, fm["date"])
		}
		if fm["date"] <= prevDate {
			t.Errorf("%s: date %s not after the previous article's %s", a.Name, fm["date"], prevDate)
		}
		prevDate = fm["date"]
		if n := len(strings.Fields(body)); n < 300 || n > 700 {
			t.Errorf("%s: %d words, want 300-700", a.Name, n)
		}
	}
}

func TestGold(t *testing.T) {
	arts, err := samples.Articles()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]string{}
	for _, a := range arts {
		byName[a.Name] = a.Text
	}
	paths, _ := filepath.Glob("*.gold.json")
	if len(paths) != len(arts) {
		t.Fatalf("%d gold files for %d articles", len(paths), len(arts))
	}
	for _, p := range paths {
		g := loadGold(t, p)
		if want := strings.TrimSuffix(p, ".gold.json") + ".txt"; g.Article.File != want {
			t.Errorf("%s: article.file %q, want %q", p, g.Article.File, want)
		}
		text, ok := byName[g.Article.File]
		if !ok {
			t.Errorf("%s: no article %s", p, g.Article.File)
			continue
		}
		fm, _ := splitFrontMatter(t, g.Article.File, text)
		if g.Article.Date != fm["date"] {
			t.Errorf("%s: date %s, front matter says %s", p, g.Article.Date, fm["date"])
		}
		if g.Article.Dateline != nil && !strings.Contains(text, *g.Article.Dateline) {
			t.Errorf("%s: dateline %q not in text", p, *g.Article.Dateline)
		}
		front := text[:strings.Index(text[4:], "\n---\n")+4]

		names := checkGoldEntities(t, p, g, text, front)
		checkGoldFacts(t, p, g, names)
		checkGoldStatements(t, p, g, text)
	}
}

// checkGoldEntities checks the entities of gold file p, whose article is
// text with the front matter front, and returns every name and alias with
// the canonical name it is of.
func checkGoldEntities(t *testing.T, p string, g gold, text, front string) map[string]string {
	t.Helper()
	names := map[string]string{}
	for _, e := range g.Entities {
		if !types[e.Type] {
			t.Errorf("%s: entity %q has type %q", p, e.Name, e.Type)
		}
		if e.Aliases == nil {
			t.Errorf("%s: entity %q has no aliases list", p, e.Name)
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if other, dup := names[n]; dup {
				t.Errorf("%s: %q names both %q and %q", p, n, other, e.Name)
			}
			names[n] = e.Name
			// an optional entity may be one the text names only by a
			// role ("state president of X": X's state chapter)
			if !strings.Contains(text, n) && !e.Optional {
				t.Errorf("%s: entity name %q does not occur in the text", p, n)
			}
			if titles.MatchString(n) {
				t.Errorf("%s: entity name %q keeps a title", p, n)
			}
			if strings.Contains(front, n) {
				t.Errorf("%s: entity name %q occurs in the front matter", p, n)
			}
		}
	}
	return names
}

// checkGoldFacts checks the facts of gold file p against FORMAT.md and
// the names of its entities.
func checkGoldFacts(t *testing.T, p string, g gold, names map[string]string) {
	t.Helper()
	for _, f := range g.Facts {
		if _, ok := names[f.Subject]; !ok {
			t.Errorf("%s: fact subject %q is not an entity", p, f.Subject)
		}
		if _, ok := names[f.Object]; !ok {
			t.Errorf("%s: fact object %q is not an entity", p, f.Object)
		}
		if !predicates[f.Predicate] {
			t.Errorf("%s: predicate %q", p, f.Predicate)
		}
		if !stances[f.Stance] {
			t.Errorf("%s: stance %q", p, f.Stance)
		}
		if f.Predicate == "holds_post" && (f.Role == nil || *f.Role == "" || *f.Role != strings.ToLower(*f.Role)) {
			t.Errorf("%s: holds_post %s -> %s needs a lower-case role", p, f.Subject, f.Object)
		}
		if f.AttributedTo != nil && *f.AttributedTo == "" {
			t.Errorf("%s: empty attributed_to (use null)", p)
		}
	}
}

// checkGoldStatements checks the statements of gold file p against its
// article's text.
func checkGoldStatements(t *testing.T, p string, g gold, text string) {
	t.Helper()
	for _, s := range g.Statements {
		if !kinds[s.Kind] {
			t.Errorf("%s: statement kind %q", p, s.Kind)
		}
		if s.Speaker == "" {
			t.Errorf("%s: statement without speaker: %q", p, s.Text)
		}
		// Gold texts are verbatim spans of the article, reported speech included.
		if !strings.Contains(text, s.Text) {
			t.Errorf("%s: %s statement text not in article: %q", p, s.Kind, s.Text)
		}
		if s.Kind == "direct" {
			if q := strings.TrimSpace(s.Text); strings.ContainsAny(q[:1], "\"“‘") {
				t.Errorf("%s: direct text keeps its quotation mark: %q", p, s.Text)
			}
		}
	}
}
