//! The lineage page: one self-contained HTML file (no network) that draws
//! the graph on a timeline with the vendored cytoscape.js.
//!
//! The page holds, in this order: a strict Content-Security-Policy that
//! forbids every network fetch, the stylesheet (assets/lineage.css), the
//! graph as node-link JSON (the `--format json` document, whose `<`, `>`,
//! `&`, U+2028 and U+2029 are `\u` escapes) in
//! `<script type="application/json" id="graph-data">`, the timeline
//! positions computed here in `<script type="application/json"
//! id="layout-data">`, cytoscape (assets/, embedded at build time) and the
//! page's own script (assets/lineage.js), which puts text into the DOM
//! only with `textContent`.
//!
//! The layout is a timeline: one column per year that holds a node (years
//! apart get a wider gap), one lane per organ; within a lane the nodes of
//! a year fill rows in date order, starting on a row that turns with the
//! year so that lines of single nodes zigzag instead of hiding each
//! other's edges. Everything is computed in id and date order, so the
//! page is byte-identical for the same graph.

use std::collections::BTreeMap;

use petgraph::Direction;
use serde::Serialize;

use super::{json, organ_colour, organ_colour_light, RenderError, RenderOptions, ORGANS};
use crate::graph::CitationGraph;
use crate::symbol::Organ;

/// cytoscape.js, vendored from the npm registry (assets/README.md).
pub const CYTOSCAPE_JS: &str = include_str!("../../assets/cytoscape-3.35.0.min.js");
/// The version of the vendored cytoscape.js.
pub const CYTOSCAPE_VERSION: &str = "3.35.0";
const PAGE_JS: &str = include_str!("../../assets/lineage.js");
const PAGE_CSS: &str = include_str!("../../assets/lineage.css");

/// Most rows of nodes per lane before a year takes a second sub-column.
const MAX_ROWS: usize = 3;
const ROW_HEIGHT: f64 = 125.0;
const SUB_COLUMN_WIDTH: f64 = 72.0;
/// Extra space before a year that does not follow the previous one.
const YEAR_GAP: f64 = 40.0;
const LANE_PADDING: f64 = 30.0;
const MIN_SIZE: f64 = 26.0;
const MAX_SIZE: f64 = 72.0;

/// Positions and sizes handed to the page (preset layout).
#[derive(Debug, Serialize)]
struct Layout {
    /// One entry per node, in the order of the graph JSON's nodes.
    nodes: Vec<NodePlace>,
    lanes: Vec<Lane>,
    years: Vec<YearColumn>,
    width: f64,
    height: f64,
    cytoscape: &'static str,
}

#[derive(Debug, Serialize)]
struct NodePlace {
    id: String,
    x: f64,
    y: f64,
    /// Diameter in pixels, by citations received.
    size: f64,
    /// How many documents in the graph cite it.
    cited_by: usize,
    colour: String,
}

#[derive(Debug, Serialize)]
struct Lane {
    organ: &'static str,
    name: &'static str,
    colour: &'static str,
    light: String,
    /// Centre and height of the band.
    y: f64,
    height: f64,
}

#[derive(Debug, Serialize)]
struct YearColumn {
    /// `None` for the column of undated nodes.
    year: Option<u16>,
    x: f64,
}

/// Renders the page.
pub(super) fn render(
    graph: &CitationGraph,
    options: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    let data =
        String::from_utf8(json::render(graph, options)?).expect("the JSON renderer writes UTF-8");
    let layout = script_safe(&serde_json::to_string(&layout(graph))?);
    let title = options
        .title
        .clone()
        .or_else(|| options.focus.map(|f| format!("Citations of {f}")))
        .unwrap_or_else(|| "Citation graph".to_string());
    let title = escape_html(&super::one_line(&title));
    let generator = escape_html(&super::generator());

    let mut page = String::with_capacity(CYTOSCAPE_JS.len() + data.len() + 32_000);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:\">\n",
    );
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str(&format!(
        "<meta name=\"generator\" content=\"{generator}\">\n"
    ));
    page.push_str(&format!("<title>{title}</title>\n"));
    page.push_str("<style>\n");
    page.push_str(PAGE_CSS);
    page.push_str("</style>\n</head>\n<body>\n");
    page.push_str(
        &BODY
            .replace(
                "{{GENERATOR}}",
                &format!("{generator}, cytoscape.js {CYTOSCAPE_VERSION}"),
            )
            .replace("{{TITLE}}", &title),
    );
    page.push_str("<script type=\"application/json\" id=\"graph-data\">\n");
    page.push_str(&data);
    page.push_str("</script>\n<script type=\"application/json\" id=\"layout-data\">\n");
    page.push_str(&layout);
    page.push_str("\n</script>\n<script>\n");
    page.push_str(CYTOSCAPE_JS);
    page.push_str("\n</script>\n<script>\n");
    page.push_str(PAGE_JS);
    page.push_str("</script>\n</body>\n</html>\n");
    Ok(page.into_bytes())
}

