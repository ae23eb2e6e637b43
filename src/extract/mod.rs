//! Text in, citations out (docs/design.md §2).
//!
//! The text is normalised (see [`crate::normalize`]), then:
//! 1. every number shape is found ([`numbers`]);
//! 2. every keyword ("resolution", "决议", "القرار" …) starts a *chain*:
//!    the list of numbers it governs, with the dates, titles, organ names
//!    and connectors that may stand between them (for Chinese, where the
//!    keyword closes the list, chains run from `第…号` to `决议`);
//! 3. each number in a chain becomes a canonical id from its shape, the
//!    organ named in the chain (before the keyword, between keyword and
//!    number, or right after the number), or else the organ that adopted
//!    the text being read;
//! 4. symbols written out (`A/RES/70/1`, undocs.org links) are citations
//!    wherever they stand; other document symbols are references.
//!
//! The document's own symbol, title and date come from its header
//! ([`header`]); its own symbol is never a citation.

mod evidence;
mod header;
mod lexicon;
pub mod numbers;
mod symbols;

use serde::Serialize;

use crate::block::Block;
use crate::normalize::Normalized;
use crate::symbol::{Kind, Organ, RomanSession, Session, Symbol};
use crate::vocab::{Body, KeywordOrder, Lang};
use evidence::Evidence;
use lexicon::{GaveUp, KeywordAnchors, Lexicon, SharingDates, StepScreen};
use numbers::{NumberHit, Prefix, Shape};

pub use header::DocumentHeader;

/// Where in the document a citation stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Preamble,
    Operative,
    Footnote,
    Other,
}

/// One citation of a resolution or decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub target: Symbol,
    pub part: Option<String>,
    /// The text as written, from the original.
    pub matched: String,
    /// Byte offsets into the text given to the extractor.
    pub start: usize,
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    pub date: Option<String>,
    pub title: Option<String>,
    pub verb: Option<String>,
    pub section: Section,
    /// The sentence (or list item) in which it is cited, whitespace
    /// collapsed, at most about 300 characters.
    pub evidence: Option<String>,
}

/// A document symbol that is not a resolution or decision (a report, a
/// draft, a letter): `A/78/L.86`, `S/2024/171`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    pub symbol: String,
    pub matched: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

/// What the extractor found in one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extraction {
    pub language: Lang,
    pub header: DocumentHeader,
    pub citations: Vec<Citation>,
    pub references: Vec<Reference>,
}

/// How to read a text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The language; detected from the text when `None`.
    pub lang: Option<Lang>,
    /// The document's own symbol when known from elsewhere (metadata); it
    /// wins over the header.
    pub own_symbol: Option<Symbol>,
    /// Leave out the references to other documents: a graph needs the
    /// citations only, and looking for references is about 1.6% of
    /// extraction.
    pub citations_only: bool,
}

/// Extracts citations and references from `text`.
pub fn extract(text: &str, options: &Options) -> Extraction {
    let norm = Normalized::new(text);
    let lang = options.lang.unwrap_or_else(|| detect_language(&norm.text));
    let lex = Lexicon::get(lang);
    let (mut header, heading_line) = header::read_header(&norm.text, lex);
    let heading_symbol = header.symbol;
    if let Some(own) = options.own_symbol {
        header.symbol = Some(own);
    }
    let own_organ = header
        .symbol
        .map(|s| s.organ())
        .or(header.organ)
        .unwrap_or(Organ::GeneralAssembly);
    // Citations run across line breaks ("Security\nCouncil", "第 78/213 号\n\n决议");
    // a copy with newlines as spaces keeps every offset.
    let (flat, norm_line_starts) = flatten_lines(&norm.text);
    let numbers = numbers::find_numbers(&flat);
    let mut keywords = find_keywords(&flat, lex);
    // An old Council text's own heading ("Resolution 474 (1980)", its date
    // on the next line) cites nothing: no chain starts there. Its chain
    // had cost about a tenth of such a text's extraction, for a citation
    // of the text itself, dropped below.
    if let Some(line) = heading_line.filter(|_| header.symbol == heading_symbol) {
        keywords.retain(|keyword| !line.contains(&keyword.start));
    }
    let mentions = OrganMentions::new(&flat, lex);
    let mut raw = match lex.vocab.order {
        KeywordOrder::Before => chains_keyword_first(&flat, lex, &keywords, &numbers, &mentions),
        KeywordOrder::After => chains_keyword_last(&flat, lex, &numbers),
    };
    raw.extend(written_symbols(&flat));
    if own_organ == Organ::SecurityCouncil {
        if let Some(next) = header::next_resolution(&norm.text, &norm_line_starts, lex) {
            raw.retain(|r| r.start < next);
        }
    }
    raw.sort_by_key(|r| (r.start, r.end));
    raw.dedup_by_key(|r| (r.start, r.end));
    let layout = header::Layout::with_line_starts(norm_line_starts);
    // Folding most often keeps the text as it is: its offsets are then
    // the original's.
    let folded = norm.text != text;
    // Folding most often keeps the lines: then they are the folded text's,
    // moved, or the same.
    let original_line_starts = folded.then(|| {
        norm.original_line_starts(layout.line_starts())
            .unwrap_or_else(|| line_starts(text))
    });
    let line_starts = original_line_starts
        .as_deref()
        .unwrap_or_else(|| layout.line_starts());
    // Each citation, and its paragraph's bounds for its evidence.
    let mut citations: Vec<Citation> = Vec::with_capacity(raw.len());
    let mut paragraphs: Vec<evidence::Bounds> = Vec::with_capacity(raw.len());
    // Citations come in the order of the text, most of them a few lines
    // after the one before, many in the same paragraph: the line is
    // stepped to, and the verb read once for the paragraph's citations.
    let mut line = 1;
    // The last verb read: its span in the folded text, and the citation
    // given it, whose copy the paragraph's next citations clone (a second
    // copy, kept here, had cost an allocation a paragraph).
    let mut last_verb: Option<((usize, usize), usize)> = None;
    for r in raw {
        let Some(target) = r.resolve(own_organ) else {
            continue;
        };
        if Some(target) == header.symbol {
            continue;
        }
        // A footnote's number glued on ("75/2891" cites 75/289) is left
        // out of the citation's span, as it is of its target.
        let marker = r.footnote_marker_len(&norm.text);
        let (start, end) = original_span(&norm, text, folded, (r.start, r.end - marker));
        let paragraph = layout.paragraph_at(&norm.text, r.start, r.end, lex);
        line = line_from(line_starts, start, line);
        let verb = match (paragraph.verb, last_verb) {
            (Some(span), Some((last, holder))) if last == span => {
                citations.get(holder).and_then(|c| c.verb.clone())
            }
            (Some(span), _) => {
                let (from, to) = original_verb_span(&norm, text, folded, span);
                last_verb = Some((span, citations.len()));
                Some(verb_as_written(&text[from..to]))
            }
            (None, _) => None,
        };
        citations.push(Citation {
            target,
            part: r.part,
            matched: text[start..end].to_string(),
            start,
            end,
            line,
            date: r.date,
            title: r
                .title
                .map(|span| title_as_written(&norm, text, folded, span)),
            verb,
            section: paragraph.section,
            evidence: None,
        });
        paragraphs.push(match folded {
            false => (paragraph.start, paragraph.end),
            true => (
                norm.original_offset(paragraph.start),
                norm.original_offset(paragraph.end),
            ),
        });
    }
    Evidence::new(text).fill(&mut citations, &paragraphs);
    let references = if options.citations_only {
        Vec::new()
    } else {
        find_references(&norm, text, line_starts)
    };
    Extraction {
        language: lang,
        header,
        citations,
        references,
    }
}

/// Newlines read as spaces, except after a full stop or semicolon, where
/// they end a clause (a Russian or Arabic paragraph starts without a
/// capital, so ". " alone cannot tell). Offsets are unchanged. Also
/// returns where each line of `text` starts, as `line_starts` does: the
/// same scan finds both.
fn flatten_lines(text: &str) -> (String, Vec<usize>) {
    // One copy, then each newline that reads as a space overwritten in
    // place: an old Council text has a line every 40 bytes, and copying it
    // line by line cost a call a line.
    let bytes = text.as_bytes();
    let mut flat = bytes.to_vec();
    // Room for a line every 32 bytes, to spare most texts the growing.
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    // The newlines 64 bytes (four block compares) at a time, in a loop of
    // its own: as an iterator, or a call a newline, the scan cost more than
    // its compares did.
    const CHUNK: usize = 4 * Block::LEN;
    let newlines = |chunk: &[u8; CHUNK]| {
        let lanes = |at: usize| u64::from(Block::load_array(chunk, at).eq(b'\n').bits());
        lanes(0) | lanes(16) << 16 | lanes(32) << 32 | lanes(48) << 48
    };
    let mut chunks = bytes.chunks_exact(CHUNK);
    let mut base = 0;
    for chunk in chunks.by_ref() {
        let Some(chunk) = chunk.first_chunk::<CHUNK>() else {
            break;
        };
        let mut bits = newlines(chunk);
        while bits != 0 {
            let at = base + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            starts.push(at + 1);
            if !newline_ends_clause(text, at) {
                flat[at] = b' ';
            }
        }
        base += CHUNK;
    }
    let rest = chunks.remainder();
    for at in (base..base + rest.len()).filter(|&at| bytes[at] == b'\n') {
        starts.push(at + 1);
        if !newline_ends_clause(text, at) {
            flat[at] = b' ';
        }
    }
    debug_assert!(std::str::from_utf8(&flat).is_ok());
    // SAFETY: `flat` is the UTF-8 of `text` with some of its newlines, an
    // ASCII byte each, made spaces, another ASCII byte: still UTF-8.
    // (Checking it again cost 1.5% of an old Council text's extraction.)
    let flat = unsafe { String::from_utf8_unchecked(flat) };
    (flat, starts)
}

/// Whether the line that the newline at `at` of `text` ends ends a clause
/// (`line_ends_clause`). Most lines end with a byte that ends none: the
/// last byte of every stop it knows is one of four, told before the line
/// is looked at.
#[inline(always)]
fn newline_ends_clause(text: &str, at: usize) -> bool {
    at > 0
        && matches!(text.as_bytes()[at - 1], b'.' | b';' | 0x82 | 0x9B)
        && line_ends_clause(&text[..at])
}

/// Where the citation at `from..to` of the folded text stands in `text`:
/// the same bytes when folding kept the text as it is (and the span is
/// one of whole characters, as `Normalized::original_span` reads it),
/// with no anchors looked up.
fn original_span(
    norm: &Normalized,
    text: &str,
    folded: bool,
    (from, to): (usize, usize),
) -> (usize, usize) {
    match !folded && text.get(from..to).is_some() {
        true => (from, to),
        false => norm.original_span(text, from, to),
    }
}

/// Where the verb at `from..to` of the folded text stands in `text`:
/// most often, where its start maps to, the same bytes.
fn original_verb_span(
    norm: &Normalized,
    text: &str,
    folded: bool,
    (from, to): (usize, usize),
) -> (usize, usize) {
    if !folded {
        return (from, to);
    }
    let start = norm.original_offset(from);
    let end = start + (to - from);
    match text.as_bytes().get(start..end) == Some(&norm.text.as_bytes()[from..to]) {
        true => (start, end),
        false => norm.original_span(text, from, to),
    }
}

/// The title at `from..to` of the folded text as the original writes it
/// ("变革我们的世界：2030年…" keeps its full-width colon, which folding
/// makes ASCII), its white space one space each (`unquote`). Characters
/// that only format it are read as folding reads them: a bidi embedding
/// as a space (pdftotext puts one where a space was), a zero-width
/// character, soft hyphen, BOM or tatweel as nothing. Only a folded
/// text's offsets need mapping, and only it can hold such characters:
/// the flattened text differs from an unfolded one only in newlines,
/// which `unquote` makes spaces.
fn title_as_written(
    norm: &Normalized,
    text: &str,
    folded: bool,
    (from, to): (usize, usize),
) -> String {
    if !folded {
        return text.get(from..to).map(unquote).unwrap_or_default();
    }
    let (start, end) = norm.original_span(text, from, to);
    unquote(&without_formats(text.get(start..end).unwrap_or_default()))
}

