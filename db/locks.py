"""One run of a kind at a time per database: a PostgreSQL advisory lock, or a lock file beside SQLite.

    from db.locks import LockHeld, run_lock

    with run_lock(engine, "sync"):               # LockHeld at once when another process holds it
        ...
    with run_lock(engine, "track", wait=True):   # waits for the other run to finish
        ...

Both kinds of lock belong to the process that took them and go when it ends, however it ends (a
SIGKILL included): the advisory lock with its connection, the file lock with its descriptor. A
stale lock file on disk therefore blocks nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

log = logging.getLogger(__name__)


class LockHeld(RuntimeError):
    """Another process holds the lock of this kind of run on this database."""

    def __init__(self, name: str) -> None:
        super().__init__(f"another {name} run holds the database; try again when it has finished")
        self.name = name


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for `name` (Python's hash() differs per process)."""
    digest = hashlib.sha256(f"toezeggingen:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_path(engine: Engine, name: str) -> Path | None:
    """The lock file of `name` beside a SQLite database file; None for an in-memory database."""
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database).with_name(f"{Path(database).name}.{name}.lock")


@contextmanager
def run_lock(
    engine: Engine, name: str, *, wait: bool = False, timeout: float | None = None
) -> Iterator[None]:
    """Hold the `name` lock of this database for the block; LockHeld when another process holds it
    (at once, or after `timeout` seconds when waiting; `wait` without a timeout waits for good)."""
    seconds = (-1.0 if timeout is None else timeout) if wait else 0.0
    if engine.dialect.name == "postgresql":
        with _advisory(engine, name, seconds):
            yield
        return
    path = lock_path(engine, name)
    if path is None:  # only this process can see an in-memory database
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=seconds)
    except Timeout as exc:
        raise LockHeld(name) from exc
    try:
        yield
    finally:
        lock.release()


@contextmanager
def _advisory(engine: Engine, name: str, seconds: float) -> Iterator[None]:
    key = advisory_key(name)
    # A connection of its own, in autocommit, holds the session-level lock for the whole run.
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        if seconds < 0:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
        else:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
            if not got and seconds > 0:
                conn.execute(
                    text("SELECT set_config('lock_timeout', :ms, false)"), {"ms": f"{int(seconds * 1000)}"}
                )
                try:
                    conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
                    got = True
                except OperationalError:  # lock_timeout: the other run still holds it
                    got = False
            if not got:
                raise LockHeld(name)
    except BaseException:
        conn.invalidate()  # never hand a connection in an unknown lock state back to the pool
        conn.close()
        raise
    try:
        yield
    finally:
        try:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            conn.close()
        except Exception:
            log.warning("could not release the %s lock; it goes with its connection", name)
            conn.invalidate()
            conn.close()
