//! The vocabulary tables of `vocab`, compiled into regular expressions once
//! per language.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

use super::Section;
use crate::block::Block;
use crate::symbol::{Kind, Organ};
use crate::vocab::{Body, KeywordOrder, Lang, Vocabulary};

/// One language's patterns, ready to run on normalised text.
pub struct Lexicon {
    pub vocab: &'static Vocabulary,
    /// Keyword: group `dec` is set for decisions.
    pub keyword: Regex,
    /// A resolution keyword (group `res` of `keyword`) and its boundary,
    /// anchored: whether a keyword match is a resolution's, asked without
    /// running the capture engine on `keyword`.
    pub resolution_keyword: Regex,
    /// Where the next keyword can start, found faster than `keyword` can.
    pub keyword_anchors: Option<KeywordAnchors>,
    /// `keyword` for searches anchored where an anchor says a keyword may
    /// start: an unanchored search ran the engine's own prefilter again
    /// and a reverse search for the start, though the start was known.
    pub keyword_at_start: regex_automata::meta::Regex,
    /// The same, walked by hand: where the match ends and whether it is a
    /// resolution's keyword, in one walk.
    pub keyword_walk: KeywordWalk,
    /// Known organs and other bodies, anchored at the start.
    pub bodies: Vec<(Regex, Body)>,
    pub other_body: Regex,
    /// A body's name, then what may join it to a keyword, at the end of
    /// a window: "Security Council, in its ".
    pub body_before_keyword: Vec<(Regex, Body)>,
    pub other_body_before_keyword: Regex,
    /// A possessive ending a window, and one tied by a binder to what
    /// stands before it ("in its"): `Vocabulary::possessives`. `None`
    /// where the vocabulary has none.
    possessive_end: Option<(Regex, Regex)>,
    /// Short names ("Council"), anchored at the start, and at the end of a
    /// window before a keyword; with the organs each may stand for.
    pub bare: Vec<(Regex, Regex, &'static [Organ])>,
    pub not_in_names: Regex,
    /// A clause ending at a keyword, anchored: a few words in small
    /// letters, then a possessive a binder ties to them (" hizo suyos en
    /// su"); and the United Nations' own name, anchored, with the words
    /// that make it an agency's in group `agency`. Read only on another
    /// body's name before a keyword (`clause_subject`); `None` where the
    /// vocabulary has no possessives, or no such name.
    clause_to_keyword: Option<Regex>,
    united_nations: Option<Regex>,
    /// A known organ's full name anywhere; the header keeps the first
    /// that opens a line.
    pub organ_name: Regex,
    /// Known organs' full names anywhere, to resolve short names.
    pub organ_mentions: OrganNames,
    /// A date anywhere.
    pub date: DatePattern,
    /// Optional date intro, then a date, anchored.
    pub date_glue: DatePattern,
    /// Optional date intro, then dates that share their month or year with
    /// the date that ends them ("of 4 and 14 July 1967"), anchored; `None`
    /// where the vocabulary has no such dates.
    shared_dates: Option<SharedDates>,
    /// "entitled" then a quoted title, or a quoted title alone, anchored;
    /// group `title`.
    pub title_glue: Regex,
    /// Connector words and list punctuation, anchored.
    pub connector_glue: Regex,
    /// The word that opens a list's topic ("resolutions on the question of
    /// X, 2004/33 and 2005/12"), anchored: the words that introduce titles.
    pub topic_intro: Regex,
    /// `date_glue` and `connector_glue` as walks: where a match at the
    /// start of a step's text ends, found without the regex crate's set-up
    /// for a search, which cost more than the walk over the few bytes of a
    /// date or a connector.
    date_glue_walk: LeftmostWalk,
    connector_walk: LeftmostWalk,
    /// In one pass: which of `bodies`, `other_body`, the bare starts,
    /// `date_glue`, the opening of `title_glue` and `connector_glue` match
    /// at the start of a text. Most steps of a chain match few of them, and
    /// each regex call has a cost of its own however soon it fails.
    step_screen: Screen,
    /// Likewise for `body_before_keyword`, the bare ends and
    /// `other_body_before_keyword` at the end of a window.
    before_screen: Screen,
    /// "Does this line open with a verb?", in two anchored steps: the
    /// spaces and paragraph number a line may open with, then a verb
    /// right after them.
    opening_numbering: Regex,
    pub paragraph_verbs: ParagraphVerbs,
    pub adopted: Regex,
    /// Where an `adopted` match may start, as `keyword_anchors` for
    /// keywords: the pattern is case-insensitive and runs over a whole
    /// header, and most Security Council headers have no match.
    pub adopted_anchors: Option<KeywordAnchors>,
}

/// The characters that open a quoted title in `QUOTED`.
const QUOTE_OPENING: &str = r#"[“"«”„]"#;

/// Quoted titles in the quotes the six languages use.
/// Unbounded here: a bound such as `{1,800}` compiles into hundreds of
/// copies of each class and costs more than the rest of a lexicon; the
/// bound is checked on the match instead (`title_at`).
const QUOTED: &str = r#"(?:“[^”“]+”|"[^"]+"|«[^»]+»|”[^“”]+“|„[^“”]+[“”])"#;

/// The longest quoted title taken, in characters between the quotes.
pub(super) const TITLE_MAX_CHARS: usize = 800;

fn build(pattern: &str) -> Regex {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .unwrap_or_else(|e| panic!("vocabulary pattern {pattern:?} is invalid: {e}"))
}

/// `pattern`, case-insensitive as `build` makes it, for searches anchored
/// at a given start (`regex_automata::Input::anchored`), where look-behind
/// still sees the text before it.
fn build_for_anchored_search(pattern: &str) -> regex_automata::meta::Regex {
    build_many(&[pattern], true)
}

/// One automaton of several patterns, leftmost-first, whose matches say
/// which pattern matched; with the size limits `build` gives.
fn build_many(patterns: &[&str], case_insensitive: bool) -> regex_automata::meta::Regex {
    regex_automata::meta::Builder::new()
        .syntax(regex_automata::util::syntax::Config::new().case_insensitive(case_insensitive))
        .configure(
            regex_automata::meta::Config::new()
                .nfa_size_limit(Some(64 << 20))
                .hybrid_cache_capacity(64 << 20),
        )
        .build_many(patterns)
        .unwrap_or_else(|e| panic!("vocabulary patterns {patterns:?} are invalid: {e}"))
}

/// Literal strings, one of which every keyword match contains, at most
/// `offset` bytes from its start, in a copy of the text with ASCII letters
/// in lower case: "resolution", "reſolution", "decision", "deciſion" in
/// English; "قرار" and "مقرر" after up to eight bytes of prefixes in Arabic.
/// They are read from the keyword pattern itself (its syntax tree, where
/// case-insensitive letters are classes of all their cases), so they hold
/// for every match, "RÉSOLUTION" and "reſolution" alike.
///
/// The keyword pattern is case-insensitive, so the regex engine's own
/// prefilter looks for short prefixes in every case, which "resources",
/// "progress" and "decade" match too, and checks each with its automaton:
/// looking for keywords was a seventh of extraction's instructions. A
/// vector search for whole words in the lower-cased copy finds where the
/// next keyword may start; the pattern then runs from there, and finds
/// the match it would have found from further back.
///
/// The copy folds Cyrillic capitals too when the strings are Cyrillic:
/// with both cases of each letter, the Russian strings were 64 variants
/// of "резол" and "решен", whose first letters are among the commonest
/// pairs of Russian, and the search stopped every few words (a fifth of
/// the instructions of Russian texts).
pub struct KeywordAnchors {
    finder: aho_corasick::packed::Searcher,
    offset: usize,
    cyrillic: bool,
}

/// At most this many strings for one run of letters: each letter with
/// cases other than the copy's fold doubles them (ſ for s, ᲂ for о).
const ANCHOR_VARIANTS: usize = 32;
/// At most this many strings in all: the vector search (Teddy) takes 64.
const ANCHORS_MAX: usize = 64;

impl KeywordAnchors {
    /// The anchors of a case-insensitive keyword pattern; `None` when no
    /// literal is in every match, or too many strings would be needed.
    fn new(pattern: &str) -> Option<KeywordAnchors> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(pattern)
            .ok()?;
        let cyrillic = pattern
            .chars()
            .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        let (needles, offset) = anchors(&hir, cyrillic)?;
        if needles.len() > ANCHORS_MAX {
            return None;
        }
        let finder = aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(&needles)
            .build()?;
        Some(KeywordAnchors {
            finder,
            offset,
            cyrillic,
        })
    }

    /// The copy of `text` the anchors are looked for in: its capitals in
    /// lower case, as `fold_capital` folds them. Each keeps its length in
    /// UTF-8, so offsets and character boundaries are the text's.
    pub fn folded(&self, text: &str) -> Vec<u8> {
        match self.cyrillic {
            true => fold_with_cyrillic(text.as_bytes()),
            false => ascii_lowercase(text.as_bytes()),
        }
    }

    /// Where the first keyword starting at or after `at` (a character
    /// boundary) in `text` may start: at a character boundary of the
    /// range, or else not before the next anchor after its end (no match
    /// starts elsewhere). `lower` is `folded(text)`. `None` when no
    /// keyword starts after `at`.
    pub fn next_starts(
        &self,
        text: &str,
        lower: &[u8],
        at: usize,
    ) -> Option<std::ops::RangeInclusive<usize>> {
        let found = self.finder.find(lower.get(at..)?)?;
        let anchor = at + found.start();
        let mut first = anchor.saturating_sub(self.offset).max(at);
        while !text.is_char_boundary(first) {
            first += 1;
        }
        Some(first..=anchor)
    }

    /// A place (a character boundary) from which to look for the first
    /// match starting at or after `at` (a character boundary) in `text`:
    /// no match starts between the two. `lower` is `folded(text)`. `None`
    /// when no match starts after `at`.
    pub fn skip_to(&self, text: &str, lower: &[u8], at: usize) -> Option<usize> {
        self.next_starts(text, lower, at)
            .map(|starts| *starts.start())
    }
}

/// `bytes` with ASCII capitals in lower case, sixteen bytes a step: the
/// standard library's byte-at-a-time loop cost about 1.7 instructions a
/// byte on English text. A whole copy folded in place took less time than
/// a vector grown sixteen bytes a step (`perf`: 1.1% of English extraction
/// and 0.65% more copying, against 2.3%; callgrind counts the copy's
/// `rep movsb` a byte at a time, and so shows the opposite).
fn ascii_lowercase(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    // Four blocks a step, with one bound checked for them; the rest a
    // block at a time, then a byte at a time.
    let mut chunks = out.chunks_exact_mut(4 * Block::LEN);
    for chunk in &mut chunks {
        if let Some(chunk) = chunk.first_chunk_mut::<{ 4 * Block::LEN }>() {
            for at in [0, 16, 32, 48] {
                let lowered = Block::load_array(chunk, at).ascii_lowercase().bytes();
                chunk[at..at + Block::LEN].copy_from_slice(&lowered);
            }
        }
    }
    let mut blocks = chunks.into_remainder().chunks_exact_mut(Block::LEN);
    for chunk in &mut blocks {
        if let Some(block) = Block::load(chunk) {
            chunk.copy_from_slice(&block.ascii_lowercase().bytes());
        }
    }
    blocks.into_remainder().make_ascii_lowercase();
    out
}

/// `bytes` (UTF-8) with ASCII capitals and those of U+0400–042F in lower
/// case. Capitals U+0400–040F, U+0410–041F and U+0420–042F are D0 80–8F,
/// D0 90–9F and D0 A0–AF; their small letters D1 90–9F, D0 B0–BF and
/// D1 80–8F. Each byte's fold depends only on its neighbours, written
/// without branches so that the compiler makes vector instructions of it
/// (0xD0 is always a lead byte).
fn fold_with_cyrillic(bytes: &[u8]) -> Vec<u8> {
    let fold = |before: u8, b: u8, after: u8| -> u8 {
        let in_block = |x: u8, start: u8| x.wrapping_sub(start) < 0x10;
        let second = before == 0xD0;
        let ascii_capital = b.wrapping_sub(b'A') < 26;
        let lead_moves = (b == 0xD0) & (in_block(after, 0x80) | in_block(after, 0xA0));
        let delta = u8::from(ascii_capital) * 0x20
            + u8::from(second & in_block(b, 0x80)) * 0x10
            + u8::from(second & in_block(b, 0x90)) * 0x20
            + u8::from(second & in_block(b, 0xA0)) * 0xE0
            + u8::from(lead_moves);
        b.wrapping_add(delta)
    };
    let len = bytes.len();
    let mut out = bytes.to_vec();
    if len < 3 {
        for at in 0..len {
            let before = at.checked_sub(1).map_or(0, |i| bytes[i]);
            let after = bytes.get(at + 1).copied().unwrap_or(0);
            out[at] = fold(before, bytes[at], after);
        }
        return out;
    }
    out[0] = fold(0, bytes[0], bytes[1]);
    out[len - 1] = fold(bytes[len - 2], bytes[len - 1], 0);
    let middle = out[1..len - 1].iter_mut();
    let lanes = bytes.iter().zip(&bytes[1..]).zip(&bytes[2..]);
    for (o, ((&before, &b), &after)) in middle.zip(lanes) {
        *o = fold(before, b, after);
    }
    out
}

/// A capital as the anchors' copy folds it: ASCII ones, and with
/// `cyrillic` those of U+0400–042F, to their small letters.
fn fold_capital(c: char, cyrillic: bool) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{0400}'..='\u{040F}' if cyrillic => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        '\u{0410}'..='\u{042F}' if cyrillic => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        _ => c,
    }
}

/// The literal strings (folded by `fold_capital`) one of which every
/// match of `hir` contains, and how far into a match at most they start.
fn anchors(hir: &regex_syntax::hir::Hir, cyrillic: bool) -> Option<(Vec<String>, usize)> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(capture) => anchors(&capture.sub, cyrillic),
        HirKind::Repetition(repetition) if repetition.min > 0 => anchors(&repetition.sub, cyrillic),
        HirKind::Alternation(branches) => {
            let mut needles = Vec::new();
            let mut offset = 0;
            for branch in branches {
                let (more, at) = anchors(branch, cyrillic)?;
                needles.extend(more);
                offset = offset.max(at);
            }
            Some((needles, offset))
        }
        HirKind::Concat(items) => {
            let mut skipped = 0usize;
            for (i, item) in items.iter().enumerate() {
                if let Some(run) = literal_run(&items[i..], cyrillic) {
                    return Some((run, skipped));
                }
                if item.properties().minimum_len().unwrap_or(0) > 0 {
                    if let Some((needles, offset)) = anchors(item, cyrillic) {
                        return Some((needles, skipped + offset));
                    }
                }
                skipped = skipped.checked_add(item.properties().maximum_len()?)?;
            }
            None
        }
        HirKind::Literal(_) | HirKind::Class(_) => {
            Some((literal_run(std::slice::from_ref(hir), cyrillic)?, 0))
        }
        _ => None,
    }
}

/// The strings that the literals and small classes at the start of
/// `items` spell, folded by `fold_capital`; `None` when they spell fewer
/// than three bytes (too common to help).
fn literal_run(items: &[regex_syntax::hir::Hir], cyrillic: bool) -> Option<Vec<String>> {
    use regex_syntax::hir::{Class, HirKind};
    let mut strings = vec![String::new()];
    for item in items {
        let choices: Vec<String> = match item.kind() {
            HirKind::Literal(literal) => {
                let literal = std::str::from_utf8(&literal.0).ok()?;
                vec![literal.chars().map(|c| fold_capital(c, cyrillic)).collect()]
            }
            HirKind::Class(Class::Unicode(class)) => match small_class(class, cyrillic) {
                Some(chars) => chars,
                None => break,
            },
            _ => break,
        };
        if strings.len() * choices.len() > ANCHOR_VARIANTS {
            break;
        }
        strings = strings
            .iter()
            .flat_map(|s| choices.iter().map(move |c| format!("{s}{c}")))
            .collect();
    }
    strings.iter().all(|s| s.len() >= 3).then_some(strings)
}

