"""fulfilled_on: each commitment's first accepted complete fulfilment date, kept by triggers

Revision ID: 0005
Revises: 0004

Figures per ministry or minister (on time, late, median days late) need the date a commitment was first
fulfilled. Joining every accepted link on every request made `tracker.queries.figures` a pass over all
fulfilments (~500 ms at 100,000 commitments); a column kept by triggers on `fulfilment` makes it one
pass over commitments, right whoever writes the links (the tracker, a person, a bulk load).

Covering indexes let the figures per ministry and per minister read an index in group order instead of
sorting the table, and find the late commitments (for the median) without reading rows. The index on (commitment_id, state) keeps "this commitment's accepted links" a seek: with only the
(state, score) index, SQLite's planner walked every accepted link for each commitment.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

LATE = ["status", "due", "fulfilled_on", "ministry", "minister"]  # covers the figures' late commitments
FIRST = (
    "(SELECT min(f.document_date) FROM fulfilment f WHERE f.commitment_id = {cid}"
    " AND f.state = 'accepted' AND f.partial = {false})"
)


def upgrade() -> None:
    op.create_index("ix_fulfilment_commitment_state", "fulfilment", ["commitment_id", "state"])
    op.add_column("commitment", sa.Column("fulfilled_on", sa.Date(), nullable=True))
    for by in ("ministry", "minister"):
        op.create_index(
            f"ix_commitment_{by}_figures", "commitment", [by, "status", "due", "fulfilled_on", "made_on"]
        )
    op.create_index("ix_commitment_late", "commitment", LATE)
    # the review queue leaves out commitments a person locked: few, found by this index
    op.create_index("ix_commitment_person_locked", "commitment", ["person_locked"])
    if op.get_bind().dialect.name == "postgresql":
        first = FIRST.format(cid="{cid}", false="false")
        op.execute(
            f"""CREATE FUNCTION commitment_fulfilled_on() RETURNS trigger AS $$
            BEGIN
              IF TG_OP <> 'INSERT' THEN
                UPDATE commitment SET fulfilled_on = {first.format(cid="OLD.commitment_id")}
                WHERE id = OLD.commitment_id;
              END IF;
              IF TG_OP <> 'DELETE' THEN
                UPDATE commitment SET fulfilled_on = {first.format(cid="NEW.commitment_id")}
                WHERE id = NEW.commitment_id;
              END IF;
              RETURN NULL;
            END $$ LANGUAGE plpgsql"""
        )
        op.execute(
            "CREATE TRIGGER commitment_fulfilled_on AFTER INSERT OR UPDATE OR DELETE ON fulfilment"
            " FOR EACH ROW EXECUTE FUNCTION commitment_fulfilled_on()"
        )
        op.execute(f"UPDATE commitment SET fulfilled_on = {first.format(cid='commitment.id')}")
        return
    first = FIRST.format(cid="{cid}", false="0")
    new = f"UPDATE commitment SET fulfilled_on = {first.format(cid='NEW.commitment_id')} WHERE id = NEW.commitment_id;"
    old = f"UPDATE commitment SET fulfilled_on = {first.format(cid='OLD.commitment_id')} WHERE id = OLD.commitment_id;"
    op.execute(f"CREATE TRIGGER commitment_fulfilled_on_ai AFTER INSERT ON fulfilment BEGIN {new} END")
    op.execute(f"CREATE TRIGGER commitment_fulfilled_on_au AFTER UPDATE ON fulfilment BEGIN {old} {new} END")
    op.execute(f"CREATE TRIGGER commitment_fulfilled_on_ad AFTER DELETE ON fulfilment BEGIN {old} END")
    op.execute(f"UPDATE commitment SET fulfilled_on = {first.format(cid='commitment.id')}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION commitment_fulfilled_on() CASCADE")
    else:
        for trigger in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER commitment_fulfilled_on_{trigger}")
    op.drop_index("ix_commitment_person_locked", table_name="commitment")
    op.drop_index("ix_commitment_late", table_name="commitment")
    for by in ("ministry", "minister"):
        op.drop_index(f"ix_commitment_{by}_figures", table_name="commitment")
    with op.batch_alter_table("commitment") as batch:
        batch.drop_column("fulfilled_on")
    op.drop_index("ix_fulfilment_commitment_state", table_name="fulfilment")
