"""The editor's workflow: `wijkkompas new`, the template, and `check --format github`."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from pydantic import BaseModel

from conftest import REPO
from generator.check import check_project
from generator.errors import Problem
from generator.models import KIND_BY_NAME
from generator.project import Project
from generator.questionnaire.advice import LIMITS, advise
from generator.questionnaire.wire import decode
from generator.scaffold import NEW_KINDS, slugify
from generator.yamlfile import parse_yaml


def wijkkompas(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command line, as an editor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project.root), *args],
        capture_output=True, text=True, timeout=300, cwd=REPO,
    )


def _field_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field of a model, nested models included, as dotted names."""
    paths = set()
    for name, info in model.model_fields.items():
        paths.add(prefix + name)
        for inner in _models_in(info.annotation):
            paths |= _field_paths(inner, prefix + name + ".")
    return paths


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) or () for m in _models_in(arg)]


def _template_keys(text: str) -> set[str]:
    """Dotted key names present in a template, commented examples included."""
    keys, stack = set(), []  # stack of (indent, name)
    for line in text.splitlines():
        body = line.lstrip("#").rstrip() if line.startswith("#   ") else line
        match = re.match(r"^(\s*)(?:- )?([a-z_]+):(?:\s|$)", body)
        if not match:
            continue
        indent = len(match.group(1)) + (2 if "- " in body[: len(match.group(1)) + 2] else 0)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        keys.add(".".join([name for _, name in stack] + [match.group(2)]))
        stack.append((indent, match.group(2)))
    return keys


@pytest.mark.parametrize("soort", NEW_KINDS)
def test_new_writes_a_complete_commented_template(repo_copy: Project, soort: str) -> None:
    result = wijkkompas(repo_copy, "new", soort, "Één nieuwe proef")
    assert result.returncode == 0, result.stderr
    kind = KIND_BY_NAME[soort]
    path = repo_copy.root / kind.folder / "een-nieuwe-proef.yml"
    assert f"{kind.folder}/een-nieuwe-proef.yml" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../{'../' if '/' in kind.folder else ''}schemas/{soort}.schema.json\n")
    schema = (path.parent / text.split("$schema=")[1].split("\n")[0]).resolve()
    assert schema == (REPO / "schemas" / f"{soort}.schema.json").resolve() or schema.name == f"{soort}.schema.json"
    # Every field of the model is in the template (examples of list items may be comments).
    missing = _field_paths(kind.model) - _template_keys(text)
    assert not missing, f"het sjabloon mist velden: {sorted(missing)}"
    # Every top-level key is explained by a comment right above it (or above its blank line).
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):
            above = [l for l in lines[max(0, number - 3):number] if l.strip()]
            assert above and above[-1].startswith("#"), f"geen uitleg boven '{line}'"
    # The name is in, the YAML parses, and the ids an editor may choose are listed.
    assert "Één nieuwe proef" in text
    parse_yaml(text.encode("utf-8"))
    assert "#   vertrouwen  (Vertrouwen)" in text or soort == "begrip"
    assert "#   plekken-van-hoop  (Plekken van hoop en verandering; 5470 regels)" in text


def test_new_refuses_to_overwrite_and_explains(repo_copy: Project) -> None:
    existing = repo_copy.root / "cases" / "de-ketel.yml"
    before = existing.read_bytes()
    result = wijkkompas(repo_copy, "new", "casus", "De Ketel")
    assert result.returncode == 1
    assert "cases/de-ketel.yml bestaat al" in result.stderr and "--id" in result.stderr
    assert existing.read_bytes() == before
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "fragment"), [
    (("new", "casus", "De Ketel", "--id", "ketel-2"), "er is al een casus 'De Ketel'"),
    (("new", "casus", "!!!"), "geen geldige id"),
    (("new", "casus", "Proef", "--id", "../buiten"), "geen geldige id"),
    (("new", "casus", "Proef", "--id", "a/b"), "geen geldige id"),
    (("new", "casus", "   "), "geef een naam"),
])
def test_new_refuses_bad_names_and_ids(repo_copy: Project, args: tuple[str, ...], fragment: str) -> None:
    before = sorted(p.name for p in (repo_copy.root / "cases").iterdir())
    result = wijkkompas(repo_copy, *args)
    assert result.returncode == 1 and fragment in result.stderr, result.stderr
    assert sorted(p.name for p in (repo_copy.root / "cases").iterdir()) == before
    assert not (repo_copy.root / "buiten.yml").exists()


