//! Mermaid flowchart for GitHub Markdown: `graph LR`, ids reduced to
//! `[A-Za-z0-9_]`, labels in double quotes with every character Mermaid
//! or HTML would read written as an entity code (`#quot;`, `#lt;`, …).

use std::collections::BTreeSet;
use std::fmt::Write;

use super::dot::label_lines;
use super::{
    one_line, organ_colour, organ_colour_light, RenderOptions, VerbFamily, FORWARD_COLOUR, ORGANS,
};
use crate::graph::CitationGraph;

pub(super) fn render(graph: &CitationGraph, options: &RenderOptions) -> String {
    let mut out = String::new();
    if let Some(title) = &options.title {
        // Front matter: the title is a YAML double-quoted string.
        let _ = writeln!(
            out,
            "---\ntitle: \"{}\"\n---",
            yaml_escape(&one_line(title))
        );
    }
    out.push_str("graph LR\n");

    // Node names, made unique should two ids reduce to the same one.
    let mut used = BTreeSet::new();
    let names: Vec<String> = graph
        .nodes()
        .map(|(_, n)| {
            let base = sanitise(&n.id.to_string());
            let mut name = base.clone();
            let mut k = 2;
            while !used.insert(name.clone()) {
                name = format!("{base}_{k}");
                k += 1;
            }
            name
        })
        .collect();

    for (index, node) in graph.nodes() {
        let label = label_lines(node)
            .iter()
            .map(|l| escape(l))
            .collect::<Vec<_>>()
            .join("<br/>");
        let _ = writeln!(out, "  {}[\"{label}\"]", names[index.index()]);
    }

    let mut by_style: [(VerbFamily, Vec<usize>); 2] = [
        (VerbFamily::Note, Vec::new()),
        (VerbFamily::Other, Vec::new()),
    ];
    let mut forward = Vec::new();
    for (i, (from, to, e)) in graph.edges().enumerate() {
        let mut label = e
            .verbs
            .iter()
            .take(2)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if e.verbs.len() > 2 {
            label.push_str(", …");
        }
        if e.count > 1 {
            if !label.is_empty() {
                label.push(' ');
            }
            label.push_str(&format!("×{}", e.count));
        }
        let arrow = if label.is_empty() {
            "-->".to_string()
        } else {
            format!("-->|\"{}\"|", escape(&label))
        };
        let _ = writeln!(
            out,
            "  {} {arrow} {}",
            names[from.index()],
            names[to.index()]
        );
        let family = VerbFamily::of_edge(e);
        for (f, list) in by_style.iter_mut() {
            if *f == family {
                list.push(i);
            }
        }
        if e.forward {
            forward.push(i);
        }
    }

    // Styles: one class per organ, in and out of the corpus, for the
    // classes in use.
    for organ in ORGANS {
        for in_corpus in [true, false] {
            let members: Vec<&str> = graph
                .nodes()
                .filter(|(_, n)| n.organ() == organ && n.in_corpus == in_corpus)
                .map(|(i, _)| names[i.index()].as_str())
                .collect();
            if members.is_empty() {
                continue;
            }
            let code = organ.code();
            if in_corpus {
                let _ = writeln!(
                    out,
                    "  classDef {code} fill:{},stroke:#333333,color:#000000",
                    organ_colour(organ)
                );
                let _ = writeln!(out, "  class {} {code}", members.join(","));
            } else {
                let _ = writeln!(
                    out,
                    "  classDef {code}_cited fill:{},stroke:#555555,stroke-dasharray:5 3,color:#333333",
                    organ_colour_light(organ)
                );
                let _ = writeln!(out, "  class {} {code}_cited", members.join(","));
            }
        }
    }
    if let Some(index) = options.focus.and_then(|f| graph.index_of(&f)) {
        let _ = writeln!(
            out,
            "  style {} stroke:#000000,stroke-width:4px",
            names[index.index()]
        );
    }
    for (family, list) in &by_style {
        if list.is_empty() {
            continue;
        }
        let dash = if *family == VerbFamily::Note {
            "6 4"
        } else {
            "2 3"
        };
        let _ = writeln!(
            out,
            "  linkStyle {} stroke-dasharray:{dash}",
            join_indices(list)
        );
    }
    if !forward.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:{FORWARD_COLOUR}",
            join_indices(&forward)
        );
    }
    out
}

fn join_indices(list: &[usize]) -> String {
    list.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// A Mermaid node name: the id with every character outside
/// `[A-Za-z0-9_]` replaced by `_`, prefixed when it would not start with a
/// letter.
pub(super) fn sanitise(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("n_{name}")
    }
}

/// Text for the inside of a double-quoted Mermaid label: one line, and
/// every character that Mermaid's parser or the HTML it renders to might
/// read written as an entity code.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in one_line(text).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            '\\' => out.push_str("#92;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for a YAML double-quoted string, with `<`, `>` and `&` as `\x`
/// escapes so that no markup appears in the file.
fn yaml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\x3C"),
            '>' => out.push_str("\\x3E"),
            '&' => out.push_str("\\x26"),
            c => out.push(c),
        }
    }
    out
}
