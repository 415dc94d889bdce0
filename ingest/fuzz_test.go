package ingest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/factions/factions"
	"github.com/factions/factions/ingest"
)

// seeds returns the inputs under testdata, golden files left out, and the
// bad inputs.
func seeds(f *testing.F) [][]byte {
	f.Helper()
	paths, err := filepath.Glob("testdata/*")
	if err != nil {
		f.Fatal(err)
	}
	var out [][]byte
	for _, p := range paths {
		if fi, err := os.Stat(p); strings.HasSuffix(p, ".golden.txt") || err == nil && fi.IsDir() {
			continue // golden files, and the fuzz corpora under testdata/fuzz
		}
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	for _, b := range badInputs {
		out = append(out, []byte(b.data))
	}
	return out
}

// checkArticles checks what Read returns for any input: on success at least
// one article, each with valid UTF-8, non-empty Text and its hash; on failure
// one line naming the file.
func checkArticles(t *testing.T, name string, arts []*factions.Article, err error) {
	t.Helper()
	if err != nil {
		if arts != nil {
			t.Errorf("%s: got %d articles with error %v", name, len(arts), err)
		}
		if msg := err.Error(); !strings.Contains(msg, name) || strings.ContainsAny(msg, "\r\n") {
			t.Errorf("%s: got error %q, want one line naming the file", name, msg)
		}
		return
	}
	if len(arts) == 0 {
		t.Fatalf("%s: got no articles and no error", name)
	}
	for i, a := range arts {
		if a == nil {
			t.Fatalf("%s: article %d is nil", name, i)
		}
		if a.Text == "" || !utf8.ValidString(a.Text) {
			t.Errorf("%s: article %d: Text %q is empty or invalid UTF-8", name, i, a.Text)
		}
		if a.Text != strings.TrimSpace(a.Text) {
			t.Errorf("%s: article %d: Text %q has surrounding white space", name, i, a.Text)
		}
		if strings.Contains(a.Text, "\r") {
			t.Errorf("%s: article %d: Text %q has a carriage return", name, i, a.Text)
		}
		for _, s := range []string{a.Title, a.Source} {
			if !utf8.ValidString(s) || strings.ContainsAny(s, "\r\n") {
				t.Errorf("%s: article %d: %q is not one line of valid UTF-8", name, i, s)
			}
		}
		if a.Hash != ingest.Hash(a.Text) || len(a.Hash) != 64 {
			t.Errorf("%s: article %d: Hash %q, want %q", name, i, a.Hash, ingest.Hash(a.Text))
		}
	}
}

// FuzzRead reads any bytes as each kind of input: it must not panic, and
// what it returns must pass checkArticles.
func FuzzRead(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzz seeds skipped under -short")
	}
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"in.txt", "in.html", "in.xml", "in"} {
			arts, err := ingest.Read(name, data, ingest.Meta{})
			checkArticles(t, name, arts, err)
		}
	})
}

// FuzzFrontMatter reads a text made of a front-matter block, with a title, a
// source and more lines, head, and a body. The Text it returns must be a piece of the input, so that offsets
// into it point at what the author wrote; a plain title and source must come
// back as they were written.
func FuzzFrontMatter(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzz seeds skipped under -short")
	}
	f.Add("date: 2024-05-06\nurl: https://c.example/", "A vote", "The Courier", "The text.")
	f.Add("Title: A vote\nPublished: 2 January 2006\n", "", "", "The text.\n---\nMore.")
	f.Add("date: nonsense", "x", "y", "")
	f.Add("", "x", "y", "\r\n---\r\ntitle: z\r\n")
	f.Add("# comment\ntags:\n  - a", "'quoted'", "\"The Courier\"", "Body")
	for _, tt := range badInputs {
		f.Add("", "", "", tt.data)
	}
	paths, _ := filepath.Glob("testdata/*.txt")
	for _, p := range paths {
		if fi, err := os.Stat(p); strings.HasSuffix(p, ".golden.txt") || err == nil && fi.IsDir() {
			continue // golden files, and the fuzz corpora under testdata/fuzz
		}
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		first, _, _ := strings.Cut(string(b), "\n")
		f.Add("", first, "", string(b))
		f.Add(string(b), "", "", "")
	}
	f.Fuzz(func(t *testing.T, head, title, source, body string) {
		in := "---\ntitle: " + title + "\nsource: " + source + "\n" + head + "\n---\n" + body
		arts, err := ingest.Read("in.txt", []byte(in), ingest.Meta{})
		checkArticles(t, "in.txt", arts, err)
		if err != nil {
			return
		}
		if len(arts) != 1 {
			t.Fatalf("got %d articles, want 1", len(arts))
		}
		a := arts[0]
		norm := strings.ReplaceAll(strings.ReplaceAll(in, "\r\n", "\n"), "\r", "\n")
		if !strings.Contains(norm, a.Text) {
			t.Errorf("Text %q is not a piece of the input %q", a.Text, norm)
		}
		// When the block was read as front matter (the text does not
		// start with it) and head does not set them, a plain title and
		// source must come back as written.
		lower := strings.ToLower(head)
		if !plain(title) || !plain(source) || strings.HasPrefix(a.Text, "---\ntitle: ") ||
			strings.Contains(lower, "title") || strings.Contains(lower, "source") {
			return
		}
		if a.Title != title {
			t.Errorf("Title: got %q, want %q", a.Title, title)
		}
		if a.Source != source {
			t.Errorf("Source: got %q, want %q", a.Source, source)
		}
	})
}

// plain reports whether s reads back unchanged as a front-matter value:
// printable, trimmed, single spaces, no quotes, colons or hashes.
func plain(s string) bool {
	if s == "" || !utf8.ValidString(s) || strings.Join(strings.Fields(s), " ") != s ||
		strings.ContainsAny(s, "\"'#:") {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return false
		}
	}
	return true
}
