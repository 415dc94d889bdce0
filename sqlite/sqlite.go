package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/factions/factions"
	"github.com/factions/factions/internal/sqlstore"

	msqlite "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// DB is a factions.Store kept in one SQLite file. Its Now field (from the
// embedded sqlstore.DB) dates ingestion and audit entries; tests replace it.
type DB struct {
	*sqlstore.DB
	// Path is the database file, or ":memory:".
	Path string
	// ReadOnly tells that the database was opened for reading only
	// (OpenReadOnly): every write fails.
	ReadOnly bool

	checked  chan struct{} // closed when the integrity check is done
	checkErr error         // what it found

	copyMu    sync.Mutex
	copying   bool           // a copy of the log into the file runs (copyLog)
	copyAgain bool           // another is to follow it
	copies    sync.WaitGroup // the copies, which Close waits for
}

var _ factions.Store = (*DB)(nil)

// pragmas are applied to every connection that may write: write-ahead
// logging, foreign keys, a wait for a busy database instead of an error,
// normal syncing (safe with WAL), checkpoints every 8000 pages rather than
// 1000 (fewer, larger copies of the log into the database), an 8 MiB page
// cache, and transactions that take the write lock at BEGIN so that
// concurrent writers queue instead of failing. Readers do not wait for
// them: with write-ahead logging a reader sees the last commit while a
// writer writes. The page cache holds what writing an article reads (the
// pages of the indexes it adds to); a larger one mostly keeps the pages of
// article text, written once, and every page it holds is freed one by one
// when the connection closes (a quarter of the time of closing, at 32 MiB).
// A transaction spills changed pages to the log only beyond 32 MiB of
// them (cache_spill, in pages), not beyond the cache: a resolution of the
// corpus changes more pages than the cache holds, and every page spilled
// is written to the log twice and read back (1,650 frames of 8,300).
const pragmas = "?_pragma=journal_mode(wal)&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)" +
	"&_pragma=synchronous(normal)&_pragma=wal_autocheckpoint(8000)&_pragma=cache_size(-8192)&_pragma=temp_store(memory)&_pragma=cache_spill(8192)&_txlock=immediate"

// cacheKiB is the page cache of a connection that may write, as pragmas
// sets it.
const cacheKiB = 8192

// roPragmas are applied to the connections of a database opened for
// reading: no write is accepted (query_only), transactions are deferred
// (they take no lock a writer holds), and the rare wait on the
// write-ahead log's index is bounded.
const roPragmas = "_pragma=query_only(1)&_pragma=busy_timeout(10000)&_pragma=cache_size(-32768)&_pragma=temp_store(memory)&_txlock=deferred"

// Open opens the SQLite database at path for reading and writing, creating
// the file and its directory when they do not exist, starts checking it
// unless it is as this package left it at a clean close (PRAGMA
// quick_check, which every write waits for: a corrupt database is
// ErrCorrupt, and nothing is written to it; see Check and closedCleanly)
// and applies the schema migrations it lacks. An empty path means
// DefaultPath(); ":memory:" opens a private in-memory database; a "file:"
// URI is passed to SQLite as it is, with the pragmas added to its
// parameters. It returns an error when the file cannot be opened, checked or
// migrated.
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
	// Whether it needs checking is read before a connection makes its log.
	clean := !memory && closedCleanly(path)
	reservePageCache()
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
	fail := func(err error) (*DB, error) {
		sdb.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, wrap(err))
	}
	if err := sdb.PingContext(ctx); err != nil {
		return fail(err)
	}
	db := &DB{DB: sqlstore.New(sdb, sqlstore.SQLite), Path: path}
	if !memory && !clean {
		// The check reads the whole file (a second or more for a store of
		// 100 MB): it runs while the caller reads and extracts its
		// articles, and every write waits for it.
		done := make(chan struct{})
		go func() {
			defer close(done)
			if err := quickCheck(context.WithoutCancel(ctx), sdb); err != nil {
				db.checkErr = fmt.Errorf("open sqlite %s: %w", path, wrap(err))
			}
		}()
		db.checked = done
		db.SetWriteGate(db.Check)
	}
	if err := db.Migrate(ctx); err != nil {
		return fail(err)
	}
	return db, nil
}