/// The page's fixed markup; `{{TITLE}}` and `{{GENERATOR}}` are replaced
/// with escaped text.
const BODY: &str = r##"<header>
<h1 id="page-title">{{TITLE}}</h1>
<p class="summary" id="summary"></p>
</header>
<div class="toolbar" role="toolbar" aria-label="Search, filters and export">
<div class="group search-group">
<label for="search">Search</label>
<input type="search" id="search" placeholder="Symbol or title words, e.g. 70/1 or Agenda" autocomplete="off" aria-describedby="search-help">
<span id="search-help" class="hint">Enter selects the first match, Escape clears</span>
</div>
<fieldset class="group" id="organ-filter"><legend>Organs</legend></fieldset>
<fieldset class="group" id="year-filter"><legend>Years</legend>
<label for="year-from">from</label> <input type="number" id="year-from" inputmode="numeric">
<label for="year-to">to</label> <input type="number" id="year-to" inputmode="numeric">
</fieldset>
<div class="group buttons">
<button type="button" id="fit">Fit to view</button>
<button type="button" id="clear">Clear selection</button>
<button type="button" id="export-png">Export PNG</button>
<button type="button" id="export-svg">Export SVG</button>
</div>
</div>
<main>
<div id="cy" role="img" aria-label="Citation timeline: resolutions by date, one lane per organ, arrows from the citing resolution to the cited one"></div>
<aside id="panel" aria-live="polite">
<section id="details">
<h2 id="details-heading">Details</h2>
<p id="details-empty" class="hint">Click a resolution, or search for it, to see its title, date and the sentences that cite it. Shift-click two resolutions to highlight the citation path between them.</p>
<div id="details-body" hidden>
<p class="symbol" id="d-symbol"></p>
<p class="title" id="d-title"></p>
<dl>
<dt>Date</dt><dd id="d-date"></dd>
<dt>Organ</dt><dd id="d-organ"></dd>
<dt>In corpus</dt><dd id="d-corpus"></dd>
</dl>
<p><a id="d-link" href="#" target="_blank" rel="noopener noreferrer">Open the document at undocs.org</a></p>
<div class="path-buttons">
<button type="button" id="path-start">Start a path here</button>
<button type="button" id="path-end" hidden>Show the path to here</button>
</div>
<h3 id="d-cited-heading">Cited by</h3>
<ol id="d-cited-by" class="citations"></ol>
<h3 id="d-cites-heading">Cites</h3>
<ul id="d-cites" class="cites"></ul>
</div>
<div id="path-result" hidden>
<h3>Citation path</h3>
<p id="path-text"></p>
</div>
</section>
<section id="legend" aria-label="Legend">
<h2>Legend</h2>
<ul id="legend-organs" class="legend"></ul>
<ul class="legend">
<li><span class="swatch ring"></span>resolution in focus</li>
<li><span class="swatch faded"></span>pale: not in the corpus (only cited)</li>
<li><span class="line reaffirm"></span>reaffirms / recalls</li>
<li><span class="line note"></span>takes note / welcomes</li>
<li><span class="line other"></span>other verb</li>
<li><span class="line forward"></span>cites a later document (suspect)</li>
<li>Size: number of documents citing it. Arrows point from the citing resolution to the cited one.</li>
</ul>
</section>
</aside>
</main>
<section id="print-list" aria-label="All resolutions">
<h2>Resolutions in this graph</h2>
<table><thead><tr><th>Symbol</th><th>Date</th><th>Organ</th><th>Title</th><th>Cited by</th></tr></thead><tbody id="print-rows"></tbody></table>
</section>
<footer><p>Generated by {{GENERATOR}}. Opens offline; nothing is fetched from the network.</p></footer>
<noscript><p class="noscript">This page needs JavaScript to draw the graph.</p></noscript>
"##;

/// The nodes of one year in one lane: (date, node index), sorted.
type Cell = Vec<(String, usize)>;

