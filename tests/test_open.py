"""`wijkkompas open` (make open): the built site on 127.0.0.1, deep links included; stops cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest


@pytest.mark.slow
def test_open_serves_the_built_site_and_stops_on_sigterm(built_site: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(built_site.parent), "open", "--poort", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("De site staat op http://127.0.0.1:"), line
        url = line.split()[4]
        for path in ("", "casussen/zorgvrijstaat/", "hulp-bij-kiezen/", "zoekindex/index.js"):
            with urllib.request.urlopen(url + path, timeout=10) as response:
                assert response.status == 200, path
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)


def test_open_without_a_site_says_how_to_build_one(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "open"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode != 0 and "make site" in done.stderr
