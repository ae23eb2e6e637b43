//! Canonical identifiers of UN resolutions and decisions (docs/design.md §1).
//!
//! A [`Symbol`] is what a graph node is keyed by. It is parsed from canonical
//! symbols (`A/RES/70/1`), from the loose forms people type (`70/1`,
//! `217 A (III)`, `S/RES/2231 (2015)`, `a/res/78/311`) and from document URLs
//! (`https://undocs.org/en/A/RES/70/1`), and always displayed canonically,
//! with no spaces. Part letters (`217 A (III)`, `77/263 A-C`) are not part of
//! the identity: [`parse_with_part`] returns them beside the symbol.
//!
//! This module does no I/O.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The body that adopted a resolution or decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Organ {
    /// General Assembly (`A/RES/…`, `A/DEC/…`).
    #[serde(rename = "GA")]
    GeneralAssembly,
    /// Security Council (`S/RES/…`).
    #[serde(rename = "SC")]
    SecurityCouncil,
    /// Economic and Social Council (`E/RES/…`).
    #[serde(rename = "ECOSOC")]
    EconomicAndSocialCouncil,
    /// Human Rights Council (`A/HRC/RES/…`), since 2006.
    #[serde(rename = "HRC")]
    HumanRightsCouncil,
    /// Commission on Human Rights (`E/CN.4/RES/…`), 1946–2006.
    #[serde(rename = "CHR")]
    CommissionOnHumanRights,
}

impl Organ {
    /// Short code used in JSON and filters: GA, SC, ECOSOC, HRC, CHR.
    pub fn code(self) -> &'static str {
        match self {
            Organ::GeneralAssembly => "GA",
            Organ::SecurityCouncil => "SC",
            Organ::EconomicAndSocialCouncil => "ECOSOC",
            Organ::HumanRightsCouncil => "HRC",
            Organ::CommissionOnHumanRights => "CHR",
        }
    }

    /// Full English name.
    pub fn name(self) -> &'static str {
        match self {
            Organ::GeneralAssembly => "General Assembly",
            Organ::SecurityCouncil => "Security Council",
            Organ::EconomicAndSocialCouncil => "Economic and Social Council",
            Organ::HumanRightsCouncil => "Human Rights Council",
            Organ::CommissionOnHumanRights => "Commission on Human Rights",
        }
    }

    /// Parses a code as printed by [`Organ::code`] (case-insensitive).
    pub fn from_code(code: &str) -> Option<Organ> {
        let all = [
            Organ::GeneralAssembly,
            Organ::SecurityCouncil,
            Organ::EconomicAndSocialCouncil,
            Organ::HumanRightsCouncil,
            Organ::CommissionOnHumanRights,
        ];
        all.into_iter()
            .find(|o| o.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// Resolution or decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Resolution,
    Decision,
}

impl Kind {
    fn infix(self) -> &'static str {
        match self {
            Kind::Resolution => "RES",
            Kind::Decision => "DEC",
        }
    }
}

/// A numbered session of the General Assembly or the Human Rights Council.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Session {
    /// A regular session: `70` in `70/1`.
    Regular(u16),
    /// A special session: `S-26` in `S-26/2`.
    Special(u16),
    /// An emergency special session: `ES-10` in `ES-10/19`.
    Emergency(u16),
}

impl fmt::Display for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Session::Regular(n) => write!(f, "{n}"),
            Session::Special(n) => write!(f, "S-{n}"),
            Session::Emergency(n) => write!(f, "ES-{n}"),
        }
    }
}

/// A session written in Roman numerals in old-style numbers: `(III)`,
/// `(S-VII)`, `(ES-V)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RomanSession {
    Regular(u16),
    Special(u16),
    Emergency(u16),
}

impl fmt::Display for RomanSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RomanSession::Regular(n) => write!(f, "{}", to_roman(*n)),
            RomanSession::Special(n) => write!(f, "S-{}", to_roman(*n)),
            RomanSession::Emergency(n) => write!(f, "ES-{}", to_roman(*n)),
        }
    }
}

/// The canonical identifier of a resolution or decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Symbol {
    /// GA from the 31st session on, and special/emergency sessions from
    /// S-8 and ES-6: `A/RES/70/1`, `A/RES/S-26/2`, `A/DEC/78/541`.
    GaNumbered {
        kind: Kind,
        session: Session,
        number: u32,
    },
    /// GA sessions I–XXX and the early special/emergency sessions:
    /// `A/RES/217(III)`, `A/RES/3362(S-VII)`, `A/RES/2252(ES-V)`.
    GaRoman { number: u32, session: RomanSession },
    /// Security Council: `S/RES/2231(2015)`.
    Sc { number: u32, year: u16 },
    /// ECOSOC from 1978: `E/RES/2023/31`, `E/DEC/2023/201`.
    EcosocYear { kind: Kind, year: u16, number: u32 },
    /// ECOSOC 1946–1977: `E/RES/1296(XLIV)`.
    EcosocRoman { number: u32, session: u16 },
    /// Human Rights Council: `A/HRC/RES/53/29`, `A/HRC/RES/S-35/1`,
    /// `A/HRC/DEC/18/120`.
    Hrc {
        kind: Kind,
        session: Session,
        number: u32,
    },
    /// Commission on Human Rights: `E/CN.4/RES/2005/69`.
    Chr { kind: Kind, year: u16, number: u32 },
}

impl Symbol {
    /// The Security Council's resolution `number` of `year`, with the
    /// checks the parser gives `S/RES/{number}({year})`: `None` for an
    /// implausible year or the number 0.
    pub fn security_council(number: u32, year: u16) -> Option<Symbol> {
        let year = checked_year(year).ok()?;
        checked_number(Symbol::Sc { number, year }).ok()
    }

