//! The citation graph: one node per canonical id, one edge per (citing,
//! cited) pair, built with petgraph from extraction records.
//!
//! Construction is deterministic: nodes are added in the order of their
//! ids and edges in the order of their endpoints, whatever the order of
//! the input files, so every renderer's output is byte-identical for the
//! same corpus.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::{Deserialize, Serialize};

use crate::document::{CitationRecord, DocumentRecord};
use crate::extract::Section;
use crate::symbol::{Kind, Organ, Symbol};
use crate::vocab::Lang;

mod index;
pub use index::IndexError;
pub use index::{IndexView, Part};

/// A resolution or decision in the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub id: Symbol,
    /// Whether the corpus holds its text (else it is only cited).
    pub in_corpus: bool,
    /// Its title: from its own header when in the corpus, else the title
    /// the citing texts give it most often.
    pub title: Option<String>,
    /// Adoption date (ISO 8601), from its header or the citing texts.
    pub date: Option<String>,
    /// Languages in which the corpus holds its text.
    pub languages: BTreeSet<Lang>,
    /// Corpus files holding its text.
    pub paths: Vec<String>,
    /// Why its text could not be had, when a crawl tried and failed.
    pub unavailable: Option<String>,
}

impl Node {
    pub fn organ(&self) -> Organ {
        self.id.organ()
    }

    pub fn kind(&self) -> Kind {
        self.id.kind()
    }

    /// Year of adoption: from the date when known, else from the id.
    pub fn year(&self) -> Option<u16> {
        self.date
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok())
            .or_else(|| self.id.year())
    }

    /// The document at undocs.org (English).
    pub fn url(&self) -> String {
        self.id.url("en")
    }
}

/// All citations from one document to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    /// How many times the citing document cites it: in the one of its
    /// texts (languages, formats) that cites it most, so that a corpus
    /// holding several copies of a text counts it once.
    pub count: usize,
    /// Preambular or operative verbs under which it is cited.
    pub verbs: Shared<BTreeSet<String>>,
    pub sections: Shared<BTreeSet<Section>>,
    /// One sentence in which it is cited (English first when available).
    pub evidence: Option<Text>,
    /// The cited document is later than the citing one: an extraction
    /// error or a misattributed organ, kept but flagged.
    pub forward: bool,
}

/// A value that many edges hold alike, behind one reference count: a graph
/// has a handful of distinct verb and section sets, and a copy of each per
/// edge (three allocations an edge) took two fifths of the instructions of
/// loading docs/graph.md's synthetic index. Read it as the value itself,
/// through `Deref`; it compares, hashes, prints and serialises as the value.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }

    /// The address of the shared value: the same for every copy, so a
    /// renderer can work a value out once and look it up by address for
    /// the other edges that hold it.
    pub fn as_ptr(&self) -> *const T {
        Arc::as_ptr(&self.0)
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Shared<T> {
        Shared::new(value)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Shared::new)
    }
}

/// A string read as a `&str` (through `Deref`) and cloned by reference
/// count. A loaded graph's evidence sentences are ranges of one buffer, the
/// index's string pool, rather than an allocation each: in docs/graph.md's
/// synthetic graph, half a million allocations and a fifth of its memory.
#[derive(Clone)]
pub struct Text {
    buffer: Arc<String>,
    start: usize,
    end: usize,
}

impl Text {
    /// The text of `buffer[range]`; the caller has checked that the range
    /// is within the buffer and on character boundaries (were it not,
    /// the text would read as empty, not panic).
    fn new_unchecked(buffer: &Arc<String>, range: std::ops::Range<usize>) -> Text {
        Text {
            buffer: Arc::clone(buffer),
            start: range.start,
            end: range.end,
        }
    }

    pub fn as_str(&self) -> &str {
        self.buffer.get(self.start..self.end).unwrap_or_default()
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        let end = text.len();
        Text {
            buffer: Arc::new(text),
            start: 0,
            end,
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::from(text.to_owned())
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        text.as_str().to_owned()
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Text::from)
    }
}

/// What the build noticed, in order: forward citations, documents without
/// a symbol. Read it as a `Vec<String>` (through `Deref`, and `for w in
/// &graph.warnings`).
///
/// A graph loaded from an index keeps its warnings in the index's compact
/// form (a forward citation's warning is its two nodes) and writes them out
/// on first use, so that a query, which never reads them, does not pay for
/// them: in docs/graph.md's synthetic graph they are a quarter of a million
/// strings, about a third of the instructions of a load.
#[derive(Clone, Default)]
pub struct Warnings {
    list: std::sync::OnceLock<Vec<String>>,
    compact: Option<Arc<index::CompactWarnings>>,
}

impl From<Vec<String>> for Warnings {
    fn from(list: Vec<String>) -> Warnings {
        Warnings {
            list: std::sync::OnceLock::from(list),
            compact: None,
        }
    }
}

impl std::ops::Deref for Warnings {
    type Target = Vec<String>;
    fn deref(&self) -> &Vec<String> {
        self.list.get_or_init(|| {
            self.compact
                .as_deref()
                .map(index::CompactWarnings::write_out)
                .unwrap_or_default()
        })
    }
}

