//! HTML pages: the document a landing page frames, or the page's text.
//!
//! docs.un.org and undocs.org answer with a landing page whose `<iframe>`
//! points at the ODS content endpoint (docs/un-symbols.md §3.1). A page that
//! frames or embeds something (`<iframe src>`, `<embed src>`, `<object
//! data>`, or a `<meta http-equiv="refresh">`) is followed there; any other
//! page is read as text.

use std::sync::OnceLock;

use regex::Regex;

fn frame_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r#"(?is)<(?:iframe|embed|frame)\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))|<object\b[^>]*?\bdata\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#,
        )
        .expect("the frame pattern is a valid regex")
    })
}

fn refresh_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r#"(?is)<meta\b[^>]*?http-equiv\s*=\s*["']?refresh["']?[^>]*?content\s*=\s*["']\s*\d*\s*;?\s*url\s*=\s*([^"'>]+)"#,
        )
        .expect("the refresh pattern is a valid regex")
    })
}

/// The address a landing page frames or embeds (as written in the page,
/// entities decoded; relative addresses are the caller's to resolve), or
/// `None` when it frames nothing. Empty, `about:`, `javascript:` and `data:`
/// sources are ignored.
pub fn find_frame(html: &str) -> Option<String> {
    // Markup inside scripts and comments is not part of the page.
    let html = &*inert_pattern().replace_all(html, " ");
    let usable = |src: &str| {
        let src = decode_entities(src.trim());
        let lower = src.to_ascii_lowercase();
        let ignored = src.is_empty()
            || lower.starts_with("about:")
            || lower.starts_with("javascript:")
            || lower.starts_with("data:")
            || lower.starts_with('#');
        (!ignored).then_some(src)
    };
    frame_pattern()
        .captures_iter(html)
        .filter_map(|c| c.iter().skip(1).flatten().next().map(|m| m.as_str()))
        .find_map(usable)
        .or_else(|| {
            refresh_pattern()
                .captures(html)
                .and_then(|c| c.get(1))
                .and_then(|m| usable(m.as_str()))
        })
}

fn inert_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?is)<!--.*?-->|<(script|style|noscript|template)\b[^>]*>.*?</\s*(?:script|style|noscript|template)\s*>")
            .expect("the inert pattern is a valid regex")
    })
}

fn skipped_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?is)<!--.*?-->|<(script|style|head|noscript|template)\b[^>]*>.*?</\s*(?:script|style|head|noscript|template)\s*>")
            .expect("the skipped pattern is a valid regex")
    })
}

fn tag_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?s)<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)?[^>]*>")
            .expect("the tag pattern is a valid regex")
    })
}

/// Tags that end a line of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "title",
    "footer",
    "header",
];

/// The text of an HTML page as a person reads it: scripts, styles and the
/// head dropped, block elements on lines of their own, entities decoded,
/// runs of spaces and blank lines collapsed.
pub fn html_to_text(html: &str) -> String {
    let without = skipped_pattern().replace_all(html, " ");
    let mut text = String::with_capacity(without.len());
    let mut last = 0;
    for caps in tag_pattern().captures_iter(&without) {
        let Some(whole) = caps.get(0) else { continue };
        text.push_str(&without[last..whole.start()]);
        let name = caps
            .get(2)
            .map(|m| m.as_str().to_ascii_lowercase())
            .unwrap_or_default();
        text.push(if BLOCK_TAGS.contains(&name.as_str()) {
            '\n'
        } else {
            ' '
        });
        last = whole.end();
    }
    text.push_str(&without[last..]);
    let decoded = decode_entities(&text);
    let mut out = String::with_capacity(decoded.len());
    for line in decoded.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// Decodes the common named entities and all numeric ones.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| entity(&tail[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_framed_document() {
        let page = r#"<html><head><title>A/RES/78/311</title></head><body>
            <iframe title="doc" src="https://documents.un.org/api/symbol/access?s=A/RES/78/311&amp;l=en&amp;t=pdf" width="100%"></iframe>
            </body></html>"#;
        assert_eq!(
            find_frame(page).as_deref(),
            Some("https://documents.un.org/api/symbol/access?s=A/RES/78/311&l=en&t=pdf")
        );
        assert_eq!(
            find_frame("<EMBED type='application/pdf' SRC='/doc/x.pdf'>").as_deref(),
            Some("/doc/x.pdf")
        );
        assert_eq!(
            find_frame(r#"<iframe src="about:blank"></iframe><object data="/d.pdf"></object>"#)
                .as_deref(),
            Some("/d.pdf")
        );
        assert_eq!(
            find_frame(r#"<meta http-equiv="refresh" content="0; url=/next">"#).as_deref(),
            Some("/next")
        );
        assert_eq!(find_frame("<p>No frame here</p>"), None);
        assert_eq!(
            find_frame(
                "<script>document.write('<iframe src=\"/x\">')</script><!-- <embed src=/y> -->"
            ),
            None
        );
    }

    #[test]
    fn page_text_drops_markup() {
        let page = "<html><head><title>t</title><script>var x = '<p>';</script></head>\
                    <body><h1>Resolution&nbsp;70/1</h1><p>Recalling its resolution 69/313 &amp; 70/125,</p>\
                    <!-- hidden --><p>and&#32;more</p></body></html>";
        assert_eq!(
            html_to_text(page),
            "Resolution 70/1\nRecalling its resolution 69/313 & 70/125,\nand more\n"
        );
    }
}
