"""The real build: `mkdocs build --strict` on the real content, and what it produces."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.build import build_site
from generator.cli import main
from generator.errors import BuildError, ContentError
from generator.project import Project

pytestmark = pytest.mark.slow

BOUWSTENEN = ["maatschappelijke-urgentie", "gedeelde-visie", "bestuurlijke-verankering",
              "onafhankelijke-procesleiding", "lange-adem", "vertrouwen", "middelen"]
STAPPEN = ["urgentie-onderbouwen", "coalitie-vormen", "visie-ontwikkelen",
           "randvoorwaarden-organiseren", "samen-aan-de-slag"]
BRONNEN = ["plekken-van-hoop", "wendbare-wijkaanpak", "wijkmachinerie", "duurzaam-wijkbeheer",
           "tomtom-stijgingsroutes"]


def _page(site: Path, folder: str, item: str) -> str:
    return (site / folder / item / "index.html").read_text(encoding="utf-8")


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#]+)', html))


def test_every_bouwsteen_stap_bron_and_case_has_a_page(built_site: Path) -> None:
    for folder, items in [("bouwstenen", BOUWSTENEN), ("stappen", STAPPEN), ("bronnen", BRONNEN),
                          ("casussen", ["zorgvrijstaat", "de-ketel"])]:
        for item in items:
            assert (built_site / folder / item / "index.html").is_file(), f"{folder}/{item}"
        assert (built_site / folder / "index.html").is_file()
    assert (built_site / "data" / "graaf.json").is_file()


@pytest.mark.parametrize("case", ["zorgvrijstaat", "de-ketel"])
def test_case_bouwsteen_and_stap_pages_link_both_ways(built_site: Path, case: str) -> None:
    links = _links(_page(built_site, "casussen", case))
    blocks = [b for b in BOUWSTENEN if f"../../bouwstenen/{b}/" in links]
    steps = [s for s in STAPPEN if f"../../stappen/{s}/" in links]
    assert len(blocks) >= 3 and len(steps) >= 2
    for block in blocks:
        assert f"../../casussen/{case}/" in _links(_page(built_site, "bouwstenen", block)), block
    for step in steps:
        assert f"../../casussen/{case}/" in _links(_page(built_site, "stappen", step)), step
    for step in STAPPEN:
        step_links = _links(_page(built_site, "stappen", step))
        for block in BOUWSTENEN:
            if f"../../bouwstenen/{block}/" in step_links:
                assert f"../../stappen/{step}/" in _links(_page(built_site, "bouwstenen", block))


def test_case_page_cites_sources_by_publication_and_chapter(built_site: Path) -> None:
    # Readers get publication and chapter; the line range is for editors, in the YAML (issue 17).
    html = _page(built_site, "casussen", "de-ketel")
    sources = html[html.index('id="bronnen"'):]
    assert re.search(r'<a href="../../bronnen/[^"]+/">[^<]+</a>, H7[^<]*</li>', sources)
    assert "regels 1884-2168" not in html


def test_cases_are_not_in_the_sidebar(built_site: Path) -> None:
    # Listing every case in the navigation would embed all of them in every page.
    html = _page(built_site, "bouwstenen", "vertrouwen")
    nav = html[re.search(r'<nav class="md-nav md-nav--primary', html).start():]
    nav = nav[: nav.index("</nav>")]
    assert "zorgvrijstaat" not in nav and "de-ketel" not in nav


class _Resources(HTMLParser):
    """Collects every URL a page would load by itself (not plain links)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed", "track") and values.get("src"):
            self.urls.append(values["src"] or "")
        rel = values.get("rel") or ""
        # A canonical or alternate link names an address; the browser loads nothing from it.
        if tag == "link" and values.get("href") and not any(r in rel for r in ("alternate", "canonical")):
            self.urls.append(values["href"] or "")
        if tag == "object" and values.get("data"):
            self.urls.append(values["data"] or "")
        for candidate in (values.get("srcset") or "").split(","):
            if candidate.strip():
                self.urls.append(candidate.split()[0])


def _is_external(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme in ("http", "https")


def test_no_file_loads_anything_from_another_host(built_site: Path) -> None:
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix == ".html":
            parser = _Resources()
            parser.feed(path.read_text(encoding="utf-8"))
            offenders += [f"{path.name}: {u}" for u in parser.urls if _is_external(u)]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text):
                if _is_external(url):
                    offenders.append(f"{path.name}: {url}")
        elif path.suffix == ".js":
            text = path.read_text(encoding="utf-8")
            # Script, style, font and image URLs, and the CDNs bundles load from.
            pattern = r"""["'`](?:https?:)?//[^"'`\s]*(?:\.(?:js|mjs|css|woff2?|ttf|otf|png|jpe?g|gif|svg|webp)|unpkg\.com[^"'`]*|cdn[^"'`]*|fonts\.(?:googleapis|gstatic)\.com[^"'`]*)["'`]"""
            offenders += [f"{path.name}: {m}" for m in re.findall(pattern, text)]
    assert offenders == []


def test_a_failed_build_leaves_the_previous_site_untouched(repo_copy: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project = repo_copy
    build_site(project)
    before = {p: p.read_bytes() for p in project.site_dir.rglob("*") if p.is_file()}

    case = project.root / "cases" / "de-ketel.yml"
    good = case.read_text(encoding="utf-8")
    case.write_text(good.replace("diepgang: uitgebreid", "diepgang: ["), encoding="utf-8")
    with pytest.raises(ContentError):
        build_site(project)
    assert main(["--root", str(project.root), "build"]) == 1
    assert "De vorige site is niet aangeraakt" in capsys.readouterr().err

    # Content that passes the check but breaks MkDocs (here a link to a heading
    # that does not exist): MkDocs itself fails in strict mode, and the site
    # must survive that too.
    case.write_text(good.replace("verhaal: |\n", "verhaal: |\n  Zie [dit](../casussen/zorgvrijstaat.md#bestaat-niet).\n", 1),
                    encoding="utf-8")
    with pytest.raises(BuildError, match="bestaat-niet"):
        build_site(project)

    after = {p: p.read_bytes() for p in project.site_dir.rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.build_dir.glob("site-*")), "tijdelijke bouwmap bleef achter"


def test_case_pages_link_to_their_yaml_for_editing(built_site: Path) -> None:
    html = _page(built_site, "casussen", "de-ketel")
    assert 'href="https://github.com/wijkkompas/wijkkompas/edit/main/cases/de-ketel.yml"' in html
    assert "Verbeter deze pagina" in html


def test_sitemap_404_and_page_descriptions(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/casussen/zorgvrijstaat/</loc>" in sitemap and "/bouwstenen/vertrouwen/</loc>" in sitemap
    assert "Deze pagina bestaat niet" in (built_site / "404.html").read_text(encoding="utf-8")
    html = _page(built_site, "casussen", "zorgvrijstaat")
    assert re.search(r'<meta name="description" content="Twee bewoners van Rotterdam West', html)
    assert re.search(r"<title>Zorgvrijstaat - Wijkkompas</title>", html)
