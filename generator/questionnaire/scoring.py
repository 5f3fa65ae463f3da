"""Precompute each answer's contribution to every recommendable item.

Propagation is personalized PageRank over the knowledge graph (undirected,
weighted, sources left out): an answer's effects are the restart distribution,
so an answer about a theme also lifts the cases in that theme and the tips
they teach. PageRank favours items with many links, and the questionnaire names some cases
from many answers; either way an item would be pulled up whatever the
situation. So an answer's pull on an item counts only beyond the least that
any answer to the same question gives it, divided by what an average
respondent's answers give it (a lift). For cases that is not enough: the
questionnaire names some cases on both routes and some answers pull every case a
little, so the case part of the matrix is balanced (``balance``: every answer
gives the cases the same total, every case gets the same total from all
answers). Even then a few cases reached the top 3 of many more respondents than
others; ``engine_data`` finally limits that exposure (``exposure.py``). See
ARCHITECTURE.md §7 for the figures.
Each answer's contribution is computed on its own, so the scores of a set of
answers are exactly the sum of the answers' contributions. They are rounded to
integers here, once, so the browser and the CLI only add integers and always
agree.

Each answer then *nominates* only its strongest items per kind (``NOMINATIONS``,
four times the longest list of that kind; tips per audience): an answer counts
for the cases and tips that match it best, not for a faint echo of itself in
every corner of the graph. That keeps the advice focused, and it keeps the data
the browser loads the same size whether there are 25 cases or 10,000.

All answers are propagated in one batched power iteration (one scipy sparse
product per step for all answers), the same iteration as ``networkx.pagerank``.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable
from typing import Any, NamedTuple

import networkx as nx
import numpy as np

from .advice import LIMITS
from .exposure import limit_exposure, sample_answer_sets
from .model import Vragenlijst
from .pruning import prune_engine_data

__all__ = ["ALPHA", "SCALE", "RESULT_KINDS", "NOMINATIONS", "propagation_graph", "contributions_for", "excess_pull", "balance",
           "explanation_parents", "ScoreMemo", "engine_data"]

ALPHA = 0.5  # half the mass stays on what an answer names; half spreads along edges
SCALE = 10_000  # contribution units per unit of effect weight
RESULT_KINDS = ("bouwsteen", "stap", "tip", "casus", "kader")
_TOL = 1e-12  # per node, as networkx's ``tol``: columns stop when the L1 change < N * tol
_MAX_ITER = 10_000
_BALANCE_TOL = 1e-9  # relative spread of the row sums at which ``balance`` stops
# Per answer, how many items of a kind it may lift: four times the longest list
# of that kind in the advice (tips: per audience). Kinds not named keep every item.
NOMINATIONS = {"casus": 20, "tip": 32, "kader": 8}


def propagation_graph(knowledge: nx.MultiDiGraph) -> nx.Graph:
    """The undirected, weighted graph that answers spread over.

    Sources (``bron``) are left out: sharing a book says nothing about a
    situation. Parallel edges keep their highest weight.
    """
    graph = nx.Graph()
    for node, attrs in knowledge.nodes(data=True):
        if attrs["kind"] != "bron":
            graph.add_node(node)
    for u, v, data in knowledge.edges(data=True):
        if u in graph and v in graph:
            weight = max(int(data["weight"]), graph.get_edge_data(u, v, {"weight": 0})["weight"])
            graph.add_edge(u, v, weight=weight)
    return graph


def _transition(graph: nx.Graph, nodes: list[str]) -> tuple[Any, np.ndarray]:
    """The transposed row-normalised weights (a scipy sparse matrix), and each node's total weight.

    Row ``i`` holds, per neighbour ``j``, the share of ``j``'s rank that flows to
    ``i``: ``weight(j, i) / total(j)``, as in ``networkx.pagerank``.
    """
    import scipy.sparse  # here: only building the questionnaire data pays for the import

    adjacency = nx.to_scipy_sparse_array(graph, nodelist=nodes, weight="weight", dtype=float, format="csr")
    total = np.asarray(adjacency.sum(axis=1)).ravel()
    inverse = np.divide(1.0, total, out=np.zeros_like(total), where=total != 0)
    return (scipy.sparse.diags_array(inverse) @ adjacency).T.tocsr(), total


def _propagate(graph: nx.Graph, effects_list: list[dict[str, int]]) -> tuple[list[str], np.ndarray]:
    """Personalized PageRank for many personalizations at once.

    The same iteration as ``networkx.pagerank`` (its scipy version: row-normalised
    weights, dangling mass back to the personalization, stop when the L1 change
    is below ``N * tol``), run on a matrix with one column per answer so the
    sparse product is shared; a column stops changing once it has converged,
    exactly as a separate call would stop.
    """
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    n, m = len(nodes), len(effects_list)
    transposed, out = _transition(graph, nodes)
    dangling = out == 0
    personal = np.zeros((n, m))
    for column, effects in enumerate(effects_list):
        for node, weight in effects.items():
            personal[index[node], column] = weight
    totals = personal.sum(axis=0)
    personal = np.divide(personal, totals, out=np.zeros_like(personal), where=totals != 0)
    x = np.full((n, m), 1.0 / n)
    active = np.flatnonzero(totals != 0)
    for _ in range(_MAX_ITER):
        if not active.size:
            break
        last = x[:, active]
        p = personal[:, active]
        new = ALPHA * (transposed @ last + last[dangling].sum(axis=0) * p) + (1 - ALPHA) * p
        x[:, active] = new
        converged = np.abs(new - last).sum(axis=0) < n * _TOL
        active = active[~converged]
    else:
        raise nx.PowerIterationFailedConvergence(_MAX_ITER)
    return nodes, x


def contributions_for(graph: nx.Graph, effects_list: list[dict[str, int]], kinds: dict[str, str],
                      extra: dict[str, dict[str, Any]] | None = None, *,
                      questions: list[str]) -> list[dict[str, int]]:
    """Integer contribution of each answer to the result items it nominates.

    An answer's *pull* on an item is its personalized PageRank times its total
    effect weight. From that the least pull any answer to the same question
    gives the item is taken off (``excess_pull``), and the rest is divided by
    what an average respondent's answers give the item: a lift, how much more
    this answer points to the item than answers in general do. For cases the
    excess is balanced over items and answers instead (``balance``), times the
    number of cases. Times ``SCALE``, rounded.

    Parameters
    ----------
    graph : networkx.Graph
        From ``propagation_graph``; not changed.
    effects_list : list of dict
        Per answer: node -> effect weight.
    kinds : dict
        Node -> kind, to keep only recommendable items.
    extra : dict, optional
        Node -> extra fields; a tip's ``doelgroepen`` decide its audiences.
    questions : list of str
        Per answer, the question it answers: the answers of one question are
        alternatives.

    Raises
    ------
    KeyError
        When an effect names a node that is not in the graph.
    networkx.PowerIterationFailedConvergence
        When PageRank does not converge (never returns a partial result).
    """
    missing = sorted({node for effects in effects_list for node in effects} - set(graph))
    if missing:
        raise KeyError(f"onbekende knopen in effecten: {missing}")
    if not effects_list:
        return []
    nodes, ranks = _propagate(graph, effects_list)
    totals = np.array([sum(effects.values()) for effects in effects_list], dtype=float)
    excess = excess_pull(ranks * totals, questions)
    # What an average respondent gives each item: per question the mean over its answers.
    expected = np.zeros(len(nodes))
    for columns in excess.groups:
        expected += excess.values[:, columns].mean(axis=1)
    wanted = np.array([kinds[node] in RESULT_KINDS for node in nodes]) & (expected > 0)
    lift = SCALE * np.divide(excess.values, expected[:, None], out=np.zeros_like(excess.values), where=wanted[:, None])
    # Cases are balanced over answers as well (see ``balance``); times the number of
    # cases, so an average contribution stays of the order of SCALE.
    cases = np.flatnonzero(np.array([kinds[node] == "casus" for node in nodes]))
    lift[cases] = SCALE * len(cases) * balance(excess.values[cases])
    audiences = _audiences(kinds, extra or {})
    results = []
    for column in range(len(effects_list)):
        points = lift[:, column]
        scored = {nodes[i]: round(float(points[i])) for i in np.flatnonzero(points >= 0.5)}
        results.append(_nominate(scored, kinds, audiences))
    return [dict(sorted(result.items())) for result in results]


def balance(matrix: np.ndarray) -> np.ndarray:
    """Scale rows and columns of a non-negative item x answer matrix until both are even.

    Matrix balancing (Sinkhorn-Knopp): rows are divided by their sums, then
    columns, over and over. In the result every answer gives the items of a
    kind the same total, and every item gets the same total from all answers
    together: an item that many answers pull (linked to much of the graph, or
    named by the questionnaire on several routes) counts for less per answer,
    and an answer that pulls everything a little counts for less per item. Each
    entry is still one answer's pull on one item times a factor per item and
    per answer, so scores stay sums over answers. Rows and columns that are all
    zero stay zero. Stops when the row sums are all within ``_BALANCE_TOL`` of
    their common value (or after ``_MAX_ITER`` rounds; the loop is the same on
    every run, so the result is deterministic).
    """
    result = matrix.astype(np.float64, copy=True)
    for _ in range(_MAX_ITER):
        rows = result.sum(axis=1, keepdims=True)
        result = np.divide(result, rows, out=np.zeros_like(result), where=rows > 0)
        columns = result.sum(axis=0, keepdims=True)
        result = np.divide(result, columns, out=np.zeros_like(result), where=columns > 0)
        sums = result.sum(axis=1)
        live = sums[sums > 0]
        if not live.size or live.max() - live.min() <= _BALANCE_TOL * live.max():
            break
    return result


class Excess(NamedTuple):
    values: np.ndarray  # node x answer
    groups: list[list[int]]  # per question, its answers' columns


def excess_pull(pull: np.ndarray, questions: list[str]) -> Excess:
    """Each answer's pull on each node beyond the least any answer to the same question gives it.

    What every answer to a question gives a node (because the node is linked to
    all that those answers touch) says nothing about the situation, so it is
    taken off before comparing.
    """
    groups = [[i for i, q in enumerate(questions) if q == question] for question in dict.fromkeys(questions)]
    values = pull.copy()
    for columns in groups:
        values[:, columns] -= pull[:, columns].min(axis=1, keepdims=True)
    return Excess(values, groups)


def _audiences(kinds: dict[str, str], extra: dict[str, dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    """Per tip, the audiences it is shown to (``doelgroepen``; 'iedereen' fits all)."""
    return {node: tuple(extra.get(node, {}).get("doelgroepen", ["iedereen"])) for node, kind in kinds.items()
            if kind == "tip"}


def _nominate(scored: dict[str, int], kinds: dict[str, str], audiences: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Keep, per kind, the answer's ``NOMINATIONS`` strongest items; for tips, per audience.

    Ties go to the smaller id, as in the advice. An item outside every answer's
    nominations can never be shown, so the data no longer grows with the size
    of the knowledge base.
    """
    by_kind: dict[str, list[tuple[int, str]]] = {}
    for node, value in scored.items():
        by_kind.setdefault(kinds[node], []).append((-value, node))
    kept: dict[str, int] = {}
    for kind, entries in by_kind.items():
        entries.sort()
        limit = NOMINATIONS.get(kind)
        if limit is None:
            chosen = entries
        elif kind == "tip":
            chosen = []
            for audience in sorted({a for node in scored if kinds[node] == "tip" for a in audiences[node]}):
                fitting = [e for e in entries if audience in audiences[e[1]] or "iedereen" in audiences[e[1]]]
                chosen += fitting[:limit]
        else:
            chosen = entries[:limit]
        kept.update({node: -negative for negative, node in chosen})
    return kept


