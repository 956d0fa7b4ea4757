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

use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};

use crate::error::Result;
use crate::model::{Article, DatePrecision};
use crate::text::words::WordSet;

/// Words that make a byline part an organisation or a role, not a person.
static ORGANISATION_WORDS: WordSet = WordSet::new(include_str!("citation/organisation_words.txt"));

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

/// The names of a byline: "By " dropped, split at "and", "&" and ";", and
/// in each part what follows a comma (a role, an outlet) left out. A part
/// of two to four capitalised words is a person (family name last);
/// anything else is kept whole as a literal name.
pub fn authors(byline: &str) -> Vec<Name> {
    let trimmed = byline.trim();
    let without_by = ["By ", "by ", "BY "]
        .iter()
        .find_map(|by| trimmed.strip_prefix(by))
        .unwrap_or(trimmed);
    let mut names = Vec::new();
    for part in without_by
        .split(';')
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split('&'))
    {
        let name = part.split(',').next().unwrap_or("").trim();
        if name.is_empty() {
            continue;
        }
        let words: Vec<&str> = name.split_whitespace().collect();
        let personal = (2..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !words
                .iter()
                .any(|w| ORGANISATION_WORDS.contains(w.to_lowercase().as_str()));
        match words.split_last() {
            Some((family, given)) if personal => names.push(Name::Person {
                family: (*family).to_string(),
                given: given.join(" "),
            }),
            _ => names.push(Name::Literal(words.join(" "))),
        }
    }
    names
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

/// The CSL date parts of a date known to `precision`.
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

/// CSL-JSON items (an array), in the order given.
pub fn csl_json(articles: &[Citable]) -> Value {
    Value::Array(articles.iter().map(csl_item).collect())
}

fn csl_item(article: &Citable) -> Value {
    let mut item = serde_json::Map::new();
    item.insert("id".into(), json!(key(article)));
    item.insert("type".into(), json!("article-newspaper"));
    if let Some(title) = &article.title {
        item.insert("title".into(), json!(title));
    }
    let names = article.byline.as_deref().map(authors).unwrap_or_default();
    if !names.is_empty() {
        let names: Vec<Value> = names
            .iter()
            .map(|name| match name {
                Name::Person { family, given } => json!({ "family": family, "given": given }),
                Name::Literal(literal) => json!({ "literal": literal }),
            })
            .collect();
        item.insert("author".into(), Value::Array(names));
    }
    if let Some(outlet) = &article.outlet {
        item.insert("container-title".into(), json!(outlet));
    }
    if let Some((date, precision)) = article.published {
        item.insert(
            "issued".into(),
            json!({ "date-parts": [date_parts(date, precision)] }),
        );
    }
    if let Some(url) = &article.url {
        item.insert("URL".into(), json!(url));
    }
    if let Some(accessed) = article.accessed {
        item.insert(
            "accessed".into(),
            json!({ "date-parts": [date_parts(accessed, DatePrecision::Day)] }),
        );
    }
    if let Some(location) = &article.archive_location {
        item.insert("archive".into(), json!("Parallax archive"));
        item.insert("archive_location".into(), json!(location));
    }
    if let Some(language) = &article.language {
        item.insert("language".into(), json!(language));
    }
    Value::Object(item)
}

/// Escapes text for a braced BibTeX field: the characters TeX treats as
/// commands or groups are written as their TeX forms, and line breaks
/// become spaces. Everything else, non-ASCII letters included, is kept
/// (biber and BibTeX with UTF-8 input read it).
pub fn bibtex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URL for a BibTeX `url` field, which is read verbatim: only braces,
/// which would end the field, and spaces are percent-encoded.
fn bibtex_url(url: &str) -> String {
    url.replace('{', "%7B")
        .replace('}', "%7D")
        .replace(' ', "%20")
}

/// BibTeX entries, one per article, separated by blank lines.
pub fn bibtex(articles: &[Citable]) -> String {
    let mut out = String::new();
    for (index, article) in articles.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let mut fields: Vec<(&str, String)> = vec![("entrysubtype", "newspaper".into())];
        let names = article.byline.as_deref().map(authors).unwrap_or_default();
        if !names.is_empty() {
            let names: Vec<String> = names
                .iter()
                .map(|name| match name {
                    Name::Person { family, given } => {
                        format!("{}, {}", bibtex_escape(family), bibtex_escape(given))
                    }
                    // Braced, so BibTeX keeps an agency's name whole.
                    Name::Literal(literal) => format!("{{{}}}", bibtex_escape(literal)),
                })
                .collect();
            fields.push(("author", names.join(" and ")));
        }
        if let Some(title) = &article.title {
            // Braced twice, so styles keep the headline's capitals.
            fields.push(("title", format!("{{{}}}", bibtex_escape(title))));
        }
        if let Some(outlet) = &article.outlet {
            fields.push(("journaltitle", bibtex_escape(outlet)));
            fields.push(("journal", bibtex_escape(outlet)));
        }
        if let Some((date, precision)) = article.published {
            let parts = date_parts(date, precision);
            let iso: Vec<String> = parts
                .iter()
                .enumerate()
                .map(|(i, part)| {
                    if i == 0 {
                        format!("{part:04}")
                    } else {
                        format!("{part:02}")
                    }
                })
                .collect();
            fields.push(("date", iso.join("-")));
            fields.push(("year", format!("{:04}", date.year())));
            if parts.len() > 1 {
                fields.push(("month", date.month().to_string()));
            }
        }
        if let Some(url) = &article.url {
            fields.push(("url", bibtex_url(url)));
        }
        if let Some(accessed) = article.accessed {
            fields.push(("urldate", accessed.to_string()));
        }
        if let Some(location) = &article.archive_location {
            fields.push((
                "note",
                format!("Parallax archive: {}", bibtex_escape(location)),
            ));
        }
        if let Some(language) = &article.language {
            fields.push(("langid", bibtex_escape(language)));
        }
        out.push_str(&format!("@article{{{},\n", key(article)));
        for (name, value) in fields {
            out.push_str(&format!("  {name} = {{{value}}},\n"));
        }
        out.push_str("}\n");
    }
    out
}

