"""Hostile input: every trick from the issue in one place, through the real command line.

Each hostile file goes into a copy of the small fixture project, and the real
``wijkkompas`` command runs on it as a subprocess, with a time limit and a cap
on its address space, so a hang, a memory blow-up, a crash or a traceback fails
the test. What must be refused must get a Dutch message naming the file and the
field; a failed ``build`` must leave the previous ``site/`` byte for byte and
write nothing outside ``build/`` and ``site/``.

The unit tests of the YAML reader and the models (test_yamlfile.py,
test_models.py) check the same rules one function at a time; this file checks
what an editor (or an attacker) actually meets: the command and the built HTML.

* ``FILES``: hostile files (alias bomb, huge, deep, bad bytes, symlinks, names).
  One ``check`` per file.
* ``INJECTIONS``: HTML/Markdown injection in text, links and ids. They are all
  written into one project and checked in one run (each file must get its own
  error), then everything ``check`` accepts is built and the HTML is scanned
  for live markup.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, _link_tooling

_SCRIPT = Path(sys.executable).with_name("wijkkompas")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "generator"]
TIMEOUT = 60  # seconds; a check of the mini project takes about one
MEMORY = 1536 * 2**20  # address space of the command (and of MkDocs under it)
DUTCH = re.compile(r"\b(de|het|een|is|niet|geen|te|mag|moet|hier|zijn|bevat|alleen|toegestaan|bestand|link|tekst)\b", re.I)
NOT_DUTCH = re.compile(r"Traceback|Input should|Value error|validation error|Field required|\b\w*(Error|Exception)\b")


# ------------------------------------------------------------------ running the command

@dataclass(frozen=True)
class Run:
    code: int
    output: str  # stdout and stderr together
    seconds: float
    timed_out: bool = False


# Caps the address space, then becomes the command. (Not ``preexec_fn``: that is
# unsafe when threads start processes, as ``hostile_checks`` does.)
_LIMITED = [sys.executable, "-c", (
    "import os, resource, sys; "
    "resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]),) * 2); os.execv(sys.argv[2], sys.argv[2:])"
), str(MEMORY)]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIJKKOMPAS_")}
    # BLAS reserves address space per thread; keep it small so the cap measures our code.
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONFAULTHANDLER="1")
    return env


def _start(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*_LIMITED, *CLI, "--root", str(root), *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace", env=_env(), cwd=root,
        start_new_session=True,
    )


def _finish(process: subprocess.Popen[str], started: float, timeout: float) -> Run:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the command and the MkDocs it started
        out, err = process.communicate()
        command = " ".join(map(str, process.args[len(_LIMITED) + len(CLI) + 2:]))
        return Run(-1, f"wijkkompas {command} duurde langer dan {timeout} s en is afgebroken\n{out}{err}",
                   time.monotonic() - started, timed_out=True)
    return Run(process.returncode, out + err, time.monotonic() - started)


def wijkkompas(root: Path, *args: str, timeout: float = TIMEOUT) -> Run:
    """Run the real command on ``root`` with a time limit and a memory cap."""
    run = _finish(_start(root, *args), time.monotonic(), timeout)
    if run.timed_out:
        pytest.fail(run.output)
    return run


def test_the_memory_cap_applies() -> None:
    # Without it, a blow-up would pass unnoticed on a machine with memory to spare.
    hog = subprocess.run([*_LIMITED, sys.executable, "-c", "b = bytearray(2 * 2**30)"],
                         capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert hog.returncode != 0 and "MemoryError" in hog.stderr


def assert_refused(run: Run, bestand: str, veld: str, fragment: str = "") -> str:
    """Exit 1, no traceback, and a Dutch problem for ``bestand`` at ``veld`` (a regex); return its message."""
    assert not run.timed_out, run.output
    assert run.code == 1, f"exitcode {run.code} in plaats van 1:\n{run.output[-3000:]}"
    assert "Traceback" not in run.output, run.output[-3000:]
    pattern = re.compile(rf"^{re.escape(bestand)}:\d+:\d+: (?:{veld}): (?P<melding>.+)$", re.M)
    found = [m["melding"] for m in pattern.finditer(run.output)]
    assert found, f"geen fout voor {bestand} bij veld {veld!r}:\n{run.output[-3000:]}"
    text = "\n".join(found)
    assert DUTCH.search(text) and not NOT_DUTCH.search(text), f"geen Nederlandse melding: {text}"
    if fragment:
        assert re.search(fragment, text), f"{fragment!r} niet in: {text}"
    return text


def error_files(output: str) -> set[str]:
    """The files named by an error (not a warning) in the text output of ``check``."""
    return {m[1] for m in re.finditer(r"^([^:\n]+):\d+:\d+: (?!waarschuwing:)", output, re.M)}


def _mini_copy(folder: Path) -> Path:
    # The `mini` fixture of conftest.py, for module-scoped projects.
    root = folder / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    _link_tooling(root)
    return root


def _tree(root: Path, skip: tuple[Path, ...] = ()) -> dict[str, str]:
    """Every path under ``root`` with a digest of its content (symlinks are not followed)."""
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        folder = Path(dirpath)
        dirnames[:] = [n for n in dirnames if folder / n not in skip]
        for name in dirnames + filenames:
            path = folder / name
            if path in skip:
                continue
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                found[rel] = "map"
            elif path.is_file() and path.stat().st_size > 100 * 2**20:
                found[rel] = f"groot:{path.stat().st_size}"  # the sparse 4 GB file: not read
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = "anders"
    return found


# ------------------------------------------------------------------ hostile files

def _yaml(data: object) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000).encode("utf-8")


def _fixture_yaml(relative: str) -> dict:
    return yaml.safe_load((FIXTURES / "mini" / relative).read_text(encoding="utf-8"))


def _tip(**fields: object) -> dict:
    return {"titel": "Vijandige tip", "tekst": "Een gewone tip.", "doelgroepen": ["bewoners"],
            "bronnen": [{"bron": "testbron", "hoofdstuk": "H1", "regels": "20"}], **fields}


def _casus(**fields: object) -> dict:
    return {**_fixture_yaml("cases/tuin.yml"), **fields}


def _alias_bomb() -> bytes:
    # "Billion laughs": nine levels of ten aliases each, 10^9 strings once expanded.
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return ("\n".join(lines) + "\n").encode()


def _write(relative: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / relative).write_bytes(data() if callable(data) else data)
    return setup


def _tip_with_text(raw: bytes) -> Callable[[], bytes]:
    # Built when needed, and without the YAML emitter, which takes seconds over megabytes.
    return lambda: _yaml(_tip()).replace(b"Een gewone tip.", raw)


def _symlink(relative: str, target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / relative).symlink_to(target(root))
    return setup


def _outside_copy(source: str) -> Callable[[Path], Path]:
    """A copy of the project's file ``source`` next to the project, outside it."""
    def target(root: Path) -> Path:
        outside = root.parent / "buiten"
        outside.mkdir(exist_ok=True)
        path = outside / Path(source).name
        path.write_bytes((root / source).read_bytes())
        return path
    return target


