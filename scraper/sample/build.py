"""Regenerate the bundled sample snapshot from the real data in the shared folder.

    python -m scraper.sample.build [--shared ../shared] [--out scraper/sample/snapshot]

The snapshot (shared snapshot format: `index.json` + files) holds one SyncFeed page per
category, the officiële bekendmakingen XML of the letters, one Document resource and the
VLOS transcripts. Texts are real (the dev set's letters, the corpus' transcripts); the
XML and Atom wrapping and the ids the sources do not give are reconstructed (see
docs/sample.md). Building twice gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

from lxml import etree

from scraper.sample import SAMPLE_DIR
from tracker.lexicon import MONTHS

log = logging.getLogger(__name__)

TK = "http://www.tweedekamer.nl/xsd/tkData/v1-0"
ATOM = "http://www.w3.org/2005/Atom"
FEED = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0"
OB = "https://zoek.officielebekendmakingen.nl"
UPDATED = "2026-11-20T09:00:00Z"  # when the sample pretends to have been taken
# Categories written with an `ns1:` prefix in the live feed; the others use a default namespace.
NS1 = {"Toezegging", "Verslag"}
CATEGORIES = [
    "Kamerstukdossier",
    "Activiteit",
    "Zaak",
    "Document",
    "DocumentVersie",
    "Fractie",
    "FractieZetel",
    "Persoon",
    "FractieZetelPersoon",
    "DocumentActor",
    "Verslag",
    "Toezegging",
]
FIRST_TOKEN = 24_800_000  # skiptokens are large global integers; each category gets its own range

# text, None (xsi:nil), attributes (ref=…) or nested children (the live `<toegezegdAan><persoon ref/>…`)
Child = tuple[str, "str | dict[str, str] | list[Child] | None"]


def midnight(day: str) -> str:
    """The start of `day` in the Kamer's time zone, as the feed writes dates."""
    offset = datetime.fromisoformat(day).replace(tzinfo=ZoneInfo("Europe/Amsterdam")).strftime("%z")
    return f"{day}T00:00:00{offset[:3]}:{offset[3:]}"


