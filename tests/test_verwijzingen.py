"""Relations are declared once, on the model fields (``Naar``), and everything else follows.

A field typed ``Ref`` without a ``Naar`` would let a wrong id pass ``check`` and
leave the graph without the edge; these tests make that impossible to forget.
"""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import Field

from generator.models import KINDS, KIND_BY_NAME
from generator.models.common import Model, Naar, Ref
from generator.references import REFERENCES, declared_references, iter_references, ref_paths


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_ref_field_of_a_kind_is_declared_and_every_declaration_is_a_ref(kind) -> None:  # type: ignore[no-untyped-def]
    declared = {ref.path for ref in REFERENCES if ref.source == kind.name}
    assert ref_paths(kind.model) == declared


def test_every_declaration_points_at_a_kind_that_exists() -> None:
    assert {ref.target for ref in REFERENCES} <= set(KIND_BY_NAME)
    assert all(ref.weight >= 1 for ref in REFERENCES)


def test_a_forgotten_declaration_is_found() -> None:
    class Zonder(Model):
        themas: list[Ref] = Field(default_factory=list)
        bouwstenen: Annotated[list[Ref], Naar("bouwsteen", "over_bouwsteen", 2)] = Field(default_factory=list)

    assert ref_paths(Zonder) == {("themas", "*"), ("bouwstenen", "*")}
    assert {ref.path for ref in declared_references("proef", Zonder)} == {("bouwstenen", "*")}


def test_a_declaration_gives_the_check_and_the_graph_what_they_need() -> None:
    class Met(Model):
        themas: Annotated[list[Ref], Naar("thema", "heeft_thema", 3)] = Field(default_factory=list)

    import generator.references as references

    saved = references.REFERENCES
    references.REFERENCES = declared_references("proef", Met)
    try:
        found = list(iter_references("proef", {"themas": ["armoede", "wonen"]}))
    finally:
        references.REFERENCES = saved
    assert [(f.path, f.target, f.target_id, f.relation, f.weight) for f in found] == [
        (("themas", 0), "thema", "armoede", "heeft_thema", 3), (("themas", 1), "thema", "wonen", "heeft_thema", 3)]


def test_the_bron_of_every_kind_with_sources_is_declared_once_in_bronverwijzing() -> None:
    bron = [ref for ref in REFERENCES if ref.target == "bron"]
    assert {ref.source for ref in bron} == {k.name for k in KINDS if "bronnen" in k.model.model_fields}
    assert {(ref.relation, ref.weight) for ref in bron} == {("bron", 1)}


def test_the_json_schema_names_the_kind_each_reference_field_points_to() -> None:
    import json

    from generator.schema import render_schemas

    schemas = render_schemas()
    casus = json.loads(schemas["casus.schema.json"])

    def marked(schema: dict[str, object]) -> str:
        return json.dumps(schema, ensure_ascii=False, sort_keys=True)  # optional fields sit inside anyOf

    assert '"x-verwijst-naar": {"soort": "thema"}' in marked(casus["properties"]["themas"])
    assert '"x-verwijst-naar": {"soort": "stap", "veld": "id"}' in marked(casus["properties"]["stappen"])
    assert '"x-verwijst-naar": {"soort": "bron"}' in marked(casus["$defs"]["BronVerwijzing"]["properties"]["bron"])
    for kind in KINDS:
        declared = {ref.path[0] for ref in REFERENCES if ref.source == kind.name}
        text = schemas[f"{kind.name}.schema.json"]
        assert text.count('"x-verwijst-naar"') >= (1 if declared else 0), kind.name
