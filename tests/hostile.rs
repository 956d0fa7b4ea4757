//! Issue 13 (hardening): every case of the issue as a test. Hostile inputs
//! are generated here, small, and nothing may crash, hang or lock Parallax:
//! each case ends with a clear failure or warning naming the file, and the
//! rest of the import goes on.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use parallax::Store;
use parallax::ingest::{self, Budget, ImportOptions, ImportReport, Input, Safeguards};

use crate::common::{NOW, Scratch, fixtures, options, parallax, parallax_json, search_total};

fn import_with(store: &mut Store, inputs: &[Input], options: &ImportOptions) -> ImportReport {
    ingest::import(store, inputs, options, &mut |_| {}, &Default::default()).expect("import runs")
}

fn import_within(store: &mut Store, inputs: &[Input], budget: Budget) -> ImportReport {
    let safeguards = Safeguards {
        budget,
        pdf_worker: None,
    };
    ingest::import_guarded(
        store,
        inputs,
        &options(),
        &safeguards,
        &mut |_| {},
        &Default::default(),
    )
    .expect("import runs")
}

fn bytes(name: &str, content: impl Into<Vec<u8>>) -> Input {
    Input::Bytes {
        name: name.into(),
        bytes: content.into(),
    }
}

fn prose(words: usize) -> String {
    let sentences = [
        "Police said three people were injured in a shooting in Springfield on Monday night.",
        "The victims were taken to Mercy Hospital in stable condition, officials said.",
        "Chief Ana Ruiz said investigators were still looking for the driver of a grey sedan.",
    ];
    let mut text = String::new();
    let mut count = 0;
    for sentence in sentences.iter().cycle() {
        if count >= words {
            break;
        }
        text.push_str(sentence);
        text.push(' ');
        count += sentence.split_whitespace().count();
    }
    text
}

/// A one-page PDF whose page draws `content` with a Helvetica /F1; the
/// content stream is flate-compressed when `compressed`.
fn pdf(content: &[u8], compressed: bool) -> Vec<u8> {
    if compressed {
        pdf_with_stream(&deflate(&[content]), " /Filter /FlateDecode")
    } else {
        pdf_with_stream(content, "")
    }
}

fn deflate(chunks: &[&[u8]]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    for chunk in chunks {
        encoder.write_all(chunk).expect("compress");
    }
    encoder.finish().expect("compress")
}

/// A one-page PDF around a content stream as stored (`filter`: its
/// /Filter entry, if any).
fn pdf_with_stream(stream: &[u8], filter: &str) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
    ];
    let mut stream_object =
        format!("<< /Length {}{filter} >>\nstream\n", stream.len()).into_bytes();
    stream_object.extend_from_slice(stream);
    stream_object.extend_from_slice(b"\nendstream");
    objects.push(stream_object);
    objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn failure<'a>(report: &'a ImportReport, name: &str) -> &'a str {
    report
        .failed
        .iter()
        .find(|f| f.at.path.ends_with(name))
        .map(|f| f.error.as_str())
        .unwrap_or_else(|| panic!("no failure for {name}: {:?}", report.failed))
}

// --- pages that exhaust the stack or the CPU ---------------------------------

#[test]
fn issue_13_deeply_nested_pages_are_refused_without_crashing() {
    let mut store = Store::open_in_memory().expect("store");
    let body = format!("<p>{}</p>", prose(80));
    let unclosed = format!(
        "<html><body>{}{body}</body></html>",
        "<div class=x><span>".repeat(20_000)
    );
    let closed = format!(
        "<html><body>{}{body}{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    // `</div>` inside a table cell closes nothing outside it: the estimate
    // must not be fooled into seeing this as shallow.
    let cells = format!(
        "<html><body>{}{body}</body></html>",
        "<div><table><tr><td></div>".repeat(2_000)
    );
    let fine = format!(
        "<html><body>{}{body}{}</body></html>",
        "<div>".repeat(200),
        "</div>".repeat(200)
    );
    let started = Instant::now();
    let report = import_with(
        &mut store,
        &[
            bytes("unclosed.html", unclosed),
            bytes("closed.html", closed),
            bytes("cells.html", cells),
            bytes("fine.html", fine),
        ],
        &options(),
    );
    for name in ["unclosed.html", "closed.html", "cells.html"] {
        assert!(
            failure(&report, name).contains("nests elements more than 512 deep"),
            "{:?}",
            report.failed
        );
    }
    assert_eq!(report.imported, 1, "the 200-deep page still imports");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "refusals are quick: {:?}",
        started.elapsed()
    );
}

