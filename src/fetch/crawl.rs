//! The crawl: breadth-first by generation from the seeds, each document
//! fetched (or taken from the cache), read, written to the corpus and
//! extracted; its citations make the next generation.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use reqwest::Url;
use serde::Serialize;

use super::cache::{sha256_hex, write_atomically, Cache, CacheEntry, EntryMeta, Lookup};
use super::client::{Failure, Http, Note, Policy, Reply, Validators};
use super::content::{self, ContentKind, Document, Reading};
use super::pdf::PDFTOTEXT;
use super::template::{default_url_templates, expand_template, validate_template};
use super::time::{rfc3339, unix_now};
use super::FetchError;
use crate::document::{extract_bytes, DocumentRecord};
use crate::graph::{CitationGraph, GraphBuilder};
use crate::symbol::{Kind, Organ, Symbol};
use crate::vocab::Lang;

/// Landing pages followed in a row before a page is read as text.
const MAX_FRAMES: usize = 3;

/// File names in the output directory.
pub const GRAPH_FILE: &str = "graph.rescite";
pub const MANIFEST_FILE: &str = "crawl.json";

/// What to crawl and how. [`CrawlOptions::default`] gives the defaults of
/// `rescite crawl`; set `seeds` (and usually `out_dir`) and go.
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    /// Where to start (generation 0). Always fetched, whatever the filters.
    pub seeds: Vec<Symbol>,
    /// Generations after the seeds: 0 fetches only the seeds, 1 also what
    /// they cite, and so on. Default 1.
    pub depth: usize,
    /// At most this many documents are attempted in all (seeds included);
    /// what is left over is listed as skipped.
    pub max_docs: Option<usize>,
    /// Languages in order: the first is the one asked (`--lang`), the rest
    /// are tried when a document is missing in it (`--lang-fallback`).
    /// Default `[en]`.
    pub langs: Vec<Lang>,
    /// URL templates tried in order (`--url-template`, repeatable), with
    /// `{symbol}` and `{lang}`; empty means [`default_url_templates`].
    pub url_templates: Vec<String>,
    /// The corpus directory written: `<lang>/<symbol>.txt|.xml`,
    /// `graph.rescite`, `crawl.json`.
    pub out_dir: PathBuf,
    /// The cache (`--cache DIR`); `None` = the platform cache directory.
    pub cache_dir: Option<PathBuf>,
    /// Read the cache only; ask no server (`--offline`).
    pub offline: bool,
    /// Revalidate cached documents with conditional requests, and ask
    /// again for documents remembered as missing (`--refresh`).
    pub refresh: bool,
    /// Requests per second to any one host (`--rate`). Default 1.
    pub rate_per_host: f64,
    /// Documents fetched at once. Default 4.
    pub concurrency: usize,
    /// Only follow citations of these organs (`--organ GA,SC`).
    pub organs: Option<Vec<Organ>>,
    /// Only follow citations of documents from this year on (`--since`).
    pub since: Option<u16>,
    /// Connect timeout, and the longest wait for a reply or any read of
    /// its body. Default 30 s.
    pub timeout: Duration,
    /// Largest body accepted, in bytes. Default 64 MiB.
    pub max_body: u64,
    /// Retries of one request after a 5xx, 429, timeout, broken body or
    /// empty 202. Default 3.
    pub retries: u32,
    /// The first backoff before a retry; it doubles each time, with jitter.
    /// Default 1 s.
    pub backoff: Duration,
    /// The longest Retry-After honoured; longer asks fail the request.
    /// Default 120 s.
    pub max_wait: Duration,
    /// Redirects followed from one URL. Default 10.
    pub max_redirects: usize,
}

impl Default for CrawlOptions {
    fn default() -> Self {
        CrawlOptions {
            seeds: Vec::new(),
            depth: 1,
            max_docs: None,
            langs: vec![Lang::En],
            url_templates: Vec::new(),
            out_dir: PathBuf::from("crawl"),
            cache_dir: None,
            offline: false,
            refresh: false,
            rate_per_host: 1.0,
            concurrency: 4,
            organs: None,
            since: None,
            timeout: Duration::from_secs(30),
            max_body: 64 * 1024 * 1024,
            retries: 3,
            backoff: Duration::from_secs(1),
            max_wait: Duration::from_secs(120),
            max_redirects: 10,
        }
    }
}

