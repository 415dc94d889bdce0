package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/sqlite"
)

// BenchmarkExportPopolo runs the export command (--popolo, to nowhere) on a
// store of the whole of ../shared/corpus, ingested once outside the timer,
// and reports claims/s; as the baseline, the store's read of every claim
// (Store.Claims, unfiltered), which the export does once among the rest.
// On 2026-12-05 the export took 8.4x the baseline (228 ms against 27 ms);
// the code before, which read in pages of 500 (each sorting every claim
// again) and fetched each pair's claims again to judge contest, took
// 618 ms and 120 ms.
func BenchmarkExportPopolo(b *testing.B) {
	news := corpusFolders(b, "export")
	db := filepath.Join(b.TempDir(), "kb.db")
	corpusIngest(b, db, "auto", news...)
	ctx := context.Background()
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	all, err := s.Claims(ctx, factions.ClaimFilter{})
	if err != nil {
		b.Fatal(err)
	}
	claims := float64(len(all))
	b.Run("claims", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Claims(ctx, factions.ClaimFilter{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(claims*float64(b.N)/b.Elapsed().Seconds(), "claims/s")
	})
	b.Run("export", func(b *testing.B) {
		for b.Loop() {
			var errs strings.Builder
			m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &errs, Getenv: func(string) string { return "" }}
			if err := (&ExportCommand{Main: m}).Run(ctx, []string{"--db", db, "--popolo"}); err != nil {
				b.Fatalf("export: %v\n%s", err, errs.String())
			}
		}
		b.ReportMetric(claims*float64(b.N)/b.Elapsed().Seconds(), "claims/s")
	})
}