/// A paragraph's verb as the text writes it ("وإذ تذكّر" with its shadda,
/// which folding drops), its white space one space each and without the
/// characters that only format it: bidi marks, soft hyphens, tatweel.
fn verb_as_written(verb: &str) -> String {
    // Most verbs hold no byte that may start white space other than a
    // lone space between words, or a format character: they are copied
    // as they stand.
    let plain = |(at, &b): (usize, &u8)| match b {
        b' ' => {
            at > 0
                && verb
                    .as_bytes()
                    .get(at + 1)
                    .is_some_and(|&next| next != b' ')
        }
        b'\t'..=b'\r' | 0xC2 | 0xD9 | 0xE1..=0xE3 | 0xEF => false,
        _ => true,
    };
    if verb.as_bytes().iter().enumerate().all(plain) {
        return verb.to_string();
    }
    let cleaned = without_formats(verb);
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    words.join(" ")
}

/// `text` with the characters that only format it read as folding reads
/// them: a bidi embedding or isolate as a space (pdftotext puts one where
/// a space was), a zero-width character, soft hyphen, word joiner, BOM or
/// tatweel as nothing. Borrowed when it holds none.
fn without_formats(text: &str) -> std::borrow::Cow<'_, str> {
    let role = |c: char| match c {
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some(Some(' ')),
        '\u{00AD}'
        | '\u{0640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{2065}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}' => Some(None),
        _ => None,
    };
    if !text.contains(|c| role(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .filter_map(|c| role(c).unwrap_or(Some(c)))
        .collect::<String>()
        .into()
}

/// Whether `text` ends with a full stop or semicolon (ASCII, full-width,
/// Chinese or Arabic) that ends a clause, as no abbreviation's full stop
/// does. Told by the last byte first: most lines end with neither.
fn line_ends_clause(text: &str) -> bool {
    match text.as_bytes().last() {
        Some(b'.') => !after_abbreviation(text),
        Some(b';') => true,
        // The last bytes of "。", and of "；" and "؛".
        Some(0x82) => text.ends_with('。'),
        Some(0x9B) => text.ends_with(['；', '؛']),
        _ => false,
    }
}

/// The words whose full stop ends no clause.
const ABBREVIATIONS: [&str; 16] = [
    "para", "paras", "No", "Nos", "no", "vol", "chap", "sect", "art", "arts", "p", "pp", "Add",
    "Corr", "Rev", "г",
];

/// Whether `text` ends with an abbreviation's full stop ("paras.", "No.",
/// "vol."), which ends no clause.
fn after_abbreviation(text: &str) -> bool {
    /// Whether a byte is the last of one of the abbreviations.
    const ENDS_ONE: [bool; 256] = {
        let mut table = [false; 256];
        let mut i = 0;
        while i < ABBREVIATIONS.len() {
            let word = ABBREVIATIONS[i].as_bytes();
            table[word[word.len() - 1] as usize] = true;
            i += 1;
        }
        table
    };
    let Some(body) = text.strip_suffix('.') else {
        return false;
    };
    // Most words before a full stop end as none of the abbreviations do.
    if !body
        .as_bytes()
        .last()
        .is_some_and(|&b| ENDS_ONE[usize::from(b)])
    {
        return false;
    }
    let word = last_word(body);
    ABBREVIATIONS.contains(&word)
}

/// Guesses the language from the script, and for Latin text from common
/// function words.
pub fn detect_language(text: &str) -> Lang {
    // A few pages tell the script and the language.
    let mut end = text.len().min(4_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let (arabic, han, cyrillic) = count_other_scripts(sample.as_bytes());
    // With no letter of another script, Latin wins whatever its count.
    if arabic + han + cyrillic > 0 {
        let latin = count_latin(sample.as_bytes());
        // Han characters carry more per character than letters do.
        let scores = [
            (Lang::Ar, arabic),
            (Lang::Zh, han * 3),
            (Lang::Ru, cyrillic),
            (Lang::En, latin),
        ];
        let best = scores
            .iter()
            .max_by_key(|(_, n)| *n)
            .map_or(Lang::En, |(l, _)| *l);
        if best != Lang::En {
            return best;
        }
    }
    // The first few hundred bytes settle most texts: words are counted a
    // block at a time until one language leads clearly. No word crosses
    // the end of a block (`word_floor` cuts between words), so the short
    // words of the whole sample are read in one walk, and the lead is
    // checked where a word first stands past a block's end.
    let mut counts = [0usize; 3];
    let mut block_end = block_end_after(sample, 0);
    for (start, end) in LetterRuns::new(sample.as_bytes(), 4) {
        if start >= block_end {
            if clear_lead(counts) {
                break;
            }
            while block_end <= start {
                block_end = block_end_after(sample, block_end);
            }
        }
        if let Some(lang) = function_word_at(sample, start, end) {
            counts[lang] += 1;
        }
    }
    let [en, fr, es] = counts;
    latin_language(en, fr, es)
}

/// Where the block of function words that starts at `at` ends.
fn block_end_after(sample: &str, at: usize) -> usize {
    let end = word_floor(sample, at + WORD_BLOCK);
    if end <= at {
        sample.len()
    } else {
        end
    }
}

/// Whether one language's function words lead the others' clearly enough
/// for the count to stop.
fn clear_lead(counts: [usize; 3]) -> bool {
    let mut ranked = counts;
    ranked.sort_unstable();
    let [_, second, lead] = ranked;
    lead >= CLEAR_LEAD && lead >= 3 * second
}

/// The language (0, 1, 2: English, French, Spanish) whose function word
/// the run of one to four ASCII letters at `start..end` of `sample` is,
/// unless it goes on into a letter of another script ("déjà": part of a
/// longer word).
#[inline(always)]
fn function_word_at(sample: &str, start: usize, end: usize) -> Option<usize> {
    let bytes = sample.as_bytes();
    let joined_before = start > 0
        && bytes[start - 1] >= 0x80
        && sample[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
    let joined_after = bytes.get(end).is_some_and(|&b| b >= 0x80)
        && sample[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphabetic);
    if joined_before || joined_after {
        return None;
    }
    // The four bytes from the run's start, read as one number (the text
    // is padded where it ends sooner), cut to the run.
    let len = end - start;
    let four = match bytes.get(start..start + 4).map(<[u8; 4]>::try_from) {
        Some(Ok(four)) => four,
        _ => {
            let mut four = [0u8; 4];
            four[..len].copy_from_slice(&bytes[start..end]);
            four
        }
    };
    function_word_of_key(letters_key(four, len))
}

/// The bytes of text whose function words are counted at a time: the
/// lead is checked after each block. (At 256 bytes, most old Council
/// texts were read a block further than they need: 0.5% of their
/// instructions.)
const WORD_BLOCK: usize = 128;

/// Function words a language must have, three times as many as any other
/// language's, for the count to stop before the end of the sample. Over
/// the fixtures (1,532 texts in Latin script) and a generated corpus of
/// 30,381 English, French and Spanish texts, no count that stopped early,
/// at a block of 256 bytes or of 128, disagrees with the whole sample.
const CLEAR_LEAD: usize = 12;

/// English, French or Spanish by their function word counts; ties go to
/// English, then French.
fn latin_language(en: usize, fr: usize, es: usize) -> Lang {
    if fr > en && fr >= es {
        Lang::Fr
    } else if es > en && es > fr {
        Lang::Es
    } else {
        Lang::En
    }
}

/// The largest offset up to `max` where `text` can be cut without cutting
/// a word (nor a character) in two.
fn word_floor(text: &str, max: usize) -> usize {
    if max >= text.len() {
        return text.len();
    }
    let bytes = text.as_bytes();
    let mut at = max;
    while at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] >= 0x80) {
        at -= 1;
    }
    at
}

/// Arabic, Han and Cyrillic letters in `bytes`, counted by the first bytes
/// of their UTF-8 sequences without decoding them: Arabic U+0600–06FF and
/// U+0750–077F, Cyrillic U+0400–04FF, CJK U+3400–9FFF, Arabic presentation
/// forms U+FB50–FEFF.
fn count_other_scripts(bytes: &[u8]) -> (usize, usize, usize) {
    // Byte counters, summed every 64 bytes before they can overflow, let the
    // compiler count many bytes a step. All those first bytes are 0xD0 or
    // more, so a run of Latin text is passed over a chunk at a time, told
    // by a block compare of its lanes. The two-byte cases are rare and
    // found with memchr, where a chunk holds one of their first bytes.
    let mut totals = [0usize; 3];
    // Whether a chunk holds the first byte of a two-byte case: asked until
    // one does.
    let mut leads = false;
    for chunk in bytes.chunks(64) {
        match <&[u8; 64]>::try_from(chunk) {
            Ok(whole) => {
                let lanes = |at: usize| Block::load_array(whole, at);
                // The largest byte of each lane over the four blocks, then
                // one compare.
                let largest = lanes(0).max(lanes(16)).max(lanes(32)).max(lanes(48));
                if largest.in_range(0xD0, 0xFF).bits() == 0 {
                    continue;
                }
                if !leads {
                    let lead = |at: usize| lanes(at).eq(0xE3) | lanes(at).eq(0xEF);
                    leads = (lead(0) | lead(16) | lead(32) | lead(48)).bits() != 0;
                }
            }
            Err(_) => {
                if !chunk.iter().any(|&b| b >= 0xD0) {
                    continue;
                }
                leads = leads || chunk.iter().any(|&b| b == 0xE3 || b == 0xEF);
            }
        }
        let mut counts = [0u8; 3];
        for &b in chunk {
            counts[0] += u8::from((b.wrapping_sub(0xD8) < 4) | (b == 0xDD));
            counts[1] += u8::from(b.wrapping_sub(0xE4) < 6);
            counts[2] += u8::from(b.wrapping_sub(0xD0) < 4);
        }
        for (total, count) in totals.iter_mut().zip(counts) {
            *total += usize::from(count);
        }
    }
    let [arabic, han, cyrillic] = totals;
    if !leads {
        return (arabic, han, cyrillic);
    }
    let followed_by = |lead: u8, second: fn(u8) -> bool| {
        memchr::memchr_iter(lead, bytes)
            .filter(|&at| bytes.get(at + 1).is_some_and(|&b| second(b)))
            .count()
    };
    (
        arabic + followed_by(0xEF, |b| (0xAD..=0xBB).contains(&b)),
        han + followed_by(0xE3, |b| b >= 0x90),
        cyrillic,
    )
}

/// ASCII letters in `bytes`.
fn count_latin(bytes: &[u8]) -> usize {
    bytes
        .chunks(64)
        .map(|chunk| {
            let letters = chunk.iter().fold(0u8, |n, &b| {
                n + u8::from((b | 0x20).wrapping_sub(b'a') < 26)
            });
            usize::from(letters)
        })
        .sum()
}

/// How many English, French and Spanish function words `sample` has.
/// Only words of one of the two Romance languages count: "la", "de", "en",
/// "que" are common in both, and a Spanish text full of "de la Asamblea"
/// citations must not read as French.
#[cfg(test)]
fn function_words(sample: &str) -> (usize, usize, usize) {
    let mut counts = [0usize; 3];
    for (start, end) in LetterRuns::new(sample.as_bytes(), 4) {
        if let Some(lang) = function_word_at(sample, start, end) {
            counts[lang] += 1;
        }
    }
    let [en, fr, es] = counts;
    (en, fr, es)
}

/// 0, 1 or 2 when `word` (ASCII, at most four letters) is an English, French
/// or Spanish function word.
#[cfg(test)]
fn function_word_language(word: &[u8]) -> Option<usize> {
    if word.is_empty() || word.len() > 4 || !word.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut four = [0u8; 4];
    four[..word.len()].copy_from_slice(word);
    function_word_of_key(letters_key(four, word.len()))
}

/// The first `len` (one to four) of `four`, ASCII letters, in lower case (a
/// letter's 0x20 bit set), the first in the lowest byte: one number a word.
#[inline(always)]
fn letters_key(four: [u8; 4], len: usize) -> u32 {
    (u32::from_le_bytes(four) | 0x2020_2020) & (u32::MAX >> (8 * (4 - len)))
}

/// The function words counted, by language (0, 1, 2: English, French,
/// Spanish). Only words of one of the two Romance languages count: "la",
/// "de", "en", "que" are common in both.
const FUNCTION_WORDS: [(&[u8], u8); 28] = [
    (b"the", 0),
    (b"of", 0),
    (b"and", 0),
    (b"to", 0),
    (b"its", 0),
    (b"that", 0),
    (b"with", 0),
    (b"le", 1),
    (b"les", 1),
    (b"des", 1),
    (b"du", 1),
    (b"et", 1),
    (b"aux", 1),
    (b"dans", 1),
    (b"une", 1),
    (b"pour", 1),
    (b"sur", 1),
    (b"el", 2),
    (b"los", 2),
    (b"las", 2),
    (b"del", 2),
    (b"y", 2),
    (b"su", 2),
    (b"sus", 2),
    (b"con", 2),
    (b"una", 2),
    (b"para", 2),
    (b"por", 2),
];

/// The function words' keys in a table of 64 places, each word at the
/// place its key hashes to (multiplied, its top six bits), with its
/// language: a word is told by one look, where a `match` on the keys had
/// branched its way down a tree of comparisons that the processor could
/// not predict (1.4% of an old Council text's time). The multiplier was
/// found by search; building the table fails to compile if two words
/// share a place.
const FUNCTION_WORD_TABLE: [(u32, u8); 64] = {
    let mut table = [(0u32, 0u8); 64];
    let mut i = 0;
    while i < FUNCTION_WORDS.len() {
        let (word, lang) = FUNCTION_WORDS[i];
        let key = word_key(word);
        let place = function_word_place(key);
        assert!(table[place].0 == 0, "two function words share a place");
        table[place] = (key, lang);
        i += 1;
    }
    table
};

/// A word's letters as one number, the first in the lowest byte, as
/// `letters_key` makes them from a small-letter word.
const fn word_key(word: &[u8]) -> u32 {
    let mut key = 0;
    let mut at = word.len();
    while at > 0 {
        at -= 1;
        key = key << 8 | word[at] as u32;
    }
    key
}

/// The place of a key in `FUNCTION_WORD_TABLE`.
#[inline(always)]
const fn function_word_place(key: u32) -> usize {
    (key.wrapping_mul(0x7053_6E9B) >> 26) as usize
}

/// `function_word_language` of the word whose `letters_key` is `key`. No
/// word's key is 0, the empty places'.
#[inline(always)]
fn function_word_of_key(key: u32) -> Option<usize> {
    let (known, lang) = FUNCTION_WORD_TABLE[function_word_place(key)];
    (known == key).then_some(usize::from(lang))
}

/// One bit a byte of the 64 bytes of `bytes` from `at` on, set where the
/// byte is an ASCII letter; bytes past the end read as none.
fn ascii_letter_mask(bytes: &[u8], at: usize) -> u64 {
    let word = |chunk: &[u8]| {
        // A block of lanes at a time: lower-cased, then compared.
        chunk
            .chunks_exact(Block::LEN)
            .enumerate()
            .fold(0u64, |mask, (part, lanes)| {
                let bits = Block::load(lanes).map_or(0, |block| {
                    block.ascii_lowercase().in_range(b'a', b'z').bits()
                });
                mask | (u64::from(bits) << (Block::LEN * part))
            })
    };
    let rest = bytes.get(at..).unwrap_or_default();
    match rest.get(..64) {
        Some(chunk) => word(chunk),
        None => {
            // The tail, padded with bytes that are no letters.
            let mut padded = [0u8; 64];
            padded[..rest.len()].copy_from_slice(rest);
            word(&padded)
        }
    }
}

/// Each run of ASCII letters of `bytes` at most `max` long (below 64), as
/// `(start, end)`, in order, read from one bit a byte (`ascii_letter_mask`)
/// 64 bytes at a time, as far as they are asked for. A run starts where a
/// set bit follows a clear one; the starts of longer runs, whose bit and
/// `max` bits after it are all set, are taken out a word at a time, so
/// that only short words are visited.
struct LetterRuns<'b> {
    bytes: &'b [u8],
    max: usize,
    /// The 64 bytes from `64 * index` on, and the 64 after them.
    index: usize,
    word: u64,
    next: u64,
    /// The short runs that start in `word`, not yet given.
    starts: u64,
}

