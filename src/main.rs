//! The `rescite` command: argument parsing and printing only.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use rescite::document::{expand_paths, read_document, DocumentRecord};
use rescite::vocab::Lang;

/// Exit codes (documented in the README).
const EXIT_SOME_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;

#[derive(Parser)]
#[command(name = "rescite", version, about = "Citations between UN resolutions, in six languages", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find every resolution and decision a text cites.
    ///
    /// Example: rescite extract fixtures/ga/texts/zh_A-RES-78-311.txt --format text
    #[command(
        after_help = "Examples:\n  rescite extract fixtures/ga/texts --format jsonl | jq .symbol\n  rescite extract resolution.txt --lang fr --format csv\n  pdftotext -enc UTF-8 res.pdf - | rescite extract -"
    )]
    Extract {
        /// Files or directories (read recursively: .txt and .xml), or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Language of the texts; detected from each text when auto.
        #[arg(long, default_value = "auto", value_parser = parse_lang)]
        lang: LangChoice,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Jsonl,
    Text,
    Csv,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`| head`) is not an error worth a message.
            if err
                .downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("rescite: error: {err:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract {
            paths,
            format,
            lang,
        } => extract_command(&paths, format, lang.0),
    }
}

fn extract_command(
    paths: &[PathBuf],
    format: Format,
    lang: Option<Lang>,
) -> anyhow::Result<ExitCode> {
    let (files, mut errors) = expand_paths(paths);
    let mut records = Vec::new();
    for file in &files {
        match read_document(file, lang) {
            Ok(record) => {
                for warning in &record.warnings {
                    eprintln!("rescite: warning: {}: {warning}", record.path);
                }
                records.push(record);
            }
            Err(err) => errors.push(err),
        }
    }
    for err in &errors {
        eprintln!("rescite: error: {err}");
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    print_records(&mut out, &records, format).context("writing the output")?;
    out.flush().context("writing the output")?;
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SOME_FAILED)
    })
}

fn print_records(
    out: &mut impl Write,
    records: &[DocumentRecord],
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Output<'a> {
                documents: &'a [DocumentRecord],
            }
            serde_json::to_writer_pretty(&mut *out, &Output { documents: records })?;
            writeln!(out)
        }
        Format::Jsonl => records.iter().try_for_each(|r| {
            serde_json::to_writer(&mut *out, r)?;
            writeln!(out)
        }),
        Format::Text => records.iter().try_for_each(|r| print_text(out, r)),
        Format::Csv => print_csv(out, records),
    }
}

fn print_text(out: &mut impl Write, r: &DocumentRecord) -> io::Result<()> {
    let symbol = r.symbol.as_deref().unwrap_or("(no symbol)");
    writeln!(out, "{} [{}] {}", r.path, r.language.code(), symbol)?;
    for c in &r.citations {
        writeln!(
            out,
            "  {}:{}\t{}\t{}\t{}\t{}",
            c.line,
            c.start,
            c.target,
            serde_json::to_value(c.section)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
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
            let section = serde_json::to_value(c.section)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
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
                section,
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            writeln!(out, "{}", line.join(","))?;
        }
    }
    Ok(())
}
