//! `parallax collection`: named collections of articles and stories.

use std::process::ExitCode;

use clap::Subcommand;
use parallax::store::{CollectionEntry, CollectionItem};
use parallax::{Error, Store};
use serde_json::json;

use super::{article_ids, deletion_reply, now, reply_or_say, story_ids};
use crate::output::{print_json, say};

/// `parallax collection …`.
#[derive(Subcommand)]
pub enum CollectionAction {
    /// Append articles (or stories with --story) to a collection; the collection is made if new.
    Add {
        /// Collection name.
        name: String,
        /// Articles (or story ids with --story), in the order to keep.
        #[arg(required = true)]
        ids: Vec<String>,
        /// The ids are story ids.
        #[arg(long)]
        story: bool,
    },
    /// Remove articles (or stories with --story) from a collection; the items after them close up.
    Remove {
        /// Collection name.
        name: String,
        /// Articles (or story ids with --story).
        #[arg(required = true)]
        ids: Vec<String>,
        /// The ids are story ids.
        #[arg(long)]
        story: bool,
    },
    /// Move the item at position FROM (as `collection list NAME` numbers them) to position TO.
    Move {
        /// Collection name.
        name: String,
        /// The item's position now, from 1.
        from: usize,
        /// Its new position; the items between shift by one.
        to: usize,
    },
    /// Every collection with its counts, or one collection's items in order.
    List {
        /// Collection name: list its items.
        name: Option<String>,
    },
    /// Delete a collection (its articles and stories stay).
    Delete {
        /// Collection name.
        name: String,
    },
}

impl CollectionAction {
    /// True for the commands that only read.
    pub fn reads_only(&self) -> bool {
        matches!(self, CollectionAction::List { .. })
    }
}

/// Runs a collection command.
pub fn collection(
    store: &mut Store,
    action: CollectionAction,
    json: bool,
) -> Result<ExitCode, Error> {
    let reply = match action {
        CollectionAction::Add { name, ids, story } => {
            if story {
                parallax::app::group_stories(store, false)?;
            }
            let entries = collection_entries(store, &ids, story)?;
            let added = store.add_to_collection(&name, &entries, &now())?;
            json!({ "collection": name.trim(), "added": added })
        }
        CollectionAction::Remove { name, ids, story } => {
            let entries = collection_entries(store, &ids, story)?;
            let removed = store.remove_from_collection(&name, &entries)?;
            json!({ "collection": name.trim(), "removed": removed })
        }
        CollectionAction::Move { name, from, to } => {
            let items = store.move_in_collection(&name, from, to)?;
            print_collection_items(&items, json);
            return Ok(ExitCode::SUCCESS);
        }
        CollectionAction::List { name: None } => {
            let collections = store.collections()?;
            if json {
                print_json(&collections);
            } else {
                for c in &collections {
                    say!(
                        "{:<30} {} articles, {} stories",
                        c.name,
                        c.articles,
                        c.stories
                    );
                }
            }
            return Ok(ExitCode::SUCCESS);
        }
        CollectionAction::List { name: Some(name) } => {
            print_collection_items(&store.collection_items(&name)?, json);
            return Ok(ExitCode::SUCCESS);
        }
        CollectionAction::Delete { name } => deletion_reply(&store.delete_collection(&name)?),
    };
    reply_or_say(&reply, json);
    Ok(ExitCode::SUCCESS)
}

/// The articles (or, with `story`, the stories) a collection command names.
fn collection_entries(
    store: &Store,
    ids: &[String],
    story: bool,
) -> Result<Vec<CollectionEntry>, Error> {
    Ok(if story {
        story_ids(ids)?
            .into_iter()
            .map(CollectionEntry::Story)
            .collect()
    } else {
        article_ids(store, ids)?
            .into_iter()
            .map(CollectionEntry::Article)
            .collect()
    })
}

/// A collection's items in order: as JSON, or one line each.
fn print_collection_items(items: &[CollectionItem], json: bool) {
    if json {
        print_json(&items);
        return;
    }
    for item in items {
        let what = match (item.article, item.story) {
            (Some(article), _) => format!("article {article}"),
            (None, Some(story)) if item.orphaned => {
                format!("story {story} (not found again after a regrouping)")
            }
            (None, Some(story)) => format!("story {story}"),
            (None, None) => String::new(),
        };
        let title = item.title.as_deref().unwrap_or("");
        say!("{:>4}  {what:<12}  {title}", item.position);
    }
}
