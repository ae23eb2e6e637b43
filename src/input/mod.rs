//! Input stage: the bytes of a file → the text the extractor reads.
//!
//! Plain text passes through as it is (UTF-8), so that citation offsets can
//! point back into the original file, or is decoded (UTF-16 or UTF-32 with a
//! byte-order mark). An
//! Akoma Ntoso XML file (the UN's machine-readable resolutions) is read "as a
//! person reads it" by the `akn` submodule: header lines, then one paragraph per
//! preambular or operative paragraph, each footnote right after the paragraph
//! that refers to it. Files that are not text at all (a PDF or an image given
//! by mistake) are rejected with a message that says what to do instead.

mod akn;

use std::borrow::Cow;

use encoding_rs::Encoding;

/// What kind of input a file was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text, passed through verbatim (apart from decoding).
    Text,
    /// Akoma Ntoso XML, turned into text.
    AkomaNtoso,
}

/// Metadata a file states about itself (Akoma Ntoso `<meta>`); `None` when not stated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// Canonical symbol, e.g. "A/RES/78/311", from the work's FRBRuri or else
    /// the `<docNumber refersTo="#symbol">` of the cover page.
    pub symbol: Option<String>,
    /// The resolution's title as printed (its `docTitle`), whitespace-collapsed.
    pub title: Option<String>,
    /// Date of adoption, ISO "2024-07-01" (`FRBRdate name="adoption"`).
    pub adopted: Option<String>,
    /// Two-letter language code: ar, zh, en, fr, ru or es (from `FRBRlanguage`).
    pub language: Option<String>,
}

/// A file's text, ready for extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text to extract from.
    pub text: String,
    /// What the file was.
    pub format: InputFormat,
    /// What the file says about itself (all `None` for plain text).
    pub meta: DocMeta,
    /// Byte offset in the ORIGINAL file of `text[0]` when `text` is a verbatim
    /// slice of the file (UTF-8 without/with BOM → 0 or 3); `None` when offsets
    /// cannot map 1:1 (UTF-16, XML, lossy repair).
    pub origin_offset: Option<usize>,
    /// Human-readable notes about repairs and oddities, e.g.
    /// "invalid UTF-8 at byte 1234; replaced 3 bytes with U+FFFD ...".
    pub warnings: Vec<String>,
}

/// Why a file could not be read. The caller adds the path.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// Not a text file (PDF, image, archive, ...).
    #[error("not a text file: {reason}")]
    Binary {
        /// What the file looks like and what to do about it.
        reason: String,
    },
    /// The file is Akoma Ntoso XML but not well-formed (e.g. truncated).
    #[error("malformed Akoma Ntoso XML at byte {position}: {message}")]
    Xml {
        /// What the XML parser found wrong.
        message: String,
        /// Byte offset of the problem in the file (for a UTF-16 or repaired
        /// file: in its UTF-8 decoding).
        position: usize,
    },
}

/// How much of the start of a file the binary checks look at.
const SAMPLE_LEN: usize = 8 * 1024;

/// Turns the bytes of a file into the text to extract from.
///
/// Never panics, whatever the bytes. An empty file is not an error: it gives
/// an empty text and the warning "empty file".
pub fn decode(bytes: &[u8]) -> Result<Decoded, InputError> {
    if let Some(reason) = known_binary_format(bytes) {
        return Err(InputError::Binary { reason });
    }
    let mut warnings = Vec::new();
    let (text, origin_offset) = decode_text(bytes, &mut warnings)?;
    if text.is_empty() {
        warnings.push("empty file".to_owned());
    } else {
        // U+FFFD in a text that decoded cleanly is a character of the text;
        // only replacements made here say the bytes were not text.
        let repaired = !warnings.is_empty();
        reject_control_characters(&text, repaired)?;
    }
    if akn::is_akoma_ntoso(&text) {
        return read_akoma_ntoso(&text, origin_offset, warnings);
    }
    if akn::starts_with_markup(&text) {
        warnings.push(
            "the file looks like XML or HTML but not Akoma Ntoso; it is read as plain text, \
             markup included"
                .to_owned(),
        );
    }
    Ok(Decoded {
        text: text.into_owned(),
        format: InputFormat::Text,
        meta: DocMeta::default(),
        origin_offset,
        warnings,
    })
}

fn read_akoma_ntoso(
    xml: &str,
    origin_offset: Option<usize>,
    mut warnings: Vec<String>,
) -> Result<Decoded, InputError> {
    match akn::read(xml) {
        Ok(doc) => {
            warnings.extend(doc.warnings);
            Ok(Decoded {
                text: doc.text,
                format: InputFormat::AkomaNtoso,
                meta: doc.meta,
                origin_offset: None,
                warnings,
            })
        }
        // The parser counts bytes of the decoded text; shift past a BOM so
        // the position points into the file whenever the two coincide.
        Err(failure) => Err(InputError::Xml {
            message: failure.message,
            position: failure.position.saturating_add(origin_offset.unwrap_or(0)),
        }),
    }
}

