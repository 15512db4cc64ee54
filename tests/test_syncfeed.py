"""Reading SyncFeed pages: namespaces by meaning, the live deviations tolerated, bad parts isolated."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
import xmlschema
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.syncfeed import PageError, parse_date, parse_datetime, parse_page
from tests import sync_factories as f
from tests.conftest import SYNCFEED_EXCERPTS

EXCERPTS = SYNCFEED_EXCERPTS


def page_of(*items: f.Item, next_token: int | None = None) -> bytes:
    entries = [f.render_entry(item, f.FIRST_TOKEN + n + 1) for n, item in enumerate(items)]
    return f.render_page(items[0].category if items else "Toezegging", entries, next_token)


def test_the_real_feed_entry_reads_with_its_relations_and_skiptoken():
    raw = EXCERPTS.read_text(encoding="utf-8")
    entry_xml = re.search(r"<entry>.*?</entry>", raw, re.S)
    assert entry_xml is not None
    page = parse_page(f"<feed>{entry_xml.group(0)}</feed>".encode())
    [entry] = page.entries
    assert (entry.category, entry.id, entry.verwijderd) == (
        "fractieZetelPersoon",
        "808fcd50-a0dc-4f60-8b9d-c404a2eb5b2e",
        False,
    )
    assert entry.ref("persoon") == "ec273841-069f-408b-b434-8524904ae314"
    assert entry.value("functie") == "Lid"
    assert entry.bijgewerkt == datetime(2023, 8, 29, 11, 10, 24, tzinfo=UTC)
    assert page.skiptoken == "16687327"
    assert page.next_href is None


@pytest.mark.parametrize("prefix", ["ns1", "tk", "", "x"], ids=["ns1", "tk", "default", "any-prefix"])
def test_an_entity_reads_the_same_whatever_prefix_its_namespace_has(prefix):
    item = f.toezegging(1, kamerbrief="2025D12345")
    entity = f.render_entity(item, prefix=prefix)
    f.validate(entity)
    page = f.render_page("Toezegging", [f.render_entry(item, 1).replace(f.render_entity(item), entity)], None)
    [entry] = parse_page(page).entries
    assert entry.category == "toezegging"
    assert entry.value("status") == "Openstaand"
    assert entry.values("kamerbriefNakoming") == ["2025D12345"]
    assert entry.ref("activiteit") == f.guid("Activiteit", 1)
    assert entry.bijgewerkt == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("spelling", ["true", "True"])
def test_a_tombstone_is_read_as_deleted_in_either_spelling(spelling):
    [entry] = parse_page(page_of(f.tombstone(f.document(3), spelling=spelling))).entries
    assert entry.verwijderd is True
    assert entry.id == f.guid("Document", 3)


def test_a_repeated_kamerbrief_nakoming_keeps_every_letter():
    item = f.deviate(f.toezegging(2, kamerbrief="2025D00001"), f.repeated("kamerbriefNakoming", "2025D00002"))
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        f.validate(f.render_entity(item))  # really outside the XSD
    [entry] = parse_page(page_of(item)).entries
    assert entry.values("kamerbriefNakoming") == ["2025D00001", "2025D00002"]


def test_the_undeclared_toegezegd_aan_is_kept():
    item = f.deviate(
        f.toezegging(4),
        f.inserted_after("toegezegdAanFractie", ("toegezegdAan", {"ref": f.guid("persoon", 1)})),
    )
    [entry] = parse_page(page_of(item)).entries
    assert entry.refs["toegezegdaan"] == [f.guid("persoon", 1)]


def test_a_status_outside_the_enumeration_is_read_as_given():
    [entry] = parse_page(page_of(f.deviate(f.toezegging(5), f.with_status("Afgedaan")))).entries
    assert entry.value("status") == "Afgedaan"


def test_datum_nakoming_of_year_one_means_no_deadline():
    assert parse_date("0001-01-01T00:00:00Z") is None
    assert parse_date("2025-07-01T00:00:00+02:00") == date(2025, 7, 1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019-08-12T12:56:35.4070000", datetime(2019, 8, 12, 10, 56, 35, 407000, tzinfo=UTC)),
        ("2024-12-16T15:01:11.847+01:00", datetime(2024, 12, 16, 14, 1, 11, 847000, tzinfo=UTC)),
        ("2019-06-28T20:34:35.1495901Z", datetime(2019, 6, 28, 20, 34, 35, 149590, tzinfo=UTC)),
        ("0001-01-01T00:00:00Z", None),
    ],
    ids=["local-without-offset", "with-offset", "seven-digits-utc", "year-one"],
)
def test_timestamps_are_normalised_to_utc(raw, expected):
    assert parse_datetime(raw) == expected


def test_a_malformed_entry_is_a_failure_beside_the_good_ones():
    good = [f.render_entry(f.activiteit(n), f.FIRST_TOKEN + n) for n in range(3)]
    bad = f.render_entry(f.activiteit(9), f.FIRST_TOKEN + 9).replace(
        'tk:bijgewerkt="2026-03-02T10:00:00Z"', 'tk:bijgewerkt="gisteren"'
    )
    page = parse_page(f.render_page("Activiteit", [good[0], bad, *good[1:]], None))
    assert [e.id for e in page.entries] == [f.guid("Activiteit", n) for n in range(3)]
    assert [x.item_id for x in page.failures] == [f.guid("Activiteit", 9)]
    assert page.skiptoken == str(f.FIRST_TOKEN + 2)


def test_an_entry_without_an_id_is_a_failure_named_by_its_position():
    bad = f.render_entry(f.activiteit(1), f.FIRST_TOKEN + 1).replace(f'id="{f.guid("Activiteit", 1)}"', "")
    bad = bad.replace(f"<title>{f.guid('Activiteit', 1)}</title>", "<title/>")
    page = parse_page(f.render_page("Activiteit", [bad], None))
    assert page.entries == []
    assert page.failures[0].item_id == f"{f.FIRST_TOKEN + 1}#0"


def test_the_next_link_and_the_resume_token_come_from_the_page():
    page = parse_page(page_of(f.zaak(1), f.zaak(2), next_token=f.FIRST_TOKEN + 2))
    assert page.next_href == (f"{f.REAL_FEED}/Feed?skiptoken={f.FIRST_TOKEN + 2}&category=Zaak")
    assert page.skiptoken == str(f.FIRST_TOKEN + 2)


def test_an_empty_last_page_has_no_next_and_no_token():
    page = parse_page(f.render_page("Zaak", [], None))
    assert (page.entries, page.next_href, page.skiptoken) == ([], None, None)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html><body>Service Unavailable</body></html>",
        b'<?xml version="1.0"?><error xmlns="http://docs.oasis-open.org/odata/ns/metadata"><code>500</code></error>',
        b'{"value": []}',
    ],
    ids=["empty", "html", "xml-but-not-atom", "json"],
)
def test_something_that_is_not_a_feed_is_a_page_error(body):
    with pytest.raises(PageError):
        parse_page(body)


@settings(max_examples=60, deadline=None)
@given(cut=st.floats(min_value=0.0, max_value=0.999))
def test_a_page_cut_short_anywhere_is_a_page_error(cut):
    page = page_of(f.toezegging(1), f.toezegging(2))
    with pytest.raises(PageError):
        parse_page(page[: int(len(page) * cut)])


xml_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip() != "")


@settings(max_examples=60, deadline=None)
@given(tekst=xml_text)
def test_any_commitment_text_comes_back_as_it_was_sent(tekst):
    item = f.toezegging(7, tekst=tekst)
    [entry] = parse_page(page_of(item)).entries
    assert entry.value("tekst") == tekst.strip()


def test_the_factories_refuse_what_the_xsd_refuses():
    item = replace(f.kamerstukdossier(1), children=(("nummer", "geen getal"),))
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        f.render_entry(item, 1)
