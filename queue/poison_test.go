package queue_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/internal/pgtest"
	"github.com/factions/factions/queue"
)

// poisonExtractor fails on every text that holds "POISON PILL".
type poisonExtractor struct{ x factions.Extractor }

func (p poisonExtractor) Extract(ctx context.Context, text string) (*factions.Extraction, error) {
	if strings.Contains(text, "POISON PILL") {
		return nil, errors.New("the extractor chokes on this article")
	}
	return p.x.Extract(ctx, text)
}

// soon retries a failed job at once.
type soon struct{}

func (soon) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(100 * time.Millisecond) }

// TestPoisonedArticle queues an article the extractor always fails on
// beside a good one: the good one is stored, the poisoned one is tried
// MaxAttempts times and discarded with its error, and Status lists it.
func TestPoisonedArticle(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	q, s := openQueue(t, dsn)
	ctx := context.Background()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"good.txt": "Zorvath Kelmaran, the leader of the Umbrel Accord, spoke in Velmora on Monday.",
		"bad.txt":  "Zorvath Kelmaran swallowed a POISON PILL in Velmora.",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e := &queue.Enqueuer{Queue: q, MaxAttempts: 3}
	if st, err := e.Enqueue(ctx, []string{dir}); err != nil || st.Queued != 2 {
		t.Fatalf("enqueue: %+v, %v", st, err)
	}
	var worker *queue.Worker
	runWorkers(t, dsn, 1, func(w *queue.Worker) {
		w.NewExtractor = func() factions.Extractor { return poisonExtractor{extract.New()} }
		w.RetryPolicy = soon{}
		worker = w
	})
	if n := worker.Stats().Failed.Load(); n != 3 {
		t.Errorf("failed attempts: got %d, want 3", n)
	}
	st, err := q.Status(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Counts["discarded"] != 1 || st.Unfinished() != 0 {
		t.Errorf("counts: got %v, want 1 discarded and none left to run", st.Counts)
	}
	if len(st.Failed) != 1 {
		t.Fatalf("failed jobs: got %+v, want the poisoned one", st.Failed)
	}
	f := st.Failed[0]
	if f.State != "discarded" || f.Attempt != 3 || f.MaxAttempts != 3 ||
		f.Name != filepath.Join(dir, "bad.txt") || !strings.Contains(f.Error, "the extractor chokes on this article") {
		t.Errorf("failed job: got %+v, want bad.txt discarded after 3 attempts with the extractor's error", f)
	}
	var n int
	if err := s.SQL().QueryRow(`SELECT count(*) FROM articles WHERE path = $1`, filepath.Join(dir, "good.txt")).Scan(&n); err != nil || n != 1 {
		t.Errorf("good.txt stored %d times (%v), want once", n, err)
	}
}
