//! Exports with one article per record: JSON Lines, JSON arrays and CSV/TSV.
//!
//! Field names vary between tools, so each article field accepts the usual
//! aliases (`title`/`headline`, `text`/`body`/`content`, ...). Columns that map
//! to nothing are reported once per file as a warning; a file or record with
//! no text field is rejected with the names that were looked for.

use serde_json::{Map, Value};

use super::dates::parse_published;
use super::{Item, Sink};
use crate::model::{Format, Origin, RawArticle};

const ID: &[&str] = &[
    "id",
    "_id",
    "article_id",
    "doc_id",
    "docid",
    "guid",
    "uuid",
    "record_id",
];
const URL: &[&str] = &["url", "link", "href", "article_url", "permalink"];
const SOURCE: &[&str] = &[
    "source",
    "outlet",
    "domain",
    "publisher",
    "site",
    "site_name",
    "source_name",
    "publication",
    "media",
    "newspaper",
];
const TITLE: &[&str] = &["title", "headline", "head", "heading", "subject"];
const PUBLISHED: &[&str] = &[
    "published",
    "date",
    "publish_date",
    "published_at",
    "publication_date",
    "pubdate",
    "pub_date",
    "datetime",
    "date_published",
    "timestamp",
    "created_at",
    "time",
];
const TEXT: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "fulltext",
    "article_text",
    "maintext",
    "story",
    "body_text",
    "content_text",
];
const AUTHOR: &[&str] = &["author", "authors", "byline", "by", "creator"];
const LANGUAGE: &[&str] = &["language", "lang", "locale"];

fn known(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    [ID, URL, SOURCE, TITLE, PUBLISHED, TEXT, AUTHOR, LANGUAGE]
        .iter()
        .any(|names| names.contains(&key.as_str()))
}

/// Reads a JSON Lines file.
pub fn parse_jsonl(text: &str, path: &str, sink: &mut Sink<'_>) {
    let mut unknown = std::collections::BTreeSet::new();
    for (index, line) in text.lines().enumerate() {
        if sink.stopped() {
            return;
        }
        let line_no = index as u64 + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let origin = Origin {
            path: path.to_string(),
            line: Some(line_no),
            ..Origin::default()
        };
        let (item, ignored) = read_jsonl_record(line, origin);
        unknown.extend(ignored);
        sink.emit(item);
    }
    report_unknown(path, unknown, sink);
}

/// Reads one JSON Lines record (a line, trimmed and not empty) found at
/// `origin`: the article or why it is none, and the record's fields that
/// map to nothing (the file's warning names them).
pub(crate) fn read_jsonl_record(line: &str, origin: Origin) -> (Item, Vec<String>) {
    match parse_jsonl_object(line) {
        Ok(map) => read_object(&map, origin),
        Err(error) => (Item::failed(origin, error), Vec::new()),
    }
}

/// One JSON Lines record's object, or why the line is none.
pub(crate) fn parse_jsonl_object(line: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("line is not a JSON object".into()),
        Err(e) => Err(format!("malformed JSON: {e}")),
    }
}

/// The article a JSON Lines record's object holds (or why none), with its
/// fields that map to nothing.
pub(crate) fn read_object(map: &Map<String, Value>, origin: Origin) -> (Item, Vec<String>) {
    let unknown = map.keys().filter(|k| !known(k)).cloned().collect();
    (from_object(map, origin, Format::Jsonl), unknown)
}

/// The warning a file gets for fields that map to nothing.
pub(crate) fn unknown_fields_warning(names: &[String]) -> String {
    format!("ignored unknown fields: {}", names.join(", "))
}

/// Reads a JSON file holding an array of article objects (or one object).
pub fn parse_json(text: &str, path: &str, sink: &mut Sink<'_>) {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            sink.emit(Item::failed(
                Origin {
                    path: path.to_string(),
                    line: Some(e.line() as u64),
                    ..Origin::default()
                },
                format!("malformed JSON: {e}"),
            ));
            return;
        }
    };
    let items = match value {
        Value::Array(items) => items,
        Value::Object(map) => vec![Value::Object(map)],
        _ => {
            sink.emit(Item::failed(
                Origin::file(path),
                "JSON file holds neither an object nor an array of objects",
            ));
            return;
        }
    };
    let mut unknown = std::collections::BTreeSet::new();
    for (index, item) in items.into_iter().enumerate() {
        if sink.stopped() {
            return;
        }
        let origin = Origin {
            path: path.to_string(),
            record: Some(format!("#{}", index + 1)),
            ..Origin::default()
        };
        match item {
            Value::Object(map) => {
                unknown.extend(map.keys().filter(|k| !known(k)).cloned());
                sink.emit(from_object(&map, origin, Format::Json));
            }
            _ => sink.emit(Item::failed(origin, "array element is not a JSON object")),
        }
    }
    report_unknown(path, unknown, sink);
}

fn report_unknown(path: &str, unknown: std::collections::BTreeSet<String>, sink: &mut Sink<'_>) {
    if !unknown.is_empty() {
        let names: Vec<String> = unknown.into_iter().collect();
        sink.emit(Item::Warning {
            path: path.to_string(),
            message: unknown_fields_warning(&names),
        });
    }
}

