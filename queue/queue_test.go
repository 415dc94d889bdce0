package queue_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/gazetteer"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/internal/pgtest"
	"github.com/factions/factions/postgres"
	"github.com/factions/factions/queue"
)

// corpusArticles is how many articles of ../shared/corpus the concurrency
// test adds to the samples.
const corpusArticles = 40

// articleFiles returns the repository's sample articles and, when
// ../shared/corpus is there, the first corpusArticles of its articles.
func articleFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../samples/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample articles: %v", err)
	}
	var corpus []string
	filepath.WalkDir("../../shared/corpus", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			corpus = append(corpus, p)
		}
		return nil
	})
	if len(corpus) == 0 {
		t.Log("../shared/corpus is absent: the samples alone")
	}
	sort.Strings(corpus)
	// Every few articles of each folder, so that they name the same
	// people and parties.
	for i := 0; i < len(corpus) && len(files) < 10+corpusArticles; i += max(1, len(corpus)/corpusArticles) {
		files = append(files, corpus[i])
	}
	return files
}

// openQueue opens the queue and the store of dsn, migrated.
func openQueue(t *testing.T, dsn string) (*queue.Queue, *postgres.DB) {
	t.Helper()
	ctx := context.Background()
	q, err := queue.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Close)
	s, err := postgres.Open(ctx, dsn, queue.Migrate)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	g, err := gazetteer.New()
	if err != nil {
		t.Fatal(err)
	}
	s.Gazetteer = g
	return q, s
}

// entityRow is an entity as the concurrency test compares them.
type entityRow struct {
	Name, Type string
	Claims     int
}

