//! PDF documents: the text layer in reading order (pdf-extract), title,
//! author and creation date from the Info dictionary.
//!
//! pdf-extract panics on some malformed files and can loop for a long time
//! on others, so it runs on a worker thread inside `catch_unwind`, and the
//! importer waits at most [`TIME_LIMIT`]; a thread still running then is
//! abandoned (it holds only its own copy of the bytes). No panic hook is
//! installed, because hooks are process-global: the default hook may print
//! the panic message to stderr, and the import records a failure.
//!
//! A PDF is one document even when it holds several articles (a printed
//! newspaper page): splitting it would need layout analysis we cannot do
//! reliably. A PDF without a text layer (a scan) fails: there is no OCR.

use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;
use pdf_extract::{Document, Object, PlainTextOutput};

use super::Item;
use super::text::tidy;
use crate::model::{DatePrecision, Format, Origin, Published, RawArticle};

/// Longest time a PDF may take to read.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);
/// Largest PDF read.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// What the worker thread found.
struct Extracted {
    text: String,
    title: Option<String>,
    author: Option<String>,
    created: Option<String>,
}

/// Reads one PDF.
pub(super) fn read(origin: &Origin, bytes: &[u8], emit: &mut dyn FnMut(Item)) {
    match extract_guarded(bytes) {
        Ok(found) => {
            let text = tidy(&found.text);
            if text.split_whitespace().next().is_none() {
                emit(Item::failed(
                    origin.clone(),
                    "no text layer (OCR not supported)",
                ));
                return;
            }
            emit(Item::Article(RawArticle {
                origin: origin.clone(),
                title: found.title,
                author: found.author,
                published: found.created.as_deref().and_then(parse_pdf_date),
                text,
                format: Some(Format::Pdf),
                ..RawArticle::default()
            }));
        }
        Err(reason) => emit(Item::failed(origin.clone(), reason)),
    }
}

/// Runs the extraction on a worker thread with a panic guard and a time cap.
fn extract_guarded(bytes: &[u8]) -> Result<Extracted, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "PDF is {:.1} MB, over the {} MB limit for PDFs",
            bytes.len() as f64 / 1e6,
            MAX_BYTES >> 20
        ));
    }
    let owned = bytes.to_vec();
    let (sender, receiver) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("parallax-pdf".into())
        .spawn(move || {
            let outcome = std::panic::catch_unwind(|| extract(&owned));
            // The receiver is gone only when the importer gave up waiting.
            sender.send(outcome).ok();
        });
    if let Err(e) = spawned {
        return Err(format!("PDF could not be parsed (no worker thread: {e})"));
    }
    match receiver.recv_timeout(TIME_LIMIT) {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".into());
            Err(format!(
                "PDF could not be parsed (reader crashed: {message})"
            ))
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "PDF could not be parsed (took longer than {} s)",
            TIME_LIMIT.as_secs()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("PDF could not be parsed (reader stopped)".into())
        }
    }
}

fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let mut document =
        Document::load_mem(bytes).map_err(|e| format!("PDF could not be parsed ({e})"))?;
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err("PDF is encrypted with a password".into());
    }
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
    Ok(Extracted {
        text,
        title: field(b"Title").filter(|t| meaningful_title(t)),
        author: field(b"Author"),
        created: field(b"CreationDate"),
    })
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
        let text = extract_guarded(&one_page(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ))
        .map(|e| e.text);
        assert_eq!(
            text.map(|t| t.trim().to_string()),
            Ok("Storm damage in the port".to_string())
        );
        let broken = extract_guarded(&one_page("<< /Type /Font /Subtype /Type0 /BaseFont /X >>"))
            .map(|e| e.text);
        assert_eq!(
            broken,
            Err("PDF could not be parsed (reader crashed: Descendant fonts required)".to_string())
        );
    }

    #[test]
    fn default_titles_are_dropped() {
        assert!(!meaningful_title("Microsoft Word - draft3.docx"));
        assert!(meaningful_title("Flood waters recede in the valley"));
    }
}
