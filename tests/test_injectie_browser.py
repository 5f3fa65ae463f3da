"""The standing injection battery: every payload in every text field, built and run in Chromium.

Issue 14 asks that nothing an editor writes runs in a visitor's browser. This
module tries it the way an attacker would, on behaviour only:

1. The payloads come from ``injectie_payloads.yml`` (script tags, event handlers,
   attribute lists, raw HTML, SVG/MathML, unsafe links, template syntax, unicode
   tricks...). Each is filled in per field with its own number (``alert(%ID%)``)
   and a loopback canary address (``%CANARY%``).
2. The text fields are found by walking the pydantic models of ``generator.models``
   (every ``str`` field, also in nested models, lists and dicts, that takes an
   ordinary sentence or a web address), so a new field is covered automatically.
3. Every field × payload is put in a valid item and validated the way the loader
   does (YAML, then the model): refused or accepted.
4. All accepted combinations go into one project, several per item (one per field;
   item *j* holds the *j*-th accepted payload of each field), built once with the
   real build (``build_site``: check, render, MkDocs --strict).
5. The site is served on 127.0.0.1 and every page is loaded in headless Chromium
   with a dialog listener, a canary server on another loopback port, synthetic
   hover and focus events on the content, and a few Tab presses.

Done when: no dialog, no request to the canary (or any other host), and no
event-handler, style, autofocus or injected class/id/data-* attribute in the
built HTML. CSP violation reports and the presence of a CSP ``<meta>`` are
collected and shown in the messages (the CSP assertion belongs to its own test).
"""

from __future__ import annotations

import copy
import http.server
import os
import re
import socketserver
import threading
import time
import types
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin
from urllib.parse import urlparse

import pytest
import yaml
from pydantic import BaseModel

from conftest import FIXTURES, _QuietHandler
from generator.build import build_site
from generator.errors import BuildError, ContentError
from generator.models import KIND_BY_NAME, Kind
from generator.project import Project
from generator.yamlfile import parse_yaml
from test_hostile import _mini_copy, live_markup

PAYLOAD_FILE = Path(__file__).with_name("injectie_payloads.yml")
DICT_KEY = "*"  # a dict's key in a field path: the first key of the base item's dict
# Builds tried while leaving out what the build (not check) refuses; each takes seconds.
MAX_BUILDS = int(os.environ.get("INJECTIE_MAX_BUILDS", "12"))
FIRST_ID = 1000  # %ID% numbers start here, so alert(1) from elsewhere is not mistaken for ours


# ------------------------------------------------------------------ payloads

@dataclass(frozen=True)
class Payload:
    naam: str
    tekst: str  # with the placeholders %ID% and %CANARY%


def load_payloads() -> list[Payload]:
    entries = yaml.safe_load(PAYLOAD_FILE.read_text(encoding="utf-8"))
    payloads = [Payload(entry["naam"], entry["tekst"]) for entry in entries]
    names = [p.naam for p in payloads]
    assert len(set(names)) == len(names), "dubbele naam in injectie_payloads.yml"
    return payloads


# ------------------------------------------------------------------ text fields, from the models

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Variant:
    """A kind of content as it is rendered: a tip and a valkuil are rendered differently."""

    naam: str
    kind: Kind
    base: str  # the mini fixture's item whose valid data every combination starts from
    overrides: tuple[tuple[str, object], ...] = ()

    def base_data(self) -> dict[str, Any]:
        data = yaml.safe_load((FIXTURES / "mini" / self.base).read_text(encoding="utf-8"))
        return {**data, **dict(self.overrides)}


VARIANTS = [
    Variant("casus", KIND_BY_NAME["casus"], "cases/huiskamer.yml"),
    Variant("bouwsteen", KIND_BY_NAME["bouwsteen"], "content/bouwstenen/blok-1.yml"),
    Variant("stap", KIND_BY_NAME["stap"], "content/stappen/stap-een.yml"),
    Variant("tip", KIND_BY_NAME["tip"], "content/tips/begin-klein.yml"),
    Variant("valkuil", KIND_BY_NAME["tip"], "content/tips/pas-op.yml", (("soort", "valkuil"),)),
    Variant("kader", KIND_BY_NAME["kader"], "content/kaders/model.yml"),
    Variant("thema", KIND_BY_NAME["thema"], "content/themas/zorg.yml"),
    Variant("begrip", KIND_BY_NAME["begrip"], "content/begrippen/samenredzaamheid.yml"),
    Variant("bron", KIND_BY_NAME["bron"], "content/bronnen/testbron.yml"),
]


