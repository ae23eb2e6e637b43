//! The on-disk cache of fetched documents, keyed by symbol and language.
//!
//! Layout under the cache root (by default the platform cache directory,
//! `~/.cache/rescite` on Linux):
//!
//! ```text
//! v1/<lang>/<stem>.body   the body exactly as the server sent it (a PDF, …)
//! v1/<lang>/<stem>.json   its metadata (EntryMeta): URL, status, Content-Type,
//!                         ETag, Last-Modified, time fetched, sha256, size
//! ```
//!
//! `<stem>` is made from the key so that any key is safe: the key
//! lower-cased with every character outside `a-z0-9` turned into `_`
//! (at most 64 characters, for people reading the directory), then `-` and
//! the first 16 hex digits of the key's SHA-256. No stem contains a dot or a
//! separator, so no key can climb out of the cache (`../../etc/passwd`
//! becomes `etc_passwd-…`); stems are all lower case, so two keys that differ
//! only in case never meet on a case-insensitive file system; and the hash
//! tells apart keys whose readable parts agree. The metadata repeats the
//! key, and a lookup whose key differs is a miss.
//!
//! Every file is written atomically (a temporary file in the same
//! directory, flushed, then renamed), the body before its metadata, and an
//! entry counts only when its metadata is there and the body's size and
//! sha256 match it. A crash or a kill therefore leaves either the old entry,
//! the new one, or an orphan body that the next write replaces: never half
//! a file that a reader would take for whole.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::FetchError;
use crate::vocab::Lang;

/// The layout version: a new layout gets a new directory.
const LAYOUT: &str = "v1";

/// Temporary files older than this are leftovers of a killed process.
const STALE_TEMP: Duration = Duration::from_secs(3600);

/// What the cache knows about one (symbol, language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryMeta {
    /// The key: the canonical symbol, e.g. `A/RES/78/311`.
    pub key: String,
    pub language: Lang,
    /// The first URL asked (the expanded template).
    pub url: String,
    /// The URL the body came from, after redirects and landing pages.
    pub final_url: String,
    /// HTTP status of the reply that gave the body (404 or 410 for a
    /// document that is missing).
    pub status: u16,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// When it was fetched or last revalidated, RFC 3339 (UTC).
    pub fetched: String,
    /// The same, in seconds since the Unix epoch.
    pub fetched_unix: u64,
    /// SHA-256 of the body, lower-case hex; `None` for a missing document.
    pub sha256: Option<String>,
    /// Size of the body in bytes.
    pub size: u64,
    /// True when every URL answered 404 or 410: the document is not there
    /// in this language. Such an entry has no body; `--refresh` asks again.
    pub missing: bool,
    /// For a missing document, what the servers said.
    pub reason: Option<String>,
}

/// A whole cached document.
#[derive(Debug, Clone)]
pub struct CacheEntry {
    pub meta: EntryMeta,
    pub body: Vec<u8>,
}

/// The answer of [`Cache::get`].
#[derive(Debug, Clone)]
pub enum Lookup {
    /// A whole document.
    Hit(CacheEntry),
    /// A remembered "not found".
    Missing(EntryMeta),
    /// Nothing usable (absent, or incomplete, or for another key).
    Miss,
}

/// The cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    root: PathBuf,
}

