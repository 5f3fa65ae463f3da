"""Editor Markdown (``Opmaak`` fields) to safe HTML, before it reaches a page.

Editors' text never goes through the site tool's Markdown: that one has
attribute lists, raw HTML and more, and a single missed pattern there put an
event handler on a page. Here the text is converted with a Markdown
configuration that has none of those (no extensions, no raw HTML, no images),
and the result passes an allowlist sanitiser (nh3, the binding of ammonia):
only the tags below, only ``href``/``title`` on links, only http(s), mailto
and relative link targets. ``check`` refuses in advance, with a located Dutch
message, what the sanitiser would remove (``models.common.find_text_problem``),
and a test proves that the sanitiser changes nothing in text ``check`` accepts.

The HTML goes into the page as one raw block (``<div class="wk-tekst">``, or a
``<span>`` for one paragraph in a list item),
which Python-Markdown passes through untouched, so nothing in it is read as
Markdown a second time.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import markdown
import nh3

from ..models.common import INTERNAL_LINK_RE

__all__ = ["ALLOWED_TAGS", "ALLOWED_ATTRIBUTES", "ALLOWED_SCHEMES", "BLOCK_CLASS", "EDITOR_BLOCK",
           "markdown_to_html", "sanitise", "opmaak_html", "editor_links"]

ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# The wrapper of every rendered text; the glossary looks for it (render/glossary.py).
BLOCK_CLASS = "wk-tekst"

_HREF = re.compile(r'href="([^"]*)"')
# A rendered editor text in a page: sanitised HTML holds no div or span, so the first
# closing tag of the same name ends it.
EDITOR_BLOCK = re.compile(rf'<(div|span) class="{BLOCK_CLASS}">.*?</\1>', re.DOTALL)


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    # No raw HTML, no entities, no images, no autolinks: text stays text.
    md.preprocessors.deregister("html_block")
    for name in ("html", "entity", "image_link", "image_reference", "short_image_ref",
                 "autolink", "automail"):
        md.inlinePatterns.deregister(name)
    return md


_MARKDOWN = _converter()


def markdown_to_html(text: str) -> str:
    """The editor's Markdown as HTML, before sanitising.

    >>> markdown_to_html("Tekst {{: onfocus=alert(1) }")
    '<p>Tekst {{: onfocus=alert(1) }</p>'
    """
    return _MARKDOWN.reset().convert(text)


def sanitise(html: str) -> str:
    """Keep only the allowed tags, attributes and link schemes.

    >>> sanitise('<p onclick="x">a <a href="javascript:alert(1)" style="x">b</a><img src=x></p>')
    '<p>a <a>b</a></p>'
    """
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def opmaak_html(text: str, href: Callable[[str, str], str], plurals: dict[str, str], *,
                tight: bool = False) -> str:
    """An editor's text as one safe HTML block for a page.

    ``href(kind, id)`` gives the final URL of an item from the current page
    (raw HTML is not rewritten by the site tool); ``plurals`` maps a folder
    name ("casussen") to its kind ("casus"). ``tight`` drops the paragraph
    around a one-paragraph text, as in a list item.
    """
    html = sanitise(markdown_to_html(text))

    def internal(match: re.Match[str]) -> str:
        link = INTERNAL_LINK_RE.match(match.group(1))
        kind = plurals.get(link.group("folder")) if link else None
        if link is None or kind is None:  # external, or refused by check: keep the sanitised target
            return match.group(0)
        return f'href="{href(kind, link.group("id"))}{link.group("anchor") or ""}"'

    html = _HREF.sub(internal, html)
    # Should a template ever put this inside text that the site's Markdown reads, braces
    # as character references can still not become an attribute list.
    html = html.replace("{", "&#123;").replace("}", "&#125;")
    if tight and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        # One paragraph in a list item or beside a label: inline, as a tight Markdown list.
        return f'<span class="{BLOCK_CLASS}">{html[3:-4]}</span>'
    return f'<div class="{BLOCK_CLASS}">{html}</div>'


def editor_links(html: str) -> list[str]:
    """The link targets inside editors' texts in a rendered page.

    The site tool checks the links it makes itself; these it never sees, so the
    publishing layer checks their anchors (``publish/mkdocs_hook.py``).

    >>> editor_links('<p><a href="x/">a</a></p><div class="wk-tekst"><p><a href="../y/#kop">b</a></p></div>')
    ['../y/#kop']
    """
    return [target for block in EDITOR_BLOCK.finditer(html) for target in _HREF.findall(block.group(0))]