def guid(*parts: object) -> str:
    """A stable stand-in id for an entity the sources do not identify."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "toezeggingen-sample/" + "/".join(map(str, parts))))


@dataclass
class Entity:
    category: str
    id: str
    bijgewerkt: str
    children: list[Child]
    attributes: dict[str, str] = field(default_factory=dict)  # contentType, contentLength

    @property
    def element(self) -> str:
        return self.category[0].lower() + self.category[1:]


# --------------------------------------------------------------------------- letters


@dataclass(frozen=True)
class LetterSpec:
    key: str  # dev set id
    nummer: str  # DocumentNummer
    dossier: str
    toevoeging: str | None
    dossier_titel: str
    volgnummer: int
    vergaderjaar: str
    onderwerp: str
    publication: bool = True  # False: no ExterneIdentifier and no publication in the sample
    footnotes: tuple[tuple[str, str, str, str], ...] = ()  # (anchor as in text, word, nr, note)
    drop: tuple[str, ...] = ()  # lines of page furniture to leave out


LETTERS = [
    LetterSpec(
        "kst-28638-128",
        "2014D46573",
        "28638",
        None,
        "Mensenhandel",
        128,
        "2014-2015",
        "Toezeggingen gedaan tijdens de Algemeen Overleggen mensenhandel van 31 oktober 2013 en "
        "3 september 2014",
        footnotes=(("partijen1.", "partijen", "1", "Raadpleegbaar via www.tweedekamer.nl"),),
        drop=("1 Raadpleegbaar via www.tweedekamer.nl",),
    ),
    LetterSpec(
        "kst-30234-49",
        "2011D31872",
        "30234",
        None,
        "Toekomstig sportbeleid",
        49,
        "2010-2011",
        "Evaluatie van het WK-bid",
    ),
    LetterSpec(
        "kst-26991-343",
        "2013D11284",
        "26991",
        None,
        "Voedselveiligheid",
        343,
        "2012-2013",
        "Brieven over de boetesystematiek bij voedselfraude en over de wolhandkrab",
        drop=("Naar boven",),
    ),
    LetterSpec(
        "kst-19637-2302",
        "2017D05411",
        "19637",
        None,
        "Vreemdelingenbeleid",
        2302,
        "2016-2017",
        "Reactie op de gewijzigde motie Voordewind c.s.",
        drop=("Naar boven",),
    ),
    LetterSpec(
        "kst-35000-VII-96",
        "2019D17530",
        "35000",
        "VII",
        "Vaststelling begroting Binnenlandse Zaken en Koninkrijksrelaties 2019",
        96,
        "2018-2019",
        "Uitstel uitvoering motie Özütok over de financiering van de herdenking van de afschaffing "
        "van de slavernij",
        footnotes=(("Özütok1 (", "Özütok", "1", "Kamerstuk 35 000 VII, nr. 18."),),
        drop=("Noot 1: Kamerstuk 35 000 VII, nr. 18.",),
    ),
    LetterSpec(
        "2020D36185",
        "2020D36185",
        "35537",
        None,
        "Initiatiefnota van het lid Veldman over structurele weerbaarheid van de medische industrie "
        "in crisistijd",
        3,
        "2020-2021",
        "Uitstel toezending reactie op verzoek commissie over een reactie op de Initiatiefnota van het lid "
        "Veldman over structurele weerbaarheid van de medische industrie in crisistijd",
        publication=False,
    ),
]

_DEN_HAAG = re.compile(r"^\s*Den Haag,\s*(.+?)\s*$")
_SIGNATURE = re.compile(r"^\s*De (?:[Mm]inister|[Ss]taatssecretaris)\b.*,")


@dataclass
class LetterText:
    heading: str  # "BRIEF VAN DE MINISTER VAN …"
    place_date: str  # "Den Haag, 16 december 2014"
    blocks: list[tuple[str, str]]  # ("al" | "tussenkop", text)
    signature: tuple[str, str]  # ("De Minister van …,", "I.W. Opstelten")


def _join_lines(lines: list[str]) -> str:
    """One paragraph from hard-wrapped lines: words broken at a line end are joined again."""
    text = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if re.search(r"[a-zà-ÿ]-$", text) and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text


def _is_heading(paragraph: str) -> bool:
    return len(paragraph) < 90 and not re.search(r"[.:;,?!)]$", paragraph) and paragraph[:1].isupper()


def split_letter(text: str, spec: LetterSpec) -> LetterText:
    """The parts of a dev set letter text: heading, date line, paragraphs and signature."""
    lines = [ln for ln in text.splitlines() if ln.strip() not in spec.drop]
    start = next(i for i, ln in enumerate(lines) if _DEN_HAAG.match(ln))
    end = max(i for i, ln in enumerate(lines) if _SIGNATURE.match(ln))
    heading = next(m[0] for ln in lines[:start] if (m := re.search(r"BRIEF VAN .+?(?=\s*$)", ln)))
    functie, _, naam = lines[end].strip().rpartition(",")
    naam = naam.strip() or next(ln.strip() for ln in lines[end + 1 :] if ln.strip())
    paragraphs: list[list[str]] = [[]]
    for line in lines[start + 1 : end]:
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    blocks = []
    for para in (_join_lines(p) for p in paragraphs if p):
        blocks.append(("tussenkop" if _is_heading(para) else "al", para))
    return LetterText(heading, lines[start].strip(), blocks, (functie.strip() + ",", naam))


def _iso_date(place_date: str) -> str:
    m = re.search(r"(\d{1,2}) (\w+) (\d{4})", place_date)
    assert m, place_date
    return f"{m[3]}-{MONTHS[m[2].lower()]:02d}-{int(m[1]):02d}"


def _dossier_nr(spec: LetterSpec) -> str:
    number = f"{int(spec.dossier):,}".replace(",", " ")
    return f"{number} {spec.toevoeging}" if spec.toevoeging else number


def _with_footnotes(parent: etree._Element, text: str, spec: LetterSpec) -> None:
    """`text` into `parent`, each footnote marker replaced by an inline `<noot>` (as in kst XML)."""
    last: etree._Element | None = None
    rest = text
    parent.text = ""
    for anchor, word, nr, note in spec.footnotes:
        before, found, after = rest.partition(anchor)
        if not found:
            continue
        piece = before + word
        if last is None:
            parent.text += piece
        else:
            last.tail = (last.tail or "") + piece
        last = etree.SubElement(parent, "noot", id=f"ID-{spec.key}-n{nr}", type="voet")
        etree.SubElement(last, "noot.nr").text = nr
        etree.SubElement(last, "noot.al").text = note
        rest = anchor[len(word) + len(nr) :] + after
    if last is None:
        parent.text += rest
    else:
        last.tail = (last.tail or "") + rest


def publication_xml(spec: LetterSpec, letter: LetterText) -> bytes:
    """The letter as an officiële bekendmakingen Kamerstuk (op-xsd-2012-2, structure as stb.xml)."""
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root = etree.Element("officiele-publicatie", nsmap={"xsi": xsi})
    root.set(
        f"{{{xsi}}}noNamespaceSchemaLocation",
        "http://technische-documentatie.oep.overheid.nl/schema/op-xsd-2012-2",
    )
    meta = etree.SubElement(etree.SubElement(root, "metadata"), "meta")
    meta.set("name", "OVERHEIDop.externMetadataRecord")
    meta.set("scheme", "")
    meta.set("content", f"{OB}/{spec.key}/metadata.xml")
    kamerstuk = etree.SubElement(root, "kamerstuk")
    kop = etree.SubElement(kamerstuk, "kamerstukkop")
    etree.SubElement(kop, "tekstregel", inhoud="kameraanduiding").text = "Tweede Kamer der Staten-Generaal"
    etree.SubElement(kop, "tekstregel", inhoud="vergaderjaar").text = (
        "Vergaderjaar " + spec.vergaderjaar.replace("-", "–")
    )
    dossier = etree.SubElement(kamerstuk, "dossier")
    etree.SubElement(etree.SubElement(dossier, "dossiernummer"), "dossiernr").text = _dossier_nr(spec)
    etree.SubElement(dossier, "titel").text = spec.dossier_titel
    stuk = etree.SubElement(kamerstuk, "stuk")
    etree.SubElement(etree.SubElement(stuk, "stuknr"), "ondernummer").text = str(spec.volgnummer)
    etree.SubElement(stuk, "titel").text = letter.heading
    brief = etree.SubElement(stuk, "brief")
    etree.SubElement(brief, "ontvanger").text = "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"
    dagtekening = etree.SubElement(brief, "dagtekening")
    place, _, day = letter.place_date.partition(",")
    dagtekening.text = place + ", "
    etree.SubElement(dagtekening, "datum", isodatum=_iso_date(letter.place_date)).text = day.strip()
    for kind, text in letter.blocks:
        _with_footnotes(etree.SubElement(brief, kind), text, spec)
    ondertekening = etree.SubElement(brief, "ondertekening")
    etree.SubElement(ondertekening, "functie").text = letter.signature[0]
    naam = etree.SubElement(ondertekening, "naam")
    initials, _, surname = letter.signature[1].rpartition(" ")
    etree.SubElement(naam, "voornaam").text = initials
    etree.SubElement(naam, "achternaam").text = surname
    etree.indent(root, space="  ")
    body = etree.tostring(root, xml_declaration=False, encoding="utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"


def resource_text(text: str, spec: LetterSpec) -> bytes:
    """The letter as its Document file would hold it: the letter only, without the web page around it."""
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith(spec.dossier[:2] + " " + spec.dossier[2:]))
    end = max(i for i, ln in enumerate(lines) if _SIGNATURE.match(ln)) + 1
    return ("\n".join(lines[start : end + 1]) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- entities


def ref(category: str, *parts: object) -> dict[str, str]:
    return {"ref": guid(category, *parts)}


def _actor(minister: str) -> tuple[str, str]:
    """ "Minister van Veiligheid en Justitie (I.W. Opstelten)" → (functie, naam)."""
    m = re.match(r"^(.*?) \((.*)\)$", minister)
    assert m, minister
    functie = m[1][0].lower() + m[1][1:]
    return functie, m[2]


def letter_entities(spec: LetterSpec, meta: dict[str, str], content_length: int) -> list[Entity]:
    doc_id = guid("Document", spec.key)
    versie_id = guid("DocumentVersie", spec.key)
    changed = f"{meta['date']}T16:00:00Z"
    functie, naam = _actor(meta["minister"])
    content_type = "application/pdf" if spec.publication else "text/plain"
    entities = [
        Entity(
            "Document",
            doc_id,
            changed,
            [
                ("huidigeDocumentVersie", {"ref": versie_id}),
                ("zaak", ref("Zaak", spec.key)),
                ("kamerstukdossier", ref("Kamerstukdossier", spec.dossier, spec.toevoeging)),
                ("soort", "Brief regering"),
                ("documentNummer", spec.nummer),
                ("titel", spec.dossier_titel),
                ("onderwerp", spec.onderwerp),
                ("datum", midnight(meta["date"])),
                ("volgnummer", str(spec.volgnummer)),
                ("vergaderjaar", spec.vergaderjaar),
                ("kamer", "2"),
                ("organisatie", "Tweede Kamer"),
            ],
            {"contentType": content_type, "contentLength": str(content_length)},
        ),
        Entity(
            "DocumentVersie",
            versie_id,
            changed,
            [
                ("document", {"ref": doc_id}),
                ("status", "Extern"),
                ("versienummer", "1"),
                ("bestandsgrootte", str(content_length)),
                ("extensie", ".pdf" if spec.publication else ".txt"),
                ("datum", midnight(meta["date"])),
                *([("externeidentifier", spec.key)] if spec.publication else []),
            ],
        ),
        Entity(
            "DocumentActor",
            guid("DocumentActor", spec.key),
            changed,
            [
                ("document", {"ref": doc_id}),
                ("actorNaam", naam),
                ("functie", functie),
                ("relatie", "Eerste ondertekenaar"),
            ],
        ),
        Entity(
            "Zaak",
            guid("Zaak", spec.key),
            changed,
            [
                ("kamerstukdossier", ref("Kamerstukdossier", spec.dossier, spec.toevoeging)),
                ("nummer", spec.nummer.replace("D", "Z", 1)),
                ("soort", "Brief regering"),
                ("onderwerp", spec.onderwerp),
                ("gestartOp", midnight(meta["date"])),
                ("vergaderjaar", spec.vergaderjaar),
            ],
        ),
    ]
    return entities


def dossier_entity(spec: LetterSpec) -> Entity:
    return Entity(
        "Kamerstukdossier",
        guid("Kamerstukdossier", spec.dossier, spec.toevoeging),
        "2019-06-28T20:34:35Z",
        [
            ("titel", spec.dossier_titel),
            ("nummer", spec.dossier),
            ("toevoeging", spec.toevoeging),
            ("hoogsteVolgnummer", str(spec.volgnummer)),
            ("afgesloten", "false"),
            ("kamer", "Tweede Kamer"),
        ],
    )


@dataclass(frozen=True)
class Meeting:
    """A debate in the sample: an Activiteit, and for VLOS meetings their Verslag."""

    key: str
    soort: str
    nummer: str
    onderwerp: str
    datum: str
    voortouw: tuple[str, str]  # (naam, afkorting)
    vergadering_id: str | None = None
    verslag_id: str | None = None


AO_2013 = Meeting(
    "ao-2013-10-31",
    "Algemeen overleg",
    "2013A03847",
    "Mensenhandel en prostitutie",
    "2013-10-31",
    ("vaste commissie voor Veiligheid en Justitie", "VJ"),
)
AO_2014 = Meeting(
    "ao-2014-09-03",
    "Algemeen overleg",
    "2014A02416",
    "Mensenhandel",
    "2014-09-03",
    ("vaste commissie voor Veiligheid en Justitie", "VJ"),
)
VLOS_VOORTOUW = {
    "0c43e57f": ("vaste commissie voor Financiën", "FIN"),
    "16a72e1d": ("vaste commissie voor Buitenlandse Zaken", "BUZA"),
    "3ad601d2": ("vaste commissie voor Volksgezondheid, Welzijn en Sport", "VWS"),
    "d972288f": ("vaste commissie voor Justitie en Veiligheid", "JenV"),
}


def vlos_meeting(path: Path) -> Meeting:
    """The meeting a corpus transcript records (ids from the file name, the rest from the XML)."""
    vergadering_id, verslag_id = path.stem.removeprefix("sample_vlos_").split("_")
    root = etree.fromstring(path.read_bytes())
    ns = {"v": root.nsmap[None]}
    activiteiten = root.iterfind("v:vergadering/v:activiteit", ns)
    main = next(a for a in activiteiten if a.findtext("v:parlisid", namespaces=ns))
    return Meeting(
        vergadering_id[:8],
        main.get("soort", ""),
        main.findtext("v:parlisid", namespaces=ns) or "",
        main.findtext("v:titel", namespaces=ns) or "",
        (root.findtext("v:vergadering/v:datum", namespaces=ns) or "")[:10],
        VLOS_VOORTOUW[vergadering_id[:8]],
        vergadering_id,
        verslag_id,
    )


def activiteit_entity(meeting: Meeting) -> Entity:
    return Entity(
        "Activiteit",
        guid("Activiteit", meeting.nummer),
        f"{meeting.datum}T20:00:00Z",
        [
            ("soort", meeting.soort),
            ("nummer", meeting.nummer),
            ("onderwerp", meeting.onderwerp),
            ("datumSoort", "Dag"),
            ("datum", midnight(meeting.datum)),
            ("besloten", "false"),
            ("status", "Uitgevoerd"),
            ("vergaderjaar", _vergaderjaar(meeting.datum)),
            ("kamer", "Tweede Kamer"),
            ("voortouwnaam", meeting.voortouw[0]),
            ("voortouwafkorting", meeting.voortouw[1]),
        ],
    )


def _vergaderjaar(day: str) -> str:
    year, month = int(day[:4]), int(day[5:7])
    start = year if month >= 9 else year - 1
    return f"{start}-{start + 1}"


def verslag_entity(meeting: Meeting, raw: bytes) -> Entity:
    assert meeting.verslag_id and meeting.vergadering_id
    root = etree.fromstring(raw)
    return Entity(
        "Verslag",
        meeting.verslag_id,
        root.get("Timestamp", "")[:19] + "+02:00",
        [
            ("vergadering", {"ref": meeting.vergadering_id}),
            ("soort", root.get("soort", "")),
            ("status", root.get("status", "")),
        ],
        {"contentType": "text/xml", "contentLength": str(len(raw))},
    )


@dataclass(frozen=True)
class Member:
    """A `spreker` of a sample transcript: the real Persoon id (objectid) and what VLOS says of them."""

    id: str
    verslagnaam: str  # "Van Nispen"
    achternaam: str  # "Nispen"
    tussenvoegsel: str | None  # "van"
    initialen: str | None  # "P.P." from the weergavenaam "P.P. Crijns", else the first name's initial
    voornaam: str | None
    soort: str  # "Tweede Kamerlid", "Staatssecretaris", "Minister"
    fractie: str | None  # the party's short name, for members


def vlos_members(raw: bytes) -> list[Member]:
    """Every distinct `spreker` with an objectid, in order of appearance."""
    root = etree.fromstring(raw)
    out: dict[str, Member] = {}
    for sp in root.iter("{*}spreker"):
        ident = sp.get("objectid")
        if not ident or ident in out:
            continue

        def text(name: str, sp: etree._Element = sp) -> str | None:
            return " ".join((sp.findtext(f"{{*}}{name}") or "").split()) or None

        # VLOS writes the surname as "Nispen van" (surname, then tussenvoegsel) and the weergavenaam
        # "P.P. Crijns" or "Nispen van": initials only when it has them.
        surname = (text("achternaam") or text("verslagnaam") or "").split(" ")
        lower = [w for w in surname[1:] if w.islower()]
        first = (text("weergavenaam") or "").split(" ")[0]
        voornaam = text("voornaam")
        out[ident] = Member(
            id=ident.lower(),
            verslagnaam=text("verslagnaam") or surname[0],
            achternaam=" ".join(w for w in surname if w not in lower),
            tussenvoegsel=" ".join(lower) or None,
            # else from the first name, as the sample's register names do (a reconstruction)
            initialen=first if first.endswith(".") else (f"{voornaam[0]}." if voornaam else None),
            voornaam=voornaam,
            soort=sp.get("soort") or "",
            fractie=text("fractie"),
        )
    return list(out.values())


def people_entities(members: Iterable[Member]) -> dict[str, list[Entity]]:
    """Persoon, Fractie, FractieZetel and FractieZetelPersoon entities for the transcripts' speakers."""
    feeds: dict[str, list[Entity]] = {
        c: [] for c in ("Fractie", "FractieZetel", "Persoon", "FractieZetelPersoon")
    }
    parties: set[str] = set()
    for m in members:
        feeds["Persoon"].append(
            Entity(
                "Persoon",
                m.id,
                "2025-07-01T09:00:00Z",
                [
                    *([("initialen", m.initialen)] if m.initialen else []),
                    *([("tussenvoegsel", m.tussenvoegsel)] if m.tussenvoegsel else []),
                    ("achternaam", m.achternaam),
                    *([("roepnaam", m.voornaam)] if m.voornaam else []),
                    ("functie", m.soort),
                ],
            )
        )
        if not m.fractie:
            continue
        if m.fractie not in parties:
            parties.add(m.fractie)
            feeds["Fractie"].append(
                Entity(
                    "Fractie", guid("Fractie", m.fractie), "2025-07-01T09:00:00Z", [("afkorting", m.fractie)]
                )
            )
        seat = guid("FractieZetel", m.fractie, m.id)
        feeds["FractieZetel"].append(
            Entity("FractieZetel", seat, "2025-07-01T09:00:00Z", [("fractie", ref("Fractie", m.fractie))])
        )
        feeds["FractieZetelPersoon"].append(
            Entity(
                "FractieZetelPersoon",
                guid("FractieZetelPersoon", m.fractie, m.id),
                "2025-07-01T09:00:00Z",
                [("fractieZetel", {"ref": seat}), ("persoon", {"ref": m.id}), ("functie", "Lid")],
            )
        )
    return feeds


