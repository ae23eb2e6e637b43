//! Files in, extraction records out: the `rescite extract` contract
//! (docs/design.md §2). Finding the files under a directory, decoding them
//! ([`crate::input`]) and extracting ([`crate::extract`]).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::extract::{extract, Citation, Extraction, Options, Reference, Section};
use crate::input::{decode, Decoded, InputError, InputFormat};
use crate::symbol::Symbol;
use crate::vocab::Lang;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("cannot read {}: {source}", input_name(path))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read {}: {source}", input_name(path))]
    Input {
        path: PathBuf,
        #[source]
        source: InputError,
    },
    #[error("cannot walk `{path}`: {message}")]
    Walk { path: PathBuf, message: String },
}

/// How messages name an input: `path` in backquotes, or "standard input"
/// for `-`.
pub fn input_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        format!("`{}`", path.display())
    }
}

/// One document's record in `rescite extract --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRecord {
    pub path: String,
    pub symbol: Option<String>,
    pub language: Lang,
    pub title: Option<String>,
    pub adopted: Option<String>,
    pub format: InputFormat,
    /// What `start` and `end` count: bytes of the file (plain UTF-8), or
    /// bytes of the text as read (XML, UTF-16, repaired bytes).
    pub offsets: OffsetBase,
    pub citations: Vec<CitationRecord>,
    pub references: Vec<ReferenceRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl DocumentRecord {
    /// How messages name the record's input: its path, or "standard
    /// input" for `-`.
    pub fn source_name(&self) -> &str {
        match self.path.as_str() {
            "-" => "standard input",
            path => path,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OffsetBase {
    File,
    Text,
}

/// One citation; field names follow docs/design.md §2.
#[derive(Debug, Clone, Serialize)]
pub struct CitationRecord {
    pub target: String,
    pub part: Option<String>,
    pub matched: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub date: Option<String>,
    pub title: Option<String>,
    pub verb: Option<String>,
    pub section: Section,
    pub organ: &'static str,
    pub kind: crate::symbol::Kind,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReferenceRecord {
    pub symbol: String,
    pub matched: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

/// Extensions read when walking a directory; a file named on the command
/// line is read whatever its name.
const TEXT_EXTENSIONS: [&str; 4] = ["txt", "xml", "akn", "text"];

/// Expands paths into the files to read, sorted within each directory so
/// that output does not depend on the file system's order. `-` stays as is
/// (standard input).
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<DocumentError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            files.push(path.clone());
            continue;
        }
        match std::fs::metadata(path) {
            Err(source) => errors.push(DocumentError::Io {
                path: path.clone(),
                source,
            }),
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut errors),
            Ok(_) => files.push(path.clone()),
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<DocumentError>) {
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true);
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let wanted = entry
                    .path()
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                if wanted {
                    files.push(entry.into_path());
                }
            }
            Ok(_) => {}
            Err(err) => errors.push(DocumentError::Walk {
                path: err.path().unwrap_or(dir).to_path_buf(),
                message: err.to_string(),
            }),
        }
    }
}

/// Reads and extracts from many files on all cores, handing each result to
/// `each` in the order of `files`. Files go in batches: while `each` takes
/// one batch (adding to a graph, say), the next is being extracted, and
/// only a few batches of records are held at a time whatever the size of
/// the corpus.
pub fn read_documents(
    files: &[PathBuf],
    lang: Option<Lang>,
    each: impl FnMut(&Path, Result<DocumentRecord, DocumentError>),
) {
    let reading = Reading {
        lang,
        citations_only: false,
    };
    read_documents_with(files, reading, each)
}

/// What to read from each document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reading {
    /// The language of every file; each detected or declared when `None`.
    pub lang: Option<Lang>,
    /// The citations only, without the references to other documents
    /// (see `extract::Options`): what a graph needs.
    pub citations_only: bool,
}

/// [`read_documents`], reading what `reading` says.
pub fn read_documents_with(
    files: &[PathBuf],
    reading: Reading,
    mut each: impl FnMut(&Path, Result<DocumentRecord, DocumentError>),
) {
    use rayon::prelude::*;
    const BATCH: usize = 256;
    let (sender, receiver) = std::sync::mpsc::sync_channel(2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for batch in files.chunks(BATCH) {
                let results: Vec<_> = batch
                    .par_iter()
                    .map(|file| read_document_with(file, reading))
                    .collect();
                if sender.send(results).is_err() {
                    break;
                }
            }
        });
        for (batch, results) in files.chunks(BATCH).zip(receiver) {
            for (file, result) in batch.iter().zip(results) {
                each(file, result);
            }
        }
    });
}

