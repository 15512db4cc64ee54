"""Letter texts: the publication first (XML, then HTML), else the Document resource; failures kept apart."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, select

from db.engine import session_scope
from db.models import Document, DocumentText, DocumentVersie, Kamerstukdossier, SyncFailure
from scraper import blobs, publications
from scraper.failures import MAX_ATTEMPTS
from scraper.publications import fetch_letter_texts, kst_id, letters_to_fetch
from tests.conftest import SEED_LETTER
from tests.replay import Reply
from tests.sync_factories import client_fixture, config_fixture  # noqa: F401  (fixtures)
from tracker.documents import SourceText, UnreadableDocument

SEED_ID = "7d9b1c2e-4f3a-4d5b-9c8e-1a2b3c4d5e6f"
SEED_TEXT = SEED_LETTER.read_text(encoding="utf-8")
FOOTNOTE = "Raadpleegbaar via www.tweedekamer.nl"
OB_XML = (
    '<?xml version="1.0" encoding="utf-8"?>\n<officiele-publicatie><kamerstuk><stuk><al>'
    "Met deze brief doe ik mijn toezeggingen aan uw Kamer gestand.</al>"
    f'<noot type="voet"><noot.al>{FOOTNOTE}</noot.al></noot></stuk></kamerstuk></officiele-publicatie>'
)
OB_HTML = (
    '<html><head><meta name="DC.identifier" content="kst-28638-128"/></head>'
    '<body><div class="stuk"><p>Met deze brief doe ik mijn toezeggingen gestand.</p></div></body></html>'
)
NOT_FOUND_PAGE = "<!DOCTYPE html><html><body><h1>Zoeken</h1><p>Geen resultaten.</p></body></html>"


def fake_reader(data: bytes, name: str = "") -> SourceText:
    """Stands in for the document parser: tags dropped, voetnoten apart."""
    text = data.decode("utf-8")
    notes = tuple(re.findall(r"<noot.al>(.*?)</noot.al>", text))
    text = re.sub(r"<noot .*?</noot>", "", text)
    body = re.sub(r"<[^>]+>", "\n\n", text).strip()
    if not body:
        raise UnreadableDocument("empty document")
    return SourceText(text=re.sub(r"\n{3,}", "\n\n", body), kind="letter", footnotes=notes)


@pytest.fixture
def parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publications, "read_document", fake_reader)


def add_letter(
    engine,
    doc_id: str = SEED_ID,
    *,
    soort: str | None = "Brief regering",
    dossier: tuple[str, str | None] | None = ("28638", None),
    volgnummer: int | None = 128,
    externe: str | None = None,
    versie: str | None = "v1",
    content_type: str | None = "application/pdf",
    content_length: int | None = None,
) -> None:
    with session_scope(engine) as session:
        dossier_id = None
        if dossier:
            dossier_id = f"dossier-{dossier[0]}-{dossier[1]}"
            if session.get(Kamerstukdossier, dossier_id) is None:
                session.add(Kamerstukdossier(id=dossier_id, nummer=dossier[0], toevoeging=dossier[1]))
        session.add(
            Document(
                id=doc_id,
                soort=soort,
                volgnummer=volgnummer,
                dossier_id=dossier_id,
                datum=date(2014, 12, 16),
                huidige_versie_id=f"{doc_id}-{versie}" if versie else None,
                content_type=content_type,
                content_length=content_length,
            )
        )
        if versie:
            session.add(
                DocumentVersie(
                    id=f"{doc_id}-{versie}", document_id=doc_id, externe_identifier=externe, versienummer=1
                )
            )


def stored(engine, doc_id: str = SEED_ID) -> DocumentText | None:
    with Session(engine) as session:
        return session.get(DocumentText, doc_id)


def failures(engine) -> list[SyncFailure]:
    with Session(engine) as session:
        return list(session.exec(select(SyncFailure)).all())


# --------------------------------------------------------------------------- which letters, which id


@pytest.mark.parametrize(
    ("soort", "letter"),
    [
        ("Brief regering", True),
        ("brief regering ", True),
        ("Brief regering; Uitstelbrief", True),
        ("Antwoord schriftelijke vragen", True),
        ("Lijst van vragen en antwoorden", True),
        ("Motie", False),
        ("Brief commissie", False),
        ("Verslag van een commissiedebat", False),
        (None, False),
    ],
)
def test_government_letters_are_recognised_by_their_soort(sqlite_engine, soort, letter):
    add_letter(sqlite_engine, soort=soort)
    with Session(sqlite_engine) as session:
        assert bool(letters_to_fetch(session)) is letter


@pytest.mark.parametrize(
    ("nummer", "toevoeging", "volgnummer", "expected"),
    [
        ("28638", None, 128, "kst-28638-128"),
        ("36600", "VII", 1, "kst-36600-VII-1"),
        ("21501", "20", 865, "kst-21501-20-865"),
        ("35 000", "VII", 96, "kst-35000-VII-96"),
        ("36180", "(R2190)", 3, "kst-36180-3"),
        ("28638", None, -1, None),
        ("28638", None, None, None),
        (None, None, 5, None),
    ],
)
def test_the_publication_id_is_built_from_dossier_toevoeging_and_volgnummer(
    nummer, toevoeging, volgnummer, expected
):
    assert kst_id(nummer, toevoeging, volgnummer) == expected


@given(
    nummer=st.integers(min_value=1, max_value=99_999),
    toevoeging=st.sampled_from([None, "", "VII", "IXB", "20", "A", "(R2190)"]),
    volgnummer=st.integers(min_value=1, max_value=10_000),
)
def test_a_built_publication_id_is_always_a_well_formed_kst_id(nummer, toevoeging, volgnummer):
    pid = kst_id(f"{nummer:,}".replace(",", " "), toevoeging, volgnummer)
    assert pid is not None
    assert re.fullmatch(r"kst-\d+(-[0-9A-Z]+)?-\d+", pid)
    assert pid.startswith(f"kst-{nummer}-") and pid.endswith(f"-{volgnummer}")


def test_only_letters_are_fetched(engine, replay, client, config, parser):
    add_letter(engine, "motie", soort="Motie", volgnummer=130)
    counts = fetch_letter_texts(engine, client, config)
    assert counts["letters"] == 0
    assert replay.requests == []


# --------------------------------------------------------------------------- sources


def test_the_publication_xml_is_stored_with_its_raw_bytes_and_footnotes_apart(
    engine, replay, client, config, parser
):
    add_letter(engine)
    replay.add("/ob/kst-28638-128.xml", Reply(body=OB_XML.encode(), headers={"Content-Type": "text/xml"}))
    counts = fetch_letter_texts(engine, client, config)
    assert counts["publication"] == 1
    text = stored(engine)
    assert text is not None
    assert text.source == "publication"
    assert text.publication_id == "kst-28638-128"
    assert text.versie_id == f"{SEED_ID}-v1"
    assert "toezeggingen aan uw Kamer gestand" in text.text
    assert FOOTNOTE not in text.text
    assert text.footnotes == [FOOTNOTE]
    with Session(engine) as session:
        assert text.blob_sha256 is not None
        assert blobs.get(session, text.blob_sha256) == OB_XML.encode()
    assert replay.requests == ["/ob/kst-28638-128.xml"]


def test_the_externe_identifier_wins_over_the_dossier_number(engine, replay, client, config, parser):
    add_letter(engine, volgnummer=999, externe="kst-28638-128")
    replay.add("/ob/kst-28638-128.xml", OB_XML)
    fetch_letter_texts(engine, client, config)
    assert replay.requests == ["/ob/kst-28638-128.xml"]


def test_an_html_page_served_for_an_unknown_xml_is_not_taken_for_the_publication(
    engine, replay, client, config, parser
):
    add_letter(engine)
    replay.add("/ob/kst-28638-128.xml", NOT_FOUND_PAGE)
    replay.add("/ob/kst-28638-128.html", OB_HTML)
    fetch_letter_texts(engine, client, config)
    text = stored(engine)
    assert text is not None
    assert text.source == "publication"
    assert "toezeggingen gestand" in text.text
    assert "Geen resultaten" not in text.text
    assert replay.requests == ["/ob/kst-28638-128.xml", "/ob/kst-28638-128.html"]


def test_without_a_publication_the_document_resource_is_read_with_the_real_parser(
    engine, replay, client, config
):
    add_letter(engine, content_type="text/plain")
    replay.add(
        f"/SyncFeed/2.0/Resources/{SEED_ID}",
        Reply(body=SEED_TEXT.encode("utf-8"), headers={"Content-Type": "text/plain; charset=utf-8"}),
    )
    counts = fetch_letter_texts(engine, client, config)
    assert counts == {"letters": 1, "publication": 0, "resource": 1, "failed": 0, "resting": 0}
    text = stored(engine)
    assert text is not None
    assert text.source == "resource"
    assert text.publication_id is None
    assert "Voor de zomer 2015 rapporteer ik" in text.text
    assert "\n\nBasisniveau bestuurlijke aanpak mensenhandel" in text.text
    assert replay.requests == [
        "/ob/kst-28638-128.xml",
        "/ob/kst-28638-128.html",
        f"/SyncFeed/2.0/Resources/{SEED_ID}",
    ]


def test_a_letter_outside_a_dossier_goes_straight_to_its_resource(engine, replay, client, config, parser):
    add_letter(engine, dossier=None, volgnummer=-1)
    replay.add(f"/SyncFeed/2.0/Resources/{SEED_ID}", "Geachte voorzitter, hierbij ontvangt u de brief.")
    fetch_letter_texts(engine, client, config)
    assert replay.requests == [f"/SyncFeed/2.0/Resources/{SEED_ID}"]
    text = stored(engine)
    assert text is not None
    assert text.source == "resource"


# --------------------------------------------------------------------------- runs, failures, resumption


def test_a_second_run_fetches_nothing_already_stored(engine, replay, client, config, parser):
    add_letter(engine)
    replay.add("/ob/kst-28638-128.xml", OB_XML)
    fetch_letter_texts(engine, client, config)
    counts = fetch_letter_texts(engine, client, config)
    assert counts["letters"] == 0
    assert len(replay.requests) == 1


def test_a_new_version_of_a_letter_is_fetched_again(engine, replay, client, config, parser):
    add_letter(engine)
    replay.add("/ob/kst-28638-128.xml", OB_XML)
    fetch_letter_texts(engine, client, config)
    with session_scope(engine) as session:
        session.add(
            DocumentVersie(id=f"{SEED_ID}-v2", document_id=SEED_ID, externe_identifier="kst-28638-128")
        )
        doc = session.get(Document, SEED_ID)
        assert doc is not None
        doc.huidige_versie_id = f"{SEED_ID}-v2"
        session.add(doc)
    counts = fetch_letter_texts(engine, client, config)
    assert counts["publication"] == 1
    text = stored(engine)
    assert text is not None
    assert text.versie_id == f"{SEED_ID}-v2"


def test_a_failing_letter_is_recorded_and_skipped_and_succeeds_on_a_later_run(
    engine, replay, client, config, parser
):
    add_letter(engine, "broken", volgnummer=129)
    add_letter(engine)
    replay.add("/ob/kst-28638-128.xml", OB_XML)
    replay.add("/SyncFeed/2.0/Resources/broken", Reply(503), Reply(503), Reply(503), Reply(body=b"De brief."))
    counts = fetch_letter_texts(engine, client, config)
    assert counts["failed"] == 1
    assert counts["publication"] == 1
    assert stored(engine, "broken") is None
    [failure] = failures(engine)
    assert (failure.kind, failure.item_id, failure.attempts, failure.resolved) == (
        "publication",
        "broken",
        1,
        False,
    )
    assert "kst-28638-129.xml" in failure.error

    counts = fetch_letter_texts(engine, client, config)
    assert counts["resource"] == 1
    assert stored(engine, "broken") is not None
    [failure] = failures(engine)
    assert failure.resolved


def test_a_letter_that_keeps_failing_rests_for_a_day(engine, replay, client, config, parser):
    add_letter(engine)
    for run in range(MAX_ATTEMPTS):
        counts = fetch_letter_texts(engine, client, config)
        assert counts["failed"] == 1, run
    asked = len(replay.requests)
    counts = fetch_letter_texts(engine, client, config)
    assert counts["resting"] == 1
    assert len(replay.requests) == asked
    [failure] = failures(engine)
    assert failure.attempts == MAX_ATTEMPTS


def test_a_killed_run_keeps_the_letters_already_stored(engine, replay, client, config, monkeypatch):
    add_letter(engine, "first", volgnummer=1)
    add_letter(engine, "second", volgnummer=2)
    replay.add("/ob/kst-28638-1.xml", OB_XML)
    replay.add("/ob/kst-28638-2.xml", OB_XML)
    calls = []

    def dies_on_the_second(data: bytes, name: str = "") -> SourceText:
        calls.append(name)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return fake_reader(data, name)

    monkeypatch.setattr(publications, "read_document", dies_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        fetch_letter_texts(engine, client, config)
    first_done = [d for d in ("first", "second") if stored(engine, d) is not None]
    assert len(first_done) == 1

    monkeypatch.setattr(publications, "read_document", fake_reader)
    before = len(replay.requests)
    counts = fetch_letter_texts(engine, client, config)
    assert counts["publication"] == 1
    assert len(replay.requests) == before + 1
    assert stored(engine, "first") is not None
    assert stored(engine, "second") is not None


def test_a_resource_of_another_size_than_announced_is_recorded_not_stored(
    engine, replay, client, config, parser
):
    add_letter(engine, dossier=None, volgnummer=-1, content_type="text/plain", content_length=4000)
    replay.add(f"/SyncFeed/2.0/Resources/{SEED_ID}", "Geachte voorzitter, de eerste regels van een brief.")
    counts = fetch_letter_texts(engine, client, config)
    assert (counts["resource"], counts["failed"]) == (0, 1)
    assert stored(engine) is None
    [failure] = failures(engine)
    assert "the feed announced 4,000" in failure.error
