package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/sqlite"
)

// run runs the command line in a Main with buffers and the given database.
func run(t *testing.T, db string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if k == "FACTIONS_DB" {
				return db
			}
			return ""
		}}
	err = m.Run(context.Background(), args)
	return out.String(), errb.String(), err
}

// badInputs writes one file per kind of bad input and a good article.
func badInputs(t *testing.T) (dir string, files map[string]string) {
	t.Helper()
	dir = t.TempDir()
	files = map[string]string{
		"missing":   filepath.Join(dir, "missing.txt"),
		"directory": filepath.Join(dir, "adir"),
		"empty":     filepath.Join(dir, "empty.txt"),
		"binary":    filepath.Join(dir, "binary.txt"),
		"utf8":      filepath.Join(dir, "latin1.txt"),
		"good":      filepath.Join(dir, "good.txt"),
	}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Mkdir(files["directory"], 0o755))
	must(os.WriteFile(files["empty"], nil, 0o644))
	must(os.WriteFile(files["binary"], []byte("\x00\x01\x02ELF\x00\x00binary"), 0o644))
	must(os.WriteFile(files["utf8"], []byte("The Front said caf\xe9 politics"), 0o644))
	must(os.WriteFile(files["good"], []byte("QUETTA - Front spokesman Tariq Lodhi said the National Renewal Front was united.\n"), 0o644))
	return dir, files
}

func TestExtractBadInput(t *testing.T) {
	_, files := badInputs(t)
	tests := []struct {
		kind, reason string
	}{
		{"missing", "no such file"},
		{"directory", "directory"},
		{"empty", "empty"},
		{"binary", "binary"},
		{"utf8", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			_, _, err := run(t, "", "extract", "--format", "eval", files[tt.kind])
			if err == nil {
				t.Fatalf("got no error, want one naming %s", tt.reason)
			}
			msg := userMessage(err)
			if !strings.Contains(msg, filepath.Base(files[tt.kind])) || !strings.Contains(msg, tt.reason) {
				t.Errorf("got %q, want the file name and %q", msg, tt.reason)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("got a message of several lines: %q", msg)
			}
		})
	}
}

func TestIngestBadInputKeepsTheRest(t *testing.T) {
	dir, files := badInputs(t)
	db := filepath.Join(dir, "test.db")
	args := []string{"ingest", "--db", db, files["missing"], files["empty"], files["binary"], files["utf8"], files["good"]}
	out, errs, err := run(t, "", args...)
	if err == nil {
		t.Fatal("got no error, want the command to fail")
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 4 {
		t.Errorf("got %d error lines, want 4:\n%s", len(lines), errs)
	}
	if want := "ingested 1 new, 0 unchanged, 4 failed\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
	// the good file is stored once; ingesting again changes nothing
	out, _, err = run(t, "", "ingest", "--db", db, files["good"])
	if err != nil {
		t.Fatal(err)
	}
	if want := "ingested 0 new, 1 unchanged, 0 failed\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
	out, _, err = run(t, "", "show", "--db", db, "Tariq Lodhi")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "Tariq Lodhi (person)\n") {
		t.Errorf("show: got %q", out)
	}
	// the article has no date: its claims are of no date, and say so
	if !strings.Contains(out, "  date unknown  Tariq Lodhi") || !strings.Contains(out, "(date unknown;") {
		t.Errorf("show: an undated article's claims are not marked:\n%s", out)
	}
}

func TestCurationCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kb.db")
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(a, []byte("---\ndate: 2024-01-10\nsource: The Test Herald\n---\n\nQUETTA - Front spokesman Tariq Lodhi said the National Renewal Front was united.\n"), 0o644))
	must(os.WriteFile(b, []byte("---\ndate: 2024-02-10\nsource: The Test Herald\n---\n\nQUETTA - Nasir Baloch, the Front's spokesman, denied the reports.\n"), 0o644))
	if _, errs, err := run(t, "", "ingest", "--db", db, a, b); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errs)
	}
	// merge the two spellings, then undo the merge
	out, errs, err := run(t, "", "merge", "--db", db, "--note", "same man", "Tariq Lodhi", "Nasir Baloch")
	if err != nil {
		t.Fatalf("merge: %v\n%s", err, errs)
	}
	if !regexp.MustCompile(` merge Tariq Lodhi #\d+ ← Nasir Baloch #\d+ — same man`).MatchString(out) {
		t.Errorf("merge: got %q", out)
	}
	out, _, err = run(t, "", "show", "--db", db, "Tariq Lodhi")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "also: ") || !strings.Contains(out, "Nasir Baloch") {
		t.Errorf("show after merge: got %q, want Nasir Baloch among the aliases", out)
	}
	out, _, err = run(t, "", "log", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	if f := strings.Fields(out); len(f) > 0 {
		id = f[0]
	}
	if !strings.HasPrefix(id, "#") {
		t.Fatalf("log: got %q, want an entry", out)
	}
	if out, _, err = run(t, "", "undo", "--db", db, id); err != nil || out != "undone "+id+"\n" {
		t.Fatalf("undo: got %q, %v", out, err)
	}
	if out, _, err = run(t, "", "show", "--db", db, "Nasir Baloch"); err != nil || !strings.HasPrefix(out, "Nasir Baloch (person)") {
		t.Errorf("show after undo: got %q, %v; want Nasir Baloch on his own card again", out, err)
	}
	if out, _, _ = run(t, "", "log", "--db", db); !strings.Contains(out, "(undone)") || !strings.Contains(out, "Nasir Baloch #") {
		t.Errorf("log after undo: got %q, want the merge marked undone", out)
	}
}

func TestVariantSpellingsResolve(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kb.db")
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	if err := os.WriteFile(a, []byte("---\ndate: 2024-01-10\n---\n\nQUETTA - National Renewal Front spokesman Tariq Lodhi said the party was united.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte("---\ndate: 2024-02-10\n---\n\nQUETTA - National Renewal Front spokesman Tariq Lodhy denied the reports.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, err := run(t, "", "ingest", "--db", db, a, b); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errs)
	}
	out, _, err := run(t, "", "resolutions", "--db", db, "Tariq Lodhy")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "Tariq Lodhi (#") || !strings.Contains(out, `"Tariq Lodhy"`) {
		t.Errorf("resolutions: got %q, want Tariq Lodhy resolved into Tariq Lodhi with its reason", out)
	}
}

// TestIngestInBatches ingests a folder of more articles than one batch
// holds, with bad files among them: every good article is stored once, in
// the order of the files, and the bad ones are reported.
func TestIngestInBatches(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	const n = 2*ingest.DefaultBatch + 37
	var want []string
	for i := 0; i < n; i++ {
		name := filepath.Join(docs, fmt.Sprintf("a%03d.txt", i))
		text := fmt.Sprintf("QUETTA - Front spokesman Tariq Lodhi said on day %d that the National Renewal Front was united.\n", i)
		if i%50 == 7 {
			text = "" // empty: fails
		} else {
			want = append(want, name)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "kb.db")
	out, errs, err := run(t, "", "ingest", "--db", db, docs)
	if err == nil {
		t.Fatal("got no error, want the command to fail for the empty files")
	}
	failed := n - len(want)
	if w := fmt.Sprintf("ingested %d new, 0 unchanged, %d failed\n", len(want), failed); out != w {
		t.Errorf("got %q, want %q", out, w)
	}
	if got := strings.Count(errs, "\n"); got != failed || !strings.Contains(errs, "a007.txt") {
		t.Errorf("got %d error lines, want %d:\n%s", got, failed, errs)
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	arts, err := s.Articles(context.Background(), factions.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].ID < arts[j].ID })
	var got []string
	for _, a := range arts {
		got = append(got, a.Path)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("articles stored in ID order:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	out, _, err = run(t, "", "ingest", "--db", db, docs)
	if w := fmt.Sprintf("ingested 0 new, %d unchanged, %d failed\n", len(want), failed); out != w {
		t.Errorf("again: got %q, want %q (%v)", out, w, err)
	}
}

// TestShowNamesakes: show tells of the other entities a name finds, and
// shows one by #ID.
func TestShowNamesakes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kb.db")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// two people of one name, each in a party of another country in two
	// articles: namesakes, kept apart
	var files []string
	for i, text := range []string{
		"Tariq Lodhi, the spokesman of the Awami League, said the party was united.",
		"Tariq Lodhi, the spokesman of the Awami League, said the party would win.",
		"Tariq Lodhi, the treasurer of the Scottish National Party, resigned on Monday.",
		"Tariq Lodhi, the treasurer of the Scottish National Party, spoke on Tuesday.",
	} {
		f := filepath.Join(dir, fmt.Sprintf("%d.txt", i))
		must(os.WriteFile(f, []byte(fmt.Sprintf("---\ndate: 2024-0%d-01\n---\n%s\n", i+1, text)), 0o644))
		files = append(files, f)
	}
	if _, errs, err := run(t, "", append([]string{"ingest", "--db", db}, files...)...); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errs)
	}
	out, _, err := run(t, "", "show", "--db", db, "Tariq Lodhi")
	must(err)
	re := regexp.MustCompile(`"Tariq Lodhi" also names: #(\d+) Tariq Lodhi \(person\); show #ID shows one\n$`)
	m := re.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("show: no line naming the namesake:\n%s", out)
	}
	other, _, err := run(t, "", "show", "--db", db, "#"+m[1])
	must(err)
	if other == out || !strings.HasPrefix(other, "Tariq Lodhi (person)\n") || strings.Contains(other, "also names") {
		t.Fatalf("show #%s:\n%s\nwant the other Tariq Lodhi's card, without the line on namesakes", m[1], other)
	}
	if strings.Contains(out, "Scottish National Party") == strings.Contains(other, "Scottish National Party") {
		t.Fatalf("the two cards do not tell the two men apart:\n%s\n%s", out, other)
	}
}

