"""Spread independent work over the machine's cores, in the same order as serially.

Rendering thousands of item pages is the bulk of the generator's time, and the
pages do not depend on each other. Worker processes are forked after the
shared state (content, graph, templates) is ready, so nothing has to be sent to
them but the index of their share; only the finished text comes back. Small
jobs, or a machine with one core, run in this process: the result is the same.

Workers die with the process that forked them (``die_with_parent``): a build
killed with ``kill -9`` must not leave workers behind, blocked forever on the
pool's queue and holding what they inherited (such as the build lock).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["parallel_map", "die_with_parent", "MIN_PARALLEL"]

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_PARALLEL = 400  # below this, starting processes costs more than it saves
_JOB: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _load_prctl() -> Callable[..., int] | None:
    # Looked up once, in the parent: a freshly forked child should not load libraries.
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process (SIGKILL) when ``parent`` dies; Linux only, else nothing.

    Call it first thing in a forked child, with the pid the parent had before
    forking. A parent that died before the call is caught by comparing
    ``os.getppid()`` afterwards: then the child exits at once.
    """
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _run_share(bounds: tuple[int, int]) -> list[Any]:
    assert _JOB is not None
    function, items = _JOB
    return [function(item) for item in items[bounds[0]:bounds[1]]]


def parallel_map(function: Callable[[Item], Result], items: Sequence[Item], *,
                 min_items: int | None = None, heavy: int = 0) -> list[Result]:
    """``[function(item) for item in items]``, on every core when that pays off.

    ``function`` may be a closure: it reaches the workers by forking, not pickling.
    ``min_items`` (default ``MIN_PARALLEL``) is the least work worth sharing out.
    The first ``heavy`` items are each handed out on their own, before the rest:
    big jobs started last would leave the other cores waiting at the end.
    """
    workers = min(os.cpu_count() or 1, 8)
    enough = MIN_PARALLEL if min_items is None else min_items
    if workers < 2 or len(items) < enough or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    global _JOB
    _JOB = (function, items)
    try:
        # Several shares per worker evens out pieces of very different sizes.
        heavy = min(heavy, len(items))
        rest = len(items) - heavy
        shares = max(1, min(workers * 4, rest))
        step = max(1, -(-rest // shares))
        bounds = [(start, start + 1) for start in range(heavy)]
        bounds += [(start, min(start + step, len(items))) for start in range(heavy, len(items), step)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            return [result for share in pool.map(_run_share, bounds) for result in share]
    finally:
        _JOB = None
