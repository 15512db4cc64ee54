"""Status rules: the register's vocabulary, derivation from links, and overdue as a derived state."""

from __future__ import annotations

from datetime import date

import pytest

from tracker import status as st
from tracker.figures import Row, compute


@pytest.mark.parametrize(
    ("raw", "mapped"),
    [
        ("Openstaand", "open"),
        ("Voldaan", "fulfilled"),
        ("Afgedaan", "fulfilled"),
        ("Nagekomen", "fulfilled"),
        ("Deels Voldaan", "partly_fulfilled"),
        ("Deels  afgedaan", "partly_fulfilled"),
        ("Vervallen", "lapsed"),
        ("Niet nagekomen", "lapsed"),
        ("Verzoek tot verlenging", "open"),
        (None, "open"),
    ],
)
def test_register_statuses_map_to_ours_and_unknown_ones_count_as_open(raw: str | None, mapped: str) -> None:
    assert st.register_status(raw) == mapped


def test_an_unknown_register_status_is_recognised_as_unknown() -> None:
    assert not st.is_known_register_status("Verzoek tot verlenging")
    assert st.is_known_register_status("Deels Afgedaan")


DETECTED = st.Link(partial=False, by_register=False, by_person=False)
PARTIAL = st.Link(partial=True, by_register=False, by_person=False)
REGISTER = st.Link(partial=False, by_register=True, by_person=False)
PERSON = st.Link(partial=False, by_register=False, by_person=True)


@pytest.mark.parametrize(
    ("from_register", "raw", "links", "expected"),
    [
        (True, "Openstaand", [], ("open", "register")),
        (False, None, [], ("open", "detected")),
        (True, "Voldaan", [], ("fulfilled", "register")),
        (True, "Vervallen", [DETECTED], ("lapsed", "register")),
        (True, "Deels Voldaan", [DETECTED], ("partly_fulfilled", "register")),
        (True, "Openstaand", [DETECTED], ("fulfilled", "detected")),
        (True, "Openstaand", [REGISTER], ("fulfilled", "register")),
        (False, None, [PARTIAL], ("partly_fulfilled", "detected")),
        (False, None, [PARTIAL, DETECTED], ("fulfilled", "detected")),
        (False, None, [PERSON], ("fulfilled", "person")),
    ],
)
def test_status_follows_the_register_then_the_accepted_links(
    from_register: bool, raw: str | None, links: list[st.Link], expected: tuple[str, str]
) -> None:
    derived = st.derive(from_register=from_register, register_raw=raw, accepted=links)
    assert (derived.status, derived.source) == expected


@pytest.mark.parametrize(
    ("status", "due", "today", "shown"),
    [
        ("open", date(2015, 7, 2), date(2015, 7, 2), "open"),
        ("open", date(2015, 7, 2), date(2015, 7, 3), "overdue"),
        ("open", None, date(2030, 1, 1), "open"),
        ("fulfilled", date(2015, 7, 2), date(2015, 7, 3), "fulfilled"),
        ("partly_fulfilled", date(2015, 7, 2), date(2015, 7, 3), "partly_fulfilled"),
    ],
)
def test_an_open_commitment_is_overdue_only_after_its_due_date(
    status: str, due: date, today: date, shown: str
) -> None:
    assert st.effective(status, due, today) == shown


def _row(i: int, ministry: str, status: str, due: date | None, fulfilled_on: date | None = None) -> Row:
    return Row(i, ministry, None, status, date(2014, 1, i), due, fulfilled_on, f"c{i}")


def test_figures_count_open_overdue_on_time_and_late_per_ministry() -> None:
    rows = [
        _row(1, "VenJ", "open", date(2015, 1, 1)),  # overdue
        _row(2, "VenJ", "open", None),
        _row(3, "VenJ", "fulfilled", date(2015, 1, 1), date(2014, 12, 16)),  # on time
        _row(4, "VenJ", "fulfilled", date(2015, 1, 1), date(2015, 1, 11)),  # 10 days late
        _row(5, "VenJ", "fulfilled", date(2015, 1, 1), date(2015, 1, 31)),  # 30 days late
        _row(6, "IenM", "lapsed", date(2015, 1, 1)),
    ]
    venj, ienm = compute(rows, date(2015, 2, 1))
    assert (venj.group, venj.open, venj.overdue, venj.fulfilled_on_time, venj.fulfilled_late) == (
        "VenJ",
        2,
        1,
        1,
        2,
    )
    assert venj.median_days_late == 20.0
    assert venj.oldest_open_id == 1
    assert (ienm.open, ienm.median_days_late, ienm.oldest_open_id) == (0, None, None)


def test_figures_group_by_minister_too() -> None:
    rows = [
        Row(1, "VenJ", "Opstelten", "open", None, None, None),
        Row(2, "VenJ", "Teeven", "open", None, None, None),
    ]
    assert [f.group for f in compute(rows, date(2015, 1, 1), by="minister")] == ["Opstelten", "Teeven"]
