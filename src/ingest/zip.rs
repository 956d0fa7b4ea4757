//! Zip folders, read from memory entry by entry and never extracted to disk.
//!
//! Each entry goes back through [`super::read_bytes`], so a zip of HTML
//! pages, PDFs or mailboxes imports like the folder it was made from.
//! Because an archive is hostile input, every read is bounded: at most
//! 10,000 entries, 1 GiB expanded in total (shared with nested zips), no
//! entry expanding more than 100 times its compressed size, and zips nested
//! at most three levels deep. Sizes stated in the archive are checked up
//! front but never trusted: entries are read through `take(limit + 1)` so a
//! lying header cannot make us read more. Entry names are only displayed,
//! never used as paths, so `../../etc/passwd` is harmless; it is shown
//! sanitised all the same.
//!
//! The document formats built on zip (DOCX, ODT, EPUB, WACZ) use
//! [`Entries`] for the same bounded reads.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::{Detected, Item, Sink, detect};
use crate::model::{Format, Origin};

/// Most entries a zip may have.
pub const MAX_ENTRIES: usize = 10_000;
/// Most bytes all entries of a zip (and the zips inside it) may expand to.
pub const MAX_TOTAL_BYTES: u64 = 1 << 30;
/// Largest expansion of one entry relative to its compressed size.
pub const MAX_RATIO: u64 = 100;
/// Entries smaller than this are exempt from the ratio check: a tiny file of
/// repeated markup legitimately compresses very well and cannot hurt.
const RATIO_EXEMPT_BYTES: u64 = 1 << 20;
/// Deepest nesting of zips in zips.
pub const MAX_DEPTH: u32 = 3;
/// Largest single entry, the same as the default cap on one input file.
const MAX_ENTRY_BYTES: u64 = super::DEFAULT_MAX_FILE_BYTES;

/// A zip archive opened over bytes in memory, with the expansion budget left.
pub(super) struct Entries<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// Entry names in archive order, read leniently (legacy encodings become U+FFFD).
    names: Vec<String>,
    budget: u64,
}

impl<'a> Entries<'a> {
    /// Opens `bytes` as a zip, refusing archives with too many entries.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Entries<'a>, String> {
        Self::open_with_budget(bytes, MAX_TOTAL_BYTES)
    }

    fn open_with_budget(bytes: &'a [u8], budget: u64) -> Result<Entries<'a>, String> {
        let archive = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("not a readable zip archive ({e})"))?;
        if archive.len() > MAX_ENTRIES {
            return Err(format!(
                "zip has {} entries, over the limit of {MAX_ENTRIES}: refused",
                archive.len()
            ));
        }
        let names = archive
            .file_names_raw()
            .map(|raw| String::from_utf8_lossy(raw).into_owned())
            .collect();
        Ok(Entries {
            archive,
            names,
            budget,
        })
    }

    /// Number of entries.
    pub(super) fn len(&self) -> usize {
        self.archive.len()
    }

    /// The raw (unsanitised) names of all entries, in archive order.
    pub(super) fn names(&self) -> Vec<String> {
        self.names.clone()
    }

    /// Index of the entry called exactly `name`.
    pub(super) fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Reads the entry called `name`; `Ok(None)` when there is none.
    pub(super) fn read_named(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        match self.index_of(name) {
            Some(index) => self.read(index).map(|(_, bytes)| bytes),
            None => Ok(None),
        }
    }

    /// Reads entry `index`: its raw name and, unless it is a folder, its
    /// bytes. Refusals (bomb, budget, damage) come back as `Err` reasons.
    pub(super) fn read(&mut self, index: usize) -> Result<(String, Option<Vec<u8>>), String> {
        let budget = self.budget;
        let mut entry = self
            .archive
            .by_index(index)
            .map_err(|e| format!("zip entry {index} cannot be read ({e})"))?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let shown = sanitize(&name);
        if entry.is_dir() {
            return Ok((name, None));
        }
        let compressed = entry.compressed_size();
        let ratio_limit = compressed.saturating_mul(MAX_RATIO).max(RATIO_EXEMPT_BYTES);
        let bomb = || {
            format!(
                "zip entry {shown} expands over {MAX_RATIO}× its compressed size: refused as a possible zip bomb"
            )
        };
        let over_budget = || {
            format!(
                "zip entry {shown} would take the archive over {} GiB expanded: refused",
                MAX_TOTAL_BYTES >> 30
            )
        };
        let declared = entry.size();
        if declared > ratio_limit {
            return Err(bomb());
        }
        if declared > budget {
            return Err(over_budget());
        }
        if declared > MAX_ENTRY_BYTES {
            return Err(format!(
                "zip entry {shown} is {:.1} MB, over the {} MB limit",
                declared as f64 / 1e6,
                MAX_ENTRY_BYTES >> 20
            ));
        }
        let limit = ratio_limit.min(budget).min(MAX_ENTRY_BYTES);
        let mut bytes = Vec::with_capacity(usize::try_from(declared.min(limit)).unwrap_or(0));
        (&mut entry)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("zip entry {shown} is damaged ({e})"))?;
        let read = bytes.len() as u64;
        if read > limit {
            return Err(if limit == ratio_limit {
                bomb()
            } else if limit == budget {
                over_budget()
            } else {
                format!(
                    "zip entry {shown} is over the {} MB limit",
                    MAX_ENTRY_BYTES >> 20
                )
            });
        }
        self.budget = budget.saturating_sub(read);
        Ok((name, Some(bytes)))
    }
}

