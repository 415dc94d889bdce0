package postgres

import (
	"context"
	"database/sql"
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

// Open connects to the PostgreSQL database at dsn (a URL or key=value
// connection string; unknown URL parameters such as search_path are sent as
// run-time parameters) and applies the schema migrations. It returns an
// error when the server cannot be reached or the schema cannot be migrated.
func Open(ctx context.Context, dsn string) (*DB, error) {
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
	if err := db.Migrate(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return db, nil
}
