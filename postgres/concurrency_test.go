package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/factions/factions"
	"github.com/factions/factions/internal/pgtest"
	"github.com/factions/factions/internal/sqlstore"
	"github.com/factions/factions/postgres"
)

// TestOpenConcurrently opens a new database from several goroutines at
// once, each on its own connections as separate processes would: every
// one succeeds, and the migrations are applied once.
func TestOpenConcurrently(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	ctx := context.Background()
	const n = 8
	var (
		wg   sync.WaitGroup
		errs = make([]error, n)
		more = 0
		mu   sync.Mutex
	)
	extra := func(context.Context, *pgxpool.Pool) error { mu.Lock(); more++; mu.Unlock(); return nil }
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := postgres.Open(ctx, dsn, extra)
			if err != nil {
				errs[i] = err
				return
			}
			errs[i] = db.Close()
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("open %d: %v", i, err)
		}
	}
	if more != n {
		t.Errorf("more migrations ran %d times, want %d", more, n)
	}
	db, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var applied, distinct int
	if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT name) FROM migrations`).Scan(&applied, &distinct); err != nil {
		t.Fatal(err)
	}
	if applied == 0 || applied != distinct {
		t.Errorf("migrations table: %d rows, %d distinct; want each migration once", applied, distinct)
	}
}

// TestSaveConcurrently saves articles that all name one new person and one
// new party from several goroutines at once: the names' locks make each
// one entity, as saving them one after the other does, before any
// resolution.
func TestSaveConcurrently(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("Zorvath Kelmaran of the Umbrel Accord spoke in rally number %d.", i)
			x := &factions.Extraction{Entities: []factions.Entity{
				{Name: "Zorvath Kelmaran", Type: factions.Person, Mentions: []factions.Mention{{Text: "Zorvath Kelmaran", Span: factions.Span{Start: 0, End: 16}}}},
				{Name: "Umbrel Accord", Type: factions.Organization, Mentions: []factions.Mention{{Text: "Umbrel Accord", Span: factions.Span{Start: 24, End: 37}}}},
			}}
			_, _, errs[i] = s.SaveArticle(ctx, &factions.Article{Text: text}, x)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("save %d: %v", i, err)
		}
	}
	rows, err := s.SQL().QueryContext(ctx, `SELECT name, count(*) FROM entities GROUP BY name ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var name string
		var c int
		if err := rows.Scan(&name, &c); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s ×%d", name, c))
	}
	if want := []string{"Umbrel Accord ×1", "Zorvath Kelmaran ×1"}; !slices.Equal(got, want) {
		t.Errorf("entities: got %v, want %v", got, want)
	}
}

// TestSaveArticlesOppositeOrders saves two batches of the same articles at
// once, one in the other's reverse order, as two `factions ingest` of the
// same files in opposite orders do: each transaction waits for an article
// the other has inserted, and PostgreSQL ends one of them as a deadlock.
// The store runs that batch again, so that both calls succeed and every
// article is stored once, whole (its occurrence and mention present), made
// by exactly one of the two.
func TestSaveArticlesOppositeOrders(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	rounds, n := 20, 8
	if testing.Short() {
		rounds = 3
	}
	for r := range rounds {
		arts := make([]*factions.Article, n)
		xs := make([]*factions.Extraction, n)
		for i := range n {
			// a name of its own, so that no name lock orders the batches
			name := fmt.Sprintf("Quillon Varest%c%c", 'a'+r%26, 'a'+i)
			arts[i] = &factions.Article{Title: name, Text: name + fmt.Sprintf(" spoke at rally %d of round %d.", i, r)}
			xs[i] = &factions.Extraction{Entities: []factions.Entity{{Name: name, Type: factions.Person,
				Mentions: []factions.Mention{{Text: name, Span: factions.Span{Start: 0, End: len(name)}}}}}}
		}
		batch := func(reverse bool) []factions.SaveItem {
			items := make([]factions.SaveItem, n)
			for i := range n {
				j := i
				if reverse {
					j = n - 1 - i
				}
				a := *arts[j] // each batch its own copy: SaveArticles sets its fields
				items[i] = factions.SaveItem{Article: &a, Extraction: xs[j]}
			}
			return items
		}
		batches := [2][]factions.SaveItem{batch(false), batch(true)}
		var (
			wg    sync.WaitGroup
			res   [2][]factions.SaveResult
			errs  [2]error
			start = make(chan struct{})
		)
		for k := range batches {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				res[k], errs[k] = s.SaveArticles(ctx, batches[k])
			}()
		}
		close(start)
		wg.Wait()
		made := map[string]int{} // title → how many results say created
		for k := range batches {
			if errs[k] != nil {
				t.Fatalf("round %d, batch %d: %v", r, k, errs[k])
			}
			for i, re := range res[k] {
				if re.Err != nil {
					t.Fatalf("round %d, batch %d, article %d: %v", r, k, i, re.Err)
				}
				if re.Created {
					made[batches[k][i].Article.Title]++
				}
			}
		}
		for _, a := range arts {
			if made[a.Title] != 1 {
				t.Errorf("round %d, %q: created by %d batches, want 1", r, a.Title, made[a.Title])
			}
			var stored, occs, mentions int
			err := s.SQL().QueryRowContext(ctx, `SELECT COUNT(DISTINCT a.id), COUNT(DISTINCT o.id), COUNT(DISTINCT m.id)
				FROM articles a LEFT JOIN occurrences o ON o.article_id = a.id LEFT JOIN mentions m ON m.article_id = a.id
				WHERE a.title = $1`, a.Title).Scan(&stored, &occs, &mentions)
			if err != nil {
				t.Fatal(err)
			}
			if stored != 1 || occs != 1 || mentions != 1 {
				t.Errorf("round %d, %q: %d articles, %d occurrences, %d mentions; want 1 each", r, a.Title, stored, occs, mentions)
			}
		}
	}
}

