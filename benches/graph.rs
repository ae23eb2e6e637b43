//! The graph stages, in process: building the graph from extraction
//! records, saving and loading the index, lineage and path queries, and
//! rendering the whole graph as DOT and JSON.
//!
//! Two graphs:
//! - `fixtures`: the real corpus, fixtures/ga/texts (six languages) and
//!   fixtures/unsc-en, extracted once before measuring;
//! - `synthetic`: 40,000 resolutions citing 12–13 earlier ones each
//!   (about 500,000 edges; a tenth of the citations go to twenty famous
//!   resolutions), like examples/index_scale.rs but citing only earlier
//!   documents, as real resolutions do, so that long chains exist.
//!
//! `cargo bench --bench graph` measures; `-- --quick` for a short run;
//! `-- lineage` to run only the lineage benchmarks. Under `cargo test
//! --all-targets` criterion runs each benchmark once as a smoke test:
//! then (no `--bench` argument) both graphs are small — the English texts
//! of the GA's 78th session with 20 SC texts, and 300 synthetic
//! resolutions — so that the unoptimised test build stays within a few
//! seconds.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rescite::document::{read_document, CitationRecord, DocumentRecord, OffsetBase};
use rescite::extract::Section;
use rescite::graph::{CitationGraph, GraphBuilder, IndexView, Part};
use rescite::input::InputFormat;
use rescite::query;
use rescite::render::{self, GraphFormat, RenderOptions};
use rescite::symbol::{Kind, Session, Symbol};
use rescite::vocab::Lang;

/// `cargo bench` passes `--bench`; `cargo test` does not.
fn measuring() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// One graph to measure, with the records it is built from and the
/// documents the queries start from.
struct Case {
    name: &'static str,
    records: Vec<DocumentRecord>,
    graph: CitationGraph,
    index: Vec<u8>,
    /// A recent resolution (lineage root, path start).
    recent: Symbol,
    /// A much-cited old resolution (path end, reverse lineage root).
    hub: Symbol,
}

impl Case {
    fn new(name: &'static str, records: Vec<DocumentRecord>, recent: Symbol, hub: Symbol) -> Case {
        let graph = build(&records);
        let path = temp_index(name);
        graph.save(&path).expect("save the index");
        let index = std::fs::read(&path).expect("read the index back");
        let _ = std::fs::remove_file(&path);
        assert!(
            graph.index_of(&recent).is_some() && graph.index_of(&hub).is_some(),
            "{name}: {recent} and {hub} are in the graph"
        );
        Case {
            name,
            records,
            graph,
            index,
            recent,
            hub,
        }
    }

    fn citations(&self) -> u64 {
        self.records.iter().map(|r| r.citations.len() as u64).sum()
    }
}

fn build(records: &[DocumentRecord]) -> CitationGraph {
    let mut builder = GraphBuilder::new();
    for record in records {
        builder.add(record);
    }
    builder.build()
}

fn temp_index(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "rescite-bench-graph-{name}-{}.rescite",
        std::process::id()
    ))
}

fn fixture_files(dir: &Path, keep: impl Fn(&str) -> bool, limit: usize) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt")
                && p.file_name().and_then(|n| n.to_str()).is_some_and(&keep)
        })
        .collect();
    paths.sort();
    paths.truncate(limit);
    paths
}

