package main

import (
	"context"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/sqlite"
)

// phasedStore is a store that adds up the time spent storing batches and
// resolving, whole (Resolve) or the new articles (ResolveArticles).
type phasedStore struct {
	*sqlite.DB
	save, resolve time.Duration
	// saveCPU is the writer's own CPU time while storing batches (the
	// goroutine held on its thread while it stores one): what the save
	// takes beyond it, the writer waited, most often for a CPU that
	// extraction and the work beside the writer hold
	saveCPU    time.Duration
	resolveCPU time.Duration // the process's CPU time while resolving
}

// timeSave adds to the save times what storing a batch took, from the
// start and the thread's CPU time then.
func (s *phasedStore) timeSave(t time.Time, c time.Duration) {
	s.save += time.Since(t)
	if now, ok := threadCPU(); ok {
		s.saveCPU += now - c
	}
}

func (s *phasedStore) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	c, _ := threadCPU()
	defer s.timeSave(time.Now(), c)
	return s.DB.SaveArticles(ctx, batch)
}

func (s *phasedStore) SaveLastArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	c, _ := threadCPU()
	defer s.timeSave(time.Now(), c)
	return s.DB.SaveLastArticles(ctx, batch)
}

func (s *phasedStore) Resolve(ctx context.Context) (*factions.ResolveStats, error) {
	t, c := time.Now(), cpuTime()
	defer func() { s.resolve, s.resolveCPU = s.resolve+time.Since(t), s.resolveCPU+cpuTime()-c }()
	return s.DB.Resolve(ctx)
}

func (s *phasedStore) ResolveArticles(ctx context.Context, ids []int64) (*factions.ResolveStats, error) {
	t, c := time.Now(), cpuTime()
	defer func() { s.resolve, s.resolveCPU = s.resolve+time.Since(t), s.resolveCPU+cpuTime()-c }()
	return s.DB.ResolveArticles(ctx, ids)
}

// BenchmarkIngestGrowthPhases ingests what BenchmarkIngestGrowth does
// (100), and what BenchmarkIngestGrowthCorpus does (corpus), as the ingest
// command does, into an empty store and into a copy of one of ten times as
// many articles, and reports the time of each phase of each in ms per
// iteration (empty-, grown-): opening the store, storing batches (the one
// writer) and the writer's own CPU time in them (save-cpu: on Linux),
// waiting for extraction, resolving (a new store whole, the grown
// one's new articles), closing, and the whole; and the CPU time of the
// ingest (its phases but opening and closing), which tells apart what
// costs more from what waits more.
func BenchmarkIngestGrowthPhases(b *testing.B) {
	b.Run("100", func(b *testing.B) {
		news, big := growthStores(b)
		man, err := ingest.ReadManifest(filepath.Join(news, "SOURCES.tsv"))
		if err != nil {
			b.Fatal(err)
		}
		growthPhases(b, big, man, news)
	})
	b.Run("corpus", func(b *testing.B) {
		news, big, _ := growthCorpus(b)
		growthPhases(b, big, nil, news...)
	})
}

// growthPhases ingests news (with the manifest man, if any) into an empty
// store and into a copy of big, b.N times, and reports their phases.
func growthPhases(b *testing.B, big string, man *ingest.Manifest, news ...string) {
	ctx := context.Background()
	type phases struct{ open, save, saveCPU, wait, resolve, closing, total, cpu, resolveCPU time.Duration }
	var sums [2]phases
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		e, g := filepath.Join(dir, "empty.db"), filepath.Join(dir, "big.db")
		copyStore(b, big, g)
		b.StartTimer()
		for k, path := range []string{e, g} {
			p := &sums[k]
			start := time.Now()
			m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
			s, err := m.createStore(ctx, path)
			if err != nil {
				b.Fatal(err)
			}
			ps := &phasedStore{DB: s.(*sqlite.DB)}
			p.open += time.Since(start)
			in := &ingest.Ingester{
				NewExtractor: func() factions.Extractor { return extract.New() },
				Store:        ps, Manifest: man, Resolve: factions.ResolveAuto, MaxBatch: ingestMaxBatch,
			}
			t, c := time.Now(), cpuTime()
			if _, err := in.Ingest(ctx, news); err != nil {
				b.Fatal(err)
			}
			p.cpu += cpuTime() - c
			p.wait += time.Since(t) - ps.save - ps.resolve
			p.save += ps.save
			p.saveCPU += ps.saveCPU
			p.resolve += ps.resolve
			p.resolveCPU += ps.resolveCPU
			t = time.Now()
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			p.closing += time.Since(t)
			p.total += time.Since(start)
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
	for k, name := range []string{"empty", "grown"} {
		p := sums[k]
		b.ReportMetric(ms(p.open), name+"-open-ms")
		b.ReportMetric(ms(p.save), name+"-save-ms")
		b.ReportMetric(ms(p.saveCPU), name+"-save-cpu-ms")
		b.ReportMetric(ms(p.wait), name+"-wait-ms")
		b.ReportMetric(ms(p.resolve), name+"-resolve-ms")
		b.ReportMetric(ms(p.closing), name+"-close-ms")
		b.ReportMetric(ms(p.total), name+"-ms")
		b.ReportMetric(ms(p.cpu), name+"-ingest-cpu-ms")
		b.ReportMetric(ms(p.resolveCPU), name+"-resolve-cpu-ms")
	}
}
