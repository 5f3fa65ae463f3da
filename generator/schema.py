"""Export the content model as JSON Schema files for editors' autocompletion."""

from __future__ import annotations

import json
from typing import Any
from pathlib import Path

from pydantic import BaseModel

from .models import KINDS
from .questionnaire.model import Vragenlijst

__all__ = ["render_schemas", "write_schemas", "find_stale_schemas"]


def _allow_empty_optionals(schema: dict[str, Any]) -> None:
    """Let optional properties be null, as the model does (an empty template field)."""
    for obj in [schema, *schema.get("$defs", {}).values()]:
        required = set(obj.get("required", []))
        for name, prop in obj.get("properties", {}).items():
            if name in required or any(alt.get("type") == "null" for alt in prop.get("anyOf", [])):
                continue
            keep = {key: prop.pop(key) for key in ("description", "default", "title") if key in prop}
            inner = dict(prop)
            prop.clear()
            prop.update(keep)
            prop["anyOf"] = [inner, {"type": "null"}]


def _schema_text(model: type[BaseModel], label: str) -> str:
    schema = model.model_json_schema()
    _allow_empty_optionals(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Wijkkompas: {label}"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_schemas() -> dict[str, str]:
    """File name -> JSON Schema text, one per kind of content and one for the questionnaire."""
    schemas = {f"{kind.name}.schema.json": _schema_text(kind.model, kind.label) for kind in KINDS}
    schemas["vragenlijst.schema.json"] = _schema_text(Vragenlijst, "vragenlijst")
    return schemas


def write_schemas(folder: Path) -> list[str]:
    """Write the schemas into ``folder``; return the names of files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in render_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def find_stale_schemas(folder: Path) -> list[str]:
    """Names of schema files that are missing or differ from the model."""
    return [
        name for name, text in render_schemas().items()
        if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text
    ]
