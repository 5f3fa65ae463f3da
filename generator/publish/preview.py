"""The live preview (``wijkkompas serve``, ``make serve``): edit a case, see the page a moment later.

One process stays up, so everything it made for the last version is at hand:

* It watches only what editors change (``cases/``, ``content/``, ``templates/``,
  ``mkdocs.yml``), not the generated ``build/docs``: one save, one rebuild.
* A rebuild regenerates warm (``generator/warm.py``): unchanged files are not
  read again, unchanged pages not rendered again, and ``write_tree`` rewrites
  only files whose bytes changed, so the rest keep their timestamps. MkDocs then
  builds "dirty": only the pages whose Markdown is newer than their HTML.
* Content with errors is reported in Dutch, and the preview keeps showing the
  last good version.
* Ctrl-C or SIGTERM, at any moment, stops it cleanly: no process, lock or
  temporary folder is left behind (tests/test_preview.py).

MkDocs' own development server does the serving and the reloading of open
pages. Its reload script is inline, which the site's Content-Security-Policy
forbids, so here it is served as a file of this server instead.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import string
import tempfile
import time
from pathlib import Path
from types import FrameType
from typing import Any, Callable, Iterable

from ..build import _build_lock, checked, render_all, write_tree
from ..errors import ContentError
from ..content import Item
from ..project import Project
from ..urls import page_path
from ..warm import Warm
from . import SKIP_HOOK_ENV

__all__ = ["serve", "RELOAD_SCRIPT"]

log = logging.getLogger(__name__)

# Where the server answers with the reload script for a page (epoch and page id in the query).
RELOAD_SCRIPT = "/.voorvertoning/herlaad.js"
# How often the watched folders are looked at, in seconds.
POLL_INTERVAL = 0.2
# Up to this many edited items get a first pass of their own pages (a save, a git checkout of a few files).
FIRST_PASS_MAX = 10


def _names(items: list[Item]) -> str:
    return ", ".join(item.bestand for item in items[:3]) + (f" en {len(items) - 3} meer" if len(items) > 3 else "") \
        if items else "Niets"


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # The same way out as Ctrl-C, so every "finally" runs.
    raise KeyboardInterrupt


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def serve(project: Project, port: int = 8000, *, out: Callable[[str], object] = print) -> int:
    """Build, serve on http://127.0.0.1:``port``/ and rebuild on every save until stopped; the exit code."""
    # Imported here: the rest of the generator never needs MkDocs' server.
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.livereload import _SCRIPT_TEMPLATE_STR, LiveReloadServer, _timestamp

    host = "127.0.0.1"
    if not _port_free(host, port):
        out(f"Poort {port} is al in gebruik (draait de voorvertoning al?); kies een andere met --poort.")
        return 1
    address = f"http://{host}:{port}/"
    # Read by mkdocs.yml: the preview lives at the root of its own address.
    os.environ["WIJKKOMPAS_SITE_URL"] = address
    # The hook must not generate: this process does, warm.
    os.environ[SKIP_HOOK_ENV] = "1"
    warm = Warm()
    site_dir = tempfile.mkdtemp(prefix="wijkkompas-voorvertoning-")
    built = False

    def publish() -> None:
        # Not strict: the preview shows a page with a broken link rather than nothing.
        config = load_config(str(project.mkdocs_config), site_dir=site_dir, strict=False)
        # Dirty: MkDocs builds only pages whose Markdown is newer than their HTML.
        mkdocs_build(config, dirty=built)

    def rebuild() -> None:
        nonlocal built
        started = time.monotonic()
        if built:
            out("Wijziging gezien; bijwerken ...")
        with _build_lock(project, on_wait=out):
            try:
                result = checked(project, warm)
            except ContentError as exc:
                for problem in exc.problems:
                    out(problem.format())
                out(f"{len(exc.problems)} fout(en) in de inhoud; de voorvertoning toont de vorige versie.")
                return
            edited = warm.changed_items(result.content)
            if built and 0 < len(edited) <= FIRST_PASS_MAX:
                # First the pages of what was edited, which the editor is looking at; the
                # lists, links and search index that also change follow in the second pass.
                pages = {page_path(item.kind, item.id) for item in edited}
                write_tree(project.docs_dir, render_all(project, result, warm=warm, only=pages), prune=False)
                publish()
                server.show_now()
                out(f"{_names(edited)} bijgewerkt in {time.monotonic() - started:.1f} s; de rest volgt.")
            write_tree(project.docs_dir, render_all(project, result, warm=warm))
            publish()
        built = True
        out(f"Alles bijgewerkt in {time.monotonic() - started:.1f} s.")

    class Server(LiveReloadServer):
        def show_now(self) -> None:
            """Let open pages reload and requests through, while the rebuild goes on.

            The server holds requests until a rebuild ends (so that no half-built site is
            seen) and then tells open pages to reload. After the first pass the edited
            pages are complete, so that moment comes early; the second pass rewrites
            other pages, each in one write.
            """
            with self._epoch_cond:
                self._visible_epoch = self._wanted_epoch
                self._epoch_cond.notify_all()

        def _build_loop(self) -> None:
            # Said only now: the watcher has taken stock, so a save from here on is seen.
            out(f"De voorvertoning staat op {address} (stoppen: Ctrl-C). Opgeslagen wijzigingen verschijnen vanzelf.")
            super()._build_loop()

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            body_end = content.rfind(b"</body>")
            body_end = len(content) if body_end < 0 else body_end
            tag = f'<script src="{RELOAD_SCRIPT}?{epoch}-{_timestamp()}"></script>'.encode("ascii")
            return content[:body_end] + tag + content[body_end:]

        def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes] | None:
            if environ["PATH_INFO"] == RELOAD_SCRIPT:
                epoch, _, page = environ.get("QUERY_STRING", "").partition("-")
                if not (epoch.isdigit() and page.isdigit()):
                    return None
                script = string.Template(_SCRIPT_TEMPLATE_STR).substitute(epoch=epoch, request_id=page)
                start_response("200 OK", [("Content-Type", "text/javascript; charset=utf-8"),
                                          ("Cache-Control", "no-store")])
                return [script.encode("utf-8")]
            return super()._serve_request(environ, start_response)

    server = Server(builder=rebuild, host=host, port=port, root=site_dir, polling_interval=POLL_INTERVAL)

    def not_found(code: int) -> bytes | None:
        page = Path(site_dir, "404.html")
        return page.read_bytes() if code == 404 and page.is_file() else None

    server.error_handler = not_found
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    # MkDocs logs every rebuild in English; its warnings and errors still show, apart
    # from the one that every dirty build repeats.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())
    try:
        out("De voorvertoning wordt gebouwd ...")
        rebuild()
        if not built:
            out("Los de fouten op; de voorvertoning start zodra de inhoud klopt.")
        for watched in (project.root / "cases", project.root / "content", project.templates, project.mkdocs_config):
            if watched.exists():
                server.watch(str(watched))
        try:
            server.serve()
        finally:
            server.shutdown()
    except KeyboardInterrupt:
        out("Voorvertoning gestopt.")
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0
