//! Graphviz DOT, written straight into one string.
//!
//! The layout reads left to right from the newest document to the oldest:
//! the nodes of one year share a rank (`rank=same`), and a chain of year
//! anchors, drawn as a time axis of plain year labels joined by invisible
//! edges, puts the ranks in order; documents of unknown year come last.
//! Citations point from the citing document to the cited one, so they run
//! with the axis; a citation of a later document runs against it, in red.
//!
//! The text is laid out as graphviz-rust's printer laid out the model this
//! module once built (statements one a line, indented two spaces a level,
//! `"id"[key="value" …]` for a node, `"a" -> "b" [key="value" …]` for an
//! edge), but written without the model: the printer made a string for
//! every attribute and statement, four fifths of the time of a large graph.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use super::{
    graph_name, organ_colour, organ_colour_light, short_label, wrap, RenderOptions, VerbFamily,
    FORWARD_COLOUR, ORGANS,
};
use crate::graph::{CitationGraph, Edge, FastHash, Node};
use crate::symbol::Organ;

/// Characters per line of a node's title.
const TITLE_WIDTH: usize = 28;
/// Lines of title under a node's number.
const TITLE_LINES: usize = 2;
const FONT: &str = "Helvetica";
const EDGE_COLOUR: &str = "#4D4D4D";
const OUTLINE: &str = "#333333";
/// The first node of the legend, which always exists.
const LEGEND_TOP: &str = "legend:title";
/// Bytes of DOT per node and per edge in a large graph, a little over:
/// reserving them up front spares the copies of a growing string.
const BYTES_PER_NODE: usize = 450;
const BYTES_PER_EDGE: usize = 200;

pub(super) fn render(graph: &CitationGraph, options: &RenderOptions) -> String {
    let capacity = 4096 + BYTES_PER_NODE * graph.node_count() + BYTES_PER_EDGE * graph.edge_count();
    let mut dot = Dot::with_capacity(capacity);
    dot.out.push_str("digraph \"citations\" {\n");
    dot.indent = 2;
    defaults(&mut dot, options);
    let names = Names::of(graph);
    let anchors = ranks(&mut dot, graph, &names, options);
    for pair in anchors.windows(2) {
        dot.edge(&pair[0], &pair[1]);
        dot.attr("style", "invis");
        dot.close();
    }
    citations(&mut dot, graph, &names);
    legend(&mut dot, graph, options);
    // An invisible edge from the last year puts the legend after the axis.
    // (Outside the cluster: an edge inside would pull the year into it.)
    if let Some(anchor) = anchors.last() {
        dot.edge(anchor, LEGEND_TOP);
        dot.attr("style", "invis");
        dot.attr("minlen", "2");
        dot.close();
    }
    dot.out.push_str("}\n");
    dot.out
}

/// The graph's attributes and the defaults of its nodes and edges.
fn defaults(dot: &mut Dot, options: &RenderOptions) {
    graph_attributes(dot, options);
    dot.attribute_statement(
        "node",
        &[
            ("shape", "box"),
            ("style", "rounded,filled"),
            ("fontname", FONT),
            ("fontsize", "10"),
            ("margin", "0.12,0.06"),
        ],
    );
    dot.attribute_statement(
        "edge",
        &[
            ("color", EDGE_COLOUR),
            ("arrowsize", "0.6"),
            ("fontname", FONT),
        ],
    );
}

/// The id and the short label of every node, by node index, made once:
/// the edges name their ends by them.
struct Names {
    ids: Vec<String>,
    shorts: Vec<String>,
}

impl Names {
    fn of(graph: &CitationGraph) -> Names {
        Names {
            ids: graph.nodes().map(|(_, n)| n.id.to_string()).collect(),
            shorts: graph.nodes().map(|(_, n)| short_label(&n.id)).collect(),
        }
    }
}

