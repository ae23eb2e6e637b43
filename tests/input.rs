//! Tests of the input stage: bytes of a file → text to extract from.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use regex::Regex;
use rescite::input::*;

fn akn_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/akn")
}

/// The six language letters DGACM puts at the end of a file name.
const LANGUAGES: [(char, &str); 6] = [
    ('A', "ar"),
    ('C', "zh"),
    ('E', "en"),
    ('F', "fr"),
    ('R', "ru"),
    ('S', "es"),
];

/// All AKN fixtures as (file name, language, corpus text file name).
fn akn_fixtures() -> Vec<(String, &'static str, String)> {
    let mut fixtures = Vec::new();
    for entry in std::fs::read_dir(akn_dir()).expect("fixtures/akn exists") {
        let name = entry
            .expect("readable dir")
            .file_name()
            .into_string()
            .expect("UTF-8 name");
        let Some(stem) = name.strip_suffix(".xml") else {
            continue;
        };
        // A_RES_78_311-2412313E → en, A-RES-78-311
        let letter = stem.chars().last().expect("non-empty stem");
        let language = LANGUAGES
            .iter()
            .find(|(l, _)| *l == letter)
            .expect("known letter")
            .1;
        let symbol = stem
            .split('-')
            .next()
            .expect("symbol part")
            .replace('_', "-");
        let text = format!("{language}_{symbol}.txt");
        fixtures.push((name, language, text));
    }
    fixtures.sort();
    assert_eq!(fixtures.len(), 30, "6 languages × 5 resolutions");
    fixtures
}

fn read_fixture(name: &str) -> Vec<u8> {
    std::fs::read(akn_dir().join(name)).expect("fixture readable")
}

fn decode_ok(bytes: &[u8]) -> Decoded {
    match decode(bytes) {
        Ok(decoded) => decoded,
        Err(error) => panic!("decode failed: {error}"),
    }
}

fn en_78_311() -> Decoded {
    decode_ok(&read_fixture("A_RES_78_311-2412313E.xml"))
}

// ---------------------------------------------------------------- plain text

#[test]
fn utf8_without_bom_is_passed_through_verbatim() {
    let decoded = decode_ok("Recalling its resolution 70/1,\n".as_bytes());
    assert_eq!(decoded.text, "Recalling its resolution 70/1,\n");
    assert_eq!(decoded.format, InputFormat::Text);
    assert_eq!(decoded.origin_offset, Some(0));
    assert_eq!(decoded.meta, DocMeta::default());
    assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
}

