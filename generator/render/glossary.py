"""Glossary explanations: mark glossary terms where they occur in other pages.

The Markdown ``abbr`` extension turns a definition line ``*[term]: uitleg``
into ``<abbr title="uitleg">`` around every occurrence of ``term``;
``generator/markdown_abbr.py`` turns the first one into the glossary widget (a
link to the begrip page with its explanation as a tooltip). The line carries
the page's URL after ``MARK``. Only terms that occur in a page get a line
there, and a term's own page is left alone.

Editors' texts reach the page as sanitised raw HTML (``render/opmaak.py``),
which the Markdown pass does not read; a term whose first mention is in such
a text (outside a link) gets its widget here, and no definition line, so a
page still explains each term once.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Iterable

from ..content import Content
from ..markdown_abbr import MARK, widget_html
from ..questionnaire.wording import first_sentence
from .opmaak import EDITOR_BLOCK
from ..urls import Urls, page_path

__all__ = ["tooltip_text", "Glossary", "MAX_TOOLTIP"]

MAX_TOOLTIP = 300  # characters; a tooltip is the first sentence, the begrip page has the rest
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_WORD = re.compile(r"[\w-]+")
_WORD_CHAR = re.compile(r"[\w-]")


def tooltip_text(definition: str) -> str:
    """A definition's first sentence as one plain line: links become their text, marks go.

    >>> tooltip_text("Zie [de site](https://x.nl) en *nadruk*. Meer op de pagina.")
    'Zie de site en nadruk.'
    """
    text = first_sentence(_MD_LINK.sub(r"\1", definition))
    text = re.sub(r"[*_`#>]", "", text)
    text = " ".join(text.split())
    if len(text) > MAX_TOOLTIP:
        text = text[: MAX_TOOLTIP - 1].rsplit(" ", 1)[0] + "…"
    return text


class Glossary:
    """The glossary terms of the content, ready to mark on any page."""

    def __init__(self, content: Content, *, urls: Urls = Urls()) -> None:
        self.urls = urls
        self.terms: dict[str, tuple[str, PurePosixPath]] = {}
        for item in content.begrippen():
            begrip = item.model
            for name in [begrip.term, *begrip.synoniemen]:
                # A term that would break the definition syntax, or a very short one
                # that matches inside ordinary words, gets no tooltip. Terms are found
                # from their first letter on, so one must begin with a word character.
                if len(name) >= 4 and not re.search(r"[\]\[\n*]", name) and _WORD.match(name):
                    self.terms.setdefault(
                        name.casefold(), (tooltip_text(begrip.definitie), page_path("begrip", item.id))
                    )
        self.pattern = _trie_pattern(self.terms) if self.terms else None
        # What the annotations depend on; the live preview redoes them when it changes.
        self.stamp = repr((urls.directory, sorted(self.terms.items())))

    def annotate(self, path: PurePosixPath, text: str) -> str:
        """The page with abbreviation lines for the terms it contains (not on glossary pages)."""
        if self.pattern is None or path.parts[0] == "begrippen":
            return text
        href = self.urls.html_linker(path)
        front = _FRONT_MATTER.match(text)
        offset = front.end() if front else 0
        blocks = [(match.start(), match.end()) for match in EDITOR_BLOCK.finditer(text, offset)]
        found: dict[str, str] = {}  # surface -> definition, for the Markdown lines
        marked: dict[str, tuple[int, int, str]] = {}  # surface -> (start, end, definition) in an editor text
        # One explanation per begrip per page, whatever the form ("Wijkpsychiater" or
        # "wijkpsychiater", or a synonym): the first form met in the page gets it.
        explained: set[PurePosixPath] = set()
        for start, end in _find_terms(text[offset:], self.pattern):
            start, end = start + offset, end + offset
            surface = text[start:end]
            definition, own_page = self.terms[surface.casefold()]
            if own_page == path or own_page in explained:
                continue
            block = next((b for b in blocks if b[0] <= start < b[1]), None)
            if block is None:
                found[surface] = definition
                explained.add(own_page)
            elif (text.rfind("<", block[0], start) <= text.rfind(">", block[0], start)
                  and text.rfind("<a ", block[0], start) <= text.rfind("</a>", block[0], start)):
                marked[surface] = (start, end, definition)  # in the text, not inside a tag or a link
                explained.add(own_page)
        for start, end, definition in sorted(marked.values(), reverse=True):
            target = href("begrip", self.terms[text[start:end].casefold()][1].stem)
            text = f"{text[:start]}{widget_html(text[start:end], definition, target)}{text[end:]}"
        if not found:
            return text
        lines = "\n".join(f"*[{surface}]: {definition}{MARK}{href('begrip', self.terms[surface.casefold()][1].stem)}"
                           for surface, definition in sorted(found.items()))
        return text.rstrip("\n") + "\n\n" + lines + "\n"


def _find_terms(body: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Where terms are in ``body``, leftmost-longest and without overlap (``pattern`` from ``_trie_pattern``)."""
    lowered = body.lower()
    if len(lowered) != len(body):
        # Lower-casing moved positions (a letter such as 'İ'): match the original instead.
        lowered, pattern = body, re.compile(pattern.pattern, re.IGNORECASE)
    return [match.span() for match in pattern.finditer(lowered)]


def _trie_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One regex for the whole-word terms ``words``, shaped as a trie.

    At each position the regex walks the trie once instead of trying hundreds
    of alternatives, and it prefers going on over stopping, so it finds the
    longest term there, as an alternation sorted longest-first would.

    >>> _trie_pattern(["wijk", "wijk aanpak", "buurt"]).findall("de wijk aanpak in de buurt, wijken")
    ['wijk aanpak', 'buurt']
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return re.compile(r"(?<![\w-])" + pattern(trie) + r"(?![\w-])")
