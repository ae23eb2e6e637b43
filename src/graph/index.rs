//! The binary index that `rescite index` writes and `--graph FILE` reads.
//!
//! Every query on a saved graph pays for loading it, so the layout is made
//! for reading fast rather than for generality. Format 2 was postcard of
//! the whole graph: a symbol parsed from text per node, four allocations
//! per edge (its verb set, verb, section set and evidence) and one per
//! warning (docs/graph.md has the times). Now:
//!
//! - every string (titles, dates, paths, verbs, evidence, warnings) is stored
//!   once in one UTF-8 pool that is validated in one pass; records refer to
//!   it by offset and length;
//! - the verb sets of the edges are interned: a graph has a handful of
//!   distinct sets, and an edge stores the number of its set;
//! - sections and languages are bit masks, and symbols are binary (a tag and
//!   their numbers), checked against the parser's ranges instead of parsed;
//! - a forward-citation warning ("X cites Y, which is later: …", one per
//!   such edge) is stored as its two nodes rather than as a sentence of its
//!   own, and written out from their ids only when the warnings are first
//!   read;
//! - a checksum over the body turns damage into an error instead of a
//!   quietly different graph.
//!
//! and loading allocates nothing per edge: edges share their verb and
//! section sets ([`Shared`]), and their evidence sentences are ranges of one
//! copy of the pool ([`Text`]).
//!
//! Layout; integers are LEB128 varints unless said otherwise:
//!
//! ```text
//! header    0x0D "rescite-index" version      (what postcard wrote for the
//!                                              magic string and the u32
//!                                              version, so that every older
//!                                              file is recognised as such)
//!           u64 LE pool length, u64 LE rest length, u64 LE checksum
//!           (of the pool and of the rest, combined)
//! pool      UTF-8 text of every string
//! rest      five sections, each its byte length and its bytes:
//!   verb sets  count; per set: size, string refs
//!   nodes      count; per node: symbol, flags, [title], [date],
//!              [unavailable], language mask, path count, path refs
//!   links      count; per edge: source (less the previous edge's source,
//!              zigzag-coded), target
//!   edges      count; per edge: count, flags (section mask, forward, has
//!              evidence), verb set, [evidence ref]
//!   warnings   count; per warning: 0 and a string ref, or 1 and the
//!              citing and the cited node of a forward citation
//! ```
//!
//! A string ref is an offset into the pool and a length. Writing follows the
//! graph's own order and numbers pool strings and verb sets by first use, so
//! the same graph always gives the same bytes.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use super::{
    assemble, forward_warning, split_forward_warning, CitationGraph, Edge, FastHash, GraphError,
    Node, Shared, Text, Warnings,
};
use crate::extract::Section;
use crate::symbol::{Kind, RomanSession, Session, Symbol};
use crate::vocab::Lang;

mod view;
pub use view::{IndexView, Part};

const MAGIC: &[u8] = b"rescite-index";
/// The format version; any change to the layout above bumps it.
pub(super) const VERSION: u32 = 4;

/// Why bytes could not be read as an index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    #[error("it is not a rescite index")]
    NotAnIndex,
    #[error(
        "it looks like JSON, and --graph reads an index: make one with `rescite index -o FILE`"
    )]
    Json,
    #[error("it is in index format {found}, but this rescite reads format {VERSION}; rebuild it with `rescite index`")]
    Version { found: u32 },
    #[error("it is cut short, or its header is damaged: the header gives {expected} bytes, the file has {found}")]
    Truncated { expected: u64, found: u64 },
    #[error("it is damaged (checksum mismatch)")]
    Checksum,
    #[error("it is damaged ({0})")]
    Damaged(&'static str),
}

// Bits of a node's flags byte.
const NODE_IN_CORPUS: u8 = 1;
const NODE_TITLE: u8 = 1 << 1;
const NODE_DATE: u8 = 1 << 2;
const NODE_UNAVAILABLE: u8 = 1 << 3;
// Bits of an edge's flags byte; the low four are the section mask.
const EDGE_SECTIONS: u8 = 0x0F;
const EDGE_FORWARD: u8 = 1 << 4;
const EDGE_EVIDENCE: u8 = 1 << 5;
// The fewest bytes a record can take, to refuse counts the file cannot hold
// before reserving memory for them.
const MIN_NODE_BYTES: usize = 5;
const MIN_LINK_BYTES: usize = 2;
const MIN_EDGE_BYTES: usize = 3;
const MIN_WARNING_BYTES: usize = 3;

const WARNING_TEXT: u8 = 0;
const WARNING_FORWARD: u8 = 1;

