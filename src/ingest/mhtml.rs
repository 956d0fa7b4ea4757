//! MHTML pages saved by browsers ("Save as single file"): a MIME
//! multipart/related message whose text/html part is the page, and whose
//! other parts are its images and styles (ignored). mail-parser undoes the
//! quoted-printable or base64 transfer coding and the charset; the page
//! then goes through the same reader as `.html` files, with the part's
//! Content-Location (else the message's `Snapshot-Content-Location`) as URL.

use mail_parser::{MessageParser, MimeHeaders, PartType};

use super::{Item, Sink, html};
use crate::model::{Format, Origin};

/// Reads one MHTML file.
pub(super) fn read(origin: &Origin, bytes: &[u8], sink: &mut Sink<'_>) {
    let Some(message) = MessageParser::default().parse(bytes) else {
        sink.emit(Item::failed(origin.clone(), "not a readable MHTML file"));
        return;
    };
    let Some(part) = message
        .parts
        .iter()
        .find(|p| matches!(p.body, PartType::Html(_)))
    else {
        sink.emit(Item::failed(
            origin.clone(),
            "MHTML file has no text/html part",
        ));
        return;
    };
    let page = part.text_contents().unwrap_or_default();
    let url = part
        .content_location()
        .or_else(|| message.header_raw("Snapshot-Content-Location"))
        .map(|u| u.trim().to_string())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    if !sink.spend_markup(page.len()) {
        return;
    }
    match html::parse(page, url.as_deref()) {
        Ok(mut article) => {
            article.origin = origin.clone();
            article.format = Some(Format::Mhtml);
            sink.emit(Item::Article(article));
        }
        Err(e) => sink.emit(Item::failed(origin.clone(), e.to_string())),
    }
}
