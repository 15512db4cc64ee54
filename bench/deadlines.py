"""Devset deadline exactness and find_deadline speed.

.venv/bin/python bench/deadlines.py
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from tracker.deadlines import find_deadline

DEVSET = Path(__file__).resolve().parent.parent.parent / "shared" / "devset"


def main() -> int:
    gold = json.loads((DEVSET / "annotations.json").read_text(encoding="utf-8"))
    total = exact = 0
    sentences: list[tuple[str, date | None]] = []
    for doc_id, ann in gold.items():
        meta = json.loads((DEVSET / "docs" / f"{doc_id}.json").read_text(encoding="utf-8"))
        on = date.fromisoformat(meta["date"]) if meta["date"] else None
        text = (DEVSET / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8")
        sentences += [(line, on) for line in text.splitlines() if line.strip()]
        for c in ann["commitments"]:
            total += 1
            found = find_deadline(c["text"], on)
            got = (
                found.text if found else None,
                found.due.isoformat() if found and found.due else None,
                found.kind if found else None,
            )
            want = (c["deadline_text"], c["due"], c["kind"])
            if got == want:
                exact += 1
            else:
                print(f"MISS {doc_id}: want {want} got {got}")
    print(f"devset deadlines exact (text, due, kind): {exact}/{total}")
    start = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for line, on in sentences:
            find_deadline(line, on)
    per = (time.perf_counter() - start) / (rounds * len(sentences)) * 1e6
    print(f"find_deadline: {per:.0f} µs per line over {len(sentences)} devset lines")
    return 0 if exact == total else 1


if __name__ == "__main__":
    sys.exit(main())