def _str_paths(annotation: Any, path: Path_, elements: dict[Path_, type[BaseModel]]) -> Iterator[Path_]:
    """Every path below ``annotation`` that ends in a ``str``; list elements that are models go in ``elements``."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        yield from _str_paths(args[0], path, elements)
    elif origin in (Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                yield from _str_paths(arg, path, elements)
    elif origin is list:
        if isinstance(args[0], type) and issubclass(args[0], BaseModel):
            elements[path + (0,)] = args[0]
        yield from _str_paths(args[0], path + (0,), elements)
    elif origin is dict:
        yield from _str_paths(args[1], path + (DICT_KEY,), elements)
    elif origin is Literal:
        return  # a choice from a list, not text
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            yield from _str_paths(info.annotation, path + (name,), elements)
    elif annotation is str:
        yield path


def _samples(variants: list[Variant]) -> dict[type[BaseModel], dict[str, Any]]:
    """A valid instance of every nested model the fixture has, to fill an empty list with."""
    found: dict[type[BaseModel], dict[str, Any]] = {}

    def walk(value: object) -> None:
        if isinstance(value, BaseModel):
            found.setdefault(type(value), value.model_dump(mode="json", exclude_unset=True))
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for variant in variants:
        walk(variant.kind.model.model_validate(variant.base_data()))
    return found


def _with(data: dict[str, Any], path: Path_, value: str, elements: dict[Path_, type[BaseModel]],
          samples: dict[type[BaseModel], dict[str, Any]]) -> dict[str, Any]:
    """A copy of ``data`` with ``value`` at ``path``; empty lists and missing dicts are filled in.

    Only the containers along the path are copied; ``data`` itself is not changed.
    """
    result = dict(data)
    node: Any = result
    for depth, part in enumerate(path[:-1]):
        if part == 0:
            if not node:
                model = elements.get(path[:depth + 1])
                node.append(copy.deepcopy(samples[model]) if model else {})
            node[0] = dict(node[0])
            node = node[0]
            continue
        if part == DICT_KEY:
            part = next(iter(node))
        child = node.get(part)
        if child in (None, [], {}):
            child = [] if path[depth + 1] == 0 else {}
        node[part] = list(child) if isinstance(child, list) else dict(child)
        node = node[part]
    last = path[-1]
    if last == 0:
        node[:1] = [value]
    else:
        node[next(iter(node)) if last == DICT_KEY else last] = value
    return result


def _dump(data: object) -> bytes:
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1_000_000).encode()


def loader_accepts(kind: Kind, data: dict[str, Any]) -> bool:
    """What the loader does with one file: read the YAML, validate the model."""
    try:
        kind.model.model_validate(parse_yaml(_dump(data)).data)
    except Exception:  # noqa: BLE001 - any refusal counts; check_project reports it properly
        return False
    return True


def field_accepts(text_field: TextField, text: str, base: dict[str, Any],
                  samples: dict[type[BaseModel], dict[str, Any]]) -> bool:
    """``loader_accepts`` for one text in one field of ``base``, faster: only the text goes through YAML.

    (Dumping and reading a whole item per combination took 30 s; the assembled project
    is checked as a whole by the real build afterwards.)
    """
    try:
        value = parse_yaml(_dump({"v": text})).data["v"]
        text_field.variant.kind.model.model_validate(
            _with(base, text_field.path, value, text_field.elements, samples))
    except Exception:  # noqa: BLE001 - as above
        return False
    return True


@dataclass(frozen=True)
class TextField:
    variant: Variant
    path: Path_
    elements: dict[Path_, type[BaseModel]] = field(hash=False, compare=False)

    @property
    def label(self) -> str:
        parts = []
        for part in self.path:
            if part == 0:
                parts[-1] += "[]"
            elif part == DICT_KEY:
                parts[-1] += "{}"
            else:
                parts.append(str(part))
        return f"{self.variant.naam}." + ".".join(parts)


def text_fields(variants: list[Variant] = VARIANTS) -> list[TextField]:
    """Every field an editor writes free text (or a web address) into, per variant.

    Found from the models, and kept when a sentence or a web address is accepted
    there: ids, references, line ranges and file names are not (they are covered
    by test_hostile.py and test_models.py).
    """
    samples = _samples(variants)
    found = []
    for variant in variants:
        base = variant.base_data()
        assert loader_accepts(variant.kind, base), f"basisitem {variant.base} is niet geldig"
        elements: dict[Path_, type[BaseModel]] = {}
        for path in _str_paths(variant.kind.model, (), elements):
            if DICT_KEY in path and not _dict_at(base, path):
                continue  # the base item has no key to put text under
            if any(loader_accepts(variant.kind, _with(base, path, probe, elements, samples))
                   for probe in ("Een gewone zin, met 12 woorden.", "https://example.org/pad")):
                found.append(TextField(variant, path, elements))
    return found


def _dict_at(data: dict[str, Any], path: Path_) -> bool:
    node: Any = data
    for part in path[:path.index(DICT_KEY)]:
        node = node[0] if part == 0 and isinstance(node, list) and node else node.get(part) if isinstance(node, dict) else None
        if node is None:
            return False
    return isinstance(node, dict) and bool(node)


# ------------------------------------------------------------------ the canary

class _Canary(http.server.BaseHTTPRequestHandler):
    hits: list[str]  # set on the subclass made per server

    def _record(self) -> None:
        self.hits.append(f"{self.command} {self.path}")
        self.send_response(204)
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_OPTIONS = do_PUT = _record

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@dataclass
class Server:
    url: str
    hits: list[str]
    server: socketserver.BaseServer

    @property
    def port(self) -> int:
        return int(urlparse(self.url).port or 0)


def _serve(handler: Any) -> Server:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Server(f"http://127.0.0.1:{server.server_address[1]}", getattr(handler, "hits", []), server)


# ------------------------------------------------------------------ the batch

@dataclass(frozen=True)
class Combo:
    id: int
    field: TextField
    payload: Payload
    tekst: str  # with the placeholders filled in

    @property
    def naam(self) -> str:
        return f"{self.payload.naam} in {self.field.label}"


@dataclass
class Battery:
    payloads: list[Payload]
    fields: list[TextField]
    combos: dict[int, Combo]
    accepted: list[Combo]  # by the loader, one at a time
    refused_together: list[Combo]  # accepted alone, refused by check in the assembled project
    refused_by_build: dict[str, list[Combo]]  # accepted by check, yet the build stopped: its message -> payload
    site: Path
    items: dict[str, tuple[Variant, list[Combo]]]  # content file -> its variant and the combinations in it
    seconds: dict[str, float] = field(default_factory=dict)

    def report(self) -> str:
        return (f"{len(self.payloads)} payloads x {len(self.fields)} velden = {len(self.combos)} combinaties; "
                f"{len(self.combos) - len(self.accepted)} geweigerd, {len(self.accepted)} geaccepteerd"
                f" ({len(self.refused_together)} daarvan geweigerd in het samengestelde project, "
                f"{sum(map(len, self.refused_by_build.values()))} door de build); "
                f"{len(self.items)} items; tijden: "
                + ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items()))


def _fill(payload: Payload, number: int, canary: str) -> str:
    return payload.tekst.replace("%ID%", str(number)).replace("%CANARY%", f"{canary}/c/{number}")


def _pack(payloads: list[Payload], accepted: list[Combo],
          samples: dict[type[BaseModel], dict[str, Any]]) -> dict[str, tuple[Variant, dict[str, Any], list[Combo]]]:
    """Content files holding every accepted combination: one item per variant and payload.

    The item has the payload in every field that accepted it, so a page holds one
    payload (a dialog, a request or a refused page names it) and the number of
    pages stays near the number of payloads per kind, not payloads x fields.
    """
    per_item: dict[tuple[str, str], list[Combo]] = defaultdict(list)
    for combo in accepted:
        per_item[combo.field.variant.naam, combo.payload.naam].append(combo)
    files = {}
    for variant in VARIANTS:
        for payload in payloads:
            combos = per_item.get((variant.naam, payload.naam))
            if not combos:
                continue
            data = variant.base_data()
            # Titles must differ per kind; an item without the payload in its title gets its own.
            data[variant.kind.title_field] = f"Injectie {variant.naam} {payload.naam}"
            for combo in combos:
                data = _with(data, combo.field.path, combo.tekst, combo.field.elements, samples)
            files[f"{variant.kind.folder}/{_item_id(variant, payload)}.yml"] = (variant, data, combos)
    return files


def _item_id(variant: Variant, payload: Payload) -> str:
    return f"injectie-{variant.naam}-{payload.naam}"


def _veld(path: Path_, data: dict[str, Any]) -> str:
    """The field path as check names it (``partijen.0.naam``)."""
    parts, node = [], data
    for part in path:
        if part == DICT_KEY:
            part = next(iter(node))
        parts.append(str(part))
        node = node[part] if isinstance(node, (dict, list)) else node
    return ".".join(parts)


@pytest.fixture(scope="module")
def canary() -> Iterator[Server]:
    handler = type("Canary", (_Canary,), {"hits": []})
    server = _serve(handler)
    yield server
    server.server.shutdown()


@pytest.fixture(scope="module")
def battery(canary: Server, tmp_path_factory: pytest.TempPathFactory) -> Battery:
    seconds: dict[str, float] = {}
    started = time.monotonic()
    payloads = load_payloads()
    fields = text_fields()
    samples = _samples(VARIANTS)
    combos: dict[int, Combo] = {}
    for text_field in fields:
        for payload in payloads:
            number = FIRST_ID + len(combos)
            combos[number] = Combo(number, text_field, payload, _fill(payload, number, canary.url))
    bases = {variant.naam: variant.base_data() for variant in VARIANTS}
    accepted = [c for c in combos.values() if field_accepts(c.field, c.tekst, bases[c.field.variant.naam], samples)]
    seconds["valideren"] = time.monotonic() - started

    started = time.monotonic()
    root = _mini_copy(tmp_path_factory.mktemp("injectie-batterij"))
    refused_together: list[Combo] = []
    refused_by_build: dict[str, list[Combo]] = {}
    for _attempt in range(MAX_BUILDS):
        left_out = set(refused_together) | {c for combos_ in refused_by_build.values() for c in combos_}
        files = _pack(payloads, [c for c in accepted if c not in left_out], samples)
        for old in [*(root / "cases").glob("injectie-*.yml"), *(root / "content").glob("*/injectie-*.yml")]:
            old.unlink()
        for relative, (_variant, data, _combos) in files.items():
            (root / relative).write_bytes(_dump(data))
        try:
            build_site(Project.at(root))
            break
        except ContentError as error:
            # Accepted one by one, refused together (a rule across files): drop what check names.
            for problem in error.problems:
                _variant, data, placed = files[problem.bestand]
                named = [c for c in placed if problem.veld.startswith(_veld(c.field.path, data))]
                refused_together += named or placed
        except BuildError as error:
            # Check accepted it, yet the build stopped; MkDocs names one page and stops. That is
            # a failure of its own (test_what_check_accepts_builds). Leave out every combination
            # whose number is on that page, so the rest can still be built and visited.
            reason = str(error)
            page = re.search(r"Error reading page '([^']+)'", reason)
            text = (Project.at(root).docs_dir / page.group(1)).read_text(encoding="utf-8") if page else ""
            culprits = [combos[n] for n in sorted(_numbers(text) & {c.id for c in accepted})]
            own = re.search(r"/injectie-[a-z]+-([a-z0-9-]+)\.md", page.group(1)) if page else None
            if own:  # the payload's own page: it fails in the other kinds too, one build each
                culprits = [c for c in accepted if c.payload.naam == own.group(1)]
            culprits = [c for c in culprits if c not in left_out]
            if not culprits:
                raise
            lines = [line for line in reason.splitlines() if "ERROR" in line] or reason.splitlines()[-1:]
            refused_by_build.setdefault(lines[-1].strip()[:300], []).extend(culprits)
    else:
        pytest.fail(f"na {MAX_BUILDS} pogingen bouwt het samengestelde project nog steeds niet; "
                    f"door de build geweigerd: {sorted(refused_by_build)}")
    seconds["bouwen"] = time.monotonic() - started
    items = {relative: (variant, combos_) for relative, (variant, _d, combos_) in files.items()}
    return Battery(payloads, fields, combos, accepted, refused_together, refused_by_build, root / "site", items,
                   seconds)


# ------------------------------------------------------------------ the browser

# Collected before any script of the page runs; the CSP assertion itself lives with the CSP.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));
"""
# A visitor moving the mouse over the text and through it with the keyboard: inline
# handlers run on synthetic events too. No clicks: following a link is not an injection.
TABS = 1  # more tabs are slower: a background tab's timers are throttled
HOVER = """
async () => {
  for (const el of document.querySelectorAll('article *')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'pointerover']) {
      el.dispatchEvent(new Event(type, {bubbles: type !== 'mouseenter' && type !== 'focus'}));
    }
  }
  await new Promise(r => setTimeout(r, 20));
  return window.__csp || [];
}
"""


