//! Web archives: WARC files (plain, or gzip-compressed either record by
//! record or as one stream) and WACZ packages.
//!
//! Every `response` record whose HTTP payload is HTML becomes an article,
//! read by the same page reader as `.html` files so the same page gives the
//! same text (and so deduplicates) whichever way it arrived. `resource`
//! records holding HTML are read the same way. Other records (`request`,
//! `revisit`, `metadata`, `warcinfo`, non-HTML payloads, error statuses,
//! pages with no article text) are skipped with the reason.
//!
//! Dates: WARC-Date is when the crawler fetched the page, not when it was
//! published, so it is never stored as the publication date. The article
//! gets the date the page itself states (meta tags, JSON-LD), else none.
//!
//! The record headers are parsed with httparse (they have HTTP's syntax);
//! the HTTP response too, then chunked transfer coding and gzip/deflate
//! content coding are undone. A gzip member that is cut short or corrupt
//! ends the file with a failure naming its byte offset; records before it
//! are kept.

use std::collections::BTreeMap;
use std::io::Read;

use flate2::bufread::{DeflateDecoder, GzDecoder, ZlibDecoder};

use super::zip::Entries;
use super::{Item, Sink};
use super::{encoding, html};
use crate::model::{Format, Origin, RawArticle};

/// Largest decompressed size of one gzip member or one HTTP payload.
const MAX_EXPANDED: u64 = 256 * 1024 * 1024;
/// Most header lines in a record or a response.
const MAX_HEADERS: usize = 128;

/// Page titles by URL, from a WACZ's `pages.jsonl`, used when a page's own
/// markup gives none.
pub(super) type Titles = BTreeMap<String, String>;

/// Reads a WARC file, compressed or not.
pub(super) fn read(origin: &Origin, bytes: &[u8], titles: &Titles, sink: &mut Sink<'_>) {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        read_gzip_members(origin, bytes, titles, sink);
    } else {
        read_records(origin, bytes, None, titles, sink);
    }
}

/// Each gzip member is decompressed on its own so a damaged one can be
/// named by offset and those before it kept.
fn read_gzip_members(origin: &Origin, bytes: &[u8], titles: &Titles, sink: &mut Sink<'_>) {
    let mut position = 0;
    while position < bytes.len() {
        let rest = &bytes[position..];
        if rest.iter().all(|&b| b == 0 || b.is_ascii_whitespace()) {
            break;
        }
        if !rest.starts_with(&[0x1f, 0x8b]) {
            sink.emit(Item::failed(
                at_offset(origin, position),
                format!("unexpected bytes after the gzip member ending at byte {position}"),
            ));
            return;
        }
        let mut decoder = GzDecoder::new(rest);
        let mut data = Vec::new();
        let outcome = (&mut decoder).take(MAX_EXPANDED + 1).read_to_end(&mut data);
        let consumed = rest.len() - decoder.into_inner().len();
        match outcome {
            Ok(_) if data.len() as u64 > MAX_EXPANDED => {
                sink.emit(Item::failed(
                    at_offset(origin, position),
                    format!(
                        "gzip member at byte {position} expands over {} MB: refused",
                        MAX_EXPANDED >> 20
                    ),
                ));
                return;
            }
            Ok(_) => {
                read_records(origin, &data, Some(position), titles, sink);
                if consumed == 0 {
                    return;
                }
                position += consumed;
            }
            Err(e) => {
                // Complete records decoded before the damage still count.
                sink.dropping_failures(|inner| {
                    read_records(origin, &data, Some(position), titles, inner)
                });
                sink.emit(Item::failed(
                    at_offset(origin, position),
                    format!("gzip member at byte {position} is cut short or corrupt ({e})"),
                ));
                return;
            }
        }
    }
}

fn at_offset(origin: &Origin, offset: usize) -> Origin {
    Origin {
        offset: Some(offset as u64),
        ..origin.clone()
    }
}

