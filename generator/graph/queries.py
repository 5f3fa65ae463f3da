"""Pure queries over the knowledge graph; none of them changes the graph."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np


__all__ = ["Link", "neighbours", "related_items", "related_table"]

_BLOCK = 64  # rows of the similarity matrix held at once: bounded memory at any size


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
    return related_table(graph, kind, [node], limit=limit)[node]


def related_table(graph: nx.MultiDiGraph, kind: str, nodes: list[str] | None = None, *,
                  limit: int = 5) -> dict[str, list[tuple[str, int, list[str]]]]:
    """``related_items`` for many nodes at once (default: every node of ``kind``).

    With ``W`` the strongest weight between two nodes (sources left out) and ``L``
    whether they are linked, the score of a row and a candidate is
    ``sum over shared m of W(row, m) + W(candidate, m)``, that is
    ``W @ L.T + L @ W.T``: two sparse products, per block of ``_BLOCK`` rows so
    memory stays bounded. The scores are whole numbers, so the result is exact.
    """
    import scipy.sparse  # here: only pages with related items pay for the import

    order = list(graph)
    index = {n: i for i, n in enumerate(order)}
    kinds = [graph.nodes[n]["kind"] for n in order]
    # Per node, its neighbours that can be shared (not sources), with the strongest weight either way.
    links: list[dict[int, int]] = [{} for _ in order]
    for u, v, weight in graph.edges(data="weight"):
        a, b = index[u], index[v]
        for one, other in ((a, b), (b, a)):
            if kinds[other] != "bron":
                links[one][other] = max(links[one].get(other, 0), int(weight))
    rows_, columns, values = [], [], []
    for one, strongest in enumerate(links):
        for other, weight in strongest.items():
            rows_.append(one)
            columns.append(other)
            values.append(weight)
    weights = scipy.sparse.csr_array((np.array(values, dtype=np.float64), (rows_, columns)), shape=(len(order),) * 2)
    linked = (weights > 0).astype(np.float64)
    candidates = sorted((i for i, k in enumerate(kinds) if k == kind), key=lambda i: order[i])
    position = {c: p for p, c in enumerate(candidates)}
    wanted = [index[n] for n in nodes] if nodes is not None else candidates
    weights_c, linked_c = weights[candidates].T.tocsr(), linked[candidates].T.tocsr()
    result: dict[str, list[tuple[str, int, list[str]]]] = {}
    for start in range(0, len(wanted), _BLOCK):
        rows = wanted[start:start + _BLOCK]
        scores = (weights[rows] @ linked_c + linked[rows] @ weights_c).toarray()
        for line, i in zip(scores, rows):
            if i in position:
                line[position[i]] = 0  # not related to itself
            found = np.flatnonzero(line > 0)
            if found.size > limit:
                # Keep everything tied with the limit-th score; the sort below breaks ties by id.
                threshold = np.partition(line[found], found.size - limit)[found.size - limit]
                found = found[line[found] >= threshold]
            best = sorted(found.tolist(), key=lambda c: (-line[c], order[candidates[c]]))[:limit]
            entries = []
            for c in best:
                other = candidates[c]
                both = links[i].keys() & links[other].keys()
                entries.append((order[other], int(line[c]), sorted(order[m] for m in both)))
            result[order[i]] = entries
    return result
