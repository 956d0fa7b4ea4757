//! The comparison's result, as it is serialised (`compare --json`) and
//! typed for the UI: the story's articles, claims with each outlet's
//! variant, quotation groups, entities, participants, text reuse, unique
//! claims, counts per section, and the verdicts read back from the
//! archive. Separate from the sections that fill it, so the shape reads in
//! one place.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::extract::items::{Anchor, Field};
use crate::model::{StorySummary, Verdict};

/// An article in the comparison's header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ArticleRef {
    /// Archive id.
    pub id: i64,
    /// Record id.
    pub external_id: String,
    /// Outlet.
    pub source: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
}

/// Agreement of a claim across outlets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Same value everywhere.
    Agreed,
    /// Different but reconcilable.
    Compatible,
    /// Different values that no rule reconciles, but not surely about the
    /// same thing: said, with the reason, and not called a contradiction.
    Differs,
    /// Contradictory.
    Conflict,
    /// Only one outlet.
    Unique,
}

impl Status {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Agreed => "agreed",
            Status::Compatible => "compatible",
            Status::Differs => "differs",
            Status::Conflict => "conflict",
            Status::Unique => "unique",
        }
    }
}

/// One article's version of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Variant {
    /// Article id.
    pub article: i64,
    /// Field of the span.
    pub field: Field,
    /// The passage.
    pub text: String,
    /// First character.
    pub start: usize,
    /// End character (exclusive).
    pub end: usize,
    /// Stated value, for figures.
    pub value: Option<f64>,
    /// Interval low bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub low: Option<f64>,
    /// Interval high bound (none: unbounded).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub high: Option<f64>,
    /// Qualifier (`at_least`, `about`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub qualifier: Option<String>,
    /// A date, for when-items.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub date: Option<NaiveDate>,
    /// A place id, for where-items.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub place: Option<String>,
    /// The value as read, for attributes ("32", "critical", "murder
    /// (second-degree)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub reading: Option<String>,
}

impl Variant {
    /// A variant with only the passage filled in.
    pub fn passage(article: i64, anchor: &Anchor) -> Variant {
        Variant {
            article,
            field: anchor.field,
            text: anchor.text.clone(),
            start: anchor.start,
            end: anchor.end,
            value: None,
            low: None,
            high: None,
            qualifier: None,
            date: None,
            place: None,
            reading: None,
        }
    }
}

/// A claim compared across outlets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Claim {
    /// Stable key of the finding (see [`keys`]): the same when compare
    /// re-runs on the same articles and after stories are regrouped.
    #[serde(default)]
    pub key: String,
    /// `figure`, `date`, `place`, `event`, `statement`.
    pub kind: String,
    /// What the claim is about ("killed: person in Gaza").
    pub subject: String,
    /// Agreement.
    pub status: Status,
    /// Each article's version.
    pub variants: Vec<Variant>,
    /// Why the status was given, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub note: Option<String>,
    /// Set for background (another time or place than the story's event):
    /// why the passages were read as background. Background claims are
    /// compared only with background claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub scope: Option<String>,
}

/// One operation of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiffPart {
    /// `equal`, `delete` (only in the reference) or `insert` (only in the variant).
    #[ts(type = "\"equal\" | \"delete\" | \"insert\"")]
    pub op: String,
    /// The words.
    pub text: String,
}

/// One article's version of a quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuoteVariant {
    /// Article id.
    pub article: i64,
    /// Field of the span.
    pub field: Field,
    /// The quoted words.
    pub text: String,
    /// First character.
    pub start: usize,
    /// End character.
    pub end: usize,
    /// Speaker as the article gives it.
    pub speaker: Option<String>,
    /// `verbatim` or `altered` against the group's reference, `reference` for it.
    pub status: String,
    /// Differences only in spelling of names, punctuation or case.
    pub spelling_only: bool,
    /// A shorter excerpt of the reference.
    pub excerpt: bool,
    /// Word diff against the reference (altered variants only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub diff: Option<Vec<DiffPart>>,
}

/// A quotation compared across outlets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuoteGroup {
    /// Stable key of the finding (see [`keys`]): the same when compare
    /// re-runs on the same articles and after stories are regrouped.
    #[serde(default)]
    pub key: String,
    /// Speaker most variants give.
    pub speaker: Option<String>,
    /// `misattributed` (outlets credit the words to different people),
    /// `altered`, `verbatim`, `unique` or `single`.
    pub status: String,
    /// The outlets name different people as the speaker of these words.
    pub speakers_differ: bool,
    /// Every difference is a spelling variant.
    pub spelling_only: bool,
    /// Versions.
    pub variants: Vec<QuoteVariant>,
    /// Diff of the first altered variant against the reference, as text:
    /// `[-removed-]` and `{+added+}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub diff: Option<String>,
    /// Whom the outlets credit, when they name different people, in one
    /// sentence: why the group is `misattributed`, or why it is not called
    /// so (a credit the extraction resolved through a pronoun or a role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub reason: Option<String>,
}

/// One spelling of an entity and where it is used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntityVariant {
    /// The name as written.
    pub text: String,
    /// Articles using it.
    pub articles: Vec<i64>,
    /// Every mention, in article order: (article, field, start, end).
    pub mentions: Vec<Mention>,
}

/// A mention's location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Mention {
    /// Article id.
    pub article: i64,
    /// Field.
    pub field: Field,
    /// First character.
    pub start: usize,
    /// End character.
    pub end: usize,
}

