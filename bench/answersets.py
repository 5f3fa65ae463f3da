"""Random answer sets for the questionnaire: for the tests and the benchmark (valid, or with junk mixed in)."""

from __future__ import annotations

import random
from typing import Any

__all__ = ["random_answers", "tampered_answers"]


def random_answers(data: dict[str, Any], rng: random.Random) -> dict[str, list[str]]:
    """A valid answer set: walk the route, answering most questions."""
    questions = {v["id"]: v for v in data["vragen"]}
    answers: dict[str, list[str]] = {}
    current = data["start"]
    while current != "resultaat":
        vraag = questions[current]
        nxt = vraag["volgende"]
        if rng.random() < 0.85:
            ids = [o["id"] for o in vraag["opties"]]
            if vraag["type"] == "een":
                answers[current] = [rng.choice(ids)]
                optie = next(o for o in vraag["opties"] if o["id"] == answers[current][0])
                nxt = optie["volgende"] or nxt
            else:
                answers[current] = rng.sample(ids, rng.randint(1, min(3, len(ids))))
        current = nxt
    return answers


def tampered_answers(data: dict[str, Any], rng: random.Random) -> dict[str, list[str]]:
    """A valid set with junk mixed in, as from an edited or outdated URL."""
    answers = random_answers(data, rng)
    vraag = rng.choice(data["vragen"])
    answers.setdefault(vraag["id"], []).append(rng.choice(["bestaat-niet", vraag["opties"][0]["id"]]))
    answers["onbekende-vraag"] = ["x"]
    other = rng.choice(data["vragen"])
    answers[other["id"]] = [o["id"] for o in other["opties"]][:2]
    return answers
