//! Integration tests: formats. Every fixture is written by the test code
//! itself (zip and gzip by their crates' writers, PDF, WARC, mail, feeds
//! and MHTML by hand), with short news-style sentences made up for the
//! tests.

use std::io::Write;

use parallax::Store;
use parallax::ingest::{self, ImportReport, Input};
use parallax::model::Article;
use proptest::prelude::*;

use crate::common::{Scratch, import_paths, options};

// ---------------------------------------------------------------- fixtures

/// Three paragraphs of made-up news about `place`, distinct per place.
fn story(place: &str) -> Vec<String> {
    vec![
        format!(
            "Residents of {place} were told to leave their homes on Tuesday after the river rose above the old flood wall, the regional council said in a statement."
        ),
        format!(
            "Emergency crews in {place} spent the night filling sandbags and moving elderly people from the lower streets to the school gymnasium on the hill."
        ),
        format!(
            "The council said about 240 homes in {place} had been affected and that the road to the coast would stay closed until the water level falls."
        ),
    ]
}

fn story_text(place: &str) -> String {
    story(place).join("\n\n")
}

/// A news page in the shape the page reader expects.
fn page(title: &str, site: &str, date: &str, place: &str) -> String {
    let paragraphs: String = story(place)
        .iter()
        .map(|p| format!("<p>{p}</p>\n"))
        .collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><title>{title} - {site}</title>\n\
<meta property=\"og:site_name\" content=\"{site}\"><meta property=\"article:published_time\" content=\"{date}\">\n\
</head><body><header>Menu</header><article><h1>{title}</h1>\n{paragraphs}</article><footer>Subscribe</footer></body></html>"
    )
}

/// A zip of `entries`, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        if name.ends_with('/') {
            writer.add_directory(*name, options).expect("zip folder");
        } else {
            writer.start_file(*name, options).expect("zip entry");
            writer.write_all(bytes).expect("zip write");
        }
    }
    writer.finish().expect("zip finish").into_inner()
}

/// A zip whose first entry is an uncompressed `mimetype` (EPUB, ODT).
fn zip_with_mimetype(mimetype: &str, entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("mimetype", stored).expect("zip entry");
    writer.write_all(mimetype.as_bytes()).expect("zip write");
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, deflated).expect("zip entry");
        writer.write_all(bytes).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

/// A PDF with one page showing `lines` (none: a page with no text layer),
/// with correct cross-reference offsets.
fn pdf(lines: &[&str], title: Option<&str>, created: Option<&str>) -> Vec<u8> {
    let mut content = String::new();
    if !lines.is_empty() {
        content.push_str("BT /F1 12 Tf 72 720 Td 14 TL\n");
        for line in lines {
            content.push_str(&format!(
                "({}) Tj T*\n",
                line.replace('\\', "\\\\")
                    .replace('(', "\\(")
                    .replace(')', "\\)")
            ));
        }
        content.push_str("ET\n");
    } else {
        content.push_str("0.9 g 72 72 200 200 re f\n");
    }
    let mut info = String::from("<< /Producer (Parallax tests)");
    if let Some(title) = title {
        info.push_str(&format!(" /Title ({title})"));
    }
    if let Some(created) = created {
        info.push_str(&format!(" /CreationDate ({created})"));
    }
    info.push_str(" >>");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        info,
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
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
            "trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// One WARC record.
fn warc_record(kind: &str, uri: &str, id: &str, block: &[u8], content_type: &str) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-02-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_response(content_type: &str, extra_headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra_headers}\r\n")
        .into_bytes();
    out.extend_from_slice(body);
    out
}

fn response_record(uri: &str, id: &str, html: &str) -> Vec<u8> {
    let http = http_response("text/html; charset=utf-8", "", html.as_bytes());
    warc_record(
        "response",
        uri,
        id,
        &http,
        "application/http; msgtype=response",
    )
}

/// A WARC with a warcinfo, one page response, its request, and an image.
fn sample_warc(html: &str) -> Vec<Vec<u8>> {
    vec![
        warc_record(
            "warcinfo",
            "",
            "0000-info",
            b"software: tests\r\n",
            "application/warc-fields",
        ),
        warc_record(
            "request",
            "https://www.lakeside-herald.example/news/dam",
            "0001-req",
            b"GET /news/dam HTTP/1.1\r\n\r\n",
            "application/http; msgtype=request",
        ),
        response_record(
            "https://www.lakeside-herald.example/news/dam",
            "0002-page",
            html,
        ),
        warc_record(
            "response",
            "https://www.lakeside-herald.example/logo.png",
            "0003-img",
            &http_response("image/png", "", b"\x89PNG...."),
            "application/http; msgtype=response",
        ),
    ]
}

fn eml(from: &str, subject: &str, date: &str, id: &str, place: &str) -> String {
    let html: String = story(place).iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "From: {from}\r\nTo: reader@example.org\r\nSubject: {subject}\r\nDate: {date}\r\nMessage-ID: <{id}>\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n\
--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><article><h1>{subject}</h1>{html}</article></body></html>\r\n--b1--\r\n",
        story_text(place)
    )
}

fn rss(place_full: &str, place_summary: &str) -> String {
    let full: String = story(place_full)
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Coastal Gazette</title><link>https://coastal-gazette.example/</link><description>News</description>
<item><title>Floods reach {place_full}</title><link>https://coastal-gazette.example/floods-full</link><guid>gz-1</guid>
<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate><author>desk@coastal-gazette.example (Ana Ruiz)</author>
<content:encoded><![CDATA[{full}]]></content:encoded></item>
<item><title>Short note on {place_summary}</title><link>https://coastal-gazette.example/floods-teaser</link><guid>gz-2</guid>
<pubDate>Wed, 06 Mar 2024 08:00:00 GMT</pubDate><description>{}</description></item>
<item><title>Title only</title><guid>gz-3</guid></item>
</channel></rss>"#,
        story(place_summary)[0]
    )
}

fn docx(title: &str, created: &str, place: &str) -> Vec<u8> {
    let paragraphs: String = story(place)
        .iter()
        .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
        .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>{title}</w:t></w:r></w:p>{paragraphs}</w:body></w:document>"#
    );
    let core = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:creator>Field Office</dc:creator><dcterms:created>{created}</dcterms:created></cp:coreProperties>"#
    );
    zip_of(&[
        ("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types/>"),
        ("word/document.xml", document.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
    ])
}

