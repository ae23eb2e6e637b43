//! Questions asked of a citation graph: lineage, citation paths, direct
//! neighbours, statistics and common ancestors.
//!
//! Every function here is pure: it reads a [`CitationGraph`] and returns
//! plain data (all `Serialize`, for `--format json`) or, for the `format_*`
//! functions, a `String`. Nothing prints and nothing touches the disk.
//!
//! Order. The graph adds its nodes in id order, so node indices follow id
//! order, and sorting by [`NodeIndex`] is sorting by id: this is how every
//! function here breaks ties, which makes every answer deterministic and
//! independent of the order in which the corpus was read.
//!
//! Cost. Traversals are breadth- or depth-first with `Vec`-based visited
//! sets indexed by node, iterative (a chain of any length cannot overflow
//! the stack), and linear in the part of the graph they touch. Path
//! enumeration, the one question with an exponential answer, stops at
//! `limit + 1` paths and after a fixed amount of work.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::{Serialize, Serializer};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::extract::Section;
use crate::graph::{CitationGraph, Edge, Node, Text};
use crate::symbol::Symbol;

/// Damping factor of the PageRank in [`stats`].
pub const PAGERANK_DAMPING: f64 = 0.85;
/// Fixed number of PageRank iterations (0.85^100 ≈ 9e-8: converged well
/// beyond the six decimals reported).
pub const PAGERANK_ITERATIONS: usize = 100;
/// Decimals PageRank values are rounded to, so output is stable.
pub const PAGERANK_DECIMALS: i32 = 6;
/// Steps of depth-first search [`all_paths`] may take before it stops and
/// reports the answer as truncated, whatever `limit` says.
pub const PATH_SEARCH_BUDGET: usize = 4_000_000;

/// Characters kept of a title in a tree or table line.
const TITLE_WIDTH: usize = 60;
/// Characters kept of an evidence sentence.
const EVIDENCE_WIDTH: usize = 100;
/// Display columns kept of an evidence sentence in a neighbour table.
const TABLE_EVIDENCE_WIDTH: usize = 80;
/// The verbs of an edge in all six languages run long: a table shows
/// this much of them (JSON has them all).
const TABLE_VERBS_WIDTH: usize = 36;

const UNREACHED: u32 = u32::MAX;

// ---------------------------------------------------------------------------
// Lineage

/// One line of a lineage tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineageLine {
    /// 0 for the root, 1 for what it cites (or what cites it), …
    pub depth: usize,
    pub id: Symbol,
    pub date: Option<String>,
    pub title: Option<String>,
    /// Shown in full on another line: printed with `(*)` and not expanded.
    pub repeat: bool,
    /// Verbs of the edge between this line's document and its parent's.
    pub verbs: Vec<String>,
}

/// The heading of a lineage's picture: "Lineage of A/RES/78/311", or
/// reversed "What cites A/RES/70/1".
pub fn lineage_title(root: Symbol, reverse: bool) -> String {
    match reverse {
        false => format!("Lineage of {root}"),
        true => format!("What cites {root}"),
    }
}

/// What a document cites, what those cite, and so on (or, reversed, what
/// cites it), as the lines of a `cargo tree`-style tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lineage {
    pub root: Symbol,
    pub reverse: bool,
    pub lines: Vec<LineageLine>,
    /// Every node that appears in `lines`, for [`CitationGraph::subgraph`].
    #[serde(skip)]
    pub nodes: BTreeSet<NodeIndex>,
}

