"""Synthetic projects for the benchmark: the real content plus N seeded random cases.

A project copy gets the real ``content/``, ``templates/``, ``mkdocs.yml``,
``pyproject.toml`` and ``schemas/`` (not the real ``cases/``) and N generated
cases whose field sizes, mix (about 40 % 'uitgebreid') and link density follow
the real cases. Every reference points at an existing id, so the project passes
``wijkkompas check``.

The real content names real cases (tips, bouwstenen, stappen, kaders and the
questionnaire point at e.g. ``casus:de-ketel``). So the first generated cases take
those real ids, with synthetic text; the rest are ``bench-casus-00001`` and on.

Run on its own to make one project: ``python -m bench.synth DIR --cases 100``.
"""

from __future__ import annotations

import argparse
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

import yaml

__all__ = ["REPO", "Catalogue", "case_ids", "load_catalogue", "make_project", "snapshot", "write_cases"]

REPO = Path(__file__).resolve().parent.parent
COPIED = ("content", "templates", "mkdocs.yml", "pyproject.toml", "schemas")
# mkdocs.yml names its hook by a path relative to the project: link the code, do not copy it.
LINKED = ("generator",)
SHARE_UITGEBREID = 0.4

# --- word material -----------------------------------------------------------------------------

_FUNCTIE = (
    "de de de het het een een en en van van in in op met voor die dat is zijn wordt werd niet ook "
    "naar door bij om te als maar er over aan uit zo dan nog wel al meer veel samen vaak eerst"
).split()
_ZELFSTANDIG = (
    "buurt wijk bewoner bewoners gemeente woning corporatie tuin plein school huis straat stad plek "
    "initiatief project programma aanpak samenwerking netwerk bijeenkomst avond koffie maaltijd groep "
    "vrijwilliger vrijwilligers professional professionals wethouder ambtenaar beleid budget subsidie "
    "geld fonds stichting vereniging coöperatie ondernemer winkel markt energie zorg welzijn jongeren "
    "ouderen kinderen gezin ontmoeting gesprek vertrouwen visie urgentie kracht zeggenschap onderzoek "
    "hogeschool student studenten docent lectoraat kennis ervaring resultaat knelpunt les rol partij "
    "partners coalitie stuurgroep wijkteam wijkagent opbouwwerker gebouw pand ruimte kantine keuken "
    "moestuin speeltuin bibliotheek wijkcentrum buurthuis schoolplein jaar jaren maand week dag "
    "toekomst verandering ontwikkeling vernieuwing leefbaarheid veiligheid armoede schulden eenzaamheid "
    "cultuur kunst voedsel groen duurzaamheid isolatie warmte ideeën plannen afspraken regels"
).split()
# Compounds are made from these halves, so the search's compound splitter has realistic work.
_KOPPEL = "buurt wijk stad bewoners school zorg energie voedsel huis straat groen speel".split()
_STAART = "tuin plein kamer huis werk team fonds raad winkel café lab netwerk agenda plan budget".split()
_WERKWOORD = (
    "organiseren organiseert begon begint helpt helpen bouwen bouwt delen deelt maken maakt zoeken "
    "zoekt vinden vindt vragen vraagt kozen kiest werken werkt leren leert betalen betaalt beheren "
    "beheert ondersteunt ondersteunen verbinden verbindt ontstond groeide bleef blijft kreeg krijgt"
).split()
_BIJVOEGLIJK = (
    "nieuwe oude eigen grote kleine lokale sociale gezamenlijke betaalbare duurzame actieve kwetsbare "
    "sterke brede lange korte eerste tweede vaste open zichtbare concrete praktische"
).split()
_VOORNAMEN = "Fatima Jan Ayse Pieter Noor Mohamed Els Kees Samira Henk Lotte Ahmed Ingrid Rob Yara".split()
_ACHTERNAMEN = "de Vries Jansen Bakker Yilmaz Visser el Amrani Smit Meijer Bos Mulder Peters Kaya".split()
_STEDEN = (
    ("Amsterdam", "Noord-Holland"), ("Rotterdam", "Zuid-Holland"), ("Den Haag", "Zuid-Holland"),
    ("Utrecht", "Utrecht"), ("Eindhoven", "Noord-Brabant"), ("Tilburg", "Noord-Brabant"),
    ("Groningen", "Groningen"), ("Almere", "Flevoland"), ("Breda", "Noord-Brabant"),
    ("Nijmegen", "Gelderland"), ("Arnhem", "Gelderland"), ("Haarlem", "Noord-Holland"),
    ("Enschede", "Overijssel"), ("Zwolle", "Overijssel"), ("Leeuwarden", "Friesland"),
    ("Maastricht", "Limburg"), ("Heerlen", "Limburg"), ("Roermond", "Limburg"),
    ("Deventer", "Overijssel"), ("Leiden", "Zuid-Holland"), ("Dordrecht", "Zuid-Holland"),
    ("Zaanstad", "Noord-Holland"), ("Emmen", "Drenthe"), ("Assen", "Drenthe"),
    ("Middelburg", "Zeeland"), ("Vlissingen", "Zeeland"), ("Lelystad", "Flevoland"),
    ("Amersfoort", "Utrecht"), ("Apeldoorn", "Gelderland"), ("Den Bosch", "Noord-Brabant"),
)
_PLAATS_BEGIN = (
    "Ooster Wester Noorder Zuider Linden Eiken Beuken Molen Kerk Berg Dal Heuvel Water Veen Zand "
    "Klaver Rozen Vlinder Sterren Zon Meer Bos Akker Brug Haven Dijk Poort Kastanje Wilgen Esse"
).split()
_PLAATS_EIND = (
    "hof wijk kwartier buurt veld park dreef laan polder kamp es rijk hage horst oord weide "
    "kade straat singel meer rode dorp haven berg"
).split()
_KERN = (
    "Buurtkamer", "Wijkpact", "Huis van de Wijk", "Buurtlab", "Wijkcoöperatie", "Stadsakker",
    "Buurtkeuken", "Wijkacademie", "Samen Sterk", "Buurtfonds", "Wijkwerkplaats", "Energiecoöperatie",
    "Voedselbos", "Buurtcirkel", "Wijkraad", "Speeltuinvereniging", "Buurtbedrijf", "Taalhuis",
    "Wijkdeal", "Huiskamer", "Burenhulp", "Ontmoetingstuin", "Wijkatelier", "Buurtschool",
    "Bewonersbedrijf", "Wijkleerbedrijf", "Repair Café", "Buurtteam", "Zorgcoöperatie", "Wijkwinkel",
)
_PARTIJ_VORMEN: dict[str, tuple[str, ...]] = {
    "bewoners": ("Bewonersgroep {plaats}", "Vrijwilligers van {kern}", "{voornaam} {achternaam}",
                 "Bewonerscommissie {plaats}"),
    "overheid": ("Gemeente {stad}", "Wethouder van {stad}", "Stadsdeel {plaats}", "Provincie {provincie}"),
    "markt": ("Ondernemersvereniging {plaats}", "Bouwbedrijf {achternaam}", "Winkeliers van {plaats}"),
    "maatschappelijke organisatie": ("Woningcorporatie {plaats}", "Welzijn {stad}", "Stichting {kern}",
                                     "Zorggroep {plaats}"),
    "kennisinstelling": ("Hogeschool {stad}", "Lectoraat Wijkaanpak", "Universiteit {stad}"),
}
_PARTIJ_TYPES = tuple(_PARTIJ_VORMEN)
_STERKTE = (("sterk", 5), ("deels", 4), ("tegenvoorbeeld", 1))
_SAFE_TERM = re.compile(r"^[\w' -]+$")


