"""Dutch text analysis for search: the same steps at index time (here) and query time (zoeken.js).

Text is folded (lower case, accents off: coöperatie = cooperatie), cut into
words of letters and digits, stop words are dropped, and each word is reduced
to its stem with Snowball's Dutch stemmer: Porter's algorithm, ``dutch_porter``
in ``snowballstemmer`` (the newer ``dutch`` also strips ge-, which made
"gebouw" the same word as "bouw"). The browser runs the JavaScript that the
same Snowball release generates from the same algorithm, vendored in
``templates/assets/javascripts/vendor/snowball``; ``tests/test_zoeken.py`` runs
both over every word of the content and requires the same terms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import snowballstemmer

__all__ = ["STOPWOORDEN", "fold", "words", "stem", "terms"]

STOPWOORDEN: frozenset[str] = frozenset(
    line.strip() for line in (Path(__file__).with_name("stopwoorden.txt")).read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
_WORD_RE = re.compile(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("dutch_porter")


def fold(text: str) -> str:
    """Lower case without accents: 'Coöperatie' -> 'cooperatie' (zoeken.js: ``fold``)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The folded words of ``text``: runs of letters and digits ('co-creatie' -> 'co', 'creatie')."""
    return _WORD_RE.findall(fold(text))


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The Snowball Dutch stem of a folded word: 'stuurgroepen' -> 'stuurgroep'."""
    return str(_STEMMER.stemWord(word))


def terms(text: str) -> list[str]:
    """Index terms of ``text``, in order: stems of its words that are not stop words.

    >>> terms("De stuurgroepen van de coöperatie")
    ['stuurgroep', 'cooperatie']
    """
    return [stem(word) for word in words(text) if word not in STOPWOORDEN]
