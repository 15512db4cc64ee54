"""Commitments as rows for `toezeggingen export`: the interface's fields and their serialisation.

The rows come from the read layer (`tracker.queries`); this module only chooses fields and formats.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from db.vocabulary import Status
from tracker.queries import CommitmentFilter, CommitmentRow, commitments

FIELDS = [
    "id",
    "source",
    "register_number",
    "text",
    "minister",
    "ministry",
    "made_on",
    "document",
    "deadline_text",
    "due",
    "status",
    "fulfilled_by",
    "status_source",
    "made_to",
    "quotes",
    "restated_in",
]
# Lists are ";"-joined in CSV; quotes are sentences (which may hold a ";"), one per line.
SEPARATOR = {"quotes": "\n"}


def as_dict(row: CommitmentRow) -> dict[str, Any]:
    """The interface's fields, then what a reader needs to judge a row (extra keys are allowed)."""
    return {
        "id": row.id,
        "source": row.source.value,
        "register_number": row.register_number,
        "text": row.text,
        "minister": row.minister,
        "ministry": row.ministry,
        "made_on": _iso(row.made_on),
        "document": row.made_in,
        "deadline_text": row.deadline_text,
        "due": _iso(row.due),
        "status": row.status.value,
        "fulfilled_by": list(row.fulfilled_by),
        "status_source": row.status_source.value,
        "in_register": row.in_register,
        "register_due": _iso(row.register_due),
        "text_due": _iso(row.text_due),
        "register_status": row.register_status,
        "made_to": list(row.made_to),
        "quotes": list(row.quotes),
        "restated_in": list(row.restated_in),
        "in_chair_list": row.in_chair_list,
        "shadow": row.shadow,
        "person_id": row.person_id,
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def export_rows(
    engine: Engine,
    *,
    status: str | None = None,
    ministry: str | None = None,
    today: date | None = None,
    shadow: bool | None = None,
    made_to: str | None = None,
) -> list[dict[str, Any]]:
    """One dict per commitment, oldest first. `status` may be `overdue` (derived from due and today);
    `ministry` and `made_to` match case-insensitively on part of the name; `shadow=True` gives only the
    shadow register (debate promises the chair's list missed), False leaves it out."""
    flt = CommitmentFilter(
        statuses=(Status(status),) if status else (),
        ministries=(ministry,) if ministry else (),
        shadow=shadow,
        made_to=(made_to,) if made_to else (),
    )
    with Session(engine) as session:
        page = commitments(session, flt, today=today or date.today(), sort="made_on", page_size=None)
    return [as_dict(row) for row in page.rows]


def to_json(rows: Iterable[dict[str, Any]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str) + "\n"


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """The interface's fields, to whom it was promised and its restatements; lists joined (`SEPARATOR`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: SEPARATOR.get(k, ";").join(v) if isinstance(v, list) else v for k, v in row.items()}
        )
    return out.getvalue()
