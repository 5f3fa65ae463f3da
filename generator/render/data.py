"""Export content and graph as JSON data files for the site's scripts and for reuse."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

import networkx as nx

from ..load import Content
from ..models import KINDS

__all__ = ["render_data", "dump_json"]


def dump_json(data: Any) -> str:
    """Deterministic JSON: sorted keys, UTF-8, one trailing newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _graph_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    nodes = [{"id": node, **attrs} for node, attrs in sorted(graph.nodes(data=True))]
    for node in nodes:
        node.pop("bestand", None)
    edges = sorted(
        ({"bron": u, "doel": v, **data} for u, v, data in graph.edges(data=True)),
        key=lambda e: (e["bron"], e["doel"], e["relation"]),
    )
    return {"knopen": nodes, "verbindingen": edges}


def render_data(content: Content, graph: nx.MultiDiGraph) -> dict[PurePosixPath, str]:
    """Render the JSON data files: one per kind, and the graph.

    Returns
    -------
    dict
        Path (relative to the docs folder) -> JSON text.
    """
    files: dict[PurePosixPath, str] = {}
    for kind in KINDS:
        records = [
            {"id": item.id, **item.model.model_dump(mode="json", exclude_none=True)}
            for item in content.of(kind.name)
        ]
        files[PurePosixPath("data", f"{kind.plural}.json")] = dump_json(records)
    files[PurePosixPath("data", "graaf.json")] = dump_json(_graph_data(graph))
    return files
