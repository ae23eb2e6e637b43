//! What a resolution says about itself in its header, and where its
//! preamble, operative part and footnotes lie.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use super::lexicon::Lexicon;
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

fn title_line_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)^[ ]*(?P<num>(?:(?:ES|S)-)?\d{1,3}/\d{1,4})(?: ?[A-H])?[.．]?[ ]+(?P<title>\S[^\n]{2,})$")
            .expect("valid pattern")
    })
}

fn symbol_line_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)^[ ]*(?:United Nations[ ]+|Nations Unies[ ]+|Naciones Unidas[ ]+)?(?P<sym>(?:A/HRC/RES|A/RES|S/RES|E/RES)/[^\n]{1,30}?)[ ]*$")
            .expect("valid pattern")
    })
}

fn sc_heading_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^\s*(?:(?:resolution|résolution|resolución|резолюция|القرار|第)[ ]*(?P<n>\d{1,4}) ?\((?P<y>\d{4})\)|(?P<n2>\d{1,4}) \((?P<y2>\d{4})\)(?:\.|\s+resolution)|(?:resolution|résolution|resolución|резолюция)[ ]+(?P<n3>\d{1,4})\s*$)")
            .expect("valid pattern")
    })
}

/// Reads the header of a normalised text.
pub fn read_header(text: &str, lex: &Lexicon) -> DocumentHeader {
    let end = floor(text, text.len().min(HEADER_BYTES));
    let head = &text[..end];
    let organ = first_organ(head, lex);
    let mut header = DocumentHeader {
        organ,
        adopted: adoption_date(head, lex),
        ..DocumentHeader::default()
    };
    // A Security Council heading on the first lines settles it; the GA
    // title line ("78/311. Title") is not looked for, since an SC text may
    // quote GA numbers at the start of a line.
    header.symbol = sc_heading(head, header.adopted.as_deref());
    if header.symbol.is_some() {
        return header;
    }
    if let Some(caps) = symbol_line_regex().captures(head) {
        header.symbol = caps.name("sym").and_then(|m| m.as_str().parse().ok());
    }
    if let Some(caps) = title_line_regex().captures(head) {
        let number = caps.name("num").map_or("", |m| m.as_str());
        let prefix = match organ {
            Some(Organ::HumanRightsCouncil) => "A/HRC/RES/",
            _ => "A/RES/",
        };
        let from_title: Option<Symbol> = format!("{prefix}{number}").parse().ok();
        if header.symbol.is_none() || header.symbol == from_title {
            header.symbol = header.symbol.or(from_title);
            header.title = caps.name("title").map(|t| t.as_str().trim().to_string());
        }
    }
    header
}

/// "RESOLUTION 838 (1993)" or "2 (1946). Resolution of 30 January 1946"
/// as the first line of a Security Council text. Only the first line
/// counts: a later "resolution 27 (1947)" is a citation.
fn sc_heading(head: &str, adopted: Option<&str>) -> Option<Symbol> {
    let mut lines = head.lines().filter(|l| !l.trim().is_empty()).take(3);
    let caps = lines.find_map(|line| sc_heading_regex().captures(line))?;
    if let Some(n) = caps.name("n3") {
        // "Resolution 290" dated "of 8 December 1970": the year is the date's.
        let year = adopted.and_then(|d| d.get(..4))?;
        return format!("S/RES/{}({year})", n.as_str()).parse().ok();
    }
    let n = caps.name("n").or_else(|| caps.name("n2"))?.as_str();
    let y = caps.name("y").or_else(|| caps.name("y2"))?.as_str();
    format!("S/RES/{n}({y})").parse().ok()
}

