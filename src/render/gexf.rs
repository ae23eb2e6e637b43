//! GEXF 1.3 for Gephi, dynamic: every node starts on its adoption date
//! (or the first of January of its year), every edge when both of its
//! ends exist, so Gephi's timeline replays the growth of the graph.

use std::fmt::Write;

use super::graphml::{bool_str, kind};
use super::json::section_code;
use super::{
    generator, graph_name, organ_colour, organ_colour_light, session, short_label, start_date,
    xml_attr, xml_text, RenderOptions, VerbFamily,
};
use crate::graph::CitationGraph;

/// (id, title, type) of the node attributes, in output order.
const NODE_ATTRIBUTES: &[(&str, &str, &str)] = &[
    ("organ", "organ", "string"),
    ("kind", "kind", "string"),
    ("year", "year", "integer"),
    ("session", "session", "string"),
    ("title", "title", "string"),
    ("date", "date", "string"),
    ("in_corpus", "in_corpus", "boolean"),
    ("languages", "languages", "string"),
    ("url", "url", "string"),
];

/// (id, title, type) of the edge attributes, in output order.
const EDGE_ATTRIBUTES: &[(&str, &str, &str)] = &[
    ("count", "count", "integer"),
    ("verbs", "verbs", "string"),
    ("family", "family", "string"),
    ("sections", "sections", "string"),
    ("evidence", "evidence", "string"),
    ("forward", "forward", "boolean"),
];

pub(super) fn render(graph: &CitationGraph, options: &RenderOptions) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" \
         version=\"1.3\">\n",
    );
    out.push_str("  <meta>\n");
    let _ = writeln!(out, "    <creator>{}</creator>", xml_text(&generator()));
    let _ = writeln!(
        out,
        "    <description>{}</description>",
        xml_text(&graph_name(options))
    );
    out.push_str("  </meta>\n");
    out.push_str("  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\">\n");
    declare(&mut out, "node", NODE_ATTRIBUTES);
    declare(&mut out, "edge", EDGE_ATTRIBUTES);

    out.push_str("    <nodes>\n");
    let starts: Vec<Option<String>> = graph.nodes().map(|(_, n)| start_date(n)).collect();
    for (index, node) in graph.nodes() {
        let label = match node.year() {
            Some(y) => format!("{} · {y}", short_label(&node.id)),
            None => short_label(&node.id),
        };
        let start = starts[index.index()]
            .as_deref()
            .map(|s| format!(" start=\"{s}\""))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\"{start}>",
            xml_attr(&node.id.to_string()),
            xml_attr(&label)
        );
        let languages: Vec<&str> = node.languages.iter().map(|l| l.code()).collect();
        let values = [
            Some(node.organ().code().to_string()),
            Some(kind(node.kind()).to_string()),
            node.year().map(|y| y.to_string()),
            session(&node.id),
            node.title.clone(),
            node.date.clone(),
            Some(bool_str(node.in_corpus).to_string()),
            Some(languages.join("; ")),
            Some(node.url()),
        ];
        attvalues(&mut out, NODE_ATTRIBUTES, &values);
        let colour = if node.in_corpus {
            organ_colour(node.organ()).to_string()
        } else {
            organ_colour_light(node.organ())
        };
        let _ = writeln!(out, "        <viz:color {}/>", rgb(&colour));
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n");

    out.push_str("    <edges>\n");
    for (i, (from, to, e)) in graph.edges().enumerate() {
        // An edge exists once both of its documents do.
        let start = match (&starts[from.index()], &starts[to.index()]) {
            (Some(a), Some(b)) => Some(a.max(b).clone()),
            (a, b) => a.clone().or_else(|| b.clone()),
        }
        .map(|s| format!(" start=\"{s}\""))
        .unwrap_or_default();
        let verbs: Vec<&str> = e.verbs.iter().map(String::as_str).collect();
        let _ = writeln!(
            out,
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{}\" label=\"{}\"{start}>",
            xml_attr(&graph.node(from).id.to_string()),
            xml_attr(&graph.node(to).id.to_string()),
            e.count,
            xml_attr(&verbs.join(", ")),
        );
        let sections: Vec<&str> = e.sections.iter().map(|s| section_code(*s)).collect();
        let values = [
            Some(e.count.to_string()),
            Some(verbs.join("; ")),
            Some(VerbFamily::of_edge(e).code().to_string()),
            Some(sections.join("; ")),
            e.evidence.as_deref().map(str::to_owned),
            Some(bool_str(e.forward).to_string()),
        ];
        attvalues(&mut out, EDGE_ATTRIBUTES, &values);
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n");
    out.push_str("  </graph>\n</gexf>\n");
    out
}

fn declare(out: &mut String, class: &str, attributes: &[(&str, &str, &str)]) {
    let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
    for (id, title, ty) in attributes {
        let _ = writeln!(
            out,
            "      <attribute id=\"{id}\" title=\"{title}\" type=\"{ty}\"/>"
        );
    }
    out.push_str("    </attributes>\n");
}

fn attvalues(out: &mut String, attributes: &[(&str, &str, &str)], values: &[Option<String>]) {
    out.push_str("        <attvalues>\n");
    for ((id, _, _), value) in attributes.iter().zip(values) {
        if let Some(value) = value {
            let _ = writeln!(
                out,
                "          <attvalue for=\"{id}\" value=\"{}\"/>",
                xml_attr(value)
            );
        }
    }
    out.push_str("        </attvalues>\n");
}

/// `r="86" g="180" b="233"` from `#56B4E9`.
fn rgb(hex: &str) -> String {
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
    format!(
        "r=\"{}\" g=\"{}\" b=\"{}\"",
        channel(1),
        channel(3),
        channel(5)
    )
}
