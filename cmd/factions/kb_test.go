package main

// CLI tests of the knowledge-base commands over the sample storyline
// (../../samples, see STORY.md): the full output of each command against a
// golden file in testdata/cli, and the right answers of STORY.md asserted
// one by one. When ../../../shared is present the labelled dev articles are
// ingested too, in a knowledge base of their own whose output is checked
// but never kept. Right answers the extractor or the store do not give yet are known
// gaps: the check still runs, and when it fails the test is skipped with
// what is wrong and the actual output, so that the list of skips is the
// list of work items. Rewrite the golden files with
//
//	go test ./cmd/factions -run TestCLIKnowledgeBase -update-cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

var updateCLI = flag.Bool("update-cli", false, "rewrite testdata/cli/*.golden from the current output of the CLI")

const (
	// cliShared is the shared folder (dev gold, corpus) seen from this package.
	cliShared = "../../../shared"
	// cliGoldenDir holds the golden files of the knowledge base of the samples.
	cliGoldenDir = "testdata/cli"
)

// cliKB is a knowledge base built by the ingest command in a temporary folder.
type cliKB struct {
	dir, db string
	dev     bool      // the dev articles are in it
	from    time.Time // when ingestion began and ended: the date of
	to      time.Time // articles that have none
}

// cliSampleFiles returns the 8 sample articles, sorted.
func cliSampleFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../samples/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	if len(files) != 8 {
		t.Fatalf("got %d sample articles in ../../samples, want 8: %v", len(files), files)
	}
	return files
}

