"""The questionnaire's screens on a phone and by keyboard, in headless Chromium (issue 15, item 2).

Every question is opened at 390x844 (and 320 wide), the layout is measured, and
the limits, the hints, the browser's Back button and the arrow keys are used as
a visitor would. axe-core checks every state of the questionnaire.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

import pytest

from test_site import _axe

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# The two routes (initiatief, wijkaanpak) between them ask every question.
ROUTES = {"initiatief": ["rol", "thema", "soort", "fase-initiatief", "plek", "gemeente", "geld", "groeipijnen",
                         "kennisinstelling"],
          "wijkaanpak": ["rol", "thema", "soort", "fase-aanpak", "toestand", "urgentie", "bewoners", "vertrouwen",
                         "visie", "bestuur", "procesleiding", "tijd", "middelen"]}


@pytest.fixture
def phone(browser, site_url: str) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


def _open(page: Any, site_url: str, fragment: str = "") -> None:
    page.goto(site_url + "/hulp-bij-kiezen/" + fragment)
    page.locator("#wk-vragenlijst h2").wait_for()


def _heading(page: Any) -> str:
    return page.locator("#wk-vragenlijst h2").inner_text()


# Per option: the control's box and the first line box of its label's text.
_MEASURE = """() => Array.from(document.querySelectorAll('#wk-vragenlijst .wk-optie input')).map(input => {
  const label = document.querySelector('label[for="' + input.id + '"]');
  const range = document.createRange();
  range.selectNodeContents(label);
  const lines = Array.from(range.getClientRects());
  const box = input.getBoundingClientRect();
  return {text: label.textContent, input: {top: box.top, bottom: box.bottom, left: box.left, right: box.right},
          first: {top: lines[0].top, bottom: lines[0].bottom, left: lines[0].left},
          lines: new Set(lines.map(r => Math.round(r.top))).size};
})"""


@pytest.mark.parametrize("width", [390, 320])
def test_every_control_is_on_the_same_line_as_its_label_on_a_phone(browser, site_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 844})
    page = context.new_page()
    wrapped = 0
    for soort, questions in ROUTES.items():
        for vraag in questions:
            _open(page, site_url, f"#soort={soort}&scherm={vraag}")
            options = page.evaluate(_MEASURE)
            assert options, vraag
            for option in options:
                centre = (option["input"]["top"] + option["input"]["bottom"]) / 2
                where = f"{vraag}: {option['text']!r} bij {width} px: {option}"
                assert option["first"]["top"] <= centre <= option["first"]["bottom"], where
                assert option["input"]["right"] <= option["first"]["left"], where
                wrapped += option["lines"] > 1
    context.close()
    assert wrapped >= 5  # the check really met labels that wrap onto more lines


def test_the_introduction_is_shown_on_the_first_screen_only(phone: Any, site_url: str) -> None:
    _open(phone, site_url)
    intro = phone.locator("#wk-inleiding")
    assert intro.is_visible() and "Uw antwoorden blijven bij u" in intro.inner_text()
    phone.get_by_label("Woningcorporatie", exact=True).check()
    phone.get_by_role("button", name="Volgende").click()
    phone.locator("#wk-vragenlijst h2", has_text="Waar gaat het in uw wijk vooral om?").wait_for()
    assert intro.is_hidden()
    phone.get_by_role("button", name="Overslaan").click()
    phone.locator("#wk-vragenlijst h2", has_text="Wat voor aanpak is het?").wait_for()
    assert intro.is_hidden()


def test_an_empty_submission_gets_a_dutch_hint(phone: Any, site_url: str) -> None:
    _open(phone, site_url)
    phone.get_by_role("button", name="Volgende").click()
    alert = phone.locator("#wk-vragenlijst [role=alert]")
    text = alert.inner_text()
    assert "U heeft nog geen antwoord gekozen" in text and "Kies een antwoord, of kies ‘Overslaan’" in text
    assert "Er ging iets mis" not in text
    assert phone.evaluate("document.activeElement.classList.contains('wk-fout')")  # the message gets focus
    assert _heading(phone) == "Vanuit welke rol kijkt u naar de wijk?"
    # Its link moves to the first answer without touching the answers in the address.
    before = phone.url
    alert.get_by_role("link").click()
    assert phone.evaluate("document.activeElement.id") == "wk-optie-0" and phone.url == before


def test_a_fourth_theme_is_refused_with_the_dutch_message(phone: Any, site_url: str) -> None:
    _open(phone, site_url, "#rol=bewoner&scherm=thema")
    assert phone.locator(".wk-hint").inner_text() == "Kies hoogstens drie thema's."
    assert "Kies alles wat van toepassing is" not in phone.locator("#wk-vragenlijst").inner_text()
    themes = ["Armoede, schulden en geldzorgen", "Ouderen en ouder worden", "Ontmoeting en eenzaamheid",
              "Kunst en cultuur"]
    for theme in themes:
        phone.get_by_label(theme, exact=True).check()
    phone.get_by_role("button", name="Volgende").click()
    assert "Kies hoogstens drie thema's. U koos er 4" in phone.locator("#wk-vragenlijst [role=alert]").inner_text()
    assert _heading(phone) == "Waar gaat het in uw wijk vooral om?"  # not let through
    assert all(phone.get_by_label(t, exact=True).is_checked() for t in themes)  # the choices are kept to correct
    assert "thema=" not in phone.url.split("rol=bewoner", 1)[1]
    phone.get_by_label("Kunst en cultuur", exact=True).uncheck()
    phone.get_by_role("button", name="Volgende").click()
    phone.locator("#wk-vragenlijst h2", has_text="Wat voor aanpak is het?").wait_for()
    # A link with five themes (typed or edited) is cut back to three, and said so.
    _open(phone, site_url, "#thema=zorg,armoede,ouderen,jeugd,groen&scherm=overzicht")
    assert "niet herkend" in phone.locator("#wk-vragenlijst [role=alert]").inner_text()
    assert phone.url.endswith("#thema=zorg,armoede,ouderen&scherm=overzicht")  # the first three, in the address
    assert "Voedsel, tuinen en groen" not in phone.locator(".wk-overzicht").inner_text()


def test_the_browsers_back_button_shows_the_earlier_answer(phone: Any, site_url: str) -> None:
    _open(phone, site_url)
    phone.get_by_label("Gemeente (bestuur, beleid of wijkteam)", exact=True).check()
    phone.get_by_role("button", name="Volgende").click()
    phone.locator("#wk-vragenlijst h2", has_text="Waar gaat het in uw wijk vooral om?").wait_for()
    phone.get_by_label("Ouderen en ouder worden", exact=True).check()
    phone.get_by_label("Wonen en de woningvoorraad", exact=True).check()
    phone.get_by_role("button", name="Volgende").click()
    phone.locator("#wk-vragenlijst h2", has_text="Wat voor aanpak is het?").wait_for()
    phone.go_back()
    phone.locator("#wk-vragenlijst h2", has_text="Waar gaat het in uw wijk vooral om?").wait_for()
    assert phone.get_by_label("Ouderen en ouder worden", exact=True).is_checked()
    assert phone.get_by_label("Wonen en de woningvoorraad", exact=True).is_checked()
    phone.go_back()
    phone.locator("#wk-vragenlijst h2", has_text="Vanuit welke rol").wait_for()
    assert phone.get_by_label("Gemeente (bestuur, beleid of wijkteam)", exact=True).is_checked()
    phone.go_forward()
    phone.locator("#wk-vragenlijst h2", has_text="Waar gaat het in uw wijk vooral om?").wait_for()
    assert phone.get_by_label("Wonen en de woningvoorraad", exact=True).is_checked()


def test_a_radio_group_works_with_tab_and_the_arrow_keys(phone: Any, site_url: str) -> None:
    """The WAI-ARIA radio pattern: one Tab stop for the group, arrows move the selection."""
    _open(phone, site_url, "#soort=initiatief&scherm=fase-initiatief")

    def focused() -> list[Any]:
        return phone.evaluate("[document.activeElement.value || document.activeElement.textContent,"
                              " !!document.activeElement.checked]")

    phone.keyboard.press("Tab")  # from the heading into the group: its first radio, nothing selected yet
    assert focused() == ["idee", False]
    phone.keyboard.press("ArrowDown")
    assert focused() == ["pionieren", True]
    phone.keyboard.press("ArrowDown")
    assert focused() == ["groeispurt", True]
    phone.keyboard.press("ArrowUp")
    assert focused() == ["pionieren", True]
    assert phone.locator("input:checked").count() == 1
    phone.keyboard.press("Tab")  # out of the group in one step
    assert focused() == ["Volgende", False]
    phone.keyboard.press("Shift+Tab")  # back in: on the selected radio
    assert focused() == ["pionieren", True]
    phone.keyboard.press("Enter")  # submits the form
    phone.locator("#wk-vragenlijst h2", has_text="Waar vindt het initiatief plaats?").wait_for()
    assert "fase-initiatief=pionieren" in phone.url


@pytest.mark.parametrize("fragment", [
    "", "#rol=bewoner&scherm=thema", "#soort=wijkaanpak&scherm=urgentie", "#rol=gemeente&scherm=overzicht",
    "#rol=gemeente&thema=armoede,wonen&soort=wijkaanpak&scherm=resultaat",
])
def test_no_accessibility_violations_in_any_state(phone: Any, site_url: str, fragment: str) -> None:
    _open(phone, site_url, fragment)
    violations = _axe(phone)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
    if "scherm=thema" in fragment:  # and with the limit's error showing
        for theme in ("Zorg voor elkaar, welzijn, psychische gezondheid", "Armoede, schulden en geldzorgen",
                      "Ouderen en ouder worden", "Wonen en de woningvoorraad"):
            phone.get_by_label(theme, exact=True).check()
        phone.get_by_role("button", name="Volgende").click()
        phone.locator("#wk-vragenlijst [role=alert]").wait_for()
        violations = _axe(phone)
        assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