/// The characters of a class of at most four (folded by `fold_capital`),
/// as strings; `None` for a larger class.
fn small_class(class: &regex_syntax::hir::ClassUnicode, cyrillic: bool) -> Option<Vec<String>> {
    let mut chars = std::collections::BTreeSet::new();
    for range in class.ranges() {
        if u32::from(range.end()) - u32::from(range.start()) >= 8 {
            return None;
        }
        chars.extend((range.start()..=range.end()).map(|c| fold_capital(c, cyrillic)));
    }
    (!chars.is_empty() && chars.len() <= 4).then(|| chars.into_iter().map(String::from).collect())
}

/// The verbs that open paragraphs, preambular and operative, spelled out
/// as literal strings ("R[ée]affirmant" is two) and found by their first
/// byte. A regex call cost a thousand instructions on each line that could
/// open a paragraph; a Security Council text has one every few lines.
pub struct ParagraphVerbs {
    /// By first byte: the verbs that start with it, longest first, each
    /// with the kind of paragraph it opens (a preambular one first where
    /// a verb is in both lists).
    by_first_byte: Vec<Vec<Verb>>,
    /// The same verbs by their first byte and the low four bits of their
    /// third (`Verb::bucket`), in the order of `by_first_byte`: bucket `k`
    /// is `by_head[starts[k]..starts[k + 1]]`, and a verb shorter than
    /// three bytes is in each bucket of its first byte. Most verbs of a
    /// language share their first byte with a dozen others ("Recalling",
    /// "Reaffirming", "Requests" …) and their second too, and a line's
    /// verb was looked for among them all.
    by_head: Box<[Verb]>,
    starts: Box<[u32]>,
    /// Whether a verb must be a whole word, as in every language but
    /// Chinese: Spanish "Reafirma" opens operative paragraphs, and
    /// "Reafirmando" preambular ones.
    whole_words: bool,
}

/// A verb found at the start of a text: the kind of paragraph it opens,
/// its length, and whether it leads a verb rather than being one.
type VerbAt = (Section, usize, bool);

impl ParagraphVerbs {
    fn new(v: &Vocabulary) -> ParagraphVerbs {
        let mut verbs: Vec<(Vec<u8>, Section)> = Vec::new();
        for (list, kind) in [
            (v.preamble_verbs, Section::Preamble),
            (v.operative_verbs, Section::Operative),
        ] {
            for pattern in list {
                verbs.extend(spelled_out(pattern).into_iter().map(|verb| (verb, kind)));
            }
        }
        let leads: Vec<Vec<u8>> = v
            .verb_leads
            .iter()
            .flat_map(|lead| spelled_out(lead))
            .collect();
        verbs.sort_by_key(|(verb, _)| std::cmp::Reverse(verb.len()));
        let mut by_first_byte: Vec<Vec<Verb>> = vec![Vec::new(); 256];
        for (verb, kind) in verbs {
            if let Some(&first) = verb.first() {
                let leads = leads.contains(&verb);
                by_first_byte[usize::from(first)].push(Verb::new(verb, kind, leads));
            }
        }
        let mut by_head = Vec::new();
        let mut starts = vec![0u32];
        for bucket in 0..Verb::BUCKETS {
            let first = bucket & 0xFF;
            let third = (bucket >> 8) as u8;
            by_head.extend(
                by_first_byte[first]
                    .iter()
                    .filter(|verb| verb.bytes.get(2).is_none_or(|&b| b & 0xF == third))
                    .cloned(),
            );
            starts.push(u32::try_from(by_head.len()).expect("a few thousand verbs"));
        }
        ParagraphVerbs {
            by_first_byte,
            by_head: by_head.into_boxed_slice(),
            starts: starts.into_boxed_slice(),
            whole_words: v.order == KeywordOrder::Before,
        }
    }

    /// The verbs that a text whose `head` this is may open with, in the
    /// order of `by_first_byte`: those of its bucket.
    fn bucket(&self, head: u64) -> &[Verb] {
        let bucket = Verb::bucket(head);
        let range = |at: usize| self.starts.get(at).map(|&at| at as usize);
        match (range(bucket), range(bucket + 1)) {
            (Some(from), Some(to)) => self.by_head.get(from..to).unwrap_or_default(),
            _ => &[],
        }
    }

    /// The verb that `text` opens with, as the kind of paragraph it opens
    /// and its length: the longest of the lists (`at_start`), and where
    /// that leads a verb ("Also", "Further", "وإذ", "вновь"), the word
    /// after it too where that is a verb of the lists, capitalised or not
    /// ("Also recalling", "وإذ تذكّر"): the paragraph is then of that
    /// verb's kind.
    // Inlined: `Lexicon::paragraph_verb` asks it of a line every few
    // lines of a text, and the call had cost about a tenth of the verb's
    // search.
    #[inline]
    pub fn opening_at(&self, text: &str) -> Option<(Section, usize)> {
        let (kind, len, leads) = self.at_start(text)?;
        if !leads {
            return Some((kind, len));
        }
        let rest = &text[len..];
        let spaces = rest.bytes().take_while(|&b| b == b' ').count();
        let after = &rest[spaces..];
        // The verb after the lead, as the lists spell it: a Latin text
        // writes it in small letters ("Also recalling"). A word that is no
        // verb of the lists may be a PDF's misreading ("وإذ تالحظ" for
        // "وإذ تلاحظ"): the lead alone is safer.
        let verb = |after: &str| self.at_start(after).filter(|&(_, _, leads)| !leads);
        let found = verb(after).or_else(|| {
            let line = &after[..after.find('\n').unwrap_or(after.len())];
            let head = &line[..super::floor_boundary(line, line.len().min(CAPITALISED_MAX))];
            let mut buffer = [0u8; CAPITALISED_MAX];
            capitalised(head, &mut buffer).and_then(verb)
        });
        match found {
            Some((verb_kind, verb_len, _)) if spaces > 0 => {
                Some((verb_kind, len + spaces + verb_len))
            }
            _ => Some((kind, len)),
        }
    }

    /// The longest verb that `text` opens with (a whole word where words
    /// are spaced), as the kind of paragraph it opens, its length and
    /// whether it leads another.
    #[inline]
    fn at_start(&self, text: &str) -> Option<VerbAt> {
        if text.is_empty() {
            return None;
        }
        let head = Verb::head(text.as_bytes());
        let second = Verb::head(text.as_bytes().get(8..).unwrap_or_default());
        self.bucket(head)
            .iter()
            .find(|verb| {
                verb.opens(head, second, text.as_bytes())
                    && !(self.whole_words
                        && text
                            .get(verb.bytes.len()..)
                            .and_then(|after| after.chars().next())
                            .is_some_and(char::is_alphanumeric))
            })
            .map(|verb| (verb.kind, verb.bytes.len(), verb.leads))
    }

    /// Whether the line at `start` can open with a paragraph number or a
    /// verb, by its first byte after the spaces.
    pub fn may_open(&self, bytes: &[u8], start: usize) -> bool {
        let first = bytes[start..].iter().find(|&&b| b != b' ');
        first.is_some_and(|&b| self.may_start(b))
    }

    /// Whether a line whose first byte after its spaces is `first` can
    /// open with a paragraph number or a verb.
    pub fn may_start(&self, first: u8) -> bool {
        first.is_ascii_digit() || !self.by_first_byte[usize::from(first)].is_empty()
    }
}

/// How many bytes of a line after a lead are capitalised to look for a
/// verb there: more than the longest verb of the lists.
const CAPITALISED_MAX: usize = 64;

/// `text` with its first letter in capitals ("recalling the" →
/// "Recalling the"), when that letter's capital is as long in UTF-8 (the
/// lengths of a verb found in the copy then hold in `text`). The copy is
/// made in `buffer`, on the caller's stack: a string made for each lead
/// ("Further requests") had cost an allocation and a formatting.
fn capitalised<'b>(text: &str, buffer: &'b mut [u8; CAPITALISED_MAX]) -> Option<&'b str> {
    let first = text.chars().next()?;
    let mut upper = first.to_uppercase();
    let capital = upper.next().filter(|_| upper.next().is_none())?;
    if capital == first || capital.len_utf8() != first.len_utf8() {
        return None;
    }
    let copy = buffer.get_mut(..text.len())?;
    copy.copy_from_slice(text.as_bytes());
    capital.encode_utf8(&mut copy[..first.len_utf8()]);
    std::str::from_utf8(copy).ok()
}

/// A verb spelled out, with its first eight bytes (or fewer) as a number,
/// so that a line's first eight bytes refuse most of the verbs that share
/// its first byte ("Recalling", "Reaffirming", "Requests" …) with one
/// comparison each: comparing them all by `memcmp` had cost about 1% of
/// an old Council text's extraction.
#[derive(Debug, Clone)]
struct Verb {
    bytes: Box<[u8]>,
    kind: Section,
    /// Whether it leads a verb rather than being one (`verb_leads`).
    leads: bool,
    /// The first bytes, little-endian, the rest zero.
    prefix: u64,
    /// Which bytes of `prefix` are the verb's.
    mask: u64,
    /// Its next eight bytes (`prefix`'s), and which of them are the
    /// verb's: most verbs are longer than eight bytes ("Recalling"), and
    /// fewer than sixteen; their other bytes had been compared by a call
    /// to `memcmp`.
    second: u64,
    second_mask: u64,
}

impl Verb {
    fn new(bytes: Vec<u8>, kind: Section, leads: bool) -> Verb {
        let mask_of = |len: usize| match len.min(8) {
            8 => u64::MAX,
            len => (1u64 << (8 * len)) - 1,
        };
        let mask = mask_of(bytes.len());
        let second_mask = mask_of(bytes.len().saturating_sub(8));
        Verb {
            prefix: Verb::head(&bytes) & mask,
            second: Verb::head(bytes.get(8..).unwrap_or_default()) & second_mask,
            bytes: bytes.into_boxed_slice(),
            kind,
            leads,
            mask,
            second_mask,
        }
    }

    /// Whether a text whose first sixteen bytes are `head` and `second`
    /// (as `head` reads them), and whose bytes are `text`, opens with the
    /// verb.
    fn opens(&self, head: u64, second: u64, text: &[u8]) -> bool {
        self.may_open(head)
            && second & self.second_mask == self.second
            && (self.bytes.len() <= 16 || text.starts_with(&self.bytes))
    }

    /// The first eight bytes of `text` (zero after its end), little-endian.
    fn head(text: &[u8]) -> u64 {
        // Most texts (a line and those after it) have eight bytes: read
        // at once, not copied by a call to `memcpy` of a length unknown.
        if let Some(&eight) = text.first_chunk::<8>() {
            return u64::from_le_bytes(eight);
        }
        let mut head = [0u8; 8];
        let len = text.len().min(8);
        head[..len].copy_from_slice(&text[..len]);
        u64::from_le_bytes(head)
    }

    /// How many buckets `bucket` sorts the verbs into.
    const BUCKETS: usize = 256 * 16;

    /// The bucket of the verbs a text whose `head` this is may open with:
    /// by its first byte and the low four bits of its third, which tell
    /// apart most verbs that share their first two bytes ("Rec", "Rea",
    /// "Req"; the third byte of a Chinese verb's first character).
    fn bucket(head: u64) -> usize {
        (head & 0xFF) as usize | (((head >> 16) & 0xF) as usize) << 8
    }

    /// Whether a text whose `head` this is may open with the verb: its
    /// first bytes are the verb's. (No verb holds a zero byte, so a text
    /// shorter than the verb is refused here or by the full comparison.)
    fn may_open(&self, head: u64) -> bool {
        head & self.mask == self.prefix
    }
}

/// Every string a verb's pattern matches: a vocabulary's verbs are words
/// with a few alternatives ("D[ée]termin[ée]e?"), never open-ended.
fn spelled_out(pattern: &str) -> Vec<Vec<u8>> {
    spellings(pattern).unwrap_or_else(|| panic!("verb {pattern:?} is not a finite set of words"))
}

/// Every string `pattern` (case-sensitive) matches, when they are few
/// enough to list.
fn spellings(pattern: &str) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .unwrap_or_else(|e| panic!("vocabulary pattern {pattern:?} is invalid: {e}"));
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_class(16)
        .limit_total(1000);
    let literals = extractor.extract(&hir);
    match literals.literals() {
        Some(all) if literals.is_exact() && !all.is_empty() => Some(
            all.iter()
                .map(|literal| literal.as_bytes().to_vec())
                .collect(),
        ),
        _ => None,
    }
}

fn build_case_sensitive(pattern: &str) -> Regex {
    RegexBuilder::new(pattern)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .unwrap_or_else(|e| panic!("vocabulary pattern {pattern:?} is invalid: {e}"))
}

