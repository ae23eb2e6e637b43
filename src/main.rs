//! The `rescite` command: argument parsing and printing only.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use rescite::document::{
    expand_paths, read_documents, read_documents_with, DocumentRecord, Reading,
};
use rescite::graph::{write_atomically, CitationGraph, GraphBuilder, Part};
use rescite::query;
use rescite::render::{render, GraphFormat, RenderOptions};
use rescite::symbol::Symbol;
use rescite::vocab::Lang;

/// mimalloc (see `rescite::alloc` for why, and why not through the
/// `mimalloc` crate).
#[global_allocator]
static ALLOCATOR: rescite::alloc::Mimalloc = rescite::alloc::Mimalloc;

/// Exit codes (documented in the README).
const EXIT_NOTHING_FOUND_OR_SOME_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_UNKNOWN_SYMBOL: u8 = 3;

#[derive(Parser)]
#[command(name = "rescite", version, about = "Citations between UN resolutions, in six languages", long_about = None)]
struct Cli {
    /// Say nothing but errors (no warnings, no progress).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Say more: -v what each stage did, -vv every file and request.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find every resolution and decision a text cites.
    #[command(
        after_help = "Examples:\n  rescite extract fixtures/ga/texts/zh_A-RES-78-311.txt --format text\n  rescite extract fixtures/ga/texts --format jsonl | jq .symbol\n  pdftotext -enc UTF-8 res.pdf - | rescite extract -"
    )]
    Extract {
        /// Files or directories (read recursively: .txt and .xml), or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// Language of the texts; detected from each text when auto.
        #[arg(long, default_value = "auto", value_parser = parse_lang)]
        lang: LangChoice,
    },
    /// Build the citation graph of a corpus and write it in a format.
    #[command(
        after_help = "Examples:\n  rescite graph --format json -o graph.json\n  rescite graph fixtures/unsc-en --format dot | dot -Tsvg > unsc.svg"
    )]
    Graph {
        /// Files or directories; the bundled corpus when none.
        paths: Vec<PathBuf>,
        /// Render a graph saved by `rescite index` instead.
        #[arg(long, value_name = "FILE", conflicts_with = "paths")]
        graph: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
        /// Write here instead of standard output (replaced atomically); - is standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Extract a corpus once and save its graph, for the queries' --graph.
    #[command(
        after_help = "Example:\n  rescite index fixtures -o corpus.rescite && rescite lineage 78/311 --graph corpus.rescite"
    )]
    Index {
        /// Files or directories; the bundled corpus when none.
        paths: Vec<PathBuf>,
        /// The file to save the graph to (replaced atomically).
        #[arg(short, long, required = true)]
        output: PathBuf,
    },
    /// Fetch a resolution from the UN, then what it cites, generation by generation.
    #[command(
        after_help = "Examples:\n  rescite crawl 78/311 --depth 2 --out lineage-78-311\n  rescite crawl 78/311 --lang zh --lang-fallback en,fr --rate 0.5\n  rescite crawl 78/311 --url-template 'http://127.0.0.1:8080/{lang}/{symbol}' --offline\n\nPDFs are read with poppler's pdftotext (Debian package poppler-utils)."
    )]
    Crawl(CrawlArgs),
    /// Write the graphs rescite.toml asks for, or check them (CI).
    #[command(
        after_help = "Examples:\n  rescite build\n  rescite build --check --report junit --report-file rescite-build.xml"
    )]
    Build {
        /// The configuration file; its paths are relative to it.
        #[arg(long, default_value = "rescite.toml")]
        config: PathBuf,
        /// Compare with the files on disk instead of writing; exit 1 when any
        /// is stale, missing or extra, or a job fails.
        #[arg(long)]
        check: bool,
        /// A machine-readable report for CI.
        #[arg(long, value_enum)]
        report: Option<BuildReportFormat>,
        /// Where to write the report (default, or -: standard output).
        #[arg(long, requires = "report")]
        report_file: Option<PathBuf>,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  rescite completions bash > /etc/bash_completion.d/rescite"
    )]
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), generated from this command's definition.
    #[command(after_help = "Example:\n  rescite man > rescite.1 && man ./rescite.1")]
    Man,
    /// What a resolution cites, what those cite, and so on (or what cites it).
    #[command(
        after_help = "The tree: each line cites the line it hangs from (with --reverse, is cited by it). A document met again is marked (*): its own lines stand at its place nearest the root.\n\nExamples:\n  rescite lineage 78/311 --depth 2\n  rescite lineage 70/1 --reverse --format json | jq '.nodes | length'\n  rescite lineage '217 A (III)' --reverse --format svg -o udhr.svg"
    )]
    Lineage {
        /// The resolution: 78/311, A/RES/78/311, 217 A (III), S/RES/2231 (2015)…
        symbol: String,
        /// How many generations to follow (all when absent).
        #[arg(long)]
        depth: Option<usize>,
        /// Follow citations backwards: what cites it.
        #[arg(long)]
        reverse: bool,
        #[command(flatten)]
        source: Source,
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
        /// Write here instead of standard output (replaced atomically); - is standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The citation chain from one resolution back to another.
    #[command(
        after_help = "Examples:\n  rescite path 78/311 '217 A (III)'\n  rescite path 78/311 70/1 --all --max-len 4"
    )]
    Path {
        /// The citing resolution, the newer: the chain starts here.
        from: String,
        /// The resolution it leads back to, the older.
        to: String,
        /// All simple chains up to --max-len, not only the shortest.
        #[arg(long)]
        all: bool,
        /// The most citations a chain may have (--all).
        #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u16).range(1..))]
        max_len: u16,
        /// Stop after this many chains (--all).
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
        #[command(flatten)]
        source: Source,
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
        /// Write here instead of standard output (replaced atomically); - is standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// What a resolution cites directly, with verbs, sections and evidence.
    #[command(after_help = "Example:\n  rescite cites 78/311")]
    Cites {
        /// The citing resolution: 78/311, A/RES/78/311, S/RES/2231 (2015)…
        symbol: String,
        #[command(flatten)]
        source: Source,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// What cites a resolution directly.
    #[command(
        name = "cited-by",
        after_help = "Example:\n  rescite cited-by 70/1 --format json | jq '.[].id'"
    )]
    CitedBy {
        /// The cited resolution: 70/1, A/RES/70/1, 217 A (III)…
        symbol: String,
        #[command(flatten)]
        source: Source,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Sizes, components, the most cited and most citing documents.
    #[command(after_help = "Example:\n  rescite stats --corpus fixtures/unsc-en --top 5")]
    Stats {
        /// How many documents each ranking lists.
        #[arg(long, default_value_t = 10)]
        top: usize,
        #[command(flatten)]
        source: Source,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Documents that two resolutions both lead back to, nearest first.
    #[command(after_help = "Example:\n  rescite common 78/311 78/265")]
    Common {
        /// One resolution.
        a: String,
        /// The other.
        b: String,
        #[command(flatten)]
        source: Source,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
}

#[derive(Args)]
struct CrawlArgs {
    /// Resolutions to start from: 78/311, A/RES/78/311, 217 A (III)…
    #[arg(required = true)]
    symbols: Vec<String>,
    /// Generations of citations to follow.
    #[arg(long, default_value_t = 1)]
    depth: usize,
    /// Stop after this many documents.
    #[arg(long)]
    max_docs: Option<usize>,
    /// Language of the documents to fetch.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    lang: LangChoice,
    /// Languages to try, in order, when a document is missing in --lang.
    #[arg(long, value_delimiter = ',', value_parser = parse_lang)]
    lang_fallback: Vec<LangChoice>,
    /// URL templates with {symbol} and {lang}, tried in order (repeatable).
    #[arg(long = "url-template")]
    url_templates: Vec<String>,
    /// Directory of the corpus written (texts, graph.rescite, crawl.json).
    #[arg(long = "out", default_value = "crawl")]
    out: PathBuf,
    /// Cache directory (default: the platform cache directory).
    #[arg(long)]
    cache: Option<PathBuf>,
    /// Read the cache only; fetch nothing.
    #[arg(long)]
    offline: bool,
    /// Revalidate cached documents with conditional requests.
    #[arg(long)]
    refresh: bool,
    /// Requests per second per host.
    #[arg(long, default_value_t = 1.0)]
    rate: f64,
    /// Documents fetched at once.
    #[arg(long, default_value_t = 4)]
    concurrency: usize,
    /// Follow only these organs' documents: GA,SC,ECOSOC,HRC,CHR.
    #[arg(long, value_delimiter = ',')]
    organ: Vec<String>,
    /// Follow only documents of this year or later.
    #[arg(long)]
    since: Option<u16>,
    /// Seconds to wait for a server.
    #[arg(long, default_value_t = 30.0)]
    timeout: f64,
    /// Largest body accepted, in bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    max_body: u64,
}

/// Where a query's graph comes from.
#[derive(Args)]
struct Source {
    /// Corpus files or directories; the bundled corpus when none.
    #[arg(long = "corpus", value_name = "PATH")]
    corpus: Vec<PathBuf>,
    /// A graph saved by `rescite index` (skips extraction).
    #[arg(long, value_name = "FILE", conflicts_with = "corpus")]
    graph: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum BuildReportFormat {
    Json,
    Junit,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    /// One JSON document of every record (docs/design.md §2).
    Json,
    /// One record a line, for jq and streams.
    Jsonl,
    /// A line a citation: LINE:BYTE (the byte offset in the file), target,
    /// section, verb, the text matched.
    Text,
    /// A row a citation, with its document's path, symbol and language.
    Csv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum QueryFormat {
    Table,
    Json,
    Dot,
    Svg,
    Png,
    Graphml,
    Gexf,
    Mermaid,
    Csv,
    Html,
}

impl QueryFormat {
    /// The graph format of the subgraph, or `None` for the table.
    fn graph_format(self) -> Option<GraphFormat> {
        match self {
            QueryFormat::Table => None,
            QueryFormat::Json => Some(GraphFormat::Json),
            QueryFormat::Dot => Some(GraphFormat::Dot),
            QueryFormat::Svg => Some(GraphFormat::Svg),
            QueryFormat::Png => Some(GraphFormat::Png),
            QueryFormat::Graphml => Some(GraphFormat::Graphml),
            QueryFormat::Gexf => Some(GraphFormat::Gexf),
            QueryFormat::Mermaid => Some(GraphFormat::Mermaid),
            QueryFormat::Csv => Some(GraphFormat::Csv),
            QueryFormat::Html => Some(GraphFormat::Html),
        }
    }
}

#[derive(Clone, Copy)]
struct LangChoice(Option<Lang>);

fn parse_lang(text: &str) -> Result<LangChoice, String> {
    if text.eq_ignore_ascii_case("auto") {
        return Ok(LangChoice(None));
    }
    Lang::from_code(text)
        .map(|l| LangChoice(Some(l)))
        .ok_or_else(|| format!("`{text}` is not one of auto, ar, zh, en, fr, ru, es"))
}

/// An error that carries its own exit code.
#[derive(Debug)]
struct Exit {
    code: u8,
    message: String,
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Exit {}

static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// How many inputs of the corpus a command read could not be read (each
/// named on stderr as it failed): a command that otherwise succeeds then
/// exits 1, as the README's table says.
static UNREADABLE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn unreadable_inputs() -> usize {
    UNREADABLE.load(std::sync::atomic::Ordering::Relaxed)
}

/// "rescite: error: …" on stderr, the label in red on a terminal (never when
/// piped or when NO_COLOR is set: anstream strips the colour).
fn report_error(message: &str) {
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let _ = writeln!(
        anstream::stderr(),
        "rescite: {style}error{style:#}: {message}"
    );
}

/// "rescite: warning: …", unless --quiet.
fn report_warning(message: &str) {
    if QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Yellow.into()));
    let _ = writeln!(
        anstream::stderr(),
        "rescite: {style}warning{style:#}: {message}"
    );
}

/// Diagnostics on stderr at the level -v asks for (none by default).
fn init_tracing(verbose: u8) {
    let level = match verbose {
        0 => return,
        1 => tracing::Level::INFO,
        2 => tracing::Level::DEBUG,
        _ => tracing::Level::TRACE,
    };
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(io::stderr)
        .with_target(false)
        .without_time()
        .with_ansi(
            io::IsTerminal::is_terminal(&io::stderr()) && std::env::var_os("NO_COLOR").is_none(),
        )
        .try_init();
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) if code == ExitCode::SUCCESS && unreadable_inputs() > 0 => {
            ExitCode::from(EXIT_NOTHING_FOUND_OR_SOME_FAILED)
        }
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`| head`) is not an error worth a message.
            if err
                .downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            if let Some(exit) = err.downcast_ref::<Exit>() {
                report_error(&exit.message);
                let unreadable = unreadable_inputs();
                if exit.code == EXIT_UNKNOWN_SYMBOL && unreadable > 0 {
                    eprintln!(
                        "rescite: note: {unreadable} input(s) could not be read (named above); the symbol may be cited there"
                    );
                }
                return ExitCode::from(exit.code);
            }
            report_error(&describe(&err));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// An error and its causes, each said once: the library's messages
/// often name their cause already ("cannot read `x`: No such file or
/// directory"), and `{err:#}` would add it again.
fn describe(err: &anyhow::Error) -> String {
    let mut text = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    QUIET.store(cli.quiet, std::sync::atomic::Ordering::Relaxed);
    init_tracing(cli.verbose);
    match cli.command {
        Command::Build {
            config,
            check,
            report,
            report_file,
        } => build_command(&config, check, report, report_file.as_deref()),
        Command::Completions { shell } => {
            // Written whole, then sent: `generate` panics when its writer
            // fails (a full disk, a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "rescite",
                &mut script,
            );
            let mut out = io::stdout().lock();
            out.write_all(&script)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let man = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
            man.render(&mut io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract {
            paths,
            format,
            lang,
        } => extract_command(&paths, format, lang.0),
        Command::Graph {
            paths,
            graph,
            format,
            output,
        } => {
            let source = Source {
                corpus: paths,
                graph,
            };
            let graph = load_graph(&source, true)?;
            write_graph(&graph, format, &RenderOptions::default(), output.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Index { paths, output } => {
            if is_stdout(&output) {
                return Err(Exit {
                    code: EXIT_USAGE,
                    message: "error: -o -: the index is a binary file that queries read with --graph; give it a file name".to_string(),
                }
                .into());
            }
            let source = Source {
                corpus: paths,
                graph: None,
            };
            let graph = load_graph(&source, true)?;
            graph.save(&output)?;
            if !cli.quiet {
                eprintln!(
                    "rescite: saved {} nodes and {} edges to {}",
                    graph.node_count(),
                    graph.edge_count(),
                    output.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Crawl(args) => crawl_command(&args, cli.quiet),
        Command::Lineage {
            symbol,
            depth,
            reverse,
            source,
            format,
            output,
        } => {
            let id = read_symbol(&symbol, &source)?;
            let part = Part::Lineage {
                root: &id,
                depth,
                reverse,
            };
            let graph = load_part(&source, &part)?;
            let root = find(&graph, &id)?;
            let lineage = query::lineage(&graph, root, depth, reverse);
            match format.graph_format() {
                None => print_text(&query::format_lineage(&graph, &lineage), output.as_deref())?,
                Some(graph_format) => {
                    let options = RenderOptions {
                        focus: Some(graph.node(root).id),
                        title: Some(query::lineage_title(graph.node(root).id, reverse)),
                    };
                    let sub = graph.subgraph(&lineage.nodes);
                    write_graph(&sub, graph_format, &options, output.as_deref())?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Path {
            from,
            to,
            all,
            max_len,
            limit,
            source,
            format,
            output,
        } => path_command(
            &from,
            &to,
            all,
            usize::from(max_len),
            limit as usize,
            &source,
            format,
            output.as_deref(),
        ),
        Command::Cites {
            symbol,
            source,
            format,
        } => neighbours_command(&symbol, &source, format, true),
        Command::CitedBy {
            symbol,
            source,
            format,
        } => neighbours_command(&symbol, &source, format, false),
        Command::Stats {
            top,
            source,
            format,
        } => {
            let graph = load_graph(&source, false)?;
            let stats = query::stats(&graph, top);
            print_table_or_json(&stats, format, query::format_stats)
        }
        Command::Common {
            a,
            b,
            source,
            format,
        } => {
            let (a, b) = (read_symbol(&a, &source)?, read_symbol(&b, &source)?);
            let graph = load_graph(&source, false)?;
            let (a, b) = (find(&graph, &a)?, find(&graph, &b)?);
            let ancestors = query::common_ancestors(&graph, a, b);
            if ancestors.is_empty() {
                // As `path` says it: on stderr, so that a pipe reads no
                // table row that is a message. JSON is still an array.
                let (a, b) = (graph.node(a).id, graph.node(b).id);
                eprintln!("rescite: {a} and {b} lead back to no common document in this graph");
                if format == TableFormat::Json {
                    print_text("[]", None)?;
                }
                return Ok(ExitCode::from(EXIT_NOTHING_FOUND_OR_SOME_FAILED));
            }
            print_table_or_json(&ancestors, format, |rows| query::format_ancestors(rows))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn path_command(
    from: &str,
    to: &str,
    all: bool,
    max_len: usize,
    limit: usize,
    source: &Source,
    format: QueryFormat,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let (from, to) = (read_symbol(from, source)?, read_symbol(to, source)?);
    let graph = if all {
        // Not read in part: the search for all paths counts its steps
        // against a budget, and in a part of the graph it would count
        // fewer, so a cut-short answer could differ.
        load_graph(source, false)?
    } else {
        load_part(
            source,
            &Part::ShortestPath {
                from: &from,
                to: &to,
            },
        )?
    };
    let (a, b) = (find(&graph, &from)?, find(&graph, &to)?);
    let paths = if all {
        query::all_paths(&graph, a, b, max_len, limit)
    } else {
        let shortest = query::shortest_path(&graph, a, b);
        query::Paths {
            truncated: false,
            limit: 1,
            paths: shortest.into_iter().collect(),
        }
    };
    let (from_id, to_id) = (graph.node(a).id, graph.node(b).id);
    if paths.paths.is_empty() {
        eprintln!("rescite: no citation chain leads from {from_id} back to {to_id} in this graph");
        // Chains run from the newer text back to the older: the natural
        // reading order, old to new, asks the question backwards.
        let (from_year, to_year) = (graph.node(a).year(), graph.node(b).year());
        if from_year.zip(to_year).is_some_and(|(f, t)| f < t) {
            eprintln!(
                "rescite: {from_id} is the older: a chain starts at the text that cites; try `rescite path '{to_id}' '{from_id}'`"
            );
        }
        return Ok(ExitCode::from(EXIT_NOTHING_FOUND_OR_SOME_FAILED));
    }
    match format.graph_format() {
        None => {
            let text: Vec<String> = paths.paths.iter().map(query::format_path).collect();
            let mut shown = text.join("\n");
            if paths.truncated {
                shown.push_str(&format!(
                    "\n… more than {} chains; showing the first {}. Narrow it with --max-len or raise --limit.\n",
                    paths.limit, paths.limit
                ));
            }
            print_text(&shown, output)?;
        }
        Some(graph_format) => {
            let keep: BTreeSet<_> = paths
                .paths
                .iter()
                .flat_map(|p| p.steps.iter().filter_map(|s| graph.index_of(&s.id)))
                .collect();
            let options = RenderOptions {
                focus: Some(from_id),
                title: Some(format!("From {from_id} back to {to_id}")),
            };
            write_graph(&graph.subgraph(&keep), graph_format, &options, output)?;
        }
    }
    if paths.truncated {
        eprintln!(
            "rescite: more than {} chains exist; the output is cut at {}",
            paths.limit, paths.limit
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn build_command(
    config: &Path,
    check: bool,
    report: Option<BuildReportFormat>,
    report_file: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    use rescite::build::{self, Mode};
    let cfg = build::load_config(config).map_err(|e| Exit {
        code: EXIT_USAGE,
        message: format!("error: {e}"),
    })?;
    let base = config
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mode = if check { Mode::Check } else { Mode::Write };
    let result = build::run(&cfg, base, mode)?;
    for job in &result.jobs {
        for warning in &job.warnings {
            report_warning(&format!("{}: {warning}", job.name));
        }
    }
    // `-q` says nothing but errors: the report only when something is
    // wrong.
    if !QUIET.load(std::sync::atomic::Ordering::Relaxed) || !result.is_clean() {
        eprint!("{}", build::report_text(&result, mode));
    }
    if let Some(format) = report {
        let text = match format {
            BuildReportFormat::Json => build::report_json(&result),
            BuildReportFormat::Junit => build::report_junit(&result),
        };
        write_output(report_file, text.as_bytes())?;
    }
    Ok(if result.succeeded(mode) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_NOTHING_FOUND_OR_SOME_FAILED)
    })
}

fn crawl_command(args: &CrawlArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let usage = |message: String| Exit {
        code: EXIT_USAGE,
        message: format!("error: {message}"),
    };
    let seeds = args
        .symbols
        .iter()
        .map(|s| s.parse::<Symbol>().map_err(|e| usage(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let organs = args
        .organ
        .iter()
        .map(|code| {
            rescite::Organ::from_code(code).ok_or_else(|| {
                usage(format!(
                    "--organ `{code}` is not one of GA, SC, ECOSOC, HRC, CHR"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if !(args.rate > 0.0 && args.rate.is_finite()) {
        return Err(usage("--rate must be a positive number of requests per second".into()).into());
    }
    let timeout = std::time::Duration::try_from_secs_f64(args.timeout)
        .ok()
        .filter(|t| !t.is_zero() && t.as_secs() <= 86_400)
        .ok_or_else(|| {
            usage("--timeout must be a number of seconds above 0 and at most a day (86400)".into())
        })?;
    let mut langs = vec![args.lang.0.unwrap_or(Lang::En)];
    for lang in args.lang_fallback.iter().filter_map(|l| l.0) {
        if !langs.contains(&lang) {
            langs.push(lang);
        }
    }
    let options = rescite::fetch::CrawlOptions {
        seeds,
        depth: args.depth,
        max_docs: args.max_docs,
        langs,
        url_templates: args.url_templates.clone(),
        out_dir: args.out.clone(),
        cache_dir: args.cache.clone(),
        offline: args.offline,
        refresh: args.refresh,
        rate_per_host: args.rate,
        concurrency: args.concurrency.max(1),
        organs: (!organs.is_empty()).then_some(organs),
        since: args.since,
        timeout,
        max_body: args.max_body,
        ..rescite::fetch::CrawlOptions::default()
    };
    let mut progress = rescite::fetch::Progress::new(quiet);
    let result = rescite::fetch::crawl(&options, &mut |event| {
        tracing::debug!(?event, "crawl");
        progress.on_event(event);
    });
    progress.finish();
    match result {
        Ok(report) => {
            if !quiet || report.exit_code() != 0 {
                eprintln!("{}", report.summary());
            }
            Ok(ExitCode::from(report.exit_code()))
        }
        Err(err) if err.is_usage() => Err(usage(err.to_string()).into()),
        Err(err) => Err(Exit {
            code: EXIT_NOTHING_FOUND_OR_SOME_FAILED,
            message: format!("error: {err}"),
        }
        .into()),
    }
}

/// `cites` and `cited-by`: one symbol's direct neighbours in one direction.
fn neighbours_command(
    symbol: &str,
    source: &Source,
    format: TableFormat,
    cites: bool,
) -> anyhow::Result<ExitCode> {
    let id = read_symbol(symbol, source)?;
    let (part, neighbours): (_, fn(&CitationGraph, _) -> _) = if cites {
        (Part::Cites(&id), query::cites)
    } else {
        (Part::CitedBy(&id), query::cited_by)
    };
    let graph = load_part(source, &part)?;
    let node = find(&graph, &id)?;
    let cited = (!cites).then_some(id);
    print_table_or_json(&neighbours(&graph, node), format, |rows| {
        query::format_neighbours(rows, cited)
    })
}

/// Finds a symbol (read with [`parse_symbol`]) in the graph; an unknown
/// one is its own exit code, with the nearest known ids.
fn find(graph: &CitationGraph, symbol: &Symbol) -> anyhow::Result<petgraph::graph::NodeIndex> {
    graph.index_of(symbol).ok_or_else(|| {
        // "75/564" reads as a resolution; the graph may hold the decision.
        let other = symbol
            .other_kind()
            .filter(|other| graph.index_of(other).is_some());
        let near: Vec<String> = graph
            .suggestions(symbol, 3)
            .iter()
            .map(ToString::to_string)
            .collect();
        let hint = match (other, near.is_empty()) {
            (Some(other), _) => format!("; did you mean {other}?"),
            (None, true) => String::new(),
            (None, false) => format!("; nearest known: {}", near.join(", ")),
        };
        anyhow::Error::new(Exit {
            code: EXIT_UNKNOWN_SYMBOL,
            message: format!("error: {symbol} is not in the graph{hint}"),
        })
    })
}

/// Reads a symbol asked about: as [`parse_symbol`], but a Security
/// Council symbol without its year ("S/RES/2231") is completed from the
/// graph, where one resolution has that number, and said so on stderr.
fn read_symbol(text: &str, source: &Source) -> anyhow::Result<Symbol> {
    let refused = match parse_symbol(text) {
        Ok(symbol) => return Ok(symbol),
        Err(refused) => refused,
    };
    let Some(number) = rescite::symbol::council_number_without_year(text) else {
        return Err(refused);
    };
    let graph = load_graph(source, false)?;
    let found: Vec<Symbol> = graph
        .nodes()
        .map(|(_, node)| node.id)
        .filter(|id| matches!(id, Symbol::Sc { number: n, .. } if *n == number))
        .collect();
    // Kept for the query's own load: the corpus is not read twice.
    if source.graph.is_none() {
        *COMPLETING_GRAPH.lock().unwrap_or_else(|e| e.into_inner()) = Some(graph);
    }
    match found.as_slice() {
        [one] => {
            if !QUIET.load(std::sync::atomic::Ordering::Relaxed) {
                eprintln!("rescite: reading `{}` as {one}", text.trim());
            }
            Ok(*one)
        }
        [] => Err(Exit {
            code: EXIT_UNKNOWN_SYMBOL,
            message: format!(
                "error: no Security Council resolution {number} is in the graph (and a Council symbol gives its year, as S/RES/2231 (2015))"
            ),
        }
        .into()),
        many => {
            let years: Vec<String> = many.iter().map(ToString::to_string).collect();
            Err(Exit {
                code: EXIT_USAGE,
                message: format!(
                    "error: `{}` is one of {}: give its year",
                    text.trim(),
                    years.join(", ")
                ),
            }
            .into())
        }
    }
}

/// The graph [`read_symbol`] loaded from a corpus to complete a symbol,
/// which the query's [`load_graph`] takes rather than reading the corpus
/// again.
static COMPLETING_GRAPH: std::sync::Mutex<Option<CitationGraph>> = std::sync::Mutex::new(None);

/// Reads a symbol from a person; a malformed one is a usage error.
fn parse_symbol(text: &str) -> anyhow::Result<Symbol> {
    Ok(text.parse().map_err(|e| Exit {
        code: EXIT_USAGE,
        message: format!("error: {e}"),
    })?)
}

/// The graph for a query of `part`: from a saved index, only that part,
/// read without decoding the rest (a symbol not in the index loads it
/// whole, for the nearest ids to suggest); else as [`load_graph`].
fn load_part(source: &Source, part: &Part<'_>) -> anyhow::Result<CitationGraph> {
    if let Some(path) = &source.graph {
        if let Some(graph) = CitationGraph::load_part(path, part)? {
            log_index_read(
                path,
                &graph,
                "read the part of the saved graph the query needs",
            );
            return Ok(graph);
        }
    }
    load_graph(source, false)
}

/// What `-v` says of a graph read from the index at `path`.
fn log_index_read(path: &Path, graph: &CitationGraph, what: &str) {
    tracing::info!(
        index = %path.display(),
        nodes = graph.node_count(),
        edges = graph.edge_count(),
        "{what}"
    );
}

/// The graph of a query: a saved index, the given corpus, or the bundled
/// corpus. Warnings are printed when `report` is set (graph, index).
fn load_graph(source: &Source, report: bool) -> anyhow::Result<CitationGraph> {
    if let Some(graph) = COMPLETING_GRAPH
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
    {
        return Ok(graph);
    }
    if let Some(path) = &source.graph {
        let graph = CitationGraph::load(path)?;
        log_index_read(path, &graph, "loaded the saved graph");
        return Ok(graph);
    }
    let paths = if source.corpus.is_empty() {
        vec![bundled_corpus()?]
    } else {
        source.corpus.clone()
    };
    let (files, errors) = expand_paths(&paths);
    let mut builder = GraphBuilder::new();
    let mut failures = errors.len();
    let mut read = 0usize;
    for err in &errors {
        report_error(&err.to_string());
    }
    // A graph needs the citations only.
    let reading = Reading {
        lang: None,
        citations_only: true,
    };
    read_documents_with(&files, reading, |_, result| match result {
        Ok(record) => {
            read += 1;
            builder.add(&record);
        }
        Err(err) => {
            failures += 1;
            report_error(&err.to_string());
        }
    });
    UNREADABLE.store(failures, std::sync::atomic::Ordering::Relaxed);
    if files.is_empty() {
        return Err(no_text_under(&paths).into());
    }
    // A graph of nothing must not stand in for one: no output is written
    // (an index or a graph already there is kept as it was).
    if read == 0 {
        return Err(Exit {
            code: EXIT_NOTHING_FOUND_OR_SOME_FAILED,
            message: format!(
                "error: none of the {failures} input(s) could be read (each is named above)"
            ),
        }
        .into());
    }
    // Inputs that cannot be nodes: the graph names each in its warnings;
    // a query sums them up.
    let left_out = builder.left_out().to_vec();
    let graph = builder.build();
    tracing::info!(
        files = files.len(),
        nodes = graph.node_count(),
        edges = graph.edge_count(),
        "built the citation graph"
    );
    if report {
        for warning in &graph.warnings {
            report_warning(warning);
        }
        if failures > 0 {
            eprintln!("rescite: {failures} input(s) could not be read; the graph leaves them out");
        }
    } else if !left_out.is_empty() {
        report_warning(&left_out_summary(&left_out));
    }
    Ok(graph)
}

/// One line for a query about the inputs left out of its graph for want
/// of a symbol of their own: how many, and the first few.
fn left_out_summary(paths: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut named = paths
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if paths.len() > SHOWN {
        named.push_str(", …; `rescite graph` names each");
    }
    format!(
        "{} input(s) with no symbol of their own in the header are left out of the graph: {named}",
        paths.len()
    )
}

/// The error for paths that hold no text file: a usage error, with a
/// word on the PDFs among them (they must be converted first).
fn no_text_under(paths: &[PathBuf]) -> Exit {
    let pdfs = paths
        .iter()
        .flat_map(|path| walkdir::WalkDir::new(path).follow_links(true))
        .filter_map(Result::ok)
        .filter(|entry| {
            entry.file_type().is_file()
                && entry
                    .path()
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        })
        .count();
    let mut message = "error: no readable text under the given paths".to_string();
    if pdfs > 0 {
        message.push_str(&format!(
            " ({pdfs} PDF file(s) there: convert them first, as `pdftotext -enc UTF-8 res.pdf - | rescite extract -` does)"
        ));
    }
    Exit {
        code: EXIT_USAGE,
        message,
    }
}

/// The corpus shipped with rescite: $RESCITE_CORPUS, ./fixtures, or the
/// fixtures of the source tree it was built from.
fn bundled_corpus() -> anyhow::Result<PathBuf> {
    // A corpus the user named is that corpus or an error, never quietly
    // another: a mistyped variable must not answer from the fixtures.
    if let Some(named) = std::env::var_os("RESCITE_CORPUS").filter(|v| !v.is_empty()) {
        let named = PathBuf::from(named);
        return match std::fs::metadata(&named) {
            Ok(_) => Ok(named),
            Err(e) => Err(Exit {
                code: EXIT_USAGE,
                message: format!(
                    "error: RESCITE_CORPUS is `{}`, which cannot be read: {e}",
                    named.display()
                ),
            }
            .into()),
        };
    }
    let candidates = [
        Some(PathBuf::from("fixtures")),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.is_dir())
        .ok_or_else(|| {
            Exit {
                code: EXIT_USAGE,
                message: "error: no corpus given and no bundled corpus found; pass PATHs or --corpus, or set RESCITE_CORPUS".to_string(),
            }
            .into()
        })
}

fn write_graph(
    graph: &CitationGraph,
    format: GraphFormat,
    options: &RenderOptions,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    let to_stdout = output.is_none_or(is_stdout);
    if format == GraphFormat::Png && to_stdout && io::IsTerminal::is_terminal(&io::stdout()) {
        return Err(Exit {
            code: EXIT_USAGE,
            message: "error: PNG is binary and standard output is a terminal: give -o FILE, or redirect it".to_string(),
        }
        .into());
    }
    let bytes = render(graph, format, options)?;
    write_output(output, &bytes)
}

/// Writes `bytes` to the file `output` (replaced atomically), or to
/// standard output when there is none or it is `-`, as a user who pipes
/// expects of `-o -`.
fn write_output(output: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match output.filter(|path| !is_stdout(path)) {
        Some(path) => write_atomically(path, bytes)?,
        None => {
            let mut out = io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// Whether an output path is `-`, standard output.
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn print_text(text: &str, output: Option<&Path>) -> anyhow::Result<()> {
    match output.filter(|path| !is_stdout(path)) {
        Some(path) => write_atomically(path, text.as_bytes())?,
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            if !text.ends_with('\n') {
                writeln!(out)?;
            }
            out.flush()?;
        }
    }
    Ok(())
}

fn print_table_or_json<T: serde::Serialize + ?Sized>(
    value: &T,
    format: TableFormat,
    table: impl Fn(&T) -> String,
) -> anyhow::Result<ExitCode> {
    let text = match format {
        TableFormat::Table => table(value),
        TableFormat::Json => serde_json::to_string_pretty(value)? + "\n",
    };
    print_text(&text, None)?;
    Ok(ExitCode::SUCCESS)
}

fn extract_command(
    paths: &[PathBuf],
    format: ExtractFormat,
    lang: Option<Lang>,
) -> anyhow::Result<ExitCode> {
    let (files, mut errors) = expand_paths(paths);
    // No file to read at all (paths that are not there, directories
    // without text): a bad argument, as for `graph` and the queries, and
    // no empty list printed as if it were an answer.
    if files.is_empty() {
        for err in &errors {
            report_error(&err.to_string());
        }
        return Err(no_text_under(paths).into());
    }
    let mut records = Vec::new();
    read_documents(&files, lang, |_, result| match result {
        Ok(record) => {
            for warning in &record.warnings {
                report_warning(&format!("{}: {warning}", record.source_name()));
            }
            records.push(record);
        }
        Err(err) => errors.push(err),
    });
    for err in &errors {
        report_error(&err.to_string());
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    print_records(&mut out, &records, format).context("writing the output")?;
    out.flush().context("writing the output")?;
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_NOTHING_FOUND_OR_SOME_FAILED)
    })
}

fn print_records(
    out: &mut impl Write,
    records: &[DocumentRecord],
    format: ExtractFormat,
) -> io::Result<()> {
    match format {
        ExtractFormat::Json => {
            #[derive(serde::Serialize)]
            struct Output<'a> {
                documents: &'a [DocumentRecord],
            }
            serde_json::to_writer_pretty(&mut *out, &Output { documents: records })?;
            writeln!(out)
        }
        ExtractFormat::Jsonl => records.iter().try_for_each(|r| {
            serde_json::to_writer(&mut *out, r)?;
            writeln!(out)
        }),
        ExtractFormat::Text => records.iter().try_for_each(|r| print_text_record(out, r)),
        ExtractFormat::Csv => print_csv(out, records),
    }
}

fn section_name(section: rescite::extract::Section) -> String {
    serde_json::to_value(section)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn print_text_record(out: &mut impl Write, r: &DocumentRecord) -> io::Result<()> {
    let symbol = r.symbol.as_deref().unwrap_or("(no symbol)");
    writeln!(out, "{} [{}] {}", r.path, r.language.code(), symbol)?;
    for c in &r.citations {
        writeln!(
            out,
            "  {}:{}\t{}\t{}\t{}\t{}",
            c.line,
            c.start,
            c.target,
            section_name(c.section),
            c.verb.as_deref().unwrap_or("-"),
            c.matched.replace('\n', " ")
        )?;
    }
    for reference in &r.references {
        writeln!(
            out,
            "  {}:{}\tref {}",
            reference.line, reference.start, reference.symbol
        )?;
    }
    Ok(())
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn print_csv(out: &mut impl Write, records: &[DocumentRecord]) -> io::Result<()> {
    writeln!(
        out,
        "path,symbol,language,target,part,matched,start,end,line,date,title,verb,section"
    )?;
    for r in records {
        for c in &r.citations {
            let fields = [
                r.path.clone(),
                r.symbol.clone().unwrap_or_default(),
                r.language.code().to_string(),
                c.target.clone(),
                c.part.clone().unwrap_or_default(),
                c.matched.clone(),
                c.start.to_string(),
                c.end.to_string(),
                c.line.to_string(),
                c.date.clone().unwrap_or_default(),
                c.title.clone().unwrap_or_default(),
                c.verb.clone().unwrap_or_default(),
                section_name(c.section),
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            writeln!(out, "{}", line.join(","))?;
        }
    }
    Ok(())
}
