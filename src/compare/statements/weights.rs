//! The story's content keys weighted by rarity, each sentence's keys as
//! numbers, and an index of sentences by key: what statements are aligned
//! and unique clauses measured with. Separate because it is the
//! comparison's vocabulary, built once per story, and knows nothing of
//! claims.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use crate::compare::reading::Reading;

/// Candidates come from keys in at most this share of the story's sentences.
const RARE_SHARE: f64 = 0.25;

/// Rarity weights of the story's content keys and an index of sentences.
///
/// Keys are interned as numbers once per comparison: a story of fifty
/// reports compares tens of thousands of sentence pairs, and comparing
/// sorted number lists is what keeps that in milliseconds.
pub struct Weights {
    /// Key → its number.
    pub(super) ids: HashMap<String, usize>,
    /// Weight per key number.
    pub(super) weight: Vec<f64>,
    /// Per reading, per sentence: its key numbers, sorted.
    pub(super) keys: Vec<Vec<Vec<usize>>>,
    /// Per reading, per sentence: the total weight of its keys.
    pub(super) totals: Vec<Vec<f64>>,
    /// Per reading, per sentence: (word index, key number) of each word's
    /// content keys, in word order.
    pub(super) word_keys: Vec<Vec<Vec<(usize, usize)>>>,
    /// Per reading, per sentence, per word: inside an extracted name.
    pub(super) named: Vec<Vec<Vec<bool>>>,
    /// Per reading, per sentence: the key numbers of its words outside
    /// extracted names, sorted.
    pub(super) worded: Vec<Vec<Vec<usize>>>,
    /// Per key number: the non-noise sentences holding it.
    pub(super) index: Vec<Vec<(usize, usize)>>,
    pub(super) sentences: usize,
    /// Per reading: the number of its first sentence when the story's
    /// sentences are numbered across readings.
    pub(super) first: Vec<usize>,
    /// Sentences of every reading, noise included.
    pub(super) count: usize,
    /// One zero per sentence of the story, lent to [`Weights::coverage`]
    /// for its counts and left zeroed.
    pub(super) scratch: RefCell<Vec<u32>>,
}