    /// The organ that adopted it.
    pub fn organ(&self) -> Organ {
        match self {
            Symbol::GaNumbered { .. } | Symbol::GaRoman { .. } => Organ::GeneralAssembly,
            Symbol::Sc { .. } => Organ::SecurityCouncil,
            Symbol::EcosocYear { .. } | Symbol::EcosocRoman { .. } => {
                Organ::EconomicAndSocialCouncil
            }
            Symbol::Hrc { .. } => Organ::HumanRightsCouncil,
            Symbol::Chr { .. } => Organ::CommissionOnHumanRights,
        }
    }

    /// Resolution or decision.
    pub fn kind(&self) -> Kind {
        match self {
            Symbol::GaNumbered { kind, .. }
            | Symbol::EcosocYear { kind, .. }
            | Symbol::Hrc { kind, .. }
            | Symbol::Chr { kind, .. } => *kind,
            Symbol::GaRoman { .. } | Symbol::Sc { .. } | Symbol::EcosocRoman { .. } => {
                Kind::Resolution
            }
        }
    }

    /// The decision of the same numbers as a resolution, or the other way
    /// round (`A/DEC/75/564` for `A/RES/75/564`); `None` for a series
    /// with resolutions alone (the Council's, the old numbering).
    pub fn other_kind(&self) -> Option<Symbol> {
        let flip = |kind: Kind| match kind {
            Kind::Resolution => Kind::Decision,
            Kind::Decision => Kind::Resolution,
        };
        match *self {
            Symbol::GaNumbered {
                kind,
                session,
                number,
            } => Some(Symbol::GaNumbered {
                kind: flip(kind),
                session,
                number,
            }),
            Symbol::Hrc {
                kind,
                session,
                number,
            } => Some(Symbol::Hrc {
                kind: flip(kind),
                session,
                number,
            }),
            Symbol::EcosocYear { kind, year, number } => Some(Symbol::EcosocYear {
                kind: flip(kind),
                year,
                number,
            }),
            Symbol::Chr { kind, year, number } => Some(Symbol::Chr {
                kind: flip(kind),
                year,
                number,
            }),
            Symbol::GaRoman { .. } | Symbol::Sc { .. } | Symbol::EcosocRoman { .. } => None,
        }
    }

    /// The serial number within its session or year (`1` in `70/1`).
    pub fn number(&self) -> u32 {
        match self {
            Symbol::GaNumbered { number, .. }
            | Symbol::GaRoman { number, .. }
            | Symbol::Sc { number, .. }
            | Symbol::EcosocYear { number, .. }
            | Symbol::EcosocRoman { number, .. }
            | Symbol::Hrc { number, .. }
            | Symbol::Chr { number, .. } => *number,
        }
    }

    /// The year the document was adopted, or the year its session opened,
    /// where that follows from the id alone. `None` where it does not
    /// (ECOSOC's old sessions, HRC special sessions).
    pub fn year(&self) -> Option<u16> {
        match *self {
            Symbol::GaNumbered { session, .. } => ga_session_year(session),
            Symbol::GaRoman { session, .. } => match session {
                RomanSession::Regular(n) => Some(1945 + n),
                RomanSession::Special(n) => ga_session_year(Session::Special(n)),
                RomanSession::Emergency(n) => ga_session_year(Session::Emergency(n)),
            },
            Symbol::Sc { year, .. }
            | Symbol::EcosocYear { year, .. }
            | Symbol::Chr { year, .. } => Some(year),
            Symbol::EcosocRoman { .. } => None,
            Symbol::Hrc { session, .. } => match session {
                Session::Regular(n) => Some(hrc_session_year(n)),
                _ => None,
            },
        }
    }

    /// The session in running-text form ("70", "S-26", "III"), or the year
    /// for year-numbered series.
    pub fn session_label(&self) -> String {
        match self {
            Symbol::GaNumbered { session, .. } | Symbol::Hrc { session, .. } => session.to_string(),
            Symbol::GaRoman { session, .. } => session.to_string(),
            Symbol::Sc { year, .. }
            | Symbol::EcosocYear { year, .. }
            | Symbol::Chr { year, .. } => year.to_string(),
            Symbol::EcosocRoman { session, .. } => to_roman(*session),
        }
    }

    /// How the number is written in English running text: `70/1`,
    /// `217 (III)`, `2231 (2015)`.
    pub fn short(&self) -> String {
        match self {
            Symbol::GaNumbered {
                session, number, ..
            }
            | Symbol::Hrc {
                session, number, ..
            } => format!("{session}/{number}"),
            Symbol::GaRoman { number, session } => format!("{number} ({session})"),
            Symbol::Sc { number, year } => format!("{number} ({year})"),
            Symbol::EcosocYear { year, number, .. } | Symbol::Chr { year, number, .. } => {
                format!("{year}/{number}")
            }
            Symbol::EcosocRoman { number, session } => format!("{number} ({})", to_roman(*session)),
        }
    }

    /// The document's address at undocs.org, in the given language
    /// (`en`, `fr`, … ; undocs.org spells Chinese `ch`).
    pub fn url(&self, lang: &str) -> String {
        let lang = if lang == "zh" { "ch" } else { lang };
        format!("https://undocs.org/{lang}/{self}")
    }

