//! Disjoint sets over indices (union-find), for the sections that link
//! items pair by pair and read the groups back: entity names into entities
//! in `compare::entities`, quotations into quotation groups in
//! `compare::quotes`.
//!
//! A union puts the higher root under the lower, so a group's root is its
//! lowest index whatever order the links came in, and groups read back in
//! the order of their first member.

use std::collections::BTreeMap;

/// Each index's parent; a root is its own parent.
#[derive(Debug, Clone)]
pub(in crate::compare) struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    /// `len` indices, each a set of its own.
    pub(in crate::compare) fn new(len: usize) -> DisjointSets {
        DisjointSets {
            parent: (0..len).collect(),
        }
    }

    /// The root of `i`'s set; every index on the way is pointed at it.
    pub(in crate::compare) fn find(&mut self, i: usize) -> usize {
        let mut root = i;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        let mut node = i;
        while self.parent[node] != root {
            let next = self.parent[node];
            self.parent[node] = root;
            node = next;
        }
        root
    }

    /// Joins the sets of `i` and `j` under the lower root; false when they
    /// were one set already.
    pub(in crate::compare) fn union(&mut self, i: usize, j: usize) -> bool {
        let (ri, rj) = (self.find(i), self.find(j));
        if ri != rj {
            self.parent[ri.max(rj)] = ri.min(rj);
        }
        ri != rj
    }

    /// Every set by its root (its lowest index), members in index order.
    pub(in crate::compare) fn groups(&mut self) -> BTreeMap<usize, Vec<usize>> {
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..self.parent.len() {
            let root = self.find(i);
            groups.entry(root).or_default().push(i);
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (size, links in order) → groups by root, and whether each link joined.
    type Case = (
        usize,
        &'static [(usize, usize)],
        &'static [(usize, &'static [usize])],
        &'static [bool],
    );

    #[test]
    fn groups_are_rooted_at_their_lowest_index() {
        let cases: [Case; 3] = [
            (3, &[], &[(0, &[0]), (1, &[1]), (2, &[2])], &[]),
            (
                5,
                &[(4, 3), (3, 1), (1, 4), (2, 0)],
                &[(0, &[0, 2]), (1, &[1, 3, 4])],
                &[true, true, false, true],
            ),
            (
                4,
                &[(3, 2), (2, 1), (1, 0)],
                &[(0, &[0, 1, 2, 3])],
                &[true, true, true],
            ),
        ];
        for (len, links, expected, joined) in cases {
            let mut sets = DisjointSets::new(len);
            let results: Vec<bool> = links.iter().map(|&(i, j)| sets.union(i, j)).collect();
            assert_eq!(results, joined, "{links:?}");
            let expected: BTreeMap<usize, Vec<usize>> = expected
                .iter()
                .map(|(root, members)| (*root, members.to_vec()))
                .collect();
            assert_eq!(sets.groups(), expected, "{links:?}");
        }
    }
}
