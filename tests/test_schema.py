"""The JSON Schemas in schemas/ are generated from the model and must not go stale."""

from __future__ import annotations

import json

from pathlib import Path

from generator.models import KINDS
from generator.schema import find_stale_schemas, render_schemas

from conftest import REPO


def test_checked_in_schemas_match_the_model() -> None:
    stale = find_stale_schemas(REPO / "schemas")
    assert stale == [], f"verouderd: {stale}; draai 'make schema' en commit schemas/"


def test_every_field_is_documented_for_editors() -> None:
    for name, text in render_schemas().items():
        schema = json.loads(text)
        definitions = [schema, *schema.get("$defs", {}).values()]
        for definition in definitions:
            for field, spec in definition.get("properties", {}).items():
                assert spec.get("description"), f"{name}: veld '{field}' heeft geen beschrijving"


def test_one_schema_per_kind_forbidding_unknown_keys() -> None:
    schemas = render_schemas()
    assert sorted(schemas) == sorted([f"{k.name}.schema.json" for k in KINDS] + ["vragenlijst.schema.json"])
    assert json.loads(schemas["casus.schema.json"])["additionalProperties"] is False


# ------------------------------------------------------------------ the schemas against the validator

def _validator(kind: str):  # type: ignore[no-untyped-def]
    import jsonschema

    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _content_files() -> list[tuple[str, Path]]:
    files = [(kind.name, path) for kind in KINDS for path in sorted((REPO / kind.folder).glob("*.yml"))]
    return files + [("vragenlijst", REPO / "content" / "vragenlijst.yml")]


def test_every_content_file_is_valid_under_its_schema_as_an_editor_sees_it() -> None:
    """A standard JSON Schema validator (as editors' text editors use) accepts what check accepts."""
    import yaml

    problems = []
    for kind, path in _content_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for error in _validator(kind).iter_errors(data):
            problems.append(f"{path.relative_to(REPO)}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    assert problems == []


def test_what_editors_type_for_line_numbers_passes_both() -> None:
    from generator.models import BronVerwijzing

    validator = _validator("casus")
    sub = {"$defs": validator.schema["$defs"], "$ref": "#/$defs/BronVerwijzing"}
    for regels in (860, "860", "1137-1382", "1137–1382", "1137 - 1382"):
        entry = {"bron": "plekken-van-hoop", "hoofdstuk": "H4", "regels": regels}
        assert not list(type(validator)(sub).iter_errors(entry)), regels
        BronVerwijzing.model_validate(entry)


def test_broken_files_are_refused_by_the_schema_and_by_check() -> None:
    import pydantic
    import yaml

    from generator.models import Casus

    good = yaml.safe_load((REPO / "cases" / "zorgvrijstaat.yml").read_text(encoding="utf-8"))
    broken = {
        "onbekend veld": {**good, "kleur": "groen"},
        "verplicht veld ontbreekt": {k: v for k, v in good.items() if k != "naam"},
        "lijst waar tekst hoort": {**good, "samenvatting": ["a", "b"]},
        "regels zijn geen nummers": {**good, "bronnen": [{**good["bronnen"][0], "regels": "twaalf"}]},
        "ongeldige keuze": {**good, "diepgang": "diep"},
    }
    validator = _validator("casus")
    for name, data in broken.items():
        assert list(validator.iter_errors(data)), name
        try:
            Casus.model_validate(data)
        except pydantic.ValidationError:
            continue
        raise AssertionError(f"check neemt aan: {name}")
