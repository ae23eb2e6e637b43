//! What a resolution says about itself in its header, and where its
//! preamble, operative part and footnotes lie.

use std::cell::Cell;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use super::lexicon::{is_space, Lexicon};
use super::Section;
use crate::symbol::{Organ, Symbol};
use crate::vocab::Body;

/// The header of a resolution: its symbol, title and adoption date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocumentHeader {
    pub symbol: Option<Symbol>,
    pub title: Option<String>,
    pub adopted: Option<String>,
    /// The adopting organ, when the header names it but not the symbol.
    pub organ: Option<Organ>,
}

/// How far into a text its header may reach.
const HEADER_BYTES: usize = 4000;

/// The shapes of an old Security Council heading, each after the spaces
/// its line may open with, in the order they are tried: "Resolution 838
/// (1993)", "2 (1946). Resolution of 30 January 1946", and "Resolution
/// 290" (dated on the next line).
const SC_HEADING_SHAPES: [&str; 3] = [
    r"(?:resolution|résolution|resolución|резолюция|القرار|第)[ ]*(?P<n>\d{1,4}) ?\((?P<y>\d{4})\)",
    r"(?P<n2>\d{1,4}) \((?P<y2>\d{4})\)(?:\.|\s+resolution)",
    r"(?:resolution|résolution|resolución|резолюция)[ ]+(?P<n3>\d{1,4})\s*$",
];

/// Whether a line opens with an old Security Council heading, of any
/// shape: the tests' specification of `heading_shape`'s finding one.
#[cfg(test)]
fn sc_heading_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(r"(?i)^\s*(?:{})", SC_HEADING_SHAPES.join("|"))).expect("valid pattern")
    })
}

/// Each shape of `SC_HEADING_SHAPES` alone, anchored as in the whole.
fn sc_heading_shape_regexes() -> &'static [Regex] {
    static RES: OnceLock<Vec<Regex>> = OnceLock::new();
    RES.get_or_init(|| {
        SC_HEADING_SHAPES
            .iter()
            .map(|shape| Regex::new(&format!(r"(?i)^\s*(?:{shape})")).expect("valid pattern"))
            .collect()
    })
}

/// Which of `SC_HEADING_SHAPES` `line` opens with, the first that does.
/// An ASCII line is read by hand (`ascii_heading_shape`): the patterns'
/// searches of each header's first lines cost about 3% of an old Council
/// text's extraction. A line beyond ASCII is asked of the patterns, whose
/// `\s`, `\d` and case-insensitive words take in other scripts.
fn heading_shape(line: &str) -> Option<usize> {
    if line.is_ascii() {
        return ascii_heading(line.as_bytes()).map(|heading| heading.shape);
    }
    sc_heading_shape_regexes()
        .iter()
        .position(|shape| shape.is_match(line))
}

/// Where an ASCII line's heading puts its parts: its shape (as
/// `heading_shape`), its number, its bracketed year's digits and where
/// the first shape's match ends.
struct AsciiHeading {
    shape: usize,
    number: Range<usize>,
    year: Option<Range<usize>>,
    end: Option<usize>,
}

/// `heading_shape` of an ASCII line, as the patterns read it: there `\s`
/// is an ASCII space or control, `\d` an ASCII digit, and only the word
/// "resolution", in any case, can open the first and third shapes. Where
/// the shape puts the number and year is known as it is read.
fn ascii_heading(line: &[u8]) -> Option<AsciiHeading> {
    let at = skip_while(line, 0, is_space);
    if let Some(word_end) = resolution_word_end(line, at) {
        let number = skip_while(line, word_end, |b| b == b' ');
        let number_end = heading_number_end(line, number)?;
        if let Some(year_end) = bracketed_year_end(line, number_end) {
            return Some(AsciiHeading {
                shape: 0,
                number: number..number_end,
                year: Some(year_end - 5..year_end - 1),
                end: Some(year_end),
            });
        }
        let rest = skip_while(line, number_end, is_space);
        return (number > word_end && rest == line.len()).then_some(AsciiHeading {
            shape: 2,
            number: number..number_end,
            year: None,
            end: None,
        });
    }
    let number_end = heading_number_end(line, at)?;
    let year_end =
        bracketed_year_end(line, number_end).filter(|_| line.get(number_end) == Some(&b' '))?;
    let word = skip_while(line, year_end, is_space);
    let resolution = word > year_end && resolution_word_end(line, word).is_some();
    (line.get(year_end) == Some(&b'.') || resolution).then_some(AsciiHeading {
        shape: 1,
        number: at..number_end,
        year: Some(year_end - 5..year_end - 1),
        end: None,
    })
}

/// The end of the word "resolution", in any case, at `at`, if it stands
/// there (and whatever follows it, as in the patterns).
fn resolution_word_end(line: &[u8], at: usize) -> Option<usize> {
    const WORD: &[u8] = b"resolution";
    let end = at + WORD.len();
    line.get(at..end)
        .is_some_and(|word| word.eq_ignore_ascii_case(WORD))
        .then_some(end)
}

/// The offset of the first byte from `at` on that `test` refuses, or the
/// line's end.
fn skip_while(line: &[u8], mut at: usize, test: impl Fn(u8) -> bool) -> usize {
    while line.get(at).is_some_and(|&b| test(b)) {
        at += 1;
    }
    at
}

/// The end of a heading's number (`\d{1,4}`) from `at`: one to four
/// digits, and no digit after them (each shape wants a space, a bracket or
/// the end there).
fn heading_number_end(line: &[u8], at: usize) -> Option<usize> {
    let end = skip_while(line, at, |b| b.is_ascii_digit());
    (1..=4).contains(&(end - at)).then_some(end)
}

/// The end of ` ?\(\d{4}\)` from `at`: a space maybe, a bracket, four
/// digits and a closing bracket.
fn bracketed_year_end(line: &[u8], at: usize) -> Option<usize> {
    let open = at + usize::from(line.get(at) == Some(&b' '));
    let year = line.get(open + 1..open + 5)?;
    let bracketed = line.get(open) == Some(&b'(') && line.get(open + 5) == Some(&b')');
    (bracketed && year.iter().all(u8::is_ascii_digit)).then_some(open + 6)
}

/// The numbers of the heading a line opens with, as the groups of
/// `sc_heading_regex` give them.
#[derive(Debug, PartialEq, Eq)]
struct HeadingNumbers<'l> {
    /// Which of `SC_HEADING_SHAPES` the line has.
    shape: usize,
    number: &'l str,
    /// The year in brackets; none in the third shape.
    year: Option<&'l str>,
    /// Where the first shape's match ends, past the year's bracket.
    end: Option<usize>,
}

impl<'l> HeadingNumbers<'l> {
    /// The shape is the first of the shapes' patterns that matches; the
    /// numbers are then read by hand, knowing where that shape puts them.
    /// The pattern's capture groups had cost about 4% of extraction on
    /// the SC texts, most of a microsecond a text: the regex crate's
    /// engine for groups is far slower than its search for a match.
    fn read(line: &'l str) -> Option<HeadingNumbers<'l>> {
        // An ASCII line's parts are where its shape was read: the same
        // spans the reading below finds.
        if line.is_ascii() {
            let heading = ascii_heading(line.as_bytes())?;
            return Some(HeadingNumbers {
                shape: heading.shape,
                number: &line[heading.number],
                year: heading.year.map(|year| &line[year]),
                end: heading.end,
            });
        }
        let shape = heading_shape(line)?;
        // Each shape opens with `\s*`, then a word or a number; a word's
        // letters are alphabetic, and no digit is.
        let opened = line.trim_start_matches(char::is_whitespace);
        let after_word = || {
            let word_end = opened
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(opened.len());
            opened[word_end..].trim_start_matches(' ')
        };
        match shape {
            0 => {
                let rest = after_word();
                let (number, rest) = rest.split_at(rest.find([' ', '('])?);
                let rest = rest.strip_prefix(' ').unwrap_or(rest).strip_prefix('(')?;
                let (year, _) = rest.split_at(rest.find(')')?);
                let end = line.len() - rest.len() + year.len() + 1;
                Some(HeadingNumbers {
                    shape,
                    number,
                    year: Some(year),
                    end: Some(end),
                })
            }
            1 => {
                let (number, rest) = opened.split_at(opened.find(' ')?);
                let rest = rest.strip_prefix(" (")?;
                let (year, _) = rest.split_at(rest.find(')')?);
                Some(HeadingNumbers {
                    shape,
                    number,
                    year: Some(year),
                    end: None,
                })
            }
            _ => {
                let rest = after_word();
                let number = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
                Some(HeadingNumbers {
                    shape,
                    number,
                    year: None,
                    end: None,
                })
            }
        }
    }
}

/// Reads the header of a normalised text. Also gives where the line of an
/// old Security Council heading stands ("Resolution 474 (1980)") when the
/// text's symbol is that heading's.
pub fn read_header(text: &str, lex: &Lexicon) -> (DocumentHeader, Option<Range<usize>>) {
    let end = floor(text, text.len().min(HEADER_BYTES));
    let head = &text[..end];
    let heading = ScHeading::find(head);
    let mut header = DocumentHeader {
        adopted: adoption_date(head, heading.as_ref(), lex),
        ..DocumentHeader::default()
    };
    // A Security Council heading on the first lines settles it; the GA
    // title line ("78/311. Title") is not looked for, since an SC text may
    // quote GA numbers at the start of a line. Nor is the organ: the
    // symbol names it.
    if let Some(heading) = heading {
        header.symbol = heading.symbol(header.adopted.as_deref());
        if header.symbol.is_some() {
            return (header, Some(heading.line));
        }
    }
    let organ = first_organ(head, lex);
    header.organ = organ;
    if let Some(symbol) = symbol_line(head) {
        header.symbol = symbol.parse().ok();
    }
    let mut previous: Option<&str> = None;
    let title_line = lines_of(head).find_map(|line| {
        let after = previous.replace(line);
        TitleLine::read(line).filter(|_| !continues_a_sentence(after))
    });
    if let Some(TitleLine { number, title }) = title_line {
        let prefix = match organ {
            Some(Organ::HumanRightsCouncil) => "A/HRC/RES/",
            _ => "A/RES/",
        };
        let from_title: Option<Symbol> = format!("{prefix}{number}").parse().ok();
        if header.symbol.is_none() || header.symbol == from_title {
            header.symbol = header.symbol.or(from_title);
            header.title = Some(title.trim().to_string());
        }
    }
    (header, None)
}

/// Whether a line after `previous` (the line before it, if any) goes on
/// its sentence: `previous` ends with a letter, a comma or a hyphen. A
/// title line follows the start of the text, a blank line, or a line
/// such as "[on the report of the Third Committee (A/75/474)]"; a number
/// that opens a line after "Recalling its resolution" is a citation.
fn continues_a_sentence(previous: Option<&str>) -> bool {
    previous
        .and_then(|line| line.trim_end().chars().next_back())
        .is_some_and(|last| last.is_alphabetic() || matches!(last, ',' | '，' | '،' | '-'))
}

/// A General Assembly or Council title line: "75/166. Protecting children
/// from bullying", "ES-10/21 Title", "72/250 A. Title". Read by hand, as
/// `TITLE_LINE_PATTERN` (the tests' specification) reads one line: the
/// pattern's search of the header and its capture groups took about 0.9
/// instructions a byte of an English text, 3% of its extraction.
struct TitleLine<'t> {
    /// "75/166", "ES-10/21".
    number: &'t str,
    /// The rest of the line, from its first character that is not a space.
    title: &'t str,
}

impl<'t> TitleLine<'t> {
    fn read(line: &'t str) -> Option<TitleLine<'t>> {
        let bytes = line.as_bytes();
        let start = bytes.iter().take_while(|&&b| b == b' ').count();
        let mut at = start;
        if bytes[at..].starts_with(b"ES-") {
            at += 3;
        } else if bytes[at..].starts_with(b"S-") {
            at += 2;
        }
        at = digits(bytes, at, 3)?;
        if bytes.get(at) != Some(&b'/') {
            return None;
        }
        at = digits(bytes, at + 1, 4)?;
        let number = &line[start..at];
        // A part letter (" A") when the rest reads as a title after it;
        // else the letter may open the title itself.
        let part = match &bytes[at..] {
            [b' ', b'A'..=b'H', ..] => Some(2),
            [b'A'..=b'H', ..] => Some(1),
            _ => None,
        };
        part.and_then(|len| Self::title_after(&line[at + len..]))
            .or_else(|| Self::title_after(&line[at..]))
            .map(|title| TitleLine { number, title })
    }

    /// After the number (and part): a full stop maybe, spaces, then a
    /// title of three characters at least, the first not a space.
    fn title_after(rest: &str) -> Option<&str> {
        let rest = rest
            .strip_prefix('.')
            .or_else(|| rest.strip_prefix('．'))
            .unwrap_or(rest);
        let title = rest.trim_start_matches(' ');
        let mut chars = title.chars();
        let opens = chars.next().is_some_and(|c| !c.is_whitespace());
        (title.len() < rest.len() && opens && chars.nth(1).is_some()).then_some(title)
    }
}

/// The symbol on the first line of `head` that holds one alone, after the
/// organisation's name or not ("A/RES/78/311", "United Nations
/// S/RES/2231 (2015)"). Read by hand, as `SYMBOL_LINE_PATTERN` (the tests'
/// specification) reads it: the pattern's search of the header took about
/// 1% of English extraction. Each such line holds "RES/", and a vector
/// search finds those.
fn symbol_line(head: &str) -> Option<&str> {
    const MASTHEADS: [&str; 3] = ["United Nations", "Nations Unies", "Naciones Unidas"];
    const PREFIXES: [&str; 4] = ["A/HRC/RES/", "A/RES/", "S/RES/", "E/RES/"];
    // Built once: making a searcher cost about 250 instructions a text.
    static RES: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let finder = RES.get_or_init(|| memchr::memmem::Finder::new(b"RES/"));
    let bytes = head.as_bytes();
    finder.find_iter(bytes).find_map(|at| {
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(head.len(), |i| at + i);
        let mut rest = head[start..end].trim_start_matches(' ');
        if let Some(after) = MASTHEADS.iter().find_map(|name| rest.strip_prefix(name)) {
            let spaces = after.trim_start_matches(' ');
            if spaces.len() < after.len() {
                rest = spaces;
            }
        }
        let prefix = PREFIXES.iter().find(|prefix| rest.starts_with(*prefix))?;
        // The shortest run of one to 30 characters after the prefix that
        // only spaces follow.
        let tail = &rest[prefix.len()..];
        let kept = match tail.trim_end_matches(' ') {
            "" if tail.is_empty() => return None,
            "" => 1,
            kept if kept.chars().count() <= 30 => kept.len(),
            _ => return None,
        };
        Some(&rest[..prefix.len() + kept])
    })
}

/// The lines of `text`, as `str::split('\n')` gives them, found with the
/// memchr crate's vector search (the standard library's reads a word at a
/// time).
fn lines_of(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            let line = &text[start..end];
            start = end + 1;
            line
        })
}

/// The lines of `text` as `str::lines` gives them ("\r\n" ends a line as
/// "\n" does; no line after a final newline), found with the memchr
/// crate's vector search: the standard library's search for each line's
/// end set itself up anew for a heading's short lines (0.6% of an old
/// Council text's extraction).
fn str_lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(Some)
        .chain(std::iter::once(None))
        .filter_map(move |newline| {
            let line_start = start;
            match newline {
                Some(end) => {
                    start = end + 1;
                    let line = &text[line_start..end];
                    Some(line.strip_suffix('\r').unwrap_or(line))
                }
                None => (line_start < text.len()).then(|| &text[line_start..]),
            }
        })
}

/// The offset after a run of one to `most` ASCII digits at `at`, which no
/// further digit follows.
fn digits(bytes: &[u8], at: usize, most: usize) -> Option<usize> {
    let run = bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (1..=most).contains(&run).then_some(at + run)
}

