//! Extraction accuracy on real texts with gold citations (fixtures/ga,
//! fixtures/ga-pdf, fixtures/seed): micro precision and recall over the
//! distinct resolutions each document cites, per language and per class of
//! organ. The table is printed (`cargo test --test accuracy -- --nocapture`)
//! and the test fails below the thresholds set from measurement.
//!
//! The gold is the set of resolutions the UN itself hyperlinked. The UN
//! links GA and SC resolutions reliably but often leaves HRC, ECOSOC and
//! CHR citations unlinked, so a "false positive" in that class may be a
//! true citation the gold lacks (docs/accuracy.md lists them).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rescite::extract::{extract, Options};
use rescite::symbol::Organ;
use rescite::vocab::Lang;
use serde_json::Value;

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    absent: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn add(&mut self, other: Score) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.absent += other.absent;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// GA and SC ("main") or HRC, ECOSOC and CHR ("other").
fn class_of(id: &str) -> &'static str {
    match id.parse::<rescite::Symbol>().map(|s| s.organ()) {
        Ok(Organ::GeneralAssembly | Organ::SecurityCouncil) => "main",
        _ => "other",
    }
}

struct Case {
    set: &'static str,
    text: PathBuf,
    lang: Lang,
    own: Option<String>,
    gold: BTreeSet<String>,
    /// Each link of the gold in the text's order: the cited id, and the
    /// section and preambular phrase the UN marked it in.
    links: Vec<GoldLink>,
}

