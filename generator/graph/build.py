"""Build the networkx knowledge graph from validated content."""

from __future__ import annotations

import networkx as nx

from ..content import Content, Item
from ..models.casus import Casus, sterkte_gewicht
from ..references import iter_references

__all__ = ["build_graph", "node_id"]


def node_id(kind: str, item_id: str) -> str:
    """The graph node for an item: ``"kind:id"``, e.g. ``"casus:de-ketel"``.

    >>> node_id("casus", "de-ketel")
    'casus:de-ketel'
    """
    return f"{kind}:{item_id}"


def build_graph(content: Content) -> nx.MultiDiGraph:
    """Return the knowledge graph of ``content``.

    Nodes are ``kind:id`` with attributes ``kind``, ``id``, ``titel`` and
    ``bestand`` (and ``diepgang`` for cases). Every reference in the content becomes one directed edge from the
    referring item to the referred one, with attributes ``relation``, ``weight``
    and, for casus -> bouwsteen, ``sterkte`` and ``toelichting``. A
    MultiDiGraph keeps two different relations between the same pair (a tip that
    comes from a case the case also lists as a lesson).

    References to unknown items are skipped; ``validate.find_content_problems``
    reports those.
    """
    graph = nx.MultiDiGraph()
    for kind_items in content.items.values():
        for item in sorted(kind_items.values(), key=lambda i: i.id):
            extra = {"diepgang": item.as_(Casus).diepgang} if item.kind == "casus" else {}
            graph.add_node(node_id(item.kind, item.id), kind=item.kind, id=item.id,
                           titel=item.title, bestand=item.bestand, **extra)
    for kind_items in content.items.values():
        for item in sorted(kind_items.values(), key=lambda i: i.id):
            source, edges = _edges_of(item, graph)
            for target, attrs in edges:
                # One edge per (relation, target): a second mention adds nothing.
                if not graph.has_edge(source, target, key=attrs["relation"]):
                    graph.add_edge(source, target, key=attrs["relation"], **attrs)
    return graph


def _edges_of(item: Item, graph: nx.MultiDiGraph) -> tuple[str, list[tuple[str, dict[str, object]]]]:
    source = node_id(item.kind, item.id)
    edges = []
    for ref in iter_references(item.kind, item.model.model_dump()):
        target = node_id(ref.target, ref.target_id)
        if target not in graph or target == source:
            continue
        # The weight is declared with the field (models, ``Naar``); a case's bouwstenen weigh by sterkte.
        attrs: dict[str, object] = {"relation": ref.relation, "weight": ref.weight}
        if "sterkte" in ref.context:
            attrs["sterkte"] = ref.context["sterkte"]
            attrs["weight"] = sterkte_gewicht(ref.context["sterkte"])
        if "toelichting" in ref.context:
            attrs["toelichting"] = ref.context["toelichting"]
        edges.append((target, attrs))
    return source, edges
