//! The reply's Content-Type picks the reader: PDF, HTML, plain text or
//! Akoma Ntoso XML. What comes out is the corpus file: text (`.txt`), or
//! the XML itself (`.xml`), which `rescite graph` reads natively.

use std::path::Path;

use super::html::{find_frame, html_to_text};
use super::pdf::{pdf_to_text_with, PdfError};
use crate::input::{decode, InputFormat};

/// What a body is, as far as rescite reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentKind {
    Pdf,
    Html,
    Text,
    Xml,
}

/// Why a body is not a document rescite can read.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("the reply claims to be a PDF ({content_type}) but does not start with %PDF (it starts with {start:?})")]
    NotPdf { content_type: String, start: String },
    #[error("the PDF is truncated: no %%EOF marker at its end")]
    TruncatedPdf,
    #[error("cannot read the PDF: {0}")]
    Pdf(#[from] PdfError),
    #[error(
        "unsupported Content-Type `{0}`: rescite reads PDF, HTML, plain text and Akoma Ntoso XML"
    )]
    Unsupported(String),
    #[error("the {0:?} reply has no text (a scanned PDF needs OCR first)")]
    Empty(ContentKind),
    #[error("the {kind:?} reply is not readable text: {reason}")]
    Unreadable { kind: ContentKind, reason: String },
}

/// A body read.
#[derive(Debug)]
pub enum Reading {
    /// A landing page that frames the document at this address (as written
    /// in the page; resolve it against the page's URL).
    Frame(String),
    /// The document, as the corpus file stores it.
    Document(Document),
}

/// The text of a document, ready to be written to the corpus and extracted.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: ContentKind,
    /// The corpus file's bytes: UTF-8 text, or the Akoma Ntoso XML as sent.
    pub bytes: Vec<u8>,
    /// The corpus file's extension: `txt` or `xml`.
    pub extension: &'static str,
}

/// The media type of a Content-Type header, lower-cased, without parameters.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a Content-Type header.
fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// Decides the reader from the Content-Type, sniffing the body only when
/// the type says nothing (absent, `application/octet-stream`).
pub fn classify(content_type: Option<&str>, body: &[u8]) -> Result<ContentKind, ContentError> {
    let media = content_type.map(media_type).unwrap_or_default();
    let kind = match media.as_str() {
        "application/pdf" | "application/x-pdf" | "application/acrobat" => ContentKind::Pdf,
        "text/html" | "application/xhtml+xml" => ContentKind::Html,
        "text/plain" => ContentKind::Text,
        "application/xml" | "text/xml" | "application/akn+xml" => ContentKind::Xml,
        m if m.ends_with("+xml") => ContentKind::Xml,
        ""
        | "application/octet-stream"
        | "binary/octet-stream"
        | "application/download"
        | "application/force-download" => sniff(body),
        other => return Err(ContentError::Unsupported(other.to_owned())),
    };
    if kind == ContentKind::Pdf && !body.starts_with(b"%PDF") {
        return Err(ContentError::NotPdf {
            content_type: if media.is_empty() {
                "no Content-Type".to_owned()
            } else {
                media
            },
            start: preview(body),
        });
    }
    Ok(kind)
}

fn sniff(body: &[u8]) -> ContentKind {
    let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with(b"%PDF") {
        ContentKind::Pdf
    } else if head.starts_with("<!doctype html") || head.starts_with("<html") {
        ContentKind::Html
    } else if head.starts_with("<?xml") || head.starts_with("<akomantoso") {
        ContentKind::Xml
    } else {
        ContentKind::Text
    }
}

fn preview(body: &[u8]) -> String {
    let head = String::from_utf8_lossy(&body[..body.len().min(40)]);
    head.chars()
        .filter(|c| !c.is_control() || *c == ' ')
        .collect()
}

