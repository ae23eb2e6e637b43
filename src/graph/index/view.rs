//! Reading the part of a saved graph that one query looks at.
//!
//! A whole load decodes every node and edge (about 50 ms for the 1 GB
//! corpus's 25,000 nodes and 94,000 edges) although a lineage of depth 2
//! or one shortest path touches a few hundred. [`IndexView`] reads the
//! file, checks it, and then works from the lookup tables at its end
//! (`lookup_section`): it finds a node by binary search, walks the
//! citations as rows of edge numbers, and decodes only the nodes and
//! edges of the [`Part`] asked for, into a [`CitationGraph`] of its own.
//!
//! That graph is the part's induced subgraph, nodes in id order and edges
//! in the whole graph's order, so a query run on it answers as it would on
//! the whole graph: every node and edge the query would look at is in it
//! (see [`Part`]), in the same relative order. The tests hold each query's
//! output to the whole graph's.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::Path;

use super::{
    assemble, body_checksum, decode_edge, decode_node, decode_verb_set, get_symbol, lookup_words,
    read_header, section_sets, CitationGraph, FastHash, GraphError, IndexError, RawPool, Reader,
    Shared, MIN_EDGE_BYTES, MIN_NODE_BYTES, PAST_LAST_SET,
};
use crate::extract::Section;
use crate::symbol::Symbol;

/// The part of a graph a query needs.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// `root` and the documents within `depth` citations of it (any
    /// number when `None`), following the citations or, `reverse`,
    /// against them: all that a lineage tree expands and shows.
    Lineage {
        root: &'a Symbol,
        depth: Option<usize>,
        reverse: bool,
    },
    /// `node` and what it cites.
    Cites(&'a Symbol),
    /// `node` and what cites it.
    CitedBy(&'a Symbol),
    /// Every document on a shortest chain of citations from `from` back to
    /// `to`: those `d` steps from `from` and at most `L - d` from `to`,
    /// where `L` is the chain's length. A breadth-first search from
    /// `from` visits them in the same order as in the whole graph (each
    /// one's first parent is on such a chain too), so it picks the same
    /// chain. Just the two ends when no chain exists.
    ShortestPath { from: &'a Symbol, to: &'a Symbol },
}

/// A saved graph, read and checked but not decoded.
pub struct IndexView {
    bytes: Bytes,
    pool: Range<usize>,
    verb_sets: Range<usize>,
    nodes: Range<usize>,
    edges: Range<usize>,
    lookup: Range<usize>,
    node_count: usize,
    edge_count: usize,
    set_count: usize,
    tables: Tables,
    section_sets: Vec<Shared<BTreeSet<Section>>>,
}

/// Where each table of the lookup section starts, in u32 words.
struct Tables {
    node_at: usize,
    edge_at: usize,
    set_at: usize,
    ends: usize,
    out_start: usize,
    out_edges: usize,
    in_start: usize,
    in_edges: usize,
}

impl Tables {
    fn new(nodes: usize, edges: usize, sets: usize) -> Tables {
        let node_at = 0;
        let edge_at = node_at + nodes + 1;
        let set_at = edge_at + edges + 1;
        let ends = set_at + sets + 1;
        let out_start = ends + 2 * edges;
        let out_edges = out_start + nodes + 1;
        let in_start = out_edges + edges;
        let in_edges = in_start + nodes + 1;
        Tables {
            node_at,
            edge_at,
            set_at,
            ends,
            out_start,
            out_edges,
            in_start,
            in_edges,
        }
    }
}

const NOT_REACHED: u32 = u32::MAX;

/// The bytes of an index: its file mapped into memory, or a buffer.
enum Bytes {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(map) => map,
            Bytes::Owned(bytes) => bytes,
        }
    }
}

