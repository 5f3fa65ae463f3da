"""Adding a content kind touches four files (issue 19): shown by doing it.

On copies of the generator and of the small fixture project, a kind
``organisatie`` is added with exactly these changes:

1. ``generator/models/organisatie.py``: its model, with its reference declared on the field (``Naar``);
2. ``generator/models/__init__.py``: the import and one row in ``KINDS``;
3. ``templates/pages/organisatie.md.j2``: its page;
4. ``templates/pages/organisaties.md.j2``: its overview.

Then ``check`` and ``generate`` run with that copy: the item gets its page and
its overview, its reference to a case is checked (a wrong id is a Dutch error
with file and line) and becomes an edge of the knowledge graph. Optional further
changes, not needed for a working kind: a tab in the navigation (``mkdocs.yml``)
and a mention on the pages of other kinds (their templates).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"

MODEL = '''"""An organisation that works in neighbourhoods (the dry run of adding a kind)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .common import BronVerwijzing, KorteTekst, Model, Naar, Ref, Tekst


class Organisatie(Model):
    """An organisation and the cases it works in."""

    naam: KorteTekst = Field(description="Naam van de organisatie.")
    beschrijving: Tekst = Field(description="Wat de organisatie doet, in één zin.")
    casussen: Annotated[list[Ref], Naar("casus", "werkt_in", 2)] = Field(
        default_factory=list, max_length=100, description="Casussen waarin de organisatie werkt.")
    bronnen: list[BronVerwijzing] = Field(min_length=1, max_length=100, description="Waar dit vandaan komt.")
'''

PAGE = '''{% import "macros.md.j2" as mac with context %}
{{ mac.front(m.beschrijving) }}
# {{ m.naam|plain }}

{{ m.beschrijving|plain }}

## Casussen

{{ mac.lijst(casus, "Nog geen casus bij deze organisatie.") }}
'''

OVERVIEW = '''{% extends "lijst.md.j2" %}
{% set kop = "Organisaties" %}
{% set beschrijving = "Organisaties die in wijken werken." %}
{% set inleiding = "Organisaties en de casussen waarin zij werken." %}
'''


def _add_kind(tmp_path: Path) -> tuple[Path, Path]:
    code = tmp_path / "code"
    shutil.copytree(REPO / "generator", code / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    models = code / "generator" / "models"
    (models / "organisatie.py").write_text(MODEL, encoding="utf-8")  # change 1
    init = models / "__init__.py"
    text = init.read_text(encoding="utf-8")
    text = text.replace("from .kennis import", "from .organisatie import Organisatie\nfrom .kennis import", 1)
    row = '    Kind("bron", Bron,'
    assert row in text
    text = text.replace(row, '    Kind("organisatie", Organisatie, "content/organisaties", "organisaties", "organisatie", '
                             '"organisaties", "naam", "deze organisatie"),\n' + row, 1)
    init.write_text(text, encoding="utf-8")  # change 2

    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    shutil.copytree(REPO / "templates", project / "templates")
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(REPO / name, project / name)
    (project / "templates" / "pages" / "organisatie.md.j2").write_text(PAGE, encoding="utf-8")  # change 3
    (project / "templates" / "pages" / "organisaties.md.j2").write_text(OVERVIEW, encoding="utf-8")  # change 4

    bron = sorted((project / "content" / "bronnen").glob("*.yml"))[0].stem
    casus = sorted((project / "cases").glob("*.yml"))[0].stem
    (project / "content" / "organisaties").mkdir()
    (project / "content" / "organisaties" / "buurtwerk.yml").write_text(
        f"naam: Buurtwerk\nbeschrijving: Opbouwwerk in de wijk.\ncasussen:\n  - {casus}\n"
        f"bronnen:\n  - bron: {bron}\n    hoofdstuk: H1\n    regels: 1-2\n", encoding="utf-8")
    return code, project


def _run(code: Path, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # -S: without site's .pth files, so the editable install does not map 'generator'
    # back to this repository; the libraries come from site-packages on the path.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(code), sysconfig.get_paths()["purelib"]]))
    return subprocess.run([sys.executable, "-S", "-m", "generator", "--root", str(project), *args],
                          env=env, cwd=code, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_new_kind_needs_four_files(tmp_path: Path) -> None:
    code, project = _add_kind(tmp_path)
    done = _run(code, project, "generate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 organisatie" in done.stdout
    docs = project / "build" / "docs"
    page = (docs / "organisaties" / "buurtwerk.md").read_text(encoding="utf-8")
    assert "# Buurtwerk" in page
    casus = sorted((project / "cases").glob("*.yml"))[0].stem
    assert f"casussen/{casus}" in page  # the declared reference became a link
    assert "Buurtwerk" in (docs / "organisaties" / "index.md").read_text(encoding="utf-8")
    graaf = json.loads((docs / "data" / "graaf.json").read_text(encoding="utf-8"))
    assert {"bron": "organisatie:buurtwerk", "doel": f"casus:{casus}", "relation": "werkt_in",
            "weight": 2} in graaf["verbindingen"]  # and an edge of the knowledge graph

    item = project / "content" / "organisaties" / "buurtwerk.yml"
    item.write_text(item.read_text(encoding="utf-8").replace(f"  - {casus}\n", "  - bestaat-niet\n"), encoding="utf-8")
    done = _run(code, project, "check")
    assert done.returncode != 0
    assert "content/organisaties/buurtwerk.yml:4:" in done.stdout
    assert "bestaat-niet" in done.stdout
