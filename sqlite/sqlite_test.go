package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
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

// TestReadDuringWrite reads the store while another connection holds a
// write transaction open: the reader sees the last commit and does not wait
// for the writer (its context would end it long before SQLite's busy
// timeout of 10 s, and Open for writing would wait that long).
func TestReadDuringWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	w, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.Now = func() time.Time { return storetest.Now }
	storetest.NewDoc(t, "One", "Daily", "2024-01-02", "Noor Halvi leads the Green Union.").
		Entity("Noor Halvi", factions.Person).Entity("Green Union", factions.Organization).Save(ctx, w)
	tx, err := w.SQL().BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE entities SET name = 'Renamed' WHERE name = 'Noor Halvi'`); err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	r, err := sqlite.OpenReadOnly(rctx, path)
	if err != nil {
		t.Fatalf("OpenReadOnly during a write: %v", err)
	}
	defer r.Close()
	es, err := r.Entities(rctx, factions.EntityFilter{})
	if err != nil {
		t.Fatalf("Entities during a write: %v", err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name)
	}
	sort.Strings(names)
	if want := []string{"Green Union", "Noor Halvi"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("entities during a write = %q, want the last commit %q", names, want)
	}
	if _, _, err := r.SaveArticle(rctx, &factions.Article{Text: "Noor Halvi spoke."}, nil); err == nil {
		t.Fatal("SaveArticle through a read-only store: no error")
	}
}

// storedFile returns a database file of 40 articles, closed.
func storedFile(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return storetest.Now }
	for i := 0; i < 40; i++ {
		text := fmt.Sprintf("Noor Halvi %d spoke to the Green Union about %s.", i, strings.Repeat("roads ", 200))
		if _, _, err := db.SaveArticle(ctx, &factions.Article{Text: text}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// damage overwrites bytes of the file from off on.
func damage(t *testing.T, path string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

// TestOpenChecks opens damaged and missing databases.
func TestOpenChecks(t *testing.T) {
	ctx := context.Background()
	good := storedFile
	for _, tc := range []struct {
		name   string
		setup  func(t *testing.T) string
		errHas string // for reading and writing
	}{
		{"not a database", func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "kb.db")
			os.WriteFile(path, bytes.Repeat([]byte("not sqlite at all\n"), 400), 0o644)
			return path
		}, "the database is corrupt"},
		{"damaged pages", func(t *testing.T) string {
			path := good(t)
			// the second page onwards: b-tree pages of the tables
			damage(t, path, 4096+8, bytes.Repeat([]byte{0xff}, 3*4096))
			return path
		}, "the database is corrupt"},
		{"damaged header", func(t *testing.T) string {
			path := good(t)
			damage(t, path, 0, []byte("SQLite format 2\x00"))
			return path
		}, "the database is corrupt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.setup(t)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// Open finds a file that is no database; the check it starts,
			// which every write waits for, finds damaged pages
			db, err := sqlite.Open(ctx, path)
			if err == nil {
				_, _, err = db.SaveArticle(ctx, &factions.Article{Text: "Noor Halvi spoke."}, nil)
				if cerr := db.Check(ctx); !errors.Is(cerr, sqlite.ErrCorrupt) {
					t.Errorf("Check = %v, want ErrCorrupt", cerr)
				}
				db.Close()
			}
			if !errors.Is(err, sqlite.ErrCorrupt) || !strings.Contains(err.Error(), tc.errHas) {
				t.Fatalf("writing = %v, want ErrCorrupt", err)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Fatal("Open (writing) of a corrupt database changed the file")
			}
			if _, err := os.Stat(path + "-wal"); err == nil {
				if st, _ := os.Stat(path + "-wal"); st.Size() > 0 {
					t.Fatal("Open (writing) of a corrupt database wrote to its log")
				}
			}
			r, err := sqlite.OpenReadOnly(ctx, path)
			if err == nil {
				_, err = r.Entities(ctx, factions.EntityFilter{})
				if err == nil {
					_, err = r.Articles(ctx, factions.ArticleFilter{})
				}
				r.Close()
			}
			if err == nil || !strings.Contains(err.Error(), "corrupt") && !strings.Contains(err.Error(), "malformed") {
				t.Fatalf("reading a corrupt database: %v, want an error saying it is corrupt", err)
			}
		})
	}
}

// TestSaveManyEntities saves articles naming more entities than one
// multi-row insert holds, some stored before and some new, and checks that
// every mention names the entity of its name: the ids an insert returns are
// matched to its rows.
func TestSaveManyEntities(t *testing.T) {
	ctx := context.Background()
	first := []string{"Amber", "Birch", "Cedar", "Dune", "Ember", "Fern", "Grove", "Heath", "Iris"}
	second := []string{"Union", "League", "Front", "Party", "Forum", "Alliance", "Congress", "Council"}
	var names []string
	for _, a := range first {
		for _, b := range second {
			names = append(names, a+" "+b)
		}
	}
	article := func(names []string) (*factions.Article, *factions.Extraction) {
		var text strings.Builder
		x := &factions.Extraction{}
		for _, n := range names {
			start := text.Len()
			text.WriteString(n)
			x.Entities = append(x.Entities, factions.Entity{Name: n, Type: factions.Organization,
				Mentions: []factions.Mention{{Text: n, Span: factions.Span{Start: start, End: text.Len()}}}})
			text.WriteString(" met. ")
		}
		return &factions.Article{Text: text.String()}, x
	}
	for _, tc := range []struct {
		name  string
		names []string
	}{
		{"New", names[:37]},           // stored again: none new
		{"Mixed", names},              // 37 stored before, 35 new
		{"Reversed", reverse(names)},  // the same, in the other order
		{"Rest", reverse(names[30:])}, // 7 stored before, 35 new
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpen(t)
			for _, ns := range [][]string{names[:37], tc.names} {
				a, x := article(ns)
				id, _, err := db.SaveArticle(ctx, a, x)
				if err != nil {
					t.Fatal(err)
				}
				ms, err := db.Mentions(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if len(ms) != len(ns) {
					t.Fatalf("got %d mentions, want %d", len(ms), len(ns))
				}
				for _, m := range ms {
					e, err := db.Entity(ctx, m.EntityID)
					if err != nil {
						t.Fatal(err)
					}
					if e.Name != m.Text {
						t.Errorf("mention %q: got entity %q, want %q", m.Text, e.Name, m.Text)
					}
				}
			}
		})
	}
}

func reverse(s []string) []string {
	r := make([]string, len(s))
	for i, v := range s {
		r[len(s)-1-i] = v
	}
	return r
}

// TestPrepareSave checks that SaveArticles uses what PrepareSave made of
// an item only for the article and extraction it was made of, and returns
// the error PrepareSave found.
func TestPrepareSave(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	a := storetest.NewDoc(t, "First", "Daily Ledger", "2020-03-05", "Imran Veer spoke in Kasrabad.").Entity("Imran Veer", factions.Person)
	b := storetest.NewDoc(t, "Second", "Daily Ledger", "2020-03-06", "Tovar Denkin spoke in Kasrabad.").Entity("Tovar Denkin", factions.Person)
	bad := storetest.NewDoc(t, "Bad", "Daily Ledger", "2020-03-07", "No one spoke.")
	bad.X.Entities = append(bad.X.Entities, factions.Entity{Name: "Nobody", Type: "nothing"})
	items := []factions.SaveItem{{Article: &a.A, Extraction: &a.X}, {Article: &bad.A, Extraction: &bad.X}}
	for i := range items {
		s.PrepareSave(&items[i])
	}
	items[0].Article, items[0].Extraction = &b.A, &b.X // prepared for a, saved as b
	res, err := s.SaveArticles(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].Created || res[1].Err == nil {
		t.Fatalf("results %+v, want b created and an error for the invalid item", res)
	}
	got, err := s.Article(ctx, res[0].ID)
	if err != nil || got.Text != b.A.Text {
		t.Fatalf("stored %+v (%v), want the second article", got, err)
	}
	if es, err := s.FindEntities(ctx, "Imran Veer"); err != nil || len(es) != 0 {
		t.Fatalf("the prepared article's entity stored: %v, %v", es, err)
	}
}

// TestBatchForeignKeys checks that a batch saved whole, written with the
// checks of foreign keys off, leaves no row naming one that does not
// exist, and leaves the checks on for every connection after it.
func TestBatchForeignKeys(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	doc := func(day int, leader, party string) factions.SaveItem {
		text := fmt.Sprintf("%s, who leads the %s, spoke in Kasrabad on day %d.", leader, party, day)
		d := storetest.NewDoc(t, fmt.Sprint("Day ", day), "Daily Ledger", fmt.Sprintf("2020-03-%02d", day), text).
			Entity(leader, factions.Person).Entity(party, factions.Organization).Entity("Kasrabad", factions.Place).
			Claim(factions.Claim{Subject: leader, Predicate: factions.Leads, Object: party}, text).
			Statement(leader, factions.Indirect, "spoke in Kasrabad", text)
		return factions.SaveItem{Article: &d.A, Extraction: &d.X}
	}
	for round := range 2 {
		var items []factions.SaveItem
		for day := 1; day <= 12; day++ {
			items = append(items, doc(day+12*round, []string{"Imran Veer", "Tovar Denkin", "Sima Arkan"}[day%3],
				[]string{"Renewal Front", "Labour Union"}[day%2]))
		}
		res, err := s.SaveArticles(ctx, items)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil || !r.Created {
				t.Fatalf("results %+v, want every article created", res)
			}
		}
	}
	if _, err := s.Resolve(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := s.SQL().QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, parent string
		var rowid, fk sql.NullInt64
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s row %d names a missing row of %s", table, rowid.Int64, parent)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	var conns []*sql.Conn
	for range 4 { // every connection of the pool, held at once
		c, err := s.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	for i, c := range conns {
		var fk int
		if err := c.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
			t.Errorf("connection %d: foreign_keys %d, %v; want 1", i, fk, err)
		}
	}
}
