"""Pages of the previous build, reused while nothing a page reads has changed (the live preview).

A plain build renders every page. The preview keeps one ``PageMemo`` between
rebuilds: a page is rendered again only when its inputs differ from last time.
Its inputs are the template, the template folder (every file's size and time),
the values the page is rendered with (compared by ``repr``: the models, the
linked items with their titles, the related cases, ...) and every title the
template looked up by id while rendering. A value whose ``repr`` does not show
its contents (``<object at 0x…>``) cannot be compared, so such a page is
always rendered. tests/test_warm.py checks that a warm build after edits writes
exactly what a cold build writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel

from ..graph.queries import Link

__all__ = ["PageMemo"]

TitleOf = Callable[[str, str], str]
# Values whose repr is complete and quick; anything else is taken apart (a model's repr is slow).
_PLAIN = frozenset({str, int, float, bool, type(None), Link})


class PageMemo:
    """Rendered Markdown by page path, with what it was rendered from."""

    def __init__(self) -> None:
        self._pages: dict[PurePosixPath, tuple[str, dict[tuple[str, str], str], str]] = {}
        self._finished: dict[PurePosixPath, tuple[str, str, bytes]] = {}
        self.world = ""  # the templates and settings every page depends on
        self.rendered = 0
        self.reused = 0
        self._seen: dict[int, tuple[object, str]] = {}
        # Models outlive a build (unchanged files are not read again), so their text is kept longer.
        self._models: dict[int, tuple[object, str]] = {}

    def start(self, world: str) -> None:
        """Begin a build; ``world`` is what every page depends on (templates, URL style)."""
        self.world = world
        self.rendered = self.reused = 0
        self._models = {key: seen for key, seen in self._seen.items() if isinstance(seen[0], BaseModel)}
        self._seen.clear()

    def _text(self, value: object) -> str:
        # A model's JSON (made by pydantic's compiled serializer) says the same as its
        # repr, at a fraction of the cost; the same model is on many pages, so it is
        # made once per build. The object is kept with it, so its id stays its own.
        seen = self._seen.get(id(value))
        if seen is not None and seen[0] is value:
            return seen[1]
        if isinstance(value, BaseModel):
            kept = self._models.get(id(value))
            text = kept[1] if kept is not None and kept[0] is value else \
                f"{type(value).__name__}{value.model_dump_json()}"
        elif isinstance(value, (list, tuple)):
            if all(type(v) in _PLAIN for v in value):  # e.g. the links of a page with hundreds
                text = repr(value)
            else:
                text = "[" + ",".join(self._text(v) for v in value) + "]"
        elif isinstance(value, dict):
            text = "{" + ",".join(f"{self._text(k)}:{self._text(v)}" for k, v in value.items()) + "}"
        elif hasattr(value, "__dataclass_fields__"):
            parts = [getattr(value, name) for name, spec in value.__dataclass_fields__.items() if spec.repr]
            if any(isinstance(part, (BaseModel, list, dict)) or hasattr(part, "__dataclass_fields__")
                   for part in parts):
                text = f"{type(value).__name__}(" + ",".join(self._text(part) for part in parts) + ")"
            else:  # only plain values (a link to a neighbour): its own repr says it all
                text = repr(value)
        else:
            text = repr(value)
        if isinstance(value, (BaseModel, list, dict)) or hasattr(value, "__dataclass_fields__"):
            self._seen[id(value)] = (value, text)
        return text

    def key(self, template: str, context: dict[str, Any]) -> str | None:
        """A digest of the page's inputs, or None when they cannot be compared."""
        text = self._text(dict(sorted(context.items())))
        if " at 0x" in text:
            return None
        return hashlib.blake2b(f"{self.world}\n{template}\n{text}".encode("utf-8"), digest_size=20).hexdigest()

    def finish(self, path: PurePosixPath, text: str, stamp: str, make: Callable[[str], bytes]) -> bytes:
        """``make(text)`` (the glossary's pass over a page), reused while page and glossary are unchanged."""
        known = self._finished.get(path)
        if known is not None and known[0] is text and known[1] == stamp:
            return known[2]
        done = make(text)
        self._finished[path] = (text, stamp, done)
        return done

    def get(self, path: PurePosixPath, key: str | None, title_of: TitleOf) -> str | None:
        """The page as rendered before, if its inputs and the titles it looked up are unchanged."""
        if key is None or path not in self._pages:
            return None
        old_key, titles, text = self._pages[path]
        if old_key != key:
            return None
        for (kind, item_id), title in titles.items():
            try:
                if title_of(kind, item_id) != title:
                    return None
            except KeyError:  # the item is gone
                return None
        self.reused += 1
        return text

    def put(self, path: PurePosixPath, key: str | None, titles: dict[tuple[str, str], str], text: str) -> None:
        self.rendered += 1
        if key is not None:
            self._pages[path] = (key, titles, text)

    def keep_only(self, paths: set[PurePosixPath]) -> None:
        """Forget pages that no longer exist (a renamed or removed item)."""
        for path in set(self._pages) - paths:
            del self._pages[path]
        for path in set(self._finished) - paths:
            del self._finished[path]
