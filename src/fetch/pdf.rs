//! PDF → text, by poppler's `pdftotext` (Debian/Ubuntu package
//! `poppler-utils`, Homebrew `poppler`), then Unicode NFKC.
//!
//! Why a tool and not a Rust crate: measured on PDFs made from UN texts
//! (docs/crawl.md), `pdftotext -enc UTF-8` plus NFKC gives Chinese right
//! and Arabic in reading order, where the pure-Rust `pdf-extract` reverses
//! Arabic and `lopdf` alone garbles Chinese. NFKC folds what PDF fonts emit
//! in place of ordinary characters: Kangxi radicals and CJK compatibility
//! ideographs, Arabic presentation forms, ligatures such as `ﬁ`.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use unicode_normalization::UnicodeNormalization;

/// The program run by [`pdf_to_text`].
pub const PDFTOTEXT: &str = "pdftotext";

/// How long one PDF may take before `pdftotext` is stopped.
const PDFTOTEXT_TIMEOUT: Duration = Duration::from_secs(120);

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "`{program}` was not found: rescite reads PDFs with poppler's pdftotext; install the \
         package poppler-utils (Debian/Ubuntu: `apt-get install poppler-utils`; macOS: \
         `brew install poppler`)"
    )]
    Missing { program: String },
    #[error("cannot run `{program}`: {source}")]
    Spawn {
        program: String,
        #[source]
        source: std::io::Error,
    },
    #[error("`{program}` failed ({status}): {stderr}")]
    Failed {
        program: String,
        status: String,
        stderr: String,
    },
    #[error("`{program}` took longer than {} s and was stopped", .timeout.as_secs())]
    Timeout { program: String, timeout: Duration },
    #[error("not a PDF: the body does not start with %PDF")]
    NotPdf,
}

/// The text of a PDF: `pdftotext -enc UTF-8 - -` on the bytes, then NFKC.
pub fn pdf_to_text(bytes: &[u8]) -> Result<String, PdfError> {
    pdf_to_text_with(Path::new(PDFTOTEXT), bytes)
}

/// [`pdf_to_text`] with another `pdftotext` program.
pub fn pdf_to_text_with(program: &Path, bytes: &[u8]) -> Result<String, PdfError> {
    if !bytes.starts_with(b"%PDF") {
        return Err(PdfError::NotPdf);
    }
    let name = program.display().to_string();
    let mut child = Command::new(program)
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                PdfError::Missing {
                    program: name.clone(),
                }
            } else {
                PdfError::Spawn {
                    program: name.clone(),
                    source,
                }
            }
        })?;
    // Feed stdin and drain stdout and stderr on their own threads, so that
    // a large PDF can never deadlock on a full pipe.
    let stdin = child.stdin.take();
    let input = bytes.to_vec();
    let writer = thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            // A broken pipe means pdftotext stopped reading: its exit
            // status tells why.
            let _ = stdin.write_all(&input);
        }
    });
    let stdout = child.stdout.take();
    let reader = thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(mut stdout) = stdout {
            let _ = stdout.read_to_end(&mut out);
        }
        out
    });
    let stderr = child.stderr.take();
    let err_reader = thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(stderr) = stderr {
            let _ = stderr.take(64 * 1024).read_to_end(&mut out);
        }
        out
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PDFTOTEXT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::Timeout {
                    program: name,
                    timeout: PDFTOTEXT_TIMEOUT,
                });
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(source) => {
                return Err(PdfError::Spawn {
                    program: name,
                    source,
                })
            }
        }
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        return Err(PdfError::Failed {
            program: name,
            status: status.to_string(),
            stderr: String::from_utf8_lossy(&err).trim().to_owned(),
        });
    }
    Ok(String::from_utf8_lossy(&out).nfkc().collect())
}
