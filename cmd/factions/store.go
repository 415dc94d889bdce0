package main

import (
	"context"
	"flag"
	"strings"

	"github.com/factions/factions"
	"github.com/factions/factions/postgres"
	"github.com/factions/factions/sqlite"
)

// dbFlag adds the --db flag to fs.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "database: a SQLite file, or a postgres:// URL (default $FACTIONS_DB or the user's data directory)")
}

// openStore opens the store the --db flag or $FACTIONS_DB names.
func (m *Main) openStore(ctx context.Context, db string) (factions.Store, error) {
	if db == "" {
		db = m.Getenv("FACTIONS_DB")
	}
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return postgres.Open(ctx, db)
	}
	if db == "" {
		db = sqlite.DefaultPath()
	}
	return sqlite.Open(ctx, db)
}
