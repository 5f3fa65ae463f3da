"""Every address of the site in one place: where a page's Markdown goes, and where it is served.

The generator writes one Markdown file per page (``page_path``) and links
between them as relative ``.md`` paths, which the site tool checks and rewrites.
Raw HTML (the glossary explanations, the kenniskaart, the questionnaire's data)
and the JSON data need final URLs; ``Urls`` makes those, for the public site
(``directory``: ``casussen/de-ketel/``) or for the offline copy opened from disk
(``casussen/de-ketel.html``, as folders do not resolve to their ``index.html`` there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from .models import KIND_BY_NAME

__all__ = ["page_path", "markdown_linker", "Urls"]


def page_path(kind: str, item_id: str | None = None) -> PurePosixPath:
    """Where the page of an item (or, without id, the overview of a kind) lives.

    >>> str(page_path("casus", "de-ketel"))
    'casussen/de-ketel.md'
    >>> str(page_path("bron"))
    'bronnen/index.md'
    """
    folder = KIND_BY_NAME[kind].plural
    return PurePosixPath(folder, f"{item_id}.md" if item_id else "index.md")


def markdown_linker(current: PurePosixPath) -> Callable[..., str]:
    """Links from the Markdown page ``current`` to an item's (or an overview's) Markdown page."""
    prefix = "../" * (len(current.parts) - 1)

    def link(kind: str, item_id: str | None = None) -> str:
        # The same path as page_path, as plain strings: pages make hundreds of thousands of links.
        return f"{prefix}{KIND_BY_NAME[kind].plural}/{item_id or 'index'}.md"

    return link


@dataclass(frozen=True)
class Urls:
    """Final URLs: with ``directory`` a page ``a/b.md`` is served at ``a/b/`` and
    ``a/index.md`` at ``a/``; without (the offline copy) at ``a/b.html`` and ``a/index.html``."""

    directory: bool = True

    def page(self, path: PurePosixPath) -> str:
        """The URL, relative to the site root, of the page made from the Markdown file ``path``.

        >>> Urls().page(PurePosixPath("casussen/index.md")), Urls().page(PurePosixPath("matrix.md"))
        ('casussen/', 'matrix/')
        >>> Urls(directory=False).page(PurePosixPath("index.md"))
        'index.html'
        """
        stem = path.with_suffix("").as_posix()
        if not self.directory:
            return f"{stem}.html"
        if path.name == "index.md":
            return "" if stem == "index" else stem[: -len("index")]
        return f"{stem}/"

    def item(self, kind: str, item_id: str) -> str:
        """The URL of an item's page relative to the site root (``casussen/de-ketel/``)."""
        return self.page(page_path(kind, item_id))

    def to_root(self, current: PurePosixPath) -> str:
        """From the page made of ``current`` back to the site root: ``../../``, or ``""`` at the root."""
        if self.directory:
            return "../" * (len(current.parts) - (1 if current.name == "index.md" else 0))
        return "../" * (len(current.parts) - 1)

    def html_linker(self, current: PurePosixPath) -> Callable[..., str]:
        """Links for raw HTML on the page ``current``, which the site tool does not rewrite."""
        prefix = self.to_root(current)

        def href(kind: str, item_id: str | None = None) -> str:
            folder = KIND_BY_NAME[kind].plural
            if self.directory:
                return f"{prefix}{folder}/{item_id}/" if item_id else f"{prefix}{folder}/"
            return f"{prefix}{folder}/{item_id or 'index'}.html"

        return href