fn odt(title: &str, created: &str, place: &str) -> Vec<u8> {
    let paragraphs: String = story(place)
        .iter()
        .map(|p| format!("<text:p>{p}</text:p>"))
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:h text:outline-level="1">{title}</text:h>{paragraphs}</office:text></office:body></office:document-content>"#
    );
    let meta = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:title>{title}</dc:title><meta:creation-date>{created}</meta:creation-date></office:meta></office:document-meta>"#
    );
    zip_with_mimetype(
        "application/vnd.oasis.opendocument.text",
        &[
            ("content.xml", content.as_bytes()),
            ("meta.xml", meta.as_bytes()),
        ],
    )
}

fn xhtml(title: &str, paragraphs: &[String]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head><body><section><h1>{title}</h1>{body}</section></body></html>"#
    )
}

/// An EPUB whose spine is a short cover page and `chapters` `(title, place, repeat)`.
fn epub(book_title: &str, chapters: &[(&str, &str, usize)]) -> Vec<u8> {
    let container = r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
    let mut manifest =
        String::from(r#"<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>"#);
    let mut spine = String::from(r#"<itemref idref="cover"/>"#);
    let mut files: Vec<(String, Vec<u8>)> = vec![(
        "OEBPS/cover.xhtml".into(),
        xhtml(
            book_title,
            &["A collection of reports from the valley.".to_string()],
        )
        .into_bytes(),
    )];
    for (n, (title, place, repeat)) in chapters.iter().enumerate() {
        let id = format!("ch{}", n + 1);
        manifest.push_str(&format!(
            r#"<item id="{id}" href="text/{id}.xhtml" media-type="application/xhtml+xml"/>"#
        ));
        spine.push_str(&format!(r#"<itemref idref="{id}"/>"#));
        let paragraphs: Vec<String> = (0..*repeat)
            .flat_map(|i| story(&format!("{place} {}", i + 1)))
            .collect();
        files.push((
            format!("OEBPS/text/{id}.xhtml"),
            xhtml(title, &paragraphs).into_bytes(),
        ));
    }
    let opf = format!(
        r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{book_title}</dc:title><dc:creator>Mara Keel</dc:creator><dc:publisher>Hillside Press</dc:publisher><dc:date>2021-06-01</dc:date><dc:language>en</dc:language></metadata><manifest>{manifest}</manifest><spine>{spine}</spine></package>"#
    );
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("META-INF/container.xml", container.as_bytes()),
        ("OEBPS/content.opf", opf.as_bytes()),
    ];
    for (name, bytes) in &files {
        entries.push((name.as_str(), bytes.as_slice()));
    }
    zip_with_mimetype("application/epub+zip", &entries)
}

/// Quoted-printable with soft line breaks every 70 characters.
fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    let mut column = 0;
    for byte in text.bytes() {
        let piece = if byte == b'=' || !(32..127).contains(&byte) && byte != b'\n' {
            format!("={byte:02X}")
        } else {
            (byte as char).to_string()
        };
        if byte == b'\n' {
            out.push_str("\r\n");
            column = 0;
            continue;
        }
        if column + piece.len() > 70 {
            out.push_str("=\r\n");
            column = 0;
        }
        column += piece.len();
        out.push_str(&piece);
    }
    out
}

fn mhtml(html: &str, url: &str) -> String {
    format!(
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: {url}\r\nSubject: saved page\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/related; type=\"text/html\"; boundary=\"----MultipartBoundary--abc\"\r\n\r\n\
------MultipartBoundary--abc\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: {url}\r\n\r\n{}\r\n\
------MultipartBoundary--abc\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: {url}/logo.png\r\n\r\niVBORw0KGgo=\r\n\
------MultipartBoundary--abc--\r\n",
        quoted_printable(html)
    )
}

// ---------------------------------------------------------------- helpers

fn import_bytes(store: &mut Store, name: &str, bytes: Vec<u8>) -> ImportReport {
    let inputs = [Input::Bytes {
        name: name.to_string(),
        bytes,
    }];
    ingest::import(store, &inputs, &options(), &mut |_| {}, &Default::default())
        .expect("import runs")
}

fn stored(store: &Store, report: &ImportReport) -> Vec<Article> {
    report
        .article_ids
        .iter()
        .map(|id| store.article(*id).expect("stored article"))
        .collect()
}

fn errors(report: &ImportReport) -> Vec<(String, Option<String>, String)> {
    report
        .failed
        .iter()
        .map(|f| (f.at.path.clone(), f.at.record.clone(), f.error.clone()))
        .collect()
}

fn assert_ok(store: &Store) {
    assert_eq!(
        store.integrity_check().expect("integrity check"),
        vec!["ok".to_string()]
    );
}

fn date(article: &Article) -> Option<String> {
    article.published.map(|d| d.to_string())
}

// ---------------------------------------------------------------- PDF

#[test]
fn pdf_text_title_and_date() {
    let mut store = Store::open_in_memory().expect("store");
    let bytes = pdf(
        &[
            "Ferry service to the islands resumed on Friday after",
            "three days of storms, the harbour master said.",
        ],
        Some("Ferries sail again"),
        Some("D:20231226083000+05'30'"),
    );
    let report = import_bytes(&mut store, "ferry.pdf", bytes);
    assert_eq!((report.imported, errors(&report)), (1, vec![]));
    let article = &stored(&store, &report)[0];
    assert_eq!(article.title.as_deref(), Some("Ferries sail again"));
    assert_eq!(date(article).as_deref(), Some("2023-12-26"));
    assert_eq!(
        article.published_timestamp.as_deref(),
        Some("2023-12-26T08:30:00+05:30")
    );
    assert_eq!(article.format, "pdf");
    assert!(
        article
            .text
            .contains("Ferry service to the islands resumed on Friday after"),
        "{}",
        article.text
    );
    assert!(
        article
            .text
            .contains("three days of storms, the harbour master said."),
        "{}",
        article.text
    );
    let first = article.text.find("Ferry").expect("first line");
    let second = article.text.find("three days").expect("second line");
    assert!(first < second, "reading order kept");
    assert_ok(&store);
}

#[test]
fn pdf_malformed_inputs_fail_with_reasons() {
    let mut store = Store::open_in_memory().expect("store");
    let good = pdf(
        &["The bridge reopened to traffic on Monday morning after repairs."],
        None,
        None,
    );
    let scanned = pdf(&[], Some("Scan"), None);
    let truncated = good[..good.len() / 2].to_vec();
    let inputs = [
        Input::Bytes {
            name: "a-good.pdf".into(),
            bytes: good,
        },
        Input::Bytes {
            name: "b-scan.pdf".into(),
            bytes: scanned,
        },
        Input::Bytes {
            name: "c-truncated.pdf".into(),
            bytes: truncated,
        },
        Input::Bytes {
            name: "d-garbage.pdf".into(),
            bytes: b"%PDF-1.7\n\x00\x01\x02 not a pdf at all".to_vec(),
        },
    ];
    let report = ingest::import(
        &mut store,
        &inputs,
        &options(),
        &mut |_| {},
        &Default::default(),
    )
    .expect("import runs");
    assert_eq!(report.imported, 1);
    let failed = errors(&report);
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert_eq!(
        failed[0],
        (
            "b-scan.pdf".into(),
            None,
            "no text layer (OCR not supported)".into()
        )
    );
    assert_eq!(failed[1].0, "c-truncated.pdf");
    assert!(
        failed[1].2.starts_with("PDF could not be parsed ("),
        "{}",
        failed[1].2
    );
    assert!(
        failed[2].2.starts_with("PDF could not be parsed ("),
        "{}",
        failed[2].2
    );
    assert_ok(&store);
}

// ---------------------------------------------------------------- e-mail

#[test]
fn eml_html_body_subject_sender_date() {
    let mut store = Store::open_in_memory().expect("store");
    let message = eml(
        "\"Valley Courier Briefing\" <brief@valleycourier.example>",
        "Flood waters reach Ostrava",
        "Tue, 5 Mar 2024 07:30:00 +0100",
        "m1@valleycourier.example",
        "Ostrava",
    );
    let report = import_bytes(&mut store, "brief.eml", message.into_bytes());
    assert_eq!((report.imported, errors(&report)), (1, vec![]));
    let article = &stored(&store, &report)[0];
    assert_eq!(article.title.as_deref(), Some("Flood waters reach Ostrava"));
    assert_eq!(article.source.as_deref(), Some("Valley Courier Briefing"));
    assert_eq!(date(article).as_deref(), Some("2024-03-05"));
    assert_eq!(
        (article.external_id.as_str(), article.record.as_deref()),
        ("m1@valleycourier.example", Some("m1@valleycourier.example"))
    );
    // Without a <title> the page reader keeps the body's headline in the text.
    assert_eq!(
        article.text,
        format!("Flood waters reach Ostrava\n\n{}", story_text("Ostrava"))
    );
    assert_ok(&store);
}

#[test]
fn mbox_every_message_with_from_unescaping_and_failures() {
    let mut store = Store::open_in_memory().expect("store");
    let first = eml(
        "news@harbor-daily.example",
        "Harbour closes",
        "Wed, 6 Mar 2024 09:00:00 +0000",
        "h1@harbor-daily.example",
        "Kettle Bay",
    );
    let plain = "From: Desk <desk@ridge-post.example>\nSubject: Power restored\nDate: Thu, 7 Mar 2024 10:00:00 +0000\nMessage-ID: <r2@ridge-post.example>\n\nPower was restored to most homes in the ridge villages on Thursday, the utility said.\n>From now on crews will check the lines every week.\n";
    let empty = "From: someone@example.org\nSubject: (no body)\nDate: Thu, 7 Mar 2024 11:00:00 +0000\nMessage-ID: <e3@example.org>\n\n\n";
    let mbox = format!(
        "From news@harbor-daily.example Wed Mar  6 09:00:00 2024\n{}\nFrom desk@ridge-post.example Thu Mar  7 10:00:00 2024\n{plain}\nFrom someone@example.org Thu Mar  7 11:00:00 2024\n{empty}",
        first.replace("\r\n", "\n")
    );
    let report = import_bytes(&mut store, "inbox.mbox", mbox.into_bytes());
    assert_eq!(report.imported, 2, "{:?}", errors(&report));
    assert_eq!(
        errors(&report),
        vec![(
            "inbox.mbox".to_string(),
            Some("e3@example.org".to_string()),
            "message has no readable body".to_string()
        )]
    );
    let articles = stored(&store, &report);
    assert_eq!(articles[0].source.as_deref(), Some("harbor-daily.example"));
    assert_eq!(articles[1].source.as_deref(), Some("Desk"));
    assert_eq!(articles[1].title.as_deref(), Some("Power restored"));
    assert!(
        articles[1]
            .text
            .ends_with("From now on crews will check the lines every week."),
        "{}",
        articles[1].text
    );
    assert_ok(&store);
}

#[test]
fn newsletter_splits_only_on_clear_structure() {
    let mut store = Store::open_in_memory().expect("store");
    let section = |title: &str, place: &str| {
        let long: Vec<String> = story(place)
            .into_iter()
            .chain(story(&format!("{place} North")))
            .collect();
        format!(
            "<h2>{title}</h2>{}",
            long.iter()
                .map(|p| format!("<p>{p}</p>"))
                .collect::<String>()
        )
    };
    let html = format!(
        "<html><body><p>Good morning.</p>{}{}</body></html>",
        section("Dam holds", "Lorne"),
        section("Schools shut", "Brava")
    );
    let message = format!(
        "From: Morning Wire <wire@morning.example>\nSubject: Morning Wire, 8 March\nDate: Fri, 8 Mar 2024 06:00:00 +0000\nMessage-ID: <nl8@morning.example>\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n{html}\n"
    );
    let report = import_bytes(&mut store, "wire.eml", message.into_bytes());
    assert_eq!((report.imported, errors(&report)), (2, vec![]));
    let articles = stored(&store, &report);
    assert_eq!(
        articles
            .iter()
            .map(|a| a.title.clone().unwrap_or_default())
            .collect::<Vec<_>>(),
        vec!["Dam holds", "Schools shut"]
    );
    assert_eq!(articles[0].record.as_deref(), Some("nl8@morning.example#1"));
    assert!(articles[1].text.contains("Residents of Brava"));
    assert!(!articles[1].text.contains("Lorne"));
    assert_ok(&store);
}

// ---------------------------------------------------------------- WARC

#[test]
fn warc_pages_import_and_other_records_are_skipped() {
    let mut store = Store::open_in_memory().expect("store");
    let html = page(
        "Dam inspection ordered",
        "Lakeside Herald",
        "2025-01-30T08:00:00Z",
        "Lakeside",
    );
    let warc: Vec<u8> = sample_warc(&html).concat();
    let report = import_bytes(&mut store, "crawl.warc", warc);
    assert_eq!(
        (report.imported, report.skipped, errors(&report)),
        (1, 3, vec![])
    );
    let article = &stored(&store, &report)[0];
    assert_eq!(
        article.url.as_deref(),
        Some("https://www.lakeside-herald.example/news/dam")
    );
    assert_eq!(article.source.as_deref(), Some("Lakeside Herald"));
    assert_eq!(article.title.as_deref(), Some("Dam inspection ordered"));
    assert_eq!(
        date(article).as_deref(),
        Some("2025-01-30"),
        "the page's date, never the capture date"
    );
    assert_eq!(article.record.as_deref(), Some("urn:uuid:0002-page"));
    assert_ok(&store);
}

#[test]
fn warc_gz_per_record_members_chunked_gzip_payload_and_truncation() {
    let mut store = Store::open_in_memory().expect("store");
    let first = page(
        "Dam inspection ordered",
        "Lakeside Herald",
        "2025-01-30T08:00:00Z",
        "Lakeside",
    );
    let second = page(
        "Levee repairs begin",
        "Lakeside Herald",
        "2025-01-31T08:00:00Z",
        "Millbrook",
    );
    // The second page is gzip-encoded and sent in chunks.
    let encoded = gzip(second.as_bytes());
    let mut chunked = Vec::new();
    for piece in encoded.chunks(100) {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let http = http_response(
        "text/html",
        "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        &chunked,
    );
    let mut records = sample_warc(&first);
    records.push(warc_record(
        "response",
        "https://lakeside-herald.example/news/levee",
        "0004-levee",
        &http,
        "application/http; msgtype=response",
    ));
    records.push(response_record(
        "https://lakeside-herald.example/news/third",
        "0005-third",
        &page("Third", "Lakeside Herald", "2025-02-01", "Stonecross"),
    ));
    let mut members: Vec<Vec<u8>> = records.iter().map(|r| gzip(r)).collect();
    let cut_at: usize = members[..members.len() - 1].iter().map(Vec::len).sum();
    let last = members.len() - 1;
    let half = members[last].len() / 2;
    members[last].truncate(half);
    let report = import_bytes(&mut store, "crawl.warc.gz", members.concat());
    assert_eq!((report.imported, report.skipped), (2, 3));
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].at.path, "crawl.warc.gz");
    assert!(
        report.failed[0].error.starts_with(&format!(
            "gzip member at byte {cut_at} is cut short or corrupt"
        )),
        "{}",
        report.failed[0].error
    );
    let levee = &stored(&store, &report)[1];
    assert_eq!(levee.title.as_deref(), Some("Levee repairs begin"));
    assert_eq!(levee.text, story_text("Millbrook"));
    assert_ok(&store);
}

#[test]
fn warc_single_gzip_stream_and_hostile_lengths() {
    let mut store = Store::open_in_memory().expect("store");
    let html = page(
        "Dam inspection ordered",
        "Lakeside Herald",
        "2025-01-30T08:00:00Z",
        "Lakeside",
    );
    let one_stream = gzip(&sample_warc(&html).concat());
    let report = import_bytes(&mut store, "single.warc.gz", one_stream.clone());
    assert_eq!(
        (report.imported, report.skipped, errors(&report)),
        (1, 3, vec![])
    );
    // Cut inside the last record: the records decoded before the cut still count.
    let mut store = Store::open_in_memory().expect("store");
    let report = import_bytes(
        &mut store,
        "cut.warc.gz",
        one_stream[..one_stream.len() - 20].to_vec(),
    );
    assert_eq!((report.imported, report.skipped), (1, 2));
    assert_eq!(report.failed.len(), 1);
    assert!(
        report.failed[0]
            .error
            .starts_with("gzip member at byte 0 is cut short or corrupt"),
        "{}",
        report.failed[0].error
    );

    let mut store = Store::open_in_memory().expect("store");
    let good = response_record("https://lakeside-herald.example/a", "1", &html);
    let huge = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999999\r\n\r\nHTTP/1.1 200 OK\r\n".to_vec();
    let report = import_bytes(&mut store, "huge.warc", [good.clone(), huge].concat());
    assert_eq!(report.imported, 1);
    let offset = good.len();
    assert_eq!(
        errors(&report),
        vec![(
            "huge.warc".into(),
            None,
            format!(
                "WARC record at byte {offset} declares 99999999999 bytes but only 17 remain (truncated)"
            )
        )]
    );
    let report = import_bytes(
        &mut store,
        "junk.warc",
        b"WARC/1.1\r\nContent-Length: x\r\n\r\n".to_vec(),
    );
    assert_eq!(
        errors(&report),
        vec![(
            "junk.warc".into(),
            None,
            "WARC record at byte 0 has no valid Content-Length".into()
        )]
    );
    assert_ok(&store);
}

#[test]
fn same_page_from_warc_and_html_file_is_one_article() {
    let scratch = Scratch::new();
    let html = page(
        "Dam inspection ordered",
        "Lakeside Herald",
        "2025-01-30T08:00:00Z",
        "Lakeside",
    );
    let html_path = scratch.write("in/dam.html", &html);
    let warc_path = scratch.write("in/crawl.warc", sample_warc(&html).concat());
    let mut store = Store::open(&scratch.db()).expect("store");
    let report = import_paths(&mut store, &[&warc_path, &html_path]);
    assert_eq!((report.imported, report.duplicates), (1, 1));
    assert_ok(&store);
}

#[test]
fn wacz_uses_pages_titles_when_the_page_has_none() {
    let mut store = Store::open_in_memory().expect("store");
    let untitled: String = story("Redhill")
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect();
    let untitled = format!("<html><body><div>{untitled}</div></body></html>");
    let warc = response_record("https://redhill-times.example/quake", "w1", &untitled);
    let pages = "{\"format\": \"json-pages-1.0\"}\n{\"url\": \"https://redhill-times.example/quake\", \"title\": \"Tremor felt in Redhill\"}\n";
    let wacz = zip_of(&[
        ("datapackage.json", b"{}"),
        ("pages/pages.jsonl", pages.as_bytes()),
        ("archive/data.warc.gz", &gzip(&warc)),
    ]);
    let report = import_bytes(&mut store, "crawl.wacz", wacz);
    assert_eq!((report.imported, errors(&report)), (1, vec![]));
    let article = &stored(&store, &report)[0];
    assert_eq!(article.title.as_deref(), Some("Tremor felt in Redhill"));
    assert_eq!(
        article.path.as_deref(),
        Some("crawl.wacz!/archive/data.warc.gz")
    );
    assert_eq!(article.source.as_deref(), Some("redhill-times.example"));
    let no_archive = zip_of(&[
        ("pages/pages.jsonl", pages.as_bytes()),
        ("archive/readme.txt", b"nothing"),
    ]);
    let report = import_bytes(&mut store, "empty.wacz", no_archive);
    assert_eq!(
        errors(&report),
        vec![(
            "empty.wacz".into(),
            None,
            "WACZ package has no archive/*.warc files".into()
        )]
    );
    assert_ok(&store);
}

// ---------------------------------------------------------------- feeds

#[test]
fn rss_items_full_content_and_partial_summaries() {
    let mut store = Store::open_in_memory().expect("store");
    let report = import_bytes(
        &mut store,
        "gazette.xml",
        rss("Port Ellen", "Dunmore").into_bytes(),
    );
    assert_eq!(
        (report.imported, report.skipped, errors(&report)),
        (2, 1, vec![])
    );
    let articles = stored(&store, &report);
    assert_eq!(
        articles[0].title.as_deref(),
        Some("Floods reach Port Ellen")
    );
    assert_eq!(articles[0].source.as_deref(), Some("Coastal Gazette"));
    assert_eq!(
        articles[0].url.as_deref(),
        Some("https://coastal-gazette.example/floods-full")
    );
    assert_eq!(date(&articles[0]).as_deref(), Some("2024-03-05"));
    assert_eq!(articles[0].text, story_text("Port Ellen"));
    assert!(!articles[0].partial);
    assert!(articles[1].partial);
    assert_eq!(articles[1].record.as_deref(), Some("gz-2"));
    assert_ok(&store);
}

#[test]
fn atom_and_json_feeds() {
    let mut store = Store::open_in_memory().expect("store");
    let atom = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Upland Observer</title><id>urn:uo</id><updated>2024-04-02T00:00:00Z</updated>
<entry><title>Snow closes pass</title><id>urn:uo:1</id><link href="https://upland.example/pass"/><published>2024-04-01T12:00:00Z</published><updated>2024-04-02T00:00:00Z</updated><author><name>Ivo Brandt</name></author><content type="html">{}</content></entry></feed>"#,
        story("Kessel Pass")
            .iter()
            .map(|p| format!("&lt;p&gt;{p}&lt;/p&gt;"))
            .collect::<String>()
    );
    let report = import_bytes(&mut store, "upland.atom", atom.into_bytes());
    assert_eq!((report.imported, errors(&report)), (1, vec![]));
    let article = &stored(&store, &report)[0];
    assert_eq!(
        (
            article.title.as_deref(),
            article.source.as_deref(),
            article.author.as_deref()
        ),
        (
            Some("Snow closes pass"),
            Some("Upland Observer"),
            Some("Ivo Brandt")
        )
    );
    assert_eq!(date(article).as_deref(), Some("2024-04-01"));
    assert_eq!(article.text, story_text("Kessel Pass"));

    let json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1", "title": "Delta Notes",
        "items": [{"id": "dn-1", "url": "https://delta.example/1", "title": "Ferry fares rise", "date_published": "2024-05-01T09:00:00Z",
                   "content_text": story_text("Delta Quay")}]
    });
    let report = import_bytes(&mut store, "delta.json", json.to_string().into_bytes());
    assert_eq!((report.imported, errors(&report)), (1, vec![]));
    let article = &stored(&store, &report)[0];
    assert_eq!(
        (article.source.as_deref(), date(article).as_deref()),
        (Some("Delta Notes"), Some("2024-05-01"))
    );
    assert_ok(&store);
}

