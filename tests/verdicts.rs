//! Verdicts on comparison findings: stored by finding key, attached to the
//! comparison, kept across re-runs, rebuilds and story decisions, exported,
//! and the CLI's `verdict` commands with their JSON. On the invented
//! fixture of `tests/stories.rs`.

use parallax::Store;
use parallax::compare::Comparison;
use parallax::export::{ExportFormat, export};
use parallax::model::Judgement;

use crate::common::{Scratch, parallax, parallax_json};
use crate::stories::{FIXTURE, archive};

const NOW: &str = "2026-01-02T00:00:00Z";

/// The Dayton story's id.
fn dayton(store: &mut Store) -> i64 {
    parallax::app::update_stories(store, false)
        .expect("update")
        .iter()
        .find(|s| s.articles.contains(&1))
        .map(|s| s.id)
        .expect("Dayton story")
}

/// The key of the police chief's quotation, which only articles 1 and 2 carry.
fn chief_quote(comparison: &Comparison) -> String {
    comparison
        .quotes
        .iter()
        .find(|q| {
            q.variants
                .iter()
                .any(|v| v.text.contains("officers arrived within minutes"))
        })
        .map(|q| q.key.clone())
        .expect("the chief's quotation")
}

/// The story holding article 1 and whether its comparison carries the
/// verdict on `key`.
fn attached(store: &Store, key: &str) -> bool {
    let story = store.story_of(1).expect("story of").expect("in a story");
    parallax::app::compare_story(store, story)
        .expect("compare")
        .verdicts
        .contains_key(key)
}

/// Step → whether the verdict on the chief's quotation is still attached.
#[test]
fn a_verdict_stays_attached_through_re_runs_and_regrouping() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    let story = dayton(&mut store);
    let key = chief_quote(&parallax::app::compare_story(&store, story).expect("compare"));
    let verdict = parallax::app::set_verdict(
        &mut store,
        story,
        &key,
        Judgement::Wrong,
        Some("  the chief said it once, at the scene  "),
        NOW,
    )
    .expect("set");
    assert_eq!(verdict.kind, "quote");
    assert_eq!(verdict.story, Some(story));
    assert_eq!(
        verdict.note.as_deref(),
        Some("the chief said it once, at the scene")
    );
    assert_eq!(
        verdict
            .passages
            .iter()
            .map(|p| p.external_id.as_str())
            .collect::<Vec<_>>(),
        vec!["a1", "a2"]
    );

    type Step = fn(&mut Store, i64);
    let steps: [(&str, Step, bool); 5] = [
        ("compare again", |_, _| {}, true),
        (
            "rebuild every story",
            |store, _| {
                parallax::app::update_stories(store, true).expect("rebuild");
            },
            true,
        ),
        (
            "split the third report off",
            |store, story| {
                parallax::app::split_story(store, story, &[3], NOW).expect("split");
            },
            true,
        ),
        (
            "re-extract every article",
            |store, _| {
                let cancel = std::sync::atomic::AtomicBool::new(false);
                parallax::app::extract_archive(store, true, &mut |_, _| {}, &cancel)
                    .expect("extract");
                parallax::app::update_stories(store, false).expect("update");
            },
            true,
        ),
        (
            "move the second report away",
            |store, _| {
                let toledo = store.story_of(4).expect("story of").expect("Toledo");
                parallax::app::move_article(store, 2, toledo, NOW).expect("move");
            },
            false,
        ),
    ];
    for (step, change, expected) in steps {
        let story = store.story_of(1).expect("story of").expect("in a story");
        change(&mut store, story);
        assert_eq!(attached(&store, &key), expected, "after: {step}");
    }
    // The verdict itself is never lost: listed with every verdict, and with
    // the story it was given in.
    let all = parallax::app::verdicts(&store, None).expect("list");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].verdict, Judgement::Wrong);
}

/// Action → what the store holds or the error code.
#[test]
fn set_replace_clear_and_errors() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    let story = dayton(&mut store);
    let comparison = parallax::app::compare_story(&store, story).expect("compare");
    let key = chief_quote(&comparison);
    let killed = comparison
        .claims
        .iter()
        .find(|c| c.subject.starts_with("killed"))
        .map(|c| c.key.clone())
        .expect("killed claim");

    parallax::app::set_verdict(&mut store, story, &key, Judgement::Wrong, None, NOW).expect("set");
    parallax::app::set_verdict(&mut store, story, &key, Judgement::Confirmed, None, NOW)
        .expect("replace");
    parallax::app::set_verdict(&mut store, story, &killed, Judgement::Confirmed, None, NOW)
        .expect("set another");
    let listed: Vec<(String, Judgement)> = parallax::app::verdicts(&store, Some(story))
        .expect("list")
        .into_iter()
        .map(|v| (v.key, v.verdict))
        .collect();
    let mut expected = vec![
        (key.clone(), Judgement::Confirmed),
        (killed.clone(), Judgement::Confirmed),
    ];
    expected.sort();
    assert_eq!(listed, expected);

    parallax::app::clear_verdict(&mut store, story, &key).expect("clear");
    let errors = [
        (
            "clear what has no verdict",
            parallax::app::clear_verdict(&mut store, story, &key).err(),
        ),
        (
            "a key the story does not hold",
            parallax::app::set_verdict(&mut store, story, "0000", Judgement::Wrong, None, NOW)
                .err(),
        ),
        (
            "a story that does not exist",
            parallax::app::set_verdict(&mut store, 999, &killed, Judgement::Wrong, None, NOW).err(),
        ),
    ];
    for (case, error) in errors {
        assert_eq!(error.map(|e| e.code()), Some("not_found"), "{case}");
    }
    assert_eq!(
        parallax::app::verdicts(&store, Some(story))
            .expect("list")
            .len(),
        1
    );
}

