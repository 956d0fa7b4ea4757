//! From what an importer read ([`RawArticle`]) to what the store accepts
//! ([`NewArticle`]): text checked, identity and outlet settled, language
//! detected, hashes computed.

use crate::dedupe::{self, Signature};
use crate::model::{Format, RawArticle};
use crate::store::NewArticle;

/// Fewest words an article's text may have.
const MIN_WORDS: usize = 3;

/// An article whose text and fields are settled, before its fingerprints
/// (exact-duplicate hash, MinHash signature) are computed: checking is
/// cheap and decides what the import does next (extraction's budget reads
/// the text's length), while fingerprinting reads the whole normalised
/// text and can run on another thread.
pub(crate) struct Checked {
    /// The article, its hash and signature not yet set (only
    /// [`Checked::fingerprint`] hands it out).
    article: NewArticle,
    /// What identifies the article for exact dedupe: its text, or for a
    /// headline-only record its headline and URL.
    identity: Identity,
}

enum Identity {
    Text,
    Headline(String),
}

impl Checked {
    /// The article's text, as it will be stored.
    pub(crate) fn text(&self) -> &str {
        &self.article.text
    }

    /// The article's headline, as it will be stored.
    pub(crate) fn title(&self) -> Option<&str> {
        self.article.title.as_deref()
    }

    /// The article ready to store, with its content hash and signature.
    pub(crate) fn fingerprint(self) -> NewArticle {
        let Checked {
            mut article,
            identity,
        } = self;
        match identity {
            Identity::Text => {
                let normalised = dedupe::normalise(&article.text);
                article.content_hash = dedupe::hash_normalised(&normalised);
                article.signature = Signature::of_normalised(&normalised);
            }
            Identity::Headline(identity) => {
                article.content_hash = dedupe::hash_normalised(&dedupe::normalise(&identity));
                article.signature = Signature::of("");
            }
        }
        article
    }
}

/// Checks an article's text and settles its fields (identity, outlet,
/// language); [`Checked::fingerprint`] finishes it.
pub(crate) fn check(raw: RawArticle, source_override: Option<&str>) -> Result<Checked, String> {
    let text = without_controls(raw.text.trim()).trim().to_string();
    let title = raw
        .title
        .as_deref()
        .map(|t| {
            without_controls(t)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|t| !t.is_empty());
    // Headline-only records (an export row whose body is empty) are kept, marked
    // partial; their identity for exact dedupe is headline plus URL.
    let headline_only = text.is_empty() && raw.partial && title.is_some();
    if !headline_only {
        if text.is_empty() {
            return Err("no article text".into());
        }
        if text.split_whitespace().count() < MIN_WORDS {
            return Err(format!(
                "article text too short ({} words)",
                text.split_whitespace().count()
            ));
        }
    }
    let identity = if headline_only {
        Identity::Headline(format!(
            "{}\n{}",
            title.as_deref().unwrap_or(""),
            raw.url.as_deref().unwrap_or("")
        ))
    } else {
        Identity::Text
    };
    let external_id = raw
        .external_id
        .clone()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| fallback_id(&raw));

    let url_domain = raw
        .url
        .as_deref()
        .or(raw.canonical_url.as_deref())
        .and_then(domain_of);
    let (source_name, source_domain) = match (source_override, raw.source_name.as_deref()) {
        (Some(name), _) => (Some(name.trim().to_string()), None),
        (None, Some(name)) if looks_like_domain(name) => {
            (None, Some(strip_www(&name.to_ascii_lowercase())))
        }
        (None, Some(name)) => (Some(name.trim().to_string()), url_domain),
        (None, None) => (None, url_domain),
    };

    let language = raw
        .language
        .as_deref()
        .and_then(|l| l.split(['-', '_']).next())
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()))
        .or_else(|| {
            detect_language(match &identity {
                Identity::Headline(identity) => identity.as_str(),
                Identity::Text => text.as_str(),
            })
        });

    let article = NewArticle {
        // Set by `Checked::fingerprint`, the only way out of `Checked`.
        content_hash: [0; 32],
        signature: Signature::of(""),
        origin: raw.origin,
        external_id,
        title,
        url: raw.url.filter(|u| !u.trim().is_empty()),
        canonical_url: raw.canonical_url,
        source_name,
        source_domain,
        published: raw.published,
        author: raw.author,
        language,
        format: raw.format.unwrap_or(Format::Text),
        partial: raw.partial,
        text,
    };
    Ok(Checked { article, identity })
}

