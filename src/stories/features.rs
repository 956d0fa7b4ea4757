//! What the clustering compares about each article, computed once.
//!
//! Each article becomes a [`Features`] value: a TF-IDF vector over its
//! content words (headline words count twice, since the headline names the
//! event most plainly; the page furniture extraction marked as noise, and
//! the words most of an outlet's pages carry but other outlets' rarely do,
//! are left out, since two pages of one outlet share them whatever they
//! report), the full names of the people it mentions, the ages and
//! streets its lead gives ("a 17-year-old", "Sherman Street"), its main
//! event's type, date, place and casualty figures, and a MinHash signature
//! for near-duplicates. Main-event places are read in the outlet's home
//! region where the article leaves them open ([`super::outlets`]). The
//! inverse document frequencies come from the whole set of articles being
//! clustered ([`TermTable`]), so a word common
//! to every shooting report ("police", "shot") weighs little and a victim's
//! surname or a street name weighs a lot.

mod facts;
mod furniture;
mod parallel;
pub(super) mod reading;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;

use super::outlets::HomeRegions;
use super::sketch::{Sketched, sketch_all};
use super::small_set::SmallSet;
use crate::dedupe::Signature;
use crate::document::Document;
use crate::extract::items::PlaceRef;
use facts::{Shared, facts_of};
pub(crate) use facts::{event_date_of, people_of};
use parallel::PARALLEL_MIN_ITEMS;
pub(super) use parallel::on_every_core;

/// Largest document frequency of a term blocked without a date window.
const VERY_RARE_DF: u32 = 4;

/// Interned vocabulary with document frequencies.
#[derive(Debug, Default)]
pub struct TermTable {
    ids: HashMap<String, u32>,
    document_frequency: Vec<u32>,
    documents: u32,
}

impl TermTable {
    fn intern(&mut self, word: &str) -> u32 {
        if let Some(id) = self.ids.get(word) {
            return *id;
        }
        let id = self.document_frequency.len() as u32;
        self.ids.insert(word.to_string(), id);
        self.document_frequency.push(0);
        id
    }

    /// Inverse document frequency (smoothed, never below zero).
    pub fn idf(&self, term: u32) -> f32 {
        let df = self
            .document_frequency
            .get(term as usize)
            .copied()
            .unwrap_or(0) as f32;
        ((1.0 + self.documents as f32) / (1.0 + df)).ln() + 1.0
    }

    /// Every word, by term id.
    pub fn words(&self) -> Vec<&str> {
        let mut words = vec![""; self.document_frequency.len()];
        for (word, id) in &self.ids {
            words[*id as usize] = word.as_str();
        }
        words
    }

    /// Number of documents the frequencies count.
    pub fn documents(&self) -> u32 {
        self.documents
    }

    /// Number of documents containing the term.
    pub fn document_frequency(&self, term: u32) -> u32 {
        self.document_frequency
            .get(term as usize)
            .copied()
            .unwrap_or(0)
    }
}

/// Everything the clustering compares about one article, and what its
/// story's summary reads of it: with these, grouping holds no article's
/// text or extraction (issue 16: holding every [`Document`] took about
/// 28 KB per article).
#[derive(Debug, Clone)]
pub struct Features {
    /// Archive id.
    pub id: i64,
    /// Unit-length TF-IDF vector, sorted by term id.
    pub terms: Vec<(u32, f32)>,
    /// The terms with the highest weights, for blocking.
    pub rare_terms: Vec<u32>,
    /// The headline's distinctive words: content words found in at most
    /// [`HEADLINE_WORD_SHARE`] of the articles (or a handful), so "child"
    /// or "shooting" alone do not tie two headlines together.
    pub headline: SmallSet<u32>,
    /// Terms in at most a handful of articles (a victim's surname, a street),
    /// blocked at any date so follow-ups weeks later are found.
    pub very_rare_terms: Vec<u32>,
    /// Alias keys of people named with at least two words and no role.
    pub people: SmallSet<Box<str>>,
    /// Main event type.
    pub event_kind: Option<String>,
    /// Main event date when known to the day, else the publication date.
    pub event_date: Option<NaiveDate>,
    /// True when `event_date` came from the text rather than the publication date.
    pub event_date_from_text: bool,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Days the text names (resolved to the day), whatever they date.
    pub dates_named: SmallSet<NaiveDate>,
    /// Main event place, read in the outlet's home region when the
    /// article leaves it open ([`HomeRegions::main_place`]).
    pub main_place: Option<Arc<PlaceRef>>,
    /// `main_place` unless the article names it only in a dateline.
    pub place: Option<Arc<PlaceRef>>,
    /// Ids of the places the article names outside datelines.
    pub places_named: SmallSet<Box<str>>,
    /// Ages the headline and lead give people ("a 17-year-old"): the
    /// victims and suspects of one incident keep their ages across reports.
    pub ages: SmallSet<u32>,
    /// Streets the lead names ([`streets_in`]).
    pub streets: SmallSet<Box<str>>,
    /// Main event casualties.
    pub killed: Option<i64>,
    /// Main event injured.
    pub injured: Option<i64>,
    /// MinHash of the body.
    pub signature: Signature,
    /// Outlet name (one shared copy per outlet).
    pub source: Option<Arc<str>>,
    /// What titles a story this article is central to: its headline when
    /// it has one that is not blank (`has_headline`), else its text's
    /// first sentence.
    pub title: Option<Box<str>>,
    /// True when `title` is the article's headline.
    pub has_headline: bool,
    /// The main event's date when the extraction gives it to the day.
    pub main_day: Option<NaiveDate>,
    /// Every city the article names (datelines too), repeats kept, in
    /// order: the story's place when its members agree only on a county
    /// or region.
    pub cities_named: Box<[Arc<PlaceRef>]>,
}