impl<'b> LetterRuns<'b> {
    fn new(bytes: &'b [u8], max: usize) -> LetterRuns<'b> {
        let word = ascii_letter_mask(bytes, 0);
        let next = ascii_letter_mask(bytes, 64);
        let mut runs = LetterRuns {
            bytes,
            max,
            index: 0,
            word,
            next,
            starts: 0,
        };
        runs.starts = runs.short_starts(0);
        runs
    }

    /// The short runs that start in `word`, given the last bit of the word
    /// before it.
    fn short_starts(&self, carried: u64) -> u64 {
        let starts = self.word & !((self.word << 1) | carried);
        let both = u128::from(self.next) << 64 | u128::from(self.word);
        let long = (0..=self.max).fold(u128::MAX, |all, shift| all & (both >> shift));
        starts & !(long as u64)
    }
}

impl Iterator for LetterRuns<'_> {
    type Item = (usize, usize);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, usize)> {
        while self.starts == 0 {
            if 64 * (self.index + 1) >= self.bytes.len() {
                return None;
            }
            self.index += 1;
            let carried = self.word >> 63;
            self.word = self.next;
            self.next = ascii_letter_mask(self.bytes, 64 * (self.index + 1));
            self.starts = self.short_starts(carried);
        }
        let bit = self.starts.trailing_zeros() as usize;
        self.starts &= self.starts - 1;
        let both = u128::from(self.next) << 64 | u128::from(self.word);
        let len = ((both >> bit) as u64).trailing_ones() as usize;
        let start = 64 * self.index + bit;
        Some((start, start + len))
    }
}

/// A keyword in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct KeywordHit {
    start: usize,
    end: usize,
    kind: Kind,
}

fn find_keywords(text: &str, lex: &Lexicon) -> Vec<KeywordHit> {
    keyword_hits(text, lex, lex.keyword_anchors.as_ref())
}

/// The keywords of `text`, found with `anchors` to skip ahead when given.
fn keyword_hits(text: &str, lex: &Lexicon, anchors: Option<&KeywordAnchors>) -> Vec<KeywordHit> {
    // Room for a keyword every 128 bytes, more than most texts have (a
    // long text grows past the bound as usual).
    let mut hits = Vec::with_capacity((text.len() / 128 + 1).min(1024));
    let mut at = 0;
    // The text with capitals in lower case, for the anchors' search: the
    // same length, the same character boundaries.
    let lower = anchors.map(|anchors| anchors.folded(text));
    loop {
        let hit = match (anchors, &lower) {
            (Some(anchors), Some(lower)) => {
                // No keyword starts before these starts, nor between them
                // and the next anchor: each is tried in turn, anchored.
                let Some(starts) = anchors.next_starts(text, lower, at) else {
                    break;
                };
                let anchor = *starts.end();
                let found = starts
                    .filter(|&start| text.is_char_boundary(start))
                    .find_map(|start| keyword_starting_at(text, start, lex));
                match found {
                    Some(hit) => hit,
                    None => {
                        at = anchor + 1;
                        while !text.is_char_boundary(at) {
                            at += 1;
                        }
                        continue;
                    }
                }
            }
            _ => match keyword_at(text, at, lex) {
                Some(hit) => hit,
                None => break,
            },
        };
        if lex.starts_word(text, hit.start) {
            hits.push(hit);
            // The boundary character after a keyword may start the next one.
            at = hit.end.max(at + 1);
        } else {
            // "irresolution": look again one character on.
            at = hit.start + 1;
        }
        while !text.is_char_boundary(at) {
            at += 1;
        }
    }
    hits
}

/// The first keyword match from `from`: the keyword's span (without the
/// boundary character after it) and its kind.
///
/// The match alone is found by the automaton; which group took part, and
/// where the keyword ends, are read from it: at a given start the pattern
/// takes a resolution keyword whenever one (with its boundary) matches,
/// and the boundary is one character, or none at the end of the text. Only
/// there, where the character before the end could belong to either, are
/// the groups read by the capture engine.
fn keyword_at(text: &str, from: usize, lex: &Lexicon) -> Option<KeywordHit> {
    let found = lex.keyword.find_at(text, from)?;
    keyword_hit(text, found.range(), None, lex)
}

/// The keyword match starting at `start`, if one does; as `keyword_at`.
fn keyword_starting_at(text: &str, start: usize, lex: &Lexicon) -> Option<KeywordHit> {
    match lex.keyword_walk.find(text, start) {
        Ok(found) => {
            let (end, kind) = found?;
            keyword_hit(text, start..end, Some(kind), lex)
        }
        Err(GaveUp) => {
            let input = regex_automata::Input::new(text)
                .range(start..)
                .anchored(regex_automata::Anchored::Yes);
            let found = lex.keyword_at_start.find(input)?;
            keyword_hit(text, found.range(), None, lex)
        }
    }
}

/// The keyword hit of the keyword pattern's match at `found`, of `kind`
/// when known.
fn keyword_hit(
    text: &str,
    found: std::ops::Range<usize>,
    kind: Option<Kind>,
    lex: &Lexicon,
) -> Option<KeywordHit> {
    let matched = &text[found.clone()];
    let boundary_len = match lex.vocab.order {
        KeywordOrder::After => Some(0),
        KeywordOrder::Before if found.end < text.len() => {
            matched.chars().next_back().map(char::len_utf8)
        }
        KeywordOrder::Before => None,
    };
    let Some(boundary_len) = boundary_len else {
        let caps = lex.keyword.captures_at(text, found.start)?;
        let (keyword, kind) = match (caps.name("res"), caps.name("dec")) {
            (Some(res), _) => (res, Kind::Resolution),
            (None, dec) => (dec?, Kind::Decision),
        };
        return Some(KeywordHit {
            start: keyword.start(),
            end: keyword.end(),
            kind,
        });
    };
    let kind =
        kind.unwrap_or_else(
            || match lex.resolution_keyword.is_match(&text[found.start..]) {
                true => Kind::Resolution,
                false => Kind::Decision,
            },
        );
    Some(KeywordHit {
        start: found.start,
        end: found.end - boundary_len,
        kind,
    })
}

/// A citation before its id is decided.
#[derive(Debug, Clone)]
struct RawCitation {
    start: usize,
    end: usize,
    kind: Kind,
    shape: RawShape,
    part: Option<String>,
    /// The organ named for it; `None` when the text names none.
    body: Option<Body>,
    date: Option<String>,
    /// Where its title stands in the flattened text, quotes and all
    /// as read: reported from the original text (`title_as_written`).
    title: Option<(usize, usize)>,
}

#[derive(Debug, Clone)]
enum RawShape {
    Number(Shape),
    Written(Symbol),
}

impl RawCitation {
    fn from_number(hit: &NumberHit, kind: Kind, body: Option<Body>) -> RawCitation {
        RawCitation {
            start: hit.start,
            end: hit.end,
            kind,
            shape: RawShape::Number(hit.shape),
            part: hit.part.clone(),
            body,
            date: None,
            title: None,
        }
    }

    /// The canonical id, from the shape and the organ; `None` for another
    /// body's documents and for numbers no organ could have adopted.
    /// How many digits at the end of the citation's number (`text` is
    /// the folded text it was read from) are a footnote's number glued
    /// on, which `resolve` drops: none unless the number ends the span.
    fn footnote_marker_len(&self, text: &str) -> usize {
        let RawShape::Number(shape @ Shape::Slash { b, .. }) = self.shape else {
            return 0;
        };
        let Shape::Slash { b: kept, .. } = strip_footnote_marker(shape, self.kind) else {
            return 0;
        };
        let dropped = decimal_digits(b) - decimal_digits(kept);
        let span = text
            .as_bytes()
            .get(self.start..self.end)
            .unwrap_or_default();
        let ends_with_digits =
            span.len() > dropped && span[span.len() - dropped..].iter().all(u8::is_ascii_digit);
        match self.part.is_none() && ends_with_digits {
            true => dropped,
            false => 0,
        }
    }

