"""Rebuild the held-out documents (docs/*.txt, docs/*.json) from the real transcripts in ../shared/corpus.

DOCS names each document's transcript and turns; evaluation/corpus_turns.py numbers the turns and cuts the
excerpt. The labels are by hand (annotations.json); this script only fixes where the text comes from.

    .venv/bin/python evaluation/heldout/build.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# run as a script, only this directory is on sys.path; the shared reader is in the package one level up
if str(HERE.parents[1]) not in sys.path:
    sys.path.insert(0, str(HERE.parents[1]))

from evaluation.corpus_turns import Turns, write_docs  # noqa: E402

# id: (source, turns) where turns maps a turn number to its paragraphs (None = all of them)
DOCS: dict[str, tuple[str, Turns]] = {
    "vlos-slachtoffer-1": ("d972288f", {45: [0, 3, 15, 16]}),
    "vlos-slachtoffer-2": (
        "d972288f",
        {46: None, 47: None, 48: None, 49: None, 50: None, 51: None, 52: None, 53: [0, 1, 4]},
    ),
    "vlos-slachtoffer-3": ("d972288f", {59: [0, 2, 3], 61: None, 63: [0, 1, 3]}),
    "vlos-slachtoffer-4": ("d972288f", {65: [0, 3, 4, 6, 7]}),
    "vlos-slachtoffer-toezeggingen": ("d972288f", {n: None for n in range(119, 126)}),
    "vlos-natfisc-1": ("0c43e57f", {61: [0, 4, 9, 10]}),
    "vlos-natfisc-2": ("0c43e57f", {90: None}),
    "vlos-natfisc-3": ("0c43e57f", {97: [0, 2, 4, 5]}),
    "vlos-natfisc-toezeggingen": ("0c43e57f", {n: None for n in range(112, 123)}),
    "vlos-intfisc-1": ("e3b6c21d", {40: [0, 9, 16], 41: None, 42: None, 43: None, 44: None, 45: None}),
    "vlos-intfisc-toezeggingen": ("e3b6c21d", {n: None for n in range(91, 110)}),
    "vlos-economie-1": ("f001a349", {114: [0, 3], 115: None, 116: None, 117: None, 118: None, 119: None}),
    "vlos-economie-2": (
        "f001a349",
        {137: None, 177: [0, 2], 185: [0, 4, 5, 6], 186: None, 187: [0, 1, 3, 5]},
    ),
    "vlos-mirt-1": ("8f376d4c", {123: [0, 14, 20], 129: [0, 8]}),
    "vlos-mirt-2": ("8f376d4c", {n: None for n in range(130, 144)}),
    "vlos-vws-1": ("3ad601d2", {4: [0, 10, 13, 25, 28, 30]}),
    "vlos-vws-2": ("3ad601d2", {10: [0, 1, 4, 5], 11: [0, 3, 5]}),
    "vlos-rbz-1": ("16a72e1d", {274: [0, 5, 9], 275: None, 276: [0, 1], 277: None, 278: None, 279: None}),
    "vlos-plenair-1": ("ce0428cf", {83: None, 84: None, 85: None, 86: None, 87: None, 88: None}),
    "vlos-vws-toezeggingen": ("3ad601d2", {n: None for n in range(183, 195)}),
    "vlos-rbz-toezeggingen": ("16a72e1d", {n: None for n in range(384, 389)}),
    "htk-wmo-vao": ("h-tk-20172018-70-4", {n: None for n in range(9, 19)}),
    "htk-humanitas": (
        "h-tk-20172018-70-10",
        {
            27: [0, 1, 5],
            28: None,
            29: None,
            30: None,
            31: None,
            32: [0, 1],
            37: None,
            38: None,
            39: None,
            40: None,
        },
    ),
}


def build(out: Path = HERE / "docs") -> None:
    """Write every document's text and metadata into `out`."""
    write_docs(DOCS, out)


if __name__ == "__main__":
    build()
