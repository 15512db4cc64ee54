"""Issue 11, tracking side: one promise one row, one person one name, to whom it was promised, and a review
queue people can finish. Through the real extractor on the real transcripts bundled with the sample."""

from __future__ import annotations

import csv
import io
import json
import zlib
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from db.engine import session_scope
from db.models import Blob, Commitment, Fulfilment, Transcript
from tests.conftest import SAMPLE_RESOURCES
from tests.track_factories import add_meeting, add_register, sha
from tracker import queries
from tracker.export import export_rows, to_csv, to_json
from tracker.extract import Analysis, FoundCommitment
from tracker.matching import CommitmentFacts, CommitmentIndex, LetterFacts, match_letter, terms
from tracker.people import Mention, one_name
from tracker.track import register_made_to, track

TODAY = date(2025, 7, 10)
RBZ = SAMPLE_RESOURCES / "7fcd2ba9-3e41-4930-a4fe-af3088f11c50.xml"
FISCALITEIT = SAMPLE_RESOURCES / "2a27783d-3d6b-4e26-9fcf-52c17a41f6bf.xml"


def add_transcript(engine: Engine, vergadering_id: str, path: Path, titel: str) -> None:
    data = path.read_bytes()
    with session_scope(engine) as s:
        s.add(Blob(sha256=sha(data.hex()), size=len(data), content_type="text/xml", data=zlib.compress(data)))
        s.add(
            Transcript(
                vergadering_id=vergadering_id,
                verslag_id=f"v-{vergadering_id}",
                blob_sha256=sha(data.hex()),
                titel=titel,
                datum=date(2025, 7, 2),
                soort="Commissie",
            )
        )


def rows(engine: Engine) -> list[Commitment]:
    with Session(engine) as s:
        return list(s.exec(select(Commitment).order_by(Commitment.id)).all())


# ---------------------------------------------------------------------------- one promise, one row


def test_a_spoken_promise_and_the_chair_item_it_restates_are_one_row_with_the_ministers_words(
    engine: Engine,
) -> None:
    add_transcript(engine, "verg-rbz", RBZ, "Raad Buitenlandse Zaken")
    track(engine, TODAY)
    debate = rows(engine)
    opcw = [c for c in debate if "OPCW" in c.text]
    (item,) = [c for c in opcw if c.in_chair_list]
    assert "Chinese" in item.text or "scan" in item.text.lower()
    # "Dat kan ik toezeggen …" names nothing of what it promises; the merge finds it by the turn and member.
    assert any(q.startswith("Dat kan ik toezeggen") for q in item.quotes)
    assert item.quote == item.quotes[0]
    assert item.made_to == ["Boswijk (CDA)"]
    assert not any(c.text.startswith("Dat kan ik toezeggen") for c in debate), "not a second row"
    # every row: a display name, a person id from the transcript, a ministry in the register's spelling
    assert {c.minister for c in debate} == {"Veldkamp"}
    assert all(c.ministry == "Buitenlandse Zaken" for c in debate)
    (person,) = {c.person_id for c in debate}
    assert person and not person.startswith("name:")
    texts = [" ".join(c.text.lower().split()) for c in debate]
    assert len(texts) == len(set(texts))


def test_the_shadow_register_is_flagged_filtered_and_exported(engine: Engine) -> None:
    add_transcript(engine, "verg-fis", FISCALITEIT, "Nationale fiscaliteit")
    track(engine, TODAY)
    everything = rows(engine)
    shadow = [c for c in everything if c.in_chair_list is False]
    items = [c for c in everything if c.in_chair_list]
    assert len(items) == 8, "the chair read eight items"
    assert shadow, "promises the list missed stay rows of their own"
    assert all(c.quotes == [c.text] for c in shadow)
    with Session(engine) as s:
        page = queries.commitments(s, queries.CommitmentFilter(shadow=True), today=TODAY, page_size=None)
        assert {r.id for r in page.rows} == {c.id for c in shadow}
        assert all(r.shadow and r.quotes for r in page.rows)
        rest = queries.commitments(s, queries.CommitmentFilter(shadow=False), today=TODAY, page_size=None)
        assert {r.id for r in rest.rows} == {c.id for c in items}
    exported = export_rows(engine, today=TODAY)
    data = json.loads(to_json(exported))
    assert all(isinstance(r["quotes"], list) and isinstance(r["made_to"], list) for r in data)
    assert sum(r["shadow"] for r in data) == len(shadow)
    assert len(export_rows(engine, today=TODAY, shadow=True)) == len(shadow)


