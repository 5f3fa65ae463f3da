"""Draw the "Kenniskaart": an SVG map of cases, building blocks and themes.

The map is drawn once, at build time, from the knowledge graph: no script, no
font and no image is loaded in the browser. It shows three columns: the
bouwstenen on the left, the casussen in the middle and the thema's on the
right, with a curve from every case to each block it illustrates and each theme
it has. Every figure is a link to its page and carries its name as a
``<title>``; :func:`kenniskaart_alternative` gives the same information as
plain data, so a page can show it as lists next to the map.

The layout is a layered drawing, not a force simulation: the cases are ordered
by the weighted mean height of the blocks and themes they link to (the
barycentre heuristic for fewer crossings), and the blocks and themes in turn by
the mean height of their cases. It uses only sorting and arithmetic, so it is
deterministic to the byte and takes linear-logarithmic time for thousands of
cases.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import Any, Callable

import networkx as nx

from ..models.casus import STERKTES, sterkte_gewicht

__all__ = [
    "render_kenniskaart",
    "kenniskaart_alternative",
    "KLEUREN",
    "TEKSTKLEUR",
    "MAX_LABELLED_CASES",
]

# Fill (and line) colours per kind. Each needs at least 3:1 contrast with
# white (WCAG 1.4.11, graphics; a test checks it); these have more than 5:1.
# Shape and position also tell the kinds apart, so colour is never the only
# cue (WCAG 1.4.1).
KLEUREN = {"casus": "#00796b", "bouwsteen": "#c2410c", "thema": "#6d28d9"}
# Labels and headings: near-black (about 15:1 on white).
TEKSTKLEUR = "#1f2937"
# Up to this many cases every case gets a visible label; above it the labels
# would overlap, so cases are dots with a tooltip and the text alternative.
MAX_LABELLED_CASES = 60

_KIND_LABEL = {"casus": "Casus", "bouwsteen": "Bouwsteen", "thema": "Thema"}
_ANCHOR_KINDS = ("bouwsteen", "thema")
# Line style per sterkte: width carries the strength, a dash marks the
# counter-example, so neither depends on colour. A link without sterkte (not
# from the case's own list) is drawn as the thinnest solid line.
_STERKTE_STYLE = {
    "sterk": (2.6, None),
    "deels": (1.2, None),
    "tegenvoorbeeld": (1.2, "5 4"),
    None: (0.8, None),
}
_THEMA_LINE = 0.8

# Canvas geometry in user units (the viewBox scales it to the page width).
# The width is about that of a page without sidebars, so text is drawn near
# its nominal size there.
_WIDTH = 1250
_TOP = 84  # room for the column headings
_LEGEND = 78  # room for the legend below the drawing
_LEFT_X = 280.0  # bouwstenen; their labels end left of this
_RIGHT_X = 980.0  # thema's; their labels start right of this
_CASE_X = 470.0  # the single column of labelled cases
# Lines to the themes leave labelled cases here, right of the longest label, so
# they never run through a label; a dotted leader joins label and port.
_PORT_X = 790.0
_GRID_X0, _GRID_X1 = 400.0, 860.0  # the band for a grid of unlabelled cases
_ROW = 24.0  # row height of labelled cases
_GRID_ROW = 12.0  # row height of the grid
_GRID_MAX_ROWS = 60  # the grid grows sideways beyond this, so height stays bounded
_ANCHOR_ROW = 34.0  # minimum distance between blocks or themes
_MIN_HEIGHT = 240.0
_SWEEPS = 4  # barycentre passes; more barely changes the order
# Visible labels are cut to fit their column (the full name is in the <title>).
_ANCHOR_LABEL_CHARS = 32
_CASE_LABEL_CHARS = 42
_CASE_FONT = 13
# Rough advance of characters in em, on the wide side of common sans-serif
# system fonts (DejaVu Sans; Segoe UI and SF are narrower): the leader starts
# after the label's estimated end, so a narrower font leaves a gap, not an overlap.
_NARROW = frozenset(" .,:;'!|()[]ifjlrtI’-")
_WIDE = frozenset("mwMW")

# Characters XML 1.0 does not allow at all; escaping cannot save them, so they
# are dropped (a title with a NUL byte must not make the whole page invalid).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_ASCII_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")


def _em_width(text: str) -> float:
    """Estimated width of ``text`` in em.

    >>> round(_em_width("De Ketel"), 2)
    4.1
    """
    return sum(0.32 if c in _NARROW else 0.88 if c in _WIDE else 0.7 if c.isupper() else 0.58 for c in text)


@dataclass(frozen=True)
class _Knoop:
    node: str
    kind: str
    id: str
    titel: str


@dataclass(frozen=True)
class _Rand:
    casus: str  # node name of the case
    anker: str  # node name of the block or theme
    sterkte: str | None


def _text(value: object) -> str:
    """Escape ``value`` for XML character data."""
    return html.escape(_XML_INVALID.sub("", str(value)), quote=False)


# Whitespace other than a space is written as a character reference,
# because an XML parser would otherwise normalise it to a space.
_ATTRIBUTE_EXTRA = str.maketrans({'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _attr(value: object) -> str:
    """Escape ``value`` as a double-quoted XML attribute, quotes included.

    >>> _attr('a "b" <c>')
    '"a &quot;b&quot; &lt;c&gt;"'
    """
    return '"' + _text(value).translate(_ATTRIBUTE_EXTRA) + '"'


def _safe_href(href: str) -> str:
    """Return ``href`` if it is relative or http(s); refuse anything else.

    The link function is our own code, but a ``javascript:`` URL in a link is
    the one thing escaping cannot make harmless, so it is checked here too.
    Browsers ignore tabs, newlines and leading spaces in a scheme, so those are
    removed before looking at it.
    """
    squashed = _ASCII_CONTROL_OR_SPACE.sub("", href)
    match = _SCHEME.match(squashed)
    if match and match.group(1).lower() not in {"http", "https"}:
        raise ValueError(f"kenniskaart: link {href!r} is niet relatief en niet http(s)")
    return href


def _num(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing ``.0``.

    >>> _num(12.04), _num(3.0), _num(-0.01)
    ('12', '3', '0')
    """
    text = f"{round(value, 1):.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _short(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, ending in an ellipsis if cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _title_key(knoop: _Knoop) -> tuple[str, str]:
    return (knoop.titel.casefold(), knoop.id)


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _extract(graph: nx.MultiDiGraph) -> tuple[dict[str, _Knoop], list[_Rand]]:
    """The cases, blocks and themes of ``graph`` and one edge per case-anchor pair.

    Only reads the graph. Edges are taken in either direction, so a block that
    names a case as its example links them too; a MultiDiGraph may hold several
    edges for one pair, which become one line, keeping the sterkte if any
    edge has one.
    """
    nodes: dict[str, _Knoop] = {}
    for node, attrs in graph.nodes(data=True):
        kind = attrs.get("kind")
        if kind in _KIND_LABEL:
            item_id = str(attrs.get("id", node))
            nodes[node] = _Knoop(node, kind, item_id, str(attrs.get("titel") or item_id))
    sterkte: dict[tuple[str, str], str | None] = {}
    for u, v, data in graph.edges(data=True):
        if u not in nodes or v not in nodes:
            continue
        kinds = (nodes[u].kind, nodes[v].kind)
        if kinds[0] == "casus" and kinds[1] in _ANCHOR_KINDS:
            pair = (u, v)
        elif kinds[1] == "casus" and kinds[0] in _ANCHOR_KINDS:
            pair = (v, u)
        else:
            continue
        value = data.get("sterkte") if nodes[pair[1]].kind == "bouwsteen" else None
        if value is not None or pair not in sterkte:
            sterkte[pair] = value if value in STERKTES else sterkte.get(pair)
    edges = [_Rand(c, a, s) for (c, a), s in sorted(sterkte.items())]
    return nodes, edges


