-- Parallax archive, schema 5: a researcher's verdicts on comparison findings.
-- A verdict is keyed by the finding's key (see src/compare/keys.rs), which is
-- derived from the finding's kind, what it compares and the articles'
-- passages, never from a story id: it survives re-runs of compare and story
-- regrouping. `story_id` is the story the finding was in when judged and
-- `kind`, `label`, `status`, `passages` (JSON) what it said then, kept for
-- display and export; no foreign key, because regrouping replaces stories.
CREATE TABLE verdicts (
    key        TEXT PRIMARY KEY,
    verdict    TEXT NOT NULL CHECK (verdict IN ('confirmed', 'wrong')),
    note       TEXT,
    story_id   INTEGER,
    kind       TEXT NOT NULL,
    label      TEXT NOT NULL,
    status     TEXT,
    passages   TEXT NOT NULL DEFAULT '[]',
    decided_at TEXT NOT NULL
) STRICT;
CREATE INDEX verdicts_by_story ON verdicts(story_id);