/// Reads a file (or standard input for `-`) and extracts from it.
pub fn read_document(path: &Path, lang: Option<Lang>) -> Result<DocumentRecord, DocumentError> {
    let reading = Reading {
        lang,
        citations_only: false,
    };
    read_document_with(path, reading)
}

fn read_document_with(path: &Path, reading: Reading) -> Result<DocumentRecord, DocumentError> {
    let bytes = if path.as_os_str() == "-" {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buffer).map(|_| buffer)
    } else {
        std::fs::read(path)
    }
    .map_err(|source| DocumentError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    extract_bytes_with(path, &bytes, reading)
}

/// Decodes and extracts from the bytes of one file.
pub fn extract_bytes(
    path: &Path,
    bytes: &[u8],
    lang: Option<Lang>,
) -> Result<DocumentRecord, DocumentError> {
    let reading = Reading {
        lang,
        citations_only: false,
    };
    extract_bytes_with(path, bytes, reading)
}

fn extract_bytes_with(
    path: &Path,
    bytes: &[u8],
    reading: Reading,
) -> Result<DocumentRecord, DocumentError> {
    let decoded = decode(bytes).map_err(|source| DocumentError::Input {
        path: path.to_path_buf(),
        source,
    })?;
    let lang = reading
        .lang
        .or_else(|| decoded.meta.language.as_deref().and_then(Lang::from_code));
    let own_symbol: Option<Symbol> = decoded.meta.symbol.as_deref().and_then(|s| s.parse().ok());
    let options = Options {
        lang,
        own_symbol,
        citations_only: reading.citations_only,
    };
    let extraction = extract(&decoded.text, &options);
    tracing::debug!(
        path = %path.display(),
        language = extraction.language.code(),
        symbol = ?extraction.header.symbol.map(|s| s.to_string()),
        citations = extraction.citations.len(),
        references = extraction.references.len(),
        "extracted"
    );
    Ok(record(path, &decoded, extraction))
}

fn record(path: &Path, decoded: &Decoded, extraction: Extraction) -> DocumentRecord {
    // Offsets count from the start of the file when the text is a verbatim
    // slice of it; otherwise (UTF-16, XML, repaired bytes) from the start of
    // the decoded text, and a warning says so.
    let shift = decoded.origin_offset.unwrap_or(0);
    let offsets = match decoded.origin_offset {
        Some(_) => OffsetBase::File,
        None => OffsetBase::Text,
    };
    let warnings = decoded.warnings.clone();
    let header = &extraction.header;
    DocumentRecord {
        path: path.display().to_string(),
        symbol: header.symbol.map(|s| s.to_string()),
        language: extraction.language,
        title: decoded.meta.title.clone().or_else(|| header.title.clone()),
        adopted: decoded
            .meta
            .adopted
            .clone()
            .or_else(|| header.adopted.clone()),
        format: decoded.format,
        offsets,
        citations: extraction
            .citations
            .iter()
            .map(|c| citation_record(c, shift))
            .collect(),
        references: extraction
            .references
            .iter()
            .map(|r| reference_record(r, shift))
            .collect(),
        warnings,
    }
}

fn citation_record(c: &Citation, shift: usize) -> CitationRecord {
    CitationRecord {
        target: c.target.to_string(),
        part: c.part.clone(),
        matched: c.matched.clone(),
        start: c.start + shift,
        end: c.end + shift,
        line: c.line,
        date: c.date.clone(),
        title: c.title.clone(),
        verb: c.verb.clone(),
        section: c.section,
        organ: c.target.organ().code(),
        kind: c.target.kind(),
        evidence: c.evidence.clone(),
    }
}

fn reference_record(r: &Reference, shift: usize) -> ReferenceRecord {
    ReferenceRecord {
        symbol: r.symbol.clone(),
        matched: r.matched.clone(),
        start: r.start + shift,
        end: r.end + shift,
        line: r.line,
    }
}
