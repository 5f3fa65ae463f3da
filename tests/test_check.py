"""`wijkkompas check`: the real content is clean; broken copies get located Dutch errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.project import Project

from conftest import REPO


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_real_content_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--root", str(REPO), "check")
    assert code == 0, out
    assert "geen fouten" in out
    assert re.match(r"Geladen: \d+ casussen, 7 bouwstenen, 5 stappen, .* — geen fouten\.$", out.strip().splitlines()[-1])


def test_json_format_has_errors_warnings_and_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--root", str(REPO), "check", "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert report["fouten"] == []
    assert set(report["aantallen"]) == {"casus", "bouwsteen", "stap", "tip", "kader", "thema", "begrip", "bron"}
    assert report["aantallen"]["bouwsteen"] == 7 and report["aantallen"]["stap"] == 5


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path``; return the 1-based line it was on."""
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old):], encoding="utf-8")
    return text[:index].count("\n") + 1


def _replace_line(path: Path, start: str, new: str) -> int:
    """Replace the first line that starts with ``start``; return its number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines) if line.startswith(start))
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def test_misspelled_bouwsteen_gets_file_line_and_suggestion(repo_copy: Project, capsys: pytest.CaptureFixture[str]) -> None:
    case = repo_copy.root / "cases" / "de-ketel-kopie.yml"
    case.write_text((repo_copy.root / "cases" / "de-ketel.yml").read_text(encoding="utf-8")
                    .replace("naam: De Ketel", "naam: De Ketel (kopie)", 1), encoding="utf-8")
    line = _edit(case, "id: vertrouwen", "id: vertrouwn")
    code, out = run(capsys, "--root", str(repo_copy.root), "check")
    assert code == 1
    assert re.search(rf"cases/de-ketel-kopie\.yml:{line}:\d+: bouwstenen\.\d+\.id: onbekende bouwsteen 'vertrouwn'"
                     r" — bedoelt u 'vertrouwen'\?", out), out


def test_script_in_text_is_rejected_with_location(repo_copy: Project, capsys: pytest.CaptureFixture[str]) -> None:
    case = repo_copy.root / "cases" / "zorgvrijstaat.yml"
    line = _replace_line(case, "wijk:", 'wijk: "West <script>alert(1)</script>"')
    code, out = run(capsys, "--root", str(repo_copy.root), "check")
    assert code == 1
    assert re.search(rf"cases/zorgvrijstaat\.yml:{line}:\d+: wijk: HTML .* niet toegestaan", out), out


def test_javascript_link_is_rejected_with_location(repo_copy: Project, capsys: pytest.CaptureFixture[str]) -> None:
    case = repo_copy.root / "cases" / "zorgvrijstaat.yml"
    line = _edit(case, "url: https://www.zorgvrijstaat.nl/", "url: javascript:alert(document.cookie)")
    code, out = run(capsys, "--root", str(repo_copy.root), "check")
    assert code == 1
    assert re.search(rf"cases/zorgvrijstaat\.yml:{line}:\d+: links\.0\.url: link met 'javascript:' is niet toegestaan", out), out


def test_all_errors_of_a_file_are_reported_in_one_run(repo_copy: Project, capsys: pytest.CaptureFixture[str]) -> None:
    case = repo_copy.root / "cases" / "de-ketel.yml"
    _edit(case, "diepgang: uitgebreid", "diepgang: diep")
    _edit(case, "stad: ", "sstad: ")
    _edit(case, "id: vertrouwen", "id: vertrouwn")
    code, out = run(capsys, "--root", str(repo_copy.root), "check")
    assert code == 1
    assert "diepgang: 'diep' is geen geldige waarde" in out
    assert "sstad: onbekend veld 'sstad' — bedoelt u 'stad'?" in out
    assert "stad: dit verplichte veld ontbreekt" in out
    assert "onbekende bouwsteen 'vertrouwn' — bedoelt u 'vertrouwen'?" in out
    assert out.splitlines()[-1].endswith("4 fout(en).")


def test_model_errors_and_reference_errors_come_together(repo_copy: Project, capsys: pytest.CaptureFixture[str]) -> None:
    tip = next((repo_copy.root / "content" / "tips").glob("zorgvrijstaat-*.yml"))
    _edit(tip, "doelgroepen:", "doelgroepen: iedereen\ndoelgroepen_oud:")
    _edit(repo_copy.root / "cases" / "de-ketel.yml", "id: vertrouwen", "id: vertrouwn")
    code, out = run(capsys, "--root", str(repo_copy.root), "check", "--format", "json")
    report = json.loads(out)
    files = {error["bestand"] for error in report["fouten"]}
    assert code == 1
    assert f"content/tips/{tip.name}" in files and "cases/de-ketel.yml" in files
    for error in report["fouten"]:
        assert set(error) >= {"bestand", "regel", "veld", "melding"}
        assert error["regel"] >= 1


def test_invalid_file_name_is_reported(repo_copy: Project, capsys: pytest.CaptureFixture[str]) -> None:
    source = repo_copy.root / "cases" / "de-ketel.yml"
    (repo_copy.root / "cases" / "De Ketel 2.yml").write_text(
        source.read_text(encoding="utf-8").replace("naam: De Ketel", "naam: De Ketel twee", 1), encoding="utf-8")
    code, out = run(capsys, "--root", str(repo_copy.root), "check")
    assert code == 1
    assert "cases/De Ketel 2.yml:1:1: (bestandsnaam): 'De Ketel 2.yml' is geen geldige bestandsnaam" in out


def test_duplicate_ids_and_titles_are_reported(repo_copy: Project, capsys: pytest.CaptureFixture[str]) -> None:
    source = repo_copy.root / "cases" / "de-ketel.yml"
    (repo_copy.root / "cases" / "de-ketel.yaml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (repo_copy.root / "cases" / "ketel-twee.yml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    code, out = run(capsys, "--root", str(repo_copy.root), "check")
    assert code == 1
    assert "de id 'de-ketel' bestaat al" in out
    assert "cases/ketel-twee.yml" in out and "er is al een casus met deze naam: cases/de-ketel.y" in out


def test_line_range_beyond_source_is_reported(repo_copy: Project, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(repo_copy.root / "cases" / "de-ketel.yml", '"1884-2168"', "1884-99999")
    code, out = run(capsys, "--root", str(repo_copy.root), "check")
    assert code == 1
    assert "regels 1884-99999 vallen buiten de bron" in out


def test_a_bouwsteen_without_cases_is_a_warning(mini: Project, capsys: pytest.CaptureFixture[str]) -> None:
    (mini.root / "content" / "bouwstenen" / "blok-3.yml").write_text(
        (mini.root / "content" / "bouwstenen" / "blok-2.yml").read_text(encoding="utf-8")
        .replace("naam: Blok 2", "naam: Blok 3").replace("nummer: 2", "nummer: 3"), encoding="utf-8")
    code, out = run(capsys, "--root", str(mini.root), "check")
    assert code == 0
    assert "content/bouwstenen/blok-3.yml:1:1: waarschuwing" in out
    code, _ = run(capsys, "--root", str(mini.root), "check", "--strict")
    assert code == 1


def test_missing_project_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--root", str(tmp_path / "bestaat-niet"), "check")
    assert code == 2
    assert "bestaat niet" in out


def test_internal_links_in_text_must_name_an_existing_page(repo_copy: Project, capsys: pytest.CaptureFixture[str]) -> None:
    case = repo_copy.root / "cases" / "de-ketel.yml"
    line = _edit(case, "verhaal: |\n", "verhaal: |\n  Zie [Zorg](../casussen/zorgvrijstaaat.md) en [x](casussen/de-ketel.md).\n") + 1
    code, out = run(capsys, "--root", str(repo_copy.root), "check")
    assert code == 1
    assert f"cases/de-ketel.yml:{line - 1}:" in out or f"cases/de-ketel.yml:{line}:" in out
    assert "interne link naar onbekende casus 'zorgvrijstaaat' — bedoelt u 'zorgvrijstaat'?" in out
    assert "interne link 'casussen/de-ketel.md' heeft niet de juiste vorm" in out
