package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"
	"time"

	"github.com/factions/factions"
)

// DB is a factions.Store over a database/sql connection pool.
type DB struct {
	// Now returns the current time; tests replace it. It dates ingestion
	// (Article.Ingested) and audit entries.
	Now func() time.Time
	// Gazetteer, when set, tells Resolve the parties and places names
	// stand for (nil: names alone).
	Gazetteer factions.Gazetteer

	db      *sql.DB
	d       *Dialect
	prepare bool // keep statements prepared (Dialect.Prepare)

	mu    sync.Mutex
	stmts map[string]*sql.Stmt

	// ready, when set, is waited for before every write transaction; its
	// error fails the write (SetWriteGate).
	ready func(ctx context.Context) error

	// batch holds the statements of each transaction that keeps its own
	// (keepStmts), bound to it once rather than once a call.
	batch map[*sql.Tx]map[string]*sql.Stmt

	// fresh holds what the batches saved into a new store wrote, for
	// Resolve to read instead of the tables
	fresh freshLog
}

// keepStmts makes the statements run in tx be bound to it once, for as
// long as it lasts: a batch of articles runs the same few statements
// thousands of times. The function returned forgets them; call it when tx
// ends.
func (db *DB) keepStmts(tx *sql.Tx) (forget func()) {
	db.mu.Lock()
	if db.batch == nil {
		db.batch = map[*sql.Tx]map[string]*sql.Stmt{}
	}
	db.batch[tx] = map[string]*sql.Stmt{}
	db.mu.Unlock()
	return func() {
		db.mu.Lock()
		delete(db.batch, tx)
		db.mu.Unlock()
	}
}

// SetWriteGate makes every write transaction wait for ready first and fail
// with its error: a check of the database that runs while the caller does
// other work (SQLite's integrity check on open) then keeps anything from
// being written to a database that fails it.
func (db *DB) SetWriteGate(ready func(ctx context.Context) error) { db.ready = ready }

// beginWrite begins a transaction that writes, once the write gate opens.
// What it writes is not logged (freshLog): the log is dropped.
func (db *DB) beginWrite(ctx context.Context) (*sql.Tx, error) {
	db.fresh.drop()
	return db.begin(ctx)
}

// begin begins a transaction that writes, once the write gate opens, and
// keeps the freshLog: for a migration, which adds no row to a new store.
func (db *DB) begin(ctx context.Context) (*sql.Tx, error) {
	if db.ready != nil {
		if err := db.ready(ctx); err != nil {
			return nil, err
		}
	}
	return db.db.BeginTx(ctx, nil)
}

// beginUnchecked begins a transaction that writes, as beginWrite does,
// on a connection whose checks of foreign keys are off while it lasts,
// where the dialect can switch them (Dialect.ForeignKeys): SQLite looks
// each reference up in its parent table, a tenth to a sixth of the time
// of a batch's inserts. It is for writes whose every reference names a
// row the transaction itself made or read (a batch saved whole). The
// function returned ends the transaction (rolling it back unless it was
// committed) and switches the checks on again; call it when done.
func (db *DB) beginUnchecked(ctx context.Context) (*sql.Tx, func(), error) {
	if db.d.ForeignKeys == nil {
		tx, err := db.beginWrite(ctx)
		if err != nil {
			return nil, nil, err
		}
		return tx, func() { tx.Rollback() }, nil
	}
	if db.ready != nil {
		if err := db.ready(ctx); err != nil {
			return nil, nil, err
		}
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	if _, err := conn.ExecContext(ctx, db.d.ForeignKeys(false)); err != nil {
		conn.Close()
		return nil, nil, err
	}
	restore := func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), db.d.ForeignKeys(true)); err != nil {
			// not back in the pool unchecked
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		restore()
		return nil, nil, err
	}
	return tx, func() { tx.Rollback(); restore() }, nil
}

// maxStmts bounds the statements a DB keeps prepared.
const maxStmts = 512

// New returns a DB over db, whose SQL is written in dialect d. Call Migrate
// before using it. A pool limited to one connection (set before New) runs
// its queries unprepared: preparing a statement outside the transaction that
// holds the connection would wait for it forever.
func New(db *sql.DB, d *Dialect) *DB {
	return &DB{Now: time.Now, db: db, d: d, prepare: d.Prepare && db.Stats().MaxOpenConnections != 1,
		stmts: map[string]*sql.Stmt{}}
}

