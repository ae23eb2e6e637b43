//! `rescite build`: the graphs a configuration file asks for, written
//! deterministically, or checked against what is on disk (`cargo fmt
//! --check`, for citation graphs).
//!
//! A configuration (`rescite.toml`, see the commented one at the root of
//! the repository) lists jobs. Each job reads its inputs (corpus
//! directories or files, or one saved graph), produces one kind of graph
//! (the whole corpus, the lineage of each listed symbol, or the path
//! between two symbols) in one or more formats, into an output directory.
//! Every path is relative to the directory of the configuration file.
//!
//! File names follow from the configuration alone: `<output>/<name>.<ext>`,
//! or `<output>/<name>-<symbol>.<ext>` for a lineage job listing several
//! symbols (the symbol with `/` and spaces turned into `_`). So the set of
//! files a configuration owns is known even when a job fails, and every
//! other file in an output directory is *extra*.
//!
//! Outputs never hold timings, absolute paths or anything else that
//! depends on when or where the build ran: the graph records the input
//! files by their path relative to the configuration file.
//!
//! ```no_run
//! use std::path::Path;
//! use rescite::build::{load_config, run, Mode};
//! let config = load_config(Path::new("rescite.toml")).unwrap();
//! let report = run(&config, Path::new("."), Mode::Check).unwrap();
//! assert!(report.is_clean());
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use petgraph::graph::NodeIndex;
use serde::Deserialize;
use toml::Spanned;

use crate::document::{expand_paths, extract_bytes};
use crate::graph::{write_atomically, CitationGraph, GraphBuilder};
use crate::query;
use crate::render::{render, GraphFormat, RenderOptions};
use crate::symbol::Symbol;

/// A configuration: the jobs of one `rescite build`.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildConfig {
    /// The jobs, in the order of the file (the order of the report).
    pub jobs: Vec<Job>,
}

/// One job: a graph source, what to draw from it, in which formats, where.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// Unique name; the stem of its output files.
    pub name: String,
    /// Where the graph comes from (paths relative to the base directory).
    pub source: Source,
    /// The output directory (relative to the base directory).
    pub output: PathBuf,
    /// The formats to write, each to its own file.
    pub formats: Vec<GraphFormat>,
    /// What graph to produce.
    pub product: Product,
}

/// Where a job's graph comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// Corpus directories or files, read and extracted.
    Corpus(Vec<PathBuf>),
    /// A graph saved by `rescite index`.
    Saved(PathBuf),
}

/// Direction of a lineage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// What the resolution cites, and what those cite (`rescite lineage`).
    #[default]
    Forward,
    /// What cites the resolution (`rescite lineage --reverse`).
    Reverse,
}

/// The graph a job produces.
#[derive(Debug, Clone, PartialEq)]
pub enum Product {
    /// The whole graph of the inputs.
    Corpus,
    /// The lineage of each symbol, to `depth` citations (all when `None`).
    Lineage {
        symbols: Vec<Symbol>,
        depth: Option<usize>,
        direction: Direction,
    },
    /// The shortest chain of citations from `from` back to `to`.
    Path { from: Symbol, to: Symbol },
}

/// Why a configuration cannot be loaded or a build cannot run at all.
/// (A job that fails is not an error: its report says why.)
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The configuration is invalid: the file, the line and the key.
    #[error("{}:{line}: {message}", path.display())]
    Config {
        path: PathBuf,
        line: usize,
        /// The key at fault (`job[2].lineage.symbols`), when one is.
        key: Option<String>,
        message: String,
    },
    /// An output directory could not be created or listed.
    #[error("cannot use output directory `{}`: {source}", path.display())]
    Output {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// `Write` writes every output (only those whose bytes change); `Check`
/// renders them in memory and compares them with the disk. An SVG drawing
/// is compared by the DOT it records being drawn from (see `Output`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// How a job ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobStatus {
    /// Write mode: at least one file was (re)written.
    Written,
    /// Every output already had the right bytes.
    Unchanged,
    /// Check mode: these outputs are stale or missing.
    Stale { files: Vec<PathBuf> },
    /// The job could not produce its graphs: why.
    Failed(String),
}

/// What one job did.
#[derive(Debug, Clone, PartialEq)]
pub struct JobReport {
    pub name: String,
    /// The files it produces (base directory joined with the output).
    pub outputs: Vec<PathBuf>,
    /// Nodes and edges of the graphs it produced (summed over its graphs).
    pub nodes: usize,
    pub edges: usize,
    /// Forward citations among its nodes, unreadable inputs, …
    pub warnings: Vec<String>,
    /// Wall-clock time of the job (in the report only, never in outputs).
    pub millis: u64,
    pub status: JobStatus,
}

/// The kind of a problem found by `Check` (or an extra file `Write` left).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProblemKind {
    /// On disk with other bytes than the configuration produces.
    Stale,
    /// Produced by the configuration, not on disk.
    Missing,
    /// In an output directory, produced by no job.
    Extra,
}

impl ProblemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Stale => "stale",
            ProblemKind::Missing => "missing",
            ProblemKind::Extra => "extra",
        }
    }
}

