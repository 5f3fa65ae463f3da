"""-v shows the stages of a check or build with their duration; -q leaves only errors and what was asked for."""

from __future__ import annotations

import re

import pytest

from generator.cli import main
from generator.project import Project

STAGE = re.compile(r"^(inhoud lezen|inhoud controleren|kennisgraaf|samenhang controleren|zoekindex|MkDocs"
                   r"|\d+ pagina's en de data maken|\d+ bestanden naar docs/ schrijven): \d+,\d\d s$")


def test_verbose_generate_logs_every_stage_with_its_duration(mini: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(mini.root), "-v", "generate"]) == 0
    err = capsys.readouterr().err.splitlines()
    stages = [line.split(":")[0] for line in err if STAGE.match(line)]
    assert stages[:4] == ["inhoud lezen", "inhoud controleren", "kennisgraaf", "samenhang controleren"]
    assert "zoekindex" in stages and any(s.endswith("schrijven") for s in stages)
    assert any(s.endswith("de data maken") for s in stages)


def test_default_shows_no_stages(mini: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(mini.root), "check"]) == 0
    out, err = capsys.readouterr()
    assert "geen fouten" in out
    assert not any(STAGE.match(line) for line in err.splitlines())


def test_quiet_check_says_nothing_when_all_is_well(mini: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(mini.root), "-q", "check"]) == 0
    assert capsys.readouterr() == ("", "")


def test_quiet_still_reports_errors(mini: Project, capsys: pytest.CaptureFixture[str]) -> None:
    case = next((mini.root / "cases").glob("*.yml"))
    case.write_text(case.read_text(encoding="utf-8").replace("naam:", "naam: [", 1), encoding="utf-8")
    assert main(["--root", str(mini.root), "-q", "check"]) != 0
    out = capsys.readouterr().out
    assert case.name in out


def test_quiet_keeps_what_was_asked_for(mini: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(mini.root), "-q", "new", "tip", "Een nieuwe tip", "--stdout"]) == 0
    assert "titel:" in capsys.readouterr().out