@dataclass
class Visit:
    pages: list[str]
    dialogs: list[tuple[str, str]]  # page, message
    requests: list[tuple[str, str]]  # page, URL of a request to another host
    csp: dict[str, list[str]]
    csp_meta: int  # pages with a Content-Security-Policy <meta>
    seconds: float


@pytest.fixture(scope="module")
def visit(battery: Battery, canary: Server, browser) -> Iterator[Visit]:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    site = battery.site
    handler = lambda *a, **k: _QuietHandler(*a, directory=str(site), **k)  # noqa: E731
    server = _serve(handler)
    local = urlparse(server.url).netloc
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(20_000)
    context.add_init_script(CSP_LISTENER)
    dialogs: list[tuple[str, str]] = []
    requests: list[tuple[str, str]] = []
    csp: dict[str, list[str]] = {}
    tabs = [context.new_page() for _ in range(TABS)]
    current: dict[object, str] = {tab: "" for tab in tabs}

    def on_dialog(tab, dialog) -> None:  # type: ignore[no-untyped-def]
        dialogs.append((current.get(tab, "?"), f"{dialog.type}: {dialog.message}"))
        dialog.dismiss()

    def on_request(request) -> None:  # type: ignore[no-untyped-def]
        url = urlparse(request.url)
        if url.scheme not in ("data", "blob", "about") and url.netloc != local:
            try:
                where = current.get(request.frame.page, "?")
            except Exception:  # noqa: BLE001 - a worker's request has no page
                where = "?"
            requests.append((where, request.url))

    for tab in tabs:
        tab.on("dialog", lambda dialog, tab=tab: on_dialog(tab, dialog))
    context.on("request", on_request)
    context.on("page", lambda new: requests.append(("?", f"nieuw venster: {new.url}")))
    html_pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    paths = ["/" + p.removesuffix("index.html") for p in html_pages]
    # The questionnaire's result screen shows titles from the data (rendered by script).
    paths.append("/hulp-bij-kiezen/#rol=gemeente&thema=zorg,groen&scherm=resultaat")
    # Tab through the pages of the payloads that try to take the focus.
    tabbed = {f"/{variant.kind.plural}/{Path(relative).stem}/" for relative, (variant, combos)
              in battery.items.items() if any("tabindex" in c.payload.tekst for c in combos)}
    meta = 0
    try:
        for first in range(0, len(paths), TABS):
            batch = list(zip(tabs, paths[first:first + TABS]))
            for tab, path in batch:
                current[tab] = path
                tab.goto(server.url + path, wait_until="commit")
            for tab, path in batch:
                tab.wait_for_load_state("load")
                if path in tabbed:
                    tab.bring_to_front()
                    for _ in range(4):
                        tab.keyboard.press("Tab")
                found = tab.evaluate(HOVER)
                if found:
                    csp[path] = found
                meta += tab.locator('meta[http-equiv="Content-Security-Policy" i]').count() > 0
        tabs[0].wait_for_timeout(500)  # late loads and timers
    finally:
        context.close()
        server.server.shutdown()
    yield Visit(paths, dialogs, requests, csp, meta, time.monotonic() - started)


