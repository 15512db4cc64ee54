"""EXTRACTOR_VERSION follows the code and the calendar data that decide the extractor's output."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.extract import EXTRACTOR_VERSION
from tracker.version import ROOT, extractor_version, merging_version, sources


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the tracker package to change files in."""
    copy = tmp_path / "tracker"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_the_exported_version_is_the_derived_one() -> None:
    assert isinstance(EXTRACTOR_VERSION, str)
    assert extractor_version() == EXTRACTOR_VERSION


@pytest.mark.parametrize(
    "changed",
    ["deadlines.py", "extract.py", "sentences.py", "lexicon.py", "formats/plain.py", "data/recesses.csv"],
    ids=["deadline reader", "rules", "sentences", "lexicon", "a reader", "recess dates"],
)
def test_a_change_to_what_decides_the_output_changes_the_version(package: Path, changed: str) -> None:
    before = extractor_version(package)
    with (package / changed).open("a", encoding="utf-8") as f:
        f.write("\n# changed\n" if changed.endswith(".py") else "\n")
    assert extractor_version(package) != before


@pytest.mark.parametrize("unrelated", ["matching.py", "export.py", "status.py"])
def test_a_change_elsewhere_keeps_the_version(package: Path, unrelated: str) -> None:
    before = extractor_version(package)
    with (package / unrelated).open("a", encoding="utf-8") as f:
        f.write("\n# changed\n")
    assert extractor_version(package) == before


def test_every_tracker_module_the_extractor_loads_is_hashed() -> None:
    # in a fresh interpreter: what importing the reader and the extractor loads is what they depend on
    code = (
        "import sys, tracker.documents, tracker.extract;"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('tracker')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = {Path(line).resolve() for line in out.split()}
    assert loaded <= set(sources()), loaded - set(sources())


@pytest.mark.parametrize("changed", ["debate.py", "people.py", "restatement.py"])
def test_a_change_to_how_readings_are_merged_changes_the_merging_version(package: Path, changed: str) -> None:
    before = (extractor_version(package), merging_version(package))
    with (package / changed).open("a", encoding="utf-8") as f:
        f.write("\n# changed\n")
    assert merging_version(package) != before[1]
    assert extractor_version(package) == before[0]


def test_a_change_to_the_extractor_changes_the_merging_version_too(package: Path) -> None:
    before = merging_version(package)
    with (package / "extract.py").open("a", encoding="utf-8") as f:
        f.write("\n# changed\n")
    assert merging_version(package) != before
