//! Building the citation graph from real corpora; saving and loading it.

use std::path::{Path, PathBuf};

use rescite::document::{expand_paths, read_document, DocumentRecord};
use rescite::graph::{CitationGraph, GraphBuilder};
use rescite::Symbol;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn records(dir: &str) -> Vec<DocumentRecord> {
    let (files, errors) = expand_paths(&[fixture(dir)]);
    assert!(errors.is_empty());
    files
        .iter()
        .map(|f| read_document(f, None).expect("fixture reads"))
        .collect()
}

fn build(records: &[DocumentRecord]) -> CitationGraph {
    let mut builder = GraphBuilder::new();
    for r in records {
        builder.add(r);
    }
    builder.build()
}

fn id(text: &str) -> Symbol {
    text.parse().expect("valid id")
}

/// The headline figures of the Security Council corpus, as docs/graph.md
/// states them; a change in the extractor that moves them must update the
/// docs too.
#[test]
fn unsc_corpus_headline_figures() {
    let graph = build(&records("unsc-en"));
    let stats = rescite::query::stats(&graph, 3);
    let expected =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/graph.md"))
            .expect("docs/graph.md");
    let line = format!(
        "| unsc-en | {} | {} | {} | {} |",
        stats.nodes,
        stats.edges,
        stats.in_corpus,
        stats
            .most_cited
            .iter()
            .map(|r| format!("{} ({})", r.id, r.value))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("{line}");
    assert!(
        expected.contains(&line),
        "docs/graph.md does not state the measured figures:\n{line}"
    );
    assert!(stats.nodes > 900 && stats.edges > 1500);
}

#[test]
fn one_node_per_resolution_across_languages() {
    let graph = build(&records("ga/texts"));
    let node = graph.node(
        graph
            .index_of(&id("A/RES/78/311"))
            .expect("78/311 is a node"),
    );
    assert!(node.in_corpus);
    assert_eq!(node.languages.len(), 6);
    assert_eq!(node.date.as_deref(), Some("2024-07-01"));
    assert!(node
        .title
        .as_deref()
        .is_some_and(|t| t.starts_with("Enhancing international cooperation")));
    // Cited but not in the corpus: carries what the citing texts said.
    let cited = graph.node(graph.index_of(&id("A/RES/70/1")).expect("70/1 is a node"));
    assert!(!cited.in_corpus);
    assert_eq!(cited.date.as_deref(), Some("2015-09-25"));
    assert!(cited.title.is_some());
    // One edge per pair, whatever the number of languages.
    let from = graph.index_of(&id("A/RES/78/311")).expect("node");
    let edges: Vec<_> = graph
        .cites(from)
        .into_iter()
        .filter(|(to, _)| graph.node(*to).id == id("A/RES/70/1"))
        .collect();
    assert_eq!(edges.len(), 1);
    // Counted in one text, not summed over the six: as often as the
    // version that cites it most.
    let most = records("ga/texts")
        .iter()
        .filter(|r| r.symbol.as_deref() == Some("A/RES/78/311"))
        .map(|r| {
            r.citations
                .iter()
                .filter(|c| c.target == "A/RES/70/1")
                .count()
        })
        .max()
        .expect("six versions");
    assert!(most >= 1);
    assert_eq!(edges[0].1.count, most);
    assert!(edges[0]
        .1
        .evidence
        .as_deref()
        .is_some_and(|e| e.contains("70/1")));
}

#[test]
fn no_self_citations_and_forward_citations_flagged() {
    let graph = build(&records("unsc-en"));
    for (from, to, edge) in graph.edges() {
        assert_ne!(from, to, "self-citation");
        let (a, b) = (graph.node(from), graph.node(to));
        if let (Some(x), Some(y)) = (a.year(), b.year()) {
            if y > x {
                assert!(edge.forward, "{} → {} not flagged", a.id, b.id);
            }
        }
    }
    let forward = graph.edges().filter(|(_, _, e)| e.forward).count();
    assert_eq!(
        forward,
        graph
            .warnings
            .iter()
            .filter(|w| w.contains("which is later"))
            .count()
    );
}

#[test]
fn input_order_does_not_change_the_graph() {
    let mut docs = records("ga/texts");
    let first = rescite::render::render(
        &build(&docs),
        rescite::render::GraphFormat::Json,
        &Default::default(),
    )
    .expect("json");
    docs.reverse();
    let n = docs.len();
    docs.rotate_left(n / 3);
    let second = rescite::render::render(
        &build(&docs),
        rescite::render::GraphFormat::Json,
        &Default::default(),
    )
    .expect("json");
    assert_eq!(first, second);
}

#[test]
fn index_round_trip_and_bad_files() {
    let graph = build(&records("ga/texts"));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("corpus.rescite");
    graph.save(&path).expect("save");
    let loaded = CitationGraph::load(&path).expect("load");
    assert_eq!(loaded.node_count(), graph.node_count());
    assert_eq!(loaded.edge_count(), graph.edge_count());
    let a = graph.nodes().map(|(_, n)| n.clone()).collect::<Vec<_>>();
    let b = loaded.nodes().map(|(_, n)| n.clone()).collect::<Vec<_>>();
    assert_eq!(a, b);
    assert!(loaded.index_of(&id("A/RES/78/311")).is_some());

    // Truncated, empty and foreign files are errors naming the file.
    let bytes = std::fs::read(&path).expect("read");
    for (name, content) in [
        ("cut.rescite", &bytes[..bytes.len() / 2]),
        ("empty.rescite", &[][..]),
        ("text.rescite", b"hello world".as_slice()),
    ] {
        let bad = dir.path().join(name);
        std::fs::write(&bad, content).expect("write");
        let err = CitationGraph::load(&bad)
            .expect_err("must fail")
            .to_string();
        assert!(err.contains(name), "{err}");
    }
    // A failed save never destroys the existing file.
    let missing_dir = dir.path().join("no/such/dir/corpus.rescite");
    assert!(graph.save(&missing_dir).is_err());
    assert!(CitationGraph::load(&path).is_ok());
}
