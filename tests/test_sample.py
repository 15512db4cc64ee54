"""The bundled sample snapshot: real texts in the feed's real envelope, valid against the Kamer's XSDs,
complete enough for the whole product to work offline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import xmlschema
from lxml import etree
from sqlmodel import Session, select

from db.engine import session_scope
from db.models import (
    Document,
    DocumentText,
    DocumentVersie,
    Kamerstukdossier,
    SyncFailure,
    Transcript,
    Verslag,
)
from scraper.http import HttpClient
from scraper.publications import fetch_letter_texts
from scraper.sample import SAMPLE_DIR
from scraper.sample.build import CATEGORIES, build
from scraper.transcripts import fetch_transcripts
from tests.conftest import CORPUS, SEED_LETTER, SHARED, XSD, needs_shared
from tests.sync_factories import OFFLINE

ATOM = "{http://www.w3.org/2005/Atom}"
TK = "{http://www.tweedekamer.nl/xsd/tkData/v1-0}"
FEED = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
INDEX = json.loads((SAMPLE_DIR / "index.json").read_text(encoding="utf-8"))


@cache
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


def page(category: str) -> etree._Element:
    entry = INDEX[f"syncfeed/Feed?category={category}"]
    return etree.fromstring((SAMPLE_DIR / entry["file"]).read_bytes())


def entities(category: str) -> Iterator[tuple[etree._Element, etree._Element]]:
    for entry in page(category).iter(f"{ATOM}entry"):
        content = entry.find(f"{ATOM}content")
        assert content is not None
        yield entry, next(iter(content))


def field(entity: etree._Element, name: str) -> list[str]:
    return [(c.text or "") for c in entity if etree.QName(c).localname == name]


def by_field(category: str, name: str) -> dict[str, etree._Element]:
    return {field(e, name)[0]: e for _, e in entities(category) if field(e, name)}


def words(text: str) -> str:
    """Text with hyphenation at line ends and all white space removed, for comparing wordings."""
    return re.sub(r"\s+", "", re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text))


# --------------------------------------------------------------------------- the snapshot as files


def test_every_index_entry_points_at_a_file_in_the_snapshot():
    assert INDEX
    for key, entry in INDEX.items():
        assert key.split("/", 1)[0] in {"syncfeed", "ob", "odata"}, key
        assert (SAMPLE_DIR / entry["file"]).is_file(), key
        assert entry["status"] == 200
        assert entry["content_type"]


def test_the_snapshot_stays_small():
    size = sum(p.stat().st_size for p in SAMPLE_DIR.rglob("*") if p.is_file())
    assert size < 2_000_000


def test_every_file_is_package_data_so_the_wheel_carries_it():
    # pyproject ships *.xml, *.json, *.txt of every package; a folder is a package with an __init__.py
    for path in SAMPLE_DIR.rglob("*"):
        if "__pycache__" in path.parts:
            continue
        if path.is_dir():
            assert (path / "__init__.py").is_file(), path
        else:
            assert path.suffix in {".xml", ".json", ".txt", ".py"}, path


@needs_shared
def test_rebuilding_gives_the_same_snapshot(tmp_path: Path):
    build(SHARED, tmp_path / "snapshot")
    rebuilt = {
        p.relative_to(tmp_path / "snapshot"): p.read_bytes() for p in (tmp_path / "snapshot").rglob("*.*")
    }
    shipped = {
        p.relative_to(SAMPLE_DIR): p.read_bytes()
        for p in SAMPLE_DIR.rglob("*.*")
        if "__pycache__" not in str(p)
    }
    assert rebuilt == shipped


# --------------------------------------------------------------------------- the feed pages


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_category_has_a_first_page_that_ends_the_feed(category):
    root = page(category)
    assert root.tag == f"{ATOM}feed"
    rels = [link.get("rel") for link in root.findall(f"{ATOM}link")]
    assert "next" not in rels
    assert "resume" in rels
    resume = root.find(f"{ATOM}link[@rel='resume']")
    assert resume is not None
    token = re.search(r"skiptoken=(\d+)", resume.get("href", ""))
    assert token
    # a later sync resumes there and finds nothing new
    later = INDEX[f"syncfeed/Feed?category={category}&skiptoken={token[1]}"]
    assert not etree.fromstring((SAMPLE_DIR / later["file"]).read_bytes()).findall(f"{ATOM}entry")
    assert list(entities(category))


@pytest.mark.parametrize("category", CATEGORIES)
def test_entries_have_the_atom_envelope_of_the_live_feed(category):
    tokens = []
    for entry, entity in entities(category):
        entity_id = entity.get("id")
        assert entity_id and GUID.match(entity_id)
        assert entry.findtext(f"{ATOM}title") == entity_id
        assert entry.findtext(f"{ATOM}id") == f"{FEED}/Entiteiten/{entity_id}"
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Tweede Kamer der Staten-Generaal"
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", entry.findtext(f"{ATOM}updated") or "")
        term = entry.find(f"{ATOM}category").get("term")
        assert term == category[0].lower() + category[1:] == etree.QName(entity).localname
        assert entity.tag == f"{TK}{term}"
        nxt = entry.find(f"{ATOM}link[@rel='next']").get("href")
        m = re.match(rf"^{re.escape(FEED)}/Feed\?category={category}&skiptoken=(\d+)$", nxt or "")
        assert m, nxt
        tokens.append(int(m[1]))
        assert entry.find(f"{ATOM}content").get("type") == "application/xml"
    assert tokens == sorted(set(tokens))


@pytest.mark.parametrize("category", ["Document", "Verslag"])
def test_files_are_announced_with_type_length_and_an_enclosure(category):
    for entry, entity in entities(category):
        attrs = {etree.QName(k).localname: v for k, v in entity.attrib.items()}
        assert attrs["contentType"]
        assert int(attrs["contentLength"]) > 0
        enclosure = entry.find(f"{ATOM}link[@rel='enclosure']")
        assert enclosure is not None
        assert enclosure.get("href") == f"{FEED}/Resources/{entity.get('id')}"
        served = INDEX.get(f"syncfeed/Resources/{entity.get('id')}")
        if served:  # what the sample serves has exactly the announced length
            assert (SAMPLE_DIR / served["file"]).stat().st_size == int(attrs["contentLength"])


def _without_repeats(entity: etree._Element, name: str) -> etree._Element:
    copy = etree.fromstring(etree.tostring(entity))
    for extra in [c for c in copy if etree.QName(c).localname == name][1:]:
        copy.remove(extra)
    return copy


def _without(entity: etree._Element, name: str) -> etree._Element:
    copy = etree.fromstring(etree.tostring(entity))
    for extra in [c for c in copy if etree.QName(c).localname == name]:
        copy.remove(extra)
    return copy


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_entity_validates_against_the_official_xsd_but_the_live_deviations(category):
    repeats = nested = 0
    for _, entity in entities(category):
        if len(field(entity, "kamerbriefNakoming")) > 1:
            # the live feed repeats kamerbriefNakoming, which the XSD allows once
            with pytest.raises(xmlschema.XMLSchemaValidationError):
                schema().validate(entity)
            entity = _without_repeats(entity, "kamerbriefNakoming")
            repeats += 1
        if any(etree.QName(c).localname == "toegezegdAan" for c in entity):
            # the live register's undeclared <toegezegdAan><persoon ref/><fractie ref/></toegezegdAan>
            with pytest.raises(xmlschema.XMLSchemaValidationError):
                schema().validate(entity)
            entity = _without(entity, "toegezegdAan")
            nested += 1
        schema().validate(entity)
    assert (repeats, nested) == ((1, 2) if category == "Toezegging" else (0, 0))


def test_the_registers_debate_promises_name_the_member_they_answered_by_real_persoon_id():
    members = {e.get("id"): e for _, e in entities("Persoon")}
    parties = {e.get("id"): field(e, "afkorting")[0] for _, e in entities("Fractie")}
    made_to = {}
    for _, e in entities("Toezegging"):
        for group in (c for c in e if etree.QName(c).localname == "toegezegdAan"):
            refs = {etree.QName(c).localname: c.get("ref") for c in group}
            made_to[field(e, "nummer")[0]] = (
                field(members[refs["persoon"]], "achternaam")[0],
                parties[refs["fractie"]],
            )
    assert made_to == {"TZ202507-021": ("Eerdmans", "JA21"), "TZ202507-022": ("Vijlbrief", "D66")}
    assert "56a43503-f031-4cec-bced-29ef74caa676" in members  # Eerdmans' objectid in the transcript


# --------------------------------------------------------------------------- the content


def test_the_seed_letter_is_there_with_its_publication_built_from_the_real_text():
    seed = by_field("DocumentVersie", "externeidentifier")["kst-28638-128"]
    doc_id = seed.find(f"{TK}document").get("ref")
    [document] = [e for _, e in entities("Document") if e.get("id") == doc_id]
    assert field(document, "soort") == ["Brief regering"]
    assert field(document, "datum")[0].startswith("2014-12-16")
    assert re.match(r"^2014D\d{5}$", field(document, "documentNummer")[0])
    dossier_ref = document.find(f"{TK}kamerstukdossier").get("ref")
    [dossier] = [e for _, e in entities("Kamerstukdossier") if e.get("id") == dossier_ref]
    assert field(dossier, "nummer") == ["28638"]
    assert field(dossier, "titel") == ["Mensenhandel"]
    [actor] = [e for _, e in entities("DocumentActor") if e.find(f"{TK}document").get("ref") == doc_id]
    assert field(actor, "actorNaam") == ["I.W. Opstelten"]
    assert field(actor, "functie") == ["minister van Veiligheid en Justitie"]

    xml = (SAMPLE_DIR / INDEX["ob/kst-28638-128.xml"]["file"]).read_bytes()
    root = etree.fromstring(xml)
    assert root.tag == "officiele-publicatie"
    assert root.find("kamerstuk/stuk/brief/dagtekening/datum").get("isodatum") == "2014-12-16"
    assert [n.findtext("noot.al") for n in root.iter("noot")] == ["Raadpleegbaar via www.tweedekamer.nl"]
    original = words(SEED_LETTER.read_text(encoding="utf-8"))
    paragraphs = [el for el in root.iter("al", "tussenkop")]
    assert len(paragraphs) > 20
    for el in paragraphs:
        text = (el.text or "") + "".join((n.findtext("noot.nr") or "") + (n.tail or "") for n in el)
        assert words(text) in original, text[:80]


def test_the_register_holds_the_commitments_the_seed_letter_answers():
    activiteiten = by_field("Activiteit", "nummer")
    aos = {
        nummer: field(a, "datum")[0][:10]
        for nummer, a in activiteiten.items()
        if field(a, "soort") == ["Algemeen overleg"]
    }
    assert sorted(aos.values()) == ["2013-10-31", "2014-09-03"]
    mensenhandel = [e for _, e in entities("Toezegging") if field(e, "activiteitNummer")[0] in aos]
    assert len(mensenhandel) >= 3
    for entry in mensenhandel:
        assert field(entry, "ministerie") == ["Veiligheid en Justitie"]
        assert field(entry, "tekst")[0].startswith("De minister ")
        ref = entry.find(f"{TK}activiteit").get("ref")
        assert ref == activiteiten[field(entry, "activiteitNummer")[0]].get("id")
    statuses = [field(e, "status")[0] for e in mensenhandel]
    assert "Openstaand" in statuses
    assert "Voldaan" in statuses
    assert any(field(e, "datumNakoming") == ["0001-01-01T00:00:00Z"] for e in mensenhandel)
    seed_number = field(
        next(e for _, e in entities("Document") if field(e, "volgnummer") == ["128"]), "documentNummer"
    )[0]
    voldaan = [e for e in mensenhandel if field(e, "status") == ["Voldaan"]]
    assert all(seed_number in field(e, "kamerbriefNakoming") for e in voldaan)
    assert any(len(field(e, "kamerbriefNakoming")) > 1 for e in mensenhandel)


def test_several_ministries_sent_the_letters():
    functies = {field(e, "functie")[0] for _, e in entities("DocumentActor")}
    assert len(functies) >= 5
    for _, entity in entities("DocumentVersie"):
        for ext in field(entity, "externeidentifier"):
            assert f"ob/{ext}.xml" in INDEX


def test_one_letter_has_no_publication_and_is_served_as_its_document_file():
    versies = {e.find(f"{TK}document").get("ref"): e for _, e in entities("DocumentVersie")}
    without = [doc for doc, v in versies.items() if not field(v, "externeidentifier")]
    assert len(without) == 1
    assert f"syncfeed/Resources/{without[0]}" in INDEX


@needs_shared
def test_the_transcripts_are_the_real_vlos_files_under_their_real_ids():
    verslagen = list(entities("Verslag"))
    assert len(verslagen) >= 4
    for _, entity in verslagen:
        vergadering = entity.find(f"{TK}vergadering").get("ref")
        [source] = (CORPUS / "tk-vlos-verslagen").glob(f"sample_vlos_{vergadering}_{entity.get('id')}.xml")
        served = SAMPLE_DIR / INDEX[f"syncfeed/Resources/{entity.get('id')}"]["file"]
        assert served.read_bytes() == source.read_bytes()
        root = etree.fromstring(source.read_bytes())
        assert field(entity, "soort") == [root.get("soort")]
        assert field(entity, "status") == [root.get("status")]


def test_some_registered_commitments_are_read_out_by_the_chair_of_a_debate():
    chair_items = set()
    for _, entity in entities("Verslag"):
        raw = (SAMPLE_DIR / INDEX[f"syncfeed/Resources/{entity.get('id')}"]["file"]).read_bytes()
        root = etree.fromstring(raw)
        for item in root.iter("{*}alineaitem"):
            chair_items.add(" ".join("".join(item.itertext()).split()))
    registered = [field(e, "tekst")[0] for _, e in entities("Toezegging")]
    assert sum(text in chair_items for text in registered) >= 2


# --------------------------------------------------------------------------- end to end with the fetchers


def _rows_from_the_feed(engine) -> None:
    """What the sync stores from the feed, reduced to what the fetchers read."""
    with session_scope(engine) as session:
        for _, e in entities("Kamerstukdossier"):
            session.add(Kamerstukdossier(id=e.get("id"), nummer=field(e, "nummer")[0]))
        for _, e in entities("Document"):
            attrs = {etree.QName(k).localname: v for k, v in e.attrib.items()}
            session.add(
                Document(
                    id=e.get("id"),
                    soort=field(e, "soort")[0],
                    volgnummer=int(field(e, "volgnummer")[0]),
                    dossier_id=e.find(f"{TK}kamerstukdossier").get("ref"),
                    huidige_versie_id=e.find(f"{TK}huidigeDocumentVersie").get("ref"),
                    content_type=attrs["contentType"],
                )
            )
        for _, e in entities("DocumentVersie"):
            ext = field(e, "externeidentifier")
            session.add(
                DocumentVersie(
                    id=e.get("id"),
                    document_id=e.find(f"{TK}document").get("ref"),
                    externe_identifier=ext[0] if ext else None,
                )
            )
        for _, e in entities("Verslag"):
            session.add(
                Verslag(
                    id=e.get("id"),
                    vergadering_id=e.find(f"{TK}vergadering").get("ref"),
                    soort=field(e, "soort")[0],
                    status=field(e, "status")[0],
                )
            )


def test_letters_and_transcripts_come_from_the_sample_without_a_network(sqlite_engine):
    config = OFFLINE
    _rows_from_the_feed(sqlite_engine)
    with HttpClient.from_config(config, snapshot=SAMPLE_DIR) as client:
        letters = fetch_letter_texts(sqlite_engine, client, config)
        meetings = fetch_transcripts(sqlite_engine, client, config)
    assert letters == {"letters": 6, "publication": 5, "resource": 1, "failed": 0, "resting": 0}
    assert meetings["fetched"] == 4
    with Session(sqlite_engine) as session:
        assert not session.exec(select(SyncFailure)).all()
        texts = session.exec(select(DocumentText)).all()
        assert {t.publication_id for t in texts if t.source == "publication"} == {
            key.removeprefix("ob/").removesuffix(".xml") for key in INDEX if key.startswith("ob/")
        }
        assert all(t.text.strip() for t in texts)
        assert len(session.exec(select(Transcript)).all()) == 4
