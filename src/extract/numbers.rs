//! Finding resolution numbers in normalised text: `70/1`, `S-26/2`,
//! `217 A (III)`, `2334 (2016)`, `1514 (د-15)`, `دإط-11/1`, `40/257 A to C`.
//!
//! A number alone says little: `70/1` may be a GA resolution, an HRC one or
//! the first of two footnotes. This module only finds the shapes; the
//! extractor decides what they are from the words around them.

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
    /// Part letters, normalised: "A", a range "A-C", or two "A, G".
    pub part: Option<String>,
}

mod scan;

use scan::{Group, NumberMatch};

/// Every number in `text`, in order. The scanner itself looks only just
/// before each slash or parenthesis, which every number shape contains.
pub fn find_numbers(text: &str) -> Vec<NumberHit> {
    // Room for a number every 64 bytes, more than most texts have (a long
    // text grows past the bound as usual).
    let mut hits = Vec::with_capacity((text.len() / 64 + 1).min(1024));
    let mut at = 0;
    while let Some(found) = scan::find_at(text, at) {
        at = found.end.max(at + 1);
        while !text.is_char_boundary(at) {
            at += 1;
        }
        read_match(text, &found, &mut hits);
    }
    hits
}

/// Turns one match of the number pattern into a hit, if it stands as a
/// number of its own.
fn read_match(text: &str, found: &NumberMatch, hits: &mut Vec<NumberHit>) {
    if !starts_cleanly(text, found.start) {
        return;
    }
    let Some(mut hit) = read_hit(text, found) else {
        return;
    };
    hit.start = found.start;
    hit.end = found.end;
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
    let Some((p1, p2, len)) = scan::part_letters(rest) else {
        return;
    };
    let joiner = joiner_between(rest, p1, p2);
    let next = rest[len..].chars().next();
    if next.is_some_and(|c| c.is_alphanumeric() && !is_han(c)) {
        return;
    }
    if let Some(part) = normalise_part(Some(p1), p2, joiner) {
        hit.part = Some(part);
        hit.end += len;
    }
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

fn read_hit(text: &str, found: &NumberMatch) -> Option<NumberHit> {
    let get = |group: Group| found.get(text, group);
    if let (Some(a), Some(b)) = (get(Group::A), get(Group::B)) {
        let prefix = match get(Group::Pre).map(|m| m.replace(' ', "")) {
            None => Prefix::None,
            Some(p) if p == "ES" || p == "دإط" => Prefix::Emergency,
            Some(_) => Prefix::Special,
        };
        return Some(NumberHit {
            start: 0,
            end: 0,
            shape: Shape::Slash {
                prefix,
                a: a.parse().ok()?,
                b: b.parse().ok()?,
            },
            part: None,
        });
    }
    // ")2001( 1373": a right-to-left PDF line wrote "1373 (2001)" backwards.
    if let (Some(year), Some(n)) = (get(Group::RYear), get(Group::Rsc)) {
        return Some(NumberHit {
            start: 0,
            end: 0,
            shape: Shape::Year {
                n: n.parse().ok()?,
                year: year.parse().ok()?,
            },
            part: None,
        });
    }
    // "( 1514 د )15-": "1514 (د-15)" with its parenthesis turned around.
    if let (Some(n), Some(session)) = (get(Group::Rrn), get(Group::Rrs)) {
        return Some(NumberHit {
            start: 0,
            end: 0,
            shape: Shape::Roman {
                n: n.parse().ok()?,
                session: RomanSession::Regular(session.parse().ok()?),
            },
            part: None,
        });
    }
    let (n, part_text) = match (get(Group::N), get(Group::Rn)) {
        (Some(n), _) => (n, get(Group::NPart)),
        (None, Some(rn)) => (rn, get(Group::RnPart)),
        (None, None) => return None,
    };
    let n: u32 = n.parse().ok()?;
    let shape = if let Some(year) = get(Group::Year) {
        Shape::Year {
            n,
            year: year.parse().ok()?,
        }
    } else if let Some(roman) = get(Group::Roman) {
        // Most sessions are Latin letters, with nothing to fold, nor a
        // string to make for it.
        let value = match roman.is_ascii() {
            true => from_roman(roman)?,
            false => from_roman(&fold_cyrillic(roman))?,
        };
        let session = match get(Group::RPre) {
            Some("ES") => RomanSession::Emergency(value),
            Some(_) => RomanSession::Special(value),
            None => RomanSession::Regular(value),
        };
        Shape::Roman { n, session }
    } else {
        let digits = get(Group::Ar).or_else(|| get(Group::ArRev))?;
        let value: u16 = digits.parse().ok()?;
        let prefix = get(Group::ArPre).map(|m| m.replace(' ', ""));
        let session = match prefix.as_deref() {
            Some("دإط") => RomanSession::Emergency(value),
            Some("دإ") => RomanSession::Special(value),
            _ => RomanSession::Regular(value),
        };
        Shape::Roman { n, session }
    };
    let part = part_text.and_then(read_part);
    Some(NumberHit {
        start: 0,
        end: 0,
        shape,
        part,
    })
}

fn read_part(text: &str) -> Option<String> {
    let (p1, p2, _) = scan::part_letters(text)?;
    normalise_part(Some(p1), p2, joiner_between(text, p1, p2))
}

/// What joins the two part letters `first` and `second` (both slices of
/// `text`), without its spaces: "to", "-", "and", "و".
fn joiner_between<'t>(text: &'t str, first: &str, second: Option<&str>) -> &'t str {
    let offset = |part: &str| part.as_ptr() as usize - text.as_ptr() as usize;
    second
        .map(|second| text[offset(first) + first.len()..offset(second)].trim())
        .unwrap_or_default()
}