/// What the crawl tells its caller as it goes (for a progress bar).
/// Events are delivered on the calling thread, in the order they happen.
#[derive(Debug, Clone)]
pub enum CrawlEvent {
    /// A generation starts: `frontier` documents at this depth.
    Generation { depth: usize, frontier: usize },
    /// A worker starts on a document.
    Started { symbol: Symbol, depth: usize },
    /// An HTTP request is about to be sent (every hop counts).
    Request { symbol: Symbol, url: String },
    /// A request failed and will be tried again after `wait`.
    Retry {
        symbol: Symbol,
        url: String,
        attempt: u32,
        wait: Duration,
        reason: String,
    },
    /// A document was read, from the network or from the cache; `bytes`
    /// is the size of the body as served (the PDF, …).
    Fetched {
        symbol: Symbol,
        lang: Lang,
        url: String,
        bytes: u64,
        from_cache: bool,
        file: PathBuf,
    },
    /// A document could not be had; the crawl goes on.
    Failed { symbol: Symbol, reason: String },
    /// A document was not attempted (a decision, a filter, --max-docs).
    Skipped { symbol: Symbol, reason: String },
}

/// What a crawl did.
#[derive(Debug)]
pub struct CrawlReport {
    /// Documents fetched from the network.
    pub fetched: usize,
    /// Documents taken from the cache (or revalidated with a 304).
    pub cached: usize,
    /// Documents that could not be had, with the reason. Those that other
    /// documents cite are graph nodes with `in_corpus == false`.
    pub failed: Vec<(Symbol, String)>,
    /// Documents not attempted, with the reason.
    pub skipped: Vec<(Symbol, String)>,
    /// The citation graph of the documents read (also saved as
    /// `graph.rescite` in the output directory).
    pub graph: CitationGraph,
    /// The corpus files written, one per document read.
    pub corpus_files: Vec<PathBuf>,
    pub graph_file: PathBuf,
    pub manifest_file: PathBuf,
    pub cache_dir: PathBuf,
    /// HTTP requests sent (every hop and retry counts).
    pub requests: usize,
}

impl CrawlReport {
    /// The exit code `rescite crawl` should end with: 0 when every
    /// document attempted was read, 1 when some failed (the corpus, graph
    /// and manifest are written all the same).
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.failed.is_empty())
    }

    /// One paragraph for the end of a crawl.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "{} documents read ({} fetched, {} from the cache), {} failed, {} skipped, {} requests; \
             graph: {} nodes, {} edges\nwrote {} and {}",
            self.fetched + self.cached,
            self.fetched,
            self.cached,
            self.failed.len(),
            self.skipped.len(),
            self.requests,
            self.graph.node_count(),
            self.graph.edge_count(),
            self.graph_file.display(),
            self.manifest_file.display(),
        );
        for (symbol, reason) in &self.failed {
            text.push_str(&format!("\nfailed {symbol}: {reason}"));
        }
        text
    }
}

/// One line of `crawl.json`.
#[derive(Debug, Clone, Serialize)]
struct ManifestEntry {
    symbol: String,
    depth: usize,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<Lang>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    final_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<ContentKind>,
    /// The corpus file, relative to the output directory.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    /// SHA-256 of the body as served (as in the cache).
    #[serde(skip_serializing_if = "Option::is_none")]
    sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bytes: Option<u64>,
    /// Why it failed or was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
    /// What it cites (canonical ids, in order of first citation).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cites: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Fetched,
    Cached,
    Failed,
    Skipped,
}

#[derive(Serialize)]
struct Manifest<'a> {
    rescite: &'a str,
    started: String,
    finished: Option<String>,
    complete: bool,
    seeds: Vec<String>,
    depth: usize,
    languages: &'a [Lang],
    url_templates: &'a [String],
    offline: bool,
    refresh: bool,
    cache: String,
    summary: ManifestSummary,
    documents: Vec<&'a ManifestEntry>,
}

#[derive(Serialize)]
struct ManifestSummary {
    fetched: usize,
    cached: usize,
    failed: usize,
    skipped: usize,
    requests: usize,
}

/// A document read.
struct Got {
    lang: Lang,
    meta: EntryMeta,
    from_cache: bool,
    document: Document,
}

/// What a worker came back with.
enum Outcome {
    Read {
        got: Box<Got>,
        record: Box<DocumentRecord>,
        file: PathBuf,
        warnings: Vec<String>,
    },
    Failed(String),
    Fatal(FetchError),
}

/// Why one language gave nothing.
enum LangFailure {
    /// Every URL said 404/410 (or the cache remembers so, or --offline).
    Missing(String),
    /// The host is blocking us: trying other languages would only add load.
    Blocked(String),
    Other(String),
}

impl LangFailure {
    fn reason(&self) -> &str {
        match self {
            LangFailure::Missing(r) | LangFailure::Blocked(r) | LangFailure::Other(r) => r,
        }
    }
}

