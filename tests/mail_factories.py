"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives and refuses chosen addresses,
and small factories for commitments, subscriptions and mail settings."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from itertools import count
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy.engine import Engine

from db.engine import session_scope
from db.models import Commitment, Fulfilment
from db.vocabulary import LinkState, Source, Status, StatusSource
from tracker.mail import MailConfig

SECRET = "test-secret-that-is-long-enough"
_keys = count(1)


class Inbox:
    """The aiosmtpd handler: messages as parsed, and addresses to refuse with 550."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = BytesParser(policy=policy.default).parsebytes(envelope.content)
        assert isinstance(msg, EmailMessage)
        self.messages.append(msg)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(name="smtp")
def smtp_fixture() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on 127.0.0.1 and a free port: (what it received, its port)."""
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def mail_config(port: int = 0, **kw: Any) -> MailConfig:
    values: dict[str, Any] = {
        "dashboard_url": "https://toezeggingen.example.org",
        "sender": "Toezeggingen <digest@example.org>",
        "secret": SECRET,
        "host": "127.0.0.1" if port else None,
        "port": port,
        "rate": 10_000.0,
        "timeout": 5.0,
    }
    values.update(kw)
    return MailConfig(**values)


def add(engine: Engine, **values: object) -> int:
    """A commitment with sensible defaults; returns its id."""
    n = next(_keys)
    base: dict[str, object] = {
        "key": f"mail-test:{n}",
        "source": Source.LETTER,
        "text": f"Ik stuur u de rapportage nummer {n}.",
        "ministry": "Veiligheid en Justitie",
        "minister": "I.W. Opstelten",
        "made_on": date(2014, 1, 1),
        "made_in": "Kamerstuk 28638, nr. 128",
        "status": Status.OPEN,
        "status_source": StatusSource.DETECTED,
        "created_at": datetime(2015, 1, 1, tzinfo=UTC),
    }
    base.update(values)
    with session_scope(engine) as s:
        c = Commitment.model_validate(base)
        s.add(c)
        s.flush()
        assert c.id is not None
        return c.id


def link(engine: Engine, cid: int, doc: str, state: LinkState = LinkState.ACCEPTED, **values: Any) -> int:
    with session_scope(engine) as s:
        f = Fulfilment(
            commitment_id=cid,
            document_id=doc,
            document_number=values.pop("number", doc.upper()),
            method="phrase",
            state=state,
            **values,
        )
        s.add(f)
        s.flush()
        assert f.id is not None
        return f.id
