"""A fingerprint of the source texts, so the source tests run in a clone without them.

The five source publications live beside the repository (../shared/seeds/), not
in it. What the tests need from them ships in the repository in a form that
holds none of their text:

- ``bronnen-vingerafdruk.json``: per source file its SHA-256, its number of lines
  and which lines are empty (for "every cited line range has text");
- ``bronnen-runs.bin``: a 6-byte BLAKE2b hash of every run of ``RUN`` words, sorted
  (for "no text copies ten words from a source").

Words that a source splits over a line end with a hyphen ("wijk-" / "managers")
count both joined and as written, so a copied run cannot hide behind the split.

Make it anew after a source changes, with the texts present::

    make vingerafdruk

A test checks that it is current whenever the texts are present (as in CI).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

RUN = 10  # words in a row that may not be copied from a source
DIGEST_BYTES = 6  # 2^48 values: a false match among ~10^5 runs is vanishingly rare
HERE = Path(__file__).resolve().parent
META = HERE / "bronnen-vingerafdruk.json"
RUNS = HERE / "bronnen-runs.bin"
SEEDS = HERE.parent.parent / "shared" / "seeds"

# A word broken at a line end: "wijk-\n   managers" reads "wijkmanagers".
_HYPHEN_BREAK = re.compile(r"(\w)-[ \t]*\r?\n[ \t]*(\w)")


def words(text: str) -> list[str]:
    """The words of a text, folded to lower case."""
    return re.findall(r"\w+", text.casefold())


def digest(run: tuple[str, ...] | list[str]) -> bytes:
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=DIGEST_BYTES).digest()


def runs(text: str) -> set[bytes]:
    """The hashes of every run of ``RUN`` words, as written and with line-end hyphens joined."""
    found: set[bytes] = set()
    for variant in {text, _HYPHEN_BREAK.sub(r"\1\2", text)}:
        all_words = words(variant)
        found.update(digest(all_words[i:i + RUN]) for i in range(len(all_words) - RUN + 1))
    return found


def make(seeds: Path = SEEDS) -> tuple[dict[str, object], bytes]:
    """The fingerprint of the texts in ``seeds``: the metadata and the sorted run hashes."""
    meta: dict[str, object] = {"run": RUN, "digest_bytes": DIGEST_BYTES, "bronnen": {}}
    all_runs: set[bytes] = set()
    for seed in sorted(seeds.glob("*.txt")):
        raw = seed.read_bytes()
        text = raw.decode("utf-8")
        lines = text.splitlines()
        meta["bronnen"][seed.name] = {  # type: ignore[index]
            "sha256": hashlib.sha256(raw).hexdigest(),
            "regels": len(lines),
            "lege_regels": [number for number, line in enumerate(lines, 1) if not line.strip()],
        }
        all_runs |= runs(text)
    return meta, b"".join(sorted(all_runs))


def load() -> tuple[dict[str, dict[str, object]], set[bytes]]:
    """The committed fingerprint: per source file its facts, and the set of run hashes."""
    meta = json.loads(META.read_text(encoding="utf-8"))
    raw = RUNS.read_bytes()
    size = meta["digest_bytes"]
    return meta["bronnen"], {raw[i:i + size] for i in range(0, len(raw), size)}


def write(seeds: Path = SEEDS) -> None:
    meta, raw = make(seeds)
    META.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    RUNS.write_bytes(raw)


if __name__ == "__main__":
    if not SEEDS.is_dir():
        sys.exit(f"De bronteksten ontbreken in {SEEDS}; de vingerafdruk kan alleen met de teksten erbij gemaakt worden.")
    write()
    print(f"Vingerafdruk bijgewerkt: {META.name} en {RUNS.name} ({RUNS.stat().st_size // DIGEST_BYTES} reeksen).")
