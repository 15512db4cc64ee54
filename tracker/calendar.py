"""The parliamentary calendar: recesses, Prinsjesdag, Verantwoordingsdag and friends.

Pure: recess dates come from the packaged `data/recesses.csv`; a year missing from it is filled by the
convention's rule (first Friday on or after a fixed day, a fixed length) and marked `inferred`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

# recess -> (month, day the first Friday is searched from, days from the Friday to the closing Monday)
RULES: dict[str, tuple[int, int, int]] = {
    "voorjaarsreces": (2, 13, 10),
    "meireces": (4, 20, 17),
    "zomerreces": (7, 2, 59),
    "herfstreces": (10, 11, 10),
    "kerstreces": (12, 18, 24),
}
# the order recesses follow each other within a calendar year
CYCLE = ("voorjaarsreces", "meireces", "zomerreces", "herfstreces", "kerstreces")
ALIASES = {"krokusreces": "voorjaarsreces", "kerstvakantie": "kerstreces", "zomervakantie": "zomerreces"}
FRIDAY, TUESDAY, WEDNESDAY = 4, 1, 2


@dataclass(frozen=True)
class Recess:
    name: str
    start: date  # the Friday the recess begins
    end: date  # the Monday it ends; the Kamer sits again the day after
    inferred: bool = False
    source: str = ""

    @property
    def last_sitting_day(self) -> date:
        """The day before the recess: the due date of "voor het X-reces"."""
        return self.start - timedelta(days=1)

    @property
    def first_sitting_day(self) -> date:
        """The Tuesday after the recess."""
        return self.end + timedelta(days=1)


@cache
def _table() -> dict[tuple[str, int], Recess]:
    text = resources.files("tracker.data").joinpath("recesses.csv").read_text(encoding="utf-8")
    rows: dict[tuple[str, int], Recess] = {}
    for row in csv.DictReader(text.splitlines()):
        start = date.fromisoformat(row["start"])
        end = date.fromisoformat(row["end"])
        rows[(row["recess"], start.year)] = Recess(row["recess"], start, end, False, row["source"])
    return rows


def canonical(name: str) -> str:
    name = name.lower()
    return ALIASES.get(name, name)


def first_weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    return first_weekday_on_or_after(date(year, month, 1), weekday) + timedelta(weeks=n - 1)


@cache
def recess(name: str, year: int) -> Recess | None:
    """The recess `name` that starts in `year`: from the table, else by the rule (None for a verkiezingsreces
    the table does not know)."""
    name = canonical(name)
    known = _table().get((name, year))
    if known:
        return known
    if name not in RULES:
        return None
    month, day, length = RULES[name]
    start = first_weekday_on_or_after(date(year, month, day), FRIDAY)
    end = start + timedelta(days=length)
    for other in _table().values():
        if (
            other.start <= end and start <= other.end
        ):  # absorbed: the 2025 verkiezingsreces took the herfstreces
            return Recess(
                name, other.start, other.end, False, f"coincides with the {other.name} ({other.source})"
            )
    return Recess(name, start, end, inferred=True, source="rule")


def recesses_in(year: int) -> list[Recess]:
    """Every recess starting in `year`, in date order (a verkiezingsreces only when the table has one)."""
    found = [r for name in (*CYCLE, "verkiezingsreces") if (r := recess(name, year))]
    return sorted(found, key=lambda r: (r.start, r.name not in CYCLE))


def next_recess(after: date, names: tuple[str, ...] | None = None) -> Recess:
    """The first recess (optionally among `names`) that starts after `after`."""
    for year in (after.year, after.year + 1):
        for r in recesses_in(year):
            if r.start > after and (names is None or r.name in names):
                return r
    raise AssertionError("every year has a kerstreces")  # pragma: no cover


def prinsjesdag(year: int) -> date:
    """Third Tuesday of September: Troonrede, Miljoenennota and the budget."""
    return nth_weekday(year, 9, TUESDAY, 3)


def verantwoordingsdag(year: int) -> date:
    """Third Wednesday of May: the annual reports (jaarverslagen)."""
    return nth_weekday(year, 5, WEDNESDAY, 3)


def voorjaarsnota(year: int) -> date:
    """The convention's date for the Voorjaarsnota (its legal deadline is before 1 June)."""
    return date(year, 6, 1)


def najaarsnota(year: int) -> date:
    """The convention's date for the Najaarsnota (its legal deadline is before 1 December)."""
    return date(year, 11, 30)


def budget_debate(year: int) -> date:
    """The convention's date for a department's begrotingsbehandeling when the real one is unknown."""
    return date(year, 10, 31)
