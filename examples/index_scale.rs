//! Measures saving and loading an index of 40,000 nodes and ~500,000 edges
//! (docs/graph.md, "Index size and load time").
//!
//!     cargo run --release --example index_scale                # build, save, load
//!     cargo run --release --example index_scale -- --save FILE # build, save to FILE
//!     cargo run --release --example index_scale -- FILE [N]    # load FILE N times
//!
//! Each load of the first form runs in a fresh process, as a query with
//! `--graph FILE` does: a process that has freed memory before reuses it and
//! loads faster than any real query. Times are medians, since the machine
//! this runs on is often busy with other builds. The last two forms are for
//! profilers (`valgrind --tool=callgrind` on a load alone) and for comparing
//! two versions, each loading its own file, run after run.
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rescite::document::{CitationRecord, DocumentRecord, OffsetBase};
use rescite::extract::Section;
use rescite::graph::{CitationGraph, GraphBuilder};
use rescite::input::InputFormat;
use rescite::symbol::{Kind, Session, Symbol};
use rescite::vocab::Lang;

const SAVES: usize = 3;
const LOADS: usize = 7;
/// Loads once and prints the nanoseconds of the load and of the first
/// read of the warnings (which a loaded graph writes out on demand).
const CHILD: &str = "--load-once";

fn main() {
    let mut args = std::env::args().skip(1);
    let first = args.next();
    if first.as_deref() == Some(CHILD) {
        let file = args.next().expect("--load-once FILE");
        let t = Instant::now();
        let graph = CitationGraph::load(Path::new(&file)).expect("load");
        let load = t.elapsed();
        let t = Instant::now();
        let warnings = graph.warnings.len();
        let warn = t.elapsed();
        println!("{} {} {warnings}", load.as_nanos(), warn.as_nanos());
        return;
    }
    if first.as_deref() == Some("--save") {
        let file = args.next().expect("--save FILE");
        synthetic().build().save(Path::new(&file)).expect("save");
        return;
    }
    if let Some(file) = first {
        let runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
        let times = loads(Path::new(&file), runs);
        println!("load: {}", summary(&times));
        return;
    }

    let builder = synthetic();
    let t = Instant::now();
    let graph = builder.build();
    println!(
        "build: {} nodes, {} edges in {:.2?}",
        graph.node_count(),
        graph.edge_count(),
        t.elapsed()
    );
    // A name of its own, so that two runs at once do not share a file.
    let path: PathBuf = std::env::temp_dir().join(format!(
        "rescite-index-scale-{}.rescite",
        std::process::id()
    ));
    let saves: Vec<Duration> = (0..SAVES)
        .map(|_| {
            let t = Instant::now();
            graph.save(&path).expect("save");
            t.elapsed()
        })
        .collect();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("save: {}, {size} bytes", summary(&saves));
    drop(graph);
    let exe = std::env::current_exe().expect("this example's path");
    let (mut load, mut warn, mut warnings) = (Vec::new(), Vec::new(), 0);
    for _ in 0..LOADS {
        let out = std::process::Command::new(&exe)
            .arg(CHILD)
            .arg(&path)
            .output()
            .expect("run a load");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        let numbers: Vec<u64> = text
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        let [l, w, n] = numbers[..] else {
            panic!("unexpected output: {text}")
        };
        load.push(Duration::from_nanos(l));
        warn.push(Duration::from_nanos(w));
        warnings = n;
    }
    println!("load, a fresh process each: {}", summary(&load));
    println!("first read of the {warnings} warnings: {}", summary(&warn));
    let _ = std::fs::remove_file(&path);
}

/// Loads `path` `runs` times; checks each load gives the same graph size.
fn loads(path: &Path, runs: usize) -> Vec<Duration> {
    let mut size = None;
    (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            let graph = CitationGraph::load(path).expect("load");
            let took = t.elapsed();
            let this = (graph.node_count(), graph.edge_count());
            assert_eq!(*size.get_or_insert(this), this);
            // Dropping is not part of loading.
            drop(graph);
            took
        })
        .collect()
}

/// "median 123ms of 7 (min–max)".
fn summary(times: &[Duration]) -> String {
    let mut sorted = times.to_vec();
    sorted.sort();
    format!(
        "median {:.1?} of {} ({:.1?}–{:.1?})",
        sorted[sorted.len() / 2],
        sorted.len(),
        sorted[0],
        sorted[sorted.len() - 1]
    )
}

/// 40,000 GA resolutions citing 12 or 13 others each at random (a fixed
/// seed): every edge with a verb, a section and an evidence sentence, and
/// about half of them forward citations with a warning each.
fn synthetic() -> GraphBuilder {
    let mut builder = GraphBuilder::new();
    let mut state: u64 = 42;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let docs = 40_000u32;
    let symbol = |i: u32| Symbol::GaNumbered {
        kind: Kind::Resolution,
        session: Session::Regular(31 + (i / 400) as u16),
        number: 1 + i % 400,
    };
    for i in 0..docs {
        let own = symbol(i);
        let citations = (0..12 + (i % 2))
            .map(|_| {
                let target = symbol((next() % u64::from(docs)) as u32);
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
    builder
}
