//! A page's shape before and after parsing: its depth and element count
//! estimated from its tags alone (linear, no tree), the parsed tree measured
//! exactly, and tags stripped without parsing.

use dom_query::NodeRef;

use super::{HtmlError, MAX_DEPTH, MAX_ELEMENTS};

/// Elements whose end tag may be left out: a new one of the same name ends
/// the one open at the top of the stack (`<li>a<li>b`, `<p>a<p>b`).
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rtc", "rp",
    "thead", "tbody", "tfoot", "colgroup", "caption",
];
/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr", "basefont", "bgsound", "frame",
];
/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];
/// Elements that bound the search for an end tag's element (HTML's
/// "scope"): `</div>` inside a table cell closes nothing outside the cell.
const SCOPE_BOUNDARY: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];
/// Block elements whose start closes an open `<p>` directly above them.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "hr",
    "table",
];

/// Estimates the page's element count and nesting depth from its tags
/// alone, following HTML's rules closely enough never to see a page as
/// shallower than a parser builds it: self-closing syntax counts only inside
/// SVG and MathML, end tags close only what is in scope, and only the end
/// tags HTML lets a page leave out are implied. Linear in the page's length.
pub fn check_shape(html: &str) -> Result<(), HtmlError> {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut elements = 0usize;
    let mut position = 0;
    while let Some(found) = bytes[position..].iter().position(|&b| b == b'<') {
        let start = position + found;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            position = find(bytes, start + 4, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        if rest.first().is_some_and(|b| *b == b'!' || *b == b'?') {
            position = find(bytes, start + 1, b">").map_or(bytes.len(), |end| end + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_length = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_length == 0 || !bytes[name_start].is_ascii_alphabetic() {
            position = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_length].to_ascii_lowercase();
        let (tag_end, self_closing) = tag_end(bytes, name_start + name_length);
        position = tag_end;
        if closing {
            close(&mut open, &name);
            continue;
        }
        elements += 1;
        if elements > MAX_ELEMENTS {
            return Err(HtmlError::TooManyElements);
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let end_tag = format!("</{name}");
            position =
                find_ignoring_case(bytes, position, end_tag.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        let foreign = || open.iter().any(|o| o == "svg" || o == "math");
        if VOID.contains(&name.as_str()) || (self_closing && foreign()) {
            continue;
        }
        let top = open.last().map(String::as_str);
        if (OPTIONAL_END.contains(&name.as_str()) && top == Some(name.as_str()))
            || (CLOSES_P.contains(&name.as_str()) && top == Some("p"))
        {
            open.pop();
        }
        open.push(name);
        if open.len() > MAX_DEPTH {
            return Err(HtmlError::TooDeep { at: start });
        }
    }
    Ok(())
}

/// The text of markup with every tag removed, for markup too deep or too
/// large to parse (a feed title): linear, no tree.
pub fn strip_tags(markup: &str) -> String {
    let mut text = String::with_capacity(markup.len());
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Pops back to the open element an end tag names, if it is in scope;
/// an end tag for nothing open (or out of scope) is ignored, as HTML does.
fn close(open: &mut Vec<String>, name: &str) {
    for index in (0..open.len()).rev() {
        if open[index] == name {
            open.truncate(index);
            return;
        }
        if SCOPE_BOUNDARY.contains(&open[index].as_str()) {
            return;
        }
    }
}

/// Where a tag ends (after its `>`), and whether it ends with `/>`. Quoted
/// attribute values may hold `>`.
fn tag_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut index = from;
    let mut after_equals = false;
    while index < bytes.len() {
        match bytes[index] {
            b'>' => return (index + 1, index > from && bytes[index - 1] == b'/'),
            quote @ (b'"' | b'\'') if after_equals => {
                index = bytes[index + 1..]
                    .iter()
                    .position(|&b| b == quote)
                    .map_or(bytes.len(), |end| index + 1 + end);
                after_equals = false;
            }
            b'=' => after_equals = true,
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        index += 1;
    }
    (bytes.len(), false)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| from + at)
}

fn find_ignoring_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|at| from + at)
}

/// Measures the parsed tree without recursion: the estimate of
/// [`check_shape`] errs on the deep side for the markup it models, and this
/// catches whatever it does not model.
pub(super) fn check_tree(root: &NodeRef<'_>) -> Result<(), HtmlError> {
    let mut stack = vec![(*root, 0usize)];
    let mut elements = 0usize;
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(HtmlError::TooDeep { at: 0 });
        }
        if node.is_element() {
            elements += 1;
            if elements > MAX_ELEMENTS {
                return Err(HtmlError::TooManyElements);
            }
        }
        let mut child = node.first_child();
        while let Some(current) = child {
            child = current.next_sibling();
            stack.push((current, depth + 1));
        }
    }
    Ok(())
}