impl Lexicon {
    /// The compiled lexicon of a language (built on first use).
    pub fn get(lang: Lang) -> &'static Lexicon {
        static CACHE: [OnceLock<Lexicon>; 6] = [const { OnceLock::new() }; 6];
        let index = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0);
        CACHE[index].get_or_init(|| Lexicon::compile(lang.vocabulary()))
    }

    fn compile(v: &'static Vocabulary) -> Lexicon {
        // Word boundaries are Unicode-aware; Chinese has none to speak of.
        // The one before a keyword is checked in code (`starts_word`): a
        // pattern that opens with a character class has no literal for the
        // regex engine's fast scan to look for.
        let wb_end = match v.order {
            KeywordOrder::Before => r"(?:[^\p{L}\p{N}]|$)",
            KeywordOrder::After => "",
        };
        let keyword = build(&format!(
            r"(?:(?P<res>{})|(?P<dec>{})){wb_end}",
            v.resolution.join("|"),
            v.decision.join("|")
        ));
        let resolution_keyword = build(&format!(r"^(?:{}){wb_end}", v.resolution.join("|")));
        let bodies: Vec<(Regex, Body)> = v
            .bodies
            .iter()
            .map(|(p, b)| (build_case_sensitive_if_latin(v, &format!(r"^(?:{p})")), *b))
            .collect();
        let other = v.other_bodies.join("|");
        let other_body = build_case_sensitive_if_latin(v, &format!(r"^(?:{other})"));
        let body_before_keyword: Vec<(Regex, Body)> = v
            .bodies
            .iter()
            .map(|(p, b)| {
                (
                    build_case_sensitive_if_latin(v, &format!(r"(?:{p}){}\s*$", v.body_to_keyword)),
                    *b,
                )
            })
            .collect();
        let other_body_before_keyword =
            build_case_sensitive_if_latin(v, &format!(r"(?:{other}){}\s*$", v.body_to_keyword));
        let possessive_end = (!v.possessives.is_empty()).then(|| {
            let possessive = format!(r"(?:^|[\s,])(?:{})\s*$", v.possessives);
            let bound = format!(
                r"(?:^|[\s,])(?:{}) (?:{})\s*$",
                v.possessive_binders, v.possessives
            );
            (
                build_case_sensitive(&possessive),
                build_case_sensitive(&bound),
            )
        });
        let clause_to_keyword = (!v.possessives.is_empty()).then(|| {
            build_case_sensitive(&format!(
                r"^(?: \p{{Ll}}[\p{{Ll}}'’-]*){{1,4}},? (?:{}) (?:{})\s*$",
                v.possessive_binders, v.possessives
            ))
        });
        let (un_name, un_agency) = v.united_nations;
        let united_nations = (!un_name.is_empty()).then(|| {
            build_case_sensitive_if_latin(
                v,
                &format!(r"^(?:{un_name})(?P<agency> (?:{un_agency})\b)?"),
            )
        });
        let article = r"(?:(?:of )?the |du |de la |de l['’]|le |la |l['’]|del |el )?";
        let bare: Vec<(Regex, Regex, &'static [Organ])> = v
            .bare_bodies
            .iter()
            .map(|(noun, organs)| {
                let start = build_case_sensitive_if_latin(v, &format!(r"^{article}(?:{noun})"));
                let end = build_case_sensitive_if_latin(
                    v,
                    &format!(r"(?:{noun}){}\s*$", v.body_to_keyword),
                );
                (start, end, *organs)
            })
            .collect();
        let organ_names: Vec<String> = v
            .bodies
            .iter()
            .filter(|(_, b)| matches!(b, Body::Organ(_)))
            .map(|(p, _)| format!("(?:{p})"))
            .collect();
        // Unanchored, so that the engine's literal search finds the
        // candidates; whether one opens its line is checked in code.
        let organ_name = build_case_sensitive_if_latin(v, &organ_names.join("|"));
        let organ_mentions = OrganNames::new(v);
        // Each month name in a group of its own, so that a match says which
        // month it found without asking each month's pattern in turn.
        let month_alts = if v.months.is_empty() {
            r"\d{1,2}".to_string()
        } else {
            v.months
                .iter()
                .enumerate()
                .map(|(i, (m, _))| format!("(?P<{MONTH_GROUP}{i}>{m})"))
                .collect::<Vec<_>>()
                .join("|")
        };
        let date_body = v
            .date
            .replace("{d}", r"(?P<d>\d{1,2})")
            .replace("{m}", &format!("(?P<m>{month_alts})"))
            .replace("{y}", r"(?P<y>\d{4})");
        let date = DatePattern::new(build(&date_body), v);
        let intro = if v.date_intro.is_empty() {
            String::new()
        } else {
            format!(r"(?:{}\s+)?", v.date_intro)
        };
        let date_glue = DatePattern::new(build(&format!(r"^,?\s*{intro}{date_body}")), v);
        let shared_dates = SharedDates::new(v, &intro);
        let title_intro = format!(r"^,?\s*(?:(?:{})\s*)?", v.entitled);
        let title_glue = build(&format!(r"{title_intro}(?P<title>{QUOTED})(?:\s*的)?"));
        // The screen looks for the opening quote only: the quoted span
        // itself would make the set's automaton slow.
        let title_opening = build(&format!(r"{title_intro}{QUOTE_OPENING}"));
        // "القرار 5 () 55/2": an Arabic footnote's number and its "()"
        // placeholder land inside the citation in PDF text, or turned
        // round at the end of a line, inside a list (")( 2" in 78/132).
        // A full stop before a connector ends no list: poppler moves an
        // Arabic line's final stop to the number that opens the line
        // ("2018/28. و 2019/24" in 78/132).
        let connector_glue = build(&format!(
            r"^(?:[\s,،，、:]+|\d{{1,3}} ?\(\)|\)\( ?\d{{1,3}}|\.?\s*(?:{}){wb_end_glue})",
            v.connectors,
            wb_end_glue = if v.order == KeywordOrder::Before {
                r"(?:\s|$)"
            } else {
                ""
            }
        ));
        let topic_intro = build(&format!(r"^[\s,]*(?:{})\s", v.entitled));
        let numbering = r"(?:\d{1,3}\s*[.)．-]?\s*)?";
        let opening_numbering = build_case_sensitive(&format!(r"^[ ]*{numbering}"));
        let paragraph_verbs = ParagraphVerbs::new(v);
        let adopted = build(v.adopted);
        // Body patterns are case-sensitive in Latin and Cyrillic scripts,
        // the glue patterns never (see `build_case_sensitive_if_latin`).
        let body_case = !matches!(v.lang, Lang::En | Lang::Fr | Lang::Es | Lang::Ru);
        let step_screen = screen(
            bodies
                .iter()
                .map(|(re, _): &(Regex, Body)| (re, body_case))
                .chain([(&other_body, body_case)])
                .chain(bare.iter().map(|(start, _, _)| (start, body_case)))
                .chain([
                    (&date_glue.regex, true),
                    (&title_opening, true),
                    (&connector_glue, true),
                ]),
            End::Start,
        );
        let before_screen = screen(
            body_before_keyword
                .iter()
                .map(|(re, _): &(Regex, Body)| (re, body_case))
                .chain(bare.iter().map(|(_, end, _)| (end, body_case)))
                .chain([(&other_body_before_keyword, body_case)]),
            End::End,
        );
        Lexicon {
            step_screen,
            before_screen,
            vocab: v,
            keyword_anchors: KeywordAnchors::new(keyword.as_str()),
            keyword_at_start: build_for_anchored_search(keyword.as_str()),
            keyword_walk: KeywordWalk::new(
                &format!(r"(?:{}){wb_end}", v.resolution.join("|")),
                &format!(r"(?:{}){wb_end}", v.decision.join("|")),
            ),
            keyword,
            resolution_keyword,
            bodies,
            other_body,
            body_before_keyword,
            other_body_before_keyword,
            possessive_end,
            bare,
            not_in_names: build(v.not_in_names),
            clause_to_keyword,
            united_nations,
            organ_name,
            organ_mentions,
            date,
            date_glue_walk: LeftmostWalk::new(&[date_glue.regex.as_str()], true),
            connector_walk: LeftmostWalk::new(&[connector_glue.as_str()], true),
            date_glue,
            shared_dates,
            title_glue,
            connector_glue,
            topic_intro,
            opening_numbering,
            paragraph_verbs,
            adopted_anchors: KeywordAnchors::new(adopted.as_str()),
            adopted,
        }
    }

    /// Whether `window` (the text before a keyword) ends with a possessive
    /// that no binder ties to the words before it: "et rappelant sa", not
    /// "dans sa". Such a possessive is the adopting organ's, whatever body
    /// a name read back from it seems to end with.
    pub fn ends_with_free_possessive(&self, window: &str) -> bool {
        self.possessive_end
            .as_ref()
            .is_some_and(|(possessive, bound)| {
                possessive.is_match(window) && !bound.is_match(window)
            })
    }

    /// Who `name`, another body's name read back from a keyword, really
    /// names when it opens with a known organ's full name or the United
    /// Nations' own and runs on over a clause to the keyword ("el Consejo
    /// de Derechos Humanos hizo suyos en su", "de l’Organisation des
    /// Nations Unies qui figure dans sa"): the organ, the subject whose
    /// possessive it is; the Organization, which adopts through its
    /// organs, no body. `None` where the name is another body's after all
    /// ("la Comisión de Estupefacientes, en su", "Comité del Consejo de
    /// Seguridad …").
    pub fn clause_subject(&self, name: &str) -> Option<Option<Body>> {
        let clause = self.clause_to_keyword.as_ref()?;
        let organ = || {
            self.bodies
                .iter()
                .find_map(|(re, body)| re.find(name).map(|m| (m.end(), Some(*body))))
        };
        let united_nations = || {
            let caps = self.united_nations.as_ref()?.captures(name)?;
            let end = caps.get(0)?.end();
            caps.name("agency").is_none().then_some((end, None))
        };
        let (end, body) = organ().or_else(united_nations)?;
        clause.is_match(&name[end..]).then_some(body)
    }

    /// Where `date_glue`'s match at the start of `rest` ends, if it has one.
    pub fn date_glue_end(&self, rest: &str) -> Option<usize> {
        walked_end(&self.date_glue_walk, &self.date_glue.regex, rest)
    }

    /// Dates at the start of `rest` that take their year, or their month
    /// and year, from a whole date after them: a run that shares them
    /// ("of 4 and 14 July 1967", "des 24 juin, 26 septembre et 18 octobre
    /// 2013"), where it ends and each date in turn, whole; else a day and
    /// month alone ("338 (1973) of 22 October, 340 (1973) of 25 October
    /// and 341 (1973) of 27 October 1973"), where it ends and its date
    /// with `NO_YEAR` for its year, which a whole date after it in the
    /// list gives.
    pub fn dates_sharing_a_year_at(&self, rest: &str) -> Option<SharingDates> {
        let shared = self.shared_dates.as_ref()?;
        match shared.opening(rest)? {
            Opening::Run(end) => shared
                .read(rest, end, &self.date)
                .map(|(end, dates)| SharingDates::Run { end, dates }),
            Opening::Yearless => shared
                .read_yearless(rest)
                .map(|(end, date)| SharingDates::Yearless { end, date }),
        }
    }

    /// Where `connector_glue`'s match at the start of `rest` ends, if it
    /// has one.
    pub fn connector_end(&self, rest: &str) -> Option<usize> {
        walked_end(&self.connector_walk, &self.connector_glue, rest)
    }

    /// Whether a keyword found at `at` starts a word: no letter before it
    /// (in languages that separate words).
    pub fn starts_word(&self, text: &str, at: usize) -> bool {
        static LETTER: OnceLock<Regex> = OnceLock::new();
        if self.vocab.order == KeywordOrder::After {
            return true;
        }
        let letter = LETTER.get_or_init(|| build_case_sensitive(r"^\p{L}$"));
        let mut before = [0u8; 4];
        // The letters of ASCII are its 52 Latin ones: the pattern is asked
        // only about the others' characters.
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| match c.is_ascii() {
                true => !c.is_ascii_alphabetic(),
                false => !letter.is_match(c.encode_utf8(&mut before)),
            })
    }

    /// The verb a paragraph opens with at `line` (a line start of `text`),
    /// as its span, and whether it is operative. A line may open with a
    /// verb of each list ("вновь подтверждая" is preambular, "вновь" opens
    /// operative paragraphs): the longer verb tells.
    pub fn paragraph_verb(&self, text: &str, line: usize) -> Option<(Section, (usize, usize))> {
        let rest = &text[line..];
        // The number's pattern matches nothing unless a line opens with a
        // space or a digit.
        let numbered = match rest.as_bytes().first() {
            Some(b' ' | b'0'..=b'9') => ascii_numbering_end(rest.as_bytes())
                .unwrap_or_else(|| self.opening_numbering.find(rest).map_or(0, |m| m.end())),
            _ => 0,
        };
        let (section, len) = self.paragraph_verbs.opening_at(&rest[numbered..])?;
        let start = line + numbered;
        Some((section, (start, start + len)))
    }

    /// A `title_glue` match at the start of `rest` whose title is no longer
    /// than a title can be (a stray quote must not swallow a page).
    pub fn title_at<'t>(&self, rest: &'t str) -> Option<regex::Captures<'t>> {
        let caps = self.title_glue.captures(rest)?;
        let quoted = caps.name("title")?.as_str();
        let inside = quoted.chars().count().saturating_sub(2);
        (inside <= TITLE_MAX_CHARS).then_some(caps)
    }
}

/// `\s` of an ASCII byte: the ASCII characters that are Unicode's white
/// space.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// Where the match of `regex`, anchored at the start, at the start of
/// `rest` ends, if it has one: by `walk`, the same pattern's automaton, or
/// by the regex where the walk gives up.
fn walked_end(walk: &LeftmostWalk, regex: &Regex, rest: &str) -> Option<usize> {
    match walk.find(rest, 0, true) {
        Ok(found) => found.map(|(end, _)| end),
        Err(GaveUp) => regex.find(rest).map(|m| m.end()),
    }
}

/// Where `opening_numbering` (`^[ ]*(?:\d{1,3}\s*[.)．-]?\s*)?`) ends its
/// match at the start of `line`, read by hand where only ASCII bytes
/// decide it: the pattern's search cost more than the rest of finding a
/// numbered paragraph's verb (an old Council text numbers most of its).
/// `None` where a byte beyond ASCII stands where the pattern could take
/// it (a digit or space of another script, a full-width full stop).
fn ascii_numbering_end(line: &[u8]) -> Option<usize> {
    // Past the spaces, the run of `\s`: stops at the first byte that is
    // not one, or `None` at a byte beyond ASCII.
    let spaces_end = |mut at: usize| {
        while let Some(&b) = line.get(at) {
            match b {
                _ if is_space(b) => at += 1,
                0x80.. => return None,
                _ => break,
            }
        }
        Some(at)
    };
    let start = line.iter().take_while(|&&b| b == b' ').count();
    let digits = line[start..]
        .iter()
        .take(3)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 {
        // A byte beyond ASCII may be another script's digit.
        return match line.get(start) {
            Some(0x80..) => None,
            _ => Some(start),
        };
    }
    // (A byte beyond ASCII after fewer than three digits may be a digit:
    // `spaces_end` refuses it.)
    let mut at = spaces_end(start + digits)?;
    match line.get(at) {
        Some(b'.' | b')' | b'-') => at += 1,
        // "．" (EF BC 8E) or another character beyond ASCII.
        Some(0x80..) => return None,
        _ => {}
    }
    spaces_end(at)
}

/// The prefix of the groups that hold one month name each: `month0`,
/// `month1`…
const MONTH_GROUP: &str = "month";

/// A date pattern (`{d} {m} {y}` in a language's words) and where its
/// day, month and year are among its groups, looked up once: asking a
/// match for a group by name hashes the name.
pub struct DatePattern {
    pub regex: Regex,
    day: usize,
    month: usize,
    year: usize,
    /// The group of each month name and the month's number; empty where
    /// months are written as numbers.
    month_names: Vec<(usize, u8)>,
    /// What each run of digits of a match is, in order.
    digit_runs: Vec<DatePart>,
    /// The month names, one pattern each, when months are written in words.
    month_finder: Option<LeftmostWalk>,
    /// Their spellings in ASCII, for dates written in ASCII.
    ascii_months: Option<AsciiMonths>,
    /// How many runs of digits stand before the month in a date: its name
    /// is looked for after them, so that an intro's word that holds one
    /// ("принятмай  1 июня") is not read as the month.
    runs_before_month: usize,
}

/// Dates in a run that take their year, or their month and year, from
/// the whole date that ends it: "of 4 and 14 July 1967", "of 4, 10 and
/// 14 July 1967", "of 4 June and 14 July 1967". The vocabulary says how
/// such a date is written (`date_shared`) and what joins the dates
/// (`date_joiners`).
struct SharedDates {
    /// The whole run, anchored: a comma and an intro, each optional, one
    /// shared date or more, each with its joiner, and a whole date.
    run: Regex,
    /// The comma and intro that may open the run, anchored.
    intro: Regex,
    /// A day and its month after the comma and intro, anchored: a date
    /// without its year.
    yearless: Regex,
    /// `run` and `yearless` in one lazy automaton, in that order.
    opening_walk: LeftmostWalk,
    /// One shared date, anchored; the day in group `d`, the month, where
    /// the date has one, in a group of its own (`MONTH_GROUP`).
    shared: Regex,
    /// A joiner and the spaces around it, anchored.
    joiner: Regex,
    /// A whole date up to the end of the text, anchored.
    whole: Regex,
    /// The day's group of `shared`, and the group of each month name with
    /// the month's number.
    day: usize,
    month_names: Vec<(usize, u8)>,
    /// `intro`, `shared` (without its groups), `joiner` and `whole` as
    /// walks: the regex crate set itself up anew for each of these short
    /// anchored matches, and read `shared`'s groups with its slowest
    /// engine (a tenth of the dates' reading on the old Council texts).
    intro_walk: LeftmostWalk,
    shared_walk: LeftmostWalk,
    joiner_walk: LeftmostWalk,
    whole_walk: LeftmostWalk,
    /// The month names' ASCII spellings, where a shared date opens with
    /// its day (`{d}`) and the names are spelled so (`AsciiMonths::new`):
    /// an ASCII date's day and month are then read without the groups.
    ascii_months: Option<AsciiMonths>,
}

/// One shared date read: where it ends, its day and its month, where it
/// has one (as `SharedDates::shared`'s groups give them).
type SharedDate = (usize, Option<u8>, Option<u8>);

/// Which dates sharing a year open a step's text.
enum Opening {
    /// A run, and where it ends when the walk told.
    Run(Option<usize>),
    Yearless,
}

/// What [`Lexicon::dates_sharing_a_year_at`] read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharingDates {
    Run {
        end: usize,
        dates: Vec<Option<String>>,
    },
    Yearless {
        end: usize,
        date: String,
    },
}

/// The year of a date whose year is not known yet ("0000-10-22"); no
/// date read whole has it (`valid_iso` takes years from 1945 on).
pub const NO_YEAR: &str = "0000";

impl SharedDates {
    /// Which of a run and a date without its year opens `rest`, told by
    /// one walk of a lazy automaton over both patterns: most steps that
    /// ask (at the end of a list) are told no within a few bytes, before
    /// the patterns that capture are searched.
    /// Leftmost-first, the walk's match is the run's where the run
    /// matches, and then ends where the run's does.
    fn opening(&self, rest: &str) -> Option<Opening> {
        let (end, pattern) = match self.opening_walk.find(rest, 0, true) {
            Ok(found) => {
                let (end, pattern) = found?;
                (Some(end), pattern)
            }
            Err(GaveUp) => match (self.run.is_match(rest), self.yearless.is_match(rest)) {
                (true, _) => (None, 0),
                (false, true) => (None, 1),
                (false, false) => return None,
            },
        };
        Some(if pattern == 0 {
            Opening::Run(end)
        } else {
            Opening::Yearless
        })
    }

