"""References to Kamerstukken, Handelingen, documents and meetings (the forms of extraction.md §3.3)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.citations import find_references, normalise_dossier

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kamerstuk 28 638, nr. 108", [("kamerstuk", {"dossier": "28638", "number": "108"})]),
        (
            "Kamerstukken II 2014/15, 28 638, nr. 128, p. 3",
            [
                (
                    "kamerstuk",
                    {"dossier": "28638", "number": "128", "year": "2014/15", "kamer": "II", "page": "3"},
                )
            ],
        ),
        ("Kamerstuk 34 000 XVI, nr. 12", [("kamerstuk", {"dossier": "34000-XVI", "number": "12"})]),
        ("Kamerstukken 21 501-32, nr. 1703", [("kamerstuk", {"dossier": "21501-32", "number": "1703"})]),
        ("de motie 21501-32-1740 is aangenomen", [("kamerstuk", {"dossier": "21501-32", "number": "1740"})]),
        ("34000-XVI-37", [("kamerstuk", {"dossier": "34000-XVI", "number": "37"})]),
        (
            "Kamerstuk 31 839, nrs. 390 en 391",
            [
                ("kamerstuk", {"dossier": "31839", "number": "390"}),
                ("kamerstuk", {"dossier": "31839", "number": "391"}),
            ],
        ),
        ("(34 302 (R2067), nr. 5)", [("kamerstuk", {"dossier": "34302", "number": "5"})]),
        (f"(Kamerstuk 35{NBSP}510, nr.{NBSP}115)", [("kamerstuk", {"dossier": "35510", "number": "115"})]),
        ("Kamerstuk 34 775 IX, nr. 4", [("kamerstuk", {"dossier": "34775-IX", "number": "4"})]),
        ("(Kamerstuk 33 309)", [("kamerstuk", {"dossier": "33309"})]),
        (
            "Kamerstukken I 2008/09, 31700 VI, D, p. 4",
            [("kamerstuk", {"dossier": "31700-VI", "number": "D"})],
        ),
        (
            "mijn brief van 31 december 2014 (34 000 XIII, H)",
            [("document", {"date": "2014-12-31"}), ("kamerstuk", {"dossier": "34000-XIII", "number": "H"})],
        ),
        ("met kenmerk 32 479, nr. 3, deel ik u mede", [("kamerstuk", {"dossier": "32479", "number": "3"})]),
        (
            "Handelingen II 2012/13, nr. 67, item 11",
            [("handelingen", {"kamer": "II", "year": "2012/13", "meeting_number": "67", "item": "11"})],
        ),
        (
            "Handelingen II 2007/08, nr. 108, p. 7909-7943",
            [("handelingen", {"meeting_number": "108", "page": "7909-7943"})],
        ),
        (
            "Aanhangsel Handelingen II 2014/15, nr. 1241",
            [("handelingen", {"meeting_number": "1241", "aanhangsel": "true"})],
        ),
        (
            "document 2014D12345 en zaak 2014Z01234",
            [("document", {"number": "2014D12345"}), ("document", {"number": "2014Z01234"})],
        ),
        ("activiteit 2024A05766", [("document", {"number": "2024A05766"})]),
        ("toezegging TZ202402-164", [("document", {"number": "TZ202402-164"})]),
        ("zie kst-28638-108", [("kamerstuk", {"dossier": "28638", "number": "108"})]),
        ("zie kst-34300-VII-60", [("kamerstuk", {"dossier": "34300-VII", "number": "60"})]),
        (
            "zie h-tk-20122013-67-11",
            [("handelingen", {"year": "20122013", "meeting_number": "67", "item": "11"})],
        ),
        (
            "Tijdens het Algemeen Overleg mensenhandel en prostitutie van 31 oktober 2013 heb ik",
            [("meeting", {"meeting": "Algemeen Overleg mensenhandel en prostitutie", "date": "2013-10-31"})],
        ),
        (
            "in het commissiedebat van 3 juli",
            [("meeting", {"meeting": "commissiedebat", "date": "2014-07-03"})],
        ),
        (
            "Tijdens het WGO Jeugd van 3 november 2014 is",
            [("meeting", {"meeting": "WGO Jeugd", "date": "2014-11-03"})],
        ),
        (
            "Tijdens het Algemeen Overleg Gevangeniswezen op 8 februari jl. heb ik",
            [("meeting", {"meeting": "Algemeen Overleg Gevangeniswezen", "date": "2014-02-08"})],
        ),
        ("zoals geformuleerd tijdens het AO over het MFK.", [("meeting", {"meeting": "AO over het MFK"})]),
        (
            "In de procedurevergadering van de vaste commissie voor Europese Zaken van 14 november 2018 vroeg"
            " de commissie",
            [("meeting", {"date": "2018-11-14"})],
        ),
        (
            "In reactie op uw brief van 28 oktober 2014 doe ik",
            [("document", {"kind": "brief", "date": "2014-10-28"})],
        ),
        (
            "het verzoek van de vaste commissie voor Defensie van 22 februari 2018 om te melden",
            [("document", {"kind": "verzoek", "date": "2018-02-22", "committee": "Defensie"})],
        ),
    ],
)
def test_a_reference_form_is_read(text: str, expected: list[tuple[str, dict[str, str]]]) -> None:
    found = find_references(text, date(2014, 11, 12))
    assert len(found) == len(expected), [(r.type, r.raw) for r in found]
    for ref, (kind, fields) in zip(found, expected, strict=True):
        assert ref.type == kind
        assert {k: ref.fields.get(k) for k in fields} == fields
        assert text[ref.start : ref.end] == ref.raw


def test_offsets_are_shifted_by_the_base() -> None:
    (ref,) = find_references("(Kamerstuk 28 638, nr. 108)", base=100)
    assert (ref.start, ref.end) == (101, 126)


def test_a_date_without_a_year_stays_unresolved_without_a_document_date() -> None:
    (ref,) = find_references("tijdens het commissiedebat van 3 juli")
    assert "date" not in ref.fields


def test_a_date_without_a_year_is_the_last_such_day_before_the_document() -> None:
    (ref,) = find_references("tijdens het commissiedebat van 30 december", date(2015, 1, 5))
    assert ref.fields["date"] == "2014-12-30"


@pytest.mark.parametrize(
    "text",
    [
        "in 2015 steeg het aantal met 12 procent",
        "Artikel 3, lid 2",
        "een bedrag van 28 638 euro",
        "het jaar 2014-2015",
    ],
)
def test_ordinary_numbers_are_no_references(text: str) -> None:
    assert find_references(text) == []


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("28 638", "28638"),
        ("34 000 XVI", "34000-XVI"),
        ("21 501-32", "21501-32"),
        ("34 302 (R2067)", "34302"),
    ],
)
def test_dossier_numbers_are_normalised(raw: str, normal: str) -> None:
    assert normalise_dossier(raw) == normal


@given(st.text(alphabet="0123456789 ,.-/()KamerstukHandelingIinr\u00a0XVIjl", max_size=200))
def test_reading_never_crashes_and_spans_slice_back(text: str) -> None:
    for ref in find_references(text, date(2020, 1, 1), base=7):
        assert ("x" * 7 + text)[ref.start : ref.end] == ref.raw


@given(st.text(max_size=300))
def test_any_text_can_be_searched(text: str) -> None:
    for ref in find_references(text):
        assert text[ref.start : ref.end] == ref.raw
