//! Extraction throughput per language, single-threaded, on the real
//! General Assembly texts of `fixtures/ga` (46 resolutions per language).
//!
//! `cargo bench --bench extract`; `-- --quick` for a short run.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rescite::extract::{extract, Options};
use rescite::vocab::Lang;

/// The allocator the `rescite` binary runs with (src/main.rs).
#[global_allocator]
static ALLOCATOR: rescite::alloc::Mimalloc = rescite::alloc::Mimalloc;

fn texts(lang: Lang) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ga/texts");
    let prefix = format!("{}_", lang.code());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

fn extraction(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");
    for lang in Lang::ALL {
        let docs = texts(lang);
        let bytes: usize = docs.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        let options = Options {
            lang: Some(lang),
            own_symbol: None,
            ..Default::default()
        };
        group.bench_with_input(
            BenchmarkId::from_parameter(lang.code()),
            &docs,
            |b, docs| {
                b.iter(|| {
                    docs.iter()
                        .map(|text| extract(text, &options).citations.len())
                        .sum::<usize>()
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