    /// `None` where the vocabulary writes no shared dates. `intro` is the
    /// optional intro of `date_glue`.
    fn new(v: &Vocabulary, intro: &str) -> Option<SharedDates> {
        if v.date_shared.is_empty() {
            return None;
        }
        // Without groups, for the run, which repeats its shared date.
        let plain = |template: &str| {
            let months: Vec<&str> = v.months.iter().map(|(m, _)| *m).collect();
            template
                .replace("{d}", r"\d{1,2}")
                .replace("{m}", &format!("(?:{})", months.join("|")))
                .replace("{y}", r"\d{4}")
        };
        let joiner = format!(r"\s*(?:{})\s*", v.date_joiners);
        let run = build(&format!(
            r"^,?\s*{intro}(?:(?:{}){joiner})+(?:{})",
            plain(v.date_shared),
            plain(v.date)
        ));
        let month_alts = v
            .months
            .iter()
            .enumerate()
            .map(|(i, (m, _))| format!("(?P<{MONTH_GROUP}{i}>{m})"))
            .collect::<Vec<_>>()
            .join("|");
        let shared = build(&format!(
            "^(?:{})",
            v.date_shared
                .replace("{d}", r"(?P<d>\d{1,2})")
                .replace("{m}", &format!("(?:{month_alts})"))
        ));
        let names: Vec<Option<&str>> = shared.capture_names().collect();
        let group = |name: &str| names.iter().position(|n| *n == Some(name));
        let day = group("d").unwrap_or_else(|| panic!("{:?}: date_shared has no {{d}}", v.lang));
        let month_names: Vec<(usize, u8)> = v
            .months
            .iter()
            .enumerate()
            .filter_map(|(i, (_, number))| Some((group(&format!("{MONTH_GROUP}{i}"))?, *number)))
            .collect();
        // A shared date's month is its last group, optional: without its
        // `?` (checked for every vocabulary by a test), the date of a day
        // and month alone.
        let day_and_month = v.date_shared.strip_suffix('?').unwrap_or(v.date_shared);
        let yearless = build(&format!(r"^,?\s*{intro}(?:{})", plain(day_and_month)));
        let intro = build(&format!(r"^,?\s*{intro}"));
        let joiner = build(&format!("^{joiner}"));
        let whole = build(&format!("^(?:{})$", plain(v.date)));
        // `shared_by_walk` reads a month's number by its place in the table.
        assert_eq!(
            month_names.len(),
            v.months.len(),
            "a month without its group"
        );
        let walk = |pattern: &str| LeftmostWalk::new(&[pattern], true);
        Some(SharedDates {
            opening_walk: LeftmostWalk::new(&[run.as_str(), yearless.as_str()], true),
            intro_walk: walk(intro.as_str()),
            shared_walk: walk(&format!("^(?:{})", plain(v.date_shared))),
            joiner_walk: walk(joiner.as_str()),
            whole_walk: walk(whole.as_str()),
            ascii_months: AsciiMonths::new(v.months).filter(|_| v.date_shared.starts_with("{d}")),
            run,
            yearless,
            intro,
            shared,
            joiner,
            whole,
            day,
            month_names,
        })
    }

    /// The run at the start of `rest`: where it ends, and its dates in
    /// turn, each shared date completed by the month and year after it
    /// ("4" takes the month of "14 July 1967", "4 June" its year). `date`
    /// reads the whole date that ends the run. `end` is where the run
    /// ends, when the opening's walk told.
    fn read(
        &self,
        rest: &str,
        end: Option<usize>,
        date: &DatePattern,
    ) -> Option<(usize, Vec<Option<String>>)> {
        let end = match end {
            Some(end) => end,
            None => self.run.find(rest)?.end(),
        };
        let run = &rest[..end];
        let mut at = walked_end(&self.intro_walk, &self.intro, run).unwrap_or(0);
        // Each shared date's day and month, as written.
        let mut shared: Vec<(Option<u8>, Option<u8>)> = Vec::new();
        while !self.is_whole_date(&run[at..]) {
            let (len, day, month) = self.shared_at(&run[at..])?;
            shared.push((day, month));
            at += len;
            at += walked_end(&self.joiner_walk, &self.joiner, &run[at..])?;
        }
        let last = date.iso_of(&run[at..]);
        // "yyyy-mm-dd": the year and month the shared dates take.
        let year_and_month = last
            .as_deref()
            .and_then(|iso| Some((iso.get(..4)?.parse().ok()?, iso.get(5..7)?.parse().ok()?)));
        let mut dates = vec![None; shared.len()];
        if let Some((year, mut month)) = year_and_month {
            for ((day, own_month), out) in shared.iter().zip(dates.iter_mut()).rev() {
                month = own_month.unwrap_or(month);
                *out = day.and_then(|day| valid_iso(day, month, year));
            }
        }
        dates.push(last);
        Some((end, dates))
    }

    /// Whether `text` is a whole date and nothing more (`whole`).
    fn is_whole_date(&self, text: &str) -> bool {
        match self.whole_walk.find(text, 0, true) {
            Ok(found) => found.is_some(),
            Err(GaveUp) => self.whole.is_match(text),
        }
    }

    /// The shared date at the start of `text`, as `shared`'s groups give
    /// it.
    fn shared_at(&self, text: &str) -> Option<SharedDate> {
        match self.shared_by_walk(text) {
            Some(read) => read,
            None => self.shared_by_groups(text),
        }
    }

    /// `shared_at` by `shared`'s groups: where the walk cannot tell, and
    /// the specification of `shared_by_walk`.
    fn shared_by_groups(&self, text: &str) -> Option<SharedDate> {
        let caps = self.shared.captures(text)?;
        let day = caps.get(self.day).and_then(|d| d.as_str().parse().ok());
        let month = self
            .month_names
            .iter()
            .find(|(group, _)| caps.get(*group).is_some())
            .map(|(_, number)| *number);
        Some((caps.get(0)?.end(), day, month))
    }

    /// `shared_at` without the groups, where the match is ASCII: it ends
    /// where the walk says; the day (`\d{1,2}`, greedy, and the pattern
    /// opens with it) is its first one or two digits; the month, if any,
    /// is the name that starts first after them (the day and the words
    /// between hold none), the first in the table of those that start
    /// there, as the groups' alternation takes it. `None` where this
    /// cannot tell: the groups are read then.
    fn shared_by_walk(&self, text: &str) -> Option<Option<SharedDate>> {
        let months = self.ascii_months.as_ref()?;
        let end = match self.shared_walk.find(text, 0, true) {
            Ok(Some((end, _))) => end,
            Ok(None) => return Some(None),
            Err(GaveUp) => return None,
        };
        let matched = &text.as_bytes()[..end];
        if !matched.is_ascii() {
            return None;
        }
        let digits = matched.iter().take_while(|b| b.is_ascii_digit()).count();
        let day_end = digits.min(2);
        let day = matched[..day_end]
            .iter()
            .try_fold(0u8, |day, &b| day.checked_mul(10)?.checked_add(b - b'0'))
            .filter(|_| day_end > 0);
        let month = months
            .find(&matched[day_end..])
            .and_then(|index| self.month_names.get(index))
            .map(|(_, number)| *number);
        Some(Some((end, day, month)))
    }

    /// A shared date with its month, alone: "of 22 October" before a
    /// comma or a connector.
    fn read_yearless(&self, rest: &str) -> Option<(usize, String)> {
        let at = walked_end(&self.intro_walk, &self.intro, rest).unwrap_or(0);
        let (len, day, month) = self.shared_at(&rest[at..])?;
        let (day, month) = (day?, month?);
        (1..=31).contains(&day).then_some(())?;
        let date = iso_date(0, month, day);
        debug_assert!(date.starts_with(NO_YEAR));
        Some((at + len, date))
    }
}

/// At most this many runs of digits in a date (a day, a month and a year)
/// are read in one pass (`iso_of_ascii`).
const MAX_DATE_RUNS: usize = 3;

/// A part of a date written in digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DatePart {
    Day,
    Month,
    Year,
}

impl DatePattern {
    fn new(regex: Regex, v: &Vocabulary) -> DatePattern {
        let names: Vec<Option<&str>> = regex.capture_names().collect();
        // A vocabulary's pattern without one of these groups is a bug in
        // the tables, caught by every test that reads a date.
        let index = |name: &str| {
            names
                .iter()
                .position(|n| *n == Some(name))
                .unwrap_or_else(|| panic!("date pattern {:?} has no group {name}", regex.as_str()))
        };
        let month_names = v
            .months
            .iter()
            .enumerate()
            .map(|(i, (_, number))| (index(&format!("{MONTH_GROUP}{i}")), *number))
            .collect();
        DatePattern {
            day: index("d"),
            month: index("m"),
            year: index("y"),
            month_names,
            digit_runs: digit_runs_of(v),
            month_finder: month_finder(v),
            ascii_months: AsciiMonths::new(v.months),
            runs_before_month: runs_before_month(v),
            regex,
        }
    }

    /// An ISO date from a whole match of this pattern, read without the
    /// capture engine (which cost nine times what finding the match did):
    /// the day and year (and a month in digits) are the match's runs of
    /// digits, in the order the language writes them, and a month's name
    /// is found by one automaton of all the names. Where the runs are not
    /// as many as the parts, the groups are read after all.
    pub fn iso_of(&self, matched: &str) -> Option<String> {
        if matched.is_ascii() {
            return self.iso_of_ascii(matched);
        }
        self.iso_of_runs(matched, digit_runs(matched), false)
    }

    /// `iso_of` of an ASCII match, in one pass over its bytes: each run of
    /// digits is valued as it is read, and the month's name compared with
    /// the names' ASCII spellings. (Over iterators of runs, a date had
    /// cost about 500 instructions.)
    fn iso_of_ascii(&self, matched: &str) -> Option<String> {
        let bytes = matched.as_bytes();
        let mut values = [None; MAX_DATE_RUNS];
        let parts = self.digit_runs.len();
        if parts > MAX_DATE_RUNS {
            return self.iso_of_runs(matched, ascii_digit_runs(matched), true);
        }
        let (mut runs, mut month_from, mut at) = (0, 0, 0);
        while at < bytes.len() {
            if !bytes[at].is_ascii_digit() {
                at += 1;
                continue;
            }
            // The run's value as `run_value` reads it, none past `u32`: a
            // value read so far is no more than the whole run's, so one
            // that saturates `u64` was past `u32` already.
            let mut value = 0u64;
            while let Some(digit) = bytes.get(at).filter(|b| b.is_ascii_digit()) {
                value = value
                    .saturating_mul(10)
                    .saturating_add(u64::from(digit - b'0'));
                at += 1;
            }
            let value = u32::try_from(value).ok();
            if runs == parts {
                return self.iso_by_groups(matched);
            }
            if runs < self.runs_before_month {
                month_from = at;
            }
            values[runs] = value;
            runs += 1;
        }
        if runs < parts {
            return self.iso_by_groups(matched);
        }
        let (mut day, mut month, mut year) = (None, None, None);
        for (part, value) in self.digit_runs.iter().zip(values) {
            match part {
                DatePart::Day => day = value.and_then(|v| u8::try_from(v).ok()),
                DatePart::Month => month = value.and_then(|v| u8::try_from(v).ok()),
                DatePart::Year => year = value.and_then(|v| u16::try_from(v).ok()),
            }
        }
        if let Some(finder) = &self.month_finder {
            let pattern = match &self.ascii_months {
                Some(months) => months.find(&bytes[month_from..]),
                _ => match finder.find(matched, month_from, false) {
                    Ok(found) => found.map(|(_, pattern)| pattern),
                    Err(GaveUp) => return self.iso_by_groups(matched),
                },
            };
            month = self.month_names.get(pattern?).map(|(_, number)| *number);
        }
        valid_iso(day?, month?, year?)
    }

    /// `iso_of` with the match's runs of digits as `runs` gives them;
    /// `ascii` says the match is all ASCII, its month's name then
    /// compared with the names' ASCII spellings without a look at it.
    fn iso_of_runs<'m>(
        &self,
        matched: &'m str,
        mut runs: impl Iterator<Item = (usize, &'m str)>,
        ascii: bool,
    ) -> Option<String> {
        let (mut day, mut month, mut year) = (None, None, None);
        let mut month_from = 0;
        for (index, part) in self.digit_runs.iter().enumerate() {
            let Some((start, run)) = runs.next() else {
                return self.iso_by_groups(matched);
            };
            if index < self.runs_before_month {
                month_from = start + run.len();
            }
            match part {
                DatePart::Day => day = run_value(run),
                DatePart::Month => month = run_value(run),
                DatePart::Year => year = run_value(run),
            }
        }
        if runs.next().is_some() {
            return self.iso_by_groups(matched);
        }
        if let Some(finder) = &self.month_finder {
            let rest = &matched[month_from..];
            let pattern = match &self.ascii_months {
                Some(months) if ascii || rest.is_ascii() => months.find(rest.as_bytes()),
                // Which name, not where it starts: the forward walk alone
                // tells it (a whole match would search back for the start).
                _ => match finder.find(matched, month_from, false) {
                    Ok(found) => found.map(|(_, pattern)| pattern),
                    Err(GaveUp) => return self.iso_by_groups(matched),
                },
            };
            month = self.month_names.get(pattern?).map(|(_, number)| *number);
        }
        valid_iso(day?, month?, year?)
    }

    fn iso_by_groups(&self, matched: &str) -> Option<String> {
        self.regex
            .captures(matched)
            .and_then(|caps| self.iso(&caps))
    }

    /// An ISO date from a match of this pattern.
    pub fn iso(&self, caps: &regex::Captures<'_>) -> Option<String> {
        let day: u8 = caps.get(self.day)?.as_str().parse().ok()?;
        let month = match self.month_names.is_empty() {
            true => caps.get(self.month)?.as_str().trim().parse().ok()?,
            false => self
                .month_names
                .iter()
                .find(|(group, _)| caps.get(*group).is_some())
                .map(|(_, number)| *number)?,
        };
        let year: u16 = caps.get(self.year)?.as_str().parse().ok()?;
        valid_iso(day, month, year)
    }
}

/// The ISO date of a plausible day, month and year of a UN text.
fn valid_iso(day: u8, month: u8, year: u16) -> Option<String> {
    let valid =
        (1..=31).contains(&day) && (1..=12).contains(&month) && (1945..=2100).contains(&year);
    valid.then(|| iso_date(year, month, day))
}

/// The runs of ASCII digits of an ASCII `text`, each with its offset, read
/// a byte at a time: a date's runs, more cheaply than `digit_runs` gives
/// them.
fn ascii_digit_runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while bytes.get(at).is_some_and(|b| !b.is_ascii_digit()) {
            at += 1;
        }
        let start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        (at > start).then(|| (start, &text[start..at]))
    })
}

/// The runs of digits of `text`, as the date patterns' `\d` reads them,
/// each with where it starts. Where no character but ASCII ones is
/// numeric, its only `\d` digits are ASCII digits, found a byte at a
/// time; otherwise the regex finds them (other scripts' digits are rare
/// in UN texts).
fn digit_runs(text: &str) -> DigitRuns<'_> {
    if !text.is_ascii() && text.chars().any(|c| !c.is_ascii() && c.is_numeric()) {
        return DigitRuns::Unicode(digit_run_regex().find_iter(text));
    }
    DigitRuns::Ascii { text, at: 0 }
}

/// What `digit_runs` finds them with: an iterator of either kind, not a
/// boxed one (a date's three runs had cost an allocation and a call
/// through a pointer each).
enum DigitRuns<'t> {
    /// Only ASCII characters are numeric: a byte at a time from `at`.
    Ascii { text: &'t str, at: usize },
    /// Some other script's digits too: the regex's runs.
    Unicode(regex::Matches<'static, 't>),
}

