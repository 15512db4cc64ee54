"""Targeted backfills through the Gegevensmagazijn's OData API (`sync --since DATE`).

For each entity set: `$filter=Verwijderd eq false and ApiGewijzigdOp ge <since>`, ordered
by `ApiGewijzigdOp, Id`, paged by following `@odata.nextLink` (its query exactly as given, its host
and base path rebased onto the configured base, as feed links are). Each page is stored with a
cursor, so a backfill that stopped resumes after its last stored page when run again. The base URL
comes from the settings (`TK_ODATA_URL`: the v4/2.0 base until it closes, the v5 base
after), so nothing here names a version. JSON objects become the same `Entry`s the feed
gives (field names compared case-insensitively), so one set of mappings fills the rows.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import requests
from sqlalchemy.engine import Engine
from sqlmodel import Session
from tqdm import tqdm

from db.clock import utcnow
from db.engine import session_scope
from db.models import SyncCursor
from scraper.config import SyncConfig, SyncSummary
from scraper.entities import KINDS, Counts, Kind, apply_entries
from scraper.failures import record_failure, resolve_failures
from scraper.http import FetchError, HttpClient
from scraper.syncfeed import Entry, parse_datetime

log = logging.getLogger(__name__)

# Relations the rows need that OData keeps behind navigation properties.
EXPAND: dict[str, str] = {
    "Document": "Kamerstukdossier($select=Id),Zaak($select=Id),Activiteit($select=Id)",
    "Zaak": "Kamerstukdossier($select=Id),Activiteit($select=Id)",
    "Toezegging": "KamerbriefNakoming($select=DocumentNummer),ToegezegdAan,Activiteit($select=Id)",
}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_entry(kind: Kind, obj: dict[str, Any]) -> Entry:
    """One OData JSON object → the Entry the SyncFeed would have given for it."""
    entry = Entry(
        category=kind.element,
        id=str(obj["Id"]).lower(),
        verwijderd=bool(obj.get("Verwijderd")),
        bijgewerkt=parse_datetime(obj.get("GewijzigdOp")),
        updated=parse_datetime(obj.get("ApiGewijzigdOp")),
    )
    for key, value in obj.items():
        if key.startswith("@") or key in ("Id", "Verwijderd", "GewijzigdOp", "ApiGewijzigdOp"):
            continue
        name = key.lower()
        if name.endswith("_id"):  # Document_Id, Persoon_Id: a reference
            if value:
                entry.refs.setdefault(name[:-3], []).append(str(value).lower())
            continue
        items = value if isinstance(value, list) else [value] if isinstance(value, dict) else None
        if items is None:
            entry.fields.setdefault(name, []).append(_text(value))
            continue
        own = f"{kind.category}_Id".lower()
        for item in items:  # an expanded navigation property
            # A link row (ToegezegdAan: Fractie_Id, Persoon_Id) names its targets; an entity its Id.
            links = [(k.lower()[:-3], str(v).lower()) for k, v in item.items() if _is_ref(k, own) and v]
            targets = [target for _, target in links]
            if not targets and item.get("Id"):
                targets = [str(item["Id"]).lower()]
            entry.refs.setdefault(name, []).extend(targets)
            for target_kind, target in links:  # as the feed's nested form: "toegezegdaan.persoon"
                entry.refs.setdefault(f"{name}.{target_kind}", []).append(target)
            if "DocumentNummer" in item:  # KamerbriefNakoming: the letters' numbers, as in the feed
                entry.fields.setdefault(name, []).append(_text(item["DocumentNummer"]))
    return entry


def _is_ref(key: str, own: str) -> bool:
    return key.lower().endswith("_id") and key.lower() != own


def read_page(response: requests.Response) -> tuple[list[Any], str | None]:
    """The rows of an OData page and its `@odata.nextLink`; FetchError when it is no such page."""
    try:
        body = response.json()
    except ValueError as exc:
        raise FetchError(response.url, f"not JSON: {exc}") from exc
    rows = body.get("value") if isinstance(body, dict) else None
    if not isinstance(rows, list):
        raise FetchError(response.url, "not an OData page: no 'value' list")
    return rows, body.get("@odata.nextLink")


def first_url(base: str, kind: Kind, since: date, *, expand: bool = True) -> tuple[str, dict[str, str]]:
    params = {
        "$filter": f"Verwijderd eq false and ApiGewijzigdOp ge {since.isoformat()}T00:00:00Z",
        "$orderby": "ApiGewijzigdOp asc,Id asc",
    }
    if expand and kind.category in EXPAND:
        params["$expand"] = EXPAND[kind.category]
    return f"{base.rstrip('/')}/{kind.category}", params


def cursor_key(kind: Kind, since: date) -> str:
    """The `SyncCursor` of one entity set's backfill since one date (feed cursors are bare categories)."""
    return f"odata:{kind.category}:{since.isoformat()}"


