"""The jobs `toezeggingen schedule` runs, and the command line too: the same library calls, each under a
database lock (two processes never run one job at once) and recorded in the `run` table.

SIGTERM (see `toezeggingen.schedule`) sets `STOP`; a running job then ends right after the transaction it
is in commits (`Stopping` is raised once the session's commit is done), so what it stored is whole.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from db.clock import utcnow
from db.engine import open_database
from db.locks import LockHeld, run_lock
from db.runs import RunRecord, recorded_run
from db.vocabulary import Frequency, RunKind, RunState
from scraper.config import SyncConfig
from scraper.sync import sync
from toezeggingen.settings import Settings, get_settings
from tracker import outbox
from tracker.mail import MailConfig, SmtpTransport
from tracker.track import track

log = logging.getLogger(__name__)

STOP = threading.Event()
MAIL_LOCK = "mail"  # everything that composes or sends messages


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


def _send(engine: Engine, config: MailConfig, result: outbox.Outcome) -> None:
    if not config.can_send:
        log.warning("SMTP_HOST or DIGEST_FROM not set: messages wait in the outbox")
        return
    with SmtpTransport(config) as transport:
        outbox.deliver(engine, config, transport, stop=STOP.is_set, outcome=result)


def _record(record: RunRecord, result: outbox.Outcome) -> None:
    record.counts, record.failures = dict(result.counts()), result.refused
    if result.stopped:
        record.state, record.message = RunState.FAILED, f"sending stopped: {result.stopped}"


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
    with run_lock(engine, MAIL_LOCK), recorded_run(engine, RunKind.DIGEST) as record:
        result = outbox.queue_digests(engine, config, frequencies, now)
        _send(engine, config, result)
        _record(record, result)
    log.info("digests: %s", "; ".join(result.lines()))
    return result


def alerts(*, now: datetime | None = None, settings: Settings | None = None) -> outbox.Outcome:
    """Tell followers what changed about the commitments they follow since their last alert."""
    settings = settings or get_settings()
    engine = engine_for(settings.effective_database_url)
    config = MailConfig.from_settings(settings)
    with run_lock(engine, MAIL_LOCK), recorded_run(engine, RunKind.ALERTS) as record:
        result = outbox.queue_alerts(engine, config, now or utcnow())
        _send(engine, config, result)
        _record(record, result)
    return result


def send_outbox(settings: Settings | None = None) -> None:
    """Send what waits (confirmation messages from the dashboard, refusals to retry); quiet when empty."""
    settings = settings or get_settings()
    engine = engine_for(settings.effective_database_url)
    config = MailConfig.from_settings(settings)
    if not config.can_send or not outbox.waiting(engine):
        return
    try:
        with run_lock(engine, MAIL_LOCK), recorded_run(engine, RunKind.OUTBOX) as record:
            result = outbox.Outcome()
            _send(engine, config, result)
            _record(record, result)
    except LockHeld:
        log.info("outbox: another process is sending")


def sync_and_track(settings: Settings | None = None) -> None:
    """Sync from the Kamer's open data, track what came in, then the alerts: one job, in that order.
    Sync and track each take their own lock and record their own run (`db.locks`, `db.runs`)."""
    settings = settings or get_settings()
    engine = engine_for(settings.effective_database_url)
    try:
        synced = sync(engine, SyncConfig.from_settings(settings), progress=False)
        log.info("sync: %s", "; ".join(synced.lines()))
        check_stop()
        tracked = track(engine)
        log.info("track: %s", "; ".join(tracked.lines()))
        check_stop()
        alerts(settings=settings)
    except LockHeld as exc:  # a sync, track or digest started by hand: the next run catches up
        log.info("skipped until the next run: %s", exc)
