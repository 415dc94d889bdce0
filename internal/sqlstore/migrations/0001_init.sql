-- The knowledge base, for SQLite and PostgreSQL alike. Times are unix
-- microseconds (UTC) in BIGINT columns so that one set of queries serves both.
-- The id columns' type is written as a placeholder that the dialect fills in
-- (Dialect.Identity): INTEGER PRIMARY KEY on SQLite (the rowid), an identity
-- column on PostgreSQL.

CREATE TABLE articles (
	id        {{identity}},
	hash      TEXT NOT NULL UNIQUE,   -- hex SHA-256 of body
	title     TEXT NOT NULL DEFAULT '',
	source    TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	path      TEXT NOT NULL DEFAULT '',
	published BIGINT,                 -- NULL when unknown
	dateline  TEXT NOT NULL DEFAULT '',
	body      TEXT NOT NULL,
	ingested  BIGINT NOT NULL,
	date      BIGINT NOT NULL         -- published, else ingested: what claims date from
);
CREATE INDEX articles_date ON articles (date, id);

CREATE TABLE entities (
	id          {{identity}},
	name        TEXT NOT NULL,        -- canonical name
	type        TEXT NOT NULL,
	merged_into BIGINT REFERENCES entities (id), -- set by a curator's merge
	created     BIGINT NOT NULL
);

-- Every name an entity is known by, its canonical name included.
CREATE TABLE aliases (
	id        {{identity}},
	entity_id BIGINT NOT NULL REFERENCES entities (id),
	name      TEXT NOT NULL,
	norm      TEXT NOT NULL,          -- factions.NormalizeName(name)
	vkey      TEXT NOT NULL           -- factions.VariantKey(name), '' for acronyms
);
CREATE INDEX aliases_entity ON aliases (entity_id);
CREATE INDEX aliases_norm ON aliases (norm);
CREATE INDEX aliases_vkey ON aliases (vkey);

CREATE TABLE mentions (
	id         {{identity}},
	entity_id  BIGINT NOT NULL REFERENCES entities (id),
	article_id BIGINT NOT NULL REFERENCES articles (id),
	surface    TEXT NOT NULL,         -- the name as read
	start_pos  INTEGER NOT NULL,
	end_pos    INTEGER NOT NULL
);
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE claims (
	id              {{identity}},
	article_id      BIGINT NOT NULL REFERENCES articles (id),
	subject_id      BIGINT NOT NULL REFERENCES entities (id),
	subject_text    TEXT NOT NULL,    -- the names as read
	predicate       TEXT NOT NULL,
	object_id       BIGINT NOT NULL REFERENCES entities (id),
	object_text     TEXT NOT NULL,
	role            TEXT NOT NULL DEFAULT '',
	former          BOOLEAN NOT NULL DEFAULT FALSE,
	stance          TEXT NOT NULL,
	attributed_id   BIGINT REFERENCES entities (id), -- NULL: free text or own voice
	attributed_text TEXT NOT NULL DEFAULT '',
	ev_start        INTEGER NOT NULL,
	ev_end          INTEGER NOT NULL,
	sentence        TEXT NOT NULL DEFAULT '',
	rejected        BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX claims_subject ON claims (subject_id, predicate, object_id, rejected);
CREATE INDEX claims_object ON claims (object_id);
CREATE INDEX claims_article ON claims (article_id);
CREATE INDEX claims_attributed ON claims (attributed_id) WHERE attributed_id IS NOT NULL;

CREATE TABLE statements (
	id           {{identity}},
	article_id   BIGINT NOT NULL REFERENCES articles (id),
	speaker_id   BIGINT REFERENCES entities (id),
	speaker_text TEXT NOT NULL DEFAULT '',
	kind         TEXT NOT NULL,
	quote        TEXT NOT NULL,
	span_start   INTEGER NOT NULL,
	span_end     INTEGER NOT NULL,
	ev_start     INTEGER NOT NULL,
	ev_end       INTEGER NOT NULL
);
CREATE INDEX statements_speaker ON statements (speaker_id) WHERE speaker_id IS NOT NULL;
CREATE INDEX statements_article ON statements (article_id);

CREATE TABLE resolutions (
	id         {{identity}},
	entity_id  BIGINT NOT NULL REFERENCES entities (id),
	article_id BIGINT NOT NULL REFERENCES articles (id),
	name       TEXT NOT NULL,
	reason     TEXT NOT NULL
);
CREATE INDEX resolutions_entity ON resolutions (entity_id);

CREATE TABLE audit (
	id     {{identity}},
	action TEXT NOT NULL,
	target BIGINT NOT NULL,
	other  BIGINT NOT NULL DEFAULT 0,
	detail TEXT NOT NULL DEFAULT '',
	note   TEXT NOT NULL DEFAULT '',
	time   BIGINT NOT NULL,
	undone BOOLEAN NOT NULL DEFAULT FALSE
);
