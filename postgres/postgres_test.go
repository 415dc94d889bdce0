package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/postgres"
	"github.com/factions/factions/storetest"
)

// defaultDSNs are tried in turn when $FACTIONS_POSTGRES_DSN is not set.
var defaultDSNs = []string{
	"postgres://postgres@127.0.0.1:5432/test?sslmode=disable",
	"postgres://root@127.0.0.1:5432/test?sslmode=disable",
}

var server struct {
	once sync.Once
	dsn  string // the first DSN that answered, "" for none
	err  error
}

// serverDSN returns the DSN of a server that answers, or "" and why not.
func serverDSN() (string, []string, error) {
	dsns := append([]string(nil), defaultDSNs...)
	if d := os.Getenv("FACTIONS_POSTGRES_DSN"); d != "" {
		dsns = []string{d}
	}
	server.once.Do(func() {
		for _, d := range dsns {
			db, err := sql.Open("pgx", d)
			if err == nil {
				ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
				err = db.PingContext(ctx)
				cancel()
				db.Close()
			}
			if err == nil {
				server.dsn, server.err = d, nil
				return
			}
			server.err = err
		}
	})
	return server.dsn, dsns, server.err
}

// withSearchPath returns dsn with its search_path set to schema.
func withSearchPath(tb testing.TB, dsn, schema string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			tb.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

// MustOpen returns a new store in a schema of its own, dropped when tb
// ends, whose clock reads storetest.Now. It skips the test when no server
// answers.
func MustOpen(tb testing.TB) *postgres.DB {
	tb.Helper()
	ctx := context.Background()
	dsn, tried, err := serverDSN()
	for i, d := range tried { // no passwords in the messages
		if u, err := url.Parse(d); err == nil && u.User != nil {
			tried[i] = u.Redacted()
		}
	}
	if dsn == "" && os.Getenv("FACTIONS_REQUIRE_POSTGRES") == "1" {
		tb.Fatalf("postgres: no server at DSN %s (%v), and FACTIONS_REQUIRE_POSTGRES=1 (set by .ci/run when pg_isready answers)",
			strings.Join(tried, " or "), err)
	}
	if dsn == "" {
		tb.Skipf("postgres: no server at DSN %s (%v); start PostgreSQL or set FACTIONS_POSTGRES_DSN to run these tests",
			strings.Join(tried, " or "), err)
	}
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
	db, err := postgres.Open(ctx, withSearchPath(tb, dsn, schema))
	if err != nil {
		admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
		tb.Fatal(err)
	}
	db.Now = func() time.Time { return storetest.Now }
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

func TestOpen(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	// migrating again applies nothing
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d migrations recorded, %v; want 1", n, err)
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
