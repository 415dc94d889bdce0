package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/factions/factions/internal/pgtest"
	"github.com/factions/factions/postgres"
	"github.com/factions/factions/sqlite"
)

// crashChildEnv, set, makes TestCrashChild the ingest command a crash
// test kills: its value is the arguments, one a line.
const crashChildEnv = "FACTIONS_CRASH_CHILD"

// crashBatch is the child's articles a transaction: few, so that a run
// commits several times and a kill can fall between any two.
const crashBatch = 4

// TestCrashChild is not a test: it is the process TestCrash starts (with
// crashChildEnv set) and kills. It ingests as the ingest command does.
func TestCrashChild(t *testing.T) {
	args := os.Getenv(crashChildEnv)
	if args == "" {
		t.Skip("the child process of TestCrash")
	}
	m := NewMain()
	err := (&IngestCommand{Main: m, batch: crashBatch}).Run(context.Background(), strings.Split(args, "\n"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "factions:", userMessage(err))
	}
	os.Exit(exitCode(err, []string{"ingest"}))
}

// crashRounds is the rounds of each store: $FACTIONS_CRASH_ROUNDS, else 10
// (3 under -short).
func crashRounds(t *testing.T) int {
	if s := os.Getenv("FACTIONS_CRASH_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("FACTIONS_CRASH_ROUNDS=%q: want a number of rounds", s)
		}
		return n
	}
	if testing.Short() {
		return 3
	}
	return 10
}

// articleCounts is what a store holds of each article, by hash: its
// claims, statements, mentions and entity occurrences.
type articleCounts map[string][4]int

// counts reads the articleCounts of a store.
func counts(t *testing.T, db *sql.DB) articleCounts {
	t.Helper()
	rows, err := db.Query(`SELECT a.hash,
		(SELECT count(*) FROM claims x WHERE x.article_id = a.id),
		(SELECT count(*) FROM statements x WHERE x.article_id = a.id),
		(SELECT count(*) FROM mentions x WHERE x.article_id = a.id),
		(SELECT count(*) FROM occurrences x WHERE x.article_id = a.id)
		FROM articles a`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := articleCounts{}
	for rows.Next() {
		var h string
		var c [4]int
		if err := rows.Scan(&h, &c[0], &c[1], &c[2], &c[3]); err != nil {
			t.Fatal(err)
		}
		out[h] = c
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// crashStore is a store the crash test makes anew each round.
type crashStore struct {
	name string
	// fresh returns the --db of a new, empty store, and what drops it.
	fresh func(t *testing.T, round int) (db string, drop func())
	// read returns the store's counts.
	read func(t *testing.T, db string) articleCounts
}

// crashFolder copies the samples and, when ../shared/corpus is there, some
// of its articles into a folder, and returns it.
func crashFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob("../../samples/*.txt")
	var corpus []string
	filepath.WalkDir("../../../shared/corpus", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			corpus = append(corpus, p)
		}
		return nil
	})
	sort.Strings(corpus)
	for i := 0; i < len(corpus) && len(files) < 30; i += max(1, len(corpus)/20) {
		files = append(files, corpus[i])
	}
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d-%s", i, filepath.Base(f))), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCrash kills an ingest of a folder at random moments, on SQLite and
// on PostgreSQL: after each kill every stored article is whole (its
// claims, statements, mentions and occurrences those of a clean ingest of
// it) or absent, and running the ingest again stores the rest.
// FACTIONS_CRASH_ROUNDS sets the rounds of each store (10 by default).
func TestCrash(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("in the child")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	folder := crashFolder(t)
	rounds := crashRounds(t)
	ingest := func(db string) *exec.Cmd {
		cmd := exec.Command(exe, "-test.run=^TestCrashChild$")
		cmd.Env = append(os.Environ(), crashChildEnv+"=-q\n--db\n"+db+"\n"+folder, "FACTIONS_DB=")
		return cmd
	}
	sqliteStore := crashStore{name: "sqlite",
		fresh: func(t *testing.T, round int) (string, func()) {
			p := filepath.Join(t.TempDir(), fmt.Sprintf("kb-%d.db", round))
			return p, func() { os.Remove(p); os.Remove(p + "-wal"); os.Remove(p + "-shm") }
		},
		read: func(t *testing.T, db string) articleCounts {
			if _, err := os.Stat(db); err != nil {
				return articleCounts{} // killed before it made the file
			}
			s, err := sqlite.Open(context.Background(), db)
			if err != nil {
				t.Fatalf("open after the kill: %v", err)
			}
			defer s.Close()
			return counts(t, s.SQL())
		}}
	var base string // the database of the PostgreSQL rounds, one schema a round
	pgStore := crashStore{name: "postgres",
		fresh: func(t *testing.T, round int) (string, func()) {
			if base == "" {
				base = pgtest.NewDatabase(t)
			}
			schema := fmt.Sprintf("crash_%d", round)
			admin, err := sql.Open("pgx", base)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
				t.Fatal(err)
			}
			return pgtest.WithSearchPath(t, base, schema), func() {
				admin.Exec("DROP SCHEMA " + schema + " CASCADE")
				admin.Close()
			}
		},
		read: func(t *testing.T, db string) articleCounts {
			s, err := postgres.Open(context.Background(), db)
			if err != nil {
				t.Fatalf("open after the kill: %v", err)
			}
			defer s.Close()
			return counts(t, s.SQL())
		}}
	for _, st := range []crashStore{sqliteStore, pgStore} {
		t.Run(st.name, func(t *testing.T) {
			// A clean ingest: the reference, and how long a run takes.
			db, drop := st.fresh(t, 0)
			start := time.Now()
			if out, err := ingest(db).CombinedOutput(); err != nil {
				t.Fatalf("clean ingest: %v\n%s", err, out)
			}
			full := time.Since(start)
			want := st.read(t, db)
			drop()
			if len(want) < 10 {
				t.Fatalf("the clean ingest stored %d articles", len(want))
			}
			var none, partial, all int
			for r := 1; r <= rounds; r++ {
				db, drop := st.fresh(t, r)
				cmd := ingest(db)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Duration(rand.Int64N(int64(full + full/10))))
				cmd.Process.Signal(syscall.SIGKILL)
				cmd.Wait()
				got := st.read(t, db)
				for h, c := range got {
					if w, ok := want[h]; !ok || c != w {
						t.Errorf("round %d: article %.12s stored with (claims, statements, mentions, occurrences) %v, want %v", r, h, c, w)
					}
				}
				switch len(got) {
				case 0:
					none++
				case len(want):
					all++
				default:
					partial++
				}
				rerun := time.Now()
				if out, err := ingest(db).CombinedOutput(); err != nil {
					t.Fatalf("round %d: the re-run: %v\n%s", r, err, out)
				}
				// The kills fall within the mean time of a whole run
				// so far, which the machine's load changes.
				full = (full*time.Duration(r) + time.Since(rerun)) / time.Duration(r+1)
				if got := st.read(t, db); len(got) != len(want) {
					t.Errorf("round %d: the re-run leaves %d articles, want %d", r, len(got), len(want))
				} else {
					for h, c := range got {
						if c != want[h] {
							t.Errorf("round %d: after the re-run article %.12s has %v, want %v", r, h, c, want[h])
						}
					}
				}
				drop()
				if t.Failed() {
					return
				}
			}
			t.Logf("%s: %d rounds of %d articles (a whole run %v on average): killed with none stored %d, some %d, all %d; every article whole, every re-run complete",
				st.name, rounds, len(want), full.Round(time.Millisecond), none, partial, all)
		})
	}
}
