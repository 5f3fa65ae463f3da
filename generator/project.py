"""Where things live in a Wijkkompas project folder."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Project"]


def _settings(pyproject: Path) -> dict[str, object]:
    try:
        return _parsed_settings(pyproject, pyproject.stat().st_mtime_ns)
    except FileNotFoundError:
        return {}


@functools.lru_cache(maxsize=8)
def _parsed_settings(pyproject: Path, mtime: int) -> dict[str, object]:
    # Parsed once per version of the file: every page asks for its edit link.
    return tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("wijkkompas", {})


@dataclass(frozen=True)
class Project:
    """The paths of one project, all derived from its root folder."""

    root: Path

    @classmethod
    def at(cls, root: Path | str) -> "Project":
        """The project rooted at ``root`` (made absolute)."""
        return cls(Path(root).resolve())

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def assets(self) -> Path:
        return self.root / "templates" / "assets"

    @property
    def mkdocs_config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def build_dir(self) -> Path:
        """Intermediate output (never committed)."""
        return self.root / "build"

    @property
    def docs_dir(self) -> Path:
        """The generated Markdown and data that MkDocs renders."""
        return self.build_dir / "docs"

    @property
    def template_cache(self) -> Path:
        """Compiled templates, the generator's and MkDocs' theme's, kept between builds."""
        return self.build_dir / "sjablonen-cache"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def offline_dir(self) -> Path:
        """The copy of the site that works from disk (``make site-offline``)."""
        return self.root / "site-offline"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    def edit_url(self, relative: str) -> str | None:
        """The web address to edit a content file, from ``[tool.wijkkompas]`` in pyproject.toml.

        ``None`` when the project does not name a repository.
        """
        settings = _settings(self.root / "pyproject.toml")
        repository = str(settings.get("repository", "")).rstrip("/")
        if not repository.startswith("https://"):
            return None
        return f"{repository}/edit/{settings.get('branch', 'main')}/{relative}"