impl<'t> Iterator for DigitRuns<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        match self {
            DigitRuns::Ascii { text, at } => {
                let bytes = text.as_bytes();
                let start = *at + bytes[*at..].iter().position(u8::is_ascii_digit)?;
                let len = bytes[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                *at = start + len;
                Some((start, &text[start..*at]))
            }
            DigitRuns::Unicode(matches) => matches.next().map(|m| (m.start(), m.as_str())),
        }
    }
}

/// The value of a run of digits, as `str::parse` gives it: `None` when a
/// digit is not ASCII (another script's) or the value does not fit.
/// Read by hand: `parse` had cost sixty instructions a run.
fn run_value<T: TryFrom<u32>>(run: &str) -> Option<T> {
    if run.is_empty() {
        return None;
    }
    let value = run.bytes().try_fold(0u32, |value, b| {
        let digit = b.is_ascii_digit().then(|| u32::from(b - b'0'))?;
        value.checked_mul(10)?.checked_add(digit)
    })?;
    T::try_from(value).ok()
}

/// Runs of digits, as the date patterns' `\d` reads them.
fn digit_run_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\d+").expect("valid pattern"))
}

/// The parts of a language's dates written in digits, in the order its
/// date template has them: the day and year, and the month where months
/// have no names. Nothing else in a date match is a digit (the intros,
/// the template's words and the month names have none), and each part is
/// a whole run: the template puts a non-digit between any two.
fn digit_runs_of(v: &Vocabulary) -> Vec<DatePart> {
    let mut parts = vec![
        (v.date.find("{d}"), DatePart::Day),
        (v.date.find("{y}"), DatePart::Year),
    ];
    if v.months.is_empty() {
        parts.push((v.date.find("{m}"), DatePart::Month));
    }
    parts.sort_by_key(|(at, _)| *at);
    parts.into_iter().map(|(_, part)| part).collect()
}

/// How many of the runs of digits of a language's dates stand before the
/// month (none where months are written in digits: it is a run itself).
fn runs_before_month(v: &Vocabulary) -> usize {
    let Some(month) = v.date.find("{m}").filter(|_| !v.months.is_empty()) else {
        return 0;
    };
    ["{d}", "{y}"]
        .iter()
        .filter(|part| v.date.find(*part).is_some_and(|at| at < month))
        .count()
}

/// A language's month names as their spellings in ASCII, each with its
/// month's place in the table (the month finder's pattern), by first
/// byte in lower case. On ASCII text the case-insensitive automaton can
/// match only these, without case, so comparing bytes finds what it
/// finds: the name that starts first, and of those the first in the
/// table. A walk of the automaton had cost about 380 instructions a date.
struct AsciiMonths {
    by_first_byte: Vec<Vec<(Box<[u8]>, usize)>>,
}

impl AsciiMonths {
    /// `None` where months are written in digits, or a name asks what
    /// stands around it (a word boundary) or is no finite set of
    /// spellings, or a spelling is empty or holds one of the two letters
    /// beyond ASCII that match ASCII ones without case (the Kelvin sign,
    /// the long s): the automaton must then be asked.
    fn new(months: &[(&str, u8)]) -> Option<AsciiMonths> {
        if months.is_empty() {
            return None;
        }
        let mut by_first_byte = vec![Vec::new(); 256];
        for (index, (name, _)) in months.iter().enumerate() {
            let hir = regex_syntax::Parser::new().parse(name).ok()?;
            if !hir.properties().look_set().is_empty() {
                return None;
            }
            for spelling in spellings(name)? {
                let text = String::from_utf8(spelling).ok()?;
                if text.is_empty() || text.contains(['\u{212A}', '\u{17F}']) {
                    return None;
                }
                if !text.is_ascii() {
                    continue;
                }
                let lower = text.to_ascii_lowercase().into_bytes();
                by_first_byte[usize::from(lower[0])].push((lower.into_boxed_slice(), index));
            }
        }
        Some(AsciiMonths { by_first_byte })
    }

    /// The table place of the month name that starts first in `text`
    /// (ASCII), the first in the table where two start together.
    fn find(&self, text: &[u8]) -> Option<usize> {
        (0..text.len()).find_map(|at| {
            let rest = &text[at..];
            let mut found: Option<usize> = None;
            for (spelling, index) in &self.by_first_byte[usize::from(rest[0].to_ascii_lowercase())]
            {
                // The spellings are kept in lower case.
                let matches = rest.get(..spelling.len()).is_some_and(|head| {
                    head.iter()
                        .zip(spelling.iter())
                        .all(|(&b, &s)| b.to_ascii_lowercase() == s)
                });
                if matches && found.is_none_or(|known| *index < known) {
                    found = Some(*index);
                }
            }
            found
        })
    }
}

/// One automaton of a language's month names, pattern `i` the `i`-th
/// month of its table, case-insensitive as the date patterns are; `None`
/// where months are written in digits.
fn month_finder(v: &Vocabulary) -> Option<LeftmostWalk> {
    if v.months.is_empty() {
        return None;
    }
    let names: Vec<&str> = v.months.iter().map(|(name, _)| *name).collect();
    Some(LeftmostWalk::new(&names, true))
}

/// `YYYY-MM-DD`, written digit by digit into an array, then copied whole:
/// `format!` cost a third of reading a date (a date follows most
/// citations in a General Assembly text), and pushing the characters one
/// by one half of what remained.
fn iso_date(year: u16, month: u8, day: u8) -> String {
    /// Each number below 100 in two digits, "00" to "99".
    const PAIRS: &str = "0001020304050607080910111213141516171819\
                         2021222324252627282930313233343536373839\
                         4041424344454647484950515253545556575859\
                         6061626364656667686970717273747576777879\
                         8081828384858687888990919293949596979899";
    let pair = |n: u16| {
        PAIRS
            .get(usize::from(n % 100) * 2..)
            .and_then(|p| p.get(..2))
            .unwrap_or("00")
    };
    let mut iso = String::with_capacity(10);
    iso.push_str(pair(year / 100));
    iso.push_str(pair(year));
    iso.push('-');
    iso.push_str(pair(u16::from(month)));
    iso.push('-');
    iso.push_str(pair(u16::from(day)));
    iso
}

/// A set of the given patterns, each case-insensitive or not as its own
/// regex was built. A screen only has to let every real match through, so
/// word-boundary assertions are dropped: on non-ASCII text a Unicode `\b`
/// sends the regex engine from its fast automaton to a slow one.
///
/// Patterns anchored at the start also lose what may match nothing at
/// their end, as `optional_tail_dropped` says: whether a pattern matches
/// at the start does not depend on it, and an optional tail such as the
/// French "(?: des …[ \w'’-]{1,60}?)?" of other bodies' names kept the
/// automaton running, and building new states, sixty characters further
/// on every step of a chain. Patterns anchored at the end keep their
/// tails, which decide where they can match.
fn screen<'r>(patterns: impl Iterator<Item = (&'r Regex, bool)>, end: End) -> Screen {
    let flagged: Vec<String> = patterns
        .map(|(re, case_insensitive)| {
            let relaxed = re.as_str().replace(r"\b", "");
            let dropped = match end {
                End::Start => optional_tail_dropped(&relaxed, case_insensitive),
                End::End => None,
            };
            match (dropped, case_insensitive) {
                (Some(shorter), _) => shorter,
                (None, true) => format!("(?i:{relaxed})"),
                (None, false) => format!("(?:{relaxed})"),
            }
        })
        .collect();
    Screen::new(&flagged, end)
}

/// Which end of a text a screen's patterns are anchored at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    Start,
    End,
}

/// Which of a few patterns, all anchored at one end of a text, match
/// there: one lazy automaton for all of them, run from that end (backward
/// for the end) until none can match any more.
///
/// A `RegexSet` ran forward over the whole window for patterns anchored
/// at its end (the 160 bytes before each keyword: a twentieth of English
/// extraction), and allocated its answer on every step of a chain.
struct Screen {
    automaton: LazyAutomaton,
    end: End,
}

impl Screen {
    /// At most this many patterns: their matches are bits of a `u64`.
    const MAX_PATTERNS: usize = 64;

    fn new(patterns: &[String], end: End) -> Screen {
        use regex_automata::MatchKind;
        assert!(
            patterns.len() <= Screen::MAX_PATTERNS,
            "too many patterns for a screen"
        );
        // The search is anchored at the screen's end: a pattern that is not
        // would be missed wherever it matches elsewhere.
        for pattern in patterns {
            assert!(
                anchored_at(pattern, end),
                "screen pattern {pattern:?} is not anchored at its end of the text"
            );
        }
        let automaton = LazyAutomaton::new(patterns, MatchKind::All, end == End::End, false);
        Screen { automaton, end }
    }

    /// The patterns that match `text` at the screen's end, as bits: the
    /// patterns of every match state on the way from that end to where no
    /// pattern can match any more. When the automaton gives up (it never
    /// should: word boundaries were taken out), every pattern is let
    /// through.
    fn matches(&self, text: &str) -> Matched {
        let automaton = &self.automaton;
        let bytes = text.as_bytes();
        let mut matched = 0u64;
        let mut take_in = |slot: &mut CacheSlot, state: LazyStateID, _: usize| {
            matched |= slot.match_bits(automaton, state);
        };
        // Anchored at either end of the whole text, nothing lies beyond
        // that end to look at: one start state, forward or backward.
        let walked = match self.end {
            End::Start => automaton.run(StartKey::TEXT, bytes.iter(), &mut take_in),
            End::End => automaton.run(StartKey::TEXT, bytes.iter().rev(), &mut take_in),
        };
        match walked {
            Ok(()) => Matched(matched),
            Err(GaveUp) => Matched(u64::MAX),
        }
    }
}

type Cache = regex_automata::hybrid::dfa::Cache;
type LazyStateID = regex_automata::hybrid::LazyStateID;

/// Patterns in one lazy automaton, walked by hand a byte at a time: the
/// regex crate's searches set themselves up anew for each call, which
/// costs more than the walk itself on the few bytes asked here (a chain
/// step, a keyword, a date).
///
/// Each thread keeps its own cache for each automaton, found by the
/// automaton's number, with the start states it has worked out: a pool's
/// guard and a search's setup cost more than the few bytes walked.
struct LazyAutomaton {
    dfa: regex_automata::hybrid::dfa::DFA,
    id: usize,
}

/// One thread's cache for one automaton, and the start states worked out
/// in it since it was last cleared, by whether the walk is anchored and
/// the byte before it (none at the start of the text).
///
/// The patterns of a screen's first few match states, as bits, are kept
/// too.
struct CacheSlot {
    cache: Cache,
    clear_count: usize,
    starts: Vec<Option<LazyStateID>>,
    match_bits: Vec<(LazyStateID, u64)>,
}

impl CacheSlot {
    /// Start states for each byte before the walk and for none, anchored
    /// and not.
    const STARTS: usize = 2 * 257;

    /// At most this many match states' patterns are kept, the first met:
    /// they are looked for one after another.
    const MATCH_STATES: usize = 16;

    fn new(dfa: &regex_automata::hybrid::dfa::DFA) -> CacheSlot {
        let cache = dfa.create_cache();
        CacheSlot {
            clear_count: cache.clear_count(),
            cache,
            starts: vec![None; CacheSlot::STARTS],
            match_bits: Vec::new(),
        }
    }

    /// Forgets the start states if the cache was cleared since they were
    /// worked out: its states' numbers are stale then.
    fn check_cleared(&mut self) {
        let clear_count = self.cache.clear_count();
        if clear_count != self.clear_count {
            self.starts.fill(None);
            self.match_bits.clear();
            self.clear_count = clear_count;
        }
    }

    /// The patterns of match state `state`, below `Screen::MAX_PATTERNS`,
    /// as bits.
    #[inline(always)]
    fn match_bits(&mut self, automaton: &LazyAutomaton, state: LazyStateID) -> u64 {
        self.check_cleared();
        match self.match_bits.iter().find(|(known, _)| *known == state) {
            Some(&(_, bits)) => bits,
            None => self.new_match_bits(automaton, state),
        }
    }

    /// `match_bits` for a state not met since the cache was last cleared.
    #[cold]
    #[inline(never)]
    fn new_match_bits(&mut self, automaton: &LazyAutomaton, state: LazyStateID) -> u64 {
        let dfa = &automaton.dfa;
        let cache = &self.cache;
        let bits = (0..dfa.match_len(cache, state))
            .map(|index| dfa.match_pattern(cache, state, index).as_usize())
            .filter(|&pattern| pattern < Screen::MAX_PATTERNS)
            .fold(0, |bits, pattern| bits | 1 << pattern);
        if self.match_bits.len() < CacheSlot::MATCH_STATES {
            self.match_bits.push((state, bits));
        }
        bits
    }
}

/// Which start state a walk takes: whether it is anchored, and the byte
/// before it (none at the start of the text), as an index of
/// `CacheSlot::starts`.
#[derive(Clone, Copy)]
struct StartKey(usize);

impl StartKey {
    /// Anchored at the start of the text (or, walking backward, its end).
    const TEXT: StartKey = StartKey(257);

    #[inline(always)]
    fn new(look_behind: Option<u8>, anchored: bool) -> StartKey {
        StartKey(usize::from(anchored) * 257 + look_behind.map_or(0, |byte| usize::from(byte) + 1))
    }

    fn anchored(self) -> bool {
        self.0 >= 257
    }

    fn look_behind(self) -> Option<u8> {
        match self.0 % 257 {
            0 => None,
            byte => u8::try_from(byte - 1).ok(),
        }
    }
}

/// Numbers the automata, for their caches.
static NEXT_AUTOMATON: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

