-- Browsing and facet counts at the size of a real archive (issue 16).

-- One index per order of the Library, so a page is read off an index from
-- its page token (the last row's sort key) instead of sorting the archive:
-- newest first (undated last, by id), by headline (untitled last), and by
-- outlet then newest first. Oldest first and import order use
-- `articles_by_published` and the rowid.
CREATE INDEX articles_by_newest ON articles(published DESC, id);
CREATE INDEX articles_by_title ON articles(title COLLATE NOCASE, id);
CREATE INDEX articles_by_source_newest ON articles(source_id, published DESC, id);

-- How many articles each (month, outlet, language) holds, kept by the
-- triggers below: facet counts and list totals for filters on outlet,
-- language and dates sum these rows instead of counting articles. An
-- undated article counts under month '', one without outlet under
-- source_id 0, an undetected language under ''.
CREATE TABLE article_counts (
    month     TEXT NOT NULL,
    source_id INTEGER NOT NULL,
    language  TEXT NOT NULL,
    n         INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (month, source_id, language)
) STRICT, WITHOUT ROWID;

INSERT INTO article_counts (month, source_id, language, n)
SELECT coalesce(substr(published, 1, 7), ''), coalesce(source_id, 0), coalesce(language, ''), count(*)
FROM articles GROUP BY 1, 2, 3;

CREATE TRIGGER article_counts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_counts (month, source_id, language, n)
    VALUES (coalesce(substr(new.published, 1, 7), ''), coalesce(new.source_id, 0), coalesce(new.language, ''), 1)
    ON CONFLICT (month, source_id, language) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER article_counts_delete AFTER DELETE ON articles BEGIN
    UPDATE article_counts SET n = n - 1
    WHERE month = coalesce(substr(old.published, 1, 7), '') AND source_id = coalesce(old.source_id, 0)
      AND language = coalesce(old.language, '');
    DELETE FROM article_counts
    WHERE month = coalesce(substr(old.published, 1, 7), '') AND source_id = coalesce(old.source_id, 0)
      AND language = coalesce(old.language, '') AND n = 0;
END;
CREATE TRIGGER article_counts_update AFTER UPDATE OF published, source_id, language ON articles BEGIN
    UPDATE article_counts SET n = n - 1
    WHERE month = coalesce(substr(old.published, 1, 7), '') AND source_id = coalesce(old.source_id, 0)
      AND language = coalesce(old.language, '');
    DELETE FROM article_counts
    WHERE month = coalesce(substr(old.published, 1, 7), '') AND source_id = coalesce(old.source_id, 0)
      AND language = coalesce(old.language, '') AND n = 0;
    INSERT INTO article_counts (month, source_id, language, n)
    VALUES (coalesce(substr(new.published, 1, 7), ''), coalesce(new.source_id, 0), coalesce(new.language, ''), 1)
    ON CONFLICT (month, source_id, language) DO UPDATE SET n = n + 1;
END;
