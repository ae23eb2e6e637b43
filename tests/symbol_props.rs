//! parse(display(id)) == id for generated ids, and ordering is total.

use proptest::prelude::*;
use rescite::symbol::{Kind, RomanSession, Session, Symbol};

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![Just(Kind::Resolution), Just(Kind::Decision)]
}

fn session() -> impl Strategy<Value = Session> {
    prop_oneof![
        (31u16..=99).prop_map(Session::Regular),
        (1u16..=40).prop_map(Session::Special),
        (1u16..=12).prop_map(Session::Emergency)
    ]
}

fn symbol() -> impl Strategy<Value = Symbol> {
    prop_oneof![
        (kind(), session(), 1u32..=999).prop_map(|(kind, session, number)| Symbol::GaNumbered {
            kind,
            session,
            number
        }),
        (
            1u32..=3541,
            prop_oneof![
                (1u16..=30).prop_map(RomanSession::Regular),
                (1u16..=7).prop_map(RomanSession::Special),
                (1u16..=5).prop_map(RomanSession::Emergency)
            ]
        )
            .prop_map(|(number, session)| Symbol::GaRoman { number, session }),
        (1u32..=3000, 1946u16..=2030).prop_map(|(number, year)| Symbol::Sc { number, year }),
        (kind(), 1978u16..=2030, 1u32..=400).prop_map(|(kind, year, number)| Symbol::EcosocYear {
            kind,
            year,
            number
        }),
        (1u32..=2200, 1u16..=63)
            .prop_map(|(number, session)| Symbol::EcosocRoman { number, session }),
        (
            kind(),
            prop_oneof![
                (1u16..=60).prop_map(Session::Regular),
                (1u16..=40).prop_map(Session::Special)
            ],
            1u32..=200
        )
            .prop_map(|(kind, session, number)| Symbol::Hrc {
                kind,
                session,
                number
            }),
        (kind(), 1946u16..=2006, 1u32..=120).prop_map(|(kind, year, number)| Symbol::Chr {
            kind,
            year,
            number
        }),
    ]
}

proptest! {
    #[test]
    fn display_then_parse_is_identity(id in symbol()) {
        let shown = id.to_string();
        prop_assert!(!shown.contains(' '));
        let parsed: Symbol = shown.parse().map_err(|e| TestCaseError::fail(format!("{shown}: {e}")))?;
        prop_assert_eq!(parsed, id);
        // Loose forms: lower case, spaced parentheses, undocs.org URL.
        let lower: Symbol = shown.to_lowercase().parse().map_err(|e| TestCaseError::fail(format!("{shown}: {e}")))?;
        prop_assert_eq!(lower, id);
        let spaced: Symbol = shown.replace('(', " (").parse().map_err(|e| TestCaseError::fail(format!("{shown}: {e}")))?;
        prop_assert_eq!(spaced, id);
        let url: Symbol = id.url("fr").parse().map_err(|e| TestCaseError::fail(format!("{shown}: {e}")))?;
        prop_assert_eq!(url, id);
    }

    #[test]
    fn ordering_is_consistent(a in symbol(), b in symbol()) {
        prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
        prop_assert_eq!(a.cmp(&b) == std::cmp::Ordering::Equal, a == b);
    }
}
