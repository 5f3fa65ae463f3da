"""A Python-Markdown extension: explain a glossary term once per page, as a link with an explanation.

The ``abbr`` extension wraps every occurrence of a defined term in
``<abbr title="…">``. This tree processor runs after it and keeps only the
first one per term, in reading order, that is not inside a link or a heading
(a link cannot hold another link; a heading is the page's outline). That one
becomes the glossary widget (``widget_html``): the term as a link to its begrip
page, with its explanation in a tooltip that keyboard and screen readers reach
too. Later mentions become plain text again.

The glossary (``render/glossary.py``) writes each definition line as
``*[term]: explanation`` + ``MARK`` + the URL of the begrip page, so this
module needs nothing from the site tool. A title without ``MARK`` (a plain
abbreviation) stays an ``<abbr>``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

__all__ = ["MARK", "FirstAbbrExtension", "makeExtension", "widget_html", "widget_id"]

MARK = "\u2063"  # INVISIBLE SEPARATOR: between a term's explanation and its page's URL
_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "abbr"}


def widget_id(surface: str) -> str:
    """The id of a term's explanation on a page; a page explains each surface form once.

    >>> widget_id("Buurt-initiatief")
    'wkb-buurt-initiatief'
    """
    return "wkb-" + (re.sub(r"[^a-z0-9]+", "-", surface.casefold()).strip("-") or "term")


def widget_html(surface: str, uitleg: str, href: str) -> str:
    """The glossary widget: the one place its markup is written (editor texts use it as is).

    The term is a link to the full definition; the explanation is tied to it
    with ``aria-describedby``, shown on hover and focus by the stylesheet, and
    closed with Escape by ``begrip-uitleg.js`` (WCAG 1.4.13).
    """
    ident = widget_id(surface)
    # Lean markup (no class on the link or the explanation; the stylesheet finds them
    # inside .wk-begrip): a case page has a few dozen of these.
    return (f'<span class="wk-begrip"><a href="{html.escape(href)}" '
            f'aria-describedby="{ident}">{html.escape(surface, quote=False)}</a>'
            f'<span role="tooltip" id="{ident}">{html.escape(uitleg, quote=False)}</span></span>')


class _FirstAbbrOnly(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}

        def inside_skipped(element: etree.Element) -> bool:
            node = parents.get(element)
            while node is not None:
                if node.tag in _SKIP:
                    return True
                node = parents.get(node)
            return False

        seen: set[str] = set()
        for abbr in [element for element in root.iter("abbr")]:
            term = abbr.text or ""
            title = abbr.get("title", "")
            if term not in seen and not inside_skipped(abbr):
                seen.add(term)
                if MARK in title:
                    uitleg, _, href = title.partition(MARK)
                    placeholder = self.md.htmlStash.store(widget_html(term, uitleg, href))
                    self._replace(parents, abbr, placeholder)
                continue
            self._replace(parents, abbr, term)

    @staticmethod
    def _replace(parents: dict[etree.Element, etree.Element], abbr: etree.Element, text: str) -> None:
        parent = parents[abbr]
        index = list(parent).index(abbr)
        text = text + (abbr.tail or "")
        if index == 0:
            parent.text = (parent.text or "") + text
        else:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + text
        parent.remove(abbr)


class FirstAbbrExtension(Extension):
    """Keep only the first ``<abbr>`` of each term on a page, as a glossary widget."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.registerExtension(self)
        # After 'abbr' (priority 7), which itself runs after inline processing.
        md.treeprocessors.register(_FirstAbbrOnly(md), "eerste_abbr", 6)


def makeExtension(**kwargs: object) -> FirstAbbrExtension:  # noqa: N802
    """Entry point for ``markdown_extensions: [generator.markdown_abbr]``."""
    return FirstAbbrExtension(**kwargs)
