"""No failed build wedges the next one: kills, a held lock, read-only folders, leftovers.

Through the real command as a subprocess, on a copy of the mini project:

* a build killed at each stage (``WIJKKOMPAS_TEST_STOP``, see
  ``generator.build.stop_for_test``) leaves no process behind and a complete
  ``site/``; the next build finishes and removes what the killed one left;
* a build killed from outside while MkDocs runs leaves no process;
* worker processes die with the build and never hold the build lock;
* a lock held by another process: a bounded wait, then a Dutch message naming it;
* a read-only folder: a Dutch message naming it, no traceback, the old site intact;
* git ignores the leftovers.

The command runs as ``python -m generator`` in the project copy, whose
``generator`` links to this checkout's, so the code under test is this checkout's.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, _link_tooling
from generator.build import _build_lock, _swap_in
from generator.parallel import parallel_map
from generator.project import Project

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="leest processen uit /proc")]

# The stages of generator.build.stop_for_test, in build order.
STAGES = ["after-check", "worker", "after-docs", "mkdocs", "before-swap", "after-swap"]
TIMEOUT = 60  # seconds; a build of the mini project takes about three
GONE_WITHIN = 1.0  # seconds for the processes of a killed build to disappear (the kernel kills them at once)


# ------------------------------------------------------------------ running the command

@dataclass(frozen=True)
class Run:
    code: int
    output: str
    seconds: float


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIJKKOMPAS_")}
    # A wedged lock fails the test in seconds instead of the default ten minutes.
    env["WIJKKOMPAS_LOCK_WACHT"] = "5"
    env.update(extra)
    return env


@contextmanager
def started(root: Path, *args: str, **env: str) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """The command in its own process group; on leaving, whatever is left of that group is killed.

    Output goes to a file, not a pipe: a worker that outlived the build would
    keep a pipe open, and reading it would hang.
    """
    log = root.parent / f"uitvoer-{time.monotonic_ns()}.txt"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), *args],
                                   stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                   env=_env(**env), cwd=root, start_new_session=True)
    try:
        yield process, log
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wijkkompas(root: Path, *args: str, timeout: float = TIMEOUT, **env: str) -> Run:
    begin = time.monotonic()
    with started(root, *args, **env) as (process, log):
        try:
            code = process.wait(timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"wijkkompas {' '.join(args)} duurde langer dan {timeout} s:\n"
                        + log.read_text(errors="replace"))
    return Run(code, log.read_text(encoding="utf-8", errors="replace"), time.monotonic() - begin)


def alive_in_group(group: int) -> list[str]:
    """The command lines of the processes in process group ``group`` that are not dying.

    A zombie is dead, and a process with SIGKILL pending is as good as dead (the
    kernel's kill of a child whose parent died is sent before the parent is reaped).
    """
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:  # ended while we looked
            continue
        state, _ppid, pgrp = stat.rpartition(")")[2].split()[:3]
        pending = {line.split(":")[0]: int(line.split()[1], 16) for line in status.splitlines()
                   if line.startswith(("SigPnd:", "ShdPnd:"))}
        killed = any(mask & (1 << (signal.SIGKILL - 1)) for mask in pending.values())
        if int(pgrp) == group and state not in ("Z", "X") and not killed:
            found.append(cmdline.replace(b"\0", b" ").decode(errors="replace").strip())
    return found


def left_alive(group: int, within: float = GONE_WITHIN) -> list[str]:
    """What of process group ``group`` is still alive after ``within`` seconds."""
    deadline = time.monotonic() + within
    while (alive := alive_in_group(group)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


# ------------------------------------------------------------------ the site

def assert_complete(root: Path) -> None:
    """``site/`` is a folder with a whole build in it, not half of one."""
    site = root / "site"
    assert site.is_dir() and not site.is_symlink(), f"{site} ontbreekt: {sorted(p.name for p in root.iterdir())}"
    for name in ("index.html", "404.html", "sitemap.xml", "zoekindex/index.js"):
        assert (site / name).is_file(), f"site/{name} ontbreekt"
    for case in (root / "cases").glob("*.yml"):
        assert (site / "casussen" / case.stem / "index.html").is_file(), case.stem


def leftovers(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in [*(root / "build").glob("site-*"), *root.glob(".site-oud-*")])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """One copy of the mini project with a built site, shared (each test leaves it built)."""
    root = tmp_path_factory.mktemp("robuust") / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    _link_tooling(root)
    run = wijkkompas(root, "build")
    assert run.code == 0, run.output
    assert_complete(root)
    return Project.at(root)


# ------------------------------------------------------------------ killed builds

@pytest.mark.parametrize("stage", STAGES)
def test_a_build_killed_at_any_stage_leaves_a_complete_site_and_no_process(project: Project, stage: str) -> None:
    root = project.root
    with started(root, "build", WIJKKOMPAS_TEST_STOP=stage) as (process, log):
        code = process.wait(TIMEOUT)
        assert code == -signal.SIGKILL, f"de bouw is niet gestopt bij '{stage}' (code {code}):\n{log.read_text()}"
        assert left_alive(process.pid) == [], f"na '{stage}' leven nog processen van de bouw"
    assert_complete(root)

    # The next build is not blocked by the killed one, and clears what it left.
    run = wijkkompas(root, "build")
    assert run.code == 0, run.output
    assert_complete(root)
    assert leftovers(root) == []


def test_a_build_killed_from_outside_while_mkdocs_runs_leaves_no_process(project: Project) -> None:
    with started(project.root, "build") as (process, log):
        deadline = time.monotonic() + TIMEOUT
        while not any(" -m mkdocs " in line for line in alive_in_group(process.pid)):
            assert process.poll() is None, f"de bouw was klaar voordat MkDocs te zien was:\n{log.read_text()}"
            assert time.monotonic() < deadline, "MkDocs is niet gestart"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        # No waiting: an orphaned MkDocs dies too, but only when it next writes to the pipe
        # of the dead build (here a few tenths of a second on; at 10,000 cases, minutes).
        assert left_alive(process.pid, within=0.1) == [], "MkDocs draait nog nadat de bouw is gestopt"
    assert_complete(project.root)


_KILLS_ITS_PARENT = """
import os, signal, time
from generator.parallel import parallel_map
parent = os.getpid()

def job(item):
    if item == 0:
        time.sleep(0.3)  # every worker has started
        os.kill(parent, signal.SIGKILL)
    time.sleep(0.5)
    return item

parallel_map(job, range(8), min_items=0)
"""


def test_workers_die_with_the_process_that_forked_them(tmp_path: Path) -> None:
    if (os.cpu_count() or 1) < 2:
        pytest.skip("één kern: er worden geen werkers gestart")
    process = subprocess.Popen([sys.executable, "-c", _KILLS_ITS_PARENT], cwd=REPO, start_new_session=True,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert process.wait(TIMEOUT) == -signal.SIGKILL
        assert left_alive(process.pid) == [], "werkers leven nog nadat hun ouder is gestopt"
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def test_workers_do_not_hold_the_build_lock(mini: Project) -> None:
    if (os.cpu_count() or 1) < 2:
        pytest.skip("één kern: er worden geen werkers gestart")
    lock = str((mini.build_dir / ".lock").resolve())

    def lock_descriptors(_: object) -> list[str]:
        return [fd for fd in os.listdir("/proc/self/fd") if os.path.realpath(f"/proc/self/fd/{fd}") == lock]

    with _build_lock(mini):
        assert lock_descriptors(None), "de bouw zelf houdt het slot niet vast"
        in_workers = parallel_map(lock_descriptors, list(range(4)), min_items=0)
    assert in_workers == [[]] * 4


# ------------------------------------------------------------------ the swap and what is left

def test_a_kill_at_any_step_of_the_swap_leaves_a_complete_site(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    class Killed(BaseException):
        pass

    real_replace, real_rename = os.replace, os.rename
    for step in range(1, 4):
        root = tmp_path / str(step)
        site, new = root / "site", root / "build" / "site-nieuw"
        for folder, text in ((site, "oud"), (new, "nieuw")):
            folder.mkdir(parents=True)
            (folder / "index.html").write_text(text)
        calls: list[object] = []

        def dying(real):  # type: ignore[no-untyped-def]
            def rename(*args, **kwargs):  # type: ignore[no-untyped-def]
                calls.append(args)
                if len(calls) == step:
                    raise Killed  # the process dies before this rename
                return real(*args, **kwargs)
            return rename

        monkeypatch.setattr(os, "replace", dying(real_replace))
        monkeypatch.setattr(os, "rename", dying(real_rename))
        with suppress(Killed):
            _swap_in(new, site)
        monkeypatch.undo()
        assert (site / "index.html").is_file(), f"geen site/ na een stop voor stap {step} van de wissel"
        assert (site / "index.html").read_text() in ("oud", "nieuw")


def test_leftovers_of_killed_builds_are_removed_by_the_next_build(project: Project) -> None:
    root = project.root
    for folder in (root / "build" / "site-k1ll3d00", root / ".site-oud-k1ll3d00" / "site"):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text("over van een gestopte bouw")
    run = wijkkompas(root, "build")
    assert run.code == 0, run.output
    assert leftovers(root) == []


def test_git_ignores_what_a_killed_build_leaves() -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("geen git-checkout")
    paths = [".site-oud-k1ll3d00/site/index.html", "build/site-k1ll3d00/index.html",
             "site/index.html", "site-offline/index.html"]
    checked = subprocess.run(["git", "-C", str(REPO), "check-ignore", "--no-index", *paths],
                             capture_output=True, text=True, check=False)
    assert sorted(checked.stdout.split()) == sorted(paths), checked.stdout + checked.stderr


# ------------------------------------------------------------------ a held lock, read-only folders

_HOLDS_THE_LOCK = """
import sys, time
from generator.build import _build_lock
from generator.project import Project
with _build_lock(Project.at(sys.argv[1])):
    print("vast", flush=True)
    time.sleep(120)
"""


def test_a_held_lock_stops_the_build_after_a_bounded_wait_naming_the_holder(project: Project) -> None:
    holder = subprocess.Popen([sys.executable, "-c", _HOLDS_THE_LOCK, str(project.root)], cwd=project.root,
                              stdout=subprocess.PIPE, text=True, env=_env())
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "vast"
        run = wijkkompas(project.root, "build", timeout=30, WIJKKOMPAS_LOCK_WACHT="1")
    finally:
        holder.kill()
        holder.wait()
    assert run.code == 1, run.output
    assert "Traceback" not in run.output, run.output
    assert f"Een andere bouw (proces {holder.pid}) is nog bezig" in run.output, run.output
    assert f"kill {holder.pid}" in run.output, run.output  # what to do
    assert run.seconds < 20
    assert_complete(project.root)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` cannot be changed; as root (whom modes do not stop) by making it immutable."""
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(mode & ~0o222)
        try:
            yield
        finally:
            folder.chmod(mode)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
        pytest.skip("als root kan deze map niet alleen-lezen worden gemaakt")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.mark.parametrize("folder", ["site", "build", "."])
def test_a_read_only_folder_gives_a_dutch_message_and_keeps_the_site(project: Project, folder: str) -> None:
    root = project.root
    path = (root / folder).resolve()
    before = (root / "site" / "index.html").read_bytes()
    with read_only(path):
        run = wijkkompas(root, "build")
    assert run.code == 1, run.output
    assert "Traceback" not in run.output and "Error" not in run.output, run.output
    assert f"geen toestemming bij {path}." in run.output, run.output
    assert "De vorige site is niet aangeraakt" in run.output
    assert_complete(root)
    assert (root / "site" / "index.html").read_bytes() == before
