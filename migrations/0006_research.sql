-- Parallax archive, schema 6: the researcher's own work on the archive
-- (issue 14) — notes and highlights, tags, collections, saved searches —
-- and import warnings beside import errors.
--
-- What a researcher writes never hangs on a row that re-extraction or
-- regrouping replaces. A note on a passage keeps the W3C Web Annotation
-- TextQuoteSelector (quote, prefix, suffix) beside the TextPositionSelector
-- (field, start_char, end_char): when the text changes the passage is found
-- again by quote and context, or the note is marked orphaned, never moved to
-- other words. Anything on a story keeps the story's id when last seen and
-- its member articles then (`story_articles`, a JSON array of article ids),
-- because a rebuild replaces story ids: the store re-attaches it to the story
-- that now holds most of those articles (store/story_anchors.rs) or marks it
-- orphaned. A note on a comparison finding is keyed by the finding's key (see
-- src/compare/keys.rs), as verdicts are.

CREATE TABLE notes (
    id             INTEGER PRIMARY KEY,
    target         TEXT NOT NULL CHECK (target IN ('passage', 'article', 'story', 'finding')),
    article_id     INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    field          TEXT CHECK (field IN ('text', 'title')),
    start_char     INTEGER,
    end_char       INTEGER,
    quote          TEXT,
    prefix         TEXT,
    suffix         TEXT,
    story_id       INTEGER,
    story_articles TEXT,
    finding_key    TEXT,
    -- 1 when the passage or story could not be found again.
    orphaned       INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
    -- Markdown; empty for a bare highlight.
    body           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK ((target IN ('passage', 'article')) = (article_id IS NOT NULL)),
    CHECK ((target = 'passage') = (field IS NOT NULL AND start_char IS NOT NULL
                                   AND end_char IS NOT NULL AND quote IS NOT NULL
                                   AND prefix IS NOT NULL AND suffix IS NOT NULL)),
    CHECK ((target = 'story') = (story_articles IS NOT NULL)),
    CHECK ((target = 'finding') = (finding_key IS NOT NULL)),
    CHECK (start_char IS NULL OR (0 <= start_char AND start_char < end_char))
) STRICT;
CREATE INDEX notes_by_article ON notes(article_id) WHERE article_id IS NOT NULL;
CREATE INDEX notes_by_story ON notes(story_id) WHERE story_id IS NOT NULL;
CREATE INDEX notes_by_finding ON notes(finding_key) WHERE finding_key IS NOT NULL;

CREATE TABLE tags (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX tags_by_name ON tags(name COLLATE NOCASE);

CREATE TABLE article_tags (
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, article_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_tags_by_article ON article_tags(article_id);

CREATE TABLE story_tags (
    id             INTEGER PRIMARY KEY,
    tag_id         INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    story_id       INTEGER NOT NULL,
    story_articles TEXT NOT NULL,
    orphaned       INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1))
) STRICT;
CREATE INDEX story_tags_by_tag ON story_tags(tag_id);
CREATE INDEX story_tags_by_story ON story_tags(story_id);

CREATE TABLE collections (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX collections_by_name ON collections(name COLLATE NOCASE);

-- A collection's articles and stories in the researcher's order.
CREATE TABLE collection_items (
    id             INTEGER PRIMARY KEY,
    collection_id  INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    article_id     INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    story_id       INTEGER,
    story_articles TEXT,
    orphaned       INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
    added_at       TEXT NOT NULL,
    CHECK ((article_id IS NULL) <> (story_articles IS NULL)),
    CHECK ((story_id IS NULL) = (story_articles IS NULL))
) STRICT;
CREATE INDEX collection_items_by_collection ON collection_items(collection_id, position);
CREATE UNIQUE INDEX collection_items_one_article
    ON collection_items(collection_id, article_id) WHERE article_id IS NOT NULL;
CREATE INDEX collection_items_by_article ON collection_items(article_id) WHERE article_id IS NOT NULL;

-- A search with its filters (JSON, the shape of views::FilterSpec), re-run by name.
CREATE TABLE saved_searches (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    query      TEXT NOT NULL,
    filters    TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX saved_searches_by_name ON saved_searches(name COLLATE NOCASE);

-- Import warnings (what a limit cut, headline-only records) were only in the
-- import's report; they are kept beside the batch's errors from now on.
ALTER TABLE import_errors ADD COLUMN severity TEXT NOT NULL DEFAULT 'error'
    CHECK (severity IN ('error', 'warning'));
