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
use crate::model::grouping::StoryDraft;
use crate::store::{CountKind, IndexAdditions, KeptCounts, KeptSketch, Store};
use crate::stories::cluster::{self, Context, Frequencies, JOIN_THRESHOLD, Lookup};
use crate::stories::features::{BLOCK, Builder, Built, Features, Prior};
use crate::stories::outlets::{HomeRegions, PlaceCounts};
use crate::stories::sketch::{self, Sketched};
use crate::stories::{self, FixedGroup};

/// Posting lists longer than this are too common a key to be evidence
/// (as in a full run's index, `cluster::POSTING_CAP`).
const POSTING_CAP: usize = 64;

/// Places articles without a story (or, with `rebuild`, regroups every
/// article not placed by a user), stores the result and returns the stored
/// stories. With nothing unplaced and nothing stale it reads no article.
pub fn update_stories(store: &mut Store, rebuild: bool) -> Result<Vec<StorySummary>> {
    group_stories(store, rebuild)?;
    store.stories()
}

/// [`update_stories`] without reading the stories back (a caller that
/// lists them itself, or none).
pub fn group_stories(store: &mut Store, rebuild: bool) -> Result<()> {
    if !rebuild && !store.stories_outdated()? {
        return Ok(());
    }
    if let (Some(kept), false) = (store.kept_articles()?, rebuild) {
        let new = store.unplaced_articles()?;
        // More new articles than grouped ones: reading the archive once is
        // cheaper than looking up every new article, and the counts of a
        // first import are better learned from all of it.
        if new.len() <= kept as usize {
            return update(store, new);
        }
    }
    regroup(store, rebuild)
}

