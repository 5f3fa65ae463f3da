"""Precompute each answer's contribution to every recommendable item.

Propagation is personalized PageRank over the knowledge graph (undirected,
weighted, sources left out): an answer's effects are the restart distribution,
so an answer about a theme also lifts the cases in that theme and the tips
they teach. PageRank favours items with many links (a building block that
every case names would top every list), so each score is divided by the
square root of the item's weighted degree, relative to the mean (``BETA``):
enough to let specific matches win, not so much that thinly linked items do.
Because PageRank is linear in its personalization and the damping is a fixed
factor per item, the scores of a set of answers are exactly the sum of the
answers' own contributions. They are
rounded to integers here, once, so the browser and the CLI only add integers
and always agree.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .model import Vragenlijst

__all__ = ["ALPHA", "SCALE", "BETA", "RESULT_KINDS", "propagation_graph", "contributions", "engine_data"]

ALPHA = 0.5  # half the mass stays on what an answer names; half spreads along edges
SCALE = 10_000  # contribution units per unit of effect weight
BETA = 0.5  # hub damping: score * (mean degree / degree) ** BETA
RESULT_KINDS = ("bouwsteen", "stap", "tip", "casus", "kader")


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


def contributions(graph: nx.Graph, effects: dict[str, int], kinds: dict[str, str]) -> dict[str, int]:
    """Integer contribution of one answer to every result item it reaches.

    Parameters
    ----------
    graph : networkx.Graph
        From ``propagation_graph``; not changed.
    effects : dict
        Node -> effect weight of one answer.
    kinds : dict
        Node -> kind, to keep only recommendable items.

    Raises
    ------
    KeyError
        When an effect names a node that is not in the graph.
    networkx.PowerIterationFailedConvergence
        When PageRank does not converge (never returns a partial result).
    """
    missing = sorted(set(effects) - set(graph))
    if missing:
        raise KeyError(f"onbekende knopen in effecten: {missing}")
    total = sum(effects.values())
    if total == 0:
        return {}
    rank = nx.pagerank(graph, alpha=ALPHA, personalization=dict(effects), weight="weight",
                       tol=1e-12, max_iter=10_000)
    degree = dict(graph.degree(weight="weight"))
    mean = sum(degree.values()) / len(degree)
    result = {}
    for node, value in rank.items():
        if not degree[node]:
            continue
        points = round(SCALE * total * value * (mean / degree[node]) ** BETA)
        if points > 0 and kinds[node] in RESULT_KINDS:
            result[node] = points
    return dict(sorted(result.items()))


def engine_data(vragenlijst: Vragenlijst, knowledge: nx.MultiDiGraph, urls: dict[str, str],
                extra: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Everything the advice needs, as plain JSON data (the same for CLI and browser).

    ``urls`` maps node -> page URL (relative to the site root); ``extra`` adds
    per-node fields (``nummer`` of a stap, ``doelgroepen`` and ``valkuil`` of a tip).
    """
    graph = propagation_graph(knowledge)
    kinds = {node: attrs["kind"] for node, attrs in knowledge.nodes(data=True)}
    vragen = []
    for vraag in vragenlijst.vragen:
        opties = []
        for optie in vraag.opties:
            effects: dict[str, int] = {}
            for effect in optie.effecten:
                effects[effect.doel] = effects.get(effect.doel, 0) + effect.gewicht
            opties.append({
                "id": optie.id,
                "tekst": optie.tekst,
                "uitleg": optie.uitleg,
                "volgende": optie.volgende,
                "doelgroep": optie.doelgroep,
                "waarschuwingen": [f"tip:{tip}" for tip in optie.waarschuwingen],
                # A list, not an object: its order (strongest first) is the order in
                # which explanations search the graph, and JSON objects get re-sorted.
                "effecten": [[node, weight] for node, weight in sorted(effects.items(), key=lambda kv: (-kv[1], kv[0]))],
                "bijdragen": contributions(graph, effects, kinds),
            })
        vragen.append({"id": vraag.id, "tekst": vraag.tekst, "uitleg": vraag.uitleg, "type": vraag.type,
                       "volgende": vraag.volgende, "opties": opties})
    knopen = {}
    for node in sorted(graph):
        attrs = knowledge.nodes[node]
        knopen[node] = {"soort": attrs["kind"], "titel": attrs["titel"], "url": urls.get(node, ""),
                        **extra.get(node, {})}
    buren = {node: sorted(graph.neighbors(node)) for node in sorted(graph)}
    return {"versie": 1, "titel": vragenlijst.titel, "start": vragenlijst.start, "vragen": vragen,
            "knopen": knopen, "buren": buren}
