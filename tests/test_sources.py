"""Content against the source texts: own words, and line references that exist.

The source texts live beside the repository in ../shared/seeds/ (as in CI), not in
a contributor's clone. These tests read the fingerprint committed in tests/
(``bronvingerafdruk.py``: line counts, empty lines, hashed ten-word runs), so they
run without the texts; only the test that the fingerprint is current needs them,
and it is skipped, with the reason, when they are absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.load import load_content
from generator.models import Bron

import bronvingerafdruk
from bronvingerafdruk import RUN, digest, words
from conftest import REPO, SEEDS

ALLOWLIST = Path(__file__).resolve().parent / "originality_allowlist.txt"
_words = words


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
def fingerprint() -> tuple[dict[str, dict[str, object]], set[bytes]]:
    return bronvingerafdruk.load()


@pytest.fixture(scope="module")
def seed_runs(fingerprint) -> set[bytes]:  # type: ignore[no-untyped-def]
    return fingerprint[1]


def _allowed() -> list[list[str]]:
    lines = ALLOWLIST.read_text(encoding="utf-8").splitlines() if ALLOWLIST.exists() else []
    return [_words(line) for line in lines if line.strip() and not line.startswith("#")]


def test_no_text_copies_ten_words_from_a_seed(content, seed_runs: set[bytes]) -> None:  # type: ignore[no-untyped-def]
    allowed = _allowed()
    copied = []
    for kind_items in content.items.values():
        for item in kind_items.values():
            for text in _strings(item.model.model_dump()):
                words_ = _words(text)
                for i in range(len(words_) - RUN + 1):
                    run = tuple(words_[i:i + RUN])
                    if digest(run) in seed_runs and not any(_contains(a, run) for a in allowed):
                        copied.append(f"{item.bestand}: '{' '.join(run)}'")
                        break
    assert copied == [], "Tekst letterlijk overgenomen uit een bron (schrijf in eigen woorden):\n" + "\n".join(copied)


def _contains(allowed: list[str], run: tuple[str, ...]) -> bool:
    return any(tuple(allowed[i:i + RUN]) == run for i in range(len(allowed) - RUN + 1))


def test_the_check_catches_a_run_split_by_a_hyphen_at_a_line_end() -> None:
    source = "De gemeente stelde twee wijk-\n   managers aan die samen met bewoners de plannen voor het plein maakten."
    found = bronvingerafdruk.runs(source)
    copied = "twee wijkmanagers aan die samen met bewoners de plannen voor"
    assert digest(_words(copied)) in found  # joined, as a reader (and a copier) reads it
    assert digest(_words("stelde twee wijk managers aan die samen met bewoners de")) in found  # as written


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"de bronteksten ontbreken in {SEEDS}: alleen nodig om te zien of "
                    "de vingerafdruk in tests/ bij de teksten past (CI heeft ze)")
def test_the_fingerprint_is_current() -> None:
    meta, raw = bronvingerafdruk.make(SEEDS)
    committed, runs_ = bronvingerafdruk.load()
    assert meta["bronnen"] == committed, "De bronteksten zijn veranderd: draai 'make vingerafdruk' en commit het resultaat."
    size = bronvingerafdruk.DIGEST_BYTES
    assert {raw[i:i + size] for i in range(0, len(raw), size)} == runs_, "Draai 'make vingerafdruk'."


def test_sources_match_their_seed_files(content, fingerprint) -> None:  # type: ignore[no-untyped-def]
    facts = fingerprint[0]
    for item in content.of("bron"):
        bron = item.model
        assert isinstance(bron, Bron)
        assert bron.bestand in facts, f"{item.bestand}: {bron.bestand} bestaat niet"
        lines = facts[bron.bestand]["regels"]
        assert bron.regels_totaal == lines, f"{item.bestand}: regels_totaal"
        for chapter in bron.hoofdstukken:
            start, end = map(int, chapter.regels.split("-"))
            assert 1 <= start <= end <= lines, f"{item.bestand}: {chapter.titel}"


def test_every_cited_line_range_has_text(content, fingerprint) -> None:  # type: ignore[no-untyped-def]
    facts = fingerprint[0]
    sources = {item.id: facts[item.model.bestand] for item in content.of("bron")}
    for kind_items in content.items.values():
        for item in kind_items.values():
            for ref in getattr(item.model, "bronnen", None) or []:
                start, end = ref.line_range()
                empty = set(sources[ref.bron]["lege_regels"])
                assert any(number not in empty for number in range(start, end + 1)), \
                    f"{item.bestand}: regels {ref.regels} zijn leeg"
