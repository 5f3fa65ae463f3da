"""What the live preview keeps from one rebuild to the next, so a save redoes only what it changed.

A plain build starts from nothing. ``wijkkompas serve`` (``generator/publish/preview.py``)
makes one ``Warm`` and hands it to every ``generate``: files whose size, time and
inode are unchanged are not read again (``load.py``), a page whose inputs are
unchanged is not rendered again (``render/memo.py``), the questionnaire's
contributions are not computed again while the graph and the questions are the
same (``questionnaire/scoring.py``), and the search index keeps the terms of
words and texts it has seen (``search/index.py``). Each is exact:
tests/test_warm.py edits content between warm builds and compares every file
with a cold build.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .content import Content, Item
from .load import FileMemo
from .models import KINDS
from .questionnaire.scoring import ScoreMemo
from .render.memo import PageMemo
from .search.index import TermMemo

__all__ = ["Warm", "folder_stamp"]


@dataclass
class Warm:
    files: FileMemo = field(default_factory=dict)
    pages: PageMemo = field(default_factory=PageMemo)
    search: TermMemo = field(default_factory=TermMemo)
    scores: ScoreMemo = field(default_factory=ScoreMemo)
    # Each item's model in the previous build: a model that is not the same object was read again.
    models: dict[tuple[str, str], object] = field(default_factory=dict)

    def changed_items(self, content: Content) -> list[Item]:
        """The items read again (new or edited) since the previous call."""
        now = {(item.kind, item.id): item for kind in KINDS for item in content.of(kind.name)}
        changed = [item for key, item in now.items() if self.models.get(key) is not item.model]
        self.models = {key: item.model for key, item in now.items()}
        return changed


def folder_stamp(folder: Path) -> str:
    """A digest of every file's path, size and time under ``folder`` (the templates)."""
    digest = hashlib.blake2b(digest_size=16)
    for base, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            path = os.path.join(base, name)
            info = os.stat(path)
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
