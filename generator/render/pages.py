"""Render one Markdown page per item plus the overview pages.

Pages read the validated models and the finished knowledge graph; they never go
back to YAML. All internal links are relative ``.md`` paths, so MkDocs checks
every one of them in a strict build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Callable

import jinja2
import networkx as nx
from pydantic import BaseModel

from ..graph.build import node_id
from ..graph.queries import Link, neighbours, related_table
from ..content import Content, Item
from ..models import KIND_BY_NAME, KINDS, Kind, Tip
from ..models.casus import sterkte_volgorde
from ..questionnaire.model import Vragenlijst
from ..questionnaire.wording import first_sentence
from markupsafe import Markup

from .facets import casus_facets, facets_json, tip_facets
from .kenniskaart import kenniskaart_alternative, render_kenniskaart
from .memo import PageMemo
from ..urls import Urls, markdown_linker, page_path

__all__ = ["page_jobs"]

_SHARED_SHOWN = 3  # shared items named per kind under "Verwante casussen"


@dataclass
class _Site:
    content: Content
    graph: nx.MultiDiGraph
    env: jinja2.Environment
    urls: Urls = field(default_factory=Urls)
    memo: PageMemo | None = None
    _related: dict[str, list[tuple[str, int, list[str]]]] | None = field(default=None, repr=False)
    _neighbours: dict[str, list[Link]] = field(default_factory=dict, repr=False)

    def render(self, template: str, path: PurePosixPath, **context: Any) -> str:
        key = self.memo.key(template, context) if self.memo is not None else None
        if self.memo is not None and (done := self.memo.get(path, key, self.title_of)) is not None:
            return done
        titles: dict[tuple[str, str], str] = {}

        def titel_van(kind: str, item_id: str) -> str:
            # Recorded, so that the memo knows which other items' titles this page shows.
            titles[kind, item_id] = title = self.title_of(kind, item_id)
            return title

        link = markdown_linker(path)
        node_link = lambda node: link(self.graph.nodes[node]["kind"], self.graph.nodes[node]["id"])  # noqa: E731
        text = self.env.get_template(template).render(
            link=link, href=self.urls.html_linker(path), node_link=node_link, titel_van=titel_van,
            kinds=KIND_BY_NAME, **context,
        )
        if self.memo is not None:
            self.memo.put(path, key, titles, text)
        return text

    def related_cases(self) -> dict[str, list[tuple[str, int, list[str]]]]:
        """Per case, the five most similar cases (computed once per build)."""
        if self._related is None:
            self._related = related_table(self.graph, "casus", limit=5)
        return self._related

    def case_count(self, kind: str, item_id: str) -> int:
        """How many cases an item is linked with (either way): ``len(linked(kind, id, "casus"))``, counted directly."""
        node = node_id(kind, item_id)
        others = set(self.graph.successors(node)) | set(self.graph.predecessors(node))
        return sum(1 for other in others if self.graph.nodes[other]["kind"] == "casus")

    def title_of(self, kind: str, item_id: str) -> str:
        return self.graph.nodes[node_id(kind, item_id)]["titel"]

    def linked(self, kind: str, item_id: str, other_kind: str, relations: set[str] | None = None) -> list[Link]:
        node = node_id(kind, item_id)
        if node not in self._neighbours:
            # Pages ask per kind; collect a node's links once (sorted by kind first).
            self._neighbours = {node: neighbours(self.graph, node)}
        found = [link for link in self._neighbours[node] if link.kind == other_kind]
        if relations is not None:
            found = [l for l in found if l.relation in relations]
        unique: dict[str, Link] = {}
        for l in found:
            unique.setdefault(l.node, l)
        return list(unique.values())


def _casus_page(site: _Site, item: Item[BaseModel]) -> dict[str, Any]:
    node = node_id("casus", item.id)
    related = []
    for other, score, shared in site.related_cases()[node]:
        via: dict[str, list[str]] = {}
        for middle in shared:
            attrs = site.graph.nodes[middle]
            via.setdefault(attrs["kind"], []).append(attrs["titel"])
        # Name a few shared items per kind; in a large knowledge base two cases can share dozens.
        reasons = [
            (KIND_BY_NAME[kind].label_plural if len(titles) > 1 else KIND_BY_NAME[kind].label,
             sorted(titles)[:_SHARED_SHOWN], max(0, len(titles) - _SHARED_SHOWN))
            for kind, titles in sorted(via.items())
        ]
        related.append({"node": other, "score": score, "via": reasons})
    return {"related": related}


def _onderdeel_page(site: _Site, item: Item[BaseModel]) -> dict[str, Any]:
    cases = site.linked(item.kind, item.id, "casus", {"illustreert", "doorloopt", "voorbeeld"})
    cases.sort(key=lambda l: (sterkte_volgorde(l.attr("sterkte")), l.titel.casefold()))
    siblings = site.content.numbered(item.kind)
    position = [i.id for i in siblings].index(item.id)
    tips = site.linked(item.kind, item.id, "tip")
    return {
        "casussen": cases,
        "tips": tips,
        "tip_groepen": _tips_by_other(site, item, tips),
        "stappen": site.linked(item.kind, item.id, "stap"),
        "bouwstenen": site.linked(item.kind, item.id, "bouwsteen"),
        "reeks": siblings,
        "vorige": siblings[position - 1] if position > 0 else None,
        "volgende": siblings[position + 1] if position + 1 < len(siblings) else None,
    }


_OTHER = {"bouwsteen": "stap", "stap": "bouwsteen"}  # how a page of one groups its tips: by the other


def _tips_by_other(site: _Site, item: Item[BaseModel], tips: list[Link]) -> list[dict[str, Any]]:
    """A bouwsteen's tips grouped by stap (a stap's by bouwsteen), each tip once, with its first sentence.

    A tip goes under the first of its stappen (bouwstenen) in their order; tips
    with none come last, under ``groep`` None. Within a group: tips, then pitfalls,
    each alphabetical.
    """
    other = _OTHER[item.kind]
    order = {i.id: i.model.nummer for i in site.content.numbered(other)}
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for link in tips:
        item_ = site.content.get("tip", link.id)
        if item_ is None:
            continue
        tip = item_.as_(Tip)
        refs = tip.stappen if other == "stap" else tip.bouwstenen
        own = sorted((ref for ref in refs if ref in order), key=order.__getitem__)
        groups.setdefault(own[0] if own else None, []).append(
            {"id": item_.id, "titel": item_.title, "valkuil": tip.soort == "valkuil",
             "regel": first_sentence(tip.tekst)})
    result = []
    for key in sorted(groups, key=lambda k: (k is None, order.get(k, 0) if k else 0)):
        grouped = sorted(groups[key], key=lambda t: (t["valkuil"], t["titel"].casefold()))
        result.append({"groep": key, "soort": other, "nummer": order.get(key) if key else None, "tips": grouped})
    return result


def _generic_page(site: _Site, item: Item[BaseModel]) -> dict[str, Any]:
    gekoppeld = {other.name: site.linked(item.kind, item.id, other.name) for other in KINDS}
    return {"gekoppeld": gekoppeld, **gekoppeld}


def _per_letter(items: list[Item[BaseModel]]) -> list[tuple[str, list[Item[BaseModel]]]]:
    groups: dict[str, list[Item[BaseModel]]] = {}
    for item in sorted(items, key=lambda i: i.title.casefold()):
        letter = item.title[:1].upper()
        groups.setdefault(letter if letter.isalpha() else "#", []).append(item)
    return sorted(groups.items())


_FACETS = {"casus": casus_facets, "tip": tip_facets}

_EXTRA = {
    "casus": _casus_page,
    "bouwsteen": _onderdeel_page,
    "stap": _onderdeel_page,
}


_HEAVY_DEGREE = 300  # links; such a page is as much work as dozens of ordinary ones


def page_jobs(content: Content, graph: nx.MultiDiGraph, env: jinja2.Environment,
              vragenlijst: Vragenlijst | None = None, *, edit_url: Callable[[str], str | None] = lambda path: None,
              urls: Urls = Urls(), memo: PageMemo | None = None,
              ) -> tuple[list[tuple[PurePosixPath, Callable[[], str]]], int]:
    """Every page of the site as (path, function that renders its Markdown), and how many are heavy.

    The functions are independent of each other, so they can run in any order
    and on any core. What they share (similar cases, templates) is made here,
    once. The heavy pages (overviews, and items linked to very many others) come
    first, biggest first, so that no core is left with one of them at the end.
    With a ``memo`` (the live preview) a page whose inputs are unchanged is not
    rendered again; the jobs must then run in this process.
    """
    site = _Site(content, graph, env, urls, memo)
    site.related_cases()
    for kind in KINDS:
        env.get_template(f"pages/{kind.name}.md.j2")
        env.get_template(f"pages/{kind.plural}.md.j2")

    def item_page(item: Item[BaseModel]) -> Callable[[], str]:
        def render() -> str:
            path = page_path(item.kind, item.id)
            extra = _generic_page(site, item)
            extra.update(_EXTRA.get(item.kind, lambda s, i: {})(site, item))
            return site.render(f"pages/{item.kind}.md.j2", path, item=item, m=item.model,
                               bewerk=edit_url(item.bestand), **extra)
        return render

    def overview(kind: Kind) -> Callable[[], str]:
        def render() -> str:
            items = content.of(kind.name)
            path = page_path(kind.name)
            extra: dict[str, Any] = {}
            if kind.name in _FACETS:
                facetten, facet_items = _FACETS[kind.name](content)
                extra = {"facetten": facets_json(facetten), "facet_items": facet_items}
            return site.render(
                f"pages/{kind.plural}.md.j2", path, items=items, kind=kind, per_letter=_per_letter(items),
                counts={i.id: site.case_count(kind.name, i.id) for i in items}, **extra,
            )
        return render

    def home() -> str:
        return site.render("pages/home.md.j2", PurePosixPath("index.md"), counts=content.counts(),
                           content=content, vragenlijst=vragenlijst)

    def matrix() -> str:
        bouwstenen = content.numbered("bouwsteen")
        casussen = sorted(content.casussen(), key=lambda i: (i.title.casefold(), i.id))
        sterkte = {c.id: {b.id: b.sterkte for b in c.model.bouwstenen} for c in casussen}
        return site.render("pages/matrix.md.j2", PurePosixPath("matrix.md"), bouwstenen=bouwstenen,
                           casussen=casussen, sterkte=sterkte)

    def kenniskaart() -> str:
        page = PurePosixPath("kenniskaart.md")
        return site.render(
            "pages/kenniskaart.md.j2", page,
            svg=Markup(render_kenniskaart(graph, link=urls.html_linker(page))),
            alternatief=kenniskaart_alternative(graph),
        )

    def hulp_bij_kiezen() -> str:
        assert vragenlijst is not None  # the page is only made when there is a questionnaire
        nummer = {vraag.id: n for n, vraag in enumerate(vragenlijst.vragen, 1)}
        page = PurePosixPath("hulp-bij-kiezen.md")
        data_js = urls.to_root(page) + "data/vragenlijst.js"
        return site.render("pages/hulp-bij-kiezen.md.j2", page, v=vragenlijst,
                           nummer=nummer, data_js=data_js)

    by_kind = {kind.name: kind for kind in KINDS}
    jobs: list[tuple[PurePosixPath, Callable[[], str]]] = [
        (page_path("casus"), overview(by_kind["casus"])),
        (PurePosixPath("kenniskaart.md"), kenniskaart),
        (PurePosixPath("matrix.md"), matrix),
    ]
    jobs += [(page_path(kind.name), overview(kind)) for kind in KINDS if kind.name != "casus"]
    jobs.append((PurePosixPath("index.md"), home))
    if vragenlijst is not None:
        jobs.append((PurePosixPath("hulp-bij-kiezen.md"), hulp_bij_kiezen))
    items = [item for kind in KINDS for item in content.of(kind.name)]

    def links(item: Item[BaseModel]) -> int:
        return graph.degree(node_id(item.kind, item.id))

    # Items linked to many others (a building block used by thousands of cases) have
    # long pages: they go first too, longest first, each as a job of its own.
    heavy = sorted((item for item in items if links(item) > _HEAVY_DEGREE), key=links, reverse=True)
    light = [item for item in items if links(item) <= _HEAVY_DEGREE]
    jobs += [(page_path(item.kind, item.id), item_page(item)) for item in heavy]
    heavy_count = len(jobs)
    jobs += [(page_path(item.kind, item.id), item_page(item)) for item in light]
    return jobs, heavy_count
