"""The questionnaire: routing validation, golden advice, and the CLI."""

from __future__ import annotations

import json
import os
import pty
import select
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.check import check_project
from generator.cli import main
from generator.project import Project
from generator.questionnaire.advice import AdviceError, advise
from generator.questionnaire.model import Vragenlijst
from generator.questionnaire.routing import MAX_VRAGEN, find_routing_problems, route
from generator.render.data import questionnaire_data

from conftest import REPO

SCENARIOS = yaml.safe_load((Path(__file__).parent / "vragenlijst_scenarios.yml").read_text(encoding="utf-8"))
GOLDEN = Path(__file__).parent / "golden" / "mini-advies"
UPDATE = os.environ.get("WIJKKOMPAS_GOLDEN_BIJWERKEN") == "1"
BOEKCASUSSEN = ["zorgvrijstaat", "de-kunst-van-delen", "de-geweldige-wijk", "de-ketel", "jan-evertsenstraat",
                "digitale-buurtpreventie", "de-blauwe-wijkeconomie", "wijkacademies-opvoeden", "de-evenaar",
                "de-voedseltuin"]


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    result = check_project(Project.at(REPO))
    assert result.ok and result.vragenlijst is not None
    return questionnaire_data(result.content, result.graph, result.vragenlijst)


# ------------------------------------------------------------------ routing

def _vraag(id_: str, volgende: str, **extra: Any) -> dict[str, Any]:
    opties = extra.pop("opties", None) or [
        {"id": "a", "tekst": "A", "effecten": [{"doel": "thema:zorg"}]},
        {"id": "b", "tekst": "B", "effecten": [{"doel": "thema:zorg"}]},
    ]
    return {"id": id_, "tekst": f"Vraag {id_}?", "type": "een", "volgende": volgende, "opties": opties, **extra}


def _lijst(*vragen: dict[str, Any], start: str = "q1") -> Vragenlijst:
    return Vragenlijst.model_validate({"titel": "T", "inleiding": "I", "start": start, "vragen": list(vragen)})


def _problems(lijst: Vragenlijst) -> list[str]:
    return [issue.melding for issue in find_routing_problems(lijst)]


def test_valid_routes_have_no_problems() -> None:
    assert _problems(_lijst(_vraag("q1", "q2"), _vraag("q2", "resultaat"))) == []


def test_a_cycle_is_rejected_and_named() -> None:
    problems = _problems(_lijst(_vraag("q1", "q2"), _vraag("q2", "q3"), _vraag("q3", "q1")))
    assert problems == ["de route loopt in een kring: q1 → q2 → q3 → q1"]


def test_an_unreachable_question_is_rejected() -> None:
    assert "de vraag 'q3' is vanaf de start niet te bereiken" in _problems(
        _lijst(_vraag("q1", "q2"), _vraag("q2", "resultaat"), _vraag("q3", "resultaat")))


def test_an_unknown_target_gets_a_suggestion() -> None:
    issues = find_routing_problems(_lijst(_vraag("q1", "vraag-twee"), _vraag("vraag-twee", "resultat")))
    assert [(i.melding, i.oplossing) for i in issues] == [("onbekende vraag 'resultat'", "bedoelt u 'resultaat'?")]
    assert issues[0].path == ("vragen", 1, "volgende")


def test_an_option_route_to_an_unknown_question_is_rejected() -> None:
    opties = [{"id": "a", "tekst": "A", "volgende": "q9", "effecten": [{"doel": "thema:zorg"}]},
              {"id": "b", "tekst": "B", "effecten": [{"doel": "thema:zorg"}]}]
    issues = find_routing_problems(_lijst(_vraag("q1", "resultaat", opties=opties)))
    assert issues[0].path == ("vragen", 0, "opties", 0, "volgende")


def test_a_self_loop_and_an_unknown_start_are_rejected() -> None:
    assert "een vraag kan niet naar zichzelf leiden" in _problems(_lijst(_vraag("q1", "q1")))
    assert "onbekende vraag 'q0'" in _problems(_lijst(_vraag("q1", "resultaat"), start="q0"))


