package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/factions/factions"
	"github.com/factions/factions/internal/sqlstore"
)

// DB is a factions.Store in a PostgreSQL database. Its Now field (from the
// embedded sqlstore.DB) dates ingestion and audit entries; tests replace it.
type DB struct {
	*sqlstore.DB
	// DSN is the connection string it was opened with.
	DSN string
}

var _ factions.Store = (*DB)(nil)

// Migration is a schema change of another package kept in the same
// database (the job queue's tables), run by Open after the store's own
// migrations, under the same lock and on the same connection: pool's only
// one.
type Migration func(ctx context.Context, pool *pgxpool.Pool) error

// Open connects to the PostgreSQL database at dsn (a URL or key=value
// connection string; unknown URL parameters such as search_path are sent as
// run-time parameters) and applies the schema migrations, then runs more,
// in order. The migrations hold a session advisory lock on the schema
// (MigrationLock) and run on the connection that holds it, so that
// processes opening one database at once migrate it one after the other
// (the first one migrates and the others find it done), and a process
// killed while migrating keeps the lock until its server process has
// finished its statement. It returns an error when the server cannot be
// reached or the schema cannot be migrated.
func Open(ctx context.Context, dsn string, more ...Migration) (*DB, error) {
	sdb, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	sdb.SetMaxIdleConns(4)
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if err := migrate(ctx, dsn, more); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return &DB{DB: sqlstore.New(sdb, sqlstore.Postgres), DSN: dsn}, nil
}

// MigrationLock is the SQL expression of the key of the advisory lock Open
// holds while it migrates: a 64-bit hash of the schema the tables are made
// in, so that knowledge bases in other schemas of the database do not wait
// for each other.
const MigrationLock = `hashtextextended('factions migrate ' || COALESCE(current_schema(), ''), 0)`

// migrate applies the store's migrations and more over a pool of one
// connection that holds the migration lock, waiting for the lock as long
// as ctx allows. The lock is the session's: it goes with the connection
// if the process dies.
func migrate(ctx context.Context, dsn string, more []Migration) error {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return err
	}
	cfg.MaxConns, cfg.MinConns = 1, 0
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer pool.Close()
	if _, err := pool.Exec(ctx, `SELECT pg_advisory_lock(`+MigrationLock+`)`); err != nil {
		return fmt.Errorf("take the migration lock: %w", err)
	}
	// The store's migrations through database/sql, over the same pool;
	// no idle connection kept, so that the pool's one is free after.
	mdb := stdlib.OpenDBFromPool(pool)
	mdb.SetMaxIdleConns(0)
	err = sqlstore.New(mdb, sqlstore.Postgres).Migrate(ctx)
	mdb.Close()
	for _, m := range more {
		if err != nil {
			break
		}
		err = m(ctx, pool)
	}
	// Without ctx's cancellation: the lock must go even when ctx is done
	// (closing the connection would release it too).
	if _, uerr := pool.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+MigrationLock+`)`); uerr != nil && err == nil {
		err = fmt.Errorf("release the migration lock: %w", uerr)
	}
	return err
}
