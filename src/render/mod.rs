//! Renderers: the citation graph as a picture (DOT, SVG, PNG) or as data
//! (node-link JSON, GraphML, GEXF, Mermaid, CSV) or as an interactive
//! page (HTML).
//!
//! Every renderer walks the graph in its own order (nodes in id order,
//! edges in the order the graph holds them) and never iterates a hash map,
//! so the same graph always gives byte-identical output.
//!
//! ```no_run
//! use rescite::render::{render, GraphFormat, RenderOptions};
//! # let graph = rescite::graph::GraphBuilder::new().build();
//! let dot = render(&graph, GraphFormat::Dot, &RenderOptions::default()).unwrap();
//! ```

use std::path::Path;

use crate::graph::{CitationGraph, Edge, Node};
use crate::symbol::{Kind, Organ, Symbol};

mod csv;
mod dot;
mod gexf;
mod graphml;
mod html;
mod image;
mod json;
mod mermaid;

pub use json::{JsonEdge, JsonGraph, JsonGraphMeta, JsonNode};

/// An output format of `rescite graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT source.
    Dot,
    /// SVG drawn by Graphviz's `dot`.
    Svg,
    /// PNG drawn by Graphviz's `dot`.
    Png,
    /// Node-link JSON (networkx, D3); see docs/graph.schema.json.
    Json,
    /// GraphML (Gephi, yEd, igraph).
    Graphml,
    /// GEXF 1.3 with dates, for Gephi's timeline.
    Gexf,
    /// Mermaid flowchart, for GitHub Markdown.
    Mermaid,
    /// CSV edge list.
    Csv,
    /// A self-contained interactive page (timeline, search, filters),
    /// with cytoscape.js embedded; opens offline.
    Html,
}

impl GraphFormat {
    /// Every format, in the order of the enum.
    pub const ALL: [GraphFormat; 9] = [
        GraphFormat::Dot,
        GraphFormat::Svg,
        GraphFormat::Png,
        GraphFormat::Json,
        GraphFormat::Graphml,
        GraphFormat::Gexf,
        GraphFormat::Mermaid,
        GraphFormat::Csv,
        GraphFormat::Html,
    ];

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            GraphFormat::Dot => "dot",
            GraphFormat::Svg => "svg",
            GraphFormat::Png => "png",
            GraphFormat::Json => "json",
            GraphFormat::Graphml => "graphml",
            GraphFormat::Gexf => "gexf",
            GraphFormat::Mermaid => "mmd",
            GraphFormat::Csv => "csv",
            GraphFormat::Html => "html",
        }
    }

    /// The format a file name asks for by its extension (`graph.svg`,
    /// `graph.gv`, `graph.mermaid`), if any.
    pub fn from_path(path: &Path) -> Option<GraphFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "dot" | "gv" => Some(GraphFormat::Dot),
            "svg" => Some(GraphFormat::Svg),
            "png" => Some(GraphFormat::Png),
            "json" => Some(GraphFormat::Json),
            "graphml" => Some(GraphFormat::Graphml),
            "gexf" => Some(GraphFormat::Gexf),
            "mmd" | "mermaid" => Some(GraphFormat::Mermaid),
            "csv" => Some(GraphFormat::Csv),
            "html" | "htm" => Some(GraphFormat::Html),
            _ => None,
        }
    }

    /// Whether the output is binary (not UTF-8 text).
    pub fn is_binary(self) -> bool {
        self == GraphFormat::Png
    }

    /// Whether rendering needs Graphviz's `dot` program.
    pub fn needs_graphviz(self) -> bool {
        matches!(self, GraphFormat::Svg | GraphFormat::Png)
    }
}

/// What a renderer should stress or say besides the graph itself.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// The resolution in focus (highlighted), e.g. the root of a lineage.
    pub focus: Option<Symbol>,
    /// A caption for the picture / graph-level attribute.
    pub title: Option<String>,
}

