// Package resolve decides which names of which articles are one entity: it
// takes every occurrence of an entity in an article (the names the article
// gives it, its type, what the article ties it to) and groups them across
// articles into entities, with the evidence for each merge and for each
// refusal. It reads no database: a store loads the occurrences, calls
// Resolve and writes back what changed.
//
// The grouping is a function of the set of occurrences, not of the order
// they were stored in: every choice is made on counts and names, ties are
// broken by content (names, dates, article hashes), never by IDs or arrival.
// Only the entity IDs kept for each group depend on the store's history.
//
// In order:
//
//  1. Each article gets a country, from the places and parties it names that
//     the gazetteer places in one country.
//  2. Places are one when the gazetteer reads them as one place (KP and
//     Khyber Pakhtunkhwa), a name of places in several countries (Punjab)
//     read by the article's country; otherwise by name.
//  3. Organizations are one when the gazetteer reads them as one party
//     (Tories and Conservative Party, Congress (I) and INC), ambiguous forms
//     ("Congress", "Labour") only in an article of the party's country;
//     otherwise by name or variant spelling, an acronym joining the full
//     name an article gives it with; kept apart when they are based in
//     different countries. An internal body ("the standing committee") is
//     one only within the organization it is part of.
//  4. People of one full name (or a variant spelling of it) are one unless
//     they are tied to organizations or places of different countries in
//     two articles at least. A short form (a surname, a first name, a name
//     without its middle or last part) joins the full name when one bearer
//     of it fits its context: the same country, no party in conflict, dates
//     that overlap; or when one bearer is named three times as often as all
//     others that fit.
//  5. A curator's merge or split pins occurrences to an entity; pins win.
//
// A store may also resolve a few new articles against a sample of the
// entities they may be (a scoped resolution): it then gives, from the last
// resolution of all articles, the countries of the old articles it loads
// (Article.Fixed), each paper's home country and the articles of each
// country (Input.Homes, Input.Prior), which a sample is too small to tell,
// and how many occurrences of each entity it left out (Input.Unsampled),
// which count when a short form's bearer is chosen by how often each is
// named. A full resolution returns them (Result.Countries, Result.Homes,
// Result.Prior) for the store to keep.
package resolve
