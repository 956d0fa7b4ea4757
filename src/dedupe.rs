//! Exact and near-duplicate detection.
//!
//! *Exact* duplicates share the hash of their normalised text (Unicode NFKC,
//! case-folded, quotes and dashes unified, whitespace collapsed): a second copy
//! of the same report is never stored, only its occurrence (the store also
//! compares outlet and headline: the same text from another outlet is that
//! outlet's report, stored under a hash of text, outlet and headline). *Near*-duplicates — syndicated copies
//! with a new headline, a trimmed paragraph or extra boilerplate — are found
//! with MinHash over word 5-shingles and locality-sensitive hashing (32 bands
//! of 4 rows), then confirmed by the estimated Jaccard similarity. The band
//! keys live in an indexed table, so finding candidates for a new article is a
//! few index lookups whatever the archive's size.
//!
//! All hashing is hand-rolled with fixed constants (FNV-1a and the SplitMix64
//! finaliser) rather than `std`'s hasher, whose output may change between Rust
//! releases: stored signatures must stay comparable with new ones.

use unicode_normalization::UnicodeNormalization;

/// Number of MinHash functions.
pub const SIGNATURE_LEN: usize = 128;
pub(crate) const BANDS: usize = 32;
const ROWS: usize = SIGNATURE_LEN / BANDS;
const SHINGLE_WORDS: usize = 5;

/// Earlier articles looked at per LSH band.
pub(crate) const CANDIDATES_PER_BAND: i64 = 64;
/// Candidates whose signatures are compared, at most.
const MAX_CANDIDATES: usize = 48;

/// Estimated Jaccard similarity at or above which two articles are linked.
pub const NEAR_DUPLICATE_THRESHOLD: f64 = 0.5;

/// Normalises text for exact comparison.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkc() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => continue,
            c => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Hash identifying an article's text up to normalisation.
pub fn content_hash(text: &str) -> [u8; 32] {
    hash_normalised(&normalise(text))
}

/// [`content_hash`] of text already passed through [`normalise`].
pub fn hash_normalised(normalised: &str) -> [u8; 32] {
    *blake3::hash(normalised.as_bytes()).as_bytes()
}

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; SIGNATURE_LEN]);

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Odd multipliers and offsets of the MinHash functions, from a fixed seed.
static PERMUTATIONS: std::sync::LazyLock<([u64; SIGNATURE_LEN], [u64; SIGNATURE_LEN])> =
    std::sync::LazyLock::new(|| {
        let mut multipliers = [0u64; SIGNATURE_LEN];
        let mut offsets = [0u64; SIGNATURE_LEN];
        let mut state = 0x5e_ed0f_9a4a_11a5_u64;
        for i in 0..SIGNATURE_LEN {
            state = splitmix(state);
            multipliers[i] = state | 1;
            state = splitmix(state);
            offsets[i] = state;
        }
        (multipliers, offsets)
    });

impl Signature {
    /// Signature of a text's word 5-shingles (words are runs of letters and
    /// digits after normalisation, so punctuation and spacing edits don't count).
    pub fn of(text: &str) -> Signature {
        Signature::of_normalised(&normalise(text))
    }

    /// Signature of text already passed through [`normalise`].
    pub fn of_normalised(normalised: &str) -> Signature {
        let words: Vec<&str> = normalised
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let mut mins = [u32::MAX; SIGNATURE_LEN];
        let (multipliers, offsets) = &*PERMUTATIONS;
        // Each of the 128 hash functions is a multiply-add of the shingle's
        // (already well mixed) hash: cheap, and independent enough for MinHash.
        let mut add = |shingle_hash: u64| {
            for ((min, a), b) in mins.iter_mut().zip(multipliers.iter()).zip(offsets.iter()) {
                let h = (shingle_hash.wrapping_mul(*a).wrapping_add(*b) >> 32) as u32;
                if h < *min {
                    *min = h;
                }
            }
        };
        if words.len() < SHINGLE_WORDS {
            if !words.is_empty() {
                add(splitmix(fnv1a(words.join(" ").as_bytes())));
            }
        } else {
            for window in words.windows(SHINGLE_WORDS) {
                let mut h = 0xcbf2_9ce4_8422_2325u64;
                for w in window {
                    h = splitmix(h ^ fnv1a(w.as_bytes()));
                }
                add(splitmix(h));
            }
        }
        Signature(mins)
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / SIGNATURE_LEN as f64
    }

    /// LSH keys, one per band.
    pub fn band_keys(&self) -> [i64; BANDS] {
        let mut keys = [0i64; BANDS];
        for (band, key) in keys.iter_mut().enumerate() {
            let mut h = band as u64;
            for v in &self.0[band * ROWS..(band + 1) * ROWS] {
                h = splitmix(h ^ u64::from(*v));
            }
            *key = h as i64;
        }
        keys
    }

    /// Little-endian bytes for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads stored bytes; `None` if they are not a signature.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != SIGNATURE_LEN * 4 {
            return None;
        }
        let mut values = [0u32; SIGNATURE_LEN];
        for (v, chunk) in values.iter_mut().zip(bytes.chunks_exact(4)) {
            *v = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Some(Signature(values))
    }

    /// True when the text had no words at all.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|v| *v == u32::MAX)
    }
}

/// Picks which earlier articles sharing an LSH band with `id` get their
/// signatures compared: `candidates` holds one entry per shared band (the
/// store reads at most [`CANDIDATES_PER_BAND`] per band). Templated texts
/// (blotter items, market reports) can share bands with thousands of earlier
/// articles; keeping only the candidates sharing the most bands bounds each
/// insertion instead of letting it grow with the archive. Returned in id order.
pub(crate) fn rank_candidates(mut candidates: Vec<i64>, id: i64) -> Vec<i64> {
    candidates.retain(|c| *c != id);
    candidates.sort_unstable();
    // (shared bands, id), most shared first, newest first among equals.
    let mut counted: Vec<(usize, i64)> = Vec::new();
    for c in candidates {
        match counted.last_mut() {
            Some((n, last)) if *last == c => *n += 1,
            _ => counted.push((1, c)),
        }
    }
    counted.sort_unstable_by(|a, b| b.cmp(a));
    counted.truncate(MAX_CANDIDATES);
    let mut candidates: Vec<i64> = counted.into_iter().map(|(_, c)| c).collect();
    candidates.sort_unstable();
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_unifies_quotes_case_and_space() {
        assert_eq!(
            normalise("  “Hello”\u{00A0}World —  it’s\n\n"),
            "\"hello\" world - it's"
        );
    }

    #[test]
    fn similar_texts_have_similar_signatures() {
        let base = "The US military carried out strikes on three sites used by Iran-backed forces in Iraq on Monday after an attack wounded three American personnel earlier in the day, officials said. ";
        let a = base.repeat(3) + "Additional reporting by a wire service.";
        let b = base.repeat(3) + "Subscribe to our newsletter for more.";
        let c = "An entirely different article about a city council vote on parking meters and bicycle lanes downtown.";
        let (sa, sb, sc) = (Signature::of(&a), Signature::of(&b), Signature::of(c));
        assert!(sa.similarity(&sb) > 0.6, "{}", sa.similarity(&sb));
        assert!(sa.similarity(&sc) < 0.1);
        assert_eq!(Signature::from_bytes(&sa.to_bytes()), Some(sa));
    }
}
