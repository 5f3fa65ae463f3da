"""Sequence the build: check -> render -> write docs -> MkDocs -> swap ``site/``.

A build with content errors writes nothing, and ``site/`` is replaced only by a
complete, successful MkDocs build, so a failure always leaves the previous site.

No failed build wedges the next one:

* One build at a time, by an ``flock`` on ``build/.lock``; the holder writes its
  pid into the file. A build that finds the lock held waits at most
  ``WIJKKOMPAS_LOCK_WACHT`` seconds (default ten minutes), then stops with a
  message naming that process.
* Nothing else holds the lock: forked children close it (``_close_lock_in_child``)
  and, like the MkDocs process, are killed by the kernel when the build dies.
* ``site/`` is replaced by one atomic exchange, so it is complete at every
  instant; what a killed build leaves (``build/site-*``, ``.site-oud-*``) is
  removed by the next build.
* ``stop_for_test`` lets the tests kill a build at each stage.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator

import jinja2

from .check import CheckResult, check_project
from .errors import BuildError, ContentError
from .project import Project
from .render import make_environment, page_jobs, render_data
from .search.documents import documents
from .search.index import search_files
from .parallel import parallel_map
from .render.glossary import Glossary
from .publish import produce_site
from .timing import stage
from .urls import Urls
from .warm import Warm, folder_stamp

__all__ = ["generate", "checked", "render_all", "build_site", "write_tree", "stop_for_test", "LOCK_WAIT_ENV",
           "TEST_STOP_ENV"]

log = logging.getLogger(__name__)

# Set while ``build_site`` runs MkDocs, so the MkDocs hook does not generate twice.
# Seconds a build waits for another one to finish before it gives up.
LOCK_WAIT_ENV = "WIJKKOMPAS_LOCK_WACHT"
LOCK_WAIT_DEFAULT = 600.0
TEST_STOP_ENV = "WIJKKOMPAS_TEST_STOP"
TEST_STAGES = ("after-check", "worker", "after-docs", "mkdocs", "before-swap", "after-swap")
# What a killed build can leave: staging folders (or, after the exchange, the old
# site) in build/, and the old site of the two-rename fallback next to site/.
_STAGING_PREFIX = "site-"
_OLD_SITE_PREFIX = ".site-oud-"


def stop_for_test(stage: str, build_pid: int | None = None) -> None:
    """Test hook: kill the build with SIGKILL at ``stage`` when ``WIJKKOMPAS_TEST_STOP`` names it.

    The stages, in order (``TEST_STAGES``): ``after-check`` (content checked,
    nothing written), ``worker`` (inside a render worker, which kills the build
    process that forked it; with this stage the pages are rendered in worker
    processes even for a small project), ``after-docs`` (build/docs written),
    ``mkdocs`` (MkDocs started), ``before-swap`` (the new site staged in
    build/) and ``after-swap`` (the new site in place, the old one not yet
    removed). ``build_pid`` is the build's process when called from a worker.
    """
    if os.environ.get(TEST_STOP_ENV) == stage:
        try:
            os.kill(build_pid or os.getpid(), signal.SIGKILL)
        except ProcessLookupError:  # another worker was first
            pass


def render_all(project: Project, result: CheckResult, *, urls: Urls = Urls(), warm: Warm | None = None,
               only: set[PurePosixPath] | None = None) -> dict[PurePosixPath, bytes]:
    """Every generated file of the docs folder (pages, data, assets) as UTF-8 bytes.

    Data files and pages are made in one pass over every core: the data first
    (before the pages take memory), then the biggest pages, then the rest. Each
    page gets its glossary tooltips, is encoded, and has its words collected in
    the worker that rendered it. Held as bytes: as ``str``, one '…' makes a whole
    page two bytes per character, and at 10,000 cases every page is held until
    written. With ``warm`` (the live preview) everything runs in this process and
    reuses what the previous build made from unchanged inputs; ``only`` (its first
    pass) makes just those pages, the same bytes as in the whole.
    """
    env = make_environment(project.templates, cache=project.template_cache)
    content, graph = result.content, result.graph
    glossary = Glossary(content, urls=urls)
    memo = warm.pages if warm is not None else None
    if memo is not None:
        memo.start(f"{folder_stamp(project.templates)} {urls.directory}")
    Job = Callable[[], list[tuple[PurePosixPath, bytes]]]

    def data() -> list[tuple[PurePosixPath, bytes]]:
        made = render_data(content, graph, result.vragenlijst, urls=urls,
                           memo=warm.scores if warm is not None else None)
        return list(made.items())

    build_pid = os.getpid()

    def page(path: PurePosixPath, render: Callable[[], str]) -> Job:
        def run() -> list[tuple[PurePosixPath, bytes]]:
            stop_for_test("worker", build_pid)
            if memo is not None:
                return [(path, memo.finish(path, render(), glossary.stamp, annotate(path)))]
            return [(path, annotate(path)(render()))]
        return run

    def annotate(path: PurePosixPath) -> Callable[[str], bytes]:
        return lambda text: glossary.annotate(path, text).encode("utf-8")

    try:
        pages, heavy = page_jobs(content, graph, env, result.vragenlijst, edit_url=project.edit_url,
                                 urls=urls, memo=memo)
        if only is not None:
            return {path: text for made in (page(path, render)() for path, render in pages if path in only)
                    for path, text in made}
        jobs: list[Job] = [data] + [page(path, render) for path, render in pages]
        with stage(f"{len(pages)} pagina's en de data maken"):  # the preview's warm builds too
            if memo is not None:
                # The memo lives in this process: what a worker rendered would be lost.
                done = [job() for job in jobs]
                memo.keep_only({path for path, _ in pages})
            else:
                # The test of a build killed inside a worker needs workers, also for a small project.
                in_workers = 0 if os.environ.get(TEST_STOP_ENV) == "worker" else None
                done = parallel_map(lambda job: job(), jobs, heavy=1 + heavy, min_items=in_workers)
    except jinja2.TemplateNotFound as exc:
        raise BuildError(f"sjabloon '{exc.name}' ontbreekt in {project.templates}") from None
    except jinja2.TemplateError as exc:
        raise BuildError(f"fout in een sjabloon: {exc}") from None
    files: dict[PurePosixPath, bytes] = {path: text for made in done for path, text in made}
    # The search index, from the content and the pages' titles (generator/search/).
    with stage("zoekindex"):
        files.update(search_files(documents(result.content, files, urls=urls),
                                  warm.search if warm is not None else None))
    if project.assets.is_dir():
        for asset in sorted(project.assets.rglob("*")):
            if asset.is_file():
                files[PurePosixPath("assets", asset.relative_to(project.assets).as_posix())] = asset.read_bytes()
    return dict(sorted(files.items()))


def write_tree(target: Path, files: Mapping[PurePosixPath, str | bytes], *, prune: bool = True) -> int:
    """Make ``target`` hold exactly ``files``; return how many files changed.

    Without ``prune`` (the live preview's first pass) other files are left alone.

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
            real = path.parent.resolve()  # a linked folder could lead outside
            if real != root and root not in real.parents:
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
    if not prune:
        return changed
    for folder, subfolders, names in os.walk(root, topdown=False):
        for name in names:
            if os.path.join(folder, name) not in wanted:
                os.unlink(os.path.join(folder, name))
                changed += 1
        if folder != str(root) and not os.listdir(folder):
            os.rmdir(folder)
    return changed


def checked(project: Project, warm: Warm | None = None) -> CheckResult:
    """The checked content, ready to render; raise ``ContentError`` on errors."""
    result = check_project(project, warm.files if warm is not None else None)
    if not result.ok:
        raise ContentError(result.fouten)
    result.content.release_sources()
    return result


def generate(project: Project, *, offline: bool = False, warm: Warm | None = None) -> CheckResult:
    """Check the content and write the docs folder; raise ``ContentError`` on errors.

    ``warm`` (the live preview) keeps what this build made for the next one.
    """
    result = checked(project, warm)
    stop_for_test("after-check")
    files = render_all(project, result, urls=Urls(directory=not offline), warm=warm)
    with stage(f"{len(files)} bestanden naar {project.docs_dir.name}/ schrijven"):
        write_tree(project.docs_dir, files)
    stop_for_test("after-docs")
    return result


# The descriptor of the build lock while this process holds it. A forked child
# closes its copy (flock belongs to the open file, so a worker that outlived the
# build would keep holding the lock); O_CLOEXEC does the same for programs started
# with exec.
_lock_fd: int | None = None


def _close_lock_in_child() -> None:
    global _lock_fd
    if _lock_fd is not None:
        os.close(_lock_fd)
        _lock_fd = None


os.register_at_fork(after_in_child=_close_lock_in_child)


def _lock_wait() -> float:
    try:
        return max(0.0, float(os.environ.get(LOCK_WAIT_ENV, LOCK_WAIT_DEFAULT)))
    except ValueError:
        return LOCK_WAIT_DEFAULT


def _holder(fd: int) -> int | None:
    # The pid the holder wrote after taking the lock. No stale-lock logic is needed:
    # the kernel releases an flock when its last holder dies, so a lock that is
    # held always has a live holder, even if an older build wrote no pid.
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


def _duration(seconds: float) -> str:
    return f"{seconds / 60:.0f} minuten" if seconds >= 120 else f"{seconds:.0f} seconden"


@contextmanager
def _build_lock(project: Project, on_wait: Callable[[str], object] | None = None) -> Iterator[None]:
    """Hold ``build/.lock`` (two builds at once would race on build/docs and site/).

    Waits at most ``WIJKKOMPAS_LOCK_WACHT`` seconds for another build, telling
    ``on_wait`` once who it waits for; then raises ``BuildError``.
    """
    global _lock_fd
    project.build_dir.mkdir(parents=True, exist_ok=True)
    # Not truncated on opening: the file holds the pid of the build that has the lock.
    fd = os.open(project.build_dir / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        wait = _lock_wait()
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                pid = _holder(fd)
                who = f"proces {pid}" if pid else "een ander proces"
                if time.monotonic() >= deadline:
                    stop = f"kill {pid}" if pid else f"fuser -k {project.build_dir / '.lock'}"
                    raise BuildError(
                        f"een andere bouw ({who}) is na {_duration(wait)} wachten nog bezig in {project.root}. "
                        f"Wacht tot die klaar is en bouw dan opnieuw. Hangt die bouw, stop hem dan "
                        f"(bijvoorbeeld met '{stop}') en bouw opnieuw.") from None
                if not told and on_wait is not None:
                    on_wait(f"Een andere bouw ({who}) is nog bezig; deze bouw wacht tot die klaar is "
                            f"(hoogstens {_duration(wait)}).")
                    told = True
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        _lock_fd = fd
        try:
            yield
        finally:
            _lock_fd = None
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _remove_leftovers(project: Project) -> None:
    # Called under the lock, so no other build is using these folders. Best effort:
    # a leftover that cannot be removed does not stop the build.
    for pattern in (project.build_dir.glob(_STAGING_PREFIX + "*"),
                    project.root.glob(_OLD_SITE_PREFIX + "*")):
        for leftover in pattern:
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)


def _check_writable(*folders: Path) -> None:
    # Before the work, not after minutes of it: the swap needs to write in the
    # project folder, in build/ and in site/ itself (a moved folder's "..").
    for folder in folders:
        if folder.is_dir() and not os.access(folder, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))


