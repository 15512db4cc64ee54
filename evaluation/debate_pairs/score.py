"""Measure `tracker.debate.merge` on the labelled pairs.

    python -m evaluation.debate_pairs.score [-v] [--loo]

For each transcript in ../shared/corpus/tk-vlos-verslagen with a label file here, the extractor runs, then
the merge; a predicted pair is (spoken sentence, item) where the item is any reading of the chair's item the
spoken sentence was merged into. Prints pair precision and recall, rows before (chair readings + spoken
commitments) and after merging, and the shadow-register rows.

`--loo` guards against weights learnt by heart: for each transcript in turn, the threshold and the weights in
`GRID` are chosen on the other transcripts (best F1 of the pairs, ties to the nearest of `WEIGHTS`) and
scored on the one left out; the held-out counts are summed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from tracker.debate import WEIGHTS, Weights, merge
from tracker.documents import SourceText, read_document
from tracker.extract import FoundCommitment, analyse

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("TOEZEGGINGEN_SHARED", HERE.parents[2] / "shared"))
TRANSCRIPTS = SHARED / "corpus" / "tk-vlos-verslagen"

# What leave-one-out chooses from: every combination of these values of `Weights`' fields.
GRID: dict[str, tuple[float, ...]] = {
    "threshold": (0.35, 0.4, 0.45, 0.5, 0.55),
    "member": (0.15, 0.25, 0.35),
    "deadline": (0.15, 0.25, 0.35),
    "noted": (0.0, 0.15, 0.3),
}


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

    @property
    def f1(self) -> float:
        both = self.predicted + self.labelled
        return 2 * self.true_pos / both if both else 1.0

    def add(self, other: Score) -> None:
        for name in ("true_pos", "predicted", "labelled", "rows_before", "rows_after", "shadow", "items"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors


@dataclass(frozen=True)
class Case:
    """One labelled transcript, read and run through the extractor once."""

    labels: dict  # type: ignore[type-arg]
    source: SourceText
    commitments: tuple[FoundCommitment, ...]

    @property
    def title(self) -> str:
        return str(self.labels["title"])


def cases() -> list[Case]:
    out = []
    for label_file in sorted(HERE.glob("*.json")):
        labels = json.loads(label_file.read_text(encoding="utf-8"))
        source = read_document((TRANSCRIPTS / labels["file"]).read_bytes(), labels["file"])
        out.append(Case(labels, source, tuple(analyse(source).commitments)))
    return out


def score_case(case: Case, weights: Weights = WEIGHTS) -> Score:
    labels = case.labels
    promises = merge(case.source, case.commitments, weights)
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
        rows_before=len(case.commitments),
        rows_after=len(promises),
        shadow=sum(not p.in_chair_list for p in promises),
        items=sum(p.in_chair_list for p in promises),
    )
    texts = {n: item["readings"][-1] for n, item in enumerate(labels["items"])}
    for spoken, n in sorted(predicted - truth):
        s.errors.append(f"[{case.title}] false pair: {spoken[:90]!r} -> {texts.get(n, '?')[:70]!r}")
    for spoken, n in sorted(truth - predicted):
        s.errors.append(f"[{case.title}] missed pair: {spoken[:90]!r} -> {texts[n][:70]!r}")
    return s


def score_all(weights: Weights = WEIGHTS, of: list[Case] | None = None) -> tuple[Score, dict[str, Score]]:
    total = Score()
    per: dict[str, Score] = {}
    for case in cases() if of is None else of:
        s = score_case(case, weights)
        per[case.title] = s
        total.add(s)
    return total, per


def _distance(w: Weights) -> float:
    return sum(abs(getattr(w, name) - getattr(WEIGHTS, name)) for name in GRID)


def _on_the_others(per: dict[str, Score], left_out: str, w: Weights) -> tuple[float, float, float]:
    """What a setting reaches without the transcript left out: the aim is precision and recall both high,
    so the lower of the two first; then F1; then nearness to the defaults."""
    s = Score()
    for title, score in per.items():
        if title != left_out:
            s.add(score)
    return min(s.precision, s.recall), s.f1, -_distance(w)


def leave_one_out(of: list[Case] | None = None) -> tuple[Score, dict[str, tuple[Weights, Score]]]:
    """Each transcript scored with the weights that do best on the others."""
    of = cases() if of is None else of
    grid = itertools.product(*GRID.values())
    settings = [replace(WEIGHTS, **dict(zip(GRID, values, strict=True))) for values in grid]
    scores = {w: {case.title: score_case(case, w) for case in of} for w in settings}
    total = Score()
    chosen: dict[str, tuple[Weights, Score]] = {}
    for case in of:
        best = max(settings, key=lambda w, left_out=case.title: _on_the_others(scores[w], left_out, w))
        held_out = scores[best][case.title]
        chosen[case.title] = (best, held_out)
        total.add(held_out)
    return total, chosen


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list the false and missed pairs")
    parser.add_argument("--loo", action="store_true", help="leave one transcript out (weights from the rest)")
    args = parser.parse_args()
    if not TRANSCRIPTS.is_dir():
        raise SystemExit(f"no transcripts at {TRANSCRIPTS} (set TOEZEGGINGEN_SHARED)")
    read = cases()
    total, per = score_all(of=read)
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
    if args.loo:
        loo, chosen = leave_one_out(read)
        _out("\nleave one transcript out (weights chosen on the others):")
        for title, (w, s) in chosen.items():
            picked = "  ".join(f"{name} {getattr(w, name):.2f}" for name in GRID)
            _out(
                f"{title[:48]:48}  pairs {s.true_pos:2}/{s.labelled:2} (predicted {s.predicted:2})  " + picked
            )
        _out(
            f"leave-one-out precision {loo.precision:.3f}  recall {loo.recall:.3f}  "
            f"({loo.true_pos} of {loo.labelled} found, {loo.predicted} predicted)"
        )
    if args.verbose:
        _out("\n".join(["", *total.errors]))


if __name__ == "__main__":
    main()
