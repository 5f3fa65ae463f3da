"""The JSON Schemas in schemas/ are generated from the model and must not go stale."""

from __future__ import annotations

import json

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
