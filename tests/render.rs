//! The renderers: golden files on a small real corpus (the lineage of
//! 78/311), the DOT parsed back and drawn by Graphviz, hostile strings in
//! every format, the JSON against its schema and loaded by networkx.
//!
//! `RESCITE_BLESS=1 cargo test --test render` rewrites the golden files.
//! Tests that need Graphviz's `dot` or Python's networkx fail when they are
//! missing (run scripts/test, which installs them), unless
//! `RESCITE_SKIP_GRAPHVIZ=1` or `RESCITE_SKIP_NETWORKX=1` is set.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, Id, Stmt, Subgraph, Vertex};
use rescite::document::{CitationRecord, DocumentRecord, OffsetBase};
use rescite::extract::Section;
use rescite::graph::{CitationGraph, GraphBuilder};
use rescite::input::InputFormat;
use rescite::render::{render, GraphFormat, RenderError, RenderOptions};
use rescite::vocab::Lang;
use rescite::{Kind, Symbol};

/// The English texts of the lineage of 78/311 in fixtures/ga/texts: the
/// resolution and every resolution it cites, directly or not, that the
/// corpus holds.
const LINEAGE_78_311: [&str; 6] = [
    "en_A-RES-78-311.txt",
    "en_A-RES-78-265.txt",
    "en_A-RES-77-320.txt",
    "en_A-RES-78-132.txt",
    "en_A-RES-78-213.txt",
    "en_A-RES-78-1.txt",
];

/// Text formats with golden files.
const GOLDEN_FORMATS: [GraphFormat; 6] = [
    GraphFormat::Dot,
    GraphFormat::Json,
    GraphFormat::Graphml,
    GraphFormat::Gexf,
    GraphFormat::Mermaid,
    GraphFormat::Csv,
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

fn lineage_files() -> Vec<PathBuf> {
    LINEAGE_78_311
        .iter()
        .map(|f| root().join("fixtures/ga/texts").join(f))
        .collect()
}

fn lineage() -> CitationGraph {
    graph_of(&lineage_files())
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

fn text(graph: &CitationGraph, format: GraphFormat, options: &RenderOptions) -> String {
    let bytes = render(graph, format, options).unwrap_or_else(|e| panic!("{format:?}: {e}"));
    String::from_utf8(bytes).unwrap_or_else(|_| panic!("{format:?} output is not UTF-8"))
}

fn env_set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0")
}

// ---------------------------------------------------------------- golden

fn check_golden(format: GraphFormat) {
    let graph = lineage();
    let actual = render(&graph, format, &lineage_options()).unwrap();
    let path = root()
        .join("tests/golden")
        .join(format!("lineage-78-311.{}", format.extension()));
    if env_set("RESCITE_BLESS") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read golden file {}: {e}; run `RESCITE_BLESS=1 cargo test --test render` to write it",
            path.display()
        )
    });
    if actual != expected {
        let actual = String::from_utf8_lossy(&actual);
        let expected = String::from_utf8_lossy(&expected);
        let (line, (want, got)) = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .unwrap_or((
                expected.lines().count().min(actual.lines().count()),
                ("<end of file>", "<end of file>"),
            ));
        panic!(
            "{format:?} output differs from {} ({} bytes expected, {} rendered); first difference at line {}:\n  expected: {want}\n  rendered: {got}\nIf the change is intended, run `RESCITE_BLESS=1 cargo test --test render` and review the diff.",
            path.display(),
            expected.len(),
            actual.len(),
            line + 1,
        );
    }
}

#[test]
fn golden_dot() {
    check_golden(GraphFormat::Dot);
}

#[test]
fn golden_json() {
    check_golden(GraphFormat::Json);
}

#[test]
fn golden_graphml() {
    check_golden(GraphFormat::Graphml);
}

#[test]
fn golden_gexf() {
    check_golden(GraphFormat::Gexf);
}

#[test]
fn golden_mermaid() {
    check_golden(GraphFormat::Mermaid);
}

#[test]
fn golden_csv() {
    check_golden(GraphFormat::Csv);
}

