"""The Dutch a person reads, the same on the dashboard and in the digest: status and source words, dates
("2 juli 2015", Amsterdam time for moments), numbers ("12.345").

Pure: values in, strings out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from db.vocabulary import Source, Status, StatusSource
from tracker.lexicon import MONTHS

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONTH_NAMES = tuple(MONTHS)  # januari .. december, in calendar order
NONE = "—"

STATUS = {
    Status.OPEN: "openstaand",
    Status.OVERDUE: "te laat",
    Status.FULFILLED: "voldaan",
    Status.PARTLY_FULFILLED: "deels voldaan",
    Status.LAPSED: "vervallen",
}
SOURCE = {Source.REGISTER: "register", Source.LETTER: "brief", Source.DEBATE: "debat"}
STATUS_SOURCE = {
    StatusSource.REGISTER: "volgens het register",
    StatusSource.DETECTED: "gedetecteerd",
    StatusSource.PERSON: "vastgesteld door een redacteur",
}


def word(table: Mapping[Any, str], value: str | None) -> str:
    """The Dutch word for a vocabulary value; an unknown value as it is."""
    return table.get(value or "", value or NONE)


def status_word(value: str | None) -> str:
    try:
        return STATUS[Status(value or "")]
    except ValueError:
        return value or NONE


def date_nl(value: date | datetime | str | None) -> str:
    """2 juli 2015; an ISO string is read first; a moment is dated in Amsterdam; None is a dash."""
    if value is None or value == "":
        return NONE
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    if isinstance(value, datetime):
        value = (value.astimezone(AMSTERDAM) if value.tzinfo else value).date()
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def datetime_nl(value: datetime | None) -> str:
    """2 juli 2015 14:05, Amsterdam time (stored times are UTC; naive ones are taken as UTC)."""
    if value is None:
        return NONE
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    local = value.astimezone(AMSTERDAM)
    return f"{date_nl(local)} {local:%H:%M}"


def number_nl(value: float | int | None, decimals: int = 0) -> str:
    """12.345 and 1.234,5: a dot between thousands, a decimal comma."""
    if value is None:
        return NONE
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
