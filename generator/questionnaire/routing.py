"""The questionnaire's routes as a networkx DiGraph, validated like the content.

Nodes are question ids plus ``RESULTAAT``; an edge ``a -> b`` means some answer
(or no answer) to ``a`` leads to ``b``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .model import RESULTAAT, Vragenlijst

__all__ = ["MAX_VRAGEN", "RouteIssue", "build_routing_graph", "find_routing_problems", "next_question", "route"]

MAX_VRAGEN = 15  # the most questions any one path may ask


@dataclass(frozen=True)
class RouteIssue:
    """A routing problem at a path inside vragenlijst.yml."""

    path: tuple[str | int, ...]
    melding: str
    oplossing: str = ""


def build_routing_graph(vragenlijst: Vragenlijst) -> nx.DiGraph:
    """Every possible step between questions; targets that do not exist become nodes too."""
    graph = nx.DiGraph()
    graph.add_node(RESULTAAT)
    vragen = vragenlijst.model_dump()["vragen"]
    for vraag in vragen:
        graph.add_node(vraag["id"])
    # The edges follow the same rule as every route (next_question): no answer, or each option.
    for vraag in vragen:
        graph.add_edge(vraag["id"], next_question(vraag, []))
        for optie in vraag["opties"]:
            graph.add_edge(vraag["id"], next_question(vraag, [optie["id"]]))
    return graph


def find_routing_problems(vragenlijst: Vragenlijst) -> list[RouteIssue]:
    """Everything wrong with the routes: unknown targets, cycles, dead ends, length.

    Checks that every target exists, that the graph is acyclic (reporting the
    cycle), that every question is reachable from ``start``, that every path ends
    at the result, and that no path asks more than ``MAX_VRAGEN`` questions.
    """
    from ..messages import suggest

    ids = [vraag.id for vraag in vragenlijst.vragen]
    known = set(ids) | {RESULTAAT}
    issues: list[RouteIssue] = []
    seen: set[str] = set()
    for number, vraag in enumerate(vragenlijst.vragen):
        if vraag.id in seen:
            issues.append(RouteIssue(("vragen", number, "id"), f"de vraag '{vraag.id}' bestaat al",
                                     "geef elke vraag een eigen id"))
        seen.add(vraag.id)
    if vragenlijst.start not in set(ids):
        issues.append(RouteIssue(("start",), f"onbekende vraag '{vragenlijst.start}'",
                                 suggest(vragenlijst.start, set(ids)) or "kies de id van de eerste vraag"))
    for number, vraag in enumerate(vragenlijst.vragen):
        targets: list[tuple[tuple[str | int, ...], str]] = [(("vragen", number, "volgende"), vraag.volgende)]
        targets += [(("vragen", number, "opties", n, "volgende"), o.volgende)
                    for n, o in enumerate(vraag.opties) if o.volgende]
        for path, target in targets:
            if target not in known:
                issues.append(RouteIssue(path, f"onbekende vraag '{target}'",
                                         suggest(target, known) or f"kies een vraag-id of '{RESULTAAT}'"))
            elif target == vraag.id:
                issues.append(RouteIssue(path, "een vraag kan niet naar zichzelf leiden", "kies een volgende vraag"))
    if issues:
        return issues

    graph = build_routing_graph(vragenlijst)
    try:
        cycle = nx.find_cycle(graph, source=vragenlijst.start)
    except nx.NetworkXNoCycle:
        cycle = []
    if cycle:
        loop = " → ".join([u for u, _ in cycle] + [cycle[0][0]])
        number = ids.index(cycle[0][0])
        return [RouteIssue(("vragen", number, "volgende"), f"de route loopt in een kring: {loop}",
                           "laat de route altijd vooruit gaan, naar een latere vraag of 'resultaat'")]
    reachable = nx.descendants(graph, vragenlijst.start) | {vragenlijst.start}
    for number, vraag in enumerate(vragenlijst.vragen):
        if vraag.id not in reachable:
            issues.append(RouteIssue(("vragen", number, "id"), f"de vraag '{vraag.id}' is vanaf de start niet te bereiken",
                                     "laat een eerdere vraag of antwoord hiernaartoe leiden, of verwijder de vraag"))
    if RESULTAAT not in reachable:
        issues.append(RouteIssue(("start",), "geen enkele route komt bij het resultaat",
                                 f"laat de laatste vraag naar '{RESULTAAT}' leiden"))
    if nx.is_directed_acyclic_graph(graph) and RESULTAAT in reachable:
        longest = nx.dag_longest_path(graph.subgraph(reachable))
        asked = [node for node in longest if node != RESULTAAT]
        if len(asked) > MAX_VRAGEN:
            issues.append(RouteIssue(("vragen",), f"de langste route stelt {len(asked)} vragen; hoogstens {MAX_VRAGEN}",
                                     "laat minder belangrijke vragen overslaan: " + " → ".join(asked)))
    return issues


def next_question(vraag: Mapping[str, Any], chosen: Sequence[str]) -> str:
    """The question after ``vraag`` (or ``RESULTAAT``) for the options ``chosen`` there.

    An answered single-choice question follows its option's ``volgende`` when it
    has one; otherwise, and for an unanswered question, the question's own.
    """
    if vraag["type"] == "een" and chosen:
        for optie in vraag["opties"]:
            if optie["id"] == chosen[0]:
                return optie.get("volgende") or vraag["volgende"]
    return vraag["volgende"]


def route(vragenlijst: Vragenlijst | Mapping[str, Any], answers: Mapping[str, Sequence[str]]) -> list[str]:
    """The questions asked, in order, for a (partial) set of answers.

    The one routing rule of the Python side (``advies.js`` has its mirror):
    the routing checks, the advice and the CLI all walk it. Takes the model or
    the engine data (``data/vragenlijst.json``), which share the field names.
    """
    data = vragenlijst.model_dump() if isinstance(vragenlijst, Vragenlijst) else vragenlijst
    questions = {vraag["id"]: vraag for vraag in data["vragen"]}
    path: list[str] = []
    current = data["start"]
    # `not in path`: a route never loops, even over data that skipped the checks.
    while current != RESULTAAT and current not in path:
        path.append(current)
        current = next_question(questions[current], answers.get(current) or [])
    return path
