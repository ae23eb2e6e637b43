//! A mirror of UN documents on 127.0.0.1, started by a test, with faults
//! injected on demand. It imitates the UN's chain (UN-SYMBOLS.md §3.1):
//!
//! ```text
//! /undocs/{lang}/{symbol}          302 → /docs/{lang}/{symbol}   (ch → zh, as undocs.org)
//! /docs/{lang}/{symbol}            200 landing page, <iframe src="/api/symbol/access?…">, or 404
//! /api/symbol/access?s=…&l=…&t=pdf 302 → /files/{lang}/{name}.{ext}, or 404
//! /files/{lang}/{name}.{ext}       the document (ETag, Last-Modified; 304 on If-None-Match)
//! /loop/1 ↔ /loop/2                a redirect loop, for the fault of that name
//! /soft404/…                       200, an HTML page that is an error page
//! ```
//!
//! Plain std: a TcpListener polled by one thread, one short-lived thread per
//! connection, `Connection: close` on every reply. It stops when dropped,
//! and by itself after two minutes or 5,000 connections, whichever comes
//! first; a slow reply sleeps at most the delay it was given.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

const LIFETIME: Duration = Duration::from_secs(120);
const MAX_CONNECTIONS: usize = 5000;

/// A document the mirror holds.
#[derive(Clone)]
pub struct Doc {
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub extension: &'static str,
}

/// What goes wrong, for a number of requests to one target.
#[derive(Clone, Debug)]
pub enum Fault {
    /// 500 Internal Server Error.
    ServerError,
    /// 429 with `Retry-After: secs`.
    TooManyRequests(u64),
    /// The reply (a normal one) only after this delay.
    Slow(Duration),
    /// The full Content-Length announced, half the body sent, then close.
    Truncated,
    /// A redirect into /loop/1 ↔ /loop/2.
    RedirectLoop,
    /// `Content-Length: 1000000000000`, a little sent, then close.
    HugeLength,
    /// An HTML error page with `Content-Type: application/pdf`.
    HtmlAsPdf,
    /// 202 Accepted with an empty body (a bot challenge).
    Empty202,
}

/// One request the mirror saw.
#[derive(Clone, Debug)]
pub struct Hit {
    pub target: String,
    pub at: Instant,
    pub headers: HashMap<String, String>,
}

struct Shared {
    docs: HashMap<(String, String), Doc>,
    faults: Mutex<HashMap<String, (Fault, u32)>>,
    log: Mutex<Vec<Hit>>,
}

