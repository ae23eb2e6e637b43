//! The citation graph: one node per canonical id, one edge per (citing,
//! cited) pair, built with petgraph from extraction records.
//!
//! Construction is deterministic: nodes are added in the order of their
//! ids and edges in the order of their endpoints, whatever the order of
//! the input files, so every renderer's output is byte-identical for the
//! same corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::{Deserialize, Serialize};

use crate::document::DocumentRecord;
use crate::extract::Section;
use crate::symbol::{Kind, Organ, Symbol};
use crate::vocab::Lang;

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
    pub verbs: BTreeSet<String>,
    pub sections: BTreeSet<Section>,
    /// One sentence in which it is cited (English first when available).
    pub evidence: Option<String>,
    /// The cited document is later than the citing one: an extraction
    /// error or a misattributed organ, kept but flagged.
    pub forward: bool,
}

/// The graph and its index by id.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CitationGraph {
    graph: DiGraph<Node, Edge>,
    #[serde(skip)]
    index: BTreeMap<Symbol, NodeIndex>,
    /// What the build noticed: forward citations, documents without a
    /// symbol.
    pub warnings: Vec<String>,
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

    /// Rebuilds the id index (after deserialising).
    fn reindex(&mut self) {
        self.index = self
            .graph
            .node_indices()
            .map(|i| (self.graph[i].id, i))
            .collect();
    }

    /// Saves the graph to `path` in rescite's binary index format.
    pub fn save(&self, path: &Path) -> Result<(), GraphError> {
        let bytes = postcard::to_stdvec(&IndexFile {
            magic: INDEX_MAGIC.to_string(),
            version: INDEX_VERSION,
            graph: self.clone(),
        })
        .map_err(|e| GraphError::Encode(e.to_string()))?;
        write_atomically(path, &bytes)
    }

    /// Loads a graph saved by [`CitationGraph::save`].
    pub fn load(path: &Path) -> Result<CitationGraph, GraphError> {
        let bytes = std::fs::read(path).map_err(|source| GraphError::Io {
            path: path.display().to_string(),
            source,
        })?;
        CitationGraph::from_index_bytes(&bytes).map_err(|reason| GraphError::NotAnIndex {
            path: path.display().to_string(),
            reason,
        })
    }

    /// Decodes the bytes of an index file.
    pub fn from_index_bytes(bytes: &[u8]) -> Result<CitationGraph, String> {
        let file: IndexFile = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
        if file.magic != INDEX_MAGIC {
            return Err("not a rescite index".to_string());
        }
        if file.version != INDEX_VERSION {
            return Err(format!(
                "index format {} but this rescite reads {INDEX_VERSION}; rebuild it with `rescite index`",
                file.version
            ));
        }
        let mut graph = file.graph;
        let edges_valid = graph.graph.edge_references().all(|e| {
            e.source().index() < graph.graph.node_count()
                && e.target().index() < graph.graph.node_count()
        });
        if !edges_valid {
            return Err("an edge points past the last node".to_string());
        }
        graph.reindex();
        Ok(graph)
    }
}

const INDEX_MAGIC: &str = "rescite-index";
const INDEX_VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
struct IndexFile {
    magic: String,
    version: u32,
    graph: CitationGraph,
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
    #[error("`{path}` is not a rescite index ({reason})")]
    NotAnIndex { path: String, reason: String },
    #[error("cannot encode the graph: {0}")]
    Encode(String),
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
            warnings,
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
                warnings.push(format!(
                    "{from} cites {to}, which is later: check the extraction or the organ"
                ));
            }
            let evidence = facts
                .evidence
                .iter()
                .min_by_key(|(lang, (in_footnote, _))| (*in_footnote, title_preference(**lang)))
                .map(|(_, (_, text))| text.clone());
            raw.edges.insert(
                (from, to),
                Edge {
                    count: facts.count,
                    verbs: facts.verbs,
                    sections: facts.sections,
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