/// Computes the timeline positions.
fn layout(graph: &CitationGraph) -> Layout {
    // Nodes per (year, organ), in date then id order.
    let mut cells: BTreeMap<(Option<u16>, Organ), Cell> = BTreeMap::new();
    for (i, node) in graph.nodes() {
        let date = node.date.clone().unwrap_or_default();
        cells
            .entry((node.year(), node.organ()))
            .or_default()
            .push((date, i.index()));
    }
    for list in cells.values_mut() {
        list.sort();
    }
    let organs: Vec<Organ> = ORGANS
        .into_iter()
        .filter(|o| cells.keys().any(|(_, organ)| organ == o))
        .collect();
    let mut years: Vec<Option<u16>> = cells.keys().map(|(y, _)| *y).collect();
    years.dedup();
    // Undated nodes go last, after the latest year.
    if years.first() == Some(&None) {
        years.remove(0);
        years.push(None);
    }
    let rows: BTreeMap<Organ, usize> = organs
        .iter()
        .map(|&o| {
            let most = cells
                .iter()
                .filter(|((_, organ), _)| *organ == o)
                .map(|(_, list)| list.len())
                .max()
                .unwrap_or(1);
            (o, most.clamp(1, MAX_ROWS))
        })
        .collect();
    // Lanes, top to bottom.
    let mut lanes = Vec::new();
    let mut lane_top: BTreeMap<Organ, f64> = BTreeMap::new();
    let mut y = 0.0;
    for &organ in &organs {
        let height = rows[&organ] as f64 * ROW_HEIGHT + LANE_PADDING;
        lane_top.insert(organ, y);
        lanes.push(Lane {
            organ: organ.code(),
            name: organ.name(),
            colour: organ_colour(organ),
            light: organ_colour_light(organ),
            y: y + height / 2.0,
            height,
        });
        y += height;
    }
    let height = y;
    // Year columns, left to right.
    let mut places: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    let mut columns = Vec::new();
    let mut x = 0.0;
    let mut previous: Option<u16> = None;
    for (column, &year) in years.iter().enumerate() {
        if let (Some(p), Some(y)) = (previous, year) {
            if y > p + 1 {
                x += YEAR_GAP;
            }
        } else if column > 0 {
            x += YEAR_GAP;
        }
        let mut sub_columns = 1;
        for &organ in &organs {
            let Some(list) = cells.get(&(year, organ)) else {
                continue;
            };
            let lane_rows = rows[&organ];
            sub_columns = sub_columns.max(list.len().div_ceil(lane_rows));
            let start = column % lane_rows;
            for (k, (_, index)) in list.iter().enumerate() {
                let sub = k / lane_rows;
                let row = (start + k) % lane_rows;
                let px = x + (sub as f64 + 0.5) * SUB_COLUMN_WIDTH;
                let py = lane_top[&organ] + LANE_PADDING / 2.0 + (row as f64 + 0.5) * ROW_HEIGHT;
                places.insert(*index, (px, py));
            }
        }
        let width = sub_columns as f64 * SUB_COLUMN_WIDTH;
        columns.push(YearColumn {
            year,
            x: x + width / 2.0,
        });
        x += width;
        previous = year.or(previous);
    }
    let nodes = graph
        .nodes()
        .map(|(i, node)| {
            let cited_by = graph
                .inner()
                .neighbors_directed(i, Direction::Incoming)
                .count();
            let (x, y) = places.get(&i.index()).copied().unwrap_or((0.0, 0.0));
            let size = (MIN_SIZE + 10.0 * (cited_by as f64).sqrt()).min(MAX_SIZE);
            let colour = if node.in_corpus {
                organ_colour(node.organ()).to_string()
            } else {
                organ_colour_light(node.organ())
            };
            NodePlace {
                id: node.id.to_string(),
                x,
                y,
                size: (size * 10.0).round() / 10.0,
                cited_by,
                colour,
            }
        })
        .collect();
    Layout {
        nodes,
        lanes,
        years: columns,
        width: x,
        height,
        cytoscape: CYTOSCAPE_VERSION,
    }
}

/// JSON safe inside an HTML `<script>` element: `<`, `>`, `&`, U+2028 and
/// U+2029 as `\u` escapes (as the JSON renderer writes them).
fn script_safe(json: &str) -> String {
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

/// Text for HTML element content or a double-quoted attribute.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendored_scripts_cannot_close_their_element() {
        for script in [CYTOSCAPE_JS, PAGE_JS] {
            let lower = script.to_ascii_lowercase();
            assert!(!lower.contains("</script"));
            assert!(!lower.contains("<!--"));
        }
    }

    #[test]
    fn escapes_text_and_script_json() {
        assert_eq!(
            escape_html("<b a=\"x\">'&'</b>"),
            "&lt;b a=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;"
        );
        assert_eq!(
            script_safe("\"</script>&\u{2028}\""),
            "\"\\u003c/script\\u003e\\u0026\\u2028\""
        );
    }
}
