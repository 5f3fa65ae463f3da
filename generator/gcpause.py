"""Keep Python's cycle collector from rescanning the content over and over.

Loading thousands of files creates millions of long-lived objects (models,
graph attributes). Each full collection walks all of them, so with the
collector running as usual loading grew faster than the number of files. While
that happens the collector is paused; afterwards the objects are frozen (never
scanned again; also what Python advises before forking worker processes, whose
memory pages the collector would otherwise copy).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector for the block; freeze what it built."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