enum Msg {
    Event(CrawlEvent),
    Done(usize, Box<Outcome>),
}

/// What the workers share.
struct Ctx<'a> {
    options: &'a CrawlOptions,
    templates: Vec<String>,
    http: Option<Http>,
    cache: Cache,
    pdftotext: PathBuf,
}

/// Crawls from `options.seeds`; see the module docs and docs/crawl.md.
///
/// Per-document failures (404, not a PDF, empty text, a block, timeouts)
/// do not stop the crawl: they are listed in the report and in
/// `crawl.json`. An `Err` is returned only for what stops everything:
/// invalid options, no usable cache or output directory, a client that
/// cannot start.
pub fn crawl(
    options: &CrawlOptions,
    on_event: &mut dyn FnMut(&CrawlEvent),
) -> Result<CrawlReport, FetchError> {
    let started = rfc3339(unix_now());
    let templates = check_options(options)?;
    let cache_dir = match &options.cache_dir {
        Some(dir) => dir.clone(),
        None => Cache::default_dir().ok_or(FetchError::NoCacheDir)?,
    };
    let cache = Cache::open(&cache_dir)?;
    std::fs::create_dir_all(&options.out_dir).map_err(|source| FetchError::Io {
        path: options.out_dir.clone(),
        source,
    })?;
    let http = if options.offline {
        None
    } else {
        Some(Http::new(Policy {
            timeout: options.timeout,
            max_body: options.max_body,
            retries: options.retries,
            backoff: options.backoff,
            max_wait: options.max_wait,
            max_redirects: options.max_redirects,
            rate_per_host: options.rate_per_host,
        })?)
    };
    let ctx = Ctx {
        options,
        templates,
        http,
        cache,
        pdftotext: PathBuf::from(PDFTOTEXT),
    };

    let mut langs = Vec::new();
    for lang in &options.langs {
        if !langs.contains(lang) {
            langs.push(*lang);
        }
    }

    let mut state = State {
        entries: BTreeMap::new(),
        builder: GraphBuilder::new(),
        corpus_files: Vec::new(),
        fetched: 0,
        cached: 0,
        requests: 0,
    };
    let mut seen: BTreeSet<Symbol> = options.seeds.iter().copied().collect();
    let mut frontier: Vec<Symbol> = seen.iter().copied().collect();
    let mut attempted = 0usize;
    let write_manifest = |state: &State, finished: Option<String>| {
        let manifest = Manifest {
            rescite: env!("CARGO_PKG_VERSION"),
            started: started.clone(),
            complete: finished.is_some(),
            finished,
            seeds: options.seeds.iter().map(ToString::to_string).collect(),
            depth: options.depth,
            languages: &langs,
            url_templates: &ctx.templates,
            offline: options.offline,
            refresh: options.refresh,
            cache: cache_dir.display().to_string(),
            summary: state.summary(),
            documents: state.entries.values().collect(),
        };
        let path = options.out_dir.join(MANIFEST_FILE);
        let json = serde_json::to_vec_pretty(&manifest).map_err(|e| FetchError::Io {
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        write_atomically(&path, &json)
    };

    for depth in 0..=options.depth {
        if frontier.is_empty() {
            break;
        }
        let mut jobs = Vec::new();
        for symbol in frontier.drain(..) {
            let skip = if symbol.kind() == Kind::Decision {
                Some(
                    "a decision has no document of its own at the UN (it is printed in a \
                     compilation report)"
                        .to_owned(),
                )
            } else if options.max_docs.is_some_and(|max| attempted >= max) {
                Some(format!(
                    "--max-docs {} reached",
                    options.max_docs.unwrap_or_default()
                ))
            } else {
                None
            };
            match skip {
                Some(reason) => state.skip(symbol, depth, reason, on_event),
                None => {
                    attempted += 1;
                    jobs.push(symbol);
                }
            }
        }
        on_event(&CrawlEvent::Generation {
            depth,
            frontier: jobs.len(),
        });
        let outcomes = run_generation(&ctx, &langs, &jobs, depth, on_event, &mut state.requests)?;
        let mut cited = BTreeSet::new();
        for (symbol, outcome) in jobs.iter().zip(outcomes) {
            match outcome {
                Outcome::Read {
                    got,
                    record,
                    file,
                    warnings,
                } => {
                    for citation in &record.citations {
                        if let Ok(target) = citation.target.parse::<Symbol>() {
                            if !seen.contains(&target) {
                                cited.insert(target);
                            }
                        }
                    }
                    state.read(*symbol, depth, &got, &record, &file, warnings, options);
                }
                Outcome::Failed(reason) => {
                    state.entries.insert(
                        *symbol,
                        ManifestEntry::bare(*symbol, depth, Status::Failed, reason),
                    );
                }
                // run_generation returns fatal errors as Err.
                Outcome::Fatal(error) => return Err(error),
            }
        }
        write_manifest(&state, None)?;
        if depth == options.depth {
            break;
        }
        for symbol in cited {
            seen.insert(symbol);
            match filtered_out(&symbol, options) {
                Some(reason) => state.skip(symbol, depth + 1, reason, on_event),
                None => frontier.push(symbol),
            }
        }
    }

    // A document that could not be had stays in the graph, with the reason.
    let failures: Vec<(Symbol, String)> = state
        .entries
        .iter()
        .filter(|(_, e)| e.status == Status::Failed)
        .map(|(s, e)| {
            let reason = e.reason.clone();
            (*s, reason.unwrap_or_else(|| "could not be fetched".into()))
        })
        .collect();
    for (symbol, reason) in &failures {
        state.builder.mark_unavailable(*symbol, reason);
    }
    let graph = std::mem::take(&mut state.builder).build();
    let graph_file = options.out_dir.join(GRAPH_FILE);
    graph.save(&graph_file)?;
    write_manifest(&state, Some(rfc3339(unix_now())))?;
    let failed = state
        .entries
        .iter()
        .filter(|(_, e)| e.status == Status::Failed)
        .map(|(s, e)| (*s, e.reason.clone().unwrap_or_default()))
        .collect();
    let skipped = state
        .entries
        .iter()
        .filter(|(_, e)| e.status == Status::Skipped)
        .map(|(s, e)| (*s, e.reason.clone().unwrap_or_default()))
        .collect();
    Ok(CrawlReport {
        fetched: state.fetched,
        cached: state.cached,
        failed,
        skipped,
        graph,
        corpus_files: state.corpus_files,
        graph_file,
        manifest_file: options.out_dir.join(MANIFEST_FILE),
        cache_dir,
        requests: state.requests,
    })
}

/// What the crawl has gathered so far.
struct State {
    entries: BTreeMap<Symbol, ManifestEntry>,
    builder: GraphBuilder,
    corpus_files: Vec<PathBuf>,
    fetched: usize,
    cached: usize,
    requests: usize,
}

impl State {
    fn summary(&self) -> ManifestSummary {
        let count = |status| self.entries.values().filter(|e| e.status == status).count();
        ManifestSummary {
            fetched: self.fetched,
            cached: self.cached,
            failed: count(Status::Failed),
            skipped: count(Status::Skipped),
            requests: self.requests,
        }
    }

    fn skip(
        &mut self,
        symbol: Symbol,
        depth: usize,
        reason: String,
        on_event: &mut dyn FnMut(&CrawlEvent),
    ) {
        on_event(&CrawlEvent::Skipped {
            symbol,
            reason: reason.clone(),
        });
        self.entries.insert(
            symbol,
            ManifestEntry::bare(symbol, depth, Status::Skipped, reason),
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn read(
        &mut self,
        symbol: Symbol,
        depth: usize,
        got: &Got,
        record: &DocumentRecord,
        file: &Path,
        warnings: Vec<String>,
        options: &CrawlOptions,
    ) {
        if got.from_cache {
            self.cached += 1;
        } else {
            self.fetched += 1;
        }
        self.builder.add(record);
        self.corpus_files.push(file.to_path_buf());
        let mut cites: Vec<String> = Vec::new();
        for c in &record.citations {
            if !cites.contains(&c.target) {
                cites.push(c.target.clone());
            }
        }
        let relative = file
            .strip_prefix(&options.out_dir)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        self.entries.insert(
            symbol,
            ManifestEntry {
                symbol: symbol.to_string(),
                depth,
                status: if got.from_cache {
                    Status::Cached
                } else {
                    Status::Fetched
                },
                language: Some(got.lang),
                url: Some(got.meta.url.clone()),
                final_url: Some(got.meta.final_url.clone()),
                content_type: got.meta.content_type.clone(),
                kind: Some(got.document.kind),
                file: Some(relative),
                sha256: got.meta.sha256.clone(),
                bytes: Some(got.meta.size),
                reason: None,
                warnings,
                cites,
            },
        );
    }
}

impl ManifestEntry {
    fn bare(symbol: Symbol, depth: usize, status: Status, reason: String) -> ManifestEntry {
        ManifestEntry {
            symbol: symbol.to_string(),
            depth,
            status,
            language: None,
            url: None,
            final_url: None,
            content_type: None,
            kind: None,
            file: None,
            sha256: None,
            bytes: None,
            reason: Some(reason),
            warnings: Vec::new(),
            cites: Vec::new(),
        }
    }
}

/// Validates the options; returns the URL templates to use.
fn check_options(options: &CrawlOptions) -> Result<Vec<String>, FetchError> {
    let bad = |m: &str| Err(FetchError::Options(m.to_owned()));
    if options.seeds.is_empty() {
        return bad("no seed: name at least one resolution to start from");
    }
    if options.langs.is_empty() {
        return bad("no language: give at least one (--lang)");
    }
    if !(options.rate_per_host.is_finite() && options.rate_per_host > 0.0) {
        return bad("--rate must be a number of requests per second above 0");
    }
    if options.concurrency == 0 {
        return bad("concurrency must be at least 1");
    }
    if options.timeout.is_zero() {
        return bad("the timeout must be above 0");
    }
    if options.max_body == 0 {
        return bad("the maximum body size must be above 0");
    }
    let templates = if options.url_templates.is_empty() {
        default_url_templates()
    } else {
        options.url_templates.clone()
    };
    for template in &templates {
        validate_template(template)?;
    }
    Ok(templates)
}

/// Why a cited document is not followed, if it is not.
fn filtered_out(symbol: &Symbol, options: &CrawlOptions) -> Option<String> {
    if let Some(organs) = &options.organs {
        if !organs.contains(&symbol.organ()) {
            return Some(format!(
                "organ {} is not among --organ {}",
                symbol.organ().code(),
                organs
                    .iter()
                    .map(|o| o.code())
                    .collect::<Vec<_>>()
                    .join(",")
            ));
        }
    }
    if let Some(since) = options.since {
        // ECOSOC's old-style numbers all predate 1978; other ids without a
        // year are kept rather than guessed away.
        let year = symbol.year().or(match symbol {
            Symbol::EcosocRoman { .. } => Some(1977),
            _ => None,
        });
        if let Some(year) = year.filter(|&y| y < since) {
            return Some(format!("{year} is before --since {since}"));
        }
    }
    None
}

/// Sets the flag when dropped: on a normal end, an early return or a panic
/// in the caller's event handler, so that the workers stop taking jobs.
struct CancelOnDrop<'a>(&'a AtomicBool);

impl Drop for CancelOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Runs one generation on `concurrency` worker threads; events go to
/// `on_event` on this thread as they happen. Outcomes come back in job order.
fn run_generation(
    ctx: &Ctx,
    langs: &[Lang],
    jobs: &[Symbol],
    depth: usize,
    on_event: &mut dyn FnMut(&CrawlEvent),
    requests: &mut usize,
) -> Result<Vec<Outcome>, FetchError> {
    let mut outcomes: Vec<Option<Outcome>> = (0..jobs.len()).map(|_| None).collect();
    if jobs.is_empty() {
        return Ok(Vec::new());
    }
    let next = AtomicUsize::new(0);
    let cancel = AtomicBool::new(false);
    let workers = ctx.options.concurrency.min(jobs.len()).max(1);
    let mut fatal: Option<FetchError> = None;
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<Msg>();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, cancel) = (&next, &cancel);
            scope.spawn(move || loop {
                if cancel.load(Ordering::SeqCst) {
                    break;
                }
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(&symbol) = jobs.get(i) else { break };
                if tx
                    .send(Msg::Event(CrawlEvent::Started { symbol, depth }))
                    .is_err()
                {
                    break;
                }
                let note = |n: Note| {
                    let event = match n {
                        Note::Request { url } => CrawlEvent::Request {
                            symbol,
                            url: url.to_owned(),
                        },
                        Note::Retry {
                            url,
                            attempt,
                            wait,
                            reason,
                        } => CrawlEvent::Retry {
                            symbol,
                            url: url.to_owned(),
                            attempt,
                            wait,
                            reason,
                        },
                    };
                    let _ = tx.send(Msg::Event(event));
                };
                let outcome = ctx.resolve(symbol, langs, &note);
                if tx.send(Msg::Done(i, Box::new(outcome))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let _stop = CancelOnDrop(&cancel);
        for msg in rx {
            match msg {
                Msg::Event(event) => {
                    if matches!(event, CrawlEvent::Request { .. }) {
                        *requests += 1;
                    }
                    on_event(&event);
                }
                Msg::Done(i, outcome) => {
                    let symbol = jobs[i];
                    match &*outcome {
                        Outcome::Read { got, file, .. } => on_event(&CrawlEvent::Fetched {
                            symbol,
                            lang: got.lang,
                            url: got.meta.final_url.clone(),
                            bytes: got.meta.size,
                            from_cache: got.from_cache,
                            file: file.clone(),
                        }),
                        Outcome::Failed(reason) => on_event(&CrawlEvent::Failed {
                            symbol,
                            reason: reason.clone(),
                        }),
                        Outcome::Fatal(_) => cancel.store(true, Ordering::SeqCst),
                    }
                    match *outcome {
                        Outcome::Fatal(error) => {
                            fatal.get_or_insert(error);
                        }
                        other => {
                            if let Some(slot) = outcomes.get_mut(i) {
                                *slot = Some(other);
                            }
                        }
                    }
                }
            }
        }
    });
    if let Some(error) = fatal {
        return Err(error);
    }
    Ok(outcomes
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Outcome::Failed("the worker stopped early".to_owned())))
        .collect())
}

impl Ctx<'_> {
    /// One document: each language in turn until one gives it; then the
    /// corpus file and the extraction.
    fn resolve(&self, symbol: Symbol, langs: &[Lang], note: &dyn Fn(Note)) -> Outcome {
        let mut reasons = Vec::new();
        for &lang in langs {
            match self.get_lang(symbol, lang, note) {
                Ok(got) => return self.finish(symbol, got),
                Err(failure) => {
                    let blocked = matches!(failure, LangFailure::Blocked(_));
                    reasons.push(format!("[{}] {}", lang.code(), failure.reason()));
                    if blocked {
                        break;
                    }
                }
            }
        }
        Outcome::Failed(reasons.join("; "))
    }

    /// One document in one language: from the cache, or from each URL
    /// template in turn.
    fn get_lang(
        &self,
        symbol: Symbol,
        lang: Lang,
        note: &dyn Fn(Note),
    ) -> Result<Got, LangFailure> {
        let key = symbol.to_string();
        let cached = self.cache.get(&key, lang);
        if !self.options.refresh || self.options.offline {
            match &cached {
                Lookup::Hit(entry) => return self.read_cached(entry, lang),
                Lookup::Missing(meta) => {
                    return Err(LangFailure::Missing(format!(
                        "not found (remembered from {}: {}; --refresh asks again)",
                        meta.fetched,
                        meta.reason.as_deref().unwrap_or("404")
                    )))
                }
                Lookup::Miss => {}
            }
        }
        let Some(http) = &self.http else {
            return Err(LangFailure::Missing(
                "not in the cache, and --offline asks no server".to_owned(),
            ));
        };
        if let Lookup::Hit(entry) = &cached {
            if let Some(got) = self.revalidate(http, symbol, entry, lang, note) {
                return Ok(got);
            }
        }
        let mut reasons = Vec::new();
        let mut all_missing = true;
        let mut first_url = None;
        for template in &self.templates {
            let url = expand_template(template, &symbol, lang);
            first_url.get_or_insert_with(|| url.clone());
            match self.fetch_chain(http, &symbol, &url, None, note) {
                Ok((reply, document)) => {
                    return self.store(&key, lang, &reply, document);
                }
                Err(failure) => {
                    all_missing &= failure.is_not_found();
                    let blocked = failure.is_blocked();
                    reasons.push(failure.to_string());
                    if blocked {
                        return Err(LangFailure::Blocked(reasons.join("; ")));
                    }
                }
            }
        }
        let reason = reasons.join("; ");
        if all_missing {
            let now = unix_now();
            let meta = EntryMeta {
                key,
                language: lang,
                url: first_url.unwrap_or_default(),
                final_url: String::new(),
                status: 404,
                content_type: None,
                etag: None,
                last_modified: None,
                fetched: rfc3339(now),
                fetched_unix: now,
                sha256: None,
                size: 0,
                missing: true,
                reason: Some(reason.clone()),
            };
            // Remembering a 404 only saves a request later: failing to write
            // it is not worth failing the document for.
            let _ = self.cache.put_missing(&meta);
            return Err(LangFailure::Missing(reason));
        }
        Err(LangFailure::Other(reason))
    }

    /// `--refresh`: a conditional request to where the cached body came
    /// from. `None` when that gave nothing usable (then the templates are
    /// tried as for a new document).
    fn revalidate(
        &self,
        http: &Http,
        symbol: Symbol,
        entry: &CacheEntry,
        lang: Lang,
        note: &dyn Fn(Note),
    ) -> Option<Got> {
        let meta = &entry.meta;
        if meta.final_url.is_empty() {
            return None;
        }
        let validators = Validators {
            etag: meta.etag.clone(),
            last_modified: meta.last_modified.clone(),
        };
        let reply = http.get(&meta.final_url, Some(&validators), note).ok()?;
        if reply.status == 304 {
            let mut fresh = meta.clone();
            let now = unix_now();
            fresh.fetched = rfc3339(now);
            fresh.fetched_unix = now;
            if reply.etag.is_some() {
                fresh.etag = reply.etag;
            }
            let _ = self.cache.put_meta(&fresh);
            let mut got = self.read_cached(entry, lang).ok()?;
            got.meta = fresh;
            return Some(got);
        }
        let (reply, document) = self
            .fetch_chain(http, &symbol, &meta.final_url, Some(reply), note)
            .ok()?;
        let mut reply = reply;
        reply.first_url = meta.url.clone();
        self.store(&meta.key, lang, &reply, document).ok()
    }

    fn read_cached(&self, entry: &CacheEntry, lang: Lang) -> Result<Got, LangFailure> {
        let meta = &entry.meta;
        let ct = meta.content_type.as_deref();
        let reading = content::classify(ct, &entry.body)
            .and_then(|kind| content::read(kind, ct, &entry.body, false, &self.pdftotext));
        match reading {
            Ok(Reading::Document(document)) => Ok(Got {
                lang,
                meta: meta.clone(),
                from_cache: true,
                document,
            }),
            Ok(Reading::Frame(_)) => Err(LangFailure::Other(
                "the cached page frames another document".to_owned(),
            )),
            Err(e) => Err(LangFailure::Other(format!(
                "{} (cached from {}): {e}",
                meta.final_url, meta.fetched
            ))),
        }
    }

    /// GETs a URL (or starts from a reply already had) and follows landing
    /// pages to the document.
    fn fetch_chain(
        &self,
        http: &Http,
        symbol: &Symbol,
        url: &str,
        first: Option<Reply>,
        note: &dyn Fn(Note),
    ) -> Result<(Reply, Document), Failure> {
        let mut reply = match first {
            Some(reply) => reply,
            None => http.get(url, None, note)?,
        };
        let mut pages: Vec<String> = Vec::new();
        loop {
            let ct = reply.content_type.clone();
            let reading = content::classify(ct.as_deref(), &reply.body).and_then(|kind| {
                content::read(
                    kind,
                    ct.as_deref(),
                    &reply.body,
                    pages.len() < MAX_FRAMES,
                    &self.pdftotext,
                )
            });
            match reading {
                Ok(Reading::Document(document)) => {
                    // A page that frames nothing may be an error or search
                    // page served with 200: it must at least name the document.
                    if document.kind == ContentKind::Html
                        && !mentions(symbol, &String::from_utf8_lossy(&document.bytes))
                    {
                        return Err(Failure::Content {
                            url: reply.url.clone(),
                            message: format!(
                                "the HTML page frames no document and does not mention {symbol}: \
                                 an error or search page, not the document"
                            ),
                        });
                    }
                    reply.first_url = url.to_owned();
                    return Ok((reply, document));
                }
                Ok(Reading::Frame(src)) => {
                    let target = Url::parse(&reply.url)
                        .and_then(|base| base.join(&src))
                        .map_err(|e| Failure::Frames {
                            url: reply.url.clone(),
                            message: format!("the page frames an invalid address {src:?}: {e}"),
                        })?
                        .to_string();
                    pages.push(reply.url.clone());
                    if pages.contains(&target) {
                        pages.push(target);
                        return Err(Failure::Frames {
                            url: url.to_owned(),
                            message: format!(
                                "landing pages frame each other: {}",
                                pages.join(" → ")
                            ),
                        });
                    }
                    reply = http.get(&target, None, note)?;
                }
                Err(e) => {
                    return Err(Failure::Content {
                        url: reply.url.clone(),
                        message: e.to_string(),
                    })
                }
            }
        }
    }

    fn store(
        &self,
        key: &str,
        lang: Lang,
        reply: &Reply,
        document: Document,
    ) -> Result<Got, LangFailure> {
        let now = unix_now();
        let meta = EntryMeta {
            key: key.to_owned(),
            language: lang,
            url: reply.first_url.clone(),
            final_url: reply.url.clone(),
            status: reply.status,
            content_type: reply.content_type.clone(),
            etag: reply.etag.clone(),
            last_modified: reply.last_modified.clone(),
            fetched: rfc3339(now),
            fetched_unix: now,
            sha256: Some(sha256_hex(&reply.body)),
            size: reply.body.len() as u64,
            missing: false,
            reason: None,
        };
        // A document that cannot be cached is still read: the cache only
        // saves requests.
        let meta = self.cache.put_document(&meta, &reply.body).unwrap_or(meta);
        Ok(Got {
            lang,
            meta,
            from_cache: false,
            document,
        })
    }

    /// Writes the corpus file and extracts from it.
    fn finish(&self, symbol: Symbol, got: Got) -> Outcome {
        let file = corpus_path(
            &self.options.out_dir,
            symbol,
            got.lang,
            got.document.extension,
        );
        // A file of the other format for the same document would be read twice.
        for other in ["txt", "xml"] {
            if other != got.document.extension {
                let _ = std::fs::remove_file(corpus_path(
                    &self.options.out_dir,
                    symbol,
                    got.lang,
                    other,
                ));
            }
        }
        if let Err(error) = write_atomically(&file, &got.document.bytes) {
            return Outcome::Fatal(error);
        }
        let mut record = match extract_bytes(&file, &got.document.bytes, Some(got.lang)) {
            Ok(record) => record,
            Err(e) => return Outcome::Failed(format!("{}: {e}", got.meta.final_url)),
        };
        let mut warnings = record.warnings.clone();
        match record.symbol.as_deref().map(str::parse::<Symbol>) {
            Some(Ok(own)) if own == symbol => {}
            Some(_) => {
                warnings.push(format!(
                    "the text says it is {}; it is kept as {symbol}, the symbol asked for",
                    record.symbol.as_deref().unwrap_or("?")
                ));
                record.symbol = Some(symbol.to_string());
            }
            None => {
                warnings.push(format!(
                    "no symbol found in the text's header; {symbol} is taken from the request \
                     (`rescite graph` on the corpus directory will skip this file)"
                ));
                record.symbol = Some(symbol.to_string());
            }
        }
        Outcome::Read {
            got: Box::new(got),
            record: Box::new(record),
            file,
            warnings,
        }
    }
}

