//! Stories: articles reporting the same real-world event, grouped.
//!
//! [`group`] is the pure core: given the archive's articles (with their
//! extractions) and the groups a user pinned, it returns the stories with
//! each member's placement score and reason. The store persists the result
//! (`store::stories`) and keeps user decisions (move, split, merge) as
//! pinned stories, which every later run keeps exactly.
//!
//! Each story is summarised for lists and comparison ([`StorySummary`]):
//! - `title`: the headline of the most central member that has one (highest
//!   summed text similarity to the others; ties to the earliest), else the
//!   first sentence of the most central member;
//! - `date`: the most frequent main-event date known to the day and not
//!   after the first report (ties to the date the earliest report gives);
//!   members whose text states no such date (their main event defaulted
//!   to the publication day) vote only when no member's text dates it;
//!   else the first report's publication date;
//! - `place`: the most frequent main-event city (ties to the smallest id);
//!   when members agree only on a county or region, the city inside it they
//!   mention most; else the most frequent place of any level;
//! - `killed` / `injured`: among members giving any casualty figure (a
//!   missing count then reads as zero), the value most give; a tie goes to
//!   the larger value, since later reports count victims who died or were
//!   found later; `null` when no member gives one;
//! - `first_reporter`: the earliest published member (ties to the lowest id).

pub mod blocking;
pub mod cluster;
pub mod features;
pub mod outlets;
pub mod postings;
pub mod sketch;
pub mod small_set;
mod summary;
pub mod synthetic;

use std::collections::{BTreeMap, HashMap};

use crate::document::Document;
pub use crate::model::grouping::{FixedGroup, Membership, StoryDraft};
pub use crate::model::{FirstReporter, StorySummary};
use features::Features;
pub use summary::summarise;

/// Groups articles into stories. `pinned` lists the article ids of each
/// story whose membership a user fixed. Output order: pinned stories first,
/// then by first member's date, then id; deterministic.
pub fn group(articles: &[Document], pinned: &[Vec<i64>]) -> Vec<StoryDraft> {
    group_with_threshold(articles, pinned, cluster::JOIN_THRESHOLD)
}

/// [`group`] with another join threshold (for evaluation).
pub fn group_with_threshold(
    articles: &[Document],
    pinned: &[Vec<i64>],
    threshold: f32,
) -> Vec<StoryDraft> {
    let fixed: Vec<FixedGroup> = pinned
        .iter()
        .map(|a| FixedGroup {
            articles: a.clone(),
            pinned: true,
        })
        .collect();
    group_fixed(articles, &fixed, threshold)
}

/// Groups articles keeping `fixed` groups together (new articles may join
/// them): the incremental form used by the store, where earlier stories
/// are fixed and only new articles are placed.
pub fn group_fixed(articles: &[Document], fixed: &[FixedGroup], threshold: f32) -> Vec<StoryDraft> {
    let (features, _) = features::build(articles);
    group_features(&features, fixed, threshold)
}

/// [`group_fixed`] over articles' features (built from the whole archive
/// by [`features::Builder`]): what the store's update runs, holding no
/// article's text.
pub fn group_features(
    features: &[Features],
    fixed: &[FixedGroup],
    threshold: f32,
) -> Vec<StoryDraft> {
    let context = cluster::Context {
        frequencies: cluster::Frequencies::of(features),
        found: HashMap::new(),
        file_fixed: true,
    };
    group_in_context(features, fixed, threshold, &context)
}

/// [`group_features`] for a story update, which holds only its new
/// articles and the stories they may join (`fixed`): `context` gives what
/// it knows of the rest of the archive, the earlier articles each new one
/// found by the keys kept for them and the archive-wide counts.
pub fn group_in_context(
    features: &[Features],
    fixed: &[FixedGroup],
    threshold: f32,
    context: &cluster::Context<'_>,
) -> Vec<StoryDraft> {
    let position: HashMap<i64, usize> = features
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    let pinned_indices: Vec<Vec<usize>> = fixed
        .iter()
        .map(|g| {
            g.articles
                .iter()
                .filter_map(|id| position.get(id).copied())
                .collect()
        })
        .collect();
    drop(position);
    let mut order: Vec<usize> = (0..features.len()).collect();
    // Undated articles come last: they have no date window of their own, so
    // they are placed once every dated report is in its story.
    order.sort_by_key(|&i| {
        let date = features[i].published.or(features[i].event_date);
        (date.is_none(), date, features[i].id)
    });
    let placements = cluster::cluster_with(features, &pinned_indices, &order, threshold, context);

    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &order {
        if let Some(p) = placements.get(i).filter(|p| p.group != usize::MAX) {
            groups.entry(p.group).or_default().push(i);
        }
    }
    let pinned_count = pinned_indices.len();
    let mut drafts: Vec<StoryDraft> = groups
        .into_iter()
        .map(|(group, members)| {
            let memberships = members
                .iter()
                .map(|&i| Membership {
                    article: features[i].id,
                    score: f64::from(placements[i].score),
                    reason: if group < pinned_count
                        && placements[i].reason == "pinned"
                        && !fixed[group].pinned
                    {
                        "kept".into()
                    } else {
                        placements[i].reason.into()
                    },
                    linked_to: placements[i].linked_to.map(|j| features[j].id),
                })
                .collect();
            let mut summary = summarise(features, &members);
            let origin = (group < pinned_count).then_some(group);
            summary.pinned = origin.is_some_and(|g| fixed[g].pinned);
            StoryDraft {
                summary,
                members: memberships,
                origin,
            }
        })
        .collect();
    drafts.sort_by_key(|d| {
        (
            !d.summary.pinned,
            d.summary.first_reporter.as_ref().and_then(|f| f.published),
            d.summary.articles.first().copied(),
        )
    });
    for (n, draft) in drafts.iter_mut().enumerate() {
        draft.summary.id = n as i64 + 1;
    }
    drafts
}

/// The entry with the most votes; ties go to the first in `votes`' order
/// (callers pass an ordered map's entries, so the result does not depend on
/// the order the votes arrived in).
fn most_voted<'a, K>(votes: impl Iterator<Item = (&'a K, &'a usize)>) -> Option<(&'a K, usize)> {
    votes.fold(None, |best, (key, count)| match best {
        Some((_, most)) if most >= *count => best,
        _ => Some((key, *count)),
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::summary::mode;
    use super::*;
    use crate::extract::items::PlaceRef;
    use crate::extract::items::{EventType, Extraction, MainEvent};
    use crate::model::DatePrecision;

    fn place(city: &str, region: &str) -> PlaceRef {
        PlaceRef {
            id: format!("US/{region}/{city}"),
            name: city.into(),
            kind: crate::extract::items::PlaceKind::City,
            country_code: "US".into(),
            country: "United States".into(),
            region: Some(region.into()),
            county: None,
            lat: 0.0,
            lon: 0.0,
        }
    }

    fn article(
        id: i64,
        day: u32,
        title: &str,
        text: &str,
        city: Option<PlaceRef>,
        killed: Option<i64>,
    ) -> Document {
        let date = NaiveDate::from_ymd_opt(2016, 3, day);
        Document {
            id,
            external_id: format!("a{id}"),
            source: Some(format!("outlet{}", id % 3)),
            title: Some(title.into()),
            published: date,
            text: text.into(),
            extraction: Extraction {
                main_event: Some(MainEvent {
                    event: 0,
                    kind: EventType::Shooting,
                    date,
                    date_precision: Some(DatePrecision::Day),
                    place: city,
                    killed,
                    injured: None,
                }),
                ..Extraction::default()
            },
        }
    }

    fn person(name: &str) -> crate::extract::items::EntityItem {
        crate::extract::items::EntityItem {
            anchor: crate::extract::items::Anchor {
                field: crate::extract::items::Field::Text,
                start: 0,
                end: 0,
                text: name.into(),
            },
            kind: crate::extract::items::EntityKind::Person,
            name: name.into(),
            role: None,
            place: None,
            entity: None,
        }
    }

    fn corpus() -> Vec<Document> {
        let dayton = || Some(place("Dayton", "Ohio"));
        let toledo = || Some(place("Toledo", "Ohio"));
        let mut articles = vec![
            article(
                1,
                4,
                "Man killed in Dayton shooting on Elm Street",
                "A man was shot dead outside a bakery on Elm Street in Dayton late Friday. Police said Marcus Whitfield, 31, died at the scene.",
                dayton(),
                Some(1),
            ),
            article(
                2,
                5,
                "Police name victim of Elm Street shooting",
                "Dayton police identified Marcus Whitfield as the man shot outside an Elm Street bakery on Friday night. No arrests have been made.",
                dayton(),
                Some(1),
            ),
            article(
                3,
                4,
                "Two wounded in Toledo drive-by",
                "Two teenagers were wounded when shots were fired from a passing car near Walbridge Park in Toledo, police said.",
                toledo(),
                Some(0),
            ),
            article(
                4,
                20,
                "Arrest made in bakery shooting",
                "Police arrested a suspect in the killing of Marcus Whitfield, who was shot outside an Elm Street bakery in Dayton this month.",
                dayton(),
                Some(1),
            ),
            article(
                5,
                25,
                "Shooting on Elm Street leaves woman hurt",
                "A woman was wounded in a shooting on Elm Street in Dayton on Friday, weeks after another shooting nearby.",
                dayton(),
                Some(0),
            ),
        ];
        for a in &mut articles {
            if a.text.contains("Marcus Whitfield") {
                a.extraction.entities.push(person("Marcus Whitfield"));
            }
        }
        articles
    }

    #[test]
    fn same_event_groups_and_different_events_stay_apart() {
        let drafts = group(&corpus(), &[]);
        let sets: Vec<Vec<i64>> = drafts.iter().map(|d| d.summary.articles.clone()).collect();
        assert_eq!(sets, vec![vec![1, 2, 4], vec![3], vec![5]]);
        let story = &drafts[0].summary;
        assert_eq!(story.date, NaiveDate::from_ymd_opt(2016, 3, 4));
        assert_eq!(
            story.place.as_ref().map(|p| p.name.as_str()),
            Some("Dayton")
        );
        assert_eq!(story.killed, Some(1));
        assert_eq!(story.first_reporter.as_ref().map(|f| f.article), Some(1));
        assert_eq!(story.sources, vec!["outlet1".to_string(), "outlet2".into()]);
    }

    #[test]
    fn a_headline_titles_the_story_even_when_a_headless_member_is_more_central() {
        // Reports 1, 2 and 4 of one event; only 4 keeps its headline.
        let mut articles: Vec<Document> = corpus()
            .into_iter()
            .filter(|a| [1, 2, 4].contains(&a.id))
            .collect();
        for article in &mut articles {
            if article.id != 4 {
                article.title = None;
            }
        }
        let drafts = group(&articles, &[]);
        let story = &drafts[0].summary;
        assert_eq!(story.articles, vec![1, 2, 4]);
        assert_eq!(
            story.title,
            corpus()
                .iter()
                .find(|a| a.id == 4)
                .and_then(|a| a.title.clone())
        );
    }

    #[test]
    fn pinned_groups_are_kept_exactly() {
        let drafts = group(&corpus(), &[vec![1, 3]]);
        let first = &drafts[0];
        assert!(first.summary.pinned);
        assert!(first.summary.articles.contains(&1) && first.summary.articles.contains(&3));
        assert_eq!(first.members[0].reason, "pinned");
        assert_eq!(first.members[1].reason, "pinned");
        // Unpinned articles may still join a pinned story; no article is lost.
        let total: usize = drafts.iter().map(|d| d.summary.articles.len()).sum();
        assert_eq!(total, 5);
    }

    fn dated(mut article: Document, day: u32, mention: &str) -> Document {
        let date = NaiveDate::from_ymd_opt(2016, 3, day);
        if let Some(main) = article.extraction.main_event.as_mut() {
            main.date = date;
        }
        article
            .extraction
            .dates
            .push(crate::extract::items::DateItem {
                anchor: crate::extract::items::Anchor {
                    field: crate::extract::items::Field::Text,
                    start: 0,
                    end: mention.len(),
                    text: mention.into(),
                },
                kind: crate::extract::items::DateKind::Relative,
                date,
                precision: DatePrecision::Day,
                part_of_day: None,
                weekday_conflict: false,
            });
        article
    }

    #[test]
    fn a_date_read_in_the_text_outvotes_publication_days() {
        let canton = || Some(place("Canton", "Ohio"));
        let articles = vec![
            article(
                1,
                9,
                "Canton man shot",
                "A Canton man was shot on Grove Street, police said.",
                canton(),
                Some(1),
            ),
            article(
                2,
                9,
                "Victim named in Canton",
                "The man shot on Grove Street has been named.",
                canton(),
                Some(1),
            ),
            dated(
                article(
                    3,
                    10,
                    "Grove Street shooting",
                    "The man was shot on Grove Street on Monday.",
                    canton(),
                    Some(1),
                ),
                7,
                "Monday",
            ),
        ];
        let drafts = group(&articles, &[vec![1, 2, 3]]);
        assert_eq!(drafts[0].summary.articles, vec![1, 2, 3]);
        assert_eq!(drafts[0].summary.date, NaiveDate::from_ymd_opt(2016, 3, 7));
        // With no date read anywhere, the publication days vote as before.
        let undated = vec![articles[0].clone(), articles[1].clone()];
        let drafts = group(&undated, &[vec![1, 2]]);
        assert_eq!(drafts[0].summary.date, NaiveDate::from_ymd_opt(2016, 3, 9));
    }

    #[test]
    fn mode_prefers_larger_on_ties_when_asked() {
        assert_eq!(mode([1, 2, 2, 3, 3].into_iter(), true), Some(3));
        assert_eq!(mode([1, 2, 2, 3, 3].into_iter(), false), Some(2));
        assert_eq!(mode(std::iter::empty::<i64>(), true), None);
    }
}
