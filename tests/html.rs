//! The lineage page (`--format html`): one self-contained file with no
//! network reference, deterministic, hostile text inert; and opened in a
//! real headless Chromium (network off), which must draw every node and
//! show a node's title when it is selected.
//!
//! The browser test fails when Chromium is missing (run scripts/test, which
//! installs Debian's `chromium`), unless `RESCITE_SKIP_BROWSER=1` is set. It
//! saves a screenshot at target/lineage-78-311.png.

use std::path::{Path, PathBuf};
use std::process::Command;

use rescite::document::{CitationRecord, DocumentRecord, OffsetBase};
use rescite::extract::Section;
use rescite::graph::{CitationGraph, GraphBuilder};
use rescite::input::InputFormat;
use rescite::render::{render, GraphFormat, RenderOptions};
use rescite::vocab::Lang;
use rescite::{Kind, Symbol};

const LINEAGE_78_311: [&str; 6] = [
    "en_A-RES-78-311.txt",
    "en_A-RES-78-265.txt",
    "en_A-RES-77-320.txt",
    "en_A-RES-78-132.txt",
    "en_A-RES-78-213.txt",
    "en_A-RES-78-1.txt",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn lineage_files() -> Vec<PathBuf> {
    LINEAGE_78_311
        .iter()
        .map(|f| root().join("fixtures/ga/texts").join(f))
        .collect()
}

fn graph_of(files: &[PathBuf]) -> CitationGraph {
    let mut builder = GraphBuilder::new();
    for file in files {
        let doc = rescite::document::read_document(file, None)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        builder.add(&doc);
    }
    builder.build()
}

fn sym(text: &str) -> Symbol {
    text.parse().unwrap()
}

fn lineage_options() -> RenderOptions {
    RenderOptions {
        focus: Some(sym("A/RES/78/311")),
        title: Some("Lineage of 78/311".to_string()),
    }
}

fn page(graph: &CitationGraph, options: &RenderOptions) -> String {
    String::from_utf8(render(graph, GraphFormat::Html, options).unwrap()).unwrap()
}

/// Every `src=` / `href=` value and every `url(` in the page.
fn references(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["src=", "href=", "url(", "@import"] {
        let mut rest = html;
        while let Some(at) = rest.find(key) {
            let value: String = rest[at + key.len()..]
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>')
                .collect();
            out.push(format!("{key}{value}"));
            rest = &rest[at + key.len()..];
        }
    }
    out
}

#[test]
fn the_page_is_one_file_with_the_library_once_and_no_network() {
    let graph = graph_of(&lineage_files());
    let html = page(&graph, &lineage_options());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.ends_with("</html>\n"));
    // The vendored cytoscape, once (its licence header opens the file).
    assert_eq!(
        html.matches("Copyright (c) 2016-2026, The Cytoscape Consortium")
            .count(),
        1
    );
    assert_eq!(html.matches("<script>").count(), 2, "cytoscape + page");
    assert!(!html.contains("<script src"));
    assert!(!html.contains("<link"));
    for reference in references(&html) {
        let lower = reference.to_ascii_lowercase();
        assert!(
            !lower.contains("http:") && !lower.contains("https:") && !lower.contains("//"),
            "network reference in the page: {reference}"
        );
    }
    // A policy that forbids fetching anything.
    assert!(html.contains("default-src 'none'"));
    // The graph data, the layout and the page's controls are there.
    assert_eq!(
        html.matches("<script type=\"application/json\" id=\"graph-data\">")
            .count(),
        1
    );
    assert!(html.contains("id=\"layout-data\""));
    for id in [
        "search",
        "organ-filter",
        "year-from",
        "year-to",
        "export-png",
        "export-svg",
        "legend",
        "details",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(html.contains("@media print"));
    assert!(html.contains("\"A/RES/78/311\""));
    // Deterministic: the same graph, read in another order, gives the same
    // bytes.
    let mut reversed = lineage_files();
    reversed.reverse();
    assert_eq!(
        html,
        page(&graph_of(&reversed), &lineage_options()),
        "byte-identical"
    );
    assert_eq!(html, page(&graph, &lineage_options()));
    assert_eq!(
        GraphFormat::from_path(Path::new("lineage.html")),
        Some(GraphFormat::Html)
    );
}

#[test]
fn an_empty_graph_gives_a_page() {
    let html = page(&GraphBuilder::new().build(), &RenderOptions::default());
    assert!(html.contains("<title>Citation graph</title>"));
}

// ---------------------------------------------------------------- hostile text

const HOSTILE: &str = "Quotes \"x\" 'y' </script><script>alert(1)</script> <img src=x onerror=alert(2)> & &amp; <!-- comment --> \u{2028} end";

fn citation(target: &str, verb: &str, title: Option<&str>, evidence: &str) -> CitationRecord {
    let symbol: Symbol = target.parse().unwrap();
    CitationRecord {
        target: target.to_string(),
        part: None,
        matched: format!("resolution {}", symbol.short()),
        start: 0,
        end: 10,
        line: 1,
        date: Some("2015-09-25".to_string()),
        title: title.map(String::from),
        verb: Some(verb.to_string()),
        section: Section::Preamble,
        organ: symbol.organ().code(),
        kind: Kind::Resolution,
        evidence: Some(evidence.to_string()),
    }
}

fn document(symbol: &str, title: &str, citations: Vec<CitationRecord>) -> DocumentRecord {
    DocumentRecord {
        path: format!("hostile/{}.txt", symbol.replace('/', "-")),
        symbol: Some(symbol.to_string()),
        language: Lang::En,
        title: Some(title.to_string()),
        adopted: Some("2024-07-01".to_string()),
        format: InputFormat::Text,
        offsets: OffsetBase::File,
        citations,
        references: Vec::new(),
        warnings: Vec::new(),
    }
}

fn hostile() -> CitationGraph {
    let mut builder = GraphBuilder::new();
    builder.add(&document(
        "A/RES/78/311",
        HOSTILE,
        vec![
            citation("A/RES/70/1", HOSTILE, Some(HOSTILE), HOSTILE),
            citation(
                "S/RES/2231(2015)",
                "Taking note",
                Some("Iran \"nuclear\" <deal>"),
                "<b onmouseover=alert(3)>bold</b>",
            ),
        ],
    ));
    builder.build()
}

fn hostile_options() -> RenderOptions {
    RenderOptions {
        focus: Some(sym("A/RES/78/311")),
        title: Some(HOSTILE.to_string()),
    }
}

#[test]
fn hostile_text_never_appears_raw() {
    let html = page(&hostile(), &hostile_options());
    for raw in [
        "alert(1)</script>",
        "<script>alert",
        "<img src=x",
        "<b onmouseover",
        "<deal>",
        "<!-- comment",
        "\u{2028}",
    ] {
        assert!(!html.contains(raw), "raw hostile text in the page: {raw}");
    }
    // Exactly the page's own script elements.
    assert_eq!(html.to_ascii_lowercase().matches("<script").count(), 4);
    assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 4);
    // The title, escaped, in <title> and <h1>.
    assert!(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Quotes &quot;x&quot; &#39;y&#39;"));
    // The data survive as JSON that decodes back to the text.
    let start = html.find("id=\"graph-data\">").unwrap() + "id=\"graph-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let value: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(value["graph"]["title"], HOSTILE);
    // The page's script writes data with textContent only.
    let script = include_str!("../assets/lineage.js");
    assert!(!script.contains("innerHTML") && !script.contains("outerHTML"));
    assert!(!script.contains("insertAdjacentHTML") && !script.contains("document.write"));
}

// ---------------------------------------------------------------- browser

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Runs headless Chromium on `url` with the network off and a fresh
/// profile; `extra` are the output flags (`--dump-dom`, `--screenshot=…`).
fn run_chromium(chromium: &Path, url: &str, extra: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=127.0.0.1:9",
            "--virtual-time-budget=5000",
            "--window-size=1400,900",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", chromium.display()));
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The value of `data-NAME` on the dumped <body>.
fn body_attr(dom: &str, name: &str) -> Option<String> {
    let body = &dom[dom.find("<body")?..];
    let tag = &body[..body.find('>')?];
    let key = format!("data-{name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(tag[at..at + tag[at..].find('"')?].to_string())
}

/// The text content of the element with `id` (no nested elements).
fn element_text(dom: &str, id: &str) -> Option<String> {
    let at = dom.find(&format!("id=\"{id}\""))?;
    let rest = &dom[at..];
    let open = rest.find('>')? + 1;
    let close = rest[open..].find('<')? + open;
    Some(rest[open..close].to_string())
}

fn browser_or_skip() -> Option<PathBuf> {
    match chromium() {
        Some(path) => Some(path),
        None if std::env::var("RESCITE_SKIP_BROWSER").as_deref() == Ok("1") => {
            eprintln!("skipping: Chromium missing and RESCITE_SKIP_BROWSER=1");
            None
        }
        None => panic!(
            "Chromium is not installed: run scripts/test, which installs Debian's \
             `chromium`, or set RESCITE_SKIP_BROWSER=1 to skip the browser test"
        ),
    }
}

#[test]
fn chromium_draws_every_node_and_shows_the_selected_title() {
    let Some(chromium) = browser_or_skip() else {
        return;
    };
    let graph = graph_of(&lineage_files());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lineage-78-311.html");
    std::fs::write(&file, page(&graph, &lineage_options())).unwrap();
    let url = format!("file://{}", file.display());

    let dom = run_chromium(
        &chromium,
        &format!("{url}#select=A/RES/70/1"),
        &["--dump-dom".to_string()],
    );
    assert_eq!(
        body_attr(&dom, "state").as_deref(),
        Some("ready"),
        "the page did not start:\n{}",
        &dom[..dom.len().min(2000)]
    );
    let count = graph.node_count().to_string();
    assert_eq!(body_attr(&dom, "node-count"), Some(count.clone()));
    assert_eq!(body_attr(&dom, "nodes-drawn"), Some(count));
    assert_eq!(
        body_attr(&dom, "edges-drawn"),
        Some(graph.edge_count().to_string())
    );
    assert_eq!(body_attr(&dom, "rendered").as_deref(), Some("yes"));
    assert_eq!(body_attr(&dom, "selected").as_deref(), Some("A/RES/70/1"));
    assert_eq!(
        element_text(&dom, "d-title").as_deref(),
        Some("Transforming our world: the 2030 Agenda for Sustainable Development")
    );
    assert!(dom.contains("href=\"https://undocs.org/"), "document link");

    // A path between two chosen nodes, asked for by the URL.
    let dom = run_chromium(
        &chromium,
        &format!("{url}#path=A/RES/78/311,A/RES/70/1"),
        &["--dump-dom".to_string()],
    );
    let path = body_attr(&dom, "path").expect("a path");
    assert!(
        path.starts_with("A/RES/78/311 ") && path.ends_with(" A/RES/70/1"),
        "{path}"
    );

    // The screenshot for the docs.
    let target = root().join("target");
    std::fs::create_dir_all(&target).unwrap();
    let shot = target.join("lineage-78-311.png");
    let _ = std::fs::remove_file(&shot);
    run_chromium(
        &chromium,
        &format!("{url}#select=A/RES/70/1"),
        &[format!("--screenshot={}", shot.display())],
    );
    let bytes = std::fs::read(&shot).expect("a screenshot");
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(
        bytes.len() > 20_000,
        "screenshot too small to hold the graph"
    );
}

#[test]
fn chromium_keeps_hostile_text_inert() {
    let Some(chromium) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.html");
    std::fs::write(&file, page(&hostile(), &hostile_options())).unwrap();
    let dom = run_chromium(
        &chromium,
        &format!("file://{}#select=A/RES/70/1", file.display()),
        &["--dump-dom".to_string()],
    );
    assert_eq!(body_attr(&dom, "state").as_deref(), Some("ready"));
    assert_eq!(body_attr(&dom, "nodes-drawn").as_deref(), Some("3"));
    // No element was made from the text, and the panel shows it as text.
    assert!(!dom.contains("<img"), "an <img> element from a title");
    assert!(!dom.contains("<b onmouseover"));
    assert_eq!(
        dom.to_ascii_lowercase().matches("<script").count(),
        4,
        "only the page's own scripts"
    );
    let title = element_text(&dom, "d-title").unwrap();
    assert!(
        title.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{title}"
    );
}