#[test]
fn malformed_feeds_fail() {
    let mut store = Store::open_in_memory().expect("store");
    let truncated = rss("Port Ellen", "Dunmore");
    let truncated = truncated[..truncated.len() / 2].to_string();
    let report = import_bytes(&mut store, "cut.xml", truncated.into_bytes());
    assert_eq!(report.imported, 0);
    assert_eq!(report.failed.len(), 1);
    assert!(
        report.failed[0]
            .error
            .starts_with("feed could not be parsed"),
        "{}",
        report.failed[0].error
    );
    let report = import_bytes(&mut store, "empty.xml", b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Nothing</title></channel></rss>".to_vec());
    assert_eq!(
        errors(&report),
        vec![("empty.xml".into(), None, "feed has no items".into())]
    );
    assert_ok(&store);
}

// ---------------------------------------------------------------- office and e-books

#[test]
fn docx_and_odt_text_and_properties() {
    let mut store = Store::open_in_memory().expect("store");
    let report = import_bytes(
        &mut store,
        "report.docx",
        docx(
            "Quarry blast damages homes",
            "2024-02-10T09:00:00Z",
            "Castleford",
        ),
    );
    assert_eq!((report.imported, errors(&report)), (1, vec![]));
    let article = &stored(&store, &report)[0];
    assert_eq!(article.title.as_deref(), Some("Quarry blast damages homes"));
    assert_eq!(date(article).as_deref(), Some("2024-02-10"));
    assert_eq!(article.author.as_deref(), Some("Field Office"));
    assert_eq!(
        article.text,
        format!("Quarry blast damages homes\n\n{}", story_text("Castleford"))
    );

    let report = import_bytes(
        &mut store,
        "notes.odt",
        odt("Bus lane opens", "2024-02-11T10:00:00", "Amberley"),
    );
    assert_eq!((report.imported, errors(&report)), (1, vec![]));
    let article = &stored(&store, &report)[0];
    assert_eq!(
        (article.title.as_deref(), date(article).as_deref()),
        (Some("Bus lane opens"), Some("2024-02-11"))
    );
    assert_eq!(article.format, "odt");
    assert_ok(&store);
}

#[test]
fn malformed_office_documents_fail() {
    let mut store = Store::open_in_memory().expect("store");
    let no_body = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("docProps/core.xml", b"<x/>"),
    ]);
    let report = import_bytes(&mut store, "a.docx", no_body);
    assert_eq!(
        errors(&report),
        vec![(
            "a.docx".into(),
            None,
            "DOCX has no word/document.xml".into()
        )]
    );
    let broken = zip_of(&[(
        "word/document.xml",
        b"<w:document><w:body><w:p><w:t>Half a sentence</w:body>",
    )]);
    let report = import_bytes(&mut store, "b.docx", broken);
    assert!(
        report.failed[0]
            .error
            .starts_with("word/document.xml: malformed XML"),
        "{}",
        report.failed[0].error
    );
    let latin1 = zip_of(&[(
        "word/document.xml",
        b"<w:document><w:body><w:p><w:t>Caf\xe9</w:t></w:p></w:body></w:document>",
    )]);
    let report = import_bytes(&mut store, "c.docx", latin1);
    assert!(
        report.failed[0]
            .error
            .starts_with("word/document.xml is not UTF-8"),
        "{}",
        report.failed[0].error
    );
    let truncated = docx("Title", "2024-01-01", "Hale");
    let report = import_bytes(
        &mut store,
        "d.docx",
        truncated[..truncated.len() - 30].to_vec(),
    );
    assert!(
        report.failed[0]
            .error
            .starts_with("not a readable zip archive"),
        "{}",
        report.failed[0].error
    );
    assert_ok(&store);
}