def test_a_route_that_asks_too_many_questions_is_rejected() -> None:
    count = MAX_VRAGEN + 1
    vragen = [_vraag(f"q{n}", f"q{n + 1}" if n < count else "resultaat") for n in range(1, count + 1)]
    assert any("stelt 16 vragen" in p for p in _problems(_lijst(*vragen)))


def test_model_rejects_options_without_effects_and_routes_on_multiple_choice() -> None:
    from pydantic import ValidationError

    no_effect = [{"id": "a", "tekst": "A", "effecten": []}, {"id": "b", "tekst": "B", "effecten": [{"doel": "thema:x"}]}]
    with pytest.raises(ValidationError, match="effecten"):
        _lijst(_vraag("q1", "resultaat", opties=no_effect))
    routed = [{"id": "a", "tekst": "A", "volgende": "resultaat", "effecten": [{"doel": "thema:x"}]},
              {"id": "b", "tekst": "B", "effecten": [{"doel": "thema:x"}]}]
    with pytest.raises(ValidationError, match="meerdere antwoorden"):
        _lijst(_vraag("q1", "resultaat", type="meerdere", opties=routed))
    with pytest.raises(ValidationError, match="geen geldig doel"):
        _lijst(_vraag("q1", "resultaat", opties=[{"id": "a", "tekst": "A", "effecten": [{"doel": "bron:x"}]},
                                                 {"id": "b", "tekst": "B", "effecten": [{"doel": "thema"}]}]))


def test_route_follows_option_overrides_and_defaults() -> None:
    opties = [{"id": "a", "tekst": "A", "volgende": "q3", "effecten": [{"doel": "thema:x"}]},
              {"id": "b", "tekst": "B", "effecten": [{"doel": "thema:x"}]}]
    lijst = _lijst(_vraag("q1", "q2", opties=opties), _vraag("q2", "q3"), _vraag("q3", "resultaat"))
    assert route(lijst, {}) == ["q1", "q2", "q3"]
    assert route(lijst, {"q1": ["a"]}) == ["q1", "q3"]
    assert route(lijst, {"q1": ["b"]}) == ["q1", "q2", "q3"]
    # One rule for the model and for the engine data built from it.
    assert route(lijst.model_dump(), {"q1": ["a"]}) == ["q1", "q3"]


def test_the_routing_rule_is_written_once_in_python() -> None:
    """routing.py holds the rule; advice, the CLI and the checks call it instead of walking routes themselves."""
    import inspect

    from generator.questionnaire import advice, present, routing

    assert "def route(" not in inspect.getsource(advice) and "def _route(" not in inspect.getsource(advice)
    assert advice.route is routing.route and present.route is routing.route
    assert present.next_question is routing.next_question
    assert "next_question(" in inspect.getsource(routing.build_routing_graph)


def _meerdere(**extra: Any) -> dict[str, Any]:
    opties = [{"id": letter, "tekst": letter.upper(), "effecten": [{"doel": "thema:x"}]} for letter in "abcd"]
    return _vraag("q1", "resultaat", type="meerdere", opties=opties, **extra)


def test_a_limit_is_checked_by_the_model() -> None:
    from pydantic import ValidationError

    assert _lijst(_meerdere(max_keuzes=3, keuzenaam="thema's")).vragen[0].max_keuzes == 3
    with pytest.raises(ValidationError, match="alleen bij een vraag met meerdere antwoorden"):
        _lijst(_vraag("q1", "resultaat", max_keuzes=2))
    with pytest.raises(ValidationError, match="begrenst dus niets"):
        _lijst(_meerdere(max_keuzes=4))
    with pytest.raises(ValidationError, match="'keuzenaam' wordt alleen gebruikt bij 'max_keuzes'"):
        _lijst(_meerdere(keuzenaam="thema's"))


def test_questionnaire_errors_are_located_in_the_file(repo_copy: Project, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo_copy.root / "content" / "vragenlijst.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('doel: "bouwsteen:vertrouwen", gewicht: 5', 'doel: "bouwsteen:vertrouwn", gewicht: 5')
                    .replace("volgende: visie\n", "volgende: fase-aanpak\n"), encoding="utf-8")
    assert main(["--root", str(repo_copy.root), "check"]) == 1
    out = capsys.readouterr().out
    assert "content/vragenlijst.yml:" in out
    assert "onbekende bouwsteen 'vertrouwn' — bedoelt u 'vertrouwen'?" in out
    assert "de route loopt in een kring" in out


