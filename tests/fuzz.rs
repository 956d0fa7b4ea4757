//! Issue 13: a fuzzing campaign over the readers of hostile formats (HTML,
//! PDF, zip, e-mail, WARC, feeds) on stable Rust, with proptest. Each case
//! is a generated document — a seed mutated (bytes flipped, cut, spliced,
//! repeated) or built from random structure (deep and wide markup, nested
//! MIME parts, lying WARC lengths, zips of zips) — imported through the
//! public import API, as a dropped file would be. The property: the import
//! returns (no panic, no abort, no hang), every failure names a reason, and
//! every article stored has text.
//!
//! `PARALLAX_FUZZ_CASES` sets the cases per reader (default 200, about
//! 20 s for all six in a debug build); the long campaign runs outside CI:
//! `PARALLAX_FUZZ_CASES=20000 cargo test --release --test tests fuzz -- --nocapture --test-threads 1`.
//! Each reader prints how many documents it was given.

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use parallax::Store;
use parallax::ingest::{self, ImportOptions, Input, PdfWorker, Safeguards, pdf};
use parallax_sandbox::Limits;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::common::NOW;

fn cases() -> u32 {
    std::env::var("PARALLAX_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

/// PDFs are read by the CLI binary's worker, as the CLI does: a PDF that
/// recurses or explodes must not take the test process down.
fn worker() -> PdfWorker {
    let limits = Limits {
        memory_bytes: pdf::WORKER_MEMORY_BYTES,
        cpu: Duration::from_secs(20),
        wall: Duration::from_secs(20),
        max_output_bytes: 64 << 20,
    };
    PdfWorker(Arc::new(move |bytes: &[u8]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"));
        command.arg("__pdf-worker");
        parallax_sandbox::run(command, bytes, &limits).map_err(|f| f.to_string())
    }))
}

/// Imports one generated file; checks the property.
fn import_one(name: &str, bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let mut store = Store::open_in_memory().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let options = ImportOptions {
        max_file_bytes: 8 << 20,
        ..ImportOptions::new(NOW)
    };
    let safeguards = Safeguards {
        pdf_worker: Some(worker()),
        ..Safeguards::default()
    };
    let inputs = [Input::Bytes {
        name: name.into(),
        bytes,
    }];
    let report = ingest::import_guarded(
        &mut store,
        &inputs,
        &options,
        &safeguards,
        &mut |_| {},
        &Default::default(),
    )
    .map_err(|e| TestCaseError::fail(format!("import failed as a whole: {e}")))?;
    for failure in &report.failed {
        prop_assert!(
            !failure.error.trim().is_empty(),
            "a failure without a reason"
        );
    }
    for id in &report.article_ids {
        let article = store
            .article(*id)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(
            !article.text.trim().is_empty() || article.title.is_some(),
            "an article with neither text nor title"
        );
    }
    Ok(())
}

/// Runs `strategy`'s documents through the importer as `name`, and reports
/// how many ran.
fn campaign(reader: &str, name: &str, strategy: impl Strategy<Value = Vec<u8>>) {
    let cases = cases();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let started = Instant::now();
    let outcome = runner.run(&strategy, |bytes| import_one(name, bytes));
    eprintln!(
        "fuzz {reader}: {cases} documents in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if let Err(failure) = outcome {
        panic!("fuzz {reader}: {failure}");
    }
}

// --- mutation --------------------------------------------------------------------

/// One edit of a document.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Cut(usize),
    Insert(usize, Vec<u8>),
    /// Repeats the span `[at, at + length)` `times` times in place.
    Repeat(usize, usize, usize),
    Remove(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Flip(at, byte)),
        any::<usize>().prop_map(Edit::Cut),
        (
            any::<usize>(),
            prop_oneof![
                prop::collection::vec(any::<u8>(), 1..16),
                prop::sample::select(TOKENS.to_vec()).prop_map(|t| t.as_bytes().to_vec()),
            ]
        )
            .prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        (any::<usize>(), 1usize..64, 2usize..400)
            .prop_map(|(at, len, times)| Edit::Repeat(at, len, times)),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Edit::Remove(at, len)),
    ]
}

