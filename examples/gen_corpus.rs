//! A full-size synthetic corpus of UN resolutions, generated
//! deterministically from the statistics of the real record, for the
//! whole-pipeline benchmark (`scripts/bench-pipeline`, docs/performance.md).
//!
//! ```text
//! cargo run --release --example gen_corpus -- --out DIR [--seed N] [--bytes 1G]
//!     [--langs ar,zh,en,fr,ru,es] [--fixtures fixtures]
//! ```
//!
//! What it makes:
//!
//! - **The record**: every resolution of the UN system as a symbol with a
//!   date, about 27,000 of them (../shared/reference/UN-SYMBOLS.md §1 and
//!   §4): General Assembly sessions I–XXX (one running number 1–3541 with
//!   the Roman session, `217 A (III)`), sessions 31–79 (250–340 a session,
//!   `70/1`) and the emergency special sessions ES-10 and ES-11; Security
//!   Council 1–2770 with their years (`2231 (2015)`); ECOSOC's running
//!   numbers with Roman sessions to 1977 (`1296 (XLIV)`) and `year/n` from
//!   1978; the Human Rights Council's sessions 1–57 and special sessions
//!   S-1–S-35 (`41/8`, `S-35/1`).
//! - **The citations**: each resolution cites earlier ones, chosen by
//!   preferential attachment (a document is picked in proportion to the
//!   citations it has already received, plus a head start for the famous
//!   ones: 217 A (III), 70/1, 1514 (XV), 1325 (2000) …) mixed with recent
//!   documents of the cited organ; a median of 9 distinct resolutions cited
//!   by a recent GA text (p90 28), each mentioned 1.6 times on average
//!   (median about 15 mentions).
//! - **The texts**: as many resolutions as fit in `--bytes`, taken in a
//!   seeded random order (so the sample spans the whole record), each in
//!   every language of `--langs`: six files with the same symbol. A text is
//!   the header of a real resolution of its language (layout copied from
//!   fixtures/ga/texts, SC headers in the UN's layout), real paragraphs of
//!   that language from the fixtures (the English Security Council texts of
//!   fixtures/unsc-en for SC resolutions in English) and citation
//!   paragraphs written in the forms the real texts use in that language
//!   ("its resolution 70/1 of 25 September 2015", "sa résolution 70/1 du
//!   25 septembre 2015", "свою резолюцию 70/1 от 25 сентября 2015 года",
//!   "其2015年9月25日第70/1号决议", "قرارها 70/1 المؤرخ 25 أيلول/سبتمبر 2015",
//!   "su resolución 70/1, de 25 de septiembre de 2015", footnotes
//!   "1 Resolution 217 A (III)."). Only fixture paragraphs with no digit at
//!   all are used, so the only citations in a text are the generated ones
//!   and the gold is exact.
//! - `DIR/texts/LANG/ORGAN/LANG_SYMBOL.txt`, `DIR/gold.jsonl` (one line per
//!   file: its symbol and the canonical ids it cites, DESIGN.md §1),
//!   `DIR/manifest.json` (parameters and figures) and `DIR/README.md`.
//!
//! Lengths follow §4 of UN-SYMBOLS.md for recent GA resolutions (English
//! median 11.2 k, p10 3.6 k, p90 41.5 k characters); other languages are
//! scaled by the byte ratio of the fixtures. The lengths of old GA, SC,
//! ECOSOC and HRC texts and the organ mix of citations are estimates,
//! marked as such in the manifest.
//!
//! Deterministic: the same seed, size, languages and fixtures give the same
//! bytes (no clock, no hash map order, no threads). Memory stays small: one
//! text at a time is built and written.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Bump when the output changes for the same parameters.
const GENERATOR_VERSION: u32 = 1;

// ---------------------------------------------------------------------------
// Command line

struct Args {
    out: PathBuf,
    seed: u64,
    bytes: u64,
    langs: Vec<Lang>,
    fixtures: PathBuf,
}

const USAGE: &str = "usage: gen_corpus --out DIR [--seed N] [--bytes SIZE] [--langs ar,zh,en,fr,ru,es] [--fixtures DIR]
  --out DIR        where to write texts/, gold.jsonl, manifest.json, README.md
                   (an existing DIR must be empty or hold an earlier corpus)
  --seed N         random seed (default 1)
  --bytes SIZE     size of the texts to write: 1G, 200M, 500k, 1000000
                   (decimal units; default 1G)
  --langs LIST     languages to write (default all six)
  --fixtures DIR   the real texts used as templates (default: the crate's fixtures/)";

fn parse_args() -> Result<Args, String> {
    let mut out = None;
    let mut seed = 1u64;
    let mut bytes = 1_000_000_000u64;
    let mut langs = Lang::ALL.to_vec();
    let mut fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--bytes" => bytes = parse_size(&value("--bytes")?)?,
            "--langs" => {
                langs = value("--langs")?
                    .split(',')
                    .map(|code| {
                        Lang::from_code(code.trim())
                            .ok_or_else(|| format!("--langs: unknown language `{code}`"))
                    })
                    .collect::<Result<_, _>>()?;
                langs.sort();
                langs.dedup();
            }
            "--fixtures" => fixtures = PathBuf::from(value("--fixtures")?),
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let out = out.ok_or_else(|| format!("--out is required\n{USAGE}"))?;
    if langs.is_empty() {
        return Err("--langs: no language".into());
    }
    Ok(Args {
        out,
        seed,
        bytes,
        langs,
        fixtures,
    })
}

/// `1G`, `200M`, `1.5G`, `500k`, `123`: decimal units.
fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (number, unit) = match t.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => (&t[..i], t[i..].to_ascii_lowercase()),
        None => (t, String::new()),
    };
    let scale: f64 = match unit.trim_end_matches('b') {
        "" => 1.0,
        "k" => 1e3,
        "m" => 1e6,
        "g" => 1e9,
        _ => return Err(format!("--bytes: unknown unit in `{text}`")),
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("--bytes: not a size: `{text}`"))?;
    if value.is_nan() || value <= 0.0 {
        return Err(format!("--bytes: must be positive: `{text}`"));
    }
    Ok((value * scale).round() as u64)
}

// ---------------------------------------------------------------------------
// Languages, organs, symbols

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Lang {
    Ar,
    Zh,
    En,
    Fr,
    Ru,
    Es,
}

impl Lang {
    const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Es => "es",
        }
    }

    fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Organ {
    Ga,
    Sc,
    Ecosoc,
    Hrc,
}

impl Organ {
    const ALL: [Organ; 4] = [Organ::Ga, Organ::Sc, Organ::Ecosoc, Organ::Hrc];

    fn dir(self) -> &'static str {
        match self {
            Organ::Ga => "ga",
            Organ::Sc => "sc",
            Organ::Ecosoc => "ecosoc",
            Organ::Hrc => "hrc",
        }
    }

    fn code(self) -> &'static str {
        match self {
            Organ::Ga => "GA",
            Organ::Sc => "SC",
            Organ::Ecosoc => "ECOSOC",
            Organ::Hrc => "HRC",
        }
    }

    /// Arabic grammar: the Assembly (الجمعية) is feminine, the councils
    /// (مجلس) masculine.
    fn feminine_in_arabic(self) -> bool {
        self == Organ::Ga
    }
}

/// How a resolution is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Num {
    /// GA sessions I–XXX: `217 A (III)`.
    GaOld {
        number: u32,
        session: u16,
        part: bool,
    },
    /// GA from the 31st session: `70/1`.
    Ga { session: u16, number: u32 },
    /// GA emergency special sessions from the 6th: `ES-11/1`.
    GaEs { session: u16, number: u32 },
    /// `2231 (2015)`.
    Sc { number: u32, year: u16 },
    /// ECOSOC to 1977: `1296 (XLIV)`.
    EcoOld { number: u32, session: u16 },
    /// ECOSOC from 1978: `1996/31`.
    Eco { year: u16, number: u32 },
    /// `41/8`.
    Hrc { session: u16, number: u32 },
    /// `S-35/1`.
    HrcSpecial { session: u16, number: u32 },
}

impl Num {
    fn organ(self) -> Organ {
        match self {
            Num::GaOld { .. } | Num::Ga { .. } | Num::GaEs { .. } => Organ::Ga,
            Num::Sc { .. } => Organ::Sc,
            Num::EcoOld { .. } | Num::Eco { .. } => Organ::Ecosoc,
            Num::Hrc { .. } | Num::HrcSpecial { .. } => Organ::Hrc,
        }
    }

    /// The canonical id (DESIGN.md §1).
    fn canonical(self) -> String {
        match self {
            Num::GaOld {
                number, session, ..
            } => format!("A/RES/{number}({})", roman(session)),
            Num::Ga { session, number } => format!("A/RES/{session}/{number}"),
            Num::GaEs { session, number } => format!("A/RES/ES-{session}/{number}"),
            Num::Sc { number, year } => format!("S/RES/{number}({year})"),
            Num::EcoOld { number, session } => format!("E/RES/{number}({})", roman(session)),
            Num::Eco { year, number } => format!("E/RES/{year}/{number}"),
            Num::Hrc { session, number } => format!("A/HRC/RES/{session}/{number}"),
            Num::HrcSpecial { session, number } => format!("A/HRC/RES/S-{session}/{number}"),
        }
    }

    /// The symbol as printed on the document's own header.
    fn header_symbol(self) -> String {
        match self {
            Num::Sc { number, year } => format!("S/RES/{number} ({year})"),
            other => other.canonical(),
        }
    }

    /// A file name stem: `A-RES-217-III`, `S-RES-2231-2015`.
    fn file_stem(self) -> String {
        self.canonical().replace(['/', '('], "-").replace(')', "")
    }

    /// The number as written in running text of `lang`.
    fn short(self, lang: Lang) -> String {
        match self {
            Num::GaOld {
                number,
                session,
                part,
            } => match (lang, part) {
                (Lang::Ar, true) => format!("{number} ألف (د-{session})"),
                (Lang::Ar, false) => format!("{number} (د-{session})"),
                (Lang::Zh, true) => format!("{number} A({})", roman(session)),
                (Lang::Zh, false) => format!("{number}({})", roman(session)),
                (_, true) => format!("{number} A ({})", roman(session)),
                (_, false) => format!("{number} ({})", roman(session)),
            },
            Num::EcoOld { number, session } => match lang {
                Lang::Ar => format!("{number} (د-{session})"),
                Lang::Zh => format!("{number}({})", roman(session)),
                _ => format!("{number} ({})", roman(session)),
            },
            Num::Ga { session, number } | Num::Hrc { session, number } => {
                format!("{session}/{number}")
            }
            Num::GaEs { session, number } => match lang {
                Lang::Ar => format!("دإط-{session}/{number}"),
                _ => format!("ES-{session}/{number}"),
            },
            Num::HrcSpecial { session, number } => match lang {
                Lang::Ar => format!("دإ-{session}/{number}"),
                _ => format!("S-{session}/{number}"),
            },
            Num::Sc { number, year } => match lang {
                Lang::Zh => format!("{number}({year})"),
                _ => format!("{number} ({year})"),
            },
            Num::Eco { year, number } => format!("{year}/{number}"),
        }
    }

    /// The number on the title line ("78/311. Title").
    fn title_number(self) -> String {
        match self {
            Num::GaOld {
                number, session, ..
            } => format!("{number} ({})", roman(session)),
            Num::EcoOld { number, session } => format!("{number} ({})", roman(session)),
            other => other.short(Lang::En),
        }
    }
}