/// Encodes `graph` in the current format.
pub(super) fn encode(graph: &CitationGraph) -> Vec<u8> {
    let g = &graph.graph;
    // About a string a node (its title, date or path) and one an edge (its
    // evidence): reserved at once rather than grown by rehashing (a seventh
    // of the time of encoding the 1 GB corpus's graph).
    let mut pool = PoolWriter {
        text: String::new(),
        offsets: HashMap::with_capacity_and_hasher(
            2 * g.node_count() + g.edge_count(),
            FastHash::default(),
        ),
    };

    // Verb sets numbered by first use. Edges of a built or loaded graph
    // share each set, so the set's address finds its number without
    // hashing its strings; equal sets at other addresses get one number
    // all the same.
    let mut by_address: HashMap<*const BTreeSet<String>, usize, FastHash> = HashMap::default();
    let mut by_value: HashMap<&BTreeSet<String>, usize, FastHash> = HashMap::default();
    let mut sets: Vec<&BTreeSet<String>> = Vec::new();
    let mut edge_sets = Vec::with_capacity(g.edge_count());
    for edge in g.edge_weights() {
        let address = Arc::as_ptr(&edge.verbs.0);
        let number = match by_address.get(&address) {
            Some(&n) => n,
            None => {
                let n = *by_value.entry(&*edge.verbs).or_insert_with(|| {
                    sets.push(&*edge.verbs);
                    sets.len() - 1
                });
                by_address.insert(address, n);
                n
            }
        };
        edge_sets.push(number);
    }
    let mut verb_sets = Vec::new();
    put_usize(&mut verb_sets, sets.len());
    let mut set_at = Vec::with_capacity(sets.len() + 1);
    for set in &sets {
        set_at.push(verb_sets.len());
        put_usize(&mut verb_sets, set.len());
        for verb in *set {
            pool.put(&mut verb_sets, verb);
        }
    }

    let mut nodes = Vec::with_capacity(16 * g.node_count());
    put_usize(&mut nodes, g.node_count());
    let mut node_at = Vec::with_capacity(g.node_count() + 1);
    for node in g.node_weights() {
        node_at.push(nodes.len());
        put_symbol(&mut nodes, &node.id);
        let flags = flag(node.in_corpus, NODE_IN_CORPUS)
            | flag(node.title.is_some(), NODE_TITLE)
            | flag(node.date.is_some(), NODE_DATE)
            | flag(node.unavailable.is_some(), NODE_UNAVAILABLE);
        nodes.push(flags);
        for text in [&node.title, &node.date, &node.unavailable]
            .into_iter()
            .flatten()
        {
            pool.put(&mut nodes, text);
        }
        nodes.push(node.languages.iter().fold(0, |mask, &l| mask | lang_bit(l)));
        put_usize(&mut nodes, node.paths.len());
        for path in &node.paths {
            pool.put(&mut nodes, path);
        }
    }

    let mut links = Vec::with_capacity(4 * g.edge_count());
    let mut edges = Vec::with_capacity(8 * g.edge_count());
    put_usize(&mut links, g.edge_count());
    put_usize(&mut edges, g.edge_count());
    let mut previous = 0;
    let mut edge_at = Vec::with_capacity(g.edge_count() + 1);
    for (e, set) in g.edge_references().zip(edge_sets) {
        edge_at.push(edges.len());
        let edge = e.weight();
        // Edges come sorted by source: the difference is 0 or small.
        let source = e.source().index();
        put_varint(&mut links, zigzag(source as i64 - previous as i64));
        previous = source;
        put_usize(&mut links, e.target().index());
        put_usize(&mut edges, edge.count);
        let sections = edge
            .sections
            .iter()
            .fold(0, |mask, &s| mask | section_bit(s));
        edges.push(
            sections
                | flag(edge.forward, EDGE_FORWARD)
                | flag(edge.evidence.is_some(), EDGE_EVIDENCE),
        );
        put_usize(&mut edges, set);
        if let Some(text) = &edge.evidence {
            pool.put(&mut edges, text);
        }
    }

    // The nodes by the text of their id, to find the two nodes of a
    // forward-citation warning: the warning is written back from their ids.
    let node_of: HashMap<String, usize, FastHash> = if graph.warnings.is_empty() {
        HashMap::default()
    } else {
        g.node_indices()
            .map(|i| (g[i].id.to_string(), i.index()))
            .collect()
    };
    let mut warnings = Vec::new();
    put_usize(&mut warnings, graph.warnings.len());
    for warning in &graph.warnings {
        let nodes = split_forward_warning(warning)
            .and_then(|(from, to)| Some((*node_of.get(from)?, *node_of.get(to)?)));
        match nodes {
            Some((from, to)) => {
                warnings.push(WARNING_FORWARD);
                put_usize(&mut warnings, from);
                put_usize(&mut warnings, to);
            }
            None => {
                warnings.push(WARNING_TEXT);
                pool.put(&mut warnings, warning);
            }
        }
    }

    node_at.push(nodes.len());
    edge_at.push(edges.len());
    set_at.push(verb_sets.len());
    let lookup = lookup_section(g, [&node_at, &edge_at, &set_at]);

    let sections = [&verb_sets, &nodes, &links, &edges, &warnings, &lookup];
    let mut rest = Vec::with_capacity(sections.iter().map(|s| s.len() + 10).sum());
    for section in sections {
        put_usize(&mut rest, section.len());
        rest.extend_from_slice(section);
    }
    framed(pool.text.as_bytes(), &rest)
}

