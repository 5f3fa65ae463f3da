"""Which fields of which kind refer to which other kind.

One table serves both the cross-reference check (``validate.py``) and the edges
of the knowledge graph (``graph/build.py``), so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from pydantic import BaseModel


__all__ = ["Reference", "REFERENCES", "FoundReference", "iter_references"]


@dataclass(frozen=True)
class Reference:
    """A field path (``*`` for every list item) holding ids of ``target`` items."""

    source: str
    path: tuple[str, ...]
    target: str
    relation: str  # the edge's name in the knowledge graph


REFERENCES: tuple[Reference, ...] = (
    Reference("casus", ("themas", "*"), "thema", "heeft_thema"),
    Reference("casus", ("lessen", "*"), "tip", "leert"),
    Reference("casus", ("bouwstenen", "*", "id"), "bouwsteen", "illustreert"),
    Reference("casus", ("stappen", "*", "id"), "stap", "doorloopt"),
    Reference("casus", ("begrippen", "*"), "begrip", "gebruikt_begrip"),
    Reference("casus", ("kaders", "*"), "kader", "illustreert_kader"),
    Reference("casus", ("bronnen", "*", "bron"), "bron", "bron"),
    Reference("bouwsteen", ("voorbeelden", "*", "casus"), "casus", "voorbeeld"),
    Reference("bouwsteen", ("bronnen", "*", "bron"), "bron", "bron"),
    Reference("stap", ("bouwstenen", "*", "id"), "bouwsteen", "werkt_aan"),
    Reference("stap", ("voorbeelden", "*", "casus"), "casus", "voorbeeld"),
    Reference("stap", ("bronnen", "*", "bron"), "bron", "bron"),
    Reference("tip", ("bouwstenen", "*"), "bouwsteen", "over_bouwsteen"),
    Reference("tip", ("stappen", "*"), "stap", "over_stap"),
    Reference("tip", ("themas", "*"), "thema", "heeft_thema"),
    Reference("tip", ("casussen", "*"), "casus", "uit_casus"),
    Reference("tip", ("bronnen", "*", "bron"), "bron", "bron"),
    Reference("kader", ("elementen", "*", "casussen", "*"), "casus", "element_casus"),
    Reference("kader", ("elementen", "*", "bouwstenen", "*"), "bouwsteen", "element_bouwsteen"),
    Reference("kader", ("themas", "*"), "thema", "heeft_thema"),
    Reference("kader", ("bronnen", "*", "bron"), "bron", "bron"),
    Reference("begrip", ("verwant", "*"), "begrip", "verwant"),
    Reference("begrip", ("bronnen", "*", "bron"), "bron", "bron"),
)


@dataclass(frozen=True)
class FoundReference:
    """One concrete reference inside one item."""

    path: tuple[str | int, ...]
    target: str
    target_id: str
    relation: str
    context: dict[str, Any]  # sibling fields, e.g. sterkte and toelichting


def _field(data: Any, name: str) -> Any:
    if isinstance(data, dict):
        return data.get(name)
    return getattr(data, name, None) if isinstance(data, BaseModel) else None


def _walk(data: Any, pattern: tuple[str, ...], prefix: tuple[str | int, ...], parent: Any) -> Iterator[tuple[tuple[str | int, ...], Any, Any]]:
    if not pattern:
        yield prefix, data, parent
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if not isinstance(data, list):
            return
        for number, value in enumerate(data):
            yield from _walk(value, rest, prefix + (number,), data)
    elif (value := _field(data, head)) is not None:
        yield from _walk(value, rest, prefix + (head,), data)


def iter_references(kind: str, data: Any) -> Iterator[FoundReference]:
    """Yield every reference in the data of an item of ``kind``, in field order.

    ``data`` is a validated model (or its dump): the typed values the build uses.
    Only for a file that failed its model is it the raw YAML; there a number is
    read as the model would read it (``2018`` as ``'2018'``) and other values
    that are not text are skipped, so an editor sees reference errors and model
    errors of one file in the same run.
    """
    for reference in REFERENCES:
        if reference.source != kind:
            continue
        for path, value, parent in _walk(data, reference.path, (), None):
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                continue
            context = {}
            if isinstance(parent, BaseModel):
                parent = dict(parent)
            if isinstance(parent, dict) and path[-1] != "*":
                context = {k: v for k, v in parent.items() if k != path[-1] and isinstance(v, (str, int))}
            yield FoundReference(path, reference.target, value, reference.relation, context)