/// The DOT text being written, with the state of the line being written.
struct Dot {
    out: String,
    /// Spaces before a statement: two a level of nesting.
    indent: usize,
    /// Whether the attribute list being written has no attribute yet.
    first: bool,
    /// A value composed from parts (a tooltip, a URL) before it is escaped
    /// into `out`: one buffer for all, so that composing allocates nothing.
    scratch: String,
}

impl Dot {
    fn with_capacity(capacity: usize) -> Dot {
        Dot {
            out: String::with_capacity(capacity),
            indent: 0,
            first: true,
            scratch: String::with_capacity(256),
        }
    }

    fn start_line(&mut self) {
        // Deeper than the legend's subgraphs (6) is never written.
        const SPACES: &str = "                ";
        self.out.push_str(&SPACES[..self.indent.min(SPACES.len())]);
    }

    fn quoted(&mut self, text: &str) {
        self.out.push('"');
        escape_into(&mut self.out, text);
        self.out.push('"');
    }

    /// Starts a node statement; its attributes follow, then [`Dot::close`].
    fn node(&mut self, name: &str) {
        self.start_line();
        self.quoted(name);
        self.open();
    }

    /// Starts an edge statement; its attributes follow, then [`Dot::close`].
    fn edge(&mut self, from: &str, to: &str) {
        self.start_line();
        self.quoted(from);
        self.out.push_str(" -> ");
        self.quoted(to);
        self.out.push(' ');
        self.open();
    }

    /// `graph[…]`, `node[…]`, `edge[…]`.
    fn attribute_statement(&mut self, keyword: &str, attrs: &[(&str, &str)]) {
        self.start_line();
        self.out.push_str(keyword);
        self.open();
        for (key, value) in attrs {
            self.attr(key, value);
        }
        self.close();
    }

    /// A statement of one attribute, such as `rank="same"`.
    fn attribute_line(&mut self, key: &str, value: &str) {
        self.start_line();
        self.out.push_str(key);
        self.out.push('=');
        self.quoted(value);
        self.out.push('\n');
    }

    fn open(&mut self) {
        self.out.push('[');
        self.first = true;
    }

    /// Writes `key="` of the next attribute; its escaped value and the
    /// closing quote follow.
    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(' ');
        }
        self.first = false;
        self.out.push_str(key);
        self.out.push_str("=\"");
    }

    fn attr(&mut self, key: &str, value: &str) {
        self.key(key);
        escape_into(&mut self.out, value);
        self.out.push('"');
    }

    /// An attribute whose value is the text composed in `scratch`.
    fn attr_scratch(&mut self, key: &str) {
        self.key(key);
        escape_into(&mut self.out, &self.scratch);
        self.out.push('"');
    }

    fn close(&mut self) {
        self.out.push_str("]\n");
    }

    /// Starts a subgraph whose name is written as is (already quoted, or
    /// a bare identifier); its statements follow, then
    /// [`Dot::close_subgraph`].
    fn open_subgraph(&mut self, write_name: impl FnOnce(&mut Dot)) {
        self.start_line();
        self.out.push_str("subgraph ");
        write_name(self);
        self.out.push_str(" {\n");
        self.indent += 2;
    }

    fn close_subgraph(&mut self) {
        self.indent -= 2;
        self.start_line();
        self.out.push_str("}\n");
    }
}

fn graph_attributes(dot: &mut Dot, options: &RenderOptions) {
    let name = graph_name(options);
    let mut attrs = vec![
        ("rankdir", "LR"),
        ("newrank", "true"),
        ("ranksep", "0.5"),
        ("nodesep", "0.15"),
        ("fontname", FONT),
        ("tooltip", name.as_str()),
    ];
    if let Some(title) = &options.title {
        attrs.push(("label", title));
        attrs.push(("labelloc", "t"));
        attrs.push(("fontsize", "16"));
    }
    dot.attribute_statement("graph", &attrs);
}