thread_local! {
    /// This thread's caches, by automaton number.
    static CACHES: std::cell::RefCell<Vec<Option<Box<CacheSlot>>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The automaton gave up: the caller asks the regex crate instead.
#[derive(Debug)]
pub struct GaveUp;

impl LazyAutomaton {
    fn new(
        patterns: &[impl AsRef<str>],
        kind: regex_automata::MatchKind,
        reverse: bool,
        case_insensitive: bool,
    ) -> LazyAutomaton {
        use regex_automata::{hybrid::dfa::DFA, nfa::thompson, util::syntax};
        let dfa = DFA::builder()
            .syntax(syntax::Config::new().case_insensitive(case_insensitive))
            .configure(DFA::config().match_kind(kind).cache_capacity(64 << 20))
            .thompson(
                thompson::Config::new()
                    .reverse(reverse)
                    .nfa_size_limit(Some(64 << 20)),
            )
            .build_many(patterns)
            .unwrap_or_else(|e| {
                let patterns: Vec<&str> = patterns.iter().map(AsRef::as_ref).collect();
                panic!("vocabulary patterns {patterns:?} are invalid: {e}")
            });
        let id = NEXT_AUTOMATON.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        LazyAutomaton { dfa, id }
    }

    /// Walks `bytes` from the start state for `key`, in this thread's
    /// cache for the automaton, as `walk` does.
    #[inline(always)]
    fn run<'b>(
        &self,
        key: StartKey,
        bytes: impl Iterator<Item = &'b u8>,
        on_match: impl FnMut(&mut CacheSlot, LazyStateID, usize),
    ) -> Result<(), GaveUp> {
        CACHES
            .try_with(|caches| match caches.try_borrow_mut() {
                Ok(mut caches) => {
                    let slot = match caches.get_mut(self.id) {
                        Some(Some(slot)) => slot,
                        _ => self.new_slot(&mut caches),
                    };
                    self.run_in(slot, key, bytes, on_match)
                }
                // Only a walk within a walk could find the caches in use.
                Err(_) => self.run_alone(key, bytes, on_match),
            })
            .unwrap_or(Err(GaveUp))
    }

    /// This thread's cache for the automaton, made.
    #[cold]
    #[inline(never)]
    fn new_slot<'c>(&self, caches: &'c mut Vec<Option<Box<CacheSlot>>>) -> &'c mut CacheSlot {
        if caches.len() <= self.id {
            caches.resize_with(self.id + 1, || None);
        }
        caches[self.id].get_or_insert_with(|| Box::new(CacheSlot::new(&self.dfa)))
    }

    /// `run` in a cache of its own.
    #[cold]
    #[inline(never)]
    fn run_alone<'b>(
        &self,
        key: StartKey,
        bytes: impl Iterator<Item = &'b u8>,
        on_match: impl FnMut(&mut CacheSlot, LazyStateID, usize),
    ) -> Result<(), GaveUp> {
        let mut slot = CacheSlot::new(&self.dfa);
        self.run_in(&mut slot, key, bytes, on_match)
    }

    #[inline(always)]
    fn run_in<'b>(
        &self,
        slot: &mut CacheSlot,
        key: StartKey,
        bytes: impl Iterator<Item = &'b u8>,
        on_match: impl FnMut(&mut CacheSlot, LazyStateID, usize),
    ) -> Result<(), GaveUp> {
        let start = self.start(slot, key)?;
        self.walk(slot, start, bytes, on_match)
    }

    /// The start state for `key`: worked out once per cache.
    #[inline(always)]
    fn start(&self, slot: &mut CacheSlot, key: StartKey) -> Result<LazyStateID, GaveUp> {
        if slot.cache.clear_count() == slot.clear_count {
            if let Some(Some(state)) = slot.starts.get(key.0) {
                return Ok(*state);
            }
        }
        self.new_start(slot, key)
    }

    /// `start` when the state is not known yet.
    #[cold]
    #[inline(never)]
    fn new_start(&self, slot: &mut CacheSlot, key: StartKey) -> Result<LazyStateID, GaveUp> {
        use regex_automata::{util::start, Anchored};
        slot.check_cleared();
        let config = start::Config::new()
            .look_behind(key.look_behind())
            .anchored(match key.anchored() {
                true => Anchored::Yes,
                false => Anchored::No,
            });
        let state = self
            .dfa
            .start_state(&mut slot.cache, &config)
            .map_err(|_| GaveUp)?;
        // Working the state out may have cleared the cache: the state is
        // good in it as it is now.
        slot.check_cleared();
        if let Some(known) = slot.starts.get_mut(key.0) {
            *known = Some(state);
        }
        Ok(state)
    }

    /// The transition from `state` on `byte`, worked out if need be.
    #[inline(never)]
    fn next_state(
        &self,
        cache: &mut Cache,
        state: LazyStateID,
        byte: u8,
    ) -> Result<LazyStateID, GaveUp> {
        self.dfa.next_state(cache, state, byte).map_err(|_| GaveUp)
    }

    /// Walks from `state` over `bytes` until the dead state, or past their
    /// end, calling `on_match` with each match state and how many bytes
    /// came before the one that led to it: matches show a byte late, so
    /// that is where the match ends (the end of the input has a transition
    /// of its own).
    #[inline(always)]
    fn walk<'b>(
        &self,
        slot: &mut CacheSlot,
        mut state: LazyStateID,
        bytes: impl Iterator<Item = &'b u8>,
        mut on_match: impl FnMut(&mut CacheSlot, LazyStateID, usize),
    ) -> Result<(), GaveUp> {
        let mut walked = 0;
        // Whether `state` is tagged: from an untagged state the transition
        // is read straight from the cache, and only one not worked out yet
        // (unknown, so tagged) is asked of the automaton.
        let mut tagged = state.is_tagged();
        for &byte in bytes {
            if !tagged {
                let next = self.dfa.next_state_untagged(&slot.cache, state, byte);
                if !next.is_tagged() {
                    state = next;
                    walked += 1;
                    continue;
                }
                state = match next.is_unknown() {
                    true => self.next_state(&mut slot.cache, state, byte)?,
                    false => next,
                };
            } else {
                state = self
                    .dfa
                    .next_state(&mut slot.cache, state, byte)
                    .map_err(|_| GaveUp)?;
            }
            tagged = state.is_tagged();
            if tagged {
                if state.is_match() {
                    on_match(slot, state, walked);
                } else if state.is_dead() {
                    return Ok(());
                } else if state.is_quit() {
                    return Err(GaveUp);
                }
            }
            walked += 1;
        }
        state = self
            .dfa
            .next_eoi_state(&mut slot.cache, state)
            .map_err(|_| GaveUp)?;
        if state.is_match() {
            on_match(slot, state, walked);
        }
        Ok(())
    }
}

/// Patterns in one lazy automaton, leftmost-first: where the match from a
/// given start ends, and which pattern it is.
pub struct LeftmostWalk(LazyAutomaton);

impl LeftmostWalk {
    fn new(patterns: &[&str], case_insensitive: bool) -> LeftmostWalk {
        let kind = regex_automata::MatchKind::LeftmostFirst;
        LeftmostWalk(LazyAutomaton::new(patterns, kind, false, case_insensitive))
    }

    /// The leftmost-first match in `text` from `start` on (starting right
    /// there when `anchored`), if any: where it ends, and the index of its
    /// pattern. Leftmost-first, the last match before the dead state is
    /// the one.
    pub fn find(
        &self,
        text: &str,
        start: usize,
        anchored: bool,
    ) -> Result<Option<(usize, usize)>, GaveUp> {
        let automaton = &self.0;
        let dfa = &automaton.dfa;
        let bytes = text.as_bytes();
        let look_behind = start
            .checked_sub(1)
            .and_then(|before| bytes.get(before).copied());
        let rest = bytes.get(start..).ok_or(GaveUp)?;
        let mut found = None;
        let key = StartKey::new(look_behind, anchored);
        automaton.run(key, rest.iter(), |slot, state, walked| {
            found = Some((
                start + walked,
                dfa.match_pattern(&slot.cache, state, 0).as_usize(),
            ));
        })?;
        Ok(found)
    }
}

/// The keyword pattern as two patterns, a resolution's keyword and then a
/// decision's, for matches anchored where an anchor says a keyword may
/// start: the walk tells where the match ends and which pattern matched,
/// where a second pattern was run to tell a resolution's keyword from a
/// decision's.
///
/// The two patterns, in that order, match where the keyword pattern's two
/// groups do: leftmost-first, the first that can match wins.
pub struct KeywordWalk(LeftmostWalk);

impl KeywordWalk {
    fn new(resolution: &str, decision: &str) -> KeywordWalk {
        KeywordWalk(LeftmostWalk::new(&[resolution, decision], true))
    }

    /// The keyword match that starts at `start` of `text`, if any: where
    /// it ends (its boundary character included) and its kind.
    pub fn find(&self, text: &str, start: usize) -> Result<Option<(usize, Kind)>, GaveUp> {
        let found = self.0.find(text, start, true)?;
        Ok(found.map(|(end, pattern)| match pattern {
            0 => (end, Kind::Resolution),
            _ => (end, Kind::Decision),
        }))
    }
}

/// Whether every match of `pattern` starts at the start of the text (or
/// ends at its end, for `End::End`).
fn anchored_at(pattern: &str, end: End) -> bool {
    use regex_syntax::hir::Look;
    let Ok(hir) = regex_syntax::Parser::new().parse(pattern) else {
        return false;
    };
    let properties = hir.properties();
    match end {
        End::Start => properties.look_set_prefix().contains(Look::Start),
        End::End => properties.look_set_suffix().contains(Look::End),
    }
}

/// The patterns a screen let through, by index.
struct Matched(u64);

impl Matched {
    fn matched(&self, index: usize) -> bool {
        index < Screen::MAX_PATTERNS && self.0 & (1 << index) != 0
    }

    fn matched_any(&self) -> bool {
        self.0 != 0
    }
}

/// `pattern` without what may match nothing at its end: trailing items of
/// a sequence that can be empty (optional groups, `*`, assertions), in
/// every branch of an alternation, and a repetition's further rounds. It
/// matches at the start of a text wherever `pattern` does (and sometimes
/// where `pattern` does not). Case-insensitivity is spelled out in the
/// classes of the result. `None` when the pattern does not parse.
fn optional_tail_dropped(pattern: &str, case_insensitive: bool) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
        .ok()?;
    Some(drop_optional_tail(&hir).to_string())
}

fn drop_optional_tail(hir: &regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Hir, HirKind};
    match hir.kind() {
        HirKind::Capture(capture) => drop_optional_tail(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min > 0 => {
            drop_optional_tail(&repetition.sub)
        }
        HirKind::Alternation(branches) => {
            Hir::alternation(branches.iter().map(drop_optional_tail).collect())
        }
        HirKind::Concat(items) => {
            let mut items = items.clone();
            while items
                .last()
                .is_some_and(|item| item.properties().minimum_len() == Some(0))
            {
                items.pop();
            }
            if let Some(last) = items.pop() {
                items.push(drop_optional_tail(&last));
            }
            Hir::concat(items)
        }
        _ => hir.clone(),
    }
}

/// Which patterns of a chain step can match; see `Lexicon::step_screen`.
pub struct StepScreen<'l> {
    matches: Matched,
    lex: &'l Lexicon,
}

impl StepScreen<'_> {
    pub fn body(&self, index: usize) -> bool {
        self.matches.matched(index)
    }

    fn after_bodies(&self) -> usize {
        self.lex.bodies.len()
    }

    pub fn other_body(&self) -> bool {
        self.matches.matched(self.after_bodies())
    }

    pub fn bare(&self, index: usize) -> bool {
        self.matches.matched(self.after_bodies() + 1 + index)
    }

    fn after_bare(&self) -> usize {
        self.after_bodies() + 1 + self.lex.bare.len()
    }

    pub fn date(&self) -> bool {
        self.matches.matched(self.after_bare())
    }

    pub fn title(&self) -> bool {
        self.matches.matched(self.after_bare() + 1)
    }

    pub fn connector(&self) -> bool {
        self.matches.matched(self.after_bare() + 2)
    }
}

/// Which patterns can match at the end of a window before a keyword; see
/// `Lexicon::before_screen`.
pub struct BeforeScreen<'l> {
    matches: Matched,
    lex: &'l Lexicon,
}

impl BeforeScreen<'_> {
    pub fn any(&self) -> bool {
        self.matches.matched_any()
    }

    pub fn body(&self, index: usize) -> bool {
        self.matches.matched(index)
    }

    pub fn bare(&self, index: usize) -> bool {
        self.matches
            .matched(self.lex.body_before_keyword.len() + index)
    }

    pub fn other_body(&self) -> bool {
        self.matches
            .matched(self.lex.body_before_keyword.len() + self.lex.bare.len())
    }
}

impl Lexicon {
    /// Screens the start of `rest` for a chain step.
    pub fn screen_step(&self, rest: &str) -> StepScreen<'_> {
        StepScreen {
            matches: self.step_screen.matches(rest),
            lex: self,
        }
    }

    /// Screens the end of `window` for a body named before a keyword.
    pub fn screen_before(&self, window: &str) -> BeforeScreen<'_> {
        BeforeScreen {
            matches: self.before_screen.matches(window),
            lex: self,
        }
    }
}

/// Every known organ's full names, looked for in one pass over a text.
///
/// One search per name read the whole text ten times in English (a
/// twentieth of extraction's instructions on the GA texts). One automaton
/// for all of them says which name matched by its pattern number. Where
/// two names overlap ("of the General Assembly", "the General Assembly")
/// only the one starting first is reported: both name the same organ, so
/// the organ nearest a short name is the same.
pub struct OrganNames {
    finder: regex_automata::meta::Regex,
    organs: Vec<Organ>,
}

impl OrganNames {
    fn new(v: &Vocabulary) -> OrganNames {
        let (patterns, organs): (Vec<&str>, Vec<Organ>) = v
            .bodies
            .iter()
            .filter_map(|(p, b)| match b {
                Body::Organ(organ) => Some((*p, *organ)),
                Body::Other => None,
            })
            .unzip();
        let case_insensitive = matches!(v.lang, Lang::Ar | Lang::Zh);
        let finder = build_many(&patterns, case_insensitive);
        OrganNames { finder, organs }
    }

    /// The first place from `from` on where `text` names an organ in full,
    /// as `find_all` would go on from a match ending at `from`: its span,
    /// and the organ.
    pub fn find_from(&self, text: &str, from: usize) -> Option<(usize, usize, Option<Organ>)> {
        let found = self
            .finder
            .search(&regex_automata::Input::new(text).range(from..))?;
        let organ = self.organs.get(found.pattern().as_usize()).copied();
        Some((found.start(), found.end(), organ))
    }

    /// Where `text` names an organ in full, in order, and which organ.
    #[cfg(test)]
    pub fn find_all(&self, text: &str) -> Vec<(usize, Organ)> {
        self.finder
            .find_iter(text)
            .filter_map(|m| Some((m.start(), *self.organs.get(m.pattern().as_usize())?)))
            .collect()
    }
}