/// The part letters as a Latin capital, or two: a range ("A-C", from "A
/// to C", "A–C", "ألف إلى جيم") or, where a word for "and" joins them,
/// both ("A, G" from "A and G": not the letters between).
fn normalise_part(p1: Option<&str>, p2: Option<&str>, joiner: &str) -> Option<String> {
    const AND: [&str; 6] = ["and", "et", "y", "и", "و", "和"];
    let first = part_letter(p1?)?;
    match p2.and_then(part_letter) {
        Some(second) if AND.contains(&joiner) => Some(format!("{first}, {second}")),
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
        assert_eq!(shapes("40/257 A-C of")[0].1.as_deref(), Some("A-C"));
        // "and" lists both letters, not the ones between.
        assert_eq!(shapes("74/92 A and B of")[0].1.as_deref(), Some("A, B"));
        assert_eq!(shapes("47/54 A and G of")[0].1.as_deref(), Some("A, G"));
        assert_eq!(shapes("47/54 A et G du")[0].1.as_deref(), Some("A, G"));
        assert_eq!(shapes("40/257 ألف إلى جيم")[0].1.as_deref(), Some("A-C"));
        assert_eq!(shapes("40/257 ألف وجيم")[0].1.as_deref(), Some("A, C"));
        assert_eq!(shapes("70/1 Agenda")[0].1, None);
        assert_eq!(shapes("第74/92A和B号")[0].1.as_deref(), Some("A, B"));
        assert_eq!(shapes("第74/92A至C号")[0].1.as_deref(), Some("A-C"));
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
    fn arabic_pdf_footnote_inside_turned_session() {
        for text in ["القرار 217 ألف (د 1 () )3- ", "القرار 217 ألف (د 13 () )3-"]
        {
            let found = find_numbers(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(
                found[0].shape,
                Shape::Roman {
                    n: 217,
                    session: RomanSession::Regular(3)
                },
                "{text}"
            );
            assert_eq!(found[0].part.as_deref(), Some("A"), "{text}");
        }
        let found = find_numbers("انظر القرار ( 1653 د 1 () )16- ");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].shape,
            Shape::Roman {
                n: 1653,
                session: RomanSession::Regular(16)
            }
        );
        // Brackets that are not emptied are no footnote's.
        assert!(find_numbers("القرار 217 ألف (د 1 (x) )3- ").is_empty());
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
