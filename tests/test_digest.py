"""Digests and alerts reach a real SMTP server on loopback exactly once, and their links work."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from db.engine import session_scope
from db.models import Delivery, StatusEvent, Subscription
from db.vocabulary import DeliveryState, Frequency, LinkState, Status
from tests.commitment_factories import add, link
from tests.mail_factories import SECRET, Inbox, mail_config, smtp_fixture  # noqa: F401
from tracker import outbox, subscriptions, tokens
from tracker.digest import current_period, dutch_date
from tracker.mail import Refused, SmtpTransport
from tracker.subscriptions import Scope

NOW = datetime(2015, 7, 8, 8, 0, tzinfo=UTC)  # a Wednesday, 10:00 in Amsterdam
INSIDE = datetime(2015, 7, 5, 12, 0, tzinfo=UTC)
JUSTICE = Scope(ministries=("Justitie",))


def event(engine: Engine, cid: int, fld: str, old: str | None, new: str | None, **kw: object) -> None:
    with session_scope(engine) as s:
        s.add(StatusEvent(commitment_id=cid, at=kw.pop("at", INSIDE), field=fld, old=old, new=new, **kw))  # type: ignore[arg-type]


def seed(engine: Engine) -> dict[str, int]:
    ids = {
        "overdue": add(
            engine, due=date(2015, 6, 1), text="Voor de zomer stuur ik u de voortgangsrapportage."
        ),
        "soon": add(
            engine, due=date(2015, 7, 15), text="Medio juli ontvangt u de evaluatie <b>& bijlage</b>."
        ),
        "new": add(engine, created_at=INSIDE, text="Ik zeg toe de Kamer te informeren over de pilot."),
        "fulfilled": add(engine, status=Status.FULFILLED, text="Ik stuur u het actieplan."),
        "moved": add(engine, due=date(2015, 10, 1), text="Ik kom terug op de subsidieregeling."),
        "decided": add(engine, status=Status.LAPSED, text="Ik onderzoek de mogelijkheden."),
        "elsewhere": add(engine, ministry="Financiën", due=date(2015, 6, 1), text="Belastingbrief."),
    }
    link(
        engine,
        ids["fulfilled"],
        "brief",
        number="2015D00001",
        evidence_document="Hiermee doe ik mijn toezegging gestand.",
    )
    event(engine, ids["fulfilled"], "status", "open", "fulfilled", cause="fulfilled by 2015D00001")
    event(
        engine, ids["moved"], "due", "2015-07-01", "2015-10-01", cause="postponed by 2015D00002 (score 0.8)"
    )
    event(
        engine,
        ids["decided"],
        "status",
        "open",
        "lapsed",
        cause="person",
        who="Eva",
        note="vervallen na debat",
    )
    return ids


def deliver(engine: Engine, port: int, outcome: outbox.Outcome | None = None) -> outbox.Outcome:
    config = mail_config(port)
    with SmtpTransport(config) as transport:
        return outbox.deliver(engine, config, transport, outcome=outcome)


def run_digests(engine: Engine, port: int, now: datetime = NOW) -> outbox.Outcome:
    return deliver(engine, port, outbox.queue_digests(engine, mail_config(port), list(Frequency), now))


def html_of(msg: EmailMessage) -> str:
    part = msg.get_body(("html",))
    assert part is not None
    return str(part.get_content())


def text_of(msg: EmailMessage) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def test_a_digest_arrives_with_its_sections_links_and_unsubscribe_headers(
    engine: Engine, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    ids = seed(engine)
    sub = subscriptions.subscribe(
        engine, "griffie@example.org", JUSTICE, confirmed=True, now=NOW - timedelta(days=30)
    )
    result = run_digests(engine, port)
    assert (result.composed, result.sent) == (1, 1)
    (msg,) = inbox.messages
    html, text = html_of(msg), text_of(msg)
    assert msg["Subject"].startswith("Weekoverzicht toezeggingen 8 juli 2015")
    for title in (
        "Te laat",
        "Binnen 14 dagen verwacht",
        "Nieuw",
        "Voldaan",
        "Termijn verschoven",
        "Besloten door een redacteur",
    ):
        assert title in html and title in text, title
    for name in ("overdue", "soon", "new", "fulfilled", "moved", "decided"):
        assert f"https://toezeggingen.example.org/toezegging?id={ids[name]}" in html, name
        assert f"https://toezeggingen.example.org/toezegging?id={ids[name]}" in text, name
    assert f'id={ids["elsewhere"]}"' not in html  # another ministry
    assert "Hiermee doe ik mijn toezegging gestand." in html  # the letter's sentence
    assert "2015D00001" in html
    assert "verschoven van 1 juli 2015 naar 1 oktober 2015" in html
    assert "Eva besloot" in html and "vervallen na debat" in html
    assert "&lt;b&gt;&amp; bijlage&lt;/b&gt;" in html and "<b>&" not in html  # source text is never markup
    assert 'style="' in html and "<style" not in html  # CSS inlined for Outlook
    # one-click unsubscribe (RFC 8058) with a token that works
    unsubscribe = re.fullmatch(r"<(.+)>", msg["List-Unsubscribe"]).group(1)  # type: ignore[union-attr]
    assert unsubscribe.startswith("https://toezeggingen.example.org/afmelden?token=")
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in text
    assert msg["Message-ID"] == f"<toezeggingen.digest.{sub.id}.2015-W28@example.org>"
    token = parse_qs(urlparse(unsubscribe).query)["token"][0]
    assert tokens.read(SECRET, tokens.Purpose.UNSUBSCRIBE, token) == sub.id
    with pytest.raises(tokens.BadToken):
        tokens.read(SECRET, tokens.Purpose.CONFIRM, token)  # signed for another purpose
    # a rerun in the same week sends nothing more
    assert run_digests(engine, port, NOW + timedelta(hours=3)).composed == 0
    assert len(inbox.messages) == 1
    # next week's covers only what happened since
    next_week = run_digests(engine, port, NOW + timedelta(days=7))
    assert next_week.sent == 1
    assert "Nieuw" not in inbox.messages[-1]["Subject"]


def test_nothing_to_say_sends_nothing(engine: Engine, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    add(engine, ministry="Financiën", due=date(2015, 6, 1))
    subscriptions.subscribe(engine, "stil@example.org", JUSTICE, confirmed=True)
    result = run_digests(engine, port)
    assert (result.composed, result.empty, inbox.messages) == (0, 1, [])


class Crash(BaseException):
    """The process dies."""


class CrashingTransport:
    """Passes messages on to the real server, and dies before (or after) the n-th."""

    def __init__(self, real: SmtpTransport, n: int, *, after_send: bool = False) -> None:
        self.real, self.n, self.after_send, self.calls = real, n, after_send, 0

    def send(self, sender: str, recipient: str, data: bytes) -> None:
        self.calls += 1
        if self.calls == self.n and not self.after_send:
            raise Crash
        self.real.send(sender, recipient, data)
        if self.calls == self.n:
            raise Crash


def test_a_crash_between_two_recipients_then_a_rerun_sends_each_exactly_once(
    engine: Engine, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    seed(engine)
    for who in ("een@example.org", "twee@example.org", "drie@example.org"):
        subscriptions.subscribe(engine, who, JUSTICE, confirmed=True)
    config = mail_config(port)
    outbox.queue_digests(engine, config, [Frequency.WEEKLY], NOW)
    with SmtpTransport(config) as real, pytest.raises(Crash):
        outbox.deliver(engine, config, CrashingTransport(real, 2))
    assert [m["To"] for m in inbox.messages] == ["een@example.org"]
    # the rerun composes nothing new and sends the rest
    assert run_digests(engine, port, NOW + timedelta(minutes=30)).sent == 2
    assert sorted(m["To"] for m in inbox.messages) == [
        "drie@example.org",
        "een@example.org",
        "twee@example.org",
    ]


def test_a_crash_after_the_server_took_a_message_sends_it_again_with_the_same_message_id(
    engine: Engine, smtp: tuple[Inbox, int]
) -> None:
    """The documented choice for the one window bookkeeping cannot close: at least once."""
    inbox, port = smtp
    seed(engine)
    subscriptions.subscribe(engine, "een@example.org", JUSTICE, confirmed=True)
    config = mail_config(port)
    outbox.queue_digests(engine, config, [Frequency.WEEKLY], NOW)
    with SmtpTransport(config) as real, pytest.raises(Crash):
        outbox.deliver(engine, config, CrashingTransport(real, 1, after_send=True))
    assert deliver(engine, port).sent == 1
    first, again = inbox.messages
    assert first["Message-ID"] == again["Message-ID"]
    assert deliver(engine, port).sent == 0


def test_a_refused_recipient_holds_up_nobody_and_is_retried_next_run(
    engine: Engine, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    seed(engine)
    for who in ("een@example.org", "weg@example.org", "drie@example.org"):
        subscriptions.subscribe(engine, who, JUSTICE, confirmed=True)
    inbox.refuse.add("weg@example.org")
    result = run_digests(engine, port)
    assert (result.sent, result.refused, result.waiting) == (2, 1, 1)
    assert sorted(m["To"] for m in inbox.messages) == ["drie@example.org", "een@example.org"]
    with Session(engine) as s:
        waiting = s.exec(select(Delivery).where(Delivery.recipient == "weg@example.org")).one()
        assert waiting.state == DeliveryState.PENDING and "550" in (waiting.error or "")
    inbox.refuse.clear()
    assert run_digests(engine, port, NOW + timedelta(minutes=30)).sent == 1
    assert len(inbox.to("weg@example.org")) == 1 and len(inbox.messages) == 3


def test_an_alert_about_a_followed_commitment_arrives_once(engine: Engine, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    followed = add(engine, due=date(2015, 9, 1))
    other = add(engine, due=date(2015, 9, 1))
    subscriptions.subscribe(
        engine, "volger@example.org", Scope(commitments=(followed,)), confirmed=True, now=NOW
    )
    config = mail_config(port)
    later = NOW + timedelta(hours=1)
    event(engine, followed, "due", "2015-09-01", "2015-12-01", at=NOW + timedelta(minutes=10))
    link(engine, followed, "brief-2", state=LinkState.CANDIDATE, created_at=NOW + timedelta(minutes=20),
         evidence_document="Hierbij informeer ik u over de stand van zaken.")  # fmt: skip
    event(engine, other, "status", "open", "fulfilled", at=NOW + timedelta(minutes=10))
    outbox.queue_alerts(engine, config, later)
    assert deliver(engine, port).sent == 1
    (msg,) = inbox.messages
    html = html_of(msg)
    assert f"toezegging?id={followed}" in html and f"toezegging?id={other}" not in html
    assert "Termijn verschoven" in html and "Mogelijk voldaan" in html
    assert "Hierbij informeer ik u over de stand van zaken." in html
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # the next run has nothing new to tell
    outbox.queue_alerts(engine, config, later + timedelta(minutes=30))
    assert deliver(engine, port).sent == 0
    assert len(inbox.messages) == 1


def test_a_dashboard_subscription_sends_nothing_but_its_confirmation_until_confirmed(
    engine: Engine, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    seed(engine)
    config = mail_config(port)
    info = outbox.request_subscription(engine, config, "nieuw@example.org", JUSTICE, Frequency.DAILY, now=NOW)
    assert outbox.queue_digests(engine, config, list(Frequency), NOW).composed == 0
    assert deliver(engine, port).sent == 1
    (msg,) = inbox.messages
    assert msg["Subject"] == "Bevestig uw aanmelding voor toezeggingen"
    confirm = re.search(r"https://toezeggingen\.example\.org/bevestigen\?token=(\S+)", text_of(msg))
    assert confirm and msg["List-Unsubscribe"]
    assert tokens.read(SECRET, tokens.Purpose.CONFIRM, confirm.group(1)) == info.id
    subscriptions.confirm(engine, info.id, now=NOW)
    assert run_digests(engine, port).sent == 1
    assert inbox.messages[-1]["Subject"].startswith("Dagoverzicht toezeggingen")


def test_unsubscribing_cancels_what_waits(engine: Engine, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    seed(engine)
    sub = subscriptions.subscribe(engine, "weg@example.org", JUSTICE, confirmed=True)
    outbox.queue_digests(engine, mail_config(port), [Frequency.WEEKLY], NOW)
    subscriptions.unsubscribe(engine, sub.id)
    assert deliver(engine, port).sent == 0 and inbox.messages == []
    with Session(engine) as s:
        assert s.exec(select(Subscription)).one().unsubscribed_at is not None


def test_the_send_rate_is_kept(sqlite_engine: Engine) -> None:
    seed(sqlite_engine)
    for n in range(3):
        subscriptions.subscribe(sqlite_engine, f"r{n}@example.org", JUSTICE, confirmed=True)
    config = mail_config(rate=2.0)  # two a minute
    outbox.queue_digests(sqlite_engine, config, [Frequency.WEEKLY], NOW)
    sent: list[str] = []
    waits: list[float] = []

    class Recorder:
        def send(self, sender: str, recipient: str, data: bytes) -> None:
            sent.append(recipient)

    outbox.deliver(sqlite_engine, config, Recorder(), sleep=waits.append)
    assert len(sent) == 3 and len(waits) == 2
    assert all(25 < w <= 30 for w in waits)


def test_nothing_is_queued_without_a_secret(sqlite_engine: Engine) -> None:
    seed(sqlite_engine)
    subscriptions.subscribe(sqlite_engine, "a@example.org", JUSTICE, confirmed=True)
    with pytest.raises(tokens.MissingSecret):
        outbox.queue_digests(sqlite_engine, mail_config(secret=None), [Frequency.WEEKLY], NOW)
    with Session(sqlite_engine) as s:
        assert s.exec(select(Delivery)).all() == []


def test_a_preview_writes_files_and_records_nothing(sqlite_engine: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed(sqlite_engine)
    subscriptions.subscribe(sqlite_engine, "a@example.org", JUSTICE, confirmed=True)
    result = outbox.queue_digests(sqlite_engine, mail_config(), [Frequency.WEEKLY], NOW, preview=tmp_path)
    assert sorted(p.suffix for p in result.previews) == [".eml", ".html"]
    assert "Weekoverzicht" in (tmp_path / "digest-1-2015-W28.html").read_text()
    assert outbox.queue_digests(sqlite_engine, mail_config(), [Frequency.WEEKLY], NOW).composed == 1


@pytest.mark.parametrize(
    ("now", "frequency", "key"),
    [
        (datetime(2015, 7, 6, 4, 59, tzinfo=UTC), Frequency.WEEKLY, "2015-W27"),  # Monday 06:59 CEST
        (datetime(2015, 7, 6, 5, 0, tzinfo=UTC), Frequency.WEEKLY, "2015-W28"),  # Monday 07:00 CEST
        (datetime(2015, 1, 5, 6, 0, tzinfo=UTC), Frequency.WEEKLY, "2015-W02"),  # Monday 07:00 CET
        (datetime(2015, 7, 11, 12, 0, tzinfo=UTC), Frequency.DAILY, "2015-07-10"),  # Saturday: Friday's
        (datetime(2015, 7, 13, 4, 0, tzinfo=UTC), Frequency.DAILY, "2015-07-10"),  # Monday 06:00: Friday's
        (datetime(2015, 7, 13, 5, 0, tzinfo=UTC), Frequency.DAILY, "2015-07-13"),
    ],
    ids=["before-monday-7", "monday-7-summer", "monday-7-winter", "saturday", "monday-early", "monday-7"],
)
def test_the_period_whose_digest_is_due(now: datetime, frequency: Frequency, key: str) -> None:
    assert current_period(now, frequency).key == key


def test_dates_are_dutch() -> None:
    assert dutch_date(date(2015, 7, 2)) == "2 juli 2015"
    assert dutch_date(datetime(2015, 12, 31, 23, 30, tzinfo=UTC)) == "1 januari 2016"  # Amsterdam's day


def test_a_forged_or_foreign_token_is_refused() -> None:
    token = tokens.make(SECRET, tokens.Purpose.UNSUBSCRIBE, 7)
    assert tokens.read(SECRET, tokens.Purpose.UNSUBSCRIBE, token) == 7
    with pytest.raises(tokens.BadToken):
        tokens.read("another-secret-entirely-here", tokens.Purpose.UNSUBSCRIBE, token)
    with pytest.raises(tokens.BadToken):
        tokens.read(SECRET, tokens.Purpose.UNSUBSCRIBE, token[:-2] + "xx")
    with pytest.raises(tokens.MissingSecret):
        tokens.make("short", tokens.Purpose.UNSUBSCRIBE, 7)


def test_a_refusal_is_told_apart_from_an_unreachable_server(smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    inbox.refuse.add("weg@example.org")
    with SmtpTransport(mail_config(port)) as transport, pytest.raises(Refused):
        transport.send("digest@example.org", "weg@example.org", b"Subject: x\r\n\r\nx\r\n")
