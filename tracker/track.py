"""The tracking run: from what sync stored to commitments, fulfilments, statuses and their history.

Order of a run: the register (authoritative for what it covers), then debate transcripts (commitments
the register lacks; the ones it holds are linked to their entries), then letters by date (their own
commitments, and the earlier commitments they fulfil or postpone), then statuses. Only new or changed inputs
are read (`ProcessedDocument`: content hash and extractor version), so a second run changes nothing. A
person's decision (status, due date, accepted or rejected link) is never overwritten.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from datetime import date
from typing import cast

from sqlalchemy import or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from db.clock import utcnow
from db.engine import session_scope
from db.locks import run_lock
from db.models import (
    Activiteit,
    Blob,
    Commitment,
    Document,
    DocumentActor,
    DocumentText,
    Fulfilment,
    Kamerstukdossier,
    ProcessedDocument,
    Restatement,
    StatusEvent,
    Toezegging,
    Transcript,
    Zaak,
)
from db.people import PersonRow, parties, people
from db.runs import recorded_run
from db.upsert import upsert
from db.vocabulary import LinkState, Method, RunKind, Source, Status, StatusSource
from tracker import debate, events, extract
from tracker import status as st
from tracker.deadlines import Deadline, find_deadline
from tracker.documents import SourceText, read_document
from tracker.extract import Analysis, FoundCommitment
from tracker.matching import (
    REVIEW_PER_COMMITMENT,
    CommitmentFacts,
    CommitmentIndex,
    LetterFacts,
    Match,
    match_letter,
    meeting_kind,
    minister_key,
    ministry_key,
    terms,
)
from tracker.people import (
    KnownPerson,
    Mention,
    PersonResolver,
    Role,
    Speaker,
    display_name,
    ministry_of,
    name_key,
    one_name,
    signatory,
    vlos_speakers,
)
from tracker.restatement import Verdict, new_deadline, restated, restating
from tracker.version import merging_version

log = logging.getLogger(__name__)

Analyser = Callable[[SourceText | str, date | None], Analysis]

NO_DATE = date(1, 1, 1)  # the register's DatumNakoming when none was given
CHUNK = 200  # documents per transaction
# Every input is read again when how promises, people and restatements are merged changes.
PROMISES = merging_version()
TWIN = 0.5  # share of shared words above which a debate item and a register entry are one commitment

# Document kinds written by ministers; motions, reports and the Kamer's own letters are not read.
MINISTERIAL = (
    "brief regering",
    "antwoord schriftelijke vragen",
    "lijst van vragen en antwoorden",
    "memorie van toelichting",
    "nota naar aanleiding van het verslag",
    "nota van wijziging",
    "brief minister",
    "brief staatssecretaris",
)


@dataclass
class TrackSummary:
    register: int = 0
    letters: int = 0
    transcripts: int = 0
    unchanged: int = 0
    failed: int = 0
    commitments_added: int = 0
    commitments_removed: int = 0
    linked_to_register: int = 0
    fulfilled: int = 0
    candidates: int = 0
    candidates_dropped: int = 0  # beyond the best few of a commitment (the review queue's cap)
    postponed: int = 0
    restated: int = 0  # letters' promises kept with the earlier commitment they restate (no row of their own)
    status_changes: int = 0
    pairs_scored: int = 0
    open: int = 0
    overdue: int = 0
    unknown_register_statuses: set[str] = field(default_factory=set)

    def as_counts(self) -> dict[str, object]:
        """The summary as plain data, for the run table."""
        out: dict[str, object] = {k: v for k, v in vars(self).items() if isinstance(v, int)}
        out["unknown_register_statuses"] = sorted(self.unknown_register_statuses)
        return out

    def lines(self) -> list[str]:
        out = [
            f"read: {self.register} register entries, {self.letters} letters, {self.transcripts} transcripts"
            f" ({self.unchanged} unchanged, {self.failed} failed)",
            f"commitments: {self.commitments_added} added, {self.commitments_removed} removed,"
            f" {self.restated} restatements kept with the promise they restate,"
            f" {self.linked_to_register} debate items linked to the register",
            f"fulfilments: {self.fulfilled} detected, {self.candidates} candidates to confirm;"
            f" {self.postponed} due dates postponed",
            f"status changes: {self.status_changes}; candidate pairs scored: {self.pairs_scored}",
            f"now: {self.open} open, of which {self.overdue} overdue",
        ]
        if self.unknown_register_statuses:
            out.append(
                "unknown register statuses (kept, shown as open): "
                + ", ".join(sorted(self.unknown_register_statuses))
            )
        return out


def _sha(*parts: object) -> str:
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()


def _text_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.lower().split()).encode()).hexdigest()[:16]


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _is_ministerial(soort: str | None) -> bool:
    return soort is None or soort.lower().startswith(MINISTERIAL)


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared >= 2 and shared / max(1, min(len(a), len(b))) >= TWIN


def _facts(c: Commitment) -> CommitmentFacts:
    assert c.id is not None
    return CommitmentFacts(
        id=c.id,
        text=c.text,
        made_on=c.made_on,
        due=c.due,
        earliest=c.earliest,
        dossier=c.dossier,
        ministry=ministry_key(c.ministry),
        minister=minister_key(c.minister),
        meeting_date=c.meeting_date,
        meeting_kind=meeting_kind(c.meeting_soort),
        kamerstuk=c.kamerstuk,
        register_number=c.register_number,
        document_id=c.document_id,
        terms=terms(c.text),
        status=c.status,
        fulfilled_on=c.fulfilled_on,
    )


def _assign(row: object, values: dict[str, object]) -> bool:
    """Set the values that differ; True when anything changed (so unchanged rows stay untouched)."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


_DEADLINE = ("deadline_text", "earliest", "deadline_kind")


def _moved_deadline(c: Commitment, base: date | None, values: dict[str, object]) -> dict[str, object]:
    """`values` without the deadline's phrase, kind and earliest date when a letter moved `c`'s due date
    away from `base` (what its own text or the register gives): the phrase goes with the date it names."""
    if c.due_locked or c.due == base:
        return values
    return {k: v for k, v in values.items() if k not in _DEADLINE}


