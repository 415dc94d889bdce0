package ingest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factions/factions/ingest"
)

// corpus is the shared corpus of news texts, kept outside the repository.
const corpus = "../../shared/corpus"

// TestCorpus reads the shared corpus: every text must come back as one
// article whose Text is the file's text, unchanged but for surrounding white
// space; the BBC files, whose first line is the headline, must have it as
// their Title.
func TestCorpus(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("no shared corpus at %s: %v", corpus, err)
	}
	for _, set := range []string{"bbc-politics", "india-news", "south-asia-news"} {
		t.Run(set, func(t *testing.T) {
			paths, err := filepath.Glob(filepath.Join(corpus, set, "[0-9]*.txt"))
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) == 0 {
				t.Skipf("no texts in %s", set)
			}
			if testing.Short() && len(paths) > 10 {
				paths = paths[:10]
			}
			for _, path := range paths {
				raw, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				arts, err := ingest.ReadFile(path, ingest.Meta{})
				if err != nil {
					t.Errorf("%v", err)
					continue
				}
				if len(arts) != 1 {
					t.Errorf("%s: got %d articles, want 1", path, len(arts))
					continue
				}
				a := arts[0]
				text := strings.TrimSpace(strings.ReplaceAll(string(raw), "\r\n", "\n"))
				if a.Text != text {
					t.Errorf("%s: Text is not the file's text", path)
				}
				// The Title is the first line, its white space collapsed.
				first, _, _ := strings.Cut(text, "\n")
				first = strings.Join(strings.Fields(first), " ")
				if set == "bbc-politics" && a.Title != first {
					t.Errorf("%s: Title: got %q, want the first line %q", path, a.Title, first)
				}
				if a.Title != "" && a.Title != first {
					t.Errorf("%s: Title: got %q, want empty or the first line %q", path, a.Title, first)
				}
				if a.Path != path || a.Hash != ingest.Hash(a.Text) {
					t.Errorf("%s: Path %q, Hash %q: want the path and the text's hash", path, a.Path, a.Hash)
				}
			}
		})
	}
}

// BenchmarkRead measures reading each kind of input.
func BenchmarkRead(b *testing.B) {
	for _, file := range []string{"article.html", "rss2.xml", "frontmatter.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(file, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := ingest.Read(file, data, ingest.Meta{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
