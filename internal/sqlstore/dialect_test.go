package sqlstore_test

import (
	"io/fs"
	"path"
	"testing"

	"github.com/factions/factions/internal/sqlstore"
)

func TestRebind(t *testing.T) {
	q := `SELECT a FROM t WHERE b = ? AND c IN (?, ?)`
	if got := sqlstore.SQLite.Rebind(q); got != q {
		t.Errorf("SQLite.Rebind = %q, want it unchanged", got)
	}
	if got, want := sqlstore.Postgres.Rebind(q), `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)`; got != want {
		t.Errorf("Postgres.Rebind = %q, want %q", got, want)
	}
}

// TestMigrations checks that both dialects have the same migrations.
func TestMigrations(t *testing.T) {
	names := func(d *sqlstore.Dialect) []string {
		ms, err := fs.Glob(d.Migrations, path.Join(d.MigrationsDir, "*.sql"))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range ms {
			out = append(out, path.Base(m))
		}
		return out
	}
	s, p := names(sqlstore.SQLite), names(sqlstore.Postgres)
	if len(s) == 0 || len(s) != len(p) {
		t.Fatalf("migrations: sqlite %q, postgres %q", s, p)
	}
	for i := range s {
		if s[i] != p[i] {
			t.Fatalf("migrations: sqlite %q, postgres %q", s, p)
		}
	}
}
