//! Text normalisation before extraction, with a map back to the original.
//!
//! Real UN text is noisy: non-breaking and thin spaces between a word and
//! its number, full-width digits and slashes in Chinese, Arabic-Indic
//! digits, bidi control marks and tatweel in Arabic, soft hyphens and line
//! hyphenation from PDF. The patterns run on a folded copy in which all of
//! that reads as plain ASCII spaces, digits and punctuation; every match is
//! mapped back to byte offsets in the text as given.

use crate::block::{Block, Lanes};

/// A folded copy of a text and the way back to the original offsets.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The folded text the patterns run on.
    pub text: String,
    /// Points where the offset shift between the two texts changes:
    /// `(normalized offset, original offset)`, sorted. Between two points
    /// the texts advance byte for byte.
    anchors: Vec<(usize, usize)>,
    original_len: usize,
    /// Whether a line break was folded away (a word hyphenated across two
    /// lines joined): the original then has lines the folded text has not.
    joined_lines: bool,
}

impl Normalized {
    /// Folds `original`; see the module documentation for what changes.
    pub fn new(original: &str) -> Normalized {
        let mut builder = Builder {
            text: String::with_capacity(original.len()),
            anchors: vec![(0, 0)],
            joined_lines: false,
        };
        let bytes = original.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Most of a text is plain ASCII that folds to itself: copy it in
            // runs, and take only the rest one character at a time.
            let run_start = at;
            // A space opening a run folds by what was folded before it.
            if bytes[at] != b' ' {
                loop {
                    at = skip_plain(bytes, at);
                    let Some(&b) = bytes.get(at) else { break };
                    let step = match b {
                        0x80.. => kept_char_len(bytes, at),
                        b' ' => plain_space(original, at, run_start).then_some(1),
                        // A hyphen joins a word only at a line end.
                        b'-' => (bytes.get(at + 1) != Some(&b'\n')).then_some(1),
                        _ => None,
                    };
                    match step {
                        Some(len) => at += len,
                        None => break,
                    }
                }
            }
            if at > run_start {
                builder.push_run(&original[run_start..at], run_start);
            }
            if at < bytes.len() {
                at = builder.fold_one(original, at);
            }
        }
        Normalized {
            text: builder.text,
            anchors: builder.anchors,
            original_len: original.len(),
            joined_lines: builder.joined_lines,
        }
    }

    /// The original byte offset of a normalized byte offset.
    pub fn original_offset(&self, normalized: usize) -> usize {
        let index = match self.anchors.binary_search_by(|(n, _)| n.cmp(&normalized)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let (n, o) = self.anchors[index];
        (o + (normalized - n)).min(self.original_len)
    }

    /// Where the original's lines start, from where the folded text's do
    /// (`line_starts`, the first at 0): each folded line break is one of
    /// the original's, moved. `None` when folding joined two lines, and
    /// the original has more. Cheaper than searching the original again.
    pub fn original_line_starts(&self, line_starts: &[usize]) -> Option<Vec<usize>> {
        if self.joined_lines {
            return None;
        }
        // The anchor in force at each line break, walked forward with them.
        let mut anchor = 0;
        let starts = line_starts.iter().map(|&start| {
            let Some(newline) = start.checked_sub(1) else {
                return 0;
            };
            while self
                .anchors
                .get(anchor + 1)
                .is_some_and(|&(n, _)| n <= newline)
            {
                anchor += 1;
            }
            let (n, o) = self.anchors[anchor];
            o + (newline - n) + 1
        });
        Some(starts.collect())
    }

    /// The original span of a normalized span. The end is the end of the
    /// original character behind the match's last character, so that
    /// characters dropped after a match stay out of it.
    pub fn original_span(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let original_start = self.original_offset(start);
        let last = self
            .text
            .get(start..end)
            .and_then(|m| m.char_indices().next_back());
        let original_end = match last {
            Some((i, _)) => {
                let last_start = self.original_offset(start + i);
                let width = original
                    .get(last_start..)
                    .and_then(|r| r.chars().next())
                    .map_or(0, char::len_utf8);
                last_start + width
            }
            None => original_start,
        };
        (original_start, original_end.max(original_start))
    }
}

struct Builder {
    text: String,
    anchors: Vec<(usize, usize)>,
    joined_lines: bool,
}

