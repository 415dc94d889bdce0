package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/factions/factions"
	"github.com/factions/factions/internal/pgtest"
	"github.com/factions/factions/queue"
)

// TestQueueCommands queues the samples and a poisoned article, works the
// queue with the worker command, and reads the jobs command: the samples
// stored, the poisoned article discarded after its attempts with its
// error.
func TestQueueCommands(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	ctx := context.Background()
	out, errs, err := run(t, dsn, "ingest", "--queue", "../../samples")
	if err != nil || !regexp.MustCompile(`^queued \d+ articles, 0 queued already, 0 failed\n$`).MatchString(out) {
		t.Fatalf("ingest --queue: %q %q %v", out, errs, err)
	}
	if out2, _, err := run(t, dsn, "ingest", "--queue", "../../samples"); err != nil || !strings.HasPrefix(out2, "queued 0 articles, ") {
		t.Errorf("ingest --queue again: %q %v, want every article queued already", out2, err)
	}
	q, err := queue.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	// A job no extraction can store: one of another client that lost its
	// text.
	poisoned := &factions.Article{Hash: strings.Repeat("0", 64), Path: "poisoned.txt"}
	if n, _, err := q.Insert(ctx, []*factions.Article{poisoned}, 2); err != nil || n != 1 {
		t.Fatalf("insert: %d, %v", n, err)
	}

	wctx, cancel := context.WithCancel(ctx)
	var wout, werr bytes.Buffer
	done := make(chan error)
	go func() {
		m := &Main{Stdout: &wout, Stderr: &werr, Getenv: func(string) string { return "" }}
		done <- m.Run(wctx, []string{"worker", "--db", dsn, "--concurrency", "2", "--resolve-every", "500ms"})
	}()
	tctx, tcancel := context.WithTimeout(ctx, 2*time.Minute)
	err = q.Wait(tctx, 200*time.Millisecond)
	tcancel()
	cancel()
	if werr := <-done; werr != nil {
		t.Errorf("worker: %v", werr)
	}
	if err != nil {
		t.Fatalf("queue not drained: %v", err)
	}
	if !regexp.MustCompile(`^worker stopped: stored \d+ new, 0 unchanged, 2 failed attempts, [1-9]\d* resolutions\n$`).MatchString(wout.String()) {
		t.Errorf("worker: got %q", wout.String())
	}

	out, _, err = run(t, dsn, "jobs")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`(?m)^completed +\d+$`, `(?m)^discarded +1$`,
		`(?m)^\d+ +discarded +2/2 +poisoned\.txt +read: the job has no article text$`} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("jobs: %q does not match %s", out, want)
		}
	}
	out, _, err = run(t, dsn, "jobs", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var st queue.Status
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Failed) != 1 || st.Failed[0].Name != "poisoned.txt" || st.Failed[0].State != "discarded" || st.Counts["discarded"] != 1 {
		t.Errorf("jobs --json: %s", out)
	}
	if out, _, err := run(t, dsn, "entities", "--limit", "1"); err != nil || out == "" {
		t.Errorf("entities: %q %v", out, err)
	}
	if _, _, err := run(t, "jobs.db", "jobs"); factions.ErrorCode(err) != factions.EINVALID {
		t.Errorf("jobs on SQLite: got %v, want EINVALID", err)
	}
}