@dataclass(frozen=True)
class _Layout:
    positions: dict[str, tuple[float, float]]
    height: float  # height of the drawing area between headings and legend
    labelled: bool  # whether cases get a visible label
    case_radius: float


def _spread(order: list[str], top: float, height: float) -> dict[str, float]:
    """Evenly spaced heights for ``order`` within ``[top, top + height]``."""
    step = height / max(len(order), 1)
    return {node: top + (i + 0.5) * step for i, node in enumerate(order)}


def _lean(node: str, links: dict[str, list[tuple[str, float]]], nodes: dict[str, _Knoop]) -> float:
    """The share of a case's link weight that goes to blocks (0 to 1)."""
    total = sum(w for _, w in links[node])
    to_blocks = sum(w for other, w in links[node] if nodes[other].kind == "bouwsteen")
    return to_blocks / total if total else 0.5


def _layout(nodes: dict[str, _Knoop], edges: list[_Rand]) -> _Layout:
    """Place every node: blocks left, themes right, cases in between.

    Blocks and themes start in title order; then a few barycentre sweeps
    reorder cases by the weighted mean height of their anchors and the anchors
    by the mean height of their cases. Every sort key ends in the node name,
    so ties never depend on dictionary or hash order.
    """
    cases = sorted((k for k in nodes.values() if k.kind == "casus"), key=lambda k: k.node)
    columns = {
        kind: [k.node for k in sorted((k for k in nodes.values() if k.kind == kind), key=_title_key)]
        for kind in _ANCHOR_KINDS
    }
    labelled = len(cases) <= MAX_LABELLED_CASES
    if labelled:
        grid_cols, rows = 1, len(cases)
        case_height = rows * _ROW
    else:
        grid_cols = math.ceil(len(cases) / _GRID_MAX_ROWS)
        rows = math.ceil(len(cases) / grid_cols)
        case_height = rows * _GRID_ROW
    longest_column = max((len(c) for c in columns.values()), default=0)
    height = max(case_height, longest_column * _ANCHOR_ROW, _MIN_HEIGHT)

    links: dict[str, list[tuple[str, float]]] = {node: [] for node in nodes}
    for edge in edges:
        weight = float(sterkte_gewicht(edge.sterkte))
        links[edge.casus].append((edge.anker, weight))
        links[edge.anker].append((edge.casus, weight))

    def barycentre(node: str, y: dict[str, float], default: float) -> float:
        total = sum(w for _, w in links[node])
        if not total:
            return default
        return sum(y[other] * w for other, w in links[node]) / total

    def place_cases(y_anchor: dict[str, float]) -> list[str]:
        middle = _TOP + height / 2
        return sorted((k.node for k in cases), key=lambda n: (barycentre(n, y_anchor, middle), n))

    case_top = _TOP + (height - case_height) / 2
    y_anchor = {n: y for col in columns.values() for n, y in _spread(col, _TOP, height).items()}
    case_order = place_cases(y_anchor)
    for _ in range(_SWEEPS):
        # Row of each case, as a height, for the anchors' barycentres.
        y_case = {n: case_top + (i // grid_cols + 0.5) * (case_height / max(rows, 1))
                  for i, n in enumerate(case_order)}
        for kind, col in columns.items():
            columns[kind] = sorted(col, key=lambda n: (barycentre(n, y_case, y_anchor[n]), n))
        y_anchor = {n: y for col in columns.values() for n, y in _spread(col, _TOP, height).items()}
        case_order = place_cases(y_anchor)

    positions: dict[str, tuple[float, float]] = {}
    for kind, col in columns.items():
        x = _LEFT_X if kind == "bouwsteen" else _RIGHT_X
        positions.update({n: (x, y_anchor[n]) for n in col})
    if labelled:
        for i, node in enumerate(case_order):
            positions[node] = (_CASE_X, case_top + (i + 0.5) * _ROW)
        radius = 6.0
    else:
        # Row by row, so height still follows the barycentre; within a row the
        # cases leaning towards the blocks sit left.
        dx = min(24.0, (_GRID_X1 - _GRID_X0) / grid_cols)
        x0 = (_GRID_X0 + _GRID_X1) / 2 - dx * (grid_cols - 1) / 2
        for grid_row, start in enumerate(range(0, len(case_order), grid_cols)):
            chunk = sorted(case_order[start:start + grid_cols], key=lambda n: (-_lean(n, links, nodes), n))
            for place, node in enumerate(chunk):
                positions[node] = (x0 + place * dx, case_top + (grid_row + 0.5) * _GRID_ROW)
        radius = max(2.5, min(5.0, dx / 3))
    return _Layout(positions, height, labelled, radius)


def _shape(kind: str, x: float, y: float, radius: float) -> str:
    """The figure of one node: circle (casus), square (bouwsteen), diamond (thema)."""
    fill = KLEUREN[kind]
    common = f'class="kk-vorm" fill="{fill}" stroke="#ffffff" stroke-width="1.5"'
    if kind == "casus":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(radius)}" {common}/>'
    if kind == "bouwsteen":
        return (f'<rect x="{_num(x - 9)}" y="{_num(y - 9)}" width="18" height="18" rx="3" {common}/>')
    points = f"{_num(x)},{_num(y - 11)} {_num(x + 11)},{_num(y)} {_num(x)},{_num(y + 11)} {_num(x - 11)},{_num(y)}"
    return f'<polygon points="{points}" {common}/>'