/// One RIS line: a two-letter tag, two spaces, a hyphen, a space, and the
/// value on that one line (line breaks and control characters become
/// spaces), ended with CR LF as the format asks.
fn ris_line(out: &mut String, tag: &str, value: &str) {
    let flat: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    out.push_str(tag);
    out.push_str("  - ");
    out.push_str(flat.trim());
    out.push_str("\r\n");
}

/// An RIS date: `YYYY/MM/DD/`, with the parts not known left empty.
fn ris_date(date: NaiveDate, precision: DatePrecision) -> String {
    let parts = date_parts(date, precision);
    let month = parts.get(1).map(|m| format!("{m:02}")).unwrap_or_default();
    let day = parts.get(2).map(|d| format!("{d:02}")).unwrap_or_default();
    format!("{:04}/{month}/{day}/", date.year())
}

/// RIS records, one per article.
pub fn ris(articles: &[Citable]) -> String {
    let mut out = String::new();
    for article in articles {
        ris_line(&mut out, "TY", "NEWS");
        ris_line(&mut out, "ID", &key(article));
        if let Some(title) = &article.title {
            ris_line(&mut out, "TI", title);
        }
        for name in article.byline.as_deref().map(authors).unwrap_or_default() {
            let name = match name {
                Name::Person { family, given } => format!("{family}, {given}"),
                Name::Literal(literal) => literal,
            };
            ris_line(&mut out, "AU", &name);
        }
        if let Some(outlet) = &article.outlet {
            ris_line(&mut out, "T2", outlet);
        }
        if let Some((date, precision)) = article.published {
            ris_line(&mut out, "PY", &format!("{:04}", date.year()));
            ris_line(&mut out, "DA", &ris_date(date, precision));
        }
        if let Some(url) = &article.url {
            ris_line(&mut out, "UR", url);
        }
        if let Some(accessed) = article.accessed {
            ris_line(&mut out, "Y2", &ris_date(accessed, DatePrecision::Day));
        }
        if let Some(location) = &article.archive_location {
            ris_line(&mut out, "DB", "Parallax archive");
            ris_line(&mut out, "AN", location);
        }
        if let Some(language) = &article.language {
            ris_line(&mut out, "LA", language);
        }
        ris_line(&mut out, "ER", "");
    }
    out
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One citation as text in Chicago author-date style (17th edition,
/// newspaper article): `Doe, Jane. 2026. “Headline.” Outlet, March 4,
/// 2026. URL.` An article without a byline is listed under its outlet
/// (without an outlet either, under its headline); without a date,
/// "n.d.". Plain text: the outlet is not italicised.
pub fn chicago(article: &Citable) -> String {
    let names = article.byline.as_deref().map(authors).unwrap_or_default();
    let outlet = article.outlet.as_deref().filter(|o| !o.trim().is_empty());
    let mut parts: Vec<String> = Vec::new();
    let title = article
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|title| {
            if title.ends_with(['.', '?', '!']) {
                format!("“{title}”")
            } else {
                format!("“{title}.”")
            }
        });
    let year = article
        .published
        .map(|(date, _)| date.year().to_string())
        .unwrap_or_else(|| "n.d".into());
    // Without a byline the outlet stands in the author's place; without
    // either, the headline does (and is not repeated).
    let (lead, title) = match (names.is_empty(), outlet) {
        (false, _) => (Some(with_stop(&chicago_names(&names))), title),
        (true, Some(outlet)) => (Some(with_stop(outlet)), title),
        (true, None) => (title, None),
    };
    parts.extend(lead);
    parts.push(with_stop(&year));
    parts.extend(title);
    let day = article.published.and_then(|(date, precision)| {
        let month = MONTHS.get(date.month0() as usize)?;
        match precision {
            DatePrecision::Day => Some(format!("{month} {}, {}", date.day(), date.year())),
            DatePrecision::Week | DatePrecision::Month => Some(format!("{month} {}", date.year())),
            DatePrecision::Year => None,
        }
    });
    let container = match (names.is_empty(), outlet, day) {
        (false, Some(outlet), Some(day)) => Some(format!("{outlet}, {day}")),
        (false, Some(outlet), None) => Some(outlet.to_string()),
        (_, _, Some(day)) => Some(day),
        (true, _, None) | (false, None, None) => None,
    };
    if let Some(container) = container {
        parts.push(with_stop(&container));
    }
    if let Some(url) = &article.url {
        parts.push(with_stop(url));
    }
    parts.join(" ")
}

/// Names as Chicago lists them: the first inverted, the rest in order.
fn chicago_names(names: &[Name]) -> String {
    let shown: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(index, name)| match name {
            Name::Person { family, given } if index == 0 => format!("{family}, {given}"),
            Name::Person { family, given } => format!("{given} {family}"),
            Name::Literal(literal) => literal.clone(),
        })
        .collect();
    match shown.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, second] => format!("{first}, and {second}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

fn with_stop(text: &str) -> String {
    if text.ends_with('.') {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
