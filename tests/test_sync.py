"""The sync run against a local replay of the feed: incremental, idempotent, and hard to hurt."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

import scraper.sync as sync_module
from db.engine import make_engine, migrate
from db.models import (
    Activiteit,
    Document,
    DocumentActor,
    DocumentVersie,
    Fractie,
    FractieZetel,
    FractieZetelPersoon,
    Kamerstukdossier,
    Persoon,
    SyncCursor,
    SyncFailure,
    Toezegging,
    Verslag,
    Zaak,
)
from scraper.config import SyncConfig
from scraper.sync import DatabaseUnavailable, sync
from tests import sync_factories as f
from tests.conftest import ROOT
from tests.replay import Reply
from tests.sync_factories import config_for

MODELS = (
    Kamerstukdossier,
    Activiteit,
    Zaak,
    Document,
    DocumentVersie,
    Fractie,
    FractieZetel,
    Persoon,
    FractieZetelPersoon,
    DocumentActor,
    Verslag,
    Toezegging,
)
CATEGORIES = list(f.BUILDERS)


@pytest.fixture(autouse=True)
def no_text_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Letter texts and transcripts are the collaborator's; these tests are about the feed."""
    monkeypatch.setattr(sync_module, "TEXT_STEPS", ())


def feeds(n: int = 12, page_size: int = 5) -> list[f.Feed]:
    return [f.Feed(c, page_size).add(*(f.BUILDERS[c](i) for i in range(n))) for c in CATEGORIES]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    return value


def dump(engine: Engine) -> dict[str, Any]:
    """Everything the feed stored, comparable across runs and databases."""
    out: dict[str, Any] = {}
    with Session(engine) as session:
        for model in MODELS:
            rows = session.exec(select(model)).all()
            out[model.__name__] = sorted(
                ({k: _plain(v) for k, v in row.model_dump().items()} for row in rows), key=lambda r: r["id"]
            )
        out["cursors"] = {c.category: c.skiptoken for c in session.exec(select(SyncCursor))}
    return out


@pytest.fixture
def other_db(tmp_path: Path) -> Engine:
    eng = make_engine(f"sqlite:///{tmp_path / 'reference.db'}")
    migrate(eng)
    return eng


def test_a_first_sync_stores_every_category_with_its_links(engine, replay):
    f.serve(replay, *feeds())
    summary = sync(engine, config_for(replay), progress=False)
    assert {c: summary.categories[c].new for c in CATEGORIES} == dict.fromkeys(CATEGORIES, 12)
    with Session(engine) as s:
        doc = s.get(Document, f.guid("Document", 3))
        versie = s.get(DocumentVersie, f.guid("DocumentVersie", 3))
        tz = s.get(Toezegging, f.guid("Toezegging", 3))
    assert doc is not None and versie is not None and tz is not None
    assert (doc.nummer, doc.soort, doc.dossier_id) == (
        "2025D00003",
        "Brief regering",
        f.guid("Kamerstukdossier", 3),
    )
    assert doc.zaak_ids == [f.guid("Zaak", 3)]
    assert (versie.document_id, versie.externe_identifier) == (doc.id, "kst-31003-103")
    assert (tz.nummer, tz.status, tz.activiteit_id) == ("TZ202400003", "Openstaand", f.guid("Activiteit", 3))
    assert str(tz.datum_nakoming) == "2025-07-01"


def test_a_second_run_with_nothing_new_asks_one_page_per_category(engine, replay):
    f.serve(replay, *feeds())
    config = config_for(replay)
    sync(engine, config, progress=False)
    before = len(replay.requests)
    summary = sync(engine, config, progress=False)
    assert len(replay.requests) - before == len(CATEGORIES)
    assert sum(c.new + c.updated + c.deleted for c in summary.categories.values()) == 0


def test_new_entries_are_read_from_the_saved_skiptoken_on(engine, replay):
    all_feeds = feeds()
    f.serve(replay, *all_feeds)
    config = config_for(replay)
    sync(engine, config, progress=False)
    toezeggingen = next(x for x in all_feeds if x.category == "Toezegging")
    last = toezeggingen.next_token
    toezeggingen.add(f.toezegging(100), f.toezegging(101))
    f.serve(replay, toezeggingen, after={"Toezegging": last})
    before = len(replay.requests)
    summary = sync(engine, config, progress=False)
    asked = replay.requests[before:]
    assert f"/SyncFeed/2.0/Feed?category=Toezegging&skiptoken={last}" in asked
    assert summary.categories["Toezegging"].new == 2
    with Session(engine) as s:
        assert s.get(SyncCursor, "Toezegging").skiptoken == str(last + 2)  # type: ignore[union-attr]


