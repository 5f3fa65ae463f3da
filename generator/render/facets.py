"""Facets for the filterable overview pages (casusverkenner and tips).

Each facet is an id, a Dutch label and its options; each item gets, per facet,
the option ids it has, and its number in the search index (``doc``): the text
filter asks the site search (zoeken.js) which items match, so the two agree. The
page template writes these as data attributes and a JSON block; filter.js does
the rest.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from markupsafe import Markup

from ..content import Content
from ..search.documents import document_numbers

__all__ = ["Facet", "casus_facets", "tip_facets", "facets_json", "option_id"]

Facet = dict[str, Any]


def option_id(label: str) -> str:
    """A URL-safe id for a free-text option such as a city.

    >>> option_id("Den Haag")
    'den-haag'
    >>> option_id("Noord-Brabant, Gelderland (Bommelerwaard)")
    'noord-brabant-gelderland-bommelerwaard'
    """
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "onbekend"


def _facet(id_: str, label: str, options: dict[str, str], order: list[str] | None = None) -> Facet:
    ids = order if order is not None else sorted(options, key=lambda o: options[o].casefold())
    return {"id": id_, "label": label, "opties": [{"id": o, "label": options[o]} for o in ids if o in options]}


_PARTIJ_LABELS = {"bewoners": "Bewoners", "overheid": "Overheid", "markt": "Markt",
                  "maatschappelijke organisatie": "Maatschappelijke organisatie", "kennisinstelling": "Kennisinstelling"}


def casus_facets(content: Content) -> tuple[list[Facet], dict[str, dict[str, Any]]]:
    """Facets of the casusverkenner and, per case id, its facet values and search document number."""
    numbers = document_numbers(content)
    titles = {kind: {i.id: i.title for i in content.of(kind)} for kind in ("thema", "bouwsteen")}
    options: dict[str, dict[str, str]] = {k: {} for k in ("thema", "provincie", "stad", "initiatief", "partijen",
                                                           "bouwsteen", "diepgang")}
    options["diepgang"] = {"uitgebreid": "Uitgebreide casus", "kort": "Korte casus"}
    items: dict[str, dict[str, Any]] = {}
    for item in content.casussen():
        case = item.model
        provincie = case.provincie or "Onbekend"
        values: dict[str, list[str]] = {
            "thema": list(case.themas),
            "provincie": [option_id(provincie)],
            "stad": [option_id(case.stad)],
            "initiatief": [option_id(t) for t in case.initiatiefnemers],
            "partijen": sorted({option_id(p.type) for p in case.partijen} | {option_id(t) for t in case.initiatiefnemers}),
            "bouwsteen": [b.id for b in case.bouwstenen if b.sterkte != "tegenvoorbeeld"],
            "diepgang": [case.diepgang],
        }
        options["provincie"][option_id(provincie)] = provincie
        options["stad"][option_id(case.stad)] = case.stad
        for t in case.themas:
            options["thema"][t] = titles["thema"].get(t, t)
        for b in case.bouwstenen:
            options["bouwsteen"][b.id] = titles["bouwsteen"].get(b.id, b.id)
        for t in list(case.initiatiefnemers) + [p.type for p in case.partijen]:
            options["partijen"][option_id(t)] = _PARTIJ_LABELS[t]
        for t in case.initiatiefnemers:
            options["initiatief"][option_id(t)] = _PARTIJ_LABELS[t]
        items[item.id] = {
            "waarden": {k: " ".join(v) for k, v in values.items()},
            "doc": numbers[("casus", item.id)],
        }
    bouwsteen_order = [i.id for i in content.numbered("bouwsteen")]
    facets = [
        _facet("thema", "Thema", options["thema"]),
        _facet("provincie", "Provincie of land", options["provincie"]),
        _facet("stad", "Stad", options["stad"]),
        _facet("initiatief", "Initiatief van", options["initiatief"], list(map(option_id, _PARTIJ_LABELS))),
        _facet("partijen", "Betrokken partijen", options["partijen"], list(map(option_id, _PARTIJ_LABELS))),
        _facet("bouwsteen", "Bouwsteen (sterk of deels)", options["bouwsteen"], bouwsteen_order),
        _facet("diepgang", "Diepgang", options["diepgang"], ["uitgebreid", "kort"]),
    ]
    return facets, items


_DOELGROEPEN = {"bewoners": "Bewoners", "gemeente": "Gemeente", "professionals": "Professionals",
                "corporaties": "Corporaties", "ondernemers": "Ondernemers",
                "kennisinstellingen": "Kennisinstellingen", "iedereen": "Iedereen"}


def tip_facets(content: Content) -> tuple[list[Facet], dict[str, dict[str, Any]]]:
    """Facets of the tips overview and, per tip id, its facet values and search document number."""
    numbers = document_numbers(content)
    titles = {kind: {i.id: i.title for i in content.of(kind)} for kind in ("thema", "bouwsteen", "stap")}
    items = {}
    for item in content.tips():
        tip = item.model
        items[item.id] = {
            "waarden": {"doelgroep": " ".join(tip.doelgroepen), "bouwsteen": " ".join(tip.bouwstenen),
                        "stap": " ".join(tip.stappen), "thema": " ".join(tip.themas), "soort": tip.soort},
            "doc": numbers[("tip", item.id)],
        }
    order = {kind: [i.id for i in content.numbered(kind)] for kind in ("bouwsteen", "stap")}
    facets = [
        _facet("doelgroep", "Voor wie", _DOELGROEPEN, list(_DOELGROEPEN)),
        _facet("bouwsteen", "Bouwsteen", titles["bouwsteen"], order["bouwsteen"]),
        _facet("stap", "Stap", titles["stap"], order["stap"]),
        _facet("thema", "Thema", titles["thema"]),
        _facet("soort", "Soort", {"tip": "Tip", "valkuil": "Valkuil"}, ["tip", "valkuil"]),
    ]
    return facets, items


def facets_json(facets: list[Facet]) -> Markup:
    """The facets as JSON that is safe inside a <script type="application/json"> element."""
    text = json.dumps({"facetten": facets}, ensure_ascii=False, sort_keys=True)
    # "</" would end the script element early; "<!--" could start a comment state.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
