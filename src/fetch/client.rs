//! HTTP, politely: reqwest (rustls, certificates checked against the
//! platform's trust store by rustls-platform-verifier), a request rate per
//! host, Retry-After on 429 and 503, exponential backoff with jitter on 5xx
//! and timeouts, an empty 202 taken for a block, bounded redirects followed
//! by hand (so that every hop is rate-limited and a loop is seen), connect
//! and read timeouts and a maximum body size.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use reqwest::blocking::{Client, Response};
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::Url;

use super::FetchError;

/// The User-Agent: `rescite/<version> (+<where to read about it>)`.
pub fn user_agent() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let home = if repository.is_empty() {
        "https://crates.io/crates/rescite"
    } else {
        repository
    };
    format!("rescite/{} (+{home})", env!("CARGO_PKG_VERSION"))
}

/// Longest single backoff, whatever the attempt.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// How requests are made and retried.
#[derive(Debug, Clone)]
pub(crate) struct Policy {
    /// Connect timeout, and the longest wait for the reply's head or any
    /// read of its body.
    pub timeout: Duration,
    pub max_body: u64,
    /// Retries after the first attempt, for 5xx, 429, timeouts, broken
    /// bodies and empty 202s.
    pub retries: u32,
    /// The first backoff; each retry doubles it, times a jitter in [0.5, 1.5).
    pub backoff: Duration,
    /// The longest Retry-After honoured; a server asking for more fails
    /// the request instead of stalling the crawl.
    pub max_wait: Duration,
    pub max_redirects: usize,
    /// Requests per second per host.
    pub rate_per_host: f64,
}

/// Validators for a conditional request (`--refresh`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A reply whose body was read whole.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    /// The URL asked.
    pub first_url: String,
    /// The URL that answered, after redirects.
    pub url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub body: Vec<u8>,
}

/// What the HTTP layer tells the crawl as it goes.
pub(crate) enum Note<'a> {
    Request {
        url: &'a str,
    },
    Retry {
        url: &'a str,
        attempt: u32,
        wait: Duration,
        reason: String,
    },
}

/// Why a URL gave no document.
#[derive(Debug, Clone)]
pub(crate) enum Failure {
    /// 404 or 410: the document is not there.
    NotFound {
        url: String,
        status: u16,
    },
    /// Empty 202 replies, every time: a bot challenge, not a missing document.
    Blocked {
        url: String,
        attempts: u32,
    },
    TooLarge {
        url: String,
        size: Option<u64>,
        limit: u64,
    },
    RedirectLoop {
        chain: Vec<String>,
    },
    TooManyRedirects {
        url: String,
        limit: usize,
    },
    BadRedirect {
        url: String,
        location: String,
    },
    Status {
        url: String,
        status: u16,
        attempts: u32,
    },
    Timeout {
        url: String,
        timeout: Duration,
        attempts: u32,
    },
    Network {
        url: String,
        message: String,
        attempts: u32,
    },
    Truncated {
        url: String,
        got: usize,
        expected: Option<u64>,
        message: String,
        attempts: u32,
    },
    WaitTooLong {
        url: String,
        wait: Duration,
        max: Duration,
    },
    /// The body is not a document rescite reads (claims PDF, is HTML, …).
    Content {
        url: String,
        message: String,
    },
    /// Landing pages framing landing pages, past the limit or in a circle.
    Frames {
        url: String,
        message: String,
    },
}

impl Failure {
    /// 404/410: the document is missing here.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Failure::NotFound { .. })
    }

    /// The host is blocking us (empty 202s).
    pub fn is_blocked(&self) -> bool {
        matches!(self, Failure::Blocked { .. })
    }

    fn with_attempts(self, n: u32) -> Failure {
        match self {
            Failure::Blocked { url, .. } => Failure::Blocked { url, attempts: n },
            Failure::Status { url, status, .. } => Failure::Status {
                url,
                status,
                attempts: n,
            },
            Failure::Timeout { url, timeout, .. } => Failure::Timeout {
                url,
                timeout,
                attempts: n,
            },
            Failure::Network { url, message, .. } => Failure::Network {
                url,
                message,
                attempts: n,
            },
            Failure::Truncated {
                url,
                got,
                expected,
                message,
                ..
            } => Failure::Truncated {
                url,
                got,
                expected,
                message,
                attempts: n,
            },
            other => other,
        }
    }
}

