//! Quotations grouped by content across outlets, and their differences.
//!
//! Two quotations (three words or more, scare quotes excluded) are the same
//! quotation when at least half of the shorter one's content words (and
//! three or more) occur in the longer one in the same order (longest common
//! subsequence over transliteration keys, function words left out), as
//! wholes or one of them as one of its sentences (an outlet that rewords a
//! sentence and quotes the next one too: four shared keys of three letters
//! or more, so that "I'm" and "didn’t" do not make sentences alike) —
//! content, not the speaker, decides, so the same words attributed to
//! different people are caught.
//! Each group has a reference version (the most repeated wording, then the
//! longest); every other version is diffed against it word by word
//! (`similar`, patience algorithm). Words cut at either end make an
//! `excerpt`, not an alteration. A change inside is a spelling difference
//! when the removed and added words are the same name up to transliteration
//! (`entities::fuzzy_key`: Kataeb/Kataib); case, punctuation and curly
//! versus straight quotation marks never count, since the words are
//! compared normalised.
//!
//! A shared quotation is `misattributed` when two outlets credit it to
//! different people. Speakers are compared as the story's entities
//! (`entities::clusters`): the same person under a spelling variant or by
//! surname only is one speaker; a role or an institution ("police said", "a
//! spokesman") may speak through any of its people and a quotation without
//! a speaker says nothing, so neither is evidence; nor are two names whose
//! surnames are one letter apart (Adesha, Adeseha), which may be one
//! person misspelt by one outlet. The clusters are built
//! without the links shared copy makes between names, since a name put in
//! place of another inside copied text is exactly what is looked for here.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::entities::{Cluster, clusters};
use super::reading::data_lines;
use super::{DiffPart, QuoteGroup, QuoteVariant, word_hash, word_spans};
use crate::document::Document;
use crate::extract::entities::{EntityKind, alias_key, fuzzy_key};
use crate::extract::items::QuoteItem;
use crate::text::sentences::split;

struct Entry<'a> {
    /// The article's index in the compared slice.
    index: usize,
    article: &'a Document,
    quote: &'a QuoteItem,
    words: Vec<String>,
    keys: Keys,
    /// Its content keys of three letters or more, as its sentences are
    /// compared.
    strong: Keys,
    /// The strong keys of each sentence, for a quotation of several.
    sentences: Vec<Keys>,
}

/// Word keys of a quotation or of one of its sentences.
struct Keys {
    /// In word order.
    order: Vec<u64>,
    /// Sorted (repeats kept), for [`common_bound`].
    sorted: Vec<u64>,
}

impl Keys {
    fn new(order: Vec<u64>) -> Keys {
        let mut sorted = order.clone();
        sorted.sort_unstable();
        Keys { order, sorted }
    }
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut root = i;
    while parent[root] != root {
        root = parent[root];
    }
    let mut node = i;
    while parent[node] != root {
        let next = parent[node];
        parent[node] = root;
        node = next;
    }
    root
}

/// Function words: shared by any two quotations, so they say nothing about
/// whether two are the same.
fn function_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| data_lines(include_str!("data/quote_function_words.txt")).collect())
}

/// Content words of a quotation as transliteration fingerprints, so
/// "Kataeb" and "Kataib" count as the same word.
fn content_keys(words: &[String]) -> Vec<u64> {
    keys_of_length(words, 1)
}

/// Content keys of three letters or more: what a sentence of a quotation is
/// matched on, so that the leftovers of contractions and short words
/// ("I'm", "didn’t", "gonna" and "gun") do not make two sentences alike.
fn strong_keys(words: &[String]) -> Vec<u64> {
    keys_of_length(words, 3)
}

fn keys_of_length(words: &[String], shortest: usize) -> Vec<u64> {
    words
        .iter()
        .filter(|w| !function_words().contains(w.as_str()))
        .map(|w| fuzzy_key(w))
        .filter(|k| k.chars().count() >= shortest)
        .map(|k| word_hash(&k))
        .collect()
}

/// The strong keys of each sentence of a quotation of several sentences
/// (none for a quotation of one).
fn sentence_keys(text: &str) -> Vec<Keys> {
    let sentences = split(text);
    if sentences.len() < 2 {
        return Vec::new();
    }
    let spans = word_spans(text);
    sentences
        .iter()
        .map(|sentence| {
            let start = text[..sentence.range.start].chars().count();
            let end = start + text[sentence.range.clone()].chars().count();
            let words: Vec<String> = spans
                .iter()
                .filter(|(_, word_start, _)| (start..end).contains(word_start))
                .map(|(word, _, _)| word.clone())
                .collect();
            Keys::new(strong_keys(&words))
        })
        .collect()
}

