"""Property-based tests (hypothesis): the loader, the generator and the advice engine never crash.

* Random *valid* cases and tips for the fixture project (referring only to ids
  that exist there) pass ``check_project`` and generate Markdown and data.
* Random *invalid* values (any Unicode text, any YAML-able value) in their
  fields only ever produce ``Problem``s, never an exception.
* Mutations of the *real* content files (a key deleted, a value of another type, an
  id written as a number, hidden characters, YAML 1.1 spellings, tags, truncated
  text...), put into the fixture project: ``check`` never raises, and whatever it
  accepts the generator renders. ``make fuzz`` runs many more of these
  (``WIJKKOMPAS_FUZZ=<aantal>``).
* Random answer sets give advice or an ``AdviceError``; the advice is
  deterministic, does not depend on the order of the answers, and adding an
  answer never lowers the score of an item the answer names directly.

Examples are kept few (the whole file runs in seconds); run with
``--hypothesis-seed`` to replay one.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
from pathlib import Path, PurePosixPath
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, note, settings
from hypothesis import strategies as st

import generator.build
from generator.build import render_all, write_tree
from generator.check import check_project
from generator.errors import Problem
from generator.models.common import find_text_problem, iter_markdown_links
from generator.project import Project
from generator.questionnaire.advice import AdviceError, advise
from generator.models import KINDS
from generator.references import iter_references
from generator.yamlfile import parse_yaml
from generator.render.data import questionnaire_data
from generator.render.environment import make_environment

from conftest import FIXTURES, REPO, _link_tooling

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ENGINE_SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What exists in tests/fixtures/mini.
CASUSSEN = ["huiskamer", "tuin"]
BOUWSTENEN = ["blok-1", "blok-2"]
STAPPEN = ["stap-een"]
TIPS = ["begin-klein", "pas-op"]
THEMAS = ["groen", "zorg"]
PARTIJTYPES = ["bewoners", "overheid", "markt", "maatschappelijke organisatie", "kennisinstelling"]
DOELGROEPEN = ["bewoners", "gemeente", "professionals", "corporaties", "ondernemers", "kennisinstellingen", "iedereen"]
INTERNE_LINKS = ["../casussen/huiskamer.md", "../bouwstenen/blok-1.md", "../stappen/stap-een.md",
                 "../tips/begin-klein.md", "../kaders/model.md", "../themas/groen.md",
                 "../begrippen/samenredzaamheid.md", "../bronnen/testbron.md"]
GENERATED = ("cases/gen-*.yml", "content/tips/gen-*.yml")


# ------------------------------------------------------------------ a project to write into

@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """A copy of the fixture project; each example writes its own ``gen-*`` files into it.

    The jinja environment is made once: compiling the templates anew for every
    example would take most of the time, and a compiled template renders the same.
    """
    root = tmp_path_factory.mktemp("eigenschappen") / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    yield from _with_compiled_templates(root)


def _with_compiled_templates(root: Path) -> Iterator[Project]:
    """The project at ``root`` (tooling linked) with its templates compiled once for every build."""
    _link_tooling(root)
    project = Project.at(root)
    env = make_environment(project.templates)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(generator.build, "make_environment", lambda templates, cache=None: env)
        yield project


def _write(project: Project, files: dict[str, Any]) -> None:
    for pattern in GENERATED:
        for old in project.root.glob(pattern):
            old.unlink()
    for relative, data in files.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (project.root / relative).write_text(text, encoding="utf-8")


# ------------------------------------------------------------------ strategies for valid content

WORDS = ["wijk", "buurt", "Café", "één", "zorg", "bewoners", "5 < 6", "&", "50%", "€ 10", "2018–2020",
         "‘aanhalingstekens’", '"citaat"', "o'tje", "#1", "a_b", "a*b", "x|y", "{haakjes}", "[blok]",
         "(rond)", "🌱", "Ærø", "İstanbul", "straße", "中文", "עברית", "العربية", "---", "- a", "> b", "1.", "`x`",
         "\\", "%", "!!!", ":", "::", "*[x]", "{{ x }}", "{: .klasse }"]
# Any character a YAML file can hold as text, except the ones the one-line fields refuse
# ("<" is allowed, but "<b" is HTML; hypothesis' text is filtered below).
SAFE_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))


def _plain(value: str) -> bool:
    return bool(value.strip()) and find_text_problem(value, markdown=False) is None


def plain(max_size: int = 40) -> st.SearchStrategy[str]:
    """A valid one-line text (``KorteTekst``/``Tekst``)."""
    return st.one_of(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join),
        st.text(SAFE_CHARS, min_size=1, max_size=max_size),
    ).filter(_plain)


LINK_WORDS = st.sampled_from(["de site", "Café", "hier", "één link", "2018"])
INLINE = st.one_of(
    st.sampled_from(WORDS),
    st.just("*nadruk*"), st.just("**vet**"), st.just("_schuin_"),
    st.builds(lambda text, path: f"[{text}](https://example.org/{path})", LINK_WORDS,
              st.sampled_from(["", "pad", "a_(b)", "?q=1&r=2", "#anker", "%20"])),
    st.builds(lambda text: f"[{text}](mailto:info@example.org)", LINK_WORDS),
    st.builds(lambda text, target: f"[{text}]({target})", LINK_WORDS, st.sampled_from(INTERNE_LINKS)),
    st.text(SAFE_CHARS, min_size=1, max_size=20).filter(
        lambda s: find_text_problem(s, markdown=True) is None and not iter_markdown_links(s)),
)
PARAGRAPH = st.lists(INLINE, min_size=1, max_size=8).map(" ".join)
BLOCK = st.one_of(
    PARAGRAPH,
    st.lists(PARAGRAPH, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(PARAGRAPH, min_size=1, max_size=4).map(lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))),
    PARAGRAPH.map(lambda p: f"## {p}"),
)


def _markdown(value: str) -> bool:
    return bool(value.strip()) and find_text_problem(value, markdown=True) is None


MARKDOWN = st.lists(BLOCK, min_size=1, max_size=4).map("\n\n".join).filter(_markdown)


def unique(values: list[str], **kwargs: Any) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), unique=True, **kwargs)


REGELS = st.one_of(
    st.integers(1, 100),
    st.tuples(st.integers(1, 100), st.integers(0, 99)).map(lambda t: f"{t[0]}-{min(100, t[0] + t[1])}"),
    st.tuples(st.integers(1, 100), st.integers(0, 99)).map(lambda t: f"{t[0]}–{min(100, t[0] + t[1])}"),
)
BRONNEN = st.lists(st.fixed_dictionaries({"bron": st.just("testbron"), "hoofdstuk": plain(), "regels": REGELS}),
                   min_size=1, max_size=3)


@st.composite
def gebeurtenis(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {"gebeurtenis": draw(plain(80))}
    moment = draw(st.sampled_from(["jaar", "wanneer", "beide"]))
    if moment in ("jaar", "beide"):
        item["jaar"] = draw(st.integers(1800, 2100))
    if moment in ("wanneer", "beide"):
        item["wanneer"] = draw(plain())
    return item


@st.composite
def casus(draw: st.DrawFn, number: int, tips: list[str]) -> dict[str, Any]:
    uitgebreid = draw(st.booleans())
    data: dict[str, Any] = {
        "naam": f"Gen casus {number} {draw(plain())}",
        "stad": draw(plain()), "wijk": draw(plain()), "periode": draw(plain()),
        "samenvatting": draw(plain(200)),
        "themas": draw(unique(THEMAS, min_size=1)),
        "initiatiefnemers": draw(unique(PARTIJTYPES, min_size=1)),
        "organisatievorm": draw(plain()), "financiering": draw(plain()), "plek": draw(plain()),
        "bronnen": draw(BRONNEN),
        "diepgang": "uitgebreid" if uitgebreid else "kort",
    }
    needed = 1 if uitgebreid else 0

    def maybe(name: str, strategy: st.SearchStrategy[Any], required: bool = False) -> None:
        if (required and uitgebreid) or draw(st.booleans()):
            data[name] = draw(strategy)

    maybe("ondertitel", plain())
    maybe("provincie", plain())
    maybe("verhaal", MARKDOWN, required=True)
    maybe("tijdlijn", st.lists(gebeurtenis(), min_size=needed, max_size=3), required=True)
    maybe("partijen", st.lists(st.fixed_dictionaries({
        "naam": plain(), "type": st.sampled_from(PARTIJTYPES), "rol": plain(80)}), min_size=needed, max_size=3),
        required=True)
    maybe("aanpak", MARKDOWN, required=True)
    maybe("resultaten", st.lists(plain(80), min_size=needed, max_size=3), required=True)
    maybe("knelpunten", st.lists(plain(80), min_size=needed, max_size=3), required=True)
    maybe("lessen", unique(TIPS + tips, min_size=needed), required=True)
    maybe("rollen", st.fixed_dictionaries(
        {"bewoners": MARKDOWN, "professionals": MARKDOWN},
        optional={"overheid": MARKDOWN, "kennisinstelling": MARKDOWN}), required=True)
    maybe("bouwstenen", st.lists(st.fixed_dictionaries({
        "id": st.sampled_from(BOUWSTENEN), "sterkte": st.sampled_from(["sterk", "deels", "tegenvoorbeeld"]),
        "toelichting": plain(80)}), min_size=max(needed, 1), max_size=2, unique_by=lambda b: b["id"]), required=True)
    maybe("stappen", st.lists(st.fixed_dictionaries({"id": st.sampled_from(STAPPEN)}, optional={"toelichting": plain()}),
                              min_size=1, max_size=1), required=True)
    maybe("begrippen", st.just(["samenredzaamheid"]))
    maybe("kaders", st.just(["model"]))
    maybe("auteurs", st.lists(plain(), max_size=2))
    maybe("links", st.lists(st.fixed_dictionaries({
        "titel": plain(), "url": st.sampled_from(["https://example.org/", "http://example.org/a?b=1&c=2",
                                                  "mailto:info@example.org", "https://example.org/a_(b)"])}),
        max_size=2))
    return data


@st.composite
def tip(draw: st.DrawFn, number: int, casussen: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "titel": f"Gen tip {number} {draw(plain())}",
        "tekst": draw(MARKDOWN),
        "doelgroepen": draw(unique(DOELGROEPEN, min_size=1)),
        "bronnen": draw(BRONNEN),
    }
    if draw(st.booleans()):
        data["soort"] = draw(st.sampled_from(["tip", "valkuil"]))
    for name, ids in (("bouwstenen", BOUWSTENEN), ("stappen", STAPPEN), ("themas", THEMAS),
                      ("casussen", CASUSSEN + casussen)):
        if draw(st.booleans()):
            data[name] = draw(unique(ids))
    return data


@st.composite
def content(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """New cases and tips (relative path -> data) that refer to each other and to the fixture."""
    n_cases, n_tips = draw(st.integers(0, 2)), draw(st.integers(0, 2))
    assume(n_cases + n_tips)
    case_ids = [f"gen-casus-{n}" for n in range(n_cases)]
    tip_ids = [f"gen-tip-{n}" for n in range(n_tips)]
    files = {f"cases/{id_}.yml": draw(casus(n, tip_ids)) for n, id_ in enumerate(case_ids)}
    files.update({f"content/tips/{id_}.yml": draw(tip(n, case_ids)) for n, id_ in enumerate(tip_ids)})
    return files


# ------------------------------------------------------------------ content properties

def _generate(project: Project) -> dict[PurePosixPath, str | bytes]:
    """What ``generate`` does, keeping the result: check, render, write the docs folder."""
    result = check_project(project)
    assert result.ok, "\n".join(p.format() for p in result.fouten)
    files = render_all(project, result)
    write_tree(project.docs_dir, files)
    return files


@SETTINGS
@given(files=content())
def test_random_valid_content_is_accepted_and_generated(sandbox: Project, files: dict[str, Any]) -> None:
    _write(sandbox, files)
    generated = _generate(sandbox)
    for relative in files:
        folder = "casussen" if relative.startswith("cases/") else "tips"
        page = PurePosixPath(folder, Path(relative).stem + ".md")
        assert page in generated, page
        text = generated[page]
        assert (text.decode("utf-8") if isinstance(text, bytes) else text).count("\n---\n") >= 1
    for path, data in generated.items():
        if path.suffix == ".json":
            json.loads(data)
    records = json.loads(generated[PurePosixPath("data", "casussen.json")])
    assert {r["id"] for r in records} == set(CASUSSEN) | {Path(r).stem for r in files if r.startswith("cases/")}


def _base_casus() -> dict[str, Any]:
    # The fixture's 'uitgebreid' case under a new id, so every field is there to spoil.
    data = yaml.safe_load((FIXTURES / "mini" / "cases" / "huiskamer.yml").read_text(encoding="utf-8"))
    return {**data, "naam": "Gen casus"}


def _base_tip() -> dict[str, Any]:
    data = yaml.safe_load((FIXTURES / "mini" / "content" / "tips" / "begin-klein.yml").read_text(encoding="utf-8"))
    return {**data, "titel": "Gen tip"}


CASUS_TEXT_FIELDS = [("naam",), ("ondertitel",), ("stad",), ("wijk",), ("periode",), ("samenvatting",),
                     ("verhaal",), ("aanpak",), ("organisatievorm",), ("financiering",), ("plek",),
                     ("resultaten", 0), ("knelpunten", 0), ("tijdlijn", 0, "gebeurtenis"), ("tijdlijn", 1, "wanneer"),
                     ("partijen", 0, "naam"), ("partijen", 1, "rol"), ("rollen", "bewoners"),
                     ("bouwstenen", 0, "toelichting"), ("stappen", 0, "toelichting"), ("auteurs", 0),
                     ("bronnen", 0, "hoofdstuk"), ("bronnen", 0, "regels"), ("links", 0, "titel"), ("links", 0, "url"),
                     ("themas", 0), ("lessen", 0), ("bouwstenen", 0, "id"), ("diepgang",)]
TIP_TEXT_FIELDS = [("titel",), ("tekst",), ("soort",), ("doelgroepen", 0), ("bouwstenen", 0), ("casussen", 0),
                   ("bronnen", 0, "bron"), ("bronnen", 0, "hoofdstuk")]
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(ANY_TEXT, children, max_size=4),
    max_leaves=12,
)


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _spoilt(kind: str, path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    if kind == "casus":
        return {"cases/gen-casus-0.yml": _spoil(_base_casus(), path, value)}
    return {"content/tips/gen-tip-0.yml": _spoil(_base_tip(), path, value)}


def _spoil(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    _set(data, path, value)
    return data


def _check_only_problems(project: Project) -> None:
    """``check_project`` returns Problems (never raises); when it finds none, generation works too."""
    result = check_project(project)
    for problem in result.fouten + result.waarschuwingen:
        assert isinstance(problem, Problem)
        assert problem.bestand, problem
        assert problem.melding.strip(), problem
    event("geweigerd" if result.fouten else "geaccepteerd")
    if result.ok:
        write_tree(project.docs_dir, render_all(project, result))


FIELDS = st.one_of(st.tuples(st.just("casus"), st.sampled_from(CASUS_TEXT_FIELDS)),
                   st.tuples(st.just("tip"), st.sampled_from(TIP_TEXT_FIELDS)))


@SETTINGS
@given(field=FIELDS, value=ANY_TEXT)
def test_any_text_in_a_field_gives_problems_not_exceptions(sandbox: Project, field: tuple[str, tuple], value: str) -> None:
    _write(sandbox, _spoilt(*field, value))
    _check_only_problems(sandbox)


@SETTINGS
@given(field=FIELDS, value=ANY_VALUE, extra=st.dictionaries(ANY_TEXT, ANY_VALUE, max_size=2))
def test_any_value_in_a_field_gives_problems_not_exceptions(sandbox: Project, field: tuple[str, tuple], value: Any,
                                                            extra: dict[str, Any]) -> None:
    files = _spoilt(*field, value)
    for data in files.values():
        data.update(extra)  # and perhaps unknown fields
    _write(sandbox, files)
    _check_only_problems(sandbox)


# ------------------------------------------------------------------ mutations of the real content

# What exists in tests/fixtures/mini, by kind; a real file's references are pointed
# at these. The real sources are copied in, so references to them stay as they are.
MINI_IDS = {"casus": CASUSSEN, "bouwsteen": BOUWSTENEN, "stap": STAPPEN, "tip": TIPS, "kader": ["model"],
            "thema": THEMAS, "begrip": ["samenredzaamheid"]}
KIND_OF_FOLDER = {kind.folder: kind for kind in KINDS}
PLURAL_TO_KIND = {kind.plural: kind.name for kind in KINDS}
# At least 1,000 mutations in `make test`; `make fuzz` sets WIJKKOMPAS_FUZZ to many more.
MUTATION_SETTINGS = settings(max_examples=int(os.environ.get("WIJKKOMPAS_FUZZ") or 1_000), deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def echt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """The fixture project plus the real sources: a real file, its references pointed at mini, checks clean."""
    root = tmp_path_factory.mktemp("mutaties") / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    for bron in (REPO / "content" / "bronnen").glob("*.yml"):
        shutil.copyfile(bron, root / "content" / "bronnen" / bron.name)
    yield from _with_compiled_templates(root)


def _rewired(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """A real item's data with every reference to a case, tip... pointing at a fixture item instead.

    The n-th id of a list gets the n-th fixture id of its kind (so no list names one
    twice); list items beyond those are dropped. Sources keep their real ids.
    """
    data = copy.deepcopy(data)
    surplus: list[tuple[str | int, ...]] = []
    for ref in iter_references(kind, data):
        if ref.target == "bron":
            continue
        ids = MINI_IDS[ref.target]
        last = max(n for n, part in enumerate(ref.path) if isinstance(part, int))
        if ref.path[last] < len(ids):
            _set(data, ref.path, ids[ref.path[last]])
        else:
            surplus.append(ref.path[:last + 1])
    for path in sorted(surplus, reverse=True):
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        del parent[path[-1]]

    def links(text: str) -> str:
        return re.sub(r"\.\./([a-z]+)/[a-z0-9-]+\.md",
                      lambda m: f"../{m[1]}/{MINI_IDS.get(PLURAL_TO_KIND.get(m[1], ''), ['x'])[0]}.md"
                      if PLURAL_TO_KIND.get(m[1]) in MINI_IDS else m[0], text)

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return links(value)
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        return value

    return walk(data)


def _real_files() -> list[tuple[str, dict[str, Any]]]:
    """(where it goes in the fixture project, its rewired data) for every real content file."""
    files = []
    for path in sorted([*(REPO / "cases").glob("*.yml"), *(REPO / "content").glob("*/*.yml")]):
        kind = KIND_OF_FOLDER.get(path.parent.relative_to(REPO).as_posix())
        if kind is None or kind.name == "bron":
            continue
        data = _rewired(kind.name, parse_yaml(path.read_bytes()).data)
        data[kind.title_field] = f"{data[kind.title_field]} (echt)"[:120]  # never the title of a fixture item
        files.append((f"{kind.folder}/echt-{path.stem}.yml", data))
    return files


def _dump(data: Any, allow_unicode: bool = True) -> str:
    # libyaml's emitter: the pure-Python one was most of the time per example.
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=allow_unicode,
                     sort_keys=False)


REAL_FILES = _real_files()

SPECIALS = ["\u202e", "\u2066", "\u200f", "\x85", "\x9b", "\u2028", "\x7f", "\x01", "\x00", "\ufeff", "\u200b",
            "\ud7ff", "🌱", "e\u0301", "{: .x }", "<b>", "](javascript:x)", "![a](b)", "\n", "\t", ":", "#", "'"]
RAW_TOKENS = ["12:30", "0777", "0xFF", "0o17", ".nan", ".inf", "-.inf", "1e3", "1_000", "+5", "-0", "yes", "no", "on",
              "off", "~", "null", "true", "False", "2018", "-1", "0", "99999999999999999999999", "9" * 5000,
              "2018-01-01", "!!binary aGk=", "!!set {a}", "!!str x", "!!int 3", "!foo x", "! x", "[2018]", "{a: 1}",
              "[]", "{}", "&a x", "*a", "'", '"', "[", "|", ">-", "<<: {a: 1}", "- x", "?", "%YAML 1.1", "---", "..."]
SCALARS = st.one_of(
    st.integers(), st.integers(10**18, 10**30), st.floats(), st.booleans(), st.none(),
    st.sampled_from(["", " ", "x" * 25_000, "2018", "0777", "12:30", "nee"]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
)


def _paths(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, path + (key,))
    elif isinstance(data, list):
        for number, value in enumerate(data):
            found += _paths(value, path + (number,))
    return found


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def mutated_real_file(draw: st.DrawFn) -> tuple[str, str]:
    """One real content file (rewired to the fixture) with one to three mutations."""
    relative, base = draw(st.sampled_from(REAL_FILES), label="bestand")
    kind = KIND_OF_FOLDER[relative.rsplit("/", 1)[0]].name
    data = copy.deepcopy(base)
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]), label="aantal")):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths), label="pad")
        # Gentle changes often (what check accepts must then render), rough ones too.
        change = draw(st.sampled_from(["weg", "weg", "waarde", "verwijzing-als-getal", "verwijzing-als-getal",
                                       "lijst-dubbel", "teken", "teken", "afkappen", "afkappen", "wissel",
                                       "tekst"]), label="mutatie")
        value = _get(data, path)
        if change == "weg":
            del _get(data, path[:-1])[path[-1]]
        elif change == "waarde":
            _set(data, path, draw(st.one_of(SCALARS, st.lists(SCALARS, max_size=3),
                                            st.dictionaries(st.text(max_size=5), SCALARS, max_size=2))))
        elif change == "verwijzing-als-getal":
            refs = [ref.path for ref in iter_references(kind, data)]
            if refs:
                _set(data, draw(st.sampled_from(refs)), draw(st.sampled_from([2018, 4242, 0, -1, 10**20])))
        elif change == "lijst-dubbel":
            lists = [p for p in paths if isinstance(_get(data, p), list)]
            if lists:
                chosen = draw(st.sampled_from(lists))
                _set(data, chosen, _get(data, chosen) * draw(st.sampled_from([2, 3, 60])))
        elif change == "teken" and isinstance(value, str):
            at = draw(st.integers(0, len(value)))
            _set(data, path, value[:at] + draw(st.sampled_from(SPECIALS)) + value[at:])
        elif change == "afkappen" and isinstance(value, str):
            _set(data, path, value[:draw(st.integers(0, len(value)))])
        elif change == "wissel":
            other = draw(st.sampled_from(paths))
            if not (other[:len(path)] == path or path[:len(other)] == other):
                first, second = copy.deepcopy(value), copy.deepcopy(_get(data, other))
                _set(data, path, second)
                _set(data, other, first)
        elif change == "tekst":
            _set(data, path, draw(ANY_TEXT))
    text = _dump(data, allow_unicode=draw(st.booleans()))
    # Some changes only exist as YAML text: a token the editor types unquoted, a cut-off file.
    als_tekst = draw(st.sampled_from(["nee"] * 5 + ["token", "token", "afkappen"]), label="als tekst")
    if als_tekst != "nee":
        lines = text.split("\n")
        fields = [n for n, line in enumerate(lines) if re.match(r"^\s*(?:- )?[\w-]+: ", line)]
        if fields and als_tekst == "token":
            number = draw(st.sampled_from(fields))
            key = lines[number].split(": ", 1)[0]
            lines[number] = f"{key}: {draw(st.sampled_from(RAW_TOKENS), label='token')}"
            text = "\n".join(lines)
        else:
            text = text[:draw(st.integers(0, len(text)))]
    return relative, text


def test_the_real_files_pass_check_once_pointed_at_the_fixture(echt: Project) -> None:
    # Otherwise the mutations below would never reach the generator.
    for relative, data in REAL_FILES[::25]:
        (echt.root / relative).write_text(_dump(data), encoding="utf-8")
        try:
            result = check_project(echt)
            assert result.ok, [p.format() for p in result.fouten]
        finally:
            (echt.root / relative).unlink()


@MUTATION_SETTINGS
@given(mutation=mutated_real_file())
def test_whatever_check_accepts_the_generator_renders(echt: Project, mutation: tuple[str, str]) -> None:
    relative, text = mutation
    target = echt.root / relative
    target.write_text(text, encoding="utf-8")
    try:
        result = check_project(echt)  # never raises
        for problem in result.fouten:
            assert isinstance(problem, Problem) and problem.melding.strip(), problem
            # Words of an internal error, unless the message only quotes the editor's own text.
            for word in ("Traceback", "technisch"):
                assert word not in problem.melding or word in text, problem
        event("geweigerd" if result.fouten else "geaccepteerd")
        if result.ok:
            render_all(echt, result)  # no exception: a traceback here is what an editor would see
    finally:
        target.unlink()


# ------------------------------------------------------------------ the advice engine

@pytest.fixture(scope="module", params=["mini", "echt"])
def engine(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The questionnaire's engine data: of the fixture project, and of the real content (more routes)."""
    root = FIXTURES / "mini" if request.param == "mini" else REPO
    result = check_project(Project.at(root))
    assert result.ok and result.vragenlijst is not None, [p.format() for p in result.fouten]
    return questionnaire_data(result.content, result.graph, result.vragenlijst)


