"""Small factories for tracking tests: register entries, meetings, letters and hand-built analyses.

The Mensenhandel fixture is real: the letter Kamerstuk 28 638, nr. 128 (devset text) and register entries
for the toezeggingen the letter says were made in the Algemene Overleggen of 31 October 2013 and
3 September 2014 (their texts written as the griffie writes them, from what the letter reports).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

from sqlalchemy.engine import Engine

from db.engine import session_scope
from db.models import (
    Activiteit,
    Document,
    DocumentActor,
    DocumentText,
    Kamerstukdossier,
    Toezegging,
)
from tests.conftest import SEED_LETTER
from tracker.deadlines import Deadline
from tracker.extract import Analysis, FoundCommitment, FoundFulfilment, FoundPostponement, Reference

SEED_TEXT = SEED_LETTER.read_text(encoding="utf-8")
SEED_ID = "doc-kst-28638-128"
SEED_NUMBER = "2014D45830"
NO_DATE = date(1, 1, 1)

# register id -> (nummer, activity, text)
MENSENHANDEL_REGISTER = {
    "tz-riec": (
        "TZ201310-101",
        "act-ao-2013",
        "De minister zet via de Regionale Informatie en Expertise Centra (RIEC's) in op een basisniveau voor "
        "de bestuurlijke aanpak van mensenhandel.",
    ),
    "tz-organogram": (
        "TZ201409-031",
        "act-ao-2014",
        "De minister stuurt de Kamer een organogram dat inzicht biedt in de partijen die betrokken zijn "
        "bij de aanpak van mensenhandel.",
    ),
    "tz-beslag": (
        "TZ201409-032",
        "act-ao-2014",
        "De minister informeert de Kamer over het aantal keren dat gebruik is gemaakt van de mogelijkheid om "
        "crimineel geld conservatoir in beslag te nemen ten behoeve van het slachtoffer.",
    ),
    "tz-sextortion": (
        "TZ201409-033",
        "act-ao-2014",
        "De minister informeert de Kamer over de capaciteit van de Nederlandse politie voor de aanpak van "
        "sextortion.",
    ),
}


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def add_dossier(engine: Engine, nummer: str, titel: str = "") -> str:
    with session_scope(engine) as s:
        s.add(Kamerstukdossier(id=f"dossier-{nummer}", nummer=nummer, titel=titel))
    return f"dossier-{nummer}"


def add_meeting(
    engine: Engine, act_id: str, on: date, soort: str = "Algemeen overleg", onderwerp: str = ""
) -> None:
    with session_scope(engine) as s:
        s.add(Activiteit(id=act_id, nummer=act_id.upper(), soort=soort, onderwerp=onderwerp, datum=on))


def add_register(
    engine: Engine,
    tz_id: str,
    tekst: str,
    *,
    nummer: str | None = None,
    activiteit_id: str | None = None,
    status: str = "Openstaand",
    datum_nakoming: date | None = NO_DATE,
    kamerbrief_nakoming: list[str] | None = None,
    naam: str = "Opstelten, I.W.",
    ministerie: str = "Veiligheid en Justitie",
) -> None:
    with session_scope(engine) as s:
        s.add(
            Toezegging(
                id=tz_id,
                nummer=nummer or tz_id.upper(),
                tekst=tekst,
                status=status,
                naam=naam,
                functie="Minister van Veiligheid en Justitie",
                ministerie=ministerie,
                activiteit_id=activiteit_id,
                activiteit_nummer=activiteit_id.upper() if activiteit_id else None,
                aanmaakdatum=datetime(2014, 9, 4, tzinfo=UTC),
                datum_nakoming=datum_nakoming,
                kamerbrief_nakoming=kamerbrief_nakoming or [],
            )
        )


def update_register(engine: Engine, tz_id: str, **values: object) -> None:
    with session_scope(engine) as s:
        tz = s.get(Toezegging, tz_id)
        assert tz is not None
        for k, v in values.items():
            setattr(tz, k, v)


def add_letter(
    engine: Engine,
    doc_id: str,
    text: str,
    on: date,
    *,
    nummer: str | None = None,
    dossier_id: str | None = None,
    volgnummer: int | None = None,
    titel: str = "",
    soort: str = "Brief regering",
    signer: tuple[str, str] = ("I.W. Opstelten", "Minister van Veiligheid en Justitie"),
    activiteit_ids: list[str] | None = None,
) -> None:
    with session_scope(engine) as s:
        s.add(
            Document(
                id=doc_id,
                nummer=nummer or doc_id.upper(),
                soort=soort,
                titel=titel,
                onderwerp=titel,
                datum=on,
                dossier_id=dossier_id,
                volgnummer=volgnummer,
                activiteit_ids=activiteit_ids or [],
            )
        )
        if text:
            s.add(DocumentText(document_id=doc_id, source="publication", text=text, text_sha256=sha(text)))
        s.add(DocumentActor(id=f"actor-{doc_id}", document_id=doc_id, naam=signer[0], functie=signer[1]))


def seed_mensenhandel(engine: Engine, *, with_letter: bool = True) -> None:
    """The AOs, their verslagen, the register entries, and (optionally) the letter of 16 December 2014."""
    dossier = add_dossier(engine, "28638", "Mensenhandel")
    add_meeting(engine, "act-ao-2013", date(2013, 10, 31), onderwerp="Mensenhandel en prostitutie")
    add_meeting(engine, "act-ao-2014", date(2014, 9, 3), onderwerp="Mensenhandel")
    add_letter(
        engine,
        "doc-verslag-108",
        "",
        date(2013, 12, 2),
        nummer="2013D47001",
        dossier_id=dossier,
        volgnummer=108,
        soort="Verslag van een algemeen overleg",
        activiteit_ids=["act-ao-2013"],
    )
    add_letter(
        engine,
        "doc-verslag-126",
        "",
        date(2014, 10, 1),
        nummer="2014D36001",
        dossier_id=dossier,
        volgnummer=126,
        soort="Verslag van een algemeen overleg",
        activiteit_ids=["act-ao-2014"],
    )
    for tz_id, (nummer, act, tekst) in MENSENHANDEL_REGISTER.items():
        add_register(engine, tz_id, tekst, nummer=nummer, activiteit_id=act)
    # A commitment from another ministry and meeting that the letter must leave alone.
    add_meeting(engine, "act-ao-spoor", date(2014, 6, 12), onderwerp="Spoorveiligheid")
    add_register(
        engine,
        "tz-spoor",
        "De minister informeert de Kamer voor de zomer over de evaluatie van de spoorveiligheid.",
        nummer="TZ201406-200",
        activiteit_id="act-ao-spoor",
        naam="Schultz van Haegen, M.H.",
        ministerie="Infrastructuur en Milieu",
        datum_nakoming=date(2015, 7, 1),
    )
    if with_letter:
        add_letter(
            engine,
            SEED_ID,
            SEED_TEXT,
            date(2014, 12, 16),
            nummer=SEED_NUMBER,
            dossier_id=dossier,
            volgnummer=128,
            titel="Mensenhandel",
        )


def deadline(text: str, due: date | None, kind: str = "explicit", earliest: date | None = None) -> Deadline:
    return Deadline(text=text, start=0, end=len(text), due=due, earliest=earliest, kind=kind)


def meeting_ref(raw: str, on: date, meeting: str = "Algemeen Overleg") -> Reference:
    return Reference("meeting", raw, {"date": on.isoformat(), "meeting": meeting})


def commitment(
    text: str, due: date | None = None, phrase: str = "", kind: str = "explicit"
) -> FoundCommitment:
    return FoundCommitment(
        text=text,
        start=0,
        end=len(text),
        actor="minister",
        confidence=0.9,
        deadline=deadline(phrase or text, due, kind) if due or phrase else None,
    )


def fulfilment(text: str, *refs: Reference, partial: bool = False) -> FoundFulfilment:
    return FoundFulfilment(text=text, start=0, end=len(text), refs=tuple(refs), partial=partial)


def postponement(text: str, due: date, phrase: str, *refs: Reference) -> FoundPostponement:
    return FoundPostponement(
        text=text, start=0, end=len(text), deadline=deadline(phrase, due, "month"), refs=refs
    )


def seed_analysis() -> Analysis:
    """What an extractor reads in the seed letter (hand-built: for tests not about the extractor)."""
    return Analysis(
        date=date(2014, 12, 16),
        commitments=(
            commitment(
                "Voor de zomer 2015 rapporteer ik middels een voortgangsrapportage over de in het kader "
                "van het Nationaal Verwijsmechanisme Mensenhandel genomen stappen.",
                date(2015, 7, 2),
                "Voor de zomer 2015",
                "recess",
            ),
            commitment(
                "Wat betreft de Rijksbrede aanpak loverboyproblematiek ontvangt u begin 2015 een "
                "eindrapportage met betrekking tot het actieplan dat eind 2014 afloopt.",
                date(2015, 3, 31),
                "begin 2015",
                "part_of_year",
            ),
        ),
        fulfilments=(
            fulfilment(
                "Tijdens het Algemeen Overleg mensenhandel en prostitutie van 31 oktober 2013 "
                "(Kamerstuk 28 638, nr. 108) en het Algemeen Overleg mensenhandel van 3 september 2014 "
                "(Kamerstuk 28 638, nr. 126) "
                "heb ik een aantal toezeggingen gedaan.",
                meeting_ref(
                    "Algemeen Overleg mensenhandel en prostitutie van 31 oktober 2013", date(2013, 10, 31)
                ),
                Reference("kamerstuk", "Kamerstuk 28 638, nr. 108", {"dossier": "28638", "number": "108"}),
                meeting_ref("Algemeen Overleg mensenhandel van 3 september 2014", date(2014, 9, 3)),
                Reference("kamerstuk", "Kamerstuk 28 638, nr. 126", {"dossier": "28638", "number": "126"}),
            ),
            fulfilment("Met deze brief doe ik mijn toezeggingen aan uw Kamer gestand."),
        ),
    )


def fixed(analysis: Analysis):  # type: ignore[no-untyped-def]
    """An analyser that returns `analysis` for every document."""
    return lambda source, on: analysis


def by_text(analyses: dict[str, Analysis]):  # type: ignore[no-untyped-def]
    """An analyser that picks the analysis whose key occurs in the document's text (empty otherwise)."""

    def analyser(source, on):  # type: ignore[no-untyped-def]
        text = source if isinstance(source, str) else source.text
        for needle, analysis in analyses.items():
            if needle in text:
                return analysis
        return Analysis(date=on)

    return analyser
