"""The read side: typed queries for the dashboard, the digest and export (the twin of `decisions.py`).

Every function takes an open `Session` and returns frozen dataclasses with real dates and enums. Filters,
sorting, paging and counting run in SQL, the same on SQLite and PostgreSQL; "overdue" is derived in SQL
from the due date and `today`, never stored. Full-text search uses the `commitment_search` index that
migration 0003 keeps up to date (SQLite FTS5, PostgreSQL's `dutch` text search).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import median
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    Integer,
    String,
    and_,
    case,
    cast,
    column,
    false,
    func,
    literal,
    not_,
    or_,
    text,
    true,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from db.models import (
    Activiteit,
    Commitment,
    Document,
    DocumentActor,
    DocumentText,
    DocumentVersie,
    Fulfilment,
    Restatement,
    Run,
    StatusEvent,
    SyncFailure,
    Toezegging,
)
from db.vocabulary import LinkState, RunKind, RunState, Source, Status, StatusSource
from tracker.people import ministry_of, signatory

T = TypeVar("T")

TK = "https://www.tweedekamer.nl"
OB = "https://zoek.officielebekendmakingen.nl"
PAGE_SIZE = 50
UNKNOWN = "(onbekend)"  # the group of commitments without a ministry or minister
SORTS = ("due", "-due", "made_on", "-made_on", "ministry", "minister", "status", "id")
MINISTERIAL = ("brief regering", "brief minister", "brief staatssecretaris")  # the Brieven page's letters

C = Commitment


# --------------------------------------------------------------------------- filters and results


@dataclass(frozen=True)
class CommitmentFilter:
    """Which commitments: every field narrows; an empty tuple or None means any."""

    statuses: tuple[Status, ...] = ()
    ministries: tuple[str, ...] = ()  # case-insensitive, part of the name
    ministers: tuple[str, ...] = ()  # case-insensitive, part of the name
    sources: tuple[Source, ...] = ()
    dossiers: tuple[str, ...] = ()  # "28638", "34000-XVI"; spaces ignored
    committees: tuple[str, ...] = ()  # the meeting's committee, name or abbreviation
    made_to: tuple[str, ...] = ()  # a member or party it was promised to (case-insensitive, part of a name)
    ids: tuple[int, ...] = ()
    document_ids: tuple[str, ...] = ()  # made in one of these documents
    due_from: date | None = None
    due_to: date | None = None
    made_from: date | None = None
    made_until: date | None = None
    in_register: bool | None = None
    status_sources: tuple[StatusSource, ...] = ()  # detected by the machine, decided by a person, ...
    vague: bool | None = None
    conditional: bool | None = None
    text: str = ""  # Dutch full-text search over the text, the quote and the document's title
    # True: only the shadow register (debate promises the chair's list missed); False: none of them.
    shadow: bool | None = None
    person_ids: tuple[str, ...] = ()  # one person's rows, whatever name they were made under

    def is_empty(self) -> bool:
        return self == CommitmentFilter()


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: tuple[T, ...]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size)) if self.page_size else 1


@dataclass(frozen=True)
class CommitmentRow:
    id: int
    source: Source
    register_number: str | None
    text: str
    quote: str | None
    minister: str | None
    ministry: str | None
    made_on: date | None
    made_in: str | None
    document_id: str | None
    kamerstuk: str | None
    dossier: str | None
    committee: str | None
    deadline_text: str | None
    due: date | None
    earliest: date | None
    register_due: date | None
    text_due: date | None
    status: Status  # as shown: open becomes overdue once due has passed
    stored_status: Status
    status_source: StatusSource
    register_status: str | None
    in_register: bool
    vague: bool
    conditional: bool
    confidence: float
    fulfilled_by: tuple[str, ...] = ()  # document numbers of accepted fulfilments, oldest first
    quotes: tuple[str, ...] = ()  # the bewindspersoon's own words restating it: debate order, then letters'
    restated_in: tuple[str, ...] = ()  # document numbers of the letters that restated it, oldest first
    made_to: tuple[str, ...] = ()  # "Boswijk (CDA)", a party, ...
    in_chair_list: bool | None = None  # False: the shadow register; None: not a debate promise
    person_id: str | None = None  # the Kamer's Persoon id, or "name:<key>"

    @property
    def shadow(self) -> bool:
        return self.in_chair_list is False


@dataclass(frozen=True)
class Link:
    """A fulfilment link, as a person reviews it."""

    id: int
    commitment_id: int
    document_id: str | None
    document_number: str | None
    document_title: str | None
    document_date: date | None
    score: float
    method: str
    state: LinkState
    partial: bool
    evidence_commitment: str | None
    evidence_document: str | None
    signals: tuple[str, ...]
    decided_by: str | None
    note: str | None
    url: str | None


@dataclass(frozen=True)
class Event:
    at: datetime | None
    field: str
    old: str | None
    new: str | None
    cause: str | None
    who: str
    note: str | None


@dataclass(frozen=True)
class DocumentRef:
    id: str
    nummer: str | None
    titel: str | None
    soort: str | None
    datum: date | None
    publication_id: str | None
    tk_url: str | None
    ob_url: str | None


@dataclass(frozen=True)
class MeetingRef:
    id: str
    nummer: str | None
    soort: str | None
    onderwerp: str | None
    datum: date | None
    committee: str | None
    url: str | None


@dataclass(frozen=True)
class Restated:
    """A later letter promising the commitment again: its words (also in the row's `quotes`), and the time it
    gave, which `due` follows unless it was vaguer or a person set the date."""

    document: DocumentRef
    text: str
    deadline_text: str | None
    due: date | None


@dataclass(frozen=True)
class CommitmentDetail:
    row: CommitmentRow
    fulfilments: tuple[Link, ...]  # accepted
    candidates: tuple[Link, ...]  # awaiting a person
    rejected: tuple[Link, ...]
    history: tuple[Event, ...]  # oldest first
    document: DocumentRef | None  # the letter it was made in
    meeting: MeetingRef | None  # the debate it was made in
    made_to: tuple[str, ...]
    person_locked: bool
    due_locked: bool
    restatements: tuple[Restated, ...] = ()  # oldest first

    @property
    def spoken(self) -> tuple[str, ...]:
        """The quotes from the debate: those no letter restating it wrote, and not the text itself (a
        shadow-register promise is the minister's own words)."""
        written = {r.text for r in self.restatements}
        quotes = self.row.quotes or ((self.row.quote,) if self.row.quote else ())
        return tuple(q for q in quotes if q not in written and q != self.row.text)


@dataclass(frozen=True)
class Figures:
    """Per ministry or minister. Open counts overdue ones too; on time and late count fulfilled ones with
    a due date, by the date of the first accepted complete fulfilment."""

    group: str
    total: int
    open: int
    overdue: int
    fulfilled: int
    partly_fulfilled: int
    lapsed: int
    fulfilled_on_time: int
    fulfilled_late: int
    median_days_late: float | None
    oldest_open_id: int | None
    oldest_open_made_on: date | None
    oldest_open_text: str | None

    @property
    def on_time_share(self) -> float | None:
        decided = self.fulfilled_on_time + self.fulfilled_late
        return self.fulfilled_on_time / decided if decided else None


@dataclass(frozen=True)
class Change:
    """One thing that happened to a commitment inside a window."""

    commitment: CommitmentRow
    at: datetime | date | None
    old: str | None = None
    new: str | None = None
    cause: str | None = None
    who: str | None = None
    links: tuple[Link, ...] = ()  # for fulfilments: the letters


@dataclass(frozen=True)
class Changes:
    since: datetime
    until: datetime
    new: tuple[Change, ...]
    fulfilled: tuple[Change, ...]
    due_moved: tuple[Change, ...]
    newly_overdue: tuple[Change, ...]
    decided: tuple[Change, ...]

    def is_empty(self) -> bool:
        return not (self.new or self.fulfilled or self.due_moved or self.newly_overdue or self.decided)


@dataclass(frozen=True)
class Candidate:
    link: Link
    commitment: CommitmentRow


@dataclass(frozen=True)
class Letter:
    document: DocumentRef
    signatory: str | None
    ministry: str | None
    commitments: tuple[CommitmentRow, ...]  # made in it
    fulfils: tuple[Link, ...]  # accepted or proposed links to earlier commitments
    postponements: tuple[Event, ...]
    restates: tuple[CommitmentRow, ...] = ()  # earlier commitments it promised again (no rows of their own)


@dataclass(frozen=True)
class RunRow:
    id: int
    kind: RunKind
    started_at: datetime | None
    finished_at: datetime | None
    state: RunState
    counts: dict[str, Any]
    failures: int
    message: str | None


@dataclass(frozen=True)
class Failure:
    kind: str
    item_id: str
    error: str
    attempts: int
    last_attempt: datetime | None


@dataclass(frozen=True)
class Options:
    """The values a filter can take, for pickers."""

    ministries: tuple[str, ...]
    ministers: tuple[str, ...]
    dossiers: tuple[str, ...]
    committees: tuple[str, ...]
    made_to: tuple[str, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- SQL building blocks


def shown_status(today: date) -> ColumnElement[str]:
    """The status as shown, in SQL: open with a due date before today is overdue."""
    return case(
        (and_(col(C.status) == Status.OPEN, col(C.due) < today), literal(Status.OVERDUE.value)),
        else_=col(C.status),
    )


def _status_clause(status: Status, today: date) -> ColumnElement[bool]:
    if status is Status.OVERDUE:
        return and_(col(C.status) == Status.OPEN, col(C.due) < today)
    if status is Status.OPEN:
        return and_(col(C.status) == Status.OPEN, or_(col(C.due).is_(None), col(C.due) >= today))
    return col(C.status) == status.value


def _contains_any(column: Any, values: Sequence[str]) -> ColumnElement[bool]:
    return or_(*(func.lower(column).contains(v.lower().strip(), autoescape=True) for v in values))


def search_terms(query: str) -> list[str]:
    """The words of a search, lower-cased; punctuation and FTS syntax are dropped."""
    return re.findall(r"\w+", query.lower())


def _search_clause(session: Session, query: str) -> ColumnElement[bool]:
    words = search_terms(query)
    if not words:
        return true()
    if session.get_bind().dialect.name == "postgresql":
        ids = text(
            "SELECT commitment_id AS id FROM commitment_search WHERE body @@ plainto_tsquery('dutch', :q)"
        ).bindparams(q=" ".join(words))
    else:
        # FTS5 has no Dutch stemmer: a prefix query finds "rapportage" for "rapport".
        ids = text("SELECT rowid AS id FROM commitment_search WHERE commitment_search MATCH :q").bindparams(
            q=" ".join(f'"{w}"*' for w in words)
        )
    return col(C.id).in_(ids.columns(column("id", Integer)))


def _where(session: Session, flt: CommitmentFilter, today: date) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if flt.statuses:
        out.append(or_(*(_status_clause(s, today) for s in flt.statuses)))
    if flt.ministries:
        out.append(col(C.ministry).in_(_names(session, col(C.ministry), flt.ministries)))
    if flt.ministers:
        out.append(col(C.minister).in_(_names(session, col(C.minister), flt.ministers)))
    if flt.sources:
        out.append(col(C.source).in_([s.value for s in flt.sources]))
    if flt.dossiers:
        out.append(col(C.dossier).in_([d.replace(" ", "") for d in flt.dossiers]))
    if flt.committees:
        meetings = select(Activiteit.id).where(
            or_(
                _contains_any(Activiteit.voortouwnaam, flt.committees),
                func.lower(Activiteit.voortouwafkorting).in_([c.lower() for c in flt.committees]),
            )
        )
        out.append(col(C.activiteit_id).in_(meetings))
    if flt.made_to:
        out.append(_contains_any(cast(C.made_to, String), flt.made_to))
    if flt.shadow is not None:
        is_shadow = col(C.in_chair_list).is_(false())
        out.append(is_shadow if flt.shadow else or_(col(C.in_chair_list).is_(None), not_(is_shadow)))
    if flt.person_ids:
        out.append(col(C.person_id).in_(flt.person_ids))
    if flt.ids:
        out.append(col(C.id).in_(flt.ids))
    if flt.document_ids:
        out.append(col(C.document_id).in_(flt.document_ids))
    if flt.due_from:
        out.append(col(C.due) >= flt.due_from)
    if flt.due_to:
        out.append(col(C.due) <= flt.due_to)
    if flt.made_from:
        out.append(col(C.made_on) >= flt.made_from)
    if flt.made_until:
        out.append(col(C.made_on) <= flt.made_until)
    if flt.in_register is not None:
        out.append(col(C.in_register).is_(true() if flt.in_register else false()))
    if flt.status_sources:
        out.append(col(C.status_source).in_([s.value for s in flt.status_sources]))
    if flt.vague is not None:
        out.append(col(C.vague).is_(true() if flt.vague else false()))
    if flt.conditional is not None:
        out.append(col(C.conditional).is_(true() if flt.conditional else false()))
    if flt.text.strip():
        out.append(_search_clause(session, flt.text))
    return out


def _names(session: Session, column: Any, wanted: Sequence[str]) -> list[str]:
    """The stored names that hold any of `wanted` (case-insensitively, as part of the name): one pass
    over the column's index, so the filter itself is an index lookup rather than a LIKE on every row."""
    found = session.exec(select(column).where(_contains_any(column, wanted)).distinct()).all()
    return [name for name in found if name]


def _row_select(today: date) -> Any:
    query = select(C, shown_status(today).label("shown"), Activiteit.voortouwnaam)
    return query.outerjoin(Activiteit, col(Activiteit.id) == col(C.activiteit_id))


def _order(sort: str, today: date) -> list[Any]:
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    column: Any = {
        "due": col(C.due),
        "made_on": col(C.made_on),
        "ministry": col(C.ministry),
        "minister": col(C.minister),
        "status": shown_status(today),
        "id": col(C.id),
    }.get(key)
    if column is None:
        raise ValueError(f"cannot sort by {sort!r} (one of {', '.join(SORTS)})")
    nulls_last = column.is_(None)
    return [nulls_last, column.desc() if descending else column, col(C.id)]


def _rows(session: Session, results: Sequence[Any], ids: Any = None) -> list[CommitmentRow]:
    """Rows from (commitment, shown status, committee) results. `ids`: a SELECT of the same commitments'
    ids, so their letters come in one query however many there are (else the ids are listed)."""
    if ids is None:
        ids = [c.id for c, _, _ in results]
    fulfilled_by, restated_in = _letters_of(session, ids) if results else ({}, {})
    return [
        _to_row(c, shown, committee, fulfilled_by.get(c.id, ()), restated_in.get(c.id, ()))
        for c, shown, committee in results
    ]


def _to_row(
    c: Commitment,
    shown: str,
    committee: str | None,
    fulfilled_by: tuple[str, ...],
    restated_in: tuple[str, ...],
) -> CommitmentRow:
    assert c.id is not None
    return CommitmentRow(
        id=c.id,
        source=Source(c.source),
        register_number=c.register_number,
        text=c.text,
        quote=c.quote,
        minister=c.minister,
        ministry=c.ministry,
        made_on=c.made_on,
        made_in=c.made_in,
        document_id=c.document_id,
        kamerstuk=c.kamerstuk,
        dossier=c.dossier,
        committee=committee,
        deadline_text=c.deadline_text,
        due=c.due,
        earliest=c.earliest,
        register_due=c.register_due,
        text_due=c.text_due,
        status=Status(shown),
        stored_status=Status(c.status),
        status_source=StatusSource(c.status_source),
        register_status=c.register_status,
        in_register=c.in_register,
        vague=c.vague,
        conditional=c.conditional,
        confidence=c.confidence,
        fulfilled_by=fulfilled_by,
        quotes=tuple(c.quotes or ()),
        restated_in=restated_in,
        made_to=tuple(c.made_to or ()),
        in_chair_list=c.in_chair_list,
        person_id=c.person_id,
    )


def _letters_of(session: Session, ids: Any) -> tuple[dict[int, tuple[str, ...]], dict[int, tuple[str, ...]]]:
    """Document numbers of each commitment's accepted fulfilments, and of the letters that restated it,
    oldest first, in one statement (so the digest's queries stay as few). `ids` is a list of up to a page of
    ids or a SELECT of ids."""
    fulfilled = select(  # type: ignore[call-overload]  # sqlmodel types up to four columns
        literal("fulfilment").label("kind"),
        col(Fulfilment.commitment_id).label("cid"),
        col(Fulfilment.document_number).label("number"),
        col(Fulfilment.document_id).label("doc"),
        col(Fulfilment.document_date).label("on"),
        col(Fulfilment.id).label("n"),
    ).where(col(Fulfilment.commitment_id).in_(ids), col(Fulfilment.state) == LinkState.ACCEPTED)
    restated = select(  # type: ignore[call-overload]
        literal("restatement"),
        col(Restatement.commitment_id),
        col(Restatement.document_number),
        col(Restatement.document_id),
        col(Restatement.document_date),
        col(Restatement.id),
    ).where(col(Restatement.commitment_id).in_(ids))
    both = union_all(fulfilled, restated).subquery()
    out: dict[str, dict[int, list[str]]] = {"fulfilment": defaultdict(list), "restatement": defaultdict(list)}
    for kind, cid, number, doc_id, _on, _n in session.exec(
        select(*both.c).order_by(both.c.kind, both.c.on, both.c.n)
    ).all():
        out[kind][cid].append(number or doc_id or "")
    return (
        {k: tuple(v) for k, v in out["fulfilment"].items()},
        {k: tuple(v) for k, v in out["restatement"].items()},
    )


# --------------------------------------------------------------------------- commitments


def commitments(
    session: Session,
    flt: CommitmentFilter = CommitmentFilter(),
    *,
    today: date,
    sort: str = "due",
    page: int = 1,
    page_size: int | None = PAGE_SIZE,
) -> Page[CommitmentRow]:
    """One page of the commitments under `flt`, sorted, with the total count. `page_size=None`: all."""
    where = _where(session, flt, today)
    total = session.exec(select(func.count()).select_from(C).where(*where)).one()
    page = max(1, page)
    order = _order(sort, today)
    if not page_size:
        query = _row_select(today).where(*where).order_by(*order)
        rows = _rows(session, session.exec(query).all(), select(C.id).where(*where))
        return Page(tuple(rows), int(total), page, max(1, int(total)))
    # Page the ids first (an index scan, no wide rows carried through the sort and the offset), then read
    # the page's rows: a deep page costs an offset over ids, not over whole commitments.
    ids_query = select(C.id).where(*where).order_by(*order)
    ids = list(session.exec(ids_query.offset((page - 1) * page_size).limit(page_size)).all())
    found = session.exec(_row_select(today).where(col(C.id).in_(ids))).all() if ids else []
    position = {cid: n for n, cid in enumerate(ids)}
    rows = _rows(session, sorted(found, key=lambda r: position[r[0].id]))
    return Page(tuple(rows), int(total), page, page_size)


def commitment(session: Session, commitment_id: int, *, today: date) -> CommitmentDetail | None:
    """One commitment with its evidence, candidates, history, source document and meeting."""
    found = session.exec(_row_select(today).where(col(C.id) == commitment_id)).first()
    if found is None:
        return None
    c: Commitment = found[0]
    (row,) = _rows(session, [found])
    links = _links(session, col(Fulfilment.commitment_id) == commitment_id)
    history = session.exec(
        select(StatusEvent)
        .where(StatusEvent.commitment_id == commitment_id)
        .order_by(col(StatusEvent.at), col(StatusEvent.id))
    ).all()
    made_to: tuple[str, ...] = tuple(c.made_to or ())
    if not made_to and c.register_id:  # rows tracked before migration 0008 filled made_to
        tz = session.get(Toezegging, c.register_id)
        made_to = tuple(tz.toegezegd_aan) if tz else ()
    restatements = session.exec(
        select(Restatement)
        .where(Restatement.commitment_id == commitment_id)
        .order_by(col(Restatement.document_date), col(Restatement.id))
    ).all()
    letters = session.exec(
        select(Document).where(col(Document.id).in_([r.document_id for r in restatements]))
    ).all()
    refs = _document_refs(session, letters) if letters else {}
    return CommitmentDetail(
        row=row,
        fulfilments=tuple(link for link in links if link.state is LinkState.ACCEPTED),
        candidates=tuple(link for link in links if link.state is LinkState.CANDIDATE),
        rejected=tuple(link for link in links if link.state is LinkState.REJECTED),
        history=tuple(_event(e) for e in history),
        document=_document_ref(session, c.document_id) if c.document_id else None,
        meeting=_meeting_ref(session, c.activiteit_id) if c.activiteit_id else None,
        made_to=made_to,
        person_locked=c.person_locked,
        due_locked=c.due_locked,
        restatements=tuple(
            Restated(refs[r.document_id], r.text, r.deadline_text, r.due)
            for r in restatements
            if r.document_id in refs
        ),
    )


def _event(e: StatusEvent) -> Event:
    return Event(e.at, e.field, e.old, e.new, e.cause, e.who, e.note)


def _links(session: Session, where: ColumnElement[bool], order: Sequence[Any] = ()) -> list[Link]:
    rows = session.exec(
        select(Fulfilment, Document.titel, Document.onderwerp)
        .outerjoin(Document, col(Document.id) == col(Fulfilment.document_id))
        .where(where)
        .order_by(*(order or (col(Fulfilment.document_date), col(Fulfilment.id))))
    ).all()
    return [_link(f, onderwerp or titel) for f, titel, onderwerp in rows]


def _link(f: Fulfilment, title: str | None) -> Link:
    assert f.id is not None
    return Link(
        id=f.id,
        commitment_id=f.commitment_id,
        document_id=f.document_id,
        document_number=f.document_number,
        document_title=title,
        document_date=f.document_date,
        score=f.score,
        method=f.method,
        state=LinkState(f.state),
        partial=f.partial,
        evidence_commitment=f.evidence_commitment,
        evidence_document=f.evidence_document,
        signals=tuple(f.signals),
        decided_by=f.decided_by,
        note=f.note,
        url=tk_document_url(f.document_number),
    )


def tk_document_url(nummer: str | None) -> str | None:
    """The document's file on tweedekamer.nl (DocumentNummer, 2014D45678)."""
    return f"{TK}/downloads/document?id={nummer}" if nummer else None


def ob_url(publication_id: str | None) -> str | None:
    """The publication on officiële bekendmakingen (kst-28638-128)."""
    return f"{OB}/{publication_id}.html" if publication_id else None


def meeting_url(nummer: str | None) -> str | None:
    return f"{TK}/debat_en_vergadering/commissievergaderingen/details?id={nummer}" if nummer else None


def _document_ref(session: Session, document_id: str) -> DocumentRef | None:
    doc = session.get(Document, document_id)
    if doc is None:
        return None
    return _document_refs(session, [doc])[doc.id]


def _document_refs(session: Session, docs: Sequence[Document]) -> dict[str, DocumentRef]:
    ids = [d.id for d in docs]
    publications = dict(
        session.exec(
            select(DocumentText.document_id, DocumentText.publication_id).where(
                col(DocumentText.document_id).in_(ids)
            )
        ).all()
    )
    for doc_id, ext in session.exec(
        select(DocumentVersie.document_id, DocumentVersie.externe_identifier).where(
            col(DocumentVersie.document_id).in_(ids), col(DocumentVersie.externe_identifier).is_not(None)
        )
    ).all():
        publications.setdefault(doc_id or "", ext)
    return {
        d.id: DocumentRef(
            id=d.id,
            nummer=d.nummer,
            titel=d.onderwerp or d.titel,
            soort=d.soort,
            datum=d.datum,
            publication_id=publications.get(d.id),
            tk_url=tk_document_url(d.nummer),
            ob_url=ob_url(publications.get(d.id)),
        )
        for d in docs
    }


def _meeting_ref(session: Session, activiteit_id: str) -> MeetingRef | None:
    act = session.get(Activiteit, activiteit_id)
    if act is None:
        return None
    return MeetingRef(
        id=act.id,
        nummer=act.nummer,
        soort=act.soort,
        onderwerp=act.onderwerp,
        datum=act.datum,
        committee=act.voortouwnaam,
        url=meeting_url(act.nummer),
    )


# --------------------------------------------------------------------------- figures


def figures(
    session: Session, *, today: date, by: str = "ministry", flt: CommitmentFilter = CommitmentFilter()
) -> list[Figures]:
    """Figures per ministry or minister, most open first (groups without a name are `UNKNOWN`)."""
    if by not in ("ministry", "minister"):
        raise ValueError(f"cannot group by {by!r}")
    group = getattr(C, by)  # the column itself, so an index in group order serves the grouping
    where = _where(session, flt, today)
    is_open, is_fulfilled = col(C.status) == Status.OPEN, col(C.status) == Status.FULFILLED
    dated = and_(is_fulfilled, col(C.due).is_not(None), col(C.fulfilled_on).is_not(None))

    def n(condition: ColumnElement[bool]) -> Any:
        return func.sum(case((condition, 1), else_=0))

    # One pass over the commitments (fulfilled_on is kept on the row by triggers), then the late ones for
    # the median and the oldest open ones by their date: three queries, no join of links.
    base = select(  # type: ignore[call-overload]
        group,
        func.count(),
        n(is_open),
        n(and_(is_open, col(C.due) < today)),
        n(is_fulfilled),
        n(col(C.status) == Status.PARTLY_FULFILLED),
        n(col(C.status) == Status.LAPSED),
        n(and_(dated, col(C.fulfilled_on) <= col(C.due))),
        n(and_(dated, col(C.fulfilled_on) > col(C.due))),
        func.min(case((and_(is_open, col(C.made_on).is_not(None)), col(C.made_on)))),
    ).select_from(C)
    totals = session.exec(base.where(*where).group_by(group)).all()

    late: dict[str | None, list[int]] = defaultdict(list)
    late_query = select(group, col(C.due), col(C.fulfilled_on))
    for grp, due, on in session.exec(late_query.where(*where, dated, col(C.fulfilled_on) > col(C.due))):
        if on and due:
            late[grp].append((on - due).days)

    first_open = {grp: made_on for grp, *_, made_on in totals if made_on}
    oldest: dict[str | None, tuple[Any, Any, str]] = {}
    if first_open:
        oldest_query = select(group, col(C.id), col(C.made_on), col(C.text))
        for grp, cid, made_on, txt in session.exec(
            oldest_query.where(*where, is_open, col(C.made_on).in_(set(first_open.values()))).order_by(
                col(C.id)
            )
        ):
            if first_open.get(grp) == made_on:
                oldest.setdefault(grp, (cid, made_on, txt))
    out = []
    for grp, total, open_, overdue, fulfilled, partly, lapsed, on_time, late_n, _ in totals:
        old = oldest.get(grp)
        out.append(
            Figures(
                group=grp or UNKNOWN,
                total=int(total),
                open=int(open_ or 0),
                overdue=int(overdue or 0),
                fulfilled=int(fulfilled or 0),
                partly_fulfilled=int(partly or 0),
                lapsed=int(lapsed or 0),
                fulfilled_on_time=int(on_time or 0),
                fulfilled_late=int(late_n or 0),
                median_days_late=float(median(late[grp])) if late.get(grp) else None,
                oldest_open_id=old[0] if old else None,
                oldest_open_made_on=old[1] if old else None,
                oldest_open_text=old[2] if old else None,
            )
        )
    return sorted(out, key=lambda f: (-f.open, f.group))


def status_counts(
    session: Session, *, today: date, flt: CommitmentFilter = CommitmentFilter()
) -> dict[Status, int]:
    """How many commitments under `flt` have each shown status."""
    shown = shown_status(today)
    query = select(shown, func.count()).select_from(C)
    counts = dict(session.exec(query.where(*_where(session, flt, today)).group_by(shown)).all())
    return {s: int(counts.get(s.value, 0)) for s in Status}


# --------------------------------------------------------------------------- changes


def changes(
    session: Session,
    since: datetime,
    until: datetime,
    *,
    flt: CommitmentFilter = CommitmentFilter(),
) -> Changes:
    """What happened to the commitments under `flt` in (since, until]: made, fulfilled (with the letter),
    due moved, newly overdue (due passed inside the window, still open) and decided by a person.

    A fixed number of queries, whatever the number of items (the digest asks this per subscription)."""
    today = until.date()
    where = _where(session, flt, today)

    def commitment_rows(*conditions: ColumnElement[bool]) -> list[CommitmentRow]:
        query = _row_select(today).where(*where, *conditions)
        ids = select(C.id).where(*where, *conditions)
        return _rows(session, session.exec(query.order_by(col(C.due), col(C.id))).all(), ids)

    def events(*conditions: ColumnElement[bool]) -> tuple[list[tuple[StatusEvent, CommitmentRow]], Any]:
        in_window = (col(StatusEvent.at) > since, col(StatusEvent.at) <= until, *conditions)
        query = (
            select(StatusEvent, C, shown_status(today), Activiteit.voortouwnaam)
            .join(C, col(C.id) == col(StatusEvent.commitment_id))
            .outerjoin(Activiteit, col(Activiteit.id) == col(C.activiteit_id))
            .where(*where, *in_window)
            .order_by(col(StatusEvent.at), col(StatusEvent.id))
        )
        found = session.exec(query).all()
        ids = (
            select(StatusEvent.commitment_id)
            .join(C, col(C.id) == col(StatusEvent.commitment_id))
            .where(*where, *in_window)
        )
        rows = _rows(session, [(c, shown, committee) for _, c, shown, committee in found], ids)
        return [(e, row) for (e, *_), row in zip(found, rows, strict=True)], ids

    made = commitment_rows(col(C.created_at) > since, col(C.created_at) <= until)
    fulfilled_events, fulfilled_ids = events(
        col(StatusEvent.field) == "status",
        col(StatusEvent.new).in_([Status.FULFILLED.value, Status.PARTLY_FULFILLED.value]),
    )
    letters: dict[int, list[Link]] = defaultdict(list)
    if fulfilled_events:
        for link in _links(
            session,
            and_(
                col(Fulfilment.commitment_id).in_(fulfilled_ids), col(Fulfilment.state) == LinkState.ACCEPTED
            ),
        ):
            letters[link.commitment_id].append(link)
    latest: dict[int, Change] = {}
    for e, row in fulfilled_events:  # the last status event of each commitment in the window counts
        latest[row.id] = Change(row, e.at, e.old, e.new, e.cause, e.who, tuple(letters.get(row.id, ())))
    moved, _ = events(col(StatusEvent.field) == "due")
    decided, _ = events(col(StatusEvent.cause) == "person")
    overdue = commitment_rows(
        col(C.status) == Status.OPEN, col(C.due) >= since.date(), col(C.due) < until.date()
    )
    return Changes(
        since=since,
        until=until,
        new=tuple(Change(r, r.made_on) for r in made),
        fulfilled=tuple(c for c in latest.values() if c.commitment.stored_status in _FULFILLED),
        due_moved=tuple(Change(r, e.at, e.old, e.new, e.cause, e.who) for e, r in moved),
        newly_overdue=tuple(Change(r, r.due) for r in overdue),
        decided=tuple(Change(r, e.at, e.old, e.new, e.note or e.field, e.who) for e, r in decided),
    )


_FULFILLED = (Status.FULFILLED, Status.PARTLY_FULFILLED)


# --------------------------------------------------------------------------- review queue


def candidates(
    session: Session,
    *,
    today: date,
    ministry: str | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> Page[Candidate]:
    """Candidate fulfilments awaiting a person, best first, for commitments a person has not locked."""
    # Conditions on the commitment as id sets, so counting and paging walk the (state, score) index of
    # the links instead of joining every candidate to its commitment; locked commitments are few.
    where: list[ColumnElement[bool]] = [
        col(Fulfilment.state) == LinkState.CANDIDATE,
        col(Fulfilment.commitment_id).not_in(select(C.id).where(col(C.person_locked) == true())),
    ]
    if ministry:
        where.append(
            col(Fulfilment.commitment_id).in_(
                select(C.id).where(col(C.ministry).in_(_names(session, col(C.ministry), [ministry])))
            )
        )
    total = session.exec(select(func.count()).select_from(Fulfilment).where(*where)).one()
    page = max(1, page)
    best_first = (col(Fulfilment.score).desc(), col(Fulfilment.id).desc())
    found = session.exec(
        select(Fulfilment.id)
        .where(*where)
        .order_by(*best_first)
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    links = _links(session, col(Fulfilment.id).in_(found), order=best_first) if found else []
    rows = {r.id: r for r in commitments(
        session, CommitmentFilter(ids=tuple({link.commitment_id for link in links})), today=today,
        page_size=None,
    ).rows} if links else {}  # fmt: skip
    return Page(
        tuple(Candidate(link, rows[link.commitment_id]) for link in links), int(total), page, page_size
    )


# --------------------------------------------------------------------------- letters


def letters(
    session: Session,
    *,
    today: date,
    ministry: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[Letter]:
    """Government letters whose text the tracker read, newest first, with what was found in each."""
    where: list[ColumnElement[bool]] = [
        # the kinds named exactly (a handful, found once), so the planner sees how many letters match
        col(Document.soort).in_(
            session.exec(
                select(Document.soort)
                .where(or_(*(func.lower(Document.soort).startswith(k) for k in MINISTERIAL)))
                .distinct()
            ).all()
        ),
        col(Document.id).in_(select(DocumentText.document_id)),
    ]
    if ministry:
        where.append(
            col(Document.id).in_(
                select(DocumentActor.document_id).where(_contains_any(DocumentActor.functie, [ministry]))
            )
        )
    if date_from:
        where.append(col(Document.datum) >= date_from)
    if date_to:
        where.append(col(Document.datum) <= date_to)
    page = max(1, page)
    # The total rides along with the page (a window count): one pass over the letters, not two.
    found = session.exec(
        select(Document, func.count().over())
        .where(*where)
        .order_by(col(Document.datum).is_(None), col(Document.datum).desc(), col(Document.id))
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    docs = [d for d, _ in found]
    total = (
        found[0][1] if found else session.exec(select(func.count()).select_from(Document).where(*where)).one()
    )
    ids = [d.id for d in docs]
    refs = _document_refs(session, docs)
    actors: dict[str, list[DocumentActor]] = defaultdict(list)
    for a in session.exec(select(DocumentActor).where(col(DocumentActor.document_id).in_(ids))).all():
        actors[a.document_id or ""].append(a)
    signatories: dict[str, tuple[str | None, str | None]] = {}
    for d in docs:
        signer = signatory(actors[d.id])
        if signer is not None:  # the ministry in the register's spelling, as the tracker gives commitments
            signatories[d.id] = (signer.naam, ministry_of(signer.functie, d.datum))
    made = defaultdict(list)
    for row in commitments(
        session, CommitmentFilter(document_ids=tuple(ids)), today=today, page_size=None
    ).rows:
        made[row.document_id].append(row)
    fulfils = defaultdict(list)
    for link in _links(
        session, and_(col(Fulfilment.document_id).in_(ids), col(Fulfilment.state) != LinkState.REJECTED)
    ):
        fulfils[link.document_id].append(link)
    numbers = {d.nummer: d.id for d in docs if d.nummer}
    postponed = defaultdict(list)
    if numbers:
        for e in session.exec(
            select(StatusEvent).where(
                col(StatusEvent.field) == "due",
                or_(*(col(StatusEvent.cause).startswith(f"postponed by {n} ") for n in numbers)),
            )
        ).all():
            number = (e.cause or "").split()[2]
            postponed[numbers.get(number)].append(_event(e))
    restated: dict[str, list[int]] = defaultdict(list)
    for doc_id, cid in session.exec(
        select(Restatement.document_id, Restatement.commitment_id)
        .where(col(Restatement.document_id).in_(ids))
        .order_by(col(Restatement.id))
    ).all():
        restated[doc_id].append(cid)
    earlier = (
        {
            row.id: row
            for row in commitments(
                session,
                CommitmentFilter(ids=tuple(cid for cids in restated.values() for cid in cids)),
                today=today,
                page_size=None,
            ).rows
        }
        if restated
        else {}
    )
    return Page(
        tuple(
            Letter(
                document=refs[d.id],
                signatory=signatories.get(d.id, (None, None))[0],
                ministry=signatories.get(d.id, (None, None))[1],
                commitments=tuple(made.get(d.id, ())),
                fulfils=tuple(fulfils.get(d.id, ())),
                postponements=tuple(postponed.get(d.id, ())),
                restates=tuple(earlier[cid] for cid in restated.get(d.id, ()) if cid in earlier),
            )
            for d in docs
        ),
        int(total),
        page,
        page_size,
    )


def find_documents(session: Session, query: str, *, limit: int = 20) -> list[DocumentRef]:
    """Documents whose number (2014D45830), publication id or title matches, newest first: for a person
    linking a letter by hand."""
    words = query.strip()
    if not words:
        return []
    found = session.exec(
        select(Document)
        .where(
            or_(
                func.lower(Document.nummer) == words.lower(),
                col(Document.id).in_(
                    select(DocumentText.document_id).where(
                        func.lower(DocumentText.publication_id) == words.lower()
                    )
                ),
                _contains_any(Document.onderwerp, [words]),
                _contains_any(Document.titel, [words]),
            )
        )
        .order_by(col(Document.datum).is_(None), col(Document.datum).desc(), col(Document.id))
        .limit(limit)
    ).all()
    refs = _document_refs(session, found)
    return [refs[d.id] for d in found]


# --------------------------------------------------------------------------- runs


def runs(session: Session, *, kind: RunKind | None = None, limit: int = 20) -> list[RunRow]:
    """The latest runs of sync, track or the digest, newest first."""
    query = select(Run)
    if kind:
        query = query.where(Run.kind == kind.value)
    found = session.exec(query.order_by(col(Run.started_at).desc(), col(Run.id).desc()).limit(limit)).all()
    return [
        RunRow(
            id=r.id or 0,
            kind=RunKind(r.kind),
            started_at=r.started_at,
            finished_at=r.finished_at,
            state=RunState(r.state),
            counts=dict(r.counts),
            failures=r.failures,
            message=r.message,
        )
        for r in found
    ]


def failures(session: Session, *, limit: int = 50) -> list[Failure]:
    """Items sync could not fetch or read and will try again, most recent first."""
    found = session.exec(
        select(SyncFailure)
        .where(col(SyncFailure.resolved).is_(false()))
        .order_by(col(SyncFailure.last_attempt).desc(), col(SyncFailure.id))
        .limit(limit)
    ).all()
    return [Failure(f.kind, f.item_id, f.error, f.attempts, f.last_attempt) for f in found]


# --------------------------------------------------------------------------- options


def options(session: Session) -> Options:
    """The ministries, ministers, dossiers and committees that occur, sorted, for filter pickers."""

    def distinct(column: Any) -> tuple[str, ...]:
        values = session.exec(select(column).where(column.is_not(None)).distinct()).all()
        return tuple(sorted({v for v in values if v}, key=str.lower))

    committees = session.exec(
        select(Activiteit.voortouwnaam)
        .where(col(Activiteit.id).in_(select(C.activiteit_id).where(col(C.activiteit_id).is_not(None))))
        .distinct()
    ).all()
    made_to = {
        name
        for names in session.exec(select(cast(C.made_to, String)).distinct()).all()
        for name in (json.loads(names) if names else [])
        if name
    }
    return Options(
        ministries=distinct(col(C.ministry)),
        ministers=distinct(col(C.minister)),
        dossiers=distinct(col(C.dossier)),
        committees=tuple(sorted({c for c in committees if c}, key=str.lower)),
        made_to=tuple(sorted(made_to, key=str.lower)),
    )


# --------------------------------------------------------------------------- dashboard overview (issue 8)
# Added for the dashboard's Overzicht page: counts the other functions would fetch whole rows for.


def due_counts(
    session: Session,
    *,
    today: date,
    date_from: date,
    date_to: date,
    flt: CommitmentFilter = CommitmentFilter(),
) -> dict[date, int]:
    """How many open commitments under `flt` fall due on each day from `date_from` to `date_to`."""
    query = select(col(C.due), func.count()).select_from(C)
    found = session.exec(
        query.where(
            *_where(session, flt, today),
            col(C.status) == Status.OPEN,
            col(C.due) >= date_from,
            col(C.due) <= date_to,
        ).group_by(col(C.due))
    ).all()
    return {due: int(n) for due, n in found if due}


def fulfilled_count(
    session: Session, *, today: date, since: date, until: date, flt: CommitmentFilter = CommitmentFilter()
) -> int:
    """How many commitments under `flt` are (partly) fulfilled by a letter dated from `since` to `until`."""
    letters_in_window = select(Fulfilment.commitment_id).where(
        col(Fulfilment.state) == LinkState.ACCEPTED,
        col(Fulfilment.document_date) >= since,
        col(Fulfilment.document_date) <= until,
    )
    query = select(func.count()).select_from(C)
    return int(
        session.exec(
            query.where(
                *_where(session, flt, today),
                col(C.status).in_([s.value for s in _FULFILLED]),
                col(C.id).in_(letters_in_window),
            )
        ).one()
    )


# --------------------------------------------------------------------------- followed commitments (alerts)
# Added for the alerts of issue 9: `changes` tells fulfilments and decisions, not every status change nor
# a new fulfilment candidate, which is what someone following a single commitment wants to hear.


@dataclass(frozen=True)
class Followed:
    """What happened in (since, until] to commitments someone follows, each list oldest first."""

    status: tuple[Change, ...]  # any change of the stored status (the machine's or a person's)
    due_moved: tuple[Change, ...]
    candidates: tuple[Change, ...]  # a proposed fulfilment appeared (`links` holds it)
    overdue: tuple[Change, ...]  # the due date passed inside the window, still open

    def is_empty(self) -> bool:
        return not (self.status or self.due_moved or self.candidates or self.overdue)


def followed_changes(session: Session, ids: Sequence[int], since: datetime, until: datetime) -> Followed:
    """Status changes, moved due dates, new fulfilment candidates and newly overdue among `ids`.

    A fixed number of queries, whatever the number of commitments or events."""
    if not ids:
        return Followed((), (), (), ())
    today = until.date()
    found = session.exec(
        select(StatusEvent)
        .where(
            col(StatusEvent.commitment_id).in_(ids),
            col(StatusEvent.field).in_(("status", "due")),
            col(StatusEvent.at) > since,
            col(StatusEvent.at) <= until,
        )
        .order_by(col(StatusEvent.at), col(StatusEvent.id))
    ).all()
    links = _links(
        session,
        and_(
            col(Fulfilment.commitment_id).in_(ids),
            col(Fulfilment.state) == LinkState.CANDIDATE,
            col(Fulfilment.created_at) > since,
            col(Fulfilment.created_at) <= until,
        ),
    )
    rows = {
        r.id: r
        for r in commitments(session, CommitmentFilter(ids=tuple(ids)), today=today, page_size=None).rows
    }

    def change(e: StatusEvent) -> Change:
        return Change(rows[e.commitment_id or 0], e.at, e.old, e.new, e.note or e.cause, e.who)

    mine = [e for e in found if e.commitment_id in rows]
    return Followed(
        status=tuple(change(e) for e in mine if e.field == "status"),
        due_moved=tuple(change(e) for e in mine if e.field == "due"),
        candidates=tuple(
            Change(rows[li.commitment_id], li.document_date, new=LinkState.CANDIDATE.value, links=(li,))
            for li in links
            if li.commitment_id in rows
        ),
        overdue=tuple(
            Change(r, r.due)
            for r in rows.values()
            if r.stored_status is Status.OPEN and r.due and since.date() <= r.due < until.date()
        ),
    )