    fn resolve(&self, own_organ: Organ) -> Option<Symbol> {
        let shape = match &self.shape {
            RawShape::Written(symbol) => return Some(*symbol),
            RawShape::Number(shape) => *shape,
        };
        let organ = match self.body {
            // A year in brackets is the Security Council's numbering and
            // no other body's: "the Committee of the Security Council
            // established by resolutions 1267 (1999) …" names the Council
            // in a name of its own.
            Some(Body::Other) if !matches!(shape, Shape::Year { .. }) => return None,
            Some(Body::Other) => Some(Organ::SecurityCouncil),
            Some(Body::Organ(organ)) => Some(organ),
            None => None,
        };
        let shape = strip_footnote_marker(shape, self.kind);
        symbol_for(shape, self.kind, organ)
            .or_else(|| symbol_for(shape, self.kind, Some(default_organ(shape, own_organ))))
    }
}

/// The organ of a number whose organ the text does not name: the shape
/// says most (a year in parentheses is the Security Council's), the rest
/// is the organ that adopted the text ("its resolution 5/1" in a Human
/// Rights Council text is the Council's own).
fn default_organ(shape: Shape, own: Organ) -> Organ {
    match shape {
        Shape::Year { .. } => Organ::SecurityCouncil,
        Shape::Slash {
            prefix: Prefix::None,
            a,
            ..
        } if a >= 1946 => {
            if own == Organ::CommissionOnHumanRights {
                own
            } else {
                Organ::EconomicAndSocialCouncil
            }
        }
        Shape::Slash { .. } if own == Organ::HumanRightsCouncil => own,
        Shape::Roman { .. } if own == Organ::EconomicAndSocialCouncil => own,
        _ => Organ::GeneralAssembly,
    }
}

/// The largest serial numbers an organ gives in one session or year,
/// generously: GA sessions reach about 340 resolutions and decisions run
/// in the 300s to 500s.
fn plausible_max(kind: Kind) -> u32 {
    match kind {
        Kind::Resolution => 400,
        Kind::Decision => 700,
    }
}

/// A footnote marker printed after a number in PDF text ("59/3008" for
/// 59/300 and footnote 8) makes the number implausibly large. Drop trailing
/// digits while the number is out of range; a marker that leaves a
/// plausible number ("70/12" for 70/1 and footnote 2) cannot be told from
/// a real citation and is kept.
fn strip_footnote_marker(shape: Shape, kind: Kind) -> Shape {
    match shape {
        Shape::Slash { prefix, a, mut b } => {
            let limit = plausible_max(kind);
            while b > limit && b >= 10 {
                b /= 10;
            }
            Shape::Slash { prefix, a, b }
        }
        other => other,
    }
}

/// How many decimal digits `n` is written with.
fn decimal_digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

/// The id a shape has when adopted by `organ`; `None` when that organ
/// never numbered so.
fn symbol_for(shape: Shape, kind: Kind, organ: Option<Organ>) -> Option<Symbol> {
    let organ = organ?;
    let symbol = match (organ, shape) {
        (Organ::GeneralAssembly, Shape::Slash { prefix, a, b }) => {
            let session = session_of(prefix, a)?;
            if matches!(session, Session::Regular(n) if !(31..=120).contains(&n)) {
                return None;
            }
            Symbol::GaNumbered {
                kind,
                session,
                number: b,
            }
        }
        (Organ::GeneralAssembly, Shape::Roman { n, session }) if kind == Kind::Resolution => {
            if matches!(session, RomanSession::Regular(s) if s > 30) {
                return None;
            }
            Symbol::GaRoman { number: n, session }
        }
        (Organ::SecurityCouncil, Shape::Year { n, year }) if kind == Kind::Resolution => {
            if !(1946..=2100).contains(&year) || n > 9999 {
                return None;
            }
            Symbol::Sc { number: n, year }
        }
        (
            Organ::EconomicAndSocialCouncil,
            Shape::Slash {
                prefix: Prefix::None,
                a,
                b,
            },
        ) if a >= 1946 => Symbol::EcosocYear {
            kind,
            year: a.min(2100),
            number: b,
        },
        (
            Organ::EconomicAndSocialCouncil,
            Shape::Roman {
                n,
                session: RomanSession::Regular(s),
            },
        ) if kind == Kind::Resolution => Symbol::EcosocRoman {
            number: n,
            session: s,
        },
        (Organ::HumanRightsCouncil, Shape::Slash { prefix, a, b }) if a < 1946 => {
            let session = session_of(prefix, a)?;
            if matches!(session, Session::Regular(n) if n > 120) {
                return None;
            }
            Symbol::Hrc {
                kind,
                session,
                number: b,
            }
        }
        (
            Organ::CommissionOnHumanRights,
            Shape::Slash {
                prefix: Prefix::None,
                a,
                b,
            },
        ) if (1946..=2006).contains(&a) => Symbol::Chr {
            kind,
            year: a,
            number: b,
        },
        _ => return None,
    };
    (symbol.number() > 0).then_some(symbol)
}

fn session_of(prefix: Prefix, a: u16) -> Option<Session> {
    if a == 0 {
        return None;
    }
    Some(match prefix {
        Prefix::None => Session::Regular(a),
        Prefix::Special => Session::Special(a),
        Prefix::Emergency => Session::Emergency(a),
    })
}

/// Characters that end a clause: a list of citations never runs past them.
fn ends_clause(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(';' | '؛' | '；' | '。') => true,
        Some('.') => {
            let rest = chars.as_str();
            rest.is_empty()
                || rest.starts_with('\n')
                || rest
                    .strip_prefix(' ')
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_uppercase)
        }
        _ => false,
    }
}

/// Whether a clause ends (or a double space stands) at a character of
/// `window` before `until`: at a stop `ends_clause` takes, read within
/// `window`. Only the bytes those can start with are tried.
fn clause_ends_before(window: &str, until: usize) -> bool {
    let bytes = window.as_bytes();
    bytes[..until].iter().enumerate().any(|(i, &b)| {
        // ';', '.', ' ', and the lead bytes of '؛', '；' and '。'.
        matches!(b, b';' | b'.' | b' ' | 0xD8 | 0xEF | 0xE3)
            && (ends_clause(&window[i..]) || window[i..].starts_with("  "))
    })
}

/// Chains for languages that write the keyword first.
fn chains_keyword_first(
    text: &str,
    lex: &Lexicon,
    keywords: &[KeywordHit],
    numbers: &[NumberHit],
    mentions: &OrganMentions<'_>,
) -> Vec<RawCitation> {
    // About one citation a keyword: room for them, to spare the growing.
    let mut out = Vec::with_capacity(keywords.len());
    for (index, keyword) in keywords.iter().enumerate() {
        let next_keyword = keywords.get(index + 1).map_or(text.len(), |k| k.start);
        // "the present resolution": no number before the next keyword, no
        // chain, and no need to look for a body before it.
        let first_number = numbers.partition_point(|n| n.start < keyword.end);
        if numbers
            .get(first_number)
            .is_none_or(|n| n.start >= next_keyword)
        {
            continue;
        }
        let body_before = body_before(text, keyword.start, lex, mentions);
        // The chain looks numbers up at each step: only its own, from the
        // keyword up to the next one (included: a step may move there).
        let last_number =
            first_number + numbers[first_number..].partition_point(|n| n.start <= next_keyword);
        let first = out.len();
        let chain = Chain {
            text,
            lex,
            numbers: &numbers[first_number..last_number],
            mentions,
            kind: keyword.kind,
            cursor: keyword.end,
            limit: next_keyword,
            body: body_before,
            items: &mut out,
            first,
            open_from: first,
            after_number: false,
            dated_from: first,
            dates_in_run: 0,
            later_dates: Vec::new(),
            first_held: false,
            yearless: false,
        };
        chain.run();
    }
    out
}

/// Where the text names each known organ in full, in order; looked for
/// only when a short name ("the Council") needs resolving, which few texts
/// do, and only as far into the text as the short names need.
struct OrganMentions<'a> {
    text: &'a str,
    lex: &'a Lexicon,
    /// The mentions found so far, in order.
    found: std::cell::RefCell<Vec<(usize, Organ)>>,
    /// Where the search goes on from; `None` once it reached the end.
    next: std::cell::Cell<Option<usize>>,
}

impl<'a> OrganMentions<'a> {
    fn new(text: &'a str, lex: &'a Lexicon) -> OrganMentions<'a> {
        OrganMentions {
            text,
            lex,
            found: std::cell::RefCell::new(Vec::new()),
            next: std::cell::Cell::new(Some(0)),
        }
    }

    /// Finds the next mention; `false` at the end of the text.
    fn find_next(&self) -> bool {
        let Some(from) = self.next.get() else {
            return false;
        };
        let found = self.lex.organ_mentions.find_from(self.text, from);
        // A name never matches empty, so the search moves on.
        self.next.set(found.map(|(_, end, _)| end.max(from + 1)));
        if let Some((start, _, Some(organ))) = found {
            self.found.borrow_mut().push((start, organ));
        }
        found.is_some()
    }

    /// `nearest_organ` over every mention of the text, searching only as
    /// far as the answer needs: to the first mention at or after `at`, and
    /// on from there while none of `organs` is found.
    fn nearest(&self, at: usize, organs: &[Organ]) -> Option<Organ> {
        loop {
            let short = self.found.borrow().last().is_none_or(|&(pos, _)| pos < at);
            if !short || !self.find_next() {
                break;
            }
        }
        let fits = |organ: &Organ| organs.contains(organ);
        let found = self.found.borrow();
        let before = found.partition_point(|(pos, _)| *pos < at);
        if let Some((_, organ)) = found[..before].iter().rev().find(|(_, o)| fits(o)) {
            return Some(*organ);
        }
        if let Some((_, organ)) = found[before..].iter().find(|(_, o)| fits(o)) {
            return Some(*organ);
        }
        let known = found.len();
        drop(found);
        while self.find_next() {
            let found = self.found.borrow();
            if let Some((_, organ)) = found[known..].iter().find(|(_, o)| fits(o)) {
                return Some(*organ);
            }
        }
        None
    }
}

/// The organ a short name ("the Council") stands for at `at`: the last of
/// its possible organs named in full before it; `None` when none was.
fn resolve_bare(organs: &[Organ], at: usize, mentions: &OrganMentions<'_>) -> Option<Body> {
    // "the Assembly" can only be the General Assembly.
    if let [only] = organs {
        return Some(Body::Organ(*only));
    }
    mentions.nearest(at, organs).map(Body::Organ)
}

/// Of `organs`, the one named in full (`mentions`, in order) nearest
/// before `at`; failing that, the first one after (a footnote may use the
/// short name before the text names the organ). The specification that
/// `OrganMentions::nearest` answers by.
#[cfg(test)]
fn nearest_organ(mentions: &[(usize, Organ)], at: usize, organs: &[Organ]) -> Option<Organ> {
    let before = mentions.partition_point(|(pos, _)| *pos < at);
    let fits = |(_, organ): &&(usize, Organ)| organs.contains(organ);
    mentions[..before]
        .iter()
        .rev()
        .find(fits)
        .or_else(|| mentions[before..].iter().find(fits))
        .map(|(_, organ)| *organ)
}

/// Whether the word before `at` is capitalised (and not an article):
/// "Peacebuilding Commission" is a name of its own, "the Commission" not.
fn capitalised_word_before(text: &str, at: usize, lex: &Lexicon) -> bool {
    let word = last_word(text[..at].trim_end());
    let articles = [
        "The", "the", "Le", "La", "L", "El", "Los", "Las", "Its", "its",
    ];
    let bare = word.trim_end_matches(['’', '\'']);
    // A paragraph's verb ("Recalling Assembly resolution 61/98") names
    // nothing, nor does a word with a stray mark a scan left in it
    // ("Genera]\nAssembly resolution 3212 (XXIX)").
    let verb = || {
        lex.paragraph_verbs
            .opening_at(word)
            .is_some_and(|(_, len)| len == word.len())
    };
    let name_like = || bare.chars().all(|c| c.is_alphabetic() || c == '-');
    word.chars().next().is_some_and(char::is_uppercase)
        && !articles.contains(&bare)
        && name_like()
        && !verb()
}

