//! Queries over citation graphs: on the real fixtures (fixtures/ga/texts in
//! six languages, fixtures/unsc-en) and, as properties, on generated graphs
//! built through `GraphBuilder::add`, checked against petgraph's own
//! algorithms (Dijkstra, all_simple_paths, connected_components,
//! page_rank) rather than against this module's code.

use std::collections::{BTreeSet, HashMap};
use std::hash::RandomState;
use std::path::PathBuf;
use std::sync::OnceLock;

use petgraph::graph::NodeIndex;
use petgraph::visit::Reversed;
use petgraph::Direction;
use proptest::prelude::*;
use rescite::document::{CitationRecord, DocumentRecord, OffsetBase};
use rescite::extract::Section;
use rescite::graph::{CitationGraph, GraphBuilder};
use rescite::input::InputFormat;
use rescite::query::{self, CitationPath, Lineage};
use rescite::vocab::Lang;
use rescite::{Kind, Symbol};

// ---------------------------------------------------------------------------
// Real graphs

fn build_dir(dir: &str) -> CitationGraph {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    let (files, errors) = rescite::document::expand_paths(&[root]);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(!files.is_empty(), "no files under {dir}");
    let mut builder = GraphBuilder::new();
    for file in &files {
        if let Ok(doc) = rescite::document::read_document(file, None) {
            builder.add(&doc);
        }
    }
    builder.build()
}

fn ga() -> &'static CitationGraph {
    static GRAPH: OnceLock<CitationGraph> = OnceLock::new();
    GRAPH.get_or_init(|| build_dir("fixtures/ga/texts"))
}

fn unsc() -> &'static CitationGraph {
    static GRAPH: OnceLock<CitationGraph> = OnceLock::new();
    GRAPH.get_or_init(|| build_dir("fixtures/unsc-en"))
}

