"""Engine construction and schema migration (Alembic, applied automatically)."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from db.locks import run_lock

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATE_WAIT = 600.0  # seconds to wait for another process's migration


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _json(value: Any) -> str:
    # Names as written ("Financiën", not "Financi\u00ebn"), so a filter on the stored JSON finds them.
    return json.dumps(value, ensure_ascii=False)


def make_engine(url: str) -> Engine:
    """Build an engine for `url`; SQLite files get WAL mode and their folder created."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False}, json_serializer=_json)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, json_serializer=_json)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def at_head(engine: Engine) -> bool:
    """Whether the schema is at the newest migration already (one quick query, no lock)."""
    heads = set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads()) == heads


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration, one process at a time (two at once would both create
    the same tables); a database already there is left alone."""
    if at_head(engine):
        return
    with run_lock(engine, "migrate", wait=True, timeout=MIGRATE_WAIT):
        command.upgrade(alembic_config(engine), "head")  # checks the revision again, under the lock


_migrated: set[str] = set()
_migrated_lock = threading.Lock()


def open_database(url: str) -> Engine:
    """An engine for `url`, its schema migrated the first time this process opens it (the dashboard
    opens the database on every interaction; migrating belongs to start-up)."""
    engine = make_engine(url)
    with _migrated_lock:
        if url not in _migrated:
            migrate(engine)
            _migrated.add(url)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
