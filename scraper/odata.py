"""Targeted backfills through the Gegevensmagazijn's OData API (`sync --since DATE`).

For each entity set: `$filter=Verwijderd eq false and ApiGewijzigdOp ge <since>`, ordered
by `ApiGewijzigdOp, Id`, paged by following `@odata.nextLink` exactly as given. The base URL
comes from the settings (`TK_ODATA_URL`: the v4/2.0 base until it closes, the v5 base
after), so nothing here names a version. JSON objects become the same `Entry`s the feed
gives (field names compared case-insensitively), so one set of mappings fills the rows.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import requests
from sqlalchemy.engine import Engine
from tqdm import tqdm

from db.engine import session_scope
from scraper.config import SyncConfig, SyncSummary
from scraper.entities import KINDS, Kind, apply_entries
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
            targets = [str(v).lower() for k, v in item.items() if _is_ref(k, own) and v]
            if not targets and item.get("Id"):
                targets = [str(item["Id"]).lower()]
            entry.refs.setdefault(name, []).extend(targets)
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
    url, params = first_url(config.odata_url, kind, since)
    try:
        response = client.get(url, params=params)
    except FetchError as exc:
        if exc.status != 400 or "$expand" not in params:
            raise
        # Navigation names change between OData versions; the rows are worth more than their links.
        log.warning("%s: the server refused $expand (%s); backfilling without relations", kind.category, exc)
        url, params = first_url(config.odata_url, kind, since, expand=False)
        response = client.get(url, params=params)
    counts = summary.counts(kind.category)
    with tqdm(desc=f"{kind.category} (OData)", unit=" rows", disable=not progress, leave=False) as bar:
        while True:
            rows, next_link = read_page(response)
            entries = []
            with session_scope(engine) as session:
                for obj in rows:
                    try:
                        entries.append(to_entry(kind, obj))
                    except (KeyError, ValueError, TypeError) as exc:
                        counts.failed += 1
                        log.warning("%s: unreadable OData row: %s", kind.category, exc)
                page_counts = apply_entries(session, kind, entries)
            for column, value in sorted(page_counts.unknown - counts.unknown):
                log.warning("unknown %s %r: stored as given", column, value)
            counts.add(page_counts)
            bar.update(len(rows))
            if not next_link:
                return
            response = client.get(next_link)
