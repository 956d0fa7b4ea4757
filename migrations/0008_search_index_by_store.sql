-- New articles enter the full-text index by the store, not by a trigger
-- (issue 16): an import indexes each group of articles in one statement
-- when it commits the group. The trigger indexed each article inside that
-- article's INSERT, whose statement journal makes FTS5 write out the terms
-- it holds as a segment of their own: one segment per article, merged
-- again and again (the import's largest cost after extraction). Deleting
-- and editing an article still keep the index by trigger.
DROP TRIGGER articles_fts_insert;
