//! Notes and highlights (issue 14): anchored passages survive re-extraction
//! and regrouping, an edited passage is found again or shown orphaned,
//! notes on stories follow their articles, bad input writes nothing, and
//! the CLI's `note add|list` JSON.

use parallax::Store;
use parallax::anchor::Field;
use parallax::app::extract_archive;
use parallax::research::note_on_quote;
use parallax::store::{NoteScope, NoteTarget};

use crate::common::{NOW, Scratch, parallax, parallax_json, parallax_ok_json};
use crate::stories::{FIXTURE, archive};

const CHIEF: &str = "We are grateful that officers arrived within minutes";

/// Each note as `on article/story field start..end "quote" [orphaned]: body`.
fn listed(store: &Store) -> Vec<String> {
    store
        .notes(NoteScope::All)
        .expect("notes")
        .iter()
        .map(|note| {
            let place = match (&note.anchor, note.article, note.story) {
                (Some(a), Some(article), _) => format!(
                    "article {article} {} {}..{} {:?}",
                    a.field.as_str(),
                    a.start,
                    a.end,
                    a.quote
                ),
                (None, Some(article), _) => format!("article {article}"),
                (None, None, Some(story)) => format!("story {story}"),
                _ => "finding".to_string(),
            };
            let orphaned = if note.orphaned { " [orphaned]" } else { "" };
            format!("{} on {place}{orphaned}: {}", note.on, note.body)
        })
        .collect()
}

/// Replaces an article's body text as a later import or edit might (the
/// FTS trigger follows); no such command exists yet.
fn rewrite_text(scratch: &Scratch, article: i64, from: &str, to: &str) {
    let conn = rusqlite::Connection::open(scratch.db()).expect("raw open");
    conn.execute(
        "UPDATE articles SET text = replace(text, ?2, ?3) WHERE id = ?1",
        rusqlite::params![article, from, to],
    )
    .expect("rewrite");
}

#[test]
fn a_highlight_survives_re_extraction_and_a_story_rebuild() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    parallax::app::update_stories(&mut store, false).expect("stories");
    note_on_quote(&mut store, 1, Field::Text, CHIEF, "", NOW).expect("highlight");
    note_on_quote(
        &mut store,
        2,
        Field::Title,
        "Former employee",
        "headline",
        NOW,
    )
    .expect("note");
    store
        .add_note(&NoteTarget::Story(1), "weekday differs", NOW)
        .expect("story note");
    let before = listed(&store);
    assert_eq!(
        before,
        vec![
            format!("passage on article 1 text 236..288 {CHIEF:?}: "),
            "passage on article 2 title 0..15 \"Former employee\": headline".to_string(),
            "story on story 1: weekday differs".to_string(),
        ]
    );
    extract_archive(&mut store, true, &mut |_, _| {}, &Default::default()).expect("re-extract");
    parallax::app::update_stories(&mut store, true).expect("rebuild");
    // A rebuild gives the Dayton reports a new story id: the story note
    // follows them there.
    let dayton = store.story_of(1).expect("membership").expect("grouped");
    assert_eq!(store.story(dayton).expect("story").articles, vec![1, 2, 3]);
    let mut expected = before.clone();
    expected[2] = format!("story on story {dayton}: weekday differs");
    assert_eq!(listed(&store), expected);
    assert_eq!(
        store.reanchor_notes().expect("reanchor"),
        0,
        "nothing moved"
    );
}

#[test]
fn an_edited_passage_is_found_again_or_shown_orphaned_never_moved() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    note_on_quote(&mut store, 1, Field::Text, CHIEF, "the chief", NOW).expect("note 1");
    note_on_quote(
        &mut store,
        3,
        Field::Text,
        "faces three counts of murder",
        "charges",
        NOW,
    )
    .expect("note 2");
    // Article 1 gains a line before the passage; article 3's passage is
    // corrected away.
    rewrite_text(
        &scratch,
        1,
        "Three people were killed",
        "UPDATED. Three people were killed",
    );
    rewrite_text(
        &scratch,
        3,
        "faces three counts of murder",
        "faces two counts of murder",
    );
    let store = Store::open(&scratch.db()).expect("reopen");
    assert_eq!(
        listed(&store),
        vec![
            format!("passage on article 1 text 245..297 {CHIEF:?}: the chief"),
            "passage on article 3 text 152..180 \"faces three counts of murder\" [orphaned]: charges"
                .to_string(),
        ]
    );
    // Stored, the same answers come back without re-resolving.
    let mut store = store;
    assert_eq!(store.reanchor_notes().expect("reanchor"), 2);
    assert_eq!(store.reanchor_notes().expect("again"), 0);
    let conn = rusqlite::Connection::open(scratch.db()).expect("raw open");
    let stored: Vec<(i64, i64, i64)> = conn
        .prepare("SELECT start_char, end_char, orphaned FROM notes ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(stored, vec![(245, 297, 0), (152, 180, 1)]);
}

