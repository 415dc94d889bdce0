-- Scoped resolution (DB.ResolveArticles) places the names of the articles
-- saved since the last resolution against a sample of the entities they
-- may be, reading what the last resolution of all articles found.

-- the article's country as the last full resolution (or, for an article
-- saved since, the scoped one) found it; NULL: not resolved since
ALTER TABLE articles ADD COLUMN country TEXT;
-- whether a resolution has placed the article's names: the articles saved
-- since, the only ones left FALSE, are found by the partial index
ALTER TABLE articles ADD COLUMN resolved BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE articles SET resolved = TRUE;
CREATE INDEX articles_unresolved ON articles (id) WHERE NOT resolved;

-- an entity's latest occurrences without reading the others (a sample)
DROP INDEX occurrences_entity;
CREATE INDEX occurrences_entity ON occurrences (entity_id, id);

-- what the last full resolution found: each paper's home country, the
-- articles of each country, how many occurrences there were and the
-- greatest occurrence ID (resolve.Result, DB.ResolveState)
CREATE TABLE resolve_meta (
	id    {{identity}},
	key   TEXT NOT NULL UNIQUE,
	value TEXT NOT NULL
);
