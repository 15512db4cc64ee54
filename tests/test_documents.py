"""Reading documents into text with segments: plain text, officiële bekendmakingen, VLOS, PDF, Word."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import CORPUS, DEVSET, FIXTURES, SEED_LETTER, SHARED, VLOS_CUT, VLOS_TRANSCRIPTS
from tracker.documents import MAX_BYTES, SourceText, UnreadableDocument, detect_format, read_document

# Real files the tests carry (origins in tests/fixtures/README.md and the READMEs beside them): a .gz is read
# as the file it compresses.
DOC_FIXTURES = FIXTURES / "documents"
HANDELINGEN_DIR = FIXTURES / "corpus" / "handelingen"
OP_DIR = FIXTURES / "corpus"
# Dev-set documents with their labels (tests/fixtures/devset), and the seed letter with its label.
FIXTURE_DOCS = [*sorted((FIXTURES / "devset").glob("*.txt")), SEED_LETTER]
VLOS = VLOS_TRANSCRIPTS
NEEDS_DEVSET = f"the whole dev set needs ../shared ({DEVSET}); its copies in tests/fixtures/devset run"


def _vlos(prefix: str) -> Path:
    return VLOS[prefix]


def _bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _read(path: Path) -> SourceText:
    return read_document(_bytes(path), path.name.removesuffix(".gz"))


def _docs(leave_out: str | None = None) -> list[Any]:
    """The real documents with a date label: the fixture copies always, the whole dev set when it is there."""

    def kept(path: Path) -> bool:
        return leave_out is None or not path.stem.startswith(leave_out)

    params = [pytest.param(p, id=f"fixture-{p.stem}") for p in FIXTURE_DOCS if kept(p)]
    if not DEVSET.is_dir():
        return [*params, pytest.param(None, id="devset", marks=pytest.mark.skip(reason=NEEDS_DEVSET))]
    return [
        *params,
        *(pytest.param(p, id=p.stem) for p in sorted((DEVSET / "docs").glob("*.txt")) if kept(p)),
    ]


def _texts(doc: SourceText, kind: str | None = None) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.segments if kind is None or s.kind == kind]


def _assert_segments_fit(doc: SourceText) -> None:
    for s in doc.segments:
        assert 0 <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start : s.end] == doc.text[s.start : s.end].strip()


def _devset_date(path: Path) -> date | None:
    stated = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["date"]
    return date.fromisoformat(stated) if stated else None


# --- plain text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", _docs())
def test_a_devset_document_gives_the_date_its_label_states(path: Path) -> None:
    assert _read(path).date == _devset_date(path)


@pytest.mark.parametrize("path", _docs())
def test_plain_text_is_kept_exactly_as_python_reads_it(path: Path) -> None:
    doc = _read(path)
    assert doc.text == path.read_text(encoding="utf-8")
    _assert_segments_fit(doc)


def test_the_seed_letter_is_a_letter_in_paragraphs() -> None:
    doc = _read(SEED_LETTER)
    assert doc.kind == "letter"
    texts = _texts(doc)
    assert texts[0] == "Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2014–2015"
    assert "Den Haag, 16 december 2014" in texts
    assert all(s.kind == "paragraph" for s in doc.segments)


def _plain_transcript(*turns: tuple[str, list[str]]) -> SourceText:
    text = "\n\n".join(f"{speaker}:\n\n" + "\n\n".join(paragraphs) for speaker, paragraphs in turns)
    return read_document(text.encode(), "debat.txt")


def _chair_items(doc: SourceText) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.segments if s.chair_list]


@pytest.mark.parametrize(
    ("paragraphs", "items"),
    [
        (  # numbered, with the chair's checks in between
            [
                "De toezeggingen.",
                "Eén. De minister stuurt in oktober een brief.",
                "Check.",
                "Is dat voor het reces? September, hoor ik.",
                "Punt twee. De Kamer ontvangt de agenda voor het kerstreces.",
                "Dat waren de toezeggingen.",
                "De minister zal de Kamer informeren.",
            ],
            [
                "Eén. De minister stuurt in oktober een brief.",
                "Punt twee. De Kamer ontvangt de agenda voor het kerstreces.",
            ],
        ),
        (  # several numbered items in one paragraph are split
            [
                "Ik heb de volgende toezeggingen genoteerd.",
                "Eén. De minister stuurt een brief. Twee. De minister belt.",
            ],
            ["Eén. De minister stuurt een brief.", "Twee. De minister belt."],
        ),
        (  # one per paragraph, without numbers: the entries that read like the register
            [
                "Nu kom ik bij de toezeggingen.",
                "De staatssecretaris zegt de Kamer toe de Kamer voor de zomer te informeren.",
                "Klopt dat?",
                "Het woord is aan de minister.",
                "Er wordt instemmend geknikt vanuit de hoek van de minister.",
                "Het onderwerp start-ups wordt meegenomen in de voortgangsbrief.",
                "We gaan de toezegging aanpassen naar hoe de staatssecretaris het zegt.",
                "De minister komt terug op het verzoek om informatie.",
            ],
            [
                "De staatssecretaris zegt de Kamer toe de Kamer voor de zomer te informeren.",
                "Het onderwerp start-ups wordt meegenomen in de voortgangsbrief.",
                "De minister komt terug op het verzoek om informatie.",
            ],
        ),
        (
            ["De minister zal de Kamer informeren.", "Eén. De minister stuurt een brief."],
            [],
        ),  # no announcement
    ],
)
def test_the_chairs_closing_list_in_a_plain_transcript_is_marked_item_by_item(
    paragraphs: list[str], items: list[str]
) -> None:
    doc = _plain_transcript(("Minister Jansen", ["Dank u wel."]), ("De voorzitter", paragraphs))
    assert _chair_items(doc) == items
    assert all(s.kind == "list_item" and s.speaker_role == "chair" for s in doc.segments if s.chair_list)
    _assert_segments_fit(doc)


def test_a_members_words_after_the_announcement_are_no_items() -> None:
    doc = _plain_transcript(
        ("De voorzitter", ["De toezeggingen."]),
        ("De heer Jansen (SP)", ["Eén. De minister moet een brief sturen."]),
        ("De voorzitter", ["Eén. De minister stuurt een brief."]),
    )
    assert _chair_items(doc) == ["Eén. De minister stuurt een brief."]


_TURN_PIECES = st.sampled_from(
    [
        "De toezeggingen.",
        "Eén. De minister stuurt een brief.",
        "Twee. De Kamer ontvangt de agenda. Drie. De minister belt.",
        "De staatssecretaris zal de Kamer informeren.",
        "Klopt dat?",
        "Dat waren de toezeggingen.",
        "Check.",
        "Ik dank u wel.",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["De voorzitter", "Minister Jansen", "De heer Pol (SP)"]),
            st.lists(_TURN_PIECES, min_size=1, max_size=4),
        ),
        min_size=2,
        max_size=6,
    )
)
def test_only_the_chairs_paragraphs_after_an_announcement_become_items(
    turns: list[tuple[str, list[str]]],
) -> None:
    doc = _plain_transcript(*turns)
    _assert_segments_fit(doc)
    for s in doc.segments:
        if s.chair_list:
            assert s.speaker_role == "chair"
            assert "toezeggingen" in doc.text[: s.start]
            assert "?" not in doc.text[s.start : s.end]


@pytest.mark.parametrize(
    "prefix", ["0c43e57f", "16a72e1d", "3ad601d2", "8f376d4c", "d972288f", "e3b6c21d", "f001a349"]
)
def test_a_vlos_transcript_printed_as_text_gives_the_same_chair_list(prefix: str) -> None:
    xml = _read(_vlos(prefix))
    paragraphs = [xml.text[s.start : s.end] for s in xml.segments if s.kind in ("paragraph", "list_item")]
    plain = read_document("\n\n".join(paragraphs).encode(), "debat.txt")
    fold = " ".join
    assert [fold(plain.text[s.start : s.end].split()) for s in plain.segments if s.chair_list] == [
        fold(xml.text[s.start : s.end].split()) for s in xml.segments if s.chair_list
    ]


def test_a_real_plain_text_chair_list_gives_its_eight_items() -> None:
    path = (
        Path(__file__).resolve().parent.parent
        / "evaluation"
        / "heldout"
        / "docs"
        / "vlos-vws-toezeggingen.txt"
    )
    items = _chair_items(_read(path))
    assert len(items) == 8
    assert items[0].startswith("Eén. De minister zal in oktober een brief")
    assert items[-1] == "Punt acht. De Kamer ontvangt de agenda wijkverpleging voor het kerstreces."


def test_a_debate_kept_as_text_is_a_transcript_with_turns_from_its_speaker_lines() -> None:
    doc = _read(FIXTURES / "devset" / "h-tk-20162017-56-5.txt")
    assert doc.date is None
    assert doc.kind == "transcript"
    turns = [s for s in doc.segments if s.kind == "turn"]
    assert [(s.speaker, s.speaker_role) for s in turns] == [
        ("De heer Voordewind", "member"),
        ("De voorzitter", "chair"),
    ]
    assert doc.text[turns[0].start :].startswith("De heer Voordewind (ChristenUnie):\n\nVoorzitter. Op zich")
    assert doc.text[turns[1].start : turns[1].end].startswith("De voorzitter:\n\nDeze motie is voorgesteld")
    assert turns[1].end == len(doc.text.rstrip())  # the excerpt stops in the chair's turn


@pytest.mark.parametrize("path", _docs(leave_out="h-"))
def test_a_devset_letter_is_read_as_a_letter(path: Path) -> None:
    assert _read(path).kind == "letter"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Den Haag, 16 december 2014\n\nGeachte voorzitter,", date(2014, 12, 16)),
        ("'s-Gravenhage, 3 januari 1999\n", date(1999, 1, 3)),
        ("Aan de Voorzitter van de Tweede Kamer Den Haag, 12 maart 2024\n", date(2024, 3, 12)),
        ("Datum 6 december 2018\nBetreft Toezeggingen\n", date(2018, 12, 6)),
        ("- - Datum Bijlage(n) 16 juni 2008 - Ons kenmerk VenW/DGW 2008/927\n", date(2008, 6, 16)),
        (
            "De Voorzitter van de vaste commissie voor VWS\n\n\n12 januari 2000\n\nNaar aanleiding",
            date(2000, 1, 12),
        ),
        ("Datum\n6 december 2018\nBetreft Toezeggingen\n", date(2018, 12, 6)),
        ("Datum: 1 mei 2020\n", date(2020, 5, 1)),
        ("Vastgesteld 2 september 2022\n", date(2022, 9, 2)),
        ("Antwoord van minister X (ontvangen 17 juni 2021).\n", date(2021, 6, 17)),
        ("Documentdatum 12-03-2024\n", date(2024, 3, 12)),
        ("Vergaderjaar 2014–2015\n\n28 638 Mensenhandel\n", None),
        ("Datum publicatieOrganisatieVergaderjaar\nTweede Kamer2016-2017\n", None),
        ("Den Haag, 31 februari 2014\n", None),
        ("Op 8 november 2018 vond het overleg plaats.\n", None),
    ],
)
def test_the_date_a_letter_states_for_itself(head: str, expected: date | None) -> None:
    assert read_document(head.encode(), "brief.txt").date == expected


def test_a_date_line_deep_in_a_long_text_is_not_taken_for_the_letters_date() -> None:
    text = "Geachte voorzitter,\n\n" + "Een zin over beleid. " * 1000 + "\n\nDen Haag, 1 april 2020\n"
    assert read_document(text.encode(), "brief.txt").date is None


@pytest.mark.parametrize(
    "data",
    [
        "Den Haag, 16 december 2014\n\ngeïnformeerd – «zo»".encode(),
        "\ufeffDen Haag, 16 december 2014\n\ngeïnformeerd – «zo»".encode(),
        "Den Haag, 16 december 2014\n\ngeïnformeerd – «zo»".encode("cp1252"),
        "Den Haag, 16 december 2014\n\ngeïnformeerd – «zo»".encode("utf-16"),
        "Den Haag, 16 december 2014\r\n\r\ngeïnformeerd – «zo»".encode(),
        "Den Haag, 16 december 2014\n\ngeïnformeerd – «zo»".encode().decode("cp1252").encode(),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "utf16", "crlf", "mojibake"],
)
def test_plain_text_is_decoded_whatever_its_encoding(data: bytes) -> None:
    doc = read_document(data, "brief.txt")
    assert doc.text == "Den Haag, 16 december 2014\n\ngeïnformeerd – «zo»"
    assert doc.date == date(2014, 12, 16)
    assert _texts(doc) == ["Den Haag, 16 december 2014", "geïnformeerd – «zo»"]


@pytest.mark.parametrize(
    ("mangled", "repaired"),
    [
        ("cliÃ«ntondersteuner", "cliëntondersteuner"),
        ("Ik heb Ã©Ã©n motie.", "Ik heb één motie."),
        ("RIECâ€™s", "RIEC’s"),
        ("Ã‰Ã‰N", "ÉÉN"),
        ("Šefčovič".encode().decode("latin-1"), "Šefčovič"),
        ("café Ñandú, «zó»", "café Ñandú, «zó»"),  # real accents stay as they are
    ],
)
def test_mojibake_is_repaired(mangled: str, repaired: str) -> None:
    assert read_document(mangled.encode(), "x.txt").text == repaired


# --- VLOS transcripts --------------------------------------------------------------------------------------

# Chair-list items counted by reading each file's closing chair turns (the alineaitems in <lijst>):
# Nationale fiscaliteit 8 ("CO2-doelen" … "informatiebeschikking"), RBZ 2 (OPCW, advocatenkantoor),
# VWS "Eén" … "Punt acht" 8, MIRT 15 (toezegging one to fifteen, RET last), Slachtofferbeleid 6,
# Internationale fiscaliteit 8 (Pijler 2 … trading tax), Staat van de Economie 6 ("een zestal"),
# the plenary 0 and the empty Casco 0.
VLOS_FILES = [
    (
        "0c43e57f",
        date(2025, 7, 2),
        "Nationale fiscaliteit",
        8,
        "De staatssecretaris zal ten aanzien van de CO2",
    ),
    ("16a72e1d", date(2025, 7, 2), "Raad Buitenlandse Zaken 15 juli 2025", 2, "De minister zegt toe dat"),
    ("3ad601d2", date(2025, 7, 2), "Jaarverslag 2024 van het ministerie van VWS", 8, "Eén. De minister zal"),
    (
        "8f376d4c",
        date(2025, 7, 2),
        "Meerjarenprogramma Infrastructuur",
        15,
        "De Kamer ontvangt in het najaar",
    ),
    ("be33e3cf", date(2025, 7, 3), "Procedurevergadering commissie Binnenlandse Zaken", 0, None),
    ("ce0428cf", date(2025, 7, 3), "104e vergadering, donderdag 3 juli 2025", 0, None),
    ("d972288f", date(2025, 7, 2), "Slachtofferbeleid", 6, "De staatssecretaris Rechtsbescherming zegt"),
    (
        "e3b6c21d",
        date(2025, 7, 3),
        "Internationale fiscaliteit",
        8,
        "Ten aanzien van de aanpassingen van Pijler 2",
    ),
    ("f001a349", date(2025, 7, 2), "Staat van de Economie", 6, "De minister komt nog voor de zomer"),
]


@pytest.mark.parametrize(
    ("prefix", "day", "title", "n_items", "first_item"), VLOS_FILES, ids=lambda v: str(v)
)
def test_a_vlos_transcript_gives_its_date_title_and_the_chairs_list_of_toezeggingen(
    prefix: str, day: date, title: str, n_items: int, first_item: str | None
) -> None:
    doc = _read(_vlos(prefix))
    assert doc.kind == "transcript"
    assert doc.date == day
    assert doc.title is not None and doc.title.startswith(title)
    items = [s for s in doc.segments if s.chair_list]
    assert len(items) == n_items
    assert all(s.kind == "list_item" and s.speaker_role == "chair" for s in items)
    if first_item:
        assert doc.text[items[0].start : items[0].end].startswith(first_item)
    _assert_segments_fit(doc)


def test_the_empty_casco_transcript_gives_an_empty_but_valid_text() -> None:
    doc = _read(_vlos("be33e3cf"))
    assert doc.text == ""
    assert doc.segments == ()
    assert doc.meta["status"] == "Casco"


def test_every_turn_in_a_transcript_has_a_speaker_and_a_role() -> None:
    doc = _read(_vlos("d972288f"))
    turns = [s for s in doc.segments if s.kind == "turn"]
    assert len(turns) == 125  # 55 woordvoerders and 70 interrumpanten
    speakers = {(s.speaker, s.speaker_role) for s in turns}
    assert speakers == {
        ("De voorzitter", "chair"),
        ("Staatssecretaris Struycken", "staatssecretaris"),
        ("Mevrouw Mutluer", "member"),
        ("De heer Verkuijlen", "member"),
        ("De heer Koops", "member"),
        ("De heer Crijns", "member"),
        ("De heer Van Nispen", "member"),  # chairs most of the debate, speaks as a member in between
        ("De heer Eerdmans", "member"),
    }


def test_a_turn_starts_with_the_speakers_name_line_and_holds_its_paragraphs() -> None:
    doc = _read(_vlos("d972288f"))
    turn = next(s for s in doc.segments if s.kind == "turn" and s.speaker_role == "staatssecretaris")
    text = doc.text[turn.start : turn.end]
    assert text.startswith("Staatssecretaris Struycken:\n\n")
    inner = [s for s in doc.segments if s.kind == "paragraph" and turn.start <= s.start and s.end <= turn.end]
    assert inner and all(s.speaker == "Staatssecretaris Struycken" for s in inner)


@pytest.mark.parametrize(
    ("prefix", "speaker", "role"),
    [
        ("16a72e1d", "Minister Veldkamp", "minister"),
        ("0c43e57f", "De voorzitter", "chair"),
        ("ce0428cf", None, "minister"),  # "minister van Volkshuisvesting …, viceminister-president"
    ],
)
def test_bewindspersonen_are_recognised_by_their_function(
    prefix: str, speaker: str | None, role: str
) -> None:
    doc = _read(_vlos(prefix))
    roles = {(s.speaker, s.speaker_role) for s in doc.segments if s.kind == "turn"}
    assert any(r == role and (speaker is None or n == speaker) for n, r in roles)


def test_a_member_who_says_toezeggingen_does_not_start_the_chairs_list() -> None:
    body = (
        "<tekst><alinea><alineaitem>{}</alineaitem></alinea>"
        "<alinea><lijst><alineaitem>punt één</alineaitem></lijst></alinea></tekst>"
    )
    turn = (
        '<woordvoerder><spreker soort="Tweede Kamerlid"><aanhef>De heer</aanhef>'
        "<verslagnaam>{name}</verslagnaam><functie>lid Tweede Kamer</functie></spreker>"
        "<isvoorzitter>{chair}</isvoorzitter>{body}</woordvoerder>"
    )
    xml = (
        '<vlosCoreDocument xmlns="http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0"><vergadering>'
        "<titel>Test</titel><datum>2025-07-02T00:00:00</datum><activiteit><titel>Debat</titel>"
        "<activiteithoofd><activiteitdeel><activiteititem>"
        + "".join(
            turn.format(name=name, chair=chair, body=body.format(said))
            for name, chair, said in [
                ("Jansen", "false", "Ik wil toezeggingen."),
                ("Pieters", "true", "Goed."),
                ("Pieters", "true", "De toezeggingen."),
            ]
        )
        + "</activiteititem></activiteitdeel></activiteithoofd></activiteit></vergadering></vlosCoreDocument>"
    )
    doc = read_document(xml.encode(), "verslag.xml")
    items = [s for s in doc.segments if s.kind == "list_item"]
    assert [s.chair_list for s in items] == [False, False, True]
    assert [s.speaker_role for s in items] == ["member", "chair", "chair"]


# --- officiële bekendmakingen XML and HTML ------------------------------------------------------------


@pytest.mark.parametrize("name", ["kst-28638-128.xml", "kst-28638-128.html"])
def test_a_kamerstuk_gives_its_letter_in_paragraphs_list_items_and_footnotes(name: str) -> None:
    doc = _read(DOC_FIXTURES / name)
    assert doc.kind == "letter"
    assert doc.date == date(2014, 12, 16)
    assert doc.meta["publication"] == "kst-28638-128"
    assert doc.meta["dossier"] == "28638"
    assert doc.meta["number"] == "128"
    assert _texts(doc, "list_item") == [
        "A) «identificatie»;",
        "B) «zorg, steun en bescherming»;",
        "C) «bestrijding met geïntegreerde aanpak»;",
        "D) «hulp naar zelfstandigheid».",
    ]
    assert doc.footnotes == ("1 Raadpleegbaar via www.tweedekamer.nl",)
    assert _texts(doc, "footnote") == ["1 Raadpleegbaar via www.tweedekamer.nl"]
    assert doc.segments[-1].kind == "footnote"
    assert "Stroomschema partijen betrokken bij aanpak mensenhandel" in _texts(doc, "heading")
    paragraphs = _texts(doc, "paragraph")
    assert (
        "Voor de zomer 2015 rapporteer ik middels een voortgangsrapportage over de in het kader van het "
        "Nationaal Verwijsmechanisme Mensenhandel genomen stappen."
    ) in paragraphs
    assert any(p.endswith("betrokken partijen1.") for p in paragraphs)  # the marker stays, the note moves
    assert "\n\n".join(_texts(doc)) == doc.text  # paragraphs apart by a blank line, nothing else in between
    _assert_segments_fit(doc)


def test_html_page_furniture_and_br_lines_are_handled() -> None:
    doc = _read(DOC_FIXTURES / "kst-28638-128.html")
    assert "Stroomschema" not in doc.text.split("\n\n")[0]  # the table of contents is left out
    assert "Kamerstuk 28 638, nr. 128" not in doc.text[:40]  # so is the running head
    assert "De Minister van Veiligheid en Justitie, I.W. Opstelten" in doc.text


def test_the_real_staatsblad_xml_gives_its_articles_list_and_signing_date() -> None:
    doc = _read(OP_DIR / "stb.xml")
    assert doc.date == date(2018, 3, 9)
    assert doc.meta["publication"] == "stb-2018-84"
    assert doc.title is not None and doc.title.startswith("Besluit van 9 maart 2018")
    assert "Artikel 1" in _texts(doc, "heading")
    items = _texts(doc, "list_item")
    assert (
        len(items) == 2
        and items[0].startswith("a. op de voorzijde")
        and items[1].startswith("b. op de keerzijde")
    )


def test_the_real_staatsblad_html_gives_its_body_and_meta() -> None:
    doc = _read(OP_DIR / "stb.html")
    assert doc.date == date(2014, 7, 14)
    assert doc.meta["publication"] == "stb-2014-296"
    assert doc.meta["issued"] == "2014-07-29"
    assert doc.text.startswith("Besluit van 14 juli 2014, houdende verlenging")
    assert "NOTA VAN TOELICHTING" in _texts(doc, "heading")
    assert "Aanhef" not in doc.text  # the table of contents


def test_an_answer_to_written_questions_is_dated_by_its_received_date_not_the_questions() -> None:
    data = (
        b"<officiele-publicatie><aanhangsel><vraag><al>Vragen van het lid X (ingezonden "
        b'<datum isodatum="2021-05-19">19 mei 2021</datum>).</al></vraag><antwoord>'
        b"<al>Antwoord van staatssecretaris Y (ontvangen 17 juni 2021).</al></antwoord></aanhangsel>"
        b"</officiele-publicatie>"
    )
    doc = read_document(data, "ah-tk.xml")
    assert doc.kind == "letter"
    assert doc.date == date(2021, 6, 17)


def test_nested_xml_lists_and_notes_in_list_items_are_kept_apart() -> None:
    data = (
        b"<officiele-publicatie><lijst><li><li.nr>1.</li.nr><al>ja<noot type='voet'><noot.nr>2</noot.nr>"
        b"<noot.al>zie bijlage</noot.al></noot></al><lijst><li><li.nr>a.</li.nr><al>sub</al></li></lijst>"
        b"</li></lijst></officiele-publicatie>"
    )
    doc = read_document(data, "x.xml")
    assert [(s.kind, doc.text[s.start : s.end]) for s in doc.segments] == [
        ("list_item", "1. ja2"),
        ("list_item", "a. sub"),
        ("footnote", "2 zie bijlage"),
    ]


def test_an_articles_lid_number_goes_with_its_first_paragraph() -> None:
    paragraphs = _texts(_read(OP_DIR / "stb.xml"), "paragraph")
    assert any(p.startswith("1. De bestanddelen van de beeldenaar") for p in paragraphs)
    assert (
        "2. De vijf-euromunt heeft een gladde rand en draagt het randschrift «GOD * ZIJ * MET * ONS»."
        in paragraphs
    )
    assert "1." not in paragraphs


def test_html_list_items_keep_their_paragraphs_together_and_nested_lists_apart() -> None:
    data = (
        b'<html><body><div class="stuk"><p>Intro:</p><ul><li><span class="nr">&#8211;</span>'
        b"<p>eerste punt</p><p>vervolg</p></li><li>tweede<ul><li>sub a</li></ul></li></ul>"
        b'<div class="noten"><p>1 noot</p></div></div></body></html>'
    )
    doc = read_document(data, "x.html")
    assert [(s.kind, doc.text[s.start : s.end]) for s in doc.segments] == [
        ("paragraph", "Intro:"),
        ("list_item", "– eerste punt vervolg"),
        ("list_item", "tweede"),
        ("list_item", "sub a"),
        ("footnote", "1 noot"),
    ]


@pytest.mark.parametrize(
    ("name", "n_turns", "minister"),
    [
        ("h-tk-20172018-70-4.xml", 20, "Minister De Jonge"),
        ("h-tk-20172018-70-10.xml", 95, "Minister Ollongren"),
    ],  # <spreekbeurt> counts,
)
def test_handelingen_give_turns_with_speakers_and_repaired_mojibake(
    name: str, n_turns: int, minister: str
) -> None:
    doc = _read(HANDELINGEN_DIR / f"{name}.gz")
    assert doc.kind == "transcript"
    turns = [s for s in doc.segments if s.kind == "turn"]
    assert len(turns) == n_turns
    assert (minister, "minister") in {(s.speaker, s.speaker_role) for s in turns}
    assert turns[0].speaker == "De voorzitter" and turns[0].speaker_role == "chair"
    assert "Ã" not in doc.text and "Â" not in doc.text


def test_a_handelingen_turn_keeps_the_speaker_line_as_printed() -> None:
    doc = _read(HANDELINGEN_DIR / "h-tk-20172018-70-4.xml.gz")
    assert "Mevrouw Bergkamp (D66):\n\nDank u wel, voorzitter. Ik heb één motie." in doc.text


# --- PDF and Word -------------------------------------------------------------------------------------------


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF (Helvetica, one text line per entry, "" for an empty line), written by hand."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for lines in pages:
        content = "BT /F1 11 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
        objects.append(f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream")
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_a_pdf_letter_gives_its_text_in_paragraphs_and_its_date() -> None:
    data = make_pdf(
        [
            [
                "Den Haag, 16 december 2014",
                "",
                "Voor de zomer 2015 rapporteer ik middels een voort-",
                "gangsrapportage.",
            ],
            ["Hoogachtend,"],
        ]
    )
    doc = read_document(data, "brief.pdf")
    assert doc.kind == "letter"
    assert doc.date == date(2014, 12, 16)
    assert _texts(doc) == [
        "Den Haag, 16 december 2014",
        "Voor de zomer 2015 rapporteer ik middels een voort-\ngangsrapportage.",
        "Hoogachtend,",
    ]
    assert doc.meta["pages"] == "2"


def test_a_double_spaced_pdf_breaks_paragraphs_only_at_the_larger_gaps() -> None:
    data = make_pdf(
        [["Regel een", "", "regel twee", "", "regel drie", "", "", "", "Nieuwe alinea", "", "tweede"]]
    )
    assert _texts(read_document(data, "x.pdf")) == [
        "Regel een\nregel twee\nregel drie",
        "Nieuwe alinea\ntweede",
    ]


def make_docx() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Toezeggingen"
    document.add_heading("Toezeggingen AO", level=1)
    document.add_paragraph("Den Haag, 16 december 2014")
    document.add_paragraph("Voor de zomer 2015 rapporteer ik.")
    document.add_paragraph("eerste punt", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Toezegging"
    table.cell(0, 1).text = "Voor de zomer"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_letter_gives_headings_paragraphs_list_items_and_table_rows() -> None:
    doc = read_document(make_docx(), "brief.docx")
    assert doc.kind == "letter"
    assert doc.date == date(2014, 12, 16)
    assert doc.title == "Toezeggingen"
    assert [(s.kind, doc.text[s.start : s.end]) for s in doc.segments] == [
        ("heading", "Toezeggingen AO"),
        ("paragraph", "Den Haag, 16 december 2014"),
        ("paragraph", "Voor de zomer 2015 rapporteer ik."),
        ("list_item", "eerste punt"),
        ("paragraph", "Toezegging | Voor de zomer"),
    ]


# --- format detection -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n...", "", "pdf"),
        (b"%PDF-1.7\n...", "letter.txt", "pdf"),
        (b"\xef\xbb\xbf<?xml version='1.0'?><vlosCoreDocument xmlns='x'/>", "", "vlos"),
        (b"<?xml version='1.0'?>\n<officiele-publicatie/>", "", "officiele"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "", "html"),
        (b"<p>a fragment</p>", "page.html", "html"),
        (b"<?xml version='1.0'?><metadata_gegevens/>", "", "xml"),
        (b"<officiele-publicatie/>", "copy.txt", "plain"),  # a .txt is read as the text it is
        (b"Den Haag, 16 december 2014", "", "plain"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "brief.doc", "ole"),
    ],
)
def test_the_format_is_found_from_the_content_first(data: bytes, name: str, expected: str) -> None:
    assert detect_format(data, name) == expected


def test_a_word_file_is_recognised_without_its_name() -> None:
    assert detect_format(make_docx()) == "docx"


# --- bad input --------------------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "x.txt", "empty"),
        (b"  \n\t ", "x.txt", "empty"),
        (bytes(range(256)) * 10, "x.bin", "binary"),
        (b"\x00\x01\x02garbage\x00" * 50, "x.txt", "binary"),
        (b"<officiele-publicatie><<<&&&", "x.xml", "broken XML"),
        (b"<", "x.xml", "broken XML"),
        (b"PK\x03\x04" + b"\x00" * 100, "x.docx", "zip"),
        (_zip({"content.txt": b"hello"}), "x.zip", "not a Word document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "x.doc", "docx"),
        (b"%PDF-1.4\n1 0 obj garbage", "x.pdf", "PDF"),
    ],
)
def test_unreadable_input_says_why_in_one_line(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match=reason) as info:
        read_document(data, name)
    assert "\n" not in str(info.value)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    data = b"Den Haag, 16 december 2014\n\n" + b"x" * (50 * 1024 * 1024)
    assert len(data) > MAX_BYTES
    with pytest.raises(UnreadableDocument, match="too large"):
        read_document(data, "big.txt")


def test_a_truncated_transcript_is_read_in_recover_mode_and_says_so() -> None:
    data = _bytes(_vlos("d972288f"))
    doc = read_document(data[: len(data) // 2], "half.xml")
    assert doc.kind == "transcript"
    assert "recover" in doc.meta["recovered"]
    assert doc.date == date(2025, 7, 2)
    assert len(doc.text) > 10_000
    _assert_segments_fit(doc)


def test_xml_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<officiele-publicatie><al>voor &x; na</al></officiele-publicatie>"
    ).encode()
    doc = read_document(data, "x.xml")
    assert "TOPSECRET" not in doc.text


@pytest.mark.parametrize("root", ["officiele-publicatie", "d"])
def test_an_entity_bomb_is_refused_and_the_reason_says_so(root: str) -> None:
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    data = f'<?xml version="1.0"?><!DOCTYPE d [{entities}]>' + f"<{root}><al>&a9;</al></{root}>"
    with pytest.raises(UnreadableDocument, match="refused XML entity expansion") as caught:
        read_document(data.encode(), "bomb.xml")
    assert "\n" not in str(caught.value)


def test_a_scanned_pdf_without_text_gives_an_empty_text_and_says_why() -> None:
    doc = read_document(make_pdf([[]]), "scan.pdf")
    assert doc.text == ""
    assert "no text" in doc.meta["note"]


def test_a_zip_that_unpacks_to_a_huge_size_is_refused() -> None:
    data = _zip({"word/document.xml": b"<a/>" + b" " * (201 * 1024 * 1024)})
    with pytest.raises(UnreadableDocument, match="unpacks"):
        read_document(data, "bomb.docx")


_PREFIXES = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"\xef\xbb\xbf<?xml version='1.0'?>",
    b"<?xml version='1.0'?><vlosCoreDocument xmlns='http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0'>",
    b"<officiele-publicatie><kamerstuk>",
    b"<html><body><div class='stuk'>",
    b"\xd0\xcf\x11\xe0",
    b"\xff\xfe",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(_PREFIXES),
    body=st.binary(max_size=2000),
    name=st.sampled_from(["", "x.txt", "x.xml"]),
)
def test_read_document_raises_nothing_but_unreadable_document(prefix: bytes, body: bytes, name: str) -> None:
    try:
        doc = read_document(prefix + body, name)
    except UnreadableDocument as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    _assert_segments_fit(doc)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=500))
def test_any_utf8_text_file_is_read_back_unchanged_apart_from_newlines_and_mojibake(text: str) -> None:
    try:
        doc = read_document(text.encode(), "x.txt")
    except UnreadableDocument:
        return
    assert len(doc.text) <= len(text)
    _assert_segments_fit(doc)


# --- the fixtures are the shared files ----------------------------------------------------------------------


@pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"comparing the fixtures with their originals needs ../shared ({SHARED})"
)
def test_the_real_fixtures_are_the_shared_files_unchanged_or_cut_from_them() -> None:
    copies = [
        (OP_DIR / "stb.xml", CORPUS / "koop-officielepublicaties" / "stb.xml"),
        (OP_DIR / "stb.html", CORPUS / "koop-officielepublicaties" / "stb.html"),
        *((p, CORPUS / "koop-handelingen-xml" / p.stem) for p in HANDELINGEN_DIR.glob("*.xml.gz")),
        *((p, DEVSET / "docs" / p.name) for p in (FIXTURES / "devset").iterdir() if p.suffix != ".md"),
        (DOC_FIXTURES / "kst-28638-128.json", DEVSET / "docs" / "kst-28638-128.json"),
    ]
    assert len(copies) == 2 + 2 + 2 * 8 + 1
    for prefix, path in VLOS.items():
        (original,) = (CORPUS / "tk-vlos-verslagen").glob(f"sample_vlos_{prefix}*.xml")
        if prefix not in VLOS_CUT:
            copies.append((path, original))
            continue
        # A cut keeps the original's declaration and every kept item's words, in their order.
        cut, whole = _bytes(path), original.read_bytes()
        assert cut[: cut.index(b"?>")] == whole[: whole.index(b"?>")]
        items = [" ".join(e.itertext()) for e in etree.fromstring(cut).iter("{*}alineaitem")]
        rest = " ".join(" ".join(e.itertext()) for e in etree.fromstring(whole).iter("{*}alineaitem"))
        for item in items:
            at = rest.find(item)
            assert at >= 0, item
            rest = rest[at + len(item) :]
    for fixture, original in copies:
        assert _bytes(fixture) == original.read_bytes(), fixture.name