#[test]
fn utf8_bom_is_stripped_and_offsets_start_after_it() {
    let decoded = decode_ok("\u{feff}第 70/1 号决议".as_bytes());
    assert_eq!(decoded.text, "第 70/1 号决议");
    assert_eq!(decoded.origin_offset, Some(3));
    assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        let pair = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

const MULTILINGUAL: &str =
    "Résolution 78/311 — резолюция 78/311 — 第78/311号决议 — القرار 78/311 𝄞\n";

#[test]
fn utf16le_with_bom_is_decoded() {
    let decoded = decode_ok(&utf16(MULTILINGUAL, false));
    assert_eq!(decoded.text, MULTILINGUAL);
    assert_eq!(decoded.format, InputFormat::Text);
    assert_eq!(decoded.origin_offset, None, "UTF-16 offsets do not map 1:1");
    assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
}

#[test]
fn utf16be_with_bom_is_decoded() {
    let decoded = decode_ok(&utf16(MULTILINGUAL, true));
    assert_eq!(decoded.text, MULTILINGUAL);
    assert_eq!(decoded.origin_offset, None);
    assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
}

fn utf32(text: &str, big_endian: bool) -> Vec<u8> {
    let units = std::iter::once('\u{feff}').chain(text.chars());
    units
        .flat_map(|c| match big_endian {
            true => u32::from(c).to_be_bytes(),
            false => u32::from(c).to_le_bytes(),
        })
        .collect()
}

#[test]
fn utf32_with_bom_is_decoded_in_either_byte_order() {
    for big_endian in [false, true] {
        let decoded = decode_ok(&utf32(MULTILINGUAL, big_endian));
        assert_eq!(decoded.text, MULTILINGUAL, "big endian: {big_endian}");
        assert_eq!(decoded.origin_offset, None);
        assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
    }
}

#[test]
fn malformed_utf32_is_repaired_with_a_warning() {
    let mut bytes = utf32("resolution 70/1", false);
    // A surrogate, then a code unit cut short.
    bytes.extend_from_slice(&[0x00, 0xD8, 0x00, 0x00, 0x41]);
    let decoded = decode_ok(&bytes);
    assert_eq!(decoded.text, "resolution 70/1\u{fffd}\u{fffd}");
    assert_eq!(decoded.warnings.len(), 1, "{:?}", decoded.warnings);
    assert!(
        decoded.warnings[0].contains("2 code units"),
        "{:?}",
        decoded.warnings
    );
}

#[test]
fn utf32_without_bom_is_rejected_with_its_own_hint() {
    let bytes = utf32("resolution 70/1 of 25 September 2015", true);
    let message = binary_reason(&bytes[4..]);
    assert!(
        message.contains("UTF-32 without a byte-order mark"),
        "{message}"
    );
}

#[test]
fn malformed_utf16_is_repaired_with_a_warning() {
    let mut bytes = utf16("resolution 70/1", false);
    bytes.extend_from_slice(&[0x00, 0xD8]); // unpaired high surrogate
    let decoded = decode_ok(&bytes);
    assert!(decoded.text.starts_with("resolution 70/1"));
    assert!(decoded.text.ends_with('\u{fffd}'));
    assert_eq!(decoded.warnings.len(), 1, "{:?}", decoded.warnings);
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_naming_the_first_bad_byte() {
    let decoded = decode_ok(b"resolution \xff70/1 of 25 \xe9\xe9 September");
    assert_eq!(
        decoded.text,
        "resolution \u{fffd}70/1 of 25 \u{fffd}\u{fffd} September"
    );
    assert_eq!(decoded.origin_offset, None, "lossy repair breaks offsets");
    assert_eq!(decoded.warnings.len(), 1, "{:?}", decoded.warnings);
    let warning = &decoded.warnings[0];
    assert!(warning.contains("invalid UTF-8 at byte 11"), "{warning}");
    assert!(warning.contains("replaced 3 bytes"), "{warning}");
}

#[test]
fn invalid_utf8_after_a_bom_counts_the_bom_in_the_offset() {
    let decoded = decode_ok(b"\xef\xbb\xbfab\xffc");
    assert_eq!(decoded.text, "ab\u{fffd}c");
    assert!(
        decoded.warnings[0].contains("at byte 5"),
        "{:?}",
        decoded.warnings
    );
}

#[test]
fn empty_file_is_empty_text_with_a_warning() {
    for bytes in [&b""[..], &b"\xef\xbb\xbf"[..], &[0xFF, 0xFE][..]] {
        let decoded = decode_ok(bytes);
        assert_eq!(decoded.text, "");
        assert_eq!(decoded.format, InputFormat::Text);
        assert_eq!(decoded.warnings, vec!["empty file".to_owned()]);
    }
}

#[test]
fn xml_that_is_not_akoma_ntoso_is_plain_text_with_a_warning() {
    let html = "<?xml version=\"1.0\"?>\n<html><body>resolution 70/1</body></html>";
    let decoded = decode_ok(html.as_bytes());
    assert_eq!(decoded.format, InputFormat::Text);
    assert_eq!(decoded.text, html);
    assert_eq!(decoded.warnings.len(), 1, "{:?}", decoded.warnings);
}

// ---------------------------------------------------------------- binary

fn binary_reason(bytes: &[u8]) -> String {
    match decode(bytes) {
        Err(error @ InputError::Binary { .. }) => error.to_string(),
        Err(other) => panic!("expected Binary, got {other}"),
        Ok(decoded) => panic!("expected Binary, got text {:?}", decoded.text),
    }
}

#[test]
fn png_is_rejected_as_binary() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
    let message = binary_reason(png);
    assert!(message.contains("PNG image"), "{message}");
}

#[test]
fn pdf_is_rejected_with_advice_to_run_pdftotext() {
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    let message = binary_reason(pdf);
    assert!(message.contains("PDF"), "{message}");
    assert!(message.contains("pdftotext -enc UTF-8"), "{message}");
}

#[test]
fn nul_bytes_make_a_file_binary() {
    let message = binary_reason(b"resolution 70/1\x00\x00\x03\x04");
    assert!(
        message.contains("NUL bytes (the first at byte 15)"),
        "{message}"
    );
}

#[test]
fn utf16_without_bom_is_rejected_with_a_hint() {
    let bytes = utf16("resolution 70/1 of 25 September 2015", false);
    let message = binary_reason(&bytes[2..]);
    assert!(
        message.contains("UTF-16 without a byte-order mark"),
        "{message}"
    );
}

#[test]
fn mostly_control_characters_make_a_file_binary() {
    let bytes: Vec<u8> = (0..400u32)
        .map(|i| if i % 4 == 0 { b'a' } else { (i % 8 + 1) as u8 })
        .collect();
    let message = binary_reason(&bytes);
    assert!(message.contains("control characters"), "{message}");
}

#[test]
fn form_feeds_from_pdftotext_are_text() {
    let decoded = decode_ok(b"page one\n\x0cpage two\r\n\tresolution 70/1\n");
    assert_eq!(decoded.format, InputFormat::Text);
}

// ---------------------------------------------------------------- Akoma Ntoso: structure

#[test]
fn akoma_ntoso_is_detected_and_read_without_meta() {
    let decoded = en_78_311();
    assert_eq!(decoded.format, InputFormat::AkomaNtoso);
    assert_eq!(decoded.origin_offset, None);
    assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
    assert!(decoded
        .text
        .starts_with("United Nations\n\nA/RES/78/311\n\nGeneral Assembly\n\n"));
    // <meta> holds keywords, sponsors and FRBR URIs; none of it is text to read.
    for meta_only in [
        "ARTIFICIAL INTELLIGENCE",
        "Afghanistan",
        "/akn/un/",
        "24-12313",
    ] {
        assert!(
            !decoded.text.contains(meta_only),
            "meta text leaked: {meta_only}"
        );
    }
    assert!(!decoded.text.contains('<'), "markup leaked into the text");
}

#[test]
fn header_lines_come_first_then_the_enacting_formula() {
    let text = en_78_311().text;
    let expected = [
        "Resolution adopted by the General Assembly on 1 July 2024",
        "[without reference to a Main Committee (A/78/L.86)]",
        "78/311. Enhancing international cooperation on capacity-building of artificial intelligence",
        "The General Assembly,",
    ];
    let mut from = 0;
    for line in expected {
        let needle = format!("\n\n{line}\n\n");
        let at = text[from..]
            .find(&needle)
            .unwrap_or_else(|| panic!("missing or out of order: {line}"));
        from += at + 1;
    }
}

#[test]
fn footnote_text_follows_the_paragraph_with_its_marker() {
    let text = en_78_311().text;
    let paragraph_end = "recalling the Universal Declaration of Human Rights,1";
    let expected = format!(
        "{paragraph_end}\n\n1 Resolution 217 A (III).\n\nReaffirming also its resolution 70/1"
    );
    assert!(
        text.contains(&expected),
        "footnote not right after its paragraph"
    );
}

#[test]
fn arabic_footnote_marker_keeps_its_parentheses_inline() {
    let decoded = decode_ok(&read_fixture("A_RES_77_320-2314929A.xml"));
    assert!(decoded.text.contains("لعام 2030(1)، وإذ تدرك"));
    assert!(decoded.text.contains("\n\n1 () القرار 70/1.\n\n"));
}

#[test]
fn operative_paragraph_numbers_are_kept() {
    let text = en_78_311().text;
    assert!(text.contains("\n\n1. Resolves to bridge the artificial intelligence"));
    assert!(text.contains("\n\n15. Requests the Secretary-General to report"));
    let points = decode_ok(&read_fixture("A_RES_78_213-2326010E.xml")).text;
    assert!(points.contains("\n\n3. Calls upon all Member States:\n\n(a) To consider developing"));
}

#[test]
fn paragraphs_are_whitespace_collapsed_but_keep_non_breaking_spaces() {
    let text = en_78_311().text;
    assert!(text.contains("its resolution 70/1 of 25\u{a0}September 2015, entitled"));
    let body = text.strip_suffix('\n').expect("text ends with one newline");
    for paragraph in body.split("\n\n") {
        assert_eq!(paragraph.trim(), paragraph, "untrimmed: {paragraph:?}");
        assert!(
            !paragraph.contains("  ") && !paragraph.contains('\t') && !paragraph.contains('\n')
        );
    }
    assert!(text.ends_with("97th plenary meeting 1\u{a0}July 2024\n"));
}

#[test]
fn akoma_ntoso_in_utf16_reads_the_same_as_in_utf8() {
    let xml = String::from_utf8(read_fixture("A_RES_78_311-2412313C.xml")).expect("UTF-8 fixture");
    let from_utf8 = decode_ok(xml.as_bytes());
    let from_utf16 = decode_ok(&utf16(&xml, false));
    assert_eq!(from_utf16.format, InputFormat::AkomaNtoso);
    assert_eq!(from_utf16.text, from_utf8.text);
    assert_eq!(from_utf16.meta, from_utf8.meta);
}

/// A small hand-made document: namespace prefix, prolog, ES symbol, notes
/// without marker attributes, links, line breaks.
const SYNTHETIC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<akn:akomaNtoso xmlns:akn="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <akn:statement name="resolution">
    <akn:meta><akn:identification><akn:FRBRWork>
      <akn:FRBRuri value="/akn/un/statement/deliberation/unga/2023-10-26/es-10-21/"/>
      <akn:FRBRdate date="2023-10-27" name="adoption"/>
    </akn:FRBRWork><akn:FRBRExpression>
      <akn:FRBRuri value="/akn/un/statement/deliberation/unga/1999-01-01/99-999/"/>
      <akn:FRBRlanguage language="fra"/>
    </akn:FRBRExpression></akn:identification>
    <akn:keyword value="SECRET" showAs="do not show">meta text</akn:keyword></akn:meta>
    <akn:preface><akn:p><akn:docNumber>ES-10/21.</akn:docNumber>
      <akn:docTitle>Protection   des civils</akn:docTitle></akn:p></akn:preface>
    <akn:preamble><akn:p>  L’Assemblée générale,</akn:p>
      <akn:p>Rappelant sa résolution <akn:a href="x">ES-10/19</akn:a>&#160;du 21 décembre,<akn:authorialNote><akn:p>Voir
        <akn:ref href="y">A/ES-10/L.22</akn:ref>.</akn:p><akn:p>Second paragraph.</akn:p></akn:authorialNote> et
        <akn:i>agissant</akn:i>,</akn:p></akn:preamble>
    <akn:mainBody><akn:paragraph><akn:num>1.</akn:num><akn:content><akn:p>Demande<akn:eol/>une trêve&amp;plus;</akn:p></akn:content></akn:paragraph></akn:mainBody>
  </akn:statement>
</akn:akomaNtoso>"#;

#[test]
fn synthetic_document_reads_as_a_person_reads_it() {
    let decoded = decode_ok(SYNTHETIC.as_bytes());
    assert_eq!(decoded.format, InputFormat::AkomaNtoso);
    let expected = "ES-10/21. Protection des civils\n\n\
                    L’Assemblée générale,\n\n\
                    Rappelant sa résolution ES-10/19\u{a0}du 21 décembre,1 et agissant,\n\n\
                    1 Voir A/ES-10/L.22. Second paragraph.\n\n\
                    1. Demande une trêve&plus;\n";
    assert_eq!(decoded.text, expected);
}

#[test]
fn synthetic_document_metadata_comes_from_the_work_level() {
    let meta = decode_ok(SYNTHETIC.as_bytes()).meta;
    assert_eq!(meta.symbol.as_deref(), Some("A/RES/ES-10/21"));
    assert_eq!(meta.adopted.as_deref(), Some("2023-10-27"));
    assert_eq!(meta.language.as_deref(), Some("fr"));
    assert_eq!(meta.title.as_deref(), Some("Protection des civils"));
}

#[test]
fn symbol_falls_back_to_the_cover_page_doc_number() {
    let xml = r##"<akomaNtoso><statement><coverPage><p><docNumber refersTo="#symbol">A/RES/78/1</docNumber></p></coverPage></statement></akomaNtoso>"##;
    let decoded = decode_ok(xml.as_bytes());
    assert_eq!(decoded.meta.symbol.as_deref(), Some("A/RES/78/1"));
    assert_eq!(decoded.meta.adopted, None);
    assert_eq!(decoded.text, "A/RES/78/1\n");
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 200_000;
    let xml = format!(
        "<akomaNtoso><p>{}deep{}</p></akomaNtoso>",
        "<span>".repeat(depth),
        "</span>".repeat(depth)
    );
    assert_eq!(decode_ok(xml.as_bytes()).text, "deep\n");
}

#[test]
fn legacy_encoding_named_in_the_xml_declaration_is_honoured() {
    let mut bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<akomaNtoso><p>R".to_vec();
    bytes.extend_from_slice(b"\xe9solution 70/1</p></akomaNtoso>");
    let decoded = decode_ok(&bytes);
    assert_eq!(decoded.text, "Résolution 70/1\n");
    assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
}

// ---------------------------------------------------------------- Akoma Ntoso: metadata

#[test]
fn metadata_of_78_311_in_all_six_languages() {
    for (letter, language) in LANGUAGES {
        let name = format!("A_RES_78_311-2412313{letter}.xml");
        let meta = decode_ok(&read_fixture(&name)).meta;
        assert_eq!(meta.symbol.as_deref(), Some("A/RES/78/311"), "{name}");
        assert_eq!(meta.adopted.as_deref(), Some("2024-07-01"), "{name}");
        assert_eq!(meta.language.as_deref(), Some(language), "{name}");
        let title = meta.title.unwrap_or_default();
        assert!(title.chars().count() > 10, "{name}: title {title:?}");
        assert!(
            !title.contains("78/311") && title.trim() == title,
            "{name}: title {title:?}"
        );
    }
    let english = en_78_311().meta.title;
    let expected =
        "Enhancing international cooperation on capacity-building of artificial intelligence";
    assert_eq!(english.as_deref(), Some(expected));
}

// ---------------------------------------------------------------- Akoma Ntoso: against the corpus

/// Paragraphs of a text, whitespace-collapsed, without a leading paragraph
/// number: the corpus texts drop `<num>`, this reader keeps it.
fn paragraph_counts(text: &str, number: &Regex) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for paragraph in text.split("\n\n") {
        let collapsed = paragraph
            .split_ascii_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let bare = number.replace(&collapsed, "").into_owned();
        if !bare.is_empty() {
            *counts.entry(bare).or_insert(0) += 1;
        }
    }
    counts
}