#[test]
fn epub_chapters_or_whole_book() {
    let mut store = Store::open_in_memory().expect("store");
    let book = epub(
        "Valley Dispatches",
        &[
            ("The spring floods", "Orrin", 3),
            ("The long drought", "Pellam", 3),
        ],
    );
    let report = import_bytes(&mut store, "dispatches.epub", book);
    assert_eq!(
        (report.imported, report.skipped, errors(&report)),
        (2, 1, vec![])
    );
    let articles = stored(&store, &report);
    assert_eq!(
        articles
            .iter()
            .map(|a| a.title.clone().unwrap_or_default())
            .collect::<Vec<_>>(),
        vec!["The spring floods", "The long drought"]
    );
    assert_eq!(articles[0].record.as_deref(), Some("ch1"));
    assert_eq!(articles[0].source.as_deref(), Some("Hillside Press"));
    assert_eq!(date(&articles[0]).as_deref(), Some("2021-06-01"));

    let short = epub("Pamphlet", &[("Only chapter", "Quill", 1)]);
    let report = import_bytes(&mut store, "pamphlet.epub", short);
    assert_eq!(
        (report.imported, report.skipped, errors(&report)),
        (1, 0, vec![])
    );
    assert_eq!(
        stored(&store, &report)[0].title.as_deref(),
        Some("Pamphlet")
    );

    let no_container = zip_with_mimetype(
        "application/epub+zip",
        &[("OEBPS/content.opf", b"<package/>")],
    );
    let report = import_bytes(&mut store, "broken.epub", no_container);
    assert_eq!(
        errors(&report),
        vec![(
            "broken.epub".into(),
            None,
            "EPUB has no META-INF/container.xml".into()
        )]
    );
    assert_ok(&store);
}

