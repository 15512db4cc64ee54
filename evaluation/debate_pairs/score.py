"""Measure `tracker.debate.merge` on the labelled pairs: `python -m evaluation.debate_pairs.score [-v]`.

For each transcript in ../shared/corpus/tk-vlos-verslagen with a label file here, the extractor runs, then
the merge; a predicted pair is (spoken sentence, item) where the item is any reading of the chair's item the
spoken sentence was merged into. Prints pair precision and recall, rows before (chair readings + spoken
commitments) and after merging, and the shadow-register rows.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tracker.debate import merge
from tracker.documents import read_document
from tracker.extract import analyse

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("TOEZEGGINGEN_SHARED", HERE.parents[2] / "shared"))
TRANSCRIPTS = SHARED / "corpus" / "tk-vlos-verslagen"


def _flat(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Score:
    true_pos: int = 0
    predicted: int = 0
    labelled: int = 0
    rows_before: int = 0
    rows_after: int = 0
    shadow: int = 0
    items: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_pos / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_pos / self.labelled if self.labelled else 1.0

    def add(self, other: Score) -> None:
        for name in ("true_pos", "predicted", "labelled", "rows_before", "rows_after", "shadow", "items"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors


def score_transcript(label_file: Path) -> Score:
    labels = json.loads(label_file.read_text(encoding="utf-8"))
    source = read_document((TRANSCRIPTS / labels["file"]).read_bytes(), labels["file"])
    commitments = analyse(source).commitments
    promises = merge(source, commitments)
    # an item is known by any of its readings
    item_of = {reading: n for n, item in enumerate(labels["items"]) for reading in item["readings"]}
    truth = {(p["spoken"], item_of[p["item"]]) for p in labels["pairs"]}
    predicted: set[tuple[str, int]] = set()
    for promise in promises:
        if not promise.in_chair_list:
            continue
        n = next((item_of[_flat(r)] for r in promise.readings if _flat(r) in item_of), -1)
        for c in promise.spoken:
            predicted.add((_flat(c.text), n))
    s = Score(
        true_pos=len(truth & predicted),
        predicted=len(predicted),
        labelled=len(truth),
        rows_before=len(commitments),
        rows_after=len(promises),
        shadow=sum(not p.in_chair_list for p in promises),
        items=sum(p.in_chair_list for p in promises),
    )
    name = labels["title"]
    texts = {n: item["readings"][-1] for n, item in enumerate(labels["items"])}
    for spoken, n in sorted(predicted - truth):
        s.errors.append(f"[{name}] false pair: {spoken[:90]!r} -> {texts.get(n, '?')[:70]!r}")
    for spoken, n in sorted(truth - predicted):
        s.errors.append(f"[{name}] missed pair: {spoken[:90]!r} -> {texts[n][:70]!r}")
    return s


def score_all() -> tuple[Score, dict[str, Score]]:
    total = Score()
    per: dict[str, Score] = {}
    for label_file in sorted(HERE.glob("*.json")):
        s = score_transcript(label_file)
        per[json.loads(label_file.read_text(encoding="utf-8"))["title"]] = s
        total.add(s)
    return total, per


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list the false and missed pairs")
    args = parser.parse_args()
    if not TRANSCRIPTS.is_dir():
        raise SystemExit(f"no transcripts at {TRANSCRIPTS} (set TOEZEGGINGEN_SHARED)")
    total, per = score_all()
    for title, s in per.items():
        _out(
            f"{title[:48]:48}  pairs {s.true_pos:2}/{s.labelled:2} (predicted {s.predicted:2})  "
            f"rows {s.rows_before:3} -> {s.rows_after:3}  shadow {s.shadow:2}"
        )
    _out(
        f"\npair precision {total.precision:.3f}  recall {total.recall:.3f}  "
        f"({total.true_pos} of {total.labelled} labelled pairs found, {total.predicted} predicted)"
    )
    _out(
        f"rows before {total.rows_before} (chair readings + spoken)  after {total.rows_after}  "
        f"(chair items {total.items}, shadow register {total.shadow})"
    )
    if args.verbose:
        _out("\n".join(["", *total.errors]))


if __name__ == "__main__":
    main()
