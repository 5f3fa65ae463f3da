"""Thin MkDocs hook: the only code that knows about MkDocs and Material.

- Before each build during ``mkdocs serve`` it regenerates build/docs, so edits
  to YAML show up live. ``wijkkompas build`` generates first and sets an
  environment variable so the hook does not generate a second time.
- After each build it removes the two third-party script URLs that Material's
  bundle can load (a ResizeObserver polyfill for very old browsers and Mermaid
  for diagrams, both from unpkg.com). The site promises to make no request to
  another host; an empty inline script takes their place.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator.build import SKIP_HOOK_ENV, generate
from generator.errors import ContentError
from generator.project import Project


def on_pre_build(config: Any, **kwargs: Any) -> None:
    if os.environ.get(SKIP_HOOK_ENV):
        return
    project = Project.at(Path(config["config_file_path"]).parent)
    try:
        generate(project)
    except ContentError as exc:
        details = "\n".join(problem.format() for problem in exc.problems)
        raise PluginError(f"Fouten in de inhoud:\n{details}") from None


_THIRD_PARTY_SCRIPT = re.compile(r'"https://unpkg\.com/[^"]*"')
_EMPTY_SCRIPT = '"data:text/javascript,"'


def on_post_build(config: Any, **kwargs: Any) -> None:
    scripts = Path(config["site_dir"]) / "assets" / "javascripts"
    for bundle in sorted(scripts.glob("*.js")):
        text = bundle.read_text(encoding="utf-8")
        cleaned = _THIRD_PARTY_SCRIPT.sub(_EMPTY_SCRIPT, text)
        if cleaned != text:
            bundle.write_text(cleaned, encoding="utf-8")
