"""Real browser tests: headless Chromium (Debian package) drives the built site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

def _search(page, site_url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type ``query`` into the site search, as a visitor does; return the result links (page URLs)."""
    page.goto(site_url + "/")
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(query, delay=20)
    meta = page.locator("[data-wk-zoek-meta]")
    page.wait_for_function("([el, q]) => /gevonden/.test(el.textContent) && el.dataset.wkZoekVoor === q",
                           arg=[meta.element_handle(), query], timeout=20_000)
    links = page.locator("[data-wk-zoek-lijst] a")
    return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]


@pytest.mark.parametrize(("query", "expected"), [("wijkpsychiater", "casussen/zorgvrijstaat/"),
                                                  ("schoolgebouw", "casussen/de-ketel/")])
def test_site_search_finds_cases_by_words_in_their_text(page, site_url: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    results = _search(page, site_url, query)
    assert any(urlparse(result).path.endswith(expected) for result in results), results
    assert page.requests_to_other_hosts == []


def test_pages_load_nothing_from_other_hosts(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    for path in ["/", "/casussen/zorgvrijstaat/", "/bouwstenen/vertrouwen/", "/stappen/visie-ontwikkelen/",
                 "/bronnen/plekken-van-hoop/"]:
        response = page.goto(site_url + path)
        assert response is not None and response.ok, path
        page.wait_for_load_state("networkidle")
    assert page.requests_to_other_hosts == []


# ------------------------------------------------------------------ Hulp bij kiezen

def _answer(page, label: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Volgende").click()


def _result_ids(page, section: str) -> list[str]:  # type: ignore[no-untyped-def]
    heading = page.locator("#wk-vragenlijst h3", has_text=section)
    links = heading.locator("xpath=following-sibling::ol[1]/li/p[contains(@class, 'wk-kop')]/a")
    return [urlparse(links.nth(i).get_attribute("href") or "").path.rstrip("/").split("/")[-1] for i in range(links.count())]


def _cli_result(answers: dict[str, list[str]]) -> dict:  # type: ignore[type-arg]
    from generator.check import check_project
    from generator.project import Project
    from generator.questionnaire.advice import advise
    from generator.render.data import questionnaire_data

    from conftest import REPO

    result = check_project(Project.at(REPO))
    return advise(questionnaire_data(result.content, result.graph, result.vragenlijst), answers)


def test_questionnaire_walk_change_and_share(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/hulp-bij-kiezen/")
    heading = page.locator("#wk-vragenlijst h2")
    heading.wait_for()  # the questionnaire data has loaded
    assert page.locator("#wk-vragenlijst-statisch").is_hidden()
    assert heading.inner_text() == "Vanuit welke rol kijkt u naar de wijk?"
    assert page.evaluate("document.activeElement.tagName") == "H2"  # focus moves to the question
    page.get_by_role("button", name="Volgende").click()  # nothing chosen: an error, not a crash
    assert "Kies een antwoord" in page.locator("#wk-vragenlijst [role=alert]").inner_text()
    _answer(page, "Bewoner, vrijwilliger of bewonersinitiatief")
    page.get_by_label("Armoede, schulden en geldzorgen", exact=True).check()
    page.get_by_role("button", name="Volgende").click()
    _answer(page, "Een initiatief van bewoners, ondernemers of een organisatie, van onderop")
    _answer(page, "Pionieren; de eerste activiteiten lopen, met weinig structuur")
    page.get_by_text("Terug", exact=True).click()  # back to the phase question, answer kept
    assert page.get_by_label("Pionieren; de eerste activiteiten lopen, met weinig structuur", exact=True).is_checked()
    _answer(page, "Pionieren; de eerste activiteiten lopen, met weinig structuur")
    _answer(page, "Vooral online, bijvoorbeeld met een app of appgroep")
    for _ in range(4):
        page.get_by_role("button", name="Overslaan").click()
    assert page.locator("#wk-vragenlijst h2").inner_text() == "Controleer uw antwoorden"
    # Change an answer from the summary.
    page.get_by_role("link", name="Wijzig uw antwoord op: Vanuit welke rol kijkt u naar de wijk?").click()
    _answer(page, "Gemeente (bestuur, beleid of wijkteam)")
    # Back on the summary, with the changed answer and the later answers kept.
    assert page.locator("#wk-vragenlijst h2").inner_text() == "Controleer uw antwoorden"
    summary = page.locator(".wk-overzicht").inner_text()
    assert "Gemeente (bestuur, beleid of wijkteam)" in summary and "Vooral online" in summary
    page.get_by_role("button", name="Toon het advies").click()
    assert page.locator("#wk-vragenlijst h2").inner_text() == "Uw advies"

    answers = {"rol": ["gemeente"], "thema": ["armoede"], "soort": ["initiatief"],
               "fase-initiatief": ["pionieren"], "plek": ["digitaal"]}
    cli = _cli_result(answers)
    shown = {"casussen": _result_ids(page, "Casussen"), "bouwstenen": _result_ids(page, "Bouwstenen"),
             "tips": _result_ids(page, "Tips"), "kaders": _result_ids(page, "Kaders")}
    assert shown == {key: [item["id"] for item in cli[key]] for key in shown}
    assert page.locator(".wk-reden").first.inner_text().startswith("U antwoordde ‘")

    # The URL alone reproduces the result, in a fresh page.
    url = page.url
    assert "#" in url and "?" not in url
    fresh = page.context.new_page()
    fresh.goto(url)
    fresh.locator("#wk-vragenlijst h2", has_text="Uw advies").wait_for()
    assert _result_ids(fresh, "Casussen") == shown["casussen"]
    assert page.requests_to_other_hosts == []


def test_questionnaire_handles_a_tampered_url(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    hostile = "<img src=x onerror=alert(1)>"
    page.on("dialog", lambda dialog: (_ for _ in ()).throw(AssertionError("er opende een dialoog")))
    page.goto(site_url + "/hulp-bij-kiezen/#thema=armoede,bestaat-niet&onzin=1&rol=koning&"
              + "scherm=resultaat&x%3Cscript%3E=" + hostile.replace(" ", "%20"))
    page.locator("#wk-vragenlijst h2", has_text="Uw advies").wait_for()
    alert = page.locator("#wk-vragenlijst [role=alert]").inner_text()
    # Counted, never echoed: bestaat-niet, onzin, koning and the key that is no id (tests/test_vragenlijst_link.py).
    assert "niet herkend" in alert and "4 antwoorden" in alert and "koning" not in alert
    assert page.locator("#wk-vragenlijst img").count() == 0
    assert _result_ids(page, "Casussen")[:1] == [c["id"] for c in _cli_result({"thema": ["armoede"]})["casussen"]][:1]


def test_questionnaire_without_javascript_shows_the_static_version(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/hulp-bij-kiezen/")
    static = page.locator("#wk-vragenlijst-statisch")
    assert static.is_visible()
    assert static.get_by_role("link", name="Vertrouwen").count() >= 1
    assert "Vanuit welke rol kijkt u naar de wijk?" in static.inner_text()
    context.close()


def test_questionnaire_result_downloads_as_markdown_and_prints_cleanly(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/hulp-bij-kiezen/#thema=veiligheid&scherm=resultaat")
    page.locator("#wk-vragenlijst h2", has_text="Uw advies").wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download als Markdown").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Advies van Wijkkompas")
    assert "Veiligheid, overlast of criminaliteit" in text and "/casussen/digitale-buurtpreventie/" in text
    page.emulate_media(media="print")
    assert page.get_by_role("button", name="Download als Markdown").is_hidden()
    assert page.locator(".md-header").is_hidden()
    assert page.locator("#wk-vragenlijst h2", has_text="Uw advies").is_visible()