/// (paragraphs in common, corpus paragraphs, our paragraphs), as multisets.
fn overlap(ours: &str, corpus: &str, number: &Regex) -> (usize, usize, usize) {
    let (ours, corpus) = (
        paragraph_counts(ours, number),
        paragraph_counts(corpus, number),
    );
    let common = corpus
        .iter()
        .map(|(p, n)| (*n).min(ours.get(p).copied().unwrap_or(0)))
        .sum();
    (common, corpus.values().sum(), ours.values().sum())
}

#[test]
fn akoma_ntoso_text_matches_the_corpus_paragraphs() {
    let number = Regex::new(r"^(?:\d+\.|\d+ -|\(\w{1,3}\)|\w{1,2}\)) ").expect("valid regex");
    let mut per_language: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for (xml, language, text) in akn_fixtures() {
        let ours = decode_ok(&read_fixture(&xml)).text;
        let corpus =
            std::fs::read_to_string(akn_dir().join("texts").join(&text)).expect("corpus text");
        let (common, in_corpus, in_ours) = overlap(&ours, &corpus, &number);
        // ≥ 95 % both ways: nothing important lost, nothing spurious added.
        assert!(
            common * 100 >= in_corpus * 95,
            "{xml}: {common}/{in_corpus} corpus paragraphs"
        );
        assert!(
            common * 100 >= in_ours * 95,
            "{xml}: {common}/{in_ours} of ours in the corpus"
        );
        let total = per_language.entry(language).or_default();
        *total = (total.0 + common, total.1 + in_corpus, total.2 + in_ours);
    }
    let mut languages: Vec<_> = per_language.into_iter().collect();
    languages.sort();
    for (language, (common, in_corpus, in_ours)) in languages {
        eprintln!("{language}: {common}/{in_corpus} corpus paragraphs found, {common}/{in_ours} of ours in corpus");
    }
}

