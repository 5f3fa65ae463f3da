"""The broken-input corpus (tests/fixtures/kapot): every mistake gets a located Dutch message.

Each fixture goes into a copy of the mini project and the real command line runs
on it, as an editor (or CI) would. The message must name the file, the line and
the field, say what is wrong and how to fix it; the exit code must be 1 and no
traceback may reach the editor.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import FIXTURES, REPO
from generator.project import Project

KAPOT = FIXTURES / "kapot"
VERWACHT: dict[str, dict[str, object]] = yaml.safe_load((KAPOT / "verwacht.yml").read_text(encoding="utf-8"))
# `pad:regel:kolom: veld: melding — oplossing`, the format of every message.
MESSAGE = re.compile(r"^(?P<bestand>[^:]+):(?P<regel>\d+):(?P<kolom>\d+): (?P<veld>\S+): (?P<melding>.+?) — (?P<oplossing>.+)$")


def test_the_corpus_is_complete() -> None:
    files = {path.name for path in KAPOT.iterdir() if path.name != "verwacht.yml"}
    assert files == set(VERWACHT), "elk kapot bestand hoort in verwacht.yml, en omgekeerd"
    assert len(files) >= 25


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_broken_input_gets_a_located_dutch_message(mini: Project, naam: str) -> None:
    expected = VERWACHT[naam]
    doel = str(expected.get("doel", f"cases/{naam}"))
    shutil.copyfile(KAPOT / naam, mini.root / doel)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(mini.root), "check"],
        capture_output=True, text=True, timeout=120, cwd=REPO,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "Error" not in output
    gemeld_in = str(expected.get("gemeld_in", doel))
    messages = [m for m in map(MESSAGE.match, result.stdout.splitlines()) if m and m["bestand"] == gemeld_in]
    assert messages, f"geen melding over {gemeld_in} in:\n{output}"
    match = next((m for m in messages if m["veld"] == expected["veld"]), None)
    assert match is not None, f"geen melding over veld {expected['veld']}:\n{output}"
    assert int(match["regel"]) == expected["regel"], match.group(0)
    assert str(expected["melding"]) in match["melding"], match.group(0)
    assert str(expected["oplossing"]) in match["oplossing"], match.group(0)
    assert output.rstrip().endswith("fout(en).") and "Geladen:" in output


@pytest.mark.parametrize("naam", ["syntaxfout.yml", "html-in-tekst.yml", "onbekend-thema.yml"])
def test_a_broken_input_stops_the_build_and_keeps_the_previous_site(mini: Project, naam: str) -> None:
    def wijkkompas(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator", "--root", str(mini.root), *args],
                              capture_output=True, text=True, timeout=600, cwd=REPO)

    assert wijkkompas("build").returncode == 0
    before = {p.relative_to(mini.site_dir): p.read_bytes() for p in mini.site_dir.rglob("*") if p.is_file()}
    shutil.copyfile(KAPOT / naam, mini.root / "cases" / naam)
    result = wijkkompas("build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"cases/{naam}:" in result.stderr and "De vorige site is niet aangeraakt." in result.stderr
    after = {p.relative_to(mini.site_dir): p.read_bytes() for p in mini.site_dir.rglob("*") if p.is_file()}
    assert after == before
