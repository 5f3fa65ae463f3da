"""A Python-Markdown extension: explain a glossary term once per page, not at every mention.

The ``abbr`` extension wraps every occurrence of a defined term in
``<abbr title="…">``; with tooltips of a few hundred characters that made up a
third of a case page. This tree processor runs after it and keeps only the
first ``<abbr>`` per term, in reading order; later mentions become plain text
again. It depends on Python-Markdown only, not on the site tool.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

__all__ = ["FirstAbbrExtension", "makeExtension"]


class _FirstAbbrOnly(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        seen: set[str] = set()
        for abbr in [element for element in root.iter("abbr")]:
            term = abbr.text or ""
            if term not in seen:
                seen.add(term)
                continue
            parent = parents[abbr]
            index = list(parent).index(abbr)
            text = term + (abbr.tail or "")
            if index == 0:
                parent.text = (parent.text or "") + text
            else:
                previous = parent[index - 1]
                previous.tail = (previous.tail or "") + text
            parent.remove(abbr)


class FirstAbbrExtension(Extension):
    """Keep only the first ``<abbr>`` of each term on a page."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.registerExtension(self)
        # After 'abbr' (priority 7), which itself runs after inline processing.
        md.treeprocessors.register(_FirstAbbrOnly(md), "eerste_abbr", 6)


def makeExtension(**kwargs: object) -> FirstAbbrExtension:  # noqa: N802
    """Entry point for ``markdown_extensions: [generator.markdown_abbr]``."""
    return FirstAbbrExtension(**kwargs)
