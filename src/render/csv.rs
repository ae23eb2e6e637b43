//! CSV edge list (RFC 4180): one row per edge, header
//! `source,target,count,verbs,sections,forward,evidence`; lists joined
//! with "; "; fields holding a comma, a quote or a line break are quoted,
//! quotes doubled; lines end with CRLF.

use super::json::section_code;
use crate::graph::CitationGraph;

const HEADER: [&str; 7] = [
    "source", "target", "count", "verbs", "sections", "forward", "evidence",
];

pub(super) fn render(graph: &CitationGraph) -> String {
    let mut out = String::new();
    row(&mut out, HEADER.iter().map(|h| h.to_string()));
    for (from, to, e) in graph.edges() {
        let verbs: Vec<&str> = e.verbs.iter().map(String::as_str).collect();
        let sections: Vec<&str> = e.sections.iter().map(|s| section_code(*s)).collect();
        row(
            &mut out,
            [
                graph.node(from).id.to_string(),
                graph.node(to).id.to_string(),
                e.count.to_string(),
                verbs.join("; "),
                sections.join("; "),
                e.forward.to_string(),
                e.evidence.as_deref().unwrap_or_default().to_owned(),
            ]
            .into_iter(),
        );
    }
    out
}

fn row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field_text(&field));
    }
    out.push_str("\r\n");
}

/// One field, quoted when it must be.
pub(super) fn field_text(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::field_text;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(field_text("plain"), "plain");
        assert_eq!(field_text("a, b"), "\"a, b\"");
        assert_eq!(field_text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field_text("two\nlines"), "\"two\nlines\"");
    }
}
