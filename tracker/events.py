"""Status events: the history of each commitment's status, due date, register status and decided links."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session

from db.models import Commitment, StatusEvent


def record(
    session: Session,
    c: Commitment,
    fld: str,
    old: object,
    new: object,
    cause: str,
    who: str = "machine",
    note: str | None = None,
) -> None:
    """Add the event of `c`'s `fld` changing from `old` to `new`, for `cause`, by `who`."""
    session.add(
        StatusEvent(
            commitment_id=c.id,
            register_id=c.register_id,
            at=datetime.now(UTC),
            field=fld,
            old=None if old is None else str(old),
            new=None if new is None else str(new),
            cause=cause,
            who=who,
            note=note,
        )
    )