/// The fixed-width tables that let [`view::IndexView`] read a part of the
/// graph without decoding the rest: where each node, edge and verb set
/// record starts, the ends of each edge, and each node's outgoing and
/// incoming edges (compressed sparse rows), all u32 little-endian:
///
/// ```text
/// node_at   node count + 1    offset of each node record in the nodes
///                             section, then the section's length
/// edge_at   edge count + 1    the same for the edges section
/// set_at    set count + 1     the same for the verb sets section (a real
///                             corpus has tens of thousands of sets, one
///                             for each mix of verbs in six languages)
/// ends      2 × edge count    source and target of each edge
/// out_start node count + 1    where each node's run of out_edges starts
/// out_edges edge count        edge numbers, by source, ascending
/// in_start  node count + 1
/// in_edges  edge count        edge numbers, by target, ascending
/// ```
fn lookup_section(g: &DiGraph<Node, Edge>, offsets: [&[usize]; 3]) -> Vec<u8> {
    let (n, e) = (g.node_count(), g.edge_count());
    let sets = offsets[2].len().saturating_sub(1);
    let mut words: Vec<u32> = Vec::with_capacity(lookup_words(n, e, sets));
    for table in offsets {
        words.extend(table.iter().map(|&at| at as u32));
    }
    let ends: Vec<(u32, u32)> = g
        .edge_references()
        .map(|r| (r.source().index() as u32, r.target().index() as u32))
        .collect();
    words.extend(ends.iter().flat_map(|&(source, target)| [source, target]));
    for by_target in [false, true] {
        let end_of = |&(source, target): &(u32, u32)| if by_target { target } else { source };
        // Counting sort: edge numbers stay ascending within each node.
        let mut start = vec![0u32; n + 1];
        for end in &ends {
            start[end_of(end) as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut list = vec![0u32; e];
        for (number, end) in ends.iter().enumerate() {
            let slot = &mut next[end_of(end) as usize];
            list[*slot as usize] = number as u32;
            *slot += 1;
        }
        words.extend(start);
        words.extend(list);
    }
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// The number of u32 words of the lookup section of a graph of `nodes`
/// nodes, `edges` edges and `sets` verb sets.
fn lookup_words(nodes: usize, edges: usize, sets: usize) -> usize {
    3 * (nodes + 1) + (edges + 1) + (sets + 1) + 4 * edges
}

fn flag(on: bool, bit: u8) -> u8 {
    if on {
        bit
    } else {
        0
    }
}

/// The header, the pool and the rest.
fn framed(pool: &[u8], rest: &[u8]) -> Vec<u8> {
    let mut file = Vec::with_capacity(pool.len() + rest.len() + 40);
    file.push(MAGIC.len() as u8);
    file.extend_from_slice(MAGIC);
    put_varint(&mut file, u64::from(VERSION));
    file.extend_from_slice(&(pool.len() as u64).to_le_bytes());
    file.extend_from_slice(&(rest.len() as u64).to_le_bytes());
    file.extend_from_slice(&body_checksum(pool, rest).to_le_bytes());
    file.extend_from_slice(pool);
    file.extend_from_slice(rest);
    file
}

/// Decodes an index file's bytes, in one pass over them.
///
/// One thread: decoding the structure and the strings side by side (rayon,
/// or a scoped thread) was tried on an earlier version of this format, and
/// with other builds running on the 2-core machine it took more wall time
/// than one thread (medians near 380 ms against 300 ms), for as many page
/// faults and more CPU; it was not measured on a quiet machine.
pub(super) fn decode(bytes: &[u8]) -> Result<CitationGraph, IndexError> {
    let header = read_header(bytes, bytes.len() as u64)?;
    let (pool, rest) = bytes
        .get(header.len..)
        .and_then(|body| body.split_at_checked(header.pool))
        .ok_or(IndexError::Damaged("the header does not fit the file"))?;
    if body_checksum(pool, rest) != header.sum {
        return Err(IndexError::Checksum);
    }
    let pool = std::str::from_utf8(pool)
        .map_err(|_| IndexError::Damaged("the string pool is not UTF-8"))?;
    decode_parts(pool.to_owned(), rest)
}

/// Reads an index file. The pool goes straight into a buffer of its own,
/// which the evidence sentences then share, rather than being copied out of
/// a buffer of the whole file: for a real corpus, whose sentences are
/// nearly all distinct, the pool is most of the file.
pub(super) fn read_file(path: &Path) -> Result<CitationGraph, GraphError> {
    let io = |source| GraphError::Io {
        path: path.display().to_string(),
        source,
    };
    let bad = |reason| GraphError::NotAnIndex {
        path: path.display().to_string(),
        reason,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let mut head = Vec::with_capacity(HEADER_MAX);
    (&mut file)
        .take(HEADER_MAX as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    // The header checks its lengths against the file's size, so the
    // buffers below are never larger than the file.
    let header = read_header(&head, size).map_err(bad)?;
    let mut after_header = head.get(header.len..).unwrap_or_default();
    let mut part = |len: usize| -> Result<Vec<u8>, GraphError> {
        let mut bytes = Vec::with_capacity(len);
        let (start, rest) = after_header.split_at(len.min(after_header.len()));
        bytes.extend_from_slice(start);
        after_header = rest;
        let missing = (len - bytes.len()) as u64;
        (&mut file)
            .take(missing)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() == len {
            Ok(bytes)
        } else {
            // The file got shorter since its size was read.
            Err(bad(IndexError::Damaged(
                "the file changed while it was read",
            )))
        }
    };
    let pool = part(header.pool)?;
    let rest = part(header.rest)?;
    if body_checksum(&pool, &rest) != header.sum {
        return Err(bad(IndexError::Checksum));
    }
    let pool = String::from_utf8(pool)
        .map_err(|_| bad(IndexError::Damaged("the string pool is not UTF-8")))?;
    decode_parts(pool, &rest).map_err(bad)
}

/// Decodes the sections after the pool.
fn decode_parts(pool: String, rest: &[u8]) -> Result<CitationGraph, IndexError> {
    let mut r = Reader::new(rest);
    let verb_sets = r.section()?;
    let nodes = r.section()?;
    let links = r.section()?;
    let edges = r.section()?;
    let warnings = r.section()?;
    let lookup = r.section()?;
    r.end()?;
    let shared = Arc::new(pool);
    let pool = Pool {
        text: shared.as_str(),
        ascii: shared.is_ascii(),
        shared: Arc::clone(&shared),
    };
    let verb_sets = decode_verb_sets(&pool, verb_sets)?;
    let section_sets = section_sets();

    let mut nodes = Reader::new(nodes);
    let node_count = nodes.count(MIN_NODE_BYTES)?;
    let mut edges = Reader::new(edges);
    let edge_count = edges.count(MIN_EDGE_BYTES)?;
    let shape = decode_links(node_count, links)?;
    if shape.edge_count() != edge_count {
        return Err(IndexError::Damaged("links and edges disagree"));
    }
    // A whole load needs none of the lookup tables; they only have to fit.
    if Some(lookup.len()) != lookup_words(node_count, edge_count, verb_sets.len()).checked_mul(4) {
        return Err(IndexError::Damaged(
            "the lookup tables do not fit the graph",
        ));
    }
    // `map_owned` calls the closures for the nodes, then the edges, in
    // order, and cannot stop: a record that does not read is kept aside,
    // a placeholder stands in, and the load ends with the error below.
    let (mut node_error, mut edge_error) = (None, None);
    let graph = shape.map_owned(
        |_, ()| {
            if node_error.is_none() {
                match decode_node(&pool, &mut nodes) {
                    Ok(node) => return node,
                    Err(e) => node_error = Some(e),
                }
            }
            placeholder_node()
        },
        |_, ()| {
            if edge_error.is_none() {
                let verb_set = |number: usize| verb_sets.get(number).cloned().ok_or(PAST_LAST_SET);
                match decode_edge(&pool, verb_set, &section_sets, &mut edges) {
                    Ok(edge) => return edge,
                    Err(e) => edge_error = Some(e),
                }
            }
            placeholder_edge()
        },
    );
    if let Some(e) = node_error.or(edge_error) {
        return Err(e);
    }
    nodes.end()?;
    edges.end()?;
    let warnings = decode_warnings(&pool, &graph, warnings)?;

    // Nodes are written in id order, so collecting sorts nothing; a
    // repeated id would make two nodes one key.
    let index: BTreeMap<Symbol, NodeIndex> =
        graph.node_indices().map(|i| (graph[i].id, i)).collect();
    if index.len() != graph.node_count() {
        return Err(IndexError::Damaged("an id is stored twice"));
    }
    Ok(CitationGraph {
        graph,
        index,
        warnings,
    })
}

/// The 16 section sets an edge's mask can name.
fn section_sets() -> Vec<Shared<BTreeSet<Section>>> {
    (0..16u8)
        .map(|mask| Shared::new(sections_of(mask)))
        .collect()
}

/// The graph's shape: its nodes and edges without their weights, the edges
/// in their order.
///
/// petgraph links each edge it adds into the adjacency lists of both its
/// ends. With the node weights in place (144 bytes a node), the cited
/// node's list head is a cache miss for nearly every edge, since edges come
/// in the order of their citing node: half the time of docs/graph.md's
/// load, by perf. Without weights a node takes 8 bytes and all of them stay
/// in cache; `map_owned` then puts the weights in and keeps the lists, and
/// so the order every traversal sees, as they are.
fn decode_links(node_count: usize, section: &[u8]) -> Result<DiGraph<(), ()>, IndexError> {
    let mut r = Reader::new(section);
    let count = r.count(MIN_LINK_BYTES)?;
    // petgraph's u32 indices keep their maximum for "no index".
    if node_count >= u32::MAX as usize || count >= u32::MAX as usize {
        return Err(IndexError::Damaged("too many nodes or edges"));
    }
    let mut graph = DiGraph::with_capacity(node_count, count);
    for _ in 0..node_count {
        graph.add_node(());
    }
    let mut previous = 0;
    for _ in 0..count {
        // Checked against the node count: petgraph panics on an index past
        // the last node.
        let source = unzigzag(r.varint()?)
            .checked_add(previous as i64)
            .and_then(|s| usize::try_from(s).ok())
            .filter(|&s| s < node_count)
            .ok_or(IndexError::Damaged("a reference past the last node"))?;
        previous = source;
        let target = r.index(node_count)?;
        graph.add_edge(NodeIndex::new(source), NodeIndex::new(target), ());
    }
    r.end()?;
    Ok(graph)
}

fn decode_node<'a>(pool: &impl Strings<'a>, r: &mut Reader<'_>) -> Result<Node, IndexError> {
    let id = get_symbol(r)?;
    let flags = r.byte()?;
    if flags & !(NODE_IN_CORPUS | NODE_TITLE | NODE_DATE | NODE_UNAVAILABLE) != 0 {
        return Err(IndexError::Damaged("unknown node flags"));
    }
    let mut text = |bit: u8| -> Result<Option<String>, IndexError> {
        Ok(if flags & bit != 0 {
            Some(pool.string(r)?.to_owned())
        } else {
            None
        })
    };
    let title = text(NODE_TITLE)?;
    let date = text(NODE_DATE)?;
    let unavailable = text(NODE_UNAVAILABLE)?;
    let languages = langs_of(r.byte()?)?;
    let path_count = r.count(2)?;
    let mut paths = Vec::with_capacity(path_count);
    for _ in 0..path_count {
        paths.push(pool.string(r)?.to_owned());
    }
    Ok(Node {
        id,
        in_corpus: flags & NODE_IN_CORPUS != 0,
        title,
        date,
        languages,
        paths,
        unavailable,
    })
}

const PAST_LAST_SET: IndexError = IndexError::Damaged("an edge names a verb set past the last");

/// Decodes an edge record; `verb_set` gives the verb set of a number.
fn decode_edge<'a>(
    pool: &impl Strings<'a>,
    verb_set: impl FnOnce(usize) -> Result<Shared<BTreeSet<String>>, IndexError>,
    section_sets: &[Shared<BTreeSet<Section>>],
    r: &mut Reader<'_>,
) -> Result<Edge, IndexError> {
    let count = r.usize()?;
    let flags = r.byte()?;
    if flags & !(EDGE_SECTIONS | EDGE_FORWARD | EDGE_EVIDENCE) != 0 {
        return Err(IndexError::Damaged("unknown edge flags"));
    }
    let sections = section_sets
        .get(usize::from(flags & EDGE_SECTIONS))
        .cloned()
        .unwrap_or_default();
    let verbs = verb_set(r.usize()?)?;
    let evidence = if flags & EDGE_EVIDENCE != 0 {
        Some(pool.text(r)?)
    } else {
        None
    };
    Ok(Edge {
        count,
        verbs,
        sections,
        evidence,
        forward: flags & EDGE_FORWARD != 0,
    })
}

/// Stands in for a node that did not read; the graph is then dropped.
fn placeholder_node() -> Node {
    Node {
        id: Symbol::Sc {
            number: 1,
            year: 1946,
        },
        in_corpus: false,
        title: None,
        date: None,
        languages: BTreeSet::new(),
        paths: Vec::new(),
        unavailable: None,
    }
}

/// Stands in for an edge that did not read; the graph is then dropped.
fn placeholder_edge() -> Edge {
    Edge {
        count: 0,
        verbs: Shared::default(),
        sections: Shared::default(),
        evidence: None,
        forward: false,
    }
}

fn decode_verb_sets<'a>(
    pool: &impl Strings<'a>,
    section: &[u8],
) -> Result<Vec<Shared<BTreeSet<String>>>, IndexError> {
    let mut r = Reader::new(section);
    let count = r.count(1)?;
    let mut sets = Vec::with_capacity(count);
    for _ in 0..count {
        sets.push(decode_verb_set(pool, &mut r)?);
    }
    r.end()?;
    Ok(sets)
}

fn decode_verb_set<'a>(
    pool: &impl Strings<'a>,
    r: &mut Reader<'_>,
) -> Result<Shared<BTreeSet<String>>, IndexError> {
    let size = r.count(2)?;
    let mut set = BTreeSet::new();
    for _ in 0..size {
        set.insert(pool.string(r)?.to_owned());
    }
    Ok(Shared::new(set))
}

/// The warnings, kept in their compact form until first read (see
/// [`Warnings`]); every one is checked here all the same.
fn decode_warnings(
    pool: &Pool<'_>,
    graph: &DiGraph<Node, Edge>,
    section: &[u8],
) -> Result<Warnings, IndexError> {
    let mut forward = false;
    read_warnings(pool.text, graph.node_count(), section, |warning| {
        forward |= matches!(warning, WarningRef::Forward(..));
    })?;
    Ok(Warnings {
        list: OnceLock::new(),
        compact: Some(Arc::new(CompactWarnings {
            pool: Arc::clone(&pool.shared),
            ids: if forward {
                graph.node_weights().map(|n| n.id).collect()
            } else {
                Box::default()
            },
            section: section.into(),
        })),
    })
}

/// A loaded graph's warnings as the index has them: the warnings section,
/// checked when the index was read, the pool it refers to and the ids of
/// the nodes. A quarter of a million warnings take 1.4 MB so, against
/// 24 MB as strings.
pub(super) struct CompactWarnings {
    pool: Arc<String>,
    ids: Box<[Symbol]>,
    section: Box<[u8]>,
}

impl CompactWarnings {
    pub(super) fn write_out(&self) -> Vec<String> {
        let mut list = Vec::new();
        // Each node's id written once, however many warnings name it.
        let mut ids: Vec<Option<String>> = vec![None; self.ids.len()];
        // The section was read without error when the index was loaded, so
        // it reads the same now; were it not to, the list would stop short.
        let _ = read_warnings(&self.pool, self.ids.len(), &self.section, |warning| {
            list.push(match warning {
                WarningRef::Text(text) => text.to_owned(),
                WarningRef::Forward(from, to) => {
                    for i in [from, to] {
                        if let (Some(slot @ None), Some(id)) = (ids.get_mut(i), self.ids.get(i)) {
                            *slot = Some(id.to_string());
                        }
                    }
                    let id = |i: usize| ids.get(i).and_then(|t| t.as_deref()).unwrap_or_default();
                    forward_warning(id(from), id(to))
                }
            })
        });
        list
    }
}

enum WarningRef<'a> {
    Text(&'a str),
    /// The citing and the cited node of a forward citation.
    Forward(usize, usize),
}

/// Reads the warnings section of a graph of `nodes` nodes, handing each
/// warning to `each`.
fn read_warnings<'a>(
    pool: &'a str,
    nodes: usize,
    section: &[u8],
    mut each: impl FnMut(WarningRef<'a>),
) -> Result<(), IndexError> {
    let mut r = Reader::new(section);
    let count = r.count(MIN_WARNING_BYTES)?;
    for _ in 0..count {
        match r.byte()? {
            WARNING_TEXT => each(WarningRef::Text(pool_str(pool, &mut r)?)),
            WARNING_FORWARD => {
                let from = r.index(nodes)?;
                let to = r.index(nodes)?;
                each(WarningRef::Forward(from, to));
            }
            _ => return Err(IndexError::Damaged("unknown warning kind")),
        }
    }
    r.end()
}

/// The longest header: the magic, a version of up to ten bytes, three
/// lengths and the checksum.
const HEADER_MAX: usize = 1 + MAGIC.len() + 10 + 24;

struct Header {
    /// Its own length in bytes.
    len: usize,
    pool: usize,
    rest: usize,
    sum: u64,
}

/// Why `head` is no index: a saved graph in JSON (`rescite graph --format
/// json`) is the likeliest mistake, and is said so.
fn not_an_index(head: &[u8]) -> IndexError {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{' | b'[') => IndexError::Json,
        _ => IndexError::NotAnIndex,
    }
}

/// Reads the header from the first bytes of a file of `size` bytes and
/// checks its lengths against that size.
fn read_header(head: &[u8], size: u64) -> Result<Header, IndexError> {
    let after_magic = head
        .strip_prefix(&[MAGIC.len() as u8])
        .and_then(|b| b.strip_prefix(MAGIC))
        .ok_or_else(|| not_an_index(head))?;
    let mut r = Reader::new(after_magic);
    let version = r
        .varint()
        .ok()
        .and_then(|v| u32::try_from(v).ok())
        .ok_or(IndexError::NotAnIndex)?;
    if version != VERSION {
        return Err(IndexError::Version { found: version });
    }
    let len = head.len() - r.remaining() + 24;
    let (pool, rest, sum) = match (r.u64_le(), r.u64_le(), r.u64_le()) {
        (Ok(pool), Ok(rest), Ok(sum)) => (pool, rest, sum),
        _ => {
            return Err(IndexError::Truncated {
                expected: len as u64,
                found: size,
            })
        }
    };
    let expected = pool
        .checked_add(rest)
        .and_then(|body| body.checked_add(len as u64))
        .ok_or(IndexError::Damaged("lengths past any file"))?;
    if size < expected {
        return Err(IndexError::Truncated {
            expected,
            found: size,
        });
    }
    if size > expected {
        return Err(IndexError::Damaged("bytes after the end of the index"));
    }
    let too_large = |_| IndexError::Damaged("lengths past any file");
    Ok(Header {
        len,
        pool: usize::try_from(pool).map_err(too_large)?,
        rest: usize::try_from(rest).map_err(too_large)?,
        sum,
    })
}

/// The checksum of the body, pool and rest: any change to one of them
/// changes its own checksum, and so this.
fn body_checksum(pool: &[u8], rest: &[u8]) -> u64 {
    checksum(pool) ^ checksum(rest).rotate_left(1)
}

/// A 64-bit checksum, fast enough not to show in the load time (under a
/// millisecond for 10 MB). Four lanes take the 8-byte words in turn, each
/// through `h = rotl((h ^ w) * K)`, which for a given `h` is a bijection of
/// `w`; the lanes are independent, so the multiplications overlap (one
/// chain, as format 3 had, waited on each multiplication in turn: 0.6
/// cycles a byte). Every later step and the final mix are bijections of
/// each lane's state: any change confined to one word, such as a flipped
/// bit, always changes the sum, and other damage does with probability
/// 1 - 2^-64.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let step = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(29);
    let word = |chunk: &[u8]| {
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        u64::from_le_bytes(w)
    };
    let seed = 0x5851_F42D_4C95_7F2D ^ bytes.len() as u64;
    let mut lanes = [seed, seed ^ 1, seed ^ 2, seed ^ 3];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, chunk) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = step(*lane, word(chunk));
        }
    }
    // The last words, whole or not, in the first lanes.
    for (lane, chunk) in lanes.iter_mut().zip(blocks.remainder().chunks(8)) {
        *lane = step(*lane, word(chunk));
    }
    let mut h = lanes[0];
    for &lane in &lanes[1..] {
        h = step(h, lane);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^ (h >> 33)
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn put_usize(out: &mut Vec<u8>, value: usize) {
    put_varint(out, value as u64);
}

/// A signed number as an unsigned one, small when it is near zero.
fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    (value >> 1) as i64 ^ -((value & 1) as i64)
}