/// The body named just before a keyword: "Security Council resolution",
/// "the Human Rights Council, in its resolution".
fn body_before(
    text: &str,
    keyword_start: usize,
    lex: &Lexicon,
    mentions: &OrganMentions<'_>,
) -> Option<Body> {
    let mut from = keyword_start.saturating_sub(160);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..keyword_start];
    let screen = lex.screen_before(window);
    if !screen.any() {
        return None;
    }
    let known = lex
        .body_before_keyword
        .iter()
        .enumerate()
        .find(|(i, (re, _))| screen.body(*i) && re.is_match(window))
        .map(|(_, (_, body))| *body);
    if known.is_some() {
        return known;
    }
    for (i, (_, end_re, organs)) in lex.bare.iter().enumerate() {
        if !screen.bare(i) {
            continue;
        }
        if let Some(m) = end_re.find(window) {
            if !capitalised_word_before(window, m.start(), lex) {
                return resolve_bare(organs, from + m.start(), mentions);
            }
        }
    }
    // A name of another body is read back from the keyword over any words
    // ("la Commission de la condition de la femme et rappelant sa"): a
    // possessive that no binder ties to it ("dans sa") is the adopting
    // organ's.
    if !(lex.vocab.other_body_before_keyword && screen.other_body()) {
        return None;
    }
    let name = lex.other_body_before_keyword.find(window)?.as_str();
    if lex.not_in_names.is_match(name) || lex.ends_with_free_possessive(window) {
        return None;
    }
    // A known organ, or the Organization itself, as the subject of a
    // clause that ends at the keyword ("que el Consejo de Derechos Humanos
    // hizo suyos en su resolución 17/4").
    match lex.clause_subject(name) {
        Some(body) => body,
        None => Some(Body::Other),
    }
}

/// How far past a chain's step a title may end: its intro ("entitled",
/// a date before it) and the longest title taken, four bytes a character.
const TITLE_REACH: usize = 256 + 4 * lexicon::TITLE_MAX_CHARS;

/// The walk from one keyword over the list it governs.
struct Chain<'a> {
    text: &'a str,
    lex: &'a Lexicon,
    /// The numbers from the chain's start up to its limit, included.
    numbers: &'a [NumberHit],
    mentions: &'a OrganMentions<'a>,
    kind: Kind,
    cursor: usize,
    limit: usize,
    body: Option<Body>,
    /// The citations read so far, this chain's from `first` on: chains
    /// share one vector, made once a text.
    items: &'a mut Vec<RawCitation>,
    first: usize,
    /// Items not yet covered by a body named after them.
    open_from: usize,
    /// Whether the last element was a number or its date (a body right
    /// after it names that number's organ).
    after_number: bool,
    /// The first item of the numbers the dates being read follow ("60/1
    /// and 70/1" before "of 16 September 2005 and 25 September 2015").
    dated_from: usize,
    /// How many dates were read in a row after those numbers; the first
    /// is on the last number.
    dates_in_run: usize,
    /// The dates of the run after its first, kept until the run ends:
    /// as many dates as numbers are theirs in turn ("respectively").
    /// Empty, so unallocated, but for two dates or more in a row.
    later_dates: Vec<Option<String>>,
    /// Whether the run's first date is kept in `later_dates` too, not
    /// given to the last number: the first of dates that share their
    /// month or year ("of 4 and 14 July 1967") is no one number's unless
    /// the dates are as many as the numbers.
    first_held: bool,
    /// Whether a date without its year was read ("338 (1973) of 22
    /// October, …"): it stands as `lexicon::NO_YEAR`-mm-dd until a whole
    /// date after it in the list gives its year (`give_year`).
    yearless: bool,
}

impl<'a> Chain<'a> {
    fn run(mut self) {
        while self.cursor < self.limit {
            if !self.step() {
                break;
            }
        }
        self.end_date_run();
        self.give_year(None);
    }

    /// Gives the dates read without their year the year of `whole`, the
    /// whole date read after them in the list: "338 (1973) of 22 October,
    /// 340 (1973) of 25 October and 341 (1973) of 27 October 1973". None
    /// where the list has no whole date after them, where the date would
    /// come after the whole one (a list runs in the order of its dates:
    /// "of 20 December, … of 3 January 1947" is of the year before), or
    /// where a number that holds its year has another ("338 (1973)").
    fn give_year(&mut self, whole: Option<&str>) {
        if !std::mem::take(&mut self.yearless) {
            return;
        }
        let year = whole.and_then(|w| w.get(..4));
        let completed = |date: &mut Option<String>, own_year: Option<u16>| {
            let Some(month_day) = date
                .as_deref()
                .and_then(|d| d.strip_prefix(lexicon::NO_YEAR))
            else {
                return;
            };
            *date = year.zip(whole).and_then(|(year, whole)| {
                let dated = format!("{year}{month_day}");
                let same_year = own_year.is_none_or(|own| year.parse() == Ok(own));
                (same_year && dated.as_str() <= whole).then_some(dated)
            });
        };
        for item in &mut self.items[self.first..] {
            let own_year = match item.shape {
                RawShape::Number(Shape::Year { year, .. }) => Some(year),
                _ => None,
            };
            completed(&mut item.date, own_year);
        }
        for date in &mut self.later_dates {
            completed(date, None);
        }
    }

    /// A date read after the numbers from `dated_from` on: the first is
    /// the last number's, as one date after a list is; later ones wait
    /// for the run's end.
    fn read_date(&mut self, date: Option<String>) {
        if self.dates_in_run == 0 && !self.first_held {
            if let (Some(last), Some(date)) = (self.last_mut(), date) {
                last.date.get_or_insert(date);
            }
        } else {
            self.later_dates.push(date);
        }
        self.dates_in_run += 1;
    }

    /// Dates that share their month or year with the date after them
    /// ("of 4 and 14 July 1967"), read whole: none is the last number's
    /// alone, as a run's first date is. They date the numbers in turn
    /// where they are as many, and none otherwise: "resolution 61 (1948)
    /// of 4 and 16 November 1948" does not say which day is its own.
    fn read_shared_dates(&mut self, dates: Vec<Option<String>>) {
        if self.dates_in_run == 0 {
            self.first_held = true;
        }
        for date in dates {
            self.read_date(date);
        }
    }

    /// Ends a run of dates: "60/1 and 70/1 of 16 September 2005 and 25
    /// September 2015, respectively" dates each number by the date in its
    /// place, where the dates are as many as the numbers. The next
    /// numbers start a run of their own.
    fn end_date_run(&mut self) {
        let numbers = self.items.len() - self.dated_from;
        if self.dates_in_run >= 2 && self.dates_in_run == numbers {
            // A held first date is `later_dates`' first.
            let first =
                (!self.first_held).then(|| self.items.last_mut().and_then(|last| last.date.take()));
            let dates = first.into_iter().chain(self.later_dates.drain(..));
            for (item, date) in self.items[self.dated_from..].iter_mut().zip(dates) {
                item.date = date;
            }
        }
        self.later_dates.clear();
        self.first_held = false;
        self.dates_in_run = 0;
        self.dated_from = self.items.len();
    }

    /// The last citation this chain read.
    fn last_mut(&mut self) -> Option<&mut RawCitation> {
        self.items[self.first..].last_mut()
    }

    fn rest(&self) -> &'a str {
        &self.text[self.cursor..self.limit]
    }

    /// Consumes one element of the list; false when the list has ended.
    fn step(&mut self) -> bool {
        let rest = self.rest();
        if ends_clause(rest) {
            return false;
        }
        if let Some(hit) = self.number_at(self.cursor) {
            if self.dates_in_run > 0 {
                self.end_date_run();
            }
            self.items
                .push(RawCitation::from_number(hit, self.kind, self.body));
            self.cursor = hit.end;
            self.after_number = true;
            return true;
        }
        if let Some(len) = self.separator_before_number(rest) {
            // What the connector step below would consume, without the
            // screen and the regex calls that cost most of a step. (The
            // number the next step takes sets `after_number`.)
            self.cursor += len;
            return true;
        }
        let screen = self.lex.screen_step(rest);
        if let Some((len, body)) = self.body_at(rest, &screen) {
            // Dates on either side of a name are no one list of dates.
            if self.dates_in_run > 0 {
                self.end_date_run();
            }
            // A short name with no organ to stand for names none.
            if let Some(body) = body {
                self.name_body(body, rest[..len].contains(','));
            }
            self.cursor += len;
            return true;
        }
        if let Some(end) = screen
            .date()
            .then(|| self.lex.date_glue_end(rest))
            .flatten()
        {
            let date = self.lex.date_glue.iso_of(&rest[..end]);
            self.give_year(date.as_deref());
            self.read_date(date);
            self.cursor += end;
            return true;
        }
        // A title is read past the chain's limit: a keyword inside it
        // ("entitled “Follow-up to decisions of the Summit”") cuts no
        // title short. The chain ends after it. As far as the longest
        // title reaches, not to the text's end: a quote left open would
        // have each title's search read the rest of the text.
        let reach = self.cursor.saturating_add(TITLE_REACH).min(self.text.len());
        let reach = floor_boundary(self.text, reach);
        let ahead = &self.text[self.cursor..reach.max(self.cursor)];
        if let Some(caps) = screen.title().then(|| self.lex.title_at(ahead)).flatten() {
            if self.dates_in_run > 0 {
                self.end_date_run();
            }
            let cursor = self.cursor;
            if let (Some(last), Some(title)) = (self.last_mut(), caps.name("title")) {
                last.title
                    .get_or_insert((cursor + title.start(), cursor + title.end()));
            }
            self.after_number = false;
            self.cursor += caps.get(0).map_or(0, |m| m.end());
            return true;
        }
        if let Some(end) = screen
            .connector()
            .then(|| self.lex.connector_end(rest))
            .flatten()
            .filter(|&end| end > 0)
        {
            // "70/1 and the X Committee": a body after a connector names the
            // numbers that follow, not the one before.
            if !rest[..end].trim().is_empty() {
                self.after_number = false;
            }
            self.cursor += end;
            return true;
        }
        if let Some(hit) = self.damaged_year_number() {
            self.items
                .push(RawCitation::from_number(&hit, self.kind, self.body));
            self.cursor = hit.end;
            self.after_number = true;
            return true;
        }
        // Read where nothing else is, which few steps reach: the screen
        // above does not look for these runs.
        match self.lex.dates_sharing_a_year_at(rest) {
            Some(SharingDates::Run { end, dates }) => {
                self.give_year(dates.last().cloned().flatten().as_deref());
                self.read_shared_dates(dates);
                self.cursor += end;
                true
            }
            Some(SharingDates::Yearless { end, date }) => {
                self.read_date(Some(date));
                self.yearless = true;
                self.cursor += end;
                true
            }
            None => self.skip_to_listed_number(),
        }
    }

    /// The length of the spaces and commas that open `rest` when a number
    /// follows them (" 70/1" after "resolution", ", 71/2" in a list): no
    /// body, date or title starts with either, so the step would take them
    /// as a connector.
    fn separator_before_number(&self, rest: &str) -> Option<usize> {
        let len = rest.bytes().take_while(|&b| b == b' ' || b == b',').count();
        (len > 0 && self.number_at(self.cursor + len).is_some()).then_some(len)
    }

    fn number_at(&self, at: usize) -> Option<&'a NumberHit> {
        let index = self.numbers.partition_point(|n| n.start < at);
        self.numbers.get(index).filter(|n| n.start == at)
    }

    fn body_at(&self, rest: &str, screen: &StepScreen<'_>) -> Option<(usize, Option<Body>)> {
        let known = self
            .lex
            .bodies
            .iter()
            .enumerate()
            .filter(|(i, _)| screen.body(*i))
            .filter_map(|(_, (re, body))| re.find(rest).map(|m| (m.end(), *body)))
            .max_by_key(|(len, _)| *len);
        if let Some((len, body)) = known.filter(|(len, _)| *len > 0) {
            return Some((len, Some(body)));
        }
        let other = match screen.other_body() {
            true => self.lex.other_body.find(rest).map_or(0, |m| m.end()),
            false => 0,
        };
        let bare = self
            .lex
            .bare
            .iter()
            .enumerate()
            .find_map(|(i, (start_re, _, organs))| {
                if !screen.bare(i) {
                    return None;
                }
                let m = start_re.find(rest)?;
                let ends_word = !rest[m.end()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic);
                ends_word.then_some((m.end(), *organs))
            });
        match bare {
            // "of the Council" and nothing more: a short name.
            Some((len, organs)) if len >= other => {
                Some((len, resolve_bare(organs, self.cursor, self.mentions)))
            }
            _ => (other > 0).then_some((other, Some(Body::Other))),
        }
    }

    /// A body named inside the list: right after a number ("41/8 du Conseil
    /// des droits de l'homme") it names the organ of the numbers before it
    /// that had none; in any case it names the organ of the numbers after.
    fn name_body(&mut self, body: Body, after_comma: bool) {
        if self.after_number && !after_comma {
            for item in &mut self.items[self.open_from..] {
                if item.body.is_none() || item.body == self.body {
                    item.body = Some(body);
                }
            }
        }
        self.open_from = self.items.len();
        self.body = Some(body);
        self.after_number = false;
    }

    /// "resolution 70/1 on the 2030 Agenda and 69/313 on …": a list may
    /// carry unquoted words between its numbers. Skip to the next number if
    /// it is unmistakably a resolution number (or, in a begun list, numbered
    /// and dated as the item before it: `continues_dated_list`), stands in
    /// the same clause and follows a list connector. A list not yet begun skips only to a number
    /// that a connector opens it with ("its resolutions on Namibia,
    /// particularly 385 (1976)"; as a step's connector, the glue a comma
    /// set apart is, as Arabic PDF text has it), or past a first number too
    /// damaged to read ("387 (l976), 428 (1978)").
    fn skip_to_listed_number(&mut self) -> bool {
        let begun = self.items.len() > self.first;
        // A topic after the word that introduces titles ("resolutions on
        // the question of X, 2004/33"), else the connector or damaged
        // number below.
        if !begun && self.skip_topic() {
            return true;
        }
        let rest = self.rest();
        let window_end = floor_boundary(rest, rest.len().min(300));
        let window = &rest[..window_end];
        let from = self.numbers.partition_point(|n| n.start < self.cursor);
        let Some(hit) = self.numbers[from..].first() else {
            return false;
        };
        let offset = hit.start - self.cursor;
        let unmistakable = is_unmistakable(hit.shape);
        if offset > window.len() || !(unmistakable || begun) || clause_ends_before(window, offset) {
            return false;
        }
        let before = window[..offset].trim_end();
        let comma = before.ends_with([',', '،', '，']);
        let connector = || self.ends_with_connector(before);
        let listed = match begun {
            true => comma || connector(),
            false => {
                connector() || (comma && damaged_number(before.trim_end_matches([',', '،', '，'])))
            }
        };
        if !listed || !(unmistakable || self.continues_dated_list(hit)) {
            return false;
        }
        self.cursor = hit.start;
        true
    }

    /// "Economic and Social Council resolutions 2022/16 of 21 July 2022
    /// on science, technology and innovation for development and 2021/30
    /// of 22 July 2021 on …": a number that may be anything (a year and a
    /// number, a session below the Assembly's 31st) is still the list's
    /// next item past the words of a topic when it is written as the item
    /// before it was: the same shape, each with its date right after it.
    /// Tried only where the list would otherwise end.
    fn continues_dated_list(&self, hit: &NumberHit) -> bool {
        let Some(last) = self.items[self.first..].last() else {
            return false;
        };
        let RawShape::Number(previous) = last.shape else {
            return false;
        };
        let dated = || {
            let after = &self.text[hit.end..self.limit.max(hit.end)];
            self.lex.date_glue_end(after).is_some()
        };
        last.date.is_some() && same_numbering(previous, hit.shape) && dated()
    }

    /// Whether a list connector ends `before`: "and", "particularly", or
    /// one of two or three words ("in particular", "as well as").
    fn ends_with_connector(&self, before: &str) -> bool {
        if self
            .lex
            .connector_end(last_word(before))
            .is_some_and(|end| end > 0)
        {
            return true;
        }
        (2..=3).any(|n| {
            let words = last_words(before, n);
            self.lex.connector_end(words) == Some(words.len())
        })
    }

    /// A Security Council number whose opening bracket a scan lost ("387
    /// 1976)"): three or four digits, spaces, a year and its closing
    /// bracket, at the cursor. Read as the number it was.
    fn damaged_year_number(&self) -> Option<NumberHit> {
        let rest = self.rest().as_bytes();
        let digits = |from: usize| {
            rest.get(from..)
                .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count())
        };
        let n_len = digits(0);
        let glued = self.text.as_bytes()[..self.cursor]
            .last()
            .is_some_and(u8::is_ascii_digit);
        if glued || !(3..=4).contains(&n_len) {
            return None;
        }
        let spaces = rest[n_len..].iter().take_while(|&&b| b == b' ').count();
        let year_at = n_len + spaces;
        if spaces == 0 || digits(year_at) != 4 {
            return None;
        }
        let after_year = year_at + 4;
        let close = after_year
            + rest[after_year..]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
        if rest.get(close) != Some(&b')') {
            return None;
        }
        let text = self.rest();
        let n: u32 = text[..n_len].parse().ok()?;
        let year: u16 = text[year_at..after_year].parse().ok()?;
        if !(1946..=2100).contains(&year) || n == 0 {
            return None;
        }
        Some(NumberHit {
            start: self.cursor,
            end: self.cursor + close + 1,
            shape: Shape::Year { n, year },
            part: None,
        })
    }
}

