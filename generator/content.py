"""The loaded content: every item by kind and id, and the queries the pipeline asks of it.

``load.py`` fills a ``Content`` from the files; everything after it (checks,
graph, pages, data, search) reads it through the queries here. An ``Item`` is
generic in its model: ``content.casussen()`` gives ``Item[Casus]``, so
``item.model.bouwstenen`` type-checks; ``content.of(kind)`` gives items of any
kind, and ``item.as_(Model)`` narrows one with a check.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Generic, TypeVar, cast

from pydantic import BaseModel

from .models import KIND_BY_NAME, KINDS, Begrip, Casus, Tip
from .models.aanpak import Onderdeel
from .yamlfile import ParsedFile

__all__ = ["Item", "Content"]

M = TypeVar("M", bound=BaseModel)
N = TypeVar("N", bound=BaseModel)


@dataclass(frozen=True)
class Item(Generic[M]):
    """One validated content item with where it came from; ``Item[Casus]`` holds a ``Casus``."""

    kind: str
    id: str
    model: M
    bestand: str  # path relative to the project root
    parsed: ParsedFile = field(repr=False, compare=False)

    @property
    def title(self) -> str:
        """The item's display name (naam, titel or term)."""
        return str(getattr(self.model, KIND_BY_NAME[self.kind].title_field))

    def locate(self, path: tuple[str | int, ...]) -> tuple[int, int]:
        """Line and column of a field in the source file."""
        return self.parsed.locate(path)

    def as_(self, model_type: type[N]) -> N:
        """The model as the type its kind promises (``item.as_(Casus).bouwstenen``), checked."""
        if not isinstance(self.model, model_type):
            raise TypeError(f"{self.kind} '{self.id}' is geen {model_type.__name__}")
        return self.model


@dataclass
class Content:
    """All loaded items, by kind and id, in a stable (sorted) order."""

    items: dict[str, dict[str, Item[BaseModel]]] = field(default_factory=lambda: {k.name: {} for k in KINDS})
    # Files that parsed as YAML but failed their model: kind, id, file, parsed data.
    # They are kept so cross-file checks can still report on them.
    rejected: list[tuple[str, str, str, ParsedFile]] = field(default_factory=list)
    # Files that could not be read or parsed at all: kind and id (the file name).
    unreadable: list[tuple[str, str]] = field(default_factory=list)

    def of(self, kind: str) -> list[Item[BaseModel]]:
        """Items of one kind, sorted by id."""
        return [self.items[kind][key] for key in sorted(self.items[kind])]

    def get(self, kind: str, id_: str) -> Item[BaseModel] | None:
        """The item of ``kind`` with ``id_``, or ``None``."""
        return self.items[kind].get(id_)

    def item(self, kind: str, id_: str) -> Item[BaseModel]:
        """The item of ``kind`` with ``id_``, which must exist (a node of the graph, say)."""
        return self.items[kind][id_]

    def _typed(self, kind: str, model_type: type[N]) -> list[Item[N]]:
        items = self.of(kind)
        for item in items:
            item.as_(model_type)  # checked, so the list may carry the model's type
        return cast("list[Item[N]]", items)

    def casussen(self) -> list[Item[Casus]]:
        """The cases, sorted by id."""
        return self._typed("casus", Casus)

    def tips(self) -> list[Item[Tip]]:
        """The tips and pitfalls, sorted by id."""
        return self._typed("tip", Tip)

    def begrippen(self) -> list[Item[Begrip]]:
        """The glossary terms, sorted by id."""
        return self._typed("begrip", Begrip)

    def numbered(self, kind: str) -> list[Item[Onderdeel]]:
        """The bouwstenen or stappen in their order in the source (``nummer``)."""
        return sorted(self._typed(kind, Onderdeel), key=lambda item: item.model.nummer)

    def known_ids(self, kind: str) -> set[str]:
        """Ids of ``kind`` that exist, including files that failed their model or their YAML.

        References to a file with errors of its own are not reported again: that
        would bury the real error under many follow-on errors.
        """
        return (set(self.items[kind]) | {r[1] for r in self.rejected if r[0] == kind}
                | {id_ for kind_, id_ in self.unreadable if kind_ == kind})

    def release_sources(self) -> None:
        """Forget the parsed YAML (data and positions) once every check is done.

        Only problems need positions; rendering reads the models. At 10,000 cases
        the parsed files are a third of the generator's memory.
        """
        for items in self.items.values():
            for id_, item in items.items():
                items[id_] = dataclasses.replace(item, parsed=_RELEASED)
        self.rejected.clear()

    def counts(self) -> dict[str, int]:
        """Number of items per kind."""
        return {kind.name: len(self.items[kind.name]) for kind in KINDS}


_RELEASED = ParsedFile(data={}, positions={})