class Words:
    """Dutch-looking text from a small fixed word list, driven by one seeded ``Random``."""

    def __init__(self, rng: Random, terms: list[str]) -> None:
        self.rng = rng
        # Glossary terms in the text get tooltips, as on real pages.
        self.terms = [t for t in terms if _SAFE_TERM.match(t)]

    def word(self) -> str:
        roll = self.rng.random()
        if roll < 0.42:
            return self.rng.choice(_FUNCTIE)
        if roll < 0.70:
            return self.rng.choice(_ZELFSTANDIG)
        if roll < 0.76:
            return self.rng.choice(_KOPPEL) + self.rng.choice(_STAART)
        if roll < 0.87:
            return self.rng.choice(_WERKWOORD)
        if roll < 0.995 or not self.terms:
            return self.rng.choice(_BIJVOEGLIJK)
        return self.rng.choice(self.terms).lower()

    def sentence(self, low: int = 7, high: int = 20) -> str:
        words = [self.word() for _ in range(self.rng.randint(low, high))]
        if len(words) > 8 and self.rng.random() < 0.3:
            words[self.rng.randint(3, len(words) - 3)] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def text(self, length: float, limit: int = 2_000) -> str:
        """Whole sentences, about ``length`` characters, never over ``limit``."""
        sentences: list[str] = []
        size = 0
        while size < length:
            sentence = self.sentence()
            if size + len(sentence) + 1 > limit:
                break
            sentences.append(sentence)
            size += len(sentence) + 1
        return " ".join(sentences) or self.sentence(2, 4)

    def markdown(self, length: float) -> str:
        """Paragraphs of Markdown with some emphasis, about ``length`` characters."""
        paragraphs = []
        size = 0
        while size < length:
            paragraph = self.text(self.rng.uniform(500, 1_100))
            if self.rng.random() < 0.3:
                words = paragraph.split(" ")
                at = self.rng.randint(1, len(words) - 2)
                words[at] = f"*{words[at].strip(',.')}*"
                paragraph = " ".join(words)
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
        return "\n\n".join(paragraphs)

    def bullets(self, length: float) -> str:
        """An approach as a list of bold-headed items, as the real cases write it."""
        items = []
        size = 0
        while size < length:
            head = self.text(1, 80).rstrip(".")
            item = f"- **{head}.** {self.text(self.rng.uniform(120, 260))}"
            items.append(item)
            size += len(item) + 1
        return "\n".join(items)

    def place(self) -> str:
        return self.rng.choice(_PLAATS_BEGIN) + self.rng.choice(_PLAATS_EIND)