/// Imports every entry of the zip `bytes` at `origin`.
pub(super) fn read(origin: &Origin, bytes: &[u8], depth: u32, sink: &mut Sink<'_>) {
    let mut budget = MAX_TOTAL_BYTES;
    read_nested(origin, bytes, depth, &mut budget, sink);
}

fn read_nested(origin: &Origin, bytes: &[u8], depth: u32, budget: &mut u64, sink: &mut Sink<'_>) {
    if depth > MAX_DEPTH {
        sink.emit(Item::failed(
            origin.clone(),
            format!("zip nested more than {MAX_DEPTH} levels deep: refused"),
        ));
        return;
    }
    let mut entries = match Entries::open_with_budget(bytes, *budget) {
        Ok(entries) => entries,
        Err(reason) => {
            sink.emit(Item::failed(origin.clone(), reason));
            return;
        }
    };
    for index in 0..entries.len() {
        if sink.stopped() {
            return;
        }
        let result = entries.read(index);
        *budget = entries.budget;
        let (name, content) = match result {
            Ok(found) => found,
            Err(reason) => {
                let name = entries
                    .names
                    .get(index)
                    .map(|n| sanitize(n))
                    .unwrap_or_else(|| index.to_string());
                sink.emit(Item::failed(entry_origin(origin, &name), reason));
                if entries.budget == 0 {
                    return;
                }
                continue;
            }
        };
        let Some(content) = content else { continue };
        if is_junk(&name) {
            continue;
        }
        let inner = entry_origin(origin, &sanitize(&name));
        if matches!(detect(&inner.path, &content), Detected::Format(Format::Zip)) {
            read_nested(&inner, &content, depth + 1, budget, sink);
            entries.budget = *budget;
        } else {
            super::read_bytes(&inner, &content, depth + 1, sink);
        }
    }
}

/// `outer.zip!/inner/file.html`.
fn entry_origin(origin: &Origin, name: &str) -> Origin {
    Origin::file(format!("{}!/{}", origin.path, name))
}

/// Folders and files that operating systems add to archives on their own.
fn is_junk(name: &str) -> bool {
    name.split(['/', '\\']).any(|part| {
        part == "__MACOSX" || part == ".DS_Store" || part == "Thumbs.db" || part == "desktop.ini"
    }) || name
        .rsplit(['/', '\\'])
        .next()
        .is_some_and(|file| file.starts_with('.') || file.starts_with("~$"))
}

/// An entry name fit for display: forward slashes, no `..`, `.` or empty
/// components, no drive letters or leading slashes, no control characters.
pub(super) fn sanitize(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() {
                '_'
            } else if c == '\\' {
                '/'
            } else {
                c
            }
        })
        .collect();
    let parts: Vec<&str> = cleaned
        .split('/')
        .filter(|part| !part.is_empty() && *part != "." && *part != "..")
        .enumerate()
        .filter(|(i, part)| !(*i == 0 && part.len() == 2 && part.ends_with(':')))
        .map(|(_, part)| part)
        .collect();
    if parts.is_empty() {
        "_".to_string()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_are_displayed_harmlessly() {
        assert_eq!(sanitize("../../etc/passwd"), "etc/passwd");
        assert_eq!(sanitize("/abs/path.html"), "abs/path.html");
        assert_eq!(sanitize("C:\\Users\\x\\a.txt"), "Users/x/a.txt");
        assert_eq!(sanitize("a/\u{7}b.txt"), "a/_b.txt");
        assert_eq!(sanitize(".."), "_");
    }

    #[test]
    fn operating_system_junk_is_recognised() {
        assert!(is_junk("__MACOSX/._a.html"));
        assert!(is_junk("folder/.DS_Store"));
        assert!(!is_junk("folder/story.html"));
    }
}
