"""The jinja2 environment for Markdown templates, with the escaping filters.

Every value is HTML-escaped on output (autoescape), so even text that slipped
past validation cannot become markup in the site. Filters add Markdown-aware
escaping and layout on top of that.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..models import KINDS
from ..questionnaire.wording import first_sentence
from .opmaak import opmaak_html

__all__ = ["make_environment", "plain", "indent_block", "yaml_string", "url", "opmaak"]

_KIND_OF_FOLDER = {kind.plural: kind.name for kind in KINDS}

# Characters that Markdown would read as markup inside a line of plain text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")


def plain(value: object) -> Markup:
    """Escape a plain (non-Markdown) text for HTML and for Markdown."""
    text = str(value)
    # Titles and labels are escaped again on every page that links to them; short texts are remembered.
    return _plain_short(text) if len(text) <= 200 else _plain(text)


def _plain(text: str) -> Markup:
    # Markdown first, HTML second: escaping HTML first would produce "&#34;",
    # whose "#" the Markdown step would then mangle.
    return escape(_MARKDOWN_SPECIAL.sub(r"\\\1", text))


_plain_short = functools.lru_cache(maxsize=65_536)(_plain)


def indent_block(value: object, width: int = 4) -> Markup:
    """Escape Markdown text and indent its continuation lines (for list items)."""
    text = str(escape(str(value)))
    pad = " " * width
    return Markup(("\n" + pad).join(line if line.strip() else "" for line in text.split("\n")))


def yaml_string(value: object) -> Markup:
    """A front-matter value: HTML-escaped, then quoted as a JSON (= YAML) string.

    The theme puts front matter into attributes without escaping; escaping here
    keeps a quote in the text from closing the attribute.
    """
    return Markup(json.dumps(str(escape(" ".join(str(value).split()))), ensure_ascii=False))


def url(value: object) -> Markup:
    """A validated URL, made safe as a Markdown link target.

    Parentheses would end the Markdown link early, so they are percent-encoded.
    """
    text = str(value).replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return escape(text)


@jinja2.pass_context
def opmaak(context: jinja2.runtime.Context, value: object, tight: bool = False) -> Markup:
    """An editor's Markdown text as a sanitised raw HTML block (see ``render/opmaak.py``).

    The block stands between blank lines, so the site's Markdown passes it
    through without reading it; ``tight`` is only for inside raw HTML (list
    items, definitions), where the site's Markdown does not look either.
    """
    html = opmaak_html(str(value), context["href"], _KIND_OF_FOLDER, tight=tight)
    return Markup(html if tight else f"\n\n{html}\n\n")


def is_known(value: object) -> bool:
    """False for empty values and for 'Niet genoemd in de bron.' (the seed is silent)."""
    text = str(value or "").strip().lower()
    return bool(text) and not text.startswith("niet genoemd")


def make_environment(templates: Path, cache: Path | None = None) -> jinja2.Environment:
    """Create the environment that renders the ``*.md.j2`` templates in ``templates``.

    With ``cache``, compiled templates are kept there between builds (Jinja checks
    each template's source, so an edited template is compiled afresh).
    """
    bytecode_cache = None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        bytecode_cache=bytecode_cache,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plain"] = plain
    env.filters["indent_block"] = indent_block
    env.filters["yaml_string"] = yaml_string
    env.filters["url"] = url
    env.filters["opmaak"] = opmaak
    env.filters["eerste_zin"] = first_sentence
    env.tests["bekend"] = is_known
    return env
