"""Shared field types of the content model: safe text, slugs, references, sources.

Every text an editor writes passes through one of the annotated types below, so
the rules against HTML, unsafe links and runaway sizes live in exactly one place.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

__all__ = [
    "Model",
    "Slug",
    "Ref",
    "Naar",
    "REF",
    "Tekst",
    "KorteTekst",
    "Opmaak",
    "Url",
    "Regels",
    "BronVerwijzing",
    "Link",
    "Koppeling",
    "PartijType",
    "Doelgroep",
    "SLUG_PATTERN",
    "INTERNAL_LINK_RE",
    "find_text_problem",
    "find_link_problem",
    "iter_markdown_links",
]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)

# A tag, closing tag, comment, doctype or processing instruction. "5 < 6" in
# ordinary prose does not match: browsers too need the name right after "<".
_HTML_RE = re.compile(r"<(?:/?[A-Za-z]|[!?])")
# Link targets, found by the characters that introduce them rather than by
# whole-link patterns, so nested brackets ("[a [b] c](…)") or a definition
# inside a list item cannot hide one: "](doel" (inline) and "]: doel" (definition).
_MD_INLINE_TARGET_RE = re.compile(r"\]\(\s*<?([^)>]*)")
_MD_REFDEF_RE = re.compile(r"\]:[ \t]*<?([^\s>]*)")
# Attribute lists ("{: onclick=… }", "{ .klasse }", "{{: … }"). Editors' text is
# rendered without them (render/opmaak.py), so they would show as braces; refusing
# them tells the editor, and a reviewer, early. "{{ 7 + 7 }}" in prose is left alone.
_ATTR_LIST_RE = re.compile(r"(?<!\{)\{(?!\{)[^{}\n]*\}(?!\})|\{+\s*:|\{[^{}\n]*=[^{}\n]*\}")
# What the Markdown of editors' text would make into something the sanitiser removes
# (render/opmaak.ALLOWED_TAGS): headings ("# Kop", "Kop" over "===" or "---") and rules,
# also inside a list item or a quote ("- # Kop", "> ***").
_HEADING_OR_RULE_RE = re.compile(
    r"^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+|>[ \t]*)*(?:#|[=-]+[ \t]*$|([-*_])(?:[ \t]*\1){2,}[ \t]*$)",
    re.MULTILINE)
# C0 and C1 controls, DEL, bidi overrides and isolates (text that reads differently from
# how it is stored), and line separators. The YAML reader refuses them first, with the
# exact position; this covers models made from other data.
_CONTROL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069"
_CONTROL_RE = re.compile(f"[{_CONTROL_CHARS}]")
# Every problem below needs one of these characters; most texts have none, so
# one search decides them (checking is a large part of loading 10,000 cases).
_SUSPECT_RE = re.compile(f"[{_CONTROL_CHARS}<{{\\]]|!\\[|^[ \t]*(?:[#=*_>+-]|\\d+[.)])", re.MULTILINE)
_SAFE_SCHEMES = ("https:", "http:", "mailto:")
# An internal link as editors write it ("../casussen/de-ketel.md#aanpak"); validate.py
# checks that the item exists, render/opmaak.py points it at the page's final URL.
INTERNAL_LINK_RE = re.compile(r"^\.\./(?P<folder>[a-z]+)/(?P<id>[a-z0-9-]+)\.md(?P<anchor>#[\w-]+)?$")
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def find_link_problem(target: str) -> str | None:
    """Return a Dutch reason why a link target is unsafe, or ``None`` when it is fine.

    Allowed are ``https:``, ``http:`` and ``mailto:`` links and internal relative
    paths. Protocol-relative ``//host`` links count as external and unsafe, since
    they would silently pick the scheme of the page.
    """
    # Browsers ignore whitespace and control characters inside a scheme
    # ("java\tscript:"), so judge the target with those removed.
    squashed = re.sub(r"[\s\x00-\x1f]", "", target)
    if not squashed:
        return "de link is leeg"
    lowered = squashed.lower()
    if lowered.startswith("//") or lowered.startswith("\\\\"):
        return f"link '{target}' heeft geen protocol; begin met https://"
    if _SCHEME_RE.match(lowered):
        if not lowered.startswith(_SAFE_SCHEMES):
            scheme = lowered.split(":", 1)[0]
            return f"link met '{scheme}:' is niet toegestaan; gebruik https:, http: of mailto:"
        if lowered.startswith(("https:", "http:")) and not lowered.split(":", 1)[1].startswith("//"):
            return f"link '{target}' is onvolledig; schrijf https://…"
    return None


def iter_markdown_links(value: str) -> list[str]:
    """Every link target in a Markdown text (inline links and reference definitions)."""
    targets = [match.group(1).strip() for match in _MD_INLINE_TARGET_RE.finditer(value)]
    targets += [match.group(1).strip() for match in _MD_REFDEF_RE.finditer(value)]
    return targets


def find_text_problem(value: str, *, markdown: bool) -> str | None:
    """Return a Dutch reason why a text is unsafe, or ``None`` when it is fine.

    Does not check length; the field's ``max_length`` does that.

    >>> find_text_problem("Zie [a [b] c](javascript:alert(1))", markdown=True)
    "link met 'javascript:' is niet toegestaan; gebruik https:, http: of mailto:"
    >>> find_text_problem("Tekst {: onclick=alert(1) }", markdown=True)[:24]
    'accolades met attributen'
    >>> find_text_problem("Rekenen: {{ 7 + 7 }} en 5 < 6", markdown=True) is None
    True
    """
    if not _SUSPECT_RE.search(value):
        return None
    if _CONTROL_RE.search(value):
        return "de tekst bevat onzichtbare stuurtekens (bijv. een NUL-byte); verwijder ze"
    if _HTML_RE.search(value):
        return (
            "HTML (zoals <script> of <b>) is niet toegestaan in tekst; "
            "schrijf gewone tekst, eventueel met Markdown zoals *nadruk* of [tekst](https://…)"
        )
    if "![" in value:
        return "afbeeldingen (![…](…)) zijn niet toegestaan in tekst; laat de afbeelding weg"
    if _ATTR_LIST_RE.search(value):
        return ("accolades met attributen ({: …} of { .… }) zijn niet toegestaan in tekst; "
                "laat het deel tussen { en } weg")
    if markdown and _HEADING_OR_RULE_RE.search(value):
        return ("koppen en scheidingslijnen (een regel die begint met #, of een regel met alleen "
                "===, --- of ***) zijn niet toegestaan in tekst: de pagina heeft zijn eigen kopjes; "
                "schrijf een gewone zin, eventueel met **vet**")
    targets = iter_markdown_links(value)
    if targets and not markdown:
        return "links zijn hier niet toegestaan; zet links in het veld 'links'"
    for target in targets:
        problem = find_link_problem(target)
        if problem:
            return problem
    return None


def _check_plain(value: str) -> str:
    if "\n" in value.strip():
        raise ValueError("deze tekst moet op één regel passen; haal de regeleinden weg")
    problem = find_text_problem(value, markdown=False)
    if problem:
        raise ValueError(problem)
    return value.strip()


def _check_markdown(value: str) -> str:
    problem = find_text_problem(value, markdown=True)
    if problem:
        raise ValueError(problem)
    return value.strip()


def _check_url(value: str) -> str:
    value = value.strip()
    problem = find_link_problem(value)
    if problem:
        raise ValueError(problem)
    if not value.lower().startswith(_SAFE_SCHEMES):
        raise ValueError("een link hier moet beginnen met https://, http:// of mailto:")
    if _CONTROL_RE.search(value) or any(c.isspace() for c in value):
        raise ValueError("een link mag geen spaties of stuurtekens bevatten")
    return value


def _check_slug(value: str) -> str:
    if not _SLUG_RE.match(value):
        raise ValueError(
            f"'{value}' is geen geldige id; gebruik alleen kleine letters, cijfers en "
            "koppeltekens (bijv. 'de-ketel')"
        )
    return value


def _normalise_regels(value: object) -> object:
    # Editors type "1137-1382", "1137–1382" (en dash) or a single line number.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value.replace("–", "-").replace("—", "-").replace(" ", "")
    return value


def _check_regels(value: str) -> str:
    start, _, end = value.partition("-")
    if end and int(end) < int(start):
        raise ValueError(
            f"regels '{value}' lopen terug; zet het kleinste nummer eerst: '{end}-{start}'"
        )
    if int(start) < 1:
        raise ValueError("regelnummers beginnen bij 1; tel de eerste regel van de brontekst als 1")
    return value


Slug = Annotated[
    str, Field(max_length=80, description="Id: kleine letters, cijfers en koppeltekens."),
    AfterValidator(_check_slug),
]


class _RefMark:
    """Marks the ``Ref`` type, so a test can find every reference field and require a ``Naar``."""

    def __repr__(self) -> str:
        return "REF"


REF = _RefMark()
Ref = Annotated[
    str,
    Field(max_length=80, description="Id van een ander item (de bestandsnaam zonder .yml)."),
    AfterValidator(_check_slug),
    REF,
]


@dataclass(frozen=True)
class Naar:
    """Declares a reference field, once, on the field: ``Annotated[list[Ref], Naar(...)]``.

    The field holds ids of ``soort`` items (for a list of entries: in each entry's
    ``veld``). From this one declaration come the check that each id exists
    (``references.py``, ``validate.py``) and the knowledge graph's edge ``relatie``
    with ``gewicht`` (``graph/build.py``); a case's bouwstenen take their weight
    from their sterkte instead.
    """

    soort: str
    relatie: str
    gewicht: int
    veld: str | None = None

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        # The schema says it too, from this one declaration: which kind the ids name.
        schema: dict[str, Any] = handler(core_schema)
        schema["x-verwijst-naar"] = {"soort": self.soort, **({"veld": self.veld} if self.veld else {})}
        return schema
KorteTekst = Annotated[
    str, Field(min_length=1, max_length=200, description="Korte tekst op één regel, zonder opmaak."),
    AfterValidator(_check_plain),
]
Tekst = Annotated[
    str, Field(min_length=1, max_length=2_000, description="Tekst op één regel, zonder opmaak."),
    AfterValidator(_check_plain),
]
Opmaak = Annotated[
    str,
    Field(
        min_length=1,
        max_length=20_000,
        description=(
            "Tekst in Markdown: alinea's, *nadruk*, **vet**, lijstjes en links als "
            "[tekst](https://…). Geen HTML, geen afbeeldingen en geen koppen (de pagina heeft zijn eigen kopjes)."
        ),
    ),
    AfterValidator(_check_markdown),
]
Url = Annotated[
    str,
    Field(max_length=2_000, description="Een webadres dat begint met https://, http:// of mailto:."),
    AfterValidator(_check_url),
]
_REGELS_DESCRIPTION = "Regelnummers in de brontekst: één nummer of een bereik, bijv. '1137-1382'."
Regels = Annotated[
    str,
    BeforeValidator(_normalise_regels),
    Field(pattern=r"^\d{1,6}(-\d{1,6})?$", description=_REGELS_DESCRIPTION),
    AfterValidator(_check_regels),
    # What editors may write, before _normalise_regels: a number, or a range with a
    # hyphen or dash and spaces around it. Editors' schemas must accept what check accepts.
    WithJsonSchema({
        "anyOf": [{"type": "integer", "minimum": 1, "maximum": 999_999},
                  {"type": "string", "pattern": "^ *(\\d *){1,6}([-\u2013\u2014] *(\\d *){1,6})?$"}],
        "description": _REGELS_DESCRIPTION,
    }),
]

PartijType = Literal[
    "bewoners", "overheid", "markt", "maatschappelijke organisatie", "kennisinstelling"
]
Doelgroep = Literal[
    "bewoners", "gemeente", "professionals", "corporaties", "ondernemers",
    "kennisinstellingen", "iedereen",
]


def _is_empty(value: Any) -> bool:
    """True for what an editor left unfilled: nothing, blank text, or only empty parts."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value or value.isspace()
    if isinstance(value, dict):
        return all(_is_empty(item) for item in value.values())
    if isinstance(value, list):
        return all(_is_empty(item) for item in value)
    return False


