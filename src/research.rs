//! The research workflow's steps that need the store and a domain module
//! together, for every front end alike: a stored story's comparison with
//! the verdicts on its findings (which `app`'s verdict steps use too), a
//! note on a quoted passage or a finding, saved
//! searches with their current counts, citations of articles, a
//! collection's or a story's articles to cite, the comparison report with
//! its sources, and what "Open original" opens.
//!
//! The caller passes the time, as everywhere in the core.

use serde::Serialize;
use ts_rs::TS;

use crate::anchor::{self, Field};
use crate::citation::{self, Citable, Format};
use crate::compare::{self, Comparison, keys, markdown};
use crate::error::{Error, Result};
use crate::search;
use crate::store::{ArticleFilter, Note, NoteScope, NoteTarget, SavedSearch, Store};

/// The comparison of a stored story's articles, with the researcher's
/// verdicts on its findings (`verdicts`, by finding key: found by key, so
/// a verdict given before a re-run or a regrouping is still attached).
pub fn compare_story(store: &Store, id: i64) -> Result<Comparison> {
    let story = store.story(id)?;
    let documents = store.article_views(Some(&story.articles))?;
    let mut comparison = compare::compare(&story, &documents);
    let keys: Vec<String> = keys::findings(&comparison)
        .into_iter()
        .map(|f| f.key)
        .collect();
    comparison.verdicts = store
        .verdicts_for_keys(&keys)?
        .into_iter()
        .map(|v| (v.key.clone(), v))
        .collect();
    Ok(comparison)
}

/// A note on the one place `quote` appears in an article's field (refused
/// when it is absent or appears more than once: a longer quote is asked
/// for rather than one place picked).
pub fn note_on_quote(
    store: &mut Store,
    article: i64,
    field: Field,
    quote: &str,
    body: &str,
    now: &str,
) -> Result<Note> {
    let stored = store.article(article)?;
    let text = match field {
        Field::Text => stored.text,
        Field::Title => stored.title.unwrap_or_default(),
    };
    let anchor = anchor::find(&text, field, quote)?;
    store.add_note(&NoteTarget::Passage { article, anchor }, body, now)
}

/// A note on a finding of a story's comparison, kept under the finding's
/// key (as verdicts are, so it survives re-runs and regrouping). A key the
/// story's comparison does not hold is `NotFound`.
pub fn note_on_finding(
    store: &mut Store,
    story: i64,
    key: &str,
    body: &str,
    now: &str,
) -> Result<Note> {
    let comparison = compare_story(store, story)?;
    if !keys::findings(&comparison).iter().any(|f| f.key == key) {
        return Err(Error::NotFound {
            kind: "finding",
            id: format!("{key} in story {story}"),
        });
    }
    store.add_note(
        &NoteTarget::Finding {
            key: key.to_string(),
            story: Some(story),
        },
        body,
        now,
    )
}

/// The notes on the findings of a story's comparison, by the findings'
/// keys (so also those written when the finding was seen in a story since
/// regrouped), oldest first.
pub fn notes_on_findings(store: &Store, story: i64) -> Result<Vec<Note>> {
    let comparison = compare_story(store, story)?;
    let keys: Vec<String> = keys::findings(&comparison)
        .into_iter()
        .map(|finding| finding.key)
        .collect();
    store.notes(NoteScope::Findings(&keys))
}

/// What "retry failed files" of an import would read again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Retry {
    /// Files to import again: each failed file, or the container (zip)
    /// a failed entry was in, once each.
    pub paths: Vec<String>,
    /// Failed paths that are no longer files on disk (moved, deleted,
    /// standard input), left out.
    pub missing: Vec<String>,
}

/// The files to import again to retry what an import failed on. Entries of
/// a container are retried by reading the container again (its other
/// entries are then duplicates, recorded as such).
///
/// An import records its paths as it was given them, so a relative path is
/// relative to the folder the importing process ran in, which the archive
/// does not keep. The caller that knows that folder (the CLI, retrying from
/// where it runs) passes it as `working_folder`; a relative path is then
/// looked for there and kept as recorded. Without one (the desktop window
/// and `parallax serve`, whose own folder is not the importer's) a relative
/// path is refused with [`Error::RelativePath`] naming it, rather than
/// read from whatever file the server's folder holds under that name.
pub fn retry_paths(
    store: &Store,
    batch: i64,
    working_folder: Option<&std::path::Path>,
) -> Result<Retry> {
    let mut retry = Retry {
        paths: Vec::new(),
        missing: Vec::new(),
    };
    for failed in store.failed_paths(batch)? {
        let file = failed.split("!/").next().unwrap_or(&failed).to_string();
        if retry.paths.contains(&file) || retry.missing.contains(&file) {
            continue;
        }
        let path = std::path::Path::new(&file);
        let on_disk = if path.is_absolute() {
            path.to_path_buf()
        } else {
            match working_folder {
                Some(folder) => folder.join(path),
                None => return Err(Error::RelativePath { batch, path: file }),
            }
        };
        if on_disk.is_file() {
            retry.paths.push(file);
        } else {
            retry.missing.push(file);
        }
    }
    Ok(retry)
}

