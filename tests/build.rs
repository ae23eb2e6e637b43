//! `rescite build`: configuration, write, check (stale, missing, extra),
//! determinism, reports; and the project's own graphs/ against rescite.toml.

use std::path::{Path, PathBuf};

use rescite::build::{
    load_config, report_json, report_junit, report_text, run, BuildError, BuildReport, JobStatus,
    Mode, ProblemKind,
};

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

/// A small corpus (three General Assembly resolutions in English) and a
/// configuration over it, in a fresh directory.
fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for name in [
        "en_A-RES-78-311.txt",
        "en_A-RES-76-5.txt",
        "en_A-RES-77-320.txt",
    ] {
        let from = Path::new(MANIFEST).join("fixtures/ga/texts").join(name);
        std::fs::copy(&from, corpus.join(name))
            .unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
    std::fs::write(dir.path().join("rescite.toml"), config).unwrap();
    dir
}

const CONFIG: &str = r#"
inputs = ["corpus"]
output = "out"

[[job]]
name = "lineage"
lineage = { symbols = ["A/RES/78/311"], depth = 1 }
formats = ["dot", "json"]

[[job]]
name = "both"
lineage = { symbols = ["A/RES/78/311", "A/RES/77/320"], depth = 1, direction = "reverse" }
formats = ["json"]

[[job]]
name = "path"
path = { from = "A/RES/78/311", to = "A/RES/217 A (III)" }
formats = ["dot", "json"]

[[job]]
name = "all"
corpus = true
formats = ["json", "graphml", "csv"]
output = "out/corpus"
"#;

fn build(dir: &Path, mode: Mode) -> BuildReport {
    let config = load_config(&dir.join("rescite.toml")).unwrap();
    run(&config, dir, mode).unwrap()
}

fn problems(report: &BuildReport) -> Vec<(ProblemKind, PathBuf)> {
    report
        .stale
        .iter()
        .map(|p| (p.kind, p.path.clone()))
        .collect()
}

#[test]
fn write_then_check_is_clean_and_a_second_write_changes_nothing() {
    let dir = project(CONFIG);
    let written = build(dir.path(), Mode::Write);
    assert!(written.is_clean(), "{}", report_text(&written, Mode::Write));
    let names: Vec<&str> = written.jobs.iter().map(|j| j.name.as_str()).collect();
    assert_eq!(
        names,
        ["lineage", "both", "path", "all"],
        "configuration order"
    );
    assert!(written.jobs.iter().all(|j| j.status == JobStatus::Written));
    for file in [
        "out/lineage.dot",
        "out/lineage.json",
        "out/both-A_RES_78_311.json",
        "out/both-A_RES_77_320.json",
        "out/path.dot",
        "out/path.json",
        "out/corpus/all.json",
        "out/corpus/all.graphml",
        "out/corpus/all.csv",
    ] {
        assert!(dir.path().join(file).is_file(), "{file} written");
    }
    let lineage = &written.jobs[0];
    assert!(lineage.nodes > 1 && lineage.edges > 0, "{lineage:?}");
    assert_eq!(
        written.jobs[2].nodes, 2,
        "78/311 cites 217 A (III) directly"
    );

    let checked = build(dir.path(), Mode::Check);
    assert!(checked.is_clean(), "{}", report_text(&checked, Mode::Check));
    assert!(checked
        .jobs
        .iter()
        .all(|j| j.status == JobStatus::Unchanged));

    let again = build(dir.path(), Mode::Write);
    assert!(again.jobs.iter().all(|j| j.status == JobStatus::Unchanged));
}

#[test]
fn outputs_are_byte_identical_across_runs_and_places() {
    let one = project(CONFIG);
    let two = project(CONFIG);
    build(one.path(), Mode::Write);
    build(two.path(), Mode::Write);
    // The second place is reached by a path with `.` in it: outputs must
    // not depend on how the base directory is spelled.
    let mut count = 0;
    for entry in walkdir::WalkDir::new(one.path().join("out")).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(one.path()).unwrap();
        let a = std::fs::read(entry.path()).unwrap();
        let b = std::fs::read(two.path().join(rel)).unwrap();
        assert!(a == b, "{} differs between two builds", rel.display());
        count += 1;
    }
    assert_eq!(count, 9);
    // And a third run, in memory, agrees with both.
    let config = load_config(&two.path().join("rescite.toml")).unwrap();
    let dotted = two.path().join(".");
    assert!(run(&config, &dotted, Mode::Check).unwrap().is_clean());
}

