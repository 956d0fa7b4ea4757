-- Story updates that read only their new articles (issue 16). A full
-- grouping run keeps here what an update needs of the rest of the archive;
-- each update adds its new articles to it. Older articles keep the keys
-- they were given when grouped (see ARCHITECTURE.md, `src/stories`).

-- Each grouped article's blocking keys: a 64-bit hash of what the key
-- names (a rare word, a main place, a person, a very rare word) and the
-- four-day date bucket it is filed in (-1: any date; -2: a rare word of an
-- article with no date). MinHash bands are looked up in `lsh_bands`.
-- Rows of deleted articles are left (a key only finds candidates, which
-- are then read and scored; one that has no story is passed over).
CREATE TABLE story_keys (
    key        INTEGER NOT NULL,
    bucket     INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (key, bucket, article_id)
) WITHOUT ROWID;

-- Archive-wide counts the grouping weighs evidence by: kind 0 the number
-- of articles counted (name ''), 1 how many articles hold each word
-- (document frequency), 2 how many name each person (alias key), 3 how
-- many have each main place (place id). No row of kind 0: nothing kept
-- yet, and the next update is a full run.
CREATE TABLE story_counts (
    kind     INTEGER NOT NULL CHECK (kind IN (0, 1, 2, 3)),
    name     TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (kind, name)
) WITHOUT ROWID;

-- Each outlet's page furniture words, learned by the last full run.
CREATE TABLE story_furniture (
    source TEXT NOT NULL,
    word   TEXT NOT NULL,
    PRIMARY KEY (source, word)
) WITHOUT ROWID;