/// One `rank=same` subgraph a year, newest first, unknown years last, each
/// with its year anchor and its nodes; returns the anchors in that order.
fn ranks(
    dot: &mut Dot,
    graph: &CitationGraph,
    names: &Names,
    options: &RenderOptions,
) -> Vec<String> {
    let mut by_year: BTreeMap<std::cmp::Reverse<Option<u16>>, Vec<(usize, &Node)>> =
        BTreeMap::new();
    for (i, node) in graph.nodes() {
        // `Reverse(None)` sorts after every `Reverse(Some(_))`.
        by_year
            .entry(std::cmp::Reverse(node.year()))
            .or_default()
            .push((i.index(), node));
    }
    let fills = Fills::new();
    let mut anchors = Vec::with_capacity(by_year.len());
    for (std::cmp::Reverse(year), nodes) in &by_year {
        let anchor = anchor_id(*year);
        dot.open_subgraph(|dot| dot.quoted(&format!("rank {anchor}")));
        dot.attribute_line("rank", "same");
        let label = year.map_or("year unknown".to_string(), |y| y.to_string());
        dot.node(&anchor);
        dot.attr("label", &label);
        dot.attr("shape", "plaintext");
        dot.attr("style", "solid");
        dot.attr("fontsize", "12");
        dot.attr("fontcolor", "#666666");
        dot.close();
        for &(i, node) in nodes {
            node_statement(dot, node, names, i, options, &fills);
        }
        dot.close_subgraph();
        anchors.push(anchor);
    }
    anchors
}

fn anchor_id(year: Option<u16>) -> String {
    match year {
        Some(y) => format!("year:{y}"),
        None => "year:unknown".to_string(),
    }
}

/// The label of a node: "70/1 · 2015" over at most two lines of title.
pub(super) fn label_lines(node: &Node) -> Vec<String> {
    let mut first = short_label(&node.id);
    add_year(&mut first, node);
    let mut lines = vec![first];
    if let Some(title) = &node.title {
        lines.extend(wrap(title, TITLE_WIDTH, TITLE_LINES));
    }
    lines
}

/// Adds " · 2015", the node's year, to its short label, unless the label
/// says it already ("SC 2231 (2015)").
fn add_year(short: &mut String, node: &Node) {
    if let Some(year) = node.year() {
        if !ends_with_year(short, year) {
            // Writing to a String cannot fail.
            let _ = write!(short, " · {year}");
        }
    }
}

/// Whether `short` ends with `(year)`, as `short.ends_with(&format!("({year})"))`
/// says, without making the string.
fn ends_with_year(short: &str, year: u16) -> bool {
    let Some(inner) = short.strip_suffix(')') else {
        return false;
    };
    let number = inner.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &inner[number.len()..];
    // `year` is written without leading zeros ("0" for 0).
    let canonical = digits == "0" || !digits.starts_with('0');
    number.ends_with('(') && canonical && digits.parse::<u16>().ok() == Some(year)
}

/// The fill colours of the organs, the light ones worked out once.
struct Fills {
    light: Vec<(Organ, String)>,
}

impl Fills {
    fn new() -> Fills {
        Fills {
            light: ORGANS.iter().map(|&o| (o, organ_colour_light(o))).collect(),
        }
    }

    /// The fill of a node of `organ`: the organ's colour, or its light
    /// colour for a document not in the corpus.
    fn of(&self, organ: Organ, in_corpus: bool) -> &str {
        if in_corpus {
            return organ_colour(organ);
        }
        self.light
            .iter()
            .find(|(o, _)| *o == organ)
            .map_or(organ_colour(organ), |(_, c)| c.as_str())
    }
}