/// Magic numbers of the files most often given by mistake, with advice.
const SIGNATURES: &[(&[u8], &str)] = &[
    (
        b"%PDF",
        "it is a PDF document; convert it to text first with \
         `pdftotext -enc UTF-8 FILE.pdf FILE.txt`",
    ),
    (b"\x89PNG\r\n\x1a\n", "it is a PNG image"),
    (b"\xff\xd8\xff", "it is a JPEG image"),
    (b"GIF8", "it is a GIF image"),
    (
        b"PK\x03\x04",
        "it is a ZIP archive (a .docx or .odt document is one); save it as plain text (UTF-8) first",
    ),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "it is an old Microsoft Office document (.doc); save it as plain text (UTF-8) first",
    ),
    (b"\x1f\x8b", "it is gzip-compressed; decompress it first"),
];

fn known_binary_format(bytes: &[u8]) -> Option<String> {
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, reason)| (*reason).to_owned())
}

/// Decodes by BOM (UTF-8, UTF-16LE/BE, UTF-32LE/BE), else by an XML declaration naming a
/// legacy encoding, else as UTF-8. Returns the text and, when the text is a
/// verbatim slice of the file, the offset where it starts.
fn decode_text<'a>(
    bytes: &'a [u8],
    warnings: &mut Vec<String>,
) -> Result<(Cow<'a, str>, Option<usize>), InputError> {
    // UTF-32's little-endian BOM starts with UTF-16's: it is looked for
    // first.
    if let Some(text) = decode_utf32(bytes, warnings) {
        return Ok((Cow::Owned(text), None));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        if encoding == encoding_rs::UTF_8 {
            return Ok(decode_utf8(body, bom_len, warnings));
        }
        return Ok((decode_with(encoding, body, warnings), None));
    }
    // UTF-16 has NULs in every other byte of ASCII text, so this check only
    // makes sense once UTF-16 (with a BOM) has been ruled out.
    reject_nul_bytes(bytes)?;
    if let Some(encoding) = declared_xml_encoding(bytes) {
        return Ok((decode_with(encoding, bytes, warnings), None));
    }
    Ok(decode_utf8(bytes, 0, warnings))
}

/// UTF-32 with a byte-order mark, which the web's encodings (and so
/// encoding_rs) leave out; `None` without one. A code unit that is no
/// character, or a short last one, becomes U+FFFD with a warning.
fn decode_utf32(bytes: &[u8], warnings: &mut Vec<String>) -> Option<String> {
    let big_endian = match bytes.get(..4)? {
        [0xFF, 0xFE, 0, 0] => false,
        [0, 0, 0xFE, 0xFF] => true,
        _ => return None,
    };
    let body = &bytes[4..];
    let mut text = String::with_capacity(body.len() / 4);
    let mut malformed = 0usize;
    for unit in body.chunks(4) {
        let c = <[u8; 4]>::try_from(unit)
            .ok()
            .map(|unit| match big_endian {
                true => u32::from_be_bytes(unit),
                false => u32::from_le_bytes(unit),
            })
            .and_then(char::from_u32);
        malformed += usize::from(c.is_none());
        text.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    if malformed > 0 {
        warnings.push(format!(
            "malformed UTF-32 in the file: {malformed} code units that are no character were replaced with U+FFFD"
        ));
    }
    Some(text)
}

fn decode_utf8<'a>(
    body: &'a [u8],
    bom_len: usize,
    warnings: &mut Vec<String>,
) -> (Cow<'a, str>, Option<usize>) {
    // simdutf8 validates several times faster than std; std's error says
    // where the first bad byte is.
    if let Ok(text) = simdutf8::basic::from_utf8(body) {
        return (Cow::Borrowed(text), Some(bom_len));
    }
    match std::str::from_utf8(body) {
        Ok(text) => (Cow::Borrowed(text), Some(bom_len)),
        Err(error) => {
            warnings.push(invalid_utf8_warning(body, bom_len + error.valid_up_to()));
            (String::from_utf8_lossy(body), None)
        }
    }
}

fn invalid_utf8_warning(body: &[u8], first_bad: usize) -> String {
    let (places, bytes) = body
        .utf8_chunks()
        .map(|chunk| chunk.invalid().len())
        .filter(|&len| len > 0)
        .fold((0, 0), |(places, bytes), len| (places + 1, bytes + len));
    format!(
        "invalid UTF-8 at byte {first_bad}; replaced {bytes} bytes in {places} places with U+FFFD \
         (if the file is in another encoding, convert it to UTF-8 first, e.g. with iconv)"
    )
}

