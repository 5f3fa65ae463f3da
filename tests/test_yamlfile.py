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
        (b"a:\n- x\n- *\n", 3, "ankers"),  # an alias without a name (found by the property test)
        (b"a: & x\n", 1, "ankers"),
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


@pytest.mark.parametrize("raw", [b"tekst: !!binary PHNjcmlwdD4=\n", b"tekst: !!set {a, b}\n", b"tekst: !!str gewoon\n",
                                 b"tekst: !onbekend x\n", b"tekst: ! x\n", b"tekst:\n  - !!int 3\n",
                                 b"tekst: !<tag:yaml.org,2002:str> x\n", b"? !!str tekst\n: x\n"])
def test_every_explicit_tag_is_refused(raw: bytes) -> None:
    with pytest.raises(YamlProblem) as info:
        parse_yaml(raw)
    assert "YAML-tag" in info.value.melding and "technisch" not in info.value.melding
    assert info.value.regel == raw[: raw.index(b"!")].count(b"\n") + 1


def test_an_exclamation_mark_in_text_is_no_tag() -> None:
    assert parse_yaml(b"tekst: Let op! Zo [!] gaat het.\nb: '!!binary'\n").data == {
        "tekst": "Let op! Zo [!] gaat het.", "b": "!!binary"}


def test_scalars_are_read_the_yaml_1_2_way_and_stay_text() -> None:
    raw = (b"a: 12:30\nb: 0777\nc: 0xFF\nd: .nan\ne: yes\nf: off\ng: 1_000\nh: 1.50\ni: +5\nj: 2018-01-01\n"
           b"k: 1e3\nl: ~\nm: true\nn: 2018\no: -3\np: 99999999999999999999999\nq: '12'\nr: 0\n")
    assert parse_yaml(raw).data == {
        "a": "12:30", "b": "0777", "c": "0xFF", "d": ".nan", "e": "yes", "f": "off", "g": "1_000", "h": "1.50",
        "i": "+5", "j": "2018-01-01", "k": "1e3", "l": None, "m": True, "n": 2018, "o": -3,
        "p": "99999999999999999999999", "q": "12", "r": 0}


@pytest.mark.parametrize(("text", "line", "column", "fragment"), [
    ("naam: x\nwijk: Oo\x7fst\n", 2, 9, "stuurteken (U+007F)"),
    ("naam: De Proef\u202e\n", 1, 15, "leesrichting"),
    ("naam: x\n\nwijk: a\u2066b\n", 3, 8, "leesrichting"),
    ("naam: a\u200fb\n", 1, 8, "leesrichting"),
    ("naam: a\u061cb\n", 1, 8, "leesrichting"),
    ("naam: x\nwijk: Oo\x9bst\n", 2, 9, "stuurteken (U+009B)"),
    ("naam: x\u2028y\n", 1, 8, "regeleinde (U+2028)"),
    ("naam: x\u2029y\n", 1, 8, "regeleinde (U+2029)"),
    ("naam: x\nwijk: a\x01b\n", 2, 8, "stuurteken (U+0001)"),
    ('naam: x\nwijk: "a\\u202eb"\n', 2, 7, "geschreven als code"),
    ('naam: x\nwijk: "a\\x85b"\n', 2, 7, "stuurteken (U+0085)"),
    ('"a\\u202eb": x\n', 1, 1, "leesrichting"),
])
def test_hidden_characters_are_refused_where_they_stand(text: str, line: int, column: int, fragment: str) -> None:
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text.encode("utf-8"))
    assert (info.value.regel, info.value.kolom) == (line, column)
    assert fragment in info.value.melding and "verwijder het teken" in info.value.oplossing


def test_a_number_of_5000_digits_is_text_not_an_error() -> None:
    assert parse_yaml(b"a: x\njaar: " + b"9" * 5000 + b"\n").data["jaar"] == "9" * 5000


def test_an_unclosed_quote_is_named_at_its_own_line() -> None:
    # Without the closing quote the text runs on to the next quote (line 5), and
    # PyYAML stumbles only after it; the editor must fix line 2.
    raw = b'naam: X\nsamenvatting: "Een tekst zonder eind\nstad: Lelystad\nwijk: a\nperiode: "2010"\nplek: b\n'
    with pytest.raises(YamlProblem) as info:
        parse_yaml(raw)
    assert (info.value.regel, info.value.melding) == (2, "een aanhalingsteken wordt op deze regel niet gesloten")
    assert "regel 5" in info.value.oplossing
