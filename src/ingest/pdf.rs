//! PDF documents: the text layer in reading order (pdf-extract), title,
//! author and creation date from the Info dictionary.
//!
//! A PDF is the most dangerous input Parallax reads: pdf-extract panics on
//! some malformed files, recurses without bound on self-referencing forms,
//! and decompresses every stream whole, so a 13.6 MB flate bomb takes
//! 7.9 GB in 20 s. No thread can be stopped or bounded in memory, so the
//! front ends read PDFs in a separate process of their own binary (a
//! [`super::PdfWorker`]) that they bound in memory and time and kill at
//! the limit; the core only defines what the worker does
//! ([`worker_main`]: bytes in, JSON out) and reads its answer. Without a
//! worker (tests, trusted corpora) the PDF is read on a thread of this
//! process inside `catch_unwind`, where a hostile file can still exhaust
//! memory or the stack. No panic hook is installed, because hooks are
//! process-global: the default hook may print the panic message to stderr,
//! and the import records a failure.
//!
//! pdf-extract shows the text of `Tj` and `TJ` only; the other two
//! text-showing operators, `'` (next line, show) and `"` (set spacing, next
//! line, show), are spelled out into those before it reads the page, or a
//! page drawn with them reads as empty.
//!
//! Fonts draw "fi", "ff", "ffi"… as one ligature glyph, which a browser's
//! print to PDF maps to U+FB00–U+FB06: left so, "officials" is not found by
//! a search for it, so the ligatures are spelled out.
//!
//! A PDF is one document even when it holds several articles (a printed
//! newspaper page): splitting it would need layout analysis we cannot do
//! reliably. A PDF without a text layer (a scan) fails: there is no OCR.

use std::io::{Read, Write};
use std::time::Duration;

use chrono::NaiveDate;
use pdf_extract::content::{Content, Operation};
use pdf_extract::{Document, Object, PlainTextOutput};
use serde::{Deserialize, Serialize};

use super::text::tidy;
use super::{Item, Sink};
use crate::model::{DatePrecision, Format, Origin, Published, RawArticle};

/// Longest time a PDF may take to read; front ends kill the worker then.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);
/// Most memory (address space) a PDF worker may use; front ends set it as
/// the worker's limit.
pub const WORKER_MEMORY_BYTES: u64 = 1 << 30;
/// Largest PDF read.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Stack of the thread that reads a PDF in this process (forms may nest).
const THREAD_STACK_BYTES: usize = 64 * 1024 * 1024;

/// What a PDF's reader found: its text layer and document information.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfText {
    /// The text layer, in reading order.
    pub text: String,
    /// The Info dictionary's title, unless a default one.
    pub title: Option<String>,
    /// The Info dictionary's author.
    pub author: Option<String>,
    /// The Info dictionary's creation date, as written.
    pub created: Option<String>,
}

/// The worker's answer on its standard output.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Answer {
    Read(PdfText),
    Failed(String),
}

/// Reads one PDF.
pub(super) fn read(origin: &Origin, bytes: &[u8], sink: &mut Sink<'_>) {
    let found = if bytes.len() > MAX_BYTES {
        Err(format!(
            "PDF is {:.1} MB, over the {} MB limit for PDFs",
            bytes.len() as f64 / 1e6,
            MAX_BYTES >> 20
        ))
    } else {
        match sink.pdf_worker() {
            Some(worker) => (worker.0)(bytes)
                .map_err(|reason| format!("PDF could not be parsed ({reason})"))
                .and_then(|output| answer(&output)),
            None => extract_on_thread(bytes),
        }
    };
    match found {
        Ok(found) => {
            let text = tidy(&without_ligatures(&found.text));
            if text.split_whitespace().next().is_none() {
                sink.emit(Item::failed(
                    origin.clone(),
                    "no text layer (OCR not supported)",
                ));
                return;
            }
            sink.emit(Item::Article(RawArticle {
                origin: origin.clone(),
                title: found.title.map(|t| without_ligatures(&t)),
                author: found.author,
                published: found.created.as_deref().and_then(parse_pdf_date),
                text,
                format: Some(Format::Pdf),
                ..RawArticle::default()
            }));
        }
        Err(reason) => sink.emit(Item::failed(origin.clone(), reason)),
    }
}