class _Run:
    def __init__(self, engine: Engine, today: date, analyser: Analyser, version: str) -> None:
        self.engine = engine
        self.today = today
        self.analyser = analyser
        self.version = version
        # What an input is marked read with: what it gives depends on the extractor and on the merging.
        self.read_with = f"{version}+{PROMISES}"
        self.summary = TrackSummary()
        self.touched: set[int] = set()
        self.index = CommitmentIndex()
        self.dossiers: dict[str, str] = {}
        self._debate_items: dict[date | None, list[Commitment]] | None = None  # loaded when first needed
        self._done: dict[str, tuple[str, str]] = {}
        synced = known_people(engine)
        self.people = PersonResolver(
            KnownPerson(p.id, p.name, roles=(Role(p.functie),) if p.functie else (), party=p.party)
            for p in synced
        )
        # Persoon and Fractie ids -> names and parties, for the register's `toegezegdAan` refs.
        self.members: dict[str, PersonRow] = {p.id: p for p in synced}
        with Session(engine) as session:
            self.party_names: dict[str, str] = parties(session)

    # ------------------------------------------------------------------ units of work

    @contextmanager
    def _unit(self) -> Iterator[Session]:
        """One transaction, whose commitments get their statuses before it commits: what it marks
        processed is never without its consequences, so a run killed at any moment and run again ends
        where an uninterrupted run ends."""
        self.touched.clear()
        try:
            with session_scope(self.engine) as session:
                yield session
                session.flush()
                self._cap_queue(session, sorted(self.touched))
                self._statuses(session, sorted(self.touched))
        finally:
            self.touched.clear()

    # ------------------------------------------------------------------ shared lookups

    def _processed(self, session: Session, prefix: str) -> dict[str, tuple[str, str]]:
        rows = session.exec(
            select(ProcessedDocument).where(col(ProcessedDocument.key).startswith(prefix))
        ).all()
        return {r.key: (r.content_sha256, r.extractor_version) for r in rows}

    def _mark(self, session: Session, key: str, sha: str) -> None:
        """Mark `key` read, in the transaction that stores what reading it gave."""
        row = {
            "key": key,
            "content_sha256": sha,
            "extractor_version": self.read_with,
            "processed_at": utcnow(),
        }
        upsert(session, ProcessedDocument, [row], ["key"])

    def _load_dossiers(self, session: Session) -> None:
        for d in session.exec(select(Kamerstukdossier)).all():
            if d.nummer:
                self.dossiers[d.id] = d.nummer + (f"-{d.toevoeging}" if d.toevoeging else "")

    def _load_index(self, session: Session) -> None:
        query = (
            select(Commitment)
            .where(col(Commitment.status).in_([Status.OPEN, Status.PARTLY_FULFILLED]))
            .order_by(col(Commitment.id))
        )
        for c in session.exec(query.execution_options(yield_per=2_000)):  # streamed: only facts are kept
            self.index.add(_facts(c))

    # ------------------------------------------------------------------ register

    def register(self) -> None:
        fields = (
            Toezegging.tekst, Toezegging.status, Toezegging.naam, Toezegging.functie, Toezegging.ministerie,
            Toezegging.activiteit_id, Toezegging.activiteit_nummer, Toezegging.aanmaakdatum,
            Toezegging.datum_nakoming, Toezegging.kamerbrief_nakoming, Toezegging.nummer,
        )  # fmt: skip
        to_whom = (
            Toezegging.toegezegd_aan,
            Toezegging.toegezegd_aan_persoon_ids,
            Toezegging.toegezegd_aan_fractie_ids,
        )
        with Session(self.engine) as session:
            self._load_dossiers(session)
            done = self._processed(session, "register:")
            present: set[str] = set()
            acts: set[str | None] = set()
            numbers: set[str] = set()
            changed: list[tuple[str, str]] = []
            for row in session.exec(select(col(Toezegging.id), *(col(f) for f in (*fields, *to_whom)))).all():
                tz_id, values, whom = row[0], list(row[1 : 1 + len(fields)]), row[1 + len(fields) :]
                present.add(tz_id)
                sha = _sha(*values[:-2], sorted(values[-2]), values[-1], *(sorted(w or []) for w in whom))
                if done.get(f"register:{tz_id}") == (sha, self.read_with):
                    self.summary.unchanged += 1
                    continue
                changed.append((tz_id, sha))
                acts.add(values[5])
                numbers.update(values[-2])
            meetings = self._meetings(session, {a for a in acts if a}) if changed else {}
            letters = {
                d.nummer: d
                for chunk in _chunks(sorted(numbers), 500)
                for d in session.exec(
                    select(Document).where(col(Document.nummer).in_(chunk)).order_by(col(Document.id))
                ).all()
            }
        with self._unit() as session:
            self._withdrawn(session, present, done)
        # Chunks in their own transactions keep memory flat on a register of any size.
        for chunk in _chunks(changed, 2_000):
            shas = dict(chunk)
            with self._unit() as session:
                entries = session.exec(select(Toezegging).where(col(Toezegging.id).in_(list(shas)))).all()
                self._register_chunk(session, [(tz, shas[tz.id]) for tz in entries], meetings, letters, done)

    def _register_chunk(
        self,
        session: Session,
        chunk: list[tuple[Toezegging, str]],
        meetings: dict[str, tuple[Activiteit, str | None, str | None]],
        letters: dict[str | None, Document],
        done: dict[str, tuple[str, str]],
    ) -> None:
        keys = [f"register:{tz.id}" for tz, _ in chunk]
        existing = {
            c.key: c for c in session.exec(select(Commitment).where(col(Commitment.key).in_(keys))).all()
        }
        with session.no_autoflush:
            entries = [
                (tz, self._register_entry(session, tz, meetings.get(tz.activiteit_id or ""), existing))
                for tz, _ in chunk
            ]
        session.flush()  # one flush gives the new commitments their ids
        for (tz, sha), (_, (c, new)) in zip(chunk, entries, strict=True):
            assert c.id is not None
            if c.register_status != tz.status:
                # The register keeps no history: our snapshots are it.
                events.record(
                    session, c, "register_status", c.register_status, tz.status, "register snapshot"
                )
                c.register_status = tz.status
            for number in tz.kamerbrief_nakoming:
                self._register_link(session, c, number, letters.get(number), new)
            if new:
                self._absorb_debate_twin(session, c)
            self.touched.add(c.id)
            self._mark(session, f"register:{tz.id}", sha)
            self.summary.register += 1

    def _withdrawn(self, session: Session, present: set[str], done: dict[str, tuple[str, str]]) -> None:
        """Entries the register deleted: their commitments stay, with their history and last status,
        marked as no longer in the register."""
        gone = [key for key in done if key.removeprefix("register:") not in present]
        for chunk in _chunks(gone, 500):
            for c in session.exec(select(Commitment).where(col(Commitment.key).in_(chunk))).all():
                events.record(
                    session, c, "register_status", c.register_status, None, "removed from the register"
                )
                c.in_register, c.updated_at = False, utcnow()  # its last register status still holds
                self.touched.add(c.id or 0)
            for key in chunk:
                row = session.get(ProcessedDocument, key)
                if row is not None:
                    session.delete(row)

    def _meetings(
        self, session: Session, ids: set[str]
    ) -> dict[str, tuple[Activiteit, str | None, str | None]]:
        """Activity id -> (activity, its verslag's Kamerstuk "28638-108", its dossier)."""
        acts = {
            a.id: a
            for chunk in _chunks(sorted(ids), 500)
            for a in session.exec(select(Activiteit).where(col(Activiteit.id).in_(chunk))).all()
        }
        verslag: dict[str, str] = {}
        dossier: dict[str, str] = {}
        reports = session.exec(
            select(Document).where(col(Document.soort).startswith("Verslag")).order_by(col(Document.id))
        ).all()
        for d in reports:
            nummer = self.dossiers.get(d.dossier_id or "")
            for act in d.activiteit_ids:
                if act in acts and nummer:
                    dossier.setdefault(act, nummer)
                    if d.volgnummer:
                        verslag.setdefault(act, f"{nummer}-{d.volgnummer}")
        for z in session.exec(
            select(Zaak).where(col(Zaak.dossier_id).is_not(None)).order_by(col(Zaak.id))
        ).all():
            for act in z.activiteit_ids:
                if act in acts and z.dossier_id in self.dossiers:
                    dossier.setdefault(act, self.dossiers[z.dossier_id])
        return {a: (acts[a], verslag.get(a), dossier.get(a)) for a in acts}

    def _register_entry(
        self,
        session: Session,
        tz: Toezegging,
        meeting: tuple[Activiteit, str | None, str | None] | None,
        existing: dict[str, Commitment],
    ) -> tuple[Commitment, bool]:
        """The register entry's commitment, new (not yet flushed) or updated, and whether it is new."""
        act, verslag, dossier = meeting if meeting else (None, None, None)
        made_on = (act.datum if act else None) or (tz.aanmaakdatum.date() if tz.aanmaakdatum else None)
        text = tz.tekst or ""
        found = find_deadline(text, made_on) if text else None
        register_due = tz.datum_nakoming if tz.datum_nakoming and tz.datum_nakoming != NO_DATE else None
        if not st.is_known_register_status(tz.status):
            log.warning("unknown register status %r on %s (kept, shown as open)", tz.status, tz.nummer)
            self.summary.unknown_register_statuses.add(tz.status or "")
        key = f"register:{tz.id}"
        c = existing.get(key)
        values: dict[str, object] = {
            "source": Source.REGISTER,
            "register_id": tz.id,
            "register_number": tz.nummer,
            "in_register": True,
            "text": text,
            "actor": tz.functie,
            **self._who(tz.naam, function=tz.functie, ministry=tz.ministerie, on=made_on),
            "made_to": self._register_made_to(tz, made_on),
            "made_on": made_on,
            "activiteit_id": tz.activiteit_id,
            "made_in": _meeting_label(act) if act else tz.activiteit_nummer,
            "meeting_soort": act.soort if act else None,
            "meeting_date": act.datum if act else None,
            "kamerstuk": verslag,
            "dossier": dossier,
            "deadline_text": found.text if found else None,
            "earliest": found.earliest if found else None,
            "deadline_kind": found.kind if found else None,
            "vague": bool(found and found.kind == "vague"),
            "register_due": register_due,
            "text_due": found.due if found else None,
        }
        base_due = register_due or (found.due if found else None)
        if c is None:
            c = Commitment.model_validate(
                {
                    "key": key,
                    "status": Status.OPEN,
                    "status_source": StatusSource.REGISTER,
                    "created_at": utcnow(),
                    **values,
                }
            )
            c.due = base_due
            session.add(c)
            self.summary.commitments_added += 1
            return c, True
        base_moved = (c.register_due, c.text_due) != (register_due, values["text_due"])
        if base_moved and not c.due_locked and c.due != base_due:  # the register's new date wins
            cause = f"register: DatumNakoming {register_due or 'none'}"
            events.record(session, c, "due", c.due, base_due, cause)
            c.due = base_due
        if _assign(c, _moved_deadline(c, base_due, values)):
            c.updated_at = utcnow()
        return c, False

    def _register_made_to(self, tz: Toezegging, on: date | None) -> list[str]:
        """The entry's Persoon and Fractie refs (flat or nested) and its flat names, as names."""
        return register_made_to(
            tz.toegezegd_aan,
            tz.toegezegd_aan_persoon_ids,
            tz.toegezegd_aan_fractie_ids,
            person_name=lambda i: self.members[i].name if i in self.members else None,
            person_party=lambda i: self.members[i].party_on(on) if i in self.members else None,
            party_name=self.party_names.get,
        )

    def _register_link(
        self, session: Session, c: Commitment, number: str, letter: Document | None, new: bool
    ) -> None:
        existing = (
            None
            if new
            else session.exec(
                select(Fulfilment).where(
                    Fulfilment.commitment_id == c.id,
                    or_(
                        col(Fulfilment.document_number) == number,
                        col(Fulfilment.document_id) == (letter.id if letter else ""),
                    ),
                )
            ).first()
        )
        if existing is not None and existing.decided_by:
            return  # a person's decision stands
        f = existing or Fulfilment(commitment_id=c.id or 0, method=Method.REGISTER, created_at=utcnow())
        _assign(
            f,
            {
                "document_id": letter.id if letter else None,
                "document_number": number,
                "document_date": letter.datum if letter else None,
                "score": 1.0,
                "method": Method.REGISTER,
                "state": LinkState.ACCEPTED,
                "evidence_commitment": c.text,
                "evidence_document": (letter.onderwerp or letter.titel) if letter else None,
                "signals": ["register:KamerbriefNakoming"],
            },
        )
        session.add(f)

    def _absorb_debate_twin(self, session: Session, c: Commitment) -> None:
        """A debate item found before its register entry arrived becomes part of the register entry."""
        if c.meeting_date is None:
            return
        if self._debate_items is None:
            self._debate_items = defaultdict(list)
            unregistered = (
                select(Commitment)
                .where(Commitment.source == Source.DEBATE, col(Commitment.in_register).is_(False))
                .order_by(col(Commitment.id))
            )
            for item in session.exec(unregistered).all():
                self._debate_items[item.meeting_date].append(item)
        mine = terms(c.text)
        for twin in list(self._debate_items.get(c.meeting_date, [])):
            if _similar(mine, terms(twin.text)):
                c.quote, c.vergadering_id = twin.quote or twin.text, twin.vergadering_id
                c.quotes = list(dict.fromkeys([*c.quotes, *(twin.quotes or [c.quote])]))
                c.made_to = c.made_to or list(twin.made_to)
                if twin.person_locked or twin.due_locked:
                    twin.in_register = True  # a person worked on it: keep it, marked
                    continue
                for r in session.exec(select(Restatement).where(Restatement.commitment_id == twin.id)).all():
                    r.commitment_id = c.id or 0  # the letters that restated the debate item restate the entry
                self._delete_commitment(session, twin)
                self._debate_items[c.meeting_date].remove(twin)
                self.summary.linked_to_register += 1

    def _delete_commitment(self, session: Session, c: Commitment) -> None:
        """Delete a commitment with its links and history. The letters that restated it are read again next
        run: their promises then become rows of their own or restate another."""
        for f in session.exec(select(Fulfilment).where(Fulfilment.commitment_id == c.id)).all():
            session.delete(f)
        for r in session.exec(select(Restatement).where(Restatement.commitment_id == c.id)).all():
            mark = session.get(ProcessedDocument, f"document:{r.document_id}")
            if mark is not None:
                session.delete(mark)
            session.delete(r)
        for e in session.exec(select(StatusEvent).where(StatusEvent.commitment_id == c.id)).all():
            session.delete(e)
        # The unit of work orders deletes by relationship, and the models declare none: the rows that point
        # at the commitment go first.
        session.flush()
        if c.id is not None:
            self.index.remove(c.id)
            self.touched.discard(c.id)
        session.delete(c)

    # ------------------------------------------------------------------ letters

    def letters(self) -> None:
        with Session(self.engine) as session:
            if not self.dossiers:
                self._load_dossiers(session)
            self._load_index(session)
            done = self._done = self._processed(session, "document:")
            rows = session.exec(
                select(
                    col(Document.id), col(Document.datum), col(Document.soort), col(DocumentText.text_sha256)
                ).join(DocumentText, col(DocumentText.document_id) == col(Document.id))
            ).all()
        todo = []
        for doc_id, datum, soort, sha in rows:
            if not _is_ministerial(soort):
                continue
            if done.get(f"document:{doc_id}") == (sha, self.read_with):
                self.summary.unchanged += 1
            else:
                todo.append((datum or date.max, doc_id))
        todo.sort()
        for n, chunk in enumerate(_chunks([doc_id for _, doc_id in todo]), start=1):
            with self._unit() as session:
                self._letter_chunk(session, chunk)
            if n % 25 == 0:
                log.info("letters: %d of %d read", min(n * CHUNK, len(todo)), len(todo))

    def _letter_chunk(self, session: Session, ids: list[str]) -> None:
        docs = {d.id: d for d in session.exec(select(Document).where(col(Document.id).in_(ids))).all()}
        texts = {
            t.document_id: t
            for t in session.exec(select(DocumentText).where(col(DocumentText.document_id).in_(ids))).all()
        }
        actors: dict[str, list[DocumentActor]] = defaultdict(list)
        for a in session.exec(select(DocumentActor).where(col(DocumentActor.document_id).in_(ids))).all():
            actors[a.document_id or ""].append(a)
        links: dict[str, dict[int, Fulfilment]] = defaultdict(dict)
        for f in session.exec(select(Fulfilment).where(col(Fulfilment.document_id).in_(ids))).all():
            links[f.document_id or ""][f.commitment_id] = f
        own: dict[str, dict[str, Commitment]] = defaultdict(dict)
        for c in session.exec(select(Commitment).where(col(Commitment.document_id).in_(ids))).all():
            own[c.document_id or ""][c.key] = c
        restated: dict[str, dict[int, Restatement]] = defaultdict(dict)
        for r in session.exec(select(Restatement).where(col(Restatement.document_id).in_(ids))).all():
            restated[r.document_id][r.commitment_id] = r
        for doc_id in ids:
            doc, text = docs[doc_id], texts[doc_id]
            signer = signatory(actors[doc_id])
            who: dict[str, object] = (
                self._who(signer.naam, persoon_id=signer.persoon_id, function=signer.functie, on=doc.datum)
                if signer is not None
                else {"minister": None, "person_id": None, "ministry": None}
            )
            source = SourceText(
                text=text.text,
                kind="letter",
                date=doc.datum,
                title=doc.titel,
                footnotes=tuple(text.footnotes),
            )
            try:
                analysis = self.analyser(source, doc.datum)
            except Exception:
                log.exception(
                    "could not analyse document %s (%s); it is tried again next run", doc.nummer, doc.id
                )
                self.summary.failed += 1
                continue
            with session.no_autoflush:
                self._letter(
                    session, doc, text.text, analysis, who, links[doc_id], own[doc_id], restated[doc_id]
                )
            self._mark(session, f"document:{doc.id}", text.text_sha256)
            self.summary.letters += 1

    def _letter(
        self,
        session: Session,
        doc: Document,
        text: str,
        analysis: Analysis,
        signatory: dict[str, object],
        links: dict[int, Fulfilment],
        own: dict[str, Commitment],
        restated: dict[int, Restatement],
    ) -> None:
        """Match one letter to earlier commitments, keep the promises it restates with the commitments they
        restate, and record its own; `links`, `own` and `restated` are what it gave before (when read by an
        earlier extractor). `signatory`: minister, person_id and ministry."""
        minister, ministry = cast(str | None, signatory["minister"]), cast(str | None, signatory["ministry"])
        dossier = self.dossiers.get(doc.dossier_id or "")
        facts = LetterFacts(
            document_id=doc.id,
            date=doc.datum,
            text=text,
            analysis=analysis,
            number=doc.nummer,
            title=" ".join(filter(None, [doc.titel, doc.onderwerp])),
            dossier=dossier,
            ministry=ministry_key(ministry),
            minister=minister_key(minister),
        )
        found = {f"letter:{doc.id}:{_text_key(fc.text)}": fc for fc in analysis.commitments}
        self._again(session, {*links, *restated})
        result = match_letter(self.index, facts)
        self.summary.pairs_scored += result.scored
        verdicts = self._restating(session, text, facts, found, own)
        # A letter restating a promise does not meet it (a part of it at most), and what postpones it is the
        # restatement's to say.
        targets = {v.commitment_id for v in verdicts.values()}
        matches = [m for m in result.matches if m.commitment_id not in targets or (m.accepted and m.partial)]
        spoken = {" ".join(found[key].text.split()) for key in verdicts}
        self._fulfilments(session, doc, matches, links)
        for p in (p for p in result.postponements if p.evidence not in spoken):
            c = session.get(Commitment, p.commitment_id)
            if c is None or c.due_locked or c.due == p.due:
                continue
            cause = f"postponed by {_doc_label(doc)} (score {p.score}): {p.evidence}"
            events.record(session, c, "due", c.due, p.due, cause, note=f"was: {c.deadline_text or '-'}")
            c.due, c.earliest, c.deadline_text, c.deadline_kind = p.due, p.earliest, p.deadline_text, p.kind
            c.updated_at = utcnow()
            self.summary.postponed += 1
            self.touched.add(p.commitment_id)
        kamerstuk = f"{dossier}-{doc.volgnummer}" if dossier and doc.volgnummer else None
        made_in = f"Kamerstuk {dossier}, nr. {doc.volgnummer}" if kamerstuk else _doc_label(doc)
        postponed = {p.start for p in analysis.postponements}
        self._restatements(session, doc, found, verdicts, restated, postponed)
        found = {key: fc for key, fc in found.items() if key not in verdicts}
        common: dict[str, object] = {
            "source": Source.LETTER,
            **signatory,
            "made_on": doc.datum,
            "document_id": doc.id,
            "made_in": made_in,
            "kamerstuk": kamerstuk,
            "dossier": dossier,
        }
        self._own_commitments(session, found, common, own)

    def _fulfilments(
        self, session: Session, doc: Document, matches: list[Match], existing: dict[int, Fulfilment]
    ) -> None:
        """Upsert the links this letter proposes; `existing`: its links so far, by commitment."""
        wanted = {m.commitment_id: m for m in matches}
        for cid, f in existing.items():
            if cid not in wanted and not f.decided_by and f.method != Method.REGISTER:
                session.delete(f)  # the new extractor no longer sees this link
                self.touched.add(cid)
        for cid, m in wanted.items():
            link = existing.get(cid)
            if link is not None and (link.decided_by or link.method == Method.REGISTER):
                continue
            if link is None:
                link = Fulfilment(commitment_id=cid, document_id=doc.id, method=m.method, created_at=utcnow())
                session.add(link)
            c_text = self.index.facts[cid].text if cid in self.index.facts else None
            _assign(
                link,
                {
                    "document_number": doc.nummer,
                    "document_date": doc.datum,
                    "score": m.score,
                    "method": m.method,
                    "partial": m.partial,
                    "state": LinkState.ACCEPTED if m.accepted else LinkState.CANDIDATE,
                    "evidence_commitment": c_text,
                    "evidence_document": m.evidence_document,
                    "signals": list(m.signals),
                    "extractor_version": self.version,
                },
            )
            self.touched.add(cid)
            if m.accepted:
                self.summary.fulfilled += 1
                if not m.partial:
                    self.index.remove(cid)  # fulfilled: later letters need not look at it
            else:
                self.summary.candidates += 1

    def _again(self, session: Session, ids: set[int]) -> None:
        """The commitments a letter linked or restated when read before are its candidates again, whatever
        status that letter gave them (fulfilled by it, they left the index); the unit's end settles them."""
        missing = sorted(cid for cid in ids if cid not in self.index.facts)
        for chunk in _chunks(missing, 500):
            for c in session.exec(select(Commitment).where(col(Commitment.id).in_(chunk))).all():
                self.index.add(_facts(c))
                self.touched.add(c.id or 0)

    # ------------------------------------------------------------------ restatements

    def _restating(
        self,
        session: Session,
        text: str,
        letter: LetterFacts,
        found: dict[str, FoundCommitment],
        own: dict[str, Commitment],
    ) -> dict[str, Verdict]:
        """The letter's promises (by key) that restate an earlier open commitment (`tracker.restatement`),
        with the commitment each restates. Only promises that refer back or cite something are looked at."""
        out: dict[str, Verdict] = {}
        for key, fc in found.items():
            old = own.get(key)
            if old is not None and (old.person_locked or old.due_locked or _has_person_links(session, old)):
                continue  # a person worked on it as a promise of its own
            p = restating(
                fc.text,
                text[: fc.start],
                refs=fc.refs,
                on=letter.date,
                document_id=letter.document_id,
                ministry=letter.ministry,
                minister=letter.minister,
            )
            if not (p.cue or p.keys):
                continue
            ids = {*self.index.by_keys(p.keys), *self.index.by_terms(p.about, letter.dossier)}
            verdict = restated(p, (self.index.facts[cid] for cid in sorted(ids)), self.index.idf)
            if verdict is not None:
                out[key] = verdict
        return out

    def _restatements(
        self,
        session: Session,
        doc: Document,
        found: dict[str, FoundCommitment],
        verdicts: dict[str, Verdict],
        before: dict[int, Restatement],
        postponed: set[int],
    ) -> None:
        """Keep each restated promise with the commitment it restates: a `Restatement` (one per commitment
        and letter) and its words in `quotes`; its time moves the due date unless it is vaguer than the date
        held or a person decided (then it is evidence only). `before`: the letter's restatements when read
        before, by commitment; `postponed`: where the extractor read postponements."""
        said: dict[int, list[FoundCommitment]] = defaultdict(list)
        why: dict[int, tuple[str, ...]] = {}
        for key, v in verdicts.items():
            said[v.commitment_id].append(found[key])
            why.setdefault(v.commitment_id, v.signals)
        for cid, gone in before.items():
            if cid not in said:  # the new reading no longer sees it restated
                c = session.get(Commitment, cid)
                if c is not None and _assign(c, {"quotes": [q for q in c.quotes if q != gone.text]}):
                    c.updated_at = utcnow()
                session.delete(gone)
                self.touched.add(cid)
        for cid, fcs in sorted(said.items()):
            c = session.get(Commitment, cid)
            assert c is not None
            fcs.sort(key=lambda fc: fc.start)
            words = " … ".join(" ".join(fc.text.split()) for fc in fcs)
            deadline = debate.most_specific((fc.deadline for fc in fcs), doc.datum)
            r = before.get(cid)
            if r is None:
                r = Restatement(commitment_id=cid, document_id=doc.id, text=words, created_at=utcnow())
                session.add(r)
            quotes = [words if q == r.text else q for q in c.quotes]
            values: dict[str, object] = {"quotes": list(dict.fromkeys([*quotes, words]))}
            if _assign(c, values):
                c.updated_at = utcnow()
            _assign(
                r,
                {
                    "document_number": doc.nummer,
                    "document_date": doc.datum,
                    "text": words,
                    "deadline_text": deadline.text if deadline else None,
                    "due": deadline.due if deadline else None,
                    "signals": list(why[cid]),
                    "extractor_version": self.version,
                },
            )
            self.summary.restated += 1
            self.touched.add(cid)
            if not (c.due_locked or c.person_locked):  # else a person's decision stands: evidence only
                self._restated_due(session, c, doc, deadline, any(fc.start in postponed for fc in fcs), words)

    def _restated_due(
        self,
        session: Session,
        c: Commitment,
        doc: Document,
        said: Deadline | None,
        postponed: bool,
        words: str,
    ) -> None:
        held = Deadline(c.deadline_text or "", 0, 0, c.due, c.earliest, c.deadline_kind)
        new = new_deadline(held, said, postponed=postponed)
        if new is None:
            return
        later = c.due is not None and new.due is not None and new.due > c.due
        cause = f"{'postponed' if later else 'restated'} by {_doc_label(doc)} (restates it): {words}"
        events.record(session, c, "due", c.due, new.due, cause, note=f"was: {c.deadline_text or '-'}")
        c.due, c.earliest, c.deadline_text, c.deadline_kind = new.due, new.earliest, new.text, new.kind
        c.updated_at = utcnow()
        if later:
            self.summary.postponed += 1

    def _own_commitments(
        self,
        session: Session,
        found: dict[str, FoundCommitment],
        common: dict[str, object],
        existing: dict[str, Commitment],
        extra: dict[str, dict[str, object]] | None = None,
    ) -> None:
        """Upsert what one document promises; drop what a newer extractor no longer finds (unless a
        person worked on it). `existing`: the commitments this document gave before, by key; `extra`:
        values of single rows (a debate promise's quotes, speaker, made_to)."""
        for key, old in existing.items():
            if key in found or old.source != common["source"]:
                continue
            if not (old.person_locked or old.due_locked or _has_person_links(session, old)):
                self._delete_commitment(session, old)
                self.summary.commitments_removed += 1
        mine = []
        for key, fc in found.items():
            d = fc.deadline
            values: dict[str, object] = {
                **common,
                "text": " ".join(fc.text.split()),
                "actor": fc.actor or common.get("actor"),
                "deadline_text": d.text if d else None,
                "earliest": d.earliest if d else None,
                "deadline_kind": d.kind if d else None,
                "text_due": d.due if d else None,
                "vague": fc.vague or bool(d and d.kind == "vague"),
                "conditional": fc.conditional,
                "confidence": fc.confidence,
                "extractor_version": self.version,
                **(extra or {}).get(key, {}),
            }
            c = existing.get(key)
            if c is None:
                c = Commitment.model_validate(
                    {
                        "key": key,
                        "status": Status.OPEN,
                        "status_source": StatusSource.DETECTED,
                        "created_at": utcnow(),
                        **values,
                    }
                )
                c.due = d.due if d else None
                session.add(c)
                self.summary.commitments_added += 1
            else:
                if not c.due_locked and c.text_due != values["text_due"] and c.due == c.text_due:
                    c.due = d.due if d else None
                if _assign(c, _moved_deadline(c, d.due if d else None, values)):
                    c.updated_at = utcnow()
            mine.append(c)
        if any(c.id is None for c in mine):
            session.flush()
        for c in mine:
            assert c.id is not None
            self.touched.add(c.id)
            if c.status in (Status.OPEN, Status.PARTLY_FULFILLED):
                self.index.add(_facts(c))

    # ------------------------------------------------------------------ transcripts

    def transcripts(self) -> None:
        with Session(self.engine) as session:
            done = self._processed(session, "transcript:")
            todo = []
            for t in session.exec(select(Transcript)).all():
                if done.get(f"transcript:{t.vergadering_id}") == (
                    t.blob_sha256,
                    self.read_with,
                ):
                    self.summary.unchanged += 1
                else:
                    todo.append(t.vergadering_id)
        for vid in todo:
            with self._unit() as session:
                self._transcript(session, vid)

    def _transcript(self, session: Session, vergadering_id: str) -> None:
        """One row per promise (`tracker.debate.merge`): each item of the chair's list with the minister's
        words restating it as quotes, and each spoken promise the list missed (the shadow register). A
        promise the register holds is its register entry's: the entry gets the meeting and the quotes."""
        t = session.get(Transcript, vergadering_id)
        blob = session.get(Blob, t.blob_sha256) if t else None
        if t is None or blob is None:
            return
        try:
            data = zlib.decompress(blob.data)
            source = read_document(data, "verslag.xml")
            analysis = self.analyser(source, t.datum or source.date)
            promises = debate.merge(source, analysis.commitments)
        except Exception:
            log.exception(
                "could not analyse the transcript of %s; it is tried again next run", vergadering_id
            )
            self.summary.failed += 1
            return
        on = t.datum or analysis.date
        speakers = _vlos(data, on)
        parties = {
            **{name_key(n): p for n, p in debate.member_parties(source).items()},
            **{name_key(sp.name): sp.party for sp in speakers if sp.party},
        }
        registered = (
            session.exec(
                select(Commitment)
                .where(Commitment.source == Source.REGISTER, Commitment.meeting_date == on)
                .order_by(col(Commitment.id))
            ).all()
            if on
            else []
        )
        register_terms = [(c, terms(c.text)) for c in registered]
        chair = {" ".join(c.text.split()): c for c in analysis.commitments if c.from_chair_list}
        kept: dict[str, FoundCommitment] = {}
        extra: dict[str, dict[str, object]] = {}
        for p in promises:
            made_to = [_member(name, parties) for name in p.made_to]
            wordings = [p.text, *p.readings] if p.in_chair_list else [p.text]
            twin = next(
                (c for c, ct in register_terms if any(_similar(terms(w), ct) for w in wordings)), None
            )
            if twin is not None:
                self._join_register(twin, vergadering_id, p, made_to)
                continue
            found = _as_found(p, chair)
            # Keys from the item's first reading (chair rows) or the spoken sentence (shadow rows).
            key = f"debate:{vergadering_id}:{_text_key(p.readings[0] if p.readings else p.text)}"
            if key in kept:
                continue
            kept[key] = found
            who = self._speaker_of(p, speakers, on)
            extra[key] = {
                "quote": p.quotes[0] if p.quotes else None,
                "quotes": list(p.quotes),
                "made_to": made_to,
                "in_chair_list": p.in_chair_list,
                **who,
            }
        common: dict[str, object] = {
            "source": Source.DEBATE,
            "made_on": on,
            "vergadering_id": vergadering_id,
            "activiteit_id": _debate_of(session, t.titel, on),
            "made_in": t.titel,
            "meeting_soort": "Commissiedebat" if (t.soort or "").lower() == "commissie" else t.soort,
            "meeting_date": on,
            "in_register": False,
        }
        before = session.exec(
            select(Commitment).where(Commitment.vergadering_id == vergadering_id).order_by(col(Commitment.id))
        ).all()
        self._own_commitments(session, kept, common, {c.key: c for c in before}, extra)
        self._mark(session, f"transcript:{vergadering_id}", t.blob_sha256)
        self.summary.transcripts += 1

    def _join_register(
        self, twin: Commitment, vergadering_id: str, p: debate.Promise, made_to: list[str]
    ) -> None:
        """A registered debate promise stays one row: its register entry, with the meeting and the quotes."""
        quotes = list(dict.fromkeys([*twin.quotes, *p.quotes])) if p.quotes else list(twin.quotes)
        values: dict[str, object] = {
            "vergadering_id": vergadering_id,
            "quotes": quotes,
            "quote": twin.quote or (quotes[0] if quotes else p.text),
        }
        if not twin.made_to and made_to:
            values["made_to"] = made_to
        first = twin.vergadering_id != vergadering_id or not twin.quote
        if _assign(twin, values):
            twin.updated_at = utcnow()
        if first:
            self.summary.linked_to_register += 1

    def _speaker_of(
        self, p: debate.Promise, speakers: tuple[Speaker, ...], on: date | None
    ) -> dict[str, object]:
        """The bewindspersoon who made a promise: display name, person id and ministry at the time."""
        name = p.speaker
        sp = _vlos_speaker(name, p.actor, speakers)
        if sp is not None:
            return self._who(sp.name, persoon_id=sp.id, function=sp.function, on=on)
        return self._who(name, on=on)

    def _who(
        self,
        name: str | None,
        *,
        persoon_id: str | None = None,
        function: str | None = None,
        ministry: str | None = None,
        on: date | None = None,
    ) -> dict[str, object]:
        """`minister`, `person_id` and `ministry` (the register's spelling, from the function at the time)."""
        spelled = ministry_of(ministry, on) or ministry_of(function, on) or ministry
        persoon_id = persoon_id.lower() if persoon_id else None  # the Kamer's ids, lower case as synced
        person = self.people.resolve(name, persoon_id=persoon_id, function=function, ministry=spelled, on=on)
        if person is None:
            return {"minister": None, "person_id": None, "ministry": spelled}
        return {
            "minister": person.display,
            "person_id": person.id or persoon_id or f"name:{person.key}",
            "ministry": spelled,
        }

    # ------------------------------------------------------------------ statuses

    def _cap_queue(self, session: Session, ids: list[int]) -> None:
        """The review queue people can finish: at most `REVIEW_PER_COMMITMENT` machine candidates per
        commitment, the best by score (then the earliest letter); the rest are dropped, not rejected, so a
        better-read letter can propose them again."""
        for chunk in _chunks(ids, 500):
            waiting: dict[int, list[Fulfilment]] = defaultdict(list)
            for f in session.exec(
                select(Fulfilment).where(
                    col(Fulfilment.commitment_id).in_(chunk),
                    Fulfilment.state == LinkState.CANDIDATE,
                    col(Fulfilment.decided_by).is_(None),
                )
            ).all():
                waiting[f.commitment_id].append(f)
            for links in waiting.values():
                if len(links) <= REVIEW_PER_COMMITMENT:
                    continue
                links.sort(
                    key=lambda f: (-f.score, f.document_date or date.max, f.document_id or "", f.id or 0)
                )
                for f in links[REVIEW_PER_COMMITMENT:]:
                    session.delete(f)
                    self.summary.candidates_dropped += 1

    def _statuses(self, session: Session, ids: list[int]) -> None:
        """Derive the statuses of `ids` from their links, and keep the index to what the database says
        (open and partly fulfilled commitments, with their current facts), as a fresh run would load it."""
        for chunk in _chunks(ids, 500):
            links: dict[int, list[Fulfilment]] = defaultdict(list)
            for f in session.exec(
                select(Fulfilment)
                .where(col(Fulfilment.commitment_id).in_(chunk), Fulfilment.state == LinkState.ACCEPTED)
                .order_by(col(Fulfilment.id))
            ).all():
                links[f.commitment_id].append(f)
            for c in session.exec(select(Commitment).where(col(Commitment.id).in_(chunk))).all():
                if not c.person_locked:
                    self._derive(session, c, links[c.id or 0])
                if c.status in (Status.OPEN, Status.PARTLY_FULFILLED):
                    self.index.add(_facts(c))
                elif c.id is not None:
                    self.index.remove(c.id)

    def _derive(self, session: Session, c: Commitment, accepted: list[Fulfilment]) -> None:
        derived = st.derive(
            from_register=c.source == Source.REGISTER,
            register_raw=c.register_status,
            accepted=[st.Link(f.partial, f.method == Method.REGISTER, bool(f.decided_by)) for f in accepted],
        )
        if (c.status, c.status_source) == (derived.status, derived.source):
            return
        cause = _status_cause(c, derived, accepted)
        events.record(session, c, "status", c.status, derived.status, cause)
        c.status, c.status_source, c.updated_at = derived.status, derived.source, utcnow()
        self.summary.status_changes += 1

    def persons(self) -> None:
        """One person, one name: every commitment's bewindspersoon under one display name and one person
        id (`tracker.people.one_name`), and a ministry where the same person's other rows give it. Reads
        the whole table's names (not its texts) each run, and writes only what differs."""
        with self._unit() as session:
            rows = session.exec(
                select(  # type: ignore[call-overload]  # sqlmodel types up to four columns
                    col(Commitment.id),
                    col(Commitment.minister),
                    col(Commitment.person_id),
                    col(Commitment.ministry),
                    col(Commitment.made_on),
                ).order_by(col(Commitment.id))
            ).all()
            settled = one_name(Mention(*row) for row in rows)
            current = {row[0]: tuple(row[1:4]) for row in rows}
            changed = sorted(cid for cid, values in settled.items() if current.get(cid) != values)
            for chunk in _chunks(changed, 500):
                for c in session.exec(select(Commitment).where(col(Commitment.id).in_(chunk))).all():
                    minister, person_id, ministry = settled[c.id or 0]
                    if _assign(c, {"minister": minister, "person_id": person_id, "ministry": ministry}):
                        c.updated_at = utcnow()

    def count(self) -> None:
        with Session(self.engine) as session:
            rows = session.exec(
                select(col(Commitment.status), col(Commitment.due)).where(Commitment.status == Status.OPEN)
            ).all()
        self.summary.open = len(rows)
        self.summary.overdue = sum(1 for s, due in rows if st.effective(s, due, self.today) == st.OVERDUE)