def _case_label_end(x: float, titel: str) -> float:
    """Where the visible label of a case at ``x`` is estimated to end."""
    return x + 11 + _em_width(_short(titel, _CASE_LABEL_CHARS)) * _CASE_FONT


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    """A horizontal S-curve from (x1, y1) to (x2, y2), as path data."""
    mid = (x1 + x2) / 2
    return (f"M{_num(x1)} {_num(y1)}C{_num(mid)} {_num(y1)} {_num(mid)} {_num(y2)} "
            f"{_num(x2)} {_num(y2)}")


def _description(counts: dict[str, int], labelled: bool) -> str:
    grid = "" if labelled else (
        " Omdat het er veel zijn, staan de casussen in een raster zonder namen; een lijn eindigt "
        "dan bij de rij van zijn casus."
    )
    return (
        f"Netwerk van {_count(counts['casus'], 'casus', 'casussen')}, "
        f"{_count(counts['bouwsteen'], 'bouwsteen', 'bouwstenen')} en "
        f"{_count(counts['thema'], 'thema', 'thema’s')}. "
        "Links staan de bouwstenen (vierkanten), in het midden de casussen (rondjes), "
        "rechts de thema’s (ruiten). Een lijn verbindt een casus met elke bouwsteen die hij "
        "illustreert (dikke lijn: sterk voorbeeld, dunne lijn: deels, gestreepte lijn: "
        "tegenvoorbeeld) en met elk van zijn thema’s." + grid + " Elke figuur is een link naar zijn pagina."
    )