def explanation_parents(adjacency: dict[str, list[str]], sources: list[str],
                        until: set[str] | None = None) -> dict[str, str]:
    """Breadth-first tree from an answer's effects: node -> the node it was reached from.

    ``adjacency`` lists each node's neighbours in sorted order; sources are
    visited in order (strongest effect first), so the path from the tree is the
    one an explanation names. With ``until``, the search stops once all those
    nodes are reached: their paths are final by then, and at 10,000 cases the
    whole tree per answer was half of the questionnaire's build time.
    """
    parents: dict[str, str] = {}
    seen = set()
    queue: deque[str] = deque()
    for source in sources:
        if source not in seen and source in adjacency:
            seen.add(source)
            queue.append(source)
    missing = None if until is None else set(until) - seen
    while queue:
        if missing is not None and not missing:
            break
        node = queue.popleft()
        for other in adjacency[node]:
            if other not in seen:
                seen.add(other)
                parents[other] = node
                queue.append(other)
                if missing is not None:
                    missing.discard(other)
    return parents


class ScoreMemo:
    """The previous build's contributions and a digest of what they were made from (the live preview).

    Propagating, balancing and limiting exposure take about a second with the
    real content, and a save that only changes a text changes none of their
    inputs: the graph's nodes and weighted edges, the kinds, the tips'
    audiences and the questionnaire.
    """

    def __init__(self) -> None:
        self._key = ""
        self._contributions: list[dict[str, int]] = []
        self.computed = 0  # how often they were made (the tests watch it)

    def get(self, key: str, compute: Callable[[], list[dict[str, int]]]) -> list[dict[str, int]]:
        if key != self._key:
            self._contributions, self._key = compute(), key
            self.computed += 1
        return [dict(points) for points in self._contributions]  # the caller's to change


