"""The sync run: SyncFeed categories in dependency order, then letter texts and transcripts.

Each feed page is stored in one transaction together with the category's cursor (the
skiptoken to resume from), so a run killed at any moment loses nothing and stores nothing
twice: the next run starts after the last committed page. `since` swaps the feed for a
targeted OData backfill of rows changed since that date.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session
from tqdm import tqdm

from db.clock import utcnow
from db.engine import session_scope
from db.locks import run_lock
from db.models import SyncCursor
from db.runs import recorded_run
from db.vocabulary import RunKind, RunState
from scraper.config import SyncConfig, SyncSummary
from scraper.entities import KINDS, Kind, apply_entries
from scraper.failures import record_failure, resolve_failures
from scraper.http import FetchError, HttpClient
from scraper.odata import backfill
from scraper.publications import fetch_letter_texts
from scraper.syncfeed import Page, PageError, parse_page, skiptoken_of
from scraper.transcripts import fetch_transcripts

log = logging.getLogger(__name__)

# After the feed: the steps that fetch texts, each (engine, client, config, progress) -> counts.
TEXT_STEPS: tuple[Callable[[Engine, HttpClient, SyncConfig, bool], dict[str, int]], ...] = (
    fetch_letter_texts,
    fetch_transcripts,
)


class DatabaseUnavailable(RuntimeError):
    """The database cannot be written (locked, gone, refusing connections): the run stops."""


def feed_url(base: str, category: str, skiptoken: str | None) -> str:
    url = f"{base.rstrip('/')}/Feed?category={category}"
    return url + (f"&skiptoken={skiptoken}" if skiptoken else "")


def sync(
    engine: Engine,
    config: SyncConfig,
    *,
    since: date | None = None,
    snapshot: Path | None = None,
    progress: bool = True,
    wait: bool = False,
) -> SyncSummary:
    """Bring the database up to date; one sync per database at a time (LockHeld when another runs,
    unless `wait`), recorded in the run table."""
    summary = SyncSummary()
    try:
        with run_lock(engine, RunKind.SYNC, wait=wait), recorded_run(engine, RunKind.SYNC) as record:
            try:
                _sync(engine, config, summary, since=since, snapshot=snapshot, progress=progress)
            finally:
                record.counts, record.failures = summary.as_counts(), summary.failed
            if summary.stopped:
                record.state = RunState.FAILED
                record.message = "stopped early: " + ", ".join(summary.stopped)
    except OperationalError as exc:
        # Every page was committed with its cursor, so stopping here loses nothing.
        reason = str(exc.orig or exc).splitlines()[0]
        raise DatabaseUnavailable(f"database unavailable: {reason}") from exc
    log.info("sync done: %d requests, %d failures", summary.requests, summary.failed)
    return summary


def _sync(
    engine: Engine,
    config: SyncConfig,
    summary: SyncSummary,
    *,
    since: date | None,
    snapshot: Path | None,
    progress: bool,
) -> None:
    with HttpClient.from_config(config, snapshot) as client:
        try:
            if since is not None:
                backfill(engine, client, config, since, summary, progress=progress)
            else:
                for kind in KINDS:
                    sync_category(engine, client, config, kind, summary, progress=progress)
            run_text_steps(engine, client, config, summary, progress=progress)
        finally:
            summary.requests = client.stats.requests
            summary.retries = client.stats.retries


def fetch_page(client: HttpClient, url: str, attempts: int = 3) -> Page:
    """GET and parse one page; a page that does not parse is fetched again (it was most likely
    cut short), and after `attempts` the PageError goes to the caller."""
    attempt = 1
    while True:
        response = client.get(url)
        try:
            return parse_page(response.content, url)
        except PageError as exc:
            log.warning("feed page %s unreadable (attempt %d of %d): %s", url, attempt, attempts, exc)
            if attempt >= attempts:
                raise
            attempt += 1


def sync_category(
    engine: Engine,
    client: HttpClient,
    config: SyncConfig,
    kind: Kind,
    summary: SyncSummary,
    *,
    progress: bool = False,
) -> None:
    """Follow one category's feed from its cursor to the end, a page per transaction."""
    with Session(engine) as session:
        cursor = session.get(SyncCursor, kind.category)
        token = cursor.skiptoken if cursor else None
    url: str | None = feed_url(config.syncfeed_url, kind.category, token)
    counts = summary.counts(kind.category)
    with tqdm(desc=kind.category, unit=" entries", disable=not progress, leave=False) as bar:
        while url:
            try:
                page = fetch_page(client, url, config.page_attempts)
            except (FetchError, PageError) as exc:
                log.error("%s feed stopped at %s: %s", kind.category, url, exc)
                summary.stopped[kind.category] = str(exc)
                with session_scope(engine) as session:
                    record_failure(session, "page", kind.category, f"{url}: {exc}")
                return
            with session_scope(engine) as session:
                page_counts = apply_entries(session, kind, page.entries)
                for failure in page.failures:
                    page_counts.failed += 1
                    page_counts.failures.append((failure.item_id, failure.error))
                for item_id, error in page_counts.failures:
                    record_failure(session, "entry", item_id, error)
                resolve_failures(session, "entry", [e.id for e in page.entries])
                token = page.skiptoken or token
                _save_cursor(session, kind.category, token)
            for column, value in sorted(page_counts.unknown - counts.unknown):
                log.warning("unknown %s %r: stored as given", column, value)
            counts.add(page_counts)
            bar.update(len(page.entries) + len(page.failures))
            next_url = client.rebase(page.next_href, config.syncfeed_url) if page.next_href else None
            if next_url and skiptoken_of(next_url) == skiptoken_of(url):
                log.warning("%s feed does not advance past skiptoken %s; stopping", kind.category, token)
                next_url = None
            url = next_url
    with session_scope(engine) as session:
        resolve_failures(session, "page", [kind.category])


def _save_cursor(session: Session, category: str, skiptoken: str | None) -> None:
    cursor = session.get(SyncCursor, category) or SyncCursor(category=category)
    cursor.skiptoken = skiptoken
    cursor.updated_at = utcnow()
    session.add(cursor)


def run_text_steps(
    engine: Engine, client: HttpClient, config: SyncConfig, summary: SyncSummary, *, progress: bool
) -> None:
    for step in TEXT_STEPS:
        summary.steps[step.__name__] = step(engine, client, config, progress)
