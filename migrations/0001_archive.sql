-- Parallax archive, schema 1: outlets, articles, import batches and their
-- errors, duplicate occurrences, near-duplicate links, full-text index.
-- Append-only: once landed this file never changes (Store::open checks its
-- checksum); later changes go in new numbered files.

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    -- Web domain without "www.", lower case; NULL for outlets known by name only.
    domain      TEXT,
    -- 1 once a person renamed the outlet: imports never overwrite the name then.
    user_edited INTEGER NOT NULL DEFAULT 0 CHECK (user_edited IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX sources_by_domain ON sources(domain) WHERE domain IS NOT NULL;
CREATE UNIQUE INDEX sources_by_name ON sources(name COLLATE NOCASE) WHERE domain IS NULL;

CREATE TABLE import_batches (
    id              INTEGER PRIMARY KEY,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    -- JSON array of the paths given to the import.
    inputs          TEXT NOT NULL,
    imported        INTEGER NOT NULL DEFAULT 0,
    duplicates      INTEGER NOT NULL DEFAULT 0,
    near_duplicates INTEGER NOT NULL DEFAULT 0,
    failed          INTEGER NOT NULL DEFAULT 0,
    skipped         INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'finished', 'cancelled', 'interrupted'))
) STRICT;

CREATE TABLE import_errors (
    id       INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    path     TEXT NOT NULL,
    line     INTEGER,
    record   TEXT,
    error    TEXT NOT NULL
) STRICT;
CREATE INDEX import_errors_by_batch ON import_errors(batch_id);

CREATE TABLE articles (
    id                  INTEGER PRIMARY KEY,
    -- The record's own id, else the file stem.
    external_id         TEXT NOT NULL,
    source_id           INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    title               TEXT,
    -- The stored text: every extracted span is a character range into it.
    text                TEXT NOT NULL,
    url                 TEXT,
    canonical_url       TEXT,
    -- YYYY-MM-DD (first day of the month/year for coarser precisions), or NULL: never invented.
    published           TEXT,
    published_precision TEXT CHECK (published_precision IN ('day', 'week', 'month', 'year')),
    published_timestamp TEXT,
    author              TEXT,
    language            TEXT,
    format              TEXT NOT NULL,
    partial             INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
    -- blake3 of the normalised text: exact duplicates share it.
    content_hash        BLOB NOT NULL UNIQUE,
    chars               INTEGER NOT NULL,
    origin_path         TEXT,
    origin_record       TEXT,
    batch_id            INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
    imported_at         TEXT NOT NULL,
    CHECK ((published IS NULL) = (published_precision IS NULL))
) STRICT;
CREATE INDEX articles_by_source ON articles(source_id);
CREATE INDEX articles_by_published ON articles(published);
CREATE INDEX articles_by_external_id ON articles(external_id);

-- Every input item that yielded an article: the first occurrence created it,
-- later ones are exact duplicates. Unique so that re-importing adds nothing.
CREATE TABLE occurrences (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    batch_id     INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
    path         TEXT NOT NULL,
    record       TEXT NOT NULL DEFAULT '',
    line         INTEGER,
    byte_offset  INTEGER,
    format       TEXT NOT NULL,
    is_duplicate INTEGER NOT NULL CHECK (is_duplicate IN (0, 1)),
    UNIQUE (article_id, path, record)
) STRICT;

-- MinHash signature of each article's shingles, and its LSH band keys.
CREATE TABLE article_signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature  BLOB NOT NULL
) STRICT;
CREATE TABLE lsh_bands (
    band       INTEGER NOT NULL,
    key        INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, key, article_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX lsh_bands_by_article ON lsh_bands(article_id);

-- Near-duplicates (syndicated copies): linked, never dropped. a < b.
CREATE TABLE near_duplicates (
    a          INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    b          INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    similarity REAL NOT NULL,
    method     TEXT NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) STRICT;
CREATE INDEX near_duplicates_by_b ON near_duplicates(b);

-- Full-text index over title and text, an external-content table kept in
-- sync by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
