"""read indexes: the commitments table's sort orders, so a page is an index scan, not a sort

Revision ID: 0004
Revises: 0003

`tracker.queries.commitments` sorts with nulls last (`due IS NULL, due, id`): no plain index serves that
order on SQLite (NULLs sort first there) and PostgreSQL's planner sorts all rows too. With an index on the
same expressions, both read the page's ids straight from the index: at 100,000 commitments the ids of
page 1000 by due take under 1 ms instead of ~110 ms of sorting (SQLite), and bench.read's whole page went
from 1,378 to 119 ms on SQLite, 520 to 96 ms on PostgreSQL. One index per sort the dashboard opens with:
by due (its default) and newest first (-made_on).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_commitment_due_order", [sa.text("(due IS NULL)"), "due", "id"]),
    ("ix_commitment_made_on_order", [sa.text("(made_on IS NULL)"), sa.text("made_on DESC"), "id"]),
]


def upgrade() -> None:
    for name, columns in INDEXES:
        op.create_index(name, "commitment", columns)


def downgrade() -> None:
    for name, _ in reversed(INDEXES):
        op.drop_index(name, table_name="commitment")
