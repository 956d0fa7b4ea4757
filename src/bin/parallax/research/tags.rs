//! `parallax tag`: tags on articles and stories, listed, renamed, merged
//! and deleted.

use std::process::ExitCode;

use clap::Subcommand;
use parallax::{Error, Store};
use serde_json::json;

use super::{article_ids, deletion_reply, now, reply_or_say, story_ids};
use crate::output::{print_json, say};

/// `parallax tag …`.
#[derive(Subcommand)]
pub enum TagAction {
    /// Tag articles (by id or external id), or stories with --story; the tag is made if new.
    Add {
        /// Tag name.
        tag: String,
        /// Articles (or story ids with --story).
        #[arg(required = true)]
        ids: Vec<String>,
        /// The ids are story ids (the tag follows each story's articles across regroupings).
        #[arg(long)]
        story: bool,
    },
    /// Remove a tag from articles.
    Remove {
        /// Tag name.
        tag: String,
        /// Articles.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Every tag with its article and story counts.
    List,
    /// Rename a tag (a name another tag has is refused: merge them).
    Rename {
        /// Current name.
        from: String,
        /// New name.
        to: String,
    },
    /// Move everything tagged FROM to INTO and remove FROM.
    Merge {
        /// Tag to merge away.
        from: String,
        /// Tag to keep.
        into: String,
    },
    /// Delete a tag from everything it is on.
    Delete {
        /// Tag name.
        tag: String,
    },
}

impl TagAction {
    /// True for the commands that only read (they open the archive read-only).
    pub fn reads_only(&self) -> bool {
        matches!(self, TagAction::List)
    }
}

/// Runs a tag command.
pub fn tag(store: &mut Store, action: TagAction, json: bool) -> Result<ExitCode, Error> {
    let reply = match action {
        TagAction::Add { tag, ids, story } => {
            let added = if story {
                parallax::app::group_stories(store, false)?;
                let mut added = 0;
                for id in story_ids(&ids)? {
                    added += usize::from(store.tag_story(&tag, id, &now())?);
                }
                added
            } else {
                let articles = article_ids(store, &ids)?;
                store.tag_articles(&tag, &articles, &now())?
            };
            json!({ "tag": tag.trim(), "added": added })
        }
        TagAction::Remove { tag, ids } => {
            let articles = article_ids(store, &ids)?;
            let removed = store.untag_articles(&tag, &articles)?;
            json!({ "tag": tag.trim(), "removed": removed })
        }
        TagAction::List => {
            let tags = store.tags()?;
            if json {
                print_json(&tags);
            } else {
                for tag in &tags {
                    let orphaned = if tag.orphaned_stories > 0 {
                        format!(", {} stories not found again", tag.orphaned_stories)
                    } else {
                        String::new()
                    };
                    say!(
                        "{:<30} {} articles, {} stories{orphaned}",
                        tag.name,
                        tag.articles,
                        tag.stories
                    );
                }
            }
            return Ok(ExitCode::SUCCESS);
        }
        TagAction::Rename { from, to } => {
            store.rename_tag(&from, &to)?;
            json!({ "renamed": from, "to": to.trim() })
        }
        TagAction::Merge { from, into } => {
            store.merge_tags(&from, &into)?;
            json!({ "merged": from, "into": into })
        }
        TagAction::Delete { tag } => deletion_reply(&store.delete_tag(&tag)?),
    };
    reply_or_say(&reply, json);
    Ok(ExitCode::SUCCESS)
}
