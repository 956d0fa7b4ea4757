//! BibTeX, for LaTeX: `@article` entries with `entrysubtype = {newspaper}`,
//! every field escaped as TeX reads it.

use chrono::Datelike;

use super::{Citable, Name, authors, date_parts, key};

/// Escapes text for a braced BibTeX field: the characters TeX treats as
/// commands or groups are written as their TeX forms, and line breaks
/// become spaces. Everything else, non-ASCII letters included, is kept
/// (biber and BibTeX with UTF-8 input read it).
pub fn bibtex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URL for a BibTeX `url` field, which is read verbatim: only braces,
/// which would end the field, and spaces are percent-encoded.
fn bibtex_url(url: &str) -> String {
    url.replace('{', "%7B")
        .replace('}', "%7D")
        .replace(' ', "%20")
}

/// BibTeX entries, one per article, separated by blank lines.
pub fn bibtex(articles: &[Citable]) -> String {
    let mut out = String::new();
    for (index, article) in articles.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let mut fields: Vec<(&str, String)> = vec![("entrysubtype", "newspaper".into())];
        let names = article.byline.as_deref().map(authors).unwrap_or_default();
        if !names.is_empty() {
            let names: Vec<String> = names
                .iter()
                .map(|name| match name {
                    Name::Person { family, given } => {
                        format!("{}, {}", bibtex_escape(family), bibtex_escape(given))
                    }
                    // Braced, so BibTeX keeps an agency's name whole.
                    Name::Literal(literal) => format!("{{{}}}", bibtex_escape(literal)),
                })
                .collect();
            fields.push(("author", names.join(" and ")));
        }
        if let Some(title) = &article.title {
            // Braced twice, so styles keep the headline's capitals.
            fields.push(("title", format!("{{{}}}", bibtex_escape(title))));
        }
        if let Some(outlet) = &article.outlet {
            fields.push(("journaltitle", bibtex_escape(outlet)));
            fields.push(("journal", bibtex_escape(outlet)));
        }
        if let Some((date, precision)) = article.published {
            let parts = date_parts(date, precision);
            let iso: Vec<String> = parts
                .iter()
                .enumerate()
                .map(|(i, part)| {
                    if i == 0 {
                        format!("{part:04}")
                    } else {
                        format!("{part:02}")
                    }
                })
                .collect();
            fields.push(("date", iso.join("-")));
            fields.push(("year", format!("{:04}", date.year())));
            if parts.len() > 1 {
                fields.push(("month", date.month().to_string()));
            }
        }
        if let Some(url) = &article.url {
            fields.push(("url", bibtex_url(url)));
        }
        if let Some(accessed) = article.accessed {
            fields.push(("urldate", accessed.to_string()));
        }
        if let Some(location) = &article.archive_location {
            fields.push((
                "note",
                format!("Parallax archive: {}", bibtex_escape(location)),
            ));
        }
        if let Some(language) = &article.language {
            fields.push(("langid", bibtex_escape(language)));
        }
        out.push_str(&format!("@article{{{},\n", key(article)));
        for (name, value) in fields {
            out.push_str(&format!("  {name} = {{{value}}},\n"));
        }
        out.push_str("}\n");
    }
    out
}