impl Cache {
    /// The platform's cache directory for rescite (XDG `~/.cache/rescite`
    /// on Linux, `~/Library/Caches/rescite` on macOS, `%LOCALAPPDATA%` on
    /// Windows); `None` when the platform has no home directory.
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "rescite").map(|d| d.cache_dir().to_path_buf())
    }

    /// Opens (and creates) a cache at `root`, clearing temporary files that
    /// a killed process left there more than an hour ago.
    pub fn open(root: &Path) -> Result<Cache, FetchError> {
        let layout = root.join(LAYOUT);
        fs::create_dir_all(&layout).map_err(|source| FetchError::Io {
            path: layout.clone(),
            source,
        })?;
        let cache = Cache {
            root: root.to_path_buf(),
        };
        cache.sweep_stale_temporaries();
        Ok(cache)
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file name stem for a key (see the module docs): only `a-z`,
    /// `0-9`, `_` and `-`, whatever the key.
    pub fn stem(key: &str) -> String {
        let mut readable = String::new();
        for c in key.chars() {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                readable.push(c);
            } else if !readable.ends_with('_') {
                readable.push('_');
            }
            if readable.len() >= 64 {
                break;
            }
        }
        let readable = readable.trim_matches('_');
        let readable = if readable.is_empty() { "x" } else { readable };
        let digest = sha256_hex(key.as_bytes());
        format!("{readable}-{}", &digest[..16])
    }

    /// The metadata and body paths of an entry.
    pub fn entry_paths(&self, key: &str, lang: Lang) -> (PathBuf, PathBuf) {
        let dir = self.root.join(LAYOUT).join(lang.code());
        let stem = Cache::stem(key);
        (
            dir.join(format!("{stem}.json")),
            dir.join(format!("{stem}.body")),
        )
    }

    /// Looks an entry up. Anything incomplete or inconsistent (a body whose
    /// size or sha256 differs from its metadata, metadata for another key)
    /// is a miss, never an error.
    pub fn get(&self, key: &str, lang: Lang) -> Lookup {
        let (meta_path, body_path) = self.entry_paths(key, lang);
        let Ok(meta_bytes) = fs::read(&meta_path) else {
            return Lookup::Miss;
        };
        let Ok(meta) = serde_json::from_slice::<EntryMeta>(&meta_bytes) else {
            return Lookup::Miss;
        };
        if meta.key != key || meta.language != lang {
            return Lookup::Miss;
        }
        if meta.missing {
            return Lookup::Missing(meta);
        }
        let Ok(body) = fs::read(&body_path) else {
            return Lookup::Miss;
        };
        let whole = u64::try_from(body.len()).ok() == Some(meta.size)
            && meta.sha256.as_deref() == Some(sha256_hex(&body).as_str());
        if whole {
            Lookup::Hit(CacheEntry { meta, body })
        } else {
            Lookup::Miss
        }
    }

    /// Stores a document: the body, then its metadata (whose `sha256` and
    /// `size` are set here from the body), each written atomically.
    pub fn put_document(&self, meta: &EntryMeta, body: &[u8]) -> Result<EntryMeta, FetchError> {
        let mut meta = meta.clone();
        meta.sha256 = Some(sha256_hex(body));
        meta.size = body.len() as u64;
        meta.missing = false;
        let (meta_path, body_path) = self.entry_paths(&meta.key, meta.language);
        write_atomically(&body_path, body)?;
        write_atomically(&meta_path, &to_json(&meta, &meta_path)?)?;
        Ok(meta)
    }

    /// Remembers that a document is missing in a language (no body).
    pub fn put_missing(&self, meta: &EntryMeta) -> Result<(), FetchError> {
        let mut meta = meta.clone();
        meta.missing = true;
        meta.sha256 = None;
        meta.size = 0;
        let (meta_path, body_path) = self.entry_paths(&meta.key, meta.language);
        write_atomically(&meta_path, &to_json(&meta, &meta_path)?)?;
        // A body left from an earlier fetch no longer belongs to anything.
        let _ = fs::remove_file(body_path);
        Ok(())
    }

    /// Rewrites an entry's metadata only (after a 304 Not Modified).
    pub fn put_meta(&self, meta: &EntryMeta) -> Result<(), FetchError> {
        let (meta_path, _) = self.entry_paths(&meta.key, meta.language);
        write_atomically(&meta_path, &to_json(meta, &meta_path)?)
    }

    /// All entries' metadata, for reports and checks.
    pub fn entries(&self) -> Vec<EntryMeta> {
        let mut out = Vec::new();
        for lang in Lang::ALL {
            let dir = self.root.join(LAYOUT).join(lang.code());
            let Ok(read) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in read.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "json") {
                    if let Ok(meta) = fs::read(&path)
                        .map_err(|_| ())
                        .and_then(|b| serde_json::from_slice::<EntryMeta>(&b).map_err(|_| ()))
                    {
                        out.push(meta);
                    }
                }
            }
        }
        out.sort_by(|a, b| (a.language, &a.key).cmp(&(b.language, &b.key)));
        out
    }

    /// Checks that the cache holds only whole files: every metadata file
    /// parses and sits at its key's path, every document's body matches its
    /// size and sha256, no body lacks metadata, and no temporary file is
    /// left. Returns the problems found (empty when all is well).
    pub fn verify(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let layout = self.root.join(LAYOUT);
        let Ok(langs) = fs::read_dir(&layout) else {
            return problems;
        };
        for lang_dir in langs.flatten() {
            let Ok(files) = fs::read_dir(lang_dir.path()) else {
                continue;
            };
            for file in files.flatten() {
                let path = file.path();
                let name = file.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    problems.push(format!("temporary file left: {}", path.display()));
                } else if let Some(stem) = name.strip_suffix(".json") {
                    check_entry(&path, stem, &lang_dir.path(), &mut problems);
                } else if let Some(stem) = name.strip_suffix(".body") {
                    if !lang_dir.path().join(format!("{stem}.json")).exists() {
                        problems.push(format!("body without metadata: {}", path.display()));
                    }
                } else {
                    problems.push(format!("unexpected file: {}", path.display()));
                }
            }
        }
        problems
    }

    fn sweep_stale_temporaries(&self) {
        let now = SystemTime::now();
        for lang in Lang::ALL {
            let Ok(read) = fs::read_dir(self.root.join(LAYOUT).join(lang.code())) else {
                continue;
            };
            for entry in read.flatten() {
                let is_temp = entry.file_name().to_string_lossy().starts_with('.');
                let old = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| now.duration_since(t).ok())
                    .is_some_and(|age| age > STALE_TEMP);
                if is_temp && old {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }
}

fn check_entry(path: &Path, stem: &str, dir: &Path, problems: &mut Vec<String>) {
    let meta = match fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice::<EntryMeta>(&b).map_err(|e| e.to_string()))
    {
        Ok(meta) => meta,
        Err(e) => {
            problems.push(format!("unreadable metadata {}: {e}", path.display()));
            return;
        }
    };
    if Cache::stem(&meta.key) != stem {
        problems.push(format!(
            "metadata for `{}` at the wrong path {}",
            meta.key,
            path.display()
        ));
    }
    if meta.missing {
        return;
    }
    let body_path = dir.join(format!("{stem}.body"));
    match fs::read(&body_path) {
        Err(e) => problems.push(format!("{}: {e}", body_path.display())),
        Ok(body) => {
            if body.len() as u64 != meta.size {
                problems.push(format!(
                    "{}: {} bytes, metadata says {}",
                    body_path.display(),
                    body.len(),
                    meta.size
                ));
            }
            if meta.sha256.as_deref() != Some(sha256_hex(&body).as_str()) {
                problems.push(format!("{}: sha256 differs", body_path.display()));
            }
        }
    }
}

fn to_json(meta: &EntryMeta, path: &Path) -> Result<Vec<u8>, FetchError> {
    serde_json::to_vec_pretty(meta).map_err(|e| FetchError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    })
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to a fresh temporary file beside `path` (named
/// `.<name>.<pid>.<n>.tmp`, so that two threads or processes never share
/// one), flushes it to disk, then renames it over `path`. Creates the
/// parent directory if needed.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FetchError> {
    let io_error = |source| FetchError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io_error)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&temp);
        io_error(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe_and_distinct() {
        let keys = [
            "A/RES/78/311",
            "a/res/78/311",
            "A_RES_78_311",
            "../../etc/passwd",
            "..",
            "",
            "C:\\Windows\\system32",
            "E/CN.4/RES/2005/69",
            "第70/1号决议",
        ];
        let stems: Vec<String> = keys.iter().map(|k| Cache::stem(k)).collect();
        for stem in &stems {
            assert!(
                stem.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'),
                "{stem}"
            );
            assert!(!stem.is_empty());
        }
        let mut unique = stems.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), stems.len(), "{stems:?}");
        assert!(stems[0].starts_with("a_res_78_311-"));
    }
}