#[test]
fn notes_on_a_story_follow_its_articles_through_a_split() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    parallax::app::update_stories(&mut store, false).expect("stories");
    store
        .add_note(&NoteTarget::Story(1), "Dayton", NOW)
        .expect("note");
    store.tag_story("dayton", 1, NOW).expect("tag");
    // Two of the three reports leave for a new story: the note and the tag
    // follow the majority.
    let new = parallax::app::split_story(&mut store, 1, &[2, 3], NOW).expect("split");
    assert_eq!(
        listed(&store),
        vec![format!("story on story {new}: Dayton")]
    );
    let tags = store.tags().expect("tags");
    assert_eq!((tags[0].stories, tags[0].orphaned_stories), (1, 0));
    // Merged back: the story it moved to is gone, and it follows again.
    parallax::app::merge_stories(&mut store, 1, new, NOW).expect("merge");
    assert_eq!(listed(&store), vec!["story on story 1: Dayton".to_string()]);
}

#[test]
fn bad_notes_are_refused_and_nothing_is_written() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    parallax::app::update_stories(&mut store, false).expect("stories");
    let refused: Vec<(&str, String)> = vec![
        (
            "quote found twice",
            note_on_quote(&mut store, 1, Field::Text, "warehouse", "x", NOW)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default(),
        ),
        (
            "quote absent",
            note_on_quote(&mut store, 1, Field::Text, "no such words", "x", NOW)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default(),
        ),
        (
            "empty note on an article",
            store
                .add_note(&NoteTarget::Article(1), "  ", NOW)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default(),
        ),
        (
            "unknown article",
            store
                .add_note(&NoteTarget::Article(99), "x", NOW)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default(),
        ),
        (
            "unknown story",
            store
                .add_note(&NoteTarget::Story(99), "x", NOW)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default(),
        ),
    ];
    assert_eq!(
        refused,
        vec![
            (
                "quote found twice",
                "invalid argument: the passage \"warehouse\" appears 3 times in the article's text; quote more of it".to_string()
            ),
            (
                "quote absent",
                "invalid argument: the passage \"no such words\" is not in the article's text".to_string()
            ),
            (
                "empty note on an article",
                "invalid argument: the note is empty (only a passage may be highlighted without text)".to_string()
            ),
            ("unknown article", "article 99 not found".to_string()),
            ("unknown story", "story 99 not found".to_string()),
        ]
    );
    assert!(listed(&store).is_empty());
}