/// Whether two key lists are one quotation: three content words or more,
/// and half of the shorter's, in the same order.
fn same_words(a: &Keys, b: &Keys) -> bool {
    enough_shared(common_bound(a, b), 3, a, b)
        && enough_shared(common_subsequence(&a.order, &b.order), 3, a, b)
}

/// Whether a sentence of one quotation is the other quotation: four strong
/// keys or more shared, and half of the shorter's, in the same order.
fn same_sentence(sentence: &Keys, other: &Keys) -> bool {
    enough_shared(common_bound(sentence, other), 4, sentence, other)
        && enough_shared(
            common_subsequence(&sentence.order, &other.order),
            4,
            sentence,
            other,
        )
}

/// `shared` keys are `least` or more and half of the shorter list's.
fn enough_shared(shared: usize, least: usize, a: &Keys, b: &Keys) -> bool {
    shared >= least && shared * 2 >= a.order.len().min(b.order.len())
}

/// Whether two quotations are one: as wholes, or one of them as one of its
/// sentences (an outlet quoting a reworded sentence and the next one).
fn same_quotation(a: &Entry<'_>, b: &Entry<'_>) -> bool {
    same_words(&a.keys, &b.keys)
        || a.sentences
            .iter()
            .any(|part| same_sentence(part, &b.strong))
        || b.sentences
            .iter()
            .any(|part| same_sentence(part, &a.strong))
}

/// Keys shared by two lists counted with repeats, in any order: a bound
/// of their common subsequence that costs a merge, so most pairs of
/// quotations are told apart without the quadratic count.
fn common_bound(a: &Keys, b: &Keys) -> usize {
    let (x, y) = (&a.sorted, &b.sorted);
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Length of the longest common subsequence of two word lists: the words
/// two versions of one quotation keep in the same order.
fn common_subsequence(a: &[u64], b: &[u64]) -> usize {
    let mut previous = vec![0usize; b.len() + 1];
    let mut current = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            current[j + 1] = if x == y {
                previous[j] + 1
            } else {
                previous[j + 1].max(current[j])
            };
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// Words that make a speaker a role or an institution rather than a named
/// person; such attributions cannot show that two outlets name different people.
fn role_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| data_lines(include_str!("data/speaker_role_words.txt")).collect())
}

/// Surname-level key of a speaker ("Mr Austin", "Lloyd Austin" → "austin");
/// empty for roles and institutions.
fn speaker_key(speaker: &str) -> String {
    let key = alias_key(speaker, EntityKind::Person);
    let last = key.rsplit(' ').next().unwrap_or("");
    if role_words().contains(last) || !speaker.chars().next().is_some_and(char::is_uppercase) {
        return String::new();
    }
    last.to_string()
}

/// Who a variant's speaker is, as far as the story's entities tell.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Identity {
    /// A person entity of the story: its cluster's index.
    Person(usize),
    /// A named person the story's entities do not know, by surname key.
    Surname(String),
}

/// The story's people as the speakers are compared against them.
struct People {
    /// Person cluster of each mention: (article index, entity index).
    by_mention: HashMap<(usize, usize), usize>,
    /// Surname keys of each cluster's forms (none for other kinds).
    surnames: Vec<BTreeSet<String>>,
}

impl People {
    fn of(clusters: &[Cluster]) -> People {
        let mut by_mention = HashMap::new();
        let mut surnames = Vec::with_capacity(clusters.len());
        for (index, cluster) in clusters.iter().enumerate() {
            let person = cluster.kind == "person";
            if person {
                by_mention.extend(cluster.mentions.iter().map(|&mention| (mention, index)));
            }
            surnames.push(
                cluster
                    .forms
                    .iter()
                    .filter(|_| person)
                    .map(|(_, name)| speaker_key(name))
                    .filter(|key| !key.is_empty())
                    .collect(),
            );
        }
        People {
            by_mention,
            surnames,
        }
    }