def _cases_folder_outside(root: Path) -> None:
    outside = root.parent / "buiten-cases"
    shutil.move(root / "cases", outside)
    (root / "cases").symlink_to(outside)


def _vragenlijst_outside(root: Path) -> None:
    outside = _outside_copy("content/vragenlijst.yml")(root)
    (root / "content" / "vragenlijst.yml").unlink()
    (root / "content" / "vragenlijst.yml").symlink_to(outside)


def _edit_vragenlijst(old: str, new: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / "content" / "vragenlijst.yml"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return setup


def _fifo(root: Path) -> None:
    os.mkfifo(root / "cases" / "pijp.yml")


def _sparse(root: Path) -> None:
    # 4 GB on paper, nothing on disk: reading it whole would need 4 GB of memory.
    with open(root / "cases" / "groot.yml", "wb") as handle:
        handle.truncate(4 * 2**30)


@dataclass(frozen=True)
class Hostile:
    name: str
    setup: Callable[[Path], None]
    bestand: str  # the file the message must name
    veld: str  # a regex for the field it must name; "\(bestand\)" for the file as a whole
    fragment: str = ""  # a regex the message must contain
    timeout: float = TIMEOUT


WHOLE = r"\(bestand\)|[\w.-]+"  # the file as a whole, or the field the problem is in
NAME = r"\(bestandsnaam\)"
TIP = "content/tips/vijandig.yml"
_10_MB = 10 * 2**20

FILES = [
    Hostile("alias-bom", _write(TIP, _alias_bomb()), TIP, WHOLE, "ankers"),
    Hostile("alias-bom-in-vragenlijst", _write("content/vragenlijst.yml", _alias_bomb()),
            "content/vragenlijst.yml", WHOLE, "ankers"),
    Hostile("tekstveld-van-10-mb", _write(TIP, _tip_with_text(b"a" * _10_MB)), TIP, WHOLE, "te groot"),
    Hostile("tekstveld-te-lang", _write(TIP, _tip_with_text(b"a " * 400_000 + b"a")), TIP, "tekst", "te lang"),
    Hostile("bestand-van-4-gb", _sparse, "cases/groot.yml", WHOLE, "te groot"),
    Hostile("10000-diep-haken", _write(TIP, b"tekst: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"), TIP, WHOLE, "diep"),
    Hostile("10000-diep-accolades", _write(TIP, b"tekst: " + b"{a: " * 10_000 + b"}" * 10_000 + b"\n"),
            TIP, WHOLE, "diep"),
    Hostile("10000-diep-blok", _write(TIP, b"- " * 10_000 + b"x\n"), TIP, WHOLE, "diep"),
    Hostile("100000-diep-blok", _write(TIP, b"- " * 100_000 + b"x\n"), TIP, WHOLE, "diep"),
    Hostile("500-diep-ingesprongen", _write(TIP, b"".join(b"  " * i + b"a:\n" for i in range(500)) + b"  " * 500 + b"x\n"),
            TIP, WHOLE, "diep"),
    Hostile("geen-utf8-latin1", _write(TIP, _yaml(_tip(titel="Caf\u00e9")).decode().encode("latin-1")),
            TIP, WHOLE, "UTF-8"),
    Hostile("geen-utf8-utf16", _write(TIP, _yaml(_tip()).decode().encode("utf-16")), TIP, WHOLE, "UTF-8|NUL"),
    Hostile("nul-byte", _write(TIP, _yaml(_tip()).replace(b"gewone", b"ge\x00wone")), TIP, WHOLE, "NUL"),
    Hostile("nul-als-escape", _write(TIP, _yaml(_tip(tekst="ge\x00wone"))), TIP, "tekst", "stuurtekens"),
    Hostile("surrogaat-als-escape", _write(TIP, _tip_with_text(b'"Een \\ud800 tip."')),
            TIP, rf"{WHOLE}|tekst"),
    Hostile("getal-van-5000-cijfers", _write(TIP, _yaml(_tip()).replace(b"'20'", b"9" * 5000)),
            TIP, rf"{WHOLE}|bronnen\.0\.regels"),
    Hostile("python-tag", _write(TIP, b"!!python/object/apply:os.system ['touch gehackt']\n"), TIP, WHOLE),
    Hostile("symlink-naar-buiten", _symlink("cases/link.yml", _outside_copy("cases/tuin.yml")),
            "cases/link.yml", WHOLE, "symbolische link"),
    Hostile("symlink-naar-systeembestand", _symlink("cases/passwd.yml", lambda root: Path("/etc/passwd")),
            "cases/passwd.yml", WHOLE, "symbolische link"),
    Hostile("symlink-vragenlijst-naar-buiten", _vragenlijst_outside, "content/vragenlijst.yml", WHOLE,
            "symbolische link"),
    Hostile("map-cases-is-symlink-naar-buiten", _cases_folder_outside, "cases", r"\(map\)", "symbolische link"),
    Hostile("fifo-in-cases", _fifo, "cases/pijp.yml", WHOLE, timeout=10),
    Hostile("bestandsnaam-met-spatie", _write("cases/de tuin.yml", _yaml(_casus(naam="Tuin een"))),
            "cases/de tuin.yml", NAME, "geen geldige bestandsnaam"),
    Hostile("bestandsnaam-niet-ascii", _write("cases/t\u00fcin.yml", _yaml(_casus(naam="Tuin twee"))),
            "cases/t\u00fcin.yml", NAME, "geen geldige bestandsnaam"),
    Hostile("bestandsnaam-met-puntpunt", _write("cases/tuin..drie.yml", _yaml(_casus(naam="Tuin drie"))),
            "cases/tuin..drie.yml", NAME, "geen geldige bestandsnaam"),
    Hostile("bestandsnaam-met-hoofdletters", _write("cases/Tuin4.yml", _yaml(_casus(naam="Tuin vier"))),
            "cases/Tuin4.yml", NAME, "geen geldige bestandsnaam"),
    Hostile("extensie-met-hoofdletters", _write("cases/tuin5.YML", _yaml(_casus(naam="Tuin vijf"))),
            "cases/tuin5.YML", NAME, "geen geldige bestandsnaam"),
    Hostile("html-bestand-in-cases", _write("cases/pagina.html", b"<script>alert(1)</script>"),
            "cases/pagina.html", WHOLE, "geen YAML"),
    Hostile("vragenlijst-doel-met-puntpunt", _edit_vragenlijst('"bouwsteen:blok-1"', '"bouwsteen:../blok-1"'),
            "content/vragenlijst.yml", r"vragen\.0\.opties\.0\.effecten\.0\.doel", "geen geldig doel"),
    Hostile("vragenlijst-optie-id-met-slash", _edit_vragenlijst("id: bewoner", "id: be/woner"),
            "content/vragenlijst.yml", r"vragen\.0\.opties\.0\.id", "geen geldige id"),
]
FILE_BY_NAME = {case.name: case for case in FILES}


def _check_hostile(case: Hostile, folder: Path) -> tuple[Path, Run, bool]:
    root = _mini_copy(folder)
    case.setup(root)
    before = _tree(folder)
    try:
        run = _finish(_start(root, "check"), time.monotonic(), case.timeout)
        return root, run, _tree(folder) == before
    finally:
        big = root / "cases" / "groot.yml"  # no 4 GB file left behind in the temporary folder
        if big.is_file() and not big.is_symlink():
            big.unlink()


@pytest.fixture(scope="module")
def hostile_checks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Run, bool]]:
    """`wijkkompas check` on one project per hostile file, a few at a time (each takes a second)."""
    with ThreadPoolExecutor(max_workers=max(2, min(8, os.cpu_count() or 2))) as pool:
        futures = {case.name: pool.submit(_check_hostile, case, tmp_path_factory.mktemp(case.name)) for case in FILES}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("case", FILES, ids=lambda case: case.name)
