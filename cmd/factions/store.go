package main

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
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

// storeMode is what a command does with the store.
type storeMode int

const (
	readStore   storeMode = iota // read it: it must exist; opened read-only
	writeStore                   // change it: it must exist
	createStore                  // store articles: made when it does not exist
)

// openStore opens the store the --db flag or $FACTIONS_DB names, which
// must exist: a SQLite file that does not is ENOTFOUND, not a new empty
// knowledge base (ingest makes one: createStore). It is opened for reading
// only: it neither waits for nor holds up a command that writes.
func (m *Main) openStore(ctx context.Context, db string) (factions.Store, error) {
	return m.open(ctx, db, readStore)
}

// openWritable opens the store as openStore does, for changing it.
func (m *Main) openWritable(ctx context.Context, db string) (factions.Store, error) {
	return m.open(ctx, db, writeStore)
}

// createStore opens the store for writing, making a SQLite file that does
// not exist yet.
func (m *Main) createStore(ctx context.Context, db string) (factions.Store, error) {
	return m.open(ctx, db, createStore)
}

// open opens the store, resolving names with the gazetteer of the word
// lists, which are read on a goroutine of their own meanwhile: opening a
// new SQLite store (its schema made) and reading the lists each keep a CPU
// busy for some milliseconds, and a command's work starts after both.
func (m *Main) open(ctx context.Context, db string, mode storeMode) (factions.Store, error) {
	type loaded struct {
		g   *gazetteer.Gazetteer
		err error
	}
	gz := make(chan loaded, 1)
	go func() {
		g, err := gazetteer.New()
		gz <- loaded{g, err}
	}()
	s, err := m.openDB(ctx, db, mode)
	l := <-gz
	if l.err != nil {
		if err == nil {
			s.Close()
		}
		return nil, l.err
	}
	if err != nil {
		return nil, err
	}
	switch s := s.(type) {
	case *postgres.DB:
		s.Gazetteer = l.g
	case *sqlite.DB:
		s.Gazetteer = l.g
	}
	return s, nil
}

// openDB opens the store db names as open says, without its gazetteer.
func (m *Main) openDB(ctx context.Context, db string, mode storeMode) (factions.Store, error) {
	if db == "" {
		db = m.Getenv("FACTIONS_DB")
	}
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		s, err := postgres.Open(ctx, db)
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	if db == "" {
		db = sqlite.DefaultPath()
	}
	if mode != createStore && db != ":memory:" && !strings.HasPrefix(db, "file:") {
		if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
			return nil, factions.Errorf(factions.ENOTFOUND, "no knowledge base at %s: ingest articles into it first, or name another with --db", db)
		}
	}
	open := sqlite.Open
	if mode == readStore {
		open = sqlite.OpenReadOnly
	}
	s, err := open(ctx, db)
	if err != nil {
		return nil, err
	}
	return s, nil
}