/// Fragments that mean something to one of the parsers.
const TOKENS: &[&str] = &[
    "<div>",
    "</div>",
    "<table><tr><td>",
    "<svg>",
    "<p>",
    "<script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#x0;",
    "&#99999999;",
    "\u{0}",
    "\u{1}",
    "\u{2}",
    "\u{1b}[2J",
    "\r\n\r\n",
    "\n\n",
    "--b\r\n",
    "Content-Type: multipart/mixed; boundary=b\r\n",
    "Content-Transfer-Encoding: base64\r\n",
    "=?utf-8?B?",
    "WARC/1.1\r\n",
    "Content-Length: 99999999\r\n",
    "Transfer-Encoding: chunked\r\n",
    "ffffffff\r\n",
    "stream\n",
    "endstream",
    " 0 R",
    "<<",
    ">>",
    "/Filter /FlateDecode",
    "BT",
    "ET",
    "Tj",
    "'",
    "\"",
    "Do",
    "PK\u{3}\u{4}",
    "<item>",
    "</item>",
    "<entry>",
    "<content type=\"html\">",
    "<?xml version=\"1.0\"?>",
];

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len().max(1);
        match edit {
            Edit::Flip(at, byte) => {
                if !bytes.is_empty() {
                    bytes[at % len] ^= byte | 1;
                }
            }
            Edit::Cut(at) => bytes.truncate(at % len),
            Edit::Insert(at, insert) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, insert.iter().copied());
            }
            Edit::Repeat(at, length, times) => {
                if bytes.is_empty() {
                    continue;
                }
                let start = at % bytes.len();
                let end = (start + length).min(bytes.len());
                let piece = bytes[start..end].to_vec();
                let repeated: Vec<u8> = piece
                    .iter()
                    .copied()
                    .cycle()
                    .take(piece.len() * times)
                    .collect();
                if bytes.len() + repeated.len() < 4 << 20 {
                    bytes.splice(start..start, repeated);
                }
            }
            Edit::Remove(at, length) => {
                if bytes.is_empty() {
                    continue;
                }
                let start = at % bytes.len();
                let end = (start + length).min(bytes.len());
                bytes.drain(start..end);
            }
        }
    }
    bytes
}

/// A seed, mutated by up to eight edits.
fn mutated(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(seeds),
        prop::collection::vec(edit(), 0..8),
    )
        .prop_map(|(seed, edits)| apply(seed, &edits))
}

// --- seeds and structure ---------------------------------------------------------

const PROSE: &str = "Police said three people were injured in a shooting in Springfield on Monday night. The victims were taken to Mercy Hospital, officials said. \"We are still looking for the driver,\" said Chief Ana Ruiz.";

fn page(body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><title>Shooting in Springfield - Valley Courier</title>\
         <meta property=\"og:site_name\" content=\"Valley Courier\"><meta property=\"article:published_time\" content=\"2024-03-02T09:00:00Z\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"Shooting\",\"author\":{{\"name\":\"Jane Roe\"}}}}</script>\
         </head><body><nav>Home | News</nav><article><h1>Shooting</h1>{body}</article><footer>Subscribe</footer></body></html>"
    )
}

/// Random markup: a tree of tags from the ones parsers treat specially.
fn markup() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just(PROSE.to_string()),
        Just("<br>".to_string()),
        Just("<img src=x alt='a>b'>".to_string()),
        Just("<!-- <div> -->".to_string()),
        Just("<script>if (a<b) {}</script>".to_string()),
        "[a-z ]{0,20}".prop_map(|s| s),
    ];
    leaf.prop_recursive(8, 256, 6, |inner| {
        (
            prop::sample::select(vec![
                "div", "span", "p", "li", "table", "tr", "td", "b", "font", "svg", "math",
                "article", "section", "h2", "a",
            ]),
            prop::collection::vec(inner, 0..6),
            any::<bool>(),
        )
            .prop_map(|(tag, children, closed)| {
                let inner: String = children.concat();
                if closed {
                    format!("<{tag}>{inner}</{tag}>")
                } else {
                    format!("<{tag}>{inner}")
                }
            })
    })
}

/// Nesting far past the depth cap, closed or not.
fn deep_markup() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "<div>",
            "<span>",
            "<div class=x><span>",
            "<table><tr><td>",
            "<b>",
            "<li><ul>",
        ]),
        100usize..3000,
        any::<bool>(),
    )
        .prop_map(|(open, depth, close)| {
            let closing: String = if close {
                open.split('>')
                    .filter(|t| !t.is_empty())
                    .rev()
                    .map(|t| {
                        format!(
                            "</{}>",
                            t.trim_start_matches('<').split(' ').next().unwrap_or("")
                        )
                    })
                    .collect::<String>()
                    .repeat(depth)
            } else {
                String::new()
            };
            format!("{}<p>{PROSE}</p>{closing}", open.repeat(depth))
        })
}