@pytest.mark.parametrize("spelling", ["true", "True"])
def test_a_tombstone_deletes_the_stored_record(engine, replay, spelling):
    feed = f.Feed("Document").add(f.document(1), f.document(2))
    f.serve(replay, feed)
    config = config_for(replay)
    sync(engine, config, progress=False)
    last = feed.next_token
    feed.add(f.tombstone(f.document(1), spelling=spelling))
    f.serve(replay, feed, after={"Document": last})
    summary = sync(engine, config, progress=False)
    assert summary.categories["Document"].deleted == 1
    with Session(engine) as s:
        assert s.get(Document, f.guid("Document", 1)) is None
        assert s.get(Document, f.guid("Document", 2)) is not None


def test_an_entity_re_emitted_out_of_order_keeps_its_newest_version(engine, replay):
    newer = f.toezegging(1, status="Voldaan", bijgewerkt="2026-05-01T12:00:00Z")
    older = f.toezegging(1, status="Openstaand", bijgewerkt="2025-01-01T12:00:00Z")
    f.serve(replay, f.Feed("Toezegging", page_size=1).add(newer, older))
    summary = sync(engine, config_for(replay), progress=False)
    with Session(engine) as s:
        assert s.get(Toezegging, f.guid("Toezegging", 1)).status == "Voldaan"  # type: ignore[union-attr]
    assert (summary.categories["Toezegging"].new, summary.categories["Toezegging"].stale) == (1, 1)


def test_a_later_correction_of_an_entity_updates_it_in_place(engine, replay):
    first = f.document(1, onderwerp="Eerste versie")
    corrected = f.document(1, onderwerp="Gecorrigeerd", bijgewerkt="2026-06-01T08:00:00Z")
    f.serve(replay, f.Feed("Document", page_size=10).add(first, f.document(2), corrected))
    summary = sync(engine, config_for(replay), progress=False)
    with Session(engine) as s:
        assert len(s.exec(select(Document)).all()) == 2
        assert s.get(Document, f.guid("Document", 1)).onderwerp == "Gecorrigeerd"  # type: ignore[union-attr]
    assert (summary.categories["Document"].new, summary.categories["Document"].updated) == (2, 1)


def test_an_unknown_status_is_stored_as_given_and_reported(engine, replay, caplog):
    odd = f.deviate(f.toezegging(1), f.with_status("Verzoek tot verlenging"))
    f.serve(replay, f.Feed("Toezegging").add(odd, f.toezegging(2)))
    with caplog.at_level(logging.WARNING, logger="scraper.sync"):
        summary = sync(engine, config_for(replay), progress=False)
    with Session(engine) as s:
        assert s.get(Toezegging, f.guid("Toezegging", 1)).status == "Verzoek tot verlenging"  # type: ignore[union-attr]
    assert ("Toezegging.status", "Verzoek tot verlenging") in summary.categories["Toezegging"].unknown
    assert "Verzoek tot verlenging" in caplog.text
    assert any("Verzoek tot verlenging" in line for line in summary.lines())


@pytest.mark.parametrize("status", ["Afgedaan", "Deels Afgedaan", "Deels afgedaan", "Nagekomen"])
def test_the_registers_real_statuses_are_known_and_stored_as_given(engine, replay, caplog, status):
    """The live register's most common values (Afgedaan: 3,759 of 6,407, OpenDataPortaal #179)."""
    item = f.deviate(f.toezegging(1), f.with_status(status))
    f.serve(replay, f.Feed("Toezegging").add(item))
    with caplog.at_level(logging.WARNING, logger="scraper.sync"):
        summary = sync(engine, config_for(replay), progress=False)
    with Session(engine) as s:
        assert s.get(Toezegging, f.guid("Toezegging", 1)).status == status  # type: ignore[union-attr]
    assert summary.categories["Toezegging"].unknown == set()
    assert status not in caplog.text
    assert not any("unknown" in line for line in summary.lines())


