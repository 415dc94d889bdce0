package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io/fs"
	"path"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/internal/pgtest"
	"github.com/factions/factions/internal/sqlstore"
	"github.com/factions/factions/postgres"
	"github.com/factions/factions/storetest"
)

// MustOpen returns a new store in a schema of its own, dropped when tb
// ends, whose clock reads storetest.Now. It skips the test when no server
// answers.
func MustOpen(tb testing.TB) *postgres.DB {
	tb.Helper()
	ctx := context.Background()
	dsn := pgtest.ServerDSN(tb) // skips, or fails with FACTIONS_REQUIRE_POSTGRES=1, when no server answers
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		tb.Fatal(err)
	}
	db, err := postgres.Open(ctx, pgtest.WithSearchPath(tb, dsn, schema))
	if err != nil {
		admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
		tb.Fatal(err)
	}
	db.Now = func() time.Time { return storetest.Now }
	db.Gazetteer = storetest.Gazetteer{}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Error(err)
		}
		admin.Close()
	})
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) factions.Store { return MustOpen(t) })
}

// TestUpgrade opens a knowledge base made by the first schema.
func TestUpgrade(t *testing.T) {
	storetest.TestUpgrade(t, func(t *testing.T, stmts []storetest.Stmt) factions.Store {
		// a new schema, where the first migration alone is applied before
		// the store opens it
		db := MustOpen(t)
		ctx := context.Background()
		var schema string
		if err := db.SQL().QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			t.Fatal(err)
		}
		old := schema + "_old"
		dsn := pgtest.ServerDSN(t)
		admin, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close()
		if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+old); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			a, err := sql.Open("pgx", dsn)
			if err == nil {
				a.ExecContext(context.Background(), "DROP SCHEMA "+old+" CASCADE")
				a.Close()
			}
		})
		raw, err := sql.Open("pgx", pgtest.WithSearchPath(t, dsn, old))
		if err != nil {
			t.Fatal(err)
		}
		first, err := sqlstore.Postgres.Migration("migrations/0001_init.sql")
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range append([]storetest.Stmt{
			{Query: `CREATE TABLE migrations (name TEXT PRIMARY KEY, applied BIGINT NOT NULL)`},
			{Query: first},
			{Query: `INSERT INTO migrations (name, applied) VALUES ('0001_init.sql', 0)`},
		}, append(stmts,
			// rows given their IDs leave the identity columns behind
			storetest.Stmt{Query: `SELECT setval(pg_get_serial_sequence('articles', 'id'), (SELECT MAX(id) FROM articles))`},
			storetest.Stmt{Query: `SELECT setval(pg_get_serial_sequence('entities', 'id'), (SELECT MAX(id) FROM entities))`})...) {
			if _, err := raw.ExecContext(ctx, sqlstore.Postgres.Rebind(st.Query), st.Args...); err != nil {
				t.Fatalf("%s: %v", st.Query, err)
			}
		}
		raw.Close()
		s, err := postgres.Open(ctx, pgtest.WithSearchPath(t, dsn, old))
		if err != nil {
			t.Fatal(err)
		}
		s.Now = func() time.Time { return storetest.Now }
		s.Gazetteer = storetest.Gazetteer{}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestOpen(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	// migrating again applies nothing
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(sqlstore.Postgres.Migrations, path.Join(sqlstore.Postgres.MigrationsDir, "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations`).Scan(&n); err != nil || n != len(files) {
		t.Fatalf("%d migrations recorded, %v; want %d", n, err, len(files))
	}
	if _, err := postgres.Open(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"); err == nil {
		t.Fatal("Open of an unreachable server succeeded")
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
	_, err := s.SQL().Exec(`CREATE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'sabotaged claim'; END $$;
		CREATE TRIGGER sabotage BEFORE INSERT ON claims FOR EACH ROW
		WHEN (NEW.role = '` + storetest.SabotageRole + `') EXECUTE FUNCTION sabotage()`)
	if err != nil {
		t.Fatal(err)
	}
	storetest.TestBatchFailure(t, s, MustOpen(t))
}
