package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factions/factions/postgres"
)

// pgDSN returns the DSN of the test PostgreSQL server with its search_path
// set to a new schema, dropped when t ends; it skips the test when no
// server answers, unless FACTIONS_REQUIRE_POSTGRES=1.
func pgDSN(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("FACTIONS_POSTGRES_DSN")
	if dsn == "" {
		dsn = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	admin, err := sql.Open("pgx", dsn)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if os.Getenv("FACTIONS_REQUIRE_POSTGRES") == "1" {
			t.Fatalf("PostgreSQL at %s: %v", dsn, err)
		}
		t.Skipf("no PostgreSQL at %s (%v): set FACTIONS_POSTGRES_DSN", dsn, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "fault_" + hex.EncodeToString(b)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// cutProxy forwards TCP connections to target until the client has sent
// `commits` COMMITs and the server has answered the last: then it closes
// every connection and accepts no more, as a network that goes away does.
type cutProxy struct {
	l       net.Listener
	target  string
	commits int

	mu    sync.Mutex
	seen  int
	cut   bool
	conns []net.Conn
}

func newCutProxy(t *testing.T, target string, commits int) *cutProxy {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{l: l, target: target, commits: commits}
	go p.serve()
	t.Cleanup(p.close)
	return p
}

func (p *cutProxy) serve() {
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		if p.cut {
			p.mu.Unlock()
			c.Close()
			s.Close()
			continue
		}
		p.conns = append(p.conns, c, s)
		p.mu.Unlock()
		go p.pipe(s, c, true)
		go p.pipe(c, s, false)
	}
}

// pipe copies from src to dst; fromClient counts the COMMITs it passes,
// and the other direction cuts after the answer to the last.
func (p *cutProxy) pipe(dst, src net.Conn, fromClient bool) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.mu.Lock()
			if fromClient {
				p.seen += bytes.Count(bytes.ToLower(buf[:n]), []byte("commit"))
			}
			done := !fromClient && p.seen >= p.commits
			p.mu.Unlock()
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
			if done {
				p.close()
				return
			}
		}
		if err != nil {
			if err != io.EOF {
				dst.Close()
			}
			return
		}
	}
}

func (p *cutProxy) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = true
	p.l.Close()
	for _, c := range p.conns {
		c.Close()
	}
}

// TestPostgresGoneMidIngest cuts the connection to PostgreSQL after the
// second batch is committed: the command fails saying how many articles it
// stored, those are in the database whole, and ingesting again stores the
// rest.
func TestPostgresGoneMidIngest(t *testing.T) {
	dsn := pgDSN(t)
	ctx := context.Background()
	// the schema made beforehand: opening through the proxy then commits
	// nothing before the batches
	s, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	dir := t.TempDir()
	var files []string
	for i := 0; i < 10; i++ {
		p := filepath.Join(dir, fmt.Sprintf("a%02d.txt", i))
		text := fmt.Sprintf("Tovar Denkin, the leader of the Silver Valley Party, spoke in Eastmoor on day %d.", i)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	u, _ := url.Parse(dsn)
	proxy := newCutProxy(t, u.Host, 2)
	u.Host = proxy.l.Addr().String()

	var out, errs bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errs, Getenv: func(string) string { return "" }}
	c := &IngestCommand{Main: m, batch: 2, workers: 1}
	err = c.Run(ctx, append([]string{"--db", u.String(), "-q"}, files...))
	if err == nil {
		t.Fatal("ingest through a connection cut mid-ingest: no error")
	}
	// the batches are of 1 or 2 articles (a batch is stored early rather
	// than wait for extraction): 2 to 4 articles are committed
	msg := userMessage(err)
	m1 := regexp.MustCompile(`\((\d) new articles stored, 0 unchanged, 0 failed before it stopped`).FindStringSubmatch(msg)
	stored := -1
	if m1 != nil {
		stored = int(m1[1][0] - '0')
	}
	if stored < 2 || stored > 4 {
		t.Fatalf("ingest: %q, want it to say the 2 to 4 articles of the 2 batches committed are stored", msg)
	}

	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var arts, whole int
	if err := db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM occurrences o WHERE o.article_id = a.id)
		AND EXISTS (SELECT 1 FROM claims c WHERE c.article_id = a.id)) FROM articles a`).Scan(&arts, &whole); err != nil {
		t.Fatal(err)
	}
	if arts != stored || whole != stored {
		t.Fatalf("%d articles stored, %d of them whole; want the %d the command said", arts, whole, stored)
	}
	out.Reset()
	c = &IngestCommand{Main: m, batch: 2}
	if err := c.Run(ctx, append([]string{"--db", dsn}, files...)); err != nil {
		t.Fatalf("ingest again: %v\n%s", err, errs.String())
	}
	if got, want := out.String(), fmt.Sprintf("ingested %d new, %d unchanged, 0 failed\n", 10-stored, stored); got != want {
		t.Fatalf("ingest again: %q, want %q", got, want)
	}
}