def route_answers(engine: dict[str, Any]) -> st.SearchStrategy[dict[str, list[str]]]:
    """Answer sets the engine must accept: a walk along the route, answering some questions."""
    questions = {vraag["id"]: vraag for vraag in engine["vragen"]}

    @st.composite
    def walk(draw: st.DrawFn) -> dict[str, list[str]]:
        answers: dict[str, list[str]] = {}
        current, seen = engine["start"], set()
        while current != "resultaat" and current not in seen:
            seen.add(current)
            vraag = questions[current]
            ids = [optie["id"] for optie in vraag["opties"]]
            following = vraag["volgende"]
            if draw(st.booleans()):
                if vraag["type"] == "een":
                    chosen = draw(st.sampled_from(ids))
                    answers[current] = [chosen]
                    following = next(o for o in vraag["opties"] if o["id"] == chosen)["volgende"] or following
                else:
                    # A valid answer keeps the question's limit (max_keuzes); more is refused.
                    answers[current] = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True,
                                                     max_size=vraag.get("max_keuzes")))
            current = following
        return answers

    return walk()


def any_answers(engine: dict[str, Any]) -> st.SearchStrategy[dict[str, list[str]]]:
    """Any answer set: known and unknown questions and options, duplicates, too many, empty lists."""
    options = {vraag["id"]: [optie["id"] for optie in vraag["opties"]] for vraag in engine["vragen"]}
    junk = st.text(max_size=12)

    @st.composite
    def anything(draw: st.DrawFn) -> dict[str, list[str]]:
        keys = draw(st.lists(st.one_of(st.sampled_from(sorted(options)), junk), max_size=len(options) + 2, unique=True))
        return {key: draw(st.lists(st.one_of(st.sampled_from(options[key]), junk) if key in options else junk,
                                   max_size=4)) for key in keys}

    return st.one_of(anything(), route_answers(engine))