#[test]
fn lineage_corpus_is_what_the_goldens_assume() {
    let graph = lineage();
    let in_corpus: BTreeSet<String> = graph
        .nodes()
        .filter(|(_, n)| n.in_corpus)
        .map(|(_, n)| n.id.to_string())
        .collect();
    assert_eq!(
        in_corpus,
        [
            "A/RES/77/320",
            "A/RES/78/1",
            "A/RES/78/132",
            "A/RES/78/213",
            "A/RES/78/265",
            "A/RES/78/311"
        ]
        .into_iter()
        .map(String::from)
        .collect()
    );
    let root = graph.index_of(&sym("A/RES/78/311")).unwrap();
    assert!(graph.cites(root).len() >= 5, "78/311 cites its lineage");
}

#[test]
fn output_is_byte_identical_whatever_the_order_of_the_files() {
    let mut reversed = lineage_files();
    reversed.reverse();
    let (a, b) = (lineage(), graph_of(&reversed));
    let options = lineage_options();
    for format in GOLDEN_FORMATS {
        assert_eq!(
            render(&a, format, &options).unwrap(),
            render(&b, format, &options).unwrap(),
            "{format:?}"
        );
        assert_eq!(
            render(&a, format, &options).unwrap(),
            render(&a, format, &options).unwrap(),
            "{format:?} twice"
        );
    }
}

#[test]
fn an_empty_graph_renders_in_every_format() {
    let graph = GraphBuilder::new().build();
    let options = lineage_options();
    for format in GOLDEN_FORMATS {
        let out = text(&graph, format, &options);
        assert!(!out.is_empty(), "{format:?}");
    }
    dot_facts(&text(&graph, GraphFormat::Dot, &options));
    well_formed_xml(&text(&graph, GraphFormat::Graphml, &options));
    well_formed_xml(&text(&graph, GraphFormat::Gexf, &options));
    let value: serde_json::Value =
        serde_json::from_str(&text(&graph, GraphFormat::Json, &options)).unwrap();
    validate_against_schema(&value);
    assert_eq!(
        parse_csv(&text(&graph, GraphFormat::Csv, &options)).len(),
        1
    );
    if graphviz_available() {
        assert!(text(&graph, GraphFormat::Svg, &options).contains("<svg"));
    }
}

#[test]
fn every_format_has_an_extension_that_maps_back() {
    for format in GraphFormat::ALL {
        let path = PathBuf::from(format!("graph.{}", format.extension()));
        assert_eq!(GraphFormat::from_path(&path), Some(format));
    }
    assert_eq!(
        GraphFormat::from_path(Path::new("graph.gv")),
        Some(GraphFormat::Dot)
    );
    assert_eq!(GraphFormat::from_path(Path::new("graph.txt")), None);
}

// ---------------------------------------------------------------- DOT

fn unquote(id: &Id) -> String {
    match id {
        Id::Escaped(s) => {
            let inner = &s[1..s.len() - 1];
            let mut out = String::new();
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    match chars.next() {
                        Some('"') => out.push('"'),
                        Some('\\') => out.push('\\'),
                        // Graphviz's own sequences (\n in labels) stay.
                        Some(other) => {
                            out.push('\\');
                            out.push(other);
                        }
                        None => out.push('\\'),
                    }
                } else {
                    out.push(c);
                }
            }
            out
        }
        Id::Plain(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
    }
}

fn attrs_map(attrs: &[Attribute]) -> BTreeMap<String, String> {
    attrs
        .iter()
        .map(|Attribute(k, v)| (unquote(k), unquote(v)))
        .collect()
}

/// Nodes (name → attributes), edges (from, to, attributes) and the
/// `rank=same` groups of a parsed DOT graph.
#[derive(Default)]
struct DotFacts {
    nodes: BTreeMap<String, BTreeMap<String, String>>,
    edges: Vec<(String, String, BTreeMap<String, String>)>,
    ranks: Vec<Vec<String>>,
}

fn collect(stmts: &[Stmt], facts: &mut DotFacts) {
    let mut rank_same = false;
    let mut here = Vec::new();
    for stmt in stmts {
        match stmt {
            Stmt::Node(n) => {
                let name = unquote(&n.id.0);
                here.push(name.clone());
                facts.nodes.insert(name, attrs_map(&n.attributes));
            }
            Stmt::Edge(e) => {
                if let EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) = &e.ty {
                    facts
                        .edges
                        .push((unquote(&a.0), unquote(&b.0), attrs_map(&e.attributes)));
                }
            }
            Stmt::Subgraph(Subgraph { stmts, .. }) => collect(stmts, facts),
            Stmt::Attribute(Attribute(k, v)) => {
                rank_same |= unquote(k) == "rank" && unquote(v) == "same";
            }
            Stmt::GAttribute(_) => {}
        }
    }
    if rank_same {
        facts.ranks.push(here);
    }
}

