"""The parliamentary calendar: known recesses, the rule for missing years, the fixed days."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tracker import calendar as pc

PACKAGED = Path(pc.__file__).parent / "data" / "recesses.csv"
ROWS = list(csv.DictReader(PACKAGED.read_text(encoding="utf-8").splitlines()))


def test_the_packaged_recess_table_is_the_shared_one() -> None:
    shared = SHARED / "calendar" / "recesses.csv"
    if not shared.exists():
        pytest.skip(f"comparing with the shared table needs ../shared ({shared})")
    assert PACKAGED.read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['recess']}-{r['start'][:4]}")
def test_a_recess_in_the_table_is_taken_from_it_and_not_inferred(row: dict[str, str]) -> None:
    found = pc.recess(row["recess"], int(row["start"][:4]))
    assert found is not None
    assert (found.start, found.end) == (date.fromisoformat(row["start"]), date.fromisoformat(row["end"]))
    assert not found.inferred


@pytest.mark.parametrize(
    "row", [r for r in ROWS if r["recess"] in pc.RULES], ids=lambda r: f"{r['recess']}-{r['start'][:4]}"
)
def test_the_rule_for_missing_years_reproduces_every_known_recess(row: dict[str, str]) -> None:
    month, day, length = pc.RULES[row["recess"]]
    start = pc.first_weekday_on_or_after(date(int(row["start"][:4]), month, day), pc.FRIDAY)
    assert start.isoformat() == row["start"]
    assert (start + timedelta(days=length)).isoformat() == row["end"]


@pytest.mark.parametrize(
    ("name", "year", "start", "end"),
    [
        ("kerstreces", 2014, date(2014, 12, 19), date(2015, 1, 12)),
        ("voorjaarsreces", 2015, date(2015, 2, 13), date(2015, 2, 23)),
        ("meireces", 2015, date(2015, 4, 24), date(2015, 5, 11)),
        ("zomerreces", 2015, date(2015, 7, 3), date(2015, 8, 31)),
        ("herfstreces", 2015, date(2015, 10, 16), date(2015, 10, 26)),
        ("krokusreces", 2015, date(2015, 2, 13), date(2015, 2, 23)),
    ],
)
def test_a_year_missing_from_the_table_is_inferred_by_the_rule(
    name: str, year: int, start: date, end: date
) -> None:
    found = pc.recess(name, year)
    assert found is not None
    assert (found.start, found.end, found.inferred) == (start, end, True)
    assert found.start.weekday() == pc.FRIDAY and found.end.weekday() == 0


def test_a_verkiezingsreces_exists_only_where_the_table_has_one() -> None:
    assert pc.recess("verkiezingsreces", 2025) is not None
    assert pc.recess("verkiezingsreces", 2024) is None


def test_the_day_before_and_after_a_recess_are_the_last_and_first_sitting_days() -> None:
    summer = pc.recess("zomerreces", 2015)
    assert summer is not None
    assert summer.last_sitting_day == date(2015, 7, 2)  # a Thursday
    assert summer.first_sitting_day == date(2015, 9, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("year", "prinsjesdag", "verantwoordingsdag"),
    [
        (2013, date(2013, 9, 17), date(2013, 5, 15)),
        (2014, date(2014, 9, 16), date(2014, 5, 21)),
        (2015, date(2015, 9, 15), date(2015, 5, 20)),
        (2016, date(2016, 9, 20), date(2016, 5, 18)),
        (2024, date(2024, 9, 17), date(2024, 5, 15)),
        (2025, date(2025, 9, 16), date(2025, 5, 21)),
        (2026, date(2026, 9, 15), date(2026, 5, 20)),
    ],
)
def test_prinsjesdag_and_verantwoordingsdag_are_the_third_tuesday_and_wednesday(
    year: int, prinsjesdag: date, verantwoordingsdag: date
) -> None:
    assert pc.prinsjesdag(year) == prinsjesdag
    assert pc.verantwoordingsdag(year) == verantwoordingsdag


def test_the_next_recess_after_a_day_follows_the_cycle() -> None:
    assert pc.next_recess(date(2014, 12, 16)).name == "kerstreces"
    assert pc.next_recess(date(2014, 12, 19)).name == "voorjaarsreces"
    assert pc.next_recess(date(2025, 9, 1)).start == date(2025, 10, 3)
    assert pc.next_recess(date(2025, 10, 3), names=pc.CYCLE).name == "kerstreces"


def test_a_recess_the_rule_would_put_inside_a_known_recess_takes_its_dates() -> None:
    autumn = pc.recess("herfstreces", 2025)  # the 2025 verkiezingsreces took its place
    assert autumn is not None
    assert (autumn.start, autumn.end, autumn.inferred) == (date(2025, 10, 3), date(2025, 10, 29), False)
