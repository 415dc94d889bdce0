-- A mention is found through the occurrence it was read under, which names
-- its entity and its article (resolution and curation keep a mention's
-- entity_id that of its occurrence): one index a mention row, on
-- occurrence_id, instead of two, so that ingest writes and resolution
-- moves a third fewer index entries for the most numerous rows.
DROP INDEX mentions_entity;
