"""One promise, one row, measured: the bundled sample and the nine real transcripts in ../shared.

    .venv/bin/python -m bench.promises            # both
    .venv/bin/python -m bench.promises --sample   # the bundled sample only

Runs `track` on a fresh SQLite database and counts the commitments: per source, the shadow register (debate
promises the chair's list missed), rows with a ministry, rows with `made_to`, distinct ministers and person
ids. The nine transcripts are stored as they would be synced (a blob and a Transcript row each).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import zlib
from collections import Counter
from datetime import date
from hashlib import sha256
from pathlib import Path

from sqlmodel import Session, select

from db.engine import make_engine, migrate, session_scope
from db.models import Blob, Commitment, Transcript
from tracker.track import track

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "tk-vlos-verslagen"
TODAY = date(2026, 1, 1)


def _columns(c: Commitment, name: str, default: object = None) -> object:
    return getattr(c, name, default)


def report(engine, label: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    with Session(engine) as s:
        rows = list(s.exec(select(Commitment).order_by(Commitment.id)).all())
    by_source = Counter(c.source for c in rows)
    shadow = sum(1 for c in rows if _columns(c, "in_chair_list") is False)
    ministry = sum(1 for c in rows if c.ministry)
    made_to = sum(1 for c in rows if _columns(c, "made_to"))
    chair = sum(1 for c in rows if _columns(c, "in_chair_list") is True)
    ministers = sorted({c.minister for c in rows if c.minister})
    persons = {_columns(c, "person_id") for c in rows if _columns(c, "person_id")}
    out = {
        "rows": len(rows),
        "by_source": dict(sorted(by_source.items())),
        "shadow": shadow,
        "chair_items": chair,
        "with_ministry": ministry,
        "with_made_to": made_to,
        "made_to_on_chair_items": sum(
            1 for c in rows if _columns(c, "made_to") and _columns(c, "in_chair_list") is not False
        ),
        "ministers": ministers,
        "person_ids": len(persons),
    }
    print(f"== {label}")
    for k, v in out.items():
        print(f"  {k}: {v}")
    return out


def sample() -> dict[str, object]:
    from scraper.sample import SAMPLE_DIR
    from scraper.sync import sync
    from tests.sync_factories import OFFLINE

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/sample.db")
        migrate(engine)
        sync(engine, OFFLINE, snapshot=SAMPLE_DIR, progress=False)
        track(engine, TODAY)
        out = report(engine, "bundled sample")
        engine.dispose()
    return out


def nine() -> dict[str, object]:
    files = sorted(CORPUS.glob("*.xml"))
    if not files:
        print(f"no transcripts in {CORPUS}")
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/nine.db")
        migrate(engine)
        with session_scope(engine) as s:
            for n, path in enumerate(files):
                data = path.read_bytes()
                head = data[:4000].decode("utf-8", "ignore")
                title = re.search(r"<titel>(.*?)</titel>", head)
                on = re.search(r"<datum>(\d{4}-\d\d-\d\d)", head)
                soort = re.search(r'<vergadering soort="(\w+)"', head)
                digest = sha256(data).hexdigest()
                s.add(Blob(sha256=digest, size=len(data), content_type="text/xml", data=zlib.compress(data)))
                s.add(
                    Transcript(
                        vergadering_id=f"verg-{n}",
                        verslag_id=path.stem,
                        blob_sha256=digest,
                        titel=title.group(1) if title else path.stem,
                        datum=date.fromisoformat(on.group(1)) if on else None,
                        soort=soort.group(1) if soort else None,
                    )
                )
        track(engine, TODAY)
        out = report(engine, f"the {len(files)} transcripts in {CORPUS.name}")
        engine.dispose()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", action="store_true", help="the bundled sample only")
    args = parser.parse_args()
    sample()
    if not args.sample:
        nine()
    return 0


if __name__ == "__main__":
    sys.exit(main())