/// What `root` cites, what those cite … (`reverse`: what cites it, what
/// cites those …), depth-first with children in id order, down to `depth`
/// levels below the root (`None`: unbounded).
///
/// Every document within `depth` citations of the root appears, and each
/// is expanded (its children listed) exactly once: at its first
/// occurrence at its shallowest depth, the length of the shortest chain
/// from the root. Its other occurrences are `repeat` lines with no
/// children. Expanding each document where it is nearest the root is what
/// keeps a depth-limited tree complete: expanded at a deeper occurrence,
/// its children could fall past the limit. So a repeat may come before the
/// full occurrence (`(*)` means "shown in full on another line").
pub fn lineage(
    graph: &CitationGraph,
    root: NodeIndex,
    depth: Option<usize>,
    reverse: bool,
) -> Lineage {
    let g = graph.inner();
    let limit = depth.unwrap_or(usize::MAX);
    let direction = if reverse {
        Direction::Incoming
    } else {
        Direction::Outgoing
    };
    let nearest = distances(graph, root, direction, depth);
    let mut expanded = vec![false; g.node_count()];
    let mut lines = Vec::new();
    let mut stack: Vec<(NodeIndex, usize, Option<EdgeIndex>)> = vec![(root, 0, None)];
    let mut children: Vec<(NodeIndex, EdgeIndex)> = Vec::new();
    while let Some((ix, level, via)) = stack.pop() {
        let node = &g[ix];
        let repeat = expanded[ix.index()] || nearest[ix.index()] as usize != level;
        lines.push(LineageLine {
            depth: level,
            id: node.id,
            date: node.date.clone(),
            title: node.title.clone(),
            repeat,
            verbs: via.map(|e| verbs_of(&g[e])).unwrap_or_default(),
        });
        if repeat {
            continue;
        }
        expanded[ix.index()] = true;
        if level >= limit {
            continue;
        }
        children.clear();
        children.extend(g.edges_directed(ix, direction).map(|e| {
            let other = if reverse { e.source() } else { e.target() };
            (other, e.id())
        }));
        children.sort_unstable_by_key(|&(other, _)| other);
        children.dedup_by_key(|&mut (other, _)| other);
        stack.extend(
            children
                .iter()
                .rev()
                .map(|&(other, edge)| (other, level + 1, Some(edge))),
        );
    }
    let nodes = expanded
        .iter()
        .enumerate()
        .filter(|(_, &e)| e)
        .map(|(i, _)| NodeIndex::new(i))
        .collect();
    Lineage {
        root: g[root].id,
        reverse,
        lines,
        nodes,
    }
}

/// The lineage as a `cargo tree`-style tree: the root's line, then each
/// child under `├── ` / `└── ` with `│   ` continuing the branches above;
/// each line "symbol · date · short title", repeats ending in ` (*)`.
pub fn format_lineage(graph: &CitationGraph, lineage: &Lineage) -> String {
    let _ = graph; // Every line carries what it prints.
    let lines = &lineage.lines;
    // A line is the last child of its parent when no line of the same
    // depth follows before a shallower one.
    let mut last = vec![true; lines.len()];
    let mut sibling_after: Vec<bool> = Vec::new();
    for (i, line) in lines.iter().enumerate().rev() {
        sibling_after.resize(line.depth + 1, false);
        last[i] = !sibling_after[line.depth];
        sibling_after[line.depth] = true;
    }
    let mut out = String::new();
    let mut open: Vec<bool> = Vec::new(); // open[d]: depth d's branch continues below
    for (i, line) in lines.iter().enumerate() {
        open.resize(line.depth + 1, false);
        open[line.depth] = !last[i];
        for &more in open.iter().take(line.depth).skip(1) {
            out.push_str(if more { "│   " } else { "    " });
        }
        if line.depth > 0 {
            out.push_str(if last[i] { "└── " } else { "├── " });
        }
        out.push_str(&describe(
            &line.id,
            line.date.as_deref(),
            line.title.as_deref(),
        ));
        if line.repeat {
            out.push_str(" (*)");
        }
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------
// Paths

/// One document on a citation path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathStep {
    pub id: Symbol,
    pub date: Option<String>,
    pub title: Option<String>,
    /// Verbs of the edge from the previous step into this one (empty for
    /// the first step).
    pub verbs: Vec<String>,
    /// The sentence in which the previous step cites this one (the edge's
    /// own, shared).
    pub evidence: Option<Text>,
}

/// A chain of citations: each step cites the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitationPath {
    pub steps: Vec<PathStep>,
}

impl CitationPath {
    /// Its length: the number of citations (edges) along it.
    pub fn length(&self) -> usize {
        self.steps.len().saturating_sub(1)
    }

    /// The ids along the path.
    pub fn ids(&self) -> Vec<Symbol> {
        self.steps.iter().map(|s| s.id).collect()
    }
}

/// Simple paths from one document to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paths {
    /// Shortest first; among equal lengths, in id order.
    pub paths: Vec<CitationPath>,
    /// More paths exist than `limit` (or the search stopped after
    /// [`PATH_SEARCH_BUDGET`] steps, so more may exist).
    pub truncated: bool,
    pub limit: usize,
}

