//! E-mail: single `.eml` messages and Unix mailboxes (`.mbox`).
//!
//! mail-parser decodes the MIME structure (multipart bodies,
//! quoted-printable, base64, charsets, encoded headers). The HTML body goes
//! through the same page reader as `.html` files, with the text/plain part
//! as the fallback. The subject is the title, the Date header the
//! publication date, the sender's display name (else the domain of the
//! address) the outlet, and the Message-ID the record and external id.
//!
//! A newsletter carrying several stories is split only when its markup
//! says so plainly: two or more `<article>` elements, or two or more
//! `<h2>` sections, each with [`SECTION_MIN_WORDS`] words or more and
//! together holding most of the text. Anything less clear stays one article.
//!
//! Mailboxes are split on `From ` lines that open the file or follow a
//! blank line and are followed by header lines; `>From ` escapes in bodies
//! (mboxrd) lose one `>`.

use dom_query::Document;
use mail_parser::{Message, MessageParser};

use super::dates::parse_published;
use super::html;
use super::text::tidy;
use super::{Item, Sink};
use crate::model::{Format, Origin, RawArticle};

/// Fewest words a newsletter section needs to become its own article.
pub const SECTION_MIN_WORDS: usize = 80;

/// Reads one `.eml` message.
pub(super) fn read_message(origin: &Origin, bytes: &[u8], sink: &mut Sink<'_>) {
    read_one(origin.clone(), bytes, Format::Email, sink);
}

/// Reads every message of a mailbox.
pub(super) fn read_mbox(origin: &Origin, bytes: &[u8], sink: &mut Sink<'_>) {
    let messages = split_mbox(bytes);
    if messages.is_empty() {
        sink.emit(Item::failed(origin.clone(), "mailbox holds no messages"));
        return;
    }
    for (offset, line, raw) in messages {
        if sink.stopped() {
            return;
        }
        let unescaped = unescape_from_lines(raw);
        let at = Origin {
            path: origin.path.clone(),
            record: None,
            line: Some(line),
            offset: Some(offset as u64),
        };
        read_one(at, &unescaped, Format::Mbox, sink);
    }
}

fn read_one(origin: Origin, bytes: &[u8], format: Format, sink: &mut Sink<'_>) {
    let Some(message) = MessageParser::default().parse(bytes) else {
        sink.emit(Item::failed(origin, "not a readable e-mail message"));
        return;
    };
    if message.headers().is_empty() {
        sink.emit(Item::failed(
            origin,
            "not a readable e-mail message (no headers)",
        ));
        return;
    }
    let message_id = message
        .message_id()
        .map(|id| id.trim_matches(['<', '>']).to_string())
        .filter(|id| !id.is_empty());
    let origin = Origin {
        record: message_id.clone(),
        ..origin
    };
    let base = RawArticle {
        origin: origin.clone(),
        external_id: message_id.clone(),
        title: message
            .subject()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        source_name: sender(&message),
        published: message
            .date()
            .filter(|d| d.year >= 1900)
            .and_then(|d| parse_published(&d.to_rfc3339())),
        format: Some(format),
        ..RawArticle::default()
    };

    // Why the HTML body gave no article, when the text part gives none either.
    let mut html_problem = None;
    if let Some(html_body) = message
        .body_html(0)
        .filter(|_| message.html_body_count() > 0 && has_html_part(&message))
    {
        if !sink.spend_markup(html_body.len()) {
            html_problem =
                Some("its HTML body was not read: the file's markup budget is spent".to_string());
        } else if let Err(e) = html::check_shape(&html_body) {
            html_problem = Some(e.to_string());
        } else {
            let sections = newsletter_sections(&html_body);
            if sections.len() >= 2 {
                for (number, (title, text)) in sections.into_iter().enumerate() {
                    let record = format!(
                        "{}#{}",
                        message_id.as_deref().unwrap_or("message"),
                        number + 1
                    );
                    sink.emit(Item::Article(RawArticle {
                        origin: Origin {
                            record: Some(record.clone()),
                            ..origin.clone()
                        },
                        external_id: message_id.as_ref().map(|_| record),
                        title: Some(title),
                        text,
                        ..base.clone()
                    }));
                }
                return;
            }
            if let Ok(page) = html::parse(&html_body, None) {
                sink.emit(Item::Article(RawArticle {
                    text: page.text,
                    title: base.title.clone().or(page.title),
                    author: page.author,
                    language: page.language,
                    url: page.url,
                    ..base
                }));
                return;
            }
        }
    }
    let plain = message.body_text(0).map(|t| tidy(&t)).unwrap_or_default();
    if plain.split_whitespace().next().is_none() {
        let reason = html_problem.unwrap_or_else(|| "message has no readable body".into());
        sink.emit(Item::failed(origin, reason));
        return;
    }
    sink.emit(Item::Article(RawArticle {
        text: plain,
        ..base
    }));
}

/// True when a real text/html part exists (mail-parser otherwise renders
/// the plain text as HTML on request).
fn has_html_part(message: &Message<'_>) -> bool {
    message.parts.iter().any(|p| p.is_text_html())
}

/// The sender's display name, else the domain of the address.
fn sender(message: &Message<'_>) -> Option<String> {
    let from = message.from().and_then(|a| a.first())?;
    if let Some(name) = from.name().map(str::trim).filter(|n| !n.is_empty()) {
        return Some(name.trim_matches('"').to_string());
    }
    from.address()
        .and_then(|a| a.rsplit_once('@'))
        .map(|(_, domain)| domain.to_ascii_lowercase())
        .filter(|d| !d.is_empty())
}

