//! The `rescite extract` command as a user and a pipeline see it.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
        .display()
        .to_string()
}

fn rescite() -> Command {
    Command::cargo_bin("rescite").expect("the binary is built")
}

fn json_of(args: &[&str]) -> Value {
    let output = rescite().args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

#[test]
fn extract_json_follows_the_contract() {
    let doc = &json_of(&[
        "extract",
        &fixture("seed/zh_A-RES-78-311.pdf-text.txt"),
        "--format",
        "json",
    ])["documents"][0];
    assert_eq!(doc["symbol"], "A/RES/78/311");
    assert_eq!(doc["language"], "zh");
    let citations = doc["citations"].as_array().expect("citations");
    let first = &citations[0];
    for key in [
        "target", "part", "matched", "start", "end", "line", "date", "title", "verb", "section",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["target"], "A/RES/70/1");
    assert_eq!(first["date"], "2015-09-25");
    assert_eq!(first["section"], "preamble");
    // Offsets are byte offsets into the file.
    let text = std::fs::read(fixture("seed/zh_A-RES-78-311.pdf-text.txt")).expect("fixture");
    for c in citations {
        let (start, end) = (
            c["start"].as_u64().expect("start") as usize,
            c["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            String::from_utf8_lossy(&text[start..end]),
            c["matched"].as_str().expect("matched")
        );
    }
    let targets: Vec<&str> = citations
        .iter()
        .filter_map(|c| c["target"].as_str())
        .collect();
    assert!(targets.contains(&"A/RES/217(III)"));
    assert!(!targets.contains(&"A/RES/78/311"), "own symbol cited");
    let refs: Vec<&str> = doc["references"]
        .as_array()
        .expect("refs")
        .iter()
        .filter_map(|r| r["symbol"].as_str())
        .collect();
    assert!(refs.contains(&"A/78/L.86"));
}

#[test]
fn akoma_ntoso_is_read_natively() {
    let doc = &json_of(&["extract", &fixture("akn/A_RES_78_311-2412313E.xml")])["documents"][0];
    assert_eq!(doc["symbol"], "A/RES/78/311");
    assert_eq!(doc["adopted"], "2024-07-01");
    assert_eq!(doc["format"], "akomantoso");
    let targets: Vec<&str> = doc["citations"]
        .as_array()
        .expect("c")
        .iter()
        .filter_map(|c| c["target"].as_str())
        .collect();
    assert!(targets.contains(&"A/RES/70/1") && targets.contains(&"A/RES/217(III)"));
}

#[test]
fn a_missing_file_is_named_and_the_others_still_processed() {
    let output = rescite()
        .args([
            "extract",
            "no/such/file.txt",
            &fixture("ga/texts/en_A-RES-78-311.txt"),
            "--format",
            "jsonl",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no/such/file.txt"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.contains("A/RES/78/311"));
}

#[test]
fn binary_input_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("res.txt");
    std::fs::write(&pdf, b"%PDF-1.7\n\x00\x01\x02binary").expect("write");
    let output = rescite()
        .args(["extract", &pdf.display().to_string()])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("res.txt") && stderr.contains("pdftotext"),
        "{stderr}"
    );
}

#[test]
fn empty_and_stdin_inputs() {
    let output = rescite()
        .args(["extract", "-", "--format", "jsonl"])
        .write_stdin("")
        .output()
        .expect("runs");
    assert!(output.status.success());
    let output = rescite()
        .args(["extract", "-", "--format", "csv", "--lang", "en"])
        .write_stdin(
            "Recalling its resolution 70/1 of 25 September 2015, entitled “A, \"quoted\" title”,",
        )
        .output()
        .expect("runs");
    assert!(output.status.success());
    let csv = String::from_utf8_lossy(&output.stdout);
    assert!(csv.starts_with("path,symbol,language,target"));
    assert!(
        csv.contains("A/RES/70/1") && csv.contains("\"A, \"\"quoted\"\" title\""),
        "{csv}"
    );
}

#[test]
fn a_bad_language_is_a_usage_error() {
    let output = rescite()
        .args(["extract", "-", "--lang", "xx"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("xx"));
}

#[test]
fn output_is_deterministic() {
    let args = ["extract", &fixture("ga/texts"), "--format", "jsonl"];
    let first = rescite().args(args).output().expect("runs").stdout;
    let second = rescite().args(args).output().expect("runs").stdout;
    assert!(!first.is_empty());
    assert_eq!(first, second);
}

/// Lineage, path, cites and cited-by read only their part of a saved
/// index; from the command line they answer as on the corpus itself, in
/// every format, and a missing index is said once, with its cause.
/// The README's `path` example: the English footnote is the evidence, not
/// the Chinese PDF's line of links in which 217 A (III) is found too.
#[test]
fn the_readme_path_example_shows_the_english_footnote() {
    let output = rescite()
        .args(["path", "78/311", "217 A (III)"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with("A/RES/78/311 · 2024-07-01 · "),
        "{text}"
    );
    assert!(lines[1].ends_with(") → A/RES/217(III)"), "{text}");
    assert_eq!(lines[2].trim(), "“1 Resolution 217 A (III).”");
}

#[test]
fn queries_on_a_saved_index_answer_as_on_the_corpus() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let index = dir.path().join("ga.rescite");
    let corpus = fixture("ga/texts");
    let index_arg = index.display().to_string();
    let saved = rescite()
        .args(["-q", "index", &corpus, "-o", &index_arg])
        .output()
        .expect("runs");
    assert!(
        saved.status.success(),
        "{}",
        String::from_utf8_lossy(&saved.stderr)
    );
    let queries: [&[&str]; 8] = [
        &["lineage", "78/311", "--depth", "2"],
        &["lineage", "78/311"],
        &[
            "lineage",
            "70/1",
            "--reverse",
            "--depth",
            "1",
            "--format",
            "json",
        ],
        &["lineage", "78/311", "--depth", "1", "--format", "dot"],
        &["path", "78/311", "217 A (III)"],
        &["path", "78/311", "70/1", "--format", "json"],
        &["cites", "78/311", "--format", "json"],
        &["cited-by", "70/1"],
    ];
    for query in queries {
        let on = |source: &[&str]| {
            let output = rescite().args(query).args(source).output().expect("runs");
            (output.status.code(), output.stdout, output.stderr)
        };
        let from_corpus = on(&["--corpus", &corpus]);
        let from_index = on(&["--graph", &index_arg]);
        assert_eq!(from_index.0, from_corpus.0, "{query:?}");
        assert!(!from_index.1.is_empty(), "{query:?} printed nothing");
        assert_eq!(
            String::from_utf8_lossy(&from_index.1),
            String::from_utf8_lossy(&from_corpus.1),
            "{query:?}"
        );
    }

    let missing = dir.path().join("missing.rescite").display().to_string();
    let output = rescite()
        .args(["lineage", "78/311", "--graph", &missing])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("missing.rescite"), "{stderr}");
    assert_eq!(
        stderr.matches("os error").count(),
        1,
        "the cause once: {stderr}"
    );
    // Graph JSON (here cut short) is no index: the same code, and the
    // message says how to make one.
    let damaged = dir.path().join("damaged.json");
    std::fs::write(&damaged, b"{\"nodes\": [").expect("write");
    let damaged = damaged.display().to_string();
    let output = rescite()
        .args(["cites", "70/1", "--graph", &damaged])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("damaged.json") && stderr.contains("rescite index"),
        "{stderr}"
    );
}

/// An unreadable input makes `graph`, `index` and the queries exit 1, as
/// the README's table says, with the rest still read; when no input can be
/// read, nothing is written over an index or graph already there.
#[test]
fn unreadable_inputs_exit_1_and_never_cost_an_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    std::fs::copy(
        fixture("ga/texts/en_A-RES-78-311.txt"),
        corpus.join("en_A-RES-78-311.txt"),
    )
    .expect("copy");
    let stray = dir.path().join("stray.txt");
    std::fs::write(&stray, b"\x7fELF\x00\x00binary").expect("write");
    std::fs::copy(&stray, corpus.join("stray.txt")).expect("copy");
    let (corpus, stray) = (corpus.display().to_string(), stray.display().to_string());
    let run = |args: &[&str]| rescite().args(args).output().expect("runs");

    let index = dir.path().join("g.idx").display().to_string();
    let graph = dir.path().join("g.json").display().to_string();
    for (args, output) in [
        (vec!["index", &corpus, "-o", &index], &index),
        (
            vec!["graph", &corpus, "--format", "json", "-o", &graph],
            &graph,
        ),
    ] {
        let done = run(&args);
        assert_eq!(done.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&done.stderr);
        assert!(stderr.contains("stray.txt"), "{stderr}");
        let before = std::fs::read(output).expect("the readable input's graph is written");
        assert!(before.len() > 1000, "{args:?}");
        // Every input unreadable: an error, and the file as it was.
        let args: Vec<&str> = args
            .iter()
            .map(|&a| if a == corpus { stray.as_str() } else { a })
            .collect();
        let failed = run(&args);
        assert_eq!(failed.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&failed.stderr);
        assert!(
            stderr.contains("none of the 1 input(s) could be read"),
            "{stderr}"
        );
        assert_eq!(std::fs::read(output).expect("kept"), before, "{args:?}");
    }

    let lineage = run(&["lineage", "78/311", "--corpus", &corpus]);
    assert_eq!(lineage.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&lineage.stdout).contains("A/RES/70/1"));
    let stats = run(&["stats", "--corpus", &stray]);
    assert_eq!(stats.status.code(), Some(1));
    let unknown = run(&["lineage", "75/166", "--corpus", &corpus]);
    assert_eq!(unknown.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(stderr.contains("1 input(s) could not be read"), "{stderr}");
}

