"""Tracking at scale: 100,000 letters and 50,000 register commitments in a SQLite file.

    .venv/bin/python -m bench.track            # full size
    .venv/bin/python -m bench.track 0.02       # 2 % of it (2,000 letters, 1,000 commitments), for a quick try
    .venv/bin/python -m bench.track 1 --db /tmp/track-bench.db
    .venv/bin/python -m bench.track 0.05 --kill 2600   # killed after 2,600 letters, run again twice

Texts are generated from real templates: register texts in the griffie's phrasing, letters built from
sentences of the dev set's real letters, with topics from their vocabulary. 40 % of the register
entries get a letter that fulfils them ("Tijdens het Algemeen overleg ... van <date> heb ik toegezegd
..."), so the run's detection can be checked against what was planted. A fifth of the letters that make a
promise of their own, and 2 % of the register entries, get a later letter that restates the promise ("Zoals
ik u in mijn brief van <date> heb toegezegd …", or postpones it: "… Dat is helaas niet gelukt. U ontvangt
…"), so the count of promises can be checked: each should be kept with the promise it restates, not become
a second row. Prints the generation time, the tracking time, peak memory, the candidate pairs scored beside
the all-pairs count, what became of the planted restatements, and a second (incremental, nothing new) run's
time. The real extractor reads every letter.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

from sqlalchemy import Connection, insert, select

from db.engine import make_engine, migrate
from db.models import (
    Activiteit,
    Commitment,
    Document,
    DocumentActor,
    DocumentText,
    Fulfilment,
    Kamerstukdossier,
    ProcessedDocument,
    Restatement,
    Toezegging,
)
from tracker import lexicon
from tracker.matching import sentences
from tracker.track import TrackSummary, track

DEVSET = Path(__file__).resolve().parent.parent.parent / "shared" / "devset"
LETTERS, COMMITMENTS = 100_000, 50_000
PLANTED = 0.4  # share of register entries that a generated letter fulfils
RESTATED_OWN = 0.2  # share of letters' own promises that a later letter restates
RESTATED_REGISTER = 0.02  # share of register entries (not fulfilled) that a later letter restates
BATCH = 5_000

MONTHS = list(lexicon.MONTHS)  # calendar order
MINISTRIES = [
    "Justitie en Veiligheid",
    "Volksgezondheid, Welzijn en Sport",
    "Infrastructuur en Waterstaat",
    "Financiën",
    "Onderwijs, Cultuur en Wetenschap",
    "Economische Zaken",
    "Sociale Zaken en Werkgelegenheid",
    "Defensie",
    "Binnenlandse Zaken en Koninkrijksrelaties",
    "Buitenlandse Zaken",
    "Landbouw, Natuur en Voedselkwaliteit",
    "Klimaat en Groene Groei",
]
SURNAMES = [
    "Jansen",
    "de Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
]
SOORTEN = ["Algemeen overleg", "Commissiedebat", "Notaoverleg", "Wetgevingsoverleg"]
WHEN = [
    "voor de zomer",
    "voor het kerstreces",
    "in het najaar",
    "begin volgend jaar",
    "voor Prinsjesdag",
    "",
    "binnen twee maanden",
    "in het eerste kwartaal",
    "op korte termijn",
    "",
]
REGISTER = [
    "De minister stuurt de Kamer {when} een brief over {topic}.",
    "De minister informeert de Kamer {when} over {topic}.",
    "De staatssecretaris zegt toe de Kamer {when} een voortgangsrapportage over {topic} te sturen.",
    "De minister komt {when} schriftelijk terug op {topic}.",
    "De minister zegt toe {when} in overleg met de betrokken partijen te bezien hoe {topic} "
    "kan worden verbeterd.",
]
FULFIL = [
    "Tijdens het {soort} {onderwerp} van {datum} heb ik uw Kamer toegezegd te informeren over {topic}. "
    "Met deze brief doe ik die toezegging gestand.",
    "Tijdens het {soort} van {datum} heb ik toegezegd u te berichten over {topic}. "
    "Met deze brief kom ik die toezegging na.",
]
OPENING = ["Hierbij ontvangt u de reactie op {topic}.", "In deze brief informeer ik u over {topic}."]
OWN = [
    "Voor de zomer van {year} informeer ik uw Kamer over {topic}.",
    "U ontvangt begin {year} een eindrapportage over {topic}.",
    "Ik zal uw Kamer in het najaar van {year} informeren over {topic}.",
]
# The time of each OWN promise, and a later one a postponement gives it.
OWN_WHEN = [
    ("voor de zomer van {year}", "in het najaar van {year}"),
    ("begin {year}", "voor de zomer van {year}"),
    ("in het najaar van {year}", "begin {next}"),
]
RESTATE = [
    "Zoals ik u in mijn brief van {datum} heb toegezegd, informeer ik uw Kamer {when} over {topic}.",
    "In mijn brief van {datum} heb ik toegezegd u {when} te informeren over {topic}. Dat is helaas niet "
    "gelukt, omdat het onderzoek meer tijd vraagt. U ontvangt de brief over {topic} {later}.",
]
RESTATE_REGISTER = (
    "Tijdens het {soort} van {datum} heb ik toegezegd u te informeren over {topic}. Dat kost meer tijd dan "
    "voorzien. U ontvangt de brief over {topic} {later}."
)


@dataclass
class Planted:
    """What the generator planted, to check the run against."""

    fulfils: dict[str, str]  # register id -> the letter that fulfils it
    # a restating letter -> (the letter or register entry whose promise it restates, the promise's topic)
    restates: dict[str, tuple[str, str]]


def nl_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


class Corpus:
    """Real sentences and words from the dev set's letters."""

    def __init__(self, rng: random.Random, texts: list[str] | None = None) -> None:
        self.rng = rng
        if texts is None:
            texts = [p.read_text(encoding="utf-8") for p in sorted((DEVSET / "docs").glob("kst-*.txt"))]
        self.sentences = [
            s for t in texts for s in sentences(t) if 60 < len(s) < 400 and "toegezegd" not in s
        ]
        words = {w.strip(".,;:()«»").lower() for t in texts for w in t.split()}
        self.words = sorted(w for w in words if w.isalpha() and 7 <= len(w) <= 16)

    def topic(self) -> str:
        a, b, c = self.rng.sample(self.words, 3)
        return f"de {a} van de {b} en {c}"

    def body(self, n: int) -> str:
        return "\n\n".join(" ".join(self.rng.sample(self.sentences, 3)) for _ in range(n))


