//! Plain text and Markdown articles.
//!
//! Layouts recognised, all common in exports and hand-made collections:
//! - a leading ` date YYYY-MM-DD` marker whose line goes on with the body;
//! - `title` / `date YYYY-MM-DD` / body;
//! - a block of `Title:`, `Date:`, `Source:`, `URL:`, `Author:` header lines;
//! - a first short line followed by a blank line, taken as the headline;
//! - Markdown: YAML front matter, a `# heading` as title, inline markup
//!   reduced to its text.
//!
//! Datelines ("New Delhi: The US military …") stay in the text: they belong
//! to the article, and extraction records them. A date is taken only when
//! the text states it in one of these positions; otherwise it stays unknown.

use chrono::NaiveDate;

use crate::model::{Format, Published, RawArticle};

use super::dates::parse_published;

/// Reads a plain-text or Markdown document.
pub fn parse(text: &str, format: Format) -> RawArticle {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut article = RawArticle {
        format: Some(format),
        ..RawArticle::default()
    };
    let mut body: &str = &text;

    if format == Format::Markdown {
        body = front_matter(body, &mut article);
    }
    body = body.trim_start_matches(['\n', '\u{feff}']);

    if let Some((date, rest)) = date_marker(body) {
        article.published = Some(Published::day(date));
        body = rest;
    } else if let Some(rest) = header_block(body, &mut article) {
        body = rest;
    } else if let Some((title, date, rest)) = title_date_body(body) {
        article.title = Some(title.to_string());
        article.published = Some(Published::day(date));
        body = rest;
    } else if article.title.is_none()
        && let Some((title, rest)) = headline(body, format)
    {
        article.title = Some(title);
        body = rest;
    }

    let body = if format == Format::Markdown {
        markdown_to_text(body)
    } else {
        body.to_string()
    };
    article.text = tidy(&body);
    article
}

/// ` date 2023-12-26 Body text…`: the seeds' convention.
fn date_marker(body: &str) -> Option<(NaiveDate, &str)> {
    let trimmed = body.trim_start_matches([' ', '\t']);
    let rest = trimmed
        .strip_prefix("date ")
        .or_else(|| trimmed.strip_prefix("Date "))?;
    let rest = rest.trim_start();
    let date = NaiveDate::parse_from_str(rest.get(..10)?, "%Y-%m-%d").ok()?;
    Some((date, rest[10..].trim_start_matches([' ', '\t'])))
}

/// `Title\ndate 2014-01-12\nBody…`
fn title_date_body(body: &str) -> Option<(&str, NaiveDate, &str)> {
    let (title, rest) = body.split_once('\n')?;
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 300 {
        return None;
    }
    let (date_line, rest) = rest.split_once('\n').unwrap_or((rest, ""));
    let date_line = date_line.trim();
    let value = date_line
        .strip_prefix("date")
        .or_else(|| date_line.strip_prefix("Date"))
        .map(|v| v.trim_start_matches([':', ' ', '\t']))?;
    let date = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()?;
    Some((title, date, rest))
}

/// `Title: …`, `Date: …` lines at the top, ended by a blank line. Only known
/// keys count, so a dateline such as "New Delhi: …" is never mistaken for one.
fn header_block<'a>(body: &'a str, article: &mut RawArticle) -> Option<&'a str> {
    let mut rest = body;
    let mut found = 0;
    let mut fields = Vec::new();
    loop {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        if line.trim().is_empty() {
            if found == 0 {
                return None;
            }
            rest = after;
            break;
        }
        let (key, value) = line.split_once(':')?;
        let key = key.trim().to_ascii_lowercase();
        let known = matches!(
            key.as_str(),
            "title"
                | "headline"
                | "date"
                | "published"
                | "source"
                | "outlet"
                | "url"
                | "link"
                | "author"
                | "by"
                | "byline"
        );
        if !known {
            return None;
        }
        fields.push((key, value.trim().to_string()));
        found += 1;
        rest = after;
        if after.is_empty() {
            break;
        }
    }
    if found < 2 && !fields.iter().any(|(k, _)| k == "title" || k == "headline") {
        return None;
    }
    for (key, value) in fields {
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "title" | "headline" => article.title = Some(value),
            "date" | "published" => article.published = parse_published(&value),
            "source" | "outlet" => article.source_name = Some(value),
            "url" | "link" => article.url = Some(value),
            _ => article.author = Some(value),
        }
    }
    Some(rest)
}

/// A first line that reads as a headline: short, no full stop at its end,
/// followed by a blank line and more text.
fn headline(body: &str, format: Format) -> Option<(String, &str)> {
    let (first, rest) = body.split_once('\n')?;
    let mut title = first.trim();
    if format == Format::Markdown {
        title = title.trim_start_matches('#').trim();
    } else if !rest.starts_with('\n') && !rest.starts_with("\r\n") {
        return None;
    }
    let words = title.split_whitespace().count();
    if title.is_empty() || title.chars().count() > 250 || words > 30 || rest.trim().is_empty() {
        return None;
    }
    if format != Format::Markdown && (title.ends_with('.') && words > 12) {
        return None;
    }
    Some((title.to_string(), rest))
}

