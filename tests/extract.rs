//! Integration tests: extraction on import, its storage and anchors, entity
//! decisions that survive re-runs, export.

use parallax::Store;
use parallax::app::extract_archive;

use crate::common::{Scratch, import_paths, parallax, parallax_json};

/// Two invented outlets reporting one invented event, with a transliterated
/// group name spelt two ways.
const REPORT_A: &str = " date 2022-03-15 Militants of the Liwa Fatemiyoun group attacked a police post near Mosul on Monday, killing at least four officers and wounding seven, Interior Minister Karim Haddad said.\n\n\u{201c}We will find those responsible,\u{201d} Mr Haddad said on Tuesday.";
const REPORT_B: &str = "Police post attacked near Mosul\n\nGunmen from the Liwa Fatimiyoun group stormed a police post near Mosul on Monday, killing four officers, officials said. \u{201c}We will find those who did this,\u{201d} Interior Minister Karim Haddad told reporters.";

fn archive(scratch: &Scratch) -> Store {
    let a = scratch.write("in/a.txt", REPORT_A);
    let b = scratch.write("in/b.txt", REPORT_B);
    let mut store = Store::open(&scratch.db()).expect("open");
    assert_eq!(import_paths(&mut store, &[&a, &b]).imported, 2);
    store
}

#[test]
fn import_extracts_anchored_claims() {
    let scratch = Scratch::new();
    let store = archive(&scratch);
    let a = store
        .extraction(1)
        .expect("load")
        .expect("extracted on import");
    assert_eq!(a.version, parallax::extract::items::EXTRACTOR_VERSION);
    let killed = a
        .figures
        .iter()
        .find(|f| f.predicate == Some(parallax::extract::items::Predicate::Killed))
        .expect("killed figure");
    assert_eq!(
        (killed.anchor.text.as_str(), killed.low, killed.high),
        ("at least four officers", Some(4.0), None)
    );
    let monday = a
        .dates
        .iter()
        .find(|d| d.anchor.text.contains("Monday"))
        .expect("Monday");
    assert_eq!(
        monday.date.map(|d| d.to_string()).as_deref(),
        Some("2022-03-14")
    );
    let quote = a.quotes.first().expect("quote");
    assert_eq!(quote.speaker.as_deref(), Some("Karim Haddad"));
    let main = a.main_event.as_ref().expect("main event");
    assert_eq!((main.killed, main.injured), (Some(4), Some(7)));
    assert_eq!(
        main.place.as_ref().map(|p| p.country_code.as_str()),
        Some("IQ")
    );
    let check = store.verify_spans().expect("verify");
    assert!(check.spans > 10);
    assert_eq!(check.mismatch_count, 0, "{:?}", check.mismatches);
}

/// A kind name no build writes, in any kind column, fails reading the
/// article's extraction with an error that names the row (table, seq,
/// article) instead of crashing or reading as some other kind.
#[test]
fn an_unknown_stored_kind_is_an_error_naming_its_row() {
    let cases = [
        (
            "UPDATE events SET kind = 'riot' WHERE article_id = 1 AND seq = 0",
            "events row 0 of article 1: unknown item kind \"riot\"",
        ),
        (
            "UPDATE extractions SET main_type = 'riot' WHERE article_id = 1",
            "extractions row of article 1: unknown item kind \"riot\"",
        ),
        (
            "UPDATE quotes SET kind = 'aside' WHERE article_id = 1 AND seq = 0",
            "quotes row 0 of article 1: unknown item kind \"aside\"",
        ),
        (
            "UPDATE figures SET predicate = 'fled' WHERE article_id = 1 AND seq = 0",
            "figures row 0 of article 1: unknown item kind \"fled\"",
        ),
        (
            "UPDATE figures SET qualifier = 'roughly' WHERE article_id = 1 AND seq = 0",
            "figures row 0 of article 1: unknown item kind \"roughly\"",
        ),
        (
            "UPDATE mentions SET kind = 'thing' WHERE article_id = 1 AND seq = 0",
            "mentions row 0 of article 1: unknown item kind \"thing\"",
        ),
    ];
    for (tamper, expected) in cases {
        let scratch = Scratch::new();
        drop(archive(&scratch));
        let conn = rusqlite::Connection::open(scratch.db()).expect("raw open");
        // The schema's CHECKs keep some kind columns to their names; a
        // damaged file need not honour them.
        conn.pragma_update(None, "ignore_check_constraints", true)
            .expect("pragma");
        assert_eq!(conn.execute(tamper, []).expect("tamper"), 1, "{tamper}");
        drop(conn);
        let store = Store::open(&scratch.db()).expect("reopen");
        let error = store.extraction(1).expect_err("refused");
        assert!(error.to_string().contains(expected), "{tamper}: {error}");
    }
}

