// Package pgtest gives tests a PostgreSQL database of their own on the
// shared test server: it skips the test when no server answers, unless
// FACTIONS_REQUIRE_POSTGRES=1, and drops the database when the test ends.
// It never stops or reconfigures the server.
package pgtest

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

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// DefaultDSNs are tried in turn when $FACTIONS_POSTGRES_DSN is not set.
var DefaultDSNs = []string{
	"postgres://postgres@127.0.0.1:5432/test?sslmode=disable",
	"postgres://root@127.0.0.1:5432/test?sslmode=disable",
}

var server struct {
	once sync.Once
	dsn  string
	err  error
}

// ServerDSN returns the URL of the first server that answers. It skips tb
// when none does, or fails it when FACTIONS_REQUIRE_POSTGRES=1.
func ServerDSN(tb testing.TB) string {
	tb.Helper()
	dsns := DefaultDSNs
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
	if server.dsn != "" {
		return server.dsn
	}
	tried := make([]string, len(dsns))
	for i, d := range dsns { // no passwords in the messages
		tried[i] = d
		if u, err := url.Parse(d); err == nil && u.User != nil {
			tried[i] = u.Redacted()
		}
	}
	if os.Getenv("FACTIONS_REQUIRE_POSTGRES") == "1" {
		tb.Fatalf("postgres: no server at %s (%v), and FACTIONS_REQUIRE_POSTGRES=1", strings.Join(tried, " or "), server.err)
	}
	tb.Skipf("postgres: no server at %s (%v); start PostgreSQL or set FACTIONS_POSTGRES_DSN to run this test",
		strings.Join(tried, " or "), server.err)
	return ""
}

// NewDatabase creates a database of a random name on the test server and
// returns its URL; the database is dropped when tb ends (connections still
// open to it are ended then). It skips tb as ServerDSN does.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	dsn := ServerDSN(tb)
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("postgres: want a postgres:// URL in FACTIONS_POSTGRES_DSN: %v", err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "factions_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		tb.Fatalf("postgres: create database: %v", err)
	}
	tb.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Errorf("postgres: drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// WithSearchPath returns dsn (a URL or key=value pairs) with its
// search_path set to schema.
func WithSearchPath(tb testing.TB, dsn, schema string) string {
	tb.Helper()
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return dsn + " search_path=" + schema
	}
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