RESULT_KEYS = {"stap", "volgende_stap", "bouwstenen", "tips", "casussen", "kaders", "waarschuwingen",
               "antwoorden", "genegeerd", "samenvatting", "uitleg"}


def _json(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False)


@ENGINE_SETTINGS
@given(data=st.data())
def test_any_answers_give_advice_or_an_advice_error(engine: dict[str, Any], data: st.DataObject) -> None:
    answers = data.draw(any_answers(engine), label="antwoorden")
    try:
        strict = advise(engine, answers)
    except AdviceError as exc:
        assert str(exc).strip()
        event("AdviceError")
    else:
        assert set(strict) == RESULT_KEYS and strict["genegeerd"] == []
        _json(strict)
    # The site's mode (answers from a URL someone may have edited): never raises.
    lenient = advise(engine, answers, strict=False)
    assert set(lenient) == RESULT_KEYS
    assert all(isinstance(note_, str) and note_ for note_ in lenient["genegeerd"])
    _json(lenient)


@ENGINE_SETTINGS
@given(data=st.data())
def test_advice_is_deterministic(engine: dict[str, Any], data: st.DataObject) -> None:
    answers = data.draw(any_answers(engine), label="antwoorden")
    first = _json(advise(engine, answers, strict=False))
    assert _json(advise(engine, copy.deepcopy(answers), strict=False)) == first
    assert _json(advise(copy.deepcopy(engine), answers, strict=False)) == first