#[test]
fn an_edited_output_is_stale_with_a_summary() {
    let dir = project(CONFIG);
    build(dir.path(), Mode::Write);
    let dot = dir.path().join("out/lineage.dot");
    let text = std::fs::read_to_string(&dot).unwrap();
    std::fs::write(&dot, text.replacen("digraph", "digraph edited", 1)).unwrap();
    let json = dir.path().join("out/path.json");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    value["nodes"].as_array_mut().unwrap().pop();
    std::fs::write(&json, serde_json::to_vec_pretty(&value).unwrap()).unwrap();

    let report = build(dir.path(), Mode::Check);
    assert!(!report.is_clean());
    assert_eq!(
        problems(&report),
        [
            (ProblemKind::Stale, dot.clone()),
            (ProblemKind::Stale, json.clone())
        ]
    );
    assert!(
        report.stale[0]
            .summary
            .starts_with("1 line differs, first at line "),
        "{}",
        report.stale[0].summary
    );
    assert!(
        report.stale[1]
            .summary
            .starts_with("1 nodes added, 0 removed"),
        "{}",
        report.stale[1].summary
    );
    assert_eq!(report.jobs[0].status, JobStatus::Stale { files: vec![dot] });
    assert_eq!(
        report.jobs[2].status,
        JobStatus::Stale { files: vec![json] }
    );
    let text = report_text(&report, Mode::Check);
    assert!(text.contains("stale: "), "{text}");
    // Writing repairs it.
    build(dir.path(), Mode::Write);
    assert!(build(dir.path(), Mode::Check).is_clean());
}

/// An SVG drawing is up to date when it records the DOT the job gives
/// now: other fonts move its text, not its staleness. Drawing it needs
/// Graphviz's `dot` (scripts/test installs it).
#[test]
fn a_drawing_is_current_by_the_dot_it_records() {
    let dir = project(
        r#"
inputs = ["corpus"]
output = "out"

[[job]]
name = "lineage"
lineage = { symbols = ["A/RES/78/311"], depth = 1 }
formats = ["dot", "svg"]
"#,
    );
    build(dir.path(), Mode::Write);
    let svg_path = dir.path().join("out/lineage.svg");
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let record = svg
        .lines()
        .find(|l| l.starts_with("<!-- rescite: drawn from DOT sha256:"))
        .unwrap_or_else(|| panic!("no record of the DOT in\n{svg}"));
    assert!(svg.find(record) < svg.find("<svg"), "{svg}");

    // What another machine's fonts do: the text elsewhere, the DOT the same.
    let moved = svg.replacen("<svg width=\"", "<svg width=\"1", 1);
    std::fs::write(&svg_path, &moved).unwrap();
    assert!(build(dir.path(), Mode::Check).is_clean());
    build(dir.path(), Mode::Write);
    assert_eq!(std::fs::read_to_string(&svg_path).unwrap(), moved);

    // A drawing without the record, or of another DOT, is stale.
    std::fs::write(&svg_path, moved.replace(record, "")).unwrap();
    let report = build(dir.path(), Mode::Check);
    assert_eq!(problems(&report), [(ProblemKind::Stale, svg_path.clone())]);
    assert!(
        report.stale[0].summary.contains("no record"),
        "{}",
        report.stale[0].summary
    );
    let other = record.replace("sha256:", "sha256:0");
    std::fs::write(&svg_path, moved.replace(record, &other)).unwrap();
    let report = build(dir.path(), Mode::Check);
    assert_eq!(problems(&report), [(ProblemKind::Stale, svg_path.clone())]);
    assert!(
        report.stale[0].summary.contains("another DOT"),
        "{}",
        report.stale[0].summary
    );

    // Writing draws it again; deleting it makes it missing.
    build(dir.path(), Mode::Write);
    assert_eq!(std::fs::read_to_string(&svg_path).unwrap(), svg);
    std::fs::remove_file(&svg_path).unwrap();
    let report = build(dir.path(), Mode::Check);
    assert_eq!(problems(&report), [(ProblemKind::Missing, svg_path)]);
}

#[test]
fn a_deleted_output_is_missing() {
    let dir = project(CONFIG);
    build(dir.path(), Mode::Write);
    let gone = dir.path().join("out/corpus/all.graphml");
    std::fs::remove_file(&gone).unwrap();
    let report = build(dir.path(), Mode::Check);
    assert_eq!(problems(&report), [(ProblemKind::Missing, gone.clone())]);
    assert_eq!(
        report.jobs[3].status,
        JobStatus::Stale { files: vec![gone] }
    );
    // Check writes nothing.
    assert!(!dir.path().join("out/corpus/all.graphml").exists());
}

