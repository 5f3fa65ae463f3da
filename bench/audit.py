"""``make audit``: Lighthouse and axe-core on the built site, served as the public host serves it.

The site in ``site/`` is served on 127.0.0.1 by ``generator/serve.py`` (under the
path of ``site_url``, with gzip and the site's 404 page). Then:

- **Lighthouse** (mobile, its default throttling) runs three times on one page of
  each kind: home, case, bouwsteen, tip, begrip, case explorer, questionnaire and
  its result. Per page and category the median of the three runs counts.
- **axe-core** (the WCAG 2.1 A and AA rules, as in the tests) runs on every page of
  the site in headless Chromium, and on the questionnaire's result.

The table goes to ``bench/audit.md`` (and the figures to ``bench/audit.json``).
Targets (issue 17): performance ≥ 98, accessibility, best practices and SEO 100,
axe 0 violations; the exit code is 1 when one is missed. Not part of ``make test``:
it takes minutes and Lighthouse's timings vary with the machine's load.

Lighthouse comes from the npm registry into ``bench/.audit/`` (version pinned here),
Chromium is Debian's.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / "bench" / ".audit"
LIGHTHOUSE_VERSION = "13.5.0"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
# As in the tests: Chromium on a closed network, as root, without a screen.
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
RUNS = 3
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pages_of_each_kind(site: Path) -> dict[str, str]:
    """One page per kind, as paths below the site's root (the first item of a kind, alphabetically)."""
    def first(folder: str) -> str:
        return f"{folder}/{sorted(p.name for p in (site / folder).iterdir() if p.is_dir())[0]}/"

    return {
        "home": "",
        "casus": first("casussen"),
        "bouwsteen": first("bouwstenen"),
        "tip": first("tips"),
        "begrip": first("begrippen"),
        "casusverkenner": "casussen/",
        "vragenlijst": "hulp-bij-kiezen/",
        "resultaat": "hulp-bij-kiezen/#rol=bewoner&thema=armoede,ontmoeting&soort=initiatief&scherm=resultaat",
    }


def install_lighthouse() -> Path:
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        print(f"Lighthouse {LIGHTHOUSE_VERSION} installeren in {TOOLS.relative_to(REPO)}/ ...", flush=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(TOOLS),
                        "-E", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return binary


def lighthouse(binary: Path, url: str, out: Path) -> dict[str, float]:
    """One Lighthouse run (mobile, default throttling): the scores, 0-100."""
    done = subprocess.run([str(binary), url, f"--chrome-path={CHROMIUM}", "--chrome-flags=" + " ".join(CHROMIUM_FLAGS),
                           "--output=json", f"--output-path={out}", "--quiet",
                           "--only-categories=" + ",".join(CATEGORIES)], capture_output=True, text=True, timeout=300)
    if done.returncode:  # its warnings (a source map of the theme's bundle) only when it fails
        raise RuntimeError(f"Lighthouse mislukte op {url}:\n{done.stderr}")
    report = json.loads(out.read_text(encoding="utf-8"))
    return {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}


def axe_everywhere(base: str, site: Path, extra: list[str]) -> tuple[int, dict[str, list[dict[str, object]]]]:
    """axe-core on every HTML page of the site (and ``extra`` paths): how many pages, and the violations per page that has any."""
    import axe_playwright_python
    from playwright.sync_api import sync_playwright

    script = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    paths = sorted(str(p.relative_to(site).parent.as_posix()) + "/" for p in site.rglob("index.html"))
    paths = [("" if p == "./" else p) for p in paths] + ["bestaat-niet/"] + extra
    found: dict[str, list[dict[str, object]]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:])
        context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
        page = context.new_page()
        for path in paths:
            page.goto(base + path)
            page.wait_for_load_state("load")
            if path.startswith("hulp-bij-kiezen/"):
                page.locator("#wk-vragenlijst h2").wait_for()
            page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
            page.evaluate(script)
            result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                                   AXE_TAGS)
            if result["violations"]:
                found[path] = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
                               for v in result["violations"]]
        browser.close()
    return len(paths), found


def report(scores: dict[str, dict[str, list[float]]], pages: dict[str, str], total: int,
           axe: dict[str, list[dict[str, object]]], when: str) -> tuple[str, bool]:
    ok = True
    lines = ["# Audit: Lighthouse en axe-core", "",
             f"Gemeten {when} met `make audit` (`bench/audit.py`): de gebouwde site via `generator/serve.py` "
             f"(127.0.0.1, gzip), Lighthouse {LIGHTHOUSE_VERSION} mobiel met de standaard vertraging, "
             f"mediaan van {RUNS} runs. Doel: prestaties ≥ {TARGET['performance']}, de rest 100.", "",
             "| soort pagina | pagina | prestaties | toegankelijkheid | goede praktijken | SEO | runs (prestaties) |",
             "|---|---|---|---|---|---|---|"]
    for kind, path in pages.items():
        medians = {c: statistics.median(scores[kind][c]) for c in CATEGORIES}
        marks = []
        for c in CATEGORIES:
            good = medians[c] >= TARGET[c]
            ok &= good
            marks.append(f"{medians[c]:.0f}" + ("" if good else " ✗"))
        runs = ", ".join(f"{v:.0f}" for v in scores[kind]["performance"])
        lines.append(f"| {kind} | `/{path}` | " + " | ".join(marks) + f" | {runs} |")
    lines += ["", f"axe-core (WCAG 2.1 A en AA) op alle {total} pagina's, op 390×844: "
              + ("0 overtredingen." if not axe else f"overtredingen op {len(axe)} pagina's:")]
    for path, violations in axe.items():
        ok = False
        for v in violations:
            lines.append(f"- `/{path}`: {v['id']} ({v['help']}): {v['nodes']}")
    return "\n".join(lines) + "\n", ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.audit", description="Lighthouse en axe-core op site/.")
    parser.add_argument("--runs", type=int, default=RUNS, help="Lighthouse-runs per pagina (de mediaan telt)")
    parser.add_argument("--zonder-axe", action="store_true", help="alleen Lighthouse")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from generator.publish import site_address
    from generator.serve import make_server

    site = REPO / "site"
    if not (site / "index.html").is_file():
        print("Er is geen site in site/; bouw hem eerst met 'make site'.", file=sys.stderr)
        return 2
    prefix = urlsplit(site_address(REPO / "mkdocs.yml")).path or "/"
    server = make_server(site, prefix, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    pages = pages_of_each_kind(site)
    binary = install_lighthouse()
    out = TOOLS / "laatste.json"
    scores: dict[str, dict[str, list[float]]] = {kind: {c: [] for c in CATEGORIES} for kind in pages}
    for run in range(args.runs):
        for kind, path in pages.items():  # A B C ... A B C: a slow moment hits every page alike
            for category, score in lighthouse(binary, base + path, out).items():
                scores[kind][category].append(score)
            print(f"  run {run + 1}: {kind:<15} " + " ".join(f"{c} {scores[kind][c][-1]:.0f}" for c in CATEGORIES),
                  flush=True)
    total, axe = (0, {}) if args.zonder_axe else axe_everywhere(base, site, [pages["resultaat"]])
    text, ok = report(scores, pages, total, axe, time.strftime("%Y-%m-%d"))
    (REPO / "bench" / "audit.md").write_text(text, encoding="utf-8")
    (REPO / "bench" / "audit.json").write_text(json.dumps({"scores": scores, "paginas": pages}, indent=1),
                                              encoding="utf-8")
    server.shutdown()
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
