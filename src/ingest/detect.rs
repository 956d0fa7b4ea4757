//! Format detection by content first, file name second.
//!
//! A file called `.txt` that holds HTML is read as HTML, a `.dat` holding
//! JSONL as JSONL. The extension only decides between formats the content
//! cannot tell apart (a zip that is a DOCX, a text file that is Markdown).

use crate::model::Format;

/// What a file looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// A format Parallax reads.
    Format(Format),
    /// A gzip stream that is not a WARC.
    Gzip,
    /// A binary format Parallax does not read (images, executables, ...).
    Unsupported(&'static str),
}

/// Detects the format of `bytes` read from `path`.
pub fn detect(path: &str, bytes: &[u8]) -> Detected {
    let name = path
        .rsplit(['/', '\\', '!'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");

    if bytes.starts_with(b"%PDF-") {
        return Detected::Format(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Detected::Format(match ext {
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "epub" => Format::Epub,
            "wacz" => Format::Wacz,
            _ => zip_flavour(bytes),
        });
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return if name.ends_with(".warc.gz")
            || ext == "warc"
            || name.ends_with(".arc.gz")
            || gzipped_warc(bytes)
        {
            Detected::Format(Format::Warc)
        } else {
            Detected::Gzip
        };
    }
    if bytes.starts_with(b"WARC/") {
        return Detected::Format(Format::Warc);
    }
    if let Some(kind) = infer::get(bytes) {
        let textual = matches!(
            kind.matcher_type(),
            infer::MatcherType::Text | infer::MatcherType::Custom
        ) || kind.mime_type().contains("xml")
            || kind.mime_type().contains("html");
        if !textual {
            return Detected::Unsupported(kind.mime_type());
        }
    }
    Detected::Format(detect_text(ext, &sniff_text(bytes)))
}

/// The first few kilobytes as lossy text, BOM and leading space removed, for sniffing.
fn sniff_text(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(8192)];
    let text: String = if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        let le = head.starts_with(&[0xFF, 0xFE]);
        let units: Vec<u16> = head[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(head).into_owned()
    };
    text.trim_start_matches('\u{feff}').trim_start().to_string()
}

fn detect_text(ext: &str, head: &str) -> Format {
    let lower = head.to_ascii_lowercase();
    if lower.starts_with("<?xml")
        || lower.starts_with("<rss")
        || lower.starts_with("<feed")
        || lower.starts_with("<rdf:rdf")
    {
        let probe = &lower[..lower.len().min(2048)];
        if probe.contains("<rss") || probe.contains("<feed") || probe.contains("<rdf:rdf") {
            return Format::Feed;
        }
        if probe.contains("<html") {
            return Format::Html;
        }
    }
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<head")
        || lower.starts_with("<body")
        || lower.starts_with("<!--") && lower.contains("<html")
        || (ext.starts_with("htm") && lower.starts_with('<'))
    {
        return Format::Html;
    }
    if lower.starts_with('{') {
        if lower.contains("jsonfeed.org/version") {
            return Format::Feed;
        }
        return Format::Jsonl;
    }
    if lower.starts_with('[') && (ext == "json" || lower[1..].trim_start().starts_with('{')) {
        return Format::Json;
    }
    if ext == "mhtml"
        || ext == "mht"
        || (lower.contains("mime-version:") && lower.contains("multipart/related"))
    {
        return Format::Mhtml;
    }
    if head.starts_with("From ")
        && ext != "txt"
        && looks_like_headers(head.split_once('\n').map_or("", |(_, rest)| rest))
    {
        return Format::Mbox;
    }
    if ext == "eml" || looks_like_headers(head) {
        return Format::Email;
    }
    if matches!(ext, "csv" | "tsv") {
        return Format::Csv;
    }
    if matches!(ext, "md" | "markdown") {
        return Format::Markdown;
    }
    Format::Text
}

/// RFC 5322 headers: the block before the first blank line is all
/// `Name: value` lines (or continuations) and names at least two of the
/// headers every message has.
fn looks_like_headers(text: &str) -> bool {
    let mut names = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
        if matches!(
            name.to_ascii_lowercase().as_str(),
            "from" | "date" | "subject" | "message-id" | "to" | "mime-version"
        ) {
            names += 1;
        }
    }
    names >= 2
}

/// Tells a plain zip from the zip-based document formats by their marker
/// entries: the `mimetype` entry stored first (EPUB, ODT), else the names in
/// the central directory (DOCX, EPUB, WACZ).
fn zip_flavour(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(256)];
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if contains(b"mimetypeapplication/epub+zip") {
        return Format::Epub;
    }
    if contains(b"mimetypeapplication/vnd.oasis.opendocument.text") {
        return Format::Odt;
    }
    let Ok(archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Format::Zip;
    };
    let names: Vec<&[u8]> = archive.file_names_raw().collect();
    let has = |name: &[u8]| names.contains(&name);
    if has(b"word/document.xml") {
        Format::Docx
    } else if has(b"META-INF/container.xml") && names.iter().any(|n| n.ends_with(b".opf")) {
        Format::Epub
    } else if has(b"content.xml")
        && has(b"meta.xml")
        && !names.iter().any(|n| n.ends_with(b".html"))
    {
        Format::Odt
    } else if has(b"pages/pages.jsonl") && names.iter().any(|n| n.starts_with(b"archive/")) {
        Format::Wacz
    } else {
        Format::Zip
    }
}

/// A gzip stream whose first bytes decompress to a WARC record header.
fn gzipped_warc(bytes: &[u8]) -> bool {
    use std::io::Read;
    let mut head = [0u8; 5];
    let mut decoder = flate2::read::GzDecoder::new(&bytes[..bytes.len().min(64 * 1024)]);
    decoder.read_exact(&mut head).is_ok() && &head == b"WARC/"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_wins_over_extension() {
        let cases: [(&str, &[u8], Format); 7] = [
            (
                "a.txt",
                b"<!DOCTYPE html><html><body>x</body></html>",
                Format::Html,
            ),
            ("a.dat", b"{\"id\": 1}\n{\"id\": 2}\n", Format::Jsonl),
            ("x.txt", b" date 2023-12-26 Body", Format::Text),
            ("x.md", b"# Title\n\nBody", Format::Markdown),
            ("x.csv", b"id,text\n1,hello\n", Format::Csv),
            ("x", b"%PDF-1.7\n", Format::Pdf),
            (
                "m.eml",
                b"From: a@b.c\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nSubject: x\n\nbody",
                Format::Email,
            ),
        ];
        for (name, bytes, format) in cases {
            assert_eq!(detect(name, bytes), Detected::Format(format), "{name}");
        }
        assert!(matches!(
            detect("p.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Detected::Unsupported(_)
        ));
    }

    #[test]
    fn gzip_holding_warc_is_a_warc() {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder
            .write_all(b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
            .expect("compress");
        let warc = encoder.finish().expect("compress");
        assert_eq!(detect("crawl.bin", &warc), Detected::Format(Format::Warc));
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(b"plain words").expect("compress");
        assert_eq!(
            detect("notes.gz", &encoder.finish().expect("compress")),
            Detected::Gzip
        );
    }

    #[test]
    fn a_dateline_is_not_a_header() {
        assert_eq!(
            detect("s.txt", b"New Delhi: The US military launched airstrikes."),
            Detected::Format(Format::Text)
        );
    }
}