/// The first organ the header names ("General Assembly", "The Security
/// Council,").
fn first_organ(head: &str, lex: &Lexicon) -> Option<Organ> {
    let window = &head[..floor(head, head.len().min(1500))];
    // The first line that opens with an organ's name; then which name.
    let at = lex.organ_line.find(window)?.start();
    let line_start = window[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = window[line_start..].lines().next()?.trim_start();
    lex.bodies.iter().find_map(|(re, body)| match body {
        Body::Organ(organ) if re.is_match(line) => Some(*organ),
        _ => None,
    })
}

/// "Resolution 500 (1982) of 28 January 1982", "2 (1946). Resolution of 30
/// January 1946": a Security Council heading dated on its first lines.
fn dated_heading(original_head: &str, lex: &Lexicon) -> Option<String> {
    let lines: Vec<&str> = original_head
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(4)
        .collect();
    let at = lines
        .iter()
        .position(|line| sc_heading_regex().is_match(line))?;
    // Only the heading line and the one after it: a date further down is
    // some other event's ("of 3 Apri] 1991" must not become 2 August 1990).
    let dated = lines[at..lines.len().min(at + 2)].join(" ");
    let found = lex.date.regex.find(&dated)?;
    lex.date.iso_of(found.as_str())
}

/// The date that follows "adopted by … on" (or precedes "大会决议").
fn adoption_date(head: &str, lex: &Lexicon) -> Option<String> {
    // Headers break lines anywhere ("at its 3234th meeting,\non 10 June 1993").
    let flat = head.replace('\n', " ");
    let original_head = head;
    let head = flat.as_str();
    let Some(marker) = adoption_marker(head, lex) else {
        return dated_heading(original_head, lex);
    };
    let after = &head[marker.end()..floor(head, (marker.end() + 200).min(head.len()))];
    if let Some(found) = lex.date.regex.find(after) {
        return lex.date.iso_of(found.as_str());
    }
    let before = &head[floor(head, marker.start().saturating_sub(40))..marker.start()];
    let found = lex.date.regex.find_iter(before).last()?;
    lex.date.iso_of(found.as_str())
}

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

/// Where the preamble and the operative part begin.
pub struct Layout {
    preamble_start: Option<usize>,
    operative_start: Option<usize>,
    /// Offsets just past each blank line ("\n\n") and each newline, found
    /// on first use.
    breaks: std::cell::OnceCell<Breaks>,
    /// The verb each line opens with, by line number and then preamble (0)
    /// or operative (1) verbs, as far as looked for: the citations of one
    /// paragraph look at the same lines.
    openings: std::cell::RefCell<Vec<[Option<Option<Span>>; 2]>>,
}

/// A byte range of the text: (start, end).
type Span = (usize, usize);

struct Breaks {
    paragraphs: Vec<usize>,
    lines: Vec<usize>,
}

impl Breaks {
    /// The line starts of `text`, and the offsets just past each blank line
    /// as a search for "\n\n" finds them (without overlaps: "\n\n\n" is
    /// one), in one pass over its newlines.
    fn of(text: &str) -> Breaks {
        let bytes = text.as_bytes();
        let mut lines = vec![0];
        let mut paragraphs = Vec::new();
        for at in memchr::memchr_iter(b'\n', bytes) {
            lines.push(at + 1);
            let blank = bytes.get(at + 1) == Some(&b'\n');
            if blank && paragraphs.last().is_none_or(|&end| end <= at) {
                paragraphs.push(at + 2);
            }
        }
        Breaks { paragraphs, lines }
    }
}

fn footnote_line_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[ ]*\d{1,3}[ ]*(?:\(\)[ ]*)?[ ]\S").expect("valid pattern"))
}

impl Layout {
    pub fn new(text: &str, lex: &Lexicon) -> Layout {
        let preamble_start = lex.preamble_line.find_iter(text, 0).next();
        let operative_start = preamble_start.and_then(|from| {
            lex.operative_line
                .find_iter(text, from)
                .find(|&at| !is_footnote_line(&text[at..]))
        });
        Layout {
            preamble_start,
            operative_start,
            breaks: std::cell::OnceCell::new(),
            openings: std::cell::RefCell::default(),
        }
    }

    /// The section of the text at `at`.
    pub fn section_at(&self, text: &str, at: usize) -> Section {
        let lines = &self.breaks.get_or_init(|| Breaks::of(text)).lines;
        let line_start = lines
            .partition_point(|&l| l <= at)
            .checked_sub(1)
            .map_or(0, |i| lines[i]);
        if is_footnote_line(&text[line_start..]) {
            return Section::Footnote;
        }
        match (self.preamble_start, self.operative_start) {
            (_, Some(op)) if at >= op => Section::Operative,
            (Some(pre), _) if at >= pre => Section::Preamble,
            _ => Section::Other,
        }
    }

