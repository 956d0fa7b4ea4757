//! One file's bytes to items: the format is detected by content and the
//! bytes handed to that format's reader.

use super::{
    Detected, Item, Sink, detect, encoding, epub, feed, html, mail, mhtml, office, pdf, records,
    text, warc, zip,
};
use crate::model::{Format, Origin};

/// Parses one file's bytes (or a container entry's) into items. `depth` is
/// the container nesting level, for formats that recurse (zip).
pub(crate) fn read_bytes(origin: &Origin, bytes: &[u8], depth: u32, sink: &mut Sink<'_>) {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        sink.emit(Item::failed(origin.clone(), "empty file"));
        return;
    }
    let format = match detect(&origin.path, bytes) {
        Detected::Format(format) => format,
        Detected::Gzip => {
            sink.emit(Item::failed(
                origin.clone(),
                "gzip-compressed file that is not a WARC archive",
            ));
            return;
        }
        Detected::Unsupported(mime) => {
            sink.emit(Item::failed(
                origin.clone(),
                format!("binary file ({mime}) is not a supported format"),
            ));
            return;
        }
    };
    let decode = |declared: Option<&str>| -> Result<String, String> {
        encoding::decode(bytes, declared)
            .map(|d| d.text)
            .map_err(|e| e.to_string())
    };
    let path = origin.path.as_str();
    match format {
        Format::Text | Format::Markdown => match decode(None) {
            Ok(text) => {
                let mut article = text::parse(&text, format);
                article.origin = origin.clone();
                sink.emit(Item::Article(article));
            }
            Err(e) => sink.emit(Item::failed(origin.clone(), e)),
        },
        Format::Html => match decode(html::declared_charset(bytes).as_deref()) {
            Ok(text) if !sink.spend_markup(text.len()) => {}
            Ok(text) => match html::parse(&text, None) {
                Ok(mut article) => {
                    article.origin = origin.clone();
                    sink.emit(Item::Article(article));
                }
                Err(e) => sink.emit(Item::failed(origin.clone(), e.to_string())),
            },
            Err(e) => sink.emit(Item::failed(origin.clone(), e)),
        },
        Format::Jsonl | Format::Json | Format::Csv => match decode(None) {
            Ok(text) => match format {
                Format::Jsonl => records::parse_jsonl(&text, path, sink),
                Format::Json => records::parse_json(&text, path, sink),
                _ => records::parse_csv(&text, path, sink),
            },
            Err(e) => sink.emit(Item::failed(origin.clone(), e)),
        },
        Format::Pdf => pdf::read(origin, bytes, sink),
        Format::Email => mail::read_message(origin, bytes, sink),
        Format::Mbox => mail::read_mbox(origin, bytes, sink),
        Format::Warc => warc::read(origin, bytes, &Default::default(), sink),
        Format::Wacz => warc::read_wacz(origin, bytes, sink),
        Format::Feed => feed::read(origin, bytes, sink),
        Format::Docx => office::read_docx(origin, bytes, sink),
        Format::Odt => office::read_odt(origin, bytes, sink),
        Format::Epub => epub::read(origin, bytes, sink),
        Format::Mhtml => mhtml::read(origin, bytes, sink),
        Format::Zip => zip::read(origin, bytes, depth, sink),
    }
}
