"""Messages and their transport: Jinja2 templates (autoescaped) with CSS inlined, MIME, and SMTP.

Rendering is pure (a composed `tracker.digest.Message` in, bytes out). Every message carries a one-click
unsubscribe link with a signed token, as a link in the text and as `List-Unsubscribe` plus
`List-Unsubscribe-Post` headers (RFC 8058), and a Message-ID derived from what it is (kind,
subscription, period), so sending it again after a crash repeats the same message.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any
from urllib.parse import urlencode

import css_inline
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from tracker import tokens
from tracker.digest import Message

log = logging.getLogger(__name__)

_env = Environment(
    loader=PackageLoader("tracker", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_inliner = css_inline.CSSInliner(keep_style_tags=False)
PREVIEW_TOKEN = "VOORBEELD"  # in previews made without a secret: the link shows where the token goes


@dataclass(frozen=True)
class MailConfig:
    dashboard_url: str = "http://localhost:8501"
    sender: str | None = None
    secret: str | None = None
    host: str | None = None
    port: int = 25
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    ssl: bool = False
    rate: float = 60.0  # messages per minute at most
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, settings: Any) -> MailConfig:
        return cls(
            dashboard_url=settings.dashboard_url,
            sender=settings.digest_from,
            secret=settings.secret_key,
            host=settings.smtp_host,
            port=settings.smtp_port,
            user=settings.smtp_user,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
            ssl=settings.smtp_ssl,
            rate=settings.digest_rate,
        )

    @property
    def can_send(self) -> bool:
        return bool(self.host and self.sender)

    @property
    def domain(self) -> str:
        address = parseaddr(self.sender or "")[1]
        return address.rpartition("@")[2] or "toezeggingen.invalid"

    def link(self, page: str, token: str) -> str:
        return f"{self.dashboard_url.rstrip('/')}/{page}?{urlencode({'token': token})}"

    def token(self, purpose: tokens.Purpose, subscription_id: int, *, preview: bool = False) -> str:
        if preview and not self.secret:
            return PREVIEW_TOKEN
        return tokens.make(self.secret, purpose, subscription_id)


def message_id(kind: str, subscription_id: int, period: str, domain: str) -> str:
    """Deterministic: the same message composed again has the same id (dot-atom, RFC 5322)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in period)
    return f"<toezeggingen.{kind}.{subscription_id}.{safe}@{domain}>"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render(msg: Message, unsubscribe_url: str) -> Rendered:
    """The message's subject, plain text and HTML (CSS inlined, for Outlook and webmail alike)."""
    context = {"msg": msg, "unsubscribe_url": unsubscribe_url}
    html = _env.get_template("message.html.j2").render(context)
    text = _env.get_template("message.txt.j2").render(context)
    return Rendered(msg.subject, text, _inliner.inline(html))


def render_confirm(scope: str, frequency: str, confirm_url: str, unsubscribe_url: str) -> Rendered:
    context = {
        "scope": scope,
        "frequency": frequency,
        "confirm_url": confirm_url,
        "unsubscribe_url": unsubscribe_url,
    }
    html = _env.get_template("confirm.html.j2").render(context)
    text = _env.get_template("confirm.txt.j2").render(context)
    return Rendered("Bevestig uw aanmelding voor toezeggingen", text, _inliner.inline(html))


def build(
    config: MailConfig, rendered: Rendered, *, recipient: str, msgid: str, unsubscribe_url: str, at: datetime
) -> bytes:
    """The message as sent: plain text and HTML alternatives, list headers, CRLF line ends."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = config.sender or f"Toezeggingen <noreply@{config.domain}>"
    msg["To"] = recipient
    msg["Subject"] = rendered.subject
    msg["Date"] = format_datetime(at)
    msg["Message-ID"] = msgid
    msg["List-Id"] = f"Toezeggingen <toezeggingen.{config.domain}>"
    msg["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies, please
    msg.set_content(rendered.text, charset="utf-8")
    msg.add_alternative(rendered.html, subtype="html", charset="utf-8")
    return msg.as_bytes()


# --------------------------------------------------------------------------- transport


class SendError(Exception):
    """The message did not go."""


class Refused(SendError):
    """The server refused this recipient or this message: try it again next run; the others go on."""


class Unavailable(SendError):
    """The server cannot be reached or will not talk: stop this run, everything waits for the next."""


class SmtpTransport:
    """One SMTP connection for a run: SSL from the start, or STARTTLS, and a login when configured."""

    def __init__(self, config: MailConfig) -> None:
        if not config.host:
            raise Unavailable("SMTP_HOST is not set")
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        assert c.host is not None
        try:
            if c.ssl:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    c.host, c.port, timeout=c.timeout, context=ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
                if c.starttls:
                    smtp.starttls(context=ssl.create_default_context())
            if c.user:
                smtp.login(c.user, c.password or "")
        except (OSError, smtplib.SMTPException) as exc:
            raise Unavailable(f"cannot talk to {c.host}:{c.port}: {exc}") from exc
        return smtp

    def send(self, sender: str, recipient: str, data: bytes) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.sendmail(parseaddr(sender)[1] or sender, [recipient], data)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reason = next(iter(exc.recipients.values()))
            raise Refused(f"{code} {_text(reason)}") from exc
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            raise Refused(f"{exc.smtp_code} {_text(exc.smtp_error)}") from exc
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise Unavailable(f"lost {self.config.host}: {exc}") from exc

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply
