package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/ingest"
)

// fakeExtractor names the article by its first line, after a random pause
// so that files finish out of order, or a long one (longer than the writer
// waits before it stores a batch not full) for a text holding "SLOW"; a
// text holding "EXTRACT-FAILS" fails.
type fakeExtractor struct{ rnd *rand.Rand }

func (x *fakeExtractor) Extract(ctx context.Context, text string) (*factions.Extraction, error) {
	time.Sleep(time.Duration(x.rnd.Intn(300)) * time.Microsecond)
	if strings.Contains(text, "SLOW") {
		time.Sleep(120 * time.Millisecond)
	}
	if strings.Contains(text, "EXTRACT-FAILS") {
		return nil, errors.New("extractor failed")
	}
	name, _, _ := strings.Cut(text, "\n")
	return &factions.Extraction{Entities: []factions.Entity{{Name: name, Type: factions.Person}}}, nil
}

func newFakeExtractor() factions.Extractor {
	return &fakeExtractor{rnd: rand.New(rand.NewSource(time.Now().UnixNano()))}
}

// fakeStore records the batches it is given. It refuses an article whose
// text holds "STORE-FAILS", and fails a whole batch holding "BATCH-FAILS".
// Its other methods are those of a nil Store: the pipeline calls none.
type fakeStore struct {
	factions.Store
	mu      sync.Mutex
	batches [][]string // article paths
	seen    map[string]bool
}

func (s *fakeStore) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	res := make([]factions.SaveResult, len(batch))
	var paths []string
	for i, it := range batch {
		if strings.Contains(it.Article.Text, "BATCH-FAILS") {
			return nil, errors.New("database is gone")
		}
		if strings.Contains(it.Article.Text, "STORE-FAILS") {
			res[i].Err = factions.Errorf(factions.EINVALID, "refused")
			continue
		}
		paths = append(paths, it.Article.Path)
		res[i].Created = !s.seen[it.Article.Text]
		s.seen[it.Article.Text] = true
	}
	s.batches = append(s.batches, paths)
	return res, nil
}

// writeFiles writes the texts as a001.txt, a002.txt, ... in a new folder.
func writeFiles(t *testing.T, texts []string) (dir string, paths []string) {
	t.Helper()
	dir = t.TempDir()
	for i, text := range texts {
		p := filepath.Join(dir, fmt.Sprintf("a%03d.txt", i+1))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return dir, paths
}

func TestIngesterOrderAndBatches(t *testing.T) {
	var texts []string
	for i := 0; i < 95; i++ {
		texts = append(texts, fmt.Sprintf("Person %d\nsaid something on day %d.", i, i))
	}
	dir, paths := writeFiles(t, texts)
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			s := &fakeStore{}
			var progress [][2]int
			in := &ingest.Ingester{NewExtractor: newFakeExtractor, Store: s, Batch: 10, Workers: workers,
				OnError:  func(err error) { t.Errorf("OnError(%v)", err) },
				Progress: func(done, total int) { progress = append(progress, [2]int{done, total}) }}
			st, err := in.Ingest(context.Background(), []string{dir})
			if err != nil {
				t.Fatal(err)
			}
			if want := (ingest.Stats{New: 95}); st != want {
				t.Errorf("stats %+v, want %+v", st, want)
			}
			var got []string
			for _, b := range s.batches {
				if len(b) == 0 || len(b) > 10 {
					t.Errorf("a batch of %d articles, want 1 to 10", len(b))
				}
				got = append(got, b...)
			}
			if !reflect.DeepEqual(got, paths) {
				t.Errorf("stored in the order\n%q\nwant\n%q", got, paths)
			}
			if len(progress) < 2 || progress[0] != [2]int{0, 95} || progress[len(progress)-1] != [2]int{95, 95} {
				t.Errorf("progress %v, want from 0 to 95 of 95", progress)
			}
			for i := 1; i < len(progress); i++ {
				if progress[i][0] < progress[i-1][0] {
					t.Errorf("progress goes back: %v", progress)
				}
			}
			// again: nothing new
			st, err = in.Ingest(context.Background(), []string{dir})
			if want := (ingest.Stats{Unchanged: 95}); err != nil || st != want {
				t.Errorf("again: stats %+v (%v), want %+v", st, err, want)
			}
		})
	}
}

