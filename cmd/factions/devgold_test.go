package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/sqlite"
)

// devGold is a labelled dev article of ../../../shared/eval/dev, read at
// test time: nothing of it is kept in the repo.
type devGold struct {
	gold, text string // paths
	date       string // YYYY-MM-DD, "" when the gold has none
	entities   []struct {
		Name    string   `json:"name"`
		Type    string   `json:"type"`
		Aliases []string `json:"aliases"`
	}
	facts []devFact
}

// devFact is a fact of a dev gold.
type devFact struct {
	Subject      string  `json:"subject"`
	Predicate    string  `json:"predicate"`
	Object       string  `json:"object"`
	Stance       string  `json:"stance"`
	AttributedTo *string `json:"attributed_to"`
	Optional     bool    `json:"optional"`
}

// cliDevGolds reads the gold files of the dev set, sorted by name; nil when
// ../../../shared is absent.
func cliDevGolds(t *testing.T) []*devGold {
	t.Helper()
	if _, err := os.Stat(cliShared); err != nil {
		return nil
	}
	dir := filepath.Join(cliShared, "eval", "dev")
	paths, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	var out []*devGold
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var raw struct {
			Article struct {
				Path, File string
				Date       *string
			} `json:"article"`
			Entities json.RawMessage `json:"entities"`
			Facts    json.RawMessage `json:"facts"`
		}
		if err := json.Unmarshal(b, &raw); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		g := &devGold{gold: p}
		if err := json.Unmarshal(raw.Entities, &g.entities); err != nil {
			t.Fatalf("%s: entities: %v", p, err)
		}
		if err := json.Unmarshal(raw.Facts, &g.facts); err != nil {
			t.Fatalf("%s: facts: %v", p, err)
		}
		rel := raw.Article.Path
		if rel == "" {
			rel = raw.Article.File
		}
		g.text = filepath.Clean(filepath.Join(dir, rel))
		if raw.Article.Date != nil {
			g.date = *raw.Article.Date
		}
		out = append(out, g)
	}
	return out
}

// cliDevManifest writes a manifest giving the dev articles the dates of
// their gold files, as a user would give a corpus's dates, and returns its
// path.
func cliDevManifest(t *testing.T, dir string, golds []*devGold) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("file\tdate\n")
	for _, g := range golds {
		abs, err := filepath.Abs(g.text)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s\t%s\n", abs, g.date)
	}
	p := filepath.Join(dir, "dev-manifest.tsv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// names returns the normalised names of the gold entity called name (its
// name and aliases), or name alone when the gold lists no such entity.
func (g *devGold) names(name string) map[string]bool {
	n := factions.NormalizeName(name)
	for _, e := range g.entities {
		all := append([]string{e.Name}, e.Aliases...)
		for _, a := range all {
			if factions.NormalizeName(a) == n {
				out := map[string]bool{}
				for _, a := range all {
					out[factions.NormalizeName(a)] = true
				}
				return out
			}
		}
	}
	return map[string]bool{n: true}
}

// testCLIDevGold checks the knowledge base of the samples and the dev
// articles against the dev gold: every gold fact that the extractor reads
// in its article (same subject, predicate, object and stance, names
// matched as the scorer matches them) is a claim of the knowledge base,
// between the entities the gold names, with that stance and dated by its
// article. Cross-article resolution, storage and dating must lose none of
// what extraction got right.
func testCLIDevGold(t *testing.T, kb *cliKB) {
	ctx := context.Background()
	golds := cliDevGolds(t)
	s, err := sqlite.Open(ctx, kb.db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	x := extract.New()
	var read, total int
	for _, g := range golds {
		arts, err := ingest.ReadFile(g.text, ingest.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		ex, err := x.Extract(ctx, arts[0].Text)
		if err != nil {
			t.Fatal(err)
		}
		enames := nameSets(ex)
		for _, f := range g.facts {
			if f.Optional {
				continue
			}
			total++
			if !extracted(ex, enames, f, g.names(f.Subject), g.names(f.Object)) {
				continue
			}
			read++
			checkStored(t, s, g, f)
		}
	}
	if read == 0 {
		t.Fatalf("the extractor reads none of the %d gold facts of %d dev articles", total, len(golds))
	}
	t.Logf("%d of the %d gold facts of the %d dev articles are read by the extractor, and looked for in the knowledge base", read, total, len(golds))
}

// nameSets returns, for each normalized name of an entity of ex, the
// normalized names of that entity.
func nameSets(ex *factions.Extraction) map[string]map[string]bool {
	enames := map[string]map[string]bool{}
	for _, e := range ex.Entities {
		set := map[string]bool{}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			set[factions.NormalizeName(n)] = true
		}
		for n := range set {
			enames[n] = set
		}
	}
	return enames
}

// meets reports whether two sets of names share one.
func meets(gold, out map[string]bool) bool {
	for n := range gold {
		if out[n] {
			return true
		}
	}
	return false
}

// extracted reports whether ex has a claim of f's predicate and stance
// between entities named subj and obj (either way round for a symmetric
// predicate).
func extracted(ex *factions.Extraction, enames map[string]map[string]bool, f devFact, subj, obj map[string]bool) bool {
	for _, c := range ex.Claims {
		if string(c.Predicate) != f.Predicate || string(c.Stance) != f.Stance {
			continue
		}
		cs, co := enames[factions.NormalizeName(c.Subject)], enames[factions.NormalizeName(c.Object)]
		if meets(subj, cs) && meets(obj, co) || c.Predicate.Symmetric() && meets(subj, co) && meets(obj, cs) {
			return true
		}
	}
	return false
}

// checkStored checks that the knowledge base has a claim of f, of g's
// date, between entities of the names the gold gives.
func checkStored(t *testing.T, s factions.Store, g *devGold, f devFact) {
	t.Helper()
	ctx := context.Background()
	ids := func(names map[string]bool) map[int64]bool {
		out := map[int64]bool{}
		for n := range names {
			es, err := s.FindEntities(ctx, n)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range es {
				out[e.ID] = true
			}
		}
		return out
	}
	fact := fmt.Sprintf("%s: %s %s %s (%s)", filepath.Base(g.gold), f.Subject, f.Predicate, f.Object, f.Stance)
	subj, obj := g.names(f.Subject), g.names(f.Object)
	sids, oids := ids(subj), ids(obj)
	if factions.Predicate(f.Predicate).Symmetric() {
		for id := range oids {
			sids[id] = true
		}
		for id := range ids(subj) {
			oids[id] = true
		}
	}
	if len(sids) == 0 || len(oids) == 0 {
		t.Errorf("%s: the knowledge base has no entity of that name (subject %d, object %d found)", fact, len(sids), len(oids))
		return
	}
	for id := range sids {
		for _, c := range claims(t, s, factions.ClaimFilter{SubjectID: id, Predicate: factions.Predicate(f.Predicate)}) {
			if oids[c.ObjectID] && string(c.Stance) == f.Stance && (g.date == "" || c.Date.Format(time.DateOnly) == g.date) {
				return
			}
		}
	}
	t.Errorf("%s: read by the extractor but not a claim of the knowledge base dated %q", fact, g.date)
}

func claims(t *testing.T, s factions.Store, f factions.ClaimFilter) []*factions.Claim {
	t.Helper()
	cs, err := s.Claims(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}
