-- Parallax archive, schema 2: what extraction found in each article, and
-- the archive-wide canonical entities its mentions resolve to.
-- Every extracted row names its article, the field (text or title), the
-- character span into that field, the span's text, and the extractor version.

CREATE TABLE extractions (
    article_id          INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version             INTEGER NOT NULL,
    reference_date      TEXT,
    reference_inferred  INTEGER NOT NULL DEFAULT 0 CHECK (reference_inferred IN (0, 1)),
    main_event          INTEGER,
    main_type           TEXT,
    main_date           TEXT,
    main_date_precision TEXT,
    main_place_id       TEXT,
    main_place          TEXT,  -- JSON place (name, country, region, lat, lon, ...)
    main_killed         INTEGER,
    main_injured        INTEGER,
    wire_credits        TEXT NOT NULL DEFAULT '[]'  -- JSON array of agency names
) STRICT;
CREATE INDEX extractions_by_version ON extractions(version);
CREATE INDEX extractions_by_main_date ON extractions(main_date);

CREATE TABLE entities (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'place', 'group')),
    name       TEXT NOT NULL,
    -- 1 once a person named the entity: its name is then never recomputed.
    user_named INTEGER NOT NULL DEFAULT 0 CHECK (user_named IN (0, 1)),
    place      TEXT  -- JSON gazetteer place, for places
) STRICT;

-- Every name a mention was written with, the entity it belongs to, and why.
-- A person's decision (merge, split) is recorded here as decided_by = 'user'
-- and is never overridden by automatic resolution.
CREATE TABLE entity_aliases (
    id         INTEGER PRIMARY KEY,
    entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    alias      TEXT NOT NULL,
    key        TEXT NOT NULL,
    fuzzy      TEXT NOT NULL,
    place_id   TEXT,
    reason     TEXT NOT NULL,
    decided_by TEXT NOT NULL CHECK (decided_by IN ('auto', 'user')),
    UNIQUE (kind, alias)
) STRICT;
CREATE INDEX entity_aliases_by_key ON entity_aliases(kind, key);
CREATE INDEX entity_aliases_by_fuzzy ON entity_aliases(kind, fuzzy);
CREATE INDEX entity_aliases_by_place ON entity_aliases(place_id) WHERE place_id IS NOT NULL;
CREATE INDEX entity_aliases_by_entity ON entity_aliases(entity_id);

CREATE TABLE noise_spans (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    field      TEXT NOT NULL CHECK (field IN ('text', 'title')),
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq),
    CHECK (start_char < end_char)
) STRICT, WITHOUT ROWID;

CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    field      TEXT NOT NULL CHECK (field IN ('text', 'title')),
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT,
    place      TEXT,  -- JSON gazetteer place
    entity_id  INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq),
    CHECK (start_char < end_char)
) STRICT, WITHOUT ROWID;
CREATE INDEX mentions_by_entity ON mentions(entity_id);

CREATE TABLE date_mentions (
    article_id       INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    field            TEXT NOT NULL CHECK (field IN ('text', 'title')),
    start_char       INTEGER NOT NULL,
    end_char         INTEGER NOT NULL,
    text             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('absolute', 'relative')),
    date             TEXT,
    precision        TEXT NOT NULL CHECK (precision IN ('day', 'week', 'month', 'year')),
    part_of_day      TEXT,
    weekday_conflict INTEGER NOT NULL CHECK (weekday_conflict IN (0, 1)),
    version          INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq),
    CHECK (start_char < end_char)
) STRICT, WITHOUT ROWID;

CREATE TABLE figures (
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    field          TEXT NOT NULL CHECK (field IN ('text', 'title')),
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           TEXT NOT NULL,
    value          REAL,
    low            REAL,
    high           REAL,  -- NULL: unbounded
    qualifier      TEXT,
    approximate    INTEGER NOT NULL CHECK (approximate IN (0, 1)),
    implicit       INTEGER NOT NULL CHECK (implicit IN (0, 1)),
    partitive      INTEGER NOT NULL CHECK (partitive IN (0, 1)),
    counted        TEXT,
    predicate      TEXT,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    date_seq       INTEGER,
    place_seq      INTEGER,
    version        INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq),
    CHECK (start_char < end_char)
) STRICT, WITHOUT ROWID;

CREATE TABLE quotes (
    article_id         INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq                INTEGER NOT NULL,
    field              TEXT NOT NULL CHECK (field IN ('text', 'title')),
    start_char         INTEGER NOT NULL,
    end_char           INTEGER NOT NULL,
    text               TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('statement', 'partial', 'scare')),
    speaker            TEXT,
    speaker_seq        INTEGER,
    verb               TEXT,
    continues_previous INTEGER NOT NULL CHECK (continues_previous IN (0, 1)),
    version            INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq),
    CHECK (start_char < end_char)
) STRICT, WITHOUT ROWID;

CREATE TABLE events (
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    field         TEXT NOT NULL CHECK (field IN ('text', 'title')),
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    place_seq     INTEGER,
    date_seq      INTEGER,
    negated       INTEGER NOT NULL CHECK (negated IN (0, 1)),
    hypothetical  INTEGER NOT NULL CHECK (hypothetical IN (0, 1)),
    score         REAL NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq),
    CHECK (start_char < end_char)
) STRICT, WITHOUT ROWID;

-- Who did what to whom: an event's actors, targets and figures.
CREATE TABLE event_arguments (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_seq  INTEGER NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('actor', 'target', 'figure')),
    ref_seq    INTEGER NOT NULL,
    PRIMARY KEY (article_id, event_seq, role, ref_seq)
) STRICT, WITHOUT ROWID;
