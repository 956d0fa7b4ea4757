//! The research workflow on the command line (issue 14): `parallax tag`,
//! `collection`, `note`, `cite`, `delete` and `imports`, and the saved
//! searches of `parallax search save|saved`. Each is a few lines over the
//! core (`Store`, `parallax::research`); articles are named by archive id or
//! external id, as `show` takes them.

use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use parallax::anchor::Field;
use parallax::citation::Format;
use parallax::store::{CollectionEntry, CollectionItem, Deletion, Note, NoteScope, NoteTarget};
use parallax::{Error, Store};
use serde_json::json;

use crate::output::{print_json, say};

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
                parallax::app::update_stories(store, false)?;
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
                parallax::app::update_stories(store, false)?;
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

/// The field a quoted passage is in.
#[derive(Clone, Copy, ValueEnum)]
pub enum FieldArg {
    /// The body text.
    Text,
    /// The headline.
    Title,
}

/// `parallax note …`.
#[derive(Subcommand)]
pub enum NoteAction {
    /// Write a note on an article, a passage of it (--quote), a story (--story) or a finding (--finding).
    Add {
        /// Article (id or external id); leave out with --story or --finding.
        id: Option<String>,
        /// The note (Markdown). May be empty with --quote: a highlight.
        #[arg(long, default_value = "")]
        text: String,
        /// The passage to anchor the note to: it must appear exactly once.
        #[arg(long)]
        quote: Option<String>,
        /// The field the passage is in.
        #[arg(long, value_enum, default_value = "text")]
        field: FieldArg,
        /// A story id instead of an article (with --finding: the story whose comparison holds it).
        #[arg(long, conflicts_with_all = ["id", "quote"])]
        story: Option<i64>,
        /// A comparison finding's key (`key` in `parallax compare STORY --json`), with --story.
        #[arg(long, conflicts_with_all = ["id", "quote"], requires = "story")]
        finding: Option<String>,
    },
    /// Notes of an article (or story with --story, or its comparison's findings with --findings), or every note; each passage with its anchor and `orphaned`.
    List {
        /// Article (id or external id).
        id: Option<String>,
        /// A story id instead.
        #[arg(long, conflicts_with = "id")]
        story: Option<i64>,
        /// With --story: the notes on the findings of the story's comparison (by key, wherever written) instead of those on the story.
        #[arg(long, requires = "story")]
        findings: bool,
    },
    /// Replace a note's text.
    Edit {
        /// Note id.
        note: i64,
        /// The new text (Markdown).
        #[arg(long)]
        text: String,
    },
    /// Delete a note.
    Delete {
        /// Note id.
        note: i64,
    },
}

impl NoteAction {
    /// True for the commands that only read.
    pub fn reads_only(&self) -> bool {
        matches!(self, NoteAction::List { .. })
    }
}

/// Runs a note command.
pub fn note(store: &mut Store, action: NoteAction, json: bool) -> Result<ExitCode, Error> {
    let notes: Vec<Note> = match action {
        NoteAction::Add {
            id,
            text,
            quote,
            field,
            story,
            finding,
        } => {
            let note = match (id, story, finding) {
                (Some(id), None, None) => {
                    let article = store.find_article(&id)?.id;
                    match quote {
                        Some(quote) => {
                            let field = match field {
                                FieldArg::Text => Field::Text,
                                FieldArg::Title => Field::Title,
                            };
                            parallax::research::note_on_quote(
                                store,
                                article,
                                field,
                                &quote,
                                &text,
                                &now(),
                            )?
                        }
                        None => store.add_note(&NoteTarget::Article(article), &text, &now())?,
                    }
                }
                (None, Some(story), None) => {
                    parallax::app::update_stories(store, false)?;
                    store.add_note(&NoteTarget::Story(story), &text, &now())?
                }
                (None, Some(story), Some(key)) => {
                    parallax::app::update_stories(store, false)?;
                    parallax::research::note_on_finding(store, story, &key, &text, &now())?
                }
                _ => {
                    return Err(Error::InvalidArgument(
                        "name one article, or --story, or --finding".into(),
                    ));
                }
            };
            vec![note]
        }
        NoteAction::List {
            id,
            story,
            findings,
        } => match (id, story) {
            (Some(id), _) => store.notes(NoteScope::Article(store.find_article(&id)?.id))?,
            (None, Some(story)) if findings => parallax::research::notes_on_findings(store, story)?,
            (None, Some(story)) => store.notes(NoteScope::Story(story))?,
            (None, None) => store.notes(NoteScope::All)?,
        },
        NoteAction::Edit { note, text } => vec![store.edit_note(note, &text, &now())?],
        NoteAction::Delete { note } => {
            reply_or_say(&deletion_reply(&store.delete_note(note)?), json);
            return Ok(ExitCode::SUCCESS);
        }
    };
    if json {
        print_json(&notes);
    } else {
        for note in &notes {
            print_note(note);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_note(note: &Note) {
    let on = match (&note.anchor, note.article, note.story, &note.finding) {
        (Some(anchor), Some(article), _, _) => format!(
            "article {article} {} {}..{} {:?}",
            anchor.field.as_str(),
            anchor.start,
            anchor.end,
            anchor.quote
        ),
        (None, Some(article), _, _) => format!("article {article}"),
        (_, None, _, Some(key)) => format!("finding {key}"),
        (_, None, Some(story), None) => format!("story {story}"),
        _ => String::new(),
    };
    let orphaned = if note.orphaned { "  [orphaned]" } else { "" };
    say!("#{}  {on}{orphaned}", note.id);
    if !note.body.is_empty() {
        for line in note.body.lines() {
            say!("      {line}");
        }
    }
}

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
        parallax::app::update_stories(store, false)?;
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

/// `parallax imports`: import history with each batch's failures and warnings.
pub fn imports(store: &Store, limit: u32, json: bool) -> Result<ExitCode, Error> {
    let history = store.import_history(limit)?;
    if json {
        print_json(&history);
        return Ok(ExitCode::SUCCESS);
    }
    for record in &history {
        let b = &record.batch;
        say!(
            "{:>4}  {}  {:11}  {} new ({} still in the archive), {} duplicates, {} failed  {}",
            b.id,
            b.started_at,
            b.status,
            b.counts.imported,
            record.articles,
            b.counts.duplicates,
            b.counts.failed,
            b.inputs.join(" ")
        );
        for problem in &record.problems {
            let at = problem.line.map(|l| format!(":{l}")).unwrap_or_default();
            say!(
                "      {:<7}  {}{at}: {}",
                problem.severity,
                problem.path,
                problem.message
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

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
