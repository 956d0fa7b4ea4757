//! Citations of archived articles: CSL-JSON, BibTeX and RIS for reference
//! managers, and one citation as text in Chicago author-date style.
//!
//! Every article is cited as a newspaper article (CSL `article-newspaper`,
//! BibTeX `@article` with `entrysubtype = {newspaper}`, RIS `NEWS`): its
//! outlet is the container, its publication date the date (as precise as the
//! archive knows it, never more), its import date the accessed date, and the
//! file (and record) it was imported from the archive location, so a citation
//! leads back to the copy the researcher read. Output is deterministic: the
//! same articles give the same bytes.
//!
//! Bylines are free text; [`authors`] reads the common forms ("By Jane Doe
//! and John Roe", "Jane Doe, Staff Writer") and keeps anything else whole as
//! a literal name rather than cut it wrongly.

mod bibtex;
mod bylines;
mod chicago;
mod csl;
mod ris;

use chrono::{Datelike, NaiveDate};

use crate::error::Result;
use crate::model::{Article, DatePrecision};
pub use bibtex::{bibtex, bibtex_escape};
pub use bylines::authors;
pub use chicago::chicago;
pub use csl::csl_json;
pub use ris::ris;

/// What a citation needs of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Citable {
    /// Archive id, part of the citation key.
    pub id: i64,
    /// Headline.
    pub title: Option<String>,
    /// Byline as imported.
    pub byline: Option<String>,
    /// Outlet name.
    pub outlet: Option<String>,
    /// Publication date, with how much of it is known.
    pub published: Option<(NaiveDate, DatePrecision)>,
    /// URL (the canonical one when the page gave it).
    pub url: Option<String>,
    /// Day the article was imported: the accessed date.
    pub accessed: Option<NaiveDate>,
    /// File (with `#record` inside it) the article was imported from.
    pub archive_location: Option<String>,
    /// ISO 639 language code.
    pub language: Option<String>,
}

impl From<&Article> for Citable {
    fn from(article: &Article) -> Citable {
        let location = article.path.as_ref().map(|path| match &article.record {
            Some(record) if !record.is_empty() => format!("{path}#{record}"),
            _ => path.clone(),
        });
        Citable {
            id: article.id,
            title: article.title.clone(),
            byline: article.author.clone(),
            outlet: article.source.clone(),
            published: article.published.map(|date| {
                (
                    date,
                    article.published_precision.unwrap_or(DatePrecision::Day),
                )
            }),
            url: article
                .canonical_url
                .clone()
                .or_else(|| article.url.clone()),
            // `imported_at` is RFC 3339; its first ten characters are the day.
            accessed: article
                .imported_at
                .get(..10)
                .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()),
            archive_location: location,
            language: article.language.clone(),
        }
    }
}

/// A name in a byline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// A person: family name and given names.
    Person {
        /// Family name (the last word).
        family: String,
        /// Given names.
        given: String,
    },
    /// An agency, a desk or anything not read as one person's name.
    Literal(String),
}

/// Citation formats for reference managers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSL-JSON (Zotero, Pandoc, citeproc).
    CslJson,
    /// BibTeX / biblatex.
    Bibtex,
    /// RIS.
    Ris,
}

impl Format {
    /// Parses `csl-json`, `bibtex` or `ris`.
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "csl-json" | "csl" => Some(Format::CslJson),
            "bibtex" | "bib" => Some(Format::Bibtex),
            "ris" => Some(Format::Ris),
            _ => None,
        }
    }
}

/// The articles in `format`, as one document.
pub fn render(articles: &[Citable], format: Format) -> Result<String> {
    Ok(match format {
        Format::CslJson => serde_json::to_string_pretty(&csl_json(articles))? + "\n",
        Format::Bibtex => bibtex(articles),
        Format::Ris => ris(articles),
    })
}

/// A citation key: the first author's family name (else the outlet's first
/// word, or a domain's first label, else "article") in lower-case ASCII, the year, and the archive id
/// (so two articles never share a key).
pub fn key(article: &Citable) -> String {
    let names = article.byline.as_deref().map(authors).unwrap_or_default();
    let stem = match names.first() {
        Some(Name::Person { family, .. }) => family.clone(),
        Some(Name::Literal(name)) => name.clone(),
        None => article.outlet.clone().unwrap_or_default(),
    };
    let mut slug: String = deunicode::deunicode(&stem)
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '.')
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    if slug.is_empty() {
        slug = "article".into();
    }
    let year = article
        .published
        .map(|(date, _)| date.year().to_string())
        .unwrap_or_else(|| "nd".into());
    format!("{slug}{year}-{}", article.id)
}

