"""Problems found in content, and the exceptions that carry them.

A ``Problem`` is one located message for an editor. Checks collect problems and
keep going, so an editor sees every mistake of a run at once.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Problem", "WijkkompasError", "ContentError", "BuildError", "dutch_number", "os_error_reason", "limit_per_file", "left_out_message",
           "MAX_PROBLEMS_PER_FILE"]


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning about content, located as precisely as known."""

    bestand: str  # path relative to the project root, with forward slashes
    regel: int  # 1-based; 0 when the problem is about the file as a whole
    kolom: int
    veld: str  # dotted field path such as "bouwstenen.2.id", or "" for the whole file
    melding: str  # what is wrong
    oplossing: str = ""  # how to fix it
    niveau: Literal["fout", "waarschuwing"] = field(default="fout", compare=False)

    def format(self) -> str:
        """Render as ``pad:regel:kolom: veld: wat is er mis — hoe op te lossen``."""
        location = f"{self.bestand}:{self.regel}:{self.kolom}"
        veld = self.veld or "(bestand)"
        text = f"{location}: {veld}: {self.melding}"
        if self.oplossing:
            text += f" — {self.oplossing}"
        if self.niveau == "waarschuwing":
            text = f"{location}: waarschuwing: {veld}: {self.melding}" + (
                f" — {self.oplossing}" if self.oplossing else ""
            )
        return text

    def as_github(self, strict: bool = False) -> str:
        """A GitHub Actions workflow command, shown inline on the pull request.

        Warnings count as errors under ``--strict``, so they are shown as errors then.
        """
        command = "error" if self.niveau == "fout" or strict else "warning"
        properties = [f"file={_escape_property(self.bestand)}"]
        if self.regel:
            properties += [f"line={self.regel}", f"col={self.kolom}" if self.kolom else ""]
        properties.append(f"title={_escape_property(self.veld or '(bestand)')}")
        message = self.melding + (f" — {self.oplossing}" if self.oplossing else "")
        return f"::{command} {','.join(p for p in properties if p)}::{_escape_data(message)}"

    def as_json(self) -> dict[str, object]:
        """Plain data for ``check --format json``."""
        return {
            "bestand": self.bestand,
            "regel": self.regel,
            "kolom": self.kolom,
            "veld": self.veld,
            "melding": self.melding + (f" — {self.oplossing}" if self.oplossing else ""),
        }


def os_error_reason(exc: OSError) -> str:
    """What the system refused, in a few Dutch words (never the English ``strerror``).

    >>> os_error_reason(PermissionError(13, "Permission denied"))
    'geen toestemming'
    """
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "geen toestemming"
    if exc.errno == errno.EROFS:
        return "de schijf kan alleen gelezen worden"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "de schijf is vol"
    if exc.errno == errno.ENOENT:
        return "niet gevonden"
    return f"systeemfout {errno.errorcode.get(exc.errno or 0, str(exc.errno))}"


def dutch_number(number: int) -> str:
    """``3996`` as ``'3.996'``: Dutch writes a dot between thousands."""
    return f"{number:,}".replace(",", ".")


# More than this many problems in one file are not worth reading (a list of
# 200,000 wrong items gave 400,000 lines); the rest is counted, not shown.
MAX_PROBLEMS_PER_FILE = 20


def limit_per_file(problems: list[Problem], limit: int = MAX_PROBLEMS_PER_FILE) -> tuple[list[Problem], dict[str, int]]:
    """The first ``limit`` problems of each file, in order, and how many were left out per file."""
    shown: list[Problem] = []
    per_file: dict[str, int] = {}
    left_out: dict[str, int] = {}
    for problem in problems:
        count = per_file[problem.bestand] = per_file.get(problem.bestand, 0) + 1
        if count <= limit:
            shown.append(problem)
        else:
            left_out[problem.bestand] = left_out.get(problem.bestand, 0) + 1
    return shown, left_out


def left_out_message(count: int) -> str:
    """'… en 3.996 meer in dit bestand'."""
    return f"… en {dutch_number(count)} meer in dit bestand"


def _escape_data(text: str) -> str:
    # As GitHub's own toolkit escapes workflow command messages.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class WijkkompasError(Exception):
    """Base of every error Wijkkompas raises on purpose."""


class ContentError(WijkkompasError):
    """Raised by the build when content has errors; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} fout(en) in de inhoud")


class BuildError(WijkkompasError):
    """Raised by the build when writing or rendering the site fails."""
