"""Check content/vragenlijst.yml: its model, routes, and references into the content."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from ..errors import Problem
from ..content import Content
from ..load import read_yaml
from ..messages import problems_from_validation_error, suggest
from ..models import KIND_BY_NAME
from ..yamlfile import ParsedFile
from .model import Vragenlijst
from .routing import find_routing_problems

__all__ = ["VRAGENLIJST_PAD", "load_vragenlijst", "find_questionnaire_problems"]

VRAGENLIJST_PAD = "content/vragenlijst.yml"


def load_vragenlijst(root: Path) -> tuple[Vragenlijst | None, ParsedFile | None, list[Problem]]:
    """Read and validate the questionnaire file; ``(None, None, [])`` when there is none."""
    path = root / VRAGENLIJST_PAD
    if not os.path.lexists(path):
        return None, None, []
    # Anything else by this name (a folder, a pipe, a link, a huge file) is refused
    # by the same reader as every content file, rather than silently dropping the questionnaire.
    parsed, problems = read_yaml(path, VRAGENLIJST_PAD)
    if parsed is None:
        return None, None, problems
    if not isinstance(parsed.data, dict):
        return None, parsed, [Problem(VRAGENLIJST_PAD, 1, 1, "", "de vragenlijst moet een blok met velden zijn",
                                      "begin met 'titel:', 'inleiding:', 'start:' en 'vragen:'")]
    try:
        return Vragenlijst.model_validate(parsed.data), parsed, []
    except ValidationError as exc:
        return None, parsed, problems_from_validation_error(exc, Vragenlijst, parsed, VRAGENLIJST_PAD)


def find_questionnaire_problems(vragenlijst: Vragenlijst, parsed: ParsedFile, content: Content) -> list[Problem]:
    """Routing problems and unknown references, located in the file."""

    def at(path: tuple[str | int, ...], melding: str, oplossing: str = "") -> Problem:
        regel, kolom = parsed.locate(path)
        return Problem(VRAGENLIJST_PAD, regel, kolom, ".".join(map(str, path)), melding, oplossing)

    problems = [at(issue.path, issue.melding, issue.oplossing) for issue in find_routing_problems(vragenlijst)]
    for v, vraag in enumerate(vragenlijst.vragen):
        for o, optie in enumerate(vraag.opties):
            for e, effect in enumerate(optie.effecten):
                kind, _, item_id = effect.doel.partition(":")
                known = content.known_ids(kind)
                if item_id not in known:
                    hint = suggest(item_id, known)
                    problems.append(at(("vragen", v, "opties", o, "effecten", e, "doel"),
                                       f"{KIND_BY_NAME[kind].onbekende} '{item_id}'",
                                       hint or f"kies een bestaande id uit {KIND_BY_NAME[kind].folder}/"))
            for w, tip_id in enumerate(optie.waarschuwingen):
                tip = content.get("tip", tip_id)
                path = ("vragen", v, "opties", o, "waarschuwingen", w)
                if tip is None and tip_id in content.known_ids("tip"):
                    continue  # the tip has errors of its own
                if tip is None:
                    problems.append(at(path, f"onbekende tip '{tip_id}'",
                                       suggest(tip_id, set(content.items["tip"])) or "kies een valkuil uit content/tips/"))
                elif getattr(tip.model, "soort", "") != "valkuil":
                    problems.append(at(path, f"'{tip_id}' is geen valkuil", "kies een tip met 'soort: valkuil'"))
    return problems