def test_hostile_file_is_refused_with_a_dutch_message(hostile_checks, case: Hostile) -> None:  # type: ignore[no-untyped-def]
    root, run, unchanged = hostile_checks[case.name]
    assert_refused(run, case.bestand, case.veld, case.fragment)
    assert unchanged, "check heeft iets geschreven of veranderd"
    assert not (root / "gehackt").exists()


def test_byte_order_mark_is_accepted(mini) -> None:  # type: ignore[no-untyped-def]
    (mini.root / TIP).write_bytes(b"\xef\xbb\xbf" + _yaml(_tip(titel="Tip met BOM")))
    run = wijkkompas(mini.root, "check", "--format", "json")
    assert run.code == 0, run.output
    report = json.loads(run.output)
    assert report["fouten"] == [] and report["aantallen"]["tip"] == 3


# ------------------------------------------------------------------ injection

REFUSE, ACCEPT, EITHER = "weigeren", "toestaan", "vrij"


@dataclass(frozen=True)
class Injection:
    """One trick, written as one file; ``moet`` says whether ``check`` must refuse it."""

    name: str  # also the file name (a valid id)
    soort: str  # tip, casus or bron
    velden: dict = field(hash=False)  # the fields that differ from a valid item
    veld: str  # where the error must point (a regex)
    moet: str = REFUSE
    html: tuple[str, ...] = ()  # for ACCEPT: what the built page must show
    valkuil: bool = False  # also as a valkuil, whose text the page renders inside an admonition

    def files(self) -> dict[str, bytes]:
        if self.soort == "casus":
            return {f"cases/{self.name}.yml": _yaml(_casus(naam=f"Casus {self.name}", **self.velden))}
        if self.soort == "bron":
            data = {**_fixture_yaml("content/bronnen/testbron.yml"), "titel": f"Bron {self.name}", **self.velden}
            return {f"content/bronnen/{self.name}.yml": _yaml(data)}
        files = {f"content/tips/{self.name}.yml": _yaml(_tip(**{"titel": f"Tip {self.name}", **self.velden}))}
        if self.valkuil:
            files[f"content/tips/{self.name}-valkuil.yml"] = _yaml(
                _tip(**{"titel": f"Valkuil {self.name}", "soort": "valkuil", **self.velden}))
        return files


