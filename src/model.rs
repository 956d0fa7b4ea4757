//! Plain data types shared by every part of the core.
//!
//! Two forms of an article exist, as in ripgrep's low/high-level arguments:
//! [`RawArticle`] is whatever an importer managed to read from a file or
//! record, unvalidated; [`Article`] is what the store holds and returns.
//! Validation between them happens in `ingest::validate`.
//!
//! [`items`] is the stored form of an article's extraction: what
//! extraction produces and documents, anchors and the store read.

pub mod grouping;
pub mod items;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use items::PlaceRef;

/// The container or document format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (including the seeds' ` date YYYY-MM-DD` layout).
    Text,
    /// Markdown, read as text.
    Markdown,
    /// An HTML page.
    Html,
    /// One JSON object per line.
    Jsonl,
    /// A JSON array of article objects.
    Json,
    /// Comma- or tab-separated values with a header row.
    Csv,
    /// A PDF document.
    Pdf,
    /// A single RFC 5322 e-mail message.
    Email,
    /// A Unix mailbox of many messages.
    Mbox,
    /// A WARC web archive (optionally gzip-compressed).
    Warc,
    /// A WACZ web archive package.
    Wacz,
    /// An RSS, Atom or JSON Feed document.
    Feed,
    /// A Word document.
    Docx,
    /// An OpenDocument text.
    Odt,
    /// An EPUB e-book.
    Epub,
    /// An MHTML page saved by a browser.
    Mhtml,
    /// A zip folder of any of the above.
    Zip,
}

impl Format {
    /// Lower-case name as stored in the archive and shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Pdf => "pdf",
            Format::Email => "email",
            Format::Mbox => "mbox",
            Format::Warc => "warc",
            Format::Wacz => "wacz",
            Format::Feed => "feed",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Epub => "epub",
            Format::Mhtml => "mhtml",
            Format::Zip => "zip",
        }
    }
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// The calendar day is known.
    Day,
    /// Only the week is known ("last week"); the date is its Monday.
    Week,
    /// Only the month is known; the date is its first day.
    Month,
    /// Only the year is known; the date is 1 January.
    Year,
}

impl DatePrecision {
    /// Lower-case name as stored in the archive.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "day" => Some(DatePrecision::Day),
            "week" => Some(DatePrecision::Week),
            "month" => Some(DatePrecision::Month),
            "year" => Some(DatePrecision::Year),
            _ => None,
        }
    }
}

/// An article's publication date as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The date (first day of the month or year for coarser precisions).
    pub date: NaiveDate,
    /// How much of `date` is actually known.
    pub precision: DatePrecision,
    /// The full timestamp as the input gave it, when it had a time of day.
    pub timestamp: Option<String>,
}

impl Published {
    /// A date known to the day.
    pub fn day(date: NaiveDate) -> Self {
        Published {
            date,
            precision: DatePrecision::Day,
            timestamp: None,
        }
    }
}

/// Where an article was read from: a file, possibly a record inside it, possibly
/// inside a container (zip entry, WARC record, mailbox message).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Origin {
    /// The file's path as given on the command line or dropped on the window;
    /// entries of containers are written `outer.zip!/inner/path.html`.
    pub path: String,
    /// Record identifier inside the file (a JSONL `id`, a message id, a WARC
    /// record id, ...), when the file holds many articles.
    pub record: Option<String>,
    /// 1-based line number of the record in the file, for line-oriented formats.
    pub line: Option<u64>,
    /// Byte offset of the record in its file, for formats where lines mean nothing.
    pub offset: Option<u64>,
}

impl Origin {
    /// An origin that is a whole file.
    pub fn file(path: impl Into<String>) -> Self {
        Origin {
            path: path.into(),
            ..Origin::default()
        }
    }
}

/// Where in the inputs something an import reports is: the file, and the
/// line and record inside it when known. What an import's report and its
/// history say of a failure, a warning or a duplicate opens with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InputLocation {
    /// File (or container entry) path.
    pub path: String,
    /// 1-based line, for line-oriented formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub line: Option<u64>,
    /// Record inside the file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub record: Option<String>,
}

impl InputLocation {
    /// A whole file.
    pub fn file(path: impl Into<String>) -> Self {
        InputLocation {
            path: path.into(),
            line: None,
            record: None,
        }
    }
}

impl From<Origin> for InputLocation {
    fn from(origin: Origin) -> Self {
        InputLocation {
            path: origin.path,
            line: origin.line,
            record: origin.record,
        }
    }
}

/// The path, then `:line` when there is one.
impl std::fmt::Display for InputLocation {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.path)?;
        match self.line {
            Some(line) => write!(formatter, ":{line}"),
            None => Ok(()),
        }
    }
}

/// An article as an importer read it, before validation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// Where the article came from.
    pub origin: Origin,
    /// The record's own identifier (JSONL `id`, e-mail Message-ID, ...).
    pub external_id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Body text, already reduced to plain text by the importer.
    pub text: String,
    /// The URL the article was published at.
    pub url: Option<String>,
    /// `<link rel=canonical>` or `og:url`, when it differs from `url`.
    pub canonical_url: Option<String>,
    /// Outlet name as the input states it ("The Guardian", "ktla.com").
    pub source_name: Option<String>,
    /// Publication date from metadata or the text's own header.
    pub published: Option<Published>,
    /// Byline.
    pub author: Option<String>,
    /// Language code when the input declares one (detection happens later).
    pub language: Option<String>,
    /// Format of the innermost document.
    pub format: Option<Format>,
    /// True when the text is knowingly incomplete (a feed item's summary).
    pub partial: bool,
}

