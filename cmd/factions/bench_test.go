package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkIngestCorpus runs the ingest command on the 400 articles of
// ../shared/corpus/south-asia-news into a new SQLite database per
// iteration, reading, extracting and storing them, and reports articles/s:
// as ingest does it (every CPU, batches of 100) and, as the baseline, one
// article at a time on one CPU, each in its own transaction.
func BenchmarkIngestCorpus(b *testing.B) {
	dir := filepath.Join(cliShared, "corpus", "south-asia-news")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		b.Skipf("%s is absent: the ingest benchmark needs the shared folder beside the repo", dir)
	}
	for _, bc := range []struct {
		name           string
		batch, workers int
	}{
		{"one-at-a-time", 1, 1},
		{"ingest", 0, 0},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				db := filepath.Join(b.TempDir(), "kb.db")
				var out, errs bytes.Buffer
				m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errs, Getenv: func(string) string { return "" }}
				c := &IngestCommand{Main: m, batch: bc.batch, workers: bc.workers}
				if err := c.Run(context.Background(), []string{"--db", db, "-q", dir}); err != nil {
					b.Fatalf("ingest: %v\n%s", err, errs.String())
				}
			}
			b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// writeFeed writes an RSS feed of n items, every one naming the same
// (invented) leader, and returns its path.
func writeFeed(tb testing.TB, dir string, n int) string {
	tb.Helper()
	path := filepath.Join(dir, fmt.Sprintf("feed-%d.xml", n))
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Valley Courier</title>\n")
	for i := 0; i < n; i++ {
		date := time.Date(2000, 1, 1, 10, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
		fmt.Fprintf(w, "<item><title>Report %d</title><link>https://example.org/%d</link><pubDate>%s</pubDate>"+
			"<description>Tovar Denkin, the leader of the Silver Valley Party, said on day %d that it would contest district %d.</description></item>\n", i, i, date.Format(time.RFC1123Z), i, i%97)
	}
	fmt.Fprintf(w, "</channel></rss>\n")
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkIngestFeed ingests a feed whose every item names the same
// leader into a new SQLite database, at 10,000 and 100,000 items (the
// latter not under -short): the time per article must not grow with the
// items stored before it (the 100,000 within 12x of the 10,000).
func BenchmarkIngestFeed(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			if n > 10_000 && testing.Short() {
				b.Skip("100,000 items: not under -short")
			}
			feed := writeFeed(b, b.TempDir(), n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				db := filepath.Join(b.TempDir(), "kb.db")
				var out, errs bytes.Buffer
				m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errs, Getenv: func(string) string { return "" }}
				c := &IngestCommand{Main: m}
				if err := c.Run(context.Background(), []string{"--db", db, "-q", feed}); err != nil {
					b.Fatalf("ingest: %v\n%s", err, errs.String())
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n*b.N), "µs/article")
		})
	}
}