/// One file that is not as the configuration makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub path: PathBuf,
    pub kind: ProblemKind,
    /// A short summary of the difference ("12 lines differ, first at line
    /// 40", "3 nodes added, 1 removed", "no job produces this file").
    pub summary: String,
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.kind.as_str(),
            self.path.display(),
            self.summary
        )
    }
}

/// What a build did, job by job in the order of the configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildReport {
    pub jobs: Vec<JobReport>,
    /// Stale, missing and extra files, sorted by path. In `Write` mode only
    /// extra files that were left in place (not graph files) appear.
    pub stale: Vec<FileProblem>,
    /// `Write` mode: extra graph files (a known graph extension) removed
    /// from the output directories.
    pub removed: Vec<PathBuf>,
    /// Wall-clock time of the whole build.
    pub millis: u64,
}

impl BuildReport {
    /// Whether a job failed.
    pub fn has_failures(&self) -> bool {
        self.jobs
            .iter()
            .any(|j| matches!(j.status, JobStatus::Failed(_)))
    }

    /// No failed job and no stale, missing or extra file.
    pub fn is_clean(&self) -> bool {
        !self.has_failures() && self.stale.is_empty()
    }

    /// Whether the build did what `mode` asks, for exit 0: in `Check`
    /// mode, everything clean; in `Write` mode, every job ran (an extra
    /// file it leaves in place is reported, not failed: regenerating the
    /// graphs must not fail on a file beside them).
    pub fn succeeded(&self, mode: Mode) -> bool {
        match mode {
            Mode::Check => self.is_clean(),
            Mode::Write => !self.has_failures(),
        }
    }
}

