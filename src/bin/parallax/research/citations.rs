//! `parallax cite`: articles, a collection or a story's reports cited in a
//! reference format.

use std::process::ExitCode;

use clap::ValueEnum;
use parallax::citation::Format;
use parallax::{Error, Store};
use serde_json::json;

use super::article_ids;
use crate::output::print_json;

/// Citation formats as typed.
#[derive(Clone, Copy, ValueEnum)]
pub enum CiteFormat {
    /// CSL-JSON (Zotero, Pandoc).
    CslJson,
    /// BibTeX / biblatex.
    Bibtex,
    /// RIS.
    Ris,
    /// One line per article, Chicago author-date.
    Text,
}

/// `parallax cite`: the articles named, those of a collection or of a story.
pub fn cite(
    store: &mut Store,
    ids: &[String],
    collection: Option<&str>,
    story: Option<i64>,
    format: CiteFormat,
    json: bool,
) -> Result<ExitCode, Error> {
    let mut articles = article_ids(store, ids)?;
    if let Some(name) = collection {
        // In the collection's order; a story brings its articles.
        for item in store.collection_items(name)? {
            match (item.article, item.story) {
                (Some(article), _) => articles.push(article),
                (None, Some(story)) if !item.orphaned => {
                    articles.extend(store.story(story)?.articles);
                }
                _ => {}
            }
        }
    }
    if let Some(story) = story {
        parallax::app::group_stories(store, false)?;
        articles.extend(store.story(story)?.articles);
    }
    let mut seen = std::collections::BTreeSet::new();
    articles.retain(|id| seen.insert(*id));
    let (name, text) = match format {
        CiteFormat::CslJson => (
            "csl-json",
            parallax::research::cite(store, &articles, Format::CslJson)?,
        ),
        CiteFormat::Bibtex => (
            "bibtex",
            parallax::research::cite(store, &articles, Format::Bibtex)?,
        ),
        CiteFormat::Ris => (
            "ris",
            parallax::research::cite(store, &articles, Format::Ris)?,
        ),
        CiteFormat::Text => {
            if articles.is_empty() {
                return Err(Error::InvalidArgument(
                    "name at least one article to cite".into(),
                ));
            }
            let lines = articles
                .iter()
                .map(|id| parallax::research::cite_as_text(store, *id))
                .collect::<Result<Vec<_>, _>>()?;
            ("text", lines.join("\n") + "\n")
        }
    };
    if json {
        print_json(&json!({ "format": name, "articles": articles, "citation": text }));
    } else {
        // Line by line, so RIS keeps its CR LF endings while anything a
        // terminal would act on is still written as an escape.
        for line in text.split_inclusive('\n') {
            let content = line.trim_end_matches(['\r', '\n']);
            print!("{}{}", crate::output::line(content), &line[content.len()..]);
        }
    }
    Ok(ExitCode::SUCCESS)
}
