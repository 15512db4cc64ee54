"""OData backfills: only live rows changed since a date, paged as the server says, into the same rows."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
import requests
from sqlmodel import Session

import scraper.sync as sync_module
from db.engine import session_scope
from db.models import Document, Toezegging
from scraper.config import SyncConfig
from scraper.entities import BY_CATEGORY, KINDS, apply_entries
from scraper.odata import first_url, to_entry
from scraper.sync import sync
from tests.conftest import BESLUIT_JSON
from tests.replay import ReplayServer, Reply
from tests.sync_factories import config_for

BESLUIT = BESLUIT_JSON
SINCE = date(2026, 1, 1)


@pytest.fixture(autouse=True)
def no_text_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync_module, "TEXT_STEPS", ())


def path_of(config: SyncConfig, category: str, *, expand: bool = True) -> str:
    url, params = first_url(config.odata_url, BY_CATEGORY[category], SINCE, expand=expand)
    return requests.Request("GET", url, params=params).prepare().path_url


def page(rows: list[dict[str, Any]], next_link: str | None = None) -> bytes:
    body: dict[str, Any] = {"@odata.context": "…/$metadata#Entity", "value": rows}
    if next_link:
        body["@odata.nextLink"] = next_link
    return json.dumps(body).encode()


def serve_empty(server: ReplayServer, config: SyncConfig) -> None:
    for kind in KINDS:
        server.add(path_of(config, kind.category), page([]))


def real_document() -> dict[str, Any]:
    return json.loads(BESLUIT.read_text(encoding="utf-8"))["Zaak"][0]["Document"][0]


def toezegging_json(n: int, **kw: Any) -> dict[str, Any]:
    row = {
        "Id": f"00000000-0000-0000-0000-{n:012d}",
        "Nummer": f"TZ202601-{n:03d}",
        "Tekst": "De minister stuurt de Kamer voor de zomer een brief.",
        "Status": "Openstaand",
        "Naam": "Wiersma, F.M.",
        "Functie": "Minister van Landbouw",
        "Ministerie": "Landbouw, Visserij, Voedselzekerheid en Natuur",
        "ActiviteitNummer": "2025A01234",
        "Aanmaakdatum": "2026-01-15T10:00:00+01:00",
        "DatumNakoming": "0001-01-01T00:00:00Z",
        "GewijzigdOp": "2026-01-15T10:00:00+01:00",
        "ApiGewijzigdOp": "2026-01-15T09:05:00Z",
        "Verwijderd": False,
    }
    row.update(kw)
    return row


def test_the_backfill_asks_only_for_live_rows_changed_since_the_date(engine, replay):
    config = config_for(replay)
    serve_empty(replay, config)
    summary = sync(engine, config, since=SINCE, progress=False)
    asked = [r for r in replay.requests if "/OData/" in r]
    assert len(asked) == len(KINDS)
    for path in asked:
        query = requests.utils.unquote(path).replace("+", " ")
        assert "$filter=Verwijderd eq false and ApiGewijzigdOp ge 2026-01-01T00:00:00Z" in query
    assert summary.stopped == {}
    assert not any("/SyncFeed/" in r for r in replay.requests)


def test_next_links_are_followed_exactly_as_given(engine, replay):
    config = config_for(replay)
    serve_empty(replay, config)
    next_link = replay.url + "/OData/v4/2.0/Toezegging?$skiptoken=Id-'00000000-0000-0000-0000-000000000002'"
    replay.add(path_of(config, "Toezegging"), page([toezegging_json(1), toezegging_json(2)], next_link))
    replay.add(
        "/OData/v4/2.0/Toezegging?$skiptoken=Id-'00000000-0000-0000-0000-000000000002'",
        page([toezegging_json(3)]),
    )
    summary = sync(engine, config, since=SINCE, progress=False)
    assert summary.categories["Toezegging"].new == 3
    assert replay.count("/OData/v4/2.0/Toezegging?$skiptoken=") == 1


def test_a_real_odata_document_fills_the_same_row_as_the_feed(engine):
    kind = BY_CATEGORY["Document"]
    with session_scope(engine) as session:
        counts = apply_entries(session, kind, [to_entry(kind, real_document())])
    assert counts.new == 1
    with Session(engine) as session:
        doc = session.get(Document, "e5a7184c-f464-481f-b2ce-792191eeb012")
    assert doc is not None
    assert (doc.nummer, doc.soort, str(doc.datum), doc.volgnummer, doc.kamer) == (
        "2022D37914",
        "Motie (gewijzigd/nader)",
        "2022-10-04",
        7,
        2,
    )
    assert (doc.content_type, doc.content_length) == ("application/pdf", 21431)
    assert doc.bijgewerkt is not None
    assert doc.bijgewerkt.replace(tzinfo=doc.bijgewerkt.tzinfo or UTC) == datetime(
        2022, 11, 1, 12, 11, 13, 987000, tzinfo=UTC
    )


def test_a_commitment_brings_its_letters_recipients_and_debate_from_expanded_relations():
    row = toezegging_json(
        7,
        KamerbriefNakoming=[{"DocumentNummer": "2026D01234"}, {"DocumentNummer": "2026D05678"}],
        ToegezegdAan=[
            {
                "Id": "aaaaaaaa-0000-0000-0000-000000000001",
                "Toezegging_Id": "00000000-0000-0000-0000-000000000007",
                "Fractie_Id": "BBBBBBBB-0000-0000-0000-000000000002",
                "Persoon_Id": None,
            }
        ],
        Activiteit={"Id": "cccccccc-0000-0000-0000-000000000003"},
    )
    kind = BY_CATEGORY["Toezegging"]
    values = kind.columns(to_entry(kind, row))
    assert values["kamerbrief_nakoming"] == ["2026D01234", "2026D05678"]
    assert values["toegezegd_aan"] == ["bbbbbbbb-0000-0000-0000-000000000002"]
    assert values["activiteit_id"] == "cccccccc-0000-0000-0000-000000000003"
    assert values["datum_nakoming"] is None


def test_a_refused_expand_is_asked_again_without_it(engine, replay):
    config = config_for(replay)
    serve_empty(replay, config)
    replay.add(
        path_of(config, "Toezegging"),
        Reply(400, b'{"error": "Could not find a property named ToegezegdAan"}'),
    )
    replay.add(path_of(config, "Toezegging", expand=False), page([toezegging_json(1)]))
    summary = sync(engine, config, since=SINCE, progress=False)
    assert summary.categories["Toezegging"].new == 1
    with Session(engine) as session:
        stored = session.get(Toezegging, "00000000-0000-0000-0000-000000000001")
    assert stored is not None and stored.status == "Openstaand"


def test_an_entity_set_that_keeps_failing_stops_only_itself(engine, replay):
    config = config_for(replay)
    serve_empty(replay, config)
    replay.add(path_of(config, "Verslag"), Reply(503))
    replay.add(path_of(config, "Toezegging"), page([toezegging_json(1)]))
    summary = sync(engine, config, since=SINCE, progress=False)
    assert list(summary.stopped) == ["Verslag"]
    assert summary.categories["Toezegging"].new == 1


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html><body>Onderhoud</body></html>", "not JSON"),
        (b'{"value": {"Id": "x"}}', "no 'value' list"),
        (b"[]", "no 'value' list"),
    ],
    ids=["html", "value-not-a-list", "a-list"],
)
def test_a_body_that_is_no_odata_page_stops_its_entity_set_with_the_reason(engine, replay, body, reason):
    config = config_for(replay)
    serve_empty(replay, config)
    replay.add(path_of(config, "Zaak"), body)
    replay.add(path_of(config, "Toezegging"), page([toezegging_json(1)]))
    summary = sync(engine, config, since=SINCE, progress=False)
    assert reason in summary.stopped["Zaak"]
    assert summary.categories["Toezegging"].new == 1
