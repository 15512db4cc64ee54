"""One run of a kind at a time per database; migrations once, under a lock; two runs at once never crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from sqlmodel import Session, select

import db.engine as engine_module
from db.engine import make_engine, open_database
from db.locks import LockHeld, run_lock
from db.models import Run
from tests.conftest import ROOT


def test_a_second_holder_of_a_run_lock_is_refused_at_once(engine):
    with run_lock(engine, "sync"):
        with pytest.raises(LockHeld, match="another sync run holds the database"), run_lock(engine, "sync"):
            pass
        with run_lock(engine, "track"):  # another kind of run is another lock
            pass
    with run_lock(engine, "sync"):  # released
        pass


def test_a_waiting_holder_gives_up_after_its_timeout(engine):
    waiting = run_lock(engine, "track", wait=True, timeout=0.3)
    with run_lock(engine, "track"), pytest.raises(LockHeld), waiting:
        pass


def test_a_lock_goes_with_a_killed_process(engine):
    script = (
        "import sys, time; from db.engine import make_engine; from db.locks import run_lock\n"
        "with run_lock(make_engine(sys.argv[1]), 'sync'):\n"
        "    print('held', flush=True); time.sleep(60)\n"
    )
    url = engine.url.render_as_string(hide_password=False)
    child = subprocess.Popen([sys.executable, "-c", script, url], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with pytest.raises(LockHeld), run_lock(engine, "sync"):
            pass
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    with run_lock(engine, "sync", wait=True, timeout=30):
        pass


def test_a_database_is_migrated_once_per_process_and_not_again_at_head(fresh_url, monkeypatch):
    upgrades: list[str] = []
    real = engine_module.command.upgrade

    def upgrade(cfg: object, rev: str) -> None:
        upgrades.append(rev)
        real(cfg, rev)  # type: ignore[arg-type]

    monkeypatch.setattr(engine_module.command, "upgrade", upgrade)
    monkeypatch.setattr(engine_module, "_migrated", set())
    open_database(fresh_url).dispose()
    open_database(fresh_url).dispose()
    assert upgrades == ["head"]
    monkeypatch.setattr(engine_module, "_migrated", set())  # a new process: at head, so no upgrade
    open_database(fresh_url).dispose()
    assert upgrades == ["head"]


def _cli(url: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.Popen(
        [sys.executable, "-m", "toezeggingen.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _together(url: str, *args: str) -> list[tuple[int, str]]:
    runs = [_cli(url, *args), _cli(url, *args)]
    return [(p.wait(), p.communicate()[1]) for p in runs]


@pytest.mark.slow
def test_two_syncs_and_two_tracks_at_once_never_crash(fresh_url):
    """Both start on an empty database (two migrations at once, then two runs): each either does the work
    or says in one line that the other holds the database; never a traceback."""
    for args in (("sync", "--sample", "--quiet"), ("track", "--today", "2026-11-28")):
        outcomes = _together(fresh_url, *args)
        for status, err in outcomes:
            assert "Traceback" not in err, err
            assert status in (0, 2), err
            if status == 2:
                assert err.strip().splitlines()[-1].endswith("try again when it has finished")
                assert len([line for line in err.splitlines() if line.startswith("toezeggingen:")]) == 1
        assert 0 in [status for status, _ in outcomes]
    engine = make_engine(fresh_url)
    with Session(engine) as session:
        runs = session.exec(select(Run).order_by(Run.id)).all()  # type: ignore[arg-type]
    engine.dispose()
    assert {r.kind for r in runs} == {"sync", "track"}
    assert all(r.state == "succeeded" and r.finished_at is not None for r in runs)