/// Reads the records in `data`. `member` is the compressed offset of the
/// gzip member `data` came from; offsets then point at the member, the
/// unit a reader can seek to.
fn read_records(
    origin: &Origin,
    data: &[u8],
    member: Option<usize>,
    titles: &Titles,
    sink: &mut Sink<'_>,
) {
    let mut position = 0;
    loop {
        if sink.stopped() {
            return;
        }
        while data
            .get(position)
            .is_some_and(|b| *b == b'\r' || *b == b'\n')
        {
            position += 1;
        }
        if position >= data.len() {
            return;
        }
        let offset = member.unwrap_or(position);
        let here = at_offset(origin, offset);
        let rest = &data[position..];
        if !rest.starts_with(b"WARC/") {
            sink.emit(Item::failed(
                here,
                format!("no WARC record header at byte {offset}"),
            ));
            return;
        }
        let Some(header_end) = find(rest, b"\r\n\r\n")
            .map(|i| i + 4)
            .or_else(|| find(rest, b"\n\n").map(|i| i + 2))
        else {
            sink.emit(Item::failed(
                here,
                format!("WARC record at byte {offset} has an unterminated header"),
            ));
            return;
        };
        let version_end = rest.iter().position(|&b| b == b'\n').map_or(0, |i| i + 1);
        let mut header_storage = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let headers =
            match httparse::parse_headers(&rest[version_end..header_end], &mut header_storage) {
                Ok(httparse::Status::Complete((_, headers))) => headers,
                Ok(httparse::Status::Partial) => {
                    sink.emit(Item::failed(
                        here,
                        format!("WARC record at byte {offset} has an unterminated header"),
                    ));
                    return;
                }
                Err(e) => {
                    sink.emit(Item::failed(
                        here,
                        format!("WARC record at byte {offset} has a malformed header ({e})"),
                    ));
                    return;
                }
            };
        let header = |name: &str| {
            headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
        };
        let Some(length) = header("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
            sink.emit(Item::failed(
                here,
                format!("WARC record at byte {offset} has no valid Content-Length"),
            ));
            return;
        };
        let available = (rest.len() - header_end) as u64;
        if length > available {
            sink.emit(Item::failed(
                here,
                format!(
                    "WARC record at byte {offset} declares {length} bytes but only {available} remain (truncated)"
                ),
            ));
            return;
        }
        // `length <= available`, so this fits in usize and inside `rest`.
        let body = &rest[header_end..header_end + length as usize];
        position += header_end + length as usize;

        let record_id = header("WARC-Record-ID").map(|id| id.trim_matches(['<', '>']).to_string());
        let here = Origin {
            record: record_id.clone(),
            ..here
        };
        let kind = header("WARC-Type").unwrap_or_default().to_ascii_lowercase();
        let uri = header("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
        let item = match kind.as_str() {
            "response" => {
                http_page(body).and_then(|page| article(page, uri.as_deref(), titles, sink))
            }
            "resource" => {
                let content_type = header("Content-Type").unwrap_or_default();
                if is_html(&content_type) {
                    article(
                        Page {
                            html: body.to_vec(),
                            charset: charset_of(&content_type),
                        },
                        uri.as_deref(),
                        titles,
                        sink,
                    )
                } else {
                    Err(Skip(format!(
                        "non-HTML resource ({})",
                        mime_of(&content_type)
                    )))
                }
            }
            "" => Err(Skip("WARC record without a WARC-Type".into())),
            other => Err(Skip(format!("WARC {other} record"))),
        };
        match item {
            Ok(mut raw) => {
                raw.origin = here;
                raw.external_id = record_id;
                sink.emit(Item::Article(raw));
            }
            Err(Skip(reason)) => sink.emit(Item::Skipped {
                origin: here,
                reason,
            }),
        }
    }
}

/// Why a record yields no article.
struct Skip(String);

/// An HTML payload and the charset its headers declare.
struct Page {
    html: Vec<u8>,
    charset: Option<String>,
}

/// The HTML payload of an HTTP response record.
fn http_page(body: &[u8]) -> Result<Page, Skip> {
    let mut header_storage = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut header_storage);
    let header_len = match response.parse(body) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err(Skip("HTTP response headers are incomplete".into()));
        }
        Err(e) => return Err(Skip(format!("HTTP response cannot be read ({e})"))),
    };
    let status = response.code.unwrap_or(0);
    if !(200..300).contains(&status) {
        return Err(Skip(format!("HTTP status {status}")));
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = header("Content-Type").unwrap_or_default();
    let payload = &body[header_len..];
    let html = is_html(&content_type) || (content_type.is_empty() && sniff_html(payload));
    if !html {
        return Err(Skip(format!(
            "non-HTML payload ({})",
            mime_of(&content_type)
        )));
    }
    let mut payload = payload.to_vec();
    if header("Transfer-Encoding").is_some_and(|t| t.contains("chunked")) {
        payload =
            dechunk(&payload).ok_or_else(|| Skip("malformed chunked transfer encoding".into()))?;
    }
    match header("Content-Encoding").as_deref() {
        None | Some("") | Some("identity") => {}
        Some("gzip") | Some("x-gzip") => payload = inflate(GzDecoder::new(payload.as_slice()))?,
        Some("deflate") => {
            // "deflate" is zlib-wrapped by the standard, raw in practice as often.
            payload = inflate(ZlibDecoder::new(payload.as_slice()))
                .or_else(|_| inflate(DeflateDecoder::new(payload.as_slice())))?
        }
        Some(other) => return Err(Skip(format!("unsupported content encoding {other}"))),
    }
    Ok(Page {
        html: payload,
        charset: charset_of(&content_type),
    })
}

