"""Rebuild the second held-out set (docs/*.txt, docs/*.json) from the real transcripts in ../shared/corpus.

DOCS names each document's transcript and turns; evaluation/corpus_turns.py numbers the turns and cuts the
excerpt. The labels are by hand (annotations.json); this script only fixes where the text comes from.

    .venv/bin/python evaluation/heldout2/build.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# run as a script, only this directory is on sys.path; the shared reader is in the package one level up
if str(HERE.parents[1]) not in sys.path:
    sys.path.insert(0, str(HERE.parents[1]))

from evaluation.corpus_turns import Turns, write_docs  # noqa: E402


def _run(first: int, last: int) -> Turns:
    return {n: None for n in range(first, last + 1)}


# id: (source, turns) where turns maps a turn number to its paragraphs (None = all of them)
DOCS: dict[str, tuple[str, Turns]] = {
    "vlos-plenair-2": ("ce0428cf", _run(43, 49)),
    "vlos-plenair-3": ("ce0428cf", _run(59, 65)),
    "vlos-plenair-4": ("ce0428cf", _run(97, 102)),
    "vlos-plenair-5": ("ce0428cf", _run(114, 121)),
    "vlos-plenair-6": ("ce0428cf", _run(124, 125)),
    "vlos-plenair-7": ("ce0428cf", _run(174, 177)),
    "vlos-rbz-2": ("16a72e1d", _run(285, 292)),
    "vlos-rbz-3": ("16a72e1d", _run(344, 353)),
    "vlos-rbz-4": ("16a72e1d", {178: [0, 2, 6, 13]}),
    "vlos-rbz-5": ("16a72e1d", _run(293, 296)),
    "vlos-mirt-3": ("8f376d4c", _run(268, 272)),
    "vlos-mirt-4": ("8f376d4c", {275: None, 276: None, 279: None}),
    "vlos-mirt-5": ("8f376d4c", _run(280, 283)),
    "vlos-mirt-6": ("8f376d4c", {305: [0, 2, 4, 7, 8, 9]}),
    "vlos-mirt-7": ("8f376d4c", _run(227, 232)),
    "vlos-vws-3": ("3ad601d2", _run(158, 168)),
    "vlos-vws-4": ("3ad601d2", _run(174, 181)),
    "vlos-vws-5": ("3ad601d2", {48: [0, 4], 54: [0, 2]}),
    "vlos-vws-6": ("3ad601d2", {58: None, 59: None, 64: [0, 7]}),
    "vlos-slachtoffer-5": ("d972288f", _run(68, 69)),
    "vlos-slachtoffer-6": ("d972288f", _run(71, 74)),
    "vlos-slachtoffer-7": ("d972288f", {83: None, 84: None, 85: None, 86: [0, 1]}),
    "vlos-slachtoffer-8": ("d972288f", {78: [0, 4]}),
    "vlos-economie-3": ("f001a349", {168: None, 169: None, 170: None, 171: [0, 1]}),
    "vlos-natfisc-4": ("0c43e57f", _run(79, 83)),
    "vlos-intfisc-2": ("e3b6c21d", {58: None, 59: None, 60: None, 61: None, 62: None, 63: [0, 1]}),
    "vlos-intfisc-3": ("e3b6c21d", {54: [0, 5]}),
    "htk-humanitas-2": ("h-tk-20172018-70-10", {33: None, 34: None, 35: None, 36: None, 43: None}),
    "htk-humanitas-3": ("h-tk-20172018-70-10", _run(77, 89)),
}


def build(out: Path = HERE / "docs") -> None:
    """Write every document's text and metadata into `out`."""
    write_docs(DOCS, out)


if __name__ == "__main__":
    build()
