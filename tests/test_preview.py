"""The live preview (``wijkkompas serve``, generator/publish/preview.py) as an editor uses it.

Started on a copy of the real content: a saved change to a case is served after
exactly one rebuild; SIGTERM in the middle of a rebuild leaves no process, no
held port and no temporary folder. How fast a change shows up is measured by
``make bench`` (bench/preview.py), not here: a timed test fails on a busy machine.
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from generator.project import Project

STARTUP = 240  # seconds: the first build of the whole site


class Preview:
    def __init__(self, project: Project, tmp: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.tmp = tmp
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(project.root), "serve", "--poort", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=dict(os.environ, TMPDIR=str(tmp)),
            start_new_session=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"'{text}' niet gezien; uitvoer:\n" + "\n".join(self.seen))

    def page(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as response:
            return response.read().decode("utf-8")

    def children(self) -> set[int]:
        """Every process in the preview's session (it was started as a session of its own)."""
        found = set()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[3]) == self.process.pid:  # the session id
                    found.add(int(entry.name))
        return found


@pytest.fixture
def preview(repo_copy: Project, tmp_path: Path) -> Iterator[Preview]:
    if not sys.platform.startswith("linux"):
        pytest.skip("de test leest /proc")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    running = Preview(repo_copy, tmp)
    try:
        running.wait_for("De voorvertoning staat op", STARTUP)
        yield running
    finally:
        if running.process.poll() is None:
            os.killpg(running.process.pid, signal.SIGKILL)
            running.process.wait()


def test_a_saved_change_is_served_after_one_rebuild(preview: Preview, repo_copy: Project) -> None:
    case = repo_copy.root / "cases" / "de-ketel.yml"
    assert "Proefwoord" not in preview.page("/casussen/de-ketel/")
    case.write_text(case.read_text(encoding="utf-8").replace("samenvatting: ", "samenvatting: Proefwoord ", 1),
                    encoding="utf-8")
    # The edited page comes first, then the rest (overviews, search index).
    preview.wait_for("cases/de-ketel.yml bijgewerkt in", 60)
    page = preview.page("/casussen/de-ketel/")
    assert "Proefwoord" in page
    preview.wait_for("Alles bijgewerkt in", 60)
    # The reload script is a file of the server: the page's policy forbids inline scripts.
    assert '<script src="/.voorvertoning/herlaad.js?' in page
    # One save, one rebuild: the preview does not react to what it wrote itself.
    time.sleep(3)
    while not preview.lines.empty():
        preview.seen.append(preview.lines.get())
    assert sum("Wijziging gezien" in line for line in preview.seen) == 1, preview.seen


def test_sigterm_during_a_rebuild_leaves_nothing_behind(preview: Preview, repo_copy: Project) -> None:
    case = repo_copy.root / "cases" / "de-ketel.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("samenvatting: ", "samenvatting: Proefwoord ", 1),
                    encoding="utf-8")
    preview.wait_for("Wijziging gezien", 60)
    preview.process.send_signal(signal.SIGTERM)
    assert preview.process.wait(timeout=60) == 0
    preview.wait_for("Voorvertoning gestopt", 5)
    deadline = time.monotonic() + 10
    while preview.children() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not preview.children(), "er draaien nog processen van de voorvertoning"
    with socket.socket() as probe:  # the port is free again
        probe.bind(("127.0.0.1", preview.port))
    assert not list(preview.tmp.iterdir()), "de tijdelijke map van de voorvertoning is blijven staan"
    # Nor does it hold the build lock: a build can start at once.
    from generator.build import _build_lock
    os.environ["WIJKKOMPAS_LOCK_WACHT"] = "0"
    try:
        with _build_lock(repo_copy):
            pass
    finally:
        del os.environ["WIJKKOMPAS_LOCK_WACHT"]