fn dot_facts(dot: &str) -> DotFacts {
    let parsed = graphviz_rust::parse(dot).unwrap_or_else(|e| panic!("DOT does not parse: {e}"));
    let Graph::DiGraph { stmts, .. } = parsed else {
        panic!("not a digraph")
    };
    let mut facts = DotFacts::default();
    collect(&stmts, &mut facts);
    facts
}

#[test]
fn dot_parses_and_holds_every_node_and_edge_styled() {
    let graph = lineage();
    let dot = text(&graph, GraphFormat::Dot, &lineage_options());
    assert!(dot.contains("rankdir=\"LR\""));
    let facts = dot_facts(&dot);
    for (_, node) in graph.nodes() {
        let id = node.id.to_string();
        let attrs = facts
            .nodes
            .get(&id)
            .unwrap_or_else(|| panic!("{id} missing from the DOT"));
        assert_eq!(attrs["URL"], node.url());
        assert!(
            attrs["label"].starts_with(&rescite::render::short_label(&node.id)),
            "{id}: {attrs:?}"
        );
        let dashed = attrs.get("style").is_some_and(|s| s.contains("dashed"));
        assert_eq!(
            dashed, !node.in_corpus,
            "{id}: dashed outline iff not in the corpus"
        );
        let focus = id == "A/RES/78/311";
        assert_eq!(
            attrs.get("penwidth").is_some(),
            focus,
            "{id}: only the focus is bold"
        );
        if let Some(title) = &node.title {
            assert!(
                attrs["tooltip"].contains(title.as_str()),
                "{id}: full title as tooltip"
            );
        }
    }
    let graph_edges: BTreeSet<(String, String)> = graph
        .edges()
        .map(|(a, b, _)| (graph.node(a).id.to_string(), graph.node(b).id.to_string()))
        .collect();
    let dot_edges: BTreeSet<(String, String)> = facts
        .edges
        .iter()
        .filter(|(a, b, _)| graph_edges.contains(&(a.clone(), b.clone())))
        .map(|(a, b, _)| (a.clone(), b.clone()))
        .collect();
    assert_eq!(dot_edges, graph_edges);
    // Ranks: one year each, every node in exactly one.
    let mut ranked = BTreeSet::new();
    for rank in &facts.ranks {
        let years: BTreeSet<Option<u16>> = rank
            .iter()
            .filter_map(|name| graph.index_of(&name.parse().ok()?))
            .map(|i| graph.node(i).year())
            .collect();
        if rank.iter().all(|name| name.starts_with("legend:")) {
            continue;
        }
        assert_eq!(years.len(), 1, "a rank mixes years: {rank:?}");
        ranked.extend(rank.iter().cloned());
    }
    for (_, node) in graph.nodes() {
        assert!(
            ranked.contains(&node.id.to_string()),
            "{} has no rank",
            node.id
        );
    }
    // A legend, as a cluster.
    assert!(dot.contains("subgraph cluster_legend"));
    assert!(facts.nodes.contains_key("legend:GA"));
}

#[test]
fn dot_label_is_number_year_and_wrapped_title() {
    let graph = lineage();
    let facts = dot_facts(&text(&graph, GraphFormat::Dot, &RenderOptions::default()));
    let label = &facts.nodes["A/RES/78/311"]["label"];
    let lines: Vec<&str> = label.split("\\n").collect();
    assert_eq!(lines[0], "78/311 · 2024");
    assert!(lines.len() <= 3, "{label}");
    assert!(
        lines[1..].iter().all(|l| l.chars().count() <= 28),
        "{label}"
    );
    assert!(lines[1].starts_with("Enhancing international"), "{label}");
}

