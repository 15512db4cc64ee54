"""The closed vocabularies of the tracking tables, as StrEnums (their values are what is stored)."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """A commitment's status as shown; `OVERDUE` is derived from the due date and today, never stored."""

    OPEN = "open"
    OVERDUE = "overdue"
    FULFILLED = "fulfilled"
    PARTLY_FULFILLED = "partly_fulfilled"
    LAPSED = "lapsed"


class StatusSource(StrEnum):
    """Who decided the status: the Kamer's register, the tracker's detection, or a person."""

    REGISTER = "register"
    DETECTED = "detected"
    PERSON = "person"


class Source(StrEnum):
    """Where a commitment was made."""

    REGISTER = "register"
    LETTER = "letter"
    DEBATE = "debate"


class LinkState(StrEnum):
    """A fulfilment link's state."""

    ACCEPTED = "accepted"
    CANDIDATE = "candidate"
    REJECTED = "rejected"


class Method(StrEnum):
    """How a fulfilment link was found."""

    REGISTER = "register"
    REFERENCE = "reference"
    PHRASE = "phrase"
    TOPIC = "topic"
    PERSON = "person"


class RunKind(StrEnum):
    SYNC = "sync"
    TRACK = "track"
    DIGEST = "digest"
    ALERTS = "alerts"
    OUTBOX = "outbox"


class RunState(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class Frequency(StrEnum):
    """How often a subscription's digest comes."""

    WEEKLY = "weekly"
    DAILY = "daily"


class DeliveryKind(StrEnum):
    DIGEST = "digest"
    ALERT = "alert"
    CONFIRM = "confirm"  # the double opt-in's confirmation link


class DeliveryState(StrEnum):
    """A message's way out: written before sending, `sending` while the SMTP conversation runs."""

    PENDING = "pending"  # written, not yet tried, or refused and to be tried again
    SENDING = "sending"  # handed to the server; a crash here leaves it unknown whether it arrived
    SENT = "sent"
    FAILED = "failed"  # refused too often: given up, shown on the Beheer page
    CANCELLED = "cancelled"  # the subscription went before it could be sent