fn roman(mut n: u16) -> String {
    const TABLE: [(u16, &str); 9] = [
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
        (0, ""),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while value > 0 && n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1 January 1900 (enough to add a few days).
    fn ordinal(self) -> u32 {
        let mut days = 0;
        for y in 1900..self.year {
            days += if leap(y) { 366 } else { 365 };
        }
        for m in 1..self.month {
            days += month_len(self.year, m) as u32;
        }
        days + self.day as u32 - 1
    }

    fn from_ordinal(mut days: u32) -> Date {
        let mut year = 1900;
        loop {
            let len = if leap(year) { 366 } else { 365 };
            if days < len {
                break;
            }
            days -= len;
            year += 1;
        }
        let mut month = 1;
        while days >= month_len(year, month) as u32 {
            days -= month_len(year, month) as u32;
            month += 1;
        }
        Date {
            year,
            month,
            day: days as u8 + 1,
        }
    }

    fn plus_days(self, n: u32) -> Date {
        Date::from_ordinal(self.ordinal() + n)
    }
}

fn leap(y: u16) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn month_len(y: u16, m: u8) -> u8 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A uniformly random date between two dates (inclusive).
fn date_between(rng: &mut ChaCha8Rng, from: Date, to: Date) -> Date {
    let (a, b) = (from.ordinal(), to.ordinal().max(from.ordinal()));
    Date::from_ordinal(rng.random_range(a..=b))
}

fn ymd(year: u16, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

// ---------------------------------------------------------------------------
// The record: every resolution as a symbol with a date

struct Doc {
    num: Num,
    date: Date,
    /// Head start in preferential attachment (famous resolutions).
    fame: u32,
}

/// Piecewise-linear interpolation over (x, y) anchors.
fn interpolate(anchors: &[(f64, f64)], x: f64) -> f64 {
    if x <= anchors[0].0 {
        return anchors[0].1;
    }
    for w in anchors.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if x <= x1 {
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
        }
    }
    anchors[anchors.len() - 1].1
}

/// First number of each GA session I–XXX, approximately (anchored on known
/// numbers: 181 (II), 217 (III), 377 (V), 1514 (XV), 2200 (XXI),
/// 2625 (XXV), 2758 (XXVI), 3314 (XXIX), 3379 (XXX); 3541 the last).
const GA_OLD_FIRST: [(f64, f64); 13] = [
    (1.0, 1.0),
    (2.0, 109.0),
    (3.0, 192.0),
    (5.0, 362.0),
    (10.0, 1001.0),
    (15.0, 1478.0),
    (17.0, 1710.0),
    (21.0, 2136.0),
    (25.0, 2556.0),
    (26.0, 2749.0),
    (29.0, 3208.0),
    (30.0, 3362.0),
    (31.0, 3542.0),
];

/// First SC resolution of each year, approximately (exact where the
/// fixtures of fixtures/unsc-en show it).
const SC_FIRST: [(f64, f64); 24] = [
    (1946.0, 1.0),
    (1950.0, 79.0),
    (1955.0, 106.0),
    (1960.0, 133.0),
    (1965.0, 200.0),
    (1967.0, 233.0),
    (1970.0, 277.0),
    (1975.0, 365.0),
    (1980.0, 462.0),
    (1985.0, 560.0),
    (1990.0, 647.0),
    (1991.0, 684.0),
    (1992.0, 726.0),
    (1993.0, 800.0),
    (1994.0, 893.0),
    (1995.0, 978.0),
    (1999.0, 1223.0),
    (2000.0, 1284.0),
    (2001.0, 1334.0),
    (2002.0, 1388.0),
    (2005.0, 1580.0),
    (2010.0, 1903.0),
    (2015.0, 2196.0),
    (2025.0, 2771.0),
];

/// SC meeting numbers by year, approximately.
const SC_MEETING: [(f64, f64); 6] = [
    (1946.0, 1.0),
    (1990.0, 2900.0),
    (2000.0, 4100.0),
    (2010.0, 6200.0),
    (2015.0, 7380.0),
    (2025.0, 9850.0),
];

/// First ECOSOC resolution of each session I–LXIII (1296 (XLIV) in 1968,
/// 2008 (LX) in 1976).
const ECO_OLD_FIRST: [(f64, f64); 4] = [(1.0, 1.0), (44.0, 1280.0), (60.0, 1990.0), (64.0, 2130.0)];

/// Famous resolutions: cited far more than the rest.
const FAMOUS: [(&str, u32); 20] = [
    ("A/RES/217(III)", 400),
    ("A/RES/70/1", 400),
    ("A/RES/1514(XV)", 150),
    ("A/RES/2200(XXI)", 200),
    ("A/RES/2625(XXV)", 60),
    ("A/RES/3314(XXIX)", 20),
    ("A/RES/34/180", 80),
    ("A/RES/44/25", 80),
    ("A/RES/48/134", 60),
    ("A/RES/55/2", 150),
    ("A/RES/60/1", 150),
    ("A/RES/60/251", 150),
    ("A/RES/61/106", 60),
    ("A/RES/61/295", 60),
    ("A/RES/69/313", 120),
    ("S/RES/242(1967)", 60),
    ("S/RES/1325(2000)", 120),
    ("S/RES/1373(2001)", 60),
    ("S/RES/2231(2015)", 30),
    ("A/HRC/RES/5/1", 100),
];

fn build_record(rng: &mut ChaCha8Rng) -> Vec<Doc> {
    let mut docs = Vec::new();
    // General Assembly, sessions I–XXX: one running number, Roman session;
    // a session opens in September of 1945 + session and adopts mostly in
    // the autumn.
    for session in 1u16..=30 {
        let first = interpolate(&GA_OLD_FIRST, session as f64) as u32;
        let next = interpolate(&GA_OLD_FIRST, session as f64 + 1.0) as u32;
        let year = 1945 + session;
        let from = ymd(year, 9, 15);
        let to = ymd(year + 1, 3, 31);
        let mut dates: Vec<Date> = (first..next).map(|_| date_between(rng, from, to)).collect();
        dates.sort();
        for (number, date) in (first..next).zip(dates) {
            let part = number == 217 || number == 2200 || rng.random_bool(0.12);
            docs.push(Doc {
                num: Num::GaOld {
                    number,
                    session,
                    part,
                },
                date,
                fame: 0,
            });
        }
    }
    // Sessions 31–79: 260–340 resolutions each.
    for session in 31u16..=79 {
        let count = rng.random_range(260..=340u32);
        let year = 1945 + session;
        let mut dates: Vec<Date> = (0..count)
            .map(|_| {
                if rng.random_bool(0.8) {
                    date_between(rng, ymd(year, 10, 1), ymd(year, 12, 23))
                } else {
                    date_between(rng, ymd(year + 1, 1, 10), ymd(year + 1, 9, 10))
                }
            })
            .collect();
        dates.sort();
        for (number, date) in (1..=count).zip(dates) {
            docs.push(Doc {
                num: Num::Ga { session, number },
                date,
                fame: 0,
            });
        }
    }
    // Emergency special sessions ES-10 (1997–2024) and ES-11 (2022–2023).
    for (session, count, from, to) in [
        (10u16, 24u32, ymd(1997, 4, 25), ymd(2024, 5, 10)),
        (11, 6, ymd(2022, 3, 2), ymd(2023, 2, 23)),
    ] {
        let mut dates: Vec<Date> = (0..count).map(|_| date_between(rng, from, to)).collect();
        dates.sort();
        for (number, date) in (1..=count).zip(dates) {
            docs.push(Doc {
                num: Num::GaEs { session, number },
                date,
                fame: 0,
            });
        }
    }
    // Security Council: one sequence, years from SC_FIRST.
    for year in 1946u16..=2024 {
        let first = interpolate(&SC_FIRST, year as f64) as u32;
        let next = interpolate(&SC_FIRST, year as f64 + 1.0) as u32;
        let mut dates: Vec<Date> = (first..next)
            .map(|_| date_between(rng, ymd(year, 1, 5), ymd(year, 12, 30)))
            .collect();
        dates.sort();
        for (number, date) in (first..next).zip(dates) {
            docs.push(Doc {
                num: Num::Sc { number, year },
                date,
                fame: 0,
            });
        }
    }
    // ECOSOC: sessions I–LXIII (two a year, 1946–1977), then year/number.
    for session in 1u16..=63 {
        let first = interpolate(&ECO_OLD_FIRST, session as f64) as u32;
        let next = interpolate(&ECO_OLD_FIRST, session as f64 + 1.0) as u32;
        let year = 1946 + (session - 1) / 2;
        let (from, to) = if session % 2 == 1 {
            (ymd(year, 2, 1), ymd(year, 5, 31))
        } else {
            (ymd(year, 7, 1), ymd(year, 8, 31))
        };
        let mut dates: Vec<Date> = (first..next).map(|_| date_between(rng, from, to)).collect();
        dates.sort();
        for (number, date) in (first..next).zip(dates) {
            docs.push(Doc {
                num: Num::EcoOld { number, session },
                date,
                fame: 0,
            });
        }
    }
    for year in 1978u16..=2024 {
        let count = rng.random_range(32..=50u32);
        let mut dates: Vec<Date> = (0..count)
            .map(|_| {
                if rng.random_bool(0.7) {
                    date_between(rng, ymd(year, 7, 1), ymd(year, 7, 31))
                } else {
                    date_between(rng, ymd(year, 2, 1), ymd(year, 6, 30))
                }
            })
            .collect();
        dates.sort();
        for (number, date) in (1..=count).zip(dates) {
            docs.push(Doc {
                num: Num::Eco { year, number },
                date,
                fame: 0,
            });
        }
    }
    // Human Rights Council: three sessions a year from June 2006 (March,
    // June, September), special sessions in between.
    for session in 1u16..=57 {
        let index = session as u32 + 1; // session 1 in June 2006
        let year = 2006 + (index / 3) as u16;
        let month = [3u8, 6, 9][(index % 3) as usize];
        let count = if session <= 4 {
            rng.random_range(5..=20u32)
        } else {
            rng.random_range(25..=45u32)
        };
        let from = ymd(year, month + 1, 1);
        let to = ymd(year, month + 1, 20);
        let mut dates: Vec<Date> = (0..count).map(|_| date_between(rng, from, to)).collect();
        dates.sort();
        for (number, date) in (1..=count).zip(dates) {
            docs.push(Doc {
                num: Num::Hrc { session, number },
                date,
                fame: 0,
            });
        }
    }
    for session in 1u16..=35 {
        let at = ymd(2006, 7, 5).ordinal()
            + (session as u32 - 1) * (ymd(2024, 6, 1).ordinal() - ymd(2006, 7, 5).ordinal()) / 34;
        let count = if rng.random_bool(0.2) { 2 } else { 1 };
        for number in 1..=count {
            docs.push(Doc {
                num: Num::HrcSpecial { session, number },
                date: Date::from_ordinal(at + number - 1),
                fame: 0,
            });
        }
    }
    // Chronological order; ties in a fixed order.
    docs.sort_by(|a, b| {
        (a.date, a.num.organ(), a.num.canonical()).cmp(&(b.date, b.num.organ(), b.num.canonical()))
    });
    let famous: BTreeMap<&str, u32> = FAMOUS.into_iter().collect();
    for doc in &mut docs {
        if let Some(&fame) = famous.get(doc.num.canonical().as_str()) {
            doc.fame = fame;
        }
    }
    docs
}

// ---------------------------------------------------------------------------
// Who cites whom

/// Which organ's resolutions a text of `organ` cites (estimates: the
/// Council cites its own, the Assembly mostly its own, HRC and ECOSOC
/// their own and the Assembly's).
fn organ_mix(organ: Organ) -> [(Organ, f64); 4] {
    match organ {
        Organ::Ga => [
            (Organ::Ga, 0.85),
            (Organ::Sc, 0.06),
            (Organ::Ecosoc, 0.04),
            (Organ::Hrc, 0.05),
        ],
        Organ::Sc => [
            (Organ::Sc, 0.93),
            (Organ::Ga, 0.07),
            (Organ::Ecosoc, 0.0),
            (Organ::Hrc, 0.0),
        ],
        Organ::Ecosoc => [
            (Organ::Ecosoc, 0.55),
            (Organ::Ga, 0.43),
            (Organ::Hrc, 0.02),
            (Organ::Sc, 0.0),
        ],
        Organ::Hrc => [
            (Organ::Hrc, 0.55),
            (Organ::Ga, 0.40),
            (Organ::Sc, 0.03),
            (Organ::Ecosoc, 0.02),
        ],
    }
}

/// Median and spread (log-normal sigma) of the number of distinct
/// resolutions a text cites. Recent GA: median 9, p90 28 (§4); the rest
/// are estimates.
fn citation_count_model(num: Num) -> (f64, f64) {
    match num {
        Num::GaOld { .. } => (2.0, 0.8),
        Num::Ga { session, .. } if session < 50 => (5.0, 0.8),
        Num::Ga { .. } | Num::GaEs { .. } => (9.0, 0.886),
        Num::Sc { year, .. } if year < 1990 => (1.5, 0.8),
        Num::Sc { .. } => (6.0, 0.8),
        Num::EcoOld { .. } => (2.0, 0.8),
        Num::Eco { .. } => (5.0, 0.8),
        Num::Hrc { .. } | Num::HrcSpecial { .. } => (9.0, 0.8),
    }
}

/// English length in bytes: median and log-normal sigma. Recent GA from
/// §4 (median 11.2 k, p10 3.6 k, p90 41.5 k characters); the rest estimates.
fn length_model(num: Num) -> (f64, f64) {
    match num {
        Num::GaOld { .. } => (3500.0, 0.8),
        Num::Ga { session, .. } if session < 50 => (6000.0, 0.85),
        Num::Ga { .. } | Num::GaEs { .. } => (11200.0, 0.95),
        Num::Sc { year, .. } if year < 1990 => (2500.0, 0.7),
        Num::Sc { .. } => (7000.0, 0.8),
        Num::EcoOld { .. } => (3000.0, 0.8),
        Num::Eco { .. } => (5000.0, 0.8),
        Num::Hrc { .. } | Num::HrcSpecial { .. } => (11000.0, 0.9),
    }
}

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    // Box–Muller.
    let u1: f64 = rng.random::<f64>().max(1e-12);
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// What each resolution cites (indices of earlier documents), and the
/// shared latent factor that ties a text's length to its citations.
struct Citations {
    cites: Vec<Vec<u32>>,
    latent: Vec<f64>,
}

fn choose_citations(docs: &[Doc], rng: &mut ChaCha8Rng) -> Citations {
    // One urn per organ: a document appears once when adopted, `fame` more
    // times if famous, and once more each time it is cited.
    let mut urns: [Vec<u32>; 4] = Default::default();
    let mut seen_by_organ: [Vec<u32>; 4] = Default::default();
    let mut cites = Vec::with_capacity(docs.len());
    let mut latent = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let organ = doc.num.organ();
        let z = normal(rng);
        latent.push(z);
        let (median, sigma) = citation_count_model(doc.num);
        let noise = normal(rng);
        let wanted = (median * (sigma * (0.6 * z + 0.8 * noise)).exp()).round() as usize;
        let wanted = wanted.min(98);
        let mut chosen: Vec<u32> = Vec::with_capacity(wanted);
        let mut tries = 0;
        while chosen.len() < wanted && tries < wanted * 20 + 40 {
            tries += 1;
            let target_organ = pick_organ(organ_mix(organ), rng);
            let o = target_organ as usize;
            if urns[o].is_empty() {
                continue;
            }
            let target = if rng.random_bool(0.35) {
                // A recent resolution of that organ.
                let recent = &seen_by_organ[o];
                let window = recent
                    .len()
                    .min(if target_organ == Organ::Ga { 900 } else { 150 });
                recent[recent.len() - 1 - rng.random_range(0..window)]
            } else {
                // Preferential attachment with ageing: a resolution is cited
                // less as it grows old, the famous ones four times slower.
                let t = urns[o][rng.random_range(0..urns[o].len())];
                let cited = &docs[t as usize];
                let age = (doc.date.year - cited.date.year) as f64;
                let scale = if cited.fame == 0 {
                    AGEING_YEARS
                } else {
                    4.0 * AGEING_YEARS
                };
                if !rng.random_bool((-age / scale).exp()) {
                    continue;
                }
                t
            };
            if !chosen.contains(&target) {
                chosen.push(target);
            }
        }
        for &t in &chosen {
            urns[docs[t as usize].num.organ() as usize].push(t);
        }
        let o = organ as usize;
        for _ in 0..=doc.fame {
            urns[o].push(i as u32);
        }
        seen_by_organ[o].push(i as u32);
        cites.push(chosen);
    }
    Citations { cites, latent }
}

