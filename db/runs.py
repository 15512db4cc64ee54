"""The `run` table: every sync and track run, with when, how it ended, its counts and failures.

    run_id = start_run(engine, RunKind.SYNC)
    ...
    finish_run(engine, run_id, RunState.SUCCEEDED, counts={...}, failures=3)

`recorded_run` does both around a block, finishing as failed (with the error's one line) on any
exception, KeyboardInterrupt included. A run killed outright stays `running`; a later reader can tell
it by its missing `finished_at`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from db.clock import utcnow
from db.models import Run
from db.vocabulary import RunKind, RunState

log = logging.getLogger(__name__)


def start_run(engine: Engine, kind: RunKind | str) -> int:
    with Session(engine) as session:
        run = Run(kind=str(kind), started_at=utcnow(), state=RunState.RUNNING)
        session.add(run)
        session.commit()
        assert run.id is not None
        return run.id


def finish_run(
    engine: Engine,
    run_id: int,
    state: RunState,
    *,
    counts: dict[str, Any] | None = None,
    failures: int = 0,
    message: str | None = None,
) -> None:
    with Session(engine) as session:
        run = session.get(Run, run_id)
        if run is None:
            return
        run.finished_at = utcnow()
        run.state = str(state)
        run.counts = counts or {}
        run.failures = failures
        run.message = message
        session.add(run)
        session.commit()


@dataclass
class RunRecord:
    """What the block tells `recorded_run` to store when it ends."""

    id: int
    counts: dict[str, Any] = field(default_factory=dict)
    failures: int = 0
    message: str | None = None
    state: RunState = RunState.SUCCEEDED


def one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    first = text.splitlines()[0] if text else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


@contextmanager
def recorded_run(engine: Engine, kind: RunKind | str) -> Iterator[RunRecord]:
    record = RunRecord(start_run(engine, kind))
    try:
        yield record
    except BaseException as exc:
        try:
            finish_run(
                engine,
                record.id,
                RunState.FAILED,
                counts=record.counts,
                failures=record.failures,
                message=one_line(exc),
            )
        except Exception:  # the database itself may be what failed; the original error matters more
            log.warning("run %d could not be marked failed", record.id, exc_info=True)
        raise
    finish_run(
        engine,
        record.id,
        record.state,
        counts=record.counts,
        failures=record.failures,
        message=record.message,
    )