#[test]
fn mhtml_page_is_read_with_its_location() {
    let mut store = Store::open_in_memory().expect("store");
    let html = page(
        "Tram line extended",
        "City Ledger",
        "2024-06-03T07:00:00Z",
        "Nordhaven",
    );
    let report = import_bytes(
        &mut store,
        "tram.mhtml",
        mhtml(&html, "https://cityledger.example/tram").into_bytes(),
    );
    assert_eq!((report.imported, errors(&report)), (1, vec![]));
    let article = &stored(&store, &report)[0];
    assert_eq!(
        article.url.as_deref(),
        Some("https://cityledger.example/tram")
    );
    assert_eq!(
        (article.title.as_deref(), date(article).as_deref()),
        (Some("Tram line extended"), Some("2024-06-03"))
    );
    assert_eq!(article.text, story_text("Nordhaven"));
    let images_only = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--x--\r\n";
    let report = import_bytes(&mut store, "img.mhtml", images_only.as_bytes().to_vec());
    assert_eq!(
        errors(&report),
        vec![(
            "img.mhtml".into(),
            None,
            "MHTML file has no text/html part".into()
        )]
    );
    assert_ok(&store);
}

// ---------------------------------------------------------------- zip

#[test]
fn zip_recurses_skips_junk_and_refuses_bombs() {
    let mut store = Store::open_in_memory().expect("store");
    let inner = zip_of(&[(
        "deep/story.html",
        page("Inner story", "Inner Post", "2024-01-05", "Innerby").as_bytes(),
    )]);
    let bomb = vec![0u8; 8 * 1024 * 1024];
    let outer = zip_of(&[
        ("folder/", b""),
        (
            "folder/a.html",
            page("Outer story", "Outer Post", "2024-01-04", "Outerby").as_bytes(),
        ),
        ("__MACOSX/folder/._a.html", b"junk"),
        ("folder/.DS_Store", b"junk"),
        ("../../etc/passwd.txt", story_text("Traverse").as_bytes()),
        ("nested.zip", &inner),
        ("zeros.txt", &bomb),
    ]);
    let report = import_bytes(&mut store, "bundle.zip", outer);
    assert_eq!(report.imported, 3, "{:?}", errors(&report));
    let paths: Vec<String> = stored(&store, &report)
        .iter()
        .filter_map(|a| a.path.clone())
        .collect();
    assert_eq!(
        paths,
        vec![
            "bundle.zip!/folder/a.html",
            "bundle.zip!/etc/passwd.txt",
            "bundle.zip!/nested.zip!/deep/story.html"
        ]
    );
    assert_eq!(
        errors(&report),
        vec![("bundle.zip!/zeros.txt".into(), None, "zip entry zeros.txt expands over 100× its compressed size: refused as a possible zip bomb".into())]
    );
    assert_ok(&store);
}