/// A node's statement; `names` has its id and short label.
fn node_statement(
    dot: &mut Dot,
    node: &Node,
    names: &Names,
    i: usize,
    options: &RenderOptions,
    fills: &Fills,
) {
    let (id, short) = (names.ids[i].as_str(), names.shorts[i].as_str());
    dot.node(id);
    // The lines of `label_lines`, the first composed in `scratch`.
    dot.key("label");
    dot.scratch.clear();
    dot.scratch.push_str(short);
    add_year(&mut dot.scratch, node);
    escape_into(&mut dot.out, &dot.scratch);
    if let Some(title) = &node.title {
        for line in wrap(title, TITLE_WIDTH, TITLE_LINES) {
            // Graphviz's line break, not an escaped character.
            dot.out.push_str("\\n");
            escape_into(&mut dot.out, &line);
        }
    }
    dot.out.push('"');
    write_tooltip(&mut dot.scratch, node, id);
    dot.attr_scratch("tooltip");
    dot.scratch.clear();
    dot.scratch.push_str("https://undocs.org/en/");
    dot.scratch.push_str(id);
    dot.attr_scratch("URL");
    dot.attr("target", "_blank");
    let focused = options.focus == Some(node.id);
    let outline = if node.in_corpus { OUTLINE } else { "#555555" };
    dot.attr("fillcolor", fills.of(node.organ(), node.in_corpus));
    dot.attr("color", if focused { "#000000" } else { outline });
    if !node.in_corpus {
        dot.attr("fontcolor", "#333333");
    }
    if focused {
        dot.attr("penwidth", "3");
        dot.attr("fontname", "Helvetica-Bold");
    }
    match (node.in_corpus, focused) {
        (true, false) => {}
        (false, false) => dot.attr("style", "rounded,filled,dashed"),
        (true, true) => dot.attr("style", "rounded,filled,bold"),
        (false, true) => dot.attr("style", "rounded,filled,dashed,bold"),
    }
    dot.close();
}

/// "A/RES/70/1 (2015-09-25): Transforming our world…", and whether the
/// corpus lacks the text.
fn write_tooltip(out: &mut String, node: &Node, id: &str) {
    out.clear();
    out.push_str(id);
    match (&node.date, node.year()) {
        (Some(date), _) => {
            out.push_str(" (");
            out.push_str(date);
            out.push(')');
        }
        // Writing to a String cannot fail.
        (None, Some(year)) => drop(write!(out, " ({year})")),
        (None, None) => {}
    }
    if let Some(title) = &node.title {
        out.push_str(": ");
        out.push_str(title);
    }
    if !node.in_corpus {
        out.push_str(" [cited; not in the corpus]");
    }
}

/// Every citation edge, in the order the graph holds them.
fn citations(dot: &mut Dot, graph: &CitationGraph, names: &Names) {
    let (ids, shorts) = (&names.ids, &names.shorts);
    let mut verbs = VerbCache::default();
    let widths = PenWidths::new();
    for (from, to, e) in graph.edges() {
        let (from, to) = (from.index(), to.index());
        dot.edge(&ids[from], &ids[to]);
        let (family, joined) = verbs.get(e);
        dot.attr("style", family_style(family));
        let tip = &mut dot.scratch;
        tip.clear();
        tip.push_str(&shorts[from]);
        tip.push_str(" → ");
        tip.push_str(&shorts[to]);
        // Writing to a String cannot fail.
        let _ = write!(tip, ": {} citation", e.count);
        if e.count != 1 {
            tip.push('s');
        }
        if !joined.is_empty() {
            tip.push_str(" (");
            tip.push_str(joined);
            tip.push(')');
        }
        if e.forward {
            tip.push_str(" [cites a later document: check the extraction]");
        }
        dot.attr_scratch("tooltip");
        let width = widths.of(e.count);
        if width != "1.0" {
            dot.attr("penwidth", &width);
        }
        if e.forward {
            dot.attr("color", FORWARD_COLOUR);
            dot.attr("constraint", "false");
        }
        dot.close();
    }
}

