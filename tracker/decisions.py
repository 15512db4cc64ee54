"""What people decide (from the dashboard): a status, a due date, accepting or rejecting a link.

Each decision is recorded as a `StatusEvent` with who made it, and wins over every later machine run:
a set status locks the commitment's status, a set due date locks its due date, and a decided link is
never re-proposed or removed by `track`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from db.engine import session_scope
from db.models import Commitment, Document, Fulfilment, utcnow
from db.vocabulary import LinkState, Method, Source, Status, StatusSource
from tracker import events
from tracker import status as st


class DecisionError(ValueError):
    """The decision cannot be applied (unknown commitment or link, or a status we do not know)."""


def _commitment(session: Session, commitment_id: int) -> Commitment:
    c = session.get(Commitment, commitment_id)
    if c is None:
        raise DecisionError(f"no commitment {commitment_id}")
    return c


def _record(
    session: Session, c: Commitment, fld: str, old: object, new: object, who: str, note: str | None
) -> None:
    # decisions are a person's, whatever `who` names; the machine's events carry their own cause
    events.record(session, c, fld, old, new, "person", who=who, note=note)


def set_status(
    engine: Engine, commitment_id: int, status: Status | str, who: str, note: str | None = None
) -> None:
    """Set a commitment's status; machine runs leave it alone from now on."""
    if status not in st.STORED:
        raise DecisionError(f"not a status one can set: {status!r} (one of {', '.join(st.STORED)})")
    status = Status(status)
    with session_scope(engine) as session:
        c = _commitment(session, commitment_id)
        _record(session, c, "status", c.status, status, who, note)
        c.status, c.status_source, c.person_locked, c.updated_at = status, StatusSource.PERSON, True, utcnow()


def release_status(engine: Engine, commitment_id: int, who: str, note: str | None = None) -> None:
    """Hand a commitment's status back to the machine (the next `track` run derives it again)."""
    with session_scope(engine) as session:
        c = _commitment(session, commitment_id)
        _record(session, c, "status_lock", "person", "machine", who, note)
        c.person_locked, c.status_source, c.updated_at = False, StatusSource.DETECTED, utcnow()


def set_due(engine: Engine, commitment_id: int, due: date | None, who: str, note: str | None = None) -> None:
    """Set (or clear) a commitment's due date; machine runs leave it alone from now on."""
    with session_scope(engine) as session:
        c = _commitment(session, commitment_id)
        _record(session, c, "due", c.due, due, who, note)
        c.due, c.due_locked, c.updated_at = due, True, utcnow()


def _decide(engine: Engine, fulfilment_id: int, state: LinkState, who: str, note: str | None) -> None:
    with session_scope(engine) as session:
        f = session.get(Fulfilment, fulfilment_id)
        if f is None:
            raise DecisionError(f"no fulfilment {fulfilment_id}")
        c = _commitment(session, f.commitment_id)
        old_link = f.state
        f.state, f.decided_by, f.note = state, who, note
        _record(
            session, c, "fulfilment", f"{f.document_number or f.document_id}: {old_link}", state, who, note
        )
        _restatus(session, c, who)


def accept_fulfilment(engine: Engine, fulfilment_id: int, who: str, note: str | None = None) -> None:
    """Confirm a proposed link: the commitment counts as (partly) fulfilled by that document."""
    _decide(engine, fulfilment_id, LinkState.ACCEPTED, who, note)


def reject_fulfilment(engine: Engine, fulfilment_id: int, who: str, note: str | None = None) -> None:
    """Reject a proposed (or detected) link; it is never proposed again."""
    _decide(engine, fulfilment_id, LinkState.REJECTED, who, note)


def link_document(
    engine: Engine,
    commitment_id: int,
    document_id: str,
    who: str,
    partial: bool = False,
    note: str | None = None,
) -> int:
    """A person names the document that fulfils a commitment; returns the link's id."""
    with session_scope(engine) as session:
        c = _commitment(session, commitment_id)
        doc = session.get(Document, document_id)
        if doc is None:
            raise DecisionError(f"no document {document_id}")
        f = session.exec(
            select(Fulfilment).where(
                Fulfilment.commitment_id == commitment_id, Fulfilment.document_id == document_id
            )
        ).first() or Fulfilment(
            commitment_id=commitment_id, document_id=document_id, method=Method.PERSON, created_at=utcnow()
        )
        f.document_number, f.document_date, f.partial = doc.nummer, doc.datum, partial
        f.score, f.state, f.decided_by, f.note = 1.0, LinkState.ACCEPTED, who, note
        session.add(f)
        session.flush()
        _record(session, c, "fulfilment", None, f"{doc.nummer or doc.id}: accepted", who, note)
        _restatus(session, c, who)
        assert f.id is not None
        return f.id


def _restatus(session: Session, c: Commitment, who: str) -> None:
    """After a person decided a link, the status follows from the accepted links, as their decision."""
    if c.person_locked:
        return
    session.flush()
    accepted = session.exec(
        select(Fulfilment).where(
            Fulfilment.commitment_id == c.id, col(Fulfilment.state) == LinkState.ACCEPTED
        )
    ).all()
    derived = st.derive(
        from_register=c.source == Source.REGISTER,
        register_raw=c.register_status,
        accepted=[st.Link(f.partial, f.method == Method.REGISTER, bool(f.decided_by)) for f in accepted],
    )
    if (derived.status, derived.source) != (c.status, c.status_source):
        _record(session, c, "status", c.status, derived.status, who, "follows from the decided link")
        c.status, c.status_source, c.updated_at = derived.status, derived.source, utcnow()


def add_note(engine: Engine, commitment_id: int, who: str, note: str) -> None:
    """A person's remark on a commitment, kept in its history; changes nothing else."""
    if not note.strip():
        raise DecisionError("an empty note says nothing")
    with session_scope(engine) as session:
        c = _commitment(session, commitment_id)
        _record(session, c, "note", None, None, who, note.strip())
