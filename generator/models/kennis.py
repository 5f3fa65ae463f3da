"""Models for the reusable knowledge: tips, kaders, thema's, begrippen and bronnen."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from .common import (
    BronVerwijzing, Doelgroep, KorteTekst, Link, Model, Naar, Opmaak, Ref, Tekst,
)

__all__ = ["Tip", "Kader", "Element", "Thema", "Begrip", "Bron", "Hoofdstuk"]


class Tip(Model):
    """A lesson from practice; a valkuil is a tip that warns."""

    titel: Annotated[KorteTekst, Field(max_length=120)] = Field(description="Korte gebiedende zin, bijv. 'Begin klein'.")
    tekst: Annotated[Opmaak, Field(max_length=3_000)] = Field(description="De tip uitgelegd in een paar zinnen.")
    soort: Literal["tip", "valkuil"] = Field(default="tip", description="tip of valkuil.")
    doelgroepen: list[Doelgroep] = Field(min_length=1, max_length=10, description="Voor wie de tip bedoeld is.")
    bouwstenen: Annotated[list[Ref], Naar("bouwsteen", "over_bouwsteen", 2)] = Field(
        default_factory=list, max_length=50, description="Ids van bouwstenen.")
    stappen: Annotated[list[Ref], Naar("stap", "over_stap", 2)] = Field(
        default_factory=list, max_length=50, description="Ids van stappen.")
    themas: Annotated[list[Ref], Naar("thema", "heeft_thema", 2)] = Field(
        default_factory=list, max_length=50, description="Ids van thema's.")
    casussen: Annotated[list[Ref], Naar("casus", "uit_casus", 2)] = Field(
        default_factory=list, max_length=200, description="Ids van casussen waar de tip uit komt.")
    bronnen: list[BronVerwijzing] = Field(min_length=1, max_length=100, description="Waar de tip vandaan komt.")


class Element(Model):
    """One element of a kader (framework)."""

    naam: KorteTekst = Field(description="Naam van het element.")
    uitleg: Opmaak = Field(description="Wat het element inhoudt.")
    casussen: Annotated[list[Ref], Naar("casus", "element_casus", 1)] = Field(
        default_factory=list, max_length=200, description="Casussen die de bron hiermee verbindt.")
    bouwstenen: Annotated[list[Ref], Naar("bouwsteen", "element_bouwsteen", 1)] = Field(
        default_factory=list, max_length=50, description="Bouwstenen die hierbij horen.")


class Kader(Model):
    """A framework or model from the sources, such as Senge's five disciplines."""

    naam: KorteTekst = Field(description="Naam van het kader.")
    samenvatting: Annotated[Tekst, Field(max_length=600)] = Field(description="Het kader in één à twee zinnen.")
    uitleg: Opmaak = Field(description="Uitleg: waar komt het vandaan, hoe gebruikt u het.")
    elementen: list[Element] = Field(min_length=1, max_length=100, description="De onderdelen van het kader.")
    themas: Annotated[list[Ref], Naar("thema", "heeft_thema", 2)] = Field(
        default_factory=list, max_length=50, description="Ids van thema's.")
    bronnen: list[BronVerwijzing] = Field(min_length=1, max_length=100, description="Waar het kader vandaan komt.")


class Thema(Model):
    """A theme used to group cases and tips."""

    naam: KorteTekst = Field(description="Naam van het thema, bijv. 'Armoede'.")
    intro: Annotated[Opmaak, Field(max_length=3_000)] = Field(description="Korte inleiding op het thema.")


class Begrip(Model):
    """A glossary term."""

    term: KorteTekst = Field(description="Het begrip zelf, bijv. 'Samenredzaamheid'.")
    definitie: Annotated[Opmaak, Field(max_length=1_500)] = Field(description="Een tot drie zinnen uitleg.")
    synoniemen: list[KorteTekst] = Field(default_factory=list, max_length=50, description="Andere woorden voor hetzelfde.")
    verwant: Annotated[list[Ref], Naar("begrip", "verwant", 1)] = Field(
        default_factory=list, max_length=100, description="Ids van verwante begrippen.")
    bronnen: list[BronVerwijzing] = Field(min_length=1, max_length=100, description="Waar het begrip vandaan komt.")


class Hoofdstuk(Model):
    """A chapter of a source publication."""

    nummer: KorteTekst | None = Field(default=None, description="Hoofdstuknummer, bijv. '4'.")
    titel: KorteTekst = Field(description="Titel van het hoofdstuk.")
    auteurs: list[KorteTekst] = Field(default_factory=list, max_length=50, description="Auteurs van dit hoofdstuk.")
    regels: str = Field(
        pattern=r"^\d{1,6}-\d{1,6}$", description="Regelbereik in de brontekst, bijv. '1122-1382'."
    )


_BRON_VELDEN = {"titel", "ondertitel", "auteurs", "redactie", "uitgever", "plaats", "jaar", "soort"}


class Bron(Model):
    """A source publication; every fact in Wijkkompas points at one."""

    titel: KorteTekst = Field(description="Titel, of een beschrijvende titel als de tekst er geen noemt.")
    ondertitel: KorteTekst | None = Field(default=None, description="Ondertitel.")
    auteurs: list[KorteTekst] = Field(default_factory=list, max_length=100, description="Auteurs.")
    redactie: list[KorteTekst] = Field(default_factory=list, max_length=100, description="Redacteuren van een bundel.")
    uitgever: KorteTekst | None = Field(default=None, description="Uitgever of organisatie.")
    plaats: KorteTekst | None = Field(default=None, description="Plaats van uitgave.")
    jaar: KorteTekst | None = Field(default=None, description="Jaar (of maand en jaar) van uitgave.")
    soort: KorteTekst = Field(description="Boek, essay, artikel, cahier...")
    samenvatting: Annotated[Opmaak, Field(max_length=3_000)] = Field(description="Waar de publicatie over gaat.")
    bestand: str = Field(
        pattern=r"^[A-Za-z0-9_.-]+\.txt$", description="Bestandsnaam van de brontekst (seed)."
    )
    regels_totaal: int = Field(ge=1, le=10_000_000, strict=True, description="Aantal regels van de brontekst; begrenst regelverwijzingen.")
    hoofdstukken: list[Hoofdstuk] = Field(default_factory=list, max_length=500, description="Hoofdstukken met regelbereik.")
    afgeleid: dict[str, Tekst] = Field(
        default_factory=dict, max_length=20,
        description=(
            "Gegevens die niet letterlijk in de tekst staan maar zijn afgeleid: veldnaam -> "
            "hoe ze zijn afgeleid. Zo ziet de lezer wat zeker is en wat niet."
        ),
    )
    links: list[Link] = Field(default_factory=list, max_length=50, description="Websites die de bron noemt.")

    @field_validator("afgeleid")
    @classmethod
    def _afgeleid_names_fields(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - _BRON_VELDEN)
        if unknown:
            raise ValueError(
                f"onbekend veld in 'afgeleid': {', '.join(unknown)}; kies uit "
                + ", ".join(sorted(_BRON_VELDEN))
            )
        return value