/// Characteristic age (years) over which an ordinary resolution's chance
/// of being cited falls by e.
const AGEING_YEARS: f64 = 10.0;

fn pick_organ(mix: [(Organ, f64); 4], rng: &mut ChaCha8Rng) -> Organ {
    let mut x = rng.random::<f64>();
    for (organ, p) in mix {
        if x < p {
            return organ;
        }
        x -= p;
    }
    mix[0].0
}

// ---------------------------------------------------------------------------
// Templates from the real texts

/// What one fixture resolution gives, in one language.
#[derive(Clone, Default)]
struct HeaderTemplate {
    agenda_item: String,
    agenda_title: String,
    committee: String,
    title: String,
    session: u16,
}

struct Pools {
    /// Per language: preambular paragraphs (ending in a comma) and the rest.
    preamble: Vec<Vec<String>>,
    operative: Vec<Vec<String>>,
    /// English Security Council paragraphs (fixtures/unsc-en).
    sc_preamble: Vec<String>,
    sc_operative: Vec<String>,
    /// Per template, per language.
    headers: Vec<[HeaderTemplate; 6]>,
    /// The templates' titles as quoted inside a sentence: inner « » become
    /// „ “ in Russian and “ ” in French, as the UN's typography has it.
    quoted_titles: Vec<[String; 6]>,
    /// Bytes of each language for one byte of English (fixtures/ga).
    ratio: [f64; 6],
    fixture_files: usize,
}

fn has_digit(text: &str) -> bool {
    text.chars().any(|c| c.is_numeric())
}

fn split_paragraphs(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn is_preambular(paragraph: &str) -> bool {
    paragraph.trim_end().ends_with([',', '，', '،'])
}

/// "78/311. Title" (the Arabic texts have no full stop).
fn title_line(line: &str) -> Option<(u16, String)> {
    let t = line.trim();
    let slash = t.find('/')?;
    let session: u16 = t[..slash].parse().ok()?;
    let rest = &t[slash + 1..];
    let digits = rest.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 {
        return None;
    }
    let title = rest[digits..].trim_start_matches(['.', '．']).trim();
    (!title.is_empty()).then(|| (session, title.to_string()))
}

fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    Ok(paths)
}

fn load_pools(fixtures: &Path) -> Result<Pools, String> {
    let ga = fixtures.join("ga/texts");
    let mut preamble = vec![Vec::new(); 6];
    let mut operative = vec![Vec::new(); 6];
    let mut bytes = [0usize; 6];
    let mut headers: BTreeMap<String, [Option<HeaderTemplate>; 6]> = BTreeMap::new();
    let mut fixture_files = 0;
    for path in read_dir_sorted(&ga)? {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let Some(lang) = name.get(..2).and_then(Lang::from_code) else {
            continue;
        };
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        fixture_files += 1;
        bytes[lang.index()] += text.len();
        let paragraphs = split_paragraphs(&text);
        // The header runs to the title line; the opening line follows it.
        let Some(title_at) = paragraphs
            .iter()
            .take(20)
            .position(|p| title_line(p).is_some())
        else {
            continue;
        };
        if title_at >= 4 {
            let (session, title) = title_line(&paragraphs[title_at]).expect("found above");
            let template = HeaderTemplate {
                agenda_item: paragraphs[title_at - 4].clone(),
                agenda_title: paragraphs[title_at - 3].clone(),
                committee: paragraphs[title_at - 1].clone(),
                title,
                session,
            };
            let key = name[3..].to_string();
            headers.entry(key).or_default()[lang.index()] = Some(template);
        }
        for p in paragraphs.iter().skip(title_at + 2) {
            if has_digit(p) || p.chars().count() < 40 {
                continue;
            }
            if is_preambular(p) {
                preamble[lang.index()].push(p.clone());
            } else {
                operative[lang.index()].push(p.clone());
            }
        }
    }
    // Templates: resolutions found in all six languages whose titles have
    // no digit (so a quoted title can never look like a citation).
    let headers: Vec<[HeaderTemplate; 6]> = headers
        .into_values()
        .filter_map(|langs| {
            if langs
                .iter()
                .any(|t| t.as_ref().is_none_or(|t| has_digit(&t.title)))
            {
                return None;
            }
            Some(langs.map(|t| t.expect("checked")))
        })
        .collect();
    if headers.is_empty() {
        return Err(format!(
            "{}: no resolution found in all six languages",
            ga.display()
        ));
    }
    let mut sc_preamble = Vec::new();
    let mut sc_operative = Vec::new();
    let sc = fixtures.join("unsc-en");
    for path in read_dir_sorted(&sc)? {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        fixture_files += 1;
        for p in split_paragraphs(&text) {
            // Operative paragraphs are numbered: "1. Decides …".
            let body = match p.split_once(". ") {
                Some((n, rest))
                    if n.trim().chars().all(|c| c.is_ascii_digit()) && !n.is_empty() =>
                {
                    rest.to_string()
                }
                _ => p.clone(),
            };
            let upper = body.chars().filter(|c| c.is_uppercase()).count();
            if has_digit(&body)
                || body.chars().count() < 60
                || upper * 2 > body.chars().filter(|c| c.is_alphabetic()).count()
                || body.contains("Adopted")
                || body.contains("meeting")
            {
                continue;
            }
            if is_preambular(&body) {
                sc_preamble.push(body);
            } else {
                sc_operative.push(body);
            }
        }
    }
    for (lang, pool) in Lang::ALL.iter().zip(preamble.iter().zip(&operative)) {
        if pool.0.is_empty() || pool.1.is_empty() {
            return Err(format!(
                "{}: no paragraphs in {}",
                ga.display(),
                lang.code()
            ));
        }
    }
    if sc_preamble.is_empty() || sc_operative.is_empty() {
        return Err(format!("{}: no Security Council paragraphs", sc.display()));
    }
    let quoted_titles = headers
        .iter()
        .map(|langs| {
            Lang::ALL.map(|lang| {
                let title = &langs[lang.index()].title;
                match lang {
                    Lang::Ru => title.replace('«', "„").replace('»', "“"),
                    Lang::Fr => title
                        .replace("«\u{a0}", "“")
                        .replace("\u{a0}»", "”")
                        .replace('«', "“")
                        .replace('»', "”"),
                    _ => title.clone(),
                }
            })
        })
        .collect();
    let en = bytes[Lang::En.index()].max(1) as f64;
    let ratio = bytes.map(|b| if b == 0 { 1.0 } else { b as f64 / en });
    Ok(Pools {
        preamble,
        operative,
        sc_preamble,
        sc_operative,
        headers,
        quoted_titles,
        ratio,
        fixture_files,
    })
}

