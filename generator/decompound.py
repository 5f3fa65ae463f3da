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
from collections.abc import Collection, Iterable, Mapping
from typing import TypeVar

Key = TypeVar("Key")

__all__ = ["MIN_PART", "MIN_WORD", "vocabulary", "compound_parts", "missing_parts"]

MIN_PART = 4  # shortest head or tail that counts as a word of its own
MIN_WORD = 2 * MIN_PART
# Only words of MIN_PART letters or more: a maximal run of letters matches whole.
_WORD_RE = re.compile(r"[a-zà-ÿ]{%d,}" % MIN_PART)
_TAG_RE = re.compile(r"<[^>]+>")


def vocabulary(texts: Iterable[str]) -> set[str]:
    """All lowercase words of at least ``MIN_PART`` letters in ``texts``."""
    words: set[str] = set()
    for text in texts:
        words.update(_WORD_RE.findall((_TAG_RE.sub(" ", text) if "<" in text else text).lower()))
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


def missing_parts(words_per_page: Mapping[Key, Collection[str]]) -> dict[Key, list[str]]:
    """For each page (given its words, see ``vocabulary``), the compound parts it lacks.

    >>> missing_parts({"a": frozenset({"wijkpsychiater"}), "b": frozenset({"wijk", "psychiater"})})
    {'a': ['psychiater'], 'b': []}
    """
    known: set[str] = set().union(*words_per_page.values()) if words_per_page else set()
    parts: dict[str, list[str]] = {}  # pages share most words: split each once
    result = {}
    for key, own in words_per_page.items():
        found: set[str] = set()
        for word in own:
            if word not in parts:
                parts[word] = compound_parts(word, known)
            found.update(parts[word])
        result[key] = sorted(found.difference(own))
    return result
