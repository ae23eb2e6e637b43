//! Graphviz DOT, built with graphviz-rust's model and printed by its
//! printer.
//!
//! The layout reads left to right from the newest document to the oldest:
//! the nodes of one year share a rank (`rank=same`), and a chain of year
//! anchors, drawn as a time axis of plain year labels joined by invisible
//! edges, puts the ranks in order; documents of unknown year come last.
//! Citations point from the citing document to the cited one, so they run
//! with the axis; a citation of a later document runs against it, in red.

use std::collections::BTreeMap;

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use super::{
    graph_name, one_line, organ_colour, organ_colour_light, short_label, wrap, RenderOptions,
    VerbFamily, FORWARD_COLOUR, ORGANS,
};
use crate::graph::{CitationGraph, Edge, Node};

/// Characters per line of a node's title.
const TITLE_WIDTH: usize = 28;
/// Lines of title under a node's number.
const TITLE_LINES: usize = 2;
const FONT: &str = "Helvetica";
const EDGE_COLOUR: &str = "#4D4D4D";
const OUTLINE: &str = "#333333";
/// The first node of the legend, which always exists.
const LEGEND_TOP: &str = "legend:title";

pub(super) fn render(graph: &CitationGraph, options: &RenderOptions) -> String {
    let model = build(graph, options);
    let mut ctx = PrinterContext::default();
    let mut text = model.print(&mut ctx);
    text.push('\n');
    text
}

/// The graphviz-rust model of the picture.
pub(super) fn build(graph: &CitationGraph, options: &RenderOptions) -> Graph {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(graph_attributes(options))),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("shape", "box"),
            attr("style", "rounded,filled"),
            attr("fontname", FONT),
            attr("fontsize", "10"),
            attr("margin", "0.12,0.06"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("color", EDGE_COLOUR),
            attr("arrowsize", "0.6"),
            attr("fontname", FONT),
        ])),
    ];

    // Ranks by year, newest first; unknown years last.
    let mut by_year: BTreeMap<std::cmp::Reverse<Option<u16>>, Vec<&Node>> = BTreeMap::new();
    for (_, node) in graph.nodes() {
        // `Reverse(None)` sorts after every `Reverse(Some(_))`.
        by_year
            .entry(std::cmp::Reverse(node.year()))
            .or_default()
            .push(node);
    }
    let mut anchors = Vec::new();
    for (std::cmp::Reverse(year), nodes) in &by_year {
        let anchor = anchor_id(*year);
        let mut rank = vec![
            Stmt::Attribute(attr("rank", "same")),
            Stmt::Node(DotNode::new(
                node_id(&anchor),
                vec![
                    attr(
                        "label",
                        &year.map_or("year unknown".to_string(), |y| y.to_string()),
                    ),
                    attr("shape", "plaintext"),
                    attr("style", "solid"),
                    attr("fontsize", "12"),
                    attr("fontcolor", "#666666"),
                ],
            )),
        ];
        for node in nodes {
            rank.push(Stmt::Node(node_statement(node, options)));
        }
        stmts.push(Stmt::Subgraph(Subgraph {
            id: quoted(&format!("rank {}", anchor)),
            stmts: rank,
        }));
        anchors.push(anchor);
    }
    for pair in anchors.windows(2) {
        stmts.push(Stmt::Edge(edge(
            &pair[0],
            &pair[1],
            vec![attr("style", "invis")],
        )));
    }

    for (from, to, e) in graph.edges() {
        let (from, to) = (graph.node(from), graph.node(to));
        stmts.push(Stmt::Edge(edge(
            &from.id.to_string(),
            &to.id.to_string(),
            edge_attributes(from, to, e),
        )));
    }

    stmts.push(Stmt::Subgraph(legend(graph, options)));
    // An invisible edge from the last year puts the legend after the axis.
    // (Outside the cluster: an edge inside would pull the year into it.)
    if let Some(anchor) = anchors.last() {
        stmts.push(Stmt::Edge(edge(
            anchor,
            LEGEND_TOP,
            vec![attr("style", "invis"), attr("minlen", "2")],
        )));
    }

    Graph::DiGraph {
        id: quoted("citations"),
        strict: false,
        stmts,
    }
}

fn graph_attributes(options: &RenderOptions) -> Vec<Attribute> {
    let mut attrs = vec![
        attr("rankdir", "LR"),
        attr("newrank", "true"),
        attr("ranksep", "0.5"),
        attr("nodesep", "0.15"),
        attr("fontname", FONT),
        attr("tooltip", &graph_name(options)),
    ];
    if let Some(title) = &options.title {
        attrs.push(attr("label", title));
        attrs.push(attr("labelloc", "t"));
        attrs.push(attr("fontsize", "16"));
    }
    attrs
}

fn anchor_id(year: Option<u16>) -> String {
    match year {
        Some(y) => format!("year:{y}"),
        None => "year:unknown".to_string(),
    }
}

