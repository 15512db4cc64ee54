"""Reading and scoring a held-out set (evaluation/<set>/): its documents, labels and the extractor's scores.

Scores are matched exactly as the shared scoring tool matches them. Shared by tests/test_heldout.py and
tests/test_heldout2.py, which bind these to their own set's directory.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType

from tests.conftest import SHARED
from tracker.documents import read_document
from tracker.extract import analyse, to_json

KINDS = {
    "explicit", "month", "quarter", "half", "part_of_year", "year", "season", "recess", "event", "duration",
    "after", "vague", "recurring",
}  # fmt: skip


def load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def scorer() -> ModuleType:
    return load(SHARED / "tools" / "score_extraction.py", "score_extraction")


def annotations(heldout: Path) -> dict:
    return json.loads((heldout / "annotations.json").read_text())


def meta(heldout: Path, doc_id: str) -> dict:
    return json.loads((heldout / "docs" / f"{doc_id}.json").read_text())


def text(heldout: Path, doc_id: str) -> str:
    return (heldout / "docs" / f"{doc_id}.txt").read_text()


@cache
def scores(heldout: Path) -> dict[str, float]:
    """The scoring tool's figures, computed in-process on the plain-text documents."""
    tool = scorer()
    c_tp = c_pred = c_gold = f_tp = f_pred = f_gold = d_ok = d_total = 0
    for doc_id, gold in sorted(annotations(heldout).items()):
        path = heldout / "docs" / f"{doc_id}.txt"
        day = meta(heldout, doc_id)["date"]
        source = read_document(path.read_bytes(), path.name)
        out = json.loads(json.dumps(to_json(analyse(source, date.fromisoformat(day) if day else None))))
        preds, golds = out["commitments"], gold["commitments"]
        pairs = tool.match(preds, golds)
        clear = [(i, j) for i, j in pairs if golds[j]["tier"] == "clear"]
        c_tp += len(clear)
        c_pred += len(preds) - (len(pairs) - len(clear))
        c_gold += sum(g["tier"] == "clear" for g in golds)
        for i, j in clear:
            if golds[j]["due"]:
                d_total += 1
                d_ok += (preds[i].get("deadline") or {}).get("due") == golds[j]["due"]
        fpairs = tool.match(out["fulfilments"], gold["fulfilments"])
        f_tp += len(fpairs)
        f_pred += len(out["fulfilments"])
        f_gold += len(gold["fulfilments"])
    p, r, _ = tool.prf(c_tp, c_pred, c_gold)
    _, _, ff = tool.prf(f_tp, f_pred, f_gold)
    return {"precision": p, "recall": r, "deadline": d_ok / d_total if d_total else 1.0, "fulfilment_f1": ff}