/// Whether `text` is what is left of a number a scan damaged ("387
/// (l976", "387 1976"): three digits or more, then a few words each with a
/// digit in it ("8 on its agenda" is none).
fn damaged_number(text: &str) -> bool {
    let text = text.trim();
    let leading_digits = text.bytes().take_while(u8::is_ascii_digit).count();
    leading_digits >= 3
        && text.len() <= 16
        && text
            .split_whitespace()
            .all(|word| word.bytes().any(|b| b.is_ascii_digit()))
}

/// The last `n` words of `text` (all of it when it has fewer).
fn last_words(text: &str, n: usize) -> &str {
    let mut start = text.len();
    for _ in 0..n {
        let head = text[..start].trim_end();
        start = head.len() - last_word(head).len();
    }
    &text[start..]
}

impl Chain<'_> {
    /// "Economic and Social Council resolutions on the question of X,
    /// 2004/33 and 2005/12": a list may open with its topic, unquoted,
    /// after the word that introduces titles. Skip to the first number if
    /// it stands in the same clause, no further than `TOPIC_REACH`, and is
    /// unmistakably a resolution number (or the named Council's).
    fn skip_topic(&mut self) -> bool {
        let from = self.numbers.partition_point(|n| n.start < self.cursor);
        let Some(hit) = self.numbers[from..].first() else {
            return false;
        };
        let offset = hit.start - self.cursor;
        let rest = self.rest();
        if offset > rest.len().min(TOPIC_REACH) || !self.listable(hit.shape) {
            return false;
        }
        let Some(intro) = self.lex.topic_intro.find(rest) else {
            return false;
        };
        let topic = &rest[..offset];
        if intro.end() > offset
            || clause_ends_before(topic, offset)
            || topic.contains(['“', '”', '"', '«', '»'])
        {
            return false;
        }
        self.cursor = hit.start;
        true
    }

    /// Whether a number after a topic is one of the list: unmistakable,
    /// or the year and number of the Economic and Social Council named
    /// before the keyword.
    fn listable(&self, shape: Shape) -> bool {
        let council = self.body == Some(Body::Organ(Organ::EconomicAndSocialCouncil));
        is_unmistakable(shape)
            || (council
                && matches!(shape, Shape::Slash { prefix: Prefix::None, a, b }
                    if (1946..=2100).contains(&a) && (1..=400).contains(&b)))
    }
}

/// How far past a keyword the first number after a list's topic may stand.
const TOPIC_REACH: usize = 200;

fn last_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..]
}

/// Whether two numbers of the form "a/b" are numbered alike: both a
/// year and a number (the Economic and Social Council's, the Commission
/// on Human Rights'), or both a session below the General Assembly's
/// 31st and a number (the Human Rights Council's), each number one an
/// organ gives in a year or session.
fn same_numbering(a: Shape, b: Shape) -> bool {
    let class = |shape: Shape| match shape {
        Shape::Slash {
            prefix: Prefix::None,
            a,
            b,
        } if (1..=plausible_max(Kind::Resolution)).contains(&b) => match a {
            1946..=2100 => Some(true),
            1..=30 => Some(false),
            _ => None,
        },
        _ => None,
    };
    class(a).is_some() && class(a) == class(b)
}

/// Shapes that are resolution numbers whatever surrounds them.
fn is_unmistakable(shape: Shape) -> bool {
    match shape {
        Shape::Slash {
            prefix: Prefix::None,
            a,
            b,
        } => (31..=120).contains(&a) && b <= 400,
        Shape::Slash { .. } | Shape::Roman { .. } => true,
        Shape::Year { year, .. } => (1946..=2100).contains(&year),
    }
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn unquote(title: &str) -> String {
    let trimmed = title.trim_matches(|c: char| "“”\"«»„".contains(c)).trim();
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Chains for Chinese: `[organ][date][题为“…”的]第<number>号[、…第<number>号]决议`.
fn chains_keyword_last(text: &str, lex: &Lexicon, numbers: &[NumberHit]) -> Vec<RawCitation> {
    let in_numerals = zh_numbers_in_numerals(text);
    let merged;
    let numbers = if in_numerals.is_empty() {
        numbers
    } else {
        let mut all = numbers.to_vec();
        all.extend(in_numerals);
        all.sort_by_key(|hit| hit.start);
        merged = all;
        &merged
    };
    let mut out = Vec::new();
    let mut index = 0;
    while index < numbers.len() {
        match zh_group(text, lex, numbers, index) {
            Ok((items, next)) => {
                out.extend(items);
                index = next;
            }
            // A list from any number the failed one read would go the
            // same way from there and fail as it did (the glue reads the
            // text alone): the next list to try starts after them. Trying
            // each in turn had made a long list with no 决议 quadratic.
            Err(next) => index = next.max(index + 1),
        }
    }
    out
}

/// "第一㈠号": a number and its session written in Chinese numerals, the
/// session bracketed ("(十五)") or a bracketed numeral of its own
/// ("㈠", U+3220–3229), as a text may write the Assembly's first
/// resolutions ("第一㈠号决议", 1 (I), in 78/41). Read as "1 (I)" is: a
/// number then 号, 第 before it; a session of the first thirty.
fn zh_numbers_in_numerals(text: &str) -> Vec<NumberHit> {
    let mut hits = Vec::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), "号".as_bytes()) {
        let end = text[..at].trim_end_matches(' ').len();
        let Some((session, session_start)) = zh_session_before(&text[..end]) else {
            continue;
        };
        let number = &text[..session_start];
        let start = number.len()
            - number
                .chars()
                .rev()
                .take_while(|&c| chinese_digit(c).is_some())
                // One more than a number is read with: a longer run is
                // read as none.
                .take(9)
                .map(char::len_utf8)
                .sum::<usize>();
        if !text[..start].trim_end_matches(' ').ends_with('第') {
            continue;
        }
        let Some(n) = chinese_number(&text[start..session_start]) else {
            continue;
        };
        hits.push(NumberHit {
            start,
            end,
            shape: Shape::Roman {
                n,
                session: RomanSession::Regular(session),
            },
            part: None,
        });
    }
    hits
}

/// The session that ends `text` in Chinese numerals, "(十五)" or "㈠",
/// and where it starts; sessions 1 to 30, which numbered so.
fn zh_session_before(text: &str) -> Option<(u16, usize)> {
    let last = text.chars().next_back()?;
    let (session, start) = match last {
        '㈠'..='㈩' => (last as u32 - '㈠' as u32 + 1, text.len() - last.len_utf8()),
        ')' => {
            // Three numerals at most ("(二十九)"), three bytes each.
            let from = ceil_boundary(text, text.len().saturating_sub(11));
            let open = from + text[from..].rfind('(')?;
            (chinese_number(&text[open + 1..text.len() - 1])?, open)
        }
        _ => return None,
    };
    let session = u16::try_from(session)
        .ok()
        .filter(|s| (1..=30).contains(s))?;
    Some((session, start))
}

