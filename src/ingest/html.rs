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

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};

use super::dates::parse_published;
use super::text::tidy;
use crate::model::{Format, RawArticle};

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

/// Elements whose end tag may be left out: a new one of the same name ends
/// the one open at the top of the stack (`<li>a<li>b`, `<p>a<p>b`).
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rtc", "rp",
    "thead", "tbody", "tfoot", "colgroup", "caption",
];
/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr", "basefont", "bgsound", "frame",
];
/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];
/// Elements that bound the search for an end tag's element (HTML's
/// "scope"): `</div>` inside a table cell closes nothing outside the cell.
const SCOPE_BOUNDARY: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];
/// Block elements whose start closes an open `<p>` directly above them.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "hr",
    "table",
];

/// Estimates the page's element count and nesting depth from its tags
/// alone, following HTML's rules closely enough never to see a page as
/// shallower than a parser builds it: self-closing syntax counts only inside
/// SVG and MathML, end tags close only what is in scope, and only the end
/// tags HTML lets a page leave out are implied. Linear in the page's length.
pub fn check_shape(html: &str) -> Result<(), HtmlError> {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut elements = 0usize;
    let mut position = 0;
    while let Some(found) = bytes[position..].iter().position(|&b| b == b'<') {
        let start = position + found;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            position = find(bytes, start + 4, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        if rest.first().is_some_and(|b| *b == b'!' || *b == b'?') {
            position = find(bytes, start + 1, b">").map_or(bytes.len(), |end| end + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_length = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_length == 0 || !bytes[name_start].is_ascii_alphabetic() {
            position = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_length].to_ascii_lowercase();
        let (tag_end, self_closing) = tag_end(bytes, name_start + name_length);
        position = tag_end;
        if closing {
            close(&mut open, &name);
            continue;
        }
        elements += 1;
        if elements > MAX_ELEMENTS {
            return Err(HtmlError::TooManyElements);
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let end_tag = format!("</{name}");
            position =
                find_ignoring_case(bytes, position, end_tag.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        let foreign = || open.iter().any(|o| o == "svg" || o == "math");
        if VOID.contains(&name.as_str()) || (self_closing && foreign()) {
            continue;
        }
        let top = open.last().map(String::as_str);
        if (OPTIONAL_END.contains(&name.as_str()) && top == Some(name.as_str()))
            || (CLOSES_P.contains(&name.as_str()) && top == Some("p"))
        {
            open.pop();
        }
        open.push(name);
        if open.len() > MAX_DEPTH {
            return Err(HtmlError::TooDeep { at: start });
        }
    }
    Ok(())
}

/// The text of markup with every tag removed, for markup too deep or too
/// large to parse (a feed title): linear, no tree.
pub fn strip_tags(markup: &str) -> String {
    let mut text = String::with_capacity(markup.len());
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Pops back to the open element an end tag names, if it is in scope;
/// an end tag for nothing open (or out of scope) is ignored, as HTML does.
fn close(open: &mut Vec<String>, name: &str) {
    for index in (0..open.len()).rev() {
        if open[index] == name {
            open.truncate(index);
            return;
        }
        if SCOPE_BOUNDARY.contains(&open[index].as_str()) {
            return;
        }
    }
}

/// Where a tag ends (after its `>`), and whether it ends with `/>`. Quoted
/// attribute values may hold `>`.
fn tag_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut index = from;
    let mut after_equals = false;
    while index < bytes.len() {
        match bytes[index] {
            b'>' => return (index + 1, index > from && bytes[index - 1] == b'/'),
            quote @ (b'"' | b'\'') if after_equals => {
                index = bytes[index + 1..]
                    .iter()
                    .position(|&b| b == quote)
                    .map_or(bytes.len(), |end| index + 1 + end);
                after_equals = false;
            }
            b'=' => after_equals = true,
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        index += 1;
    }
    (bytes.len(), false)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| from + at)
}

fn find_ignoring_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|at| from + at)
}

/// Measures the parsed tree without recursion: the estimate of
/// [`check_shape`] errs on the deep side for the markup it models, and this
/// catches whatever it does not model.
fn check_tree(root: &NodeRef<'_>) -> Result<(), HtmlError> {
    let mut stack = vec![(*root, 0usize)];
    let mut elements = 0usize;
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(HtmlError::TooDeep { at: 0 });
        }
        if node.is_element() {
            elements += 1;
            if elements > MAX_ELEMENTS {
                return Err(HtmlError::TooManyElements);
            }
        }
        let mut child = node.first_child();
        while let Some(current) = child {
            child = current.next_sibling();
            stack.push((current, depth + 1));
        }
    }
    Ok(())
}

/// Metadata read from the document head and JSON-LD, most specific first.
#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    author: Option<String>,
    canonical: Option<String>,
    language: Option<String>,
}

