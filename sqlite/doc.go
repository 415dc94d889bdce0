// Package sqlite is the default factions.Store: a single SQLite file, opened
// with the pure-Go modernc.org/sqlite driver (no cgo), in WAL mode with
// foreign keys on. The queries and the resolution of entities are those of
// internal/sqlstore, shared with the postgres package; both pass the contract
// suite of the storetest package.
package sqlite
