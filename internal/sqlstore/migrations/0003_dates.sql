-- An article with no publication date has an unknown date, not the day it
-- was ingested; it may be known to fall in a period (a corpus of 2004 and
-- 2005), which date_from and date_until bound.

ALTER TABLE articles ADD COLUMN date_from BIGINT;
ALTER TABLE articles ADD COLUMN date_until BIGINT;

-- date, which claims and statements sort by, is published, else
-- date_from, else the least value: before every dated article.
UPDATE articles SET date = -9223372036854775808 WHERE published IS NULL;
