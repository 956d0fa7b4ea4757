//! Grouping the archive's articles into stories: a full run over every
//! article, or an update that reads only the new articles and the stories
//! they may join (issue 16).
//!
//! A full run (a rebuild, the first grouping, an archive grouped before
//! the kept index existed) streams every article through
//! `stories::features::Builder`, clusters them all and keeps, with the
//! stories, what the next update needs: each article's blocking keys, the
//! archive-wide word, person and place counts, and each outlet's page
//! furniture (`store::story_index`). An update computes its new articles'
//! features against those counts, looks their keys up in the archive for
//! earlier candidates, reads the features of the stories those belong to,
//! and places the new articles among them; it then adds its articles'
//! keys and counts. Earlier articles keep the keys they were given, so an
//! update's stories can differ slightly from a rebuild's, which stays the
//! reference.

use std::collections::{BTreeSet, HashMap};

use crate::error::Result;
use crate::model::StorySummary;
use crate::store::{CountKind, IndexAdditions, KeptCounts, Store};
use crate::stories::cluster::{self, Context, Frequencies, JOIN_THRESHOLD, Lookup};
use crate::stories::features::{BLOCK, Builder, Built, Features, Prior};
use crate::stories::outlets::{HomeRegions, PlaceCounts};
use crate::stories::{self, FixedGroup};

/// Posting lists longer than this are too common a key to be evidence
/// (as in a full run's index, `cluster::POSTING_CAP`).
const POSTING_CAP: usize = 64;

/// Places articles without a story (or, with `rebuild`, regroups every
/// article not placed by a user), stores the result and returns the stored
/// stories. With nothing unplaced and nothing stale it reads no article.
pub fn update_stories(store: &mut Store, rebuild: bool) -> Result<Vec<StorySummary>> {
    if !rebuild && !store.stories_outdated()? {
        return store.stories();
    }
    match store.kept_articles()? {
        // More new articles than grouped ones: reading the archive once is
        // cheaper than looking up every new article, and the counts of a
        // first import are better learned from all of it.
        Some(kept) if !rebuild && store.unplaced_articles()?.len() <= kept as usize => {
            update(store)?;
        }
        _ => regroup(store, rebuild)?,
    }
    store.stories()
}

/// A full run: every article's features, clustered with the stored
/// stories fixed (all of them, or with `rebuild` those a user decided),
/// saved with the kept index replaced.
fn regroup(store: &mut Store, rebuild: bool) -> Result<()> {
    let homes = home_regions(store)?;
    let mut builder = Builder::new(homes);
    let mut after = i64::MIN;
    loop {
        let block = store.article_block(after, BLOCK)?;
        let Some((last, _)) = block.last() else {
            break;
        };
        after = last.id;
        builder.add(block.iter().map(|(d, s)| (d, s.clone())).collect());
    }
    let built = builder.finish_learning();
    let fixed = store.fixed_groups(rebuild)?;
    let groups: Vec<FixedGroup> = fixed.iter().map(|(_, group)| group.clone()).collect();
    let drafts = stories::group_features(&built.features, &groups, JOIN_THRESHOLD);
    let words = built.table.words();
    let frequencies = Frequencies::of(&built.features);
    let counts = KeptCounts {
        articles: built.table.documents(),
        words: words
            .iter()
            .enumerate()
            .map(|(term, word)| (*word, built.table.document_frequency(term as u32)))
            .filter(|(_, count)| *count > 0)
            .collect(),
        people: frequencies.people().collect(),
        places: frequencies.places().collect(),
    };
    let furniture = furniture_words(&built, &words);
    let index = IndexAdditions {
        replace: true,
        counts,
        furniture,
        keys: Box::new(keys_of(&built.features, &words)),
    };
    store.save_stories(&fixed, &drafts, rebuild, index)
}

