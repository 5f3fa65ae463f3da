"""The browser engine (advies.js, under node) gives exactly the CLI's results."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.check import check_project
from generator.project import Project
from generator.questionnaire.advice import AdviceError, advise
from generator.questionnaire.wire import encode
from generator.render.data import questionnaire_data

from bench.answersets import random_answers, tampered_answers
from conftest import REPO

ENGINE = REPO / "templates" / "assets" / "javascripts" / "advies.js"
RUNNER = Path(__file__).resolve().parent / "parity_runner.js"
NODE = shutil.which("node") or shutil.which("nodejs")


def _python(data: dict[str, Any], answers: dict[str, list[str]], strict: bool) -> dict[str, Any]:
    try:
        return {"ok": advise(data, answers, strict=strict)}
    except AdviceError as exc:
        return {"fout": str(exc)}


def _node(data: dict[str, Any], sets: list[dict[str, Any]], tmp_path: Path) -> list[dict[str, Any]]:
    if NODE is None:
        pytest.fail("node ontbreekt; installeer Debian-pakket 'nodejs' (.ci/run doet dat).")
    # The browser gets the file form; the runner decodes it as the page does.
    (tmp_path / "data.json").write_text(json.dumps(encode(data), ensure_ascii=False, sort_keys=True), encoding="utf-8")
    (tmp_path / "sets.json").write_text(json.dumps(sets, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run([NODE, str(RUNNER), str(ENGINE), str(tmp_path / "data.json"), str(tmp_path / "sets.json")],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="module", params=["mini", "repo"])
def data(request: pytest.FixtureRequest) -> dict[str, Any]:
    root = REPO / "tests" / "fixtures" / "mini" if request.param == "mini" else REPO
    result = check_project(Project.at(root))
    assert result.ok and result.vragenlijst is not None
    # Round-trip through JSON: the browser reads the file, not Python objects.
    raw = questionnaire_data(result.content, result.graph, result.vragenlijst)
    return json.loads(json.dumps(raw, sort_keys=True))


def test_browser_engine_equals_python_on_random_answer_sets(data: dict[str, Any], tmp_path: Path) -> None:
    rng = random.Random(20261122)
    sets = [{"answers": random_answers(data, rng), "strict": True} for _ in range(500)]
    sets += [{"answers": tampered_answers(data, rng), "strict": False} for _ in range(100)]
    sets += [{"answers": tampered_answers(data, rng), "strict": True} for _ in range(50)]
    sets += [{"answers": {}, "strict": True}]
    expected = [_python(data, s["answers"], s["strict"]) for s in sets]
    actual = _node(data, sets, tmp_path)
    assert len(actual) == len(expected)
    for number, (want, got) in enumerate(zip(expected, actual)):
        assert got == want, f"verschil bij antwoordset {number}: {sets[number]}"
    assert sum(1 for r in expected if "ok" in r and r["ok"]["casussen"]) > 400
    assert sum(1 for r in expected if "fout" in r) >= 40


def test_browser_engine_passes_the_golden_advice_files(tmp_path: Path) -> None:
    """The same golden files as the Python engine (tests/golden/mini-advies), under node."""
    from test_questionnaire import GOLDEN, MINI_SETS

    result = check_project(Project.at(REPO / "tests" / "fixtures" / "mini"))
    assert result.ok and result.vragenlijst is not None
    data = questionnaire_data(result.content, result.graph, result.vragenlijst)
    names = sorted(MINI_SETS)
    assert names == sorted(p.stem for p in GOLDEN.glob("*.json"))  # every golden file is checked
    actual = _node(data, [{"answers": MINI_SETS[name], "strict": True} for name in names], tmp_path)
    for name, got in zip(names, actual):
        golden = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
        assert got == {"ok": golden}, f"advies.js wijkt af van {GOLDEN / name}.json"


def test_both_engines_refuse_too_many_themes_with_the_same_message(tmp_path: Path) -> None:
    result = check_project(Project.at(REPO))
    assert result.ok and result.vragenlijst is not None
    data = json.loads(json.dumps(questionnaire_data(result.content, result.graph, result.vragenlijst)))
    thema = next(v for v in data["vragen"] if v["id"] == "thema")
    assert thema["max_keuzes"] == 3  # from content/vragenlijst.yml
    four = {"thema": [o["id"] for o in thema["opties"][:4]]}
    sets = [{"answers": four, "strict": True}, {"answers": four, "strict": False},
            {"answers": {"thema": [o["id"] for o in thema["opties"][:3]]}, "strict": True}]
    expected = [_python(data, s["answers"], s["strict"]) for s in sets]
    assert _node(data, sets, tmp_path) == expected
    assert expected[0] == {"fout": "Kies hoogstens drie thema's bij vraag 'thema' (u koos er 4)"}
    lenient = expected[1]["ok"]
    assert [a["optie"] for a in lenient["antwoorden"]] == four["thema"][:3]
    assert lenient["genegeerd"] == [expected[0]["fout"]]
    assert "ok" in expected[2]
