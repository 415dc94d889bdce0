package sqlstore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/gazetteer"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/resolve"
)

// BenchmarkResolveCorpus runs resolve.Resolve over what a full resolution
// reads of ../shared/corpus stored in a new SQLite store (ingested once,
// outside the timer, and resolved as ingest does): some 20,000
// occurrences of 988 articles, the resolution a new store's ingest works
// out at its end. The generated corpora of resolve's BenchmarkResolve are
// shaped otherwise (their short forms dominate); this is the real one.
// Its time varies with the machine: compare instructions (cachegrind,
// GOMAXPROCS=1, the difference between -benchtime 5x and 1x).
func BenchmarkResolveCorpus(b *testing.B) {
	corpus := filepath.Join("..", "..", "..", "shared", "corpus")
	if fs, _ := filepath.Glob(filepath.Join(corpus, "*", "*.txt")); len(fs) == 0 {
		b.Skipf("%s is absent: the benchmark stores the shared corpus", corpus)
	}
	g, err := gazetteer.New()
	if err != nil {
		b.Fatal(err)
	}
	db := openFresh(b, filepath.Join(b.TempDir(), "kb.db"))
	db.Gazetteer = g
	ctx := context.Background()
	in := &ingest.Ingester{Store: db, NewExtractor: func() factions.Extractor { return extract.New() }}
	if st, err := in.Ingest(ctx, []string{corpus}); err != nil || st.New == 0 {
		b.Fatalf("ingest: %v (%+v)", err, st)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	input, _, err := db.loadResolution(ctx, tx)
	tx.Rollback()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		types := occurrenceTypes(input) // resolution retypes some: each round starts as stored
		resolve.Resolve(input, g)
		restoreTypes(input, types)
	}
	b.ReportMetric(float64(len(input.Occurrences)), "occurrences")
}