/// The pool being written: each distinct string once, at the offset of its
/// first use.
#[derive(Default)]
struct PoolWriter<'a> {
    text: String,
    offsets: HashMap<&'a str, usize, FastHash>,
}

impl<'a> PoolWriter<'a> {
    /// Writes a ref to `s`, adding it to the pool if it is new.
    fn put(&mut self, out: &mut Vec<u8>, s: &'a str) {
        let offset = *self.offsets.entry(s).or_insert_with(|| {
            self.text.push_str(s);
            self.text.len() - s.len()
        });
        put_usize(out, offset);
        put_usize(out, s.len());
    }
}

/// The pool being read: its text, in the buffer that [`Text`]s share.
struct Pool<'a> {
    text: &'a str,
    /// Every offset of an ASCII pool is a character boundary.
    ascii: bool,
    shared: Arc<String>,
}

const OUTSIDE: IndexError = IndexError::Damaged("a string outside the pool");

/// Reads a ref and returns its string; `str::get` refuses a range outside
/// the pool or one that splits a character.
fn pool_str<'a>(pool: &'a str, r: &mut Reader<'_>) -> Result<&'a str, IndexError> {
    pool.get(Pool::range(r)?).ok_or(OUTSIDE)
}

/// Where the records' string refs point: the pool of a whole load,
/// validated once, or the raw pool of a partial read ([`RawPool`]).
trait Strings<'a> {
    /// Reads a ref and returns its string.
    fn string(&self, r: &mut Reader<'_>) -> Result<&'a str, IndexError>;
    /// Reads a ref and returns its string as a [`Text`].
    fn text(&self, r: &mut Reader<'_>) -> Result<Text, IndexError>;
}

impl<'a> Pool<'a> {
    fn range(r: &mut Reader<'_>) -> Result<std::ops::Range<usize>, IndexError> {
        let offset = r.usize()?;
        let len = r.usize()?;
        let end = offset.checked_add(len).ok_or(OUTSIDE)?;
        Ok(offset..end)
    }
}

impl<'a> Strings<'a> for Pool<'a> {
    fn string(&self, r: &mut Reader<'_>) -> Result<&'a str, IndexError> {
        pool_str(self.text, r)
    }

    /// Reads a ref and returns it as a [`Text`] sharing the pool.
    fn text(&self, r: &mut Reader<'_>) -> Result<Text, IndexError> {
        let range = Self::range(r)?;
        // Checking that a range starts and ends on a character reads the
        // pool there: a cache miss an edge when edges share sentences in
        // no particular order (a quarter of the time of docs/graph.md's
        // load, by perf). Where every offset is a boundary, the length is
        // enough.
        let fits = if self.ascii {
            range.end <= self.text.len()
        } else {
            self.text.get(range.clone()).is_some()
        };
        if fits {
            Ok(Text::new_unchecked(&self.shared, range))
        } else {
            Err(OUTSIDE)
        }
    }
}

/// The pool of a partial read, not validated as a whole: each string is
/// checked when it is read, and a sentence is copied out rather than
/// shared (a partial read keeps a few hundred at most).
struct RawPool<'a>(&'a [u8]);

