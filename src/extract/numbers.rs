//! Finding resolution numbers in normalised text: `70/1`, `S-26/2`,
//! `217 A (III)`, `2334 (2016)`, `1514 (د-15)`, `دإط-11/1`, `40/257 A to C`.
//!
//! A number alone says little: `70/1` may be a GA resolution, an HRC one or
//! the first of two footnotes. This module only finds the shapes; the
//! extractor decides what they are from the words around them.

use std::sync::OnceLock;

use regex::Regex;

use crate::symbol::{from_roman, RomanSession};

/// The shape of a number as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `a/b`, with an optional special (`S-`) or emergency (`ES-`) prefix.
    Slash { prefix: Prefix, a: u16, b: u32 },
    /// `n (III)`, `n (S-VII)`, `n (ES-V)`: a Roman session.
    Roman { n: u32, session: RomanSession },
    /// `n (2016)`: a year, as the Security Council numbers.
    Year { n: u32, year: u16 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    None,
    Special,
    Emergency,
}

/// One number found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberHit {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
    /// Part letters, normalised: "A", "A-C".
    pub part: Option<String>,
}

const PART_LETTER: &str = r"(?:[A-Z]|[АВСЕ]|ألف|باء|جيم|دال|هاء|واو)";
const PART_JOIN: &str = r"(?:to|and|à|et|a|y|и|-|至|和|إلى|و)";

fn number_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = r"(?x)
            (?:(?P<pre>ES|S|دإط|دإ|د\ إط|د\ إ)\ ?-\ ?)?(?P<a>\d{1,4})\ ?/\ ?(?P<b>\d{1,4})
          | (?P<n>\d{1,4})(?P<npart>\ ?PART(?:\ ?JOIN\ ?PART)?)?\ ?[(\)]\ ?(?:
                (?:(?P<rpre>ES|S)\ ?-\ ?)?(?P<roman>[IVXLCІХС]{1,8})
              | (?P<year>\d{4})
              | (?P<arpre>د|دإ|دإط|د\ إ|د\ إط)\ ?-\ ?(?P<ar>\d{1,2})
            )\ ?[()]
          | (?P<rn>\d{1,4})(?P<rnpart>\ ?PART)?\ ?\(\ ?د\ ?[،,]?\ ?\)\ ?(?P<arrev>\d{1,2})\ ?-
          | \)\ ?(?P<ryear>\d{4})\ ?\(\ ?(?P<rsc>\d{1,4})
          | \(\ ?(?P<rrn>\d{1,4})\ ?د\ ?\)\ ?(?P<rrs>\d{1,2})\ ?-
        "
        .replace("PART", PART_LETTER)
        .replace("JOIN", PART_JOIN);
        Regex::new(&pattern).expect("the number pattern is valid")
    })
}

fn part_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = format!(r"^ ?(?P<p1>{PART_LETTER})(?: ?{PART_JOIN} ?(?P<p2>{PART_LETTER}))?");
        Regex::new(&pattern).expect("the part pattern is valid")
    })
}

/// Every number in `text`, in order.
pub fn find_numbers(text: &str) -> Vec<NumberHit> {
    let mut hits = Vec::new();
    for (start, end) in candidate_windows(text) {
        // The window's end bounds the search; its start is only where the
        // search begins, so that what precedes it still counts.
        let haystack = &text[..end];
        let mut at = start;
        while let Some(caps) = number_regex().captures_at(haystack, at) {
            let Some(whole) = caps.get(0) else { break };
            at = whole.end().max(at + 1);
            while !haystack.is_char_boundary(at) {
                at += 1;
            }
            read_match(text, &caps, &mut hits);
            if at >= end {
                break;
            }
        }
    }
    hits
}

/// Bytes that every number shape contains: the slash of `70/1`, or a
/// parenthesis of `217 A (III)`, `2334 (2016)` and of their right-to-left
/// reversals. Most of a text has none near a digit, and is skipped.
const ANCHORS: [u8; 3] = [b'/', b'(', b')'];

/// How far a number may reach on either side of its nearest anchor byte
/// (the longest, an Arabic `1514 ألف إلى جيم (د إط - 15)`, reaches about
/// 30 bytes): a window this wide around each anchor holds every match whole.
const REACH: usize = 64;

/// The stretches of `text` that may hold a number: windows around each
/// anchor byte, merged where they overlap.
fn candidate_windows(text: &str) -> Vec<(usize, usize)> {
    let [a, b, c] = ANCHORS;
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for at in memchr::memchr3_iter(a, b, c, text.as_bytes()) {
        let mut start = at.saturating_sub(REACH);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (at + 1 + REACH).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        match windows.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => windows.push((start, end)),
        }
    }
    windows
}