impl Weights {
    /// Weights over the non-noise sentences of every reading.
    pub fn of(readings: &[Reading<'_>]) -> Weights {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut index: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut keys: Vec<Vec<Vec<usize>>> = Vec::with_capacity(readings.len());
        let mut word_keys: Vec<Vec<Vec<(usize, usize)>>> = Vec::with_capacity(readings.len());
        let mut worded: Vec<Vec<Vec<usize>>> = Vec::with_capacity(readings.len());
        let named: Vec<Vec<Vec<bool>>> = readings.iter().map(Reading::in_names).collect();
        let mut sentences = 0;
        for (r, reading) in readings.iter().enumerate() {
            let mut of_reading = Vec::with_capacity(reading.sentences.len());
            let mut words_of_reading = Vec::with_capacity(reading.sentences.len());
            let mut worded_of_reading = Vec::with_capacity(reading.sentences.len());
            for (s, sentence) in reading.sentences.iter().enumerate() {
                let words: Vec<(usize, usize)> = sentence
                    .word_keys
                    .iter()
                    .map(|(word, key)| {
                        let next = ids.len();
                        let id = match ids.get(key) {
                            Some(&id) => id,
                            None => {
                                ids.insert(key.clone(), next);
                                next
                            }
                        };
                        if id == index.len() {
                            index.push(Vec::new());
                        }
                        (*word, id)
                    })
                    .collect();
                let mut outside: Vec<usize> = words
                    .iter()
                    .filter(|(word, _)| !named[r][s].get(*word).copied().unwrap_or(false))
                    .map(|&(_, id)| id)
                    .collect();
                outside.sort_unstable();
                outside.dedup();
                worded_of_reading.push(outside);
                let mut numbers: Vec<usize> = words.iter().map(|&(_, id)| id).collect();
                numbers.sort_unstable();
                numbers.dedup();
                if !sentence.noise {
                    sentences += 1;
                    for &id in &numbers {
                        index[id].push((r, s));
                    }
                }
                of_reading.push(numbers);
                words_of_reading.push(words);
            }
            keys.push(of_reading);
            word_keys.push(words_of_reading);
            worded.push(worded_of_reading);
        }
        let total = sentences.max(1) as f64;
        let weight: Vec<f64> = index
            .iter()
            .map(|holders| {
                if holders.is_empty() {
                    0.0
                } else {
                    (1.0 + total / holders.len() as f64).ln()
                }
            })
            .collect();
        let totals = keys
            .iter()
            .map(|of_reading| {
                of_reading
                    .iter()
                    .map(|numbers| numbers.iter().map(|&id| weight[id]).sum())
                    .collect()
            })
            .collect();
        let mut first = Vec::with_capacity(readings.len());
        let mut count = 0;
        for reading in readings {
            first.push(count);
            count += reading.sentences.len();
        }
        Weights {
            ids,
            weight,
            keys,
            totals,
            word_keys,
            named,
            worded,
            index,
            sentences,
            first,
            count,
            scratch: RefCell::new(vec![0; count]),
        }
    }

    /// The most sentences a key may be in and still count as rarer: keys in
    /// more say what every report says and propose no candidates.
    pub(super) fn rare_limit(&self) -> usize {
        (((self.sentences as f64) * RARE_SHARE).ceil() as usize).max(2)
    }

    /// The key numbers of the words `range` of a sentence, sorted and
    /// deduplicated.
    pub fn clause_keys(&self, reader: usize, sentence: usize, range: &Range<usize>) -> Vec<usize> {
        let mut out: Vec<usize> = self.word_keys[reader][sentence]
            .iter()
            .filter(|(word, _)| range.contains(word))
            .map(|&(_, id)| id)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The words of `range` of a sentence holding one of `keys` (sorted key
    /// numbers), in order.
    pub fn words_holding<'w>(
        &'w self,
        reader: usize,
        sentence: usize,
        range: &'w Range<usize>,
        keys: &'w [usize],
    ) -> impl Iterator<Item = usize> + 'w {
        self.word_keys[reader][sentence]
            .iter()
            .filter(move |(word, id)| range.contains(word) && keys.binary_search(id).is_ok())
            .map(|&(word, _)| word)
    }

    /// How much of a clause of a sentence of `reader` other outlets state
    /// ([`Coverage`]). `None` when the clause has no rarer key (it says only
    /// what every report says, and is nobody's alone).
    pub fn coverage(&self, reader: usize, keys: &[usize]) -> Option<Coverage> {
        let limit = self.rare_limit();
        let weight = |k: usize| self.weight[keys[k]];
        let total: f64 = (0..keys.len()).map(weight).sum();
        // Per sentence of another reading (numbered across readings): how
        // many of the clause's rarer keys it holds. Counting into a dense
        // table, not sorting (sentence, key) pairs, is what keeps a clause
        // whose rarer keys are in hundreds of sentences cheap.
        let mut rare_held = self.scratch.borrow_mut();
        let mut holding: Vec<(usize, usize)> = Vec::new();
        let mut common: Vec<usize> = Vec::new();
        let mut rare = false;
        for &id in keys {
            let holders = &self.index[id];
            if holders.len() > limit {
                common.push(id);
                continue;
            }
            rare = true;
            for &(r, s) in holders.iter().filter(|(r, _)| *r != reader) {
                let number = self.first[r] + s;
                if rare_held[number] == 0 {
                    holding.push((r, s));
                }
                rare_held[number] += 1;
            }
        }
        // Read and leave the table zeroed for the next clause.
        let counts: Vec<u32> = holding
            .iter()
            .map(|&(r, s)| std::mem::take(&mut rare_held[self.first[r] + s]))
            .collect();
        drop(rare_held);
        if !rare || total <= 0.0 {
            return None;
        }
        // A sentence sharing a single key with the clause is not telling
        // the same thing ("witnesses" in a sentence about a witness's car):
        // a related sentence holds two of its keys, one of them rarer.
        // Per reading, per key of the clause: held by a related sentence.
        let mut of_reading = vec![false; self.keys.len() * keys.len()];
        for (&(r, s), &count) in holding.iter().zip(&counts) {
            let sentence = &self.keys[r][s];
            let commons = common
                .iter()
                .filter(|id| sentence.binary_search(id).is_ok())
                .count();
            if count as usize + commons < 2 {
                continue;
            }
            for (k, id) in keys.iter().enumerate() {
                if sentence.binary_search(id).is_ok() {
                    of_reading[r * keys.len() + k] = true;
                }
            }
        }
        let mut covered = vec![false; keys.len()];
        let mut best = 0.0_f64;
        for held in of_reading.chunks(keys.len().max(1)) {
            let share: f64 = (0..keys.len()).filter(|&k| held[k]).map(weight).sum();
            best = best.max(share);
            for (k, &is_held) in held.iter().enumerate() {
                covered[k] |= is_held;
            }
        }
        Some(Coverage {
            share: best / total,
            covered,
        })
    }

    pub(super) fn of_key(&self, key: &str) -> f64 {
        self.ids.get(key).map_or(0.0, |&id| self.weight[id])
    }

    /// Weighted overlap of two sentences, given as (reading, sentence), and
    /// the number of keys they share.
    pub(super) fn score(&self, a: (usize, usize), b: (usize, usize)) -> (f64, usize) {
        let (x, y) = (&self.keys[a.0][a.1], &self.keys[b.0][b.1]);
        let smaller = self.totals[a.0][a.1].min(self.totals[b.0][b.1]);
        let (mut i, mut j, mut common, mut count) = (0, 0, 0.0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += self.weight[x[i]];
                    count += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        if smaller <= 0.0 {
            return (0.0, count);
        }
        (common / smaller, count)
    }

    /// The number of keys two sentences, given as (reading, sentence), share
    /// outside the names they write.
    pub(super) fn shared_outside_names(&self, a: (usize, usize), b: (usize, usize)) -> usize {
        let other = &self.worded[b.0][b.1];
        self.worded[a.0][a.1]
            .iter()
            .filter(|id| other.binary_search(id).is_ok())
            .count()
    }

    /// Sentences of later readings sharing one of this sentence's rarer
    /// keys, each with an upper bound of its similarity: the weight of the
    /// rarer keys they share plus all of this sentence's common keys' weight,
    /// over the smaller total. A pair whose bound is below a threshold
    /// cannot reach it, so it need not be scored.
    ///
    /// `sums` is scratch space, one zero per sentence of the story (left
    /// zeroed): summing into it, rather than sorting (sentence, weight)
    /// pairs, keeps sentences whose rarer keys are in hundreds of others
    /// cheap.
    pub(super) fn candidates(
        &self,
        reader: usize,
        sentence: usize,
        sums: &mut [f64],
    ) -> Vec<((usize, usize), f64)> {
        let limit = self.rare_limit();
        let mut common = 0.0;
        let mut holding: Vec<(usize, usize)> = Vec::new();
        for &id in &self.keys[reader][sentence] {
            let holders = &self.index[id];
            if holders.len() > limit {
                common += self.weight[id];
                continue;
            }
            for &(r, s) in holders.iter().filter(|(r, _)| *r > reader) {
                let number = self.first[r] + s;
                if sums[number] == 0.0 {
                    holding.push((r, s));
                }
                sums[number] += self.weight[id];
            }
        }
        let own = self.totals[reader][sentence];
        holding
            .into_iter()
            .map(|holder| {
                let sum = std::mem::take(&mut sums[self.first[holder.0] + holder.1]);
                let smaller = own.min(self.totals[holder.0][holder.1]);
                let bound = if smaller > 0.0 {
                    (sum + common) / smaller
                } else {
                    0.0
                };
                (holder, bound)
            })
            .collect()
    }
}

/// How much of a clause other outlets state.
pub struct Coverage {
    /// The largest share of the clause's key weight that the sentences of
    /// one other outlet sharing a rarer key with it hold between them.
    pub share: f64,
    /// Per key of the clause: held by such a sentence of any other outlet.
    pub covered: Vec<bool>,
}
