"""Plausible respondents: random answer sets that walk the questionnaire as a person would.

The one model of "someone filling in the questionnaire" in the project: the
engine limits each case's exposure over a sample of them (``exposure.py``),
``make eval`` measures the spread of cases over another sample, and the tests
and the benchmark use them as varied valid input (``bench/answersets.py``).

A respondent follows the route (``routing.next_question``), answers each
question it meets with probability 0.85, picks one option of a single-choice
question and one to three options of a multiple-choice one, uniformly.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from .model import RESULTAAT
from .routing import next_question

__all__ = ["ANSWER_RATE", "random_answers"]

ANSWER_RATE = 0.85  # the share of questions a respondent answers rather than skips


def random_answers(data: Mapping[str, Any], rng: random.Random) -> dict[str, list[str]]:
    """One valid answer set for the questionnaire ``data`` (engine data or its model dump)."""
    questions = {vraag["id"]: vraag for vraag in data["vragen"]}
    answers: dict[str, list[str]] = {}
    current = data["start"]
    while current != RESULTAAT:
        vraag = questions[current]
        if rng.random() < ANSWER_RATE:
            ids = [optie["id"] for optie in vraag["opties"]]
            if vraag["type"] == "een":
                answers[current] = [rng.choice(ids)]
            else:
                answers[current] = rng.sample(ids, rng.randint(1, min(3, len(ids))))
        current = next_question(vraag, answers.get(current, []))
    return answers
