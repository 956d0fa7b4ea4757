//! The research workflow's commands: notes, tags, collections, saved
//! searches and citations.

use crate::anchor::{self, Field};
use crate::research::{self, SavedSearchCount};
use crate::store::{Collection, CollectionEntry, CollectionItem, Note, NoteScope, NoteTarget, Tag};

use super::replies::{Changed, Citation, Removed, Reply};
use crate::app::application::{Application, Now};
use crate::app::arguments::{
    CiteArgs, CiteFormat, CollectionArgs, CollectionMoveArgs, IdArgs, NameArgs, NameChangeArgs,
    NoArgs, NoteAddArgs, NoteArgs, NoteEditArgs, NotesArgs, SearchSaveArgs, TagArgs,
};
use crate::app::command_error::CommandError;

pub(super) fn notes(application: &Application, args: NotesArgs, _: &Now) -> Reply<Vec<Note>> {
    let scope = match (args.article, args.story, args.findings.as_deref()) {
        (Some(article), None, None) => NoteScope::Article(article),
        (None, Some(story), None) => NoteScope::Story(story),
        (None, None, Some(keys)) => NoteScope::Findings(keys),
        (None, None, None) => NoteScope::All,
        _ => {
            return Err(CommandError::invalid_argument(
                "list the notes of an article, a story or findings, one at a time",
            ));
        }
    };
    application.read(|store| store.notes(scope))
}

pub(super) fn note_add(application: &Application, args: NoteAddArgs, now: &Now) -> Reply<Note> {
    let body = args.body.unwrap_or_default();
    let field = args.field.unwrap_or(Field::Text);
    application.write(|store| {
        let target = match (args.article, args.start, args.end, args.story, args.finding) {
            (Some(article), Some(start), Some(end), None, None) => {
                let stored = store.article(article)?;
                let text = match field {
                    Field::Text => stored.text,
                    Field::Title => stored.title.unwrap_or_default(),
                };
                NoteTarget::Passage {
                    article,
                    anchor: anchor::select(&text, field, start, end)?,
                }
            }
            (Some(article), None, None, None, None) => NoteTarget::Article(article),
            (None, None, None, Some(story), None) => NoteTarget::Story(story),
            (None, None, None, Some(story), Some(key)) => {
                return research::note_on_finding(store, story, &key, &body, &now.timestamp);
            }
            _ => {
                return Err(crate::Error::InvalidArgument(
                    "a note is on an article (with start and end for a passage), a story, or a story's finding".into(),
                ));
            }
        };
        store.add_note(&target, &body, &now.timestamp)
    })
}

pub(super) fn note_edit(application: &Application, args: NoteEditArgs, now: &Now) -> Reply<Note> {
    application.write(|store| store.edit_note(args.note, &args.body, &now.timestamp))
}

pub(super) fn note_delete(application: &Application, args: NoteArgs, _: &Now) -> Reply<Removed> {
    let deletion = application.delete(|store| store.delete_note(args.note))?;
    Ok(Removed::from(&deletion))
}