// TestSaveRetry makes the server end a save's transaction as a deadlock
// victim the first times an occurrence of one name is inserted (a trigger
// raises SQLSTATE 40P01 while a sequence, which no rollback turns back, is
// below a bound): the store runs the transaction again until it passes,
// and after five attempts gives up with the deadlock's error, for that
// article alone in a batch.
func TestSaveRetry(t *testing.T) {
	const victim = "Orsolya Brennick"
	for _, c := range []struct {
		name     string
		batch    bool
		fails    int
		attempts int  // the transactions that reached the victim's occurrence
		stored   bool // the victim's article
	}{
		{"SaveArticle/TwoDeadlocks", false, 2, 3, true},
		{"SaveArticles/TwoDeadlocks", true, 2, 3, true},
		{"SaveArticle/Always", false, 1000, 5, false},
		{"SaveArticles/Always", true, 1000, 5, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := MustOpen(t)
			ctx := context.Background()
			_, err := s.SQL().ExecContext(ctx, `CREATE SEQUENCE deadlocks;
				CREATE FUNCTION deadlock() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
					IF nextval('deadlocks') <= TG_ARGV[0]::int THEN
						RAISE EXCEPTION 'deadlock detected (simulated)' USING ERRCODE = '40P01';
					END IF;
					RETURN NEW;
				END $$;
				CREATE TRIGGER deadlock BEFORE INSERT ON occurrences FOR EACH ROW
				WHEN (NEW.name = '`+victim+`') EXECUTE FUNCTION deadlock(`+fmt.Sprint(c.fails)+`)`)
			if err != nil {
				t.Fatal(err)
			}
			article := func(name string) factions.SaveItem {
				return factions.SaveItem{Article: &factions.Article{Title: name, Text: name + " addressed the congress."},
					Extraction: &factions.Extraction{Entities: []factions.Entity{{Name: name, Type: factions.Person,
						Mentions: []factions.Mention{{Text: name, Span: factions.Span{Start: 0, End: len(name)}}}}}}}
			}
			var got error
			want := []string{victim}
			if c.batch {
				items := []factions.SaveItem{article("Tamsin Olverade"), article(victim), article("Corvin Haldersby")}
				res, err := s.SaveArticles(ctx, items)
				if err != nil {
					t.Fatalf("SaveArticles: %v", err)
				}
				for i, r := range res {
					if i != 1 && (r.Err != nil || !r.Created) {
						t.Errorf("article %d: created %v, %v; want created", i, r.Created, r.Err)
					}
				}
				got = res[1].Err
				want = []string{"Corvin Haldersby", victim, "Tamsin Olverade"}
			} else {
				it := article(victim)
				_, _, got = s.SaveArticle(ctx, it.Article, it.Extraction)
			}
			if c.stored && got != nil {
				t.Errorf("victim's article: %v, want stored", got)
			}
			if !c.stored && !sqlstore.Postgres.Retryable(got) {
				t.Errorf("victim's article: error %v, want the deadlock", got)
			}
			if !c.stored {
				want = slices.DeleteFunc(want, func(n string) bool { return n == victim })
			}
			var attempts int
			if err := s.SQL().QueryRowContext(ctx, `SELECT last_value FROM deadlocks`).Scan(&attempts); err != nil {
				t.Fatal(err)
			}
			if attempts != c.attempts {
				t.Errorf("attempts: got %d, want %d", attempts, c.attempts)
			}
			var titles []string
			rows, err := s.SQL().QueryContext(ctx, `SELECT a.title FROM articles a JOIN occurrences o ON o.article_id = a.id ORDER BY a.title`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var title string
				if err := rows.Scan(&title); err != nil {
					t.Fatal(err)
				}
				titles = append(titles, title)
			}
			if !slices.Equal(titles, want) {
				t.Errorf("stored articles (with their occurrence): got %q, want %q", titles, want)
			}
			var all int
			if err := s.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&all); err != nil || all != len(want) {
				t.Errorf("articles: got %d (%v), want %d", all, err, len(want))
			}
		})
	}
}