/// The file at `path`, mapped into memory; read into a buffer when it
/// cannot be mapped (an empty file, a pipe).
///
/// Reading the 12.5 MB index of the 1 GB corpus cost more than the rest of
/// a query: 2.5 ms to copy it into fresh memory that the kernel first
/// zeroes, then as much again to give that memory back at exit. A map
/// shares the page cache's copy instead.
fn map_or_read(path: &Path) -> std::io::Result<Bytes> {
    let file = std::fs::File::open(path)?;
    // SAFETY: the map is read-only, and the bytes behind it must not change
    // while it lives. rescite never changes an index file in place: it
    // writes a new file and renames it over the old one
    // (`write_atomically`), which leaves a mapped file as it was. Another
    // program rewriting or cutting the file in place during a query could
    // make this read changed bytes or fault, as with any program that maps
    // files (ripgrep, for one); every read is bounds-checked all the same.
    match unsafe { memmap2::Mmap::map(&file) } {
        Ok(map) => Ok(Bytes::Mapped(map)),
        Err(_) => std::fs::read(path).map(Bytes::Owned),
    }
}

impl IndexView {
    /// Reads and checks the index file at `path`: a damaged, cut or
    /// foreign file is an error naming it, as for a whole load.
    pub fn open(path: &Path) -> Result<IndexView, GraphError> {
        let bytes = map_or_read(path).map_err(|source| GraphError::Io {
            path: path.display().to_string(),
            source,
        })?;
        IndexView::new(bytes).map_err(|reason| GraphError::NotAnIndex {
            path: path.display().to_string(),
            reason,
        })
    }

