//! Comparison of the articles of one story, claim by claim.
//!
//! [`compare`] is pure and deterministic: it takes a story's summary and its
//! articles (stored fields plus extraction) and returns a [`Comparison`]:
//! - `claims`: figures aligned by predicate, what they count, and place or
//!   time when given, with status `agreed` (same stated value), `compatible`
//!   (different values whose intervals overlap or one rounds the other),
//!   `conflict` (disjoint) or `unique` (one outlet);
//! - `when` / `where`: the events' dates and places across outlets;
//! - `quotes`: quotations grouped by content, `verbatim`, `altered` (with a
//!   word-level diff) or `unique`, spelling-only differences flagged, and
//!   different speakers for the same words flagged;
//! - `entities`: which variant of each name each outlet uses;
//! - `reuse`: passages shared between two articles (winnowing), with spans in
//!   both, each side's reused share, likely direction and wire credits;
//! - `unique`: claims no other outlet makes.
//!
//! Every finding has a `key` ([`keys`]) that re-runs and story regrouping
//! keep, under which a researcher's verdicts are stored; `verdicts` holds
//! them once the application layer has read them from the archive.
//!
//! Every item carries, for each article, the text and its character span
//! (into `text`, or into `title` where `field` says so). The JSON shape is
//! the serialisation of these types; `markdown::render` makes the report.

pub mod clauses;
pub mod entities;
pub mod figures;
pub mod injuries;
pub mod keys;
pub mod markdown;
pub mod numbers;
pub mod participants;
pub mod quotes;
pub mod reading;
pub mod reuse;
pub mod scope;
pub mod statements;
pub mod unique;
pub mod when_where;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::document::Document;
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
    /// Why the group is `misattributed`, in one sentence: which outlet
    /// credits the words to whom.
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
    /// `figure`, `quote`, `event`, `statement`.
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

/// Compares the articles of a story (see the module doc).
pub fn compare(story: &StorySummary, articles: &[Document]) -> Comparison {
    // An undated article is read as of the story's first report, so its
    // "Monday" can be compared with the others' dates.
    let first_report = articles.iter().filter_map(|a| a.published).min();
    let resolved: Vec<Option<Document>> = articles
        .iter()
        .map(|a| a.dated_against(first_report))
        .collect();
    let views: Vec<&Document> = articles
        .iter()
        .zip(&resolved)
        .map(|(a, r)| r.as_ref().unwrap_or(a))
        .collect();
    let mut sorted: Vec<&Document> = views;
    sorted.sort_by_key(|a| (a.published.is_none(), a.published, a.id));
    let mut readings: Vec<reading::Reading<'_>> = reading::Reading::all(&sorted);
    for reading in &mut readings {
        scope::assign(reading, story);
    }
    let mut claims = figures::compare(&readings);
    claims.extend(injuries::compare(&readings));
    let (when, where_) = when_where::compare(story, &readings);
    let quotes = quotes::compare(&sorted);
    let reuse = reuse::compare(&sorted);
    let clusters = entities::clusters(&sorted, &reuse);
    let entities = entities::groups(&sorted, &clusters);
    let participants = participants::compare(&readings, &clusters);
    let weights = statements::Weights::of(&readings);
    let (statements, best_matches) = statements::compare(&readings, &weights);
    // Aligned statements are sentences or runs of clauses; whether a clause
    // of one is stated elsewhere is the unique reading's own, finer question.
    let shared = shared_spans(&[&claims, &when, &where_], &participants, &quotes, &reuse);
    let unique = unique::collect(&readings, &weights, &best_matches, &shared, &quotes);
    // A quotation only one outlet carries is unique only when what it says
    // is stated nowhere else; otherwise it is that outlet's `single` quote
    // of something others report in their own words.
    let mut quotes = quotes;
    for group in quotes.iter_mut().filter(|q| q.status == "unique") {
        let alone = group.variants.iter().all(|v| {
            unique.iter().any(|u| {
                u.article == v.article && u.field == v.field && u.start < v.end && v.start < u.end
            })
        });
        if !alone {
            group.status = "single".into();
        }
    }
    let mut summary = Summary::default();
    for c in &claims {
        *summary
            .claims
            .entry(c.status.as_str().to_string())
            .or_insert(0) += 1;
    }
    for c in when.iter().chain(&where_) {
        *summary
            .when_where
            .entry(c.status.as_str().to_string())
            .or_insert(0) += 1;
    }
    for q in &quotes {
        *summary.quotes.entry(q.status.clone()).or_insert(0) += 1;
    }
    for c in &statements {
        *summary
            .statements
            .entry(c.status.as_str().to_string())
            .or_insert(0) += 1;
    }
    for claim in participants.iter().flat_map(|p| &p.attributes) {
        *summary
            .participants
            .entry(claim.status.as_str().to_string())
            .or_insert(0) += 1;
    }
    summary.entity_variants = entities.iter().filter(|e| e.spelling_variants).count();
    summary.reuse_pairs = reuse.len();
    summary.unique = unique.len();
    let mut comparison = Comparison {
        story: story.clone(),
        articles: sorted
            .iter()
            .map(|a| ArticleRef {
                id: a.id,
                external_id: a.external_id.clone(),
                source: a.source.clone(),
                title: a.title.clone(),
                published: a.published,
            })
            .collect(),
        summary,
        claims,
        when,
        where_,
        statements,
        quotes,
        participants,
        entities,
        reuse,
        unique,
        verdicts: BTreeMap::new(),
    };
    keys::assign(&mut comparison);
    comparison
}