#[test]
fn zip_depth_limit_and_damage() {
    let mut store = Store::open_in_memory().expect("store");
    let mut nested = zip_of(&[("leaf.txt", story_text("Leafton").as_bytes())]);
    for level in 0..4 {
        nested = zip_of(&[(format!("level{level}.zip").as_str(), &nested)]);
    }
    let report = import_bytes(&mut store, "deep.zip", nested);
    assert_eq!(report.imported, 0);
    assert_eq!(
        errors(&report),
        vec![(
            "deep.zip!/level3.zip!/level2.zip!/level1.zip!/level0.zip".into(),
            None,
            "zip nested more than 3 levels deep: refused".into()
        )]
    );
    let good = zip_of(&[("a.txt", story_text("Abbotsford").as_bytes())]);
    let report = import_bytes(&mut store, "cut.zip", good[..good.len() - 10].to_vec());
    assert_eq!(report.failed.len(), 1);
    assert!(
        report.failed[0]
            .error
            .starts_with("not a readable zip archive"),
        "{}",
        report.failed[0].error
    );
    assert_ok(&store);
}

// ---------------------------------------------------------------- acceptance

/// A sample file: name, bytes, expected title, source and date.
type Sample = (
    &'static str,
    Vec<u8>,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

/// One sample of every format, each about a different place.
fn every_format() -> Vec<Sample> {
    vec![
        (
            "page.html",
            page(
                "Ridge fire contained",
                "Hill Times",
                "2024-07-01T10:00:00Z",
                "Ridgeway",
            )
            .into_bytes(),
            "Ridge fire contained",
            Some("Hill Times"),
            Some("2024-07-01"),
        ),
        (
            "report.pdf",
            pdf(
                &[
                    "Workers finished the new sea wall at Saltmarsh on Friday,",
                    "two months ahead of schedule, the harbour board said.",
                ],
                Some("Sea wall finished"),
                Some("D:20240702"),
            ),
            "Sea wall finished",
            None,
            Some("2024-07-02"),
        ),
        (
            "brief.eml",
            eml(
                "\"Plains Daily\" <desk@plains.example>",
                "Hail flattens crops",
                "Wed, 3 Jul 2024 08:00:00 +0000",
                "p1@plains.example",
                "Corran",
            )
            .into_bytes(),
            "Hail flattens crops",
            Some("Plains Daily"),
            Some("2024-07-03"),
        ),
        (
            "crawl.warc",
            sample_warc(&page(
                "Dam inspection ordered",
                "Lakeside Herald",
                "2024-07-04T08:00:00Z",
                "Lakeside",
            ))
            .concat(),
            "Dam inspection ordered",
            Some("Lakeside Herald"),
            Some("2024-07-04"),
        ),
        (
            "feed.rss",
            rss("Port Ellen", "Dunmore")
                .replace("<item><title>Short", "<!-- --><item><title>Short")
                .replace("Tue, 05 Mar 2024", "Fri, 05 Jul 2024")
                .into_bytes(),
            "Floods reach Port Ellen",
            Some("Coastal Gazette"),
            Some("2024-07-05"),
        ),
        (
            "memo.docx",
            docx(
                "Quarry blast damages homes",
                "2024-07-06T09:00:00Z",
                "Castleford",
            ),
            "Quarry blast damages homes",
            None,
            Some("2024-07-06"),
        ),
        (
            "notes.odt",
            odt("Bus lane opens", "2024-07-07T10:00:00", "Amberley"),
            "Bus lane opens",
            None,
            Some("2024-07-07"),
        ),
        (
            "book.epub",
            epub("Pamphlet of the Vale", &[("Only chapter", "Valemouth", 1)]),
            "Pamphlet of the Vale",
            Some("Hillside Press"),
            Some("2021-06-01"),
        ),
        (
            "saved.mhtml",
            mhtml(
                &page(
                    "Tram line extended",
                    "City Ledger",
                    "2024-07-08T07:00:00Z",
                    "Nordhaven",
                ),
                "https://cityledger.example/tram",
            )
            .into_bytes(),
            "Tram line extended",
            Some("City Ledger"),
            Some("2024-07-08"),
        ),
    ]
}

#[test]
fn every_format_and_a_zip_of_them_in_one_import() {
    let scratch = Scratch::new();
    let samples = every_format();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, bytes, ..) in &samples {
        scratch.write(&format!("inbox/{name}"), bytes);
        entries.push((format!("inbox/{name}"), bytes.clone()));
    }
    let mbox = format!(
        "From x@y Mon Jul  8 00:00:00 2024\n{}",
        eml(
            "Glen Weekly <glen@weekly.example>",
            "Mill reopens",
            "Tue, 9 Jul 2024 08:00:00 +0000",
            "g1@weekly.example",
            "Glenmore"
        )
        .replace("\r\n", "\n")
    );
    scratch.write("inbox/mail.mbox", &mbox);
    entries.push(("inbox/mail.mbox".into(), mbox.into_bytes()));
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let zip_path = scratch.write("inbox.zip", zip_of(&refs));
    let folder = scratch.path("inbox");

    let mut store = Store::open(&scratch.db()).expect("store");
    let report = import_paths(&mut store, &[folder.as_path(), zip_path.as_path()]);
    // Each sample once from the folder, once from the zip (a duplicate);
    // the feed has two articles and one title-only item, the WARC three skipped records.
    let unique = samples.len() as u64 + 2;
    assert_eq!(
        (report.imported, report.duplicates),
        (unique, unique),
        "{:?}",
        errors(&report)
    );
    assert_eq!(errors(&report), vec![]);
    assert_eq!(report.skipped, 2 * 4);
    let articles = stored(&store, &report);
    for (name, _, title, source, published) in &samples {
        let found = articles
            .iter()
            .find(|a| {
                a.path
                    .as_deref()
                    .is_some_and(|p| p.ends_with(&format!("inbox/{name}")))
                    && a.title.as_deref() == Some(*title)
            })
            .unwrap_or_else(|| panic!("{name} imported with title {title}"));
        assert_eq!(found.source.as_deref(), *source, "{name}");
        assert_eq!(date(found).as_deref(), *published, "{name}");
    }
    assert!(
        articles
            .iter()
            .any(|a| a.title.as_deref() == Some("Mill reopens")
                && a.source.as_deref() == Some("Glen Weekly"))
    );

    let again = import_paths(&mut store, &[folder.as_path(), zip_path.as_path()]);
    assert_eq!((again.imported, again.duplicates), (0, 2 * unique));
    assert_ok(&store);
}