#[test]
fn a_stray_file_in_an_output_directory_is_extra() {
    let dir = project(CONFIG);
    build(dir.path(), Mode::Write);
    let stray = dir.path().join("out/old-job.dot");
    let notes = dir.path().join("out/corpus/notes.txt");
    std::fs::write(&stray, "digraph {}\n").unwrap();
    std::fs::write(&notes, "mine\n").unwrap();
    std::fs::write(dir.path().join("out/.gitkeep"), "").unwrap();
    std::fs::write(dir.path().join("elsewhere.dot"), "digraph {}\n").unwrap();
    let report = build(dir.path(), Mode::Check);
    assert_eq!(
        problems(&report),
        [
            (ProblemKind::Extra, notes.clone()),
            (ProblemKind::Extra, stray.clone())
        ]
    );
    assert!(report.jobs.iter().all(|j| j.status == JobStatus::Unchanged));
    // Write removes a stray graph file, leaves (and reports) anything else.
    let written = build(dir.path(), Mode::Write);
    assert_eq!(written.removed, std::slice::from_ref(&stray));
    assert!(!stray.exists() && notes.exists());
    assert_eq!(problems(&written), [(ProblemKind::Extra, notes)]);
    // Reported, but the jobs ran: the build succeeded, the check did not.
    assert!(written.succeeded(Mode::Write));
    assert!(!build(dir.path(), Mode::Check).succeeded(Mode::Check));
}

fn config_error(config: &str) -> (BuildError, String) {
    let dir = project(config);
    let err = load_config(&dir.path().join("rescite.toml")).unwrap_err();
    let shown = err.to_string();
    assert!(shown.contains("rescite.toml:"), "names the file: {shown}");
    (err, shown)
}

fn line_of(err: &BuildError) -> usize {
    match err {
        BuildError::Config { line, .. } => *line,
        other => panic!("not a configuration error: {other}"),
    }
}

#[test]
fn an_unknown_key_names_file_line_and_key() {
    let (err, shown) = config_error(
        "inputs = [\"corpus\"]\noutput = \"out\"\n\n[[job]]\nname = \"a\"\ncorpus = true\nformats = [\"json\"]\ndeepth = 3\n",
    );
    assert_eq!(line_of(&err), 8, "{shown}");
    assert!(shown.contains("deepth"), "{shown}");
}

#[test]
fn a_bad_symbol_names_file_line_key_and_symbol() {
    let (err, shown) = config_error(
        "inputs = [\"corpus\"]\noutput = \"out\"\n\n[[job]]\nname = \"a\"\nformats = [\"json\"]\nlineage = { symbols = [\"A/RES/78/311\", \"not a symbol\"] }\n",
    );
    assert_eq!(line_of(&err), 7, "{shown}");
    assert!(
        shown.contains("lineage.symbols")
            && shown.contains("not a symbol")
            && shown.contains("job `a`"),
        "{shown}"
    );
    let (err, shown) = config_error(
        "inputs = [\"corpus\"]\noutput = \"out\"\n\n[[job]]\nname = \"a\"\nformats = [\"json\", \"jpeg\"]\ncorpus = true\n",
    );
    assert_eq!(line_of(&err), 6, "{shown}");
    assert!(
        shown.contains("formats") && shown.contains("jpeg"),
        "{shown}"
    );
}

#[test]
fn a_missing_input_directory_names_file_line_key_and_path() {
    let (err, shown) = config_error(
        "output = \"out\"\n\n[[job]]\nname = \"a\"\ninputs = [\"corpus\",\n  \"no/such/dir\"]\ncorpus = true\nformats = [\"json\"]\n",
    );
    assert_eq!(line_of(&err), 6, "{shown}");
    assert!(
        shown.contains("inputs") && shown.contains("no/such/dir"),
        "{shown}"
    );
}

#[test]
fn two_jobs_writing_one_file_and_two_products_are_refused() {
    let (_, shown) = config_error(
        "inputs = [\"corpus\"]\noutput = \"out\"\nformats = [\"json\"]\n[[job]]\nname = \"a\"\ncorpus = true\n[[job]]\nname = \"a\"\ncorpus = true\n",
    );
    assert!(shown.contains("two jobs are named `a`"), "{shown}");
    let (_, shown) = config_error(
        "inputs = [\"corpus\"]\noutput = \"out\"\nformats = [\"json\"]\n[[job]]\nname = \"a\"\ncorpus = true\npath = { from = \"A/RES/78/311\", to = \"A/RES/70/1\" }\n",
    );
    assert!(shown.contains("exactly one of"), "{shown}");
}

