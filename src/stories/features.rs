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

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;

use super::outlets::HomeRegions;
use super::small_set::SmallSet;
use crate::dedupe::Signature;
use crate::document::Document;
use crate::extract::entities::{EntityKind, alias_key};
use crate::extract::items::{Extraction, PlaceRef};
use crate::model::DatePrecision;
use crate::text::tokens::{self, WordKind};
use crate::text::words::WordList;

/// Words too common in any news text to say which event an article is about.
static STOPWORDS: WordList = WordList::new(include_str!("features/stopwords.txt"));

/// How far into the text ages and streets are read: the lead, where a
/// report introduces the people and setting of its incident; further down
/// come recalled incidents and page debris (related stories).
const LEAD_BYTES: usize = 2500;

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

/// Content words of a text: lower-case runs of letters and digits, three
/// characters or more, not stopwords.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    tokens::words(text, 0..text.len(), &tokens::ALPHANUMERIC_RUNS)
        .into_iter()
        .filter(|word| word.kind == WordKind::Word)
        .map(move |word| &text[word.range])
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
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
        let homes = &self.homes;
        let read = on_every_core(block, |(article, signature)| {
            (
                words(&article_prose(article)).collect::<Vec<String>>(),
                words(article.title.as_deref().unwrap_or("")).collect::<Vec<String>>(),
                facts_of(article, signature, homes),
            )
        });
        for (prose_words, title_words, facts) in read {
            let table = &mut self.table;
            let mut tf: HashMap<u32, f32> = HashMap::new();
            for word in &prose_words {
                *tf.entry(table.intern(word)).or_insert(0.0) += 1.0;
            }
            let mut headline = Vec::new();
            for word in &title_words {
                let term = table.intern(word);
                *tf.entry(term).or_insert(0.0) += 2.0;
                headline.push(term);
            }
            self.headlines.push(headline.into_iter().collect());
            let mut row: Vec<(u32, f32)> = tf.into_iter().collect();
            row.sort_unstable_by_key(|(t, _)| *t);
            for (t, _) in &row {
                table.document_frequency[*t as usize] += 1;
            }
            table.documents += 1;
            self.counts.push(row);
            self.features.push(self.shared.share(facts));
        }
    }

    /// The features of every article added, weighed by the document
    /// frequencies of all of them, in the order added.
    pub fn finish(self) -> (Vec<Features>, TermTable) {
        let Builder {
            table,
            mut counts,
            headlines,
            mut features,
            ..
        } = self;
        drop_outlet_furniture(&features, &mut counts, &headlines, &table);
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
        std::thread::scope(|scope| {
            for ((features, counts), headlines) in features
                .chunks_mut(share)
                .zip(counts.chunks_mut(share))
                .zip(headlines.chunks(share))
            {
                scope.spawn(move || {
                    for ((facts, row), headline) in features.iter_mut().zip(counts).zip(headlines) {
                        weigh(facts, std::mem::take(row), headline, weights);
                    }
                });
            }
        });
        drop(counts);
        (features, table)
    }
}

/// One shared copy of each outlet name and place: thousands of articles
/// name the same city, and a [`PlaceRef`] is seven strings.
#[derive(Debug, Default)]
struct Shared {
    sources: HashSet<Arc<str>>,
    places: HashMap<String, Vec<Arc<PlaceRef>>>,
}

impl Shared {
    fn share(&mut self, mut facts: Features) -> Features {
        facts.source = facts.source.map(|source| self.source(source));
        facts.main_place = facts.main_place.map(|p| self.place(p));
        facts.place = facts.place.map(|p| self.place(p));
        facts.cities_named = std::mem::take(&mut facts.cities_named)
            .into_vec()
            .into_iter()
            .map(|p| self.place(p))
            .collect();
        facts
    }