def _text(name: str, value: str, moet: str = REFUSE, *html: str) -> Injection:
    return Injection(name, "tip", {"tekst": value}, "tekst", moet, html, valkuil=True)


def _title(name: str, value: str, moet: str = REFUSE) -> Injection:
    return Injection(name, "tip", {"titel": value}, "titel", moet)


def _url(name: str, value: str, moet: str = REFUSE) -> Injection:
    return Injection(name, "casus", {"links": [{"titel": "Website", "url": value}]}, r"links\.0\.url", moet)


def _ref(name: str, veld: str, value: object) -> Injection:
    return Injection(name, "tip", {veld: value}, re.escape(f"{veld}.0"))


INJECTIONS = [
    # --- HTML in Markdown text
    _text("script-tag", "Kijk <script>alert(1)</script>"),
    _text("script-gemengde-hoofdletters", "<ScRiPt>alert(1)</sCrIpT>"),
    _text("img-onerror", '<img src=x onerror="alert(1)">'),
    _text("svg-onload", "<svg onload=alert(1)>"),
    _text("svg-slash-onload", "<svg/onload=alert(1)>"),
    _text("iframe", '<iframe src="https://evil.example/"></iframe>'),
    _text("a-href-javascript", '<a href="javascript:alert(1)">klik</a>'),
    _text("attribuut-uitbreken", 'x</p><p onclick="alert(1)">y'),
    _text("style-tag", "<style>body{display:none}</style>"),
    _text("html-commentaar", "Zichtbaar <!-- verborgen --> tekst"),
    _text("html-commentaar-open", "Zichtbaar <!-- en de rest verdwijnt"),
    _text("doctype", "<!DOCTYPE html>"),
    _text("processing-instructie", "<?php echo 1; ?>"),
    _text("markdown-in-html", '<div markdown="1">*x*</div>'),
    _text("autolink-javascript", "<javascript:alert(1)>"),
    _text("autolink-vbscript", "<vbscript:msgbox(1)>"),
    # --- unsafe targets of inline links
    _text("link-javascript", "[klik](javascript:alert(1))"),
    _text("link-gemengde-hoofdletters", "[klik](JaVaScRiPt:alert(1))"),
    _text("link-tab-in-schema", "[klik](java\tscript:alert(1))"),
    _text("link-regeleinde-in-schema", "[klik](java\nscript:alert(1))"),
    _text("link-stuurteken-in-schema", "[klik](java\x01script:alert(1))"),
    _text("link-spatie-voor-schema", "[klik]( javascript:alert(1))"),
    _text("link-nbsp-in-schema", "[klik](javascript\u00a0:alert(1))"),
    _text("link-zero-width-in-schema", "[klik](java\u200bscript:alert(1))"),
    _text("link-entiteit-decimaal", "[klik](&#106;avascript:alert(1))"),
    _text("link-entiteit-hex", "[klik](&#x6A;avascript:alert(1))"),
    _text("link-entiteit-dubbele-punt", "[klik](javascript&#58;alert(1))"),
    _text("link-entiteit-tab", "[klik](java&#09;script:alert(1))"),
    _text("link-procent-dubbele-punt", "[klik](javascript%3Aalert(1))"),
    _text("link-punthaken", "[klik](<javascript:alert(1)>)"),
    _text("link-met-titel", '[klik](javascript:alert(1) "titel")'),
    _text("link-vbscript", "[klik](vbscript:msgbox(1))"),
    _text("link-file", "[klik](file:///etc/passwd)"),
    _text("link-data", "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    _text("link-data-hoofdletters", "[klik](DaTa:text/html,x)"),
    _text("link-protocol-relatief", "[klik](//evil.example/pad)"),
    _text("link-backslashes", "[klik](\\\\evil.example/pad)"),
    _text("link-slash-backslash", "[klik](/\\evil.example/pad)"),
    _text("link-backslash-slash", "[klik](\\/\\/evil.example)"),
    _text("link-https-backslashes", "[klik](https:\\\\evil.example)"),
    _text("link-geneste-haken-javascript", "[a [b] c](javascript:alert(1))"),
    _text("link-geneste-haken-protocol-relatief", "[a [b]](//evil.example)"),
    # --- reference-style links
    _text("referentie-javascript", "[klik][r]\n\n[r]: javascript:alert(1)"),
    _text("referentie-punthaken", "[klik][r]\n\n[r]: <javascript:alert(1)>"),
    _text("referentie-ingesprongen", "[klik][r]\n\n   [r]: javascript:alert(1)"),
    _text("referentie-impliciet", "[klik][]\n\n[klik]: javascript:alert(1)"),
    _text("referentie-data", "[klik]\n\n[klik]: data:text/html,x"),
    _text("referentie-protocol-relatief", "[klik][r]\n\n[r]: //evil.example"),
    _text("referentie-in-lijst", "[klik][r]\n\n- [r]: javascript:alert(1)"),
    _text("referentie-diep-in-lijst", "[klik][r]\n\n- a\n\n    [r]: javascript:alert(1)"),
    # --- images (load from another host)
    _text("afbeelding", "![foto](https://tracker.example/pixel.gif)"),
    _text("afbeelding-javascript", "![x](javascript:alert(1))"),
    _text("afbeelding-referentie", "![foto][r]\n\n[r]: https://tracker.example/pixel.gif"),
    _text("afbeelding-referentie-kort", "![r]\n\n[r]: https://tracker.example/pixel.gif"),
    _text("afbeelding-in-link", "[![foto](https://tracker.example/pixel.gif)](https://example.org)"),
    # --- attribute lists (mkdocs.yml enables attr_list)
    _text("attr-list-alinea", "Tekst\n{: onclick=alert(1) }"),
    _text("attr-list-zonder-dubbele-punt", "Tekst\n{ onclick=alert(1) }"),
    _text("attr-list-link", "[klik](https://example.org){: onclick=alert(1) }"),
    _text("attr-list-href-vervangen", "[klik](https://example.org){: href=javascript:alert(1) }"),
    _text("attr-list-nadruk", "*nadruk*{: onmouseover=alert(1) }"),
    _text("attr-list-kop", "# Kop {: onclick=alert(1) }"),
    # --- control characters
    _text("stuurteken-bel", "bel \x07 bel"),
    # --- plain (one-line) fields
    _title("titel-script", "<script>alert(1)</script>"),
    _title("titel-link", "[klik](https://example.org)"),
    _title("titel-commentaar", "Tip <!-- x -->"),
    # --- link fields
    _url("url-javascript", "javascript:alert(1)"),
    _url("url-gemengde-hoofdletters", "JaVaScRiPt:alert(1)"),
    _url("url-spatie-voor-schema", "  javascript:alert(1)"),
    _url("url-tab-in-schema", "java\tscript:alert(1)"),
    _url("url-data", "data:text/html,x"),
    _url("url-vbscript", "vbscript:msgbox(1)"),
    _url("url-file", "file:///etc/passwd"),
    _url("url-protocol-relatief", "//evil.example/"),
    _url("url-backslashes", "\\\\evil.example/"),
    _url("url-slash-backslash", "/\\evil.example/"),
    _url("url-https-zonder-slashes", "https:evil.example"),
    _url("url-attribuut-met-spaties", 'https://example.org/" onclick="alert(1)'),
    # --- ids and paths with .., /, spaces or non-ASCII
    _ref("ref-puntpunt", "bouwstenen", ["../blok-1"]),
    _ref("ref-slash", "bouwstenen", ["blok-1/blok-2"]),
    _ref("ref-absoluut-pad", "casussen", ["/etc/passwd"]),
    _ref("ref-spatie", "themas", ["zorg en welzijn"]),
    _ref("ref-niet-ascii", "themas", ["z\u00f6rg"]),
    _ref("ref-backslash", "stappen", ["..\\stap-een"]),
    Injection("ref-bron-puntpunt", "tip", {"bronnen": [{"bron": "../testbron", "hoofdstuk": "H1", "regels": 20}]},
              r"bronnen\.0\.bron"),
    _text("interne-link-puntpunt", "[x](../casussen/../../../etc/passwd.md)"),
    _text("interne-link-spatie", "[x](../casussen/huis kamer.md)"),
    _text("interne-link-absoluut", "[x](/etc/passwd)"),
    _text("interne-link-niet-ascii", "[x](../casussen/h\u00fciskamer.md)"),
    Injection("bron-bestand-puntpunt", "bron", {"bestand": "../../etc/passwd.txt"}, "bestand"),
    Injection("bron-bestand-in-map", "bron", {"bestand": "seeds/testbron.txt"}, "bestand"),
    # --- harmless: must be accepted, and shown as text
    _text("proza-kleiner-dan", "Meer dan 5 < 6 deelnemers & een tuin.", ACCEPT, "5 &lt; 6 deelnemers &amp; een tuin"),
    _text("vet-en-nadruk", "Dit is **vet** en *nadruk*.", ACCEPT, "<strong>vet</strong>", "<em>nadruk</em>"),
    _text("veilige-links", "Zie [de site](https://example.org/pad?a=1&b=2) of [mail](mailto:info@example.org).",
          ACCEPT, 'href="https://example.org/pad?a=1&amp;b=2"', 'href="mailto:info@example.org"'),
    # Braces as character references: the same text, and never an attribute list.
    _text("sjabloon-syntaxis", "Rekenen: {{ 7 + 7 }} en $7 + 7.", ACCEPT, "&#123;&#123; 7 + 7 &#125;&#125; en $7 + 7."),
    # Any single {…} could be read as an attribute list, so it is refused, template-like or not.
    _text("sjabloon-blok", "Rekenen: {% if x %}ja{% endif %} en ${7 + 7}."),
    _text("attr-list-kaal-woord", "Tekst\n{ onclick }"),
    # --- tricky: may be refused; if accepted it must stay inert (checked in the built site)
    _text("javascript-als-gewone-tekst", "Typ nooit javascript:alert(1), vbscript:x of data:text/html,x.", EITHER),
    _text("entiteiten-als-tekst",
          "&#60;script&#62;alert(1)&#60;/script&#62; &#106;avascript:alert(1) &lt;img src=x onerror=alert(1)&gt;", EITHER),
    _text("attr-list-midden-in-regel", "Tekst {: onclick=alert(1) } en verder.", EITHER),
    _text("admonitie-met-attribuut", "!!! danger onclick=alert(1)\n    Pas op.", EITHER),
    _text("afkorting-javascript", "*[HTML]: javascript:alert(1)\n\nHTML is een taal.", EITHER),
    _text("link-titel-aanhalingstekens", '[tekst](https://example.org "x\\" onclick=\\"alert(1)")', EITHER),
    _text("geneste-haken-veilig", "Zie [[x]](https://example.org).", EITHER),
    _text("kale-adressen", "a@b.example en https://example.org en www.example.org", EITHER),
    _text("kleiner-dan-cijfer", "x <3 en --> en ]]> en </ zo", EITHER),
    _title("titel-aanhalingstekens", 'Tip " onmouseover="alert(1)', EITHER),
    _title("titel-enkele-aanhalingstekens", "Tip ' onmouseover='alert(1)", EITHER),
    _title("titel-attr-list", "Tip {: onclick=alert(1) }", EITHER),
    _title("titel-markdown", "Tip **vet** [x] *[y]: z", EITHER),
    _title("titel-entiteit", "Tip &#34; onclick=&#34;alert(1)", EITHER),
    _title("titel-sjabloon", "Tip {{ 7*7 }}", EITHER),
    _url("url-aanhalingstekens", 'https://example.org/"onclick="alert(1)', EITHER),
    _url("url-punthaken", "https://example.org/?q=<script>alert(1)</script>", EITHER),
    _url("url-haakjes", "https://example.org/)](javascript:alert(1))", EITHER),
    _url("url-attr-list", "https://example.org/){:onclick=alert(1)}", EITHER),
]
INJECTION_BY_NAME = {case.name: case for case in INJECTIONS}
assert len(INJECTION_BY_NAME) == len(INJECTIONS)


@dataclass(frozen=True)
class Batch:
    root: Path
    check: Run


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """The mini project with one file per injection, and one `check` of it all."""
    root = _mini_copy(tmp_path_factory.mktemp("injectie"))
    for case in INJECTIONS:
        for relative, data in case.files().items():
            (root / relative).write_bytes(data)
    return Batch(root, wijkkompas(root, "check"))


@pytest.mark.parametrize("case", [c for c in INJECTIONS if c.moet != EITHER], ids=lambda case: case.name)
def test_injection_is_refused_or_accepted_as_required(batch: Batch, case: Injection) -> None:
    assert "Traceback" not in batch.check.output, batch.check.output[-3000:]
    for relative in case.files():
        if case.moet == REFUSE:
            assert_refused(batch.check, relative, case.veld)
        else:
            assert relative not in error_files(batch.check.output), batch.check.output


@dataclass(frozen=True)
class BuiltBatch:
    root: Path
    build: Run
    accepted: list[str]  # injections check let through


@pytest.fixture(scope="module")
def batch_site(batch: Batch, tmp_path_factory: pytest.TempPathFactory) -> BuiltBatch:
    """Everything of the batch that `check` accepted, built into a site."""
    root = tmp_path_factory.mktemp("injectie-site") / "mini"
    shutil.copytree(batch.root, root, symlinks=True)
    refused = error_files(batch.check.output)
    for relative in refused:
        (root / relative).unlink()
    accepted = [case.name for case in INJECTIONS if not set(case.files()) & refused]
    return BuiltBatch(root, wijkkompas(root, "build"), accepted)


_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                   "srcset", "ping", "cite", "longdesc", "manifest", "codebase", "dynsrc", "lowsrc"}
_SAFE_SCHEMES = ("http", "https", "mailto")