/// Bytes that fold to themselves whatever surrounds them: ASCII but for
/// spaces, tabs, carriage returns and hyphens.
const PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = !matches!(b as u8, b' ' | b'\t' | b'\r' | b'-');
        b += 1;
    }
    table
};

/// The offset of the first byte from `at` on that may not fold to itself
/// where it stands. Passed over: ASCII that `PLAIN` passes, hyphens but
/// before a line break, spaces that `plain_space` would pass (given that
/// `at` does not open a run with a space), and characters of other scripts
/// whose first bytes say they fold to themselves, as in `kept_char_len`.
/// It may stop early, at a character that folds to itself after all: the
/// caller asks `kept_char_len` and goes on. Sixteen bytes a step.
fn skip_plain(bytes: &[u8], mut at: usize) -> usize {
    // Four blocks a step where the bytes for them are there: each block is
    // tested in turn as below, with one bound checked for the four (the
    // loop's own steps had cost a third of a block's test).
    while let Some(wide) = at
        .checked_sub(1)
        .and_then(|start| bytes.get(start..start + WIDE_WINDOW))
        .and_then(|w| <&[u8; WIDE_WINDOW]>::try_from(w).ok())
    {
        for block in 0..4 {
            let offset = block * Block::LEN;
            let window = wide[offset..offset + WINDOW]
                .first_chunk::<WINDOW>()
                .expect("a window inside the wide one");
            if let Some(lane) = block_stop(window) {
                return at + offset + lane;
            }
        }
        at += 4 * Block::LEN;
    }
    // Each window holds the byte before the lanes and the two after them.
    while let Some(window) = at
        .checked_sub(1)
        .and_then(|start| bytes.get(start..start + WINDOW))
        .and_then(|w| <&[u8; WINDOW]>::try_from(w).ok())
    {
        match block_stop(window) {
            Some(lane) => return at + lane,
            None => at += Block::LEN,
        }
    }
    // The last step may end inside a character the lanes passed.
    while at < bytes.len() && bytes[at] & 0xC0 == 0x80 {
        at += 1;
    }
    while at < bytes.len() && PLAIN[usize::from(bytes[at])] {
        at += 1;
    }
    at
}

/// The bytes `skip_plain` reads for a step: the byte before the lanes,
/// the lanes, and the two after them.
const WINDOW: usize = Block::LEN + 3;

/// The bytes `skip_plain` reads for four steps.
const WIDE_WINDOW: usize = 3 * Block::LEN + WINDOW;

/// `skip_plain`'s step over the sixteen lanes of `window` (which starts a
/// byte before them): the first lane that may stop a run, if any.
#[inline(always)]
fn block_stop(window: &[u8; WINDOW]) -> Option<usize> {
    let [before, lanes, after, third] = [0, 1, 2, 3].map(|at| Block::load_array(window, at));
    // Most blocks of a Latin text hold no control byte but newlines, no
    // byte beyond ASCII, no space next to a space or a newline or before
    // another byte beyond ASCII, and no hyphen before a newline: nothing
    // there stops. (Newlines alone stop nothing: an old Council text has
    // one every 40 bytes. They are taken out of the controls by an
    // exclusive or: three vector instructions, where testing the controls
    // on either side of them took five.)
    let quick = (lanes.below_or_high(b'\r' + 1) ^ lanes.eq(b'\n'))
        | (lanes.eq(b' ') & (after.below_or_high(b' ' + 1) | before.eq(b'\n')))
        | (lanes.eq(b'-') & after.eq(b'\n'));
    if quick.bits() == 0 {
        return None;
    }
    // The characters that fold are asked for only where one of their lead
    // bytes stands: most blocks of a Cyrillic or Chinese text hold none.
    // (Not so in Arabic, whose letters share the lead 0xD9 with the marks
    // and digits that fold: there the check costs about 2%.)
    let mut bits = ascii_stops(before, lanes, after).bits();
    let leads = lanes.eq(0xC2)
        | lanes.eq(0xD9)
        | lanes.eq(0xDB)
        | lanes.in_range(0xE2, 0xE3)
        | lanes.eq(0xEF);
    if leads.bits() != 0 {
        bits |= folding_starts(lanes, after, third).bits();
    }
    (bits != 0).then(|| bits.trailing_zeros() as usize)
}

