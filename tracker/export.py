"""Commitments as rows for `toezeggingen export` (fields and values as the interface spec has them)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from db.models import Commitment, Fulfilment
from tracker import status as st

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
]


def export_rows(
    engine: Engine, *, status: str | None = None, ministry: str | None = None, today: date | None = None
) -> list[dict]:
    """One dict per commitment, oldest first. `status` may be `overdue` (derived from due and today);
    `ministry` matches case-insensitively on part of the name."""
    today = today or date.today()
    with Session(engine) as session:
        query = select(Commitment).order_by(
            col(Commitment.made_on).is_(None), col(Commitment.made_on), col(Commitment.id)
        )
        commitments = session.exec(query).all()
        fulfilled_by: dict[int, list[str]] = defaultdict(list)
        links = session.exec(
            select(Fulfilment)
            .where(Fulfilment.state == "accepted")
            .order_by(col(Fulfilment.document_date), col(Fulfilment.id))
        ).all()
        for f in links:
            fulfilled_by[f.commitment_id].append(f.document_number or f.document_id or "")
    wanted_ministry = ministry.lower() if ministry else None
    rows = []
    for c in commitments:
        shown = st.effective(c.status, c.due, today)
        if status and shown != status:
            continue
        if wanted_ministry and wanted_ministry not in (c.ministry or "").lower():
            continue
        rows.append(
            {
                "id": c.id,
                "source": c.source,
                "register_number": c.register_number,
                "text": c.text,
                "minister": c.minister,
                "ministry": c.ministry,
                "made_on": c.made_on.isoformat() if c.made_on else None,
                "document": c.made_in,
                "deadline_text": c.deadline_text,
                "due": c.due.isoformat() if c.due else None,
                "status": shown,
                "fulfilled_by": fulfilled_by.get(c.id or 0, []),
                "status_source": c.status_source,
                # beyond the interface's fields (allowed): what a reader needs to judge a row
                "in_register": c.in_register,
                "register_due": c.register_due.isoformat() if c.register_due else None,
                "text_due": c.text_due.isoformat() if c.text_due else None,
                "register_status": c.register_status,
            }
        )
    return rows