/// The heading of an old Security Council text ("RESOLUTION 838 (1993)",
/// "2 (1946). Resolution of 30 January 1946") on one of its first four
/// lines that are not blank, and the three lines after it.
struct ScHeading<'h> {
    /// The heading's line, then up to three more: `lines[..count]`.
    lines: [&'h str; 4],
    count: usize,
    /// Which of the first lines that are not blank the heading is.
    index: usize,
    /// Where the heading's line stands in the head.
    line: Range<usize>,
}

impl<'h> ScHeading<'h> {
    fn find(head: &'h str) -> Option<ScHeading<'h>> {
        let mut nonblank = str_lines(head).filter(|l| !is_blank(l));
        let (index, heading) = nonblank
            .by_ref()
            .take(4)
            .enumerate()
            .find(|(_, line)| heading_shape(line).is_some())?;
        // `lines` gives slices of the head: the heading's address tells
        // where it starts.
        let start = heading.as_ptr() as usize - head.as_ptr() as usize;
        // Kept in place, not in a vector: one was made for each text.
        let mut lines = [heading; 4];
        let mut count = 1;
        for (slot, line) in lines[1..].iter_mut().zip(nonblank) {
            *slot = line;
            count += 1;
        }
        Some(ScHeading {
            lines,
            count,
            index,
            line: start..start + heading.len(),
        })
    }

    /// The heading's line and the lines after it.
    fn lines(&self) -> &[&'h str] {
        &self.lines[..self.count]
    }

    /// The symbol the heading gives, when it is one of the first three
    /// lines: only those count, as a later "resolution 27 (1947)" is a
    /// citation. `adopted` gives the year to a heading without one.
    fn symbol(&self, adopted: Option<&str>) -> Option<Symbol> {
        if self.index >= 3 {
            return None;
        }
        sc_heading_symbol(self.lines[0], adopted)
    }
}

/// Whether `line` is empty or all whitespace: told by its first byte
/// when that is an ASCII one other than whitespace, as on most lines.
fn is_blank(line: &str) -> bool {
    match line.as_bytes().first() {
        Some(&b) if b.is_ascii() && !is_space(b) => false,
        _ => line.trim().is_empty(),
    }
}

/// The first byte of `line` (a line's bytes on to the text's end) after
/// its spaces, or `None` when the line is blank by it: it ends there.
#[inline(always)]
fn first_after_spaces(line: &[u8]) -> Option<u8> {
    match line.iter().find(|&&b| b != b' ') {
        None | Some(b'\n') => None,
        Some(&b) => Some(b),
    }
}

/// Whether a line whose first byte after its spaces is `first` goes on a
/// sentence for all it tells: a letter that opens no verb of the lists.
/// Such a line opens no paragraph, numbered or not, nor a footnote.
#[inline(always)]
fn goes_on_a_sentence(first: u8, lex: &Lexicon) -> bool {
    first.is_ascii_alphabetic() && !lex.paragraph_verbs.may_start(first)
}

/// The symbol an old Security Council heading line gives.
fn sc_heading_symbol(line: &str, adopted: Option<&str>) -> Option<Symbol> {
    let HeadingNumbers { number, year, .. } = HeadingNumbers::read(line)?;
    // "Resolution 290" dated "of 8 December 1970": the year is the date's.
    let year = year.or_else(|| adopted.and_then(|d| d.get(..4)))?;
    // Digits alone, as most headings have them, make the symbol without
    // the text of it being written and parsed (4% of a short SC text's
    // extraction); the parser reads anything else.
    let digits = |text: &str, max: usize| {
        (1..=max).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
    };
    if digits(number, 5) && digits(year, 4) {
        return Symbol::security_council(number.parse().ok()?, year.parse().ok()?);
    }
    format!("S/RES/{number}({year})").parse().ok()
}

/// Where a compilation's next resolution starts in the text of an old
/// Security Council resolution: a heading on a line of its own after a
/// blank line ("Resolution 474 (1980)"), with its date on its next line
/// ("of 17 June 1980"). The texts of the Council's yearly volumes may run
/// on past their own resolution into the next one's heading, which is not
/// a citation; nor is what follows it this text's. The text's own heading,
/// on its first lines, does not count.
///
/// `line_starts` are where the lines of `text` start, the first at 0.
///
/// Only a line whose text ends with ")" can be such a heading, so those
/// lines are found with a vector search and the rest are not visited:
/// an old Council text has a line every 40 bytes, and reading each for
/// its blankness cost 2.5% of their extraction.
pub fn next_resolution(text: &str, line_starts: &[usize], lex: &Lexicon) -> Option<usize> {
    let bytes = text.as_bytes();
    let line_end = |index: usize| line_end(text, line_starts, index);
    let line = |index: usize| line_at(text, line_starts, index);
    let blank = |index: usize| {
        bytes[line_starts[index]..line_end(index)]
            .iter()
            .all(u8::is_ascii_whitespace)
    };
    // Past the text's own heading, on its first four lines with words:
    // only lines after the fourth of those are looked at.
    let first = (0..line_starts.len())
        .filter(|&index| !blank(index))
        .nth(3)?
        + 1;
    let from = *line_starts.get(first)?;
    for paren in memchr::memchr_iter(b')', &bytes[from..]).map(|at| from + at) {
        // The last ")" of a line, with only spaces after it, and a blank
        // line before the line. Most brackets close a year inside a
        // sentence ("661 (1990) of"): the bytes after them tell, before
        // the line is looked up.
        if !blank_to_line_end(text, paren + 1) {
            continue;
        }
        let index = line_starts.partition_point(|&start| start <= paren) - 1;
        if !blank(index - 1) {
            continue;
        }
        if is_heading_line(line(index)?) && dated_after(text, line_starts, index, lex) {
            return Some(line_starts[index]);
        }
    }
    None
}

/// Whether nothing but whitespace stands from `from` to the end of its
/// line in `text` (as `trim_end` reads it). The spaces of ASCII are passed
/// a byte at a time; at any other character but a newline, the answer is
/// known unless it lies beyond ASCII.
fn blank_to_line_end(text: &str, from: usize) -> bool {
    let bytes = text.as_bytes();
    let rest = bytes.get(from..).unwrap_or_default();
    let spaces = rest
        .iter()
        .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r' | 0x0B | 0x0C))
        .count();
    match rest.get(spaces) {
        None | Some(b'\n') => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => {
            let end = memchr::memchr(b'\n', rest).map_or(bytes.len(), |at| from + at);
            text[from..end].trim_end().is_empty()
        }
    }
}

/// Line `index` of `text`, whose lines start at `line_starts`, without its
/// newline.
fn line_at<'t>(text: &'t str, line_starts: &[usize], index: usize) -> Option<&'t str> {
    text.get(*line_starts.get(index)?..line_end(text, line_starts, index))
}

/// Where line `index` ends, before its newline.
fn line_end(text: &str, line_starts: &[usize], index: usize) -> usize {
    line_starts
        .get(index + 1)
        .map_or(text.len(), |next| next - 1)
}

/// Whether the first line with words after line `index` is a date alone,
/// as under a heading ("of 17 June 1980").
fn dated_after(text: &str, line_starts: &[usize], index: usize, lex: &Lexicon) -> bool {
    (index + 1..line_starts.len())
        .map_while(|next| line_at(text, line_starts, next))
        .find(|next| !next.trim().is_empty())
        .is_some_and(|next| next.len() <= 40 && lex.date.regex.is_match(next))
}

/// A line that is a Security Council heading and nothing else:
/// "Resolution 474 (1980)", not "resolution 474 (1980), in which".
fn is_heading_line(line: &str) -> bool {
    let line = line.trim_end();
    // Such a heading ends with its year's bracket and is short: most
    // paragraphs are refused before the pattern runs.
    if !line.ends_with(')') || line.len() > 60 {
        return false;
    }
    HeadingNumbers::read(line).is_some_and(|numbers| numbers.end == Some(line.len()))
}

/// The first organ the header names ("General Assembly", "The Security
/// Council,").
fn first_organ(head: &str, lex: &Lexicon) -> Option<Organ> {
    let window = &head[..floor(head, head.len().min(1500))];
    // The first line that opens with an organ's name; then which name.
    // A name never starts with a space nor crosses a line, so no match
    // that the search passes over could open a line.
    let at = lex
        .organ_name
        .find_iter(window)
        .map(|name| name.start())
        .find(|&at| opens_line(window, at))?;
    let line_start = window[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = window[line_start..].lines().next()?.trim_start();
    lex.bodies.iter().find_map(|(re, body)| match body {
        Body::Organ(organ) if re.is_match(line) => Some(*organ),
        _ => None,
    })
}

/// Whether only spaces other than a newline stand between `at` and the
/// start of its line (as `^[^\S\n]*` reads it in multi-line mode).
fn opens_line(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .all(char::is_whitespace)
}

/// The adoption date. An old Security Council text has it in its
/// heading's lines: "Resolution 319 (1972)\nof 1 August 1972" on the line
/// after, or "Adopted by the Security Council at its 3234th meeting,\non
/// 10 June 1993"; a date further down is some other event's ("adopted on
/// 17 December 1979" in a first paragraph, where OCR turned the heading's
/// date into "of 3f July 1989"). Otherwise the date next to the adoption
/// phrase: the one that follows "adopted by … on", or in Chinese the one
/// right before "大会决议" ("2015年9月25日大会决议"; the first date after
/// it is a citation's).
fn adoption_date(head: &str, heading: Option<&ScHeading<'_>>, lex: &Lexicon) -> Option<String> {
    let Some(lines) = heading.map(ScHeading::lines) else {
        return date_next_to_phrase(head, lex);
    };
    let dated = lines[..lines.len().min(2)].join(" ");
    match lex.date.regex.find(&dated) {
        Some(found) => lex.date.iso_of(found.as_str()),
        None => date_next_to_phrase(&lines.join("\n"), lex),
    }
}

fn date_next_to_phrase(head: &str, lex: &Lexicon) -> Option<String> {
    // Headers break lines anywhere ("at its 3234th meeting,\n\non 6 October
    // 1992"): the phrase is looked for with each run of newlines as a space.
    let flat = newlines_as_spaces(head);
    let marker = adoption_marker(&flat, lex)?;
    let before_start = floor(&flat, marker.start().saturating_sub(ADOPTION_BEFORE));
    let before = &flat[before_start..marker.start()];
    let date_before = lex
        .date
        .regex
        .find_iter(before)
        .last()
        .filter(|date| before[date.end()..].trim().is_empty());
    let after_end = floor(&flat, (marker.end() + ADOPTION_AFTER).min(flat.len()));
    let date_after = lex.date.regex.find(&flat[marker.end()..after_end]);
    let date = match lex.vocab.adoption_date_first {
        true => date_before.or(date_after),
        false => date_after.or(date_before),
    };
    date.and_then(|date| lex.date.iso_of(date.as_str()))
}

/// `text` with each run of newlines as one space. (In folded text no
/// other spaces stand beside a newline, nor two in a row.)
fn newlines_as_spaces(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut flat = String::with_capacity(text.len());
    let mut copied = 0;
    while let Some(found) = memchr::memchr(b'\n', &bytes[copied..]) {
        let at = copied + found;
        flat.push_str(&text[copied..at]);
        flat.push(' ');
        // The rest of the run, a byte at a time: most runs in a header
        // are a blank line's two newlines.
        copied = at + 1 + bytes[at + 1..].iter().take_while(|&&b| b == b'\n').count();
    }
    flat.push_str(&text[copied..]);
    flat
}

/// How far from the adoption phrase its date is looked for, in bytes:
/// after it, past "at its 3234th meeting,"; before it, the length of a
/// date with spaces ("2015 年 9 月 25 日").
const ADOPTION_AFTER: usize = 200;
const ADOPTION_BEFORE: usize = 40;

/// The first match of `adopted` in `head`, looked for from where its
/// anchors say one may start.
fn adoption_marker<'h>(head: &'h str, lex: &Lexicon) -> Option<regex::Match<'h>> {
    let Some(anchors) = &lex.adopted_anchors else {
        return lex.adopted.find(head);
    };
    let lower = anchors.folded(head);
    let from = anchors.skip_to(head, &lower, 0)?;
    lex.adopted.find_at(head, from)
}