# ------------------------------------------------------------------ advice

def test_real_questionnaire_routes_are_valid_and_short() -> None:
    result = check_project(Project.at(REPO))
    assert result.vragenlijst is not None
    assert find_routing_problems(result.vragenlijst) == []


def test_every_book_case_has_a_scenario() -> None:
    assert set(BOEKCASUSSEN) <= {s.get("casus_in_top3") for s in SCENARIOS.values()}
    assert len(SCENARIOS) >= 12


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario_advice(data: dict[str, Any], name: str) -> None:
    scenario = SCENARIOS[name]
    result = advise(data, scenario["antwoorden"])
    if "casus_in_top3" in scenario:
        assert scenario["casus_in_top3"] in [c["id"] for c in result["casussen"][:3]], result["casussen"]
    if "bouwsteen_in_top3" in scenario:
        assert scenario["bouwsteen_in_top3"] in [b["id"] for b in result["bouwstenen"]]
    if "stap" in scenario:
        assert result["stap"]["id"] == scenario["stap"]
    if "volgende_stap" in scenario:
        assert result["volgende_stap"]["id"] == scenario["volgende_stap"]
    if "waarschuwing" in scenario:
        assert scenario["waarschuwing"] in [w["id"] for w in result["waarschuwingen"]]
    for key, limit in (("bouwstenen", 3), ("tips", 8), ("casussen", 5), ("kaders", 2)):
        items = result[key]
        assert len(items) <= limit
        assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)
        for item in items:
            # A reason in words (the wording itself: tests/test_advies_presentatie.py).
            assert item["waarom"].startswith("U antwoordde ‘") and "→" not in item["waarom"]


# Byte-exact golden advice on the small fixture project, whose content never
# changes by accident; the real content grows with every case an editor adds,
# so its scenarios above assert what must hold rather than exact scores.
MINI_SETS = {
    "bewoner-begin-groen": {"rol": ["bewoner"], "fase": ["begin"], "thema": ["groen"]},
    "gemeente-zorg": {"rol": ["gemeente"], "thema": ["zorg"]},
    "alleen-thema": {"thema": ["zorg", "groen"]},
    "leeg": {},
}


@pytest.mark.parametrize("name", sorted(MINI_SETS))
def test_golden_advice_on_the_fixture_project(name: str) -> None:
    root = REPO / "tests" / "fixtures" / "mini"
    result = check_project(Project.at(root))
    assert result.vragenlijst is not None
    data = questionnaire_data(result.content, result.graph, result.vragenlijst)
    text = json.dumps(advise(data, MINI_SETS[name]), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    golden = GOLDEN / f"{name}.json"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{golden} wijkt af (WIJKKOMPAS_GOLDEN_BIJWERKEN=1 om bij te werken)"


def test_tips_follow_the_users_audience(data: dict[str, Any]) -> None:
    result = advise(data, {"rol": ["gemeente"], "thema": ["armoede"]})
    groups = {n: data["knopen"][f"tip:{t['id']}"]["doelgroepen"] for n, t in enumerate(result["tips"])}
    assert groups and all("gemeente" in g or "iedereen" in g for g in groups.values())


def test_an_answer_only_adds(data: dict[str, Any]) -> None:
    before = advise(data, {"thema": ["armoede"]})
    after = advise(data, {"thema": ["armoede"], "rol": ["gemeente"]})
    scores = {c["id"]: c["score"] for c in after["casussen"]}
    for case in before["casussen"]:
        if case["id"] in scores:
            assert scores[case["id"]] >= case["score"]


def test_the_theme_limit_lives_in_the_content_and_its_hint_says_it(data: dict[str, Any]) -> None:
    from generator.questionnaire.advice import choice_hint, limit_message

    text = (REPO / "content" / "vragenlijst.yml").read_text(encoding="utf-8")
    assert "max_keuzes: 3" in text and "hoogstens drie" not in text  # the number once, the words derived
    thema = next(v for v in data["vragen"] if v["id"] == "thema")
    assert limit_message(thema) == "Kies hoogstens drie thema's"
    assert choice_hint(thema) == "Kies hoogstens drie thema's."
    assert all(choice_hint(v) == "Kies alles wat van toepassing is." for v in data["vragen"]
               if v["type"] == "meerdere" and not v["max_keuzes"])


@pytest.mark.parametrize(("answers", "message"), [
    ({"thema": ["zorg", "armoede", "ouderen", "jeugd"]}, "Kies hoogstens drie thema's bij vraag 'thema'"),
    ({"bestaat-niet": ["x"]}, "onbekende vraag 'bestaat-niet'"),
    ({"rol": ["koning"]}, "onbekend antwoord 'koning' bij vraag 'rol'"),
    ({"rol": ["bewoner", "gemeente"]}, "past maar één antwoord"),
    ({"soort": ["initiatief"], "bestuur": ["geen"]}, "vraag 'bestuur' wordt door uw andere antwoorden overgeslagen"),
])
def test_invalid_answers_raise_in_strict_mode_and_are_dropped_otherwise(data: dict[str, Any], answers: Any, message: str) -> None:
    with pytest.raises(AdviceError, match=message):
        advise(data, answers)
    lenient = advise(data, answers, strict=False)
    assert any(message in note for note in lenient["genegeerd"])


# ------------------------------------------------------------------ CLI

def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(REPO), "advise", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_lists_questions_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, "--list-questions", "--format", "json")
    questions = json.loads(out)
    assert code == 0
    assert questions[0]["id"] == "rol"
    for vraag in questions:
        assert set(vraag) == {"id", "tekst", "type", "max_keuzes", "hint", "opties"}
        assert vraag["type"] in ("een", "meerdere")
        assert all(set(o) == {"id", "tekst"} for o in vraag["opties"])