    /// Sort key: organ, then chronology, then number, packed into one
    /// integer so that comparing two symbols is one match each and one
    /// comparison (a tuple of six fields, each read by its own match, was
    /// a tenth of the time of building a large graph).
    ///
    /// The fields, from the most significant: organ, year, rank of the
    /// session (regular sessions before special and emergency ones within
    /// a year), session number, number, kind, and last the form of the
    /// symbol, which tells apart the rare ids that agree on everything
    /// else (`A/RES/S-8/1` and `A/RES/1(S-VIII)`): the key is different
    /// for different ids, so the order agrees with `==`.
    pub(crate) fn sort_key(&self) -> u128 {
        let (year, rank, session_no, form) = match *self {
            Symbol::GaNumbered { session, .. } => {
                let (rank, n) = session_rank(session);
                (ga_session_year(session), rank, n, 0)
            }
            Symbol::GaRoman { session, .. } => {
                let (rank, n, year) = match session {
                    RomanSession::Regular(n) => (0, n, Some(1945 + n)),
                    RomanSession::Special(n) => (1, n, ga_session_year(Session::Special(n))),
                    RomanSession::Emergency(n) => (2, n, ga_session_year(Session::Emergency(n))),
                };
                (year, rank, n, 1)
            }
            Symbol::Sc { year, .. } => (Some(year), 0, 0, 2),
            Symbol::EcosocYear { year, .. } => (Some(year), 0, 0, 3),
            // ECOSOC's old sessions ran two a year from 1946: a fair estimate
            // keeps them in order and before the year-numbered series.
            Symbol::EcosocRoman { session, .. } => (Some(1946 + session / 2), 0, session, 4),
            Symbol::Hrc { session, .. } => {
                let (rank, n) = session_rank(session);
                let year = match session {
                    Session::Regular(n) => Some(hrc_session_year(n)),
                    _ => None,
                };
                (year, rank, n, 5)
            }
            Symbol::Chr { year, .. } => (Some(year), 0, 0, 6),
        };
        (self.organ() as u128) << 88
            | u128::from(year.unwrap_or(0)) << 72
            | u128::from(rank) << 64
            | u128::from(session_no) << 48
            | u128::from(self.number()) << 16
            | (self.kind() as u128) << 8
            | form
    }
}

fn session_rank(session: Session) -> (u8, u16) {
    match session {
        Session::Regular(n) => (0, n),
        Session::Special(n) => (1, n),
        Session::Emergency(n) => (2, n),
    }
}

impl Ord for Symbol {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Symbol {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Years in which the GA's special (S-n) and emergency special (ES-n)
/// sessions opened. Source: the DHL research guide's session lists.
const GA_SPECIAL_SESSION_YEARS: [u16; 32] = [
    1947, 1948, 1961, 1963, 1967, 1974, 1975, 1978, 1978, 1978, 1980, 1982, 1986, 1986, 1988, 1989,
    1990, 1990, 1997, 1998, 1999, 1999, 2000, 2000, 2001, 2001, 2002, 2005, 2016, 2016, 2020, 2021,
];
const GA_EMERGENCY_SESSION_YEARS: [u16; 11] = [
    1956, 1956, 1958, 1960, 1967, 1980, 1980, 1981, 1982, 1997, 2022,
];

fn ga_session_year(session: Session) -> Option<u16> {
    match session {
        // The first regular session opened in 1946; one a year since.
        Session::Regular(n) if n >= 1 => Some(1945 + n),
        Session::Special(n) => GA_SPECIAL_SESSION_YEARS
            .get(usize::from(n).checked_sub(1)?)
            .copied(),
        Session::Emergency(n) => GA_EMERGENCY_SESSION_YEARS
            .get(usize::from(n).checked_sub(1)?)
            .copied(),
        Session::Regular(_) => None,
    }
}

/// The HRC held sessions 1–3 in 2006 and three a year from 2007.
fn hrc_session_year(session: u16) -> u16 {
    if session <= 3 {
        2006
    } else {
        2007 + (session - 4) / 3
    }
}

impl fmt::Display for Symbol {
    /// The canonical symbol, as ODS spells it, with no spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Symbol::GaNumbered {
                kind,
                session,
                number,
            } => write!(f, "A/{}/{session}/{number}", kind.infix()),
            Symbol::GaRoman { number, session } => write!(f, "A/RES/{number}({session})"),
            Symbol::Sc { number, year } => write!(f, "S/RES/{number}({year})"),
            Symbol::EcosocYear { kind, year, number } => {
                write!(f, "E/{}/{year}/{number}", kind.infix())
            }
            Symbol::EcosocRoman { number, session } => {
                write!(f, "E/RES/{number}({})", to_roman(*session))
            }
            Symbol::Hrc {
                kind,
                session,
                number,
            } => write!(f, "A/HRC/{}/{session}/{number}", kind.infix()),
            Symbol::Chr { kind, year, number } => {
                write!(f, "E/CN.4/{}/{year}/{number}", kind.infix())
            }
        }
    }
}

impl Serialize for Symbol {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Symbol {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Why a symbol could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SymbolError {
    #[error("empty symbol: expected a resolution such as 70/1, A/RES/70/1, 217 A (III) or S/RES/2231 (2015)")]
    Empty,
    #[error("`{input}` is not a resolution or decision symbol: {reason}; expected e.g. 70/1, A/RES/70/1, 217 A (III), S/RES/2231 (2015), E/RES/2023/31 or A/HRC/RES/53/29")]
    Malformed { input: String, reason: String },
}

fn malformed(input: &str, reason: impl Into<String>) -> SymbolError {
    SymbolError::Malformed {
        input: shortened(input),
        reason: reason.into(),
    }
}

/// `input` as an error message quotes it: its first 60 characters, an
/// ellipsis for the rest (a pasted paragraph is not echoed whole).
fn shortened(input: &str) -> String {
    const SHOWN: usize = 60;
    match input.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &input[..at]),
        None => input.to_string(),
    }
}

impl FromStr for Symbol {
    type Err = SymbolError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_with_part(s).map(|(symbol, _)| symbol)
    }
}

/// Parses a symbol in any accepted form and returns it with its part
/// letters, if any (`"A"`, `"A-C"`).
pub fn parse_with_part(input: &str) -> Result<(Symbol, Option<String>), SymbolError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(SymbolError::Empty);
    }
    let from_url = symbol_from_url(trimmed);
    let text = fold_loose(from_url.as_deref().unwrap_or(trimmed));
    // "resolution 78/311", "decision 75/564", as a text writes them.
    let (decision, text) = strip_kind_word(&text);
    let (series, rest) = match split_series(text) {
        (Series::Bare, rest) if decision => (Series::GaDec, rest),
        found => found,
    };
    parse_series(series, rest).map_err(|reason| match series {
        Series::ScRes if !rest.contains('(') => malformed(
            trimmed,
            "a Security Council symbol gives its year, as S/RES/2231 (2015)",
        ),
        _ => malformed(trimmed, reason),
    })
}

