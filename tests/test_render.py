"""Rendering: golden Markdown and JSON for the fixture project, and escaping."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from generator.build import render_all, write_tree
from generator.check import check_project
from generator.project import Project
from generator.render.data import _json_list, dump_json
from generator.render.environment import plain, yaml_string

GOLDEN = Path(__file__).resolve().parent / "golden" / "mini"
UPDATE = os.environ.get("WIJKKOMPAS_GOLDEN_BIJWERKEN") == "1"


def _render(project: Project) -> dict[PurePosixPath, str]:
    result = check_project(project)
    assert result.ok, [p.format() for p in result.fouten]
    return {path: data.decode("utf-8") if isinstance(data, bytes) else data
            for path, data in render_all(project, result).items() if path.parts[0] != "assets"}


def test_golden_output(mini: Project) -> None:
    """Generated pages and data equal the committed golden files.

    To accept an intended change: WIJKKOMPAS_GOLDEN_BIJWERKEN=1 pytest tests/test_render.py
    """
    files = _render(mini)
    if UPDATE:
        write_tree(GOLDEN, files)
    expected = {PurePosixPath(p.relative_to(GOLDEN).as_posix()) for p in GOLDEN.rglob("*") if p.is_file()}
    assert set(files) == expected
    for path, data in files.items():
        assert data == (GOLDEN / path).read_text(encoding="utf-8"), f"{path} wijkt af"


def test_output_is_deterministic(mini: Project) -> None:
    assert _render(mini) == _render(mini)


@pytest.mark.parametrize("records", [
    [],
    [{"id": "a"}],
    [{"id": "café", "tekst": "wijk… 🏘️ \\ \"quote\"", "lijst": [1, None, True]}, {"b": 2, "a": 1}],
])
def test_a_data_list_made_record_by_record_equals_dumping_the_list(records: list[dict[str, object]]) -> None:
    # The kinds' data files are written this way to save memory; they must not change.
    assert _json_list(iter(records)) == dump_json(records).encode("utf-8")


def test_pages_link_both_ways(mini: Project) -> None:
    files = _render(mini)
    case = files[PurePosixPath("casussen/huiskamer.md")]
    block = files[PurePosixPath("bouwstenen/blok-1.md")]
    step = files[PurePosixPath("stappen/stap-een.md")]
    assert "](../bouwstenen/blok-1.md)" in case and "](../stappen/stap-een.md)" in case
    assert "](../casussen/huiskamer.md) (sterk)" in block
    assert "](../stappen/stap-een.md)" in block
    assert "](../bouwstenen/blok-1.md)" in step and "](../casussen/huiskamer.md)" in step


def test_cases_on_a_bouwsteen_page_are_ordered_by_sterkte(mini: Project) -> None:
    block = _render(mini)[PurePosixPath("bouwstenen/blok-1.md")]
    assert block.index("casussen/huiskamer.md) (sterk)") < block.index("casussen/tuin.md) (deels)")


def test_text_is_escaped_for_html_and_markdown() -> None:
    assert str(plain("a*b_c [x] <s> & #1 |")) == r"a\*b\_c \[x\] &lt;s&gt; &amp; \#1 \|"
    assert str(yaml_string('Zeg "ja" <b>')) == '"Zeg &#34;ja&#34; &lt;b&gt;"'


def test_markup_that_slipped_past_validation_is_still_inert(mini: Project, tmp_path: Path) -> None:
    """Defence in depth: even unvalidated text cannot become HTML in a page."""
    from generator.render.environment import make_environment

    env = make_environment(mini.templates)
    template = env.from_string("{{ tekst }} / {{ tekst|plain }} / {{ tekst|indent_block }}")
    out = template.render(tekst='<script>alert("x")</script>')
    assert "<script" not in out
    assert out.count("&lt;script&gt;") == 3


@pytest.mark.parametrize("path", ["../buiten.md", "/etc/passwd"])
def test_write_tree_refuses_paths_outside_the_target(tmp_path: Path, path: str) -> None:
    from generator.errors import BuildError

    with pytest.raises(BuildError):
        write_tree(tmp_path / "uit", {PurePosixPath(path): b"x"})


def test_write_tree_only_touches_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    target = tmp_path / "uit"
    assert write_tree(target, {PurePosixPath("a.md"): b"1", PurePosixPath("d/b.md"): b"2"}) == 2
    assert write_tree(target, {PurePosixPath("a.md"): b"1", PurePosixPath("d/b.md"): b"2"}) == 0
    assert write_tree(target, {PurePosixPath("a.md"): b"3"}) == 2
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["a.md"]


def test_a_glossary_term_becomes_a_link_with_an_explanation_outside_links_and_headings() -> None:
    import markdown

    from generator.markdown_abbr import MARK

    source = ("## De wijk\n\nZie [de wijk](x.md). Dan de wijk, en weer de wijk.\n\n"
              f"*[wijk]: Een buurt in de stad.{MARK}../begrippen/wijk/\n")
    html = markdown.markdown(source, extensions=["abbr", "generator.markdown_abbr"])
    assert "<abbr" not in html and html.count('class="wk-begrip"') == 1
    assert "<h2>De wijk</h2>" in html and '<a href="x.md">de wijk</a>' in html
    assert ('Dan de <span class="wk-begrip"><a href="../begrippen/wijk/" '
            'aria-describedby="wkb-wijk">wijk</a><span role="tooltip" '
            'id="wkb-wijk">Een buurt in de stad.</span></span>, en weer de wijk.') in html


def test_a_glossary_term_is_explained_once_per_page() -> None:
    import markdown

    source = "De wijk, en nog eens de wijk.\n\n- een *wijk* in een lijst\n\n*[wijk]: Een buurt in de stad.\n"
    html = markdown.markdown(source, extensions=["abbr", "generator.markdown_abbr"])
    assert html.count("<abbr") == 1
    assert html.startswith('<p>De <abbr title="Een buurt in de stad.">wijk</abbr>, en nog eens de wijk.</p>')
    assert "<em>wijk</em>" in html