/// The lanes of ASCII that may not fold to themselves: tabs, returns, a
/// hyphen before a line break, and a space that folds away (after a line
/// break, or before a space, tab, line break or a character whose lead
/// byte may start a space: U+00A0, U+2000…, U+3000).
#[inline(always)]
fn ascii_stops(before: Block, lanes: Block, after: Block) -> Lanes {
    let newline_after = after.eq(b'\n');
    let space_follows = after.eq(b' ')
        | after.eq(b'\t')
        | newline_after
        | after.eq(0xC2)
        | after.eq(0xE2)
        | after.eq(0xE3);
    let space_folds = lanes.eq(b' ') & (before.eq(b'\n') | space_follows);
    lanes.eq(b'\t') | lanes.eq(b'\r') | (lanes.eq(b'-') & newline_after) | space_folds
}

/// The lanes where a character `fold_char` changes may start, told by its
/// first bytes (`lanes`, `after`, `third`) as `kept_char_len` tells them,
/// but more loosely from U+2000 on: any of U+2000–U+207F and U+2200–U+223F,
/// and U+FEC0–U+FF7F, may stop a run.
#[inline(always)]
fn folding_starts(lanes: Block, after: Block, third: Block) -> Lanes {
    let latin1 = lanes.eq(0xC2) & (after.eq(0xA0) | after.eq(0xAD));
    let arabic =
        lanes.eq(0xD9) & (after.eq(0x80) | after.in_range(0x8B, 0x92) | after.in_range(0xA0, 0xAB));
    let eastern_digits = lanes.eq(0xDB) & after.in_range(0xB0, 0xB9);
    let punctuation = lanes.eq(0xE2) & (after.eq(0x80) | after.eq(0x81) | after.eq(0x88));
    let ideographic_space = lanes.eq(0xE3) & after.eq(0x80) & third.eq(0x80);
    let full_width = lanes.eq(0xEF) & after.in_range(0xBB, 0xBD);
    latin1 | arabic | eastern_digits | punctuation | ideographic_space | full_width
}

/// The length of the character starting at `at` when it folds to itself
/// (`Fold::Keep`), read from its UTF-8 bytes: only six lead bytes start a
/// character that folds, so letters of other scripts (Cyrillic, Arabic,
/// CJK) are skipped without decoding them. `at` must start a non-ASCII
/// character of a valid UTF-8 text.
fn kept_char_len(bytes: &[u8], at: usize) -> Option<usize> {
    let lead = *bytes.get(at)?;
    let second = bytes.get(at + 1).copied().unwrap_or(0);
    match lead {
        // U+00A0 no-break space, U+00AD soft hyphen.
        0xC2 => (!matches!(second, 0xA0 | 0xAD)).then_some(2),
        // U+0640 tatweel, U+064B–0652 short vowels, U+0660–0669 digits,
        // U+066B decimal separator.
        0xD9 => (!matches!(second, 0x80 | 0x8B..=0x92 | 0xA0..=0xA9 | 0xAB)).then_some(2),
        // U+06F0–06F9 Eastern Arabic-Indic digits.
        0xDB => (!matches!(second, 0xB0..=0xB9)).then_some(2),
        0xE2 | 0xE3 | 0xEF => {
            let third = *bytes.get(at + 2)?;
            (!three_bytes_fold(lead, second, third)).then_some(3)
        }
        0xC0..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0.. => Some(4),
        // A continuation byte never starts a character.
        _ => None,
    }
}

/// Whether the three-byte character `lead second third` (lead E2, E3 or
/// EF) is one `fold_char` changes: general punctuation and the minus sign
/// (U+2000–200F, U+2010–2014, U+202A–202F, U+205F, U+2066–2069, U+2212),
/// the ideographic space (U+3000), the BOM (U+FEFF) and the full-width
/// forms of ASCII (U+FF01–FF5E).
fn three_bytes_fold(lead: u8, second: u8, third: u8) -> bool {
    match (lead, second) {
        (0xE2, 0x80) => matches!(third, 0x80..=0x94 | 0xAA..=0xAF),
        (0xE2, 0x81) => matches!(third, 0x9F | 0xA6..=0xA9),
        (0xE2, 0x88) => third == 0x92,
        (0xE3, 0x80) => third == 0x80,
        (0xEF, 0xBB) => third == 0xBF,
        (0xEF, 0xBC) => third >= 0x81,
        (0xEF, 0xBD) => third <= 0x9E,
        _ => false,
    }
}

