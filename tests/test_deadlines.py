"""The deadline convention (shared spec deadlines.md and docs/deadlines.md), read from Dutch sentences."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DEVSET
from tracker.deadlines import find_deadline, normalise

D = date(2014, 12, 16)  # the spec's examples are said on this day


def reading(phrase: str, on: date | None = D) -> tuple[str | None, str | None, str | None]:
    found = normalise(phrase, on)
    if found is None:
        return None, None, None
    return found.kind, found.due.isoformat() if found.due else None, found.text


def _rows(*rows: tuple[str, str | None, str | None]) -> list[Any]:
    return [pytest.param(phrase, kind, due, id=phrase) for phrase, kind, due in rows]


# -- one test per row of the spec's table, D = 2014-12-16 ----------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("op 1 juli 2015", "explicit", "2015-07-01"),
        ("per 1 juli 2015", "explicit", "2015-07-01"),
        ("uiterlijk 1 juli 2015", "explicit", "2015-07-01"),
        ("op woensdag 1 juli", "explicit", "2015-07-01"),
        ("uiterlijk 30 april", "explicit", "2015-04-30"),
        ("1-7-2015", "explicit", "2015-07-01"),
    ),
)
def test_on_a_date_is_due_that_day(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("voor 1 maart 2015", "explicit", "2015-02-28"),
        ("vóór 1 maart 2015", "explicit", "2015-02-28"),
        ("Voor 1 januari", "explicit", "2014-12-31"),
        ("uiterlijk voor 1 maart", "explicit", "2015-02-28"),
    ),
)
def test_before_a_date_is_due_the_day_before(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("in maart", "month", "2015-03-31"),
        ("in maart 2015", "month", "2015-03-31"),
        ("eind maart", "month", "2015-03-31"),
        ("ultimo maart", "month", "2015-03-31"),
        ("in de loop van maart", "month", "2015-03-31"),
        ("in maart van volgend jaar", "month", "2015-03-31"),
        ("in december", "month", "2014-12-31"),
        ("mei 2020", "month", "2020-05-31"),
    ),
)
def test_a_month_is_due_on_its_last_day(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("begin maart", "month", "2015-03-10"),
        ("medio maart", "month", "2015-03-20"),
        ("half maart", "month", "2015-03-20"),
        ("halverwege maart", "month", "2015-03-20"),
    ),
)
def test_the_beginning_and_middle_of_a_month_are_the_10th_and_20th(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("in het eerste kwartaal van 2015", "quarter", "2015-03-31"),
        ("in het tweede kwartaal 2015", "quarter", "2015-06-30"),
        ("in het derde kwartaal", "quarter", "2015-09-30"),
        ("in het vierde kwartaal van 2015", "quarter", "2015-12-31"),
        ("in het laatste kwartaal van dit jaar", "quarter", "2014-12-31"),
        ("in het 1e kwartaal", "quarter", "2015-03-31"),
        ("Q1 2015", "quarter", "2015-03-31"),
        ("Q3", "quarter", "2015-09-30"),
    ),
)
def test_a_quarter_is_due_on_its_last_day(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("in de eerste helft van 2015", "half", "2015-06-30"),
        ("in de tweede helft van 2015", "half", "2015-12-31"),
        ("in de eerste helft van volgend jaar", "half", "2015-06-30"),
        ("in het tweede halfjaar", "half", "2014-12-31"),
    ),
)
def test_a_half_year_is_due_on_30_june_or_31_december(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("begin 2015", "part_of_year", "2015-03-31"),
        ("begin volgend jaar", "part_of_year", "2015-03-31"),
        ("in het nieuwe jaar", "part_of_year", "2015-03-31"),
        ("aan het begin van 2015", "part_of_year", "2015-03-31"),
    ),
)
def test_the_beginning_of_a_year_is_31_march(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("medio 2015", "part_of_year", "2015-07-31"),
        ("half 2015", "part_of_year", "2015-07-31"),
        ("midden 2015", "part_of_year", "2015-07-31"),
        ("medio volgend jaar", "part_of_year", "2015-07-31"),
    ),
)
def test_the_middle_of_a_year_is_31_july(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("eind 2015", "part_of_year", "2015-12-31"),
        ("eind dit jaar", "part_of_year", "2014-12-31"),
        ("voor het einde van het jaar", "part_of_year", "2014-12-31"),
        ("Voor het eind van het jaar", "part_of_year", "2014-12-31"),
        ("voor de jaarwisseling", "part_of_year", "2014-12-31"),
        ("eind volgend jaar", "part_of_year", "2015-12-31"),
        ("ultimo 2015", "part_of_year", "2015-12-31"),
    ),
)
def test_the_end_of_a_year_is_31_december(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("in 2015", "year", "2015-12-31"),
        ("in de loop van 2015", "year", "2015-12-31"),
        ("volgend jaar", "year", "2015-12-31"),
        ("dit jaar", "year", "2014-12-31"),
        ("later dit jaar", "year", "2014-12-31"),
        ("uiterlijk 2032", "year", "2032-12-31"),
        ("vóór 2016", "year", "2015-12-31"),
    ),
)
def test_a_year_is_due_on_31_december(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("voor de zomer", "recess", "2015-07-02"),
        ("voor de zomer 2015", "recess", "2015-07-02"),
        ("voor de zomer van 2015", "recess", "2015-07-02"),
        ("voor de zomervakantie", "recess", "2015-07-02"),
        ("voor het zomerreces", "recess", "2015-07-02"),
        ("vóór het zomerreces", "recess", "2015-07-02"),
        ("voor het kerstreces", "recess", "2014-12-18"),
        ("voor kerst", "recess", "2014-12-18"),
        ("voor de kerst", "recess", "2014-12-18"),
        ("voor het herfstreces", "recess", "2015-10-15"),
        ("voor het voorjaarsreces", "recess", "2015-02-12"),
        ("voor het krokusreces", "recess", "2015-02-12"),
        ("voor het meireces", "recess", "2015-04-23"),
        ("voor het reces", "recess", "2014-12-18"),
        ("uiterlijk voor aanvang van het voorjaarsreces", "recess", "2015-02-12"),
        ("uiterlijk voor het voorjaarsreces", "recess", "2015-02-12"),
    ),
)
def test_before_a_recess_is_due_the_day_before_it(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("voor het einde van het voorjaarsreces", "recess", "2015-02-23"),
        ("voor het eind van het zomerreces", "recess", "2015-08-31"),
        ("tijdens het zomerreces", "recess", "2015-08-31"),
    ),
)
def test_by_the_end_of_a_recess_is_due_on_its_last_day(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("in het voorjaar", "season", "2015-05-31"),
        ("in het voorjaar van 2015", "season", "2015-05-31"),
        ("in de zomer", "season", "2015-08-31"),
        ("deze zomer", "season", "2015-08-31"),
        ("in het najaar", "season", "2015-11-30"),
        ("in het najaar van 2015", "season", "2015-11-30"),
        ("in dit najaar", "season", "2015-11-30"),
        ("in de winter", "season", "2015-02-28"),
        ("rond de zomer", "season", "2015-08-31"),
        ("rond de zomer van 2015", "season", "2015-08-31"),
        ("komend voorjaar", "season", "2015-05-31"),
        ("komend najaar", "season", "2015-11-30"),
        ("in de herfst", "season", "2015-11-30"),
        ("begin volgend voorjaar", "season", "2015-03-31"),
    ),
)
def test_a_season_is_due_on_its_last_day(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "earliest", "due"),
    [
        ("na de zomer", "2015-09-01", "2015-10-15"),
        ("na het zomerreces", "2015-09-01", "2015-10-15"),
        ("na de zomer van 2015", "2015-09-01", "2015-10-15"),
        ("na Prinsjesdag", "2015-09-16", "2015-12-17"),
        ("na het kerstreces", "2015-01-13", "2015-02-12"),
    ],
)
def test_after_a_recess_or_prinsjesdag_runs_from_the_first_day_back_to_the_next_break(
    phrase: str, earliest: str, due: str
) -> None:
    found = normalise(phrase, D)
    assert found is not None
    assert (
        found.kind,
        found.earliest and found.earliest.isoformat(),
        found.due and found.due.isoformat(),
    ) == (
        "after",
        earliest,
        due,
    )


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("voor Prinsjesdag", "event", "2015-09-14"),
        ("op Prinsjesdag", "event", "2015-09-15"),
        ("bij de begroting 2016", "event", "2015-09-15"),
        ("bij de Miljoenennota", "event", "2015-09-15"),
        ("bij de Voorjaarsnota", "event", "2015-06-01"),
        ("in de Voorjaarsnota", "event", "2015-06-01"),
        ("bij de Najaarsnota", "event", "2015-11-30"),
        ("bij het jaarverslag", "event", "2015-05-20"),
        ("bij het jaarverslag 2014", "event", "2015-05-20"),
        ("op Verantwoordingsdag", "event", "2015-05-20"),
        ("voor de begrotingsbehandeling", "event", "2015-10-31"),
        ("voor de behandeling van de begroting", "event", "2015-10-31"),
        ("voor de Raad Buitenlandse Zaken van 20 april", "event", "2015-04-19"),
    ),
)
def test_an_event_of_the_budget_cycle_is_due_on_its_day(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("voor het commissiedebat", "event", None),
        ("voor het notaoverleg", "event", None),
        ("voor de Raad over handel", "event", None),
        ("voor het verschijnen van de meicirculaire provinciefonds", "event", None),
        ("zodra de evaluatie bekend is", "event", None),
        ("Wanneer er meer bekend is", "event", None),
        ("voordat er een besluit wordt genomen over de locatie", "event", None),
        ("na afronding van het onderzoek", "event", None),
    ),
)
def test_an_event_whose_date_is_unknown_has_no_due_date(phrase: str, kind: str, due: None) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("binnen twee maanden", "duration", "2015-02-16"),
        ("binnen zes weken", "duration", "2015-01-27"),
        ("over drie weken", "duration", "2015-01-06"),
        ("binnen een half jaar", "duration", "2015-06-16"),
        ("binnen een jaar", "duration", "2015-12-16"),
        ("binnen 3 maanden", "duration", "2015-03-16"),
        ("binnen twaalf maanden", "duration", "2015-12-16"),
        ("binnen veertien dagen", "duration", "2014-12-30"),
        ("binnen vijf werkdagen", "duration", "2014-12-23"),
        ("binnen drie maanden na afloop van de pilot", "duration", None),
        ("een jaar na de start van de pilot", "duration", None),
    ),
)
def test_a_duration_runs_from_d(phrase: str, kind: str, due: str | None) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("voor het einde van de maand", "month", "2014-12-31"),
        ("deze maand", "month", "2014-12-31"),
        ("volgende maand", "month", "2015-01-31"),
        ("begin volgende maand", "month", "2015-01-10"),
    ),
)
def test_this_month_is_due_on_its_last_day(phrase: str, kind: str, due: str) -> None:
    assert reading(phrase) == (kind, due, phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "zo spoedig mogelijk",
        "zo snel mogelijk",
        "binnenkort",
        "spoedig",
        "op korte termijn",
        "op termijn",
        "te zijner tijd",
        "binnen enkele weken",
        "binnen een paar maanden",
        "de komende periode",
        "in de komende maanden",
        "op een later moment",
        "binnen afzienbare tijd",
    ],
)
def test_a_vague_phrase_has_no_due_date(phrase: str) -> None:
    assert reading(phrase) == ("vague", None, phrase)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("jaarlijks", "2014-12-31"),
        ("halfjaarlijks", "2014-12-31"),
        ("halfjaarlijkse", "2014-12-31"),
        ("twee keer per jaar", "2014-12-31"),
        ("tweemaal per jaar", "2014-12-31"),
        ("elk kwartaal", "2014-12-31"),
        ("per kwartaal", "2014-12-31"),
        ("maandelijks", "2014-12-31"),
        ("ieder jaar", "2014-12-31"),
        ("periodiek", None),
    ],
)
def test_a_recurrence_is_due_at_the_end_of_the_current_period(phrase: str, due: str | None) -> None:
    assert reading(phrase) == ("recurring", due, phrase)


def test_a_recurrence_closes_the_half_year_or_quarter_it_is_said_in() -> None:
    assert reading("halfjaarlijks", date(2024, 3, 12))[1] == "2024-06-30"
    assert reading("elk kwartaal", date(2024, 3, 12))[1] == "2024-03-31"
    assert reading("elk kwartaal", date(2024, 11, 2))[1] == "2024-12-31"


@pytest.mark.parametrize(
    "text",
    [
        "Ik zal de brief voor de Kamer opstellen.",
        "Ik informeer uw Kamer over de korte en de lange termijn.",
        "De gevolgen voor de begroting zijn beperkt.",
        "Het budget voor 2026 is verhoogd.",
        "Ik houd uw Kamer op de hoogte.",
        "Over de zomer valt weinig te melden.",
        "",
    ],
)
def test_a_sentence_without_a_time_phrase_has_no_deadline(text: str) -> None:
    assert find_deadline(text, D) is None


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("volgende week", "volgende week"),
        ("deze week", "deze week"),
        ("uiterlijk volgende week", None),
        ("in week 14", None),
        ("morgen", None),
    ],
)
def test_a_week_keeps_its_phrase_but_no_kind_or_due(phrase: str, text: str | None) -> None:
    found = normalise(phrase, D)
    assert found is not None
    assert (found.kind, found.due, found.text) == (None, None, text or phrase)


# -- the project's own rows (docs/deadlines.md) --------------------------------------------------------------

PROJECT_ROWS = [
    ("voor maart", "month", "2015-02-28", None),
    ("in de maand maart", "month", "2015-03-31", None),
    ("in de loop van maart", "month", "2015-03-31", None),
    ("ultimo maart", "month", "2015-03-31", None),
    ("volgende maand", "month", "2015-01-31", None),
    ("in de loop van het jaar", "year", "2014-12-31", None),
    ("later dit jaar", "year", "2014-12-31", None),
    ("nog in 2015", "year", "2015-12-31", None),
    ("vóór 2016", "year", "2015-12-31", None),
    ("in de eerste maanden van volgend jaar", "part_of_year", "2015-03-31", None),
    ("in de laatste maanden van 2015", "part_of_year", "2015-12-31", None),
    ("eerdaags", "vague", None, None),
    ("voor het einde van de zomer", "season", "2015-08-31", None),
    ("na 2030", "after", None, "2031-01-01"),
    ("na maart", "after", None, "2015-04-01"),
    ("na medio 2015", "after", None, "2015-08-01"),
    ("in het laatste kwartaal", "quarter", "2014-12-31", None),
    ("Q2-2015", "quarter", "2015-06-30", None),
    ("voor het tweede kwartaal", "quarter", "2015-03-31", None),
    ("medio het eerste kwartaal", "quarter", "2015-02-28", None),
    ("in het tweede halfjaar", "half", "2014-12-31", None),
    ("in de lente", "season", "2015-05-31", None),
    ("begin van het najaar", "season", "2015-09-30", None),
    ("medio van de zomer", "season", "2015-07-31", None),
    ("eind van het najaar", "season", "2015-11-30", None),
    ("in het vroege voorjaar", "season", "2015-03-31", None),
    ("volgend voorjaar", "season", "2015-05-31", None),
    ("voor het najaar", "season", "2015-08-31", None),
    ("voor de winter", "season", "2015-11-30", None),
    ("na het voorjaar", "after", None, "2015-06-01"),
    ("voor de zomerperiode", "recess", "2015-07-02", None),
    ("tegen de zomer", "recess", "2015-07-02", None),
    ("voor kerstmis", "recess", "2014-12-18", None),
    ("voor de kerstvakantie", "recess", "2014-12-18", None),
    ("tijdens het zomerreces", "recess", "2015-08-31", None),
    ("na het herfstreces", "after", "2015-12-17", "2015-10-27"),
    ("na het voorjaarsreces", "after", "2015-04-23", "2015-02-24"),
    ("na het meireces", "after", "2015-07-02", "2015-05-12"),
    ("na de jaarwisseling", "after", "2015-02-12", "2015-01-01"),
    ("rond de jaarwisseling", "part_of_year", "2014-12-31", None),
    ("na de Voorjaarsnota", "after", "2015-07-02", "2015-06-02"),
    ("na Verantwoordingsdag", "after", "2015-07-02", "2015-05-21"),
    ("na de Najaarsnota", "after", "2015-12-17", "2015-12-01"),
    ("in de Voorjaarsnota", "event", "2015-06-01", None),
    ("samen met de Voorjaarsnota", "event", "2015-06-01", None),
    ("bij de eerste suppletoire begroting", "event", "2015-06-01", None),
    ("bij de najaarssuppletoire begroting", "event", "2015-11-30", None),
    ("bij de slotwet", "event", "2015-05-20", None),
    ("bij het jaarverslag over 2015", "event", "2016-05-18", None),
    ("in de Miljoenennota", "event", "2015-09-15", None),
    ("vóór de begroting", "event", "2015-09-14", None),
    ("voor het begrotingsdebat", "event", "2015-10-31", None),
    ("voor het commissiedebat MIRT", "event", None, None),
    ("in aanloop naar de Ecofin", "event", None, None),
    ("voor de verkiezingen", "event", None, None),
    ("voor de Europese Raad van 21 en 22 maart", "event", "2015-03-20", None),
    ("bij de publicatie van het rapport", "event", None, None),
    ("als het onderzoek is afgerond", "event", None, None),
    ("binnen 3 maanden", "duration", "2015-03-16", None),
    ("over een jaar", "duration", "2015-12-16", None),
    ("de komende twee jaar", "duration", "2016-12-16", None),
    ("binnen anderhalf jaar", "duration", "2016-06-16", None),
    ("een week voor de vergadering", "duration", None, None),
    ("binnen een paar weken", "vague", None, None),
    ("over enkele weken", "vague", None, None),
    ("in een later stadium", "vague", None, None),
    ("op lange termijn", "vague", None, None),
    ("met spoed", "vague", None, None),
    ("z.s.m.", "vague", None, None),
    ("t.z.t.", "vague", None, None),
    ("per ommegaande", "vague", None, None),
    ("in week 14", None, None, None),
    ("elk voorjaar", "recurring", "2014-12-31", None),
    ("zesmaandelijks", "recurring", "2014-12-31", None),
    ("kwartaallijks", "recurring", "2014-12-31", None),
    ("vier keer per jaar", "recurring", "2014-12-31", None),
    ("elke maand", "recurring", "2014-12-31", None),
    ("tweejaarlijks", "recurring", None, None),
    ("wekelijks", "recurring", None, None),
    ("na de ministerraad van 19 december", "after", "2014-12-26", "2014-12-20"),
    ("na de Europese Raad van 18 en 19 december", "after", "2014-12-26", "2014-12-20"),
    ("kort na de Raad Buitenlandse Zaken van 16 maart", "after", "2015-03-27", "2015-03-17"),
    ("voor de begrotingsbehandelingen", "event", "2015-10-31", None),
    ("vóór de departementale begrotingsbehandelingen", "event", "2015-10-31", None),
    ("voor de begrotingsbehandeling van VWS", "event", "2015-10-31", None),
    ("voor de begrotingsbehandeling van het ministerie van Defensie", "event", "2015-10-31", None),
    ("eind dit kwartaal", "quarter", "2014-12-31", None),
    ("in het volgende kwartaal", "quarter", "2015-03-31", None),
    ("begin volgend kwartaal", "quarter", "2015-01-31", None),
    ("vóór het volgende kwartaal", "quarter", "2014-12-31", None),
    ("op 8 februari jl.", "explicit", "2014-02-08", None),
    ("7 maart jongstleden", "explicit", "2014-03-07", None),
]


@pytest.mark.parametrize(
    ("phrase", "kind", "due", "earliest"), PROJECT_ROWS, ids=[r[0] for r in PROJECT_ROWS]
)
def test_a_project_row_reads_as_documented(
    phrase: str, kind: str | None, due: str | None, earliest: str | None
) -> None:
    found = normalise(phrase, D)
    assert found is not None
    got = (found.kind, found.due and found.due.isoformat(), found.earliest and found.earliest.isoformat())
    assert (got, found.text) == ((kind, due, earliest), phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "op de korte termijn", "per 2016", "voor 2016", "voor de begroting", "op de begroting",
        "de tweede helft", "bij de evaluatie", "twee maanden", "na elf maanden", "als de Kamer dat wenst",
        "in het nieuwe actieplan", "voor het volgende kwartaal", "na het debat", "na de ministerraad",
        "in maart jl.", "de kleur van de herfst", "de brief over de zomer",
    ],
)  # fmt: skip
def test_a_phrase_the_project_does_not_read_as_time_gives_nothing(phrase: str) -> None:
    assert normalise(phrase, D) is None


# -- year resolution and recesses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "on", "due"),
    [
        ("voor de zomer", date(2015, 7, 1), "2015-07-02"),
        ("voor de zomer", date(2014, 11, 12), "2015-07-02"),
        ("voor de zomer", date(2015, 7, 2), "2015-07-02"),
        ("voor de zomer", date(2015, 7, 3), "2016-07-07"),
        ("voor het kerstreces", date(2014, 12, 19), "2015-12-17"),
        ("in maart", date(2015, 3, 31), "2015-03-31"),
        ("in maart", date(2015, 4, 1), "2016-03-31"),
        ("medio september", date(2022, 9, 2), "2022-09-20"),
        ("in het najaar", date(2015, 12, 1), "2016-11-30"),
        ("in de winter", date(2015, 1, 20), "2015-02-28"),
        ("op 1 juli", date(2015, 7, 2), "2016-07-01"),
        ("voor Prinsjesdag", date(2015, 9, 14), "2015-09-14"),
        ("voor Prinsjesdag", date(2015, 9, 15), "2016-09-19"),
        ("in het derde kwartaal", date(2015, 10, 1), "2016-09-30"),
    ],
)
def test_a_phrase_without_a_year_means_the_first_occurrence_due_on_or_after_d(
    phrase: str, on: date, due: str
) -> None:
    assert reading(phrase, on)[1] == due


@pytest.mark.parametrize(
    ("phrase", "on", "due", "inferred"),
    [
        ("voor het zomerreces", date(2016, 3, 1), "2016-07-07", False),
        ("voor het zomerreces", date(2019, 5, 27), "2019-07-04", True),
        ("voor het kerstreces", date(2017, 9, 1), "2017-12-21", False),
        ("voor het kerstreces", date(2014, 9, 1), "2014-12-18", True),
        ("voor het meireces", date(2023, 1, 10), "2023-04-20", False),
        ("voor het herfstreces", date(2023, 9, 1), "2023-10-12", False),
        ("voor het voorjaarsreces", date(2024, 1, 8), "2024-02-15", False),
        ("voor het verkiezingsreces", date(2025, 9, 1), "2025-10-02", False),
        ("na het zomerreces", date(2024, 6, 1), "2024-10-10", True),
    ],
)
def test_recesses_come_from_the_table_and_otherwise_from_the_rule(
    phrase: str, on: date, due: str, inferred: bool
) -> None:
    found = normalise(phrase, on)
    assert found is not None and found.due is not None
    assert (found.due.isoformat(), found.inferred) == (due, inferred)


def test_a_relative_phrase_without_d_keeps_its_text_and_kind_but_no_date() -> None:
    found = find_deadline("Ik informeer u voor de zomer over de voortgang.", None)
    assert found is not None
    assert (found.text, found.kind, found.due) == ("voor de zomer", "recess", None)
    dated = find_deadline("Ik informeer u voor 1 maart 2015.", None)
    assert dated is not None and dated.due == date(2015, 2, 28)


# -- phrases inside sentences --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "on", "phrase", "due"),
    [
        (
            "Tijdens het AO van 31 oktober 2013 heb ik toegezegd u voor de zomer te informeren.",
            D,
            "voor de zomer",
            "2015-07-02",
        ),
        ("Tijdens het AO van 31 oktober heb ik toegezegd u in maart te informeren.", None, "in maart", None),
        (
            "Ik ontvang begin 2015 een eindrapportage over het actieplan dat eind 2014 afloopt.",
            D,
            "begin 2015",
            "2015-03-31",
        ),
        (
            "Sinds 2018 ontvangt u halfjaarlijkse rapportages.",
            date(2024, 3, 12),
            "halfjaarlijkse",
            "2024-06-30",
        ),
        (
            "De eindrapportage is voorzien in september 2011 en zal dan zo snel mogelijk worden toegezonden.",
            date(2011, 6, 27),
            "in september 2011",
            "2011-09-30",
        ),
        (
            "Ik zal u zo spoedig mogelijk, en in ieder geval voor het kerstreces, informeren.",
            D,
            "voor het kerstreces",
            "2014-12-18",
        ),
        ("Ik stuur u de jaarlijkse rapportage voor de zomer.", D, "voor de zomer", "2015-07-02"),
        (
            "In 2013 heb ik toegezegd dat u in het najaar een brief ontvangt.",
            D,
            "in het najaar",
            "2015-11-30",
        ),
        (
            "Ik kom hierop terug voordat het kabinet in het najaar een besluit neemt.",
            D,
            "in het najaar",
            "2015-11-30",
        ),
        ("Ik zal de Kamer voor het zomer-\nreces informeren.", D, "voor het zomer-\nreces", "2015-07-02"),
        ("Ik stuur u VÓÓR  1 maart\u00a02015 een brief.", D, "VÓÓR  1 maart\u00a02015", "2015-02-28"),
    ],
)
def test_the_deadline_in_a_sentence_is_its_first_future_dated_phrase(
    text: str, on: date | None, phrase: str, due: str | None
) -> None:
    found = find_deadline(text, on)
    assert found is not None
    assert (found.text, found.due.isoformat() if found.due else None) == (phrase, due)
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("Tijdens het algemeen overleg van 7 maart jl. heb ik dit toegezegd.", None),
        (
            "Zeer recentelijk, te weten vrijdag 20 juni, heeft de minister een brief gestuurd.",
            date(2025, 7, 2),
        ),
        ("Dit is onderzocht, zowel in de eerdere brief als in de brief die u maandag ontvangen heeft.", D),
        ("Als deze motie wordt aangenomen, dan dienen wij ons daartoe te verhouden.", D),
        ("Ondernemers hebben nou eenmaal ook gewoon 24 uur in een dag.", D),
        ("De tarieven gelden per uur, per week of per maand.", D),
        ("Ik heb deze morgen met de burgemeester gesproken.", D),
        ("21 mei 2025 inzake aanbieding van het rapport over 2024.", None),
        ("Het gevraagde bedrag komt pas beschikbaar als duidelijk is dat de woningen er komen.", D),
    ],
)
def test_references_and_conditions_on_facts_are_not_deadlines(text: str, on: date | None) -> None:
    assert find_deadline(text, on) is None


def test_a_meeting_keeps_its_name_and_its_date_sets_the_deadline() -> None:
    text = "Voor de Europese Raad van 21 en 22 maart ontvangt u de geannoteerde agenda."
    found = find_deadline(text, date(2019, 3, 14))
    assert found is not None
    assert (found.text, found.kind, found.due) == (
        "Voor de Europese Raad van 21 en 22 maart",
        "event",
        date(2019, 3, 20),
    )
    named = find_deadline("Voor het notaoverleg MIRT ontvangt de Kamer een plan.", D)
    assert named is not None and (named.text, named.due) == ("Voor het notaoverleg MIRT", None)


def test_a_date_already_past_is_not_a_deadline_but_normalise_still_reads_it() -> None:
    assert find_deadline("Op 1 maart 2010 stuurde ik u een brief.", D) is None
    past = normalise("op 1 maart 2010", D)
    assert past is not None and past.due == date(2010, 3, 1)


def test_an_event_with_an_approximate_date_beside_it_is_one_phrase_without_a_date() -> None:
    text = (
        "Ik verwacht u deze rapportage gelijktijdig met de voorjaarsnota, rond eind april te kunnen sturen."
    )
    found = find_deadline(text, date(2024, 3, 12))
    assert found is not None
    assert (found.text, found.kind, found.due) == (
        "gelijktijdig met de voorjaarsnota, rond eind april",
        "event",
        None,
    )


# -- phrases from debate transcripts, said on 2 and 3 July 2025 ----------------------------------------------

JULY = date(2025, 7, 2)


@pytest.mark.parametrize(
    "text",
    [
        "Tijdens het Algemeen Overleg Gevangeniswezen op 8 februari jl. (Kamerstuk 24 587, nr. 679) heb ik"
        " aangegeven het u te zullen toesturen.",
        "Op 26 juni is er een brief gestuurd.",
        "Op 12 juni heb ik aangegeven het u te zullen toesturen.",
        "De Juridische Dienst van de Raad gaf afgelopen 23 juni een advies.",
        "Het ambtelijk rapport, dat ik op 30 juni aan uw Kamer heb gestuurd, schetst beleidsopties.",
        "We hebben op 20 mei ingestemd met het verlichten van sectorale sancties.",
        "Uw AO was de 15de maart, en mevrouw Bergkamp staat al te trappelen.",
        "Tijdens de EU-AU-ministeriële in mei jongstleden heeft Nederland het belang onderstreept.",
        "In de voortgangsbrief van dit voorjaar heb ik gemeld dat het goed gaat.",
        "In de brief van september heb ik gemeld dat het goed gaat.",
        "Na de Europese Raad van 26 en 27 juni heb ik u geïnformeerd.",
    ],
)
def test_jl_or_a_clause_in_the_past_tense_makes_a_date_without_a_year_a_reference(text: str) -> None:
    assert find_deadline(text, JULY) is None


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Op 1 september is de brief verstuurd.", "2025-09-01"),  # still ahead this year: a plan
        ("Ik zal u op 26 juni informeren.", "2026-06-26"),  # no past tense: year resolution
        ("Op 26 juni heb ik toegezegd dat ik u op 1 september zal informeren.", "2025-09-01"),
    ],
)
def test_the_past_tense_only_looks_back_for_a_date_already_gone_in_its_own_clause(
    text: str, due: str
) -> None:
    found = find_deadline(text, JULY)
    assert found is not None and found.due is not None
    assert found.due.isoformat() == due


@pytest.mark.parametrize(
    ("text", "phrase", "kind", "due", "earliest"),
    [
        (
            "De staatssecretaris zal het rapport over rode diesel na de ministerraad van 11 juli aan de Kamer"
            " doen toekomen.",
            "na de ministerraad van 11 juli",
            "after",
            "2025-07-18",
            "2025-07-12",
        ),
        (
            "Ik zal u informeren over de voortgang van de aanpak in de MIRT-brief van dit najaar.",
            "dit najaar",
            "season",
            "2025-11-30",
            None,
        ),
        ("Dat komt in de voortgangsbrief van dit voorjaar.", "dit voorjaar", "season", "2026-05-31", None),
        (
            "In de MIRT-brief van volgend jaar voorjaar informeer ik u over de voortgang.",
            "volgend jaar voorjaar",
            "season",
            "2026-05-31",
            None,
        ),
        ("U krijgt de rapportage van september.", "september", "month", "2025-09-30", None),
        (
            "De planning is om in het najaar van dit jaar, vóór de departementale begrotingsbehandelingen, uw"
            " Kamer te informeren door middel van een brief.",
            "vóór de departementale begrotingsbehandelingen",
            "event",
            "2025-10-31",
            None,
        ),
        (
            "Anders komt de brief na de zomer en dan durf ik wel een termijn te noemen: september.",
            "september",
            "month",
            "2025-09-30",
            None,
        ),
        (
            "De brief komt in oktober – uiterlijk 15 oktober.",
            "uiterlijk 15 oktober",
            "explicit",
            "2025-10-15",
            None,
        ),
        (
            "Ik stuur de brief in november, in ieder geval voor het kerstreces.",
            "in november",
            "month",
            "2025-11-30",
            None,
        ),
    ],
)
def test_a_transcript_phrase_reads_as_the_clerk_records_it(
    text: str, phrase: str, kind: str, due: str, earliest: str | None
) -> None:
    found = find_deadline(text, JULY)
    assert found is not None
    got = (
        found.text,
        found.kind,
        found.due and found.due.isoformat(),
        found.earliest and found.earliest.isoformat(),
    )
    assert got == (phrase, kind, due, earliest)


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    _rows(
        ("uiterlijk eind volgende maand", "month", "2025-08-31"),
        ("voor het eind van het kalenderjaar", "part_of_year", "2025-12-31"),
        ("in Q3", "quarter", "2025-09-30"),
        ("rond de jaarwisseling", "part_of_year", "2025-12-31"),
        ("eind dit kwartaal", "quarter", "2025-09-30"),
        ("na het zomerreces", "after", "2025-10-02"),
        ("voor het einde van het zomerreces", "recess", "2025-09-01"),
        ("voor de Voorjaarsnota 2026", "event", "2026-05-31"),
        ("in de loop van het najaar", "season", "2025-11-30"),
        ("in het najaar van 2025", "season", "2025-11-30"),
        ("begin september", "month", "2025-09-10"),
        ("half juli", "month", "2025-07-20"),
        ("deze zomer", "season", "2025-08-31"),
        ("dit najaar", "season", "2025-11-30"),
        ("de komende maanden", "vague", None),
        ("volgend voorjaar", "season", "2026-05-31"),
        ("volgend jaar voorjaar", "season", "2026-05-31"),
        ("volgend jaar zomer", "season", "2026-08-31"),
        ("volgend jaar najaar", "season", "2026-11-30"),
        ("volgend jaar winter", "season", "2027-02-28"),
        ("dit jaar najaar", "season", "2025-11-30"),
        ("2026 voorjaar", "season", "2026-05-31"),
        ("uiterlijk volgend jaar voorjaar", "season", "2026-05-31"),
        ("volgend jaar rond de zomer", "season", "2026-08-31"),
        ("volgend jaar in het voorjaar", "season", "2026-05-31"),
        ("volgend jaar voor de zomer", "recess", "2026-07-02"),
        ("het voorjaar van volgend jaar", "season", "2026-05-31"),
        ("in het najaar van volgend jaar", "season", "2026-11-30"),
        ("over een half jaar", "duration", "2026-01-02"),
        ("binnen drie maanden na de inwerkingtreding", "duration", None),
    ),
)
def test_variants_said_in_july_2025(phrase: str, kind: str, due: str | None) -> None:
    assert reading(phrase, JULY) == (kind, due, phrase)


# -- the dev set ---------------------------------------------------------------------------------------------


# Borderline labels whose phrase `deadlines.md` does not decide (the dev set's README lists them as forced
# readings); the reader's answer differs from the label's and nothing in the convention says which is right.
UNDECIDED = {
    "kst-29521-291-0": "'jaarlijks iedere derde woensdag in mei': recurring with no due in the label",
    "kst-31066-444-0": "'na afloop van het betreffende jaar': recurring in the label, an undated event here",
    "venw-20080616-DGW-2008-927-0": "'(verwacht in september)': the label's phrase takes 'verwacht'",
    "vws-20000112-mdw-0": "'Na de conference, die op 8 februari 2000 zal plaatsvinden': dated in a clause",
}


def _gold() -> list[Any]:
    path = DEVSET / "annotations.json"
    if not path.exists():
        reason = f"the dev set's gold deadlines need ../shared ({path})"
        return [pytest.param(None, None, id="devset", marks=pytest.mark.skip(reason=reason))]
    params = []
    for doc_id, ann in json.loads(path.read_text(encoding="utf-8")).items():
        meta = json.loads((DEVSET / "docs" / f"{doc_id}.json").read_text(encoding="utf-8"))
        on = date.fromisoformat(meta["date"]) if meta["date"] else None
        for i, c in enumerate(ann["commitments"]):
            key = f"{doc_id}-{i}"
            marks = [pytest.mark.xfail(reason=UNDECIDED[key], strict=True)] if key in UNDECIDED else []
            params.append(pytest.param(c, on, id=key, marks=marks))
    return params


@pytest.mark.parametrize(("commitment", "on"), _gold())
def test_every_gold_deadline_in_the_dev_set_is_reproduced(
    commitment: dict[str, Any], on: date | None
) -> None:
    found = find_deadline(commitment["text"], on)
    got = (
        found.text if found else None,
        found.due.isoformat() if found and found.due else None,
        found.kind if found else None,
    )
    assert got == (commitment["deadline_text"], commitment["due"], commitment["kind"])
    if commitment.get("earliest"):
        assert found is not None and found.earliest is not None
        assert found.earliest.isoformat() == commitment["earliest"]


# -- properties ----------------------------------------------------------------------------------------------

WORDS = [
    "voor", "vóór", "na", "binnen", "in", "op", "de", "het", "zomer", "reces", "kerstreces", "maart", "1",
    "31", "2015", "kwartaal", "eerste", "helft", "begin", "medio", "eind", "jaar", "volgend", "dit", "twee",
    "weken",
    "maanden", "Prinsjesdag", "Voorjaarsnota", "zodra", "bekend", "is", "zo", "spoedig", "mogelijk", "Kamer",
    ",", ".", "-\n", "\u00a0", "jaarlijks", "Q2", "van", "uiterlijk", "najaar", "winter", "een", "half",
]  # fmt: skip
sentences = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), on=st.one_of(st.none(), dates))
def test_arbitrary_text_never_crashes(text: str, on: date | None) -> None:
    found = find_deadline(text, on)
    if found is not None:
        assert text[found.start : found.end] == found.text


@settings(max_examples=400, deadline=None)
@given(text=sentences, on=st.one_of(st.none(), dates))
def test_the_offsets_of_a_deadline_slice_back_to_its_text(text: str, on: date | None) -> None:
    found = find_deadline(text, on)
    if found is not None:
        assert text[found.start : found.end] == found.text
        assert found.text.strip() == found.text and found.text


ANCHORS = [
    "de zomer", "het kerstreces", "het herfstreces", "1 maart", "1 maart 2030", "Prinsjesdag", "eind maart",
    "het einde van het jaar", "de jaarwisseling", "het meireces", "de Voorjaarsnota", "het voorjaarsreces",
    "twee maanden", "zes weken", "een half jaar", "drie werkdagen", "het eerste kwartaal", "medio juni",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    prep=st.sampled_from(["voor", "vóór", "binnen", "uiterlijk voor"]),
    anchor=st.sampled_from(ANCHORS),
    on=dates,
)
def test_a_voor_or_binnen_deadline_is_never_before_d(prep: str, anchor: str, on: date) -> None:
    found = find_deadline(f"Ik informeer de Kamer {prep} {anchor} over de voortgang.", on)
    if found is not None and found.due is not None:
        assert found.due >= on


@settings(max_examples=200, deadline=None)
@given(on=dates)
def test_voor_de_zomer_is_the_last_thursday_before_the_next_zomerreces(on: date) -> None:
    found = find_deadline("Voor de zomer stuur ik u een brief.", on)
    assert found is not None and found.due is not None
    assert found.due >= on and found.due.weekday() == 3
    assert found.due - on < timedelta(days=380)


def test_a_long_run_of_overlapping_phrases_keeps_the_first_reading() -> None:
    """Thousands of candidate phrases: the overlap check looks only at its neighbours, and still picks one."""
    text = "voor de zomer " * 20_000
    found = find_deadline(text, D)
    assert found is not None and found.start == 0 and found.due == date(2015, 7, 2)


# -- families added for letters (issue 10), D = 2014-12-16 ---------------------------------------------------

LETTER_FAMILIES = [
    # before a meeting of the Kamer is the day before it, whatever the meeting is called
    (
        "voor de hoorzitting van 22 januari 2015 aan uw Kamer",
        "event",
        "2015-01-21",
        "voor de hoorzitting van 22 januari 2015",
    ),
    (
        "ruim voor het rondetafelgesprek van 3 maart",
        "event",
        "2015-03-02",
        "ruim voor het rondetafelgesprek van 3 maart",
    ),
    (
        "in de aanloop naar het notaoverleg van 12 februari",
        "event",
        "2015-02-11",
        "in de aanloop naar het notaoverleg van 12 februari",
    ),
    # the phrase ends at the meeting's date, with its "aanstaande", not at the words after it
    (
        "tijdig voor het Algemeen Overleg van 1 maart aanstaande doen toekomen",
        "event",
        "2015-02-28",
        "tijdig voor het Algemeen Overleg van 1 maart aanstaande",
    ),
    ("uiterlijk in juni aanstaande", "month", "2015-06-30", "uiterlijk in juni aanstaande"),
    # along with something else that is not on the calendar: an event without a date
    (
        "tegelijkertijd met de andere verzoeken om informatie over ProRail",
        "event",
        None,
        "tegelijkertijd met de andere verzoeken om informatie over ProRail",
    ),
    (
        "uiterlijk bij gelegenheid van het toezenden van de evaluatie aan uw Kamer",
        "event",
        None,
        "uiterlijk bij gelegenheid van het toezenden van de evaluatie aan uw Kamer",
    ),
    # "de jaarlijkse X" names a document; "met/in halfjaarlijkse X" and "jaarlijks" set a rhythm
    ("met halfjaarlijkse voortgangsrapportages", "recurring", "2014-12-31", "halfjaarlijkse"),
    ("stuur ik u jaarlijks een overzicht", "recurring", "2014-12-31", "jaarlijks"),
    # a season with its own year after it is not "<year> <season>"
    ("de cijfers over 2015 in het voorjaar 2016", "season", "2016-05-31", "in het voorjaar 2016"),
    ("in het eerste trimester van 2015", "quarter", "2015-04-30", "in het eerste trimester van 2015"),
    ("in het tweede trimester", "quarter", "2015-08-31", "in het tweede trimester"),
    ("voor het derde trimester van 2015", "quarter", "2015-08-31", "voor het derde trimester van 2015"),
]
NOT_A_TIME = [
    "in aanvulling op de jaarlijkse rapportage",
    "de vijfjaarlijkse evaluatie van het zbo",
    "gelijktijdig met deze brief",
    "tegelijk met dit schrijven",
]


@pytest.mark.parametrize(
    ("phrase", "kind", "due", "text"), LETTER_FAMILIES, ids=[r[0][:50] for r in LETTER_FAMILIES]
)
def test_letter_families(phrase: str, kind: str | None, due: str | None, text: str | None) -> None:
    assert reading(phrase) == (kind, due, text)


@pytest.mark.parametrize("phrase", NOT_A_TIME)
def test_names_and_this_letter_are_no_time(phrase: str) -> None:
    assert reading(phrase) == (None, None, None)
