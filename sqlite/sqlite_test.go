package sqlite_test

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/internal/sqlstore"
	"github.com/factions/factions/sqlite"
	"github.com/factions/factions/storetest"
)

// MustOpen returns a new store in a temporary file whose clock reads
// storetest.Now, closed when tb ends.
func MustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "factions.db"))
	if err != nil {
		tb.Fatal(err)
	}
	db.Now = func() time.Time { return storetest.Now }
	db.Gazetteer = storetest.Gazetteer{}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) factions.Store { return MustOpen(t) })
}

// TestUpgrade opens a knowledge base made by the first schema.
func TestUpgrade(t *testing.T) {
	storetest.TestUpgrade(t, func(t *testing.T, stmts []storetest.Stmt) factions.Store {
		path := filepath.Join(t.TempDir(), "old.db")
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		schema, err := sqlstore.SQLite.Migration("migrations/0001_init.sql")
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range append([]storetest.Stmt{
			{Query: `CREATE TABLE migrations (name TEXT PRIMARY KEY, applied BIGINT NOT NULL)`},
			{Query: schema},
			{Query: `INSERT INTO migrations (name, applied) VALUES ('0001_init.sql', 0)`},
		}, stmts...) {
			if _, err := raw.Exec(st.Query, st.Args...); err != nil {
				t.Fatalf("%s: %v", st.Query, err)
			}
		}
		raw.Close()
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		db.Now = func() time.Time { return storetest.Now }
		db.Gazetteer = storetest.Gazetteer{}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	t.Run("Reopen", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sub", "dir", "kb.db")
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SaveArticle(ctx, &factions.Article{Text: "Noor Halvi spoke."}, nil); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		db, err = sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		as, err := db.Articles(ctx, factions.ArticleFilter{})
		if err != nil || len(as) != 1 {
			t.Fatalf("Articles = %d, %v; want 1", len(as), err)
		}
		var names []string
		rows, err := db.SQL().QueryContext(ctx, `SELECT name FROM migrations ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			names = append(names, n)
		}
		files, err := fs.Glob(sqlstore.SQLite.Migrations, sqlstore.SQLite.MigrationsDir+"/*.sql")
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, f := range files {
			want = append(want, filepath.Base(f))
		}
		if !reflect.DeepEqual(names, want) {
			t.Fatalf("migrations %q, want %q", names, want)
		}
		var mode string
		if err := db.SQL().QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Fatalf("journal_mode %q, %v; want wal", mode, err)
		}
		var fk int
		if err := db.SQL().QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
			t.Fatalf("foreign_keys %d, %v; want 1", fk, err)
		}
	})
	t.Run("URI", func(t *testing.T) {
		db, err := sqlite.Open(ctx, "file:"+filepath.Join(t.TempDir(), "u.db")+"?cache=private")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var mode string
		if err := db.SQL().QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Fatalf("journal_mode %q, %v; want wal", mode, err)
		}
	})
	t.Run("Memory", func(t *testing.T) {
		db, err := sqlite.Open(ctx, ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, created, err := db.SaveArticle(ctx, &factions.Article{Text: "Noor Halvi spoke."}, nil); err != nil || !created {
			t.Fatalf("SaveArticle = %v, %v", created, err)
		}
	})
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("FACTIONS_DB", "/tmp/x/kb.db")
	if got := sqlite.DefaultPath(); got != "/tmp/x/kb.db" {
		t.Fatalf("DefaultPath() = %q, want $FACTIONS_DB", got)
	}
	t.Setenv("FACTIONS_DB", "")
	t.Setenv("XDG_DATA_HOME", "/data")
	if got, want := sqlite.DefaultPath(), "/data/factions/factions.db"; got != want {
		t.Fatalf("DefaultPath() = %q, want %q", got, want)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/u")
	if got, want := sqlite.DefaultPath(), "/home/u/.local/share/factions/factions.db"; got != want {
		t.Fatalf("DefaultPath() = %q, want %q", got, want)
	}
}

func BenchmarkSaveArticle(b *testing.B) {
	storetest.BenchmarkSaveArticle(b, func(tb testing.TB) factions.Store { return MustOpen(tb) })
}

func BenchmarkCardAsOf(b *testing.B) {
	storetest.BenchmarkCardAsOf(b, func(tb testing.TB) factions.Store { return MustOpen(tb) })
}

func TestSaveArticlesFailure(t *testing.T) {
	s := MustOpen(t)
	_, err := s.SQL().Exec(`CREATE TRIGGER sabotage BEFORE INSERT ON claims WHEN NEW.role = '` + storetest.SabotageRole + `'
		BEGIN SELECT RAISE(ABORT, 'sabotaged claim'); END`)
	if err != nil {
		t.Fatal(err)
	}
	storetest.TestBatchFailure(t, s, MustOpen(t))
}
