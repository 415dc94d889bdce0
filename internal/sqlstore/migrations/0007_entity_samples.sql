-- What a scoped resolution (DB.ResolveArticles) reads of a stored entity,
-- kept in one row an entity so that it reads a row a candidate instead of
-- sampling its occurrences and reading their ties: how many resolved
-- occurrences it has, and its sample (the latest and earliest of them,
-- SampleSize by type), with their ties and the occurrences those tie them
-- to (samples.go). A full resolution of a store large enough for scoped
-- ones writes them all, a scoped one those of the entities it adds to;
-- they are read only while resolve_meta's key "samples" says they are whole
-- (a curator's change removes it). Only SQLite keeps them
-- (Dialect.KeepsSamples). No foreign key: a curator's undo may
-- delete an entity, whose row is then stale until the next full resolution.
CREATE TABLE entity_samples (
	id        {{identity}},
	entity_id BIGINT NOT NULL UNIQUE,
	stored    BIGINT NOT NULL,
	sample    BYTEA NOT NULL
);
