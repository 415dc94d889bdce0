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
	items := func(from, to int) []factions.SaveItem { return copyItems(all[from:to]) }
	save := mustSave
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

// TestPlaceAhead checks that a grown store whose last batch is saved with
// SaveLastArticles places its new articles (ResolveArticles) as one saved
// with SaveArticles does, from the scoped resolution worked out while the
// batch was written; and that a write after that batch makes
// ResolveArticles work it out again, from what the store holds.
func TestPlaceAhead(t *testing.T) {
	defer func(f func(*factions.ResolveState) bool) { dueWhole = f }(dueWhole)
	dueWhole = func(*factions.ResolveState) bool { return false } // scoped however small the store
	defer func(n int) { samplesFrom = n }(samplesFrom)
	samplesFrom = 0 // samples kept however small the store
	ctx := context.Background()
	old := storetest.NewGen(9, 40, 8, 6)
	g := storetest.NewGen(9, 400, 8, 6) // more people than the store knows
	var all []factions.SaveItem
	for i := 0; i < 320; i++ {
		gen := old
		if i >= 120 {
			gen = g
		}
		a, x := gen.Article(i)
		all = append(all, factions.SaveItem{Article: a, Extraction: x})
	}
	items := func(from, to int) []factions.SaveItem { return copyItems(all[from:to]) }
	save := mustSave
	// grown returns a store of the first 120 articles, resolved, opened
	// anew.
	grown := func(t *testing.T) *DB {
		t.Helper()
		path := filepath.Join(t.TempDir(), "kb.db")
		db := openFresh(t, path)
		save(t, db.SaveArticles, items(0, 120))
		if _, err := db.Resolve(ctx); err != nil {
			t.Fatal(err)
		}
		db.Close()
		return openFresh(t, path) // (a store's log is kept from when it opens)
	}
	// placed returns the stats of ResolveArticles and what the store
	// holds after, its samples with it.
	placed := func(t *testing.T, db *DB) (*factions.ResolveStats, *resolve.Input, *stored, map[int64]*entitySample) {
		t.Helper()
		rs, err := db.ResolveState(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st, err := db.ResolveArticles(ctx, rs.Unresolved)
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
		var ids []int64
		for _, o := range in.Occurrences {
			ids = append(ids, o.Entity)
		}
		samples, err := db.readSamples(ctx, tx, ids)
		if err != nil {
			t.Fatal(err)
		}
		return st, in, cur, samples
	}
	for _, tt := range []struct {
		name  string
		after []factions.SaveItem // saved after the last batch
		used  bool                // ResolveArticles takes what was worked out ahead
	}{
		{name: "Last", used: true},
		{name: "WrittenAfter", after: items(300, 320)}, // placed from what the store holds
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := grown(t)
			save(t, want.SaveArticles, items(120, 220))
			save(t, want.SaveArticles, items(220, 300))
			if tt.after != nil {
				save(t, want.SaveArticles, tt.after)
			}
			wantSt, wantIn, wantCur, wantSamples := placed(t, want)

			db := grown(t)
			save(t, db.SaveArticles, items(120, 220))
			save(t, db.SaveLastArticles, items(220, 300))
			placing := db.fresh.placing
			if placing == nil {
				t.Fatal("nothing placed ahead")
			}
			if tt.after != nil {
				save(t, db.SaveArticles, tt.after)
			}
			st, in, cur, samples := placed(t, db)
			if placing.used != tt.used {
				t.Errorf("the placing worked out ahead used %v, want %v", placing.used, tt.used)
			}
			if !reflect.DeepEqual(st, wantSt) {
				t.Errorf("resolve stats %+v, want %+v", st, wantSt)
			}
			if !reflect.DeepEqual(in, wantIn) || !reflect.DeepEqual(cur, wantCur) {
				t.Error("the store placed differs from one whose last batch was saved with SaveArticles")
			}
			if len(wantSamples) == 0 || !reflect.DeepEqual(samples, wantSamples) {
				t.Errorf("%d entity samples, want %d, the same", len(samples), len(wantSamples))
			}
		})
	}
}

// copyItems returns copies of its, each with an article of its own (a
// store sets the article's ID), the same for every store.
func copyItems(its []factions.SaveItem) []factions.SaveItem {
	var out []factions.SaveItem
	for _, it := range its {
		a := *it.Article
		out = append(out, factions.SaveItem{Article: &a, Extraction: it.Extraction})
	}
	return out
}

// mustSave saves its with f (SaveArticles or SaveLastArticles), failing t
// on any error.
func mustSave(t *testing.T, f func(context.Context, []factions.SaveItem) ([]factions.SaveResult, error), its []factions.SaveItem) {
	t.Helper()
	res, err := f(context.Background(), its)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
}
