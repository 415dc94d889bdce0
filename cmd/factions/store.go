package main

import (
	"context"
	"flag"
	"strings"

	"github.com/factions/factions"
	"github.com/factions/factions/gazetteer"
	"github.com/factions/factions/postgres"
	"github.com/factions/factions/sqlite"
)

// dbFlag adds the --db flag to fs.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "database: a SQLite file, or a postgres:// URL (default $FACTIONS_DB or the user's data directory)")
}

// openStore opens the store the --db flag or $FACTIONS_DB names, resolving
// names with the gazetteer of the word lists.
func (m *Main) openStore(ctx context.Context, db string) (factions.Store, error) {
	g, err := gazetteer.New()
	if err != nil {
		return nil, err
	}
	if db == "" {
		db = m.Getenv("FACTIONS_DB")
	}
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		s, err := postgres.Open(ctx, db)
		if err != nil {
			return nil, err
		}
		s.Gazetteer = g
		return s, nil
	}
	if db == "" {
		db = sqlite.DefaultPath()
	}
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		return nil, err
	}
	s.Gazetteer = g
	return s, nil
}
