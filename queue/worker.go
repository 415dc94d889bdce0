package queue

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/factions/factions"
)

// DefaultResolveEvery is the window after which a Worker's stored
// articles are resolved, when no more are waiting.
const DefaultResolveEvery = 5 * time.Second

// DefaultResolveMaxWait is how long resolution waits, after the last one,
// while articles are waiting to be stored.
const DefaultResolveMaxWait = time.Minute

// fetchCooldown is the least time between two fetches of jobs.
const fetchCooldown = 2 * time.Millisecond

// Worker takes article jobs from the queue, extracts and stores each one,
// and resolves the store's entities once a window.
type Worker struct {
	// Store keeps the articles; when it is a factions.Resolver, the
	// resolution jobs resolve it.
	Store factions.Store
	// NewExtractor returns an extractor; the worker makes one for each
	// job it runs at once.
	NewExtractor func() factions.Extractor
	// Concurrency is how many jobs run at once (zero: 1).
	Concurrency int
	// ResolveEvery is the window of the resolution jobs (zero:
	// DefaultResolveEvery): the entities of an article stored at t are
	// resolved by the job of the window that ends after t.
	ResolveEvery time.Duration
	// ResolveMaxWait is how long resolving may wait for a busy queue
	// after the last resolution (zero: DefaultResolveMaxWait).
	ResolveMaxWait time.Duration
	// StopTimeout bounds how long Run waits for running jobs once ctx is
	// done before it cancels them (zero: one minute); a cancelled job is
	// tried again later, its article absent meanwhile.
	StopTimeout time.Duration
	// RetryPolicy, when set, replaces River's backoff (tests).
	RetryPolicy river.ClientRetryPolicy
	// Logger receives River's warnings and one for each failed attempt
	// (nil: standard error).
	Logger *slog.Logger

	q      *Queue
	stats  WorkStats
	pool   chan factions.Extractor
	logger *slog.Logger
}

// WorkStats counts what a Worker did: articles stored new, articles found
// stored, attempts that failed, and resolutions.
type WorkStats struct {
	New, Unchanged, Failed, Resolved atomic.Int64
}

// Stats returns the counts of what the worker did so far.
func (w *Worker) Stats() *WorkStats { return &w.stats }

// Run works the queue until ctx is done, then stops taking jobs, waits
// for the running ones up to StopTimeout, cancels those left, and returns
// nil. It returns an error when the worker cannot start.
func (w *Worker) Run(ctx context.Context, q *Queue) error {
	n := max(1, w.Concurrency)
	w.q = q
	w.pool = make(chan factions.Extractor, n)
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &articleWorker{w: w}); err != nil {
		return err
	}
	if err := river.AddWorkerSafely(workers, &resolveWorker{w: w}); err != nil {
		return err
	}
	logger := w.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	w.logger = logger
	client, err := river.NewClient(riverpgxv5.New(q.pool), &river.Config{
		Queues:      map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: n}},
		Workers:     workers,
		Logger:      logger,
		RetryPolicy: w.RetryPolicy,
		// Workers set their own timeouts (Timeout).
		JobTimeout: -1,
		// River waits its FetchCooldown (100 ms) between two fetches, and
		// with one slot a worker fetches once a job: ten articles a
		// second at most. A fetch is one indexed query.
		FetchCooldown: fetchCooldown,
	})
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("worker: %w", noQueue(err))
	}
	select {
	case <-ctx.Done():
	case <-client.Stopped():
		return fmt.Errorf("worker: the queue client stopped by itself")
	}
	stop := w.StopTimeout
	if stop <= 0 {
		stop = time.Minute
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), stop)
	defer cancel()
	if err := client.Stop(sctx); err != nil {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		return client.StopAndCancel(cctx)
	}
	return nil
}

// extractor returns an extractor no other job is using.
func (w *Worker) extractor() factions.Extractor {
	select {
	case x := <-w.pool:
		return x
	default:
		return w.NewExtractor()
	}
}

// release gives x back for the next job.
func (w *Worker) release(x factions.Extractor) {
	select {
	case w.pool <- x:
	default:
	}
}

func (w *Worker) every() time.Duration {
	if w.ResolveEvery <= 0 {
		return DefaultResolveEvery
	}
	return w.ResolveEvery
}

func (w *Worker) maxWait() time.Duration {
	if w.ResolveMaxWait <= 0 {
		return DefaultResolveMaxWait
	}
	return w.ResolveMaxWait
}

// window returns the end of the resolution window of t.
func (w *Worker) window(t time.Time) time.Time {
	return t.Truncate(w.every()).Add(w.every())
}