def _has_person_links(session: Session, c: Commitment) -> bool:
    return (
        session.exec(
            select(Fulfilment.id).where(
                Fulfilment.commitment_id == c.id, col(Fulfilment.decided_by).is_not(None)
            )
        ).first()
        is not None
    )


def _status_cause(c: Commitment, derived: st.Derived, accepted: list[Fulfilment]) -> str:
    if (
        derived.source == StatusSource.REGISTER
        and c.register_status
        and st.register_status(c.register_status) != Status.OPEN
    ):
        return f"register: {c.register_status}"
    if accepted:
        best = max(accepted, key=lambda f: f.score)
        return f"fulfilled by {best.document_number or best.document_id} ({best.method}, score {best.score})"
    return "no accepted fulfilment"


def _debate_of(session: Session, titel: str | None, on: date | None) -> str | None:
    """The Activiteit a transcript records: the one that day under the transcript's title (a debate's
    transcript and its Activiteit share both); with two such, neither."""
    if not titel or not on:
        return None
    wanted = " ".join(titel.casefold().split())
    found = [
        a.id
        for a in session.exec(select(Activiteit).where(Activiteit.datum == on)).all()
        if " ".join((a.onderwerp or "").casefold().split()) == wanted
    ]
    return found[0] if len(found) == 1 else None