/// The label of a node: "70/1 · 2015" over at most two lines of title.
pub(super) fn label_lines(node: &Node) -> Vec<String> {
    let short = short_label(&node.id);
    let first = match node.year() {
        // "SC 2231 (2015)" already says its year.
        Some(y) if short.ends_with(&format!("({y})")) => short,
        Some(y) => format!("{short} · {y}"),
        None => short,
    };
    let mut lines = vec![first];
    if let Some(title) = &node.title {
        lines.extend(wrap(title, TITLE_WIDTH, TITLE_LINES));
    }
    lines
}

fn node_statement(node: &Node, options: &RenderOptions) -> DotNode {
    let organ = node.organ();
    let label = label_lines(node)
        .iter()
        .map(|l| escape(l))
        .collect::<Vec<_>>()
        .join("\\n");
    let mut tooltip = node.id.to_string();
    if let Some(date) = node
        .date
        .clone()
        .or_else(|| node.year().map(|y| y.to_string()))
    {
        tooltip.push_str(&format!(" ({date})"));
    }
    if let Some(title) = &node.title {
        tooltip.push_str(": ");
        tooltip.push_str(title);
    }
    if !node.in_corpus {
        tooltip.push_str(" [cited; not in the corpus]");
    }
    let mut attrs = vec![
        Attribute(id("label"), Id::Escaped(format!("\"{label}\""))),
        attr("tooltip", &tooltip),
        attr("URL", &node.url()),
        attr("target", "_blank"),
    ];
    let focused = options.focus == Some(node.id);
    let mut style = String::from("rounded,filled");
    let (fill, outline) = if node.in_corpus {
        (organ_colour(organ).to_string(), OUTLINE)
    } else {
        style.push_str(",dashed");
        (organ_colour_light(organ), "#555555")
    };
    attrs.push(attr("fillcolor", &fill));
    attrs.push(attr("color", if focused { "#000000" } else { outline }));
    if !node.in_corpus {
        attrs.push(attr("fontcolor", "#333333"));
    }
    if focused {
        style.push_str(",bold");
        attrs.push(attr("penwidth", "3"));
        attrs.push(attr("fontname", "Helvetica-Bold"));
    }
    if style != "rounded,filled" {
        attrs.push(attr("style", &style));
    }
    DotNode::new(node_id(&node.id.to_string()), attrs)
}

fn edge_attributes(from: &Node, to: &Node, e: &Edge) -> Vec<Attribute> {
    let style = family_style(VerbFamily::of_edge(e));
    let verbs = e.verbs.iter().cloned().collect::<Vec<_>>().join(", ");
    let mut tooltip = format!(
        "{} → {}: {} citation{}",
        short_label(&from.id),
        short_label(&to.id),
        e.count,
        if e.count == 1 { "" } else { "s" }
    );
    if !verbs.is_empty() {
        tooltip.push_str(&format!(" ({verbs})"));
    }
    if e.forward {
        tooltip.push_str(" [cites a later document: check the extraction]");
    }
    let mut attrs = vec![attr("style", style), attr("tooltip", &tooltip)];
    let width = penwidth(e.count);
    if width != "1.0" {
        attrs.push(attr("penwidth", &width));
    }
    if e.forward {
        attrs.push(attr("color", FORWARD_COLOUR));
        attrs.push(attr("constraint", "false"));
    }
    attrs
}

/// Line width for a citation count: 1 for one citation, growing with the
/// logarithm of the count, at most 5.
fn penwidth(count: usize) -> String {
    let width = 1.0 + 0.75 * (count.max(1) as f64).log2();
    format!("{:.1}", width.min(5.0))
}

