//! Document symbols written out in the text, found near their slashes.
//!
//! Resolution and decision symbols (`A/RES/70/1`, `S/RES/2231 (2015)`,
//! `E/CN.4/RES/1998/2`, the end of an undocs.org link) are citations
//! wherever they stand; other symbols (`A/75/474`, `S/2015/544`) are
//! references to documents.
//!
//! Their patterns start with a short prefix ("a/", "s/", "e/" in any case
//! for the first), which the regex engine's own search looked for and
//! checked one by one: two instructions a byte of English text for the
//! first pattern, one and a half for the second. Every match holds a
//! slash a few bytes from its start, so the slashes are found with
//! `memchr`, and a pattern is tried, anchored, only at the few starts
//! before a slash that can be its own.

use std::sync::OnceLock;

use regex_automata::{meta, Anchored, Input};

/// Resolution and decision symbols, case-insensitive.
pub(super) const WRITTEN_PATTERN: &str = r"(?:A/HRC/(?:RES|DEC)|E/CN\.4/(?:RES|DEC)|A/(?:RES|DEC)|S/RES|E/(?:RES|DEC))/(?:(?:ES|S)-)?\d{1,4}(?:/\d{1,4})?(?:\s?[A-Ha-h](?:-[A-Ha-h])?(?-u:\b))?(?:\s?\((?:[IVXLC]{1,8}|S-[IVXLC]{1,8}|ES-[IVXLC]{1,8}|\d{4})\))?";

/// Other document symbols: drafts, reports, letters, records. The tests'
/// specification of `reference_end`, which reads them by hand.
#[cfg(test)]
pub(super) const REFERENCE_PATTERN: &str = r"(?:A|S|E|ST|DP|UNEP|TD|CRC|CCPR|CEDAW|CERD|CAT|CMW|CRPD|CED|FCCC|ICCD|UNW|HRI|E/ICEF)(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+";

/// The prefixes of `REFERENCE_PATTERN`, in its order.
const REFERENCE_PREFIXES: [&[u8]; 20] = [
    b"A", b"S", b"E", b"ST", b"DP", b"UNEP", b"TD", b"CRC", b"CCPR", b"CEDAW", b"CERD", b"CAT",
    b"CMW", b"CRPD", b"CED", b"FCCC", b"ICCD", b"UNW", b"HRI", b"E/ICEF",
];

/// Where the match of `REFERENCE_PATTERN` anchored at `start` of `bytes`
/// ends, if it has one, read by hand: the first prefix (in the pattern's
/// order) that one part `/x…` at least follows, then every such part, each
/// as long as it goes (nothing after the parts asks them to stop sooner).
/// The pattern's anchored search cost about 270 instructions a try.
fn reference_end(bytes: &[u8], start: usize) -> Option<usize> {
    let rest = &bytes[start..];
    // The end of the parts `(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+` from `at`.
    let parts_end = |mut at: usize| {
        let mut parts = 0;
        while rest.get(at) == Some(&b'/') && rest.get(at + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            at += 2;
            while rest
                .get(at)
                .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            {
                at += 1;
            }
            parts += 1;
        }
        (parts > 0).then_some(at)
    };
    REFERENCE_PREFIXES
        .iter()
        .filter(|prefix| rest.starts_with(prefix))
        .find_map(|prefix| parts_end(prefix.len()))
        .map(|end| start + end)
}

/// Where a match anchored at a start of the bytes ends, if it has one.
type EndReader = fn(&[u8], usize) -> Option<usize>;

/// How a match anchored at a start is read: by the pattern's regex, or
/// by hand (then the pattern is the tests' specification alone).
enum MatchAt {
    Regex(meta::Regex),
    ByHand(EndReader),
}

/// A pattern every match of which holds an anchor slash close to its start.
struct SlashAnchored {
    matcher: MatchAt,
    /// How far into a match its anchor slash is, at most.
    reach: usize,
    /// Whether the bytes after a slash let it be an anchor.
    opens_tail: fn(&[u8]) -> bool,
    /// Whether a match can start with this byte.
    may_start: fn(u8) -> bool,
}

