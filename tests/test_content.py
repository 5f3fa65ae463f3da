"""The knowledge base itself: complete, connected and checked without warnings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.check import check_project
from generator.models import Casus
from generator.project import Project

from conftest import REPO

BOEKCASUSSEN = [
    "zorgvrijstaat", "de-kunst-van-delen", "de-geweldige-wijk", "de-ketel", "jan-evertsenstraat",
    "digitale-buurtpreventie", "de-blauwe-wijkeconomie", "wijkacademies-opvoeden", "de-evenaar",
    "de-voedseltuin",
]


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return check_project(Project.at(REPO))


def test_check_is_clean_without_warnings(result) -> None:  # type: ignore[no-untyped-def]
    assert [p.format() for p in result.fouten + result.waarschuwingen] == []


def test_counts_meet_the_bar(result) -> None:  # type: ignore[no-untyped-def]
    counts = result.content.counts()
    cases = [item.model for item in result.content.of("casus")]
    assert sum(1 for c in cases if c.diepgang == "kort") >= 10
    assert counts["tip"] >= 120
    assert sum(1 for t in result.content.of("tip") if t.model.soort == "valkuil") >= 10
    assert counts["kader"] >= 12
    assert counts["begrip"] >= 150
    assert 12 <= counts["thema"] <= 16
    assert counts["bron"] == 5
    assert (counts["bouwsteen"], counts["stap"]) == (7, 5)


@pytest.mark.parametrize("case_id", BOEKCASUSSEN)
def test_every_book_case_is_complete(result, case_id: str) -> None:  # type: ignore[no-untyped-def]
    item = result.content.get("casus", case_id)
    assert item is not None, f"casus {case_id} ontbreekt"
    case = item.model
    assert isinstance(case, Casus)
    assert case.diepgang == "uitgebreid"
    # Every optional field of an uitgebreid book case is filled too.
    for field in ("ondertitel", "provincie", "verhaal", "aanpak", "rollen"):
        assert getattr(case, field), f"{case_id}: {field} is leeg"
    for field in ("tijdlijn", "partijen", "resultaten", "knelpunten", "lessen", "bouwstenen", "stappen",
                  "begrippen", "auteurs"):
        assert len(getattr(case, field)) >= 1, f"{case_id}: {field} is leeg"
    assert any(b.bron == "plekken-van-hoop" for b in case.bronnen)


# The site speaks to the reader as "u". Informal address in content slips in easily when a text is
# paraphrased, so every text an editor writes under content/ is checked for it.
INFORMEEL = re.compile(r"\b(je|jij|jou|jouw|jouwe|jezelf|jullie)\b", re.IGNORECASE)
# Text between double quotation marks is a person's own words and stays as said.
CITAAT = re.compile(r"\"[^\"]*\"|“[^”]*”|„[^”]*”")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # ids and references name an item; they are not prose
# Proper names that happen to contain one of the words.
NAMEN = ("Uit Je Eigen Stad",)
# `bronnen` cite a source's own chapter titles; `url` is an address.
NIET_PROZA = {"bronnen", "url"}


def _prose(value: object) -> Iterator[str]:
    if isinstance(value, str):
        if not SLUG.fullmatch(value):
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NIET_PROZA:
                yield from _prose(item)
    elif isinstance(value, list):
        for item in value:
            yield from _prose(item)


def informal_address(root: Path) -> list[str]:
    """Every ``je``/``jouw``/… in the prose of content/ and the editors' templates, as 'file: word in context'."""
    found = []
    files = sorted((root / "content").rglob("*.yml")) + sorted((root / "templates" / "sjablonen").glob("*.yml"))
    for path in files:
        for text in _prose(yaml.safe_load(path.read_text(encoding="utf-8"))):
            text = CITAAT.sub(" ", text)
            for name in NAMEN:
                text = text.replace(name, " ")
            for match in INFORMEEL.finditer(text):
                context = text[max(match.start() - 30, 0):match.end() + 30].replace("\n", " ")
                found.append(f"{path.relative_to(root)}: …{context}…")
    return found


def test_content_addresses_the_reader_as_u() -> None:
    found = informal_address(REPO)
    assert found == [], "Spreek de lezer aan met 'u', niet met 'je' of 'jouw':\n" + "\n".join(found)


def test_informal_address_is_found(tmp_path: Path) -> None:
    # The check must see a real slip, and leave quotes, names and references alone.
    tip = tmp_path / "content" / "tips" / "voorbeeld.yml"
    tip.parent.mkdir(parents=True)
    tip.write_text(
        "titel: Bewaak je kern\n"
        "tekst: 'Alferink: \"dan glipt het je door de vingers\". Zie Uit Je Eigen Stad.'\n"
        "casussen: [de-voedseltuin-bewaak-je-kern]\n"
        "bronnen:\n  - hoofdstuk: Geen spel speel je alleen\n",
        encoding="utf-8",
    )
    assert [line.split(": ", 1)[0] for line in informal_address(tmp_path)] == ["content/tips/voorbeeld.yml"]
