//! Publication dates as metadata states them: ISO 8601 and RFC 3339
//! timestamps, RFC 2822 (e-mail, RSS), and the common written forms
//! ("January 14, 2014", "14 Jan 2014"). Partial dates keep their precision.
//! Dates in running text are the extractor's business, not this module's.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::model::{DatePrecision, Published};

/// Parses a metadata date; `None` when it is not recognisably a date.
pub fn parse_published(value: &str) -> Option<Published> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(value) {
        return Some(with_time(dt.date_naive(), value));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(value) {
        return Some(with_time(dt.date_naive(), value));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(value, format) {
            return Some(with_time(dt.date(), value));
        }
        if let Ok(dt) = DateTime::parse_from_str(value, format) {
            return Some(with_time(dt.date_naive(), value));
        }
    }
    // A date followed by anything time-like: take the date part.
    if let Some(date) = value
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        let rest = &value[10..];
        if rest.is_empty() {
            return Some(Published::day(date));
        }
        if rest.starts_with(['T', ' ', 't']) {
            return Some(with_time(date, value));
        }
    }
    for format in [
        "%Y/%m/%d",
        "%d.%m.%Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%b. %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%A, %B %d, %Y",
        "%a, %d %b %Y",
        "%Y%m%d",
    ] {
        if let Ok(date) = NaiveDate::parse_from_str(value, format) {
            return Some(Published::day(date));
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d") {
        return Some(Published {
            date,
            precision: DatePrecision::Month,
            timestamp: None,
        });
    }
    if value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()) {
        let year: i32 = value.parse().ok()?;
        if (1800..=2200).contains(&year) {
            return NaiveDate::from_ymd_opt(year, 1, 1).map(|date| Published {
                date,
                precision: DatePrecision::Year,
                timestamp: None,
            });
        }
    }
    None
}

fn with_time(date: NaiveDate, raw: &str) -> Published {
    Published {
        date,
        precision: DatePrecision::Day,
        timestamp: Some(raw.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<String> {
        parse_published(s).map(|p| format!("{} {}", p.date, p.precision.as_str()))
    }

    #[test]
    fn common_forms() {
        assert_eq!(day("2014-01-14"), Some("2014-01-14 day".into()));
        assert_eq!(
            day("2023-12-26T08:15:00+05:30"),
            Some("2023-12-26 day".into())
        );
        assert_eq!(
            day("Tue, 26 Dec 2023 10:00:00 GMT"),
            Some("2023-12-26 day".into())
        );
        assert_eq!(day("December 26, 2023"), Some("2023-12-26 day".into()));
        assert_eq!(day("2023-12"), Some("2023-12-01 month".into()));
        assert_eq!(day("2023"), Some("2023-01-01 year".into()));
        assert_eq!(day("yesterday"), None);
        assert_eq!(day(""), None);
    }
}
