// Package sqlstore implements factions.Store over database/sql, once for
// every SQL backend. The queries are portable SQL (SQLite 3.35 and later,
// PostgreSQL 12 and later); what differs between backends is described by a
// Dialect: how placeholders are written and which schema migrations create
// the tables. The sqlite and postgres packages open a connection, pick their
// Dialect and wrap the DB returned by New.
//
// Saving an article goes in three steps, one file each: plan.go checks the
// extraction against the article and maps its names to entities (no
// database), resolve.go gives each the stored entity of its name, if any,
// and write.go writes the rows, an occurrence for each entity of the
// article; save.go runs them in a transaction. Resolve (resolve.go) then
// settles the entities from all stored occurrences at once (package
// resolve) and moves what changed.
//
// Times are kept as unix microseconds (UTC) in BIGINT columns, so that both
// backends store and compare them alike.
package sqlstore