/// Body names are capitalised in Latin and Cyrillic scripts; matching them
/// case-sensitively keeps "the council" (any council) out.
fn build_case_sensitive_if_latin(v: &Vocabulary, pattern: &str) -> Regex {
    match v.lang {
        Lang::En | Lang::Fr | Lang::Es | Lang::Ru => build_case_sensitive(pattern),
        Lang::Ar | Lang::Zh => build(pattern),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A keyword starts a word where the character before it is no
    /// letter, as `\p{L}` reads letters: every ASCII character, and
    /// letters and marks of other scripts.
    #[test]
    fn keywords_start_words_after_no_letter() {
        let letter = Regex::new(r"^\p{L}$").expect("valid pattern");
        let lex = Lexicon::get(Lang::En);
        let others = [
            'é', 'ſ', 'д', 'ب', '\u{064B}', '\u{0301}', '决', '1', '٣', '\u{00A0}', '’',
        ];
        for c in (0u8..128).map(char::from).chain(others) {
            let text = format!("{c}resolution");
            assert_eq!(
                lex.starts_word(&text, c.len_utf8()),
                !letter.is_match(&c.to_string()),
                "{c:?}"
            );
        }
        assert!(lex.starts_word("resolution", 0));
    }

    /// The step screen lets through every pattern that matches, at every
    /// character of every worked example, in every language.
    #[test]
    fn step_screen_passes_every_match() {
        for lang in Lang::ALL {
            let lex = Lexicon::get(lang);
            for example in lang.vocabulary().examples {
                let text = example.text;
                for at in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                    let rest = &text[at..];
                    let screen = lex.screen_step(rest);
                    let context = format!("{lang:?} at {at} of {text:?}");
                    for (i, (re, _)) in lex.bodies.iter().enumerate() {
                        assert!(!re.is_match(rest) || screen.body(i), "body {i}, {context}");
                    }
                    for (i, (re, _, _)) in lex.bare.iter().enumerate() {
                        assert!(!re.is_match(rest) || screen.bare(i), "bare {i}, {context}");
                    }
                    let checks = [
                        (
                            lex.other_body.is_match(rest),
                            screen.other_body(),
                            "other body",
                        ),
                        (lex.date_glue.regex.is_match(rest), screen.date(), "date"),
                        (lex.title_glue.is_match(rest), screen.title(), "title"),
                        (
                            lex.connector_glue.is_match(rest),
                            screen.connector(),
                            "connector",
                        ),
                    ];
                    for (matches, passed, what) in checks {
                        assert!(!matches || passed, "{what}, {context}");
                    }
                }
            }
        }
    }

    /// Every start key reads back as the anchoring and byte it was made
    /// of, and each has its own slot.
    #[test]
    fn start_keys_give_back_their_anchoring_and_byte_before() {
        let bytes = std::iter::once(None).chain((0..=u8::MAX).map(Some));
        let mut keys = std::collections::HashSet::new();
        for look_behind in bytes {
            for anchored in [false, true] {
                let key = StartKey::new(look_behind, anchored);
                assert_eq!(key.look_behind(), look_behind);
                assert_eq!(key.anchored(), anchored);
                assert!(key.0 < CacheSlot::STARTS);
                keys.insert(key.0);
            }
        }
        assert_eq!(keys.len(), CacheSlot::STARTS);
        assert_eq!(StartKey::TEXT.0, StartKey::new(None, true).0);
    }

    /// A screen's answer by the regex crate's overlapping search, as it
    /// was found before the automaton was walked by hand: the
    /// specification of `Screen::walk`.
    fn matches_by_overlapping_search(screen: &Screen, text: &str) -> u64 {
        use regex_automata::{hybrid::dfa::OverlappingState, Anchored, Input};
        let dfa = &screen.automaton.dfa;
        let mut cache = dfa.create_cache();
        let input = Input::new(text).anchored(Anchored::Yes);
        let mut state = OverlappingState::start();
        let mut matched = 0u64;
        loop {
            let searched = match screen.end {
                End::Start => dfa.try_search_overlapping_fwd(&mut cache, &input, &mut state),
                End::End => dfa.try_search_overlapping_rev(&mut cache, &input, &mut state),
            };
            assert!(searched.is_ok(), "the search gave up on {text:?}");
            match state.get_match() {
                Some(found) => matched |= 1 << found.pattern().as_usize(),
                None => return matched,
            }
        }
    }

    fn assert_screens_agree_with_the_search(lex: &Lexicon, text: &str, at: usize) {
        let (rest, before) = (&text[at..], &text[..at]);
        assert_eq!(
            lex.step_screen.matches(rest).0,
            matches_by_overlapping_search(&lex.step_screen, rest),
            "step screen of {rest:?}"
        );
        assert_eq!(
            lex.before_screen.matches(before).0,
            matches_by_overlapping_search(&lex.before_screen, before),
            "before screen of {before:?}"
        );
    }

    /// Both screens, walked by hand, let through the patterns the
    /// overlapping search finds, from every character of every worked
    /// example in every language.
    #[test]
    fn screens_walked_by_hand_agree_with_the_overlapping_search() {
        for (lex, text, at) in example_positions() {
            assert_screens_agree_with_the_search(lex, text, at);
        }
    }

    /// Every character boundary of every worked example, its end
    /// included, in every language, with the language's lexicon.
    fn example_positions() -> impl Iterator<Item = (&'static Lexicon, &'static str, usize)> {
        Lang::ALL.into_iter().flat_map(|lang| {
            let lex = Lexicon::get(lang);
            lang.vocabulary().examples.iter().flat_map(move |example| {
                let text = example.text;
                (0..=text.len())
                    .filter(move |&at| text.is_char_boundary(at))
                    .map(move |at| (lex, text, at))
            })
        })
    }

    /// A language, pieces of its worked examples put together with junk
    /// between them, and a place in the text, at a character boundary.
    fn spliced_examples() -> impl Strategy<Value = (Lang, String, usize)> {
        let pieces = proptest::collection::vec(
            (
                any::<proptest::sample::Index>(),
                any::<proptest::sample::Index>(),
                "[ ,.;:()/0-9a-zA-Zéа决ق\\n-]{0,6}",
            ),
            1..4,
        );
        (
            proptest::sample::select(Lang::ALL.to_vec()),
            pieces,
            any::<proptest::sample::Index>(),
        )
            .prop_map(|(lang, pieces, cut)| {
                let examples = lang.vocabulary().examples;
                let mut text = String::new();
                for (example, from, junk) in &pieces {
                    let example = examples[example.index(examples.len())].text;
                    let mut from = from.index(example.len() + 1);
                    while !example.is_char_boundary(from) {
                        from -= 1;
                    }
                    text.push_str(&example[from..]);
                    text.push_str(junk);
                }
                let mut at = cut.index(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                (lang, text, at)
            })
    }

    proptest! {
        /// The same on pieces of the worked examples put together with
        /// junk between them, cut anywhere.
        #[test]
        fn screens_agree_with_the_search_on_spliced_examples(
            (lang, text, at) in spliced_examples()
        ) {
            assert_screens_agree_with_the_search(Lexicon::get(lang), &text, at);
        }

        #[test]
        fn keyword_walk_agrees_with_the_search_on_spliced_examples(
            (lang, text, at) in spliced_examples()
        ) {
            assert_keyword_walk_agrees_with_the_search(Lexicon::get(lang), &text, at);
        }

        #[test]
        fn shared_dates_agree_with_the_groups_on_spliced_examples(
            (lang, text, at) in spliced_examples()
        ) {
            assert_shared_date_agrees_with_the_groups(Lexicon::get(lang), &text[at..]);
        }
    }

    /// The keyword match at `start` by the regex crate, as it was found
    /// before the automaton was walked by hand: the end of an anchored
    /// search of the keyword pattern, and whether the resolution keyword
    /// matches there. The specification of `KeywordWalk::find`.
    fn keyword_by_search(lex: &Lexicon, text: &str, start: usize) -> Option<(usize, Kind)> {
        let input = regex_automata::Input::new(text)
            .range(start..)
            .anchored(regex_automata::Anchored::Yes);
        let found = lex.keyword_at_start.find(input)?;
        let kind = match lex.resolution_keyword.is_match(&text[start..]) {
            true => Kind::Resolution,
            false => Kind::Decision,
        };
        Some((found.end(), kind))
    }

    fn assert_keyword_walk_agrees_with_the_search(lex: &Lexicon, text: &str, start: usize) {
        let walked = lex.keyword_walk.find(text, start);
        assert!(walked.is_ok(), "the walk gave up at {start} of {text:?}");
        assert_eq!(
            walked.ok().flatten(),
            keyword_by_search(lex, text, start),
            "at {start} of {text:?}"
        );
    }

    /// Leftmost-first, a match that an earlier alternative can still
    /// lengthen is not the answer: the walk goes on to the dead state.
    #[test]
    fn keyword_walk_goes_on_past_a_shorter_match() {
        let walk = KeywordWalk::new("resolutions?|res", "dec");
        let find = |text, start| walk.find(text, start).ok().flatten();
        assert_eq!(find("the resolutions.", 4), Some((15, Kind::Resolution)));
        assert_eq!(find("the resolution", 4), Some((14, Kind::Resolution)));
        assert_eq!(find("resolve", 0), Some((3, Kind::Resolution)));
        assert_eq!(find("decision", 0), Some((3, Kind::Decision)));
        assert_eq!(find("the resolution", 3), None);
    }

    /// The keyword walk finds the match the search does, from every
    /// character of every worked example in every language.
    #[test]
    fn keyword_walk_agrees_with_the_search() {
        let mut kinds = Vec::new();
        for (lex, text, at) in example_positions() {
            assert_keyword_walk_agrees_with_the_search(lex, text, at);
            kinds.extend(keyword_by_search(lex, text, at).map(|(_, kind)| kind));
        }
        let count = |kind| kinds.iter().filter(|&&k| k == kind).count();
        assert!(count(Kind::Resolution) > 50 && count(Kind::Decision) > 5);
    }

    /// Each part of a run read by its walk as by its regex.
    fn assert_shared_date_agrees_with_the_groups(lex: &Lexicon, text: &str) {
        let Some(shared) = &lex.shared_dates else {
            return;
        };
        let lang = lex.vocab.lang;
        assert_eq!(
            shared.shared_at(text),
            shared.shared_by_groups(text),
            "{lang:?}: {text:?}"
        );
        let end = |regex: &Regex| regex.find(text).map(|m| m.end());
        let walked = |walk, regex| walked_end(walk, regex, text);
        assert_eq!(
            walked(&shared.intro_walk, &shared.intro),
            end(&shared.intro)
        );
        assert_eq!(
            walked(&shared.joiner_walk, &shared.joiner),
            end(&shared.joiner)
        );
        assert_eq!(
            shared.is_whole_date(text),
            shared.whole.is_match(text),
            "{lang:?}: {text:?}"
        );
        let run_end = match shared.opening(text) {
            Some(Opening::Run(end)) => end,
            _ => None,
        };
        if run_end.is_some() {
            assert_eq!(run_end, end(&shared.run), "{lang:?}: {text:?}");
        }
    }

    /// From every character of every worked example on, in every language
    /// that shares dates; and the ASCII reading is taken where it can be.
    #[test]
    fn shared_dates_agree_with_the_groups() {
        let mut by_walk = 0;
        for (lex, text, at) in example_positions() {
            assert_shared_date_agrees_with_the_groups(lex, &text[at..]);
            if let Some(shared) = &lex.shared_dates {
                by_walk += usize::from(matches!(shared.shared_by_walk(&text[at..]), Some(Some(_))));
            }
        }
        assert!(by_walk > 20, "only {by_walk} read by the walk");
        let en = Lexicon::get(Lang::En);
        let fr = Lexicon::get(Lang::Fr);
        let es = Lexicon::get(Lang::Es);
        for text in [
            "4 and 14 July 1967",
            "123 July",
            "22 October, 340",
            "7 June",
            "31 Jun",
            "9",
        ] {
            assert_shared_date_agrees_with_the_groups(en, text);
        }
        for text in [
            "1er juin et 3 juillet 2013",
            "24 juin, 26 septembre",
            "1er",
            "2 mai",
        ] {
            assert_shared_date_agrees_with_the_groups(fr, text);
        }
        for text in [
            "4 de julio y 14 de enero de 1999",
            "12 de diciembre",
            "3 de",
        ] {
            assert_shared_date_agrees_with_the_groups(es, text);
        }
        let read = |lex: &Lexicon, text| lex.shared_dates.as_ref().and_then(|s| s.shared_at(text));
        assert_eq!(read(en, "14 July 1967"), Some((7, Some(14), Some(7))));
        assert_eq!(read(fr, "1er juin"), Some((8, Some(1), Some(6))));
        assert_eq!(read(es, "4 de julio"), Some((10, Some(4), Some(7))));
    }

    /// A date pattern of a language: a date anywhere, or a date glued to
    /// a citation.
    fn date_pattern(lang: Lang, glue: bool) -> &'static DatePattern {
        let lex = Lexicon::get(lang);
        match glue {
            true => &lex.date_glue,
            false => &lex.date,
        }
    }

    /// A language, one of its date patterns, and a date written as the
    /// pattern allows: strings generated from the pattern itself, most
    /// with a plausible day, month and year in ASCII digits, the others
    /// with any digits of any script.
    fn date_in_some_language() -> impl Strategy<Value = (Lang, bool, String)> {
        let choice = (prop::sample::select(Lang::ALL.to_vec()), any::<bool>());
        choice.prop_flat_map(|(lang, glue)| {
            let pattern = date_pattern(lang, glue).regex.as_str();
            let pattern = pattern.trim_start_matches('^');
            let plausible = pattern
                .replace(r"(?P<d>\d{1,2})", r"(?P<d>[1-9]|[12][0-9]|3[01])")
                .replace(r"(?P<m>\d{1,2})", r"(?P<m>[1-9]|1[0-2])")
                .replace(r"(?P<y>\d{4})", r"(?P<y>19[4-9][0-9]|20[0-9][0-9])");
            let generate = |source: &str| {
                proptest::string::string_regex(source).expect("the date pattern generates strings")
            };
            let dates = prop_oneof![4 => generate(&plausible), 1 => generate(pattern)];
            (Just(lang), Just(glue), dates)
        })
    }

    proptest! {
        /// An ASCII date read in one pass is read as over the iterator of
        /// its runs, whatever the text: long runs of digits (past `u32`,
        /// or zeros first), too many or too few runs, names or none.
        #[test]
        fn ascii_dates_read_in_one_pass_as_over_their_runs(
            lang in proptest::sample::select(Lang::ALL.to_vec()),
            glue in proptest::bool::ANY,
            text in prop_oneof![
                "(0{0,12}[0-9]{0,12}| |, |of |May |march |DECEMBER |Jun |de |er |x){0,6}",
                "(of )?0{0,12}([1-9]|[12][0-9]|3[01]|[0-9]{1,12})(er)? (de )?(May|march|DECEMBER|Juni) (de )?0{0,12}(19[4-9][0-9]|20[0-9][0-9]|[0-9]{1,12})( [0-9]{1,3})?",
                "0{0,12}(19[4-9][0-9]|20[0-9][0-9]) ?[-./]?0{0,12}([1-9]|1[0-2])[-./]0{0,12}([1-9]|[12][0-9]|3[01])",
            ],
        ) {
            let pattern = date_pattern(lang, glue);
            prop_assert_eq!(
                pattern.iso_of_ascii(&text),
                pattern.iso_of_runs(&text, ascii_digit_runs(&text), true),
                "{:?}: {:?}", lang, text
            );
        }

        /// A date read from its match's digits and month name is the date
        /// its capture groups give, with digits of every script and text
        /// after it.
        #[test]
        fn dates_read_without_groups_agree_with_the_groups(
            (lang, glue, date) in date_in_some_language(),
            tail in "[ 0-9a-z,.]{0,4}",
        ) {
            let pattern = date_pattern(lang, glue);
            let date = date + &tail;
            let found = pattern.regex.find(&date);
            prop_assert!(found.is_some(), "{:?}: {:?}", lang, date);
            let by_groups = pattern.regex.captures(&date).and_then(|caps| pattern.iso(&caps));
            let read = found.and_then(|found| pattern.iso_of(found.as_str()));
            prop_assert_eq!(read, by_groups, "{:?}: {:?}", lang, date);
        }
    }

    proptest! {
        /// The walks for a date or a connector at the start of a step's
        /// text end where the patterns' matches do, in every language:
        /// on a date (or not quite one), on connector words, and on what
        /// may stand around them, in capitals too.
        #[test]
        fn glue_walks_end_where_the_patterns_do(
            (lang, _, date) in date_in_some_language(),
            lead in "(,| |and|et|y|и|و|和|、|1 \\(\\)| 12)*",
            tail in "[ 0-9a-z,.]{0,4}",
            cut in 0usize..40,
            shout in any::<bool>(),
        ) {
            let lex = Lexicon::get(lang);
            let mut whole = lead + &date + &tail;
            let mut date = date;
            if shout {
                whole = whole.to_uppercase();
                date = date.to_uppercase();
            }
            let mut from = cut.min(whole.len());
            while !whole.is_char_boundary(from) {
                from -= 1;
            }
            for rest in [whole.as_str(), &date, &whole[from..]] {
                let by_pattern = lex.date_glue.regex.find(rest).map(|m| m.end());
                prop_assert_eq!(lex.date_glue_end(rest), by_pattern, "{:?}: {:?}", lang, rest);
                let by_pattern = lex.connector_glue.find(rest).map(|m| m.end());
                prop_assert_eq!(lex.connector_end(rest), by_pattern, "{:?}: {:?}", lang, rest);
            }
        }
    }

    proptest! {
        /// A paragraph's number is read by hand where the pattern would
        /// take only ASCII bytes, and read as the pattern reads it.
        #[test]
        fn paragraph_numbers_read_as_the_pattern_reads_them(
            line in "( |1|12|123|4|\\.|\\)|-|．|\t|\n|\u{b}|\u{c}|\r|x|D|\u{a0}|٣|\u{2003})*",
        ) {
            let lex = Lexicon::get(Lang::En);
            let by_pattern = lex.opening_numbering.find(&line).map_or(0, |m| m.end());
            match ascii_numbering_end(line.as_bytes()) {
                Some(end) => prop_assert_eq!(end, by_pattern, "{:?}", line),
                None => prop_assert!(!line.is_ascii(), "{:?} is ASCII", line),
            }
        }
    }

    proptest! {
        /// The runs of digits are the regex's, in any script.
        #[test]
        fn digit_runs_are_the_regex_runs(text in "[0-9a-z ٣٤०৫๒೬𝟘²½Ⅻ年月]{0,20}") {
            let by_regex: Vec<(usize, &str)> = digit_run_regex().find_iter(&text).map(|m| (m.start(), m.as_str())).collect();
            prop_assert_eq!(digit_runs(&text).collect::<Vec<_>>(), by_regex);
        }

        /// A run's value is the one `parse` gives, for days and months
        /// (`u8`) and years (`u16`): past their bounds, with leading
        /// zeros, and with other scripts' digits.
        #[test]
        fn run_values_are_parsed_values(run in "(0{0,3}[0-9]{0,11}|[0-9٣४]{1,4})") {
            prop_assert_eq!(run_value::<u8>(&run), run.parse::<u8>().ok(), "{:?}", run);
            prop_assert_eq!(run_value::<u16>(&run), run.parse::<u16>().ok(), "{:?}", run);
        }
    }

    /// A month's name inside the intro's word is not the date's month:
    /// the name is looked for after the day. (Found by the property above,
    /// once in 20,000 cases.)
    #[test]
    fn a_month_in_the_intro_is_not_the_dates() {
        let pattern = date_pattern(Lang::Ru, true);
        let date = "принятмай \u{205f}1 июнь 1945";
        let found = pattern.regex.find(date).expect("a date");
        assert_eq!(found.as_str(), date);
        assert_eq!(
            pattern.iso_of(found.as_str()).as_deref(),
            Some("1945-06-01")
        );
        let english = date_pattern(Lang::En, false);
        assert_eq!(
            english.iso_of("18 December 2014").as_deref(),
            Some("2014-12-18")
        );
    }

    /// Every date `iso` lets through is written as `format!` writes it.
    #[test]
    fn iso_dates_are_written_as_format_writes_them() {
        for year in 1945..=2100 {
            for month in 1..=12 {
                for day in 1..=31 {
                    assert_eq!(
                        iso_date(year, month, day),
                        format!("{year:04}-{month:02}-{day:02}")
                    );
                }
            }
        }
    }

    /// The screen before a keyword lets through every pattern that matches
    /// at the end of every window of every worked example, in every
    /// language; and it does screen: most windows pass nothing.
    #[test]
    fn before_screen_passes_every_match() {
        let (mut windows, mut screened_out) = (0, 0);
        for lang in Lang::ALL {
            let lex = Lexicon::get(lang);
            for example in lang.vocabulary().examples {
                let text = example.text;
                for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    let mut start = end.saturating_sub(160);
                    while !text.is_char_boundary(start) {
                        start += 1;
                    }
                    let window = &text[start..end];
                    let screen = lex.screen_before(window);
                    let context = format!("{lang:?} before {end} of {text:?}");
                    for (i, (re, _)) in lex.body_before_keyword.iter().enumerate() {
                        assert!(
                            !re.is_match(window) || screen.body(i),
                            "body {i}, {context}"
                        );
                    }
                    for (i, (_, re, _)) in lex.bare.iter().enumerate() {
                        assert!(
                            !re.is_match(window) || screen.bare(i),
                            "bare {i}, {context}"
                        );
                    }
                    let other = lex.other_body_before_keyword.is_match(window);
                    assert!(!other || screen.other_body(), "other body, {context}");
                    windows += 1;
                    screened_out += usize::from(!screen.any());
                }
            }
        }
        assert!(
            screened_out * 2 > windows,
            "{screened_out} of {windows} screened out"
        );
    }

    proptest! {
        /// Wherever a pattern matches at the start of a text, so does the
        /// pattern without its optional tail.
        #[test]
        fn dropping_the_optional_tail_keeps_every_match(
            pattern in prop::sample::select(vec![
                "^ab(?:c|d e)?",
                "^a(?:b+c?|c)(?: d)*\\s*",
                "^(?:a|b(?:c)?)(?:\\b)",
                "^(?:ab){1,3}c?",
                "^a(?: (?:b|c d)[ \\w-]{1,6}?)?(?:\\b)",
                "^(?i:A)b?",
            ]),
            text in "[abcd -]{0,12}",
        ) {
            let shorter = optional_tail_dropped(pattern, false).expect("the pattern parses");
            let (original, shorter) = (build_case_sensitive(pattern), build_case_sensitive(&shorter));
            prop_assert!(!original.is_match(&text) || shorter.is_match(&text));
        }
    }

    proptest! {
        /// The anchors' copy folds the text as `fold_capital` folds each
        /// character, with and without Cyrillic.
        #[test]
        fn folded_copy_folds_each_character(text in "[a-zA-ZЀ-џҀ-ӿ Ѐ-Я0-9ᲂé,.]{0,150}") {
            for cyrillic in [false, true] {
                let expected: String = text.chars().map(|c| fold_capital(c, cyrillic)).collect();
                let folded = match cyrillic {
                    true => fold_with_cyrillic(text.as_bytes()),
                    false => ascii_lowercase(text.as_bytes()),
                };
                prop_assert_eq!(folded, expected.into_bytes());
            }
        }
    }

    #[test]
    fn optional_tails_are_dropped() {
        let shorter =
            optional_tail_dropped("^(?:of )?the (?:Council|Board)(?: on [A-Z]+)?,?", false);
        let shorter = build_case_sensitive(&shorter.expect("the pattern parses"));
        assert_eq!(shorter.find("the Board on X").map(|m| m.end()), Some(9));
        assert!(!shorter.is_match("of the Bo"));
    }

    #[test]
    fn every_language_lists_its_verbs_first_bytes() {
        for lang in Lang::ALL {
            let lex = Lexicon::get(lang);
            for verbs in &lex.paragraph_verbs.by_first_byte {
                assert!(
                    verbs
                        .windows(2)
                        .all(|pair| pair[0].bytes.len() >= pair[1].bytes.len()),
                    "{lang:?}"
                );
            }
        }
    }

    #[test]
    fn every_language_anchors_its_adoption_marker() {
        for lang in Lang::ALL {
            assert!(Lexicon::get(lang).adopted_anchors.is_some(), "{lang:?}");
        }
    }

    /// Pieces of text around the verbs of every language: numbers, spaces,
    /// line breaks, a number alone on its line, lower-case words.
    fn piece() -> impl Strategy<Value = String> {
        let verbs: Vec<String> = Lang::ALL
            .iter()
            .flat_map(|l| {
                let v = l.vocabulary();
                v.preamble_verbs.iter().chain(v.operative_verbs).take(6)
            })
            .map(|v| v.replace("(?:", "").replace([')', '?', '|', '\\'], ""))
            .collect();
        prop_oneof![
            proptest::sample::select(verbs),
            Just("\n".to_string()),
            Just("  ".to_string()),
            Just("1. ".to_string()),
            Just("12)\n".to_string()),
            Just("3 ".to_string()),
            Just("text, ".to_string()),
            Just("Other ".to_string()),
        ]
    }

    /// ASCII pieces of dates: month names of the Latin-script languages
    /// in every case, cut short, glued to letters.
    fn month_piece() -> impl Strategy<Value = String> {
        let names = [
            "January",
            "june",
            "JULY",
            "Sept",
            "september",
            "mars",
            "Mai",
            "aout",
            "AVRIL",
            "enero",
            "Setiembre",
            "septiembre",
            "mayo",
            "marzo",
            "decembre",
        ];
        prop_oneof![
            proptest::sample::select(names.to_vec()).prop_map(String::from),
            "[a-zA-Z]{1,3}",
            Just(" ".to_string()),
            Just("12".to_string()),
            Just(", ".to_string()),
        ]
    }

    proptest! {
        /// On ASCII text, the month names compared as bytes find the name
        /// the case-insensitive automaton finds, in every language that
        /// writes months in words.
        #[test]
        fn ascii_months_as_the_automaton_finds_them(
            pieces in proptest::collection::vec(month_piece(), 0..8)
        ) {
            let text = pieces.concat();
            for lang in Lang::ALL {
                let date = &Lexicon::get(lang).date;
                let (Some(months), Some(finder)) = (&date.ascii_months, &date.month_finder) else {
                    continue;
                };
                let walked = finder.find(&text, 0, false).expect("the automaton answers");
                prop_assert_eq!(
                    months.find(text.as_bytes()),
                    walked.map(|(_, pattern)| pattern),
                    "{:?}: {:?}", lang, text
                );
            }
        }
    }

    /// Month names that the bytes could not read as the automaton does
    /// leave the reading to it.
    #[test]
    fn month_names_beyond_bytes_are_left_to_the_automaton() {
        for months in [
            &[("janvier", 1), (r"\bmai\b", 5)][..],
            &[("janvier", 1), ("(?:)", 2)],
            &[("janvier", 1), ("\u{212A}ey", 3)],
            &[("janvier", 1), ("x+", 4)],
        ] {
            assert!(AsciiMonths::new(months).is_none(), "{months:?}");
        }
        let months = AsciiMonths::new(&[("f[ée]vrier", 2), ("mars", 3)]).expect("ASCII names");
        assert_eq!(months.find(b"le 2 FEVRIER"), Some(0));
        assert_eq!(months.find(b"le 2 Mars"), Some(1));
        assert_eq!(months.find(b"le 2 fvrier"), None);
    }

    /// A word that leads a verb is read with the word after it, and the
    /// paragraph is of that word's kind where it is a verb; a verb that
    /// leads none, or a lead with no word after it on its line, is read
    /// alone.
    #[test]
    fn leading_words_are_read_with_their_verbs() {
        /// A text, and the kind and words of the verb it opens with.
        type Case = (Lang, &'static str, Option<(Section, &'static str)>);
        let cases: &[Case] = &[
            (
                Lang::En,
                "Also recalling its resolution",
                Some((Section::Preamble, "Also recalling")),
            ),
            (
                Lang::En,
                "Further requests the",
                Some((Section::Operative, "Further requests")),
            ),
            (
                Lang::En,
                "Strongly condemns all",
                Some((Section::Operative, "Strongly condemns")),
            ),
            (
                Lang::En,
                "Once again calls upon",
                Some((Section::Operative, "Once again calls upon")),
            ),
            (
                Lang::En,
                "Also re-emphasizes it",
                Some((Section::Operative, "Also re-emphasizes")),
            ),
            // Not a verb of the lists: the lead alone.
            (
                Lang::En,
                "Also wishes to",
                Some((Section::Operative, "Also")),
            ),
            (Lang::Ar, "وإذ تالحظ", Some((Section::Preamble, "وإذ"))),
            (
                Lang::En,
                "Also expressing",
                Some((Section::Preamble, "Also expressing")),
            ),
            (
                Lang::En,
                "Also\nrecalling",
                Some((Section::Operative, "Also")),
            ),
            (
                Lang::En,
                "Also, recalling",
                Some((Section::Operative, "Also")),
            ),
            (Lang::En, "Alsorecalling", None),
            (
                Lang::En,
                "Recalling also",
                Some((Section::Preamble, "Recalling")),
            ),
            (
                Lang::Ar,
                "وإذ تذكر بقرارها",
                Some((Section::Preamble, "وإذ تذكر")),
            ),
            // An operative verb after the lead: its kind.
            (Lang::Ar, "وإذ تطلب", Some((Section::Operative, "وإذ تطلب"))),
            (
                Lang::Ar,
                "وإذ تشير إلى",
                Some((Section::Preamble, "وإذ تشير")),
            ),
            (
                Lang::Ru,
                "будучи убеждена, что",
                Some((Section::Preamble, "будучи убеждена")),
            ),
            (
                Lang::Ru,
                "будучи встревожена",
                Some((Section::Preamble, "будучи")),
            ),
            (
                Lang::Ru,
                "вновь подтверждает",
                Some((Section::Operative, "вновь подтверждает")),
            ),
            (
                Lang::Ru,
                "также просит",
                Some((Section::Operative, "также просит")),
            ),
            (
                Lang::Ru,
                "с удовлетворением принимая",
                Some((Section::Preamble, "с удовлетворением принимая")),
            ),
        ];
        for &(lang, text, expected) in cases {
            let verbs = &Lexicon::get(lang).paragraph_verbs;
            let found = verbs
                .opening_at(text)
                .map(|(kind, len)| (kind, &text[..len]));
            assert_eq!(found, expected, "{lang:?}: {text:?}");
        }
    }

    /// Each verb is in the bucket of any text that opens with it (a
    /// text's first byte and third are the verb's, where it has three),
    /// and each bucket lists its verbs in the order of their first byte's
    /// list: the first of a bucket that a text opens with is the first
    /// of that list.
    #[test]
    fn every_verb_is_in_the_bucket_of_its_texts() {
        for lang in Lang::ALL {
            let verbs = &Lexicon::get(lang).paragraph_verbs;
            for listed in &verbs.by_first_byte {
                for verb in listed {
                    for tail in [&b""[..], b" ", b"xxxxxxxxx"] {
                        let text = [&verb.bytes[..], tail].concat();
                        let bucket = verbs.bucket(Verb::head(&text));
                        assert!(
                            bucket
                                .iter()
                                .any(|v| v.bytes == verb.bytes && v.kind == verb.kind),
                            "{lang:?}: {:?}",
                            String::from_utf8_lossy(&verb.bytes)
                        );
                        let mut in_list = listed.iter();
                        assert!(
                            bucket
                                .iter()
                                .all(|v| in_list.any(|l| l.bytes == v.bytes && l.kind == v.kind)),
                            "{lang:?}: the bucket of {:?} is out of order",
                            String::from_utf8_lossy(&verb.bytes)
                        );
                    }
                }
            }
        }
    }

    /// Each word that leads a verb is one of its language's verbs, so
    /// that it opens a paragraph.
    #[test]
    fn verb_leads_are_verbs_of_the_lists() {
        for lang in Lang::ALL {
            let v = lang.vocabulary();
            for lead in v.verb_leads {
                let listed = v.preamble_verbs.contains(lead) || v.operative_verbs.contains(lead);
                assert!(listed, "{lang:?}: {lead:?} is in neither list");
            }
        }
    }

    /// The languages that write months in words in Latin script read
    /// them by bytes.
    #[test]
    fn shared_dates_end_with_their_optional_month() {
        // `SharedDates::new` reads a date without its year as `date_shared`
        // without its final `?`, which must make the month's group
        // mandatory.
        for lang in Lang::ALL {
            let shared = lang.vocabulary().date_shared;
            assert!(
                shared.is_empty() || shared.ends_with("{m})?"),
                "{lang:?}: {shared}"
            );
        }
    }

    #[test]
    fn latin_months_are_read_by_bytes() {
        for lang in [Lang::En, Lang::Fr, Lang::Es] {
            assert!(Lexicon::get(lang).date.ascii_months.is_some(), "{lang:?}");
        }
    }

    /// The verb `text` opens with, each verb of the bucket compared whole.
    fn at_start_by_bytes(verbs: &ParagraphVerbs, text: &str) -> Option<VerbAt> {
        let first = *text.as_bytes().first()?;
        verbs.by_first_byte[usize::from(first)]
            .iter()
            .find(|verb| {
                text.as_bytes().starts_with(&verb.bytes)
                    && !(verbs.whole_words
                        && text[verb.bytes.len()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric))
            })
            .map(|verb| (verb.kind, verb.bytes.len(), verb.leads))
    }

    proptest! {
        /// The verb a text opens with is the one a whole comparison of
        /// each verb finds, in every language: texts that open with a verb
        /// whole, cut short anywhere, or run on into another word.
        #[test]
        fn verbs_at_start_as_whole_comparisons_find_them(
            lang in proptest::sample::select(Lang::ALL.to_vec()),
            pick in 0usize..10_000,
            cut in 0usize..48,
            tail in "[a-zé ,.;]{0,3}",
        ) {
            let verbs = &Lexicon::get(lang).paragraph_verbs;
            let all: Vec<&Verb> = verbs.by_first_byte.iter().flatten().collect();
            let verb = std::str::from_utf8(&all[pick % all.len()].bytes).expect("verbs are UTF-8");
            let mut end = cut.min(verb.len());
            while !verb.is_char_boundary(end) {
                end -= 1;
            }
            for text in [format!("{verb}{tail}"), format!("{}{tail}", &verb[..end])] {
                prop_assert_eq!(
                    verbs.at_start(&text),
                    at_start_by_bytes(verbs, &text),
                    "{:?}: {:?}", lang, text
                );
            }
        }

        /// The first-byte test refuses no line that opens with a verb,
        /// and the verb found is one of the language's, a whole word.
        #[test]
        fn verb_starts_refuse_no_opening(pieces in proptest::collection::vec(piece(), 0..40)) {
            let text = pieces.concat();
            let lines = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1));
            for line in lines {
                for lang in Lang::ALL {
                    let lex = Lexicon::get(lang);
                    let Some((_, (start, end))) = lex.paragraph_verb(&text, line) else {
                        continue;
                    };
                    prop_assert!(lex.paragraph_verbs.may_open(text.as_bytes(), line), "{:?} in {:?}", lang, text);
                    let after = text[end..].chars().next();
                    let spaced = lang != Lang::Zh;
                    prop_assert!(
                        !spaced || after.is_none_or(|c| !c.is_alphanumeric()),
                        "{:?}: {:?} is not a whole word in {:?}", lang, &text[start..end], text
                    );
                }
            }
        }
    }
}
