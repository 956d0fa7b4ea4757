//! RIS, the tagged format EndNote and others import: one `NEWS` record per
//! article.

use chrono::{Datelike, NaiveDate};

use super::{Citable, Name, authors, date_parts, key};
use crate::model::DatePrecision;

/// One RIS line: a two-letter tag, two spaces, a hyphen, a space, and the
/// value on that one line (line breaks and control characters become
/// spaces), ended with CR LF as the format asks.
fn ris_line(out: &mut String, tag: &str, value: &str) {
    let flat: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    out.push_str(tag);
    out.push_str("  - ");
    out.push_str(flat.trim());
    out.push_str("\r\n");
}

/// An RIS date: `YYYY/MM/DD/`, with the parts not known left empty.
fn ris_date(date: NaiveDate, precision: DatePrecision) -> String {
    let parts = date_parts(date, precision);
    let month = parts.get(1).map(|m| format!("{m:02}")).unwrap_or_default();
    let day = parts.get(2).map(|d| format!("{d:02}")).unwrap_or_default();
    format!("{:04}/{month}/{day}/", date.year())
}

/// RIS records, one per article.
pub fn ris(articles: &[Citable]) -> String {
    let mut out = String::new();
    for article in articles {
        ris_line(&mut out, "TY", "NEWS");
        ris_line(&mut out, "ID", &key(article));
        if let Some(title) = &article.title {
            ris_line(&mut out, "TI", title);
        }
        for name in article.byline.as_deref().map(authors).unwrap_or_default() {
            let name = match name {
                Name::Person { family, given } => format!("{family}, {given}"),
                Name::Literal(literal) => literal,
            };
            ris_line(&mut out, "AU", &name);
        }
        if let Some(outlet) = &article.outlet {
            ris_line(&mut out, "T2", outlet);
        }
        if let Some((date, precision)) = article.published {
            ris_line(&mut out, "PY", &format!("{:04}", date.year()));
            ris_line(&mut out, "DA", &ris_date(date, precision));
        }
        if let Some(url) = &article.url {
            ris_line(&mut out, "UR", url);
        }
        if let Some(accessed) = article.accessed {
            ris_line(&mut out, "Y2", &ris_date(accessed, DatePrecision::Day));
        }
        if let Some(location) = &article.archive_location {
            ris_line(&mut out, "DB", "Parallax archive");
            ris_line(&mut out, "AN", location);
        }
        if let Some(language) = &article.language {
            ris_line(&mut out, "LA", language);
        }
        ris_line(&mut out, "ER", "");
    }
    out
}