/// The shortest chain of citations leading from `from` back to `to`
/// (`from` cites x, x cites y, …, which cites `to`). Breadth-first, with
/// neighbours taken in id order, so among the shortest chains the one
/// whose ids come first is returned. `None` when `to` cannot be reached.
pub fn shortest_path(
    graph: &CitationGraph,
    from: NodeIndex,
    to: NodeIndex,
) -> Option<CitationPath> {
    let g = graph.inner();
    let n = g.node_count();
    if from.index() >= n || to.index() >= n {
        return None;
    }
    let mut parent = vec![UNREACHED; n];
    parent[from.index()] = from.index() as u32;
    let mut queue = VecDeque::from([from]);
    let mut next: Vec<NodeIndex> = Vec::new();
    'search: while let Some(v) = queue.pop_front() {
        if v == to {
            break;
        }
        next.clear();
        next.extend(g.neighbors_directed(v, Direction::Outgoing));
        next.sort_unstable();
        for &w in &next {
            if parent[w.index()] == UNREACHED {
                parent[w.index()] = v.index() as u32;
                if w == to {
                    break 'search;
                }
                queue.push_back(w);
            }
        }
    }
    if parent[to.index()] == UNREACHED {
        return None;
    }
    let mut chain = vec![to];
    let mut at = to;
    while at != from {
        at = NodeIndex::new(parent[at.index()] as usize);
        chain.push(at);
    }
    chain.reverse();
    Some(make_path(graph, &chain))
}

/// All simple paths (no document twice) from `from` to `to` of at most
/// `max_len` citations, shortest first and in id order among equal
/// lengths, at most `limit` of them. `truncated` is set when more exist.
///
/// Paths are enumerated one length at a time, depth-first, pruned by each
/// document's distance to `to`; enumeration stops as soon as `limit + 1`
/// paths are found, and after [`PATH_SEARCH_BUDGET`] steps in any case
/// (then `truncated` is set too), so a graph with millions of paths costs
/// no more than the answer printed.
pub fn all_paths(
    graph: &CitationGraph,
    from: NodeIndex,
    to: NodeIndex,
    max_len: usize,
    limit: usize,
) -> Paths {
    let mut result = Paths {
        paths: Vec::new(),
        truncated: false,
        limit,
    };
    let g = graph.inner();
    let n = g.node_count();
    if from.index() >= n || to.index() >= n {
        return result;
    }
    if from == to {
        result.truncated = limit == 0;
        if limit > 0 {
            result.paths.push(make_path(graph, &[from]));
        }
        return result;
    }
    // A simple path has at most n - 1 edges.
    let max_len = max_len.min(n - 1);
    let dist = distances(graph, to, Direction::Incoming, Some(max_len));
    let Some(shortest) = reached(dist[from.index()]) else {
        return result;
    };
    // Out-neighbours that can still reach `to`, in id order, built once.
    let mut adjacency: Vec<Option<Vec<NodeIndex>>> = vec![None; n];
    let mut on_path = vec![false; n];
    let mut found: Vec<Vec<NodeIndex>> = Vec::new();
    let mut budget = PATH_SEARCH_BUDGET;
    'lengths: for len in shortest..=max_len {
        let mut cut_short = false; // some prefix was pruned for length
        let mut path = vec![from];
        let mut position = vec![0usize];
        on_path[from.index()] = true;
        while let Some(&v) = path.last() {
            let children = adjacency[v.index()].get_or_insert_with(|| {
                let mut next: Vec<NodeIndex> = g
                    .neighbors_directed(v, Direction::Outgoing)
                    .filter(|w| dist[w.index()] != UNREACHED)
                    .collect();
                next.sort_unstable();
                next.dedup();
                next
            });
            let p = position.last_mut().expect("one position per step");
            let Some(&w) = children.get(*p) else {
                on_path[v.index()] = false;
                path.pop();
                position.pop();
                continue;
            };
            *p += 1;
            if budget == 0 {
                result.truncated = true;
                break 'lengths;
            }
            budget -= 1;
            if on_path[w.index()] {
                continue;
            }
            let remaining = len - path.len();
            if dist[w.index()] as usize > remaining {
                cut_short = true;
                continue;
            }
            if w == to {
                if remaining == 0 {
                    let mut complete = path.clone();
                    complete.push(to);
                    found.push(complete);
                    if found.len() > limit {
                        result.truncated = true;
                        break 'lengths;
                    }
                }
                continue;
            }
            on_path[w.index()] = true;
            path.push(w);
            position.push(0);
        }
        if !cut_short {
            // Nothing was left out for length: no longer path exists.
            break;
        }
    }
    found.truncate(limit);
    result.paths = found.iter().map(|p| make_path(graph, p)).collect();
    result
}