@ENGINE_SETTINGS
@given(data=st.data())
def test_the_order_of_valid_answers_does_not_matter(engine: dict[str, Any], data: st.DataObject) -> None:
    answers = data.draw(route_answers(engine), label="antwoorden")
    keys = data.draw(st.permutations(list(answers)), label="vraagvolgorde")
    shuffled = {key: data.draw(st.permutations(answers[key]), label=f"volgorde {key}") for key in keys}
    assert _json(advise(engine, shuffled)) == _json(advise(engine, answers))


@ENGINE_SETTINGS
@given(data=st.data())
def test_the_order_of_questions_does_not_matter_even_for_invalid_answers(engine: dict[str, Any],
                                                                        data: st.DataObject) -> None:
    # Within one single-choice question the first of several answers is kept, so
    # only the order of the questions is free here.
    answers = data.draw(any_answers(engine), label="antwoorden")
    keys = data.draw(st.permutations(list(answers)), label="vraagvolgorde")
    before = advise(engine, answers, strict=False)
    after = advise(engine, {key: answers[key] for key in keys}, strict=False)
    assert sorted(after.pop("genegeerd")) == sorted(before.pop("genegeerd"))
    assert _json(after) == _json(before)


_LISTS = {"bouwstenen": "bouwsteen", "tips": "tip", "casussen": "casus", "kaders": "kader", "waarschuwingen": "tip"}


