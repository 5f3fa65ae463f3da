"""The repository's automation: GitHub workflows (actionlint) and the pre-commit hook."""

from __future__ import annotations

import re
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


# A tag can be moved to other code after review; a commit SHA or an image digest cannot.
# The trailing comment names the version, so a reader (and Dependabot) knows what it is.
_PINNED_USES = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(?:\.\d+)*\s*$")
_PINNED_IMAGE = re.compile(r"@sha256:[0-9a-f]{64}\s+#\s*\S+:\S+")


def _unpinned(text: str) -> list[str]:
    """The lines of a workflow that use an action or a container image without pinning it by digest."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.split("#", 1)[0].strip().removeprefix("- ").strip()
        if stripped.startswith("uses:"):
            target = stripped.removeprefix("uses:").strip()
            if not target.startswith("./") and not _PINNED_USES.match(line):
                problems.append(f"regel {number}: {line.strip()}")
        elif re.match(r"^(container|image):\s*\S", stripped) and not _PINNED_IMAGE.search(line):
            problems.append(f"regel {number}: {line.strip()}")
    return problems


def _images(workflow: dict) -> list[str]:
    images = []
    for job in workflow["jobs"].values():
        container = job.get("container")
        if container is not None:
            images.append(container if isinstance(container, str) else container["image"])
        images.extend(service["image"] for service in (job.get("services") or {}).values())
    return images


def test_actions_and_images_are_pinned_by_digest_with_a_version_comment() -> None:
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        assert _unpinned(text) == [], f"{path.name}: niet vastgepind op commit-SHA of digest met versie-commentaar"
        workflow = yaml.safe_load(text)
        uses = [step["uses"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "uses" in step]
        assert all(re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", u) for u in uses), uses
        assert all(re.fullmatch(r"[\w./:-]+@sha256:[0-9a-f]{64}", image) for image in _images(workflow)), _images(workflow)
    assert any(_images(yaml.safe_load(path.read_text(encoding="utf-8"))) for path in WORKFLOWS)


def test_the_pin_check_catches_tags_and_missing_comments() -> None:
    sha, digest = "a" * 40, "b" * 64
    assert _unpinned(f"      - uses: actions/checkout@{sha} # v4.2.2\n    container: python:3.11@sha256:{digest} # python:3.11\n") == []
    for line in (
        "      - uses: actions/checkout@v4",
        f"      - uses: actions/checkout@{sha}",  # no version comment
        f"        uses: actions/checkout@{sha[:39]} # v4",  # not a full SHA
        "    container: python:3.11-bookworm",
        f"    container: python:3.11-bookworm@sha256:{digest}",  # no tag comment
        "        image: postgres:16",
    ):
        assert _unpinned(line + "\n") == [f"regel 1: {line.strip()}"], line


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
