"""The site as people use it, in headless Chromium: search, verkenner, links, privacy, accessibility."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from test_browser import _search

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# ------------------------------------------------------------------ search

@pytest.mark.parametrize(("query", "expected"), [
    ("psychiater", "casussen/zorgvrijstaat/"),
    ("tuin", "casussen/de-voedseltuin/"),
    ("preventieteam", "begrippen/buurtpreventieteam/"),  # the site has only "buurtpreventieteam"
])
def test_search_finds_parts_of_compound_words(page, site_url: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    results = _search(page, site_url, query)
    assert any(urlparse(r).path.endswith(expected) for r in results), results


@pytest.mark.parametrize(("query", "expected"), [
    ("maaltijd", "casussen/zorgvrijstaat/"),  # the text says "maaltijden"
    ("businesscase", "casussen/de-ketel/"),  # a word deep in a long section
])
def test_search_finds_words_in_the_text(page, site_url: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    results = _search(page, site_url, query)
    assert any(urlparse(r).path.endswith(expected) for r in results), results


# ------------------------------------------------------------------ verkenner

def _visible_cases(page) -> list[str]:  # type: ignore[no-untyped-def]
    cards = page.locator("[data-wk-item]:visible h2 a:not(.headerlink)")
    return [urlparse(cards.nth(i).get_attribute("href") or "").path.rstrip("/").split("/")[-1]
            for i in range(cards.count())]


def test_verkenner_filters_and_keeps_the_filter_in_the_url(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/casussen/")
    total = len(_visible_cases(page))
    assert total >= 20
    page.locator("summary", has_text="Thema").click()
    page.get_by_label(re.compile(r"^Armoede \(\d+\)$")).check()
    shown = _visible_cases(page)
    # (De Voedseltuin has the theme too: it began as a garden for food-bank clients.)
    assert "de-geweldige-wijk" in shown and "de-ketel" not in shown
    assert "thema=armoede" in page.url
    assert page.locator("#wk-aantal").inner_text().startswith(f"{len(shown)} van {total}")
    # A count next to each option says how many cases it would show.
    label = page.locator("label", has_text=re.compile(r"^Armoede")).inner_text()
    assert label.endswith(f"({len(shown)})")
    page.reload()
    assert _visible_cases(page) == shown
    assert page.get_by_label(re.compile(r"^Armoede \(\d+\)$")).is_checked()
    page.get_by_label("Zoek in de casussen").fill("meppel")
    # The text filter asks the site search, which answers asynchronously.
    page.locator('#wk-aantal[data-wk-voor="meppel"]').wait_for()
    assert _visible_cases(page) == ["de-geweldige-wijk"]
    assert "q=meppel" in page.url
    page.get_by_role("button", name="Wis alle filters").click()
    assert len(_visible_cases(page)) == total


def test_verkenner_without_javascript_lists_every_case(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/casussen/")
    cards = page.locator("[data-wk-item] h2 a:not(.headerlink)")
    from conftest import REPO
    assert cards.count() == len(list((REPO / "cases").glob("*.yml")))
    assert page.locator("#wk-filter").is_hidden()
    context.close()


def test_tips_filter_by_audience(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/tips/#doelgroep=ondernemers&soort=valkuil")
    visible = page.locator("[data-wk-item]:visible")
    assert 0 < visible.count() < page.locator("[data-wk-item]").count()
    for i in range(visible.count()):
        assert "ondernemers" in (visible.nth(i).get_attribute("data-f-doelgroep") or "")
        assert visible.nth(i).get_attribute("data-f-soort") == "valkuil"


# ------------------------------------------------------------------ links, privacy

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag in ("link", "script", "img") and (values.get("href") or values.get("src")):
            self.links.append(values.get("href") or values.get("src") or "")


def test_every_internal_link_resolves(built_site: Path) -> None:
    pages = {p: _Links() for p in built_site.rglob("*.html")}
    for path, parser in pages.items():
        parser.feed(path.read_text(encoding="utf-8"))
    ids = {path: parser.ids for path, parser in pages.items()}
    # The 404 page is served at any depth, so the theme gives it absolute paths
    # under the public address's path (site_url, e.g. /wijkkompas/).
    prefix = urlparse("https://wijkkompas.github.io/wijkkompas/").path
    broken = []
    for path, parser in pages.items():
        base = "/" + path.relative_to(built_site).as_posix()
        for link in parser.links:
            if link.startswith(prefix):
                link = "/" + link[len(prefix):]
            parsed = urlparse(link)
            if parsed.scheme or parsed.netloc or link.startswith(("mailto:", "data:")):
                continue
            target_url = urlparse(urljoin(base, link))
            target = built_site / unquote(target_url.path).lstrip("/")
            if target.is_dir() or not target.suffix:
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{base} -> {link}")
            elif target_url.fragment and target.suffix == ".html" and target_url.fragment not in ids.get(target, set()):
                broken.append(f"{base} -> {link} (anker)")
    assert broken == [], f"{len(broken)} kapotte links, bijv.: {broken[:10]}"


def test_no_page_repeats_an_id(built_site: Path) -> None:
    # aria-describedby of a glossary term points at an id; a second element with that id
    # would give the term the wrong explanation (and is invalid HTML).
    repeated = {}
    for path in built_site.rglob("*.html"):
        ids = re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8"))
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            repeated[path.relative_to(built_site).as_posix()] = twice
    assert repeated == {}


PAGES = ["/", "/casussen/", "/casussen/zorgvrijstaat/", "/bouwstenen/vertrouwen/", "/stappen/visie-ontwikkelen/",
         "/tips/", "/matrix/", "/kenniskaart/", "/begrippen/", "/bronnen/plekken-van-hoop/",
         "/hulp-bij-kiezen/", "/hulp-bij-kiezen/#thema=armoede&scherm=resultaat", "/404.html"]


def test_no_page_requests_another_host(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    for path in PAGES:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert page.requests_to_other_hosts == []


# ------------------------------------------------------------------ accessibility

def _axe(page) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    import axe_playwright_python

    script = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    # Measure the page at rest: halfway through a fade (the theme's back-to-top button
    # appears when a message scrolls the page) a colour is neither its start nor its end.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    page.evaluate(script)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


@pytest.mark.parametrize("path", [
    "/", "/casussen/zorgvrijstaat/", "/bouwstenen/vertrouwen/", "/casussen/", "/kenniskaart/", "/matrix/",
    "/tips/", "/hulp-bij-kiezen/", "/hulp-bij-kiezen/#rol=gemeente&thema=armoede&scherm=resultaat",
    "/hulp-bij-kiezen/#rol=gemeente&scherm=overzicht",
])
def test_pages_have_no_wcag_21_aa_violations(page, site_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    if "hulp-bij-kiezen" in path:
        page.locator("#wk-vragenlijst h2").wait_for()
    violations = _axe(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


# ------------------------------------------------------------------ offline copy

def test_offline_copy_works_from_disk(browser, offline_site: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    root = offline_site.as_uri()
    page.goto(root + "/index.html")
    page.get_by_role("link", name="Naar de casusverkenner").click()
    assert page.url.endswith("/casussen/index.html")
    page.locator("[data-wk-item] h2 a:not(.headerlink)", has_text="De Ketel").click()
    assert page.url.endswith("/casussen/de-ketel.html")
    page.goto(root + "/hulp-bij-kiezen.html#thema=armoede&scherm=resultaat")
    page.locator("#wk-vragenlijst h2", has_text="Uw advies").wait_for()
    page.locator("#wk-vragenlijst ol li a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(".html") and "Wijkkompas" in page.title()
    page.goto(root + "/matrix.html")
    page.locator(".wk-matrix tbody a").first.click()
    page.wait_for_load_state()
    page.locator("h1").wait_for()  # the linked case page really opened
    assert page.url.endswith(".html") and "/casussen/" in page.url
    page.goto(root + "/index.html")
    field = page.locator("input.md-search__input")
    field.click()
    page.wait_for_timeout(1000)
    field.press_sequentially("psychiater", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    context.close()