@dataclass(frozen=True)
class Register:
    """One entry of the Kamer's register of commitments."""

    nummer: str
    meeting: Meeting
    tekst: str
    naam: tuple[str, str, str, str]  # (achternaam, initialen, voornaam, tussenvoegsel or "")
    functie: str
    ministerie: str
    aanmaakdatum: str
    status: str = "Openstaand"
    datum_nakoming: str | None = None
    kamerbrieven: tuple[str, ...] = ()
    # The member it answered, as the live register's nested <toegezegdAan><persoon ref/><fractie ref/>:
    # the speaker's verslagnaam in the transcript (whose objectid is the real Persoon id).
    toegezegd_aan: tuple[str, ...] = ()


OPSTELTEN = ("Opstelten", "I.W.", "Ivo", "")
SEED = LETTERS[0]


def register_entries(vlos: dict[str, Meeting]) -> list[Register]:
    vj = ("minister van Veiligheid en Justitie", "Veiligheid en Justitie")
    return [
        Register(
            "TZ201311-004",
            AO_2013,
            "De minister zet via de Regionale Informatie en Expertise Centra (RIEC's) in op een basisniveau "
            "voor de bestuurlijke aanpak van mensenhandel.",
            OPSTELTEN,
            *vj,
            "2013-11-04T10:15:00+01:00",
            datum_nakoming="0001-01-01T00:00:00Z",
        ),
        Register(
            "TZ201409-011",
            AO_2014,
            "De minister stuurt de Kamer een overzicht (organogram) van de partijen die betrokken zijn bij "
            "de aanpak van mensenhandel.",
            OPSTELTEN,
            *vj,
            "2014-09-08T14:02:00+02:00",
            datum_nakoming="2014-12-31T00:00:00+01:00",
        ),
        Register(
            "TZ201409-012",
            AO_2014,
            "De minister informeert de Kamer over het aantal keren dat gebruik is gemaakt van de nieuwe "
            "mogelijkheid om crimineel geld conservatoir in beslag te nemen ten behoeve van het slachtoffer.",
            OPSTELTEN,
            *vj,
            "2014-09-08T14:05:00+02:00",
            status="Voldaan",
            datum_nakoming="2014-12-31T00:00:00+01:00",
            kamerbrieven=(SEED.nummer,),
        ),
        Register(
            "TZ201409-013",
            AO_2014,
            "De minister informeert de Kamer over de capaciteit van de Nederlandse politie voor de aanpak "
            "van sextortion.",
            OPSTELTEN,
            *vj,
            "2014-09-08T14:07:00+02:00",
            datum_nakoming="2014-12-31T00:00:00+01:00",
            # repeated, as the live feed has it; the second letter is not in the sample
            kamerbrieven=(SEED.nummer, "2014D23817"),
        ),
        Register(
            "TZ202507-021",
            vlos["d972288f"],
            "De staatssecretaris Rechtsbescherming zegt de Kamer toe de Kamer voor het kerstreces van 2025 "
            "te informeren over de uitbreiding van inzage in rapportages van het Pieter Baan Centrum voor "
            "slachtoffers.",
            ("Struycken", "T.", "Teun", ""),
            "staatssecretaris Rechtsbescherming",
            "Justitie en Veiligheid",
            "2025-07-04T11:20:00+02:00",
            datum_nakoming="2025-12-19T00:00:00+01:00",
            toegezegd_aan=("Eerdmans",),  # "De heer Eerdmans bracht de problematiek … ter sprake"
        ),
        Register(
            "TZ202507-022",
            vlos["0c43e57f"],
            "De staatssecretaris zal het rapport over rode diesel na de ministerraad van 11 juli aan de "
            "Kamer doen toekomen.",
            ("Oostenbruggen", "T.", "Tjebbe", "van"),
            "staatssecretaris Fiscaliteit, Belastingdienst en Douane",
            "Financiën",
            "2025-07-04T11:25:00+02:00",
            datum_nakoming="2025-07-18T00:00:00+02:00",
            toegezegd_aan=("Vijlbrief",),  # "Dan heb ik nog een vraag van de heer Vijlbrief … rode diesel"
        ),
        Register(
            "TZ202507-023",
            vlos["3ad601d2"],
            "De minister zal in oktober een brief naar de Kamer sturen met de actuele stand van zaken inzake "
            "de bedrijfsvoering.",
            ("Jansen", "D.E.M.C.", "Daniëlle", ""),
            "minister van Volksgezondheid, Welzijn en Sport",
            "Volksgezondheid, Welzijn en Sport",
            "2025-07-04T11:30:00+02:00",
            datum_nakoming="2025-10-31T00:00:00+01:00",
        ),
    ]


