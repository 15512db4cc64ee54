"""`toezeggingen export`: the interface's fields, overdue derived, filters, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from sqlalchemy.engine import Engine

from tests.track_factories import fixed, seed_analysis, seed_mensenhandel
from toezeggingen import cli
from toezeggingen.settings import get_settings
from tracker.export import FIELDS, export_rows
from tracker.track import track

INTERFACE_FIELDS = [
    "id",
    "source",
    "register_number",
    "text",
    "minister",
    "ministry",
    "made_on",
    "document",
    "deadline_text",
    "due",
    "status",
    "fulfilled_by",
    "status_source",
    "made_to",  # issue 11: to whom it was promised, ";"-joined in CSV
    "quotes",  # issue 11: the bewindspersoon's own words restating it (debates, later letters), one a line
    "restated_in",  # issue 11: the letters that restated it
]


@pytest.fixture
def tracked(engine: Engine) -> Engine:
    seed_mensenhandel(engine)
    track(engine, date(2015, 1, 10), analyser=fixed(seed_analysis()), extractor_version="t1")
    return engine


def test_every_row_has_the_interfaces_fields(tracked: Engine) -> None:
    assert FIELDS == INTERFACE_FIELDS
    rows = export_rows(tracked, today=date(2015, 1, 10))
    assert len(rows) == 7
    assert all(set(INTERFACE_FIELDS) <= set(r) for r in rows)
    assert {r["source"] for r in rows} == {"register", "letter"}
    assert {r["status_source"] for r in rows} == {"register", "detected"}


def test_a_fulfilled_register_entry_shows_the_letter_and_the_meeting(tracked: Engine) -> None:
    row = next(
        r for r in export_rows(tracked, today=date(2015, 1, 10)) if r["register_number"] == "TZ201310-101"
    )
    assert row["status"] == "fulfilled"
    assert row["fulfilled_by"] == ["2014D45830"]
    assert row["made_on"] == "2013-10-31"
    assert row["document"] == "Algemeen overleg Mensenhandel en prostitutie 2013-10-31"
    assert row["minister"] == "I.W. Opstelten" and row["ministry"] == "Veiligheid en Justitie"  # one name


@pytest.mark.parametrize(
    ("status", "today", "count"),
    [
        ("overdue", date(2015, 1, 10), 0),
        ("overdue", date(2015, 4, 1), 1),
        ("overdue", date(2015, 7, 3), 3),
        ("open", date(2015, 7, 3), 0),
        ("open", date(2015, 1, 10), 3),
        ("fulfilled", date(2015, 1, 10), 4),
        ("lapsed", date(2015, 1, 10), 0),
    ],
)
def test_the_status_filter_uses_overdue_derived_from_today(
    tracked: Engine, status: str, today: date, count: int
) -> None:
    rows = export_rows(tracked, status=status, today=today)
    assert len(rows) == count
    assert all(r["status"] == status for r in rows)


def test_the_ministry_filter_matches_part_of_the_name_in_any_case(tracked: Engine) -> None:
    rows = export_rows(tracked, ministry="infrastructuur", today=date(2015, 1, 10))
    assert [r["register_number"] for r in rows] == ["TZ201406-200"]


def test_the_command_prints_csv_and_json(
    tracked: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", tracked.url.render_as_string(hide_password=False))
    get_settings.cache_clear()
    try:
        assert cli.main(["export", "--format", "json", "--status", "fulfilled", "--today", "2015-01-10"]) == 0
        rows = json.loads(capsys.readouterr().out)
        assert len(rows) == 4 and rows[0]["fulfilled_by"] == ["2014D45830"]
        assert cli.main(["export", "--ministry", "Veiligheid", "--today", "2015-07-03"]) == 0
        table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    finally:
        get_settings.cache_clear()
    assert list(table[0]) == INTERFACE_FIELDS
    assert sorted(r["status"] for r in table) == ["fulfilled"] * 4 + ["overdue"] * 2