/// The number of a Security Council symbol written without its year
/// ("S/RES/2231", "s/res/2231"), which [`Symbol`] refuses: a question at
/// the terminal may complete it from a graph, where the number alone
/// names one resolution.
pub fn council_number_without_year(input: &str) -> Option<u32> {
    let trimmed = input.trim();
    let from_url = symbol_from_url(trimmed);
    let text = fold_loose(from_url.as_deref().unwrap_or(trimmed));
    let (decision, text) = strip_kind_word(&text);
    match split_series(text) {
        (Series::ScRes, rest) if !decision => {
            let digits = rest.trim();
            let plausible =
                (1..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
            plausible
                .then(|| digits.parse().ok())
                .flatten()
                .filter(|&n| n > 0)
        }
        _ => None,
    }
}

/// `text` (folded) without the word "resolution" or "decision" that may
/// open it, in English, French or Spanish; and whether that word was
/// "decision".
fn strip_kind_word(text: &str) -> (bool, &str) {
    const WORDS: [(&str, bool); 9] = [
        ("RESOLUTION ", false),
        ("RÉSOLUTION ", false),
        ("RESOLUCIÓN ", false),
        ("RES. ", false),
        ("DECISION ", true),
        ("DÉCISION ", true),
        ("DECISIÓN ", true),
        ("DEC. ", true),
        ("DÉC. ", true),
    ];
    // A symbol opens with neither letter (`A/`, `S/`, `E/`, digits).
    if !text.starts_with(['R', 'D']) {
        return (false, text);
    }
    WORDS
        .iter()
        .find_map(|(word, decision)| text.strip_prefix(word).map(|rest| (*decision, rest)))
        .unwrap_or((false, text))
}

/// The series prefix a symbol starts with; it fixes the organ and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Series {
    Bare,
    GaRes,
    GaDec,
    ScRes,
    EcosocRes,
    EcosocDec,
    HrcRes,
    HrcDec,
    ChrRes,
    ChrDec,
}

const SERIES_PREFIXES: [(&str, Series); 9] = [
    ("A/HRC/RES/", Series::HrcRes),
    ("A/HRC/DEC/", Series::HrcDec),
    ("E/CN.4/RES/", Series::ChrRes),
    ("E/CN.4/DEC/", Series::ChrDec),
    ("A/RES/", Series::GaRes),
    ("A/DEC/", Series::GaDec),
    ("S/RES/", Series::ScRes),
    ("E/RES/", Series::EcosocRes),
    ("E/DEC/", Series::EcosocDec),
];

fn split_series(text: &str) -> (Series, &str) {
    SERIES_PREFIXES
        .iter()
        .find_map(|(prefix, series)| text.strip_prefix(prefix).map(|rest| (*series, rest)))
        .unwrap_or((Series::Bare, text))
}

/// Upper-cases, folds dashes and spaces, and drops the spaces around `/`
/// and before `(` so that `a/res/217 A (III)` reads `A/RES/217A(III)`.
fn fold_loose(text: &str) -> String {
    // ASCII without whitespace (a canonical symbol, as the extractor
    // writes them) only needs upper-casing: the foldings below are of
    // other characters and of spaces. The graph builder parses every id
    // of a large corpus, and this was most of the time of a parse.
    if text
        .bytes()
        .all(|b| b.is_ascii() && !char::from(b).is_whitespace())
    {
        return text.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            c if c.is_whitespace() || ('\u{2000}'..='\u{200B}').contains(&c) => out.push(' '),
            // Full-width and Arabic-Indic digits, as a Chinese or Arabic
            // text writes them.
            '０'..='９' => out.push(shifted_digit(c, '０')),
            '٠'..='٩' => out.push(shifted_digit(c, '٠')),
            '۰'..='۹' => out.push(shifted_digit(c, '۰')),
            '（' => out.push('('),
            '）' => out.push(')'),
            '／' => out.push('/'),
            c => out.extend(c.to_uppercase()),
        }
    }
    let collapsed: Vec<&str> = out.split_whitespace().collect();
    let mut joined = collapsed.join(" ");
    for (from, to) in [
        (" /", "/"),
        ("/ ", "/"),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        ("- ", "-"),
        (" -", "-"),
    ] {
        while joined.contains(from) {
            joined = joined.replace(from, to);
        }
    }
    joined
}

/// The ASCII digit of `c`, a digit of the script whose zero is `zero`.
fn shifted_digit(c: char, zero: char) -> char {
    char::from_digit(u32::from(c) - u32::from(zero), 10).unwrap_or(c)
}

