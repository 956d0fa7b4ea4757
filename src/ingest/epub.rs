//! EPUB e-books: `META-INF/container.xml` names the package document (OPF),
//! whose spine lists the XHTML chapters in reading order; each is read by
//! the page reader.
//!
//! One article per chapter, or one for the whole book? Books that reach a
//! news archive are mostly collections (a year of columns, a report with
//! sections), where each chapter is a piece of its own, so: when at least
//! two chapters have [`CHAPTER_MIN_WORDS`] words, each such chapter is an
//! article (record = its spine id) and the short spine items (cover, table
//! of contents, copyright page) are skipped. Otherwise the whole book is
//! one article. Book metadata fills every article: dc:title (the book
//! title when the chapter has none), dc:creator, dc:publisher as outlet,
//! dc:date as publication date.

use super::office::{Node, attribute, walk_xml};
use super::zip::Entries;
use super::{Item, Sink};
use super::{dates::parse_published, encoding, html};
use crate::model::{Format, Origin, RawArticle};

/// Fewest words a chapter needs to stand as an article of its own.
pub const CHAPTER_MIN_WORDS: usize = 150;

/// Book-level metadata from the OPF.
#[derive(Default)]
struct Package {
    title: Option<String>,
    creator: Option<String>,
    publisher: Option<String>,
    date: Option<String>,
    language: Option<String>,
    /// `(id, href, media type)` of each manifest item.
    manifest: Vec<(String, String, String)>,
    /// Spine ids in reading order.
    spine: Vec<String>,
}

/// Reads an EPUB.
pub(super) fn read(origin: &Origin, bytes: &[u8], sink: &mut Sink<'_>) {
    if let Err(reason) = read_book(origin, bytes, sink) {
        sink.emit(Item::failed(origin.clone(), reason));
    }
}

fn read_book(origin: &Origin, bytes: &[u8], sink: &mut Sink<'_>) -> Result<(), String> {
    let mut entries = Entries::open(bytes)?;
    let container = entries
        .read_named("META-INF/container.xml")?
        .ok_or("EPUB has no META-INF/container.xml")?;
    let mut opf_path = None;
    walk_xml(&String::from_utf8_lossy(&container), &mut |node| {
        if let Node::Open {
            name: "rootfile",
            attributes,
        } = node
            && opf_path.is_none()
        {
            opf_path = attribute(&attributes, "full-path").map(str::to_string);
        }
    })
    .map_err(|e| format!("META-INF/container.xml: {e}"))?;
    let opf_path = opf_path.ok_or("EPUB container names no package document")?;
    let opf = entries
        .read_named(&opf_path)?
        .ok_or_else(|| format!("EPUB package document {opf_path} is missing"))?;
    let package =
        parse_package(&String::from_utf8_lossy(&opf)).map_err(|e| format!("{opf_path}: {e}"))?;
    let base = opf_path.rsplit_once('/').map_or("", |(dir, _)| dir);

    // Every spine item in reading order, with its article when it has text.
    let mut parts: Vec<(String, Option<RawArticle>, usize)> = Vec::new();
    for idref in &package.spine {
        let Some((_, href, _)) = package.manifest.iter().find(|(id, _, _)| id == idref) else {
            continue;
        };
        let path = resolve(base, href);
        let Some(content) = entries.read_named(&path)? else {
            sink.emit(Item::failed(
                chapter_origin(origin, idref),
                format!("EPUB chapter {path} is missing"),
            ));
            continue;
        };
        let text = match encoding::decode(&content, html::declared_charset(&content).as_deref()) {
            Ok(decoded) => decoded.text,
            Err(e) => {
                sink.emit(Item::failed(
                    chapter_origin(origin, idref),
                    format!("EPUB chapter {path}: {e}"),
                ));
                continue;
            }
        };
        if !sink.spend_markup(text.len()) {
            parts.push((idref.clone(), None, 0));
            continue;
        }
        match html::parse(&text, None) {
            Ok(chapter) => {
                let words = chapter.text.split_whitespace().count();
                parts.push((idref.clone(), Some(chapter), words));
            }
            Err(_) => parts.push((idref.clone(), None, 0)),
        }
    }
    let book = RawArticle {
        origin: origin.clone(),
        title: package.title.clone(),
        author: package.creator.clone(),
        source_name: package.publisher.clone(),
        published: package.date.as_deref().and_then(parse_published),
        language: package.language.clone(),
        format: Some(Format::Epub),
        ..RawArticle::default()
    };
    let substantial = parts
        .iter()
        .filter(|(_, _, words)| *words >= CHAPTER_MIN_WORDS)
        .count();
    if substantial >= 2 {
        for (idref, chapter, words) in parts {
            match chapter {
                Some(chapter) if words >= CHAPTER_MIN_WORDS => {
                    let title = chapter
                        .title
                        .filter(|t| Some(t) != package.title.as_ref())
                        .or(package.title.clone());
                    sink.emit(Item::Article(RawArticle {
                        origin: chapter_origin(origin, &idref),
                        title,
                        text: chapter.text,
                        ..book.clone()
                    }));
                }
                _ => sink.emit(Item::Skipped {
                    origin: chapter_origin(origin, &idref),
                    reason: format!("EPUB front or back matter ({words} words)"),
                }),
            }
        }
        return Ok(());
    }
    let text = parts
        .into_iter()
        .filter_map(|(_, chapter, _)| chapter.map(|c| c.text))
        .collect::<Vec<_>>()
        .join("\n\n");
    if text.split_whitespace().next().is_none() {
        return Err("EPUB has no readable chapters".into());
    }
    sink.emit(Item::Article(RawArticle { text, ..book }));
    Ok(())
}

