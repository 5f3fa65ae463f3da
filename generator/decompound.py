"""Make parts of Dutch compound words findable in the site search.

Dutch writes compounds as one word: a page about the *wijkpsychiater* should
be found by "psychiater", the *Voedseltuin* by "tuin". The search index is
built by the site tool; this module only works on its documents (title and
text), so it does not depend on MkDocs. A word is split where both parts are
words that occur on their own somewhere in the site (the first optionally with
a linking -s- or -e-): that keeps "wijk|psychiater" and "school|gebouw" and
leaves out nonsense such as "best|aansrecht". The parts are added to the end of the text, after the
real content, so result previews keep showing the page's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["MIN_PART", "MIN_WORD", "vocabulary", "compound_parts", "add_compound_parts"]

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


def add_compound_parts(docs: list[dict[str, str]]) -> list[dict[str, str]]:
    """Return copies of search documents with compound parts appended to their text.

    Each document is a mapping with at least ``text`` (and usually ``title``);
    other keys are kept as they are. The input is not changed.
    """
    known = vocabulary(d.get("title", "") + " " + d.get("text", "") for d in docs)
    result = []
    for doc in docs:
        own = vocabulary([doc.get("title", "") + " " + doc.get("text", "")])
        parts = sorted({part for word in own for part in compound_parts(word, known)} - own)
        copy = dict(doc)
        if parts:
            copy["text"] = doc.get("text", "") + "\n<p>" + " ".join(parts) + "</p>"
        result.append(copy)
    return result