/// The value of a Chinese digit (〇 to 九) or unit (十, 百, 千), as
/// `(value, is_unit)`.
fn chinese_digit(c: char) -> Option<(u32, bool)> {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match c {
        '零' => Some((0, false)),
        '十' => Some((10, true)),
        '百' => Some((100, true)),
        '千' => Some((1000, true)),
        _ => DIGITS
            .iter()
            .position(|&d| d == c)
            .map(|i| (i as u32, false)),
    }
}

/// A number in Chinese numerals, with units ("一千五百一十四", "十五") or
/// digit by digit ("一五一四"); `None` unless it reads as 1 to 9999.
fn chinese_number(numeral: &str) -> Option<u32> {
    let digits: Vec<(u32, bool)> = numeral.chars().map(chinese_digit).collect::<Option<_>>()?;
    if digits.is_empty() || digits.len() > 8 {
        return None;
    }
    let n = if digits.iter().any(|&(_, unit)| unit) {
        let (mut total, mut pending) = (0u32, None::<u32>);
        let mut last_unit = u32::MAX;
        for (value, unit) in digits {
            if unit {
                // Units fall: 千 before 百 before 十.
                if value >= last_unit {
                    return None;
                }
                last_unit = value;
                total += pending.take().unwrap_or(1) * value;
            } else if pending.replace(value).is_some_and(|before| before != 0) {
                // Two digits in a row, but for a zero ("一千零一").
                return None;
            }
        }
        total + pending.unwrap_or(0)
    } else {
        digits
            .iter()
            .try_fold(0u32, |n, &(d, _)| n.checked_mul(10)?.checked_add(d))?
    };
    (1..=9999).contains(&n).then_some(n)
}

/// One Chinese list starting at `numbers[first]`; returns its citations
/// and the index of the first number after it. Where no list starts
/// there: the index of the first number it did not read as an item.
fn zh_group(
    text: &str,
    lex: &Lexicon,
    numbers: &[NumberHit],
    first: usize,
) -> Result<(Vec<RawCitation>, usize), usize> {
    // The body named before the list, and the first item's date and
    // title, are read back from the text only once the list holds: most
    // numbers start none.
    let mut body = None;
    // How many items were read before the list named a body of its own.
    let mut before_named_body = None;
    let mut items: Vec<RawCitation> = Vec::new();
    let mut pending_date: Option<String> = None;
    let mut pending_title: Option<(usize, usize)> = None;
    let mut index = first;
    let mut cursor = numbers[first].start;
    // Numbers read since the last 号; a list must not end on one.
    let mut open_numbers = 0usize;
    loop {
        let rest = &text[cursor..];
        if let Some(hit) = numbers.get(index).filter(|n| n.start == cursor) {
            // "第72/249和73/124号": one 号 may close several numbers.
            let after = skip_spaces(text, hit.end);
            let closed = text[after..].starts_with('号');
            let mut item = RawCitation::from_number(hit, Kind::Resolution, body);
            item.date = pending_date.take();
            item.title = pending_title.take();
            items.push(item);
            cursor = if closed {
                after + '号'.len_utf8()
            } else {
                hit.end
            };
            open_numbers = if closed { 0 } else { open_numbers + 1 };
            index += 1;
            continue;
        }
        if let Some(kind) = zh_keyword_at(rest) {
            if items.is_empty() || open_numbers > 0 {
                return Err(index);
            }
            for item in &mut items {
                item.kind = kind;
            }
            let unnamed = before_named_body.unwrap_or(items.len());
            if unnamed > 0 {
                let before = zh_body_before(text, numbers[first].start, lex);
                for item in &mut items[..unnamed] {
                    item.body = before;
                }
            }
            // The first item's date and title come before the list starts.
            let (date, title) = zh_date_and_title_before(text, items[0].start, lex);
            items[0].date = date;
            items[0].title = title;
            return Ok((items, index));
        }
        let named_before = body.is_some();
        let mut title = None;
        let step = zh_glue(rest, lex, &mut body, &mut pending_date, &mut title);
        if let Some((from, to)) = title {
            pending_title = Some((cursor + from, cursor + to));
        }
        if body.is_some() && !named_before {
            before_named_body.get_or_insert(items.len());
        }
        match step {
            Some(len) if len > 0 => cursor += len,
            _ => break,
        }
    }
    Err(index)
}

/// The kind of the keyword that opens `rest`, 决议 or 决定. PDF text may
/// break a line between its two characters ("第 73/140 号决\n议和…" in
/// 78/127), which the flattened text reads as spaces: Chinese sets no
/// space inside a word, so any spaces there are a line's end.
fn zh_keyword_at(rest: &str) -> Option<Kind> {
    let second = rest.strip_prefix('决')?.trim_start_matches(' ');
    match second.chars().next()? {
        '议' => Some(Kind::Resolution),
        '定' => Some(Kind::Decision),
        _ => None,
    }
}

/// Glue between the items of a Chinese list; the length consumed. A
/// title's span is set relative to `rest`.
fn zh_glue(
    rest: &str,
    lex: &Lexicon,
    body: &mut Option<Body>,
    date: &mut Option<String>,
    title: &mut Option<(usize, usize)>,
) -> Option<usize> {
    if ends_clause(rest) {
        return None;
    }
    if let Some(found) = lex.date_glue.regex.find(rest) {
        *date = lex.date_glue.iso_of(found.as_str());
        return Some(found.end());
    }
    if let Some(caps) = lex.title_at(rest) {
        *title = caps.name("title").map(|t| (t.start(), t.end()));
        return caps.get(0).map(|m| m.end());
    }
    if let Some(m) = lex.connector_glue.find(rest).filter(|m| m.end() > 0) {
        return Some(m.end());
    }
    for word in ["第", "…", "其", "在其", "大会"] {
        if rest.starts_with(word) {
            if word == "大会" {
                *body = Some(Body::Organ(Organ::GeneralAssembly));
            }
            return Some(word.len());
        }
    }
    if let Some(len) = zh_topic(rest) {
        return Some(len);
    }
    if let Some((len, found)) = zh_body_at(rest) {
        *body = Some(found);
        return Some(len);
    }
    None
}

/// "关于女童的": a topic between the date and the number.
fn zh_topic(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix("关于")?;
    let mut len = "关于".len();
    for (i, c) in body.char_indices() {
        if "，。；、“”决".contains(c) || i > 120 {
            return None;
        }
        if c == '的' {
            len += i + c.len_utf8();
            return Some(len);
        }
    }
    None
}

/// The organs' names in Chinese; none ends another but later in the list.
const ZH_ORGANS: [(&str, Organ); 8] = [
    ("安全理事会", Organ::SecurityCouncil),
    ("安理会", Organ::SecurityCouncil),
    ("经济及社会理事会", Organ::EconomicAndSocialCouncil),
    ("经社理事会", Organ::EconomicAndSocialCouncil),
    ("人权理事会", Organ::HumanRightsCouncil),
    ("人权委员会", Organ::CommissionOnHumanRights),
    ("联合国大会", Organ::GeneralAssembly),
    ("大会", Organ::GeneralAssembly),
];

/// Body names in Chinese, told apart by how the name ends.
fn zh_classify(name: &str) -> Option<Body> {
    const OTHER: [&str; 6] = [
        "环境大会",
        "卫生大会",
        "缔约方大会",
        "人居大会",
        "劳工大会",
        "大会会议",
    ];
    if OTHER.iter().any(|o| name.ends_with(o)) {
        return Some(Body::Other);
    }
    if let Some((_, organ)) = ZH_ORGANS.iter().find(|(k, _)| name.ends_with(k)) {
        return Some(Body::Organ(*organ));
    }
    ["委员会", "理事会", "执行局", "会议", "论坛", "组织"]
        .iter()
        .any(|s| name.ends_with(s))
        .then_some(Body::Other)
}

/// A Chinese body's name: a few characters, then a word that ends one.
const ZH_BODY: &str = r"\p{Han}{0,12}?(?:委员会|执行局|理事会|安理会|大会|会议|论坛|组织)";

fn zh_body_regex() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(ZH_BODY).expect("valid pattern"))
}

/// A body's name at the start of `rest`. Anchored: a search that may
/// start anywhere would read on through the rest of the text to find
/// a match that is then thrown away.
fn zh_body_at(rest: &str) -> Option<(usize, Body)> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re =
        RE.get_or_init(|| regex::Regex::new(&format!("^(?:{ZH_BODY})")).expect("valid pattern"));
    let m = re.find(rest)?;
    zh_classify(m.as_str()).map(|b| (m.end(), b))
}

/// The body named shortly before a Chinese list, with only a date, a title
/// or a topic between.
fn zh_body_before(text: &str, start: usize, lex: &Lexicon) -> Option<Body> {
    let mut from = start.saturating_sub(240);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    // A body named inside a quoted title ("…会议…") names no organ.
    let window = mask_quoted(&text[from..start]);
    let mut last = zh_body_regex().find_iter(&window).last()?;
    // An organ named in the list's topic ("大会关于设立人权理事会的…决议")
    // is what the resolution is about: the body is named before the topic.
    let mut topic = None;
    // (The name's match may begin at "关于" itself: it takes up to twelve
    // characters before the word that ends a name.)
    if let Some(opens) = window[..last.end()].rfind("关于") {
        let closed_before = window[opens..last.end()].contains('的');
        if !closed_before && window[last.end()..].contains('的') {
            last = zh_body_regex().find_iter(&window[..opens]).last()?;
            let ends = opens
                + window[opens..]
                    .find('的')
                    .map_or(0, |at| at + '的'.len_utf8());
            topic = Some(opens..ends);
        }
    }
    let between = match &topic {
        Some(topic) => format!(
            "{}{}",
            &window[last.end()..topic.start],
            &window[topic.end..]
        ),
        None => window[last.end()..].to_string(),
    };
    let between = strip_quoted(&between);
    let between = lex.date.regex.replace_all(&between, "");
    let clean = !between.contains(['，', '。', '；', ',', ';'])
        && !between.contains("决议")
        && between.chars().count() <= 40
        && !zh_joins_another_item(&between)
        && !zh_names_part_of_a_description(&between);
    if !clean {
        return None;
    }
    // The match may begin with verbs ("回顾大会"); classify by its ending.
    zh_classify(last.as_str())
}

/// Whether a conjunction stands between a body's name and the list after
/// it, outside any topic ("关于…的"): the name then belongs to the item
/// before the conjunction ("…高级别政治论坛通过的政治宣言和…第70/125号决议":
/// the forum adopted the declaration, not the resolution). A topic's own
/// "和" ("关于科学、技术和创新促进发展的") joins nothing.
fn zh_joins_another_item(between: &str) -> bool {
    const CONJUNCTIONS: [char; 5] = ['和', '、', '及', '与', '或'];
    let mut parts = between.split("关于");
    let before_topics = parts.next().unwrap_or_default();
    before_topics.contains(CONJUNCTIONS)
        || parts.any(|topic| {
            // A topic runs to its first "的"; one left open runs on.
            topic
                .split_once('的')
                .is_some_and(|(_, after)| after.contains(CONJUNCTIONS))
        })
}

/// Whether a body's name stands inside a description of the resolution
/// rather than before it as its author: a noun follows the name, and a
/// 的 closes them, outside any topic ("关于…的") or title ("题为…的"),
/// before the list ("载有提高委员会工作方法实效的补充措施的第61/98号决议":
/// the measures for the Commission's working methods, in the Assembly's
/// resolution). Between an author and its resolution, a 的 closes only an
/// adoption ("…通过的") or a word that qualifies the list ("最近的").
fn zh_names_part_of_a_description(between: &str) -> bool {
    const QUALIFIERS: [&str; 7] = ["通过", "题为", "核可", "相关", "有关", "最近", "以往"];
    let mut parts = between.split("关于");
    let before_topics = parts.next().unwrap_or_default();
    // A topic runs to its first 的; one left open runs on.
    let after_topics = parts.filter_map(|topic| topic.split_once('的').map(|(_, after)| after));
    std::iter::once(before_topics)
        .chain(after_topics)
        .any(|piece| {
            let mut phrases = piece.split('的');
            // What follows the last 的 leads to the list.
            phrases.next_back();
            phrases.any(|phrase| {
                let phrase = phrase.trim();
                !phrase.is_empty() && !QUALIFIERS.iter().any(|q| phrase.ends_with(q))
            })
        })
}

/// The longest Chinese title taken, in characters between the quotes.
const ZH_TITLE_MAX_CHARS: usize = 600;