impl Meta {
    fn read(doc: &Document) -> Meta {
        let attr = |selector: &str, name: &str| -> Option<String> {
            doc.select(selector)
                .iter()
                .filter_map(|n| n.attr(name).map(|v| v.trim().to_string()))
                .find(|v| !v.is_empty())
        };
        let content = |selectors: &[&str]| selectors.iter().find_map(|s| attr(s, "content"));
        let json_ld = JsonLd::read(doc);

        Meta {
            title: json_ld.headline.clone().or_else(|| {
                content(&[
                    "meta[property='og:title']",
                    "meta[name='twitter:title']",
                    "meta[name='title']",
                ])
            }),
            site_name: content(&[
                "meta[property='og:site_name']",
                "meta[name='application-name']",
            ])
            .or(json_ld.publisher.clone()),
            published: json_ld.date_published.clone().or_else(|| {
                content(&[
                    "meta[property='article:published_time']",
                    "meta[name='article:published_time']",
                    "meta[property='og:published_time']",
                    "meta[name='pubdate']",
                    "meta[name='publishdate']",
                    "meta[name='date']",
                    "meta[name='DC.date.issued']",
                    "meta[name='dc.date']",
                    "meta[name='parsely-pub-date']",
                    "meta[name='sailthru.date']",
                    "meta[itemprop='datePublished']",
                ])
                .or_else(|| attr("time[datetime]", "datetime"))
            }),
            author: json_ld
                .author
                .clone()
                .or_else(|| {
                    content(&[
                        "meta[name='author']",
                        "meta[property='article:author']",
                        "meta[name='byl']",
                    ])
                })
                .filter(|a| !a.starts_with("http")),
            canonical: attr("link[rel='canonical']", "href")
                .or_else(|| content(&["meta[property='og:url']"]))
                .or(json_ld.url.clone())
                .filter(|u| u.starts_with("http")),
            language: attr("html[lang]", "lang").map(|l| l.to_ascii_lowercase()),
        }
    }
}

/// The fields of a schema.org `NewsArticle` (or `Article`, `BlogPosting`) block.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    date_published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

impl JsonLd {
    fn read(doc: &Document) -> JsonLd {
        let mut found = JsonLd::default();
        for script in doc.select("script[type='application/ld+json']").iter() {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&script.text()) else {
                continue;
            };
            let mut stack = vec![value];
            while let Some(value) = stack.pop() {
                match value {
                    serde_json::Value::Array(items) => stack.extend(items.into_iter().rev()),
                    serde_json::Value::Object(ref map) => {
                        if let Some(graph) = map.get("@graph") {
                            stack.push(graph.clone());
                        }
                        let kind = map.get("@type").map(|t| t.to_string()).unwrap_or_default();
                        if kind.contains("Article")
                            || kind.contains("BlogPosting")
                            || kind.contains("Report")
                        {
                            found.fill_from(map);
                        }
                    }
                    _ => {}
                }
            }
        }
        found
    }

    fn fill_from(&mut self, map: &serde_json::Map<String, serde_json::Value>) {
        let text = |v: Option<&serde_json::Value>| -> Option<String> {
            match v? {
                serde_json::Value::String(s) => {
                    Some(s.trim().to_string()).filter(|s| !s.is_empty())
                }
                serde_json::Value::Object(o) => o
                    .get("name")
                    .and_then(|n| n.as_str())
                    .map(|s| s.trim().to_string()),
                serde_json::Value::Array(items) => {
                    let names: Vec<String> = items
                        .iter()
                        .filter_map(|i| {
                            i.as_str().map(str::to_string).or_else(|| {
                                i.get("name").and_then(|n| n.as_str()).map(str::to_string)
                            })
                        })
                        .collect();
                    (!names.is_empty()).then(|| names.join(", "))
                }
                _ => None,
            }
        };
        self.headline = self.headline.take().or_else(|| text(map.get("headline")));
        self.date_published = self
            .date_published
            .take()
            .or_else(|| text(map.get("datePublished")));
        self.author = self.author.take().or_else(|| text(map.get("author")));
        self.publisher = self.publisher.take().or_else(|| text(map.get("publisher")));
        self.url = self.url.take().or_else(|| text(map.get("url")));
    }
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