fn sym(text: &str) -> Symbol {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

fn ix(graph: &CitationGraph, text: &str) -> NodeIndex {
    graph
        .index_of(&sym(text))
        .unwrap_or_else(|| panic!("{text} is not in the graph"))
}

fn is_edge(graph: &CitationGraph, from: NodeIndex, to: NodeIndex) -> bool {
    graph.inner().find_edge(from, to).is_some()
}

#[test]
fn ga_lineage_of_78_311_cites_70_1_and_the_udhr_directly() {
    let g = ga();
    let root = ix(g, "A/RES/78/311");
    let lineage = query::lineage(g, root, None, false);
    assert_eq!(lineage.root, sym("A/RES/78/311"));
    assert_eq!(lineage.lines[0].id, sym("A/RES/78/311"));
    let depth_one: BTreeSet<Symbol> = lineage
        .lines
        .iter()
        .filter(|l| l.depth == 1)
        .map(|l| l.id)
        .collect();
    assert!(depth_one.contains(&sym("A/RES/70/1")), "{depth_one:?}");
    assert!(depth_one.contains(&sym("A/RES/217(III)")), "{depth_one:?}");
    // Depth 1 is exactly what it cites.
    let cited: BTreeSet<Symbol> = query::cites(g, root).iter().map(|n| n.id).collect();
    assert_eq!(depth_one, cited);
    // The full lineage reaches further than its direct citations.
    assert!(lineage.lines.iter().any(|l| l.depth >= 2));
    check_lineage(g, root, None, false, &lineage);

    let shallow = query::lineage(g, root, Some(1), false);
    assert!(shallow.lines.iter().all(|l| l.depth <= 1));
    assert_eq!(shallow.nodes.len(), cited.len() + 1);
}

#[test]
fn ga_reverse_lineage_of_70_1_contains_78_311() {
    let g = ga();
    let root = ix(g, "A/RES/70/1");
    let lineage = query::lineage(g, root, None, true);
    assert!(lineage.reverse);
    let line = lineage
        .lines
        .iter()
        .find(|l| l.id == sym("A/RES/78/311") && !l.repeat)
        .expect("78/311 cites 70/1");
    assert_eq!(line.depth, 1);
    assert!(!line.verbs.is_empty(), "the edge's verbs are carried");
    assert!(lineage.nodes.contains(&ix(g, "A/RES/78/311")));
    check_lineage(g, root, None, true, &lineage);
}

#[test]
fn ga_shortest_path_from_78_311_to_the_udhr_is_a_real_chain() {
    let g = ga();
    let (from, to) = (ix(g, "A/RES/78/311"), ix(g, "A/RES/217(III)"));
    let path = query::shortest_path(g, from, to).expect("a path exists");
    let chain = indices(g, &path);
    assert_eq!(chain.first(), Some(&from));
    assert_eq!(chain.last(), Some(&to));
    for pair in chain.windows(2) {
        assert!(is_edge(g, pair[0], pair[1]), "{pair:?} is not an edge");
    }
    assert_eq!(path.length(), unit_distances(g, from, false)[&to]);
    // Every step after the first says how it is cited.
    assert!(path.steps[1..].iter().all(|s| !s.verbs.is_empty()));

    let all = query::all_paths(g, from, to, 3, 100);
    assert!(!all.truncated);
    assert!(
        all.paths.len() > 1,
        "78/311 also reaches the UDHR indirectly"
    );
    assert_eq!(all.paths[0], path);
    for p in &all.paths {
        check_chain(g, p, from, to, 3);
    }

    let text = query::format_path(&path);
    assert!(
        text.starts_with("A/RES/78/311 · 2024-07-01 · Enhancing"),
        "{text}"
    );
    assert!(text.contains("└─ cites ("), "{text}");
    assert!(text.contains("→ A/RES/217(III)"), "{text}");
    // Nothing cites back up from the UDHR to 78/311.
    assert!(query::shortest_path(g, to, from).is_none());
    assert!(query::all_paths(g, to, from, 10, 10).paths.is_empty());
}

#[test]
fn ga_format_lineage_is_a_tree_starting_at_the_root_with_repeats_marked() {
    let g = ga();
    let lineage = query::lineage(g, ix(g, "A/RES/78/311"), None, false);
    let text = query::format_lineage(g, &lineage);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), lineage.lines.len());
    assert!(
        lines[0].starts_with("A/RES/78/311 · 2024-07-01 · Enhancing international cooperation"),
        "{}",
        lines[0]
    );
    assert!(lines[0].chars().count() <= "A/RES/78/311 · 2024-07-01 · ".len() + 60);
    let repeats = lineage.lines.iter().filter(|l| l.repeat).count();
    assert!(repeats > 0, "this lineage has shared ancestors");
    assert_eq!(
        lines.iter().filter(|l| l.ends_with(" (*)")).count(),
        repeats
    );
    for (line, text) in lineage.lines.iter().zip(&lines) {
        assert_eq!(line.repeat, text.ends_with(" (*)"));
        if line.depth > 0 {
            // Four characters of tree drawing per level, then the id.
            let prefix: String = text.chars().take(4 * line.depth).collect();
            let rest: String = text.chars().skip(4 * line.depth).collect();
            assert!(
                prefix.ends_with("├── ") || prefix.ends_with("└── "),
                "{text}"
            );
            assert!(rest.starts_with(&line.id.to_string()), "{text}");
        }
        assert!(!text.contains('\t'));
    }
    assert!(lines.last().unwrap().contains("└── "));
}

#[test]
fn ga_neighbours_mirror_each_other_and_format_as_an_aligned_table() {
    let g = ga();
    let root = ix(g, "A/RES/78/311");
    let cites = query::cites(g, root);
    assert!(cites.iter().any(|n| n.id == sym("A/RES/70/1")));
    for n in &cites {
        assert!(n.count >= 1);
        assert!(!n.sections.is_empty());
        let back = query::cited_by(g, ix(g, &n.id.to_string()));
        let me = back.iter().find(|b| b.id == sym("A/RES/78/311")).unwrap();
        assert_eq!(
            (me.count, &me.verbs, &me.evidence),
            (n.count, &n.verbs, &n.evidence)
        );
    }
    let ids: Vec<Symbol> = cites.iter().map(|n| n.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "neighbours in id order");

    let table = query::format_neighbours(&cites, None);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), cites.len() + 1);
    assert!(lines[0].starts_with("SYMBOL"));
    assert!(!table.contains('\t'));
    // The DATE column starts at the same character in every row.
    let column = lines[0].find("DATE").unwrap();
    for (line, n) in lines[1..].iter().zip(&cites) {
        let date: String = line.chars().skip(column).take(10).collect();
        // An unknown date shows as the id's year, else "-".
        let year = n.id.year().map(|y| y.to_string());
        let expected = n.date.as_deref().or(year.as_deref()).unwrap_or("-");
        assert_eq!(date.trim_end(), expected, "{line}");
    }
}

