"""Measure restatements on real letters: `python -m evaluation.restatements.score [-v]`.

Every letter of the dev set (../shared/devset, 67 real letters) is tracked with the real extractor, in a
SQLite file, beside the earlier promises those letters recall (`earlier.json`: written as the register or the
earlier letter would have it, from what the letter reports). A letter's promise kept with an earlier
commitment (a `Restatement`) is a merge; it is right when `earlier.json` labels that promise as restating that
commitment. Prints the letters' promises, those that refer back, the merges (right, wrong) and the labelled
restatements missed; `-v` shows each merge and what it did to the due date.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import Session, select

from db.engine import make_engine, migrate, session_scope
from db.models import (
    Activiteit,
    Commitment,
    Document,
    DocumentActor,
    DocumentText,
    Kamerstukdossier,
    Restatement,
    StatusEvent,
    Toezegging,
)
from tracker.documents import SourceText
from tracker.extract import analyse
from tracker.restatement import restating
from tracker.track import track

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("TOEZEGGINGEN_SHARED", HERE.parents[2] / "shared"))
DEVSET = SHARED / "devset" / "docs"
TODAY = date(2026, 1, 1)


def _flat(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Merge:
    letter: str
    promise: str
    earlier: str  # the id in earlier.json
    due: tuple[str | None, str | None] | None  # (old, new) when the restatement moved the due date


@dataclass
class Score:
    letters: int = 0
    promises: int = 0  # the letters' own promises, before merging
    rows: int = 0  # the letters' promises that are rows of their own after the run
    referring: int = 0  # promises that refer back to an earlier one (or cite where it was made)
    after_fulfilment: int = 0  # ... of which the lead-in delivers now (a fulfilment, then a new promise)
    labelled: int = 0
    merges: list[Merge] = field(default_factory=list)
    right: list[Merge] = field(default_factory=list)
    wrong: list[Merge] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def _signer(minister: str | None) -> tuple[str | None, str | None]:
    """ "Staatssecretaris van Economische Zaken (S.A.M. Dijksma)" -> (name, function)."""
    if not minister:
        return None, None
    m = re.match(r"(.+?)\s*\((.+)\)$", minister)
    return (m.group(2), m.group(1)) if m else (None, minister)


def _dossier(session: Session, nummer: str) -> str:
    dossier_id = f"dossier-{nummer}"
    if session.get(Kamerstukdossier, dossier_id) is None:
        nr, _, suffix = nummer.partition("-")
        session.add(Kamerstukdossier(id=dossier_id, nummer=nr, toevoeging=suffix or None))
    return dossier_id


def _letter(
    session: Session,
    doc_id: str,
    text: str,
    on: date | None,
    signer: tuple[str | None, str | None],
    *,
    title: str = "",
    dossier: str | None = None,
    volgnummer: int | None = None,
) -> None:
    session.add(
        Document(
            id=doc_id,
            nummer=doc_id,
            soort="Brief regering",
            titel=title,
            onderwerp=title,
            datum=on,
            dossier_id=_dossier(session, dossier) if dossier else None,
            volgnummer=volgnummer,
        )
    )
    session.add(DocumentText(document_id=doc_id, source="publication", text=text, text_sha256=doc_id))
    session.add(DocumentActor(id=f"actor-{doc_id}", document_id=doc_id, naam=signer[0], functie=signer[1]))


def load(engine_url: str, labels: dict) -> None:  # type: ignore[type-arg]
    """The dev set's letters and the earlier promises, into a migrated database."""
    engine = make_engine(engine_url)
    migrate(engine)
    with session_scope(engine) as session:
        for path in sorted(DEVSET.glob("*.json")):
            meta = json.loads(path.read_text(encoding="utf-8"))
            if meta["kind"] != "letter":
                continue
            m = re.match(r"kst-(\d+(?:-[A-Z]+)?)-(\d+)$", meta["id"])
            _letter(
                session,
                meta["id"],
                path.with_suffix(".txt").read_text(encoding="utf-8"),
                date.fromisoformat(meta["date"]) if meta["date"] else None,
                _signer(meta.get("minister")),
                title=meta["title"],
                dossier=m.group(1) if m else None,
                volgnummer=int(m.group(2)) if m else None,
            )
        for e in labels["earlier"]:
            on = date.fromisoformat(e["made_on"])
            if e["kind"] == "letter":
                _letter(
                    session,
                    e["id"],
                    e["text"],
                    on,
                    (e["who"][0], e["who"][1]),
                    dossier=e.get("dossier"),
                    volgnummer=e.get("volgnummer"),
                )
                continue
            session.add(Activiteit(id=f"act-{e['id']}", soort=e["meeting"], onderwerp=e["subject"], datum=on))
            session.add(
                Toezegging(
                    id=e["id"],
                    nummer=e["id"].upper(),
                    tekst=e["text"],
                    status="Openstaand",
                    naam=e["who"][0],
                    functie=e["who"][1],
                    ministerie=e["ministry"],
                    activiteit_id=f"act-{e['id']}",
                    aanmaakdatum=datetime.combine(on, datetime.min.time(), UTC),
                    datum_nakoming=date(1, 1, 1),
                )
            )
    engine.dispose()