/// An update: the new articles placed among the stories their kept keys
/// find, and the stories with stale members summarised again.
fn update(store: &mut Store) -> Result<()> {
    let new = store.unplaced_articles()?;
    let stale = store.stale_articles()?;
    let homes = home_regions(store)?;
    let furniture = store.kept_furniture()?;

    // The new articles' own features, for their keys.
    let mut builder = Builder::new(homes.clone());
    for ids in new.chunks(BLOCK) {
        let block = store.article_block_of(ids)?;
        builder.add_counted(block.iter().map(|(d, s)| (d, s.clone())).collect(), true);
    }
    let built = finish_with_kept(store, builder, furniture.clone())?;
    let words = built.table.words();
    let new_set: BTreeSet<i64> = new.iter().copied().collect();
    let mut found: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut earlier: BTreeSet<i64> = stale.iter().copied().collect();
    for features in &built.features {
        let mut candidates = Vec::new();
        for lookup in cluster::lookups(features, &words) {
            let filed = match lookup {
                Lookup::Exact(key) => store.keyed_articles(key.key, key.bucket, POSTING_CAP + 1)?,
                Lookup::AnyDate(key) => store.keyed_articles_any_date(key, POSTING_CAP + 1)?,
                Lookup::Band(band, key) => store.banded_articles(band, key, POSTING_CAP + 1)?,
            };
            if filed.len() <= POSTING_CAP {
                candidates.extend(filed.into_iter().filter(|id| !new_set.contains(id)));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        earlier.extend(candidates.iter().copied());
        found.insert(features.id, candidates);
    }
    drop(built);

    // The stories those belong to, with every member: the features the
    // new articles are scored against and the stories summarised again.
    let earlier: Vec<i64> = earlier.into_iter().collect();
    let fixed = store.fixed_groups_of(&earlier)?;
    let members: Vec<i64> = fixed
        .iter()
        .flat_map(|(_, group)| group.articles.iter().copied())
        .filter(|id| !new_set.contains(id))
        .collect();
    let mut builder = Builder::new(homes);
    for ids in new.chunks(BLOCK) {
        let block = store.article_block_of(ids)?;
        builder.add_counted(block.iter().map(|(d, s)| (d, s.clone())).collect(), true);
    }
    for ids in members.chunks(BLOCK) {
        let block = store.article_block_of(ids)?;
        builder.add_counted(block.iter().map(|(d, s)| (d, s.clone())).collect(), false);
    }
    let added: Vec<(String, u32)> = {
        let (words, frequency, _) = builder.counted();
        words
            .iter()
            .zip(frequency)
            .filter(|(_, count)| **count > 0)
            .map(|(word, count)| (word.to_string(), *count))
            .collect()
    };
    let built = finish_with_kept(store, builder, furniture)?;
    let features = &built.features;
    let words = built.table.words();
    let position: HashMap<i64, usize> = features
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id, i))
        .collect();
    let new_features: Vec<&Features> = features.iter().filter(|f| new_set.contains(&f.id)).collect();
    let context = Context {
        frequencies: frequencies_of(store, features, &new_features)?,
        found: found
            .iter()
            .filter_map(|(id, candidates)| {
                let local = candidates.iter().filter_map(|c| position.get(c).copied());
                Some((*position.get(id)?, local.collect()))
            })
            .collect(),
        file_fixed: false,
    };
    let groups: Vec<FixedGroup> = fixed.iter().map(|(_, group)| group.clone()).collect();
    let drafts = stories::group_in_context(features, &groups, JOIN_THRESHOLD, &context);

    // What the next update needs of these articles: the new ones' keys and
    // counts; a stale article's keys as its new extraction gives them
    // (its old keys stay: they only find candidates).
    let new_frequencies = Frequencies::of_refs(&new_features);
    let counts = KeptCounts {
        articles: new_features.len() as u32,
        words: added.iter().map(|(word, count)| (word.as_str(), *count)).collect(),
        people: new_frequencies.people().collect(),
        places: new_frequencies.places().collect(),
    };
    let stale_set: BTreeSet<i64> = stale.iter().copied().collect();
    let keyed: Vec<Features> = features
        .iter()
        .filter(|f| new_set.contains(&f.id) || stale_set.contains(&f.id))
        .cloned()
        .collect();
    let index = IndexAdditions {
        replace: false,
        counts,
        furniture: Vec::new(),
        keys: Box::new(keys_of(&keyed, &words)),
    };
    store.save_story_update(&fixed, &drafts, index)
}

/// Outlets' home regions, from the stored main-event places.
fn home_regions(store: &Store) -> Result<HomeRegions> {
    let mut places = PlaceCounts::default();
    store.for_each_main_place(|source, place| places.add(source, place))?;
    Ok(places.home_regions())
}

/// The builder's features weighed by the kept document frequencies (with
/// its counted articles added) and the kept page furniture.
fn finish_with_kept(
    store: &Store,
    builder: Builder,
    furniture: HashMap<String, Vec<String>>,
) -> Result<Built> {
    let documents = store.kept_articles()?.unwrap_or(0);
    let document_frequency = {
        let (words, _, _) = builder.counted();
        store.kept_counts(CountKind::Word, &words)?
    };
    Ok(builder.finish_with(Prior {
        documents,
        document_frequency,
        furniture,
    }))
}

/// How many articles name each person and have each main place of
/// `features`: the kept counts plus the new articles'.
fn frequencies_of<'a>(
    store: &Store,
    features: &'a [Features],
    new: &[&'a Features],
) -> Result<Frequencies<'a>> {
    let added = Frequencies::of_refs(new);
    let people: BTreeSet<&str> = features
        .iter()
        .flat_map(|f| f.people.iter().map(|p| &**p))
        .collect();
    let places: BTreeSet<&str> = features
        .iter()
        .filter_map(|f| f.place.as_ref().map(|p| p.id.as_str()))
        .collect();
    let count = |kind: CountKind, names: BTreeSet<&'a str>, added: HashMap<&'a str, u32>| {
        let names: Vec<&'a str> = names.into_iter().collect();
        let kept = store.kept_counts(kind, &names)?;
        Ok::<_, crate::error::Error>(
            names
                .into_iter()
                .zip(kept)
                .map(|(name, kept)| (name, kept + added.get(name).copied().unwrap_or(0)))
                .collect::<HashMap<&'a str, u32>>(),
        )
    };
    let people = count(CountKind::Person, people, added.people().collect())?;
    let places = count(CountKind::Place, places, added.places().collect())?;
    let articles = store.kept_articles()?.unwrap_or(0) as usize + new.len();
    Ok(Frequencies::from_counts(people, places, articles))
}

/// Each outlet's page furniture as words, in order.
fn furniture_words<'a>(built: &'a Built, words: &[&'a str]) -> Vec<(&'a str, Vec<&'a str>)> {
    let mut out: Vec<(&str, Vec<&str>)> = built
        .furniture
        .iter()
        .map(|(source, terms)| {
            let mut outlet: Vec<&str> = terms
                .iter()
                .filter_map(|term| words.get(*term as usize).copied())
                .collect();
            outlet.sort_unstable();
            (source.as_str(), outlet)
        })
        .collect();
    out.sort_unstable();
    out
}

/// The kept blocking keys of `features`: (article, key, bucket).
fn keys_of<'a>(
    features: &'a [Features],
    words: &'a [&'a str],
) -> impl Iterator<Item = (i64, i64, i64)> + 'a {
    features.iter().flat_map(move |f| {
        cluster::stored_keys(f, words)
            .into_iter()
            .map(move |key| (f.id, key.key, key.bucket))
    })
}
