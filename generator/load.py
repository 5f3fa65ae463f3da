"""Find and read every content file into validated models.

The only module that reads content from disk. It checks each file on its own
(YAML, file name, model); rules across files live in ``validate.py``.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from pydantic import ValidationError

from .content import Content, Item
from .errors import Problem, dutch_number, os_error_reason
from .messages import problems_from_validation_error
from .parallel import parallel_map
from .models import KINDS, Kind
from .models.common import SLUG_PATTERN
from .yamlfile import MAX_FILE_BYTES, ParsedFile, YamlProblem, parse_yaml

__all__ = ["load_content", "read_content_file", "read_yaml", "field_at_line", "YAML_SUFFIXES"]

YAML_SUFFIXES = (".yml", ".yaml")
_SLUG_RE = re.compile(SLUG_PATTERN)




def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _discover(root: Path, kind: Kind) -> tuple[list[Path], list[Problem]]:
    folder = root / kind.folder
    if not folder.is_dir():
        return [], []
    if folder.is_symlink() or not folder.resolve().is_relative_to(root.resolve()):
        # The whole folder pointing elsewhere would read content from outside the project.
        return [], [Problem(_relative(folder, root), 1, 1, "(map)",
                            "deze map is een symbolische link naar een plek buiten het project",
                            f"maak {kind.folder}/ een gewone map met de bestanden erin")]
    files, problems = [], []
    for path in sorted(folder.iterdir()):
        rel = _relative(path, root)
        if _is_leftover(path.name) or path.name.lower() == "readme.md":
            continue
        if path.is_symlink():
            problems.append(Problem(rel, 0, 0, "", "symbolische links zijn niet toegestaan in de inhoudsmappen",
                                    "zet het bestand zelf in de map"))
            continue
        if path.is_dir():
            problems.append(Problem(rel, 0, 0, "", "submappen worden niet gelezen",
                                    f"zet de bestanden direct in {kind.folder}/"))
            continue
        if not path.is_file():
            # A pipe or device would block or never end when read.
            problems.append(Problem(rel, 1, 1, "(bestand)", "dit is geen gewoon bestand en wordt niet gelezen",
                                    "vervang het door een gewoon YAML-bestand"))
            continue
        if path.suffix.lower() not in YAML_SUFFIXES:
            problems.append(Problem(rel, 0, 0, "", "dit is geen YAML-bestand en wordt niet gelezen",
                                    "geef het de extensie .yml of haal het weg"))
            continue
        files.append(path)
    return files, problems


# What editors and operating systems leave beside files: skipped without a word.
# Any other name starting with a dot is treated like every other file, so a
# `.naam.yml` is reported (its name is no valid id) rather than silently ignored.
_LEFTOVER_RE = re.compile(r"^(?:\..*\.sw[a-p]|\.#.*|\._.*|\.DS_Store|\.gitkeep|\.gitignore|\.keep)$")


def _is_leftover(name: str) -> bool:
    return bool(_LEFTOVER_RE.match(name))


def read_content_file(path: Path) -> bytes:
    """The bytes of one file the build reads, opened safely.

    Only a regular file, never through a symbolic link, and never more than one
    byte past the size limit (reading a 4 GB file first would exhaust memory before
    ``parse_yaml`` could refuse it). Opened without blocking and checked on the open
    file itself, so a pipe cannot hang the check and a file swapped in between
    cannot slip past.

    Raises
    ------
    YamlProblem
        With a Dutch explanation, for anything that is not a readable regular file
        within the size limit.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP or path.is_symlink():
            raise YamlProblem(1, 1, "dit is een symbolische link; die worden niet gelezen",
                              "zet het bestand zelf op deze plek") from None
        raise YamlProblem(1, 1, f"het bestand is niet te lezen ({os_error_reason(exc)})",
                          "controleer of het bestaat en of u het mag lezen") from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        soort = "een map" if stat.S_ISDIR(info.st_mode) else "geen gewoon bestand (maar bijv. een pipe)"
        raise YamlProblem(1, 1, f"dit is {soort} en wordt niet gelezen", "vervang het door een gewoon YAML-bestand")
    with os.fdopen(descriptor, "rb") as handle:
        try:
            raw = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise YamlProblem(1, 1, f"het bestand is niet te lezen ({os_error_reason(exc)})",
                              "controleer of u het mag lezen") from None
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            1, 1, f"het bestand is te groot ({dutch_number(max(info.st_size, len(raw)))} bytes; "
            f"maximaal {dutch_number(MAX_FILE_BYTES)})", "splits de tekst of maak hem korter",
        )
    return raw


_KEY_RE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:")


def read_yaml(path: Path, rel: str) -> tuple[ParsedFile | None, list[Problem]]:
    """Read and parse one content file (``rel``: its name in messages); a problem instead when it cannot be."""
    raw = b""
    try:
        raw = read_content_file(path)
        return parse_yaml(raw), []
    except YamlProblem as exc:
        veld = field_at_line(raw, exc.regel) if raw else "(bestand)"
        return None, [Problem(rel, exc.regel, exc.kolom, veld, exc.melding, exc.oplossing)]