fn decode_with<'a>(
    encoding: &'static Encoding,
    body: &'a [u8],
    warnings: &mut Vec<String>,
) -> Cow<'a, str> {
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        warnings.push(format!(
            "malformed {} in the file; the bad sequences were replaced with U+FFFD",
            encoding.name()
        ));
    }
    text
}

/// The encoding named by `<?xml ... encoding="..."?>` when it is a legacy one
/// (e.g. ISO-8859-1) that UTF-8 decoding would garble.
fn declared_xml_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(256))?;
    let declaration = head.strip_prefix(b"<?xml")?;
    let declaration = &declaration[..find(declaration, b"?>")?];
    let after = &declaration[find(declaration, b"encoding")? + b"encoding".len()..];
    let after = after
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let (&quote, rest) = after.split_first()?;
    let label = &rest[..rest.iter().position(|&b| b == quote)?];
    let encoding = Encoding::for_label(label)?;
    // A UTF-16 label without a BOM is a lie (the bytes are ASCII-compatible),
    // and "replacement" would turn the whole file into one U+FFFD.
    let usable = encoding != encoding_rs::UTF_8
        && encoding.is_ascii_compatible()
        && encoding != encoding_rs::REPLACEMENT;
    usable.then_some(encoding)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn reject_nul_bytes(bytes: &[u8]) -> Result<(), InputError> {
    let sample = &bytes[..bytes.len().min(SAMPLE_LEN)];
    let Some(first) = memchr::memchr(0, sample) else {
        return Ok(());
    };
    let hint = if looks_like_utf32_without_bom(sample) {
        "; it looks like UTF-32 without a byte-order mark: save it as UTF-8 (or UTF-32 with a BOM)"
    } else if looks_like_utf16_without_bom(sample) {
        "; it looks like UTF-16 without a byte-order mark: save it as UTF-8 (or UTF-16 with a BOM)"
    } else {
        ""
    };
    Err(InputError::Binary {
        reason: format!("it contains NUL bytes (the first at byte {first}){hint}"),
    })
}

/// UTF-32 text has a NUL in at least two bytes of every four, the same two
/// (the high ones) throughout.
fn looks_like_utf32_without_bom(sample: &[u8]) -> bool {
    let units = sample.len() / 4;
    let high_nuls = |pair: [usize; 2]| {
        sample
            .chunks_exact(4)
            .filter(|unit| pair.iter().all(|&i| unit[i] == 0))
            .count()
    };
    let most = high_nuls([2, 3]).max(high_nuls([0, 1]));
    units >= 2 && most * 10 >= units * 9
}

/// UTF-16 text in a Latin script has a NUL in nearly every other byte, and
/// almost none in the others.
fn looks_like_utf16_without_bom(sample: &[u8]) -> bool {
    let pairs = sample.len() / 2;
    let nul_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    pairs >= 2 && even.max(odd) * 10 >= pairs * 4 && even.min(odd) * 20 <= pairs
}

/// Rejects text whose start (its first 8 KiB) is mostly control characters
/// or undecodable bytes: what a binary file without a known signature looks
/// like. Counted on the UTF-8 bytes, which is several times faster than
/// decoding the characters: every file read passes here.
fn reject_control_characters(text: &str, repaired: bool) -> Result<(), InputError> {
    let mut end = text.len().min(SAMPLE_LEN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text.as_bytes()[..end];
    if memchr::memchr(0, sample).is_some() {
        return Err(InputError::Binary {
            reason: "it contains NUL characters".to_owned(),
        });
    }
    // A character starts at every byte that is not a continuation byte.
    let total = sample.iter().filter(|&&b| (b as i8) >= -0x40).count();
    // C0 controls but tabs, line ends and form feeds (pdftotext's page
    // breaks), which are text; DEL; C1 controls (U+0080–U+009F, C2 80–9F).
    let c0_and_del = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    let c1 = memchr::memchr_iter(0xC2, sample)
        .filter(|&at| {
            sample
                .get(at + 1)
                .is_some_and(|b| (0x80..=0x9F).contains(b))
        })
        .count();
    let controls = c0_and_del + c1;
    let replaced = if repaired {
        memchr::memmem::find_iter(sample, "\u{fffd}".as_bytes()).count()
    } else {
        0
    };
    if controls * 10 > total {
        return Err(InputError::Binary {
            reason: format!("{controls} of its first {total} characters are control characters"),
        });
    }
    if (controls + replaced) * 10 > total * 3 {
        return Err(InputError::Binary {
            reason: format!(
                "{replaced} of its first {total} characters are not valid UTF-8; if it is text in \
                 another encoding, convert it to UTF-8 first (e.g. with iconv)"
            ),
        });
    }
    Ok(())
}
