"""What a digest or an alert says: periods, sections and items, composed through the read layer.

`compose_digest` and `compose_alert` read only through `tracker.queries` (a fixed number of queries each,
whatever the number of items); everything else here is pure: periods, Dutch dates and labels, links into
the dashboard by the URL contract (`/toezegging?id=…`, `/toezeggingen?…`). Rendering and sending live in
`tracker/mail.py` and `tracker/outbox.py`.

A digest covers (since, until]: overdue and due in the next 14 days as they stand at `until`; newly
made, fulfilled (with the letter and its sentence), due dates moved and decided by a person inside the
window. Each section lists at most `limit` items, its count is the full number. All sections empty:
nothing to say, no message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from sqlmodel import Session

from db.vocabulary import Frequency, Status
from tracker.queries import Change, CommitmentFilter, CommitmentRow, changes, commitments, followed_changes
from tracker.subscriptions import Scope
from tracker.wording import AMSTERDAM, STATUS, date_nl

SEND_AT = time(7, 0)  # local time of the digests: Monday (weekly) or every working day (daily)
SOON = timedelta(days=14)
LIMIT = 20  # items listed per section; the count above it is the full number
TEXT_MAX = 400  # characters of a commitment's text shown; the page has the rest


def dutch_date(d: date | datetime | None) -> str:
    """2 juli 2015; nothing for no date."""
    return date_nl(d) if d else ""


def status_nl(value: str | None) -> str:
    if not value:
        return "geen"
    try:
        return STATUS[Status(value)]
    except ValueError:
        return value


def _date_nl(value: str | None) -> str:
    """An ISO date from a status event, in Dutch; 'geen datum' for none."""
    if not value:
        return "geen datum"
    try:
        return dutch_date(date.fromisoformat(value[:10]))
    except ValueError:
        return value


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    key: str  # "2015-W27" (weekly) or "2015-07-02" (daily)
    frequency: Frequency
    start: datetime  # when its digest is due (07:00 Amsterdam), aware
    length: timedelta


def current_period(now: datetime, frequency: Frequency) -> Period:
    """The latest period whose digest is due at `now`: this week's from Monday 07:00 on (else last
    week's), or the latest working day's from its 07:00 on."""
    local = now.astimezone(AMSTERDAM)
    if frequency is Frequency.WEEKLY:
        day = local.date() - timedelta(days=local.weekday())
        if local < datetime.combine(day, SEND_AT, AMSTERDAM):
            day -= timedelta(days=7)
        year, week, _ = day.isocalendar()
        return Period(
            f"{year}-W{week:02d}", frequency, datetime.combine(day, SEND_AT, AMSTERDAM), timedelta(7)
        )
    day = local.date()
    if local.time() < SEND_AT:
        day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return Period(day.isoformat(), frequency, datetime.combine(day, SEND_AT, AMSTERDAM), timedelta(1))


# --------------------------------------------------------------------------- what a message says


@dataclass(frozen=True)
class Letter:
    label: str  # "Kamerbrief over … (2015D00001)"
    url: str | None
    sentence: str | None  # the sentence in the letter that meets the commitment


@dataclass(frozen=True)
class Item:
    id: int
    url: str
    text: str
    who: str  # minister, ministry
    made: str  # where and when it was made
    status: str  # as shown, in Dutch
    due: str  # Dutch date, or ""
    note: str = ""  # what happened: "verschoven van … naar …"
    letter: Letter | None = None

    @property
    def meta(self) -> str:
        """Who, where and when, status and due date, in one line."""
        parts = [self.who, self.made, f"status: {self.status}", f"termijn: {self.due}" if self.due else ""]
        return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    total: int
    items: tuple[Item, ...]
    more_url: str | None = None  # the dashboard's view of all of them, when not all are listed

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass(frozen=True)
class Message:
    """A digest or an alert, ready to render."""

    kind: str  # "digest" or "alert"
    frequency: Frequency | None
    scope: str  # the scope in Dutch
    since: datetime
    until: datetime
    sections: tuple[Section, ...]
    dashboard_url: str

    def is_empty(self) -> bool:
        return not any(s.total for s in self.sections)

    @property
    def heading(self) -> str:
        if self.kind == "alert":
            n = sum(s.total for s in self.sections)
            return (
                "Nieuws over een toezegging die u volgt" if n == 1 else "Nieuws over toezeggingen die u volgt"
            )
        if self.frequency is Frequency.DAILY:
            return f"Dagoverzicht toezeggingen, {dutch_date(self.until)}"
        return f"Weekoverzicht toezeggingen, {dutch_date(self.since)} – {dutch_date(self.until)}"

    @property
    def subject(self) -> str:
        if self.kind == "alert":
            items = [i for s in self.sections for i in s.items]
            if len(items) == 1:
                return f"Toezegging gewijzigd: {_short(items[0].text, 70)}"
            return f"{len(items)} gevolgde toezeggingen gewijzigd"
        counts = ", ".join(
            f"{s.total} {s.title.lower()}" for s in self.sections if s.total and s.key != "overdue"
        )
        name = "Dagoverzicht" if self.frequency is Frequency.DAILY else "Weekoverzicht"
        return f"{name} toezeggingen {dutch_date(self.until)}" + (f": {counts}" if counts else "")


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def commitment_url(base: str, commitment_id: int) -> str:
    return f"{base.rstrip('/')}/toezegging?{urlencode({'id': commitment_id})}"


def table_url(base: str, scope: Scope, **extra: str | list[str]) -> str:
    """The dashboard's table under the scope's filters (and `extra`), by the URL contract."""
    params: list[tuple[str, str]] = []
    for name, values in (
        ("ministerie", scope.ministries),
        ("bewindspersoon", scope.ministers),
        ("commissie", scope.committees),
        ("dossier", scope.dossiers),
        ("toegezegd_aan", scope.made_to),
    ):
        params += [(name, v) for v in values]
    for name, value in extra.items():
        params += [(name, v) for v in ([value] if isinstance(value, str) else value)]
    return f"{base.rstrip('/')}/toezeggingen" + (f"?{urlencode(params)}" if params else "")


def _item(base: str, row: CommitmentRow, note: str = "", letter: Letter | None = None) -> Item:
    who = ", ".join(x for x in (row.minister, row.ministry and f"ministerie van {row.ministry}") if x)
    made = " ".join(
        x for x in (row.made_in or "", f"({dutch_date(row.made_on)})" if row.made_on else "") if x
    )
    return Item(
        id=row.id,
        url=commitment_url(base, row.id),
        text=_short(row.text, TEXT_MAX),
        who=who,
        made=made,
        status=STATUS.get(row.status, row.status),
        due=dutch_date(row.due),
        note=note,
        letter=letter,
    )


def _letter(change: Change) -> Letter | None:
    if not change.links:
        return None
    link = change.links[0]
    number = link.document_number or link.document_id or ""
    label = link.document_title or "brief"
    label = f"{_short(label, 140)} ({number})" if number else _short(label, 140)
    if link.document_date:
        label += f", {dutch_date(link.document_date)}"
    return Letter(label, link.url, _short(link.evidence_document, 600) if link.evidence_document else None)


def _moved(change: Change) -> str:
    note = f"verschoven van {_date_nl(change.old)} naar {_date_nl(change.new)}"
    if change.cause and change.cause.startswith(("postponed by ", "restated by ")):  # by a letter
        note += f" (brief {change.cause.split()[2]})"
    elif change.who and change.who != "machine":
        note += f" door {change.who}"
    return note


def _decided(change: Change) -> str:
    who = change.who or "een redacteur"
    # for decisions `cause` holds the person's note, else the field (see `queries.changes`)
    note = change.cause if change.cause not in (None, "status", "due", "fulfilment") else None
    what = f"status {status_nl(change.old)} → {status_nl(change.new)}" if change.new in set(Status) else ""
    text = f"{who} besloot" + (f": {what}" if what else "")
    return text + (f" (“{_short(note, 200)}”)" if note else "")


def _section(key: str, title: str, total: int, items: list[Item], more_url: str | None) -> Section:
    shown = tuple(items[:LIMIT])
    return Section(key, title, total, shown, more_url if total > len(shown) else None)


def compose_digest(
    session: Session,
    scope: Scope,
    since: datetime,
    until: datetime,
    *,
    frequency: Frequency,
    dashboard_url: str,
) -> Message:
    """The digest of `scope` for (since, until]; `is_empty()` when there is nothing to say."""
    base = dashboard_url
    flt = scope.digest_filter()
    today = until.astimezone(AMSTERDAM).date()
    overdue = commitments(
        session, _with(flt, statuses=(Status.OVERDUE,)), today=today, sort="due", page_size=LIMIT
    )
    soon = commitments(
        session,
        _with(flt, statuses=(Status.OPEN,), due_from=today, due_to=today + SOON),
        today=today,
        sort="due",
        page_size=LIMIT,
    )
    ch = changes(session, since, until, flt=flt)
    sections = (
        _section(
            "overdue",
            "Te laat",
            overdue.total,
            [_item(base, r) for r in overdue.rows],
            table_url(base, scope, status="overdue"),
        ),
        _section(
            "soon",
            "Binnen 14 dagen verwacht",
            soon.total,
            [_item(base, r) for r in soon.rows],
            table_url(
                base, scope, status="open", due_van=today.isoformat(), due_tot=(today + SOON).isoformat()
            ),
        ),
        _section(
            "new",
            "Nieuw",
            len(ch.new),
            [_item(base, c.commitment) for c in ch.new],
            table_url(base, scope, sort="-made_on"),
        ),
        _section(
            "fulfilled",
            "Voldaan",
            len(ch.fulfilled),
            [_item(base, c.commitment, letter=_letter(c)) for c in ch.fulfilled],
            table_url(base, scope, status=["fulfilled", "partly_fulfilled"]),
        ),
        _section(
            "moved",
            "Termijn verschoven",
            len(ch.due_moved),
            [_item(base, c.commitment, _moved(c)) for c in ch.due_moved],
            table_url(base, scope),
        ),
        _section(
            "decided",
            "Besloten door een redacteur",
            len(ch.decided),
            [_item(base, c.commitment, _decided(c)) for c in ch.decided],
            table_url(base, scope),
        ),
    )
    return Message("digest", frequency, scope.describe(), since, until, sections, dashboard_url)


def compose_alert(
    session: Session, ids: tuple[int, ...], since: datetime, until: datetime, *, dashboard_url: str
) -> Message:
    """What changed in (since, until] about the commitments one follows."""
    base = dashboard_url
    f = followed_changes(session, ids, since, until)

    def status_note(c: Change) -> str:
        note = f"status {status_nl(c.old)} → {status_nl(c.new)}"
        if c.who and c.who != "machine":
            note += f", besloten door {c.who}"
        return note

    candidate = "een brief lijkt deze toezegging na te komen; een redacteur beoordeelt het"

    def section(key: str, title: str, found: tuple[Change, ...], note: Callable[[Change], str]) -> Section:
        items = [_item(base, c.commitment, note(c), _letter(c)) for c in found]
        return _section(key, title, len(found), items, None)

    sections = (
        section("status", "Status gewijzigd", f.status, status_note),
        section("candidates", "Mogelijk voldaan", f.candidates, lambda c: candidate),
        section("moved", "Termijn verschoven", f.due_moved, _moved),
        section("overdue", "Termijn verstreken", f.overdue, _lapsed),
    )
    return Message("alert", None, "de door u gevolgde toezeggingen", since, until, sections, dashboard_url)


def _lapsed(c: Change) -> str:
    return f"de termijn verstreek op {dutch_date(c.commitment.due)}"


def _with(flt: CommitmentFilter, **values: object) -> CommitmentFilter:
    return replace(flt, **values)  # type: ignore[arg-type]
