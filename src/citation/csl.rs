//! CSL-JSON, the citation format of Zotero and most reference managers.

use serde_json::{Value, json};

use super::{Citable, Name, authors, date_parts, key};
use crate::model::DatePrecision;

/// CSL-JSON items (an array), in the order given.
pub fn csl_json(articles: &[Citable]) -> Value {
    Value::Array(articles.iter().map(csl_item).collect())
}

fn csl_item(article: &Citable) -> Value {
    let mut item = serde_json::Map::new();
    item.insert("id".into(), json!(key(article)));
    item.insert("type".into(), json!("article-newspaper"));
    if let Some(title) = &article.title {
        item.insert("title".into(), json!(title));
    }
    let names = article.byline.as_deref().map(authors).unwrap_or_default();
    if !names.is_empty() {
        let names: Vec<Value> = names
            .iter()
            .map(|name| match name {
                Name::Person { family, given } => json!({ "family": family, "given": given }),
                Name::Literal(literal) => json!({ "literal": literal }),
            })
            .collect();
        item.insert("author".into(), Value::Array(names));
    }
    if let Some(outlet) = &article.outlet {
        item.insert("container-title".into(), json!(outlet));
    }
    if let Some((date, precision)) = article.published {
        item.insert(
            "issued".into(),
            json!({ "date-parts": [date_parts(date, precision)] }),
        );
    }
    if let Some(url) = &article.url {
        item.insert("URL".into(), json!(url));
    }
    if let Some(accessed) = article.accessed {
        item.insert(
            "accessed".into(),
            json!({ "date-parts": [date_parts(accessed, DatePrecision::Day)] }),
        );
    }
    if let Some(location) = &article.archive_location {
        item.insert("archive".into(), json!("Parallax archive"));
        item.insert("archive_location".into(), json!(location));
    }
    if let Some(language) = &article.language {
        item.insert("language".into(), json!(language));
    }
    Value::Object(item)
}
