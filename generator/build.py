"""Sequence the build: check -> render -> write docs -> MkDocs -> swap ``site/``.

A build with content errors writes nothing, and ``site/`` is replaced only by a
complete, successful MkDocs build, so a failure always leaves the previous site.
"""

from __future__ import annotations

import fcntl
import re
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator

import jinja2

from .check import CheckResult, check_project
from .errors import BuildError, ContentError
from .project import Project
from .render import make_environment, page_jobs, render_data
from .decompound import missing_parts, vocabulary
from .parallel import parallel_map
from .render.glossary import Glossary

__all__ = ["generate", "build_site", "write_tree", "SKIP_HOOK_ENV"]

log = logging.getLogger(__name__)

# Set while ``build_site`` runs MkDocs, so the MkDocs hook does not generate twice.
SKIP_HOOK_ENV = "WIJKKOMPAS_GENEREER_NIET"


def _search_words(text: str) -> tuple[str, ...]:
    # Interned, so thousands of pages share one copy of a word; a tuple, which at
    # 10,000 pages is a few hundred MB smaller than a set.
    return tuple(map(sys.intern, vocabulary([_searchable(text)])))


def add_search_words(pages: dict[PurePosixPath, bytes],
                     words: dict[PurePosixPath, tuple[str, ...]]) -> dict[PurePosixPath, bytes]:
    """Give each page the parts of its compound words, for the site search (in place).

    Dutch writes compounds as one word; the search index only has whole words.
    The parts go at the end of the page in an element that is visually hidden
    and hidden from screen readers, so only the search index reads them.
    ``words`` holds each page's own words (``_search_words``, made where the
    page was rendered).
    """
    for path, parts in missing_parts(words).items():
        if parts:
            pages[path] += f'\n<p class="wk-zoekwoorden" aria-hidden="true">{" ".join(parts)}</p>\n'.encode()
    return pages


def _searchable(markdown: str) -> str:
    # Front matter and tooltip definitions are not part of the page's text.
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, count=1, flags=re.DOTALL)
    return re.sub(r"^\*\[[^\]]+\]:.*$", "", body, flags=re.MULTILINE) if "*[" in body else body


def render_all(project: Project, result: CheckResult, *,
               directory_urls: bool = True) -> dict[PurePosixPath, bytes]:
    """Every generated file of the docs folder (pages, data, assets) as UTF-8 bytes.

    Data files and pages are made in one pass over every core: the data first
    (before the pages take memory), then the biggest pages, then the rest. Each
    page gets its glossary tooltips, is encoded, and has its words collected in
    the worker that rendered it. Held as bytes: as ``str``, one '…' makes a whole
    page two bytes per character, and at 10,000 cases every page is held until
    written.
    """
    env = make_environment(project.templates, cache=project.build_dir / "sjablonen-cache")
    content, graph = result.content, result.graph
    glossary = Glossary(content)
    Job = Callable[[], list[tuple[PurePosixPath, bytes, tuple[str, ...] | None]]]

    def data() -> list[tuple[PurePosixPath, bytes, tuple[str, ...] | None]]:
        made = render_data(content, graph, result.vragenlijst, directory_urls=directory_urls)
        return [(path, body, None) for path, body in made.items()]

    def page(path: PurePosixPath, render: Callable[[], str]) -> Job:
        def run() -> list[tuple[PurePosixPath, bytes, tuple[str, ...] | None]]:
            text = render()
            # Words before the tooltip lines are added: those are not the page's text.
            own = _search_words(text)
            return [(path, glossary.annotate(path, text).encode("utf-8"), own)]
        return run

    try:
        pages, heavy = page_jobs(content, graph, env, result.vragenlijst, edit_url=project.edit_url,
                                 directory_urls=directory_urls)
        jobs: list[Job] = [data] + [page(path, render) for path, render in pages]
        done = parallel_map(lambda job: job(), jobs, heavy=1 + heavy)
    except jinja2.TemplateNotFound as exc:
        raise BuildError(f"sjabloon '{exc.name}' ontbreekt in {project.templates}") from None
    except jinja2.TemplateError as exc:
        raise BuildError(f"fout in een sjabloon: {exc}") from None
    files: dict[PurePosixPath, bytes] = {}
    words: dict[PurePosixPath, tuple[str, ...]] = {}
    for made in done:
        for path, text, own in made:
            files[path] = text
            if own is not None:
                words[path] = own
    add_search_words(files, words)
    if project.assets.is_dir():
        for asset in sorted(project.assets.rglob("*")):
            if asset.is_file():
                files[PurePosixPath("assets", asset.relative_to(project.assets).as_posix())] = asset.read_bytes()
    return dict(sorted(files.items()))