// Check waits for the integrity check Open started (PRAGMA quick_check)
// and returns its error: ErrCorrupt when the database is damaged, in which
// case every write fails with it and nothing is written. It returns nil at
// once for a database opened read-only or in memory, or found as a clean
// close left it (no check was started).
func (db *DB) Check(ctx context.Context) error {
	if db.checked == nil {
		return nil
	}
	select {
	case <-db.checked:
		return db.checkErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// OpenReadOnly opens the SQLite database at path, which must exist, for
// reading only: it takes no lock a writer holds, so that it neither waits
// for an ingest nor makes one wait, and it reads a database whose file or
// folder it may not write. A database that lacks migrations is migrated
// first when it can be written (Open), else it is an error. Every write
// through the DB fails. A database whose file is not SQLite or whose
// schema cannot be read is ErrCorrupt.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		path = DefaultPath()
	}
	if path == ":memory:" {
		return Open(ctx, path)
	}
	db, err := openRO(ctx, path, false)
	if err != nil && !strings.HasPrefix(path, "file:") && !writable(path) {
		// A database in write-ahead-log mode is read through its
		// -shm index, which a folder that cannot be written cannot
		// hold: read the file as it is, which nothing can change.
		if db2, err2 := openRO(ctx, path, true); err2 == nil {
			db, err = db2, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, wrap(err))
	}
	pending, err := db.Pending(ctx)
	if err != nil {
		db.DB.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, wrap(err))
	}
	if len(pending) == 0 {
		return db, nil
	}
	// Made by an older version: migrate it once, then read it.
	db.DB.Close()
	w, err := Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("%w (its schema is older than this version's and must be migrated)", err)
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return OpenReadOnly(ctx, path)
}

// openRO opens path read-only; immutable tells SQLite that no one changes
// the file while it is open (no locks, no write-ahead-log index).
func openRO(ctx context.Context, path string, immutable bool) (*DB, error) {
	uri := path
	if !strings.HasPrefix(uri, "file:") {
		uri = "file:" + escapePath(path)
	}
	sep := "?"
	if strings.Contains(uri, "?") {
		sep = "&"
	}
	uri += sep + "mode=ro&" + roPragmas
	reservePageCache()
	if immutable {
		uri += "&immutable=1"
	}
	sdb, err := sql.Open("sqlite", uri)
	if err != nil {
		return nil, err
	}
	sdb.SetMaxIdleConns(4)
	// Reading the schema finds a file that is not a database.
	var n int
	if err := sdb.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
		sdb.Close()
		return nil, err
	}
	return &DB{DB: sqlstore.New(sdb, sqlstore.SQLite), Path: path, ReadOnly: true}, nil
}

// escapePath writes a file name as the path of a "file:" URI.
func escapePath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(filepath.ToSlash(p))
}

