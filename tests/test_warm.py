"""The live preview's warm rebuild writes exactly what a cold build writes (generator/warm.py).

Each step edits the content (or a template) the way an editor would, builds warm
with the state of the previous warm builds, and compares every file of build/docs
with a cold build of the same content.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import checked, generate, render_all
from generator.urls import page_path
from generator.project import Project
from generator.warm import Warm
from tests.conftest import REPO


def _docs(project: Project) -> dict[str, bytes]:
    return {path.relative_to(project.docs_dir).as_posix(): path.read_bytes()
            for path in sorted(project.docs_dir.rglob("*")) if path.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} staat niet in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    # Templates copied too (not linked, as in repo_copy): one step edits a template.
    root = tmp_path / "project"
    root.mkdir()
    for name in ("cases", "content", "templates"):
        shutil.copytree(REPO / name, root / name)
    for name in ("generator", "mkdocs.yml", "pyproject.toml"):
        (root / name).symlink_to(REPO / name)
    return Project.at(root)


def test_warm_rebuilds_equal_cold_builds(project: Project) -> None:
    root = project.root
    ketel = root / "cases" / "de-ketel.yml"
    steps = [
        # A new word in a summary: the case's page, the lists that show the summary, the search index.
        ("samenvatting", lambda: _edit(ketel, "samenvatting: ", "samenvatting: Proefwoordvoedseltuin ")),
        # A word that is part of the one above: that word now splits into two (search/index.py, TermMemo).
        ("deelwoord", lambda: _edit(root / "cases" / "selwerd.yml", "samenvatting: ", "samenvatting: Proefwoord ")),
        # A title: every page that names the case by its title.
        ("naam", lambda: _edit(ketel, "naam: De Ketel", "naam: De Ketel van Den Haag")),
        # A definition: the glossary explanations on every page that uses the term.
        ("begrip", lambda: _edit(root / "content" / "begrippen" / "aandachtswijk.yml", "definitie: |-\n",
                                 "definitie: |-\n  Proefzin over aandachtswijken.\n")),
        # A template: every page made with it.
        ("sjabloon", lambda: _edit(root / "templates" / "pages" / "tip.md.j2", "\n", "\n{# proef #}\nProefregel.\n")),
        # Who a tip is for: which tips an answer nominates (the questionnaire's contributions).
        ("doelgroep", lambda: _edit(root / "content" / "tips" / "beantwoord-de-zeven-vragen-over-randvoorwaarden.yml",
                                    "doelgroepen:\n  - iedereen", "doelgroepen:\n  - gemeente")),
        # An answer's weight: every contribution of the questionnaire.
        ("vragenlijst", lambda: _edit(root / "content" / "vragenlijst.yml", '"thema:armoede", gewicht: 3',
                                      '"thema:armoede", gewicht: 4')),
        # A new case, then gone again: its page, the overviews, the related cases of others.
        ("nieuw", lambda: (root / "cases" / "proefcasus.yml").write_text(
            ketel.read_text(encoding="utf-8").replace("naam: De Ketel van Den Haag", "naam: Proefcasus"),
            encoding="utf-8")),
        ("weg", lambda: (root / "cases" / "proefcasus.yml").unlink()),
    ]
    warm = Warm()
    generate(project, warm=warm)
    assert _docs(project), "de eerste warme bouw schreef niets"
    for name, edit in steps:
        edit()
        # The preview's first pass: only the edited items' pages, as they will be in the whole.
        result = checked(project, warm)
        first = {page_path(item.kind, item.id) for item in warm.changed_items(result.content)}
        first_pass = render_all(project, result, warm=warm, only=first)
        computed = warm.scores.computed
        generate(project, warm=warm)
        warm_docs = _docs(project)
        reused = warm.pages.reused
        # The questionnaire's contributions are made again only when the graph or the questions change.
        assert (warm.scores.computed > computed) == (name in ("doelgroep", "vragenlijst", "nieuw", "weg")), name
        generate(project)
        cold_docs = _docs(project)
        different = sorted(path for path in warm_docs.keys() | cold_docs.keys()
                           if warm_docs.get(path) != cold_docs.get(path))
        assert not different, f"stap '{name}': warm anders dan koud in {different[:5]}"
        assert set(first_pass) == first, f"stap '{name}': de eerste ronde maakte {sorted(first_pass)}"
        for path, text in first_pass.items():
            assert cold_docs[str(path)] == text, f"stap '{name}': {path} anders in de eerste ronde"
        if name == "samenvatting":
            # The step an editor takes most: it must reuse nearly every page.
            assert reused > 400, f"stap '{name}': maar {reused} pagina's hergebruikt"
