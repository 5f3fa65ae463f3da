"""The search index as small files the browser loads only for the words it looks up.

``search_files`` turns documents into:

- ``zoekindex/index.js``: the manifest (stop words, synonyms, which term files
  exist, how documents are grouped); loaded when a visitor starts a search;
- ``zoekindex/t/<xy>.js``: every term that starts with ``xy``, with its weight
  (idf) and the documents it occurs in, strongest first (at most
  ``MAX_POSTINGS``: a result list shows the first few); a file that would grow
  past ``FILE_BUDGET`` is split by one more character (``t/wij.js``), see
  ``shard_key``;
- ``zoekindex/d/<n>.js``: the title, URL, kind and one line of ``PER_CHUNK``
  documents, loaded only for the results shown.

Every file is a script calling ``WijkkompasZoek.deel(name, data)``, not JSON, so
the offline copy can load it from disk, where browsers refuse ``fetch``.

Scores are BM25F (Robertson et al.): a term's frequency is weighted per field
(``WEIGHTS``) and normalised for the field's length (``LENGTH_NORM``) before the
saturation ``tf / (K1 + tf)``. They are computed here, once, as integers, so the
browser only adds and multiplies.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import PurePosixPath

from ..decompound import MIN_PART, compound_parts
from .analyse import STOPWOORDEN, fold, stem, terms, words
from .documents import FIELDS, OVERVIEW, Document

__all__ = ["WEIGHTS", "LENGTH_NORM", "K1", "PART_WEIGHT", "OVERVIEW_FACTOR", "MAX_POSTINGS", "PER_CHUNK",
           "FOLDER", "KEY_LENGTH", "FILE_BUDGET", "shard_key", "field_terms", "build_index", "search_files",
           "TermMemo"]

TermWeights = dict[str, float]  # term -> weight (fractions: compound parts count less)

FOLDER = "zoekindex"
WEIGHTS = {"naam": 8.0, "plaats": 5.0, "namen": 3.0, "samenvatting": 2.0, "tekst": 1.0}
LENGTH_NORM = {"naam": 0.0, "plaats": 0.0, "namen": 0.2, "samenvatting": 0.4, "tekst": 0.3}
K1 = 1.2
PART_WEIGHT = 0.5  # a part of a compound counts half a word: 'tuin' in 'voedseltuin'
OVERVIEW_FACTOR = 0.4  # an overview page counts for less than the items it lists
MAX_POSTINGS = 300
KEY_LENGTH = 2  # term files are named by the terms' first characters
MAX_KEY_LENGTH = 5
FILE_BUDGET = 24_000  # bytes: a term file above this is split by one more character
PER_CHUNK = 16
_HYPHENATED_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
assert set(WEIGHTS) == set(FIELDS) == set(LENGTH_NORM)


def shard_key(term: str, keys: Collection[str]) -> str:
    """The term file a term (or written word) lives in: the longest of ``keys`` it starts with.

    Files are named by a term's first ``KEY_LENGTH`` characters ('wijk' -> 'wi'); a file
    that would exceed ``FILE_BUDGET`` is split by one more character ('wij', 'wijk'), and
    keeps the terms too short to split. zoeken.js looks a term up the same way.

    >>> shard_key("wijkaanpak", {"wi", "wij"}), shard_key("wi", {"wi", "wij"}), shard_key("a", {"a_"})
    ('wij', 'wi', 'a_')
    """
    if len(term) < KEY_LENGTH:
        return term + "_"
    for length in range(min(len(term), MAX_KEY_LENGTH), KEY_LENGTH - 1, -1):
        if term[:length] in keys:
            return term[:length]
    return term[:KEY_LENGTH]


def _shard_keys(sizes: Mapping[str, int]) -> set[str]:
    """The file names for terms of the given serialized sizes: two characters, split
    further where a file would exceed ``FILE_BUDGET`` bytes."""
    keys: set[str] = set()
    groups: dict[str, list[str]] = defaultdict(list)
    for term in sizes:
        groups[shard_key(term, ())].append(term)
    pending = dict(groups)
    while pending:
        key, terms = pending.popitem()
        keys.add(key)
        if len(key) >= MAX_KEY_LENGTH or key.endswith("_") or sum(sizes[t] for t in terms) <= FILE_BUDGET:
            continue
        deeper: dict[str, list[str]] = defaultdict(list)
        for term in terms:
            if len(term) > len(key):
                deeper[term[:len(key) + 1]].append(term)
        pending.update(deeper)
    return keys


class _Terms:
    """A word's index terms, worked out once per distinct word: at 10,000 cases the
    texts hold millions of words but only some hundred thousand different ones."""

    def __init__(self, known: set[str]) -> None:
        self.known = known
        self.cache: dict[str, list[tuple[str, float]]] = {}

    def of(self, word: str) -> list[tuple[str, float]]:
        found = self.cache.get(word)
        if found is None:
            found = [(stem(word), 1.0)] + [(stem(part), PART_WEIGHT) for part in compound_parts(word, self.known)
                                           if part not in STOPWOORDEN]
            self.cache[word] = found
        return found


class TermMemo(_Terms):
    """The terms of words and texts kept from one build to the next (the live preview).

    Exact, not approximate: a word's compound parts depend only on which of its
    own substrings (of at least ``MIN_PART`` letters) are known words, so when
    the site's vocabulary changes, only the words that contain a word that came
    or went are worked out again, and only then are the texts' term counts.
    """

    def __init__(self) -> None:
        super().__init__(set())
        self.fields: dict[str, TermWeights] = {}
        self.texts: dict[str, list[str]] = {}

    def words(self, text: str) -> list[str]:
        found = self.texts.get(text)
        if found is None:
            found = self.texts[text] = words(text)
        return found

    def renew(self, known: set[str]) -> None:
        """Take the vocabulary of this build, forgetting what it makes out of date."""
        changed = [word for word in known ^ self.known if len(word) >= MIN_PART]
        self.known = known
        if not changed:
            return
        # A word's parts are strictly shorter than the word, so its own coming or going changes only others.
        stale = [word for word in self.cache if any(part in word and part != word for part in changed)]
        for word in stale:
            del self.cache[word]
        if stale:
            self.fields.clear()

    def field(self, text: str) -> TermWeights:
        counts = self.fields.get(text)
        if counts is None:
            counts = self.fields[text] = field_terms(text, self)
        return counts


def field_terms(text: str, known: set[str] | _Terms) -> TermWeights:
    """Weighted term counts of one field: its words' stems, their compound parts at
    ``PART_WEIGHT``, and hyphenated words joined ('co-creatie' also as 'cocreatie')."""
    terms_of = known if isinstance(known, _Terms) else _Terms(known)
    counts: TermWeights = defaultdict(float)
    for word in words(text):
        if word not in STOPWOORDEN:
            for term, weight in terms_of.of(word):
                counts[term] += weight
    if "-" in text:
        for joined in _HYPHENATED_RE.findall(fold(text)):
            counts[stem(joined.replace("-", ""))] += 1.0
    return counts


def site_words(documents: Sequence[Document], words_of: Callable[[str], list[str]] = words) -> set[str]:
    """Every word (folded) in the documents' fields."""
    return {word for document in documents for text in document.velden.values() for word in words_of(text)}