/// Whether the byte at `at` is a space that folds to itself, given that the
/// text from `run_start` to `at` did: a word follows it, and something other
/// than a newline precedes it in the run.
fn plain_space(original: &str, at: usize, run_start: usize) -> bool {
    let bytes = original.as_bytes();
    let word_follows = match bytes.get(at + 1) {
        None | Some(b' ' | b'\t' | b'\n') => false,
        Some(n) if n.is_ascii() => true,
        Some(_) => original[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| !matches!(fold_char(c), Fold::To(' '))),
    };
    bytes[at] == b' ' && at > run_start && bytes[at - 1] != b'\n' && word_follows
}

impl Builder {
    /// Folds the one character at `offset` of `original`; returns the
    /// offset at which to go on.
    fn fold_one(&mut self, original: &str, offset: usize) -> usize {
        let Some(c) = original[offset..].chars().next() else {
            return original.len();
        };
        let after = offset + c.len_utf8();
        let next = original[after..].chars().next();
        let folded = fold_char(c);
        // Runs of spaces read as one, and spaces at either end of a line
        // as none: PDF text pads lines, and patterns expect one space.
        if matches!(folded, Fold::To(' ')) || c == ' ' {
            let next_is_break =
                next.is_none_or(|n| matches!(fold_char(n), Fold::To(' ')) || n == ' ' || n == '\n');
            let at_line_start = self.text.is_empty() || self.text.ends_with('\n');
            if next_is_break || at_line_start {
                self.drop(after);
                return after;
            }
        }
        match folded {
            Fold::Keep => self.push_same(c, offset),
            Fold::Drop => self.drop(after),
            Fold::To(replacement) => self.push_other(replacement, offset, after),
            Fold::Hyphen => {
                // "resolu-\ntion": a hyphen at a line end between two
                // lower-case letters is PDF hyphenation; join the word.
                let joins = self.prev_is_lowercase()
                    && next == Some('\n')
                    && next_after_newline_is_lowercase(&original[after..]);
                if joins {
                    self.joined_lines = true;
                    let resume = skip_newline_and_spaces(original, after);
                    self.drop(resume);
                    return resume;
                }
                self.push_other('-', offset, after);
            }
        }
        after
    }

    /// Copies a run of characters that fold to themselves.
    fn push_run(&mut self, run: &str, original: usize) {
        self.sync(original);
        self.text.push_str(run);
    }

    fn push_same(&mut self, c: char, original: usize) {
        self.sync(original);
        self.text.push(c);
    }

    fn push_other(&mut self, c: char, original: usize, original_end: usize) {
        self.sync(original);
        self.text.push(c);
        // The replacement may be shorter than the original character.
        self.sync_after(original_end);
    }

    fn drop(&mut self, original_end: usize) {
        self.sync_after(original_end);
    }

    /// Records an anchor if `original` is not where the current shift puts it.
    fn sync(&mut self, original: usize) {
        let here = self.text.len();
        let (n, o) = *self.anchors.last().unwrap_or(&(0, 0));
        if o + (here - n) != original {
            self.anchors.push((here, original));
        }
    }

    fn sync_after(&mut self, original_end: usize) {
        let here = self.text.len();
        self.anchors.push((here, original_end));
        // Keep anchors strictly increasing in the normalized offset.
        let len = self.anchors.len();
        if len >= 2 && self.anchors[len - 2].0 == here {
            self.anchors.remove(len - 2);
        }
    }

    fn prev_is_lowercase(&self) -> bool {
        self.text
            .chars()
            .next_back()
            .is_some_and(char::is_lowercase)
    }
}

fn next_after_newline_is_lowercase(rest: &str) -> bool {
    rest.strip_prefix('\n')
        .map(|r| r.trim_start_matches([' ', '\t']))
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_lowercase)
}

fn skip_newline_and_spaces(original: &str, from: usize) -> usize {
    let rest = &original[from..];
    let after_newline = rest.strip_prefix('\n').unwrap_or(rest);
    let trimmed = after_newline.trim_start_matches([' ', '\t']);
    original.len() - trimmed.len()
}