/// The body spans of every finding two outlets or more share: what a
/// unique claim may not touch.
fn shared_spans(
    sections: &[&Vec<Claim>],
    participants: &[Participant],
    quotes: &[QuoteGroup],
    reuse: &[Reuse],
) -> Vec<(i64, usize, usize)> {
    let mut out = Vec::new();
    let claims = sections
        .iter()
        .flat_map(|s| s.iter())
        .chain(participants.iter().flat_map(|p| &p.attributes));
    for claim in claims.filter(|c| c.status != Status::Unique) {
        let outlets: std::collections::BTreeSet<i64> =
            claim.variants.iter().map(|v| v.article).collect();
        if outlets.len() >= 2 {
            out.extend(
                claim
                    .variants
                    .iter()
                    .filter(|v| v.field == Field::Text)
                    .map(|v| (v.article, v.start, v.end)),
            );
        }
    }
    for group in quotes
        .iter()
        .filter(|q| q.status != "unique" && q.status != "single")
    {
        out.extend(
            group
                .variants
                .iter()
                .filter(|v| v.field == Field::Text)
                .map(|v| (v.article, v.start, v.end)),
        );
    }
    for pair in reuse {
        for passage in &pair.passages {
            out.push((pair.articles[0], passage.a_start, passage.a_end));
            out.push((pair.articles[1], passage.b_start, passage.b_end));
        }
    }
    out
}

/// Calls `visit` with each word of a text (lower-cased) and its character
/// span: runs of letters and digits, with "&" read as "and" (so "Iraq &
/// Syria" matches "Iraq and Syria"). One buffer serves every word.
pub fn for_each_word(text: &str, mut visit: impl FnMut(&str, usize, usize)) {
    let mut current = String::new();
    let mut start = 0;
    let mut position = 0;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if current.is_empty() {
                start = position;
            }
            if c.is_ascii() {
                current.push(c.to_ascii_lowercase());
            } else {
                current.extend(c.to_lowercase());
            }
        } else {
            if !current.is_empty() {
                visit(&current, start, position);
                current.clear();
            }
            if c == '&' {
                visit("and", position, position + 1);
            }
        }
        position += 1;
    }
    if !current.is_empty() {
        visit(&current, start, position);
    }
}

/// Words of a text with their character spans (see [`for_each_word`]).
pub fn word_spans(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for_each_word(text, |w, s, e| out.push((w.to_string(), s, e)));
    out
}

/// FNV-1a hash of a word: fixed, so results never depend on the process.
pub fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The characters `start..end` of `text` (character offsets).
pub fn char_slice(text: &str, start: usize, end: usize) -> String {
    let from = byte_of_char(text, start);
    let to = from + byte_of_char(&text[from..], end.saturating_sub(start));
    text[from..to].to_string()
}

