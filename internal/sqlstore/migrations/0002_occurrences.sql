-- Occurrences: each entity of each article's extraction, the unit name
-- resolution groups into entities (package resolve) from all articles at
-- once. Mentions, claims and statements name the occurrence they were read
-- under beside its entity; resolution moves them with it. The reason an
-- occurrence is in its entity replaces the resolutions table.

CREATE TABLE occurrences (
	id         {{identity}},
	article_id BIGINT NOT NULL REFERENCES articles (id),
	entity_id  BIGINT NOT NULL REFERENCES entities (id),
	type       TEXT NOT NULL,
	name       TEXT NOT NULL,             -- the fullest name the article gives it
	names      TEXT NOT NULL DEFAULT '',  -- every name the article gives it, one a line
	pin        BIGINT,                    -- the entity a curator put it in, which resolution keeps
	reason     TEXT NOT NULL DEFAULT ''   -- why it is in its entity
);
CREATE INDEX occurrences_entity ON occurrences (entity_id);
CREATE INDEX occurrences_article ON occurrences (article_id);

ALTER TABLE mentions ADD COLUMN occurrence_id BIGINT REFERENCES occurrences (id);
ALTER TABLE claims ADD COLUMN subject_occ BIGINT REFERENCES occurrences (id);
ALTER TABLE claims ADD COLUMN object_occ BIGINT REFERENCES occurrences (id);
ALTER TABLE claims ADD COLUMN attributed_occ BIGINT REFERENCES occurrences (id);
ALTER TABLE statements ADD COLUMN speaker_occ BIGINT REFERENCES occurrences (id);
CREATE INDEX mentions_occurrence ON mentions (occurrence_id);
CREATE INDEX claims_subject_occ ON claims (subject_occ);
CREATE INDEX claims_object_occ ON claims (object_occ);
CREATE INDEX claims_attributed_occ ON claims (attributed_occ) WHERE attributed_occ IS NOT NULL;
CREATE INDEX statements_speaker_occ ON statements (speaker_occ) WHERE speaker_occ IS NOT NULL;

-- a name a curator gave, which resolution keeps
ALTER TABLE entities ADD COLUMN named BOOLEAN NOT NULL DEFAULT FALSE;

-- A knowledge base made before: one occurrence for each entity of each
-- article.
INSERT INTO occurrences (article_id, entity_id, type, name, names)
SELECT x.article_id, x.entity_id, e.type, e.name, e.name FROM (
	SELECT article_id, entity_id FROM mentions
	UNION SELECT article_id, subject_id FROM claims
	UNION SELECT article_id, object_id FROM claims
	UNION SELECT article_id, attributed_id FROM claims WHERE attributed_id IS NOT NULL
	UNION SELECT article_id, speaker_id FROM statements WHERE speaker_id IS NOT NULL
) x JOIN entities e ON e.id = x.entity_id ORDER BY x.article_id, x.entity_id;
UPDATE mentions SET occurrence_id = (SELECT o.id FROM occurrences o WHERE o.article_id = mentions.article_id AND o.entity_id = mentions.entity_id);
UPDATE claims SET subject_occ = (SELECT o.id FROM occurrences o WHERE o.article_id = claims.article_id AND o.entity_id = claims.subject_id),
	object_occ = (SELECT o.id FROM occurrences o WHERE o.article_id = claims.article_id AND o.entity_id = claims.object_id),
	attributed_occ = (SELECT o.id FROM occurrences o WHERE o.article_id = claims.article_id AND o.entity_id = claims.attributed_id);
UPDATE statements SET speaker_occ = (SELECT o.id FROM occurrences o WHERE o.article_id = statements.article_id AND o.entity_id = statements.speaker_id);
-- named by the longest name the article has for it, where it has one
UPDATE occurrences SET name = COALESCE((SELECT m.surface FROM mentions m WHERE m.occurrence_id = occurrences.id
	ORDER BY LENGTH(m.surface) DESC, m.id LIMIT 1), name);
-- and by its entity's name too (one name a line)
UPDATE occurrences SET names = name || (CASE WHEN name = (SELECT e.name FROM entities e WHERE e.id = occurrences.entity_id) THEN ''
	ELSE '
' || (SELECT e.name FROM entities e WHERE e.id = occurrences.entity_id) END);
-- what curators merged and split stays so, and the names they gave
UPDATE occurrences SET pin = entity_id WHERE entity_id IN (
	SELECT target FROM audit WHERE NOT undone AND action IN ('merge', 'split')
	UNION SELECT other FROM audit WHERE NOT undone AND action IN ('merge', 'split'));
UPDATE entities SET named = TRUE WHERE id IN (SELECT target FROM audit WHERE NOT undone AND action = 'rename');

DROP TABLE resolutions;
