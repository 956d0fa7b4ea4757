//! Stories: grouping on import, user decisions that survive a rebuild,
//! coverage, and the CLI's JSON shape. Fixtures are short reports written
//! for these tests about two invented events.

use std::path::Path;

use parallax::Store;

use crate::common::{Scratch, import_paths, parallax};

/// Three outlets report a warehouse shooting in Dayton (two share a wire
/// paragraph, one a day later gives another weekday), two report an
/// unrelated drive-by shooting in Toledo two months later.
pub const FIXTURE: &str = concat!(
    r#"{"id": "a1", "source": "ledger.example.com", "title": "Three killed in Dayton warehouse shooting", "published": "2024-03-05", "text": "Three people were killed and two others were wounded in a shooting at a warehouse in Dayton on Monday night, police said.\nPolice Chief Maria Lopez said the gunman, a former employee identified as Tom Becker, was arrested at the scene. \"We are grateful that officers arrived within minutes and stopped further bloodshed at the warehouse,\" Lopez said.\nThe shooting happened at the Keller Freight warehouse on Webster Street shortly after nine in the evening. Investigators said the suspect had been dismissed by the company last month and had argued with a supervisor the week before.\nAdditional reporting by Reuters"}"#,
    "\n",
    r#"{"id": "a2", "source": "wire-review.example.org", "title": "Former employee opens fire at Dayton warehouse", "published": "2024-03-05", "text": "At least three people died and two others were injured when a former employee opened fire at a warehouse in Dayton on Monday.\n\"We are thankful that officers arrived within minutes and stopped more bloodshed at the warehouse,\" Police Chief Maria Lopez said.\nThe shooting happened at the Keller Freight warehouse on Webster Street shortly after nine in the evening. Investigators said the suspect had been dismissed by the company last month and had argued with a supervisor the week before.\nThe suspect, Tom Becker, is due in court on Thursday."}"#,
    "\n",
    r#"{"id": "a3", "source": "valley-post.example.net", "title": "Dayton mourns warehouse workers", "published": "2024-03-06", "text": "Hundreds gathered in Dayton on Tuesday evening to remember the three workers killed at the Keller Freight warehouse on Sunday.\nThe suspect, Tom Becker, faces three counts of murder, prosecutors said. Two wounded workers remain in hospital.\nThe company said it would close the Webster Street site for a week."}"#,
    "\n",
    r#"{"id": "b1", "source": "ledger.example.com", "title": "Two teenagers wounded in Toledo drive-by", "published": "2024-05-20", "text": "Two teenagers were wounded in a drive-by shooting near Walbridge Park in Toledo on Saturday night, police said.\nOfficers found the boys, aged 15 and 16, with gunshot wounds to their legs. Both are expected to survive.\nNo arrests have been made and detectives are reviewing camera footage from nearby homes."}"#,
    "\n",
    r#"{"id": "b2", "source": "valley-post.example.net", "title": "Toledo police seek car in park shooting", "published": "2024-05-21", "text": "Toledo police are looking for a dark sedan seen leaving Walbridge Park after two teenagers were shot on Saturday night.\nThe boys were treated for leg wounds and released, a hospital spokeswoman said.\nDetectives asked residents near the park to share doorbell camera footage."}"#,
    "\n"
);

pub fn archive(scratch: &Scratch) -> Store {
    let file = scratch.write("reports.jsonl", FIXTURE);
    let mut store = Store::open(&scratch.db()).expect("open archive");
    let report = import_paths(&mut store, &[Path::new(&file)]);
    assert_eq!(report.imported, 5);
    store
}

fn memberships(store: &Store) -> Vec<Vec<i64>> {
    let mut sets: Vec<Vec<i64>> = store
        .stories()
        .expect("stories")
        .into_iter()
        .map(|s| s.articles)
        .collect();
    sets.sort();
    sets
}