_STYLE = (
    "<style>"
    ".wk-kenniskaart{max-width:100%;height:auto}"
    ".wk-kenniskaart a:hover .kk-vorm,.wk-kenniskaart a:focus .kk-vorm"
    "{stroke:#111827;stroke-width:3}"
    ".wk-kenniskaart a:hover text,.wk-kenniskaart a:focus text{text-decoration:underline}"
    "</style>"
)


def _legend(y: float, scale: float) -> list[str]:
    """The key below the map: the three shapes and the four kinds of line."""
    parts = [f'<g aria-hidden="true" font-size="13" fill="{TEKSTKLEUR}">']
    x = 40.0
    for kind in ("casus", "bouwsteen", "thema"):
        parts.append(_shape(kind, x, y, 6.0))
        parts.append(f'<text x="{_num(x + 16)}" y="{_num(y)}" dy=".35em">{_text(_KIND_LABEL[kind])}</text>')
        x += 130
    samples = [
        ("sterk voorbeeld", KLEUREN["bouwsteen"], *_STERKTE_STYLE["sterk"]),
        ("deels", KLEUREN["bouwsteen"], *_STERKTE_STYLE["deels"]),
        ("tegenvoorbeeld", KLEUREN["bouwsteen"], *_STERKTE_STYLE["tegenvoorbeeld"]),
        ("thema", KLEUREN["thema"], _THEMA_LINE, None),
    ]
    for label, colour, width, dash in samples:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{_num(x)}" y1="{_num(y)}" x2="{_num(x + 36)}" y2="{_num(y)}" '
                     f'stroke="{colour}" stroke-width="{_num(width * scale)}"{dash_attr}/>')
        parts.append(f'<text x="{_num(x + 44)}" y="{_num(y)}" dy=".35em">{_text(label)}</text>')
        x += 58 + 7.5 * len(label)
    parts.append("</g>")
    return parts