/// Output that cannot be written (a full disk) is an error with a
/// message, never a panic; nor is a timeout too long for a `Duration`.
#[test]
fn unwritable_output_and_huge_timeouts_are_errors_not_panics() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        return;
    }
    for args in [
        vec!["completions", "bash"],
        vec!["man"],
        vec!["lineage", "78/311"],
        vec!["build", "--check", "--report", "json"],
    ] {
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("rescite"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(std::fs::File::create(full).expect("/dev/full opens"))
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.contains("No space left"), "{args:?}: {stderr}");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out").display().to_string();
    let output = rescite()
        .args([
            "crawl",
            "78/311",
            "--offline",
            "--timeout",
            "1e300",
            "--out",
            &out,
        ])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--timeout"), "{stderr}");
}

/// Paths with no text to read are a usage error, with a word on the PDFs
/// there; a limit of no chains is refused as a bad value, not answered
/// as "no chain"; `-q` keeps a clean build's summary to itself.
#[test]
fn empty_inputs_zero_limits_and_quiet_builds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().display().to_string();
    let output = rescite().args(["extract", &empty]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no readable text"), "{stderr}");
    std::fs::write(dir.path().join("res.pdf"), b"%PDF-1.7").expect("write");
    let output = rescite().args(["extract", &empty]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("1 PDF file(s)") && stderr.contains("pdftotext"),
        "{stderr}"
    );

    for flag in ["--limit", "--max-len"] {
        let output = rescite()
            .args(["path", "78/311", "217 A (III)", "--all", flag, "0"])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{flag}");
        assert!(String::from_utf8_lossy(&output.stderr).contains(flag));
    }

    let output = rescite()
        .args(["-q", "build", "--check"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

/// A graph that cannot be written says so, naming the file and the step
/// that failed, not "read or write".
#[test]
fn unwritable_outputs_are_named_with_their_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = fixture("ga/texts/en_A-RES-78-311.txt");
    let into_dir = dir.path().display().to_string();
    let missing = dir.path().join("no/such/dir/g.json").display().to_string();
    for (output, says) in [
        (into_dir.as_str(), "it is a directory"),
        (missing.as_str(), "writing its temporary file"),
    ] {
        let done = rescite()
            .args(["graph", &text, "--format", "json", "-o", output])
            .output()
            .expect("runs");
        assert_eq!(done.status.code(), Some(2), "{output}");
        let stderr = String::from_utf8_lossy(&done.stderr);
        assert!(
            stderr.contains(&format!("cannot write `{output}`")) && stderr.contains(says),
            "{stderr}"
        );
    }
}

#[test]
fn dash_as_output_is_standard_output_and_stdin_is_named_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = fixture("ga/texts");
    let run_in_dir = |args: &[&str]| {
        rescite()
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("runs")
    };
    // The same bytes as with no -o, and no file named "-".
    let to_dash = run_in_dir(&["-q", "graph", &corpus, "--format", "json", "-o", "-"]);
    let plain = run_in_dir(&["-q", "graph", &corpus, "--format", "json"]);
    assert!(to_dash.status.success());
    assert!(!to_dash.stdout.is_empty());
    assert_eq!(to_dash.stdout, plain.stdout);
    let lineage = run_in_dir(&[
        "-q", "lineage", "78/311", "--depth", "1", "--corpus", &corpus, "-o", "-",
    ]);
    assert!(lineage.status.success());
    assert!(String::from_utf8_lossy(&lineage.stdout).starts_with("A/RES/78/311"));
    assert!(!dir.path().join("-").exists(), "a file named - was written");
    // A binary index cannot go to a terminal or a pipe.
    let index = run_in_dir(&["-q", "index", &corpus, "-o", "-"]);
    assert_eq!(index.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&index.stderr).contains("-o -"));
    assert!(!dir.path().join("-").exists(), "a file named - was written");
    // Standard input is named as such in messages, not "-".
    let stdin = rescite()
        .args(["extract", "-"])
        .write_stdin(vec![0u8, 1, 2, 3])
        .output()
        .expect("runs");
    assert_eq!(stdin.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&stdin.stderr);
    assert!(stderr.contains("cannot read standard input"), "{stderr}");
    let empty = rescite()
        .args(["extract", "-"])
        .write_stdin("")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&empty.stderr);
    assert!(stderr.contains("standard input: empty file"), "{stderr}");
}

