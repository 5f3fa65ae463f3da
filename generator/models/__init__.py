"""The content model (pydantic only, no I/O): one class per kind of content.

``KINDS`` maps each kind to its model class, its folder and its page folder; the
loader, checks, graph and pages all read it. Adding a kind takes four files: its
model (references declared with ``Naar``), a row here, and its page and overview
templates (shown in tests/test_nieuwe_soort.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .aanpak import Bouwsteen, Stap, Voorbeeld
from .casus import BouwsteenKoppeling, Casus, Gebeurtenis, Partij, Rollen
from .common import BronVerwijzing, Koppeling, Link
from .kennis import Begrip, Bron, Element, Hoofdstuk, Kader, Thema, Tip

__all__ = [
    "Kind", "KINDS", "KIND_BY_NAME",
    "Casus", "Bouwsteen", "Stap", "Tip", "Kader", "Thema", "Begrip", "Bron",
    "BronVerwijzing", "Koppeling", "Link", "Voorbeeld", "Partij", "Gebeurtenis",
    "BouwsteenKoppeling", "Rollen", "Element", "Hoofdstuk",
]


@dataclass(frozen=True)
class Kind:
    """A kind of content: its name, model, source folder and labels."""

    name: str
    model: type[BaseModel]
    folder: str  # relative to the project root
    plural: str  # also the URL folder of its pages
    label: str  # Dutch, singular, for messages
    label_plural: str
    title_field: str
    deze: str  # "deze casus", "dit thema": Dutch gender decides the demonstrative

    @property
    def onbekende(self) -> str:
        """'onbekende casus', 'onbekend thema': the adjective follows the same gender."""
        return ("onbekend " if self.deze.startswith("dit ") else "onbekende ") + self.label


KINDS: tuple[Kind, ...] = (
    Kind("casus", Casus, "cases", "casussen", "casus", "casussen", "naam", "deze casus"),
    Kind("bouwsteen", Bouwsteen, "content/bouwstenen", "bouwstenen", "bouwsteen", "bouwstenen", "naam", "deze bouwsteen"),
    Kind("stap", Stap, "content/stappen", "stappen", "stap", "stappen", "naam", "deze stap"),
    Kind("tip", Tip, "content/tips", "tips", "tip", "tips", "titel", "deze tip"),
    Kind("kader", Kader, "content/kaders", "kaders", "kader", "kaders", "naam", "dit kader"),
    Kind("thema", Thema, "content/themas", "themas", "thema", "thema's", "naam", "dit thema"),
    Kind("begrip", Begrip, "content/begrippen", "begrippen", "begrip", "begrippen", "term", "dit begrip"),
    Kind("bron", Bron, "content/bronnen", "bronnen", "bron", "bronnen", "titel", "deze bron"),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}