// writable tells whether the folder of path can be written to (the
// write-ahead log and its index are made beside the database).
func writable(path string) bool {
	f, err := os.CreateTemp(filepath.Dir(path), ".factions-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// checkCache is the page cache, in KiB, of the connection that checks the
// database: the check reads every page once, and a cache that it filled
// would be freed a page at a time when the connection closes (a tenth of
// a second for a store of 20 MB).
const checkCache = 512

// quickCheck runs PRAGMA quick_check and returns ErrCorrupt with what it
// found when the database is damaged. It runs on a connection of its own
// whose page cache is small while it runs.
func quickCheck(ctx context.Context, sdb *sql.DB) error {
	conn, err := sdb.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = -%d`, checkCache)); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = -%d`, cacheKiB))
	rows, err := conn.QueryContext(ctx, `PRAGMA quick_check(5)`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		if s != "ok" {
			found = append(found, s)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(found) > 0 {
		return fmt.Errorf("%w (%s); nothing was written to it: restore it from a backup", ErrCorrupt, strings.Join(found, "; "))
	}
	return nil
}

// ErrCorrupt is the error of a database SQLite finds damaged, or of a file
// that is not a SQLite database.
var ErrCorrupt = errors.New("the database is corrupt")

// wrap returns err as ErrCorrupt when SQLite says the file is damaged or
// not a database, and as it is otherwise.
func wrap(err error) error {
	var se *msqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w: %v; restore it from a backup", ErrCorrupt, err)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("the database file or its folder cannot be written (%v)", err)
	}
	return err
}

// Explain returns err, when it is SQLite's saying that a database is
// damaged (or cannot be written), as an error that says so plainly
// (ErrCorrupt), and as it is otherwise.
func Explain(err error) error {
	if err == nil || errors.Is(err, ErrCorrupt) {
		return err
	}
	return wrap(err)
}

// Resolve settles every entity from all articles at once, as
// sqlstore.DB.Resolve does. Meanwhile, on a connection of its own, it
// copies the pages the write-ahead log holds into the database file (a
// passive checkpoint, which neither waits for nor stops the resolution):
// what the batches stored before it left there, which copying and
// syncing at Close took a sixth of the time of an ingest, while one CPU
// stays idle as resolution reads and computes. What resolution wrote is
// copied once it is done, beside what the caller does next (Close: the
// planner's statistics), rather than by the close of the last connection
// after them (some 40 ms of the corpus ingest); Close waits for the
// copies.
func (db *DB) Resolve(ctx context.Context) (*factions.ResolveStats, error) {
	db.copyLog(ctx)
	defer db.copyLog(ctx)
	return db.DB.Resolve(ctx)
}

// ResolveArticles places the occurrences of the articles ids as
// sqlstore.DB.ResolveArticles does, copying the write-ahead log into the
// database file meanwhile and once it is done, as Resolve does: after an
// ingest into a store that holds articles already, the log holds the
// batches just stored, which the close of the last connection would
// otherwise copy and sync (a sixth of the time of ingesting 100 articles
// into a store of 1,000).
func (db *DB) ResolveArticles(ctx context.Context, ids []int64) (*factions.ResolveStats, error) {
	db.copyLog(ctx)
	defer db.copyLog(ctx)
	return db.DB.ResolveArticles(ctx, ids)
}

// SaveArticles stores batch as sqlstore.DB.SaveArticles does, then has
// what it wrote to the write-ahead log copied into the database file on a
// connection of its own (copyLog). Otherwise the commit that takes the
// log past its checkpoint size (wal_autocheckpoint) copies all of it
// itself while the writer waits: into a store ten times the corpus, the
// corpus's batches change pages all over its indexes, and the commit of
// the tenth batch took 84–103 ms instead of 5–9.
func (db *DB) SaveArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	defer db.copyLog(ctx)
	return db.DB.SaveArticles(ctx, batch)
}

// SaveLastArticles is SaveArticles for the last batch of an ingest
// (factions.LastSaver).
func (db *DB) SaveLastArticles(ctx context.Context, batch []factions.SaveItem) ([]factions.SaveResult, error) {
	defer db.copyLog(ctx)
	return db.DB.SaveLastArticles(ctx, batch)
}

// copyLog has the write-ahead log copied into the database file on a
// goroutine of its own (unless the database is read-only or in memory):
// a copy starts at once, or, when one runs, one more follows it, so that
// what was committed before the call is copied without a copy for every
// call. Close waits for the copies.
func (db *DB) copyLog(ctx context.Context) {
	if db.ReadOnly || db.Path == ":memory:" {
		return
	}
	db.copyMu.Lock()
	defer db.copyMu.Unlock()
	if db.copying {
		db.copyAgain = true
		return
	}
	db.copying = true
	ctx = context.WithoutCancel(ctx)
	db.copies.Go(func() {
		if db.Check(ctx) != nil {
			db.copyMu.Lock()
			db.copying, db.copyAgain = false, false
			db.copyMu.Unlock()
			return // nothing is written to a store that fails it
		}
		for {
			db.checkpoint(ctx)
			db.copyMu.Lock()
			again := db.copyAgain
			db.copying, db.copyAgain = again, false
			db.copyMu.Unlock()
			if !again {
				return
			}
		}
	})
}

// checkpoint copies the write-ahead log into the database file on a
// connection of its own (a passive checkpoint); one that fails leaves the
// log to the next checkpoint.
func (db *DB) checkpoint(ctx context.Context) {
	if conn, err := db.SQL().Conn(ctx); err == nil {
		conn.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
		conn.Close()
	}
}

// Close brings the planner's statistics up to date where the tables have
// grown much since they were taken (Optimize) while the copy of the log
// Resolve started ends, waits for it and closes the database; a database
// opened for reading is only closed.
func (db *DB) Close() error {
	if db.ReadOnly {
		db.copies.Wait()
		return db.DB.Close()
	}
	// The stamp of a clean close goes while the database is open, and
	// comes back only once it is closed whole (markClean).
	unmarkClean(db.Path)
	if db.Check(context.Background()) != nil {
		db.copies.Wait()
		return db.DB.Close()
	}
	err := db.Optimize(context.Background())
	db.copies.Wait()
	if err = errors.Join(err, db.DB.Close()); err == nil {
		markClean(db.Path)
	}
	return err
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
