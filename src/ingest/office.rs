//! Word processor documents: DOCX (Office Open XML) and ODT (OpenDocument).
//!
//! Both are zips of XML. The body is read paragraph by paragraph with
//! quick-xml, headings kept as lines of their own, paragraphs separated by
//! a blank line. Title, author and creation date come from the document
//! properties (`docProps/core.xml`, `meta.xml`); without a stored title
//! the first heading is used. The creation date is the closest thing a
//! document has to a publication date, so it is taken as one.
//!
//! The small XML walker here is shared with the EPUB reader.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::dates::parse_published;
use super::zip::Entries;
use super::{Item, Sink};
use crate::model::{Format, Origin, RawArticle};

/// One step through an XML document, names without their prefix.
pub(super) enum Node<'a> {
    /// An opening tag (an empty element gives `Open` then `Close`).
    Open {
        name: &'a str,
        attributes: Vec<(String, String)>,
    },
    /// A closing tag.
    Close { name: &'a str },
    /// Character data, entities resolved.
    Text(&'a str),
}

/// Walks `xml`, calling `visit` for each node; `Err` when the XML is broken.
pub(super) fn walk_xml(xml: &str, visit: &mut dyn FnMut(Node<'_>)) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {} ({e})", reader.buffer_position()))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(tag) | Event::Empty(tag) => {
                let qualified = String::from(tag.name().as_ref());
                let name = local(&qualified);
                let attributes = tag
                    .attributes()
                    .flatten()
                    .map(|a| {
                        let key = String::from(a.key.as_ref());
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::default())
                            .map(|v| v.into_owned())
                            .unwrap_or_default();
                        (local(&key).to_string(), value)
                    })
                    .collect();
                visit(Node::Open { name, attributes });
                if empty {
                    visit(Node::Close { name });
                }
            }
            Event::End(tag) => {
                let qualified = String::from(tag.name().as_ref());
                visit(Node::Close {
                    name: local(&qualified),
                });
            }
            Event::Text(text) => visit(Node::Text(&text.xml10_content())),
            Event::CData(data) => visit(Node::Text(&data.xml10_content())),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match reference.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        "nbsp" => Some('\u{a0}'),
                        _ => None,
                    },
                };
                if let Some(c) = resolved {
                    visit(Node::Text(c.encode_utf8(&mut [0; 4])));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn local(qualified: &str) -> &str {
    qualified.rsplit(':').next().unwrap_or(qualified)
}

/// Attribute value by local name.
pub(super) fn attribute<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Document properties: `(title, creator, created)` from Dublin Core
/// elements, wherever they sit in the file.
pub(super) fn dublin_core(
    xml: &str,
    date_elements: &[&str],
) -> (Option<String>, Option<String>, Option<String>) {
    let (mut title, mut creator, mut created) = (None, None, None);
    let mut current: Option<String> = None;
    let mut buffer = String::new();
    let walked = walk_xml(xml, &mut |node| match node {
        Node::Open { name, .. } => {
            current = Some(name.to_string());
            buffer.clear();
        }
        Node::Text(text) => buffer.push_str(text),
        Node::Close { name } => {
            if current.as_deref() == Some(name) {
                let value = buffer.split_whitespace().collect::<Vec<_>>().join(" ");
                if !value.is_empty() {
                    match name {
                        "title" if title.is_none() => title = Some(value),
                        "creator" | "initial-creator" if creator.is_none() => creator = Some(value),
                        other if created.is_none() && date_elements.contains(&other) => {
                            created = Some(value)
                        }
                        _ => {}
                    }
                }
            }
            current = None;
        }
    });
    if walked.is_err() {
        return (None, None, None);
    }
    (title, creator, created)
}

/// Paragraphs of a body, each with whether it is a heading.
struct Paragraphs {
    done: Vec<(String, bool)>,
    current: String,
    heading: bool,
}

impl Paragraphs {
    fn new() -> Self {
        Paragraphs {
            done: Vec::new(),
            current: String::new(),
            heading: false,
        }
    }

    fn finish(&mut self) {
        let text = self
            .current
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n");
        let text = text.trim().to_string();
        if !text.is_empty() {
            self.done.push((text, self.heading));
        }
        self.current.clear();
        self.heading = false;
    }

    fn text(&self) -> String {
        self.done
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    fn first_heading(&self) -> Option<String> {
        self.done
            .iter()
            .find(|(_, heading)| *heading)
            .map(|(p, _)| p.replace('\n', " "))
    }
}

/// Reads a DOCX document.
pub(super) fn read_docx(origin: &Origin, bytes: &[u8], sink: &mut Sink<'_>) {
    sink.emit(match docx(bytes) {
        Ok(mut article) => {
            article.origin = origin.clone();
            Item::Article(article)
        }
        Err(reason) => Item::failed(origin.clone(), reason),
    });
}

fn docx(bytes: &[u8]) -> Result<RawArticle, String> {
    let mut entries = Entries::open(bytes)?;
    let body = entries
        .read_named("word/document.xml")?
        .ok_or("DOCX has no word/document.xml")?;
    let body =
        String::from_utf8(body).map_err(|e| format!("word/document.xml is not UTF-8 ({e})"))?;
    let mut paragraphs = Paragraphs::new();
    // Text inside deleted revisions and field instructions is not content.
    let mut skipping = 0u32;
    walk_xml(&body, &mut |node| match node {
        Node::Open { name, attributes } => match name {
            "del" | "instrText" | "delText" => skipping += 1,
            "pStyle" => {
                let style = attribute(&attributes, "val")
                    .unwrap_or("")
                    .to_ascii_lowercase();
                paragraphs.heading = style.starts_with("heading") || style == "title";
            }
            "tab" if skipping == 0 => paragraphs.current.push('\t'),
            "br" | "cr" if skipping == 0 => paragraphs.current.push('\n'),
            _ => {}
        },
        Node::Close { name } => match name {
            "del" | "instrText" | "delText" => skipping = skipping.saturating_sub(1),
            "p" => paragraphs.finish(),
            _ => {}
        },
        Node::Text(text) if skipping == 0 => paragraphs.current.push_str(text),
        Node::Text(_) => {}
    })
    .map_err(|e| format!("word/document.xml: {e}"))?;
    paragraphs.finish();
    let (title, author, created) = match entries.read_named("docProps/core.xml") {
        Ok(Some(core)) => dublin_core(&String::from_utf8_lossy(&core), &["created"]),
        _ => (None, None, None),
    };
    finish(paragraphs, title, author, created, Format::Docx)
}

/// Reads an ODT document.
pub(super) fn read_odt(origin: &Origin, bytes: &[u8], sink: &mut Sink<'_>) {
    sink.emit(match odt(bytes) {
        Ok(mut article) => {
            article.origin = origin.clone();
            Item::Article(article)
        }
        Err(reason) => Item::failed(origin.clone(), reason),
    });
}

fn odt(bytes: &[u8]) -> Result<RawArticle, String> {
    let mut entries = Entries::open(bytes)?;
    let body = entries
        .read_named("content.xml")?
        .ok_or("ODT has no content.xml")?;
    let body = String::from_utf8(body).map_err(|e| format!("content.xml is not UTF-8 ({e})"))?;
    let mut paragraphs = Paragraphs::new();
    let mut in_body = false;
    // Notes and annotations interrupt the paragraph they sit in.
    let mut skipping = 0u32;
    walk_xml(&body, &mut |node| match node {
        Node::Open { name, attributes } => match name {
            "body" => in_body = true,
            "note" | "annotation" | "tracked-changes" => skipping += 1,
            "h" if skipping == 0 => {
                paragraphs.finish();
                paragraphs.heading = true;
            }
            "p" if skipping == 0 => paragraphs.finish(),
            "s" if skipping == 0 => {
                let count = attribute(&attributes, "c")
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(1)
                    .min(64);
                paragraphs.current.push_str(&" ".repeat(count));
            }
            "tab" if skipping == 0 => paragraphs.current.push('\t'),
            "line-break" if skipping == 0 => paragraphs.current.push('\n'),
            _ => {}
        },
        Node::Close { name } => match name {
            "note" | "annotation" | "tracked-changes" => skipping = skipping.saturating_sub(1),
            "p" | "h" if skipping == 0 => paragraphs.finish(),
            _ => {}
        },
        Node::Text(text) if in_body && skipping == 0 => paragraphs.current.push_str(text),
        Node::Text(_) => {}
    })
    .map_err(|e| format!("content.xml: {e}"))?;
    paragraphs.finish();
    let (title, author, created) = match entries.read_named("meta.xml") {
        Ok(Some(meta)) => dublin_core(&String::from_utf8_lossy(&meta), &["creation-date", "date"]),
        _ => (None, None, None),
    };
    finish(paragraphs, title, author, created, Format::Odt)
}

fn finish(
    paragraphs: Paragraphs,
    title: Option<String>,
    author: Option<String>,
    created: Option<String>,
    format: Format,
) -> Result<RawArticle, String> {
    let text = paragraphs.text();
    if text.split_whitespace().next().is_none() {
        return Err("document has no text".into());
    }
    Ok(RawArticle {
        title: title.or_else(|| paragraphs.first_heading()),
        text,
        author,
        published: created.as_deref().and_then(parse_published),
        format: Some(format),
        ..RawArticle::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dublin_core_fields() {
        let core = r#"<?xml version="1.0"?><cp:coreProperties xmlns:dc="d" xmlns:dcterms="t"><dc:title>Port &amp; harbour</dc:title><dc:creator>A. Writer</dc:creator><dcterms:created>2024-03-05T10:00:00Z</dcterms:created></cp:coreProperties>"#;
        assert_eq!(
            dublin_core(core, &["created"]),
            (
                Some("Port & harbour".into()),
                Some("A. Writer".into()),
                Some("2024-03-05T10:00:00Z".into())
            )
        );
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(walk_xml("<a><b></a>", &mut |_| {}).is_err());
    }
}