fn attempts(n: u32) -> String {
    if n == 1 {
        "1 attempt".to_owned()
    } else {
        format!("{n} attempts")
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::NotFound { url, status } => write!(f, "{url}: HTTP {status}, not found"),
            Failure::Blocked { url, attempts: n } => write!(
                f,
                "{url}: blocked: the server answered 202 with an empty body ({}), a bot challenge \
                 rather than a missing document; try again later, or lower --rate",
                attempts(*n)
            ),
            Failure::TooLarge { url, size, limit } => match size {
                Some(size) => write!(
                    f,
                    "{url}: too large: Content-Length {size} bytes, over the limit of {limit} bytes"
                ),
                None => write!(f, "{url}: too large: the body passed the limit of {limit} bytes"),
            },
            Failure::RedirectLoop { chain } => {
                write!(f, "redirect loop: {}", chain.join(" → "))
            }
            Failure::TooManyRedirects { url, limit } => {
                write!(f, "{url}: more than {limit} redirects")
            }
            Failure::BadRedirect { url, location } => {
                write!(f, "{url}: redirect to an invalid address {location:?}")
            }
            Failure::Status {
                url,
                status,
                attempts: n,
            } => write!(f, "{url}: HTTP {status} ({})", attempts(*n)),
            Failure::Timeout {
                url,
                timeout,
                attempts: n,
            } => write!(
                f,
                "{url}: timed out: no reply within {} ms ({})",
                timeout.as_millis(),
                attempts(*n)
            ),
            Failure::Network {
                url,
                message,
                attempts: n,
            } => write!(f, "{url}: {message} ({})", attempts(*n)),
            Failure::Truncated {
                url,
                got,
                expected,
                message,
                attempts: n,
            } => {
                write!(f, "{url}: truncated body: the reply broke off after {got} bytes")?;
                if let Some(expected) = expected {
                    write!(f, " of {expected}")?;
                }
                write!(f, " ({message}; {})", attempts(*n))
            }
            Failure::WaitTooLong { url, wait, max } => write!(
                f,
                "{url}: the server asks to wait {} s (Retry-After), longer than the {} s rescite waits",
                wait.as_secs(),
                max.as_secs()
            ),
            Failure::Content { url, message } | Failure::Frames { url, message } => {
                write!(f, "{url}: {message}")
            }
        }
    }
}

/// When each host may next be asked.
#[derive(Debug)]
struct HostGate {
    interval: Duration,
    next: Mutex<HashMap<String, Instant>>,
}

impl HostGate {
    fn new(rate_per_host: f64) -> HostGate {
        HostGate {
            // A rate too small for a `Duration` (or none) waits a day.
            interval: Duration::try_from_secs_f64(1.0 / rate_per_host)
                .unwrap_or(Duration::from_secs(86_400))
                .min(Duration::from_secs(86_400)),
            next: Mutex::new(HashMap::new()),
        }
    }

    /// Waits for this host's next slot and takes it.
    fn wait(&self, host: &str) {
        let now = Instant::now();
        let slot = {
            let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            let slot = next.get(host).copied().unwrap_or(now).max(now);
            next.insert(host.to_owned(), slot + self.interval);
            slot
        };
        let delay = slot.saturating_duration_since(Instant::now());
        if !delay.is_zero() {
            thread::sleep(delay);
        }
    }

    /// Asks nothing of this host for `wait` (Retry-After, a block).
    fn hold(&self, host: &str, wait: Duration) {
        let until = Instant::now() + wait;
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        let slot = next.entry(host.to_owned()).or_insert(until);
        if *slot < until {
            *slot = until;
        }
    }
}

/// What one attempt came to.
enum Step {
    Done(Reply),
    Redirect(String),
    Retry { failure: Failure, wait: Duration },
    Fail(Failure),
}

/// The HTTP client shared by the crawl's workers.
#[derive(Debug)]
pub(crate) struct Http {
    client: Client,
    gate: HostGate,
    policy: Policy,
}

