//! HTML pages: the main text by dom_smoothie (a port of Mozilla's
//! Readability), metadata from `<meta>` tags, OpenGraph and JSON-LD.
//!
//! The page's markup never reaches the archive: only the extracted text is
//! stored, so an article cannot carry script into the reader.
//!
//! A page is hostile input: the readability pass recurses once per level of
//! element nesting (20,000 unclosed `<div>`s overflow any thread's stack and
//! abort the process) and its cost grows with the square of the depth, and
//! html5ever's tree builder walks the stack of open elements for every tag.
//! So [`parse`] first estimates the page's shape from its tags alone
//! ([`check_shape`], linear, no tree) and refuses pages nested deeper than
//! [`MAX_DEPTH`] or with more than [`MAX_ELEMENTS`] elements, then measures
//! the parsed tree exactly before readability reads it.

mod metadata;
mod shape;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::dates::parse_published;
use super::text::tidy;
use crate::model::{Format, RawArticle};
use metadata::Meta;
use shape::check_tree;
pub use shape::{check_shape, strip_tags};

/// Deepest element nesting read. Real pages stay under 100 levels; the
/// readability pass needs a few kilobytes of stack per level.
pub const MAX_DEPTH: usize = 512;
/// Most elements in one page (a long news page has a few thousand).
pub const MAX_ELEMENTS: usize = 100_000;

/// Why a page yielded no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    /// Readability found no block of article text.
    #[error("no article text found in HTML page")]
    NoArticle,
    /// Elements nested deeper than [`MAX_DEPTH`].
    #[error(
        "HTML page nests elements more than {MAX_DEPTH} deep (near byte {at}): refused as broken or hostile markup"
    )]
    TooDeep {
        /// Byte offset of the tag that went over the limit (0 when measured on the tree).
        at: usize,
    },
    /// More than [`MAX_ELEMENTS`] elements.
    #[error("HTML page has more than {MAX_ELEMENTS} elements: refused as broken or hostile markup")]
    TooManyElements,
}

/// The `charset` a page declares in its first bytes, if any.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = head[at + 8..].trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

/// Reads an article out of an HTML page. `url` is where the page was
/// fetched from, when known (WARC records, e-mail links).
pub fn parse(html: &str, url: Option<&str>) -> Result<RawArticle, HtmlError> {
    check_shape(html)?;
    let doc = Document::from(html);
    check_tree(&doc.root())?;
    let meta = Meta::read(&doc);

    let base_url = url
        .or(meta.canonical.as_deref())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let readability = Readability::with_document(doc, base_url, Some(config.clone()))
        .or_else(|_| Readability::new(html, None, Some(config)));
    let parsed = readability.ok().and_then(|mut r| r.parse().ok());
    let Some(parsed) = parsed else {
        return Err(HtmlError::NoArticle);
    };

    let site_name = meta.site_name.clone().or(parsed.site_name.clone());
    let title = meta
        .title
        .clone()
        .or_else(|| Some(parsed.title.to_string()))
        .map(|t| strip_site_suffix(&t, site_name.as_deref()));
    let author = meta
        .author
        .clone()
        .or(parsed.byline.clone())
        .map(|a| a.trim().trim_start_matches("By ").trim().to_string());
    let mut text = tidy(&parsed.text_content);
    if let Some(author) = &author {
        text = drop_byline_line(&text, author);
    }
    if text.split_whitespace().count() < 5 {
        return Err(HtmlError::NoArticle);
    }
    let published = meta
        .published
        .as_deref()
        .or(parsed.published_time.as_deref())
        .and_then(parse_published);

    Ok(RawArticle {
        title: title.filter(|t| !t.is_empty()),
        text,
        url: url.map(str::to_string).or(meta.canonical.clone()),
        canonical_url: meta.canonical.clone(),
        source_name: site_name,
        published,
        author: author.filter(|a| !a.is_empty()),
        language: meta.language.clone().or(parsed.lang.clone()),
        format: Some(Format::Html),
        ..RawArticle::default()
    })
}

