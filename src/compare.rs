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
//!
//! The shape of the result (every finding, with its passages) is in
//! [`findings`], re-exported here; the words and character spans every
//! section reads texts with are in [`words`]. This file runs the sections
//! in order and sums them up.

pub mod clauses;
pub mod clock;
pub mod entities;
pub mod figures;
mod findings;
pub mod injuries;
pub mod keys;
pub mod markdown;
pub mod numbers;
pub mod object_counts;
pub mod participants;
pub mod quotes;
pub mod reading;
pub mod reuse;
pub mod scope;
mod sets;
pub mod statements;
pub mod unique;
pub mod when_where;
mod words;

use std::collections::BTreeMap;

pub use self::findings::{
    ArticleRef, Claim, Comparison, DiffPart, EntityGroup, EntityVariant, Mention, Participant,
    Passage, QuoteGroup, QuoteVariant, Reuse, Status, Summary, UniqueClaim, Variant,
};
pub use self::words::{char_slice, for_each_word, word_hash, word_spans};
use crate::document::Document;
use crate::extract::items::Field;
use crate::model::StorySummary;

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
    claims.extend(clock::compare(&readings));
    claims.extend(object_counts::compare(&readings));
    let (when, where_) = when_where::compare(story, &readings);
    let quotes = quotes::compare(&sorted);
    let reuse = reuse::compare(&sorted);
    let clusters = entities::clusters(&sorted, &reuse);
    let entities = entities::groups(&sorted, &clusters);
    let participants = participants::compare(&readings, &clusters);
    // One person's name spelt two ways is one key for the sentence
    // measures below.
    entities::fold_spellings(&mut readings, &entities::spelling_folds(&clusters));
    let weights = statements::Weights::of(&readings);
    let (statements, best_matches) = statements::compare(&readings, &weights);
    // Aligned statements are sentences or runs of clauses; whether a clause
    // of one is stated elsewhere is the unique reading's own, finer question.
    let shared = shared_spans(&[&claims, &when, &where_], &participants, &quotes, &reuse);
    let mut unique = unique::collect(&readings, &weights, &best_matches, &shared, &quotes);
    unique::add_attributes(&mut unique, &readings, &participants);
    // A quotation only one outlet carries is unique only when what it says
    // is stated nowhere else; otherwise it is that outlet's `single` quote
    // of something others report in their own words.
    let mut quotes = quotes;
    for group in quotes.iter_mut().filter(|q| q.status == "unique") {
        let alone = group.variants.iter().all(|v| {
            unique
                .iter()
                .any(|u| u.overlaps(v.article, v.field, v.start, v.end))
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

#[cfg(test)]
pub(crate) mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::extract::items::{
        Anchor, EntityItem, EntityKind, Extraction, FigureItem, Predicate, QuoteItem, QuoteKind,
    };

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
            predicate: Predicate::parse(predicate),
            sentence: (0, 0),
            date: None,
            place: None,
        }
    }

    pub(crate) fn quote(text: &str, words: &str, speaker: &str) -> QuoteItem {
        QuoteItem {
            anchor: anchor(text, words),
            kind: QuoteKind::Statement,
            speaker: Some(speaker.into()),
            speaker_entity: None,
            verb: Some("said".into()),
            continues_previous: false,
        }
    }

    /// Claims as (status, the texts of their passages): what data-driven
    /// tests of a section expect.
    pub(crate) fn passages(claims: &[Claim]) -> Vec<(Status, Vec<&str>)> {
        claims
            .iter()
            .map(|c| {
                (
                    c.status,
                    c.variants.iter().map(|v| v.text.as_str()).collect(),
                )
            })
            .collect()
    }

    pub(crate) fn entity(text: &str, name: &str, kind: &str) -> EntityItem {
        EntityItem {
            anchor: anchor(text, name),
            kind: EntityKind::parse(kind).expect("an entity kind"),
            name: name.into(),
            role: None,
            place: None,
            entity: None,
        }
    }

    /// One article per text, numbered from 1, with no extraction.
    pub(crate) fn articles(texts: &[&str]) -> Vec<Document> {
        texts
            .iter()
            .zip(1..)
            .map(|(text, id)| article(id, text, vec![]))
            .collect()
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