/// The real corpus, extracted.
fn fixtures_case(full: bool) -> Case {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths = fixture_files(
        &root.join("ga/texts"),
        |name| full || name.starts_with("en_A-RES-78-"),
        usize::MAX,
    );
    paths.extend(fixture_files(
        &root.join("unsc-en"),
        |_| true,
        if full { usize::MAX } else { 20 },
    ));
    let records: Vec<DocumentRecord> = paths
        .iter()
        .map(|p| read_document(p, None).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect();
    let symbol = |s: &str| s.parse::<Symbol>().expect("a valid symbol");
    Case::new(
        "fixtures",
        records,
        symbol("A/RES/78/311"),
        symbol("A/RES/217(III)"),
    )
}

/// Twenty much-cited resolutions among the first thousand.
const HUBS: usize = 20;

fn synthetic_symbol(i: u32) -> Symbol {
    Symbol::GaNumbered {
        kind: Kind::Resolution,
        session: Session::Regular(31 + (i / 400) as u16),
        number: 1 + i % 400,
    }
}

/// `docs` resolutions, each citing 12 or 13 earlier ones (seeded).
fn synthetic_case(docs: u32) -> Case {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let hubs: Vec<u32> = (0..HUBS as u32).map(|k| k * 50).collect();
    let records: Vec<DocumentRecord> = (0..docs)
        .map(|i| {
            let own = synthetic_symbol(i);
            let wanted = if i == 0 { 0 } else { 12 + (i % 2) };
            let citations = (0..wanted)
                .map(|_| {
                    let j = if rng.random_bool(0.1) {
                        hubs[rng.random_range(0..HUBS)].min(i - 1)
                    } else {
                        rng.random_range(0..i)
                    };
                    let target = synthetic_symbol(j);
                    CitationRecord {
                        target: target.to_string(),
                        part: None,
                        matched: target.short(),
                        start: 0,
                        end: 0,
                        line: 1,
                        date: Some(format!("{}-12-01", 1976 + j / 400)),
                        title: Some(format!("Title of {target}")),
                        verb: Some(
                            if j % 3 == 0 {
                                "Reaffirming"
                            } else {
                                "Recalling"
                            }
                            .into(),
                        ),
                        section: if j % 4 == 0 {
                            Section::Operative
                        } else {
                            Section::Preamble
                        },
                        organ: "GA",
                        kind: Kind::Resolution,
                        evidence: Some(format!("Recalling its resolution {}", target.short())),
                    }
                })
                .collect();
            DocumentRecord {
                path: format!("synthetic/en_{i}.txt"),
                symbol: Some(own.to_string()),
                language: Lang::En,
                title: Some(format!("Resolution {own}")),
                adopted: Some(format!("{}-12-01", 1976 + i / 400)),
                format: InputFormat::Text,
                offsets: OffsetBase::File,
                citations,
                references: Vec::new(),
                warnings: Vec::new(),
            }
        })
        .collect();
    Case::new(
        "synthetic",
        records,
        synthetic_symbol(docs - 1),
        synthetic_symbol(hubs[0]),
    )
}

fn cases() -> Vec<Case> {
    let full = measuring();
    vec![
        fixtures_case(full),
        synthetic_case(if full { 40_000 } else { 300 }),
    ]
}

fn graph_benches(c: &mut Criterion) {
    let cases = cases();
    let full = measuring();

    let mut group = c.benchmark_group("graph/build");
    group.sample_size(10);
    for case in &cases {
        group.throughput(Throughput::Elements(case.citations()));
        group.bench_with_input(BenchmarkId::from_parameter(case.name), case, |b, case| {
            b.iter_with_large_drop(|| build(&case.records))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("graph/save");
    group.sample_size(10);
    for case in &cases {
        let path = temp_index(case.name);
        group.throughput(Throughput::Bytes(case.index.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(case.name), case, |b, case| {
            b.iter(|| case.graph.save(&path).expect("save"))
        });
        let _ = std::fs::remove_file(&path);
    }
    group.finish();

    let mut group = c.benchmark_group("graph/load");
    group.sample_size(if full { 20 } else { 10 });
    for case in &cases {
        group.throughput(Throughput::Bytes(case.index.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(case.name), case, |b, case| {
            b.iter_with_large_drop(|| {
                CitationGraph::from_index_bytes(&case.index).expect("a valid index")
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("query/lineage");
    for case in &cases {
        let g = &case.graph;
        let recent = g.index_of(&case.recent).expect("in the graph");
        let hub = g.index_of(&case.hub).expect("in the graph");
        // The main job: what a resolution cites, two generations deep.
        group.bench_with_input(
            BenchmarkId::new("depth2", case.name),
            &recent,
            |b, &root| b.iter(|| query::lineage(g, root, Some(2), false).lines.len()),
        );
        // Everything it leads back to.
        group.bench_with_input(BenchmarkId::new("full", case.name), &recent, |b, &root| {
            b.iter(|| query::lineage(g, root, None, false).lines.len())
        });
        // What cites a much-cited resolution.
        group.bench_with_input(
            BenchmarkId::new("reverse-depth1", case.name),
            &hub,
            |b, &root| b.iter(|| query::lineage(g, root, Some(1), true).lines.len()),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("query/path");
    for case in &cases {
        let g = &case.graph;
        let from = g.index_of(&case.recent).expect("in the graph");
        let to = g.index_of(&case.hub).expect("in the graph");
        group.bench_with_input(
            BenchmarkId::new("shortest", case.name),
            &(from, to),
            |b, &(from, to)| b.iter(|| query::shortest_path(g, from, to).map(|p| p.length())),
        );
        group.bench_with_input(
            BenchmarkId::new("all-max6-limit100", case.name),
            &(from, to),
            |b, &(from, to)| b.iter(|| query::all_paths(g, from, to, 6, 100).paths.len()),
        );
    }
    group.finish();

    // What a query on a saved graph costs in process: check the index
    // bytes (the file read is left out), read the part the query needs,
    // answer. The CLI's times (scripts/bench-pipeline) add process start
    // and the read.
    let mut group = c.benchmark_group("query/from-index");
    for case in &cases {
        // Check fresh bytes, read the part, answer with `answer` on it.
        let bench =
            |b: &mut criterion::Bencher, part: Part, answer: &dyn Fn(&CitationGraph) -> usize| {
                b.iter_batched(
                    || case.index.clone(),
                    |bytes| {
                        let view = IndexView::from_bytes(bytes).expect("a valid index");
                        answer(&view.part(&part).expect("reads").expect("in it"))
                    },
                    criterion::BatchSize::LargeInput,
                )
            };
        group.bench_function(BenchmarkId::new("lineage-depth2", case.name), |b| {
            let part = Part::Lineage {
                root: &case.recent,
                depth: Some(2),
                reverse: false,
            };
            bench(b, part, &|g| {
                let root = g.index_of(&case.recent).expect("in the part");
                query::lineage(g, root, Some(2), false).lines.len()
            })
        });
        group.bench_function(BenchmarkId::new("shortest-path", case.name), |b| {
            let part = Part::ShortestPath {
                from: &case.recent,
                to: &case.hub,
            };
            bench(b, part, &|g| {
                let (from, to) = (g.index_of(&case.recent), g.index_of(&case.hub));
                query::shortest_path(g, from.expect("in"), to.expect("in"))
                    .map_or(0, |p| p.length())
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    let options = RenderOptions::default();
    for case in &cases {
        group.throughput(Throughput::Elements(case.graph.edge_count() as u64));
        group.bench_with_input(BenchmarkId::new("dot", case.name), case, |b, case| {
            b.iter(|| render::to_dot(&case.graph, &options).len())
        });
        group.bench_with_input(BenchmarkId::new("json", case.name), case, |b, case| {
            b.iter(|| {
                render::render(&case.graph, GraphFormat::Json, &options)
                    .expect("JSON renders")
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, graph_benches);
criterion_main!(benches);