def build_index(documents: Sequence[Document], vocabulary: set[str] | None = None, memo: TermMemo | None = None,
                ) -> tuple[dict[str, tuple[int, list[tuple[int, int]]]], dict[str, list[str]]]:
    """term -> (idf x 1000, [(document number, score x 1000), …] strongest first), and the synonyms.

    Synonyms come from the glossary: a begrip's term and each of its single-word
    synonyms point to one another (BIZ, bedrijfsinvesteringszone).
    """
    known = site_words(documents) if vocabulary is None else vocabulary
    if memo is not None:
        memo.renew(known)
        terms_of: Callable[[str], TermWeights] = memo.field
    else:
        plain = _Terms(known)
        terms_of = lambda text: field_terms(text, plain)  # noqa: E731
    per_document: list[dict[str, TermWeights]] = []
    lengths: dict[str, list[float]] = defaultdict(list)
    for document in documents:
        fields = {name: terms_of(document.velden.get(name, "")) for name in FIELDS}
        per_document.append(fields)
        for name, counts in fields.items():
            lengths[name].append(sum(counts.values()))
    average = {name: (sum(values) / len(values)) or 1.0 for name, values in lengths.items()}
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, (document, fields) in enumerate(zip(documents, per_document)):
        weighted: TermWeights = defaultdict(float)
        for name, counts in fields.items():
            norm = 1 - LENGTH_NORM[name] + LENGTH_NORM[name] * sum(counts.values()) / average[name]
            for term, count in counts.items():
                weighted[term] += WEIGHTS[name] * count / norm
        factor = OVERVIEW_FACTOR if document.soort == OVERVIEW else 1.0
        for term, tf in weighted.items():
            postings[term].append((number, round(1000 * factor * tf * (K1 + 1) / (K1 + tf))))
    total = len(documents)
    index = {}
    for term in sorted(postings):
        entries = sorted(postings[term], key=lambda entry: (-entry[1], entry[0]))
        df = len(entries)
        idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
        index[term] = (round(1000 * idf), entries[:MAX_POSTINGS])
    return index, _synonyms(documents)