#[test]
fn issue_13_pages_with_too_many_elements_are_refused() {
    let mut store = Store::open_in_memory().expect("store");
    let page = format!(
        "<html><body><article><p>{}</p>{}</article></body></html>",
        prose(80),
        "<b>x</b> ".repeat(100_001)
    );
    let report = import_with(&mut store, &[bytes("wide.html", page)], &options());
    assert!(failure(&report, "wide.html").contains("more than 100000 elements"));
}

// --- the per-file work budget and the extraction cap -------------------------

fn zip_of(entries: &[(String, String)]) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in entries {
            zip.start_file(name.as_str(), options).expect("entry");
            zip.write_all(content.as_bytes()).expect("write entry");
        }
        zip.finish().expect("finish zip");
    }
    buffer.into_inner()
}

#[test]
fn issue_13_a_zip_of_many_pages_stops_at_the_files_markup_budget() {
    // The issue's 4.5 MB zip of 1,200 one-megabyte pages, scaled down with
    // the budget: twenty 20 kB pages against a 64 kB budget.
    let pages: Vec<(String, String)> = (0..20)
        .map(|i| {
            let paragraph = format!("<p>Report {i}. {}</p>", prose(60));
            let body = paragraph.repeat(20_000 / paragraph.len() + 1);
            (
                format!("pages/page-{i:02}.html"),
                format!("<html><head><title>Page {i}</title></head><body><article>{body}</article></body></html>"),
            )
        })
        .collect();
    let mut store = Store::open_in_memory().expect("store");
    let budget = Budget {
        markup_floor: 64 * 1024,
        markup_per_file_byte: 0,
        ..Budget::default()
    };
    let report = import_within(&mut store, &[bytes("pages.zip", zip_of(&pages))], budget);
    assert!(report.imported >= 2 && report.imported <= 4, "{report:?}");
    let warning = report
        .warnings
        .iter()
        .find(|w| w.path == "pages.zip")
        .map(|w| w.message.as_str())
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    let cut = 20 - report.imported;
    assert!(
        warning.starts_with(&format!(
            "{cut} pages not read: the file's budget of 0 MB of markup"
        )),
        "{warning}"
    );
}

#[test]
fn issue_13_long_texts_are_stored_whole_and_extracted_in_part() {
    let scratch = Scratch::new();
    let text = prose(45_000); // about 250,000 characters
    let record = serde_json::json!({"id": "long", "title": "Long record", "published": "2024-03-02", "text": text});
    let path = scratch.write("long.jsonl", format!("{record}\n"));
    let mut store = Store::open(&scratch.db()).expect("store");
    let report = import_with(&mut store, &[Input::Path(path)], &options());
    assert_eq!(report.imported, 1);
    let message = &report.warnings[0].message;
    assert!(
        message.starts_with(&format!(
            "record long (line 1): text is {} characters; extraction read the first ",
            text.trim().chars().count()
        )),
        "{message}"
    );
    let stored = store.article(report.article_ids[0]).expect("article");
    assert_eq!(stored.text.chars().count(), text.trim().chars().count());
    // Spans point into the stored text.
    let check = store.verify_spans().expect("verify");
    assert_eq!(check.mismatch_count, 0);
}

#[test]
fn issue_13_articles_over_the_extraction_budget_are_stored_for_later() {
    let records: String = (0..6)
        .map(|i| {
            serde_json::json!({"id": format!("r{i}"), "title": format!("Report {i}"), "text": prose(300)})
                .to_string()
                + "\n"
        })
        .collect();
    let mut store = Store::open_in_memory().expect("store");
    let budget = Budget {
        extraction_floor: 4_000,
        extraction_per_file_byte: 0,
        ..Budget::default()
    };
    let report = import_within(&mut store, &[bytes("batch.jsonl", records)], budget);
    assert_eq!(report.imported, 6);
    let warning = &report.warnings.last().expect("warning").message;
    assert!(
        warning.contains("articles stored without extraction")
            && warning.contains("parallax extract"),
        "{warning}"
    );
    let extracted = report
        .article_ids
        .iter()
        .filter(|id| store.extraction(**id).expect("read").is_some())
        .count();
    assert!((1..6).contains(&extracted), "{extracted} of 6 extracted");
}