/// Whether `dot` can be run; panics with a clear message when it cannot,
/// unless RESCITE_SKIP_GRAPHVIZ is set (then false).
fn graphviz_available() -> bool {
    let found = Command::new("dot").arg("-V").output().is_ok();
    if found {
        return true;
    }
    if env_set("RESCITE_SKIP_GRAPHVIZ") {
        eprintln!("skipped: Graphviz's `dot` is not installed (RESCITE_SKIP_GRAPHVIZ is set)");
        return false;
    }
    panic!(
        "Graphviz's `dot` is not installed: run scripts/test (it installs the `graphviz` package), \
         or set RESCITE_SKIP_GRAPHVIZ=1 to skip this test"
    );
}

/// Titles (`<title>` of each `<g id="node…">` group) of an SVG drawn by dot.
fn svg_node_titles(svg: &str) -> Vec<String> {
    let mut titles = Vec::new();
    for part in svg.split("<g id=\"node").skip(1) {
        let start = part.find("<title>").expect("node without title") + "<title>".len();
        let end = part[start..].find("</title>").unwrap() + start;
        let title = quick_xml::escape::unescape(&part[start..end])
            .unwrap()
            .into_owned();
        titles.push(title);
    }
    titles
}

#[test]
fn dot_draws_the_lineage_as_svg_and_png() {
    if !graphviz_available() {
        return;
    }
    let graph = lineage();
    let svg = text(&graph, GraphFormat::Svg, &lineage_options());
    assert!(svg.contains("<svg"), "not an SVG");
    let titles = svg_node_titles(&svg);
    let documents: BTreeSet<String> = titles
        .iter()
        .filter(|t| !t.starts_with("year:") && !t.starts_with("legend:"))
        .cloned()
        .collect();
    let expected: BTreeSet<String> = graph.nodes().map(|(_, n)| n.id.to_string()).collect();
    assert_eq!(documents, expected);
    assert_eq!(
        titles.len()
            - titles
                .iter()
                .filter(|t| t.starts_with("legend:") || t.starts_with("year:"))
                .count(),
        graph.node_count(),
        "one <g id=\"node…\"> per document"
    );
    assert!(svg.contains("https://undocs.org/en/A/RES/70/1"), "links");

    let png = render(&graph, GraphFormat::Png, &lineage_options()).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
}

#[test]
fn render_error_for_a_missing_graphviz_is_one_line_naming_the_package() {
    let err = RenderError::GraphvizMissing {
        hint: "install the `graphviz` package (apt-get install graphviz)".to_string(),
    };
    let message = err.to_string();
    assert!(
        message.contains("`graphviz`") && !message.contains('\n'),
        "{message}"
    );
}

// ---------------------------------------------------------------- hostile strings

const HOSTILE: &str = "Quotes \"x\" and \\\"y\\\", back\\slash \\N \\G \\n, {braces} [brackets] <angle> </script><script>alert(1)</script> & &amp; #quot; | pipe `tick` -- > --> ; end\nnew line\r\nCR\ttab, trailing \\";

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

fn document(
    symbol: &str,
    title: &str,
    adopted: &str,
    citations: Vec<CitationRecord>,
) -> DocumentRecord {
    DocumentRecord {
        path: format!("hostile/{}.txt", symbol.replace('/', "-")),
        symbol: Some(symbol.to_string()),
        language: Lang::En,
        title: Some(title.to_string()),
        adopted: Some(adopted.to_string()),
        format: InputFormat::Text,
        offsets: OffsetBase::File,
        citations,
        references: Vec::new(),
        warnings: Vec::new(),
    }
}

/// A graph whose titles and evidence hold every character that could break
/// a format, with one edge of each verb family and one forward citation.
fn hostile() -> CitationGraph {
    let mut builder = GraphBuilder::new();
    builder.add(&document(
        "A/RES/78/311",
        HOSTILE,
        "2024-07-01",
        vec![
            citation("A/RES/70/1", "Reaffirming", Some(HOSTILE), HOSTILE),
            citation(
                "S/RES/2231(2015)",
                "Taking note",
                Some("Iran \"nuclear\" <deal>"),
                "Taking note of \"2231\" <b>",
            ),
            citation(
                "A/HRC/RES/53/29",
                "Decides",
                None,
                "a\u{1}control \u{7f} character\nsecond line",
            ),
        ],
    ));
    builder.add(&document(
        "A/RES/70/1",
        "Transforming our world: the 2030 Agenda for Sustainable Development",
        "2015-09-25",
        // A citation of a later document: kept, flagged forward.
        vec![citation(
            "A/RES/78/311",
            "Recalling",
            None,
            "Recalling 78/311, later",
        )],
    ));
    builder.build()
}