/// The Latin ligatures of the Alphabetic Presentation Forms block spelled
/// out (their compatibility decomposition).
fn without_ligatures(text: &str) -> String {
    if !text.chars().any(|c| ('\u{fb00}'..='\u{fb06}').contains(&c)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// Decodes a worker's standard output.
fn answer(output: &[u8]) -> Result<PdfText, String> {
    match serde_json::from_slice::<Answer>(output) {
        Ok(Answer::Read(found)) => Ok(found),
        Ok(Answer::Failed(reason)) => Err(reason),
        Err(e) => Err(format!(
            "PDF could not be parsed (unreadable answer from the PDF reader: {e})"
        )),
    }
}

/// The PDF worker: reads one PDF from `input` (at most [`MAX_BYTES`]) and
/// writes its answer to `output` as one JSON value. Front ends run this in
/// a child process of their own binary; a crash or a kill at the memory or
/// time limit ends only that process. Returns the process exit code.
pub fn worker_main(input: &mut dyn Read, output: &mut dyn Write) -> i32 {
    let mut bytes = Vec::new();
    let answer = match input.take(MAX_BYTES as u64 + 1).read_to_end(&mut bytes) {
        Err(e) => Answer::Failed(format!("PDF could not be read from the importer ({e})")),
        Ok(_) if bytes.len() > MAX_BYTES => Answer::Failed(format!(
            "PDF is over the {} MB limit for PDFs",
            MAX_BYTES >> 20
        )),
        Ok(_) => match extract_catching(&bytes) {
            Ok(found) => Answer::Read(found),
            Err(reason) => Answer::Failed(reason),
        },
    };
    let written = serde_json::to_writer(&mut *output, &answer)
        .map_err(std::io::Error::other)
        .and_then(|()| output.flush());
    i32::from(written.is_err())
}

/// Reads on a thread of this process with a panic guard and a large stack.
fn extract_on_thread(bytes: &[u8]) -> Result<PdfText, String> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("parallax-pdf".into())
            .stack_size(THREAD_STACK_BYTES)
            .spawn_scoped(scope, || extract_catching(bytes));
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err("PDF could not be parsed (reader stopped)".into())),
            Err(e) => Err(format!("PDF could not be parsed (no worker thread: {e})")),
        }
    })
}

/// Runs the extraction, turning a panic of the reader into a failure.
fn extract_catching(bytes: &[u8]) -> Result<PdfText, String> {
    match std::panic::catch_unwind(|| extract(bytes)) {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".into());
            Err(format!(
                "PDF could not be parsed (reader crashed: {message})"
            ))
        }
    }
}

fn extract(bytes: &[u8]) -> Result<PdfText, String> {
    let mut document =
        Document::load_mem(bytes).map_err(|e| format!("PDF could not be parsed ({e})"))?;
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err("PDF is encrypted with a password".into());
    }
    spell_out_quote_operators(&mut document);
    let info = info_dictionary(&document);
    let field = |key: &[u8]| {
        info.as_ref()
            .and_then(|d| d.get(key).ok())
            .and_then(|o| pdf_string(&document, o))
    };
    let mut text = String::new();
    {
        let mut output = PlainTextOutput::new(&mut text);
        pdf_extract::output_doc(&document, &mut output)
            .map_err(|e| format!("PDF could not be parsed ({e})"))?;
    }
    Ok(PdfText {
        text,
        title: field(b"Title").filter(|t| meaningful_title(t)),
        author: field(b"Author"),
        created: field(b"CreationDate"),
    })
}

/// Rewrites `'` and `"` in every page's content streams and every form
/// XObject into the `T*`, `Tw`, `Tc` and `Tj` they stand for (PDF 32000-1,
/// table 109), which pdf-extract reads.
fn spell_out_quote_operators(document: &mut Document) {
    let mut streams: Vec<pdf_extract::ObjectId> = document
        .get_pages()
        .values()
        .flat_map(|page| document.get_page_contents(*page))
        .collect();
    streams.extend(document.objects.iter().filter_map(|(id, object)| {
        let Object::Stream(stream) = object else {
            return None;
        };
        let form = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|name| name == b"Form");
        form.then_some(*id)
    }));
    for id in streams {
        let Ok(stream) = document.get_object_mut(id).and_then(Object::as_stream_mut) else {
            continue;
        };
        let Ok(plain) = stream.get_plain_content() else {
            continue;
        };
        if let Some(rewritten) = spelled_out(&plain) {
            stream.set_plain_content(rewritten);
        }
    }
}

/// The content stream with `'` and `"` spelled out; `None` when it has
/// neither (or cannot be parsed, which pdf-extract will report).
fn spelled_out(content: &[u8]) -> Option<Vec<u8>> {
    if !content.iter().any(|&b| b == b'\'' || b == b'"') {
        return None;
    }
    let decoded = Content::decode(content).ok()?;
    if !decoded
        .operations
        .iter()
        .any(|o| o.operator == "'" || o.operator == "\"")
    {
        return None;
    }
    let mut operations = Vec::with_capacity(decoded.operations.len() + 8);
    for operation in decoded.operations {
        match (operation.operator.as_str(), operation.operands.as_slice()) {
            ("'", [text]) => {
                operations.push(Operation::new("T*", Vec::new()));
                operations.push(Operation::new("Tj", vec![text.clone()]));
            }
            ("\"", [word_spacing, character_spacing, text]) => {
                operations.push(Operation::new("Tw", vec![word_spacing.clone()]));
                operations.push(Operation::new("Tc", vec![character_spacing.clone()]));
                operations.push(Operation::new("T*", Vec::new()));
                operations.push(Operation::new("Tj", vec![text.clone()]));
            }
            // Malformed operands: dropped, as a viewer would skip them.
            ("'" | "\"", _) => {}
            _ => operations.push(operation),
        }
    }
    Content { operations }.encode().ok()
}

fn info_dictionary(document: &Document) -> Option<pdf_extract::Dictionary> {
    let info = document.trailer.get(b"Info").ok()?;
    let object = match info {
        Object::Reference(id) => document.get_object(*id).ok()?,
        other => other,
    };
    object.as_dict().ok().cloned()
}

/// A text string: UTF-16BE with a byte-order mark, UTF-8 with one, else
/// PDFDocEncoding (read as Latin-1, which agrees on the printable range).
fn pdf_string(document: &Document, object: &Object) -> Option<String> {
    let object = match object {
        Object::Reference(id) => document.get_object(*id).ok()?,
        other => other,
    };
    let Object::String(bytes, _) = object else {
        return None;
    };
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Titles that word processors and printers put in by default say nothing.
fn meaningful_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    !(lower == "untitled"
        || lower.starts_with("microsoft word - ")
        || lower.ends_with(".doc")
        || lower.ends_with(".docx")
        || lower.ends_with(".pdf")
        || lower.ends_with(".indd"))
}

/// `D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional.
fn parse_pdf_date(value: &str) -> Option<Published> {
    let value = value.trim();
    let digits_part = value.strip_prefix("D:").unwrap_or(value);
    let digits: String = digits_part
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let number =
        |range: std::ops::Range<usize>| digits.get(range).and_then(|s| s.parse::<u32>().ok());
    let year = i32::try_from(number(0..4)?).ok()?;
    let month = number(4..6);
    let day = number(6..8);
    let (date, precision) = match (month, day) {
        (Some(m), Some(d)) => (NaiveDate::from_ymd_opt(year, m, d)?, DatePrecision::Day),
        (Some(m), None) => (NaiveDate::from_ymd_opt(year, m, 1)?, DatePrecision::Month),
        _ => (NaiveDate::from_ymd_opt(year, 1, 1)?, DatePrecision::Year),
    };
    if !(1900..=2200).contains(&year) {
        return None;
    }
    let timestamp = match (number(8..10), number(10..12), number(12..14)) {
        (Some(h), Some(min), second) if precision == DatePrecision::Day => {
            let rest = digits_part.get(digits.len()..).unwrap_or("");
            let zone = match rest.chars().next() {
                Some('Z') | None => "Z".to_string(),
                Some(sign @ ('+' | '-')) => {
                    let zone_digits: String =
                        rest.chars().filter(char::is_ascii_digit).take(4).collect();
                    match zone_digits.len() {
                        4 => format!("{sign}{}:{}", &zone_digits[..2], &zone_digits[2..]),
                        2 => format!("{sign}{zone_digits}:00"),
                        _ => "Z".to_string(),
                    }
                }
                Some(_) => "Z".to_string(),
            };
            Some(format!(
                "{date}T{h:02}:{min:02}:{:02}{zone}",
                second.unwrap_or(0)
            ))
        }
        _ => None,
    };
    Some(Published {
        date,
        precision,
        timestamp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates() {
        let full = parse_pdf_date("D:20231226083000+05'30'").expect("date");
        assert_eq!(
            (full.date.to_string(), full.timestamp.as_deref()),
            ("2023-12-26".into(), Some("2023-12-26T08:30:00+05:30"))
        );
        let day = parse_pdf_date("D:20231226").expect("date");
        assert_eq!(
            (day.date.to_string(), day.precision, day.timestamp),
            ("2023-12-26".into(), DatePrecision::Day, None)
        );
        assert_eq!(
            parse_pdf_date("D:2023").map(|p| p.precision),
            Some(DatePrecision::Year)
        );
        assert_eq!(parse_pdf_date("D:20231345"), None);
        assert_eq!(parse_pdf_date("garbage"), None);
    }

    /// A one-page PDF using `font` as /F1, offsets computed.
    fn one_page(font: &str) -> Vec<u8> {
        let content = "BT /F1 12 Tf 72 720 Td (Storm damage in the port) Tj ET\n";
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
            format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
            font.to_string(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        out
    }

    #[test]
    fn reader_panics_become_failures() {
        let text = extract_on_thread(&one_page(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ))
        .map(|e| e.text);
        assert_eq!(
            text.map(|t| t.trim().to_string()),
            Ok("Storm damage in the port".to_string())
        );
        let broken = extract_on_thread(&one_page("<< /Type /Font /Subtype /Type0 /BaseFont /X >>"))
            .map(|e| e.text);
        assert_eq!(
            broken,
            Err("PDF could not be parsed (reader crashed: Descendant fonts required)".to_string())
        );
    }

    #[test]
    fn ligatures_are_spelled_out() {
        assert_eq!(
            without_ligatures("\u{fb01}re\u{fb01}ghters, o\u{fb00}icials, \u{fb02}ood"),
            "firefighters, officials, flood"
        );
    }

    #[test]
    fn default_titles_are_dropped() {
        assert!(!meaningful_title("Microsoft Word - draft3.docx"));
        assert!(meaningful_title("Flood waters recede in the valley"));
    }
}