def render_kenniskaart(graph: nx.MultiDiGraph, *, link: Callable[[str, str], str]) -> str:
    """Draw the cases, building blocks and themes of ``graph`` as an SVG map.

    Parameters
    ----------
    graph
        The knowledge graph from :func:`generator.graph.build_graph`. Only
        nodes of kind ``casus``, ``bouwsteen`` and ``thema`` and the edges
        between a case and a block or theme are drawn; the graph is not changed.
    link
        ``link(kind, id)`` gives the ``href`` of an item's page as seen from the
        page the map is placed on, e.g. ``"../casussen/de-ketel/"``. It must
        return a relative or http(s) URL.

    Returns
    -------
    str
        One ``<svg>`` element (no XML declaration, no blank lines), ready to
        place inline in HTML. Every text and attribute is XML-escaped. The same
        graph always gives the same string.

    Raises
    ------
    ValueError
        If ``link`` returns a URL with another scheme, such as ``javascript:``.
    """
    nodes, edges = _extract(graph)
    layout = _layout(nodes, edges)
    pos = layout.positions
    counts = {kind: sum(1 for k in nodes.values() if k.kind == kind) for kind in _KIND_LABEL}
    total_height = _TOP + layout.height + _LEGEND
    # Many lines at full width would merge into one block of colour.
    scale = 1.0 if layout.labelled else 0.7

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wk-kenniskaart" '
        f'viewBox="0 0 {_WIDTH} {_num(total_height)}" width="{_WIDTH}" height="{_num(total_height)}" '
        f'aria-labelledby="kk-titel kk-beschrijving" font-family="system-ui, sans-serif">',
        f'<title id="kk-titel">{_text("Kenniskaart: casussen, bouwstenen en thema’s")}</title>',
        f'<desc id="kk-beschrijving">{_text(_description(counts, layout.labelled))}</desc>',
        _STYLE,
    ]

    # Lines first, so the figures and labels are drawn over them.
    out.append('<g aria-hidden="true" fill="none">')
    has_theme = {edge.casus for edge in edges if nodes[edge.anker].kind == "thema"}
    # In a grid, a line through the grid to each dot would paint it solid, so
    # lines end at the grid's edge on the row of their case; cases in one row
    # with the same link then share a line, which also keeps the file small.
    grid_left = min((x for n, (x, _) in pos.items() if nodes[n].kind == "casus"), default=0.0) - 8
    grid_right = max((x for n, (x, _) in pos.items() if nodes[n].kind == "casus"), default=0.0) + 8
    drawn: set[str] = set()
    for edge in edges:
        (cx, cy), (ax, ay) = pos[edge.casus], pos[edge.anker]
        if nodes[edge.anker].kind == "bouwsteen":
            width, dash = _STERKTE_STYLE[edge.sterkte]
            colour = KLEUREN["bouwsteen"]
            d = _curve(ax, ay, cx if layout.labelled else grid_left, cy)
        else:
            width, dash = _THEMA_LINE, None
            colour = KLEUREN["thema"]
            d = _curve(_PORT_X if layout.labelled else grid_right, cy, ax, ay)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        line = f'<path d="{d}" stroke="{colour}" stroke-width="{_num(width * scale)}"{dash_attr}/>'
        if line not in drawn:
            drawn.add(line)
            out.append(line)
    if layout.labelled:
        for knoop in sorted(nodes.values(), key=lambda k: k.node):
            if knoop.node in has_theme:
                x, y = pos[knoop.node]
                start = _case_label_end(x, knoop.titel) + 6
                out.append(f'<path d="M{_num(min(start, _PORT_X))} {_num(y)}H{_num(_PORT_X)}" '
                           f'stroke="{KLEUREN["thema"]}" stroke-width="1" stroke-dasharray="1 3"/>')
    out.append("</g>")

    case_heading_x = _CASE_X - 8 if layout.labelled else (_GRID_X0 + _GRID_X1) / 2
    headings = (
        ("bouwsteen", _LEFT_X + 10, "end", "Bouwstenen"),
        ("casus", case_heading_x, "start" if layout.labelled else "middle", "Casussen"),
        ("thema", _RIGHT_X - 10, "start", "Thema’s"),
    )
    # Document order is reading and tab order: column by column, top to bottom.
    for kind, heading_x, text_anchor, heading in headings:
        out.append(f'<text x="{_num(heading_x)}" y="{_num(_TOP - 36)}" text-anchor="{text_anchor}" '
                   f'font-size="16" font-weight="bold" fill="{TEKSTKLEUR}">{_text(heading)}</text>')
        members = sorted((k for k in nodes.values() if k.kind == kind),
                         key=lambda k: (pos[k.node][1], pos[k.node][0], k.node))
        out.append(f'<g class="kk-{kind}">')
        for knoop in members:
            x, y = pos[knoop.node]
            href = _safe_href(link(knoop.kind, knoop.id))
            out.append(f"<a href={_attr(href)}>")
            out.append(f"<title>{_text(_KIND_LABEL[kind] + ': ' + knoop.titel)}</title>")
            out.append(_shape(kind, x, y, layout.case_radius))
            if kind == "bouwsteen":
                out.append(f'<text x="{_num(x - 16)}" y="{_num(y)}" dy=".35em" text-anchor="end" '
                           f'font-size="14" fill="{TEKSTKLEUR}">{_text(_short(knoop.titel, _ANCHOR_LABEL_CHARS))}</text>')
            elif kind == "thema":
                out.append(f'<text x="{_num(x + 16)}" y="{_num(y)}" dy=".35em" '
                           f'font-size="14" fill="{TEKSTKLEUR}">{_text(_short(knoop.titel, _ANCHOR_LABEL_CHARS))}</text>')
            elif layout.labelled:
                # The halo keeps the label clear of lines that pass near it.
                out.append(f'<text x="{_num(x + 11)}" y="{_num(y)}" dy=".35em" font-size="{_CASE_FONT}" '
                           f'fill="{TEKSTKLEUR}" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" '
                           f'paint-order="stroke">{_text(_short(knoop.titel, _CASE_LABEL_CHARS))}</text>')
            out.append("</a>")
        out.append("</g>")

    if not nodes:
        out.append(f'<text x="{_WIDTH // 2}" y="{_num(_TOP + layout.height / 2)}" text-anchor="middle" '
                   f'font-size="14" fill="{TEKSTKLEUR}">{_text("Er zijn nog geen casussen, bouwstenen of thema’s.")}</text>')
    out.extend(_legend(_TOP + layout.height + _LEGEND / 2, scale))
    out.append("</svg>")
    return "\n".join(out)


