//! Node-link JSON (docs/design.md §3), as networkx's `node_link_graph` (3.6
//! and later: key `edges`) and D3 read it. Its schema is
//! docs/graph.schema.json.
//!
//! The document is made of structs, not maps, so keys keep their order.
//! `<`, `>` and `&` are written as `\u` escapes, so that the output can be
//! embedded in an HTML `<script>` element unchanged.

use serde::Serialize;

use super::{generator, graph_name, session, short_label, RenderError, RenderOptions, VerbFamily};
use crate::graph::CitationGraph;

/// The whole document.
#[derive(Debug, Clone, Serialize)]
pub struct JsonGraph {
    pub directed: bool,
    pub multigraph: bool,
    pub graph: JsonGraphMeta,
    pub nodes: Vec<JsonNode>,
    pub edges: Vec<JsonEdge>,
}

/// Graph-level attributes.
#[derive(Debug, Clone, Serialize)]
pub struct JsonGraphMeta {
    /// The title when given, else "citations".
    pub name: String,
    pub title: Option<String>,
    /// The resolution in focus, if any.
    pub focus: Option<String>,
    /// "rescite <version>".
    pub generator: String,
    pub node_count: usize,
    pub edge_count: usize,
}

/// A resolution or decision.
#[derive(Debug, Clone, Serialize)]
pub struct JsonNode {
    /// Canonical id, e.g. `A/RES/70/1`.
    pub id: String,
    /// Short label, e.g. `70/1`, `SC 2231 (2015)`.
    pub label: String,
    /// GA, SC, ECOSOC, HRC or CHR.
    pub organ: &'static str,
    /// `resolution` or `decision`.
    pub kind: &'static str,
    pub year: Option<u16>,
    /// Session ("70", "S-26", "III"); null for the year-numbered series.
    pub session: Option<String>,
    pub title: Option<String>,
    /// Adoption date, ISO 8601.
    pub date: Option<String>,
    /// Whether the corpus holds its text.
    pub in_corpus: bool,
    /// Languages in which the corpus holds it (ISO 639-1).
    pub languages: Vec<&'static str>,
    pub url: String,
    /// Why a crawl could not fetch its text; absent when it was not tried
    /// or succeeded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<String>,
}

/// All citations from one document (`source`) to another (`target`).
#[derive(Debug, Clone, Serialize)]
pub struct JsonEdge {
    pub source: String,
    pub target: String,
    pub count: usize,
    pub verbs: Vec<String>,
    /// `reaffirm`, `note` or `other`: how the edge is drawn.
    pub family: &'static str,
    pub sections: Vec<&'static str>,
    pub evidence: Option<String>,
    /// The target is later than the source: a suspect citation.
    pub forward: bool,
}

impl JsonGraph {
    /// The node-link document of a graph.
    pub fn new(graph: &CitationGraph, options: &RenderOptions) -> JsonGraph {
        let nodes = graph
            .nodes()
            .map(|(_, n)| JsonNode {
                id: n.id.to_string(),
                label: short_label(&n.id),
                organ: n.organ().code(),
                kind: match n.kind() {
                    crate::symbol::Kind::Resolution => "resolution",
                    crate::symbol::Kind::Decision => "decision",
                },
                year: n.year(),
                session: session(&n.id),
                title: n.title.clone(),
                date: n.date.clone(),
                in_corpus: n.in_corpus,
                languages: n.languages.iter().map(|l| l.code()).collect(),
                url: n.url(),
                unavailable: n.unavailable.clone(),
            })
            .collect();
        let edges = graph
            .edges()
            .map(|(from, to, e)| JsonEdge {
                source: graph.node(from).id.to_string(),
                target: graph.node(to).id.to_string(),
                count: e.count,
                verbs: e.verbs.iter().cloned().collect(),
                family: VerbFamily::of_edge(e).code(),
                sections: e.sections.iter().map(|s| section_code(*s)).collect(),
                evidence: e.evidence.as_deref().map(str::to_owned),
                forward: e.forward,
            })
            .collect();
        JsonGraph {
            directed: true,
            multigraph: false,
            graph: JsonGraphMeta {
                name: graph_name(options),
                title: options.title.clone(),
                focus: options.focus.map(|f| f.to_string()),
                generator: generator(),
                node_count: graph.node_count(),
                edge_count: graph.edge_count(),
            },
            nodes,
            edges,
        }
    }
}

pub(super) fn section_code(section: crate::extract::Section) -> &'static str {
    use crate::extract::Section;
    match section {
        Section::Preamble => "preamble",
        Section::Operative => "operative",
        Section::Footnote => "footnote",
        Section::Other => "other",
    }
}

pub(super) fn render(
    graph: &CitationGraph,
    options: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    let text = serde_json::to_string_pretty(&JsonGraph::new(graph, options))?;
    let mut text = html_safe(&text);
    text.push('\n');
    Ok(text.into_bytes())
}

/// Writes `<`, `>` and `&` (which JSON's own syntax never uses outside
/// strings) and U+2028/U+2029 as `\uXXXX` escapes: the same JSON to every
/// parser, and safe to paste into an HTML `<script>` element as it is.
fn html_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}