/// Articles read at once, on every core, before their words are interned
/// in order: enough to keep the cores busy, few enough that grouping never
/// holds more than these articles' texts and extractions at once.
pub const BLOCK: usize = 1024;

/// Builds the features of every article (the IDF table from all of them).
pub fn build(articles: &[Document]) -> (Vec<Features>, TermTable) {
    let mut builder = Builder::new(HomeRegions::of(articles));
    for block in articles.chunks(BLOCK) {
        builder.add(block.iter().map(|article| (article, None)).collect());
    }
    builder.finish()
}

/// Builds features from articles given a block at a time, in id order
/// (the store streams them), so only one block's texts and extractions
/// are in memory at once; what is kept of each article is its
/// [`Features`] and its term counts until [`Builder::finish`] weighs them.
///
/// Reading each article's words and computing its features run on every
/// core (issue 16: a story update after an import spent most of its time
/// here on one); terms are interned in article order, so term ids, and
/// everything ordered by them, are the same whatever the number of cores.
#[derive(Debug)]
pub struct Builder {
    table: TermTable,
    homes: HomeRegions,
    counts: Vec<Vec<(u32, f32)>>,
    headlines: Vec<SmallSet<u32>>,
    features: Vec<Features>,
    shared: Shared,
}

impl Builder {
    /// A builder reading main-event places in the outlets' `homes`
    /// (learned from the same articles beforehand).
    pub fn new(homes: HomeRegions) -> Builder {
        Builder {
            table: TermTable::default(),
            homes,
            counts: Vec::new(),
            headlines: Vec::new(),
            features: Vec::new(),
            shared: Shared::default(),
        }
    }

    /// Adds a block of articles, each with its stored MinHash signature
    /// when the archive has one (computed from its text otherwise: import
    /// signs the same normalised text, so the two are equal).
    pub fn add(&mut self, block: Vec<(&Document, Option<Signature>)>) {
        self.add_counted(block, true);
    }

    /// [`Builder::add`], with `counted` false for articles the document
    /// frequencies given to [`Builder::finish_with`] already count (a story
    /// update's earlier articles): their words are interned, not counted.
    pub fn add_counted(&mut self, block: Vec<(&Document, Option<Signature>)>, counted: bool) {
        let sketches = sketch_all(block, &self.homes);
        self.add_sketched(&sketches, counted);
    }

    /// [`Builder::add_counted`] of articles already sketched (kept by the
    /// archive, or read and sketched once for several builders), with
    /// the home regions this builder was given.
    pub fn add_sketched(&mut self, block: &[Sketched], counted: bool) {
        for sketched in block {
            let table = &mut self.table;
            let sketch = &sketched.sketch;
            // Interned in the order the words were first seen, body then
            // headline, as reading the article gives them: term ids, and
            // everything ordered by them, are the same either way.
            let terms: Vec<u32> = sketch
                .words
                .iter()
                .map(|(word, _)| table.intern(word))
                .collect();
            let mut row: Vec<(u32, f32)> = terms
                .iter()
                .zip(&sketch.words)
                .map(|(term, (_, count))| (*term, *count as f32))
                .collect();
            let headline: SmallSet<u32> = sketch
                .headline
                .iter()
                .filter_map(|at| terms.get(*at as usize).copied())
                .collect();
            self.headlines.push(headline);
            row.sort_unstable_by_key(|(t, _)| *t);
            if counted {
                for (t, _) in &row {
                    table.document_frequency[*t as usize] += 1;
                }
                table.documents += 1;
            }
            self.counts.push(row);
            let facts = facts_of(sketched, &self.homes);
            self.features.push(self.shared.share(facts));
        }
    }

