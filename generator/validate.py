"""Rules across files: references, duplicates, and source line ranges."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from .errors import Problem
from .content import Content, Item
from .messages import suggest
from .models import KIND_BY_NAME, KINDS, Bron
from .models.common import INTERNAL_LINK_RE, find_link_problem, iter_markdown_links
from .references import iter_references
from .yamlfile import ParsedFile

__all__ = ["find_content_problems"]


def _problem(item: Item | _Source, path: tuple[str | int, ...], melding: str, oplossing: str = "") -> Problem:
    regel, kolom = item.parsed.locate(path)
    veld = ".".join(str(p) for p in path)
    return Problem(item.bestand, regel, kolom, veld, melding, oplossing)


@dataclass(frozen=True)
class _Source:
    """What the reference check needs of a file, valid or not."""

    kind: str
    id: str
    bestand: str
    parsed: ParsedFile
    # The validated model, whose typed values the build uses; None for a file
    # that failed its model (then the raw YAML is all there is).
    model: BaseModel | None = None


def _sources(content: Content) -> list[_Source]:
    sources = [
        _Source(item.kind, item.id, item.bestand, item.parsed, item.model)
        for kind_items in content.items.values() for item in kind_items.values()
    ]
    sources += [_Source(*rejected) for rejected in content.rejected]
    return sources


def _reference_problems(known_ids: dict[str, set[str]], item: _Source) -> list[Problem]:
    problems = []
    seen: dict[tuple[str, tuple[str | int, ...]], set[str]] = defaultdict(set)
    data = item.model if item.model is not None else item.parsed.data
    for ref in iter_references(item.kind, data):
        target_kind = KIND_BY_NAME[ref.target]
        known = known_ids[ref.target]
        # The list this id stands in: the path up to its last list index.
        last_index = max((n for n, part in enumerate(ref.path) if isinstance(part, int)), default=0)
        list_path = ref.path[:last_index]
        if ref.target_id not in known:
            hint = suggest(ref.target_id, known)
            problems.append(_problem(
                item, ref.path,
                f"{target_kind.onbekende} '{ref.target_id}'",
                hint or f"kies een bestaande id uit {target_kind.folder}/",
            ))
        key = (ref.relation, list_path)
        if ref.target_id in seen[key] and ref.relation != "bron":
            problems.append(_problem(item, ref.path, f"'{ref.target_id}' staat dubbel in deze lijst",
                                     "verwijder een van beide"))
        seen[key].add(ref.target_id)
        if ref.target == item.kind and ref.target_id == item.id:
            problems.append(_problem(item, ref.path, "een item kan niet naar zichzelf verwijzen",
                                     "verwijder deze verwijzing"))
    return problems


_INTERNAL_LINK = INTERNAL_LINK_RE  # one pattern, shared with render/opmaak.py


def _strings(data: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for number, value in enumerate(data):
            yield from _strings(value, path + (number,))


def _internal_link_problems(known_ids: dict[str, set[str]], item: _Source) -> list[Problem]:
    """Internal links in Markdown text must name an existing page: ``../casussen/de-ketel.md``."""
    folders = {kind.plural: kind for kind in KINDS}
    problems = []
    for path, text in _strings(item.parsed.data):
        if "]" not in text:
            continue  # no link: the common case, decided in C
        for target in iter_markdown_links(text):
            if find_link_problem(target) or _SCHEME.match(target):
                continue  # external, or unsafe (the model reports that)
            match = _INTERNAL_LINK.match(target)
            kind = folders.get(match.group("folder")) if match else None
            if kind is None:
                problems.append(_problem(
                    item, path, f"interne link '{target}' heeft niet de juiste vorm",
                    "schrijf bijvoorbeeld [De Ketel](../casussen/de-ketel.md)",
                ))
            elif match and match.group("id") not in known_ids[kind.name]:
                hint = suggest(match.group("id"), known_ids[kind.name])
                problems.append(_problem(
                    item, path, f"interne link naar {kind.onbekende} '{match.group('id')}'",
                    hint or f"kies een bestaande id uit {kind.folder}/",
                ))
    return problems


def _line_range_problems(content: Content, item: Item) -> list[Problem]:
    problems = []
    for number, verwijzing in enumerate(getattr(item.model, "bronnen", None) or []):
        bron_item = content.get("bron", verwijzing.bron)
        if bron_item is None:
            continue  # reported as an unknown reference
        bron = bron_item.model
        assert isinstance(bron, Bron)
        start, end = verwijzing.line_range()
        if end > bron.regels_totaal:
            problems.append(_problem(
                item, ("bronnen", number, "regels"),
                f"regels {verwijzing.regels} vallen buiten de bron ({bron.regels_totaal} regels)",
                "controleer de regelnummers in de brontekst",
            ))
    return problems


def _duplicate_title_problems(content: Content) -> list[Problem]:
    problems = []
    for kind_name, items in content.items.items():
        kind = KIND_BY_NAME[kind_name]
        by_title: dict[str, Item] = {}
        for item in sorted(items.values(), key=lambda i: i.id):
            title = " ".join(item.title.casefold().split())
            if title in by_title:
                problems.append(_problem(
                    item, (kind.title_field,),
                    f"er is al een {kind.label} met deze {kind.title_field}: {by_title[title].bestand}",
                    "voeg de twee samen, of maak het verschil duidelijk in de naam",
                ))
            else:
                by_title[title] = item
    return problems


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def find_content_problems(content: Content) -> list[Problem]:
    """Every cross-file problem in ``content``, sorted by file and line.

    Checks that references and internal links in text point at existing items
    (with a suggestion for a near-miss), that no list names an item twice, that line ranges fall within
    their source, and that no two items of one kind share a title. Does not check
    graph-wide properties; see ``graph.checks``.
    """
    known_ids = {kind.name: content.known_ids(kind.name) for kind in KINDS}
    problems: list[Problem] = []
    for source in _sources(content):
        problems += _reference_problems(known_ids, source) + _internal_link_problems(known_ids, source)
    for kind_items in content.items.values():
        for item in kind_items.values():
            problems += _line_range_problems(content, item)
    problems += _duplicate_title_problems(content)
    return sorted(problems)