/// The date parts (CSL's, and BibTeX's and RIS's fields) of a date known to `precision`.
fn date_parts(date: NaiveDate, precision: DatePrecision) -> Vec<i64> {
    let (year, month, day) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    match precision {
        DatePrecision::Day => vec![year, month, day],
        // The stored day is the week's Monday: the month is what is known.
        DatePrecision::Week | DatePrecision::Month => vec![year, month],
        DatePrecision::Year => vec![year],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn sample() -> Citable {
        Citable {
            id: 7,
            title: Some("Two hurt in Elm St. shooting; 50% of {block} evacuated".into()),
            byline: Some("By Jane Q. Doe and John Roe, Staff Writers".into()),
            outlet: Some("The Northgate News & Record".into()),
            published: Some((day("2026-03-04"), DatePrecision::Day)),
            url: Some("https://news.example/a?id=1&x={2}".into()),
            accessed: Some(day("2026-05-06")),
            archive_location: Some("/data/in/shootings.jsonl#s2".into()),
            language: Some("en".into()),
        }
    }

    #[test]
    fn bylines_become_names() {
        let cases: &[(&str, &str)] = &[
            ("By Jane Doe", "Doe, Jane"),
            ("Jane Q. Doe and John Roe", "Doe, Jane Q. | Roe, John"),
            ("Jane Doe, Staff Writer", "Doe, Jane"),
            ("Associated Press", "{Associated Press}"),
            ("AP Staff", "{AP Staff}"),
            ("the newsroom", "{the newsroom}"),
            ("Ana María López", "López, Ana María"),
            ("Jane Doe; Reuters", "Doe, Jane | {Reuters}"),
        ];
        for (byline, expected) in cases {
            let shown: Vec<String> = authors(byline)
                .into_iter()
                .map(|name| match name {
                    Name::Person { family, given } => format!("{family}, {given}"),
                    Name::Literal(literal) => format!("{{{literal}}}"),
                })
                .collect();
            assert_eq!(&shown.join(" | "), expected, "{byline:?}");
        }
    }

    #[test]
    fn bibtex_escapes_what_tex_reads_as_commands() {
        let cases: &[(&str, &str)] = &[
            ("50% & $5 #1 a_b", "50\\% \\& \\$5 \\#1 a\\_b"),
            (
                "{braces} back\\slash",
                "\\{braces\\} back\\textbackslash{}slash",
            ),
            (
                "~tilde ^caret",
                "\\textasciitilde{}tilde \\textasciicircum{}caret",
            ),
            ("two\nlines", "two lines"),
            ("Zürich café", "Zürich café"),
        ];
        for (text, expected) in cases {
            assert_eq!(&bibtex_escape(text), expected, "{text:?}");
        }
    }

    #[test]
    fn one_article_in_every_format() {
        let article = sample();
        assert_eq!(
            bibtex(std::slice::from_ref(&article)),
            "@article{doe2026-7,\n\
             \x20 entrysubtype = {newspaper},\n\
             \x20 author = {Doe, Jane Q. and Roe, John},\n\
             \x20 title = {{Two hurt in Elm St. shooting; 50\\% of \\{block\\} evacuated}},\n\
             \x20 journaltitle = {The Northgate News \\& Record},\n\
             \x20 journal = {The Northgate News \\& Record},\n\
             \x20 date = {2026-03-04},\n\
             \x20 year = {2026},\n\
             \x20 month = {3},\n\
             \x20 url = {https://news.example/a?id=1&x=%7B2%7D},\n\
             \x20 urldate = {2026-05-06},\n\
             \x20 note = {Parallax archive: /data/in/shootings.jsonl\\#s2},\n\
             \x20 langid = {en},\n\
             }\n"
        );
        assert_eq!(
            ris(std::slice::from_ref(&article)),
            "TY  - NEWS\r\nID  - doe2026-7\r\n\
             TI  - Two hurt in Elm St. shooting; 50% of {block} evacuated\r\n\
             AU  - Doe, Jane Q.\r\nAU  - Roe, John\r\n\
             T2  - The Northgate News & Record\r\n\
             PY  - 2026\r\nDA  - 2026/03/04/\r\n\
             UR  - https://news.example/a?id=1&x={2}\r\n\
             Y2  - 2026/05/06/\r\n\
             DB  - Parallax archive\r\nAN  - /data/in/shootings.jsonl#s2\r\n\
             LA  - en\r\nER  - \r\n"
        );
        assert_eq!(
            chicago(&article),
            "Doe, Jane Q., and John Roe. 2026. “Two hurt in Elm St. shooting; 50% of {block} evacuated.” \
             The Northgate News & Record, March 4, 2026. https://news.example/a?id=1&x={2}."
        );
        let csl = csl_json(std::slice::from_ref(&article));
        assert_eq!(
            csl,
            json!([{
                "id": "doe2026-7",
                "type": "article-newspaper",
                "title": "Two hurt in Elm St. shooting; 50% of {block} evacuated",
                "author": [{"family": "Doe", "given": "Jane Q."}, {"family": "Roe", "given": "John"}],
                "container-title": "The Northgate News & Record",
                "issued": {"date-parts": [[2026, 3, 4]]},
                "URL": "https://news.example/a?id=1&x={2}",
                "accessed": {"date-parts": [[2026, 5, 6]]},
                "archive": "Parallax archive",
                "archive_location": "/data/in/shootings.jsonl#s2",
                "language": "en"
            }])
        );
    }

    #[test]
    fn what_is_not_known_is_left_out_never_invented() {
        let bare = Citable {
            id: 3,
            title: Some("Flood warning".into()),
            byline: None,
            outlet: Some("Riverside Gazette".into()),
            published: Some((day("2026-03-01"), DatePrecision::Month)),
            url: None,
            accessed: None,
            archive_location: None,
            language: None,
        };
        assert_eq!(
            chicago(&bare),
            "Riverside Gazette. 2026. “Flood warning.” March 2026."
        );
        assert_eq!(
            ris(std::slice::from_ref(&bare)),
            "TY  - NEWS\r\nID  - riverside2026-3\r\nTI  - Flood warning\r\nT2  - Riverside Gazette\r\n\
             PY  - 2026\r\nDA  - 2026/03//\r\nER  - \r\n"
        );
        let undated = Citable {
            published: None,
            outlet: None,
            ..bare
        };
        assert_eq!(chicago(&undated), "“Flood warning.” n.d.");
        assert_eq!(key(&undated), "articlend-3");
    }
}