def kenniskaart_alternative(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The map as plain data: per block and per theme, the cases linked to it.

    Parameters
    ----------
    graph
        The knowledge graph from :func:`generator.graph.build_graph`; not changed.

    Returns
    -------
    list of dict
        First every bouwsteen, then every thema, each group sorted by title.
        Each entry has ``kind``, ``label`` ("Bouwsteen" or "Thema"), ``id``,
        ``titel`` and ``casussen``: a list of dicts with ``id``, ``titel`` and
        ``sterkte`` ("sterk", "deels", "tegenvoorbeeld", or ``None`` for a
        theme or a link without sterkte). Cases of a block are sorted by
        sterkte, then title; cases of a theme by title. Blocks and themes
        without cases are included with an empty list.
    """
    nodes, edges = _extract(graph)
    cases_of: dict[str, list[_Rand]] = {}
    for edge in edges:
        cases_of.setdefault(edge.anker, []).append(edge)

    def case_key(edge: _Rand) -> tuple[int, str, str]:
        # Links without a sterkte (a theme's) after every sterkte.
        order = STERKTES.index(edge.sterkte) if edge.sterkte in STERKTES else len(STERKTES)
        return (order, *_title_key(nodes[edge.casus]))

    result: list[dict[str, Any]] = []
    for kind in _ANCHOR_KINDS:
        for knoop in sorted((k for k in nodes.values() if k.kind == kind), key=_title_key):
            result.append({
                "kind": kind,
                "label": _KIND_LABEL[kind],
                "id": knoop.id,
                "titel": knoop.titel,
                "casussen": [
                    {"id": nodes[e.casus].id, "titel": nodes[e.casus].titel, "sterkte": e.sterkte}
                    for e in sorted(cases_of.get(knoop.node, []), key=case_key)
                ],
            })
    return result