// ---------------------------------------------------------------------------
// Configuration

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    inputs: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    graph: Option<Spanned<String>>,
    #[serde(default)]
    output: Option<Spanned<String>>,
    #[serde(default)]
    formats: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    job: Vec<Spanned<RawJob>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJob {
    name: Spanned<String>,
    #[serde(default)]
    inputs: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    graph: Option<Spanned<String>>,
    #[serde(default)]
    output: Option<Spanned<String>>,
    #[serde(default)]
    formats: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    corpus: Option<Spanned<bool>>,
    #[serde(default)]
    lineage: Option<Spanned<RawLineage>>,
    #[serde(default)]
    path: Option<Spanned<RawPath>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLineage {
    symbols: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    depth: Option<usize>,
    #[serde(default)]
    direction: Direction,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPath {
    from: Spanned<String>,
    to: Spanned<String>,
}

/// Reads and checks a configuration file. Errors name the file, the line
/// and the key: unknown keys, bad symbols or formats, inputs that do not
/// exist (relative to the file's directory), two jobs writing one file.
pub fn load_config(path: &Path) -> Result<BuildConfig, BuildError> {
    let text = std::fs::read_to_string(path).map_err(|source| BuildError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    parse_config(&text, path, base)
}

/// Parses configuration text; `path` names it in errors, and inputs are
/// checked for existence relative to `base`.
pub fn parse_config(text: &str, path: &Path, base: &Path) -> Result<BuildConfig, BuildError> {
    let error =
        |span: std::ops::Range<usize>, key: Option<String>, message: String| BuildError::Config {
            path: path.to_path_buf(),
            line: line_of(text, span.start),
            key,
            message,
        };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        error(span, None, e.message().trim().to_string())
    })?;
    if raw.job.is_empty() {
        return Err(error(
            0..0,
            Some("job".into()),
            "no [[job]] in the configuration".into(),
        ));
    }
    let mut jobs = Vec::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut files: BTreeMap<PathBuf, String> = BTreeMap::new();
    for (i, spanned) in raw.job.iter().enumerate() {
        let job = spanned.get_ref();
        let name = job.name.get_ref().clone();
        let key = |k: &str| Some(format!("job[{}].{k}", i + 1));
        let at = |k: &str| format!("job `{name}`, key `{k}`");
        if name.is_empty()
            || name.starts_with('.')
            || name.contains(['/', '\\'])
            || name.chars().any(char::is_control)
        {
            return Err(error(
                job.name.span(),
                key("name"),
                format!(
                    "{}: `{name}` cannot name files (no `/`, no leading `.`)",
                    at("name")
                ),
            ));
        }
        if !names.insert(name.clone()) {
            return Err(error(
                job.name.span(),
                key("name"),
                format!("{}: two jobs are named `{name}`", at("name")),
            ));
        }
        // The source: the job's own, else the top level's.
        let chosen = pick(job.graph.as_ref(), job.inputs.as_ref())
            .or_else(|| pick(raw.graph.as_ref(), raw.inputs.as_ref()));
        let (source, checked) = match chosen {
            Some(Ok(found)) => found,
            Some(Err(g)) => {
                return Err(error(
                    g.span(),
                    key("graph"),
                    format!("{}: give `inputs` or `graph`, not both", at("graph")),
                ))
            }
            None => {
                return Err(error(
                    job.name.span(),
                    key("inputs"),
                    format!("{}: no `inputs` (corpus directories) or `graph` (a saved graph), here or at the top level", at("inputs")),
                ))
            }
        };
        if let Source::Corpus(list) = &source {
            if list.is_empty() {
                return Err(error(
                    job.name.span(),
                    key("inputs"),
                    format!("{}: the list of inputs is empty", at("inputs")),
                ));
            }
        }
        for input in checked {
            let p = base.join(input.get_ref());
            if !p.exists() {
                let k = if matches!(source, Source::Saved(_)) {
                    "graph"
                } else {
                    "inputs"
                };
                return Err(error(
                    input.span(),
                    key(k),
                    format!(
                        "{}: `{}` does not exist (paths are relative to the configuration file)",
                        at(k),
                        input.get_ref()
                    ),
                ));
            }
        }
        // Output and formats.
        let output = match job.output.as_ref().or(raw.output.as_ref()) {
            Some(o) => PathBuf::from(o.get_ref()),
            None => {
                return Err(error(
                    job.name.span(),
                    key("output"),
                    format!(
                        "{}: no output directory, here or at the top level",
                        at("output")
                    ),
                ))
            }
        };
        let Some(format_list) = job.formats.as_ref().or(raw.formats.as_ref()) else {
            return Err(error(
                job.name.span(),
                key("formats"),
                format!("{}: no formats, here or at the top level", at("formats")),
            ));
        };
        if format_list.get_ref().is_empty() {
            return Err(error(
                format_list.span(),
                key("formats"),
                format!("{}: the list of formats is empty", at("formats")),
            ));
        }
        let mut formats = Vec::new();
        for f in format_list.get_ref() {
            let Some(format) = parse_format(f.get_ref()) else {
                let known: Vec<String> = GraphFormat::ALL.iter().map(|f| format_name(*f)).collect();
                return Err(error(
                    f.span(),
                    key("formats"),
                    format!(
                        "{}: unknown format `{}` (known: {})",
                        at("formats"),
                        f.get_ref(),
                        known.join(", ")
                    ),
                ));
            };
            if formats.contains(&format) {
                return Err(error(
                    f.span(),
                    key("formats"),
                    format!("{}: `{}` is listed twice", at("formats"), f.get_ref()),
                ));
            }
            formats.push(format);
        }
        // The product.
        let symbol = |s: &Spanned<String>, k: &str| -> Result<Symbol, BuildError> {
            s.get_ref().parse::<Symbol>().map_err(|e| {
                error(
                    s.span(),
                    key(k),
                    format!("{}: `{}` is not a symbol: {e}", at(k), s.get_ref()),
                )
            })
        };
        let corpus = job.corpus.as_ref().is_some_and(|c| *c.get_ref());
        let count = usize::from(corpus)
            + usize::from(job.lineage.is_some())
            + usize::from(job.path.is_some());
        if count != 1 {
            return Err(error(
                spanned.span(),
                key("corpus"),
                format!("{}: give exactly one of `corpus = true`, `lineage = {{ symbols = [...] }}` or `path = {{ from = ..., to = ... }}`", at("corpus/lineage/path")),
            ));
        }
        let product = if corpus {
            Product::Corpus
        } else if let Some(lineage) = &job.lineage {
            let l = lineage.get_ref();
            if l.symbols.get_ref().is_empty() {
                return Err(error(
                    l.symbols.span(),
                    key("lineage.symbols"),
                    format!("{}: no symbols", at("lineage.symbols")),
                ));
            }
            let mut symbols = Vec::new();
            for s in l.symbols.get_ref() {
                let parsed = symbol(s, "lineage.symbols")?;
                if symbols.contains(&parsed) {
                    return Err(error(
                        s.span(),
                        key("lineage.symbols"),
                        format!("{}: {parsed} is listed twice", at("lineage.symbols")),
                    ));
                }
                symbols.push(parsed);
            }
            Product::Lineage {
                symbols,
                depth: l.depth,
                direction: l.direction,
            }
        } else if let Some(p) = &job.path {
            let p = p.get_ref();
            Product::Path {
                from: symbol(&p.from, "path.from")?,
                to: symbol(&p.to, "path.to")?,
            }
        } else {
            unreachable!("exactly one product was checked above")
        };
        let job = Job {
            name,
            source,
            output,
            formats,
            product,
        };
        for file in job.files() {
            if let Some(other) = files.insert(normal(&file), job.name.clone()) {
                return Err(error(
                    spanned.span(),
                    key("name"),
                    format!(
                        "job `{}` and job `{other}` both write `{}`",
                        job.name,
                        file.display()
                    ),
                ));
            }
        }
        jobs.push(job);
    }
    Ok(BuildConfig { jobs })
}

type Picked<'a> = Result<(Source, Vec<&'a Spanned<String>>), &'a Spanned<String>>;