// ---------------------------------------------------------------------------
// Words of each language

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_AR: [&str; 12] = [
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
];

/// A date as running text writes it.
fn date_text(lang: Lang, d: Date) -> String {
    let m = d.month as usize - 1;
    match lang {
        Lang::En => format!("{} {} {}", d.day, MONTHS_EN[m], d.year),
        Lang::Fr if d.day == 1 => format!("1er {} {}", MONTHS_FR[m], d.year),
        Lang::Fr => format!("{} {} {}", d.day, MONTHS_FR[m], d.year),
        Lang::Es => format!("{} de {} de {}", d.day, MONTHS_ES[m], d.year),
        Lang::Ru => format!("{} {} {} года", d.day, MONTHS_RU[m], d.year),
        Lang::Ar => format!("{} {} {}", d.day, MONTHS_AR[m], d.year),
        Lang::Zh => format!("{}年{}月{}日", d.year, d.month, d.day),
    }
}

/// The issue date under "Distr.": English except in French and Spanish
/// texts, as in the fixtures.
fn distr_date(lang: Lang, d: Date) -> String {
    match lang {
        Lang::Fr | Lang::Es => date_text(lang, d),
        _ => date_text(Lang::En, d),
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// "Seventy-eighth", "Soixante-dix-huitième", "Septuagésimo octavo",
/// "Семьдесят восьмая", "الثامنة والسبعون", "七十八" (1–99).
fn ordinal(lang: Lang, n: u16) -> String {
    let n = n.clamp(1, 99) as usize;
    let (tens, units) = (n / 10, n % 10);
    match lang {
        Lang::En => {
            const UNITS: [&str; 10] = [
                "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                "ninth",
            ];
            const TEENS: [&str; 10] = [
                "tenth",
                "eleventh",
                "twelfth",
                "thirteenth",
                "fourteenth",
                "fifteenth",
                "sixteenth",
                "seventeenth",
                "eighteenth",
                "nineteenth",
            ];
            const TENS: [&str; 10] = [
                "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                "ninety",
            ];
            const TENTHS: [&str; 10] = [
                "",
                "",
                "twentieth",
                "thirtieth",
                "fortieth",
                "fiftieth",
                "sixtieth",
                "seventieth",
                "eightieth",
                "ninetieth",
            ];
            let word = match (tens, units) {
                (0, u) => UNITS[u].to_string(),
                (1, u) => TEENS[u].to_string(),
                (t, 0) => TENTHS[t].to_string(),
                (t, u) => format!("{}-{}", TENS[t], UNITS[u]),
            };
            capitalize(&word)
        }
        Lang::Fr => {
            if n == 1 {
                return "Première".into();
            }
            let cardinal = french_cardinal(n);
            let (head, last) = match cardinal.rfind(['-', ' ']) {
                Some(i) => (&cardinal[..=i], &cardinal[i + 1..]),
                None => ("", cardinal.as_str()),
            };
            let last = match last {
                "un" => "unième".to_string(),
                "cinq" => "cinquième".to_string(),
                "neuf" => "neuvième".to_string(),
                "vingts" => "vingtième".to_string(),
                w if w.ends_with('e') => format!("{}ième", &w[..w.len() - 1]),
                w => format!("{w}ième"),
            };
            capitalize(&format!("{head}{last}"))
        }
        Lang::Es => {
            const UNITS: [&str; 10] = [
                "", "primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo",
                "octavo", "noveno",
            ];
            const TEENS: [&str; 10] = [
                "décimo",
                "undécimo",
                "duodécimo",
                "decimotercer",
                "decimocuarto",
                "decimoquinto",
                "decimosexto",
                "decimoséptimo",
                "decimoctavo",
                "decimonoveno",
            ];
            const TENS: [&str; 10] = [
                "",
                "",
                "vigésimo",
                "trigésimo",
                "cuadragésimo",
                "quincuagésimo",
                "sexagésimo",
                "septuagésimo",
                "octogésimo",
                "nonagésimo",
            ];
            let word = match (tens, units) {
                (0, u) => UNITS[u].to_string(),
                (1, u) => TEENS[u].to_string(),
                (t, 0) => TENS[t].to_string(),
                (t, u) => format!("{} {}", TENS[t], UNITS[u]),
            };
            capitalize(&word)
        }
        Lang::Ru => {
            const UNITS: [&str; 10] = [
                "",
                "первая",
                "вторая",
                "третья",
                "четвертая",
                "пятая",
                "шестая",
                "седьмая",
                "восьмая",
                "девятая",
            ];
            const TEENS: [&str; 10] = [
                "десятая",
                "одиннадцатая",
                "двенадцатая",
                "тринадцатая",
                "четырнадцатая",
                "пятнадцатая",
                "шестнадцатая",
                "семнадцатая",
                "восемнадцатая",
                "девятнадцатая",
            ];
            const TENS: [&str; 10] = [
                "",
                "",
                "двадцать",
                "тридцать",
                "сорок",
                "пятьдесят",
                "шестьдесят",
                "семьдесят",
                "восемьдесят",
                "девяносто",
            ];
            const TENTHS: [&str; 10] = [
                "",
                "",
                "двадцатая",
                "тридцатая",
                "сороковая",
                "пятидесятая",
                "шестидесятая",
                "семидесятая",
                "восьмидесятая",
                "девяностая",
            ];
            let word = match (tens, units) {
                (0, u) => UNITS[u].to_string(),
                (1, u) => TEENS[u].to_string(),
                (t, 0) => TENTHS[t].to_string(),
                (t, u) => format!("{} {}", TENS[t], UNITS[u]),
            };
            capitalize(&word)
        }
        Lang::Ar => {
            const UNITS: [&str; 10] = [
                "",
                "الأولى",
                "الثانية",
                "الثالثة",
                "الرابعة",
                "الخامسة",
                "السادسة",
                "السابعة",
                "الثامنة",
                "التاسعة",
            ];
            const TENS: [&str; 10] = [
                "",
                "",
                "العشرون",
                "الثلاثون",
                "الأربعون",
                "الخمسون",
                "الستون",
                "السبعون",
                "الثمانون",
                "التسعون",
            ];
            let unit = |u: usize| if u == 1 { "الحادية" } else { UNITS[u] };
            match (tens, units) {
                (0, u) => UNITS[u].to_string(),
                (1, 0) => "العاشرة".to_string(),
                (1, u) => format!("{} عشرة", unit(u)),
                (t, 0) => TENS[t].to_string(),
                (t, u) => format!("{} و{}", unit(u), TENS[t]),
            }
        }
        Lang::Zh => chinese_number(n),
    }
}

fn french_cardinal(n: usize) -> String {
    const SMALL: [&str; 17] = [
        "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
        "douze", "treize", "quatorze", "quinze", "seize",
    ];
    const TENS: [&str; 7] = [
        "",
        "",
        "vingt",
        "trente",
        "quarante",
        "cinquante",
        "soixante",
    ];
    match n {
        0..=16 => SMALL[n].to_string(),
        17..=19 => format!("dix-{}", SMALL[n - 10]),
        20..=69 => {
            let (t, u) = (n / 10, n % 10);
            match u {
                0 => TENS[t].to_string(),
                1 => format!("{} et un", TENS[t]),
                _ => format!("{}-{}", TENS[t], SMALL[u]),
            }
        }
        70..=79 => match n - 60 {
            11 => "soixante et onze".to_string(),
            r => format!("soixante-{}", french_cardinal(r)),
        },
        80 => "quatre-vingts".to_string(),
        _ => format!("quatre-vingt-{}", french_cardinal(n - 80)),
    }
}

fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match (n / 10, n % 10) {
        (0, u) => DIGITS[u].to_string(),
        (1, u) => format!("十{}", DIGITS[u]),
        (t, u) => format!("{}十{}", DIGITS[t], DIGITS[u]),
    }
}

fn english_ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// Name of an organ, in the nominative as on a header.
fn organ_name(lang: Lang, organ: Organ) -> &'static str {
    match (lang, organ) {
        (Lang::En, Organ::Ga) => "General Assembly",
        (Lang::En, Organ::Sc) => "Security Council",
        (Lang::En, Organ::Ecosoc) => "Economic and Social Council",
        (Lang::En, Organ::Hrc) => "Human Rights Council",
        (Lang::Fr, Organ::Ga) => "Assemblée générale",
        (Lang::Fr, Organ::Sc) => "Conseil de sécurité",
        (Lang::Fr, Organ::Ecosoc) => "Conseil économique et social",
        (Lang::Fr, Organ::Hrc) => "Conseil des droits de l’homme",
        (Lang::Es, Organ::Ga) => "Asamblea General",
        (Lang::Es, Organ::Sc) => "Consejo de Seguridad",
        (Lang::Es, Organ::Ecosoc) => "Consejo Económico y Social",
        (Lang::Es, Organ::Hrc) => "Consejo de Derechos Humanos",
        (Lang::Ru, Organ::Ga) => "Генеральная Ассамблея",
        (Lang::Ru, Organ::Sc) => "Совет Безопасности",
        (Lang::Ru, Organ::Ecosoc) => "Экономический и Социальный Совет",
        (Lang::Ru, Organ::Hrc) => "Совет по правам человека",
        (Lang::Ar, Organ::Ga) => "الجمعية العامة",
        (Lang::Ar, Organ::Sc) => "مجلس الأمن",
        (Lang::Ar, Organ::Ecosoc) => "المجلس الاقتصادي والاجتماعي",
        (Lang::Ar, Organ::Hrc) => "مجلس حقوق الإنسان",
        (Lang::Zh, Organ::Ga) => "大会",
        (Lang::Zh, Organ::Sc) => "安全理事会",
        (Lang::Zh, Organ::Ecosoc) => "经济及社会理事会",
        (Lang::Zh, Organ::Hrc) => "人权理事会",
    }
}

/// "of the Security Council" after a resolution number: French `du …`,
/// Spanish `del …`, Russian genitive.
fn organ_of(lang: Lang, organ: Organ) -> &'static str {
    match (lang, organ) {
        (Lang::Fr, Organ::Ga) => "de l’Assemblée générale",
        (Lang::Fr, Organ::Sc) => "du Conseil de sécurité",
        (Lang::Fr, Organ::Ecosoc) => "du Conseil économique et social",
        (Lang::Fr, Organ::Hrc) => "du Conseil des droits de l’homme",
        (Lang::Es, Organ::Ga) => "de la Asamblea General",
        (Lang::Es, Organ::Sc) => "del Consejo de Seguridad",
        (Lang::Es, Organ::Ecosoc) => "del Consejo Económico y Social",
        (Lang::Es, Organ::Hrc) => "del Consejo de Derechos Humanos",
        (Lang::Ru, Organ::Ga) => "Генеральной Ассамблеи",
        (Lang::Ru, Organ::Sc) => "Совета Безопасности",
        (Lang::Ru, Organ::Ecosoc) => "Экономического и Социального Совета",
        (Lang::Ru, Organ::Hrc) => "Совета по правам человека",
        (lang, organ) => organ_name(lang, organ),
    }
}