// articleWorker extracts and stores one article.
type articleWorker struct {
	river.WorkerDefaults[ArticleArgs]
	w *Worker
}

// Timeout bounds one article's extraction and storing.
func (*articleWorker) Timeout(*river.Job[ArticleArgs]) time.Duration { return 10 * time.Minute }

// Work stores the job's article in one transaction (nothing changes when
// it is stored already) and queues the resolution of its window. An
// error is the job's: River tries it again later, or discards it.
func (aw *articleWorker) Work(ctx context.Context, job *river.Job[ArticleArgs]) error {
	w := aw.w
	a := job.Args.Article()
	err := func() error {
		if a.Text == "" {
			return stageError("read", factions.Errorf(factions.EINVALID, "the job has no article text"))
		}
		x := w.extractor()
		ex, err := x.Extract(ctx, a.Text)
		if err != nil {
			return stageError("extract", err)
		}
		w.release(x)
		_, created, err := w.Store.SaveArticle(ctx, a, ex)
		if err != nil {
			return stageError("store", err)
		}
		if created {
			w.stats.New.Add(1)
		} else {
			w.stats.Unchanged.Add(1)
		}
		// Queued even when the article was stored before: an earlier
		// attempt may have stored it and failed to queue this.
		win := w.window(time.Now())
		_, err = river.ClientFromContext[pgx.Tx](ctx).Insert(ctx, ResolveArgs{Window: win},
			&river.InsertOpts{ScheduledAt: win.Add(time.Second)})
		if err != nil {
			return stageError("queue resolution", err)
		}
		return nil
	}()
	if err != nil {
		w.stats.Failed.Add(1)
		w.logger.WarnContext(ctx, "article failed", slog.String("article", job.Args.Name()),
			slog.Int("attempt", job.Attempt), slog.Int("max_attempts", job.MaxAttempts), slog.String("error", err.Error()))
		return err
	}
	return nil
}

// stageError returns err as the job's error, kept by River and listed by
// Status: the stage that failed and, for a coded error, its message alone
// ("store: article has no text").
func stageError(stage string, err error) error {
	if factions.ErrorCode(err) != factions.EINTERNAL {
		return fmt.Errorf("%s: %s", stage, factions.ErrorMessage(err))
	}
	return fmt.Errorf("%s: %w", stage, err)
}

// resolveWorker resolves the store's entities.
type resolveWorker struct {
	river.WorkerDefaults[ResolveArgs]
	w *Worker
}

// Timeout bounds one resolution (of the whole store, at worst).
func (*resolveWorker) Timeout(*river.Job[ResolveArgs]) time.Duration { return time.Hour }

// resolveOutput is what a resolution job that resolved records: when it
// started. Every article committed before then is resolved.
type resolveOutput struct {
	Started time.Time `json:"started"`
}

// Work resolves the store when it is a factions.Resolver, unless a
// resolution that started after the job's window ended did already (the
// articles of the window were committed before it): by the policy of
// factions.ResolveNew, all articles at once while the store is small or
// has grown by an eighth since its last full resolution, else the articles
// stored since the last resolution against the entities stored. While
// article jobs are waiting, it waits too (snoozes), up to ResolveMaxWait
// after the last resolution: resolving holds up the workers storing
// meanwhile, so a busy queue is resolved once in that time, and an idle
// one at once.
func (rw *resolveWorker) Work(ctx context.Context, job *river.Job[ResolveArgs]) error {
	w := rw.w
	r, ok := w.Store.(factions.Resolver)
	if !ok {
		return nil
	}
	var last time.Time
	var waiting bool
	err := w.q.pool.QueryRow(ctx, `SELECT
		COALESCE((SELECT max((metadata->'output'->>'started')::timestamptz) FROM river_job
			WHERE kind = $1 AND state = 'completed' AND metadata ? 'output'), 'epoch'),
		EXISTS (SELECT 1 FROM river_job WHERE state = 'available' AND kind = $2)`,
		ResolveArgs{}.Kind(), ArticleArgs{}.Kind()).Scan(&last, &waiting)
	if err != nil {
		return err
	}
	if !last.Before(job.Args.Window) {
		return nil
	}
	if waiting && time.Since(maxTime(last, job.Args.Window)) < w.maxWait() {
		return river.JobSnooze(w.every())
	}
	start := time.Now()
	if _, err := factions.ResolveNew(ctx, r, factions.ResolveAuto); err != nil {
		return err
	}
	w.stats.Resolved.Add(1)
	return river.RecordOutput(ctx, resolveOutput{Started: start})
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
