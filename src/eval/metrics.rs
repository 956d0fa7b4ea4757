//! Clustering quality against a gold partition: B³ and pairwise precision,
//! recall and F1.
//!
//! B³ (Bagga & Baldwin 1998) scores every item by how much its predicted
//! cluster and its gold cluster overlap, then averages over items, so a big
//! cluster does not dominate the way it does in pairwise scores. Items
//! missing from either side are ignored (both partitions are restricted to
//! the items they share).

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use serde::Serialize;

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

impl Scores {
    fn new(precision: f64, recall: f64) -> Scores {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Scores {
            precision,
            recall,
            f1,
        }
    }
}

/// Restricts both labelings to shared items; returns (predicted, gold) label pairs.
fn shared<I: Eq + Hash + Ord, P: Eq + Hash + Clone, G: Eq + Hash + Clone>(
    predicted: &HashMap<I, P>,
    gold: &HashMap<I, G>,
) -> Vec<(P, G)> {
    let mut items: Vec<&I> = predicted.keys().filter(|k| gold.contains_key(*k)).collect();
    items.sort();
    items
        .into_iter()
        .filter_map(|k| Some((predicted.get(k)?.clone(), gold.get(k)?.clone())))
        .collect()
}

/// B³ precision, recall and F1 of `predicted` (item → cluster) against `gold`.
pub fn b_cubed<I: Eq + Hash + Ord, P: Eq + Hash + Clone, G: Eq + Hash + Clone>(
    predicted: &HashMap<I, P>,
    gold: &HashMap<I, G>,
) -> Scores {
    let pairs = shared(predicted, gold);
    if pairs.is_empty() {
        return Scores::new(0.0, 0.0);
    }
    let mut predicted_size: HashMap<&P, f64> = HashMap::new();
    let mut gold_size: HashMap<&G, f64> = HashMap::new();
    let mut both: HashMap<(&P, &G), f64> = HashMap::new();
    for (p, g) in &pairs {
        *predicted_size.entry(p).or_insert(0.0) += 1.0;
        *gold_size.entry(g).or_insert(0.0) += 1.0;
        *both.entry((p, g)).or_insert(0.0) += 1.0;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (p, g) in &pairs {
        let overlap = both[&(p, g)];
        precision += overlap / predicted_size[p];
        recall += overlap / gold_size[g];
    }
    let n = pairs.len() as f64;
    Scores::new(precision / n, recall / n)
}

/// Pairwise precision, recall and F1 (pairs of items put together).
pub fn pairwise<I: Eq + Hash + Ord, P: Eq + Hash + Clone, G: Eq + Hash + Clone>(
    predicted: &HashMap<I, P>,
    gold: &HashMap<I, G>,
) -> Scores {
    let pairs = shared(predicted, gold);
    let choose2 = |n: f64| n * (n - 1.0) / 2.0;
    let mut predicted_size: HashMap<&P, f64> = HashMap::new();
    let mut gold_size: HashMap<&G, f64> = HashMap::new();
    let mut both: BTreeMap<usize, f64> = BTreeMap::new();
    let mut cell: HashMap<(&P, &G), usize> = HashMap::new();
    for (p, g) in &pairs {
        *predicted_size.entry(p).or_insert(0.0) += 1.0;
        *gold_size.entry(g).or_insert(0.0) += 1.0;
        let next = cell.len();
        let index = *cell.entry((p, g)).or_insert(next);
        *both.entry(index).or_insert(0.0) += 1.0;
    }
    let together: f64 = both.values().map(|n| choose2(*n)).sum();
    let predicted_pairs: f64 = predicted_size.values().map(|n| choose2(*n)).sum();
    let gold_pairs: f64 = gold_size.values().map(|n| choose2(*n)).sum();
    let precision = if predicted_pairs > 0.0 {
        together / predicted_pairs
    } else {
        1.0
    };
    let recall = if gold_pairs > 0.0 {
        together / gold_pairs
    } else {
        1.0
    };
    Scores::new(precision, recall)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(i32, i32)]) -> HashMap<i32, i32> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let gold = labels(&[(1, 1), (2, 1), (3, 2)]);
        let s = b_cubed(&gold, &gold);
        assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0));
        assert_eq!(pairwise(&gold, &gold).f1, 1.0);
    }

    #[test]
    fn singletons_have_full_precision_and_partial_recall() {
        let gold = labels(&[(1, 1), (2, 1), (3, 2)]);
        let singletons = labels(&[(1, 10), (2, 11), (3, 12)]);
        let s = b_cubed(&singletons, &gold);
        assert_eq!(s.precision, 1.0);
        // Items 1 and 2 each recall 1/2 of their gold cluster, item 3 all of it.
        assert!((s.recall - 2.0 / 3.0).abs() < 1e-12);
        let p = pairwise(&singletons, &gold);
        assert_eq!((p.precision, p.recall), (1.0, 0.0));
    }

    #[test]
    fn one_big_cluster_has_full_recall() {
        let gold = labels(&[(1, 1), (2, 1), (3, 2), (4, 2)]);
        let all = labels(&[(1, 0), (2, 0), (3, 0), (4, 0)]);
        let s = b_cubed(&all, &gold);
        assert_eq!((s.precision, s.recall), (0.5, 1.0));
        let p = pairwise(&all, &gold);
        assert!((p.precision - 2.0 / 6.0).abs() < 1e-12);
    }
}