// TestIngestFeedsAndPages ingests feeds (an article per item) and an HTML
// page through the batched pipeline, twice.
func TestIngestFeedsAndPages(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kb.db")
	files := []string{"../../ingest/testdata/feed.atom", "../../ingest/testdata/rss2.xml", "../../ingest/testdata/article.html"}
	out, errs, err := run(t, "", append([]string{"ingest", "--db", db}, files...)...)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, errs)
	}
	if want := "ingested 5 new, 0 unchanged, 0 failed\n"; out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
	out, _, err = run(t, "", append([]string{"ingest", "--db", db}, files...)...)
	if want := "ingested 0 new, 5 unchanged, 0 failed\n"; err != nil || out != want {
		t.Fatalf("again: got %q (%v), want %q", out, err, want)
	}
}

// TestDispatch checks that every command of the table runs (each prints its
// usage for -h) and is listed in the usage text, and that an unknown one is
// an error.
func TestDispatch(t *testing.T) {
	_, usage, err := run(t, "", "help")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			_, errs, err := run(t, "", c.name, "-h")
			if !errors.Is(err, flag.ErrHelp) || !strings.HasPrefix(errs, "Usage: factions "+c.name+" ") {
				t.Errorf("-h: got %v and %q, want flag.ErrHelp and the command's usage", err, errs)
			}
			if !regexp.MustCompile(`(?m)^  (\w+, )*` + c.name + `\b`).MatchString(usage) {
				t.Errorf("usage text does not list it:\n%s", usage)
			}
		})
	}
	if _, errs, err := run(t, "", "frobnicate"); err == nil || !strings.Contains(err.Error(), `unknown command "frobnicate"`) || !strings.Contains(errs, "Usage:") {
		t.Errorf("unknown command: got %v and %q", err, errs)
	}
	if _, _, err := run(t, ""); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("no command: got %v, want flag.ErrHelp", err)
	}
}