def scores(result: dict[str, Any]) -> dict[str, int]:
    """Node -> score of every item the advice shows."""
    found = {}
    for key, kind in _LISTS.items():
        for item in result[key]:
            found[f"{kind}:{item['id']}"] = item["score"]
    for key in ("stap", "volgende_stap"):
        if result[key]:
            found[f"stap:{result[key]['id']}"] = result[key]["score"]
    return found


@ENGINE_SETTINGS
@given(data=st.data())
def test_adding_an_answer_never_lowers_what_it_names(engine: dict[str, Any], data: st.DataObject) -> None:
    with_it = data.draw(route_answers(engine).filter(bool), label="met het antwoord")
    pairs = [(vraag, optie) for vraag, chosen in with_it.items() for optie in chosen]
    vraag_id, optie_id = data.draw(st.sampled_from(pairs), label="het extra antwoord")
    without = {k: [o for o in v if not (k == vraag_id and o == optie_id)] for k, v in with_it.items()}
    without = {k: v for k, v in without.items() if v}
    try:
        before = scores(advise(engine, without))
    except AdviceError:
        assume(False)  # without it, a later answer is off the route: adding it is not "only adding"
    after = scores(advise(engine, with_it))
    vraag = next(v for v in engine["vragen"] if v["id"] == vraag_id)
    optie = next(o for o in vraag["opties"] if o["id"] == optie_id)
    targets = [node for node, _weight in optie["effecten"]]
    compared = [node for node in targets if node in before and node in after]
    event(f"{len(compared)} doel(en) in beide adviezen")
    note(f"doelen {targets}; voor {before}; na {after}")
    for node in compared:
        assert after[node] >= before[node], f"{node}: {before[node]} -> {after[node]} na {vraag_id}={optie_id}"