fn inflate(decoder: impl Read) -> Result<Vec<u8>, Skip> {
    let mut out = Vec::new();
    decoder
        .take(MAX_EXPANDED + 1)
        .read_to_end(&mut out)
        .map_err(|e| Skip(format!("payload cannot be decompressed ({e})")))?;
    if out.len() as u64 > MAX_EXPANDED {
        return Err(Skip(format!(
            "payload expands over {} MB",
            MAX_EXPANDED >> 20
        )));
    }
    Ok(out)
}

/// Undoes chunked transfer coding; `None` when the chunks are malformed.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}

/// The page turned into an article; the URL is the record's target.
fn article(
    page: Page,
    uri: Option<&str>,
    titles: &Titles,
    sink: &mut Sink<'_>,
) -> Result<RawArticle, Skip> {
    let declared = page.charset.or_else(|| html::declared_charset(&page.html));
    let text = encoding::decode(&page.html, declared.as_deref())
        .map_err(|e| Skip(format!("page cannot be decoded ({e})")))?
        .text;
    if !sink.spend_markup(text.len()) {
        return Err(Skip(
            "page not read: the file's markup budget is spent".into(),
        ));
    }
    let mut raw = html::parse(&text, uri).map_err(|e| Skip(e.to_string()))?;
    if raw.title.is_none() {
        raw.title = uri.and_then(|u| titles.get(u)).cloned();
    }
    raw.format = Some(Format::Warc);
    Ok(raw)
}

fn is_html(content_type: &str) -> bool {
    let mime = mime_of(content_type);
    mime == "text/html" || mime == "application/xhtml+xml"
}

fn mime_of(content_type: &str) -> String {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if mime.is_empty() {
        "no content type".into()
    } else {
        mime
    }
}

fn charset_of(content_type: &str) -> Option<String> {
    content_type
        .split(';')
        .skip(1)
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
}

fn sniff_html(payload: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&payload[..payload.len().min(512)]).to_ascii_lowercase();
    head.trim_start().starts_with("<!doctype html") || head.contains("<html")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads a WACZ package: its `archive/*.warc(.gz)` files, with page titles
/// from `pages/pages.jsonl`.
pub(super) fn read_wacz(origin: &Origin, bytes: &[u8], sink: &mut Sink<'_>) {
    let mut entries = match Entries::open(bytes) {
        Ok(entries) => entries,
        Err(reason) => {
            sink.emit(Item::failed(origin.clone(), reason));
            return;
        }
    };
    let mut titles = Titles::new();
    match entries.read_named("pages/pages.jsonl") {
        Ok(Some(pages)) => {
            for line in String::from_utf8_lossy(&pages).lines() {
                let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                if let (Some(url), Some(title)) = (
                    value.get("url").and_then(|v| v.as_str()),
                    value.get("title").and_then(|v| v.as_str()),
                ) {
                    let title = title.trim();
                    if !title.is_empty() {
                        titles.insert(url.to_string(), title.to_string());
                    }
                }
            }
        }
        Ok(None) => {}
        Err(reason) => sink.emit(Item::Warning {
            path: origin.path.clone(),
            message: reason,
        }),
    }
    let mut found = false;
    for (index, name) in entries.names().into_iter().enumerate() {
        if sink.stopped() {
            return;
        }
        let lower = name.to_ascii_lowercase();
        if !(lower.starts_with("archive/")
            && (lower.ends_with(".warc") || lower.ends_with(".warc.gz")))
        {
            continue;
        }
        found = true;
        let inner = Origin::file(format!("{}!/{}", origin.path, super::zip::sanitize(&name)));
        match entries.read(index) {
            Ok((_, Some(warc))) => read(&inner, &warc, &titles, sink),
            Ok((_, None)) => {}
            Err(reason) => sink.emit(Item::failed(inner, reason)),
        }
    }
    if !found {
        sink.emit(Item::failed(
            origin.clone(),
            "WACZ package has no archive/*.warc files",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(dechunk(b"ff\r\nshort"), None);
    }

    #[test]
    fn content_types() {
        assert!(is_html("text/html; charset=ISO-8859-1"));
        assert_eq!(
            charset_of("text/html; charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert!(!is_html("image/png"));
    }
}
