//! GraphML, for Gephi, yEd, igraph and networkx: every attribute declared
//! with a `<key>`, values omitted where unknown. Lists (languages, verbs,
//! sections) are joined with "; ".

use std::fmt::Write;

use super::{
    generator, graph_name, organ_colour, session, short_label, xml_attr, xml_text, RenderOptions,
    VerbFamily,
};
use crate::graph::CitationGraph;
use crate::render::json::section_code;

/// (id, for, attr.name, attr.type) of every key, in output order.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("g_name", "graph", "name", "string"),
    ("g_title", "graph", "title", "string"),
    ("g_focus", "graph", "focus", "string"),
    ("g_generator", "graph", "generator", "string"),
    ("n_label", "node", "label", "string"),
    ("n_organ", "node", "organ", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_year", "node", "year", "int"),
    ("n_session", "node", "session", "string"),
    ("n_title", "node", "title", "string"),
    ("n_date", "node", "date", "string"),
    ("n_in_corpus", "node", "in_corpus", "boolean"),
    ("n_languages", "node", "languages", "string"),
    ("n_url", "node", "url", "string"),
    ("n_color", "node", "color", "string"),
    ("e_count", "edge", "count", "int"),
    ("e_weight", "edge", "weight", "double"),
    ("e_verbs", "edge", "verbs", "string"),
    ("e_family", "edge", "family", "string"),
    ("e_sections", "edge", "sections", "string"),
    ("e_evidence", "edge", "evidence", "string"),
    ("e_forward", "edge", "forward", "boolean"),
];

pub(super) fn render(graph: &CitationGraph, options: &RenderOptions) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, domain, name, ty) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <graph id=\"citations\" edgedefault=\"directed\">\n");
    let indent = "    ";
    data(&mut out, indent, "g_name", Some(&graph_name(options)));
    data(&mut out, indent, "g_title", options.title.as_deref());
    data(
        &mut out,
        indent,
        "g_focus",
        options.focus.map(|f| f.to_string()).as_deref(),
    );
    data(&mut out, indent, "g_generator", Some(&generator()));

    for (_, node) in graph.nodes() {
        let _ = writeln!(out, "    <node id=\"{}\">", xml_attr(&node.id.to_string()));
        let indent = "      ";
        let languages: Vec<&str> = node.languages.iter().map(|l| l.code()).collect();
        data(&mut out, indent, "n_label", Some(&short_label(&node.id)));
        data(&mut out, indent, "n_organ", Some(node.organ().code()));
        data(&mut out, indent, "n_kind", Some(kind(node.kind())));
        data(
            &mut out,
            indent,
            "n_year",
            node.year().map(|y| y.to_string()).as_deref(),
        );
        data(&mut out, indent, "n_session", session(&node.id).as_deref());
        data(&mut out, indent, "n_title", node.title.as_deref());
        data(&mut out, indent, "n_date", node.date.as_deref());
        data(
            &mut out,
            indent,
            "n_in_corpus",
            Some(bool_str(node.in_corpus)),
        );
        data(&mut out, indent, "n_languages", Some(&languages.join("; ")));
        data(&mut out, indent, "n_url", Some(&node.url()));
        data(
            &mut out,
            indent,
            "n_color",
            Some(organ_colour(node.organ())),
        );
        out.push_str("    </node>\n");
    }

    for (i, (from, to, e)) in graph.edges().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            xml_attr(&graph.node(from).id.to_string()),
            xml_attr(&graph.node(to).id.to_string()),
        );
        let indent = "      ";
        let verbs: Vec<&str> = e.verbs.iter().map(String::as_str).collect();
        let sections: Vec<&str> = e.sections.iter().map(|s| section_code(*s)).collect();
        data(&mut out, indent, "e_count", Some(&e.count.to_string()));
        data(
            &mut out,
            indent,
            "e_weight",
            Some(&format!("{}.0", e.count)),
        );
        data(&mut out, indent, "e_verbs", Some(&verbs.join("; ")));
        data(
            &mut out,
            indent,
            "e_family",
            Some(VerbFamily::of_edge(e).code()),
        );
        data(&mut out, indent, "e_sections", Some(&sections.join("; ")));
        data(&mut out, indent, "e_evidence", e.evidence.as_deref());
        data(&mut out, indent, "e_forward", Some(bool_str(e.forward)));
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

fn data(out: &mut String, indent: &str, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        let _ = writeln!(
            out,
            "{indent}<data key=\"{key}\">{}</data>",
            xml_text(value)
        );
    }
}

pub(super) fn kind(kind: crate::symbol::Kind) -> &'static str {
    match kind {
        crate::symbol::Kind::Resolution => "resolution",
        crate::symbol::Kind::Decision => "decision",
    }
}

pub(super) fn bool_str(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}
