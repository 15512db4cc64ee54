"""digest: subscriptions and the deliveries of digests, alerts and confirmation messages

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _ts(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def upgrade() -> None:
    op.create_table(
        "subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("ministries", sa.JSON(), nullable=False),
        sa.Column("committees", sa.JSON(), nullable=False),
        sa.Column("dossiers", sa.JSON(), nullable=False),
        sa.Column("ministers", sa.JSON(), nullable=False),
        sa.Column("made_to", sa.JSON(), nullable=False),
        sa.Column("commitments", sa.JSON(), nullable=False),
        sa.Column("frequency", sa.String(), nullable=False),
        _ts("created_at"),
        _ts("confirmed_at"),
        _ts("unsubscribed_at"),
        sa.Column("digest_period", sa.String(), nullable=True),
        _ts("digest_until"),
        _ts("alerts_until"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_subscription_email", "subscription", ["email"])
    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("period", sa.String(), nullable=False),
        sa.Column("message_id", sa.String(), nullable=False),
        sa.Column("recipient", sa.String(), nullable=False),
        sa.Column("message", sa.LargeBinary(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        _ts("since"),
        _ts("until"),
        _ts("created_at"),
        _ts("sent_at"),
        sa.ForeignKeyConstraint(["subscription_id"], ["subscription.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subscription_id", "kind", "period"),
        sa.UniqueConstraint("message_id"),
    )
    op.create_index("ix_delivery_state", "delivery", ["state"])
    op.create_index("ix_delivery_subscription_id", "delivery", ["subscription_id"])


def downgrade() -> None:
    op.drop_index("ix_delivery_subscription_id", table_name="delivery")
    op.drop_index("ix_delivery_state", table_name="delivery")
    op.drop_table("delivery")
    op.drop_index("ix_subscription_email", table_name="subscription")
    op.drop_table("subscription")
