"""Status rules: the register's vocabulary, what a commitment's status is, and when it is overdue.

Pure: values in, values out. The stored status is one of `STORED`; `overdue` is derived from `due` and
today and never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from db.vocabulary import Status, StatusSource

OPEN, OVERDUE, FULFILLED, PARTLY, LAPSED = (
    Status.OPEN,
    Status.OVERDUE,
    Status.FULFILLED,
    Status.PARTLY_FULFILLED,
    Status.LAPSED,
)
STORED = (OPEN, FULFILLED, PARTLY, LAPSED)

# The register's values drift (users-and-anchors.md §2.1): the XSD's four, and what consumers saw later.
REGISTER_STATUS = {
    "openstaand": OPEN,
    "voldaan": FULFILLED,
    "afgedaan": FULFILLED,
    "nagekomen": FULFILLED,
    "deels voldaan": PARTLY,
    "deels afgedaan": PARTLY,
    "vervallen": LAPSED,
    "niet nagekomen": LAPSED,
}


def register_status(raw: str | None) -> Status:
    """Map a register value to ours; unknown values (kept verbatim elsewhere) count as open."""
    return REGISTER_STATUS.get(" ".join((raw or "").lower().split()), OPEN)


def is_known_register_status(raw: str | None) -> bool:
    return raw is None or " ".join(raw.lower().split()) in REGISTER_STATUS


@dataclass(frozen=True)
class Link:
    """An accepted fulfilment, as far as status derivation cares."""

    partial: bool
    by_register: bool  # the register's own KamerbriefNakoming
    by_person: bool


@dataclass(frozen=True)
class Derived:
    status: Status
    source: StatusSource


def derive(*, from_register: bool, register_raw: str | None, accepted: Iterable[Link]) -> Derived:
    """The machine's status for a commitment (a person's decision is applied before this is asked).

    The register decides when it says anything but open: it is authoritative for what it covers. An
    "Openstaand" register entry is often just not updated yet, so an accepted fulfilment still counts.
    """
    mapped = register_status(register_raw) if from_register else OPEN
    if mapped != OPEN:
        return Derived(mapped, StatusSource.REGISTER)
    links = list(accepted)
    if not links:
        return Derived(OPEN, StatusSource.REGISTER if from_register else StatusSource.DETECTED)
    status = FULFILLED if any(not link.partial for link in links) else PARTLY
    deciding = [link for link in links if not link.partial] or links
    if any(link.by_person for link in deciding):
        return Derived(status, StatusSource.PERSON)
    if any(link.by_register for link in deciding):
        return Derived(status, StatusSource.REGISTER)
    return Derived(status, StatusSource.DETECTED)


def effective(status: str, due: date | None, today: date) -> str:
    """The status shown: an open commitment whose due date has passed is overdue."""
    if status == OPEN and due is not None and due < today:
        return OVERDUE
    return status