enum Fold {
    Keep,
    Drop,
    To(char),
    Hyphen,
}

fn fold_char(c: char) -> Fold {
    match c {
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => {
            Fold::To(' ')
        }
        '\r' => Fold::Drop,
        // Bidi embeddings delimit runs: pdftotext wraps each number of an
        // Arabic line in them and moves the space beside it ("<LRE> 21<PDF>آذار"),
        // so they read as a space, never as nothing.
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Fold::To(' '),
        // Zero-width characters, marks, soft hyphen, BOM, tatweel and Arabic
        // short vowels carry no meaning for symbols or keywords.
        '\u{200B}'..='\u{200F}'
        | '\u{00AD}'
        | '\u{FEFF}'
        | '\u{0640}'
        | '\u{064B}'..='\u{0652}' => Fold::Drop,
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => {
            Fold::To('-')
        }
        '-' => Fold::Hyphen,
        // Arabic-Indic and Eastern Arabic-Indic digits.
        '\u{0660}'..='\u{0669}' => Fold::To(digit(c as u32 - 0x0660)),
        '\u{06F0}'..='\u{06F9}' => Fold::To(digit(c as u32 - 0x06F0)),
        // Full-width ASCII (digits, slash, parentheses, letters).
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFF01 + 0x21).map_or(Fold::Keep, Fold::To)
        }
        '\u{066B}' => Fold::To('.'),
        _ => Fold::Keep,
    }
}

