"""`INSERT … ON CONFLICT` on both databases, so two writers of one row never meet a UNIQUE error."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

CHUNK = 200  # rows per statement: well under SQLite's limit on bound parameters


def _insert(session: Session, table: Table) -> Any:
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"no upsert for {name}")


def upsert(
    session: Session,
    model: Any,
    rows: Sequence[dict[str, Any]],
    key: Sequence[str],
    *,
    update: Sequence[str] | None = None,
    where: Any = None,
) -> None:
    """Insert `rows` into `model`'s table; a row whose `key` exists updates its `update` columns (all
    others by default; none: the stored row stays), where `where(table, excluded)` holds."""
    if not rows:
        return
    table: Table = model.__table__
    columns = list(update) if update is not None else [c for c in rows[0] if c not in key]
    for start in range(0, len(rows), CHUNK):
        stmt = _insert(session, table).values(list(rows[start : start + CHUNK]))
        if not columns:
            stmt = stmt.on_conflict_do_nothing(index_elements=list(key))
        else:
            condition: ColumnElement[bool] | None = where(table, stmt.excluded) if where else None
            stmt = stmt.on_conflict_do_update(
                index_elements=list(key), set_={c: stmt.excluded[c] for c in columns}, where=condition
            )
        session.execute(stmt)
