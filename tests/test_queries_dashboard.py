"""The read layer's counts for the Overzicht page (`due_counts`, `fulfilled_count`), on both databases."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from db.vocabulary import LinkState, Status
from tests.test_queries import add, link
from tracker.queries import CommitmentFilter, due_counts, fulfilled_count

TODAY = date(2015, 2, 1)


def test_due_counts_count_open_commitments_per_day_inside_the_window(engine) -> None:  # type: ignore[no-untyped-def]
    add(engine, due=date(2015, 2, 3))
    add(engine, due=date(2015, 2, 3))
    add(engine, due=date(2015, 2, 10), ministry="Financiën")
    add(engine, due=date(2015, 2, 3), status=Status.FULFILLED)  # done: not a deadline any more
    add(engine, due=date(2015, 1, 31))  # overdue: before the window
    add(engine, due=date(2015, 6, 1))  # after the window
    add(engine, due=None)
    with Session(engine) as s:
        found = due_counts(s, today=TODAY, date_from=TODAY, date_to=date(2015, 3, 1))
        assert found == {date(2015, 2, 3): 2, date(2015, 2, 10): 1}
        only = CommitmentFilter(ministries=("financiën",))
        assert due_counts(s, today=TODAY, date_from=TODAY, date_to=date(2015, 3, 1), flt=only) == {
            date(2015, 2, 10): 1
        }


def test_fulfilled_count_goes_by_the_date_of_the_letter(engine) -> None:  # type: ignore[no-untyped-def]
    recent = add(engine, status=Status.FULFILLED)
    link(engine, recent, "d1", document_date=date(2015, 1, 20))
    partly = add(engine, status=Status.PARTLY_FULFILLED, ministry="Financiën")
    link(engine, partly, "d2", document_date=date(2015, 1, 25), partial=True)
    old = add(engine, status=Status.FULFILLED)
    link(engine, old, "d3", document_date=date(2014, 1, 1))
    proposed = add(engine)
    link(engine, proposed, "d4", LinkState.CANDIDATE, document_date=date(2015, 1, 20))
    with Session(engine) as s:
        assert fulfilled_count(s, today=TODAY, since=date(2015, 1, 2), until=TODAY) == 2
        only = CommitmentFilter(ministries=("Financiën",))
        assert fulfilled_count(s, today=TODAY, since=date(2015, 1, 2), until=TODAY, flt=only) == 1
