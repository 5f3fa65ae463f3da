"""No case in everyone's top 3: limit each case's exposure over plausible respondents.

Even after balancing (``scoring.balance``) a few cases reach the top 3 of far
more respondents than others: a thin case (one bouwsteen, one theme) gets its
whole balanced total from a handful of answers, and when those answers are
chosen often, the case comes first for many different situations. The
questionnaire should point each person to cases like *their* situation, so
no case may be in more than ``SHARE_MAX`` of the top 3s of plausible
respondents (issue 15), and every case should stay within reach
(``SHARE_MIN``; not enforced here, ``make eval`` reports it).

``limit_exposure`` measures, on a fixed sample of plausible answer sets
(``respondents.random_answers``, seed ``SEED``), how often each case is in the
top 3; a case above ``CAP`` gets a factor below 1, and the loop repeats until
no case is above it. The factor damps a case most where it was pulled most:
an answer's contribution ``b`` to a case whose strongest contribution is
``peak`` becomes ``b * factor ** (b / peak)``. So the answer that single-handedly
lifts a case into many top 3s loses most, and the weaker evidence that only
counts together with other answers is kept. Each contribution still depends
on its own answer only, so scores stay sums and the browser needs nothing new.

``CAP`` lies three standard errors below ``SHARE_MAX`` (1.5 points): ``make
eval`` measures on a different sample of ``EVAL_SETS`` sets, where one share
near 15 % has a standard error of half a point. The factor moves by the square
root of ``CAP / share`` per round, so no case is damped past the cap while the
damping of others is still making room for it (the whole ratio overshot: Het
Breedschap ended at 10 %; its fourth root gives the same result as the square root).
See ARCHITECTURE.md §7 for the figures.
"""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .respondents import random_answers

__all__ = ["SHARE_MAX", "SHARE_MIN", "TOP", "EVAL_SETS", "CAP", "SAMPLE", "SEED", "sample_answer_sets",
           "top_shares", "limit_exposure"]

log = logging.getLogger("generator")

SHARE_MAX = 0.15  # issue 15: no case in more than 15 % of the top 3s of plausible respondents
SHARE_MIN = 0.02  # ... and every case in at least 2 %
TOP = 3  # the cases a person reads first
EVAL_SETS = 5_000  # make eval measures the spread over this many fresh answer sets
CAP = SHARE_MAX - 3 * math.sqrt(SHARE_MAX * (1 - SHARE_MAX) / EVAL_SETS)  # 13.5 %: what the engine aims for
SAMPLE = 20_000  # answer sets the exposure is measured on (standard error of a share: 0.25 point)
SEED = 2026  # not make eval's seed: the measurement there is on sets the engine never saw
_ABOVE_EVEN = 1.1  # with fewer than about 25 cases: the most a case may have, relative to an even share
_MAX_ROUNDS = 200
_ROWS_PER_BLOCK = 2048  # answer sets scored at once (bounds the memory at thousands of cases)


def sample_answer_sets(data: Mapping[str, Any], size: int = SAMPLE, seed: int = SEED) -> list[list[int]]:
    """``size`` plausible answer sets, each as the positions of its chosen options.

    Options are numbered in questionnaire order (question by question, option by
    option), the order of ``scoring.engine_data``'s contributions.
    """
    position: dict[tuple[str, str], int] = {}
    for vraag in data["vragen"]:
        for optie in vraag["opties"]:
            position[(vraag["id"], optie["id"])] = len(position)
    rng = random.Random(seed)
    sets = []
    for _ in range(size):
        answers = random_answers(data, rng)
        sets.append(sorted(position[(vraag, optie)] for vraag, chosen in answers.items() for optie in chosen))
    return sets


def _indicator(sets: Sequence[Sequence[int]], options: int) -> Any:
    """The answer sets as a sparse 0/1 matrix: one row per set, one column per option."""
    import scipy.sparse

    rows = np.repeat(np.arange(len(sets)), [len(chosen) for chosen in sets])
    columns = np.fromiter((option for chosen in sets for option in chosen), dtype=np.int64, count=len(rows))
    return scipy.sparse.csr_array((np.ones(len(rows)), (rows, columns)), shape=(len(sets), options))


def top_shares(indicator: Any, points: np.ndarray) -> np.ndarray:
    """Per case, the share of answer sets that rank it in the top ``TOP``.

    ``points`` is option x case (columns in id order); a set's score for a case
    is the sum over its options, ranked as the advice ranks: highest score
    first, ties by id, only cases with a positive score.
    """
    counts = np.zeros(points.shape[1])
    for start in range(0, indicator.shape[0], _ROWS_PER_BLOCK):
        scores = indicator[start:start + _ROWS_PER_BLOCK] @ points
        # A stable sort of the negated scores keeps the id order among ties.
        order = np.argsort(-scores, axis=1, kind="stable")[:, :TOP]
        positive = np.take_along_axis(scores, order, axis=1) > 0
        np.add.at(counts, order[positive], 1)
    return counts / max(indicator.shape[0], 1)


def _damped(points: np.ndarray, factors: np.ndarray, peaks: np.ndarray) -> np.ndarray:
    """Each contribution times its case's factor, to the power of its share of the case's peak; rounded, kept ≥ 1."""
    share = np.divide(points, peaks, out=np.zeros_like(points), where=peaks > 0)
    damped = np.rint(points * factors ** share)
    return np.where(points > 0, np.maximum(damped, 1), 0)


def limit_exposure(contributions: list[dict[str, int]], kinds: Mapping[str, str],
                   sets: Sequence[Sequence[int]]) -> list[dict[str, int]]:
    """The contributions with every case at most in ``CAP`` of the top 3s of ``sets``.

    With so few cases that even an even spread is above ``CAP``, the limit is
    a tenth above an even share instead (a small project, the test fixture).

    ``contributions`` are per option (questionnaire order) node -> integer
    points, as ``scoring.contributions_for`` gives them; only cases change.
    Deterministic: the same input gives the same integers on every run.
    """
    cases = sorted({node for points in contributions for node in points if kinds[node] == "casus"})
    if not cases or not sets:
        return contributions
    column = {case: i for i, case in enumerate(cases)}
    points = np.zeros((len(contributions), len(cases)))
    for option, given in enumerate(contributions):
        for node, value in given.items():
            if node in column:
                points[option, column[node]] = value
    indicator = _indicator(sets, len(contributions))
    peaks = points.max(axis=0)
    factors = np.ones(len(cases))
    damped = points
    shares = top_shares(indicator, points)
    # With few cases an even spread is itself above CAP (25 cases fill 3 places at 12 %
    # each); then a case may have a tenth more than an even share.
    limit = max(CAP, _ABOVE_EVEN * shares.sum() / len(cases))
    for _ in range(_MAX_ROUNDS):
        over = shares > limit
        if not over.any():
            break
        factors[over] *= np.sqrt(limit / shares[over])
        damped = _damped(points, factors, peaks)
        shares = top_shares(indicator, damped)
    else:
        log.warning("vragenlijst: na %d rondes staat nog een casus in meer dan %.1f %% van de top %d's",
                    _MAX_ROUNDS, 100 * limit, TOP)
    result = []
    for option, given in enumerate(contributions):
        result.append({node: int(damped[option, column[node]]) if node in column else value
                       for node, value in given.items()})
    return result