#[test]
fn queries_name_what_went_wrong_and_keep_messages_off_stdout() {
    let corpus = fixture("");
    let run = |args: &[&str]| {
        rescite()
            .env("RESCITE_CORPUS", &corpus)
            .args(args)
            .output()
            .expect("runs")
    };
    // A decision asked for as a resolution: the decision is suggested.
    let decision = run(&["-q", "cites", "75/564"]);
    assert_eq!(decision.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&decision.stderr);
    assert!(stderr.contains("did you mean A/DEC/75/564?"), "{stderr}");
    // Old to new: no chain, and the other order suggested.
    let backwards = run(&["-q", "path", "70/1", "78/311"]);
    assert_eq!(backwards.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&backwards.stderr);
    assert!(
        stderr.contains("try `rescite path 'A/RES/78/311' 'A/RES/70/1'`"),
        "{stderr}"
    );
    // Nothing in common: said on stderr; stdout has no row (or an empty
    // JSON array).
    let table = run(&["-q", "common", "70/1", "217 A (III)"]);
    assert_eq!(table.status.code(), Some(1));
    assert!(
        table.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&table.stdout)
    );
    assert!(String::from_utf8_lossy(&table.stderr).contains("no common document"));
    let json = run(&["-q", "common", "70/1", "217 A (III)", "--format", "json"]);
    assert_eq!(String::from_utf8_lossy(&json.stdout).trim(), "[]");
    // A table with a header row.
    let common = run(&["-q", "common", "78/311", "78/265"]);
    assert!(common.status.success());
    assert!(String::from_utf8_lossy(&common.stdout).starts_with("SYMBOL  "));
    // A reversed lineage's picture says what it shows.
    let reverse = run(&[
        "-q",
        "lineage",
        "70/1",
        "--reverse",
        "--depth",
        "1",
        "--format",
        "mermaid",
    ]);
    let shown = String::from_utf8_lossy(&reverse.stdout);
    assert!(shown.contains("What cites A/RES/70/1"), "{shown}");
    assert!(!shown.contains("What cites of"), "{shown}");
    // A corpus named by the environment that is not there is an error,
    // not the bundled corpus.
    let missing = rescite()
        .env("RESCITE_CORPUS", "/nonexistent/rescite-corpus")
        .args(["cites", "78/311"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(missing.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("RESCITE_CORPUS") && stderr.contains("/nonexistent/rescite-corpus"),
        "{stderr}"
    );
}

#[test]
fn a_query_says_which_inputs_its_graph_left_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("draft.txt"),
        "Recalling resolution 70/1 of 25 September 2015,\n",
    )
    .expect("write");
    let corpus = dir.path().display().to_string();
    let output = rescite()
        .args(["stats", "--corpus", &corpus])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("1 input(s) with no symbol of their own") && stderr.contains("draft.txt"),
        "{stderr}"
    );
    // -q says nothing but errors.
    let quiet = rescite()
        .args(["-q", "stats", "--corpus", &corpus])
        .output()
        .expect("runs");
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}