struct GoldLink {
    id: String,
    section: Option<String>,
    verb: Option<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A gold id, canonicalised ("A/RES/217 A(III)" is A/RES/217(III)).
fn canonical(id: &str) -> String {
    id.parse::<rescite::Symbol>()
        .map_or_else(|_| id.to_string(), |s| s.to_string())
}

fn gold_links(value: &Value) -> Vec<GoldLink> {
    let text = |link: &Value, key: &str| link[key].as_str().map(|s| s.trim().to_string());
    value["links"]
        .as_array()
        .map(|links| {
            links
                .iter()
                .filter_map(|link| {
                    Some(GoldLink {
                        id: canonical(link["id"].as_str()?),
                        section: text(link, "section"),
                        verb: text(link, "verb").filter(|v| !v.is_empty()),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

fn gold_ids(value: &Value) -> BTreeSet<String> {
    value["cites"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|c| c.as_str().or_else(|| c["id"].as_str()))
                .map(canonical)
                .collect()
        })
        .unwrap_or_default()
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for (set, dir) in [("ga", "ga"), ("ga-pdf", "ga-pdf"), ("seed", "seed")] {
        let dir = root().join(dir);
        let (texts, golds) = if set == "seed" {
            (dir.clone(), dir.clone())
        } else {
            (dir.join("texts"), dir.join("gold"))
        };
        let mut gold_files: Vec<PathBuf> = std::fs::read_dir(&golds)
            .expect("gold directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        gold_files.sort();
        for gold_path in gold_files {
            let gold: Value =
                serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold"))
                    .expect("gold json");
            let file = gold["file"].as_str().expect("gold names its file");
            let lang = Lang::from_code(gold["language"].as_str().expect("gold language"))
                .expect("known language");
            out.push(Case {
                set,
                text: texts.join(file),
                lang,
                own: gold["own_symbol"].as_str().map(str::to_string),
                gold: gold_ids(&gold),
                links: gold_links(&gold),
            });
        }
    }
    out
}

/// The six language versions of a resolution cite the same resolutions,
/// but the UN's links are missing here and there in one language or
/// another (the Arabic XML often leaves 217 A (III) unlinked where the
/// English links it). The gold of a document is therefore the union of the
/// golds of its six versions. `RESCITE_OWN_LANGUAGE_GOLD=1` scores against
/// each version's own links instead.
fn unite_gold_across_languages(cases: &mut [Case]) {
    let mut union: BTreeMap<(&'static str, String), BTreeSet<String>> = BTreeMap::new();
    for case in cases.iter() {
        if let Some(own) = &case.own {
            union
                .entry((case.set, own.clone()))
                .or_default()
                .extend(case.gold.iter().cloned());
        }
    }
    for case in cases.iter_mut() {
        if let Some(all) = case
            .own
            .as_ref()
            .and_then(|own| union.get(&(case.set, own.clone())))
        {
            case.gold = all.clone();
        }
    }
}

fn score_case(case: &Case, misses: &mut Vec<String>) -> BTreeMap<&'static str, Score> {
    let text = std::fs::read_to_string(&case.text).expect("fixture text");
    let got = extract(
        &text,
        &Options {
            lang: None,
            own_symbol: None,
            ..Default::default()
        },
    );
    let found: BTreeSet<String> = got.citations.iter().map(|c| c.target.to_string()).collect();
    let own = got.header.symbol.map(|s| s.to_string());
    if own != case.own {
        misses.push(format!(
            "{}: own symbol {:?}, gold {:?}",
            case.text.display(),
            own,
            case.own
        ));
    }
    let mut scores: BTreeMap<&'static str, Score> = BTreeMap::new();
    let folded = rescite::normalize::Normalized::new(&text).text;
    for id in found.union(&case.gold) {
        if id.parse::<rescite::Symbol>().is_err() {
            // Impossible symbols in the UN's own links (A/RES/25/2 for a
            // crime commission's resolution 25/2): not a GA resolution.
            misses.push(format!(
                "INVALID-GOLD {} {} {}",
                case.set,
                file_name(&case.text),
                id
            ));
            continue;
        }
        if is_decision(id) {
            // The UN never hyperlinks decisions: the gold cannot hold them.
            continue;
        }
        if case.gold.contains(id) && !found.contains(id) && !number_in_text(id, &folded) {
            // The gold links a resolution whose number the text does not
            // contain (it stood in a table or a part the text omits).
            scores.entry(class_of(id)).or_default().absent += 1;
            misses.push(format!(
                "ABSENT {} {} {}",
                case.set,
                file_name(&case.text),
                id
            ));
            continue;
        }
        let entry = scores.entry(class_of(id)).or_default();
        match (found.contains(id), case.gold.contains(id)) {
            (true, true) => entry.tp += 1,
            (true, false) => {
                entry.fp += 1;
                misses.push(format!("FP {} {} {}", case.set, file_name(&case.text), id));
            }
            (false, true) => {
                entry.fn_ += 1;
                misses.push(format!("FN {} {} {}", case.set, file_name(&case.text), id));
            }
            (false, false) => {}
        }
    }
    scores
}

fn is_decision(id: &str) -> bool {
    id.parse::<rescite::Symbol>()
        .is_ok_and(|s| s.kind() == rescite::Kind::Decision)
}

/// Whether the number of `id` is written in the text at all.
fn number_in_text(id: &str, folded: &str) -> bool {
    let Ok(symbol) = id.parse::<rescite::Symbol>() else {
        return true;
    };
    let short = symbol.short();
    let number = short.split(' ').next().unwrap_or(&short);
    let squeezed: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed.contains(number)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Thresholds per (set, class): set from measurement, below the bar of the
/// issue only where docs/accuracy.md explains why.
fn threshold(set: &str, lang: Lang, class: &str) -> (f64, f64) {
    match (set, lang, class) {
        // Arabic through PDF: lines in visual order; what bidi reordering
        // still hides is listed in docs/accuracy.md (recall 0.986).
        ("ga-pdf", Lang::Ar, "main") => (0.99, 0.98),
        ("seed", _, _) => (0.99, 0.98),
        // Every other set finds every gold citation it can (1.000).
        (_, _, "main") => (0.99, 0.995),
        // The gold lacks most HRC, ECOSOC and CHR citations (the UN leaves
        // them unlinked): precision here is a floor, not a measurement.
        (_, _, _) => (0.70, 0.90),
    }
}

#[test]
fn accuracy_against_gold() {
    let mut table: BTreeMap<(&'static str, Lang, &'static str), Score> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut cases = cases();
    if std::env::var_os("RESCITE_OWN_LANGUAGE_GOLD").is_none() {
        unite_gold_across_languages(&mut cases);
    }
    for case in cases {
        for (class, score) in score_case(&case, &mut misses) {
            table
                .entry((case.set, case.lang, class))
                .or_default()
                .add(score);
        }
    }
    println!("\n| set | lang | class | TP | FP | FN | gold not in text | precision | recall |");
    println!("|---|---|---|---:|---:|---:|---:|---:|---:|");
    let mut failures = Vec::new();
    for ((set, lang, class), s) in &table {
        println!(
            "| {set} | {} | {class} | {} | {} | {} | {} | {:.3} | {:.3} |",
            lang.code(),
            s.tp,
            s.fp,
            s.fn_,
            s.absent,
            s.precision(),
            s.recall()
        );
        let (p, r) = threshold(set, *lang, class);
        if s.precision() < p || s.recall() < r {
            failures.push(format!(
                "{set}/{}/{class}: P {:.3} R {:.3} below {p}/{r}",
                lang.code(),
                s.precision(),
                s.recall()
            ));
        }
    }
    if std::env::var_os("RESCITE_SHOW_MISSES").is_some() {
        for m in &misses {
            println!("{m}");
        }
    }
    assert!(
        failures.is_empty(),
        "below threshold:\n{}",
        failures.join("\n")
    );
}

/// How often a citation's section, and the verb of its paragraph, are
/// those the UN marked: the i-th gold link to a resolution is paired with
/// the i-th citation of it. A reported verb agrees when it begins the
/// UN's preambular phrase ("Recalling" in "Recalling further"); the UN
/// marks no operative verb.
#[derive(Default)]
struct Agreement {
    sections: usize,
    sections_agreeing: usize,
    verbs: usize,
    verbs_agreeing: usize,
}

fn agreement_of(case: &Case) -> Agreement {
    let text = std::fs::read_to_string(&case.text).expect("fixture text");
    let got = extract(&text, &Options::default());
    let mut by_target: BTreeMap<String, Vec<&rescite::extract::Citation>> = BTreeMap::new();
    for citation in &got.citations {
        by_target
            .entry(citation.target.to_string())
            .or_default()
            .push(citation);
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut agreement = Agreement::default();
    for link in &case.links {
        let nth = seen.entry(&link.id).or_default();
        let Some(citation) = by_target.get(&link.id).and_then(|all| all.get(*nth)) else {
            continue;
        };
        *nth += 1;
        if let Some(section) = &link.section {
            agreement.sections += 1;
            let ours = serde_json::to_value(citation.section).unwrap_or_default();
            agreement.sections_agreeing += usize::from(ours.as_str() == Some(section.as_str()));
        }
        if let Some(verb) = &link.verb {
            agreement.verbs += 1;
            let ours = citation.verb.as_deref().unwrap_or("").trim();
            agreement.verbs_agreeing += usize::from(!ours.is_empty() && verb.starts_with(ours));
        }
    }
    agreement
}

/// The lowest agreement of sections and of verbs per set and language,
/// set from measurement.
fn agreement_floor(set: &str, lang: Lang) -> (f64, f64) {
    match (set, lang) {
        ("ga-pdf", Lang::Ar) => (0.95, 0.95),
        ("ga-pdf", _) => (0.97, 0.96),
        (_, _) => (0.98, 0.97),
    }
}

#[test]
fn sections_and_verbs_against_gold() {
    let mut table: BTreeMap<(&'static str, Lang), Agreement> = BTreeMap::new();
    for case in cases().iter().filter(|case| !case.links.is_empty()) {
        let one = agreement_of(case);
        let all = table.entry((case.set, case.lang)).or_default();
        all.sections += one.sections;
        all.sections_agreeing += one.sections_agreeing;
        all.verbs += one.verbs;
        all.verbs_agreeing += one.verbs_agreeing;
    }
    println!("\n| set | lang | sections | agree | verbs | agree |");
    println!("|---|---|---:|---:|---:|---:|");
    let mut failures = Vec::new();
    for ((set, lang), a) in &table {
        let sections = ratio(a.sections_agreeing, a.sections);
        let verbs = ratio(a.verbs_agreeing, a.verbs);
        println!(
            "| {set} | {} | {} | {sections:.3} | {} | {verbs:.3} |",
            lang.code(),
            a.sections,
            a.verbs
        );
        let (section_floor, verb_floor) = agreement_floor(set, *lang);
        if sections < section_floor || verbs < verb_floor {
            failures.push(format!(
                "{set}/{}: sections {sections:.3}, verbs {verbs:.3} below {section_floor}/{verb_floor}",
                lang.code()
            ));
        }
    }
    assert!(!table.is_empty(), "no gold links found");
    assert!(
        failures.is_empty(),
        "below the floor:\n{}",
        failures.join("\n")
    );
}

/// The six versions of a resolution were adopted on one day: each
/// version's header date is held to the English version's. (The UN's
/// texts are not perfect: the Spanish 76/43 says 2020 for 2021, and the
/// Russian 75/308 has no adoption line; hence a floor, not equality.)
#[test]
fn adoption_dates_agree_across_languages() {
    let mut dates: BTreeMap<(&'static str, String), BTreeMap<Lang, Option<String>>> =
        BTreeMap::new();
    for case in cases().iter().filter(|case| case.set != "seed") {
        let Some(own) = &case.own else { continue };
        let text = std::fs::read_to_string(&case.text).expect("fixture text");
        let got = extract(&text, &Options::default());
        dates
            .entry((case.set, own.clone()))
            .or_default()
            .insert(case.lang, got.header.adopted);
    }
    let mut table: BTreeMap<(&'static str, Lang), (usize, usize)> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for ((set, own), by_lang) in &dates {
        let english = by_lang.get(&Lang::En).cloned().flatten();
        assert!(english.is_some(), "{set} {own}: no English adoption date");
        for (lang, date) in by_lang.iter().filter(|(lang, _)| **lang != Lang::En) {
            let counts = table.entry((set, *lang)).or_default();
            counts.0 += 1;
            if *date == english {
                counts.1 += 1;
            } else {
                disagreements.push(format!(
                    "{set} {own} {}: {date:?}, English {english:?}",
                    lang.code()
                ));
            }
        }
    }
    println!("\n| set | lang | documents | agree with English |");
    println!("|---|---|---:|---:|");
    let mut failures = Vec::new();
    for ((set, lang), (documents, agreeing)) in &table {
        let share = ratio(*agreeing, *documents);
        println!("| {set} | {} | {documents} | {share:.3} |", lang.code());
        if share < 0.95 {
            failures.push(format!("{set}/{}: {share:.3}", lang.code()));
        }
    }
    println!("{}", disagreements.join("\n"));
    assert!(!table.is_empty(), "no fixtures found");
    assert!(failures.is_empty(), "below 0.95:\n{}", failures.join("\n"));
}