/// Turns one match of the number pattern into a hit, if it stands as a
/// number of its own.
fn read_match(text: &str, caps: &regex::Captures<'_>, hits: &mut Vec<NumberHit>) {
    let Some(whole) = caps.get(0) else { return };
    if !starts_cleanly(text, whole.start()) {
        return;
    }
    let Some(mut hit) = read_hit(caps) else {
        return;
    };
    hit.start = whole.start();
    hit.end = whole.end();
    if !matches!(hit.shape, Shape::Slash { .. }) {
        hits.push(hit);
        return;
    }
    if !ends_cleanly_after_slash(text, hit.end) {
        return;
    }
    attach_trailing_part(text, &mut hit);
    hits.push(hit);
}

/// A number must not continue a symbol (`A/70/1`), a word (`CP21`) or a
/// decimal (`1.5/2`).
fn starts_cleanly(text: &str, start: usize) -> bool {
    match text[..start].chars().next_back() {
        None => true,
        Some(c) => !(c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '\\')),
    }
}

/// `28/04/2006` is a date, `70/1/Add.1` is not a resolution, `70/1x` is a
/// word: refuse them.
fn ends_cleanly_after_slash(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let mut chars = rest.chars();
    match chars.next() {
        None => true,
        Some('/') => !chars.next().is_some_and(|c| c.is_ascii_alphanumeric()),
        Some(c) if c.is_ascii_digit() => false,
        Some(c) if c.is_ascii_lowercase() => false,
        Some(_) => true,
    }
}

/// Reads `A`, `A to C`, `A–C`, `ألف إلى جيم` after a slash number, if the
/// letters stand alone (not the start of a word such as "Agenda").
fn attach_trailing_part(text: &str, hit: &mut NumberHit) {
    let rest = &text[hit.end..];
    let Some(caps) = part_regex().captures(rest) else {
        return;
    };
    let Some(whole) = caps.get(0) else { return };
    let next = rest[whole.end()..].chars().next();
    if next.is_some_and(|c| c.is_alphanumeric() && !is_han(c)) {
        return;
    }
    let p1 = caps.name("p1").map(|m| m.as_str());
    let p2 = caps.name("p2").map(|m| m.as_str());
    if let Some(part) = normalise_part(p1, p2) {
        hit.part = Some(part);
        hit.end += whole.end();
    }
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The numbers of the number pattern's named groups, looked up once:
/// `Captures::name` hashes the name at every call, and a match asks for
/// up to a dozen of them.
struct Groups {
    a: usize,
    ar: usize,
    arpre: usize,
    arrev: usize,
    b: usize,
    n: usize,
    npart: usize,
    pre: usize,
    rn: usize,
    rnpart: usize,
    roman: usize,
    rpre: usize,
    rrn: usize,
    rrs: usize,
    rsc: usize,
    ryear: usize,
    year: usize,
}

fn groups() -> &'static Groups {
    static GROUPS: OnceLock<Groups> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let names: Vec<Option<&str>> = number_regex().capture_names().collect();
        // A missing group is a bug in the pattern above, caught by every test.
        let index = |name: &str| {
            names
                .iter()
                .position(|n| *n == Some(name))
                .unwrap_or_else(|| panic!("the number pattern has no group {name}"))
        };
        Groups {
            a: index("a"),
            ar: index("ar"),
            arpre: index("arpre"),
            arrev: index("arrev"),
            b: index("b"),
            n: index("n"),
            npart: index("npart"),
            pre: index("pre"),
            rn: index("rn"),
            rnpart: index("rnpart"),
            roman: index("roman"),
            rpre: index("rpre"),
            rrn: index("rrn"),
            rrs: index("rrs"),
            rsc: index("rsc"),
            ryear: index("ryear"),
            year: index("year"),
        }
    })
}

fn read_hit(caps: &regex::Captures<'_>) -> Option<NumberHit> {
    let g = groups();
    if let (Some(a), Some(b)) = (caps.get(g.a), caps.get(g.b)) {
        let prefix = match caps.get(g.pre).map(|m| m.as_str().replace(' ', "")) {
            None => Prefix::None,
            Some(p) if p == "ES" || p == "دإط" => Prefix::Emergency,
            Some(_) => Prefix::Special,
        };
        return Some(NumberHit {
            start: 0,
            end: 0,
            shape: Shape::Slash {
                prefix,
                a: a.as_str().parse().ok()?,
                b: b.as_str().parse().ok()?,
            },
            part: None,
        });
    }
    // ")2001( 1373": a right-to-left PDF line wrote "1373 (2001)" backwards.
    if let (Some(year), Some(n)) = (caps.get(g.ryear), caps.get(g.rsc)) {
        return Some(NumberHit {
            start: 0,
            end: 0,
            shape: Shape::Year {
                n: n.as_str().parse().ok()?,
                year: year.as_str().parse().ok()?,
            },
            part: None,
        });
    }
    // "( 1514 د )15-": "1514 (د-15)" with its parenthesis turned around.
    if let (Some(n), Some(session)) = (caps.get(g.rrn), caps.get(g.rrs)) {
        return Some(NumberHit {
            start: 0,
            end: 0,
            shape: Shape::Roman {
                n: n.as_str().parse().ok()?,
                session: RomanSession::Regular(session.as_str().parse().ok()?),
            },
            part: None,
        });
    }
    let (n, part_text) = match (caps.get(g.n), caps.get(g.rn)) {
        (Some(n), _) => (n, caps.get(g.npart)),
        (None, Some(rn)) => (rn, caps.get(g.rnpart)),
        (None, None) => return None,
    };
    let n: u32 = n.as_str().parse().ok()?;
    let shape = if let Some(year) = caps.get(g.year) {
        Shape::Year {
            n,
            year: year.as_str().parse().ok()?,
        }
    } else if let Some(roman) = caps.get(g.roman) {
        let value = from_roman(&fold_cyrillic(roman.as_str()))?;
        let session = match caps.get(g.rpre).map(|m| m.as_str()) {
            Some("ES") => RomanSession::Emergency(value),
            Some(_) => RomanSession::Special(value),
            None => RomanSession::Regular(value),
        };
        Shape::Roman { n, session }
    } else {
        let digits = caps.get(g.ar).or_else(|| caps.get(g.arrev))?;
        let value: u16 = digits.as_str().parse().ok()?;
        let prefix = caps.get(g.arpre).map(|m| m.as_str().replace(' ', ""));
        let session = match prefix.as_deref() {
            Some("دإط") => RomanSession::Emergency(value),
            Some("دإ") => RomanSession::Special(value),
            _ => RomanSession::Regular(value),
        };
        Shape::Roman { n, session }
    };
    let part = part_text.and_then(|p| read_part(p.as_str()));
    Some(NumberHit {
        start: 0,
        end: 0,
        shape,
        part,
    })
}

