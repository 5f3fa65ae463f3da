"""Real browser tests: headless Chromium (Debian package) drives the built site."""

from __future__ import annotations

import shutil
from typing import Iterator
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags that keep Chromium from phoning home on a closed network (and from
# waiting on those connections); the sandbox needs privileges CI lacks as root.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        pytest.fail("Chromium ontbreekt: installeer het Debian-pakket 'chromium' (.ci/run doet dat).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.requests_to_other_hosts = []  # type: ignore[attr-defined]
    local = urlparse(site_url).netloc

    def record(request) -> None:  # type: ignore[no-untyped-def]
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != local:
            page.requests_to_other_hosts.append(request.url)  # type: ignore[attr-defined]

    page.on("request", record)
    yield page
    context.close()


def _search(page, site_url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type ``query`` into the site search; return the result links (page URLs)."""
    page.goto(site_url + "/")
    field = page.locator("input.md-search__input")
    field.click()
    # Typing before the search worker has built its index can lose the query.
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "el => el.textContent && !/initiali/i.test(el.textContent)", arg=meta.element_handle(), timeout=20_000
    )
    field.press_sequentially(query, delay=20)  # Material reacts to key events, not to fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    links = page.locator(".md-search-result__item > a")
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
