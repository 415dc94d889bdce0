package sqlstore

import (
	"embed"
	"io/fs"
	"strconv"
	"strings"
)

//go:embed migrations
var migrations embed.FS

// Dialect is what differs between SQL backends.
type Dialect struct {
	// Name is the backend's name, used in error messages.
	Name string
	// Numbered tells that the queries' ? placeholders are to be written
	// $1, $2, ... (PostgreSQL).
	Numbered bool
	// Migrations holds the schema migrations: the *.sql files of the
	// directory MigrationsDir, applied in the order of their names.
	Migrations    fs.FS
	MigrationsDir string
	// Prepare tells that the writes of SaveArticle go through statements
	// prepared once per DB (drivers that cache statements themselves, as
	// pgx does, need not).
	Prepare bool
}

// SQLite is the dialect of SQLite (modernc.org/sqlite).
var SQLite = &Dialect{Name: "sqlite", Migrations: migrations, MigrationsDir: "migrations/sqlite", Prepare: true}

// Postgres is the dialect of PostgreSQL (github.com/jackc/pgx/v5/stdlib).
var Postgres = &Dialect{Name: "postgres", Numbered: true, Migrations: migrations, MigrationsDir: "migrations/postgres"}

// Rebind returns query with its ? placeholders written the way the dialect
// wants them. The queries of this package hold no ? inside string literals.
func (d *Dialect) Rebind(query string) string {
	if !d.Numbered || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 32)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}