def test_slugify_makes_ascii_ids() -> None:
    assert slugify("Zorgvrijstaat") == "zorgvrijstaat"
    assert slugify("  Café   Ünïcode / wijk ") == "cafe-unicode-wijk"
    assert slugify("x" * 200) == "x" * 80


def test_unfilled_template_lists_exactly_what_to_fill_in(repo_copy: Project) -> None:
    wijkkompas(repo_copy, "new", "casus", "Proef")
    problems = [p for p in check_project(repo_copy).fouten if p.bestand == "cases/proef.yml"]
    text = (repo_copy.root / "cases" / "proef.yml").read_text(encoding="utf-8").splitlines()
    velden = {p.veld for p in problems}
    assert velden == {"stad", "wijk", "periode", "samenvatting", "themas.0", "initiatiefnemers.0",
                      "organisatievorm", "financiering", "plek", "bronnen.0.bron",
                      "bronnen.0.hoofdstuk", "bronnen.0.regels"}
    for problem in problems:
        assert problem.melding == "dit verplichte veld is nog niet ingevuld"
        assert problem.oplossing
        # The line points at the empty field itself.
        line = text[problem.regel - 1].strip()
        last = problem.veld.split(".")[-1]
        assert line == "-" if last.isdigit() else line.lstrip("- ").startswith(last + ":"), (problem, line)


def test_check_format_github_annotates_the_pull_request(repo_copy: Project) -> None:
    case = repo_copy.root / "cases" / "de-ketel.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("  - id: vertrouwen\n", "  - id: vertrouwn\n", 1), encoding="utf-8")
    result = wijkkompas(repo_copy, "check", "--format", "github")
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations, result.stdout
    line = next(a for a in annotations if "vertrouwn" in a)
    match = re.match(r"^::error file=cases/de-ketel\.yml,line=(\d+),col=(\d+),title=([^:]+)::(.+)$", line)
    assert match, line
    number = int(match.group(1))
    assert "vertrouwn" in case.read_text(encoding="utf-8").splitlines()[number - 1]
    assert "bedoelt u 'vertrouwen'?" in match.group(4)
    assert result.stdout.rstrip().splitlines()[-1].startswith("Geladen:")


def test_github_annotations_escape_what_would_end_the_command() -> None:
    problem = Problem("cases/a,b.yml", 3, 2, "naam", "100% fout: regel\neinde", "los op")
    assert problem.as_github() == "::error file=cases/a%2Cb.yml,line=3,col=2,title=naam::100%25 fout: regel%0Aeinde — los op"
    warning = Problem("cases/x.yml", 0, 0, "", "let op", niveau="waarschuwing")
    assert warning.as_github() == "::warning file=cases/x.yml,title=(bestand)::let op"
    assert warning.as_github(strict=True).startswith("::error ")


# ---------------------------------------------------------------- the new editor, end to end

FILLED = {
    "stad:": "stad: Utrecht",
    "wijk:": "wijk: Proefwijk",
    "periode:": 'periode: "2020–2024"',
    "samenvatting:": "samenvatting: Een proefcasus over een buurtmoestuin waar bewoners en een corporatie samen zaaien en oogsten.",
    "organisatievorm:": "organisatievorm: Stichting",
    "financiering:": "financiering: Niet genoemd in de bron.",
    "plek:": "plek: Een braakliggend veld",
    "themas:\n  -": "themas:\n  - voedsel-en-groen",
    "initiatiefnemers:\n  -": "initiatiefnemers:\n  - bewoners",
    "bouwstenen:\n  - id:\n    sterkte:": "bouwstenen:\n  - id: vertrouwen\n    sterkte: sterk",
    "    toelichting:\n": "    toelichting: Bewoners en corporatie leren elkaar kennen bij het zaaien.\n",
    "bronnen:\n  - bron:": "bronnen:\n  - bron: plekken-van-hoop",
    "    hoofdstuk:\n": "    hoofdstuk: H5 De Voedseltuin\n",
    "    regels:\n": '    regels: "1383-1500"\n',
}