def _synonyms(documents: Iterable[Document]) -> dict[str, list[str]]:
    synonyms: dict[str, set[str]] = defaultdict(set)
    for document in documents:
        if document.soort != "begrip":
            continue
        group = {tuple(terms(name)) for name in document.synoniemen}
        singles = sorted({names[0] for names in group if len(names) == 1})
        for term in singles:
            synonyms[term].update(other for other in singles if other != term)
    return {term: sorted(others) for term, others in sorted(synonyms.items()) if others}


def _script(name: str, data: object) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"WijkkompasZoek.deel({json.dumps(name)},{text});\n".encode("utf-8")


def search_files(documents: Sequence[Document], memo: TermMemo | None = None) -> dict[PurePosixPath, bytes]:
    """The index files, by path relative to the site root.

    A term file holds, besides its terms (``t``), the words of the site that
    start with its name and their term (``w``, only where the two differ): a
    query word with a typing error is compared with the words as written
    ('samenredzaamhied' with 'samenredzaamheid'), not with their stems.
    """
    vocabulary = site_words(documents, memo.words if memo is not None else words)
    index, synonyms = build_index(documents, vocabulary, memo)
    postings = {term: [idf] + [value for entry in entries for value in entry] for term, (idf, entries) in index.items()}
    written = {word: stem(word) for word in sorted(vocabulary - STOPWOORDEN)}
    written = {word: term for word, term in written.items() if term in index and term != word}
    sizes: dict[str, int] = defaultdict(int)
    for term, values in postings.items():
        sizes[term] += len(json.dumps(values)) + len(term) + 4
    for word, term in written.items():
        sizes[word] += len(word) + len(term) + 6
    keys = _shard_keys(sizes)
    shards: dict[str, dict[str, dict[str, object]]] = defaultdict(lambda: {"t": {}, "w": {}})
    for term, values in postings.items():
        shards[shard_key(term, keys)]["t"][term] = values
    for word, term in written.items():
        shards[shard_key(word, keys)]["w"][word] = term
    folder = PurePosixPath(FOLDER)
    files = {folder / "t" / f"{key}.js": _script(f"t/{key}", shard) for key, shard in sorted(shards.items())}
    for start in range(0, len(documents), PER_CHUNK):
        chunk = [[d.url, d.titel, d.soort, d.regel] for d in documents[start:start + PER_CHUNK]]
        files[folder / "d" / f"{start // PER_CHUNK}.js"] = _script(f"d/{start // PER_CHUNK}", chunk)
    files[folder / "index.js"] = _script("index", {
        "versie": 1, "documenten": len(documents), "per_deel": PER_CHUNK, "delen": sorted(shards),
        "stopwoorden": sorted(STOPWOORDEN), "synoniemen": synonyms, "min_deel": MIN_PART,
    })
    return files


