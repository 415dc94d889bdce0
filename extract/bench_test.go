package extract_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factions/factions/extract"
)

// corpus returns the texts of ../shared/corpus/DIR, skipping when absent.
func corpus(tb testing.TB, dir string) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", dir, "*.txt"))
	if len(files) == 0 {
		tb.Skipf("../shared/corpus/%s is absent: the corpus benchmarks need the shared folder beside the repo", dir)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// BenchmarkExtractCorpus extracts every article of the BBC politics corpus
// (about 1 MB) per iteration; MB/s reads on b.SetBytes.
func BenchmarkExtractCorpus(b *testing.B) {
	texts := corpus(b, "bbc-politics")
	x := extract.New()
	ctx := context.Background()
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := x.Extract(ctx, t); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExtractSize extracts one long input made of corpus articles at
// 10 KB, 100 KB, 1 MB and 10 MB: time per byte stays flat when extraction is
// linear.
func BenchmarkExtractSize(b *testing.B) {
	texts := corpus(b, "south-asia-news")
	all := strings.Join(texts, "\n\n")
	x := extract.New()
	for _, size := range []int{10 << 10, 100 << 10, 1 << 20, 10 << 20} {
		var sb strings.Builder
		for sb.Len() < size {
			sb.WriteString(all)
			sb.WriteString("\n\n")
		}
		text := sb.String()[:size]
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := x.Extract(context.Background(), text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExtractRepetitive extracts one article of 100 KB, 1 MB and 4 MB
// made of the same few sentences over and over, each of which makes the
// extractor look back over the article (role descriptions, "the new
// faction", "his old party", "its"), with fictional names: time per byte
// stays flat when no look-back grows with the article.
func BenchmarkExtractRepetitive(b *testing.B) {
	sentences := []string{
		"Rafiq Zardan founded the Unity Front in Valdora.",
		"The party spokesman was running the party from Halvi.",
		"The Front chief said the party was running its affairs from Valdora.",
		"Zardan said his old party was in alliance with the Unity Front.",
		"He will serve as general secretary of the new faction, Zardan said.",
		"Its general secretary, Noor Halvi, spoke to reporters.",
		"The Unity Front (Reform) is a faction of the Unity Front.",
	}
	x := extract.New()
	for _, size := range []int{100 << 10, 1 << 20, 4 << 20} {
		var sb strings.Builder
		for i := 0; sb.Len() < size; i++ {
			sb.WriteString(sentences[i*7919%len(sentences)])
			sb.WriteString(" ")
			if i%5 == 4 {
				sb.WriteString("\n\n")
			}
		}
		text := sb.String()
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				if _, err := x.Extract(context.Background(), text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
