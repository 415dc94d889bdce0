// Package server is the web UI and the JSON API of factions over one
// factions.Store: entity search with suggestions, cards as of a date,
// claims, statements, timelines, lineage and relationship graphs, articles
// with their highlights, contested claims, the Popolo export, and curation
// (merge, split, rename, reject, undo) behind a bearer token.
//
// Pages are rendered on the server with html/template from embedded
// templates and work without JavaScript; one small embedded script adds
// search suggestions. Graphs and the timeline are laid out in Go
// (layout.go: a layered layout for lineage trees, a radial one for the
// graph around an entity) and drawn as SVG by the templates. Every response
// carries a strict Content-Security-Policy:
// scripts and styles come only from /static/, with no inline code.
//
// The API is described by the OpenAPI document served at
// /api/openapi.json; errors are JSON {"error": {"code", "message"}} with the
// status that status() maps each error to, the one place that does.
package server
