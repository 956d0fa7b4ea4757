-- Story members whose article was re-extracted since the story was last
-- summarised: the next story update refreshes their story's date, place and
-- counts (keeping its id and members); without any, it reads nothing.
ALTER TABLE story_members ADD COLUMN stale INTEGER NOT NULL DEFAULT 0 CHECK (stale IN (0, 1));
CREATE INDEX story_members_stale ON story_members(stale) WHERE stale = 1;

-- The language facet counts articles by language without reading them.
CREATE INDEX articles_by_language ON articles(language);
