//! Quotations grouped by content across outlets, and their differences.
//!
//! Two quotations (three words or more, scare quotes excluded) are the same
//! quotation when at least half of the shorter one's content words (and
//! three or more) occur in the longer one in the same order (longest common
//! subsequence over transliteration keys, function words and numbers left
//! out: "100 percent" in two different remarks is no shared wording), as
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
//! surnames, or whole names, are one letter apart (Adesha, Adeseha;
//! Consuelo and Comsuelo Garcia), which may be one person misspelt by one
//! outlet. Nor is a credit the extraction resolved
//! (a pronoun with no speaker in the sentence before, a role, an earlier
//! paragraph): only speakers named beside the words, or continued from the
//! sentence or quotation just before, make words misattributed; otherwise
//! the group keeps its status and its reason says whom each outlet credits
//! and why that is not called a misattribution. The clusters are built
//! without the links shared copy makes between names, since a name put in
//! place of another inside copied text is exactly what is looked for here.
//!
//! By concern: which quotations are one quotation is decided in
//! [`pairing`], who the outlets credit and whether they differ in
//! [`attribution`], and how a version's words differ from the reference in
//! [`differences`]. This file finds the candidates, groups them and
//! builds each group.

mod attribution;
mod differences;
mod pairing;

use std::collections::{BTreeMap, HashMap, HashSet};

use self::attribution::{Credits, Identity, People, misattribution, named_beside, speaker_key};
use self::differences::{diff, render};
use self::pairing::{content_keys, same_quotation, sentence_keys, strong_keys};
use super::entities::clusters;
use super::sets::DisjointSets;
use super::{QuoteGroup, QuoteVariant, word_spans};
use crate::document::Document;
use crate::extract::items::QuoteItem;

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
    let mut sets = DisjointSets::new(entries.len());
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
                    sets.union(i, j);
                }
            }
        }
    }
    let groups = sets.groups();
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
        let identities: Vec<(&Entry<'_>, Identity)> = members
            .iter()
            .filter_map(|&i| Some((&entries[i], people.identity(&entries[i])?)))
            .collect();
        // Where the speaker is named is read only when the people differ
        // (it splits the article into sentences).
        let differ = people.any_differ(&identities);
        let credited: Vec<(&Entry<'_>, Identity, bool)> = identities
            .into_iter()
            .map(|(entry, identity)| (entry, identity, differ && named_beside(entry)))
            .collect();
        let credits = misattribution(&people, &credited);
        let misattributed = matches!(credits, Some(Credits::Differ(_)));
        let reason = credits.as_ref().map(|c| c.reason().to_string());
        let status = if !shared {
            "unique"
        } else if misattributed {
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
                speakers_differ: misattributed,
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

    /// An article of `text` quoting `words`, credited to `speaker`.
    pub(super) fn quoting(id: i64, text: &str, words: &str, speaker: &str) -> Document {
        let mut document = article(id, text, vec![]);
        document.extraction.quotes.push(quote(text, words, speaker));
        document
    }

    #[test]
    fn excerpt_is_verbatim_and_lone_quote_unique() {
        let a = quoting(
            1,
            "\"We will respond at a time and place of our choosing,\" he said. \"Nothing else,\" he added.",
            "We will respond at a time and place of our choosing,",
            "John Roe",
        );
        let b = quoting(
            2,
            "He said they would respond \"at a time and place of our choosing.\"",
            "at a time and place of our choosing.",
            "John Roe",
        );
        let c = quoting(
            3,
            "\"A different matter entirely,\" said a spokesman.",
            "A different matter entirely,",
            "spokesman",
        );
        let groups = compare(&[&a, &b, &c]);
        let statuses: Vec<&str> = groups.iter().map(|g| g.status.as_str()).collect();
        assert_eq!(statuses, vec!["verbatim", "unique"]);
        assert!(groups[0].variants.iter().any(|v| v.excerpt));
    }
}