/// The written resolution and decision symbols of `text`, in order, as
/// byte spans, each standing alone (`standalone`).
pub(super) fn written(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    static FINDER: OnceLock<SlashAnchored> = OnceLock::new();
    let finder = FINDER.get_or_init(|| SlashAnchored {
        matcher: MatchAt::Regex(build(WRITTEN_PATTERN, true)),
        // The slash before `RES/` or `DEC/`; the furthest is after `E/CN.4`.
        reach: 6,
        opens_tail: opens_res_or_dec,
        // `A`, `E`, `S` in either case, or the lead byte of `ſ` (U+017F),
        // which case-insensitive `S` matches too.
        may_start: |b| matches!(b | 0x20, b'a' | b'e' | b's') || b == 0xC5,
    });
    standalone(text, finder)
}

/// The other document symbols of `text`, in order, as byte spans, each
/// standing alone (`standalone`).
pub(super) fn references(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    static FINDER: OnceLock<SlashAnchored> = OnceLock::new();
    let finder = FINDER.get_or_init(|| SlashAnchored {
        matcher: MatchAt::ByHand(reference_end),
        // The slash after the prefix; the longest is `CEDAW`.
        reach: 5,
        opens_tail: |_| true,
        // Every prefix opens with a capital.
        may_start: |b| b.is_ascii_uppercase(),
    });
    standalone(text, finder)
}

fn build(pattern: &str, case_insensitive: bool) -> meta::Regex {
    meta::Builder::new()
        .syntax(regex_automata::util::syntax::Config::new().case_insensitive(case_insensitive))
        .build(pattern)
        .unwrap_or_else(|e| panic!("the symbol pattern {pattern:?} is invalid: {e}"))
}

/// The matches of `finder` that stand alone, not glued after an ASCII
/// letter, digit or full stop (the tail of a longer symbol or word). A
/// glued match is passed over by one byte: the search goes on from the
/// byte after its start.
fn standalone<'t>(
    text: &'t str,
    finder: &'static SlashAnchored,
) -> impl Iterator<Item = (usize, usize)> + 't {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at <= text.len() {
            let (start, end) = finder.leftmost(text, at)?;
            let glued = text.as_bytes()[..start]
                .last()
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.');
            if glued {
                at = start + 1;
                continue;
            }
            at = end.max(at + 1);
            while !text.is_char_boundary(at) {
                at += 1;
            }
            return Some((start, end));
        }
        None
    })
}

impl SlashAnchored {
    /// The leftmost match starting at or after `at`, as an unanchored
    /// search from `at` finds it. A match starting at `s` holds an anchor
    /// slash from `s + 1` to `s + reach`; so with `h` the first anchor from
    /// `at + 1` on, no match starts before `h - reach`, and the starts from
    /// there up to `h` are tried in order before the next anchor.
    fn leftmost(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut tried_to = at;
        let mut from = at + 1;
        while from < bytes.len() {
            let slash = from + memchr::memchr(b'/', &bytes[from..])?;
            from = slash + 1;
            if !(self.opens_tail)(&bytes[from..]) {
                continue;
            }
            let first = slash.saturating_sub(self.reach).max(tried_to);
            for start in first..slash {
                if let Some(found) = self.match_at(text, start) {
                    return Some(found);
                }
            }
            tried_to = slash;
        }
        None
    }

    /// The match anchored at `start`, if any.
    fn match_at(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        if !(self.may_start)(text.as_bytes()[start]) || !text.is_char_boundary(start) {
            return None;
        }
        match &self.matcher {
            MatchAt::ByHand(end_of) => end_of(text.as_bytes(), start).map(|end| (start, end)),
            MatchAt::Regex(regex) => {
                let input = Input::new(text).range(start..).anchored(Anchored::Yes);
                regex.find(input).map(|m| (m.start(), m.end()))
            }
        }
    }
}

