//! The arguments of the front ends' commands, as the UI sends them (JSON
//! objects; absent and `null` fields take their defaults), and the parsing
//! both transports share: dates of article edits, story ids, verdicts,
//! citation formats.

use chrono::NaiveDate;
use serde::Deserialize;
use ts_rs::TS;

use crate::anchor::Field;
use crate::citation::Format;
use crate::model::Judgement;
use crate::views::FilterSpec;

use super::command_error::CommandError;

/// A command without arguments.
#[derive(Debug, Default, Deserialize, TS)]
pub struct NoArgs {}

/// A page of articles, search hits or facets for a selection.
#[derive(Debug, Default, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct ListArgs {
    /// Which articles (all when absent).
    pub filter: Option<FilterSpec>,
    /// A sort name of [`views::parse_sort`](crate::views::parse_sort).
    pub sort: Option<String>,
    /// Items skipped (an article list read without `after`).
    pub offset: Option<u64>,
    /// The article list's page token: the page after the one whose `next`
    /// this is (see [`crate::store::PageToken`]).
    pub after: Option<String>,
    /// Items returned (capped per command).
    pub limit: Option<u64>,
    /// A full-text query (search, facets).
    pub query: Option<String>,
}

impl ListArgs {
    /// The filter, validated.
    pub fn filter(&self) -> Result<crate::store::ArticleFilter, CommandError> {
        Ok(self.filter.clone().unwrap_or_default().to_filter()?)
    }
}

/// An article or story, by id (or an article's external id).
#[derive(Debug, Deserialize, TS)]
pub struct IdArgs {
    /// The id, as text.
    pub id: String,
}

/// Changes to an article's metadata; an absent field is left alone.
#[derive(Debug, Deserialize, TS)]
#[ts(optional_fields)]
pub struct MetadataArgs {
    /// The article.
    pub id: i64,
    /// The new headline.
    pub title: Option<String>,
    /// The new address.
    pub url: Option<String>,
    /// The new publication date, `YYYY-MM-DD`; empty clears it.
    pub published: Option<String>,
    /// The new outlet.
    pub source: Option<String>,
}

impl MetadataArgs {
    /// The publication date as the store takes it: `None` leaves it,
    /// `Some(None)` clears it.
    pub fn published(&self) -> Result<Option<Option<NaiveDate>>, CommandError> {
        match self.published.as_deref().map(str::trim) {
            None => Ok(None),
            Some("") => Ok(Some(None)),
            Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(|date| Some(Some(date)))
                .map_err(|_| {
                    CommandError::invalid_argument(format!(
                        "{text:?} is not a date of the form YYYY-MM-DD"
                    ))
                }),
        }
    }
}

/// A new name for a source or an entity.
#[derive(Debug, Deserialize, TS)]
pub struct RenameArgs {
    /// What is renamed.
    pub id: i64,
    /// Its new name.
    pub name: String,
}

/// One import job.
#[derive(Debug, Deserialize, TS)]
pub struct JobArgs {
    /// The job.
    pub job: u64,
}

/// One import job, or (absent) every running one.
#[derive(Debug, Default, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct CancelArgs {
    /// The job.
    pub job: Option<u64>,
}

/// Entities listed, by kind.
#[derive(Debug, Default, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct EntitiesArgs {
    /// `person`, `organisation`, `place`, …; every kind when absent.
    pub kind: Option<String>,
    /// Most entities returned (2,000 when absent).
    pub limit: Option<u64>,
}

/// Two entities or stories, one merged into the other.
#[derive(Debug, Deserialize, TS)]
pub struct MergeArgs {
    /// The one that stays.
    pub into: i64,
    /// The one merged into it.
    pub from: i64,
}

/// An alias split off an entity into an entity of its own.
#[derive(Debug, Deserialize, TS)]
pub struct EntitySplitArgs {
    /// The entity.
    pub id: i64,
    /// The alias that leaves it.
    pub alias: String,
}

/// An article moved into another story.
#[derive(Debug, Deserialize, TS)]
pub struct StoryMoveArgs {
    /// The article.
    pub article: i64,
    /// The story it joins.
    pub story: i64,
}

/// Articles split off a story into a new one.
#[derive(Debug, Deserialize, TS)]
pub struct StorySplitArgs {
    /// The story.
    pub story: i64,
    /// The articles that leave it.
    pub articles: Vec<i64>,
}

/// A verdict on a finding of a story's comparison.
#[derive(Debug, Deserialize, TS)]
#[ts(optional_fields)]
pub struct VerdictSetArgs {
    /// The story.
    pub story: i64,
    /// The finding's key.
    pub key: String,
    /// `confirmed` or `wrong`.
    pub verdict: String,
    /// The researcher's note.
    pub note: Option<String>,
}

impl VerdictSetArgs {
    /// The judgement, validated.
    pub fn judgement(&self) -> Result<Judgement, CommandError> {
        Judgement::parse(&self.verdict).ok_or_else(|| {
            CommandError::invalid_argument(format!(
                "verdict {:?} is neither confirmed nor wrong",
                self.verdict
            ))
        })
    }
}

/// A finding's verdict removed.
#[derive(Debug, Deserialize, TS)]
pub struct VerdictClearArgs {
    /// The story.
    pub story: i64,
    /// The finding's key.
    pub key: String,
}

