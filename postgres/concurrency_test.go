package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/factions/factions"
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
	extra := func(context.Context, *pgxpool.Pool) error { mu.Lock(); more++; mu.Unlock(); return nil }
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

// TestSaveConcurrently saves articles that all name one new person and one
// new party from several goroutines at once: the names' locks make each
// one entity, as saving them one after the other does, before any
// resolution.
func TestSaveConcurrently(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("Zorvath Kelmaran of the Umbrel Accord spoke in rally number %d.", i)
			x := &factions.Extraction{Entities: []factions.Entity{
				{Name: "Zorvath Kelmaran", Type: factions.Person, Mentions: []factions.Mention{{Text: "Zorvath Kelmaran", Span: factions.Span{Start: 0, End: 16}}}},
				{Name: "Umbrel Accord", Type: factions.Organization, Mentions: []factions.Mention{{Text: "Umbrel Accord", Span: factions.Span{Start: 24, End: 37}}}},
			}}
			_, _, errs[i] = s.SaveArticle(ctx, &factions.Article{Text: text}, x)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("save %d: %v", i, err)
		}
	}
	rows, err := s.SQL().QueryContext(ctx, `SELECT name, count(*) FROM entities GROUP BY name ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var name string
		var c int
		if err := rows.Scan(&name, &c); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s ×%d", name, c))
	}
	if want := []string{"Umbrel Accord ×1", "Zorvath Kelmaran ×1"}; !slices.Equal(got, want) {
		t.Errorf("entities: got %v, want %v", got, want)
	}
}
