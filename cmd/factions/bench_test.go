package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
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