def test_debate_rows_point_at_the_debate_held_that_day_under_the_transcripts_title(engine: Engine) -> None:
    add_meeting(engine, "act-other", date(2025, 7, 2), "Commissiedebat", "Raad Buitenlandse Zaken")
    add_meeting(engine, "act-fis", date(2025, 7, 2), "Commissiedebat", "Nationale  fiscaliteit")
    add_meeting(engine, "act-fis-earlier", date(2025, 3, 5), "Commissiedebat", "Nationale fiscaliteit")
    add_transcript(engine, "verg-fis", FISCALITEIT, "Nationale fiscaliteit")
    track(engine, TODAY)
    assert {c.activiteit_id for c in rows(engine)} == {"act-fis"}
    with Session(engine) as s:
        detail = queries.commitment(s, rows(engine)[0].id, today=TODAY)
    assert detail and detail.meeting and detail.meeting.url and "ACT-FIS" in detail.meeting.url


def test_a_debate_row_without_one_such_activiteit_points_at_none(engine: Engine) -> None:
    add_meeting(engine, "act-a", date(2025, 7, 2), "Commissiedebat", "Nationale fiscaliteit")
    add_meeting(engine, "act-b", date(2025, 7, 2), "Procedurevergadering", "Nationale fiscaliteit")
    add_transcript(engine, "verg-fis", FISCALITEIT, "Nationale fiscaliteit")
    track(engine, TODAY)
    assert {c.activiteit_id for c in rows(engine)} == {None}  # two candidates: the link would be a guess


def test_a_rerun_changes_nothing_and_keeps_the_rows(engine: Engine) -> None:
    add_transcript(engine, "verg-rbz", RBZ, "Raad Buitenlandse Zaken")
    track(engine, TODAY)
    before = [c.model_dump() for c in rows(engine)]
    summary = track(engine, TODAY)
    assert summary.transcripts == 0
    assert [c.model_dump() for c in rows(engine)] == before


# ---------------------------------------------------------------------------- one person, one name


def test_the_register_and_the_transcript_name_one_person_once(engine: Engine) -> None:
    add_transcript(engine, "verg-fis", FISCALITEIT, "Nationale fiscaliteit")
    add_meeting(engine, "act-old", date(2025, 3, 1), soort="Commissiedebat", onderwerp="Fiscaliteit")
    add_register(
        engine,
        "tz-fis",
        "De staatssecretaris zegt toe de Kamer voor de zomer te informeren over box 3.",
        activiteit_id="act-old",
        naam="Oostenbruggen, T. van",
        ministerie="Financiën",
    )
    track(engine, TODAY)
    everything = rows(engine)
    assert {c.minister for c in everything} == {"T. van Oostenbruggen"}
    assert len({c.person_id for c in everything}) == 1
    assert {c.ministry for c in everything} == {"Financiën"}
    with Session(engine) as s:
        (group,) = queries.figures(s, today=TODAY, by="minister")
    assert (group.group, group.total) == ("T. van Oostenbruggen", len(everything))


def test_one_name_tells_people_apart_by_id_and_initials_and_fills_the_ministry() -> None:
    settled = one_name(
        [
            Mention(1, "Jansen, D.E.M.C.", None, "Infrastructuur en Waterstaat", date(2025, 1, 1)),
            Mention(2, "Minister Jansen", "guid-jansen", None, date(2025, 7, 2)),
            Mention(3, "A.B. Jansen", None, "Defensie", date(2014, 1, 1)),
            Mention(4, "Jansen", None, "Defensie", date(2014, 2, 1)),
            Mention(5, None, None, None),
        ]
    )
    # the only initial-less id cluster of the key takes the register's initials; A.B. is someone else
    assert settled[1] == ("D.E.M.C. Jansen", "guid-jansen", "Infrastructuur en Waterstaat")
    assert settled[2] == ("D.E.M.C. Jansen", "guid-jansen", "Infrastructuur en Waterstaat")
    assert settled[3][0] == "A.B. Jansen" and settled[3][1] != "guid-jansen"
    assert settled[4] == settled[3], "a bare name joins the person who held its ministry"
    assert settled[5] == (None, None, None)