fn read_part(text: &str) -> Option<String> {
    let caps = part_regex().captures(text)?;
    normalise_part(
        caps.name("p1").map(|m| m.as_str()),
        caps.name("p2").map(|m| m.as_str()),
    )
}

fn normalise_part(p1: Option<&str>, p2: Option<&str>) -> Option<String> {
    let first = part_letter(p1?)?;
    match p2.and_then(part_letter) {
        Some(second) => Some(format!("{first}-{second}")),
        None => Some(first.to_string()),
    }
}

/// A part letter in any script, as a Latin capital.
fn part_letter(text: &str) -> Option<char> {
    let arabic = [
        ("ألف", 'A'),
        ("باء", 'B'),
        ("جيم", 'C'),
        ("دال", 'D'),
        ("هاء", 'E'),
        ("واو", 'F'),
    ];
    if let Some((_, letter)) = arabic.iter().find(|(word, _)| *word == text) {
        return Some(*letter);
    }
    fold_cyrillic(text).chars().next()
}

/// Cyrillic letters that look like Latin ones turn up in Russian symbols
/// (`217 А (III)`, `(ХV)`); read them as Latin.
pub fn fold_cyrillic(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'А' => 'A',
            'В' => 'B',
            'С' => 'C',
            'Е' => 'E',
            'Х' => 'X',
            'І' => 'I',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(String, Option<String>)> {
        find_numbers(text)
            .into_iter()
            .map(|h| (text[h.start..h.end].to_string(), h.part))
            .collect()
    }

    #[test]
    fn finds_each_shape() {
        let found = shapes(
            "70/1, S-26/2, ES-10/19, 217 A (III), 2334 (2016), 1514 (د-15), دإط-11/1, 3362 (S-VII)",
        );
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "70/1",
                "S-26/2",
                "ES-10/19",
                "217 A (III)",
                "2334 (2016)",
                "1514 (د-15)",
                "دإط-11/1",
                "3362 (S-VII)"
            ]
        );
    }

    #[test]
    fn parts() {
        assert_eq!(shapes("40/257 A to C of")[0].1.as_deref(), Some("A-C"));
        assert_eq!(shapes("74/92 A and B of")[0].1.as_deref(), Some("A-B"));
        assert_eq!(shapes("40/257 ألف إلى جيم")[0].1.as_deref(), Some("A-C"));
        assert_eq!(shapes("70/1 Agenda")[0].1, None);
        assert_eq!(shapes("第74/92A和B号")[0].1.as_deref(), Some("A-B"));
    }

    #[test]
    fn refuses_dates_and_symbols() {
        assert!(shapes("28/04/2006").is_empty());
        assert!(shapes("A/70/1 and L.86/2").is_empty());
        assert!(shapes("Article 2(2)").is_empty());
        assert!(shapes("COVID-19").is_empty());
    }

    #[test]
    fn arabic_pdf_reversed_year() {
        let found = find_numbers("بالقرار )2001( 1373 بشأن");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].shape,
            Shape::Year {
                n: 1373,
                year: 2001
            }
        );
    }

    #[test]
    fn arabic_pdf_turned_parenthesis() {
        let found = find_numbers("قرارها ( 1514 د )15- المؤرخ");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].shape,
            Shape::Roman {
                n: 1514,
                session: RomanSession::Regular(15)
            }
        );
    }

    #[test]
    fn arabic_pdf_reversed_session() {
        let found = find_numbers("القرار 2200 ألف (د ،)21- ");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].shape,
            Shape::Roman {
                n: 2200,
                session: RomanSession::Regular(21)
            }
        );
    }
}