impl<'a> IntoIterator for &'a Warnings {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl PartialEq for Warnings {
    fn eq(&self, other: &Warnings) -> bool {
        **self == **other
    }
}

impl Eq for Warnings {}

impl std::fmt::Debug for Warnings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl Serialize for Warnings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Warnings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<String>::deserialize(d).map(Warnings::from)
    }
}

/// A hasher for building and saving, several times faster than the
/// default SipHash on a million short strings; the keys are the graph's
/// own, so SipHash's resistance to chosen collisions buys nothing here.
pub(crate) type FastHash = std::hash::BuildHasherDefault<WordHasher>;

/// FxHash's step (rotate, xor a word, multiply) over 8-byte words.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(w));
        }
        let tail = words.remainder();
        if !tail.is_empty() {
            let mut w = [0u8; 8];
            w[..tail.len()].copy_from_slice(tail);
            self.add(u64::from_le_bytes(w));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // hashbrown takes its tag from the top bits: fold the low ones in.
        self.0 ^ (self.0 >> 32)
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
}

/// Hands out one [`Shared`] value per distinct key: the builder keeps a
/// verb set as the numbers of its verbs and a section set as a bit mask,
/// and makes the set itself once.
struct Interner<K, T>(HashMap<K, Shared<T>, FastHash>);

impl<K: Eq + std::hash::Hash, T: Clone> Interner<K, T> {
    fn new() -> Interner<K, T> {
        Interner(HashMap::default())
    }

    fn get(&mut self, key: K, make: impl FnOnce(&K) -> T) -> Shared<T> {
        if let Some(shared) = self.0.get(&key) {
            return shared.clone();
        }
        let shared = Shared::new(make(&key));
        self.0.insert(key, shared.clone());
        shared
    }
}

/// The graph and its index by id.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CitationGraph {
    graph: DiGraph<Node, Edge>,
    #[serde(skip)]
    index: BTreeMap<Symbol, NodeIndex>,
    /// What the build noticed: forward citations, documents without a
    /// symbol.
    pub warnings: Warnings,
}

impl CitationGraph {
    /// The petgraph graph, for algorithms.
    pub fn inner(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The node index of an id.
    pub fn index_of(&self, id: &Symbol) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    pub fn node(&self, index: NodeIndex) -> &Node {
        &self.graph[index]
    }

    /// Nodes in id order.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> + '_ {
        self.graph.node_indices().map(move |i| (i, &self.graph[i]))
    }

    /// Edges as (citing, cited, edge), in the order they were added.
    pub fn edges(&self) -> impl Iterator<Item = (NodeIndex, NodeIndex, &Edge)> + '_ {
        self.graph
            .edge_references()
            .map(|e| (e.source(), e.target(), e.weight()))
    }

    /// What `index` cites, in id order.
    pub fn cites(&self, index: NodeIndex) -> Vec<(NodeIndex, &Edge)> {
        self.neighbours(index, Direction::Outgoing)
    }

    /// What cites `index`, in id order.
    pub fn cited_by(&self, index: NodeIndex) -> Vec<(NodeIndex, &Edge)> {
        self.neighbours(index, Direction::Incoming)
    }

    fn neighbours(&self, index: NodeIndex, direction: Direction) -> Vec<(NodeIndex, &Edge)> {
        let mut out: Vec<(NodeIndex, &Edge)> = self
            .graph
            .edges_directed(index, direction)
            .map(|e| {
                let other = if direction == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                (other, e.weight())
            })
            .collect();
        out.sort_by_key(|(i, _)| *i);
        out
    }

    /// Ids known to the graph nearest to `wanted`, for "did you mean"
    /// messages: first those of its organ, kind and session (for the
    /// Security Council, whose year follows from the number, of its organ
    /// and kind), by spelling and then by number (78/34 before 78/1 for
    /// 78/31); then the rest by spelling.
    pub fn suggestions(&self, wanted: &Symbol, limit: usize) -> Vec<Symbol> {
        let spelled = wanted.to_string();
        let mut scored: Vec<((u8, usize, u32), Symbol)> = self
            .index
            .keys()
            .map(|id| (closeness(wanted, &spelled, id), *id))
            .collect();
        scored.sort();
        scored.into_iter().take(limit).map(|(_, id)| id).collect()
    }

    /// A new graph of the given nodes and the edges among them.
    pub fn subgraph(&self, keep: &BTreeSet<NodeIndex>) -> CitationGraph {
        let mut builder = RawGraph::default();
        for &i in keep {
            builder
                .nodes
                .insert(self.graph[i].id, self.graph[i].clone());
        }
        for (from, to, edge) in self.edges() {
            if keep.contains(&from) && keep.contains(&to) {
                builder
                    .edges
                    .insert((self.graph[from].id, self.graph[to].id), edge.clone());
            }
        }
        builder.into_graph(Vec::new())
    }

    /// Saves the graph to `path` in rescite's binary index format
    /// (`graph/index.rs`), written atomically.
    pub fn save(&self, path: &Path) -> Result<(), GraphError> {
        write_atomically(path, &self.to_index_bytes())
    }

    /// The bytes of the index file of this graph: the same graph gives the
    /// same bytes.
    pub fn to_index_bytes(&self) -> Vec<u8> {
        index::encode(self)
    }

    /// Loads a graph saved by [`CitationGraph::save`]. A damaged, cut or
    /// foreign file is an error naming it, never a panic; an index of
    /// another format version is an error that says to rebuild it.
    pub fn load(path: &Path) -> Result<CitationGraph, GraphError> {
        index::read_file(path)
    }

    /// Loads from a saved index only what a query of `part` needs, as a
    /// graph of its own on which the query answers as on the whole graph
    /// (`graph/index/view.rs`); `None` when a symbol of `part` is not in
    /// the index. Errors as [`CitationGraph::load`].
    pub fn load_part(path: &Path, part: &Part<'_>) -> Result<Option<CitationGraph>, GraphError> {
        IndexView::open(path)?
            .part(part)
            .map_err(|reason| GraphError::NotAnIndex {
                path: path.display().to_string(),
                reason,
            })
    }

    /// Decodes the bytes of an index file. Damaged, cut or foreign bytes
    /// are an error, never a panic; an index of another format version is
    /// an error that says to rebuild it.
    pub fn from_index_bytes(bytes: &[u8]) -> Result<CitationGraph, IndexError> {
        index::decode(bytes)
    }
}