/// Whether `rest` opens with `RES/` or `DEC/`, in any case the pattern
/// allows: its letters match their ASCII cases, and `s` also the long s
/// `ſ` (U+017F), as Unicode's simple case folding has it.
fn opens_res_or_dec(rest: &[u8]) -> bool {
    let starts = |prefix: &[u8]| {
        rest.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    starts(b"res/") || starts(b"dec/") || (starts(b"re") && rest.get(2..5) == Some(b"\xC5\xBF/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The search the finders stand for: the pattern run unanchored from
    /// each place, glued matches passed over by a byte.
    fn by_regex(pattern: &str, case_insensitive: bool, text: &str) -> Vec<(usize, usize)> {
        let re = regex::RegexBuilder::new(pattern)
            .case_insensitive(case_insensitive)
            .build()
            .expect("the pattern is valid");
        let mut found = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            let Some(m) = re.find_at(text, at) else { break };
            let glued = text[..m.start()]
                .bytes()
                .next_back()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.');
            if glued {
                at = m.start() + 1;
                continue;
            }
            found.push((m.start(), m.end()));
            at = m.end().max(at + 1);
            while !text.is_char_boundary(at) {
                at += 1;
            }
        }
        found
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "A",
            "a",
            "S",
            "s",
            "ſ",
            "E",
            "e",
            "/",
            "/",
            "/",
            "RES",
            "res",
            "ReS",
            "reſ",
            "DEC",
            "dEc",
            "HRC",
            "hrc",
            "CN.4",
            "cn.4",
            ".",
            "70",
            "1",
            "2231",
            "12345",
            " ",
            "\u{A0}",
            "-",
            "ES-",
            "S-",
            "B",
            "h",
            "-C",
            "(",
            ")",
            "(XV)",
            "(2015)",
            "(S-VII)",
            "x",
            "é",
            "\n",
            "号",
            "A/RES/",
            "S/RES/",
            "E/CN.4/DEC/",
            "A/HRC/RES/",
            "ST",
            "UNEP",
            "CEDAW",
            "E/ICEF",
            "A/C.3/",
            "L.1",
            "Add.1",
            "x-y",
            "T",
            "D",
            "SG",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn finds_what_the_unanchored_search_finds(
            pieces in prop::collection::vec(piece(), 0..48)
        ) {
            let text = pieces.concat();
            let expected = by_regex(WRITTEN_PATTERN, true, &text);
            prop_assert_eq!(written(&text).collect::<Vec<_>>(), expected);
            let expected = by_regex(REFERENCE_PATTERN, false, &text);
            prop_assert_eq!(references(&text).collect::<Vec<_>>(), expected);
        }
    }

    /// The prefixes read by hand are the pattern's, in its order: the
    /// property test below draws only some of them.
    #[test]
    fn reference_prefixes_are_the_patterns() {
        let alternation = REFERENCE_PATTERN
            .strip_prefix("(?:")
            .and_then(|rest| rest.split_once(')'))
            .map(|(prefixes, _)| prefixes)
            .expect("the pattern opens with its prefixes");
        let prefixes: Vec<&[u8]> = alternation.split('|').map(str::as_bytes).collect();
        assert_eq!(prefixes, REFERENCE_PREFIXES);
    }

    proptest! {
        /// The reference pattern read by hand ends where its anchored
        /// search does, at every start.
        #[test]
        fn references_read_by_hand_as_the_pattern(
            pieces in prop::collection::vec(piece(), 0..24)
        ) {
            let text = pieces.concat();
            let re = build(REFERENCE_PATTERN, false);
            for start in (0..text.len()).filter(|&at| text.is_char_boundary(at)) {
                let input = Input::new(&text).range(start..).anchored(Anchored::Yes);
                let expected = re.find(input).map(|m| m.end());
                prop_assert_eq!(reference_end(text.as_bytes(), start), expected, "{:?} at {}", text, start);
            }
        }
    }

    #[test]
    fn worked_examples() {
        let texts = [
            "A/RES/70/1, S/RES/2231 (2015), E/CN.4/RES/1998/2; A/HRC/RES/41/8",
            "see a/res/217 A (III); S/RES/1325(2000); e/res/1996/31 b-c",
            "XA/RES/70/1 .A/RES/70/1 9S/RES/1 A/A/RES/70/1 https://undocs.org/A/RES/78/311",
            "A/reſ/70/1 ſ/RES/2 A/HRC/DEC/S-30/115 E/DEC/2020/1 A/RES/ES-10/19",
            "(A/75/474, para. 33) S/2015/544 E/ICEF/2020/1 CEDAW/C/GC/35 UNEP/EA.5/Res.1",
        ];
        for text in texts {
            let expected = by_regex(WRITTEN_PATTERN, true, text);
            assert_eq!(written(text).collect::<Vec<_>>(), expected, "{text}");
            let expected = by_regex(REFERENCE_PATTERN, false, text);
            assert_eq!(references(text).collect::<Vec<_>>(), expected, "{text}");
        }
        let spans: Vec<_> = written(texts[0]).map(|(s, e)| &texts[0][s..e]).collect();
        assert_eq!(
            spans,
            [
                "A/RES/70/1",
                "S/RES/2231 (2015)",
                "E/CN.4/RES/1998/2",
                "A/HRC/RES/41/8"
            ]
        );
    }
}