/// The verb family and the verbs joined by commas of each verb set,
/// worked out once a set: edges share their sets (`Shared`; 19,000 sets
/// for 94,000 edges in the 1 GB corpus), and classifying every verb of
/// every edge afresh took a third of the time. The family of a verb is
/// kept too: the sets are made of a few hundred verbs.
#[derive(Default)]
struct VerbCache<'g> {
    families: HashMap<&'g str, VerbFamily, FastHash>,
    sets: HashMap<*const BTreeSet<String>, (VerbFamily, String), FastHash>,
}

impl<'g> VerbCache<'g> {
    fn get(&mut self, edge: &'g Edge) -> (VerbFamily, &str) {
        let families = &mut self.families;
        let entry = self.sets.entry(edge.verbs.as_ptr()).or_insert_with(|| {
            let mut joined = String::new();
            let mut family = VerbFamily::Other;
            for (k, verb) in edge.verbs.iter().enumerate() {
                if k > 0 {
                    joined.push_str(", ");
                }
                joined.push_str(verb);
                // The strongest family wins, as in `VerbFamily::of_edge`.
                let of_verb = *families
                    .entry(verb)
                    .or_insert_with(|| VerbFamily::of_verb(verb));
                family = family.min(of_verb);
            }
            (family, joined)
        });
        (entry.0, &entry.1)
    }
}

/// Line widths of the small citation counts, formatted once.
struct PenWidths(Vec<String>);

impl PenWidths {
    /// Counts from here on are all drawn at the widest, "5.0".
    const CACHED: usize = 64;

    fn new() -> PenWidths {
        PenWidths((0..PenWidths::CACHED).map(penwidth).collect())
    }

    fn of(&self, count: usize) -> std::borrow::Cow<'_, str> {
        match self.0.get(count) {
            Some(width) => std::borrow::Cow::Borrowed(width),
            None => std::borrow::Cow::Owned(penwidth(count)),
        }
    }
}

/// Line width for a citation count: 1 for one citation, growing with the
/// logarithm of the count, at most 5.
fn penwidth(count: usize) -> String {
    let width = 1.0 + 0.75 * (count.max(1) as f64).log2();
    format!("{:.1}", width.min(5.0))
}