def test_cli_gives_json_advice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, "--answer", "rol=bewoner", "--answer", "thema=armoede,zorg", "--format", "json")
    result = json.loads(out)
    assert code == 0
    assert {"stap", "volgende_stap", "bouwstenen", "tips", "casussen", "kaders", "waarschuwingen"} <= set(result)
    for key in ("bouwstenen", "casussen", "kaders"):
        assert all({"id", "naam", "score", "waarom"} <= set(i) for i in result[key])
    assert all({"id", "titel", "score", "waarom"} <= set(t) for t in result["tips"])


def test_cli_markdown_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, "--answer", "thema=veiligheid", "--format", "markdown")
    assert code == 0 and out.startswith("# Advies van Wijkkompas") and "/casussen/" in out and "](casussen/" not in out
    code, out, _ = _cli(capsys, "--answer", "thema=veiligheid")
    assert code == 0 and "Casussen die op uw situatie lijken:" in out


@pytest.mark.parametrize("answer", ["bestaat=niet", "rol=koning", "rol", "bestuur=geen"])
def test_cli_rejects_bad_answers_with_exit_2(capsys: pytest.CaptureFixture[str], answer: str) -> None:
    code, _, err = _cli(capsys, "--answer", "soort=initiatief", "--answer", answer)
    assert code == 2
    assert err.startswith("Fout in de antwoorden:") and "Traceback" not in err


def test_cli_refuses_a_fourth_theme(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, "--answer", "thema=zorg,armoede,ouderen,jeugd")
    assert code == 2 and out == ""
    assert "Kies hoogstens drie thema's bij vraag 'thema' (u koos er 4)" in err


def test_cli_help_and_argument_errors_are_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["advise", "--help"])
    out = capsys.readouterr().out
    assert stopped.value.code == 0
    assert out.startswith("Gebruik: wijkkompas advise") and "opties:" in out and "toon deze hulp en stop" in out
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in out
    for argv, dutch in ((["advise", "--format", "pdf"], "--format: 'pdf' bestaat niet; kies uit 'text'"),
                        ([], "dit ontbreekt nog: OPDRACHT"),
                        (["advise", "--answer"], "--answer: hier hoort een waarde achter"),
                        (["check", "--onbekend"], "dit ken ik niet: --onbekend")):
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        err = capsys.readouterr().err
        assert stopped.value.code == 2
        assert err.startswith("Gebruik: wijkkompas") and "fout: " + dutch in err, err
        assert "error:" not in err and "usage:" not in err and "invalid choice" not in err