def _meeting_label(act: Activiteit) -> str:
    parts = [act.soort or "meeting", act.onderwerp or "", act.datum.isoformat() if act.datum else ""]
    return " ".join(p for p in parts if p).strip()


def _doc_label(doc: Document) -> str:
    return doc.nummer or doc.id


def known_people(engine: Engine) -> list[PersonRow]:
    """The synced Persoon entity (`db.people`, with each person's parties over time); empty before the
    sync has fetched it, and the resolver then keeps one person per name key and ministry."""
    with Session(engine) as session:
        return people(session)


def register_made_to(
    flat: Iterable[str],
    persoon_ids: Iterable[str] = (),
    fractie_ids: Iterable[str] = (),
    *,
    person_name: Callable[[str], str | None] = lambda _id: None,
    person_party: Callable[[str], str | None] = lambda _id: None,
    party_name: Callable[[str], str | None] = lambda _id: None,
) -> list[str]:
    """To whom a register entry was promised, as names: "G.J. Segers", "D.G. Boswijk (CDA)", "SP".

    `persoon_ids`/`fractie_ids`: the entry's Persoon and Fractie refs (flat or nested `toegezegdAan`; two
    lists, not pairs); `person_name`, `person_party` (the member's party when the promise was made) and
    `party_name` turn ids into names (None: unknown, left out). Then the parties no member shown belongs
    to, then the flat `toegezegd_aan` values: names ("Segers, G.J."), parties, or ids (the OData form)."""
    out: list[str] = []

    def add(value: str | None) -> None:
        if value and value not in out:
            out.append(value)

    shown_parties: set[str] = set()
    for pid in persoon_ids:
        name = person_name(pid)
        if name is None:
            continue
        party = person_party(pid)
        if party:
            shown_parties.add(party)
        add(f"{display_name(name)} ({party})" if party else display_name(name))
    for fid in fractie_ids:
        party = party_name(fid)
        if party and party not in shown_parties:
            add(party)
    for value in flat:
        value = " ".join((value or "").split())
        if not value:
            continue
        if _GUID.match(value):  # the OData form gives ids where the feed gives names
            name = person_name(value)
            party = party_name(value)
            if name:
                add(display_name(name))
            elif party and party not in shown_parties:
                add(party)
        elif "," in value:
            add(display_name(value))  # "Segers, G.J." -> "G.J. Segers"
        else:
            add(value)
    return out


