"""The questionnaire model (content/vragenlijst.yml): questions, options, effects, routes."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from ..models.common import Doelgroep, KorteTekst, Model, Opmaak, Ref, Tekst

__all__ = ["Vragenlijst", "Vraag", "Optie", "Effect", "RESULTAAT", "DOEL_SOORTEN"]

RESULTAAT = "resultaat"  # the route's end: show the advice
DOEL_SOORTEN = ("bouwsteen", "stap", "thema", "tip", "kader", "casus", "begrip")
_DOEL_RE = re.compile(r"^(?P<kind>[a-z]+):(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)$")


def _check_doel(value: str) -> str:
    match = _DOEL_RE.match(value)
    if not match or match.group("kind") not in DOEL_SOORTEN:
        raise ValueError(
            f"'{value}' is geen geldig doel; schrijf soort:id met soort een van "
            + ", ".join(DOEL_SOORTEN) + " (bijv. 'bouwsteen:vertrouwen')"
        )
    return value


Doel = Annotated[str, Field(description="Wat dit antwoord raakt: soort:id, bijv. 'thema:armoede'."),
                 AfterValidator(_check_doel)]


class Effect(Model):
    """One weighted link from an answer into the knowledge graph."""

    doel: Doel
    gewicht: int = Field(default=1, ge=1, le=5, description="Hoe sterk: 1 (een beetje) tot 5 (heel sterk).")


class Optie(Model):
    """One possible answer to a question."""

    id: Ref = Field(description="Id van het antwoord, uniek binnen de vraag (komt in de URL).")
    tekst: KorteTekst = Field(description="Het antwoord zoals de gebruiker het ziet.")
    uitleg: Tekst | None = Field(default=None, description="Korte toelichting bij dit antwoord.")
    effecten: list[Effect] = Field(
        min_length=1, max_length=50, description="Waar dit antwoord in de kennisgraaf op wijst, met gewicht."
    )
    waarschuwingen: list[Ref] = Field(
        default_factory=list, max_length=50, description="Ids van tips (valkuilen) die bij dit antwoord horen."
    )
    doelgroep: Doelgroep | None = Field(
        default=None, description="Voor wie de tips moeten zijn als dit antwoord gekozen is."
    )
    volgende: Ref | None = Field(
        default=None,
        description="Naar welke vraag dit antwoord leidt (of 'resultaat'); zonder: de 'volgende' van de vraag.",
    )


class Vraag(Model):
    """One question: one screen in the site, one prompt in the CLI."""

    id: Ref = Field(description="Id van de vraag (komt in de URL).")
    tekst: KorteTekst = Field(description="De vraag.")
    kort: KorteTekst | None = Field(
        default=None,
        description="Waar de vraag naar vraagt, in een paar woorden, voor de samenvatting van het advies: "
                    "bijv. 'looptijd' geeft \"looptijd: ‘Eén collegeperiode’\". Zonder: alleen het antwoord.",
    )
    uitleg: Tekst | None = Field(default=None, description="Waarom we dit vragen, of hoe te kiezen.")
    type: Literal["een", "meerdere"] = Field(description="een: één antwoord; meerdere: meer antwoorden mogelijk.")
    opties: list[Optie] = Field(min_length=2, max_length=50, description="De antwoorden.")
    volgende: Ref = Field(description="De vraag die hierna komt, of 'resultaat'.")
    max_keuzes: int | None = Field(
        default=None, ge=2, le=50,
        description="Alleen bij 'meerdere': hoeveel antwoorden iemand hoogstens mag kiezen. "
                    "De site, de CLI en het advies houden zich eraan en zeggen het erbij.",
    )
    keuzenaam: KorteTekst | None = Field(
        default=None,
        description="Hoe de antwoorden heten in de grens, in het meervoud, bijv. \"thema's\" "
                    "(geeft 'Kies hoogstens drie thema's.'); zonder: 'antwoorden'.",
    )

    @field_validator("opties")
    @classmethod
    def _unique_options(cls, opties: list[Optie]) -> list[Optie]:
        seen: set[str] = set()
        for optie in opties:
            if optie.id in seen:
                raise ValueError(f"het antwoord '{optie.id}' staat twee keer bij deze vraag; geef elk antwoord een eigen id")
            seen.add(optie.id)
        return opties

    @model_validator(mode="after")
    def _routes_only_for_single_choice(self) -> "Vraag":
        if self.type == "meerdere" and any(o.volgende for o in self.opties):
            raise ValueError(
                "bij een vraag met meerdere antwoorden kan een antwoord de route niet bepalen; "
                "haal 'volgende' weg bij de antwoorden"
            )
        return self

    @model_validator(mode="after")
    def _limit_fits_the_question(self) -> "Vraag":
        if self.max_keuzes is not None:
            if self.type != "meerdere":
                raise ValueError("'max_keuzes' past alleen bij een vraag met meerdere antwoorden (type: meerdere)")
            if self.max_keuzes >= len(self.opties):
                raise ValueError(f"'max_keuzes' is {self.max_keuzes} bij {len(self.opties)} antwoorden en begrenst dus niets; "
                                 f"kies een kleiner getal of haal het weg")
        elif self.keuzenaam is not None:
            raise ValueError("'keuzenaam' wordt alleen gebruikt bij 'max_keuzes'; voeg die toe of haal 'keuzenaam' weg")
        return self


class Vragenlijst(Model):
    """The whole questionnaire."""

    titel: KorteTekst = Field(description="Titel van de vragenlijst.")
    inleiding: Opmaak = Field(description="Wat de vragenlijst doet, voor wie, en wat er met de antwoorden gebeurt.")
    start: Ref = Field(description="Id van de eerste vraag.")
    vragen: list[Vraag] = Field(min_length=1, max_length=200, description="Alle vragen, in de volgorde waarin ze meestal komen.")