/// A saved search with the number of articles it finds now.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SavedSearchCount {
    /// The saved search.
    #[serde(flatten)]
    pub search: SavedSearch,
    /// Articles it finds in the archive as it is now.
    pub count: u64,
}

/// Saves a search after checking that its query parses (a malformed query
/// is refused, not kept to fail later).
pub fn save_search(
    store: &mut Store,
    name: &str,
    query: &str,
    filter: &ArticleFilter,
    now: &str,
) -> Result<SavedSearchCount> {
    let count = count(store, query, filter)?;
    let search = store.save_search(name, query, filter, now)?;
    Ok(SavedSearchCount { search, count })
}

/// Every saved search, re-run for its current count.
pub fn saved_searches(store: &Store) -> Result<Vec<SavedSearchCount>> {
    store
        .saved_searches()?
        .into_iter()
        .map(|search| {
            let count = count(store, &search.query, &search.filters)?;
            Ok(SavedSearchCount { search, count })
        })
        .collect()
}

/// How many articles a query with filters finds (every match counted).
fn count(store: &Store, query: &str, filter: &ArticleFilter) -> Result<u64> {
    search::count(store, query, filter)
}

/// Articles cited in `format`, in the order given; an unknown id refuses
/// the whole request.
pub fn cite(store: &Store, articles: &[i64], format: Format) -> Result<String> {
    if articles.is_empty() {
        return Err(Error::InvalidArgument(
            "name at least one article to cite".into(),
        ));
    }
    let citable = articles
        .iter()
        .map(|id| store.article(*id).map(|a| Citable::from(&a)))
        .collect::<Result<Vec<_>>>()?;
    citation::render(&citable, format)
}

/// One article's citation as text, Chicago author-date.
pub fn cite_as_text(store: &Store, article: i64) -> Result<String> {
    Ok(citation::chicago(&Citable::from(&store.article(article)?)))
}

/// Articles cited one per line as text, Chicago author-date; an unknown id
/// refuses the whole request.
pub fn cite_lines(store: &Store, articles: &[i64]) -> Result<String> {
    if articles.is_empty() {
        return Err(Error::InvalidArgument(
            "name at least one article to cite".into(),
        ));
    }
    let lines = articles
        .iter()
        .map(|id| cite_as_text(store, *id))
        .collect::<Result<Vec<_>>>()?;
    Ok(lines.join("\n") + "\n")
}

/// A story's comparison as the Markdown report, its articles cited at the
/// end (see [`markdown::render_cited`]).
pub fn comparison_report(store: &Store, story: i64) -> Result<String> {
    let comparison = compare_story(store, story)?;
    let cited = comparison
        .articles
        .iter()
        .map(|article| store.article(article.id).map(|a| Citable::from(&a)))
        .collect::<Result<Vec<_>>>()?;
    Ok(markdown::render_cited(&comparison, &cited))
}

/// What "Open original" opens for an article: the file it was imported
/// from (a container's file for an entry inside it) or its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Original {
    /// A file on this machine that exists now.
    File(std::path::PathBuf),
    /// An `http` or `https` address.
    Url(String),
}

/// The original of an article to open: `file` or `url`. Refused when the
/// article has none, the file is gone (moved, or the article came from
/// standard input or an upload), or the address is not `http(s)` (a
/// `file:` or `javascript:` address from an imported page is never
/// handed to the desktop).
pub fn original(store: &Store, article: i64, target: &str) -> Result<Original> {
    let stored = store.article(article)?;
    match target {
        "file" => {
            let path = stored.path.ok_or_else(|| {
                Error::InvalidArgument(format!("article {article} has no file recorded"))
            })?;
            let file = path.split("!/").next().unwrap_or(&path).to_string();
            let file = std::path::PathBuf::from(file);
            if !file.is_file() {
                return Err(Error::NotFound {
                    kind: "file",
                    id: file.display().to_string(),
                });
            }
            Ok(Original::File(file))
        }
        "url" => {
            let url = stored.canonical_url.or(stored.url).ok_or_else(|| {
                Error::InvalidArgument(format!("article {article} has no address"))
            })?;
            let lower = url.trim().to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                return Err(Error::InvalidArgument(format!(
                    "only http and https addresses are opened, not {url:?}"
                )));
            }
            Ok(Original::Url(url.trim().to_string()))
        }
        other => Err(Error::InvalidArgument(format!(
            "open the article's file or url, not {other:?}"
        ))),
    }
}
