"""The questionnaire's shareable link (the URL fragment that vragenlijst.js reads) in headless Chromium.

A link can come from anyone. What it holds that the questionnaire does not know is
reported by count only, never repeated in the site's own warning box, and the page
reads only a bounded part of it, so a huge link cannot make a huge page.
"""

from __future__ import annotations

import re
import time

import pytest

from test_browser import _cli_result, _result_ids

pytestmark = pytest.mark.browser

# Words an attacker would like the site to say for them; distinctive, so any echo is found.
ATTACKER = "Bel direct 0900-1234 Uw bankgegevens zijn gelekt ZQXJ"
UNKNOWN = 60_000
VALID = {"rol": ["bewoner"], "thema": ["armoede"]}


def _fragment(*parts: str) -> str:
    return "#" + "&".join(parts)


def _encoded(text: str) -> str:
    return text.replace(" ", "%20")


def _open(page, site_url: str, fragment: str, heading: str):  # type: ignore[no-untyped-def]
    """Open the questionnaire with ``fragment``; return the seconds until ``heading`` showed."""
    start = time.monotonic()
    page.goto(site_url + "/hulp-bij-kiezen/" + fragment)
    page.locator("#wk-vragenlijst h2", has_text=heading).wait_for()
    return time.monotonic() - start


def test_a_crafted_link_is_reported_by_count_and_never_echoed(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    attack = _encoded(ATTACKER)
    fragment = _fragment(
        "rol=bewoner", "thema=armoede",
        f"rol-{attack.lower().replace('%20', '-')[:60]}=1",  # an unknown question whose id is the attacker's words
        f"scherm={attack}",  # an unknown screen
        f"thema=armoede,{attack}",  # an unknown answer next to a known one
        *(f"onbekend-{n}=1" for n in range(UNKNOWN)),
        f"rol={attack}",  # past the bound: never read
    )
    seconds = _open(page, site_url, fragment, "Uw advies")

    visible = page.locator("body").inner_text()
    assert ATTACKER.lower() not in visible.lower()
    assert "zqxj" not in visible.lower() and "0900-1234" not in visible and "zqxj" not in page.title().lower()

    alert = page.locator("#wk-vragenlijst [role=alert]")
    assert alert.count() == 1
    text = alert.inner_text()
    assert "niet herkend" in text
    assert re.search(r"\b\d[\d.]* antwoorden in deze link kennen we niet", text), text
    assert "alleen het begin is gelezen" in text
    # Bounded: a short box, not a list of tens of thousands of items.
    assert alert.locator("*").count() < 10 and len(text) < 600, len(text)
    assert page.locator("#wk-vragenlijst *").count() < 1_000
    # Responsive: the page answered quickly and still reacts to the visitor.
    assert seconds < 15, seconds
    page.get_by_role("button", name="Opnieuw beginnen").click()
    page.locator("#wk-vragenlijst h2", has_text="Vanuit welke rol kijkt u naar de wijk?").wait_for(timeout=5_000)

    # The valid answers at the start of the link were still used.
    page.go_back()
    page.locator("#wk-vragenlijst h2", has_text="Uw advies").wait_for()
    expected = [c["id"] for c in _cli_result(VALID)["casussen"]]
    assert _result_ids(page, "Casussen") == expected and expected
    assert page.requests_to_other_hosts == []


@pytest.mark.parametrize(("fragment", "count"), [
    (_fragment("rol=bewoner", f"thema=armoede,{_encoded(ATTACKER)}", "scherm=resultaat"), "1 antwoord in"),
    # A part whose name is no id at all, and a screen that does not exist (then the advice is shown).
    (_fragment("rol=bewoner", "thema=armoede", f"x%3Cb%3E={_encoded(ATTACKER)}", f"scherm={_encoded(ATTACKER)}"),
     "2 antwoorden in"),
])
def test_a_few_unknown_answers_are_counted(page, site_url: str, fragment: str, count: str) -> None:  # type: ignore[no-untyped-def]
    _open(page, site_url, fragment, "Uw advies")
    text = page.locator("#wk-vragenlijst [role=alert]").inner_text()
    assert count in text and "alleen het begin" not in text, text
    assert "zqxj" not in page.locator("body").inner_text().lower()
    # The address (which a saved advice copies) keeps only what was understood.
    assert "zqxj" not in page.url.lower() and "thema=armoede" in page.url
    assert _result_ids(page, "Casussen") == [c["id"] for c in _cli_result(VALID)["casussen"]]


def test_a_normal_link_still_works_without_a_warning(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    _open(page, site_url, _fragment("rol=bewoner", "thema=armoede", "scherm=resultaat"), "Uw advies")
    assert page.locator("#wk-vragenlijst [role=alert]").count() == 0
    assert _result_ids(page, "Casussen") == [c["id"] for c in _cli_result(VALID)["casussen"]]
    # A link to a question on the route opens that question with the answers kept.
    _open(page, site_url, _fragment("rol=bewoner", "thema=armoede", "scherm=thema"), "Waar gaat het in uw wijk vooral om?")
    assert page.get_by_label("Armoede, schulden en geldzorgen", exact=True).is_checked()
    assert page.locator("#wk-vragenlijst [role=alert]").count() == 0