# ------------------------------------------------------------------ scanning the built HTML

class _ContentAttributes(HTMLParser):
    """Attributes that can only have come from content: handlers, styles, autofocus, the markers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._article += 1
        for name, value in attrs:
            shown = f"<{tag} {name}={value!r}>"
            if name.startswith("on") or name.startswith("data-wkx"):
                self.found.append(shown)
            elif name == "class" and "wkx-klasse" in (value or "").split():
                self.found.append(shown)
            elif name == "id" and value == "wkx-id":
                self.found.append(shown)
            elif self._article and name in ("style", "autofocus"):
                self.found.append(shown)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._article:
            self._article -= 1


def content_attributes(html: str) -> list[str]:
    parser = _ContentAttributes()
    parser.feed(html)
    parser.close()
    return parser.found


def _numbers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\b(\d{4,6})\b", text)}


def _explain(battery: Battery, findings: dict[str, list[str]], header: str, visit: Visit | None = None) -> str:
    """Findings per page, with the combinations placed there (or named by number)."""
    by_item = {Path(relative).stem: combos for relative, (_variant, combos) in battery.items.items()}
    lines = [header, battery.report()]
    culprits: dict[str, set[str]] = defaultdict(set)
    for where, problems in sorted(findings.items()):
        lines.append(f"{where}:")
        lines += [f"    {problem[:300]}" for problem in problems[:8]]
        if len(problems) > 8:
            lines.append(f"    ... en {len(problems) - 8} meer")
        numbers = set().union(*(_numbers(p) for p in problems)) & set(battery.combos)
        named = [battery.combos[n] for n in sorted(numbers)]
        item = next((part for part in where.strip("/").split("/") if part in by_item), None)
        if not named and item:
            named = by_item[item]
            lines.append("    mogelijk door: " + "; ".join(c.naam for c in named))
        for combo in named:
            culprits[combo.payload.naam].add(combo.field.label)
    if culprits:
        lines.append("per payload, de velden waarin hij werkte:")
        lines += [f"    {naam}: {', '.join(sorted(velden))}" for naam, velden in sorted(culprits.items())]
    if visit is not None:
        lines.append(f"CSP-meldingen op {len(visit.csp)} pagina's; CSP-<meta> op {visit.csp_meta} van "
                     f"{len(visit.pages)} pagina's")
        for where, reports in list(visit.csp.items())[:10]:
            lines.append(f"    {where}: {reports[:3]}")
    return "\n".join(lines)


# ------------------------------------------------------------------ the tests

def test_the_field_walk_finds_nested_text_and_skips_ids() -> None:
    labels = {f.label for f in text_fields()}
    for expected in ("casus.verhaal", "casus.tijdlijn[].gebeurtenis", "casus.tijdlijn[].wanneer",
                     "casus.rollen.bewoners", "casus.rollen.kennisinstelling", "casus.partijen[].rol",
                     "casus.bouwstenen[].toelichting", "casus.links[].titel", "casus.links[].url",
                     "casus.resultaten[]", "tip.tekst", "valkuil.tekst", "begrip.definitie",
                     "bouwsteen.voorbeelden[].tekst", "stap.voorbeelden[].tekst", "stap.bouwstenen[].toelichting",
                     "thema.intro", "kader.elementen[].uitleg", "bron.hoofdstukken[].auteurs[]", "bron.afgeleid{}"):
        assert expected in labels, f"{expected} ontbreekt in {sorted(labels)}"
    for not_text in ("casus.themas[]", "casus.bouwstenen[].id", "tip.bronnen[].bron", "tip.bronnen[].regels",
                     "bron.bestand", "casus.lessen[]", "bouwsteen.voorbeelden[].casus"):
        assert not_text not in labels


def test_there_are_enough_payloads() -> None:
    payloads = load_payloads()
    assert len(payloads) >= 80
    texts = "\n".join(p.tekst for p in payloads)
    assert "{{: tabindex=1 autofocus onfocus=alert(document.domain) }" in texts  # the bypass of issue 14
    # Whatever could run calls a dialog or the canary, so the browser sees it.
    for payload in payloads:
        if re.search(r"alert|script|on[a-z]+=|src=|href=|url\(|data=|action=", payload.tekst, re.I):
            assert re.search(r"%ID%|%CANARY%|document\.domain|data:text/html;base64|//127\.0\.0\.1", payload.tekst), \
                payload.naam


def test_the_scanner_sees_content_attributes() -> None:
    assert content_attributes('<article><p _: autofocus onfocus="alert(1)" tabindex="1">x</p></article>')
    assert content_attributes('<article><em style="background:red">x</em></article>')
    assert content_attributes('<p class="md-typeset wkx-klasse">x</p>')
    assert content_attributes('<p id="wkx-id" data-wkx="1">x</p>')
    assert content_attributes('<article><h2 id="kop-wkx-id">Kop {: #wkx-id }</h2></article>') == []
    assert content_attributes('<div style="x"></div><article class="md-content">x</article>') == []


@pytest.mark.browser
@pytest.mark.slow
def test_no_payload_opens_a_dialog(battery: Battery, visit: Visit) -> None:
    findings: dict[str, list[str]] = defaultdict(list)
    for where, message in visit.dialogs:
        findings[where].append(message)
    assert not findings, _explain(battery, findings, f"{len(visit.dialogs)} dialoog/dialogen geopend:", visit)


@pytest.mark.browser
@pytest.mark.slow
def test_no_payload_makes_a_request(battery: Battery, visit: Visit, canary: Server) -> None:
    findings: dict[str, list[str]] = defaultdict(list)
    for where, url in visit.requests:
        findings[where].append(url)
    for hit in canary.hits:
        findings["(kanarie)"].append(hit)
    assert not findings, _explain(battery, findings, "verzoeken naar de kanarie of een andere host:", visit)


@pytest.mark.browser
@pytest.mark.slow
def test_no_content_attributes_or_live_markup_in_the_built_html(battery: Battery) -> None:
    findings: dict[str, list[str]] = {}
    pages = 0
    for path in sorted(battery.site.rglob("*.html")):
        pages += 1
        html = path.read_text(encoding="utf-8")
        problems = content_attributes(html) + live_markup(html)
        if problems:
            findings[path.relative_to(battery.site).as_posix()] = problems
    assert pages > len(battery.items)
    assert not findings, _explain(battery, findings, "attributen of levende opmaak uit de inhoud:")


@pytest.mark.browser
@pytest.mark.slow
def test_the_battery_covers_every_field_and_payload(battery: Battery, visit: Visit) -> None:
    print(battery.report(), f"; browser: {len(visit.pages)} pagina's in {visit.seconds:.1f} s;",
          f"CSP-<meta> op {visit.csp_meta} pagina's, CSP-meldingen op {len(visit.csp)} pagina's")
    assert len(battery.payloads) >= 80
    # Every combination was either refused or placed in an item that was built and visited.
    placed = {c.id for _variant, combos in battery.items.values() for c in combos}
    left_out = {c.id for c in battery.refused_together} | {
        c.id for combos in battery.refused_by_build.values() for c in combos}
    assert placed == {c.id for c in battery.accepted} - left_out
    visited = set(visit.pages)
    for relative, (variant, _combos) in battery.items.items():
        assert f"/{variant.kind.plural}/{Path(relative).stem}/" in visited, relative


@pytest.mark.browser
@pytest.mark.slow
def test_what_check_accepts_builds(battery: Battery) -> None:
    """Issue 14: check keeps early, located errors for what the build would refuse."""
    assert not battery.refused_by_build, (
        "check accepteerde dit, maar de build stopte; weggelaten (op een pagina van het hele project zijn dat "
        "alle combinaties met hun nummer op die pagina, niet alleen de oorzaak):\n"
        + "\n".join(f"{reason}\n    " + "; ".join(sorted(c.naam for c in combos))
                    for reason, combos in battery.refused_by_build.items()))


@pytest.mark.browser
def test_the_canary_hears_what_a_page_loads(browser) -> None:  # type: ignore[no-untyped-def]
    """The request test can fail: a page that does load the canary address is heard."""
    probe = _serve(type("Zelftest", (_Canary,), {"hits": []}))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(f'<p style="background:url({probe.url}/c/stijl)">x</p><img src="{probe.url}/c/img">')
        page.wait_for_load_state("load")
        deadline = time.monotonic() + 10
        while len(probe.hits) < 2 and time.monotonic() < deadline:
            page.wait_for_timeout(100)
    finally:
        context.close()
        probe.server.shutdown()
    assert sorted(probe.hits) == ["GET /c/img", "GET /c/stijl"]
