"""Read one YAML file safely, keeping the line and column of every value.

This is the only place that parses YAML. It refuses what a content file never
needs and an attacker might use: anchors and aliases (alias bombs), duplicate
keys (silently dropped data), huge files, non-UTF-8 bytes and absurd nesting.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["ParsedFile", "YamlProblem", "parse_yaml", "MAX_FILE_BYTES", "MAX_DEPTH"]

# libyaml's parser when PyYAML has it (about ten times faster), else pure Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader with tag resolution done in fewer steps.

    The parser asks for every node's tag; PyYAML's generic resolver (built for
    path resolvers, which the safe loader has none of) was a fifth of loading.
    Same rules: the safe loader's implicit resolvers, by first character.
    """

    _by_first = {
        first: tuple(resolvers) + tuple(_BaseLoader.yaml_implicit_resolvers.get(None, []))
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items() if first is not None
    }

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self._by_first.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40

Path_ = tuple[str | int, ...]


@dataclass
class YamlProblem(Exception):
    """A file that is not acceptable YAML; located at line/column (1-based)."""

    regel: int
    kolom: int
    melding: str
    oplossing: str = ""


class ParsedFile:
    """The data of one YAML file plus where each value stands in the file.

    Positions are only needed to report a problem, which is rare, so by default
    they are worked out from the file's text on first use instead of on every load.
    """

    __slots__ = ("data", "_positions", "_source")

    def __init__(self, data: Any, positions: dict[Path_, tuple[int, int]] | None = None,
                 source: str | None = None) -> None:
        self.data = data
        self._positions = positions
        self._source = source

    @property
    def positions(self) -> dict[Path_, tuple[int, int]]:
        """Line and column (1-based) of each value, keyed by its path."""
        if self._positions is None:
            self._positions = _positions_of(self._source) if self._source else {}
            self._source = None
        return self._positions

    def locate(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at ``path``, or of its nearest known parent."""
        positions = self.positions
        path = tuple(path)
        while path:
            if path in positions:
                return positions[path]
            path = path[:-1]
        return positions.get((), (1, 1))

    def __getstate__(self) -> tuple[Any, Any, Any]:
        return self.data, self._positions, self._source

    def __setstate__(self, state: tuple[Any, Any, Any]) -> None:
        self.data, self._positions, self._source = state


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            1, 1, f"het bestand is te groot ({len(raw):,} bytes; maximaal {MAX_FILE_BYTES:,})",
            "splits de tekst op of maak hem korter",
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise YamlProblem(line, 1, "het bestand bevat een NUL-byte", "sla het op als gewone UTF-8-tekst")
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            line, 1, "het bestand is geen geldige UTF-8-tekst",
            "sla het bestand op met tekencodering UTF-8",
        ) from None
    return text


_COMPACT_NESTING = re.compile(r"^( *)((?:[-?] +){2,})", re.MULTILINE)
_TWO_INDICATORS = re.compile(r"[-?] +[-?]")  # what every compact nesting contains


def _check_depth(text: str) -> None:
    # PyYAML composes recursively; refuse absurd nesting before it hits the
    # interpreter's recursion limit. Block nesting shows as indentation, flow
    # nesting as brackets; both are bounded here.
    # Each rule first asks a cheap question that ordinary files answer with "no".
    deep = " " * (2 * MAX_DEPTH + 1) in text and re.search(
        r"^ {%d,}[^ #\n]" % (2 * MAX_DEPTH + 1), text, re.MULTILINE)
    if deep:
        raise YamlProblem(text.count("\n", 0, deep.start()) + 1, 1, "de tekst is te diep ingesprongen",
                          "maak de structuur platter")
    # Compact nesting ("- - - x", "? ? x") nests without indenting.
    for compact in _COMPACT_NESTING.finditer(text) if _TWO_INDICATORS.search(text) else ():
        depth = len(compact.group(1)) + compact.group(2).count("-") + compact.group(2).count("?")
        if depth > 2 * MAX_DEPTH:
            raise YamlProblem(text.count("\n", 0, compact.start()) + 1, 1, "de structuur is te diep genest",
                              "maak de structuur platter")
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return  # too few brackets to nest too deep: the common case, decided in C
    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                raise YamlProblem(line, column, "de structuur is te diep genest", "maak de structuur platter")
        else:
            depth = max(0, depth - 1)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _index(node: Node, path: Path_, positions: dict[Path_, tuple[int, int]], seen: set[int]) -> None:
    if id(node) in seen:
        raise YamlProblem(
            *positions.get(path, _mark(node)), "ankers en verwijzingen (& en *) zijn niet toegestaan",
            "schrijf de waarde gewoon uit",
        )
    seen.add(id(node))
    if isinstance(node, MappingNode):
        keys: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(*_mark(key_node), "een veldnaam moet gewone tekst zijn")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(*_mark(key_node), "'<<' (samenvoegen) is niet toegestaan", "schrijf de velden uit")
            key = key_node.value
            if key in keys:
                raise YamlProblem(
                    *_mark(key_node), f"het veld '{key}' staat twee keer in dit blok "
                    f"(eerder op regel {keys[key][0]})", "voeg de twee samen of verwijder er één",
                )
            keys[key] = _mark(key_node)
            positions[path + (key,)] = _mark(key_node)
            _index(value_node, path + (key,), positions, seen)
    elif isinstance(node, SequenceNode):
        for number, item in enumerate(node.value):
            positions[path + (number,)] = _mark(item)
            _index(item, path + (number,), positions, seen)


# PyYAML's own words for the usual slips, in Dutch with the fix. The key is
# the start of its "problem" text. Unclosed brackets and quotes are located
# where they began, since that is where the editor fixes them.
_SLIPS: tuple[tuple[str, str, str], ...] = (
    ("did not find expected ',' or ']'", "een lijst tussen [ en ] is niet goed afgesloten",
     "sluit de lijst af met ] en zet komma's tussen de items, bijv. [groen, zorg]"),
    ("did not find expected ',' or '}'", "een blok tussen { en } is niet goed afgesloten",
     "sluit het blok af met } en zet komma's tussen de velden"),
    ("found unexpected end of stream", "een aanhalingsteken wordt niet gesloten",
     "sluit de tekst af met hetzelfde aanhalingsteken als waarmee hij begint"),
    ("mapping values are not allowed", "hier staat een dubbele punt waar YAML hem niet verwacht",
     "zet een tekst met een dubbele punt erin tussen aanhalingstekens, bijv. \"Let op: zo\", "
     "of controleer de inspringing"),
    ("could not find expected ':'", "hier ontbreekt de dubbele punt na een veldnaam",
     "schrijf 'veldnaam: waarde', of zet een tekst die over meer regels loopt tussen aanhalingstekens"),
    ("did not find expected key", "de inspringing klopt niet: deze regel hoort niet bij het blok erboven",
     "zet de velden van één blok precies onder elkaar, met spaties"),
    ("did not find expected '-' indicator", "een lijstitem staat niet goed uitgelijnd",
     "zet elke '- ' precies onder die van het vorige item"),
    ("expected <block end>", "de inspringing klopt niet",
     "zet de velden van één blok precies onder elkaar, met spaties"),
    ("found character", "hier staat een teken waarmee een waarde niet mag beginnen",
     "zet de tekst tussen aanhalingstekens"),
)


def _explain(exc: yaml.MarkedYAMLError) -> YamlProblem:
    """A Dutch, located explanation of a PyYAML parse error."""
    problem = (exc.problem or exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    for start, melding, oplossing in _SLIPS:
        if problem.startswith(start):
            if start.startswith(("did not find expected ','", "found unexpected end")) and exc.context_mark:
                line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
            return YamlProblem(line, column, melding, oplossing)
    return YamlProblem(
        line, column, f"de YAML is niet leesbaar (technisch: {problem or 'onbekende fout'})",
        "controleer inspringing, dubbele punten en aanhalingstekens op of vlak voor deze regel",
    )


def parse_yaml(raw: bytes) -> ParsedFile:
    """Parse the bytes of one YAML file.

    Parameters
    ----------
    raw : bytes
        The file's content.

    Returns
    -------
    ParsedFile
        The data and the position of each value, keyed by its path.

    Raises
    ------
    YamlProblem
        For anything that is not a single, plain, safe YAML document.
    """
    text = _decode(raw)
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), 1):
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                raise YamlProblem(
                    number, indent.index("\t") + 1, "inspringen met een tab is niet toegestaan in YAML",
                    "gebruik spaties (twee per niveau)",
                )
    _check_depth(text)
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        raise YamlProblem(1, 1, "het bestand is leeg", "vul de velden in, of verwijder het bestand")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem(1, 1, "het bestand is leeg", "vul de velden in, of verwijder het bestand")
        try:
            data = _construct(node, loader, set())
        except _Unusual:
            # Something the quick path does not handle (an alias, a tag, a duplicate
            # key...): the careful path gives the located Dutch message, or the value.
            positions: dict[Path_, tuple[int, int]] = {(): _mark(node)}
            _index(node, (), positions, set())
            return ParsedFile(loader.construct_document(node), positions)
    except yaml.MarkedYAMLError as exc:
        raise _explain(exc) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"de YAML is niet leesbaar ({exc})") from None
    except (ValueError, OverflowError):
        # e.g. an integer of thousands of digits, which Python refuses to convert
        raise YamlProblem(1, 1, "het bestand bevat een getal dat te groot is",
                          "schrijf het getal korter, of zet het tussen aanhalingstekens als tekst") from None
    except RecursionError:
        raise YamlProblem(1, 1, "de structuur is te diep genest", "maak de structuur platter") from None
    finally:
        loader.dispose()
    return ParsedFile(data, source=text)


class _Unusual(Exception):
    """Raised by the quick path for anything beyond plain maps, lists and scalars."""


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def _construct(node: Node, loader: Any, seen: set[int]) -> Any:
    # One walk that builds the data and enforces what `_index` enforces, without
    # recording positions: PyYAML's generic constructor plus `_index` were most
    # of loading. Any node that is not plain goes back to the careful path.
    if id(node) in seen:
        raise _Unusual
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            return node.value
        constructor = loader.yaml_constructors.get(node.tag)
        if constructor is None:
            raise _Unusual
        return constructor(loader, node)
    if isinstance(node, MappingNode):
        if node.tag != _MAP:
            raise _Unusual
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR or key_node.value in mapping:
                raise _Unusual
            mapping[key_node.value] = _construct(value_node, loader, seen)
        return mapping
    if isinstance(node, SequenceNode) and node.tag == _SEQ:
        return [_construct(item, loader, seen) for item in node.value]
    raise _Unusual


def _positions_of(text: str) -> dict[Path_, tuple[int, int]]:
    # Only called for text that parse_yaml already accepted, so this cannot fail.
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        positions: dict[Path_, tuple[int, int]] = {(): _mark(node)}
        _index(node, (), positions, set())
    finally:
        loader.dispose()
    return positions
