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

use crate::document::DocumentRecord;
use crate::extract::Section;
use crate::symbol::{Kind, Organ, Symbol};
use crate::vocab::Lang;

mod index;
pub use index::IndexError;

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
    /// How many times the citing texts cite it (all languages together).
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

/// Hands out one [`Shared`] per distinct value.
struct Interner<T>(HashMap<T, Shared<T>, FastHash>);

impl<T: Clone + Eq + std::hash::Hash> Interner<T> {
    fn new() -> Interner<T> {
        Interner(HashMap::default())
    }

    fn get(&mut self, value: T) -> Shared<T> {
        if let Some(shared) = self.0.get(&value) {
            return shared.clone();
        }
        let shared = Shared::new(value.clone());
        self.0.insert(value, shared.clone());
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

    /// Ids known to the graph that look most like `wanted`, for "did you
    /// mean" messages.
    pub fn suggestions(&self, wanted: &str, limit: usize) -> Vec<Symbol> {
        let wanted = wanted.to_ascii_uppercase().replace(' ', "");
        let mut scored: Vec<(usize, Symbol)> = self
            .index
            .keys()
            .map(|id| (strsim::levenshtein(&wanted, &id.to_string()), *id))
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

    /// Decodes the bytes of an index file. Damaged, cut or foreign bytes
    /// are an error, never a panic; an index of another format version is
    /// an error that says to rebuild it.
    pub fn from_index_bytes(bytes: &[u8]) -> Result<CitationGraph, IndexError> {
        index::decode(bytes)
    }
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
    #[error("cannot read or write `{path}`: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot load `{path}` as a rescite index: {reason}")]
    NotAnIndex { path: String, reason: IndexError },
}

/// Writes to a temporary file beside `path`, then renames it over `path`,
/// so that a crash never leaves half a file and never destroys the old one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), GraphError> {
    let io_error = |source| GraphError::Io {
        path: path.display().to_string(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&temp, bytes).map_err(io_error)?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        io_error(e)
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
        let mut graph = DiGraph::with_capacity(self.nodes.len(), self.edges.len());
        let mut index = BTreeMap::new();
        for (id, node) in self.nodes {
            index.insert(id, graph.add_node(node));
        }
        for ((from, to), edge) in self.edges {
            if let (Some(&a), Some(&b)) = (index.get(&from), index.get(&to)) {
                graph.add_edge(a, b, edge);
            }
        }
        CitationGraph {
            graph,
            index,
            warnings: Warnings::from(warnings),
        }
    }
}

/// Collects documents, then builds the graph.
#[derive(Default)]
pub struct GraphBuilder {
    unavailable: BTreeMap<Symbol, String>,
    documents: BTreeMap<Symbol, DocumentFacts>,
    cited: BTreeMap<Symbol, CitedFacts>,
    edges: BTreeMap<(Symbol, Symbol), EdgeFacts>,
    warnings: BTreeSet<String>,
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
    /// Titles with their counts, keyed (language preference, title): a
    /// title in a preferred language wins over any in a later one.
    titles: BTreeMap<(u8, String), usize>,
    dates: BTreeMap<String, usize>,
}

#[derive(Default)]
struct EdgeFacts {
    count: usize,
    verbs: BTreeSet<String>,
    sections: BTreeSet<Section>,
    /// Evidence per language, with whether it is a footnote ("1 Resolution
    /// 70/1." says less than the paragraph that cites it); English and
    /// running text are preferred.
    evidence: BTreeMap<Lang, (bool, String)>,
}

impl GraphBuilder {
    pub fn new() -> GraphBuilder {
        GraphBuilder::default()
    }