fn floor(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where a resolution's paragraphs start and of which kind they are: the
/// preamble's, whose paragraphs open with a participle ("Recalling") and
/// end with a comma, or the operative part's, whose paragraphs open with a
/// verb ("Recalls") and end with a semicolon or a full stop.
pub struct Layout {
    /// Where the preamble and the operative part start, found on first use.
    starts: std::cell::OnceCell<(Option<usize>, Option<usize>)>,
    /// The line starts of the text.
    lines: Vec<usize>,
    /// What is known of each line, as far as asked for: one table for
    /// every question, as each is made on first use.
    facts: LineMemo,
    /// The last search for the opening line before a citation, for the
    /// paragraph after one, and for the footnote it stands in: citations
    /// come in the order of the text, many to a paragraph, and the next
    /// search starts where the last ended.
    last_opening: Cell<Option<OpeningSearch>>,
    last_next: Cell<Option<NextSearch>>,
    last_footnote: Cell<Option<FootnoteSearch>>,
    /// The line the last citation stood in.
    last_line: Cell<usize>,
}

/// A search back from line `line` to line `since` for the footnote it
/// belongs to, and the footnote's first line if it found one.
#[derive(Clone, Copy)]
struct FootnoteSearch {
    line: usize,
    since: usize,
    found: Option<usize>,
}

/// A search of lines `first..last` (back from `last`) for the nearest that
/// opens a paragraph with a verb wholly before `until`, or with a number:
/// what it found, and whether it passed over a line whose verb ran past
/// `until` (which a later search, with a later `until`, may take).
#[derive(Clone, Copy)]
struct OpeningSearch {
    first: usize,
    last: usize,
    until: usize,
    found: Option<(usize, Option<Span>)>,
    passed_over_verb: bool,
}

/// A search from the line after `at` on, as far as `reach`, for the next
/// line that starts a paragraph: the line found, or else the first line
/// it did not look at.
#[derive(Clone, Copy)]
struct NextSearch {
    at: usize,
    outcome: Result<usize, usize>,
}

/// What a line is, each answer found on first use. The citations of one
/// paragraph look at the same lines: each asks the kind of paragraph its
/// line opens, and the lines after it whether they start a paragraph or
/// footnote; a citation's lines are asked, on the way back to its
/// paragraph's first line, whether they open a numbered paragraph or a
/// footnote.
///
/// A line's answers are packed in 32 bits, zero while none is known: a
/// table of 32-byte structs of options was filled a struct at a time for
/// each text, and each question copied a struct out and back (SC texts
/// 32.21 -> 32.16 instructions a byte). A table of 64-bit words cost the
/// long texts more to zero than it saved.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
struct LineFacts(u32);

/// A yes-or-no fact's two bits: whether it is known, and its answer.
#[derive(Clone, Copy)]
enum Flag {
    /// Whether the line starts a paragraph or footnote.
    ParagraphStart = 0,
    /// Whether it opens a numbered paragraph.
    Numbered = 2,
    /// Whether it opens a footnote.
    Footnote = 4,
}

/// Where the kind of paragraph a line opens is kept: known, some, and the
/// section's two bits.
const KIND_SHIFT: u32 = 6;
/// Where the verb a line opens a paragraph with is kept: known, some, the
/// section's two bits, then the verb's offset from the line's start (past
/// a paragraph's number) and its length, `SPAN_BITS` each. A verb further
/// in or longer than `SPAN_MAX` bytes is not kept, but found each time.
const OPENING_SHIFT: u32 = 10;
const OFFSET_SHIFT: u32 = 14;
const SPAN_BITS: u32 = 9;
const SPAN_MAX: usize = (1 << SPAN_BITS) - 1;
// The offset and length fill the word above the flags, and no more.
const _: () = assert!(OFFSET_SHIFT + 2 * SPAN_BITS <= u32::BITS);

/// A section as two bits.
fn section_bits(section: Section) -> u32 {
    match section {
        Section::Preamble => 0,
        Section::Operative => 1,
        Section::Footnote => 2,
        Section::Other => 3,
    }
}

/// The section two bits stand for.
fn bits_section(bits: u32) -> Section {
    match bits & 3 {
        0 => Section::Preamble,
        1 => Section::Operative,
        2 => Section::Footnote,
        _ => Section::Other,
    }
}

/// A verb a line opens with, by its offset from the line's start and its
/// length: the kind of paragraph it opens, offset and length.
type LineOpening = (Section, usize, usize);

impl LineFacts {
    /// The answer to `flag`, if known.
    fn flag(self, flag: Flag) -> Option<bool> {
        let bits = self.0 >> flag as u32;
        (bits & 1 != 0).then_some(bits & 2 != 0)
    }

    /// These facts with `flag` known to be `value` (whatever it was
    /// known to be before).
    fn with_flag(self, flag: Flag, value: bool) -> LineFacts {
        let shift = flag as u32;
        LineFacts(self.0 & !(3 << shift) | (1 | u32::from(value) << 1) << shift)
    }

    /// A section that may be missing, known or not, from the four bits at
    /// `shift`.
    fn section(self, shift: u32) -> Option<Option<Section>> {
        let bits = self.0 >> shift;
        (bits & 1 != 0).then(|| (bits & 2 != 0).then(|| bits_section(bits >> 2)))
    }

    /// The four bits at `shift` that say a section is known (and which).
    fn section_bits(section: Option<Section>, shift: u32) -> u32 {
        let bits = match section {
            Some(section) => 3 | section_bits(section) << 2,
            None => 1,
        };
        bits << shift
    }

    /// The kind of paragraph the line opens, if known.
    fn kind(self) -> Option<Option<Section>> {
        self.section(KIND_SHIFT)
    }

    /// These facts with the kind of paragraph the line opens known.
    fn with_kind(self, kind: Option<Section>) -> LineFacts {
        LineFacts(self.0 & !(0xF << KIND_SHIFT) | LineFacts::section_bits(kind, KIND_SHIFT))
    }

    /// The verb the line opens with, if known.
    fn opening(self) -> Option<Option<LineOpening>> {
        let span_mask = SPAN_MAX as u32;
        Some(self.section(OPENING_SHIFT)?.map(|section| {
            let offset = (self.0 >> OFFSET_SHIFT) & span_mask;
            let len = (self.0 >> (OFFSET_SHIFT + SPAN_BITS)) & span_mask;
            (section, offset as usize, len as usize)
        }))
    }

    /// These facts and the verb the line opens with, unless its offset
    /// or length is too long to keep (it is then found each time asked).
    fn with_opening(self, opening: Option<LineOpening>) -> Option<LineFacts> {
        let span = match opening {
            Some((_, offset, len)) if offset > SPAN_MAX || len > SPAN_MAX => return None,
            Some((_, offset, len)) => (offset as u32 | (len as u32) << SPAN_BITS) << OFFSET_SHIFT,
            None => 0,
        };
        let section = opening.map(|(section, _, _)| section);
        let known = 0xF << OPENING_SHIFT | u32::MAX << OFFSET_SHIFT;
        Some(LineFacts(
            self.0 & !known | LineFacts::section_bits(section, OPENING_SHIFT) | span,
        ))
    }
}

/// The facts of each line of a text, remembered once found: a table of
/// them all, made on the first question. Each line's facts are copied
/// out and back, not borrowed: a fact is found asking other lines, and
/// other facts of the same line.
#[derive(Default)]
struct LineMemo(std::cell::OnceCell<Box<[Cell<LineFacts>]>>);

impl LineMemo {
    /// The fact of line `index` of `lines` that `get` reads, found by
    /// `find` the first time and kept by `set` (which may decline).
    /// Inlined, always: asked some 30 times for each citation, its `get`
    /// and `set` are a few shifts and masks, where a call costs more.
    #[inline(always)]
    fn get_or<T: Copy>(
        &self,
        index: usize,
        lines: usize,
        get: impl FnOnce(LineFacts) -> Option<T>,
        set: impl FnOnce(LineFacts, T) -> Option<LineFacts>,
        find: impl FnOnce() -> T,
    ) -> T {
        let facts = self
            .0
            .get_or_init(|| std::iter::repeat_with(Cell::default).take(lines).collect());
        let Some(cell) = facts.get(index) else {
            return find();
        };
        if let Some(known) = get(cell.get()) {
            return known;
        }
        let found = find();
        // Read again: finding it may have found other facts of the line.
        if let Some(known) = set(cell.get(), found) {
            cell.set(known);
        }
        found
    }

    /// `get_or` for a yes-or-no fact.
    #[inline(always)]
    fn flag_or(&self, index: usize, lines: usize, flag: Flag, find: impl FnOnce() -> bool) -> bool {
        self.get_or(
            index,
            lines,
            |facts| facts.flag(flag),
            |facts, found| Some(facts.with_flag(flag, found)),
            find,
        )
    }
}

/// A byte range of the text: (start, end).
pub type Span = (usize, usize);

/// A verb that opens a paragraph: the kind of paragraph it opens when
/// read alone, and its span.
type Opening = (Section, Span);

/// The paragraph around a citation, as far as the layout tells: its kind,
/// the verb it opens with, and the bounds its evidence may not cross.
pub struct Paragraph {
    pub section: Section,
    /// Where the verb the paragraph opens with stands in the text.
    pub verb: Option<Span>,
    /// The start of the paragraph's (or footnote's) first line, or 0.
    pub start: usize,
    /// Where the next paragraph or footnote starts, or the text's end.
    pub end: usize,
}

/// How many lines back from a paragraph that opens with no verb of the
/// lists the colon of a list it may be an item of is looked for.
const LIST_REACH: usize = 16;

/// How far back from a citation its paragraph's verb is looked for.
const VERB_REACH: usize = 6000;

/// How far past a citation the next paragraph is looked for: as far as an
/// evidence sentence may reach.
const NEXT_PARAGRAPH_REACH: usize = 300;

/// How far past a paragraph's first line its last line is looked for.
const PARAGRAPH_REACH: usize = 8000;

/// How a footnote's first line opens: `FOOTNOTE_OPENING`, which
/// `opens_like_footnote` reads by hand where ASCII digits open the line.
const FOOTNOTE_OPENING: &str = r"^[ ]*\d{1,3}[ ]*(?:\(\)[ ]*)?[ ]\S";

fn footnote_line_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(FOOTNOTE_OPENING).expect("valid pattern"))
}

/// Whether `line` opens as `FOOTNOTE_OPENING` says: a number of one to
/// three digits, then a space, an empty pair of brackets maybe (where a
/// PDF lost the marker's), a space and more. Read by hand where the
/// number's digits are ASCII (the pattern cost 350 instructions for each
/// line that opens with a number); the pattern reads other scripts'
/// digits.
fn opens_like_footnote(line: &str) -> bool {
    let bytes = line.as_bytes();
    let number = bytes.iter().take_while(|&&b| b == b' ').count();
    let after_number = digits(bytes, number, 3);
    // A byte beyond ASCII after the number, or where it would start, may
    // be another script's digit.
    if bytes
        .get(after_number.unwrap_or(number))
        .is_some_and(|b| !b.is_ascii())
    {
        return footnote_line_regex().is_match(line);
    }
    let Some(after_number) = after_number else {
        return false;
    };
    let spaces_from = |at: usize| bytes[at..].iter().take_while(|&&b| b == b' ').count();
    // `[ ]\S` after the spaces: the last of them, and then no space.
    let word_after_spaces = |at: usize| {
        let spaces = spaces_from(at);
        spaces > 0
            && line[at + spaces..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace())
    };
    let brackets = after_number + spaces_from(after_number);
    word_after_spaces(after_number)
        || (bytes[brackets..].starts_with(b"()") && word_after_spaces(brackets + 2))
}

impl Layout {
    #[cfg(test)]
    pub fn new(text: &str) -> Layout {
        Layout::with_line_starts(super::line_starts(text))
    }

    /// The layout of a text whose lines start at `lines` (as
    /// `line_starts` finds them: extraction has them already).
    pub fn with_line_starts(lines: Vec<usize>) -> Layout {
        Layout {
            starts: std::cell::OnceCell::new(),
            lines,
            facts: LineMemo::default(),
            last_opening: Cell::new(None),
            last_next: Cell::new(None),
            last_footnote: Cell::new(None),
            last_line: Cell::new(0),
        }
    }

    /// Where each line of the text starts.
    pub fn line_starts(&self) -> &[usize] {
        &self.lines
    }

    /// Where the preamble and the operative part start: the first lines
    /// that open a paragraph of each kind. Found on first use: most
    /// citations stand near a paragraph's verb.
    fn starts(&self, text: &str, lex: &Lexicon) -> (Option<usize>, Option<usize>) {
        *self.starts.get_or_init(|| {
            let opens = |index: usize, kind: Section| {
                self.opening(text, index, lex).is_some()
                    && self.kind(text, index, lex) == Some(kind)
            };
            let preamble = (0..self.lines.len()).find(|&index| opens(index, Section::Preamble));
            let operative = preamble.and_then(|from| {
                (from..self.lines.len()).find(|&index| {
                    opens(index, Section::Operative) && !self.is_footnote(text, index)
                })
            });
            (
                preamble.map(|index| self.lines[index]),
                operative.map(|index| self.lines[index]),
            )
        })
    }

    /// The paragraph of the citation at `start..end`: a footnote's, or the
    /// one that the nearest line before it opens with a verb ("Recalling",
    /// "Reaffirms", "回顾"), looked for no further back than about 6000
    /// bytes; where that paragraph (or footnote) starts; and where the
    /// next one starts. In PDF text neither blank lines nor line breaks
    /// tell where a paragraph ends: the next paragraph's verb does.
    pub fn paragraph_at(&self, text: &str, start: usize, end: usize, lex: &Lexicon) -> Paragraph {
        let line = self.line_near(start);
        let opening = self.opening_before(text, start, line, lex);
        let since = opening.map_or_else(
            || self.line_of(start.saturating_sub(VERB_REACH)),
            |(index, _)| index + 1,
        );
        let footnote = self.footnote_of(text, line, since);
        let section = match (footnote, opening) {
            (Some(_), _) => Section::Footnote,
            // A paragraph that opens with no verb of the lists is of the
            // part it stands in.
            (None, Some((index, _))) => self
                .kind(text, index, lex)
                .unwrap_or_else(|| self.section_by_starts(text, start, lex)),
            (None, None) => self.section_by_starts(text, start, lex),
        };
        let paragraph_start = match (footnote, opening) {
            (Some(index), _) | (None, Some((index, _))) => self.lines[index],
            (None, None) => 0,
        };
        Paragraph {
            section,
            verb: opening.and_then(|(_, verb)| verb),
            start: paragraph_start,
            end: self.next_paragraph(text, end, line, lex),
        }
    }

    /// The section of the text at `at`.
    #[cfg(test)]
    pub fn section_at(&self, text: &str, at: usize, lex: &Lexicon) -> Section {
        self.paragraph_at(text, at, at, lex).section
    }

    /// The first line of the footnote that line `index` belongs to, looked
    /// for back to line `since`. A footnote stands between the paragraph
    /// that calls it and the next, and in PDF text runs over several lines;
    /// it ends with a full stop, and a blank line ends it too.
    fn footnote_of(&self, text: &str, index: usize, since: usize) -> Option<usize> {
        // Back from a later line of the same paragraph, the search comes to
        // the line the last one started from (if that was no later), and
        // would go on as it did.
        let earlier = self.last_footnote.get().filter(|s| s.since == since);
        let found = self.footnote_back(text, index, since, earlier);
        self.last_footnote.set(Some(FootnoteSearch {
            line: index,
            since,
            found,
        }));
        found
    }

    /// `footnote_of`, ending where it comes to the line `earlier` started
    /// from with what `earlier` found.
    fn footnote_back(
        &self,
        text: &str,
        mut index: usize,
        since: usize,
        earlier: Option<FootnoteSearch>,
    ) -> Option<usize> {
        loop {
            if let Some(earlier) = earlier.filter(|s| s.line == index) {
                return earlier.found;
            }
            if self.is_footnote(text, index) {
                return Some(index);
            }
            if index <= since {
                return None;
            }
            let previous = self.line_text(text, index - 1);
            if is_blank(previous) || matches!(clause_end(previous), Some('.' | '。')) {
                return None;
            }
            index -= 1;
        }
    }

    /// Where no paragraph's verb stands near: by where the preamble and
    /// the operative part start.
    fn section_by_starts(&self, text: &str, at: usize, lex: &Lexicon) -> Section {
        match self.starts(text, lex) {
            (_, Some(op)) if at >= op => Section::Operative,
            (Some(pre), _) if at >= pre => Section::Preamble,
            _ => Section::Other,
        }
    }

    /// The nearest line at or before `at` that opens a paragraph with a
    /// verb wholly before `at`, or with a paragraph's number: the line's
    /// number and the verb's span, if it has a verb of the lists.
    /// `line` is the line `at` stands in.
    fn opening_before(
        &self,
        text: &str,
        at: usize,
        line: usize,
        lex: &Lexicon,
    ) -> Option<(usize, Option<Span>)> {
        let until = floor(text, at + 1).min(text.len());
        // The lines from the first that starts no earlier than the reach
        // (found among the line starts: searching the text for it had
        // read a long line to its end for each citation in it).
        let first = match at.checked_sub(VERB_REACH) {
            Some(reach) if reach > 0 => self.lines.partition_point(|&l| l < reach),
            _ => 0,
        };
        let last = self.lines_before_near(until, line + 1);
        // Lines the last search looked at need not be looked at again,
        // when this one asks about the same lines and more after them:
        // what it found is still the nearest before those.
        let earlier = self
            .last_opening
            .get()
            .filter(|s| !s.passed_over_verb && s.until <= until && s.first <= first);
        let mut passed_over_verb = false;
        let new_from = earlier.map_or(first, |s| s.last.max(first));
        let found = (new_from..last)
            .rev()
            .filter(|&index| !self.opens_nothing(text, index, lex))
            .find_map(|index| match self.opening(text, index, lex) {
                Some((_, span)) if span.1 <= until => Some((index, Some(span))),
                Some(_) => {
                    passed_over_verb = true;
                    None
                }
                None => (self.is_numbered(text, index)
                    || (lex.vocab.capitalised_paragraphs && self.opens_unlisted(text, index)))
                .then_some((index, None)),
            })
            .or_else(|| {
                earlier
                    .and_then(|s| s.found)
                    .filter(|&(index, _)| index >= first)
            });
        self.last_opening.set(Some(OpeningSearch {
            first,
            last,
            until,
            found,
            passed_over_verb,
        }));
        found
    }

    /// Whether line `index` opens, by its first byte, neither a paragraph
    /// with a verb, nor a numbered one, nor one of unlisted words: the
    /// line goes on a sentence (its first byte is an ASCII one that opens
    /// no verb, number or capital), or it is blank. Half the lines a
    /// verb is looked for back across do, and one look at their first
    /// byte, where each question had looked again, tells.
    #[inline(always)]
    fn opens_nothing(&self, text: &str, index: usize, lex: &Lexicon) -> bool {
        let Some(line) = self
            .lines
            .get(index)
            .and_then(|&at| text.as_bytes().get(at..))
        else {
            return false;
        };
        match first_after_spaces(line) {
            None => true,
            Some(b) => {
                b.is_ascii()
                    && !b.is_ascii_uppercase()
                    && !matches!(b, b'0'..=b'9' | b'.' | b'\t'..=b'\r')
                    && !lex.paragraph_verbs.may_start(b)
            }
        }
    }

