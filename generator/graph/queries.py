"""Pure queries over the knowledge graph; none of them changes the graph."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from ..parallel import parallel_map

__all__ = ["Link", "neighbours", "related_items", "related_table"]

_BLOCK = 256  # rows of the similarity matrix held at once: bounded memory at any size
_EXPANDED = 1 << 22  # shared-neighbour pairs spelled out at once per block (a few tens of MB)
# A neighbour linked to this many candidates is summed as a dense product instead
# of pair by pair: for a building block that half of 10,000 cases name, spelling
# out every pair costs far more than one matrix product.
_HUB = 256


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

    Scores are counted per block of rows over the neighbours each row shares
    with each candidate; comparing each case with every other one by walking
    the graph grew quadratically. They are whole numbers, so every way of
    summing them (pair by pair, or a matrix product for hubs) gives the same.
    """
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
    candidates = sorted((i for i, k in enumerate(kinds) if k == kind), key=lambda i: order[i])
    position = {c: p for p, c in enumerate(candidates)}
    wanted = [index[n] for n in nodes] if nodes is not None else candidates
    shared = _SharedNeighbours(links, candidates)

    def one_block(rows: list[int]) -> list[tuple[str, list[tuple[str, int, list[str]]]]]:
        scores = shared.scores(rows)
        result = []
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
            result.append((order[i], entries))
        return result

    # Blocks are independent: on every core for a large knowledge base.
    blocks = shared.blocks(wanted)
    return {node: entries for rows in parallel_map(one_block, blocks, min_items=8) for node, entries in rows}


class _SharedNeighbours:
    """Sums, for rows and candidates, ``w(row, m) + w(candidate, m)`` over the neighbours ``m`` they share."""

    def __init__(self, links: list[dict[int, int]], candidates: list[int]) -> None:
        self.links = links
        self.size = len(candidates)
        by_middle: dict[int, list[tuple[int, int]]] = {}
        for p, c in enumerate(candidates):
            for m, w in links[c].items():
                by_middle.setdefault(m, []).append((p, w))
        hubs = sorted(m for m, entries in by_middle.items() if len(entries) >= _HUB)
        self.hub = {m: h for h, m in enumerate(hubs)}
        # Hubs as dense rows: candidate weights, and whether linked at all.
        self.hub_weight = np.zeros((len(hubs), self.size))
        for h, m in enumerate(hubs):
            for p, w in by_middle[m]:
                self.hub_weight[h, p] = w
        self.hub_linked = (self.hub_weight > 0).astype(np.float64)
        # The other neighbours as a compressed list: middle -> (candidate, weight) pairs.
        self.start: dict[int, int] = {}
        self.count: dict[int, int] = {}
        flat: list[tuple[int, int]] = []
        for m, entries in by_middle.items():
            if m not in self.hub:
                self.start[m], self.count[m] = len(flat), len(entries)
                flat += entries
        self.candidate = np.array([p for p, _ in flat], dtype=np.int64)
        self.weight = np.array([w for _, w in flat], dtype=np.int64)

    def expanded(self, row: int) -> int:
        """How many pairs ``row`` spells out."""
        return sum(self.count.get(m, 0) for m in self.links[row])

    def blocks(self, rows: list[int]) -> list[list[int]]:
        """``rows`` cut into blocks of at most ``_BLOCK`` rows and about ``_EXPANDED`` pairs."""
        blocks: list[list[int]] = []
        current: list[int] = []
        pairs = 0
        for row in rows:
            cost = self.expanded(row)
            if current and (len(current) == _BLOCK or pairs + cost > _EXPANDED):
                blocks.append(current)
                current, pairs = [], 0
            current.append(row)
            pairs += cost
        if current:
            blocks.append(current)
        return blocks

    def scores(self, rows: list[int]) -> np.ndarray:
        """A ``len(rows)`` x candidates array of whole-number scores."""
        starts, counts, own, where = [], [], [], []
        hub_weight = np.zeros((len(rows), len(self.hub)))
        for r, row in enumerate(rows):
            for m, w in self.links[row].items():
                if m in self.hub:
                    hub_weight[r, self.hub[m]] = w
                elif m in self.start:
                    starts.append(self.start[m])
                    counts.append(self.count[m])
                    own.append(w)
                    where.append(r)
        counts_a = np.array(counts, dtype=np.int64)
        total = int(counts_a.sum())
        # Position k of the pairs belongs to the k-th (row, middle) entry, repeated per candidate.
        first = np.repeat(np.array(starts, dtype=np.int64) - np.cumsum(counts_a) + counts_a, counts_a)
        taken = first + np.arange(total, dtype=np.int64)
        keys = np.repeat(np.array(where, dtype=np.int64), counts_a) * self.size + self.candidate[taken]
        values = np.repeat(np.array(own, dtype=np.int64), counts_a) + self.weight[taken]
        scores: np.ndarray = np.bincount(keys, weights=values, minlength=len(rows) * self.size).reshape(len(rows), self.size)
        if self.hub:
            hub_linked = (hub_weight > 0).astype(np.float64)
            scores += hub_weight @ self.hub_linked + hub_linked @ self.hub_weight
        return scores