fn get<'a>(map: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|name| {
        map.get(*name).or_else(|| {
            map.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })
    })
}

fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(o) => o.get("name").and_then(as_text),
        _ => None,
    }
    .map(|s| s.trim().to_string())
    .filter(|s| !s.is_empty())
}

fn from_object(map: &Map<String, Value>, mut origin: Origin, format: Format) -> Item {
    let field = |names: &[&str]| get(map, names).and_then(as_text);
    let text = get(map, TEXT).and_then(|v| match v {
        // Paragraph arrays are joined as paragraphs, not as a list.
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(as_text)
                .collect::<Vec<_>>()
                .join("\n\n"),
        ),
        other => as_text(other),
    });
    let title = field(TITLE);
    // A record with a headline but no body is still an article (exports of
    // paywalled pages often look like this): it is kept as headline-only.
    let Some(text) = text.or_else(|| title.as_ref().map(|_| String::new())) else {
        return Item::failed(
            origin,
            format!("record has no text (looked for: {})", TEXT.join(", ")),
        );
    };
    let external_id = field(ID);
    if origin.record.is_none() {
        origin.record = external_id.clone();
    }
    Item::Article(RawArticle {
        origin,
        external_id,
        partial: text.trim().is_empty(),
        title,
        text: super::text::tidy(&text.replace("\r\n", "\n")),
        url: field(URL),
        source_name: field(SOURCE),
        published: field(PUBLISHED).as_deref().and_then(parse_published),
        author: field(AUTHOR),
        language: field(LANGUAGE),
        format: Some(format),
        ..RawArticle::default()
    })
}

/// Reads CSV (or TSV) with a header row.
pub fn parse_csv(text: &str, path: &str, sink: &mut Sink<'_>) {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if path.to_ascii_lowercase().ends_with(".tsv")
        || first_line.matches('\t').count() > first_line.matches(',').count()
    {
        b'\t'
    } else if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_string())
            .collect(),
        Err(e) => {
            sink.emit(Item::failed(
                Origin {
                    path: path.to_string(),
                    line: Some(1),
                    ..Origin::default()
                },
                format!("malformed CSV header: {e}"),
            ));
            return;
        }
    };
    if !headers
        .iter()
        .any(|h| TEXT.contains(&h.to_ascii_lowercase().as_str()))
    {
        sink.emit(Item::failed(
            Origin {
                path: path.to_string(),
                line: Some(1),
                ..Origin::default()
            },
            format!(
                "CSV has no text column (columns: {}; looked for: {})",
                headers.join(", "),
                TEXT.join(", ")
            ),
        ));
        return;
    }
    let unknown: std::collections::BTreeSet<String> =
        headers.iter().filter(|h| !known(h)).cloned().collect();
    for record in reader.records() {
        if sink.stopped() {
            return;
        }
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map(|p| p.line());
        let origin = Origin {
            path: path.to_string(),
            line,
            ..Origin::default()
        };
        match record {
            Ok(record) => {
                let map: Map<String, Value> = headers
                    .iter()
                    .zip(record.iter())
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(k, v)| (k.to_ascii_lowercase(), Value::String(v.to_string())))
                    .collect();
                sink.emit(from_object(&map, origin, Format::Csv));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line());
                sink.emit(Item::failed(
                    Origin {
                        path: path.to_string(),
                        line,
                        ..Origin::default()
                    },
                    format!("malformed CSV record: {e}"),
                ));
            }
        }
    }
    report_unknown(path, unknown, sink);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(f: impl FnOnce(&mut Sink<'_>)) -> Vec<Item> {
        let mut items = Vec::new();
        f(&mut Sink::unbounded(&mut |i| items.push(i)));
        items
    }

    #[test]
    fn jsonl_maps_aliases_and_reports_bad_lines() {
        let items = collect(|e| {
            parse_jsonl(
                "{\"id\":\"a\",\"headline\":\"H\",\"body\":\"Some text\",\"source\":\"ktla.com\",\"date\":\"2014-01-14\",\"extra\":1}\n{broken\n",
                "f.jsonl",
                e,
            )
        });
        let Item::Article(a) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(
            (
                a.external_id.as_deref(),
                a.title.as_deref(),
                a.text.as_str()
            ),
            (Some("a"), Some("H"), "Some text")
        );
        assert!(
            matches!(&items[1], Item::Failed(f) if f.origin.line == Some(2) && f.error.starts_with("malformed JSON"))
        );
        assert!(matches!(&items[2], Item::Warning { message, .. } if message.contains("extra")));
    }

    #[test]
    fn csv_needs_a_text_column() {
        let items = collect(|e| parse_csv("id,title\n1,x\n", "f.csv", e));
        assert!(matches!(&items[0], Item::Failed(f) if f.error.contains("no text column")));
        let items =
            collect(|e| parse_csv("id,title,content\n1,x,\"Body, with comma\"\n", "f.csv", e));
        assert!(
            matches!(&items[0], Item::Article(a) if a.text == "Body, with comma" && a.origin.line == Some(2))
        );
    }
}