def toezegging_entity(entry: Register, people: dict[str, Member] | None = None) -> Entity:
    achternaam, initialen, voornaam, tussenvoegsel = entry.naam
    naam = f"{achternaam}, {initialen}" + (f" {tussenvoegsel}" if tussenvoegsel else "")
    to_whom: list[Child] = []
    for name in entry.toegezegd_aan:
        member = (people or {})[name]
        inner: list[Child] = [("persoon", {"ref": member.id})]
        if member.fractie:
            inner.append(("fractie", ref("Fractie", member.fractie)))
        to_whom.append(("toegezegdAan", inner))
    children: list[Child] = [
        *to_whom,  # undeclared in the XSD; first, where the XSD has the flat toegezegdAan… refs
        ("aanmaakdatum", entry.aanmaakdatum),
        ("nummer", entry.nummer),
        ("activiteit", ref("Activiteit", entry.meeting.nummer)),
        ("activiteitNummer", entry.meeting.nummer),
        ("naam", naam),
        ("achternaam", achternaam),
        ("initialen", initialen),
        *([("tussenvoegsel", tussenvoegsel)] if tussenvoegsel else []),
        ("voornaam", voornaam),
        ("titulatuur", entry.functie.split()[0].capitalize()),
        ("functie", entry.functie),
        ("status", entry.status),
        *([("datumNakoming", entry.datum_nakoming)] if entry.datum_nakoming else []),
        *[("kamerbriefNakoming", nummer) for nummer in entry.kamerbrieven],
        ("ministerie", entry.ministerie),
        ("tekst", entry.tekst),
    ]
    # an entry that names a fulfilling letter was changed when that letter came in
    changed = "2014-12-18T09:30:00+01:00" if entry.kamerbrieven else entry.aanmaakdatum
    return Entity("Toezegging", guid("Toezegging", entry.nummer), changed, children)


