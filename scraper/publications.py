"""Letter texts: the official publication of each government letter, else its Document resource.

For every letter (`Document.soort` "Brief regering" and kindred soorten) that has no
`DocumentText` yet, or whose current version is not the one read, the publication id is
resolved (`DocumentVersie.ExterneIdentifier`; else `kst-{dossier}[-{toevoeging}]-{volgnummer}`;
else none) and fetched from officiële bekendmakingen: `{id}.xml` when it really is an
`<officiele-publicatie>` (an unknown id can give an HTML page with status 200), else `{id}.html`,
else the Document's own file from the SyncFeed (`Resources/<document id>`, PDF or Word).

The raw bytes go into a content-addressed blob and the text (paragraphs kept, footnotes apart)
into `DocumentText`, in one transaction per letter: a killed run loses at most the letter in
hand, and a new run fetches only what is still missing. A letter that fails is recorded as a
`SyncFailure`, skipped, and tried again on a later run (`scraper.failures`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

import requests
from sqlalchemy import func, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from db.clock import utcnow
from db.models import Document, DocumentText, DocumentVersie, Kamerstukdossier
from scraper import blobs
from scraper.config import SyncConfig
from scraper.failures import fetch_each
from scraper.http import Client, FetchError, checked_size
from tracker.documents import UnreadableDocument, read_document

log = logging.getLogger(__name__)

# Soorten read as letters from the government (compared case-insensitively); new soorten
# appear over time, so "Brief regering…" variants count too.
LETTER_SOORTEN = frozenset(
    {
        "brief regering",
        "antwoord schriftelijke vragen",
        "antwoord schriftelijke vragen (nader)",
        "lijst van vragen en antwoorden",
        "geleidende brief",
        "brief minister-president",
    }
)

# Names that tell the parser the format of a Document resource.
_SUFFIXES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
    "text/plain": ".txt",
    "text/html": ".html",
    "application/xml": ".xml",
    "text/xml": ".xml",
}


@dataclass(frozen=True)
class Letter:
    document_id: str
    versie_id: str | None
    publication_id: str | None
    content_type: str | None
    content_length: int | None = None  # of the Document resource, as the feed announced it


@dataclass(frozen=True)
class Fetched:
    source: str  # "publication" | "resource"
    publication_id: str | None
    raw: bytes
    content_type: str | None
    text: str
    footnotes: tuple[str, ...]


# --------------------------------------------------------------------------- selection


def kst_id(nummer: str | None, toevoeging: str | None, volgnummer: int | None) -> str | None:
    """`kst-36600-VII-1` from a dossier number, its toevoeging and the volgnummer; None if incomplete.

    A Rijkswet suffix such as "(R2190)" is not part of the publication id.
    """
    if not nummer or volgnummer is None or volgnummer <= 0:
        return None
    number = re.sub(r"\s+", "", nummer)
    extra = re.sub(r"\(.*?\)|\s+", "", toevoeging or "")
    return "-".join(p for p in ("kst", number, extra, str(volgnummer)) if p)


def letters_to_fetch(session: Session) -> list[Letter]:
    """Letters without a text, or whose current version is not the one the text was read from."""
    soort = func.lower(func.trim(Document.soort))
    stmt = (
        select(Document, DocumentText.versie_id, Kamerstukdossier)
        .join(DocumentText, col(DocumentText.document_id) == Document.id, isouter=True)
        .join(Kamerstukdossier, col(Kamerstukdossier.id) == Document.dossier_id, isouter=True)
        .where(or_(soort.in_(LETTER_SOORTEN), soort.like("brief regering%")))
        .where(
            or_(
                col(DocumentText.document_id).is_(None),
                (col(Document.huidige_versie_id).is_not(None))
                & (
                    col(DocumentText.versie_id).is_(None)
                    | (col(DocumentText.versie_id) != Document.huidige_versie_id)
                ),
            )
        )
        .order_by(col(Document.datum).desc(), Document.id)
    )
    rows = session.exec(stmt).all()
    externals = _external_identifiers(session, [doc.id for doc, _, _ in rows])
    letters = []
    for doc, _, dossier in rows:
        publication = externals.get(doc.id) or kst_id(
            dossier.nummer if dossier else None, dossier.toevoeging if dossier else None, doc.volgnummer
        )
        letters.append(
            Letter(doc.id, doc.huidige_versie_id, publication, doc.content_type, doc.content_length)
        )
    return letters


def _external_identifiers(session: Session, document_ids: list[str]) -> dict[str, str]:
    """ExterneIdentifier per document: of its current version, else of its newest version that has one."""
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(document_ids), 500):
        chunk = document_ids[start : start + 500]
        stmt = (
            select(DocumentVersie, Document.huidige_versie_id)
            .join(Document, col(Document.id) == DocumentVersie.document_id)
            .where(col(DocumentVersie.document_id).in_(chunk))
            .where(col(DocumentVersie.externe_identifier).is_not(None))
        )
        for versie, current in session.exec(stmt).all():
            ext = (versie.externe_identifier or "").strip()
            if not ext or versie.document_id is None:
                continue
            rank = 1_000_000 if versie.id == current else (versie.versienummer or 0)
            if versie.document_id not in found or rank > found[versie.document_id][0]:
                found[versie.document_id] = (rank, ext)
    return {doc: ext for doc, (_, ext) in found.items()}


# --------------------------------------------------------------------------- fetching


def fetch_letter(client: Client, config: SyncConfig, letter: Letter) -> Fetched:
    """The letter's text: from its publication (XML, then HTML), else from its Document resource.

    Raises FetchError or UnreadableDocument when no source gives a readable text.
    """
    errors: list[str] = []
    for source, url, name, content_type in _sources(config, letter):
        try:
            response = client.get(url)
            raw = checked_size(response, letter.content_length) if source == "resource" else response.content
        except FetchError as exc:
            errors.append(str(exc))
            continue
        if source == "publication" and not _is_publication(raw, name):
            errors.append(f"{url}: not a publication")
            continue
        ctype = _content_type(response) or content_type
        if source == "resource":
            name = letter.document_id + _SUFFIXES.get(ctype or "", "")
        try:
            text = read_document(raw, name)
        except UnreadableDocument as exc:
            errors.append(f"{url}: {exc}")
            continue
        if not text.text.strip():
            errors.append(f"{url}: no text")
            continue
        if "recovered" in text.meta:
            # Broken XML (most often cut short) read in recover mode: half a letter stored as the whole
            # would never be fetched again. A failure, so it is recorded and tried again later.
            errors.append(f"{url}: incomplete: {text.meta['recovered']}")
            continue
        publication = letter.publication_id if source == "publication" else None
        return Fetched(source, publication, raw, ctype, text.text, tuple(text.footnotes))
    raise FetchError(letter.document_id, "; ".join(errors) or "no source")


def _sources(config: SyncConfig, letter: Letter) -> Iterator[tuple[str, str, str, str | None]]:
    ob = config.ob_url.rstrip("/")
    if letter.publication_id:
        pid = letter.publication_id
        yield "publication", f"{ob}/{pid}.xml", f"{pid}.xml", "application/xml"
        yield "publication", f"{ob}/{pid}.html", f"{pid}.html", "text/html"
    resource = f"{config.syncfeed_url.rstrip('/')}/Resources/{letter.document_id}"
    yield "resource", resource, letter.document_id, letter.content_type


def _is_publication(raw: bytes, name: str) -> bool:
    """An officiële bekendmakingen document, not an error or search page served with 200."""
    head = raw[:4096]
    if name.endswith(".xml"):
        return b"<officiele-publicatie" in head
    return b"DC.identifier" in raw[:65536] or b'class="stuk"' in raw


def _content_type(response: requests.Response) -> str | None:
    value = response.headers.get("Content-Type")
    return value.split(";")[0].strip().lower() if value else None


def store_letter(session: Session, letter: Letter, fetched: Fetched) -> str:
    """Blob and text of one letter (the caller's transaction makes the two one unit); its source."""
    sha = blobs.put(session, fetched.raw, fetched.content_type)
    row = session.get(DocumentText, letter.document_id) or DocumentText(
        document_id=letter.document_id, source=fetched.source, text="", text_sha256=""
    )
    row.source = fetched.source
    row.publication_id = fetched.publication_id
    row.text = fetched.text
    row.footnotes = list(fetched.footnotes)
    row.blob_sha256 = sha
    row.text_sha256 = hashlib.sha256(fetched.text.encode("utf-8")).hexdigest()
    row.versie_id = letter.versie_id
    row.fetched_at = utcnow()
    session.add(row)
    return fetched.source


def fetch_letter_texts(
    engine: Engine, client: Client, config: SyncConfig, progress: bool = False
) -> dict[str, int]:
    """Fetch and store the texts of all letters that need one; counts per outcome."""
    with Session(engine) as session:
        letters = letters_to_fetch(session)
    counts = {"letters": len(letters), "publication": 0, "resource": 0, "failed": 0, "resting": 0}
    fetch_each(
        engine,
        "publication",
        letters,
        key=lambda letter: letter.document_id,
        fetch=lambda letter: fetch_letter(client, config, letter),
        store=store_letter,
        counts=counts,
        progress=progress,
        desc="letters",
        unit="letter",
    )
    log.info("letter texts: %s", counts)
    return counts
