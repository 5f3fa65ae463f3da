"""The casus model: one worked neighbourhood example."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, ValidationInfo, field_validator, model_validator

from .common import (
    BronVerwijzing, Koppeling, KorteTekst, Link, Model, Naar, Opmaak, PartijType, Ref, Tekst,
)

__all__ = ["Casus", "Partij", "Gebeurtenis", "BouwsteenKoppeling", "Rollen", "STERKTES", "sterkte_volgorde",
           "sterkte_gewicht"]

Sterkte = Literal["sterk", "deels", "tegenvoorbeeld"]
# The one place for how strong an example is, strongest first: the order of lists (the
# index here) and the weight of its edge in the knowledge graph (3, 2, 1) come from it.
STERKTES: tuple[str, ...] = get_args(Sterkte)


def sterkte_volgorde(sterkte: object, default: str = "deels") -> int:
    """Where a sterkte sorts, strongest first; anything else sorts as ``default``.

    >>> [sterkte_volgorde(s) for s in ("sterk", "deels", "tegenvoorbeeld", None)]
    [0, 1, 2, 1]
    """
    return STERKTES.index(sterkte if sterkte in STERKTES else default)


def sterkte_gewicht(sterkte: object, default: str = "deels") -> int:
    """The weight of a case's link with this sterkte in the graph: the stronger, the heavier.

    >>> [sterkte_gewicht(s) for s in ("sterk", "deels", "tegenvoorbeeld", "")]
    [3, 2, 1, 2]
    """
    return len(STERKTES) - sterkte_volgorde(sterkte, default)
Diepgang = Literal["uitgebreid", "kort"]


class Partij(Model):
    """A party involved in a case."""

    naam: KorteTekst = Field(description="Naam van de partij, zoals de bron hem noemt.")
    type: PartijType = Field(
        description=(
            "Soort partij: bewoners, overheid, markt, maatschappelijke organisatie of "
            "kennisinstelling."
        )
    )
    rol: Tekst = Field(description="Wat deze partij in de casus doet, in één zin.")


class Gebeurtenis(Model):
    """One dated event on a case's timeline."""

    jaar: int | None = Field(
        default=None, ge=1800, le=2100, strict=True,
        description="Jaar van de gebeurtenis, bijv. 2014. Laat weg als de bron geen jaar noemt.",
    )
    wanneer: KorteTekst | None = Field(
        default=None,
        description=(
            "Preciezer moment als de bron dat noemt, bijv. 'najaar 2015', of het moment zonder jaartal, "
            "bijv. 'aan het eind van het tweede jaar'."
        ),
    )
    gebeurtenis: Tekst = Field(description="Wat er gebeurde, in één zin.")

    @model_validator(mode="after")
    def _has_a_moment(self) -> "Gebeurtenis":
        if self.jaar is None and not self.wanneer:
            raise ValueError("geef 'jaar' of, als de bron geen jaar noemt, 'wanneer'")
        return self


class BouwsteenKoppeling(Model):
    """How strongly a case illustrates one building block."""

    id: Ref = Field(description="Id van de bouwsteen (bestand in content/bouwstenen/).")
    sterkte: Sterkte = Field(
        description=(
            "sterk: de casus laat de bouwsteen duidelijk zien; deels: gedeeltelijk; "
            "tegenvoorbeeld: de casus laat zien wat er gebeurt als de bouwsteen ontbreekt."
        )
    )
    toelichting: Tekst = Field(description="Waarom, in één zin.")


class Rollen(Model):
    """The roles residents and professionals play in a case."""

    bewoners: Opmaak = Field(description="Rol van bewoners en vrijwilligers.")
    professionals: Opmaak = Field(description="Rol van professionals (welzijn, zorg, gemeente...).")
    overheid: Opmaak | None = Field(default=None, description="Rol van de overheid, als apart te noemen.")
    kennisinstelling: Opmaak | None = Field(
        default=None, description="Rol van hogeschool of andere kennisinstelling."
    )


# Fields an 'uitgebreid' case must fill; a 'kort' case may leave them empty.
_UITGEBREID_VERPLICHT = (
    "verhaal", "tijdlijn", "partijen", "aanpak", "resultaten", "knelpunten", "lessen",
    "rollen", "bouwstenen", "stappen",
)