fn hostile_options() -> RenderOptions {
    RenderOptions {
        focus: Some(sym("A/RES/78/311")),
        title: Some(HOSTILE.to_string()),
    }
}

/// `HOSTILE` as one-line formats show it: whitespace runs as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn hostile_strings_give_valid_dot() {
    let graph = hostile();
    assert!(
        graph.edges().any(|(_, _, e)| e.forward),
        "the fixture has a forward citation"
    );
    let dot = text(&graph, GraphFormat::Dot, &hostile_options());
    let facts = dot_facts(&dot);
    // The tooltip reads back as the title, on one line.
    let tooltip = &facts.nodes["A/RES/78/311"]["tooltip"];
    assert!(tooltip.ends_with(&one_line(HOSTILE)), "{tooltip}");
    assert!(dot.lines().count() > 10);
    // Edge styles by verb family; the forward citation red.
    let style = |from: &str, to: &str| {
        facts
            .edges
            .iter()
            .find(|(a, b, _)| a == from && b == to)
            .map(|(_, _, attrs)| attrs.clone())
            .unwrap_or_else(|| panic!("no edge {from} -> {to}"))
    };
    assert_eq!(style("A/RES/78/311", "A/RES/70/1")["style"], "solid");
    assert_eq!(style("A/RES/78/311", "S/RES/2231(2015)")["style"], "dashed");
    assert_eq!(style("A/RES/78/311", "A/HRC/RES/53/29")["style"], "dotted");
    assert_eq!(style("A/RES/70/1", "A/RES/78/311")["color"], "#D55E00");
    // The title of the picture survives too.
    let parsed = graphviz_rust::parse(&dot).unwrap();
    let Graph::DiGraph { stmts, .. } = parsed else {
        panic!()
    };
    let label = stmts.iter().find_map(|s| match s {
        Stmt::GAttribute(graphviz_rust::dot_structures::GraphAttributes::Graph(a)) => {
            attrs_map(a).get("label").cloned()
        }
        _ => None,
    });
    assert_eq!(label.as_deref(), Some(one_line(HOSTILE).as_str()));

    if graphviz_available() {
        let svg = text(&graph, GraphFormat::Svg, &hostile_options());
        assert_eq!(
            svg_node_titles(&svg)
                .iter()
                .filter(|t| t
                    .parse::<Symbol>()
                    .is_ok_and(|s| graph.index_of(&s).is_some()))
                .count(),
            graph.node_count()
        );
        assert!(!svg.contains("<script>"), "the title is escaped in the SVG");
    }
}

#[test]
fn hostile_strings_give_valid_json() {
    let graph = hostile();
    let json = text(&graph, GraphFormat::Json, &hostile_options());
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let node = value["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "A/RES/78/311")
        .unwrap();
    assert_eq!(node["title"], HOSTILE, "titles kept exactly");
    assert_eq!(value["graph"]["title"], HOSTILE);
    assert!(
        !json.contains(['<', '>', '&']),
        "markup characters are \\u escapes, safe inside <script>"
    );
    validate_against_schema(&value);
}

#[test]
fn hostile_strings_give_valid_graphml_and_gexf() {
    let graph = hostile();
    for format in [GraphFormat::Graphml, GraphFormat::Gexf] {
        let xml = text(&graph, format, &hostile_options());
        // Every value comes back exactly (control characters XML cannot
        // hold are dropped).
        let texts = well_formed_xml(&xml);
        assert!(
            texts.iter().any(|t| t == HOSTILE),
            "{format:?}: the title reads back"
        );
        assert!(
            texts
                .iter()
                .any(|t| t == "acontrol \u{7f} character\nsecond line"),
            "{format:?}: control characters dropped: {texts:?}"
        );
        assert!(!xml.contains("<script>"), "{format:?}");
    }
}

/// Checks that `xml` is well-formed (elements balanced, attributes and
/// escapes valid) and returns its texts and attribute values, unescaped.
fn well_formed_xml(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut texts = Vec::new();
    let mut open: Vec<String> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed XML at {}: {e}", reader.error_position()));
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                for a in e.attributes() {
                    let a = a.expect("well-formed attribute");
                    texts.push(a.unescape_value().expect("valid escapes").into_owned());
                }
                if let Event::Start(_) = event {
                    open.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => texts.push(t.unescape().expect("valid escapes").into_owned()),
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed elements: {open:?}");
    texts
}

/// Parses RFC 4180 CSV strictly: fields quoted or not, quotes doubled
/// inside quoted fields, no quote inside an unquoted field, CRLF records.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    loop {
        if at_field_start && chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                    None => panic!("unterminated quoted field"),
                }
            }
            at_field_start = false;
            continue;
        }
        match chars.next() {
            None => {
                assert!(
                    field.is_empty() && record.is_empty(),
                    "the last record lacks CRLF"
                );
                break;
            }
            Some(',') => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_field_start = true;
            }
            Some('"') => panic!("a quote inside an unquoted field"),
            Some('\n') => panic!("a bare LF outside quotes"),
            Some(c) => {
                assert!(at_field_start || !field.is_empty() || c != '"');
                field.push(c);
                at_field_start = false;
            }
        }
    }
    records
}

