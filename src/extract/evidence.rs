//! The sentence that shows a citation in context: back to the start of its
//! paragraph or clause, forward to the end of its clause, within bounds,
//! with its whitespace collapsed.
//!
//! The clause's bounds are read from the bytes around each citation,
//! sixty-four at a time, back from it to the nearest break and on to the next.
//! Citations stand close together (one every couple of hundred bytes in a
//! General Assembly text, several often in one sentence), and a citation
//! further on in a sentence or paragraph reads only what the one before it
//! had not: each scan remembers how far it read and what it found. (The
//! breaks of a whole text, found once and looked up, had cost more: most
//! Security Council texts are short and cite once or twice.)

use crate::block::{self, Block};
use std::cell::Cell;

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
    /// What the last citation's scans found.
    scans: Scans,
}

/// What the last scans for a citation's clause breaks found, back from it
/// and ahead of it.
#[derive(Default)]
struct Scans {
    back: Cell<Option<Looked>>,
    ahead: Cell<Option<Looked>>,
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
    /// The evidence of `text`.
    pub(super) fn new(text: &'t str) -> Evidence<'t> {
        Evidence {
            text,
            scans: Scans::default(),
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
        evidence_span(self.text, start, end, WINDOW, bounds, &self.scans)
    }

    fn sentence(&self, (begin, end, cut): Span) -> String {
        // The ellipsis is the copy's first bytes, not a second copy's.
        let prefix = if cut { ELLIPSIS } else { "" };
        collapse_whitespace_after(prefix, &self.text[begin..end])
    }
}

/// The sentence around a citation: back to the start of its paragraph or
/// clause, forward to the end of its clause, within the window and the
/// paragraph's bounds. `scans` holds what the last citation's scans found,
/// and is left holding this one's.
fn evidence_span(
    text: &str,
    start: usize,
    end: usize,
    window: Window,
    (paragraph_start, next_paragraph): Bounds,
    scans: &Scans,
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
    let cut = last_break_from(text.as_bytes(), from, start, &scans.back);
    let stop = first_break_from(text.as_bytes(), end, to, &scans.ahead).unwrap_or(to);
    let mut begin = cut.unwrap_or(from);
    let mid_sentence = cut.is_none() && from > 0 && !whole_paragraph;
    if mid_sentence {
        // The window began mid-sentence: start at the next word.
        begin = past_first_space(text, begin, start);
    }
    Some((begin, stop, mid_sentence)).filter(|_| !is_blank(text, begin, stop, start, end))
}

/// Whether `begin..stop` of `text` is all whitespace, when it holds the
/// citation at `start..end`. Most citations open with a character that is
/// not whitespace, and then the sentence holding them is not blank: told
/// from that one character, not by trimming the sentence from both ends.
fn is_blank(text: &str, begin: usize, stop: usize, start: usize, end: usize) -> bool {
    let opens_with_a_word = begin <= start
        && start < end
        && end <= stop
        && text.is_char_boundary(start)
        && whitespace_len(text, start) == 0;
    !opens_with_a_word && text[begin..stop].trim().is_empty()
}

/// What the last scan of one direction found: the last clause break
/// wholly in `from..until` (looking back) or the first (looking ahead),
/// where it starts and the scan's answer. A citation further on looks
/// back from the same `from` (in the same paragraph) or from further on
/// (a window four hundred bytes back), and need read back only to
/// `until`: the breaks that end before it are those already found. The
/// next citation of a sentence looks ahead for the same break.
#[derive(Debug, Clone, Copy)]
struct Looked {
    from: usize,
    until: usize,
    /// The break found: where it starts, and the scan's answer.
    found: Option<(usize, usize)>,
}

/// `last_break_in`, reading back only to where the last look back (in
/// `memo`) ended when it started from no further on and ended from `from`
/// on; keeps this one's. Breaks that start later end later (three
/// newlines are two breaks, the second starting and ending a byte after
/// the first; a test checks the order), so the last break that look
/// found, when it starts from `from` on, is still the last that ends
/// before its end; when it starts before `from`, no break wholly from
/// `from` on ends before its end, nor when it found none.
fn last_break_from(
    bytes: &[u8],
    from: usize,
    until: usize,
    memo: &Cell<Option<Looked>>,
) -> Option<usize> {
    let (lowest, earlier) = match memo.get() {
        Some(last) if last.from <= from && from <= last.until && last.until <= until => {
            (last.until, last.found.filter(|&(start, _)| start >= from))
        }
        _ => (from, None),
    };
    let found = last_break_ending_in(bytes, from, lowest, until).or(earlier);
    memo.set(Some(Looked { from, until, found }));
    found.map(|(_, answer)| answer)
}

/// The offset just past the last clause break that lies wholly in
/// `from..until` of `bytes`: past its stop, or past the second newline of
/// its last blank line there.
#[cfg(test)]
fn last_break_in(bytes: &[u8], from: usize, until: usize) -> Option<usize> {
    last_break_ending_in(bytes, from, from, until).map(|(_, answer)| answer)
}

/// `last_break_in(bytes, from, until)` for the breaks whose last byte is
/// from `lowest` on. Read back from `until` a step (sixty-four bytes) at a
/// time.
fn last_break_ending_in(
    bytes: &[u8],
    from: usize,
    lowest: usize,
    until: usize,
) -> Option<(usize, usize)> {
    let mut high = until;
    while high > lowest {
        let low = high.saturating_sub(STEP);
        // Only the lanes before `high` (fewer than a step's at the text's
        // start), and from `lowest` on.
        let mut bits = break_ends(bytes, low);
        if high - low < STEP {
            bits &= (1 << (high - low)) - 1;
        }
        if lowest > low {
            bits &= u64::MAX << (lowest - low);
        }
        while bits != 0 {
            let lane = 63 - bits.leading_zeros() as usize;
            bits &= !(1 << lane);
            let at = low + lane;
            if let Some(start) = break_ending_at(bytes, at).filter(|&start| start >= from) {
                return Some((start, at + 1));
            }
        }
        high = low;
    }
    None
}

/// `first_break_in`, from what the last look ahead (in `memo`) found when
/// it looked from no further on and to no further. When `from` is not
/// past the break it found, that break is the first here too: a break
/// from `from` on that starts before it ends before it too (breaks that
/// start later end later, as `last_break_from` relies on), so lay wholly
/// in that look's range, where it was not the first found. When it found
/// none, a break wholly in `from..until` runs past where that look ended,
/// and so starts at most two bytes (the longest stop's length but one)
/// before, or after. Keeps this one's.
fn first_break_from(
    bytes: &[u8],
    from: usize,
    until: usize,
    memo: &Cell<Option<Looked>>,
) -> Option<usize> {
    let found = match memo.get() {
        Some(last) if last.from <= from && last.until <= until => match last.found {
            Some((start, _)) if from <= start => last.found,
            Some(_) => first_break_starting_in(bytes, from, until),
            None => first_break_starting_in(bytes, from.max(last.until.saturating_sub(2)), until),
        },
        _ => first_break_starting_in(bytes, from, until),
    };
    memo.set(Some(Looked { from, until, found }));
    found.map(|(_, answer)| answer)
}

/// The first clause break that lies wholly in `from..until` of `bytes`:
/// the offset just past its stop, or where its first blank line starts.
#[cfg(test)]
fn first_break_in(bytes: &[u8], from: usize, until: usize) -> Option<usize> {
    first_break_starting_in(bytes, from, until).map(|(_, answer)| answer)
}

/// Where the first clause break wholly in `from..until` of `bytes`
/// starts, and `first_break_in`'s answer. Read on from `from` a step
/// (sixty-four bytes) at a time, for the breaks' last bytes: no break
/// holds another's first byte, so the first to end is the first to start.
fn first_break_starting_in(bytes: &[u8], from: usize, until: usize) -> Option<(usize, usize)> {
    let mut low = from;
    while low < until {
        let high = low + STEP;
        let mut bits = break_ends(bytes, low);
        // Only the lanes before `until`.
        if until < high {
            bits &= (1 << (until - low)) - 1;
        }
        while bits != 0 {
            let at = low + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let Some(start) = break_ending_at(bytes, at).filter(|&start| start >= from) {
                // A blank line ends the clause where it starts.
                return Some((start, if bytes[at] == b'\n' { start } else { at + 1 }));
            }
        }
        low = high;
    }
    None
}

/// The bytes the scans for clause breaks test at a time: four blocks.
/// (A block a step, the loop's own steps and bounds had cost more than its
/// test; a citation's scans read about a hundred and fifty bytes.)
const STEP: usize = 4 * Block::LEN;

/// The bytes of `STEP` from `low` of `bytes` that may end a clause break,
/// as bits, the first byte lowest: the last bytes of the stops, and a
/// newline after a newline. `break_ending_at` tells which do. Bytes past
/// either end of `bytes` end none.
#[inline(always)]
fn break_ends(bytes: &[u8], low: usize) -> u64 {
    // The step's bytes and the one before them.
    const WIDE: usize = STEP + 1;
    let test = |window: &[u8; WIDE]| {
        let block = |at: usize| {
            let [before, lanes] = [at, at + 1].map(|at| Block::load_array(window, at));
            let ends = lanes.eq(b';')
                | lanes.eq(0x9B)
                | lanes.eq(0x82)
                | (lanes.eq(b'\n') & before.eq(b'\n'));
            u64::from(ends.bits())
        };
        block(0) | block(16) << 16 | block(32) << 32 | block(48) << 48
    };
    let window = low
        .checked_sub(1)
        .and_then(|start| bytes.get(start..start + WIDE))
        .and_then(|w| <&[u8; WIDE]>::try_from(w).ok());
    match window {
        Some(window) => test(window),
        None => {
            // At either end of the text: the bytes there, and zeros, which
            // end no break, for those out of it.
            let mut padded = [0u8; WIDE];
            let start = low.saturating_sub(1);
            let end = (low + STEP).min(bytes.len());
            let offset = start + 1 - low;
            if let Some(there) = bytes.get(start..end) {
                padded[offset..offset + there.len()].copy_from_slice(there);
            }
            test(&padded)
        }
    }
}

/// The characters that end a clause but the blank line, in UTF-8.
const STOPS: [&[u8]; 4] = [b";", "；".as_bytes(), "。".as_bytes(), "؛".as_bytes()];

/// Where the clause break whose last byte is at `at` starts: a stop, or
/// two newlines.
fn break_ending_at(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes[at] {
        b';' => return Some(at),
        b'\n' => return at.checked_sub(1).filter(|&before| bytes[before] == b'\n'),
        _ => {}
    }
    STOPS.iter().find_map(|stop| {
        let start = (at + 1).checked_sub(stop.len())?;
        (bytes.get(start..=at)? == *stop).then_some(start)
    })
}

/// The offset just past the first whitespace character of `from..until`
/// in `text`, or `from` when there is none.
fn past_first_space(text: &str, from: usize, until: usize) -> usize {
    text[from..until]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(from, |(i, c)| from + i + c.len_utf8())
}

/// `collapse_whitespace_after` with no prefix.
#[cfg(test)]
fn collapse_whitespace(text: &str) -> String {
    collapse_whitespace_after("", text)
}

/// `prefix`, then the words of `text` joined by single spaces (as
/// `split_whitespace` splits them), in one string made once (a cut
/// sentence's ellipsis is its prefix). In most sentences each space,
/// line break or no-break space stands alone between two words; those
/// are copied with the others as spaces, and only the rest are taken
/// word by word.
fn collapse_whitespace_after(prefix: &str, text: &str) -> String {
    if let Some(collapsed) = lone_whitespace_as_spaces(prefix, trim_spaces_and_newlines(text)) {
        return collapsed;
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(prefix.len() + text.len());
    out.push_str(prefix);
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
        if out.len() > prefix.len() {
            out.push(' ');
        }
        out.push_str(&text[word_start..at]);
    }
    out
}

/// `text` without the spaces and newlines that open and close it, as
/// `trim_matches([' ', '\n'])` leaves it, read from the bytes (the pattern
/// of two characters was tested char by char, a few dozen instructions a
/// sentence).
fn trim_spaces_and_newlines(text: &str) -> &str {
    let bytes = text.as_bytes();
    let kept = |&b: &u8| b != b' ' && b != b'\n';
    let start = bytes.iter().position(kept).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(kept).map_or(start, |at| at + 1);
    // Both bounds are next to ASCII bytes, or the text's ends: character
    // boundaries.
    text.get(start..end).unwrap_or_default()
}

/// `prefix`, then `text` with each whitespace character but the space as
/// a space, when every one stands alone between two words; `None` when
/// two stand together or one opens or closes `text`. Only the bytes that can start
/// whitespace other than the space are looked at, found sixteen at a time.
fn lone_whitespace_as_spaces(prefix: &str, text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if has_double_space(bytes) {
        return None;
    }
    let mut out = String::with_capacity(prefix.len() + text.len());
    out.push_str(prefix);
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
///
/// Inlined: the scans ask it at every byte that may start whitespace,
/// most often a newline, and a call each had cost more than its test.
#[inline(always)]
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

    /// A clause break that ends later starts later: the order
    /// `last_break_from`'s memo relies on, for every break of a text of
    /// newlines and each stop.
    #[test]
    fn breaks_that_end_later_start_later() {
        let text = "a;\n\n\nb；c\n\n。؛;\n\n\n\n";
        let bytes = text.as_bytes();
        let starts: Vec<usize> = (0..bytes.len())
            .filter_map(|at| break_ending_at(bytes, at))
            .collect();
        assert!(starts.len() > 8, "{starts:?}");
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
    }

    proptest::proptest! {
        #[test]
        fn collapse_whitespace_agrees_with_split_whitespace(
            text in "([a-zé决,;.«。]{0,6}[ \t\n\r\u{0B}\u{0C}\u{85}\u{A0}\u{1680}\u{2003}\u{2028}\u{202F}\u{3000}\u{2019}]{0,3}){0,20}"
        ) {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse_whitespace_after(ELLIPSIS, &text), format!("{ELLIPSIS}{expected}"));
            proptest::prop_assert_eq!(collapse_whitespace(&text), expected);
        }

        #[test]
        fn spaces_and_newlines_are_trimmed_as_trim_matches_trims_them(
            text in "[ \n\t\u{A0}a决]{0,12}"
        ) {
            proptest::prop_assert_eq!(trim_spaces_and_newlines(&text), text.trim_matches([' ', '\n']));
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
            proptest::prop_assert_eq!(lone_whitespace_as_spaces("", &text), Some(expected));
        }

        #[test]
        fn read_bounds_agree_with_scanning(
            text in "([a-zт决ر]{0,40}[ \n;；。؛]{0,3}){0,40}",
            picks in proptest::collection::vec((0usize..2000, 0usize..12, 0usize..500, 0usize..400), 1..12),
        ) {
            let bytes = text.as_bytes();
            let boundary_below = |mut at: usize| {
                at = at.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                at
            };
            // Each pick as a citation at `start..end` and its paragraph's
            // bounds: at line starts as the layout finds them, anywhere,
            // or the whole text.
            let citations: Vec<(usize, usize, [Bounds; 3])> = picks
                .iter()
                .map(|&(start, len, back, ahead)| {
                    let start = boundary_below(start);
                    let end = boundary_below(start + len);
                    let line = (
                        text[..start].rfind('\n').map_or(0, |at| at + 1),
                        text[end..].find('\n').map_or(text.len(), |at| end + at + 1),
                    );
                    let anywhere = (boundary_below(start.saturating_sub(back)), boundary_below(end + ahead));
                    (start, end, [line, anywhere, (0, text.len())])
                })
                .collect();
            // The scans alone, from and to anywhere.
            for &(start, end, [_, (from, until), _]) in &citations {
                let (low, high) = (from.min(start), from.max(start));
                proptest::prop_assert_eq!(
                    last_break_in(bytes, low, high),
                    last_break(&bytes[low..high]).map(|at| low + at),
                    "last break in {}..{}", low, high
                );
                let (low, high) = (end.min(until), end.max(until));
                proptest::prop_assert_eq!(
                    first_break_in(bytes, low, high),
                    first_break(&bytes[low..high]).map(|at| low + at),
                    "first break in {}..{}", low, high
                );
            }
            // The citations in order, as `fill` takes them, and as drawn:
            // each with the scans the one before it left, and alone.
            let mut in_order = citations.clone();
            in_order.sort_by_key(|&(start, end, _)| (start, end));
            for kind in 0..3 {
                for citations in [&in_order, &citations] {
                    let scans = Scans::default();
                    for &(start, end, bounds) in citations {
                        let expected = scanned_span(&text, start, end, WINDOW, bounds[kind]);
                        proptest::prop_assert_eq!(
                            evidence_span(&text, start, end, WINDOW, bounds[kind], &scans),
                            expected,
                            "citation at {}..{} in {:?}, after others", start, end, bounds[kind]
                        );
                        proptest::prop_assert_eq!(
                            evidence_span(&text, start, end, WINDOW, bounds[kind], &Scans::default()),
                            expected,
                            "citation at {}..{} in {:?}", start, end, bounds[kind]
                        );
                    }
                }
            }
        }

    }

    /// Every citation span of texts short enough to try them all, with
    /// runs of newlines and stops at the edges of windows of every size,
    /// each citation alone and after the one before it.
    #[test]
    fn read_bounds_agree_with_scanning_at_every_offset() {
        let texts = [
            "a\n\nb",
            "\n\n\nx;\n\n",
            "x\n\n\n\ny；z\n。\n\nw؛",
            ";;\n\n;\n",
            "ab\ncd\n\nef;gh",
            "abcdefghijklmnopqrstuvwxyz;\n\nabcdefghijklmnopqrstuvwxyz\n\n\nabcdefghijklmnop。",
            // Breaks at the edges of the scans' steps, and steps inside
            // the text, whole.
            "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz;\n\
             \nabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuv；wxyz\
             abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrst\n\nuvwxyz",
        ];
        for text in texts {
            let offsets: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (back, ahead) in [(0, 0), (1, 2), (2, 1), (3, 3), (5, 4), (17, 18), (400, 300)] {
                let window = Window { back, ahead };
                let whole = (0, text.len());
                let scans = Scans::default();
                for &start in &offsets {
                    for &end in offsets.iter().filter(|&&e| e >= start) {
                        let expected = scanned_span(text, start, end, window, whole);
                        assert_eq!(
                            evidence_span(text, start, end, window, whole, &Scans::default()),
                            expected,
                            "{text:?} at {start}..{end}, {window:?}"
                        );
                        assert_eq!(
                            evidence_span(text, start, end, window, whole, &scans),
                            expected,
                            "{text:?} at {start}..{end}, {window:?}, after others"
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
            assert_eq!(lone_whitespace_as_spaces("", text), None, "{text:?}");
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
        let evidence = Evidence::new(text);
        assert_eq!(
            evidence.of(at, at + 4, (0, text.len())).as_deref(),
            Some("Recalling its resolution 70/1 and 71/2;")
        );
        let chinese = "回顾第70/1号决议。注意到";
        let at = chinese.find("70/1").unwrap_or(0);
        assert_eq!(
            Evidence::new(chinese)
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
        let evidence = Evidence::new(text);
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
        let sentence = Evidence::new(&long).of(at, at + 4, (0, long.len()));
        assert!(sentence.is_some_and(|s| s.starts_with("… word")));
    }
}