fn opening(lang: Lang, organ: Organ) -> String {
    match (lang, organ) {
        (Lang::En, _) => format!("The {},", organ_name(lang, organ)),
        (Lang::Fr, Organ::Ga) => "L’Assemblée générale,".into(),
        (Lang::Fr, _) => format!("Le {},", organ_name(lang, organ)),
        (Lang::Es, Organ::Ga) => "La Asamblea General,".into(),
        (Lang::Es, _) => format!("El {},", organ_name(lang, organ)),
        (Lang::Ru, _) => format!("{},", organ_name(lang, organ)),
        (Lang::Ar, _) => format!("إن {}،", organ_name(lang, organ)),
        (Lang::Zh, _) => format!("{}，", organ_name(lang, organ)),
    }
}

fn united_nations(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "United Nations",
        Lang::Fr => "Nations Unies",
        Lang::Es => "Naciones Unidas",
        Lang::Ru => "Организация Объединенных Наций",
        Lang::Ar => "الأمــم المتحـدة",
        Lang::Zh => "联合国",
    }
}

fn distr(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Distr. générale",
        Lang::Es => "Distr. general",
        _ => "Distr.: General",
    }
}

/// "Seventy-eighth session", "Eleventh emergency special session",
/// "2019 session".
fn session_line(lang: Lang, num: Num) -> String {
    enum Kind {
        Regular(u16),
        Emergency(u16),
        Special(u16),
        Year(u16),
    }
    let kind = match num {
        Num::GaOld { session, .. } | Num::EcoOld { session, .. } => Kind::Regular(session),
        Num::Ga { session, .. } | Num::Hrc { session, .. } => Kind::Regular(session),
        Num::GaEs { session, .. } => Kind::Emergency(session),
        Num::HrcSpecial { session, .. } => Kind::Special(session),
        Num::Eco { year, .. } | Num::Sc { year, .. } => Kind::Year(year),
    };
    match (lang, kind) {
        (Lang::En, Kind::Regular(s)) => format!("{} session", ordinal(lang, s)),
        (Lang::En, Kind::Emergency(s)) => format!("{} emergency special session", ordinal(lang, s)),
        (Lang::En, Kind::Special(s)) => format!("{} special session", ordinal(lang, s)),
        (Lang::En, Kind::Year(y)) => format!("{y} session"),
        (Lang::Fr, Kind::Regular(s)) => format!("{} session", ordinal(lang, s)),
        (Lang::Fr, Kind::Emergency(s)) => {
            format!("{} session extraordinaire d’urgence", ordinal(lang, s))
        }
        (Lang::Fr, Kind::Special(s)) => format!("{} session extraordinaire", ordinal(lang, s)),
        (Lang::Fr, Kind::Year(y)) => format!("Session de {y}"),
        (Lang::Es, Kind::Regular(s)) => format!("{} período de sesiones", ordinal(lang, s)),
        (Lang::Es, Kind::Emergency(s)) => format!(
            "{} período extraordinario de sesiones de emergencia",
            ordinal(lang, s)
        ),
        (Lang::Es, Kind::Special(s)) => {
            format!("{} período extraordinario de sesiones", ordinal(lang, s))
        }
        (Lang::Es, Kind::Year(y)) => format!("Período de sesiones de {y}"),
        (Lang::Ru, Kind::Regular(s)) => format!("{} сессия", ordinal(lang, s)),
        (Lang::Ru, Kind::Emergency(s)) => {
            format!("{} чрезвычайная специальная сессия", ordinal(lang, s))
        }
        (Lang::Ru, Kind::Special(s)) => format!("{} специальная сессия", ordinal(lang, s)),
        (Lang::Ru, Kind::Year(y)) => format!("Сессия {y} года"),
        (Lang::Ar, Kind::Regular(s)) => format!("الدورة {}", ordinal(lang, s)),
        (Lang::Ar, Kind::Emergency(s)) => format!("الدورة الاستثنائية الطارئة {}", ordinal(lang, s)),
        (Lang::Ar, Kind::Special(s)) => format!("الدورة الاستثنائية {}", ordinal(lang, s)),
        (Lang::Ar, Kind::Year(y)) => format!("دورة عام {y}"),
        (Lang::Zh, Kind::Regular(s)) => format!("第{}届会议", ordinal(lang, s)),
        (Lang::Zh, Kind::Emergency(s)) => format!("第{}届紧急特别会议", ordinal(lang, s)),
        (Lang::Zh, Kind::Special(s)) => format!("第{}届特别会议", ordinal(lang, s)),
        (Lang::Zh, Kind::Year(y)) => format!("{y}年届会"),
    }
}

/// "Resolution adopted by the General Assembly on 1 July 2024".
fn adopted_line(lang: Lang, organ: Organ, date: Date) -> String {
    let d = date_text(lang, date);
    match (lang, organ) {
        (Lang::En, _) => format!(
            "Resolution adopted by the {} on {d}",
            organ_name(lang, organ)
        ),
        (Lang::Fr, Organ::Ga) => format!("Résolution adoptée par l’Assemblée générale le {d}"),
        (Lang::Fr, _) => format!(
            "Résolution adoptée par le {} le {d}",
            organ_name(lang, organ)
        ),
        (Lang::Es, Organ::Ga) => format!("Resolución aprobada por la Asamblea General el {d}"),
        (Lang::Es, _) => format!(
            "Resolución aprobada por el {} el {d}",
            organ_name(lang, organ)
        ),
        (Lang::Ru, Organ::Ga) => format!("Резолюция, принятая Генеральной Ассамблеей {d}"),
        (Lang::Ru, Organ::Ecosoc) => {
            format!("Резолюция, принятая Экономическим и Социальным Советом {d}")
        }
        (Lang::Ru, _) => format!("Резолюция, принятая Советом по правам человека {d}"),
        (Lang::Ar, Organ::Ga) => format!("قرار اتخذته الجمعية العامة في {d}"),
        (Lang::Ar, _) => format!("قرار اتخذه {} في {d}", organ_name(lang, organ)),
        (Lang::Zh, Organ::Ga) => format!("{d}大会决议"),
        (Lang::Zh, _) => format!("{d}{}通过的决议", organ_name(lang, organ)),
    }
}

/// The Security Council's heading lines: "Resolution 2231 (2015)" and
/// "Adopted by the Security Council at its 7488th meeting, on 20 July 2015".
fn sc_heading(lang: Lang, number: u32, year: u16, meeting: u32, date: Date) -> (String, String) {
    let d = date_text(lang, date);
    match lang {
        Lang::En => (
            format!("Resolution {number} ({year})"),
            format!(
                "Adopted by the Security Council at its {meeting}{} meeting, on {d}",
                english_ordinal_suffix(meeting)
            ),
        ),
        Lang::Fr => (
            format!("Résolution {number} ({year})"),
            format!("Adoptée par le Conseil de sécurité à sa {meeting}e séance, le {d}"),
        ),
        Lang::Es => (
            format!("Resolución {number} ({year})"),
            format!(
                "Aprobada por el Consejo de Seguridad en su {meeting}ª sesión, celebrada el {d}"
            ),
        ),
        Lang::Ru => (
            format!("Резолюция {number} ({year}),"),
            format!("принятая Советом Безопасности на его {meeting}-м заседании {d}"),
        ),
        Lang::Ar => (
            format!("القرار {number} ({year})"),
            format!("الذي اتخذه مجلس الأمن في جلسته {meeting} المعقودة في {d}"),
        ),
        Lang::Zh => (
            format!("第{number}({year})号决议"),
            format!("{d}安全理事会第{meeting}次会议通过"),
        ),
    }
}

/// "97th plenary meeting 1 July 2024".
fn closing_line(lang: Lang, organ: Organ, meeting: u32, date: Date) -> String {
    let d = date_text(lang, date);
    let plenary = organ != Organ::Hrc;
    match lang {
        Lang::En if plenary => format!(
            "{meeting}{} plenary meeting {d}",
            english_ordinal_suffix(meeting)
        ),
        Lang::En => format!("{meeting}{} meeting {d}", english_ordinal_suffix(meeting)),
        Lang::Fr if plenary => format!("{meeting}e séance plénière {d}"),
        Lang::Fr => format!("{meeting}e séance {d}"),
        Lang::Es if plenary => format!("{meeting}a sesión plenaria {d}"),
        Lang::Es => format!("{meeting}a sesión {d}"),
        Lang::Ru if plenary => format!("{meeting}-е пленарное заседание {d}"),
        Lang::Ru => format!("{meeting}-е заседание {d}"),
        Lang::Ar if plenary => format!("الجلسة العامة {meeting} {d}"),
        Lang::Ar => format!("الجلسة {meeting} {d}"),
        Lang::Zh if plenary => format!("第{meeting}次全体会议 {d}"),
        Lang::Zh => format!("第{meeting}次会议 {d}"),
    }
}

// ---------------------------------------------------------------------------
// Citation phrases

/// How one cited resolution is written.
struct Item<'a> {
    doc: &'a Doc,
    dated: bool,
    title: Option<&'a str>,
}

/// Case of a Russian noun phrase.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Accusative,
    Genitive,
}

fn join_list(lang: Lang, parts: &[String], dated: bool) -> String {
    let and = match lang {
        Lang::En => " and ",
        Lang::Fr => " et ",
        Lang::Es if dated => ", y ",
        Lang::Es => " y ",
        Lang::Ru => " и ",
        Lang::Ar => " و ",
        Lang::Zh => "和",
    };
    let comma = match lang {
        Lang::Ar => " و ",
        Lang::Zh => "、",
        _ => ", ",
    };
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{and}{last}", init.join(comma)),
    }
}

/// One number with its date (and title), in the language's order.
fn item_text(lang: Lang, item: &Item) -> String {
    let short = item.doc.num.short(lang);
    let date = item.dated.then(|| date_text(lang, item.doc.date));
    let mut out = match (lang, &date) {
        (Lang::En, Some(d)) => format!("{short} of {d}"),
        (Lang::Fr, Some(d)) => format!("{short} du {d}"),
        (Lang::Es, Some(d)) => format!("{short}, de {d}"),
        (Lang::Ru, Some(d)) => format!("{short} от {d}"),
        (Lang::Ar, Some(d)) => format!("{short} المؤرخ {d}"),
        (Lang::Zh, Some(d)) => match item.title {
            Some(t) => format!("{d}题为“{t}”的第{short}号"),
            None => format!("{d}第{short}号"),
        },
        (Lang::Zh, None) => match item.title {
            Some(t) => format!("题为“{t}”的第{short}号"),
            None => format!("第{short}号"),
        },
        (_, None) => short,
    };
    if let Some(title) = item.title {
        match lang {
            Lang::En => write!(out, ", entitled “{title}”"),
            Lang::Fr => write!(out, ", intitulée «\u{a0}{title}\u{a0}»"),
            Lang::Es => write!(out, ", titulada “{title}”"),
            Lang::Ru => write!(out, ", озаглавленную «{title}»"),
            Lang::Ar => write!(out, " المعنون ”{title}“"),
            Lang::Zh => Ok(()),
        }
        .expect("writing to a String");
    }
    out
}

