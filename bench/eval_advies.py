"""How well does the advice rank cases? ``make eval`` (Dutch report).

Two measures, both on the engine data exactly as the site loads it (built
in-process from the real content, pruned):

- **scenarios**: situations written from the sources, each with the answers its
  user would give and the case(s) a reader would expect
  (``tests/eval/advies_scenarios.yml``). Per scenario the recommended cases are
  compared with ``verwacht``: hit@1 (the top case is expected), hit@3 (an
  expected case in the top 3) and the reciprocal rank of the first expected
  case among the recommended cases (0 if none); per ``soort`` (helder, vaag) and
  overall.
- **random answer sets**: plausible respondents (``respondents.random_answers``)
  with a fixed seed; per case, the share of answer sets that put it in the top 3.
  A ranking that follows the answers spreads these; one that leans towards
  well-connected cases does not. The engine limits this share itself
  (``exposure.py``) on a sample of its own; these sets are a fresh draw.

The figures are reported, never judged here: the exit code is non-zero only
when something could not be run. ``tests/test_eval_advies.py`` pins them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bench.answersets import random_answers
from generator.questionnaire.exposure import EVAL_SETS, SHARE_MAX, SHARE_MIN, TOP

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = REPO / "tests" / "eval" / "advies_scenarios.yml"
# The band the shares should stay in (issue 15), the top that counts and the
# number of fresh answer sets: the engine's own rule (it limits exposure to it).
RANDOM_SETS = EVAL_SETS
SEED = 15  # not the engine's seed: these sets are new to it
SOORTEN = ("helder", "vaag")

__all__ = ["Scenario", "load_data", "load_scenarios", "scenario_figures", "random_figures", "report", "main"]


@dataclass(frozen=True)
class Scenario:
    id: str
    antwoorden: dict[str, list[str]]
    verwacht: list[str]
    soort: str = "helder"
    beschrijving: str = ""


@dataclass
class Uitkomst:
    """Per scenario: what was expected and what the advice recommended."""

    scenario: Scenario
    casussen: list[str]
    rang: int | None  # 1-based rank of the first expected case, None if not recommended

    @property
    def hit1(self) -> bool:
        return self.rang == 1

    @property
    def hit3(self) -> bool:
        return self.rang is not None and self.rang <= TOP

    @property
    def rr(self) -> float:
        return 1 / self.rang if self.rang else 0.0


@dataclass
class Cijfers:
    aantal: int = 0
    hit1: float = 0.0
    hit3: float = 0.0
    mrr: float = 0.0
    missers: list[str] = field(default_factory=list)


def load_data(root: Path = REPO) -> dict[str, Any]:
    """The questionnaire's engine data as the site writes it (pruned)."""
    from generator.check import check_project
    from generator.project import Project
    from generator.render.data import questionnaire_data

    result = check_project(Project.at(root))
    if not result.ok or result.vragenlijst is None:
        raise RuntimeError("de inhoud is niet in orde; draai eerst 'wijkkompas check'")
    return questionnaire_data(result.content, result.graph, result.vragenlijst)


def load_scenarios(path: Path) -> list[Scenario]:
    """The scenario set: a list of entries with id, antwoorden, verwacht (best first) and soort.

    The older ``tests/vragenlijst_scenarios.yml`` (a mapping with ``casus_in_top3``)
    is read too, as clear situations with one expected case.
    """
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(raw, dict) and "scenarios" in raw:
        raw = raw["scenarios"]
    if isinstance(raw, dict):
        return [Scenario(id=key, antwoorden=entry["antwoorden"], verwacht=[entry["casus_in_top3"]])
                for key, entry in raw.items() if "casus_in_top3" in entry]
    return [Scenario(id=str(entry["id"]), antwoorden=entry["antwoorden"], verwacht=list(entry["verwacht"]),
                     soort=entry.get("soort", "helder"), beschrijving=entry.get("beschrijving", ""))
            for entry in raw]


def run_scenarios(data: dict[str, Any], scenarios: list[Scenario]) -> list[Uitkomst]:
    from generator.questionnaire.advice import advise

    uitkomsten = []
    for scenario in scenarios:
        casussen = [c["id"] for c in advise(data, scenario.antwoorden)["casussen"]]
        rang = next((i + 1 for i, casus in enumerate(casussen) if casus in scenario.verwacht), None)
        uitkomsten.append(Uitkomst(scenario, casussen, rang))
    return uitkomsten


def _cijfers(uitkomsten: list[Uitkomst]) -> Cijfers:
    n = len(uitkomsten)
    if not n:
        return Cijfers()
    return Cijfers(aantal=n, hit1=sum(u.hit1 for u in uitkomsten) / n, hit3=sum(u.hit3 for u in uitkomsten) / n,
                   mrr=sum(u.rr for u in uitkomsten) / n,
                   missers=[u.scenario.id for u in uitkomsten if not u.hit3])


