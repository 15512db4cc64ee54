"""Digests at scale: 1,000 subscriptions over 50,000 commitments.

    .venv/bin/python -m bench.digest                        # full size, SQLite in a temporary folder
    .venv/bin/python -m bench.digest --commitments 5000 --subscriptions 100
    .venv/bin/python -m bench.digest --url postgresql+psycopg://…/bench   # an empty database

The data comes from `bench.dataset.build` (realistic, from real templates) when that module is there,
else from a simple generator here. Subscriptions: a ministry, a minister, a dossier, a committee, two
ministries, or ten followed commitments each, weekly and daily mixed. It composes each subscription's
digest alone, counting the queries (a `before_cursor_execute` listener) beside the items it lists, then
runs the whole weekly and daily digest run (compose, render with inlined CSS, write to the outbox) and
prints its time. Queries per digest must not grow with the number of items.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from db.engine import make_engine, migrate
from db.models import Commitment, Fulfilment, StatusEvent, Subscription
from db.vocabulary import Frequency, LinkState, Source, Status, StatusSource
from tracker.digest import compose_digest, current_period
from tracker.mail import MailConfig
from tracker.outbox import queue_digests
from tracker.subscriptions import Scope

NOW = datetime(2025, 10, 1, 8, 0, tzinfo=UTC)  # a Wednesday; bench.dataset's "today"
MINISTRIES = [
    "Justitie en Veiligheid",
    "Financiën",
    "Volksgezondheid, Welzijn en Sport",
    "Onderwijs, Cultuur en Wetenschap",
    "Binnenlandse Zaken en Koninkrijksrelaties",
    "Infrastructuur en Waterstaat",
    "Economische Zaken",
    "Sociale Zaken en Werkgelegenheid",
    "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Defensie",
    "Buitenlandse Zaken",
    "Klimaat en Groene Groei",
]


def generate(engine: Engine, n: int, seed: int = 0) -> None:
    """A simple stand-in for bench.dataset: commitments, accepted letters and history, in bulk."""
    rnd = random.Random(seed)
    ministers = [f"Minister {chr(65 + i)}. van Dijk" for i in range(40)]
    dossiers = [str(28000 + i * 37) for i in range(300)]
    rows, links, events = [], [], []
    for i in range(1, n + 1):
        made = date(2012, 1, 1) + timedelta(days=rnd.randrange(5000))
        due = made + timedelta(days=rnd.randrange(30, 900)) if rnd.random() < 0.8 else None
        status = rnd.choices(list(Status)[:1] + list(Status)[2:], weights=(45, 40, 8, 7))[0]
        # found by the tracker within a month of being made, as a running installation does
        created = min(NOW, datetime.combine(made, time(12), UTC) + timedelta(days=rnd.random() * 30))
        rows.append(
            {
                "id": i,
                "key": f"bench:{i}",
                "source": rnd.choice(list(Source)),
                "text": f"Ik zeg toe de Kamer te informeren over onderwerp {i}.",
                "minister": rnd.choice(ministers),
                "ministry": rnd.choice(MINISTRIES),
                "made_on": made,
                "due": due,
                "dossier": rnd.choice(dossiers),
                "made_in": f"Kamerstuk {rnd.choice(dossiers)}, nr. {rnd.randrange(1, 300)}",
                "status": status,
                "status_source": StatusSource.DETECTED,
                "created_at": created,
                "updated_at": created,
                "in_register": False,
                "vague": False,
                "conditional": False,
                "confidence": 0.9,
                "person_locked": False,
                "due_locked": False,
            }
        )
        if status in (Status.FULFILLED, Status.PARTLY_FULFILLED):
            at = min(NOW, created + timedelta(days=rnd.random() * 700))
            links.append(
                {
                    "commitment_id": i,
                    "document_id": f"doc-{i}",
                    "document_number": f"2025D{i:05d}",
                    "score": 0.9,
                    "method": "phrase",
                    "partial": status is Status.PARTLY_FULFILLED,
                    "signals": [],
                    "state": LinkState.ACCEPTED,
                    "evidence_document": "Hiermee doe ik mijn toezegging gestand.",
                    "document_date": at.date(),
                    "created_at": at,
                }
            )
            events.append(
                {
                    "commitment_id": i,
                    "at": at,
                    "field": "status",
                    "old": "open",
                    "new": status,
                    "cause": "fulfilled",
                    "who": "machine",
                }
            )
        if due and rnd.random() < 0.05:
            at = min(NOW, created + timedelta(days=rnd.random() * 400))
            events.append(
                {
                    "commitment_id": i,
                    "at": at,
                    "field": "due",
                    "old": "2025-01-01",
                    "new": due.isoformat(),
                    "cause": "postponed by 2025D00001 (score 0.8)",
                    "who": "machine",
                }
            )
    with engine.begin() as conn:
        for model, batch in ((Commitment, rows), (Fulfilment, links), (StatusEvent, events)):
            for start in range(0, len(batch), 5000):
                conn.execute(insert(model), batch[start : start + 5000])


def subscribe_many(engine: Engine, n: int, seed: int = 0) -> None:
    rnd = random.Random(seed)
    with Session(engine) as s:
        ministers = [m for (m,) in s.execute(select(Commitment.minister).distinct()).all() if m]
        ministries = [m for (m,) in s.execute(select(Commitment.ministry).distinct()).all() if m]
        dossiers = [d for (d,) in s.execute(select(Commitment.dossier).distinct().limit(500)).all() if d]
        ids = [i for (i,) in s.execute(select(Commitment.id).limit(20_000)).all()]
    scopes: list[dict[str, Any]] = []
    for i in range(n):
        kind = i % 6
        scopes.append(
            [
                {"ministries": [rnd.choice(ministries)]},
                {"ministers": [rnd.choice(ministers)]},
                {"dossiers": [rnd.choice(dossiers)]},
                {"ministries": rnd.sample(ministries, 2)},
                {"commitments": rnd.sample(ids, 10)},
                {"ministries": [rnd.choice(ministries)], "dossiers": [rnd.choice(dossiers)]},
            ][kind]
        )
    rows = [
        {
            "email": f"abonnee{i}@example.org",
            "ministries": [],
            "committees": [],
            "dossiers": [],
            "ministers": [],
            "made_to": [],
            "commitments": [],
            **scope,
            "frequency": Frequency.DAILY if i % 5 == 0 else Frequency.WEEKLY,
            "created_at": NOW - timedelta(days=30),
            "confirmed_at": NOW - timedelta(days=30),
        }
        for i, scope in enumerate(scopes)
    ]
    with engine.begin() as conn:
        conn.execute(insert(Subscription), rows)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--commitments", type=int, default=50_000)
    parser.add_argument("--subscriptions", type=int, default=1_000)
    parser.add_argument("--url", help="an empty database (default: a SQLite file in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(args.url or f"sqlite:///{Path(tmp) / 'digest-bench.db'}")
        migrate(engine)
        t0 = clock.perf_counter()
        try:
            from bench.dataset import build  # the shared realistic dataset, where it exists

            build(engine, commitments=args.commitments, seed=0)
            source = "bench.dataset"
        except ImportError:
            generate(engine, args.commitments)
            source = "the simple generator in bench/digest.py"
        subscribe_many(engine, args.subscriptions)
        print(
            f"data: {args.commitments:,} commitments ({source}), {args.subscriptions:,} subscriptions, "
            f"{clock.perf_counter() - t0:.1f} s"
        )

        queries = 0

        def count(*_: object) -> None:
            nonlocal queries
            queries += 1

        event.listen(engine, "before_cursor_execute", count)
        per_digest: list[tuple[int, int]] = []  # (queries, items listed + counted)
        with Session(engine) as session:
            subs = list(session.exec(select(Subscription)).scalars())  # type: ignore[call-overload]
            t1 = clock.perf_counter()
            for sub in subs:
                period = current_period(NOW, Frequency(sub.frequency))
                before = queries
                msg = compose_digest(
                    session,
                    Scope.of(sub),
                    NOW - period.length,
                    NOW,
                    frequency=period.frequency,
                    dashboard_url="x",
                )
                per_digest.append((queries - before, sum(s.total for s in msg.sections)))
            compose_time = clock.perf_counter() - t1
        q = [n for n, _ in per_digest]
        small = [n for n, items in per_digest if items <= statistics.median(i for _, i in per_digest)]
        large = [n for n, items in per_digest if items > statistics.median(i for _, i in per_digest)]
        items = sorted(i for _, i in per_digest)
        print(
            f"compose only: {compose_time:.1f} s for {len(subs):,} digests "
            f"({1000 * compose_time / len(subs):.0f} ms each)"
        )
        print(
            f"queries per digest: min {min(q)}, median {statistics.median(q):g}, max {max(q)}; "
            f"digests with <= median items: max {max(small, default=0)}, "
            f"with more: max {max(large, default=0)}"
        )
        print(
            f"items per digest (counts on top): min {items[0]:,}, "
            f"median {items[len(items) // 2]:,}, max {items[-1]:,}"
        )
        config = MailConfig(
            dashboard_url="https://toezeggingen.example.org", sender="digest@example.org", secret="b" * 32
        )
        queries = 0
        t2 = clock.perf_counter()
        result = queue_digests(engine, config, list(Frequency), NOW)
        total = clock.perf_counter() - t2
        print(
            f"full run (compose, render, inline CSS, write to the outbox): {total:.1f} s; "
            f"{result.composed:,} messages, {result.empty:,} with nothing to say; "
            f"{queries / len(subs):.1f} queries per subscription"
        )
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