#[test]
fn spelling_variants_resolve_to_one_entity_with_a_reason_and_user_decisions_win() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    let group = |store: &Store| {
        store
            .entities(None, 1000)
            .expect("entities")
            .into_iter()
            .find(|e| e.aliases.iter().any(|a| a.name.contains("Fatemiyoun")))
            .expect("group entity")
    };
    let merged = group(&store);
    let names: Vec<&str> = merged.aliases.iter().map(|a| a.name.as_str()).collect();
    assert!(
        names.iter().any(|n| n.contains("Fatimiyoun")),
        "variants merged: {names:?}"
    );
    assert!(
        merged
            .aliases
            .iter()
            .any(|a| a.reason.contains("transliteration") || a.reason.contains("similar")),
        "{:?}",
        merged.aliases
    );
    assert_eq!(merged.articles, 2);

    let variant = merged
        .aliases
        .iter()
        .find(|a| a.name.contains("Fatimiyoun"))
        .map(|a| a.name.clone())
        .expect("variant");
    let split = store.split_entity(merged.id, &variant).expect("split");
    store
        .rename_entity(merged.id, "Fatemiyoun Brigade")
        .expect("rename");
    // A full re-run recomputes automatic decisions, never the user's.
    extract_archive(&mut store, true, &mut |_, _| {}, &Default::default()).expect("re-extract");
    let after = group(&store);
    assert_eq!(after.name, "Fatemiyoun Brigade");
    assert!(
        after.aliases.iter().all(|a| a.name != variant),
        "{:?}",
        after.aliases
    );
    let split_entity = store
        .entities(None, 1000)
        .expect("entities")
        .into_iter()
        .find(|e| e.id == split)
        .expect("split kept");
    assert_eq!(split_entity.aliases[0].decided_by, "user");
    store.merge_entities(after.id, split).expect("merge back");
    assert!(group(&store).aliases.iter().any(|a| a.name == variant));
}

#[test]
fn extraction_is_incremental_and_deterministic() {
    let scratch = Scratch::new();
    let mut store = archive(&scratch);
    let first = store.extraction(2).expect("load");
    let report =
        extract_archive(&mut store, false, &mut |_, _| {}, &Default::default()).expect("extract");
    assert_eq!((report.extracted, report.up_to_date), (0, 2));
    let report = extract_archive(&mut store, true, &mut |_, _| {}, &Default::default())
        .expect("extract all");
    assert_eq!(report.extracted, 2);
    assert_eq!(store.extraction(2).expect("load"), first);
}

#[test]
fn cli_show_entities_export_and_verify() {
    let scratch = Scratch::new();
    drop(archive(&scratch));
    let db = scratch.db();
    let db = db.to_str().expect("path");
    let (shown, _) = parallax_json(&["--db", db, "show", "b", "--json"]);
    for key in [
        "entities",
        "dates",
        "figures",
        "quotes",
        "events",
        "main_event",
    ] {
        assert!(shown.get(key).is_some(), "show --json lacks {key}");
    }
    let place = &shown["main_event"]["place"];
    for key in ["name", "country", "region", "lat", "lon"] {
        assert!(
            place.get(key).is_some(),
            "main_event.place lacks {key}: {place}"
        );
    }
    let figure = &shown["figures"][0];
    for key in [
        "text",
        "start",
        "end",
        "field",
        "value",
        "low",
        "high",
        "predicate",
    ] {
        assert!(figure.get(key).is_some(), "figure lacks {key}: {figure}");
    }
    let (entities, _) = parallax_json(&["--db", db, "entities", "--json"]);
    assert!(entities.as_array().is_some_and(|e| {
        e.iter()
            .any(|e| e["kind"] == "person" && e["name"] == "Karim Haddad")
    }));
    let out = parallax(&["--db", db, "export", "--format", "jsonl"]);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0]["figures"]
            .as_array()
            .is_some_and(|f| !f.is_empty())
    );
    let out = parallax(&["--db", db, "export", "--format", "csv"]);
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.starts_with("id,external_id,source"), "{csv}");
    let (verified, out) = parallax_json(&["--db", db, "verify", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(verified["ok"], true);
}

/// On the development corpora (when `../shared/corpus` is present; the test
/// passes without them, saying so): every stored span's text equals the text
/// of the article at its offsets.
#[test]
fn spans_match_their_text_on_the_corpora() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let (seeds, gva) = (root.join("seeds"), root.join("gva-dev/articles.jsonl"));
    if !seeds.exists() || !gva.exists() {
        eprintln!("skipped: ../shared/corpus not present");
        return;
    }
    let scratch = Scratch::new();
    let mut store = Store::open(&scratch.db()).expect("open");
    let report = import_paths(&mut store, &[&seeds, &gva]);
    assert!(report.imported > 1400, "{}", report.imported);
    let check = store.verify_spans().expect("verify");
    assert!(check.spans > 20_000, "{}", check.spans);
    assert_eq!(check.mismatch_count, 0, "{:?}", check.mismatches);
}