func TestIngesterFailuresKeepTheRest(t *testing.T) {
	dir, paths := writeFiles(t, []string{"Person One\nfine", "", "Person Three\nEXTRACT-FAILS", "Person Four\nSTORE-FAILS", "Person Five\nfine"})
	s := &fakeStore{}
	var errs []string
	in := &ingest.Ingester{NewExtractor: newFakeExtractor, Store: s, Batch: 2,
		OnError: func(err error) { errs = append(errs, err.Error()) }}
	missing := filepath.Join(dir, "none")
	st, err := in.Ingest(context.Background(), []string{missing, paths[0], paths[1], paths[2], paths[3], paths[4]})
	if err != nil {
		t.Fatal(err)
	}
	if want := (ingest.Stats{New: 2, Failed: 4}); st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	want := []string{missing + ": no such file", filepath.Base(paths[1]) + ": empty", paths[2] + ": extractor failed", paths[3] + ": "}
	if len(errs) != len(want) {
		t.Fatalf("errors %q, want %d", errs, len(want))
	}
	for i, w := range want {
		if !strings.Contains(errs[i], w) {
			t.Errorf("error %d: %q, want it to say %q", i+1, errs[i], w)
		}
	}
	var stored []string
	for _, b := range s.batches {
		stored = append(stored, b...)
	}
	if want := []string{paths[0], paths[4]}; !reflect.DeepEqual(stored, want) {
		t.Errorf("stored %q, want %q", stored, want)
	}
}

func TestIngesterBatchFails(t *testing.T) {
	dir, _ := writeFiles(t, []string{"Person One\nfine", "Person Two\nBATCH-FAILS"})
	in := &ingest.Ingester{NewExtractor: newFakeExtractor, Store: &fakeStore{}}
	if _, err := in.Ingest(context.Background(), []string{dir}); err == nil || !strings.Contains(err.Error(), "database is gone") {
		t.Errorf("got %v, want the store's error", err)
	}
}

