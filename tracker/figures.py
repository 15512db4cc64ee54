"""Figures per ministry or minister: open, overdue, fulfilled on time, median days late, oldest open.

Pure: rows in, one `Figures` per group out. Definitions:
- open: stored status open (overdue ones included); overdue: open with a due date before today;
- fulfilled on time: fulfilled, delivered (first accepted letter) on or before the due date;
- fulfilled late: fulfilled after the due date; median days late: over those late ones;
- oldest open: the open commitment made longest ago.
Commitments without a due date count as neither on time nor late.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import median

from tracker.status import FULFILLED, OPEN, OVERDUE, effective


@dataclass(frozen=True)
class Row:
    id: int
    ministry: str | None
    minister: str | None
    status: str  # stored status
    made_on: date | None
    due: date | None
    fulfilled_on: date | None  # date of the first accepted, complete fulfilment
    text: str = ""


@dataclass(frozen=True)
class Figures:
    group: str
    total: int
    open: int
    overdue: int
    fulfilled: int
    fulfilled_on_time: int
    fulfilled_late: int
    median_days_late: float | None
    oldest_open_id: int | None
    oldest_open_made_on: date | None
    oldest_open_text: str | None


def compute(rows: Iterable[Row], today: date, by: str = "ministry") -> list[Figures]:
    """Figures per group (`by` is "ministry" or "minister"), largest number open first."""
    if by not in ("ministry", "minister"):
        raise ValueError(f"cannot group by {by!r}")
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, by) or "(unknown)"].append(row)
    return sorted(
        (_one(name, members, today) for name, members in groups.items()), key=lambda f: (-f.open, f.group)
    )


def _one(name: str, rows: list[Row], today: date) -> Figures:
    open_rows = [r for r in rows if r.status == OPEN]
    late_days = [
        (r.fulfilled_on - r.due).days
        for r in rows
        if r.status == FULFILLED and r.due and r.fulfilled_on and r.fulfilled_on > r.due
    ]
    on_time = sum(
        1 for r in rows if r.status == FULFILLED and r.due and r.fulfilled_on and r.fulfilled_on <= r.due
    )
    dated = [r for r in open_rows if r.made_on]
    oldest = min(dated, key=lambda r: (r.made_on, r.id)) if dated else None
    return Figures(
        group=name,
        total=len(rows),
        open=len(open_rows),
        overdue=sum(1 for r in open_rows if effective(r.status, r.due, today) == OVERDUE),
        fulfilled=sum(1 for r in rows if r.status == FULFILLED),
        fulfilled_on_time=on_time,
        fulfilled_late=len(late_days),
        median_days_late=float(median(late_days)) if late_days else None,
        oldest_open_id=oldest.id if oldest else None,
        oldest_open_made_on=oldest.made_on if oldest else None,
        oldest_open_text=oldest.text if oldest else None,
    )