/// The source given by `graph` or `inputs`, with the paths to check; the
/// `graph` key when both are given.
fn pick<'a>(
    graph: Option<&'a Spanned<String>>,
    inputs: Option<&'a Vec<Spanned<String>>>,
) -> Option<Picked<'a>> {
    match (graph, inputs) {
        (Some(g), Some(_)) => Some(Err(g)),
        (Some(g), None) => Some(Ok((Source::Saved(PathBuf::from(g.get_ref())), vec![g]))),
        (None, Some(list)) => Some(Ok((
            Source::Corpus(list.iter().map(|p| p.get_ref().into()).collect()),
            list.iter().collect(),
        ))),
        (None, None) => None,
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The name of a format in the configuration (as `--format` spells it).
pub fn format_name(format: GraphFormat) -> String {
    use clap::ValueEnum;
    format
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_else(|| format.extension().to_string())
}

fn parse_format(name: &str) -> Option<GraphFormat> {
    use clap::ValueEnum;
    GraphFormat::from_str(name, true).ok()
}

/// Lexically normalised path (no `.`, `a/..` folded), for comparing names.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

impl Job {
    /// The stems of its graphs, with the graph each is of.
    fn stems(&self) -> Vec<String> {
        match &self.product {
            Product::Lineage { symbols, .. } if symbols.len() > 1 => symbols
                .iter()
                .map(|s| format!("{}-{}", self.name, slug(s)))
                .collect(),
            _ => vec![self.name.clone()],
        }
    }

    /// The files it writes, relative to the base directory, in order.
    pub fn files(&self) -> Vec<PathBuf> {
        self.stems()
            .iter()
            .flat_map(|stem| {
                self.formats
                    .iter()
                    .map(move |f| self.output.join(format!("{stem}.{}", f.extension())))
            })
            .collect()
    }
}

fn slug(symbol: &Symbol) -> String {
    symbol
        .to_string()
        .chars()
        .map(|c| {
            if c == '/' || c.is_whitespace() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Running

type SharedGraph = Arc<Result<Loaded, String>>;

/// A job's report and the problems found with its files.
type JobOutcome = (JobReport, Vec<FileProblem>);

struct Loaded {
    graph: CitationGraph,
    /// Unreadable inputs and the like.
    warnings: Vec<String>,
}

/// Runs every job, in parallel on the available cores; the report lists
/// them in the order of the configuration. Paths of the configuration are
/// taken relative to `base_dir`.
pub fn run(config: &BuildConfig, base_dir: &Path, mode: Mode) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    // Output directories must exist before anything is compared or written.
    let dirs: BTreeSet<PathBuf> = config.jobs.iter().map(|j| normal(&j.output)).collect();
    if mode == Mode::Write {
        for dir in &dirs {
            let path = base_dir.join(dir);
            std::fs::create_dir_all(&path).map_err(|source| BuildError::Output { path, source })?;
        }
    }
    let cache: Mutex<HashMap<Source, Arc<OnceLock<SharedGraph>>>> = Mutex::new(HashMap::new());
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<JobOutcome>>> = Mutex::new(vec![None; config.jobs.len()]);
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .min(config.jobs.len())
        .max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(job) = config.jobs.get(i) else { break };
                let slot = cache
                    .lock()
                    .expect("cache lock")
                    .entry(job.source.clone())
                    .or_default()
                    .clone();
                let result = run_job(job, base_dir, mode, &slot);
                results.lock().expect("results lock")[i] = Some(result);
            });
        }
    });
    let mut jobs = Vec::new();
    let mut problems = Vec::new();
    for entry in results.into_inner().expect("results lock") {
        let (report, found) = entry.expect("every job ran");
        jobs.push(report);
        problems.extend(found);
    }
    // Extra files: in the directories the configuration owns, produced by
    // no job. Hidden files (.gitkeep, temporaries) and subdirectories are
    // not looked at.
    let expected: BTreeSet<PathBuf> = config
        .jobs
        .iter()
        .flat_map(|j| j.files())
        .map(|f| normal(&f))
        .collect();
    let mut removed = Vec::new();
    for dir in &dirs {
        let path = base_dir.join(dir);
        let entries = match std::fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => return Err(BuildError::Output { path, source }),
        };
        let mut names: Vec<String> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| BuildError::Output {
                path: path.clone(),
                source,
            })?;
            if entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        names.sort();
        for name in names {
            if name.starts_with('.') || expected.contains(&dir.join(&name)) {
                continue;
            }
            let file = base_dir.join(dir).join(&name);
            if mode == Mode::Write && GraphFormat::from_path(&file).is_some() {
                std::fs::remove_file(&file).map_err(|source| BuildError::Output {
                    path: file.clone(),
                    source,
                })?;
                removed.push(file);
            } else {
                problems.push(FileProblem {
                    path: file,
                    kind: ProblemKind::Extra,
                    summary: "no job produces this file".into(),
                });
            }
        }
    }
    problems.sort_by(|a, b| a.path.cmp(&b.path).then(a.kind.cmp(&b.kind)));
    Ok(BuildReport {
        jobs,
        stale: problems,
        removed,
        millis: started.elapsed().as_millis() as u64,
    })
}

