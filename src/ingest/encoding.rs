//! Turning a file's bytes into text: byte-order marks, UTF-8, UTF-16, and
//! legacy 8-bit encodings guessed by chardetng.
//!
//! Bytes that are mostly valid UTF-8 with broken sequences are rejected rather
//! than guessed at: decoding them as Windows-1252 would silently garble every
//! accented name in the article.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from bytes, with the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// Name of the encoding ("UTF-8", "windows-1252", ...).
    pub encoding: &'static str,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Mostly UTF-8, but with invalid sequences.
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// NUL bytes or other signs of a binary file.
    #[error("binary file{}", .kind.map(|k| format!(" ({k})")).unwrap_or_default())]
    Binary {
        /// What the content looks like, when recognised.
        kind: Option<&'static str>,
    },
}

/// Decodes `bytes`, honouring a byte-order mark or a declared encoding label
/// (an HTML `charset`), else UTF-8, else chardetng's guess.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(encoding, &bytes[bom_len..]));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(decode_with(encoding, bytes));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary { kind: None });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
        });
    }
    // Mostly-UTF-8 text with a few bad bytes is damaged, not in another encoding.
    let (mut valid_multibyte, mut invalid, mut first_invalid, mut offset) =
        (0usize, 0usize, None, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            first_invalid.get_or_insert(offset);
            invalid += 1;
        }
        offset += chunk.invalid().len();
    }
    if let Some(offset) =
        first_invalid.filter(|_| valid_multibyte > 0 && valid_multibyte >= invalid)
    {
        return Err(DecodeError::InvalidUtf8 { offset });
    }
    if let Some(encoding) = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        && encoding != UTF_8
    {
        return Ok(decode_with(encoding, bytes));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    Ok(decode_with(encoding, bytes))
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    }
}

/// UTF-16 without a byte-order mark shows as a NUL in every other byte of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if odd_nuls * 10 > pairs * 7 && even_nuls * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 10 > pairs * 7 && odd_nuls * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_utf16_and_legacy() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFhello", None).map(|d| d.text),
            Ok("hello".into())
        );
        let utf16: Vec<u8> = "héllo wörld"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(
            decode(&utf16, None).map(|d| d.text),
            Ok("héllo wörld".into())
        );
        let mut with_bom = vec![0xFE, 0xFF];
        with_bom.extend("Erbil".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&with_bom, None).map(|d| d.text), Ok("Erbil".into()));
        let cp1252 = b"The caf\xe9 said \x93no comment\x94 to reporters on Monday.";
        let decoded = decode(cp1252, None).expect("legacy text decodes");
        assert_eq!(
            decoded.text,
            "The café said “no comment” to reporters on Monday."
        );
    }

    #[test]
    fn rejects_damaged_utf8_and_binary() {
        assert_eq!(
            decode(
                "caf\u{e9} "
                    .as_bytes()
                    .iter()
                    .copied()
                    .chain([0xff, b'x'])
                    .collect::<Vec<_>>()
                    .as_slice(),
                None
            ),
            Err(DecodeError::InvalidUtf8 { offset: 6 })
        );
        assert_eq!(
            decode(b"abc\0def", None),
            Err(DecodeError::Binary { kind: None })
        );
    }
}
