"""The scheduler: jobs fire when due, one scheduler per database, SIGTERM leaves nothing half-stored."""

from __future__ import annotations

import contextlib
import itertools
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from db.engine import make_engine, migrate
from db.locks import LockHeld, run_lock
from db.models import Run, SyncCursor, Toezegging
from db.vocabulary import RunKind, RunState
from scraper.sync import sync
from tests import sync_factories as f
from tests.replay import ReplayServer, Reply
from toezeggingen.schedule import build_scheduler, job_specs
from toezeggingen.settings import Settings
from tracker.digest import AMSTERDAM

BOUND = 90.0  # seconds any wait below may take before the test fails (never an assertion on speed)


def specs(minutes: float = 30) -> dict[str, object]:
    settings = Settings(**{"TOEZEGGINGEN_SYNC_MINUTES": minutes})  # type: ignore[arg-type]
    return {s.id: s for s in job_specs(settings)}


def fires(job: str, after: datetime, n: int = 3) -> list[datetime]:
    trigger = specs()[job].trigger  # type: ignore[attr-defined]
    out, previous, now = [], None, after
    for _ in range(n):
        nxt = trigger.get_next_fire_time(previous, now)
        out.append(nxt.astimezone(AMSTERDAM).replace(tzinfo=None))
        previous, now = nxt, nxt + timedelta(microseconds=1)
    return out


def test_the_weekly_digest_fires_on_monday_at_seven_in_amsterdam_summer_and_winter() -> None:
    assert fires("digest-weekly", datetime(2015, 10, 20, tzinfo=UTC)) == [
        datetime(2015, 10, 26, 7, 0),  # the Monday after the clocks went back
        datetime(2015, 11, 2, 7, 0),
        datetime(2015, 11, 9, 7, 0),
    ]
    first = specs()["digest-weekly"].trigger.get_next_fire_time(None, datetime(2015, 7, 1, tzinfo=UTC))  # type: ignore[attr-defined]
    assert first.astimezone(UTC) == datetime(2015, 7, 6, 5, 0, tzinfo=UTC)  # 07:00 CEST


def test_the_daily_digest_fires_every_working_day_at_seven() -> None:
    days = fires("digest-daily", datetime(2015, 7, 2, 8, 0, tzinfo=AMSTERDAM), n=4)  # Thursday after seven
    assert days == [datetime(2015, 7, d, 7, 0) for d in (3, 6, 7, 8)]  # Friday, then Monday on


def test_sync_fires_every_interval_and_the_interval_is_a_setting() -> None:
    trigger = specs(minutes=30)["sync"].trigger  # type: ignore[attr-defined]
    start = datetime(2015, 7, 2, 12, 0, tzinfo=AMSTERDAM)
    first = trigger.get_next_fire_time(None, start)
    assert trigger.get_next_fire_time(first, first) - first == timedelta(minutes=30)
    short = specs(minutes=0.05)["sync"]
    assert short.trigger.interval == timedelta(seconds=3)  # type: ignore[attr-defined]
    assert short.grace == 3  # type: ignore[attr-defined]


def test_every_job_coalesces_runs_once_at_a_time_and_has_a_grace_time(sqlite_engine: Engine) -> None:
    settings = Settings(**{"DATABASE_URL": str(sqlite_engine.url)})  # type: ignore[arg-type]
    scheduler = build_scheduler(sqlite_engine, settings, now=datetime(2015, 7, 2, 12, 0, tzinfo=AMSTERDAM))
    jobs = {j.id: j for j, _, _ in scheduler._pending_jobs}
    assert set(jobs) == {"sync", "digest-weekly", "digest-daily", "outbox"}
    for job in jobs.values():
        assert job.coalesce and job.max_instances == 1 and job.misfire_grace_time >= 60
    assert jobs["digest-weekly"].misfire_grace_time == 6 * 3600


def test_a_lock_has_one_holder(engine: Engine) -> None:
    with run_lock(engine, "test"):
        with pytest.raises(LockHeld), run_lock(engine, "test"):
            pass
        with run_lock(engine, "other"):
            pass
    with run_lock(engine, "test"):  # free again
        pass


# --------------------------------------------------------------------------- real processes


