package postgres_test

import (
	"context"
	"sync"
	"testing"

	"github.com/factions/factions/internal/pgtest"
	"github.com/factions/factions/postgres"
)

// TestOpenConcurrently opens a new database from several goroutines at
// once, each on its own connections as separate processes would: every
// one succeeds, and the migrations are applied once.
func TestOpenConcurrently(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	ctx := context.Background()
	const n = 8
	var (
		wg   sync.WaitGroup
		errs = make([]error, n)
		more = 0
		mu   sync.Mutex
	)
	extra := func(context.Context) error { mu.Lock(); more++; mu.Unlock(); return nil }
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := postgres.Open(ctx, dsn, extra)
			if err != nil {
				errs[i] = err
				return
			}
			errs[i] = db.Close()
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("open %d: %v", i, err)
		}
	}
	if more != n {
		t.Errorf("more migrations ran %d times, want %d", more, n)
	}
	db, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var applied, distinct int
	if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT name) FROM migrations`).Scan(&applied, &distinct); err != nil {
		t.Fatal(err)
	}
	if applied == 0 || applied != distinct {
		t.Errorf("migrations table: %d rows, %d distinct; want each migration once", applied, distinct)
	}
}