fn run_job(job: &Job, base_dir: &Path, mode: Mode, slot: &OnceLock<SharedGraph>) -> JobOutcome {
    let started = Instant::now();
    let outputs: Vec<PathBuf> = job.files().iter().map(|f| base_dir.join(f)).collect();
    let mut report = JobReport {
        name: job.name.clone(),
        outputs: outputs.clone(),
        nodes: 0,
        edges: 0,
        warnings: Vec::new(),
        millis: 0,
        status: JobStatus::Unchanged,
    };
    let finish = |mut report: JobReport, problems| {
        report.millis = started.elapsed().as_millis() as u64;
        (report, problems)
    };
    let loaded = slot.get_or_init(|| Arc::new(load_source(&job.source, base_dir)));
    let loaded = match loaded.as_ref() {
        Ok(loaded) => loaded,
        Err(message) => {
            report.status = JobStatus::Failed(format!("job `{}`: {message}", job.name));
            return finish(report, Vec::new());
        }
    };
    let graphs = match products(job, &loaded.graph) {
        Ok(graphs) => graphs,
        Err(message) => {
            report.status = JobStatus::Failed(format!("job `{}`: {message}", job.name));
            return finish(report, Vec::new());
        }
    };
    report.warnings.extend(loaded.warnings.iter().cloned());
    let mut rendered: Vec<(PathBuf, Output<'_>)> = Vec::new();
    let mut files = outputs.into_iter();
    for (graph, options) in &graphs {
        report.nodes += graph.node_count();
        report.edges += graph.edge_count();
        report.warnings.extend(warnings_among(
            &loaded.graph,
            graph,
            matches!(job.product, Product::Corpus),
        ));
        for &format in &job.formats {
            let file = files.next().expect("one file per graph and format");
            let output = match format {
                // Drawn only when it is to be written (see `Output`).
                GraphFormat::Svg => {
                    render(graph, GraphFormat::Dot, options).map(|dot| Output::Drawing {
                        digest: dot_digest(&dot),
                        graph,
                        options,
                    })
                }
                _ => render(graph, format, options).map(Output::Bytes),
            };
            match output {
                Ok(output) => rendered.push((file, output)),
                Err(e) => {
                    report.status = JobStatus::Failed(format!(
                        "job `{}`: cannot render {}: {e}",
                        job.name,
                        file.display()
                    ));
                    return finish(report, Vec::new());
                }
            }
        }
    }
    report.warnings.dedup();
    let mut problems = Vec::new();
    let mut written = false;
    for (file, output) in rendered {
        let on_disk = std::fs::read(&file);
        let bytes = match output {
            Output::Bytes(bytes) => bytes,
            Output::Drawing {
                digest,
                graph,
                options,
            } => {
                let drawn_from = on_disk.as_deref().ok().and_then(drawing_digest);
                if drawn_from == Some(digest.as_str()) {
                    continue;
                }
                if mode == Mode::Check {
                    problems.push(FileProblem {
                        summary: match (&on_disk, drawn_from) {
                            (Err(_), _) => "not on disk; run `rescite build`".into(),
                            (Ok(_), None) => {
                                "no record of the DOT it was drawn from; run `rescite build`".into()
                            }
                            (Ok(_), Some(_)) => {
                                "drawn from another DOT than the job's; run `rescite build`".into()
                            }
                        },
                        kind: match on_disk {
                            Err(_) => ProblemKind::Missing,
                            Ok(_) => ProblemKind::Stale,
                        },
                        path: file,
                    });
                    continue;
                }
                match render(graph, GraphFormat::Svg, options) {
                    Ok(svg) => stamp_drawing(svg, &digest),
                    Err(e) => {
                        report.status = JobStatus::Failed(format!(
                            "job `{}`: cannot render {}: {e}",
                            job.name,
                            file.display()
                        ));
                        return finish(report, problems);
                    }
                }
            }
        };
        match mode {
            Mode::Write => {
                if on_disk.as_deref().ok() == Some(&bytes[..]) {
                    continue;
                }
                if let Err(e) = write_atomically(&file, &bytes) {
                    report.status = JobStatus::Failed(format!("job `{}`: {e}", job.name));
                    return finish(report, problems);
                }
                written = true;
            }
            Mode::Check => match on_disk {
                Ok(old) if old == bytes => {}
                Ok(old) => problems.push(FileProblem {
                    summary: difference(&file, &old, &bytes),
                    path: file,
                    kind: ProblemKind::Stale,
                }),
                Err(_) => problems.push(FileProblem {
                    path: file,
                    kind: ProblemKind::Missing,
                    summary: "not on disk; run `rescite build`".into(),
                }),
            },
        }
    }
    report.status = if !problems.is_empty() {
        JobStatus::Stale {
            files: problems.iter().map(|p| p.path.clone()).collect(),
        }
    } else if written {
        JobStatus::Written
    } else {
        JobStatus::Unchanged
    };
    finish(report, problems)
}

/// What a job makes of one graph in one format.
enum Output<'g> {
    /// The file's bytes, compared with the disk's as they are.
    Bytes(Vec<u8>),
    /// An SVG drawing, known by the digest of the DOT it is drawn from.
    /// Graphviz places text by the metrics of the fonts it finds, so the
    /// same DOT draws to other bytes on a machine with other fonts: a
    /// drawing is up to date when it records the job's DOT, and is drawn
    /// (by `dot`) only when it is not. So `--check` needs no Graphviz and
    /// no fonts, and a build on another machine leaves a current drawing as
    /// it is.
    Drawing {
        digest: String,
        graph: &'g CitationGraph,
        options: &'g RenderOptions,
    },
}

/// What an SVG drawing records of its DOT: a comment before the `<svg>`
/// element, `<!-- rescite: drawn from DOT sha256:<hex> -->`.
const DRAWN_FROM: &str = "<!-- rescite: drawn from DOT sha256:";