/// A node of the legend: its name and attributes.
struct LegendNode {
    name: String,
    attrs: Vec<(&'static str, String)>,
}

impl LegendNode {
    fn new(name: impl Into<String>, attrs: &[(&'static str, &str)]) -> LegendNode {
        LegendNode {
            name: name.into(),
            attrs: attrs.iter().map(|&(k, v)| (k, v.to_string())).collect(),
        }
    }

    fn point(name: String) -> LegendNode {
        LegendNode::new(
            name,
            &[("shape", "point"), ("width", "0.05"), ("color", "#666666")],
        )
    }
}

/// The legend: the organs present, the style of documents not in the
/// corpus, the focus, and the edge styles, stacked in a fixed order
/// (invisible edges within a rank keep their order).
fn legend(dot: &mut Dot, graph: &CitationGraph, options: &RenderOptions) {
    // First column: node swatches, then the tails of the edge samples.
    let mut column = vec![LegendNode::new(
        LEGEND_TOP,
        &[
            ("label", "documents by organ"),
            ("shape", "plaintext"),
            ("style", "solid"),
            ("fontsize", "9"),
        ],
    )];
    for organ in ORGANS {
        if graph.nodes().any(|(_, n)| n.organ() == organ) {
            column.push(LegendNode::new(
                format!("legend:{}", organ.code()),
                &[
                    ("label", organ.name()),
                    ("fillcolor", organ_colour(organ)),
                    ("color", OUTLINE),
                ],
            ));
        }
    }
    if graph.nodes().any(|(_, n)| !n.in_corpus) {
        column.push(LegendNode::new(
            "legend:external",
            &[
                ("label", "cited, not in the corpus"),
                ("fillcolor", "#EEEEEE"),
                ("color", "#555555"),
                ("style", "rounded,filled,dashed"),
            ],
        ));
    }
    if options.focus.is_some() {
        column.push(LegendNode::new(
            "legend:focus",
            &[
                ("label", "in focus"),
                ("fillcolor", "#FFFFFF"),
                ("color", "#000000"),
                ("penwidth", "3"),
                ("fontname", "Helvetica-Bold"),
                ("style", "rounded,filled,bold"),
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
    let heads: Vec<LegendNode> = samples
        .iter()
        .map(|(code, ..)| LegendNode::point(format!("legend:{code}:to")))
        .collect();
    column.extend(
        samples
            .iter()
            .map(|(code, ..)| LegendNode::point(format!("legend:{code}:from"))),
    );

    dot.open_subgraph(|dot| dot.out.push_str("cluster_legend"));
    dot.attribute_line("label", "Legend");
    dot.attribute_line("style", "rounded");
    dot.attribute_line("color", "#999999");
    dot.attribute_line("fontsize", "11");
    stacked(dot, "legend:column", &column);
    stacked(dot, "legend:heads", &heads);
    for (code, description, style, colour) in &samples {
        dot.edge(&format!("legend:{code}:from"), &format!("legend:{code}:to"));
        dot.attr("style", style);
        dot.attr("color", colour);
        dot.attr("label", description);
        dot.attr("fontsize", "9");
        dot.close();
    }
    dot.close_subgraph();
}

/// A `rank=same` group whose nodes stay in the given order, top to
/// bottom, held by invisible edges (which, left to right, run bottom to
/// top once `rankdir=LR` turns the picture).
fn stacked(dot: &mut Dot, name: &str, nodes: &[LegendNode]) {
    dot.open_subgraph(|dot| dot.quoted(name));
    dot.attribute_line("rank", "same");
    for node in nodes {
        dot.node(&node.name);
        for (key, value) in &node.attrs {
            dot.attr(key, value);
        }
        dot.close();
    }
    for pair in nodes.windows(2) {
        dot.edge(&pair[1].name, &pair[0].name);
        dot.attr("style", "invis");
        dot.close();
    }
    dot.close_subgraph();
}

fn family_style(family: VerbFamily) -> &'static str {
    match family {
        VerbFamily::Reaffirm => "solid",
        VerbFamily::Note => "dashed",
        VerbFamily::Other => "dotted",
    }
}

/// Appends `text` escaped for the inside of a double-quoted DOT string to
/// `out`. DOT itself only knows `\"`; Graphviz then reads backslash
/// sequences (`\n`, `\N`, `\l`) in labels, tooltips and URLs, so every
/// backslash is doubled. The text is put on one line as `one_line` does
/// (runs of whitespace become one space, control characters go).
///
/// Runs of characters that need nothing are copied whole, and a single
/// space between two of them stays in the run: most text is one run.
fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut line = OneLine {
        out,
        started: false,
        space: false,
    };
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        if PLAIN[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        // A single space between words, the next commonest byte.
        let next_plain = || bytes.get(i + 1).is_some_and(|&n| PLAIN[usize::from(n)]);
        if bytes[i] == b' ' && run < i && next_plain() {
            i += 1;
            continue;
        }
        let (c, len) = char_at(text, i);
        let single_space = c == ' ' && run < i && visible_at(text, i + 1);
        if single_space || is_visible(c) {
            i += len;
            continue;
        }
        line.visible(&text[run..i]);
        match c {
            '"' => line.visible("\\\""),
            '\\' => line.visible("\\\\"),
            c if c.is_whitespace() => line.space = true,
            // Other control characters are dropped.
            _ => {}
        }
        i += len;
        run = i;
    }
    line.visible(&text[run..]);
}

/// The bytes that are, or start, or continue a character copied as it is
/// (see [`is_visible`]): printable ASCII but the space, the quote and the
/// backslash; and every byte of UTF-8 but the lead bytes of the few
/// characters that are whitespace or control characters, which are looked
/// at as characters: U+0080–U+00A0 (lead byte C2), U+1680 (E1),
/// U+2000–U+205F (E2) and U+3000 (E3). So Arabic, Cyrillic and Chinese
/// text is copied in runs as ASCII is.
const PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b: usize = 0;
    while b < 256 {
        plain[b] = match b as u8 {
            b'"' | b'\\' => false,
            b'!'..=b'~' => true,
            0x80..=0xBF => true,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => false,
            0xC3..=0xF4 => true,
            _ => false,
        };
        b += 1;
    }
    plain
};

/// Text written on one line: whitespace between visible text becomes one
/// space, whitespace before or after it nothing.
struct OneLine<'a> {
    out: &'a mut String,
    /// Whether visible text is written yet.
    started: bool,
    /// Whether whitespace came since the last visible text.
    space: bool,
}

impl OneLine<'_> {
    fn visible(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.space && self.started {
            self.out.push(' ');
        }
        self.out.push_str(text);
        self.started = true;
        self.space = false;
    }
}

/// The character at byte `i` of `text` (a character boundary) and its
/// length in bytes.
fn char_at(text: &str, i: usize) -> (char, usize) {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => (char::from(b), 1),
        _ => text
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .map_or(('\0', 1), |c| (c, c.len_utf8())),
    }
}

/// Whether a character is copied as it is: not whitespace, not a control
/// character, not one that DOT escapes.
fn is_visible(c: char) -> bool {
    !(c.is_whitespace() || c.is_control() || c == '"' || c == '\\')
}

fn visible_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => PLAIN[usize::from(b)],
        Some(_) => is_visible(char_at(text, i).0),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(text: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, text);
        out
    }

    #[test]
    fn escapes_quotes_backslashes_and_line_breaks() {
        assert_eq!(escape(r#"a "b" \c"#), r#"a \"b\" \\c"#);
        assert_eq!(escape("one\ntwo\r\n three"), "one two three");
        assert_eq!(escape("{<>}"), "{<>}");
    }

    /// What `escape` wrote before it wrote into a buffer: `one_line`,
    /// then quotes and backslashes escaped, a character at a time.
    fn escape_by_character(text: &str) -> String {
        let mut out = String::new();
        for c in super::super::one_line(text).chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn plain_lead_bytes_start_only_visible_characters() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut utf8 = [0u8; 4];
            let lead = c.encode_utf8(&mut utf8).as_bytes()[0];
            if PLAIN[usize::from(lead)] {
                assert!(is_visible(c), "{:?} (U+{:04X})", c, u32::from(c));
            }
        }
    }

    #[test]
    fn escapes_like_one_line_then_character_by_character() {
        for text in [
            "",
            " ",
            "  a  ",
            "a b",
            "a  b",
            " a b ",
            "a \"b\" c",
            "\"\"",
            "a\u{7f}b",
            "a \u{7f} b",
            "a\u{a0}b",
            "a \u{85}b",
            "70/1 → 217 (III): 2 citations",
            "\t\nx\r\n",
            "\\ \\",
            "变革 我们的世界",
        ] {
            assert_eq!(escape(text), escape_by_character(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn escape_matches_the_character_by_character_escape(
            text in "[ a\"\\\\\t\n\u{7f}\u{85}\u{a0}\u{3000}é→]{0,12}|\\PC{0,24}|.{0,24}",
        ) {
            proptest::prop_assert_eq!(escape(&text), escape_by_character(&text));
        }
    }

    #[test]
    fn pen_widths_cached_are_the_pen_widths() {
        let widths = PenWidths::new();
        for count in 0..200 {
            assert_eq!(widths.of(count), penwidth(count), "{count}");
        }
    }

    #[test]
    fn pen_width_grows_with_count() {
        assert_eq!(penwidth(1), "1.0");
        assert_eq!(penwidth(2), "1.8");
        assert_eq!(penwidth(4), "2.5");
        assert_eq!(penwidth(1000), "5.0");
    }
}
