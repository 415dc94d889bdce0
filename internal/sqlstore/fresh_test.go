package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"

	_ "modernc.org/sqlite" // the "sqlite" driver

	"github.com/factions/factions"
	"github.com/factions/factions/resolve"
	"github.com/factions/factions/storetest"
)

// openFresh opens the SQLite database at path as package sqlite does
// (write-ahead log, one writer at a time).
func openFresh(t testing.TB, path string) *DB {
	t.Helper()
	sdb, err := sql.Open("sqlite", path+"?_pragma=journal_mode(wal)&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	db := New(sdb, SQLite)
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// saveGenerated saves the generated articles from, from+1, ... to-1 in
// batches of 50, the one at from+10 twice (unchanged the second time).
func saveGenerated(t *testing.T, db *DB, g *storetest.Gen, from, to int) {
	t.Helper()
	var items []factions.SaveItem
	for i := from; i < to; i++ {
		a, x := g.Article(i)
		items = append(items, factions.SaveItem{Article: a, Extraction: x})
		if i == from+10 {
			a2 := *a
			items = append(items, factions.SaveItem{Article: &a2, Extraction: x})
		}
	}
	for start := 0; start < len(items); start += 50 {
		batch := items[start:min(start+50, len(items))]
		for i := range batch {
			db.PrepareSave(&batch[i])
		}
		res, err := db.SaveArticles(context.Background(), batch)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
	}
}

// TestFreshLog checks that what a new store's batches log is what
// resolution would read back of them, and that the log is left aside
// when the store holds anything else.
func TestFreshLog(t *testing.T) {
	ctx := context.Background()
	g := storetest.NewGen(7, 40, 8, 6)
	t.Run("Same", func(t *testing.T) {
		db := openFresh(t, filepath.Join(t.TempDir(), "kb.db"))
		saveGenerated(t, db, g, 0, 230)
		in, cur, n := db.fresh.take()
		if in == nil {
			t.Fatal("nothing logged")
		}
		if len(in.Ties) == 0 || len(in.Occurrences) == 0 {
			t.Fatalf("%d occurrences and %d ties logged: want some of each", len(in.Occurrences), len(in.Ties))
		}
		tx, err := db.beginWrite(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if ok, err := db.matches(ctx, tx, n); err != nil || !ok {
			t.Fatalf("the store does not match its log (%v)", err)
		}
		want, wantCur, err := db.loadResolution(ctx, tx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(in, want) {
			t.Error("the log's input differs from the stored one")
		}
		if !reflect.DeepEqual(cur, wantCur) {
			t.Error("the log's stored rows differ from those read")
		}
		if in, _, _ := db.fresh.take(); in != nil {
			t.Error("the log is taken twice")
		}
	})
	t.Run("Names", func(t *testing.T) {
		// the entities each article's names are saved under are those
		// a store that reads its names back gives them
		var got [2]*resolve.Input
		for i := range got {
			db := openFresh(t, filepath.Join(t.TempDir(), "kb.db"))
			if i == 1 {
				db.fresh.drop()
			}
			saveGenerated(t, db, storetest.NewGen(11, 40, 8, 6), 0, 230)
			if i == 0 && len(db.fresh.names) == 0 {
				t.Fatal("the log kept no names")
			}
			tx, err := db.beginWrite(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got[i], _, err = db.loadResolution(ctx, tx); err != nil {
				t.Fatal(err)
			}
			tx.Rollback()
		}
		if !reflect.DeepEqual(got[0], got[1]) {
			t.Error("the names the log kept put occurrences in other entities than those read back")
		}
	})
	t.Run("NotEmpty", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "kb.db")
		saveGenerated(t, openFresh(t, path), g, 0, 60)
		db := openFresh(t, path)
		saveGenerated(t, db, g, 60, 120)
		if in, _, _ := db.fresh.take(); in != nil {
			t.Error("a store that held articles was logged")
		}
	})
	t.Run("OtherWrite", func(t *testing.T) {
		db := openFresh(t, filepath.Join(t.TempDir(), "kb.db"))
		saveGenerated(t, db, g, 0, 60)
		a, x := g.Article(61)
		if _, _, err := db.SaveArticle(ctx, a, x); err != nil {
			t.Fatal(err)
		}
		saveGenerated(t, db, g, 62, 120)
		if in, _, _ := db.fresh.take(); in != nil {
			t.Error("a store written one article at a time was logged")
		}
	})
	t.Run("OtherWriter", func(t *testing.T) {
		db := openFresh(t, filepath.Join(t.TempDir(), "kb.db"))
		saveGenerated(t, db, g, 0, 60)
		// another process curates
		if _, err := db.SQL().ExecContext(ctx, `INSERT INTO audit (action, target, time) VALUES ('rename', 1, 0)`); err != nil {
			t.Fatal(err)
		}
		_, _, n := db.fresh.take()
		tx, err := db.beginWrite(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if ok, err := db.matches(ctx, tx, n); err != nil || ok {
			t.Errorf("a store another writer changed matches its log (%v)", err)
		}
	})
}

// TestScopeLog checks that what the batches saved into a store that held
// articles log is what a scoped resolution reads back of them, and that
// the log is left aside when the store does not hold what it says.
func TestScopeLog(t *testing.T) {
	defer func(f func(*factions.ResolveState) bool) { dueWhole = f }(dueWhole)
	dueWhole = func(*factions.ResolveState) bool { return false } // scoped however small the store
	defer func(n int) { samplesFrom = n }(samplesFrom)
	samplesFrom = 0 // samples kept however small the store
	ctx := context.Background()
	g := storetest.NewGen(7, 40, 8, 6)
	for _, tc := range []struct {
		name  string
		other func(t *testing.T, db *DB, ids []int64) []int64 // what else happens; the articles to place
		holds bool
	}{
		{"Same", func(t *testing.T, db *DB, ids []int64) []int64 { return ids }, true},
		{"Some", func(t *testing.T, db *DB, ids []int64) []int64 { return ids[1:] }, false},
		{"Curated", func(t *testing.T, db *DB, ids []int64) []int64 {
			// another process curates
			if _, err := db.SQL().ExecContext(ctx, `INSERT INTO audit (action, target, time) VALUES ('rename', 1, 0)`); err != nil {
				t.Fatal(err)
			}
			return ids
		}, false},
		{"Resolved", func(t *testing.T, db *DB, ids []int64) []int64 {
			// another process resolves one of them
			if _, err := db.SQL().ExecContext(ctx, `UPDATE articles SET resolved = TRUE WHERE id = ?`, ids[3]); err != nil {
				t.Fatal(err)
			}
			return ids
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "kb.db")
			old := openFresh(t, path)
			saveGenerated(t, old, g, 0, 120)
			if _, err := old.Resolve(ctx); err != nil {
				t.Fatal(err)
			}
			old.Close()
			db := openFresh(t, path)
			// more people than the store knows: the batches make
			// entities, some of names the batches before looked up
			g := storetest.NewGen(7, 400, 8, 6)
			saveGenerated(t, db, g, 120, 200)
			// the last batch of an ingest (factions.LastSaver) is logged
			// too: none of a grown store is resolved ahead
			var last []factions.SaveItem
			for i := 200; i < 230; i++ {
				a, x := g.Article(i)
				last = append(last, factions.SaveItem{Article: a, Extraction: x})
			}
			if _, err := db.SaveLastArticles(ctx, last); err != nil {
				t.Fatal(err)
			}
			if db.fresh.takeAhead() != nil {
				t.Fatal("a grown store's log resolved ahead as a new one's")
			}
			// its log placed ahead (a scoped resolution) with its last batch
			placing := db.fresh.takePlacing()
			if placing == nil || placing.log == nil {
				t.Fatal("nothing logged")
			}
			<-placing.done
			logged := placing.log
			st, err := db.ResolveState(ctx)
			if err != nil {
				t.Fatal(err)
			}
			ids := tc.other(t, db, st.Unresolved)
			tx, err := db.beginWrite(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			if ok, err := logged.holds(ctx, db, tx, ids); err != nil || ok != tc.holds {
				t.Fatalf("the log holds: %v (%v), want %v", ok, err, tc.holds)
			}
			if tc.holds {
				// the candidates looked up beside the batches are those
				// the store gives now
				looked, samples, ok, err := logged.candidates(ctx)
				if err != nil || !ok {
					t.Fatalf("no candidates looked up beside the batches (%v)", err)
				}
				want := storedCandidates(t, db, tx, logged, ids)
				if len(want) == 0 || len(logged.made) == 0 {
					t.Fatalf("%d candidates, %d entities made: want some of each", len(want), len(logged.made))
				}
				if !reflect.DeepEqual(looked, want) {
					t.Errorf("looked up beside: %d candidates, want %d", len(looked), len(want))
				}
				sameSamples(t, db, tx, samples, want)
			}
			var got [2]*scope
			for i, l := range []*scopeLog{logged, nil} {
				if got[i], err = db.loadScope(ctx, tx, ids, nil, l); err != nil {
					t.Fatal(err)
				}
			}
			if n := len(logged.articles); n != 110 {
				t.Fatalf("%d articles logged, want 110", n)
			}
			if len(got[1].news) == 0 || len(got[1].in.Ties) == 0 {
				t.Fatalf("%d new occurrences and %d ties read: want some of each", len(got[1].news), len(got[1].in.Ties))
			}
			if !reflect.DeepEqual(got[0].in, got[1].in) {
				t.Error("the log's input differs from the stored one")
			}
			if tc.holds {
				// what was placed ahead read the same input
				if placing.sc == nil {
					t.Fatal("nothing placed ahead")
				}
				// the first batch, one of whose articles is stored
				// already, looked its new ones up once planned, the
				// others all theirs while planned (lookEarly)
				var early []bool
				for _, lk := range logged.lookups {
					early = append(early, lk.early)
				}
				if !reflect.DeepEqual(early, []bool{false, true, true}) {
					t.Errorf("look-ups started before their batch was planned: %v, want the first not", early)
				}
				if logged.steps == nil || logged.steps.batches != 2 || !logged.steps.ok {
					t.Error("the scope of the batches before the last not read beside them (scopeStep)")
				}
				restoreTypes(placing.sc.in, placing.types)
				placing.sc.in.Placing = false
				// (in another order: the batches but the last were read
				// beside them, scopeStep)
				if !reflect.DeepEqual(inOrder(placing.sc.in), inOrder(got[1].in)) {
					t.Error("the input placed ahead differs from the stored one")
				}
			}
			if !reflect.DeepEqual(got[0].news, got[1].news) || !reflect.DeepEqual(got[0].loaded, got[1].loaded) ||
				!reflect.DeepEqual(got[0].arts, got[1].arts) || !reflect.DeepEqual(got[0].fresh, got[1].fresh) {
				t.Error("the log's new occurrences or articles differ from those read")
			}
		})
	}
}

// inOrder returns a copy of in with its articles and occurrences sorted,
// and its ties by subject, each subject's in their order: resolution reads
// them in any such order (package resolve).
func inOrder(in *resolve.Input) *resolve.Input {
	out := *in
	out.Articles = slices.Clone(in.Articles)
	slices.SortFunc(out.Articles, func(a, b resolve.Article) int { return cmp.Compare(a.ID, b.ID) })
	out.Occurrences = slices.Clone(in.Occurrences)
	slices.SortFunc(out.Occurrences, func(a, b resolve.Occurrence) int { return cmp.Compare(a.ID, b.ID) })
	out.Ties = slices.Clone(in.Ties)
	slices.SortStableFunc(out.Ties, func(a, b resolve.Tie) int { return cmp.Compare(a.Subject, b.Subject) })
	return &out
}

// TestLookAheadLate: the look-up of a batch's names that starts only once
// the batches after it committed finds what the store gives, as one that
// runs at once does.
func TestLookAheadLate(t *testing.T) {
	defer func(f func(*factions.ResolveState) bool) { dueWhole = f }(dueWhole)
	dueWhole = func(*factions.ResolveState) bool { return false } // scoped however small the store
	defer func(n int) { samplesFrom = n }(samplesFrom)
	samplesFrom = 0 // samples kept however small the store
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	old := openFresh(t, path)
	saveGenerated(t, old, storetest.NewGen(7, 40, 8, 6), 0, 120)
	if _, err := old.Resolve(ctx); err != nil {
		t.Fatal(err)
	}
	old.Close()
	db := openFresh(t, path)
	release := make(chan struct{})
	var first sync.Once
	lookAheadHook = func() { first.Do(func() { <-release }) }
	defer func() { lookAheadHook = nil }()
	saveGenerated(t, db, storetest.NewGen(7, 400, 8, 6), 120, 230) // three batches
	close(release)
	db.fresh.side.Wait() // every look-up done while the log holds every batch
	logged := db.fresh.takeScope()
	if logged == nil || len(logged.lookups) != 3 {
		t.Fatalf("log %v: want three batches' look-ups", logged)
	}
	looked, samples, ok, err := logged.candidates(ctx)
	if err != nil || !ok {
		t.Fatalf("no candidates looked up beside the batches (%v)", err)
	}
	st, err := db.ResolveState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	want := storedCandidates(t, db, tx, logged, st.Unresolved)
	if !reflect.DeepEqual(looked, want) {
		t.Errorf("looked up beside: %d candidates, want %d", len(looked), len(want))
	}
	sameSamples(t, db, tx, samples, want)
}

// storedCandidates returns what db.candidates looks up in tx of the new
// names of the articles ids, which logged holds.
func storedCandidates(t *testing.T, db *DB, tx *sql.Tx, logged *scopeLog, ids []int64) []candidate {
	t.Helper()
	sc := newScope()
	logged.fill(sc, ids)
	want, err := db.candidates(context.Background(), tx, sc)
	if err != nil {
		t.Fatal(err)
	}
	return want
}

// sameSamples fails t unless samples are the rows of entity_samples of
// cands that tx reads, some of them.
func sameSamples(t *testing.T, db *DB, tx *sql.Tx, samples map[int64]*entitySample, cands []candidate) {
	t.Helper()
	var ids []int64
	for _, c := range cands {
		ids = append(ids, c.id)
	}
	want, err := db.readSamples(context.Background(), tx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("no candidate has a sample")
	}
	if !reflect.DeepEqual(samples, want) {
		t.Errorf("samples read beside: %d, want %d", len(samples), len(want))
	}
}

// TestLookAheadWhenScoped: the batches into a grown store look its names
// up beside them only when a scoped resolution is to follow
// (factions.ResolveState.FullDue false).
func TestLookAheadWhenScoped(t *testing.T) {
	ctx := context.Background()
	for _, due := range []bool{false, true} {
		t.Run(fmt.Sprint("due=", due), func(t *testing.T) {
			defer func(f func(*factions.ResolveState) bool) { dueWhole = f }(dueWhole)
			dueWhole = func(*factions.ResolveState) bool { return due }
			path := filepath.Join(t.TempDir(), "kb.db")
			old := openFresh(t, path)
			saveGenerated(t, old, storetest.NewGen(7, 40, 8, 6), 0, 60)
			if _, err := old.Resolve(ctx); err != nil {
				t.Fatal(err)
			}
			old.Close()
			db := openFresh(t, path)
			saveGenerated(t, db, storetest.NewGen(7, 400, 8, 6), 60, 120)
			if n := len(db.fresh.lookups()); (n > 0) == due {
				t.Errorf("%d batches looked up beside, with a full resolution due %v", n, due)
			}
		})
	}
}