_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


def _vlos(data: bytes, on: date | None) -> tuple[Speaker, ...]:
    """The transcript's speakers with id, function and party; none when it is not VLOS."""
    try:
        return vlos_speakers(data, on)
    except Exception:  # a transcript the readers understand but lxml does not: names only
        log.debug("no VLOS speakers", exc_info=True)
        return ()


def _vlos_speaker(name: str | None, actor: str | None, speakers: tuple[Speaker, ...]) -> Speaker | None:
    """The VLOS speaker behind "Minister Veldkamp", or the only bewindspersoon with the promise's role."""
    ministers = [sp for sp in speakers if sp.function and not sp.function.lower().startswith("lid")]
    if name:
        key = name_key(name)
        same = [sp for sp in ministers if name_key(sp.name) == key] or [
            sp for sp in speakers if name_key(sp.name) == key
        ]
        if len(same) >= 1:
            return same[0]
        return None
    if actor:
        role = [sp for sp in ministers if (sp.function or "").lower().startswith(actor.lower())]
        if len(role) == 1:
            return role[0]
    return None


def _member(name: str, parties: dict[str, str]) -> str:
    """ "Boswijk (CDA)" when the transcript gives the member's party, else the name as said."""
    party = parties.get(name_key(name))
    return f"{name} ({party})" if party else name


