package main

import (
	"context"
	"fmt"
	"log/slog"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/factions/factions"
	"github.com/factions/factions/extract"
	"github.com/factions/factions/gazetteer"
	"github.com/factions/factions/ingest"
	"github.com/factions/factions/postgres"
	"github.com/factions/factions/queue"
)

// queueDSN returns the PostgreSQL database the --db flag or $FACTIONS_DB
// names; the queue is kept in PostgreSQL only.
func (m *Main) queueDSN(cmd, db string) (string, error) {
	if db == "" {
		db = m.Getenv("FACTIONS_DB")
	}
	if !strings.HasPrefix(db, "postgres://") && !strings.HasPrefix(db, "postgresql://") {
		return "", factions.Errorf(factions.EINVALID, "%s: the job queue is kept in PostgreSQL: give --db postgres://... (or $FACTIONS_DB)", cmd)
	}
	return db, nil
}

// openQueue opens the queue of the database and the store, migrating both
// under the store's migration lock.
func (m *Main) openQueue(ctx context.Context, dsn string) (*queue.Queue, *postgres.DB, error) {
	q, err := queue.Open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	s, err := postgres.Open(ctx, dsn, queue.Migrate)
	if err != nil {
		q.Close()
		return nil, nil, err
	}
	g, err := gazetteer.New()
	if err != nil {
		q.Close()
		s.Close()
		return nil, nil, err
	}
	s.Gazetteer = g
	return q, s, nil
}

// enqueue queues the articles of names for workers (ingest --queue).
func (c *IngestCommand) enqueue(ctx context.Context, db string, in *ingest.Ingester, attempts int, quiet bool, names []string) error {
	dsn, err := c.queueDSN("ingest --queue", db)
	if err != nil {
		return err
	}
	q, s, err := c.openQueue(ctx, dsn)
	if err != nil {
		return err
	}
	defer q.Close()
	s.Close()
	e := &queue.Enqueuer{Queue: q, Meta: in.Meta, Manifest: in.Manifest, Stdin: in.Stdin, MaxAttempts: attempts,
		OnError: func(err error) { fmt.Fprintf(c.Stderr, "factions: %s\n", userMessage(err)) }}
	st, err := e.Enqueue(ctx, names)
	if err != nil {
		fmt.Fprintf(c.Stderr, "factions: queued %d articles before stopping\n", st.Queued)
		return err
	}
	if !quiet {
		fmt.Fprintf(c.Stdout, "queued %d articles, %d queued already, %d failed\n", st.Queued, st.Duplicate, st.Failed)
	}
	if st.Failed > 0 {
		return errReported
	}
	return nil
}

// WorkerCommand works the job queue: it extracts and stores queued articles.
type WorkerCommand struct{ *Main }

// Run works the queue until SIGINT or SIGTERM, then finishes the running
// jobs and prints what it did.
func (c *WorkerCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("worker", "--db postgres://... [--concurrency N] [--resolve-every DURATION]")
	db := dbFlag(fs)
	conc := fs.Int("concurrency", 1, "jobs run at once")
	every := fs.Duration("resolve-every", queue.DefaultResolveEvery, "resolve the stored articles' entities at the end of each `window` when no article is waiting")
	maxWait := fs.Duration("resolve-max-wait", queue.DefaultResolveMaxWait, "while articles are waiting, resolve once in this `time`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("worker: unexpected argument %q", fs.Arg(0))
	}
	dsn, err := c.queueDSN("worker", *db)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	q, s, err := c.openQueue(ctx, dsn)
	if err != nil {
		return err
	}
	defer q.Close()
	defer s.Close()
	w := &queue.Worker{Store: s, NewExtractor: func() factions.Extractor { return extract.New() },
		Concurrency: *conc, ResolveEvery: *every, ResolveMaxWait: *maxWait,
		Logger: slog.New(slog.NewTextHandler(c.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	fmt.Fprintf(c.Stderr, "factions: worker started, %d at once; stop it with Ctrl-C or SIGTERM\n", max(1, *conc))
	err = w.Run(ctx, q)
	st := w.Stats()
	fmt.Fprintf(c.Stdout, "worker stopped: stored %d new, %d unchanged, %d failed attempts, %d resolutions\n",
		st.New.Load(), st.Unchanged.Load(), st.Failed.Load(), st.Resolved.Load())
	return err
}

// JobsCommand prints the state of the job queue.
type JobsCommand struct{ *Main }

// Run prints the number of jobs in each state and the failed jobs, with
// their article and last error.
func (c *JobsCommand) Run(ctx context.Context, args []string) error {
	fs := c.newFlagSet("jobs", "--db postgres://... [--limit N] [--json] [--wait]")
	db := dbFlag(fs)
	limit := fs.Int("limit", 100, "list at most this many failed jobs")
	asJSON := fs.Bool("json", false, "print JSON")
	wait := fs.Bool("wait", false, "first wait until no job is left to run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("jobs: unexpected argument %q", fs.Arg(0))
	}
	dsn, err := c.queueDSN("jobs", *db)
	if err != nil {
		return err
	}
	q, err := queue.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer q.Close()
	if *wait {
		if err := q.Wait(ctx, time.Second); err != nil {
			return err
		}
	}
	st, err := q.Status(ctx, *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.Stdout, st)
	}
	states := make([]string, 0, len(st.Counts))
	for s := range st.Counts {
		states = append(states, s)
	}
	sort.Strings(states)
	tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
	if len(states) == 0 {
		fmt.Fprintln(tw, "no jobs")
	}
	for _, s := range states {
		fmt.Fprintf(tw, "%s\t%d\n", s, st.Counts[s])
	}
	if len(st.Failed) > 0 {
		fmt.Fprintln(tw, "\nfailed jobs:\nid\tstate\tattempts\tarticle\terror")
	}
	for _, f := range st.Failed {
		fmt.Fprintf(tw, "%d\t%s\t%d/%d\t%s\t%s\n", f.ID, f.State, f.Attempt, f.MaxAttempts, flat(f.Name), flat(f.Error))
	}
	return tw.Flush()
}

// flat collapses the white space in s, line breaks included, and shows
// other control characters (escape sequences) as "?".
func flat(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}
