"""Migrations are append-only: a database made by the previous revision upgrades and keeps its rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, Table, insert, select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from db.engine import alembic_config, make_engine, migrate
from tracker.queries import CommitmentFilter, commitments

HEAD = ScriptDirectory.from_config(alembic_config(make_engine("sqlite://"))).get_current_head()


def _previous() -> str:
    script = ScriptDirectory.from_config(alembic_config(make_engine("sqlite://")))
    down = script.get_revision(HEAD).down_revision
    assert isinstance(down, str), "one line of migrations, no branches"
    return down


@pytest.fixture
def blank(fresh_url: str) -> Iterator[Engine]:
    """An empty database, not migrated."""
    engine = make_engine(fresh_url)
    yield engine
    engine.dispose()


def _insert(engine: Engine, table: str, **values: object) -> None:
    """Insert through the table as the old revision has it: every required column gets a value."""
    reflected = Table(table, MetaData(), autoload_with=engine)
    defaults = {bool: False, int: 0, float: 1.0, str: "", list: [], dict: {}}
    row = dict(values)
    for column in reflected.columns:
        if column.name in row or column.nullable or column.primary_key:
            continue
        row[column.name] = defaults.get(column.type.python_type)
    with engine.begin() as conn:
        conn.execute(insert(reflected).values(**row))


def test_a_database_of_the_previous_revision_upgrades_and_keeps_its_rows(blank: Engine) -> None:
    command.upgrade(alembic_config(blank), _previous())
    _insert(blank, "toezegging", id="tz-1", nummer="TZ201310-101", kamerbrief_nakoming=["2014D45830"])
    _insert(
        blank,
        "commitment",
        key="register:tz-1",
        source="register",
        register_id="tz-1",
        text="De minister stuurt de Kamer een organogram over de aanpak van mensenhandel.",
        status="open",
        status_source="register",
        due=date(2015, 7, 2),
        ministry="Veiligheid en Justitie",
        quotes=["Ik stuur u voor de zomer een organogram."],
        made_to=[],
    )
    migrate(blank)
    with blank.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        tz = conn.execute(select(Table("toezegging", MetaData(), autoload_with=blank))).one()
        assert (tz.nummer, tz.kamerbrief_nakoming) == ("TZ201310-101", ["2014D45830"])
        # 0009 (issue 11): a commitment made before keeps its quotes, and no letter restated it yet
        c = conn.execute(select(Table("commitment", MetaData(), autoload_with=blank))).one()
        assert c.quotes == ["Ik stuur u voor de zomer een organogram."]
        assert conn.execute(select(Table("restatement", MetaData(), autoload_with=blank))).all() == []
    with Session(blank) as session:
        page = commitments(session, CommitmentFilter(text="organogram"), today=date(2015, 7, 3))
    assert [(r.text[:29], r.status.value, r.due) for r in page.rows] == [
        ("De minister stuurt de Kamer e", "overdue", date(2015, 7, 2))
    ]
