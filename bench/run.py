"""The benchmark of the full build: ``python -m bench.run`` (``make bench``).

Per size it makes a project with synthetic cases (``bench/synth.py``), runs the
real commands (``wijkkompas check``, ``wijkkompas generate``, ``mkdocs build
--strict`` as ``wijkkompas build`` calls it), measures time, peak memory and
output sizes, and times the advice engine in Python and under node. It writes
``bench/results.json``, the table in ``bench/README.md`` and ``bench/tijd.png``,
prints every target with OK or NIET GEHAALD, and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import importlib
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

try:  # run as ``python -m bench.run`` or as ``python bench/run.py``
    from bench.answersets import random_answers
    from bench.preview import PREVIEW_REAL_LIMIT, PREVIEW_SIZE, PREVIEW_SIZE_LIMIT, measure_preview, real_project
    from bench.synth import REPO, SHARE_UITGEBREID, make_project, snapshot
except ModuleNotFoundError:  # pragma: no cover
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.answersets import random_answers
    from bench.preview import PREVIEW_REAL_LIMIT, PREVIEW_SIZE, PREVIEW_SIZE_LIMIT, measure_preview, real_project
    from bench.synth import REPO, SHARE_UITGEBREID, make_project, snapshot

# The engine under test comes from the code snapshot (see ``_load_engine``), not from here.
Engine = Callable[[dict[str, Any], dict[str, list[str]]], Any]

__all__ = ["evaluate_targets", "main", "measure_size"]

BENCH = REPO / "bench"
DEFAULT_SIZES = (100, 1_000, 10_000)
RUNNER = BENCH / "advice_runner.js"
MARK_START, MARK_END = "<!-- resultaten -->", "<!-- /resultaten -->"
KB, MB = 1_000, 1_000_000  # decimal units, as the targets are written

# The targets of the issues; sizes are the number of cases they apply to. The generator's
# share of the build time is reported per size but is no longer a target (issue 19 retired
# "at most 15 % of MkDocs"): what a person waits for is measured instead.
GROWTH_FROM, GROWTH_TO, GROWTH_LIMIT = 1_000, 10_000, 11.0
TARGET_SIZE = 10_000
CASE_PAGE_LIMIT = 40 * KB
QUESTIONNAIRE_GZIP_LIMIT = 150 * KB
SEARCH_QUERY_LIMIT = 300 * KB
RSS_LIMIT = 2_000 * MB

# Identical builds on this kind of machine differ by 15 % or more in wall time; sizes up
# to this many cases are built several times (``--repeat``) and report the median.
REPEAT_UP_TO = 1_000


# --- running one phase ------------------------------------------------------------------------


@dataclass(frozen=True)
class Phase:
    """Wall time, CPU time and peak resident memory of one command (with its children)."""

    seconds: float
    cpu_seconds: float  # user + system; less disturbed than wall time by other work on the machine
    peak_rss_bytes: int


class BenchError(RuntimeError):
    """A phase failed; the message is Dutch and names the log."""


def run_phase(name: str, command: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> Phase:
    """Run ``command`` and measure it.

    ``os.wait4`` gives the rusage of exactly this child, which includes the
    children it waited for itself; so each phase gets its own peak memory, where
    ``RUSAGE_CHILDREN`` would be the maximum over every phase so far.
    """
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"\n=== {name}: {' '.join(command)}\n")
        out.flush()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            # Interrupted (Ctrl-C, kill): stop the phase too before the folder goes.
            process.kill()
            process.wait()
            raise
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-30:])
        raise BenchError(f"{name} mislukt (code {process.returncode}); zie {log}:\n{tail}")
    # ru_maxrss is in KiB on Linux
    return Phase(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def _clean_env() -> dict[str, str]:
    # Inherited WIJKKOMPAS_* settings (offline, site URL) would change what is built.
    return {k: v for k, v in os.environ.items() if not k.startswith("WIJKKOMPAS_")}


def _wijkkompas(root: Path, command: str) -> list[str]:
    return [sys.executable, "-m", "generator", "--root", str(root), command]


def _mkdocs(root: Path) -> list[str]:
    # The same command as generator.publish.produce_site, with the site written in place.
    return [sys.executable, "-m", "mkdocs", "build", "--config-file", str(root / "mkdocs.yml"),
            "--site-dir", str(root / "site"), "--strict"]


# --- measuring the output ---------------------------------------------------------------------


def site_metrics(site: Path, cases: int) -> dict[str, Any]:
    """Sizes in the built site: case pages, search index (all of it, and what one query
    downloads from a cold start, over the query set of make eval), questionnaire data, everything."""
    from bench.eval_zoeken import load_queries, run_queries

    pages = [p.stat().st_size for p in sorted((site / "casussen").glob("*/index.html"))]
    search = sum(p.stat().st_size for p in (site / "zoekindex").rglob("*.js"))
    per_query = sorted(r["bytes"] for r in run_queries(site / "zoekindex", [v.zoek for v in load_queries()]))
    raw = (site / "data" / "vragenlijst.json").read_bytes()
    files = [p for p in site.rglob("*") if p.is_file()]
    return {
        "case_pages": len(pages),
        "case_page_bytes_mean": round(sum(pages) / len(pages)) if pages else 0,
        "case_page_bytes_max": max(pages, default=0),
        "search_index_bytes": search,
        "search_index_bytes_per_case": round(search / cases),
        "search_query_bytes_median": per_query[len(per_query) // 2],
        "search_query_bytes_max": per_query[-1],
        "questionnaire_bytes": len(raw),
        "questionnaire_gzip_bytes": len(gzip.compress(raw, compresslevel=9)),
        "site_bytes": sum(p.stat().st_size for p in files),
        "site_files": len(files),
    }


# --- advice throughput ------------------------------------------------------------------------


def random_answer_sets(data: dict[str, Any], count: int, seed: int) -> list[dict[str, list[str]]]:
    """Valid answer sets: walk the route, answering most questions (as the parity test does)."""
    rng = random.Random(seed)
    return [random_answers(data, rng) for _ in range(count)]


def _load_engine(code: Path) -> tuple[Engine, Callable[[dict[str, Any]], dict[str, Any]]]:
    """``advise`` and the file decoder from the code snapshot in ``code``."""
    if str(code) not in sys.path:
        sys.path.insert(0, str(code))  # before the installed package: the snapshot is what was built
    advise = importlib.import_module("generator.questionnaire.advice").advise
    try:
        decode = importlib.import_module("generator.questionnaire.wire").decode
    except ModuleNotFoundError:  # older code wrote the in-memory form itself
        decode = None
    return advise, lambda raw: decode(raw) if decode and isinstance(raw.get("knopen"), list) else raw


def advice_python(advise: Engine, data: dict[str, Any], sets: list[dict[str, list[str]]]) -> float:
    """Answer sets per second of ``advise``; one untimed pass first, like the node side."""
    for answers in sets:
        advise(data, answers)
    start = time.perf_counter()
    for answers in sets:
        advise(data, answers)
    return len(sets) / (time.perf_counter() - start)


def advice_node(engine: Path, data_file: Path, sets_file: Path) -> float | None:
    """Answer sets per second of advies.js under node; ``None`` without node."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        return None
    out = subprocess.run([node, str(RUNNER), str(engine), str(data_file), str(sets_file)],
                         capture_output=True, text=True, check=True)
    return float(json.loads(out.stdout)["per_second"])


