"""Turn pydantic's validation errors into Dutch problems for editors."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import Problem
from .yamlfile import ParsedFile

__all__ = ["problems_from_validation_error", "suggest", "field_names"]


def suggest(word: str, options: list[str] | set[str]) -> str:
    """Return ``"bedoelt u 'x'?"`` for the nearest option, or ``""`` if none is near."""
    matches = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f"bedoelt u '{matches[0]}'?" if matches else ""


def field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The allowed field names of the (nested) model at ``loc``, for suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
        if current is None:
            return []
    return sorted(getattr(current, "model_fields", {}) or [])


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _describe(error: ErrorDetails, model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, str]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if value is None and (kind.endswith("_type") or kind == "literal_error"):
        # An empty field from the template: say so, rather than "wrong type".
        hint = "vul het in (zie de uitleg in het commentaar erboven)"
        if kind == "literal_error":
            hint = "kies uit: " + ", ".join(_literal_options(ctx))
        return "dit verplichte veld is nog niet ingevuld", hint
    if kind == "missing":
        return "dit verplichte veld ontbreekt", f"voeg '{loc[-1]}:' toe met een waarde"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        hint = suggest(name, field_names(model, loc[:-1]))
        return f"onbekend veld '{name}'", hint or "verwijder het of controleer de spelling"
    if kind == "string_type":
        return "hier hoort tekst", "schrijf de waarde als tekst"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(value, str) and _LONG_NUMBER.fullmatch(value.strip()):
            return f"het getal '{_short(value)}' is te groot", "controleer het getal in de bron"
        if isinstance(value, str) and _NUMBER_LIKE.search(value):
            # `0777`, `0xFF`, `12:30`, `1_000`, `"2014"`: read as text, never converted silently.
            return (f"hier hoort een geheel getal, niet '{_short(value)}'",
                    "schrijf een getal in gewone cijfers, zonder voorloopnullen, aanhalingstekens of andere "
                    "tekens, bijv. 2014")
        return f"hier hoort een geheel getal, niet '{_short(value)}'", "schrijf een getal zonder aanhalingstekens"
    if kind == "list_type":
        return "hier hoort een lijst", "zet elk item op een eigen regel die begint met '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "hier hoort een blok met velden (naam: waarde)", "zie het sjabloon voor de juiste vorm"
    if kind == "literal_error":
        options = _literal_options(ctx)
        hint = suggest(str(value), options)
        return (
            f"'{_short(value)}' is geen geldige waarde",
            (hint + " " if hint else "") + "kies uit: " + ", ".join(options),
        )
    if kind == "string_too_short":
        return "dit veld mag niet leeg zijn", "vul een tekst in"
    if kind == "string_too_long":
        return f"de tekst is te lang (maximaal {ctx.get('max_length')} tekens)", "maak hem korter"
    if kind == "too_short":
        return f"hier is minstens {ctx.get('min_length')} item nodig", "voeg een item toe"
    if kind == "too_long" and isinstance(value, str):
        return f"de tekst is te lang (maximaal {ctx.get('max_length')} tekens)", "maak hem korter"
    if kind == "too_long":
        return f"hier mogen hoogstens {ctx.get('max_length')} items staan", "verwijder items"
    if kind == "string_pattern_mismatch":
        return f"'{_short(value)}' heeft niet de juiste vorm", "zie de beschrijving van dit veld in het sjabloon"
    if kind in ("greater_than_equal", "greater_than"):
        return f"de waarde moet minstens {ctx.get('ge', ctx.get('gt'))} zijn", "controleer het getal in de bron"
    if kind in ("less_than_equal", "less_than"):
        return f"de waarde mag hoogstens {ctx.get('le', ctx.get('lt'))} zijn", "controleer het getal in de bron"
    if kind == "value_error":
        message = str(ctx.get("error", error.get("msg", "")))
        melding, _, oplossing = message.partition("; ")
        return melding, oplossing or "zie de uitleg bij dit veld in het sjabloon"
    return error.get("msg", "ongeldige waarde"), "zie de uitleg bij dit veld in het sjabloon of in schemas/"


def _literal_options(ctx: dict[str, Any]) -> list[str]:
    expected = str(ctx.get("expected", "")).replace(" or ", ",")
    return [option.strip(" '") for option in expected.split(",") if option.strip()]


_LONG_NUMBER = re.compile(r"[-+]?\d{19,}")
_NUMBER_LIKE = re.compile(r"\d")


def _short(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # as the editor wrote it
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def problems_from_validation_error(
    exc: ValidationError, model: type[BaseModel], parsed: ParsedFile, bestand: str
) -> list[Problem]:
    """One Dutch ``Problem`` per pydantic error, located in the YAML file."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
        # For a missing field, point at the block it belongs in.
        target = loc[:-1] if error["type"] == "missing" else loc
        regel, kolom = parsed.locate(target)
        melding, oplossing = _describe(error, model, loc)
        veld = ".".join(str(part) for part in loc) or "(bestand)"
        problems.append(Problem(bestand, regel, kolom, veld, melding, oplossing))
    return problems