#[test]
fn hostile_strings_give_valid_csv() {
    let graph = hostile();
    let csv = text(&graph, GraphFormat::Csv, &hostile_options());
    let records = parse_csv(&csv);
    assert_eq!(
        records[0],
        ["source", "target", "count", "verbs", "sections", "forward", "evidence"]
    );
    assert_eq!(records.len(), graph.edge_count() + 1);
    assert!(records.iter().all(|r| r.len() == 7), "{records:?}");
    let row = records
        .iter()
        .find(|r| r[0] == "A/RES/78/311" && r[1] == "A/RES/70/1")
        .unwrap();
    assert_eq!(row[6], HOSTILE, "evidence kept exactly");
    assert_eq!(row[2], "1");
    assert_eq!(row[5], "false");
    for ((from, to, edge), row) in graph.edges().zip(&records[1..]) {
        assert_eq!(row[0], graph.node(from).id.to_string());
        assert_eq!(row[1], graph.node(to).id.to_string());
        assert_eq!(row[5], edge.forward.to_string());
        assert_eq!(
            Some(row[6].as_str()),
            edge.evidence.as_deref(),
            "evidence kept exactly"
        );
    }
}

#[test]
fn lineage_csv_is_rfc_4180() {
    let graph = lineage();
    let records = parse_csv(&text(&graph, GraphFormat::Csv, &RenderOptions::default()));
    assert_eq!(records.len(), graph.edge_count() + 1);
    assert!(records.iter().all(|r| r.len() == 7));
}

#[test]
fn hostile_strings_give_valid_mermaid() {
    let graph = hostile();
    let mermaid = text(&graph, GraphFormat::Mermaid, &hostile_options());
    let mut body = mermaid.as_str();
    if let Some(rest) = body.strip_prefix("---\n") {
        let end = rest.find("\n---\n").expect("front matter closed");
        let title = &rest[..end];
        assert!(title.starts_with("title: \""), "{title}");
        assert!(!title.contains('\n'));
        body = &rest[end + 5..];
    }
    let mut lines = body.lines();
    assert_eq!(lines.next(), Some("graph LR"));
    let mut names = BTreeSet::new();
    for line in lines {
        let line = line.trim_start();
        let name: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if let Some(label) = line.strip_prefix(&format!("{name}[\"")) {
            // A node: name["label"], the label free of quotes and markup.
            let label = label
                .strip_suffix("\"]")
                .unwrap_or_else(|| panic!("{line}"));
            assert!(!label.contains('"'), "{line}");
            let without_breaks = label.replace("<br/>", "");
            assert!(
                !without_breaks.contains(['<', '>', '`', '|', '\\']),
                "{line}"
            );
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
            names.insert(name);
        } else if line.contains("-->") {
            // An edge: from -->|"label"| to
            let label = line.split('|').nth(1);
            if let Some(label) = label {
                assert!(label.starts_with('"') && label.ends_with('"'), "{line}");
                assert!(!label[1..label.len() - 1].contains('"'), "{line}");
            }
        }
    }
    assert_eq!(names.len(), graph.node_count());
    assert!(!mermaid.contains("</script>"));
}

