"""The safe YAML reader: positions, and refusal of what content never needs."""

from __future__ import annotations

import pytest

from generator.yamlfile import YamlProblem, parse_yaml


def test_positions_point_at_keys_and_list_items() -> None:
    parsed = parse_yaml(b"naam: X\nthemas:\n  - zorg\n  - armoede\nbronnen:\n  - bron: a\n    regels: 1-2\n")
    assert parsed.data["themas"] == ["zorg", "armoede"]
    assert parsed.locate(("naam",)) == (1, 1)
    assert parsed.locate(("themas", 1)) == (4, 5)
    assert parsed.locate(("bronnen", 0, "regels")) == (7, 5)
    # An unknown path falls back to its nearest known parent.
    assert parsed.locate(("bronnen", 0, "hoofdstuk")) == (6, 5)


def test_byte_order_mark_is_accepted() -> None:
    assert parse_yaml("\ufeffnaam: Één\n".encode("utf-8")).data == {"naam": "Één"}


@pytest.mark.parametrize(
    ("raw", "line", "fragment"),
    [
        (b"naam: a\n\tstad: b\n", 2, "tab"),
        (b"naam: a\nnaam: b\n", 2, "twee keer"),
        (b"a: &x [1]\nb: *x\n", 2, "ankers"),
        (b"naam: [a\n", 1, "niet goed afgesloten"),
        (b"naam: a: b\n", 1, "dubbele punt"),
        (b"naam: \"a\nstad: b\n", 1, "aanhalingsteken"),
        (b"naam: \xff\xfe\n", 1, "UTF-8"),
        (b"naam: a\x00b\n", 1, "NUL"),
        (b"", 1, "leeg"),
        (b"# alleen commentaar\n", 1, "leeg"),
        (b"a: " + b"[" * 500 + b"]" * 500 + b"\n", 1, "diep"),
        (b"<<: {a: 1}\n", 1, "samenvoegen"),
    ],
)
def test_unsafe_or_broken_yaml_is_refused(raw: bytes, line: int, fragment: str) -> None:
    with pytest.raises(YamlProblem) as info:
        parse_yaml(raw)
    assert info.value.regel == line
    assert fragment in info.value.melding


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = b'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for n in range(ord("b"), ord("j")):
        prev = chr(n - 1)
        bomb += f"{chr(n)}: &{chr(n)} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n".encode()
    with pytest.raises(YamlProblem, match="ankers"):
        parse_yaml(bomb)


def test_huge_file_is_refused() -> None:
    with pytest.raises(YamlProblem, match="te groot"):
        parse_yaml(b"tekst: " + b"a" * 1_100_000)