    fn source(&mut self, source: Arc<str>) -> Arc<str> {
        match self.sources.get(&source) {
            Some(shared) => Arc::clone(shared),
            None => {
                self.sources.insert(Arc::clone(&source));
                source
            }
        }
    }

    fn place(&mut self, place: Arc<PlaceRef>) -> Arc<PlaceRef> {
        let same_id = self.places.entry(place.id.clone()).or_default();
        match same_id.iter().find(|shared| **shared == place) {
            Some(shared) => Arc::clone(shared),
            None => {
                same_id.push(Arc::clone(&place));
                place
            }
        }
    }
}

/// Fewest items worth starting threads for.
const PARALLEL_MIN_ITEMS: usize = 64;

/// `work` on each item, on as many threads as there are cores, each taking
/// a contiguous share; results in the items' order.
fn on_every_core<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || items.len() < PARALLEL_MIN_ITEMS {
        return items.into_iter().map(work).collect();
    }
    let share = items.len().div_ceil(threads);
    let mut shares: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut items = items.into_iter();
    loop {
        let next: Vec<T> = items.by_ref().take(share).collect();
        if next.is_empty() {
            break;
        }
        shares.push(next);
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| scope.spawn(move || share.into_iter().map(work).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| match handle.join() {
                Ok(results) => results,
                // A panic in `work` is the caller's, as it would be on one thread.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// What an article's features are that needs no other article: all but
/// the term weights, which [`weigh`] adds once every article is counted.
fn facts_of(article: &Document, signature: Option<Signature>, homes: &HomeRegions) -> Features {
    let extraction = &article.extraction;
    let people = people_of(extraction).into_iter().map(Box::from).collect();
    let main = extraction.main_event.as_ref();
    let (event_date, event_date_from_text) = event_date_of(article);
    let dates_named = extraction
        .dates
        .iter()
        .filter(|d| d.precision == DatePrecision::Day)
        .filter_map(|d| d.date)
        .collect();
    let signature = signature.unwrap_or_else(|| Signature::of(&article.text));
    let in_dateline = |e: &crate::extract::items::EntityItem| {
        extraction.noise.iter().any(|n| {
            n.kind == "dateline"
                && n.anchor.field == e.anchor.field
                && n.anchor.start <= e.anchor.start
                && e.anchor.end <= n.anchor.end
        })
    };
    let places_named: SmallSet<Box<str>> = extraction
        .entities
        .iter()
        .filter(|e| !in_dateline(e))
        .filter_map(|e| e.place.as_ref().map(|p| Box::from(p.id.as_str())))
        .collect();
    // A place named only in a dateline is where the reporter was.
    let main_place = homes.main_place(article).map(Arc::new);
    let place = main
        .and_then(|m| m.place.as_ref())
        .filter(|p| {
            places_named.contains(p.id.as_str())
                || !extraction
                    .entities
                    .iter()
                    .any(|e| e.place.as_ref().is_some_and(|q| q.id == p.id))
        })
        .and(main_place.clone());
    let headline = article
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(Box::from);
    let has_headline = headline.is_some();
    Features {
        id: article.id,
        terms: Vec::new(),
        headline: SmallSet::default(),
        rare_terms: Vec::new(),
        very_rare_terms: Vec::new(),
        people,
        event_kind: main.map(|m| m.kind.clone()),
        event_date,
        event_date_from_text,
        published: article.published,
        dates_named,
        main_place,
        place,
        places_named,
        ages: ages_in(article.title.as_deref().unwrap_or(""))
            .chain(ages_in(lead_of(&article.text, LEAD_BYTES)))
            .collect(),
        streets: streets_in(lead_of(&article.text, LEAD_BYTES))
            .into_iter()
            .map(Box::from)
            .collect(),
        killed: main.and_then(|m| m.killed),
        injured: main.and_then(|m| m.injured),
        signature,
        source: article.source.as_deref().map(Arc::from),
        title: headline.or_else(|| first_sentence(&article.text).map(Box::from)),
        has_headline,
        main_day: main
            .filter(|m| m.date_precision == Some(DatePrecision::Day))
            .and_then(|m| m.date),
        cities_named: extraction
            .entities
            .iter()
            .filter_map(|e| e.place.as_ref())
            .filter(|p| p.kind == "city")
            .map(|p| Arc::new(p.clone()))
            .collect(),
    }
}

/// Adds to an article's facts its term weights, from its term counts
/// (`row`) and the archive's document frequencies.
fn weigh(
    features: &mut Features,
    row: Vec<(u32, f32)>,
    headline: &SmallSet<u32>,
    table: &TermTable,
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
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
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

/// The first sentence of a text (at most 160 characters), for a story
/// title when no member has a headline.
fn first_sentence(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let end = trimmed
        .char_indices()
        .find(|(i, c)| matches!(c, '.' | '!' | '?') && *i >= 20)
        .map_or(trimmed.len(), |(i, c)| i + c.len_utf8());
    let sentence: String = trimmed[..end].chars().take(160).collect();
    Some(sentence)
}

/// Alias keys of the people an article names with at least two words and
/// no role: officials (a prosecutor, a police chief, a spokesman) appear in
/// many unrelated reports; only people named without a role tie reports of
/// one event together.
pub(crate) fn people_of(extraction: &Extraction) -> BTreeSet<String> {
    let officials: BTreeSet<&str> = extraction
        .entities
        .iter()
        .filter(|e| e.kind == "person" && e.role.is_some())
        .map(|e| e.name.as_str())
        .collect();
    extraction
        .entities
        .iter()
        .filter(|e| {
            e.kind == "person"
                && e.name.split_whitespace().count() >= 2
                && !officials.contains(e.name.as_str())
        })
        .map(|e| alias_key(&e.name, EntityKind::Person))
        .filter(|k| k.len() >= 5)
        .collect()
}

/// The main event's date when the text gives it to the day (and it is not
/// merely the reference date of a dated article), else the publication
/// date; with whether it came from the text.
pub(crate) fn event_date_of(article: &Document) -> (Option<NaiveDate>, bool) {
    let extraction = &article.extraction;
    let text_date = extraction
        .main_event
        .as_ref()
        .filter(|m| m.date_precision == Some(DatePrecision::Day))
        .and_then(|m| m.date)
        .filter(|d| {
            Some(*d) != extraction.reference_date.as_ref().map(|r| r.date)
                || article.published.is_none()
        });
    (text_date.or(article.published), text_date.is_some())
}

/// Largest share of the articles a headline word may appear in and still
/// say which event a headline is about.
const HEADLINE_WORD_SHARE: f64 = 0.05;

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

/// Removes from each article's body terms the words most of its outlet's
/// articles carry and other outlets' rarely do: they are the outlet's page,
/// not the event, and would make any two of its reports look alike.
/// Headline words stay.
fn drop_outlet_furniture(
    articles: &[Features],
    counts: &mut [Vec<(u32, f32)>],
    headlines: &[SmallSet<u32>],
    table: &TermTable,
) {
    let mut by_outlet: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        if let Some(source) = article.source.as_deref() {
            by_outlet.entry(source).or_default().push(i);
        }
    }
    for members in by_outlet
        .values()
        .filter(|m| m.len() >= FURNITURE_MIN_ARTICLES)
    {
        let mut frequency: HashMap<u32, usize> = HashMap::new();
        for &i in members {
            for (term, _) in &counts[i] {
                *frequency.entry(*term).or_insert(0) += 1;
            }
        }
        let outlet = members.len() as f64;
        let others = (table.documents as f64 - outlet).max(1.0);
        let furniture = |term: &u32| {
            let here = frequency.get(term).copied().unwrap_or(0) as f64;
            let elsewhere = f64::from(table.document_frequency(*term)) - here;
            here / outlet >= FURNITURE_SHARE && here / outlet >= FURNITURE_LIFT * elsewhere / others
        };
        for &i in members {
            counts[i].retain(|(term, _)| !furniture(term) || headlines[i].contains(term));
        }
    }
}

/// The article's text without the page furniture, captions, embedded
/// posts and credit lines extraction found in it: two pages of one outlet
/// share their furniture whatever events they report.
fn article_prose(article: &Document) -> String {
    let mut noise: Vec<(usize, usize)> = article.noise_spans().collect();
    if noise.is_empty() {
        return article.text.clone();
    }
    noise.sort_unstable();
    let mut spans = noise.into_iter().peekable();
    let mut prose = String::with_capacity(article.text.len());
    for (position, character) in article.text.chars().enumerate() {
        while spans.peek().is_some_and(|(_, end)| *end <= position) {
            spans.next();
        }
        if spans.peek().is_some_and(|(start, _)| *start <= position) {
            // Keep words apart across a removed stretch.
            if !prose.ends_with(' ') {
                prose.push(' ');
            }
            continue;
        }
        prose.push(character);
    }
    prose
}

/// The first `bytes` of `text` (cut back to a character boundary).
fn lead_of(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Ages written "17-year-old" (or "17 year old", "17-years-old").
fn ages_in(text: &str) -> impl Iterator<Item = u32> + '_ {
    text.match_indices("year").filter_map(move |(at, _)| {
        let before = text.get(..at)?.strip_suffix(['-', ' '])?;
        let digits: String = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        let rest = text.get(at + 4..)?;
        let old = rest.strip_prefix('s').unwrap_or(rest);
        let follows = old.starts_with("-old") || old.starts_with(" old");
        let age: u32 = digits.chars().rev().collect::<String>().parse().ok()?;
        (follows && (1..=110).contains(&age) && digits.len() <= 3).then_some(age)
    })
}

/// Last words of a street's name ("Sherman Street", "Oak Ave.", "Martin
/// Luther King Jr. Drive").
static ROAD_WORDS: WordList = WordList::new(include_str!("features/road_words.txt"));

/// The streets a text names, each by the word before its road word
/// ("sherman" for "the 400 block of Sherman Street", "33rd" for "33rd
/// Street"): reports of one incident name its street.
fn streets_in(text: &str) -> BTreeSet<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let bare = |word: &str| {
        word.trim_matches(|character: char| !character.is_alphanumeric())
            .to_lowercase()
    };
    words
        .windows(2)
        .filter(|pair| {
            pair[1].chars().next().is_some_and(char::is_uppercase)
                && ROAD_WORDS.contains(&bare(pair[1]).as_str())
        })
        .filter(|pair| {
            pair[0]
                .chars()
                .next()
                .is_some_and(|first| first.is_uppercase() || first.is_ascii_digit())
        })
        .map(|pair| bare(pair[0]))
        .filter(|name| !name.is_empty())
        .collect()
}

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

    #[test]
    fn streets_are_named_by_the_word_before_their_road_word() {
        let streets = streets_in(
            "Police found him in the 400 block of Sherman Street, near 33rd St. and the Main road. He lived on Oak Ave.",
        );
        assert_eq!(
            streets,
            ["33rd", "oak", "sherman"]
                .into_iter()
                .map(String::from)
                .collect::<BTreeSet<_>>()
        );
    }

    #[test]
    fn ages_are_read_from_their_usual_forms() {
        let ages: Vec<u32> = ages_in(
            "A 17-year-old boy and his 45 year old father; a 3-years-old girl; the 2016 yearbook",
        )
        .collect();
        assert_eq!(ages, vec![17, 45, 3]);
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

    #[test]
    fn words_drop_stopwords_and_short_tokens() {
        let got: Vec<String> = words("The man was shot on Elm St. in Dayton").collect();
        assert_eq!(got, vec!["man", "shot", "elm", "dayton"]);
    }
}