func TestIngesterCanceled(t *testing.T) {
	var texts []string
	for i := 0; i < 20; i++ {
		texts = append(texts, fmt.Sprintf("Person %d\nfine", i))
	}
	dir, _ := writeFiles(t, texts)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := &ingest.Ingester{NewExtractor: newFakeExtractor, Store: &fakeStore{}}
	if _, err := in.Ingest(ctx, []string{dir}); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// TestIngesterMeta checks what metadata an article gets: the flags' over
// the manifest's over the file's; standard input gets the flags'.
func TestIngesterMeta(t *testing.T) {
	dir, paths := writeFiles(t, []string{"---\ntitle: From the file\nsource: File Times\n---\nPerson One\nfine"})
	manifest := filepath.Join(dir, "manifest.tsv")
	if err := os.WriteFile(manifest, []byte("file\tdate\tsource\na001.txt\t2021-05-06\tManifest Post\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := ingest.ReadManifest(manifest)
	if err != nil {
		t.Fatal(err)
	}
	var got []*factions.Article
	s := &recordingStore{got: &got}
	in := &ingest.Ingester{NewExtractor: newFakeExtractor, Store: s, Manifest: m, Meta: ingest.Meta{URL: "https://example.org/flag"},
		Stdin: strings.NewReader("Person Two\nfrom standard input")}
	if _, err := in.Ingest(context.Background(), []string{paths[0], "-"}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d articles, want 2", len(got))
	}
	a := got[0]
	if a.Title != "From the file" || a.Source != "Manifest Post" || a.URL != "https://example.org/flag" || a.Published.Format("2006-01-02") != "2021-05-06" {
		t.Errorf("file: title %q, source %q, url %q, published %v", a.Title, a.Source, a.URL, a.Published)
	}
	if b := got[1]; b.Path != "" || b.URL != "https://example.org/flag" || !strings.HasPrefix(b.Text, "Person Two") {
		t.Errorf("stdin: path %q, url %q, text %q", b.Path, b.URL, b.Text)
	}
}

type recordingStore struct {
	factions.Store
	got *[]*factions.Article
}

func (s *recordingStore) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	for _, it := range batch {
		*s.got = append(*s.got, it.Article)
	}
	return make([]factions.SaveResult, len(batch)), nil
}

// resolvingStore numbers the articles it creates and records how it is
// asked to resolve them.
type resolvingStore struct {
	fakeStore
	next       int64
	unresolved []int64
	full       int       // calls of Resolve
	scoped     [][]int64 // the ids of each ResolveArticles call
}

func (s *resolvingStore) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	res, err := s.fakeStore.SaveArticles(ctx, batch)
	for i := range res {
		if res[i].Created {
			s.next++
			res[i].ID = s.next
			s.unresolved = append(s.unresolved, s.next)
		}
	}
	return res, err
}

func (s *resolvingStore) Resolve(ctx context.Context) (*factions.ResolveStats, error) {
	s.full++
	s.unresolved = nil
	return &factions.ResolveStats{Entities: 1}, nil
}

func (s *resolvingStore) ResolveState(ctx context.Context) (*factions.ResolveState, error) {
	return &factions.ResolveState{Unresolved: s.unresolved, Occurrences: s.next, AtFull: s.next}, nil
}

func (s *resolvingStore) ResolveArticles(ctx context.Context, ids []int64) (*factions.ResolveStats, error) {
	s.scoped = append(s.scoped, ids)
	left := s.unresolved[:0]
	for _, id := range s.unresolved {
		if !slices.Contains(ids, id) {
			left = append(left, id)
		}
	}
	s.unresolved = left
	return &factions.ResolveStats{Entities: 2, Created: len(ids)}, nil
}

// TestIngestResolveModes: "new" places each batch's new articles as the
// batch is stored (what resolution holds does not grow with the stream),
// "full" resolves the whole store once at the end.
func TestIngestResolveModes(t *testing.T) {
	texts := make([]string, 7)
	for i := range texts {
		texts[i] = fmt.Sprintf("Person %d leads Party %d.", i, i)
	}
	// two slow to extract: a writer that stored what it has while it
	// waits would store and place the first article, then the fourth, alone
	texts[1] += " SLOW"
	texts[4] += " SLOW"
	tests := []struct {
		mode   factions.ResolveMode
		full   int
		scoped [][]int64 // the ids placed by each call, in order
	}{
		{factions.ResolveScoped, 0, [][]int64{{1, 2, 3}, {4, 5, 6}, {7}}},
		{factions.ResolveFull, 1, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.mode), func(t *testing.T) {
			dir, _ := writeFiles(t, texts)
			s := &resolvingStore{}
			in := &ingest.Ingester{NewExtractor: newFakeExtractor, Store: s, Batch: 3, Workers: 1, Resolve: tt.mode}
			st, err := in.Ingest(context.Background(), []string{dir})
			if err != nil {
				t.Fatal(err)
			}
			// a call a batch, each full but the last however slow the
			// extraction: the batches placed one after another make the
			// result, which the machine's speed must not change
			if s.full != tt.full || !reflect.DeepEqual(s.scoped, tt.scoped) {
				t.Errorf("full resolutions %d, scoped %v; want %d, %v", s.full, s.scoped, tt.full, tt.scoped)
			}
			if st.New != 7 || st.Resolved == nil || len(s.unresolved) != 0 {
				t.Errorf("new %d, resolved %+v, left unresolved %v", st.New, st.Resolved, s.unresolved)
			}
			if tt.mode == factions.ResolveScoped && st.Resolved.Created != 7 {
				t.Errorf("resolved stats %+v: want the batches' sum (7 created)", st.Resolved)
			}
		})
	}
}

// preparingStore is a fakeStore that is a factions.SavePreparer: it counts
// the items prepared ahead and the items given to it unprepared.
type preparingStore struct {
	fakeStore
	prepared, unprepared int
}

func (s *preparingStore) PrepareSave(it *factions.SaveItem) { it.Prepared = s }

func (s *preparingStore) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	s.mu.Lock()
	for _, it := range batch {
		if it.Prepared == s {
			s.prepared++
		} else {
			s.unprepared++
		}
	}
	s.mu.Unlock()
	return s.fakeStore.SaveArticles(ctx, batch)
}

