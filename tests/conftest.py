"""Shared fixtures: a fresh database on SQLite and on PostgreSQL, paths to the shared material."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from db.engine import make_engine, migrate
from tests.replay import ReplayServer, replay_server
from toezeggingen.cli import main
from toezeggingen.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TOEZEGGINGEN_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
DEVSET = SHARED / "devset"
FIXTURES = Path(__file__).parent / "fixtures"
# Small real files the tests carry, so they run on a fresh clone without ../shared (origins in the README).
SEED_LETTER = FIXTURES / "documents" / "kst-28638-128.txt"
XSD = FIXTURES / "corpus" / "tk-xsd" / "tkData-v1-0.xsd"
BESLUIT_JSON = FIXTURES / "corpus" / "singular.besluit.json"
SYNCFEED_EXCERPTS = FIXTURES / "corpus" / "wetsuite-data-collection-syncfeed-output-excerpts.txt"
# The real VLOS transcript of the debate on slachtofferbeleid (2015-05-28), as the bundled sample serves it.
SAMPLE_RESOURCES = ROOT / "scraper" / "sample" / "snapshot" / "syncfeed" / "resources"
SLACHTOFFER_VLOS = SAMPLE_RESOURCES / "8d411d38-40af-4853-b1d9-97603563fc9f.xml"
# The nine real VLOS transcripts of ../shared/corpus/tk-vlos-verslagen, by the id of their vergadering: four
# as the bundled sample serves them (under their Verslag id), five in tests/fixtures/vlos (gzip; three cut to
# the closing turns, see its README).
VLOS_TRANSCRIPTS = {
    "0c43e57f": SAMPLE_RESOURCES / "2a27783d-3d6b-4e26-9fcf-52c17a41f6bf.xml",
    "16a72e1d": SAMPLE_RESOURCES / "7fcd2ba9-3e41-4930-a4fe-af3088f11c50.xml",
    "3ad601d2": SAMPLE_RESOURCES / "d35df127-e439-4538-8954-0205f56e7636.xml",
    "d972288f": SLACHTOFFER_VLOS,
    **{p.name[len("sample_vlos_") :][:8]: p for p in (FIXTURES / "vlos").glob("sample_vlos_*.xml.gz")},
}
VLOS_CUT = {"8f376d4c", "e3b6c21d", "f001a349"}
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"needs ../shared (the shared material, looked for at {SHARED})"
)

POSTGRES_ADMIN_URL = os.environ.get(
    # As the OS user, over the socket (scripts/postgres.sh gives that user a role).
    "TEST_POSTGRES_URL",
    "postgresql+psycopg:///postgres?host=/var/run/postgresql",
)


def new_postgres_database(name: str) -> str | None:
    """Create (afresh) a database on the local PostgreSQL server; its URL, or None when there is no server
    (in CI there must be one)."""
    try:
        admin = make_engine(POSTGRES_ADMIN_URL).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception as exc:
        if os.environ.get("CI"):
            raise RuntimeError(f"PostgreSQL is required in CI: {exc}") from exc
        return None
    base, _, query = POSTGRES_ADMIN_URL.partition("?")
    return base.rsplit("/", 1)[0] + f"/{name}" + (f"?{query}" if query else "")


def drop_postgres_database(name: str) -> None:
    admin = make_engine(POSTGRES_ADMIN_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _postgres_engine(worker: str) -> Engine | None:
    """A database of this test worker's own on the local PostgreSQL server, or None when there is none."""
    # The pid keeps concurrent test runs on one machine out of each other's database.
    url = new_postgres_database(f"toezeggingen_test_{worker}_{os.getpid()}")
    return make_engine(url) if url else None


@pytest.fixture(scope="session")
def postgres_engine(worker_id: str) -> Iterator[Engine | None]:
    engine = _postgres_engine(worker_id)
    if engine is not None:
        migrate(engine)
    yield engine
    if engine is not None:
        name = engine.url.database
        engine.dispose()
        drop_postgres_database(name or "")


def _truncate(engine: Engine) -> None:
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(
                text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
            )
        else:
            for t in tables:
                conn.execute(text(f'DELETE FROM "{t}"'))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A fresh, migrated database: a SQLite file, then the same test on PostgreSQL."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        migrate(eng)
        yield eng
        eng.dispose()
        return
    pg = request.getfixturevalue("postgres_engine")
    if pg is None:
        pytest.skip("no PostgreSQL server reachable (set TEST_POSTGRES_URL)")
    _truncate(pg)
    yield pg


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A fresh SQLite database, for tests whose subject is not the database."""
    eng = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    # pytest-xdist provides its own `worker_id`; this one serves plain runs.
    return getattr(request.config, "workerinput", {}).get("workerid", "main")


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    """A local server replaying recorded responses on 127.0.0.1."""
    with replay_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path, worker_id: str) -> Iterator[str]:
    """The URL of an empty, unmigrated database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    name = f"toezeggingen_fresh_{worker_id}_{os.getpid()}"
    url = new_postgres_database(name)
    if url is None:
        pytest.skip("no PostgreSQL server reachable (set TEST_POSTGRES_URL)")
    yield url
    drop_postgres_database(name)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Run `toezeggingen ARGS` in-process against a fresh data directory; return (status, stdout, stderr)."""
    monkeypatch.setenv("TOEZEGGINGEN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        get_settings.cache_clear()
        try:
            status = main(list(args))
        except SystemExit as exc:
            status = int(exc.code or 0)
        out, err = capsys.readouterr()
        return status, out, err

    yield run
    get_settings.cache_clear()
