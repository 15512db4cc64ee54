"""Debate transcripts: the newest VLOS version of each meeting, stored raw; never an older over a newer."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from db.engine import session_scope
from db.models import SyncFailure, Transcript, Verslag
from scraper import blobs, transcripts
from scraper.transcripts import fetch_transcripts, newest_per_meeting, rank
from tests.conftest import SLACHTOFFER_VLOS
from tests.replay import ReplayServer, Reply
from tests.sync_factories import client_fixture, config_fixture  # noqa: F401  (fixtures)
from tracker.documents import SourceText, UnreadableDocument

# sample_vlos_{Vergadering.Id}_{Verslag.Id}.xml: Slachtofferbeleid, 2 July 2025, Ongecorrigeerd
SLACHTOFFER = SLACHTOFFER_VLOS
MEETING, VERSLAG = "d972288f-fcc1-493b-b38d-0fa400343608", SLACHTOFFER.stem
RAW = SLACHTOFFER.read_bytes()


def vlos_header(data: bytes, name: str = "") -> SourceText:
    """Stands in for the document parser: title, date and meeting soort of a VLOS file."""
    text = data.decode("utf-8-sig")
    if "<titel>" not in text:
        raise UnreadableDocument("no transcript")
    title = text.split("<titel>", 1)[1].split("</titel>", 1)[0]
    day = text.split("<datum>", 1)[1][:10]
    soort = text.split('<vergadering soort="', 1)[1].split('"', 1)[0]
    return SourceText(
        text="",
        kind="transcript",
        title=title,
        date=date.fromisoformat(day),
        meta={"vergadering_soort": soort},
    )


@pytest.fixture
def parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transcripts, "read_document", vlos_header)


def verslag(
    vid: str, soort: str, status: str, *, meeting: str = MEETING, changed: str = "2025-07-03T10:00:00"
) -> Verslag:
    return Verslag(
        id=vid,
        vergadering_id=meeting,
        soort=soort,
        status=status,
        content_type="text/xml",
        bijgewerkt=datetime.fromisoformat(changed).replace(tzinfo=UTC),
    )


def add(engine, *rows: Verslag) -> None:
    with session_scope(engine) as session:
        for row in rows:
            session.add(row)


def transcript(engine) -> Transcript | None:
    with Session(engine) as session:
        return session.get(Transcript, MEETING)


def serve(replay: ReplayServer, vid: str, body: bytes = RAW) -> str:
    path = f"/SyncFeed/2.0/Resources/{vid}"
    replay.add(path, Reply(body=body, headers={"Content-Type": "text/xml"}))
    return path


# --------------------------------------------------------------------------- which version


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        (("Voorpublicatie", "Casco"), ("Tussenpublicatie", "Ongecorrigeerd")),
        (("Tussenpublicatie", "Ongecorrigeerd"), ("Eindpublicatie", "Gecorrigeerd")),
        (("Voorpublicatie", "Casco"), ("Eindpublicatie", "Gecorrigeerd")),
        (("Eindpublicatie", "Gecorrigeerd"), ("Eindpublicatie", "Gerectificeerd")),
        (("Iets nieuws", None), ("Voorpublicatie", "Casco")),
    ],
)
def test_later_publication_stages_rank_higher(older, newer):
    # the older stage is the more recently changed one: the stage decides first
    old = verslag("a", *older, changed="2025-07-10T00:00:00")
    new = verslag("b", *newer, changed="2025-07-03T00:00:00")
    assert rank(new) > rank(old)
    assert newest_per_meeting([old, new])[MEETING] is new
    assert newest_per_meeting([new, old])[MEETING] is new


def test_of_two_equal_versions_the_more_recently_changed_wins():
    early = verslag("a", "Tussenpublicatie", "Ongecorrigeerd", changed="2025-07-03T10:00:00")
    late = verslag("b", "Tussenpublicatie", "Ongecorrigeerd", changed="2025-07-04T09:00:00")
    assert newest_per_meeting([late, early])[MEETING] is late


def test_only_the_newest_version_of_a_meeting_is_fetched_and_kept_raw(engine, replay, client, config, parser):
    add(
        engine,
        verslag("casco", "Voorpublicatie", "Casco", changed="2025-07-02T21:00:00"),
        verslag(VERSLAG, "Tussenpublicatie", "Ongecorrigeerd", changed="2025-07-10T17:11:12"),
    )
    serve(replay, "casco", b"")
    path = serve(replay, VERSLAG)
    counts = fetch_transcripts(engine, client, config)
    assert counts["fetched"] == 1
    assert replay.requests == [path]
    row = transcript(engine)
    assert row is not None
    assert row.verslag_id == VERSLAG
    assert (row.titel, row.datum, row.soort) == ("Slachtofferbeleid", date(2025, 7, 2), "Commissie")
    with Session(engine) as session:
        assert blobs.get(session, row.blob_sha256) == RAW


def test_a_second_run_fetches_nothing_already_stored(engine, replay, client, config, parser):
    add(engine, verslag(VERSLAG, "Tussenpublicatie", "Ongecorrigeerd"))
    serve(replay, VERSLAG)
    fetch_transcripts(engine, client, config)
    counts = fetch_transcripts(engine, client, config)
    assert counts["meetings"] == 0
    assert len(replay.requests) == 1


def test_a_newer_version_replaces_the_stored_transcript(engine, replay, client, config, parser):
    add(engine, verslag(VERSLAG, "Tussenpublicatie", "Ongecorrigeerd"))
    serve(replay, VERSLAG)
    fetch_transcripts(engine, client, config)
    final = RAW.replace(b'status="Ongecorrigeerd"', b'status="Gecorrigeerd"', 1)
    add(engine, verslag("final", "Eindpublicatie", "Gecorrigeerd", changed="2025-09-01T12:00:00"))
    serve(replay, "final", final)
    counts = fetch_transcripts(engine, client, config)
    assert counts["fetched"] == 1
    row = transcript(engine)
    assert row is not None
    assert row.verslag_id == "final"
    with Session(engine) as session:
        assert blobs.get(session, row.blob_sha256) == final


def test_an_older_version_never_replaces_a_newer_one(engine, replay, client, config, parser):
    add(engine, verslag("final", "Eindpublicatie", "Gecorrigeerd", changed="2025-09-01T12:00:00"))
    serve(replay, "final")
    fetch_transcripts(engine, client, config)
    # a late-arriving draft, changed more recently than the final version
    add(engine, verslag("draft", "Tussenpublicatie", "Ongecorrigeerd", changed="2025-10-01T12:00:00"))
    serve(replay, "draft", b"<vlosCoreDocument/>")
    counts = fetch_transcripts(engine, client, config)
    assert counts["meetings"] == 0
    row = transcript(engine)
    assert row is not None
    assert row.verslag_id == "final"
    assert replay.count("/SyncFeed/2.0/Resources/draft") == 0


# --------------------------------------------------------------------------- failures and re-reading


def test_a_failing_transcript_is_recorded_and_skipped_and_fetched_on_a_later_run(
    engine, replay, client, config, parser
):
    add(
        engine,
        verslag(VERSLAG, "Tussenpublicatie", "Ongecorrigeerd"),
        verslag("other", "Eindpublicatie", "Gecorrigeerd", meeting="another-meeting"),
    )
    replay.add(f"/SyncFeed/2.0/Resources/{VERSLAG}", Reply(500), Reply(500), Reply(body=RAW))
    serve(replay, "other")
    counts = fetch_transcripts(engine, client, config)
    assert (counts["fetched"], counts["failed"]) == (1, 1)
    with Session(engine) as session:
        [failure] = session.exec(select(SyncFailure)).all()
    assert (failure.kind, failure.item_id, failure.resolved) == ("transcript", VERSLAG, False)

    counts = fetch_transcripts(engine, client, config)
    assert counts["fetched"] == 1
    assert transcript(engine) is not None
    with Session(engine) as session:
        [failure] = session.exec(select(SyncFailure)).all()
    assert failure.resolved


def test_title_and_date_are_read_again_from_the_blob_without_downloading(
    engine, replay, client, config, monkeypatch
):
    def cannot_read_yet(data: bytes, name: str = "") -> SourceText:
        raise UnreadableDocument("transcripts not supported yet")

    monkeypatch.setattr(transcripts, "read_document", cannot_read_yet)
    add(engine, verslag(VERSLAG, "Tussenpublicatie", "Ongecorrigeerd"))
    serve(replay, VERSLAG)
    fetch_transcripts(engine, client, config)
    row = transcript(engine)
    assert row is not None
    assert row.titel is None

    monkeypatch.setattr(transcripts, "read_document", vlos_header)
    counts = fetch_transcripts(engine, client, config)
    assert counts["reread"] == 1
    assert len(replay.requests) == 1
    row = transcript(engine)
    assert row is not None
    assert row.titel == "Slachtofferbeleid"


def test_a_transcript_of_another_size_than_announced_is_recorded_and_not_stored(
    engine, replay, client, config, parser
):
    row = verslag(VERSLAG, "Tussenpublicatie", "Ongecorrigeerd")
    row.content_length = len(RAW)
    add(engine, row)
    serve(replay, VERSLAG, RAW[: len(RAW) // 2])
    counts = fetch_transcripts(engine, client, config)
    assert (counts["fetched"], counts["failed"]) == (0, 1)
    assert transcript(engine) is None
    with Session(engine) as session:
        [failure] = session.exec(select(SyncFailure)).all()
    assert "the feed announced" in failure.error


def test_a_stored_transcript_whose_blob_is_gone_is_passed_over_when_titles_are_read_again(
    engine, replay, client, config, parser
):
    add(engine, Transcript(vergadering_id="lost", verslag_id="lost-verslag", blob_sha256="0" * 64))
    add(engine, verslag(VERSLAG, "Tussenpublicatie", "Ongecorrigeerd"))
    serve(replay, VERSLAG)
    counts = fetch_transcripts(engine, client, config)
    assert (counts["fetched"], counts["reread"]) == (1, 0)
    row = transcript(engine)
    assert row is not None and row.titel == "Slachtofferbeleid"