// ---------------------------------------------------------------- malformed XML

fn xml_error(bytes: &[u8]) -> (String, usize) {
    match decode(bytes) {
        Err(InputError::Xml { message, position }) => (message, position),
        Err(other) => panic!("expected Xml error, got {other}"),
        Ok(decoded) => panic!(
            "expected Xml error, got text of {} bytes",
            decoded.text.len()
        ),
    }
}

#[test]
fn truncated_akoma_ntoso_is_an_error_not_a_panic() {
    let bytes = read_fixture("A_RES_78_311-2412313E.xml");
    let xml = std::str::from_utf8(&bytes).expect("UTF-8 fixture");
    let root_end = xml.rfind("</akomaNtoso>").expect("root end tag");
    for cut in (20..root_end).step_by(997).chain([root_end, xml.len() / 2]) {
        // Cut anywhere, even inside a character: still an error, never a panic.
        xml_error(&bytes[..cut]);
        // Cut on a character boundary, the position lies within what is left.
        let cut = (0..=cut)
            .rev()
            .find(|&i| xml.is_char_boundary(i))
            .unwrap_or(0);
        let (message, position) = xml_error(&bytes[..cut]);
        assert!(
            position <= cut,
            "cut {cut}: position {position} past the end"
        );
        assert!(!message.is_empty());
    }
    let half = (0..=xml.len() / 2)
        .rev()
        .find(|&i| xml.is_char_boundary(i))
        .unwrap_or(0);
    let (message, _) = xml_error(&bytes[..half]);
    assert!(message.contains("not closed"), "{message}");
}

