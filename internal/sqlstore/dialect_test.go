package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

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

// TestMigrations checks that both dialects run the same migrations, from
// one source: statement by statement, they differ only in the type of the
// id columns, every table made has one, and no placeholder is left.
func TestMigrations(t *testing.T) {
	names := func(d *sqlstore.Dialect) []string {
		ms, err := fs.Glob(d.Migrations, path.Join(d.MigrationsDir, "*.sql"))
		if err != nil {
			t.Fatal(err)
		}
		return ms
	}
	s, p := names(sqlstore.SQLite), names(sqlstore.Postgres)
	if len(s) == 0 || !reflect.DeepEqual(s, p) {
		t.Fatalf("migrations: sqlite %q, postgres %q", s, p)
	}
	for _, name := range s {
		t.Run(path.Base(name), func(t *testing.T) {
			ss, ps := statements(t, sqlstore.SQLite, name), statements(t, sqlstore.Postgres, name)
			if len(ss) != len(ps) {
				t.Fatalf("%d statements for sqlite, %d for postgres", len(ss), len(ps))
			}
			ids, tables := 0, 0
			for i := range ss {
				if strings.HasPrefix(ss[i], "CREATE TABLE") {
					tables++
				}
				if strings.Contains(ss[i], "{{") || strings.Contains(ps[i], "{{") {
					t.Errorf("statement %d keeps a placeholder:\n%s", i+1, ss[i])
				}
				if got := strings.ReplaceAll(ps[i], sqlstore.Postgres.Identity, sqlstore.SQLite.Identity); got != ss[i] {
					t.Errorf("statement %d differs beyond the id columns:\nsqlite:   %s\npostgres: %s", i+1, ss[i], ps[i])
				}
				ids += strings.Count(ps[i], sqlstore.Postgres.Identity)
			}
			if ids < tables {
				t.Errorf("%d tables made, %d id columns of type %q", tables, ids, sqlstore.Postgres.Identity)
			}
		})
	}
}

// statements returns the statements of a migration as dialect d runs it,
// comments dropped and white space collapsed.
func statements(t *testing.T, d *sqlstore.Dialect, name string) []string {
	t.Helper()
	sql, err := d.Migration(name)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(sql, "\n") {
		if i := strings.Index(l, "--"); i >= 0 {
			l = l[:i]
		}
		lines = append(lines, l)
	}
	var out []string
	for _, st := range strings.Split(strings.Join(lines, "\n"), ";") {
		if st = strings.Join(strings.Fields(st), " "); st != "" {
			out = append(out, st)
		}
	}
	return out
}

// TestRetryable checks which errors the dialects ask a transaction to be
// run again after: PostgreSQL's deadlocks and serialization failures, also
// wrapped, and no other error; SQLite's none.
func TestRetryable(t *testing.T) {
	if sqlstore.SQLite.Retryable != nil {
		t.Error("SQLite.Retryable is set; want nil (one writer at a time)")
	}
	for _, c := range []struct {
		name string
		err  error
		want bool
	}{
		{"Deadlock", &pgconn.PgError{Code: "40P01", Message: "deadlock detected"}, true},
		{"SerializationFailure", &pgconn.PgError{Code: "40001", Message: "could not serialize access"}, true},
		{"WrappedDeadlock", fmt.Errorf("insert article: %w", &pgconn.PgError{Code: "40P01"}), true},
		{"UniqueViolation", &pgconn.PgError{Code: "23505", Message: "duplicate key value"}, false},
		{"LockNotAvailable", &pgconn.PgError{Code: "55P03"}, false},
		{"Canceled", context.Canceled, false},
		{"Plain", errors.New("deadlock detected (SQLSTATE 40P01)"), false},
		{"Nil", nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := sqlstore.Postgres.Retryable(c.err); got != c.want {
				t.Errorf("Postgres.Retryable(%v) = %v, want %v", c.err, got, c.want)
			}
		})
	}
}
