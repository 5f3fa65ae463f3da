"""How long an editor waits: from saving a case to the live preview serving the changed page.

``measure_preview(root)`` starts ``wijkkompas serve`` on the project at ``root``,
waits for its first build, then ``edits`` times puts a new word in one case's
summary and asks the preview for that case's page until the word is on it (the
median is the figure), and waits for the whole rebuild (overviews, search
index) to end before the next save (reported as ``preview_complete_seconds``).
``make bench`` runs it on the real content and on the 1,000-case project.

    python -m bench.preview [PROJECTMAP]
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

__all__ = ["measure_preview", "real_project", "PREVIEW_REAL_LIMIT", "PREVIEW_SIZE", "PREVIEW_SIZE_LIMIT"]

# Seconds from save to served page (issue 18): with the real content, and at this many cases.
PREVIEW_REAL_LIMIT = 2.0
PREVIEW_SIZE, PREVIEW_SIZE_LIMIT = 1_000, 5.0
STARTUP_SECONDS = 1800


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def real_project(code: Path, target: Path) -> Path:
    """A project in ``target`` with the real content of ``code``, its tooling linked."""
    target.mkdir(parents=True)
    for name in ("cases", "content"):
        shutil.copytree(code / name, target / name)
    for name in ("templates", "generator", "mkdocs.yml", "pyproject.toml"):
        (target / name).symlink_to(code / name)
    return target


def measure_preview(root: Path, edits: int = 5) -> dict[str, Any]:
    """Seconds from save to served page, per edit, and their median; also the first build's time."""
    cases = sorted((root / "cases").glob("*.yml"))
    case = cases[len(cases) // 2]
    url = f"/casussen/{case.stem}/"
    port = _free_port()
    started = time.monotonic()
    # Run from the project, so "-m generator" is the project's own code (the bench's snapshot).
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "serve", "--poort", str(port)],
                               cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    ready = threading.Event()
    output: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line.rstrip("\n"))
            if "De voorvertoning staat op" in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    original = case.read_text(encoding="utf-8")
    try:
        if not ready.wait(STARTUP_SECONDS):
            raise RuntimeError("de voorvertoning startte niet:\n" + "\n".join(output))
        first_build = time.monotonic() - started
        waits: list[float] = []
        totals: list[float] = []
        for number in range(edits):
            word = f"Bankproef{number}x{int(time.time())}"
            case.write_text(original.replace("samenvatting: ", f"samenvatting: {word} ", 1), encoding="utf-8")
            saved = time.monotonic()
            while True:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=60) as response:
                    if word in response.read().decode("utf-8"):
                        break
                if time.monotonic() - saved > 120:
                    raise RuntimeError("de wijziging verscheen niet:\n" + "\n".join(output))
                time.sleep(0.02)
            waits.append(round(time.monotonic() - saved, 2))
            # The next save once this one is fully done (lists, search index): the wait measured
            # is that of a save to an idle preview, and the whole rebuild is measured too.
            while sum("Alles bijgewerkt" in line for line in output) < number + 2:
                if time.monotonic() - saved > 600:
                    raise RuntimeError("het bijwerken werd niet afgemaakt:\n" + "\n".join(output))
                time.sleep(0.05)
            totals.append(round(time.monotonic() - saved, 2))
            time.sleep(0.5)
        rebuilds = sum("Wijziging gezien" in line for line in output)
        return {"preview_first_build_seconds": round(first_build, 1), "preview_seconds": statistics.median(waits),
                "preview_all_seconds": waits, "preview_complete_seconds": statistics.median(totals),
                "preview_rebuilds": rebuilds, "preview_edits": edits}
    finally:
        case.write_text(original, encoding="utf-8")
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


if __name__ == "__main__":
    print(measure_preview(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()))
