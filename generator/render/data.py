"""Export content and graph as JSON data files for the site's scripts and for reuse."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

import networkx as nx

from ..content import Content
from ..models import KINDS, Stap, Tip
from ..questionnaire.model import Vragenlijst
from ..questionnaire.scoring import ScoreMemo, engine_data
from ..questionnaire.wire import encode
from ..questionnaire.wording import TAAL, presentation_fields
from ..urls import Urls

__all__ = ["render_data", "dump_json"]


def dump_json(data: Any) -> str:
    """Deterministic, compact JSON: sorted keys, UTF-8, one trailing newline.

    Compact, because with ``indent`` Python falls back to its slow pure-Python
    encoder, and these files are for programs (pretty-print them with ``jq``).
    """
    return _compact(data) + "\n"


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _json_list(records: Iterable[Any]) -> bytes:
    """``dump_json(list(records))`` as UTF-8, made one record at a time.

    At 10,000 cases ``casussen.json`` is 150 MB. As one ``str`` (two bytes a
    character once a single 'é' occurs), next to its parts and its encoding, it
    was the generator's peak memory; one buffer of bytes needs well under half.
    """
    buffer = io.BytesIO()
    buffer.write(b"[")
    for number, record in enumerate(records):
        if number:
            buffer.write(b",")
        buffer.write(_compact(record).encode("utf-8"))
    buffer.write(b"]\n")
    return buffer.getvalue()  # the buffer itself, not a copy


def _graph_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    nodes = [{"id": node, **attrs} for node, attrs in sorted(graph.nodes(data=True))]
    for node in nodes:
        node.pop("bestand", None)
    edges = sorted(
        ({"bron": u, "doel": v, **data} for u, v, data in graph.edges(data=True)),
        key=lambda e: (e["bron"], e["doel"], e["relation"]),
    )
    return {"knopen": nodes, "verbindingen": edges}


def questionnaire_data(content: Content, graph: nx.MultiDiGraph, vragenlijst: Vragenlijst,
                       *, urls: Urls = Urls(), prune: bool = True, memo: ScoreMemo | None = None) -> dict[str, Any]:
    """The engine data for the questionnaire (``data/vragenlijst.json``).

    ``prune=False`` keeps every node and path: the full data that tests compare against.
    ``memo``: the live preview's (see ``scoring.ScoreMemo``).
    """
    addresses: dict[str, str] = {}
    extra: dict[str, dict[str, Any]] = {}
    for node, attrs in graph.nodes(data=True):
        addresses[node] = urls.item(attrs["kind"], attrs["id"])
        item = content.item(attrs["kind"], attrs["id"])
        extra[node] = dict(presentation_fields(attrs["kind"], item.model))
        if attrs["kind"] == "stap":
            extra[node]["nummer"] = item.as_(Stap).nummer
        elif attrs["kind"] == "tip":
            tip = item.as_(Tip)
            extra[node].update(doelgroepen=list(tip.doelgroepen), valkuil=tip.soort == "valkuil")
    # The words the advice is written in travel with the data, so both engines use the same.
    return {**engine_data(vragenlijst, graph, addresses, extra, prune=prune, memo=memo), "taal": TAAL}


def render_data(content: Content, graph: nx.MultiDiGraph, vragenlijst: Vragenlijst | None = None,
                *, urls: Urls = Urls(), memo: ScoreMemo | None = None) -> dict[PurePosixPath, bytes]:
    """Render the JSON data files: one per kind, the graph, and the questionnaire.

    Returns
    -------
    dict
        Path (relative to the docs folder) -> the file's UTF-8 bytes.
    """
    files: dict[PurePosixPath, bytes] = {}
    for kind in KINDS:
        files[PurePosixPath("data", f"{kind.plural}.json")] = _json_list(
            {"id": item.id, **item.model.model_dump(mode="json", exclude_none=True)}
            for item in content.of(kind.name)
        )
    files[PurePosixPath("data", "graaf.json")] = dump_json(_graph_data(graph)).encode("utf-8")
    if vragenlijst is not None:
        # Compact: this file is downloaded by every visitor of the questionnaire.
        text = _compact(encode(questionnaire_data(content, graph, vragenlijst, urls=urls, memo=memo)))
        files[PurePosixPath("data", "vragenlijst.json")] = f"{text}\n".encode("utf-8")
        # The same data as a script, for the questionnaire page: it also works when
        # the site is opened from disk, where browsers refuse fetch().
        files[PurePosixPath("data", "vragenlijst.js")] = f"window.WijkkompasVragenlijst = {text};\n".encode("utf-8")
    return files
