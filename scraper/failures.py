"""Items that failed: the `SyncFailure` bookkeeping, and the fetch-and-store loop that keeps it.

A failed item (a feed entry, a page, a letter, a transcript) is recorded with its last error and
skipped; a later success marks it resolved. An item that failed MAX_ATTEMPTS times in a row rests
for RETRY_PAUSE before it is tried again, so one broken file does not cost a request every run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from tqdm import tqdm

from db.clock import as_utc, utcnow
from db.engine import session_scope
from db.models import SyncFailure
from scraper.http import FetchError
from tracker.documents import UnreadableDocument

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
RETRY_PAUSE = timedelta(hours=24)

Item = TypeVar("Item")
Result = TypeVar("Result")


def record_failure(session: Session, kind: str, item_id: str, error: str) -> None:
    """Note that `item_id` failed once more (kept, with the last error, until it succeeds)."""
    failure = session.exec(
        select(SyncFailure).where(SyncFailure.kind == kind, SyncFailure.item_id == item_id)
    ).first()
    now = utcnow()
    if failure is None:
        session.add(SyncFailure(kind=kind, item_id=item_id, error=error, attempts=1, last_attempt=now))
        return
    failure.attempts = 1 if failure.resolved else failure.attempts + 1
    failure.error = error
    failure.last_attempt = now
    failure.resolved = False
    session.add(failure)


def resolve_failures(session: Session, kind: str, item_ids: list[str]) -> None:
    """Mark the open failures of these items resolved: they have now succeeded."""
    if not item_ids:
        return
    for failure in session.exec(
        select(SyncFailure).where(
            SyncFailure.kind == kind,
            col(SyncFailure.item_id).in_(item_ids),
            col(SyncFailure.resolved).is_(False),
        )
    ):
        failure.resolved = True
        session.add(failure)


def resting(engine: Engine, kind: str, now: datetime | None = None) -> set[str]:
    """Items of `kind` that failed MAX_ATTEMPTS times and were last tried within RETRY_PAUSE."""
    since = (now or utcnow()) - RETRY_PAUSE
    with Session(engine) as session:
        rows = session.exec(
            select(SyncFailure.item_id, SyncFailure.last_attempt).where(
                SyncFailure.kind == kind,
                col(SyncFailure.resolved).is_(False),
                SyncFailure.attempts >= MAX_ATTEMPTS,
            )
        ).all()
    return {item for item, last in rows if (stored := as_utc(last)) is not None and stored > since}


def fetch_each(
    engine: Engine,
    kind: str,
    items: Sequence[Item],
    *,
    key: Callable[[Item], str],
    fetch: Callable[[Item], Result],
    store: Callable[[Session, Item, Result], str],
    counts: dict[str, int],
    progress: bool = False,
    desc: str = "",
    unit: str = "item",
) -> dict[str, int]:
    """Fetch and store each item in a transaction of its own; a failure is recorded and skipped.

    `store` returns the outcome to count (`counts[outcome] += 1`); "failed" and "resting" are
    counted here. A run killed midway keeps every item already stored.
    """
    skip = resting(engine, kind)
    for item in tqdm(items, desc=desc or kind, unit=unit, disable=not progress):
        item_id = key(item)
        if item_id in skip:
            counts["resting"] += 1
            continue
        try:
            result = fetch(item)
        except (FetchError, UnreadableDocument) as exc:
            log.warning("%s %s: %s", kind, item_id, exc)
            with session_scope(engine) as session:
                record_failure(session, kind, item_id, str(exc))
            counts["failed"] += 1
            continue
        with session_scope(engine) as session:
            outcome = store(session, item, result)
            resolve_failures(session, kind, [item_id])
        counts[outcome] += 1
    return counts
