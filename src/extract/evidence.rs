//! The sentence that shows a citation in context: back to the start of its
//! paragraph or clause, forward to the end of its clause, within bounds,
//! with its whitespace collapsed.
//!
//! Citations stand close together (one every couple of hundred bytes in a
//! General Assembly text), so scanning the bytes around each one for the
//! clause's bounds read most of a text several times: a tenth of the
//! instructions of English extraction. The clause breaks of a text are
//! found once, with a vector search for their bytes, and each citation
//! looks its bounds up among them.

use crate::block::{self, Block};
use std::cell::OnceCell;

/// How far back from a citation, and ahead of it, a sentence may reach.
#[derive(Debug, Clone, Copy)]
struct Window {
    back: usize,
    ahead: usize,
}

const WINDOW: Window = Window {
    back: 400,
    ahead: 300,
};

/// The evidence sentences of one text's citations.
pub(super) struct Evidence<'t> {
    text: &'t str,
    /// Where the lines of `text` start, the first at 0.
    line_starts: &'t [usize],
    /// Built on first use: a text may cite nothing.
    breaks: OnceCell<ClauseBreaks>,
}

/// A sentence's bounds, and whether it was cut: it then opens with an
/// ellipsis. (A flag, not the ellipsis itself: the spans of neighbouring
/// citations are compared, and comparing strings called `memcmp`.)
type Span = (usize, usize, bool);

/// What a sentence that was cut opens with.
const ELLIPSIS: &str = "… ";

/// Where a citation's paragraph starts and where the next one does: its
/// sentence starts no earlier, with no ellipsis when it starts there, and
/// ends no later. In PDF text no blank line ends a paragraph.
pub(super) type Bounds = (usize, usize);

impl<'t> Evidence<'t> {
    /// The evidence of `text`, whose lines start at `line_starts` (the
    /// first at 0).
    pub(super) fn new(text: &'t str, line_starts: &'t [usize]) -> Evidence<'t> {
        Evidence {
            text,
            line_starts,
            breaks: OnceCell::new(),
        }
    }

    /// Sets each citation's evidence: the sentence around it, within its
    /// paragraph's bounds (one per citation, as `Bounds` says). Several
    /// citations often stand in one sentence, and then share a copy.
    pub(super) fn fill(&self, citations: &mut [super::Citation], paragraphs: &[Bounds]) {
        let mut previous: Option<Span> = None;
        for at in 0..citations.len() {
            let bounds = paragraphs.get(at).copied().unwrap_or((0, self.text.len()));
            let span = self.span(citations[at].start, citations[at].end, bounds);
            citations[at].evidence = match (previous, span) {
                (Some(last), Some(span)) if last == span => citations[at - 1].evidence.clone(),
                _ => span.map(|span| self.sentence(span)),
            };
            previous = span;
        }
    }

    /// The sentence around the citation at `start..end` of the text.
    #[cfg(test)]
    pub(super) fn of(&self, start: usize, end: usize, bounds: Bounds) -> Option<String> {
        self.span(start, end, bounds)
            .map(|span| self.sentence(span))
    }

    fn span(&self, start: usize, end: usize, bounds: Bounds) -> Option<Span> {
        let breaks = self
            .breaks
            .get_or_init(|| ClauseBreaks::of(self.text, self.line_starts));
        evidence_span(self.text, breaks, start, end, WINDOW, bounds)
    }

    fn sentence(&self, (begin, end, cut): Span) -> String {
        let collapsed = collapse_whitespace(&self.text[begin..end]);
        match cut {
            false => collapsed,
            true => ELLIPSIS.to_string() + &collapsed,
        }
    }
}

