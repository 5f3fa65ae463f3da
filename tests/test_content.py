"""The knowledge base itself: complete, connected and checked without warnings."""

from __future__ import annotations

import pytest

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