_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_AT_FDCWD = -100


def _load_renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).renameat2
    except (OSError, AttributeError):  # no libc, or glibc older than 2.28
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


_RENAMEAT2 = _load_renameat2()


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step; False where the system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # file system without exchange
        return False
    raise OSError(code, os.strerror(code), str(second), None, str(first))


def _swap_in(new: Path, site: Path) -> None:
    """Put the folder ``new`` in the place of ``site``; ``site`` is complete at every instant.

    With an atomic exchange ``new`` then holds the old site, removed here (or,
    after a kill, by the next build). Without one (not Linux, or a file system
    that cannot), the old site is first moved aside to ``.site-oud-*``: a kill
    between the two renames leaves no ``site/`` until the next build.
    """
    if site.exists() and _exchange(new, site):
        stop_for_test("after-swap")
        shutil.rmtree(new, ignore_errors=True)
        return
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=_OLD_SITE_PREFIX, dir=site.parent))
        os.replace(site, old / "site")
    os.replace(new, site)
    stop_for_test("after-swap")
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(project: Project, *, strict: bool = True, offline: bool = False,
               on_wait: Callable[[str], object] | None = None) -> CheckResult:
    """Build the whole site into ``site/`` (or, ``offline``, a copy that works from disk into ``site-offline/``).

    ``on_wait`` receives a message when the build waits for another build.

    Raises
    ------
    ContentError
        When the content has errors; nothing is written.
    BuildError
        When MkDocs fails, or another build holds the lock too long; ``site/``
        keeps its previous contents.
    OSError
        When a folder cannot be written (``filename`` names it); ``site/`` keeps
        its previous contents.
    """
    target = project.offline_dir if offline else project.site_dir
    _check_writable(project.root, project.build_dir, target)
    with _build_lock(project, on_wait):
        _remove_leftovers(project)
        result = generate(project, offline=offline)
        staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=project.build_dir))
        try:
            with stage("MkDocs"):
                produce_site(project, staging, strict=strict, offline=offline,
                             on_started=lambda: stop_for_test("mkdocs"))
            stop_for_test("before-swap")
            _swap_in(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return result
