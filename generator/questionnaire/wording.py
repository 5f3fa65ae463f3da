"""The words the advice is written in: one line per item, and how items relate.

The advice (``advice.py`` and its copy ``advies.js``) writes its summary and
reasons from these texts, which travel in the engine data (``taal`` and each
node's ``regel``/``actie``). So every Dutch word of a reason is written here
once, and the browser and the CLI say exactly the same.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["TAAL", "plain_text", "first_sentence", "presentation_fields"]

# Per kind: article, the demonstratives ("deze casus", "die casus") and one short
# line on what the word means, shown where the word heads a part of the advice.
_SOORTEN: dict[str, dict[str, str]] = {
    "casus": {"lidwoord": "de", "deze": "deze", "die": "die", "meervoud": "casussen",
              "uitleg": "Een casus is een beschreven praktijkvoorbeeld uit een wijk: wat er gebeurde en wat ervan te leren is."},
    "tip": {"lidwoord": "de", "deze": "deze", "die": "die", "meervoud": "tips",
            "uitleg": "Een tip is een les uit de praktijk, meestal uit een van de casussen."},
    "bouwsteen": {"lidwoord": "de", "deze": "deze", "die": "die", "meervoud": "bouwstenen",
                  "uitleg": "Een bouwsteen is een van de zeven onderdelen die de kans vergroten dat een wijkaanpak slaagt."},
    "stap": {"lidwoord": "de", "deze": "deze", "die": "die", "meervoud": "stappen",
             "uitleg": "Een stap is een van de vijf fasen van een wendbare wijkaanpak, van urgentie onderbouwen tot samen aan de slag."},
    "kader": {"lidwoord": "het", "deze": "dit", "die": "dat", "meervoud": "kaders",
              "uitleg": "Een kader is een model uit de bronnen om uw situatie mee te bekijken."},
    "thema": {"lidwoord": "het", "deze": "dit", "die": "dat", "meervoud": "thema's", "uitleg": ""},
    "begrip": {"lidwoord": "het", "deze": "dit", "die": "dat", "meervoud": "begrippen", "uitleg": ""},
}

# How a node relates to the node before it on an explanation path, as the verb
# phrase in "<node> <verb> <earlier node>". Keyed "kind>earlier kind"; pairs not
# listed use "hangt samen met".
_RELATIES: dict[str, str] = {
    "casus>thema": "gaat over", "tip>thema": "hoort bij", "kader>thema": "hoort bij",
    "thema>casus": "is een thema van", "thema>tip": "is een thema van", "thema>kader": "is een thema van",
    "casus>bouwsteen": "is een voorbeeld van", "bouwsteen>casus": "komt terug in",
    "tip>bouwsteen": "gaat over", "bouwsteen>tip": "komt terug in",
    "tip>stap": "hoort bij", "stap>tip": "komt terug in",
    "tip>casus": "komt uit", "casus>tip": "is het voorbeeld achter",
    "stap>bouwsteen": "werkt aan", "bouwsteen>stap": "krijgt aandacht in",
    "casus>stap": "doorloopt", "stap>casus": "komt terug in",
    "casus>kader": "is een voorbeeld bij", "kader>casus": "wordt geïllustreerd door",
    "kader>bouwsteen": "gaat ook over", "bouwsteen>kader": "hoort bij",
    "begrip>casus": "komt voor in", "begrip>tip": "komt voor in", "begrip>kader": "komt voor in",
    "casus>begrip": "gebruikt", "tip>begrip": "gebruikt", "kader>begrip": "gebruikt",
    "begrip>begrip": "is verwant aan",
}

# Everything the engines need to write the advice in words (shipped in the engine data).
TAAL: dict[str, Any] = {"soorten": _SOORTEN, "relaties": _RELATIES, "relatie_anders": "hangt samen met"}

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
# A sentence ends at . ! ? followed by a space and a capital, a digit or an opening quote;
# "bijv. de" or "o.a. het" therefore do not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý'‘\"(])")
# Nor does a title or an initial before a name: "St. Paul's", "dr. Jansen", "J. de Vries".
_ABBREVIATIONS = frozenset({"st", "sint", "dr", "drs", "mr", "ir", "ing", "prof", "dhr", "mevr", "mw", "ds", "nr", "ca"})


def plain_text(markdown: str) -> str:
    """An editor's Markdown as one line of plain text (links keep their words)."""
    text = _LINK.sub(r"\1", markdown)
    text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("`", "")
    return " ".join(text.split())


def first_sentence(markdown: str) -> str:
    """The first sentence of a text, as plain text.

    >>> first_sentence("De St. Paul's kerk in Londen opent haar deuren. Daarna meer.")
    "De St. Paul's kerk in Londen opent haar deuren."
    >>> first_sentence("Volgens J. Jansen werkt het. Zeker.")
    'Volgens J. Jansen werkt het.'
    """
    text = plain_text(markdown)
    for end in _SENTENCE_END.finditer(text):
        word = text[:end.start()].rsplit(" ", 1)[-1]
        if word.endswith(".") and (len(word) == 2 or word[:-1].lower() in _ABBREVIATIONS):
            continue
        return text[:end.start()]
    return text


def _action(advies: str) -> str:
    """An advies such as '**Looptijd.** Spreek af …' as 'Looptijd: spreek af …'."""
    match = re.match(r"\s*\*\*([^*]+?)\.\*\*\s*(.*)", advies, re.S)
    if match:
        rest = plain_text(match.group(2))
        return f"{match.group(1)}: {rest[:1].lower()}{rest[1:]}"
    return plain_text(advies)


def presentation_fields(kind: str, model: Any) -> dict[str, str]:
    """The line of content an advice shows for an item, and for a stap, bouwsteen
    or tip the concrete action it can offer the summary.

    ``regel``: a case's or kader's samenvatting, a stap's or bouwsteen's kern, a
    tip's text, each cut to its first sentence. ``actie``: the first advies of a
    stap or bouwsteen; for a tip its text's first sentence after its imperative title.
    """
    if kind in ("casus", "kader"):
        return {"regel": first_sentence(model.samenvatting)}
    if kind in ("stap", "bouwsteen"):
        return {"regel": first_sentence(model.kern), "actie": _action(model.adviezen[0])}
    if kind == "tip":
        line = first_sentence(model.tekst)
        return {"regel": line, "actie": f"{plain_text(model.titel).rstrip('.')}. {line}"}
    return {}