def test_the_sync_knows_every_register_status_the_tracker_maps():
    from scraper.entities import BY_CATEGORY
    from tracker.status import REGISTER_STATUS, is_known_register_status

    known = BY_CATEGORY["Toezegging"].known["status"]
    assert known == frozenset(REGISTER_STATUS)
    assert all(is_known_register_status(v) for v in ("Openstaand", "Voldaan", "Deels Voldaan", "Vervallen"))


def test_the_live_deviations_of_a_commitment_are_stored(engine, replay):
    item = f.deviate(
        f.toezegging(1, kamerbrief="2025D00001", datum_nakoming="0001-01-01T00:00:00Z"),
        lambda c: f.inserted_after("toegezegdAanFractie", ("toegezegdAan", {"ref": f.guid("persoon", 9)}))(
            f.repeated("kamerbriefNakoming", "2025D00002")(c)
        ),
    )
    f.serve(replay, f.Feed("Toezegging").add(item))
    sync(engine, config_for(replay), progress=False)
    with Session(engine) as s:
        tz = s.get(Toezegging, f.guid("Toezegging", 1))
    assert tz is not None
    assert tz.kamerbrief_nakoming == ["2025D00001", "2025D00002"]
    assert f.guid("persoon", 9) in tz.toegezegd_aan
    assert tz.datum_nakoming is None


def test_a_malformed_entry_is_recorded_and_skipped_while_the_rest_is_stored(engine, replay):
    bad = f.render_entry(f.activiteit(99), 0).replace(
        'tk:bijgewerkt="2026-03-02T10:00:00Z"', 'tk:bijgewerkt="nu"'
    )
    feed = f.Feed("Activiteit").add(f.activiteit(1)).add_raw(bad).add(f.activiteit(2))
    f.serve(replay, feed)
    summary = sync(engine, config_for(replay), progress=False)
    assert summary.categories["Activiteit"].new == 2
    assert summary.categories["Activiteit"].failed == 1
    with Session(engine) as s:
        failure = s.exec(select(SyncFailure)).one()
        assert s.get(SyncCursor, "Activiteit").skiptoken == str(feed.next_token)  # type: ignore[union-attr]
    assert (failure.kind, failure.item_id, failure.resolved) == ("entry", f.guid("Activiteit", 99), False)


def test_throttling_and_server_errors_mid_feed_are_waited_out(engine, replay):
    feed = f.Feed("Zaak", page_size=3).add(*(f.zaak(i) for i in range(7)))
    f.serve(replay, feed)
    routes = feed.pages()
    second = f"/SyncFeed/2.0/Feed?skiptoken={f.FIRST_TOKEN + 3}&category=Zaak"
    third = f"/SyncFeed/2.0/Feed?skiptoken={f.FIRST_TOKEN + 6}&category=Zaak"
    replay.add(
        second,
        Reply(429, headers={"Retry-After": "0"}),
        Reply(200, routes[f"Feed?category=Zaak&skiptoken={f.FIRST_TOKEN + 3}"]),
    )
    replay.add(
        third, Reply(500), Reply(503), Reply(200, routes[f"Feed?category=Zaak&skiptoken={f.FIRST_TOKEN + 6}"])
    )
    summary = sync(engine, config_for(replay), progress=False)
    assert summary.categories["Zaak"].new == 7
    assert (replay.count(second), replay.count(third)) == (2, 3)
    assert summary.retries == 3


