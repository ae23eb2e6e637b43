use super::*;
use crate::vocab::Lang;

fn ids(text: &str, lang: Lang) -> Vec<String> {
    let options = Options {
        lang: Some(lang),
        own_symbol: None,
        ..Default::default()
    };
    ids_with(text, &options)
}

/// The ids `text` cites, read with `options`, sorted and each once.
fn ids_with(text: &str, options: &Options) -> Vec<String> {
    let mut found: Vec<String> = extract(text, options)
        .citations
        .iter()
        .map(|c| c.target.to_string())
        .collect();
    found.sort();
    found.dedup();
    found
}

/// That the header of `got` gives the text the symbol `expected`.
fn assert_own_symbol(got: &Extraction, expected: &str) {
    let symbol = got.header.symbol.map(|s| s.to_string());
    assert_eq!(symbol.as_deref(), Some(expected));
}

/// Every worked example in every vocabulary yields exactly its ids.
#[test]
fn worked_examples_in_both_directions() {
    let mut failures = Vec::new();
    for lang in Lang::ALL {
        for example in lang.vocabulary().examples {
            let mut expected: Vec<String> =
                example.expected.iter().map(|s| s.to_string()).collect();
            expected.sort();
            let found = ids(example.text, lang);
            if found != expected {
                failures.push(format!(
                    "[{}] {:?}\n   expected {expected:?}\n   found    {found:?}",
                    lang.code(),
                    example.text
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn examples_parse_as_canonical_ids() {
    for lang in Lang::ALL {
        for example in lang.vocabulary().examples {
            for id in example.expected {
                let parsed: crate::Symbol = id.parse().unwrap_or_else(|e| panic!("{id}: {e}"));
                assert_eq!(parsed.to_string(), *id);
            }
        }
    }
}

#[test]
fn language_detection() {
    assert_eq!(
        detect_language("Recalling its resolution 70/1 of the General Assembly and the"),
        Lang::En
    );
    assert_eq!(
        detect_language("Rappelant sa résolution 70/1 du 25 septembre 2015 et les"),
        Lang::Fr
    );
    assert_eq!(
        detect_language("Recordando su resolución 70/1, de 25 de septiembre de 2015, y los"),
        Lang::Es
    );
    assert_eq!(detect_language("ссылаясь на свою резолюцию 70/1"), Lang::Ru);
    assert_eq!(detect_language("إذ تشير إلى قرارها 70/1"), Lang::Ar);
    assert_eq!(detect_language("回顾其第70/1号决议"), Lang::Zh);
}

#[test]
fn footnote_marker_glued_to_a_number() {
    assert_eq!(
        ids(
            "Recalling its resolution 59/3008 of 14 April 2005,",
            Lang::En
        ),
        ["A/RES/59/300"]
    );
}

/// A Council volume's text that runs on into the next resolution's
/// heading cites neither that resolution nor what follows its heading; a
/// citation that a line break leaves alone on its line is still one.
#[test]
fn the_next_resolution_in_a_volume_is_not_cited() {
    let volume = "Resolution 471 (1980)\nof 5 June 1980\n\nThe Security Council,\n\n\
        Recalling its resolution 465 (1980),\n\n\
        1. Condemns the assassination attempts;\n\n\
        Adopted at the 2226th meeting\nby 14 votes to none.\n\n\
        Resolution 474 (1980)\nof 17 June 1980\n\n\
        Recalling its resolution 425 (1978),\n";
    assert_eq!(ids(volume, Lang::En), ["S/RES/465(1980)"]);
    // The text's own heading, after blank lines, starts no other text.
    assert_eq!(ids(&format!("\n\n{volume}"), Lang::En), ["S/RES/465(1980)"]);

    // The same lines inside a paragraph, or without a date after them.
    let wrapped = volume.replace(
        "2226th meeting\nby 14 votes to none.\n\n",
        "2226th meeting, recalling\n",
    );
    assert_eq!(
        ids(&wrapped, Lang::En),
        ["S/RES/425(1978)", "S/RES/465(1980)", "S/RES/474(1980)"]
    );
    let undated = volume.replace("of 17 June 1980", "on the situation");
    assert_eq!(
        ids(&undated, Lang::En),
        ["S/RES/425(1978)", "S/RES/465(1980)", "S/RES/474(1980)"]
    );
    // A General Assembly text is not a Council volume.
    let assembly = volume.replace(
        "Resolution 471 (1980)\nof 5 June 1980",
        "A/RES/75/1\n\nGeneral Assembly",
    );
    assert!(ids(&assembly, Lang::En).contains(&"S/RES/474(1980)".to_string()));
}

/// An old Council text's heading line is its own title, not a sentence
/// that cites: a number listed on it is cited by no chain. Where the
/// caller gives the text another symbol, the line is read as any other.
#[test]
fn the_own_heading_line_cites_nothing() {
    let text = "Resolution 474 (1980) and 475 (1980)\n\nRecalling its resolution 425 (1978),\n";
    assert_own_symbol(&extract(text, &Options::default()), "S/RES/474(1980)");
    assert_eq!(ids(text, Lang::En), ["S/RES/425(1978)"]);
    // The heading on a later line, after spaces.
    let later = format!("Official Records of the Security Council, 1980\n\n  {text}");
    assert_eq!(ids(&later, Lang::En), ["S/RES/425(1978)"]);

    let other: crate::symbol::Symbol = "S/RES/999(1995)".parse().expect("a symbol");
    let options = Options {
        own_symbol: Some(other),
        ..Default::default()
    };
    assert_eq!(
        ids_with(text, &options),
        ["S/RES/425(1978)", "S/RES/474(1980)", "S/RES/475(1980)"]
    );
}

#[test]
fn own_symbol_is_never_cited() {
    let text = "A/RES/78/311\n\n78/311. Title\n\nThe General Assembly,\n\nRecalling its resolution 78/311 and 70/1,";
    let got = extract(text, &Options::default());
    assert_own_symbol(&got, "A/RES/78/311");
    let targets: Vec<String> = got.citations.iter().map(|c| c.target.to_string()).collect();
    assert_eq!(targets, ["A/RES/70/1"]);
}

#[test]
fn spans_point_at_the_original_text() {
    let text = "Recalling its resolution\u{00A0}70/1 of 25\u{00A0}September 2015, entitled “Transforming our world”,";
    let got = extract(text, &Options::default());
    let c = &got.citations[0];
    assert_eq!(&text[c.start..c.end], "70/1");
    assert_eq!(c.matched, "70/1");
    assert_eq!(c.date.as_deref(), Some("2015-09-25"));
    assert_eq!(c.title.as_deref(), Some("Transforming our world"));
    assert_eq!(c.verb.as_deref(), Some("Recalling"));
}

/// A date or title that opens a chain, before its first number, belongs
/// to none of its citations: not to the last citation of the chain before.
#[test]
fn a_chain_dates_and_titles_only_its_own_citations() {
    let text = "Recalling its resolution 70/1 and the resolution of 25 September 2015 71/2, \
                and also the resolution entitled “Our world” 72/3,";
    let got = extract(text, &Options::default());
    let read: Vec<(String, Option<&str>, Option<&str>)> = got
        .citations
        .iter()
        .map(|c| (c.target.to_string(), c.date.as_deref(), c.title.as_deref()))
        .collect();
    assert_eq!(
        read,
        [
            ("A/RES/70/1".to_string(), None, None),
            ("A/RES/71/2".to_string(), None, None),
            ("A/RES/72/3".to_string(), None, None),
        ]
    );
}

/// Words between the numbers of a list are skipped once the list has
/// begun: a chain that has read no number yet stops at them, whatever the
/// chain before it read, unless a connector opens its list (see
/// `a_connector_opens_a_list_after_its_topic`).
#[test]
fn only_a_begun_list_skips_words_to_its_next_number() {
    let text = "Recalling its resolution 70/1 and the resolution 8 on its agenda, 71/2,";
    assert_eq!(ids(text, Lang::En), ["A/RES/70/1"]);
    let begun = "Recalling its resolutions 70/1 on its agenda, 71/2,";
    assert_eq!(ids(begun, Lang::En), ["A/RES/70/1", "A/RES/71/2"]);
}

/// A list may open after its topic with a connector ("its resolutions on
/// Namibia, particularly 385 (1976)"), of one word or more.
#[test]
fn a_connector_opens_a_list_after_its_topic() {
    let cases: [(&str, Lang, &[&str]); 4] = [
        (
            "Recalling its resolutions on Namibia, particularly 385 (1976) and 435 (1978),",
            Lang::En,
            &["S/RES/385(1976)", "S/RES/435(1978)"],
        ),
        (
            "Recalling its resolutions on Namibia, in particular 385 (1976) and 435 (1978),",
            Lang::En,
            &["S/RES/385(1976)", "S/RES/435(1978)"],
        ),
        (
            "Rappelant ses résolutions sur la Namibie, notamment 385 (1976) et 435 (1978),",
            Lang::Fr,
            &["S/RES/385(1976)", "S/RES/435(1978)"],
        ),
        // A begun list skips to a number after a connector of two words.
        (
            "Recalling its resolutions 70/1 on the 2030 Agenda, in particular 69/313,",
            Lang::En,
            &["A/RES/69/313", "A/RES/70/1"],
        ),
    ];
    for (text, lang, expected) in cases {
        assert_eq!(ids(text, lang), expected, "{text:?}");
    }
}

/// A Security Council number a scan damaged ("387 1976)": its opening
/// bracket lost) is read as the number it was; one damaged past reading
/// ("387 (l976)") is skipped, and the list goes on after it.
#[test]
fn a_damaged_number_loses_no_list() {
    let text = "Recalling its resolutions 387 1976), 428 (1978) and 447 (1979),";
    let got = extract(text, &Options::default());
    let found: Vec<(String, &str)> = got
        .citations
        .iter()
        .map(|c| (c.target.to_string(), &text[c.start..c.end]))
        .collect();
    assert_eq!(
        found,
        [
            ("S/RES/387(1976)".to_string(), "387 1976)"),
            ("S/RES/428(1978)".to_string(), "428 (1978)"),
            ("S/RES/447(1979)".to_string(), "447 (1979)"),
        ]
    );
    // Later in the list too.
    assert_eq!(
        ids(
            "Recalling its resolutions 428 (1978), 447 1979) and 454 (1979),",
            Lang::En
        ),
        ["S/RES/428(1978)", "S/RES/447(1979)", "S/RES/454(1979)"]
    );
    assert_eq!(
        ids(
            "Recalling its resolutions 387 (l976), 428 (1978) and 447 (1979),",
            Lang::En
        ),
        ["S/RES/428(1978)", "S/RES/447(1979)"]
    );
    // Not a year: no number.
    assert_eq!(
        ids("its resolution 387 1234) and", Lang::En),
        Vec::<String>::new()
    );
}

/// A Chinese title is taken up to 600 characters; a longer one is not, and
/// neither is the date before it.
#[test]
fn chinese_titles_are_bounded() {
    let cite = |title_chars: usize| {
        let title = "a".repeat(title_chars);
        let text = format!("回顾大会2015年9月25日题为“{title}”的第70/1号决议，");
        let options = Options {
            lang: Some(Lang::Zh),
            ..Default::default()
        };
        let got = extract(&text, &options);
        assert_eq!(got.citations.len(), 1, "{title_chars} characters");
        let c = &got.citations[0];
        (c.title.as_ref().map(|t| t.chars().count()), c.date.clone())
    };
    assert_eq!(cite(600), (Some(600), Some("2015-09-25".to_string())));
    assert_eq!(cite(601), (None, None));
}

#[test]
fn spanish_full_of_de_la_is_not_french() {
    let text = "Recordando la resolución 1980/12 de la Asamblea General, la resolución \
                1979/4 de la Comisión y la decisión 1978/3 de la Junta, relativas a la \
                cooperación de la región con los Estados y las organizaciones, y su \
                resolución 1980/3 sobre el desarrollo";
    assert_eq!(detect_language(text), Lang::Es);
    let french = "Rappelant la résolution 70/1 de l'Assemblée générale et les résolutions \
                  du Conseil économique et social sur le développement durable dans la région";
    assert_eq!(detect_language(french), Lang::Fr);
}

#[test]
fn function_words_are_counted_until_one_language_leads_clearly() {
    let french = "Rappelant la résolution 70/1 de l'Assemblée générale et les résolutions \
                  du Conseil économique et social sur le développement durable dans la \
                  région, et les décisions des organes subsidiaires pour les pays ";
    // A long heading of names and numbers has no function words: the
    // count goes on into the French that follows.
    let heading = "Resolution 70/1 Agenda 2030 ".repeat(40);
    assert_eq!(
        detect_language(&format!("{heading}{}", french.repeat(4))),
        Lang::Fr
    );
    // Eighteen English words in the first block, against four French
    // ones, settle it, though French has more in the whole sample.
    let english = "Recalling that the Assembly and the Council, with its organs, ".repeat(3);
    let text = format!("{english}{}", french.repeat(10));
    let (en, fr, _) = function_words(&text[..word_floor(&text, 4_000)]);
    assert!(fr > en, "{fr} French, {en} English words in the sample");
    assert_eq!(detect_language(&text), Lang::En);
    // A block of exactly `WORD_BLOCK` bytes settles it; the French word
    // that opens the next block, right at its start, is not counted with
    // it.
    let block = format!(
        "{}{}{}",
        "the ".repeat(12),
        "les ".repeat(4),
        "xxxxxxx ".repeat((WORD_BLOCK - 64) / 8)
    );
    assert_eq!(block.len(), WORD_BLOCK);
    assert_eq!(
        detect_language(&format!("{block}{}", "les ".repeat(50))),
        Lang::En
    );
}

#[test]
fn word_floor_cuts_between_words() {
    assert_eq!(word_floor("the cat sat", 100), 11);
    assert_eq!(word_floor("the cat sat", 5), 4);
    assert_eq!(word_floor("the cat sat", 4), 4);
    assert_eq!(word_floor("déjà vu", 2), 0);
    assert_eq!(word_floor("a déjà", 5), 2);
}

/// The hashed table tells every word of one to four small letters as the
/// list of function words does: each of the list's words, and no other.
#[test]
fn function_word_table_is_the_list() {
    let listed = |word: &[u8]| {
        FUNCTION_WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, lang)| usize::from(*lang))
    };
    let mut found = 0;
    let mut word = Vec::new();
    for len in 1..=4u32 {
        for index in 0..26usize.pow(len) {
            word.clear();
            let mut rest = index;
            for _ in 0..len {
                word.push(b'a' + (rest % 26) as u8);
                rest /= 26;
            }
            let expected = listed(&word);
            assert_eq!(function_word_language(&word), expected, "{:?}", word);
            found += usize::from(expected.is_some());
        }
    }
    assert_eq!(found, FUNCTION_WORDS.len());
    assert_eq!(function_word_language(b"The"), Some(0));
    assert_eq!(function_word_language(b"POR"), Some(2));
}

/// Function words counted character by character, as before the bit masks:
/// the reference `function_words` must agree with.
fn function_words_slowly(sample: &str) -> (usize, usize, usize) {
    let mut counts = [0usize; 3];
    let mut word_start = None;
    let mut count = |word: &str| {
        if word.len() <= 4 {
            if let Some(lang) = function_word_language(word.as_bytes()) {
                counts[lang] += 1;
            }
        }
    };
    for (at, c) in sample.char_indices() {
        match (c.is_alphabetic(), word_start) {
            (true, None) => word_start = Some(at),
            (false, Some(start)) => {
                count(&sample[start..at]);
                word_start = None;
            }
            _ => {}
        }
    }
    if let Some(start) = word_start {
        count(&sample[start..]);
    }
    let [en, fr, es] = counts;
    (en, fr, es)
}

/// `detect_language` as it read the function words before their one walk:
/// each block counted alone (`function_words_slowly`), and the lead
/// checked after each; the scripts by a byte loop.
fn detect_language_by_blocks(text: &str) -> Lang {
    let mut end = text.len().min(4_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let bytes = sample.as_bytes();
    let (mut arabic, mut han, mut cyrillic, mut latin) = (0, 0, 0, 0);
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        match b {
            b'a'..=b'z' | b'A'..=b'Z' => latin += 1,
            0xD8..=0xDB | 0xDD => arabic += 1,
            0xD0..=0xD3 => cyrillic += 1,
            0xE4..=0xE9 => han += 1,
            0xE3 if next >= 0x90 => han += 1,
            0xEF if (0xAD..=0xBB).contains(&next) => arabic += 1,
            _ => {}
        }
    }
    if arabic + han + cyrillic > 0 {
        let scores = [
            (Lang::Ar, arabic),
            (Lang::Zh, han * 3),
            (Lang::Ru, cyrillic),
            (Lang::En, latin),
        ];
        let best = scores.iter().max_by_key(|(_, n)| *n).unwrap().0;
        if best != Lang::En {
            return best;
        }
    }
    let mut counts = [0usize; 3];
    let mut at = 0;
    while at < sample.len() {
        let mut end = word_floor(sample, at + WORD_BLOCK);
        if end <= at {
            end = sample.len();
        }
        let (en, fr, es) = function_words_slowly(&sample[at..end]);
        for (count, more) in counts.iter_mut().zip([en, fr, es]) {
            *count += more;
        }
        at = end;
        let mut ranked = counts;
        ranked.sort_unstable();
        let [_, second, lead] = ranked;
        if lead >= CLEAR_LEAD && lead >= 3 * second {
            break;
        }
    }
    let [en, fr, es] = counts;
    latin_language(en, fr, es)
}

proptest::proptest! {
    /// A line stepped to from any line is the one the binary search
    /// finds (from a line after the offset's, by that search).
    #[test]
    fn lines_stepped_to_are_those_searched(
        text in "[a\n]{0,60}", offset in 0usize..64, from in 0usize..70
    ) {
        let starts = line_starts(&text);
        let offset = offset.min(text.len());
        proptest::prop_assert_eq!(line_from(&starts, offset, from), line_of(&starts, offset));
    }

    #[test]
    fn function_words_agree_with_the_character_count(
        sample in "([a-zA-Z]{0,5}[ .,’«»éñçдب1-]{0,2}(the|des|los|y|Sur|déjà|ñy|theé){0,1}){0,40}"
    ) {
        proptest::prop_assert_eq!(function_words(&sample), function_words_slowly(&sample));
    }

    #[test]
    fn languages_as_blocks_read_alone_give_them(
        text in "(the |of |and |that |with |le |les |des |du |et |sur |el |los |y |del |para |\
                  The |LES |Y |cat |word |resolution |70/1 |, |. |\n|\n\n|é|déjà |ñy |thé |\
                  дв |بي |决议 |ﻻ |xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|“|—){0,700}"
    ) {
        proptest::prop_assert_eq!(detect_language(&text), detect_language_by_blocks(&text));
    }

    #[test]
    fn script_counts_agree_with_a_byte_loop(sample in "[a-zA-Zаяبي决议ﻻ\u{3400} .,]{0,300}") {
        let bytes = sample.as_bytes();
        let mut expected = (0, 0, 0, 0);
        for (i, &b) in bytes.iter().enumerate() {
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            match b {
                b'a'..=b'z' | b'A'..=b'Z' => expected.3 += 1,
                0xD8..=0xDB | 0xDD => expected.0 += 1,
                0xD0..=0xD3 => expected.2 += 1,
                0xE4..=0xE9 => expected.1 += 1,
                0xE3 if next >= 0x90 => expected.1 += 1,
                0xEF if (0xAD..=0xBB).contains(&next) => expected.0 += 1,
                _ => {}
            }
        }
        let (arabic, han, cyrillic) = count_other_scripts(bytes);
        proptest::prop_assert_eq!((arabic, han, cyrillic, count_latin(bytes)), expected);
    }
}

/// A final modifier written with a space ("Rev. 1", as old Council texts
/// write it) is part of the reference, which reads it as the symbol
/// writes it ("Rev.1"); a modifier without a number after it stays as it
/// is, and so does a full stop that ends a sentence.
#[test]
fn references_take_a_modifier_number_after_a_space() {
    /// A text, and the references it gives: symbol, then matched text.
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (
            "as contained in document S/Agenda/2329/Rev. 1,\nand in A/70/1/Add. 12.",
            &[
                ("S/Agenda/2329/Rev.1", "S/Agenda/2329/Rev. 1"),
                ("A/70/1/Add.12", "A/70/1/Add. 12"),
            ],
        ),
        (
            "document S/2023/12/Rev. The Council",
            &[("S/2023/12/Rev", "S/2023/12/Rev")],
        ),
        (
            "report A/78/481. 2 States voted",
            &[("A/78/481", "A/78/481")],
        ),
        (
            "document S/Agenda/2329/Rev. 1234 and S/1/Rev. 2a",
            &[
                ("S/Agenda/2329/Rev", "S/Agenda/2329/Rev"),
                ("S/1/Rev", "S/1/Rev"),
            ],
        ),
    ];
    for (text, expected) in cases {
        let references = extract(text, &Options::default()).references;
        let got: Vec<(&str, &str)> = references
            .iter()
            .map(|r| (r.symbol.as_str(), r.matched.as_str()))
            .collect();
        assert_eq!(got, *expected, "{text:?}");
    }
}

#[test]
fn citations_only_leaves_out_the_references_and_nothing_else() {
    let text = "The General Assembly,\n\nRecalling its resolution 70/1 of 25 September 2015,\n\
                Having considered the report of the Secretary-General (A/78/123),\n\n\
                1. Decides to continue, in line with resolution 75/1;\n";
    let options = Options {
        lang: Some(Lang::En),
        ..Default::default()
    };
    let full = extract(text, &options);
    let only = extract(
        text,
        &Options {
            citations_only: true,
            ..options
        },
    );
    assert!(!full.references.is_empty(), "the text has a reference");
    assert!(only.references.is_empty());
    assert_eq!(only.citations, full.citations);
    assert_eq!(only.citations.len(), 2);
}

/// Keywords in odd cases and with the letters that fold into ASCII ones
/// (ſ for s, the Cyrillic rounded о), between numbers and other words.
fn keyword_piece() -> impl proptest::strategy::Strategy<Value = String> {
    let pieces = [
        "resolution",
        "Resolutions",
        "RESOLUTION",
        "reſolution",
        "ReSoLuTiOnS",
        "irresolution",
        "decision",
        "DECISIONS",
        "deciſion",
        "Résolution",
        "RÉSOLUTIONS",
        "résolutions",
        "décision",
        "DÉCISION",
        "resolución",
        "RESOLUCIONES",
        "decisión",
        "резолюция",
        "РЕЗОЛЮЦИИ",
        "резᲂлюцию",
        "Решение",
        "решения",
        "قرار",
        "بالقرار",
        "والقرارات",
        "مقرر",
        "决议",
        "决定",
        " 70/1 ",
        "(2015)",
        ", ",
        "\n",
        "resources ",
        "decade ",
        "progress",
        "é",
        "ſ",
    ];
    proptest::strategy::Strategy::prop_map(
        proptest::sample::select(pieces.to_vec()),
        str::to_string,
    )
}

proptest::proptest! {
    /// Skipping ahead with the anchors finds every keyword the pattern
    /// alone finds, in every language.
    #[test]
    fn anchors_find_what_the_keyword_pattern_finds(
        pieces in proptest::collection::vec(keyword_piece(), 0..40),
    ) {
        let text = pieces.concat();
        for lang in Lang::ALL {
            let lex = Lexicon::get(lang);
            let anchors = lex.keyword_anchors.as_ref();
            proptest::prop_assert!(anchors.is_some(), "{:?} has anchors", lang);
            let without_anchors = keyword_hits(&text, lex, None);
            proptest::prop_assert_eq!(
                keyword_hits(&text, lex, anchors),
                without_anchors.clone(),
                "{:?} in {:?}", lang, text
            );
            proptest::prop_assert_eq!(
                without_anchors,
                keyword_hits_by_captures(&text, lex),
                "{:?} in {:?}", lang, text
            );
        }
    }
}

/// The keywords as the pattern's capture groups give them, at every start:
/// the reference for `keyword_at`, which reads them off the match alone.
fn keyword_hits_by_captures(text: &str, lex: &Lexicon) -> Vec<KeywordHit> {
    let mut hits = Vec::new();
    let mut at = 0;
    while let Some(caps) = lex.keyword.captures_at(text, at) {
        let (whole, kind) = match (caps.name("res"), caps.name("dec")) {
            (Some(res), _) => (res, Kind::Resolution),
            (None, Some(dec)) => (dec, Kind::Decision),
            (None, None) => break,
        };
        if lex.starts_word(text, whole.start()) {
            hits.push(KeywordHit {
                start: whole.start(),
                end: whole.end(),
                kind,
            });
            at = whole.end().max(at + 1);
        } else {
            at = whole.start() + 1;
        }
        while !text.is_char_boundary(at) {
            at += 1;
        }
    }
    hits
}

/// `mask_quoted` one character at a time: the reference for the version
/// that copies the text between quotes in runs.
fn mask_quoted_slowly(text: &str) -> String {
    let mut out = String::new();
    let first_quote = text.find(['“', '”']);
    let mut depth = usize::from(first_quote.is_some_and(|i| text[i..].starts_with('”')));
    for c in text.chars() {
        match c {
            '“' => depth += 1,
            '”' if depth > 0 => depth -= 1,
            _ => {}
        }
        if depth > 0 && c != '“' {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Likewise for `strip_quoted`.
fn strip_quoted_slowly(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '“' => depth += 1,
            '”' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

proptest::proptest! {
    #[test]
    fn quoted_passages_are_masked_and_stripped_as_one_character_at_a_time(
        text in "([a-z决议的]{0,4}[“”’—…]{0,2}){0,20}"
    ) {
        proptest::prop_assert_eq!(mask_quoted(&text), mask_quoted_slowly(&text));
        proptest::prop_assert_eq!(strip_quoted(&text), strip_quoted_slowly(&text));
    }
}

/// Each General Assembly fixture text, folded and flattened as extraction
/// reads it, with its path and language.
fn flat_ga_fixtures() -> Vec<(std::path::PathBuf, Lang, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ga/texts");
    let entries = std::fs::read_dir(&dir).expect("fixtures/ga/texts is readable");
    let mut fixtures = Vec::new();
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        let Some(lang) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.split('_').next())
            .and_then(Lang::from_code)
        else {
            continue;
        };
        let text = std::fs::read_to_string(&path).expect("fixture texts are UTF-8");
        let (flat, _) = flatten_lines(&Normalized::new(&text).text);
        fixtures.push((path, lang, flat));
    }
    fixtures
}

/// The one-pass search for organ names resolves every short name as one
/// search per name did, on every fixture text, at every line start and
/// for each group of organs a short name may stand for.
#[test]
fn organ_names_found_in_one_pass_resolve_as_one_search_per_name() {
    let mut compared = 0;
    for (path, lang, flat) in flat_ga_fixtures() {
        let lex = Lexicon::get(lang);
        let one_pass = lex.organ_mentions.find_all(&flat);
        let mut per_name: Vec<(usize, Organ)> = lex
            .vocab
            .bodies
            .iter()
            .filter_map(|(pattern, body)| match body {
                Body::Organ(organ) => Some((pattern, *organ)),
                Body::Other => None,
            })
            .flat_map(|(pattern, organ)| {
                let regex = regex::RegexBuilder::new(pattern)
                    .case_insensitive(matches!(lang, Lang::Ar | Lang::Zh))
                    .build()
                    .expect("organ names are valid patterns");
                regex
                    .find_iter(&flat)
                    .map(|m| (m.start(), organ))
                    .collect::<Vec<_>>()
            })
            .collect();
        per_name.sort();
        for (_, organs) in lex.vocab.bare_bodies {
            for at in std::iter::once(0).chain(memchr::memchr_iter(b' ', flat.as_bytes())) {
                assert_eq!(
                    nearest_organ(&one_pass, at, organs),
                    nearest_organ(&per_name, at, organs),
                    "{} at {at}",
                    path.display()
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 100_000, "only {compared} places compared");
}

/// The search for organ names that goes only as far as each short name
/// needs answers as the search of the whole text does, on every fixture
/// text, for every group of organs a short name may stand for, asked at
/// every seventh space in turn and then in reverse.
#[test]
fn organ_mentions_found_as_far_as_needed_resolve_as_all_of_them() {
    let mut compared = 0;
    for (path, lang, flat) in flat_ga_fixtures() {
        let lex = Lexicon::get(lang);
        let all = lex.organ_mentions.find_all(&flat);
        let places: Vec<usize> = std::iter::once(0)
            .chain(memchr::memchr_iter(b' ', flat.as_bytes()))
            .step_by(7)
            .chain([flat.len()])
            .collect();
        for (_, organs) in lex.vocab.bare_bodies {
            for order in [places.clone(), places.iter().rev().copied().collect()] {
                let lazy = OrganMentions::new(&flat, lex);
                for &at in &order {
                    assert_eq!(
                        lazy.nearest(at, organs),
                        nearest_organ(&all, at, organs),
                        "{} at {at}",
                        path.display()
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 100_000, "only {compared} places compared");
}

proptest::proptest! {
    /// The byte screen finds a clause's end before a number exactly where
    /// trying every character did.
    #[test]
    fn clause_ends_before_agrees_with_every_character_tried(
        window in "([a-zA-Z0-9]{0,3}( |  |\\. |\\.|;|,|\n|؛|；|。|\u{00A0}|Ä|é|Д)){0,30}",
        cut in 0usize..200,
    ) {
        let until = floor_boundary(&window, cut.min(window.len()));
        let clause_end = (0..window.len())
            .filter(|&i| window.is_char_boundary(i))
            .find(|&i| ends_clause(&window[i..]) || window[i..].starts_with("  "))
            .unwrap_or(window.len());
        proptest::prop_assert_eq!(clause_ends_before(&window, until), until > clause_end);
    }
}

#[test]
fn flattened_lines_keep_offsets_and_clause_ends() {
    let (flat, starts) = flatten_lines("Recalling\nresolution 70/1;\nNotes para.\n5");
    assert_eq!(flat, "Recalling resolution 70/1;\nNotes para. 5");
    assert_eq!(starts, [0, 10, 27, 39]);
}

proptest::proptest! {
    /// Flattening changes only newlines, and finds the lines as
    /// `line_starts` does.
    #[test]
    fn flattening_finds_the_line_starts(text in "[a-z .;。؛\n]{0,60}|(para|No|x|г|\\.|;|\n| |Ă|ě|₂){0,20}") {
        let (flat, starts) = flatten_lines(&text);
        proptest::prop_assert_eq!(flat.len(), text.len());
        for ((a, b), at) in text.chars().zip(flat.chars()).zip(0..) {
            proptest::prop_assert!(a == b || (a == '\n' && b == ' '), "at {}", at);
        }
        // A newline stays where its line ends a clause.
        for (at, _) in text.match_indices('\n') {
            let kept = flat.as_bytes()[at] == b'\n';
            proptest::prop_assert_eq!(kept, line_ends_clause(&text[..at]), "at {}", at);
        }
        proptest::prop_assert_eq!(starts, line_starts(&text));
    }

    /// An abbreviation's full stop is told as its word says, though most
    /// words are refused by their last byte.
    #[test]
    fn abbreviations_end_as_their_words_say(
        before in proptest::collection::vec(proptest::sample::select(&[
            "x", " ", "\n", "\u{a0}", ".", "a", "(1967)",
        ][..]), 0..3),
        word in proptest::sample::select(&[
            "para", "paras", "No", "Nos", "no", "vol", "chap", "sect", "art", "arts", "p", "pp",
            "Add", "Corr", "Rev", "г", "x", "a", "s", "(1967)", "ad", "б", "Nov", "",
        ][..]),
        stop in proptest::sample::select(&[".", ".", "", ". "][..]),
    ) {
        let text = format!("{}{word}{stop}", before.concat());
        let by_word = text
            .strip_suffix('.')
            .is_some_and(|body| ABBREVIATIONS.contains(&last_word(body)));
        proptest::prop_assert_eq!(after_abbreviation(&text), by_word, "{:?}", text);
    }

    /// A line ends a clause where it ends with one of the stops and no
    /// abbreviation's full stop; characters whose last byte is a stop's
    /// ("Ă", "ě", "₂") are not stops.
    #[test]
    fn lines_end_clauses_at_their_stops(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "para", "No", "vol", "x", " ", ".", ";", "。", "；", "؛", "Ă", "ě", "₂", "\n",
        ][..]), 0..6)
    ) {
        let line = pieces.concat();
        let by_chars = line.ends_with(['.', ';', '。', '；', '؛']) && !after_abbreviation(&line);
        proptest::prop_assert_eq!(line_ends_clause(&line), by_chars, "{:?}", line);
    }
}

/// Line numbers (of the cited number) count the lines of the original
/// text, where folding changes its length before the citation.
#[test]
fn line_numbers_count_original_lines_after_folding() {
    let text = "Recalling\u{00A0}its\u{00A0}resolution\r\n70/1 and\r\n\r\nresolution\u{00A0}71/2,";
    let options = Options {
        lang: Some(Lang::En),
        own_symbol: "A/RES/78/1".parse().ok(),
        ..Default::default()
    };
    let lines: Vec<usize> = extract(text, &options)
        .citations
        .iter()
        .map(|c| c.line)
        .collect();
    assert_eq!(lines, [2, 4]);
}

/// Pieces of the openings of Chinese citations, and what may stand
/// around them.
const ZH_OPENING_PIECES: &[&str] = &[
    "2015", "1", "12", "9", "0", "123", "年", "月", "日", "题为", "“", "”", "的", "第", " ", "\n",
    "会议", "x", "٣", "，", "大会", "联合", "国", "安理", "会",
];

proptest::proptest! {
    /// The hand-read opening of a Chinese citation is the regex's, where
    /// the hand reading answers.
    #[test]
    fn chinese_openings_read_back_as_the_regex_reads_them(
        pieces in proptest::collection::vec(proptest::sample::select(ZH_OPENING_PIECES), 0..14)
    ) {
        let window = pieces.concat();
        let by_regex = zh_opening_by_regex(&window);
        if let Some(by_hand) = zh_opening(&window) {
            // The regex's date may keep the spaces after a day without 日.
            let trimmed = ZhOpening {
                date: by_regex.date.map(str::trim_end),
                title: by_regex.title,
            };
            proptest::prop_assert_eq!(by_hand, trimmed, "{:?}", window);
        } else {
            proptest::prop_assert!(window.contains('٣'), "{:?}", window);
        }
    }
}

#[test]
fn chinese_openings_by_hand() {
    let cases: [(&str, Option<&str>, Option<&str>); 8] = [
        ("2015年9月25日大会第", Some("2015年9月25日"), None),
        (
            "2015年9月25日 联合国大会 题为“甲”的第",
            Some("2015年9月25日"),
            Some("甲"),
        ),
        (
            "其2015年9月25日题为“变革我们的世界”的第",
            Some("2015年9月25日"),
            Some("变革我们的世界"),
        ),
        (
            "回顾 2015 年 9 月 25 日 的 第 ",
            Some("2015 年 9 月 25 日"),
            None,
        ),
        ("题为“甲”和“乙”的第", None, None),
        ("“乙”的第", None, None),
        ("2015年9月125日第", None, None),
        ("", None, None),
    ];
    for (window, date, title) in cases {
        assert_eq!(
            zh_opening(window),
            Some(ZhOpening { date, title }),
            "{window:?}"
        );
    }
}

/// A paragraph's verb is reported as the text writes it: with the marks
/// that folding drops (Arabic's shadda), its spaces one space each, and
/// with the verb a leading word stands before ("Also recalling").
#[test]
fn verbs_are_reported_as_written() {
    let cases = [
        ("الجمعية العامة،\n\nوإذ تذكّر بقرارها 70/1،\n", "وإذ تذكّر"),
        (
            "The General Assembly,\n\nAlso\u{00A0}recalling its resolution 70/1,\n",
            "Also recalling",
        ),
        (
            "The General Assembly,\n\n1. Further  requests the report of resolution 70/1;\n",
            "Further requests",
        ),
        (
            "Генеральная Ассамблея,\n\nбудучи убеждена, что резолюция 70/1,\n",
            "будучи убеждена",
        ),
    ];
    for (text, verb) in cases {
        let got = extract(text, &Options::default());
        let verbs: Vec<Option<&str>> = got.citations.iter().map(|c| c.verb.as_deref()).collect();
        assert_eq!(verbs, [Some(verb)], "{text:?}");
    }
}

/// The Chinese lists as found by trying a list at each number in turn,
/// as `chains_keyword_last` once did.
fn chains_keyword_last_at_each_number(
    text: &str,
    lex: &Lexicon,
    numbers: &[NumberHit],
) -> Vec<RawCitation> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < numbers.len() {
        match zh_group(text, lex, numbers, index) {
            Ok((items, next)) => {
                out.extend(items);
                index = next;
            }
            Err(_) => index += 1,
        }
    }
    out
}

proptest::proptest! {
    /// Passing over the numbers a failed list read finds the lists that
    /// trying each number finds: from any of them a list fails as well.
    #[test]
    fn chinese_lists_skip_what_a_failed_list_read(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "第", "70/1", "71/2", "号", "、", "和", "决议", "决定", "2015年9月25日",
            "题为“发展”的", "大会", "关于女童的", "，", "。", " ", "安全理事会", "第2231(2015)号",
        ]), 0..30),
    ) {
        let text = pieces.concat();
        let lex = Lexicon::get(Lang::Zh);
        let numbers = numbers::find_numbers(&text);
        proptest::prop_assert_eq!(
            format!("{:?}", chains_keyword_last(&text, lex, &numbers)),
            format!("{:?}", chains_keyword_last_at_each_number(&text, lex, &numbers)),
            "{:?}", text
        );
    }
}

/// A number that opens a line inside a sentence is a citation, not the
/// title line of the text's own header; a title line after a blank line,
/// or after the bracketed line of its committee, still is one.
#[test]
fn a_number_opening_a_line_mid_sentence_is_no_title_line() {
    let text = "Recalling its resolution\n70/1 of 25 September 2015,\n";
    let got = extract(text, &Options::default());
    assert_eq!(got.header.symbol, None);
    let targets: Vec<String> = got.citations.iter().map(|c| c.target.to_string()).collect();
    assert_eq!(targets, ["A/RES/70/1"]);
    for header in [
        "Resolution adopted by the General Assembly on 1 July 2024\n\n78/311. Enhancing cooperation\n",
        "[on the report of the Third Committee (A/75/474, para. 33)]\n75/166. Protecting children\n",
        "78/311. Enhancing cooperation\n",
    ] {
        let got = extract(header, &Options::default());
        assert!(got.header.symbol.is_some(), "{header:?}");
        assert!(got.header.title.is_some(), "{header:?}");
    }
}

/// "Assembly" after a paragraph's verb, or after a word a scan left a
/// stray mark in, is the General Assembly; after a name of its own
/// ("World Health Assembly") it is another assembly.
#[test]
fn a_verb_or_a_damaged_word_before_assembly_names_no_other_assembly() {
    let cases = [
        (
            "The Economic and Social Council,\n\nRecalling Assembly resolution 61/98,\n",
            vec!["A/RES/61/98"],
        ),
        (
            "The Economic and Social Council,\n\n1. Recalls Assembly resolution 61/98;\n",
            vec!["A/RES/61/98"],
        ),
        (
            "The Security Council,\n\nRecalling Genera]\nAssembly resolution 3212 (XXIX),\n",
            vec!["A/RES/3212(XXIX)"],
        ),
        (
            "The General Assembly,\n\nRecalling World Health Assembly resolution 60/1,\n",
            vec![],
        ),
    ];
    for (text, expected) in cases {
        let got = extract(text, &Options::default());
        let targets: Vec<String> = got.citations.iter().map(|c| c.target.to_string()).collect();
        assert_eq!(targets, expected, "{text:?}");
    }
}

/// A title that holds the word "decisions" or "resolution" is read whole:
/// the keyword inside it does not cut the chain's title short.
#[test]
fn titles_holding_a_keyword_are_read_whole() {
    let cases = [
        (
            "Recalling its resolution 70/1, entitled “Follow-up to decisions of the Summit”,",
            "Follow-up to decisions of the Summit",
        ),
        (
            "Rappelant sa résolution 70/1, intitulée « Suite donnée aux résolutions du Sommet »,",
            "Suite donnée aux résolutions du Sommet",
        ),
    ];
    for (text, title) in cases {
        let got = extract(text, &Options::default());
        let titles: Vec<Option<&str>> = got.citations.iter().map(|c| c.title.as_deref()).collect();
        assert_eq!(titles, [Some(title)], "{text:?}");
    }
}

/// An organ named in a Chinese list's topic ("关于设立人权理事会的") is
/// what the resolution is about, not who adopted it: the body is the one
/// named before the topic, or none.
#[test]
fn an_organ_in_a_chinese_topic_is_not_the_body() {
    let cases = [
        (
            "强调大会关于设立人权理事会的2006年3月15日第60/251号决议的相关规定，",
            "A/RES/60/251",
        ),
        (
            "回顾安全理事会关于大会的第2231(2015)号决议，",
            "S/RES/2231(2015)",
        ),
        ("回顾人权理事会关于发展权的第41/8号决议，", "A/HRC/RES/41/8"),
    ];
    for (text, target) in cases {
        let options = Options {
            lang: Some(Lang::Zh),
            ..Options::default()
        };
        let got = extract(text, &options);
        let targets: Vec<String> = got.citations.iter().map(|c| c.target.to_string()).collect();
        assert_eq!(targets, [target], "{text:?}");
    }
}

/// A year in brackets is the Security Council's numbering and no other
/// body's: after a name of its own that holds the Council ("the Committee
/// of the Security Council established by …") the citation is the
/// Council's; a number of another shape after another body is still no
/// UN organ's.
#[test]
fn a_bracketed_year_after_another_body_is_the_councils() {
    let cases: [(&str, &[&str]); 3] = [
        (
            "Reafirma la importancia de las personas designadas por el Comité del Consejo de Seguridad dimanante de las resoluciones 1267 (1999), 1989 (2011) y 2253 (2015), y",
            &["S/RES/1267(1999)", "S/RES/1989(2011)", "S/RES/2253(2015)"],
        ),
        (
            "prend note de l’adoption par le Conseil de sécurité de la résolution 2500 (2019) en date du 4 décembre 2019,",
            &["S/RES/2500(2019)"],
        ),
        (
            "Recalling Commission on Narcotic Drugs resolution 60/1,",
            &[],
        ),
    ];
    for (text, expected) in cases {
        let got = extract(text, &Options::default());
        let targets: Vec<String> = got.citations.iter().map(|c| c.target.to_string()).collect();
        assert_eq!(targets, expected, "{text:?}");
    }
}

/// A possessive before the keyword ("sa résolution", "su resolución",
/// "свою резолюцию") is the adopting organ's, though another body is named
/// earlier in the sentence; tied to that body by a binder ("dans sa",
/// "в своей") it is still that body's.
#[test]
fn a_free_possessive_is_the_adopting_organs() {
    let cases: [(&str, Lang, &[&str]); 8] = [
        (
            "Prenant note du rapport de la Commission de la condition de la femme et rappelant sa résolution 75/1,",
            Lang::Fr,
            &["A/RES/75/1"],
        ),
        (
            "Prenant note du rapport du Conseil des droits de l’homme et rappelant sa résolution 75/1,",
            Lang::Fr,
            &["A/RES/75/1"],
        ),
        (
            "Tomando nota del informe de la Comisión de Estupefacientes y recordando su resolución 75/1,",
            Lang::Es,
            &["A/RES/75/1"],
        ),
        (
            "принимая к сведению доклад Комиссии по положению женщин и ссылаясь на свою резолюцию 75/1,",
            Lang::Ru,
            &["A/RES/75/1"],
        ),
        (
            "Taking note of the report of the Commission on the Status of Women and recalling its resolution 75/1,",
            Lang::En,
            &["A/RES/75/1"],
        ),
        // Tied to the body before it: that body's, no UN organ's.
        (
            "Notant que la Commission de la condition de la femme, dans sa résolution 60/2,",
            Lang::Fr,
            &[],
        ),
        (
            "Observando que la Comisión de Estupefacientes, en su resolución 60/2,",
            Lang::Es,
            &[],
        ),
        (
            "отмечая, что Комиссия по положению женщин в своей резолюции 60/2",
            Lang::Ru,
            &[],
        ),
    ];
    for (text, lang, expected) in cases {
        assert_eq!(ids(text, lang), expected, "{text:?}");
    }
}

/// A footnote's number glued to a citation's ("75/2891": footnote 1) is
/// left out of the citation's span and `matched`, as of its target.
#[test]
fn a_glued_footnote_number_is_out_of_the_span() {
    let text = "Recordando su resolución 75/2891, de 2 de junio de 2021,";
    let got = extract(text, &Options::default());
    let c = &got.citations[0];
    assert_eq!(c.target.to_string(), "A/RES/75/289");
    assert_eq!(c.matched, "75/289");
    assert_eq!(&text[c.start..c.end], "75/289");
    // A number the organ may well have reaches no marker.
    let text = "Recalling its decision 75/564,";
    let got = extract(text, &Options::default());
    assert_eq!(got.citations[0].matched, "75/564");
}

/// The target and date of each citation of `text`, in order.
fn targets_and_dates(text: &str) -> Vec<(String, Option<String>)> {
    extract(text, &Options::default())
        .citations
        .iter()
        .map(|c| (c.target.to_string(), c.date.clone()))
        .collect()
}

fn dated(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    pairs
        .iter()
        .map(|(target, date)| (target.to_string(), date.map(str::to_string)))
        .collect()
}

/// As many dates in a row as the numbers before them date each number in
/// turn ("respectively", said or not); fewer dates are the last number's.
#[test]
fn dates_in_a_row_date_the_numbers_in_turn() {
    let both = dated(&[
        ("A/RES/60/1", Some("2005-09-16")),
        ("A/RES/70/1", Some("2015-09-25")),
    ]);
    for text in [
        "Recalling its resolutions 60/1 and 70/1 of 16 September 2005 and 25 September 2015, respectively,",
        "Rappelant ses résolutions 60/1 et 70/1 des 16 septembre 2005 et 25 septembre 2015, respectivement,",
        "Recordando sus resoluciones 60/1 y 70/1, de 16 de septiembre de 2005 y 25 de septiembre de 2015, respectivamente,",
        "ссылаясь на свои резолюции 60/1 и 70/1 от 16 сентября 2005 года и 25 сентября 2015 года, соответственно,",
        "إذ تشير إلى قراريها 60/1 و 70/1 المؤرخين 16 أيلول/سبتمبر 2005 و 25 أيلول/سبتمبر 2015، على التوالي،",
        "Recalling its resolutions 60/1 of 16 September 2005 and 70/1 of 25 September 2015,",
    ] {
        assert_eq!(targets_and_dates(text), both, "{text:?}");
    }
    assert_eq!(
        targets_and_dates(
            "résolutions 1267 (1999), 1989 (2011) et 2253 (2015) du Conseil de sécurité, en date des 15 octobre 1999, 17 juin 2011 et 17 décembre 2015, respectivement,"
        ),
        dated(&[
            ("S/RES/1267(1999)", Some("1999-10-15")),
            ("S/RES/1989(2011)", Some("2011-06-17")),
            ("S/RES/2253(2015)", Some("2015-12-17")),
        ])
    );
    // Two dates for three numbers: only the last number's is sure.
    assert_eq!(
        targets_and_dates(
            "Recalling its resolutions 58/1, 60/1 and 70/1 of 16 September 2005 and 25 September 2015,"
        ),
        dated(&[
            ("A/RES/58/1", None),
            ("A/RES/60/1", None),
            ("A/RES/70/1", Some("2005-09-16")),
        ])
    );
    // Two dates of one number: its first.
    assert_eq!(
        targets_and_dates("Recalling its resolution 70/1 of 25 September 2015 and 1 October 2015,"),
        dated(&[("A/RES/70/1", Some("2015-09-25"))])
    );
}

/// Dates that share their month or year with the date after them ("of 4
/// and 14 July 1967", "des 24 juin, 26 septembre et 18 octobre 2013")
/// date the numbers in turn, as many dates as numbers; fewer or more
/// date none, not even the last number, which the first whole date of a
/// run would date.
#[test]
fn dates_that_share_a_month_or_year_date_the_numbers_in_turn() {
    // Real: S/RES/267 (1969), fixtures/unsc-en, as its lines break.
    assert_eq!(
        targets_and_dates(
            "Recalling its resolution 252 (1968) of 21 May 1968\nand the earlier General Assembly resolutions 2253\n(ES-V) and 2254 (ES-V) of 4 and 14 July 1967,\nrespectively, concerning measures and actions by Israel"
        ),
        dated(&[
            ("S/RES/252(1968)", Some("1968-05-21")),
            ("A/RES/2253(ES-V)", Some("1967-07-04")),
            ("A/RES/2254(ES-V)", Some("1967-07-14")),
        ])
    );
    // Real: S/RES/446 (1979); the list goes on past the run.
    assert_eq!(
        targets_and_dates(
            "and by General Assembly resolutions 2253 (ES-V) and\n2254 (ES-V) of 4 and 14 July 1967, 32/5 of 28 October\n1977 and 33/113 of 18 December 1978,"
        ),
        dated(&[
            ("A/RES/2253(ES-V)", Some("1967-07-04")),
            ("A/RES/2254(ES-V)", Some("1967-07-14")),
            ("A/RES/32/5", Some("1977-10-28")),
            ("A/RES/33/113", Some("1978-12-18")),
        ])
    );
    // Real: fr A/RES/75/48 (fixtures/ga): three dates share a year, a
    // fourth has its own.
    assert_eq!(
        targets_and_dates(
            "Se félicitant de l’appel lancé dans les résolutions 2106 (2013), 2117 (2013), 2122 (2013) et 2220 (2015) du Conseil de sécurité, en date respectivement des 24 juin, 26 septembre et 18 octobre 2013 et 22 mai 2015, en faveur de la participation pleine et effective des femmes,"
        ),
        dated(&[
            ("S/RES/2106(2013)", Some("2013-06-24")),
            ("S/RES/2117(2013)", Some("2013-09-26")),
            ("S/RES/2122(2013)", Some("2013-10-18")),
            ("S/RES/2220(2015)", Some("2015-05-22")),
        ])
    );
    // Made up: the corpus cites no resolutions so in these languages,
    // nor with three days, nor with a month and a day before a month.
    let july = dated(&[
        ("A/RES/2253(ES-V)", Some("1967-07-04")),
        ("A/RES/2254(ES-V)", Some("1967-07-14")),
    ]);
    for text in [
        "Rappelant les résolutions 2253 (ES-V) et 2254 (ES-V) de l’Assemblée générale, des 4 et 14 juillet 1967,",
        "Recordando las resoluciones 2253 (ES-V) y 2254 (ES-V), de 4 y 14 de julio de 1967, respectivamente,",
        "ссылаясь на резолюции 2253 (ES-V) и 2254 (ES-V) от 4 и 14 июля 1967 года, соответственно,",
        "وإذ تشير إلى قراري الجمعية العامة 2253 (دإط-5) و 2254 (دإط-5) المؤرخين 4 و 14 تموز/يوليه 1967، على التوالي،",
        "وإذ تشير إلى قراري الجمعية العامة 2253 (دإط-5) و 2254 (دإط-5) المؤرخين 4 و14 تموز/يوليه 1967،",
    ] {
        assert_eq!(targets_and_dates(text), july, "{text:?}");
    }
    assert_eq!(
        targets_and_dates(
            "Recalling its resolutions 242 (1967), 338 (1973) and 339 (1973) of 4, 10 and 14 July 1967,"
        ),
        dated(&[
            ("S/RES/242(1967)", Some("1967-07-04")),
            ("S/RES/338(1973)", Some("1967-07-10")),
            ("S/RES/339(1973)", Some("1967-07-14")),
        ])
    );
    let june_and_july = dated(&[
        ("A/RES/60/1", Some("2015-06-04")),
        ("A/RES/70/1", Some("2015-07-14")),
    ]);
    for text in [
        "Recalling its resolutions 60/1 and 70/1 of 4 June and 14 July 2015,",
        "Rappelant ses résolutions 60/1 et 70/1 des 4 juin et 14 juillet 2015,",
        "Recordando sus resoluciones 60/1 y 70/1, de 4 de junio y 14 de julio de 2015,",
        "ссылаясь на свои резолюции 60/1 и 70/1 от 4 июня и 14 июля 2015 года,",
        "وإذ تشير إلى قراريها 60/1 و 70/1 المؤرخين 4 حزيران/يونيه و 14 تموز/يوليه 2015،",
    ] {
        assert_eq!(targets_and_dates(text), june_and_july, "{text:?}");
    }
    // A day and a month before a day: each day takes the month after it.
    assert_eq!(
        targets_and_dates(
            "Recalling its resolutions 60/1, 61/1 and 70/1 of 4 June, 10 and 14 July 2015,"
        ),
        dated(&[
            ("A/RES/60/1", Some("2015-06-04")),
            ("A/RES/61/1", Some("2015-07-10")),
            ("A/RES/70/1", Some("2015-07-14")),
        ])
    );
    // One number, two days: neither is surely its own (real but for the
    // number of numbers: S/RES/66 (1948) cites two).
    assert_eq!(
        targets_and_dates("and with resolution\n61 (1948) of 4 and 16 November\n1948 ;"),
        dated(&[("S/RES/61(1948)", None)])
    );
    // Three numbers, two dates: none.
    assert_eq!(
        targets_and_dates("Recalling its resolutions 60/1, 61/1 and 70/1 of 4 and 14 July 2015,"),
        dated(&[
            ("A/RES/60/1", None),
            ("A/RES/61/1", None),
            ("A/RES/70/1", None)
        ])
    );
    // A range is no run of dates.
    assert_eq!(
        targets_and_dates("Recalling its resolutions 60/1 and 70/1 of 4 to 14 July 2015,"),
        dated(&[("A/RES/60/1", None), ("A/RES/70/1", None)])
    );
}

/// A number's date without its year ("338 (1973) of 22 October, …")
/// takes the year of the whole date that ends its part of the list.
#[test]
fn a_date_without_its_year_takes_the_year_of_the_next_whole_date() {
    // Real: S/RES/368 (1975), fixtures/unsc-en.
    assert_eq!(
        targets_and_dates(
            "Recalling its resolutions 338 (1973) of 22 October,\n340 (1973) of 25 October and 341 (1973) of 27 October 1973, 346 (1974) of 8 April and 362 (1974) of\n23 October 1974,"
        ),
        dated(&[
            ("S/RES/338(1973)", Some("1973-10-22")),
            ("S/RES/340(1973)", Some("1973-10-25")),
            ("S/RES/341(1973)", Some("1973-10-27")),
            ("S/RES/346(1974)", Some("1974-04-08")),
            ("S/RES/362(1974)", Some("1974-10-23")),
        ])
    );
    // Real: S/RES/444 (1979). One date after two numbers is the last
    // number's, as a whole date is.
    assert_eq!(
        targets_and_dates(
            "Recalling its resolutions 425 (1978) and 426 (1978)\nof 19 March, 427 (1978) of 3 May and 434 (1978) of\n18 September 1978,"
        ),
        dated(&[
            ("S/RES/425(1978)", None),
            ("S/RES/426(1978)", Some("1978-03-19")),
            ("S/RES/427(1978)", Some("1978-05-03")),
            ("S/RES/434(1978)", Some("1978-09-18")),
        ])
    );
    // Real: S/RES/677 (1990), whose year OCR lost, and S/RES/385 (1976),
    // whose list a full stop ends: no whole date follows, no year.
    assert_eq!(
        targets_and_dates(
            "Recalling its resolutions 660 (1990) of 2 August 1990,\n662 é 1990) of 9 August 1990 and 674 (1990) of 29 October\n\nReiterating its concern"
        ),
        dated(&[("S/RES/660(1990)", Some("1990-08-02")), ("S/RES/674(1990)", None)])
    );
    assert_eq!(
        targets_and_dates(
            "Recalling its resolutions 269 (1969) of 12 August 1969, 276 (1970) of 30 January.\n282 (1970) of 23 July 1970,"
        ),
        dated(&[("S/RES/269(1969)", Some("1969-08-12")), ("S/RES/276(1970)", None)])
    );
    // Made up: no such lists in the corpus in these languages.
    let october = dated(&[
        ("S/RES/338(1973)", Some("1973-10-22")),
        ("S/RES/340(1973)", Some("1973-10-25")),
    ]);
    for text in [
        "Rappelant ses résolutions 338 (1973) du 22 octobre et 340 (1973) du 25 octobre 1973,",
        "Recordando sus resoluciones 338 (1973), de 22 de octubre, y 340 (1973), de 25 de octubre de 1973,",
        "ссылаясь на свои резолюции 338 (1973) от 22 октября и 340 (1973) от 25 октября 1973 года,",
        "وإذ يشير إلى قراريه 338 (1973) المؤرخ 22 تشرين الأول/أكتوبر و 340 (1973) المؤرخ 25 تشرين الأول/أكتوبر 1973،",
    ] {
        assert_eq!(targets_and_dates(text), october, "{text:?}");
    }
    // Made up: a date after the whole one is of another year.
    assert_eq!(
        targets_and_dates(
            "Recalling General Assembly resolutions 2253 (ES-V) of 20 December and 2254 (ES-V) of 3 January 1968,"
        ),
        dated(&[("A/RES/2253(ES-V)", None), ("A/RES/2254(ES-V)", Some("1968-01-03"))])
    );
    // Made up: a Council number says its year.
    assert_eq!(
        targets_and_dates(
            "Recalling its resolutions 186 (1964) of 4 March and 201 (1965) of 19 March 1965,"
        ),
        dated(&[
            ("S/RES/186(1964)", None),
            ("S/RES/201(1965)", Some("1965-03-19"))
        ])
    );
}

/// "2015年9月25日大会第70/1号决议": a date before the organ's name dates
/// the number after it.
#[test]
fn a_chinese_date_before_the_organ_dates_the_citation() {
    assert_eq!(
        targets_and_dates("回顾2015年9月25日大会第70/1号决议，"),
        dated(&[("A/RES/70/1", Some("2015-09-25"))])
    );
    assert_eq!(
        targets_and_dates("回顾2018年7月3日经济及社会理事会第2018/18号决议，"),
        dated(&[("E/RES/2018/18", Some("2018-07-03"))])
    );
    assert_eq!(
        targets_and_dates(
            "回顾 2023年 9月 29日大会第 78/1号决议和2012年7月27日大会第66/288号决议，"
        ),
        dated(&[
            ("A/RES/78/1", Some("2023-09-29")),
            ("A/RES/66/288", Some("2012-07-27")),
        ])
    );
}

/// A list may open with its topic, unquoted: "Economic and Social
/// Council resolutions on the question of X, 2004/33 and 2005/12" are
/// still the Council's.
#[test]
fn a_list_after_its_topic_is_read() {
    let council = ["E/RES/2004/33", "E/RES/2005/12"];
    for text in [
        "Recalling Economic and Social Council resolutions on the question of X, 2004/33 and 2005/12,",
        "Recalling Economic and Social Council resolutions on X 2004/33 and 2005/12,",
        "Rappelant les résolutions du Conseil économique et social sur la question de X, 2004/33 et 2005/12,",
        "Recordando las resoluciones del Consejo Económico y Social sobre la cuestión de X, 2004/33 y 2005/12,",
        "ссылаясь на резолюции Экономического и Социального Совета о вопросе X, 2004/33 и 2005/12,",
        "وإذ تشير إلى قرارات المجلس الاقتصادي والاجتماعي بشأن مسألة العنف، 2004/33 و 2005/12،",
    ] {
        assert_eq!(ids_with(text, &Options::default()), council, "{text:?}");
    }
    assert_eq!(
        ids(
            "Recalling its resolutions on the question of Palestine, 72/1 and 73/2,",
            Lang::En
        ),
        ["A/RES/72/1", "A/RES/73/2"]
    );
    // Not past the clause, nor to a number that may be anything.
    for text in [
        "Recalling Economic and Social Council resolutions on the question; 2004/33 and 2005/12,",
        "Recalling its resolutions on the budget for the biennium 2020/21,",
        "Recalling its resolutions on the question of X, 12/3 and 13/4,",
    ] {
        assert!(ids_with(text, &Options::default()).is_empty(), "{text:?}");
    }
}

/// A body named before a conjunction is the item's before it, not the
/// list's after it: the forum adopted the declaration, the Assembly the
/// resolution. A topic's own conjunction still leaves the body named.
#[test]
fn a_body_before_a_conjunction_names_no_later_list() {
    let text = "又重申2023年9月29日大会第78/1号决议附件所载的、大会主持召开的可持续发展问题高级别政治论坛通过的政治宣言和2015年12月16日题为“关于信息社会世界首脑会议成果文件执行情况全面审查的大会高级别会议成果文件”的第70/125号决议，";
    assert_eq!(ids(text, Lang::Zh), ["A/RES/70/125", "A/RES/78/1"]);
    let text = "回顾人权理事会关于教育和人权的第53/7号决议，";
    assert_eq!(ids(text, Lang::Zh), ["A/HRC/RES/53/7"]);
    let text = "回顾预防犯罪和刑事司法委员会关于加强国际合作和打击网络犯罪的第31/1号决议，";
    assert!(ids(text, Lang::Zh).is_empty());
}

/// A title is reported as the original writes it, not as folded: a
/// full-width colon or comma, an en dash stay. White space is one space
/// each, a no-break space too, as before; a bidi embedding reads as a
/// space and a soft hyphen as nothing, as folding reads them.
#[test]
fn titles_are_reported_as_written() {
    let text = "又重申其2015年9月25日题为“变革我们的世界：2030年可持续发展议程”的第70/1号、2015年7月27日题为“亚的斯亚贝巴行动议程，发展筹资”的第69/313号决议，";
    let got = extract(
        text,
        &Options {
            lang: Some(Lang::Zh),
            ..Default::default()
        },
    );
    let titles: Vec<Option<&str>> = got.citations.iter().map(|c| c.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            Some("变革我们的世界：2030年可持续发展议程"),
            Some("亚的斯亚贝巴行动议程，发展筹资")
        ]
    );
    let text = "Recalling its resolution 69/283 of 3 June 2015, entitled “Sendai Framework for Disaster Risk\u{00A0}Reduction 2015–2030”, and its resolution 70/1 of 25 September 2015, entitled “Transforming\u{202A}our\n world\u{00AD}”,";
    let got = extract(text, &Options::default());
    let titles: Vec<Option<&str>> = got.citations.iter().map(|c| c.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            Some("Sendai Framework for Disaster Risk Reduction 2015–2030"),
            Some("Transforming our world")
        ]
    );
}

/// Poppler's Arabic lines in a list: a footnote's marker turned round at
/// a line's end (")( 2"), and the line's final full stop moved onto the
/// number that opens the next line ("2018/28."), as in 78/132's PDF text.
#[test]
fn arabic_pdf_lists_run_past_moved_marks() {
    let text = "وإذ تشير إلى قرارات المجلس الاقتصادي والاجتماعي \u{202a} ،2009/7\u{202c}و \
                \u{202a} ،2010/2\u{202c}و )( \u{202a}2\u{202c}\n\
                \u{202a} ،2011/16\u{202c}و \u{202a} ،2017/21\u{202c}و\n\
                \u{202a} ،2018/28.\u{202c}و \u{202a} ،2019/24\u{202c}و \u{202a}2022/15\u{202c}\n";
    assert_eq!(
        ids(text, Lang::Ar),
        [
            "E/RES/2009/7",
            "E/RES/2010/2",
            "E/RES/2011/16",
            "E/RES/2017/21",
            "E/RES/2018/28",
            "E/RES/2019/24",
            "E/RES/2022/15"
        ]
    );
    // In a Latin-script text too, a full stop before "and" ends no list.
    assert_eq!(
        ids("Council resolutions 2009/7. and 2010/2", Lang::En),
        ["E/RES/2009/7", "E/RES/2010/2"]
    );
}

/// A written symbol's part letter is a letter standing alone: the "a" of
/// "and" or "as" after `A/RES/70/1` is none, the "a" glued to a link's
/// number is.
#[test]
fn written_symbols_take_no_part_from_the_next_word() {
    let text = "Recalling resolutions A/RES/70/1 and S/RES/2231(2015), A/RES/71/1 as well as \
                https://undocs.org/A/RES/72/266a and A/RES/217 A (III)";
    let found: Vec<(String, Option<String>, String)> = extract(text, &Options::default())
        .citations
        .into_iter()
        .map(|c| (c.target.to_string(), c.part, c.matched))
        .collect();
    let expected = [
        ("A/RES/70/1", None, "A/RES/70/1"),
        ("S/RES/2231(2015)", None, "S/RES/2231(2015)"),
        ("A/RES/71/1", None, "A/RES/71/1"),
        ("A/RES/72/266", Some("A"), "A/RES/72/266a"),
        ("A/RES/217(III)", Some("A"), "A/RES/217 A (III)"),
    ]
    .map(|(t, p, m)| (t.to_string(), p.map(str::to_string), m.to_string()));
    assert_eq!(found, expected);
}

/// A number that may be anything is the list's next item past a topic
/// when it is written as the item before it: a year and a number after a
/// year and a number, each dated right after it (77/320).
#[test]
fn a_dated_item_like_the_one_before_goes_on_past_a_topic() {
    let council = ["E/RES/2021/30", "E/RES/2022/16"];
    for (text, lang) in [
        (
            "including Economic and Social Council resolutions 2022/16 of 21 July 2022 on science, technology and innovation for development and 2021/30 of 22 July 2021 on open-source technologies for sustainable development,",
            Lang::En,
        ),
        (
            "incluidas las resoluciones del Consejo Económico y Social 2022/16, de 21 de julio de 2022, relativa a la ciencia, la tecnología y la innovación para el desarrollo, y 2021/30, de 22 de julio de 2021, relativa a las tecnologías de código abierto,",
            Lang::Es,
        ),
        (
            "включая резолюции Экономического и Социального Совета 2022/16 от 21 июля 2022 года о науке, технике и инновациях в целях развития и 2021/30 от 22 июля 2021 года об использовании технологий с открытым исходным кодом,",
            Lang::Ru,
        ),
    ] {
        assert_eq!(ids(text, lang), council, "{text:?}");
    }
    // Not without a date on either item, nor after a number of another
    // numbering, nor past the clause.
    for text in [
        "Economic and Social Council resolutions 2022/16 of 21 July 2022 on science and 2021/30 on open-source technologies,",
        "Economic and Social Council resolutions 2022/16 on science and 2021/30 of 22 July 2021 on open-source technologies,",
        "Security Council resolution 2250 (2015) of 9 December 2015 on youth and 2021/30 of 22 July 2021 on open-source technologies,",
        "Economic and Social Council resolution 2022/16 of 21 July 2022 on science; and 2021/30 of 22 July 2021 on open-source technologies,",
    ] {
        assert!(
            !ids(text, Lang::En).contains(&"E/RES/2021/30".to_string()),
            "{text:?}"
        );
    }
}

/// PDF text may break a line inside 决议: the list still ends there
/// (78/127 and 78/265 through PDF).
#[test]
fn a_chinese_keyword_broken_over_a_line_ends_its_list() {
    let text = "还回顾其题为“将志愿服务纳入和平与发展工作：下一个十年及其后的行动计划”的 2015 年 12 月 17 日第\n70/129 号决议、题为“志愿服务促进《2030 年可持续发展议程》”的 2018 年 12 月 17 日第 73/140 号决\n议和题为“联合国志愿人员方案五十周年和志愿人员国际年二十周年”的 2021 年 12 月 16 日第 76/131 号决\n议，\n";
    assert_eq!(
        ids(text, Lang::Zh),
        ["A/RES/70/129", "A/RES/73/140", "A/RES/76/131"]
    );
    let text = "回顾其 2023 年 7 月 25 日题为“快速技术变革对实现可持续发展目标和具体目标的影响”的第 77/320 号决\n议、2023 年 12 月 19 日题为“信息和通信技术促进可持续发展”的第 78/132 号决议、";
    assert_eq!(ids(text, Lang::Zh), ["A/RES/77/320", "A/RES/78/132"]);
    let text = "回顾其第 77/568 号决\n定，";
    assert_eq!(ids(text, Lang::Zh), ["A/DEC/77/568"]);
}

/// A body named inside a description of the resolution, a noun after
/// it ("提高委员会工作方法实效的补充措施的"), is not its author (77/90);
/// an author's name is followed by its adoption, a topic, a title or a
/// word that qualifies the list.
#[test]
fn a_chinese_body_inside_a_description_is_not_the_author() {
    let text = "特别回顾大会在其中满意地注意到一套“加强裁军审议委员会执行职责的途径和方法”2 以协商一致方式获得通过的1990年12月4日第45/62 B号决议、关于委员会有效运作的1998年9月8日第52/492号决定以及载有提高委员会工作方法实效的补充措施的第61/98号决议，";
    assert_eq!(
        ids(text, Lang::Zh),
        ["A/DEC/52/492", "A/RES/45/62", "A/RES/61/98"]
    );
    let cases: [(&str, &[&str]); 4] = [
        ("回顾人权理事会最近的第53/29号决议，", &["A/HRC/RES/53/29"]),
        ("回顾人权理事会通过的第53/29号决议，", &["A/HRC/RES/53/29"]),
        ("回顾联合国环境大会通过的关于海洋垃圾的第5/14号决议，", &[]),
        ("回顾麻醉药品委员会题为“某事”的第58/8号决议，", &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(ids(text, Lang::Zh), expected, "{text:?}");
    }
}

/// A name read back from the keyword over a clause ("… hizo suyos en
/// su resolución") that opens with a known organ's full name is that
/// organ's, the clause's subject; one that opens with the United Nations'
/// own name names no other body (78/265). An agency's or another body's
/// name is still another body's.
#[test]
fn an_organ_as_a_clauses_subject_is_the_author() {
    let cases: [(&str, Lang, &[&str]); 7] = [
        (
            "y tomando nota de los Principios Rectores sobre las Empresas y los Derechos Humanos: Puesta en Práctica del Marco de las Naciones Unidas para “Proteger, Respetar y Remediar”7, que el Consejo de Derechos Humanos hizo suyos en su resolución 17/4, de 16 de junio de 20118, y de la labor",
            Lang::Es,
            &["A/HRC/RES/17/4"],
        ),
        (
            "et la déclaration faite à l’occasion de la célébration du soixante-quinzième anniversaire de l’Organisation des Nations Unies qui figure dans sa résolution 75/1 du 21 septembre 2020,",
            Lang::Fr,
            &["A/RES/75/1"],
        ),
        (
            "tels que le Conseil des droits de l’homme les a faits siens dans sa résolution 17/4 du 16 juin 2011,",
            Lang::Fr,
            &["A/HRC/RES/17/4"],
        ),
        (
            "одобренные, как Совет по правам человека указал в своей резолюции 17/4,",
            Lang::Ru,
            &["A/HRC/RES/17/4"],
        ),
        (
            "Notant que l’Organisation des Nations Unies pour le développement industriel dans sa résolution 58/8,",
            Lang::Fr,
            &[],
        ),
        (
            "Observando que la Comisión de Estupefacientes aprobó en su resolución 58/8,",
            Lang::Es,
            &[],
        ),
        (
            "Notant que le Comité du Conseil des droits de l’homme a adopté dans sa résolution 58/8,",
            Lang::Fr,
            &[],
        ),
    ];
    for (text, lang, expected) in cases {
        assert_eq!(ids(text, lang), expected, "{text:?}");
    }
}

/// A number and its session in Chinese numerals, the session bracketed
/// or a bracketed numeral of its own ("第一㈠号决议", 1 (I), in 78/41).
#[test]
fn a_chinese_number_in_numerals_is_read() {
    let text = "这反映在大会1946年1月24日通过的第一项决议，即第一㈠号决议之中，";
    assert_eq!(ids(text, Lang::Zh), ["A/RES/1(I)"]);
    let text = "即第一㈠号决\n议之中，";
    assert_eq!(ids(text, Lang::Zh), ["A/RES/1(I)"]);
    let text = "回顾其第一五一四(十五)号和第一千五百四十一（十五）号决议，";
    assert_eq!(ids(text, Lang::Zh), ["A/RES/1514(XV)", "A/RES/1541(XV)"]);
    let text = "回顾其第三千二百八十一(二十九)号决议，";
    assert_eq!(ids(text, Lang::Zh), ["A/RES/3281(XXIX)"]);
    // Not a paragraph, nor a session past the thirtieth, nor without 第.
    for text in [
        "第一㈠段",
        "回顾其第一(三十一)号决议，",
        "回顾其一㈠号决议，",
    ] {
        assert!(ids(text, Lang::Zh).is_empty(), "{text:?}");
    }
    for (numeral, n) in [
        ("一", Some(1)),
        ("十五", Some(15)),
        ("二十", Some(20)),
        ("一千零一", Some(1001)),
        ("一千五百一十四", Some(1514)),
        ("一五一四", Some(1514)),
        ("〇", None),
        ("五五", Some(55)),
        ("十千", None),
        ("一二十", None),
    ] {
        assert_eq!(chinese_number(numeral), n, "{numeral}");
    }
}

proptest::proptest! {
    /// When folding keeps a text as it is, a span of it stands at the same
    /// bytes of the original, as the anchors map it: the citations'
    /// spans and paragraphs' bounds are taken as they are.
    #[test]
    fn an_unfolded_text_maps_spans_to_themselves(
        text in "[a-z0-9/,.;()\n决]( ?[a-z0-9/,.;()\n决]){0,40}",
        from in 0usize..130,
        len in 0usize..20,
    ) {
        let norm = Normalized::new(&text);
        proptest::prop_assume!(norm.text == text);
        let to = (from + len).min(text.len());
        let from = from.min(to);
        proptest::prop_assert_eq!(
            original_span(&norm, &text, false, (from, to)),
            norm.original_span(&text, from, to)
        );
        proptest::prop_assert_eq!(norm.original_offset(from), from);
        proptest::prop_assert_eq!(norm.original_offset(to), to);
    }
}