/// A path `nix why-depends`-style: the first document, then each next one
/// on its own line, indented one step further, after a connector such as
/// `└─ cites (reaffirming) → `, with the evidence sentence (shortened)
/// beneath it.
pub fn format_path(path: &CitationPath) -> String {
    let mut out = String::new();
    for (i, step) in path.steps.iter().enumerate() {
        let line = describe(&step.id, step.date.as_deref(), step.title.as_deref());
        if i == 0 {
            let _ = writeln!(out, "{line}");
            continue;
        }
        let indent = "   ".repeat(i - 1);
        let verbs = if step.verbs.is_empty() {
            String::new()
        } else {
            format!(" ({})", step.verbs.join(", "))
        };
        let _ = writeln!(out, "{indent}└─ cites{verbs} → {line}");
        if let Some(evidence) = &step.evidence {
            let _ = writeln!(
                out,
                "{indent}   “{}”",
                excerpt(evidence, &step.id, EVIDENCE_WIDTH)
            );
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Neighbours

/// A document cited by, or citing, the one asked about, with what the
/// edge between them says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbour {
    pub id: Symbol,
    pub date: Option<String>,
    pub title: Option<String>,
    /// Number of citations, in the citing document's text (language,
    /// format) that cites it most.
    pub count: usize,
    pub verbs: Vec<String>,
    /// "preamble", "operative", "footnote", "other".
    pub sections: Vec<String>,
    /// The edge's evidence sentence (shared with the graph).
    pub evidence: Option<Text>,
    /// The cited document is later than the citing one (flagged by the
    /// graph as a probable extraction error).
    pub forward: bool,
}

/// What `node` cites, in id order.
pub fn cites(graph: &CitationGraph, node: NodeIndex) -> Vec<Neighbour> {
    graph
        .cites(node)
        .into_iter()
        .map(|(other, edge)| neighbour(graph.node(other), edge))
        .collect()
}

/// What cites `node`, in id order.
pub fn cited_by(graph: &CitationGraph, node: NodeIndex) -> Vec<Neighbour> {
    graph
        .cited_by(node)
        .into_iter()
        .map(|(other, edge)| neighbour(graph.node(other), edge))
        .collect()
}

fn neighbour(node: &Node, edge: &Edge) -> Neighbour {
    Neighbour {
        id: node.id,
        date: node.date.clone(),
        title: node.title.clone(),
        count: edge.count,
        verbs: verbs_of(edge),
        sections: edge.sections.iter().map(|&s| section_name(s)).collect(),
        evidence: edge.evidence.clone(),
        forward: edge.forward,
    }
}

/// Neighbours as an aligned table (spaces, no tabs): symbol, date, count,
/// verbs, sections, evidence (an excerpt that shows the cited document's
/// number). `cited` is the document the rows cite (`cited-by`), or `None`
/// when each row is itself the cited one (`cites`). A forward citation's
/// evidence opens with `[later]`, so that the symbol column stays one word.
pub fn format_neighbours(rows: &[Neighbour], cited: Option<Symbol>) -> String {
    let header = ["SYMBOL", "DATE", "COUNT", "VERBS", "SECTIONS", "EVIDENCE"];
    let mut table: Vec<[String; 6]> = vec![header.map(String::from)];
    for row in rows {
        let mut evidence = row
            .evidence
            .as_deref()
            .map(|e| excerpt(e, &cited.unwrap_or(row.id), TABLE_EVIDENCE_WIDTH))
            .unwrap_or_default();
        if row.forward {
            evidence.insert_str(0, "[later] ");
        }
        table.push([
            row.id.to_string(),
            date_cell(row.date.as_deref(), &row.id),
            row.count.to_string(),
            shorten(&row.verbs.join(", "), TABLE_VERBS_WIDTH),
            row.sections.join(", "),
            evidence,
        ]);
    }
    render_table("", &table, &[false, false, true, false, false, false])
}

// ---------------------------------------------------------------------------
// Statistics

/// A document and its score in a ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub id: Symbol,
    /// A count (degree), or a PageRank rounded to six decimals. Whole
    /// numbers serialise as JSON integers.
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    pub title: Option<String>,
}

/// Headline figures of a graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub nodes: usize,
    pub edges: usize,
    /// Nodes whose text the corpus holds (the rest are only cited).
    pub in_corpus: usize,
    /// Weakly connected components.
    pub components: usize,
    /// Nodes in the largest of them.
    pub largest_component: usize,
    /// By in-degree: the number of documents citing each.
    pub most_cited: Vec<Ranked>,
    /// By PageRank (damping 0.85, 100 iterations, six decimals).
    pub pagerank: Vec<Ranked>,
    /// By out-degree: the number of documents each cites.
    pub most_citing: Vec<Ranked>,
    /// Nodes per organ code (GA, SC, ECOSOC, HRC, CHR).
    pub by_organ: BTreeMap<String, usize>,
    /// Nodes per decade of adoption ("1990s"), "unknown" when no year.
    pub by_decade: BTreeMap<String, usize>,
    /// Edges citing a later document (probable extraction errors).
    pub forward_citations: usize,
}

