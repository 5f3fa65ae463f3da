"""``wijkkompas new``: start a new content file from a commented template.

The templates live in ``templates/nieuw/``; they list the ids an editor can
choose from, taken from the content as it is now, so the comments never go stale.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import get_args

import jinja2

from .errors import WijkkompasError
from .content import Content
from .load import load_content
from .models import KIND_BY_NAME, Bron
from .models.common import SLUG_PATTERN, Doelgroep, PartijType
from .project import Project

__all__ = ["NEW_KINDS", "ScaffoldError", "slugify", "new_content_file"]

# The kinds an editor can start with `wijkkompas new`; the rest change rarely.
NEW_KINDS = ("casus", "tip", "begrip")
_MAX_ID = 80


class ScaffoldError(WijkkompasError):
    """A Dutch message for the editor: why no file was written."""


@dataclass(frozen=True)
class NewFile:
    """What ``new`` wrote."""

    path: Path
    relative: str
    id: str
    text: str


def slugify(name: str) -> str:
    """The id for a name: ASCII lower case words joined by hyphens.

    >>> slugify("Café 't Hoekje: samen eten!")
    'cafe-t-hoekje-samen-eten'
    >>> slugify("De Ketel")
    'de-ketel'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if len(slug) > _MAX_ID:
        slug = slug[:_MAX_ID].rsplit("-", 1)[0]
    return slug


def _choices(content: Content, kind: str) -> list[tuple[str, str]]:
    return sorted((item.id, item.title) for item in content.of(kind))


def _render(project: Project, kind: str, naam: str, target: Path, content: Content) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.templates / "nieuw"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML, not HTML; the check refuses markup in any value
    )
    environment.filters["yaml_string"] = lambda value: json.dumps(value, ensure_ascii=False)
    schema = Path(os.path.relpath(project.schemas_dir / f"{kind}.schema.json", target.parent)).as_posix()
    examples = {"casus": "cases/de-ketel.yml", "tip": "content/tips/begin-klein.yml",
                "begrip": "content/begrippen/samenredzaamheid.yml"}
    existing = sorted(content.of(kind), key=lambda item: item.id)
    voorbeeld = examples[kind] if (project.root / examples[kind]).is_file() else (
        existing[0].bestand if existing else "de andere bestanden in deze map")
    tips = sorted(item.id for item in content.of("tip"))
    return environment.get_template(f"{kind}.yml.j2").render(
        naam=naam,
        schema=schema,
        voorbeeld=voorbeeld,
        themas=_choices(content, "thema"),
        bouwstenen=_choices(content, "bouwsteen"),
        stappen=_choices(content, "stap"),
        kaders=_choices(content, "kader"),
        bronnen=sorted((item.id, item.title, item.as_(Bron).regels_totaal) for item in content.of("bron")),
        partijtypes=list(get_args(PartijType)),
        doelgroepen=list(get_args(Doelgroep)),
        voorbeeld_tip=tips[0] if tips else "begin-klein",
    )


def new_content_file(
    project: Project, kind: str, naam: str, id_: str | None = None, *, write: bool = True
) -> NewFile:
    """Write a new, commented file for ``kind`` named ``naam``; never overwrite one.

    With ``write`` false nothing is written and the text is only returned (for
    the copy-and-paste templates of editors who work in the web interface).
    """
    if kind not in NEW_KINDS:
        raise ScaffoldError(f"'{kind}' kan niet met 'new'; kies uit: {', '.join(NEW_KINDS)}")
    naam = " ".join(naam.split())
    if not naam:
        raise ScaffoldError("geef een naam, bijv.: wijkkompas new casus \"De Buurtkamer\"")
    slug = id_ if id_ is not None else slugify(naam)
    if not re.match(SLUG_PATTERN, slug) or len(slug) > _MAX_ID:
        raise ScaffoldError(
            f"'{slug}' is geen geldige id; geef er een met --id, met alleen kleine letters, "
            "cijfers en koppeltekens (bijv. --id de-buurtkamer)"
        )
    folder = project.root / KIND_BY_NAME[kind].folder
    target = folder / f"{slug}.yml"
    relative = PurePosixPath(KIND_BY_NAME[kind].folder, target.name).as_posix()
    if write and (target.exists() or target.is_symlink()):
        raise ScaffoldError(
            f"{relative} bestaat al; kies een andere naam of geef een andere id met --id"
        )
    content, _ = load_content(project.root)
    # A name the check would refuse as a duplicate title: say so now, not later.
    for item in content.of(kind):
        if write and item.title.casefold() == naam.casefold():
            raise ScaffoldError(f"er is al een {KIND_BY_NAME[kind].label} '{naam}': {item.bestand}")
    text = _render(project, kind, naam, target, content)
    if not write:
        return NewFile(target, relative, slug, text)
    folder.mkdir(parents=True, exist_ok=True)
    # 'x' refuses to overwrite, also when another process created the file meanwhile.
    with open(target, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return NewFile(target, relative, slug, text)
