"""Models for the agile neighbourhood approach: the bouwstenen and the stappen."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .common import BronVerwijzing, Koppeling, KorteTekst, Model, Naar, Opmaak, Ref, Tekst

__all__ = ["Bouwsteen", "Onderdeel", "Stap", "Voorbeeld"]


class Voorbeeld(Model):
    """A short practice example, optionally pointing at a case."""

    tekst: Opmaak = Field(description="Het voorbeeld in een paar zinnen.")
    plaats: KorteTekst | None = Field(default=None, description="Stad of wijk van het voorbeeld.")
    casus: Annotated[Ref, Naar("casus", "voorbeeld", 1)] | None = Field(default=None, description="Id van de casus, als die in Wijkkompas staat.")


class Onderdeel(Model):
    """Fields shared by bouwstenen and stappen."""

    nummer: int = Field(ge=1, le=99, strict=True, description="Volgnummer in de bron (bouwsteen 1–7, stap 1–5).")
    naam: KorteTekst = Field(description="Naam, bijv. 'Maatschappelijke urgentie'.")
    kern: Annotated[Tekst, Field(max_length=600)] = Field(description="De kern in één à twee zinnen.")
    waarom: Opmaak = Field(description="Waarom dit ertoe doet.")
    adviezen: list[Opmaak] = Field(min_length=1, max_length=100, description="Concrete adviezen.")
    valkuilen: list[Opmaak] = Field(default_factory=list, max_length=100, description="Waar het vaak misgaat.")
    vragen: list[Tekst] = Field(min_length=1, max_length=100, description="Vragen om uzelf of uw partners te stellen.")
    voorbeelden: list[Voorbeeld] = Field(default_factory=list, max_length=100, description="Voorbeelden uit de praktijk.")
    bronnen: list[BronVerwijzing] = Field(min_length=1, max_length=100, description="Waar de inhoud vandaan komt.")


class Bouwsteen(Onderdeel):
    """One of the seven building blocks of a successful neighbourhood approach."""


class Stap(Onderdeel):
    """One of the five steps of the agile neighbourhood approach."""

    bouwstenen: Annotated[list[Koppeling], Naar("bouwsteen", "werkt_aan", 2, veld="id")] = Field(
        min_length=1, max_length=50, description="Bouwstenen waar deze stap vooral aan werkt."
    )
