//! No input makes the extractor or the symbol parser panic, and every span
//! it reports lies inside the text, on character boundaries.

use proptest::prelude::*;
use rescite::extract::{extract, Options};
use rescite::vocab::Lang;

/// Pieces of real citations in six scripts, to mix with noise.
const PIECES: &[&str] = &[
    "resolution ",
    "résolution ",
    "resolución ",
    "резолюцию ",
    "القرار ",
    "قراراتها ",
    "第",
    "号决议",
    "号、",
    "决定",
    "70/1",
    "217 A (III)",
    "2334 (2016)",
    "S-26/2",
    "ES-11/1",
    "دإط-11/1",
    "(د-15)",
    "A/RES/70/1",
    " and ",
    " و ",
    "、",
    "“",
    "”",
    "«",
    "»",
    "\u{00A0}",
    "\u{200F}",
    "\u{202B}",
    "-\n",
    "\n\n",
    "７０／１",
    "٧٠/١",
    " of 25 September 2015",
    "1 Resolution ",
    "Security Council ",
    "مجلس الأمن ",
    "人权理事会",
    "Human Rights Council ",
    "A–C",
    " ألف إلى جيم",
];

fn mixed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(PIECES).prop_map(str::to_string),
        any::<String>(),
        "[0-9/()A-Z .,-]{0,12}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) {
    for lang in [None, Some(Lang::En), Some(Lang::Ar), Some(Lang::Zh)] {
        let got = extract(
            text,
            &Options {
                lang,
                own_symbol: None,
                ..Default::default()
            },
        );
        for c in &got.citations {
            assert!(c.start <= c.end && c.end <= text.len());
            assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
            assert_eq!(&text[c.start..c.end], c.matched);
            assert!(c.line >= 1);
        }
        for r in &got.references {
            assert!(
                text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end)
                    && r.end <= text.len()
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn extractor_never_panics_on_mixed_text(text in mixed_text()) {
        check(&text);
    }

    #[test]
    fn extractor_never_panics_on_arbitrary_unicode(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn decoding_then_extracting_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(decoded) = rescite::input::decode(&bytes) {
            check(&decoded.text);
        }
    }

    #[test]
    fn symbol_parser_never_panics(text in mixed_text()) {
        let _ = text.parse::<rescite::Symbol>();
    }
}