impl<'a> Strings<'a> for RawPool<'a> {
    fn string(&self, r: &mut Reader<'_>) -> Result<&'a str, IndexError> {
        let bytes = self.0.get(Pool::range(r)?).ok_or(OUTSIDE)?;
        std::str::from_utf8(bytes).map_err(|_| IndexError::Damaged("a string is not UTF-8"))
    }

    fn text(&self, r: &mut Reader<'_>) -> Result<Text, IndexError> {
        Ok(Text::from(self.string(r)?.to_owned()))
    }
}

/// A cursor over the body; every read is bounds-checked.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

const SHORT: IndexError = IndexError::Damaged("a record runs past the end");

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    fn rest(&self) -> &'a [u8] {
        &self.bytes[self.pos..]
    }

    fn byte(&mut self) -> Result<u8, IndexError> {
        let b = *self.bytes.get(self.pos).ok_or(SHORT)?;
        self.pos += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], IndexError> {
        let end = self.pos.checked_add(n).ok_or(SHORT)?;
        let slice = self.bytes.get(self.pos..end).ok_or(SHORT)?;
        self.pos = end;
        Ok(slice)
    }

    fn u64_le(&mut self) -> Result<u64, IndexError> {
        let mut w = [0u8; 8];
        w.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(w))
    }

    #[inline(always)]
    fn varint(&mut self) -> Result<u64, IndexError> {
        // Most numbers here are below 128: one byte, one branch, inlined;
        // the rest take the loop.
        if let Some(&b) = self.bytes.get(self.pos) {
            if b < 0x80 {
                self.pos += 1;
                return Ok(u64::from(b));
            }
        }
        self.long_varint()
    }

    /// A number of two or more bytes. With eight bytes left (nearly always)
    /// it finds the end and gathers the 7-bit groups from one word, without
    /// a branch a byte: a varint's length is what the branch predictor
    /// cannot guess.
    #[inline(never)]
    fn long_varint(&mut self) -> Result<u64, IndexError> {
        let Some(chunk) = self.rest().first_chunk::<8>() else {
            return self.varint_bytewise();
        };
        let word = u64::from_le_bytes(*chunk);
        // A clear top bit marks the last byte.
        let ends = !word & 0x8080_8080_8080_8080;
        if ends == 0 {
            // Nine or ten bytes: rare enough for the loop.
            return self.varint_bytewise();
        }
        let len = ends.trailing_zeros() / 8 + 1;
        let groups = (word & 0x7F)
            | (word >> 1) & (0x7F << 7)
            | (word >> 2) & (0x7F << 14)
            | (word >> 3) & (0x7F << 21)
            | (word >> 4) & (0x7F << 28)
            | (word >> 5) & (0x7F << 35)
            | (word >> 6) & (0x7F << 42)
            | (word >> 7) & (0x7F << 49);
        self.pos += len as usize;
        Ok(groups & ((1u64 << (7 * len)) - 1))
    }

    fn varint_bytewise(&mut self) -> Result<u64, IndexError> {
        let mut value = 0u64;
        let mut shift = 0u32;
        loop {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7F);
            // The tenth byte may carry only the top bit of a u64.
            if shift == 63 && bits > 1 {
                return Err(IndexError::Damaged("a number too large"));
            }
            value |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
            if shift > 63 {
                return Err(IndexError::Damaged("a number too large"));
            }
        }
    }

    fn usize(&mut self) -> Result<usize, IndexError> {
        usize::try_from(self.varint()?).map_err(|_| IndexError::Damaged("a number too large"))
    }

    fn u16(&mut self) -> Result<u16, IndexError> {
        u16::try_from(self.varint()?).map_err(|_| IndexError::Damaged("a number too large"))
    }

    fn u32(&mut self) -> Result<u32, IndexError> {
        u32::try_from(self.varint()?).map_err(|_| IndexError::Damaged("a number too large"))
    }

    /// A length-prefixed section.
    fn section(&mut self) -> Result<&'a [u8], IndexError> {
        let len = self.usize()?;
        self.take(len)
    }

    /// Checks that a section was read to its end.
    fn end(&self) -> Result<(), IndexError> {
        if self.remaining() == 0 {
            Ok(())
        } else {
            Err(IndexError::Damaged(
                "bytes after the last record of a section",
            ))
        }
    }

    /// A node number, below `len`.
    fn index(&mut self, len: usize) -> Result<usize, IndexError> {
        let i = self.usize()?;
        if i < len {
            Ok(i)
        } else {
            Err(IndexError::Damaged("a reference past the last node"))
        }
    }

    /// A count of records of at least `min_bytes` each: refused when the
    /// rest of the file could not hold them, so a damaged count never
    /// reserves memory out of proportion to the file.
    fn count(&mut self, min_bytes: usize) -> Result<usize, IndexError> {
        let n = self.usize()?;
        if n > self.remaining() / min_bytes {
            return Err(IndexError::Damaged("a count larger than the file"));
        }
        Ok(n)
    }
}