/// Whether a text names a document: its canonical symbol, its short form
/// (`78/311`, `2231 (2015)`), or its number and session both, white space
/// ignored.
fn mentions(symbol: &Symbol, text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let squeeze = |s: String| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    compact.contains(&symbol.to_string())
        || compact.contains(&squeeze(symbol.short()))
        || (compact.contains(&symbol.number().to_string())
            && compact.contains(&format!("({})", symbol.session_label())))
}

/// `out/<lang>/<name>.<ext>`, the name being the canonical symbol with `/`
/// turned into `_` and anything but ASCII letters, digits, `.`, `-`, `(`
/// and `)` turned into `_`: `A/RES/217(III)` → `A_RES_217(III)`.
/// Canonical symbols hold no `_`, so distinct symbols get distinct names;
/// they are upper case, so case-insensitive file systems are no trouble.
pub fn corpus_path(out_dir: &Path, symbol: Symbol, lang: Lang, extension: &str) -> PathBuf {
    let name: String = symbol
        .to_string()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .collect();
    out_dir
        .join(lang.code())
        .join(format!("{name}.{extension}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_names_are_safe() {
        let out = Path::new("out");
        let p = |s: &str| corpus_path(out, s.parse().expect("symbol"), Lang::En, "txt");
        assert_eq!(p("78/311"), Path::new("out/en/A_RES_78_311.txt"));
        assert_eq!(p("217 A (III)"), Path::new("out/en/A_RES_217(III).txt"));
        assert_eq!(
            p("E/CN.4/RES/2005/69"),
            Path::new("out/en/E_CN.4_RES_2005_69.txt")
        );
    }

    #[test]
    fn pages_must_name_the_document() {
        let s = |t: &str| t.parse::<Symbol>().expect("symbol");
        assert!(mentions(&s("78/311"), "Résolution 78/311 adoptée"));
        assert!(mentions(&s("78/311"), "A/RES/78/311"));
        assert!(mentions(&s("S/RES/2231 (2015)"), "resolution 2231\n(2015)"));
        assert!(mentions(&s("217 A (III)"), "resolution 217 A (III)"));
        assert!(!mentions(
            &s("78/311"),
            "Sorry, no document matches your search."
        ));
        assert!(!mentions(&s("78/311"), "resolution 78/31"));
    }

    #[test]
    fn filters_follow_organ_and_year() {
        let options = CrawlOptions {
            organs: Some(vec![Organ::GeneralAssembly]),
            since: Some(1990),
            ..CrawlOptions::default()
        };
        let s = |t: &str| t.parse::<Symbol>().expect("symbol");
        assert!(filtered_out(&s("70/1"), &options).is_none());
        assert!(
            filtered_out(&s("217 A (III)"), &options).is_some_and(|r| r.contains("--since 1990"))
        );
        assert!(filtered_out(&s("S/RES/2231 (2015)"), &options).is_some_and(|r| r.contains("SC")));
    }
}
