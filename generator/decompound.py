"""Find the parts of Dutch compound words, so that site search can find them.

Dutch writes compounds as one word: a page about the *wijkpsychiater* should
be found by "psychiater", the *Voedseltuin* by "tuin". A word is split where
both parts are words that occur on their own somewhere in the site (the first
optionally with a linking -s- or -e-): that keeps "wijk|psychiater" and
"school|gebouw" and leaves out nonsense such as "best|aansrecht". The build
adds each page's parts to the page in an element only the search index reads
(``build.add_search_words``); this module knows nothing of the site tool.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["MIN_PART", "MIN_WORD", "vocabulary", "compound_parts", "parts_per_page"]

MIN_PART = 4  # shortest head or tail that counts as a word of its own
MIN_WORD = 2 * MIN_PART
_WORD_RE = re.compile(r"[a-zà-ÿ]+")
_TAG_RE = re.compile(r"<[^>]+>")


def vocabulary(texts: Iterable[str]) -> set[str]:
    """All lowercase words of at least ``MIN_PART`` letters in ``texts``."""
    words: set[str] = set()
    for text in texts:
        words.update(w for w in _WORD_RE.findall(_TAG_RE.sub(" ", text).lower()) if len(w) >= MIN_PART)
    return words


def compound_parts(word: str, known: set[str]) -> list[str]:
    """Tails of ``word`` where head and tail are both known words, longest first.

    >>> compound_parts("wijkpsychiater", {"wijk", "psychiater"})
    ['psychiater']
    >>> compound_parts("bewonersinitiatief", {"bewoner", "initiatief"})
    ['initiatief']
    >>> compound_parts("tuin", {"tuin"})
    []
    """
    word = word.lower()
    if len(word) < MIN_WORD:
        return []
    tails = []
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        # A linking -s- or -e- belongs to the head: bewoner|s|initiatief.
        if tail in known and (head in known or (head[-1] in "se" and head[:-1] in known)):
            tails.append(tail)
    return tails


def parts_per_page(pages: dict[object, str]) -> dict[object, list[str]]:
    """For each page text, the compound parts it lacks, given the words of all pages."""
    own = {key: vocabulary([text]) for key, text in pages.items()}
    known: set[str] = set().union(*own.values()) if own else set()
    # Pages share most of their words: split each distinct word once.
    parts = {word: compound_parts(word, known) for word in known}
    return {key: sorted({part for word in words for part in parts[word]} - words) for key, words in own.items()}