// entityRows returns the live entities of s with the number of claims
// naming them, sorted.
func entityRows(t *testing.T, s *postgres.DB) []entityRow {
	t.Helper()
	rows, err := s.SQL().Query(`SELECT e.name, e.type,
		(SELECT count(*) FROM claims c WHERE c.subject_id = e.id OR c.object_id = e.id)
		FROM entities e WHERE e.merged_into IS NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []entityRow
	for rows.Next() {
		var r entityRow
		if err := rows.Scan(&r.Name, &r.Type, &r.Claims); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(out, func(a, b entityRow) int {
		return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
	})
	return out
}

// runWorkers runs n workers, each a process of its own as far as the
// database can tell (its own connections), until the queue is drained.
func runWorkers(t *testing.T, dsn string, n int, w func(*queue.Worker)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	errs := make([]error, n)
	var first *queue.Queue
	for i := range n {
		q, s := openQueue(t, dsn)
		if first == nil {
			first = q
		}
		wk := &queue.Worker{Store: s, NewExtractor: func() factions.Extractor { return extract.New() },
			ResolveEvery: 500 * time.Millisecond, StopTimeout: 10 * time.Second}
		if w != nil {
			w(wk)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = wk.Run(ctx, q)
		}()
	}
	wctx, wcancel := context.WithTimeout(ctx, 3*time.Minute)
	err := first.Wait(wctx, 100*time.Millisecond)
	wcancel()
	cancel()
	wg.Wait()
	if err != nil {
		t.Fatalf("queue not drained: %v", err)
	}
	for i, err := range errs {
		if err != nil {
			t.Errorf("worker %d: %v", i, err)
		}
	}
}

// TestConcurrentIngest ingests the same articles twice: one after the
// other with the ingest pipeline into one database, and through the queue
// by 4 workers at once into another, every article queued twice. The
// entities, their types and the claims naming them are the same.
func TestConcurrentIngest(t *testing.T) {
	files := articleFiles(t)
	ctx := context.Background()

	seqDSN := pgtest.NewDatabase(t)
	_, seq := openQueue(t, seqDSN)
	in := &ingest.Ingester{NewExtractor: func() factions.Extractor { return extract.New() }, Store: seq, Workers: 1, Batch: 1}
	st, err := in.Ingest(ctx, files)
	if err != nil || st.Failed > 0 {
		t.Fatalf("sequential ingest: %+v, %v", st, err)
	}

	conDSN := pgtest.NewDatabase(t)
	q, con := openQueue(t, conDSN)
	// Two producers at once, over the files forwards and backwards.
	rev := slices.Clone(files)
	slices.Reverse(rev)
	var wg sync.WaitGroup
	var queued [2]queue.EnqueueStats
	for i, names := range [][]string{files, rev} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := &queue.Enqueuer{Queue: q}
			var err error
			if queued[i], err = e.Enqueue(ctx, names); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := queued[0].Queued + queued[1].Queued; n != st.New {
		t.Errorf("queued %d articles, want %d (%+v)", n, st.New, queued)
	}
	runWorkers(t, conDSN, 4, nil)

	want, got := entityRows(t, seq), entityRows(t, con)
	if len(want) == 0 {
		t.Fatal("the sequential ingest made no entity")
	}
	if !slices.Equal(got, want) {
		t.Errorf("concurrent ingest: %d entities, sequential %d; they differ:", len(got), len(want))
		diff(t, got, want)
	}
	var arts [2]int
	for i, s := range []*postgres.DB{seq, con} {
		if err := s.SQL().QueryRow(`SELECT count(*) FROM articles`).Scan(&arts[i]); err != nil {
			t.Fatal(err)
		}
	}
	if arts[0] != arts[1] {
		t.Errorf("articles: concurrent %d, sequential %d", arts[1], arts[0])
	}
}

// TestConcurrentBatchIngest runs two ingest pipelines at once, without the
// queue, over the same articles in opposite orders and in batches of
// several articles a transaction, then once more one after the other for
// any article that failed (two transactions storing the same articles in
// opposite orders may deadlock on them: PostgreSQL fails one article,
// reported and left out whole). The entities are those of one ingest.
func TestConcurrentBatchIngest(t *testing.T) {
	files := articleFiles(t)
	ctx := context.Background()
	ingestInto := func(s *postgres.DB, names []string) (ingest.Stats, error) {
		in := &ingest.Ingester{NewExtractor: func() factions.Extractor { return extract.New() }, Store: s, Workers: 1, Batch: 8,
			OnError: func(err error) { t.Log(err) }}
		return in.Ingest(ctx, names)
	}
	_, seq := openQueue(t, pgtest.NewDatabase(t))
	if st, err := ingestInto(seq, files); err != nil || st.Failed > 0 {
		t.Fatalf("sequential ingest: %+v, %v", st, err)
	}
	conDSN := pgtest.NewDatabase(t)
	rev := slices.Clone(files)
	slices.Reverse(rev)
	var wg sync.WaitGroup
	var con *postgres.DB
	var failed [2]int
	for i, names := range [][]string{files, rev} {
		_, s := openQueue(t, conDSN)
		con = s
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := ingestInto(s, names)
			if err != nil {
				t.Errorf("ingest %d: %v", i, err)
			}
			failed[i] = st.Failed
		}()
	}
	wg.Wait()
	if failed[0]+failed[1] > 0 {
		t.Logf("failed at once: %v; again one after the other", failed)
		if st, err := ingestInto(con, files); err != nil || st.Failed > 0 {
			t.Fatalf("ingest again: %+v, %v", st, err)
		}
	}
	if got, want := entityRows(t, con), entityRows(t, seq); !slices.Equal(got, want) {
		t.Errorf("two ingests at once: %d entities, one ingest %d; they differ:", len(got), len(want))
		diff(t, got, want)
	}
}

// diff reports the rows only one side has.
func diff(t *testing.T, got, want []entityRow) {
	t.Helper()
	count := func(rs []entityRow) map[entityRow]int {
		m := map[entityRow]int{}
		for _, r := range rs {
			m[r]++
		}
		return m
	}
	g, w := count(got), count(want)
	n := 0
	for r, c := range g {
		if w[r] != c && n < 20 {
			t.Errorf("  concurrent has %d× %+v, sequential %d×", c, r, w[r])
			n++
		}
	}
	for r, c := range w {
		if g[r] == 0 && n < 20 {
			t.Errorf("  sequential has %d× %+v, concurrent none", c, r)
			n++
		}
	}
}

// TestInsertDuplicates queues one text twice in a batch and again in
// another: one job.
func TestInsertDuplicates(t *testing.T) {
	q, _ := openQueue(t, pgtest.NewDatabase(t))
	ctx := context.Background()
	a := &factions.Article{Text: "The Umbrel Accord met in Velmora.", Path: "a.txt"}
	a.Hash = ingest.Hash(a.Text)
	b := &factions.Article{Text: a.Text, Hash: a.Hash, Path: "copy-of-a.txt"}
	for i, want := range [][2]int{{1, 1}, {0, 2}} {
		queued, dup, err := q.Insert(ctx, []*factions.Article{a, b}, 0)
		if err != nil || queued != want[0] || dup != want[1] {
			t.Errorf("insert %d: got %d queued, %d duplicate, %v; want %d, %d", i, queued, dup, err, want[0], want[1])
		}
	}
}