# --- one size ---------------------------------------------------------------------------------


def _say(message: str) -> None:
    print(message, flush=True)


def measure_size(cases: int, *, code: Path, seed: int, answer_sets: int, workdir: Path | None,
                 keep: bool, repeat: int = 1) -> dict[str, Any]:
    """Build a synthetic project of ``cases`` cases from the snapshot ``code`` and measure everything.

    Sizes up to ``REPEAT_UP_TO`` cases are built ``repeat`` times; times are the medians.
    """
    folder = Path(tempfile.mkdtemp(prefix=f"wijkkompas-bench-{cases}-", dir=workdir))
    load_before = os.getloadavg()[0]
    try:
        root, log = folder / "project", folder / "bench.log"
        start = time.perf_counter()
        make_project(root, cases, seed=seed, source=code)
        result: dict[str, Any] = {"cases": cases, "synth_seconds": round(time.perf_counter() - start, 2)}
        _say(f"  {nl(cases)} casussen gemaakt in {nl(result['synth_seconds'], 1)} s ({root})")
        env = _clean_env()
        commands = {
            "check": ("wijkkompas check", _wijkkompas(root, "check"), env),
            "generate": ("wijkkompas generate", _wijkkompas(root, "generate"), env),
            # The hook must not generate a second time, as in `wijkkompas build`.
            "mkdocs": ("mkdocs build", _mkdocs(root), dict(env, WIJKKOMPAS_GENEREER_NIET="1")),
        }
        runs: list[dict[str, Phase]] = []
        for run in range(repeat if cases <= REPEAT_UP_TO else 1):
            if run:
                # Every run starts from the bare project, as the first one did.
                for made in ("build", "site"):
                    shutil.rmtree(root / made, ignore_errors=True)
            phases: dict[str, Phase] = {}
            for key, (name, command, phase_env) in commands.items():
                phase = phases[key] = run_phase(name, command, root, log, phase_env)
                _say(f"  {name}: {nl(phase.seconds, 1)} s (cpu {nl(phase.cpu_seconds, 1)} s), "
                     f"piek {nl(phase.peak_rss_bytes / MB)} MB")
            runs.append(phases)
        result["runs"] = len(runs)
        for key in commands:
            result[f"{key}_seconds"] = round(statistics.median(r[key].seconds for r in runs), 2)
            result[f"{key}_cpu_seconds"] = round(statistics.median(r[key].cpu_seconds for r in runs), 2)
            result[f"{key}_peak_rss_bytes"] = max(r[key].peak_rss_bytes for r in runs)
            if len(runs) > 1:
                result[f"{key}_all_seconds"] = [round(r[key].seconds, 2) for r in runs]
        result["total_seconds"] = round(result["generate_seconds"] + result["mkdocs_seconds"], 2)
        # Per run, then the median: a run's two phases share the machine's mood of that minute.
        result["generator_share"] = round(statistics.median(
            r["generate"].seconds / r["mkdocs"].seconds for r in runs), 3)
        result["peak_rss_bytes"] = max(result[f"{key}_peak_rss_bytes"] for key in commands)
        result.update(site_metrics(root / "site", cases))
        result.update(_advice(code, root / "site", folder, seed, answer_sets))
        if cases == PREVIEW_SIZE:
            result.update(measure_preview(root))
            _say(f"  voorvertoning: wijziging zichtbaar na {nl(result['preview_seconds'], 1)} s (mediaan)")
        # Other work on the machine slows the wall times; the load shows whether there was any.
        result["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        return result
    finally:
        if keep:
            _say(f"  bewaard: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def _advice(code: Path, site: Path, folder: Path, seed: int, count: int) -> dict[str, Any]:
    advise, decode = _load_engine(code)
    data_file = site / "data" / "vragenlijst.json"
    # Decoding the file happens once per page view, not per answer set: it is not timed.
    data = decode(json.loads(data_file.read_text(encoding="utf-8")))
    sets = random_answer_sets(data, count, seed)
    sets_file = folder / "antwoorden.json"
    sets_file.write_text(json.dumps(sets, ensure_ascii=False), encoding="utf-8")
    python = advice_python(advise, data, sets)
    node = advice_node(site / "assets" / "javascripts" / "advies.js", data_file, sets_file)
    _say(f"  advies: {nl(python)}/s in Python, " + (f"{nl(node)}/s onder node" if node else "node ontbreekt"))
    return {"advice_answer_sets": count, "advice_python_per_second": round(python, 1),
            "advice_node_per_second": round(node, 1) if node else None}


# --- targets ----------------------------------------------------------------------------------


def _target(name: str, limit: float, value: float | None, ok: Callable[[float], bool], unit: str) -> dict[str, Any]:
    return {"name": name, "limit": limit, "value": value, "unit": unit,
            "ok": None if value is None else bool(ok(value))}


def evaluate_targets(sizes: list[dict[str, Any]], real: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Each target with its measured value; ``ok`` is ``None`` when its size was not run."""
    by_cases = {size["cases"]: size for size in sizes}
    targets: list[dict[str, Any]] = []
    # The live preview: from saving a case to the changed page being served (median of the edits).
    targets.append(_target(f"voorvertoning met de echte inhoud: wijziging zichtbaar binnen {nl(PREVIEW_REAL_LIMIT)} s",
                           PREVIEW_REAL_LIMIT, (real or {}).get("preview_seconds"), lambda v: v <= PREVIEW_REAL_LIMIT,
                           "s"))
    targets.append(_target(f"voorvertoning bij {nl(PREVIEW_SIZE)} casussen: wijziging zichtbaar binnen "
                           f"{nl(PREVIEW_SIZE_LIMIT)} s", PREVIEW_SIZE_LIMIT,
                           by_cases.get(PREVIEW_SIZE, {}).get("preview_seconds"), lambda v: v <= PREVIEW_SIZE_LIMIT, "s"))
    low, high = by_cases.get(GROWTH_FROM), by_cases.get(GROWTH_TO)
    growth = high["total_seconds"] / low["total_seconds"] if low and high else None
    targets.append(_target(f"totale tijd van {nl(GROWTH_FROM)} naar {nl(GROWTH_TO)} casussen hoogstens "
                           f"{nl(GROWTH_LIMIT)}× zo lang", GROWTH_LIMIT, None if growth is None else round(growth, 2),
                           lambda v: v <= GROWTH_LIMIT, "×"))
    big = by_cases.get(TARGET_SIZE)
    for name, key, limit, unit in (
        # A typical page: the longest pages are long because their story is (see README).
        ("casuspagina gemiddeld hoogstens 40 KB HTML", "case_page_bytes_mean", CASE_PAGE_LIMIT, "bytes"),
        ("vragenlijstdata hoogstens 150 KB gzip", "questionnaire_gzip_bytes", QUESTIONNAIRE_GZIP_LIMIT, "bytes"),
        ("piekgeheugen (RSS) onder 2 GB", "peak_rss_bytes", RSS_LIMIT, "bytes"),
        # What one search downloads from a cold start, the largest over make eval's queries (issue 16).
        ("één zoekopdracht hoogstens 300 KB", "search_query_bytes_max", SEARCH_QUERY_LIMIT, "bytes"),
    ):
        strict = key == "peak_rss_bytes"  # "under" 2 GB; the others are "at most"
        targets.append(_target(f"{name} bij {nl(TARGET_SIZE)} casussen", limit, big.get(key) if big else None,
                               (lambda v, l=limit: v < l) if strict else (lambda v, l=limit: v <= l), unit))
    return targets


# --- report -----------------------------------------------------------------------------------


def _machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    node = shutil.which("node") or shutil.which("nodejs")
    node_version = subprocess.run([node, "--version"], capture_output=True, text=True,
                                  check=False).stdout.strip() if node else None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory / 1024 / 1024, 1),
        "python": platform.python_version(),
        "node": node_version,
        "mkdocs": metadata.version("mkdocs"),
        "mkdocs_material": metadata.version("mkdocs-material"),
        "commit": _commit(),
        "code_hash": None,
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def code_hash(code: Path) -> str:
    """A short hash of every file in the snapshot: equal hashes, equal code and content."""
    digest = hashlib.sha256()
    for path in sorted(p for p in code.rglob("*") if p.is_file()):
        digest.update(path.relative_to(code).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _commit() -> str | None:
    # The numbers belong to a state of the code; note uncommitted changes too.
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "generator", "templates", "content",
                                "mkdocs.yml"], cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+gewijzigd" if dirty else "")


def nl(value: float, decimals: int = 0) -> str:
    """A number the Dutch way: 1.234,5."""
    return f"{value:,.{decimals}f}".translate(str.maketrans({",": ".", ".": ","}))


def _pct(value: float) -> str:
    return f"{nl(value * 100)} %"


def _kb(value: float) -> str:
    return nl(value / KB, 1)


def _rate(value: float | None) -> str:
    return "–" if value is None else nl(value)


def _show(target: dict[str, Any]) -> tuple[str, str]:
    """A target's limit and value in readable units."""
    unit, limit, value = target["unit"], target["limit"], target["value"]
    if unit == "fractie":
        return _pct(limit), "–" if value is None else _pct(value)
    if unit == "×":
        return f"{nl(limit)}×", "–" if value is None else f"{nl(value, 1)}×"
    if unit == "s":
        return f"{nl(limit)} s", "–" if value is None else f"{nl(value, 1)} s"
    scale, label, decimals = (1_000 * MB, "GB", 2) if limit >= 1_000 * MB else (KB, "KB", 1)
    return f"{nl(limit / scale)} {label}", "–" if value is None else f"{nl(value / scale, decimals)} {label}"


def _status(target: dict[str, Any]) -> str:
    return {True: "OK", False: "NIET GEHAALD", None: "niet gemeten"}[target["ok"]]


def markdown_table(results: dict[str, Any]) -> str:
    """The results as Markdown (Dutch): one row per size, then the targets."""
    rows = [
        "| Casussen | Generator (s) | MkDocs (s) | Totaal (s) | Generator/MkDocs | Check (s) | Piek-RSS (MB) "
        "| Casuspagina HTML gem./max (KB) | Zoekindex per casus (KB) | Per zoekopdracht mediaan/max (KB) "
        "| Vragenlijst ruw/gzip (KB) | Site (MB) | Advies Python (/s) | Advies node (/s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in results["sizes"]:
        rows.append(
            f"| {nl(s['cases'])} | {nl(s['generate_seconds'], 1)} | {nl(s['mkdocs_seconds'], 1)} "
            f"| {nl(s['total_seconds'], 1)} | {_pct(s['generator_share'])} | {nl(s['check_seconds'], 1)} "
            f"| {nl(s['peak_rss_bytes'] / MB)} "
            f"| {_kb(s['case_page_bytes_mean'])} / {_kb(s['case_page_bytes_max'])} "
            f"| {_kb(s['search_index_bytes_per_case'])} "
            f"| {_kb(s.get('search_query_bytes_median', 0))} / {_kb(s.get('search_query_bytes_max', 0))} "
            f"| {_kb(s['questionnaire_bytes'])} / {_kb(s['questionnaire_gzip_bytes'])} "
            f"| {nl(s['site_bytes'] / MB)} | {_rate(s['advice_python_per_second'])} "
            f"| {_rate(s['advice_node_per_second'])} |"
        )
    previews = [("echte inhoud", results.get("voorvertoning_echt"))] + [
        (f"{nl(s['cases'])} casussen", s) for s in results["sizes"] if "preview_seconds" in s]
    shown = [f"{name}: de pagina na {nl(p['preview_seconds'], 1)} s, alles na {nl(p['preview_complete_seconds'], 1)} s"
             for name, p in previews if p and "preview_complete_seconds" in p]
    if shown:
        # bench/preview.py: a new word saved in a case, until the preview serves its page (median).
        rows += ["", "Live voorvertoning, van opslaan tot bijgewerkte casuspagina (mediaan): " + "; ".join(shown) + "."]
    rows += ["", "| Doel | Grens | Gemeten | Resultaat |", "|---|---:|---:|---|"]
    for target in results["targets"]:
        limit, value = _show(target)
        rows.append(f"| {target['name']} | {limit} | {value} | {_status(target)} |")
    m = results["machine"]
    rows += ["", f"Gemeten op {m['date'][:10]}: {m['cpu']}, {m['cores']} kernen, {nl(m['memory_gb'], 1)} GB geheugen; "
             f"Python {m['python']}, node {m['node'] or '–'}, MkDocs {m['mkdocs']}, Material "
             f"{m['mkdocs_material']}; code {m['commit'] or 'onbekend'}"
             + (f" (momentopname {m['code_hash']})" if m.get("code_hash") else "") + "."]
    repeated = [s for s in results["sizes"] if s.get("runs", 1) > 1]
    if repeated:
        built = ", ".join(f"{nl(s['cases'])} casussen {s['runs']}×" for s in repeated)
        rows.append(f"Herhaald gebouwd ({built}): de tijden zijn medianen; generator/MkDocs is de mediaan "
                    "van die verhouding per bouw.")
    loads = [f"{nl(s['cases'])}: {nl(s['load_average'][0], 1)} / {nl(s['load_average'][1], 1)}"
             for s in results["sizes"] if "load_average" in s]
    if loads:
        # The build itself adds about 1; more means other work ran too and the wall times are too long.
        rows.append(f"Belasting van de machine (load average voor / na): {'; '.join(loads)}.")
    return "\n".join(rows)


_README_PROSE = """# Benchmark

`make bench` meet de hele bouw met synthetische casussen. Zie de tekst in deze map.

"""


def write_readme(readme: Path, table: str) -> None:
    """Put ``table`` between the markers; the prose around them stays as written."""
    block = f"{MARK_START}\n\n{table}\n\n{MARK_END}"
    text = readme.read_text(encoding="utf-8") if readme.is_file() else _README_PROSE
    pattern = re.compile(re.escape(MARK_START) + r".*?" + re.escape(MARK_END), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")


def write_plot(png: Path, sizes: list[dict[str, Any]]) -> None:
    """Generator, MkDocs and total seconds against the number of cases, log-log."""
    import matplotlib

    matplotlib.use("Agg")  # no display; must come before pyplot
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, NullFormatter

    cases = [s["cases"] for s in sizes]
    figure, axes = plt.subplots(figsize=(7, 4.5), dpi=120)
    for key, label in (("generate_seconds", "Generator"), ("mkdocs_seconds", "MkDocs"),
                       ("total_seconds", "Totaal")):
        axes.plot(cases, [s[key] for s in sizes], marker="o", label=label)
    # A line of slope 1 through the first total: steeper than this is worse than linear.
    first = sizes[0]
    axes.plot(cases, [first["total_seconds"] * c / first["cases"] for c in cases], linestyle=":",
              color="grey", label="Lineaire groei")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xticks(cases)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: nl(v)))
    axes.xaxis.set_minor_formatter(NullFormatter())
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: nl(v) if v >= 1 else nl(v, 1)))
    axes.set_xlabel("Aantal casussen")
    axes.set_ylabel("Tijd (seconden)")
    axes.set_title("Bouwtijd tegen aantal casussen")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(png)
    plt.close(figure)


def write_outputs(results: dict[str, Any], out: Path, readme: Path, png: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_readme(readme, markdown_table(results))
    if results["sizes"]:
        write_plot(png, results["sizes"])


def print_targets(targets: list[dict[str, Any]]) -> None:
    print("\nDoelen:")
    for target in targets:
        limit, value = _show(target)
        print(f"  {_status(target):12}  {target['name']}: {value} (grens {limit})")


# --- command line -----------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen lijst van aantallen, bijv. 100,1000") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("geef minstens één positief aantal casussen")
    return sizes


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run",
                                     description="Meet de hele bouw met synthetische casussen.")
    parser.add_argument("--sizes", type=_sizes, default=list(DEFAULT_SIZES),
                        help="aantallen casussen, met komma's (standaard 100,1000,10000)")
    parser.add_argument("--out", type=Path, default=BENCH / "results.json", help="resultaten als JSON")
    parser.add_argument("--readme", type=Path, default=BENCH / "README.md", help="Markdown met de tabel")
    parser.add_argument("--plot", type=Path, default=BENCH / "tijd.png", help="grafiek van de tijden")
    parser.add_argument("--seed", type=int, default=1, help="startwaarde van het toeval (standaard 1)")
    parser.add_argument("--answer-sets", type=int, default=200, help="aantal antwoordsets voor het advies")
    parser.add_argument("--repeat", type=int, default=3,
                        help=f"bouw tot en met {nl(REPEAT_UP_TO)} casussen zo vaak en neem de mediaan (standaard 3)")
    parser.add_argument("--workdir", type=Path, default=None, help="map voor de tijdelijke projecten")
    parser.add_argument("--keep", action="store_true", help="bewaar de tijdelijke projecten")
    parser.add_argument("--report", action="store_true",
                        help="meet niets: maak tabel, grafiek en doelen opnieuw uit het bestaande --out")
    return parser


def _finish(results: dict[str, Any], args: argparse.Namespace) -> int:
    print("\n" + markdown_table(results))
    print_targets(results["targets"])
    print(f"\nGeschreven: {args.out}, {args.readme}, {args.plot}")
    missed = [t for t in results["targets"] if t["ok"] is False]
    if missed:
        print(f"{len(missed)} doel(en) NIET GEHAALD.", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 when every measured target is met, 1 otherwise."""
    args = _parser().parse_args(argv)
    # A plain kill should still clean up the temporary projects (the finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.report:
        stored: dict[str, Any] = json.loads(args.out.read_text(encoding="utf-8"))
        stored["targets"] = evaluate_targets(stored["sizes"], stored.get("voorvertoning_echt"))
        write_outputs(stored, args.out, args.readme, args.plot)
        return _finish(stored, args)
    results: dict[str, Any] = {"machine": _machine(), "seed": args.seed,
                               "share_uitgebreid": SHARE_UITGEBREID, "sizes": [], "targets": []}
    holder = Path(tempfile.mkdtemp(prefix="wijkkompas-bench-code-", dir=args.workdir))
    try:
        code = snapshot(holder / "code")
        results["machine"]["code_hash"] = code_hash(code)
        _say("\nVoorvertoning met de echte inhoud:")
        results["voorvertoning_echt"] = measure_preview(real_project(code, holder / "echt"))
        _say(f"  wijziging zichtbaar na {nl(results['voorvertoning_echt']['preview_seconds'], 1)} s (mediaan)")
        for cases in args.sizes:
            _say(f"\n{nl(cases)} casussen:")
            try:
                results["sizes"].append(measure_size(cases, code=code, seed=args.seed,
                                                     answer_sets=args.answer_sets, workdir=args.workdir,
                                                     keep=args.keep, repeat=max(1, args.repeat)))
            except BenchError as exc:
                print(f"Benchmark afgebroken: {exc}", file=sys.stderr)
                return 2
            # Write after every size: a long run that stops still leaves its figures.
            results["targets"] = evaluate_targets(results["sizes"], results["voorvertoning_echt"])
            write_outputs(results, args.out, args.readme, args.plot)
    finally:
        # A kept project links to the snapshot's code, so keep that too.
        if args.keep:
            _say(f"  momentopname bewaard: {holder}")
        else:
            shutil.rmtree(holder, ignore_errors=True)
    return _finish(results, args)


if __name__ == "__main__":
    sys.exit(main())
