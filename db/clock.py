"""Time as the database keeps it: timezone-aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """A stored timestamp as aware UTC: SQLite hands timestamps back without their zone."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value
