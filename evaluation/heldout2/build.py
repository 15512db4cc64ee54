"""Rebuild the second held-out set (docs/*.txt, docs/*.json) from the real transcripts in ../shared/corpus.

Each document is a verbatim excerpt: the meeting title, then whole paragraphs of the listed speaker turns in
their original order, a speaker line ("Staatssecretaris Struycken:") opening each turn as in a printed
transcript. Turns are numbered 1.. in document order over every `woordvoerder`/`interrumpant` text (VLOS) or
`spreekbeurt` (Handelingen); paragraphs are numbered 0.. within a turn, 0 being the speaker line. The labels
are by hand (annotations.json); this script only fixes where the text comes from.

    .venv/bin/python evaluation/heldout2/build.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from lxml import etree

# shared/ sits beside the repository, as in CI; TOEZEGGINGEN_SHARED points elsewhere.
SHARED = Path(os.environ.get("TOEZEGGINGEN_SHARED", Path(__file__).resolve().parents[3] / "shared"))
CORPUS = SHARED / "corpus"
HERE = Path(__file__).resolve().parent
NS = "{http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0}"

# id: (source, turns) where turns maps a turn number to its paragraphs (None = all of them)
Turns = dict[int, list[int] | None]


def _run(first: int, last: int) -> Turns:
    return {n: None for n in range(first, last + 1)}


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


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _text(el: etree._Element | None) -> str:
    return _fold("".join(str(t) for t in el.itertext())) if el is not None else ""


def vlos_turns(prefix: str) -> tuple[str, str, list[list[str]]]:
    (path,) = (CORPUS / "tk-vlos-verslagen").glob(f"sample_vlos_{prefix}*.xml")
    vergadering = etree.parse(str(path)).getroot().find(NS + "vergadering")
    assert vergadering is not None, path
    turns = []
    for tekst in vergadering.iter(NS + "tekst"):
        turn = tekst.getparent()
        if turn is not None and turn.tag in (NS + "woordvoerder", NS + "interrumpant"):
            turns.append([_text(i) for i in tekst.iter(NS + "alineaitem")])
    return _text(vergadering.find(NS + "titel")), _text(vergadering.find(NS + "datum"))[:10], turns


def _unmojibake(text: str) -> str:
    # these files were saved as UTF-8 read as Latin-1 and written as UTF-8 again ("Ã«" for "ë")
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def handelingen_turns(name: str) -> tuple[str, None, list[list[str]]]:
    raw = (CORPUS / "koop-handelingen-xml" / f"{name}.xml").read_bytes()
    root = etree.fromstring(raw[raw.index(b"<?xml") :])
    title = _unmojibake(_text(root.find(".//item-titel")))
    turns = []
    for beurt in root.iter("spreekbeurt"):
        speaker = _unmojibake(_text(beurt.find("spreker")))
        speaker = re.sub(r"\( (.*?) \)", r"(\1)", speaker).replace(" :", ":")
        tekst = beurt.find("tekst")
        paragraphs = [] if tekst is None else [_unmojibake(_text(al)) for al in tekst.iter("al")]
        turns.append([speaker, *paragraphs])
    return title, None, turns


def build(out: Path = HERE / "docs") -> None:
    """Write every document's text and metadata into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for doc_id, (source, wanted) in DOCS.items():
        if source.startswith("h-tk-"):
            title, date, turns = handelingen_turns(source)
            origin = f"koop-handelingen-xml/{source}.xml"
        else:
            title, date, turns = vlos_turns(source)
            (path,) = (CORPUS / "tk-vlos-verslagen").glob(f"sample_vlos_{source}*.xml")
            origin = f"tk-vlos-verslagen/{path.name}"
        paragraphs = [title]
        for n, keep in wanted.items():
            turn = turns[n - 1]
            paragraphs += [p for k, p in enumerate(turn) if keep is None or k in keep]
        (out / f"{doc_id}.txt").write_text("\n\n".join(paragraphs) + "\n")
        meta = {
            "id": doc_id,
            "title": title,
            "date": date,
            "kind": "debate",
            "source": origin,
            "turns": {str(n): keep for n, keep in wanted.items()},
        }
        (out / f"{doc_id}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    build()
