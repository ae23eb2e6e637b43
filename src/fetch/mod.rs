//! Fetching UN documents by symbol over HTTP, caching them on disk, and
//! crawling a resolution's lineage (docs/design.md §4; docs/crawl.md).
//!
//! [`crawl`] starts from seed symbols and goes breadth-first, generation by
//! generation: each document is taken from the cache or fetched through a
//! chain of URL templates ([`default_url_templates`]), read according to
//! its Content-Type (PDF through poppler's `pdftotext`, HTML landing pages
//! followed to the document they frame, plain text, Akoma Ntoso XML),
//! written to a corpus directory that `rescite graph` reads as it is, and
//! extracted; what it cites is the next generation. The crawl writes the
//! graph (`graph.rescite`) and a manifest (`crawl.json`) of what it did,
//! failures included: a failure never stops it.
//!
//! Modules: `client` (HTTP with politeness), `cache` ([`Cache`]), `content`
//! (which reader), `pdf` ([`pdf_to_text`]), `html` (landing pages),
//! `template` (URL templates), `crawl` (the breadth-first walk),
//! `progress` ([`Progress`], a bar for the command line).

mod cache;
mod client;
mod content;
mod crawl;
mod html;
mod pdf;
mod progress;
mod template;
mod time;

use std::path::PathBuf;

pub use cache::{sha256_hex, Cache, CacheEntry, EntryMeta, Lookup};
pub use client::user_agent;
pub use content::{ContentError, ContentKind};
pub use crawl::{
    corpus_path, crawl, CrawlEvent, CrawlOptions, CrawlReport, GRAPH_FILE, MANIFEST_FILE,
};
pub use html::{find_frame, html_to_text};
pub use pdf::{pdf_to_text, pdf_to_text_with, PdfError, PDFTOTEXT};
pub use progress::Progress;
pub use template::{default_url_templates, expand_template, validate_template};

/// What stops a crawl as a whole. Failures of single documents do not:
/// they are in [`CrawlReport::failed`].
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// A URL template that cannot work (a usage error).
    #[error("invalid URL template `{template}`: {reason}")]
    Template { template: String, reason: String },
    /// Options that cannot work (a usage error).
    #[error("invalid crawl options: {0}")]
    Options(String),
    #[error("no cache directory: this platform has no home directory; pass --cache DIR")]
    NoCacheDir,
    #[error("cannot read or write `{path}`: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start the HTTP client: {0}")]
    Client(String),
    #[error("cannot save the graph: {0}")]
    Graph(#[from] crate::graph::GraphError),
}

impl FetchError {
    /// Whether the error is the user's input (exit code 2 in the CLI).
    pub fn is_usage(&self) -> bool {
        matches!(self, FetchError::Template { .. } | FetchError::Options(_))
    }
}
