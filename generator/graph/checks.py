"""Integrity checks over the whole knowledge graph; they return warnings."""

from __future__ import annotations

import networkx as nx

from ..errors import Problem
from ..models import KIND_BY_NAME

__all__ = ["find_graph_problems"]


def _warning(graph: nx.MultiDiGraph, node: str, melding: str, oplossing: str) -> Problem:
    attrs = graph.nodes[node]
    return Problem(attrs["bestand"], 1, 1, "", melding, oplossing, niveau="waarschuwing")


def _incoming(graph: nx.MultiDiGraph, node: str, kind: str, relations: set[str]) -> set[str]:
    return {
        source for source, _, data in graph.in_edges(node, data=True)
        if graph.nodes[source]["kind"] == kind and data["relation"] in relations
    }


def find_graph_problems(graph: nx.MultiDiGraph) -> list[Problem]:
    """Warnings about gaps in the knowledge graph.

    - a bouwsteen, stap or thema that no case illustrates;
    - a tip that no case and no bouwsteen or stap points to or from;
    - a casus with no bouwsteen or no tip (only for 'uitgebreid' is that an error,
      which the model already enforces).
    """
    problems = []
    for node, attrs in sorted(graph.nodes(data=True)):
        kind = attrs["kind"]
        if kind in ("bouwsteen", "stap", "thema"):
            relations = {"illustreert", "doorloopt", "heeft_thema"}
            if not _incoming(graph, node, "casus", relations):
                problems.append(_warning(
                    graph, node, f"geen enkele casus is aan {KIND_BY_NAME[kind].deze} gekoppeld",
                    f"koppel minstens één casus aan '{attrs['id']}'",
                ))
        elif kind == "tip":
            if graph.degree(node) - sum(1 for _, t, d in graph.out_edges(node, data=True) if d["relation"] == "bron") == 0:
                problems.append(_warning(
                    graph, node, "deze tip hangt los: geen casus, bouwsteen, stap of thema",
                    "koppel de tip aan een bouwsteen, stap, thema of casus",
                ))
    return problems

