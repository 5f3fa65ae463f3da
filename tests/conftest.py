"""Shared fixtures: project copies to break on purpose, and one real site build."""

from __future__ import annotations

import http.server
import shutil
from urllib.parse import urlparse
import socketserver
import threading
from pathlib import Path
from typing import Iterator

import pytest

from generator.build import build_site
from generator.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = REPO.parent / "shared" / "seeds"


def _link_tooling(target: Path) -> None:
    # Content is copied (tests change it); the code and theme are linked.
    for name in ("templates", "generator", "mkdocs.yml", "pyproject.toml"):
        (target / name).symlink_to(REPO / name)


@pytest.fixture
def repo_copy(tmp_path: Path) -> Project:
    """A copy of the real content, safe to break."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("cases", "content"):
        shutil.copytree(REPO / name, root / name)
    _link_tooling(root)
    return Project.at(root)


@pytest.fixture
def mini(tmp_path: Path) -> Project:
    """A copy of the small fixture project in tests/fixtures/mini."""
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    _link_tooling(root)
    return Project.at(root)


def build_copy(folder: Path, *, offline: bool = False) -> Path:
    """Build the real content, copied into ``folder``; return the built site's folder."""
    root = folder / "project"
    root.mkdir()
    for name in ("cases", "content"):
        shutil.copytree(REPO / name, root / name)
    _link_tooling(root)
    project = Project.at(root)
    build_site(project, offline=offline)
    return project.offline_dir if offline else project.site_dir


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run from a copy of the repository."""
    return build_copy(tmp_path_factory.mktemp("site-build"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 (search needs a web worker)."""
    handler = lambda *a, **k: _QuietHandler(*a, directory=str(built_site), **k)  # noqa: E731
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}"
        server.shutdown()


# ------------------------------------------------------------------ headless Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags that keep Chromium from phoning home on a closed network (and from
# waiting on those connections); the sandbox needs privileges CI lacks as root.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        pytest.fail("Chromium ontbreekt: installeer het Debian-pakket 'chromium' (.ci/run doet dat).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(20_000)  # fail, never hang
    page = context.new_page()
    page.requests_to_other_hosts = []  # type: ignore[attr-defined]
    local = urlparse(site_url).netloc

    def record(request) -> None:  # type: ignore[no-untyped-def]
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != local:
            page.requests_to_other_hosts.append(request.url)  # type: ignore[attr-defined]

    page.on("request", record)
    yield page
    context.close()


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy of the real site (opened from disk), built once per test run."""
    return build_copy(tmp_path_factory.mktemp("offline"), offline=True)
