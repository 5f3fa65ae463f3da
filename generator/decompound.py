"""Find the parts of Dutch compound words, so that site search can find them.

Dutch writes compounds as one word: a page about the *wijkpsychiater* should
be found by "psychiater", the *Voedseltuin* by "tuin", the *buurthuiskamer* by
"buurthuis". A word is split where both parts are words that occur on their own
somewhere in the site (the head optionally with a linking -s- or -e-): that
keeps "wijk|psychiater" and "school|gebouw" and leaves out nonsense such as
"best|aansrecht". The search index (``search/index.py``) adds the parts to a
page at a lower weight; this module knows nothing of the site.
"""

from __future__ import annotations

__all__ = ["MIN_PART", "MIN_WORD", "compound_parts"]

MIN_PART = 4  # shortest head or tail that counts as a word of its own
MIN_WORD = 2 * MIN_PART


def compound_parts(word: str, known: set[str]) -> list[str]:
    """Heads and tails of ``word`` that are known words, where the other part is known too.

    >>> compound_parts("wijkpsychiater", {"wijk", "psychiater"})
    ['wijk', 'psychiater']
    >>> compound_parts("bewonersinitiatief", {"bewoner", "initiatief"})
    ['bewoner', 'initiatief']
    >>> compound_parts("buurthuiskamer", {"buurt", "buurthuis", "huiskamer", "kamer"})
    ['buurt', 'huiskamer', 'buurthuis', 'kamer']
    >>> compound_parts("tuin", {"tuin"})
    []
    """
    word = word.lower()
    if len(word) < MIN_WORD:
        return []
    found = []
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if tail not in known:
            continue
        # A linking -s- or -e- belongs to the head: bewoner|s|initiatief.
        for candidate in (head, head[:-1] if head[-1] in "se" else ""):
            if len(candidate) >= MIN_PART and candidate in known:
                found += [candidate, tail]
                break
    return list(dict.fromkeys(found))
