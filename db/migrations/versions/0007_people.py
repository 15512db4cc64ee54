"""people: Persoon, Fractie, FractieZetel and FractieZetelPersoon; to whom a register entry was promised

Revision ID: 0007
Revises: 0006

Issue 11. The sync stores the Kamer's people and parties (and a member's party over time: a
FractieZetelPersoon points at a FractieZetel, which points at the Fractie), and the register's
"toegezegd aan" as Persoon and Fractie ids beside the flat `toegezegd_aan` list, which stays as it was.
Existing register rows get empty lists; the next sync fills them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _ts(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def upgrade() -> None:
    op.create_table(
        "persoon",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=True),
        sa.Column("titels", sa.String(), nullable=True),
        sa.Column("initialen", sa.String(), nullable=True),
        sa.Column("tussenvoegsel", sa.String(), nullable=True),
        sa.Column("achternaam", sa.String(), nullable=True),
        sa.Column("voornamen", sa.String(), nullable=True),
        sa.Column("roepnaam", sa.String(), nullable=True),
        sa.Column("geslacht", sa.String(), nullable=True),
        sa.Column("functie", sa.String(), nullable=True),
        sa.Column("fractielabel", sa.String(), nullable=True),
        _ts("bijgewerkt"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_persoon_achternaam", "persoon", ["achternaam"])
    op.create_table(
        "fractie",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=True),
        sa.Column("afkorting", sa.String(), nullable=True),
        sa.Column("naam_nl", sa.String(), nullable=True),
        sa.Column("naam_en", sa.String(), nullable=True),
        sa.Column("aantal_zetels", sa.Integer(), nullable=True),
        sa.Column("datum_actief", sa.Date(), nullable=True),
        sa.Column("datum_inactief", sa.Date(), nullable=True),
        _ts("bijgewerkt"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "fractiezetel",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("fractie_id", sa.String(), nullable=True),
        sa.Column("gewicht", sa.Integer(), nullable=True),
        _ts("bijgewerkt"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_fractiezetel_fractie_id", "fractiezetel", ["fractie_id"])
    op.create_table(
        "fractiezetelpersoon",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("fractie_zetel_id", sa.String(), nullable=True),
        sa.Column("persoon_id", sa.String(), nullable=True),
        sa.Column("functie", sa.String(), nullable=True),
        sa.Column("van", sa.Date(), nullable=True),
        sa.Column("tot_en_met", sa.Date(), nullable=True),
        _ts("bijgewerkt"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_fractiezetelpersoon_fractie_zetel_id", "fractiezetelpersoon", ["fractie_zetel_id"])
    op.create_index("ix_fractiezetelpersoon_persoon_id", "fractiezetelpersoon", ["persoon_id"])
    with op.batch_alter_table("toezegging") as batch:
        for name in ("toegezegd_aan_persoon_ids", "toegezegd_aan_fractie_ids"):
            batch.add_column(sa.Column(name, sa.JSON(), nullable=False, server_default=sa.text("'[]'")))


def downgrade() -> None:
    with op.batch_alter_table("toezegging") as batch:
        batch.drop_column("toegezegd_aan_fractie_ids")
        batch.drop_column("toegezegd_aan_persoon_ids")
    op.drop_index("ix_fractiezetelpersoon_persoon_id", table_name="fractiezetelpersoon")
    op.drop_index("ix_fractiezetelpersoon_fractie_zetel_id", table_name="fractiezetelpersoon")
    op.drop_table("fractiezetelpersoon")
    op.drop_index("ix_fractiezetel_fractie_id", table_name="fractiezetel")
    op.drop_table("fractiezetel")
    op.drop_table("fractie")
    op.drop_index("ix_persoon_achternaam", table_name="persoon")
    op.drop_table("persoon")