def generate(
    engine, n_letters: int, n_commitments: int, seed: int = 1, texts: list[str] | None = None
) -> Planted:  # type: ignore[no-untyped-def]
    """Fill the database; returns what was planted: the fulfilling letters and the restating ones.
    `texts`: the real letters to take sentences and words from (default: the dev set's)."""
    rng = random.Random(seed)
    corpus = Corpus(rng, texts)
    start = date(2012, 1, 1)
    n_dossiers = min(2_000, max(10, n_letters // 10))
    dossiers = [
        {"id": f"dos-{i}", "nummer": str(30000 + i), "titel": corpus.topic()} for i in range(n_dossiers)
    ]
    n_meetings = max(1, n_commitments // 5)
    meetings = []
    for i in range(n_meetings):
        meetings.append(
            {
                "id": f"act-{i}",
                "nummer": f"A{i:07d}",
                "soort": rng.choice(SOORTEN),
                "onderwerp": corpus.topic().split(" van de ")[0][3:].capitalize(),
                "datum": start + timedelta(days=rng.randrange(13 * 365)),
            }
        )
    register, planted_for, unplanted = [], [], []
    for i in range(n_commitments):
        act = rng.choice(meetings)
        ministry = rng.choice(MINISTRIES)
        topic = corpus.topic()
        text = rng.choice(REGISTER).format(when=rng.choice(WHEN), topic=topic).replace("  ", " ")
        register.append(
            {
                "id": f"tz-{i}",
                "nummer": f"TZ{act['datum']:%Y%m}-{i}",
                "tekst": text,
                "status": "Openstaand",
                "naam": f"{rng.choice(SURNAMES)}, A.B.",
                "functie": f"Minister van {ministry}",
                "ministerie": ministry,
                "activiteit_id": act["id"],
                "activiteit_nummer": act["nummer"],
                "aanmaakdatum": datetime.combine(act["datum"], datetime.min.time(), UTC),
                "datum_nakoming": date(1, 1, 1),
                "kamerbrief_nakoming": [],
                "toegezegd_aan": [],
                "relaties": {},
            }
        )
        if rng.random() < PLANTED:
            planted_for.append((f"tz-{i}", act, topic, ministry))
        else:
            unplanted.append((f"tz-{i}", act, topic, ministry))
    documents, texts, actors, planted = [], [], [], {}
    own = []  # (letter id, date, ministry, signer, dossier, OWN index, topic)
    for i in range(n_letters):
        doc_id = f"doc-{i}"
        if i < len(planted_for):
            tz_id, act, topic, ministry = planted_for[i]
            on = act["datum"] + timedelta(days=rng.randrange(30, 400))
            opening = rng.choice(FULFIL).format(
                soort=act["soort"],
                onderwerp=act["onderwerp"].lower(),
                datum=nl_date(act["datum"]),
                topic=topic,
            )
            planted[tz_id] = doc_id
        else:
            ministry = rng.choice(MINISTRIES)
            on = start + timedelta(days=rng.randrange(13 * 365))
            opening = rng.choice(OPENING).format(topic=corpus.topic())
        header = f"Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, {nl_date(on)}\n\n"
        text = f"{header}{opening}\n\n{corpus.body(rng.randint(2, 4))}"
        promised = None
        if rng.random() < 0.3:
            template = rng.choice(OWN)
            promised = (OWN.index(template), corpus.topic())
            text += "\n\n" + template.format(year=on.year + 1, topic=promised[1])
        dossier = rng.choice(dossiers)
        volgnummer = rng.randint(1, 400)
        signer = f"A.B. {rng.choice(SURNAMES)}"
        rows = _letter(i, on, text, dossier["titel"], opening, dossier["id"], volgnummer, signer, ministry)
        for table, row in zip((documents, texts, actors), rows, strict=True):
            table.append(row)
        if promised is not None:
            own.append((doc_id, on, ministry, signer, dossier["id"], *promised))
    rng.shuffle(documents)  # planted letters are not first in the table
    # The restating letters come from a generator of their own, so that the letters above stay as they were.
    restates = _restating_letters(
        random.Random(seed + 1), corpus, own, unplanted, documents, texts, actors, n_letters
    )
    with engine.begin() as conn:
        for table, rows in (
            (Kamerstukdossier, dossiers),
            (Activiteit, meetings),
            (Toezegging, register),
            (Document, documents),
            (DocumentText, texts),
            (DocumentActor, actors),
        ):
            for i in range(0, len(rows), BATCH):
                conn.execute(insert(table), rows[i : i + BATCH])  # type: ignore[arg-type]
    return Planted(planted, restates)


def _letter(
    i: int,
    on: date,
    text: str,
    title: str,
    opening: str,
    dossier_id: str,
    volgnummer: int,
    signer: str,
    ministry: str,
) -> tuple[dict, dict, dict]:  # type: ignore[type-arg]
    """The rows of generated letter `i`: its Document, its text and its signatory."""
    doc_id = f"doc-{i}"
    document = {
        "id": doc_id,
        "nummer": f"{on.year}D{i:06d}",
        "soort": "Brief regering",
        "titel": title,
        "onderwerp": opening[:200],
        "datum": on,
        "dossier_id": dossier_id,
        "volgnummer": volgnummer,
        "zaak_ids": [],
        "activiteit_ids": [],
    }
    body = {
        "document_id": doc_id,
        "source": "publication",
        "text": text,
        "footnotes": [],
        "text_sha256": f"{i:064x}",
    }
    actor = {"id": f"actor-{i}", "document_id": doc_id, "naam": signer, "functie": f"Minister van {ministry}"}
    return document, body, actor


def _restating_letters(
    rng: random.Random,
    corpus: Corpus,
    own: list[tuple],  # type: ignore[type-arg]
    register: list[tuple],  # type: ignore[type-arg]
    documents: list[dict],  # type: ignore[type-arg]
    texts: list[dict],  # type: ignore[type-arg]
    actors: list[dict],  # type: ignore[type-arg]
    first: int,
) -> dict[str, tuple[str, str]]:
    """Later letters restating letters' own promises and register entries (appended to the rows); returns
    {restating letter: (the letter or register entry restated, the topic)}."""
    out: dict[str, tuple[str, str]] = {}
    chosen = [("letter", item) for item in own if rng.random() < RESTATED_OWN]
    chosen += [("register", item) for item in register if rng.random() < RESTATED_REGISTER]
    for n, (kind, item) in enumerate(chosen):
        if kind == "letter":
            earlier_id, made, ministry, signer, dossier, which, topic = item
            on = made + timedelta(days=rng.randint(30, 300))
            when, later = OWN_WHEN[which]
            year = made.year + 1
            body = rng.choice(RESTATE).format(
                datum=nl_date(made),
                when=when.format(year=year),
                later=later.format(year=year, next=year + 1),
                topic=topic,
            )
        else:
            earlier_id, act, topic, ministry = item
            signer, dossier = f"A.B. {rng.choice(SURNAMES)}", rng.choice(documents)["dossier_id"]
            on = act["datum"] + timedelta(days=rng.randint(30, 300))
            body = RESTATE_REGISTER.format(
                soort=act["soort"],
                datum=nl_date(act["datum"]),
                topic=topic,
                later=f"in het najaar van {on.year + 1}",
            )
        header = f"Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, {nl_date(on)}\n\n"
        text = f"{header}{body}\n\n{' '.join(rng.sample(corpus.sentences, 3))}"
        rows = _letter(first + n, on, text, topic, body, dossier, rng.randint(401, 800), signer, ministry)
        for table, row in zip((documents, texts, actors), rows, strict=True):
            table.append(row)
        out[f"doc-{first + n}"] = (earlier_id, topic)
    return out


def run_track(path: str) -> TrackSummary:
    engine = make_engine(f"sqlite:///{path}")
    try:
        return track(engine, today=date(2026, 1, 1))
    finally:
        engine.dispose()


def fulfilled(path: Path) -> int:
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        n = len(conn.execute(select(Commitment.id).where(Commitment.status == "fulfilled")).all())
    engine.dispose()
    return n


def killed_run(path: Path, after: int) -> int:
    """Run track in a child, SIGKILL it once `after` letters are marked processed; the letters marked."""
    child = subprocess.Popen(
        [sys.executable, "-c", f"from bench.track import run_track; run_track({str(path)!r})"],
        cwd=Path(__file__).resolve().parent.parent,
    )
    engine = make_engine(f"sqlite:///{path}")
    marked = 0
    try:
        while child.poll() is None:
            with engine.connect() as conn:
                marked = len(
                    conn.execute(
                        select(ProcessedDocument.key).where(ProcessedDocument.key.startswith("document:"))  # type: ignore[attr-defined]
                    ).all()
                )
            if marked >= after:
                child.send_signal(signal.SIGKILL)
                break
            time.sleep(0.2)
        child.wait()
    finally:
        engine.dispose()
    return marked


def kill_trial(path: Path, after: int) -> None:
    """Killed at `after` letters and run again twice, beside an uninterrupted run of the same database."""
    whole = path.with_name("uninterrupted.db")
    shutil.copy(path, whole)
    run_track(str(whole))
    marked = killed_run(path, after)
    run_track(str(path))
    run_track(str(path))
    after_kill = fulfilled(path)
    print(f"killed after {marked:,} letters marked processed, then run again twice: {after_kill:,} fulfilled")
    print(f"uninterrupted: {fulfilled(whole):,} fulfilled")


def review_queue(
    queued: list[tuple[str | None, str | None, float]],
    truth: set[tuple[str, str]],
    detected: set[tuple[str | None, str | None]],
    n_commitments: int,
) -> str:
    """The review queue beside what it is for: its size, how often a person would accept a candidate
    (precision by score band, on the planted links), and the share of planted fulfilments that are
    detected or waiting in the queue."""
    planted = {(c, d) for c, d, _ in queued if (c, d) in truth}
    lines = [
        f"review queue: {len(queued):,} candidates"
        f" ({len(queued) / max(1, n_commitments):.2f} per commitment);"
        f" planted fulfilments detected or queued: {len(truth & (detected | planted)):,} of {len(truth):,}"
        f" ({len(truth & (detected | planted)) / max(1, len(truth)):.1%}; queued {len(planted):,})",
        "precision of candidates by score band (planted links; a person would accept this share):",
    ]
    bands = [0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 2.0]
    for lo, hi in pairwise(bands):
        inside = [(c, d) for c, d, score in queued if lo <= score < hi]
        if inside:
            good = sum(1 for pair in inside if pair in truth)
            lines.append(
                f"  [{lo:.2f}, {hi:.2f}): {len(inside):,} candidates, {good / len(inside):.1%} planted"
            )
    return "\n".join(lines)


def restatements(conn: Connection, planted: dict[str, tuple[str, str]]) -> str:
    """What became of the planted restatements: kept with the promise they restate (right), with another
    one, a row of their own (a second row for one promise), or not read as a promise at all."""
    kept: dict[str, set[str]] = defaultdict(set)
    other, same = 0, 0  # unplanted: all, and those whose words are the earlier promise's very sentence
    for doc_id, register_id, earlier_doc, words, text in conn.execute(
        select(
            Restatement.document_id,
            Commitment.register_id,
            Commitment.document_id,
            Restatement.text,
            Commitment.text,
        ).join(Commitment, Commitment.id == Restatement.commitment_id)  # type: ignore[arg-type]
    ):
        kept[doc_id].add(register_id or earlier_doc)
        if doc_id not in planted:
            other += 1
            same += words == text
    rows: dict[str, list[str]] = defaultdict(list)
    for doc_id, text in conn.execute(
        select(Commitment.document_id, Commitment.text).where(Commitment.source == "letter")
    ):
        if doc_id in planted:
            rows[doc_id].append(text)
    right = sum(1 for d, (e, _) in planted.items() if e in kept[d])
    elsewhere = sum(1 for d, (e, _) in planted.items() if kept[d] and e not in kept[d])
    second = sum(1 for d, (_, topic) in planted.items() if any(topic in t for t in rows[d]))
    unread = len(planted) - right - elsewhere - second
    return (
        f"planted restatements: {len(planted):,}; kept with the promise they restate {right:,}"
        f" ({right / max(1, len(planted)):.1%}), with another one {elsewhere:,}, a second row {second:,},"
        f" not read as a promise {unread:,}\nother letters' promises kept with an earlier one: {other:,}"
        f" ({same:,} the very same sentence, which the generator reuses)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "scale", nargs="?", type=float, default=1.0, help="share of the full size (default 1)"
    )
    parser.add_argument("--db", type=Path, help="SQLite file (default: a temporary one)")
    parser.add_argument("--kill", type=int, metavar="N", help="kill track after N letters; compare")
    args = parser.parse_args()
    n_letters, n_commitments = max(1, round(LETTERS * args.scale)), max(1, round(COMMITMENTS * args.scale))
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "track-bench.db"
        path.unlink(missing_ok=True)
        engine = make_engine(f"sqlite:///{path}")
        migrate(engine)
        t0 = time.perf_counter()
        planted = generate(engine, n_letters, n_commitments)
        t1 = time.perf_counter()
        if args.kill is not None:
            engine.dispose()
            kill_trial(path, args.kill)
            return 0
        # Tracking runs in a fresh process, so its peak memory is its own (not the generator's).
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            summary = pool.submit(run_track, str(path)).result()
            t2 = time.perf_counter()
            again = pool.submit(run_track, str(path)).result()
            t3 = time.perf_counter()
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        with engine.connect() as conn:
            detected = {
                (c, d)
                for c, d in conn.execute(
                    select(Commitment.register_id, Fulfilment.document_id)
                    .join(Fulfilment, Fulfilment.commitment_id == Commitment.id)  # type: ignore[arg-type]
                    .where(Fulfilment.state == "accepted", Fulfilment.method != "register")
                    .where(Commitment.source == "register")
                )
            }
            queued = [
                (c, d, score)
                for c, d, score in conn.execute(
                    select(Commitment.register_id, Fulfilment.document_id, Fulfilment.score)
                    .join(Fulfilment, Fulfilment.commitment_id == Commitment.id)  # type: ignore[arg-type]
                    .where(Fulfilment.state == "candidate")
                )
            ]
            n_all = conn.execute(select(Commitment.id)).all()
            restated = restatements(conn, planted.restates)
        truth = set(planted.fulfils.items())
        hits = len(truth & detected)
        all_pairs = summary.letters * len(n_all)
        print(
            f"letters {summary.letters:,} ({len(planted.restates):,} of them restating an earlier promise),"
            f" register commitments {n_commitments:,}, commitments after the run {len(n_all):,}"
        )
        print(f"generate: {t1 - t0:.1f} s")
        print(f"track:    {t2 - t1:.1f} s ({summary.letters / (t2 - t1):.0f} letters/s)")
        print(f"re-run:   {t3 - t2:.1f} s ({again.letters} letters read again)")
        print(f"peak memory of the tracking process: {peak_mb:.0f} MB")
        print(
            f"candidate pairs scored: {summary.pairs_scored:,} of {all_pairs:,} all pairs "
            f"({summary.pairs_scored / all_pairs:.5%})"
        )
        print(
            f"planted links detected: {hits:,} of {len(truth):,} (recall {hits / max(1, len(truth)):.1%}); "
            f"accepted links to register entries that were not planted: {len(detected - truth):,}"
        )
        print(review_queue(queued, truth, detected, len(n_all)))
        print(restated)
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