/// The verdicts of one story, or (absent) all.
#[derive(Debug, Default, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct VerdictsArgs {
    /// The story.
    pub story: Option<i64>,
}

/// A story id sent as text (the UI's route parameter) as a number.
pub fn story_id(id: &str) -> Result<i64, CommandError> {
    id.parse()
        .map_err(|_| CommandError::invalid_argument(format!("story id {id:?} is not a number")))
}

/// Notes of an article (with its passages), of a story, on comparison
/// findings (by key), or (all absent) every note.
#[derive(Debug, Default, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct NotesArgs {
    /// The article.
    pub article: Option<i64>,
    /// The story.
    pub story: Option<i64>,
    /// Findings' keys (a comparison's `key`s): the notes on them, wherever
    /// they were written.
    pub findings: Option<Vec<String>>,
}

/// A note to write: on a passage of an article (`article` with `start`
/// and `end`), a whole article (`article` alone), a story (`story`) or a
/// finding of a story's comparison (`story` with `finding`). An empty
/// body on a passage is a highlight.
#[derive(Debug, Default, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct NoteAddArgs {
    /// The article.
    pub article: Option<i64>,
    /// The field the passage is in (the text when absent).
    pub field: Option<Field>,
    /// The passage's first character (Unicode scalar values, as every span).
    pub start: Option<usize>,
    /// One past its last character.
    pub end: Option<usize>,
    /// The story.
    pub story: Option<i64>,
    /// A finding's key, with its story.
    pub finding: Option<String>,
    /// The note, Markdown.
    pub body: Option<String>,
}

/// A note's new text.
#[derive(Debug, Deserialize, TS)]
pub struct NoteEditArgs {
    /// The note.
    pub note: i64,
    /// Its new text (Markdown).
    pub body: String,
}

/// One note.
#[derive(Debug, Deserialize, TS)]
pub struct NoteArgs {
    /// The note.
    pub note: i64,
}

/// A tag given to, or taken from, articles and stories.
#[derive(Debug, Deserialize, TS)]
#[ts(optional_fields)]
pub struct TagArgs {
    /// The tag's name (made when new).
    pub tag: String,
    /// Articles.
    #[serde(default)]
    pub articles: Option<Vec<i64>>,
    /// Stories (the tag follows each story's articles across regroupings).
    #[serde(default)]
    pub stories: Option<Vec<i64>>,
}

/// A tag or collection renamed, or merged into another.
#[derive(Debug, Deserialize, TS)]
pub struct NameChangeArgs {
    /// The current name.
    pub from: String,
    /// The new name, or the tag it is merged into.
    pub to: String,
}

/// A tag, collection or saved search, by name.
#[derive(Debug, Deserialize, TS)]
pub struct NameArgs {
    /// Its name.
    pub name: String,
}

/// Articles and stories added to, or taken from, a collection.
#[derive(Debug, Deserialize, TS)]
#[ts(optional_fields)]
pub struct CollectionArgs {
    /// The collection (made when new).
    pub name: String,
    /// Articles, in the order to keep.
    #[serde(default)]
    pub articles: Option<Vec<i64>>,
    /// Stories.
    #[serde(default)]
    pub stories: Option<Vec<i64>>,
}

/// An item of a collection moved to another place in it.
#[derive(Debug, Deserialize, TS)]
pub struct CollectionMoveArgs {
    /// The collection.
    pub name: String,
    /// The item's position now (from 1, as `collection_items` lists it).
    pub from: usize,
    /// The position it goes to; the items between shift by one.
    pub to: usize,
}

/// A search saved under a name.
#[derive(Debug, Deserialize, TS)]
#[ts(optional_fields)]
pub struct SearchSaveArgs {
    /// Its name (replaces a saved search of that name).
    pub name: String,
    /// The full-text query.
    pub query: String,
    /// Its filters.
    #[serde(default)]
    pub filter: Option<FilterSpec>,
}

/// Articles cited.
#[derive(Debug, Deserialize, TS)]
pub struct CiteArgs {
    /// The articles, in the order to cite them.
    pub articles: Vec<i64>,
    /// `csl-json`, `bibtex`, `ris`, or `text` (Chicago author-date, one
    /// line per article).
    pub format: String,
}

/// A citation format, or the text form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiteFormat {
    /// For reference managers.
    File(Format),
    /// Chicago author-date, one line per article.
    Text,
}

impl CiteArgs {
    /// The format, validated.
    pub fn format(&self) -> Result<CiteFormat, CommandError> {
        if self.format == "text" {
            return Ok(CiteFormat::Text);
        }
        Format::parse(&self.format)
            .map(CiteFormat::File)
            .ok_or_else(|| {
                CommandError::invalid_argument(format!(
                    "citation format {:?} is none of csl-json, bibtex, ris, text",
                    self.format
                ))
            })
    }
}

/// Articles, by archive id.
#[derive(Debug, Deserialize, TS)]
pub struct ArticlesArgs {
    /// Their ids.
    pub articles: Vec<i64>,
}

/// One import batch.
#[derive(Debug, Deserialize, TS)]
pub struct BatchArgs {
    /// The batch.
    pub batch: i64,
}

/// The latest import runs.
#[derive(Debug, Default, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct HistoryArgs {
    /// How many (50 when absent).
    pub limit: Option<u32>,
}