/// The sentence around a citation: back to the start of its paragraph or
/// clause, forward to the end of its clause, within the window and the
/// paragraph's bounds.
fn evidence_span(
    text: &str,
    breaks: &ClauseBreaks,
    start: usize,
    end: usize,
    window: Window,
    (paragraph_start, next_paragraph): Bounds,
) -> Option<Span> {
    let mut from = start.saturating_sub(window.back);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let whole_paragraph = paragraph_start >= from && paragraph_start <= start;
    if whole_paragraph {
        from = paragraph_start;
    }
    let mut to = (end + window.ahead).min(text.len());
    if (end..to).contains(&next_paragraph) {
        to = next_paragraph;
    }
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let cut = breaks.last_in(from, start);
    let stop = breaks.first_in(end, to).unwrap_or(to);
    let mut begin = cut.unwrap_or(from);
    let mid_sentence = cut.is_none() && from > 0 && !whole_paragraph;
    if mid_sentence {
        // The window began mid-sentence: start at the next word.
        begin = past_first_space(text, begin, start);
    }
    Some((begin, stop, mid_sentence)).filter(|_| !text[begin..stop].trim().is_empty())
}

/// The offset just past the first whitespace character of `from..until`
/// in `text`, or `from` when there is none.
fn past_first_space(text: &str, from: usize, until: usize) -> usize {
    text[from..until]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(from, |(i, c)| from + i + c.len_utf8())
}

/// Where clauses end in a text, in order: each clause stop (`;` and its
/// full-width, Chinese and Arabic forms "；", "。", "؛"), and each run of
/// two or more newlines (whose every pair of newlines is a blank line).
struct ClauseBreaks {
    breaks: Vec<Break>,
}

/// A clause stop, or a run of newlines, at `start..end` of the text.
#[derive(Debug, Clone, Copy)]
struct Break {
    start: usize,
    end: usize,
    blank: bool,
}

impl Break {
    fn stop(start: usize, len: usize) -> Break {
        Break {
            start,
            end: start + len,
            blank: false,
        }
    }
}

impl ClauseBreaks {
    /// The breaks of `text`, whose lines start at `line_starts` (the first
    /// at 0): its runs of newlines are read from those, and only the clause
    /// stops are searched for (a text has many more newlines than stops).
    fn of(text: &str, line_starts: &[usize]) -> ClauseBreaks {
        let bytes = text.as_bytes();
        // Room for a break every other line, to spare most texts the
        // growing (a long text grows past the bound as usual).
        let mut breaks = Vec::with_capacity((line_starts.len() / 2 + 1).min(1024));
        // The newlines, each just before a line start; a run of two or
        // more is a break.
        let mut newlines = line_starts.iter().skip(1).map(|&start| start - 1);
        if let Some(first) = newlines.next() {
            let mut run = (first, first + 1);
            for at in newlines.chain(std::iter::once(usize::MAX)) {
                if at == run.1 {
                    run.1 += 1;
                    continue;
                }
                if run.1 - run.0 >= 2 {
                    breaks.push(Break {
                        start: run.0,
                        end: run.1,
                        blank: true,
                    });
                }
                run = (at, at.saturating_add(1));
            }
        }
        // Every stop ends with `;` or 0x9B but "。", which starts with 0xE3.
        // A Chinese text has many of these bytes inside other characters,
        // so each is checked against the one stop it can belong to.
        let stop_ending_at = |at: usize, stop: &str| {
            let start = (at + 1).checked_sub(stop.len())?;
            (bytes.get(start..=at)? == stop.as_bytes()).then(|| Break::stop(start, stop.len()))
        };
        for at in memchr::memchr2_iter(b';', 0x9B, bytes) {
            match bytes[at] {
                b';' => breaks.push(Break::stop(at, 1)),
                _ => breaks.extend(stop_ending_at(at, "；").or_else(|| stop_ending_at(at, "؛"))),
            }
        }
        for at in memchr::memchr_iter(0xE3, bytes) {
            if bytes[at..].starts_with("。".as_bytes()) {
                breaks.push(Break::stop(at, "。".len()));
            }
        }
        // Two or three runs already in order, each break at its own byte: a
        // stable sort finds the runs and merges them.
        breaks.sort_by_key(|b| b.start);
        ClauseBreaks { breaks }
    }

    /// The offset just past the last clause break that lies wholly in
    /// `from..until`: past its stop, or past the second newline of its
    /// last blank line there.
    fn last_in(&self, from: usize, until: usize) -> Option<usize> {
        let before = self.breaks.partition_point(|b| b.start < until);
        for b in self.breaks[..before].iter().rev() {
            let end = b.end.min(until);
            let fits = if b.blank {
                end >= b.start + 2
            } else {
                end == b.end
            };
            if !fits {
                continue;
            }
            let first = if b.blank { end - 2 } else { b.start };
            return (first >= from).then_some(end);
        }
        None
    }