# --- the real content the cases refer to -------------------------------------------------------


@dataclass(frozen=True)
class Hoofdstuk:
    titel: str
    start: int
    end: int


@dataclass(frozen=True)
class Catalogue:
    """Ids (and what the cases need of them) in a project's ``content/``."""

    themas: list[str]
    bouwstenen: list[str]
    stappen: list[str]
    tips: list[str]
    begrippen: list[str]
    terms: list[str]
    kaders: list[str]
    # bron id -> chapters with their line ranges (or one chapter spanning the whole text)
    bronnen: dict[str, list[Hoofdstuk]]


def _ids(folder: Path) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.yml"))


def _read(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _chapters(bron: dict[str, Any]) -> list[Hoofdstuk]:
    total = int(bron["regels_totaal"])
    chapters = []
    for chapter in bron.get("hoofdstukken") or []:
        start, _, end = str(chapter["regels"]).partition("-")
        # Clamp: a range must stay inside the source, whatever the chapter list says.
        first, last = max(1, int(start)), min(total, int(end or start))
        if first <= last:
            number = f"H{chapter['nummer']} " if chapter.get("nummer") else ""
            chapters.append(Hoofdstuk(f"{number}{chapter['titel']}", first, last))
    return chapters or [Hoofdstuk(str(bron["titel"]), 1, total)]


def load_catalogue(content: Path) -> Catalogue:
    """Read the ids and source line ranges from a ``content/`` folder."""
    begrippen = _ids(content / "begrippen")
    return Catalogue(
        themas=_ids(content / "themas"),
        bouwstenen=_ids(content / "bouwstenen"),
        stappen=_ids(content / "stappen"),
        tips=_ids(content / "tips"),
        begrippen=begrippen,
        terms=[str(_read(content / "begrippen" / f"{b}.yml")["term"]) for b in begrippen],
        kaders=_ids(content / "kaders"),
        bronnen={b: _chapters(_read(content / "bronnen" / f"{b}.yml")) for b in _ids(content / "bronnen")},
    )


# --- one case ----------------------------------------------------------------------------------


def _count(rng: Random, low: int, high: int, mode: float) -> int:
    return round(rng.triangular(low, high, mode))


def _some(rng: Random, pool: list[str], low: int, high: int, mode: float) -> list[str]:
    return rng.sample(pool, min(len(pool), _count(rng, low, high, mode)))


def _partij(rng: Random, words: Words, stad: str, provincie: str, length: float) -> dict[str, str]:
    soort = rng.choices(_PARTIJ_TYPES, weights=(5, 4, 2, 4, 1))[0]
    naam = rng.choice(_PARTIJ_VORMEN[soort]).format(
        plaats=words.place(), kern=rng.choice(_KERN), stad=stad, provincie=provincie,
        voornaam=rng.choice(_VOORNAMEN), achternaam=rng.choice(_ACHTERNAMEN),
    )
    return {"naam": naam, "type": soort, "rol": words.text(length, 1_000)}


def _tijdlijn(rng: Random, words: Words, count: int, start: int) -> list[dict[str, Any]]:
    events = []
    year = start
    for _ in range(count):
        event: dict[str, Any] = {"jaar": year}
        if rng.random() < 0.35:
            event["wanneer"] = f"{rng.choice(('voorjaar', 'zomer', 'najaar', 'eind'))} {year}"
        event["gebeurtenis"] = words.text(rng.triangular(80, 240, 135), 600)
        events.append(event)
        year = min(2024, year + rng.randint(0, 2))
    return events


def _bronnen(rng: Random, catalogue: Catalogue, count: int) -> list[dict[str, str]]:
    bron = rng.choice(sorted(catalogue.bronnen))  # real cases mostly cite one source
    result = []
    for _ in range(count):
        chapter = rng.choice(catalogue.bronnen[bron])
        start = rng.randint(chapter.start, chapter.end)
        end = min(chapter.end, start + rng.randint(0, 300))
        result.append({"bron": bron, "hoofdstuk": chapter.titel,
                       "regels": str(start) if end == start else f"{start}-{end}"})
    return result


def _links(rng: Random, words: Words, count: int) -> list[dict[str, str]]:
    return [{"titel": f"Website {words.place()}", "url": f"https://www.{words.place().lower()}.nl/"}
            for _ in range(count)]


def make_case(rng: Random, words: Words, catalogue: Catalogue, naam: str, uitgebreid: bool) -> dict[str, Any]:
    """One valid case as YAML data; sizes follow the real cases of the same 'diepgang'."""
    stad, provincie = rng.choice(_STEDEN)
    start = rng.randint(1995, 2020)
    case: dict[str, Any] = {"naam": naam}
    if uitgebreid or rng.random() < 0.5:
        case["ondertitel"] = words.text(1, 70).rstrip(".")
    case["stad"] = stad
    if rng.random() < 0.93:
        case["provincie"] = provincie
    case["wijk"] = words.place()
    case["periode"] = f"{start}–{min(2024, start + rng.randint(1, 12))}"
    case["samenvatting"] = words.text(rng.triangular(300, 480, 410), 600)
    case["verhaal"] = words.markdown(rng.triangular(6_000, 11_000, 9_500) if uitgebreid
                                     else rng.triangular(850, 2_100, 1_180))
    if uitgebreid and rng.random() < 0.2:
        case["verhaal"] += f"\n\nMeer op [de website](https://www.{words.place().lower()}.nl/)."
    if uitgebreid or rng.random() < 0.45:
        case["tijdlijn"] = _tijdlijn(rng, words, _count(rng, 2, 12, 3) if uitgebreid else _count(rng, 1, 3, 2), start)
    case["themas"] = _some(rng, catalogue.themas, 3, 7, 5) if uitgebreid else _some(rng, catalogue.themas, 1, 4, 2)
    case["initiatiefnemers"] = rng.sample(_PARTIJ_TYPES, rng.choice((1, 1, 1, 2)))
    if uitgebreid or rng.random() < 0.93:
        count = _count(rng, 13, 24, 15) if uitgebreid else _count(rng, 1, 9, 3)
        case["partijen"] = [_partij(rng, words, stad, provincie, rng.triangular(40, 185, 95)) for _ in range(count)]
    case["organisatievorm"] = words.text(rng.triangular(150, 360, 230) if uitgebreid else rng.triangular(70, 225, 125))
    case["financiering"] = words.text(rng.triangular(170, 315, 240) if uitgebreid else rng.triangular(25, 360, 60))
    case["plek"] = words.text(rng.triangular(150, 210, 190) if uitgebreid else rng.triangular(25, 275, 65))
    case["aanpak"] = words.bullets(rng.triangular(1_200, 1_850, 1_580) if uitgebreid else rng.triangular(330, 860, 500))
    for field, chance in (("resultaten", 0.6), ("knelpunten", 0.4)):
        if uitgebreid or rng.random() < chance:
            count = _count(rng, 7, 10, 8) if uitgebreid else _count(rng, 1, 5, 2)
            case[field] = [words.text(rng.triangular(50, 250, 140), 1_000) for _ in range(count)]
    lessen = _some(rng, catalogue.tips, 6, 9, 8) if uitgebreid else _some(rng, catalogue.tips, 0, 2, 1)
    if lessen:
        case["lessen"] = lessen
    if uitgebreid:
        case["rollen"] = {"bewoners": words.text(rng.uniform(250, 450)),
                          "professionals": words.text(rng.uniform(250, 450))}
        for role, chance in (("overheid", 0.8), ("kennisinstelling", 0.6)):
            if rng.random() < chance:
                case["rollen"][role] = words.text(rng.uniform(250, 450))
    if uitgebreid or rng.random() < 0.87:
        chosen = _some(rng, catalogue.bouwstenen, 6, 7, 6) if uitgebreid else _some(rng, catalogue.bouwstenen, 1, 5, 2)
        case["bouwstenen"] = [
            {"id": ident, "sterkte": rng.choices([s for s, _ in _STERKTE], weights=[w for _, w in _STERKTE])[0],
             "toelichting": words.text(rng.triangular(100, 205, 145), 600)}
            for ident in chosen
        ]
    chosen = _some(rng, catalogue.stappen, 4, 5, 5) if uitgebreid else _some(rng, catalogue.stappen, 1, 4, 1)
    case["stappen"] = [{"id": ident, "toelichting": words.text(rng.triangular(60, 200, 120), 600)} for ident in chosen]
    if uitgebreid or rng.random() < 0.4:
        case["begrippen"] = (_some(rng, catalogue.begrippen, 3, 8, 4) if uitgebreid
                             else _some(rng, catalogue.begrippen, 1, 4, 1))
    if rng.random() < 0.3:
        case["kaders"] = _some(rng, catalogue.kaders, 1, 2, 1)
    if uitgebreid or rng.random() < 0.07:
        case["auteurs"] = [f"{rng.choice(_VOORNAMEN)} {rng.choice(_ACHTERNAMEN)}" for _ in range(rng.randint(1, 4))]
    case["bronnen"] = _bronnen(rng, catalogue, _count(rng, 3, 8, 6) if uitgebreid else _count(rng, 1, 5, 3))
    if rng.random() < (0.7 if uitgebreid else 0.2):
        case["links"] = _links(rng, words, _count(rng, 1, 6, 3) if uitgebreid else _count(rng, 1, 4, 1))
    case["diepgang"] = "uitgebreid" if uitgebreid else "kort"
    return case


# --- the project -------------------------------------------------------------------------------


def case_ids(count: int, reserved: list[str]) -> list[str]:
    """The real case ids the content refers to first, then ``bench-casus-00001`` and on."""
    if count < len(reserved):
        raise ValueError(f"minstens {len(reserved)} casussen nodig: de inhoud verwijst naar zoveel echte casussen")
    return reserved + [f"bench-casus-{number:05d}" for number in range(1, count - len(reserved) + 1)]


def _unique_names(rng: Random, words: Words, count: int) -> list[str]:
    # Two cases with one title are an error, so draw until every name is new.
    seen: set[str] = set()
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(_KERN)} {words.place()}"
        if len(seen) > 20_000 or name.casefold() in seen:
            name = f"{name} {rng.choice(_PLAATS_BEGIN)}{rng.randint(2, 999)}"
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks, like the hand-written files."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def write_cases(cases: Path, count: int, seed: int, catalogue: Catalogue, reserved: list[str]) -> None:
    """Write ``count`` cases into the folder ``cases`` (created)."""
    rng = Random(seed)
    words = Words(rng, catalogue.terms)
    cases.mkdir(parents=True, exist_ok=True)
    ids = case_ids(count, reserved)
    for ident, naam in zip(ids, _unique_names(rng, words, count)):
        data = make_case(rng, words, catalogue, naam, uitgebreid=rng.random() < SHARE_UITGEBREID)
        text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
        (cases / f"{ident}.yml").write_text(
            "# yaml-language-server: $schema=../schemas/casus.schema.json\n" + text, encoding="utf-8")