pub struct Mirror {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Mirror {
    /// Starts a mirror of these documents, keyed by (canonical symbol, lang).
    pub fn start(docs: HashMap<(String, String), Doc>) -> Mirror {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("nonblocking listener");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            docs,
            faults: Mutex::new(HashMap::new()),
            log: Mutex::new(Vec::new()),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (shared, stop) = (shared.clone(), stop.clone());
            thread::spawn(move || {
                let started = Instant::now();
                let mut connections = 0;
                while !stop.load(Ordering::SeqCst)
                    && started.elapsed() < LIFETIME
                    && connections < MAX_CONNECTIONS
                {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            connections += 1;
                            let shared = shared.clone();
                            thread::spawn(move || serve(stream, &shared, addr));
                        }
                        Err(_) => thread::sleep(Duration::from_millis(2)),
                    }
                }
            })
        };
        Mirror {
            addr,
            shared,
            stop,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT` + path.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Makes the next `times` requests to `target` (path and query) fail so.
    pub fn fault(&self, target: &str, fault: Fault, times: u32) {
        self.shared
            .faults
            .lock()
            .unwrap()
            .insert(target.to_owned(), (fault, times));
    }

    /// The requests seen so far.
    pub fn hits(&self) -> Vec<Hit> {
        self.shared.log.lock().unwrap().clone()
    }

    /// How many requests went to exactly this target.
    pub fn count(&self, target: &str) -> usize {
        self.hits().iter().filter(|h| h.target == target).count()
    }

    /// The target of the API URL for a document.
    pub fn api_target(symbol: &str, lang: &str) -> String {
        format!("/api/symbol/access?s={}&l={lang}&t=pdf", encode(symbol))
    }

    /// The target of a document's file.
    pub fn file_target(&self, symbol: &str, lang: &str) -> String {
        let ext = self
            .shared
            .docs
            .get(&(symbol.to_owned(), lang.to_owned()))
            .map_or("pdf", |d| d.extension);
        format!("/files/{lang}/{}.{ext}", symbol.replace('/', "_"))
    }

    /// The bytes served for a document.
    pub fn doc(&self, symbol: &str, lang: &str) -> Option<&Doc> {
        self.shared.docs.get(&(symbol.to_owned(), lang.to_owned()))
    }
}

impl Drop for Mirror {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(handle) = self.accept.take() {
            let _ = handle.join();
        }
    }
}

fn encode(symbol: &str) -> String {
    let mut out = String::new();
    for b in symbol.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) if bytes[i] == b'%' => {
                out.push(b);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn read_head(stream: &mut TcpStream) -> Option<(String, HashMap<String, String>)> {
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 || head.len() > 64 * 1024 {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let request_line = lines.next()?;
    let mut parts = request_line.split(' ');
    let (_method, target) = (parts.next()?, parts.next()?);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Some((target.to_owned(), headers))
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body: body.into(),
        }
    }

    fn redirect(location: &str) -> Answer {
        Answer {
            status: 302,
            headers: vec![("Location".to_owned(), location.to_owned())],
            body: Vec::new(),
        }
    }

    fn not_found() -> Answer {
        Answer::new(
            404,
            "text/html",
            "<!DOCTYPE html><html><body><h1>Document not found</h1></body></html>",
        )
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        202 => "Accepted",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Other",
    }
}

fn write_answer(stream: &mut TcpStream, answer: &Answer, length: Option<u64>, send: usize) {
    let mut head = format!("HTTP/1.1 {} {}\r\n", answer.status, reason(answer.status));
    for (k, v) in &answer.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        length.unwrap_or(answer.body.len() as u64)
    ));
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&answer.body[..send.min(answer.body.len())]);
    let _ = stream.flush();
}

fn serve(mut stream: TcpStream, shared: &Shared, addr: SocketAddr) {
    let _ = stream.set_nonblocking(false);
    let Some((target, headers)) = read_head(&mut stream) else {
        return;
    };
    shared.log.lock().unwrap().push(Hit {
        target: target.clone(),
        at: Instant::now(),
        headers: headers.clone(),
    });
    let fault = {
        let mut faults = shared.faults.lock().unwrap();
        match faults.get_mut(&target) {
            Some((fault, left)) if *left > 0 => {
                *left -= 1;
                Some(fault.clone())
            }
            _ => None,
        }
    };
    let normal = || route(&target, &headers, shared, addr);
    match fault {
        None => {
            let answer = normal();
            write_answer(&mut stream, &answer, None, usize::MAX);
        }
        Some(Fault::ServerError) => {
            let answer = Answer::new(
                500,
                "text/html",
                "<html><body>Internal Server Error</body></html>",
            );
            write_answer(&mut stream, &answer, None, usize::MAX);
        }
        Some(Fault::TooManyRequests(secs)) => {
            let mut answer = Answer::new(429, "text/plain", "slow down");
            answer
                .headers
                .push(("Retry-After".to_owned(), secs.to_string()));
            write_answer(&mut stream, &answer, None, usize::MAX);
        }
        Some(Fault::Slow(delay)) => {
            thread::sleep(delay.min(Duration::from_secs(3)));
            let answer = normal();
            write_answer(&mut stream, &answer, None, usize::MAX);
        }
        Some(Fault::Truncated) => {
            let answer = normal();
            let half = answer.body.len() / 2;
            write_answer(&mut stream, &answer, None, half);
        }
        Some(Fault::RedirectLoop) => {
            write_answer(&mut stream, &Answer::redirect("/loop/1"), None, 0);
        }
        Some(Fault::HugeLength) => {
            let answer = normal();
            write_answer(&mut stream, &answer, Some(1_000_000_000_000), 1024);
        }
        Some(Fault::HtmlAsPdf) => {
            let answer = Answer::new(
                200,
                "application/pdf",
                "<!DOCTYPE html><html><head><title>Error</title></head><body><h1>The document \
                 service is temporarily unavailable</h1></body></html>",
            );
            write_answer(&mut stream, &answer, None, usize::MAX);
        }
        Some(Fault::Empty202) => {
            write_answer(&mut stream, &Answer::new(202, "text/html", ""), None, 0);
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Write);
    // Let the client read everything before the socket closes.
    let mut sink = [0u8; 256];
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let _ = stream.read(&mut sink);
}

fn route(
    target: &str,
    headers: &HashMap<String, String>,
    shared: &Shared,
    _addr: SocketAddr,
) -> Answer {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let find = |symbol: &str, lang: &str| {
        let lang = if lang == "ch" { "zh" } else { lang };
        shared
            .docs
            .get(&(symbol.to_owned(), lang.to_owned()))
            .map(|d| (lang.to_owned(), d))
    };
    if let Some(rest) = path.strip_prefix("/undocs/") {
        let (lang, symbol) = rest.split_once('/').unwrap_or((rest, ""));
        let lang = if lang == "ch" { "zh" } else { lang };
        return Answer::redirect(&format!("/docs/{lang}/{symbol}"));
    }
    if let Some(rest) = path.strip_prefix("/docs/") {
        let (lang, symbol) = rest.split_once('/').unwrap_or((rest, ""));
        let symbol = decode(symbol);
        return match find(&symbol, lang) {
            Some((lang, _)) => Answer::new(
                200,
                "text/html; charset=utf-8",
                format!(
                    "<!DOCTYPE html><html><head><title>{symbol}</title>\
                     <script>var pdf = '<iframe src=\"/nowhere\">';</script></head>\
                     <body><header>Official Document System</header>\
                     <iframe title=\"document\" src=\"/api/symbol/access?s={}&amp;l={lang}&amp;t=pdf\" \
                     width=\"100%\" height=\"800\"></iframe></body></html>",
                    encode(&symbol)
                ),
            ),
            None => Answer::not_found(),
        };
    }
    if path == "/api/symbol/access" {
        let params: HashMap<String, String> = query
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_owned(), decode(v)))
            .collect();
        let symbol = params.get("s").cloned().unwrap_or_default();
        let lang = params.get("l").cloned().unwrap_or_default();
        return match find(&symbol, &lang) {
            Some((lang, doc)) => Answer::redirect(&format!(
                "/files/{lang}/{}.{}",
                symbol.replace('/', "_"),
                doc.extension
            )),
            None => Answer::not_found(),
        };
    }
    if let Some(rest) = path.strip_prefix("/files/") {
        let (lang, name) = rest.split_once('/').unwrap_or((rest, ""));
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let symbol = decode(stem).replace('_', "/");
        return match find(&symbol, lang) {
            Some((_, doc)) => {
                let etag = format!("\"{:016x}\"", fnv(&doc.body));
                if headers.get("if-none-match") == Some(&etag) {
                    return Answer {
                        status: 304,
                        headers: vec![("ETag".to_owned(), etag)],
                        body: Vec::new(),
                    };
                }
                let mut answer = Answer::new(200, doc.content_type, doc.body.clone());
                answer.headers.push(("ETag".to_owned(), etag));
                answer.headers.push((
                    "Last-Modified".to_owned(),
                    "Mon, 01 Jul 2024 12:00:00 GMT".to_owned(),
                ));
                // A server-chosen file name that climbs out of any directory:
                // rescite must never use it.
                answer.headers.push((
                    "Content-Disposition".to_owned(),
                    "attachment; filename=\"../../../escaped.pdf\"".to_owned(),
                ));
                answer
            }
            None => Answer::not_found(),
        };
    }
    if path.starts_with("/soft404/") {
        // An error page served with 200, as some sites do.
        return Answer::new(
            200,
            "text/html",
            "<!DOCTYPE html><html><body><h1>Search</h1><p>Sorry, no document matches your \
             search.</p></body></html>",
        );
    }
    match path {
        "/loop/1" => Answer::redirect("/loop/2"),
        "/loop/2" => Answer::redirect("/loop/1"),
        _ => Answer::not_found(),
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf29ce484222325u64;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x100000001b3);
    }
    hash
}
