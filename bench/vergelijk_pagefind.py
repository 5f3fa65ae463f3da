"""Pagefind naast de eigen zoekfunctie van Wijkkompas, op dezelfde zoekvragen.

Wat dit meet, op een gebouwde site (standaard ``site/``; ontbreekt die, dan wordt hij
eerst gebouwd):

- Pagefind (https://pagefind.app, 1.5.x) indexeert een tijdelijke kopie van de site.
  Gemeten: de indextijd (wandklok, hele CLI-aanroep), de taal die Pagefind herkent
  (zo nodig opnieuw met ``--force-language nl``) en de grootte van de map ``pagefind/``.
- Elke vraag uit ``tests/eval/zoek_vragen.yml`` gaat naar Pagefind in headless Chromium,
  in een verse browsercontext (koude cache): een pagina van de kopie openen via
  ``http://127.0.0.1``, dan ``pagefind.js`` importeren, ``init()``, ``search(vraag)`` en
  ``data()`` van de eerste tien resultaten. Per vraag: hit@1, hit@3, leeg, en de bytes
  die Chromium onder ``/pagefind/`` binnenhaalde (de lichamen van de antwoorden, zonder
  HTTP-compressie, zoals ``bench.eval_zoeken`` telt). De index- en fragmentbestanden en
  de WebAssembly van Pagefind staan zelf al gzip-gecomprimeerd op schijf; hoeveel dat
  uitgepakt is, wordt apart genoemd.
- Of de Content-Security-Policy van de site (een meta-tag) Pagefind tegenhoudt; zo ja,
  dan wordt die tag voor deze meting uit de kopie gehaald en staat dat in de uitvoer.
  Ter informatie ook: werkt het als dezelfde CSP als HTTP-header meekomt?
- Of Pagefind werkt als de kopie vanaf schijf wordt geopend (``file://``, zonder server).
- Ter vergelijking: de eigen zoekmachine op ``<site>/zoekindex`` (``bench.eval_zoeken``).

De cijfers worden gerapporteerd, niet beoordeeld. Er wordt niets in de site of het
project geschreven; alles gebeurt in een tijdelijke map.

    .venv/bin/pip install -e '.[bench]'   # pagefind[bin]
    .venv/bin/python -m bench.vergelijk_pagefind
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit

from bench.eval_zoeken import QUERIES, REPO, Vraag, figures, load_queries, report, run_queries

SITE = REPO / "site"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PREFIX = "/pagefind/"
LIMIT = 10
PROBE = "wijk"
CSP_META = re.compile(r"""<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>\s*""", re.IGNORECASE)
CSP_CONTENT = re.compile(r"""content=(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)

# The measurement itself, as the brief gives it; errors come back as text, not as a throw.
SEARCH_JS = """async ([adres, vraag, limiet]) => {
  try {
    const pf = await import(adres);
    await pf.init();
    const r = await pf.search(vraag);
    const top = await Promise.all(r.results.slice(0, limiet).map((x) => x.data()));
    return {aantal: r.results.length, urls: top.map((d) => d.url), fout: null};
  } catch (e) {
    return {aantal: 0, urls: [], fout: String((e && e.message) || e)};
  }
}"""

__all__ = ["Indexering", "Zoekresultaat", "main"]


class MetingFout(RuntimeError):
    """Something the measurement cannot do; the message is Dutch and for the user."""


@dataclass(frozen=True)
class Indexering:
    seconden: float
    talen: list[str]
    geforceerd: bool
    uitvoer: str


@dataclass
class Zoekresultaat:
    zoek: str
    aantal: int
    urls: list[str]
    bytes: int
    uitgepakt: int
    delen: dict[str, int] = field(default_factory=dict)
    fout: str | None = None
    meldingen: list[str] = field(default_factory=list)

    def als_dict(self) -> dict[str, Any]:
        """The form ``bench.eval_zoeken.figures`` takes."""
        return {"zoek": self.zoek, "aantal": self.aantal, "urls": self.urls, "bytes": self.bytes}


