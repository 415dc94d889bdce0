package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/storetest"
)

// TestResolutionCopiesLog checks that a batch stored, or a resolution,
// whole or of the new articles, leaves the pages the write-ahead log held
// copied into the database file once its copies are done (before Close),
// where the batches stored before it (by sqlstore.DB, which copies
// nothing) had left them in the log.
func TestResolutionCopiesLog(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		resolve func(db *DB, more []factions.SaveItem) error
	}{
		{"SaveArticles", func(db *DB, more []factions.SaveItem) error {
			_, err := db.SaveArticles(ctx, more)
			return err
		}},
		{"SaveLastArticles", func(db *DB, more []factions.SaveItem) error {
			_, err := db.SaveLastArticles(ctx, more)
			return err
		}},
		{"Resolve", func(db *DB, _ []factions.SaveItem) error {
			_, err := db.Resolve(ctx)
			return err
		}},
		{"ResolveArticles", func(db *DB, _ []factions.SaveItem) error {
			st, err := db.ResolveState(ctx)
			if err != nil {
				return err
			}
			_, err = db.ResolveArticles(ctx, st.Unresolved)
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "kb.db")
			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			g := storetest.NewGen(3, 30, 6, 6)
			var items []factions.SaveItem
			for i := 0; i < 61; i++ {
				a, x := g.Article(i)
				items = append(items, factions.SaveItem{Article: a, Extraction: x})
			}
			if _, err := db.DB.SaveArticles(ctx, items[:60]); err != nil {
				t.Fatal(err)
			}
			inFile := func() bool {
				var size int64
				if err := db.SQL().QueryRowContext(ctx, `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`).Scan(&size); err != nil {
					t.Fatal(err)
				}
				fi, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				return fi.Size() >= size
			}
			if inFile() {
				t.Fatal("the stored batch is in the file already: the test tests nothing")
			}
			if err := tc.resolve(db, items[60:]); err != nil {
				t.Fatal(err)
			}
			db.copies.Wait()
			if !inFile() {
				t.Error("the log was not copied into the file")
			}
		})
	}
}
