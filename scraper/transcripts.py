"""Debate transcripts: the newest VLOS XML of each meeting, kept raw in a blob.

A meeting (Vergadering) gets several Verslag versions: Voorpublicatie/Casco, then
Tussenpublicatie/Ongecorrigeerd, then Eindpublicatie/Gecorrigeerd (and Gerectificeerd after a
correction); of equal rank the most recently changed wins. Only the newest is fetched
(`{syncfeed}/Resources/<verslag id>`), and a stored transcript is replaced only by a newer
version, never by an older one. Title, date and meeting soort (Commissie, Plenair) are read from the XML with
`tracker.documents.read_document`; transcripts stored before the reader could read them are
read again from their blob, without downloading again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from db.clock import as_utc, utcnow
from db.engine import session_scope
from db.models import Transcript, Verslag
from scraper import blobs
from scraper.config import SyncConfig
from scraper.failures import fetch_each
from scraper.http import Client, FetchError, checked_size
from tracker.documents import SourceText, UnreadableDocument, read_document

log = logging.getLogger(__name__)

SOORT_RANK = {"voorpublicatie": 0, "tussenpublicatie": 1, "eindpublicatie": 2}
STATUS_RANK = {"casco": 0, "ongecorrigeerd": 1, "gecorrigeerd": 2, "gerectificeerd": 3}

_EPOCH = datetime(1, 1, 1, tzinfo=UTC)

_Fetched = tuple[bytes, str | None, "SourceText | None"]  # raw XML, its content type, its text as read


def rank(verslag: Verslag) -> tuple[int, int, datetime]:
    """Orders the versions of one meeting's transcript: later publication stage, then newer change."""
    soort = SOORT_RANK.get((verslag.soort or "").strip().casefold(), -1)
    status = STATUS_RANK.get((verslag.status or "").strip().casefold(), -1)
    return soort, status, as_utc(verslag.bijgewerkt) or _EPOCH


def newest_per_meeting(verslagen: Iterable[Verslag]) -> dict[str, Verslag]:
    newest: dict[str, Verslag] = {}
    for verslag in verslagen:
        meeting = verslag.vergadering_id
        if meeting and (meeting not in newest or rank(verslag) > rank(newest[meeting])):
            newest[meeting] = verslag
    return newest


def transcripts_to_fetch(session: Session) -> list[Verslag]:
    """The newest version of each meeting's transcript, where it is newer than the one stored."""
    verslagen = session.exec(select(Verslag).where(col(Verslag.vergadering_id).is_not(None))).all()
    by_id = {v.id: v for v in verslagen}
    stored = {t.vergadering_id: t.verslag_id for t in session.exec(select(Transcript)).all()}
    wanted = []
    for meeting, verslag in newest_per_meeting(verslagen).items():
        current = stored.get(meeting)
        if current == verslag.id:
            continue
        held = by_id.get(current) if current else None
        # a stored version whose Verslag is gone (withdrawn) does not block a replacement
        if held is None or rank(verslag) > rank(held):
            wanted.append(verslag)
    return sorted(wanted, key=lambda v: v.id)


def _read(raw: bytes, name: str) -> SourceText | None:
    try:
        return read_document(raw, name)
    except UnreadableDocument as exc:
        log.info("transcript %s: no title or date read: %s", name, exc)
        return None


def store_transcript(session: Session, verslag: Verslag, raw: bytes, content_type: str | None) -> None:
    """Blob and Transcript row of one meeting (one transaction, the caller's)."""
    _store(session, verslag, raw, content_type, _read(raw, f"{verslag.id}.xml"))


def _store(
    session: Session, verslag: Verslag, raw: bytes, content_type: str | None, source: SourceText | None
) -> None:
    if verslag.vergadering_id is None:
        raise ValueError(f"Verslag {verslag.id} names no meeting")
    sha = blobs.put(session, raw, content_type)
    row = session.get(Transcript, verslag.vergadering_id) or Transcript(
        vergadering_id=verslag.vergadering_id, verslag_id=verslag.id, blob_sha256=sha
    )
    row.verslag_id = verslag.id
    row.blob_sha256 = sha
    _set_metadata(row, source)
    row.fetched_at = utcnow()
    session.add(row)


def _set_metadata(row: Transcript, source: SourceText | None) -> None:
    row.titel = source.title if source else None
    row.datum = source.date if source else None
    row.soort = source.meta.get("vergadering_soort") if source else None  # Commissie | Plenair


def reread_metadata(engine: Engine, skip: frozenset[str] | set[str] = frozenset()) -> int:
    """Fill title and date of stored transcripts that lack them, from their blobs (no download)."""
    done = 0
    with session_scope(engine) as session:
        for row in session.exec(select(Transcript).where(col(Transcript.titel).is_(None))).all():
            if row.verslag_id in skip:
                continue
            try:
                raw = blobs.get(session, row.blob_sha256)
            except blobs.BlobError as exc:
                # Left as it is: a later version of the meeting's transcript replaces it.
                log.warning("transcript of meeting %s not read again: %s", row.vergadering_id, exc)
                continue
            source = _read(raw, f"{row.verslag_id}.xml")
            if source is not None and source.title:
                _set_metadata(row, source)
                session.add(row)
                done += 1
    return done


def fetch_transcripts(
    engine: Engine, client: Client, config: SyncConfig, progress: bool = False
) -> dict[str, int]:
    """Fetch and store the newest transcript of every meeting that needs one; counts per outcome."""
    with Session(engine) as session:
        wanted = transcripts_to_fetch(session)
    counts = {"meetings": len(wanted), "fetched": 0, "failed": 0, "resting": 0, "reread": 0}
    base = config.syncfeed_url.rstrip("/")

    def fetch(verslag: Verslag) -> _Fetched:
        url = f"{base}/Resources/{verslag.id}"
        response = client.get(url)
        raw = checked_size(response, verslag.content_length)
        header = response.headers.get("Content-Type") or verslag.content_type or ""
        source = _read(raw, f"{verslag.id}.xml")
        if source is not None and "recovered" in source.meta:
            # Cut short or broken: stored, it would never be fetched again. Recorded and retried instead.
            raise FetchError(url, f"incomplete transcript: {source.meta['recovered']}")
        return raw, header.split(";")[0].strip() or None, source

    def store(session: Session, verslag: Verslag, fetched: _Fetched) -> str:
        _store(session, verslag, *fetched)
        return "fetched"

    fetch_each(
        engine,
        "transcript",
        wanted,
        key=lambda verslag: verslag.id,
        fetch=fetch,
        store=store,
        counts=counts,
        progress=progress,
        desc="transcripts",
        unit="meeting",
    )
    counts["reread"] = reread_metadata(engine, skip={v.id for v in wanted})
    log.info("transcripts: %s", counts)
    return counts