# ------------------------------------------------------------------ site and Pagefind


def ensure_site(site: Path) -> None:
    """Build the default site if it is missing; any other missing folder is an error."""
    if (site / "index.html").is_file() and (site / "zoekindex").is_dir():
        return
    if site.resolve() != SITE.resolve():
        raise MetingFout(f"geen gebouwde site in {site} (index.html of zoekindex/ ontbreekt)")
    print(f"Geen gebouwde site in {site}; eerst 'wijkkompas build' ...", file=sys.stderr, flush=True)
    from generator.cli import main as wijkkompas

    if wijkkompas(["--root", str(REPO), "build"]) != 0 or not (site / "zoekindex").is_dir():
        raise MetingFout("'wijkkompas build' is mislukt; zie de meldingen hierboven")


def pagefind_version(command: list[str]) -> str:
    """The CLI's version line, or a clear error when the command is not there."""
    hint = ("Installeer het met pip install 'pagefind[bin]' (of pip install -e '.[bench]' zodra het daar "
            "in staat), of geef het commando mee: --pagefind '/pad/naar/python -m pagefind'.")
    try:
        done = subprocess.run([*command, "--version"], capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise MetingFout(f"Pagefind is niet te starten met {shlex.join(command)!r}: {error}. {hint}") from error
    if done.returncode != 0 or "pagefind" not in done.stdout.lower():
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise MetingFout(f"Pagefind is niet gevonden met {shlex.join(command)!r}"
                         f" ({detail[-1] if detail else f'afsluitcode {done.returncode}'}). {hint}")
    return done.stdout.strip()


def run_pagefind(command: list[str], copy: Path, *, language: str | None = None) -> Indexering:
    shutil.rmtree(copy / "pagefind", ignore_errors=True)
    extra = ["--force-language", language] if language else []
    start = time.perf_counter()
    done = subprocess.run([*command, "--site", str(copy), *extra], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise MetingFout(f"Pagefind kon de site niet indexeren (afsluitcode {done.returncode}):\n"
                         f"{(done.stderr or done.stdout).strip()}")
    entry = json.loads((copy / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return Indexering(seconds, sorted(entry.get("languages", {})), language is not None, done.stdout)


def index_dutch(command: list[str], copy: Path) -> Indexering:
    """Index with Pagefind's own language detection; force Dutch only if it missed it."""
    first = run_pagefind(command, copy)
    if "nl" in first.talen:
        return first
    return run_pagefind(command, copy, language="nl")


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def csp_of(copy: Path) -> str | None:
    meta = CSP_META.search((copy / "index.html").read_text(encoding="utf-8"))
    content = CSP_CONTENT.search(meta.group(0)) if meta else None
    return content.group(2) if content else None


def with_wasm(csp: str) -> str:
    """The policy with 'wasm-unsafe-eval' added to script-src (or default-src if that is all there is)."""
    directives = [d.strip() for d in csp.split(";") if d.strip()]
    name = "script-src" if any(d.split()[0] == "script-src" for d in directives) else "default-src"
    return "; ".join(f"{d} 'wasm-unsafe-eval'" if d.split()[0] == name else d for d in directives)


def strip_csp(copy: Path) -> int:
    """Remove the CSP meta tag from every HTML file of the copy; return how many changed."""
    changed = 0
    for page in copy.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        stripped = CSP_META.sub("", text)
        if stripped != text:
            page.write_text(stripped, encoding="utf-8")
            changed += 1
    return changed


def site_path(url: str) -> str:
    """'/casussen/zorgvrijstaat/' or a full address -> 'casussen/zorgvrijstaat/', as in ``goed``."""
    path = unquote(urlsplit(url).path).lstrip("/")
    return path[: -len("index.html")] if path.endswith("index.html") else path


# ------------------------------------------------------------------ the local server


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder: Path, headers: dict[str, str]) -> None:
        self.folder = folder
        self.extra_headers = headers
        self.served = 0  # bytes of bodies under /pagefind/, a check on the browser's count
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(SimpleHTTPRequestHandler):
    server: _Server

    def __init__(self, request: Any, client_address: Any, server: _Server) -> None:
        super().__init__(request, client_address, server, directory=str(server.folder))

    def end_headers(self) -> None:
        for name, value in self.server.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:  # type: ignore[override]
        data = source.read()
        outputfile.write(data)
        if urlsplit(self.path).path.startswith(PREFIX):
            with self.server.lock:
                self.server.served += len(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(folder: Path, headers: dict[str, str] | None = None) -> Iterator[_Server]:
    server = _Server(folder, headers or {})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def origin(server: _Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


# ------------------------------------------------------------------ the browser


def _part(path: str) -> str:
    if path.startswith(PREFIX + "index/"):
        return "index"
    if path.startswith(PREFIX + "fragment/"):
        return "fragment"
    if path.endswith((".json", ".pf_meta")):
        return "meta"
    return "code"  # pagefind.js, pagefind-worker.js, wasm.<taal>.pagefind


def _unpacked(body: bytes) -> int:
    if body[:2] != b"\x1f\x8b":
        return len(body)
    try:
        return len(gzip.decompress(body))
    except (OSError, EOFError, zlib.error):
        return len(body)


async def search_once(browser: Any, page_url: str, module: str, query: str) -> Zoekresultaat:
    """One query in a fresh context (cold cache); bytes from the browser's own network log."""
    context = await browser.new_context()
    responses: list[Any] = []
    messages: list[str] = []
    context.on("response", lambda r: responses.append(r))
    try:
        page = await context.new_page()
        page.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
        await page.goto(page_url, wait_until="load")
        out = await page.evaluate(SEARCH_JS, [module, query, LIMIT])
        total = unpacked = 0
        parts: dict[str, int] = {}
        for response in responses:
            path = urlsplit(response.url).path
            if not path.startswith(PREFIX) or response.status != 200:
                continue
            try:
                body = await response.body()
                size, full = len(body), _unpacked(body)
            except Exception:  # noqa: BLE001 - a body Chromium no longer holds: use the header
                size = full = int(response.headers.get("content-length", "0"))
            total += size
            unpacked += full
            parts[_part(path)] = parts.get(_part(path), 0) + size
    finally:
        await context.close()
    return Zoekresultaat(query, int(out["aantal"]), [site_path(u) for u in out["urls"]], total, unpacked,
                         parts, out["fout"], messages)


@dataclass
class Meting:
    resultaten: list[Zoekresultaat]
    csp_fout: str | None  # why the CSP meta tag had to go, or None if it could stay
    csp_gestript: int
    csp_header: str  # what happens when the same CSP comes as an HTTP header
    bestand: str  # what happens from file://
    geserveerd: int  # bytes the server sent under /pagefind/ during the queries


async def measure(copy: Path, queries: list[str], chromium: Path) -> Meting:
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import async_playwright

    try:
        return await _measure(async_playwright, copy, queries, chromium)
    except PlaywrightError as error:
        raise MetingFout(f"Chromium (Playwright) faalde: {error}") from error


async def _measure(async_playwright: Any, copy: Path, queries: list[str], chromium: Path) -> Meting:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            csp = csp_of(copy)
            csp_error: str | None = None
            stripped = 0
            header = "niet van toepassing (de site heeft geen CSP-meta-tag)"
            with serve(copy) as server:
                probe = await search_once(browser, origin(server) + "/", PREFIX + "pagefind.js", PROBE)
            if probe.fout:
                if csp is None:
                    raise MetingFout(f"Pagefind werkt niet in Chromium: {probe.fout}; {probe.meldingen}")
                csp_error = "; ".join([probe.fout, *probe.meldingen])
                stripped = strip_csp(copy)
            if csp is not None:
                with serve(copy, {"Content-Security-Policy": csp}) as server:
                    check = await search_once(browser, origin(server) + "/", PREFIX + "pagefind.js", PROBE)
                header = (f"werkt niet: {' '.join(check.fout.split())[:300]}" if check.fout
                          else f"werkt ({check.aantal} resultaten voor '{PROBE}')")
                if check.fout:
                    relaxed = with_wasm(csp)
                    with serve(copy, {"Content-Security-Policy": relaxed}) as server:
                        again = await search_once(browser, origin(server) + "/", PREFIX + "pagefind.js", PROBE)
                    header += ("; met 'wasm-unsafe-eval' in script-src: "
                               + (f"werkt ook niet: {' '.join(again.fout.split())[:300]}" if again.fout else
                                  f"werkt ({again.aantal} resultaten voor '{PROBE}')"))
            results = []
            with serve(copy) as server:
                for number, query in enumerate(queries, 1):
                    result = await search_once(browser, origin(server) + "/", PREFIX + "pagefind.js", query)
                    if result.fout:
                        raise MetingFout(f"Pagefind faalde op vraag {number} ({query!r}): {result.fout}; "
                                         f"{result.meldingen}")
                    results.append(result)
                served = server.served
            local = await search_once(browser, (copy / "index.html").as_uri(),
                                      (copy / "pagefind" / "pagefind.js").as_uri(), PROBE)
            from_disk = (f"nee: {local.fout}" + (f" (console: {'; '.join(local.meldingen)[:400]})"
                                                  if local.meldingen else "")
                         if local.fout else f"ja ({local.aantal} resultaten voor '{PROBE}')")
        finally:
            await browser.close()
    return Meting(results, csp_error, stripped, header, from_disk, served)


# ------------------------------------------------------------------ report


def _kb(n: float) -> str:
    return f"{n / 1000:.0f} kB"


def side_by_side(rows: dict[str, dict[str, Any]]) -> str:
    lines = [f"  {'zoekmachine':<12} {'hit@1':>7} {'hit@3':>7} {'leeg':>6} {'bytes/vraag (mediaan / max)':>28}"
             f" {'index':>9}"]
    for name, row in rows.items():
        t = row["totaal"]
        lines.append(f"  {name:<12} {100 * t['hit1']:6.1f}% {100 * t['hit3']:6.1f}% {100 * t['leeg']:5.1f}%"
                     f" {_kb(t['bytes_mediaan']):>17} / {_kb(t['bytes_max']):<8} {_kb(row['index']):>9}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.vergelijk_pagefind",
        description="Meet Pagefind op de zoekvragen van Wijkkompas, naast de eigen zoekfunctie.")
    parser.add_argument("--site", type=Path, default=SITE, help="de gebouwde site (standaard: site/)")
    parser.add_argument("--pagefind", default=shlex.join([sys.executable, "-m", "pagefind"]),
                        help="het commando van Pagefind (standaard: python -m pagefind van deze Python)")
    parser.add_argument("--vragen", type=Path, default=QUERIES, help="de zoekvragen (YAML)")
    parser.add_argument("--chromium", type=Path, default=CHROMIUM, help="het uitvoerbare bestand van Chromium")
    args = parser.parse_args(argv)
    command = shlex.split(args.pagefind)
    site: Path = args.site.resolve()
    try:
        version = pagefind_version(command)
        if not args.chromium.is_file():
            raise MetingFout(f"Chromium niet gevonden op {args.chromium} (Debian-pakket 'chromium')")
        ensure_site(site)
        vragen: list[Vraag] = load_queries(args.vragen)
        queries = [v.zoek for v in vragen]
        own = run_queries(site / "zoekindex", queries, limit=LIMIT)
        with tempfile.TemporaryDirectory(prefix="wijkkompas-pagefind-") as tmp:
            copy = Path(tmp) / "site"
            shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
            indexing = index_dutch(command, copy)
            pf_bytes, pf_files = folder_size(copy / "pagefind")
            pf_index = sum(folder_size(copy / "pagefind" / sub)[0] for sub in ("index", "fragment"))
            meting = asyncio.run(measure(copy, queries, args.chromium))
    except MetingFout as error:
        print(f"Kan de vergelijking niet draaien: {error}", file=sys.stderr)
        return 1
    except (OSError, RuntimeError, KeyError, ValueError) as error:
        print(f"Kan de vergelijking niet draaien: {type(error).__name__}: {error}", file=sys.stderr)
        return 1

    results = meting.resultaten
    pf_figures = figures(vragen, [r.als_dict() for r in results])
    own_figures = figures(vragen, own)
    own_bytes, own_files = folder_size(site / "zoekindex")
    try:
        bron = str(args.vragen.resolve().relative_to(REPO))
    except ValueError:
        bron = str(args.vragen)
    found = re.search(r"Discovered .*", indexing.uitvoer)
    finished = re.search(r"Finished in ([\d.]+) seconds", indexing.uitvoer)
    browser_total = sum(r.bytes for r in results)

    print(f"Pagefind tegenover de eigen zoekfunctie, op {site} ({len(vragen)} vragen uit {bron})")
    print()
    print(f"Pagefind: {version}, commando {shlex.join(command)}")
    print(f"  indextijd:   {indexing.seconden:.2f} s wandklok voor de hele CLI-aanroep"
          + (f" (Pagefind zelf: {finished.group(1)} s)" if finished else ""))
    print(f"  taal:        {', '.join(indexing.talen)}; "
          + ("'--force-language nl' gebruikt (de eigen herkenning vond geen Nederlands)" if indexing.geforceerd
             else f"eigen herkenning uit <html lang> ({found.group(0) if found else 'zie uitvoer'}),"
                  " '--force-language nl' niet nodig"))
    print(f"  pagefind/:   {_kb(pf_bytes)} in {pf_files} bestanden (waarvan index/ en fragment/: {_kb(pf_index)};"
          " de rest is JavaScript, CSS, WebAssembly en metadata)")
    if meting.csp_fout:
        print(f"  CSP:         de CSP-meta-tag hield Pagefind tegen ({meting.csp_fout[:300]}); voor deze meting"
              f" uit {meting.csp_gestript} HTML-bestanden van de kopie gehaald")
    else:
        print("  CSP:         niet versoepeld; Pagefind werkt met de CSP-meta-tag van de site"
              " (de WebAssembly draait in Pagefinds web worker, waar de meta-tag van de pagina niet geldt)")
    print(f"  CSP als HTTP-header (ter informatie): {meting.csp_header}")
    print(f"  vanaf schijf (file://, zonder server): {meting.bestand}")
    print(f"  bytes: som per vraag in de browser {browser_total}, door de server verstuurd {meting.geserveerd}"
          + (" (gelijk)" if browser_total == meting.geserveerd else " (VERSCHIL: het netwerklog is onvolledig)"))
    for name in ("code", "meta", "index", "fragment"):
        values = [r.delen.get(name, 0) for r in results]
        print(f"    {name:<9} mediaan {_kb(statistics.median(values)):>7}, max {_kb(max(values)):>7} per vraag")
    data_only = [r.bytes - r.delen.get("code", 0) for r in results]
    print(f"    zonder code (alleen meta, index en fragment): mediaan {_kb(statistics.median(data_only))},"
          f" max {_kb(max(data_only))} per vraag")
    unpacked = [r.uitgepakt for r in results]
    print(f"    uitgepakt (de gzip van Pagefind ontdaan): mediaan {_kb(statistics.median(unpacked))},"
          f" max {_kb(max(unpacked))} per vraag")
    print()
    print(report(pf_figures, f"Pagefind {version.split()[-1]}, {bron}"))
    print()
    print(report(own_figures, f"Wijkkompas, {site / 'zoekindex'}"))
    print()
    print(f"Wijkkompas: zoekindex/ {_kb(own_bytes)} in {own_files} bestanden")
    print()
    print("Naast elkaar (totaal; bytes ongecomprimeerd over HTTP, koude start):")
    print(side_by_side({"Pagefind": {"totaal": pf_figures["totaal"], "index": pf_bytes},
                        "Wijkkompas": {"totaal": own_figures["totaal"], "index": own_bytes}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
