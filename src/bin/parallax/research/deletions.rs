//! `parallax delete`: articles, or the articles of an import batch, removed
//! from the archive.

use std::process::ExitCode;

use parallax::{Error, Store};

use super::{article_ids, deletion_reply, reply_or_say};

/// `parallax delete`: articles, or the articles of an import batch.
pub fn delete(
    store: &mut Store,
    ids: &[String],
    batch: Option<i64>,
    json: bool,
) -> Result<ExitCode, Error> {
    let deletion = match batch {
        Some(batch) if ids.is_empty() => store.delete_batch(batch)?,
        None if !ids.is_empty() => {
            let articles = article_ids(store, ids)?;
            store.delete_articles(&articles)?
        }
        _ => {
            return Err(Error::InvalidArgument(
                "name articles or --batch N, not both".into(),
            ));
        }
    };
    reply_or_say(&deletion_reply(&deletion), json);
    Ok(ExitCode::SUCCESS)
}
