"""The jobs `toezeggingen schedule` runs, and the command line too: the same library calls, each under a
database lock (two processes never run one job at once) and recorded in the `run` table.

SIGTERM (see `toezeggingen.schedule`) sets `STOP`; a running job then ends right after the transaction it
is in commits (`Stopping` is raised once the session's commit is done), so what it stored is whole.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from db.engine import open_database
from db.models import Run, utcnow
from db.vocabulary import Frequency, RunKind, RunState
from scraper.sync import SyncConfig, sync
from toezeggingen.locking import LockHeld, run_lock
from toezeggingen.settings import Settings, get_settings
from tracker import outbox
from tracker.mail import MailConfig, SmtpTransport
from tracker.track import track

log = logging.getLogger(__name__)

STOP = threading.Event()
MAIL_LOCK = "mail"  # everything that composes or sends messages
SYNC_LOCK = "job-sync"  # sync, track and the alerts after them


class Stopping(BaseException):
    """Asked to stop: the job ends after its current transaction. A BaseException, so that the
    per-item `except Exception` handlers inside sync and track do not take it for an item's failure."""


def _after_commit(session: Session) -> None:
    if STOP.is_set():
        session.info["toezeggingen.stop"] = True


def _after_transaction_end(session: Session, transaction: Any) -> None:
    # Raised here, not in after_commit: by now the session is closed cleanly and the commit is done.
    if transaction.parent is None and session.info.pop("toezeggingen.stop", False):
        raise Stopping("stopped after a committed transaction")


def install_stop_hook() -> None:
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_transaction_end", _after_transaction_end)


def check_stop() -> None:
    if STOP.is_set():
        raise Stopping("stopped between steps")


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    """One engine per database for the process (migrated on first use)."""
    return open_database(url)


@contextmanager
def recorded(engine: Engine, kind: RunKind) -> Iterator[dict[str, Any]]:
    """A `run` row around the block: the counts it fills in, failed with the error's first line."""
    with Session(engine) as session:
        run = Run(kind=kind, started_at=utcnow(), state=RunState.RUNNING)
        session.add(run)
        session.commit()
        run_id = run.id
    counts: dict[str, Any] = {}
    state, message = RunState.SUCCEEDED, None
    try:
        yield counts
    except BaseException as exc:
        state, message = RunState.FAILED, (f"{type(exc).__name__}: {exc}".splitlines() or [""])[0]
        raise
    finally:
        try:
            with Session(engine) as session:
                found = session.get(Run, run_id)
                if found is not None:
                    found.finished_at, found.state, found.message = utcnow(), state, message
                    found.counts, found.failures = counts, int(counts.get("failures", 0) or 0)
                    session.add(found)
                    session.commit()
        except Exception:  # the database may be what failed; the original error matters more
            log.warning("run %s could not be finished", run_id, exc_info=True)


def _send(engine: Engine, config: MailConfig, result: outbox.Outcome) -> None:
    if not config.can_send:
        log.warning("SMTP_HOST or DIGEST_FROM not set: messages wait in the outbox")
        return
    with SmtpTransport(config) as transport:
        outbox.deliver(engine, config, transport, stop=STOP.is_set, outcome=result)


def _counts(result: outbox.Outcome) -> dict[str, Any]:
    counts: dict[str, Any] = dict(result.counts())
    counts["failures"] = result.refused
    if result.stopped:
        counts["stopped"] = result.stopped
    return counts


# --------------------------------------------------------------------------- the jobs


def digests(
    frequency: str | None = None,
    *,
    preview: Path | None = None,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> outbox.Outcome:
    """Compose the due digests (of one frequency, or both) and send what waits; or write previews."""
    settings = settings or get_settings()
    engine = engine_for(settings.effective_database_url)
    config = MailConfig.from_settings(settings)
    frequencies = [Frequency(frequency)] if frequency else list(Frequency)
    now = now or utcnow()
    if preview is not None:
        return outbox.queue_digests(engine, config, frequencies, now, preview=preview)
    with run_lock(engine, MAIL_LOCK), recorded(engine, RunKind.DIGEST) as counts:
        result = outbox.queue_digests(engine, config, frequencies, now)
        _send(engine, config, result)
        counts.update(_counts(result))
    log.info("digests: %s", "; ".join(result.lines()))
    return result


def alerts(*, now: datetime | None = None, settings: Settings | None = None) -> outbox.Outcome:
    """Tell followers what changed about the commitments they follow since their last alert."""
    settings = settings or get_settings()
    engine = engine_for(settings.effective_database_url)
    config = MailConfig.from_settings(settings)
    with run_lock(engine, MAIL_LOCK), recorded(engine, RunKind.ALERTS) as counts:
        result = outbox.queue_alerts(engine, config, now or utcnow())
        _send(engine, config, result)
        counts.update(_counts(result))
    return result


def send_outbox(settings: Settings | None = None) -> None:
    """Send what waits (confirmation messages from the dashboard, refusals to retry); quiet when empty."""
    settings = settings or get_settings()
    engine = engine_for(settings.effective_database_url)
    config = MailConfig.from_settings(settings)
    if not config.can_send or not outbox.waiting(engine):
        return
    try:
        with run_lock(engine, MAIL_LOCK), recorded(engine, RunKind.OUTBOX) as counts:
            result = outbox.Outcome()
            _send(engine, config, result)
            counts.update(_counts(result))
    except LockHeld:
        log.info("outbox: another process is sending")


def sync_and_track(settings: Settings | None = None) -> None:
    """Sync from the Kamer's open data, track what came in, then the alerts: one job, in that order."""
    settings = settings or get_settings()
    engine = engine_for(settings.effective_database_url)
    try:
        with run_lock(engine, SYNC_LOCK):
            with recorded(engine, RunKind.SYNC) as counts:
                summary = sync(engine, SyncConfig.from_settings(settings), progress=False)
                counts.update(requests=summary.requests, failures=summary.failed)
            check_stop()
            with recorded(engine, RunKind.TRACK) as counts:
                tracked = track(engine)
                counts.update({k: v for k, v in asdict(tracked).items() if isinstance(v, int)})
                counts["failures"] = tracked.failed
            check_stop()
    except LockHeld as exc:
        log.info("sync and track skipped: %s", exc)
        return
    try:
        alerts(settings=settings)
    except LockHeld as exc:
        log.info("alerts wait for the next run: %s", exc)