    /// The person a variant credits; `None` when it credits nobody, a role
    /// or an institution.
    fn identity(&self, entry: &Entry<'_>) -> Option<Identity> {
        let speaker = entry.quote.speaker.as_deref()?;
        let key = speaker_key(speaker);
        let entities = &entry.article.extraction.entities;
        // The mention the extraction tied the speaker to, then any of the
        // article's mentions under the speaker's name; a mention of another
        // name (the organisation in "a spokesman for X") is not the speaker.
        let named = entry.quote.speaker_entity.into_iter().chain(
            entities
                .iter()
                .enumerate()
                .filter(|(_, entity)| entity.name == speaker)
                .map(|(index, _)| index),
        );
        for index in named {
            let Some(entity) = entities.get(index) else {
                continue;
            };
            let same_name =
                entity.name == speaker || (!key.is_empty() && speaker_key(&entity.name) == key);
            if !same_name {
                continue;
            }
            if entity.kind != "person" {
                return None;
            }
            if let Some(&cluster) = self.by_mention.get(&(entry.index, index)) {
                return Some(Identity::Person(cluster));
            }
        }
        if key.is_empty() {
            return None;
        }
        let mut matching = self
            .surnames
            .iter()
            .enumerate()
            .filter(|(_, surnames)| surnames.contains(&key))
            .map(|(cluster, _)| cluster);
        Some(match (matching.next(), matching.next()) {
            (Some(cluster), None) => Identity::Person(cluster),
            _ => Identity::Surname(key),
        })
    }

    /// Whether two identities may be one person: a surname alone is any of
    /// the story's people of that surname.
    fn same(&self, a: &Identity, b: &Identity) -> bool {
        match (a, b) {
            (Identity::Person(x), Identity::Person(y)) => {
                x == y || misspelt(&self.surnames[*x], &self.surnames[*y])
            }
            (Identity::Person(cluster), Identity::Surname(key))
            | (Identity::Surname(key), Identity::Person(cluster)) => {
                self.surnames.get(*cluster).is_some_and(|surnames| {
                    surnames.contains(key) || surnames.iter().any(|s| one_slip(s, key))
                })
            }
            (Identity::Surname(x), Identity::Surname(y)) => x == y || one_slip(x, y),
        }
    }
}

/// Two people whose surnames are one letter apart, who may be one.
fn misspelt(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.iter().any(|x| b.iter().any(|y| one_slip(x, y)))
}

/// Two surnames of five letters or more that differ by one letter added,
/// dropped or changed.
fn one_slip(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 5 || long.len() - short.len() > 1 || short == long {
        return false;
    }
    let prefix = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
    let skip = usize::from(long.len() > short.len());
    // After the first difference the rest matches, with the longer one's
    // letter dropped, or the letter changed.
    short[prefix + 1 - skip..] == long[prefix + 1..]
}