/// Headline figures, with the `top` documents of each ranking. Rankings
/// are by value, highest first, ties in id order; documents with a zero
/// degree are left out of the degree rankings.
pub fn stats(graph: &CitationGraph, top: usize) -> Stats {
    let g = graph.inner();
    let n = g.node_count();
    let mut in_degree = vec![0usize; n];
    let mut out_degree = vec![0usize; n];
    let mut forward_citations = 0;
    let mut components = UnionFind::new(n);
    for edge in g.edge_references() {
        out_degree[edge.source().index()] += 1;
        in_degree[edge.target().index()] += 1;
        forward_citations += usize::from(edge.weight().forward);
        components.union(edge.source().index(), edge.target().index());
    }
    let mut sizes = vec![0usize; n];
    for i in 0..n {
        sizes[components.find(i)] += 1;
    }
    let mut by_organ = BTreeMap::new();
    let mut by_decade = BTreeMap::new();
    for (_, node) in graph.nodes() {
        *by_organ.entry(node.organ().code().to_string()).or_insert(0) += 1;
        let decade = node
            .year()
            .map(|y| format!("{}s", y / 10 * 10))
            .unwrap_or_else(|| "unknown".to_string());
        *by_decade.entry(decade).or_insert(0) += 1;
    }
    let as_values = |v: &[usize]| v.iter().map(|&d| d as f64).collect::<Vec<f64>>();
    let scale = 10f64.powi(PAGERANK_DECIMALS);
    let ranks: Vec<f64> = pagerank(graph, PAGERANK_DAMPING, PAGERANK_ITERATIONS)
        .into_iter()
        .map(|r| (r * scale).round() / scale)
        .collect();
    Stats {
        nodes: n,
        edges: g.edge_count(),
        in_corpus: graph.nodes().filter(|(_, node)| node.in_corpus).count(),
        components: sizes.iter().filter(|&&s| s > 0).count(),
        largest_component: sizes.iter().copied().max().unwrap_or(0),
        most_cited: ranking(graph, &as_values(&in_degree), top, true),
        pagerank: ranking(graph, &ranks, top, false),
        most_citing: ranking(graph, &as_values(&out_degree), top, true),
        by_organ,
        by_decade,
        forward_citations,
    }
}

/// The `top` highest values, ties in id (index) order.
fn ranking(graph: &CitationGraph, values: &[f64], top: usize, skip_zero: bool) -> Vec<Ranked> {
    let mut order: Vec<usize> = (0..values.len())
        .filter(|&i| !(skip_zero && values[i] == 0.0))
        .collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    order
        .into_iter()
        .take(top)
        .map(|i| {
            let node = graph.node(NodeIndex::new(i));
            Ranked {
                id: node.id,
                value: values[i],
                title: node.title.clone(),
            }
        })
        .collect()
}

/// PageRank as `petgraph::algo::page_rank` computes it (same formula, same
/// fixed number of iterations, same normalisation), in time linear in the
/// size of the graph per iteration: petgraph's loops over every pair of
/// nodes, which takes hours at 40,000 nodes.
///
/// For each node v, with r the ranks, d the damping, N the node count and
/// out(w) the out-degree: every w citing v gives d·r(w)/out(w); every w
/// citing nothing gives d·r(w)/N; every other w gives (1−d)·r(w)/N. The
/// ranks are then normalised to sum to 1.
pub fn pagerank(graph: &CitationGraph, damping: f64, iterations: usize) -> Vec<f64> {
    let g = graph.inner();
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let nf = n as f64;
    // Distinct citing nodes of each node, as petgraph counts them.
    let mut citing: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut out_degree = vec![0f64; n];
    for edge in g.edge_references() {
        out_degree[edge.source().index()] += 1.0;
        citing[edge.target().index()].push(edge.source().index() as u32);
    }
    for list in &mut citing {
        list.sort_unstable();
        list.dedup();
    }
    let mut ranks = vec![1.0 / nf; n];
    let mut next = vec![0f64; n];
    for _ in 0..iterations {
        let mut dangling = 0.0;
        let mut linked = 0.0;
        for (w, &r) in ranks.iter().enumerate() {
            if out_degree[w] == 0.0 {
                dangling += r;
            } else {
                linked += r;
            }
        }
        let base = damping * dangling / nf;
        for (v, slot) in next.iter_mut().enumerate() {
            let mut direct = 0.0;
            let mut citing_rank = 0.0;
            for &w in &citing[v] {
                let r = ranks[w as usize];
                direct += damping * r / out_degree[w as usize];
                citing_rank += r;
            }
            *slot = base + (1.0 - damping) * (linked - citing_rank) / nf + direct;
        }
        let sum: f64 = next.iter().sum();
        for (r, &x) in ranks.iter_mut().zip(&next) {
            *r = x / sum;
        }
    }
    ranks
}