fn lang_bit(lang: Lang) -> u8 {
    match lang {
        Lang::Ar => 1,
        Lang::Zh => 1 << 1,
        Lang::En => 1 << 2,
        Lang::Fr => 1 << 3,
        Lang::Ru => 1 << 4,
        Lang::Es => 1 << 5,
    }
}

fn langs_of(mask: u8) -> Result<BTreeSet<Lang>, IndexError> {
    let mut langs = BTreeSet::new();
    let mut known = 0;
    for lang in Lang::ALL {
        if mask & lang_bit(lang) != 0 {
            langs.insert(lang);
            known |= lang_bit(lang);
        }
    }
    if known != mask {
        return Err(IndexError::Damaged("unknown language bits"));
    }
    Ok(langs)
}

pub(super) fn section_bit(section: Section) -> u8 {
    match section {
        Section::Preamble => 1,
        Section::Operative => 1 << 1,
        Section::Footnote => 1 << 2,
        Section::Other => 1 << 3,
    }
}

pub(super) fn sections_of(mask: u8) -> BTreeSet<Section> {
    [
        Section::Preamble,
        Section::Operative,
        Section::Footnote,
        Section::Other,
    ]
    .into_iter()
    .filter(|&s| mask & section_bit(s) != 0)
    .collect()
}

const SYM_GA_NUMBERED: u8 = 0;
const SYM_GA_ROMAN: u8 = 1;
const SYM_SC: u8 = 2;
const SYM_ECOSOC_YEAR: u8 = 3;
const SYM_ECOSOC_ROMAN: u8 = 4;
const SYM_HRC: u8 = 5;
const SYM_CHR: u8 = 6;