#[test]
fn cli_note_add_and_list_show_the_anchor_and_orphaned_flag() {
    let scratch = Scratch::new();
    let input = scratch.write("reports.jsonl", FIXTURE);
    let db = scratch.db();
    let db = db.to_str().expect("utf-8 path");
    let out = parallax(&["--db", db, "import", input.to_str().expect("utf-8")]);
    assert!(out.status.success());
    let (added, out) = parallax_json(&[
        "--db",
        db,
        "note",
        "add",
        "a1",
        "--text",
        "**check** a2",
        "--quote",
        CHIEF,
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(added[0]["on"], "passage");
    assert_eq!(added[0]["anchor"]["quote"], CHIEF);
    let (listed, _) = parallax_json(&["--db", db, "note", "list", "1", "--json"]);
    let listed = listed.as_array().expect("array");
    assert_eq!(listed.len(), 1);
    let note = &listed[0];
    assert_eq!(
        (
            note["article"].as_i64(),
            note["anchor"]["field"].as_str(),
            note["anchor"]["start"].as_i64(),
            note["anchor"]["end"].as_i64(),
            note["orphaned"].as_bool(),
            note["body"].as_str(),
        ),
        (
            Some(1),
            Some("text"),
            Some(236),
            Some(288),
            Some(false),
            Some("**check** a2")
        )
    );
    assert!(
        note["anchor"]["prefix"]
            .as_str()
            .is_some_and(|p| p.ends_with("scene. \""))
    );
    let (refused, out) = parallax_json(&[
        "--db",
        db,
        "note",
        "add",
        "a1",
        "--text",
        "x",
        "--quote",
        "warehouse",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(refused["error"]["code"], "invalid_argument");
    // The Reader's twin, `show`, carries the note, the tags and the citation.
    assert!(
        parallax(&["--db", db, "tag", "add", "dayton", "a1"])
            .status
            .success()
    );
    let (shown, _) = parallax_json(&["--db", db, "show", "a1", "--json"]);
    assert_eq!(shown["tags"], serde_json::json!(["dayton"]));
    assert_eq!(shown["notes"][0]["body"], "**check** a2");
    assert_eq!(
        shown["citation"],
        "ledger.example.com. 2024. “Three killed in Dayton warehouse shooting.” March 5, 2024."
    );
}

#[test]
fn a_note_on_a_finding_is_kept_by_its_key_across_a_rebuild() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    parallax::app::update_stories(&mut store, false).expect("stories");
    let comparison = parallax::app::compare_story(&store, 1).expect("compare");
    let key = parallax::compare::keys::findings(&comparison)[0]
        .key
        .clone();
    parallax::research::note_on_finding(&mut store, 1, &key, "ask the desk", NOW).expect("note");
    let unknown = parallax::research::note_on_finding(&mut store, 1, "no-such-key", "x", NOW)
        .expect_err("unknown key");
    assert_eq!(unknown.code(), "not_found");
    parallax::app::update_stories(&mut store, true).expect("rebuild");
    let dayton = store.story_of(1).expect("membership").expect("grouped");
    let keys: Vec<String> = parallax::compare::keys::findings(
        &parallax::app::compare_story(&store, dayton).expect("compare"),
    )
    .into_iter()
    .map(|f| f.key)
    .collect();
    let notes = store.notes(NoteScope::Findings(&keys)).expect("notes");
    assert_eq!(
        notes
            .iter()
            .map(|n| (n.finding.as_deref(), n.body.as_str()))
            .collect::<Vec<_>>(),
        vec![(Some(key.as_str()), "ask the desk")]
    );
    // The story's comparison lists the same notes, whatever story id it was
    // written under; a note on the story itself is not one of them.
    store
        .add_note(&NoteTarget::Story(dayton), "on the story", NOW)
        .expect("story note");
    let on_findings = parallax::research::notes_on_findings(&store, dayton).expect("notes");
    assert_eq!(on_findings, notes);
}

#[test]
fn cli_notes_on_a_story_s_findings_are_listed_with_their_keys() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    parallax::app::update_stories(&mut store, false).expect("stories");
    let comparison = parallax::app::compare_story(&store, 1).expect("compare");
    let keys: Vec<String> = parallax::compare::keys::findings(&comparison)
        .into_iter()
        .map(|f| f.key)
        .collect();
    drop(store);
    let db = scratch.db();
    let db = db.to_str().expect("utf-8 path");
    let run = |args: &[&str]| parallax_ok_json(db, args);
    for (key, text) in [(&keys[1], "second"), (&keys[0], "first")] {
        run(&[
            "note",
            "add",
            "--story",
            "1",
            "--finding",
            key,
            "--text",
            text,
        ]);
    }
    run(&["note", "add", "--story", "1", "--text", "the story"]);
    let listed = run(&["note", "list", "--story", "1", "--findings"]);
    let listed: Vec<(&str, &str)> = listed
        .as_array()
        .expect("array")
        .iter()
        .map(|n| {
            (
                n["finding"].as_str().unwrap_or(""),
                n["body"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        listed,
        vec![(keys[1].as_str(), "second"), (keys[0].as_str(), "first")]
    );
    let on_story = run(&["note", "list", "--story", "1"]);
    assert_eq!(on_story[0]["body"], "the story");
    assert_eq!(on_story.as_array().map(Vec::len), Some(1));
}
