"""Export content and graph as JSON data files for the site's scripts and for reuse."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

import networkx as nx

from ..load import Content
from ..models import KIND_BY_NAME, KINDS
from ..questionnaire.model import Vragenlijst
from ..questionnaire.scoring import engine_data
from ..questionnaire.wire import encode

__all__ = ["render_data", "dump_json"]


def dump_json(data: Any) -> str:
    """Deterministic, compact JSON: sorted keys, UTF-8, one trailing newline.

    Compact, because with ``indent`` Python falls back to its slow pure-Python
    encoder, and these files are for programs (pretty-print them with ``jq``).
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _graph_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    nodes = [{"id": node, **attrs} for node, attrs in sorted(graph.nodes(data=True))]
    for node in nodes:
        node.pop("bestand", None)
    edges = sorted(
        ({"bron": u, "doel": v, **data} for u, v, data in graph.edges(data=True)),
        key=lambda e: (e["bron"], e["doel"], e["relation"]),
    )
    return {"knopen": nodes, "verbindingen": edges}


def site_url(kind: str, item_id: str, *, directory_urls: bool = True) -> str:
    """The URL of an item's page relative to the site root.

    ``casussen/de-ketel/`` on a web server; ``casussen/de-ketel.html`` in the
    offline copy, which is opened from disk where folders do not resolve to
    their ``index.html``.
    """
    folder = KIND_BY_NAME[kind].plural
    return f"{folder}/{item_id}/" if directory_urls else f"{folder}/{item_id}.html"


def questionnaire_data(content: Content, graph: nx.MultiDiGraph, vragenlijst: Vragenlijst,
                       *, directory_urls: bool = True, prune: bool = True) -> dict[str, Any]:
    """The engine data for the questionnaire (``data/vragenlijst.json``).

    ``prune=False`` keeps every node and path: the full data that tests compare against.
    """
    urls, extra = {}, {}
    for node, attrs in graph.nodes(data=True):
        urls[node] = site_url(attrs["kind"], attrs["id"], directory_urls=directory_urls)
        item = content.get(attrs["kind"], attrs["id"])
        if attrs["kind"] == "stap":
            extra[node] = {"nummer": item.model.nummer}
        elif attrs["kind"] == "tip":
            extra[node] = {"doelgroepen": list(item.model.doelgroepen), "valkuil": item.model.soort == "valkuil"}
    return engine_data(vragenlijst, graph, urls, extra, prune=prune)


def render_data(content: Content, graph: nx.MultiDiGraph, vragenlijst: Vragenlijst | None = None,
                *, directory_urls: bool = True) -> dict[PurePosixPath, str]:
    """Render the JSON data files: one per kind, the graph, and the questionnaire.

    Returns
    -------
    dict
        Path (relative to the docs folder) -> JSON text.
    """
    files: dict[PurePosixPath, str] = {}
    for kind in KINDS:
        # One record at a time: at 10,000 cases the dumped dicts of all of them at
        # once were the generator's peak memory. Same text as dump_json(list).
        records = (
            json.dumps({"id": item.id, **item.model.model_dump(mode="json", exclude_none=True)},
                       ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            for item in content.of(kind.name)
        )
        files[PurePosixPath("data", f"{kind.plural}.json")] = "[" + ",".join(records) + "]\n"
    files[PurePosixPath("data", "graaf.json")] = dump_json(_graph_data(graph))
    if vragenlijst is not None:
        # Compact: this file is downloaded by every visitor of the questionnaire.
        data = encode(questionnaire_data(content, graph, vragenlijst, directory_urls=directory_urls))
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        files[PurePosixPath("data", "vragenlijst.json")] = text + "\n"
        # The same data as a script, for the questionnaire page: it also works when
        # the site is opened from disk, where browsers refuse fetch().
        files[PurePosixPath("data", "vragenlijst.js")] = f"window.WijkkompasVragenlijst = {text};\n"
    return files