fn digit(n: u32) -> char {
    char::from_digit(n, 10).unwrap_or('0')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The fold one character at a time, as `new` does for all but plain
    /// runs: the reference the fast path must agree with.
    fn fold_slowly(original: &str) -> (String, Vec<usize>) {
        let mut builder = Builder {
            text: String::new(),
            anchors: vec![(0, 0)],
            joined_lines: false,
        };
        let mut at = 0;
        while at < original.len() {
            at = builder.fold_one(original, at);
        }
        let n = Normalized {
            text: builder.text,
            anchors: builder.anchors,
            original_len: original.len(),
            joined_lines: builder.joined_lines,
        };
        let offsets = (0..=n.text.len()).map(|i| n.original_offset(i)).collect();
        (n.text, offsets)
    }

    proptest! {
        #[test]
        fn plain_runs_fold_as_characters_do(
            original in "[a-zA-Z0-9 .;/()\n\t\r-]{0,12}([\u{00A0}\u{3000}\u{200B}\u{202B}٠-٩７／ éب决ـ-]{0,3}[a-z \n-]{0,6}){0,6}"
        ) {
            let fast = Normalized::new(&original);
            let offsets: Vec<usize> = (0..=fast.text.len()).map(|i| fast.original_offset(i)).collect();
            prop_assert_eq!((fast.text, offsets), fold_slowly(&original));
        }

        /// Plain runs of a hundred bytes and more, so that `skip_plain`'s
        /// steps of four blocks pass whole runs and stop in each block.
        #[test]
        fn long_plain_runs_fold_as_characters_do(
            original in "([a-z.,;()\n]{1,9}[ ]?){10,40}([\u{00A0}\u{2019}é  \t\r-]|-\n)?(([a-z.,;()\n]{1,9}[ ]?){5,40}[\u{00A0}é  \t-]?){0,4}"
        ) {
            let fast = Normalized::new(&original);
            let offsets: Vec<usize> = (0..=fast.text.len()).map(|i| fast.original_offset(i)).collect();
            prop_assert_eq!((fast.text, offsets), fold_slowly(&original));
        }

        /// Long mixed runs, so that the sixteen-byte steps of `skip_plain`
        /// meet every kind of stop and end inside characters.
        #[test]
        fn long_mixed_texts_fold_as_characters_do(
            original in "([a-z0-9 .;/()\n-]{0,24}[\u{00A0}\u{00AD}\u{3000}\u{3001}\u{200B}\u{2019}\u{202B}\u{FF0C}٠-٩۰-۹ـًا-يа-я决议é’“ \n-]{0,6}){0,12}"
        ) {
            let fast = Normalized::new(&original);
            let offsets: Vec<usize> = (0..=fast.text.len()).map(|i| fast.original_offset(i)).collect();
            prop_assert_eq!((fast.text, offsets), fold_slowly(&original));
        }
    }

    proptest::proptest! {
        /// The original's line starts, read from the folded text's, are
        /// those a search of the original finds; and they are read unless
        /// folding joined a hyphenated word across a line break.
        #[test]
        fn original_line_starts_are_the_originals(
            original in "([a-z .\n\t\r-]{0,10}[\u{00A0}\u{00AD}\u{3000}\u{200B}\u{2013}\u{202B}٣ـ ]{0,3}){0,10}"
        ) {
            let norm = Normalized::new(&original);
            let lines_of = |text: &str| -> Vec<usize> {
                std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                    .collect()
            };
            let read = norm.original_line_starts(&lines_of(&norm.text));
            let joined = lines_of(&norm.text).len() < lines_of(&original).len();
            match read {
                Some(starts) => proptest::prop_assert_eq!(starts, lines_of(&original)),
                None => proptest::prop_assert!(joined, "{:?}", original),
            }
        }
    }

    #[test]
    fn kept_char_len_agrees_with_fold_char_on_every_character() {
        let mut buffer = [0u8; 4];
        for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_ascii()) {
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            let expected = matches!(fold_char(c), Fold::Keep).then_some(c.len_utf8());
            assert_eq!(
                kept_char_len(bytes, 0),
                expected,
                "{c:?} (U+{:04X})",
                u32::from(c)
            );
        }
    }

    #[test]
    fn skip_plain_passes_only_characters_that_fold_to_themselves() {
        let mut buffer = [0u8; 4];
        for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_ascii()) {
            let encoded = c.encode_utf8(&mut buffer);
            // The character after a letter, then after a space; enough
            // letters behind it for the vector step.
            for prefix in ["x", " "] {
                let text = format!("ab{prefix}{encoded}abcdefghijklmnopqrstuvwxyz");
                let at = 2 + prefix.len();
                let stopped = skip_plain(text.as_bytes(), 1);
                if stopped > at {
                    assert!(matches!(fold_char(c), Fold::Keep), "{c:?} passed");
                }
                if prefix == " " && stopped > 2 {
                    assert!(!matches!(fold_char(c), Fold::To(' ')), "space before {c:?}");
                }
            }
        }
    }

    fn check_roundtrip(original: &str, needle: &str, expected_original: &str) {
        let n = Normalized::new(original);
        let start = n
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {:?}", n.text));
        let (s, e) = n.original_span(original, start, start + needle.len());
        assert_eq!(&original[s..e], expected_original);
    }

    #[test]
    fn spaces_digits_and_marks_fold() {
        let n = Normalized::new("resolution\u{00A0}７０／１ and ٢٣٣٤ (٢٠١٦)\u{200F}");
        assert_eq!(n.text, "resolution 70/1 and 2334 (2016)");
        let n = Normalized::new("  Security \u{00A0} Council \n  resolution");
        assert_eq!(n.text, "Security Council\nresolution");
    }

    #[test]
    fn spans_map_back_to_the_original() {
        check_roundtrip("its resolution\u{00A0}７０／１ of", "70/1", "７０／１");
        check_roundtrip("قرار\u{200F}ها ٧٠/١ المؤرخ", "70/1", "٧٠/١");
        check_roundtrip("a\u{202B}b 78/311 c", "78/311", "78/311");
        check_roundtrip("قرارها \u{202A} 78/265\u{202C}المؤرخ", "78/265", "78/265");
        assert_eq!(Normalized::new("\u{202A} 21\u{202C}آذار").text, "21 آذار");
        check_roundtrip("كـانون 12/3", "12/3", "12/3");
    }

    #[test]
    fn line_hyphenation_joins_words() {
        let n = Normalized::new("the reso-\nlution 70/1 and S-\n26/2");
        assert_eq!(n.text, "the resolution 70/1 and S-\n26/2");
        check_roundtrip("the reso-\nlution 70/1", "resolution", "reso-\nlution");
    }

    #[test]
    fn offsets_stay_on_char_boundaries() {
        let original = "第\u{3000}７０／１号决议\u{200B}，";
        let n = Normalized::new(original);
        for i in 0..=n.text.len() {
            if n.text.is_char_boundary(i) {
                let o = n.original_offset(i);
                assert!(original.is_char_boundary(o), "{i} -> {o}");
            }
        }
    }
}