/// Export format → the verdict on the chief's quotation under articles 1
/// and 2 only.
#[test]
fn export_carries_verdicts_under_their_articles() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    let story = dayton(&mut store);
    let key = chief_quote(&parallax::app::compare_story(&store, story).expect("compare"));
    parallax::app::set_verdict(&mut store, story, &key, Judgement::Wrong, Some("why"), NOW)
        .expect("set");

    let mut jsonl = Vec::new();
    export(&store, ExportFormat::Jsonl, &mut jsonl).expect("export");
    let with_verdicts: Vec<(String, usize)> = String::from_utf8_lossy(&jsonl)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("json line"))
        .map(|record| {
            (
                record["external_id"].as_str().unwrap_or("").to_string(),
                record["verdicts"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    assert_eq!(
        with_verdicts,
        vec![
            ("a1".to_string(), 1),
            ("a2".to_string(), 1),
            ("a3".to_string(), 0),
            ("b1".to_string(), 0),
            ("b2".to_string(), 0)
        ]
    );

    let mut csv = Vec::new();
    export(&store, ExportFormat::Csv, &mut csv).expect("export");
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let header = reader.headers().expect("header").clone();
    let column = header
        .iter()
        .position(|h| h == "verdicts")
        .expect("verdicts column");
    let cells: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[column].to_string())
        .collect();
    assert!(
        cells[0].starts_with(&format!("wrong quote {key}: ")) && cells[0].ends_with("(why)"),
        "{cells:?}"
    );
    assert_eq!(cells[2], "");

    // `show --json` has the same shape.
    let record = parallax::export::ArticleRecord::load(&store, 2).expect("load");
    assert_eq!(record.verdicts.len(), 1);
}

#[test]
fn the_cli_sets_lists_and_clears_verdicts_with_json_twins() {
    let scratch = Scratch::new();
    let file = scratch.write("reports.jsonl", FIXTURE);
    let db = scratch.db();
    let db = db.to_str().expect("utf-8 path");
    let file = file.to_str().expect("utf-8 path");
    assert!(parallax(&["--db", db, "import", file]).status.success());
    let (stories, _) = parallax_json(&["--db", db, "stories", "--json"]);
    let story = stories
        .as_array()
        .and_then(|s| {
            s.iter()
                .find(|s| s["articles"].as_array().is_some_and(|a| a.len() == 3))
        })
        .and_then(|s| s["id"].as_i64())
        .expect("Dayton story")
        .to_string();

    let (comparison, _) = parallax_json(&["--db", db, "compare", &story, "--json"]);
    let key = comparison["claims"][0]["key"]
        .as_str()
        .expect("claims carry keys")
        .to_string();
    assert_eq!(comparison["verdicts"], serde_json::json!({}));

    let (set, out) = parallax_json(&[
        "--db",
        db,
        "verdict",
        "set",
        &story,
        &key,
        "wrong",
        "--note",
        "a background count",
        "--json",
    ]);
    assert!(out.status.success());
    assert_eq!(set["verdict"], "wrong");
    assert_eq!(set["note"], "a background count");

    let (comparison, _) = parallax_json(&["--db", db, "compare", &story, "--json"]);
    assert_eq!(comparison["verdicts"][&key]["verdict"], "wrong");
    let report =
        String::from_utf8_lossy(&parallax(&["--db", db, "compare", &story]).stdout).into_owned();
    assert!(
        report.contains(&format!("- ✗ wrong `{key}` figure: ")),
        "{report}"
    );

    for args in [
        vec!["verdict", "list", "--json"],
        vec!["verdict", "list", story.as_str(), "--json"],
    ] {
        let mut full = vec!["--db", db];
        full.extend(args);
        let (list, _) = parallax_json(&full);
        assert_eq!(list.as_array().map(Vec::len), Some(1), "{full:?}");
        assert_eq!(list[0]["key"], key.as_str());
    }

    let (cleared, out) = parallax_json(&["--db", db, "verdict", "clear", &story, &key, "--json"]);
    assert!(out.status.success());
    assert_eq!(cleared["cleared"], key.as_str());
    let (failure, out) = parallax_json(&["--db", db, "verdict", "clear", &story, &key, "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(failure["error"]["code"], "not_found");
    let wrong_word = parallax(&["--db", db, "verdict", "set", &story, &key, "maybe"]);
    assert_eq!(wrong_word.status.code(), Some(2));
}