// ---------------------------------------------------------------- properties

/// Imports `bytes` as `name` into a fresh archive: the run must finish, and
/// no parser may hand over an article without text (validation would
/// report it as "no article text").
fn import_survives(name: &str, bytes: Vec<u8>) {
    let mut store = Store::open_in_memory().expect("store");
    let report = import_bytes(&mut store, name, bytes);
    assert!(
        report.failed.iter().all(|f| f.error != "no article text"),
        "{:?}",
        errors(&report)
    );
    for article in stored(&store, &report) {
        assert!(!article.text.trim().is_empty());
    }
}

/// A sample with some bytes overwritten, some cut, some inserted.
fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8)], cut: usize) -> Vec<u8> {
    for (at, value) in edits {
        if !bytes.is_empty() {
            let at = at % bytes.len();
            bytes[at] = *value;
        }
    }
    let keep = bytes.len() - cut % (bytes.len() + 1) / 2;
    bytes.truncate(keep);
    bytes
}

fn samples_for_properties() -> Vec<(&'static str, Vec<u8>)> {
    let mut samples: Vec<(&'static str, Vec<u8>)> = every_format()
        .into_iter()
        .map(|(name, bytes, ..)| (name, bytes))
        .collect();
    let warc = sample_warc(&page(
        "Dam inspection ordered",
        "Lakeside Herald",
        "2025-01-30",
        "Lakeside",
    ));
    samples.push(("crawl.warc.gz", warc.iter().flat_map(|r| gzip(r)).collect()));
    samples.push((
        "bundle.zip",
        zip_of(&[
            ("a.html", page("A", "B", "2024-01-01", "Cardow").as_bytes()),
            ("b.txt", story_text("Dunlin").as_bytes()),
        ]),
    ));
    samples
}

proptest! {
    // 64 cases keep `./run test` quick; set PROPTEST_CASES for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_samples_never_panic_or_yield_empty_articles(
        which in 0usize..11,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..12),
        cut in any::<usize>(),
    ) {
        let samples = samples_for_properties();
        let (name, bytes) = samples[which % samples.len()].clone();
        import_survives(name, mutate(bytes, &edits, cut));
    }

    #[test]
    fn random_bytes_with_format_names_never_panic(
        which in 0usize..11,
        prefix in 0usize..6,
        tail in proptest::collection::vec(any::<u8>(), 0..400),
    ) {
        let names = ["x.pdf", "x.eml", "x.mbox", "x.warc", "x.warc.gz", "x.rss", "x.docx", "x.odt", "x.epub", "x.mhtml", "x.zip"];
        let prefixes: [&[u8]; 6] = [b"%PDF-1.4\n", b"PK\x03\x04", b"WARC/1.1\r\n", b"\x1f\x8b\x08\x00", b"From a@b Mon Jan  1 00:00:00 2024\nFrom: a@b\n", b"<?xml version=\"1.0\"?><rss>"];
        let mut bytes = prefixes[prefix].to_vec();
        bytes.extend_from_slice(&tail);
        import_survives(names[which], bytes);
    }
}

