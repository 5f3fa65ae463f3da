"""The knowledge graph: typed, weighted edges, queries, and integrity warnings."""

from __future__ import annotations

from generator.check import check_project
from generator.graph import build_graph, find_graph_problems, neighbours, related_items
from generator.load import load_content
from generator.project import Project


def _graph(project: Project):
    content, problems = load_content(project.root)
    assert problems == []
    return build_graph(content)


def test_nodes_carry_kind_id_and_title(mini: Project) -> None:
    graph = _graph(mini)
    assert graph.nodes["casus:huiskamer"] == {
        "kind": "casus", "id": "huiskamer", "titel": "De Huiskamer", "bestand": "cases/huiskamer.yml",
        "diepgang": "uitgebreid",
    }
    assert sorted({attrs["kind"] for _, attrs in graph.nodes(data=True)}) == [
        "begrip", "bouwsteen", "bron", "casus", "kader", "stap", "thema", "tip",
    ]


def test_casus_to_bouwsteen_edges_carry_sterkte_as_weight(mini: Project) -> None:
    graph = _graph(mini)
    strong = graph.get_edge_data("casus:huiskamer", "bouwsteen:blok-1", key="illustreert")
    counter = graph.get_edge_data("casus:huiskamer", "bouwsteen:blok-2", key="illustreert")
    assert (strong["sterkte"], strong["weight"]) == ("sterk", 3)
    assert (counter["sterkte"], counter["weight"]) == ("tegenvoorbeeld", 1)
    assert strong["toelichting"] == "Duidelijk."


def test_every_reference_kind_becomes_an_edge(mini: Project) -> None:
    graph = _graph(mini)
    relations = {(u, v, k) for u, v, k in graph.edges(keys=True)}
    assert ("tip:begin-klein", "stap:stap-een", "over_stap") in relations
    assert ("stap:stap-een", "bouwsteen:blok-1", "werkt_aan") in relations
    assert ("kader:model", "casus:huiskamer", "element_casus") in relations
    assert ("bouwsteen:blok-1", "casus:tuin", "voorbeeld") in relations
    assert ("casus:tuin", "thema:groen", "heeft_thema") in relations


def test_neighbours_sees_both_directions(mini: Project) -> None:
    graph = _graph(mini)
    cases = neighbours(graph, "bouwsteen:blok-1", "casus")
    assert {(l.id, l.richting) for l in cases} == {("huiskamer", "in"), ("tuin", "in"), ("tuin", "uit")}
    assert {(l.id, l.relation) for l in neighbours(graph, "casus:huiskamer", "tip")} == {
        ("begin-klein", "leert"), ("begin-klein", "uit_casus"),
    }


def test_related_cases_share_themes_and_blocks_but_not_sources(mini: Project) -> None:
    graph = _graph(mini)
    [(other, score, shared)] = related_items(graph, "casus:huiskamer", "casus")
    assert other == "casus:tuin"
    assert "bron:testbron" not in shared
    assert {"thema:zorg", "bouwsteen:blok-1", "stap:stap-een"} <= set(shared)
    assert score > 0


def test_queries_do_not_change_the_graph(mini: Project) -> None:
    graph = _graph(mini)
    before = (graph.number_of_nodes(), graph.number_of_edges())
    related_items(graph, "casus:huiskamer", "casus")
    neighbours(graph, "casus:huiskamer")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == before


def test_unillustrated_thema_and_loose_tip_are_warnings(mini: Project) -> None:
    (mini.root / "content" / "themas" / "wonen.yml").write_text("naam: Wonen\nintro: Over wonen.\n", encoding="utf-8")
    (mini.root / "content" / "tips" / "los.yml").write_text(
        "titel: Losse tip\ntekst: Nergens aan vast.\ndoelgroepen: [iedereen]\n"
        "bronnen: [{bron: testbron, hoofdstuk: H1, regels: 5}]\n", encoding="utf-8")
    result = check_project(mini)
    assert result.fouten == []
    messages = {(p.bestand, p.melding) for p in result.waarschuwingen}
    assert ("content/themas/wonen.yml", "geen enkele casus is aan dit thema gekoppeld") in messages
    assert ("content/tips/los.yml", "deze tip hangt los: geen casus, bouwsteen, stap of thema") in messages


