"""What a scheduler and a shell script see: exit codes, one-line messages, and every run in the run table."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

import scraper.sync as sync_module
from db.engine import make_engine
from db.models import Run, SyncFailure
from scraper.sync import sync
from tests import sync_factories as f
from tests.replay import Reply
from tests.sync_factories import config_for


def runs(url: str) -> list[Run]:
    engine = make_engine(url)
    with Session(engine) as s:
        found = list(s.exec(select(Run).order_by(Run.id)).all())  # type: ignore[arg-type]
    engine.dispose()
    return found


# --------------------------------------------------------------------------- settings and usage


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("TOEZEGGINGEN_REQUEST_TIMEOUT", "abc", "TOEZEGGINGEN_REQUEST_TIMEOUT"),
        ("TOEZEGGINGEN_REQUEST_TIMEOUT", "-1", "TOEZEGGINGEN_REQUEST_TIMEOUT"),
        ("TOEZEGGINGEN_REQUEST_INTERVAL", "soon", "TOEZEGGINGEN_REQUEST_INTERVAL"),
        ("DATABASE_URL", "mysql://reader:s3cret@db.example.org/tk", "unsupported database 'mysql'"),
        ("TK_SYNCFEED_URL", "gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0", "TK_SYNCFEED_URL"),
        ("OB_URL", "ftp://zoek.officielebekendmakingen.nl", "OB_URL"),
        ("SMTP_PORT", "seventy", "SMTP_PORT"),
    ],
)
def test_a_bad_setting_is_one_line_and_exit_2(cli, monkeypatch, name, value, says):
    monkeypatch.setenv(name, value)
    status, out, err = cli("track")
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("toezeggingen: bad setting ")
    assert says in err
    assert "s3cret" not in err  # a URL's password is never echoed


@pytest.mark.parametrize(
    "args",
    [(), ("bogus",), ("deadline", "voor de zomer"), ("export", "--status", "x"), ("track", "--today", "x")],
)
def test_a_usage_error_is_exactly_one_line(cli, args):
    status, out, err = cli(*args)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("toezeggingen: ")


def test_a_held_database_is_one_line_and_exit_2(cli, tmp_path):
    from db.engine import open_database
    from db.locks import run_lock

    engine = open_database(f"sqlite:///{(tmp_path / 'data' / 'toezeggingen.db').resolve()}")
    with run_lock(engine, "track"):
        status, _, err = cli("track")
    assert status == 2
    assert err == "toezeggingen: another track run holds the database; try again when it has finished\n"


# --------------------------------------------------------------------------- a stopped category


def test_sync_exits_1_when_a_category_stopped_and_says_which(cli, replay, monkeypatch, tmp_path):
    """Through the CLI and the real text steps: the letters' files are missing (recorded failures), and
    the Document feed breaks for good on its second page."""
    feed = f.Feed("Document", page_size=2).add(*(f.document(i) for i in range(4)))
    f.serve(replay, feed, f.Feed("Toezegging").add(f.toezegging(1)))
    broken = f"/SyncFeed/2.0/Feed?skiptoken={f.FIRST_TOKEN + 2}&category=Document"
    replay.add(broken, Reply(200, b"<feed>cut"))
    config = config_for(replay)
    monkeypatch.setenv("TK_SYNCFEED_URL", config.syncfeed_url)
    monkeypatch.setenv("TK_ODATA_URL", config.odata_url)
    monkeypatch.setenv("OB_URL", config.ob_url)
    monkeypatch.setenv("TOEZEGGINGEN_REQUEST_INTERVAL", "0")
    monkeypatch.setattr(sync_module.SyncConfig, "from_settings", classmethod(lambda cls, s: config))
    status, out, _ = cli("sync", "--quiet")
    assert status == 1
    lines = out.splitlines()
    assert "incomplete: stopped early: Document" in lines
    url = f"sqlite:///{(tmp_path / 'data' / 'toezeggingen.db').resolve()}"
    engine = make_engine(url)
    with Session(engine) as s:
        written = s.exec(select(SyncFailure)).all()
    engine.dispose()
    assert {w.kind for w in written} >= {"page", "publication"}
    # every failure written this run is counted, the letters' too
    assert f"failures recorded: {len(written)}" in out
    [run] = runs(url)
    assert (run.kind, run.state, run.failures) == ("sync", "failed", len(written))
    assert run.message == "stopped early: Document"
    assert run.finished_at is not None
    assert run.counts["stopped"].keys() == {"Document"}


# --------------------------------------------------------------------------- the run table


def test_sync_and_track_runs_are_recorded_with_their_counts(engine):
    from scraper.sample import SAMPLE_DIR
    from tests.sync_factories import OFFLINE
    from tracker.track import track

    summary = sync(engine, OFFLINE, snapshot=SAMPLE_DIR, progress=False)
    tracked = track(engine)
    with Session(engine) as s:
        found = list(s.exec(select(Run).order_by(Run.id)).all())  # type: ignore[arg-type]
    assert [(r.kind, r.state) for r in found] == [("sync", "succeeded"), ("track", "succeeded")]
    assert found[0].counts["categories"]["Toezegging"]["new"] == summary.categories["Toezegging"].new > 0
    assert found[1].counts["commitments_added"] == tracked.commitments_added > 0
    assert all(r.finished_at is not None and r.started_at is not None for r in found)


def test_an_interrupted_sync_is_recorded_as_failed_with_its_one_line(engine, replay, monkeypatch):
    def interrupted(*args: object, **kw: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sync_module, "sync_category", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sync(engine, config_for(replay), progress=False)
    with Session(engine) as s:
        [run] = s.exec(select(Run)).all()
    assert (run.kind, run.state, run.message) == ("sync", "failed", "KeyboardInterrupt")
    assert run.finished_at is not None