    /// The verb that opens the paragraph (or, in PDF text, the nearest
    /// line) before `at`: "Recalling", "Reaffirming", "回顾". Looks no
    /// further back than about 3000 bytes, from the start of a line.
    pub fn verb_at(&self, text: &str, at: usize, lex: &Lexicon) -> Option<String> {
        let until = floor(text, at + 1).min(text.len());
        let from = line_start_after(text, at.saturating_sub(3000));
        let breaks = self.breaks.get_or_init(|| Breaks::of(text));
        let paragraph = breaks
            .paragraphs
            .partition_point(|&p| p <= until)
            .checked_sub(1)
            .map(|i| breaks.paragraphs[i])
            .filter(|&p| p >= from)
            .unwrap_or(from);
        let operative = self.section_at(text, at) == Section::Operative;
        let lines = &breaks.lines;
        let first = lines.partition_point(|&l| l < from);
        let in_paragraph = lines.partition_point(|&l| l < paragraph);
        let last = lines.partition_point(|&l| l < until);
        let opening = |index: usize| {
            self.opening(text, lines, index, operative, lex)
                .filter(|&(_, end)| end <= until)
        };
        // Prefer the verb opening this paragraph; fall back to the last
        // one in the window (footnotes sit between paragraphs).
        let (start, end) = (in_paragraph..last)
            .find_map(opening)
            .or_else(|| (first..last).rev().find_map(opening))?;
        Some(text[start..end].to_string())
    }

    /// The span of the verb line number `index` (of `lines`, the offsets
    /// of the text's line starts) opens with, if any.
    fn opening(
        &self,
        text: &str,
        lines: &[usize],
        index: usize,
        operative: bool,
        lex: &Lexicon,
    ) -> Option<(usize, usize)> {
        let mut openings = self.openings.borrow_mut();
        if openings.len() < lines.len() {
            openings.resize(lines.len(), [None; 2]);
        }
        let line = *lines.get(index)?;
        *openings[index][usize::from(operative)].get_or_insert_with(|| {
            let (re, opening) = match operative {
                true => (&lex.operative_opening, &lex.operative_line),
                false => (&lex.preamble_opening, &lex.preamble_line),
            };
            // Most lines of a page open with neither a number nor a verb's
            // first byte.
            if !opening.may_open(text.as_bytes(), line) {
                return None;
            }
            let rest = &text[line..];
            let numbered = lex.opening_numbering.find(rest).map_or(0, |m| m.end());
            let verb = re.find(&rest[numbered..])?;
            Some((line + numbered + verb.start(), line + numbered + verb.end()))
        })
    }
}

/// The first line start at or after `at` (`at` itself when it is 0).
fn line_start_after(text: &str, at: usize) -> usize {
    if at == 0 || text.as_bytes().get(at - 1) == Some(&b'\n') {
        return at;
    }
    memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i + 1)
}

/// Whether the line that starts `line` (and runs on to the end of the
/// text) is a footnote's: it opens with the footnote's number.
fn is_footnote_line(line: &str) -> bool {
    // The pattern opens with spaces and a digit: a line whose first other
    // byte is ASCII but no digit cannot match, and most lines are such.
    let first = line.bytes().find(|&b| b != b' ');
    if first.is_some_and(|b| b.is_ascii() && !b.is_ascii_digit()) {
        return false;
    }
    footnote_line_regex().is_match(line) && !is_numbered_paragraph(line)
}

/// "1. Decides" is an operative paragraph, not footnote 1.
fn is_numbered_paragraph(line: &str) -> bool {
    let trimmed = line.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')'))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        "大会决议",
        "安全理事会决议",
        "决议",
        "Resolution ",
        "10 June 1993",
        "the ",
        "\n",
        " ",
    ];

    proptest::proptest! {
        /// One pass over the newlines finds the line starts and blank
        /// lines that a search for each finds.
        #[test]
        fn breaks_are_those_of_two_searches(text in "[a \n]{0,40}") {
            let breaks = Breaks::of(&text);
            let paragraphs: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), b"\n\n")
                .map(|i| i + 2)
                .collect();
            let lines: Vec<usize> = std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect();
            proptest::prop_assert_eq!(breaks.paragraphs, paragraphs);
            proptest::prop_assert_eq!(breaks.lines, lines);
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

        /// A footnote's line is found from the line starts as by looking
        /// back for the last newline, at every offset.
        #[test]
        fn footnote_sections_by_line_starts(text in "[ 1a.\n]{0,40}") {
            let layout = Layout::new(&text, Lexicon::get(crate::vocab::Lang::En));
            for at in 0..=text.len() {
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let expected = is_footnote_line(&text[line_start..]);
                let footnote = layout.section_at(&text, at) == Section::Footnote;
                proptest::prop_assert_eq!(footnote, expected, "at {}", at);
            }
        }

        /// The quick refusal agrees with the pattern.
        #[test]
        fn footnote_lines_as_the_pattern_says(text in "[ 1٣a.()\nx]{0,12}") {
            let line_start = text.rfind('\n').map_or(0, |i| i + 1);
            let line = &text[line_start..];
            let expected = footnote_line_regex().is_match(line) && !is_numbered_paragraph(line);
            proptest::prop_assert_eq!(is_footnote_line(line), expected);
        }
    }
}