def _has_empty_part(value: Any) -> bool:
    return _is_empty(value) or (
        isinstance(value, list) and any(isinstance(item, dict) and _is_empty(item) for item in value)
    )


@functools.cache
def _optional_fields(model: type[BaseModel]) -> frozenset[str]:
    # Asked once per item while loading; pydantic's field table is slow to consult.
    return frozenset(name for name, info in model.model_fields.items() if not info.is_required())


class Model(BaseModel):
    """Base of every content model: unknown keys are errors, values are immutable."""

    # Editors write `jaar: 2018` for a text field; accept numbers there as text.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_optional_means_absent(cls, data: Any) -> Any:
        # A template leaves every field in place; an optional field left empty
        # (`tijdlijn:`, or a skeleton item whose values are all empty) means
        # "not given", not "wrong type". Required fields stay, so the editor hears
        # that they still need filling in.
        if not isinstance(data, dict):
            return data
        optional = _optional_fields(cls)
        if not any(key in optional and _has_empty_part(value) for key, value in data.items()):
            return data  # the usual case: nothing to drop, no copy
        cleaned = {}
        for key, value in data.items():
            if key in optional:
                if isinstance(value, list):
                    value = [item for item in value if not (isinstance(item, dict) and _is_empty(item))]
                if _is_empty(value):
                    continue
            cleaned[key] = value
        return cleaned


class BronVerwijzing(Model):
    """Where in a source publication a piece of content comes from."""

    bron: Annotated[Ref, Naar("bron", "bron", 1)] = Field(description="Id van de bron (een bestand in content/bronnen/).")
    hoofdstuk: KorteTekst = Field(
        description="Hoofdstuk of paragraaf in de bron, bijv. 'H4 Zorgvrijstaat Rotterdam West'."
    )
    regels: Regels

    def line_range(self) -> tuple[int, int]:
        """Return the first and last line number, both inclusive."""
        start, _, end = self.regels.partition("-")
        return int(start), int(end or start)


class Link(Model):
    """A link to a web page outside Wijkkompas."""

    titel: KorteTekst = Field(description="Waar de link naartoe gaat, bijv. 'Website Zorgvrijstaat'.")
    url: Url


class Koppeling(Model):
    """A reference to another item, with an optional one-line explanation."""

    id: Ref = Field(description="Id van het gekoppelde item.")
    toelichting: Tekst | None = Field(
        default=None, description="Waarom deze koppeling er is, in één zin."
    )