pub(super) fn tags(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<Tag>> {
    application.read(|store| store.tags())
}

pub(super) fn article_tags(application: &Application, args: IdArgs, _: &Now) -> Reply<Vec<String>> {
    application.read(|store| {
        let article = store.find_article(&args.id)?;
        store.tags_of_article(article.id)
    })
}

/// A count as the replies carry it.
fn count(n: usize) -> Changed {
    Changed {
        changed: u64::try_from(n).unwrap_or(u64::MAX),
    }
}

pub(super) fn tag_add(application: &Application, args: TagArgs, now: &Now) -> Reply<Changed> {
    let articles = args.articles.unwrap_or_default();
    let stories = args.stories.unwrap_or_default();
    application.write(|store| {
        let mut changed = if articles.is_empty() {
            0
        } else {
            store.tag_articles(&args.tag, &articles, &now.timestamp)?
        };
        for story in stories {
            changed += usize::from(store.tag_story(&args.tag, story, &now.timestamp)?);
        }
        Ok(count(changed))
    })
}

pub(super) fn tag_remove(application: &Application, args: TagArgs, _: &Now) -> Reply<Changed> {
    let articles = args.articles.unwrap_or_default();
    application.write(|store| Ok(count(store.untag_articles(&args.tag, &articles)?)))
}

pub(super) fn tag_rename(
    application: &Application,
    args: NameChangeArgs,
    _: &Now,
) -> Reply<Vec<Tag>> {
    application.write(|store| {
        store.rename_tag(&args.from, &args.to)?;
        store.tags()
    })
}

pub(super) fn tag_merge(
    application: &Application,
    args: NameChangeArgs,
    _: &Now,
) -> Reply<Vec<Tag>> {
    application.write(|store| {
        store.merge_tags(&args.from, &args.to)?;
        store.tags()
    })
}

pub(super) fn tag_delete(application: &Application, args: NameArgs, _: &Now) -> Reply<Removed> {
    let deletion = application.delete(|store| store.delete_tag(&args.name))?;
    Ok(Removed::from(&deletion))
}

pub(super) fn collections(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<Collection>> {
    application.read(|store| store.collections())
}

pub(super) fn collection_items(
    application: &Application,
    args: NameArgs,
    _: &Now,
) -> Reply<Vec<CollectionItem>> {
    application.read(|store| store.collection_items(&args.name))
}

/// A collection command's articles, then its stories.
fn collection_entries(
    articles: Option<Vec<i64>>,
    stories: Option<Vec<i64>>,
) -> Vec<CollectionEntry> {
    articles
        .unwrap_or_default()
        .into_iter()
        .map(CollectionEntry::Article)
        .chain(
            stories
                .unwrap_or_default()
                .into_iter()
                .map(CollectionEntry::Story),
        )
        .collect()
}

pub(super) fn collection_add(
    application: &Application,
    args: CollectionArgs,
    now: &Now,
) -> Reply<Changed> {
    let entries = collection_entries(args.articles, args.stories);
    application.write(|store| {
        Ok(count(store.add_to_collection(
            &args.name,
            &entries,
            &now.timestamp,
        )?))
    })
}

pub(super) fn collection_remove(
    application: &Application,
    args: CollectionArgs,
    _: &Now,
) -> Reply<Changed> {
    let entries = collection_entries(args.articles, args.stories);
    application.write(|store| Ok(count(store.remove_from_collection(&args.name, &entries)?)))
}

pub(super) fn collection_move(
    application: &Application,
    args: CollectionMoveArgs,
    _: &Now,
) -> Reply<Vec<CollectionItem>> {
    application.write(|store| store.move_in_collection(&args.name, args.from, args.to))
}

pub(super) fn collection_delete(
    application: &Application,
    args: NameArgs,
    _: &Now,
) -> Reply<Removed> {
    let deletion = application.delete(|store| store.delete_collection(&args.name))?;
    Ok(Removed::from(&deletion))
}

pub(super) fn searches_saved(
    application: &Application,
    _: NoArgs,
    _: &Now,
) -> Reply<Vec<SavedSearchCount>> {
    application.read(research::saved_searches)
}

pub(super) fn search_save(
    application: &Application,
    args: SearchSaveArgs,
    now: &Now,
) -> Reply<SavedSearchCount> {
    let filter = args.filter.unwrap_or_default().to_filter()?;
    application.write(|store| {
        research::save_search(store, &args.name, &args.query, &filter, &now.timestamp)
    })
}

pub(super) fn search_forget(application: &Application, args: NameArgs, _: &Now) -> Reply<Changed> {
    let forgotten = application.write(|store| store.delete_saved_search(&args.name))?;
    Ok(count(usize::from(forgotten)))
}

pub(super) fn cite(application: &Application, args: CiteArgs, _: &Now) -> Reply<Citation> {
    let format = args.format()?;
    let citation = application.read(|store| match format {
        CiteFormat::File(format) => research::cite(store, &args.articles, format),
        CiteFormat::Text => research::cite_lines(store, &args.articles),
    })?;
    Ok(Citation {
        format: args.format,
        articles: args.articles,
        citation,
    })
}
