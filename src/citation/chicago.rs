//! One citation as text, in Chicago author-date style.

use chrono::Datelike;

use super::{Citable, Name, authors};
use crate::model::DatePrecision;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One citation as text in Chicago author-date style (17th edition,
/// newspaper article): `Doe, Jane. 2026. “Headline.” Outlet, March 4,
/// 2026. URL.` An article without a byline is listed under its outlet
/// (without an outlet either, under its headline); without a date,
/// "n.d.". Plain text: the outlet is not italicised.
pub fn chicago(article: &Citable) -> String {
    let names = article.byline.as_deref().map(authors).unwrap_or_default();
    let outlet = article.outlet.as_deref().filter(|o| !o.trim().is_empty());
    let mut parts: Vec<String> = Vec::new();
    let title = article
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|title| {
            if title.ends_with(['.', '?', '!']) {
                format!("“{title}”")
            } else {
                format!("“{title}.”")
            }
        });
    let year = article
        .published
        .map(|(date, _)| date.year().to_string())
        .unwrap_or_else(|| "n.d".into());
    // Without a byline the outlet stands in the author's place; without
    // either, the headline does (and is not repeated).
    let (lead, title) = match (names.is_empty(), outlet) {
        (false, _) => (Some(with_stop(&chicago_names(&names))), title),
        (true, Some(outlet)) => (Some(with_stop(outlet)), title),
        (true, None) => (title, None),
    };
    parts.extend(lead);
    parts.push(with_stop(&year));
    parts.extend(title);
    let day = article.published.and_then(|(date, precision)| {
        let month = MONTHS.get(date.month0() as usize)?;
        match precision {
            DatePrecision::Day => Some(format!("{month} {}, {}", date.day(), date.year())),
            DatePrecision::Week | DatePrecision::Month => Some(format!("{month} {}", date.year())),
            DatePrecision::Year => None,
        }
    });
    let container = match (names.is_empty(), outlet, day) {
        (false, Some(outlet), Some(day)) => Some(format!("{outlet}, {day}")),
        (false, Some(outlet), None) => Some(outlet.to_string()),
        (_, _, Some(day)) => Some(day),
        (true, _, None) | (false, None, None) => None,
    };
    if let Some(container) = container {
        parts.push(with_stop(&container));
    }
    if let Some(url) = &article.url {
        parts.push(with_stop(url));
    }
    parts.join(" ")
}

/// Names as Chicago lists them: the first inverted, the rest in order.
fn chicago_names(names: &[Name]) -> String {
    let shown: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(index, name)| match name {
            Name::Person { family, given } if index == 0 => format!("{family}, {given}"),
            Name::Person { family, given } => format!("{given} {family}"),
            Name::Literal(literal) => literal.clone(),
        })
        .collect();
    match shown.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, second] => format!("{first}, and {second}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

fn with_stop(text: &str) -> String {
    if text.ends_with('.') {
        text.to_string()
    } else {
        format!("{text}.")
    }
}