    /// The first clause break that lies wholly in `from..until`: the
    /// offset just past its stop, or where its first blank line starts.
    fn first_in(&self, from: usize, until: usize) -> Option<usize> {
        let after = self.breaks.partition_point(|b| b.end <= from);
        for b in &self.breaks[after..] {
            if b.start >= until {
                return None;
            }
            if b.blank {
                let start = b.start.max(from);
                if start + 2 <= b.end.min(until) {
                    return Some(start);
                }
            } else if b.start >= from {
                return (b.end <= until).then_some(b.end);
            }
        }
        None
    }
}

/// The words of `text` joined by single spaces (as `split_whitespace`
/// splits them). In most sentences each space, line break or no-break
/// space stands alone between two words; those are copied with the others
/// as spaces, and only the rest are taken word by word.
fn collapse_whitespace(text: &str) -> String {
    if let Some(collapsed) = lone_whitespace_as_spaces(text.trim_matches([' ', '\n'])) {
        return collapsed;
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < bytes.len() {
        let space = whitespace_len(text, at);
        if space > 0 {
            at += space;
            continue;
        }
        let word_start = at;
        at += 1;
        while at < bytes.len()
            && !(MAY_START_SPACE[usize::from(bytes[at])] && whitespace_len(text, at) > 0)
        {
            at += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[word_start..at]);
    }
    out
}

/// `text` with each whitespace character but the space as a space, when
/// every one stands alone between two words; `None` when two stand
/// together or one opens or closes `text`. Only the bytes that can start
/// whitespace other than the space are looked at, found sixteen at a time.
fn lone_whitespace_as_spaces(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if has_double_space(bytes) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    // The first bytes of the tabs and line breaks, U+0085 and U+00A0, and
    // U+1680, U+2000… and U+3000 (`MAY_START_SPACE` but the space).
    let may_start = |b: Block| b.in_range(b'\t', b'\r') | b.eq(0xC2) | b.in_range(0xE1, 0xE3);
    for at in block::positions(bytes, may_start) {
        let len = whitespace_len(text, at);
        if len == 0 {
            continue;
        }
        let after = at + len;
        let alone =
            at > copied && bytes[at - 1] != b' ' && bytes.get(after).is_some_and(|&b| b != b' ');
        if !alone {
            return None;
        }
        out.push_str(&text[copied..at]);
        out.push(' ');
        copied = after;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// Whether two spaces stand together.
fn has_double_space(bytes: &[u8]) -> bool {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER
        .get_or_init(|| memchr::memmem::Finder::new(b"  "))
        .find(bytes)
        .is_some()
}

/// The bytes at which `whitespace_len` may find whitespace.
const MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let starts = [
        b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r', 0xC2, 0xE1, 0xE2, 0xE3,
    ];
    let mut i = 0;
    while i < starts.len() {
        table[starts[i] as usize] = true;
        i += 1;
    }
    table
};

/// The length of the whitespace character at `at` (0 when there is none,
/// or `at` is inside a character), read from its bytes: U+0009–000D,
/// U+0020, U+0085, U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F,
/// U+205F and U+3000 are all the characters `char::is_whitespace` takes.
fn whitespace_len(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let next = |i: usize| bytes.get(at + i).copied().unwrap_or(0);
    match bytes[at] {
        b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => 1,
        0xC2 if matches!(next(1), 0x85 | 0xA0) => 2,
        0xE1 if (next(1), next(2)) == (0x9A, 0x80) => 3,
        0xE2 => match (next(1), next(2)) {
            (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F) => 3,
            _ => 0,
        },
        0xE3 if (next(1), next(2)) == (0x80, 0x80) => 3,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters that end a clause. A blank line ends one too.
    const CLAUSE_STOPS: [&str; 4] = [";", "；", "。", "؛"];

    /// The bounds as the bytes around the citation were once scanned for
    /// them: the specification the breaks' lookups are held to.
    fn scanned_span(
        text: &str,
        start: usize,
        end: usize,
        window: Window,
        (paragraph_start, next_paragraph): Bounds,
    ) -> Option<Span> {
        let mut from = start.saturating_sub(window.back);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let whole_paragraph = from <= paragraph_start && paragraph_start <= start;
        from = if whole_paragraph {
            paragraph_start
        } else {
            from
        };
        let cut = last_break(&text.as_bytes()[from..start]).unwrap_or(0);
        let mut to = (end + window.ahead).min(text.len());
        if end <= next_paragraph && next_paragraph < to {
            to = next_paragraph;
        }
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let after = &text.as_bytes()[end..to];
        let stop = first_break(after).unwrap_or(after.len());
        let mut begin = from + cut;
        let mid_sentence = cut == 0 && from > 0 && !whole_paragraph;
        if mid_sentence {
            begin = past_first_space(text, begin, start);
        }
        Some((begin, end + stop, mid_sentence))
            .filter(|_| !text[begin..end + stop].trim().is_empty())
    }

    fn last_break(bytes: &[u8]) -> Option<usize> {
        (0..bytes.len()).rev().find_map(|at| {
            let head = &bytes[..=at];
            let ends = head.ends_with(b"\n\n")
                || CLAUSE_STOPS
                    .iter()
                    .any(|stop| head.ends_with(stop.as_bytes()));
            ends.then_some(at + 1)
        })
    }

    fn first_break(bytes: &[u8]) -> Option<usize> {
        (0..bytes.len()).find_map(|at| {
            let tail = &bytes[at..];
            if tail.starts_with(b"\n\n") {
                return Some(at);
            }
            CLAUSE_STOPS
                .iter()
                .find(|stop| tail.starts_with(stop.as_bytes()))
                .map(|stop| at + stop.len())
        })
    }

    /// Read from bytes, the whitespace is `char::is_whitespace`'s, for
    /// every character, and nothing inside one is taken for whitespace.
    #[test]
    fn whitespace_len_agrees_with_is_whitespace_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("{c}x");
            let expected = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(whitespace_len(&text, 0), expected, "{c:?}");
            for inside in 1..c.len_utf8() {
                assert_eq!(whitespace_len(&text, inside), 0, "{c:?} at {inside}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn collapse_whitespace_agrees_with_split_whitespace(
            text in "([a-zé决,;.«。]{0,6}[ \t\n\r\u{0B}\u{0C}\u{85}\u{A0}\u{1680}\u{2003}\u{2028}\u{202F}\u{3000}\u{2019}]{0,3}){0,20}"
        ) {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse_whitespace(&text), expected);
        }

        #[test]
        fn lone_whitespace_becomes_spaces(
            gaps in proptest::collection::vec(
                ("[a-zé决,;.«。’]{1,6}", "[ \t\n\r\u{0B}\u{0C}\u{85}\u{A0}\u{2003}\u{202F}\u{3000}]"),
                0..12,
            ),
            last in "[a-z决]{1,4}",
        ) {
            let text: String = gaps.iter().map(|(w, s)| format!("{w}{s}")).collect::<String>() + &last;
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(lone_whitespace_as_spaces(&text), Some(expected));
        }

        #[test]
        fn looked_up_bounds_agree_with_scanning(
            text in "([a-zт决ر]{0,40}[ \n;；。؛]{0,3}){0,40}",
            picks in proptest::collection::vec((0usize..2000, 0usize..12, 0usize..500, 0usize..400), 1..12),
        ) {
            let breaks = ClauseBreaks::of(&text, &super::super::line_starts(&text));
            for (start, len, back, ahead) in picks {
                let mut start = start.min(text.len());
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + len).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                // The paragraph's bounds, at line starts as the layout
                // finds them, or anywhere.
                let mut bounds = (start.saturating_sub(back), (end + ahead).min(text.len()));
                while !text.is_char_boundary(bounds.0) {
                    bounds.0 -= 1;
                }
                while !text.is_char_boundary(bounds.1) {
                    bounds.1 -= 1;
                }
                for bounds in [bounds, (0, text.len())] {
                    proptest::prop_assert_eq!(
                        evidence_span(&text, &breaks, start, end, WINDOW, bounds),
                        scanned_span(&text, start, end, WINDOW, bounds),
                        "citation at {}..{} in {:?}", start, end, bounds
                    );
                }
            }
        }

    }

    /// Every citation span of texts short enough to try them all, with
    /// runs of newlines and stops at the edges of windows of every size.
    #[test]
    fn looked_up_bounds_agree_with_scanning_at_every_offset() {
        let texts = [
            "a\n\nb",
            "\n\n\nx;\n\n",
            "x\n\n\n\ny；z\n。\n\nw؛",
            ";;\n\n;\n",
            "ab\ncd\n\nef;gh",
        ];
        for text in texts {
            let breaks = ClauseBreaks::of(text, &super::super::line_starts(text));
            let offsets: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &start in &offsets {
                for &end in offsets.iter().filter(|&&e| e >= start) {
                    for (back, ahead) in [(0, 0), (1, 2), (2, 1), (3, 3), (5, 4), (400, 300)] {
                        let window = Window { back, ahead };
                        let whole = (0, text.len());
                        assert_eq!(
                            evidence_span(text, &breaks, start, end, window, whole),
                            scanned_span(text, start, end, window, whole),
                            "{text:?} at {start}..{end}, {window:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn whitespace_that_does_not_stand_alone_is_left_to_the_word_by_word_path() {
        for text in [
            "a \u{A0}b",
            "a\u{A0} b",
            "a\n\nb",
            "a\n b",
            "a  b",
            "\u{A0}a",
            "a\u{3000}",
        ] {
            assert_eq!(lone_whitespace_as_spaces(text), None, "{text:?}");
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(text), expected, "{text:?}");
        }
        assert_eq!(
            collapse_whitespace(" 18\u{A0}December\n1974 "),
            "18 December 1974"
        );
    }

    #[test]
    fn a_sentence_runs_from_the_last_break_to_the_next() {
        let text = "Recalling A;\n\nRecalling its resolution 70/1 and 71/2; noting B";
        let at = text.find("70/1").unwrap_or(0);
        let starts = super::super::line_starts(text);
        let evidence = Evidence::new(text, &starts);
        assert_eq!(
            evidence.of(at, at + 4, (0, text.len())).as_deref(),
            Some("Recalling its resolution 70/1 and 71/2;")
        );
        let chinese = "回顾第70/1号决议。注意到";
        let at = chinese.find("70/1").unwrap_or(0);
        assert_eq!(
            Evidence::new(chinese, &super::super::line_starts(chinese))
                .of(at, at + 4, (0, chinese.len()))
                .as_deref(),
            Some("回顾第70/1号决议。")
        );
    }

    /// In PDF text no blank line ends a paragraph: its bounds do. A
    /// sentence that starts where its paragraph does opens with no
    /// ellipsis.
    #[test]
    fn a_sentence_stays_within_its_paragraph() {
        let text = "Distr.: General\n23 December 2020\nThe General Assembly,\n\
                    Recalling its resolutions 69/158 of 18 December 2014 on\n\
                    bullying,\nReaffirming the Convention,";
        let paragraph = text.find("Recalling").unwrap_or(0);
        let next = text.find("Reaffirming").unwrap_or(0);
        let at = text.find("69/158").unwrap_or(0);
        let starts = super::super::line_starts(text);
        let evidence = Evidence::new(text, &starts);
        assert_eq!(
            evidence.of(at, at + 6, (paragraph, next)).as_deref(),
            Some("Recalling its resolutions 69/158 of 18 December 2014 on bullying,")
        );
        assert_eq!(
            evidence.of(at, at + 6, (0, text.len())).as_deref(),
            Some(
                "Distr.: General 23 December 2020 The General Assembly, Recalling its \
                 resolutions 69/158 of 18 December 2014 on bullying, Reaffirming the Convention,"
            )
        );
        // A paragraph that began before the window: cut, as before.
        let long = format!("Recalling {} 70/1,", "word ".repeat(100));
        let at = long.find("70/1").unwrap_or(0);
        let sentence =
            Evidence::new(&long, &super::super::line_starts(&long)).of(at, at + 4, (0, long.len()));
        assert!(sentence.is_some_and(|s| s.starts_with("… word")));
    }
}