/// A stored article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Article {
    /// Archive-wide identifier.
    pub id: i64,
    /// The record's id, else the file stem.
    pub external_id: String,
    /// Original path (or container path) of the first occurrence.
    pub path: Option<String>,
    /// Record inside the file, when any.
    pub record: Option<String>,
    /// Outlet name.
    pub source: Option<String>,
    /// Outlet id.
    pub source_id: Option<i64>,
    /// URL.
    pub url: Option<String>,
    /// Canonical URL.
    pub canonical_url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date as `YYYY-MM-DD`, or `None` when unknown.
    pub published: Option<NaiveDate>,
    /// Precision of `published`.
    pub published_precision: Option<DatePrecision>,
    /// Full timestamp as read, when the input had one.
    pub published_timestamp: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// ISO 639-1 code (or 639-3 when no two-letter code exists), when detected.
    pub language: Option<String>,
    /// Format of the document.
    pub format: String,
    /// Number of Unicode scalar values in `text`.
    pub chars: i64,
    /// True when the text is knowingly incomplete.
    pub partial: bool,
    /// Import batch that created the article.
    pub batch_id: Option<i64>,
    /// When the article was imported (RFC 3339, UTC).
    pub imported_at: String,
    /// Hex digest of the normalised text.
    pub content_hash: String,
    /// The body text; every extracted span indexes into it by character.
    pub text: String,
}

/// An outlet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Source {
    /// Archive-wide identifier.
    pub id: i64,
    /// Display name (user-editable).
    pub name: String,
    /// Web domain without `www.`, when known.
    pub domain: Option<String>,
    /// Number of articles from this outlet.
    pub articles: i64,
}

/// An article without its text, for lists and search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ArticleSummary {
    /// Archive-wide identifier.
    pub id: i64,
    /// The record's id, else the file stem.
    pub external_id: String,
    /// Original path of the first occurrence.
    pub path: Option<String>,
    /// Outlet name.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, `None` when unknown.
    pub published: Option<NaiveDate>,
    /// Language code.
    pub language: Option<String>,
    /// Length of the text in characters.
    pub chars: i64,
}

/// One page of a longer list, with the total a person needs to page on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Page<T> {
    /// Number of items matching, over all pages.
    pub total: u64,
    /// Offset of the first item of this page.
    pub offset: u64,
    /// The items of this page.
    pub items: Vec<T>,
    /// The token of the page after this one, for lists read by page token
    /// (the article list); absent on the last page and for other lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub next: Option<String>,
}

/// The outlet and article that reported a story first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FirstReporter {
    /// Article id.
    pub article: i64,
    /// Outlet name.
    pub source: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
}

/// A story as listed and compared (the JSON contract of `parallax stories`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StorySummary {
    /// Archive-wide story id.
    pub id: i64,
    /// Representative headline.
    pub title: Option<String>,
    /// Consensus event date.
    pub date: Option<NaiveDate>,
    /// Consensus place.
    pub place: Option<PlaceRef>,
    /// Member article ids, ascending.
    pub articles: Vec<i64>,
    /// Outlet names, sorted.
    pub sources: Vec<String>,
    /// Consolidated number killed.
    pub killed: Option<i64>,
    /// Consolidated number injured.
    pub injured: Option<i64>,
    /// Earliest report.
    pub first_reporter: Option<FirstReporter>,
    /// True when a user decision fixed the membership.
    pub pinned: bool,
}

/// A researcher's judgement of a comparison finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Judgement {
    /// The finding is right.
    Confirmed,
    /// The finding is wrong (a false conflict, a wrong speaker, …).
    Wrong,
}

impl Judgement {
    /// Every judgement, in order.
    pub const ALL: [Judgement; 2] = [Judgement::Confirmed, Judgement::Wrong];

    /// The stored and serialised name.
    pub fn as_str(self) -> &'static str {
        match self {
            Judgement::Confirmed => "confirmed",
            Judgement::Wrong => "wrong",
        }
    }

    /// Reads a stored or typed name (`confirmed`, `wrong`).
    pub fn parse(name: &str) -> Option<Judgement> {
        Judgement::ALL.into_iter().find(|j| j.as_str() == name)
    }
}

impl std::fmt::Display for Judgement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One passage of a judged finding, as it was when judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FindingPassage {
    /// Archive id of the article.
    pub article: i64,
    /// Its record id.
    pub external_id: String,
    /// `text` or `title`.
    pub field: items::Field,
    /// First character.
    pub start: usize,
    /// End character (exclusive).
    pub end: usize,
    /// The passage.
    pub text: String,
}

/// A researcher's verdict on one comparison finding, with what the finding
/// said when it was judged (the JSON contract of `parallax verdict list`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Verdict {
    /// The finding's key (stable across re-runs and regrouping).
    pub key: String,
    /// `confirmed` or `wrong`.
    pub verdict: Judgement,
    /// The researcher's note.
    pub note: Option<String>,
    /// The story the finding was in when judged.
    pub story: Option<i64>,
    /// Finding kind: `figure`, `when`, `where`, `statement`, `quote`,
    /// `entity`, `participant`, `attribute`, `reuse`, `passage`, `unique`.
    pub kind: String,
    /// What the finding is about (a claim's subject, a quotation's words, a
    /// name).
    pub label: String,
    /// The finding's status when judged (`agreed`, `conflict`, …).
    pub status: Option<String>,
    /// Its passages when judged.
    pub passages: Vec<FindingPassage>,
    /// When the verdict was given (RFC 3339, passed in by the caller).
    pub decided_at: String,
}