def test_cli_interactive_in_a_terminal(tmp_path: Path) -> None:
    """Drive `wijkkompas advise` in a real pseudo-terminal: answer, go back, confirm."""
    pid, fd = pty.fork()
    if pid == 0:  # child: the real command, attached to the terminal
        os.chdir(REPO)
        os.execv(sys.executable, [sys.executable, "-m", "generator", "advise"])
    output = b""

    def expect(text: str, timeout: float = 30) -> None:
        nonlocal output
        deadline = time.time() + timeout
        while text.encode() not in output:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.time()))
            if not ready:
                raise AssertionError(f"wachtte op {text!r}; kreeg:\n{output.decode(errors='replace')[-2000:]}")
            try:
                output += os.read(fd, 4096)
            except OSError:
                break

    def send(line: str) -> None:
        os.write(fd, (line + "\n").encode())

    expect("Uw keuze")
    send("1")            # rol: bewoner
    expect("Waar gaat het in uw wijk vooral om?")
    send("terug")        # back to the first question
    expect("Vanuit welke rol")
    send("5")            # rol: gemeente
    expect("Waar gaat het in uw wijk vooral om?")
    expect("Kies hoogstens drie thema's.")  # the hint, not "Kies alles wat van toepassing is"
    send("1,2,3,9")      # a fourth theme: refused with the same words, and asked again
    expect("Kies hoogstens drie thema's (u koos er 4). Probeer het opnieuw.")
    send("2,99")         # no such answer: says why and what is accepted
    expect("er is geen antwoord 99. Typ een of meer nummers van 1 tot 13")
    send("2,9")          # armoede, ontmoeting
    expect("Wat voor aanpak is het?")
    send("een")          # not a number
    expect("'een' is geen nummer. Typ een nummer van 1 tot 2, of 'overslaan', 'terug' of 'stop'.")
    send("1")            # initiatief
    expect("Uw keuze")
    send("")             # an empty Enter skips, and says so
    expect("Overgeslagen: deze vraag telt niet mee in het advies.")
    for _ in range(5):   # skip the rest of the route
        expect("Uw keuze")
        send("overslaan")
    expect("Klopt dit?")
    send("j")
    expect("Casussen die op uw situatie lijken:")
    os.waitpid(pid, 0)
    text = output.decode(errors="replace")
    assert "Gemeente (bestuur, beleid of wijkteam)" in text
    assert "Armoede, schulden en geldzorgen" in text


def test_batched_propagation_equals_networkx_pagerank() -> None:
    """All answers in one power iteration give networkx's PageRank for each answer."""
    import networkx as nx
    import numpy as np

    from generator.questionnaire.scoring import ALPHA, _propagate, propagation_graph

    result = check_project(Project.at(REPO))
    graph = propagation_graph(result.graph)
    effects_list = [{"thema:armoede": 3}, {"bouwsteen:vertrouwen": 2, "stap:coalitie-vormen": 1}, {}]
    nodes, ranks = _propagate(graph, effects_list)
    for column, effects in enumerate(effects_list[:2]):
        expected = nx.pagerank(graph, alpha=ALPHA, personalization=effects, weight="weight", tol=1e-12, max_iter=10_000)
        assert np.allclose(ranks[:, column], [expected[n] for n in nodes], rtol=0, atol=1e-12)


def test_an_explanation_tree_that_stops_early_keeps_the_paths_it_was_asked_for() -> None:
    from generator.questionnaire.scoring import explanation_parents

    adjacency = {"a": ["b", "c"], "b": ["a", "d"], "c": ["a", "e"], "d": ["b", "f"], "e": ["c"], "f": ["d"]}
    full = explanation_parents(adjacency, ["a"])
    short = explanation_parents(adjacency, ["a"], until={"d"})
    assert full == {"b": "a", "c": "a", "d": "b", "e": "c", "f": "d"}
    assert "f" not in short  # stopped once d was reached
    for node in short:
        assert short[node] == full[node]
    assert explanation_parents(adjacency, ["a"], until=set()) == {}
    assert explanation_parents(adjacency, ["a"], until={"f", "e"}) == full