/// How near `id` is to `wanted` (spelled `spelled`), smallest nearest:
/// whether it is of the same series (organ, kind and, but for the Security
/// Council, session), its edit distance, its distance in number.
fn closeness(wanted: &Symbol, spelled: &str, id: &Symbol) -> (u8, usize, u32) {
    let same_series = id.organ() == wanted.organ()
        && id.kind() == wanted.kind()
        && (matches!(wanted, Symbol::Sc { .. }) || id.session_label() == wanted.session_label());
    (
        u8::from(!same_series),
        strsim::levenshtein(spelled, &id.to_string()),
        id.number().abs_diff(wanted.number()),
    )
}

/// The warning for a citation of a later document. The index stores such a
/// warning as its two nodes and rebuilds the text here, so the wording
/// lives in one place.
fn forward_warning(from: &str, to: &str) -> String {
    let mut text = String::with_capacity(from.len() + CITES.len() + to.len() + FORWARD_TAIL.len());
    text.push_str(from);
    text.push_str(CITES);
    text.push_str(to);
    text.push_str(FORWARD_TAIL);
    text
}

const CITES: &str = " cites ";
const FORWARD_TAIL: &str = ", which is later: check the extraction or the organ";

/// The two ids of a warning that [`forward_warning`] would write, such
/// that `forward_warning(from, to)` gives the warning back exactly.
fn split_forward_warning(text: &str) -> Option<(&str, &str)> {
    text.strip_suffix(FORWARD_TAIL)?.split_once(CITES)
}

/// Why a graph could not be saved or loaded.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    #[error("cannot read `{path}`: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Writing `path` failed: `reason` says at which step (its temporary
    /// file, or the rename that puts it in place) and why.
    #[error("cannot write `{path}`: {reason}")]
    Write { path: String, reason: String },
    #[error("cannot load `{path}` as a rescite index: {reason}")]
    NotAnIndex { path: String, reason: IndexError },
}

/// Writes to a temporary file beside `path`, then renames it over `path`,
/// so that a crash never leaves half a file and never destroys the old one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), GraphError> {
    let write_error = |reason: String| GraphError::Write {
        path: path.display().to_string(),
        reason,
    };
    if path.is_dir() {
        return Err(write_error("it is a directory".into()));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&temp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        write_error(format!(
            "writing its temporary file `{}`: {e}",
            temp.display()
        ))
    })?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        write_error(format!("putting `{}` in its place: {e}", temp.display()))
    })
}

/// Nodes and edges keyed by id, before they become a petgraph graph.
#[derive(Default)]
struct RawGraph {
    nodes: BTreeMap<Symbol, Node>,
    edges: BTreeMap<(Symbol, Symbol), Edge>,
}

impl RawGraph {
    fn into_graph(self, warnings: Vec<String>) -> CitationGraph {
        let position: BTreeMap<Symbol, usize> = self
            .nodes
            .keys()
            .enumerate()
            .map(|(i, &id)| (id, i))
            .collect();
        let edges = self
            .edges
            .into_iter()
            .filter_map(|((from, to), edge)| {
                Some((*position.get(&from)?, *position.get(&to)?, edge))
            })
            .collect();
        assemble(self.nodes.into_values().collect(), edges, warnings)
    }
}

/// The graph of nodes in id order and edges, given by the positions of
/// their ends among the nodes, in the order of those positions.
fn assemble(
    nodes: Vec<Node>,
    edges: Vec<(usize, usize, Edge)>,
    warnings: Vec<String>,
) -> CitationGraph {
    let mut graph = DiGraph::with_capacity(nodes.len(), edges.len());
    for node in nodes {
        graph.add_node(node);
    }
    for (from, to, edge) in edges {
        graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), edge);
    }
    // The nodes are in id order: the map is built from a sorted list, in
    // one pass, rather than by an insertion (and a search) per node.
    let index = graph.node_indices().map(|i| (graph[i].id, i)).collect();
    CitationGraph {
        graph,
        index,
        warnings: Warnings::from(warnings),
    }
}