#[test]
fn ga_common_ancestors_of_two_resolutions_citing_the_udhr() {
    let g = ga();
    let (a, b) = (ix(g, "A/RES/78/311"), ix(g, "A/RES/78/213"));
    let common = query::common_ancestors(g, a, b);
    let udhr = common
        .iter()
        .find(|c| c.id == sym("A/RES/217(III)"))
        .expect("both cite the UDHR");
    assert_eq!((udhr.distance_from_a, udhr.distance_from_b), (1, 1));
    check_common(g, a, b, &common);
    // 78/311 cites 78/213: 78/213 is itself a common ancestor.
    let itself = common.iter().find(|c| c.id == sym("A/RES/78/213")).unwrap();
    assert_eq!((itself.distance_from_a, itself.distance_from_b), (1, 0));
}

#[test]
fn unsc_stats_agree_with_petgraph() {
    let g = unsc();
    let stats = query::stats(g, 10);
    assert!(stats.nodes > 900, "{}", stats.nodes);
    assert!(stats.edges > 0);
    assert_eq!(stats.nodes, g.node_count());
    assert_eq!(stats.edges, g.edge_count());
    assert_eq!(
        stats.in_corpus,
        g.nodes().filter(|(_, n)| n.in_corpus).count()
    );
    assert!(stats.in_corpus >= 890, "902 files, a few with no symbol");
    assert_eq!(
        stats.components,
        petgraph::algo::connected_components(g.inner())
    );
    assert_eq!(stats.largest_component, largest_component(g));
    assert_eq!(stats.by_organ.values().sum::<usize>(), stats.nodes);
    assert_eq!(stats.by_decade.values().sum::<usize>(), stats.nodes);
    assert!(stats.by_organ["SC"] > 900);
    assert_eq!(
        stats.forward_citations,
        g.edges().filter(|e| e.2.forward).count()
    );

    check_ranking(g, &stats.most_cited, Direction::Incoming);
    check_ranking(g, &stats.most_citing, Direction::Outgoing);
    assert_eq!(stats.most_cited.len(), 10);
    assert_eq!(stats.pagerank.len(), 10);
    for pair in stats.pagerank.windows(2) {
        assert!(pair[0].value >= pair[1].value);
    }
    for r in &stats.pagerank {
        assert!(r.value > 0.0 && r.value < 1.0);
        assert_eq!(
            (r.value * 1e6).round(),
            r.value * 1e6,
            "rounded to 6 decimals"
        );
    }

    let text = query::format_stats(&stats);
    assert!(text.starts_with("Nodes"), "{text}");
    assert!(text.contains(&stats.most_cited[0].id.to_string()));
    assert!(!text.contains('\t'));
    let json = serde_json::to_value(&stats).unwrap();
    assert_eq!(json["nodes"], stats.nodes);
    assert!(
        json["most_cited"][0]["value"].is_u64(),
        "counts print as integers"
    );
    assert!(json["pagerank"][0]["value"].is_f64());
}

#[test]
fn unsc_lineage_and_paths_hold_on_a_bigger_graph() {
    let g = unsc();
    // Every node with citations: lineage and reverse lineage are complete
    // subgraphs, to a bound and unbounded.
    let busy: Vec<NodeIndex> = g
        .nodes()
        .map(|(i, _)| i)
        .filter(|&i| g.cites(i).len() + g.cited_by(i).len() >= 4)
        .take(60)
        .collect();
    assert!(busy.len() >= 20);
    for &root in &busy {
        for depth in [Some(0), Some(2), None] {
            for reverse in [false, true] {
                let lineage = query::lineage(g, root, depth, reverse);
                check_lineage(g, root, depth, reverse, &lineage);
            }
        }
    }
}

/// Pairs `(node, in-degree or out-degree)` ranked: value is the degree,
/// sorted descending, ties in id order, and the first is the maximum.
fn check_ranking(g: &CitationGraph, ranked: &[query::Ranked], direction: Direction) {
    let degree = |id: &Symbol| {
        g.inner()
            .neighbors_directed(g.index_of(id).unwrap(), direction)
            .count() as f64
    };
    let max = g.nodes().map(|(_, n)| degree(&n.id)).fold(0.0, f64::max);
    assert_eq!(ranked[0].value, max);
    for r in ranked {
        assert_eq!(r.value, degree(&r.id));
    }
    for pair in ranked.windows(2) {
        assert!(
            pair[0].value > pair[1].value
                || (pair[0].value == pair[1].value && pair[0].id < pair[1].id),
            "{pair:?}"
        );
    }
}

