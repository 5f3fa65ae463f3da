"""What the search can find: one document per content item, plus the site's other pages.

A document has *fields* that count differently in the ranking (``index.WEIGHTS``):
a case is found first by its own name, its place and the parties and authors in
it, then by its summary, and only then by the rest of its text. Overview pages
(lists of items) carry only their title and description and count for less, so
they never outrank the items they list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..content import Content
from ..models import KINDS
from ..questionnaire.wording import first_sentence, plain_text
from ..references import REFERENCES
from ..urls import Urls, page_path

__all__ = ["Document", "FIELDS", "OVERVIEW", "document_numbers", "item_documents", "page_documents", "documents"]

FIELDS = ("naam", "plaats", "namen", "samenvatting", "tekst")
OVERVIEW = "overzicht"  # the soort of a page that lists items
_SUMMARY_FIELDS = ("samenvatting", "definitie", "kern", "tekst", "beschrijving")
# Fields that hold no words a reader searches for: ids of other items (REFERENCES), web
# addresses, and where in a source a fact is.
_SKIPPED = frozenset({"links", "bronnen", "url", "regels", "diepgang", "sterkte", "jaar"})
_FRONT_RE = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_DESCRIPTION_RE = re.compile(r"^description: (.*)$", re.M)
_H1_RE = re.compile(r"^# (.+)$", re.M)
_TAG_RE = re.compile(r"<[^>]+>|\{[^}\n]*\}")


@dataclass
class Document:
    """A page as the search sees it: where it is, how a result shows it, and its fields."""

    url: str  # relative to the site root
    titel: str
    soort: str  # the kind of item, or OVERVIEW
    regel: str  # one line shown under the result's title
    velden: dict[str, str] = field(default_factory=dict)
    synoniemen: list[str] = field(default_factory=list)  # a begrip: its term and its other names


def _strings(value: Any, skip: frozenset[tuple[str, ...]], path: tuple[str, ...] = ()) -> Iterator[str]:
    """Every text in a dumped model, leaving out reference fields and ``_SKIPPED`` keys."""
    if isinstance(value, str):
        if path not in skip:
            yield value
    elif isinstance(value, Mapping):
        for key, inner in value.items():
            if key not in _SKIPPED:
                yield from _strings(inner, skip, (*path, str(key)))
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner, skip, (*path, "*"))


def _reference_paths(kind: str) -> frozenset[tuple[str, ...]]:
    return frozenset(reference.path for reference in REFERENCES if reference.source == kind)


def document_numbers(content: Content) -> dict[tuple[str, str], int]:
    """Each item's number in the index: (kind, id) -> n, items in kind order.

    The filter lists (casusverkenner, tips) carry these numbers, so their text
    filter asks the site search which items match, and the two always agree.
    """
    keys = [(kind.name, item.id) for kind in KINDS for item in content.of(kind.name)]
    return {key: number for number, key in enumerate(keys)}


def item_documents(content: Content, urls: Mapping[tuple[str, str], str]) -> list[Document]:
    """One document per item, numbered as ``document_numbers``; ``urls`` maps (kind, id) to the page's URL."""
    documents = []
    for kind in KINDS:
        skip = _reference_paths(kind.name)
        for item in content.of(kind.name):
            model = item.model
            dump = model.model_dump(mode="json", exclude_none=True)
            naam = [item.title, dump.get("ondertitel", ""), *dump.get("synoniemen", [])]
            plaats = [dump.get(key, "") for key in ("stad", "provincie", "wijk")]
            namen = [p.get("naam", "") for p in dump.get("partijen", [])] + list(dump.get("auteurs", []))
            summary_key = next((key for key in _SUMMARY_FIELDS if isinstance(dump.get(key), str)), None)
            samenvatting = dump.get(summary_key, "") if summary_key else ""
            own = {"naam", "ondertitel", "synoniemen", "stad", "provincie", "wijk", "auteurs", kind.title_field}
            rest = {key: value for key, value in dump.items() if key not in own and key != summary_key}
            for partij in rest.get("partijen", []):
                partij.pop("naam", None)
            documents.append(Document(
                url=urls[(kind.name, item.id)],
                titel=plain_text(item.title),
                soort=kind.name,
                regel=first_sentence(samenvatting) if samenvatting else "",
                velden={
                    "naam": " ".join(plain_text(text) for text in naam if text),
                    "plaats": " ".join(text for text in plaats if text),
                    "namen": " ".join(text for text in namen if text),
                    "samenvatting": plain_text(samenvatting),
                    "tekst": " ".join(plain_text(text) for text in _strings(rest, skip)),
                },
                synoniemen=[item.title, *dump.get("synoniemen", [])] if kind.name == "begrip" else [],
            ))
    return documents


def page_documents(pages: Mapping[PurePosixPath, bytes], urls: Mapping[PurePosixPath, str]) -> list[Document]:
    """The site's own pages (home, overviews, the questionnaire): title and description only.

    ``pages`` maps a Markdown page to its text, ``urls`` the same page to its URL;
    only pages in ``urls`` are taken.
    """
    documents = []
    for path, url in urls.items():
        text = pages[path].decode("utf-8")
        front = _FRONT_RE.match(text)
        description = _DESCRIPTION_RE.search(front.group(1)) if front else None
        heading = _H1_RE.search(text)
        titel = _TAG_RE.sub("", heading.group(1)).strip() if heading else url
        beschrijving = description.group(1).strip().strip("'\"") if description else ""
        documents.append(Document(url=url, titel=titel, soort=OVERVIEW, regel=beschrijving,
                                  velden={"naam": titel, "samenvatting": beschrijving}))
    return documents


def documents(content: Content, pages: Mapping[PurePosixPath, bytes], *, urls: Urls = Urls()) -> list[Document]:
    """All documents of the site: items first (in kind order), then the other Markdown pages."""
    item_urls = {(item.kind, item.id): urls.item(item.kind, item.id)
                 for kind in KINDS for item in content.of(kind.name)}
    item_paths = {page_path(kind, item_id) for kind, item_id in item_urls}
    page_urls = {path: urls.page(path) for path in sorted(pages)
                 if path.suffix == ".md" and path not in item_paths}
    return item_documents(content, item_urls) + page_documents(pages, page_urls)