    /// The words interned so far, by term id, with how many of the
    /// counted articles hold each: what an update adds to the archive's
    /// kept document frequencies.
    pub fn counted(&self) -> (Vec<&str>, &[u32], u32) {
        (
            self.table.words(),
            &self.table.document_frequency,
            self.table.documents,
        )
    }

    /// The features of every article added, weighed by the document
    /// frequencies of all of them, in the order added.
    pub fn finish(self) -> (Vec<Features>, TermTable) {
        let built = self.finish_learning();
        (built.features, built.table)
    }

    /// [`Builder::finish`], with the outlets' page furniture it learned.
    pub fn finish_learning(self) -> Built {
        let furniture = furniture::learn(&self.features, &self.counts, &self.table);
        self.weigh_all(furniture)
    }

    /// The features of every article added, weighed by the document
    /// frequencies of the counted articles and those `prior` gives (the
    /// archive's, kept by its last run), with the page furniture `prior`
    /// lists rather than any learned from these articles.
    pub fn finish_with(mut self, prior: Prior) -> Built {
        self.table.documents += prior.documents;
        for (df, before) in self
            .table
            .document_frequency
            .iter_mut()
            .zip(&prior.document_frequency)
        {
            *df += before;
        }
        let furniture = prior
            .furniture
            .into_iter()
            .map(|(source, words)| {
                let terms = words
                    .iter()
                    .filter_map(|word| self.table.ids.get(word.as_str()).copied())
                    .collect();
                (source, terms)
            })
            .collect();
        self.weigh_all(furniture)
    }

    fn weigh_all(self, furniture: HashMap<String, HashSet<u32>>) -> Built {
        let Builder {
            table,
            mut counts,
            headlines,
            mut features,
            ..
        } = self;
        furniture::drop(&features, &mut counts, &headlines, &furniture);
        // Weighed in place, a contiguous share per core, each article's
        // counts freed as its weights are made: moving every article's
        // features through work queues held two or three copies of them at
        // once, the peak of a run (issue 16).
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let share = if threads < 2 || features.len() < PARALLEL_MIN_ITEMS {
            features.len().max(1)
        } else {
            features.len().div_ceil(threads)
        };
        let weights = &table;
        let words = table.words();
        let words = &words;
        std::thread::scope(|scope| {
            for ((features, counts), headlines) in features
                .chunks_mut(share)
                .zip(counts.chunks_mut(share))
                .zip(headlines.chunks(share))
            {
                scope.spawn(move || {
                    for ((facts, row), headline) in features.iter_mut().zip(counts).zip(headlines) {
                        weigh(facts, std::mem::take(row), headline, weights, words);
                    }
                });
            }
        });
        drop(counts);
        Built {
            features,
            table,
            furniture,
        }
    }
}

/// What [`Builder`] makes of its articles.
#[derive(Debug)]
pub struct Built {
    /// Each article's features, in the order added.
    pub features: Vec<Features>,
    /// The vocabulary with its document frequencies.
    pub table: TermTable,
    /// Each outlet's page furniture (term ids) left out of its articles.
    pub furniture: HashMap<String, HashSet<u32>>,
}

/// What a story update knows of the archive's words, kept by its last
/// full run and the updates since ([`Builder::finish_with`]).
#[derive(Debug, Default)]
pub struct Prior {
    /// Articles counted.
    pub documents: u32,
    /// Per term id of the builder ([`Builder::counted`]'s words): how many
    /// of those articles hold it.
    pub document_frequency: Vec<u32>,
    /// Each outlet's page furniture words.
    pub furniture: HashMap<String, Vec<String>>,
}

/// Adds to an article's facts its term weights, from its term counts
/// (`row`) and the archive's document frequencies; `words` gives each term
/// id's word.
fn weigh(
    features: &mut Features,
    row: Vec<(u32, f32)>,
    headline: &SmallSet<u32>,
    table: &TermTable,
    words: &[&str],
) {
    // Sub-linear term frequency: a name repeated ten times is not ten times
    // the evidence.
    let mut terms: Vec<(u32, f32)> = row
        .into_iter()
        .map(|(t, c)| (t, (1.0 + c.ln()) * table.idf(t)))
        .collect();
    let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut terms {
            *w /= norm;
        }
    }
    let mut ranked: Vec<(u32, f32)> = terms
        .iter()
        .copied()
        .filter(|(t, _)| table.document_frequency(*t) >= 2)
        .collect();
    // Equal weights are common (two words each once in the article and in
    // as many others): ties go to the word, not the term id, which is the
    // order words were first seen and so differs between a full run and
    // an update, and with it the keys an article is kept under.
    let word = |term: u32| words.get(term as usize).copied().unwrap_or("");
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| word(a.0).cmp(word(b.0))));
    features.rare_terms = ranked.iter().take(10).map(|(t, _)| *t).collect();
    // In a small archive no word is distinctive: "very rare" also means at
    // most 1% of the articles.
    features.very_rare_terms = ranked
        .iter()
        .filter(|(t, _)| {
            let df = table.document_frequency(*t);
            df <= VERY_RARE_DF && df * 100 <= table.documents
        })
        .take(5)
        .map(|(t, _)| *t)
        .collect();
    let distinctive = (HEADLINE_WORD_SHARE * f64::from(table.documents)).max(5.0);
    features.headline = headline
        .iter()
        .copied()
        .filter(|term| f64::from(table.document_frequency(*term)) <= distinctive)
        .collect();
    terms.shrink_to_fit();
    features.terms = terms;
}

