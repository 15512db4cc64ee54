"""A realistic tracker database at scale, for the read-layer benchmark (`bench.read`).

    .venv/bin/python -m bench.dataset --url sqlite:////tmp/read.db --commitments 100000

Sentences come from real material: the commitments, fulfilment sentences, letters, signatories and meetings
that `toezeggingen sync --sample` + `track` make of the bundled sample, and the dev set's hand-labelled
commitments and fulfilments (`../shared/devset`) when it is there. Names of ministries, ministers and
committees are real ones (2012-2025). The mix follows the real register: about half the commitments come
from the register, a quarter each from letters and debates; open ~45 %, fulfilled ~40 %, partly, lapsed; a
later letter restates one open commitment in twenty.
Rows go in with Core bulk inserts in chunks; the same seed gives the same database.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import Engine

from db.engine import make_engine, migrate
from db.models import (
    Activiteit,
    Commitment,
    Document,
    DocumentActor,
    DocumentText,
    Fulfilment,
    Kamerstukdossier,
    Restatement,
    Run,
    StatusEvent,
    SyncFailure,
    Toezegging,
)
from db.vocabulary import LinkState, Method, RunKind, RunState, Source, Status, StatusSource
from tracker import lexicon

ROOT = Path(__file__).resolve().parent.parent
DEVSET = Path(os.environ.get("TOEZEGGINGEN_SHARED", ROOT.parent / "shared")) / "devset"
TODAY = date(2025, 10, 1)  # the benchmark's "today": due dates run on to 2027, made_on up to here
START = date(2012, 1, 1)
CHUNK = 5_000
EXTRACTOR = "bench"
RESTATED = 0.05  # share of open commitments a later letter restates

MONTHS = list(lexicon.MONTHS)

# (ministry, ministers and state secretaries who served it) — real names, 2012-2025.
CABINET: list[tuple[str, list[str]]] = [
    ("Algemene Zaken", ["M. Rutte", "D. Schoof"]),
    ("Veiligheid en Justitie", ["I.W. Opstelten", "F. Teeven", "G.A. van der Steur", "K.H.D.M. Dijkhoff"]),
    (
        "Justitie en Veiligheid",
        ["F.B.J. Grapperhaus", "D. Yeşilgöz-Zegerius", "D.M. van Weel", "T. Struycken"],
    ),
    (
        "Binnenlandse Zaken en Koninkrijksrelaties",
        ["R.H.A. Plasterk", "K.H. Ollongren", "H.G.J. Bruins Slot"],
    ),
    (
        "Financiën",
        ["J.R.V.A. Dijsselbloem", "W.B. Hoekstra", "S.A.M. Kaag", "E. Heinen", "T. van Oostenbruggen"],
    ),
    ("Buitenlandse Zaken", ["F.C.G.M. Timmermans", "A.G. Koenders", "S.A. Blok", "C.C.J. Veldkamp"]),
    (
        "Defensie",
        ["J.A. Hennis-Plasschaert", "A.Th.B. Bijleveld-Schouten", "K.H. Ollongren", "R.P. Brekelmans"],
    ),
    ("Economische Zaken", ["H.G.J. Kamp", "S.A.M. Dijksma", "M.A.M. Adriaansens", "D.S. Beljaarts"]),
    ("Economische Zaken en Klimaat", ["E.D. Wiebes", "M.C.G. Keijzer", "B. van 't Wout"]),
    ("Klimaat en Groene Groei", ["R.A.A. Jetten", "S.T.M. Hermans"]),
    ("Infrastructuur en Milieu", ["M.H. Schultz van Haegen", "W.J. Mansveld", "S.A.M. Dijksma"]),
    ("Infrastructuur en Waterstaat", ["C. van Nieuwenhuizen-Wijbenga", "M.G.J. Harbers", "B. Madlener"]),
    (
        "Onderwijs, Cultuur en Wetenschap",
        ["M. Bussemaker", "I.K. van Engelshoven", "A. Slob", "R.H. Dijkgraaf"],
    ),
    (
        "Sociale Zaken en Werkgelegenheid",
        ["L.F. Asscher", "W. Koolmees", "C.E.G. van Gennip", "Y.J. van Hijum"],
    ),
    (
        "Volksgezondheid, Welzijn en Sport",
        ["E.I. Schippers", "M.J. van Rijn", "H.M. de Jonge", "E.J. Kuipers"],
    ),
    ("Medische Zorg", ["T. van Ark", "C. van Rijn", "P.A. Dijkstra", "F.M. Agema"]),
    ("Landbouw, Natuur en Voedselkwaliteit", ["C.J. Schouten", "H. Staghouwer", "P. Adema", "F.M. Wiersma"]),
    ("Asiel en Migratie", ["M.H.M. Faber", "D.M. van Weel"]),
    ("Volkshuisvesting en Ruimtelijke Ordening", ["H.M. de Jonge", "M.C.G. Keijzer"]),
    (
        "Buitenlandse Handel en Ontwikkelingssamenwerking",
        ["E.M.J. Ploumen", "L.J. Schreinemacher", "R.J. Klever"],
    ),
    ("Koninkrijksrelaties en Digitalisering", ["A.C. van Huffelen", "Z.C. Szabó"]),
]
COMMITTEES = [
    ("vaste commissie voor Justitie en Veiligheid", "JenV"),
    ("vaste commissie voor Veiligheid en Justitie", "VJ"),
    ("vaste commissie voor Financiën", "FIN"),
    ("vaste commissie voor Buitenlandse Zaken", "BUZA"),
    ("vaste commissie voor Defensie", "DEF"),
    ("vaste commissie voor Economische Zaken en Klimaat", "EZK"),
    ("vaste commissie voor Infrastructuur en Waterstaat", "IenW"),
    ("vaste commissie voor Onderwijs, Cultuur en Wetenschap", "OCW"),
    ("vaste commissie voor Sociale Zaken en Werkgelegenheid", "SZW"),
    ("vaste commissie voor Volksgezondheid, Welzijn en Sport", "VWS"),
    ("vaste commissie voor Landbouw, Visserij, Voedselzekerheid en Natuur", "LVVN"),
    ("vaste commissie voor Binnenlandse Zaken", "BiZa"),
    ("vaste commissie voor Asiel en Migratie", "AenM"),
    ("vaste commissie voor Digitale Zaken", "DiZa"),
    ("vaste commissie voor Klimaat en Groene Groei", "KGG"),
]
MEMBERS = [  # to whom a register entry says it was promised
    "Segers, G.J.",
    "Van der Staaij, C.G.",
    "Omtzigt, P.H.",
    "Van Nispen, M.",
    "Kuiken, A.H.",
    "Buitenweg, K.M.",
    "Van Dam, C.J.L.",
    "Klaver, J.F.",
    "Markuszower, G.",
    "Bikker, M.",
    "Ellian, U.",
    "Mutluer, H.",
    "Van der Plas, C.A.M.",
    "Dijk, J.P.",
    "Eerdmans, J.",
]
SOORTEN = ["Commissiedebat", "Algemeen overleg", "Notaoverleg", "Wetgevingsoverleg", "Plenair debat"]
REGISTER_STATUS = {
    Status.OPEN: "Openstaand",
    Status.FULFILLED: "Voldaan",
    Status.PARTLY_FULFILLED: "Deels voldaan",
    Status.LAPSED: "Vervallen",
}
REGISTER_TEMPLATES = [  # the griffie's phrasing, as in the register
    "De minister stuurt de Kamer {when} een brief over {topic}.",
    "De minister informeert de Kamer {when} over {topic}.",
    "De staatssecretaris zegt toe de Kamer {when} een voortgangsrapportage over {topic} te sturen.",
    "De minister komt {when} schriftelijk terug op {topic}.",
    "De minister zegt toe de Kamer {when} een rapportage over {topic} toe te sturen.",
    "De staatssecretaris zal de Kamer {when} informeren over de evaluatie van {topic}.",
]
DEADLINES: list[tuple[str, str | None]] = [  # (phrase, kind); the due date is drawn separately
    ("voor de zomer", "season"),
    ("voor het kerstreces", "recess"),
    ("in het najaar", "season"),
    ("begin volgend jaar", "part_of_year"),
    ("voor Prinsjesdag", "event"),
    ("binnen twee maanden", "duration"),
    ("in het eerste kwartaal", "quarter"),
    ("voor 1 juli", "explicit"),
    ("in september", "month"),
    ("voor de begrotingsbehandeling", "event"),
]
VAGUE = ["op korte termijn", "binnenkort", "zo spoedig mogelijk", "op een later moment"]
ERRORS = [
    "HTTP 503 from gegevensmagazijn",
    "timeout after 60 s",
    "XML parse error: not well-formed",
    "HTTP 404",
]


@dataclass
class Templates:
    """Real sentences and names to build from."""

    commitments: list[tuple[str, str, str]] = field(default_factory=list)  # (sentence, deadline, kind)
    register: list[str] = field(default_factory=list)  # register texts
    fulfilments: list[str] = field(default_factory=list)  # "Met deze brief doe ik mijn toezegging gestand"
    titles: list[str] = field(default_factory=list)  # letters' subjects
    meetings: list[str] = field(default_factory=list)  # meetings' subjects
    body: list[str] = field(default_factory=list)  # letter sentences, for DocumentText
    words: list[str] = field(default_factory=list)  # topic words, most frequent first


def _sample_rows() -> dict[str, list[tuple[Any, ...]]]:
    """What `sync --sample` + `track` make of the bundled sample, read from a throwaway SQLite file."""
    with tempfile.TemporaryDirectory(prefix="toezeggingen-sample-") as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/sample.db", "TOEZEGGINGEN_DATA_DIR": tmp}
        for args in (["sync", "--sample"], ["track"]):
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import sys; from toezeggingen.cli import main; sys.exit(main())",
                    *args,
                ],
                env=env,
                cwd=tmp,
                check=True,
                capture_output=True,
            )
        conn = sqlite3.connect(f"{tmp}/sample.db")
        try:
            queries = {
                "commitment": "SELECT text, quote, deadline_text, deadline_kind FROM commitment",
                "fulfilment": "SELECT evidence_document FROM fulfilment WHERE evidence_document IS NOT NULL",
                "document": "SELECT coalesce(onderwerp, titel) FROM document",
                "meeting": "SELECT onderwerp FROM activiteit",
                "register": "SELECT tekst FROM toezegging",
                "text": "SELECT text FROM documenttext",
            }
            return {k: conn.execute(q).fetchall() for k, q in queries.items()}
        finally:
            conn.close()


def load_templates() -> Templates:
    t = Templates()
    rows = _sample_rows()
    for sentence, quote, deadline, kind in rows["commitment"]:
        t.commitments.append((quote or sentence, deadline or "", kind or ""))
    t.register += [r for (r,) in rows["register"] if r]
    t.fulfilments += [r for (r,) in rows["fulfilment"] if r]
    t.titles += [r for (r,) in rows["document"] if r]
    t.meetings += [r for (r,) in rows["meeting"] if r]
    texts = [r for (r,) in rows["text"]]
    if DEVSET.is_dir():
        labels = json.loads((DEVSET / "annotations.json").read_text(encoding="utf-8"))
        for entry in labels.values():
            t.commitments += [
                (c["text"], c["deadline_text"] or "", c["kind"] or "") for c in entry["commitments"]
            ]
            t.fulfilments += [f["text"] for f in entry["fulfilments"]]
        for meta in sorted((DEVSET / "docs").glob("*.json")):
            title = json.loads(meta.read_text(encoding="utf-8")).get("title")
            if title:
                t.titles.append(title)
        texts += [p.read_text(encoding="utf-8") for p in sorted((DEVSET / "docs").glob("*.txt"))]
    t.body = sorted({s for x in texts for s in re.split(r"(?<=[.?!])\s+", x) if 60 < len(s) < 300})
    counts: dict[str, int] = {}
    for x in [*texts, *t.titles, *t.meetings]:
        for w in re.findall(r"[a-zà-ÿ]{7,16}", x.lower()):
            counts[w] = counts.get(w, 0) + 1
    t.words = sorted(counts, key=lambda w: (-counts[w], w))[40:]  # the most frequent are not topics
    for name in ("commitments", "register", "fulfilments", "titles", "meetings"):  # dedupe, fixed order
        setattr(t, name, sorted(set(getattr(t, name))))
    return t


def nl_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


def _at(rng: random.Random, d: date) -> datetime:
    """A moment on day `d` (UTC): runs happen through the night and day."""
    return datetime(d.year, d.month, d.day, tzinfo=UTC) + timedelta(seconds=rng.randrange(86_400))


def _register_name(initials_name: str) -> str:
    """ "I.W. Opstelten" as the register writes it: "Opstelten, I.W."."""
    initials, _, surname = initials_name.partition(" ")
    return f"{surname}, {initials}"


class Builder:
    def __init__(self, n: int, seed: int, templates: Templates) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.t = templates
        # Zipf-like word choice: a few topic words are common, most are rare (as in real subjects).
        self.word_weights = [1 / (rank + 1) for rank in range(len(templates.words))]
        self.people = [(ministry, person) for ministry, people in CABINET for person in people]
        self.rows: dict[Any, list[dict[str, Any]]] = {}

    def topic(self) -> str:
        a, b = self.rng.choices(self.t.words, weights=self.word_weights, k=2)
        return f"de {a} van de {b}"

    def sentence(self) -> tuple[str, str, str | None]:
        """A real letter or debate sentence with its own deadline phrase and kind (none: "", None)."""
        sentence, phrase, kind = self.rng.choice(self.t.commitments)
        return sentence, phrase, (kind if phrase else None)

    def add(self, model: Any, row: dict[str, Any]) -> None:
        self.rows.setdefault(model, []).append(row)

    # ----------------------------------------------------------------- context: dossiers, meetings, letters

    def context(self) -> None:
        rng = self.rng
        self.dossiers = []
        for i in range(max(50, self.n // 50)):
            nummer = str(rng.randrange(21_000, 36_800))
            toevoeging = rng.choice([None, None, None, "VII", "XVI", "XII", "A"])
            self.dossiers.append(f"{nummer}-{toevoeging}" if toevoeging else nummer)
            self.add(
                Kamerstukdossier,
                {"id": f"dos-{i}", "nummer": nummer, "toevoeging": toevoeging, "titel": self.topic()[3:]},
            )
        self.meetings: list[dict[str, Any]] = []
        for i in range(max(20, self.n // 8)):
            committee, short = rng.choice(COMMITTEES)
            onderwerp = rng.choice(self.t.meetings) if rng.random() < 0.2 else self.topic()[3:].capitalize()
            meeting = {
                "id": f"act-{i}",
                "nummer": f"{2012 + i % 14}A{i:05d}",
                "soort": rng.choice(SOORTEN),
                "onderwerp": onderwerp,
                "datum": _day(rng, START, TODAY),
                "status": "Uitgevoerd",
                "voortouwnaam": committee,
                "voortouwafkorting": short,
            }
            self.meetings.append(meeting)
            self.add(Activiteit, meeting)
        # Letters: where letter commitments are made and where commitments are fulfilled.
        self.letters: list[dict[str, Any]] = []
        self.letters_by_ministry: dict[str, list[tuple[date, int]]] = {}
        for i in range(max(20, self.n * 3 // 10)):
            ministry, person = rng.choice(self.people)
            datum = _day(rng, START, TODAY)
            dossier = rng.randrange(len(self.dossiers))
            title = rng.choice(self.t.titles) if rng.random() < 0.15 else self.topic()[3:].capitalize()
            letter = {
                "id": f"doc-{i}",
                "nummer": f"{datum.year}D{i:05d}",
                "soort": "Brief regering",
                "titel": self.dossiers[dossier],
                "onderwerp": title,
                "datum": datum,
                "vergaderjaar": f"{datum.year - (datum.month < 9)}-{datum.year + (datum.month >= 9)}",
                "volgnummer": rng.randint(1, 400),
                "kamer": 2,
                "organisatie": "Tweede Kamer der Staten-Generaal",
                "dossier_id": f"dos-{dossier}",
                "zaak_ids": [],
                "activiteit_ids": [],
                "content_type": "application/xml",
            }
            self.letters.append(letter)
            self.letters_by_ministry.setdefault(ministry, []).append((datum, i))
            self.add(Document, letter)
            header = (
                f"Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, {nl_date(datum)}\n\n"
            )
            body = "\n\n".join(" ".join(rng.sample(self.t.body, 3)) for _ in range(rng.randint(1, 3)))
            self.add(
                DocumentText,
                {
                    "document_id": letter["id"],
                    "source": "publication",
                    "publication_id": f"kst-{self.dossiers[dossier]}-{letter['volgnummer']}",
                    "text": header + body,
                    "footnotes": [],
                    "text_sha256": f"{i:064x}",
                    "fetched_at": _at(rng, min(TODAY, datum + timedelta(days=2))),
                },
            )
            role = "minister" if rng.random() < 0.7 else "staatssecretaris"
            for j in range(1 if rng.random() < 0.85 else 2):
                self.add(
                    DocumentActor,
                    {
                        "id": f"actor-{i}-{j}",
                        "document_id": letter["id"],
                        "naam": person if j == 0 else rng.choice(self.people)[1],
                        "functie": f"{role} van {ministry}",
                        "relatie": "Eerste ondertekenaar" if j == 0 else "Mede ondertekenaar",
                    },
                )
        for dated in self.letters_by_ministry.values():
            dated.sort()

    def letter_after(self, ministry: str, on: date, within: int = 500) -> dict[str, Any]:
        """A letter of `ministry` from `on` to `within` days later (any later one when there is none)."""
        dated = self.letters_by_ministry.get(ministry) or [
            (letter["datum"], i) for i, letter in enumerate(self.letters)
        ]
        lo = bisect.bisect_left(dated, (on, -1))
        hi = bisect.bisect_right(dated, (on + timedelta(days=within), len(self.letters)))
        if lo >= len(dated):
            lo = len(dated) - 1
        return self.letters[dated[self.rng.randrange(lo, max(lo + 1, hi))][1]]

    # ----------------------------------------------------------------- commitments and what hangs off them

    def commitments(self) -> None:
        rng = self.rng
        fulfilment_id = event_id = 0
        for cid in range(1, self.n + 1):
            ministry, person = rng.choice(self.people)
            source = rng.choices([Source.REGISTER, Source.LETTER, Source.DEBATE], weights=[50, 25, 25])[0]
            status = rng.choices(
                [Status.OPEN, Status.FULFILLED, Status.PARTLY_FULFILLED, Status.LAPSED],
                weights=[45, 40, 8, 7],
            )[0]
            row: dict[str, Any] = {
                "id": cid,
                "key": f"bench:{cid}",
                "source": source.value,
                "ministry": ministry,
                "actor": "minister" if rng.random() < 0.7 else "staatssecretaris",
                "status": status.value,
                "confidence": 1.0 if source is Source.REGISTER else round(rng.uniform(0.5, 1.0), 2),
                "extractor_version": None if source is Source.REGISTER else EXTRACTOR,
                "quote": None,
                "document_id": None,
                "activiteit_id": None,
                "vergadering_id": None,
                "register_id": None,
                "register_number": None,
                "register_status": None,
                "kamerstuk": None,
                "meeting_soort": None,
                "meeting_date": None,
                "made_to": [],
            }
            # The deadline (register texts; letters and debates keep their sentence's own): a date for
            # most, none for a third, vague for one in ten.
            kind_roll = rng.random()
            if kind_roll < 0.55:
                phrase, kind = rng.choice(DEADLINES)
            elif kind_roll < 0.65:
                phrase, kind = rng.choice(VAGUE), "vague"
            else:
                phrase, kind = "", None
            if source is Source.LETTER:
                letter = self.letter_after(ministry, _day(rng, START, TODAY), within=0)
                made_on: date = letter["datum"]
                sentence, phrase, kind = self.sentence()
                dossier = letter["titel"]
                row |= {
                    "text": sentence,
                    "minister": person,
                    "document_id": letter["id"],
                    "kamerstuk": f"{dossier}-{letter['volgnummer']}",
                    "made_in": f"Kamerstuk {dossier}, nr. {letter['volgnummer']}",
                    "dossier": dossier,
                }
            else:
                meeting = rng.choice(self.meetings)
                made_on = meeting["datum"]
                label = f"{meeting['soort']} {meeting['onderwerp']} {made_on.isoformat()}"
                row |= {
                    "activiteit_id": meeting["id"],
                    "made_in": label,
                    "meeting_soort": meeting["soort"],
                    "meeting_date": made_on,
                    "dossier": rng.choice(self.dossiers) if rng.random() < 0.6 else None,
                }
                if source is Source.REGISTER:
                    template = rng.choice(self.t.register) if rng.random() < 0.1 else None
                    sentence = template or rng.choice(REGISTER_TEMPLATES).format(
                        when=phrase or "", topic=self.topic()
                    ).replace("  ", " ")
                    register_id = f"tz-{cid}"
                    row |= {
                        "text": sentence,
                        "minister": _register_name(person),
                        "register_id": register_id,
                        "register_number": f"TZ{made_on:%Y%m}-{cid:06d}",
                        "register_status": REGISTER_STATUS[status],
                        "quote": self.sentence()[0] if rng.random() < 0.2 else None,
                    }
                    made_to = rng.sample(MEMBERS, rng.choice([0, 0, 1, 1, 2]))
                    row["made_to"] = made_to  # the tracker copies the register's names onto the commitment
                    self.add(
                        Toezegging,
                        {
                            "id": register_id,
                            "nummer": row["register_number"],
                            "tekst": sentence,
                            "status": REGISTER_STATUS[status],
                            "naam": _register_name(person),
                            "functie": f"{row['actor']} van {ministry}",
                            "ministerie": ministry,
                            "activiteit_id": meeting["id"],
                            "activiteit_nummer": meeting["nummer"],
                            "aanmaakdatum": _at(rng, made_on),
                            "kamerbrief_nakoming": [],
                            "toegezegd_aan": made_to,
                            "relaties": {},
                            "bijgewerkt": _at(rng, min(TODAY, made_on + timedelta(days=30))),
                        },
                    )
                else:
                    sentence, phrase, kind = self.sentence()
                    row |= {
                        "text": sentence,
                        "quote": sentence,
                        "minister": f"{row['actor'].capitalize()} {person.split(' ', 1)[1]}",
                        "vergadering_id": f"verg-{meeting['id']}",
                    }
            due: date | None = None
            if kind and kind != "vague":
                due = min(date(2027, 12, 31), made_on + timedelta(days=rng.randrange(20, 700)))
            register_due = due if source is Source.REGISTER and rng.random() < 0.7 else None
            created = _at(rng, min(TODAY, made_on + timedelta(days=rng.randrange(0, 10))))
            row |= {
                "in_register": source is Source.REGISTER or rng.random() < 0.15,
                "made_on": made_on,
                "deadline_text": phrase or None,
                "due": due,
                "earliest": None,
                "deadline_kind": kind,
                "register_due": register_due,
                "text_due": due if source is not Source.REGISTER else None,
                "vague": kind == "vague",
                "conditional": rng.random() < 0.05,
                "status_source": (
                    StatusSource.REGISTER if source is Source.REGISTER else StatusSource.DETECTED
                ).value,
                "person_locked": False,
                "due_locked": False,
                "created_at": created,
                "updated_at": created,
            }
            # Evidence: accepted links for fulfilled ones, ~2 candidates for open ones.
            links: list[dict[str, Any]] = []
            seen: set[str] = set()
            if status in (Status.FULFILLED, Status.PARTLY_FULFILLED):
                letter = self.letter_after(ministry, made_on + timedelta(days=1))
                links.append(
                    self._link(row, letter, LinkState.ACCEPTED, partial=status is Status.PARTLY_FULFILLED)
                )
            elif status is Status.OPEN:
                for _ in range(rng.choice([1, 2, 2, 3])):
                    letter = self.letter_after(ministry, made_on + timedelta(days=1))
                    state = LinkState.CANDIDATE if rng.random() < 0.85 else LinkState.REJECTED
                    if letter["id"] not in seen:
                        links.append(self._link(row, letter, state))
                    seen.add(letter["id"])
            for link in links:
                fulfilment_id += 1
                self.add(Fulfilment, {"id": fulfilment_id, **link})
            # History: the register's snapshot or the detection, then what happened since.
            events: list[dict[str, Any]] = []
            first = "register_status" if source is Source.REGISTER else "status"
            events.append(
                {
                    "field": first,
                    "old": None,
                    "new": REGISTER_STATUS[Status.OPEN] if first == "register_status" else Status.OPEN.value,
                    "cause": "register snapshot" if first == "register_status" else "detected",
                    "at": created,
                }
            )
            if due and rng.random() < 0.25:  # postponed by a letter
                letter = self.letter_after(ministry, made_on + timedelta(days=1))
                moved = due + timedelta(days=rng.randrange(30, 240))
                events.append(
                    {
                        "field": "due",
                        "old": due.isoformat(),
                        "new": moved.isoformat(),
                        "cause": f"postponed by {letter['nummer']} ({nl_date(letter['datum'])})",
                        "at": _at(rng, min(TODAY, max(letter["datum"], made_on))),
                    }
                )
            if status is not Status.OPEN:
                decided_on = links[0]["document_date"] if links else _day(rng, made_on, TODAY)
                by_person = rng.random() < 0.1
                events.append(
                    {
                        "field": "status",
                        "old": Status.OPEN.value,
                        "new": status.value,
                        "cause": "person" if by_person else "fulfilment detected",
                        "who": rng.choice(["a.jansen", "m.devries", "griffie"]) if by_person else "machine",
                        "at": _at(rng, min(TODAY, decided_on + timedelta(days=rng.randrange(0, 14)))),
                    }
                )
                if by_person:
                    row |= {"status_source": StatusSource.PERSON.value, "person_locked": True}
            for e in events:
                event_id += 1
                self.add(
                    StatusEvent,
                    {
                        "id": event_id,
                        "commitment_id": cid,
                        "register_id": row["register_id"],
                        "who": "machine",
                        "note": None,
                    }
                    | e,
                )
            self.add(Commitment, row)

    def restatements(self, seed: int) -> None:
        """Later letters promising again what one in twenty open commitments promised (issue 11): a
        `Restatement` each, its words among the commitment's quotes. A generator of their own, so the rest of
        the database stays as the seed made it."""
        rng = random.Random(seed + 1)
        for row in self.rows[Commitment]:
            row["quotes"] = [row["quote"]] if row["quote"] else []
            if row["status"] != Status.OPEN.value or rng.random() >= RESTATED:
                continue
            dated = self.letters_by_ministry.get(row["ministry"], [])
            lo = bisect.bisect_left(dated, (row["made_on"] + timedelta(days=1), -1))
            if lo >= len(dated):
                continue
            letter = self.letters[dated[rng.randrange(lo, min(len(dated), lo + 50))][1]]
            sentence, phrase, kind = rng.choice(self.t.commitments)
            row["quotes"].append(sentence)
            self.add(
                Restatement,
                {
                    "commitment_id": row["id"],
                    "document_id": letter["id"],
                    "document_number": letter["nummer"],
                    "document_date": letter["datum"],
                    "text": sentence,
                    "deadline_text": phrase or None,
                    "due": row["due"] if kind and kind != "vague" else None,
                    "signals": ["cue", f"shared:{rng.choice(self.t.words)}"],
                    "extractor_version": EXTRACTOR,
                    "created_at": _at(rng, min(TODAY, letter["datum"])),
                },
            )

    def _link(
        self, c: dict[str, Any], letter: dict[str, Any], state: LinkState, partial: bool = False
    ) -> dict[str, Any]:
        rng = self.rng
        method = rng.choice([Method.REFERENCE, Method.PHRASE, Method.TOPIC])
        if c["source"] == Source.REGISTER and state is LinkState.ACCEPTED and rng.random() < 0.5:
            method = Method.REGISTER
        return {
            "commitment_id": c["id"],
            "document_id": letter["id"],
            "document_number": letter["nummer"],
            "score": 1.0 if state is LinkState.ACCEPTED else round(rng.uniform(0.3, 0.95), 3),
            "method": method.value,
            "partial": partial,
            "evidence_commitment": c["text"],
            "evidence_document": rng.choice(self.t.fulfilments),
            "signals": ["phrase", "ministry", f"shared:{rng.choice(self.t.words)}"],
            "state": state.value,
            "document_date": letter["datum"],
            "decided_by": None,
            "note": None,
            "extractor_version": EXTRACTOR,
            "created_at": _at(rng, min(TODAY, letter["datum"] + timedelta(days=1))),
        }

    # ----------------------------------------------------------------- runs and failures

    def runs(self) -> None:
        rng = self.rng
        for i in range(400):  # two runs a night, the last 200 nights
            day = TODAY - timedelta(days=200 - i // 2)
            started = _at(rng, day)
            kind = RunKind.SYNC if i % 2 == 0 else RunKind.TRACK
            failed = rng.random() < 0.03
            self.add(
                Run,
                {
                    "id": i + 1,
                    "kind": kind.value,
                    "started_at": started,
                    "finished_at": started + timedelta(seconds=rng.randrange(20, 900)),
                    "state": (RunState.FAILED if failed else RunState.SUCCEEDED).value,
                    "counts": {"documents": rng.randrange(0, 300), "commitments": rng.randrange(0, 60)},
                    "failures": rng.randrange(0, 4),
                    "message": "HTTP 503 from gegevensmagazijn" if failed else None,
                },
            )
        for i in range(120):
            self.add(
                SyncFailure,
                {
                    "id": i + 1,
                    "kind": rng.choice(["entry", "page", "publication", "transcript"]),
                    "item_id": f"item-{i}",
                    "error": rng.choice(ERRORS),
                    "attempts": rng.randint(1, 6),
                    "last_attempt": _at(rng, TODAY - timedelta(days=rng.randrange(60))),
                    "resolved": rng.random() < 0.3,
                },
            )


# Documents before commitments: the search trigger reads the document's title.
ORDER = [
    Kamerstukdossier,
    Activiteit,
    Document,
    DocumentText,
    DocumentActor,
    Toezegging,
    Commitment,
    Fulfilment,
    Restatement,
    StatusEvent,
    Run,
    SyncFailure,
]


def _chunks(rows: Sequence[dict[str, Any]], size: int) -> Iterable[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def build(
    engine: Engine, commitments: int = 100_000, seed: int = 0, templates: Templates | None = None
) -> None:
    """Fill a migrated, empty database with `commitments` commitments and everything around them."""
    builder = Builder(commitments, seed, templates or load_templates())
    builder.context()
    builder.commitments()
    builder.restatements(seed)
    builder.runs()
    with engine.begin() as conn:
        for model in ORDER:
            for chunk in _chunks(builder.rows.get(model, []), CHUNK):
                conn.execute(insert(model), chunk)
        if engine.dialect.name == "postgresql":  # explicit ids: move the sequences past them
            for model in (Commitment, Fulfilment, StatusEvent, Run, SyncFailure):
                table = model.__tablename__
                sequence = f"pg_get_serial_sequence('{table}', 'id')"
                conn.execute(text(f"SELECT setval({sequence}, (SELECT max(id) FROM {table}))"))
    if engine.dialect.name == "postgresql":
        # Autovacuum would vacuum and analyse a live database soon after a bulk load (statistics for the
        # planner, the visibility map for index-only scans); SQLite gets no statistics unless asked.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", required=True, help="database URL; it is migrated first and must be empty")
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    engine = make_engine(args.url)
    migrate(engine)
    started = time.perf_counter()
    build(engine, args.commitments, args.seed)
    print(f"{args.commitments:,} commitments built in {time.perf_counter() - started:.1f} s: {args.url}")
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
