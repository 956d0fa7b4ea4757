-- Prefix queries (`shoot*`) at the size of a real archive (issue 16): the
-- full-text index is rebuilt with FTS5 prefix indexes of 3, 4, 5 and 6
-- characters. Without one, FTS5 answers `shoot*` by reading and merging
-- the whole posting list of every term starting with `shoot` (shooting is
-- in most articles of a gun-violence archive) before it can return the
-- newest match: 100–140 ms at 300,000 articles, against about 1 ms once
-- the prefix has postings of its own. A prefix of another length (1, 2,
-- or 7 characters and more) still works, by the merge. Each length adds
-- about half the size of the word index to the archive (see
-- ARCHITECTURE.md, "Decisions"). Same columns, tokenizer and rowids as
-- before; the delete and update triggers name the table and keep working.
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3 4 5 6'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

-- Facet counts of a full-text query count a sample of its matches, each
-- read by id (issue 16). Their outlet, date and language, the columns the
-- counts group and filter on, are read from this index: the table's row
-- holds the date and language after the text, so reading them there
-- follows the text's overflow pages, article by article.
CREATE INDEX articles_facet_columns ON articles(id, source_id, published, language);