# --------------------------------------------------------------------------- Atom


def render_element(
    element: str,
    entity_id: str,
    bijgewerkt: str,
    children: Iterable[Child],
    attributes: Iterable[tuple[str, str]] = (),
    *,
    prefix: str = "",
    verwijderd: str = "false",
) -> str:
    """An entity element as the live feed writes it: with a `prefix` (`ns1`) on every name, else in
    a default namespace with `tk:` attributes. Tests and benchmarks render their entities here too."""
    p = f"{prefix}:" if prefix else ""
    attr = prefix or "tk"
    decl = f'xmlns:{prefix}="{TK}"' if prefix else f'xmlns="{TK}" xmlns:tk="{TK}"'
    attrs = [decl, f"id={quoteattr(entity_id)}", f"{attr}:bijgewerkt={quoteattr(bijgewerkt)}"]
    attrs.append(f"{attr}:verwijderd={quoteattr(verwijderd)}")
    attrs += [f"{attr}:{k}={quoteattr(v)}" for k, v in attributes]
    body = _render_children(children, p)
    if not body:
        return f"<{p}{element} {' '.join(attrs)}/>"
    return f"<{p}{element} {' '.join(attrs)}>{''.join(body)}</{p}{element}>"


def _render_children(children: Iterable[Child], p: str) -> list[str]:
    body = []
    for name, value in children:
        if isinstance(value, dict):
            inner = " ".join(f"{k}={quoteattr(v)}" for k, v in value.items())
            body.append(f"<{p}{name} {inner}/>")
        elif isinstance(value, list):
            body.append(f"<{p}{name}>{''.join(_render_children(value, p))}</{p}{name}>")
        elif value is None:
            body.append(f'<{p}{name} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>')
        else:
            body.append(f"<{p}{name}>{escape(value)}</{p}{name}>")
    return body


