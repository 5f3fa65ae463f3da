"""The generator type-checks: mypy with the settings in pyproject.toml ([tool.mypy]).

In ``make test`` so a change that breaks the types is caught where it is made,
not by the next reader. mypy's own cache goes to build/, which is not committed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_errors_in_the_generator() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(REPO / "build" / "mypy-cache")],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout
