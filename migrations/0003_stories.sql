-- Parallax archive, schema 3: stories (articles grouped by the event they
-- report), each article's membership with the score and reason that placed
-- it, and the user decisions (move, split, merge) that fix memberships.
-- A membership decided by a user (decided_by = 'user') is never changed by
-- automatic grouping; a story holding such members is pinned.

CREATE TABLE stories (
    id            INTEGER PRIMARY KEY,
    title         TEXT,
    date          TEXT,     -- consensus event date, YYYY-MM-DD
    place_id      TEXT,
    place         TEXT,     -- JSON gazetteer place
    killed        INTEGER,
    injured       INTEGER,
    first_article INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    pinned        INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1))
) STRICT;
CREATE INDEX stories_by_date ON stories(date);

CREATE TABLE story_members (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    score      REAL NOT NULL,
    reason     TEXT NOT NULL,
    linked_to  INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    decided_by TEXT NOT NULL CHECK (decided_by IN ('auto', 'user'))
) STRICT;
CREATE INDEX story_members_by_story ON story_members(story_id);

CREATE TABLE story_decisions (
    id          INTEGER PRIMARY KEY,
    action      TEXT NOT NULL CHECK (action IN ('move', 'split', 'merge')),
    story_id    INTEGER NOT NULL,
    other_story INTEGER,
    articles    TEXT NOT NULL DEFAULT '[]',  -- JSON array of article ids
    decided_at  TEXT NOT NULL
) STRICT;