/// Collects documents, then builds the graph.
///
/// The ids met are numbered in the order they come, and everything is
/// kept by number (in vectors and hash maps); `build` puts the nodes in
/// id order once. Maps keyed by id, as this was, compared ids at every
/// step of every search (most of the time of building a large graph).
#[derive(Default)]
pub struct GraphBuilder {
    /// The ids, by number.
    ids: Vec<Symbol>,
    numbers: HashMap<Symbol, usize, FastHash>,
    /// The number of the id that each symbol string of the records reads
    /// as (`None` when it reads as none): a string is parsed once, not at
    /// every citation of it.
    parsed: HashMap<String, Option<usize>, FastHash>,
    /// What is known of each id, by number.
    facts: Vec<NodeFacts>,
    /// The citations of each (citing, cited) pair of numbers, as a place
    /// in `edge_facts`: `build` sorts the small keys, not the facts.
    edges: HashMap<(usize, usize), usize, FastHash>,
    edge_facts: Vec<EdgeFacts>,
    /// The verbs met, by number, and the number of each: an edge keeps
    /// the numbers of its verbs rather than a copy of each.
    verbs: Vec<String>,
    verb_numbers: HashMap<String, u32, FastHash>,
    warnings: BTreeSet<String>,
    /// The inputs left out for want of a symbol of their own, as messages
    /// name them, in the order added.
    left_out: Vec<String>,
    /// How many documents were added: the number of the one being added.
    documents: u32,
}

/// What the documents say of one id; it is a node when any is known.
#[derive(Default)]
struct NodeFacts {
    document: Option<DocumentFacts>,
    cited: Option<CitedFacts>,
    unavailable: Option<String>,
}

#[derive(Default)]
struct DocumentFacts {
    titles: BTreeMap<Lang, String>,
    date: Option<String>,
    languages: BTreeSet<Lang>,
    paths: BTreeSet<String>,
}

#[derive(Default)]
struct CitedFacts {
    /// Titles with their counts, by language preference: a title in a
    /// preferred language wins over any in a later one.
    titles: BTreeMap<u8, BTreeMap<String, usize>>,
    dates: BTreeMap<String, usize>,
}

#[derive(Default)]
struct EdgeFacts {
    /// The most times one citing file cites it: the same resolution read
    /// in six languages, or as text and PDF and XML, cites as often in
    /// each, and the copies must not multiply the count.
    count: usize,
    /// The document whose citations `in_document` counts, and how many.
    document: u32,
    in_document: usize,
    /// The numbers of its verbs, sorted.
    verbs: Vec<u32>,
    /// Its sections, as `index::section_bit` bits.
    sections: u8,
    /// The evidence to keep: of the citations with the least (kind of
    /// evidence, language preference), the first. Running text says more
    /// than a footnote ("1 Resolution 70/1."), a footnote more than a
    /// citation found in a link, and English comes first.
    evidence: Option<((EvidenceKind, u8), String)>,
}

impl GraphBuilder {
    pub fn new() -> GraphBuilder {
        GraphBuilder::default()
    }

    /// Adds one document's extraction. A document without a symbol of its
    /// own cannot be a node: it is skipped with a warning.
    pub fn add(&mut self, doc: &DocumentRecord) {
        self.documents += 1;
        let Some(own) = doc.symbol.as_deref().and_then(|s| self.number_of_text(s)) else {
            self.warnings.insert(format!(
                "{}: no symbol of its own found in the header; its citations are left out of the graph",
                doc.source_name()
            ));
            self.left_out.push(doc.source_name().to_string());
            return;
        };
        self.facts[own]
            .document
            .get_or_insert_with(DocumentFacts::default)
            .add(doc);
        for citation in &doc.citations {
            let Some(target) = self.number_of_text(&citation.target) else {
                continue;
            };
            if target == own {
                continue;
            }
            self.facts[target]
                .cited
                .get_or_insert_with(CitedFacts::default)
                .add(citation, doc.language);
            let verb = citation.verb.as_deref().map(|v| self.verb_number(v));
            let next = self.edge_facts.len();
            let slot = *self.edges.entry((own, target)).or_insert(next);
            if slot == next {
                self.edge_facts.push(EdgeFacts::default());
            }
            self.edge_facts[slot].add(citation, verb, doc.language, self.documents);
        }
    }

    /// Records that a document's text could not be had (a crawl's 404, a
    /// body that is not a PDF): it stays in the graph, marked, even when
    /// nothing cites it.
    pub fn mark_unavailable(&mut self, id: Symbol, reason: &str) {
        let number = self.number(id);
        self.facts[number].unavailable = Some(reason.to_string());
    }

    /// The number of an id, handed out when it is first met.
    fn number(&mut self, id: Symbol) -> usize {
        if let Some(&number) = self.numbers.get(&id) {
            return number;
        }
        let number = self.ids.len();
        self.ids.push(id);
        self.facts.push(NodeFacts::default());
        self.numbers.insert(id, number);
        number
    }