/// Reads the symbol out of a document URL: undocs.org/{lang}/SYMBOL,
/// docs.un.org/{lang}/SYMBOL, documents.un.org/api/symbol/access?s=SYMBOL.
fn symbol_from_url(text: &str) -> Option<String> {
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| {
            text.get(..scheme.len())
                .filter(|start| start.eq_ignore_ascii_case(scheme))
                .map(|_| &text[scheme.len()..])
        })
        // A link copied without its scheme: "undocs.org/A/RES/70/1".
        .or_else(|| {
            let host = text.split('/').next()?.to_ascii_lowercase();
            (host.ends_with("undocs.org") || host.ends_with("docs.un.org")).then_some(text)
        })?;
    let (host, path) = rest.split_once('/')?;
    let host = host.to_ascii_lowercase();
    let decoded = percent_decode(path);
    if let Some(query) = decoded.split_once('?').map(|(_, q)| q) {
        if let Some(value) = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("s=").or_else(|| pair.strip_prefix("S=")))
        {
            return Some(value.replace('+', " "));
        }
    }
    if !(host.ends_with("undocs.org") || host.ends_with("docs.un.org")) {
        return None;
    }
    let path = decoded.split(['?', '#']).next().unwrap_or("");
    // Drop a leading language segment (en, fr, es, ru, ar, zh, ch, sp, de).
    let mut segments = path.split('/').filter(|s| !s.is_empty()).peekable();
    if let Some(first) = segments.peek() {
        let is_lang = first.len() == 2 && first.chars().all(|c| c.is_ascii_alphabetic());
        if is_lang {
            segments.next();
        }
    }
    Some(segments.collect::<Vec<_>>().join("/"))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn parse_series(series: Series, rest: &str) -> Result<(Symbol, Option<String>), String> {
    let body = parse_body(rest)?;
    let kind_of = |series: Series| match series {
        Series::GaDec | Series::EcosocDec | Series::HrcDec | Series::ChrDec => Kind::Decision,
        _ => Kind::Resolution,
    };
    let kind = kind_of(series);
    let symbol = match (series, body.numbering) {
        (Series::Bare | Series::GaRes | Series::GaDec, Numbering::Slash { session, number })
            if !(series == Series::Bare && is_year_session(session)) =>
        {
            Symbol::GaNumbered {
                kind,
                session: ga_numbered_session(session)?,
                number,
            }
        }
        (
            Series::Bare | Series::EcosocRes | Series::EcosocDec,
            Numbering::Slash {
                session: Session::Regular(year),
                number,
            },
        ) => Symbol::EcosocYear {
            kind,
            year: checked_year(year)?,
            number,
        },
        (Series::GaRes | Series::Bare, Numbering::Paren(Paren::Roman(session))) => {
            Symbol::GaRoman {
                number: body.number_before_paren()?,
                session,
            }
        }
        (Series::ScRes | Series::Bare, Numbering::Paren(Paren::Year(year))) => Symbol::Sc {
            number: body.number_before_paren()?,
            year: checked_year(year)?,
        },
        (Series::EcosocRes, Numbering::Paren(Paren::Roman(RomanSession::Regular(session)))) => {
            Symbol::EcosocRoman {
                number: body.number_before_paren()?,
                session,
            }
        }
        (Series::HrcRes | Series::HrcDec, Numbering::Slash { session, number }) => Symbol::Hrc {
            kind,
            session: session.checked()?,
            number,
        },
        (
            Series::ChrRes | Series::ChrDec,
            Numbering::Slash {
                session: Session::Regular(year),
                number,
            },
        ) => Symbol::Chr {
            kind,
            year: checked_year(year)?,
            number,
        },
        (series, _) => return Err(format!("this numbering does not fit the {series:?} series")),
    };
    Ok((checked_number(symbol)?, body.part))
}

fn checked_number(symbol: Symbol) -> Result<Symbol, String> {
    if symbol.number() == 0 {
        return Err("a resolution number is never 0".into());
    }
    Ok(symbol)
}

/// Numbers of the form session/number start with the 31st session; the
/// first thirty used `217 (III)`.
fn ga_numbered_session(session: Session) -> Result<Session, String> {
    match session.checked()? {
        Session::Regular(n) if n < 31 => Err(format!(
            "General Assembly sessions before the 31st are written number (session), e.g. 217 (III), not {n}/…"
        )),
        ok => Ok(ok),
    }
}

fn is_year_session(session: Session) -> bool {
    matches!(session, Session::Regular(n) if n >= 1946)
}

fn checked_year(year: u16) -> Result<u16, String> {
    if (1946..=2999).contains(&year) {
        Ok(year)
    } else {
        Err(format!("{year} is not a plausible year"))
    }
}

impl Session {
    fn checked(self) -> Result<Session, String> {
        let n = match self {
            Session::Regular(n) | Session::Special(n) | Session::Emergency(n) => n,
        };
        if n == 0 || n > 999 {
            Err(format!("session {n} is out of range"))
        } else {
            Ok(self)
        }
    }
}

#[derive(Clone, Copy)]
enum Numbering {
    Slash { session: Session, number: u32 },
    Paren(Paren),
}

#[derive(Clone, Copy)]
enum Paren {
    Roman(RomanSession),
    Year(u16),
}

struct Body {
    numbering: Numbering,
    /// The number before `(…)` for old-style symbols.
    leading: Option<u32>,
    part: Option<String>,
}

impl Body {
    fn number_before_paren(&self) -> Result<u32, String> {
        self.leading
            .ok_or_else(|| "missing the number before the parentheses".to_string())
    }
}

/// Parses what follows the series prefix: `70/1`, `70/1A-C`, `S-26/2`,
/// `217A(III)`, `2231(2015)`, `3362(S-VII)`.
fn parse_body(rest: &str) -> Result<Body, String> {
    let rest = rest.trim();
    if let Some(open) = rest.find('(') {
        let close = rest
            .rfind(')')
            .filter(|&c| c > open)
            .ok_or("an opening parenthesis without its closing one")?;
        if !rest[close + 1..].trim().is_empty() {
            return Err(format!(
                "unexpected `{}` after the parentheses",
                &rest[close + 1..]
            ));
        }
        let (number, part) = split_number_and_part(&rest[..open])?;
        let inner = rest[open + 1..close].trim();
        let paren = parse_paren(inner)?;
        return Ok(Body {
            numbering: Numbering::Paren(paren),
            leading: Some(number),
            part,
        });
    }
    let (session_text, tail) = rest
        .split_once('/')
        .ok_or("expected session/number such as 70/1, or number (session) such as 217 (III)")?;
    let session = parse_session(session_text.trim())?;
    let (number, part) = split_number_and_part(tail)?;
    Ok(Body {
        numbering: Numbering::Slash { session, number },
        leading: None,
        part,
    })
}

