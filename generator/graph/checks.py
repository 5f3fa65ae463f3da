"""Integrity checks over the whole knowledge graph; they return warnings.

A warning does not stop a build, but ``check --strict`` (and CI) treats it as an
error: the knowledge base is only useful when its parts are well connected.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..errors import Problem
from ..models import KIND_BY_NAME

__all__ = ["Drempels", "DREMPELS", "find_graph_problems"]


@dataclass(frozen=True)
class Drempels:
    """Minimum connections per item, below which the check warns."""

    casussen_per_bouwsteen: int = 4
    casussen_per_stap: int = 3
    casussen_per_thema: int = 2
    tips_per_uitgebreide_casus: int = 6
    begrippen_per_uitgebreide_casus: int = 3


DREMPELS = Drempels()

# Which relations make a case "illustrate" an item, per kind of item.
_CASE_RELATIONS = {
    "bouwsteen": {"illustreert"},
    "stap": {"doorloopt"},
    "thema": {"heeft_thema"},
}


def _warning(graph: nx.MultiDiGraph, node: str, melding: str, oplossing: str) -> Problem:
    attrs = graph.nodes[node]
    return Problem(attrs["bestand"], 1, 1, "", melding, oplossing, niveau="waarschuwing")


def _linked(graph: nx.MultiDiGraph, node: str, kind: str) -> set[str]:
    """Items of ``kind`` linked to ``node`` in either direction, by any relation but 'bron'."""
    found = {t for _, t, d in graph.out_edges(node, data=True) if d["relation"] != "bron"}
    found |= {s for s, _, d in graph.in_edges(node, data=True) if d["relation"] != "bron"}
    return {n for n in found if graph.nodes[n]["kind"] == kind}


def _cases_for(graph: nx.MultiDiGraph, node: str, kind: str) -> set[str]:
    return {
        source for source, _, data in graph.in_edges(node, data=True)
        if graph.nodes[source]["kind"] == "casus" and data["relation"] in _CASE_RELATIONS[kind]
    }


def find_graph_problems(graph: nx.MultiDiGraph, drempels: Drempels = DREMPELS) -> list[Problem]:
    """Warnings about gaps in the knowledge graph.

    - a bouwsteen, stap or thema illustrated by too few cases;
    - a tip linked to no case, bouwsteen, stap or thema;
    - an 'uitgebreid' case with too few tips or begrippen.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        From ``build_graph``; not changed.
    drempels : Drempels
        The minimum numbers; ``DREMPELS`` by default.
    """
    minimum = {
        "bouwsteen": drempels.casussen_per_bouwsteen,
        "stap": drempels.casussen_per_stap,
        "thema": drempels.casussen_per_thema,
    }
    problems = []
    for node, attrs in sorted(graph.nodes(data=True)):
        kind = attrs["kind"]
        label = KIND_BY_NAME[kind]
        if kind in minimum:
            count = len(_cases_for(graph, node, kind))
            if count == 0:
                problems.append(_warning(
                    graph, node, f"geen enkele casus is aan {label.deze} gekoppeld",
                    f"koppel minstens één casus aan '{attrs['id']}'",
                ))
            elif count < minimum[kind]:
                problems.append(_warning(
                    graph, node, f"maar {count} casus(sen) gekoppeld aan {label.deze}; minstens {minimum[kind]} gewenst",
                    f"koppel meer casussen aan '{attrs['id']}'",
                ))
        elif kind == "tip":
            if not any(_linked(graph, node, k) for k in ("casus", "bouwsteen", "stap", "thema")):
                problems.append(_warning(
                    graph, node, "deze tip hangt los: geen casus, bouwsteen, stap of thema",
                    "koppel de tip aan een bouwsteen, stap, thema of casus",
                ))
        elif kind == "casus" and attrs.get("diepgang") == "uitgebreid":
            for other, wanted in (("tip", drempels.tips_per_uitgebreide_casus),
                                  ("begrip", drempels.begrippen_per_uitgebreide_casus)):
                count = len(_linked(graph, node, other))
                if count < wanted:
                    problems.append(_warning(
                        graph, node,
                        f"een uitgebreide casus hoort minstens {wanted} {KIND_BY_NAME[other].label_plural} "
                        f"te hebben; deze heeft er {count}",
                        f"voeg {KIND_BY_NAME[other].label_plural} toe onder "
                        f"'{'lessen' if other == 'tip' else 'begrippen'}'",
                    ))
    return problems