    /// The number of the id a symbol string reads as, if it reads as one.
    fn number_of_text(&mut self, text: &str) -> Option<usize> {
        if let Some(&number) = self.parsed.get(text) {
            return number;
        }
        let number = text.parse::<Symbol>().ok().map(|id| self.number(id));
        self.parsed.insert(text.to_owned(), number);
        number
    }

    fn verb_number(&mut self, verb: &str) -> u32 {
        if let Some(&number) = self.verb_numbers.get(verb) {
            return number;
        }
        // Fewer than 2^32 distinct verbs: each is a string of a record.
        let number = u32::try_from(self.verbs.len()).unwrap_or(u32::MAX);
        self.verbs.push(verb.to_owned());
        self.verb_numbers.insert(verb.to_owned(), number);
        number
    }

    /// The graph, with forward citations flagged and reported.
    /// The inputs added so far that are left out of the graph for want of
    /// a symbol of their own (each also has its warning), in order.
    pub fn left_out(&self) -> &[String] {
        &self.left_out
    }

    pub fn build(self) -> CitationGraph {
        let GraphBuilder {
            ids,
            mut facts,
            edges,
            edge_facts,
            verbs,
            warnings,
            ..
        } = self;
        // The numbers of the ids that are nodes, in id order, each sort
        // key made once.
        let mut order: Vec<usize> = (0..ids.len()).filter(|&n| facts[n].is_node()).collect();
        order.sort_by_cached_key(|&n| ids[n].sort_key());
        let mut position = vec![usize::MAX; ids.len()];
        for (p, &n) in order.iter().enumerate() {
            position[n] = p;
        }
        let nodes: Vec<Node> = order
            .iter()
            .map(|&n| std::mem::take(&mut facts[n]).into_node(ids[n]))
            .collect();
        let mut warnings: Vec<String> = warnings.into_iter().collect();
        // The edges in the order of the positions of their ends: id order.
        let mut sorted: Vec<(usize, usize, usize)> = edges
            .into_iter()
            .filter_map(|((from, to), slot)| Some((*position.get(from)?, *position.get(to)?, slot)))
            .filter(|&(a, b, _)| a < nodes.len() && b < nodes.len())
            .collect();
        sorted.sort_unstable();
        let edges = make_edges(&sorted, edge_facts, &verbs, &nodes, &mut warnings);
        assemble(nodes, edges, warnings)
    }
}

/// The edges of `sorted` (positions of the two ends, place of the facts),
/// with forward citations flagged and a warning for each.
fn make_edges(
    sorted: &[(usize, usize, usize)],
    mut facts: Vec<EdgeFacts>,
    verbs: &[String],
    nodes: &[Node],
    warnings: &mut Vec<String>,
) -> Vec<(usize, usize, Edge)> {
    let mut verb_sets = Interner::new();
    let mut section_sets = Interner::new();
    let mut edges = Vec::with_capacity(sorted.len());
    for &(a, b, slot) in sorted {
        let Some(facts) = facts.get_mut(slot).map(std::mem::take) else {
            continue;
        };
        let forward = is_later(&nodes[b], &nodes[a]);
        if forward {
            // As `forward_warning` words it, formatted in one pass into
            // a buffer large enough for any two ids.
            let mut text = String::with_capacity(128);
            // Writing to a String cannot fail.
            let _ = write!(text, "{}{CITES}{}{FORWARD_TAIL}", nodes[a].id, nodes[b].id);
            warnings.push(text);
        }
        let verbs = verb_sets.get(facts.verbs, |numbers| {
            numbers
                .iter()
                .filter_map(|&n| verbs.get(n as usize).cloned())
                .collect()
        });
        let edge = Edge {
            count: facts.count,
            verbs,
            sections: section_sets.get(facts.sections, |&mask| index::sections_of(mask)),
            evidence: facts.evidence.map(|(_, text)| Text::from(text)),
            forward,
        };
        edges.push((a, b, edge));
    }
    edges
}

impl NodeFacts {
    fn is_node(&self) -> bool {
        self.document.is_some() || self.cited.is_some() || self.unavailable.is_some()
    }

    fn into_node(self, id: Symbol) -> Node {
        let mut node = make_node(id, self.document, self.cited);
        if node.paths.is_empty() {
            node.unavailable = self.unavailable;
        }
        node
    }
}

impl DocumentFacts {
    fn add(&mut self, doc: &DocumentRecord) {
        self.languages.insert(doc.language);
        if !self.paths.contains(&doc.path) {
            self.paths.insert(doc.path.clone());
        }
        if let Some(title) = &doc.title {
            self.titles
                .entry(doc.language)
                .or_insert_with(|| title.clone());
        }
        if self.date.is_none() {
            self.date.clone_from(&doc.adopted);
        }
    }
}

impl CitedFacts {
    fn add(&mut self, citation: &CitationRecord, language: Lang) {
        if let Some(title) = &citation.title {
            let titles = self.titles.entry(title_preference(language)).or_default();
            count(titles, title);
        }
        if let Some(date) = &citation.date {
            count(&mut self.dates, date);
        }
    }
}

