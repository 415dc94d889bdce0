package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/factions/factions"
	"github.com/factions/factions/internal/sqlstore"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
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
// migrations under the same lock.
type Migration func(ctx context.Context) error

// Open connects to the PostgreSQL database at dsn (a URL or key=value
// connection string; unknown URL parameters such as search_path are sent as
// run-time parameters) and applies the schema migrations, then runs more,
// in order. The migrations hold a session advisory lock on the schema
// (MigrationLock), so that processes opening one database at once migrate
// it one after the other: the first one migrates and the others find it
// done. It returns an error when the server cannot be reached or the
// schema cannot be migrated.
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
	db := &DB{DB: sqlstore.New(sdb, sqlstore.Postgres), DSN: dsn}
	err = withMigrationLock(ctx, sdb, func() error {
		if err := db.Migrate(ctx); err != nil {
			return err
		}
		for _, m := range more {
			if err := m(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return db, nil
}

// MigrationLock is the SQL expression of the key of the advisory lock Open
// holds while it migrates: a 64-bit hash of the schema the tables are made
// in, so that knowledge bases in other schemas of the database do not wait
// for each other.
const MigrationLock = `hashtextextended('factions migrate ' || COALESCE(current_schema(), ''), 0)`

// withMigrationLock runs fn while one connection of db holds the
// migration lock, waiting for it as long as ctx allows. The lock is the
// session's: it goes with the connection if the process dies.
func withMigrationLock(ctx context.Context, db *sql.DB, fn func() error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+MigrationLock+`)`); err != nil {
		return fmt.Errorf("take the migration lock: %w", err)
	}
	ferr := fn()
	// Without ctx's cancellation: the lock must go even when ctx is done.
	if _, err := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+MigrationLock+`)`); err != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn }) // drop the connection, and the lock with it
		if ferr == nil {
			ferr = fmt.Errorf("release the migration lock: %w", err)
		}
	}
	return ferr
}
