//! A progress bar for `rescite crawl` (indicatif, on standard error):
//! fetched / cached / failed counts and the current symbol. Hidden with
//! `--quiet`, and whenever standard error is not a terminal (CI logs).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::crawl::{CrawlEvent, CrawlReport};

/// Feeds a progress bar from [`CrawlEvent`]s:
///
/// ```no_run
/// # use rescite::fetch::{crawl, CrawlOptions, Progress};
/// # let options = CrawlOptions::default();
/// let mut progress = Progress::new(false);
/// let report = crawl(&options, &mut |event| progress.on_event(event))?;
/// progress.finish();
/// eprintln!("{}", report.summary());
/// # Ok::<(), rescite::fetch::FetchError>(())
/// ```
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    fetched: usize,
    cached: usize,
    failed: usize,
    current: String,
}

impl Progress {
    /// A bar on standard error; `quiet` hides it.
    pub fn new(quiet: bool) -> Progress {
        let target = if quiet {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] depth {prefix} {bar:24} {pos}/{len} {wide_msg}",
        ) {
            bar.set_style(style);
        }
        Progress {
            bar,
            fetched: 0,
            cached: 0,
            failed: 0,
            current: String::new(),
        }
    }

    /// Updates the bar for one event.
    pub fn on_event(&mut self, event: &CrawlEvent) {
        match event {
            CrawlEvent::Generation { depth, frontier } => {
                self.bar.set_prefix(depth.to_string());
                self.bar.inc_length(*frontier as u64);
            }
            CrawlEvent::Started { symbol, .. } | CrawlEvent::Request { symbol, .. } => {
                self.current = symbol.to_string();
            }
            CrawlEvent::Retry {
                url, wait, reason, ..
            } => {
                self.bar
                    .set_message(format!("retrying in {:.1} s: {reason}", wait.as_secs_f64()));
                let _ = url;
                return;
            }
            CrawlEvent::Fetched { from_cache, .. } => {
                if *from_cache {
                    self.cached += 1;
                } else {
                    self.fetched += 1;
                }
                self.bar.inc(1);
            }
            CrawlEvent::Failed { symbol, reason } => {
                self.failed += 1;
                self.bar.inc(1);
                self.bar.println(format!("failed {symbol}: {reason}"));
            }
            CrawlEvent::Skipped { .. } => {}
        }
        self.bar.set_message(format!(
            "fetched {} · cached {} · failed {} · {}",
            self.fetched, self.cached, self.failed, self.current
        ));
    }

    /// Removes the bar (print [`CrawlReport::summary`] after it).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    /// Removes the bar and returns the report's summary.
    pub fn finish_with(&self, report: &CrawlReport) -> String {
        self.finish();
        report.summary()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Lang;

    #[test]
    fn counts_follow_the_events() {
        let mut progress = Progress::new(true);
        let symbol = "78/311".parse().expect("symbol");
        progress.on_event(&CrawlEvent::Generation {
            depth: 0,
            frontier: 3,
        });
        progress.on_event(&CrawlEvent::Started { symbol, depth: 0 });
        for from_cache in [false, true] {
            progress.on_event(&CrawlEvent::Fetched {
                symbol,
                lang: Lang::En,
                url: String::new(),
                bytes: 1,
                from_cache,
                file: Default::default(),
            });
        }
        progress.on_event(&CrawlEvent::Failed {
            symbol,
            reason: "404".to_owned(),
        });
        assert_eq!(
            (progress.fetched, progress.cached, progress.failed),
            (1, 1, 1)
        );
        assert_eq!(progress.bar.position(), 3);
        assert_eq!(progress.bar.length(), Some(3));
        assert_eq!(progress.current, "A/RES/78/311");
        progress.finish();
    }
}