/// A full run: every article's features, clustered with the stored
/// stories fixed (all of them, or with `rebuild` those a user decided),
/// saved with the kept index replaced.
fn regroup(store: &mut Store, rebuild: bool) -> Result<()> {
    let homes = home_regions(store)?;
    let mut builder = Builder::new(homes.clone());
    let version = sketch::version();
    let mut after = i64::MIN;
    loop {
        let block = store.sketch_block(after, BLOCK, version)?;
        let Some(last) = block.last() else {
            break;
        };
        after = last.id;
        builder.add_sketched(&sketched(store, block, &homes)?, true);
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

/// An update: the new articles (`new`, those without a story) placed
/// among the stories their kept keys find, and the stories with stale
/// members summarised again.
///
/// Reading an earlier article's text and extraction is what an update
/// spends its time on (about 0.25 ms an article, read out of id order), so
/// it reads as few as it can in two passes: first the new articles with
/// the [`CANDIDATES_PER_ARTICLE`] earlier articles sharing most keys with
/// each, which says which stories the new articles join; then the new
/// articles with every member of those stories (and of stories with
/// re-extracted members), which places them for good and summarises the
/// stories again.
fn update(store: &mut Store, new: Vec<i64>) -> Result<()> {
    if new.is_empty() {
        return place_new(store, new);
    }
    // Sketching a new article reads its main place in its outlet's home
    // region, which may look the name up in the gazetteer: about 0.25 s of
    // CPU to build, once per process. It is built on another core while
    // the archive is read.
    std::thread::scope(|scope| {
        scope.spawn(|| crate::extract::places::is_prominent_name(""));
        place_new(store, new)
    })
}

/// [`update`] once the new articles (`new`) are known.
fn place_new(store: &mut Store, new: Vec<i64>) -> Result<()> {
    let stale = store.stale_articles()?;
    let homes = home_regions(store)?;
    let furniture = store.kept_furniture()?;
    let new_set: BTreeSet<i64> = new.iter().copied().collect();
    let held = NewArticles::read(store, &new, &homes)?;

    // The new articles' own features, for their keys.
    let mut builder = Builder::new(homes.clone());
    held.add_to(store, &mut builder, &homes)?;
    let added: Vec<(String, u32)> = {
        let (words, frequency, _) = builder.counted();
        words
            .iter()
            .zip(frequency)
            .filter(|(_, count)| **count > 0)
            .map(|(word, count)| (word.to_string(), *count))
            .collect()
    };
    let mut kept_words = KeptWords::default();
    let built = finish_with_kept(store, builder, furniture.clone(), &mut kept_words)?;
    let found = candidates(store, &built, &new_set)?;
    drop(built);

    // First pass: which stories the new articles join.
    let nearest: BTreeSet<i64> = found.values().flatten().copied().collect();
    let joined: BTreeSet<i64> = {
        let nearest: Vec<i64> = nearest.into_iter().collect();
        let fixed = store.fixed_groups_of(&nearest)?;
        let drafts = place(
            store,
            (&homes, &furniture, &mut kept_words),
            &held,
            &nearest,
            &fixed,
            &found,
        )?
        .1;
        drafts
            .iter()
            .filter(|draft| draft.members.iter().any(|m| new_set.contains(&m.article)))
            .filter_map(|draft| draft.origin.and_then(|g| fixed.get(g)).map(|(id, _)| *id))
            .collect()
    };

    // Second pass: the new articles with every member of those stories
    // and of stories with re-extracted members.
    let mut affected = joined;
    for article in &stale {
        affected.extend(store.story_of(*article)?);
    }
    let fixed = store.fixed_groups_by_id(&affected)?;
    let members: Vec<i64> = fixed
        .iter()
        .flat_map(|(_, group)| group.articles.iter().copied())
        .filter(|id| !new_set.contains(id))
        .collect();
    let (built, drafts) = place(
        store,
        (&homes, &furniture, &mut kept_words),
        &held,
        &members,
        &fixed,
        &found,
    )?;

    // What the next update needs of the new articles: their keys and
    // counts. A re-extracted (stale) article keeps the keys it was given,
    // like every earlier article, until the next full run.
    let features = &built.features;
    let words = built.table.words();
    let new_features: Vec<&Features> = features
        .iter()
        .filter(|f| new_set.contains(&f.id))
        .collect();
    let new_frequencies = Frequencies::of_refs(&new_features);
    let counts = KeptCounts {
        articles: new_features.len() as u32,
        words: added
            .iter()
            .map(|(word, count)| (word.as_str(), *count))
            .collect(),
        people: new_frequencies.people().collect(),
        places: new_frequencies.places().collect(),
    };
    let keyed: Vec<Features> = features
        .iter()
        .filter(|f| new_set.contains(&f.id))
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

/// Earlier articles an update reads per new article in its first pass:
/// those sharing the most kept keys with it.
const CANDIDATES_PER_ARTICLE: usize = 6;

/// New articles held in memory between an update's passes, when there are
/// few enough; else read again for each.
const HELD_NEW_ARTICLES: usize = 4 * BLOCK;

/// An update's new articles, sketched: held, or their kept sketches read
/// again a block at a time.
enum NewArticles {
    Held(Vec<Sketched>),
    Reread(Vec<i64>),
}

impl NewArticles {
    /// Reads (and sketches, keeping the sketches) the new articles.
    fn read(store: &mut Store, ids: &[i64], homes: &HomeRegions) -> Result<NewArticles> {
        let mut held = Vec::new();
        for ids in ids.chunks(BLOCK) {
            let block = sketched_of(store, ids, homes)?;
            if ids.len() <= HELD_NEW_ARTICLES {
                held.extend(block);
            }
        }
        Ok(if ids.len() <= HELD_NEW_ARTICLES {
            NewArticles::Held(held)
        } else {
            NewArticles::Reread(ids.to_vec())
        })
    }

    /// Adds them, counted, to `builder`.
    fn add_to(&self, store: &mut Store, builder: &mut Builder, homes: &HomeRegions) -> Result<()> {
        match self {
            NewArticles::Held(articles) => builder.add_sketched(articles, true),
            NewArticles::Reread(ids) => {
                for ids in ids.chunks(BLOCK) {
                    builder.add_sketched(&sketched_of(store, ids, homes)?, true);
                }
            }
        }
        Ok(())
    }
}

/// The articles `ids` sketched: their kept sketches, else read and
/// sketched (and the sketches kept).
fn sketched_of(store: &mut Store, ids: &[i64], homes: &HomeRegions) -> Result<Vec<Sketched>> {
    let kept = store.sketches_of(ids, sketch::version())?;
    sketched(store, kept, homes)
}

/// A block of articles sketched: the kept sketches decoded on every core,
/// the others read in full, sketched and kept.
fn sketched(
    store: &mut Store,
    block: Vec<KeptSketch>,
    homes: &HomeRegions,
) -> Result<Vec<Sketched>> {
    let (kept, missing): (Vec<KeptSketch>, Vec<KeptSketch>) =
        block.into_iter().partition(|k| k.sketch.is_some());
    let (kept, bytes): (Vec<KeptSketch>, Vec<Vec<u8>>) = kept
        .into_iter()
        .map(|mut k| {
            let bytes = k.sketch.take().unwrap_or_default();
            (k, bytes)
        })
        .unzip();
    let mut out = Vec::with_capacity(kept.len() + missing.len());
    let mut unreadable = Vec::new();
    for (k, decoded) in kept.into_iter().zip(sketch::decode_all(bytes)) {
        match decoded {
            Some(sketch) => out.push(Sketched {
                id: k.id,
                source: k.source,
                signature: k.signature,
                sketch,
            }),
            None => unreadable.push(k.id),
        }
    }
    let read: Vec<i64> = missing.iter().map(|k| k.id).chain(unreadable).collect();
    if !read.is_empty() {
        let articles = store.article_block_of(&read)?;
        let made = sketch::sketch_all(
            articles.iter().map(|(d, s)| (d, s.clone())).collect(),
            homes,
        );
        store.keep_sketches(sketch::version(), &sketch::encode_all(&made))?;
        out.extend(made);
    }
    out.sort_unstable_by_key(|s| s.id);
    Ok(out)
}

/// Per new article: the earlier articles filed under most of its keys
/// (at most [`CANDIDATES_PER_ARTICLE`]; ties to the later article), as a
/// full run's index would give them (a key filed by more than
/// [`POSTING_CAP`] articles is passed over).
fn candidates(store: &Store, built: &Built, new: &BTreeSet<i64>) -> Result<HashMap<i64, Vec<i64>>> {
    let words = built.table.words();
    let mut found = HashMap::new();
    for features in &built.features {
        let mut shared: HashMap<i64, u32> = HashMap::new();
        for lookup in &cluster::lookups(features, &words) {
            let filed = match lookup {
                Lookup::Exact(key) => store.keyed_articles(key.key, key.bucket, POSTING_CAP + 1)?,
                Lookup::Window { key, first, last } => {
                    store.keyed_articles_in_window(*key, *first, *last, POSTING_CAP)?
                }
                Lookup::AnyDate(key) => store.keyed_articles_any_date(*key, POSTING_CAP + 1)?,
                Lookup::Bands(keys) => store.banded_articles(keys)?,
            };
            if filed.len() <= POSTING_CAP
                || matches!(lookup, Lookup::Window { .. } | Lookup::Bands(_))
            {
                for article in filed.into_iter().filter(|id| !new.contains(id)) {
                    *shared.entry(article).or_insert(0) += 1;
                }
            }
        }
        let mut ranked: Vec<(i64, u32)> = shared.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        found.insert(
            features.id,
            ranked
                .into_iter()
                .take(CANDIDATES_PER_ARTICLE)
                .map(|(id, _)| id)
                .collect(),
        );
    }
    Ok(found)
}

/// Places the new articles among `fixed` (whose members of `earlier` are
/// read), each new article scored against the `found` earlier articles
/// among them; the features and the drafts.
fn place(
    store: &mut Store,
    (homes, furniture, kept_words): (&HomeRegions, &HashMap<String, Vec<String>>, &mut KeptWords),
    new: &NewArticles,
    earlier: &[i64],
    fixed: &[(i64, FixedGroup)],
    found: &HashMap<i64, Vec<i64>>,
) -> Result<(Built, Vec<StoryDraft>)> {
    let mut builder = Builder::new(homes.clone());
    new.add_to(store, &mut builder, homes)?;
    for ids in earlier.chunks(BLOCK) {
        builder.add_sketched(&sketched_of(store, ids, homes)?, false);
    }
    let built = finish_with_kept(store, builder, furniture.clone(), kept_words)?;
    let features = &built.features;
    let position: HashMap<i64, usize> = features
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id, i))
        .collect();
    let new_features: Vec<&Features> = features
        .iter()
        .filter(|f| found.contains_key(&f.id))
        .collect();
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
    drop(context);
    Ok((built, drafts))
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
    kept_words: &mut KeptWords,
) -> Result<Built> {
    let documents = store.kept_articles()?.unwrap_or(0);
    let document_frequency = {
        let (words, _, _) = builder.counted();
        kept_words.counts(store, &words)?
    };
    Ok(builder.finish_with(Prior {
        documents,
        document_frequency,
        furniture,
    }))
}

/// The kept document frequencies of the words an update has looked up:
/// each pass's builder holds the new articles' words again, so each word
/// is read from the archive once (one statement a word).
#[derive(Debug, Default)]
struct KeptWords(HashMap<String, u32>);

impl KeptWords {
    /// The kept document frequency of each of `words`.
    fn counts(&mut self, store: &Store, words: &[&str]) -> Result<Vec<u32>> {
        let unread: Vec<&str> = words
            .iter()
            .copied()
            .filter(|word| !self.0.contains_key(*word))
            .collect();
        for (word, count) in unread
            .iter()
            .zip(store.kept_counts(CountKind::Word, &unread)?)
        {
            self.0.insert((*word).to_string(), count);
        }
        Ok(words
            .iter()
            .map(|word| self.0.get(*word).copied().unwrap_or(0))
            .collect())
    }
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