fn largest_component(g: &CitationGraph) -> usize {
    let mut sets = petgraph::unionfind::UnionFind::<usize>::new(g.node_count());
    for (a, b, _) in g.edges() {
        sets.union(a.index(), b.index());
    }
    let mut sizes = HashMap::new();
    for label in sets.into_labeling() {
        *sizes.entry(label).or_insert(0usize) += 1;
    }
    sizes.into_values().max().unwrap_or(0)
}

// ---------------------------------------------------------------------------
// Checks shared by the real and generated graphs

/// Shortest distances (in citations) from `start`, by petgraph's Dijkstra
/// with unit costs, following citations or, `reverse`, against them.
fn unit_distances(g: &CitationGraph, start: NodeIndex, reverse: bool) -> HashMap<NodeIndex, usize> {
    if reverse {
        petgraph::algo::dijkstra(Reversed(g.inner()), start, None, |_| 1usize)
            .into_iter()
            .collect()
    } else {
        petgraph::algo::dijkstra(g.inner(), start, None, |_| 1usize)
            .into_iter()
            .collect()
    }
}

fn indices(g: &CitationGraph, path: &CitationPath) -> Vec<NodeIndex> {
    path.steps
        .iter()
        .map(|s| g.index_of(&s.id).unwrap())
        .collect()
}

/// The lineage is a subgraph of the graph; it holds exactly the documents
/// within `depth` citations of the root; each is expanded once, at its
/// shortest distance; repeats have no children.
fn check_lineage(
    g: &CitationGraph,
    root: NodeIndex,
    depth: Option<usize>,
    reverse: bool,
    lineage: &Lineage,
) {
    let limit = depth.unwrap_or(usize::MAX);
    let lines = &lineage.lines;
    assert_eq!(lines[0].id, g.node(root).id);
    assert_eq!(lines[0].depth, 0);
    assert!(!lines[0].repeat);
    assert!(lines[1..].iter().all(|l| l.depth > 0));
    assert!(lines.len() <= 1 + g.edge_count());
    let mut parents: Vec<NodeIndex> = Vec::new();
    let mut full: HashMap<NodeIndex, usize> = HashMap::new();
    let mut previous: Option<(usize, bool)> = None;
    for line in lines {
        let here = g.index_of(&line.id).expect("a node of the graph");
        assert!(here.index() < g.node_count());
        assert!(line.depth <= limit);
        if let Some((depth, repeat)) = previous {
            assert!(line.depth <= depth + 1, "no level skipped");
            if line.depth == depth + 1 {
                assert!(!repeat, "a repeat has no children");
            }
        }
        parents.truncate(line.depth);
        if let Some(&parent) = parents.last() {
            let (citing, cited) = if reverse {
                (here, parent)
            } else {
                (parent, here)
            };
            let edge = g.inner().find_edge(citing, cited).unwrap_or_else(|| {
                panic!(
                    "{} → {} is not an edge",
                    g.node(citing).id,
                    g.node(cited).id
                )
            });
            let verbs: Vec<String> = g.inner()[edge].verbs.iter().cloned().collect();
            assert_eq!(line.verbs, verbs);
        }
        parents.push(here);
        if !line.repeat {
            assert!(
                full.insert(here, line.depth).is_none(),
                "{} expanded twice",
                line.id
            );
        }
        previous = Some((line.depth, line.repeat));
    }
    // Children of a fully shown line: exactly its neighbours, in id order.
    for (i, line) in lines.iter().enumerate() {
        if line.repeat || line.depth >= limit {
            continue;
        }
        let children: Vec<Symbol> = lines[i + 1..]
            .iter()
            .take_while(|l| l.depth > line.depth)
            .filter(|l| l.depth == line.depth + 1)
            .map(|l| l.id)
            .collect();
        let here = g.index_of(&line.id).unwrap();
        let mut expected: Vec<Symbol> = g
            .inner()
            .neighbors_directed(
                here,
                if reverse {
                    Direction::Incoming
                } else {
                    Direction::Outgoing
                },
            )
            .map(|n| g.node(n).id)
            .collect();
        expected.sort();
        assert_eq!(children, expected);
    }
    let distances = unit_distances(g, root, reverse);
    let ball: BTreeSet<NodeIndex> = distances
        .iter()
        .filter(|(_, &d)| d <= limit)
        .map(|(&n, _)| n)
        .collect();
    assert_eq!(
        lineage.nodes, ball,
        "exactly the documents within the depth"
    );
    let shown: BTreeSet<NodeIndex> = full.keys().copied().collect();
    assert_eq!(shown, ball);
    for (node, depth) in &full {
        assert_eq!(distances[node], *depth, "expanded at its shortest distance");
    }
    let text = query::format_lineage(g, lineage);
    assert_eq!(text.lines().count(), lines.len());
    assert_eq!(
        text.lines().filter(|l| l.ends_with(" (*)")).count(),
        lines.iter().filter(|l| l.repeat).count()
    );
}