class Casus(Model):
    """A worked example of neighbourhood work, from one of the sources."""

    naam: KorteTekst = Field(description="Naam van de casus, bijv. 'Zorgvrijstaat'.")
    ondertitel: KorteTekst | None = Field(
        default=None, description="Ondertitel of kop die de bron gebruikt."
    )
    stad: KorteTekst = Field(description="Gemeente of stad.")
    provincie: KorteTekst | None = Field(default=None, description="Provincie (of land, buiten Nederland).")
    wijk: KorteTekst = Field(description="Wijk of buurt; 'hele stad' als het niet om één wijk gaat.")
    periode: KorteTekst = Field(description="Looptijd zoals de bron die geeft, bijv. '2010–2018'.")
    samenvatting: Annotated[Tekst, Field(max_length=600)] = Field(description="Twee à drie zinnen: wat is het en waarom is het interessant."
    )
    verhaal: Opmaak | None = Field(default=None, description="Het verhaal van de casus, in eigen woorden.")
    tijdlijn: list[Gebeurtenis] = Field(default_factory=list, max_length=200, description="Gebeurtenissen op jaar.")
    themas: Annotated[list[Ref], Naar("thema", "heeft_thema", 2)] = Field(
        min_length=1, max_length=50, description="Ids van thema's (content/themas/).")
    initiatiefnemers: list[PartijType] = Field(
        min_length=1, max_length=10, description="Soort partij die het initiatief nam (voor de casusverkenner)."
    )
    partijen: list[Partij] = Field(default_factory=list, max_length=200, description="Alle betrokken partijen.")
    organisatievorm: Tekst = Field(description="Stichting, vereniging, netwerk, programma...")
    financiering: Tekst = Field(description="Waar het geld vandaan komt.")
    plek: Tekst = Field(description="De fysieke plek(ken), of 'geen vaste plek'.")
    aanpak: Opmaak | None = Field(default=None, description="Hoe het werkt: de werkwijze.")
    resultaten: list[Tekst] = Field(default_factory=list, max_length=100, description="Resultaten, met cijfers uit de bron.")
    knelpunten: list[Tekst] = Field(default_factory=list, max_length=100, description="Knelpunten, spanningen en dilemma's.")
    lessen: Annotated[list[Ref], Naar("tip", "leert", 2)] = Field(default_factory=list, max_length=100, description="Ids van tips (content/tips/) die deze casus leert.")
    rollen: Rollen | None = Field(default=None, description="Rollen van bewoners en professionals.")
    bouwstenen: Annotated[list[BouwsteenKoppeling], Naar("bouwsteen", "illustreert", 2, veld="id")] = Field(
        default_factory=list, max_length=50, description="Bouwstenen die de casus illustreert, met sterkte."
    )
    stappen: Annotated[list[Koppeling], Naar("stap", "doorloopt", 2, veld="id")] = Field(default_factory=list, max_length=50, description="Stappen die de casus laat zien.")
    begrippen: Annotated[list[Ref], Naar("begrip", "gebruikt_begrip", 1)] = Field(default_factory=list, max_length=100, description="Ids van begrippen die in de casus spelen.")
    kaders: Annotated[list[Ref], Naar("kader", "illustreert_kader", 1)] = Field(default_factory=list, max_length=50, description="Ids van kaders die de casus illustreert.")
    auteurs: list[KorteTekst] = Field(default_factory=list, max_length=50, description="Auteurs van het hoofdstuk in de bron.")
    bronnen: list[BronVerwijzing] = Field(min_length=1, max_length=100, description="Waar de feiten vandaan komen.")
    links: list[Link] = Field(default_factory=list, max_length=50, description="Websites die de bron noemt.")
    diepgang: Diepgang = Field(
        description="uitgebreid: alle velden ingevuld; kort: een beknopte casus."
    )

    @field_validator("diepgang")
    @classmethod
    def _uitgebreid_is_complete(cls, diepgang: str, info: ValidationInfo) -> str:
        # A field validator on the last field sees all the others, and puts the
        # message on the 'diepgang' line, where the editor can also choose 'kort'.
        if diepgang == "uitgebreid":
            # A field that failed its own validation is absent here and already reported.
            missing = [name for name in _UITGEBREID_VERPLICHT if name in info.data and not info.data[name]]
            if missing:
                raise ValueError(
                    "een uitgebreide casus moet ook deze velden invullen: " + ", ".join(missing)
                    + "; vul ze in, of zet diepgang op 'kort'"
                )
        return diepgang
