//! What extraction produces for one article: the stored, serialisable form.
//!
//! Every item names the field it was found in (`text` or `title`) and its
//! span as **character** offsets (Unicode scalar values) into that field of
//! the stored article, plus the exact text of the span, so a reader can check
//! any claim against its passage. The stage modules work in byte ranges; the
//! pipeline converts. Cross-item references (an event's actors, a quote's
//! speaker) are indices into this article's lists.
//!
//! Item kinds (a noise span's, a date's, an entity's, a quotation's, an
//! event's, a figure's qualifier and predicate) are enums stored and
//! serialised under their names (`as_str`); they compare equal to their
//! name as a string, so `kind == "dateline"` reads the same as
//! `kind == NoiseKind::Dateline`.

mod kinds;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::DatePrecision;
pub use kinds::{
    DateKind, EntityKind, EventType, NoiseKind, PlaceKind, Predicate, Qualifier, QuoteKind,
};

/// Version of the extractors; stored with every article's extraction, so an
/// upgrade re-extracts exactly the articles made by an older version.
pub const EXTRACTOR_VERSION: u32 = 8;

/// Which field of the article a span points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The body text.
    Text,
    /// The headline.
    Title,
}

impl Field {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Title => "title",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Field> {
        match name {
            "text" => Some(Field::Text),
            "title" => Some(Field::Title),
            _ => None,
        }
    }
}

/// A passage: field, character span and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Anchor {
    /// Field the span is in.
    pub field: Field,
    /// First character (inclusive).
    pub start: usize,
    /// Last character (exclusive).
    pub end: usize,
    /// The text of the span, exactly.
    pub text: String,
}

/// The date extraction resolved relative expressions against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReferenceDate {
    /// The date.
    pub date: NaiveDate,
    /// True when inferred from the text because the article has no published date.
    pub inferred: bool,
}

/// A place resolved against the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlaceRef {
    /// Stable identifier (e.g. `US/Illinois/Chicago`).
    pub id: String,
    /// Name as in the gazetteer.
    pub name: String,
    /// Country, region, county or city.
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2.
    pub country_code: String,
    /// Country name.
    pub country: String,
    /// First-level region (state, province), when any.
    pub region: Option<String>,
    /// Second-level region (county), when any.
    pub county: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

impl PlaceRef {
    /// True when `inner` lies within this place (a city inside its county,
    /// region or country); a place contains itself.
    pub fn contains(&self, inner: &PlaceRef) -> bool {
        if self.id == inner.id {
            return true;
        }
        if self.country_code != inner.country_code {
            return false;
        }
        match self.kind {
            PlaceKind::Country => inner.kind != PlaceKind::Country,
            PlaceKind::Region => {
                inner.region.as_deref() == Some(self.name.as_str())
                    && inner.kind != PlaceKind::Region
            }
            PlaceKind::County => {
                inner.county.as_deref() == Some(self.name.as_str()) && inner.kind == PlaceKind::City
            }
            PlaceKind::City => false,
        }
    }
}

/// A span of non-article material (embedded post, caption, boilerplate,
/// credit line, dateline): kept in the text, excluded from claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NoiseItem {
    /// Where.
    #[serde(flatten)]
    pub anchor: Anchor,
    /// Social post, caption, boilerplate, credit or dateline.
    pub kind: NoiseKind,
}

/// A mention of a person, organisation, place or group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntityItem {
    /// Where.
    #[serde(flatten)]
    pub anchor: Anchor,
    /// Person, organisation, place or group.
    pub kind: EntityKind,
    /// Full form within the article ("Lloyd Austin" for "Mr Austin").
    pub name: String,
    /// Role or title ("Defence Secretary").
    pub role: Option<String>,
    /// Gazetteer match for places.
    pub place: Option<PlaceRef>,
    /// Archive-wide canonical entity, filled in when stored.
    pub entity: Option<i64>,
}

/// A date expression resolved to the calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DateItem {
    /// Where.
    #[serde(flatten)]
    pub anchor: Anchor,
    /// Absolute or relative.
    pub kind: DateKind,
    /// Resolved date, when it could be resolved.
    pub date: Option<NaiveDate>,
    /// Precision of `date`.
    pub precision: DatePrecision,
    /// `morning`, `afternoon`, `evening`, `night`.
    pub part_of_day: Option<String>,
    /// A weekday named with an explicit date that contradicts it.
    pub weekday_conflict: bool,
}

