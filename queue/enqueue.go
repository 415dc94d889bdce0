package queue

import (
	"context"
	"fmt"
	"io"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/factions/factions"
	"github.com/factions/factions/ingest"
)

// DefaultBatch is how many jobs an Enqueuer inserts in one statement.
const DefaultBatch = 100

// Enqueuer reads files, folders and feeds as an ingest.Ingester does and
// queues one job per article instead of storing it.
type Enqueuer struct {
	Queue *Queue
	// Meta is given on the command line: it overrides what the manifest
	// says of a file, which overrides what the file says of itself.
	Meta Meta
	// Manifest, when not nil, gives the metadata of the files it names.
	Manifest *ingest.Manifest
	// Stdin is read for the name "-" (nil: os.Stdin).
	Stdin io.Reader
	// MaxAttempts is how many times a job is tried before it is
	// discarded (zero: DefaultMaxAttempts).
	MaxAttempts int
	// OnError, when set, is told of each file that fails and is left out.
	OnError func(error)
}

// Meta is ingest.Meta: values given from outside the files.
type Meta = ingest.Meta

// EnqueueStats counts what Enqueue did: jobs queued, articles whose job
// was there already, and files that failed.
type EnqueueStats struct {
	Queued, Duplicate, Failed int
}

// Enqueue queues the articles of every file, folder (ingest.Walk), feed or
// "-" named, DefaultBatch jobs a statement, holding no more than one file's
// articles and one batch in memory. A name that cannot be walked, a file
// the manifest names that does not exist and a file that cannot be read are
// told to OnError and counted as failed, and the others go on. The error
// returned is for what stops it: the queue failing, or ctx done; the jobs
// inserted before stay queued.
func (e *Enqueuer) Enqueue(ctx context.Context, names []string) (EnqueueStats, error) {
	var st EnqueueStats
	report := func(err error) {
		st.Failed++
		if e.OnError != nil {
			e.OnError(err)
		}
	}
	for _, err := range e.Manifest.Missing() {
		report(err)
	}
	var batch []*factions.Article
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		queued, dup, err := e.Queue.Insert(ctx, batch, e.MaxAttempts)
		st.Queued += queued
		st.Duplicate += dup
		batch = batch[:0]
		return err
	}
	var stop error // what ends the walk: not a file's fault
	for _, name := range names {
		err := ingest.Walk(name, func(path string) error {
			if err := ctx.Err(); err != nil {
				stop = err
				return err
			}
			arts, err := e.read(path)
			if err != nil {
				report(err)
				return nil
			}
			for _, a := range arts {
				batch = append(batch, a)
				if len(batch) >= DefaultBatch {
					if err := flush(); err != nil {
						stop = err
						return err
					}
				}
			}
			return nil
		})
		if stop != nil {
			return st, stop
		}
		if err != nil {
			report(err)
		}
	}
	return st, flush()
}

// read reads the articles of one file, or of Stdin for "-".
func (e *Enqueuer) read(name string) ([]*factions.Article, error) {
	if name == "-" {
		if e.Stdin != nil {
			return ingest.ReadReader("-", e.Stdin, e.Meta)
		}
		return ingest.ReadFile("-", e.Meta)
	}
	meta := e.Meta
	if m, ok := e.Manifest.Meta(name); ok {
		meta = meta.Over(m)
	}
	return ingest.ReadFile(name, meta)
}

// Insert queues a job for each article, in one transaction, each tried
// up to maxAttempts times (zero: DefaultMaxAttempts). It returns how many
// were queued and how many had a job already (ArticleArgs), or the
// database's error, in which case none was queued.
func (q *Queue) Insert(ctx context.Context, arts []*factions.Article, maxAttempts int) (queued, duplicate int, err error) {
	if maxAttempts <= 0 {
		maxAttempts = DefaultMaxAttempts
	}
	// One job per text: River's insert of unique jobs fails on a batch
	// that holds one twice.
	params := make([]river.InsertManyParams, 0, len(arts))
	seen := make(map[string]bool, len(arts))
	for _, a := range arts {
		if seen[a.Hash] {
			duplicate++
			continue
		}
		seen[a.Hash] = true
		args := NewArticleArgs(a)
		opts := args.InsertOpts()
		opts.MaxAttempts = maxAttempts
		params = append(params, river.InsertManyParams{Args: args, InsertOpts: &opts})
	}
	if len(params) == 0 {
		return 0, duplicate, nil
	}
	res, err := q.insertMany(ctx, params)
	if err != nil {
		return 0, 0, fmt.Errorf("queue articles: %w", noQueue(err))
	}
	for _, r := range res {
		if r.UniqueSkippedAsDuplicate {
			duplicate++
		} else {
			queued++
		}
	}
	return queued, duplicate, nil
}

// insertMany inserts a batch of jobs in one transaction that holds a lock
// on the queue's inserts: River's unique jobs lock their keys in the order
// of the batch, and two producers inserting overlapping batches at once
// would otherwise deadlock.
func (q *Queue) insertMany(ctx context.Context, batch []river.InsertManyParams) ([]*rivertype.JobInsertResult, error) {
	tx, err := q.pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('factions enqueue ' || COALESCE(current_schema(), ''), 0))`); err != nil {
		return nil, err
	}
	res, err := q.client.InsertManyTx(ctx, tx, batch)
	if err != nil {
		return nil, err
	}
	return res, tx.Commit(ctx)
}