/// "its resolutions 70/1 of 25 September 2015 and 72/279", "Security
/// Council resolution 1325 (2000)", … All items are of one organ.
fn citation_phrase(lang: Lang, citing: Organ, items: &[Item], case: Case) -> String {
    let cited = items[0].doc.num.organ();
    let own = cited == citing;
    let plural = items.len() > 1;
    let dated = items.iter().any(|i| i.dated);
    let parts: Vec<String> = items.iter().map(|i| item_text(lang, i)).collect();
    let list = join_list(lang, &parts, dated);
    match lang {
        Lang::En => {
            let word = if plural { "resolutions" } else { "resolution" };
            if own {
                format!("its {word} {list}")
            } else {
                format!("{} {word} {list}", organ_name(lang, cited))
            }
        }
        Lang::Fr => match (own, plural) {
            (true, false) => format!("sa résolution {list}"),
            (true, true) => format!("ses résolutions {list}"),
            (false, false) => {
                // "la résolution 1996/31 du Conseil économique et social en
                // date du 25 juillet 1996"
                let item = &items[0];
                let mut out = format!(
                    "la résolution {} {}",
                    item.doc.num.short(lang),
                    organ_of(lang, cited)
                );
                if item.dated {
                    write!(out, " en date du {}", date_text(lang, item.doc.date))
                        .expect("writing to a String");
                }
                if let Some(title) = item.title {
                    write!(out, ", intitulée «\u{a0}{title}\u{a0}»").expect("writing to a String");
                }
                out
            }
            (false, true) => format!("les résolutions {} {list}", organ_of(lang, cited)),
        },
        Lang::Es => match (own, plural) {
            (true, false) => format!("su resolución {list}"),
            (true, true) => format!("sus resoluciones {list}"),
            (false, false) => {
                let item = &items[0];
                let mut out = format!(
                    "la resolución {} {}",
                    item.doc.num.short(lang),
                    organ_of(lang, cited)
                );
                if item.dated {
                    write!(out, ", de {}", date_text(lang, item.doc.date))
                        .expect("writing to a String");
                }
                if let Some(title) = item.title {
                    write!(out, ", titulada “{title}”").expect("writing to a String");
                }
                out
            }
            (false, true) => format!("las resoluciones {} {list}", organ_of(lang, cited)),
        },
        Lang::Ru => {
            let (own_word, noun) = match (case, plural) {
                (Case::Accusative, false) => ("свою", "резолюцию"),
                (Case::Accusative, true) => ("свои", "резолюции"),
                (Case::Genitive, false) => ("своей", "резолюции"),
                (Case::Genitive, true) => ("своих", "резолюций"),
            };
            match (own, plural) {
                (true, _) => format!("{own_word} {noun} {list}"),
                (false, false) => {
                    let item = &items[0];
                    let mut out = format!(
                        "{noun} {} {}",
                        item.doc.num.short(lang),
                        organ_of(lang, cited)
                    );
                    if item.dated {
                        write!(out, " от {}", date_text(lang, item.doc.date))
                            .expect("writing to a String");
                    }
                    if let Some(title) = item.title {
                        write!(out, ", озаглавленную «{title}»").expect("writing to a String");
                    }
                    out
                }
                (false, true) => format!("{noun} {} {list}", organ_of(lang, cited)),
            }
        }
        Lang::Ar => {
            // Genitive after إلى: singular, dual, plural; "its" is ها for
            // the Assembly and ه for a council.
            let suffix = if citing.feminine_in_arabic() {
                "ها"
            } else {
                "ه"
            };
            let noun = match items.len() {
                1 => "قرار",
                2 => "قراري",
                _ => "قرارات",
            };
            if own {
                format!("{noun}{suffix} {list}")
            } else {
                format!("{noun} {} {list}", organ_name(lang, cited))
            }
        }
        Lang::Zh => {
            if own {
                format!("其{list}决议")
            } else {
                format!("{}{list}决议", organ_name(lang, cited))
            }
        }
    }
}

/// Preambular verbs ("Recalling …,").
fn preamble_verb(lang: Lang, citing: Organ, k: usize) -> &'static str {
    const EN: [&str; 7] = [
        "Recalling",
        "Reaffirming",
        "Recalling also",
        "Reaffirming also",
        "Recalling further",
        "Bearing in mind",
        "Taking note of",
    ];
    const FR: [&str; 7] = [
        "Rappelant",
        "Réaffirmant",
        "Rappelant également",
        "Réaffirmant également",
        "Rappelant en outre",
        "Ayant à l’esprit",
        "Rappelant de nouveau",
    ];
    const ES: [&str; 7] = [
        "Recordando",
        "Reafirmando",
        "Recordando también",
        "Reafirmando también",
        "Recordando además",
        "Teniendo presente",
        "Tomando nota de",
    ];
    const RU: [&str; 7] = [
        "ссылаясь на",
        "подтверждая",
        "ссылаясь также на",
        "вновь подтверждая",
        "ссылаясь далее на",
        "принимая к сведению",
        "учитывая",
    ];
    const AR_F: [&str; 7] = [
        "إذ تشير إلى",
        "وإذ تعيد تأكيد",
        "وإذ تشير أيضا إلى",
        "وإذ تؤكد من جديد",
        "وإذ تشير كذلك إلى",
        "وإذ تعيد أيضا تأكيد",
        "وإذ تشير إلى",
    ];
    const AR_M: [&str; 7] = [
        "إذ يشير إلى",
        "وإذ يعيد تأكيد",
        "وإذ يشير أيضا إلى",
        "وإذ يؤكد من جديد",
        "وإذ يشير كذلك إلى",
        "وإذ يعيد أيضا تأكيد",
        "وإذ يشير إلى",
    ];
    const ZH: [&str; 7] = [
        "回顾",
        "重申",
        "又回顾",
        "又重申",
        "还回顾",
        "铭记",
        "注意到",
    ];
    let table = match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
        Lang::Es => &ES,
        Lang::Ru => &RU,
        Lang::Ar if citing.feminine_in_arabic() => &AR_F,
        Lang::Ar => &AR_M,
        Lang::Zh => &ZH,
    };
    table[k % table.len()]
}

fn preamble_paragraph(lang: Lang, citing: Organ, verb: usize, items: &[Item]) -> String {
    let phrase = citation_phrase(lang, citing, items, Case::Accusative);
    let verb = preamble_verb(lang, citing, verb);
    match lang {
        Lang::Zh => format!("{verb}{phrase}，"),
        Lang::Ar => format!("{verb} {phrase}،"),
        _ => format!("{verb} {phrase},"),
    }
}

/// An operative paragraph that cites one resolution.
fn operative_paragraph(lang: Lang, citing: Organ, form: usize, item: &Item) -> String {
    let reaffirm = form % 2 == 0;
    let case = if reaffirm || lang != Lang::Ru {
        Case::Accusative
    } else {
        Case::Genitive
    };
    let phrase = citation_phrase(lang, citing, std::slice::from_ref(item), case);
    let fem = citing.feminine_in_arabic();
    match (lang, reaffirm) {
        (Lang::En, true) => format!("Reaffirms {phrase};"),
        (Lang::En, false) => {
            format!("Requests the Secretary-General to report on the implementation of {phrase};")
        }
        (Lang::Fr, true) => format!("Réaffirme {phrase}\u{a0};"),
        (Lang::Fr, false) => format!(
            "Prie le Secrétaire général de lui rendre compte de l’application de {phrase}\u{a0};"
        ),
        (Lang::Es, true) => format!("Reafirma {phrase};"),
        (Lang::Es, false) => format!(
            "Solicita al Secretario General que le presente un informe sobre la aplicación de {phrase};"
        ),
        (Lang::Ru, true) => format!("вновь подтверждает {phrase};"),
        (Lang::Ru, false) => {
            format!("просит Генерального секретаря представить доклад об осуществлении {phrase};")
        }
        (Lang::Ar, true) if fem => format!("تعيد تأكيد {phrase}؛"),
        (Lang::Ar, true) => format!("يعيد تأكيد {phrase}؛"),
        (Lang::Ar, false) if fem => {
            format!("تطلب إلى الأمين العام أن يقدم تقريرا عن تنفيذ {phrase}؛")
        }
        (Lang::Ar, false) => format!("يطلب إلى الأمين العام أن يقدم تقريرا عن تنفيذ {phrase}؛"),
        (Lang::Zh, true) => format!("重申{phrase}；"),
        (Lang::Zh, false) => format!("请秘书长就{phrase}的执行情况提出报告；"),
    }
}

/// "1 Resolution 217 A (III)." — only for the citing organ's own
/// resolutions, which a bare footnote names.
fn footnote_line(lang: Lang, marker: usize, doc: &Doc) -> String {
    let short = doc.num.short(lang);
    match lang {
        Lang::En => format!("{marker} Resolution {short}."),
        Lang::Fr => format!("{marker} Résolution {short}."),
        Lang::Es => format!("{marker} Resolución {short}."),
        Lang::Ru => format!("{marker} Резолюция {short}."),
        Lang::Ar => format!("{marker} () القرار {short}."),
        Lang::Zh => format!("{marker} 第{short}号决议。"),
    }
}

/// A paragraph with a footnote marker at its end, where each language puts
/// it ("Human Rights,1", "droits de l’homme1,", "الإنسان(1)،").
fn with_marker(lang: Lang, paragraph: &str, marker: usize) -> String {
    let p = paragraph.trim_end();
    let Some(last) = p.chars().last() else {
        return p.to_string();
    };
    let body = &p[..p.len() - last.len_utf8()];
    let punct = matches!(last, ',' | '，' | '،' | ';' | '；' | '؛' | '.' | '。');
    match lang {
        Lang::En | Lang::Zh => format!("{p}{marker}"),
        Lang::Ar if punct => format!("{body}({marker}){last}"),
        Lang::Ar => format!("{p}({marker})"),
        _ if punct => format!("{body}{marker}{last}"),
        _ => format!("{p}{marker}"),
    }
}

// ---------------------------------------------------------------------------
// One document: its plan (shared by its languages) and its texts

enum Block {
    /// A preambular paragraph citing these (one organ).
    Preamble { targets: Vec<u32>, verb: usize },
    /// A filler paragraph with a footnote citing one resolution.
    Footnote { target: u32 },
    /// An operative paragraph citing one resolution.
    Operative { target: u32, form: usize },
}

struct Plan {
    blocks: Vec<Block>,
    /// Which cited resolutions are written with a date and with a title.
    dated: Vec<bool>,
    titled: Vec<bool>,
    /// English length in bytes.
    length_en: f64,
    template: usize,
    meeting: u32,
}

