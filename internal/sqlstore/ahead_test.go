package sqlstore

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/resolve"
	"github.com/factions/factions/storetest"
)

// TestResolveAhead checks that a new store whose last batch is saved with
// SaveLastArticles resolves as one saved with SaveArticles does, from the
// resolution worked out while the batch was written; and that a write
// after that batch makes Resolve work the resolution out again, from what
// the store holds.
func TestResolveAhead(t *testing.T) {
	ctx := context.Background()
	g := storetest.NewGen(9, 40, 8, 6)
	var all []factions.SaveItem
	for i := 0; i < 200; i++ {
		a, x := g.Article(i)
		all = append(all, factions.SaveItem{Article: a, Extraction: x})
	}
	// items returns copies of the articles from to to-1, the same for
	// every store.
	items := func(from, to int) []factions.SaveItem {
		var its []factions.SaveItem
		for _, it := range all[from:to] {
			a := *it.Article
			its = append(its, factions.SaveItem{Article: &a, Extraction: it.Extraction})
		}
		return its
	}
	save := func(t *testing.T, f func(context.Context, []factions.SaveItem) ([]factions.SaveResult, error), its []factions.SaveItem) {
		t.Helper()
		res, err := f(ctx, its)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
	}
	// resolved returns the stats of Resolve and what the store holds after.
	resolved := func(t *testing.T, db *DB) (*factions.ResolveStats, *resolve.Input, *stored) {
		t.Helper()
		st, err := db.Resolve(ctx)
		if err != nil {
			t.Fatal(err)
		}
		tx, err := db.beginWrite(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		in, cur, err := db.loadResolution(ctx, tx)
		if err != nil {
			t.Fatal(err)
		}
		return st, in, cur
	}
	for _, tt := range []struct {
		name  string
		after []factions.SaveItem // saved after the last batch
		used  bool                // Resolve takes the resolution worked out ahead
	}{
		{name: "Last", used: true},
		{name: "WrittenAfter", after: items(180, 200)}, // resolved from what the store holds
	} {
		t.Run(tt.name, func(t *testing.T) {
			end := 200 - len(tt.after) // of the last batch
			// the same batches, each with SaveArticles
			want := openFresh(t, filepath.Join(t.TempDir(), "kb.db"))
			save(t, want.SaveArticles, items(0, 100))
			save(t, want.SaveArticles, items(100, end))
			if tt.after != nil {
				save(t, want.SaveArticles, tt.after)
			}
			wantSt, wantIn, wantCur := resolved(t, want)

			db := openFresh(t, filepath.Join(t.TempDir(), "kb.db"))
			save(t, db.SaveArticles, items(0, 100))
			save(t, db.SaveLastArticles, items(100, end))
			if db.fresh.ahead == nil {
				t.Fatal("no resolution worked out ahead")
			}
			if tt.after != nil {
				save(t, db.SaveArticles, tt.after)
			}
			ahead := db.fresh.ahead
			st, in, cur := resolved(t, db)
			if ahead.used != tt.used {
				t.Errorf("the resolution worked out ahead used %v, want %v", ahead.used, tt.used)
			}
			if !reflect.DeepEqual(st, wantSt) {
				t.Errorf("resolve stats %+v, want %+v", st, wantSt)
			}
			if !reflect.DeepEqual(in, wantIn) || !reflect.DeepEqual(cur, wantCur) {
				t.Error("the store resolved differs from one whose last batch was saved with SaveArticles")
			}
		})
	}
}