def field_at_line(raw: bytes, regel: int) -> str:
    """The key on (or just above) a line, to name the field of a YAML error."""
    lines = raw.decode("utf-8", errors="replace").splitlines()
    for number in range(min(regel, len(lines)) - 1, max(regel - 4, 0) - 1, -1):
        match = _KEY_RE.match(lines[number].replace("\t", " "))
        if match:
            return match.group(1)
    return ""


def _load_file(path: Path, root: Path, kind: Kind) -> tuple[Item | ParsedFile | None, list[Problem]]:
    rel = _relative(path, root)
    item_id = path.stem
    problems: list[Problem] = []
    if not _SLUG_RE.fullmatch(item_id) or len(item_id) > 80 or path.suffix != path.suffix.lower():
        better = re.sub(r"[^a-z0-9]+", "-", item_id.lower()).strip("-")
        problems.append(Problem(
            rel, 1, 1, "(bestandsnaam)",
            f"'{path.name}' is geen geldige bestandsnaam: de naam is de id van het item",
            "gebruik alleen kleine letters, cijfers en koppeltekens"
            + (f"; hernoem het bestand bijv. naar '{better}.yml'" if better else ", bijv. 'de-ketel.yml'"),
        ))
    parsed, found = read_yaml(path, rel)
    if parsed is None:
        return None, problems + found
    if not isinstance(parsed.data, dict):
        soort = "een lijst" if isinstance(parsed.data, list) else "een losse waarde"
        regel, kolom = parsed.locate(())
        return None, problems + [Problem(
            rel, regel, kolom, "", f"het bestand bevat {soort}, maar een {kind.label} is een blok met velden",
            "begin elke regel op het hoogste niveau met 'veldnaam: waarde' (zie het sjabloon)",
        )]
    try:
        model = kind.model.model_validate(parsed.data)
    except ValidationError as exc:
        return parsed, problems + problems_from_validation_error(exc, kind.model, parsed, rel)
    if problems:
        return parsed, problems
    return Item(kind.name, item_id, model, rel, parsed), []


# What reading one file gave, by path, with the file's size, time and inode then:
# the live preview keeps it between rebuilds and reads only files that changed.
FileMemo = dict[Path, tuple[tuple[int, int, int], tuple["Item | ParsedFile | None", list[Problem]]]]


def _load_remembered(path: Path, root: Path, kind: Kind, memo: FileMemo) -> tuple[Item | ParsedFile | None, list[Problem]]:
    try:
        info = path.lstat()
    except OSError:
        return _load_file(path, root, kind)
    stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
    known = memo.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    result = _load_file(path, root, kind)
    memo[path] = (stamp, result)
    return result


def load_content(root: Path, memo: FileMemo | None = None) -> tuple[Content, list[Problem]]:
    """Load every content file under ``root``.

    Parameters
    ----------
    root : Path
        The project folder (holding ``cases/`` and ``content/``).
    memo : dict, optional
        What earlier loads read (the live preview): a file whose size, time
        and inode are unchanged is not read again. Then the files are read in
        this process.

    Returns
    -------
    tuple of Content and list of Problem
        The items that are valid on their own, and every problem found. Files with
        problems are left out of the content; cross-file rules are not checked here.
    """
    root = root.resolve()
    content = Content()
    problems: list[Problem] = []
    discovered: list[tuple[Kind, Path]] = []
    for kind in KINDS:
        paths, found = _discover(root, kind)
        problems.extend(found)
        discovered += [(kind, path) for path in paths]
    # Files are read and validated independently: on every core when there are many.
    if memo is not None:
        loaded = iter([_load_remembered(path, root, kind, memo) for kind, path in discovered])
        for gone in set(memo) - {path for _, path in discovered}:
            del memo[gone]
    else:
        loaded = iter(parallel_map(lambda job: _load_file(job[1], root, job[0]), discovered))
    for kind in KINDS:
        seen: dict[str, str] = {}
        for path in [path for k, path in discovered if k is kind]:
            item, found = next(loaded)
            problems.extend(found)
            if path.stem in seen:
                problems.append(Problem(
                    _relative(path, root), 1, 1, "(bestandsnaam)",
                    f"de id '{path.stem}' bestaat al ({seen[path.stem]})",
                    "geef een van beide bestanden een andere naam",
                ))
                continue
            seen[path.stem] = _relative(path, root)
            if isinstance(item, Item):
                content.items[kind.name][item.id] = item
            elif isinstance(item, ParsedFile) and isinstance(item.data, dict):
                content.rejected.append((kind.name, path.stem, _relative(path, root), item))
            else:
                content.unreadable.append((kind.name, path.stem))
    return content, problems
