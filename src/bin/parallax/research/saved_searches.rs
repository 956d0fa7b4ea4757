//! `parallax search save|saved`: searches kept by name with their filters.

use std::process::ExitCode;

use clap::Subcommand;
use parallax::{Error, Store};

use super::now;
use crate::output::{print_json, say};

/// `parallax search save|saved`.
#[derive(Subcommand)]
pub enum SavedSearchAction {
    /// Save a search with its filters under a name (replacing one of that name).
    Save {
        /// Name.
        name: String,
        /// FTS5 query.
        query: String,
        #[command(flatten)]
        filter: crate::FilterArgs,
    },
    /// Saved searches, each re-run for its current count.
    Saved,
}

impl SavedSearchAction {
    /// True for the commands that only read.
    pub fn reads_only(&self) -> bool {
        matches!(self, SavedSearchAction::Saved)
    }
}

/// Runs a saved-search command.
pub fn saved_search(
    store: &mut Store,
    action: SavedSearchAction,
    json: bool,
) -> Result<ExitCode, Error> {
    let searches = match action {
        SavedSearchAction::Save {
            name,
            query,
            filter,
        } => vec![parallax::research::save_search(
            store,
            &name,
            &query,
            &filter.filter(),
            &now(),
        )?],
        SavedSearchAction::Saved => parallax::research::saved_searches(store)?,
    };
    if json {
        print_json(&searches);
    } else {
        for saved in &searches {
            say!(
                "{:<24} {:>6} articles  {}",
                saved.search.name,
                saved.count,
                saved.search.query
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