def _as_found(p: debate.Promise, chair: dict[str, FoundCommitment]) -> FoundCommitment:
    """A promise as the row writer takes it: the chair's wording (or the minister's), its deadline."""
    base = chair.get(p.readings[-1]) if p.readings else None
    if base is None:
        base = chair.get(p.readings[0]) if p.readings else None
    if base is None and p.spoken:
        base = p.spoken[0]
    if base is None:
        return FoundCommitment(
            text=p.text, start=0, end=0, actor=p.actor, confidence=0.9, deadline=p.deadline
        )
    return dc_replace(base, text=p.text, deadline=p.deadline, actor=p.actor or base.actor)


def track(
    engine: Engine,
    today: date | None = None,
    *,
    analyser: Analyser | None = None,
    extractor_version: str | None = None,
    wait: bool = False,
) -> TrackSummary:
    """Bring commitments, fulfilments and statuses up to date with what sync stored.

    `analyser` and `extractor_version` default to the real extractor; tests pass their own. One track
    per database at a time (LockHeld when another runs, unless `wait`); the run is recorded.
    """
    run = _Run(
        engine,
        today or date.today(),
        analyser or extract.analyse,
        extractor_version or extract.EXTRACTOR_VERSION,
    )
    with run_lock(engine, RunKind.TRACK, wait=wait), recorded_run(engine, RunKind.TRACK) as record:
        try:
            run.register()
            run.transcripts()  # before letters, so that letters can fulfil what was promised in debates
            run.letters()
            run.persons()
            run.count()
        finally:
            record.counts, record.failures = run.summary.as_counts(), run.summary.failed
    log.debug("track: %s", "; ".join(run.summary.lines()))  # the CLI prints the summary itself
    return run.summary