    /// Whether line `index` opens a paragraph whose first words are no
    /// verb of the lists ("The Assembly, in that context,"): it opens with
    /// a capital after a blank line, and the text before that ends a
    /// clause. Its citations have no verb, not the last paragraph's. In
    /// PDF text, where lines wrap inside paragraphs and a blank line
    /// stands at each page break, a page's first line opens with a form
    /// feed and is none. Asked only in languages whose paragraphs open
    /// with a capital.
    fn opens_unlisted(&self, text: &str, index: usize) -> bool {
        let line = self.line_text(text, index);
        let capital = match line.trim_start_matches(' ').as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            Some(_) => line
                .trim_start_matches(' ')
                .chars()
                .next()
                .is_some_and(char::is_uppercase),
            None => false,
        };
        if !capital || index < 2 || !is_blank(self.line_text(text, index - 1)) {
            return false;
        }
        // The lines with text before it, as far back as a list's items
        // may be: the one right before must end a clause; an item of a
        // list that a colon opens ("in particular:\n\nTo formulate…;\n\n
        // To continue…") opens no paragraph of its own.
        let mut previous = (index.saturating_sub(LIST_REACH)..index - 1)
            .rev()
            .map(|previous| self.line_text(text, previous))
            .filter(|previous| !is_blank(previous));
        if !previous
            .next()
            .and_then(clause_end)
            .is_some_and(|end| end != ':' && end != '：')
        {
            return false;
        }
        for line in previous {
            match clause_end(line) {
                Some(':' | '：') => return false,
                Some(';' | '；' | '؛') => {}
                _ => return true,
            }
        }
        true
    }

    /// Whether line `index` opens a numbered paragraph ("12. Extends"),
    /// whatever its verb.
    ///
    /// Inlined, always, with the other questions of a line that its first
    /// byte mostly answers: the call had cost more than that test, on
    /// most lines.
    #[inline(always)]
    fn is_numbered(&self, text: &str, index: usize) -> bool {
        // Most lines are told by their first byte, more cheaply than the
        // table is asked.
        if opens_unnumbered(&text.as_bytes()[self.lines[index]..]) {
            return false;
        }
        self.is_numbered_remembered(text, index)
    }

    /// `is_numbered` of a line its first byte does not answer.
    #[inline(never)]
    fn is_numbered_remembered(&self, text: &str, index: usize) -> bool {
        self.facts
            .flag_or(index, self.lines.len(), Flag::Numbered, || {
                is_numbered_paragraph(self.line_text(text, index))
                    && self.follows_paragraph_end(text, index)
            })
    }

    /// The kind of the paragraph that line `index` opens: told by the
    /// punctuation it ends with where it can be found, else by its verb.
    /// A Chinese verb opens paragraphs of both kinds ("鼓励"), and Russian
    /// participles are missing from the lists.
    fn kind(&self, text: &str, index: usize, lex: &Lexicon) -> Option<Section> {
        self.facts.get_or(
            index,
            self.lines.len(),
            LineFacts::kind,
            |facts, kind| Some(facts.with_kind(kind)),
            || self.kind_uncached(text, index, lex),
        )
    }

    fn kind_uncached(&self, text: &str, index: usize, lex: &Lexicon) -> Option<Section> {
        // Only operative paragraphs are numbered.
        if self.is_numbered(text, index) {
            return Some(Section::Operative);
        }
        let (by_verb, _) = self.opening(text, index, lex)?;
        let by_ending = self.last_line(text, index, lex).and_then(|last| {
            match clause_end(self.line_text(text, last))? {
                ',' | '،' | '，' | '、' => Some(Section::Preamble),
                ';' | '؛' | '；' | '.' | '。' => Some(Section::Operative),
                _ => None,
            }
        });
        Some(by_ending.unwrap_or(by_verb))
    }

    /// The last line with text of the paragraph that line `index` opens:
    /// the one before the next paragraph's or footnote's first line, or
    /// before a blank line after the end of a clause (PDF text has a blank
    /// line at each page break, inside sentences too). `None` when it ends
    /// further than `PARAGRAPH_REACH` on.
    fn last_line(&self, text: &str, index: usize, lex: &Lexicon) -> Option<usize> {
        let reach = self.lines[index].saturating_add(PARAGRAPH_REACH);
        let mut last = index;
        for next in index + 1..self.lines.len() {
            let line = self.lines[next];
            if line > reach {
                return None;
            }
            // The first byte after the spaces tells most lines: a blank
            // one starts no paragraph, and one of ASCII is not blank
            // (`starts_paragraph` and `is_blank` each looked at it).
            let bytes = text.as_bytes().get(line..).unwrap_or_default();
            let blank = match first_after_spaces(bytes) {
                None => true,
                Some(b) if b.is_ascii() && !is_space(b) => {
                    if !goes_on_a_sentence(b, lex)
                        && self.starts_paragraph_remembered(text, next, lex, bytes)
                    {
                        return Some(last);
                    }
                    false
                }
                _ => {
                    if self.starts_paragraph(text, next, lex) {
                        return Some(last);
                    }
                    is_blank(self.line_text(text, next))
                }
            };
            if !blank {
                last = next;
            } else if clause_end(self.line_text(text, last)).is_some() {
                return Some(last);
            }
        }
        Some(last)
    }

    /// Whether line `index` opens a paragraph (with a verb, or with a
    /// paragraph's number) or a footnote.
    // Inlined, always, as `is_numbered` is.
    #[inline(always)]
    fn starts_paragraph(&self, text: &str, index: usize, lex: &Lexicon) -> bool {
        // Told by the first byte before the table is asked: a line that
        // goes on a sentence opens with a letter that opens no verb, and
        // a blank line opens nothing (nor does a last line of spaces).
        // They are none of the three; asked of half the lines of an old
        // Council text, where a line is 40 bytes, and a quarter of its
        // lines are blank.
        let line = &text.as_bytes()[self.lines[index]..];
        match first_after_spaces(line) {
            Some(b) if !goes_on_a_sentence(b, lex) => {
                self.starts_paragraph_remembered(text, index, lex, line)
            }
            _ => false,
        }
    }

    /// `starts_paragraph` of a line its first byte does not answer, whose
    /// bytes from its start on are `line`.
    #[inline(never)]
    fn starts_paragraph_remembered(
        &self,
        text: &str,
        index: usize,
        lex: &Lexicon,
        line: &[u8],
    ) -> bool {
        self.facts
            .flag_or(index, self.lines.len(), Flag::ParagraphStart, || {
                // Nor does a line that opens as no number does open a
                // footnote or a numbered paragraph: only its verb is asked.
                if opens_unnumbered(line) {
                    return self.opening(text, index, lex).is_some();
                }
                self.opening(text, index, lex).is_some()
                    || self.is_footnote(text, index)
                    || self.is_numbered(text, index)
            })
    }

    /// Whether line `index` is (the first line of) a footnote: it opens
    /// with the footnote's number, after the end of a paragraph. In PDF
    /// text a line inside a sentence may open with a day of the month
    /// ("…of\n1 December 1999").
    // Inlined, always, as `is_numbered` is.
    #[inline(always)]
    fn is_footnote(&self, text: &str, index: usize) -> bool {
        if opens_unnumbered(&text.as_bytes()[self.lines[index]..]) {
            return false;
        }
        self.is_footnote_remembered(text, index)
    }

    /// `is_footnote` of a line its first byte does not answer.
    #[inline(never)]
    fn is_footnote_remembered(&self, text: &str, index: usize) -> bool {
        self.facts
            .flag_or(index, self.lines.len(), Flag::Footnote, || {
                let line = self.lines[index];
                is_footnote_line(&text[line..]) && self.follows_paragraph_end(text, index)
            })
    }

    /// The start of the first line after the one `at` stands in that opens
    /// a paragraph or a footnote, within `NEXT_PARAGRAPH_REACH` bytes; else
    /// the text's end.
    /// `near` is a line at or before the one `at` stands in, and close.
    fn next_paragraph(&self, text: &str, at: usize, near: usize, lex: &Lexicon) -> usize {
        let reach = at.saturating_add(NEXT_PARAGRAPH_REACH);
        let first = self.lines_before_near(at.saturating_add(1), near + 1);
        // The last search, from no later an offset (so from no later a
        // line), looked at the lines up to what it found or to where it
        // stopped: a line it found that this search passes is still the
        // first after it.
        let earlier = self.last_next.get().filter(|s| s.at <= at);
        let outcome = match earlier.map(|s| s.outcome) {
            Some(Ok(found)) if found >= first => Ok(found),
            Some(Err(stop)) => self.next_paragraph_from(text, stop.max(first), reach, lex),
            _ => self.next_paragraph_from(text, first, reach, lex),
        };
        self.last_next.set(Some(NextSearch { at, outcome }));
        outcome.map_or(text.len(), |index| self.lines[index])
    }

    /// The first line from line `from` on that starts a paragraph and
    /// starts no later than `reach`; else the first line not looked at.
    fn next_paragraph_from(
        &self,
        text: &str,
        from: usize,
        reach: usize,
        lex: &Lexicon,
    ) -> Result<usize, usize> {
        for index in from..self.lines.len() {
            if self.lines[index] > reach {
                return Err(index);
            }
            if self.starts_paragraph(text, index, lex) {
                return Ok(index);
            }
        }
        Err(self.lines.len())
    }

    /// Whether line `index` starts where a paragraph may, as
    /// `follows_paragraph_end` says.
    fn follows_paragraph_end(&self, text: &str, index: usize) -> bool {
        follows_paragraph_end(
            index
                .checked_sub(1)
                .map(|previous| self.line_text(text, previous)),
        )
    }

    /// How many lines start before `at`, as `partition_point` finds it,
    /// stepped to from `near`: a citation's lines are next to each other,
    /// and a step or two costs less than a binary search of the lines.
    fn lines_before_near(&self, at: usize, near: usize) -> usize {
        let mut count = near.min(self.lines.len());
        while count > 0 && self.lines[count - 1] >= at {
            count -= 1;
        }
        while count < self.lines.len() && self.lines[count] < at {
            count += 1;
        }
        count
    }

    /// `line_of`, stepped to from the line the last citation stood in:
    /// citations come in the order of the text, most a line or two after
    /// the last, and a binary search of the lines had cost about 35
    /// instructions a citation.
    fn line_near(&self, at: usize) -> usize {
        let near = self.last_line.get();
        let after = at.saturating_add(1);
        // Further than a few lines on (the first citation, after the
        // heading; one paragraphs after the last), the lines after those
        // are searched.
        let ahead = near.saturating_add(4);
        let before = match self.lines.get(ahead..) {
            Some(rest) if rest.first().is_some_and(|&line| line < after) => {
                ahead + rest.partition_point(|&line| line < after)
            }
            _ => self.lines_before_near(after, near),
        };
        let line = before.saturating_sub(1);
        self.last_line.set(line);
        line
    }

    /// The number of the line `at` stands in.
    fn line_of(&self, at: usize) -> usize {
        self.lines.partition_point(|&l| l <= at).saturating_sub(1)
    }

    /// Line `index` without its newline.
    fn line_text<'t>(&self, text: &'t str, index: usize) -> &'t str {
        &text[self.lines[index]..line_end(text, &self.lines, index)]
    }

    /// The verb line `index` opens a paragraph with, if any: a verb at the
    /// start of a line that follows the end of a paragraph.
    // Inlined, always, as `is_numbered` is.
    #[inline(always)]
    fn opening(&self, text: &str, index: usize, lex: &Lexicon) -> Option<Opening> {
        let line = *self.lines.get(index)?;
        // Most lines of a page open with neither a number nor a verb's
        // first byte: told so before the table is asked.
        if !lex.paragraph_verbs.may_open(text.as_bytes(), line) {
            return None;
        }
        self.opening_remembered(text, index, line, lex)
    }

    /// `opening` of line `index`, starting at `line`, that its first byte
    /// does not answer.
    #[inline(never)]
    fn opening_remembered(
        &self,
        text: &str,
        index: usize,
        line: usize,
        lex: &Lexicon,
    ) -> Option<Opening> {
        self.facts.get_or(
            index,
            self.lines.len(),
            // Kept by its offset from the line's start: a verb opens a
            // line, after its number if any.
            |facts| {
                facts.opening().map(|opening| {
                    opening.map(|(kind, offset, len)| (kind, (line + offset, line + offset + len)))
                })
            },
            |facts, opening| {
                let relative = match opening {
                    Some((kind, (start, end))) => {
                        Some((kind, start.checked_sub(line)?, end.checked_sub(start)?))
                    }
                    None => None,
                };
                facts.with_opening(relative)
            },
            || {
                if !(self.follows_paragraph_end(text, index)
                    || self.follows_address(text, index, lex))
                {
                    return None;
                }
                lex.paragraph_verb(text, line)
            },
        )
    }

    /// Whether line `index` follows the organ's address ("Генеральная
    /// Ассамблея", its comma lost in a PDF): the first paragraph starts
    /// after it.
    fn follows_address(&self, text: &str, index: usize, lex: &Lexicon) -> bool {
        let Some(previous) = index.checked_sub(1) else {
            return false;
        };
        let line = self.line_text(text, previous).trim();
        let address = line.trim_end_matches([',', '，', '،']).trim_end();
        lex.vocab.addresses.contains(&address)
    }
}

/// Whether a line after `previous` (the line before it, if any) starts
/// where a paragraph may: at the start of the text, after a blank line
/// (or a page's number), or after a line that ends a clause. In text from
/// a PDF every paragraph is broken into lines, and a line inside a
/// sentence may begin with a word that opens paragraphs ("Noting",
/// "ссылаясь").
fn follows_paragraph_end(previous: Option<&str>) -> bool {
    let Some(previous) = previous else {
        return true;
    };
    // A line of nothing but a number is a page's.
    match last_ascii_end(previous) {
        AsciiEnd::Noise => true,
        AsciiEnd::Byte(_) => clause_end(previous).is_some(),
        AsciiEnd::Beyond => {
            let page_number = |c: char| c.is_whitespace() || c.is_ascii_digit();
            previous.trim_matches(page_number).is_empty() || clause_end(previous).is_some()
        }
    }
}

/// What ends a line, told by its bytes: the last that is not ASCII
/// whitespace or a digit (the "noise" `clause_end` passes over), or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AsciiEnd {
    /// Nothing but ASCII whitespace and digits (or nothing at all).
    Noise,
    /// That last byte, an ASCII one.
    Byte(u8),
    /// That last byte is beyond ASCII: the characters must tell.
    Beyond,
}

/// ASCII whitespace (as `char::is_whitespace` has it) or a digit.
fn is_ascii_noise(b: u8) -> bool {
    // A bit of a mask of the first 64 bytes: a shift and a test, where
    // the ranges had been compared one by one, for each byte at each end
    // of each line a paragraph's end is looked for at.
    const NOISE: u64 = 0b1_1111 << b'\t' | 1 << b' ' | 0x3FF << b'0';
    b < 64 && NOISE >> b & 1 != 0
}

/// How `line` ends, as `AsciiEnd` tells it.
fn last_ascii_end(line: &str) -> AsciiEnd {
    match line.bytes().rev().find(|&b| !is_ascii_noise(b)) {
        None => AsciiEnd::Noise,
        Some(b) if b.is_ascii() => AsciiEnd::Byte(b),
        Some(_) => AsciiEnd::Beyond,
    }
}

