//! The number pattern, matched by hand.
//!
//! The pattern is written out in `tests::PATTERN`, and a property test
//! holds this scanner to it: same leftmost-first match, same groups. As a
//! regex it had to run with capture groups, whose engine (a bounded
//! backtracker after two automaton searches) cost about 8,000 instructions
//! a number; finding numbers was a tenth of extraction.
//!
//! The pattern's optional spaces and repetitions are all followed by
//! something they cannot match (a run of digits by a slash, a space by a
//! letter), so their greedy choice is the only one that can succeed, and
//! the scanner goes back only to try the next of a list of alternatives,
//! in the pattern's order.

use crate::block::Block;

/// The pattern's capture groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// `ES`, `S`, `دإط`… before `a/b`.
    Pre,
    A,
    B,
    /// The number before a parenthesis: `217` of `217 A (III)`.
    N,
    /// Its part letters, with the space before them: ` A`, ` A and B`.
    NPart,
    /// `ES` or `S` before a Roman session.
    RPre,
    Roman,
    Year,
    /// `د`, `دإ`, `دإط`… before an Arabic session number.
    ArPre,
    Ar,
    /// `2200 ألف (د ،)21-`: a right-to-left line turned the session round.
    Rn,
    RnPart,
    ArRev,
    /// `)2001( 1373`: `1373 (2001)` written backwards.
    RYear,
    Rsc,
    /// `( 1514 د )15-`: `1514 (د-15)` with its parenthesis turned.
    Rrn,
    Rrs,
}

const GROUP_COUNT: usize = Group::Rrs as usize + 1;

/// One match: where it lies in the haystack and where its groups do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberMatch {
    pub start: usize,
    pub end: usize,
    /// The groups' spans from `start`: a match is a few dozen bytes at most
    /// (every repetition in the pattern is bounded), and a small match is
    /// quick to make, copy and return, as a scan makes one at every try.
    /// (Spans of `u16` were measured slower on the Security Council texts.)
    groups: [Option<(u8, u8)>; GROUP_COUNT],
}

impl NumberMatch {
    /// The text of a group, if it took part in the match.
    pub fn get<'h>(&self, haystack: &'h str, group: Group) -> Option<&'h str> {
        let (from, to) = self.groups[group as usize]?;
        haystack.get(self.start + usize::from(from)..self.start + usize::from(to))
    }

    /// A match from `start` to `end` with the given groups' spans.
    fn spanning(start: usize, end: usize, groups: &[(Group, usize, usize)]) -> NumberMatch {
        let mut m = NumberMatch {
            start,
            end,
            ..Default::default()
        };
        for &(group, from, to) in groups {
            m.set(group, from, to);
        }
        m
    }

    /// Records a group's span, which lies within the match, so never
    /// further than a `u8` from its start: every repetition of the pattern
    /// (`tests::PATTERN`) is bounded, and the longest match, such as
    /// `1234 ألف إلى جيم (د إط - 12)`, is under fifty bytes.
    fn set(&mut self, group: Group, start: usize, end: usize) {
        debug_assert!(
            end - self.start <= usize::from(u8::MAX),
            "a match of {end} bytes"
        );
        let from_start = |at: usize| u8::try_from(at.checked_sub(self.start)?).ok();
        self.groups[group as usize] = from_start(start).zip(from_start(end));
    }
}

/// Special and emergency prefixes of `a/b`, in the pattern's order.
const SLASH_PREFIXES: [&str; 6] = ["ES", "S", "دإط", "دإ", "د إط", "د إ"];
/// Special and emergency prefixes of a Roman session.
const ROMAN_PREFIXES: [&str; 2] = ["ES", "S"];
/// Arabic session prefixes: "(د-15)", "(دإ-8)", "(دإط-10)".
const ARABIC_SESSION_PREFIXES: [&str; 5] = ["د", "دإ", "دإط", "د إ", "د إط"];
/// Part letters: Latin capitals, Cyrillic ones that look the same, and the
/// Arabic letter names.
const PART_WORDS: [&str; 10] = ["А", "В", "С", "Е", "ألف", "باء", "جيم", "دال", "هاء", "واو"];
/// What joins two part letters, in the pattern's order.
const PART_JOINS: [&str; 12] = [
    "to", "and", "à", "et", "a", "y", "и", "-", "至", "和", "إلى", "و",
];
/// Letters of a Roman session, Cyrillic look-alikes included.
const ROMAN_LETTERS: [char; 8] = ['I', 'V', 'X', 'L', 'C', 'І', 'Х', 'С'];

