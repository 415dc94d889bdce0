package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/sqlite"
)

// capturingStore keeps the batches ingest gives it, storing nothing.
type capturingStore struct {
	*sqlite.DB
	items []factions.SaveItem
}

func (s *capturingStore) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	s.items = append(s.items, batch...)
	return make([]factions.SaveResult, len(batch)), nil
}

func (s *capturingStore) Resolve(ctx context.Context) (*factions.ResolveStats, error) {
	return &factions.ResolveStats{}, nil
}

// BenchmarkStoreCorpus extracts the corpus once, then stores it in
// batches of 100 into a new SQLite database per iteration, resolves and
// closes it, one goroutine: the writer's work alone, in ms per phase.
func BenchmarkStoreCorpus(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(cliShared, "corpus", "*", "*.txt"))
	if len(files) == 0 {
		b.Skip("no corpus")
	}
	ctx := context.Background()
	cap0, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "cap.db"))
	if err != nil {
		b.Fatal(err)
	}
	cs := &capturingStore{DB: cap0}
	in := &ingest.Ingester{NewExtractor: func() factions.Extractor { return extract.New() }, Store: cs}
	if _, err := in.Ingest(ctx, files); err != nil {
		b.Fatal(err)
	}
	cap0.Close()
	var save, resolve, optimize, closing, saveCPU, resolveCPU time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "kb.db"))
		if err != nil {
			b.Fatal(err)
		}
		items := make([]factions.SaveItem, len(cs.items))
		for j, it := range cs.items {
			it.Prepared = nil
			db.PrepareSave(&it)
			items[j] = it
		}
		b.StartTimer()
		t, c := time.Now(), cpuTime()
		for j := 0; j < len(items); j += 100 {
			if _, err := db.SaveArticles(ctx, items[j:min(j+100, len(items))]); err != nil {
				b.Fatal(err)
			}
		}
		save += time.Since(t)
		saveCPU += cpuTime() - c
		t, c = time.Now(), cpuTime()
		st, err := db.Resolve(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.Logf("resolution: %+v", *st)
		}
		resolve += time.Since(t)
		resolveCPU += cpuTime() - c
		t = time.Now()
		if err := db.Optimize(ctx); err != nil {
			b.Fatal(err)
		}
		optimize += time.Since(t)
		t = time.Now()
		db.Close()
		closing += time.Since(t)
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
	b.ReportMetric(ms(save), "save-ms")
	b.ReportMetric(ms(resolve), "resolve-ms")
	b.ReportMetric(ms(optimize), "optimize-ms")
	b.ReportMetric(ms(closing), "close-ms")
	b.ReportMetric(ms(saveCPU), "save-cpu-ms")
	b.ReportMetric(ms(resolveCPU), "resolve-cpu-ms")
}