// --- PDFs --------------------------------------------------------------------

#[test]
fn issue_13_pdf_text_drawn_with_quote_operators_is_read() {
    let tick = pdf(
        b"BT /F1 12 Tf 14 TL 72 720 Td (Storm damage closed the port on Monday.) ' (Three ferries were cancelled.) ' ET\n",
        false,
    );
    let quote = pdf(
        b"BT /F1 12 Tf 14 TL 72 720 Td 1 0 (Two cranes fell into the harbour basin.) \" 0 0 (Crews worked through the night.) \" ET\n",
        true,
    );
    let mut store = Store::open_in_memory().expect("store");
    let report = import_with(
        &mut store,
        &[bytes("tick.pdf", tick), bytes("quote.pdf", quote)],
        &options(),
    );
    assert_eq!(report.imported, 2, "{:?}", report.failed);
    let texts: Vec<String> = report
        .article_ids
        .iter()
        .map(|id| store.article(*id).expect("article").text)
        .collect();
    assert_eq!(
        texts[0],
        "Storm damage closed the port on Monday.\nThree ferries were cancelled."
    );
    assert_eq!(
        texts[1],
        "Two cranes fell into the harbour basin.\nCrews worked through the night."
    );
}

#[test]
fn issue_13_pdfs_printed_by_a_browser_and_an_office_suite_are_read() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    let scratch = Scratch::new();
    let mut store = Store::open(&scratch.db()).expect("store");
    let report = import_with(
        &mut store,
        &[
            Input::Path(fixtures.join("chromium-print.pdf")),
            Input::Path(fixtures.join("libreoffice-writer.pdf")),
        ],
        &options(),
    );
    assert_eq!(report.imported, 2, "{:?}", report.failed);
    let browser = store.article(report.article_ids[0]).expect("article");
    assert!(
        browser.text.contains("Three firefighters were injured")
            && browser.text.contains("officials"),
        "ligatures spelled out: {}",
        browser.text
    );
    let office = store.article(report.article_ids[1]).expect("article");
    assert!(
        office.text.contains(
            "“The road is the only way to the north piers,” said council member Grace Kim."
        ),
        "{}",
        office.text
    );
    assert_eq!(search_total(&store, "officials"), 2);
}