/// Counts one more of `text`, copying it only the first time.
fn count(counts: &mut BTreeMap<String, usize>, text: &str) {
    match counts.get_mut(text) {
        Some(n) => *n += 1,
        None => {
            counts.insert(text.to_owned(), 1);
        }
    }
}

impl EdgeFacts {
    /// Adds a citation; `verb` is the number of its verb.
    fn add(&mut self, citation: &CitationRecord, verb: Option<u32>, language: Lang, document: u32) {
        if self.document != document {
            self.document = document;
            self.in_document = 0;
        }
        self.in_document += 1;
        self.count = self.count.max(self.in_document);
        if let Some(verb) = verb {
            if let Err(at) = self.verbs.binary_search(&verb) {
                if self.verbs.capacity() == 0 {
                    // Room for the verbs of most edges in one allocation
                    // (the six languages' verbs: 9 on average).
                    self.verbs.reserve_exact(16);
                }
                self.verbs.insert(at, verb);
            }
        }
        self.sections |= index::section_bit(citation.section);
        if let Some(evidence) = &citation.evidence {
            // Kept per language as the first in running text, else the
            // first in a footnote, else the first found in a link, and then
            // the language preferred among them: that is the first citation
            // of the least rank.
            let rank = (
                EvidenceKind::of(citation, evidence),
                title_preference(language),
            );
            if self.evidence.as_ref().is_none_or(|(kept, _)| rank < *kept) {
                self.evidence = Some((rank, evidence.clone()));
            }
        }
    }
}

/// What an edge's evidence sentence is, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum EvidenceKind {
    RunningText,
    Footnote,
    /// A citation found in a link ("https://undocs.org/ch/A/RES/70/1"): the
    /// hyperlinks that a PDF's text lists for its footnotes, whose sentence
    /// is the list and says nothing of the citation.
    Link,
}

impl EvidenceKind {
    fn of(citation: &CitationRecord, evidence: &str) -> EvidenceKind {
        if in_link(&citation.matched, evidence) {
            EvidenceKind::Link
        } else if citation.section == Section::Footnote {
            EvidenceKind::Footnote
        } else {
            EvidenceKind::RunningText
        }
    }
}

/// Whether `matched` was found in a link of `evidence`: a written symbol
/// ("A/RES/70/1", not "70/1") with which a link of the sentence ends. The
/// record says where the citation stands in its text, not in the sentence,
/// so a sentence that writes a symbol out and links to it too counts as a
/// link; a number such as "70/1" in running text never does.
fn in_link(matched: &str, evidence: &str) -> bool {
    let written = matched.starts_with(|c: char| c.is_ascii_alphabetic());
    written
        && evidence.split_whitespace().any(|word| {
            let link = word.starts_with("https://") || word.starts_with("http://");
            link && word
                .trim_end_matches(['…', ',', ';', '.'])
                .ends_with(matched)
        })
}

/// Which language's title a node shows: English first (the language of
/// undocs.org's default page), then French, Spanish, Russian, Arabic,
/// Chinese.
fn title_preference(lang: Lang) -> u8 {
    match lang {
        Lang::En => 0,
        Lang::Fr => 1,
        Lang::Es => 2,
        Lang::Ru => 3,
        Lang::Ar => 4,
        Lang::Zh => 5,
    }
}

/// Whether `later` was adopted after `earlier` (by date, else by year).
fn is_later(later: &Node, earlier: &Node) -> bool {
    match (&later.date, &earlier.date) {
        (Some(a), Some(b)) => a > b,
        _ => match (later.year(), earlier.year()) {
            (Some(a), Some(b)) => a > b,
            _ => false,
        },
    }
}

