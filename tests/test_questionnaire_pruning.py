"""The questionnaire's data is pruned to what an advice can show: proof that nothing changes.

``engine_data(prune=False)`` is the full computation: every node in ``knopen`` and
each answer's whole explanation tree. The pruned data (what the site ships) must
give the identical advice for every answer set; we check that on random and
tampered answer sets for the fixture project, the real content and a synthetic
project of 400 cases, and through the file form (encode, then decode).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from bench.answersets import random_answers, tampered_answers
from bench.synth import make_project
from conftest import REPO
from generator.check import check_project
from generator.project import Project
from generator.questionnaire.advice import AdviceError, LIMITS, advise
from generator.questionnaire.scoring import NOMINATIONS
from generator.questionnaire.wire import decode, encode
from generator.render.data import questionnaire_data


def _both(root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    result = check_project(Project.at(root))
    assert result.ok and result.vragenlijst is not None, [p.format() for p in result.fouten[:5]]
    full = questionnaire_data(result.content, result.graph, result.vragenlijst, prune=False)
    pruned = questionnaire_data(result.content, result.graph, result.vragenlijst)
    return full, pruned


@pytest.fixture(scope="module", params=["mini", "repo", "synthetisch"])
def versions(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    if request.param == "mini":
        return _both(REPO / "tests" / "fixtures" / "mini")
    if request.param == "repo":
        return _both(REPO)
    return _both(make_project(tmp_path_factory.mktemp("synth") / "project", 400, seed=7))


def _advice(data: dict[str, Any], answers: dict[str, list[str]], strict: bool) -> dict[str, Any]:
    try:
        return {"ok": advise(data, answers, strict=strict)}
    except AdviceError as exc:
        return {"fout": str(exc)}


def test_pruned_data_gives_the_same_advice_as_the_full_data(versions: tuple[dict, dict]) -> None:
    full, pruned = versions
    shipped = decode(json.loads(json.dumps(encode(pruned))))  # what the browser and bench read
    rng = random.Random(7)
    sets = [(random_answers(full, rng), True) for _ in range(400)]
    sets += [(tampered_answers(full, rng), False) for _ in range(100)]
    # Every single answer on its own, too: the sharpest test of what each one lifts.
    sets += [({vraag["id"]: [optie["id"]]}, False) for vraag in full["vragen"] for optie in vraag["opties"]]
    shown = 0
    for answers, strict in sets:
        want = _advice(full, answers, strict)
        assert _advice(pruned, answers, strict) == want, answers
        assert _advice(shipped, answers, strict) == want, answers
        shown += len(want.get("ok", {}).get("casussen", []))
    assert shown > 0


def test_pruning_drops_what_can_never_be_shown(versions: tuple[dict, dict]) -> None:
    full, pruned = versions
    assert set(pruned["knopen"]) < set(full["knopen"])
    for vraag in pruned["vragen"]:
        for optie in vraag["opties"]:
            # Each answer nominates a bounded number of items per kind (tips per audience).
            per_kind: dict[str, int] = {}
            for node in optie["bijdragen"]:
                per_kind[node.split(":")[0]] = per_kind.get(node.split(":")[0], 0) + 1
            assert per_kind.get("casus", 0) <= NOMINATIONS["casus"]
            assert NOMINATIONS["casus"] >= 4 * LIMITS["casus"]
            # Every kept path ends at an effect of the answer, through kept nodes.
            effects = {node for node, _ in optie["effecten"]}
            for node in optie["bijdragen"]:
                while node in optie["ouders"]:
                    node = optie["ouders"][node]
                    assert node in pruned["knopen"]
                assert node in effects or node in optie["bijdragen"]


def test_the_file_form_round_trips(versions: tuple[dict, dict]) -> None:
    _, pruned = versions
    assert decode(json.loads(json.dumps(encode(pruned)))) == json.loads(json.dumps(pruned))
