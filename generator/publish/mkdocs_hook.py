"""Thin MkDocs hook: the only code that knows about MkDocs and Material.

- Before each build during ``mkdocs serve`` it regenerates build/docs, so edits
  to YAML show up live. ``wijkkompas build`` generates first and sets an
  environment variable so the hook does not generate a second time.
- After each page it removes the indentation the theme's templates leave, and
  it lets go of each page's Markdown and HTML once they have been used, so the
  memory of a build does not hold the whole site twice.
- Every page gets a Content-Security-Policy (``generator/csp.py``) that allows
  only the theme's own inline scripts, by hash; a page whose content holds an
  inline script or an event handler stops the build.
- Links in editors' texts reach the page as raw HTML (``render/opmaak.py``),
  which MkDocs does not check; the hook checks their anchors, so a link to a
  heading that does not exist still fails a strict build.
- Item pages (a case, a tip, ...) are left out of the navigation, for speed at
  scale. So that they still say where they are, each one gets the navigation
  entry of its folder's overview as its parent: its section is the active tab,
  and the breadcrumb reads Home › Casussen › Zorgvrijstaat.
- The theme's templates are compiled once, into build/sjablonen-cache (``on_env``).
- The theme's bundle is loaded with ``defer``, so it no longer holds up the first paint.
- After each build it removes the two third-party script URLs that Material's
  bundle can load (a ResizeObserver polyfill for very old browsers and Mermaid
  for diagrams, both from unpkg.com). The site promises to make no request to
  another host; an empty inline script takes their place.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from generator.build import generate
from generator.publish import SKIP_HOOK_ENV
from generator.csp import add_policy, content_has_inline_code
from generator.errors import ContentError
from generator.project import Project
from generator.render.opmaak import editor_links

# Under "mkdocs.", so a strict build counts these warnings.
log = logging.getLogger("mkdocs.plugins.wijkkompas")

# Per build: the ids on each page, and the anchors editors' links ask for.
_ANCHORS: dict[str, set[str]] = {}
_WANTED: list[tuple[str, str, str, str]] = []  # source page, link, target page, anchor
_ID = re.compile(r'\sid="([^"]+)"')


def on_pre_build(config: Any, **kwargs: Any) -> None:
    _ANCHORS.clear()
    _WANTED.clear()
    if os.environ.get(SKIP_HOOK_ENV):
        return
    project = Project.at(Path(config["config_file_path"]).parent)
    try:
        generate(project)
    except ContentError as exc:
        details = "\n".join(problem.format() for problem in exc.problems)
        raise PluginError(f"Fouten in de inhoud:\n{details}") from None


def on_env(env: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    # The theme's templates compiled once and kept with the generator's own (Jinja checks
    # each one's source before using it): MkDocs makes a new environment for every build,
    # and compiling them again took half of a live-preview rebuild.
    import jinja2

    cache = Project.at(Path(config["config_file_path"]).parent).template_cache
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
    return env


def section_of(overview: Any) -> Any:
    """The navigation entry an item page belongs under: its overview page, or the
    section that opens with that overview (Casussen, not Casusverkenner)."""
    parent = overview.parent
    if parent is not None and parent.children and parent.children[0] is overview:
        return parent
    return overview


def on_nav(nav: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    in_nav = {id(page) for page in nav.pages}
    for file in files.documentation_pages():
        page = file.page
        if page is None or id(page) in in_nav or page.parent is not None:
            continue
        folder = posixpath.dirname(file.src_uri)
        overview = files.get_file_from_path(posixpath.join(folder, "index.md")) if folder else None
        if overview is not None and overview.page is not None and id(overview.page) in in_nav:
            page.parent = section_of(overview.page)
    return nav


_THIRD_PARTY_SCRIPT = re.compile(r'"https://unpkg\.com/[^"]*"')
_EMPTY_SCRIPT = '"data:text/javascript,"'




# Whitespace is meaningful inside these; everywhere else a run of it is one space.
_KEEP_WHITESPACE = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_INDENTED_LINES = re.compile(r"\n\s+")


def squeeze_whitespace(html: str) -> str:
    """Drop the indentation and blank lines the theme's templates leave in every page.

    A newline stays where there was one, so text reads as before; ``pre``,
    ``textarea``, ``script`` and ``style`` are left exactly as they are.

    >>> squeeze_whitespace("<div>\\n    <p>a\\n\\n   b</p>\\n  <pre> x\\n   y</pre></div>")
    '<div>\\n<p>a\\nb</p>\\n<pre> x\\n   y</pre></div>'
    """
    parts = _KEEP_WHITESPACE.split(html)
    out = []
    # split() with two groups yields: text, whole match, tag name, text, ...
    for index in range(0, len(parts), 3):
        out.append(_INDENTED_LINES.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    # MkDocs converts every page before writing any; the Markdown source is not
    # needed after conversion, and at 10,000 pages it is hundreds of megabytes.
    # Empty, not None: MkDocs reads "no Markdown" as "no title".
    page.markdown = ""
    # Content is sanitised long before this; should anything get through, the page's
    # policy must not end up allowing it by hash.
    if content_has_inline_code(html):
        raise PluginError(f"{page.file.src_uri}: de inhoud bevat een script of een event-handler; "
                          "dat mag nooit op een pagina komen")
    _ANCHORS[page.url] = set(_ID.findall(html))
    for link in editor_links(html):
        target, _, anchor = link.partition("#")
        if anchor and not urlsplit(target).scheme:
            page_url = posixpath.normpath(posixpath.join(posixpath.dirname("/" + page.url), target)) if target else "/" + page.url
            # normpath drops the trailing slash of a directory URL; MkDocs' page.url keeps it.
            page_url = page_url.lstrip("/") + ("/" if target.endswith("/") and page_url != "/" else "")
            _WANTED.append((page.file.src_uri, link, page_url, anchor))
    return html


# The theme's bundle is a plain script at the end of the body, so the browser waits for it
# before the first paint (Lighthouse: 0.5-0.75 s on a phone). Deferred it runs at the same
# moment in the page's life (after parsing, before DOMContentLoaded, before our own deferred
# scripts), without holding up the paint.
_THEME_BUNDLE = re.compile(r'(<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js")>')


def defer_theme_bundle(html: str) -> str:
    """The theme's script tag with ``defer``.

    >>> defer_theme_bundle('<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>')
    '<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script>'
    """
    return _THEME_BUNDLE.sub(r"\1 defer>", html)


def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    # The search index has taken this page's text by now (on_page_context); let the HTML go.
    page.content = ""
    # About a third of each page is the theme's indentation (measured on a case page).
    return add_policy(defer_theme_bundle(squeeze_whitespace(output)))


def on_post_template(output_content: str, template_name: str, **kwargs: Any) -> str:
    # The theme's own pages (404.html) get the same policy as every other page.
    return add_policy(defer_theme_bundle(output_content)) if template_name.endswith(".html") else output_content


def on_post_build(config: Any, **kwargs: Any) -> None:
    for source, link, target, anchor in _WANTED:
        if target in _ANCHORS and anchor not in _ANCHORS[target]:
            log.warning(f"{source}: een link in de tekst gaat naar '{link}', maar die pagina heeft "
                        f"geen kop '#{anchor}'; kies een bestaand kopje of laat '#{anchor}' weg")
    scripts = Path(config["site_dir"]) / "assets" / "javascripts"
    for bundle in sorted(scripts.glob("*.js")):
        text = bundle.read_text(encoding="utf-8")
        cleaned = _THIRD_PARTY_SCRIPT.sub(_EMPTY_SCRIPT, text)
        if cleaned != text:
            bundle.write_text(cleaned, encoding="utf-8")
