//! The research workflow on the command line (issue 14): `parallax tag`,
//! `collection`, `note`, `cite`, `delete` and `imports`, and the saved
//! searches of `parallax search save|saved`. Each is a few lines over the
//! core (`Store`, `parallax::research`); articles are named by archive id or
//! external id, as `show` takes them.

mod citations;
mod collections;
mod deletions;
mod imports;
mod notes;
mod saved_searches;
mod tags;

use parallax::store::Deletion;
use parallax::{Error, Store};
use serde_json::json;

use crate::output::{print_json, say};
pub use citations::{CiteFormat, cite};
pub use collections::{CollectionAction, collection};
pub use deletions::delete;
pub use imports::imports;
pub use notes::{NoteAction, note};
pub use saved_searches::{SavedSearchAction, saved_search};
pub use tags::{TagAction, tag};

/// The current time, read here at the edge and passed into the core.
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Archive ids of articles named by id or external id; the first unknown
/// name refuses the command before anything is written.
fn article_ids(store: &Store, names: &[String]) -> Result<Vec<i64>, Error> {
    names
        .iter()
        .map(|name| store.find_article(name).map(|a| a.id))
        .collect()
}

/// Story ids as typed.
fn story_ids(names: &[String]) -> Result<Vec<i64>, Error> {
    names
        .iter()
        .map(|name| {
            name.parse::<i64>()
                .map_err(|_| Error::InvalidArgument(format!("{name:?} is not a story id")))
        })
        .collect()
}

/// What a deletion removed, as the JSON reply and the text line show it.
fn deletion_reply(deletion: &Deletion) -> serde_json::Value {
    json!({ "deleted": deletion.deleted, "counts": deletion.counts })
}

/// Prints a reply as JSON, or its fields on one line.
fn reply_or_say(reply: &serde_json::Value, json: bool) {
    if json {
        print_json(reply);
        return;
    }
    let parts: Vec<String> = reply
        .as_object()
        .map(|fields| {
            fields
                .iter()
                .map(|(name, value)| format!("{name}: {value}"))
                .collect()
        })
        .unwrap_or_default();
    say!("{}", parts.join(", "));
}