/// Why a graph could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// SVG and PNG need Graphviz's `dot`, which is not on PATH.
    #[error("Graphviz's `dot` is not installed: {hint}")]
    GraphvizMissing { hint: String },
    /// `dot` ran and failed.
    #[error("Graphviz's `dot` failed: {message}")]
    Graphviz { message: String },
    #[error("cannot encode the graph as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Renders the graph in the given format.
pub fn render(
    graph: &CitationGraph,
    format: GraphFormat,
    options: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    match format {
        GraphFormat::Dot => Ok(dot::render(graph, options).into_bytes()),
        GraphFormat::Svg => image::render(graph, options, image::Image::Svg),
        GraphFormat::Png => image::render(graph, options, image::Image::Png),
        GraphFormat::Json => json::render(graph, options),
        GraphFormat::Graphml => Ok(graphml::render(graph, options).into_bytes()),
        GraphFormat::Gexf => Ok(gexf::render(graph, options).into_bytes()),
        GraphFormat::Mermaid => Ok(mermaid::render(graph, options).into_bytes()),
        GraphFormat::Csv => Ok(csv::render(graph).into_bytes()),
        GraphFormat::Html => html::render(graph, options),
    }
}

/// The DOT source as a string (what [`GraphFormat::Dot`] gives as bytes).
pub fn to_dot(graph: &CitationGraph, options: &RenderOptions) -> String {
    dot::render(graph, options)
}

/// The family of the verb under which a document is cited, which decides
/// how the edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VerbFamily {
    /// Reaffirming, recalling, reiterating: the citing text builds on it.
    Reaffirm,
    /// Taking note, noting, welcoming: the citing text acknowledges it.
    Note,
    /// Any other verb, or none known.
    Other,
}

impl VerbFamily {
    /// Short name used in data formats: `reaffirm`, `note`, `other`.
    pub fn code(self) -> &'static str {
        match self {
            VerbFamily::Reaffirm => "reaffirm",
            VerbFamily::Note => "note",
            VerbFamily::Other => "other",
        }
    }

    /// How a legend describes it.
    pub fn description(self) -> &'static str {
        match self {
            VerbFamily::Reaffirm => "reaffirms / recalls",
            VerbFamily::Note => "takes note / welcomes",
            VerbFamily::Other => "other verb",
        }
    }

    /// The family of one verb, in any of the six languages.
    pub fn of_verb(verb: &str) -> VerbFamily {
        let verb = verb.to_lowercase();
        if REAFFIRM_STEMS.iter().any(|s| verb.contains(s)) {
            VerbFamily::Reaffirm
        } else if NOTE_STEMS.iter().any(|s| verb.contains(s)) {
            VerbFamily::Note
        } else {
            VerbFamily::Other
        }
    }

    /// The family of an edge: the strongest family among its verbs
    /// (reaffirm before note before other).
    pub fn of_edge(edge: &Edge) -> VerbFamily {
        edge.verbs
            .iter()
            .map(|v| VerbFamily::of_verb(v))
            .min()
            .unwrap_or(VerbFamily::Other)
    }
}

/// Lower-case stems of the reaffirm/recall family in the six languages.
const REAFFIRM_STEMS: &[&str] = &[
    // English
    "reaffirm",
    "recall",
    "reiter",
    // French
    "rappel",
    "réaffirm",
    "réit",
    // Spanish
    "recordando",
    "recuerda",
    "reafirm",
    // Russian
    "ссылаясь",
    "подтвержда",
    "напомина",
    "ссылается",
    // Arabic
    "تشير",
    "تؤكد",
    "تعيد",
    "تكرر",
    // Chinese
    "回顾",
    "重申",
    "忆及",
];

