"""The dashboard's data access: one engine per process, query results cached for a bounded time, and the
tables pages show (Dutch column names, Dutch dates and words). Writes go through `tracker.decisions`,
only for a logged-in editor, and empty the cache so the change shows at once.

Every cached function takes the database URL first, so two databases in one process never share results.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, TypeVar, cast

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from dashboard import format as fmt
from dashboard.filters import LettersView, query_string
from db.engine import open_database
from db.vocabulary import Status
from toezeggingen.settings import get_settings
from tracker import calendar, decisions, queries
from tracker.queries import CommitmentFilter, CommitmentRow, Figures

log = logging.getLogger(__name__)

TTL = 60  # seconds a query result may be shown after it was read
MAX_ENTRIES = 256  # per cached function
PAGE_SIZE = 50
EXPORT_LIMIT = 200_000  # rows in one export
SOON_DAYS, RECENT_DAYS, TIMELINE_WEEKS = 14, 30, 8
NO_FILTER = CommitmentFilter()


F = TypeVar("F")


class NotAllowed(PermissionError):
    """An edit by someone who is not a logged-in editor."""


# --------------------------------------------------------------------------- the engine


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    log.info("opening the database")
    return open_database(url)  # migrates once per process


def database_url() -> str:
    return get_settings().effective_database_url


def engine() -> Engine:
    return _engine(database_url())


def today() -> date:
    return date.today()


def _read(url: str, work: Callable[[Session], Any]) -> Any:
    with Session(_engine(url)) as session:
        return work(session)


def _cached(func: F) -> F:
    cache: Any = st.cache_data(ttl=TTL, max_entries=MAX_ENTRIES, show_spinner=False)
    return cast(F, cache(func))


# --------------------------------------------------------------------------- reads


@_cached
def commitments(
    url: str, flt: CommitmentFilter, day: date, sort: str, page: int, page_size: int = PAGE_SIZE
) -> queries.Page[CommitmentRow]:
    return _read(
        url, lambda s: queries.commitments(s, flt, today=day, sort=sort, page=page, page_size=page_size)
    )


@_cached
def commitment(url: str, commitment_id: int, day: date) -> queries.CommitmentDetail | None:
    return _read(url, lambda s: queries.commitment(s, commitment_id, today=day))


@dataclass(frozen=True)
class Overview:
    counts: dict[Status, int]
    due_soon: int
    fulfilled_recently: int
    due_per_day: dict[date, int]
    first_due: tuple[CommitmentRow, ...]  # the next deadlines, for a list under the timeline

    @property
    def open_total(self) -> int:
        return self.counts[Status.OPEN] + self.counts[Status.OVERDUE]


@_cached
def overview(url: str, flt: CommitmentFilter, day: date) -> Overview:
    end = day + timedelta(weeks=TIMELINE_WEEKS)
    # "due soon" and the timeline are about open commitments: nothing when the filter excludes them
    wants_open = not flt.statuses or Status.OPEN in flt.statuses
    open_flt = replace(flt, statuses=(Status.OPEN,))

    def work(s: Session) -> Overview:
        soon = replace(open_flt, due_from=day, due_to=day + timedelta(days=SOON_DAYS))
        upcoming = replace(open_flt, due_from=day, due_to=end)
        return Overview(
            counts=queries.status_counts(s, today=day, flt=flt),
            due_soon=queries.commitments(s, soon, today=day, page_size=1).total if wants_open else 0,
            fulfilled_recently=queries.fulfilled_count(
                s, today=day, since=day - timedelta(days=RECENT_DAYS), until=day, flt=flt
            ),
            due_per_day=queries.due_counts(s, today=day, date_from=day, date_to=end, flt=flt),
            first_due=queries.commitments(s, upcoming, today=day, page_size=10).rows if wants_open else (),
        )

    return _read(url, work)


@_cached
def figures(url: str, day: date, by: str, flt: CommitmentFilter = NO_FILTER) -> list[Figures]:
    return _read(url, lambda s: queries.figures(s, today=day, by=by, flt=flt))


@_cached
def candidates(url: str, day: date, ministry: str, page: int) -> queries.Page[queries.Candidate]:
    return _read(url, lambda s: queries.candidates(s, today=day, ministry=ministry or None, page=page))


@_cached
def letters(url: str, day: date, view: LettersView) -> queries.Page[queries.Letter]:
    return _read(
        url,
        lambda s: queries.letters(
            s, today=day, ministry=view.ministry or None, date_from=view.date_from, date_to=view.date_to,
            page=view.page,
        ),
    )  # fmt: skip


@_cached
def runs(url: str) -> list[queries.RunRow]:
    return _read(url, lambda s: queries.runs(s, limit=30))


@_cached
def failures(url: str) -> list[queries.Failure]:
    return _read(url, lambda s: queries.failures(s, limit=100))


@_cached
def options(url: str) -> queries.Options:
    return _read(url, queries.options)


@_cached
def find_documents(url: str, text: str) -> list[queries.DocumentRef]:
    return _read(url, lambda s: queries.find_documents(s, text, limit=10))


def export_rows(url: str, flt: CommitmentFilter, day: date, sort: str) -> tuple[CommitmentRow, ...]:
    """Every commitment of the view (not only the page shown), for a download; read when asked."""
    return _read(
        url, lambda s: queries.commitments(s, flt, today=day, sort=sort, page_size=EXPORT_LIMIT).rows
    )


def recesses(start: date, end: date) -> list[calendar.Recess]:
    """The recesses overlapping [start, end]."""
    found = [r for year in range(start.year - 1, end.year + 1) for r in calendar.recesses_in(year)]
    return [r for r in found if r.start <= end and r.end >= start]


# --------------------------------------------------------------------------- writes


def _who(editor: str | None) -> str:
    if not editor:
        raise NotAllowed("Alleen een ingelogde redacteur kan dit wijzigen.")
    return editor


def _changed() -> None:
    st.cache_data.clear()  # the history and the tables show the decision at once


def set_status(editor: str | None, commitment_id: int, status: str, note: str | None) -> None:
    decisions.set_status(engine(), commitment_id, status, _who(editor), note or None)
    _changed()


def release_status(editor: str | None, commitment_id: int, note: str | None) -> None:
    decisions.release_status(engine(), commitment_id, _who(editor), note or None)
    _changed()


def set_due(editor: str | None, commitment_id: int, due: date | None, note: str | None) -> None:
    decisions.set_due(engine(), commitment_id, due, _who(editor), note or None)
    _changed()


def accept(editor: str | None, fulfilment_id: int, note: str | None = None) -> None:
    decisions.accept_fulfilment(engine(), fulfilment_id, _who(editor), note or None)
    _changed()


def reject(editor: str | None, fulfilment_id: int, note: str | None = None) -> None:
    decisions.reject_fulfilment(engine(), fulfilment_id, _who(editor), note or None)
    _changed()


def link_document(
    editor: str | None, commitment_id: int, document_id: str, partial: bool, note: str | None
) -> None:
    decisions.link_document(engine(), commitment_id, document_id, _who(editor), partial, note or None)
    _changed()


def add_note(editor: str | None, commitment_id: int, note: str) -> None:
    decisions.add_note(engine(), commitment_id, _who(editor), note)
    _changed()


# --------------------------------------------------------------------------- what pages show


def detail_link(commitment_id: int | None) -> str | None:
    """A relative link to the detail page; relative, so it works under any base URL."""
    return f"toezegging{query_string({'id': [str(commitment_id)]})}" if commitment_id else None


def table_frame(rows: Sequence[CommitmentRow]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Nr.": [detail_link(r.id) for r in rows],
            "Toezegging": [fmt.shorten(r.text, 220) for r in rows],
            "Status": [fmt.STATUS[r.status] for r in rows],
            "Uiterlijk": [fmt.date_nl(r.due) for r in rows],
            "Termijn in de tekst": [r.deadline_text or "" for r in rows],
            "Bewindspersoon": [r.minister or "" for r in rows],
            "Ministerie": [r.ministry or "" for r in rows],
            "Gedaan op": [fmt.date_nl(r.made_on) for r in rows],
            "Bron": [fmt.SOURCE[r.source] for r in rows],
            "Register": [r.register_number or "" for r in rows],
        }
    )


def figures_frame(found: Sequence[Figures], group_label: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            group_label: [fmt.group_name(f.group) for f in found],
            "Totaal": [f.total for f in found],
            "Openstaand": [f.open for f in found],
            "Te laat": [f.overdue for f in found],
            "Voldaan": [f.fulfilled for f in found],
            "Deels voldaan": [f.partly_fulfilled for f in found],
            "Vervallen": [f.lapsed for f in found],
            "Op tijd voldaan": [fmt.percent_nl(f.on_time_share) for f in found],
            "Mediaan dagen te laat": [fmt.number_nl(f.median_days_late) for f in found],
            "Oudste openstaande": [fmt.date_nl(f.oldest_open_made_on) for f in found],
            "Open oudste": [detail_link(f.oldest_open_id) for f in found],
        }
    )


def status_chart_frame(found: Sequence[Figures], limit: int = 15) -> pd.DataFrame:
    """Long format for a stacked bar chart: group, status word, count (the groups with most open first)."""
    records = []
    for f in list(found)[:limit]:
        for status, n in (
            (Status.OPEN, f.open - f.overdue),
            (Status.OVERDUE, f.overdue),
            (Status.FULFILLED, f.fulfilled),
            (Status.PARTLY_FULFILLED, f.partly_fulfilled),
            (Status.LAPSED, f.lapsed),
        ):
            records.append({"groep": fmt.group_name(f.group), "status": fmt.STATUS[status], "aantal": n})
    return pd.DataFrame.from_records(records, columns=["groep", "status", "aantal"])


def history_frame(events: Sequence[queries.Event]) -> pd.DataFrame:
    def value(fld: str, v: str | None) -> str:
        if v is None:
            return ""
        if fld == "status":
            return fmt.status_word(v)
        if fld == "due":
            return fmt.date_nl(v)
        return v

    newest_first = list(reversed(events))
    return pd.DataFrame(
        {
            "Wanneer": [fmt.datetime_nl(e.at) for e in newest_first],
            "Wat": [fmt.word(fmt.FIELD, e.field) for e in newest_first],
            "Van": [value(e.field, e.old) for e in newest_first],
            "Naar": [value(e.field, e.new) for e in newest_first],
            "Door": [("tracker" if e.who == "machine" else e.who) for e in newest_first],
            "Reden": [e.cause or "" for e in newest_first],
            "Notitie": [e.note or "" for e in newest_first],
        }
    )


def runs_frame(found: Sequence[queries.RunRow]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Soort": [fmt.word(fmt.RUN_KIND, r.kind) for r in found],
            "Begonnen": [fmt.datetime_nl(r.started_at) for r in found],
            "Klaar": [fmt.datetime_nl(r.finished_at) for r in found],
            "Afloop": [fmt.word(fmt.RUN_STATE, r.state) for r in found],
            "Fouten": [r.failures for r in found],
            "Aantallen": [", ".join(f"{k}: {v}" for k, v in r.counts.items()) for r in found],
            "Melding": [r.message or "" for r in found],
        }
    )


def failures_frame(found: Sequence[queries.Failure]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Soort": [f.kind for f in found],
            "Item": [f.item_id for f in found],
            "Fout": [f.error for f in found],
            "Pogingen": [f.attempts for f in found],
            "Laatste poging": [fmt.datetime_nl(f.last_attempt) for f in found],
        }
    )
