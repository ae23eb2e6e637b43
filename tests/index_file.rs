//! The saved index (`rescite index`, `--graph FILE`): a load gives back the
//! very graph that was saved, a save is byte-for-byte deterministic, and
//! damaged, cut, foreign or old files are errors that name the file, never
//! panics.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rescite::document::{expand_paths, read_document, DocumentRecord};
use rescite::graph::{CitationGraph, GraphBuilder, IndexError};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// The GA texts in six languages (verbs, sections, evidence, titles in
/// several languages) and the Security Council corpus (forward-citation
/// warnings, files without a symbol of their own).
fn records() -> &'static [DocumentRecord] {
    static RECORDS: OnceLock<Vec<DocumentRecord>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        let (files, errors) = expand_paths(&[fixture("ga/texts"), fixture("unsc-en")]);
        assert!(errors.is_empty());
        files
            .iter()
            .map(|f| read_document(f, None).expect("fixture reads"))
            .collect()
    })
}

fn build<'a>(records: impl IntoIterator<Item = &'a DocumentRecord>) -> CitationGraph {
    let mut builder = GraphBuilder::new();
    for r in records {
        builder.add(r);
    }
    builder.build()
}

fn graph() -> &'static CitationGraph {
    static GRAPH: OnceLock<CitationGraph> = OnceLock::new();
    GRAPH.get_or_init(|| build(records()))
}

#[test]
fn load_gives_back_the_saved_graph() {
    let graph = graph();
    assert!(graph.edges().any(|(_, _, e)| e.forward));
    assert!(graph.warnings.iter().any(|w| w.contains("which is later")));
    assert!(graph.warnings.iter().any(|w| w.contains("no symbol")));

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("corpus.rescite");
    graph.save(&path).expect("save");
    let loaded = CitationGraph::load(&path).expect("load");

    let nodes = |g: &CitationGraph| g.nodes().map(|(i, n)| (i, n.clone())).collect::<Vec<_>>();
    let edges = |g: &CitationGraph| {
        g.edges()
            .map(|(a, b, e)| (a, b, e.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(nodes(&loaded), nodes(graph));
    assert_eq!(edges(&loaded), edges(graph));
    assert_eq!(loaded.warnings, graph.warnings);
    for (i, node) in graph.nodes() {
        assert_eq!(loaded.index_of(&node.id), Some(i));
        assert_eq!(loaded.cites(i), graph.cites(i));
        assert_eq!(loaded.cited_by(i), graph.cited_by(i));
    }
    let wanted: rescite::symbol::Symbol = "78/31".parse().expect("symbol");
    assert_eq!(
        loaded.suggestions(&wanted, 5),
        graph.suggestions(&wanted, 5)
    );
    assert_eq!(
        rescite::query::stats(&loaded, 10),
        rescite::query::stats(graph, 10)
    );
}

#[test]
fn same_graph_same_bytes() {
    // (`assert!` rather than `assert_eq!`: a failure would print megabytes.)
    let graph = graph();
    let bytes = graph.to_index_bytes();
    assert!(graph.to_index_bytes() == bytes);
    // A graph built again from the same records.
    assert!(build(records()).to_index_bytes() == bytes);
    // A loaded graph, and one loaded and read (its warnings written out).
    let loaded = CitationGraph::from_index_bytes(&bytes).expect("decodes");
    assert!(
        loaded.to_index_bytes() == bytes,
        "a loaded graph saves the same"
    );
    let read = CitationGraph::from_index_bytes(&bytes).expect("decodes");
    assert!(!read.warnings.is_empty());
    assert!(read.to_index_bytes() == bytes);
    // And through the file.
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.rescite"), dir.path().join("b.rescite"));
    graph.save(&a).expect("save");
    loaded.save(&b).expect("save");
    assert!(std::fs::read(&a).expect("a") == std::fs::read(&b).expect("b"));
}

#[test]
fn cut_and_flipped_bytes_are_errors() {
    let bytes = graph().to_index_bytes();
    let len = bytes.len();

    // Cut at every length within the header and the start of the body,
    // then at 500 points through the rest, and one byte short.
    let cuts = (0..64.min(len))
        .chain((64..len).step_by((len / 500).max(1)))
        .chain([len - 1]);
    for cut in cuts {
        assert!(
            CitationGraph::from_index_bytes(&bytes[..cut]).is_err(),
            "cut at {cut} of {len}"
        );
    }
    // A byte too many.
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(CitationGraph::from_index_bytes(&longer).is_err());

    // Every bit of the header and the start of the body, then a bit at
    // 3,000 points through the rest.
    let flips = (0..64 * 8).chain((64 * 8..len * 8).step_by((len * 8 / 3000).max(1)));
    for bit in flips {
        let mut damaged = bytes.clone();
        damaged[bit / 8] ^= 1 << (bit % 8);
        assert!(
            CitationGraph::from_index_bytes(&damaged).is_err(),
            "bit {bit} flipped"
        );
    }

    // Bytes that were never an index.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for size in [0, 1, 13, 14, 40, 1000] {
        let noise: Vec<u8> = (0..size)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        assert_eq!(
            CitationGraph::from_index_bytes(&noise).err(),
            Some(IndexError::NotAnIndex)
        );
        let mut framed = bytes[..15].to_vec();
        framed.extend_from_slice(&noise);
        assert!(CitationGraph::from_index_bytes(&framed).is_err());
    }
}

#[test]
fn damaged_files_are_errors_naming_the_file() {
    let bytes = graph().to_index_bytes();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x10;
    for (name, content) in [
        ("cut.rescite", &bytes[..bytes.len() / 2]),
        ("flipped.rescite", &flipped[..]),
        ("empty.rescite", &[][..]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).expect("write");
        let err = CitationGraph::load(&path)
            .expect_err("must fail")
            .to_string();
        assert!(err.contains(name), "{err}");
    }
}

/// An index written by an older rescite (format 2, postcard) asks to be
/// rebuilt.
#[test]
fn older_index_asks_for_a_rebuild() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/index-format-2.rescite");
    let bytes = std::fs::read(&path).expect("the format-2 index");
    assert_eq!(
        CitationGraph::from_index_bytes(&bytes).err(),
        Some(IndexError::Version { found: 2 })
    );
    let err = CitationGraph::load(&path)
        .expect_err("must fail")
        .to_string();
    assert!(err.contains("index-format-2.rescite"), "{err}");
    assert!(err.contains("rebuild it with `rescite index`"), "{err}");
}