// SQL returns the underlying connection pool.
func (db *DB) SQL() *sql.DB { return db.db }

// Dialect returns the dialect the DB's SQL is written in.
func (db *DB) Dialect() *Dialect { return db.d }

// Close closes the prepared statements and the connection pool, and
// returns the pool's error.
func (db *DB) Close() error {
	db.fresh.side.Wait()
	db.mu.Lock()
	for q, s := range db.stmts {
		s.Close()
		delete(db.stmts, q)
	}
	db.mu.Unlock()
	return db.db.Close()
}

// Migrate applies the dialect's migrations that have not been applied yet,
// in the order of their names, each in its own transaction, and records each
// in the migrations table. It returns the error of the first migration
// that fails, whose changes are rolled back.
func (db *DB) Migrate(ctx context.Context) error {
	if pending, err := db.Pending(ctx); err == nil && len(pending) == 0 {
		return nil // up to date: no lock taken, nothing written
	}
	if _, err := db.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	names, err := fs.Glob(db.d.Migrations, path.Join(db.d.MigrationsDir, "*.sql"))
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.migrate(ctx, name); err != nil {
			return fmt.Errorf("migration %s: %w", path.Base(name), err)
		}
	}
	return nil
}

// Pending returns the names of the migrations not applied yet, in order,
// reading the migrations table without writing (all of them when it does
// not exist). It returns the database's error.
func (db *DB) Pending(ctx context.Context) ([]string, error) {
	names, err := fs.Glob(db.d.Migrations, path.Join(db.d.MigrationsDir, "*.sql"))
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	var n int
	q := `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'migrations'`
	if db.d == Postgres {
		q = `SELECT count(*) FROM information_schema.tables WHERE table_name = 'migrations' AND table_schema = current_schema()`
	}
	if err := db.db.QueryRowContext(ctx, q).Scan(&n); err != nil {
		return nil, err
	}
	applied := map[string]bool{}
	if n > 0 {
		rows, err := db.db.QueryContext(ctx, `SELECT name FROM migrations`)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				return nil, err
			}
			applied[name] = true
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	var pending []string
	for _, name := range names {
		if base := path.Base(name); !applied[base] {
			pending = append(pending, base)
		}
	}
	return pending, nil
}

func (db *DB) migrate(ctx context.Context, name string) error {
	base := path.Base(name)
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, db.d.Rebind(`SELECT COUNT(*) FROM migrations WHERE name = ?`), base).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	schema, err := db.d.Migration(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, schema); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, db.d.Rebind(`INSERT INTO migrations (name, applied) VALUES (?, ?)`), base, micros(db.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// runner is what *sql.DB and *sql.Tx have in common.
type runner interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// stmt returns query prepared for tx, through the DB's statement cache when
// the dialect asks for one; nil when the query is to be run directly.
func (db *DB) stmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	if !db.prepare || tx == nil {
		return nil, nil
	}
	db.mu.Lock()
	s, ok := db.stmts[query]
	kept := db.batch[tx]
	var bound *sql.Stmt
	if kept != nil {
		bound = kept[query]
	}
	db.mu.Unlock()
	if bound != nil {
		return bound, nil
	}
	if !ok {
		var err error
		if s, err = db.db.PrepareContext(ctx, db.d.Rebind(query)); err != nil {
			return nil, err
		}
		db.mu.Lock()
		if old, ok := db.stmts[query]; ok {
			s.Close()
			s = old
		} else if len(db.stmts) < maxStmts {
			db.stmts[query] = s
		} else {
			// The cache is full: run the query directly.
			db.mu.Unlock()
			s.Close()
			return nil, nil
		}
		db.mu.Unlock()
	}
	bound = tx.StmtContext(ctx, s)
	if kept != nil {
		db.mu.Lock()
		kept[query] = bound
		db.mu.Unlock()
	}
	return bound, nil
}

// exec runs a statement that returns no rows.
func (db *DB) exec(ctx context.Context, r runner, query string, args ...any) (sql.Result, error) {
	if tx, ok := r.(*sql.Tx); ok {
		s, err := db.stmt(ctx, tx, query)
		if err != nil {
			return nil, err
		} else if s != nil {
			return s.ExecContext(ctx, args...)
		}
	}
	return r.ExecContext(ctx, db.d.Rebind(query), args...)
}