#[test]
fn issue_13_a_pdf_flate_bomb_is_stopped_by_the_workers_memory_limit() {
    // 1.5 GiB of spaces in a 1.5 MB stream: over the worker's 1 GiB.
    let chunk = vec![b' '; 1 << 20];
    let chunks: Vec<&[u8]> = (0..1536).map(|_| chunk.as_slice()).collect();
    let bomb = pdf_with_stream(&deflate(&chunks), " /Filter /FlateDecode");
    let scratch = Scratch::new();
    let path = scratch.write("bomb/bomb.pdf", &bomb);
    scratch.write("bomb/after.txt", fixtures::STRIKES_TITLED_TXT);
    let db = scratch.db();
    let started = Instant::now();
    let (report, out) = parallax_json(&[
        "--db",
        db.to_str().expect("path"),
        "import",
        "--json",
        path.parent().expect("folder").to_str().expect("path"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let failed = report["failed"][0]["error"].as_str().expect("failure");
    assert!(
        failed.starts_with("PDF could not be parsed (needed more than 1024 MB of memory")
            || failed.starts_with("PDF could not be parsed (took longer than"),
        "{failed}"
    );
    assert_eq!(report["imported"], 1, "the next file still imports");
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

// --- special files -----------------------------------------------------------

#[cfg(unix)]
#[test]
fn issue_13_fifos_and_devices_are_skipped_with_a_reason() {
    let scratch = Scratch::new();
    let folder = scratch.path("special");
    scratch.write("special/article.txt", fixtures::STRIKES_TITLED_TXT);
    let fifo = folder.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", folder.join("zero.txt")).expect("symlink");
    let mut store = Store::open(&scratch.db()).expect("store");
    let started = Instant::now();
    let report = import_with(&mut store, &[Input::Path(folder.clone())], &options());
    assert_eq!(report.imported, 1);
    assert_eq!(report.skipped, 2);
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    let reasons: Vec<(&str, &str)> = report
        .warnings
        .iter()
        .map(|w| (w.path.rsplit('/').next().unwrap_or(""), w.message.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (
                "pipe.txt",
                "skipped: a FIFO (named pipe), not a regular file (use `-` to import standard input)"
            ),
            (
                "zero.txt",
                "skipped: a character device, not a regular file (use `-` to import standard input)"
            ),
        ]
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn issue_13_standard_input_is_read_only_up_to_the_size_cap() {
    let scratch = Scratch::new();
    let db = scratch.db();
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args([
            "--db",
            db.to_str().expect("path"),
            "import",
            "--json",
            "--max-size",
            "1",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run parallax");
    let mut stdin = child.stdin.take().expect("stdin");
    // Endless input: the import must stop reading after one byte over 1 MiB.
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'a'; 64 * 1024];
        while stdin.write_all(&chunk).is_ok() {}
    });
    let out = child.wait_with_output().expect("finish");
    writer.join().expect("writer");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        report["failed"][0]["error"]
            .as_str()
            .expect("failure")
            .contains("over the 1 MB limit"),
        "{report}"
    );
}

// --- terminal output and search markers --------------------------------------

#[test]
fn issue_13_control_characters_never_reach_the_terminal_or_the_marks() {
    let scratch = Scratch::new();
    let name = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J.txt";
    scratch.write(
        &format!("in/{name}"),
        "Title: Council \u{1b}[31mvote\u{1b}[0m\nDate: 2024-03-02\n\nThe council voted \u{1}on Tuesday\u{2} to \u{2}close\u{1} the harbor road after the storm damaged it badly.",
    );
    let db = scratch.db();
    let db = db.to_str().expect("path");
    let folder = scratch.path("in");
    let out = parallax(&["--db", db, "import", folder.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(0));
    let shown = parallax(&["--db", db, "show", "1"]);
    let listed = parallax(&["--db", db, "articles"]);
    for output in [&out, &shown, &listed] {
        for stream in [&output.stdout, &output.stderr] {
            assert!(
                !stream.contains(&0x1b) && !stream.contains(&0x07),
                "raw control characters: {}",
                String::from_utf8_lossy(stream)
            );
        }
    }
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("#1 Council [31mvote[0m"), "{shown}");
    let (hits, _) = parallax_json(&["--db", db, "search", "council OR close", "--json"]);
    let snippet = hits["items"][0]["snippet"].as_str().expect("snippet");
    assert_eq!(
        snippet.matches("<mark>").count(),
        snippet.matches("</mark>").count()
    );
    assert!(
        !snippet.contains('\u{1}') && !snippet.contains('\u{2}'),
        "{snippet:?}"
    );
    let (record, _) = parallax_json(&["--db", db, "show", "1", "--json"]);
    assert!(
        record["path"]
            .as_str()
            .expect("path")
            .contains("evil\u{1b}]0;pwned")
    );
}

// --- concurrency ---------------------------------------------------------------

fn archive_with_articles(scratch: &Scratch) -> std::path::PathBuf {
    let db = scratch.db();
    let mut store = Store::open(&db).expect("store");
    let path = scratch.write("seed/strikes.txt", fixtures::STRIKES_TITLED_TXT);
    let report = import_with(&mut store, &[Input::Path(path)], &options());
    assert_eq!(report.imported, 1);
    db
}

#[test]
fn issue_13_reads_and_opens_work_while_another_connection_writes() {
    let scratch = Scratch::new();
    let db = archive_with_articles(&scratch);
    // Another process's write transaction, held open.
    let writer = rusqlite::Connection::open(&db).expect("connection");
    writer
        .execute_batch("BEGIN IMMEDIATE; UPDATE articles SET title = title;")
        .expect("write lock");
    let started = Instant::now();
    drop(Store::open(&db).expect("a current archive opens without writing"));
    drop(Store::open_for_reading(&db).expect("read-only open"));
    for args in [
        vec!["stats", "--json"],
        vec!["search", "radar", "--json"],
        vec!["articles", "--json"],
        vec!["batches", "--json"],
        vec!["show", "1", "--json"],
        vec!["sources", "--json"],
        vec!["entities", "--json"],
    ] {
        let mut full = vec!["--db", db.to_str().expect("path")];
        full.extend(args.iter().copied());
        let out = parallax(&full);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    writer.execute_batch("ROLLBACK").expect("rollback");
}

#[test]
fn issue_13_a_running_batch_is_interrupted_only_once_its_lock_is_gone() {
    let scratch = Scratch::new();
    let db = archive_with_articles(&scratch);
    let mut store = Store::open(&db).expect("store");
    let lock = store.try_lock_imports().expect("lock").expect("free");
    let batch = store
        .begin_batch(&["more/".into()], NOW, &lock)
        .expect("batch");
    let status = |db: &Path| {
        let (batches, _) =
            parallax_json(&["--db", db.to_str().expect("path"), "batches", "--json"]);
        batches[0]["status"].as_str().expect("status").to_string()
    };
    assert_eq!(status(&db), "running", "batch {batch} has a live import");
    drop(lock);
    assert_eq!(status(&db), "interrupted", "its import is gone");
    // Shown so, never written: the row still says running.
    let raw: String = rusqlite::Connection::open(&db)
        .expect("connection")
        .query_row(
            "SELECT status FROM import_batches WHERE id = ?1",
            [batch],
            |r| r.get(0),
        )
        .expect("row");
    assert_eq!(raw, "running");
}

#[test]
fn issue_13_a_second_import_waits_for_the_first() {
    let scratch = Scratch::new();
    let db = archive_with_articles(&scratch);
    let store = Store::open(&db).expect("store");
    let lock = store.try_lock_imports().expect("lock").expect("free");
    let input = scratch.write("next/flood.html", fixtures::FLOOD_HTML);
    let mut second = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args([
            "--db",
            db.to_str().expect("path"),
            "import",
            "--json",
            input.to_str().expect("path"),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("second import");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(second.try_wait().expect("poll").is_none(), "it waits");
    drop(lock);
    let out = wait_with_deadline(second, Duration::from_secs(60));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("another import of this archive is running; waiting"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["imported"], 1);
}

fn wait_with_deadline(mut child: Child, deadline: Duration) -> std::process::Output {
    let started = Instant::now();
    while child.try_wait().expect("poll").is_none() {
        if started.elapsed() > deadline {
            child.kill().ok();
            panic!("child did not finish in {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn issue_13_a_killed_imports_errors_are_recorded() {
    let scratch = Scratch::new();
    let db = archive_with_articles(&scratch);
    scratch.write("big/a-empty.txt", "   ");
    let records: String = (0..4000)
        .map(|i| {
            serde_json::json!({"id": format!("r{i}"), "title": format!("Report {i}"), "text": prose(120)}).to_string()
                + "\n"
        })
        .collect();
    scratch.write("big/b-records.jsonl", records);
    let mut import = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args([
            "--db",
            db.to_str().expect("path"),
            "import",
            scratch.path("big").to_str().expect("path"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("import");
    // Wait until the first file's failure is stored, then kill the import.
    let started = Instant::now();
    loop {
        let store = Store::open_for_reading(&db).expect("read");
        let batches = store.batches(1).expect("batches");
        if batches[0].status == "running"
            && !store
                .batch_errors(batches[0].id)
                .expect("errors")
                .is_empty()
        {
            break;
        }
        assert!(
            import.try_wait().expect("poll").is_none(),
            "the import ended before it could be killed"
        );
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no error recorded while running"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    import.kill().expect("kill");
    import.wait().expect("reap");
    let store = Store::open_for_reading(&db).expect("read");
    let batch = &store.batches(1).expect("batches")[0];
    assert_eq!(batch.status, "interrupted");
    let errors = store.batch_errors(batch.id).expect("errors");
    assert_eq!(errors[0].error, "empty file");
    assert_eq!(batch.counts.failed, 1, "counts are kept per file");
}

// --- parallax serve --------------------------------------------------------------

/// A running `parallax serve` on a fresh archive, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    token: String,
    _scratch: Scratch,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let scratch = Scratch::new();
        let db = archive_with_articles(&scratch);
        Server::start_on(scratch, &db, extra)
    }

    /// Serves the archive `db` (kept in `scratch`).
    fn start_on(scratch: Scratch, db: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args(["--db", db.to_str().expect("path"), "serve", "--port", "0"])
            .args(extra)
            .env("PARALLAX_UI_DIR", scratch.path("no-ui"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while stdout.read(&mut byte).expect("read") == 1 && byte[0] != b'\n' {
            line.push(byte[0]);
        }
        let url = String::from_utf8(line).expect("url");
        let rest = url.strip_prefix("http://").expect("http url");
        let (address, token) = rest.split_once("/?token=").expect("token");
        let port = address
            .rsplit(':')
            .next()
            .expect("port")
            .parse()
            .expect("port");
        Server {
            child,
            port,
            token: token.to_string(),
            _scratch: scratch,
        }
    }

    fn connect(&self) -> std::net::TcpStream {
        let stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        stream
    }

    /// Sends raw bytes, returns the status line of the reply.
    fn raw(&self, request: &[u8]) -> String {
        let mut stream = self.connect();
        stream.write_all(request).ok();
        let mut reply = Vec::new();
        let mut buffer = [0u8; 4096];
        while !reply.windows(2).any(|w| w == b"\r\n") {
            match stream.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => reply.extend_from_slice(&buffer[..n]),
            }
        }
        String::from_utf8_lossy(&reply)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    }

    /// POSTs an API call; returns (status, body).
    fn call(&self, command: &str, body: &str, headers: &[(&str, &str)]) -> (u16, String) {
        let mut request = format!(
            "POST /api/{command} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Parallax-Token: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
            self.port,
            self.token,
            body.len()
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(body);
        let mut stream = self.connect();
        stream.write_all(request.as_bytes()).expect("send");
        let mut reply = String::new();
        stream.read_to_string(&mut reply).ok();
        let status = reply
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = reply
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    fn answers(&self) -> bool {
        self.call("stats", "{}", &[]).0 == 200
    }
}

#[test]
fn issue_13_serve_survives_hostile_requests() {
    let server = Server::start(&["--max-connections", "16"]);
    let host = format!("Host: 127.0.0.1:{}", server.port);
    // One unauthenticated request announcing a terabyte.
    let reply = server.raw(
        format!("POST /api/stats HTTP/1.1\r\n{host}\r\nContent-Length: 1000000000000\r\n\r\nabc")
            .as_bytes(),
    );
    assert!(reply.starts_with("HTTP/1.1 401"), "{reply}");
    let reply = server.raw(
        format!("POST /api/upload HTTP/1.1\r\n{host}\r\nX-Parallax-Token: {}\r\nContent-Length: 1000000000000\r\n\r\nabc", server.token).as_bytes(),
    );
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    assert!(server.answers());
    // Bodies announced and never sent hold no worker.
    let mut held = Vec::new();
    for _ in 0..8 {
        let mut stream = server.connect();
        stream
            .write_all(
                format!("POST /api/upload HTTP/1.1\r\n{host}\r\nX-Parallax-Token: {}\r\nContent-Length: 100000\r\n\r\nabc", server.token)
                    .as_bytes(),
            )
            .expect("send");
        held.push(stream);
    }
    let started = Instant::now();
    assert!(server.answers());
    assert!(started.elapsed() < Duration::from_secs(5));
    // A header line far over the limit is refused, not buffered.
    let mut stream = server.connect();
    stream
        .write_all(format!("GET / HTTP/1.1\r\n{host}\r\nX-Big: ").as_bytes())
        .expect("send");
    let mut sent = 0usize;
    let chunk = vec![b'a'; 64 * 1024];
    while sent < 64 << 20 && stream.write_all(&chunk).is_ok() {
        sent += chunk.len();
    }
    assert!(
        sent < 64 << 20,
        "the server closed the connection after {sent} bytes"
    );
    // More idle connections than the cap: the oldest idle ones make room.
    let idle: Vec<_> = (0..100).map(|_| server.connect()).collect();
    std::thread::sleep(Duration::from_millis(300));
    assert!(server.answers(), "a new request gets a connection");
    drop(idle);
    drop(held);
    assert!(server.answers());
}

#[test]
fn issue_13_serve_hosts_origins_and_import_paths() {
    let scratch = Scratch::new();
    let allowed = scratch.write("allowed/flood.html", fixtures::FLOOD_HTML);
    let outside = scratch.write("outside/strikes.txt", fixtures::STRIKES_TXT);
    let dir = allowed
        .parent()
        .expect("folder")
        .to_str()
        .expect("path")
        .to_string();
    let server = Server::start(&["--import-dir", &dir]);
    let port = server.port;
    let request = |host: &str, origin: Option<&str>| {
        let origin = origin
            .map(|o| format!("Origin: {o}\r\n"))
            .unwrap_or_default();
        server.raw(
            format!(
                "POST /api/stats HTTP/1.1\r\nHost: {host}\r\n{origin}X-Parallax-Token: {}\r\nContent-Length: 2\r\n\r\n{{}}",
                server.token
            )
            .as_bytes(),
        )
    };
    assert!(
        request(
            &format!("localhost:{port}"),
            Some(&format!("http://localhost:{port}"))
        )
        .starts_with("HTTP/1.1 200")
    );
    assert!(request(&format!("127.0.0.1:{port}"), None).starts_with("HTTP/1.1 200"));
    assert!(request(&format!("evil.example:{port}"), None).starts_with("HTTP/1.1 403"));
    assert!(
        request(&format!("localhost:{port}"), Some("http://evil.example"))
            .starts_with("HTTP/1.1 403")
    );
    let path = |p: &Path| serde_json::json!({ "paths": [p] }).to_string();
    let (status, body) = server.call("import_start", &path(&outside), &[]);
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("--import-dir"), "{body}");
    let (status, body) = server.call("import_start", &path(&allowed), &[]);
    assert_eq!(status, 200, "{body}");
}

#[test]
fn issue_13_serve_on_every_interface_accepts_real_clients() {
    let server = Server::start(&["--host", "0.0.0.0", "--allow-remote"]);
    assert!(
        server.answers(),
        "Host: 127.0.0.1:PORT is one of this server's addresses"
    );
}

#[test]
fn issue_13_serve_read_only_and_upload_expiry() {
    let server = Server::start(&["--read-only"]);
    assert!(server.answers());
    for (command, body) in [
        ("upload", "text"),
        ("import_start", r#"{"uploads": [1]}"#),
        ("rename_source", r#"{"id": 1, "name": "x"}"#),
        ("update_article", r#"{"id": 1, "title": "x"}"#),
    ] {
        let (status, body) = server.call(command, body, &[]);
        assert_eq!(status, 403, "{command}: {body}");
        assert!(body.contains("read_only"), "{body}");
    }
    let server = Server::start(&["--upload-ttl", "1"]);
    let (status, body) = server.call(
        "upload",
        fixtures::STRIKES_TXT,
        &[("X-File-Name", "late.txt")],
    );
    assert_eq!(status, 200, "{body}");
    let upload: serde_json::Value = serde_json::from_str(&body).expect("json");
    std::thread::sleep(Duration::from_millis(2100));
    let (status, body) = server.call(
        "import_start",
        &serde_json::json!({ "uploads": [upload["upload"]] }).to_string(),
        &[],
    );
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("expire"), "{body}");
}

/// Issue 15 (team use): `serve --read-only` refuses every command of the
/// table that is not a read (and the HTTP uploads and imports) with a
/// `{code: "read_only", message}` error and status 403, answers the reads,
/// and leaves the archive file as it was. A new command must be added to
/// `READS` here, or it is taken for a write and must be refused.
#[test]
fn issue_15_serve_read_only_refuses_every_write_command() {
    // Commands about import jobs write nothing themselves; a read-only
    // server starts no job, so there is none to ask about or cancel.
    const JOBS: &[&str] = &["import_status", "import_cancel"];
    const READS: &[&str] = &[
        "archive",
        "stats",
        "sources",
        "batches",
        "articles",
        "facets",
        "search",
        "article",
        "entities",
        "places",
        "stories",
        "compare",
        "compare_markdown",
        "coverage",
        "verdicts",
        "notes",
        "tags",
        "article_tags",
        "collections",
        "collection_items",
        "searches_saved",
        "cite",
        "undo_state",
        "import_history",
        "import_retry_paths",
    ];
    let scratch = Scratch::new();
    let db = scratch.db();
    let mut store = Store::open(&db).expect("store");
    let path = scratch.write("seed/shootings.jsonl", fixtures::SHOOTINGS_JSONL);
    import_with(&mut store, &[Input::Path(path)], &options());
    let stories = parallax::app::update_stories(&mut store, false).expect("stories");
    assert!(!stories.is_empty());
    drop(store);
    let before = std::fs::read(&db).expect("archive bytes");
    let server = Server::start_on(scratch, &db, &["--read-only"]);
    let story = stories[0].id;
    let arguments = |command: &str| -> String {
        match command {
            "update_article" => r#"{"id": 1, "title": "x"}"#.into(),
            "rename_source" | "entity_rename" => r#"{"id": 1, "name": "x"}"#.into(),
            "import_cancel" => r#"{"job": 1}"#.into(),
            "entity_merge" => r#"{"into": 1, "from": 2}"#.into(),
            "entity_split" => r#"{"id": 1, "alias": "x"}"#.into(),
            "story_move" => format!(r#"{{"article": 1, "story": {story}}}"#),
            "story_split" => format!(r#"{{"story": {story}, "articles": [1]}}"#),
            "story_merge" => format!(r#"{{"into": {story}, "from": {story}}}"#),
            "verdict_set" => format!(r#"{{"story": {story}, "key": "k", "verdict": "wrong"}}"#),
            "verdict_clear" => format!(r#"{{"story": {story}, "key": "k"}}"#),
            "import_start" => r#"{"uploads": [1]}"#.into(),
            "article" | "compare" | "compare_markdown" => format!(r#"{{"id": "{story}"}}"#),
            "import_status" => r#"{"job": 1}"#.into(),
            "search" => r#"{"query": "shooting"}"#.into(),
            "note_add" => r#"{"article": 1, "body": "x"}"#.into(),
            "note_edit" => r#"{"note": 1, "body": "x"}"#.into(),
            "note_delete" => r#"{"note": 1}"#.into(),
            "tag_add" | "tag_remove" => r#"{"tag": "x", "articles": [1]}"#.into(),
            "tag_rename" | "tag_merge" => r#"{"from": "x", "to": "y"}"#.into(),
            "tag_delete" | "collection_delete" | "search_forget" | "collection_items" => {
                r#"{"name": "x"}"#.into()
            }
            "collection_add" | "collection_remove" => r#"{"name": "x", "articles": [1]}"#.into(),
            "collection_move" => r#"{"name": "x", "from": 1, "to": 2}"#.into(),
            "search_save" => r#"{"name": "x", "query": "shooting"}"#.into(),
            "cite" => r#"{"articles": [1], "format": "bibtex"}"#.into(),
            "delete_articles" => r#"{"articles": [1]}"#.into(),
            "delete_batch" | "import_retry_paths" => r#"{"batch": 1}"#.into(),
            "article_tags" => r#"{"id": "1"}"#.into(),
            _ => "{}".into(),
        }
    };
    let writes: Vec<&str> = parallax::app::commands::COMMANDS
        .iter()
        .map(|command| command.name)
        .filter(|name| !READS.contains(name) && !JOBS.contains(name))
        .chain(parallax::app::commands::HTTP_COMMANDS.iter().copied())
        .collect();
    assert!(writes.len() >= 12, "{writes:?}");
    for command in writes {
        let (status, body) = server.call(command, &arguments(command), &[]);
        assert_eq!(status, 403, "{command}: {body}");
        let error: serde_json::Value = serde_json::from_str(&body).expect("a JSON error");
        assert_eq!(error["code"], "read_only", "{command}: {body}");
        assert_eq!(
            error["message"], "this server is read-only (parallax serve --read-only)",
            "{command}"
        );
    }
    for command in READS {
        let (status, body) = server.call(command, &arguments(command), &[]);
        // A read of something the archive lacks (a collection) is answered
        // "not found", not refused.
        let answered = status == 200 || (status == 404 && body.contains(r#""code":"not_found""#));
        assert!(answered, "{command}: {status} {body}");
    }
    for command in JOBS {
        let (status, body) = server.call(command, &arguments(command), &[]);
        assert_eq!(status, 404, "{command}: {body}");
        assert!(body.contains(r#""code":"not_found""#), "{command}: {body}");
    }
    assert!(
        std::fs::read(&db).expect("archive bytes") == before,
        "the archive file changed"
    );
}

/// Issue 15 (team use): behind a TLS-terminating reverse proxy the browser
/// sends the proxy's public name without a port (`Host: news.lab.example`,
/// `Origin: https://news.lab.example`); with that name given as
/// `--allow-host` the server answers, and still refuses any other name.
#[test]
fn issue_15_serve_answers_behind_a_tls_proxy_by_its_public_name() {
    let server = Server::start(&["--read-only", "--allow-host", "news.lab.example"]);
    let request = |host: &str| {
        format!(
            "POST /api/stats HTTP/1.1\r\nHost: {host}\r\nOrigin: https://{host}\r\nX-Parallax-Token: {}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}",
            server.token
        )
    };
    assert!(
        server
            .raw(request("news.lab.example").as_bytes())
            .contains(" 200 "),
        "the proxy's public name"
    );
    assert!(
        !server
            .raw(request("evil.example").as_bytes())
            .contains(" 200 "),
        "another name (DNS rebinding)"
    );
}