/// The legend: the organs present, the style of documents not in the
/// corpus, the focus, and the edge styles, stacked in a fixed order
/// (invisible edges within a rank keep their order).
fn legend(graph: &CitationGraph, options: &RenderOptions) -> Subgraph {
    // First column: node swatches, then the tails of the edge samples.
    let mut column: Vec<DotNode> = vec![DotNode::new(
        node_id(LEGEND_TOP),
        vec![
            attr("label", "documents by organ"),
            attr("shape", "plaintext"),
            attr("style", "solid"),
            attr("fontsize", "9"),
        ],
    )];
    for organ in ORGANS {
        if graph.nodes().any(|(_, n)| n.organ() == organ) {
            column.push(DotNode::new(
                node_id(&format!("legend:{}", organ.code())),
                vec![
                    attr("label", organ.name()),
                    attr("fillcolor", organ_colour(organ)),
                    attr("color", OUTLINE),
                ],
            ));
        }
    }
    if graph.nodes().any(|(_, n)| !n.in_corpus) {
        column.push(DotNode::new(
            node_id("legend:external"),
            vec![
                attr("label", "cited, not in the corpus"),
                attr("fillcolor", "#EEEEEE"),
                attr("color", "#555555"),
                attr("style", "rounded,filled,dashed"),
            ],
        ));
    }
    if options.focus.is_some() {
        column.push(DotNode::new(
            node_id("legend:focus"),
            vec![
                attr("label", "in focus"),
                attr("fillcolor", "#FFFFFF"),
                attr("color", "#000000"),
                attr("penwidth", "3"),
                attr("fontname", "Helvetica-Bold"),
                attr("style", "rounded,filled,bold"),
            ],
        ));
    }
    let mut samples: Vec<(&str, &str, &str, &str)> =
        [VerbFamily::Reaffirm, VerbFamily::Note, VerbFamily::Other]
            .into_iter()
            .map(|f| (f.code(), f.description(), family_style(f), EDGE_COLOUR))
            .collect();
    if graph.edges().any(|(_, _, e)| e.forward) {
        samples.push(("forward", "cites a later document", "solid", FORWARD_COLOUR));
    }
    let point = |name: String| {
        DotNode::new(
            node_id(&name),
            vec![
                attr("shape", "point"),
                attr("width", "0.05"),
                attr("color", "#666666"),
            ],
        )
    };
    let heads: Vec<DotNode> = samples
        .iter()
        .map(|(code, ..)| point(format!("legend:{code}:to")))
        .collect();
    column.extend(
        samples
            .iter()
            .map(|(code, ..)| point(format!("legend:{code}:from"))),
    );

    let mut stmts = vec![
        Stmt::Attribute(attr("label", "Legend")),
        Stmt::Attribute(attr("style", "rounded")),
        Stmt::Attribute(attr("color", "#999999")),
        Stmt::Attribute(attr("fontsize", "11")),
    ];
    stmts.push(Stmt::Subgraph(stacked("legend:column", &column)));
    stmts.push(Stmt::Subgraph(stacked("legend:heads", &heads)));
    for (code, description, style, colour) in &samples {
        stmts.push(Stmt::Edge(edge(
            &format!("legend:{code}:from"),
            &format!("legend:{code}:to"),
            vec![
                attr("style", style),
                attr("color", colour),
                attr("label", description),
                attr("fontsize", "9"),
            ],
        )));
    }
    Subgraph {
        id: id("cluster_legend"),
        stmts,
    }
}

/// A `rank=same` group whose nodes stay in the given order, top to
/// bottom, held by invisible edges (which, left to right, run bottom to
/// top once `rankdir=LR` turns the picture).
fn stacked(name: &str, nodes: &[DotNode]) -> Subgraph {
    let mut stmts = vec![Stmt::Attribute(attr("rank", "same"))];
    stmts.extend(nodes.iter().cloned().map(Stmt::Node));
    for pair in nodes.windows(2) {
        stmts.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(Vertex::N(pair[1].id.clone()), Vertex::N(pair[0].id.clone())),
            attributes: vec![attr("style", "invis")],
        }));
    }
    Subgraph {
        id: quoted(name),
        stmts,
    }
}

fn family_style(family: VerbFamily) -> &'static str {
    match family {
        VerbFamily::Reaffirm => "solid",
        VerbFamily::Note => "dashed",
        VerbFamily::Other => "dotted",
    }
}

fn edge(from: &str, to: &str, attributes: Vec<Attribute>) -> DotEdge {
    DotEdge {
        ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
        attributes,
    }
}

fn node_id(name: &str) -> NodeId {
    NodeId(quoted(name), None)
}

/// A bare identifier (for names we write ourselves).
fn id(name: &str) -> Id {
    Id::Plain(name.to_string())
}

/// An attribute with a quoted, escaped value.
fn attr(key: &str, value: &str) -> Attribute {
    Attribute(id(key), quoted(value))
}

/// A double-quoted DOT string holding `text` on one line.
fn quoted(text: &str) -> Id {
    Id::Escaped(format!("\"{}\"", escape(text)))
}

/// Escapes text for the inside of a double-quoted DOT string. DOT itself
/// only knows `\"`; Graphviz then reads backslash sequences (`\n`, `\N`,
/// `\l`) in labels, tooltips and URLs, so every backslash is doubled.
/// Line breaks and other control characters become spaces.
pub(super) fn escape(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_quotes_backslashes_and_line_breaks() {
        assert_eq!(escape(r#"a "b" \c"#), r#"a \"b\" \\c"#);
        assert_eq!(escape("one\ntwo\r\n three"), "one two three");
        assert_eq!(escape("{<>}"), "{<>}");
    }

    #[test]
    fn pen_width_grows_with_count() {
        assert_eq!(penwidth(1), "1.0");
        assert_eq!(penwidth(2), "1.8");
        assert_eq!(penwidth(4), "2.5");
        assert_eq!(penwidth(1000), "5.0");
    }
}