    /// Checks the bytes of an index file and finds its sections.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<IndexView, IndexError> {
        IndexView::new(Bytes::Owned(bytes))
    }

    fn new(bytes: Bytes) -> Result<IndexView, IndexError> {
        let header = read_header(&bytes, bytes.len() as u64)?;
        let pool = header.len..header.len + header.pool;
        let rest = pool.end..pool.end + header.rest;
        let (pool_bytes, rest_bytes) = match (bytes.get(pool.clone()), bytes.get(rest.clone())) {
            (Some(p), Some(r)) => (p, r),
            _ => return Err(IndexError::Damaged("the header does not fit the file")),
        };
        if body_checksum(pool_bytes, rest_bytes) != header.sum {
            return Err(IndexError::Checksum);
        }
        let mut r = Reader::new(rest_bytes);
        let mut next = || -> Result<Range<usize>, IndexError> {
            let section = r.section()?;
            let end = rest.start + r.pos;
            Ok(end - section.len()..end)
        };
        let verb_sets = next()?;
        let nodes = next()?;
        let _links = next()?;
        let edges = next()?;
        let _warnings = next()?;
        let lookup = next()?;
        r.end()?;
        let node_count = Reader::new(&bytes[nodes.clone()]).count(MIN_NODE_BYTES)?;
        let edge_count = Reader::new(&bytes[edges.clone()]).count(MIN_EDGE_BYTES)?;
        let set_count = Reader::new(&bytes[verb_sets.clone()]).count(1)?;
        let words = lookup_words(node_count, edge_count, set_count);
        if Some(lookup.len()) != words.checked_mul(4) {
            return Err(IndexError::Damaged(
                "the lookup tables do not fit the graph",
            ));
        }
        Ok(IndexView {
            pool,
            verb_sets,
            nodes,
            edges,
            lookup,
            node_count,
            edge_count,
            set_count,
            tables: Tables::new(node_count, edge_count, set_count),
            section_sets: section_sets(),
            bytes,
        })
    }

    pub fn node_count(&self) -> usize {
        self.node_count
    }

    pub fn edge_count(&self) -> usize {
        self.edge_count
    }

    /// The subgraph a query of `part` needs, or `None` when a symbol of it
    /// is not a node of the graph (a whole load then says which nodes are
    /// nearest).
    pub fn part(&self, part: &Part<'_>) -> Result<Option<CitationGraph>, IndexError> {
        let keep = match *part {
            Part::Lineage {
                root,
                depth,
                reverse,
            } => {
                let Some(root) = self.find(root)? else {
                    return Ok(None);
                };
                let distance = self.distances(root, !reverse, depth, None, |_, _| true)?;
                reached(&distance)
            }
            Part::Cites(id) | Part::CitedBy(id) => {
                let Some(node) = self.find(id)? else {
                    return Ok(None);
                };
                let forward = matches!(part, Part::Cites(_));
                let mut keep: Vec<u32> = self
                    .links(node, forward)?
                    .into_iter()
                    .map(|(_, other)| other)
                    .collect();
                keep.push(node);
                keep
            }
            Part::ShortestPath { from, to } => {
                let (Some(from), Some(to)) = (self.find(from)?, self.find(to)?) else {
                    return Ok(None);
                };
                self.on_shortest_paths(from, to)?
            }
        };
        self.subgraph(keep).map(Some)
    }

    /// The node whose id is `id`: a binary search, since nodes are written
    /// in id order.
    fn find(&self, id: &Symbol) -> Result<Option<u32>, IndexError> {
        let (mut low, mut high) = (0, self.node_count);
        while low < high {
            let mid = low + (high - low) / 2;
            let found = self.symbol(mid as u32)?;
            match found.cmp(id) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Ok(Some(mid as u32)),
            }
        }
        Ok(None)
    }

    fn symbol(&self, node: u32) -> Result<Symbol, IndexError> {
        get_symbol(&mut self.node_reader(node)?.0)
    }

    /// Distances from `root` along the citations (`forward`) or against
    /// them, up to `depth`, or up to the distance of `goal` once it is
    /// found, through the nodes that `admit` lets in at their distance;
    /// [`NOT_REACHED`] for the rest.
    fn distances(
        &self,
        root: u32,
        forward: bool,
        depth: Option<usize>,
        goal: Option<u32>,
        admit: impl Fn(u32, u32) -> bool,
    ) -> Result<Vec<u32>, IndexError> {
        let mut limit = depth.map_or(u32::MAX, |d| u32::try_from(d).unwrap_or(u32::MAX));
        let mut distance = vec![NOT_REACHED; self.node_count];
        distance[root as usize] = 0;
        if goal == Some(root) {
            limit = 0;
        }
        let mut queue = std::collections::VecDeque::from([root]);
        while let Some(v) = queue.pop_front() {
            let d = distance[v as usize];
            // Nodes come in order of distance: the rest are as far.
            if d >= limit {
                break;
            }
            self.each_link(v, forward, |_, w| {
                let slot = &mut distance[w as usize];
                if *slot == NOT_REACHED && admit(w, d + 1) {
                    *slot = d + 1;
                    queue.push_back(w);
                    if goal == Some(w) {
                        limit = limit.min(d + 1);
                    }
                }
            })?;
        }
        Ok(distance)
    }

    /// The nodes on some shortest chain from `from` to `to` (see
    /// [`Part::ShortestPath`]).
    fn on_shortest_paths(&self, from: u32, to: u32) -> Result<Vec<u32>, IndexError> {
        let ahead = self.distances(from, true, None, Some(to), |_, _| true)?;
        let length = ahead[to as usize];
        if length == NOT_REACHED {
            return Ok(vec![from, to]);
        }
        // Back from `to`, only through nodes that can be on such a chain: a
        // node's shortest way to `to` runs through such nodes only (each
        // step nearer `to` is at most as much further from `from`). Without
        // this, a much-cited `to` took in most of the graph.
        let on_a_chain = |v: u32, behind: u32| {
            let a = ahead[v as usize];
            a != NOT_REACHED && a + behind <= length
        };
        let behind = self.distances(to, false, Some(length as usize), Some(from), on_a_chain)?;
        Ok((0..self.node_count as u32)
            .filter(|&v| {
                let (a, b) = (ahead[v as usize], behind[v as usize]);
                a != NOT_REACHED && b != NOT_REACHED && a + b <= length
            })
            .collect())
    }

    /// The edges of `node` and the node at their other end: what it cites
    /// (`forward`) or what cites it, in edge order.
    fn links(&self, node: u32, forward: bool) -> Result<Vec<(u32, u32)>, IndexError> {
        let mut links = Vec::new();
        self.each_link(node, forward, |edge, other| links.push((edge, other)))?;
        Ok(links)
    }

    /// Calls `each` with the number and the other end of each edge of
    /// `node`, as [`IndexView::links`] lists them. The searches call this
    /// once a node they reach, so it allocates nothing.
    fn each_link(
        &self,
        node: u32,
        forward: bool,
        mut each: impl FnMut(u32, u32),
    ) -> Result<(), IndexError> {
        let t = self.tables();
        let (start, list) = if forward {
            (t.out_start, t.out_edges)
        } else {
            (t.in_start, t.in_edges)
        };
        let from = self.word(start + node as usize)? as usize;
        let until = self.word(start + node as usize + 1)? as usize;
        if from > until || until > self.edge_count {
            return Err(IndexError::Damaged(
                "a row of the lookup tables is out of order",
            ));
        }
        for k in from..until {
            let edge = self.edge_number(self.word(list + k)?)?;
            let (source, target) = self.ends(edge)?;
            let (own, other) = if forward {
                (source, target)
            } else {
                (target, source)
            };
            if own != node {
                return Err(IndexError::Damaged("the lookup tables disagree"));
            }
            each(edge, other);
        }
        Ok(())
    }

    fn ends(&self, edge: u32) -> Result<(u32, u32), IndexError> {
        let at = self.tables().ends + 2 * edge as usize;
        Ok((
            self.node_number(self.word(at)?)?,
            self.node_number(self.word(at + 1)?)?,
        ))
    }

    /// The induced subgraph of the nodes `keep`: the nodes in their order,
    /// the edges among them in theirs.
    fn subgraph(&self, mut keep: Vec<u32>) -> Result<CitationGraph, IndexError> {
        keep.sort_unstable();
        keep.dedup();
        let pool = RawPool(&self.bytes[self.pool.clone()]);
        let mut nodes = Vec::with_capacity(keep.len());
        for &node in &keep {
            let (mut r, len) = self.node_reader(node)?;
            nodes.push(decode_node(&pool, &mut r)?);
            if r.pos != len {
                return Err(IndexError::Damaged(
                    "a node record is not where the lookup tables say",
                ));
            }
        }
        let position = |node: u32| keep.binary_search(&node).ok();
        let mut links = Vec::new();
        for (from, &node) in keep.iter().enumerate() {
            for (edge, other) in self.links(node, true)? {
                if let Some(to) = position(other) {
                    links.push((edge, from, to));
                }
            }
        }
        links.sort_unstable();
        let mut edges = Vec::with_capacity(links.len());
        // Edges of a part share their verb sets as a whole load's do. (A
        // std `HashMap::new()` would seed itself from the OS: 5 ms for the
        // first one of a process, on this machine.)
        let mut sets: HashMap<usize, Shared<BTreeSet<String>>, FastHash> = HashMap::default();
        for (edge, from, to) in links {
            let (mut r, len) = self.edge_reader(edge)?;
            let verb_set = |number: usize| match sets.get(&number) {
                Some(set) => Ok(set.clone()),
                None => {
                    let set = self.verb_set(&pool, number)?;
                    sets.insert(number, set.clone());
                    Ok(set)
                }
            };
            let decoded = decode_edge(&pool, verb_set, &self.section_sets, &mut r)?;
            if r.pos != len {
                return Err(IndexError::Damaged(
                    "an edge record is not where the lookup tables say",
                ));
            }
            edges.push((from, to, decoded));
        }
        Ok(assemble(nodes, edges, Vec::new()))
    }

    fn verb_set(
        &self,
        pool: &RawPool<'_>,
        number: usize,
    ) -> Result<Shared<BTreeSet<String>>, IndexError> {
        if number >= self.set_count {
            return Err(PAST_LAST_SET);
        }
        let (mut r, len) = self.record(&self.verb_sets, self.tables().set_at + number)?;
        let set = decode_verb_set(pool, &mut r)?;
        if r.pos != len {
            return Err(IndexError::Damaged(
                "a verb set is not where the lookup tables say",
            ));
        }
        Ok(set)
    }

    /// A reader over the record of `node`, and the record's length.
    fn node_reader(&self, node: u32) -> Result<(Reader<'_>, usize), IndexError> {
        let at = self.tables().node_at + self.node_number(node)? as usize;
        self.record(&self.nodes, at)
    }

    fn edge_reader(&self, edge: u32) -> Result<(Reader<'_>, usize), IndexError> {
        let at = self.tables().edge_at + self.edge_number(edge)? as usize;
        self.record(&self.edges, at)
    }

    /// The record that the offsets at words `at` and `at + 1` bound in
    /// `section`.
    fn record(&self, section: &Range<usize>, at: usize) -> Result<(Reader<'_>, usize), IndexError> {
        let (start, end) = (self.word(at)? as usize, self.word(at + 1)? as usize);
        let bytes = self.bytes[section.clone()]
            .get(start..end)
            .ok_or(IndexError::Damaged("a record outside its section"))?;
        Ok((Reader::new(bytes), bytes.len()))
    }

    fn node_number(&self, node: u32) -> Result<u32, IndexError> {
        if (node as usize) < self.node_count {
            Ok(node)
        } else {
            Err(IndexError::Damaged("a reference past the last node"))
        }
    }

    fn edge_number(&self, edge: u32) -> Result<u32, IndexError> {
        if (edge as usize) < self.edge_count {
            Ok(edge)
        } else {
            Err(IndexError::Damaged("a reference past the last edge"))
        }
    }

    fn tables(&self) -> &Tables {
        &self.tables
    }

    /// The u32 at word `at` of the lookup section.
    #[inline]
    fn word(&self, at: usize) -> Result<u32, IndexError> {
        // Every table's words are below the section's word count (checked
        // when the view was made), so `at` is too unless the file lies.
        let bytes = self.bytes[self.lookup.clone()]
            .get(at * 4..)
            .and_then(|rest| rest.first_chunk::<4>())
            .ok_or(IndexError::Damaged("a reference past the lookup tables"))?;
        Ok(u32::from_le_bytes(*bytes))
    }
}

