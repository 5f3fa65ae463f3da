"""Finding your way on a phone (issue 17): real Chromium at 390×844 on the built site."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, site_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


def test_a_case_page_says_where_it_is(phone, site_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(site_url + "/casussen/zorgvrijstaat/")
    crumbs = phone.locator("nav[aria-label=Kruimelpad] li")
    assert crumbs.all_inner_texts() == ["Home", "Casussen", "Zorgvrijstaat"]
    assert crumbs.nth(2).locator("[aria-current=page]").count() == 1
    assert crumbs.nth(1).locator("a").get_attribute("href") == "../"  # to the casusverkenner
    box = phone.locator("nav[aria-label=Kruimelpad]").bounding_box()
    assert box is not None and box["y"] < PHONE["height"] / 4  # at the top, not under the fold
    # The section is the active one, in the tabs (wide screens) and in the menu (phone).
    assert phone.locator(".md-tabs__item--active").inner_text().strip() == "Casussen"
    assert "Casussen" in phone.locator(".md-nav__item--active").first.inner_text()


def test_a_bouwsteen_page_shows_its_series_and_groups_its_tips(phone, site_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(site_url + "/bouwstenen/vertrouwen/")
    assert phone.locator("nav[aria-label=Kruimelpad] li").all_inner_texts() == ["Home", "Bouwstenen", "Vertrouwen"]
    series = phone.locator("nav.wk-reeks li")
    assert series.count() == 7
    assert phone.locator("nav.wk-reeks [aria-current=page]").inner_text() == "Vertrouwen"
    groups = phone.locator("h3", has_text=re.compile(r"^Bij stap \d"))
    assert groups.count() >= 3
    # Every tip under a group says in one line what it is about.
    first = phone.locator("#tips-en-valkuilen ~ ul li").first
    assert re.match(r"^.+: \S.+", first.inner_text()), first.inner_text()


# Words that the layout split over two lines: a word whose text has more than one line box.
_SPLIT_WORDS = """(selector) => {
  const split = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('.wk-sr, .wk-begrip > [role=tooltip], script, style') || !parent.checkVisibility()) continue;
      const re = /\\S+/g;
      let m;
      while ((m = re.exec(node.data))) {
        // A hyphenated compound may wrap after its hyphen; inside a part it may not.
        let start = m.index;
        for (const part of m[0].split(/(?<=-)/)) {
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + part.length);
          const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
          if (lines.size > 1) split.push(part);
          start += part.length;
        }
      }
    }
  }
  return split;
}"""


def test_the_matrix_on_a_phone_splits_no_word_and_every_cell_fits(phone, site_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(site_url + "/matrix/")
    assert phone.evaluate(_SPLIT_WORDS, ".wk-matrix") == []
    overflowing = phone.evaluate("""() => Array.from(document.querySelectorAll('.wk-matrix th, .wk-matrix td'))
        .filter(cell => cell.scrollWidth > cell.clientWidth + 1).map(cell => cell.textContent.trim())""")
    assert overflowing == []
    # All seven columns fit beside the case names: nothing to scroll sideways.
    wrap = phone.locator(".wk-matrix-wrap")
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth + 1")


@pytest.mark.parametrize("path", ["/", "/casussen/zorgvrijstaat/", "/bouwstenen/vertrouwen/", "/begrippen/",
                                  "/casussen/", "/tips/"])
def test_no_page_splits_a_word_on_a_phone(phone, site_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(site_url + path)
    assert phone.evaluate(_SPLIT_WORDS, "article") == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_glossary_explanation_opens_and_closes_by_keyboard(phone, site_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(site_url + "/casussen/zorgvrijstaat/")
    for _ in range(80):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.matches('.wk-begrip > a')"):
            break
    else:
        pytest.fail("geen begrip bereikt met Tab")
    term = phone.locator(".wk-begrip > a:focus")
    explanation = phone.locator("#" + (term.get_attribute("aria-describedby") or ""))
    assert explanation.is_visible()
    assert explanation.get_attribute("role") == "tooltip"
    assert len(explanation.inner_text()) > 20 and not explanation.inner_text().endswith("…")
    size = explanation.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    body = phone.locator("article p").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= body  # readable: at body size
    box = explanation.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert (term.get_attribute("href") or "").startswith("../../begrippen/")  # the full definition
    phone.keyboard.press("Escape")
    assert explanation.is_hidden()
    assert phone.evaluate("document.activeElement.matches('.wk-begrip > a')")  # focus stays


def test_the_begrippen_page_explains_each_term_and_has_a_letter_bar(phone, site_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(site_url + "/begrippen/")
    letters = phone.locator("nav.wk-az a")
    assert letters.count() >= 15 and letters.first.is_visible()
    items = phone.locator("article ul li")
    assert items.count() > 100
    assert re.match(r"^.+: \S.{10,}", items.first.inner_text())
    target = letters.nth(3)
    target.click()
    anchor = (target.get_attribute("href") or "").lstrip("#")
    heading = phone.locator(f"[id='{anchor}']")
    assert heading.inner_text().strip().rstrip("#") == target.inner_text().strip()  # "#": the permalink
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"] / 2


def test_the_explorer_shows_cases_on_the_first_screen(phone, site_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(site_url + "/casussen/")
    phone.locator(".wk-filterpaneel .wk-facet-groep").first.wait_for(state="attached")  # filter.js has run
    card = phone.locator("[data-wk-item] h2").first.bounding_box()
    assert card is not None and card["y"] + card["height"] <= PHONE["height"]
    assert not phone.locator("details.wk-filterpaneel").evaluate("el => el.open")  # folded on a phone


def test_back_after_a_filter_change_restores_the_previous_filter(phone, site_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(site_url + "/casussen/")
    phone.locator("details.wk-filterpaneel > summary").click()
    phone.locator("summary", has_text="Thema").click()
    armoede = phone.get_by_label(re.compile(r"^Armoede \(\d+\)$"))
    economie = phone.get_by_label(re.compile(r"^Lokale economie \(\d+\)$"))
    armoede.check()
    counted = phone.locator("#wk-aantal").inner_text()
    economie.check()
    assert "thema=armoede,lokale-economie" in phone.url
    phone.go_back()
    phone.wait_for_function("() => !location.hash.includes('lokale-economie')")
    assert armoede.is_checked() and not economie.is_checked()
    assert phone.locator("#wk-aantal").inner_text() == counted
    phone.go_back()
    phone.wait_for_function("() => !location.hash.includes('armoede')")
    assert not armoede.is_checked()


def test_an_empty_explorer_offers_ways_to_widen(phone, site_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(site_url + "/casussen/#thema=armoede&q=zonnepanelen")
    phone.locator('#wk-aantal[data-wk-voor="zonnepanelen"]').wait_for()
    assert phone.locator("#wk-aantal").inner_text().startswith("0 van")
    buttons = phone.locator(".wk-geen button")
    assert buttons.all_inner_texts() == ["Zonder zoektekst ‘zonnepanelen’", "Zonder thema: Armoede", "Wis alle filters"]
    buttons.nth(1).click()
    phone.wait_for_function("() => !location.hash.includes('armoede')")
    assert not phone.locator("#wk-aantal").inner_text().startswith("0 van")
    assert phone.locator(".wk-geen").is_hidden()
