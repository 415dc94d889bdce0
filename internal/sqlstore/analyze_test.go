package sqlstore

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/factions/factions/storetest"
)

// TestAnalyzeStatistics checks that Optimize and Analyze, which analyse
// under fullAnalysisLimit, write the sqlite_stat1 of an analysis without
// a limit, keep no STAT4 samples, and put the connection's limit back.
func TestAnalyzeStatistics(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		run  func(*DB) error
	}{
		{"Optimize", func(db *DB) error { return db.Optimize(ctx) }},
		{"Analyze", func(db *DB) error { return db.Analyze(ctx) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stat1 [2][][3]string
			for i := range stat1 {
				db := openFresh(t, filepath.Join(t.TempDir(), "kb.db"))
				saveGenerated(t, db, storetest.NewGen(5, 40, 8, 6), 0, 230)
				if _, err := db.Resolve(ctx); err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					// the statistics of an analysis without a limit
					if _, err := db.db.ExecContext(ctx, `ANALYZE`); err != nil {
						t.Fatal(err)
					}
				} else if err := tt.run(db); err != nil {
					t.Fatal(err)
				}
				rows, err := db.db.QueryContext(ctx, `SELECT tbl, coalesce(idx, ''), stat FROM sqlite_stat1 ORDER BY 1, 2`)
				if err != nil {
					t.Fatal(err)
				}
				for rows.Next() {
					var r [3]string
					if err := rows.Scan(&r[0], &r[1], &r[2]); err != nil {
						t.Fatal(err)
					}
					stat1[i] = append(stat1[i], r)
				}
				if err := rows.Close(); err != nil {
					t.Fatal(err)
				}
				var samples, limit int
				if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_stat4`).Scan(&samples); err != nil {
					t.Fatal(err)
				}
				if i == 0 && samples == 0 {
					t.Fatal("an analysis without a limit kept no STAT4 samples: the test compares nothing")
				}
				if i == 1 && samples != 0 {
					t.Errorf("%d STAT4 samples kept, want none", samples)
				}
				if err := db.db.QueryRowContext(ctx, `PRAGMA analysis_limit`).Scan(&limit); err != nil || limit != 0 {
					t.Errorf("analysis_limit %d (%v) after, want 0", limit, err)
				}
			}
			if len(stat1[0]) < 10 {
				t.Fatalf("%d rows of sqlite_stat1: want one an index", len(stat1[0]))
			}
			if !reflect.DeepEqual(stat1[0], stat1[1]) {
				t.Errorf("sqlite_stat1\n%v\nwant (no limit)\n%v", stat1[1], stat1[0])
			}
		})
	}
}