def test_thresholds_warn_about_thin_connections(mini: Project) -> None:
    from generator.graph.checks import Drempels

    content, _ = load_content(mini.root)
    graph = build_graph(content)
    assert find_graph_problems(graph, Drempels(1, 1, 1, 1, 1)) == []
    messages = {(p.bestand, p.melding) for p in find_graph_problems(graph, Drempels(3, 3, 3, 2, 2))}
    assert ("content/bouwstenen/blok-1.yml", "maar 2 casus(sen) gekoppeld aan deze bouwsteen; minstens 3 gewenst") in messages
    assert ("cases/huiskamer.yml", "een uitgebreide casus hoort minstens 2 tips te hebben; deze heeft er 1") in messages
    assert ("cases/huiskamer.yml", "een uitgebreide casus hoort minstens 2 begrippen te hebben; deze heeft er 1") in messages


def test_real_content_links_both_cases_to_blocks_and_steps() -> None:
    from conftest import REPO

    graph = _graph(Project.at(REPO))
    for case in ("casus:zorgvrijstaat", "casus:de-ketel"):
        kinds = {l.kind for l in neighbours(graph, case)}
        assert {"bouwsteen", "stap", "tip", "thema", "bron", "begrip"} <= kinds
    assert find_graph_problems(graph) is not None


def _related_by_walking(graph, node: str, kind: str, limit: int = 5) -> list[tuple[str, int, list[str]]]:
    """``related_items`` the slow, obvious way: walk every shared neighbour."""
    def strongest(a: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for u, v, data in list(graph.out_edges(a, data=True)) + list(graph.in_edges(a, data=True)):
            other = v if u == a else u
            if graph.nodes[other]["kind"] != "bron":
                found[other] = max(found.get(other, 0), int(data["weight"]))
        return found

    mine = strongest(node)
    scored = []
    for other in graph:
        if other == node or graph.nodes[other]["kind"] != kind:
            continue
        theirs = strongest(other)
        shared = sorted(mine.keys() & theirs.keys())
        score = sum(mine[m] + theirs[m] for m in shared)
        if score > 0:
            scored.append((other, score, shared))
    return sorted(scored, key=lambda entry: (-entry[1], entry[0]))[:limit]


def test_related_table_equals_walking_the_graph_on_the_real_content() -> None:
    from conftest import REPO
    from generator.graph.queries import related_table

    graph = check_project(Project.at(REPO)).graph
    table = related_table(graph, "casus")
    assert set(table) == {n for n, attrs in graph.nodes(data=True) if attrs["kind"] == "casus"}
    for node, entries in table.items():
        assert entries == _related_by_walking(graph, node, "casus")


def test_related_table_on_a_random_graph_equals_walking_it_whatever_the_block(monkeypatch) -> None:
    """The sparse products give the walking scores, and cutting the rows into blocks changes nothing."""
    import random

    import networkx as nx

    from generator.graph import queries

    rng = random.Random(7)
    graph = nx.MultiDiGraph()
    kinds = ["casus"] * 60 + ["thema"] * 6 + ["tip"] * 20 + ["bron"] * 3
    for i, kind in enumerate(kinds):
        graph.add_node(f"{kind}:{i:03d}", kind=kind)
    nodes = list(graph)
    for case in nodes[:60]:
        for other in rng.sample(nodes, 12):
            if other != case:
                graph.add_edge(case, other, key="x", relation="x", weight=rng.randint(1, 3))
    whole = queries.related_table(graph, "casus", limit=4)
    monkeypatch.setattr(queries, "_BLOCK", 7)
    assert queries.related_table(graph, "casus", limit=4) == whole
    for node, entries in whole.items():
        assert entries == _related_by_walking(graph, node, "casus", limit=4)