class Process:
    """`toezeggingen schedule` in a subprocess, its log lines read as they come."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "toezeggingen.cli", "schedule"],
            env={**os.environ, **env},
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        self.lines: list[str] = []
        self._new: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)
            self._new.put(line)

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + BOUND
        while not any(text in line for line in self.lines):
            if time.monotonic() > deadline or (self.proc.poll() is not None and self._new.empty()):
                raise AssertionError(f"never logged {text!r}:\n{''.join(self.lines)}")
            with contextlib.suppress(queue.Empty):
                self._new.get(timeout=0.5)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(BOUND)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


@pytest.fixture
def processes() -> Iterator[list[Process]]:
    started: list[Process] = []
    yield started
    for p in started:
        if p.proc.poll() is None:
            p.proc.kill()
            p.proc.wait()


def env_for(database: Path, replay: ReplayServer, minutes: float) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{database}",
        "TK_SYNCFEED_URL": replay.url + "/SyncFeed/2.0",
        "TK_ODATA_URL": replay.url + "/OData/v4/2.0",
        "OB_URL": replay.url + "/ob",
        "TOEZEGGINGEN_REQUEST_INTERVAL": "0",
        "TOEZEGGINGEN_SYNC_MINUTES": str(minutes),
        "SMTP_HOST": "",
    }


def wait_until(check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + BOUND
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def runs(engine: Engine, kind: RunKind) -> list[Run]:
    with Session(engine) as s:
        return list(s.exec(select(Run).where(Run.kind == kind).order_by(col(Run.started_at))).all())


@pytest.fixture
def database(tmp_path: Path) -> Iterator[tuple[Path, Engine]]:
    path = tmp_path / "schedule.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    yield path, engine
    engine.dispose()


@pytest.mark.slow
def test_a_short_real_run_syncs_tracks_and_stops_on_sigterm(
    database: tuple[Path, Engine], replay: ReplayServer, processes: list[Process]
) -> None:
    path, engine = database
    f.serve(replay)  # empty feeds
    p = Process(env_for(path, replay, minutes=0.02))  # every 1.2 s
    processes.append(p)
    wait_until(lambda: len([r for r in runs(engine, RunKind.TRACK) if r.state == RunState.SUCCEEDED]) >= 3)
    assert p.stop() == 0
    assert "scheduler stopped" in "".join(p.lines)
    syncs = runs(engine, RunKind.SYNC)
    assert len(syncs) >= 3 and all(r.state == RunState.SUCCEEDED for r in syncs[:3])


@pytest.mark.slow
def test_two_schedulers_on_one_database_run_each_job_once_and_the_second_takes_over(
    database: tuple[Path, Engine], replay: ReplayServer, processes: list[Process]
) -> None:
    path, engine = database
    f.serve(replay)
    env = env_for(path, replay, minutes=0.02)
    first = Process(env)
    processes.append(first)
    first.wait_for("scheduler started")
    second = Process(env)
    processes.append(second)
    second.wait_for("waiting to take over")
    wait_until(lambda: len(runs(engine, RunKind.SYNC)) >= 4)
    assert first.stop() == 0
    second.wait_for("scheduler started")
    before = len(runs(engine, RunKind.SYNC))
    wait_until(lambda: len(runs(engine, RunKind.SYNC)) >= before + 2)
    assert second.stop() == 0
    done = [r for r in runs(engine, RunKind.SYNC) if r.finished_at is not None]
    for earlier, later in itertools.pairwise(done):  # never two at once
        assert earlier.finished_at is not None and later.started_at is not None
        assert later.started_at >= earlier.finished_at


@pytest.mark.slow
def test_sigterm_during_a_sync_stops_after_the_page_being_stored(
    database: tuple[Path, Engine], replay: ReplayServer, processes: list[Process]
) -> None:
    path, engine = database
    feed = f.Feed("Toezegging", page_size=2).add(*(f.toezegging(n) for n in range(1, 7)))
    f.serve(replay, feed)
    second_page = f.FIRST_TOKEN + 2
    gate = threading.Event()
    routes = [r for r in replay.routes if f"skiptoken={second_page}" in r]
    for route in routes:
        replay.add(route, Reply(body=replay.routes[route][0].body, gate=gate))
    p = Process(env_for(path, replay, minutes=60))
    processes.append(p)
    wait_until(lambda: any(f"skiptoken={second_page}" in r for r in replay.requests))
    p.proc.send_signal(signal.SIGTERM)
    p.wait_for("stopping after the running job's current transaction")
    gate.set()  # the page in flight arrives after the signal
    assert p.stop() == 0
    assert not any(f"skiptoken={second_page + 2}" in r for r in replay.requests)  # no page after it
    with Session(engine) as s:
        assert len(s.exec(select(Toezegging)).all()) == 4  # two whole pages, nothing of a third
        cursor = s.get(SyncCursor, "Toezegging")
        assert cursor is not None and cursor.skiptoken == str(second_page + 2)
    (run,) = runs(engine, RunKind.SYNC)
    assert run.state == RunState.FAILED and "Stopping" in (run.message or "")
    assert runs(engine, RunKind.TRACK) == []
    # the next sync resumes from there and ends where an uninterrupted one would
    sync(engine, f.config_for(replay), progress=False)
    with Session(engine) as s:
        assert len(s.exec(select(Toezegging)).all()) == 6
