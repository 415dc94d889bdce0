package sqlstore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/storetest"
)

// TestSaveWholeStoredArticles checks that a batch saved whole (saveWhole,
// its rows gathered) takes an article stored before it, and one whose text
// an article before it in the batch has, as unchanged, without falling
// back to an article a savepoint (saveBatch), and numbers its new articles
// as SQLite would.
func TestSaveWholeStoredArticles(t *testing.T) {
	ctx := context.Background()
	db := openFresh(t, filepath.Join(t.TempDir(), "s.db"))
	g := storetest.NewGen(5, 20, 4, 3)
	var items []factions.SaveItem
	for i := range 4 {
		a, x := g.Article(i)
		items = append(items, factions.SaveItem{Article: a, Extraction: x})
	}
	prep := func(i int) *saving {
		a := *items[i].Article // (each saving sets its article's ID)
		s, err := db.prepareSave(&a, items[i].Extraction)
		if err != nil {
			t.Fatal(err)
		}
		s.now = db.now()
		return s
	}
	first := []*saving{prep(0), prep(1)}
	if done, err := db.saveWhole(ctx, first, make([]error, len(first)), false); !done || err != nil {
		t.Fatalf("first batch: done %v, %v", done, err)
	}
	batch := []*saving{prep(2), prep(1), nil, prep(3), prep(2)}
	errs := make([]error, len(batch))
	if done, err := db.saveWhole(ctx, batch, errs, false); !done || err != nil {
		t.Fatalf("a batch with a stored article and one twice: done %v, %v (want it saved whole)", done, err)
	}
	type result struct {
		id      int64
		created bool
	}
	want := []result{{3, true}, {first[1].id, false}, {}, {4, true}, {3, false}}
	for i, s := range batch {
		var got result
		if s != nil {
			got = result{s.id, s.created}
		}
		if got != want[i] || errs[i] != nil {
			t.Errorf("item %d: %+v (%v), want %+v", i, got, errs[i], want[i])
		}
	}
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n); err != nil || n != 4 {
		t.Errorf("%d articles stored (%v), want 4", n, err)
	}
}