/// The punctuation that ends `line` when it ends a clause: a comma,
/// semicolon, colon or full stop, in any script, perhaps followed by a
/// footnote's number.
fn clause_end(line: &str) -> Option<char> {
    // Most lines end, and start, with ASCII: their bytes tell, unless the
    // line starts with a stop (a right-to-left line's, maybe).
    let ascii_stop = |b: u8| CLAUSE_ENDS[..4].contains(&char::from(b));
    match last_ascii_end(line) {
        AsciiEnd::Noise => return None,
        AsciiEnd::Byte(b) if ascii_stop(b) => return Some(char::from(b)),
        AsciiEnd::Byte(_) => match line.bytes().find(|&b| !is_ascii_noise(b)) {
            Some(first) if first.is_ascii() && !ascii_stop(first) => return None,
            _ => {}
        },
        AsciiEnd::Beyond => {}
    }
    clause_end_by_chars(line)
}

/// `clause_end`, read a character at a time.
fn clause_end_by_chars(line: &str) -> Option<char> {
    // The layout reads the normalized text, where the bidi marks that
    // PDF text wraps right-to-left runs in are spaces or gone.
    let noise = |c: char| c.is_whitespace() || c.is_ascii_digit();
    let is_clause_end = |c: &char| CLAUSE_ENDS.contains(c);
    let last = line
        .trim_end_matches(noise)
        .chars()
        .next_back()
        .filter(is_clause_end);
    // PDF text writes a right-to-left line in the order it is seen: the
    // punctuation that ends it comes first.
    let right_to_left = || {
        line.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(is_arabic)
    };
    let first = || {
        line.trim_start_matches(noise)
            .chars()
            .next()
            .filter(is_clause_end)
    };
    last.or_else(|| first().filter(|_| right_to_left()))
}

/// The punctuation that ends a clause or a paragraph, in the six languages,
/// the ASCII ones first.
const CLAUSE_ENDS: [char; 11] = [',', ';', ':', '.', '،', '؛', '，', '；', '：', '。', '、'];

