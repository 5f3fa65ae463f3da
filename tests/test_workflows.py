"""The repository's automation: GitHub workflows (actionlint) and the pre-commit hook."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from generator.project import Project

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint ontbreekt: het zit in de test-extra's (pip install -e '.[test]').")
    return found


def test_workflows_pass_actionlint() -> None:
    assert WORKFLOWS, "geen workflows in .github/workflows"
    result = subprocess.run([_actionlint(), "-color=false", *map(str, WORKFLOWS)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.yml"
    broken.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.titel }}\n      - uses: actions/checkout\n",
        encoding="utf-8",
    )
    result = subprocess.run([_actionlint(), "-color=false", str(broken)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "checkout" in result.stdout


def _steps(name: str) -> list[dict]:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_pull_requests_run_check_tests_and_a_strict_build() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "controle.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    runs = [step.get("run", "") for step in _steps("controle.yml")]
    assert any("wijkkompas check --format github" in run for run in runs)
    assert any(run.strip() == "make test" for run in runs)
    assert any(run.strip() == "make site" for run in runs)  # `wijkkompas build` is strict by default


def test_main_is_built_and_deployed_to_pages() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publiceren.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "") for step in _steps("publiceren.yml")]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_pull_request_template_has_the_editors_checklist() -> None:
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 5 and "eigen woorden" in text and "make check" in text


def test_pre_commit_hook_runs_the_check_and_fails_on_bad_content(repo_copy: Project) -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert hook["pass_filenames"] is False
    command = shlex.split(hook["entry"])
    assert command[:2] == [".venv/bin/wijkkompas", "check"]
    # Run the hook's command the way pre-commit would: from the repository root.
    executable = str(REPO / command[0])
    good = subprocess.run([executable, "--root", str(repo_copy.root), *command[1:]], capture_output=True, text=True, timeout=300)
    assert good.returncode == 0, good.stdout
    (repo_copy.root / "cases" / "kapot.yml").write_text("naam: [\n", encoding="utf-8")
    bad = subprocess.run([executable, "--root", str(repo_copy.root), *command[1:]], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1 and "cases/kapot.yml" in bad.stdout