#[test]
fn paths_that_are_not_there_are_a_usage_error_for_every_command() {
    let missing = "/nonexistent/rescite-input";
    let commands: [&[&str]; 3] = [
        &["extract", missing],
        &["graph", missing],
        &["stats", "--corpus", missing],
    ];
    for args in commands {
        let command = args[0];
        let output = rescite().args(args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(output.stdout.is_empty(), "{command}: an answer was printed");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("/nonexistent/rescite-input"),
            "{command}: {stderr}"
        );
    }
}

/// A Council symbol asked without its year is completed from the graph,
/// where its number names one resolution, and the completion is said on
/// stderr; a number the graph lacks is an unknown symbol.
#[test]
fn council_symbols_without_a_year_are_completed_from_the_graph() {
    let corpus = fixture("unsc-en");
    let output = rescite()
        .args(["path", "S/RES/338", "s/res/242", "--corpus", &corpus])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("S/RES/338(1973)") && stdout.contains("→ S/RES/242(1967)"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("reading `S/RES/338` as S/RES/338(1973)")
            && stderr.contains("reading `s/res/242` as S/RES/242(1967)"),
        "{stderr}"
    );
    let missing = rescite()
        .args(["-q", "cites", "S/RES/9999", "--corpus", &corpus])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(3));
    assert!(missing.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("no Security Council resolution 9999"),
        "{stderr}"
    );
}
