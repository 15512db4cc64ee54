"""The dashboard's pure parts: Dutch formatting, the URL contract both ways, editor accounts, exports."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from openpyxl import load_workbook

from dashboard import accounts, exports, filters
from dashboard import format as fmt
from db.vocabulary import Source, Status, StatusSource
from toezeggingen.cli import main
from tracker.queries import CommitmentFilter, CommitmentRow

# --------------------------------------------------------------------------- formatting


@pytest.mark.parametrize(
    ("value", "shown"),
    [(date(2015, 7, 2), "2 juli 2015"), ("2014-12-16", "16 december 2014"), (None, "—"), ("later", "later")],
)
def test_dates_are_dutch(value: object, shown: str) -> None:
    assert fmt.date_nl(value) == shown  # type: ignore[arg-type]


def test_times_are_amsterdam_time() -> None:
    assert fmt.datetime_nl(datetime(2015, 7, 2, 12, 5, tzinfo=UTC)) == "2 juli 2015 14:05"


def test_numbers_are_dutch() -> None:
    assert fmt.number_nl(1234567) == "1.234.567"
    assert fmt.number_nl(1234.5, 1) == "1.234,5"
    assert fmt.percent_nl(0.873) == "87%"
    assert fmt.percent_nl(None) == "—"


def test_every_status_has_its_dutch_word() -> None:
    assert [fmt.STATUS[s] for s in Status] == [
        "openstaand",
        "te laat",
        "voldaan",
        "deels voldaan",
        "vervallen",
    ]
    assert fmt.status_word("overdue") == "te laat"


@given(st.text())
def test_escaped_markdown_leaves_no_ascii_punctuation_unescaped(text: str) -> None:
    escaped = fmt.escape_md(text)
    unescaped = escaped.replace("\\\\", "").replace("\\", "")
    assert unescaped == " ".join(text.split()).replace("\\", "")
    for i, ch in enumerate(escaped):
        if ch in "<>[]()*_`$:#!|&" and (i == 0 or escaped[i - 1] != "\\"):
            pytest.fail(f"{ch!r} unescaped in {escaped!r}")


def test_the_deadline_phrase_is_marked_whatever_its_case_and_spacing() -> None:
    text = "Ik stuur u  Voor de\nzomer 2015 een <b>brief</b>."
    assert fmt.marked(text, "voor de zomer 2015") == (
        r"Ik stuur u :orange-background[**Voor de zomer 2015**] een \<b\>brief\<\/b\>\."
    )
    assert fmt.marked("Geen termijn.", "in maart") == r"Geen termijn\."


# --------------------------------------------------------------------------- the URL contract


def test_every_parameter_of_the_contract_is_read() -> None:
    view, error = filters.table_view(
        {
            "status": ["open", "overdue"],
            "ministerie": ["Financiën"],
            "bewindspersoon": ["Struycken"],
            "commissie": ["J&V"],
            "dossier": ["28638"],
            "bron": ["debate"],
            "toegezegd_aan": ["GroenLinks-PvdA"],
            "q": ["mensenhandel"],
            "due_van": ["2025-01-01"],
            "due_tot": ["2025-12-31"],
            "sort": ["-due"],
            "pagina": ["3"],
            "onbekend": ["genegeerd"],
        }
    )
    assert error is None
    assert view == filters.TableView(
        CommitmentFilter(
            statuses=(Status.OPEN, Status.OVERDUE),
            ministries=("Financiën",),
            ministers=("Struycken",),
            committees=("J&V",),
            dossiers=("28638",),
            sources=(Source.DEBATE,),
            made_to=("GroenLinks-PvdA",),
            text="mensenhandel",
            due_from=date(2025, 1, 1),
            due_to=date(2025, 12, 31),
        ),
        "-due",
        3,
    )


@pytest.mark.parametrize(
    "params",
    [
        {"status": ["later"]},
        {"bron": ["krant"]},
        {"due_van": ["1 juli"]},
        {"due_van": ["2025-02-01"], "due_tot": ["2025-01-01"]},
        {"pagina": ["0"]},
        {"pagina": ["twee"]},
        {"sort": ["random()"]},
        {"vaag": ["misschien"]},
        {"schaduw": ["soms"]},
    ],
)
def test_a_bad_value_gives_the_unfiltered_view_and_a_dutch_message(params: dict[str, list[str]]) -> None:
    view, error = filters.table_view(params)
    assert view == filters.TableView()
    assert error and "’" in error


views = st.builds(
    filters.TableView,
    flt=st.builds(
        CommitmentFilter,
        statuses=st.lists(st.sampled_from(list(Status)), unique=True).map(tuple),
        ministries=st.lists(st.text(min_size=1).map(str.strip).filter(bool), unique=True).map(tuple),
        sources=st.lists(st.sampled_from(list(Source)), unique=True).map(tuple),
        status_sources=st.lists(st.sampled_from(list(StatusSource)), unique=True).map(tuple),
        text=st.text().map(lambda t: " ".join(t.split())),
        due_from=st.none() | st.dates(max_value=date(2030, 1, 1)),
        vague=st.none() | st.booleans(),
        shadow=st.none() | st.booleans(),
    ),
    sort=st.sampled_from(["due", "-due", "made_on", "status"]),
    page=st.integers(1, 1000),
)


@given(views)
def test_a_view_survives_the_round_trip_through_its_query_string(view: filters.TableView) -> None:
    back, error = filters.table_view(filters.table_params(view))
    assert error is None
    assert back == view


def test_query_strings_repeat_a_parameter_per_value() -> None:
    params = filters.table_params(filters.TableView(CommitmentFilter(statuses=(Status.OPEN, Status.OVERDUE))))
    assert filters.query_string(params) == "?status=open&status=overdue"


def test_the_other_pages_read_their_parameters() -> None:
    assert filters.queue_view({"ministerie": ["Financiën"], "pagina": ["2"]}) == (
        filters.QueueView("Financiën", 2),
        None,
    )
    assert filters.letters_view({"van": ["2015-01-01"], "tot": ["2014-01-01"]})[1]
    assert filters.commitment_id({"id": ["42"]}) == (42, None)
    assert filters.commitment_id({"id": ["42; drop"]})[0] is None


# --------------------------------------------------------------------------- accounts


def test_editor_accounts_hold_hashes_and_check_passwords() -> None:
    setting = accounts.entry("anna", "correct horse") + ", " + accounts.entry("bert.de-wit", "x")
    found = accounts.parse(setting)
    assert set(found) == {"anna", "bert.de-wit"}
    assert "correct horse" not in setting
    assert accounts.check(found, "anna", "correct horse")
    assert not accounts.check(found, "anna", "correct")
    assert not accounts.check(found, "carla", "correct horse")


@pytest.mark.parametrize("setting", ["anna:geheim", "anna", "anna:$argon2id$v=19$x$y, bert:plain"])
def test_a_password_in_the_setting_is_refused(setting: str) -> None:
    with pytest.raises(accounts.AccountsError):
        accounts.parse(setting)


def test_the_command_prints_an_entry_for_the_setting(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret wachtwoord\n"))
    assert main(["editor-hash", "anna", "--password-stdin"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("anna:$argon2id$")
    assert accounts.check(accounts.parse(line), "anna", "s3cret wachtwoord")


# --------------------------------------------------------------------------- exports


def row(n: int, **values: object) -> CommitmentRow:
    base: dict[str, object] = dict(
        id=n, source=Source.LETTER, register_number=None, text=f"Ik stuur u brief {n}.", quote=None,
        minister="I.W. Opstelten", ministry="Veiligheid en Justitie", made_on=date(2014, 12, 16),
        made_in="Kamerstuk 28638, nr. 128", document_id="d", kamerstuk="28638-128", dossier="28638",
        committee=None, deadline_text="voor de zomer", due=date(2015, 7, 2), earliest=None, register_due=None,
        text_due=date(2015, 7, 2), status=Status.OVERDUE, stored_status=Status.OPEN,
        status_source=StatusSource.DETECTED, register_status=None, in_register=False, vague=False,
        conditional=False, confidence=0.9,
    )  # fmt: skip
    base.update(values)
    return CommitmentRow(**base)  # type: ignore[arg-type]


ROWS = [row(1), row(2, due=None, text='=HYPERLINK("http://x")'), row(3, status=Status.FULFILLED)]


def test_csv_is_for_dutch_excel_and_keeps_formulas_as_text() -> None:
    data = exports.to_csv(ROWS)
    assert data.startswith("\ufeff".encode())
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert records[0] == list(exports.COLUMNS)
    assert [r[0] for r in records[1:]] == ["1", "2", "3"]
    assert records[1][10] == "te laat"
    assert records[2][3].startswith("'=")


def test_excel_has_a_row_per_commitment_with_real_dates() -> None:
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(ROWS))).active
    assert sheet is not None
    values = list(sheet.values)
    assert values[0] == exports.COLUMNS
    assert len(values) == 4
    assert values[1][9].date() == date(2015, 7, 2)  # type: ignore[union-attr]


def test_the_calendar_has_an_all_day_event_per_due_date() -> None:
    cal = Calendar.from_ical(exports.to_ics(ROWS, "https://toezeggingen.example/"))
    events = cal.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["toezegging-1@toezeggingen", "toezegging-3@toezeggingen"]
    assert events[0].decoded("dtstart") == date(2015, 7, 2)
    assert str(events[0]["url"]) == "https://toezeggingen.example/toezegging?id=1"