/// An entity across outlets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntityGroup {
    /// Stable key of the finding (see [`keys`]): the same when compare
    /// re-runs on the same articles and after stories are regrouped.
    #[serde(default)]
    pub key: String,
    /// Most used form.
    pub name: String,
    /// `person`, `organisation`, `place`, `group`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The outlets write the same name differently (transliteration or a small edit).
    pub spelling_variants: bool,
    /// The outlets use different names for it (including spelling variants).
    pub aliases: bool,
    /// Spellings.
    pub variants: Vec<EntityVariant>,
    /// True when some of the names were linked because one article's copy of
    /// a shared passage puts one where the other puts another ("… affiliated
    /// with the Hashed al-Shaabi coalition" / "… with the Popular
    /// Mobilisation Forces, a coalition"): an editor's substitution.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub renamed_in_shared_text: bool,
}

/// A person of the story, aligned across outlets, with what each outlet
/// says of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Participant {
    /// Stable key of the finding (see [`keys`]): the same when compare
    /// re-runs on the same articles and after stories are regrouped.
    #[serde(default)]
    pub key: String,
    /// The name most outlets use.
    pub name: String,
    /// Part in the event as the reports read: `victim`, `suspect`,
    /// `witness`, `official`; none when unclear.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub role: Option<String>,
    /// Titles and roles the outlets give ("Lt.", "Defence Secretary").
    pub titles: Vec<String>,
    /// Articles naming the person.
    pub articles: Vec<i64>,
    /// How each outlet names the person.
    pub names: Vec<EntityVariant>,
    /// Attributes (`age`, `residence`, `condition`, `charges`) compared
    /// across outlets: kind `attribute`, one claim per attribute.
    pub attributes: Vec<Claim>,
}

/// A passage shared by two articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Passage {
    /// Stable key of the finding (see [`keys`]): the same when compare
    /// re-runs on the same articles and after stories are regrouped.
    #[serde(default)]
    pub key: String,
    /// Start in the first article's text (characters).
    pub a_start: usize,
    /// End in the first article.
    pub a_end: usize,
    /// Start in the second article.
    pub b_start: usize,
    /// End in the second.
    pub b_end: usize,
    /// The first article's text of the passage.
    pub text: String,
    /// Number of words.
    pub words: usize,
    /// The passage lies inside a quotation in both articles.
    pub quotation: bool,
}

/// Text reuse between two articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reuse {
    /// Stable key of the finding (see [`keys`]): the same when compare
    /// re-runs on the same articles and after stories are regrouped.
    #[serde(default)]
    pub key: String,
    /// The two articles.
    pub articles: [i64; 2],
    /// Share of each article's words in shared passages.
    pub share: [f64; 2],
    /// `[from, to]` when publication dates differ, else none.
    pub direction: Option<[i64; 2]>,
    /// News agencies credited in either article.
    pub wire: Vec<String>,
    /// Shared passages.
    pub passages: Vec<Passage>,
}

/// A claim only one outlet makes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UniqueClaim {
    /// Stable key of the finding (see [`keys`]): the same when compare
    /// re-runs on the same articles and after stories are regrouped.
    #[serde(default)]
    pub key: String,
    /// `figure`, `quote`, `event`, `statement`, `attribute` (a participant's
    /// age, home, condition or charges).
    pub kind: String,
    /// Article id.
    pub article: i64,
    /// Field.
    pub field: Field,
    /// Passage.
    pub text: String,
    /// First character.
    pub start: usize,
    /// End character.
    pub end: usize,
}

impl UniqueClaim {
    /// True when the claim overlaps the span `start..end` of `field` of
    /// `article`.
    pub fn overlaps(&self, article: i64, field: Field, start: usize, end: usize) -> bool {
        self.article == article && self.field == field && self.start < end && start < self.end
    }
}

/// Counts per section and status.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct Summary {
    /// Figure claims per status.
    pub claims: BTreeMap<String, usize>,
    /// When/where items per status.
    pub when_where: BTreeMap<String, usize>,
    /// Quotation groups per status.
    pub quotes: BTreeMap<String, usize>,
    /// Statements per status.
    #[serde(default)]
    pub statements: BTreeMap<String, usize>,
    /// Participant attributes per status.
    #[serde(default)]
    pub participants: BTreeMap<String, usize>,
    /// Entities with more than one spelling.
    pub entity_variants: usize,
    /// Article pairs sharing passages.
    pub reuse_pairs: usize,
    /// Unique claims.
    pub unique: usize,
}

/// The comparison of one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Comparison {
    /// The story.
    pub story: StorySummary,
    /// Its articles.
    pub articles: Vec<ArticleRef>,
    /// Counts.
    pub summary: Summary,
    /// Figures.
    pub claims: Vec<Claim>,
    /// Event dates.
    pub when: Vec<Claim>,
    /// Event places.
    #[serde(rename = "where")]
    pub where_: Vec<Claim>,
    /// Statements: the same fact told by several outlets in their own words.
    #[serde(default)]
    pub statements: Vec<Claim>,
    /// Quotations.
    pub quotes: Vec<QuoteGroup>,
    /// The story's people and their attributes, outlet by outlet.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// Entities.
    pub entities: Vec<EntityGroup>,
    /// Text reuse.
    pub reuse: Vec<Reuse>,
    /// Claims no other outlet makes.
    pub unique: Vec<UniqueClaim>,
    /// The researcher's verdicts on these findings, by finding key. The
    /// comparison itself leaves it empty; `app::compare_story` fills it
    /// from the archive.
    #[serde(default)]
    pub verdicts: BTreeMap<String, Verdict>,
}
