"""The Content-Security-Policy: on every page, and nothing the site itself does violates it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.csp import add_policy, content_has_inline_code, policy

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Records every violation, from the first script of the page on.
_RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ""} (${e.sourceFile}:${e.lineNumber})`);
});
"""


def test_inline_scripts_and_styles_are_allowed_by_hash_only() -> None:
    page = "<html><head><script>go()</script><style>p{}</style><script type=\"application/json\">{}</script>" \
           "<script src=\"a.js\"></script></head><body></body></html>"
    found = policy(page)
    script_src = next(d for d in found.split("; ") if d.startswith("script-src"))
    assert script_src.count("'sha256-") == 1  # the JSON data block is not code, a src script needs no hash
    # Nothing that would let an event-handler attribute or a string of code run.
    assert "unsafe-inline" not in found and "unsafe-eval" not in found and "unsafe-hashes" not in found
    assert "style-src 'self' 'sha256-" in found
    assert "object-src 'none'" in found and "base-uri 'self'" in found
    assert add_policy(page).startswith('<html><head><meta http-equiv="Content-Security-Policy"')


@pytest.mark.parametrize("content, found", [
    ("<p>tekst</p>", False),
    ('<script src="../data/vragenlijst.js"></script>', False),
    ('<script type="application/json" id="wk-facetten">{}</script>', False),
    ("<script>alert(1)</script>", True),
    ("<p>Typ nooit onclick=alert(1) in tekst</p>", False),
    ('<a href="https://example.org" title="x&quot; onmouseover=&quot;alert(1)">a</a>', False),
])
def test_content_with_inline_code_is_recognised(content: str, found: bool) -> None:
    assert content_has_inline_code(content) is found


@pytest.mark.slow
def test_every_page_has_one_policy_first_in_its_head(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 400
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policies = _META.findall(html)
        assert len(policies) == 1, page
        head = html.index("<head>") + len("<head>")
        assert html[head:].startswith("<meta http-equiv=\"Content-Security-Policy\""), page
        assert "unsafe-inline" not in policies[0], page


_KINDS_OF_PAGE = [
    "/", "/casussen/zorgvrijstaat/", "/casussen/", "/matrix/", "/kenniskaart/", "/bouwstenen/middelen/",
    "/stappen/", "/tips/", "/tips/begroot-ook-het-proces-zelf/", "/begrippen/", "/begrippen/wijkaanpak/",
    "/kaders/", "/themas/", "/bronnen/", "/hulp-bij-kiezen/", "/hulp-bij-kiezen/#thema=armoede&scherm=resultaat",
    "/bestaat-niet/",
]


@pytest.mark.browser
@pytest.mark.slow
def test_no_page_violates_its_policy(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    context.add_init_script(_RECORD)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None)
    seen: dict[str, list[str]] = {}
    for path in _KINDS_OF_PAGE:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        if path == "/":
            # The search loads its stemmer and index parts as scripts: the policy must allow them.
            field = page.locator("input.md-search__input")
            field.click()
            field.press_sequentially("moestuin", delay=20)
            page.locator(".md-search-result__item").first.wait_for()
        seen[path] = page.evaluate("window.__csp")
    context.close()
    assert all(not found for found in seen.values()) and not errors, (seen, errors)


@pytest.mark.browser
@pytest.mark.slow
def test_the_offline_copy_keeps_to_its_policy(browser, offline_site: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    context.add_init_script(_RECORD)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    root = offline_site.as_uri()
    seen: dict[str, list[str]] = {}
    for path in ("/index.html", "/casussen/zorgvrijstaat.html", "/kenniskaart.html", "/hulp-bij-kiezen.html"):
        page.goto(root + path)
        page.wait_for_load_state("load")
        if path == "/index.html":
            # From disk the search loads its index parts as scripts too, under the same policy.
            field = page.locator("input.md-search__input")
            field.click()
            page.wait_for_timeout(1000)
            field.press_sequentially("psychiater", delay=20)
            page.locator(".md-search-result__item").first.wait_for()
        seen[path] = page.evaluate("window.__csp")
    context.close()
    assert all(not found for found in seen.values()) and not errors, (seen, errors)