/// Reads a body of a given kind. A landing page's frame is returned only
/// when `follow_frames` is true; otherwise the page is read as text.
pub fn read(
    kind: ContentKind,
    content_type: Option<&str>,
    body: &[u8],
    follow_frames: bool,
    pdftotext: &Path,
) -> Result<Reading, ContentError> {
    let text = match kind {
        ContentKind::Pdf => {
            if !has_eof_marker(body) {
                return Err(ContentError::TruncatedPdf);
            }
            pdf_to_text_with(pdftotext, body)?
        }
        ContentKind::Html => {
            let page = decode_text(content_type, body, kind)?;
            if follow_frames {
                if let Some(src) = find_frame(&page) {
                    return Ok(Reading::Frame(src));
                }
            }
            html_to_text(&page)
        }
        ContentKind::Text => decode_text(content_type, body, kind)?,
        ContentKind::Xml => {
            let decoded = decode(body).map_err(|e| ContentError::Unreadable {
                kind,
                reason: e.to_string(),
            })?;
            if decoded.format == InputFormat::AkomaNtoso {
                if decoded.text.trim().is_empty() {
                    return Err(ContentError::Empty(kind));
                }
                return Ok(Reading::Document(Document {
                    kind,
                    bytes: body.to_vec(),
                    extension: "xml",
                }));
            }
            // Other XML: its text, markup dropped.
            html_to_text(&decoded.text)
        }
    };
    if text.trim().is_empty() {
        return Err(ContentError::Empty(kind));
    }
    // The same checks `rescite extract` makes (binary data, NUL bytes).
    decode(text.as_bytes()).map_err(|e| ContentError::Unreadable {
        kind,
        reason: e.to_string(),
    })?;
    Ok(Reading::Document(Document {
        kind,
        bytes: text.into_bytes(),
        extension: "txt",
    }))
}

/// Whether a PDF ends with `%%EOF` (allowing trailing whitespace or junk in
/// its last kilobyte): a PDF cut short by a dropped connection does not.
fn has_eof_marker(body: &[u8]) -> bool {
    let tail = &body[body.len().saturating_sub(1024)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// Text in the charset the Content-Type names (UTF-8 when it names none);
/// a byte-order mark wins over the header.
fn decode_text(
    content_type: Option<&str>,
    body: &[u8],
    kind: ContentKind,
) -> Result<String, ContentError> {
    let label = content_type.and_then(charset);
    let encoding = encoding_rs::Encoding::for_bom(body)
        .map(|(e, _)| e)
        .or_else(|| {
            label
                .as_deref()
                .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        })
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = encoding.decode(body);
    if text.contains('\0') {
        return Err(ContentError::Unreadable {
            kind,
            reason: "it contains NUL bytes".to_owned(),
        });
    }
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_picks_the_reader() {
        assert_eq!(
            classify(Some("application/pdf"), b"%PDF-1.7 ...").unwrap(),
            ContentKind::Pdf
        );
        assert_eq!(
            classify(Some("text/html; charset=utf-8"), b"<p>").unwrap(),
            ContentKind::Html
        );
        assert_eq!(
            classify(Some("text/plain"), b"x").unwrap(),
            ContentKind::Text
        );
        assert_eq!(
            classify(Some("application/akn+xml"), b"<akomaNtoso/>").unwrap(),
            ContentKind::Xml
        );
        assert_eq!(
            classify(Some("application/octet-stream"), b"%PDF-1.4").unwrap(),
            ContentKind::Pdf
        );
        assert_eq!(
            classify(None, b"<!DOCTYPE html><html>").unwrap(),
            ContentKind::Html
        );
        let err = classify(Some("application/msword"), b"\xd0\xcf").unwrap_err();
        assert!(err.to_string().contains("application/msword"), "{err}");
    }

    #[test]
    fn a_pdf_that_is_not_a_pdf_is_an_error() {
        let err = classify(
            Some("application/pdf"),
            b"<!DOCTYPE html><html><body>Service unavailable</body></html>",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("%PDF"), "{err}");
        assert!(err.contains("<!DOCTYPE html>"), "{err}");
    }

    #[test]
    fn text_in_a_declared_charset() {
        let body = b"R\xe9solution 70/1";
        let reading = read(
            ContentKind::Text,
            Some("text/plain; charset=ISO-8859-1"),
            body,
            true,
            Path::new("pdftotext"),
        )
        .unwrap();
        match reading {
            Reading::Document(doc) => assert_eq!(doc.bytes, "Résolution 70/1".as_bytes()),
            Reading::Frame(_) => panic!("not a page"),
        }
    }
}