def _unsafe_url(value: str, *, loads: bool) -> str | None:
    squashed = re.sub(r"[\s\x00-\x1f\u00a0\u200b-\u200d\ufeff]", "", value).lower()
    if squashed.startswith(("//", "\\\\", "/\\", "\\/")):
        return "protocol-relatief adres"
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", squashed)
    if scheme and scheme[1] not in _SAFE_SCHEMES:
        return f"schema {scheme[1]}:"
    if loads and scheme:
        return "laadt iets van een andere host"
    return None


class _LiveMarkup(HTMLParser):
    """Finds markup that would act in a browser: handlers, unsafe URLs, frames, foreign loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._script_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            elif name in _URL_ATTRIBUTES and value is not None:
                loads = tag in ("img", "script", "iframe", "embed", "object", "source", "video", "audio",
                                "track", "input", "image", "frame") or name in ("src", "srcset", "data", "poster")
                for candidate in (value.split(",") if name == "srcset" else [value]):
                    problem = _unsafe_url(candidate.strip().split(" ")[0], loads=loads)
                    if problem:
                        self.found.append(f"<{tag} {name}={value!r}>: {problem}")
            elif name == "style" and value and re.search(r"url\(|expression\(|position\s*:\s*fixed", value, re.I):
                self.found.append(f"<{tag} style={value!r}>")
        if tag in ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"):
            self.found.append(f"<{tag}>")
        if tag == "meta" and any(n == "http-equiv" and (v or "").lower() == "refresh" for n, v in attrs):
            self.found.append("<meta http-equiv=refresh>")
        if tag == "script":
            self._script, self._script_text = dict(attrs), ""

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            kind = (self._script.get("type") or "").lower()
            text = self._script_text
            if kind == "application/json":
                try:
                    json.loads(text)
                except ValueError:
                    self.found.append(f"<script type=application/json> is geen JSON meer: {text[:200]!r}")
            elif "alert(" in text:
                self.found.append(f"inline <script> met inhoud uit de tekst: {text[:200]!r}")
            self._script = None


def live_markup(html: str) -> list[str]:
    parser = _LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def _injection_of(page: str) -> str:
    parts = page.split("/")
    if len(parts) >= 2 and parts[0] in ("tips", "casussen", "bronnen"):
        return parts[1].removesuffix("-valkuil").removesuffix(".html")
    return "(overzicht) " + page


def test_accepted_text_never_becomes_live_markup_in_the_site(batch_site: BuiltBatch) -> None:
    """Defence in depth: whatever `check` lets through, the HTML has no handler, script or unsafe link."""
    assert batch_site.build.code == 0, batch_site.build.output[-3000:]
    found: dict[str, list[str]] = {}
    for path in sorted((batch_site.root / "site").rglob("*.html")):
        page = path.relative_to(batch_site.root / "site").as_posix()
        for problem in live_markup(path.read_text(encoding="utf-8")):
            found.setdefault(_injection_of(page), []).append(f"{page}: {problem}")
    report = {name: problems for name, problems in found.items()}
    inputs = {name: INJECTION_BY_NAME[name].velden for name in report if name in INJECTION_BY_NAME}
    assert not report, (
        "levende opmaak in de gebouwde site (door check geaccepteerd):\n"
        + "\n".join(f"{name}: {inputs.get(name)!r}\n    " + "\n    ".join(problems) for name, problems in report.items())
    )


@pytest.mark.parametrize("case", [c for c in INJECTIONS if c.moet == ACCEPT], ids=lambda case: case.name)
def test_harmless_text_is_shown_as_text(batch_site: BuiltBatch, case: Injection) -> None:
    assert batch_site.build.code == 0, batch_site.build.output[-3000:]
    for suffix in ("", "-valkuil"):
        html = (batch_site.root / "site" / "tips" / f"{case.name}{suffix}" / "index.html").read_text(encoding="utf-8")
        for fragment in case.html:
            assert fragment in html, f"{fragment!r} ontbreekt in tips/{case.name}{suffix}"
        assert live_markup(html) == []


def test_scanner_sees_live_markup() -> None:
    """The scanner itself: it must flag what a browser would run."""
    assert live_markup('<p onclick="alert(1)">x</p>')
    assert live_markup('<a href=" JaVa&#x09;Script:alert(1)">x</a>')
    assert live_markup('<a href="/\\evil.example">x</a>')
    assert live_markup('<img src="https://tracker.example/p.gif">')
    assert live_markup('<script>alert(1)</script>')
    assert live_markup('<script type="application/json">{"a": "</script><script>"}</script>')
    assert live_markup('<a href="https://example.org">x</a><img src="../assets/x.png">') == []


# ------------------------------------------------------------------ a failed build leaves everything as it was

@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project after a successful `wijkkompas build`."""
    root = _mini_copy(tmp_path_factory.mktemp("goede-bouw"))
    run = wijkkompas(root, "build")
    assert run.code == 0, run.output
    assert (root / "site" / "index.html").is_file()
    return root