#[test]
fn an_unknown_symbol_fails_its_job_only() {
    let dir = project(
        "inputs = [\"corpus\"]\noutput = \"out\"\nformats = [\"json\"]\n\
         [[job]]\nname = \"ghost\"\nlineage = { symbols = [\"A/RES/75/9999\"] }\n\
         [[job]]\nname = \"fine\"\ncorpus = true\n",
    );
    let report = build(dir.path(), Mode::Write);
    assert!(report.has_failures() && !report.is_clean());
    match &report.jobs[0].status {
        JobStatus::Failed(message) => assert!(
            message.contains("job `ghost`") && message.contains("A/RES/75/9999"),
            "{message}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(report.jobs[1].status, JobStatus::Written);
    // The failed job's files are the configuration's all the same: a file of
    // that name is not extra.
    std::fs::write(dir.path().join("out/ghost.json"), "{}").unwrap();
    let checked = build(dir.path(), Mode::Check);
    assert!(checked.stale.is_empty(), "{:?}", checked.stale);
    assert!(checked.has_failures());
}

/// An input that cannot be read fails the jobs that read it, in a check
/// as in a write, and a write keeps what they wrote before: a graph
/// without some of its inputs is not the one configured.
#[test]
fn an_unreadable_input_fails_its_jobs_and_keeps_their_outputs() {
    let dir = project(CONFIG);
    assert!(build(dir.path(), Mode::Write).is_clean());
    let corpus_json = dir.path().join("out/corpus/all.json");
    let before = std::fs::read(&corpus_json).unwrap();
    // Binary bytes where text should be, as a stray file in a corpus has.
    std::fs::write(
        dir.path().join("corpus/stray.txt"),
        b"\x7fELF\x00\x00binary",
    )
    .unwrap();
    for mode in [Mode::Check, Mode::Write] {
        let report = build(dir.path(), mode);
        assert!(report.has_failures(), "{mode:?}");
        for job in &report.jobs {
            match &job.status {
                JobStatus::Failed(message) => assert!(
                    message.contains("1 input(s) could not be read")
                        && message.contains("stray.txt"),
                    "{mode:?}: {message}"
                ),
                other => panic!("{mode:?}: job {} is {other:?}", job.name),
            }
        }
    }
    assert_eq!(std::fs::read(&corpus_json).unwrap(), before);
    // Every input unreadable: still nothing written over.
    for name in [
        "en_A-RES-78-311.txt",
        "en_A-RES-76-5.txt",
        "en_A-RES-77-320.txt",
    ] {
        std::fs::write(dir.path().join("corpus").join(name), b"\x00").unwrap();
    }
    assert!(build(dir.path(), Mode::Write).has_failures());
    assert_eq!(std::fs::read(&corpus_json).unwrap(), before);
}

#[test]
fn json_and_junit_reports_parse() {
    let dir = project(CONFIG);
    build(dir.path(), Mode::Write);
    std::fs::remove_file(dir.path().join("out/path.dot")).unwrap();
    std::fs::write(dir.path().join("out/stray.json"), "{}").unwrap();
    let report = build(dir.path(), Mode::Check);

    let json: serde_json::Value = serde_json::from_str(&report_json(&report)).unwrap();
    assert_eq!(json["ok"], false);
    let jobs = json["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 4);
    assert_eq!(jobs[2]["name"], "path");
    assert_eq!(jobs[2]["status"], "stale");
    assert_eq!(jobs[2]["nodes"], 2);
    assert!(jobs[0]["millis"].is_u64() && jobs[0]["warnings"].is_array());
    let kinds: Vec<&str> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["missing", "extra"]);

    let xml = report_junit(&report);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut cases, mut failures, mut names) = (0, 0, Vec::new());
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    b"testcase" => {
                        cases += 1;
                        let name = e.try_get_attribute("name").unwrap().unwrap();
                        names.push(String::from_utf8(name.value.to_vec()).unwrap());
                    }
                    b"failure" => failures += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(names, ["lineage", "both", "path", "all", "extra files"]);
    assert_eq!((cases, failures), (5, 2), "{xml}");

    // A clean build's JUnit has no failure.
    build(dir.path(), Mode::Write);
    let clean = report_junit(&build(dir.path(), Mode::Check));
    assert!(!clean.contains("<failure"), "{clean}");
}

/// CI relies on this: the committed graphs/ are what rescite.toml makes.
/// After changing the corpus, the extraction or a renderer, regenerate them
/// with `cargo run -- build` (or `rescite build`) and commit graphs/.
#[test]
fn committed_graphs_are_up_to_date_with_rescite_toml() {
    let base = Path::new(MANIFEST);
    let config = load_config(&base.join("rescite.toml")).unwrap();
    let report = run(&config, base, Mode::Check).unwrap();
    assert!(
        report.is_clean(),
        "graphs/ is not what rescite.toml makes; run `rescite build`:\n{}",
        report_text(&report, Mode::Check)
    );
    let lineage = report
        .jobs
        .iter()
        .find(|j| j.name == "lineage-78-311")
        .unwrap();
    assert!(lineage.nodes > 10, "{lineage:?}");
}
