"""Random answer sets for the questionnaire: for the tests and the benchmark (valid, or with junk mixed in).

The valid ones are the engine's own plausible respondents (``generator.questionnaire.respondents``).
"""

from __future__ import annotations

import random
from typing import Any

from generator.questionnaire.respondents import random_answers

__all__ = ["random_answers", "tampered_answers"]


def tampered_answers(data: dict[str, Any], rng: random.Random) -> dict[str, list[str]]:
    """A valid set with junk mixed in, as from an edited or outdated URL."""
    answers = random_answers(data, rng)
    vraag = rng.choice(data["vragen"])
    answers.setdefault(vraag["id"], []).append(rng.choice(["bestaat-niet", vraag["opties"][0]["id"]]))
    answers["onbekende-vraag"] = ["x"]
    other = rng.choice(data["vragen"])
    answers[other["id"]] = [o["id"] for o in other["opties"]][:2]
    return answers
