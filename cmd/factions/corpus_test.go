package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/sqlite"
)

// corpusPlan is how the news corpus is ingested, folder by folder, as
// ../shared/eval/kbquiz.py does it: the folder and the flags.
var corpusPlan = []struct {
	folder string
	flags  []string
}{
	{"south-asia-news", []string{"--manifest", "SOURCES.tsv"}},
	{"india-news", []string{"--manifest", "SOURCES.tsv"}},
	{"bbc-politics", []string{"--source", "BBC News"}},
}

// ingestCorpus ingests the article files of the news corpus into db, the
// files of each folder in the order given (reversed: the folders and their
// files backwards), and returns how long it took.
func ingestCorpus(t *testing.T, db string, reversed bool) time.Duration {
	t.Helper()
	plan := append(corpusPlan[:0:0], corpusPlan...)
	if reversed {
		for i, j := 0, len(plan)-1; i < j; i, j = i+1, j-1 {
			plan[i], plan[j] = plan[j], plan[i]
		}
	}
	start := time.Now()
	for _, p := range plan {
		dir := filepath.Join(cliShared, "corpus", p.folder)
		files, err := filepath.Glob(filepath.Join(dir, "[0-9]*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if reversed {
			sort.Sort(sort.Reverse(sort.StringSlice(files)))
		}
		ingestFolder(t, db, p.folder, p.flags, files)
	}
	return time.Since(start)
}

// ingestFolder ingests files, of the corpus folder folder, into db with
// the flags (a manifest named in the folder), then more flags.
func ingestFolder(t *testing.T, db, folder string, flags, files []string, more ...string) {
	t.Helper()
	args := []string{"ingest", "--db", db, "-q"}
	for i := 0; i < len(flags); i += 2 {
		v := flags[i+1]
		if flags[i] == "--manifest" {
			v = filepath.Join(cliShared, "corpus", folder, v)
		}
		args = append(args, flags[i], v)
	}
	args = append(append(args, more...), files...)
	if _, errs, err := run(t, "", args...); err != nil && err != errReported {
		t.Fatalf("ingest %s: %v\n%s", folder, err, errs)
	}
}

// kbView is what the order test compares of a knowledge base: its entities
// by type, name and mentions, and its claims by what they say.
func kbView(t *testing.T, db string) (entities, claims []string) {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	es, err := s.Entities(ctx, factions.EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		entities = append(entities, fmt.Sprintf("%s %s %d", e.Type, e.Name, e.MentionCount))
	}
	cs, err := s.Claims(ctx, factions.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		claims = append(claims, fmt.Sprintf("%s|%s|%s|%s|%s", c.Subject, c.Predicate, c.Object, c.Role, c.Sentence))
	}
	sort.Strings(entities)
	sort.Strings(claims)
	return entities, claims
}

// TestCorpusOrder ingests the news corpus in the order kbquiz.py does and
// in the reverse order, then the first again: the entities and claims are
// the same. It skips when ../shared is absent, and under -short.
func TestCorpusOrder(t *testing.T) {
	if _, err := os.Stat(filepath.Join(cliShared, "corpus")); err != nil {
		t.Skipf("%s/corpus is absent: the corpus order test needs the shared folder beside the repo", cliShared)
	}
	if testing.Short() {
		t.Skip("ingests the corpus twice: not under -short")
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	took := ingestCorpus(t, a, false)
	t.Logf("the corpus ingested in %v", took.Round(time.Millisecond))
	if took > 30*time.Second {
		t.Errorf("ingesting the corpus took %v, want under 30s", took)
	}
	ingestCorpus(t, b, true)
	ea, ca := kbView(t, a)
	eb, cb := kbView(t, b)
	diff := func(what string, x, y []string) {
		if len(x) != len(y) {
			t.Errorf("%s: %d in one order, %d in the other", what, len(x), len(y))
		}
		in := map[string]int{}
		for _, s := range x {
			in[s]++
		}
		for _, s := range y {
			in[s]--
		}
		n := 0
		for s, k := range in {
			if k != 0 && n < 10 {
				t.Errorf("%s: %q %+d", what, s, k)
				n++
			}
		}
	}
	diff("entities", ea, eb)
	diff("claims", ca, cb)
	// twice: nothing changes
	ingestCorpus(t, a, false)
	ea2, ca2 := kbView(t, a)
	diff("entities ingested twice", ea, ea2)
	diff("claims ingested twice", ca, ca2)
}
