"""How well does the site search find what people look for? ``make eval`` (Dutch report).

The index is built in-process from the real content, exactly as the site gets it
(``generator.search``), and the queries of ``tests/eval/zoek_vragen.yml`` run
through the browser's own engine (``zoeken.js``) under Node (``bench/zoeken_node.js``).
Per query: hit@1 (the first result is one of ``goed``), hit@3 (one of them in
the first three), whether the result was empty, and the bytes a browser
downloads for it from a cold start. Per ``soort`` and overall.

The figures are reported, never judged here; ``tests/test_zoeken.py`` pins them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "tests" / "eval" / "zoek_vragen.yml"
NODE_RUNNER = REPO / "bench" / "zoeken_node.js"
TOP = 3

__all__ = ["Vraag", "load_queries", "build_index", "run_queries", "figures", "report", "main"]


@dataclass(frozen=True)
class Vraag:
    zoek: str
    soort: str
    goed: list[str]


def load_queries(path: Path = QUERIES) -> list[Vraag]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Vraag(str(entry["zoek"]), str(entry.get("soort", "")), [str(g) for g in entry["goed"]]) for entry in raw]


def build_index(target: Path, root: Path = REPO) -> Path:
    """Write the site's search index (as the build makes it) into ``target``; return its folder."""
    from generator.build import render_all
    from generator.check import check_project
    from generator.project import Project
    from generator.search.index import FOLDER

    project = Project.at(root)
    result = check_project(project)
    if not result.ok:
        raise RuntimeError("de inhoud is niet in orde; draai eerst 'wijkkompas check'")
    for path, data in render_all(project, result).items():
        if path.parts[0] == FOLDER:
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_bytes(data)
    return target / FOLDER


def run_queries(folder: Path, queries: list[str], *, limit: int = 10) -> list[dict[str, Any]]:
    """The engine's results per query: {zoek, aantal, urls, bytes}."""
    done = subprocess.run(["node", str(NODE_RUNNER)], input=json.dumps({"map": str(folder), "vragen": queries,
                                                                       "limit": limit}),
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"de zoekmachine in Node faalde: {done.stderr.strip()}")
    return list(json.loads(done.stdout))


def figures(vragen: list[Vraag], results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """hit@1, hit@3, share of empty results and bytes per query, per soort and 'totaal'."""
    rows = []
    for vraag, result in zip(vragen, results):
        urls = result["urls"]
        rank = next((i + 1 for i, url in enumerate(urls) if url in vraag.goed), None)
        rows.append({"vraag": vraag, "rang": rank, "leeg": not urls, "bytes": result["bytes"], "urls": urls})
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["vraag"].soort, []).append(row)
    groups = dict(sorted(groups.items()))
    groups["totaal"] = rows
    out = {}
    for name, group in groups.items():
        n = len(group)
        out[name] = {"aantal": n, "hit1": sum(r["rang"] == 1 for r in group) / n,
                     "hit3": sum(r["rang"] is not None and r["rang"] <= TOP for r in group) / n,
                     "leeg": sum(r["leeg"] for r in group) / n,
                     "bytes_mediaan": statistics.median(r["bytes"] for r in group),
                     "bytes_max": max(r["bytes"] for r in group),
                     "missers": [(r["vraag"].zoek, r["vraag"].goed[:2], r["urls"][:TOP]) for r in group
                                 if not (r["rang"] and r["rang"] <= TOP)],
                     "niet_eerst": [(r["vraag"].zoek, r["rang"], r["urls"][:1]) for r in group if r["rang"] != 1]}
    return out


def report(result: dict[str, dict[str, Any]], bron: str) -> str:
    lines = [f"Zoeken ({bron}; bytes: ongecomprimeerd, koude start)", "",
             f"  {'soort':<13} {'aantal':>6} {'hit@1':>8} {'hit@3':>8} {'leeg':>7} {'bytes (mediaan / max)':>24}"]
    for name, f in result.items():
        lines.append(f"  {name:<13} {f['aantal']:>6} {100 * f['hit1']:7.1f}% {100 * f['hit3']:7.1f}% "
                     f"{100 * f['leeg']:6.1f}% {f['bytes_mediaan'] / 1000:11.0f} / {f['bytes_max'] / 1000:.0f} kB")
    total = result["totaal"]
    if total["missers"]:
        lines += ["", "  Niet in de eerste drie (zoek: verwacht -> gevonden):"]
        lines += [f"  - {zoek}: {', '.join(goed)} -> {', '.join(urls) or '(niets)'}" for zoek, goed, urls in total["missers"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_zoeken", description="Meet hoe goed de zoekfunctie vindt.")
    parser.add_argument("--vragen", type=Path, default=QUERIES, help="de zoekvragen (YAML)")
    parser.add_argument("--json", type=Path, help="schrijf de cijfers ook als JSON naar dit bestand")
    args = parser.parse_args(argv)
    try:
        vragen = load_queries(args.vragen)
        with tempfile.TemporaryDirectory() as tmp:
            results = run_queries(build_index(Path(tmp)), [v.zoek for v in vragen])
    except (OSError, yaml.YAMLError, KeyError, RuntimeError) as error:
        print(f"Kan de meting niet draaien: {error}", file=sys.stderr)
        return 1
    result = figures(vragen, results)
    try:
        bron = str(args.vragen.resolve().relative_to(REPO))
    except ValueError:
        bron = str(args.vragen)
    print(report(result, bron))
    if args.json:
        plain = {k: {key: value for key, value in v.items()} for k, v in result.items()}
        args.json.write_text(json.dumps(plain, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
