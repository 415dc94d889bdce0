package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/internal/pgtest"
	"github.com/factions/factions/postgres"
	"github.com/factions/factions/queue"
)

// benchArticles is how many corpus articles BenchmarkQueueIngest ingests.
const benchArticles = 1000

// BenchmarkQueueIngest ingests the first 1,000 articles of
// ../shared/corpus (all three folders) four ways in each iteration and
// reports each one's articles/s and their ratios to the first:
//
//   - sqlite: the ingest command into a new SQLite file (every CPU,
//     batches), its resolution included;
//   - pg-workers-N: ingest --queue into a new PostgreSQL database, then N
//     workers (one job at a time each, own connections, as N machines
//     would) until every article is stored, then the last resolution.
//
// Run it with go test ./cmd/factions/ -run '^$' -bench QueueIngest
// -benchtime 1x (FACTIONS_REQUIRE_POSTGRES=1 to fail rather than skip
// without a server).
func BenchmarkQueueIngest(b *testing.B) {
	var files []string
	filepath.WalkDir(filepath.Join(cliShared, "corpus"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < benchArticles {
		b.Skipf("%s holds %d articles: the benchmark needs %d", filepath.Join(cliShared, "corpus"), len(files), benchArticles)
	}
	sort.Strings(files)
	dir := b.TempDir()
	for _, f := range files[:benchArticles] {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		name := strings.ReplaceAll(strings.TrimPrefix(f, filepath.Join(cliShared, "corpus")+"/"), "/", "-")
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	pgtest.ServerDSN(b)
	b.ResetTimer()
	rate := map[string]float64{}
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var out, errs bytes.Buffer
		m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errs, Getenv: func(string) string { return "" }}
		if err := (&IngestCommand{Main: m}).Run(context.Background(), []string{"--db", filepath.Join(b.TempDir(), "kb.db"), "-q", dir}); err != nil {
			b.Fatalf("ingest: %v\n%s", err, errs.String())
		}
		rate["sqlite"] += benchArticles / time.Since(start).Seconds()
		for _, n := range []int{1, 2, 4} {
			b.StopTimer()
			dsn := pgtest.NewDatabase(b)
			b.StartTimer()
			rate[benchName(n)] += benchArticles / queueIngest(b, dsn, dir, n).Seconds()
		}
	}
	for name, r := range rate {
		b.ReportMetric(r/float64(b.N), name+"-articles/s")
		if name != "sqlite" {
			b.ReportMetric(r/rate["sqlite"], name+"/sqlite")
		}
	}
}

func benchName(workers int) string { return "pg-workers-" + string(rune('0'+workers)) }

// queueIngest queues the articles of dir into the database at dsn, works
// them with n workers until all are stored, resolves, and returns the time
// it took.
func queueIngest(b *testing.B, dsn, dir string, n int) time.Duration {
	ctx := context.Background()
	start := time.Now()
	var out, errs bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errs, Getenv: func(string) string { return "" }}
	if err := (&IngestCommand{Main: m}).Run(ctx, []string{"--queue", "--db", dsn, "-q", dir}); err != nil {
		b.Fatalf("ingest --queue: %v\n%s", err, errs.String())
	}
	wctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var last *postgres.DB
	for range n {
		q, s, err := m.openQueue(ctx, dsn)
		if err != nil {
			b.Fatal(err)
		}
		defer q.Close()
		defer s.Close()
		last = s
		w := &queue.Worker{Store: s, NewExtractor: func() factions.Extractor { return extract.New() }}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.Run(wctx, q); err != nil {
				b.Error(err)
			}
		}()
	}
	for {
		var left int
		err := last.SQL().QueryRowContext(ctx, `SELECT count(*) FROM river_job WHERE kind = $1 AND state NOT IN ('completed', 'discarded', 'cancelled')`,
			queue.ArticleArgs{}.Kind()).Scan(&left)
		if err != nil {
			b.Fatal(err)
		}
		if left == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	if _, err := last.Resolve(ctx); err != nil {
		b.Fatal(err)
	}
	d := time.Since(start)
	var stored int
	if err := last.SQL().QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&stored); err != nil || stored < benchArticles*9/10 {
		b.Fatalf("stored %d articles (%v)", stored, err)
	}
	return d
}