# ---------------------------------------------------------------------------- to whom it was promised


def test_register_made_to_reads_names_parties_and_the_nested_refs() -> None:
    people = {"p-1": "Boswijk, D.G.", "p-2": "Eijk, E. van"}
    member_of = {"p-1": "CDA", "p-2": "VVD"}
    parties = {"f-1": "CDA", "f-2": "VVD", "f-9": "SP"}
    assert register_made_to(["Segers, G.J.", "GroenLinks-PvdA"]) == ["G.J. Segers", "GroenLinks-PvdA"]
    assert register_made_to(
        [],
        ["p-1", "p-2"],
        ["f-1", "f-9"],
        person_name=people.get,
        person_party=member_of.get,
        party_name=parties.get,
    ) == ["D.G. Boswijk (CDA)", "E. van Eijk (VVD)", "SP"]
    # ids nothing names are left out (the OData form puts ids in the flat list too)
    guid = "3f2a1c4e-0000-0000-0000-000000000001"
    assert register_made_to(
        [guid, "3f2a1c4e-0000-0000-0000-000000000000"], person_name={guid: "Pierik, C."}.get
    ) == ["C. Pierik"]


def test_made_to_filters_on_the_commitments_own_column(engine: Engine) -> None:
    add_transcript(engine, "verg-rbz", RBZ, "Raad Buitenlandse Zaken")
    track(engine, TODAY)
    with Session(engine) as s:
        page = queries.commitments(s, queries.CommitmentFilter(made_to=("boswijk",)), today=TODAY)
    assert page.total >= 1 and all(any("Boswijk" in n for n in r.made_to) for r in page.rows)
    table = list(csv.DictReader(io.StringIO(to_csv(export_rows(engine, today=TODAY)))))
    assert "Boswijk (CDA)" in {r["made_to"] for r in table}


# ---------------------------------------------------------------------------- the review queue


def _letter(text: str, own: tuple[FoundCommitment, ...] = ()) -> LetterFacts:
    return LetterFacts(
        document_id="doc-1",
        date=date(2015, 1, 1),
        text=text,
        analysis=Analysis(date=date(2015, 1, 1), commitments=own),
        title="",
    )


def test_a_letter_promising_again_is_no_candidate_to_fulfil_the_promise() -> None:
    promise = "Ik informeer de Kamer over de evaluatie van de jeugdzorgtarieven en de wachtlijsten."
    index = CommitmentIndex()
    index.add(CommitmentFacts(id=1, text=promise, made_on=date(2014, 1, 1), terms=terms(promise)))
    restated = FoundCommitment(
        text=promise, start=0, end=len(promise), actor="minister", confidence=0.9, deadline=None
    )
    again = match_letter(index, _letter(promise + "\n\nDe jeugdzorgtarieven blijven hoog.", (restated,)))
    assert again.matches == []


def test_at_most_three_candidates_wait_per_commitment_the_best_first(engine: Engine) -> None:
    from tracker import extract
    from tracker.track import _Run

    with session_scope(engine) as s:
        c = Commitment(key="test:1", source="letter", text="Ik stuur u een brief.", status="open")
        s.add(c)
        s.flush()
        assert c.id is not None
        cid = c.id
        for n, score in enumerate([0.52, 0.58, 0.5, 0.55, 0.51]):
            s.add(Fulfilment(commitment_id=cid, document_id=f"doc-{n}", method="topic", score=score))
        s.add(
            Fulfilment(
                commitment_id=cid, document_id="doc-person", method="topic", score=0.3, decided_by="anna"
            )
        )
    run = _Run(engine, TODAY, extract.analyse, "t1")
    with session_scope(engine) as s:
        run._cap_queue(s, [cid])
    with Session(engine) as s:
        left = s.exec(select(Fulfilment).where(Fulfilment.commitment_id == cid)).all()
    assert sorted(f.document_id or "" for f in left) == ["doc-0", "doc-1", "doc-3", "doc-person"]
    assert run.summary.candidates_dropped == 2
