"""Editors' Markdown becomes safe HTML: the safe converter, the sanitiser, and check agreeing with both."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import PurePosixPath

import pytest

from generator.urls import Urls
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.models.common import INTERNAL_LINK_RE, find_text_problem, iter_markdown_links
from generator.render.opmaak import ALLOWED_TAGS, markdown_to_html, opmaak_html, sanitise
from test_hostile import INJECTIONS

# The attack found on main: attr_list applied "{{: … }" on page load.
BYPASS = "Een gewoon verhaal.\n{{: tabindex=1 autofocus onfocus=alert(document.domain) }"


def _href(kind: str, item_id: str) -> str:
    return f"../{kind}-url/{item_id}/"


PLURALS = {"casussen": "casus", "tips": "tip"}


class _Events(HTMLParser):
    """A page fragment as (kind, tag, attributes) and text events, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, *sorted(f"{k}={v}" for k, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self.events and self.events[-1][0] == "text":
            data = self.events.pop()[1] + data
        self.events.append(("text", data))


def events(html: str) -> list[tuple[str, ...]]:
    parser = _Events()
    parser.feed(html)
    parser.close()
    return parser.events


def test_the_attribute_list_bypass_stays_text() -> None:
    html = opmaak_html(BYPASS, _href, PLURALS)
    assert "onfocus=" not in html.replace("onfocus=alert", "")  # only as text, never as an attribute
    starts = [event for event in events(html) if event[0] == "start"]
    assert starts == [("start", "div", "class=wk-tekst"), ("start", "p")]
    assert "&#123;&#123;: tabindex=1 autofocus onfocus=alert(document.domain) &#125;" in html


def test_check_refuses_the_bypass_with_a_dutch_reason() -> None:
    problem = find_text_problem(BYPASS, markdown=True)
    assert problem is not None and problem.startswith("accolades met attributen")
    # Template-like prose is still fine.
    assert find_text_problem("Rekenen: {{ 7 + 7 }} en $7 + 7.", markdown=True) is None


@pytest.mark.parametrize("text", [
    "# Kop", "Tekst\n\n## Kop", "#hashtag aan het begin", "Kop\n===", "Kop\n---", "Tekst\n\n***", "- - -",
    "- punt\n\n    # kop in een lijst", "- #", "> # Kop", "1. ## Kop", "- ***",
])
def test_check_refuses_headings_and_rules(text: str) -> None:
    problem = find_text_problem(text, markdown=True)
    assert problem is not None and problem.startswith("koppen en scheidingslijnen"), problem


@pytest.mark.parametrize("text", [
    "Een zin met #hashtag in het midden.", "- punt een\n- punt twee", "**vet** aan het begin", "1. een\n2. twee",
    "Min - en streepje -- in een zin.",
])
def test_ordinary_markdown_is_not_taken_for_a_heading(text: str) -> None:
    assert find_text_problem(text, markdown=True) is None


@pytest.mark.parametrize("html, kept", [
    ("<p onclick=\"x\" style=\"color:red\" class=\"k\" id=\"i\" data-x=\"1\">a</p>", "<p>a</p>"),
    ("<script>alert(1)</script><p>b</p>", "<p>b</p>"),
    ("<p><a href=\"javascript:alert(1)\">c</a></p>", "<p><a>c</a></p>"),
    ("<p><a href=\"data:text/html,x\">c</a></p>", "<p><a>c</a></p>"),
    ("<p><a href=\"https://example.org/\" title=\"t\" target=\"_blank\">d</a></p>",
     "<p><a href=\"https://example.org/\" title=\"t\">d</a></p>"),
    ("<p><img src=x onerror=alert(1)>e</p>", "<p>e</p>"),
    ("<svg onload=alert(1)><p>f</p></svg>", "<p>f</p>"),
    ("<h1 id=\"x\">g</h1>", "g"),
])
def test_the_sanitiser_keeps_only_the_allowlist(html: str, kept: str) -> None:
    assert sanitise(html) == kept


def test_internal_links_point_at_the_final_page() -> None:
    html = opmaak_html("Zie [De Ketel](../casussen/de-ketel.md#aanpak) en [x](https://example.org).", _href, PLURALS)
    assert 'href="../casus-url/de-ketel/#aanpak"' in html
    assert 'href="https://example.org"' in html


def test_one_paragraph_in_a_list_item_is_inline() -> None:
    assert opmaak_html("Kort *advies*.", _href, PLURALS, tight=True) == \
        '<span class="wk-tekst">Kort <em>advies</em>.</span>'
    assert opmaak_html("Een.\n\nTwee.", _href, PLURALS, tight=True).startswith('<div class="wk-tekst"><p>')


def _accepted(text: str) -> bool:
    """What check accepts in a Markdown field (internal links: their form; that the item exists is another check)."""
    if find_text_problem(text, markdown=True) is not None:
        return False
    external = ("https:", "http:", "mailto:")
    return all(target.lower().startswith(external) or INTERNAL_LINK_RE.match(target)
               for target in iter_markdown_links(text))


def _sanitiser_changes_nothing(text: str) -> None:
    html = markdown_to_html(text)
    assert events(sanitise(html)) == events(html), text
    assert {event[1] for event in events(html) if event[0] == "start"} <= ALLOWED_TAGS, text


@pytest.mark.parametrize("case", [c for c in INJECTIONS if "tekst" in c.velden], ids=lambda case: case.name)
def test_text_check_accepts_is_never_changed_by_the_sanitiser(case) -> None:  # type: ignore[no-untyped-def]
    text = case.velden["tekst"]
    if _accepted(text):
        _sanitiser_changes_nothing(text)


# Markdown's own characters, line starts and the characters attacks use.
_PIECES = st.sampled_from([
    "a", "wijk", " ", "\n", "\n\n", "    ", "#", "=", "-", "*", "_", "`", "[", "]", "(", ")", "{", "}", ":",
    "!", "<", ">", "&", '"', "'", "=", "1.", "- ", "> ", "https://example.org", "../casussen/x.md",
    "javascript:", "mailto:a@b.nl", "onclick", "&#106;", "\\", "|", "~", "^",
])


@settings(max_examples=int(os.environ.get("WIJKKOMPAS_OPMAAK_VOORBEELDEN", "400")), deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_whatever_check_accepts_the_sanitiser_leaves_alone(text: str) -> None:
    if _accepted(text) and text.strip():
        _sanitiser_changes_nothing(text)


def test_glossary_marks_a_term_once_in_an_editor_text_and_never_inside_a_tag() -> None:
    from generator.render.glossary import Glossary

    glossary = Glossary.__new__(Glossary)
    glossary.urls = Urls()
    glossary.terms = {"buurtkracht": ("Kracht van de buurt.", PurePosixPath("begrippen/buurtkracht.md"))}
    from generator.render.glossary import _trie_pattern

    glossary.pattern = _trie_pattern(glossary.terms)
    block = opmaak_html("Zie [buurtkracht](https://example.org/buurtkracht) en buurtkracht, buurtkracht.",
                        _href, PLURALS)
    page = f"---\ndescription: x\n---\n# Titel\n\n{block}\n\nMeer buurtkracht.\n"
    marked = glossary.annotate(PurePosixPath("casussen/x.md"), page)
    # Not inside the editor's link (a link cannot hold another): at the next mention.
    assert marked.count('class="wk-begrip"') == 1
    assert '<a href="https://example.org/buurtkracht">buurtkracht</a> en <span class="wk-begrip">' in marked
    assert ('<a href="../../begrippen/buurtkracht/" aria-describedby="wkb-buurtkracht">'
            'buurtkracht</a><span role="tooltip" id="wkb-buurtkracht">'
            'Kracht van de buurt.</span>') in marked
    assert "*[buurtkracht]" not in marked  # explained once: in the editor text, not again below


def test_glossary_explains_a_begrip_once_per_page_whatever_its_form() -> None:
    from generator.render.glossary import Glossary, _trie_pattern

    glossary = Glossary.__new__(Glossary)
    glossary.urls = Urls()
    wijk = ("Een buurt.", PurePosixPath("begrippen/wijk.md"))
    glossary.terms = {"wijk": wijk, "buurt": wijk}  # a term and its synonym
    glossary.pattern = _trie_pattern(glossary.terms)
    block = opmaak_html("Over de buurt.", _href, PLURALS)
    page = f"---\ndescription: x\n---\n# T\n\nDe Wijk, de wijk.\n\n{block}\n"
    marked = glossary.annotate(PurePosixPath("casussen/x.md"), page)
    assert marked.count("\n*[") == 1 and "*[Wijk]: Een buurt." in marked  # the first form only
    assert 'class="wk-begrip"' not in marked  # not again in the editor's text