fn make_node(id: Symbol, own: Option<DocumentFacts>, cited: Option<CitedFacts>) -> Node {
    let most_frequent = |counts: &BTreeMap<String, usize>| {
        // Highest count wins; ties go to the smallest string, so the
        // choice never depends on input order.
        counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(text, _)| text.clone())
    };
    let in_corpus = own.is_some();
    let (own_title, own_date, languages, paths) = match own {
        Some(o) => (
            o.titles
                .into_iter()
                .min_by_key(|(lang, _)| title_preference(*lang))
                .map(|(_, t)| t),
            o.date,
            o.languages,
            o.paths.into_iter().collect(),
        ),
        None => (None, None, BTreeSet::new(), Vec::new()),
    };
    // The titles in the most preferred language that has any.
    let title = own_title.or_else(|| {
        cited
            .as_ref()
            .and_then(|c| c.titles.values().next().and_then(most_frequent))
    });
    let date = own_date.or_else(|| cited.as_ref().and_then(|c| most_frequent(&c.dates)));
    Node {
        id,
        in_corpus,
        title,
        date,
        languages,
        paths,
        unavailable: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::OffsetBase;
    use crate::input::InputFormat;

    fn citation(target: &str, section: Section, evidence: &str) -> CitationRecord {
        CitationRecord {
            target: target.to_string(),
            part: None,
            matched: target.to_string(),
            start: 0,
            end: 0,
            line: 1,
            date: None,
            title: None,
            verb: None,
            section,
            organ: "GA",
            kind: Kind::Resolution,
            evidence: Some(evidence.to_string()),
        }
    }

    fn document(symbol: &str, language: Lang, citations: Vec<CitationRecord>) -> DocumentRecord {
        DocumentRecord {
            path: format!("{}/{symbol}.txt", language.code()),
            symbol: Some(symbol.to_string()),
            language,
            title: None,
            adopted: None,
            format: InputFormat::Text,
            offsets: OffsetBase::File,
            citations,
            references: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn graph_of(documents: &[DocumentRecord]) -> CitationGraph {
        let mut builder = GraphBuilder::new();
        for document in documents {
            builder.add(document);
        }
        builder.build()
    }

    fn edge<'g>(graph: &'g CitationGraph, from: &str, to: &str) -> &'g Edge {
        let index = |s: &str| s.parse().ok().and_then(|id| graph.index_of(&id));
        let (Some(a), Some(b)) = (index(from), index(to)) else {
            panic!("{from} or {to} is not in the graph");
        };
        let found = graph.cites(a).into_iter().find(|(i, _)| *i == b);
        found
            .map(|(_, e)| e)
            .unwrap_or_else(|| panic!("no edge {from} → {to}"))
    }

    #[test]
    fn evidence_in_running_text_then_english_then_the_first() {
        let documents = [
            document(
                "A/RES/78/1",
                Lang::Fr,
                vec![
                    citation("A/RES/70/1", Section::Footnote, "fr footnote"),
                    citation("A/RES/70/1", Section::Preamble, "fr first"),
                    citation("A/RES/70/1", Section::Operative, "fr second"),
                ],
            ),
            document(
                "A/RES/78/1",
                Lang::En,
                vec![citation("A/RES/70/1", Section::Footnote, "en footnote")],
            ),
        ];
        let graph = graph_of(&documents);
        let kept = edge(&graph, "A/RES/78/1", "A/RES/70/1").evidence.as_deref();
        assert_eq!(kept, Some("fr first"));
        let graph = graph_of(&[documents[1].clone()]);
        let kept = edge(&graph, "A/RES/78/1", "A/RES/70/1").evidence.as_deref();
        assert_eq!(kept, Some("en footnote"));
        let mut english = documents[1].clone();
        english.citations[0].section = Section::Operative;
        let graph = graph_of(&[documents[0].clone(), english]);
        let kept = edge(&graph, "A/RES/78/1", "A/RES/70/1").evidence.as_deref();
        assert_eq!(kept, Some("en footnote"));
    }

    /// A citation found in a Chinese PDF's line of footnote links says less
    /// than an English footnote, whatever its section (the README's `path`
    /// example).
    #[test]
    fn evidence_of_a_link_comes_last() {
        let links = "https://undocs.org/ch/A/78/L.86 https://undocs.org/ch/A/RES/217(III) 认识到";
        let mut in_a_link = citation("A/RES/217(III)", Section::Preamble, links);
        in_a_link.matched = "A/RES/217(III)".to_string();
        let mut footnote = citation(
            "A/RES/217(III)",
            Section::Footnote,
            "1 Resolution 217 A (III).",
        );
        footnote.matched = "217 A (III)".to_string();
        let documents = [
            document("A/RES/78/311", Lang::Zh, vec![in_a_link]),
            document("A/RES/78/311", Lang::En, vec![footnote]),
        ];
        let graph = graph_of(&documents);
        let kept = edge(&graph, "A/RES/78/311", "A/RES/217(III)")
            .evidence
            .as_deref();
        assert_eq!(kept, Some("1 Resolution 217 A (III)."));
        let graph = graph_of(&documents[..1]);
        let kept = edge(&graph, "A/RES/78/311", "A/RES/217(III)")
            .evidence
            .as_deref();
        assert_eq!(kept, Some(links), "a link is still better than nothing");
        assert!(!in_link(
            "A/RES/217(III)",
            "see A/RES/217(III) and https://undocs.org/A/RES/1"
        ));
        assert!(!in_link("", "https://undocs.org/A/RES/1"));
        assert!(!in_link(
            "70/1",
            "Recalling its resolution 70/1 (https://undocs.org/A/RES/70/1),"
        ));
        assert!(in_link("A/RES/70/1", "see https://undocs.org/A/RES/70/1."));
    }

    #[test]
    fn suggestions_of_the_same_series_first_then_by_spelling_and_number() {
        let cited = [
            "A/RES/72/31",
            "A/RES/78/1",
            "A/RES/78/34",
            "A/RES/78/37",
            "A/DEC/78/31",
            "S/RES/2231(2015)",
            "S/RES/2232(2015)",
        ]
        .map(|id| citation(id, Section::Preamble, "x"));
        let graph = graph_of(&[document("A/RES/78/311", Lang::En, cited.to_vec())]);
        let near = |wanted: &str, limit| {
            let wanted: Symbol = wanted.parse().expect("symbol");
            graph
                .suggestions(&wanted, limit)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        // All but 78/311's own id are one edit away: the session's
        // resolutions first, the nearer number first; 72/31 and the
        // decision after them.
        assert_eq!(
            near("78/31", 6),
            [
                "A/RES/78/34",
                "A/RES/78/37",
                "A/RES/78/1",
                "A/RES/78/311",
                "A/RES/72/31",
                "A/DEC/78/31"
            ]
        );
        // A Council number's year follows from it: another year is no
        // other series.
        assert_eq!(
            near("S/RES/2232(2016)", 2),
            ["S/RES/2232(2015)", "S/RES/2231(2015)"]
        );
    }

    #[test]
    fn counts_verbs_and_sections_of_an_edge() {
        let mut cites = vec![
            citation("A/RES/70/1", Section::Preamble, "a"),
            citation("A/RES/70/1", Section::Operative, "b"),
            citation("A/RES/70/1", Section::Preamble, "c"),
            // Itself and a string that is not an id: left out.
            citation("A/RES/78/1", Section::Preamble, "d"),
            citation("A/78/L.1", Section::Preamble, "e"),
        ];
        for (c, verb) in cites
            .iter_mut()
            .zip(["Recalling", "Reaffirms", "Recalling"])
        {
            c.verb = Some(verb.to_string());
        }
        let graph = graph_of(&[document("A/RES/78/1", Lang::En, cites)]);
        assert_eq!(graph.node_count(), 2);
        let e = edge(&graph, "A/RES/78/1", "A/RES/70/1");
        assert_eq!(e.count, 3);
        let verbs: Vec<&str> = e.verbs.iter().map(String::as_str).collect();
        assert_eq!(verbs, ["Reaffirms", "Recalling"]);
        let sections: Vec<Section> = e.sections.iter().copied().collect();
        assert_eq!(sections, [Section::Preamble, Section::Operative]);
    }

    #[test]
    fn copies_of_a_text_do_not_multiply_an_edges_count() {
        let twice = vec![
            citation("A/RES/70/1", Section::Preamble, "a"),
            citation("A/RES/70/1", Section::Operative, "b"),
        ];
        let thrice = vec![
            citation("A/RES/70/1", Section::Preamble, "a"),
            citation("A/RES/70/1", Section::Operative, "b"),
            citation("A/RES/70/1", Section::Footnote, "c"),
        ];
        // English twice (as text and as PDF text), French once.
        let graph = graph_of(&[
            document("A/RES/78/1", Lang::En, twice.clone()),
            document("A/RES/78/1", Lang::Fr, thrice),
            document("A/RES/78/1", Lang::En, twice),
        ]);
        assert_eq!(edge(&graph, "A/RES/78/1", "A/RES/70/1").count, 3);
    }

    #[test]
    fn a_cited_title_in_the_preferred_language_then_the_commonest() {
        let titled = |lang, title: &str, date: &str| {
            let mut c = citation("A/RES/70/1", Section::Preamble, "x");
            c.title = Some(title.to_string());
            c.date = Some(date.to_string());
            document(&format!("A/RES/78/{}", title.len()), lang, vec![c])
        };
        let graph = graph_of(&[
            titled(Lang::Fr, "Transformer notre monde", "2015-09-25"),
            titled(Lang::En, "Transforming", "2015-09-25"),
            titled(Lang::En, "Our world", "2015-09-26"),
            titled(Lang::En, "Our world", "2015-09-26"),
            titled(Lang::Fr, "Transformer notre monde", "2015-09-26"),
        ]);
        let cited = graph
            .nodes()
            .map(|(_, n)| n)
            .find(|n| n.id.to_string() == "A/RES/70/1")
            .expect("the cited node");
        assert!(!cited.in_corpus);
        // Ids of the citing documents repeat: "Our world" twice from one.
        assert_eq!(cited.title.as_deref(), Some("Our world"));
        assert_eq!(cited.date.as_deref(), Some("2015-09-26"));
    }

    #[test]
    fn unavailable_documents_and_documents_without_a_symbol() {
        let mut builder = GraphBuilder::new();
        let mut nameless = document("A/RES/78/1", Lang::En, Vec::new());
        nameless.symbol = None;
        builder.add(&nameless);
        builder.add(&document("A/RES/78/2", Lang::En, Vec::new()));
        let (held, missing) = match ("A/RES/78/2".parse(), "A/RES/77/9".parse()) {
            (Ok(a), Ok(b)) => (a, b),
            other => panic!("{other:?}"),
        };
        builder.mark_unavailable(held, "HTTP 404");
        builder.mark_unavailable(missing, "HTTP 404");
        let graph = builder.build();
        let unavailable: Vec<(String, Option<&str>)> = graph
            .nodes()
            .map(|(_, n)| (n.id.to_string(), n.unavailable.as_deref()))
            .collect();
        assert_eq!(
            unavailable,
            [
                ("A/RES/77/9".to_string(), Some("HTTP 404")),
                ("A/RES/78/2".to_string(), None)
            ]
        );
        assert_eq!(graph.warnings.len(), 1);
        assert!(graph.warnings[0].contains("no symbol of its own"));
    }
}
