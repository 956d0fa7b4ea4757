//! An outlet's page furniture: the words most of its pages carry and other
//! outlets' pages rarely do (menus, related links, sign-in prompts). Two
//! pages of one outlet share them whatever they report, so they are left
//! out of the term vectors. A full run learns them from the archive
//! ([`learn`]); an update applies the lists the last full run kept.

use std::collections::{HashMap, HashSet};

use super::{Features, TermTable};
use crate::stories::small_set::SmallSet;

/// Fewest articles of an outlet from which its page furniture is learned.
const FURNITURE_MIN_ARTICLES: usize = 4;

/// Share of an outlet's articles a body word must appear in to be taken
/// for its page furniture (menus, related links, sign-in prompts).
const FURNITURE_SHARE: f64 = 0.6;

/// How many times more common among an outlet's articles than among the
/// other outlets' a furniture word must be: an archive gathered around one
/// event has the event's words in most pages of every outlet, and those
/// are the story, not any outlet's page.
const FURNITURE_LIFT: f64 = 1.5;

/// Each outlet's furniture words (term ids), learned from the articles:
/// those at least [`FURNITURE_SHARE`] of its articles carry, and
/// [`FURNITURE_LIFT`] times more often than other outlets' articles do.
pub(super) fn learn(
    articles: &[Features],
    counts: &[Vec<(u32, f32)>],
    table: &TermTable,
) -> HashMap<String, HashSet<u32>> {
    let mut by_outlet: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        if let Some(source) = article.source.as_deref() {
            by_outlet.entry(source).or_default().push(i);
        }
    }
    let mut learned = HashMap::new();
    for (source, members) in by_outlet
        .into_iter()
        .filter(|(_, m)| m.len() >= FURNITURE_MIN_ARTICLES)
    {
        let mut frequency: HashMap<u32, usize> = HashMap::new();
        for &i in &members {
            for (term, _) in &counts[i] {
                *frequency.entry(*term).or_insert(0) += 1;
            }
        }
        let outlet = members.len() as f64;
        let others = (table.documents as f64 - outlet).max(1.0);
        let furniture: HashSet<u32> = frequency
            .into_iter()
            .filter(|(term, here)| {
                let here = *here as f64;
                let elsewhere = f64::from(table.document_frequency(*term)) - here;
                here / outlet >= FURNITURE_SHARE
                    && here / outlet >= FURNITURE_LIFT * elsewhere / others
            })
            .map(|(term, _)| term)
            .collect();
        if !furniture.is_empty() {
            learned.insert(source.to_string(), furniture);
        }
    }
    learned
}

/// Removes from each article's body terms its outlet's furniture words.
/// Headline words stay.
pub(super) fn drop(
    articles: &[Features],
    counts: &mut [Vec<(u32, f32)>],
    headlines: &[SmallSet<u32>],
    furniture: &HashMap<String, HashSet<u32>>,
) {
    for (i, article) in articles.iter().enumerate() {
        let Some(words) = article.source.as_deref().and_then(|s| furniture.get(s)) else {
            continue;
        };
        counts[i].retain(|(term, _)| !words.contains(term) || headlines[i].contains(term));
    }
}