def scenario_figures(uitkomsten: list[Uitkomst]) -> dict[str, Cijfers]:
    """hit@1, hit@3 and MRR per soort and over all scenarios (key ``totaal``)."""
    figures = {soort: _cijfers([u for u in uitkomsten if u.scenario.soort == soort]) for soort in SOORTEN}
    figures["totaal"] = _cijfers(uitkomsten)
    return figures


def random_figures(data: dict[str, Any], aantal: int = RANDOM_SETS, seed: int = SEED) -> dict[str, float]:
    """Per case (every case in the data), the share of random answer sets with it in the top 3."""
    from generator.questionnaire.advice import advise

    rng = random.Random(seed)
    counts = {node.split(":", 1)[1]: 0 for node, info in data["knopen"].items() if info["soort"] == "casus"}
    for _ in range(aantal):
        for casus in advise(data, random_answers(data, rng))["casussen"][:TOP]:
            counts[casus["id"]] += 1
    return {casus: count / aantal for casus, count in sorted(counts.items())}


def _pct(value: float) -> str:
    return f"{100 * value:5.1f} %"


def report(figures: dict[str, Cijfers], uitkomsten: list[Uitkomst], shares: dict[str, float],
           aantal: int, bron: str, alle_casussen: list[str]) -> str:
    """The readable Dutch table."""
    lines = [f"Scenario's ({bron})", "",
             f"  {'soort':<8} {'aantal':>6} {'hit@1':>8} {'hit@3':>8} {'MRR':>6}"]
    for soort in (*SOORTEN, "totaal"):
        c = figures[soort]
        if c.aantal:
            lines.append(f"  {soort:<8} {c.aantal:>6} {_pct(c.hit1):>8} {_pct(c.hit3):>8} {c.mrr:6.3f}")
    missers = [u for u in uitkomsten if not u.hit1]
    if missers:
        lines += ["", "  Niet als eerste (verwacht -> aanbevolen):"]
        for u in missers:
            rang = f"op {u.rang}" if u.rang else "niet aanbevolen"
            lines.append(f"  - {u.scenario.id} ({rang}): {', '.join(u.scenario.verwacht)} -> {', '.join(u.casussen[:TOP])}")
    # Cases no answer set can reach are absent from the pruned data: list them as 0.
    shares = {casus: shares.get(casus, 0.0) for casus in alle_casussen}
    lines += ["", f"Willekeurige antwoordsets ({aantal}, startwaarde {SEED}): aandeel in de top {TOP} per casus", ""]
    for casus, share in sorted(shares.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = " (te vaak)" if share > SHARE_MAX else " (te zelden)" if share < SHARE_MIN else ""
        lines.append(f"  {casus:<42} {_pct(share)}{mark}")
    lines += ["", f"  hoogste {_pct(max(shares.values()))}, laagste {_pct(min(shares.values()))}; "
              f"boven {_pct(SHARE_MAX).strip()}: {sum(s > SHARE_MAX for s in shares.values())}, "
              f"onder {_pct(SHARE_MIN).strip()}: {sum(s < SHARE_MIN for s in shares.values())}"]
    return "\n".join(lines)


def all_cases(root: Path = REPO) -> list[str]:
    return sorted(path.stem for path in (root / "cases").glob("*.yml"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_advies",
                                     description="Meet hoe goed het advies casussen rangschikt.")
    parser.add_argument("--scenarios", type=Path, default=SCENARIOS, help="de scenarioset (YAML)")
    parser.add_argument("--aantal", type=int, default=RANDOM_SETS, help="aantal willekeurige antwoordsets")
    parser.add_argument("--json", type=Path, help="schrijf de cijfers ook als JSON naar dit bestand")
    args = parser.parse_args(argv)
    try:
        scenarios = load_scenarios(args.scenarios)
        data = load_data()
    except (OSError, yaml.YAMLError, KeyError, TypeError, RuntimeError) as error:
        print(f"Kan de meting niet draaien: {error}", file=sys.stderr)
        return 1
    uitkomsten = run_scenarios(data, scenarios)
    figures = scenario_figures(uitkomsten)
    shares = random_figures(data, args.aantal)
    try:
        bron = str(args.scenarios.resolve().relative_to(REPO))
    except ValueError:
        bron = str(args.scenarios)
    print(report(figures, uitkomsten, shares, args.aantal, bron, all_cases()))
    if args.json:
        out = {"scenarios": bron, "per_soort": {k: vars(v) for k, v in figures.items()},
               "per_scenario": [{"id": u.scenario.id, "soort": u.scenario.soort, "verwacht": u.scenario.verwacht,
                                 "casussen": u.casussen, "rang": u.rang} for u in uitkomsten],
               "willekeurig": {"aantal": args.aantal, "startwaarde": SEED, "aandeel_top3": shares}}
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
