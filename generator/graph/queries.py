"""Pure queries over the knowledge graph; none of them changes the graph."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

__all__ = ["Link", "neighbours", "related_items"]


@dataclass(frozen=True)
class Link:
    """A neighbour of a node, seen from that node."""

    node: str
    kind: str
    id: str
    titel: str
    relation: str
    richting: str  # "uit" (this node refers to it) or "in" (it refers to this node)
    attrs: tuple[tuple[str, object], ...] = ()

    def attr(self, name: str, default: object = None) -> object:
        """One edge attribute, e.g. ``sterkte``."""
        return dict(self.attrs).get(name, default)


def neighbours(graph: nx.MultiDiGraph, node: str, kind: str | None = None) -> list[Link]:
    """Every item linked to ``node`` in either direction, optionally of one kind.

    Sorted by kind, then title, then id, so pages list them in a stable order.
    An item linked by several relations appears once per relation.
    """
    if node not in graph:
        raise KeyError(f"onbekende knoop {node!r}")
    links = []
    for _, target, data in graph.out_edges(node, data=True):
        links.append(_link(graph, target, data, "uit"))
    for source, _, data in graph.in_edges(node, data=True):
        links.append(_link(graph, source, data, "in"))
    if kind is not None:
        links = [link for link in links if link.kind == kind]
    return sorted(links, key=lambda l: (l.kind, l.titel.casefold(), l.id, l.relation))


def _link(graph: nx.MultiDiGraph, other: str, data: dict, richting: str) -> Link:
    attrs = graph.nodes[other]
    extra = tuple(sorted((k, v) for k, v in data.items() if k not in ("relation", "weight")))
    return Link(other, attrs["kind"], attrs["id"], attrs["titel"], data["relation"], richting, extra)


def related_items(graph: nx.MultiDiGraph, node: str, kind: str, *, limit: int = 5) -> list[tuple[str, int, list[str]]]:
    """Items of ``kind`` that share neighbours with ``node``, most shared first.

    Returns ``(node, score, shared)`` where ``score`` sums the weights of both
    edges of every shared neighbour and ``shared`` lists those neighbours' nodes.
    Ties break by node id. Sources (``bron``) are not counted: sharing a book says
    little about similarity.
    """
    if node not in graph:
        raise KeyError(f"onbekende knoop {node!r}")
    undirected_weight: dict[str, dict[str, int]] = defaultdict(dict)
    for u, v, data in graph.edges(data=True):
        for a, b in ((u, v), (v, u)):
            undirected_weight[a][b] = max(undirected_weight[a].get(b, 0), int(data["weight"]))
    scores: dict[str, int] = defaultdict(int)
    shared: dict[str, list[str]] = defaultdict(list)
    for middle, weight in undirected_weight[node].items():
        if graph.nodes[middle]["kind"] == "bron":
            continue
        for other, other_weight in undirected_weight[middle].items():
            if other == node or graph.nodes[other]["kind"] != kind:
                continue
            scores[other] += weight + other_weight
            shared[other].append(middle)
    ranked = sorted(scores, key=lambda other: (-scores[other], other))
    return [(other, scores[other], sorted(shared[other])) for other in ranked[:limit]]