/// "Headline - Site" / "Headline | Site" → "Headline".
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    if let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) {
        for sep in [" | ", " - ", " — ", " – ", " :: "] {
            if let Some(head) = title.strip_suffix(site).and_then(|t| t.strip_suffix(sep)) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Removes a leading "By Name" line that repeats the byline.
fn drop_byline_line(text: &str, author: &str) -> String {
    let Some((first, rest)) = text.split_once('\n') else {
        return text.to_string();
    };
    let first = first.trim();
    if first.len() < 120
        && first.starts_with("By ")
        && first.contains(author.split_whitespace().next().unwrap_or("\u{0}"))
    {
        return rest.trim_start().to_string();
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Strikes hit three sites - The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2023-12-26T04:10:00Z">
<link rel="canonical" href="https://example.com/world/strikes">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Strikes hit three sites","author":{"name":"Jane Roe"}}</script>
</head><body><nav>Home | World | Sport</nav><article>
<p>By Jane Roe</p>
<p>The military carried out strikes on three sites used by armed groups on Monday after an attack wounded three personnel earlier in the day, officials said.</p>
<p>Officials said the strikes were necessary and proportionate, and that the facilities were used to store weapons and drones for attacks on bases in the region.</p>
<p>The attack was claimed by a coalition of groups, which said it would continue its campaign until foreign forces leave the country, according to a statement.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"#;

    #[test]
    fn reads_main_text_and_metadata() {
        let a = parse(PAGE, None).expect("page has an article");
        assert_eq!(a.title.as_deref(), Some("Strikes hit three sites"));
        assert_eq!(a.source_name.as_deref(), Some("The Daily Example"));
        assert_eq!(
            a.canonical_url.as_deref(),
            Some("https://example.com/world/strikes")
        );
        assert_eq!(a.author.as_deref(), Some("Jane Roe"));
        assert_eq!(
            a.published.map(|p| p.date.to_string()),
            Some("2023-12-26".into())
        );
        assert!(
            a.text.starts_with("The military carried out strikes"),
            "{}",
            a.text
        );
        assert!(!a.text.contains("Subscribe"));
        assert!(!a.text.contains("Home | World"));
    }

    #[test]
    fn a_page_without_article_text_is_an_error() {
        assert_eq!(
            parse("<html><body><nav>Home</nav></body></html>", None),
            Err(HtmlError::NoArticle)
        );
    }

    #[test]
    fn shape_follows_the_html_rules_that_decide_depth() {
        let deep = |piece: &str, times: usize| check_shape(&piece.repeat(times));
        // End tags a page may leave out, void elements, raw text, comments.
        assert_eq!(deep("<li>item", 2_000), Ok(()));
        assert_eq!(deep("<p>para", 2_000), Ok(()));
        assert_eq!(deep("<p>para<div>block</div>", 2_000), Ok(()));
        assert_eq!(deep("<br><img src=x><input>", 2_000), Ok(()));
        assert_eq!(deep("<script>if (a <div) {}</script>", 2_000), Ok(()));
        assert_eq!(deep("<!-- <div> -->", 2_000), Ok(()));
        assert_eq!(deep("<a title='x>y' href=\"b>c\">link</a>", 2_000), Ok(()));
        assert_eq!(
            check_shape(&format!("<svg>{}</svg>", "<path d=\"M0\"/>".repeat(2_000))),
            Ok(())
        );
        // What does nest: unclosed blocks, self-closing syntax on HTML
        // elements (ignored by HTML), end tags outside their scope.
        assert!(matches!(deep("<div>", 600), Err(HtmlError::TooDeep { .. })));
        assert!(matches!(
            deep("<div/>", 600),
            Err(HtmlError::TooDeep { .. })
        ));
        assert!(matches!(
            deep("<div><table><tr><td></div>", 200),
            Err(HtmlError::TooDeep { .. })
        ));
        assert_eq!(
            check_shape(&"<b>x</b>".repeat(MAX_ELEMENTS + 1)),
            Err(HtmlError::TooManyElements)
        );
    }

    #[test]
    fn tags_are_stripped_without_parsing() {
        assert_eq!(
            strip_tags("<b>Flood</b> <i>warning</i>"),
            " Flood   warning "
        );
    }

    #[test]
    fn charset_is_read_from_meta() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1252\">"),
            Some("windows-1252".into())
        );
    }
}