impl Http {
    pub fn new(policy: Policy) -> Result<Http, FetchError> {
        let mut headers = HeaderMap::new();
        // Few, plain headers: ODS and the Digital Library challenge clients
        // that look like scripts (docs/un-symbols.md §3.2).
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_static(
                "application/pdf, text/html;q=0.9, application/xml;q=0.8, text/plain;q=0.8, */*;q=0.5",
            ),
        );
        let client = Client::builder()
            .user_agent(user_agent())
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(policy.timeout)
            .timeout(policy.timeout)
            .build()
            .map_err(|e| FetchError::Client(error_chain(&e)))?;
        Ok(Http {
            client,
            gate: HostGate::new(policy.rate_per_host),
            policy,
        })
    }

    /// GETs a URL, following redirects; the body is read whole. 304 (when
    /// `validators` are given) comes back as a reply with an empty body.
    pub fn get(
        &self,
        url: &str,
        validators: Option<&Validators>,
        note: &dyn Fn(Note),
    ) -> Result<Reply, Failure> {
        let mut chain: Vec<String> = Vec::new();
        let mut current = url.to_owned();
        loop {
            if chain.contains(&current) {
                chain.push(current);
                return Err(Failure::RedirectLoop { chain });
            }
            if chain.len() > self.policy.max_redirects {
                return Err(Failure::TooManyRedirects {
                    url: url.to_owned(),
                    limit: self.policy.max_redirects,
                });
            }
            chain.push(current.clone());
            match self.get_one(&current, validators, note)? {
                Hop::Reply(mut reply) => {
                    reply.first_url = url.to_owned();
                    return Ok(reply);
                }
                Hop::Redirect(next) => current = next,
            }
        }
    }

    /// One URL, with retries; redirects are returned, not followed.
    fn get_one(
        &self,
        url: &str,
        validators: Option<&Validators>,
        note: &dyn Fn(Note),
    ) -> Result<Hop, Failure> {
        let host = host_key(url);
        let tries = self.policy.retries.saturating_add(1);
        for attempt in 1..=tries {
            self.gate.wait(&host);
            note(Note::Request { url });
            match self.attempt(url, &host, attempt, validators) {
                Step::Done(reply) => return Ok(Hop::Reply(reply)),
                Step::Redirect(next) => return Ok(Hop::Redirect(next)),
                Step::Fail(failure) => return Err(failure.with_attempts(attempt)),
                Step::Retry { failure, wait } => {
                    if attempt == tries {
                        return Err(failure.with_attempts(attempt));
                    }
                    note(Note::Retry {
                        url,
                        attempt,
                        wait,
                        reason: failure.to_string(),
                    });
                    if !wait.is_zero() {
                        thread::sleep(wait);
                    }
                }
            }
        }
        // `tries` is at least 1, so the loop returned.
        Err(Failure::Network {
            url: url.to_owned(),
            message: "no attempt was made".to_owned(),
            attempts: 0,
        })
    }

    fn attempt(
        &self,
        url: &str,
        host: &str,
        attempt: u32,
        validators: Option<&Validators>,
    ) -> Step {
        let mut request = self.client.get(url);
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(date) = &v.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, date);
            }
        }
        let backoff = self.backoff(attempt);
        let response = match request.send() {
            Ok(response) => response,
            Err(e) => {
                let failure = if e.is_timeout() {
                    Failure::Timeout {
                        url: url.to_owned(),
                        timeout: self.policy.timeout,
                        attempts: attempt,
                    }
                } else if e.is_builder() {
                    return Step::Fail(Failure::Network {
                        url: url.to_owned(),
                        message: error_chain(&e),
                        attempts: attempt,
                    });
                } else {
                    Failure::Network {
                        url: url.to_owned(),
                        message: error_chain(&e),
                        attempts: attempt,
                    }
                };
                return Step::Retry {
                    failure,
                    wait: backoff,
                };
            }
        };
        let status = response.status().as_u16();
        match status {
            301 | 302 | 303 | 307 | 308 => {
                let location = response
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                match Url::parse(url).and_then(|base| base.join(&location)) {
                    Ok(next)
                        if !location.is_empty() && matches!(next.scheme(), "http" | "https") =>
                    {
                        Step::Redirect(next.to_string())
                    }
                    _ => Step::Fail(Failure::BadRedirect {
                        url: url.to_owned(),
                        location,
                    }),
                }
            }
            304 => Step::Done(reply_head(url, &response, Vec::new())),
            429 | 503 => {
                let asked = retry_after(response.headers());
                let wait = asked.unwrap_or(backoff);
                if wait > self.policy.max_wait {
                    return Step::Fail(Failure::WaitTooLong {
                        url: url.to_owned(),
                        wait,
                        max: self.policy.max_wait,
                    });
                }
                // The whole host waits, not only this worker.
                self.gate.hold(host, wait);
                Step::Retry {
                    failure: Failure::Status {
                        url: url.to_owned(),
                        status,
                        attempts: attempt,
                    },
                    wait: Duration::ZERO,
                }
            }
            404 | 410 => Step::Fail(Failure::NotFound {
                url: url.to_owned(),
                status,
            }),
            200..=299 => match self.read_body(url, response, attempt) {
                Step::Done(reply)
                    if status == 202 && reply.body.iter().all(u8::is_ascii_whitespace) =>
                {
                    self.gate.hold(host, backoff);
                    Step::Retry {
                        failure: Failure::Blocked {
                            url: url.to_owned(),
                            attempts: attempt,
                        },
                        wait: Duration::ZERO,
                    }
                }
                step => step,
            },
            500..=599 => Step::Retry {
                failure: Failure::Status {
                    url: url.to_owned(),
                    status,
                    attempts: attempt,
                },
                wait: backoff,
            },
            _ => Step::Fail(Failure::Status {
                url: url.to_owned(),
                status,
                attempts: attempt,
            }),
        }
    }

    /// Reads the body whole, within the size limit.
    fn read_body(&self, url: &str, response: Response, attempt: u32) -> Step {
        let limit = self.policy.max_body;
        let expected = response.content_length();
        if let Some(size) = expected.filter(|&s| s > limit) {
            return Step::Fail(Failure::TooLarge {
                url: url.to_owned(),
                size: Some(size),
                limit,
            });
        }
        let head = reply_head(url, &response, Vec::new());
        let mut body = Vec::with_capacity(expected.unwrap_or(0).min(limit).min(1 << 24) as usize);
        let read = response
            .take(limit.saturating_add(1))
            .read_to_end(&mut body);
        if let Err(e) = read {
            let message = io_error_chain(&e);
            let failure =
                if e.kind() == std::io::ErrorKind::TimedOut || message.contains("timed out") {
                    Failure::Timeout {
                        url: url.to_owned(),
                        timeout: self.policy.timeout,
                        attempts: attempt,
                    }
                } else {
                    Failure::Truncated {
                        url: url.to_owned(),
                        got: body.len(),
                        expected,
                        message,
                        attempts: attempt,
                    }
                };
            return Step::Retry {
                failure,
                wait: self.backoff(attempt),
            };
        }
        if body.len() as u64 > limit {
            return Step::Fail(Failure::TooLarge {
                url: url.to_owned(),
                size: None,
                limit,
            });
        }
        if let Some(expected) = expected.filter(|&e| e != body.len() as u64) {
            return Step::Retry {
                failure: Failure::Truncated {
                    url: url.to_owned(),
                    got: body.len(),
                    expected: Some(expected),
                    message: "the connection closed early".to_owned(),
                    attempts: attempt,
                },
                wait: self.backoff(attempt),
            };
        }
        Step::Done(Reply { body, ..head })
    }

    /// `backoff × 2^(attempt-1) × jitter`, jitter in [0.5, 1.5), at most a minute.
    fn backoff(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(16);
        let base = self.policy.backoff.saturating_mul(1u32 << exponent);
        base.mul_f64(0.5 + jitter()).min(MAX_BACKOFF)
    }
}