fn chapter_origin(origin: &Origin, idref: &str) -> Origin {
    Origin {
        record: Some(idref.to_string()),
        ..origin.clone()
    }
}

fn parse_package(xml: &str) -> Result<Package, String> {
    let mut package = Package::default();
    let mut current: Option<String> = None;
    let mut buffer = String::new();
    let mut in_metadata = false;
    walk_xml(xml, &mut |node| match node {
        Node::Open { name, attributes } => match name {
            "metadata" => in_metadata = true,
            "item" => {
                if let (Some(id), Some(href)) =
                    (attribute(&attributes, "id"), attribute(&attributes, "href"))
                {
                    let media = attribute(&attributes, "media-type")
                        .unwrap_or("")
                        .to_string();
                    package
                        .manifest
                        .push((id.to_string(), href.to_string(), media));
                }
            }
            "itemref" => {
                let linear = attribute(&attributes, "linear") != Some("no");
                if let (true, Some(idref)) = (linear, attribute(&attributes, "idref")) {
                    package.spine.push(idref.to_string());
                }
            }
            other if in_metadata => {
                current = Some(other.to_string());
                buffer.clear();
            }
            _ => {}
        },
        Node::Text(text) if current.is_some() => buffer.push_str(text),
        Node::Text(_) => {}
        Node::Close { name } => {
            if name == "metadata" {
                in_metadata = false;
            }
            if current.as_deref() == Some(name) {
                let value = Some(buffer.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|v| !v.is_empty());
                let slot = match name {
                    "title" => Some(&mut package.title),
                    "creator" => Some(&mut package.creator),
                    "publisher" => Some(&mut package.publisher),
                    "date" => Some(&mut package.date),
                    "language" => Some(&mut package.language),
                    _ => None,
                };
                if let Some(slot) = slot
                    && slot.is_none()
                {
                    *slot = value;
                }
                current = None;
            }
        }
    })?;
    if package.spine.is_empty() {
        return Err("package document has an empty spine".into());
    }
    Ok(package)
}

/// `href` relative to the package folder, `..` resolved, `%XX` decoded,
/// fragment dropped.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or(href);
    let decoded = percent_decode(href);
    let mut parts: Vec<&str> = if decoded.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_resolve_against_the_package() {
        assert_eq!(
            resolve("OEBPS", "text/ch%201.xhtml#top"),
            "OEBPS/text/ch 1.xhtml"
        );
        assert_eq!(
            resolve("OEBPS/content", "../images/../ch2.xhtml"),
            "OEBPS/ch2.xhtml"
        );
        assert_eq!(resolve("", "ch3.xhtml"), "ch3.xhtml");
    }

    #[test]
    fn package_metadata_and_spine() {
        let opf = r#"<package xmlns="http://www.idpf.org/2007/opf"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Dispatches</dc:title><dc:date>2021-06-01</dc:date></metadata><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/><itemref idref="nav" linear="no"/></spine></package>"#;
        let package = parse_package(opf).expect("parses");
        assert_eq!(
            (
                package.title.as_deref(),
                package.date.as_deref(),
                package.spine
            ),
            (
                Some("Dispatches"),
                Some("2021-06-01"),
                vec!["c1".to_string()]
            )
        );
    }
}