func TestUserMessage(t *testing.T) {
	coded := factions.Errorf(factions.EINVALID, "empty file")
	for _, tc := range []struct {
		err  error
		want string
	}{
		{coded, "empty file"},
		{fmt.Errorf("a.txt: %w", coded), "a.txt: empty file"},
		{fmt.Errorf("ingest: %w", fmt.Errorf("a.txt: %w", coded)), "ingest: a.txt: empty file"},
		{errors.New("disk full"), "disk full"},
		{fmt.Errorf("save: %w", errors.New("disk full")), "save: disk full"},
	} {
		if got := userMessage(tc.err); got != tc.want {
			t.Errorf("userMessage(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

// TestIngestFolder: a folder's article files are read, not the notes and
// sheets beside them; a file the sheet names that does not exist is
// reported; a folder of no article is an error.
func TestIngestFolder(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kb.db")
	corpus := filepath.Join(dir, "corpus")
	empty := filepath.Join(dir, "empty")
	for _, d := range []string{corpus, empty} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, text := range map[string]string{
		"0001.txt":    "Tariq Lodhi, the spokesman of the National Renewal Front, said the party was united.\n",
		"README.TXT":  "About this corpus: two articles of 2024.\n",
		"SOURCES.tsv": "file\tdate\n0001.txt\t2024-01-01\n0002.txt\t2024-01-02\n",
	} {
		if err := os.WriteFile(filepath.Join(corpus, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errs, err := run(t, "", "ingest", "--db", db, "--manifest", filepath.Join(corpus, "SOURCES.tsv"), corpus, empty)
	if err != errReported {
		t.Fatalf("ingest: %v, want the failures reported", err)
	}
	if want := "ingested 1 new, 0 unchanged, 2 failed\n"; out != want {
		t.Errorf("ingest: %q, want %q", out, want)
	}
	for _, want := range []string{"SOURCES.tsv: names " + filepath.Join(corpus, "0002.txt") + ", which does not exist",
		empty + ": no article files"} {
		if !strings.Contains(errs, want) {
			t.Errorf("ingest: stderr %q, want it to say %q", errs, want)
		}
	}
	as, _, err := run(t, "", "show", "--db", db, "--json", "Tariq Lodhi")
	if err != nil || !strings.Contains(as, `"date": "2024-01-01T00:00:00Z"`) {
		t.Errorf("show: %v\n%s\nwant the article dated by the sheet", err, as)
	}
	if _, _, err := run(t, "", "show", "--db", db, "About"); factions.ErrorCode(err) != factions.ENOTFOUND {
		t.Errorf("show About: %v, want nothing of the README stored", err)
	}
}

// TestReadMissingDB: a command that reads the knowledge base fails on a
// path where there is none, and makes none.
func TestReadMissingDB(t *testing.T) {
	db := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{{"show", "X"}, {"entities"}, {"claims"}, {"export", "--popolo"}, {"log"}, {"quotes", "X"}} {
		_, _, err := run(t, "", append([]string{args[0], "--db", db}, args[1:]...)...)
		if factions.ErrorCode(err) != factions.ENOTFOUND || !strings.Contains(userMessage(err), "no knowledge base at "+db) {
			t.Errorf("%s: %v, want a clear ENOTFOUND", args[0], err)
		}
		if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%s made %s", args[0], db)
		}
	}
}

// TestHelpAndVersion: help CMD prints a command's usage and succeeds, as
// CMD -h does for the shell (exit 0); version names the program.
func TestHelpAndVersion(t *testing.T) {
	_, errs, err := run(t, "", "help", "show")
	if err != nil || !strings.HasPrefix(errs, "Usage: factions show ") || !strings.Contains(errs, "-as-of") {
		t.Errorf("help show: %v, %q; want show's usage and flags", err, errs)
	}
	if _, _, err := run(t, "", "help", "frobnicate"); err == nil || !strings.Contains(err.Error(), `unknown command "frobnicate"`) {
		t.Errorf("help frobnicate: %v, want an error", err)
	}
	out, _, err := run(t, "", "version")
	if err != nil || !strings.HasPrefix(out, "factions ") || !strings.Contains(out, "go1.") {
		t.Errorf("version: %q, %v", out, err)
	}
	for _, tc := range []struct {
		err  error
		args []string
		want int
	}{
		{nil, []string{"show", "X"}, 0},
		{flag.ErrHelp, []string{"show", "-h"}, 0},
		{flag.ErrHelp, nil, 2},
		{errReported, []string{"ingest", "x"}, 1},
		{errors.New("boom"), []string{"show", "X"}, 1},
	} {
		if got := exitCode(tc.err, tc.args); got != tc.want {
			t.Errorf("exitCode(%v, %q) = %d, want %d", tc.err, tc.args, got, tc.want)
		}
	}
}