fn html_documents() -> impl Strategy<Value = Vec<u8>> {
    let seeds = vec![
        page(&format!("<p>{PROSE}</p><p>{PROSE}</p>")).into_bytes(),
        page(&format!("<table><tr><td><p>{PROSE}</p></td></tr></table>")).into_bytes(),
        page(&format!("<svg><path d=\"M0\"/></svg><p>{PROSE}</p>")).into_bytes(),
    ];
    prop_oneof![
        mutated(seeds),
        markup().prop_map(|m| page(&m).into_bytes()),
        deep_markup().prop_map(|m| page(&m).into_bytes()),
    ]
}

fn one_page_pdf(content: &str, extra: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> /Contents 4 0 R {extra}>>"),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len() + 1),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        "<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Length 40 >>\nstream\nBT /F1 10 Tf 72 100 Td (In a form) Tj ET\nendstream".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
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

fn pdf_documents() -> impl Strategy<Value = Vec<u8>> {
    let seeds = vec![
        one_page_pdf(
            "BT /F1 12 Tf 14 TL 72 720 Td (Storm damage closed the port.) Tj (Ferries stopped.) ' ET /X1 Do",
            "",
        ),
        one_page_pdf(
            "BT /F1 12 Tf 72 720 Td [(Three ) -250 (cranes fell)] TJ 1 0 (into the basin.) \" ET",
            "",
        ),
    ];
    let operators = prop::collection::vec(
        prop::sample::select(vec![
            "BT",
            "ET",
            "/F1 12 Tf",
            "72 720 Td",
            "(text) Tj",
            "[(a) 120 (b)] TJ",
            "(next) '",
            "1 2 (q) \"",
            "T*",
            "14 TL",
            "q",
            "Q",
            "1 0 0 1 0 0 cm",
            "/X1 Do",
            "(unclosed",
            "<414243> Tj",
            "0 Tc",
            "2 Tw",
        ]),
        0..60,
    )
    .prop_map(|ops| one_page_pdf(&ops.join(" "), ""));
    prop_oneof![mutated(seeds), operators]
}

fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in entries {
            if zip.start_file(name.as_str(), options).is_ok() {
                zip.write_all(content).ok();
            }
        }
        zip.finish().ok();
    }
    buffer.into_inner()
}

fn zip_documents() -> impl Strategy<Value = Vec<u8>> {
    let entry = (
        prop::sample::select(vec![
            "a.html",
            "b.txt",
            "../../etc/passwd",
            "dir/\u{1b}[2J.txt",
            "c.jsonl",
            "d.eml",
            "__MACOSX/._a.html",
            "inner.zip",
        ]),
        prop_oneof![
            Just(page(&format!("<p>{PROSE}</p>")).into_bytes()),
            Just(format!("Title: Storm\n\n{PROSE}").into_bytes()),
            Just(format!("{{\"text\": \"{PROSE}\"}}\n").into_bytes()),
            prop::collection::vec(any::<u8>(), 0..200),
        ],
    )
        .prop_map(|(name, content)| (name.to_string(), content));
    let tree = prop::collection::vec(entry, 0..6).prop_recursive(3, 24, 4, |inner| {
        (inner, prop::collection::vec(any::<u8>(), 0..1))
            .prop_map(|(entries, _)| vec![("inner.zip".to_string(), zip_of(&entries))])
    });
    let seeds = vec![zip_of(&[
        (
            "a.html".into(),
            page(&format!("<p>{PROSE}</p>")).into_bytes(),
        ),
        (
            "b.txt".into(),
            format!("Title: Storm\n\n{PROSE}").into_bytes(),
        ),
    ])];
    prop_oneof![tree.prop_map(|entries| zip_of(&entries)), mutated(seeds)]
}