def _injection_setup(case: Injection) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        for relative, data in case.files().items():
            (root / relative).write_bytes(data)
    return setup


_SCRIPT_TAG = INJECTION_BY_NAME["script-tag"]
_ATTR_LIST = INJECTION_BY_NAME["attr-list-alinea"]
BUILD_CASES = [FILE_BY_NAME[name] for name in
               ("alias-bom", "tekstveld-van-10-mb", "10000-diep-haken", "geen-utf8-latin1", "symlink-naar-buiten")] + [
    Hostile("injectie-script-tag", _injection_setup(_SCRIPT_TAG), next(iter(_SCRIPT_TAG.files())), "tekst", "HTML"),
    Hostile("injectie-attr-list", _injection_setup(_ATTR_LIST), next(iter(_ATTR_LIST.files())), "tekst"),
]


@pytest.mark.parametrize("case", BUILD_CASES, ids=lambda case: case.name)
def test_a_refused_build_leaves_the_previous_site_and_writes_nothing_else(
        good_build: Path, tmp_path: Path, case: Hostile) -> None:
    work = tmp_path / "werk"
    root = work / "mini"
    shutil.copytree(good_build, root, symlinks=True)
    case.setup(root)
    site, docs = _tree(root / "site"), _tree(root / "build" / "docs")
    everything_else = _tree(work, skip=(root / "build", root / "site"))
    run = wijkkompas(root, "build", timeout=case.timeout)
    assert_refused(run, case.bestand, case.veld, case.fragment)
    assert "De vorige site is niet aangeraakt" in run.output
    assert _tree(root / "site") == site, "site/ is veranderd"
    assert _tree(root / "build" / "docs") == docs, "build/docs is veranderd"
    assert _tree(work, skip=(root / "build", root / "site")) == everything_else, "buiten build/ en site/ is iets veranderd"
    assert sorted(p.name for p in (root / "build").iterdir()) == [".lock", "docs", "sjablonen-cache"]


