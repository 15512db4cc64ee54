"""restatements: a later letter's words restating an earlier promise, kept with that promise (issue 11)

Revision ID: 0009
Revises: 0008

One promise, one row across sources: a letter that promises again what an earlier commitment promised
("Zoals toegezegd …") updates that commitment instead of adding a row. `restatement` keeps which letter said
it, its words (also in the commitment's `quotes`), the time it gave and why it counts as a restatement.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "restatement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("document_number", sa.String(), nullable=True),
        sa.Column("document_date", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("deadline_text", sa.String(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("signals", sa.JSON(), nullable=False),
        sa.Column("extractor_version", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commitment_id", "document_id"),
    )
    op.create_index("ix_restatement_commitment_id", "restatement", ["commitment_id"])
    op.create_index("ix_restatement_document_id", "restatement", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_restatement_document_id", table_name="restatement")
    op.drop_index("ix_restatement_commitment_id", table_name="restatement")
    op.drop_table("restatement")