// TestIngesterOpen checks a store opened by Ingest while it reads and
// extracts: every article stored, prepared by the workers once the store
// is open and by the store itself before; an Open that fails is Ingest's
// error, with nothing stored and no store.
func TestIngesterOpen(t *testing.T) {
	var texts []string
	for i := 0; i < 40; i++ {
		texts = append(texts, fmt.Sprintf("Person %d\nfine", i))
	}
	dir, paths := writeFiles(t, texts)
	for _, tt := range []struct {
		name  string
		delay time.Duration // before Open returns
		err   error
	}{
		{name: "at once"},
		{name: "slow", delay: 30 * time.Millisecond},
		{name: "fails", delay: 5 * time.Millisecond, err: errors.New("cannot make the file")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := &preparingStore{}
			opens := 0
			in := &ingest.Ingester{NewExtractor: newFakeExtractor, Batch: 10, Workers: 2,
				OnError: func(err error) { t.Errorf("OnError(%v)", err) },
				Open: func(ctx context.Context) (factions.Store, error) {
					opens++
					time.Sleep(tt.delay)
					if tt.err != nil {
						return nil, tt.err
					}
					return s, nil
				}}
			st, err := in.Ingest(context.Background(), []string{dir})
			if opens != 1 {
				t.Errorf("Open called %d times, want once", opens)
			}
			if tt.err != nil {
				if !errors.Is(err, tt.err) || in.Store != nil || len(s.batches) != 0 {
					t.Errorf("got %v, store %v, %d batches; want Open's error, no store, nothing stored", err, in.Store, len(s.batches))
				}
				return
			}
			if err != nil || st != (ingest.Stats{New: 40}) || in.Store != s {
				t.Fatalf("got %+v, %v, store %v; want 40 new in the store Open gave", st, err, in.Store)
			}
			var got []string
			for _, b := range s.batches {
				got = append(got, b...)
			}
			if !reflect.DeepEqual(got, paths) {
				t.Errorf("stored %q, want %q", got, paths)
			}
			if s.prepared+s.unprepared != 40 || (tt.delay == 0 && s.prepared == 0) {
				t.Errorf("%d prepared by the workers and %d not, want 40 in all, most by the workers when the store opens at once", s.prepared, s.unprepared)
			}
		})
	}
	t.Run("no store", func(t *testing.T) {
		in := &ingest.Ingester{NewExtractor: newFakeExtractor}
		if _, err := in.Ingest(context.Background(), []string{dir}); err == nil {
			t.Error("no Store and no Open: got no error")
		}
	})
}

// lastSavingStore is a fakeStore that is a factions.LastSaver: it records
// which batches came through SaveLastArticles.
type lastSavingStore struct {
	fakeStore
	last []bool // a batch each: whether it was saved as the last
}

func (s *lastSavingStore) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	s.last = append(s.last, false)
	return s.fakeStore.SaveArticles(ctx, batch)
}

func (s *lastSavingStore) SaveLastArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	s.last = append(s.last, true)
	return s.fakeStore.SaveArticles(ctx, batch)
}

// TestIngesterLastBatch checks that the last batch of an ingest goes to a
// factions.LastSaver's SaveLastArticles, and every other through
// SaveArticles; with --resolve new, whose batches are each resolved as
// they are stored, none is the last.
func TestIngesterLastBatch(t *testing.T) {
	for _, tt := range []struct {
		mode  factions.ResolveMode
		files int
		want  []bool
	}{
		{factions.ResolveAuto, 25, []bool{false, false, true}},
		{factions.ResolveFull, 25, []bool{false, false, true}},
		{factions.ResolveScoped, 25, []bool{false, false, false}},
		// the last batch full: stored as the last all the same
		{factions.ResolveAuto, 30, []bool{false, false, true}},
		{factions.ResolveAuto, 10, []bool{true}},
		{factions.ResolveScoped, 30, []bool{false, false, false}},
	} {
		t.Run(fmt.Sprintf("%s-%d", tt.mode, tt.files), func(t *testing.T) {
			var texts []string
			for i := 0; i < tt.files; i++ {
				texts = append(texts, fmt.Sprintf("Person %d\nfine", i))
			}
			dir, _ := writeFiles(t, texts)
			s := &lastSavingStore{}
			in := &ingest.Ingester{NewExtractor: newFakeExtractor, Store: s, Batch: 10, Workers: 1, Resolve: tt.mode}
			if _, err := in.Ingest(context.Background(), []string{dir}); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.last, tt.want) {
				t.Errorf("batches saved as the last: %v, want %v", s.last, tt.want)
			}
		})
	}
}

// countingExtractor is fakeExtractor after a fixed pause, counting the
// extractions running at once across all its copies.
type countingExtractor struct {
	fakeExtractor
	running, most *atomic.Int32
}

func (x *countingExtractor) Extract(ctx context.Context, text string) (*factions.Extraction, error) {
	n := x.running.Add(1)
	defer x.running.Add(-1)
	for m := x.most.Load(); n > m && !x.most.CompareAndSwap(m, n); m = x.most.Load() {
	}
	time.Sleep(2 * time.Millisecond)
	return x.fakeExtractor.Extract(ctx, text)
}

