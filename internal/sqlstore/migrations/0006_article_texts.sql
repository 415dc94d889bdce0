-- An article's text in a table of its own, beside the row that resolution
-- reads and updates (country, resolved): a row that holds the text spans
-- pages of it, all of which SQLite writes again when the row changes size
-- (its country set), some 1,200 pages of the log for a resolution of a
-- thousand articles, and reads past them for a column after it.

CREATE TABLE article_texts (
	article_id {{identity}} REFERENCES articles (id),
	body       TEXT NOT NULL
);
INSERT INTO article_texts (article_id, body) SELECT id, body FROM articles ORDER BY id;
ALTER TABLE articles DROP COLUMN body;