/// The figures as a readable text table.
pub fn format_stats(stats: &Stats) -> String {
    let mut out = String::new();
    let cited_only = stats.nodes - stats.in_corpus.min(stats.nodes);
    let summary = vec![
        [
            "Nodes".to_string(),
            stats.nodes.to_string(),
            format!("{} in the corpus, {cited_only} only cited", stats.in_corpus),
        ],
        [
            "Edges".to_string(),
            stats.edges.to_string(),
            format!("{} citing a later document", stats.forward_citations),
        ],
        [
            "Components".to_string(),
            stats.components.to_string(),
            format!("largest: {} nodes", stats.largest_component),
        ],
    ];
    out.push_str(&render_table("", &summary, &[false, true, false]));
    let counts = |title: &str, map: &BTreeMap<String, usize>, out: &mut String| {
        let _ = writeln!(out, "\n{title}");
        let rows: Vec<[String; 2]> = map
            .iter()
            .map(|(k, v)| [k.clone(), v.to_string()])
            .collect();
        out.push_str(&render_table("  ", &rows, &[false, true]));
    };
    counts("By organ", &stats.by_organ, &mut out);
    counts("By decade", &stats.by_decade, &mut out);
    let ranked = |title: &str, list: &[Ranked], decimals: bool, out: &mut String| {
        let _ = writeln!(out, "\n{title}");
        if list.is_empty() {
            out.push_str("  (none)\n");
            return;
        }
        let rows: Vec<[String; 4]> = list
            .iter()
            .enumerate()
            .map(|(i, r)| {
                [
                    format!("{}.", i + 1),
                    r.id.to_string(),
                    if decimals {
                        format!("{:.*}", PAGERANK_DECIMALS as usize, r.value)
                    } else {
                        format!("{}", r.value as u64)
                    },
                    r.title
                        .as_deref()
                        .map(|t| shorten(t, TITLE_WIDTH))
                        .unwrap_or_default(),
                ]
            })
            .collect();
        out.push_str(&render_table("  ", &rows, &[true, false, true, false]));
    };
    ranked(
        "Most cited (documents citing it)",
        &stats.most_cited,
        false,
        &mut out,
    );
    ranked("Most cited (PageRank)", &stats.pagerank, true, &mut out);
    ranked(
        "Most citing (documents it cites)",
        &stats.most_citing,
        false,
        &mut out,
    );
    out
}

// ---------------------------------------------------------------------------
// Common ancestors

/// A document both A and B lead back to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ancestor {
    pub id: Symbol,
    /// Citations on the shortest chain from A to it.
    pub distance_from_a: usize,
    pub distance_from_b: usize,
    pub date: Option<String>,
    pub title: Option<String>,
}

