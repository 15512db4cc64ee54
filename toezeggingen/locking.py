"""One holder of a named lock per database: an advisory lock on PostgreSQL, a lock file beside SQLite.

A stand-in with the interface of `db.locks` (branch `reliability`): once that is on main, the scheduler
and the jobs switch by changing their one import line to `from db.locks import LockHeld, run_lock`.
Both kinds of lock belong to the process that took them and go with it, however it ends.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine


class LockHeld(RuntimeError):
    def __init__(self, name: str) -> None:
        super().__init__(f"another process holds the {name} lock of this database")
        self.name = name


def _key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(f"toezeggingen:{name}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def run_lock(
    engine: Engine, name: str, *, wait: bool = False, timeout: float | None = None
) -> Iterator[None]:
    """Hold `name` for the block; LockHeld at once (or after `timeout` seconds when `wait`)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    if engine.dialect.name == "postgresql":
        conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            while not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _key(name)}).scalar():
                if not wait or (deadline is not None and time.monotonic() > deadline):
                    raise LockHeld(name)
                time.sleep(0.2)
        except BaseException:
            conn.invalidate()
            conn.close()
            raise
        try:
            yield
        finally:
            conn.invalidate()  # closing the connection drops the session lock with it
            conn.close()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    path = Path(database).with_name(f"{Path(database).name}.{name}.lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as exc:
                if not wait or (deadline is not None and time.monotonic() > deadline):
                    raise LockHeld(name) from exc
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)  # releases the flock