def _referring(out: Score) -> None:
    """Count the letters' promises that refer back, and those after a fulfilment, as the rule reads them."""
    for path in sorted(DEVSET.glob("*.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        if meta["kind"] != "letter":
            continue
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        on = date.fromisoformat(meta["date"]) if meta["date"] else None
        for fc in analyse(SourceText(text=text, kind="letter", date=on), on).commitments:
            p = restating(fc.text, text[: fc.start], refs=fc.refs, on=on, document_id=meta["id"])
            if p.cue or p.keys:
                out.referring += 1
                out.after_fulfilment += p.fulfils


def score() -> Score:
    labels = json.loads((HERE / "earlier.json").read_text(encoding="utf-8"))
    earlier_ids = {e["id"] for e in labels["earlier"]}
    out = Score(labelled=len(labels["restatements"]))
    _referring(out)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'restatements.db'}"
        load(url, labels)
        engine = make_engine(url)
        summary = track(engine, TODAY)
        out.letters = summary.letters - sum(1 for e in labels["earlier"] if e["kind"] == "letter")
        with Session(engine) as session:
            rows = session.exec(select(Commitment)).all()
            whose = {c.id: c.register_id or c.document_id or "" for c in rows}
            out.rows = sum(1 for c in rows if c.source == "letter" and c.document_id not in earlier_ids)
            moved = {
                (e.commitment_id, (e.cause or "").split()[2]): (e.old, e.new)
                for e in session.exec(select(StatusEvent).where(StatusEvent.field == "due")).all()
                if (e.cause or "").startswith(("postponed by ", "restated by "))
            }
            for r in session.exec(select(Restatement).order_by(Restatement.id)).all():
                for promise in r.text.split(" … "):
                    out.merges.append(
                        Merge(
                            r.document_id,
                            promise,
                            whose[r.commitment_id],
                            moved.get((r.commitment_id, r.document_id)),
                        )
                    )
        engine.dispose()
    out.promises = out.rows + len(out.merges)
    for m in out.merges:
        label = next(
            (
                x
                for x in labels["restatements"]
                if x["letter"] == m.letter and _flat(m.promise).startswith(_flat(x["promise"]))
            ),
            None,
        )
        if label and m.earlier in (label["restates"], *label.get("also", ())):
            out.right.append(m)
        else:
            out.wrong.append(m)
    found = {(m.letter, _flat(m.promise)) for m in out.right}
    for x in labels["restatements"]:
        if not any(letter == x["letter"] and p.startswith(_flat(x["promise"])) for letter, p in found):
            out.missed.append(f"{x['letter']}: {x['promise']}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show each merge")
    args = parser.parse_args(argv)
    if not DEVSET.is_dir():
        raise SystemExit(f"no dev set at {DEVSET} (set TOEZEGGINGEN_SHARED)")
    s = score()
    lines = [
        f"letters read: {s.letters}; their promises: {s.promises}, rows of their own after the run: {s.rows}",
        f"promises that refer back to an earlier one: {s.referring}"
        f" ({s.after_fulfilment} after the letter fulfilled it: new promises)",
        f"merged with an earlier commitment: {len(s.merges)} (right {len(s.right)}, wrong {len(s.wrong)})",
        f"labelled restatements: {s.labelled}; found {s.labelled - len(s.missed)}, missed {len(s.missed)}",
        *(f"  wrong: {m.letter}: {m.promise} -> {m.earlier}" for m in s.wrong),
        *(f"  missed: {x}" for x in s.missed),
    ]
    if args.verbose:
        for m in s.merges:
            mark = "right" if m in s.right else "WRONG"
            lines.append(f"[{mark}] {m.letter}: {m.promise}\n    -> {m.earlier}; due {m.due or 'unchanged'}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
