"""The ranking's figures (``make eval``) may not silently drop.

The floors are what the method in ARCHITECTURE.md §7 reaches on
``tests/eval/advies_scenarios.yml``; they are at or above what issue 15 asks
(``DOEL``) and only move up, never down to fit a change. The spread over
random answer sets is held to the issue's band itself (``SHARE_MAX``,
``SHARE_MIN``), measured on sets the engine's exposure limit never saw.
"""

from __future__ import annotations

from typing import Any

import pytest

from bench.eval_advies import (SCENARIOS, SHARE_MAX, SHARE_MIN, all_cases, load_data, load_scenarios,
                               random_figures, run_scenarios, scenario_figures)

DOEL = {"hit3": 0.95, "hit1": 0.75}  # issue 15; both reached
VLOER = {"hit3": 0.95, "hit1": 0.79, "mrr": 0.86}  # reached: 95.8 %, 79.2 %, 0.862


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return load_data()


def test_the_scenario_set_is_large_and_covers_both_routes() -> None:
    scenarios = load_scenarios(SCENARIOS)
    assert len(scenarios) >= 40
    assert {s.antwoorden.get("soort", [""])[0] for s in scenarios} >= {"initiatief", "wijkaanpak"}
    assert set(all_cases()) >= {c for s in scenarios for c in s.verwacht}


def test_scenario_figures_stay_at_their_floor(data: dict[str, Any]) -> None:
    uitkomsten = run_scenarios(data, load_scenarios(SCENARIOS))
    totaal = scenario_figures(uitkomsten)["totaal"]
    assert totaal.hit3 >= VLOER["hit3"], totaal.missers
    assert totaal.hit1 >= VLOER["hit1"]
    assert totaal.mrr >= VLOER["mrr"]
    assert VLOER["hit3"] >= DOEL["hit3"] and VLOER["hit1"] >= DOEL["hit1"]


def test_no_case_dominates_or_is_out_of_reach_over_random_answers(data: dict[str, Any]) -> None:
    shares = random_figures(data)
    shares = {casus: shares.get(casus, 0.0) for casus in all_cases()}
    assert min(shares.values()) >= SHARE_MIN, shares
    assert max(shares.values()) <= SHARE_MAX, shares
    assert (SHARE_MIN, SHARE_MAX) == (0.02, 0.15)  # issue 15's band: never widened to pass
