"""Exactly once per subscription and period: messages are written before they are sent, updated after.

Composing a digest or an alert and moving the subscription's watermark (`digest_period`/`digest_until`,
`alerts_until`) happen in one transaction with the `delivery` row that holds the whole message, so a
period is composed once, whatever crashes or reruns follow (the row's unique key stops a second
process too). Sending then walks the pending rows:

    pending --(mark `sending`, commit)--> SMTP --(250: mark `sent`, commit)
                                               \\-(refused: back to pending, next run; others go on)

The one window no local bookkeeping can close is between the server's acceptance of a message and the
commit of `sent`: a crash there leaves the row `sending`. Such rows are sent again on the next run
(at-least-once for that window): a lost digest or alert is something a reader never notices is missing,
a duplicate is seen and harmless, it carries the same Message-ID (so many clients fold it into the
first), and the window is the few milliseconds between two statements. Everything before it (a crash
while composing, or between two recipients) sends nothing twice and loses nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from db.clock import utcnow
from db.engine import session_scope
from db.models import Delivery, Subscription
from db.vocabulary import DeliveryKind, DeliveryState, Frequency
from tracker import subscriptions as subs
from tracker import tokens
from tracker.digest import Message, compose_alert, compose_digest, current_period
from tracker.mail import MailConfig, Refused, Unavailable, build, message_id, render, render_confirm

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # refusals of one message before it is given up (and shown as failed)


class Transport(Protocol):
    def send(self, sender: str, recipient: str, data: bytes) -> None: ...


@dataclass
class Composed:
    """One message written to the outbox, or to the preview folder."""

    subscription_id: int
    kind: DeliveryKind
    period: str
    recipient: str
    data: bytes
    html: str


@dataclass
class Outcome:
    composed: int = 0
    empty: int = 0  # nothing to say: no message
    sent: int = 0
    refused: int = 0
    given_up: int = 0
    waiting: int = 0  # left pending for the next run
    stopped: str | None = None  # why sending stopped early
    previews: list[Path] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        keys = ("composed", "empty", "sent", "refused", "given_up", "waiting")
        return {k: getattr(self, k) for k in keys}

    def lines(self) -> list[str]:
        out = [", ".join(f"{v} {k.replace('_', ' ')}" for k, v in self.counts().items())]
        if self.stopped:
            out.append(f"sending stopped, the rest waits for the next run: {self.stopped}")
        out += [f"preview: {p}" for p in self.previews]
        return out


def _aware(at: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _active(session: Session) -> Iterator[Subscription]:
    yield from session.exec(
        select(Subscription)
        .where(col(Subscription.confirmed_at).is_not(None), col(Subscription.unsubscribed_at).is_(None))
        .order_by(col(Subscription.id))
    ).all()


def _envelope(
    config: MailConfig,
    sub: Subscription,
    kind: DeliveryKind,
    period: str,
    msg: Message,
    at: datetime,
    preview: bool,
) -> Composed:
    assert sub.id is not None
    unsubscribe = config.link("afmelden", config.token(tokens.Purpose.UNSUBSCRIBE, sub.id, preview=preview))
    rendered = render(msg, unsubscribe)
    data = build(
        config,
        rendered,
        recipient=sub.email,
        msgid=message_id(kind, sub.id, period, config.domain),
        unsubscribe_url=unsubscribe,
        at=at,
    )
    return Composed(sub.id, kind, period, sub.email, data, rendered.html)


def _write(session: Session, c: Composed, msg: Message, config: MailConfig) -> None:
    session.add(
        Delivery(
            subscription_id=c.subscription_id,
            kind=c.kind,
            period=c.period,
            message_id=message_id(c.kind, c.subscription_id, c.period, config.domain),
            recipient=c.recipient,
            message=c.data,
            since=msg.since,
            until=msg.until,
            created_at=utcnow(),
        )
    )


def _queue(
    session: Session,
    config: MailConfig,
    sub: Subscription,
    kind: DeliveryKind,
    period: str,
    msg: Message,
    now: datetime,
    preview: Path | None,
    out: Outcome,
) -> None:
    """A composed message into the outbox, or (previewing) into files; an empty one only counted."""
    if msg.is_empty():
        out.empty += 1
        return
    c = _envelope(config, sub, kind, period, msg, now, preview is not None)
    if preview is not None:
        out.previews += _save_preview(preview, c)
    else:
        _write(session, c, msg, config)
    out.composed += 1


def _save_preview(folder: Path, c: Composed) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{c.kind}-{c.subscription_id}-{c.period.replace(':', '')}"
    eml, html = stem.with_suffix(".eml"), stem.with_suffix(".html")
    eml.write_bytes(c.data)
    html.write_text(c.html, encoding="utf-8")
    return [eml, html]


def queue_digests(
    engine: Engine,
    config: MailConfig,
    frequencies: Iterable[Frequency],
    now: datetime,
    *,
    preview: Path | None = None,
    outcome: Outcome | None = None,
) -> Outcome:
    """Compose the digest of every subscription whose current period has none yet: into the outbox, or
    (with `preview`) into files, recording nothing."""
    out = outcome or Outcome()
    if preview is None:
        tokens.make(config.secret, tokens.Purpose.UNSUBSCRIBE, 0)  # MissingSecret before anything is written
    for frequency in frequencies:
        period = current_period(now, frequency)
        with Session(engine) as session:
            due = [
                s.id
                for s in _active(session)
                if s.frequency == frequency and s.digest_period != period.key and s.id is not None
            ]
        for sub_id in due:
            try:
                with session_scope(engine) as session:
                    sub = session.get(Subscription, sub_id)
                    if sub is None or sub.unsubscribed_at or sub.digest_period == period.key:
                        continue
                    since = _aware(sub.digest_until) if sub.digest_until else now - period.length
                    msg = compose_digest(
                        session,
                        subs.Scope.of(sub),
                        since,
                        now,
                        frequency=frequency,
                        dashboard_url=config.dashboard_url,
                    )
                    _queue(session, config, sub, DeliveryKind.DIGEST, period.key, msg, now, preview, out)
                    if preview is not None:
                        session.rollback()
                        continue
                    sub.digest_period, sub.digest_until = period.key, now
                    session.add(sub)
            except IntegrityError:  # another process composed this period first
                log.info("digest %s of subscription %d was composed elsewhere", period.key, sub_id)
    return out


def queue_alerts(
    engine: Engine,
    config: MailConfig,
    now: datetime,
    *,
    preview: Path | None = None,
    outcome: Outcome | None = None,
) -> Outcome:
    """For every subscription following commitments: what changed about them since its last alert."""
    out = outcome or Outcome()
    if preview is None:
        tokens.make(config.secret, tokens.Purpose.UNSUBSCRIBE, 0)
    with Session(engine) as session:
        following = [s.id for s in _active(session) if s.commitments and s.id is not None]
    for sub_id in following:
        try:
            with session_scope(engine) as session:
                sub = session.get(Subscription, sub_id)
                if sub is None or sub.unsubscribed_at:
                    continue
                since = _aware(sub.alerts_until or sub.confirmed_at or now)
                if since >= now:
                    continue
                msg = compose_alert(
                    session, tuple(sub.commitments), since, now, dashboard_url=config.dashboard_url
                )
                period = now.strftime("%Y%m%dT%H%M%S.%fZ")
                _queue(session, config, sub, DeliveryKind.ALERT, period, msg, now, preview, out)
                if preview is not None:
                    session.rollback()
                    continue
                sub.alerts_until = now
                session.add(sub)
        except IntegrityError:
            log.info("alert of subscription %d was composed elsewhere", sub_id)
    return out


def request_subscription(
    engine: Engine,
    config: MailConfig,
    email: str,
    scope: subs.Scope,
    frequency: Frequency = Frequency.WEEKLY,
    *,
    now: datetime | None = None,
) -> subs.SubscriptionInfo:
    """A subscription made on the dashboard: stored unconfirmed, with its confirmation message in the
    outbox (the scheduler sends it; the dashboard process never sends mail). Nothing else is sent
    before the link in it is followed."""
    now = now or utcnow()
    with session_scope(engine) as session:
        sub = subs.add(session, email, scope, frequency, confirmed=False, now=now)
        assert sub.id is not None
        confirm = config.link("bevestigen", tokens.make(config.secret, tokens.Purpose.CONFIRM, sub.id))
        unsubscribe = config.link("afmelden", tokens.make(config.secret, tokens.Purpose.UNSUBSCRIBE, sub.id))
        rendered = render_confirm(subs.Scope.of(sub).describe(), sub.frequency, confirm, unsubscribe)
        msgid = message_id(DeliveryKind.CONFIRM, sub.id, "1", config.domain)
        data = build(config, rendered, recipient=sub.email, msgid=msgid, unsubscribe_url=unsubscribe, at=now)
        session.add(
            Delivery(
                subscription_id=sub.id,
                kind=DeliveryKind.CONFIRM,
                period="1",
                message_id=msgid,
                recipient=sub.email,
                message=data,
                created_at=now,
            )
        )
        return subs.SubscriptionInfo(
            sub.id, sub.email, subs.Scope.of(sub), Frequency(sub.frequency), confirmed=False, active=True
        )


def deliver(
    engine: Engine,
    config: MailConfig,
    transport: Transport,
    *,
    stop: Callable[[], bool] = lambda: False,
    outcome: Outcome | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Outcome:
    """Send what waits in the outbox, oldest first, at most `config.rate` messages a minute."""
    out = outcome or Outcome()
    sender = config.sender or f"noreply@{config.domain}"
    gap = 60.0 / config.rate
    with Session(engine) as session:
        waiting: list[int] = [
            i
            for i in session.exec(
                select(Delivery.id)
                .where(col(Delivery.state).in_((DeliveryState.PENDING, DeliveryState.SENDING)))
                .order_by(col(Delivery.id))
            ).all()
            if i is not None
        ]
    last = float("-inf")
    for i, delivery_id in enumerate(waiting):
        if stop():
            out.waiting += len(waiting) - i
            out.stopped = "asked to stop"
            break
        with session_scope(engine) as session:
            d = session.get(Delivery, delivery_id)
            if d is None or d.state not in (DeliveryState.PENDING, DeliveryState.SENDING):
                continue
            sub = session.get(Subscription, d.subscription_id)
            if sub is None or sub.unsubscribed_at is not None:
                d.state = DeliveryState.CANCELLED
                session.add(d)
                continue
            if d.state == DeliveryState.SENDING:
                log.warning(
                    "sending %s again: a crash left it unknown whether the server took it", d.message_id
                )
            d.state, d.attempts = DeliveryState.SENDING, d.attempts + 1
            session.add(d)
            recipient, data, attempts = d.recipient, d.message, d.attempts
        wait = last + gap - time.monotonic()
        if wait > 0:
            sleep(wait)
        last = time.monotonic()
        try:
            transport.send(sender, recipient, data)
        except Refused as exc:
            given_up = attempts >= MAX_ATTEMPTS
            _settle(
                engine, delivery_id, DeliveryState.FAILED if given_up else DeliveryState.PENDING, str(exc)
            )
            log.warning("%s refused %s (attempt %d): %s", config.host, recipient, attempts, exc)
            out.refused += 1
            out.given_up += given_up
            out.waiting += not given_up
            continue
        except Unavailable as exc:
            _settle(engine, delivery_id, DeliveryState.PENDING, str(exc))
            log.error("sending stopped: %s", exc)
            out.stopped = str(exc)
            out.waiting += len(waiting) - i
            break
        _settle(engine, delivery_id, DeliveryState.SENT, None)
        out.sent += 1
    return out


def waiting(engine: Engine) -> int:
    """How many messages wait to be sent."""
    with Session(engine) as session:
        return int(
            session.exec(
                select(func.count())
                .select_from(Delivery)
                .where(col(Delivery.state).in_((DeliveryState.PENDING, DeliveryState.SENDING)))
            ).one()
        )


def _settle(engine: Engine, delivery_id: int, state: DeliveryState, error: str | None) -> None:
    with session_scope(engine) as session:
        d = session.get(Delivery, delivery_id)
        if d is None:
            return
        d.state, d.error = state, error
        if state is DeliveryState.SENT:
            d.sent_at = utcnow()
        session.add(d)
