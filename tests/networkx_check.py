#!/usr/bin/env python3
"""Loads rescite's node-link JSON with networkx and checks it.

Usage: networkx_check.py FILE NODES EDGES [SOURCE TARGET COUNT]

networkx >= 3.6 reads the key `edges` by default (DESIGN.md §3). Checks the
node and edge counts, that the graph is directed, that every edge and node
carries the attributes the schema promises (count >= 1, verbs, organ, url),
and, given SOURCE TARGET COUNT, that this edge exists with that count.
Exits non-zero with a message on the first failure.
"""
import json
import sys

import networkx as nx


def main() -> int:
    if len(sys.argv) not in (4, 7):
        print(__doc__, file=sys.stderr)
        return 2
    path, nodes, edges = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    graph = nx.node_link_graph(data)
    problems = []
    if not graph.is_directed():
        problems.append("graph is not directed")
    if graph.is_multigraph():
        problems.append("graph is a multigraph")
    if graph.number_of_nodes() != nodes:
        problems.append(f"{graph.number_of_nodes()} nodes, expected {nodes}")
    if graph.number_of_edges() != edges:
        problems.append(f"{graph.number_of_edges()} edges, expected {edges}")
    for source, target, attrs in graph.edges(data=True):
        count = attrs.get("count")
        if not isinstance(count, int) or count < 1:
            problems.append(f"edge {source} -> {target}: count {count!r}")
            break
        if not isinstance(attrs.get("verbs"), list):
            problems.append(f"edge {source} -> {target}: verbs {attrs.get('verbs')!r}")
            break
    for node, attrs in graph.nodes(data=True):
        if attrs.get("organ") not in {"GA", "SC", "ECOSOC", "HRC", "CHR"}:
            problems.append(f"node {node}: organ {attrs.get('organ')!r}")
            break
        if attrs.get("url") != f"https://undocs.org/en/{node}":
            problems.append(f"node {node}: url {attrs.get('url')!r}")
            break
    if len(sys.argv) == 7:
        source, target, count = sys.argv[4], sys.argv[5], int(sys.argv[6])
        if not graph.has_edge(source, target):
            problems.append(f"no edge {source} -> {target}")
        elif graph.edges[source, target].get("count") != count:
            got = graph.edges[source, target].get("count")
            problems.append(f"edge {source} -> {target}: count {got!r}, expected {count}")
    if "generator" not in graph.graph:
        problems.append("no graph attribute `generator`")
    if problems:
        for p in problems:
            print(f"networkx_check: {p}", file=sys.stderr)
        return 1
    print(f"networkx {nx.__version__}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    return 0


if __name__ == "__main__":
    sys.exit(main())