/// The one-sentence reason of a misattributed group, or `None` when no two
/// outlets credit the words to different people.
fn misattribution(people: &People, credited: &[(&Entry<'_>, Identity)]) -> Option<String> {
    let differ = credited.iter().enumerate().any(|(n, (a, x))| {
        credited[n + 1..]
            .iter()
            .any(|(b, y)| a.article.id != b.article.id && !people.same(x, y))
    });
    if !differ {
        return None;
    }
    // One variant for each person credited, in the order of the outlets.
    let mut shown: Vec<&(&Entry<'_>, Identity)> = Vec::new();
    for credit in credited {
        if !shown.iter().any(|(_, kept)| people.same(kept, &credit.1)) {
            shown.push(credit);
        }
    }
    let parts: Vec<String> = shown
        .iter()
        .enumerate()
        .map(|(n, (entry, _))| {
            let outlet = entry.article.label();
            let speaker = entry.quote.speaker.as_deref().unwrap_or_default();
            if n == 0 {
                format!("{outlet} credits these words to {speaker}")
            } else {
                format!("{outlet} to {speaker}")
            }
        })
        .collect();
    Some(format!("{}.", parts.join(", ")))
}

/// Result of diffing a version against the reference.
struct Difference {
    parts: Vec<DiffPart>,
    changed: bool,
    spelling_only: bool,
    excerpt: bool,
}

fn diff(reference: &[String], version: &[String]) -> Difference {
    let ops = capture_diff_slices(Algorithm::Patience, reference, version);
    let mut parts: Vec<DiffPart> = Vec::new();
    // Consecutive deletions and insertions form one change; a change before
    // the first or after the last equal run only trims the quotation.
    let mut changes: Vec<(Vec<String>, Vec<String>, bool)> = Vec::new();
    let mut pending: (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut seen_equal = false;
    let flush = |pending: &mut (Vec<String>, Vec<String>),
                 parts: &mut Vec<DiffPart>,
                 changes: &mut Vec<(Vec<String>, Vec<String>, bool)>,
                 leading: bool| {
        if pending.0.is_empty() && pending.1.is_empty() {
            return;
        }
        if !pending.0.is_empty() {
            parts.push(DiffPart {
                op: "delete".into(),
                text: pending.0.join(" "),
            });
        }
        if !pending.1.is_empty() {
            parts.push(DiffPart {
                op: "insert".into(),
                text: pending.1.join(" "),
            });
        }
        let (old, new) = std::mem::take(pending);
        changes.push((old, new, leading));
    };
    for op in &ops {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                flush(&mut pending, &mut parts, &mut changes, !seen_equal);
                seen_equal = true;
                parts.push(DiffPart {
                    op: "equal".into(),
                    text: reference[old_index..old_index + len].join(" "),
                });
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => pending
                .0
                .extend_from_slice(&reference[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => pending
                .1
                .extend_from_slice(&version[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                pending
                    .0
                    .extend_from_slice(&reference[old_index..old_index + old_len]);
                pending
                    .1
                    .extend_from_slice(&version[new_index..new_index + new_len]);
            }
        }
    }
    let trailing_start = changes.len();
    flush(&mut pending, &mut parts, &mut changes, !seen_equal);
    let mut excerpt = false;
    let mut inner: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for (n, (old, new, leading)) in changes.into_iter().enumerate() {
        let trailing = n >= trailing_start;
        // Only one side has words at an edge: the quotation was cut there.
        if (leading || trailing) && (old.is_empty() || new.is_empty()) {
            excerpt = true;
        } else {
            inner.push((old, new));
        }
    }
    let spelling = |(old, new): &(Vec<String>, Vec<String>)| {
        !old.is_empty() && !new.is_empty() && {
            let (a, b) = (old.join(" "), new.join(" "));
            let (ka, kb) = (fuzzy_key(&a), fuzzy_key(&b));
            !ka.is_empty() && ka == kb && a.len() >= 4
        }
    };
    let changed = !inner.is_empty();
    let spelling_only = changed && inner.iter().all(spelling);
    Difference {
        parts,
        changed,
        spelling_only,
        excerpt,
    }
}

fn render(parts: &[DiffPart]) -> String {
    parts
        .iter()
        .map(|p| match p.op.as_str() {
            "delete" => format!("[-{}-]", p.text),
            "insert" => format!("{{+{}+}}", p.text),
            _ => p.text.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Quotation groups: shared ones first (altered, then verbatim), then unique.
pub fn compare(articles: &[&Document]) -> Vec<QuoteGroup> {
    let people = People::of(&clusters(articles, &[]));
    let mut entries: Vec<Entry<'_>> = Vec::new();
    for (index, article) in articles.iter().enumerate() {
        for quote in &article.extraction.quotes {
            if quote.kind == "scare" || article.in_noise(&quote.anchor) {
                continue;
            }
            let words: Vec<String> = word_spans(&quote.anchor.text)
                .into_iter()
                .map(|(w, _, _)| w)
                .collect();
            let keys = content_keys(&words);
            let strong = strong_keys(&words);
            if words.len() >= 3 && keys.len() >= 2 {
                entries.push(Entry {
                    index,
                    article,
                    quote,
                    words,
                    keys: Keys::new(keys),
                    strong: Keys::new(strong),
                    sentences: sentence_keys(&quote.anchor.text),
                });
            }
        }
    }
    // Candidates through an index of each quotation's content words that
    // are rare in the story (in at most two quotations per article, and
    // always its three rarest), so a long story does not compare every
    // quotation with every other.
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let mut seen: Vec<u64> = e.keys.sorted.clone();
        seen.dedup();
        for w in seen {
            index.entry(w).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..entries.len()).collect();
    let mut checked: HashSet<(usize, usize)> = HashSet::new();
    for i in 0..entries.len() {
        let mut rarest: Vec<(usize, u64)> = entries[i]
            .keys
            .order
            .iter()
            .map(|k| (index.get(k).map_or(0, Vec::len), *k))
            .collect();
        rarest.sort_unstable();
        rarest.dedup();
        let cap = 2 * articles.len().max(4);
        let mut candidates: Vec<usize> = rarest
            .iter()
            .enumerate()
            .filter(|(n, (postings, _))| *n < 3 || *postings <= cap)
            .flat_map(|(_, (_, k))| {
                index
                    .get(k)
                    .map(Vec::as_slice)
                    .unwrap_or(&[])
                    .iter()
                    .copied()
            })
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for j in candidates {
            {
                let pair = (i.min(j), i.max(j));
                if i == j || entries[i].article.id == entries[j].article.id || !checked.insert(pair)
                {
                    continue;
                }
                if same_quotation(&entries[i], &entries[j]) {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    if ri != rj {
                        parent[ri.max(rj)] = ri.min(rj);
                    }
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..entries.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut out: Vec<(u8, usize, QuoteGroup)> = Vec::new();
    for (root, members) in groups {
        let mut wording: BTreeMap<&[String], usize> = BTreeMap::new();
        for &i in &members {
            *wording.entry(entries[i].words.as_slice()).or_insert(0) += 1;
        }
        let reference = members
            .iter()
            .copied()
            .max_by(|&a, &b| {
                wording[entries[a].words.as_slice()]
                    .cmp(&wording[entries[b].words.as_slice()])
                    .then(entries[a].words.len().cmp(&entries[b].words.len()))
                    .then(b.cmp(&a))
            })
            .unwrap_or(root);
        let mut articles_in: Vec<i64> = members.iter().map(|&i| entries[i].article.id).collect();
        articles_in.sort_unstable();
        articles_in.dedup();
        let shared = articles_in.len() >= 2;
        let mut altered = false;
        let mut all_spelling = true;
        let mut any_spelling = false;
        let mut first_diff: Option<String> = None;
        let mut variants = Vec::new();
        for &i in &members {
            let entry = &entries[i];
            let (status, spelling_only, excerpt, parts) = if i == reference {
                ("reference", false, false, None)
            } else {
                let d = diff(&entries[reference].words, &entry.words);
                if d.changed && !d.spelling_only {
                    altered = true;
                    all_spelling = false;
                    if first_diff.is_none() {
                        first_diff = Some(render(&d.parts));
                    }
                    ("altered", false, d.excerpt, Some(d.parts))
                } else {
                    any_spelling |= d.spelling_only;
                    (
                        "verbatim",
                        d.spelling_only,
                        d.excerpt,
                        if d.spelling_only { Some(d.parts) } else { None },
                    )
                }
            };
            variants.push(QuoteVariant {
                article: entry.article.id,
                field: entry.quote.anchor.field,
                text: entry.quote.anchor.text.clone(),
                start: entry.quote.anchor.start,
                end: entry.quote.anchor.end,
                speaker: entry.quote.speaker.clone(),
                status: status.into(),
                spelling_only,
                excerpt,
                diff: parts,
            });
        }
        let mut speakers: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for v in &variants {
            if let Some(s) = &v.speaker {
                let key = speaker_key(s);
                if !key.is_empty() {
                    let slot = speakers.entry(key).or_insert((0, s.clone()));
                    slot.0 += 1;
                    if s.len() > slot.1.len() {
                        slot.1 = s.clone();
                    }
                }
            }
        }
        let speaker = speakers
            .values()
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, s)| s.clone());
        let credited: Vec<(&Entry<'_>, Identity)> = members
            .iter()
            .filter_map(|&i| Some((&entries[i], people.identity(&entries[i])?)))
            .collect();
        let reason = misattribution(&people, &credited);
        let status = if !shared {
            "unique"
        } else if reason.is_some() {
            "misattributed"
        } else if altered {
            "altered"
        } else {
            "verbatim"
        };
        let rank = match status {
            "misattributed" => 0,
            "altered" => 1,
            "verbatim" => 2,
            _ => 3,
        };
        out.push((
            rank,
            members.first().copied().unwrap_or(0),
            QuoteGroup {
                key: String::new(),
                speaker,
                status: status.into(),
                speakers_differ: reason.is_some(),
                spelling_only: shared && !altered && any_spelling && all_spelling,
                variants,
                diff: first_diff,
                reason,
            },
        ));
    }
    out.sort_by_key(|(rank, first, _)| (*rank, *first));
    out.into_iter().map(|(_, _, g)| g).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::{article, quote};
    use crate::extract::pipeline::{self, Input};

    /// The cases of `test_data/quote_speakers.txt`: each article of a story
    /// through the whole extraction, then the story's quotation groups.
    #[test]
    fn speakers_across_outlets() {
        crate::text::cases::check("src/compare/test_data/quote_speakers.txt", |case| {
            let documents: Vec<Document> = case
                .input
                .split("\n~~~\n")
                .zip(1..)
                .map(|(text, id)| {
                    let mut document = article(id, text, vec![]);
                    document.extraction = pipeline::run(&Input {
                        title: None,
                        text,
                        published: document.published,
                        region_hint: Some("US"),
                    });
                    document
                })
                .collect();
            let articles: Vec<&Document> = documents.iter().collect();
            let mut lines = Vec::new();
            for group in compare(&articles).iter().filter(|g| g.status != "unique") {
                let speakers: Vec<&str> = group
                    .variants
                    .iter()
                    .map(|v| v.speaker.as_deref().unwrap_or("-"))
                    .collect();
                lines.push(format!("{}: {}", group.status, speakers.join(" / ")));
                if let Some(reason) = &group.reason {
                    lines.push(format!("  {reason}"));
                }
            }
            lines.join("\n")
        });
    }

    #[test]
    fn reworded_quotation_is_altered_with_a_diff() {
        let mut a = article(
            1,
            "\"Our forces struck three depots used by the group,\" the minister said.",
            vec![],
        );
        a.extraction.quotes.push(quote(
            &a.text,
            "Our forces struck three depots used by the group,",
            "Jane Doe",
        ));
        let mut b = article(
            2,
            "\"Today our troops hit three depots used by the group,\" Doe said.",
            vec![],
        );
        b.extraction.quotes.push(quote(
            &b.text,
            "Today our troops hit three depots used by the group,",
            "Doe",
        ));
        let groups = compare(&[&a, &b]);
        assert_eq!(groups.len(), 1);
        let g = &groups[0];
        assert_eq!(g.status, "altered");
        assert!(!g.speakers_differ);
        // The longer wording is the reference; the other only drops "today" at
        // the start (an excerpt) but changes two words inside.
        assert_eq!(
            g.diff.as_deref(),
            Some("[-today-] our [-troops hit-] {+forces struck+} three depots used by the group")
        );
    }

    #[test]
    fn transliteration_and_punctuation_differences_are_spelling_only() {
        let mut a = article(
            1,
            "\"Attacks by Kataeb Hezbollah on Arbil must stop,\" he said.",
            vec![],
        );
        a.extraction.quotes.push(quote(
            &a.text,
            "Attacks by Kataeb Hezbollah on Arbil must stop,",
            "John Roe",
        ));
        let mut b = article(
            2,
            "“Attacks by Kataib Hezbollah on Erbil must stop!” she said.",
            vec![],
        );
        b.extraction.quotes.push(quote(
            &b.text,
            "Attacks by Kataib Hezbollah on Erbil must stop!",
            "Mary Major",
        ));
        let groups = compare(&[&a, &b]);
        assert_eq!(groups.len(), 1);
        // Two people named by no entity, of different surnames.
        assert_eq!(groups[0].status, "misattributed");
        assert!(groups[0].spelling_only);
        assert!(groups[0].speakers_differ);
    }

    #[test]
    fn excerpt_is_verbatim_and_lone_quote_unique() {
        let mut a = article(
            1,
            "\"We will respond at a time and place of our choosing,\" he said. \"Nothing else,\" he added.",
            vec![],
        );
        a.extraction.quotes.push(quote(
            &a.text,
            "We will respond at a time and place of our choosing,",
            "John Roe",
        ));
        let mut b = article(
            2,
            "He said they would respond \"at a time and place of our choosing.\"",
            vec![],
        );
        b.extraction.quotes.push(quote(
            &b.text,
            "at a time and place of our choosing.",
            "John Roe",
        ));
        let mut c = article(
            3,
            "\"A different matter entirely,\" said a spokesman.",
            vec![],
        );
        c.extraction
            .quotes
            .push(quote(&c.text, "A different matter entirely,", "spokesman"));
        let groups = compare(&[&a, &b, &c]);
        let statuses: Vec<&str> = groups.iter().map(|g| g.status.as_str()).collect();
        assert_eq!(statuses, vec!["verbatim", "unique"]);
        assert!(groups[0].variants.iter().any(|v| v.excerpt));
    }
}
