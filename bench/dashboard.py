"""The dashboard at scale: every page's query time and server render time on 100,000 commitments, on
SQLite and PostgreSQL (issue 8's target: under a second of server time per page).

    .venv/bin/python -m bench.dashboard                          # 100,000 commitments, both databases
    .venv/bin/python -m bench.dashboard --commitments 10000 --sqlite-only

The database comes from `bench.dataset.build` (real templates). For each page: "query" is the data
the page reads through `dashboard.data`, bypassing the cache; "page, cold" is a whole AppTest run of the
page with an empty cache (queries + building the page); "page, warm" the same run again with the query
results cached. Medians of 3 runs after one warm-up; milliseconds.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st
from sqlalchemy import text
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from bench import dataset
from dashboard import data
from dashboard.filters import LettersView
from db.engine import make_engine, migrate
from db.vocabulary import Status
from toezeggingen.settings import get_settings
from tracker.queries import CommitmentFilter

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "app.py"
TODAY = dataset.TODAY
RUNS = 3
TARGET_MS = 1000.0
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@/postgres?host=/var/run/postgresql"
)


@dataclass(frozen=True)
class PageCase:
    name: str
    script: str
    params: dict[str, str | list[str]]
    query: Callable[[str], Any]  # what the page reads, through dashboard.data


def raw(cached: Any) -> Any:
    """The function behind `st.cache_data`: a query timed without the cache."""
    return cached.__wrapped__


def cases(url: str, some_id: int) -> list[PageCase]:
    day = TODAY
    overdue = CommitmentFilter(statuses=(Status.OVERDUE,))
    search = CommitmentFilter(text="rapportage")

    def overview(u: str) -> Any:
        return (
            raw(data.options)(u),
            raw(data.overview)(u, CommitmentFilter(), day),
            raw(data.figures)(u, day, "ministry", CommitmentFilter()),
            raw(data.figures)(u, day, "minister", CommitmentFilter()),
        )

    return [
        PageCase("/ (Overzicht)", "app_pages/overzicht.py", {}, overview),
        PageCase(
            "/toezeggingen",
            "app_pages/toezeggingen.py",
            {},
            lambda u: (raw(data.options)(u), raw(data.commitments)(u, CommitmentFilter(), day, "due", 1)),
        ),
        PageCase(
            "/toezeggingen?status=overdue",
            "app_pages/toezeggingen.py",
            {"status": "overdue"},
            lambda u: (raw(data.options)(u), raw(data.commitments)(u, overdue, day, "due", 1)),
        ),
        PageCase(
            "/toezeggingen?q=rapportage&sort=-made_on&pagina=20",
            "app_pages/toezeggingen.py",
            {"q": "rapportage", "sort": "-made_on", "pagina": "20"},
            lambda u: (raw(data.options)(u), raw(data.commitments)(u, search, day, "-made_on", 20)),
        ),
        PageCase(
            f"/toezegging?id={some_id}",
            "app_pages/toezegging.py",
            {"id": str(some_id)},
            lambda u: raw(data.commitment)(u, some_id, day),
        ),
        PageCase(
            "/te-bevestigen",
            "app_pages/te_bevestigen.py",
            {},
            lambda u: (raw(data.options)(u), raw(data.candidates)(u, day, "", 1)),
        ),
        PageCase(
            "/te-bevestigen?pagina=100",
            "app_pages/te_bevestigen.py",
            {"pagina": "100"},
            lambda u: (raw(data.options)(u), raw(data.candidates)(u, day, "", 100)),
        ),
        PageCase(
            "/brieven",
            "app_pages/brieven.py",
            {},
            lambda u: (raw(data.options)(u), raw(data.letters)(u, day, LettersView())),
        ),
        PageCase(
            "/bewindspersonen",
            "app_pages/bewindspersonen.py",
            {},
            lambda u: (raw(data.figures)(u, day, "minister"), raw(data.figures)(u, day, "ministry")),
        ),
        PageCase(
            "/beheer (editor)",
            "app_pages/beheer.py",
            {},
            lambda u: (raw(data.runs)(u), raw(data.failures)(u)),
        ),
    ]


def _ms(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _median(work: Callable[[], Any], prepare: Callable[[], None] = lambda: None) -> float:
    prepare()
    work()  # warm-up: imports, the engine, the database's own caches
    times = []
    for _ in range(RUNS):
        prepare()
        times.append(_ms(work))
    return statistics.median(times)


def run_page(case: PageCase) -> Callable[[], None]:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["editor"] = "bench"  # Beheer is for editors
    at.run()
    at.switch_page(case.script)

    def work() -> None:
        at.query_params.clear()
        at.query_params.update(case.params)
        at.run()
        if at.exception:
            raise RuntimeError(f"{case.name}: {at.exception[0].value}")

    return work


def measure(url: str) -> list[tuple[str, float, float, float]]:
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # bare-mode warnings of the query timings
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    data.today = lambda: TODAY  # the dataset's "today", so overdue and due soon mean what they would
    with data._engine(url).connect() as conn:
        some_id = conn.execute(text("SELECT min(id) FROM commitment WHERE status = 'fulfilled'")).scalar_one()
    rows = []
    for case in cases(url, some_id):
        query = _median(lambda c=case: c.query(url))  # type: ignore[misc]
        page = run_page(case)
        cold = _median(page, st.cache_data.clear)
        warm = _median(page)
        rows.append((case.name, query, cold, warm))
    return rows


# --------------------------------------------------------------------------- the database


def build(engine: Engine, n: int) -> float:
    migrate(engine)
    started = time.perf_counter()
    dataset.build(engine, commitments=n)
    return time.perf_counter() - started


@contextmanager
def postgres_database() -> Iterator[str | None]:
    """A throwaway database on the local PostgreSQL server, dropped at the end (None without a server)."""
    name = f"toezeggingen_bench_dashboard_{os.getpid()}"
    try:
        admin = make_engine(POSTGRES_ADMIN_URL).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        print(f"PostgreSQL skipped: {str(exc).splitlines()[0]}")
        yield None
        return
    base, _, query = POSTGRES_ADMIN_URL.partition("?")
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}" + (f"?{query}" if query else "")
    finally:
        data._engine.clear()  # close the pool before the drop
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def report(label: str, seconds: float, rows: list[tuple[str, float, float, float]]) -> None:
    print(f"\n{label}: built in {seconds:.0f} s (bench.dataset)")
    print(f"{'page':52} {'query':>8} {'page, cold':>11} {'page, warm':>11}")
    for name, query, cold, warm in rows:
        flag = "" if cold < TARGET_MS else "  over 1 s"
        print(f"{name:52} {query:8.0f} {cold:11.0f} {warm:11.0f}{flag}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="toezeggingen-dashboard-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = make_engine(url)
        seconds = build(engine, args.commitments)
        engine.dispose()
        report(f"SQLite, {args.commitments:,} commitments", seconds, measure(url))
    if not args.sqlite_only:
        with postgres_database() as pg_url:
            if pg_url:
                engine = make_engine(pg_url)
                seconds = build(engine, args.commitments)
                engine.dispose()
                report(f"PostgreSQL, {args.commitments:,} commitments", seconds, measure(pg_url))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