enum Hop {
    Reply(Reply),
    Redirect(String),
}

fn reply_head(url: &str, response: &Response, body: Vec<u8>) -> Reply {
    let text = |name: header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    Reply {
        first_url: url.to_owned(),
        url: url.to_owned(),
        status: response.status().as_u16(),
        content_type: text(header::CONTENT_TYPE),
        etag: text(header::ETAG),
        last_modified: text(header::LAST_MODIFIED),
        body,
    }
}

/// Retry-After in seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// A random number in [0, 1), from the standard library's random hasher keys.
fn jitter() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// `scheme://host:port`: what the rate limit counts per.
fn host_key(url: &str) -> String {
    Url::parse(url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_else(|_| url.to_owned())
}

/// An error and its sources, joined: reqwest's own message is often just
/// "error sending request".
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = s.source();
    }
    message
}

fn io_error_chain(e: &std::io::Error) -> String {
    error_chain(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let mut h = HeaderMap::new();
        h.insert(header::RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        let later = SystemTime::now() + Duration::from_secs(100);
        let date = httpdate::fmt_http_date(later);
        h.insert(header::RETRY_AFTER, HeaderValue::from_str(&date).unwrap());
        let wait = retry_after(&h).unwrap();
        assert!(
            wait > Duration::from_secs(95) && wait <= Duration::from_secs(100),
            "{wait:?}"
        );
        h.insert(header::RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn jitter_stays_in_range_and_varies() {
        let samples: Vec<f64> = (0..200).map(|_| jitter()).collect();
        assert!(samples.iter().all(|j| (0.0..1.0).contains(j)));
        let distinct = samples
            .iter()
            .map(|j| (j * 1000.0) as u32)
            .collect::<std::collections::BTreeSet<_>>();
        assert!(distinct.len() > 50, "{distinct:?}");
    }

    #[test]
    fn user_agent_names_rescite_and_its_version() {
        let ua = user_agent();
        assert!(
            ua.starts_with(&format!("rescite/{} (+https://", env!("CARGO_PKG_VERSION"))),
            "{ua}"
        );
    }

    #[test]
    fn the_gate_spaces_requests_to_one_host() {
        let gate = HostGate::new(20.0);
        let start = Instant::now();
        for _ in 0..5 {
            gate.wait("http://a");
        }
        // Slots at 0, 50, 100, 150, 200 ms.
        assert!(
            start.elapsed() >= Duration::from_millis(195),
            "{:?}",
            start.elapsed()
        );
        let other = Instant::now();
        gate.wait("http://b");
        assert!(other.elapsed() < Duration::from_millis(40));
    }
}
