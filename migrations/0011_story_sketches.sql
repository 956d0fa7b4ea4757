-- Story updates that read no earlier article's text (issue 16). Each
-- grouped article's sketch: what story grouping reads of its text and
-- extraction (its content words with their counts, people, dates, places,
-- ages, streets, casualties, title), JSON deflated, made by the sketch
-- `version` of the build that wrote it (a row of another version is not
-- used; the article is read again). A story update reads its candidates'
-- sketches instead of their texts; a full run reads the sketches kept and
-- writes the missing ones. Re-extracting an article deletes its sketch;
-- deleting the article deletes it too.
CREATE TABLE story_sketches (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    sketch     BLOB NOT NULL
);