/// Text without control characters, which no article means and which
/// would break what the archive builds on its text: search marks matches
/// with `\u{1}`/`\u{2}` (stray ones gave unbalanced `<mark>` tags), and a
/// terminal obeys escape sequences. Tabs and line breaks stay; form and
/// line feeds of other kinds become line breaks.
pub(crate) fn without_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let is_unwanted = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(is_unwanted) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\u{b}' | '\u{c}' | '\u{85}' => Some('\n'),
                c if is_unwanted(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// The record's line, else the file (or container entry) stem.
fn fallback_id(raw: &RawArticle) -> String {
    let name = raw
        .origin
        .path
        .rsplit(['/', '\\', '!'])
        .next()
        .unwrap_or(&raw.origin.path);
    let stem = name
        .split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(name);
    match (&raw.origin.record, raw.origin.line) {
        (Some(record), _) => format!("{stem}#{record}"),
        (None, Some(line)) => format!("{stem}:{line}"),
        (None, None) => stem.to_string(),
    }
}

fn looks_like_domain(s: &str) -> bool {
    let s = s.trim();
    !s.contains(char::is_whitespace)
        && s.contains('.')
        && s.rsplit('.').next().is_some_and(|tld| {
            (2..=24).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic())
        })
}

fn strip_www(host: &str) -> String {
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

/// The host of a URL, lower case, without `www.` or port.
pub fn domain_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    parsed
        .host_str()
        .map(|h| strip_whitelabel(&strip_www(&h.to_ascii_lowercase())))
}

fn strip_whitelabel(host: &str) -> String {
    host.strip_prefix("m.")
        .filter(|rest| rest.contains('.'))
        .unwrap_or(host)
        .to_string()
}

/// Language of a whole article by whatlang, only when it is confident.
fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(800).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    Some(iso639_1(info.lang().code()).to_string())
}

/// Two-letter codes for whatlang's three-letter ones where ISO 639-1 has them.
fn iso639_1(code: &str) -> &str {
    match code {
        "eng" => "en",
        "fra" => "fr",
        "deu" => "de",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "nld" => "nl",
        "rus" => "ru",
        "ukr" => "uk",
        "ara" => "ar",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "hin" => "hi",
        "tur" => "tr",
        "pol" => "pl",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "nb",
        "fin" => "fi",
        "ces" => "cs",
        "ell" => "el",
        "heb" => "he",
        "pes" => "fa",
        "urd" => "ur",
        "ind" => "id",
        "vie" => "vi",
        "tha" => "th",
        "ron" => "ro",
        "hun" => "hu",
        "bul" => "bg",
        "hrv" => "hr",
        "srp" => "sr",
        "slk" => "sk",
        "slv" => "sl",
        "cat" => "ca",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "ben" => "bn",
        "tam" => "ta",
        "tel" => "te",
        "mar" => "mr",
        "guj" => "gu",
        "pan" => "pa",
        "kan" => "kn",
        "mal" => "ml",
        "aze" => "az",
        "kat" => "ka",
        "hye" => "hy",
        "bel" => "be",
        "mkd" => "mk",
        "epo" => "eo",
        "afr" => "af",
        "zul" => "zu",
        "yid" => "yi",
        "lat" => "la",
        "tgl" => "tl",
        "jav" => "jv",
        "uzb" => "uz",
        "khm" => "km",
        "mya" => "my",
        "sin" => "si",
        "amh" => "am",
        "nep" => "ne",
        "ori" => "or",
        "sna" => "sn",
        "aka" => "ak",
        "tuk" => "tk",
        "kaz" => "kk",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn validate(raw: RawArticle, source_override: Option<&str>) -> Result<NewArticle, String> {
        check(raw, source_override).map(Checked::fingerprint)
    }

    #[test]
    fn outlet_from_record_or_url() {
        let raw = RawArticle {
            origin: Origin::file("/x/000_abc.txt"),
            text: "Four people were wounded in a shooting on Tuesday evening, according to police. Officers were called to the scene just before six o'clock for a report of shots fired, and found the victims on the sidewalk outside a store.".into(),
            url: Some("http://www.ktla.com:80/2014/01/14/x/".into()),
            ..RawArticle::default()
        };
        let a = validate(raw.clone(), None).expect("valid");
        assert_eq!(
            (a.source_domain.as_deref(), a.external_id.as_str()),
            (Some("ktla.com"), "000_abc")
        );
        assert_eq!(a.language.as_deref(), Some("en"));
        let named = validate(
            RawArticle {
                source_name: Some("KTLA 5".into()),
                ..raw.clone()
            },
            None,
        )
        .expect("valid");
        assert_eq!(
            (named.source_name.as_deref(), named.source_domain.as_deref()),
            (Some("KTLA 5"), Some("ktla.com"))
        );
        let forced = validate(raw, Some("Archive box")).expect("valid");
        assert_eq!(
            (forced.source_name.as_deref(), forced.source_domain),
            (Some("Archive box"), None)
        );
    }

    #[test]
    fn empty_text_is_rejected() {
        assert!(
            validate(
                RawArticle {
                    text: "  \n ".into(),
                    ..RawArticle::default()
                },
                None
            )
            .is_err()
        );
    }
}
