//! SVG and PNG: the DOT picture drawn by Graphviz's `dot` program.

use std::io::{ErrorKind, Write};
use std::process::{Command, Stdio};

use super::{dot, RenderError, RenderOptions};
use crate::graph::CitationGraph;

/// A picture format that `dot` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Image {
    Svg,
    Png,
}

impl Image {
    fn flag(self) -> &'static str {
        match self {
            Image::Svg => "-Tsvg",
            Image::Png => "-Tpng",
        }
    }
}

/// The program run to draw pictures.
const DOT: &str = "dot";

/// What to do when `dot` is not installed, on one line.
pub(super) const INSTALL_HINT: &str =
    "install the `graphviz` package (apt-get install graphviz; brew install graphviz), or write DOT and draw it elsewhere";

pub(super) fn render(
    graph: &CitationGraph,
    options: &RenderOptions,
    image: Image,
) -> Result<Vec<u8>, RenderError> {
    run_dot(DOT, &dot::render(graph, options), image)
}

/// Runs `program` (Graphviz's `dot`) on DOT source, returning what it
/// writes to standard output.
pub(super) fn run_dot(program: &str, source: &str, image: Image) -> Result<Vec<u8>, RenderError> {
    let mut child = match Command::new(program)
        .arg(image.flag())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(RenderError::GraphvizMissing {
                hint: INSTALL_HINT.to_string(),
            })
        }
        Err(e) => {
            return Err(RenderError::Graphviz {
                message: format!("cannot run `{program}`: {e}"),
            })
        }
    };
    // Write from another thread: `dot` may fill its output pipe before it
    // has read all of its input.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = source.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .map_err(|e| RenderError::Graphviz {
            message: format!("cannot run `{program}`: {e}"),
        })?;
    let written = writer.join().unwrap_or(Ok(()));
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let message = stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(RenderError::Graphviz {
            message: if message.is_empty() {
                format!("`{program}` exited with {}", output.status)
            } else {
                message
            },
        });
    }
    if let Err(e) = written {
        return Err(RenderError::Graphviz {
            message: format!("cannot write to `{program}`: {e}"),
        });
    }
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_dot_names_the_package_on_one_line() {
        let err = run_dot("/nonexistent/rescite-test/dot", "digraph {}", Image::Svg).unwrap_err();
        assert!(
            matches!(err, RenderError::GraphvizMissing { .. }),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(message.contains("`graphviz`"), "{message}");
        assert!(message.contains("apt-get install graphviz"), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }

    #[test]
    fn a_failing_dot_is_reported() {
        // `false` stands in for a `dot` that fails.
        if Command::new("false").status().is_err() {
            return;
        }
        let err = run_dot("false", "digraph {}", Image::Svg).unwrap_err();
        assert!(matches!(err, RenderError::Graphviz { .. }), "{err:?}");
    }
}