// query runs a statement that returns rows.
func (db *DB) query(ctx context.Context, r runner, query string, args ...any) (*sql.Rows, error) {
	if tx, ok := r.(*sql.Tx); ok {
		s, err := db.stmt(ctx, tx, query)
		if err != nil {
			return nil, err
		} else if s != nil {
			return s.QueryContext(ctx, args...)
		}
	}
	return r.QueryContext(ctx, db.d.Rebind(query), args...)
}

// queryRow runs a statement that returns at most one row.
func (db *DB) queryRow(ctx context.Context, r runner, query string, args ...any) *sql.Row {
	if tx, ok := r.(*sql.Tx); ok {
		if s, err := db.stmt(ctx, tx, query); err == nil && s != nil {
			return s.QueryRowContext(ctx, args...)
		}
	}
	return r.QueryRowContext(ctx, db.d.Rebind(query), args...)
}

// micros returns t as unix microseconds, the way times are stored.
func micros(t time.Time) int64 { return t.UnixMicro() }

// fromMicros returns the time stored as v.
func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

// placeholders returns n placeholders separated by commas: "?, ?, ?".
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	b := make([]byte, 0, 3*n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, '?')
	}
	return string(b)
}

// int64s returns ids as arguments.
func int64s(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// chunk is how many values go in one IN list or multi-row insert.
const chunk = 500

var (
	_ factions.Store    = (*DB)(nil)
	_ factions.Resolver = (*DB)(nil)
)

// Analyze updates the statistics the query planner chooses indexes by
// (ANALYZE). PostgreSQL's autovacuum does so in its own time, and a SQLite
// store does when it is closed (Optimize); call Analyze after loading many
// articles into a new knowledge base, whose first statistics say its tables
// are empty. It returns the database's error.
func (db *DB) Analyze(ctx context.Context) error {
	if err := db.analyze(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return db.dropSamples(ctx)
}

// Optimize brings the planner's statistics of a SQLite database up to date
// where they are missing or its tables have grown much since (PRAGMA
// optimize, over every table, with SQLite's bounded sampling), as SQLite
// advises doing before closing a connection. It does nothing on PostgreSQL.
func (db *DB) Optimize(ctx context.Context) error {
	if db.d != SQLite {
		return nil
	}
	if err := db.analyze(ctx, `PRAGMA optimize=0x10002`); err != nil {
		return fmt.Errorf("optimize: %w", err)
	}
	return db.dropSamples(ctx)
}

// fullAnalysisLimit is a SQLite analysis_limit above the rows of any
// table: an analysis under it visits every row, as one without a limit
// does, and writes the same sqlite_stat1, but SQLite collects STAT4
// samples only without a limit, and those dropSamples deletes (collecting
// them was a third of the time of analysing a new store).
const fullAnalysisLimit = 1<<31 - 1

// analyze runs the statement that analyses the database (ANALYZE or
// PRAGMA optimize); on SQLite under fullAnalysisLimit, on a connection
// of its own whose limit is put back after.
func (db *DB) analyze(ctx context.Context, query string) error {
	if db.d != SQLite {
		_, err := db.db.ExecContext(ctx, query)
		return err
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA analysis_limit = %d`, fullAnalysisLimit)); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, query)
	if _, rerr := conn.ExecContext(ctx, `PRAGMA analysis_limit = 0`); err == nil {
		err = rerr
	}
	return err
}

// dropSamples deletes SQLite's STAT4 samples after an analysis. SQLite
// built with STAT4 (as modernc.org/sqlite is) keeps samples of index
// values, and a statement whose plan consulted them for a bound value is
// prepared again each time it runs with another value: every resolution
// query of every ingested article, a fifth of ingest time. The per-index
// averages of sqlite_stat1 choose the same indexes for our queries, so the
// samples are dropped.
func (db *DB) dropSamples(ctx context.Context) error {
	if db.d != SQLite {
		return nil
	}
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat4'`).Scan(&n); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	if n == 0 {
		return nil
	}
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_stat4`).Scan(&n); err != nil || n == 0 {
		return err
	}
	// ANALYZE sqlite_schema reloads the statistics on the connection it
	// runs on; a change of schema makes the others load them again.
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	defer conn.Close()
	for _, q := range []string{`DELETE FROM sqlite_stat4`, `ANALYZE sqlite_schema`, `CREATE TABLE stats_reload (x)`, `DROP TABLE stats_reload`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("analyze: %w", err)
		}
	}
	return nil
}