fn plan_document(
    docs: &[Doc],
    index: usize,
    cites: &[u32],
    latent: f64,
    templates: usize,
    rng: &mut ChaCha8Rng,
) -> Plan {
    let doc = &docs[index];
    let organ = doc.num.organ();
    let (median, sigma) = length_model(doc.num);
    let length_en =
        (median * (sigma * (0.6 * latent + 0.8 * normal(rng))).exp()).clamp(900.0, 230_000.0);
    // First mentions: preambular paragraphs of one to four resolutions of
    // one organ, oldest first; a few as footnotes.
    let mut order: Vec<u32> = cites.to_vec();
    order.sort_by_key(|&t| (docs[t as usize].num.organ() as u8, docs[t as usize].date));
    let mut blocks = Vec::new();
    let mut at = 0;
    while at < order.len() {
        let target_organ = docs[order[at] as usize].num.organ();
        if target_organ == organ && rng.random_bool(0.1) {
            blocks.push(Block::Footnote { target: order[at] });
            at += 1;
            continue;
        }
        let want = [1usize, 1, 1, 2, 2, 3, 4][rng.random_range(0..7)];
        let mut group = Vec::new();
        while at < order.len()
            && group.len() < want
            && docs[order[at] as usize].num.organ() == target_organ
        {
            group.push(order[at]);
            at += 1;
        }
        blocks.push(Block::Preamble {
            targets: group,
            verb: rng.random_range(0..7),
        });
    }
    // Interleave organs' groups rather than listing all GA first.
    for i in (1..blocks.len()).rev() {
        let j = rng.random_range(0..=i);
        blocks.swap(i, j);
    }
    // Further mentions (about 0.6 per resolution): operative paragraphs.
    for &t in cites {
        let mut extra = 0;
        while extra < 4 && rng.random_bool(0.4) {
            extra += 1;
            blocks.push(Block::Operative {
                target: t,
                form: rng.random_range(0..4),
            });
        }
    }
    let dated = cites.iter().map(|_| rng.random_bool(0.75)).collect();
    let titled = cites
        .iter()
        .map(|&t| docs[t as usize].num.organ() != Organ::Sc && rng.random_bool(0.15))
        .collect();
    Plan {
        blocks,
        dated,
        titled,
        length_en,
        template: rng.random_range(0..templates),
        meeting: rng.random_range(20..=110),
    }
}

/// Pseudo-random title template for a cited document (stable per document).
fn template_of(index: u32, templates: usize) -> usize {
    (splitmix(index as u64 ^ 0x5eed) % templates as u64) as usize
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

struct Writer<'a> {
    docs: &'a [Doc],
    pools: &'a Pools,
}

impl Writer<'_> {
    /// A cited resolution as `plan` writes it; a title only when it is
    /// cited alone (`single`), as "its resolution 70/1 …, entitled “…”".
    fn item<'b>(
        &'b self,
        plan: &Plan,
        cites: &[u32],
        lang: Lang,
        target: u32,
        single: bool,
    ) -> Item<'b> {
        let k = cites.iter().position(|&c| c == target).unwrap_or(0);
        let doc = &self.docs[target as usize];
        let titled = single && plan.titled.get(k).copied().unwrap_or(false);
        let title = titled.then(|| {
            let t = template_of(target, self.pools.headers.len());
            self.pools.quoted_titles[t][lang.index()].as_str()
        });
        Item {
            doc,
            dated: plan.dated.get(k).copied().unwrap_or(true),
            title,
        }
    }

    /// The text of document `index` in `lang`.
    fn text(
        &self,
        index: usize,
        cites: &[u32],
        plan: &Plan,
        lang: Lang,
        rng: &mut ChaCha8Rng,
    ) -> String {
        let doc = &self.docs[index];
        let organ = doc.num.organ();
        let pools = self.pools;
        let english_sc = organ == Organ::Sc && lang == Lang::En;
        let (pre_pool, op_pool) = if english_sc {
            (&pools.sc_preamble, &pools.sc_operative)
        } else {
            (
                &pools.preamble[lang.index()],
                &pools.operative[lang.index()],
            )
        };
        let target = (plan.length_en * pools.ratio[lang.index()]) as usize;
        let mut out = String::with_capacity(target + 4096);
        self.header(&mut out, doc, plan, lang);

        // The citing paragraphs, in the language.
        let mut footnote = 0usize;
        let mut preamble: Vec<String> = Vec::new();
        let mut operative: Vec<String> = Vec::new();
        for block in &plan.blocks {
            match block {
                Block::Preamble { targets, verb } => {
                    let items: Vec<Item> = targets
                        .iter()
                        .map(|&t| self.item(plan, cites, lang, t, targets.len() == 1))
                        .collect();
                    preamble.push(preamble_paragraph(lang, organ, *verb, &items));
                }
                Block::Footnote { target } => {
                    footnote += 1;
                    let carrier = &pre_pool[rng.random_range(0..pre_pool.len())];
                    preamble.push(format!(
                        "{}\n\n{}",
                        with_marker(lang, carrier, footnote),
                        footnote_line(lang, footnote, &self.docs[*target as usize])
                    ));
                }
                Block::Operative { target, form } => {
                    let item = self.item(plan, cites, lang, *target, true);
                    operative.push(operative_paragraph(lang, organ, *form, &item));
                }
            }
        }
        let fixed: usize = out.len()
            + preamble.iter().map(|p| p.len() + 2).sum::<usize>()
            + operative.iter().map(|p| p.len() + 2).sum::<usize>()
            + 80;
        let filler = target.saturating_sub(fixed);
        let pre_budget = filler * 35 / 100;
        let op_budget = filler - pre_budget;
        let numbered = organ == Organ::Sc;
        let mut paragraph_number = 0;
        let mut push = |out: &mut String, p: &str, operative: bool| {
            if operative && numbered {
                paragraph_number += 1;
                write!(out, "{paragraph_number}. ").expect("writing to a String");
            }
            out.push_str(p);
            out.push_str("\n\n");
        };
        interleave(&mut out, &preamble, pre_pool, pre_budget, rng, |o, p| {
            push(o, p, false)
        });
        interleave(&mut out, &operative, op_pool, op_budget, rng, |o, p| {
            push(o, p, true)
        });
        if organ != Organ::Sc {
            out.push_str(&closing_line(lang, organ, plan.meeting, doc.date));
            out.push('\n');
        }
        out
    }

    fn header(&self, out: &mut String, doc: &Doc, plan: &Plan, lang: Lang) {
        let organ = doc.num.organ();
        let template = &self.pools.headers[plan.template][lang.index()];
        let issued = doc.date.plus_days(3 + (plan.meeting % 9));
        let mut lines: Vec<String> = Vec::new();
        if let Num::Sc { number, year } = doc.num {
            let meeting =
                interpolate(&SC_MEETING, year as f64 + doc.date.month as f64 / 12.0) as u32;
            if lang == Lang::En && year < 1995 {
                // The layout of the older texts (fixtures/unsc-en).
                lines.push(format!("RESOLUTION {number} ({year})"));
                lines.push(format!(
                    "Adopted by the Security Council at its {meeting}{} meeting,\non {}",
                    english_ordinal_suffix(meeting),
                    date_text(lang, doc.date)
                ));
            } else {
                let (heading, adopted) = sc_heading(lang, number, year, meeting, doc.date);
                lines.push(united_nations(lang).to_string());
                lines.push(doc.num.header_symbol());
                lines.push(organ_name(lang, organ).to_string());
                lines.push(distr(lang).to_string());
                lines.push(distr_date(lang, doc.date));
                lines.push(heading);
                lines.push(adopted);
            }
        } else {
            lines.push(united_nations(lang).to_string());
            lines.push(doc.num.header_symbol());
            lines.push(organ_name(lang, organ).to_string());
            lines.push(distr(lang).to_string());
            lines.push(distr_date(lang, issued));
            lines.push(session_line(lang, doc.num));
            lines.push(template.agenda_item.clone());
            lines.push(template.agenda_title.clone());
            lines.push(adopted_line(lang, organ, doc.date));
            if let Num::Ga { session, .. } = doc.num {
                // "[on the report of the Third Committee (A/75/474, para. 33)]"
                lines.push(template.committee.replace(
                    &format!("A/{}/", template.session),
                    &format!("A/{session}/"),
                ));
            }
            let title = &template.title;
            let number = doc.num.title_number();
            lines.push(match lang {
                Lang::Ar => format!("{number} {title}"),
                _ => format!("{number}. {title}"),
            });
        }
        lines.push(opening(lang, organ));
        for line in lines {
            out.push_str(&line);
            out.push_str("\n\n");
        }
    }
}

/// Writes `fixed` paragraphs in order with filler paragraphs from `pool`
/// between them, about `budget` bytes of filler in all.
fn interleave(
    out: &mut String,
    fixed: &[String],
    pool: &[String],
    budget: usize,
    rng: &mut ChaCha8Rng,
    mut push: impl FnMut(&mut String, &str),
) {
    let gaps = fixed.len() + 1;
    let mut used = 0usize;
    for gap in 0..gaps {
        let goal = budget * (gap + 1) / gaps;
        while used < goal {
            let p = &pool[rng.random_range(0..pool.len())];
            used += p.len() + 2;
            push(out, p);
        }
        if let Some(p) = fixed.get(gap) {
            push(out, p);
        }
    }
}

// ---------------------------------------------------------------------------
// Output

struct Summary {
    documents: usize,
    files: usize,
    bytes: u64,
    bytes_per_lang: [u64; 6],
    files_per_organ: [usize; 4],
    citations: usize,
    mentions_en: usize,
}

