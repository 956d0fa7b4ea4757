//! A page's metadata: `<meta>` tags and OpenGraph, and JSON-LD, most
//! specific first.

use dom_query::Document;

/// Metadata read from the document head and JSON-LD, most specific first.
#[derive(Debug, Default)]
pub(super) struct Meta {
    pub(super) title: Option<String>,
    pub(super) site_name: Option<String>,
    pub(super) published: Option<String>,
    pub(super) author: Option<String>,
    pub(super) canonical: Option<String>,
    pub(super) language: Option<String>,
}

impl Meta {
    pub(super) fn read(doc: &Document) -> Meta {
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