/// The nodes a search reached.
fn reached(distance: &[u32]) -> Vec<u32> {
    (0..distance.len() as u32)
        .filter(|&v| distance[v as usize] != NOT_REACHED)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::super::RawGraph;
    use super::super::framed;
    use super::*;
    use crate::graph::{Edge, Node, Text};
    use crate::query;
    use crate::vocab::Lang;
    use petgraph::graph::NodeIndex;
    use proptest::prelude::*;

    /// A graph of `nodes` GA resolutions and the given citations (pairs of
    /// node numbers), every third node with a title, edges with one of a few
    /// verb sets and evidence on some.
    fn graph(nodes: u16, citations: &[(u16, u16)]) -> CitationGraph {
        // Ids of several organs, so that id order is not number order.
        let id = |i: u16| -> Symbol {
            let text = match i % 3 {
                0 => format!("A/RES/{}/{}", 31 + i % 50, 1 + i),
                1 => format!("S/RES/{}({})", 100 + i, 1950 + i % 60),
                _ => format!("A/RES/{}(III)", 100 + i),
            };
            text.parse().expect("a valid symbol")
        };
        let mut raw = RawGraph::default();
        for i in 0..nodes {
            raw.nodes.insert(
                id(i),
                Node {
                    id: id(i),
                    in_corpus: i % 2 == 0,
                    title: (i % 3 == 0).then(|| format!("Title {i} «droits»")),
                    date: (i % 4 == 0).then(|| format!("19{:02}-01-01", 46 + i % 50)),
                    languages: Lang::ALL.into_iter().take(usize::from(i % 3)).collect(),
                    paths: (0..i % 2).map(|k| format!("dir/{i}-{k}.txt")).collect(),
                    unavailable: None,
                },
            );
        }
        let verbs: Vec<Shared<BTreeSet<String>>> = [&["Recalling"][..], &["Decides", "Notes"], &[]]
            .iter()
            .map(|set| Shared::new(set.iter().map(|v| v.to_string()).collect()))
            .collect();
        for (k, &(a, b)) in citations.iter().enumerate() {
            let (a, b) = (a % nodes, b % nodes);
            if a == b {
                continue;
            }
            raw.edges.insert(
                (id(a), id(b)),
                Edge {
                    count: 1 + k % 3,
                    verbs: verbs[k % verbs.len()].clone(),
                    sections: Shared::new(BTreeSet::from([Section::Preamble])),
                    evidence: (k % 2 == 0).then(|| Text::from(format!("cites {b} ({k})"))),
                    forward: k % 5 == 0,
                },
            );
        }
        raw.into_graph(Vec::new())
    }

    fn view(graph: &CitationGraph) -> IndexView {
        IndexView::from_bytes(graph.to_index_bytes()).expect("a fresh index reads")
    }

    /// What a lineage shows, whichever graph it ran on.
    fn lineage_shown(
        graph: &CitationGraph,
        root: &Symbol,
        depth: Option<usize>,
        reverse: bool,
    ) -> String {
        let root = graph.index_of(root).expect("the root is in the graph");
        let lineage = query::lineage(graph, root, depth, reverse);
        let nodes: Vec<String> = lineage
            .nodes
            .iter()
            .map(|&i| graph.node(i).id.to_string())
            .collect();
        let sub = graph.subgraph(&lineage.nodes);
        let edges: Vec<String> = sub
            .edges()
            .map(|(a, b, e)| {
                format!(
                    "{}>{} {:?}",
                    sub.node(a).id,
                    sub.node(b).id,
                    e.evidence.as_ref().map(Text::as_str)
                )
            })
            .collect();
        format!(
            "{}\n{nodes:?}\n{edges:?}",
            query::format_lineage(graph, &lineage)
        )
    }

    fn neighbours_shown(graph: &CitationGraph, id: &Symbol, cites: bool) -> String {
        let node = graph.index_of(id).expect("in the graph");
        let rows = if cites {
            query::cites(graph, node)
        } else {
            query::cited_by(graph, node)
        };
        query::format_neighbours(&rows, (!cites).then_some(*id))
    }

    fn path_shown(graph: &CitationGraph, from: &Symbol, to: &Symbol) -> String {
        let (a, b) = (
            graph.index_of(from).expect("in"),
            graph.index_of(to).expect("in"),
        );
        query::shortest_path(graph, a, b)
            .map(|p| query::format_path(&p))
            .unwrap_or_default()
    }

    /// Every query a part serves answers on the part as on the whole graph.
    fn check_parts(whole: &CitationGraph) {
        let view = view(whole);
        let ids: Vec<Symbol> = whole.nodes().map(|(_, n)| n.id).collect();
        let part = |part: Part<'_>| {
            view.part(&part)
                .expect("reads")
                .expect("its symbols are in it")
        };
        for id in &ids {
            for depth in [Some(0), Some(1), Some(2), None] {
                for reverse in [false, true] {
                    let sub = part(Part::Lineage {
                        root: id,
                        depth,
                        reverse,
                    });
                    assert_eq!(
                        lineage_shown(&sub, id, depth, reverse),
                        lineage_shown(whole, id, depth, reverse),
                        "lineage of {id}, depth {depth:?}, reverse {reverse}"
                    );
                }
            }
            assert_eq!(
                neighbours_shown(&part(Part::Cites(id)), id, true),
                neighbours_shown(whole, id, true)
            );
            assert_eq!(
                neighbours_shown(&part(Part::CitedBy(id)), id, false),
                neighbours_shown(whole, id, false)
            );
        }
        for from in &ids {
            for to in ids.iter().step_by(3) {
                let sub = part(Part::ShortestPath { from, to });
                assert_eq!(
                    path_shown(&sub, from, to),
                    path_shown(whole, from, to),
                    "path {from} -> {to}"
                );
            }
        }
    }

    #[test]
    fn parts_answer_as_the_whole_graph_on_a_dense_graph() {
        // Many shortest paths of equal length: the tie-break must hold.
        let citations: Vec<(u16, u16)> = (0..30u16)
            .flat_map(|a| {
                (0..30u16)
                    .filter(move |b| (a * 7 + b * 3) % 4 == 0)
                    .map(move |b| (a, b))
            })
            .collect();
        check_parts(&graph(30, &citations));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn parts_answer_as_the_whole_graph(
            nodes in 1u16..25,
            citations in proptest::collection::vec((0u16..25, 0u16..25), 0..80),
        ) {
            check_parts(&graph(nodes, &citations));
        }
    }

    #[test]
    fn a_symbol_not_in_the_index_is_none() {
        let whole = graph(5, &[(0, 1), (1, 2)]);
        let view = view(&whole);
        let missing = Symbol::Sc {
            number: 2231,
            year: 2015,
        };
        let known = whole.nodes().next().map(|(_, n)| n.id).expect("a node");
        assert!(view.part(&Part::Cites(&missing)).expect("reads").is_none());
        let path = Part::ShortestPath {
            from: &known,
            to: &missing,
        };
        assert!(view.part(&path).expect("reads").is_none());
        let empty = view_of_empty();
        assert!(empty
            .part(&Part::CitedBy(&missing))
            .expect("reads")
            .is_none());
    }

    fn view_of_empty() -> IndexView {
        view(&graph(0, &[]))
    }

    #[test]
    fn the_part_of_an_unreachable_goal_is_its_two_ends() {
        let whole = graph(4, &[(0, 1), (2, 3)]);
        let ids: Vec<Symbol> = whole.nodes().map(|(_, n)| n.id).collect();
        let sub = view(&whole)
            .part(&Part::ShortestPath {
                from: &ids[0],
                to: &ids[3],
            })
            .expect("reads")
            .expect("both are in it");
        assert_eq!(sub.node_count(), 2);
        assert_eq!(path_shown(&sub, &ids[0], &ids[3]), "");
    }

    /// The index bytes with the body changed by `damage` and the checksum
    /// made to fit again: only the reader's own checks stand between such
    /// bytes and a wrong answer or a panic.
    fn redamaged(bytes: &[u8], damage: impl FnOnce(&mut [u8])) -> Vec<u8> {
        let header = read_header(bytes, bytes.len() as u64).expect("a header");
        let mut body = bytes[header.len..].to_vec();
        damage(&mut body);
        let (pool, rest) = body.split_at(header.pool);
        // The current version's header, with the damaged body's checksum.
        framed(pool, rest)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Damage behind a valid checksum (a writer's bug, or a forgery) is
        /// an error or some answer, never a panic.
        #[test]
        fn damage_behind_the_checksum_never_panics(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        ) {
            let citations: Vec<(u16, u16)> = (0..40u16).map(|k| (k % 12, (k * 5 + 1) % 12)).collect();
            let whole = graph(12, &citations);
            let bytes = whole.to_index_bytes();
            let header = read_header(&bytes, bytes.len() as u64).expect("a header");
            let body_len = bytes.len() - header.len;
            // Most edits go to the rest (structure), some to the pool.
            let damaged = redamaged(&bytes, |body| {
                for (at, value) in &edits {
                    let at = at.index(body_len);
                    body[at] = *value;
                }
            });
            let ids: Vec<Symbol> = whole.nodes().map(|(_, n)| n.id).collect();
            if let Ok(view) = IndexView::from_bytes(damaged) {
                for id in &ids {
                    let _ = view.part(&Part::Lineage { root: id, depth: None, reverse: false });
                    let _ = view.part(&Part::Lineage { root: id, depth: Some(2), reverse: true });
                    let _ = view.part(&Part::Cites(id));
                    let _ = view.part(&Part::CitedBy(id));
                    let _ = view.part(&Part::ShortestPath { from: id, to: &ids[0] });
                }
            }
        }
    }

    #[test]
    fn a_damaged_or_cut_file_is_an_error() {
        let whole = graph(6, &[(0, 1), (1, 2), (2, 3)]);
        let bytes = whole.to_index_bytes();
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(matches!(
            IndexView::from_bytes(flipped),
            Err(IndexError::Checksum)
        ));
        let cut = bytes[..bytes.len() - 3].to_vec();
        assert!(matches!(
            IndexView::from_bytes(cut),
            Err(IndexError::Truncated { .. })
        ));
        assert!(matches!(
            IndexView::from_bytes(b"not an index".to_vec()),
            Err(IndexError::NotAnIndex)
        ));
        assert!(matches!(
            IndexView::from_bytes(Vec::new()),
            Err(IndexError::NotAnIndex)
        ));
        assert!(matches!(
            IndexView::from_bytes(b"\xEF\xBB\xBF\n {\"nodes\": []}".to_vec()),
            Err(IndexError::Json)
        ));
    }

    #[test]
    fn a_part_keeps_node_order_and_shares_verb_sets() {
        let whole = graph(10, &[(0, 1), (0, 2), (0, 3), (1, 2), (3, 2)]);
        let root = whole.nodes().next().map(|(_, n)| n.id).expect("a node");
        let sub = view(&whole)
            .part(&Part::Lineage {
                root: &root,
                depth: None,
                reverse: false,
            })
            .expect("reads")
            .expect("in it");
        let ids: Vec<Symbol> = sub.nodes().map(|(_, n)| n.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        let first = |verbs: &str| {
            sub.edges()
                .filter(|(_, _, e)| e.verbs.contains(verbs))
                .map(|(_, _, e)| e.verbs.as_ptr())
                .collect::<BTreeSet<_>>()
        };
        assert!(first("Decides").len() <= 1, "one allocation a verb set");
        assert_eq!(sub.node(NodeIndex::new(0)).id, root);
    }
}

#[cfg(test)]
mod file_tests {
    use super::*;

    #[test]
    fn a_file_is_mapped_and_read_like_its_bytes() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let graph = {
            let mut raw = super::super::super::RawGraph::default();
            for text in ["A/RES/70/1", "A/RES/78/311"] {
                let id: Symbol = text.parse().expect("valid");
                raw.nodes.insert(
                    id,
                    crate::graph::Node {
                        id,
                        in_corpus: true,
                        title: Some(format!("title of {text}")),
                        date: None,
                        languages: BTreeSet::new(),
                        paths: Vec::new(),
                        unavailable: None,
                    },
                );
            }
            raw.into_graph(Vec::new())
        };
        let path = dir.path().join("g.rescite");
        graph.save(&path).expect("saved");
        let from: Symbol = "A/RES/78/311".parse().expect("valid");
        let part = IndexView::open(&path)
            .expect("opens")
            .part(&Part::Cites(&from))
            .expect("reads")
            .expect("in it");
        assert_eq!(part.node_count(), 1);
        assert_eq!(
            part.node(petgraph::graph::NodeIndex::new(0))
                .title
                .as_deref(),
            Some("title of A/RES/78/311")
        );

        let empty = dir.path().join("empty.rescite");
        std::fs::write(&empty, b"").expect("written");
        let err = IndexView::open(&empty)
            .err()
            .expect("an empty file is no index");
        assert!(err.to_string().contains("empty.rescite"), "{err}");
        let missing = IndexView::open(&dir.path().join("missing"))
            .err()
            .expect("no file");
        assert!(matches!(missing, GraphError::Io { .. }));
    }
}
