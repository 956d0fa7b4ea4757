//! HTML pages: the main text by dom_smoothie (a port of Mozilla's
//! Readability), metadata from `<meta>` tags, OpenGraph and JSON-LD.
//!
//! The page's markup never reaches the archive: only the extracted text is
//! stored, so an article cannot carry script into the reader.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::dates::parse_published;
use super::text::tidy;
use crate::model::{Format, RawArticle};

/// Why a page yielded no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    /// Readability found no block of article text.
    #[error("no article text found in HTML page")]
    NoArticle,
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
    let doc = Document::from(html);
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
    fn charset_is_read_from_meta() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1252\">"),
            Some("windows-1252".into())
        );
    }
}
