"""The engine's exposure limit (``exposure.py``) and its plausible respondents (``respondents.py``)."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest

import bench.answersets
from bench.eval_advies import load_data
from generator.questionnaire import respondents
from generator.questionnaire.advice import advise
from generator.questionnaire.exposure import (CAP, SHARE_MAX, TOP, _indicator, limit_exposure, sample_answer_sets,
                                              top_shares)
from generator.questionnaire.routing import route

CASES = [f"casus:c{i:02d}" for i in range(30)]
KINDS = {**{case: "casus" for case in CASES}, "casus:x": "casus", "tip:t": "tip"}


def _synthetic() -> tuple[list[dict[str, int]], list[list[int]]]:
    """Option 0, in every set, pulls case x hard; options 1-30 each pull four neighbouring cases.

    Option 31 gives x half its peak but is in no set. Without a limit x is in
    every top 3; the others are in three sets out of thirty each (10 %).
    """
    contributions: list[dict[str, int]] = [{"casus:x": 1000, "tip:t": 7}]
    for k in range(30):
        contributions.append({CASES[(k + j) % 30]: value for j, value in enumerate((40, 30, 20, 10))})
    contributions.append({"casus:x": 500})
    sets = [[0, k] for k in range(1, 31)] * 10
    return contributions, sets


def _shares(contributions: list[dict[str, int]], sets: list[list[int]], cases: list[str]) -> dict[str, float]:
    points = np.array([[given.get(case, 0) for case in cases] for given in contributions], dtype=float)
    return dict(zip(cases, top_shares(_indicator(sets, len(contributions)), points)))


def test_top_shares_counts_only_cases_with_points_and_breaks_ties_by_id() -> None:
    points = np.array([[0.0, 5.0, 0.0, 0.0, 0.0], [3.0, 0.0, 3.0, 3.0, 3.0]])
    shares = top_shares(_indicator([[0], [1]], 2), points)
    # Set 1: only the second case scores. Set 2: four-way tie for three places: the lower ids first.
    assert shares.tolist() == [0.5, 0.5, 0.5, 0.5, 0.0]
    shares = top_shares(_indicator([[0]], 2), points)
    assert shares.tolist() == [0.0, 1.0, 0.0, 0.0, 0.0]


def test_a_case_in_every_top_3_is_damped_below_the_cap_and_nothing_else_changes() -> None:
    contributions, sets = _synthetic()
    cases = sorted([*CASES, "casus:x"])
    assert _shares(contributions, sets, cases)["casus:x"] == 1.0
    limited = limit_exposure(contributions, KINDS, sets)
    shares = _shares(limited, sets, cases)
    assert max(shares.values()) <= CAP
    assert shares["casus:x"] < shares["casus:c00"]
    assert limited[1:31] == contributions[1:31]  # cases never above the cap keep their points
    assert limited[0]["tip:t"] == 7  # only cases change
    assert 1 <= limited[0]["casus:x"] < 1000


def test_the_strongest_pull_is_damped_most() -> None:
    contributions, sets = _synthetic()
    limited = limit_exposure(contributions, KINDS, sets)
    kept_at_peak = limited[0]["casus:x"] / 1000
    kept_at_half = limited[31]["casus:x"] / 500
    assert kept_at_peak < kept_at_half < 1
    assert kept_at_half == pytest.approx(kept_at_peak ** 0.5, abs=0.01)


def test_with_few_cases_the_limit_is_an_even_share_not_the_cap(caplog: pytest.LogCaptureFixture) -> None:
    kinds = {"casus:a": "casus", "casus:b": "casus", "casus:c": "casus", "casus:d": "casus"}
    even = [{"casus:a": 4, "casus:b": 3, "casus:c": 2, "casus:d": 1},
            {"casus:b": 4, "casus:c": 3, "casus:d": 2, "casus:a": 1},
            {"casus:c": 4, "casus:d": 3, "casus:a": 2, "casus:b": 1},
            {"casus:d": 4, "casus:a": 3, "casus:b": 2, "casus:c": 1}]
    sets = [[0], [1], [2], [3]]
    assert limit_exposure(even, kinds, sets) == even  # 75 % each: even, though far above CAP
    lopsided = [even[0], {**even[1], "casus:a": 9}, even[2], even[3]]  # a is in every top 3
    limited = limit_exposure(lopsided, kinds, sets)
    assert max(_shares(limited, sets, sorted(kinds)).values()) <= 1.1 * 0.75
    assert "rondes" not in caplog.text


def test_limit_exposure_is_deterministic_and_leaves_its_input_alone() -> None:
    contributions, sets = _synthetic()
    before = [dict(given) for given in contributions]
    assert limit_exposure(contributions, KINDS, sets) == limit_exposure(contributions, KINDS, sets)
    assert contributions == before


def _case_points(data: dict[str, Any]) -> tuple[list[str], np.ndarray]:
    """The cases in id order, and each option's points for them (option x case)."""
    cases = sorted(node for node, info in data["knopen"].items() if info["soort"] == "casus")
    options = [optie for vraag in data["vragen"] for optie in vraag["opties"]]
    return cases, np.array([[optie["bijdragen"].get(case, 0) for case in cases] for optie in options], dtype=float)


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return load_data()


def test_top_shares_ranks_exactly_as_the_advice_does(data: dict[str, Any]) -> None:
    """The fast count (a sparse product and a sort) against the plain one: advise() per answer set."""
    cases, points = _case_points(data)
    sets = sample_answer_sets(data, size=1500, seed=7)
    plain = dict.fromkeys(cases, 0)
    rng = random.Random(7)
    for _ in range(1500):
        for casus in advise(data, respondents.random_answers(data, rng))["casussen"][:TOP]:
            plain[f"casus:{casus['id']}"] += 1
    fast = top_shares(_indicator(sets, len(points)), points)
    assert dict(zip(cases, (round(share * 1500) for share in fast))) == plain


def test_the_real_questionnaire_keeps_every_case_under_the_cap_on_its_own_sample(data: dict[str, Any]) -> None:
    cases, points = _case_points(data)
    shares = top_shares(_indicator(sample_answer_sets(data), len(points)), points)
    assert shares.max() <= CAP < SHARE_MAX


def test_one_model_of_a_respondent_who_stays_on_the_route(data: dict[str, Any]) -> None:
    assert bench.answersets.random_answers is respondents.random_answers
    rng = random.Random(3)
    for _ in range(300):
        answers = respondents.random_answers(data, rng)
        assert set(answers) <= set(route(data, answers))
        assert advise(data, answers)["genegeerd"] == []
