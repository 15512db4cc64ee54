"""The schema: migrations build it on both databases and it matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import Session, SQLModel, select

from db.engine import session_scope
from db.models import SEARCH_PREFIX, Toezegging


def _not_search(obj, name, type_, reflected, compare_to):
    return not (name or "").startswith(SEARCH_PREFIX)


def test_migrations_build_the_schema_the_models_describe(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _not_search})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_a_register_entry_round_trips_with_its_lists(engine):
    with session_scope(engine) as s:
        s.add(
            Toezegging(
                id="abc", tekst="De minister zegt toe ...", kamerbrief_nakoming=["2014D45678", "2015D1"]
            )
        )
    with Session(engine) as s:
        row = s.exec(select(Toezegging)).one()
    assert row.kamerbrief_nakoming == ["2014D45678", "2015D1"]
    assert row.status is None


def test_a_failed_unit_of_work_leaves_nothing_behind(engine):
    try:
        with session_scope(engine) as s:
            s.add(Toezegging(id="x"))
            s.flush()
            raise RuntimeError("killed")
    except RuntimeError:
        pass
    with Session(engine) as s:
        assert s.exec(select(Toezegging)).all() == []
