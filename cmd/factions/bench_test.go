package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/sqlite"
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

// BenchmarkIngestCorpusFeed ingests the 400 articles of
// ../shared/corpus/south-asia-news into a new SQLite database per
// iteration as the ingest command does, as the 400 files (the baseline)
// and written as one RSS feed of 400 items (each file's text as an item's
// content), and reports articles/s: the files are read and extracted a
// file a CPU, the feed's items read in turn and extracted on every CPU.
func BenchmarkIngestCorpusFeed(b *testing.B) {
	dir := filepath.Join(cliShared, "corpus", "south-asia-news")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		b.Skipf("%s is absent: the ingest benchmark needs the shared folder beside the repo", dir)
	}
	var feed strings.Builder
	feed.WriteString(`<?xml version="1.0"?>` + "\n" + `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Corpus</title>` + "\n")
	for i, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		var esc bytes.Buffer
		if err := xml.EscapeText(&esc, text); err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(&feed, "<item><title>Item %d</title><link>https://example.org/%d</link><content:encoded>%s</content:encoded></item>\n", i, i, esc.String())
	}
	feed.WriteString("</channel></rss>\n")
	feedPath := filepath.Join(b.TempDir(), "corpus.xml")
	if err := os.WriteFile(feedPath, []byte(feed.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct{ name, input string }{{"files", dir}, {"feed", feedPath}} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				db := filepath.Join(b.TempDir(), "kb.db")
				var out, errs bytes.Buffer
				m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errs, Getenv: func(string) string { return "" }}
				c := &IngestCommand{Main: m}
				if err := c.Run(context.Background(), []string{"--db", db, "-q", bc.input}); err != nil {
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

// timedStore is a store that adds up the time spent storing batches and
// resolving.
type timedStore struct {
	*sqlite.DB
	save, resolve time.Duration
	batches       int
}

func (s *timedStore) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	t := time.Now()
	defer func() { s.save += time.Since(t); s.batches++ }()
	return s.DB.SaveArticles(ctx, batch)
}

func (s *timedStore) Resolve(ctx context.Context) (*factions.ResolveStats, error) {
	t := time.Now()
	defer func() { s.resolve += time.Since(t) }()
	return s.DB.Resolve(ctx)
}

// timedExtractor adds up the time its extractions take in *sum (summed
// over the workers, so more than the time they take together).
type timedExtractor struct {
	x   factions.Extractor
	sum *atomic.Int64
}

func (x timedExtractor) Extract(ctx context.Context, text string) (*factions.Extraction, error) {
	t := time.Now()
	defer func() { x.sum.Add(int64(time.Since(t))) }()
	return x.x.Extract(ctx, text)
}

// BenchmarkIngestPhases ingests the three corpus folders (with the
// india-news manifest) into a new SQLite database per iteration, as the
// ingest command does, and reports the time of each phase in ms per
// iteration: opening the store, storing batches (the one writer), waiting
// for extraction, resolving, closing, and the integrity check of the
// finished store when it is opened again; extract-ms is the extraction
// time summed over the workers, batches the transactions stored.
func BenchmarkIngestPhases(b *testing.B) {
	corpus := filepath.Join(cliShared, "corpus")
	var files []string
	for _, d := range []string{"india-news", "south-asia-news", "bbc-politics"} {
		fs, _ := filepath.Glob(filepath.Join(corpus, d, "*.txt"))
		files = append(files, fs...)
	}
	if len(files) == 0 {
		b.Skipf("%s is absent: the benchmark needs the shared folder beside the repo", corpus)
	}
	man, err := ingest.ReadManifest(filepath.Join(corpus, "india-news", "SOURCES.tsv"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var open, save, resolve, wait, closing, closeCPU, check time.Duration
	var extracting atomic.Int64
	var articles, batches int
	for i := 0; i < b.N; i++ {
		path := filepath.Join(b.TempDir(), "kb.db")
		m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
		t := time.Now()
		s, err := m.createStore(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		ts := &timedStore{DB: s.(*sqlite.DB)}
		open += time.Since(t)
		in := &ingest.Ingester{
			NewExtractor: func() factions.Extractor { return timedExtractor{extract.New(), &extracting} },
			Store:        ts, Manifest: man,
		}
		t = time.Now()
		st, err := in.Ingest(ctx, files)
		if err != nil || st.Failed > 0 {
			b.Fatalf("ingest: %v (%d failed)", err, st.Failed)
		}
		wait += time.Since(t) - ts.save - ts.resolve
		save += ts.save
		resolve += ts.resolve
		articles += st.New + st.Unchanged
		batches += ts.batches
		t, c := time.Now(), cpuTime()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		closing += time.Since(t)
		closeCPU += cpuTime() - c
		b.StopTimer()
		s2, err := sqlite.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		t = time.Now()
		if err := s2.Check(ctx); err != nil {
			b.Fatal(err)
		}
		check += time.Since(t)
		s2.Close()
		b.StartTimer()
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
	b.ReportMetric(ms(open), "open-ms")
	b.ReportMetric(ms(save), "save-ms")
	b.ReportMetric(ms(wait), "wait-ms")
	b.ReportMetric(ms(resolve), "resolve-ms")
	b.ReportMetric(ms(closing), "close-ms")
	b.ReportMetric(ms(closeCPU), "close-cpu-ms")
	b.ReportMetric(ms(check), "quickcheck-ms")
	b.ReportMetric(ms(time.Duration(extracting.Load())), "extract-ms")
	b.ReportMetric(float64(batches)/float64(b.N), "batches")
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