/// A count of something, with its qualifier as an interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FigureItem {
    /// The whole phrase ("at least 20,670 people").
    #[serde(flatten)]
    pub anchor: Anchor,
    /// The stated number (none for vague quantities such as "several").
    pub value: Option<f64>,
    /// Lower bound of the interval the phrase allows.
    pub low: Option<f64>,
    /// Upper bound (`None`: unbounded).
    pub high: Option<f64>,
    /// How the stated number relates to the count (`at_least`, `more_than`, `about`, …).
    pub qualifier: Option<Qualifier>,
    /// Approximate quantity.
    pub approximate: bool,
    /// Implied by a singular noun ("a man was killed" → 1).
    pub implicit: bool,
    /// A part of another count ("one of the three …").
    pub partitive: bool,
    /// What is counted, as a singular lower-case lemma ("service member").
    pub counted: Option<String>,
    /// What happened to what is counted (`killed`, `injured`, `struck`, …).
    pub predicate: Option<Predicate>,
    /// Character span of the sentence it was found in.
    pub sentence: (usize, usize),
    /// Index of the date mentioned in the same sentence, if any.
    pub date: Option<usize>,
    /// Index of the place mentioned in the same sentence, if any.
    pub place: Option<usize>,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuoteItem {
    /// The quoted words, without quotation marks.
    #[serde(flatten)]
    pub anchor: Anchor,
    /// `statement`, `partial` or `scare`.
    pub kind: QuoteKind,
    /// Speaker as written or resolved ("Lloyd Austin").
    pub speaker: Option<String>,
    /// Index of the speaker's entity mention, when the speaker is one.
    pub speaker_entity: Option<usize>,
    /// Speech verb ("said", "according to").
    pub verb: Option<String>,
    /// True for the part of a quotation continued in a new paragraph.
    pub continues_previous: bool,
}

/// An event frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EventItem {
    /// The sentence the event is told in.
    #[serde(flatten)]
    pub anchor: Anchor,
    /// `attack`, `airstrike`, `shooting`, `killing`, `injury`, `arrest`, …
    pub kind: EventType,
    /// The trigger word's character span in the same field.
    pub trigger: (usize, usize),
    /// Entity indices of the actors.
    pub actors: Vec<usize>,
    /// Entity indices of the targets or victims.
    pub targets: Vec<usize>,
    /// Entity index of the place.
    pub place: Option<usize>,
    /// Date index.
    pub date: Option<usize>,
    /// Figure indices.
    pub figures: Vec<usize>,
    /// Told as not having happened.
    pub negated: bool,
    /// Told as possible or threatened.
    pub hypothetical: bool,
    /// Ranking score (higher: more likely the article's main event).
    pub score: f64,
}

/// The article's main event with its consolidated facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MainEvent {
    /// Index into `events`.
    pub event: usize,
    /// Event type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// When it happened.
    pub date: Option<NaiveDate>,
    /// Precision of `date`.
    pub date_precision: Option<DatePrecision>,
    /// Where it happened.
    pub place: Option<PlaceRef>,
    /// Consolidated number killed (`None`: the article does not say).
    pub killed: Option<i64>,
    /// Consolidated number injured.
    pub injured: Option<i64>,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct Extraction {
    /// Extractor version that produced this (0: not extracted).
    #[serde(rename = "extractor_version")]
    pub version: u32,
    /// Date that relative expressions were resolved against.
    pub reference_date: Option<ReferenceDate>,
    /// Non-article spans.
    pub noise: Vec<NoiseItem>,
    /// Entity mentions.
    pub entities: Vec<EntityItem>,
    /// Date mentions.
    pub dates: Vec<DateItem>,
    /// Figures.
    pub figures: Vec<FigureItem>,
    /// Quotations.
    pub quotes: Vec<QuoteItem>,
    /// Events.
    pub events: Vec<EventItem>,
    /// The main event.
    pub main_event: Option<MainEvent>,
    /// News agencies credited in the text (AFP, Reuters, AP, …).
    pub wire_credits: Vec<String>,
}

/// A span of an extraction that does not hold its text in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MisplacedSpan {
    /// `entity`, `date`, `figure`, `quote`, `event` or `noise`.
    pub item: &'static str,
    /// The span as the extraction gives it.
    pub anchor: Anchor,
    /// The characters the article has at the span (as many as exist).
    pub actual: String,
}

impl Extraction {
    /// Every span of the extraction, with the kind of item it anchors.
    pub fn anchors(&self) -> impl Iterator<Item = (&'static str, &Anchor)> {
        self.entities
            .iter()
            .map(|e| ("entity", &e.anchor))
            .chain(self.dates.iter().map(|d| ("date", &d.anchor)))
            .chain(self.figures.iter().map(|f| ("figure", &f.anchor)))
            .chain(self.quotes.iter().map(|q| ("quote", &q.anchor)))
            .chain(self.events.iter().map(|e| ("event", &e.anchor)))
            .chain(self.noise.iter().map(|n| ("noise", &n.anchor)))
    }

    /// The spans whose characters in `title` or `text` are not their
    /// stored text (or lie past the field's end), in [`Extraction::anchors`]
    /// order, with how many spans were checked.
    pub fn misplaced_spans(&self, title: &str, text: &str) -> (u64, Vec<MisplacedSpan>) {
        let title_chars: Vec<char> = title.chars().collect();
        let text_chars: Vec<char> = text.chars().collect();
        let mut checked = 0;
        let mut misplaced = Vec::new();
        for (item, anchor) in self.anchors() {
            checked += 1;
            let chars = match anchor.field {
                Field::Title => &title_chars,
                Field::Text => &text_chars,
            };
            let actual: String = chars
                .get(anchor.start..anchor.end.min(chars.len()))
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            if actual != anchor.text || anchor.end > chars.len() {
                misplaced.push(MisplacedSpan {
                    item,
                    anchor: anchor.clone(),
                    actual,
                });
            }
        }
        (checked, misplaced)
    }
}
