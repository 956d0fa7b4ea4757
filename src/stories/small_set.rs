//! A set of a few items kept as one sorted slice.
//!
//! Each article's features hold several small sets (the people, streets,
//! ages, places and days it names, its headline's distinctive words), most
//! of a handful of items. A `BTreeSet` allocates a node of eleven slots and
//! its bookkeeping for each, several times what the items take: across an
//! archive of 100,000 articles that was tens of megabytes (issue 16). A
//! sorted boxed slice holds exactly its items and answers the questions
//! grouping asks (does it contain this, what do two sets share) as fast
//! for such sizes. Iteration order is the items' order, as a `BTreeSet`'s.

use std::borrow::Borrow;
use std::cmp::Ordering;

/// A set kept as a sorted slice without repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallSet<T>(Box<[T]>);

impl<T> Default for SmallSet<T> {
    fn default() -> Self {
        SmallSet(Box::new([]))
    }
}

impl<T: Ord> FromIterator<T> for SmallSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut items: Vec<T> = items.into_iter().collect();
        items.sort_unstable();
        items.dedup();
        SmallSet(items.into_boxed_slice())
    }
}

impl<T: Ord> SmallSet<T> {
    /// True when the set holds `item`.
    pub fn contains<Q: Ord + ?Sized>(&self, item: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0
            .binary_search_by(|held| held.borrow().cmp(item))
            .is_ok()
    }

    /// True when the set holds nothing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The items in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// The items both sets hold, in order.
    pub fn common<'a>(&'a self, other: &'a SmallSet<T>) -> impl Iterator<Item = &'a T> + 'a {
        let (mut i, mut j) = (0, 0);
        std::iter::from_fn(move || {
            while i < self.0.len() && j < other.0.len() {
                match self.0[i].cmp(&other.0[j]) {
                    Ordering::Less => i += 1,
                    Ordering::Greater => j += 1,
                    Ordering::Equal => {
                        i += 1;
                        j += 1;
                        return Some(&self.0[i - 1]);
                    }
                }
            }
            None
        })
    }

    /// True when the sets share an item.
    pub fn intersects(&self, other: &SmallSet<T>) -> bool {
        self.common(other).next().is_some()
    }
}

impl<'a, T> IntoIterator for &'a SmallSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_each_item_once_in_order_and_finds_what_two_sets_share() {
        let streets: SmallSet<Box<str>> = ["sherman", "oak", "sherman", "33rd"]
            .into_iter()
            .map(Box::from)
            .collect();
        assert_eq!(
            streets.iter().map(|s| &**s).collect::<Vec<_>>(),
            ["33rd", "oak", "sherman"]
        );
        assert!(streets.contains("oak") && !streets.contains("elm"));
        let other: SmallSet<Box<str>> = ["elm", "sherman", "oak"]
            .into_iter()
            .map(Box::from)
            .collect();
        assert_eq!(
            streets.common(&other).map(|s| &**s).collect::<Vec<_>>(),
            ["oak", "sherman"]
        );
        let ages: SmallSet<u32> = [17, 45].into_iter().collect();
        assert!(!ages.intersects(&[3, 52].into_iter().collect()));
        assert!(ages.intersects(&[45].into_iter().collect()));
        assert!(SmallSet::<u32>::default().is_empty());
    }
}