    /// Adds one document's extraction. A document without a symbol of its
    /// own cannot be a node: it is skipped with a warning.
    pub fn add(&mut self, doc: &DocumentRecord) {
        let Some(own) = doc.symbol.as_deref().and_then(|s| s.parse::<Symbol>().ok()) else {
            self.warnings.insert(format!(
                "{}: no symbol of its own found in the header; its citations are left out of the graph",
                doc.path
            ));
            return;
        };
        let facts = self.documents.entry(own).or_default();
        facts.languages.insert(doc.language);
        facts.paths.insert(doc.path.clone());
        if let Some(title) = &doc.title {
            facts
                .titles
                .entry(doc.language)
                .or_insert_with(|| title.clone());
        }
        if facts.date.is_none() {
            facts.date.clone_from(&doc.adopted);
        }
        for citation in &doc.citations {
            let Ok(target) = citation.target.parse::<Symbol>() else {
                continue;
            };
            if target == own {
                continue;
            }
            let cited = self.cited.entry(target).or_default();
            if let Some(title) = &citation.title {
                *cited
                    .titles
                    .entry((title_preference(doc.language), title.clone()))
                    .or_default() += 1;
            }
            if let Some(date) = &citation.date {
                *cited.dates.entry(date.clone()).or_default() += 1;
            }
            let edge = self.edges.entry((own, target)).or_default();
            edge.count += 1;
            if let Some(verb) = &citation.verb {
                edge.verbs.insert(verb.clone());
            }
            edge.sections.insert(citation.section);
            if let Some(evidence) = &citation.evidence {
                let in_footnote = citation.section == Section::Footnote;
                let slot = edge
                    .evidence
                    .entry(doc.language)
                    .or_insert_with(|| (in_footnote, evidence.clone()));
                if slot.0 && !in_footnote {
                    *slot = (false, evidence.clone());
                }
            }
        }
    }

    /// Records that a document's text could not be had (a crawl's 404, a
    /// body that is not a PDF): it stays in the graph, marked, even when
    /// nothing cites it.
    pub fn mark_unavailable(&mut self, id: Symbol, reason: &str) {
        self.unavailable.insert(id, reason.to_string());
    }

    /// The graph, with forward citations flagged and reported.
    pub fn build(self) -> CitationGraph {
        let mut raw = RawGraph::default();
        let mut warnings: Vec<String> = self.warnings.into_iter().collect();
        let mut verb_sets = Interner::new();
        let mut section_sets = Interner::new();
        let ids: BTreeSet<Symbol> = self
            .documents
            .keys()
            .chain(self.cited.keys())
            .chain(self.unavailable.keys())
            .copied()
            .collect();
        for id in ids {
            let mut node = make_node(id, self.documents.get(&id), self.cited.get(&id));
            if node.paths.is_empty() {
                node.unavailable = self.unavailable.get(&id).cloned();
            }
            raw.nodes.insert(id, node);
        }
        for ((from, to), facts) in self.edges {
            let forward = match (raw.nodes.get(&from), raw.nodes.get(&to)) {
                (Some(a), Some(b)) => is_later(b, a),
                _ => false,
            };
            if forward {
                // As `forward_warning` words it, formatted in one pass into
                // a buffer large enough for any two ids.
                let mut text = String::with_capacity(128);
                // Writing to a String cannot fail.
                let _ = write!(text, "{from}{CITES}{to}{FORWARD_TAIL}");
                warnings.push(text);
            }
            let evidence = facts
                .evidence
                .into_iter()
                .min_by_key(|(lang, (in_footnote, _))| (*in_footnote, title_preference(*lang)))
                .map(|(_, (_, text))| Text::from(text));
            raw.edges.insert(
                (from, to),
                Edge {
                    count: facts.count,
                    verbs: verb_sets.get(facts.verbs),
                    sections: section_sets.get(facts.sections),
                    evidence,
                    forward,
                },
            );
        }
        raw.into_graph(warnings)
    }
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

fn make_node(id: Symbol, own: Option<&DocumentFacts>, cited: Option<&CitedFacts>) -> Node {
    let most_frequent = |counts: &BTreeMap<String, usize>| {
        // Highest count wins; ties go to the smallest string, so the
        // choice never depends on input order.
        counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(text, _)| text.clone())
    };
    let own_title = own.and_then(|o| {
        o.titles
            .iter()
            .min_by_key(|(lang, _)| title_preference(**lang))
            .map(|(_, t)| t.clone())
    });
    let cited_title = cited.and_then(|c| {
        let best = c.titles.keys().next().map(|(rank, _)| *rank)?;
        let pool: BTreeMap<String, usize> = c
            .titles
            .iter()
            .filter(|((rank, _), _)| *rank == best)
            .map(|((_, t), n)| (t.clone(), *n))
            .collect();
        most_frequent(&pool)
    });
    let title = own_title.or(cited_title);
    let date = own
        .and_then(|o| o.date.clone())
        .or_else(|| cited.and_then(|c| most_frequent(&c.dates)));
    Node {
        id,
        in_corpus: own.is_some(),
        title,
        date,
        languages: own.map(|o| o.languages.clone()).unwrap_or_default(),
        paths: own
            .map(|o| o.paths.iter().cloned().collect())
            .unwrap_or_default(),
        unavailable: None,
    }
}