// ---------------------------------------------------------------- more malformed inputs

#[test]
fn zip_lying_about_sizes_is_refused() {
    let mut store = Store::open_in_memory().expect("store");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored_entry =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("a.txt", stored_entry).expect("zip entry");
    writer
        .write_all(story_text("Liar's Cove").as_bytes())
        .expect("zip write");
    writer.start_file("b.txt", stored_entry).expect("zip entry");
    writer
        .write_all(story_text("Honest Bay").as_bytes())
        .expect("zip write");
    let mut bytes = writer.finish().expect("zip finish").into_inner();
    // Declare 2 GiB uncompressed for the first entry, in its local and central headers.
    let local = 0;
    bytes[local + 22..local + 26].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
    let central = bytes
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("central directory");
    bytes[central + 24..central + 28].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
    let report = import_bytes(&mut store, "liar.zip", bytes);
    assert_eq!(report.imported, 1);
    assert_eq!(
        errors(&report),
        vec![(
            "liar.zip!/a.txt".into(),
            None,
            "zip entry a.txt expands over 100× its compressed size: refused as a possible zip bomb"
                .into()
        )]
    );
    assert_ok(&store);
}

#[test]
fn damaged_messages_and_pages() {
    let mut store = Store::open_in_memory().expect("store");
    let report = import_bytes(
        &mut store,
        "cut.eml",
        b"From: a@b.example\nSubject: Half a head".to_vec(),
    );
    assert_eq!(
        errors(&report),
        vec![(
            "cut.eml".into(),
            None,
            "message has no readable body".into()
        )]
    );
    // A Latin-1 body that declares no charset still reads.
    let latin1 = b"From: Desk <d@ridge.example>\nSubject: Caf\xe9 fire\nDate: Thu, 7 Mar 2024 10:00:00 +0000\n\nFire crews put out a blaze at the caf\xe9 on the square early on Thursday, officials said.\n".to_vec();
    let report = import_bytes(&mut store, "latin1.eml", latin1);
    assert_eq!((report.imported, errors(&report)), (1, vec![]));
    assert!(stored(&store, &report)[0].text.contains("the caf"));

    let html = page(
        "Tram line extended",
        "City Ledger",
        "2024-06-03T07:00:00Z",
        "Nordhaven",
    );
    let saved = mhtml(&html, "https://cityledger.example/tram");
    let cut = saved[..saved.find("Content-Location").expect("part header")].to_string();
    let report = import_bytes(&mut store, "cut.mhtml", cut.into_bytes());
    assert_eq!(
        errors(&report),
        vec![(
            "cut.mhtml".into(),
            None,
            "MHTML file has no text/html part".into()
        )]
    );
    assert_ok(&store);
}

#[test]
fn epub_missing_chapter_fails_alone() {
    let mut store = Store::open_in_memory().expect("store");
    let book = epub(
        "Valley Dispatches",
        &[
            ("The spring floods", "Orrin", 3),
            ("The long drought", "Pellam", 3),
            ("The harvest", "Quarrow", 3),
        ],
    );
    // Rebuild the book without its third chapter file.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(book)).expect("zip");
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("entry");
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).expect("read");
        if name != "OEBPS/text/ch3.xhtml" && name != "mimetype" {
            entries.push((name, bytes));
        }
    }
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let report = import_bytes(
        &mut store,
        "gap.epub",
        zip_with_mimetype("application/epub+zip", &refs),
    );
    assert_eq!((report.imported, report.skipped), (2, 1));
    assert_eq!(
        errors(&report),
        vec![(
            "gap.epub".into(),
            Some("ch3".into()),
            "EPUB chapter OEBPS/text/ch3.xhtml is missing".into()
        )]
    );
    assert_ok(&store);
}
