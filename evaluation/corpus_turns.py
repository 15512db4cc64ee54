"""Speaker turns read from the real transcripts in ../shared/corpus, and the held-out documents cut from them.

Each document is a verbatim excerpt: the meeting title, then whole paragraphs of the listed speaker turns in
their original order, a speaker line ("Staatssecretaris Struycken:") opening each turn as in a printed
transcript. Turns are numbered 1.. in document order over every `woordvoerder`/`interrumpant` text (VLOS) or
`spreekbeurt` (Handelingen); paragraphs are numbered 0.. within a turn, 0 being the speaker line. Each
held-out set's build.py lists its documents as DOCS and writes them with `write_docs`.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from lxml import etree

# shared/ sits beside the repository, as in CI; TOEZEGGINGEN_SHARED points elsewhere.
SHARED = Path(os.environ.get("TOEZEGGINGEN_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "corpus"
NS = "{http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0}"

# a turn number mapped to its paragraphs (None = all of them)
Turns = dict[int, list[int] | None]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _text(el: etree._Element | None) -> str:
    return _fold("".join(str(t) for t in el.itertext())) if el is not None else ""


def _turn_texts(vergadering: etree._Element) -> list[etree._Element]:
    """The `tekst` of every `woordvoerder`/`interrumpant`, in document order (turn n is item n - 1)."""
    return [
        tekst
        for tekst in vergadering.iter(NS + "tekst")
        if (turn := tekst.getparent()) is not None and turn.tag in (NS + "woordvoerder", NS + "interrumpant")
    ]


def _vlos(prefix: str) -> tuple[Path, etree._ElementTree, etree._Element]:
    (path,) = (CORPUS / "tk-vlos-verslagen").glob(f"sample_vlos_{prefix}*.xml")
    tree = etree.parse(str(path))
    vergadering = tree.getroot().find(NS + "vergadering")
    assert vergadering is not None, path
    return path, tree, vergadering


def vlos_turns(prefix: str) -> tuple[str, str, list[list[str]]]:
    _, _, vergadering = _vlos(prefix)
    turns = [[_text(i) for i in tekst.iter(NS + "alineaitem")] for tekst in _turn_texts(vergadering)]
    return _text(vergadering.find(NS + "titel")), _text(vergadering.find(NS + "datum"))[:10], turns


def vlos_excerpt(prefix: str, keep: set[int]) -> bytes:
    """The transcript with only the listed turns (numbered as in `vlos_turns`), verbatim and in order, as the
    excerpts in tests/fixtures/debate are cut: a turn not kept goes, with its `activiteititem` when that
    keeps no turn; a turn not kept that holds a kept interruption loses only its own `tekst`."""
    _, tree, vergadering = _vlos(prefix)
    texts = _turn_texts(vergadering)
    kept = {texts[n - 1].getparent() for n in keep}
    for n, tekst in enumerate(texts, start=1):
        turn = tekst.getparent()
        if n in keep or turn.getparent() is None:
            continue
        if any(t in kept for t in turn.iter(NS + "woordvoerder", NS + "interrumpant")):
            turn.remove(tekst)
        else:
            turn.getparent().remove(turn)
    for item in list(vergadering.iter(NS + "activiteititem")):
        if next(item.iter(NS + "woordvoerder"), None) is None:
            item.getparent().remove(item)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


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


def write_docs(docs: dict[str, tuple[str, Turns]], out: Path) -> None:
    """Write each document's text and metadata into `out`; docs maps an id to (source, turns)."""
    out.mkdir(parents=True, exist_ok=True)
    for doc_id, (source, wanted) in docs.items():
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