/// A real chain from `from` to `to`: consecutive steps are edges, no node
/// twice, at most `max_len` citations, with the edges' verbs.
fn check_chain(
    g: &CitationGraph,
    path: &CitationPath,
    from: NodeIndex,
    to: NodeIndex,
    max_len: usize,
) {
    let chain = indices(g, path);
    assert_eq!(chain.first(), Some(&from));
    assert_eq!(chain.last(), Some(&to));
    assert!(path.length() <= max_len);
    assert_eq!(path.length() + 1, chain.len());
    let distinct: BTreeSet<NodeIndex> = chain.iter().copied().collect();
    assert_eq!(distinct.len(), chain.len(), "a node repeats in {chain:?}");
    assert!(path.steps[0].verbs.is_empty());
    for (pair, step) in chain.windows(2).zip(&path.steps[1..]) {
        let edge = g
            .inner()
            .find_edge(pair[0], pair[1])
            .unwrap_or_else(|| panic!("{pair:?} is not an edge"));
        let verbs: Vec<String> = g.inner()[edge].verbs.iter().cloned().collect();
        assert_eq!(step.verbs, verbs);
        assert_eq!(step.evidence, g.inner()[edge].evidence);
    }
}

/// Exactly the nodes reachable from both (a and b themselves only when the
/// other reaches them), with their shortest distances, nearest first.
fn check_common(g: &CitationGraph, a: NodeIndex, b: NodeIndex, common: &[query::Ancestor]) {
    let from_a = unit_distances(g, a, false);
    let from_b = unit_distances(g, b, false);
    let expected: BTreeSet<NodeIndex> = from_a
        .keys()
        .filter(|n| from_b.contains_key(n))
        .copied()
        .collect();
    let got: BTreeSet<NodeIndex> = common.iter().map(|c| g.index_of(&c.id).unwrap()).collect();
    assert_eq!(got, expected);
    assert_eq!(got.len(), common.len());
    for c in common {
        let n = g.index_of(&c.id).unwrap();
        assert_eq!(c.distance_from_a, from_a[&n]);
        assert_eq!(c.distance_from_b, from_b[&n]);
    }
    let keys: Vec<(usize, usize, Symbol)> = common
        .iter()
        .map(|c| {
            (
                c.distance_from_a.max(c.distance_from_b),
                c.distance_from_a + c.distance_from_b,
                c.id,
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "nearest first");
}

// ---------------------------------------------------------------------------
// Generated graphs

/// A generated corpus: `n` resolutions A/RES/70/1 … A/RES/70/n, edges
/// (citing, cited) by position, some documents only cited (their own
/// citations then never reach the graph).
#[derive(Debug, Clone)]
struct Corpus {
    n: usize,
    edges: Vec<(usize, usize)>,
    cited_only: Vec<bool>,
}

fn corpus(max_nodes: usize, max_edges: usize, dag: bool) -> impl Strategy<Value = Corpus> {
    (2..=max_nodes).prop_flat_map(move |n| {
        (
            prop::collection::vec((0..n, 0..n), 0..=max_edges),
            prop::collection::vec(prop::bool::weighted(0.15), n),
        )
            .prop_map(move |(pairs, mut cited_only)| {
                // At least one document, so the graph is never empty.
                cited_only[0] = false;
                Corpus {
                    n,
                    edges: pairs
                        .into_iter()
                        .filter(|&(a, b)| a != b && (!dag || a > b))
                        .collect(),
                    cited_only,
                }
            })
    })
}

fn id_of(i: usize) -> String {
    format!("A/RES/70/{}", i + 1)
}

const VERBS: [&str; 4] = ["Recalling", "Reaffirming", "Noting", "Welcoming"];

fn citation(target: usize, k: usize) -> CitationRecord {
    CitationRecord {
        target: id_of(target),
        part: None,
        matched: format!("resolution 70/{}", target + 1),
        start: 0,
        end: 0,
        line: 1,
        date: None,
        title: Some(format!("Title of {}", target + 1)),
        verb: (k % 5 != 4).then(|| VERBS[k % 4].to_string()),
        section: if k % 2 == 0 {
            Section::Preamble
        } else {
            Section::Operative
        },
        organ: "GA",
        kind: Kind::Resolution,
        evidence: Some(format!("{} resolution 70/{}.", VERBS[k % 4], target + 1)),
    }
}

/// One English document per resolution in the corpus, and a French one
/// for every third, with the same citations.
fn documents(c: &Corpus) -> Vec<DocumentRecord> {
    let mut cites: Vec<Vec<CitationRecord>> = vec![Vec::new(); c.n];
    for (k, &(a, b)) in c.edges.iter().enumerate() {
        cites[a].push(citation(b, k + a));
    }
    let mut docs = Vec::new();
    for (i, citations) in cites.into_iter().enumerate() {
        if c.cited_only[i] {
            continue;
        }
        let languages: &[Lang] = if i % 3 == 0 {
            &[Lang::En, Lang::Fr]
        } else {
            &[Lang::En]
        };
        for &language in languages {
            docs.push(DocumentRecord {
                path: format!("{language:?}-{i}.txt"),
                symbol: Some(id_of(i)),
                language,
                title: Some(format!(
                    "Resolution {} on a very long subject that goes on and on",
                    i + 1
                )),
                adopted: Some(format!("2015-{:02}-{:02}", 1 + i / 28 % 12, 1 + i % 28)),
                format: InputFormat::Text,
                offsets: OffsetBase::File,
                citations: citations.clone(),
                references: Vec::new(),
                warnings: Vec::new(),
            });
        }
    }
    docs
}

fn build(docs: &[DocumentRecord]) -> CitationGraph {
    let mut builder = GraphBuilder::new();
    for doc in docs {
        builder.add(doc);
    }
    builder.build()
}

/// A node of the graph picked by a generated number.
fn pick(g: &CitationGraph, k: usize) -> NodeIndex {
    NodeIndex::new(k % g.node_count())
}

/// Layered DAG: a source citing two documents, each citing both of the
/// next two, … `layers` times, down to a sink: 2^layers paths from source
/// to sink, each of `layers + 1` citations.
fn layered(layers: usize) -> (CitationGraph, NodeIndex, NodeIndex) {
    let sink = 0;
    let source = 2 * layers + 1;
    let layer = |j: usize| [2 * j - 1, 2 * j]; // j = 1..=layers
    let mut edges = Vec::new();
    for j in 1..=layers {
        for a in layer(j) {
            if j == 1 {
                edges.push((a, sink));
            } else {
                edges.extend(layer(j - 1).map(|b| (a, b)));
            }
        }
    }
    edges.extend(layer(layers).map(|b| (source, b)));
    let c = Corpus {
        n: source + 1,
        edges,
        cited_only: vec![false; source + 1],
    };
    let g = build(&documents(&c));
    let (s, t) = (ix(&g, &id_of(source)), ix(&g, &id_of(sink)));
    (g, s, t)
}

/// Every query's answer, serialised, for comparing two builds.
fn everything(g: &CitationGraph) -> Vec<String> {
    let mut out = Vec::new();
    out.push(json(&query::stats(g, 5)));
    out.push(query::format_stats(&query::stats(g, 5)));
    for (i, _) in g.nodes() {
        let a = query::lineage(g, i, None, false);
        out.push(json(&a));
        out.push(query::format_lineage(g, &a));
        out.push(format!("{:?}", a.nodes));
        out.push(json(&query::lineage(g, i, Some(1), true)));
        out.push(query::format_neighbours(&query::cites(g, i), None));
        out.push(json(&query::cited_by(g, i)));
        let j = NodeIndex::new((i.index() * 7 + 3) % g.node_count());
        out.push(json(&query::shortest_path(g, i, j)));
        out.push(json(&query::all_paths(g, i, j, 4, 5)));
        out.push(json(&query::common_ancestors(g, i, j)));
    }
    out
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn lineage_is_a_complete_subgraph(
        c in corpus(24, 70, false),
        root in 0usize..1000,
        depth in prop::option::of(0usize..5),
        reverse in any::<bool>(),
    ) {
        let g = build(&documents(&c));
        let root = pick(&g, root);
        let lineage = query::lineage(&g, root, depth, reverse);
        check_lineage(&g, root, depth, reverse, &lineage);
        // The subgraph of the lineage is a subgraph of the graph.
        let sub = g.subgraph(&lineage.nodes);
        for (a, b, _) in sub.edges() {
            let (a, b) = (ix(&g, &sub.node(a).id.to_string()), ix(&g, &sub.node(b).id.to_string()));
            prop_assert!(is_edge(&g, a, b));
        }
    }

    #[test]
    fn paths_are_real_chains_and_all_paths_are_enumerated(
        c in corpus(11, 36, false),
        from in 0usize..1000,
        to in 0usize..1000,
        max_len in 0usize..6,
        limit in 0usize..12,
    ) {
        let g = build(&documents(&c));
        let (from, to) = (pick(&g, from), pick(&g, to));
        prop_assume!(from != to);
        let distance = unit_distances(&g, from, false).get(&to).copied();
        let shortest = query::shortest_path(&g, from, to);
        prop_assert_eq!(shortest.as_ref().map(|p| p.length()), distance);
        if let Some(p) = &shortest {
            check_chain(&g, p, from, to, usize::MAX);
        }
        let all = query::all_paths(&g, from, to, max_len, limit);
        prop_assert_eq!(all.limit, limit);
        prop_assert!(all.paths.len() <= limit);
        for p in &all.paths {
            check_chain(&g, p, from, to, max_len);
            prop_assert!(shortest.as_ref().unwrap().length() <= p.length());
        }
        // Against petgraph's enumeration, sorted by (length, ids).
        let mut expected: Vec<Vec<Symbol>> = petgraph::algo::all_simple_paths::<Vec<NodeIndex>, _, RandomState>(
            g.inner(),
            from,
            to,
            0,
            Some(max_len.saturating_sub(1)),
        )
        .filter(|p| p.len() <= max_len + 1)
        .map(|p| p.iter().map(|&n| g.node(n).id).collect())
        .collect();
        expected.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        prop_assert_eq!(all.truncated, expected.len() > limit);
        expected.truncate(limit);
        let got: Vec<Vec<Symbol>> = all.paths.iter().map(|p| p.ids()).collect();
        prop_assert_eq!(got, expected);
        // The first of all paths is the shortest path, same tie-break.
        if let (Some(first), Some(p)) = (all.paths.first(), &shortest) {
            if p.length() <= max_len {
                prop_assert_eq!(first, p);
            }
        }
    }

    #[test]
    fn all_paths_stops_at_the_limit_on_a_graph_of_many_paths(
        layers in 1usize..11,
        limit in 0usize..1100,
    ) {
        let (g, source, sink) = layered(layers);
        let total = 1usize << layers;
        let all = query::all_paths(&g, source, sink, layers + 1, limit);
        prop_assert_eq!(all.paths.len(), total.min(limit));
        prop_assert_eq!(all.truncated, total > limit);
        for p in &all.paths {
            check_chain(&g, p, source, sink, layers + 1);
        }
        let ids: Vec<Vec<Symbol>> = all.paths.iter().map(|p| p.ids()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        prop_assert_eq!(ids, sorted);
        // One citation short, no path at all.
        let short = query::all_paths(&g, source, sink, layers, limit);
        prop_assert!(short.paths.is_empty() && !short.truncated);
    }

    #[test]
    fn common_ancestors_are_reachable_from_both(
        c in corpus(24, 70, false),
        a in 0usize..1000,
        b in 0usize..1000,
    ) {
        let g = build(&documents(&c));
        let (a, b) = (pick(&g, a), pick(&g, b));
        let common = query::common_ancestors(&g, a, b);
        check_common(&g, a, b, &common);
    }

    #[test]
    fn answers_do_not_depend_on_the_order_of_the_documents(
        (c, shuffled) in corpus(14, 40, false).prop_flat_map(|c| {
            let docs = documents(&c);
            (Just(c), Just(docs).prop_shuffle())
        }),
    ) {
        let ordered = build(&documents(&c));
        let shuffled = build(&shuffled);
        prop_assert_eq!(everything(&ordered), everything(&shuffled));
    }

    #[test]
    fn stats_agree_with_petgraph(c in corpus(30, 80, false), top in 0usize..8) {
        let g = build(&documents(&c));
        let stats = query::stats(&g, top);
        prop_assert_eq!(stats.components, petgraph::algo::connected_components(g.inner()));
        prop_assert_eq!(stats.largest_component, largest_component(&g));
        prop_assert_eq!(stats.forward_citations, g.edges().filter(|e| e.2.forward).count());
        prop_assert!(stats.most_cited.len() <= top && stats.pagerank.len() == top.min(g.node_count()));
        if !stats.most_cited.is_empty() {
            check_ranking(&g, &stats.most_cited, Direction::Incoming);
            check_ranking(&g, &stats.most_citing, Direction::Outgoing);
        }
        // Same PageRank as petgraph's (quadratic) implementation.
        let ours = query::pagerank(&g, 0.85, 30);
        let theirs = petgraph::algo::page_rank(g.inner(), 0.85_f64, 30);
        prop_assert_eq!(ours.len(), theirs.len());
        for (x, y) in ours.iter().zip(&theirs) {
            prop_assert!((x - y).abs() < 1e-12, "{} vs {}", x, y);
        }
    }
}

#[test]
fn a_long_chain_needs_no_recursion() {
    // 70/n cites 70/(n-1) … down to 70/1.
    let n = 20_000;
    let c = Corpus {
        n,
        edges: (1..n).map(|i| (i, i - 1)).collect(),
        cited_only: vec![false; n],
    };
    let g = build(&documents(&c));
    let (top, bottom) = (ix(&g, &id_of(n - 1)), ix(&g, &id_of(0)));
    let lineage = query::lineage(&g, top, None, false);
    assert_eq!(lineage.lines.len(), n);
    assert_eq!(lineage.lines.last().unwrap().depth, n - 1);
    // (Drawn as a tree, a chain is quadratic in size: draw 100 levels.)
    let reverse = query::lineage(&g, bottom, Some(100), true);
    assert_eq!(reverse.lines.len(), 101);
    let text = query::format_lineage(&g, &reverse);
    assert_eq!(text.lines().count(), 101);
    assert!(text
        .lines()
        .last()
        .unwrap()
        .starts_with(&" ".repeat(4 * 99)));
    assert_eq!(
        query::shortest_path(&g, top, bottom).unwrap().length(),
        n - 1
    );
    let all = query::all_paths(&g, top, bottom, usize::MAX, 3);
    assert_eq!((all.paths.len(), all.truncated), (1, false));
    assert_eq!(all.paths[0].length(), n - 1);
    assert!(query::all_paths(&g, top, bottom, n - 2, 3).paths.is_empty());
    let common = query::common_ancestors(&g, top, NodeIndex::new(n / 2));
    assert_eq!(common.len(), n / 2 + 1);
    assert_eq!(query::stats(&g, 3).components, 1);
}

#[test]
fn an_explosion_of_paths_is_capped() {
    // 2^40 paths: the answer must come back at once.
    let (g, source, sink) = layered(40);
    let all = query::all_paths(&g, source, sink, 100, 50);
    assert_eq!(all.paths.len(), 50);
    assert!(all.truncated);
    assert!(all.paths.iter().all(|p| p.length() == 41));
    // Paths to the middle of the graph are unaffected by the cap.
    let mid = ix(&g, &id_of(40));
    assert_eq!(query::shortest_path(&g, source, mid).unwrap().length(), 21);
}

#[test]
fn a_cycle_in_the_graph_terminates_and_is_marked() {
    // Forward citations make cycles: 1 → 2 → 3 → 1.
    let c = Corpus {
        n: 3,
        edges: vec![(0, 1), (1, 2), (2, 0)],
        cited_only: vec![false; 3],
    };
    let g = build(&documents(&c));
    let a = ix(&g, &id_of(0));
    let lineage = query::lineage(&g, a, None, false);
    let ids: Vec<(usize, bool)> = lineage.lines.iter().map(|l| (l.depth, l.repeat)).collect();
    assert_eq!(ids, [(0, false), (1, false), (2, false), (3, true)]);
    assert!(query::format_lineage(&g, &lineage).ends_with(" (*)\n"));
    let all = query::all_paths(&g, a, ix(&g, &id_of(2)), 10, 10);
    assert_eq!(all.paths.len(), 1);
    // 70/1 citing 70/2 and 70/2 citing 70/3 cite later documents.
    assert_eq!(query::stats(&g, 3).forward_citations, 2);
}