def test_a_page_cut_short_once_is_fetched_again(engine, replay):
    feed = f.Feed("Kamerstukdossier", page_size=2).add(*(f.kamerstukdossier(i) for i in range(4)))
    f.serve(replay, feed)
    route = f"/SyncFeed/2.0/Feed?skiptoken={f.FIRST_TOKEN + 2}&category=Kamerstukdossier"
    body = feed.pages()[f"Feed?category=Kamerstukdossier&skiptoken={f.FIRST_TOKEN + 2}"]
    replay.add(route, Reply(200, body[: len(body) // 2]), Reply(200, body))
    summary = sync(engine, config_for(replay), progress=False)
    assert summary.categories["Kamerstukdossier"].new == 4
    assert replay.count(route) == 2


def test_a_page_that_stays_broken_stops_its_category_at_the_last_good_page(engine, replay):
    feed = f.Feed("Document", page_size=2).add(*(f.document(i) for i in range(6)))
    f.serve(replay, feed, f.Feed("Toezegging").add(f.toezegging(1)))
    broken = f"/SyncFeed/2.0/Feed?skiptoken={f.FIRST_TOKEN + 4}&category=Document"
    body = feed.pages()[f"Feed?category=Document&skiptoken={f.FIRST_TOKEN + 4}"]
    replay.add(broken, Reply(200, body[:100]))
    config = config_for(replay)
    summary = sync(engine, config, progress=False)
    assert "Document" in summary.stopped
    assert summary.categories["Document"].new == 4
    assert summary.categories["Toezegging"].new == 1  # the other categories went on
    with Session(engine) as s:
        assert s.get(SyncCursor, "Document").skiptoken == str(f.FIRST_TOKEN + 4)  # type: ignore[union-attr]
        assert s.exec(select(SyncFailure).where(SyncFailure.kind == "page")).one().item_id == "Document"
    replay.add(broken, Reply(200, body))  # the source recovers
    summary = sync(engine, config, progress=False)
    assert summary.categories["Document"].new == 2
    assert summary.stopped == {}
    with Session(engine) as s:
        assert s.exec(select(SyncFailure).where(SyncFailure.kind == "page")).one().resolved


def test_a_sync_killed_inside_a_transaction_resumes_to_the_same_database(
    engine, other_db, replay, monkeypatch
):
    f.serve(replay, *feeds(n=12, page_size=4))
    config = config_for(replay)
    sync(other_db, config, progress=False)
    expected = dump(other_db)

    real_apply = sync_module.apply_entries
    calls = []

    def apply_then_die(session, kind, entries):  # type: ignore[no-untyped-def]
        counts = real_apply(session, kind, entries)
        calls.append(kind.category)
        if len(calls) == 8:  # in the middle of the Zaak pages, rows written but not committed
            session.flush()
            raise KeyboardInterrupt
        return counts

    monkeypatch.setattr(sync_module, "apply_entries", apply_then_die)
    with pytest.raises(KeyboardInterrupt):
        sync(engine, config, progress=False)
    monkeypatch.setattr(sync_module, "apply_entries", real_apply)
    summary = sync(engine, config, progress=False)

    assert dump(engine) == expected
    stored = sum(len(rows) for name, rows in dump(engine).items() if name != "cursors")
    first_run_pages = 7  # pages committed before the kill: 3 Kamerstukdossier, 3 Activiteit, 1 Zaak
    assert sum(c.new for c in summary.categories.values()) == stored - 4 * first_run_pages
    assert sum(c.unchanged + c.updated for c in summary.categories.values()) == 0


def test_a_process_killed_mid_sync_resumes_to_the_same_database(engine, other_db, replay, tmp_path):
    all_feeds = feeds(n=10, page_size=3)
    f.serve(replay, *all_feeds)
    config = config_for(replay)
    sync(other_db, config, progress=False)
    expected = dump(other_db)

    # The third Activiteit page hangs, so the child is surely mid-run when it is killed.
    hang = f"/SyncFeed/2.0/Feed?skiptoken={f.FIRST_TOKEN + 6}&category=Activiteit"
    body = next(x for x in all_feeds if x.category == "Activiteit").pages()[
        f"Feed?category=Activiteit&skiptoken={f.FIRST_TOKEN + 6}"
    ]
    replay.add(hang, Reply(200, body, delay=30), Reply(200, body))
    script = (
        "import sys; from scraper.config import SyncConfig; from scraper.sync import sync\n"
        "from db.engine import make_engine\n"
        f"sync(make_engine(sys.argv[1]), SyncConfig(syncfeed_url={config.syncfeed_url!r}, "
        f"odata_url={config.odata_url!r}, ob_url={config.ob_url!r}, interval=0, timeout=60),"
        " progress=False)\n"
    )
    url = engine.url.render_as_string(hide_password=False)
    seen = len(replay.requests)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", script, url], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while hang not in replay.requests[seen:] and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
        assert hang in replay.requests[seen:]
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    with Session(engine) as s:
        assert s.get(SyncCursor, "Activiteit").skiptoken == str(f.FIRST_TOKEN + 6)  # type: ignore[union-attr]
    sync(engine, config, progress=False)
    assert dump(engine) == expected


def test_a_snapshot_sync_needs_no_network_and_equals_the_live_one(engine, other_db, replay, tmp_path):
    all_feeds = feeds(n=7, page_size=3)
    f.serve(replay, *all_feeds)
    sync(other_db, config_for(replay), progress=False)
    f.snapshot(tmp_path / "snap", *all_feeds)
    summary = sync(engine, f.OFFLINE, snapshot=tmp_path / "snap", progress=False)
    assert summary.stopped == {}
    assert dump(engine) == dump(other_db)


CALLS: list[tuple[Any, ...]] = []


def fake_step(engine: Engine, client: Any, config: SyncConfig, progress: bool) -> dict[str, int]:
    CALLS.append((engine, client, config, progress))
    return {"fetched": 3, "failed": 1}


def test_the_text_steps_run_after_the_feed_with_the_shared_client(engine, replay, monkeypatch):
    monkeypatch.setattr(sync_module, "TEXT_STEPS", (fake_step,))
    CALLS.clear()
    f.serve(replay)
    config = config_for(replay)
    summary = sync(engine, config, progress=False)
    [(eng, client, cfg, progress)] = CALLS
    assert (eng, cfg, progress) == (engine, config, False)
    assert hasattr(client, "get")
    assert summary.steps == {"fake_step": {"fetched": 3, "failed": 1}}
    assert "fake_step: 3 fetched, 1 failed" in summary.lines()


def test_the_summary_counts_new_updated_and_deleted_per_category(engine, replay):
    feed = f.Feed("Verslag", page_size=10).add(
        f.verslag(1), f.verslag(2), f.verslag(1, bijgewerkt="2026-05-01T00:00:00Z"), f.tombstone(f.verslag(2))
    )
    f.serve(replay, feed)
    summary = sync(engine, config_for(replay), progress=False)
    counts = summary.categories["Verslag"]
    assert (counts.new, counts.updated, counts.deleted) == (2, 1, 1)
    assert summary.lines()[CATEGORIES.index("Verslag")].startswith("Verslag: 2 new, 1 updated, 1 deleted")


def test_a_placeholder_with_only_an_id_does_not_blank_a_stored_record(engine, replay):
    bare = replace(f.zaak(1), children=(), bijgewerkt="2026-09-01T00:00:00Z")
    f.serve(replay, f.Feed("Zaak").add(f.zaak(1), bare))
    summary = sync(engine, config_for(replay), progress=False)
    with Session(engine) as s:
        assert s.get(Zaak, f.guid("Zaak", 1)).nummer == "2025Z00001"  # type: ignore[union-attr]
    assert summary.categories["Zaak"].unchanged == 1


def test_a_feed_whose_next_link_does_not_advance_is_not_followed_round_in_circles(engine, replay):
    page = f.render_page("Activiteit", [f.render_entry(f.activiteit(1), f.FIRST_TOKEN + 1)], f.FIRST_TOKEN)
    f.serve(replay)
    replay.add("/SyncFeed/2.0/Feed?category=Activiteit", page)
    again = f"/SyncFeed/2.0/Feed?skiptoken={f.FIRST_TOKEN}&category=Activiteit"
    replay.add(again, page, f.render_page("Activiteit", [], None))  # the second answer ends an endless loop
    summary = sync(engine, config_for(replay), progress=False)
    assert replay.count(again) == 1
    assert summary.categories["Activiteit"].new == 1


def test_a_feed_page_over_the_size_limit_stops_its_category_with_a_clear_reason(engine, replay):
    f.serve(replay, f.Feed("Zaak").add(f.zaak(1)), f.Feed("Toezegging").add(f.toezegging(1)))
    big = f.render_page("Zaak", [f.render_entry(f.zaak(n), f.FIRST_TOKEN + n) for n in range(40)], None)
    replay.add("/SyncFeed/2.0/Feed?category=Zaak", big)
    summary = sync(engine, config_for(replay, max_bytes=len(big) - 1), progress=False)
    assert "too large" in summary.stopped["Zaak"]
    assert summary.categories["Toezegging"].new == 1
    with Session(engine) as s:
        assert s.get(SyncCursor, "Zaak") is None  # nothing of the refused page counted as read
        assert s.exec(select(SyncFailure).where(SyncFailure.kind == "page")).one().item_id == "Zaak"


def test_a_database_that_cannot_be_opened_stops_the_run_with_one_clear_line(replay, tmp_path):
    f.serve(replay)
    unusable = make_engine(f"sqlite:///{tmp_path}")  # a directory, not a database file
    with pytest.raises(DatabaseUnavailable, match=r"^database unavailable: unable to open database file$"):
        sync(unusable, config_for(replay), progress=False)