/// The byte offset of character `chars` of `text` (its length past the
/// end). Findings are sliced from long bodies thousands of times per
/// comparison, so whole blocks of bytes are skipped by counting the bytes
/// that start a character (a count that vectorises) instead of decoding
/// characters one by one.
fn byte_of_char(text: &str, chars: usize) -> usize {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    // A byte continues a character when its top bits are 10: eight bytes
    // at a time, the mask keeps bit 7 where bit 6 (shifted up) is clear.
    let starts = |block: &[u8]| -> usize {
        block
            .chunks_exact(8)
            .map(|chunk| {
                let mut word = [0_u8; 8];
                word.copy_from_slice(chunk);
                let word = u64::from_le_bytes(word);
                let continuing = word & !(word << 1) & 0x8080_8080_8080_8080;
                8 - continuing.count_ones() as usize
            })
            .sum()
    };
    let (mut at, mut seen) = (0, 0);
    // Character `chars` starts after `chars` others: a block holding no
    // more starts than are left to pass does not hold it.
    while let Some(block) = bytes.get(at..at + BLOCK) {
        let count = starts(block);
        if seen + count > chars {
            break;
        }
        seen += count;
        at += BLOCK;
    }
    for (offset, &byte) in bytes[at..].iter().enumerate() {
        if (byte as i8) >= -0x40 {
            if seen == chars {
                return at + offset;
            }
            seen += 1;
        }
    }
    bytes.len()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn char_slice_counts_characters() {
        // (text, start, end) → the characters start..end.
        let long = format!("{}é’x{}", "a".repeat(130), "b".repeat(70));
        let cases: Vec<(&str, usize, usize, String)> = vec![
            ("Few’s car", 0, 5, "Few’s".into()),
            ("Few’s car", 4, 9, "s car".into()),
            ("Few’s car", 6, 40, "car".into()),
            ("Few’s car", 12, 14, "".into()),
            ("Few’s car", 5, 3, "".into()),
            ("ééé", 1, 2, "é".into()),
            (&long, 129, 133, "aé’x".into()),
            (&long, 131, 140, "’xbbbbbbb".into()),
            (&long, 200, 203, "bbb".into()),
            (&long, 202, 210, "b".into()),
        ];
        for (text, start, end, expected) in cases {
            let decoded: String = text
                .chars()
                .skip(start)
                .take(end.saturating_sub(start))
                .collect();
            assert_eq!(decoded, expected, "{start}..{end}");
            assert_eq!(char_slice(text, start, end), expected, "{start}..{end}");
        }
    }
    use crate::extract::items::{EntityItem, Extraction, FigureItem, QuoteItem};

    /// Character offset of `needle` in `haystack`.
    fn find_chars(haystack: &str, needle: &str) -> (usize, usize) {
        let byte = haystack.find(needle).unwrap_or(0);
        let start = haystack[..byte].chars().count();
        (start, start + needle.chars().count())
    }

    pub(crate) fn anchor(text: &str, needle: &str) -> Anchor {
        let (start, end) = find_chars(text, needle);
        Anchor {
            field: Field::Text,
            start,
            end,
            text: needle.to_string(),
        }
    }

    pub(crate) fn story() -> StorySummary {
        StorySummary {
            id: 1,
            title: None,
            date: NaiveDate::from_ymd_opt(2024, 5, 6),
            place: None,
            articles: vec![],
            sources: vec![],
            killed: None,
            injured: None,
            first_reporter: None,
            pinned: false,
        }
    }

    /// A figure whose anchor text is located when the article is built.
    pub(crate) fn figure(
        text: &str,
        value: f64,
        low: Option<f64>,
        high: Option<f64>,
        counted: &str,
        predicate: &str,
    ) -> FigureItem {
        FigureItem {
            anchor: Anchor {
                field: Field::Text,
                start: 0,
                end: 0,
                text: text.into(),
            },
            value: Some(value),
            low,
            high,
            qualifier: None,
            approximate: false,
            implicit: false,
            partitive: false,
            counted: Some(counted.into()),
            predicate: Some(predicate.into()),
            sentence: (0, 0),
            date: None,
            place: None,
        }
    }

    pub(crate) fn quote(text: &str, words: &str, speaker: &str) -> QuoteItem {
        QuoteItem {
            anchor: anchor(text, words),
            kind: "statement".into(),
            speaker: Some(speaker.into()),
            speaker_entity: None,
            verb: Some("said".into()),
            continues_previous: false,
        }
    }

    pub(crate) fn entity(text: &str, name: &str, kind: &str) -> EntityItem {
        EntityItem {
            anchor: anchor(text, name),
            kind: kind.into(),
            name: name.into(),
            role: None,
            place: None,
            entity: None,
        }
    }

    pub(crate) fn article(id: i64, text: &str, figures: Vec<FigureItem>) -> Document {
        let figures = figures
            .into_iter()
            .map(|mut f| {
                let located = anchor(text, &f.anchor.text);
                f.anchor = located;
                f
            })
            .collect();
        Document {
            id,
            external_id: format!("a{id}"),
            source: Some(format!("Outlet {id}")),
            title: None,
            published: NaiveDate::from_ymd_opt(2024, 5, 6 + id as u32),
            text: text.into(),
            extraction: Extraction {
                figures,
                ..Extraction::default()
            },
        }
    }

    #[test]
    fn word_spans_are_character_offsets() {
        let spans = word_spans("“Iraq & Syria”, é!");
        let words: Vec<(&str, usize, usize)> =
            spans.iter().map(|(w, s, e)| (w.as_str(), *s, *e)).collect();
        assert_eq!(
            words,
            vec![
                ("iraq", 1, 5),
                ("and", 6, 7),
                ("syria", 8, 13),
                ("é", 16, 17)
            ]
        );
    }

    #[test]
    fn comparison_is_deterministic_and_renders() {
        let a = article(
            1,
            "Three soldiers were wounded in the attack on the base late on Sunday night.",
            vec![figure(
                "Three soldiers",
                3.0,
                None,
                None,
                "soldier",
                "injured",
            )],
        );
        let b = article(
            2,
            "Officials said three troops were wounded in the attack on the base.",
            vec![figure("three troops", 3.0, None, None, "troop", "injured")],
        );
        let one = compare(&story(), &[a.clone(), b.clone()]);
        let two = compare(&story(), &[b, a]);
        assert_eq!(one, two);
        assert_eq!(one.summary.claims.get("agreed"), Some(&1));
        let report = markdown::render(&one);
        assert!(
            report.contains(
                "| figures | wounded: military: Three soldiers / three troops | agreed |"
            )
        );
    }
}
