"""Status rules: the register's vocabulary, derivation from links, and overdue as a derived state."""

from __future__ import annotations

from datetime import date

import pytest

from tracker import status as st


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
