//! Extraction throughput on the files given on the command line:
//! `extract_throughput [--repeat N] [--warm N] [--lang xx] FILE...`.
//! Single-threaded; prints MB/s over `--repeat` passes after `--warm`
//! untimed ones (1 by default). Useful under `valgrind --tool=callgrind`.
use std::time::Instant;

use rescite::extract::{extract, Options};
use rescite::vocab::Lang;

/// The allocator the `rescite` binary runs with (src/main.rs), so that the
/// rate is the one a user gets.
#[global_allocator]
static ALLOCATOR: rescite::alloc::Mimalloc = rescite::alloc::Mimalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut repeat = 1usize;
    let mut warm = 1usize;
    let mut lang = None;
    let mut files = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            "--warm" => warm = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            "--lang" => lang = args.next().as_deref().and_then(Lang::from_code),
            _ => files.push(arg),
        }
    }
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| match std::fs::read_to_string(f) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("{f}: {e}");
                None
            }
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let options = Options {
        lang,
        own_symbol: None,
        ..Default::default()
    };
    // Compile the patterns and warm the regex engines' caches on one pass
    // over every text before the clock starts: the rate is then the steady
    // one, as on a corpus. (`--warm 0` times the first pass as well.)
    for _ in 0..warm {
        for text in &texts {
            extract(text, &options);
        }
    }
    let started = Instant::now();
    let citations = timed_passes(&texts, &options, repeat);
    let seconds = started.elapsed().as_secs_f64();
    let mb = (bytes * repeat) as f64 / 1e6;
    println!(
        "{} files, {:.1} MB, {citations} citations, {seconds:.3} s, {:.1} MB/s",
        texts.len(),
        mb,
        mb / seconds
    );
}

/// The timed passes, kept out of line so that a profile can count them
/// alone: `valgrind --tool=callgrind --toggle-collect=*timed_passes*`.
/// Returns how many citations they found.
#[inline(never)]
fn timed_passes(texts: &[String], options: &Options, repeat: usize) -> usize {
    let mut citations = 0;
    for _ in 0..repeat {
        for text in texts {
            citations += extract(text, options).citations.len();
        }
    }
    citations
}
