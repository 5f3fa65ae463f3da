"""A Content-Security-Policy for every page: defence in depth behind the sanitiser.

The site is static, so the policy is a ``<meta>`` tag at the top of ``<head>``.
Scripts and styles may come from the site itself; the theme's few inline
scripts (and the kenniskaart's inline style) are allowed by their SHA-256
hash, computed from the finished page. No ``'unsafe-inline'`` and no
``'unsafe-hashes'``: a script or an event-handler attribute that slipped into a
page would not run. An inline script in the page's *content* (what the
generator wrote) must never be hashed: ``content_has_inline_code`` lets the
publishing layer refuse such a page instead.
"""

from __future__ import annotations

import base64
import hashlib
import re

__all__ = ["add_policy", "policy", "content_has_inline_code", "inline_code"]

# An inline script (no src) whose type runs as JavaScript, or a <style> element.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_STYLE = re.compile(r"<style[^>]*>(?P<body>.*?)</style>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_RUNS = {"", "text/javascript", "module", "application/javascript"}
_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)


def _runs(attrs: str) -> bool:
    # <script type="application/json"> (the theme's configuration) is data, not code.
    found = _TYPE.search(attrs)
    return (found.group(1).lower() if found else "") in _RUNS


def inline_code(html: str) -> tuple[list[str], list[str]]:
    """The bodies of the inline scripts that run, and of the ``<style>`` elements."""
    scripts = [m.group("body") for m in _INLINE_SCRIPT.finditer(html) if _runs(m.group("attrs"))]
    styles = [m.group("body") for m in _STYLE.finditer(html)]
    return scripts, styles


def content_has_inline_code(content: str) -> bool:
    """True when the page's own content holds an inline script that would run.

    Event-handler attributes need no test here: without ``'unsafe-hashes'`` the
    policy never lets one run, whatever is hashed.
    """
    scripts, _ = inline_code(content)
    return bool(scripts)


def _hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(html: str) -> str:
    """The policy for one finished page.

    ``'self'`` also covers the offline copy opened from disk (``file:``), where
    Chromium and Firefox count other files as the same source.
    """
    scripts, styles = inline_code(html)
    script_hashes = " ".join(sorted({_hash(body) for body in scripts}))
    style_hashes = " ".join(sorted({_hash(body) for body in styles}))
    directives = [
        "default-src 'self'",
        f"script-src 'self' {script_hashes}".rstrip(),
        f"style-src 'self' {style_hashes}".rstrip(),
        # The theme's icons are data: SVGs in its stylesheet.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def add_policy(html: str) -> str:
    """The page with its policy as the first element of ``<head>``.

    >>> page = add_policy("<html><head><title>x</title><script>go()</script></head></html>")
    >>> page.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="default-src')
    True
    >>> "script-src 'self' 'sha256-" in page
    True
    """
    head = _HEAD.search(html)
    if head is None:
        return html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[:head.end()] + tag + html[head.end():]
