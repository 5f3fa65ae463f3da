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


# ------------------------------------------------------------------ issue 14: one truth, bounds, no follow-on errors

def test_references_to_a_file_that_does_not_parse_are_not_repeated(repo_copy: Project,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    # Many tips and kaders name this case; its syntax error is the one thing to report.
    case = repo_copy.root / "cases" / "zorgvrijstaat.yml"
    line = _replace_line(case, "naam:", 'naam: "Zorgvrijstaat')
    code, out = run(capsys, "--root", str(repo_copy.root), "check")
    assert code == 1
    assert "cases/zorgvrijstaat.yml:" in out and line
    assert "onbekende casus" not in out and "interne link naar onbekende" not in out
    assert out.splitlines()[-1].endswith(" 1 fout(en)."), out


def test_a_number_id_is_the_id_the_build_uses(mini: Project, capsys: pytest.CaptureFixture[str]) -> None:
    # `themas: [2018]` is the thema '2018' for the model and the build, so for the check too.
    (mini.root / "content" / "themas" / "2018.yml").write_text("naam: Het jaar 2018\nintro: Wat er gebeurde.\n",
                                                             encoding="utf-8")
    _edit(mini.root / "cases" / "tuin.yml", "themas: [groen, zorg]", "themas: [groen, 2018]")
    code, out = run(capsys, "--root", str(mini.root), "generate")
    assert code == 0, out
    assert "../themas/2018.md" in (mini.docs_dir / "casussen" / "tuin.md").read_text(encoding="utf-8")


def test_yaml_1_1_numbers_and_words_stay_text(mini: Project) -> None:
    from generator.check import check_project

    _edit(mini.root / "cases" / "tuin.yml", "wijk: Oost", "wijk: 0777")
    _edit(mini.root / "cases" / "tuin.yml", 'periode: "2016"', "periode: 12:30")
    _edit(mini.root / "cases" / "tuin.yml", "plek: Een braakliggend terrein", "plek: yes")
    _edit(mini.root / "cases" / "tuin.yml", "financiering: Contributie", "financiering: 1.50")
    result = check_project(mini)
    assert result.ok, [p.format() for p in result.fouten]
    tuin = result.content.get("casus", "tuin").model
    assert (tuin.wijk, tuin.periode, tuin.plek, tuin.financiering) == ("0777", "12:30", "yes", "1.50")


@pytest.mark.parametrize("soort", ["map", "pipe", "te-groot", "link"])
def test_the_questionnaire_is_read_like_every_content_file(mini: Project, capsys: pytest.CaptureFixture[str],
                                                           soort: str) -> None:
    import os

    path = mini.root / "content" / "vragenlijst.yml"
    text = path.read_bytes()
    path.unlink()
    if soort == "map":
        path.mkdir()
    elif soort == "pipe":
        os.mkfifo(path)
    elif soort == "te-groot":
        path.write_bytes(text + b"\n# " + b"x" * 1_100_000 + b"\n")
    else:
        (mini.root / "elders.yml").write_bytes(text)
        path.symlink_to(mini.root / "elders.yml")
    code, out = run(capsys, "--root", str(mini.root), "check")
    assert code == 1, out
    expected = {"map": "dit is een map", "pipe": "geen gewoon bestand", "te-groot": "het bestand is te groot (1.1",
                "link": "symbolische link"}[soort]
    assert re.search(rf"^content/vragenlijst\.yml:1:1: \(bestand\): .*{re.escape(expected)}", out, re.MULTILINE), out


def test_editor_leftovers_are_skipped_and_other_dotfiles_reported(mini: Project,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    cases = mini.root / "cases"
    (cases / ".tuin.yml.swp").write_bytes(b"b0VIM 8.2\x00\x00")
    (cases / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (cases / ".gitkeep").write_bytes(b"")
    code, out = run(capsys, "--root", str(mini.root), "check")
    assert code == 0 and ".swp" not in out and ".DS_Store" not in out, out
    (cases / ".oud.yml").write_bytes((cases / "tuin.yml").read_bytes().replace(b"De Tuin", b"De oude tuin"))
    code, out = run(capsys, "--root", str(mini.root), "check")
    assert code == 1
    assert "cases/.oud.yml:1:1: (bestandsnaam): '.oud.yml' is geen geldige bestandsnaam" in out


def _long_list(mini: Project, items: int) -> None:
    # A list far beyond its bound whose every item is also wrong: one error per item.
    lines = "".join(f"  - Thema {n}\n" for n in range(items))
    _edit(mini.root / "cases" / "tuin.yml", "themas: [groen, zorg]\n", "themas:\n" + lines)


def test_a_huge_list_gives_a_bounded_report(mini: Project, capsys: pytest.CaptureFixture[str]) -> None:
    _long_list(mini, 5_000)
    code, out = run(capsys, "--root", str(mini.root), "check")
    assert code == 1
    tuin = [line for line in out.splitlines() if line.startswith("cases/tuin.yml")]
    assert len(tuin) == 21, out[:3000]
    assert "themas: hier mogen hoogstens 50 items staan" in tuin[0]
    assert re.fullmatch(r"cases/tuin\.yml: … en \d\.\d{3} meer in dit bestand", tuin[-1]), tuin[-1]
    total = int(re.search(r"— (\d+) fout\(en\)\.$", out.strip()).group(1))
    assert tuin[-1] == f"cases/tuin.yml: … en {total - 20:,} meer in dit bestand".replace(",", ".")

    code, out = run(capsys, "--root", str(mini.root), "check", "--format", "github")
    errors = [line for line in out.splitlines() if line.startswith("::error file=cases/tuin.yml")]
    assert len(errors) == 21 and f"… en {total - 20:,} meer in dit bestand".replace(",", ".") in errors[-1]

    code, out = run(capsys, "--root", str(mini.root), "check", "--format", "json")
    report = json.loads(out)
    assert len(report["fouten"]) == 20 and report["aantal_fouten"] == total
    assert report["weggelaten"]["fouten"] == {"cases/tuin.yml": total - 20}
