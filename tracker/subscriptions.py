"""Subscriptions: who hears about what, confirmed on the command line at once or by a link (double opt-in).

Pages and the command line write subscriptions only through these functions. Nothing is ever deleted:
unsubscribing stamps the row and cancels what still waited to be sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from db.clock import utcnow
from db.engine import session_scope
from db.models import Delivery, Subscription
from db.vocabulary import DeliveryState, Frequency
from tracker.queries import CommitmentFilter

EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")


class SubscriptionError(ValueError):
    """The address or the scope cannot make a subscription."""


@dataclass(frozen=True)
class Scope:
    """What a subscription's digest covers (every field narrows) and which commitments it follows."""

    ministries: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    dossiers: tuple[str, ...] = ()
    ministers: tuple[str, ...] = ()
    made_to: tuple[str, ...] = ()
    commitments: tuple[int, ...] = ()

    @classmethod
    def of(cls, s: Subscription) -> Scope:
        return cls(
            tuple(s.ministries),
            tuple(s.committees),
            tuple(s.dossiers),
            tuple(s.ministers),
            tuple(s.made_to),
            tuple(int(i) for i in s.commitments),
        )

    def narrows(self) -> bool:
        return bool(self.ministries or self.committees or self.dossiers or self.ministers or self.made_to)

    def digest_filter(self) -> CommitmentFilter:
        """The digest's commitments: the scope; with no scope but followed commitments, just those."""
        if not self.narrows() and self.commitments:
            return CommitmentFilter(ids=self.commitments)
        return CommitmentFilter(
            ministries=self.ministries,
            committees=self.committees,
            dossiers=self.dossiers,
            ministers=self.ministers,
            made_to=self.made_to,
        )

    def describe(self) -> str:
        """The scope in Dutch, for the top of a message."""
        parts = [
            (label, values)
            for label, values in (
                ("ministerie", self.ministries),
                ("commissie", self.committees),
                ("dossier", self.dossiers),
                ("bewindspersoon", self.ministers),
                ("toegezegd aan", self.made_to),
            )
            if values
        ]
        if not parts:
            return "de door u gevolgde toezeggingen" if self.commitments else "alle toezeggingen"
        return "; ".join(f"{label}: {', '.join(values)}" for label, values in parts)


@dataclass(frozen=True)
class SubscriptionInfo:
    id: int
    email: str
    scope: Scope
    frequency: Frequency
    confirmed: bool
    active: bool


def _info(s: Subscription) -> SubscriptionInfo:
    assert s.id is not None
    return SubscriptionInfo(
        s.id,
        s.email,
        Scope.of(s),
        Frequency(s.frequency),
        s.confirmed_at is not None,
        s.unsubscribed_at is None,
    )


def _clean(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        v = " ".join(v.split())
        if v and v not in out:
            out.append(v)
    return out


def check_email(email: str) -> str:
    email = email.strip()
    if not EMAIL.match(email) or len(email) > 254:
        raise SubscriptionError(f"geen geldig e-mailadres: {email!r}")
    return email


def add(
    session: Session,
    email: str,
    scope: Scope,
    frequency: Frequency = Frequency.WEEKLY,
    *,
    confirmed: bool,
    now: datetime | None = None,
) -> Subscription:
    """A new subscription in `session` (flushed, so it has its id); confirmed at once or not."""
    now = now or utcnow()
    s = Subscription(
        email=check_email(email),
        ministries=_clean(scope.ministries),
        committees=_clean(scope.committees),
        dossiers=_clean(d.replace(" ", "") for d in scope.dossiers),
        ministers=_clean(scope.ministers),
        made_to=_clean(scope.made_to),
        commitments=sorted(set(scope.commitments)),
        frequency=Frequency(frequency),
        created_at=now,
        confirmed_at=now if confirmed else None,
        # Alerts start from now: nothing that happened before one followed a commitment.
        alerts_until=now if confirmed else None,
    )
    session.add(s)
    session.flush()
    return s


def subscribe(
    engine: Engine,
    email: str,
    scope: Scope,
    frequency: Frequency = Frequency.WEEKLY,
    *,
    confirmed: bool,
    now: datetime | None = None,
) -> SubscriptionInfo:
    with session_scope(engine) as session:
        return _info(add(session, email, scope, frequency, confirmed=confirmed, now=now))


def confirm(engine: Engine, subscription_id: int, *, now: datetime | None = None) -> SubscriptionInfo | None:
    """Confirm a subscription (again is harmless); None when there is none or it was cancelled."""
    now = now or utcnow()
    with session_scope(engine) as session:
        s = session.get(Subscription, subscription_id)
        if s is None or s.unsubscribed_at is not None:
            return None
        if s.confirmed_at is None:
            s.confirmed_at, s.alerts_until = now, now
            session.add(s)
        return _info(s)


def unsubscribe(
    engine: Engine, subscription_id: int, *, now: datetime | None = None
) -> SubscriptionInfo | None:
    """End a subscription at once (again is harmless) and cancel what still waited to be sent."""
    with session_scope(engine) as session:
        s = session.get(Subscription, subscription_id)
        if s is None:
            return None
        _end(session, s, now or utcnow())
        return _info(s)


def unsubscribe_email(engine: Engine, email: str, *, now: datetime | None = None) -> int:
    """End every active subscription of `email`; how many there were."""
    with session_scope(engine) as session:
        found = session.exec(
            select(Subscription).where(
                Subscription.email == email.strip(), col(Subscription.unsubscribed_at).is_(None)
            )
        ).all()
        for s in found:
            _end(session, s, now or utcnow())
        return len(found)


def _end(session: Session, s: Subscription, now: datetime) -> None:
    if s.unsubscribed_at is None:
        s.unsubscribed_at = now
        session.add(s)
    for d in session.exec(
        select(Delivery).where(Delivery.subscription_id == s.id, Delivery.state == DeliveryState.PENDING)
    ).all():
        d.state = DeliveryState.CANCELLED
        session.add(d)


def listing(engine: Engine, *, email: str | None = None) -> list[SubscriptionInfo]:
    """Active subscriptions (of one address), oldest first."""
    with Session(engine) as session:
        query = select(Subscription).where(col(Subscription.unsubscribed_at).is_(None))
        if email:
            query = query.where(Subscription.email == email.strip())
        return [_info(s) for s in session.exec(query.order_by(col(Subscription.id))).all()]
