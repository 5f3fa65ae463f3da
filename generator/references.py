"""Which fields of which kind refer to which other kind: read off the models.

A reference field is declared once, on the model, with ``Naar`` (models/common.py).
The table here is derived from those declarations and serves both the
cross-reference check (``validate.py``) and the edges of the knowledge graph
(``graph/build.py``), so the two can never disagree, and a new reference field
needs nothing outside its model.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .models import KINDS
from .models.common import REF, Naar

__all__ = ["Reference", "REFERENCES", "FoundReference", "iter_references", "declared_references", "ref_paths"]


@dataclass(frozen=True)
class Reference:
    """A field path (``*`` for every list item) holding ids of ``target`` items."""

    source: str
    path: tuple[str, ...]
    target: str
    relation: str  # the edge's name in the knowledge graph
    weight: int  # the edge's weight


def _unwrap(annotation: Any) -> tuple[Any, bool, list[Any]]:
    """The type inside ``X | None``, ``list[X]`` and ``Annotated[X, ...]``: that type,
    whether it is a list, and the Annotated metadata met on the way."""
    many, metadata = False, []
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata += extra
        elif origin in (Union, types.UnionType):
            annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
        elif origin is list:
            many = True
            (annotation,) = get_args(annotation)
        else:
            return annotation, many, metadata


def _fields(model: type[BaseModel], prefix: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any, list[Any]]]:
    """Every field, nested models included: its path, inner type and metadata."""
    for name, info in model.model_fields.items():
        inner, many, metadata = _unwrap(info.annotation)
        path = prefix + (name,) + (("*",) if many else ())
        yield path, inner, list(info.metadata) + metadata
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            yield from _fields(inner, path)


def declared_references(kind: str, model: type[BaseModel]) -> tuple[Reference, ...]:
    """The references an item of ``kind`` can hold, from the ``Naar`` on its model's fields."""
    found = []
    for path, _, metadata in _fields(model, ()):
        for naar in (m for m in metadata if isinstance(m, Naar)):
            full = path + ((naar.veld,) if naar.veld else ())
            found.append(Reference(kind, full, naar.soort, naar.relatie, naar.gewicht))
    return tuple(found)


def ref_paths(model: type[BaseModel]) -> set[tuple[str, ...]]:
    """Paths of every value typed ``Ref`` in ``model``: each must be covered by a ``Naar``."""
    return {path for path, _, metadata in _fields(model, ()) if REF in metadata}


REFERENCES: tuple[Reference, ...] = tuple(ref for kind in KINDS for ref in declared_references(kind.name, kind.model))


@dataclass(frozen=True)
class FoundReference:
    """One concrete reference inside one item."""

    path: tuple[str | int, ...]
    target: str
    target_id: str
    relation: str
    weight: int
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
            yield FoundReference(path, reference.target, value, reference.relation, reference.weight, context)
