"""promises: one promise, one row; one person, one name; to whom it was promised (issue 11)

Revision ID: 0008
Revises: 0007

- `quotes`: the minister's own words restating a promise, in debate order (`quote` keeps the first);
- `made_to`: the members or parties it was promised to ("Boswijk (CDA)");
- `in_chair_list`: for debate promises, whether the chair's list of toezeggingen holds it (False: the
  shadow register); None for register and letter rows;
- `person_id`: the Kamer's Persoon id of the bewindspersoon when known, else "name:<name key>".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs (no table rebuild on SQLite, so the search triggers of 0003 stay); existing rows get
    # empty lists by the server default, which stays (the models always write the lists).
    op.add_column("commitment", sa.Column("quotes", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("commitment", sa.Column("made_to", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("commitment", sa.Column("in_chair_list", sa.Boolean(), nullable=True))
    op.add_column("commitment", sa.Column("person_id", sa.String(), nullable=True))
    op.create_index("ix_commitment_person_id", "commitment", ["person_id"])
    # Rows made before: their one quote is their list of quotes.
    array = "json_build_array" if op.get_bind().dialect.name == "postgresql" else "json_array"
    op.execute(f"UPDATE commitment SET quotes = {array}(quote) WHERE quote IS NOT NULL")


def downgrade() -> None:
    op.drop_index("ix_commitment_person_id", table_name="commitment")
    for name in ("person_id", "in_chair_list", "made_to", "quotes"):
        op.drop_column("commitment", name)  # SQLite 3.35+ drops a column in place
