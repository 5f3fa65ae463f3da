"""Stages of a check or build, logged with their duration (seen with ``wijkkompas -v``)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["stage"]

log = logging.getLogger("generator")


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Log ``name`` and how long the block took, e.g. 'inhoud lezen: 0,41 s'."""
    start = time.perf_counter()
    yield
    seconds = f"{time.perf_counter() - start:.2f}".replace(".", ",")
    log.info("%s: %s s", name, seconds)