/// Documents reachable from both `a` and `b` by following citations,
/// nearest first: by the larger of the two distances, then their sum, then
/// id. `a` and `b` themselves are left out, unless one leads back to the
/// other: then it is included, at distance 0 from itself.
pub fn common_ancestors(graph: &CitationGraph, a: NodeIndex, b: NodeIndex) -> Vec<Ancestor> {
    let n = graph.node_count();
    if a.index() >= n || b.index() >= n {
        return Vec::new();
    }
    let from_a = distances(graph, a, Direction::Outgoing, None);
    let from_b = distances(graph, b, Direction::Outgoing, None);
    let mut found: Vec<(usize, usize, usize)> = (0..n)
        .filter_map(|i| {
            let da = reached(from_a[i])?;
            let db = reached(from_b[i])?;
            Some((da, db, i))
        })
        .collect();
    found.sort_unstable_by_key(|&(da, db, i)| (da.max(db), da + db, i));
    found
        .into_iter()
        .map(|(da, db, i)| {
            let node = graph.node(NodeIndex::new(i));
            Ancestor {
                id: node.id,
                distance_from_a: da,
                distance_from_b: db,
                date: node.date.clone(),
                title: node.title.clone(),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Helpers

/// Breadth-first distances from `start` following edges in `direction`,
/// up to `bound` edges; [`UNREACHED`] elsewhere.
fn distances(
    graph: &CitationGraph,
    start: NodeIndex,
    direction: Direction,
    bound: Option<usize>,
) -> Vec<u32> {
    let g = graph.inner();
    let mut dist = vec![UNREACHED; g.node_count()];
    dist[start.index()] = 0;
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        let d = dist[v.index()];
        if bound.is_some_and(|b| d as usize >= b) {
            continue;
        }
        for w in g.neighbors_directed(v, direction) {
            if dist[w.index()] == UNREACHED {
                dist[w.index()] = d + 1;
                queue.push_back(w);
            }
        }
    }
    dist
}

fn reached(distance: u32) -> Option<usize> {
    (distance != UNREACHED).then_some(distance as usize)
}

fn make_path(graph: &CitationGraph, chain: &[NodeIndex]) -> CitationPath {
    let g = graph.inner();
    let steps = chain
        .iter()
        .enumerate()
        .map(|(i, &ix)| {
            let node = &g[ix];
            let edge = i
                .checked_sub(1)
                .and_then(|p| g.find_edge(chain[p], ix))
                .map(|e| &g[e]);
            PathStep {
                id: node.id,
                date: node.date.clone(),
                title: node.title.clone(),
                verbs: edge.map(verbs_of).unwrap_or_default(),
                evidence: edge.and_then(|e| e.evidence.clone()),
            }
        })
        .collect();
    CitationPath { steps }
}

fn verbs_of(edge: &Edge) -> Vec<String> {
    edge.verbs.iter().cloned().collect()
}

fn section_name(section: Section) -> String {
    match section {
        Section::Preamble => "preamble",
        Section::Operative => "operative",
        Section::Footnote => "footnote",
        Section::Other => "other",
    }
    .to_string()
}

/// "A/RES/70/1 · 2015-09-25 · Transforming our world: the 2030 Agenda…"
fn describe(id: &Symbol, date: Option<&str>, title: Option<&str>) -> String {
    let mut line = id.to_string();
    if let Some(date) = date {
        line.push_str(" · ");
        line.push_str(date);
    }
    if let Some(title) = title {
        let title = shorten(title, TITLE_WIDTH);
        if !title.is_empty() {
            line.push_str(" · ");
            line.push_str(&title);
        }
    }
    line
}

/// Whitespace (newlines, tabs) collapsed to single spaces.
fn cell(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` on one line, at most `width` display columns (a Chinese
/// character takes two): cut at a word boundary when there is one in the
/// second half, trailing punctuation dropped, and "…" appended.
fn shorten(text: &str, width: usize) -> String {
    let text = cell(text);
    if text.width() <= width {
        return text;
    }
    let keep = width.saturating_sub(1);
    let mut head = &text[..byte_at_width(&text, keep)];
    if let Some(space) = head.rfind(' ') {
        if head[..space].width() >= keep / 2 {
            head = &head[..space];
        }
    }
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:.-–—(".contains(c));
    format!("{head}…")
}

/// Where in `text` its first `width` display columns end: the offset of
/// the first character that does not fit (the length when all do).
fn byte_at_width(text: &str, width: usize) -> usize {
    let mut used = 0;
    text.char_indices()
        .find(|(_, c)| {
            used += c.width().unwrap_or(0);
            used > width
        })
        .map_or(text.len(), |(i, _)| i)
}

/// Common ancestors as an aligned table: symbol, the steps from each of
/// the two documents, date and title (shortened).
pub fn format_ancestors(rows: &[Ancestor]) -> String {
    let header = ["SYMBOL", "FROM A", "FROM B", "DATE", "TITLE"];
    let mut table: Vec<[String; 5]> = vec![header.map(String::from)];
    for row in rows {
        table.push([
            row.id.to_string(),
            row.distance_from_a.to_string(),
            row.distance_from_b.to_string(),
            date_cell(row.date.as_deref(), &row.id),
            shorten(row.title.as_deref().unwrap_or(""), TITLE_WIDTH),
        ]);
    }
    render_table("", &table, &[false, true, true, false, false])
}

/// A table's DATE: the date of adoption, else the year the id gives
/// ("1948" for 217 A (III), as the pictures show it), else "-".
fn date_cell(date: Option<&str>, id: &Symbol) -> String {
    match (date, id.year()) {
        (Some(date), _) => date.to_string(),
        (None, Some(year)) => year.to_string(),
        (None, None) => "-".to_string(),
    }
}

/// `evidence` on one line, at most `width` display columns, showing where it
/// cites `cited`: a long sentence is cut before the mention only when the
/// mention would not show otherwise, and then opens with "…". (Cut from
/// its start alone, a sentence that cites several documents showed
/// another's number where this one's was cut off.)
fn excerpt(evidence: &str, cited: &Symbol, width: usize) -> String {
    let text = cell(evidence);
    let Some(mention) = mention_in(&text, cited) else {
        return shorten(&text, width);
    };
    let before = text[..mention.start].width();
    let length = text[mention.clone()].width();
    if before + length + 12 <= width || text.width() <= width {
        return shorten(&text, width);
    }
    // A third of the room before the mention, the rest for it and after;
    // more before it when the sentence ends soon after.
    let skip = before
        .saturating_sub(width / 3)
        .min(text.width().saturating_sub(width.saturating_sub(2)));
    let mut start = byte_at_width(&text, skip);
    // From the next word, when one starts before the mention.
    if let Some(space) = text[start..mention.start].find(' ') {
        start += space + 1;
    }
    format!("…{}", shorten(&text[start..], width.saturating_sub(1)))
}

/// Where `text` writes the number of `cited` ("69/313" of `A/RES/69/313`,
/// "242" of `S/RES/242(1967)`), not as part of a longer number.
fn mention_in(text: &str, cited: &Symbol) -> Option<std::ops::Range<usize>> {
    let short = cited.short();
    // "69/313", else the serial number alone ("217" of "217 A (III)").
    let serial = cited.number().to_string();
    let needles = [short.split(' ').next().unwrap_or(&short), serial.as_str()];
    needles.iter().find_map(|needle| {
        text.match_indices(needle).find_map(|(at, found)| {
            let end = at + found.len();
            let digit_before = text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || c == '/');
            let digit_after = text[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '/');
            (!digit_before && !digit_after).then_some(at..end)
        })
    })
}

/// Rows as text, each after `indent`: columns separated by two spaces, padded to the widest
/// cell (in display columns: a Chinese character takes two), numbers
/// right-aligned where `right` says so, no trailing spaces.
fn render_table<const N: usize>(indent: &str, rows: &[[String; N]], right: &[bool; N]) -> String {
    let mut widths = [0usize; N];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = indent.to_string();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let pad = widths[c] - cell.width();
            if right[c] {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn serialize_number<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

/// Union–find with path halving and union by size.
struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbol(text: &str) -> Symbol {
        text.parse().expect("a valid symbol")
    }

    #[test]
    fn an_excerpt_shows_the_cited_number_past_the_others() {
        let sentence = "Reaffirming also its resolution 70/1 of 25 September 2015, entitled \
                        “Transforming our world: the 2030 Agenda for Sustainable Development”, \
                        and its resolution 69/313 of 27 July 2015 on the Addis Ababa Action Agenda";
        let shown = excerpt(sentence, &symbol("A/RES/69/313"), 80);
        assert!(shown.starts_with('…'), "{shown}");
        assert!(shown.contains("69/313 of 27 July 2015"), "{shown}");
        assert!(shown.width() <= 80, "{shown}");
        // The first number cited shows from the start, as before.
        let first = excerpt(sentence, &symbol("A/RES/70/1"), 80);
        assert!(
            first.starts_with("Reaffirming also its resolution 70/1"),
            "{first}"
        );
        // A number inside a longer one is not the mention: 70/1 in 70/10.
        let longer = "Recalling resolutions 70/10, 70/11, 70/12, 70/13, 70/14, 70/15, 70/16, 70/17 and also 70/1 of 25 September 2015";
        let shown = excerpt(longer, &symbol("A/RES/70/1"), 60);
        assert!(shown.contains("also 70/1 of"), "{shown}");
        // A Council number by its serial alone.
        let council = "Recalling its resolutions 1267 (1999), 1333 (2000), 1390 (2002), 1455 (2003), 1526 (2004), 1617 (2005) and 242 (1967)";
        assert!(excerpt(council, &symbol("S/RES/242(1967)"), 60).contains("242 (1967)"));
    }

    #[test]
    fn tables_pad_and_cut_by_display_width() {
        let rows = [
            ["又重申, 重申".to_string(), "1".to_string()],
            ["Reaffirming".to_string(), "2".to_string()],
        ];
        let table = render_table("", &rows, &[false, true]);
        let widths: Vec<usize> = table.lines().map(UnicodeWidthStr::width).collect();
        assert_eq!(widths[0], widths[1], "{table}");
        let cut = shorten(&"决议".repeat(30), 20);
        assert!(cut.width() <= 20, "{cut}");
        assert!(cut.ends_with('…'));
    }
}
