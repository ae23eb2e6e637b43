//! Measures saving and loading an index of 40,000 nodes and 500,000 edges.
use std::time::Instant;

use rescite::document::{CitationRecord, DocumentRecord, OffsetBase};
use rescite::extract::Section;
use rescite::graph::GraphBuilder;
use rescite::input::InputFormat;
use rescite::symbol::{Kind, Session, Symbol};
use rescite::vocab::Lang;

fn main() {
    let mut builder = GraphBuilder::new();
    let mut state: u64 = 42;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let docs = 40_000u32;
    for i in 0..docs {
        let own = Symbol::GaNumbered {
            kind: Kind::Resolution,
            session: Session::Regular(31 + (i / 400) as u16),
            number: 1 + i % 400,
        };
        let citations = (0..12 + (i % 2))
            .map(|_| {
                let j = (next() % u64::from(docs)) as u32;
                let target = Symbol::GaNumbered {
                    kind: Kind::Resolution,
                    session: Session::Regular(31 + (j / 400) as u16),
                    number: 1 + j % 400,
                };
                CitationRecord {
                    target: target.to_string(),
                    part: None,
                    matched: target.short(),
                    start: 0,
                    end: 0,
                    line: 1,
                    date: None,
                    title: Some(format!("Title of {target}")),
                    verb: Some("Recalling".into()),
                    section: Section::Preamble,
                    organ: "GA",
                    kind: Kind::Resolution,
                    evidence: Some(format!("Recalling its resolution {}", target.short())),
                }
            })
            .collect();
        builder.add(&DocumentRecord {
            path: format!("doc{i}.txt"),
            symbol: Some(own.to_string()),
            language: Lang::En,
            title: Some(format!("Resolution {own}")),
            adopted: Some(format!("{}-06-01", 1976 + i / 400)),
            format: InputFormat::Text,
            offsets: OffsetBase::File,
            citations,
            references: Vec::new(),
            warnings: Vec::new(),
        });
    }
    let t = Instant::now();
    let graph = builder.build();
    println!(
        "build: {} nodes, {} edges in {:?}",
        graph.node_count(),
        graph.edge_count(),
        t.elapsed()
    );
    let path = std::env::temp_dir().join("scale.rescite");
    let t = Instant::now();
    graph.save(&path).expect("save");
    println!(
        "save: {:?}, {} bytes",
        t.elapsed(),
        std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
    );
    for _ in 0..3 {
        let t = Instant::now();
        let loaded = rescite::graph::CitationGraph::load(&path).expect("load");
        println!(
            "load: {:?} ({} nodes, {} edges)",
            t.elapsed(),
            loaded.node_count(),
            loaded.edge_count()
        );
    }
}