/// YAML-ish front matter (`---` … `---`) with title/date/source/url/author keys.
fn front_matter<'a>(body: &'a str, article: &mut RawArticle) -> &'a str {
    let Some(rest) = body.strip_prefix("---\n") else {
        return body;
    };
    let Some(end) = rest.find("\n---") else {
        return body;
    };
    for line in rest[..end].lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).to_string();
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => article.title = Some(value),
            "date" | "published" => article.published = parse_published(&value),
            "source" | "outlet" | "publisher" => article.source_name = Some(value),
            "url" | "link" => article.url = Some(value),
            "author" => article.author = Some(value),
            _ => {}
        }
    }
    let after = &rest[end + 4..];
    after.split_once('\n').map_or("", |(_, r)| r)
}

/// Markdown reduced to the text a reader sees: heading marks, emphasis,
/// links and images (keeping their text) removed line by line.
fn markdown_to_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut in_code = false;
    for line in body.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        let line = if in_code {
            line.to_string()
        } else {
            markdown_line(line)
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn markdown_line(line: &str) -> String {
    let trimmed = line.trim_start();
    let trimmed = trimmed.trim_start_matches('#').trim_start();
    let trimmed = trimmed.strip_prefix("> ").unwrap_or(trimmed);
    let mut out = String::with_capacity(trimmed.len());
    let chars: Vec<char> = trimmed.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '!' if chars.get(i + 1) == Some(&'[') => i += 1,
            '[' => {
                // [text](url) keeps text.
                if let Some(close) = chars[i..].iter().position(|c| *c == ']').map(|p| p + i)
                    && chars.get(close + 1) == Some(&'(')
                    && let Some(end) = chars[close..]
                        .iter()
                        .position(|c| *c == ')')
                        .map(|p| p + close)
                {
                    out.extend(&chars[i + 1..close]);
                    i = end + 1;
                    continue;
                }
                out.push(c);
                i += 1;
            }
            '*' | '_' if is_emphasis(&chars, i) => i += 1,
            '`' => i += 1,
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// `*` is markup unless it stands alone between spaces ("5 * 3"); `_` is
/// markup unless it joins two word characters ("snake_case").
fn is_emphasis(chars: &[char], i: usize) -> bool {
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    let before = i.checked_sub(1).and_then(|j| chars.get(j));
    let after = chars.get(i + 1);
    if chars[i] == '_' {
        return !(word(before) && word(after));
    }
    let space = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace());
    !(space(before) && space(after))
}

/// Trailing spaces per line removed, runs of 3+ newlines reduced to one blank line.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_date_marker_continues_with_body() {
        let a = parse(
            " date 2023-12-26 US forces launched attacks on three locations.\n\nMore.",
            Format::Text,
        );
        assert_eq!(
            a.published.map(|p| p.date.to_string()),
            Some("2023-12-26".into())
        );
        assert_eq!(
            a.text,
            "US forces launched attacks on three locations.\n\nMore."
        );
        assert_eq!(a.title, None);
    }

    #[test]
    fn title_then_blank_line() {
        let a = parse(
            "US attacks militias in Iraq\n\nNew Delhi: The US military launched airstrikes.",
            Format::Text,
        );
        assert_eq!(a.title.as_deref(), Some("US attacks militias in Iraq"));
        assert_eq!(a.text, "New Delhi: The US military launched airstrikes.");
        assert_eq!(a.published, None);
    }

    #[test]
    fn title_date_body_layout() {
        let a = parse(
            "Shooting downtown\ndate 2014-01-12\nTwo people were shot.",
            Format::Text,
        );
        assert_eq!(a.title.as_deref(), Some("Shooting downtown"));
        assert_eq!(
            a.published.map(|p| p.date.to_string()),
            Some("2014-01-12".into())
        );
        assert_eq!(a.text, "Two people were shot.");
    }

    #[test]
    fn header_block_and_markdown() {
        let a = parse(
            "Title: A\nDate: 2020-05-01\nSource: Example Times\n\nBody.",
            Format::Text,
        );
        assert_eq!(
            (a.title.as_deref(), a.source_name.as_deref()),
            (Some("A"), Some("Example Times"))
        );
        let m = parse(
            "---\ntitle: \"Front\"\ndate: 2021-02-03\n---\n# Heading\n\nSee **[the report](http://x)** now.",
            Format::Markdown,
        );
        assert_eq!(m.title.as_deref(), Some("Front"));
        assert_eq!(m.text, "Heading\n\nSee the report now.");
    }

    #[test]
    fn a_paragraph_is_not_a_headline() {
        let a = parse(
            "Four people were wounded in a shooting on Tuesday evening, according to police.\nPolice said more.",
            Format::Text,
        );
        assert_eq!(a.title, None);
    }
}