/// Lower-case stems of the note/welcome family in the six languages.
const NOTE_STEMS: &[&str] = &[
    // English
    "note",
    "noting",
    "welcom",
    // French
    "notant",
    "prenant acte",
    "prend acte",
    "félicit",
    "felicit",
    "accueill",
    "salue",
    // Spanish
    "nota",
    "observa",
    "acogiendo",
    "acoge",
    "celebra",
    // Russian
    "к сведению",
    "приветству",
    "отмеча",
    // Arabic
    "تحيط",
    "ترحب",
    "تلاحظ",
    // Chinese
    "注意到",
    "欢迎",
    "表示注意",
];

/// Fill colour of an organ's nodes: the Okabe–Ito palette, which stays
/// distinct under the common colour-vision deficiencies.
pub fn organ_colour(organ: Organ) -> &'static str {
    match organ {
        Organ::GeneralAssembly => "#56B4E9",          // sky blue
        Organ::SecurityCouncil => "#E69F00",          // orange
        Organ::EconomicAndSocialCouncil => "#009E73", // bluish green
        Organ::HumanRightsCouncil => "#CC79A7",       // reddish purple
        Organ::CommissionOnHumanRights => "#F0E442",  // yellow
    }
}

/// The lighter fill of an organ's nodes that the corpus does not hold:
/// the organ colour mixed with three parts of white.
pub fn organ_colour_light(organ: Organ) -> String {
    let colour = organ_colour(organ);
    let channel = |i: usize| u8::from_str_radix(&colour[i..i + 2], 16).unwrap_or(0);
    let light = |c: u8| (u16::from(c) + 3 * 255) / 4;
    format!(
        "#{:02X}{:02X}{:02X}",
        light(channel(1)),
        light(channel(3)),
        light(channel(5))
    )
}

/// Colour of citations of a later document (an extraction error or a
/// misattributed organ): Okabe–Ito vermilion.
pub const FORWARD_COLOUR: &str = "#D55E00";

/// Every organ, in the order legends list them.
pub const ORGANS: [Organ; 5] = [
    Organ::GeneralAssembly,
    Organ::SecurityCouncil,
    Organ::EconomicAndSocialCouncil,
    Organ::HumanRightsCouncil,
    Organ::CommissionOnHumanRights,
];

/// The short label of a node: `70/1` for a GA resolution, `dec. 78/541`
/// for a GA decision, the organ code before the number otherwise
/// (`SC 2231 (2015)`, `HRC 53/29`).
pub fn short_label(id: &Symbol) -> String {
    let short = id.short();
    let dec = if id.kind() == Kind::Decision {
        "dec. "
    } else {
        ""
    };
    match id.organ() {
        Organ::GeneralAssembly => format!("{dec}{short}"),
        organ => format!("{} {dec}{short}", organ.code()),
    }
}

/// The session of a node, for the year-numbered series none.
pub fn session(id: &Symbol) -> Option<String> {
    match id {
        Symbol::GaNumbered { .. }
        | Symbol::GaRoman { .. }
        | Symbol::Hrc { .. }
        | Symbol::EcosocRoman { .. } => Some(id.session_label()),
        Symbol::Sc { .. } | Symbol::EcosocYear { .. } | Symbol::Chr { .. } => None,
    }
}

/// The generator string written into every output.
pub fn generator() -> String {
    format!("rescite {}", env!("CARGO_PKG_VERSION"))
}

/// The graph's name: the title when given, else a fixed name.
fn graph_name(options: &RenderOptions) -> String {
    options
        .title
        .clone()
        .unwrap_or_else(|| "citations".to_string())
}

/// The start date of a node for timelines: its date when it is a full
/// ISO date, else the first of January of its year.
fn start_date(node: &Node) -> Option<String> {
    if let Some(date) = node.date.as_deref() {
        if is_iso_date(date) {
            return Some(date.to_string());
        }
    }
    node.year().map(|y| format!("{y:04}-01-01"))
}

fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Collapses every run of whitespace (line breaks included) into one
/// space and drops other control characters: text for one-line labels.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else if !c.is_control() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Word-wraps `text` into lines of at most `width` characters, at most
/// `max_lines` of them; what does not fit is cut with an ellipsis. Words
/// longer than a line (and text without spaces, as in Chinese) are split.
fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_len = 0;
    for word in one_line(text).split(' ').filter(|w| !w.is_empty()) {
        if lines.len() > max_lines {
            // Lines past `max_lines` are cut off below: no need to make them.
            break;
        }
        // The common case, a word that fits on this line or the next, is
        // added whole; only a word longer than a line is split by character.
        let word_len = word.chars().count();
        if current_len > 0 && current_len + 1 + word_len > width && word_len <= width {
            lines.push(std::mem::take(&mut current));
            current_len = 0;
        }
        let sep = usize::from(current_len > 0);
        if current_len + sep + word_len <= width {
            if sep == 1 {
                current.push(' ');
            }
            current.push_str(word);
            current_len += sep + word_len;
            continue;
        }
        let mut chars: Vec<char> = word.chars().collect();
        loop {
            let sep = usize::from(current_len > 0);
            if current_len + sep + chars.len() <= width {
                if sep == 1 {
                    current.push(' ');
                }
                current.extend(chars.iter());
                current_len += sep + chars.len();
                break;
            }
            if current_len > 0 && chars.len() <= width {
                lines.push(std::mem::take(&mut current));
                current_len = 0;
                continue;
            }
            // Too long for any line: fill this one and go on. (A full line
            // has no room: it is ended first.)
            let room = width.saturating_sub(current_len + sep);
            if room == 0 {
                lines.push(std::mem::take(&mut current));
                current_len = 0;
                continue;
            }
            if sep == 1 {
                current.push(' ');
            }
            current.extend(chars.drain(..room));
            lines.push(std::mem::take(&mut current));
            current_len = 0;
            if chars.is_empty() {
                break;
            }
        }
    }
    if current_len > 0 {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let mut kept: Vec<char> = last.chars().collect();
            kept.truncate(width.saturating_sub(1));
            while kept.last() == Some(&' ') {
                kept.pop();
            }
            *last = kept.into_iter().collect::<String>() + "…";
        }
    }
    lines
}

/// Text for XML element content: escaped with quick_xml, without the
/// characters XML 1.0 cannot hold at all (most control characters).
fn xml_text(text: &str) -> String {
    let clean: String = text.chars().filter(|&c| xml_char(c)).collect();
    quick_xml::escape::escape(clean.as_str()).replace('\r', "&#13;")
}

