//! The blocking keys of the clustering: what an article is filed under
//! and what it looks up, in memory for a run ([`Key`]) and in the stable
//! form the archive keeps between runs ([`StoredKey`]), so an update
//! looks up only its new articles' keys (issue 16).

use super::super::features::Features;

/// Width of a date bucket in days; queries look two buckets either way.
pub(crate) const BUCKET_DAYS: i32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Key {
    Term(u32, i32),
    Place(u64, i32),
    Person(u64),
    RareTerm(u32),
    /// A rare word at any date: filed by every article, looked up only by
    /// undated ones, which have no date window.
    Undated(u32),
    Band(i64),
}

pub(crate) fn fnv(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn buckets(features: &Features) -> Vec<i32> {
    date_buckets([features.event_date, features.published])
}

/// The date buckets ([`BUCKET_DAYS`] wide) an article with these dates (its
/// event's and its publication's) is filed in, sorted, without repeats.
pub(crate) fn date_buckets(dates: [Option<chrono::NaiveDate>; 2]) -> Vec<i32> {
    let mut days: Vec<i32> = dates
        .into_iter()
        .flatten()
        .map(|d| chrono::Datelike::num_days_from_ce(&d).div_euclid(BUCKET_DAYS))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// True when a main event place of this kind files an article under a
/// place key: a city or a county says which of a region's events it is.
pub(crate) fn is_blocking_place(kind: crate::extract::items::PlaceKind) -> bool {
    kind == crate::extract::items::PlaceKind::City
        || kind == crate::extract::items::PlaceKind::County
}

/// The MinHash band keys that more than one article has, sorted: a band
/// key only one article has finds no candidate for anyone (bands are
/// looked up only by the articles filed under them, and an article is
/// filed after its own lookup), so it is never filed. Most band keys are
/// an article's own (issue 16: about three million of the four million
/// keys at 100,000 articles), so this keeps the index a fraction of the
/// size with the same candidates.
#[derive(Debug, Default)]
pub struct SharedBands(Vec<i64>);

impl SharedBands {
    /// The band keys shared by two or more of `features`.
    pub fn of(features: &[Features]) -> SharedBands {
        let mut all: Vec<i64> = Vec::new();
        for f in features.iter().filter(|f| !f.signature.is_empty()) {
            let mut own = f.signature.band_keys();
            own.sort_unstable();
            all.extend(
                own.iter()
                    .enumerate()
                    .filter_map(|(n, key)| (n == 0 || own[n - 1] != *key).then_some(*key)),
            );
        }
        all.sort_unstable();
        let mut shared: Vec<i64> = all
            .windows(2)
            .filter(|pair| pair[0] == pair[1])
            .map(|pair| pair[0])
            .collect();
        shared.dedup();
        shared.shrink_to_fit();
        SharedBands(shared)
    }

    pub(crate) fn contains(&self, key: i64) -> bool {
        self.0.binary_search(&key).is_ok()
    }
}

/// Keys an article is filed under.
pub(crate) fn own_keys(features: &Features, shared: &SharedBands) -> Vec<Key> {
    let mut keys = Vec::new();
    for bucket in buckets(features) {
        keys.extend(features.rare_terms.iter().map(|t| Key::Term(*t, bucket)));
        if let Some(place) = features
            .place
            .as_ref()
            .filter(|p| is_blocking_place(p.kind))
        {
            keys.push(Key::Place(fnv(&place.id), bucket));
        }
    }
    keys.extend(features.people.iter().map(|p| Key::Person(fnv(p))));
    keys.extend(features.very_rare_terms.iter().map(|t| Key::RareTerm(*t)));
    keys.extend(features.rare_terms.iter().map(|t| Key::Undated(*t)));
    if !features.signature.is_empty() {
        keys.extend(
            features
                .signature
                .band_keys()
                .iter()
                .filter(|b| shared.contains(**b))
                .map(|b| Key::Band(*b)),
        );
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Keys to look up for an article: its own, with dated keys widened to the
/// neighbouring buckets.
pub(crate) fn query_keys(features: &Features, shared: &SharedBands) -> Vec<Key> {
    let undated = features.event_date.is_none() && features.published.is_none();
    let mut keys = Vec::new();
    for key in own_keys(features, shared) {
        match key {
            Key::Term(t, b) => keys.extend((b - 2..=b + 2).map(|b| Key::Term(t, b))),
            Key::Place(p, b) => keys.extend((b - 2..=b + 2).map(|b| Key::Place(p, b))),
            Key::Undated(_) if !undated => {}
            other => keys.push(other),
        }
    }
    keys
}

/// The bucket of a stored key filed at any date (a person, a very rare
/// word): [`StoredKey::bucket`] of what [`Key::Person`] and
/// [`Key::RareTerm`] are in a run.
pub const ANY_DATE: i64 = -1;

/// The bucket of a stored rare-word key of an article with no date: it is
/// found only by a lookup at any date ([`Lookup::AnyDate`]), as
/// [`Key::Undated`] is in a run.
pub const NO_DATE: i64 = -2;

/// A blocking key as the archive keeps it between runs: what it names,
/// hashed from its text (`t:` a rare word, `l:` a place id, `p:` a
/// person's alias key, `r:` a very rare word), so it does not depend on
/// one run's term ids; and the date bucket it is filed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StoredKey {
    /// 64-bit FNV-1a hash of the key's kind and text.
    pub key: i64,
    /// Date bucket, [`ANY_DATE`] or [`NO_DATE`].
    pub bucket: i64,
}

/// A lookup of an update's new article in the kept keys.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lookup {
    /// Articles filed under exactly this key.
    Exact(StoredKey),
    /// Articles filed under this key in the buckets from `first` to
    /// `last` (a dated key's window), each bucket its own posting list.
    Window {
        /// The key's hash.
        key: i64,
        /// First bucket.
        first: i64,
        /// Last bucket.
        last: i64,
    },
    /// Articles filed under this key in any bucket (an undated article's
    /// rare words, as [`Key::Undated`]).
    AnyDate(i64),
    /// Articles whose MinHash shares a band with these keys (one per
    /// band): the archive's near-duplicate index (`lsh_bands`), which
    /// every imported article is in, answers it.
    Bands(Vec<i64>),
}

fn stored_hash(kind: &str, text: &str) -> i64 {
    fnv(&format!("{kind}:{text}")) as i64
}

/// The keys an article is kept under, [`own_keys`] in stable form but for
/// MinHash bands (the near-duplicate index keeps those). `words` gives
/// each term id's word.
pub fn stored_keys(features: &Features, words: &[&str]) -> Vec<StoredKey> {
    let word = |term: &u32| words.get(*term as usize).copied().unwrap_or("");
    let mut keys = Vec::new();
    let dated = buckets(features);
    for &bucket in &dated {
        let bucket = i64::from(bucket);
        keys.extend(features.rare_terms.iter().map(|t| StoredKey {
            key: stored_hash("t", word(t)),
            bucket,
        }));
        if let Some(place) = features
            .place
            .as_ref()
            .filter(|p| is_blocking_place(p.kind))
        {
            keys.push(StoredKey {
                key: stored_hash("l", &place.id),
                bucket,
            });
        }
    }
    if dated.is_empty() {
        keys.extend(features.rare_terms.iter().map(|t| StoredKey {
            key: stored_hash("t", word(t)),
            bucket: NO_DATE,
        }));
    }
    keys.extend(features.people.iter().map(|p| StoredKey {
        key: stored_hash("p", p),
        bucket: ANY_DATE,
    }));
    keys.extend(features.very_rare_terms.iter().map(|t| StoredKey {
        key: stored_hash("r", word(t)),
        bucket: ANY_DATE,
    }));
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// What an update looks up for a new article: [`query_keys`] in stable
/// form (an undated article's rare words at any date, through its
/// [`NO_DATE`] keys), every MinHash band included (whether another article shares it
/// is what the lookup finds out).
pub fn lookups(features: &Features, words: &[&str]) -> Vec<Lookup> {
    let mut out = Vec::new();
    for key in stored_keys(features, words) {
        match key.bucket {
            ANY_DATE => out.push(Lookup::Exact(key)),
            NO_DATE => out.push(Lookup::AnyDate(key.key)),
            bucket => out.push(Lookup::Window {
                key: key.key,
                first: bucket - 2,
                last: bucket + 2,
            }),
        }
    }
    if !features.signature.is_empty() {
        out.push(Lookup::Bands(features.signature.band_keys().to_vec()));
    }
    out.sort_unstable();
    out.dedup();
    out
}
