"""The Kenniskaart: a valid, escaped, deterministic SVG and a matching text alternative."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from generator.graph import build_graph
from generator.load import load_content
from generator.render.kenniskaart import (
    KLEUREN,
    MAX_LABELLED_CASES,
    TEKSTKLEUR,
    kenniskaart_alternative,
    render_kenniskaart,
)

MINI = Path(__file__).parent / "fixtures" / "mini"
SVG = "{http://www.w3.org/2000/svg}"
KINDS = ("casus", "bouwsteen", "thema")


def link(kind: str, item_id: str) -> str:
    # A query string with "&" checks that hrefs are escaped, not just copied.
    return f"../{kind}/{item_id}/?van=kaart&x=1"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    content, problems = load_content(MINI)
    assert problems == []
    return build_graph(content)


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _links(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}a"))


def _map_nodes(graph: nx.MultiDiGraph) -> dict[str, dict]:
    return {n: a for n, a in graph.nodes(data=True) if a["kind"] in KINDS}


def _graph_by_hand(titles: dict[str, str], edges: list[tuple[str, str, str | None]]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node, titel in titles.items():
        kind, item_id = node.split(":", 1)
        graph.add_node(node, kind=kind, id=item_id, titel=titel)
    for source, target, sterkte in edges:
        relation = "illustreert" if target.startswith("bouwsteen:") else "heeft_thema"
        attrs = {"relation": relation, "weight": 2}
        if sterkte:
            attrs["sterkte"] = sterkte
        graph.add_edge(source, target, key=relation, **attrs)
    return graph


def _synthetic(cases: int) -> nx.MultiDiGraph:
    titles = {f"bouwsteen:b{i}": f"Bouwsteen {i}" for i in range(7)}
    titles |= {f"thema:t{i}": f"Thema {i}" for i in range(14)}
    titles |= {f"casus:c{i:04d}": f"Casus nummer {i}" for i in range(cases)}
    sterktes = ("sterk", "deels", "tegenvoorbeeld")
    edges: list[tuple[str, str, str | None]] = []
    for i in range(cases):
        for j in range(1 + i % 3):
            edges.append((f"casus:c{i:04d}", f"bouwsteen:b{(i + 3 * j) % 7}", sterktes[(i + j) % 3]))
        for j in range(1 + i % 4):
            edges.append((f"casus:c{i:04d}", f"thema:t{(i * 5 + j) % 14}", None))
    return _graph_by_hand(titles, edges)


def _contrast(colour: str, against: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(colour), luminance(against)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_svg_parses_and_has_one_link_per_node(graph: nx.MultiDiGraph) -> None:
    svg = render_kenniskaart(graph, link=link)
    root = _parse(svg)
    assert root.tag == f"{SVG}svg"
    assert not svg.startswith("<?xml")
    nodes = _map_nodes(graph)
    assert len(_links(root)) == len(nodes) == 6
    assert {a.get("href") for a in _links(root)} == {link(attrs["kind"], attrs["id"]) for attrs in nodes.values()}


def test_the_map_is_named_and_described_in_dutch(graph: nx.MultiDiGraph) -> None:
    root = _parse(render_kenniskaart(graph, link=link))
    ids = root.get("aria-labelledby").split()
    assert ids == ["kk-titel", "kk-beschrijving"]
    named = {el.get("id"): el for el in root.iter() if el.get("id")}
    assert named["kk-titel"].tag == f"{SVG}title" and "Kenniskaart" in named["kk-titel"].text
    assert named["kk-beschrijving"].tag == f"{SVG}desc"
    assert "2 casussen, 2 bouwstenen en 2 thema’s" in named["kk-beschrijving"].text
    assert root.get("role") != "img"  # the links inside must stay reachable


def test_every_link_has_a_dutch_title_and_anchors_have_visible_labels(graph: nx.MultiDiGraph) -> None:
    root = _parse(render_kenniskaart(graph, link=link))
    titles = {}
    for a in _links(root):
        title = a.find(f"{SVG}title")
        assert title is not None
        titles[a.get("href")] = (title.text, [t.text for t in a.iter(f"{SVG}text")])
    assert titles[link("casus", "huiskamer")][0] == "Casus: De Huiskamer"
    assert titles[link("bouwsteen", "blok-1")] == ("Bouwsteen: Blok 1", ["Blok 1"])
    assert titles[link("thema", "zorg")] == ("Thema: Zorg & welzijn", ["Zorg & welzijn"])
    # Few cases, so the cases are labelled too.
    assert titles[link("casus", "huiskamer")][1] == ["De Huiskamer"]


def test_kinds_differ_in_shape_and_colour(graph: nx.MultiDiGraph) -> None:
    root = _parse(render_kenniskaart(graph, link=link))
    shapes = {}
    for a in _links(root):
        kind = a.get("href").split("/")[1]
        figure = list(a)[1]  # the <title> comes first
        shapes.setdefault(kind, set()).add((figure.tag, figure.get("fill")))
    assert shapes == {
        "casus": {(f"{SVG}circle", KLEUREN["casus"])},
        "bouwsteen": {(f"{SVG}rect", KLEUREN["bouwsteen"])},
        "thema": {(f"{SVG}polygon", KLEUREN["thema"])},
    }


def test_colours_meet_wcag_contrast_on_white() -> None:
    for colour in KLEUREN.values():
        assert _contrast(colour) >= 3.0  # graphics, WCAG 1.4.11
    assert _contrast(TEKSTKLEUR) >= 4.5  # text, WCAG 1.4.3


def test_line_style_follows_sterkte(graph: nx.MultiDiGraph) -> None:
    root = _parse(render_kenniskaart(graph, link=link))
    lines = [p for g in root.findall(f"{SVG}g") if g.get("aria-hidden") == "true" and g.get("fill") == "none"
             for p in g.iter(f"{SVG}path") if p.get("stroke") == KLEUREN["bouwsteen"]]
    # huiskamer: blok-1 sterk, blok-2 tegenvoorbeeld; tuin: blok-1 deels (also
    # named as example by blok-1: still one line), and blok-2 only names tuin
    # as its example, so that line has no sterkte.
    assert len(lines) == 4
    widths = [float(p.get("stroke-width")) for p in lines]
    dashed = [p for p in lines if p.get("stroke-dasharray")]
    assert len(dashed) == 1
    assert max(widths) > float(dashed[0].get("stroke-width")) > min(widths)


def test_editor_text_is_escaped() -> None:
    evil = 'De "Ketel" <script>alert(1)</script> & co'
    graph = _graph_by_hand(
        {"casus:x": evil, "bouwsteen:b": "<b>Blok</b>", "thema:t": "Thema ' \" >"},
        [("casus:x", "bouwsteen:b", "sterk"), ("casus:x", "thema:t", None)],
    )
    svg = render_kenniskaart(graph, link=lambda kind, item_id: f'../{kind}/{item_id}/"><script>x</script>')
    assert "<script" not in svg
    assert "<b>" not in svg
    root = _parse(svg)
    titles = sorted(a.find(f"{SVG}title").text for a in _links(root))
    assert titles == ["Bouwsteen: <b>Blok</b>", f"Casus: {evil}", "Thema: Thema ' \" >"]
    assert sorted(a.get("href") for a in _links(root))[0] == '../bouwsteen/b/"><script>x</script>'
    assert not list(root.iter(f"{SVG}script"))


def test_control_characters_in_titles_do_not_break_the_xml() -> None:
    graph = _graph_by_hand({"casus:x": "Nul\x00byte\x1b en\ttab"}, [])
    root = _parse(render_kenniskaart(graph, link=link))
    assert _links(root)[0].find(f"{SVG}title").text == "Casus: Nulbyte en\ttab"


@pytest.mark.parametrize("href", ["javascript:alert(1)", " java\tscript:alert(1)", "data:text/html,x"])
def test_unsafe_link_targets_are_refused(graph: nx.MultiDiGraph, href: str) -> None:
    with pytest.raises(ValueError):
        render_kenniskaart(graph, link=lambda kind, item_id: href)


def test_absolute_http_links_are_allowed(graph: nx.MultiDiGraph) -> None:
    root = _parse(render_kenniskaart(graph, link=lambda kind, item_id: f"https://example.org/{item_id}/"))
    assert all(a.get("href").startswith("https://example.org/") for a in _links(root))


def test_no_external_references(graph: nx.MultiDiGraph) -> None:
    svg = render_kenniskaart(graph, link=link)
    root = _parse(svg)
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert not tags & {"image", "script", "foreignObject", "use", "iframe"}
    assert "url(" not in svg and "@import" not in svg and "xlink" not in svg
    assert svg.count("http") == 1  # only the SVG namespace
    assert root.get("font-family") == "system-ui, sans-serif"


def test_output_is_deterministic_and_independent_of_insertion_order(graph: nx.MultiDiGraph) -> None:
    first = render_kenniskaart(graph, link=link)
    assert render_kenniskaart(graph, link=link) == first
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert render_kenniskaart(shuffled, link=link) == first
    assert kenniskaart_alternative(shuffled) == kenniskaart_alternative(graph)


def test_coordinates_have_at_most_one_decimal() -> None:
    root = _parse(render_kenniskaart(_synthetic(40), link=link))
    for el in root.iter():
        for name in ("x", "y", "cx", "cy"):
            value = el.get(name)
            if value is not None:
                assert len(value.partition(".")[2]) <= 1, (name, value)


def test_input_graph_is_not_changed(graph: nx.MultiDiGraph) -> None:
    before = copy.deepcopy(graph)
    render_kenniskaart(graph, link=link)
    kenniskaart_alternative(graph)
    assert list(graph.nodes(data=True)) == list(before.nodes(data=True))
    assert list(graph.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True))
    assert graph.graph == before.graph


def test_empty_graph() -> None:
    empty = nx.MultiDiGraph()
    root = _parse(render_kenniskaart(empty, link=link))
    assert _links(root) == []
    assert "0 casussen, 0 bouwstenen en 0 thema’s" in root.find(f"{SVG}desc").text
    assert kenniskaart_alternative(empty) == []


def test_other_kinds_and_relations_are_left_out(graph: nx.MultiDiGraph) -> None:
    root = _parse(render_kenniskaart(graph, link=link))
    kinds = {a.get("href").split("/")[1] for a in _links(root)}
    assert kinds == set(KINDS)
    assert any(attrs["kind"] == "tip" for _, attrs in graph.nodes(data=True))


def test_many_cases_render_without_labels() -> None:
    big = _synthetic(1500)
    svg = render_kenniskaart(big, link=link)
    root = _parse(svg)
    links = _links(root)
    assert len(links) == 1500 + 7 + 14
    case_links = [a for a in links if a.get("href").startswith("../casus/")]
    assert all(not list(a.iter(f"{SVG}text")) for a in case_links)
    assert "raster" in root.find(f"{SVG}desc").text


def test_labels_stop_above_the_threshold() -> None:
    for cases, labelled in ((MAX_LABELLED_CASES, True), (MAX_LABELLED_CASES + 1, False)):
        root = _parse(render_kenniskaart(_synthetic(cases), link=link))
        case_links = [a for a in _links(root) if a.get("href").startswith("../casus/")]
        assert all(bool(list(a.iter(f"{SVG}text"))) == labelled for a in case_links)


def test_alternative_matches_the_edges(graph: nx.MultiDiGraph) -> None:
    alternative = kenniskaart_alternative(graph)
    nodes = _map_nodes(graph)
    anchors = [(a["kind"], a["titel"].casefold()) for a in nodes.values() if a["kind"] != "casus"]
    # Blocks first, then themes, each sorted by title.
    assert [(e["kind"], e["titel"].casefold()) for e in alternative] == sorted(
        anchors, key=lambda k: (k[0] != "bouwsteen", k[1]))
    for entry in alternative:
        # Links count in both directions (a block may name a case as its
        # example); sterkte comes from the case's own illustreert edge.
        anchor = f"{entry['kind']}:{entry['id']}"
        expected: dict[str, str | None] = {}
        for source, target, data in graph.edges(data=True):
            if anchor in (source, target):
                other = target if source == anchor else source
                if graph.nodes[other]["kind"] == "casus":
                    case_id = graph.nodes[other]["id"]
                    expected[case_id] = expected.get(case_id) or data.get("sterkte")
        assert {c["id"]: c["sterkte"] for c in entry["casussen"]} == expected
        for case in entry["casussen"]:
            assert case["titel"] == graph.nodes[f"casus:{case['id']}"]["titel"]
        assert entry["label"] == {"bouwsteen": "Bouwsteen", "thema": "Thema"}[entry["kind"]]
    blok_1 = next(e for e in alternative if e["id"] == "blok-1")
    assert blok_1["casussen"] == [
        {"id": "huiskamer", "titel": "De Huiskamer", "sterkte": "sterk"},
        {"id": "tuin", "titel": graph.nodes["casus:tuin"]["titel"], "sterkte": "deels"},
    ]
    blok_2 = next(e for e in alternative if e["id"] == "blok-2")
    assert [(c["id"], c["sterkte"]) for c in blok_2["casussen"]] == [("huiskamer", "tegenvoorbeeld"), ("tuin", None)]


def test_alternative_orders_cases_by_sterkte_then_title() -> None:
    graph = _graph_by_hand(
        {"bouwsteen:b": "Blok", "thema:t": "Thema", "thema:leeg": "Alleen",
         "casus:z": "Zeta", "casus:a": "alfa", "casus:m": "Mu"},
        [("casus:z", "bouwsteen:b", "sterk"), ("casus:a", "bouwsteen:b", "tegenvoorbeeld"),
         ("casus:m", "bouwsteen:b", "sterk"), ("casus:z", "thema:t", None), ("casus:a", "thema:t", None)],
    )
    alternative = kenniskaart_alternative(graph)
    assert [e["id"] for e in alternative] == ["b", "leeg", "t"]
    assert [c["id"] for c in alternative[0]["casussen"]] == ["m", "z", "a"]
    assert alternative[1]["casussen"] == []
    assert alternative[2]["casussen"] == [
        {"id": "a", "titel": "alfa", "sterkte": None},
        {"id": "z", "titel": "Zeta", "sterkte": None},
    ]