fn message(depth: usize) -> String {
    let mut body = format!(
        "Content-Type: multipart/alternative; boundary=alt\r\n\r\n--alt\r\nContent-Type: text/plain\r\n\r\n{PROSE}\r\n--alt\r\nContent-Type: text/html\r\n\r\n{}\r\n--alt--\r\n",
        page(&format!("<p>{PROSE}</p>"))
    );
    for level in 0..depth {
        body = format!(
            "Content-Type: multipart/mixed; boundary=b{level}\r\n\r\n--b{level}\r\n{body}\r\n--b{level}\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner\r\n--b{level}--\r\n"
        );
    }
    format!(
        "From: \"Valley Courier\" <news@courier.example>\r\nSubject: Shooting in Springfield\r\nDate: Sat, 2 Mar 2024 09:00:00 +0000\r\nMessage-ID: <a@courier.example>\r\nMIME-Version: 1.0\r\n{body}"
    )
}

fn mail_documents() -> impl Strategy<Value = Vec<u8>> {
    let seeds = vec![
        message(0).into_bytes(),
        message(2).into_bytes(),
        format!(
            "From a@x Mon Jan  1 00:00:00 2024\n{}\n\nFrom b@y Mon Jan  1 00:00:00 2024\n{}",
            message(0),
            message(1)
        )
        .into_bytes(),
    ];
    prop_oneof![
        mutated(seeds),
        (0usize..400).prop_map(|depth| message(depth).into_bytes()),
    ]
}

fn warc_record(kind: &str, payload: &[u8], declared: Option<usize>) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: https://news.example/a\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        declared.unwrap_or(payload.len())
    )
    .into_bytes();
    out.extend_from_slice(payload);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_response(body: &[u8], chunked: bool) -> Vec<u8> {
    let mut out = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n".to_vec();
    if chunked {
        out.extend_from_slice(b"Transfer-Encoding: chunked\r\n\r\n");
        out.extend_from_slice(format!("{:x}\r\n", body.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\r\n0\r\n\r\n");
    } else {
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        out.extend_from_slice(body);
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).ok();
    encoder.finish().unwrap_or_default()
}

fn warc_documents() -> impl Strategy<Value = Vec<u8>> {
    let html = page(&format!("<p>{PROSE}</p>")).into_bytes();
    let plain = warc_record("response", &http_response(&html, false), None);
    let chunked = warc_record("response", &http_response(&html, true), None);
    let seeds = vec![
        [plain.clone(), chunked.clone()].concat(),
        [gzip(&plain), gzip(&chunked)].concat(),
        warc_record("resource", &html, None),
    ];
    let lying = (0usize..1 << 20).prop_map(move |declared| {
        warc_record("response", &http_response(&html, false), Some(declared))
    });
    prop_oneof![mutated(seeds), lying]
}

fn feed_documents() -> impl Strategy<Value = Vec<u8>> {
    fn escaped(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    fn rss(content: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Valley Courier</title>\
             <item><title>Shooting</title><link>https://news.example/a</link><guid>a</guid><pubDate>Sat, 02 Mar 2024 09:00:00 GMT</pubDate>\
             <content:encoded>{}</content:encoded></item></channel></rss>",
            escaped(content)
        )
    }
    let seeds = vec![
        rss(&format!("<p>{PROSE}</p>")).into_bytes(),
        format!(
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Courier</title><id>u</id><updated>2024-03-02T00:00:00Z</updated>\
             <entry><title type=\"html\">{}</title><id>e</id><updated>2024-03-02T00:00:00Z</updated><summary>{PROSE}</summary></entry></feed>",
            escaped("<b>Shooting</b>")
        )
        .into_bytes(),
    ];
    prop_oneof![
        mutated(seeds),
        markup().prop_map(|m| rss(&m).into_bytes()),
        deep_markup().prop_map(|m| rss(&m).into_bytes()),
        (1usize..5000).prop_map(|depth| {
            format!(
                "<?xml version=\"1.0\"?><rss><channel>{}</channel></rss>",
                "<x>".repeat(depth)
            )
            .into_bytes()
        }),
    ]
}

#[test]
fn fuzz_html_pages() {
    campaign("html", "page.html", html_documents());
}

#[test]
fn fuzz_pdf_documents() {
    campaign("pdf", "document.pdf", pdf_documents());
}

#[test]
fn fuzz_zip_folders() {
    campaign("zip", "folder.zip", zip_documents());
}

#[test]
fn fuzz_mail() {
    campaign("mail", "message.eml", mail_documents());
}

#[test]
fn fuzz_warc_archives() {
    campaign("warc", "crawl.warc", warc_documents());
}

#[test]
fn fuzz_feeds() {
    campaign("feed", "news.rss", feed_documents());
}