def snapshot(target: Path, source: Path = REPO) -> Path:
    """Copy what a project is made from, code included, into ``target`` (must not exist).

    Someone may edit the code during a long run; building every size from one
    copy keeps the sizes comparable.
    """
    target.mkdir(parents=True)
    for name in (*COPIED, *LINKED, "cases"):
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, target / name)
    return target


def make_project(target: Path, count: int, *, seed: int = 1, source: Path = REPO) -> Path:
    """A project in ``target`` (must not exist) with the real content and ``count`` synthetic cases."""
    target.mkdir(parents=True)
    for name in COPIED:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, target / name)
    for name in LINKED:
        (target / name).symlink_to(source / name)
    reserved = _ids(source / "cases")
    write_cases(target / "cases", count, seed, load_catalogue(target / "content"), reserved)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description="Maak een project met synthetische casussen.")
    parser.add_argument("map", type=Path, help="nieuwe projectmap (mag nog niet bestaan)")
    parser.add_argument("--cases", type=int, default=100, help="aantal casussen (standaard 100)")
    parser.add_argument("--seed", type=int, default=1, help="startwaarde van het toeval (standaard 1)")
    args = parser.parse_args()
    make_project(args.map, args.cases, seed=args.seed)
    print(f"{args.cases} casussen geschreven in {args.map / 'cases'}")


if __name__ == "__main__":
    main()