# ------------------------------------------------------------------ two builds at once

def test_two_builds_at_once_both_succeed_and_leave_one_complete_site(mini) -> None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    processes = [_start(mini.root, "build"), _start(mini.root, "build")]
    runs = [_finish(process, started, TIMEOUT) for process in processes]
    for run in runs:
        assert run.code == 0, run.output
        assert "Traceback" not in run.output
    site = mini.root / "site"
    assert (site / "index.html").is_file()
    for case in (mini.root / "cases").glob("*.yml"):
        assert (site / "casussen" / case.stem / "index.html").is_file(), case.stem
    # Every generated page has its HTML: the site is complete, not half of one build.
    for page in (mini.root / "build" / "docs").rglob("*.md"):
        relative = page.relative_to(mini.root / "build" / "docs").with_suffix("")
        html = site / relative / "index.html" if relative.name != "index" else site / relative.parent / "index.html"
        assert html.is_file(), f"{html.relative_to(site)} ontbreekt"
    # No temporary folders left: no staging site in build/, no old site next to site/.
    assert sorted(p.name for p in mini.root.iterdir()) == sorted(
        ["build", "cases", "content", "site", "templates", "generator", "mkdocs.yml", "pyproject.toml"])
    assert sorted(p.name for p in (mini.root / "build").iterdir()) == [".lock", "docs", "sjablonen-cache"]
