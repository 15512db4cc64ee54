"""Commitments as rows for `toezeggingen export`. (SKELETON)"""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

FIELDS = [
    "id", "source", "register_number", "text", "minister", "ministry", "made_on", "document",
    "deadline_text", "due", "status", "fulfilled_by", "status_source",
]


def export_rows(
    engine: Engine, *, status: str | None = None, ministry: str | None = None, today: date | None = None
) -> list[dict]:
    raise NotImplementedError