fn parse_session(text: &str) -> Result<Session, String> {
    let (ctor, digits): (fn(u16) -> Session, &str) = if let Some(d) = text.strip_prefix("ES-") {
        (Session::Emergency, d)
    } else if let Some(d) = text.strip_prefix("S-") {
        (Session::Special, d)
    } else {
        (Session::Regular, text)
    };
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{text}` is not a session number"));
    }
    digits
        .parse()
        .map(ctor)
        .map_err(|_| format!("`{text}` is not a session number"))
}

/// Splits `1A-C` into 1 and "A-C"; `263 A TO C` into 263 and "A-C".
fn split_number_and_part(text: &str) -> Result<(u32, Option<String>), String> {
    let text = text.trim();
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let digits = &text[..digits_end];
    if text.is_empty() {
        return Err("the resolution's number is missing".to_string());
    }
    if digits.is_empty() || digits.len() > 5 {
        return Err(format!("`{text}` does not start with a resolution number"));
    }
    let number: u32 = digits
        .parse()
        .map_err(|_| format!("`{digits}` is not a number"))?;
    let part = parse_part(&text[digits_end..])?;
    Ok((number, part))
}

/// Normalises part letters, as the extractor writes them: "A", "A-C"
/// (from `A TO C`, `A–C`), "A, B" (from `A AND B`).
fn parse_part(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let letters: Vec<&str> = text
        .split(['-', ' ', ','])
        .filter(|w| !w.is_empty() && !matches!(*w, "TO" | "AND"))
        .collect();
    let valid = !letters.is_empty()
        && letters.len() <= 2
        && letters
            .iter()
            .all(|w| w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase()));
    if !valid {
        return Err(format!("`{text}` is not a part letter such as A or A-C"));
    }
    let listed = text.contains("AND") || text.contains(',');
    Ok(Some(letters.join(if listed { ", " } else { "-" })))
}

fn parse_paren(inner: &str) -> Result<Paren, String> {
    if inner.len() == 4 && inner.bytes().all(|b| b.is_ascii_digit()) {
        let year: u16 = inner
            .parse()
            .map_err(|_| format!("`{inner}` is not a year"))?;
        return Ok(Paren::Year(year));
    }
    let (ctor, roman): (fn(u16) -> RomanSession, &str) = if let Some(r) = inner.strip_prefix("ES-")
    {
        (RomanSession::Emergency, r)
    } else if let Some(r) = inner.strip_prefix("S-") {
        (RomanSession::Special, r)
    } else {
        (RomanSession::Regular, inner)
    };
    let value = from_roman(roman)
        .ok_or_else(|| format!("`({inner})` is neither a year nor a Roman session number"))?;
    Ok(Paren::Roman(ctor(value)))
}

/// Roman numeral to number (strict: canonical forms only, up to 3999).
/// Read by bytes, and checked against its canonical spelling without
/// writing it: a list of the digits' values and the written spelling had
/// cost about 400 instructions a session ("217 A (III)").
pub fn from_roman(text: &str) -> Option<u16> {
    if text.is_empty() || text.len() > 15 {
        return None;
    }
    let value_of = |b: u8| match b {
        b'I' => Some(1i32),
        b'V' => Some(5),
        b'X' => Some(10),
        b'L' => Some(50),
        b'C' => Some(100),
        b'D' => Some(500),
        b'M' => Some(1000),
        _ => None,
    };
    let bytes = text.as_bytes();
    let mut total = 0i32;
    for (at, &b) in bytes.iter().enumerate() {
        let value = value_of(b)?;
        let next = match bytes.get(at + 1) {
            Some(&n) => value_of(n)?,
            None => 0,
        };
        if value < next {
            total -= value;
        } else {
            total += value;
        }
    }
    let total = u16::try_from(total).ok().filter(|&t| t > 0 && t < 4000)?;
    // Reject non-canonical spellings such as IIII or VX.
    spells_roman(total, text).then_some(total)
}

/// The Roman digits, largest first, with the subtractive pairs.
const ROMAN_DIGITS: [(u16, &str); 13] = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
];

/// Whether `text` is `to_roman(n)`, read off as it would be written.
fn spells_roman(mut n: u16, text: &str) -> bool {
    let mut rest = text;
    for (value, digits) in ROMAN_DIGITS {
        while n >= value {
            match rest.strip_prefix(digits) {
                Some(after) => rest = after,
                None => return false,
            }
            n -= value;
        }
    }
    rest.is_empty()
}

/// Number to Roman numeral (1..=3999).
pub fn to_roman(mut n: u16) -> String {
    let mut out = String::new();
    for (value, digits) in ROMAN_DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(input: &str) -> String {
        match input.parse::<Symbol>() {
            Ok(s) => s.to_string(),
            Err(e) => panic!("{input}: {e}"),
        }
    }

    #[test]
    fn canonical_forms_of_design_table() {
        for (input, expected) in [
            ("A/RES/70/1", "A/RES/70/1"),
            ("70/1", "A/RES/70/1"),
            ("a/res/78/311", "A/RES/78/311"),
            ("217 A (III)", "A/RES/217(III)"),
            ("A/RES/217 (III)", "A/RES/217(III)"),
            ("A/RES/217A (III)", "A/RES/217(III)"),
            ("1514 (XV)", "A/RES/1514(XV)"),
            ("3362 (S-VII)", "A/RES/3362(S-VII)"),
            ("2252 (ES-V)", "A/RES/2252(ES-V)"),
            ("S-26/2", "A/RES/S-26/2"),
            ("ES-10/19", "A/RES/ES-10/19"),
            ("A/DEC/78/541", "A/DEC/78/541"),
            ("S/RES/2231 (2015)", "S/RES/2231(2015)"),
            ("2231 (2015)", "S/RES/2231(2015)"),
            ("E/RES/2023/31", "E/RES/2023/31"),
            ("2023/31", "E/RES/2023/31"),
            ("E/RES/1296 (XLIV)", "E/RES/1296(XLIV)"),
            ("A/HRC/RES/53/29", "A/HRC/RES/53/29"),
            ("A/hrc/RES/S-35/1", "A/HRC/RES/S-35/1"),
            ("A/HRC/DEC/18/120", "A/HRC/DEC/18/120"),
            ("E/CN.4/RES/2005/69", "E/CN.4/RES/2005/69"),
            ("77/263 A–C", "A/RES/77/263"),
            ("A/RES/72/266a", "A/RES/72/266"),
            ("A/RES/54/237a-c", "A/RES/54/237"),
        ] {
            assert_eq!(canon(input), expected, "{input}");
        }
    }

    #[test]
    fn parts_are_kept_beside_the_id() {
        let part = |s: &str| parse_with_part(s).map(|(_, p)| p).ok().flatten();
        assert_eq!(part("217 A (III)").as_deref(), Some("A"));
        assert_eq!(part("77/263 A–C").as_deref(), Some("A-C"));
        assert_eq!(part("40/257 A to C").as_deref(), Some("A-C"));
        assert_eq!(part("74/92 A and B").as_deref(), Some("A, B"));
        assert_eq!(part("47/54 A and G").as_deref(), Some("A, G"));
        assert_eq!(part("70/1"), None);
    }

    /// The forms a user pastes from a text or a browser: the word before
    /// the number, digits of other scripts, a link without its scheme.
    #[test]
    fn symbols_as_texts_and_browsers_write_them() {
        for (input, expected) in [
            ("resolution 78/311", "A/RES/78/311"),
            ("Resolution 217 A (III)", "A/RES/217(III)"),
            ("résolution 70/1", "A/RES/70/1"),
            ("res. 70/1", "A/RES/70/1"),
            ("decision 75/564", "A/DEC/75/564"),
            ("décision 75/564", "A/DEC/75/564"),
            ("７８／３１１", "A/RES/78/311"),
            ("٧٨/٣١١", "A/RES/78/311"),
            ("۷۸/۳۱۱", "A/RES/78/311"),
            ("undocs.org/en/A/RES/70/1", "A/RES/70/1"),
            ("docs.un.org/en/S/RES/2231(2015)", "S/RES/2231(2015)"),
        ] {
            assert_eq!(canon(input), expected, "{input}");
        }
    }

    /// Errors say what is wrong in words the user wrote, and quote a long
    /// input only in part.
    #[test]
    fn malformed_symbols_are_explained() {
        let reason = |input: &str| input.parse::<Symbol>().map(|_| ()).unwrap_err().to_string();
        assert!(
            reason("S/RES/2231").contains("gives its year"),
            "{}",
            reason("S/RES/2231")
        );
        assert!(
            reason("78/").contains("number is missing"),
            "{}",
            reason("78/")
        );
        let long = "7".repeat(10_000);
        let said = reason(&long);
        assert!(said.len() < 400 && said.contains('…'), "{said}");
    }

    #[test]
    fn urls() {
        for (input, expected) in [
            ("https://undocs.org/en/A/RES/70/1", "A/RES/70/1"),
            ("https://undocs.org/A/RES/70/1", "A/RES/70/1"),
            ("https://undocs.org/ch/A/RES/217(III)", "A/RES/217(III)"),
            (
                "https://docs.un.org/zh/S/RES/2334(2016)",
                "S/RES/2334(2016)",
            ),
            (
                "https://documents.un.org/api/symbol/access?s=A%2FRES%2F78%2F311&l=en&t=pdf",
                "A/RES/78/311",
            ),
            ("https://undocs.org/en/e/res/2008%20(LX)", "E/RES/2008(LX)"),
        ] {
            assert_eq!(canon(input), expected, "{input}");
        }
    }

    #[test]
    fn malformed_inputs_say_what_was_expected() {
        for bad in [
            "",
            "   ",
            "70",
            "70/",
            "/1",
            "A/RES/",
            "217 (IIII)",
            "2231 (15)",
            "hello",
            "70/1/2",
            "A/78/L.86",
            "0/0",
            "S/RES/70/1",
            "217 A (III",
            "70/1 XYZ",
        ] {
            let err = bad.parse::<Symbol>();
            assert!(err.is_err(), "{bad:?} parsed as {:?}", err);
            if !bad.trim().is_empty() {
                assert!(err.unwrap_err().to_string().contains("expected"), "{bad}");
            }
        }
    }

    #[test]
    fn years_follow_from_ids() {
        let year = |s: &str| s.parse::<Symbol>().ok().and_then(|s| s.year());
        assert_eq!(year("70/1"), Some(2015));
        assert_eq!(year("31/1"), Some(1976));
        assert_eq!(year("217 A (III)"), Some(1948));
        assert_eq!(year("1514 (XV)"), Some(1960));
        assert_eq!(year("S-26/2"), Some(2001));
        assert_eq!(year("ES-10/19"), Some(1997));
        assert_eq!(year("ES-11/1"), Some(2022));
        assert_eq!(year("2231 (2015)"), Some(2015));
        assert_eq!(year("A/HRC/RES/53/29"), Some(2023));
        assert_eq!(year("A/HRC/RES/41/8"), Some(2019));
        assert_eq!(year("E/RES/1296 (XLIV)"), None);
    }

    #[test]
    fn ordering_by_organ_then_chronology() {
        let mut ids: Vec<Symbol> = [
            "S/RES/2231(2015)",
            "70/1",
            "217 A (III)",
            "S-26/2",
            "78/311",
            "2252 (ES-V)",
            "E/RES/2020/1",
        ]
        .iter()
        .filter_map(|s| s.parse().ok())
        .collect();
        ids.sort();
        let shown: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            shown,
            [
                "A/RES/217(III)",
                "A/RES/2252(ES-V)",
                "A/RES/S-26/2",
                "A/RES/70/1",
                "A/RES/78/311",
                "S/RES/2231(2015)",
                "E/RES/2020/1"
            ]
        );
    }

    /// The sort key as it was, a tuple, before it was packed into an
    /// integer and given the form of the symbol as a last field.
    fn tuple_key(id: &Symbol) -> (Organ, u16, u8, u16, u32, Kind) {
        let (rank, session_no) = match *id {
            Symbol::GaNumbered { session, .. } | Symbol::Hrc { session, .. } => {
                session_rank(session)
            }
            Symbol::GaRoman { session, .. } => match session {
                RomanSession::Regular(n) => (0, n),
                RomanSession::Special(n) => (1, n),
                RomanSession::Emergency(n) => (2, n),
            },
            Symbol::EcosocRoman { session, .. } => (0, session),
            _ => (0, 0),
        };
        let year = id.year().unwrap_or(match *id {
            Symbol::EcosocRoman { session, .. } => 1946 + session / 2,
            _ => 0,
        });
        (id.organ(), year, rank, session_no, id.number(), id.kind())
    }

    /// Ids of every form, sessions and years across their ranges.
    fn every_form() -> Vec<Symbol> {
        let kinds = [Kind::Resolution, Kind::Decision];
        let mut ids = Vec::new();
        for n in [1u16, 2, 7, 8, 10, 11, 12, 30, 31, 32, 50, 62, 63, 64, 79] {
            for session in [
                Session::Regular(n),
                Session::Special(n),
                Session::Emergency(n),
            ] {
                for number in [1, 2, 300] {
                    for kind in kinds {
                        ids.push(Symbol::GaNumbered {
                            kind,
                            session,
                            number,
                        });
                        ids.push(Symbol::Hrc {
                            kind,
                            session,
                            number,
                        });
                    }
                }
            }
            let roman = [
                RomanSession::Regular(n),
                RomanSession::Special(n),
                RomanSession::Emergency(n),
            ];
            for session in roman {
                ids.push(Symbol::GaRoman { number: 1, session });
                ids.push(Symbol::GaRoman {
                    number: 300,
                    session,
                });
            }
            ids.push(Symbol::EcosocRoman {
                number: 1,
                session: n,
            });
            ids.push(Symbol::EcosocRoman {
                number: 300,
                session: n,
            });
        }
        for year in [
            1946u16, 1947, 1960, 1976, 1977, 1978, 2001, 2006, 2007, 2024,
        ] {
            for number in [1, 2, 300] {
                ids.push(Symbol::Sc { number, year });
                for kind in kinds {
                    ids.push(Symbol::EcosocYear { kind, year, number });
                    ids.push(Symbol::Chr { kind, year, number });
                }
            }
        }
        ids
    }

    #[test]
    fn packed_order_is_the_tuple_order_and_agrees_with_equality() {
        let ids = every_form();
        for a in &ids {
            for b in &ids {
                let (tuple, packed) = (tuple_key(a).cmp(&tuple_key(b)), a.cmp(b));
                if tuple != Ordering::Equal {
                    assert_eq!(packed, tuple, "{a} against {b}");
                }
                assert_eq!(packed == Ordering::Equal, a == b, "{a} against {b}");
            }
        }
        // Two forms the tuple could not tell apart: now two ids, in a
        // fixed order.
        let (numbered, roman): (Symbol, Symbol) =
            match ("A/RES/S-8/1".parse(), "1 (S-VIII)".parse()) {
                (Ok(a), Ok(b)) => (a, b),
                other => panic!("{other:?}"),
            };
        assert_eq!(tuple_key(&numbered), tuple_key(&roman));
        assert_eq!(numbered.cmp(&roman), Ordering::Less);
    }

    /// `fold_loose` without its fast path for plain ASCII.
    fn fold_loose_by_character(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
                c if c.is_whitespace() || ('\u{2000}'..='\u{200B}').contains(&c) => out.push(' '),
                '（' => out.push('('),
                '）' => out.push(')'),
                '／' => out.push('/'),
                c => out.extend(c.to_uppercase()),
            }
        }
        let mut joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
        for (from, to) in [
            (" /", "/"),
            ("/ ", "/"),
            (" (", "("),
            ("( ", "("),
            (" )", ")"),
            ("- ", "-"),
            (" -", "-"),
        ] {
            while joined.contains(from) {
                joined = joined.replace(from, to);
            }
        }
        joined
    }

    #[test]
    fn folding_plain_ascii_is_upper_casing() {
        for text in [
            "",
            "A/RES/70/1",
            "a/res/217a(iii)",
            "S/RES/2231(2015)",
            "e/cn.4/res/2005/69",
            "70/1",
            "A/RES/ 70 /1",
            "217 A (III)",
            "a\u{b}b",
            "x\ty",
            "77/263 A–C",
            "https://undocs.org/en/A/RES/70/1",
        ] {
            assert_eq!(fold_loose(text), fold_loose_by_character(text), "{text:?}");
        }
    }

    #[test]
    fn council_numbers_without_a_year() {
        for (text, number) in [
            ("S/RES/2231", Some(2231)),
            (" s/res/ 1 ", Some(1)),
            ("S/RES/2231 (2015)", None),
            ("S/RES/0", None),
            ("S/RES/12345", None),
            ("S/RES/22a", None),
            ("A/RES/2231", None),
            ("70/1", None),
        ] {
            assert_eq!(council_number_without_year(text), number, "{text}");
        }
    }

    /// Every string of one to five Roman digits reads as the number whose
    /// canonical spelling it is, and as nothing when it is none's.
    #[test]
    fn roman_numerals_read_only_canonical_spellings() {
        let canonical: std::collections::HashMap<String, u16> =
            (1..4000).map(|n| (to_roman(n), n)).collect();
        let digits = b"IVXLCDM";
        let mut read = 0;
        for len in 1..=5u32 {
            for index in 0..7usize.pow(len) {
                let mut rest = index;
                let text: String = (0..len)
                    .map(|_| {
                        let digit = char::from(digits[rest % 7]);
                        rest /= 7;
                        digit
                    })
                    .collect();
                let expected = canonical.get(&text).copied();
                assert_eq!(from_roman(&text), expected, "{text}");
                read += usize::from(expected.is_some());
            }
        }
        assert!(read > 500, "{read}");
    }

    #[test]
    fn roman_numerals_round_trip() {
        for n in 1..=200u16 {
            assert_eq!(from_roman(&to_roman(n)), Some(n));
        }
        assert_eq!(from_roman("IIII"), None);
        assert_eq!(from_roman("VX"), None);
        assert_eq!(from_roman("XLIX"), Some(49));
        assert_eq!(from_roman("MMMCMXCIX"), Some(3999));
        assert_eq!(from_roman("iii"), None);
        assert_eq!(from_roman("ⅠⅡ"), None);
        assert_eq!(from_roman(""), None);
    }
}
