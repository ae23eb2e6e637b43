//! Text normalisation before extraction, with a map back to the original.
//!
//! Real UN text is noisy: non-breaking and thin spaces between a word and
//! its number, full-width digits and slashes in Chinese, Arabic-Indic
//! digits, bidi control marks and tatweel in Arabic, soft hyphens and line
//! hyphenation from PDF. The patterns run on a folded copy in which all of
//! that reads as plain ASCII spaces, digits and punctuation; every match is
//! mapped back to byte offsets in the text as given.

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
}

impl Normalized {
    /// Folds `original`; see the module documentation for what changes.
    pub fn new(original: &str) -> Normalized {
        let mut builder = Builder {
            text: String::with_capacity(original.len()),
            anchors: vec![(0, 0)],
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
/// whose lead byte (and second byte) say they fold to themselves, as in
/// `kept_char_len`. Sixteen bytes a step, written so that the compiler
/// turns the lanes into vector compares.
fn skip_plain(bytes: &[u8], mut at: usize) -> usize {
    const LANES: usize = 16;
    // Each window holds the byte before the lanes and the one after them.
    while at > 0 && at + LANES < bytes.len() {
        let Some(window) = bytes
            .get(at - 1..at + LANES + 1)
            .and_then(|w| <&[u8; LANES + 2]>::try_from(w).ok())
        else {
            break;
        };
        // In most sixteen bytes (and the byte after them) no lead byte of
        // a character that folds stands: only the spaces' and ASCII
        // bytes' tests can stop there. ASCII, the commonest case, is the
        // quickest to tell.
        let lanes = &window[1..];
        let leads = lanes.iter().fold(0, |high, &b| high | b) >= 0x80
            && lanes
                .iter()
                .fold(0u8, |any, &b| any | u8::from(is_folding_lead(b)))
                != 0;
        let mut stop = [0u8; LANES];
        for (lane, stop) in stop.iter_mut().enumerate() {
            let (before, b, after) = (window[lane], window[lane + 1], window[lane + 2]);
            *stop = u8::from(match leads {
                false => stops_plain_run_without_leads(before, b, after),
                true => stops_plain_run(before, b, after),
            });
        }
        // The sixteen lanes read as one number: zero when none stops, and
        // its lowest set byte is the first lane that does.
        let stops = u128::from_le_bytes(stop);
        if stops != 0 {
            return at + stops.trailing_zeros() as usize / 8;
        }
        at += LANES;
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

/// The lead bytes of the characters `fold_char` changes, which are also
/// those of the characters that fold to a space.
#[inline(always)]
fn is_folding_lead(b: u8) -> bool {
    (b == 0xC2) | (b == 0xD9) | (b == 0xDB) | (b == 0xE2) | (b == 0xE3) | (b == 0xEF)
}

/// `stops_plain_run` where neither `b` nor `after` is a folding lead: no
/// character that folds starts at `b`, nor one that folds to a space
/// after it.
#[inline(always)]
fn stops_plain_run_without_leads(before: u8, b: u8, after: u8) -> bool {
    let space_folds =
        (b == b' ') & ((before == b'\n') | (after == b' ') | (after == b'\t') | (after == b'\n'));
    (b == b'\t') | (b == b'\r') | ((b == b'-') & (after == b'\n')) | space_folds
}

/// Whether byte `b`, between `before` and `after`, may not fold to itself;
/// branch-free so that sixteen of them make a few vector instructions.
#[inline(always)]
fn stops_plain_run(before: u8, b: u8, after: u8) -> bool {
    // Lead bytes of the characters that fold to a space (U+00A0, U+2000…,
    // U+3000): a space before one of them is dropped.
    let space_like_follows = (after == 0xC2) | (after == 0xE2) | (after == 0xE3);
    let space_folds = (b == b' ')
        & ((before == b'\n')
            | (after == b' ')
            | (after == b'\t')
            | (after == b'\n')
            | space_like_follows);
    // The characters `fold_char` changes, by their first two bytes.
    let folding_char = ((b == 0xC2) & ((after == 0xA0) | (after == 0xAD)))
        | ((b == 0xD9)
            & ((after == 0x80)
                | (after.wrapping_sub(0x8B) <= 0x92 - 0x8B)
                | (after.wrapping_sub(0xA0) <= 0xAB - 0xA0)))
        | ((b == 0xDB) & (after.wrapping_sub(0xB0) <= 0xB9 - 0xB0))
        | (b == 0xE2)
        | (b == 0xE3)
        | (b == 0xEF);
    folding_char | (b == b'\t') | (b == b'\r') | ((b == b'-') & (after == b'\n')) | space_folds
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
        // General punctuation and the minus sign (E2), the ideographic space
        // (E3), the BOM and full-width forms (EF): decode and ask.
        0xE2 | 0xE3 | 0xEF => {
            let width = 3;
            let c = std::str::from_utf8(bytes.get(at..at + width)?)
                .ok()?
                .chars()
                .next()?;
            matches!(fold_char(c), Fold::Keep).then_some(width)
        }
        0xC0..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0.. => Some(4),
        // A continuation byte never starts a character.
        _ => None,
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
        };
        let mut at = 0;
        while at < original.len() {
            at = builder.fold_one(original, at);
        }
        let n = Normalized {
            text: builder.text,
            anchors: builder.anchors,
            original_len: original.len(),
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

    /// Without folding leads the short test stops where the whole one
    /// does, whatever the bytes.
    #[test]
    fn lanes_without_leads_stop_as_the_whole_test_does() {
        let plain = || (0..=u8::MAX).filter(|&b| !is_folding_lead(b));
        for before in 0..=u8::MAX {
            for b in plain() {
                for after in plain() {
                    assert_eq!(
                        stops_plain_run_without_leads(before, b, after),
                        stops_plain_run(before, b, after),
                        "{before:#x} {b:#x} {after:#x}"
                    );
                }
            }
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
