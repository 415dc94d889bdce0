package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/factions/factions"
)

// DefaultMaxAttempts is how many times an article is tried before its job
// is discarded, unless the Enqueuer says otherwise.
const DefaultMaxAttempts = 5

// ArticleArgs is the job of one article: its text and what is known of it.
// Jobs of the same text are one: a second is not queued while the first is
// waiting, running or kept as completed (River keeps completed jobs a day).
type ArticleArgs struct {
	Hash      string    `json:"hash" river:"unique"` // hex SHA-256 of Text
	Text      string    `json:"text"`
	Title     string    `json:"title,omitempty"`
	Source    string    `json:"source,omitempty"`
	URL       string    `json:"url,omitempty"`
	Path      string    `json:"path,omitempty"` // the file it was read from
	Published time.Time `json:"published,omitzero"`
	DateFrom  time.Time `json:"date_from,omitzero"`
	DateUntil time.Time `json:"date_until,omitzero"`
}

// Kind returns the job kind of articles.
func (ArticleArgs) Kind() string { return "factions_article" }

// InsertOpts makes jobs of the same article one.
func (ArticleArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// NewArticleArgs returns the job of a.
func NewArticleArgs(a *factions.Article) ArticleArgs {
	return ArticleArgs{Hash: a.Hash, Text: a.Text, Title: a.Title, Source: a.Source, URL: a.URL, Path: a.Path,
		Published: a.Published, DateFrom: a.DateFrom, DateUntil: a.DateUntil}
}

// Article returns the article of the job.
func (a ArticleArgs) Article() *factions.Article {
	return &factions.Article{Hash: a.Hash, Text: a.Text, Title: a.Title, Source: a.Source, URL: a.URL, Path: a.Path,
		Published: a.Published, DateFrom: a.DateFrom, DateUntil: a.DateUntil}
}

// Name returns what names the article in messages: its file, else its URL,
// else its title, else the start of its hash.
func (a ArticleArgs) Name() string {
	switch {
	case a.Path != "":
		return a.Path
	case a.URL != "":
		return a.URL
	case a.Title != "":
		return a.Title
	case len(a.Hash) >= 12:
		return "article " + a.Hash[:12]
	}
	return "article with no hash"
}

// ResolveArgs is the job that resolves the store's entities once the
// articles stored before Window are in: one job a window.
type ResolveArgs struct {
	Window time.Time `json:"window" river:"unique"`
}

// Kind returns the job kind of resolutions.
func (ResolveArgs) Kind() string { return "factions_resolve" }

// InsertOpts makes the resolutions of one window one job.
func (ResolveArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Queue is the job queue in a PostgreSQL database.
type Queue struct {
	pool   *pgxpool.Pool
	client *river.Client[pgx.Tx] // inserts only
}

// Open connects to the database at dsn (a postgres:// URL or key=value
// string, as the postgres package takes; its search_path says the schema)
// and returns its queue. It does not migrate (Migrate does) and returns an
// error when the server cannot be reached.
func Open(ctx context.Context, dsn string) (*Queue, error) {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open queue: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open queue: %w", err)
	}
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("open queue: %w", err)
	}
	return &Queue{pool: pool, client: client}, nil
}

// Close closes the queue's connections.
func (q *Queue) Close() { q.pool.Close() }

// Migrate creates or updates River's tables (rivermigrate, one version a
// transaction) over pool. Run it under the store's migration lock, on a
// pool of the one connection that holds it: postgres.Open(ctx, dsn,
// queue.Migrate).
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("migrate queue: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrate queue: %w", err)
	}
	return nil
}

// noQueue tells an error of a database that has no queue tables.
func noQueue(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42P01" { // undefined_table
		return factions.Errorf(factions.ENOTFOUND, "no job queue in this database: queue articles with ingest --queue first")
	}
	return err
}