/// Whether `c` is a letter of the Arabic script.
fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Whether the line that starts `line` (and runs on to the end of the
/// text) is a footnote's: it opens with the footnote's number.
fn is_footnote_line(line: &str) -> bool {
    // The pattern opens with spaces and a digit: a line whose first other
    // byte is ASCII but no digit cannot match, and most lines are such.
    // The pattern last: a paragraph's number ("1. Decides") is told more
    // cheaply, and opens most such lines.
    let numbered_first =
        || !is_numbered_paragraph(line) && !is_cited_number(line) && opens_like_footnote(line);
    // Only a digit of another script can open the pattern with a byte
    // beyond ASCII (`\d` is Unicode's); only Arabic text, or its comma or
    // full stop, can open the footnote of a right-to-left line.
    let digit_first = || line.trim_start_matches(' ').starts_with(char::is_numeric);
    match line.bytes().find(|&b| b != b' ') {
        Some(b'0'..=b'9') => numbered_first(),
        Some(b'.') => is_right_to_left_footnote(line),
        Some(0xD8..=0xDB) => (digit_first() && numbered_first()) || is_right_to_left_footnote(line),
        Some(first) if !first.is_ascii() => digit_first() && numbered_first(),
        _ => false,
    }
}

/// Whether the line that starts `line` opens (after its spaces) with an
/// ASCII byte that neither `is_footnote_line` nor `is_numbered_paragraph`
/// reads on from: not a digit, a full stop or whitespace. Neither holds
/// for such a line, and most lines open so.
fn opens_unnumbered(line: &[u8]) -> bool {
    line.iter()
        .find(|&&b| b != b' ')
        .is_some_and(|&b| b.is_ascii() && !matches!(b, b'0'..=b'9' | b'.' | b'\t'..=b'\r'))
}

/// Poppler writes the first line of an Arabic footnote in the order it is
/// seen, its number last or inside: "القرارات … )( 1", "القرار 7 () 60/288"
/// (the number's brackets left empty beside it). A paragraph's footnote
/// marker is glued to its word ("المسألة()1").
fn is_right_to_left_footnote(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let line = &line[..memchr::memchr(b'\n', line.as_bytes()).unwrap_or(line.len())];
    let bytes = line.as_bytes();
    let empty_brackets = memchr::memchr2_iter(b'(', b')', bytes).any(|at| {
        matches!(
            (bytes[at], bytes.get(at + 1)),
            (b'(', Some(b')')) | (b')', Some(b'('))
        )
    });
    if !empty_brackets {
        return false;
    }
    let right_to_left = line
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(is_arabic);
    let pattern = RE.get_or_init(|| {
        Regex::new(r"\)\( \d{1,3} *$|(?:^|\s)\d{1,3} \(\)(?:\s|$)").expect("valid pattern")
    });
    right_to_left && pattern.is_match(line)
}

/// "186 (1964) of 4 March," or "181 (II)" on a line of its own is a
/// Security Council or session-numbered citation that a line break put
/// first, not a footnote: a footnote's text does not open with a year or
/// a session in brackets.
fn is_cited_number(line: &str) -> bool {
    let trimmed = line.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let mut after = trimmed[digits..].trim_start_matches(' ').chars();
    after.next() == Some('(')
        && after
            .next()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// "1. Decides" (or "3 - تشدد" in Arabic) is an operative paragraph, not
/// footnote 1: its number is followed by the punctuation of a paragraph's
/// number.
fn is_numbered_paragraph(line: &str) -> bool {
    // Read by bytes where they are ASCII: the trims by characters had
    // cost some 45 instructions a line, on each line a footnote or a
    // numbered paragraph may open.
    let bytes = line.as_bytes();
    let number = bytes.iter().take_while(|&&b| b == b' ').count();
    match bytes.get(number) {
        None => return false,
        Some(b'0'..=b'9') => {
            let digits = number
                + bytes[number..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
            let after = digits + bytes[digits..].iter().take_while(|&&b| b == b' ').count();
            return match bytes.get(after) {
                Some(b'.' | b')' | b'-') => true,
                Some(b) if b.is_ascii() => false,
                None => false,
                Some(_) => line[after..].starts_with('．'),
            };
        }
        // Neither a digit nor white space that trimming passes over.
        Some(&b) if b.is_ascii() && !is_space(b) => return false,
        Some(_) => {}
    }
    is_numbered_paragraph_by_chars(line)
}

/// `is_numbered_paragraph`, read a character at a time.
fn is_numbered_paragraph_by_chars(line: &str) -> bool {
    let trimmed = line.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let after = trimmed[digits..].trim_start_matches(' ');
    digits > 0 && after.starts_with(['.', ')', '．', '-'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Lang;
    use regex::RegexBuilder;

    /// The mask of noise bytes is the ranges it stands for.
    #[test]
    fn noise_bytes_are_whitespace_and_digits() {
        for b in 0..=u8::MAX {
            let noise = matches!(b, b'\t'..=b'\r' | b' ' | b'0'..=b'9');
            assert_eq!(is_ascii_noise(b), noise, "{b}");
        }
    }

    /// The specification `TitleLine` reads by: the title line of a header,
    /// as a pattern over the whole header. (It had `\d` for a digit, which
    /// matches other scripts' digits too; folding leaves none that a UN
    /// title line writes.)
    const TITLE_LINE_PATTERN: &str = r"(?m)^[ ]*(?P<num>(?:(?:ES|S)-)?[0-9]{1,3}/[0-9]{1,4})(?: ?[A-H])?[.．]?[ ]+(?P<title>\S[^\n]{2,})$";

    /// The slots of a title line, each with what may stand in it: right,
    /// wrong, or nothing. A generated line takes one of each in turn.
    const TITLE_SLOTS: &[&[&str]] = &[
        &["", " ", "  ", "x", "\n"],
        &["", "ES-", "S-", "E", "-"],
        &["", "7", "75", "1234", "é"],
        &["/", "", "//", "."],
        &["", "1", "166", "12345"],
        &["", " A", "A", "H", "I", " ", "\n"],
        &["", ".", "．", ". ", "-"],
        &["", " ", "  ", "\u{3000}", "\u{A0}", "\n"],
        &["", "T", "Ti", "Title", "A. Title", "\u{3000}ab", "é é"],
        &["", "\n", "\n78/311. Title\n"],
    ];
    fn title_line_by_pattern(head: &str) -> Option<(String, String)> {
        static RE: OnceLock<Regex> = OnceLock::new();
        let re = RE.get_or_init(|| Regex::new(TITLE_LINE_PATTERN).expect("valid pattern"));
        let caps = re.captures(head)?;
        Some((caps["num"].to_string(), caps["title"].to_string()))
    }

    #[test]
    fn title_lines_read_as_the_pattern_reads_them() {
        let read = |head: &str| {
            head.split('\n')
                .find_map(TitleLine::read)
                .map(|t| (t.number.to_string(), t.title.to_string()))
        };
        for head in [
            "United Nations\n\nA/RES/75/166\n\n75/166. Protecting children from bullying\n",
            "72/250 A. Title",
            "72/250 A",
            "72/250 Agenda",
            "72/250 A Agenda",
            "ES-10/21 Illegal actions",
            "S-28/1. Title",
            "1234/5 Title",
            "12/12345 Title",
            "75/166.Title",
            "75/166．  Title",
            "75/166  \u{3000}Title",
            "75/166 ab",
            "75/166 abc",
            "  9/9 xyz\n",
        ] {
            assert_eq!(read(head), title_line_by_pattern(head), "{head:?}");
        }
    }

    /// Adoption phrases of the six languages in several cases, their
    /// beginnings, and words around them.
    const ADOPTION_PIECES: &[&str] = &[
        "Adopted by the Security Council at its 3234th meeting, on ",
        "adopted by the General Assembly on ",
        "ADOPTED BY THE GENERAL ASSEMBLY ON ",
        "adopted on ",
        "adopted by ",
        "adopted ",
        "Adopted at the 3000th meeting ",
        "Adopted unanimously ",
        "adoptée à l'unanimité ",
        "Adoptée par le Conseil de sécurité à sa 5000e séance, le ",
        "adoptee par l'Assemblee generale le ",
        "ADOPTÉE PAR L’ASSEMBLÉE GÉNÉRALE LE ",
        "aprobada por la Asamblea General el ",
        "Aprobada por el Consejo de Seguridad en su 5000ª sesión, el ",
        "принятая Генеральной Ассамблеей ",
        "Принятая Советом Безопасности на его 5000-м заседании ",
        "ПРИНЯТАЯ ",
        "اتخذته الجمعية العامة في ",
        "اتخذته مجلس الأمن في جلسته ",
        "Résolutions adoptées par le Conseil des droits de l’homme le ",
        "Aprobada por el Consejo de Seguridad en su 3560ª sesión, celebrada el ",
        "Resoluciones aprobadas por la Asamblea General el ",
        "Резолюции, принятые Экономическим и Социальным Советом ",
        "قرار اتخذه المجلس الاقتصادي والاجتماعي في ",
        "قراران اتخذتهما الجمعية العامة في ",
        "الذي اتخذه مجلس الأمن في جلسته 3580 المعقودة في ",
        "大会决议",
        "安全理事会决议",
        "人权理事会通过的决议",
        "安全理事会第3580次会议通过",
        "第 12 次会议通过",
        "决议",
        "Resolution ",
        "10 June 1993",
        "the ",
        "\n",
        " ",
    ];

    #[test]
    fn runs_of_newlines_read_as_one_space() {
        for (text, flat) in [
            ("meeting,\n\non 6 October", "meeting, on 6 October"),
            ("a\nb\n\n\nc\n", "a b c "),
            ("\n\na", " a"),
            ("", ""),
            ("a", "a"),
        ] {
            assert_eq!(newlines_as_spaces(text), flat, "{text:?}");
        }
    }

    /// An old Security Council text is dated by its heading's lines only:
    /// its first paragraphs may say "adopted on" of other things.
    #[test]
    fn old_security_council_texts_are_dated_by_their_heading() {
        let lex = Lexicon::get(Lang::En);
        let cases: [(&str, Option<&str>); 4] = [
            (
                "54 (1948). Resolution of 15 July 1948\n[S/902]\n\nThe Security Council,\n\n\
                 Recalling the resolution adopted\n\non 29 May 1948,",
                Some("1948-07-15"),
            ),
            (
                "RESOLUTION 780 (1992)\n\nAdopted by the Security Council at its 3119th meeting,\n\n\
                 on 6 October 1992\n\nThe Security Council,",
                Some("1992-10-06"),
            ),
            // OCR damage in the heading: no date rather than a paragraph's.
            (
                "Resolution 638 (1989)\nof 3f July 1989\n\nThe Security Council,\n\n\
                 Deeply disturbed by hostage-taking,\n\nRecalling the Convention adopted on 17 December\n1979,",
                None,
            ),
            (
                "RESOLUTION 856 (1993)\n\nAdopted by the Security Council at its 3263rd meeting,\n\
                 on 10 Auqust 1993\n\nThe Security Council,\n\n\
                 Recalling its resolution 813 (1993) of 26 March 1993,",
                None,
            ),
        ];
        for (head, expected) in cases {
            assert_eq!(
                adoption_date(head, ScHeading::find(head).as_ref(), lex).as_deref(),
                expected,
                "{head}"
            );
        }
    }

    /// The adoption line of each organ's resolutions in each language, as
    /// the UN prints it, with the first citation's paragraph after it:
    /// the date is the one next to the phrase, before it in Chinese.
    #[test]
    fn adoption_dates_of_every_organ_and_language() {
        let cases: &[(Lang, &str, &str)] = &[
            (Lang::En, "Resolutions adopted by the General Assembly on 30 December 2022", "2022-12-30"),
            (Lang::En, "Adopted by the Security Council at its 3234th meeting,\non 10 June 1993", "1993-06-10"),
            (Lang::Fr, "Résolution adoptée par le Conseil des droits de l’homme le 2 octobre 2009", "2009-10-02"),
            (Lang::Fr, "Résolutions adoptées par l’Assemblée générale le 30 décembre 2022", "2022-12-30"),
            (Lang::Fr, "Adoptée par le Conseil de sécurité à sa 3560e séance, le 18 juin 1995", "1995-06-18"),
            (Lang::Es, "Aprobada por el Consejo de Seguridad en su 3560ª sesión, celebrada el 18 de junio de 1995", "1995-06-18"),
            (Lang::Es, "Resoluciones aprobadas por la Asamblea General el 30 de diciembre de 2022", "2022-12-30"),
            (Lang::Es, "Resolución aprobada por el Consejo Económico y Social el 25 de julio de 1996", "1996-07-25"),
            (Lang::Ru, "Резолюция, принятая Экономическим и Социальным Советом 6 марта 1963 года", "1963-03-06"),
            (Lang::Ru, "Резолюции, принятые Генеральной Ассамблеей 30 декабря 2022 года", "2022-12-30"),
            (Lang::Ru, "принятая Советом Безопасности на его 3560-м заседании 18 июня 1995 года", "1995-06-18"),
            (Lang::Ar, "قرار اتخذه مجلس حقوق الإنسان في 2 تشرين الأول/أكتوبر 2006", "2006-10-02"),
            (Lang::Ar, "قرار اتخذه المجلس الاقتصادي والاجتماعي في 1 شباط/فبراير 1946", "1946-02-01"),
            (Lang::Ar, "الذي اتخذه مجلس الأمن في جلسته 3580 المعقودة في 13 آب/أغسطس 1995", "1995-08-13"),
            (Lang::Ar, "قراران اتخذتهما الجمعية العامة في 30 كانون الأول/ديسمبر 2022", "2022-12-30"),
            (Lang::Zh, "2020年12月16日大会决议\n\n大会，\n\n回顾其2014年12月18日第69/166号决议，", "2020-12-16"),
            (Lang::Zh, "1946年2月1日经济及社会理事会通过的决议\n\n回顾其1945年1月1日第1号决议，", "1946-02-01"),
            (Lang::Zh, "人权理事会2006年10月2日通过的决议\n\n回顾其2006年1月1日第1/2号决议，", "2006-10-02"),
            (Lang::Zh, "1995年8月13日安全理事会第3580次会议通过\n\n回顾其1994年1月1日第900(1994)号决议，", "1995-08-13"),
        ];
        for (lang, line, expected) in cases {
            let head = format!("United Nations\n\nDistr.: General\n\n1 January 2030\n\n{line}\n");
            let got = adoption_date(&head, ScHeading::find(&head).as_ref(), Lexicon::get(*lang));
            assert_eq!(got.as_deref(), Some(*expected), "{lang:?}: {line}");
        }
    }

    /// `clause_end` tells the ASCII stops by the first four of the list.
    #[test]
    fn the_ascii_stops_come_first() {
        let (ascii, other) = CLAUSE_ENDS.split_at(4);
        assert!(ascii.iter().all(char::is_ascii));
        assert!(!other.iter().any(char::is_ascii));
    }

    /// The specification `symbol_line` reads by: a line of the header
    /// with a symbol alone, after the organisation's name or not.
    const SYMBOL_LINE_PATTERN: &str = r"(?m)^[ ]*(?:United Nations[ ]+|Nations Unies[ ]+|Naciones Unidas[ ]+)?(?P<sym>(?:A/HRC/RES|A/RES|S/RES|E/RES)/[^\n]{1,30}?)[ ]*$";

    /// Pieces of header lines for the symbol-line property: the parts of
    /// a symbol line, and what may break one.
    const SYMBOL_LINE_PIECES: &[&str] = &[
        "United Nations",
        "Nations Unies",
        "Naciones Unidas",
        "A/RES/",
        "A/HRC/RES/",
        "S/RES/",
        "E/RES/",
        "RES/",
        "78/311",
        "2231 (2015)",
        "0123456789",
        "é",
        "决议",
        " ",
        "  ",
        "\t",
        "\r",
        "\n",
        "x",
    ];

    fn symbol_line_by_pattern(head: &str) -> Option<&str> {
        static RE: OnceLock<Regex> = OnceLock::new();
        let re = RE.get_or_init(|| Regex::new(SYMBOL_LINE_PATTERN).expect("valid pattern"));
        re.captures(head)
            .and_then(|caps| caps.name("sym"))
            .map(|m| m.as_str())
    }

    /// Worked examples of the symbol line: what is read, and what is not.
    #[test]
    fn symbol_lines() {
        let cases: &[(&str, Option<&str>)] = &[
            ("United Nations\n\nA/RES/75/166\n", Some("A/RES/75/166")),
            (
                "  United Nations   S/RES/2231 (2015)  \nx",
                Some("S/RES/2231 (2015)"),
            ),
            ("Nations Unies A/RES/78/311", Some("A/RES/78/311")),
            ("A/HRC/RES/52/1", Some("A/HRC/RES/52/1")),
            ("Recalling A/RES/70/1\nE/RES/2020/1\n", Some("E/RES/2020/1")),
            ("A/RES/", None),
            ("A/RES/ \nA/RES/1", Some("A/RES/ ")),
            ("United NationsA/RES/1", None),
            ("A/RES/0123456789012345678901234567890", None),
            (
                "A/RES/012345678901234567890123456789",
                Some("A/RES/012345678901234567890123456789"),
            ),
            ("\tA/RES/1", None),
        ];
        for (head, expected) in cases {
            assert_eq!(symbol_line(head), *expected, "{head:?}");
            assert_eq!(symbol_line_by_pattern(head), *expected, "{head:?}");
        }
    }

    /// The slots of a heading line, each with what may stand in it: right,
    /// wrong, or nothing. A generated line takes one of each in turn.
    const HEADING_SLOTS: &[&[&str]] = &[
        &["", " ", "\u{a0}", "\t "],
        &[
            "Resolution",
            "RÉSOLUTION",
            "resolución",
            "РЕЗОЛЮЦИЯ",
            "القرار",
            "第",
            "of",
            "",
            "27",
        ],
        &[" ", "", "  ", "\u{a0}"],
        &["838", "2", "12345", "٣٤", "１", "", "x"],
        &[" ", "", "  "],
        &["(", "", "（"],
        &["1993", "199", "١٩٩٣", ""],
        &[")", "", " )"],
        &[
            "",
            ".",
            " resolution",
            " Resolution of 1946",
            " ",
            "x",
            "\u{a0}",
        ],
    ];

    /// The heading's lines as they were once found: the first seven lines
    /// that are not blank, the heading among the first four, and up to
    /// three after it.
    fn sc_heading_by_seven_lines(head: &str) -> Option<(usize, Vec<&str>)> {
        let lines: Vec<&str> = head
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(7)
            .collect();
        let index = lines
            .iter()
            .take(4)
            .position(|line| sc_heading_regex().is_match(line))?;
        Some((index, lines[index..lines.len().min(index + 4)].to_vec()))
    }

    /// The numbers of a heading line as the whole pattern's groups give
    /// them, with its shape by which groups took part.
    fn heading_numbers_by_groups(line: &str) -> Option<HeadingNumbers<'_>> {
        let caps = sc_heading_regex().captures(line)?;
        let group = |name: &str| caps.name(name).map(|m| m.as_str());
        let numbers = if let Some(number) = group("n") {
            HeadingNumbers {
                shape: 0,
                number,
                year: group("y"),
                end: caps.get(0).map(|m| m.end()),
            }
        } else if let Some(number) = group("n2") {
            HeadingNumbers {
                shape: 1,
                number,
                year: group("y2"),
                end: None,
            }
        } else {
            HeadingNumbers {
                shape: 2,
                number: group("n3")?,
                year: None,
                end: None,
            }
        };
        Some(numbers)
    }

    /// Worked examples of the heading's numbers: each shape, and lines
    /// that are none.
    #[test]
    fn heading_numbers() {
        /// A heading's shape, number and year.
        type Read<'a> = (usize, &'a str, Option<&'a str>);
        let cases: &[(&str, Option<Read>)] = &[
            ("RESOLUTION 838 (1993)", Some((0, "838", Some("1993")))),
            (
                "  Resolution 474(1980) of 17 June",
                Some((0, "474", Some("1980"))),
            ),
            ("第 2231 (2015) 号决议", Some((0, "2231", Some("2015")))),
            ("القرار 242 (1967)", Some((0, "242", Some("1967")))),
            (
                "2 (1946). Resolution of 30 January 1946",
                Some((1, "2", Some("1946"))),
            ),
            ("27 (1947) resolution", Some((1, "27", Some("1947")))),
            ("Resolution 290", Some((2, "290", None))),
            ("résolution  290 ", Some((2, "290", None))),
            ("Recalling resolution 242 (1967)", None),
            ("Resolution 12345 (1993)", None),
            ("2 (1946) of", None),
        ];
        for (line, expected) in cases {
            let read = HeadingNumbers::read(line);
            let got = read.as_ref().map(|n| (n.shape, n.number, n.year));
            assert_eq!(got, *expected, "{line:?}");
            assert_eq!(read, heading_numbers_by_groups(line), "{line:?}");
        }
    }

    /// Pieces of a header's lines, for the organ-line property: organs'
    /// names in several languages, words before them, and the spaces and
    /// line breaks that decide whether a name opens its line.
    const ORGAN_LINE_PIECES: &[&str] = &[
        "General Assembly",
        "the Security Council",
        "The ",
        "of ",
        "Human Rights Council",
        "Conseil de sécurité",
        "Asamblea General",
        "Генеральная Ассамблея",
        "مجلس الأمن",
        "大会",
        "Distr.: General",
        " ",
        "\u{a0}",
        "\t",
        "\r",
        "\n",
        "\n\n",
        "x",
        ",",
    ];

    /// The specification `first_organ` reads by: the first line the
    /// multi-line pattern finds opening with an organ's name.
    fn first_organ_by_pattern(head: &str, lex: &Lexicon) -> Option<Organ> {
        static PATTERNS: OnceLock<Vec<(Lang, Regex)>> = OnceLock::new();
        let patterns = PATTERNS.get_or_init(|| {
            Lang::ALL
                .iter()
                .map(|&lang| {
                    let names: Vec<String> = lang
                        .vocabulary()
                        .bodies
                        .iter()
                        .filter(|(_, b)| matches!(b, Body::Organ(_)))
                        .map(|(p, _)| format!("(?:{p})"))
                        .collect();
                    let pattern = format!(r"(?m)^[^\S\n]*(?:{})", names.join("|"));
                    let regex = match lang {
                        Lang::Ar | Lang::Zh => {
                            RegexBuilder::new(&pattern).case_insensitive(true).build()
                        }
                        _ => Regex::new(&pattern),
                    };
                    (lang, regex.expect("valid pattern"))
                })
                .collect()
        });
        let (_, organ_line) = patterns.iter().find(|(lang, _)| *lang == lex.vocab.lang)?;
        let at = organ_line.find(head)?.start();
        let line = head[at..].lines().next()?.trim_start();
        lex.bodies.iter().find_map(|(re, body)| match body {
            Body::Organ(organ) if re.is_match(line) => Some(*organ),
            _ => None,
        })
    }

    /// The specification `next_resolution` is held to: every line visited
    /// in turn, with its blankness and the count of lines with words
    /// before it.
    fn next_resolution_by_lines(text: &str, line_starts: &[usize], lex: &Lexicon) -> Option<usize> {
        let line = |index: usize| line_at(text, line_starts, index);
        let mut with_words = 0;
        let mut previous_blank = false;
        for index in 0..line_starts.len() {
            let blank = line(index)?.bytes().all(|b| b.is_ascii_whitespace());
            if with_words >= 4
                && previous_blank
                && is_heading_line(line(index)?)
                && dated_after(text, line_starts, index, lex)
            {
                return Some(line_starts[index]);
            }
            with_words += usize::from(!blank);
            previous_blank = blank;
        }
        None
    }

    /// Pieces of an old Council volume's lines for the next-resolution
    /// property: headings, their dates, blank lines, brackets with and
    /// without spaces after them.
    const VOLUME_PIECES: &[&str] = &[
        "\n",
        "\n\n",
        " \n",
        "\t\n",
        "Resolution 474 (1980)",
        "RESOLUTION 838 (1993)",
        "Resolution 474 (1980) ",
        "resolution 474 (1980), in which",
        "of 17 June 1980",
        "The Security Council,",
        "Recalling its resolution 425 (1978)",
        ")",
        ") ",
        "x",
        "2 (1946). Resolution of 30 January 1946",
        "\u{00A0}",
        "\u{2003}",
        "\u{000B}",
        "\r",
        "é",
    ];

    /// Lines of a resolution's paragraphs, each alone on its line: verbs
    /// that open paragraphs of either kind (one over two lines), numbered
    /// paragraphs (one after a tab), footnotes (one of a right-to-left
    /// line, its full stop first, and one that goes on to the next line),
    /// a page's number, blank lines and lines that go on a sentence; and
    /// two long ones, past the reach of the search for the next paragraph,
    /// and of the search for a verb when two stand together.
    fn layout_lines() -> Vec<String> {
        let long = |bytes: usize| "on and ".repeat(bytes / 7);
        let short = LAYOUT_LINES.iter().map(|line| line.to_string());
        short
            .chain([long(NEXT_PARAGRAPH_REACH + 50), long(VERB_REACH / 2 + 50)])
            .collect()
    }

    const LAYOUT_LINES: &[&str] = &[
        "Recalling its resolution 1 (1990),",
        "Recalling its resolution 2 (1991)",
        "Decides that",
        "Taking note;",
        "1. Requests a report.",
        "2) Calls upon",
        "1 See resolution 3 (1992).",
        "2 Resolutions 62/3, 63/4,",
        "12",
        "",
        "also of 4 May,",
        "Noting.",
        "The Security Council,",
        "Reaffirms",
        ". القرارات )( 1",
        "\t3. Notes",
        "  ",
    ];

    proptest::proptest! {
        /// A line that `opens_unnumbered` refuses by its first byte is
        /// neither a footnote's first line nor a numbered paragraph's,
        /// and a line it passes on may be either: it refuses no more.
        #[test]
        fn unnumbered_openings_open_no_number(
            line in "[ \t\r\u{A0}\u{3000}]{0,3}[0-9٣.a-zA-Zا(]{0,4}[ )(.\\-]{0,3}[a-zا ]{0,3}",
        ) {
            if opens_unnumbered(line.as_bytes()) {
                proptest::prop_assert!(!is_footnote_line(&line), "{:?}", line);
                proptest::prop_assert!(!is_numbered_paragraph(&line), "{:?}", line);
            }
            let either = is_footnote_line(&line) || is_numbered_paragraph(&line);
            let first = line.bytes().find(|&b| b != b' ');
            let ascii_letter = first.is_some_and(|b| b.is_ascii_alphabetic() || b == b'(');
            proptest::prop_assert!(!(either && ascii_letter), "{:?}", line);
            if either {
                proptest::prop_assert!(!opens_unnumbered(line.as_bytes()), "{:?}", line);
            }
        }

        /// The layout's lines start where a search for newlines says.
        #[test]
        fn lines_are_those_of_a_search(text in "[a \n]{0,40}") {
            let layout = Layout::new(&text);
            let lines: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            proptest::prop_assert_eq!(layout.lines, lines);
        }

        /// Lines counted by steps from any line are those a binary search
        /// counts.
        #[test]
        fn lines_before_by_steps_as_by_search(
            text in "[a \n]{0,40}", at in 0usize..44, near in 0usize..50
        ) {
            let layout = Layout::new(&text);
            proptest::prop_assert_eq!(
                layout.lines_before_near(at, near),
                layout.lines.partition_point(|&l| l < at)
            );
        }

        /// The line of an offset, stepped to from the last one asked, is
        /// the one a binary search finds.
        #[test]
        fn lines_near_as_by_search(
            text in "[a \n]{0,40}", asked in proptest::collection::vec(0usize..44, 1..6)
        ) {
            let layout = Layout::new(&text);
            for at in asked {
                proptest::prop_assert_eq!(layout.line_near(at), layout.line_of(at));
            }
        }

        /// The anchored search for the adoption marker finds what the
        /// pattern finds, in every language.
        #[test]
        fn adoption_markers_as_the_pattern_finds_them(
            pieces in proptest::collection::vec(proptest::sample::select(ADOPTION_PIECES), 0..12)
        ) {
            let head = pieces.concat();
            for lang in crate::vocab::Lang::ALL {
                let lex = Lexicon::get(lang);
                proptest::prop_assert_eq!(
                    adoption_marker(&head, lex).map(|m| m.range()),
                    lex.adopted.find(&head).map(|m| m.range()),
                    "{:?}", lang
                );
            }
        }

        /// The organ the header names first is the one the multi-line
        /// pattern finds, in every language.
        #[test]
        fn first_organs_as_the_pattern_finds_them(
            pieces in proptest::collection::vec(proptest::sample::select(ORGAN_LINE_PIECES), 0..14)
        ) {
            let head = pieces.concat();
            for lang in Lang::ALL {
                let lex = Lexicon::get(lang);
                proptest::prop_assert_eq!(
                    first_organ(&head, lex),
                    first_organ_by_pattern(&head, lex),
                    "{:?} {:?}", lang, head
                );
            }
        }

        /// The symbol line read by hand is the one the pattern finds, with
        /// the same symbol.
        #[test]
        fn symbol_lines_as_the_pattern_finds_them(
            pieces in proptest::collection::vec(proptest::sample::select(SYMBOL_LINE_PIECES), 0..16)
        ) {
            let head = pieces.concat();
            proptest::prop_assert_eq!(symbol_line(&head), symbol_line_by_pattern(&head), "{:?}", head);
        }

        /// The next resolution's heading is found where a visit of every
        /// line finds it.
        #[test]
        fn next_resolutions_as_every_line_has_them(
            pieces in proptest::collection::vec(proptest::sample::select(VOLUME_PIECES), 0..40)
        ) {
            let text = pieces.concat();
            let starts = super::super::line_starts(&text);
            let lex = Lexicon::get(Lang::En);
            proptest::prop_assert_eq!(
                next_resolution(&text, &starts, lex),
                next_resolution_by_lines(&text, &starts, lex),
                "{:?}", text
            );
        }

        /// A heading's symbol is the one its numbers, written as a symbol,
        /// parse to: with digits alone or not, of any length, any year.
        #[test]
        fn heading_symbols_as_the_parser_reads_them(
            number in "[0-9]{0,6}|[0-9]{1,4}[A-C ]{0,2}",
            year in "[0-9]{0,5}|19[0-9]{2}|2[0-9]{3}",
            adopted in proptest::option::of("19[0-9]{2}-01-01|[0-9]{0,3}"),
        ) {
            let line = format!("Resolution {number} ({year})");
            let written = |number: &str, year: &str| -> Option<Symbol> {
                format!("S/RES/{number}({year})").parse().ok()
            };
            let expected = HeadingNumbers::read(&line).and_then(|numbers| {
                let year = numbers.year.or_else(|| adopted.as_deref().and_then(|d| d.get(..4)))?;
                written(numbers.number, year)
            });
            proptest::prop_assert_eq!(sc_heading_symbol(&line, adopted.as_deref()), expected, "{:?}", line);
            let undated = format!("Resolution {number}");
            let expected = HeadingNumbers::read(&undated).and_then(|numbers| {
                written(numbers.number, adopted.as_deref().and_then(|d| d.get(..4))?)
            });
            proptest::prop_assert_eq!(sc_heading_symbol(&undated, adopted.as_deref()), expected, "{:?}", undated);
        }

        /// An ASCII line's heading shape is read by hand as the shapes'
        /// patterns read it, the first that matches, and there is one when
        /// the whole pattern matches.
        #[test]
        fn heading_shapes_as_the_patterns_read_them(
            line in "[ \t\x0B]{0,2}(Resolution|RESOLUTION|resolutioN|resolutio|of|27|838|12345)?[ ]{0,3}[0-9]{0,5}[ ]{0,2}[(]?[0-9]{0,5}[)]?[. \t\r]{0,2}(resolution|Resolution|x|of 1946)?[ \t\r]{0,2}"
        ) {
            let by_patterns = sc_heading_shape_regexes().iter().position(|shape| shape.is_match(&line));
            proptest::prop_assert_eq!(heading_shape(&line), by_patterns, "{:?}", line);
            proptest::prop_assert_eq!(by_patterns.is_some(), sc_heading_regex().is_match(&line), "{:?}", line);
        }

        /// The numbers read by hand from a heading line are the pattern's
        /// groups.
        #[test]
        fn heading_numbers_as_the_groups_give_them(
            picks in proptest::collection::vec(0..9usize, HEADING_SLOTS.len())
        ) {
            let line: String = picks
                .iter()
                .zip(HEADING_SLOTS)
                .map(|(pick, slot)| slot[pick % slot.len()])
                .collect();
            proptest::prop_assert_eq!(
                HeadingNumbers::read(&line),
                heading_numbers_by_groups(&line),
                "{:?}", line
            );
        }

        /// The heading and the lines after it are found where the first
        /// seven lines that are not blank have them.
        #[test]
        fn sc_headings_as_the_first_seven_lines_have_them(
            lines in proptest::collection::vec(
                proptest::sample::select(&["RESOLUTION 838 (1993)", "", " ", "\t", "\u{b}", "\u{a0}", "\u{a0}x", "of 10 June 1993", "x", "Resolution 290"][..]),
                0..12,
            )
        ) {
            let head = lines.join("\n");
            let found = ScHeading::find(&head).map(|h| (h.index, h.lines().to_vec()));
            proptest::prop_assert_eq!(found, sc_heading_by_seven_lines(&head), "{:?}", head);
        }

        /// Each run of newlines reads as one space, as a pattern replacing
        /// the runs has it.
        #[test]
        fn newline_runs_as_a_pattern_replaces_them(text in "[a \n\u{e9}]{0,40}") {
            let runs = Regex::new("\n+").expect("valid pattern");
            proptest::prop_assert_eq!(newlines_as_spaces(&text), runs.replace_all(&text, " "));
        }

        /// The lines found by the vector search are `split`'s.
        #[test]
        fn lines_of_as_split_gives_them(text in "[a \n\u{e9}]{0,40}") {
            proptest::prop_assert_eq!(
                lines_of(&text).collect::<Vec<_>>(),
                text.split('\n').collect::<Vec<_>>()
            );
        }

        /// The title line read by hand is the one the pattern finds, with
        /// the same number and title.
        #[test]
        fn title_lines_as_the_pattern_finds_them(
            picks in proptest::collection::vec(0..8usize, TITLE_SLOTS.len() * 2)
        ) {
            // Two lines, each a choice for every slot.
            let head: String = picks
                .iter()
                .enumerate()
                .map(|(i, pick)| {
                    let slot = TITLE_SLOTS[i % TITLE_SLOTS.len()];
                    slot[pick % slot.len()]
                })
                .collect();
            let read = head
                .split('\n')
                .find_map(TitleLine::read)
                .map(|t| (t.number.to_string(), t.title.to_string()));
            proptest::prop_assert_eq!(read, title_line_by_pattern(&head), "{:?}", head);
        }

        /// A layout asked about citation after citation, in any order,
        /// answers as a fresh layout does for each: what the last search
        /// found is used only where the next search would find it too.
        #[test]
        fn paragraphs_asked_in_turn_are_those_of_a_fresh_layout(
            lines in proptest::collection::vec(proptest::sample::select(layout_lines()), 0..14),
            asked in proptest::collection::vec((0.0f64..1.0, 0usize..40), 1..12),
            sorted in proptest::bool::ANY,
        ) {
            let lex = Lexicon::get(Lang::En);
            let text = lines.join("\n");
            let mut spans: Vec<(usize, usize)> = asked
                .iter()
                .map(|&(at, len)| {
                    let start = (at * text.len() as f64) as usize;
                    (start, (start + len).min(text.len()))
                })
                .collect();
            if sorted {
                spans.sort_unstable();
            }
            let read = |layout: &Layout, (start, end): (usize, usize)| {
                let p = layout.paragraph_at(&text, start, end, lex);
                (p.section, p.verb.map(|(from, to)| &text[from..to]), p.start, p.end)
            };
            let layout = Layout::new(&text);
            for span in spans {
                proptest::prop_assert_eq!(
                    read(&layout, span),
                    read(&Layout::new(&text), span),
                    "{:?} in {:?}", span, text
                );
            }
        }

        /// A line's facts, packed in a word, read back as a struct of
        /// options keeps them, whichever are known and in whatever order
        /// they were found (a verb too far into its line to pack is not
        /// kept).
        #[test]
        fn line_facts_read_back_as_kept(
            found in proptest::collection::vec(
                (0usize..5, proptest::bool::ANY, 0usize..4, 0usize..600, 0usize..600),
                0..10,
            ),
        ) {
            const SECTIONS: [Section; 4] =
                [Section::Preamble, Section::Operative, Section::Footnote, Section::Other];
            const FLAGS: [Flag; 3] = [Flag::ParagraphStart, Flag::Numbered, Flag::Footnote];
            let mut facts = LineFacts::default();
            let mut flags: [Option<bool>; 3] = [None; 3];
            let mut kind: Option<Option<Section>> = None;
            let mut opening: Option<Option<LineOpening>> = None;
            for (fact, some, section, offset, len) in found {
                let section = SECTIONS[section];
                match fact {
                    0..=2 => {
                        facts = facts.with_flag(FLAGS[fact], some);
                        flags[fact] = Some(some);
                    }
                    3 => {
                        facts = facts.with_kind(some.then_some(section));
                        kind = Some(some.then_some(section));
                    }
                    _ => {
                        let verb = some.then_some((section, offset, len));
                        match facts.with_opening(verb) {
                            Some(kept) => {
                                facts = kept;
                                opening = Some(verb);
                            }
                            None => proptest::prop_assert!(offset > SPAN_MAX || len > SPAN_MAX),
                        }
                    }
                }
                for (flag, known) in FLAGS.into_iter().zip(flags) {
                    proptest::prop_assert_eq!(facts.flag(flag), known);
                }
                proptest::prop_assert_eq!(facts.kind(), kind);
                proptest::prop_assert_eq!(facts.opening(), opening);
            }
        }

        /// The lines found by the vector search are those `str::lines`
        /// gives, carriage returns and all.
        #[test]
        fn lines_are_str_lines(text in "[a \r\n]{0,16}") {
            proptest::prop_assert_eq!(
                str_lines(&text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>()
            );
        }

        /// A line is blank by its first byte where it is told so, as by
        /// trimming it.
        #[test]
        fn blank_lines_as_trimming_finds_them(line in "[ \t\u{b}\u{c}\r\u{a0}\u{2003}x.1é]{0,6}") {
            proptest::prop_assert_eq!(is_blank(&line), line.trim().is_empty(), "{:?}", line);
        }

        /// A numbered paragraph's opening read by bytes is the one read
        /// by characters: digits after spaces of any kind, spaces, and the
        /// punctuation of a number, of either width.
        #[test]
        fn numbered_paragraphs_as_the_characters_tell(
            line in "[ \t\n\u{a0}\u{3000}]{0,2}[0-9٣]{0,3}[ ]{0,2}[-.)．,x،é]{0,2}[ a]{0,2}"
        ) {
            proptest::prop_assert_eq!(
                is_numbered_paragraph(&line),
                is_numbered_paragraph_by_chars(&line),
                "{:?}", line
            );
        }

        /// A line's clause end, and whether a paragraph may follow it, are
        /// those its characters tell, whatever script stands at its ends:
        /// stops of every script, digits, spaces of every kind, Arabic.
        #[test]
        fn clause_ends_as_the_characters_tell(
            line in "[ \t\u{b}\r\u{a0}\u{2003}x1.,;:،؛。、القرار]{0,7}"
        ) {
            proptest::prop_assert_eq!(clause_end(&line), clause_end_by_chars(&line), "{:?}", line);
            let page_number = |c: char| c.is_whitespace() || c.is_ascii_digit();
            let by_chars =
                line.trim_matches(page_number).is_empty() || clause_end_by_chars(&line).is_some();
            proptest::prop_assert_eq!(follows_paragraph_end(Some(&line)), by_chars, "{:?}", line);
        }

        /// The footnote a line belongs to, asked line after line and back
        /// to any line, is the one a fresh layout finds.
        #[test]
        fn footnotes_asked_in_turn_are_those_of_a_fresh_layout(
            lines in proptest::collection::vec(proptest::sample::select(layout_lines()), 1..14),
            asked in proptest::collection::vec((0usize..14, 0usize..14), 1..12),
        ) {
            let text = lines.join("\n");
            let layout = Layout::new(&text);
            let count = layout.line_starts().len();
            for (line, since) in asked {
                let (line, since) = (line % count, since % count);
                proptest::prop_assert_eq!(
                    layout.footnote_of(&text, line, since),
                    Layout::new(&text).footnote_of(&text, line, since),
                    "line {} back to {} of {:?}", line, since, text
                );
            }
        }

        /// A line starts a paragraph where it opens one with a verb or a
        /// number, or opens a footnote: the quick refusal of a line that
        /// goes on a sentence refuses no other.
        #[test]
        fn paragraph_starts_are_openings_numbers_and_footnotes(
            lines in proptest::collection::vec(proptest::sample::select(layout_lines()), 0..14),
        ) {
            let lex = Lexicon::get(Lang::En);
            let text = lines.join("\n");
            let layout = Layout::new(&text);
            for index in 0..layout.line_starts().len() {
                let fresh = Layout::new(&text);
                let expected = fresh.opening(&text, index, lex).is_some()
                    || fresh.is_footnote(&text, index)
                    || fresh.is_numbered(&text, index);
                proptest::prop_assert_eq!(
                    layout.starts_paragraph(&text, index, lex),
                    expected,
                    "line {} of {:?}", index, text
                );
            }
        }

        /// A paragraph's last line is the one a look at each line after
        /// its first, asking whether it starts a paragraph and whether it
        /// is blank, finds.
        #[test]
        fn last_lines_as_each_line_tells(
            lines in proptest::collection::vec(
                proptest::sample::select(
                    layout_lines()
                        .into_iter()
                        .chain(
                            ["\tx", " \t", "\u{a0}", "é,", "  Recalls", "\u{3000}", "\rx", "\u{b}x", "\u{c}"]
                                .map(String::from),
                        )
                        .collect::<Vec<_>>(),
                ),
                1..12,
            ),
        ) {
            let lex = Lexicon::get(Lang::En);
            let text = lines.join("\n");
            let layout = Layout::new(&text);
            let fresh = Layout::new(&text);
            for index in 0..layout.line_starts().len() {
                let reach = fresh.lines[index].saturating_add(PARAGRAPH_REACH);
                let mut last = Some(index);
                for next in index + 1..fresh.lines.len() {
                    if fresh.lines[next] > reach {
                        last = None;
                        break;
                    }
                    if fresh.starts_paragraph(&text, next, lex) {
                        break;
                    }
                    let end = last.unwrap_or(index);
                    if !is_blank(fresh.line_text(&text, next)) {
                        last = Some(next);
                    } else if clause_end(fresh.line_text(&text, end)).is_some() {
                        break;
                    }
                }
                proptest::prop_assert_eq!(layout.last_line(&text, index, lex), last, "line {} of {:?}", index, text);
            }
        }

        /// A line that opens nothing by its first byte opens no paragraph
        /// with a verb, nor a numbered one, nor one of unlisted words, in
        /// any language.
        #[test]
        fn lines_that_open_nothing_open_no_paragraph(
            lines in proptest::collection::vec(
                proptest::sample::select(
                    layout_lines()
                        .into_iter()
                        .chain(
                            ["constitue", "призывает", "决定", "\u{a0}Notes", "  .", "(a) Decides"]
                                .map(String::from),
                        )
                        .collect::<Vec<_>>(),
                ),
                0..10,
            ),
            lang in proptest::sample::select(Lang::ALL.to_vec()),
        ) {
            let lex = Lexicon::get(lang);
            let text = lines.join("\n");
            let layout = Layout::new(&text);
            for index in 0..layout.line_starts().len() {
                if layout.opens_nothing(&text, index, lex) {
                    let fresh = Layout::new(&text);
                    proptest::prop_assert!(fresh.opening(&text, index, lex).is_none());
                    proptest::prop_assert!(!fresh.is_numbered(&text, index));
                    proptest::prop_assert!(!fresh.opens_unlisted(&text, index));
                }
            }
        }

        /// Each line of a footnote, and only those, is in the footnote's
        /// section, at every offset: a footnote starts with its number
        /// after the end of a paragraph, and ends at a full stop, a blank
        /// line or a numbered paragraph.
        #[test]
        fn footnote_sections_by_their_lines(text in "[ 1a.,\n]{0,40}") {
            let lex = Lexicon::get(Lang::En);
            let layout = Layout::new(&text);
            let lines: Vec<&str> = text.split('\n').collect();
            for at in 0..=text.len() {
                let line = text[..at].matches('\n').count();
                let mut expected = false;
                for index in (0..=line).rev() {
                    let previous = index.checked_sub(1).map(|i| lines[i]);
                    let after_end = previous.is_none_or(|p| {
                        let p = p.trim_end_matches([' ', '1']);
                        p.is_empty() || p.ends_with([',', '.'])
                    });
                    if is_footnote_line(lines[index]) && after_end {
                        expected = true;
                        break;
                    }
                    // A numbered paragraph ("1.") starts after a footnote.
                    if is_numbered_paragraph(lines[index]) && after_end {
                        break;
                    }
                    if previous.is_none_or(|p| p.trim().is_empty() || p.trim_end_matches([' ', '1']).ends_with('.')) {
                        break;
                    }
                }
                let footnote = layout.section_at(&text, at, lex) == Section::Footnote;
                proptest::prop_assert_eq!(footnote, expected, "at {}", at);
            }
        }

        /// A footnote's opening read by hand is the pattern's, with digits
        /// of any script, spaces of any kind, brackets and breaks.
        #[test]
        fn footnote_openings_as_the_pattern_reads_them(
            line in "[ 1٣()\u{a0}\u{2003}\t\nxé]{0,9}"
        ) {
            proptest::prop_assert_eq!(
                opens_like_footnote(&line),
                footnote_line_regex().is_match(&line),
                "{:?}", line
            );
        }

        /// The quick refusal agrees with the pattern.
        #[test]
        fn footnote_lines_as_the_pattern_says(text in "[ 1٣a.()\nxIV]{0,12}") {
            let line_start = text.rfind('\n').map_or(0, |i| i + 1);
            let line = &text[line_start..];
            let cited = regex::Regex::new(r"^ *[0-9]* *\([0-9IVXLC]").is_ok_and(|re| re.is_match(line));
            let expected = (footnote_line_regex().is_match(line) && !is_numbered_paragraph(line) && !cited)
                || is_right_to_left_footnote(line);
            proptest::prop_assert_eq!(is_footnote_line(line), expected);
        }
    }

    /// The section and verb of the paragraph at `needle` in `text`.
    fn paragraph_of(text: &str, needle: &str, lang: Lang) -> (Section, Option<String>) {
        let lex = Lexicon::get(lang);
        let layout = Layout::new(text);
        let at = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the text"));
        let paragraph = layout.paragraph_at(text, at, at + needle.len(), lex);
        (
            paragraph.section,
            paragraph.verb.map(|(from, to)| text[from..to].to_string()),
        )
    }

    #[test]
    fn a_verb_is_a_whole_word() {
        // "Reafirma" opens operative paragraphs, "Reafirmando" preambular ones.
        let text = "La Asamblea General,\n\nRecordando su resolución 70/1,\n\n\
                    Reafirmando su resolución 71/2,\n\nReafirma su resolución 72/3;\n";
        assert_eq!(
            paragraph_of(text, "71/2", Lang::Es),
            (Section::Preamble, Some("Reafirmando".into()))
        );
        assert_eq!(
            paragraph_of(text, "72/3", Lang::Es),
            (Section::Operative, Some("Reafirma".into()))
        );
    }

    /// A paragraph that opens with words of neither list has no verb: not
    /// the last listed one's. A line that wraps a sentence, or opens a
    /// PDF page, opens none.
    #[test]
    fn a_paragraph_of_unlisted_words_has_no_verb() {
        let text = "The General Assembly,\n\nRecalling its resolution 70/1,\n\n\
                    Noting with appreciation the report of the Secretary-General,\n\n\
                    Welcoming the efforts,\n\n\
                    The Assembly, in that context, resolution 71/1 is important,\n\n\
                    1. Decides to act;\n\n\
                    Having in view resolution 72/1, requests;\n";
        assert_eq!(
            paragraph_of(text, "71/1", Lang::En),
            (Section::Preamble, None)
        );
        assert_eq!(
            paragraph_of(text, "72/1", Lang::En),
            (Section::Operative, None)
        );
        let text = "La Asamblea General,\n\nRecordando su resolución 70/1,\n\n\
                    Acoge con beneplácito el informe;\n\n\
                    Señala a la atención su resolución 60/251;\n";
        assert_eq!(
            paragraph_of(text, "60/251", Lang::Es),
            (Section::Operative, None)
        );
        // PDF text: a line wrapped after a comma, a page's first line after
        // a blank one, and a paragraph's own lines keep its verb.
        let text = "The General Assembly,\nRecalling its resolution 70/1 of 25 September 2015,\n\
                    United Nations Member States and resolution 71/1,\n\n\u{c}Member States \
                    and resolution 72/1,\nWelcoming the efforts,\n";
        for needle in ["71/1", "72/1"] {
            assert_eq!(
                paragraph_of(text, needle, Lang::En),
                (Section::Preamble, Some("Recalling".into())),
                "{needle}"
            );
        }
        // Nor after a blank line inside a sentence, nor as an item of a
        // list a colon opens.
        let text = "Recalling its resolution 70/1 of\n\nSeptember 2015 and 71/1,\n";
        assert_eq!(
            paragraph_of(text, "71/1", Lang::En).1,
            Some("Recalling".into())
        );
        let text = "3. Requests the Special Committee, in particular:\n\n\
                    To formulate proposals;\n\n\
                    To examine the implementation of resolution 1514 (XV);\n";
        assert_eq!(
            paragraph_of(text, "1514", Lang::En),
            (Section::Operative, Some("Requests".into()))
        );
    }

    #[test]
    fn the_first_paragraph_follows_an_address_without_its_comma() {
        // PDF text of 78/252: the address lost its comma, and the first
        // paragraph runs over lines that end without one.
        let text = "Генеральная Ассамблея\nподтверждая свои резолюции 41/213 от 19 декабря\n\
                    1986 года и 42/211 от 21 декабря 1987 года,\n";
        assert_eq!(
            paragraph_of(text, "42/211", Lang::Ru),
            (Section::Preamble, Some("подтверждая".into()))
        );
        let text = "The General Assembly\nEndorses the declaration in resolution 78/1;\n";
        assert_eq!(
            paragraph_of(text, "78/1", Lang::En),
            (Section::Operative, Some("Endorses".into()))
        );
        // A line that only starts like an address does not end a heading.
        let text = "The General Assembly of the\nRecalling resolution 70/1,\n";
        assert_ne!(
            paragraph_of(text, "70/1", Lang::En).1,
            Some("Recalling".into())
        );
    }

    #[test]
    fn the_longer_verb_tells_the_kind() {
        // "вновь" opens operative paragraphs, "вновь подтверждая" preambular ones.
        let text = "Генеральная Ассамблея,\n\nссылаясь на свою резолюцию 70/1,\n\n\
                    вновь подтверждая свою резолюцию 71/2,\n\nвновь подтверждает резолюцию 72/3;\n";
        assert_eq!(
            paragraph_of(text, "71/2", Lang::Ru),
            (Section::Preamble, Some("вновь подтверждая".into()))
        );
        assert_eq!(
            paragraph_of(text, "72/3", Lang::Ru),
            (Section::Operative, Some("вновь подтверждает".into()))
        );
    }

    #[test]
    fn a_paragraph_is_of_the_kind_its_punctuation_says() {
        // "鼓励" opens paragraphs of both kinds: a preambular one ends with a
        // comma, an operative one with a semicolon.
        let text = "大会，\n\n回顾其第70/1号决议，\n\n鼓励会员国执行第71/2号决议，\n\n\
                    重申其第72/3号决议；\n\n鼓励会员国执行第73/4号决议；\n";
        assert_eq!(
            paragraph_of(text, "71/2", Lang::Zh),
            (Section::Preamble, Some("鼓励".into()))
        );
        assert_eq!(
            paragraph_of(text, "72/3", Lang::Zh),
            (Section::Operative, Some("重申".into()))
        );
        assert_eq!(
            paragraph_of(text, "73/4", Lang::Zh),
            (Section::Operative, Some("鼓励".into()))
        );
    }

    #[test]
    fn each_part_of_a_resolution_has_its_preamble() {
        let text = "A\n\nThe General Assembly,\n\nRecalling its resolution 70/1,\n\n\
                    Decides to act on resolution 71/2;\n\nB\n\nThe General Assembly,\n\n\
                    Recalling its resolution 72/3,\n\nRequests a report on resolution 73/4.\n";
        assert_eq!(
            paragraph_of(text, "72/3", Lang::En),
            (Section::Preamble, Some("Recalling".into()))
        );
        assert_eq!(
            paragraph_of(text, "73/4", Lang::En),
            (Section::Operative, Some("Requests".into()))
        );
    }

    #[test]
    fn a_numbered_paragraph_is_operative_whatever_its_verb() {
        // Security Council texts: lines broken by hand, blank lines between
        // paragraphs; a typo's full stop does not make a preamble operative
        // where a number does.
        let text = "The Security Council,\n\nDeeply shocked by the events,\n\n\
                    1. Reconfirms its resolutions 508 (1982), 509 (1982),\n\
                    512 (1982) and 516 (1982),\n\n2. Decides to remain seized of the matter.\n";
        assert_eq!(
            paragraph_of(text, "512 (1982)", Lang::En),
            (Section::Operative, None)
        );
        assert_eq!(
            paragraph_of(text, "509 (1982)", Lang::En),
            (Section::Operative, None)
        );
    }

    /// Text from a PDF: every paragraph broken into lines, no blank line
    /// between paragraphs, footnotes after the paragraph that calls them.
    const PDF_TEXT: &str = "United Nations A/RES/78/25\nThe General Assembly,\n\
        Recalling its resolutions 50/70 M of 12 December 1995, 51/45 E of 10 December\n\
        1996, 52/38 E of 9 December 1997 and 53/77 J of 4 December 1998, 54/54 S of\n\
        1 December 1999 and 55/33 K of 20 November 2000,\n\
        Emphasizing the importance of the reports submitted under resolutions 60/1 and\n\
        Noting that this word opens a line inside a sentence, as in resolution 61/2,1\n\
        1 Resolutions 62/3, 63/4,\n\
        64/5 and 65/6.\n\
        Alarmed by the effects described in resolution 66/7,\n\
        Decides to remain seized of the matter, as in resolution 67/8.\n";

    #[test]
    fn pdf_paragraphs_start_at_their_verbs() {
        let verb = |needle| paragraph_of(PDF_TEXT, needle, Lang::En);
        // A line inside a sentence that opens with a verb, or with a day
        // of the month, opens neither a paragraph nor a footnote.
        assert_eq!(
            verb("55/33 K"),
            (Section::Preamble, Some("Recalling".into()))
        );
        assert_eq!(
            verb("61/2"),
            (Section::Preamble, Some("Emphasizing".into()))
        );
        // A footnote over two lines.
        assert_eq!(verb("62/3").0, Section::Footnote);
        assert_eq!(verb("65/6").0, Section::Footnote);
        // After the footnote's full stop, the paragraph goes on.
        assert_eq!(verb("66/7"), (Section::Preamble, Some("Alarmed".into())));
        assert_eq!(verb("67/8"), (Section::Operative, Some("Decides".into())));
    }

    #[test]
    fn pdf_paragraphs_bound_their_evidence() {
        let lex = Lexicon::get(Lang::En);
        let layout = Layout::new(PDF_TEXT);
        let bounds = |needle: &str| {
            let at = PDF_TEXT.find(needle).unwrap_or(0);
            let paragraph = layout.paragraph_at(PDF_TEXT, at, at + needle.len(), lex);
            (&PDF_TEXT[paragraph.start..at], &PDF_TEXT[at..paragraph.end])
        };
        let (before, after) = bounds("53/77 J");
        assert!(
            before.starts_with("Recalling its resolutions 50/70 M"),
            "{before:?}"
        );
        assert!(after.ends_with("20 November 2000,\n"), "{after:?}");
        let (before, after) = bounds("63/4");
        assert_eq!(
            (before, after),
            ("1 Resolutions 62/3, ", "63/4,\n64/5 and 65/6.\n")
        );
    }

    /// Whether a line starts a paragraph, a numbered paragraph or a
    /// footnote is remembered, and the answers remembered are the ones a
    /// fresh layout gives, whatever order the lines are asked in.
    #[test]
    fn remembered_line_answers_are_those_of_a_fresh_layout() {
        let lex = Lexicon::get(Lang::En);
        let text = format!(
            "{PDF_TEXT}1. Requests a report, as in resolution 68/9;\n\
             2. Decides to remain seized of the matter.\n"
        );
        let text = text.as_str();
        let answers = |layout: &Layout, index: usize| {
            (
                layout.starts_paragraph(text, index, lex),
                layout.is_numbered(text, index),
                layout.is_footnote(text, index),
            )
        };
        let layout = Layout::new(text);
        let lines = layout.line_starts().len();
        let fresh: Vec<_> = (0..lines)
            .map(|index| answers(&Layout::new(text), index))
            .collect();
        for column in 0..3 {
            let values: Vec<bool> = fresh.iter().map(|a| [a.0, a.1, a.2][column]).collect();
            assert!(
                values.contains(&true) && values.contains(&false),
                "{column}"
            );
        }
        for index in (0..lines).rev().chain(0..lines) {
            assert_eq!(answers(&layout, index), fresh[index], "line {index}");
        }
    }

    /// A citation far after the last one asked about looks for its verb
    /// no further back than its own reach, however far back the last
    /// search looked.
    #[test]
    fn a_verb_is_looked_for_within_reach_of_each_citation() {
        let lex = Lexicon::get(Lang::En);
        let filler = "on and ".repeat(VERB_REACH / 7 + 10);
        let text =
            format!("Recalling resolution 1 (1990),\nDecides that\n{filler}\nresolution 2 (1991)");
        let near = text.find("1 (1990)").expect("in the text");
        let far = text.find("2 (1991)").expect("in the text");
        let layout = Layout::new(&text);
        let near_verb = layout.paragraph_at(&text, near, near + 8, lex).verb;
        assert_eq!(
            near_verb.map(|(from, to)| &text[from..to]),
            Some("Recalling")
        );
        let far_paragraph = layout.paragraph_at(&text, far, far + 8, lex);
        assert_eq!(far_paragraph.verb, None);
        assert_eq!(far_paragraph.start, 0);
    }

    #[test]
    fn numbered_paragraphs_are_not_footnotes() {
        for line in [
            "1. Decides",
            "12) Requests",
            "3 - تشدد على",
            "4 -تؤيد",
            "5．决定",
        ] {
            assert!(!is_footnote_line(line), "{line:?}");
        }
        for line in [
            "1 Resolution 217 A (III).",
            "15 () A/HRC/45/21.",
            "2 See A/74/548.",
        ] {
            assert!(is_footnote_line(line), "{line:?}");
        }
        let text = "الجمعية العامة،\n\nإذ تشير إلى قرارها 70/1،\n\n3 - تشدد على قرارها 71/2؛\n";
        assert_eq!(
            paragraph_of(text, "71/2", Lang::Ar),
            (Section::Operative, Some("تشدد".into()))
        );
    }

    #[test]
    fn arabic_footnotes_from_a_pdf() {
        for line in [
            ".القرار 7 () 60/288",
            "القرارات  ،56/183و  ،57/238و )( 1",
            ".القرار  ،69/15المرفق )( 1",
        ] {
            assert!(is_footnote_line(line), "{line:?}");
        }
        for line in [
            "،بشأن هذه المسألة()1",
            "إذ تشير إلى قرارها 70/1",
            ".the end () 12 of it",
        ] {
            assert!(!is_footnote_line(line), "{line:?}");
        }
    }

    /// Poppler writes an Arabic line in the order it is seen: the comma
    /// that ends a paragraph comes first on its line.
    #[test]
    fn a_right_to_left_line_may_end_at_its_start() {
        // As the layout gets it: normalized, the bidi marks made spaces.
        let pdf = "\u{202B}،إن الجمعية العامة\u{202C}\nإذ تشير إلى قرارها 70/1\n،المؤرخ\nتقرر أن تبقي 71/2\n";
        let text = &crate::normalize::Normalized::new(pdf).text;
        assert!(follows_paragraph_end(text.lines().next()));
        assert_eq!(
            paragraph_of(text, "70/1", Lang::Ar).1,
            Some("إذ تشير".into())
        );
        assert_eq!(paragraph_of(text, "71/2", Lang::Ar).1, Some("تقرر".into()));
        assert!(!follows_paragraph_end(Some(",as in")));
        assert!(follows_paragraph_end(Some("in 2015,12")));
        assert!(follows_paragraph_end(Some(" 17 ")));
    }
}