// cliDevFiles returns the texts of the dev articles of ../../../shared/eval/dev:
// mqm-new-faction.txt and the files named by the article "path" (or "file")
// of each *.gold.json, relative to that folder, in the order of the gold
// files' names. It returns nil when ../../../shared is absent.
func cliDevFiles(t *testing.T) []string {
	t.Helper()
	if _, err := os.Stat(cliShared); err != nil {
		return nil
	}
	dev := filepath.Join(cliShared, "eval", "dev")
	golds, err := filepath.Glob(filepath.Join(dev, "*.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(golds)
	var files []string
	seen := map[string]bool{}
	add := func(p string) {
		p = filepath.Clean(p)
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	add(filepath.Join(dev, "mqm-new-faction.txt"))
	for _, g := range golds {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		var gold struct {
			Article struct {
				Path string `json:"path"`
				File string `json:"file"`
			} `json:"article"`
		}
		if err := json.Unmarshal(b, &gold); err != nil {
			t.Fatalf("%s: %v", g, err)
		}
		p := gold.Article.Path
		if p == "" {
			p = gold.Article.File
		}
		if p == "" {
			t.Fatalf("%s: no article path or file", g)
		}
		add(filepath.Join(dev, p))
	}
	if len(files) != 6 {
		t.Fatalf("got %d dev articles, want 6: %v", len(files), files)
	}
	return files
}

// newCLIKB ingests the sample articles and, when withDev and
// ../../../shared is there, the dev articles into a new database, then
// ingests them all again and checks that nothing changes.
func newCLIKB(t *testing.T, withDev bool) *cliKB {
	t.Helper()
	dir := t.TempDir()
	kb := &cliKB{dir: dir, db: filepath.Join(dir, "kb.db"), from: time.Now()}
	ingest := func(files []string, flags ...string) string {
		t.Helper()
		args := append([]string{"ingest", "--db", kb.db}, flags...)
		out, errs, err := run(t, "", append(args, files...)...)
		if err != nil {
			t.Fatalf("factions ingest: %v\n%s", err, errs)
		}
		if errs != "" {
			t.Errorf("factions ingest: stderr %q", errs)
		}
		return out
	}
	samples := cliSampleFiles(t)
	if got, want := ingest(samples), "ingested 8 new, 0 unchanged, 0 failed\n"; got != want {
		t.Fatalf("ingest samples: got %q, want %q", got, want)
	}
	all := samples
	if withDev {
		dev := cliDevFiles(t)
		if dev == nil {
			t.Logf("%s is absent: the knowledge base holds the samples only", cliShared)
		} else {
			// dated as the gold dates them, through a manifest
			manifest := cliDevManifest(t, dir, cliDevGolds(t))
			if got, want := ingest(dev, "--manifest", manifest), "ingested 6 new, 0 unchanged, 0 failed\n"; got != want {
				t.Fatalf("ingest dev articles: got %q, want %q", got, want)
			}
			kb.dev = true
			all = append(all[:len(all):len(all)], dev...)
		}
	}
	kb.to = time.Now()
	want := fmt.Sprintf("ingested 0 new, %d unchanged, 0 failed\n", len(all))
	if got := ingest(all); got != want {
		t.Fatalf("ingest again: got %q, want %q", got, want)
	}
	return kb
}

// run runs a command on the knowledge base (--db is added after the
// command name) and returns its output, normalised.
func (kb *cliKB) run(t *testing.T, args ...string) string {
	t.Helper()
	full := append([]string{args[0], "--db", kb.db}, args[1:]...)
	out, errs, err := run(t, "", full...)
	if err != nil {
		t.Fatalf("factions %s: %v\n%s", strings.Join(args, " "), err, errs)
	}
	return kb.normalise(out)
}

// try is run for a command that may fail, as when an entity is not found:
// the error is returned as the output, as the command line prints it.
func (kb *cliKB) try(t *testing.T, args ...string) string {
	t.Helper()
	full := append([]string{args[0], "--db", kb.db}, args[1:]...)
	out, errs, err := run(t, "", full...)
	if err != nil {
		out += errs + "factions: " + userMessage(err) + "\n"
	}
	return kb.normalise(out)
}

var (
	cliTimestampRE = regexp.MustCompile(`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})`)
	cliDateRE      = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
)

// normalise replaces what depends on the run rather than on the articles:
// the temporary folder, and the time of ingestion, which the store takes as
// the date of an article that has none (the dev articles have no front
// matter): a timestamp of the ingestion becomes <ingest-time>, its date
// <ingested> (as wide as a date).
func (kb *cliKB) normalise(s string) string {
	s = strings.ReplaceAll(s, kb.dir, "$TMP")
	from, to := kb.from.Add(-time.Second), kb.to.Add(time.Second)
	s = cliTimestampRE.ReplaceAllStringFunc(s, func(ts string) string {
		tm, err := time.Parse(time.RFC3339Nano, ts)
		if err != nil || tm.Before(from) || tm.After(to) {
			return ts
		}
		return "<ingest-time>"
	})
	days := map[string]bool{}
	for _, tm := range []time.Time{kb.from.UTC(), kb.to.UTC(), kb.from.Local(), kb.to.Local()} {
		days[tm.Format("2006-01-02")] = true
	}
	return cliDateRE.ReplaceAllStringFunc(s, func(d string) string {
		if days[d] {
			return "<ingested>"
		}
		return d
	})
}

// cliGoldenCommands are the commands whose full output is kept in
// testdata/cli/NAME.golden.
var cliGoldenCommands = []struct {
	name string
	args []string
}{
	{"show-jnd", []string{"show", "Jatiya Nabajagaran Dal"}},
	{"show-mridha-2023-06-01", []string{"show", "--as-of", "2023-06-01", "Abul Kashem Mridha"}},
	{"show-mridha-2024-01-01", []string{"show", "--as-of", "2024-01-01", "Abul Kashem Mridha"}},
	{"show-hawlader-2023-06-01", []string{"show", "--as-of", "2023-06-01", "Rokeya Parveen Hawlader"}},
	{"show-hawlader-2025-01-01", []string{"show", "--as-of", "2025-01-01", "Rokeya Parveen Hawlader"}},
	{"claims-contested", []string{"claims", "--contested"}},
	{"claims-contested-json", []string{"claims", "--contested", "--json"}},
	{"show-jnd-json", []string{"show", "--json", "Jatiya Nabajagaran Dal"}},
	{"quotes-sikder-json", []string{"quotes", "--json", "Tanvir Ahmed Sikder"}},
	{"lineage-jnd", []string{"lineage", "Jatiya Nabajagaran Dal"}},
	{"quotes-sikder", []string{"quotes", "Tanvir Ahmed Sikder"}},
	{"export-popolo", []string{"export", "--popolo"}},
	{"entities-organizations", []string{"entities", "--type", "organization", "--limit", "12"}},
}

// checkCLIGolden compares got with the golden file, or writes it with -update-cli.
func checkCLIGolden(t *testing.T, path, got string) {
	t.Helper()
	if *updateCLI {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/factions -run TestCLIKnowledgeBase -update-cli)", err)
	}
	want := string(b)
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	i := 0
	for i < len(gl) && i < len(wl) && gl[i] == wl[i] {
		i++
	}
	around := func(ls []string) string {
		var b strings.Builder
		for j := max(0, i-3); j < min(len(ls), i+4); j++ {
			mark := "  "
			if j == i {
				mark = "> "
			}
			fmt.Fprintf(&b, "    %s%s\n", mark, ls[j])
		}
		return b.String()
	}
	t.Errorf("output differs from %s from line %d (%d lines, want %d):\ngot:\n%swant:\n%sIf the new output is right, run go test ./cmd/factions -run TestCLIKnowledgeBase -update-cli",
		path, i+1, len(gl), len(wl), around(gl), around(wl))
}

func TestCLIKnowledgeBase(t *testing.T) {
	// the golden files hold the output for our own samples only: the dev
	// articles are not ours, and nothing of theirs is kept in the repo
	kb := newCLIKB(t, false)
	t.Run("golden", func(t *testing.T) {
		for _, c := range cliGoldenCommands {
			t.Run(c.name, func(t *testing.T) {
				out := kb.run(t, c.args...)
				if again := kb.run(t, c.args...); again != out {
					t.Errorf("factions %s: two runs print different output", strings.Join(c.args, " "))
				}
				if c.name == "export-popolo" {
					checkCLIPopolo(t, out)
				}
				checkCLIGolden(t, filepath.Join(cliGoldenDir, c.name+".golden"), out)
			})
		}
	})
	t.Run("right answers", func(t *testing.T) { testCLIRightAnswers(t, kb) })
	t.Run("with dev articles", func(t *testing.T) {
		// the samples and the dev articles together: ingest is idempotent
		// (newCLIKB checks it), and every command runs and prints the same
		// twice; the output is not kept
		dkb := newCLIKB(t, true)
		if !dkb.dev {
			t.Skipf("%s is absent: the dev articles are not ingested", cliShared)
		}
		for _, c := range cliGoldenCommands {
			out := dkb.run(t, c.args...)
			if out == "" {
				t.Errorf("factions %s: no output", strings.Join(c.args, " "))
			}
			if again := dkb.run(t, c.args...); again != out {
				t.Errorf("factions %s: two runs print different output", strings.Join(c.args, " "))
			}
			if c.name == "export-popolo" {
				checkCLIPopolo(t, out)
			}
		}
		t.Run("gold facts the extractor reads are claims of the knowledge base", func(t *testing.T) { testCLIDevGold(t, dkb) })
	})
}

// checkCLIPopolo checks that export --popolo prints JSON with persons,
// organizations and memberships.
func checkCLIPopolo(t *testing.T, out string) {
	t.Helper()
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("export --popolo: not JSON: %v\n%.500s", err, out)
	}
	for _, k := range []string{"persons", "organizations", "memberships"} {
		var items []map[string]any
		if err := json.Unmarshal(doc[k], &items); err != nil {
			t.Errorf("export --popolo: %s: %v", k, err)
			continue
		}
		if len(items) == 0 {
			t.Errorf("export --popolo: no %s", k)
		}
	}
}

// cliSections splits a card printed by show into its sections: the lines of
// each, trimmed, by title ("Posts", "Former", "Claims (12)" as "Claims").
func cliSections(card string) map[string][]string {
	secs := map[string][]string{}
	title := ""
	for _, l := range strings.Split(card, "\n") {
		switch {
		case l == "":
		case !strings.HasPrefix(l, " "):
			title = l
			if i := strings.Index(title, " ("); i > 0 && strings.HasPrefix(title, "Claims") {
				title = title[:i]
			}
			if _, ok := secs[title]; !ok {
				secs[title] = []string{}
			}
		default:
			secs[title] = append(secs[title], strings.TrimSpace(l))
		}
	}
	return secs
}

// cliItem reports whether a card section lists item, alone or with its
// dates and support in parentheses.
func cliItem(lines []string, item string) bool {
	for _, l := range lines {
		if l == item || strings.HasPrefix(l, item+"  (") {
			return true
		}
	}
	return false
}

// cliClaim is one claim line of claims --contested.
type cliClaim struct {
	id, stance, by, source, date string
}

// cliClaimGroup is a fact and its claims, as claims prints them.
type cliClaimGroup struct {
	fact   string // "S predicate O [role]", without the contested mark
	claims []cliClaim
}

// cliClaimRE reads a claim of a dispute of claims --contested: its side,
// ID, fact, stance, who put it forward, the paper and the date.
var cliClaimRE = regexp.MustCompile(`^  (for:|against:|)\s+#(\d+) (.+): (\S+) by (.*) \((.*), (\S+)\)$`)

// cliParseClaims reads the disputes of claims --contested into one group a
// fact, checking that each dispute has both its sides.
func cliParseClaims(t *testing.T, out string) []cliClaimGroup {
	t.Helper()
	var gs []cliClaimGroup
	at := map[string]int{}
	for _, block := range strings.Split(strings.TrimRight(out, "\n"), "\n\n") {
		ls := strings.Split(block, "\n")
		if !strings.HasSuffix(ls[0], ": contested") {
			t.Errorf("claims: dispute %q", ls[0])
		}
		sides := map[string]bool{}
		side := ""
		for _, l := range ls[1:] {
			m := cliClaimRE.FindStringSubmatch(l)
			if m == nil {
				if !strings.HasPrefix(strings.TrimSpace(l), "“") {
					t.Errorf("claims: unexpected line %q", l)
				}
				continue
			}
			if m[1] != "" {
				side = m[1]
			}
			sides[side] = true
			i, ok := at[m[3]]
			if !ok {
				i = len(gs)
				at[m[3]] = i
				gs = append(gs, cliClaimGroup{fact: m[3]})
			}
			gs[i].claims = append(gs[i].claims, cliClaim{m[2], m[4], m[5], m[6], m[7]})
		}
		if !sides["for:"] || !sides["against:"] {
			t.Errorf("claims: dispute %q without both its sides", ls[0])
		}
	}
	return gs
}

// cliStances returns the stances of the claims of the fact, with who
// put each forward.
func cliStances(gs []cliClaimGroup, fact string) (stances map[string][]string, found bool) {
	stances = map[string][]string{}
	for _, g := range gs {
		if g.fact != fact {
			continue
		}
		found = true
		for _, c := range g.claims {
			stances[c.stance] = append(stances[c.stance], c.by)
		}
	}
	return stances, found
}

// The names the store may give the breakaway faction; the right answer is one
// entity under one of them.
var cliJNDG = []string{"Jatiya Nabajagaran Dal (Gonotantrik)", "JND (Gonotantrik)", "JND-G"}

// cliRightAnswer is a fact of STORY.md asserted on a command's output.
type cliRightAnswer struct {
	name  string
	args  []string
	check func(t *testing.T, kb *cliKB, out string) []string // what is wrong; none when right (kb to ask more)
}

// cliRightAnswers are what the CLI must answer about the dev articles.
var cliRightAnswers = []cliRightAnswer{
	{
		name: "Mridha is JND secretary general as of 2023-06-01",
		args: []string{"show", "--as-of", "2023-06-01", "Abul Kashem Mridha"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			s := cliSections(out)
			var bad []string
			if !cliItem(s["Posts"], "secretary general, Jatiya Nabajagaran Dal") {
				bad = append(bad, fmt.Sprintf("Posts = %q, want it to list \"secretary general, Jatiya Nabajagaran Dal\" (01, 2023-03-12)", s["Posts"]))
			}
			if cliItem(s["Former"], "secretary general, Jatiya Nabajagaran Dal") {
				bad = append(bad, "Former lists the post before he resigned (2023-08-19)")
			}
			return bad
		},
	},
	{
		name: "Mridha's JND post is former as of 2024-01-01",
		args: []string{"show", "--as-of", "2024-01-01", "Abul Kashem Mridha"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			s := cliSections(out)
			var bad []string
			if !cliItem(s["Former"], "secretary general, Jatiya Nabajagaran Dal") {
				bad = append(bad, fmt.Sprintf("Former = %q, want \"secretary general, Jatiya Nabajagaran Dal\" (02, 03)", s["Former"]))
			}
			if cliItem(s["Posts"], "secretary general, Jatiya Nabajagaran Dal") {
				bad = append(bad, "Posts still lists secretary general of the JND")
			}
			return bad
		},
	},
	{
		name: "Mridha left the JND on 2023-08-21",
		args: []string{"show", "--as-of", "2024-01-01", "Abul Kashem Mridha"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			if !slices.ContainsFunc(cliSections(out)["Claims"], func(l string) bool {
				return l == "2023-08-21  Abul Kashem Mridha left Jatiya Nabajagaran Dal" || strings.HasPrefix(l, "2023-08-21  Abul Kashem Mridha left Jatiya Nabajagaran Dal  [")
			}) {
				return []string{"Claims has no \"2023-08-21  Abul Kashem Mridha left Jatiya Nabajagaran Dal\" (02: \"resigned from the post on Saturday night and quit the party\")"}
			}
			return nil
		},
	},
	{
		name: "Mridha is JND-G general secretary as of 2024-01-01",
		args: []string{"show", "--as-of", "2024-01-01", "Abul Kashem Mridha"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			s := cliSections(out)
			for _, g := range cliJNDG {
				if cliItem(s["Posts"], "general secretary, "+g) {
					return nil
				}
			}
			return []string{fmt.Sprintf("Posts = %q, want \"general secretary, Jatiya Nabajagaran Dal (Gonotantrik)\" (02, 2023-08-21, according to Hawlader)", s["Posts"])}
		},
	},
	{
		name: "Hawlader is JND senior vice-president as of 2023-06-01",
		args: []string{"show", "--as-of", "2023-06-01", "Rokeya Parveen Hawlader"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			s := cliSections(out)
			if !cliItem(s["Posts"], "senior vice-president, Jatiya Nabajagaran Dal") {
				return []string{fmt.Sprintf("Posts = %q, want \"senior vice-president, Jatiya Nabajagaran Dal\" (01, 2023-03-12)", s["Posts"])}
			}
			return nil
		},
	},
	{
		name: "Hawlader's JND post is former as of 2025-01-01",
		args: []string{"show", "--as-of", "2025-01-01", "Rokeya Parveen Hawlader"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			s := cliSections(out)
			var bad []string
			if !cliItem(s["Former"], "senior vice-president, Jatiya Nabajagaran Dal") {
				bad = append(bad, fmt.Sprintf("Former = %q, want \"senior vice-president, Jatiya Nabajagaran Dal\" (03, 04)", s["Former"]))
			}
			if cliItem(s["Posts"], "senior vice-president, Jatiya Nabajagaran Dal") {
				bad = append(bad, "Posts still lists senior vice-president of the JND")
			}
			return bad
		},
	},
	{
		name: "Hawlader is SND senior vice-president as of 2025-01-01",
		args: []string{"show", "--as-of", "2025-01-01", "Rokeya Parveen Hawlader"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			s := cliSections(out)
			if !cliItem(s["Posts"], "senior vice-president, Sammilito Nagorik Dal") {
				return []string{fmt.Sprintf("Posts = %q, want \"senior vice-president, Sammilito Nagorik Dal\" (06, 2024-10-15)", s["Posts"])}
			}
			return nil
		},
	},
	{
		name: "Patwary is JND secretary general as of 2024-06-01",
		args: []string{"show", "--as-of", "2024-06-01", "Shahidul Karim Patwary"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			s := cliSections(out)
			if !cliItem(s["Posts"], "secretary general, Jatiya Nabajagaran Dal") {
				return []string{fmt.Sprintf("Posts = %q, want \"secretary general, Jatiya Nabajagaran Dal\" (03, since September 2023; 04)", s["Posts"])}
			}
			return nil
		},
	},
	{
		name: "Khasru is JND secretary general now and Patwary's post is former",
		args: []string{"show", "Imtiaz Hasan Khasru"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			var bad []string
			if s := cliSections(out); !cliItem(s["Posts"], "secretary general, Jatiya Nabajagaran Dal") {
				bad = append(bad, fmt.Sprintf("Khasru's Posts = %q, want \"secretary general, Jatiya Nabajagaran Dal\" (08)", s["Posts"]))
			}
			p := kb.try(t, "show", "Shahidul Karim Patwary")
			s := cliSections(p)
			if !cliItem(s["Former"], "secretary general, Jatiya Nabajagaran Dal") || cliItem(s["Posts"], "secretary general, Jatiya Nabajagaran Dal") {
				bad = append(bad, fmt.Sprintf("Patwary's Posts = %q and Former = %q, want \"secretary general, Jatiya Nabajagaran Dal\" under Former only (08)", s["Posts"], s["Former"]))
			}
			return bad
		},
	},
	{
		name: "the JND (Gonotantrik) is a faction of the JND",
		args: []string{"show", "Jatiya Nabajagaran Dal"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			s := cliSections(out)
			for _, g := range cliJNDG {
				if cliItem(s["Factions"], g) {
					return nil
				}
			}
			return []string{fmt.Sprintf("Factions = %q, want the JND (Gonotantrik)", s["Factions"])}
		},
	},
	{
		name: "the JND (Gonotantrik) is one entity",
		args: []string{"show", "Jatiya Nabajagaran Dal"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			if s := cliSections(out); len(s["Factions"]) != 1 {
				return []string{fmt.Sprintf("Factions = %q, want one faction (the JND (Gonotantrik))", s["Factions"])}
			}
			return nil
		},
	},
	{
		name: "Patwary leads the JND now, not the late Talukder",
		args: []string{"show", "Jatiya Nabajagaran Dal"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			s := cliSections(out)
			var bad []string
			if !slices.ContainsFunc(s["Leaders"], func(l string) bool { return strings.HasPrefix(l, "Shahidul Karim Patwary") }) {
				bad = append(bad, fmt.Sprintf("Leaders = %q, want Shahidul Karim Patwary (president, 08)", s["Leaders"]))
			}
			if slices.ContainsFunc(s["Leaders"], func(l string) bool { return strings.HasPrefix(l, "Mohammad Jalal Uddin Talukder") }) {
				bad = append(bad, "Leaders lists Talukder, who died on 2025-03-25 (07) and \"had led\" the party (08)")
			}
			return bad
		},
	},
	{
		name: "Talukder leads the JND as of 2024-01-01",
		args: []string{"show", "--as-of", "2024-01-01", "Jatiya Nabajagaran Dal"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			s := cliSections(out)
			if !slices.ContainsFunc(s["Leaders"], func(l string) bool { return strings.HasPrefix(l, "Mohammad Jalal Uddin Talukder") }) {
				return []string{fmt.Sprintf("Leaders = %q, want Mohammad Jalal Uddin Talukder (president, 01, 2023-03-12)", s["Leaders"])}
			}
			return nil
		},
	},
	{
		name: "the JND itself did not merge into the SND",
		args: []string{"show", "Jatiya Nabajagaran Dal"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			if strings.Contains(out, "  Jatiya Nabajagaran Dal merged_into ") {
				return []string{"Claims has \"Jatiya Nabajagaran Dal merged_into Sammilito Nagorik Dal\": it was the JND (Gonotantrik) that merged (06)"}
			}
			return nil
		},
	},
	{
		name: "the lineage of the JND shows the JND (Gonotantrik) as a faction since 2023-08-21, merged into the SND on 2024-10-15",
		args: []string{"lineage", "Jatiya Nabajagaran Dal"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			for _, l := range strings.Split(out, "\n") {
				for _, g := range cliJNDG {
					if strings.HasSuffix(l, "── "+g+"  (faction, since 2023-08-21; merged into Sammilito Nagorik Dal 2024-10-15)") {
						return nil
					}
				}
			}
			return []string{"no line \"── Jatiya Nabajagaran Dal (Gonotantrik)  (faction, since 2023-08-21; merged into Sammilito Nagorik Dal 2024-10-15)\""}
		},
	},
	{
		name: "the lineage of the JND has one node per faction and body",
		args: []string{"lineage", "Jatiya Nabajagaran Dal"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			var bad []string
			n := 0
			for _, l := range strings.Split(out, "\n") {
				if strings.HasSuffix(l, ")") && strings.Contains(l, "(faction") {
					n++
				}
			}
			if n != 1 {
				bad = append(bad, fmt.Sprintf("%d faction nodes, want 1 (the JND (Gonotantrik))", n))
			}
			for _, body := range []string{"central committee", "national standing committee", "JND Malaysia chapter", "JND New York chapter"} {
				if !strings.Contains(out, "── "+body+"  (body") {
					bad = append(bad, fmt.Sprintf("no body %q", body))
				}
			}
			if strings.Contains(out, "── standing committee  (body") {
				bad = append(bad, "\"standing committee\" (07) is a node of its own, but it is the national standing committee (01)")
			}
			return bad
		},
	},
	{
		name: "the lineage of the SND has the JND (Gonotantrik) merged in on 2024-10-15",
		args: []string{"lineage", "Sammilito Nagorik Dal"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			for _, l := range strings.Split(out, "\n") {
				for _, g := range cliJNDG {
					if strings.HasSuffix(l, "── "+g+"  (merged in, since 2024-10-15)") {
						return nil
					}
				}
			}
			return []string{"no line \"── Jatiya Nabajagaran Dal (Gonotantrik)  (merged in, since 2024-10-15)\""}
		},
	},
	{
		name: "claims --contested shows a fact asserted and denied side by side",
		args: []string{"claims", "--contested"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			for _, g := range cliParseClaims(t, out) {
				st := map[string]bool{}
				for _, c := range g.claims {
					st[c.stance] = true
				}
				if st["asserted"] && st["denied"] {
					return nil
				}
			}
			return []string{"no fact has both an asserted and a denied claim"}
		},
	},
	{
		name: "Talukder based_in London is asserted and denied (by Sikder) side by side",
		args: []string{"claims", "--contested"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			st, found := cliStances(cliParseClaims(t, out), "Mohammad Jalal Uddin Talukder based_in London")
			if !found {
				return []string{"no contested fact \"Mohammad Jalal Uddin Talukder based_in London\""}
			}
			var bad []string
			if len(st["asserted"]) == 0 {
				bad = append(bad, "no asserted claim (party insiders 02; the articles 03, 04, 05, 07)")
			}
			if !slices.Contains(st["denied"], "Tanvir Ahmed Sikder") {
				bad = append(bad, fmt.Sprintf("denied by %q, want Tanvir Ahmed Sikder (02)", st["denied"]))
			}
			return bad
		},
	},
	{
		name: "Talukder based_in London is asserted by party insiders",
		args: []string{"claims", "--contested"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			st, _ := cliStances(cliParseClaims(t, out), "Mohammad Jalal Uddin Talukder based_in London")
			if !slices.ContainsFunc(st["asserted"], func(by string) bool { return strings.EqualFold(by, "party insiders") }) {
				return []string{fmt.Sprintf("asserted by %q, want party insiders among them (02)", st["asserted"])}
			}
			return nil
		},
	},
	{
		name: "the JND-G's alliance with the SND is contested",
		args: []string{"claims", "--contested"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			gs := cliParseClaims(t, out)
			for _, g := range cliJNDG {
				for _, fact := range []string{g + " allied_with Sammilito Nagorik Dal", "Sammilito Nagorik Dal allied_with " + g} {
					if st, ok := cliStances(gs, fact); ok && len(st["asserted"]) > 0 && len(st["denied"]) > 0 {
						return nil
					}
				}
			}
			return []string{"no contested fact \"Jatiya Nabajagaran Dal (Gonotantrik) allied_with Sammilito Nagorik Dal\" asserted (Talukder 03, the JND 04, Sikder 06) and denied (Hawlader 04, Mridha 06)"}
		},
	},
	{
		name: "Bepari's JND membership is contested",
		args: []string{"claims", "--contested"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			st, found := cliStances(cliParseClaims(t, out), "Rezaul Bepari member_of Jatiya Nabajagaran Dal")
			if !found || len(st["asserted"]) == 0 || len(st["denied"]) == 0 {
				return []string{fmt.Sprintf("want \"Rezaul Bepari member_of Jatiya Nabajagaran Dal\" asserted by Wan Azhar Wan Ismail and denied by Rezaul Bepari (05); got %v", st)}
			}
			return nil
		},
	},
	{
		name: "quotes of the spokesman are newest first",
		args: []string{"quotes", "Tanvir Ahmed Sikder"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			dates := cliQuoteDates(out)
			if len(dates) == 0 {
				return []string{"no statements"}
			}
			if !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
				return []string{fmt.Sprintf("dates %q are not in descending order", dates)}
			}
			if dates[0] != "2025-03-27" || dates[len(dates)-1] != "2023-03-12" {
				return []string{fmt.Sprintf("dates run from %s to %s, want from 2025-03-27 (07) to 2023-03-12 (01)", dates[0], dates[len(dates)-1])}
			}
			return nil
		},
	},
	{
		name: "quotes of the spokesman hold every statement of his in the gold",
		args: []string{"quotes", "Tanvir Ahmed Sikder"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			var bad []string
			for _, g := range cliGoldStatements(t, "Tanvir Ahmed Sikder") {
				if !g.optional && !strings.Contains(out, "\n"+g.line()+"\n") {
					bad = append(bad, fmt.Sprintf("missing (%s) %s", g.article, g.line()))
				}
			}
			return bad
		},
	},
	{
		name: "quotes of the spokesman hold nothing he did not say",
		args: []string{"quotes", "Tanvir Ahmed Sikder"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			gold := map[string]bool{}
			for _, g := range cliGoldStatements(t, "Tanvir Ahmed Sikder") {
				gold[g.line()] = true
			}
			var bad []string
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "  ") && !gold[l] {
					bad = append(bad, "not his: "+strings.TrimSpace(l))
				}
			}
			return bad
		},
	},
	{
		name: "export --popolo has the JND once",
		args: []string{"export", "--popolo"},
		check: func(t *testing.T, kb *cliKB, out string) []string {
			var doc struct {
				Organizations []struct {
					Name string `json:"name"`
				} `json:"organizations"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				return []string{err.Error()}
			}
			var jnd []string
			for _, o := range doc.Organizations {
				if strings.HasPrefix(o.Name, "Jatiya Nabajagaran Dal") && !strings.Contains(o.Name, "Gonotantrik") {
					jnd = append(jnd, o.Name)
				}
			}
			if len(jnd) != 1 {
				return []string{fmt.Sprintf("organizations %q, want only \"Jatiya Nabajagaran Dal\"", jnd)}
			}
			return nil
		},
	},
}

func testCLIRightAnswers(t *testing.T, kb *cliKB) {
	for _, a := range cliRightAnswers {
		t.Run(a.name, func(t *testing.T) {
			out := kb.try(t, a.args...)
			bad := a.check(t, kb, out)
			if len(bad) > 0 {
				t.Errorf("factions %s:\n  %s\noutput:\n%s", strings.Join(a.args, " "), strings.Join(bad, "\n  "), out)
			}
		})
	}
}

var cliQuoteHeadRE = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}|undated)  `)

// cliQuoteDates returns the dates of the statements printed by quotes, in order.
func cliQuoteDates(out string) []string {
	var ds []string
	for _, l := range strings.Split(out, "\n") {
		if m := cliQuoteHeadRE.FindStringSubmatch(l); m != nil {
			ds = append(ds, m[1])
		}
	}
	return ds
}

// cliGoldStatement is a statement of the samples' gold.
type cliGoldStatement struct {
	article, kind, text string
	optional            bool
}

// line is the statement as quotes prints it.
func (g cliGoldStatement) line() string {
	if g.kind == "direct" {
		return "  “" + g.text + "”"
	}
	return "  (reported) " + g.text
}

// cliGoldStatements returns the statements of speaker in ../../samples/*.gold.json.
func cliGoldStatements(t *testing.T, speaker string) []cliGoldStatement {
	t.Helper()
	golds, err := filepath.Glob("../../samples/*.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(golds)
	var out []cliGoldStatement
	for _, f := range golds {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var gold struct {
			Statements []struct {
				Speaker    string   `json:"speaker"`
				SpeakerAlt []string `json:"speaker_alternatives"`
				Kind       string   `json:"kind"`
				Text       string   `json:"text"`
				Optional   bool     `json:"optional"`
			} `json:"statements"`
		}
		if err := json.Unmarshal(bytes.TrimSpace(b), &gold); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, s := range gold.Statements {
			if s.Speaker == speaker || slices.Contains(s.SpeakerAlt, speaker) {
				out = append(out, cliGoldStatement{article: filepath.Base(f)[:2], kind: s.Kind, text: s.Text, optional: s.Optional})
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no statements of %s in the samples' gold", speaker)
	}
	return out
}

// newCLIKBOf ingests the files into a new database.
func newCLIKBOf(t *testing.T, files ...string) *cliKB {
	t.Helper()
	dir := t.TempDir()
	kb := &cliKB{dir: dir, db: filepath.Join(dir, "kb.db"), from: time.Now()}
	out, errs, err := run(t, "", append([]string{"ingest", "--db", kb.db}, files...)...)
	if err != nil {
		t.Fatalf("factions ingest: %v\n%s", err, errs)
	}
	if want := fmt.Sprintf("ingested %d new, 0 unchanged, 0 failed\n", len(files)); out != want {
		t.Fatalf("factions ingest: got %q, want %q", out, want)
	}
	kb.to = time.Now()
	return kb
}

// The organization card of show, on two small articles of testdata/cli/leader-died:
// Karim Uddin Ahmed, president of the Nagorik Shakti Party, and Rahim Mia,
// its secretary general, named on 2024-01-10; Ahmed's death reported on
// 2024-06-10.
func TestCLIShowOrganizationCard(t *testing.T) {
	kb := newCLIKBOf(t, "testdata/cli/leader-died/01-rally.txt", "testdata/cli/leader-died/02-death.txt")
	const party, leader = "Nagorik Shakti Party", "Karim Uddin Ahmed"
	person := kb.run(t, "show", "--as-of", "2024-07-01", leader)
	if !cliItem(cliSections(person)["Former"], "leads "+party) {
		t.Fatalf("the articles are not read as this test needs (leads, then died_in): show %s prints\n%s", leader, person)
	}
	t.Run("a leader who died is not a leader", func(t *testing.T) {
		org := kb.run(t, "show", "--as-of", "2024-07-01", party)
		if !slices.ContainsFunc(cliSections(org)["Leaders"], func(l string) bool { return strings.HasPrefix(l, leader) }) {
			return
		}
		t.Errorf("the organization's card still lists the leader who died\n"+
			"expected: Leaders without %s as of 2024-07-01 (died_in reported 2024-06-10)\nactual show --as-of 2024-07-01 %q:\n%s\nwhile show --as-of 2024-07-01 %q:\n%s",
			leader, party, org, leader, person)
	})
	t.Run("the card says who holds which post", func(t *testing.T) {
		org := kb.run(t, "show", "--as-of", "2024-03-01", party)
		if !strings.Contains(org, "2024-01-10  Rahim Mia holds_post "+party+" [secretary general]") {
			t.Fatalf("Rahim Mia's post is not read; show prints\n%s", org)
		}
		for title, lines := range cliSections(org) {
			if title != "Claims" && slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, "Rahim Mia") }) {
				return
			}
		}
		t.Errorf("the organization's card lists no post holders\n"+
			"expected: a section naming Rahim Mia, secretary general\nactual show --as-of 2024-03-01 %q:\n%s", party, org)
	})
}

// cardJSON is the shape of show --json that README.md documents ("The JSON
// of a card"); the test decodes with unknown fields disallowed, so that a
// field added to a card is added to the documentation too.
type cardJSON struct {
	Entity struct {
		ID      int64    `json:"id"`
		Name    string   `json:"name"`
		Type    string   `json:"type"`
		Aliases []string `json:"aliases"`
	} `json:"entity"`
	AsOf        string               `json:"as_of"`
	Aliases     []string             `json:"aliases"`
	Posts       []rowJSON            `json:"posts"`
	Officers    []rowJSON            `json:"officers"`
	Memberships []rowJSON            `json:"memberships"`
	Leads       []rowJSON            `json:"leads"`
	Leaders     []rowJSON            `json:"leaders"`
	Members     []rowJSON            `json:"members"`
	Factions    []rowJSON            `json:"factions"`
	FactionOf   []rowJSON            `json:"faction_of"`
	PartOf      []rowJSON            `json:"part_of"`
	Parts       []rowJSON            `json:"parts"`
	Allies      []rowJSON            `json:"allies"`
	BasedIn     []rowJSON            `json:"based_in"`
	Other       map[string][]rowJSON `json:"other"`
	Former      []rowJSON            `json:"former"`
	Unconfirmed []rowJSON            `json:"unconfirmed"`
	Claims      []rowJSON            `json:"claims"`
}

// rowJSON is a claim of a card.
type rowJSON struct {
	ID           int64  `json:"id"`
	Subject      string `json:"subject"`
	SubjectID    int64  `json:"subject_id"`
	Predicate    string `json:"predicate"`
	Object       string `json:"object"`
	ObjectID     int64  `json:"object_id"`
	Role         string `json:"role"`
	Former       bool   `json:"former"`
	Stance       string `json:"stance"`
	AttributedTo string `json:"attributed_to"`
	Evidence     struct {
		Start, End int
	} `json:"evidence"`
	Sentence   string `json:"sentence"`
	ArticleID  int64  `json:"article_id"`
	Date       string `json:"date"`
	Undated    bool   `json:"undated"`
	DateUntil  string `json:"date_until"`
	Source     string `json:"source"`
	Rejected   bool   `json:"rejected"`
	Contested  bool   `json:"contested"`
	Supporters int    `json:"supporters"`
	Articles   int    `json:"articles"`
	First      string `json:"first"`
	Latest     string `json:"latest"`
	Note       string `json:"note"`
}

// TestShowJSON checks the documented shape of show --json on cards of an
// organization and a person, now and as of a date: every row names its
// subject, predicate and object, and a row of a list or Former has its
// support (articles, first and latest dates).
func TestShowJSON(t *testing.T) {
	kb := newCLIKB(t, false)
	for _, args := range [][]string{
		{"show", "--json", "Jatiya Nabajagaran Dal"},
		{"show", "--json", "--as-of", "2024-01-01", "Jatiya Nabajagaran Dal"},
		{"show", "--json", "Abul Kashem Mridha"},
	} {
		out := kb.run(t, args...)
		dec := json.NewDecoder(strings.NewReader(out))
		dec.DisallowUnknownFields()
		var card cardJSON
		if err := dec.Decode(&card); err != nil {
			t.Fatalf("%s: %v (document the new field in README.md and here)", strings.Join(args, " "), err)
		}
		if card.Entity.ID == 0 || card.Entity.Name == "" || card.Entity.Type == "" || len(card.Claims) == 0 {
			t.Errorf("%s: entity %+v with %d claims", strings.Join(args, " "), card.Entity, len(card.Claims))
		}
		lists := map[string][]rowJSON{"posts": card.Posts, "officers": card.Officers, "memberships": card.Memberships,
			"leads": card.Leads, "leaders": card.Leaders, "members": card.Members, "factions": card.Factions,
			"faction_of": card.FactionOf, "part_of": card.PartOf, "parts": card.Parts, "allies": card.Allies,
			"based_in": card.BasedIn, "former": card.Former, "unconfirmed": card.Unconfirmed}
		for k, rows := range lists {
			for _, r := range rows {
				if r.Subject == "" || r.Predicate == "" || r.Object == "" || r.Sentence == "" {
					t.Errorf("%s: %s row %+v without its fact", strings.Join(args, " "), k, r)
				}
				if k != "unconfirmed" && r.Stance == "asserted" && (r.Articles < 1 || r.First == "" || r.Latest == "") {
					t.Errorf("%s: %s row #%d without its support", strings.Join(args, " "), k, r.ID)
				}
				if k == "unconfirmed" && r.Note == "" {
					t.Errorf("%s: unconfirmed row #%d says not why", strings.Join(args, " "), r.ID)
				}
			}
		}
		if strings.Contains(strings.Join(args, " "), "--as-of") != (card.AsOf != "") {
			t.Errorf("%s: as_of %q", strings.Join(args, " "), card.AsOf)
		}
	}
}