/// Stories of a newsletter, `(title, text)` each, when the markup makes the
/// split plain; empty otherwise.
fn newsletter_sections(html_body: &str) -> Vec<(String, String)> {
    let document = Document::from(html_body);
    let total_words = document.select("body").text().split_whitespace().count();
    let articles: Vec<String> = document
        .select("article")
        .iter()
        .map(|node| node.html().to_string())
        .collect();
    let candidates: Vec<String> = if articles.len() >= 2 {
        articles
    } else {
        h2_sections(html_body)
    };
    if candidates.len() < 2 {
        return Vec::new();
    }
    let mut sections = Vec::new();
    let mut covered = 0;
    for fragment in candidates {
        let fragment_doc = Document::from(fragment.as_str());
        let title = fragment_doc
            .select("h1, h2, h3")
            .first()
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let words = fragment_doc
            .select("body")
            .text()
            .split_whitespace()
            .count();
        if words < SECTION_MIN_WORDS || title.is_empty() {
            continue;
        }
        let page = format!("<html><body><article>{fragment}</article></body></html>");
        let Ok(parsed) = html::parse(&page, None) else {
            continue;
        };
        covered += words;
        sections.push((title, parsed.text));
    }
    // Most of the message must be in the sections, or the split is a guess.
    if sections.len() >= 2 && covered * 10 >= total_words * 6 {
        sections
    } else {
        Vec::new()
    }
}

/// The HTML cut at each `<h2`, the part before the first heading dropped.
fn h2_sections(html_body: &str) -> Vec<String> {
    let lower = html_body.to_ascii_lowercase();
    let starts: Vec<usize> = lower
        .match_indices("<h2")
        .map(|(i, _)| i)
        .filter(|&i| {
            lower
                .as_bytes()
                .get(i + 3)
                .is_some_and(|b| *b == b'>' || b.is_ascii_whitespace())
        })
        .collect();
    let mut sections = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or_else(|| {
            lower
                .rfind("</body")
                .filter(|&e| e > start)
                .unwrap_or(lower.len())
        });
        // Tags are ASCII, so these offsets are character boundaries.
        if let Some(fragment) = html_body.get(start..end) {
            sections.push(fragment.to_string());
        }
    }
    sections
}

/// Messages of a mailbox: `(byte offset, 1-based line, bytes)` each, the
/// `From ` separator line excluded.
fn split_mbox(bytes: &[u8]) -> Vec<(usize, u64, &[u8])> {
    let mut starts: Vec<(usize, u64)> = Vec::new();
    let mut position = 0;
    let mut line_number = 1u64;
    let mut previous_blank = true;
    while position < bytes.len() {
        let end = bytes[position..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| position + i + 1);
        let line = &bytes[position..end];
        if previous_blank && line.starts_with(b"From ") && next_is_header(&bytes[end..]) {
            starts.push((position, line_number));
        }
        previous_blank = line.iter().all(|b| b.is_ascii_whitespace());
        position = end;
        line_number += 1;
    }
    let mut messages = Vec::new();
    for (n, &(start, line)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(bytes.len(), |next| next.0);
        let body_start = bytes[start..end]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(end, |i| start + i + 1);
        messages.push((start, line, &bytes[body_start..end]));
    }
    messages
}

/// The line after a `From ` separator must be a header, so a body line
/// that happens to start with "From " after a blank line is not a split.
fn next_is_header(rest: &[u8]) -> bool {
    let line_end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
    let line = &rest[..line_end];
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return false;
    };
    colon > 0
        && line[..colon]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// `>From ` → `From `, `>>From ` → `>From ` (mboxrd).
fn unescape_from_lines(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    for line in raw.split_inclusive(|&b| b == b'\n') {
        let quotes = line.iter().take_while(|&&b| b == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            out.extend_from_slice(&line[1..]);
        } else {
            out.extend_from_slice(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mbox_splits_on_separators_only() {
        let mbox = b"From a@x Mon Jan  1 00:00:00 2024\nFrom: a@x\nSubject: one\n\nBody one.\n\nFrom here on, it rained.\n>From the start.\n\nFrom b@y Mon Jan  1 00:00:00 2024\nFrom: b@y\nSubject: two\n\nBody two.\n";
        let parts = split_mbox(mbox);
        assert_eq!(
            parts.iter().map(|(o, l, _)| (*o, *l)).collect::<Vec<_>>(),
            vec![(0, 1), (112, 10)]
        );
        let first = String::from_utf8(unescape_from_lines(parts[0].2)).expect("utf-8");
        assert!(
            first.ends_with("From here on, it rained.\nFrom the start.\n\n"),
            "{first}"
        );
    }

    #[test]
    fn sender_name_or_domain() {
        let named = MessageParser::default()
            .parse(b"From: \"Valley Courier\" <news@courier.example>\nSubject: x\n\nbody")
            .expect("parses");
        assert_eq!(sender(&named).as_deref(), Some("Valley Courier"));
        let bare = MessageParser::default()
            .parse(b"From: news@Courier.example\nSubject: x\n\nbody")
            .expect("parses");
        assert_eq!(sender(&bare).as_deref(), Some("courier.example"));
    }
}