/// The leftmost match starting at or after `from` (a character boundary)
/// in `haystack`, which it does not read past.
pub fn find_at(haystack: &str, from: usize) -> Option<NumberMatch> {
    let scan = Scan(haystack);
    let bytes = haystack.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        let anchor = next_anchor(bytes, at)?;
        let first = anchor.saturating_sub(ANCHOR_REACH).max(at);
        // The starts in a loop over their bits, not through iterator
        // adapters, whose state cost more than the bits' test.
        let mut starts = possible_starts(bytes, first, anchor);
        while starts != 0 {
            let start = first + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            if let Some(found) = scan.match_at(start) {
                return Some(found);
            }
        }
        at = anchor + 1;
    }
    None
}

/// The first slash or parenthesis from `at` on. The next is often a few
/// bytes on (the `)` of `(1982)` after its `(`), and two blocks' test
/// finds it for less than a call to `memchr3` costs to set up; that call
/// searches past them. (One block was measured slower on the Security
/// Council texts, four slower still.)
fn next_anchor(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = &bytes[at..];
    let Some(pair) = rest.first_chunk::<{ 2 * Block::LEN }>() else {
        return Some(at + memchr::memchr3(b'/', b'(', b')', rest)?);
    };
    let lanes = |from: usize| {
        let block = Block::load_array(pair, from);
        (block.eq(b'/') | block.eq(b'(') | block.eq(b')')).bits()
    };
    let near = lanes(0) | lanes(Block::LEN) << Block::LEN;
    if near != 0 {
        return Some(at + near.trailing_zeros() as usize);
    }
    let far = &rest[2 * Block::LEN..];
    Some(at + 2 * Block::LEN + memchr::memchr3(b'/', b'(', b')', far)?)
}

/// The offsets from `first` to `last` (at most `ANCHOR_REACH` apart) whose
/// byte can start a match (`Scan::match_at`): a digit (but for those
/// `inside_short_runs`), `E`, `S`, the lead byte of `د`, or a parenthesis,
/// one bit each (the first offset lowest).
/// Found sixteen bytes at a time; where fewer than 32 bytes are left from
/// `first`, from a copy padded with bytes that start none.
fn possible_starts(bytes: &[u8], first: usize, last: usize) -> u32 {
    const _: () = assert!(ANCHOR_REACH < 2 * Block::LEN);
    const WIDTH: usize = 2 * Block::LEN;
    let mut padded = [0u8; WIDTH];
    let window: &[u8; WIDTH] = match bytes.get(first..).and_then(<[u8]>::first_chunk) {
        Some(window) => window,
        None => {
            let rest = &bytes[first..];
            padded[..rest.len()].copy_from_slice(rest);
            &padded
        }
    };
    let lanes = |at: usize| {
        let block = Block::load_array(window, at);
        let digits = block.in_range(b'0', b'9').bits();
        let others =
            block.eq(b'E') | block.eq(b'S') | block.eq(0xD8) | block.eq(b'(') | block.eq(b')');
        (digits, others.bits())
    };
    let (low_digits, low_others) = lanes(0);
    let (high_digits, high_others) = lanes(Block::LEN);
    let digits = low_digits | high_digits << Block::LEN;
    let others = low_others | high_others << Block::LEN;
    let within = (1u32 << (last - first + 1)) - 1;
    ((digits & !inside_short_runs(digits)) | others) & within
}

