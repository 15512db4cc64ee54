"""search and read indexes: full-text search over commitments; indexes the read queries use

Revision ID: 0003
Revises: 0002

`commitment_search` holds each commitment's text, quote, made-in label and its document's title, kept
up to date by triggers (so every writer, the tracker and people alike, keeps it right): an FTS5 table
on SQLite (rowid = commitment id), a tsvector table with a GIN index and the `dutch` configuration on
PostgreSQL. Neither is a model: the schema test leaves it out of its comparison (`db.SEARCH_OBJECTS`).
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_commitment_status_due", "commitment", ["status", "due"]),
    ("ix_commitment_minister", "commitment", ["minister"]),
    ("ix_commitment_created_at", "commitment", ["created_at"]),
    ("ix_fulfilment_state_score", "fulfilment", ["state", "score", "commitment_id"]),
    ("ix_statusevent_at", "statusevent", ["at"]),
]


def _body(row: str) -> str:
    return (
        f"coalesce({row}.text, '') || ' ' || coalesce({row}.quote, '') || ' ' || coalesce({row}.made_in, '')"
        f" || ' ' || coalesce((SELECT coalesce(d.onderwerp, d.titel) FROM document d"
        f" WHERE d.id = {row}.document_id), '')"
    )


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TABLE commitment_search (commitment_id integer PRIMARY KEY"
            " REFERENCES commitment(id) ON DELETE CASCADE, body tsvector NOT NULL)"
        )
        op.execute("CREATE INDEX ix_commitment_search_body ON commitment_search USING gin (body)")
        op.execute(
            f"""CREATE FUNCTION commitment_search_refresh() RETURNS trigger AS $$
            BEGIN
              INSERT INTO commitment_search (commitment_id, body)
              VALUES (NEW.id, to_tsvector('dutch', {_body("NEW")}))
              ON CONFLICT (commitment_id) DO UPDATE SET body = EXCLUDED.body;
              RETURN NULL;
            END $$ LANGUAGE plpgsql"""
        )
        op.execute(
            "CREATE TRIGGER commitment_search_refresh AFTER INSERT OR UPDATE OF text, quote, made_in,"
            " document_id ON commitment FOR EACH ROW EXECUTE FUNCTION commitment_search_refresh()"
        )
        op.execute(
            "INSERT INTO commitment_search (commitment_id, body)"
            f" SELECT c.id, to_tsvector('dutch', {_body('c')}) FROM commitment c"
        )
        return
    op.execute(
        "CREATE VIRTUAL TABLE commitment_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    insert = f"INSERT INTO commitment_search (rowid, body) VALUES (NEW.id, {_body('NEW')});"
    op.execute(f"CREATE TRIGGER commitment_search_ai AFTER INSERT ON commitment BEGIN {insert} END")
    op.execute(
        "CREATE TRIGGER commitment_search_au AFTER UPDATE OF text, quote, made_in, document_id"
        f" ON commitment BEGIN DELETE FROM commitment_search WHERE rowid = OLD.id; {insert} END"
    )
    op.execute(
        "CREATE TRIGGER commitment_search_ad AFTER DELETE ON commitment"
        " BEGIN DELETE FROM commitment_search WHERE rowid = OLD.id; END"
    )
    op.execute(f"INSERT INTO commitment_search (rowid, body) SELECT c.id, {_body('c')} FROM commitment c")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE commitment_search")
        op.execute("DROP FUNCTION commitment_search_refresh() CASCADE")
    else:
        for trigger in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER commitment_search_{trigger}")
        op.execute("DROP TABLE commitment_search")
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