/// "2015年9月25日题为“…”的第70/1号": the date and title that open a
/// Chinese citation, read back from the number. Only what stands right
/// before it counts: a date or title further back belongs to another item.
/// The title as its span in `text`.
fn zh_date_and_title_before(
    text: &str,
    start: usize,
    lex: &Lexicon,
) -> (Option<String>, Option<(usize, usize)>) {
    let mut from = start.saturating_sub(1500);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..start];
    let opening = match zh_opening(window) {
        Some(opening) => opening,
        None => zh_opening_by_regex(window),
    };
    // A longer title leaves nothing that could stand right before the
    // number.
    if opening
        .title
        .is_some_and(|t| t.chars().count() > ZH_TITLE_MAX_CHARS)
    {
        return (None, None);
    }
    let date = opening
        .date
        .and_then(|d| lex.date.regex.find(d))
        .and_then(|found| lex.date.iso_of(found.as_str()));
    // The title is a slice of the window: its offset is how far into
    // the window it starts.
    let title = opening.title.map(|t| {
        let at = from + (t.as_ptr() as usize - window.as_ptr() as usize);
        (at, at + t.len())
    });
    (date, title)
}

/// The date and title at the end of a window, as `ZH_OPENING` reads them.
#[derive(Debug, Default, PartialEq, Eq)]
struct ZhOpening<'w> {
    date: Option<&'w str>,
    title: Option<&'w str>,
}

/// What opens a Chinese citation, up to its number: "2015年9月25日",
/// an organ's name ("2015年9月25日大会第70/1号"), "题为“…”", "的", "第",
/// each optional, in this order, spaces between; `{organs}` stands for
/// the names of `ZH_ORGANS`.
const ZH_OPENING: &str = r"(?:(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?)\s*)?(?:(?:{organs})\s*)?(?:题为\s*“(?P<title>[^“”]+)”\s*)?的?\s*第?\s*$";

/// `ZH_OPENING` read by the regex engine: a capture search over the whole
/// window cost 6,000 instructions a list, a tenth of a Chinese text's.
fn zh_opening_by_regex(window: &str) -> ZhOpening<'_> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        let organs: Vec<&str> = ZH_ORGANS.iter().map(|(name, _)| *name).collect();
        let pattern = ZH_OPENING.replace("{organs}", &organs.join("|"));
        regex::Regex::new(&pattern).expect("valid pattern")
    });
    re.captures(window)
        .map_or_else(ZhOpening::default, |caps| ZhOpening {
            date: caps.name("date").map(|m| m.as_str()),
            title: caps.name("title").map(|m| m.as_str()),
        })
}

/// `ZH_OPENING` read backwards by hand from the end of `window`, each
/// part taken whole or not at all; `None` where a digit of another script
/// stands where the date's digits would (`\d` is Unicode's; left to the
/// regex).
fn zh_opening(window: &str) -> Option<ZhOpening<'_>> {
    let back = Back { text: window };
    let mut at = back.spaces(window.len());
    at = back.spaces(back.literal(at, "第").unwrap_or(at));
    at = back.literal(at, "的").unwrap_or(at);
    let mut opening = ZhOpening::default();
    if let Some((title, title_start)) = back.title(at) {
        opening.title = Some(title);
        at = title_start;
    }
    let organ_end = back.spaces(at);
    if let Some(start) = ZH_ORGANS
        .iter()
        .find_map(|(name, _)| back.literal(organ_end, name))
    {
        at = start;
    }
    opening.date = back.date(at)?;
    Some(opening)
}

/// Steps back over a text from an offset, one pattern part at a time.
struct Back<'t> {
    text: &'t str,
}

impl<'t> Back<'t> {
    fn last_char(&self, at: usize) -> Option<char> {
        self.text[..at].chars().next_back()
    }

    /// The offset before the whitespace that ends `..at`.
    fn spaces(&self, mut at: usize) -> usize {
        while let Some(c) = self.last_char(at).filter(|c| c.is_whitespace()) {
            at -= c.len_utf8();
        }
        at
    }

    fn literal(&self, at: usize, word: &str) -> Option<usize> {
        self.text[..at].ends_with(word).then(|| at - word.len())
    }

    /// `题为\s*“title”\s*` ending at `at`: the title and where the part starts.
    fn title(&self, at: usize) -> Option<(&'t str, usize)> {
        let close = self.literal(self.spaces(at), "”")?;
        let open = self.text[..close].rfind(['“', '”'])?;
        let title = &self.text[open + "“".len()..close];
        if !self.text[open..].starts_with('“') || title.is_empty() {
            return None;
        }
        let start = self.literal(self.spaces(open), "题为")?;
        Some((title, start))
    }

    /// `date\s*` ending at `at`, the date `\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?`:
    /// the date; `Some(None)` where there is none, `None` where a digit
    /// of another script makes it unsure.
    fn date(&self, at: usize) -> Option<Option<&'t str>> {
        let end = self.spaces(at);
        let mut cursor = end;
        if let Some(before) = self.literal(cursor, "日") {
            cursor = self.spaces(before);
        }
        let steps: [(usize, usize, Option<&str>); 3] =
            [(1, 2, Some("月")), (1, 2, Some("年")), (4, 4, None)];
        for (fewest, most, marker) in steps {
            let Some(digits_start) = self.digits(cursor, fewest, most)? else {
                return Some(None);
            };
            cursor = digits_start;
            if let Some(marker) = marker {
                let Some(before) = self.literal(self.spaces(cursor), marker) else {
                    return Some(None);
                };
                cursor = self.spaces(before);
            }
        }
        Some(Some(&self.text[cursor..end]))
    }

    /// The start of `fewest..=most` ASCII digits ending at `at` (as many
    /// as stand there, up to `most`); `Some(None)` when too few; `None`
    /// when a digit of another script is met.
    fn digits(&self, at: usize, fewest: usize, most: usize) -> Option<Option<usize>> {
        let mut start = at;
        let mut count = 0;
        while count < most {
            match self.last_char(start) {
                Some(c) if c.is_ascii_digit() => {
                    start -= 1;
                    count += 1;
                }
                Some(c) if c.is_numeric() => return None,
                _ => break,
            }
        }
        Some((count >= fewest).then_some(start))
    }
}

/// The text with every quoted passage blanked out, offsets unchanged.
fn mask_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // A window may begin inside a title: a closing quote before any opening
    // one means everything up to it was quoted.
    let mut depth = usize::from(
        chinese_quotes(text)
            .next()
            .is_some_and(|(_, opening)| !opening),
    );
    let mut kept_from = 0;
    for (at, opening) in chinese_quotes(text) {
        push_masked(&mut out, &text[kept_from..at], depth > 0);
        if opening {
            depth += 1;
        } else {
            depth = depth.saturating_sub(1);
        }
        // An opening quote stays, and so does the closing quote that ends
        // the outermost title; a closing quote inside one is blanked.
        push_masked(&mut out, &text[at..at + QUOTE_LEN], !opening && depth > 0);
        kept_from = at + QUOTE_LEN;
    }
    push_masked(&mut out, &text[kept_from..], depth > 0);
    out
}

fn push_masked(out: &mut String, piece: &str, masked: bool) {
    if masked {
        out.extend(std::iter::repeat_n(' ', piece.len()));
    } else {
        out.push_str(piece);
    }
}

/// The text without its quoted passages, quotes included.
fn strip_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut kept_from = 0;
    for (at, opening) in chinese_quotes(text) {
        if depth == 0 {
            out.push_str(&text[kept_from..at]);
        }
        match (opening, depth) {
            (true, _) => depth += 1,
            (false, 0) => out.push('”'),
            (false, _) => depth -= 1,
        }
        kept_from = at + QUOTE_LEN;
    }
    if depth == 0 {
        out.push_str(&text[kept_from..]);
    }
    out
}

/// The length of “ and ” in UTF-8 (E2 80 9C, E2 80 9D).
const QUOTE_LEN: usize = 3;

/// The offsets of the quotes “ and ” in `text`, and whether each opens.
fn chinese_quotes(text: &str) -> impl Iterator<Item = (usize, bool)> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xE2, bytes).filter_map(move |at| match bytes.get(at + 1..at + 3) {
        Some([0x80, 0x9C]) => Some((at, true)),
        Some([0x80, 0x9D]) => Some((at, false)),
        _ => None,
    })
}

fn skip_spaces(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[at..].chars().next().filter(|c| c.is_whitespace()) {
        at += c.len_utf8();
    }
    at
}

/// Symbols written out (`A/RES/70/1`, `S/RES/2231 (2015)`, the end of an
/// undocs.org link) are citations wherever they stand.
fn written_symbols(text: &str) -> Vec<RawCitation> {
    symbols::written(text)
        .filter_map(|(start, end)| {
            let (symbol, part) = crate::symbol::parse_with_part(&text[start..end]).ok()?;
            Some(RawCitation {
                start,
                end,
                kind: symbol.kind(),
                shape: RawShape::Written(symbol),
                part,
                body: None,
                date: None,
                title: None,
            })
        })
        .collect()
}

/// Other document symbols: drafts, reports, letters, records.
fn find_references(norm: &Normalized, original: &str, line_starts: &[usize]) -> Vec<Reference> {
    symbols::references(&norm.text)
        .filter_map(|(start, end)| {
            let symbol = norm.text[start..end].trim_end_matches(['.', '-']);
            let is_resolution = symbol.contains("/RES/") || symbol.contains("/DEC/");
            if is_resolution || !symbol.bytes().any(|b| b.is_ascii_digit()) {
                return None;
            }
            let (symbol, len) = match spaced_modifier_number(&norm.text[start + symbol.len()..]) {
                Some((number, len)) if ends_with_modifier(symbol) => {
                    (format!("{symbol}.{number}"), symbol.len() + len)
                }
                _ => (symbol.to_string(), symbol.len()),
            };
            let (start, end) = norm.original_span(original, start, start + len);
            Some(Reference {
                symbol,
                matched: original[start..end].to_string(),
                start,
                end,
                line: line_of(line_starts, start),
            })
        })
        .collect()
}

/// Whether `symbol` ends with a final modifier that takes a number
/// ("/Rev", "/Add", "/Corr", "/Amend"), as in `S/Agenda/2329/Rev.1`.
fn ends_with_modifier(symbol: &str) -> bool {
    ["/Rev", "/Add", "/Corr", "/Amend"]
        .iter()
        .any(|modifier| symbol.ends_with(modifier))
}

/// The number after a modifier written with a space, as old texts write
/// it (". 1" of "Rev. 1"), and the length of the full stop, the space and
/// the number; one to three digits that no letter or digit follows.
fn spaced_modifier_number(rest: &str) -> Option<(&str, usize)> {
    let digits = rest.strip_prefix(". ")?;
    let len = digits.bytes().take_while(u8::is_ascii_digit).count();
    let followed = digits[len..].chars().next();
    ((1..=3).contains(&len) && !followed.is_some_and(char::is_alphanumeric))
        .then(|| (&digits[..len], 2 + len))
}

/// Where each line of `text` starts: 0, and after each newline.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(newline_offsets(text).map(|i| i + 1))
        .collect()
}

fn newline_offsets(text: &str) -> impl Iterator<Item = usize> + '_ {
    // A vector block at a time rather than by memchr: an old Council text
    // has a line every 40 bytes, and each memchr call costs its set-up.
    crate::block::positions(text.as_bytes(), |block| block.eq(b'\n'))
}

fn line_of(line_starts: &[usize], offset: usize) -> usize {
    line_starts.partition_point(|&s| s <= offset).max(1)
}

/// `line_of` for an offset at or after the start of line `from` (1-based),
/// stepped to from there when it is a few lines on, as the next citation
/// most often is; else by `line_of`'s binary search.
fn line_from(line_starts: &[usize], offset: usize, from: usize) -> usize {
    const STEPS: usize = 8;
    let mut line = from.max(1);
    if line_starts.get(line - 1).is_none_or(|&s| s > offset) {
        return line_of(line_starts, offset);
    }
    for _ in 0..STEPS {
        match line_starts.get(line) {
            Some(&next) if next <= offset => line += 1,
            _ => return line,
        }
    }
    line_of(line_starts, offset)
}

#[cfg(test)]
mod tests;
