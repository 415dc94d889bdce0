package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/factions/factions"
	"github.com/factions/factions/internal/sqlstore"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DB is a factions.Store kept in one SQLite file. Its Now field (from the
// embedded sqlstore.DB) dates ingestion and audit entries; tests replace it.
type DB struct {
	*sqlstore.DB
	// Path is the database file, or ":memory:".
	Path string
}

var _ factions.Store = (*DB)(nil)

// pragmas are applied to every connection: write-ahead logging, foreign
// keys, a wait for a busy database instead of an error, normal syncing
// (safe with WAL), checkpoints every 8000 pages rather than 1000 (fewer,
// larger copies of the log into the database), a 32 MiB page cache, and
// transactions that take the write lock at BEGIN so that concurrent writers
// queue instead of failing.
const pragmas = "?_pragma=journal_mode(wal)&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)" +
	"&_pragma=synchronous(normal)&_pragma=wal_autocheckpoint(8000)&_pragma=cache_size(-32768)&_pragma=temp_store(memory)&_txlock=immediate"

// Open opens the SQLite database at path, creating the file and its
// directory when they do not exist, and applies the schema migrations. An
// empty path means DefaultPath(); ":memory:" opens a private in-memory
// database; a "file:" URI is passed to SQLite as it is, with the pragmas
// added to its parameters. It returns an error when the file cannot be
// opened or migrated.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		path = DefaultPath()
	}
	memory := path == ":memory:"
	if !memory && !strings.HasPrefix(path, "file:") {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
	}
	dsn := path + pragmas
	if strings.Contains(path, "?") { // a file: URI with parameters of its own
		dsn = path + "&" + pragmas[1:]
	}
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if memory {
		// every connection would see its own empty database
		sdb.SetMaxOpenConns(1)
	}
	sdb.SetMaxIdleConns(4)
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db := &DB{DB: sqlstore.New(sdb, sqlstore.SQLite), Path: path}
	if err := db.Migrate(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return db, nil
}

// Close brings the planner's statistics up to date where the tables have
// grown much since they were taken (Optimize) and closes the database.
func (db *DB) Close() error {
	err := db.Optimize(context.Background())
	return errors.Join(err, db.DB.Close())
}

// DefaultPath returns where the database lives when no path is given:
// $FACTIONS_DB when set, else factions/factions.db under the user's data
// directory ($XDG_DATA_HOME, else ~/.local/share; the current directory when
// even the home directory is unknown).
func DefaultPath() string {
	if p := os.Getenv("FACTIONS_DB"); p != "" {
		return p
	}
	return filepath.Join(dataDir(), "factions", "factions.db")
}

func dataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d
	}
	if h, err := os.UserHomeDir(); err == nil && h != "" {
		return filepath.Join(h, ".local", "share")
	}
	return "."
}
