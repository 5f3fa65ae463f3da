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

from .errors import WijkkompasError, dutch_number

__all__ = ["ParsedFile", "YamlProblem", "parse_yaml", "MAX_FILE_BYTES", "MAX_DEPTH"]

# libyaml's parser when PyYAML has it (about ten times faster), else pure Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_INT, _BOOL, _NULL = "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"

# Plain scalars that are not text, the YAML 1.2 way but stricter: YAML 1.1 (PyYAML's
# default) reads `12:30` as 750, `0777` as 511, `0xFF` as 255, `yes`/`on` as true and
# `1.50` as 1.5, silently changing what an editor wrote. Here only a plain decimal
# integer is a number (at most 18 digits, so it fits any integer field; a longer one
# stays text and the field that wants a number says so), and only these words are
# true, false or empty. Everything else is text, exactly as written.
_INT_RE = re.compile(r"0|-?[1-9][0-9]{0,17}")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader with the scalar rules above (and fewer steps than PyYAML's resolver)."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:  # plain, i.e. not quoted
                if value in _NULLS:
                    return _NULL
                if value in _BOOLS:
                    return _BOOL
                if _INT_RE.fullmatch(value):
                    return _INT
                if value == "<<":
                    return _MERGE  # refused with its own message
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_Loader.add_constructor(_INT, lambda loader, node: int(node.value))
_Loader.add_constructor(_BOOL, lambda loader, node: _BOOLS[node.value])

# Characters that make text look different from what it is, or that YAML 1.1 reads
# as a line break: C0 and C1 controls (tab, line feed and carriage return are
# ordinary), DEL, the bidirectional controls (U+202E shows "exe.txt" as "txt.exe")
# and the Unicode line and paragraph separators. NUL has its own message.
_HIDDEN_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
# Written as an escape between double quotes ("\u202e"), C0 controls and DEL reach
# the model, whose text rules refuse them with their own message; the rest not.
_HIDDEN_ESCAPED_RE = re.compile("[\x80-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _hidden_problem(char: str, regel: int, kolom: int, escaped: bool = False) -> YamlProblem:
    code = f"U+{ord(char):04X}"
    if char in _BIDI:
        what = f"een onzichtbaar teken dat de leesrichting van de tekst omdraait ({code})"
    elif char in "\u2028\u2029":
        what = f"een onzichtbaar regeleinde ({code})"
    else:
        what = f"een onzichtbaar stuurteken ({code})"
    where = " (geschreven als code met een \\ tussen aanhalingstekens)" if escaped else ""
    return YamlProblem(
        regel, kolom, f"de tekst bevat {what}{where}; zo kan tekst er anders uitzien dan hij is",
        "verwijder het teken (typ de tekst op die plek opnieuw) en sla het bestand op als gewone UTF-8-tekst",
    )


MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40

Path_ = tuple[str | int, ...]


@dataclass
class YamlProblem(WijkkompasError):
    """A file that is not acceptable YAML; located at line/column (1-based)."""

    regel: int
    kolom: int
    melding: str
    oplossing: str = ""


class ParsedFile:
    """The data of one YAML file plus where each value stands in the file (line, column; 1-based)."""

    __slots__ = ("data", "positions")

    def __init__(self, data: Any, positions: dict[Path_, tuple[int, int]] | None = None) -> None:
        self.data = data
        self.positions = positions if positions is not None else {}

    def locate(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at ``path``, or of its nearest known parent."""
        positions = self.positions
        path = tuple(path)
        while path:
            if path in positions:
                return positions[path]
            path = path[:-1]
        return positions.get((), (1, 1))

    def __getstate__(self) -> tuple[Any, Any]:
        return self.data, self.positions

    def __setstate__(self, state: tuple[Any, Any]) -> None:
        self.data, self.positions = state


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            1, 1, f"het bestand is te groot ({dutch_number(len(raw))} bytes; maximaal {dutch_number(MAX_FILE_BYTES)})",
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
    hidden = _HIDDEN_RE.search(text)
    if hidden:
        start = hidden.start()
        line_start = text.rfind("\n", 0, start) + 1
        raise _hidden_problem(hidden.group(), text.count("\n", 0, start) + 1, start - line_start + 1)
    return text


def _refuse_tags(text: str) -> None:
    """Refuse every explicit tag (``!!binary``, ``!!set``, ``!!str``, ``!eigen``).

    A tag changes what a value means without it showing: ``!!binary`` hides text
    from review as base64. Content never needs one. Found by the scanner, so even
    the non-specific ``!`` is seen; only asked when the text has a '!' at all.
    """
    loader = _Loader(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                written = ((handle or "") + (suffix or ""))[:40]
                raise YamlProblem(
                    token.start_mark.line + 1, token.start_mark.column + 1,
                    f"een YAML-tag ('{written}') is niet toegestaan: daarmee kan een waarde iets anders "
                    "betekenen dan er lijkt te staan",
                    f"haal '{written}' weg en schrijf de waarde als gewone tekst (zet hem zo nodig tussen "
                    "aanhalingstekens)",
                )
    finally:
        loader.dispose()


def _check_quoted(node: ScalarNode) -> None:
    # A hidden character typed into the file is refused while decoding; between
    # double quotes it can also be written as an escape ("\u202e").
    if node.style == '"':
        hidden = _HIDDEN_ESCAPED_RE.search(node.value)
        if hidden:
            raise _hidden_problem(hidden.group(), *_mark(node), escaped=True)


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
    if isinstance(node, ScalarNode):
        _check_quoted(node)
    elif isinstance(node, MappingNode):
        keys: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(*_mark(key_node), "een veldnaam moet gewone tekst zijn")
            _check_quoted(key_node)
            if key_node.tag == _MERGE:
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
    ("did not find expected node content", "hier ontbreekt een waarde, of staat een teken waarmee een waarde "
     "niet mag beginnen", "zet de tekst tussen aanhalingstekens"),
    ("found undefined alias", "ankers en verwijzingen (& en *) zijn niet toegestaan",
     "schrijf de waarde gewoon uit, of zet een tekst die met * of & begint tussen aanhalingstekens"),
    # An & or * with no name after it (libyaml's wording, then PyYAML's).
    ("did not find expected alphabetic or numeric character", "ankers en verwijzingen (& en *) zijn niet toegestaan",
     "schrijf de waarde gewoon uit, of zet een tekst die met * of & begint tussen aanhalingstekens"),
    ("expected alphabetic or numeric character", "ankers en verwijzingen (& en *) zijn niet toegestaan",
     "schrijf de waarde gewoon uit, of zet een tekst die met * of & begint tussen aanhalingstekens"),
    ("block sequence entries are not allowed", "hier staat een lijstitem ('- ') waar het niet mag",
     "zet elk item op een eigen regel onder de veldnaam, of zet de tekst tussen aanhalingstekens"),
    ("mapping keys are not allowed", "hier begint een veld waar het niet mag",
     "controleer de inspringing, of zet de tekst tussen aanhalingstekens"),
    ("did not find expected hexdecimal number", "een code met \\ tussen dubbele aanhalingstekens is ongeldig",
     "schrijf een \\ als \\\\, of zet de tekst tussen enkele aanhalingstekens"),
    ("found unknown escape character", "een code met \\ tussen dubbele aanhalingstekens is ongeldig",
     "schrijf een \\ als \\\\, of zet de tekst tussen enkele aanhalingstekens"),
    ("did not find expected tag URI", "een YAML-tag (een waarde die met ! begint) is niet toegestaan",
     "zet de tekst tussen aanhalingstekens"),
    ("did not find expected comment or line break", "na de waarde staat nog iets dat YAML niet verwacht",
     "zet de hele tekst tussen aanhalingstekens"),
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


def _runaway_quote(text: str, exc: yaml.MarkedYAMLError) -> YamlProblem | None:
    """An unclosed quote, named at its own line.

    YAML lets a quoted text run over several lines, so a forgotten closing quote
    swallows the lines after it up to the next quote, and PyYAML stumbles only
    there ("de inspringing klopt niet", many lines further). Content never needs a
    quoted text over several lines: if one starts before the error, that is the
    mistake the editor has to fix.
    """
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            start, end = token.start_mark, token.end_mark
            if start.line >= mark.line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') and end.line > start.line:
                return YamlProblem(
                    start.line + 1, start.column + 1, "een aanhalingsteken wordt op deze regel niet gesloten",
                    f"sluit de tekst af met {token.style} op dezelfde regel (nu loopt hij door tot regel {end.line + 1})",
                )
    except yaml.YAMLError:
        pass  # the scanner stops at the same error; what it passed is all we need
    return None


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
        if "!" in text:
            _refuse_tags(text)
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem(1, 1, "het bestand is leeg", "vul de velden in, of verwijder het bestand")
        # One walk checks what the rules forbid (aliases, duplicate keys, '<<',
        # runaway quotes) and records where every value stands; then PyYAML builds the data.
        positions: dict[Path_, tuple[int, int]] = {(): _mark(node)}
        _index(node, (), positions, set())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise (_runaway_quote(text, exc) or _explain(exc)) from None
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
    return ParsedFile(data, positions)
