"""Serve a built site on this computer as a static host serves it (``wijkkompas open``, ``make audit``).

As on the public host: under the path of ``site_url`` (``/wijkkompas/``), with
``404.html`` for an address that does not exist, and compressed with gzip when
the browser accepts it, so what you see and what an audit measures is what a
visitor gets. Only 127.0.0.1: nothing is reachable from another computer.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["make_server", "COMPRESSED_TYPES"]

# What a static host compresses: text, not images or fonts that are compressed already.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def make_server(site: Path, prefix: str, port: int) -> http.server.ThreadingHTTPServer:
    """A server for ``site`` at ``http://127.0.0.1:port`` + ``prefix`` (``/`` or ``/wijkkompas/``)."""
    root = site.resolve()
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"

    @lru_cache(maxsize=512)
    def compressed(path: Path, mtime: float) -> bytes:
        return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_HEAD(self) -> None:  # noqa: N802 (http.server's name)
            self._answer(body=False)

        def do_GET(self) -> None:  # noqa: N802
            self._answer(body=True)

        def _file(self, url_path: str) -> Path | None:
            if not url_path.startswith(prefix):
                return None
            relative = posixpath.normpath(unquote(url_path[len(prefix):]) or ".")
            if relative.startswith(".."):
                return None
            target = (root / relative).resolve()
            if root not in target.parents and target != root:
                return None
            if target.is_dir():
                if not url_path.endswith("/"):
                    return target  # redirected below, as a static host does
                target = target / "index.html"
            return target if target.is_file() else None

        def _answer(self, body: bool) -> None:
            path = urlsplit(self.path).path
            if path == "/" and prefix != "/":
                self._redirect(prefix)
                return
            target = self._file(path)
            if target is not None and target.is_dir():
                self._redirect(path + "/")
                return
            status = 200
            if target is None:
                status, target = 404, root / "404.html"
                if not target.is_file():
                    self.send_error(404, "Niet gevonden")
                    return
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
                kind += "; charset=utf-8"
            data = target.read_bytes()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            if kind.startswith(COMPRESSED_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
                data = compressed(target, target.stat().st_mtime)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

        def _redirect(self, location: str) -> None:
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