#[test]
fn reports_of_one_event_form_one_story_and_other_events_stay_apart() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    let stories = parallax::app::update_stories(&mut store, false).expect("update");
    let mut sets: Vec<Vec<i64>> = stories.iter().map(|s| s.articles.clone()).collect();
    sets.sort();
    assert_eq!(sets, vec![vec![1, 2, 3], vec![4, 5]]);
    let dayton = stories
        .iter()
        .find(|s| s.articles == vec![1, 2, 3])
        .expect("Dayton story");
    assert_eq!(dayton.sources.len(), 3);
    assert_eq!(dayton.first_reporter.as_ref().map(|f| f.article), Some(1));
    assert_eq!(
        dayton.place.as_ref().map(|p| p.name.as_str()),
        Some("Dayton")
    );
    // A second run places nothing anew and keeps ids.
    let again = parallax::app::update_stories(&mut store, false).expect("update again");
    assert_eq!(
        again.iter().map(|s| s.id).collect::<Vec<_>>(),
        stories.iter().map(|s| s.id).collect::<Vec<_>>()
    );
}

#[test]
fn re_extraction_refreshes_stories_and_keeps_their_ids() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    let before = parallax::app::update_stories(&mut store, false).expect("update");
    // Damage a story's stored summary, as an older extractor's output would.
    let side = rusqlite::Connection::open(scratch.db()).expect("second connection");
    side.execute("UPDATE stories SET place = NULL, killed = 99", [])
        .expect("damage summaries");
    // Nothing re-extracted: the update reads nothing and changes nothing.
    let untouched = parallax::app::update_stories(&mut store, false).expect("update");
    assert!(
        untouched
            .iter()
            .all(|s| s.killed == Some(99) && s.place.is_none())
    );
    // Re-extracting every article marks their stories stale; the next
    // update recomputes the summaries and keeps every id and member.
    let cancel = std::sync::atomic::AtomicBool::new(false);
    parallax::app::extract_archive(&mut store, true, &mut |_, _| {}, &cancel).expect("extract");
    let after = parallax::app::update_stories(&mut store, false).expect("update");
    assert_eq!(
        after
            .iter()
            .map(|s| (s.id, s.articles.clone()))
            .collect::<Vec<_>>(),
        before
            .iter()
            .map(|s| (s.id, s.articles.clone()))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        after, before,
        "summaries recomputed from the new extraction"
    );
    let stale: i64 = side
        .query_row(
            "SELECT count(*) FROM story_members WHERE stale = 1",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(stale, 0);
}

#[test]
fn user_decisions_survive_a_rebuild() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    let stories = parallax::app::update_stories(&mut store, false).expect("update");
    let dayton = stories
        .iter()
        .find(|s| s.articles.contains(&1))
        .map(|s| s.id)
        .expect("story");
    let toledo = stories
        .iter()
        .find(|s| s.articles.contains(&4))
        .map(|s| s.id)
        .expect("story");

    parallax::app::move_article(&mut store, 3, toledo, "2026-01-02T00:00:00Z").expect("move");
    assert_eq!(memberships(&store), vec![vec![1, 2], vec![3, 4, 5]]);
    parallax::app::update_stories(&mut store, true).expect("rebuild");
    assert_eq!(memberships(&store), vec![vec![1, 2], vec![3, 4, 5]]);

    let new = parallax::app::split_story(&mut store, toledo, &[4, 5], "2026-01-02T00:00:00Z")
        .expect("split");
    assert_eq!(store.story(new).expect("new story").articles, vec![4, 5]);
    parallax::app::merge_stories(&mut store, dayton, toledo, "2026-01-02T00:00:00Z")
        .expect("merge");
    parallax::app::update_stories(&mut store, true).expect("rebuild");
    assert_eq!(memberships(&store), vec![vec![1, 2, 3], vec![4, 5]]);
    assert!(store.stories().expect("stories").iter().all(|s| s.pinned));
    assert!(store.story(toledo).is_err());
}

