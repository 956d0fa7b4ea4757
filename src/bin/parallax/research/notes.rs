//! `parallax note`: notes and highlights on articles, stories and quoted
//! passages.

use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use parallax::anchor::Field;
use parallax::store::{Note, NoteScope, NoteTarget};
use parallax::{Error, Store};

use super::{deletion_reply, now, reply_or_say};
use crate::output::{print_json, say};

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
                    parallax::app::group_stories(store, false)?;
                    store.add_note(&NoteTarget::Story(story), &text, &now())?
                }
                (None, Some(story), Some(key)) => {
                    parallax::app::group_stories(store, false)?;
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