/// Of the digits `digits` (one bit a byte from `first`, the first lowest),
/// those that follow another in a run of at most four, counted from
/// `first` on. No match starts there when none started at the run's first
/// digit from `first` on, which was tried before: every alternative that
/// opens with digits reads the rest of such a run (`[0-9]{1,4}`, greedy,
/// and followed by no digit) and goes on from its end, as it did from that
/// first digit. A run that holds a start ends before the anchor, which is
/// no digit, so within the bits.
fn inside_short_runs(digits: u32) -> u32 {
    let following = digits & digits << 1;
    // The first digits of five in a row, and so every digit of a run of
    // five or more.
    let five = digits & digits >> 1 & digits >> 2 & digits >> 3 & digits >> 4;
    let long = five | five << 1 | five << 2 | five << 3 | five << 4;
    following & !long
}

/// How far into a match its first slash or parenthesis can be, at most:
/// `1234 ألف إلى جيم (`, four digits and two Arabic part letters joined by
/// `إلى` (six bytes each), with a space between each. Every alternative of
/// the pattern has one of the three bytes this close to its start, so a
/// match can start only just before one of them, and the scanner looks
/// nowhere else.
const ANCHOR_REACH: usize = 4 + 1 + 6 + 1 + 6 + 1 + 6 + 1;

/// The part letters `^ ?(?P<p1>PART)(?: ?JOIN ?(?P<p2>PART))?` at the
/// start of `text`: the first letter, the second if any, and where they end.
pub fn part_letters(text: &str) -> Option<(&str, Option<&str>, usize)> {
    let scan = Scan(text);
    let first_start = scan.space(0);
    let first_end = scan.part(first_start)?;
    let first = &text[first_start..first_end];
    match scan.joined_part(first_end) {
        Some((second_start, second_end)) => {
            Some((first, Some(&text[second_start..second_end]), second_end))
        }
        None => Some((first, None, first_end)),
    }
}

struct Scan<'h>(&'h str);