fn prepare_out(out: &Path) -> Result<(), String> {
    if out.exists() {
        let entries: Vec<_> = std::fs::read_dir(out)
            .map_err(|e| format!("{}: {e}", out.display()))?
            .filter_map(Result::ok)
            .collect();
        let ours = out.join("manifest.json").exists() || out.join("gold.jsonl").exists();
        if !entries.is_empty() && !ours {
            return Err(format!(
                "{} is not empty and holds no earlier corpus (manifest.json); choose another --out",
                out.display()
            ));
        }
        // Invalidate first, so an interrupted run leaves no valid manifest.
        for name in ["manifest.json", "gold.jsonl", "README.md"] {
            let _ = std::fs::remove_file(out.join(name));
        }
        let texts = out.join("texts");
        if texts.exists() {
            std::fs::remove_dir_all(&texts).map_err(|e| format!("{}: {e}", texts.display()))?;
        }
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).expect("String"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn source_digest() -> String {
    // FNV-1a of this file: a changed generator invalidates old corpora.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in include_str!("gen_corpus.rs").bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let pools = load_pools(&args.fixtures)?;
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let docs = build_record(&mut rng);
    let Citations { cites, latent } = choose_citations(&docs, &mut rng);
    prepare_out(&args.out)?;

    // The sample: documents in a seeded random order until the budget is
    // spent, every language of each.
    let mut order: Vec<u32> = (0..docs.len() as u32).collect();
    for i in (1..order.len()).rev() {
        let j = rng.random_range(0..=i);
        order.swap(i, j);
    }
    let writer = Writer {
        docs: &docs,
        pools: &pools,
    };
    let mut gold: Vec<(String, String)> = Vec::new();
    let mut summary = Summary {
        documents: 0,
        files: 0,
        bytes: 0,
        bytes_per_lang: [0; 6],
        files_per_organ: [0; 4],
        citations: 0,
        mentions_en: 0,
    };
    let mut made_dirs = std::collections::BTreeSet::new();
    for &index in &order {
        if summary.bytes >= args.bytes {
            break;
        }
        let index = index as usize;
        let doc = &docs[index];
        let mut doc_rng = ChaCha8Rng::seed_from_u64(splitmix(args.seed ^ splitmix(index as u64)));
        let plan = plan_document(
            &docs,
            index,
            &cites[index],
            latent[index],
            pools.headers.len(),
            &mut doc_rng,
        );
        let mut ids: Vec<String> = cites[index]
            .iter()
            .map(|&t| docs[t as usize].num.canonical())
            .collect();
        ids.sort();
        ids.dedup();
        let cites_json = ids
            .iter()
            .map(|s| json_string(s))
            .collect::<Vec<_>>()
            .join(",");
        summary.documents += 1;
        summary.citations += ids.len();
        for &lang in &args.langs {
            let mut lang_rng = ChaCha8Rng::seed_from_u64(splitmix(
                args.seed ^ splitmix(index as u64) ^ ((lang.index() as u64 + 1) << 56),
            ));
            let text = writer.text(index, &cites[index], &plan, lang, &mut lang_rng);
            let organ = doc.num.organ();
            let rel = format!(
                "texts/{}/{}/{}_{}.txt",
                lang.code(),
                organ.dir(),
                lang.code(),
                doc.num.file_stem()
            );
            let path = args.out.join(&rel);
            let dir = path.parent().expect("a file in a directory").to_path_buf();
            if made_dirs.insert(dir.clone()) {
                std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&path, text.as_bytes())
                .map_err(|e| format!("{}: {e}", path.display()))?;
            summary.files += 1;
            summary.bytes += text.len() as u64;
            summary.bytes_per_lang[lang.index()] += text.len() as u64;
            summary.files_per_organ[organ as usize] += 1;
            if lang == Lang::En {
                summary.mentions_en += plan
                    .blocks
                    .iter()
                    .map(|b| match b {
                        Block::Preamble { targets, .. } => targets.len(),
                        _ => 1,
                    })
                    .sum::<usize>();
            }
            gold.push((
                rel.clone(),
                format!(
                    "{{\"file\":{},\"symbol\":{},\"language\":\"{}\",\"organ\":\"{}\",\"adopted\":\"{}\",\"cites\":[{}]}}",
                    json_string(&rel),
                    json_string(&doc.num.canonical()),
                    lang.code(),
                    organ.code(),
                    doc.date.iso(),
                    cites_json
                ),
            ));
        }
    }
    gold.sort();
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(args.out.join("gold.jsonl")).map_err(|e| e.to_string())?,
    );
    for (_, line) in &gold {
        writeln!(file, "{line}").map_err(|e| e.to_string())?;
    }
    file.flush().map_err(|e| e.to_string())?;
    drop(file);

    let elapsed = started.elapsed().as_secs_f64();
    write_readme(args, &docs, &cites, &summary)?;
    write_manifest(args, &docs, &cites, &pools, &summary)?;
    eprintln!(
        "gen_corpus: {} resolutions in the record; wrote {} of them as {} files, {:.1} MB, in {:.1} s ({:.0} MB/s) to {}",
        docs.len(),
        summary.documents,
        summary.files,
        summary.bytes as f64 / 1e6,
        elapsed,
        summary.bytes as f64 / 1e6 / elapsed.max(1e-9),
        args.out.display()
    );
    Ok(())
}

fn record_counts(docs: &[Doc]) -> [usize; 4] {
    let mut counts = [0usize; 4];
    for d in docs {
        counts[d.num.organ() as usize] += 1;
    }
    counts
}

fn most_cited(docs: &[Doc], cites: &[Vec<u32>], n: usize) -> Vec<(String, usize)> {
    let mut indegree = vec![0usize; docs.len()];
    for list in cites {
        for &t in list {
            indegree[t as usize] += 1;
        }
    }
    let mut ranked: Vec<(usize, usize)> = indegree.into_iter().enumerate().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .take(n)
        .map(|(i, c)| (docs[i].num.canonical(), c))
        .collect()
}

fn write_manifest(
    args: &Args,
    docs: &[Doc],
    cites: &[Vec<u32>],
    pools: &Pools,
    summary: &Summary,
) -> Result<(), String> {
    let counts = record_counts(docs);
    let edges: usize = cites.iter().map(Vec::len).sum();
    let langs: Vec<String> = args.langs.iter().map(|l| json_string(l.code())).collect();
    let mut m = String::new();
    m.push_str("{\n");
    writeln!(m, "  \"generator\": \"examples/gen_corpus.rs\",").expect("String");
    writeln!(m, "  \"generator_version\": {GENERATOR_VERSION},").expect("String");
    writeln!(m, "  \"generator_source\": \"{}\",", source_digest()).expect("String");
    writeln!(m, "  \"seed\": {},", args.seed).expect("String");
    writeln!(m, "  \"bytes_target\": {},", args.bytes).expect("String");
    writeln!(m, "  \"langs\": [{}],", langs.join(", ")).expect("String");
    writeln!(m, "  \"fixture_files\": {},", pools.fixture_files).expect("String");
    writeln!(m, "  \"templates\": {},", pools.headers.len()).expect("String");
    writeln!(
        m,
        "  \"record\": {{\"resolutions\": {}, \"ga\": {}, \"sc\": {}, \"ecosoc\": {}, \"hrc\": {}, \"citations\": {}}},",
        docs.len(),
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        edges
    )
    .expect("String");
    let per_lang: Vec<String> = args
        .langs
        .iter()
        .map(|l| format!("\"{}\": {}", l.code(), summary.bytes_per_lang[l.index()]))
        .collect();
    let per_organ: Vec<String> = Organ::ALL
        .iter()
        .map(|o| format!("\"{}\": {}", o.dir(), summary.files_per_organ[*o as usize]))
        .collect();
    writeln!(
        m,
        "  \"written\": {{\"resolutions\": {}, \"files\": {}, \"bytes\": {}, \"bytes_per_lang\": {{{}}}, \"files_per_organ\": {{{}}}, \"distinct_citations_per_resolution\": {:.2}, \"mentions_per_english_text\": {:.2}}},",
        summary.documents,
        summary.files,
        summary.bytes,
        per_lang.join(", "),
        per_organ.join(", "),
        summary.citations as f64 / summary.documents.max(1) as f64,
        summary.mentions_en as f64 / summary.documents.max(1) as f64,
    )
    .expect("String");
    let top: Vec<String> = most_cited(docs, cites, 10)
        .into_iter()
        .map(|(id, n)| format!("[{}, {n}]", json_string(&id)))
        .collect();
    writeln!(m, "  \"most_cited_in_record\": [{}],", top.join(", ")).expect("String");
    writeln!(
        m,
        "  \"estimates\": \"lengths of GA texts before session 50, SC, ECOSOC and HRC texts; citation counts outside recent GA; the organ mix of citations; session and year ranges (UN-SYMBOLS.md §4)\""
    )
    .expect("String");
    m.push_str("}\n");
    std::fs::write(args.out.join("manifest.json"), m).map_err(|e| e.to_string())
}

fn write_readme(
    args: &Args,
    docs: &[Doc],
    cites: &[Vec<u32>],
    summary: &Summary,
) -> Result<(), String> {
    let counts = record_counts(docs);
    let langs: Vec<&str> = args.langs.iter().map(|l| l.code()).collect();
    let top: Vec<String> = most_cited(docs, cites, 5)
        .into_iter()
        .map(|(id, n)| format!("{id} ({n})"))
        .collect();
    let text = format!(
        "# A synthetic corpus of UN resolutions

Generated by `cargo run --release --example gen_corpus -- --out DIR --seed {seed} --bytes {bytes} --langs {langs}`
(rescite, examples/gen_corpus.rs, generator version {version}). Deterministic: the
same command writes the same bytes. Not real documents: real paragraphs of
the fixtures (fixtures/ga/texts, fixtures/unsc-en) around generated
citations.

- The record: {total} resolutions (GA {ga}, SC {sc}, ECOSOC {eco}, HRC {hrc}), each
  citing earlier ones by preferential attachment; {edges} citations in all.
  Most cited: {top}.
- Written: {written} resolutions in {n_langs} language(s) ({langs}): {files} files,
  {mb:.1} MB, in texts/LANG/ORGAN/LANG_SYMBOL.txt.
- gold.jsonl: per file, its symbol and the canonical ids (DESIGN.md §1) of the
  resolutions it cites. The six language versions of a resolution cite the
  same resolutions. Fixture paragraphs with any digit are never used, so
  the text cites nothing else.
- manifest.json: the parameters and these figures, read by
  scripts/bench-pipeline to reuse the corpus.

Index it with `rescite index DIR/texts -o corpus.rescite`.
",
        seed = args.seed,
        bytes = args.bytes,
        langs = langs.join(","),
        version = GENERATOR_VERSION,
        total = docs.len(),
        ga = counts[0],
        sc = counts[1],
        eco = counts[2],
        hrc = counts[3],
        edges = cites.iter().map(Vec::len).sum::<usize>(),
        top = top.join(", "),
        written = summary.documents,
        n_langs = args.langs.len(),
        files = summary.files,
        mb = summary.bytes as f64 / 1e6,
    );
    std::fs::write(args.out.join("README.md"), text).map_err(|e| e.to_string())
}

fn main() {
    let result = parse_args().and_then(|args| run(&args));
    if let Err(message) = result {
        eprintln!("gen_corpus: {message}");
        std::process::exit(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(Lang::En, 78), "Seventy-eighth");
        assert_eq!(ordinal(Lang::En, 11), "Eleventh");
        assert_eq!(ordinal(Lang::En, 40), "Fortieth");
        assert_eq!(ordinal(Lang::Fr, 78), "Soixante-dix-huitième");
        assert_eq!(ordinal(Lang::Fr, 71), "Soixante et onzième");
        assert_eq!(ordinal(Lang::Fr, 80), "Quatre-vingtième");
        assert_eq!(ordinal(Lang::Fr, 1), "Première");
        assert_eq!(ordinal(Lang::Es, 78), "Septuagésimo octavo");
        assert_eq!(ordinal(Lang::Ru, 78), "Семьдесят восьмая");
        assert_eq!(ordinal(Lang::Ar, 78), "الثامنة والسبعون");
        assert_eq!(ordinal(Lang::Ar, 76), "السادسة والسبعون");
        assert_eq!(ordinal(Lang::Zh, 78), "七十八");
        assert_eq!(ordinal(Lang::Zh, 10), "十");
    }

    #[test]
    fn symbols() {
        let old = Num::GaOld {
            number: 217,
            session: 3,
            part: true,
        };
        assert_eq!(old.canonical(), "A/RES/217(III)");
        assert_eq!(old.short(Lang::En), "217 A (III)");
        assert_eq!(old.short(Lang::Ar), "217 ألف (د-3)");
        assert_eq!(old.short(Lang::Zh), "217 A(III)");
        let sc = Num::Sc {
            number: 2231,
            year: 2015,
        };
        assert_eq!(sc.canonical(), "S/RES/2231(2015)");
        assert_eq!(sc.header_symbol(), "S/RES/2231 (2015)");
        assert_eq!(sc.file_stem(), "S-RES-2231-2015");
        assert_eq!(roman(44), "XLIV");
        assert_eq!(roman(63), "LXIII");
    }

    #[test]
    fn dates() {
        let d = ymd(2015, 9, 25);
        assert_eq!(Date::from_ordinal(d.ordinal()), d);
        assert_eq!(ymd(2024, 2, 28).plus_days(2), ymd(2024, 3, 1));
        assert_eq!(date_text(Lang::Fr, ymd(2023, 9, 1)), "1er septembre 2023");
        assert_eq!(date_text(Lang::Zh, d), "2015年9月25日");
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1G"), Ok(1_000_000_000));
        assert_eq!(parse_size("20M"), Ok(20_000_000));
        assert_eq!(parse_size("1.5g"), Ok(1_500_000_000));
        assert_eq!(parse_size("500kB"), Ok(500_000));
        assert!(parse_size("x").is_err());
    }
}