fn put_symbol(out: &mut Vec<u8>, symbol: &Symbol) {
    let kind = |k: Kind| match k {
        Kind::Resolution => 0,
        Kind::Decision => 1,
    };
    let session = |out: &mut Vec<u8>, s: Session| {
        let (tag, n) = match s {
            Session::Regular(n) => (0, n),
            Session::Special(n) => (1, n),
            Session::Emergency(n) => (2, n),
        };
        out.push(tag);
        put_varint(out, u64::from(n));
    };
    match *symbol {
        Symbol::GaNumbered {
            kind: k,
            session: s,
            number,
        } => {
            out.extend([SYM_GA_NUMBERED, kind(k)]);
            session(out, s);
            put_varint(out, u64::from(number));
        }
        Symbol::GaRoman { number, session: s } => {
            let (tag, n) = match s {
                RomanSession::Regular(n) => (0, n),
                RomanSession::Special(n) => (1, n),
                RomanSession::Emergency(n) => (2, n),
            };
            out.extend([SYM_GA_ROMAN, tag]);
            put_varint(out, u64::from(n));
            put_varint(out, u64::from(number));
        }
        Symbol::Sc { number, year } => {
            out.push(SYM_SC);
            put_varint(out, u64::from(year));
            put_varint(out, u64::from(number));
        }
        Symbol::EcosocYear {
            kind: k,
            year,
            number,
        } => {
            out.extend([SYM_ECOSOC_YEAR, kind(k)]);
            put_varint(out, u64::from(year));
            put_varint(out, u64::from(number));
        }
        Symbol::EcosocRoman { number, session } => {
            out.push(SYM_ECOSOC_ROMAN);
            put_varint(out, u64::from(session));
            put_varint(out, u64::from(number));
        }
        Symbol::Hrc {
            kind: k,
            session: s,
            number,
        } => {
            out.extend([SYM_HRC, kind(k)]);
            session(out, s);
            put_varint(out, u64::from(number));
        }
        Symbol::Chr {
            kind: k,
            year,
            number,
        } => {
            out.extend([SYM_CHR, kind(k)]);
            put_varint(out, u64::from(year));
            put_varint(out, u64::from(number));
        }
    }
}

fn get_symbol(r: &mut Reader<'_>) -> Result<Symbol, IndexError> {
    let bad = IndexError::Damaged("a malformed symbol");
    let kind = |r: &mut Reader<'_>| match r.byte()? {
        0 => Ok(Kind::Resolution),
        1 => Ok(Kind::Decision),
        _ => Err(bad.clone()),
    };
    let session = |r: &mut Reader<'_>| {
        let tag = r.byte()?;
        let n = r.u16()?;
        match tag {
            0 => Ok(Session::Regular(n)),
            1 => Ok(Session::Special(n)),
            2 => Ok(Session::Emergency(n)),
            _ => Err(bad.clone()),
        }
    };
    let symbol = match r.byte()? {
        SYM_GA_NUMBERED => Symbol::GaNumbered {
            kind: kind(r)?,
            session: session(r)?,
            number: r.u32()?,
        },
        SYM_GA_ROMAN => {
            let tag = r.byte()?;
            let n = r.u16()?;
            let session = match tag {
                0 => RomanSession::Regular(n),
                1 => RomanSession::Special(n),
                2 => RomanSession::Emergency(n),
                _ => return Err(bad),
            };
            Symbol::GaRoman {
                session,
                number: r.u32()?,
            }
        }
        SYM_SC => Symbol::Sc {
            year: r.u16()?,
            number: r.u32()?,
        },
        SYM_ECOSOC_YEAR => Symbol::EcosocYear {
            kind: kind(r)?,
            year: r.u16()?,
            number: r.u32()?,
        },
        SYM_ECOSOC_ROMAN => Symbol::EcosocRoman {
            session: r.u16()?,
            number: r.u32()?,
        },
        SYM_HRC => Symbol::Hrc {
            kind: kind(r)?,
            session: session(r)?,
            number: r.u32()?,
        },
        SYM_CHR => Symbol::Chr {
            kind: kind(r)?,
            year: r.u16()?,
            number: r.u32()?,
        },
        _ => return Err(bad),
    };
    if is_canonical(&symbol) {
        Ok(symbol)
    } else {
        Err(bad)
    }
}

/// Whether the parser could have produced `symbol`, i.e. whether it reads
/// back from its own canonical text: the ranges that `symbol.rs` enforces,
/// checked here without formatting and parsing (which costs ~7,000
/// instructions a node). A unit test holds the two in step.
fn is_canonical(symbol: &Symbol) -> bool {
    let number = (1..=99_999).contains(&symbol.number());
    let year = |y: u16| (1946..=2999).contains(&y);
    let session = |s: Session| match s {
        Session::Regular(n) | Session::Special(n) | Session::Emergency(n) => (1..=999).contains(&n),
    };
    let roman = |n: u16| (1..=3999).contains(&n);
    number
        && match *symbol {
            Symbol::GaNumbered { session: s, .. } => {
                session(s) && !matches!(s, Session::Regular(n) if n < 31)
            }
            Symbol::GaRoman { session: s, .. } => match s {
                RomanSession::Regular(n)
                | RomanSession::Special(n)
                | RomanSession::Emergency(n) => roman(n),
            },
            Symbol::Sc { year: y, .. }
            | Symbol::EcosocYear { year: y, .. }
            | Symbol::Chr { year: y, .. } => year(y),
            Symbol::EcosocRoman { session: s, .. } => roman(s),
            Symbol::Hrc { session: s, .. } => session(s),
        }
}

#[cfg(test)]
mod tests {
    use super::super::RawGraph;
    use super::*;

    /// A small graph with a node of every symbol form, text in several
    /// scripts, every node and edge field set and unset, and warnings of
    /// both kinds.
    fn sample() -> CitationGraph {
        let ids = [
            "A/RES/70/1",
            "A/RES/217(III)",
            "S/RES/2231(2015)",
            "E/RES/2023/31",
            "E/RES/1296(XLIV)",
            "A/HRC/RES/53/29",
            "E/CN.4/RES/2005/69",
            "A/DEC/78/541",
            "A/RES/ES-10/19",
            "A/RES/3362(S-VII)",
        ];
        let ids: Vec<Symbol> = ids.iter().map(|s| s.parse().expect("valid")).collect();
        let mut raw = RawGraph::default();
        for (i, &id) in ids.iter().enumerate() {
            let node = Node {
                id,
                in_corpus: i % 2 == 0,
                title: (i % 3 != 0).then(|| format!("Title {i}: «droits» 人权 حقوق")),
                date: (i % 4 != 1).then(|| format!("19{:02}-01-0{}", 50 + i, 1 + i % 9)),
                languages: Lang::ALL.into_iter().take(i % 7).collect(),
                paths: (0..i % 3).map(|k| format!("dir/{i}-{k}.txt")).collect(),
                unavailable: (i == 3).then(|| "HTTP 404".to_string()),
            };
            raw.nodes.insert(id, node);
        }
        let verbs = ["Recalling", "Reaffirming", "Rappelant", "Recordando"];
        for (i, &a) in ids.iter().enumerate() {
            for (j, &b) in ids.iter().enumerate() {
                if i == j || (i * 7 + j) % 3 != 0 {
                    continue;
                }
                let edge = Edge {
                    count: i * 100 + j + 1,
                    verbs: Shared::new(
                        verbs
                            .iter()
                            .take((i + j) % 4)
                            .map(|v| v.to_string())
                            .collect(),
                    ),
                    sections: Shared::new(sections_of(((i + j) % 16) as u8)),
                    evidence: ((i + j) % 5 != 0)
                        .then(|| Text::from(format!("Recalling {b}, كما 决议 {i}"))),
                    forward: (i + j) % 4 == 0,
                };
                raw.edges.insert((a, b), edge);
            }
        }
        let warnings = vec![
            "dir/x.txt: no symbol of its own found in the header".to_string(),
            forward_warning(&ids[0].to_string(), &ids[2].to_string()),
            forward_warning(&ids[5].to_string(), &ids[1].to_string()),
            String::new(),
        ];
        raw.into_graph(warnings)
    }

