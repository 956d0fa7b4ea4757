//! The application layer: what a front end asks of the core, composed from
//! the store (persistence) and the domain (stories, comparison).
//!
//! The store only reads and writes rows, and the domain modules are pure
//! functions over [`Document`](crate::document::Document)s; the steps that
//! need both (read the archive, run the domain, write the result) live
//! here, so persistence never drives the domain.
//!
//! Around those steps, what both front ends (the desktop window and
//! `parallax serve`) need and used to write twice: the open [`Archive`]
//! (one writer, pooled readers), import [`jobs`](imports), the facet and
//! story policies of an [`Application`], the [`commands`] table they
//! answer from with its [`arguments`] and [`CommandError`], the bounded
//! [`pdf_worker`], and the UI's types generated from all of them
//! ([`typescript`]). The transports only adapt: a request or an IPC call
//! in, [`Application::call`] on a blocking thread, the reply out.

pub mod application;
pub mod archive;
pub mod arguments;
pub mod command_error;
pub mod commands;
pub mod extraction;
pub mod imports;
pub mod pdf_worker;
mod story_update;
pub mod typescript;

pub use application::{Application, Now, Settings};
pub use archive::Archive;
pub use command_error::CommandError;
pub use extraction::{ExtractReport, extract_archive};
pub use imports::{ImportRequest, ImportState, JobId};
pub use story_update::{group_stories, update_stories};

// The comparison with its verdicts lives with the research workflow, which
// reads it too; its verdict steps here use it.
pub use crate::research::compare_story;

use std::collections::BTreeSet;

use crate::compare::keys;
use crate::error::{Error, Result};
use crate::model::{Judgement, Verdict};
use crate::store::Store;

/// Marks a finding of a story's comparison `confirmed` or `wrong` (replacing
/// an earlier verdict on it) and returns the stored verdict, which keeps
/// what the finding said. A key the comparison does not hold is
/// `NotFound`. `now` is the caller's clock (RFC 3339).
pub fn set_verdict(
    store: &mut Store,
    story: i64,
    key: &str,
    judgement: Judgement,
    note: Option<&str>,
    now: &str,
) -> Result<Verdict> {
    let comparison = compare_story(store, story)?;
    let finding = keys::findings(&comparison)
        .into_iter()
        .find(|f| f.key == key)
        .ok_or_else(|| Error::NotFound {
            kind: "finding",
            id: format!("{key} in story {story}"),
        })?;
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let verdict = Verdict {
        key: finding.key,
        verdict: judgement,
        note: note.map(str::to_string),
        story: Some(story),
        kind: finding.kind.to_string(),
        label: finding.label,
        status: finding.status,
        passages: finding.passages,
        decided_at: now.to_string(),
    };
    store.set_verdict(&verdict)?;
    Ok(verdict)
}

/// Removes the verdict on a finding (keys are archive-wide, so the story
/// only has to exist); `NotFound` when the finding had none.
pub fn clear_verdict(store: &mut Store, story: i64, key: &str) -> Result<()> {
    store.story(story)?;
    if store.clear_verdict(key)? {
        Ok(())
    } else {
        Err(Error::NotFound {
            kind: "verdict",
            id: key.to_string(),
        })
    }
}

/// The verdicts of a story: those on its current findings and those given
/// while it was being looked at whose finding it no longer holds (an
/// article left the story, the rules changed), by key. Without a story,
/// every verdict.
pub fn verdicts(store: &Store, story: Option<i64>) -> Result<Vec<Verdict>> {
    let Some(story) = story else {
        return store.verdicts(None);
    };
    let comparison = compare_story(store, story)?;
    let mut seen = BTreeSet::new();
    let mut out: Vec<Verdict> = comparison
        .verdicts
        .into_values()
        .chain(store.verdicts(Some(story))?)
        .filter(|v| seen.insert(v.key.clone()))
        .collect();
    out.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(out)
}

/// Moves an article into another story (both become pinned) and updates the
/// stories' summaries.
pub fn move_article(store: &mut Store, article: i64, story: i64, now: &str) -> Result<()> {
    store.move_article(article, story, now)?;
    group_stories(store, false)
}

/// Splits the listed articles of a story into a new story and updates the
/// summaries; returns the new story's id.
pub fn split_story(store: &mut Store, story: i64, articles: &[i64], now: &str) -> Result<i64> {
    let new = store.split_story(story, articles, now)?;
    group_stories(store, false)?;
    Ok(new)
}

/// Merges story `from` into story `into` and updates the summaries.
pub fn merge_stories(store: &mut Store, into: i64, from: i64, now: &str) -> Result<()> {
    store.merge_stories(into, from, now)?;
    group_stories(store, false)
}