// ---------------------------------------------------------------- JSON

fn validate_against_schema(value: &serde_json::Value) {
    let schema_text = std::fs::read_to_string(root().join("docs/graph.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("the schema is JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema");
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "output does not match docs/graph.schema.json:\n{}",
        errors.join("\n")
    );
}

#[test]
fn json_matches_its_schema() {
    let graph = lineage();
    for options in [lineage_options(), RenderOptions::default()] {
        let value: serde_json::Value =
            serde_json::from_str(&text(&graph, GraphFormat::Json, &options)).unwrap();
        validate_against_schema(&value);
    }
}

#[test]
fn schema_rejects_what_is_not_a_graph() {
    let schema_text = std::fs::read_to_string(root().join("docs/graph.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let good: serde_json::Value =
        serde_json::from_str(&text(&lineage(), GraphFormat::Json, &lineage_options())).unwrap();
    assert!(validator.is_valid(&good));
    let mut no_count = good.clone();
    no_count["edges"][0]
        .as_object_mut()
        .unwrap()
        .remove("count");
    assert!(!validator.is_valid(&no_count), "an edge without a count");
    let mut bad_id = good.clone();
    bad_id["nodes"][0]["id"] = "78/311".into();
    assert!(!validator.is_valid(&bad_id), "a loose symbol as id");
    let mut links = good.clone();
    let edges = links.as_object_mut().unwrap().remove("edges").unwrap();
    links["links"] = edges;
    assert!(
        !validator.is_valid(&links),
        "key `links` instead of `edges`"
    );
}

#[test]
fn json_edges_join_nodes_and_keep_key_order() {
    let graph = lineage();
    let json = text(&graph, GraphFormat::Json, &lineage_options());
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: BTreeSet<&str> = value["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), graph.node_count());
    for edge in value["edges"].as_array().unwrap() {
        assert!(ids.contains(edge["source"].as_str().unwrap()));
        assert!(ids.contains(edge["target"].as_str().unwrap()));
    }
    let order = [
        "\"directed\"",
        "\"multigraph\"",
        "\"graph\"",
        "\"nodes\"",
        "\"edges\"",
    ];
    let positions: Vec<usize> = order.iter().map(|k| json.find(k).unwrap()).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "key order {positions:?}"
    );
    assert!(value["graph"]["generator"]
        .as_str()
        .unwrap()
        .starts_with("rescite "));
    let node = value["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "A/RES/78/311")
        .unwrap();
    assert_eq!(node["label"], "78/311");
    assert_eq!(node["year"], 2024);
    assert_eq!(node["session"], "78");
    assert_eq!(node["in_corpus"], true);
    assert_eq!(node["languages"], serde_json::json!(["en"]));
    assert_eq!(node["url"], "https://undocs.org/en/A/RES/78/311");
}

#[test]
fn networkx_reads_the_json() {
    let ok = Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if env_set("RESCITE_SKIP_NETWORKX") {
            eprintln!("skipped: Python's networkx is not installed (RESCITE_SKIP_NETWORKX is set)");
            return;
        }
        panic!(
            "`python3 -c \"import networkx\"` failed: run scripts/test (it installs networkx>=3.6), \
             or set RESCITE_SKIP_NETWORKX=1 to skip this test"
        );
    }
    let graph = lineage();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lineage.json");
    std::fs::write(
        &file,
        render(&graph, GraphFormat::Json, &lineage_options()).unwrap(),
    )
    .unwrap();
    // One edge to check by its count.
    let (from, to, edge) = graph.edges().max_by_key(|(_, _, e)| e.count).unwrap();
    let run = |nodes: usize, edges: usize| {
        Command::new("python3")
            .arg(root().join("tests/networkx_check.py"))
            .arg(&file)
            .arg(nodes.to_string())
            .arg(edges.to_string())
            .arg(graph.node(from).id.to_string())
            .arg(graph.node(to).id.to_string())
            .arg(edge.count.to_string())
            .output()
            .unwrap()
    };
    let output = run(graph.node_count(), graph.edge_count());
    assert!(
        output.status.success(),
        "networkx_check.py failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // And the check can fail.
    assert!(!run(graph.node_count(), graph.edge_count() + 1)
        .status
        .success());
}