/// Text for an XML attribute value in double quotes: as [`xml_text`], and
/// line breaks and tabs as character references, which attribute-value
/// normalisation would otherwise turn into spaces.
fn xml_attr(text: &str) -> String {
    xml_text(text).replace('\n', "&#10;").replace('\t', "&#9;")
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_and_cuts_with_an_ellipsis() {
        let lines = wrap(
            "Transforming our world: the 2030 Agenda for Sustainable Development",
            28,
            2,
        );
        assert_eq!(
            lines,
            vec![
                "Transforming our world: the",
                "2030 Agenda for Sustainable…"
            ]
        );
        assert_eq!(wrap("Short title", 28, 2), vec!["Short title"]);
        assert_eq!(wrap("", 28, 2), Vec::<String>::new());
        let cjk = wrap(
            "变革我们的世界：2030年可持续发展议程以及更多的文字内容",
            10,
            2,
        );
        assert_eq!(cjk.len(), 2);
        assert!(cjk.iter().all(|l| l.chars().count() <= 10), "{cjk:?}");
        assert!(cjk[1].ends_with('…'));
        let long = wrap("a Supercalifragilisticexpialidocious word", 10, 5);
        assert!(long.iter().all(|l| l.chars().count() <= 10), "{long:?}");
    }

    /// `wrap` as it was before it took whole words and stopped at the
    /// last line kept: every word split into characters, every line made.
    fn wrap_by_character(text: &str, width: usize, max_lines: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut current_len = 0;
        for word in one_line(text).split(' ').filter(|w| !w.is_empty()) {
            let mut chars: Vec<char> = word.chars().collect();
            loop {
                let sep = usize::from(current_len > 0);
                if current_len + sep + chars.len() <= width {
                    if sep == 1 {
                        current.push(' ');
                    }
                    current.extend(chars.iter());
                    current_len += sep + chars.len();
                    break;
                }
                if current_len > 0 && chars.len() <= width {
                    lines.push(std::mem::take(&mut current));
                    current_len = 0;
                    continue;
                }
                // `wrap` fixed this subtraction, which overflowed when a
                // full line met a word longer than a line.
                let room = width.saturating_sub(current_len + sep);
                if room == 0 {
                    lines.push(std::mem::take(&mut current));
                    current_len = 0;
                    continue;
                }
                if sep == 1 {
                    current.push(' ');
                }
                current.extend(chars.drain(..room));
                lines.push(std::mem::take(&mut current));
                current_len = 0;
                if chars.is_empty() {
                    break;
                }
            }
        }
        if current_len > 0 {
            lines.push(current);
        }
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                let mut kept: Vec<char> = last.chars().collect();
                kept.truncate(width.saturating_sub(1));
                while kept.last() == Some(&' ') {
                    kept.pop();
                }
                *last = kept.into_iter().collect::<String>() + "…";
            }
        }
        lines
    }

    proptest::proptest! {
        #[test]
        fn wrap_matches_the_character_by_character_wrap(
            text in "([a-z]{1,14}|变革我们的世界|[ \t\n]{1,2}){0,20}",
            width in 1usize..30,
            max_lines in 0usize..4,
        ) {
            proptest::prop_assert_eq!(
                wrap(&text, width, max_lines),
                wrap_by_character(&text, width, max_lines)
            );
        }
    }

    #[test]
    fn a_full_line_then_a_word_longer_than_a_line() {
        // "aaaa" fills a line of 4; the next word is split over new lines.
        assert_eq!(wrap("aaaa bbbbbb", 4, 3), vec!["aaaa", "bbbb", "bb"]);
        assert_eq!(wrap("aaaa bbbbbb", 4, 2), vec!["aaaa", "bbb…"]);
    }

    #[test]
    fn verb_families_in_six_languages() {
        for verb in [
            "Reaffirming",
            "Recalling also",
            "Rappelant",
            "Réaffirmant",
            "Recordando",
            "Reafirmando",
            "ссылаясь",
            "вновь подтверждая",
            "وإذ تشير",
            "وإذ تؤكد",
            "回顾",
            "又重申",
        ] {
            assert_eq!(VerbFamily::of_verb(verb), VerbFamily::Reaffirm, "{verb}");
        }
        for verb in [
            "Taking note",
            "Noting",
            "Welcoming",
            "Prenant note",
            "Se félicitant",
            "Tomando nota",
            "Acogiendo con beneplácito",
            "принимая к сведению",
            "приветствуя",
            "وإذ تحيط",
            "وإذ ترحب",
            "注意到",
            "欢迎",
        ] {
            assert_eq!(VerbFamily::of_verb(verb), VerbFamily::Note, "{verb}");
        }
        for verb in ["Decides", "Guided by", "Considérant", "决定"] {
            assert_eq!(VerbFamily::of_verb(verb), VerbFamily::Other, "{verb}");
        }
    }

    #[test]
    fn light_colours_are_lighter() {
        assert_eq!(organ_colour_light(Organ::GeneralAssembly), "#D4ECF9");
    }

    #[test]
    fn short_labels() {
        let label = |s: &str| short_label(&s.parse().unwrap());
        assert_eq!(label("A/RES/70/1"), "70/1");
        assert_eq!(label("A/DEC/78/541"), "dec. 78/541");
        assert_eq!(label("S/RES/2231(2015)"), "SC 2231 (2015)");
        assert_eq!(label("A/HRC/RES/53/29"), "HRC 53/29");
    }
}
