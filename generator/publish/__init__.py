"""The publishing layer: everything that knows the site tool (MkDocs with Material).

The generator writes Markdown pages with front matter and data into
``build/docs`` (``build.generate``); ``produce_site`` turns that folder into a
site. Besides this package a change of site tool touches only ``mkdocs.yml``,
``templates/overrides/`` (the theme's templates, the 404 page) and the small
Python-Markdown extension ``generator/markdown_abbr.py``.

- ``produce_site``: run the tool (here ``mkdocs build``) on the docs folder;
- ``site_address``: the site's public address, from its configuration;
- ``mkdocs_hook.py``: the hook MkDocs loads (CSP, whitespace, anchors of editors' links);
- ``preview.py``: the live preview, on MkDocs' reloading server.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import BuildError
from ..parallel import die_with_parent
from ..project import Project

__all__ = ["produce_site", "site_address", "SKIP_HOOK_ENV"]

# Set while the build runs MkDocs (and in the preview), so the hook does not generate twice.
SKIP_HOOK_ENV = "WIJKKOMPAS_GENEREER_NIET"


def produce_site(project: Project, out: Path, *, strict: bool = True, offline: bool = False,
                 on_started: Callable[[], object] = lambda: None) -> None:
    """Make the site in ``out`` from the docs folder the generator wrote (``project.docs_dir``).

    The one call the build makes of the site tool. ``offline``: pages as ``.html``
    files instead of folders (``Urls(directory=False)``). Raises ``BuildError`` with the
    tool's reasons when it fails; ``on_started`` runs once the tool is running.
    """
    # No --quiet: it would also hide the warnings that --strict counts.
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file",
               str(project.mkdocs_config), "--site-dir", str(out)]
    if strict:
        command.append("--strict")
    env = dict(os.environ, **{SKIP_HOOK_ENV: "1"})
    if offline:
        # Read by mkdocs.yml: file names instead of folders.
        env.update({"WIJKKOMPAS_DIRECTORY_URLS": "false"})
    build_pid = os.getpid()
    # MkDocs dies with the build (die_with_parent), so a killed build leaves no process.
    with subprocess.Popen(command, cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, text=True,
                          preexec_fn=lambda: die_with_parent(build_pid)) as process:
        on_started()
        stdout, stderr = process.communicate()
    if process.returncode != 0:
        output = (stderr + stdout).splitlines()
        # MkDocs also logs INFO lines (e.g. every page left out of the nav); keep the reasons.
        reasons = [line for line in output if not line.startswith(("INFO", "  - "))] or output
        raise BuildError("MkDocs kon de site niet bouwen:\n" + "\n".join(reasons).strip())



_SITE_URL_LINE = re.compile(r"^site_url:\s*(.+?)\s*$", re.M)
_ENV_TAG = re.compile(r"^!ENV\s*\[\s*([A-Za-z_][A-Za-z0-9_]*)\s*,\s*[\"']?(.*?)[\"']?\s*\]$")


def site_address(mkdocs_yml: Path) -> str:
    """The site's public address as ``mkdocs.yml`` sets it (``site_url``, which may be
    ``!ENV [WIJKKOMPAS_SITE_URL, "default"]``), ending in '/'; '' when there is none.

    Read from that one line, so the address is configured in one place only.
    """
    try:
        match = _SITE_URL_LINE.search(mkdocs_yml.read_text(encoding="utf-8"))
    except OSError:
        return ""
    if not match:
        return ""
    value = match.group(1)
    env = _ENV_TAG.match(value)
    address = (os.environ.get(env.group(1)) or env.group(2)) if env else value.strip("\"'")
    return address if not address or address.endswith("/") else address + "/"
