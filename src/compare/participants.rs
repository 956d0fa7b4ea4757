//! The story's people, aligned across outlets, and what each outlet says of
//! them.
//!
//! Analysts compare first who was involved and what is said about each: a
//! victim's age, where a suspect lives, how badly someone was hurt, what
//! they were charged with. Participants are the story's person entities as
//! [`super::entities`] links them across outlets (spelling variants, short
//! given names, a surname alone). For each mention, an outlet's words next
//! to the name are read for:
//! - **age**: "Norris Greenhouse Jr., 23,", "6-year-old Jeremy Mardis",
//!   "John Smith (34)", "aged 34";
//! - **residence**: "…, 24, of Kent", "…, from Fairfield" (a place the
//!   extraction resolved at that position);
//! - **condition** (`data/conditions.txt`, ranked dead > critical > serious >
//!   stable > minor): a phrase in the mention's sentence whose nearest
//!   person is this one ("Few was listed in critical condition");
//! - **charges** (`data/offences.txt`, with degree and counts): an offence
//!   after "charged with", "faces", "indicted on" … in a sentence where the
//!   person comes before the verb and is not its victim ("the killing of X");
//! - the person's **role in the event** (victim, suspect, official, witness)
//!   from the cues nearest their mentions and the titles the extraction
//!   gave them; shown, never compared.
//!
//! Each attribute stated by two outlets or more is compared with a reason:
//! ages are `agreed` when equal, `compatible` when a year apart in reports a
//! month or more apart (a birthday), else a `conflict`; conditions conflict
//! when reports of the same day disagree beyond a step of the scale
//! ("non-life-threatening" against "critical"), or when an earlier report
//! has the person dead and a later one alive; residences conflict only when
//! both are resolved places far apart; charges conflict only when reports of
//! the same day give one offence different degrees. Everything else that
//! differs is `compatible` (a later report, a subset of the charges).
//!
//! By concern: [`identity`] reads who a person is (age, home, an unnamed
//! "the 14-year-old girl"), [`mentions`] what a mention's sentence says of
//! them in the event (condition, charges, part), [`vocabulary`] holds the
//! word lists those readings use (also read by `injuries`, `figures` and
//! `unique`), and [`attributes`] compares each attribute across outlets.
//! This file gathers each participant's mentions and builds the result.

mod attributes;
mod identity;
mod mentions;
mod vocabulary;

use std::collections::{BTreeMap, BTreeSet};

use self::attributes::compare_attribute;
use self::identity::{attach_descriptions, read_identity};
use self::mentions::read_mention;
use self::vocabulary::role_cues;
pub(super) use self::vocabulary::{
    BE, CONDITION_ADVERBS, attribution_cues, condition_at, condition_rank,
};
use super::entities::Cluster;
use super::reading::Reading;
use super::{Claim, EntityVariant, Mention, Participant};
use crate::extract::items::{Field, PlaceRef};

/// One outlet's statement of an attribute.
#[derive(Debug, Clone)]
struct Stated {
    reader: usize,
    /// Normalised value ("32", "critical", "murder (second-degree)").
    value: String,
    /// Age, or condition rank.
    number: Option<f64>,
    place: Option<PlaceRef>,
    start: usize,
    end: usize,
}

/// Everything read about one participant.
#[derive(Default)]
struct Read {
    ages: Vec<Stated>,
    residences: Vec<Stated>,
    conditions: Vec<Stated>,
    charges: Vec<Stated>,
    votes: BTreeMap<&'static str, usize>,
    titles: BTreeSet<String>,
}

/// The story's participants (see the module doc).
pub fn compare(readings: &[Reading<'_>], clusters: &[Cluster]) -> Vec<Participant> {
    let mut gathered: Vec<Gathered> = Vec::new();
    for cluster in clusters.iter().filter(|c| c.kind == "person") {
        let mut read = Read::default();
        let mut names: BTreeMap<String, (BTreeSet<i64>, Vec<Mention>)> = BTreeMap::new();
        let mut event_mentions = 0;
        for &(reader, index) in &cluster.mentions {
            let reading = &readings[reader];
            let entity = &reading.document.extraction.entities[index];
            if entity.anchor.field != Field::Text {
                continue;
            }
            let Some(sentence) = reading.sentence_of(entity.anchor.start, entity.anchor.end) else {
                continue;
            };
            if reading.sentences[sentence].noise {
                continue;
            }
            // A background sentence ("Krol, 40, worked in Wayne County jails
            // from 2003-07") is not about the event, but it still says who
            // the person is: their age and home, never their condition,
            // charges or part in the event.
            if reading.sentences[sentence].scope.is_background() {
                read_identity(readings, reader, entity, &mut read);
                continue;
            }
            event_mentions += 1;
            let (articles, mentions) = names.entry(entity.name.clone()).or_default();
            if articles.insert(reading.document.id) {
                mentions.push(Mention {
                    article: reading.document.id,
                    field: entity.anchor.field,
                    start: entity.anchor.start,
                    end: entity.anchor.end,
                });
            }
            if let Some(role) = &entity.role {
                read.titles.insert(role.clone());
            }
            read_mention(readings, reader, entity, sentence, &mut read);
        }
        let articles: BTreeSet<i64> = names
            .values()
            .flat_map(|(a, _)| a.iter().copied())
            .collect();
        if event_mentions == 0 {
            continue;
        }
        gathered.push(Gathered {
            read,
            names,
            articles,
        });
    }
    attach_descriptions(readings, &mut gathered);
    let mut out: Vec<(usize, Participant)> = Vec::new();
    for Gathered {
        read,
        names,
        articles,
    } in gathered
    {
        let attributes: Vec<Claim> = [
            ("age", &read.ages),
            ("residence", &read.residences),
            ("condition", &read.conditions),
            ("charges", &read.charges),
        ]
        .into_iter()
        .filter_map(|(attribute, stated)| compare_attribute(readings, attribute, stated))
        .collect();
        if articles.len() < 2 && attributes.is_empty() {
            continue;
        }
        let name = names
            .iter()
            .max_by(|a, b| {
                a.1.0
                    .len()
                    .cmp(&b.1.0.len())
                    .then(b.0.len().cmp(&a.0.len()).reverse())
                    .then(b.0.cmp(a.0))
            })
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        let official = read.titles.iter().any(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .any(|w| role_cues("official").contains(&w.to_lowercase().as_str()))
        });
        let role = if official {
            Some("official".to_string())
        } else {
            read.votes
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(role, _)| (*role).to_string())
        };
        let mut variants: Vec<EntityVariant> = names
            .into_iter()
            .map(|(text, (articles, mentions))| EntityVariant {
                text,
                articles: articles.into_iter().collect(),
                mentions,
            })
            .collect();
        variants.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(a.text.cmp(&b.text))
        });
        let order = match role.as_deref() {
            Some("victim") => 0,
            Some("suspect") => 1,
            Some("witness") => 3,
            Some("official") => 4,
            _ => 2,
        };
        out.push((
            order,
            Participant {
                key: String::new(),
                name,
                role,
                titles: read.titles.into_iter().collect(),
                articles: articles.into_iter().collect(),
                names: variants,
                attributes,
            },
        ));
    }
    out.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.articles.len().cmp(&a.1.articles.len()))
            .then(a.1.name.cmp(&b.1.name))
    });
    out.into_iter().map(|(_, p)| p).collect()
}

/// One participant's mentions and readings before they are compared.
struct Gathered {
    read: Read,
    /// Each name form with its articles and first mention per article.
    names: BTreeMap<String, (BTreeSet<i64>, Vec<Mention>)>,
    articles: BTreeSet<i64>,
}