def _inputs_digest(graph: nx.Graph, kinds: dict[str, str], audiences: dict[str, tuple[str, ...]],
                   vragenlijst: Vragenlijst) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in (sorted(graph.nodes), sorted(graph.edges(data="weight")), sorted(kinds.items()),
                 sorted(audiences.items())):
        digest.update(repr(part).encode("utf-8"))
    digest.update(vragenlijst.model_dump_json().encode("utf-8"))
    return digest.hexdigest()


def engine_data(vragenlijst: Vragenlijst, knowledge: nx.MultiDiGraph, urls: dict[str, str],
                extra: dict[str, dict[str, Any]], *, prune: bool = True,
                memo: ScoreMemo | None = None) -> dict[str, Any]:
    """Everything the advice needs, as plain JSON data (the same for CLI and browser).

    ``urls`` maps node -> page URL (relative to the site root); ``extra`` adds
    per-node fields (``nummer`` of a stap, ``doelgroepen`` and ``valkuil`` of a tip).
    With ``prune`` (the default) only the nodes and paths an advice can show are
    kept (see ``pruning.py``); ``prune=False`` gives the full data it must equal.
    With ``memo`` (the live preview) the contributions are reused while their inputs
    are unchanged.
    """
    graph = propagation_graph(knowledge)
    kinds = {node: attrs["kind"] for node, attrs in knowledge.nodes(data=True)}
    options = [(vraag, optie) for vraag in vragenlijst.vragen for optie in vraag.opties]
    effects_list = []
    for _, optie in options:
        effects: dict[str, int] = {}
        for effect in optie.effecten:
            effects[effect.doel] = effects.get(effect.doel, 0) + effect.gewicht
        effects_list.append(effects)

    def compute() -> list[dict[str, int]]:
        contributions = contributions_for(graph, effects_list, kinds, extra,
                                          questions=[vraag.id for vraag, _ in options])
        return limit_exposure(contributions, kinds, sample_answer_sets(vragenlijst.model_dump()))

    if memo is None:
        bijdragen = iter(compute())
    else:
        bijdragen = iter(memo.get(_inputs_digest(graph, kinds, _audiences(kinds, extra), vragenlijst), compute))
    adjacency = {node: sorted(graph.neighbors(node)) for node in graph}
    effects_iter = iter(effects_list)
    vragen = []
    for vraag in vragenlijst.vragen:
        opties = []
        for optie in vraag.opties:
            effects = next(effects_iter)
            ordered = sorted(effects.items(), key=lambda kv: (-kv[1], kv[0]))
            bijdrage = next(bijdragen)
            opties.append({
                "id": optie.id,
                "tekst": optie.tekst,
                "uitleg": optie.uitleg,
                "volgende": optie.volgende,
                "doelgroep": optie.doelgroep,
                "waarschuwingen": [f"tip:{tip}" for tip in optie.waarschuwingen],
                # A list, not an object: its order (strongest first) is the order in
                # which explanations search the graph, and JSON objects get re-sorted.
                "effecten": [[node, weight] for node, weight in ordered],
                "bijdragen": bijdrage,
                # Pruned data keeps only the paths to the nodes an answer contributes to.
                "ouders": explanation_parents(adjacency, [node for node, _ in ordered],
                                              until=set(bijdrage) if prune else None),
            })
        vragen.append({"id": vraag.id, "tekst": vraag.tekst, "kort": vraag.kort, "uitleg": vraag.uitleg, "type": vraag.type,
                       "max_keuzes": vraag.max_keuzes, "keuzenaam": vraag.keuzenaam,
                       "volgende": vraag.volgende, "opties": opties})
    knopen = {}
    for node in sorted(graph):
        attrs = knowledge.nodes[node]
        knopen[node] = {"soort": attrs["kind"], "titel": attrs["titel"], "url": urls.get(node, ""),
                        **extra.get(node, {})}
    data = {"versie": 2, "titel": vragenlijst.titel, "start": vragenlijst.start, "vragen": vragen,
            "knopen": knopen, "aantallen": dict(LIMITS)}
    return prune_engine_data(data) if prune else data
