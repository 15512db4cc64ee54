"""People, parties and to whom a commitment was promised: synced from the feed and OData, read back."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
import requests
import xmlschema
from sqlmodel import Session, select

import scraper.sync as sync_module
from db.models import Fractie, FractieZetel, FractieZetelPersoon, Persoon, SyncCursor, SyncFailure, Toezegging
from db.people import Membership, parties, people, register_name
from scraper.entities import BY_CATEGORY, KINDS
from scraper.odata import cursor_key, first_url, rebase_link, to_entry
from scraper.sync import sync
from scraper.syncfeed import parse_page
from tests import sync_factories as f
from tests.conftest import SYNCFEED_EXCERPTS
from tests.replay import Reply
from tests.sync_factories import config_for

SINCE = date(2026, 1, 1)
REAL_ODATA = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"


@pytest.fixture(autouse=True)
def no_text_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync_module, "TEXT_STEPS", ())


def people_feeds() -> list[f.Feed]:
    """Three parties, a seat each, three people; Westerveld moved from seat 0 (PvdD) to seat 1."""
    return [
        f.Feed("Fractie").add(*(f.fractie(n) for n in range(3))),
        f.Feed("FractieZetel").add(*(f.fractie_zetel(n, fractie=n) for n in range(3))),
        f.Feed("Persoon").add(*(f.persoon(n) for n in range(3))),
        f.Feed("FractieZetelPersoon").add(
            f.fractie_zetel_persoon(0, zetel=0, persoon=0, van="2017-03-23", tot_en_met="2023-10-26"),
            f.fractie_zetel_persoon(1, zetel=1, persoon=0, van="2023-10-27"),
            f.fractie_zetel_persoon(2, zetel=2, persoon=2, van="2021-03-31"),
        ),
    ]


# --------------------------------------------------------------------------- parsing


def test_the_real_fractie_zetel_persoon_entry_fills_its_row():
    raw = SYNCFEED_EXCERPTS.read_text(encoding="utf-8")
    entry_xml = re.search(r"<entry>.*?</entry>", raw, re.S)
    assert entry_xml is not None
    [entry] = parse_page(f"<feed>{entry_xml.group(0)}</feed>".encode()).entries
    values = BY_CATEGORY["FractieZetelPersoon"].columns(entry)
    assert values == {
        "fractie_zetel_id": "ca826e72-cf57-4cca-b090-d5c444ec6c2d",
        "persoon_id": "ec273841-069f-408b-b434-8524904ae314",
        "functie": "Lid",
        "van": date(2002, 5, 23),
        "tot_en_met": date(2010, 10, 11),
    }


def test_the_factories_people_and_parties_validate_against_the_xsd():
    for item in (
        f.persoon(1),
        f.fractie(0),
        f.fractie_zetel(0),
        f.fractie_zetel_persoon(0, tot_en_met="2023-10-26"),
    ):
        f.validate(f.render_entity(item))


def test_the_nested_toegezegd_aan_is_outside_the_xsd_and_read_as_persoon_and_fractie_refs():
    item = f.deviate(
        f.toezegging(3),
        f.toegezegd_aan((f.guid("persoon", 1), f.guid("fractie", 2)), (f.guid("persoon", 4), None)),
    )
    entity = f.render_entity(item)
    assert "<ns1:toegezegdAan><ns1:persoon ref=" in entity
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        f.validate(entity)
    [entry] = parse_page(f.render_page("Toezegging", [f.render_entry(item, 1)], None)).entries
    assert entry.refs["toegezegdaan.persoon"] == [f.guid("persoon", 1), f.guid("persoon", 4)]
    assert entry.refs["toegezegdaan.fractie"] == [f.guid("fractie", 2)]
    assert "toegezegdaan" not in entry.fields  # the group is no text field of its own
    values = BY_CATEGORY["Toezegging"].columns(entry)
    assert values["toegezegd_aan_persoon_ids"] == [f.guid("persoon", 1), f.guid("persoon", 4)]
    # the flat toegezegdAanFractie (party 3 % 7) comes first, then the nested one
    assert values["toegezegd_aan_fractie_ids"] == [f.guid("fractie", 3), f.guid("fractie", 2)]
    assert values["toegezegd_aan"] == [f.guid("fractie", 3)]  # the flat list stays as it was


def test_the_flat_toegezegd_aan_persoon_of_the_xsd_is_read_too():
    children = list(f.toezegging(5).children)
    children.insert(1, ("toegezegdAanPersoon", {"ref": f.guid("persoon", 2)}))
    item = f.Item("Toezegging", f.guid("Toezegging", 5), children=tuple(children))
    f.validate(f.render_entity(item))
    [entry] = parse_page(f.render_page("Toezegging", [f.render_entry(item, 1)], None)).entries
    values = BY_CATEGORY["Toezegging"].columns(entry)
    assert values["toegezegd_aan_persoon_ids"] == [f.guid("persoon", 2)]
    assert values["toegezegd_aan_fractie_ids"] == [f.guid("fractie", 5)]


# --------------------------------------------------------------------------- the sync


def test_people_and_parties_are_synced_before_what_names_them():
    order = [k.category for k in KINDS]
    for category in ("Fractie", "FractieZetel", "Persoon", "FractieZetelPersoon"):
        assert order.index(category) < order.index("DocumentActor") < order.index("Toezegging")
    assert order.index("Fractie") < order.index("FractieZetel") < order.index("FractieZetelPersoon")


def test_people_and_parties_are_stored_and_read_back_as_name_and_party(engine, replay):
    f.serve(replay, *people_feeds())
    summary = sync(engine, config_for(replay), progress=False)
    assert {
        c: summary.categories[c].new for c in ("Fractie", "FractieZetel", "Persoon", "FractieZetelPersoon")
    } == {
        "Fractie": 3,
        "FractieZetel": 3,
        "Persoon": 3,
        "FractieZetelPersoon": 3,
    }
    with Session(engine) as s:
        westerveld = s.get(Persoon, f.guid("persoon", 0))
        pvdd = s.get(Fractie, f.guid("fractie", 0))
        assert westerveld is not None and pvdd is not None
        assert (westerveld.achternaam, westerveld.initialen, westerveld.roepnaam, westerveld.functie) == (
            "Westerveld",
            "E.M.",
            "Lisa",
            "Tweede Kamerlid",
        )
        assert (westerveld.nummer, westerveld.tussenvoegsel, westerveld.fractielabel) == (4967, None, None)
        assert (pvdd.afkorting, pvdd.naam_nl, pvdd.naam_en, pvdd.aantal_zetels) == (
            "PvdD",
            "Partij voor de Dieren",
            None,
            3,
        )
        assert (pvdd.datum_actief, pvdd.datum_inactief) == (date(2006, 11, 30), None)
        assert s.get(FractieZetel, f.guid("FractieZetel", 1)).fractie_id == f.guid("fractie", 1)  # type: ignore[union-attr]
        seat = s.get(FractieZetelPersoon, f.guid("FractieZetelPersoon", 0))
        assert seat is not None and (seat.van, seat.tot_en_met) == (date(2017, 3, 23), date(2023, 10, 26))

        assert parties(s) == {
            f.guid("fractie", n): name for n, name in enumerate(["PvdD", "GroenLinks-PvdA", "CDA"])
        }
        rows = {r.id: r for r in people(s)}
    assert [r.name for r in sorted(rows.values(), key=lambda r: r.name)] == [
        "Boswijk, H.",
        "Oostenbruggen, T. van",
        "Westerveld, E.M.",
    ]
    lisa = rows[f.guid("persoon", 0)]
    assert (lisa.party, lisa.party_on(date(2020, 1, 1)), lisa.party_on(date(2024, 1, 1))) == (
        "GroenLinks-PvdA",
        "PvdD",
        "GroenLinks-PvdA",
    )
    assert lisa.memberships[0] == Membership(
        f.guid("fractie", 0), "PvdD", date(2017, 3, 23), date(2023, 10, 26), "Lid"
    )
    assert lisa.label(date(2020, 1, 1)) == "Westerveld, E.M. (PvdD)"
    bewindspersoon = rows[f.guid("persoon", 1)]
    assert (bewindspersoon.party, bewindspersoon.functie, bewindspersoon.label()) == (
        None,
        "Staatssecretaris",
        "Oostenbruggen, T. van",
    )
    assert rows[f.guid("persoon", 2)].label() == "Boswijk, H. (CDA)"


@pytest.mark.parametrize("spelling", ["true", "True"])
def test_a_tombstone_deletes_a_person_and_a_party(engine, replay, spelling):
    feeds = people_feeds()
    f.serve(replay, *feeds)
    config = config_for(replay)
    sync(engine, config, progress=False)
    persoon_feed, fractie_feed = feeds[2], feeds[0]
    marks = {"Persoon": persoon_feed.next_token, "Fractie": fractie_feed.next_token}
    persoon_feed.add(f.tombstone(f.persoon(1), spelling=spelling))
    fractie_feed.add(f.tombstone(f.fractie(2), spelling=spelling))
    f.serve(replay, persoon_feed, fractie_feed, after=marks)
    summary = sync(engine, config, progress=False)
    assert (summary.categories["Persoon"].deleted, summary.categories["Fractie"].deleted) == (1, 1)
    with Session(engine) as s:
        assert s.get(Persoon, f.guid("persoon", 1)) is None
        assert s.get(Fractie, f.guid("fractie", 2)) is None
        assert s.get(Persoon, f.guid("persoon", 0)) is not None
        rows = {r.id: r for r in people(s)}
    assert set(rows) == {f.guid("persoon", 0), f.guid("persoon", 2)}
    assert rows[f.guid("persoon", 2)].party is None  # its party is gone, its seat names nothing we know


def test_a_renamed_person_is_updated_in_place(engine, replay):
    feed = f.Feed("Persoon").add(
        f.persoon(2), f.persoon(2, achternaam="Boswijk-Jansen", bijgewerkt="2026-06-01T00:00:00Z")
    )
    f.serve(replay, feed)
    summary = sync(engine, config_for(replay), progress=False)
    assert (summary.categories["Persoon"].new, summary.categories["Persoon"].updated) == (1, 1)
    with Session(engine) as s:
        assert [p.name for p in people(s)] == ["Boswijk-Jansen, H."]


def test_both_forms_of_to_whom_are_stored_and_resolve_to_name_and_party(engine, replay):
    nested = f.deviate(f.toezegging(1), f.toegezegd_aan((f.guid("persoon", 2), f.guid("fractie", 2))))
    twice = f.deviate(
        f.toezegging(2),
        f.toegezegd_aan(
            (f.guid("persoon", 0), f.guid("fractie", 1)), (f.guid("persoon", 2), f.guid("fractie", 2))
        ),
    )
    f.serve(replay, *people_feeds(), f.Feed("Toezegging").add(nested, twice, f.toezegging(3)))
    sync(engine, config_for(replay), progress=False)
    with Session(engine) as s:
        one, two, flat = (s.get(Toezegging, f.guid("Toezegging", n)) for n in (1, 2, 3))
        assert one is not None and two is not None and flat is not None
        assert one.toegezegd_aan_persoon_ids == [f.guid("persoon", 2)]
        assert one.toegezegd_aan_fractie_ids == [
            f.guid("fractie", 1),
            f.guid("fractie", 2),
        ]  # flat, then nested
        assert two.toegezegd_aan_persoon_ids == [f.guid("persoon", 0), f.guid("persoon", 2)]
        assert (flat.toegezegd_aan_persoon_ids, flat.toegezegd_aan_fractie_ids) == (
            [],
            [f.guid("fractie", 3)],
        )
        by_id = {p.id: p for p in people(s)}
        names = [by_id[i].label() for i in two.toegezegd_aan_persoon_ids]
    assert names == ["Westerveld, E.M. (GroenLinks-PvdA)", "Boswijk, H. (CDA)"]


def test_the_sample_names_to_whom_its_debate_promises_were_made(engine):
    from scraper.sample import SAMPLE_DIR

    summary = sync(engine, f.OFFLINE, snapshot=SAMPLE_DIR, progress=False)
    assert summary.stopped == {}
    with Session(engine) as s:
        by_id = {p.id: p for p in people(s)}
        made_to = {
            tz.nummer: [by_id[i].label() for i in tz.toegezegd_aan_persoon_ids]
            for tz in s.exec(select(Toezegging))
            if tz.toegezegd_aan_persoon_ids
        }
        assert len(by_id) > 20
        struycken = next(p for p in by_id.values() if p.achternaam == "Struycken")
    assert made_to == {"TZ202507-021": ["Eerdmans, J. (JA21)"], "TZ202507-022": ["Vijlbrief, H. (D66)"]}
    assert (struycken.id, struycken.name, struycken.party) == (
        "4b4bb398-f798-4d35-a3a5-99e6e0828ccc",
        "Struycken, T.",
        None,
    )


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("Oostenbruggen", "T.", "van"), "Oostenbruggen, T. van"),
        (("Westerveld", "E.M.", None), "Westerveld, E.M."),
        (("Eerdmans", None, None), "Eerdmans"),
        ((None, None, None), ""),
    ],
)
def test_the_register_form_of_a_name(parts, expected):
    assert register_name(*parts) == expected


# --------------------------------------------------------------------------- OData


def odata_page(rows: list[dict[str, Any]], next_link: str | None = None) -> bytes:
    body: dict[str, Any] = {"@odata.context": "…/$metadata#Entity", "value": rows}
    if next_link:
        body["@odata.nextLink"] = next_link
    return json.dumps(body).encode()


def path_of(config, category: str) -> str:  # type: ignore[no-untyped-def]
    url, params = first_url(config.odata_url, BY_CATEGORY[category], SINCE)
    return requests.Request("GET", url, params=params).prepare().path_url


def persoon_json(n: int) -> dict[str, Any]:
    initialen, tussenvoegsel, achternaam, voornamen, roepnaam, functie = f.PEOPLE[n % len(f.PEOPLE)]
    return {
        "Id": f.guid("persoon", n),
        "Nummer": 4967 + n,
        "Titels": None,
        "Initialen": initialen,
        "Tussenvoegsel": tussenvoegsel,
        "Achternaam": achternaam,
        "Voornamen": voornamen,
        "Roepnaam": roepnaam,
        "Geslacht": "vrouw",
        "Functie": functie,
        "Fractielabel": None,
        "ContentType": "image/jpeg",
        "ContentLength": 666768,
        "GewijzigdOp": "2026-01-15T10:00:00+01:00",
        "ApiGewijzigdOp": f"2026-01-15T09:{n:02d}:00Z",
        "Verwijderd": False,
    }


def test_an_odata_toegezegd_aan_link_row_gives_persoon_and_fractie_ids():
    row = {
        "Id": "00000000-0000-0000-0000-000000000007",
        "Status": "Afgedaan",
        "GewijzigdOp": "2026-01-15T10:00:00+01:00",
        "ToegezegdAan": [
            {
                "Id": "aaaaaaaa-0000-0000-0000-000000000001",
                "Toezegging_Id": "00000000-0000-0000-0000-000000000007",
                "Fractie_Id": "BBBBBBBB-0000-0000-0000-000000000002",
                "Persoon_Id": "CCCCCCCC-0000-0000-0000-000000000003",
            },
            {"Id": "aaaaaaaa-0000-0000-0000-000000000004", "Fractie_Id": None, "Persoon_Id": None},
        ],
    }
    kind = BY_CATEGORY["Toezegging"]
    values = kind.columns(to_entry(kind, row))
    assert values["toegezegd_aan_persoon_ids"] == ["cccccccc-0000-0000-0000-000000000003"]
    assert values["toegezegd_aan_fractie_ids"] == ["bbbbbbbb-0000-0000-0000-000000000002"]


def test_odata_people_and_seats_fill_the_same_rows_as_the_feed():
    seat = {
        "Id": f.guid("FractieZetelPersoon", 0),
        "FractieZetel_Id": f.guid("FractieZetel", 0).upper(),
        "Persoon_Id": f.guid("persoon", 0),
        "Functie": "Lid",
        "Van": "2017-03-23T00:00:00+01:00",
        "TotEnMet": None,
        "GewijzigdOp": "2026-01-15T10:00:00+01:00",
    }
    kind = BY_CATEGORY["FractieZetelPersoon"]
    assert kind.columns(to_entry(kind, seat)) == {
        "fractie_zetel_id": f.guid("FractieZetel", 0),
        "persoon_id": f.guid("persoon", 0),
        "functie": "Lid",
        "van": date(2017, 3, 23),
        "tot_en_met": None,
    }
    kind = BY_CATEGORY["Fractie"]
    fractie = {
        "Id": f.guid("fractie", 0),
        "Afkorting": "PvdD",
        "NaamNL": "Partij voor de Dieren",
        "AantalZetels": 3,
    }
    assert kind.columns(to_entry(kind, fractie))["naam_nl"] == "Partij voor de Dieren"
    kind = BY_CATEGORY["Persoon"]
    values = kind.columns(to_entry(kind, persoon_json(1)))
    assert (values["achternaam"], values["tussenvoegsel"], values["nummer"]) == ("Oostenbruggen", "van", 4968)


@pytest.mark.parametrize(
    ("link", "base", "expected"),
    [
        (
            f"{REAL_ODATA}/Persoon?$skiptoken=Id-'abc'",
            "http://127.0.0.1:9/OData/v4/2.0",
            "http://127.0.0.1:9/OData/v4/2.0/Persoon?$skiptoken=Id-'abc'",
        ),
        (
            "https://gegevensmagazijn.tweedekamer.nl/OData/v5/Persoon?$skip=250&$filter=a%20eq%20b",
            "http://localhost:8080/mirror/odata",
            "http://localhost:8080/mirror/odata/Persoon?$skip=250&$filter=a%20eq%20b",
        ),
        ("Persoon?$skiptoken=1", "http://x/OData/v5", "http://x/OData/v5/Persoon?$skiptoken=1"),
    ],
    ids=["real-host-same-path", "other-path", "relative"],
)
def test_a_next_link_is_rebased_onto_the_configured_base(link, base, expected):
    assert rebase_link(link, base, "Persoon") == expected


def serve_odata(replay, config) -> None:  # type: ignore[no-untyped-def]
    for kind in KINDS:
        replay.add(path_of(config, kind.category), odata_page([]))


def test_a_recorded_next_link_on_the_real_host_is_answered_by_the_replay(engine, replay):
    config = config_for(replay)
    serve_odata(replay, config)
    rest = "Persoon?$skiptoken=Id-'" + f.guid("persoon", 1) + "'"
    replay.add(
        path_of(config, "Persoon"), odata_page([persoon_json(0), persoon_json(1)], f"{REAL_ODATA}/{rest}")
    )
    replay.add(f"/OData/v4/2.0/{rest}", odata_page([persoon_json(2)]))
    summary = sync(engine, config, since=SINCE, progress=False)
    assert summary.categories["Persoon"].new == 3
    assert summary.stopped == {}
    assert replay.count("/OData/v4/2.0/Persoon?$skiptoken=") == 1
    with Session(engine) as s:
        assert s.get(SyncCursor, cursor_key(BY_CATEGORY["Persoon"], SINCE)) is None  # done: nothing to resume


def test_a_backfill_that_stops_midway_resumes_from_its_last_stored_page(engine, replay):
    config = config_for(replay)
    serve_odata(replay, config)
    second = "Persoon?$skiptoken=Id-'" + f.guid("persoon", 1) + "'"
    third = "Persoon?$skiptoken=Id-'" + f.guid("persoon", 2) + "'"
    first_path = path_of(config, "Persoon")
    replay.add(first_path, odata_page([persoon_json(0), persoon_json(1)], f"{REAL_ODATA}/{second}"))
    replay.add(f"/OData/v4/2.0/{second}", odata_page([persoon_json(2)], f"{REAL_ODATA}/{third}"))
    replay.add(f"/OData/v4/2.0/{third}", Reply(503))
    summary = sync(engine, config, since=SINCE, progress=False)
    assert list(summary.stopped) == ["Persoon"]
    assert summary.categories["Persoon"].new == 3
    assert any("Persoon: stopped, will resume from the last stored page" in line for line in summary.lines())
    key = cursor_key(BY_CATEGORY["Persoon"], SINCE)
    with Session(engine) as s:
        assert s.get(SyncCursor, key).skiptoken == third  # type: ignore[union-attr]
        failure = s.exec(select(SyncFailure).where(SyncFailure.kind == "page")).one()
        assert (failure.item_id, failure.resolved) == ("odata:Persoon", False)
    assert summary.failed == 1

    replay.add(f"/OData/v4/2.0/{third}", odata_page([persoon_json(3)]))  # the source recovers
    asked = len(replay.requests)
    summary = sync(engine, config, since=SINCE, progress=False)
    persoon_requests = [r for r in replay.requests[asked:] if "/Persoon" in r]
    assert persoon_requests == [f"/OData/v4/2.0/{third}"]  # not the first page again
    assert (summary.categories["Persoon"].new, summary.stopped) == (1, {})
    with Session(engine) as s:
        assert s.get(SyncCursor, key) is None
        assert len(s.exec(select(Persoon)).all()) == 4
        assert s.exec(select(SyncFailure).where(SyncFailure.kind == "page")).one().resolved
    # a backfill since another date is another backfill, with a cursor of its own
    assert cursor_key(BY_CATEGORY["Persoon"], date(2026, 2, 1)) != key


def test_unreadable_odata_rows_are_recorded_and_counted_alike(engine, replay):
    config = config_for(replay)
    serve_odata(replay, config)
    bad = persoon_json(2) | {"GewijzigdOp": "gisteren"}
    no_id = {"Achternaam": "Zonder"}
    replay.add(path_of(config, "Persoon"), odata_page([persoon_json(0), bad, no_id]))
    summary = sync(engine, config, since=SINCE, progress=False)
    counts = summary.categories["Persoon"]
    assert (counts.new, counts.failed, summary.failed) == (1, 2, 2)
    with Session(engine) as s:
        failures = s.exec(select(SyncFailure).where(SyncFailure.kind == "entry")).all()
    assert len(failures) == summary.failed
    assert f.guid("persoon", 2) in {x.item_id for x in failures}


# --------------------------------------------------------------------------- the summary's failure count


def test_the_summary_counts_every_failure_written_this_run(engine, replay, monkeypatch):
    """Entries, a stopped category, and the text steps' letters and transcripts: all in one number."""
    from db.engine import session_scope
    from scraper.failures import record_failure

    def transcripts(engine, client, config, progress):  # type: ignore[no-untyped-def]
        with session_scope(engine) as session:
            record_failure(session, "transcript", "vergadering-1", "HTTP 500")
            record_failure(session, "transcript", "vergadering-2", "cut short")
        return {"fetched": 0, "failed": 2}

    monkeypatch.setattr(sync_module, "TEXT_STEPS", (transcripts,))
    bad = f.render_entry(f.persoon(9), 0).replace(
        'tk:bijgewerkt="2026-03-02T10:00:00Z"', 'tk:bijgewerkt="nu"'
    )
    f.serve(replay, f.Feed("Persoon").add(f.persoon(1)).add_raw(bad))
    replay.add("/SyncFeed/2.0/Feed?category=Fractie", Reply(404))
    summary = sync(engine, config_for(replay), progress=False)
    with Session(engine) as s:
        written = s.exec(select(SyncFailure)).all()
    assert {(x.kind, x.item_id) for x in written} == {
        ("entry", f.guid("persoon", 9)),
        ("page", "Fractie"),
        ("transcript", "vergadering-1"),
        ("transcript", "vergadering-2"),
    }
    assert summary.failed == len(written) == 4
    assert summary.lines()[-2].endswith("failures recorded: 4")
