"""Spreading work over processes gives exactly the serial result, in order."""

from __future__ import annotations

import os

import pytest

from generator.parallel import parallel_map


@pytest.mark.parametrize("count, heavy", [(0, 0), (1, 0), (7, 3), (100, 0), (100, 5), (100, 100), (5, 50)])
def test_parallel_map_equals_the_serial_map(count: int, heavy: int) -> None:
    offset = 1000  # a closure: it reaches the workers by forking, not by pickling
    items = list(range(count))
    assert parallel_map(lambda n: n * n + offset, items, min_items=0, heavy=heavy) == [
        n * n + offset for n in items
    ]


def test_work_runs_in_other_processes_when_it_pays_off() -> None:
    if (os.cpu_count() or 1) < 2:
        pytest.skip("één kern: alles blijft in dit proces")
    pids = set(parallel_map(lambda _: os.getpid(), list(range(50)), min_items=0))
    assert os.getpid() not in pids


def test_small_jobs_stay_in_this_process() -> None:
    assert set(parallel_map(lambda _: os.getpid(), list(range(10)), min_items=100)) == {os.getpid()}