def _fill(text: str) -> str:
    for empty, filled in FILLED.items():
        pattern = re.compile("^" + re.escape(empty) + ("$" if not empty.endswith("\n") else ""), re.MULTILINE)
        text, count = pattern.subn(filled.replace("\\", "\\\\"), text, count=1)
        assert count == 1, f"niet gevonden in het sjabloon: {empty!r}"
    return text


@pytest.mark.slow
def test_a_new_editor_adds_a_case_without_touching_code(repo_copy: Project) -> None:
    assert wijkkompas(repo_copy, "new", "casus", "Proef").returncode == 0
    path = repo_copy.root / "cases" / "proef.yml"
    filled = _fill(path.read_text(encoding="utf-8"))

    # A typo is explained with the line and a suggestion ...
    path.write_text(filled.replace("- voedsel-en-groen", "- voedsel-en-gron"), encoding="utf-8")
    result = wijkkompas(repo_copy, "check")
    assert result.returncode == 1
    assert re.search(r"cases/proef\.yml:\d+:\d+: themas\.0: .*voedsel-en-gron.*bedoelt u 'voedsel-en-groen'\?", result.stdout)
    # ... and once fixed, the check passes and the site has the case everywhere.
    path.write_text(filled, encoding="utf-8")
    result = wijkkompas(repo_copy, "check")
    assert result.returncode == 0, result.stdout
    result = wijkkompas(repo_copy, "build")
    assert result.returncode == 0, result.stderr
    site = repo_copy.site_dir

    page = (site / "casussen" / "proef" / "index.html").read_text(encoding="utf-8")
    assert "Proef" in page and "Een braakliggend veld" in page
    # The verkenner lists it (the list works without JavaScript too).
    verkenner = (site / "casussen" / "index.html").read_text(encoding="utf-8")
    assert 'href="proef/"' in verkenner
    # Search finds it: the index's documents have the page, with its name.
    documents = "".join(part.read_text(encoding="utf-8") for part in (site / "zoekindex" / "d").glob("*.js"))
    assert '["casussen/proef/","Proef","casus"' in documents
    # Its bouwsteen page lists it.
    assert 'href="../../casussen/proef/"' in (site / "bouwstenen" / "vertrouwen" / "index.html").read_text(encoding="utf-8")
    # The questionnaire can recommend it: some answer set puts it in the top list.
    data = decode(json.loads((site / "data" / "vragenlijst.json").read_text(encoding="utf-8")))
    assert _answers_recommending(data, "casus:proef") is not None


def _answers_recommending(data: dict, node: str) -> dict[str, list[str]] | None:
    """Answers under which ``node`` is among the recommended cases, found greedily."""
    answers: dict[str, list[str]] = {}
    for vraag in data["vragen"]:
        options = sorted(vraag["opties"], key=lambda o: -o["bijdragen"].get(node, 0))
        if options and options[0]["bijdragen"].get(node, 0) > 0:
            trial = {**answers, vraag["id"]: [options[0]["id"]]}
            try:
                advise(data, trial)
            except ValueError:
                continue  # not on the route these answers take
            answers = trial
            ids = [item["id"] for item in advise(data, answers)["casussen"]]
            if node.split(":", 1)[1] in ids[: LIMITS["casus"]]:
                return answers
    return None


@pytest.mark.parametrize(("soort", "naam"), [
    ("casus", "Naam van de casus"), ("tip", "Titel van de tip"), ("begrip", "Het begrip"),
])
def test_copy_and_paste_templates_are_current(soort: str, naam: str) -> None:
    result = wijkkompas(Project.at(REPO), "new", soort, naam, "--stdout")
    committed = (REPO / "templates" / "sjablonen" / f"{soort}.yml").read_text(encoding="utf-8")
    assert result.stdout == committed, "templates/sjablonen is verouderd: voer 'make sjablonen' uit"
