"""Content against the seed texts: own words, and line references that exist.

The seed texts live beside the repository in ../shared/seeds/ (as in CI).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.load import load_content
from generator.models import Bron

from conftest import REPO, SEEDS

RUN = 10  # words in a row that may not be copied from a seed
ALLOWLIST = Path(__file__).resolve().parent / "originality_allowlist.txt"

if not SEEDS.is_dir():
    pytest.fail(f"De bronteksten ontbreken in {SEEDS}; die zijn nodig voor deze tests.", pytrace=False)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _strings(value: object) -> Iterator[str]:
    """Every prose text in ``value``; web addresses are not prose and are left out."""
    if isinstance(value, str):
        yield re.sub(r"(?:https?|mailto):\S+", " ", value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "url":
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.fixture(scope="module")
def content():  # type: ignore[no-untyped-def]
    loaded, problems = load_content(REPO)
    assert problems == []
    return loaded


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        words = _words(seed.read_text(encoding="utf-8"))
        runs.update(tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1))
    return runs


def _allowed() -> list[list[str]]:
    lines = ALLOWLIST.read_text(encoding="utf-8").splitlines() if ALLOWLIST.exists() else []
    return [_words(line) for line in lines if line.strip() and not line.startswith("#")]


def test_no_text_copies_ten_words_from_a_seed(content, seed_runs: set[tuple[str, ...]]) -> None:  # type: ignore[no-untyped-def]
    allowed = _allowed()
    copied = []
    for kind_items in content.items.values():
        for item in kind_items.values():
            for text in _strings(item.model.model_dump()):
                words = _words(text)
                for i in range(len(words) - RUN + 1):
                    run = tuple(words[i:i + RUN])
                    if run in seed_runs and not any(_contains(a, run) for a in allowed):
                        copied.append(f"{item.bestand}: '{' '.join(run)}'")
                        break
    assert copied == [], "Tekst letterlijk overgenomen uit een bron (schrijf in eigen woorden):\n" + "\n".join(copied)


def _contains(allowed: list[str], run: tuple[str, ...]) -> bool:
    return any(tuple(allowed[i:i + RUN]) == run for i in range(len(allowed) - RUN + 1))


def test_the_check_can_catch_a_copy(seed_runs: set[tuple[str, ...]]) -> None:
    seed = next(iter(sorted(SEEDS.glob("*.txt")))).read_text(encoding="utf-8")
    words = _words(seed)[200:200 + RUN]
    assert tuple(words) in seed_runs


def test_sources_match_their_seed_files(content) -> None:  # type: ignore[no-untyped-def]
    for item in content.of("bron"):
        bron = item.model
        assert isinstance(bron, Bron)
        seed = SEEDS / bron.bestand
        assert seed.is_file(), f"{item.bestand}: {bron.bestand} bestaat niet"
        lines = seed.read_text(encoding="utf-8").splitlines()
        assert bron.regels_totaal == len(lines), f"{item.bestand}: regels_totaal"
        for chapter in bron.hoofdstukken:
            start, end = map(int, chapter.regels.split("-"))
            assert 1 <= start <= end <= len(lines), f"{item.bestand}: {chapter.titel}"


def test_every_cited_line_range_has_text(content) -> None:  # type: ignore[no-untyped-def]
    seeds = {item.id: (SEEDS / item.model.bestand).read_text(encoding="utf-8").splitlines()
             for item in content.of("bron")}
    for kind_items in content.items.values():
        for item in kind_items.values():
            for ref in getattr(item.model, "bronnen", None) or []:
                start, end = ref.line_range()
                lines = seeds[ref.bron][start - 1:end]
                assert any(line.strip() for line in lines), f"{item.bestand}: regels {ref.regels} zijn leeg"
