//! The blocking index of a grouping run: for each key, the articles filed
//! under it so far.
//!
//! An archive of 100,000 articles files some four million distinct keys,
//! most with one article (issue 16). A map from key to its own vector
//! spends a vector's header and a separate allocation on each; here a key
//! holds only where its list ends and how long it is, and every entry
//! (an article and the entry filed before it under the same key) lives in
//! one shared vector, so a key costs its map slot and an entry eight bytes.

use std::collections::HashMap;
use std::hash::Hash;

/// Marks the first entry of a key's list.
const NONE: u32 = u32::MAX;

/// Articles (as `u32` indices) filed under each key.
#[derive(Debug)]
pub struct Postings<K> {
    /// Per key: its latest entry and how many it has.
    lists: HashMap<K, (u32, u32)>,
    /// Every entry: its article and the key's previous entry.
    entries: Vec<(u32, u32)>,
}

impl<K> Default for Postings<K> {
    fn default() -> Self {
        Postings {
            lists: HashMap::new(),
            entries: Vec::new(),
        }
    }
}

impl<K: Hash + Eq> Postings<K> {
    /// Files `article` under `key`.
    pub fn file(&mut self, key: K, article: u32) {
        let entry = self.entries.len() as u32;
        let list = self.lists.entry(key).or_insert((NONE, 0));
        self.entries.push((article, list.0));
        *list = (entry, list.1 + 1);
    }

    /// How many articles are filed under `key`.
    pub fn len(&self, key: &K) -> usize {
        self.lists.get(key).map_or(0, |(_, len)| *len as usize)
    }

    /// The articles filed under `key`, latest first.
    pub fn articles(&self, key: &K) -> impl Iterator<Item = u32> + '_ {
        let mut next = self.lists.get(key).map_or(NONE, |(last, _)| *last);
        std::iter::from_fn(move || {
            let (article, previous) = *self.entries.get(next as usize)?;
            next = previous;
            Some(article)
        })
    }

    /// Number of keys.
    pub fn keys(&self) -> usize {
        self.lists.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_lists_the_articles_filed_under_it() {
        let mut postings: Postings<&str> = Postings::default();
        for (key, article) in [("elm", 1), ("oak", 2), ("elm", 3), ("elm", 4)] {
            postings.file(key, article);
        }
        assert_eq!(postings.articles(&"elm").collect::<Vec<_>>(), [4, 3, 1]);
        assert_eq!(postings.len(&"elm"), 3);
        assert_eq!(postings.articles(&"oak").collect::<Vec<_>>(), [2]);
        assert_eq!(postings.len(&"ash"), 0);
        assert_eq!(postings.articles(&"ash").count(), 0);
        assert_eq!(postings.keys(), 2);
    }
}