/// Largest share of the articles a headline word may appear in and still
/// say which event a headline is about.
const HEADLINE_WORD_SHARE: f64 = 0.05;

/// Cosine similarity of two unit-length sparse vectors.
pub fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_sparse_vectors() {
        let a = [(1, 0.6), (3, 0.8)];
        let b = [(1, 1.0)];
        assert!((cosine(&a, &b) - 0.6).abs() < 1e-6);
        assert_eq!(cosine(&a, &[(2, 1.0)]), 0.0);
    }

    fn page(id: i64, source: &str, title: &str, text: &str) -> Document {
        Document {
            id,
            external_id: format!("a{id}"),
            source: Some(source.into()),
            title: Some(title.into()),
            published: NaiveDate::from_ymd_opt(2016, 3, 1),
            text: text.into(),
            extraction: crate::extract::items::Extraction::default(),
        }
    }

    #[test]
    fn rare_words_of_equal_weight_are_chosen_by_word_not_by_first_seen() {
        let words =
            "zebra yak xylophone walrus vulture umbrella tiger sloth rabbit quail parrot ostrich";
        let reversed: Vec<&str> = words.split(' ').rev().collect();
        let one = page(1, "a.example", "", words);
        let two = page(2, "b.example", "", &reversed.join(" "));
        let rare_words = |articles: &[Document]| {
            let (features, table) = build(articles);
            let words = table.words();
            let first = features.iter().find(|f| f.id == 1).expect("built");
            first
                .rare_terms
                .iter()
                .map(|t| words[*t as usize].to_string())
                .collect::<Vec<_>>()
        };
        let expected: Vec<String> = {
            let mut all: Vec<String> = words.split(' ').map(String::from).collect();
            all.sort();
            all.truncate(10);
            all
        };
        assert_eq!(rare_words(&[one.clone(), two.clone()]), expected);
        assert_eq!(rare_words(&[two, one]), expected);
    }

    #[test]
    fn an_outlet_s_page_furniture_is_not_likeness() {
        let furniture = "Subscribe newsletter weather traffic sports headlines podcasts contests";
        let events = [
            (
                "Teen wounded downtown",
                "gunfire wounded teenager outside pharmacy downtown",
            ),
            (
                "Clerk robbed at gas station",
                "robber pistol cashier station register",
            ),
            (
                "Crash closes highway",
                "tractor trailer overturned interstate lanes",
            ),
            (
                "Council votes on budget",
                "aldermen approved budget library",
            ),
        ];
        let mut articles: Vec<Document> = events
            .iter()
            .enumerate()
            .map(|(i, (title, body))| {
                page(
                    i as i64 + 1,
                    "news.example",
                    title,
                    &format!("{body}. {furniture}."),
                )
            })
            .collect();
        // Another outlet's page about the first event carries none of it.
        articles.push(page(
            5,
            "other.example",
            "Shooting downtown",
            "teenager wounded gunfire downtown pharmacy",
        ));
        let (features, _) = build(&articles);
        assert_eq!(cosine(&features[0].terms, &features[1].terms), 0.0);
        assert!(cosine(&features[0].terms, &features[4].terms) > 0.5);
        // Words every outlet's pages carry are no one outlet's furniture
        // (in an archive gathered around one event, they are the event).
        let archive: Vec<Document> = (0..8)
            .map(|i| {
                let (title, body) = events[i % 4];
                page(
                    i as i64 + 1,
                    &format!("outlet{}.example", i % 2),
                    title,
                    &format!("{body}. {furniture}."),
                )
            })
            .collect();
        let (features, _) = build(&archive);
        assert!(cosine(&features[0].terms, &features[2].terms) > 0.0);
        // With too few pages to tell furniture from a story, nothing goes.
        let (features, _) = build(&articles[..2]);
        assert!(cosine(&features[0].terms, &features[1].terms) > 0.15);
    }
}