/// The digest of a DOT source, as a drawing records it.
fn dot_digest(dot: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(dot)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `svg` with the record of its DOT's digest before its `<svg>` element
/// (or first, when it has none).
fn stamp_drawing(svg: Vec<u8>, digest: &str) -> Vec<u8> {
    let at = memchr::memmem::find(&svg, b"<svg").unwrap_or(0);
    let record = format!("{DRAWN_FROM}{digest} -->\n");
    let mut stamped = Vec::with_capacity(svg.len() + record.len());
    stamped.extend_from_slice(&svg[..at]);
    stamped.extend_from_slice(record.as_bytes());
    stamped.extend_from_slice(&svg[at..]);
    stamped
}

/// The DOT digest an SVG drawing records, if any.
fn drawing_digest(svg: &[u8]) -> Option<&str> {
    let start = memchr::memmem::find(svg, DRAWN_FROM.as_bytes())? + DRAWN_FROM.len();
    let len = svg[start..]
        .iter()
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    std::str::from_utf8(&svg[start..start + len]).ok()
}

/// Reads a job's source. Corpus files are read on every core and recorded
/// in the graph by their path relative to `base_dir`, so that outputs do
/// not depend on where the build runs.
fn load_source(source: &Source, base_dir: &Path) -> Result<Loaded, String> {
    match source {
        Source::Saved(path) => CitationGraph::load(&base_dir.join(path))
            .map(|graph| Loaded {
                graph,
                warnings: Vec::new(),
            })
            .map_err(|e| e.to_string()),
        Source::Corpus(paths) => {
            let full: Vec<PathBuf> = paths.iter().map(|p| base_dir.join(p)).collect();
            for (p, f) in paths.iter().zip(&full) {
                if !f.exists() {
                    return Err(format!("input `{}` does not exist", p.display()));
                }
            }
            let (files, errors) = expand_paths(&full);
            let mut unreadable: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            if files.is_empty() {
                return Err(format!(
                    "no readable text under {}",
                    paths
                        .iter()
                        .map(|p| format!("`{}`", p.display()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            let threads = std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2);
            // Files are handed out one at a time (their sizes vary a lot),
            // then added to the graph in their sorted order.
            let next = AtomicUsize::new(0);
            let slots: Vec<OnceLock<Result<_, String>>> =
                (0..files.len()).map(|_| OnceLock::new()).collect();
            std::thread::scope(|scope| {
                for _ in 0..threads.min(files.len()) {
                    scope.spawn(|| loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(file) = files.get(i) else { break };
                        let shown = display_path(file, base_dir);
                        let record = std::fs::read(file)
                            .map_err(|e| format!("cannot read `{}`: {e}", shown.display()))
                            .and_then(|bytes| {
                                extract_bytes(&shown, &bytes, None).map_err(|e| e.to_string())
                            });
                        let _ = slots[i].set(record);
                    });
                }
            });
            let records = slots
                .into_iter()
                .map(|slot| slot.into_inner().expect("every file was read"));
            let mut builder = GraphBuilder::new();
            for record in records {
                match record {
                    Ok(record) => builder.add(&record),
                    Err(e) => unreadable.push(e),
                }
            }
            // A graph without some of its inputs is not the one configured:
            // its jobs fail, and what they wrote before is kept.
            if !unreadable.is_empty() {
                return Err(unreadable_inputs(&unreadable));
            }
            let graph = builder.build();
            Ok(Loaded {
                graph,
                warnings: Vec::new(),
            })
        }
    }
}

/// A job's failure for inputs that could not be read: how many, and the
/// first few of their errors.
fn unreadable_inputs(errors: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut message = format!("{} input(s) could not be read: ", errors.len());
    message.push_str(&errors[..errors.len().min(SHOWN)].join("; "));
    if errors.len() > SHOWN {
        message.push_str(&format!("; and {} more", errors.len() - SHOWN));
    }
    message
}

/// The path relative to `base`, with `/` separators.
fn display_path(file: &Path, base: &Path) -> PathBuf {
    let rel = file.strip_prefix(base).unwrap_or(file);
    PathBuf::from(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// The graphs of a job, each with its render options, in file order.
fn products(
    job: &Job,
    graph: &CitationGraph,
) -> Result<Vec<(CitationGraph, RenderOptions)>, String> {
    let find = |symbol: &Symbol| -> Result<NodeIndex, String> {
        graph.index_of(symbol).ok_or_else(|| {
            let near: Vec<String> = graph
                .suggestions(symbol, 3)
                .iter()
                .map(ToString::to_string)
                .collect();
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!("; nearest known: {}", near.join(", "))
            };
            format!("unknown symbol {symbol}: it is not in the graph{hint}")
        })
    };
    match &job.product {
        Product::Corpus => Ok(vec![(graph.clone(), RenderOptions::default())]),
        Product::Lineage {
            symbols,
            depth,
            direction,
        } => symbols
            .iter()
            .map(|symbol| {
                let root = find(symbol)?;
                let reverse = *direction == Direction::Reverse;
                let lineage = query::lineage(graph, root, *depth, reverse);
                let id = graph.node(root).id;
                let options = RenderOptions {
                    focus: Some(id),
                    title: Some(crate::query::lineage_title(id, reverse)),
                };
                Ok((graph.subgraph(&lineage.nodes), options))
            })
            .collect(),
        Product::Path { from, to } => {
            let (a, b) = (find(from)?, find(to)?);
            let (from_id, to_id) = (graph.node(a).id, graph.node(b).id);
            let path = query::shortest_path(graph, a, b).ok_or_else(|| {
                format!("no citation chain leads from {from_id} back to {to_id} in this graph")
            })?;
            let keep: BTreeSet<NodeIndex> = path
                .steps
                .iter()
                .filter_map(|s| graph.index_of(&s.id))
                .collect();
            let options = RenderOptions {
                focus: Some(from_id),
                title: Some(format!("From {from_id} back to {to_id}")),
            };
            Ok(vec![(graph.subgraph(&keep), options)])
        }
    }
}

/// The warnings of `full` that concern `sub`: all of them for the whole
/// graph; for a part, the forward citations among its nodes.
fn warnings_among(full: &CitationGraph, sub: &CitationGraph, whole: bool) -> Vec<String> {
    if whole {
        return full.warnings.to_vec();
    }
    let mut out = Vec::new();
    for (from, to, edge) in sub.edges() {
        if edge.forward {
            let (a, b) = (sub.node(from).id, sub.node(to).id);
            let prefix = format!("{a} cites {b},");
            out.extend(
                full.warnings
                    .iter()
                    .filter(|w| w.starts_with(&prefix))
                    .cloned(),
            );
        }
    }
    out
}

/// A short summary of how `new` differs from `old`.
fn difference(file: &Path, old: &[u8], new: &[u8]) -> String {
    let format = GraphFormat::from_path(file);
    if format == Some(GraphFormat::Json) {
        if let (Some(a), Some(b)) = (json_ids(old), json_ids(new)) {
            let (na, nb) = (&a.0, &b.0);
            let (ea, eb) = (&a.1, &b.1);
            let added = nb.difference(na).count();
            let removed = na.difference(nb).count();
            let e_added = eb.difference(ea).count();
            let e_removed = ea.difference(eb).count();
            if added + removed + e_added + e_removed > 0 {
                return format!(
                    "{added} nodes added, {removed} removed; {e_added} edges added, {e_removed} removed"
                );
            }
        }
    }
    match (std::str::from_utf8(old), std::str::from_utf8(new)) {
        (Ok(a), Ok(b)) => {
            let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
            let mut differ = la.len().abs_diff(lb.len());
            let mut first = None;
            for (i, (x, y)) in la.iter().zip(&lb).enumerate() {
                if x != y {
                    differ += 1;
                    first.get_or_insert(i + 1);
                }
            }
            let first = first.unwrap_or(la.len().min(lb.len()) + 1);
            if differ == 0 {
                // Only the final newline or line endings differ.
                return format!(
                    "bytes differ ({} on disk, {} expected)",
                    old.len(),
                    new.len()
                );
            }
            format!(
                "{differ} line{} differ{}, first at line {first} ({} lines on disk, {} expected)",
                if differ == 1 { "" } else { "s" },
                if differ == 1 { "s" } else { "" },
                la.len(),
                lb.len()
            )
        }
        _ => format!(
            "bytes differ ({} on disk, {} expected)",
            old.len(),
            new.len()
        ),
    }
}

type IdSets = (BTreeSet<String>, BTreeSet<(String, String)>);

/// Node ids and (source, target) pairs of node-link JSON.
fn json_ids(bytes: &[u8]) -> Option<IdSets> {
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let id = |v: &serde_json::Value| -> Option<String> {
        match v {
            serde_json::Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    };
    let nodes = value
        .get("nodes")?
        .as_array()?
        .iter()
        .map(|n| id(n.get("id")?))
        .collect::<Option<BTreeSet<_>>>()?;
    let links = value
        .get("links")
        .or_else(|| value.get("edges"))?
        .as_array()?
        .iter()
        .map(|e| Some((id(e.get("source")?)?, id(e.get("target")?)?)))
        .collect::<Option<BTreeSet<_>>>()?;
    Some((nodes, links))
}

// ---------------------------------------------------------------------------
// Reports

fn status_name(status: &JobStatus) -> &'static str {
    match status {
        JobStatus::Written => "written",
        JobStatus::Unchanged => "unchanged",
        JobStatus::Stale { .. } => "stale",
        JobStatus::Failed(_) => "failed",
    }
}

fn path_string(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The report as JSON: `{"ok", "millis", "jobs": [{"name", "status",
/// "message"?, "outputs", "nodes", "edges", "warnings", "millis",
/// "stale_files"}], "problems": [{"path", "kind", "summary"}], "removed"}`.
pub fn report_json(report: &BuildReport) -> String {
    use serde_json::json;
    let jobs: Vec<_> = report
        .jobs
        .iter()
        .map(|j| {
            let mut value = json!({
                "name": j.name,
                "status": status_name(&j.status),
                "outputs": j.outputs.iter().map(|p| path_string(p)).collect::<Vec<_>>(),
                "nodes": j.nodes,
                "edges": j.edges,
                "warnings": j.warnings,
                "millis": j.millis,
            });
            match &j.status {
                JobStatus::Failed(message) => value["message"] = json!(message),
                JobStatus::Stale { files } => {
                    value["stale_files"] =
                        json!(files.iter().map(|p| path_string(p)).collect::<Vec<_>>())
                }
                _ => {}
            }
            value
        })
        .collect();
    let problems: Vec<_> = report
        .stale
        .iter()
        .map(|p| {
            json!({
                "path": path_string(&p.path),
                "kind": p.kind.as_str(),
                "summary": p.summary,
            })
        })
        .collect();
    let value = json!({
        "ok": report.is_clean(),
        "millis": report.millis,
        "jobs": jobs,
        "problems": problems,
        "removed": report.removed.iter().map(|p| path_string(p)).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values serialise");
    text.push('\n');
    text
}

/// The report as JUnit XML: one testcase per job (a `failure` when it is
/// stale or failed, warnings in `system-out`), and one testcase
/// "extra files" failing when an output directory holds files no job
/// produces.
pub fn report_junit(report: &BuildReport) -> String {
    use quick_xml::escape::escape;
    use std::fmt::Write;
    let extras: Vec<&FileProblem> = report
        .stale
        .iter()
        .filter(|p| p.kind == ProblemKind::Extra)
        .collect();
    let failing =
        |j: &JobReport| matches!(j.status, JobStatus::Failed(_) | JobStatus::Stale { .. });
    let failures =
        report.jobs.iter().filter(|j| failing(j)).count() + usize::from(!extras.is_empty());
    let tests = report.jobs.len() + 1;
    let secs = |ms: u64| format!("{:.3}", ms as f64 / 1000.0);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"rescite build\" tests=\"{tests}\" failures=\"{failures}\" time=\"{}\">",
        secs(report.millis)
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"rescite build\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{}\">",
        secs(report.millis)
    );
    for job in &report.jobs {
        let _ = write!(
            out,
            "    <testcase classname=\"rescite.build\" name=\"{}\" time=\"{}\">",
            escape(job.name.as_str()),
            secs(job.millis)
        );
        out.push('\n');
        match &job.status {
            JobStatus::Failed(message) => {
                let _ = writeln!(
                    out,
                    "      <failure message=\"{}\" type=\"failed\">{}</failure>",
                    escape(message.as_str()),
                    escape(message.as_str())
                );
            }
            JobStatus::Stale { files } => {
                let lines: Vec<String> = report
                    .stale
                    .iter()
                    .filter(|p| files.contains(&p.path))
                    .map(ToString::to_string)
                    .collect();
                let message = format!(
                    "{} output(s) stale or missing; run `rescite build`",
                    files.len()
                );
                let _ = writeln!(
                    out,
                    "      <failure message=\"{}\" type=\"stale\">{}</failure>",
                    escape(message.as_str()),
                    escape(lines.join("\n").as_str())
                );
            }
            _ => {}
        }
        let mut talk = format!("{} nodes, {} edges", job.nodes, job.edges);
        for w in &job.warnings {
            talk.push_str("\nwarning: ");
            talk.push_str(w);
        }
        let _ = writeln!(
            out,
            "      <system-out>{}</system-out>",
            escape(talk.as_str())
        );
        out.push_str("    </testcase>\n");
    }
    out.push_str(
        "    <testcase classname=\"rescite.build\" name=\"extra files\" time=\"0.000\">\n",
    );
    if !extras.is_empty() {
        let lines: Vec<String> = extras.iter().map(ToString::to_string).collect();
        let message = format!(
            "{} file(s) in output directories that no job produces",
            extras.len()
        );
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"extra\">{}</failure>",
            escape(message.as_str()),
            escape(lines.join("\n").as_str())
        );
    }
    out.push_str("    </testcase>\n  </testsuite>\n</testsuites>\n");
    out
}

/// The report for people: one line per problem and per failed job, then a
/// summary line. What `rescite build --check` prints on standard error.
pub fn report_text(report: &BuildReport, mode: Mode) -> String {
    let mut out = String::new();
    for job in &report.jobs {
        if let JobStatus::Failed(message) = &job.status {
            out.push_str(&format!("failed: {message}\n"));
        }
    }
    for problem in &report.stale {
        out.push_str(&format!("{problem}\n"));
    }
    for path in &report.removed {
        out.push_str(&format!(
            "removed: {} (no job produces it)\n",
            path.display()
        ));
    }
    let files: usize = report.jobs.iter().map(|j| j.outputs.len()).sum();
    let failed = report
        .jobs
        .iter()
        .filter(|j| matches!(j.status, JobStatus::Failed(_)))
        .count();
    let verb = match mode {
        Mode::Write => {
            let written = report
                .jobs
                .iter()
                .filter(|j| j.status == JobStatus::Written)
                .count();
            format!("{written} job(s) wrote files")
        }
        Mode::Check if report.is_clean() => "all up to date".to_string(),
        Mode::Check => format!("{} file problem(s)", report.stale.len()),
    };
    out.push_str(&format!(
        "{} job(s), {files} file(s), {failed} failed: {verb} ({} ms)\n",
        report.jobs.len(),
        report.millis
    ));
    out
}