#[test]
fn coverage_lists_first_reports_and_missed_stories() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    parallax::app::update_stories(&mut store, false).expect("update");
    let coverage = store.coverage().expect("coverage");
    let outlets: Vec<(&str, usize, usize, usize)> = coverage
        .outlets
        .iter()
        .map(|o| {
            (
                o.source.as_str(),
                o.stories,
                o.first_reports,
                o.missed.len(),
            )
        })
        .collect();
    assert_eq!(
        outlets,
        vec![
            ("ledger.example.com", 2, 2, 0),
            ("valley-post.example.net", 2, 0, 0),
            ("wire-review.example.org", 1, 0, 0)
        ]
    );
    assert_eq!(coverage.stories.len(), 2);
}

#[test]
fn cli_stories_json_has_the_contract_fields() {
    let scratch = Scratch::new();
    drop(archive(&scratch));
    let db = scratch.db();
    let db = db.to_str().expect("utf-8 path");
    let out = parallax(&["--db", db, "stories", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let first = &value[0];
    for key in [
        "id",
        "title",
        "date",
        "place",
        "articles",
        "sources",
        "killed",
        "injured",
        "first_reporter",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    let out = parallax(&["--db", db, "coverage", "--json"]);
    assert!(out.status.success());
    let out = parallax(&["--db", db, "story", "merge", "1", "1"]);
    assert_eq!(out.status.code(), Some(2));
}

/// One report for the coverage-rule fixture: an outlet, a day, a city and an
/// event that both reports of the same story share.
fn coverage_report(
    id: &str,
    source: &str,
    published: &str,
    city: &str,
    state: &str,
    event: &str,
) -> String {
    let (title, body) = match event {
        "bakery" => (
            "Two killed in shooting outside bakery",
            "Two men were killed and one woman was wounded in a shooting outside a bakery on Elm Street on Friday night, police said. Detectives said the gunman fled on foot and no arrest has been made.",
        ),
        "bus" => (
            "Bus driver wounded in shooting",
            "A city bus driver was shot and wounded at a downtown transit stop on Tuesday morning, police said. A passenger was arrested at the scene and a handgun was recovered.",
        ),
        "party" => (
            "Four wounded at house party shooting",
            "Four teenagers were wounded when someone opened fire at a house party on Maple Avenue early Sunday, police said. Officers found more than thirty shell casings in the street.",
        ),
        "store" => (
            "Clerk killed in store robbery",
            "A convenience store clerk was shot and killed during a robbery on Lake Road on Wednesday night, police said. Two masked men took cash from the register and escaped in a grey pickup.",
        ),
        "bridge" => (
            "Man shot dead near river bridge",
            "A man was found shot dead near the Water Street bridge on Thursday morning, police said. The medical examiner said he had been shot three times and investigators are looking for witnesses.",
        ),
        _ => (
            "Officer wounded in traffic stop shooting",
            "A police officer was shot in the arm during a traffic stop on Route 9 on Monday night, police said. The driver was later arrested at a motel and faces attempted murder charges.",
        ),
    };
    // Each outlet closes in its own words, so no report is an exact copy.
    let closing = if id.ends_with('1') {
        "Neighbours said the street had been quiet for years."
    } else {
        "The mayor asked residents to share any camera footage with detectives."
    };
    format!(
        "{{\"id\": \"{id}\", \"source\": \"{source}\", \"title\": \"{title} in {city}\", \"published\": \"{published}\", \"text\": \"{city}, {state} — {body} {closing}\"}}\n"
    )
}

#[test]
fn coverage_counts_as_missed_only_stories_an_outlet_could_have_covered() {
    // A local Ohio outlet active March to June, a statewide outlet, a national
    // outlet and a Texas outlet with a single story.
    let reports = [
        coverage_report(
            "d1",
            "local.example.com",
            "2024-03-09",
            "Dayton",
            "Ohio",
            "bakery",
        ),
        coverage_report(
            "d2",
            "state.example.com",
            "2024-03-09",
            "Dayton",
            "Ohio",
            "bakery",
        ),
        coverage_report(
            "k1",
            "state.example.com",
            "2024-04-17",
            "Cleveland",
            "Ohio",
            "bus",
        ),
        coverage_report(
            "k2",
            "nation.example.com",
            "2024-04-17",
            "Cleveland",
            "Ohio",
            "bus",
        ),
        coverage_report(
            "x1",
            "nation.example.com",
            "2024-04-25",
            "Austin",
            "Texas",
            "store",
        ),
        coverage_report(
            "x2",
            "austin.example.com",
            "2024-04-25",
            "Austin",
            "Texas",
            "store",
        ),
        coverage_report(
            "t1",
            "local.example.com",
            "2024-05-12",
            "Toledo",
            "Ohio",
            "party",
        ),
        coverage_report(
            "t2",
            "state.example.com",
            "2024-05-12",
            "Toledo",
            "Ohio",
            "party",
        ),
        coverage_report(
            "c1",
            "local.example.com",
            "2024-06-14",
            "Columbus",
            "Ohio",
            "bridge",
        ),
        coverage_report(
            "c2",
            "state.example.com",
            "2024-06-14",
            "Columbus",
            "Ohio",
            "bridge",
        ),
        coverage_report(
            "z1",
            "state.example.com",
            "2024-09-10",
            "Cincinnati",
            "Ohio",
            "traffic",
        ),
        coverage_report(
            "z2",
            "nation.example.com",
            "2024-09-10",
            "Cincinnati",
            "Ohio",
            "traffic",
        ),
    ];
    let scratch = Scratch::new();
    let file = scratch.write("coverage.jsonl", reports.concat());
    let mut store = Store::open(&scratch.db()).expect("open archive");
    assert_eq!(import_paths(&mut store, &[Path::new(&file)]).imported, 12);
    parallax::app::update_stories(&mut store, false).expect("update");
    let stories = store.stories().expect("stories");
    assert_eq!(stories.len(), 6, "{stories:#?}");
    let story_of = |city: &str| {
        stories
            .iter()
            .find(|s| s.title.as_deref().is_some_and(|t| t.ends_with(city)))
            .map(|s| s.id)
            .expect("story")
    };
    let coverage = store.coverage().expect("coverage");
    let outlet = |name: &str| {
        coverage
            .outlets
            .iter()
            .find(|o| o.source == name)
            .expect("outlet")
    };

    // The local outlet missed the Cleveland story (Ohio, within its period),
    // not Cincinnati (after its last article) nor Austin (another state).
    let local = outlet("local.example.com");
    assert!(local.missed_judged);
    assert_eq!(local.regions, vec!["Ohio, US".to_string()]);
    assert_eq!(
        local.active_from.map(|d| d.to_string()).as_deref(),
        Some("2024-03-09")
    );
    assert_eq!(
        local.active_to.map(|d| d.to_string()).as_deref(),
        Some("2024-06-14")
    );
    assert_eq!(local.missed, vec![story_of("Cleveland")]);
    // The national outlet covers Ohio and Texas from April: it missed Toledo
    // and Columbus, not Dayton (before its first article).
    let nation = outlet("nation.example.com");
    assert_eq!(
        nation.regions,
        vec!["Ohio, US".to_string(), "Texas, US".to_string()]
    );
    let mut expected = vec![story_of("Toledo"), story_of("Columbus")];
    expected.sort();
    assert_eq!(nation.missed, expected);
    // The statewide outlet never reported from Texas: nothing missed.
    assert_eq!(outlet("state.example.com").missed, Vec::<i64>::new());
    // One story is too few to know an outlet's area: no missed list at all.
    let austin = outlet("austin.example.com");
    assert!(!austin.missed_judged);
    assert!(austin.missed.is_empty());
}

/// A paywall notice stands in for the text of two reports of unrelated
/// shootings far apart: the shared notice is a template, not a copy.
#[test]
fn a_shared_paywall_page_does_not_join_reports_of_distant_events() {
    let notice = "This content is available to subscribers only. Sign in to your account or start a free trial to keep reading local news, weather and sports from our newsroom. Already a subscriber? Log in with the e-mail address you used to register. Questions about your subscription can be sent to our customer service team at any time of the day.";
    let record = |id: &str, title: &str, published: &str| {
        serde_json::json!({"id": id, "source": "paper.example.com", "title": title, "published": published, "text": notice})
            .to_string()
    };
    let lines = [
        record("p1", "Man shot and killed in Dayton, Ohio", "2024-03-05"),
        record(
            "p2",
            "Woman wounded in Tucson, Arizona shooting",
            "2024-03-08",
        ),
    ];
    let scratch = Scratch::new();
    let file = scratch.write("paywalled.jsonl", lines.join("\n"));
    let mut store = Store::open(&scratch.db()).expect("open archive");
    let report = import_paths(&mut store, &[Path::new(&file)]);
    assert_eq!(report.imported, 2);
    parallax::app::update_stories(&mut store, false).expect("update");
    assert_eq!(memberships(&store), vec![vec![1], vec![2]]);
}

/// A later report of the Toledo drive-by (`b1`, `b2` in [`FIXTURE`]).
pub const TOLEDO_FOLLOW_UP: &str = r#"{"id": "b3", "source": "ledger.example.com", "title": "Arrest made in Walbridge Park drive-by", "published": "2024-05-23", "text": "Toledo police arrested a 19-year-old man on Tuesday in the drive-by shooting near Walbridge Park that wounded two teenagers on Saturday night.\nThe boys, aged 15 and 16, were shot in the legs as a dark sedan passed the park, detectives said. Doorbell camera footage from nearby homes led officers to the car."}"#;

/// The reports of [`FIXTURE`] (and [`TOLEDO_FOLLOW_UP`]) by id.
fn reports(ids: &[&str]) -> String {
    FIXTURE
        .lines()
        .chain([TOLEDO_FOLLOW_UP])
        .filter(|line| {
            ids.iter()
                .any(|id| line.contains(&format!("\"id\": \"{id}\"")))
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The stories as sets of external ids, each with its story id.
fn stories_by_external_id(store: &Store, side: &rusqlite::Connection) -> Vec<(i64, Vec<String>)> {
    let mut out: Vec<(i64, Vec<String>)> = store
        .stories()
        .expect("stories")
        .into_iter()
        .map(|story| {
            let mut ids: Vec<String> = story
                .articles
                .iter()
                .map(|id| {
                    side.query_row(
                        "SELECT external_id FROM articles WHERE id = ?1",
                        [id],
                        |r| r.get(0),
                    )
                    .expect("article")
                })
                .collect();
            ids.sort();
            (story.id, ids)
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// Kept index of the archive: articles counted, and the kept word counts.
fn kept_words(side: &rusqlite::Connection) -> (i64, Vec<(String, i64)>) {
    let articles = side
        .query_row(
            "SELECT articles FROM story_counts WHERE kind = 0",
            [],
            |r| r.get(0),
        )
        .expect("articles counted");
    let mut stmt = side
        .prepare("SELECT name, articles FROM story_counts WHERE kind = 1 ORDER BY name")
        .expect("statement");
    let words = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<Vec<_>, _>>()
        .expect("words");
    (articles, words)
}

/// Reports grouped first, reports imported later, and the stories (as
/// sets of external ids) expected after the update.
type UpdateCase = (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static [&'static str]],
);

/// A story update after an import reads only the new reports and the
/// stories their kept keys find: each case imports a first batch, groups
/// it (a full run, which keeps the index), imports the rest and updates.
/// Every new report must join the story its event already has (keeping
/// that story's id) or start its own; the kept counts must then be those
/// a rebuild counts, and a rebuild must give the same stories.
#[test]
fn an_update_attaches_new_reports_to_the_stories_of_their_events() {
    // (first batch, later batch, stories expected after the update)
    let cases: [UpdateCase; 4] = [
        (
            &["a1", "a2", "b1"],
            &["a3", "b2"],
            &[&["a1", "a2", "a3"], &["b1", "b2"]],
        ),
        (
            &["a1", "b1", "b2"],
            &["a2", "a3", "b3"],
            &[&["a1", "a2", "a3"], &["b1", "b2", "b3"]],
        ),
        // A report of an event the archive has no story of starts one.
        (
            &["a1", "a2", "a3"],
            &["b1"],
            &[&["a1", "a2", "a3"], &["b1"]],
        ),
        (
            &["a1", "a2", "a3", "b1", "b2"],
            &["b3"],
            &[&["a1", "a2", "a3"], &["b1", "b2", "b3"]],
        ),
    ];
    for (first, later, expected) in cases {
        let scratch = Scratch::new();
        let mut store = Store::open(&scratch.db()).expect("open archive");
        let side = rusqlite::Connection::open(scratch.db()).expect("second connection");
        let file = scratch.write("first.jsonl", reports(first));
        import_paths(&mut store, &[Path::new(&file)]);
        parallax::app::update_stories(&mut store, false).expect("first grouping");
        let before = stories_by_external_id(&store, &side);
        let file = scratch.write("later.jsonl", reports(later));
        import_paths(&mut store, &[Path::new(&file)]);
        parallax::app::update_stories(&mut store, false).expect("update");
        let after = stories_by_external_id(&store, &side);
        let sets: Vec<Vec<&str>> = after
            .iter()
            .map(|(_, ids)| ids.iter().map(String::as_str).collect())
            .collect();
        let expected: Vec<Vec<&str>> = expected.iter().map(|s| s.to_vec()).collect();
        assert_eq!(sets, expected, "{first:?} then {later:?}");
        // A story the first run made keeps its id.
        for (id, members) in &before {
            assert!(
                after
                    .iter()
                    .any(|(kept, now)| kept == id && members.iter().all(|m| now.contains(m))),
                "story {id} {members:?} kept after {later:?}: {after:?}"
            );
        }
        // The update counted its reports (the kept counts are a rebuild's)
        // and kept their keys.
        let updated = kept_words(&side);
        assert_eq!(updated.0, (first.len() + later.len()) as i64);
        let keyed: i64 = side
            .query_row(
                "SELECT count(DISTINCT k.article_id) FROM story_keys k JOIN articles a ON a.id = k.article_id",
                [],
                |r| r.get(0),
            )
            .expect("keyed articles");
        assert_eq!(keyed, (first.len() + later.len()) as i64);
        parallax::app::update_stories(&mut store, true).expect("rebuild");
        assert_eq!(kept_words(&side), updated, "{first:?} then {later:?}");
        let rebuilt: Vec<Vec<String>> = stories_by_external_id(&store, &side)
            .into_iter()
            .map(|(_, ids)| ids)
            .collect();
        assert_eq!(
            rebuilt,
            after.into_iter().map(|(_, ids)| ids).collect::<Vec<_>>()
        );
    }
}

/// A full grouping run keeps what the next update needs, and a rebuild
/// gives the stories a first grouping gives: the same memberships, links
/// and reasons (under new story ids, as every rebuild gives), whatever
/// was kept before.
#[test]
fn a_rebuild_regroups_as_a_first_grouping_does() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    let side = rusqlite::Connection::open(scratch.db()).expect("second connection");
    parallax::app::update_stories(&mut store, false).expect("first grouping");
    let rows = |side: &rusqlite::Connection| -> Vec<(i64, String, Option<i64>)> {
        let mut stmt = side
            .prepare("SELECT article_id, reason, linked_to FROM story_members ORDER BY article_id")
            .expect("statement");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("rows")
            .collect::<Result<Vec<_>, _>>()
            .expect("members")
    };
    let first = rows(&side);
    let kept = kept_words(&side);
    assert_eq!(kept.0, 5);
    parallax::app::update_stories(&mut store, true).expect("rebuild");
    assert_eq!(rows(&side), first);
    assert_eq!(kept_words(&side), kept);
    assert_eq!(memberships(&store), vec![vec![1, 2, 3], vec![4, 5]]);
}
