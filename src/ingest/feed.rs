//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed, parsed by feed-rs.
//!
//! Each item becomes an article: its title, link, author, publication date
//! (else its updated date), and the feed's title as the outlet. When the
//! item carries full content (`content:encoded`, Atom `<content>`, JSON
//! Feed `content_html`/`content_text`) that is the text; otherwise the
//! summary is used and the article is marked `partial`, because a teaser
//! is not the article and comparisons must know it.

use dom_query::Document;
use feed_rs::model::{Entry, Feed};

use super::dates::parse_published;
use super::html;
use super::text::tidy;
use super::{Item, Sink};
use crate::model::{Format, Origin, RawArticle};

/// Reads every item of a feed.
pub(super) fn read(origin: &Origin, bytes: &[u8], sink: &mut Sink<'_>) {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(feed) => feed,
        Err(e) => {
            sink.emit(Item::failed(
                origin.clone(),
                format!("feed could not be parsed ({e})"),
            ));
            return;
        }
    };
    if feed.entries.is_empty() {
        sink.emit(Item::failed(origin.clone(), "feed has no items"));
        return;
    }
    let source = feed
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|t| !t.is_empty());
    for entry in &feed.entries {
        if sink.stopped() {
            return;
        }
        let markup = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_ref())
            .map_or(0, String::len)
            + entry.summary.as_ref().map_or(0, |s| s.content.len());
        if !sink.spend_markup(markup) {
            continue;
        }
        sink.emit(item(origin, &feed, entry, source.clone()));
    }
}

fn item(origin: &Origin, feed: &Feed, entry: &Entry, source: Option<String>) -> Item {
    let record = Some(entry.id.trim().to_string()).filter(|id| !id.is_empty());
    let origin = Origin {
        record: record.clone(),
        ..origin.clone()
    };
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|l| !l.is_empty());
    let full = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(|body| to_text(body, link.as_deref()))
        .filter(|t| !t.is_empty());
    let (text, partial) = match full {
        Some(text) => (text, false),
        None => match entry
            .summary
            .as_ref()
            .map(|s| to_text(&s.content, link.as_deref()))
            .filter(|t| !t.is_empty())
        {
            Some(summary) => (summary, true),
            None => {
                return Item::Skipped {
                    origin,
                    reason: "feed item has no text".into(),
                };
            }
        },
    };
    let author = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().map(str::trim).filter(|n| !n.is_empty()))
        .collect::<Vec<_>>()
        .join(", ");
    let published = entry
        .published
        .or(entry.updated)
        .and_then(|d| parse_published(&d.to_rfc3339()));
    Item::Article(RawArticle {
        origin,
        external_id: record,
        title: entry
            .title
            .as_ref()
            .map(|t| plain(&t.content))
            .filter(|t| !t.is_empty()),
        text,
        url: link,
        source_name: source,
        published,
        author: Some(author).filter(|a| !a.is_empty()),
        language: feed.language.clone(),
        format: Some(Format::Feed),
        partial,
        ..RawArticle::default()
    })
}

/// Item content to plain text: markup through the page reader (as a
/// one-article page), short fragments it declines by their text content.
fn to_text(content: &str, link: Option<&str>) -> String {
    if !content.contains('<') {
        return tidy(&decode_entities(content));
    }
    let page = format!("<html><body><article>{content}</article></body></html>");
    match html::parse(&page, link) {
        Ok(article) => article.text,
        Err(_) => plain(content),
    }
}

/// Text of a fragment of markup, whitespace collapsed.
fn plain(content: &str) -> String {
    if !content.contains('<') && !content.contains('&') {
        return content.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if html::check_shape(content).is_err() {
        return html::strip_tags(content)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    }
    let document = Document::from(format!("<html><body>{content}</body></html>").as_str());
    document
        .select("body")
        .text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn decode_entities(content: &str) -> String {
    if content.contains('&') {
        plain(content)
    } else {
        content.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_become_text() {
        assert_eq!(
            plain("<b>Floods</b> hit &amp; recede"),
            "Floods hit & recede"
        );
        assert_eq!(to_text("Plain summary line.", None), "Plain summary line.");
    }
}
