"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives and refuses chosen addresses,
and small factories for commitments, subscriptions and mail settings."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tracker.mail import MailConfig

SECRET = "test-secret-that-is-long-enough"


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