def write_tree(target: Path, files: Mapping[PurePosixPath, str | bytes]) -> int:
    """Make ``target`` hold exactly ``files``; return how many files changed.

    Unchanged files are not touched, so ``mkdocs serve`` (which watches this
    folder) does not rebuild in a loop. Paths must stay inside ``target``: no
    ``..``, no absolute paths, and nothing is written through a symbolic link.
    """
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    changed = 0
    folders: set[Path] = set()
    wanted: set[str] = set()
    for relative, content in files.items():
        # Judged by its parts rather than by asking the disk: at 10,000 pages,
        # resolving every path was most of the time spent writing.
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise BuildError(f"pad buiten de uitvoermap geweigerd: {relative}")
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = root.joinpath(*relative.parts)
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folder = path.parent.resolve()  # a linked folder could lead outside
            if folder != root and root not in folder.parents:
                raise BuildError(f"pad buiten de uitvoermap geweigerd: {relative}")
            folders.add(path.parent)
        wanted.add(str(path))
        if path.is_symlink():
            raise BuildError(f"{relative} is een symbolische koppeling; verwijder {target} en bouw opnieuw")
        try:
            if path.read_bytes() == data:
                continue
        except FileNotFoundError:
            pass
        path.write_bytes(data)
        changed += 1
    for folder, subfolders, names in os.walk(root, topdown=False):
        for name in names:
            if os.path.join(folder, name) not in wanted:
                os.unlink(os.path.join(folder, name))
                changed += 1
        if folder != str(root) and not os.listdir(folder):
            os.rmdir(folder)
    return changed


def generate(project: Project, *, offline: bool = False) -> CheckResult:
    """Check the content and write the docs folder; raise ``ContentError`` on errors."""
    result = check_project(project)
    if not result.ok:
        raise ContentError(result.fouten)
    result.content.release_sources()
    write_tree(project.docs_dir, render_all(project, result, directory_urls=not offline))
    return result


@contextmanager
def _build_lock(project: Project) -> Iterator[None]:
    # Two builds at once would race on build/docs and site/; take turns instead.
    project.build_dir.mkdir(parents=True, exist_ok=True)
    with open(project.build_dir / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_mkdocs(project: Project, out: Path, strict: bool, offline: bool = False) -> None:
    # No --quiet: it would also hide the warnings that --strict counts.
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file",
               str(project.mkdocs_config), "--site-dir", str(out)]
    if strict:
        command.append("--strict")
    env = dict(os.environ, **{SKIP_HOOK_ENV: "1"})
    if offline:
        # Read by mkdocs.yml: the offline plugin, and file names instead of folders.
        env.update({"WIJKKOMPAS_OFFLINE": "true", "WIJKKOMPAS_DIRECTORY_URLS": "false"})
    completed = subprocess.run(command, cwd=project.root, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        output = (completed.stderr + completed.stdout).splitlines()
        # MkDocs also logs INFO lines (e.g. every page left out of the nav); keep the reasons.
        reasons = [line for line in output if not line.startswith(("INFO", "  - "))] or output
        raise BuildError("MkDocs kon de site niet bouwen:\n" + "\n".join(reasons).strip())


def _swap_in(new: Path, site: Path) -> None:
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-oud-", dir=site.parent))
        os.replace(site, old / "site")
    os.replace(new, site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(project: Project, *, strict: bool = True, offline: bool = False) -> CheckResult:
    """Build the whole site into ``site/`` (or, ``offline``, a copy that works from disk into ``site-offline/``).

    Raises
    ------
    ContentError
        When the content has errors; nothing is written.
    BuildError
        When MkDocs fails; ``site/`` keeps its previous contents.
    """
    with _build_lock(project):
        result = generate(project, offline=offline)
        staging = Path(tempfile.mkdtemp(prefix="site-", dir=project.build_dir))
        try:
            _run_mkdocs(project, staging, strict, offline)
            _swap_in(staging, project.offline_dir if offline else project.site_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return result