def render_entity(entity: Entity) -> str:
    """The entity element, in the namespace style of its category."""
    prefix = "ns1" if entity.category in NS1 else ""
    return render_element(
        entity.element,
        entity.id,
        entity.bijgewerkt,
        entity.children,
        entity.attributes.items(),
        prefix=prefix,
    )


def render_entry(entity: Entity, category: str, token: int) -> str:
    enclosure = (
        f'\n  <link rel="enclosure" href="{FEED}/Resources/{entity.id}"/>' if entity.attributes else ""
    )
    return (
        f"<entry>\n  <title>{entity.id}</title>\n  <id>{FEED}/Entiteiten/{entity.id}</id>\n"
        "  <author>\n    <name>Tweede Kamer der Staten-Generaal</name>\n  </author>\n"
        f"  <updated>{UPDATED}</updated>\n  <category term={quoteattr(entity.element)}/>\n"
        f'  <link rel="next" href="{FEED}/Feed?category={category}&amp;skiptoken={token}"/>{enclosure}\n'
        f'  <content type="application/xml">{render_entity(entity)}</content>\n</entry>\n'
    )


def render_page(category: str, entries: Iterable[str], resume: int) -> bytes:
    """A feed page: its entries, then the feed's own links (no `next`: this is the last page)."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="{ATOM}">\n<title>Gegevensmagazijn SyncFeed</title>\n<id>{FEED}/Feed</id>\n'
        f"<updated>{UPDATED}</updated>\n"
        "<author>\n  <name>Tweede Kamer der Staten-Generaal</name>\n</author>\n"
        + "".join(entries)
        + f'<link rel="self" href="{FEED}/Feed?category={category}"/>\n'
        f'<link rel="resume" href="{FEED}/Feed?category={category}&amp;skiptoken={resume}"/>\n</feed>\n'
    ).encode("utf-8")


# --------------------------------------------------------------------------- the snapshot


class Writer:
    """Files under readable names, and the index that maps request keys to them."""

    def __init__(self, out: Path) -> None:
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        (out / "__init__.py").write_text('"""Data of the sample snapshot (package data)."""\n')
        self.out = out
        self.index: dict[str, dict[str, object]] = {}

    def add(self, key: str, rel: str, body: bytes, content_type: str) -> None:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in path.relative_to(self.out).parents:
            (self.out / folder / "__init__.py").touch()  # a package, so the wheel carries its files
        if not path.exists():
            path.write_bytes(body)
        self.index[key] = {"file": rel, "status": 200, "content_type": content_type}

    def close(self) -> None:
        text = json.dumps(self.index, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        (self.out / "index.json").write_text(text, encoding="utf-8")


def build(shared: Path, out: Path) -> dict[str, int]:
    devset = shared / "devset" / "docs"
    vlos_dir = shared / "corpus" / "tk-vlos-verslagen"
    writer = Writer(out)
    feeds: dict[str, list[Entity]] = {c: [] for c in CATEGORIES}

    dossiers: dict[str, Entity] = {}
    for spec in LETTERS:
        text = (devset / f"{spec.key}.txt").read_text(encoding="utf-8")
        meta = json.loads((devset / f"{spec.key}.json").read_text(encoding="utf-8"))
        if spec.publication:
            body = publication_xml(spec, split_letter(text, spec))
            writer.add(f"ob/{spec.key}.xml", f"ob/{spec.key}.xml", body, "application/xml")
            length = len(body)
        else:
            body = resource_text(text, spec)
            doc_id = guid("Document", spec.key)
            writer.add(f"syncfeed/Resources/{doc_id}", f"syncfeed/resources/{doc_id}.txt", body, "text/plain")
            length = len(body)
        dossier = dossier_entity(spec)
        dossiers[dossier.id] = dossier
        for entity in letter_entities(spec, meta, length):
            feeds[entity.category].append(entity)
    feeds["Kamerstukdossier"] = list(dossiers.values())

    vlos: dict[str, Meeting] = {}
    for key in sorted(VLOS_VOORTOUW):
        path = next(vlos_dir.glob(f"sample_vlos_{key}*.xml"))
        meeting = vlos_meeting(path)
        vlos[key] = meeting
        raw = path.read_bytes()
        feeds["Verslag"].append(verslag_entity(meeting, raw))
        assert meeting.verslag_id
        writer.add(
            f"syncfeed/Resources/{meeting.verslag_id}",
            f"syncfeed/resources/{meeting.verslag_id}.xml",
            raw,
            "text/xml",
        )
    for meeting in (AO_2013, AO_2014, *vlos.values()):
        feeds["Activiteit"].append(activiteit_entity(meeting))
    members: dict[str, Member] = {}
    for key in sorted(VLOS_VOORTOUW):
        raw = next(vlos_dir.glob(f"sample_vlos_{key}*.xml")).read_bytes()
        for member in vlos_members(raw):
            members.setdefault(member.id, member)
    feeds.update(people_entities(members.values()))
    by_name = {m.verslagnaam: m for m in members.values()}
    feeds["Toezegging"] = [toezegging_entity(entry, by_name) for entry in register_entries(vlos)]

    token = FIRST_TOKEN
    for category in CATEGORIES:
        entries = []
        for entity in feeds[category]:
            token += 1
            entries.append(render_entry(entity, category, token))
        name = category.lower()
        writer.add(
            f"syncfeed/Feed?category={category}",
            f"syncfeed/feed/{name}.xml",
            render_page(category, entries, token + 1),
            "application/atom+xml",
        )
        # where a later sync resumes: an empty page (the feed has nothing newer)
        empty = render_page(category, [], token + 1)
        for resume in (token, token + 1):
            key = f"syncfeed/Feed?category={category}&skiptoken={resume}"
            writer.add(key, f"syncfeed/feed/{name}-end.xml", empty, "application/atom+xml")
        token += 1000
    writer.close()
    counts = {c: len(v) for c, v in feeds.items()}
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    log.info("sample snapshot in %s: %s, %d files, %d bytes", out, counts, len(writer.index), size)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[3] / "shared")
    parser.add_argument("--out", type=Path, default=SAMPLE_DIR)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    build(args.shared, args.out)


if __name__ == "__main__":
    main()
