// Package postgres is a factions.Store in PostgreSQL, for a knowledge base
// shared by several users or machines. It uses pgx's database/sql driver
// (github.com/jackc/pgx/v5/stdlib) and the queries and entity resolution of
// internal/sqlstore, shared with the sqlite package; both pass the contract
// suite of the storetest package.
//
// The tables are created in the first schema of the connection's
// search_path, so a DSN such as
// "postgres://user@host/db?sslmode=disable&search_path=kb" keeps one
// knowledge base per schema.
package postgres