def rebase_link(link: str, base: str, entity_set: str) -> str:
    """An `@odata.nextLink` moved onto the configured base, as feed links are: a recorded page names the
    real host, and a replay server or a snapshot must answer the link it holds. The part after the base's
    path (else from the entity set's name on) is joined to `base`; the query is kept exactly as given."""
    parts = urlsplit(link)
    base_path = urlsplit(base).path.rstrip("/") + "/"
    path = parts.path
    if base_path != "/" and path.startswith(base_path):
        rest = path[len(base_path) :]
    elif (at := path.rfind(f"/{entity_set}")) >= 0:
        rest = path[at + 1 :]
    else:
        rest = path.rsplit("/", 1)[-1]
    return base.rstrip("/") + "/" + rest + (f"?{parts.query}" if parts.query else "")


def backfill(
    engine: Engine,
    client: HttpClient,
    config: SyncConfig,
    since: date,
    summary: SyncSummary,
    *,
    progress: bool = False,
) -> None:
    for kind in KINDS:
        try:
            backfill_kind(engine, client, config, kind, since, summary, progress=progress)
        except FetchError as exc:
            log.error("OData backfill of %s stopped: %s", kind.category, exc)
            summary.stopped[kind.category] = str(exc)
            with session_scope(engine) as session:
                record_failure(session, "page", f"odata:{kind.category}", str(exc))
        else:
            with session_scope(engine) as session:
                resolve_failures(session, "page", [f"odata:{kind.category}"])


def _first_response(client: HttpClient, config: SyncConfig, kind: Kind, since: date) -> requests.Response:
    url, params = first_url(config.odata_url, kind, since)
    try:
        return client.get(url, params=params)
    except FetchError as exc:
        if exc.status != 400 or "$expand" not in params:
            raise
        # Navigation names change between OData versions; the rows are worth more than their links.
        log.warning("%s: the server refused $expand (%s); backfilling without relations", kind.category, exc)
        url, params = first_url(config.odata_url, kind, since, expand=False)
        return client.get(url, params=params)


def backfill_kind(
    engine: Engine,
    client: HttpClient,
    config: SyncConfig,
    kind: Kind,
    since: date,
    summary: SyncSummary,
    *,
    progress: bool = False,
) -> None:
    """Page through one entity set; each page is stored with a cursor (the next link) in one transaction,
    so a backfill that stops resumes, when run again with the same date, after its last stored page."""
    key = cursor_key(kind, since)
    base = config.odata_url.rstrip("/")
    with Session(engine) as session:
        cursor = session.get(SyncCursor, key)
        resume = cursor.skiptoken if cursor else None
    if resume:
        log.info("%s: resuming the OData backfill since %s at %s", kind.category, since, resume)
        response = client.get(f"{base}/{resume}")
    else:
        response = _first_response(client, config, kind, since)
    counts = summary.counts(kind.category)
    with tqdm(desc=f"{kind.category} (OData)", unit=" rows", disable=not progress, leave=False) as bar:
        while True:
            rows, next_link = read_page(response)
            next_url = rebase_link(next_link, base, kind.category) if next_link else None
            entries = []
            with session_scope(engine) as session:
                page_counts = Counts()
                for n, obj in enumerate(rows):
                    try:
                        entries.append(to_entry(kind, obj))
                    except (KeyError, ValueError, TypeError, AttributeError) as exc:
                        item = obj.get("Id") if isinstance(obj, dict) else None
                        page_counts.failed += 1
                        page_counts.failures.append(
                            (str(item or f"odata:{kind.category}@{response.url}#{n}").lower(), f"{exc!r}")
                        )
                        log.warning("%s: unreadable OData row: %s", kind.category, exc)
                page_counts.add(apply_entries(session, kind, entries))
                for item_id, error in page_counts.failures:
                    record_failure(session, "entry", item_id, error)
                resolve_failures(session, "entry", [e.id for e in entries])
                _save_cursor(session, key, next_url[len(base) + 1 :] if next_url else None)
            for column, value in sorted(page_counts.unknown - counts.unknown):
                log.warning("unknown %s %r: stored as given", column, value)
            counts.add(page_counts)
            bar.update(len(rows))
            if not next_url:
                return
            response = client.get(next_url)


def _save_cursor(session: Session, key: str, rest: str | None) -> None:
    """Where this backfill goes on; none once it is done (a later backfill starts afresh)."""
    cursor = session.get(SyncCursor, key)
    if rest is None:
        if cursor is not None:
            session.delete(cursor)
        return
    cursor = cursor or SyncCursor(category=key)
    cursor.skiptoken = rest
    cursor.updated_at = utcnow()
    session.add(cursor)