#[test]
fn mismatched_tags_are_an_error_with_a_position() {
    let xml = "<akomaNtoso>\n<statement><p>text</q></statement></akomaNtoso>";
    let (_, position) = xml_error(xml.as_bytes());
    assert_eq!(
        Some(position),
        xml.find("</q>"),
        "points at the wrong end tag"
    );
    let display = decode(xml.as_bytes())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        display.starts_with("malformed Akoma Ntoso XML at byte "),
        "{display}"
    );
}

#[test]
fn unknown_entity_is_an_error() {
    xml_error(b"<akomaNtoso><p>a&nbsp;b</p></akomaNtoso>");
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any bytes: no panic, and a claimed verbatim offset really is one.
    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(decoded) = decode(&bytes) {
            if let Some(offset) = decoded.origin_offset {
                prop_assert_eq!(decoded.text.as_bytes(), &bytes[offset..]);
            }
        }
    }

    /// Arbitrary bytes inside an Akoma Ntoso root exercise the XML path.
    #[test]
    fn decode_never_panics_on_akoma_ntoso(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = b"<akomaNtoso><p>".to_vec();
        bytes.extend_from_slice(&body);
        let _ = decode(&bytes);
    }

    /// Markup-like soup: random tags, entities and text.
    #[test]
    fn decode_never_panics_on_tag_soup(soup in r"<akomaNtoso>(<(/?)(p|num|meta|authorialNote|docTitle|eol)( marker=.1.)?(/?)>|&[a-z#0-9]{0,4};?|[ a-z<>&]){0,40}") {
        let _ = decode(soup.as_bytes());
    }

    /// Plain UTF-8 text comes back verbatim.
    #[test]
    fn plain_text_round_trips(text in r"[^<\p{C}][\PC\n]{0,200}") {
        let decoded = decode(text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(decoded.format, InputFormat::Text);
        prop_assert_eq!(decoded.origin_offset, Some(0));
        prop_assert_eq!(decoded.text, text);
    }
}
