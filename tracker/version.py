"""The extractor's version, derived from what decides its output: its code and the calendar data.

The same hash, over the modules that merge what was read (debate promises with the chair's list, people,
restated promises), tells a tracking run when to read its inputs again because the merging changed.

A document is read again when the version it was read with differs from this one, so a change to a rule, the
deadline reader or the recess dates must change the version. Bumping it by hand was missed once; here it is
a hash of the source of every `tracker` module the readers and the extractor import (followed from
`tracker/documents.py` and `tracker/extract.py`) and of every file in `tracker/data/`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Bumped by hand only when the output's form changes; the hash follows every change of behaviour.
SERIES = "5"
_IMPORT = re.compile(
    r"^[ \t]*(?:from\s+(tracker(?:\.\w+)*)\s+import\s+(\([^)]*\)|[^\n]*)|import\s+(tracker(?:\.\w+)*))", re.M
)


def _module_files(module: str, root: Path) -> list[Path]:
    """The file of a `tracker…` module, or a package's `__init__.py`."""
    path = root.parent.joinpath(*module.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return [candidate]
    return []


def _imported(match: re.Match[str], root: Path) -> list[Path]:
    """The files one import statement reads: `from tracker.formats import plain` reads the submodule."""
    module = match.group(1) or match.group(3)
    files = _module_files(module, root)
    for name in re.findall(r"\w+", match.group(2) or ""):
        files.extend(_module_files(f"{module}.{name}", root))
    return files


# What a tracking run reads a document with: the readers decide the text, the extractor what is found in it.
ENTRIES = ("tracker.documents", "tracker.extract")


def sources(root: Path = ROOT, entries: tuple[str, ...] = ENTRIES) -> list[Path]:
    """Every source file the entry modules import within the package, themselves and this module included."""
    todo = [*(f for entry in entries for f in _module_files(entry, root)), root / "version.py"]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for m in _IMPORT.finditer(path.read_text(encoding="utf-8")):
            todo.extend(_imported(m, root))
    return sorted(seen)


def data_files(root: Path = ROOT) -> list[Path]:
    return sorted(p for p in (root / "data").iterdir() if p.is_file() and p.suffix != ".py")


def code_digest(entries: tuple[str, ...], root: Path = ROOT) -> str:
    """The first 12 hex digits of a SHA-256 over the names and bytes of what `entries` import and the data."""
    digest = hashlib.sha256()
    for path in [*sources(root, entries), *data_files(root)]:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()[:12]


def extractor_version(root: Path = ROOT) -> str:
    return f"{SERIES}+{code_digest(ENTRIES, root)}"


# What a tracking run merges its readings with; they import the extractor, so its changes count here too.
MERGING = ("tracker.debate", "tracker.people", "tracker.restatement")


def merging_version(root: Path = ROOT) -> str:
    return code_digest(MERGING, root)