impl Scan<'_> {
    /// The first alternative of the pattern that matches at `at`, told
    /// apart by the byte there: a digit starts the three alternatives
    /// that open with a number, `E`, `S` and the lead byte of `د` (U+062F)
    /// a prefixed `a/b`, and a parenthesis one of the two reversals. Any
    /// other byte, a continuation byte included, starts none.
    fn match_at(&self, at: usize) -> Option<NumberMatch> {
        match self.0.as_bytes()[at] {
            b'0'..=b'9' if !self.may_follow_number(at) => None,
            b'0'..=b'9' => self
                .slash_numbers(at, at)
                .or_else(|| self.parenthesised(at))
                .or_else(|| self.arabic_turned_session(at)),
            // `ES` and `S` are followed by `S`, and by `-` or a space: the
            // capitals of words (`States`, `Secretary-General`) are
            // refused here, before the six prefixes are tried.
            b'E' if self.byte(at + 1, b'S').is_none() => None,
            b'S' if self
                .byte(at + 1, b'-')
                .or_else(|| self.byte(at + 1, b' '))
                .is_none() =>
            {
                None
            }
            // Of the Arabic letters whose lead byte is 0xD8, only `د`
            // (0xD8 0xAF) opens a prefix.
            0xD8 if self.byte(at + 1, 0xAF).is_none() => None,
            b'E' | b'S' | 0xD8 => self.prefixed_slash(at),
            b')' => self.reversed_year(at),
            b'(' => self.turned_parenthesis(at),
            _ => None,
        }
    }

    /// Whether the number at `at` (its run of at most four digits, then a
    /// space maybe) is followed by what one of the three alternatives
    /// that open with a number needs there: a slash, a parenthesis, or a
    /// part letter (an ASCII capital, or one of the other scripts' letters
    /// and words, all beyond ASCII). Most numbers of a text (a date's day
    /// and year, a paragraph's number) are followed by none of these, and
    /// are refused before the three are tried in turn.
    fn may_follow_number(&self, at: usize) -> bool {
        let next = self.digits(at, 1, 4).map(|end| self.space(end));
        let byte = next.and_then(|next| self.0.as_bytes().get(next));
        byte.is_some_and(|&b| {
            matches!(b, b'/' | b'(' | b')') || b.is_ascii_uppercase() || !b.is_ascii()
        })
    }

    /// `(?P<pre>…)\ ?-\ ?(?P<a>\d{1,4})\ ?/\ ?(?P<b>\d{1,4})`, the
    /// first alternative with its optional prefix present.
    fn prefixed_slash(&self, at: usize) -> Option<NumberMatch> {
        SLASH_PREFIXES.iter().find_map(|prefix| {
            let pre_end = self.literal(at, prefix)?;
            let after = self.dash(pre_end)?;
            let mut m = self.slash_numbers(at, after)?;
            m.set(Group::Pre, at, pre_end);
            Some(m)
        })
    }

    /// `a/b` from `at`, for a match starting at `start`.
    fn slash_numbers(&self, start: usize, at: usize) -> Option<NumberMatch> {
        let a_end = self.digits(at, 1, 4)?;
        let slash = self.space(a_end);
        let b_start = self.space(self.byte(slash, b'/')?);
        let b_end = self.digits(b_start, 1, 4)?;
        Some(NumberMatch::spanning(
            start,
            b_end,
            &[(Group::A, at, a_end), (Group::B, b_start, b_end)],
        ))
    }

    /// `(?P<n>\d{1,4})(?P<npart>\ ?PART(?:\ ?JOIN\ ?PART)?)?\ ?[(\)]\ ?(?:…)\ ?[()]`
    fn parenthesised(&self, at: usize) -> Option<NumberMatch> {
        let n_end = self.digits(at, 1, 4)?;
        let part_start = self.space(n_end);
        let mut m = match self.part(part_start) {
            Some(first_end) => {
                // Both letters if the rest follows them, else the first:
                // without the letters the parenthesis would have to stand
                // where the first letter does.
                let joined = self
                    .joined_part(first_end)
                    .and_then(|(_, second_end)| Some((self.session(at, second_end)?, second_end)));
                let (mut m, part_end) = match joined {
                    Some(found) => found,
                    None => (self.session(at, first_end)?, first_end),
                };
                m.set(Group::NPart, n_end, part_end);
                m
            }
            None => self.session(at, n_end)?,
        };
        m.set(Group::N, at, n_end);
        Some(m)
    }

    /// `\ ?JOIN\ ?(?P<p2>PART)` from `at`: the second letter's span.
    fn joined_part(&self, at: usize) -> Option<(usize, usize)> {
        let join_start = self.space(at);
        PART_JOINS.iter().find_map(|join| {
            let second_start = self.space(self.literal(join_start, join)?);
            Some((second_start, self.part(second_start)?))
        })
    }

    /// The parenthesised session after a number, from `at`, for a match
    /// starting at `start`: `\ ?[(\)]\ ?(?:roman|year|arabic)\ ?[()]`.
    fn session(&self, start: usize, at: usize) -> Option<NumberMatch> {
        let open = self.space(at);
        let inside = self.space(self.paren(open)?);
        let &opening = self.0.as_bytes().get(inside)?;
        let mut m = NumberMatch::spanning(start, start, &[]);
        // A year, as most sessions are, is the one alternative that opens
        // with a digit. The others open with `E` or `S` of a prefix, a Roman
        // letter, or beyond ASCII (a Cyrillic letter, `د`): the words after
        // a year in brackets, `(1982) and`, open with none of them, and are
        // refused before the prefixes are tried.
        let inside_end = match opening {
            b'0'..=b'9' => self.year(inside, &mut m),
            b'E' | b'S' | b'I' | b'V' | b'X' | b'L' | b'C' | 0x80.. => self
                .roman_session(inside, &mut m)
                .or_else(|| self.arabic_session(inside, &mut m)),
            _ => None,
        }?;
        m.end = self.paren(self.space(inside_end))?;
        Some(m)
    }

    /// `(?:(?P<rpre>ES|S)\ ?-\ ?)?(?P<roman>[IVXLCІХС]{1,8})`
    fn roman_session(&self, at: usize, m: &mut NumberMatch) -> Option<usize> {
        let prefixed = ROMAN_PREFIXES.iter().find_map(|prefix| {
            let pre_end = self.literal(at, prefix)?;
            let roman_start = self.dash(pre_end)?;
            let roman_end = self.roman(roman_start)?;
            self.paren(self.space(roman_end))?;
            Some((pre_end, roman_start, roman_end))
        });
        if let Some((pre_end, roman_start, roman_end)) = prefixed {
            m.set(Group::RPre, at, pre_end);
            m.set(Group::Roman, roman_start, roman_end);
            return Some(roman_end);
        }
        let roman_end = self.roman(at)?;
        m.set(Group::Roman, at, roman_end);
        Some(roman_end)
    }

    /// `(?P<year>\d{4})`
    fn year(&self, at: usize, m: &mut NumberMatch) -> Option<usize> {
        let end = self.digits(at, 4, 4)?;
        m.set(Group::Year, at, end);
        Some(end)
    }

    /// `(?P<arpre>د|دإ|دإط|د\ إ|د\ إط)\ ?-\ ?(?P<ar>\d{1,2})`, the
    /// prefixes tried in that order.
    fn arabic_session(&self, at: usize, m: &mut NumberMatch) -> Option<usize> {
        let (pre_end, digits_start, digits_end) =
            ARABIC_SESSION_PREFIXES.iter().find_map(|prefix| {
                let pre_end = self.literal(at, prefix)?;
                let digits_start = self.dash(pre_end)?;
                let digits_end = self.digits(digits_start, 1, 2)?;
                self.paren(self.space(digits_end))?;
                Some((pre_end, digits_start, digits_end))
            })?;
        m.set(Group::ArPre, at, pre_end);
        m.set(Group::Ar, digits_start, digits_end);
        Some(digits_end)
    }

    /// `(?P<rn>\d{1,4})(?P<rnpart>\ ?PART)?\ ?\(\ ?د\ ?[،,]?(FOOTNOTE)?\ ?\)\ ?(?P<arrev>\d{1,2})\ ?-`
    fn arabic_turned_session(&self, at: usize) -> Option<NumberMatch> {
        let rn_end = self.digits(at, 1, 4)?;
        let part_start = self.space(rn_end);
        let part_end = self.part(part_start);
        let open = self.space(part_end.unwrap_or(rn_end));
        let mut next = self.space(self.byte(open, b'(')?);
        next = self.space(self.literal(next, "د")?);
        next = self
            .literal(next, "،")
            .or_else(|| self.byte(next, b','))
            .unwrap_or(next);
        let close = self.space(self.footnote_marker(next).unwrap_or(next));
        let digits_start = self.space(self.byte(close, b')')?);
        let digits_end = self.digits(digits_start, 1, 2)?;
        let end = self.byte(self.space(digits_end), b'-')?;
        let mut m = NumberMatch::spanning(
            at,
            end,
            &[
                (Group::Rn, at, rn_end),
                (Group::ArRev, digits_start, digits_end),
            ],
        );
        if let Some(part_end) = part_end {
            m.set(Group::RnPart, rn_end, part_end);
        }
        Some(m)
    }

    /// `\ ?\d{1,3}\ ?\(\)`: a footnote's number and its emptied brackets,
    /// which poppler sets inside a turned session when the marker follows
    /// it: `217 ألف (د 1 () )3-` for `217 ألف (د-3)` and footnote 1.
    fn footnote_marker(&self, at: usize) -> Option<usize> {
        let digits_end = self.digits(self.space(at), 1, 3)?;
        let open = self.byte(self.space(digits_end), b'(')?;
        self.byte(open, b')')
    }

    /// `\)\ ?(?P<ryear>\d{4})\ ?\(\ ?(?P<rsc>\d{1,4})`
    fn reversed_year(&self, at: usize) -> Option<NumberMatch> {
        let year_start = self.space(self.byte(at, b')')?);
        let year_end = self.digits(year_start, 4, 4)?;
        let n_start = self.space(self.byte(self.space(year_end), b'(')?);
        let n_end = self.digits(n_start, 1, 4)?;
        Some(NumberMatch::spanning(
            at,
            n_end,
            &[
                (Group::RYear, year_start, year_end),
                (Group::Rsc, n_start, n_end),
            ],
        ))
    }

    /// `\(\ ?(?P<rrn>\d{1,4})\ ?د(FOOTNOTE)?\ ?\)\ ?(?P<rrs>\d{1,2})\ ?-`
    fn turned_parenthesis(&self, at: usize) -> Option<NumberMatch> {
        let n_start = self.space(self.byte(at, b'(')?);
        let n_end = self.digits(n_start, 1, 4)?;
        let letter_end = self.literal(self.space(n_end), "د")?;
        let close = self.space(self.footnote_marker(letter_end).unwrap_or(letter_end));
        let digits_start = self.space(self.byte(close, b')')?);
        let digits_end = self.digits(digits_start, 1, 2)?;
        let end = self.byte(self.space(digits_end), b'-')?;
        Some(NumberMatch::spanning(
            at,
            end,
            &[
                (Group::Rrn, n_start, n_end),
                (Group::Rrs, digits_start, digits_end),
            ],
        ))
    }

    /// `\ ?`: past one space, if there is one.
    fn space(&self, at: usize) -> usize {
        self.byte(at, b' ').unwrap_or(at)
    }

    /// `\ ?-\ ?`
    fn dash(&self, at: usize) -> Option<usize> {
        Some(self.space(self.byte(self.space(at), b'-')?))
    }

    fn byte(&self, at: usize, byte: u8) -> Option<usize> {
        (self.0.as_bytes().get(at) == Some(&byte)).then_some(at + 1)
    }

    /// `[()]`
    fn paren(&self, at: usize) -> Option<usize> {
        self.byte(at, b'(').or_else(|| self.byte(at, b')'))
    }

    fn literal(&self, at: usize, literal: &str) -> Option<usize> {
        let rest = self.0.as_bytes().get(at..)?;
        rest.starts_with(literal.as_bytes())
            .then_some(at + literal.len())
    }

    /// `\d{min,max}`, greedy: as many digits as it may take. Nothing
    /// that follows a number in the pattern starts with a digit, so
    /// taking fewer could not succeed where this fails.
    fn digits(&self, at: usize, min: usize, max: usize) -> Option<usize> {
        let rest = self.0.as_bytes().get(at..).unwrap_or_default();
        let run = rest
            .iter()
            .take(max)
            .take_while(|b| b.is_ascii_digit())
            .count();
        (run >= min).then_some(at + run)
    }

    /// `[IVXLCІХС]{1,8}`, greedy, as `digits`.
    fn roman(&self, at: usize) -> Option<usize> {
        let rest = self.0.get(at..)?;
        let len: usize = rest
            .chars()
            .take(8)
            .take_while(|c| ROMAN_LETTERS.contains(c))
            .map(char::len_utf8)
            .sum();
        (len > 0).then_some(at + len)
    }

    /// `PART`: one part letter at `at`, and where it ends.
    fn part(&self, at: usize) -> Option<usize> {
        let &first = self.0.as_bytes().get(at)?;
        // Every other part letter or word is written beyond ASCII.
        if first.is_ascii() {
            return first.is_ascii_uppercase().then_some(at + 1);
        }
        PART_WORDS.iter().find_map(|word| self.literal(at, word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    /// The specification: the number pattern the scanner matches.
    const PATTERN: &str = r"(?x)
            (?:(?P<pre>ES|S|دإط|دإ|د\ إط|د\ إ)\ ?-\ ?)?(?P<a>[0-9]{1,4})\ ?/\ ?(?P<b>[0-9]{1,4})
          | (?P<n>[0-9]{1,4})(?P<npart>\ ?PART(?:\ ?JOIN\ ?PART)?)?\ ?[(\)]\ ?(?:
                (?:(?P<rpre>ES|S)\ ?-\ ?)?(?P<roman>[IVXLCІХС]{1,8})
              | (?P<year>[0-9]{4})
              | (?P<arpre>د|دإ|دإط|د\ إ|د\ إط)\ ?-\ ?(?P<ar>[0-9]{1,2})
            )\ ?[()]
          | (?P<rn>[0-9]{1,4})(?P<rnpart>\ ?PART)?\ ?\(\ ?د\ ?[،,]?(?:\ ?[0-9]{1,3}\ ?\(\))?\ ?\)\ ?(?P<arrev>[0-9]{1,2})\ ?-
          | \)\ ?(?P<ryear>[0-9]{4})\ ?\(\ ?(?P<rsc>[0-9]{1,4})
          | \(\ ?(?P<rrn>[0-9]{1,4})\ ?د(?:\ ?[0-9]{1,3}\ ?\(\))?\ ?\)\ ?(?P<rrs>[0-9]{1,2})\ ?-
        ";
    const PART_LETTER: &str = r"(?:[A-Z]|[АВСЕ]|ألف|باء|جيم|دال|هاء|واو)";
    const PART_JOIN: &str = r"(?:to|and|à|et|a|y|и|-|至|和|إلى|و)";

    const GROUPS: [(Group, &str); GROUP_COUNT] = [
        (Group::Pre, "pre"),
        (Group::A, "a"),
        (Group::B, "b"),
        (Group::N, "n"),
        (Group::NPart, "npart"),
        (Group::RPre, "rpre"),
        (Group::Roman, "roman"),
        (Group::Year, "year"),
        (Group::ArPre, "arpre"),
        (Group::Ar, "ar"),
        (Group::Rn, "rn"),
        (Group::RnPart, "rnpart"),
        (Group::ArRev, "arrev"),
        (Group::RYear, "ryear"),
        (Group::Rsc, "rsc"),
        (Group::Rrn, "rrn"),
        (Group::Rrs, "rrs"),
    ];

    fn number_regex() -> Regex {
        let pattern = PATTERN
            .replace("PART", PART_LETTER)
            .replace("JOIN", PART_JOIN);
        Regex::new(&pattern).expect("the number pattern is valid")
    }

    fn part_regex() -> Regex {
        let pattern = format!(r"^ ?(?P<p1>{PART_LETTER})(?: ?{PART_JOIN} ?(?P<p2>{PART_LETTER}))?");
        Regex::new(&pattern).expect("the part pattern is valid")
    }

    /// The regex's match from `from`, in the scanner's terms.
    fn by_regex(re: &Regex, haystack: &str, from: usize) -> Option<NumberMatch> {
        let caps = re.captures_at(haystack, from)?;
        let whole = caps.get(0)?;
        let mut m = NumberMatch {
            start: whole.start(),
            end: whole.end(),
            ..Default::default()
        };
        for (group, name) in GROUPS {
            if let Some(g) = caps.name(name) {
                m.set(group, g.start(), g.end());
            }
        }
        Some(m)
    }

    /// Pieces from which texts full of near-misses are built.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "0", "1", "2", "7", "9", "19", "123", "2016", "12345", " ", " ", " ", "/", "/", "(",
            "(", ")", ")", "-", "E", "S", "ES", "A", "B", "C", "I", "V", "X", "L", "IV", "XIII",
            "І", "Х", "С", "А", "Е", "د", "إ", "ط", "دإط", "د إ", "،", ",", "ألف", "جيم", "و",
            "إلى", "to", "and", "a", "y", "и", "至", "和", "x", "é", "\n", "号", "()",
        ])
    }

    /// Texts long enough that most tries read whole blocks
    /// (`possible_starts`), and some that end within one.
    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..64).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn scanner_matches_the_pattern(text in text(), from_seed in 0usize..64) {
            let re = number_regex();
            let boundaries: Vec<usize> =
                (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let from = boundaries[from_seed % boundaries.len()];
            prop_assert_eq!(find_at(&text, from), by_regex(&re, &text, from));
        }

        /// The block's test and `memchr3` past it find the anchor
        /// `memchr3` alone would, near, far or within the last block.
        #[test]
        fn next_anchor_is_memchr3s(
            bytes in prop::collection::vec(
                prop::sample::select(vec![b'/', b'(', b')', b'a', b' ', b'1', 0xD8]),
                0..80,
            ),
            sparse_before in 0usize..80,
            from_seed in 0usize..80,
        ) {
            // Anchors only from some point on, so that some lie past a block.
            let mut bytes = bytes;
            for b in bytes.iter_mut().take(sparse_before) {
                if matches!(*b, b'/' | b'(' | b')') {
                    *b = b'a';
                }
            }
            let at = from_seed.min(bytes.len());
            let expected = memchr::memchr3(b'/', b'(', b')', &bytes[at..]).map(|i| at + i);
            prop_assert_eq!(next_anchor(&bytes, at), expected);
        }

        /// The digits the bits refuse are those that follow another in a
        /// run of at most four, counted digit by digit.
        #[test]
        fn inside_short_runs_counts_the_runs(digits in any::<u32>()) {
            let is_digit = |at: usize| digits >> at & 1 == 1;
            let mut expected = 0u32;
            for at in 1..32 {
                if !is_digit(at) || !is_digit(at - 1) {
                    continue;
                }
                let before = (0..at).rev().take_while(|&i| is_digit(i)).count();
                let after = (at..32).take_while(|&i| is_digit(i)).count();
                if before + after <= 4 {
                    expected |= 1 << at;
                }
            }
            prop_assert_eq!(inside_short_runs(digits), expected);
        }

        #[test]
        fn part_letters_match_the_pattern(text in text()) {
            let expected = part_regex().captures(&text).and_then(|caps| {
                let p1 = caps.name("p1")?.as_str();
                Some((p1, caps.name("p2").map(|m| m.as_str()), caps.get(0)?.end()))
            });
            prop_assert_eq!(part_letters(&text), expected);
        }
    }

    /// `Scan::part` and `may_follow_number` take every part letter or word
    /// but the ASCII capitals to start beyond ASCII.
    #[test]
    fn part_words_start_beyond_ascii() {
        for word in PART_WORDS {
            assert!(!word.as_bytes()[0].is_ascii(), "{word:?}");
        }
    }

    /// Every shape, and the near-misses beside them, on fixed texts.
    #[test]
    fn scanner_matches_the_pattern_on_worked_examples() {
        let re = number_regex();
        let texts = [
            "70/1, S-26/2, ES-10/19, 217 A (III), 2334 (2016), 1514 (د-15), دإط-11/1, 3362 (S-VII)",
            "40/257 A to C of 74/92 A and B, 40/257 ألف إلى جيم, 第74/92A和B号",
            "28/04/2006 A/70/1 12345/6 Article 2(2) COVID-19 1373 (2001 (",
            "بالقرار )2001( 1373 قرارها ( 1514 د )15- القرار 2200 ألف (د ،)21- ",
            "3362 (ES - VII) 217 (IIIIIIIII) 2200 A (د إط - 5) 1 (IІХС) RES-10/16",
            "Article 12 (123) and 5 (12345), 7 (S-V, 1 A-B (د-123) 12 (د ،)123-",
            "x1234 ألف إلى جيم (د إط - 5) 1234 ألف إلى جيم (III) 2200 ألف (د ،)21-",
            "217 ألف (د 1 () )3- 217 ألف (د13())3- 217 (د ، 1234 () )3- 217 (د 1 ()x)3-",
            "( 1653 د 1 () )16- ( 1653 د12())16- ( 1653 د 1 ( ) )16-",
            // Prefixes refused, or not, by the byte after their first.
            "States S -26/2 E S-1/2 ES -10/19 SS-3/4 ES/1 S- 5/6 Security (ES-1/1) SE-2/2",
            "اد-1/2 إ-3/4 ا-5/6 د إ-7/8 ط-9/1 دط-2/3",
            // Sessions refused, or not, by the byte they open with.
            "(1946) Resolution 502 (1982) and 12 (a) 7 )x 3 (E) 4 (ІІ) 5 (د-1) 6 ( , 7 (C)",
            // Each shape with more than two blocks after it.
            "دإط-11/1 then د إ-8/2 then ES-10/19 then S-26/2 and 1373 (2001) then some words",
            "بالقرار )2001( 1373 قرارها ( 1514 د )15- and more words after them, two blocks",
        ];
        for text in texts {
            let mut from = 0;
            while let Some(expected) = by_regex(&re, text, from) {
                assert_eq!(
                    find_at(text, from),
                    Some(expected.clone()),
                    "{text:?} from {from}"
                );
                from = expected.end.max(from + 1);
                while !text.is_char_boundary(from) {
                    from += 1;
                }
            }
            assert_eq!(find_at(text, from), None, "{text:?} from {from}");
        }
    }
}