// nameStore records the name of each article's first entity, in the
// order stored.
type nameStore struct {
	factions.Store
	mu    sync.Mutex
	names []string
}

func (s *nameStore) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	res := make([]factions.SaveResult, len(batch))
	for i, it := range batch {
		s.names = append(s.names, it.Extraction.Entities[0].Name)
		res[i].Created = true
	}
	return res, nil
}

// TestIngesterFeedInOrder ingests one feed of many items with workers to
// spare: its items are extracted on several goroutines at once and stored
// in the feed's order, an item that fails reported and the others kept.
func TestIngesterFeedInOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title>`)
	var want []string
	for i := 0; i < 150; i++ {
		text := fmt.Sprintf("Item %03d names the leader of the Valley Party.", i)
		if i == 77 {
			text = "Item 077 EXTRACT-FAILS here."
		} else {
			want = append(want, text)
		}
		fmt.Fprintf(&b, "<item><title>Report %d</title><link>https://example.org/%d</link><description>%s</description></item>\n", i, i, text)
	}
	b.WriteString("</channel></rss>\n")
	feed := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(feed, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var running, most atomic.Int32
	s := &nameStore{}
	var failed []error
	in := &ingest.Ingester{Store: s, Batch: 20, Workers: 4, OnError: func(err error) { failed = append(failed, err) },
		NewExtractor: func() factions.Extractor {
			return &countingExtractor{fakeExtractor{rand.New(rand.NewSource(time.Now().UnixNano()))}, &running, &most}
		}}
	st, err := in.Ingest(context.Background(), []string{feed})
	if err != nil {
		t.Fatal(err)
	}
	if st.New != len(want) || st.Failed != 1 || len(failed) != 1 {
		t.Errorf("stats %+v, errors %v: want %d new and one failed", st, failed, len(want))
	}
	if !reflect.DeepEqual(s.names, want) {
		t.Errorf("stored\n%q\nwant the feed's order\n%q", s.names, want)
	}
	if most.Load() < 2 {
		t.Errorf("at most %d extraction at once: the feed's items were extracted one after another", most.Load())
	}
}

// slowStore is a resolvingStore whose every batch takes pause to store: a
// writer behind extraction.
type slowStore struct {
	resolvingStore
	pause time.Duration
}

func (s *slowStore) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	time.Sleep(s.pause)
	return s.resolvingStore.SaveArticles(ctx, batch)
}

// TestIngesterGrowsBatches checks that while the writer is behind, a batch
// takes the articles extracted meanwhile, up to MaxBatch, in order; that
// without MaxBatch, or when each batch is placed as it is stored (whose
// bounds must not depend on the timing), none holds more than Batch.
func TestIngesterGrowsBatches(t *testing.T) {
	var texts []string
	for i := 0; i < 120; i++ {
		texts = append(texts, fmt.Sprintf("Person %d\nsaid something on day %d.", i, i))
	}
	dir, paths := writeFiles(t, texts)
	for _, tt := range []struct {
		name     string
		max      int
		mode     factions.ResolveMode
		most     int  // the most a batch may hold
		wantGrow bool // some batch holds more than Batch
	}{
		{"grows", 20, factions.ResolveAuto, 20, true},
		{"no MaxBatch", 0, factions.ResolveAuto, 10, false},
		{"placed as stored", 20, factions.ResolveScoped, 10, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := &slowStore{pause: 20 * time.Millisecond}
			in := &ingest.Ingester{NewExtractor: newFakeExtractor, Store: s, Batch: 10, MaxBatch: tt.max, Workers: 2, Resolve: tt.mode}
			if _, err := in.Ingest(context.Background(), []string{dir}); err != nil {
				t.Fatal(err)
			}
			var got []string
			grew := false
			for _, b := range s.batches {
				if len(b) == 0 || len(b) > tt.most {
					t.Errorf("a batch of %d articles, want 1 to %d", len(b), tt.most)
				}
				grew = grew || len(b) > 10
				got = append(got, b...)
			}
			if grew != tt.wantGrow {
				t.Errorf("some batch over 10: %v, want %v (batches of %v)", grew, tt.wantGrow, batchSizes(s.batches))
			}
			if !reflect.DeepEqual(got, paths) {
				t.Errorf("stored in the order\n%q\nwant\n%q", got, paths)
			}
		})
	}
}

func batchSizes(batches [][]string) []int {
	var n []int
	for _, b := range batches {
		n = append(n, len(b))
	}
	return n
}