    type Parts = (Vec<Node>, Vec<(usize, usize, Edge)>, Vec<String>);

    fn parts(g: &CitationGraph) -> Parts {
        (
            g.nodes().map(|(_, n)| n.clone()).collect(),
            g.edges()
                .map(|(a, b, e)| (a.index(), b.index(), e.clone()))
                .collect(),
            g.warnings.to_vec(),
        )
    }

    #[test]
    fn sample_round_trips() {
        let graph = sample();
        assert!(graph.edge_count() > 20);
        let bytes = encode(&graph);
        let loaded = decode(&bytes).expect("decodes");
        assert_eq!(parts(&loaded), parts(&graph));
        assert!(encode(&loaded) == bytes);
        // An empty graph too.
        let empty = CitationGraph::default();
        let loaded = decode(&encode(&empty)).expect("decodes");
        assert_eq!(loaded.node_count(), 0);
        assert!(loaded.warnings.is_empty());
    }

    /// Damage that the checksum does not see (the sum recomputed after the
    /// damage, as a file made to pass would have it) is an error or a
    /// graph, never a panic or an allocation out of proportion.
    #[test]
    fn damaged_bodies_with_a_valid_checksum_never_panic() {
        let bytes = encode(&sample());
        let header = read_header(&bytes, bytes.len() as u64).expect("valid");
        let (pool, rest) = bytes[header.len..].split_at(header.pool);
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut errors = 0;
        for round in 0..4000 {
            let (mut pool, mut rest) = (pool.to_vec(), rest.to_vec());
            // The pool one time in five, the sections otherwise.
            let damaged = if round % 5 == 4 { &mut pool } else { &mut rest };
            match round % 4 {
                // A few bytes set to anything.
                0 | 1 => {
                    for _ in 0..1 + next() % 4 {
                        let at = (next() as usize) % damaged.len();
                        damaged[at] = next() as u8;
                    }
                }
                // A byte set to a value that ends or continues a number.
                2 => {
                    let at = (next() as usize) % damaged.len();
                    damaged[at] = [0x00, 0x7F, 0x80, 0xFF][(next() % 4) as usize];
                }
                // Cut, or a run of bytes dropped from the middle.
                _ => {
                    let at = (next() as usize) % damaged.len();
                    let len = 1 + (next() as usize) % 8;
                    if round % 8 == 3 {
                        damaged.truncate(at);
                    } else {
                        damaged.drain(at..(at + len).min(damaged.len()));
                    }
                }
            }
            if decode(&framed(&pool, &rest)).is_err() {
                errors += 1;
            }
        }
        println!("{errors} of 4000 damaged bodies refused");
        assert!(errors > 0);
    }

    /// `is_canonical` agrees with the parser on every variant over the
    /// edges of each range.
    #[test]
    fn symbol_check_matches_the_parser() {
        let numbers = [0u32, 1, 2, 99_999, 100_000, u32::MAX];
        let small = [
            0u16,
            1,
            2,
            30,
            31,
            32,
            999,
            1000,
            1945,
            1946,
            2999,
            3000,
            3999,
            4000,
            u16::MAX,
        ];
        let kinds = [Kind::Resolution, Kind::Decision];
        let mut symbols = Vec::new();
        for &number in &numbers {
            for &n in &small {
                let sessions = [
                    Session::Regular(n),
                    Session::Special(n),
                    Session::Emergency(n),
                ];
                let romans = [
                    RomanSession::Regular(n),
                    RomanSession::Special(n),
                    RomanSession::Emergency(n),
                ];
                symbols.push(Symbol::Sc { number, year: n });
                symbols.push(Symbol::EcosocRoman { number, session: n });
                for session in romans {
                    symbols.push(Symbol::GaRoman { number, session });
                }
                for kind in kinds {
                    symbols.push(Symbol::EcosocYear {
                        kind,
                        year: n,
                        number,
                    });
                    symbols.push(Symbol::Chr {
                        kind,
                        year: n,
                        number,
                    });
                    for session in sessions {
                        symbols.push(Symbol::GaNumbered {
                            kind,
                            session,
                            number,
                        });
                        symbols.push(Symbol::Hrc {
                            kind,
                            session,
                            number,
                        });
                    }
                }
            }
        }
        for symbol in symbols {
            let reads_back = std::panic::catch_unwind(|| {
                symbol.to_string().parse::<Symbol>().ok() == Some(symbol)
            })
            .unwrap_or(false);
            assert_eq!(is_canonical(&symbol), reads_back, "{symbol:?}");
            if is_canonical(&symbol) {
                let mut bytes = Vec::new();
                put_symbol(&mut bytes, &symbol);
                let mut r = Reader::new(&bytes);
                assert_eq!(get_symbol(&mut r), Ok(symbol));
                assert_eq!(r.remaining(), 0);
            }
        }
    }

    #[test]
    fn varints_round_trip_and_refuse_overflow() {
        let mut values = vec![0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX];
        values.extend((1..64).flat_map(|bit| [(1u64 << bit) - 1, 1 << bit]));
        for value in values {
            let mut bytes = Vec::new();
            put_varint(&mut bytes, value);
            // Alone (read byte by byte) and followed by more bytes (read
            // from a word).
            assert_eq!(Reader::new(&bytes).varint(), Ok(value));
            let len = bytes.len();
            bytes.extend([0x81; 12]);
            let mut r = Reader::new(&bytes);
            assert_eq!(r.varint(), Ok(value));
            assert_eq!(r.pos, len);
        }
        for value in [0, 1, -1, 63, -64, i64::MAX, i64::MIN] {
            assert_eq!(unzigzag(zigzag(value)), value);
        }
        assert!(Reader::new(&[0xFF; 10]).varint().is_err());
        assert!(Reader::new(&[0xFF; 11]).varint().is_err());
        assert!(Reader::new(&[0x80]).varint().is_err());
    }

    #[test]
    fn any_flipped_bit_changes_the_checksum() {
        let bytes: Vec<u8> = (0..61u32).map(|i| (i * 37 % 251) as u8).collect();
        let sum = checksum(&bytes);
        for i in 0..bytes.len() * 8 {
            let mut flipped = bytes.clone();
            flipped[i / 8] ^= 1 << (i % 8);
            assert_ne!(checksum(&flipped), sum, "bit {i}");
        }
    }
}
