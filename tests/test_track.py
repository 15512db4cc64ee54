"""The tracking run, end to end on real text, on SQLite and PostgreSQL."""

from __future__ import annotations

import zlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from db.engine import session_scope
from db.models import (
    Blob,
    Commitment,
    DocumentText,
    Fulfilment,
    ProcessedDocument,
    Restatement,
    StatusEvent,
    Toezegging,
    Transcript,
)
from db.vocabulary import Frequency
from tests.conftest import SLACHTOFFER_VLOS
from tests.track_factories import (
    MENSENHANDEL_REGISTER,
    SEED_ID,
    SEED_NUMBER,
    add_letter,
    add_meeting,
    add_register,
    by_text,
    commitment,
    fixed,
    postponement,
    seed_analysis,
    seed_mensenhandel,
    sha,
    update_register,
)
from tracker import decisions, extract, queries
from tracker.digest import compose_digest
from tracker.export import export_rows
from tracker.extract import Analysis, FoundCommitment, Reference
from tracker.subscriptions import Scope
from tracker.track import track

TODAY = date(2015, 1, 10)
SLACHTOFFERBELEID = SLACHTOFFER_VLOS


def commitments(engine: Engine) -> list[Commitment]:
    with Session(engine) as s:
        return list(s.exec(select(Commitment).order_by(Commitment.id)).all())


def by_register(engine: Engine) -> dict[str, Commitment]:
    return {c.register_id: c for c in commitments(engine) if c.register_id}


def links(engine: Engine, commitment_id: int) -> list[Fulfilment]:
    with Session(engine) as s:
        return list(s.exec(select(Fulfilment).where(Fulfilment.commitment_id == commitment_id)).all())


def events(engine: Engine, commitment_id: int | None = None, fld: str | None = None) -> list[StatusEvent]:
    with Session(engine) as s:
        q = select(StatusEvent).order_by(StatusEvent.id)
        if commitment_id is not None:
            q = q.where(StatusEvent.commitment_id == commitment_id)
        if fld is not None:
            q = q.where(StatusEvent.field == fld)
        return list(s.exec(q).all())


def snapshot(engine: Engine) -> tuple:
    """Everything track writes, to compare two runs."""
    with Session(engine) as s:
        return (
            [c.model_dump() for c in s.exec(select(Commitment).order_by(Commitment.id)).all()],
            [f.model_dump() for f in s.exec(select(Fulfilment).order_by(Fulfilment.id)).all()],
            [e.model_dump() for e in s.exec(select(StatusEvent).order_by(StatusEvent.id)).all()],
            [p.model_dump() for p in s.exec(select(ProcessedDocument).order_by(ProcessedDocument.key)).all()],
            [r.model_dump() for r in s.exec(select(Restatement).order_by(Restatement.id)).all()],
        )


# ---------------------------------------------------------------------------- end to end, real extractor


def test_the_seed_letter_fulfils_the_registered_toezeggingen_with_its_sentences_as_evidence(
    engine: Engine,
) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY)
    registered = by_register(engine)
    for tz_id in MENSENHANDEL_REGISTER:
        c = registered[tz_id]
        assert (c.status, c.status_source) == ("fulfilled", "detected"), tz_id
        (link,) = [f for f in links(engine, c.id or 0) if f.state == "accepted"]
        assert link.document_id == SEED_ID and link.document_number == SEED_NUMBER
        assert link.method == "reference" and link.score >= 0.6
        assert link.evidence_commitment == c.text
    riec = links(engine, registered["tz-riec"].id or 0)[0].evidence_document or ""
    assert "31 oktober 2013 heb ik u toegezegd via de Regionale Informatie en Expertise Centra" in riec
    assert "organogram" in (links(engine, registered["tz-organogram"].id or 0)[0].evidence_document or "")
    assert "sextortion" in (links(engine, registered["tz-sextortion"].id or 0)[0].evidence_document or "")
    assert registered["tz-spoor"].status == "open"
    assert links(engine, registered["tz-spoor"].id or 0) == []


def test_the_seed_letter_adds_its_own_open_commitments_with_their_due_dates(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY)
    own = {c.text: c for c in commitments(engine) if c.source == "letter"}
    nvm = next(c for t, c in own.items() if "Nationaal Verwijsmechanisme Mensenhandel genomen stappen" in t)
    final = next(c for t, c in own.items() if "eindrapportage" in t)
    assert (nvm.due, nvm.deadline_text, nvm.status) == (date(2015, 7, 2), "Voor de zomer 2015", "open")
    assert (final.due, final.deadline_text, final.status) == (date(2015, 3, 31), "begin 2015", "open")
    assert nvm.made_on == date(2014, 12, 16) and nvm.made_in == "Kamerstuk 28638, nr. 128"
    assert nvm.minister == "I.W. Opstelten" and nvm.ministry == "Veiligheid en Justitie"
    assert not nvm.in_register


def test_commitments_turn_overdue_when_the_clock_passes_their_due_date(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY)

    def shown(today: date) -> dict[str, str]:
        rows = export_rows(engine, today=today)
        return {
            r["due"]: r["status"]
            for r in rows
            if r["source"] == "letter" and r["due"] in ("2015-03-31", "2015-07-02")
        }

    assert shown(date(2015, 3, 31)) == {"2015-03-31": "open", "2015-07-02": "open"}
    assert shown(date(2015, 4, 1)) == {"2015-03-31": "overdue", "2015-07-02": "open"}
    assert shown(date(2015, 7, 3)) == {"2015-03-31": "overdue", "2015-07-02": "overdue"}


def test_a_second_run_changes_nothing(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY)
    before = snapshot(engine)
    summary = track(engine, TODAY)
    assert snapshot(engine) == before
    assert (summary.letters, summary.register, summary.status_changes, summary.pairs_scored) == (0, 0, 0, 0)


def test_a_debate_commitment_that_is_registered_is_counted_once(engine: Engine) -> None:
    data = SLACHTOFFERBELEID.read_bytes()
    with session_scope(engine) as s:
        s.add(Blob(sha256=sha(data.hex()), size=len(data), content_type="text/xml", data=zlib.compress(data)))
        s.add(
            Transcript(
                vergadering_id="verg-slachtofferbeleid",
                verslag_id="verslag-1",
                blob_sha256=sha(data.hex()),
                titel="Slachtofferbeleid",
                datum=date(2025, 7, 2),
                soort="Commissie",
            )
        )
    add_meeting(
        engine, "act-slachtoffer", date(2025, 7, 2), soort="Commissiedebat", onderwerp="Slachtofferbeleid"
    )
    registered_text = (
        "De staatssecretaris Rechtsbescherming zegt de Kamer toe de Kamer voor het kerstreces van 2025 te "
        "informeren over de uitbreiding van inzage in rapportages van het Pieter Baan Centrum "
        "voor slachtoffers."
    )
    add_register(
        engine,
        "tz-pbc",
        registered_text,
        nummer="TZ202507-050",
        activiteit_id="act-slachtoffer",
        naam="Struycken, A.C.",
        ministerie="Justitie en Veiligheid",
    )
    track(engine, date(2025, 7, 10))
    everything = commitments(engine)
    about_pbc = [c for c in everything if "Pieter Baan Centrum" in c.text]
    (pbc,) = about_pbc
    assert pbc.source == "register" and pbc.in_register
    assert pbc.vergadering_id == "verg-slachtofferbeleid"
    # The minister's own words restating the item are its quotes (the first is `quote`).
    assert pbc.quotes == ["Ik zal u allen voor het kerstreces informeren over de uitkomsten."]
    assert pbc.quote == pbc.quotes[0]
    assert pbc.due == date(2025, 12, 18)
    debate = [c for c in everything if c.source == "debate"]
    assert debate, "the chair's other items are kept, though the register lacks them"
    assert all(not c.in_register and c.made_on == date(2025, 7, 2) for c in debate)
    assert any("strafbeschikkingen" in c.text for c in debate)
    assert all("Struycken" in (c.minister or "") for c in debate), "the promise is the staatssecretaris's"
    texts = [" ".join(c.text.lower().split()) for c in debate]
    assert len(texts) == len(set(texts)), "an item read twice is one commitment"


# ---------------------------------------------------------------------------- register


def test_the_registers_own_fulfilling_letters_are_linked_by_document_number(engine: Engine) -> None:
    add_letter(engine, "doc-answer", "Hierbij ontvangt u de brief.", date(2015, 2, 1), nummer="2015D01234")
    add_register(
        engine,
        "tz-1",
        "De minister stuurt de Kamer een brief over de wegwijzer.",
        status="Voldaan",
        kamerbrief_nakoming=["2015D01234", "2015D09999"],
    )
    track(engine, TODAY, analyser=fixed(Analysis(date=None)), extractor_version="t1")
    c = by_register(engine)["tz-1"]
    assert (c.status, c.status_source) == ("fulfilled", "register")
    found = sorted((f.document_number, f.document_id, f.method, f.state) for f in links(engine, c.id or 0))
    assert found == [
        ("2015D01234", "doc-answer", "register", "accepted"),
        ("2015D09999", None, "register", "accepted"),
    ]
    (row,) = export_rows(engine, today=TODAY)
    assert row["fulfilled_by"] == ["2015D01234", "2015D09999"] or set(row["fulfilled_by"]) == {
        "2015D01234",
        "2015D09999",
    }


def test_register_statuses_are_snapshotted_and_their_changes_recorded(engine: Engine) -> None:
    add_register(engine, "tz-1", "De minister stuurt de Kamer een brief over de wegwijzer.")
    track(engine, TODAY, analyser=fixed(Analysis(date=None)), extractor_version="t1")
    update_register(engine, "tz-1", status="Vervallen")
    track(engine, TODAY, analyser=fixed(Analysis(date=None)), extractor_version="t1")
    c = by_register(engine)["tz-1"]
    assert (c.status, c.status_source, c.register_status) == ("lapsed", "register", "Vervallen")
    snaps = [(e.old, e.new) for e in events(engine, c.id, "register_status")]
    assert snaps == [(None, "Openstaand"), ("Openstaand", "Vervallen")]
    assert [(e.old, e.new, e.cause) for e in events(engine, c.id, "status")] == [
        ("open", "lapsed", "register: Vervallen")
    ]


def test_an_unknown_register_status_is_kept_verbatim_and_counts_as_open(engine: Engine) -> None:
    add_register(engine, "tz-1", "De minister stuurt de Kamer een brief.", status="Verzoek tot verlenging")
    summary = track(engine, TODAY, analyser=fixed(Analysis(date=None)), extractor_version="t1")
    c = by_register(engine)["tz-1"]
    assert (c.status, c.register_status) == ("open", "Verzoek tot verlenging")
    assert summary.unknown_register_statuses == {"Verzoek tot verlenging"}


def test_register_due_and_the_due_read_from_the_text_are_both_kept(engine: Engine) -> None:
    add_meeting(engine, "act-1", date(2014, 11, 12))
    add_register(
        engine,
        "tz-1",
        "De minister informeert de Kamer voor de zomer over de evaluatie.",
        activiteit_id="act-1",
        datum_nakoming=date(2015, 6, 1),
    )
    add_register(
        engine,
        "tz-2",
        "De minister informeert de Kamer voor de zomer over de wegwijzer.",
        activiteit_id="act-1",
    )
    track(engine, TODAY, analyser=fixed(Analysis(date=None)), extractor_version="t1")
    both, text_only = by_register(engine)["tz-1"], by_register(engine)["tz-2"]
    assert (both.register_due, both.text_due, both.due) == (
        date(2015, 6, 1),
        date(2015, 7, 2),
        date(2015, 6, 1),
    )
    assert (text_only.register_due, text_only.due, text_only.deadline_text) == (
        None,
        date(2015, 7, 2),
        "voor de zomer",
    )
    row = next(r for r in export_rows(engine, today=TODAY) if r["id"] == both.id)
    assert (row["register_due"], row["text_due"]) == ("2015-06-01", "2015-07-02")


# ---------------------------------------------------------------------------- people and re-runs


def test_a_persons_decision_survives_a_rerun_and_an_extractor_improvement(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY, analyser=fixed(seed_analysis()), extractor_version="t1")
    riec = by_register(engine)["tz-riec"]
    own = next(c for c in commitments(engine) if c.source == "letter" and c.due == date(2015, 7, 2))
    decisions.set_status(
        engine, riec.id or 0, "open", who="griffie@tk", note="only the basisniveau, not the rest"
    )
    decisions.set_due(engine, own.id or 0, date(2015, 9, 1), who="vj@minvenj")
    track(engine, TODAY, analyser=fixed(seed_analysis()), extractor_version="t1")
    track(
        engine, TODAY, analyser=fixed(Analysis(date=date(2014, 12, 16))), extractor_version="t2"
    )  # finds nothing now
    after = {c.id: c for c in commitments(engine)}
    assert (after[riec.id].status, after[riec.id].status_source) == ("open", "person")
    assert after[own.id].due == date(2015, 9, 1), "a person's due date is kept, and so is the commitment"
    (set_by,) = [e for e in events(engine, riec.id, "status") if e.who == "griffie@tk"]
    assert (set_by.old, set_by.new, set_by.note) == (
        "fulfilled",
        "open",
        "only the basisniveau, not the rest",
    )


def test_an_extractor_improvement_refreshes_machine_made_items(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY, analyser=fixed(seed_analysis()), extractor_version="t1")
    better = Analysis(
        date=date(2014, 12, 16),
        commitments=(
            commitment(
                "De wegwijzer wordt in het eerste kwartaal van 2015 gelanceerd.",
                date(2015, 3, 31),
                "in het eerste kwartaal van 2015",
                "quarter",
            ),
        ),
    )
    summary = track(engine, TODAY, analyser=fixed(better), extractor_version="t2")
    own = [c for c in commitments(engine) if c.source == "letter"]
    assert [(c.text, c.due, c.extractor_version) for c in own] == [
        ("De wegwijzer wordt in het eerste kwartaal van 2015 gelanceerd.", date(2015, 3, 31), "t2")
    ]
    assert summary.commitments_removed == 2
    registered = by_register(engine)
    assert registered["tz-riec"].status == "open", "the new reading finds no reference, so no fulfilment"
    assert [e.new for e in events(engine, registered["tz-riec"].id, "status")] == ["fulfilled", "open"]


def test_a_rejected_candidate_is_not_proposed_again(engine: Engine) -> None:
    seed_mensenhandel(engine)
    quiet = Analysis(date=date(2014, 12, 16))  # no references, no phrases: shared words only
    track(engine, TODAY, analyser=fixed(quiet), extractor_version="t1")
    riec = by_register(engine)["tz-riec"]
    (candidate,) = links(engine, riec.id or 0)
    assert candidate.state == "candidate" and riec.status == "open"
    decisions.reject_fulfilment(engine, candidate.id or 0, who="griffie@tk")
    track(engine, TODAY, analyser=fixed(seed_analysis()), extractor_version="t2")
    (still,) = links(engine, riec.id or 0)
    assert (still.state, still.decided_by) == ("rejected", "griffie@tk")
    assert by_register(engine)["tz-riec"].status == "open"


def test_accepting_a_candidate_fulfils_the_commitment_as_a_persons_decision(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY, analyser=fixed(Analysis(date=date(2014, 12, 16))), extractor_version="t1")
    riec = by_register(engine)["tz-riec"]
    (candidate,) = links(engine, riec.id or 0)
    decisions.accept_fulfilment(engine, candidate.id or 0, who="griffie@tk")
    track(engine, TODAY, analyser=fixed(Analysis(date=date(2014, 12, 16))), extractor_version="t2")
    c = by_register(engine)["tz-riec"]
    assert (c.status, c.status_source) == ("fulfilled", "person")
    assert [e.who for e in events(engine, c.id, "fulfilment")] == ["griffie@tk"]


def test_a_postponement_letter_moves_the_deadline_and_the_history_keeps_the_old_one(engine: Engine) -> None:
    seed_mensenhandel(engine)
    uitstel = (
        "In mijn brief van 16 december 2014 (Kamerstuk 28 638, nr. 128) heb ik toegezegd voor de zomer te "
        "rapporteren; de voortgangsrapportage over het Nationaal Verwijsmechanisme Mensenhandel kunt u in "
        "september 2015 tegemoet zien."
    )
    kst_128 = Reference("kamerstuk", "Kamerstuk 28 638, nr. 128", {"dossier": "28638", "number": "128"})
    add_letter(
        engine,
        "doc-uitstel",
        uitstel,
        date(2015, 6, 25),
        nummer="2015D25000",
        dossier_id="dossier-28638",
        volgnummer=140,
        titel="Uitstel voortgangsrapportage NVM",
    )
    analyser = by_text(
        {
            "Met deze brief doe ik mijn toezeggingen": seed_analysis(),
            "tegemoet zien": Analysis(
                date=date(2015, 6, 25),
                postponements=(postponement(uitstel, date(2015, 9, 30), "in september 2015", kst_128),),
            ),
        }
    )
    track(engine, date(2015, 6, 30), analyser=analyser, extractor_version="t1")
    nvm = next(c for c in commitments(engine) if c.source == "letter" and "Verwijsmechanisme" in c.text)
    assert (nvm.due, nvm.deadline_text, nvm.status) == (date(2015, 9, 30), "in september 2015", "open")
    (moved,) = events(engine, nvm.id, "due")
    assert (moved.old, moved.new) == ("2015-07-02", "2015-09-30")
    assert "2015D25000" in (moved.cause or "") and moved.note == "was: Voor de zomer 2015"
    (row,) = [r for r in export_rows(engine, today=date(2015, 7, 3)) if r["id"] == nvm.id]
    assert row["status"] == "open", "not overdue: the new date has not passed"


def test_figures_per_ministry_come_from_the_tracked_commitments(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY, analyser=fixed(seed_analysis()), extractor_version="t1")
    with Session(engine) as session:
        per = {f.group: f for f in queries.figures(session, today=date(2015, 7, 3))}
    venj = per["Veiligheid en Justitie"]
    assert (venj.open, venj.overdue, venj.fulfilled, venj.fulfilled_on_time) == (2, 2, 4, 0)
    assert per["Infrastructuur en Milieu"].oldest_open_made_on == date(2014, 6, 12)


def test_a_letter_whose_reading_fails_is_tried_again_next_run(engine: Engine, tmp_path: Path) -> None:
    seed_mensenhandel(engine)

    def broken(source, on):  # type: ignore[no-untyped-def]
        raise ValueError("cannot read")

    assert track(engine, TODAY, analyser=broken, extractor_version="t1").failed == 1
    assert track(engine, TODAY, analyser=fixed(seed_analysis()), extractor_version="t1").letters == 1


def add_transcript(engine: Engine, vergadering_id: str, on: date, data: bytes = b"<vlos/>") -> None:
    with session_scope(engine) as s:
        s.add(Blob(sha256=sha(data.hex()), size=len(data), content_type="text/xml", data=zlib.compress(data)))
        s.add(
            Transcript(
                vergadering_id=vergadering_id,
                verslag_id=f"v-{vergadering_id}",
                blob_sha256=sha(data.hex()),
                titel="Mensenhandel",
                datum=on,
                soort="Commissie",
            )
        )


CHAIR_ITEM = FoundCommitment(
    text="De minister zegt de Kamer toe voor de zomer een organogram te sturen van de partijen die betrokken "
    "zijn bij de aanpak van mensenhandel.",
    start=0,
    end=10,
    actor="minister",
    confidence=0.95,
    deadline=None,
    from_chair_list=True,
)
MINISTER_WORDS = FoundCommitment(
    text="Ik stuur u voor de zomer een organogram van de partijen die betrokken zijn bij de aanpak van "
    "mensenhandel.",
    start=0,
    end=10,
    actor="minister",
    confidence=0.8,
    deadline=None,
    speaker="Minister Opstelten",
)


def test_a_ministers_words_repeating_a_chair_list_item_are_one_commitment(engine: Engine) -> None:
    add_transcript(engine, "verg-1", date(2014, 9, 3))
    debate = Analysis(date=date(2014, 9, 3), commitments=(MINISTER_WORDS, CHAIR_ITEM))
    track(engine, TODAY, analyser=fixed(debate), extractor_version="t1")
    (c,) = commitments(engine)
    assert (c.source, c.in_register, c.text) == ("debate", False, " ".join(CHAIR_ITEM.text.split()))
    assert c.made_on == date(2014, 9, 3) and c.made_in == "Mensenhandel"


def test_a_debate_item_found_before_its_register_entry_joins_it_when_the_entry_arrives(
    engine: Engine,
) -> None:
    add_transcript(engine, "verg-1", date(2014, 9, 3))
    track(
        engine,
        TODAY,
        analyser=fixed(Analysis(date=date(2014, 9, 3), commitments=(CHAIR_ITEM,))),
        extractor_version="t1",
    )
    assert [c.source for c in commitments(engine)] == ["debate"]
    add_meeting(engine, "act-ao-2014", date(2014, 9, 3))
    add_register(
        engine, "tz-organogram", MENSENHANDEL_REGISTER["tz-organogram"][2], activiteit_id="act-ao-2014"
    )
    summary = track(
        engine,
        TODAY,
        analyser=fixed(Analysis(date=date(2014, 9, 3), commitments=(CHAIR_ITEM,))),
        extractor_version="t1",
    )
    (c,) = commitments(engine)
    assert (c.source, c.in_register, c.vergadering_id) == ("register", True, "verg-1")
    assert c.quote == " ".join(CHAIR_ITEM.text.split())
    assert summary.linked_to_register == 1


def test_an_entry_the_register_deletes_keeps_its_commitment_and_history(engine: Engine) -> None:
    add_register(engine, "tz-1", "De minister stuurt de Kamer een brief over de wegwijzer.", status="Voldaan")
    track(engine, TODAY, analyser=fixed(Analysis(date=None)), extractor_version="t1")
    with session_scope(engine) as s:
        s.delete(s.get(Toezegging, "tz-1"))
    track(engine, TODAY, analyser=fixed(Analysis(date=None)), extractor_version="t1")
    (c,) = commitments(engine)
    assert (c.in_register, c.status, c.register_status) == (False, "fulfilled", "Voldaan")
    assert [(e.old, e.new, e.cause) for e in events(engine, c.id, "register_status")][-1] == (
        "Voldaan",
        None,
        "removed from the register",
    )
    before = snapshot(engine)
    track(engine, TODAY, analyser=fixed(Analysis(date=None)), extractor_version="t1")
    assert snapshot(engine) == before


def test_a_person_can_name_the_fulfilling_letter_and_hand_a_status_back(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY, analyser=fixed(seed_analysis()), extractor_version="t1")
    spoor = by_register(engine)["tz-spoor"]
    decisions.link_document(engine, spoor.id or 0, SEED_ID, who="ienm@minienm", partial=True)
    assert (by_register(engine)["tz-spoor"].status, by_register(engine)["tz-spoor"].status_source) == (
        "partly_fulfilled",
        "person",
    )
    decisions.set_status(engine, spoor.id or 0, "lapsed", who="griffie@tk")
    decisions.release_status(engine, spoor.id or 0, who="griffie@tk")
    update_register(engine, "tz-spoor", status="Voldaan")
    track(engine, TODAY, analyser=fixed(seed_analysis()), extractor_version="t1")
    after = by_register(engine)["tz-spoor"]
    assert (after.status, after.status_source) == ("fulfilled", "register")
    assert [e.who for e in events(engine, spoor.id)].count("griffie@tk") == 2


def test_a_decision_on_an_unknown_commitment_or_status_is_refused(engine: Engine) -> None:
    with pytest.raises(decisions.DecisionError):
        decisions.set_status(engine, 12345, "open", who="x")
    add_register(engine, "tz-1", "De minister stuurt de Kamer een brief.")
    track(engine, TODAY, analyser=fixed(Analysis(date=None)), extractor_version="t1")
    with pytest.raises(decisions.DecisionError):
        decisions.set_status(engine, by_register(engine)["tz-1"].id or 0, "overdue", who="x")


# ---------------------------------------------------------------------------- restatements (issue 11)

NVM = "Nationaal Verwijsmechanisme Mensenhandel"
# A letter restating the seed letter's promise to report on the NVM before the summer, and postponing it.
UITSTEL = (
    "In mijn brief van 16 december 2014 (Kamerstuk 28 638, nr. 128) heb ik toegezegd u voor de zomer te "
    f"rapporteren over de stappen in het kader van het {NVM}. Dat is helaas niet gelukt, omdat de cijfers "
    f"later beschikbaar komen. U ontvangt de voortgangsrapportage over het {NVM} in september 2015."
)
ZOALS = (
    "Zoals toegezegd in mijn brief van 16 december 2014 rapporteer ik u voor de zomer 2015 in een "
    f"voortgangsrapportage over de stappen in het kader van het {NVM}."
)


def nvm(engine: Engine) -> Commitment:
    """The seed letter's promise to report on the NVM before the summer."""
    (c,) = [c for c in commitments(engine) if c.document_id == SEED_ID and NVM in c.text]
    return c


def restatements(engine: Engine) -> list[Restatement]:
    with Session(engine) as s:
        return list(s.exec(select(Restatement).order_by(Restatement.id)).all())


def add_uitstel(engine: Engine, text: str = UITSTEL, on: date = date(2015, 6, 25)) -> None:
    add_letter(
        engine, "doc-uitstel", text, on, nummer="2015D25000", dossier_id="dossier-28638", volgnummer=140
    )


def test_a_letter_postponing_an_earlier_promise_moves_it_and_adds_no_row(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY)
    before = len(commitments(engine))
    add_uitstel(engine)
    summary = track(engine, date(2015, 7, 3))
    assert len(commitments(engine)) == before, "the promise restated is the earlier one, not a new one"
    assert summary.restated == 1 and summary.commitments_added == 0
    c = nvm(engine)
    restated_words = f"U ontvangt de voortgangsrapportage over het {NVM} in september 2015."
    assert c.quotes == [restated_words]
    assert (c.due, c.deadline_text, c.status) == (date(2015, 9, 30), "in september 2015", "open")
    (moved,) = events(engine, c.id, "due")
    assert (moved.old, moved.new, moved.note) == ("2015-07-02", "2015-09-30", "was: Voor de zomer 2015")
    assert moved.cause == f"postponed by 2015D25000 (restates it): {restated_words}"
    (r,) = restatements(engine)
    assert (r.commitment_id, r.document_id, r.document_number) == (c.id, "doc-uitstel", "2015D25000")
    assert (r.text, r.deadline_text, r.due) == (restated_words, "in september 2015", date(2015, 9, 30))
    assert "kst:28638-128" in r.signals
    (row,) = [r for r in export_rows(engine, today=date(2015, 7, 3)) if r["id"] == c.id]
    assert (row["status"], row["due"]) == ("open", "2015-09-30"), "no longer overdue: it moved"
    assert row["quotes"] == [restated_words] and row["restated_in"] == ["2015D25000"]


def test_the_digest_and_the_letters_page_show_the_postponement_by_restatement(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY)
    add_uitstel(engine)
    since = datetime.now(UTC)
    track(engine, date(2015, 7, 3))
    until = datetime.now(UTC)
    with Session(engine) as session:
        found = queries.changes(session, since, until)
        message = compose_digest(
            session, Scope(), since, until, frequency=Frequency.WEEKLY, dashboard_url="http://dash"
        )
        (letter,) = [
            x for x in queries.letters(session, today=date(2015, 7, 3)).rows if x.document.id == "doc-uitstel"
        ]
    (moved,) = found.due_moved
    assert moved.commitment.id == nvm(engine).id and found.new == ()
    (section,) = [s for s in message.sections if s.key == "moved"]
    (item,) = section.items
    assert item.note == "verschoven van 2 juli 2015 naar 30 september 2015 (brief 2015D25000)"
    assert letter.commitments == () and [c.id for c in letter.restates] == [nvm(engine).id]
    assert [(e.old, e.new) for e in letter.postponements] == [("2015-07-02", "2015-09-30")]


def test_a_restatement_with_the_same_date_adds_its_words_and_changes_nothing_else(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY)

    def owed() -> int:
        with Session(engine) as session:
            return {f.group: f for f in queries.figures(session, today=date(2015, 3, 3))}[
                "Veiligheid en Justitie"
            ].open

    before = owed()
    add_uitstel(engine, ZOALS, date(2015, 3, 2))
    track(engine, date(2015, 3, 3))
    c = nvm(engine)
    assert c.quotes == [ZOALS] and c.due == date(2015, 7, 2)
    assert events(engine, c.id, "due") == []
    with Session(engine) as session:
        detail = queries.commitment(session, c.id or 0, today=date(2015, 3, 3))
    assert detail is not None and detail.spoken == ()
    (again,) = detail.restatements
    assert (again.document.nummer, again.text, again.due) == ("2015D25000", ZOALS, date(2015, 7, 2))
    assert owed() == before, "the minister owes what was promised once, however often it is said"


def test_rerunning_and_reading_again_with_a_new_extractor_keep_one_quote_and_one_event(
    engine: Engine,
) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY)
    add_uitstel(engine)
    track(engine, date(2015, 7, 3))
    before = snapshot(engine)
    track(engine, date(2015, 7, 3))
    assert snapshot(engine) == before
    analyser = extract.analyse
    track(engine, date(2015, 7, 3), analyser=analyser, extractor_version="next")  # every input read again
    c = nvm(engine)
    assert len(c.quotes) == 1 and len(restatements(engine)) == 1
    assert [(e.old, e.new) for e in events(engine, c.id, "due")] == [("2015-07-02", "2015-09-30")]
    assert (c.due, c.deadline_text) == (date(2015, 9, 30), "in september 2015"), (
        "the phrase goes with its date"
    )
    assert len(commitments(engine)) == len(before[0])


def test_a_reading_that_no_longer_sees_the_restatement_gives_the_promise_its_own_row(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(
        engine,
        TODAY,
        analyser=by_text({"gestand": seed_analysis(), "Zoals": Analysis(date=None)}),
        extractor_version="t1",
    )
    own = FoundCommitment(
        text=ZOALS, start=0, end=len(ZOALS), actor="minister", confidence=0.9, deadline=None
    )
    add_uitstel(engine, ZOALS, date(2015, 3, 2))
    read = {"gestand": seed_analysis(), "Zoals": Analysis(date=date(2015, 3, 2), commitments=(own,))}
    track(engine, TODAY, analyser=by_text(read), extractor_version="t1")
    assert nvm(engine).quotes == [ZOALS]
    other = FoundCommitment(
        text="Ik stuur u in het najaar een brief over de wegwijzer.", start=0, end=10, actor="minister",
        confidence=0.9, deadline=None,
    )  # fmt: skip
    read["Zoals"] = Analysis(date=date(2015, 3, 2), commitments=(other,))
    track(engine, TODAY, analyser=by_text(read), extractor_version="t2")
    assert nvm(engine).quotes == [] and restatements(engine) == []
    assert [c.text for c in commitments(engine) if c.document_id == "doc-uitstel"] == [other.text]


def test_a_persons_due_date_stands_and_the_restatement_is_kept_as_evidence(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY)
    decisions.set_due(engine, nvm(engine).id or 0, date(2015, 8, 1), who="vj@minvenj")
    add_uitstel(engine)
    track(engine, date(2015, 7, 3))
    c = nvm(engine)
    assert (c.due, c.due_locked) == (date(2015, 8, 1), True)
    assert [e.who for e in events(engine, c.id, "due")] == ["vj@minvenj"]
    (r,) = restatements(engine)
    assert r.due == date(2015, 9, 30) and c.quotes == [r.text]
    with Session(engine) as session:
        detail = queries.commitment(session, c.id or 0, today=date(2015, 7, 3))
    assert detail is not None and detail.restatements[0].due != detail.row.due  # shown: not taken over


def test_a_restatement_of_a_fulfilled_promise_is_a_promise_of_its_own(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY)
    decisions.set_status(engine, nvm(engine).id or 0, "fulfilled", who="vj@minvenj")
    add_uitstel(engine)
    track(engine, date(2015, 7, 3))
    assert restatements(engine) == []
    assert nvm(engine).due == date(2015, 7, 2)
    (new,) = [c for c in commitments(engine) if c.document_id == "doc-uitstel"]
    assert new.due == date(2015, 9, 30) and new.status == "open"


def test_a_letter_that_fulfils_a_promise_and_makes_a_new_one_keeps_both(engine: Engine) -> None:
    seed_mensenhandel(engine)
    track(engine, TODAY)
    text = (
        "Met deze brief kom ik mijn toezegging na om u middels een voortgangsrapportage te rapporteren over "
        f"de genomen stappen in het kader van het {NVM}. Ik zal u voor het kerstreces informeren over de "
        "vervolgstappen."
    )
    add_uitstel(engine, text, date(2015, 6, 25))
    track(engine, date(2015, 7, 3))
    assert restatements(engine) == []
    assert nvm(engine).status == "fulfilled"
    assert [c.deadline_text for c in commitments(engine) if c.document_id == "doc-uitstel"] == [
        "voor het kerstreces"
    ]


PBC_LETTER = (
    "Tijdens het commissiedebat Slachtofferbeleid van 2 juli 2025 heb ik toegezegd u te informeren over de "
    "uitbreiding van inzage in rapportages van het Pieter Baan Centrum voor slachtoffers. Zoals toegezegd "
    "informeer ik u daarover voor het kerstreces van 2025."
)


def test_a_letter_restating_a_debate_promise_stays_with_it_when_the_register_entry_arrives(
    engine: Engine,
) -> None:
    add_transcript(engine, "verg-slachtofferbeleid", date(2025, 7, 2), SLACHTOFFERBELEID.read_bytes())
    add_meeting(engine, "act-s", date(2025, 7, 2), soort="Commissiedebat", onderwerp="Slachtofferbeleid")
    track(engine, date(2025, 7, 10))
    add_letter(
        engine,
        "doc-pbc",
        PBC_LETTER,
        date(2025, 9, 15),
        nummer="2025D40000",
        signer=("A.C. Struycken", "Staatssecretaris van Justitie en Veiligheid"),
    )
    track(engine, date(2025, 9, 20))
    (item,) = [c for c in commitments(engine) if "Pieter Baan Centrum" in c.text]
    (r,) = restatements(engine)
    assert (item.source, r.commitment_id) == ("debate", item.id)
    assert "meeting:2025-07-02" in r.signals and r.text in item.quotes
    add_register(
        engine,
        "tz-pbc",
        "De staatssecretaris Rechtsbescherming zegt de Kamer toe de Kamer voor het kerstreces van 2025 te "
        "informeren over de uitbreiding van inzage in rapportages van het Pieter Baan Centrum voor "
        "slachtoffers.",
        activiteit_id="act-s",
        naam="Struycken, A.C.",
        ministerie="Justitie en Veiligheid",
    )
    track(engine, date(2025, 9, 20))
    (entry,) = [c for c in commitments(engine) if "Pieter Baan Centrum" in c.text]
    (r,) = restatements(engine)
    assert (entry.source, r.commitment_id) == ("register", entry.id), "one promise: the register's row"
    assert r.text in entry.quotes


def test_when_the_restated_promise_goes_the_letter_restating_it_is_read_again(engine: Engine) -> None:
    promise = commitment(
        "Ik zal u voor de zomer een brief sturen over de evaluatie van de wegwijzer mensenhandel.",
        date(2015, 7, 2),
        "voor de zomer",
        "recess",
    )
    again = commitment(
        "Zoals toegezegd stuur ik u voor de zomer een brief over de evaluatie van de wegwijzer mensenhandel.",
        date(2015, 7, 2),
        "voor de zomer",
        "recess",
    )
    read = {
        "eerste": Analysis(date=date(2015, 1, 5), commitments=(promise,)),
        "tweede": Analysis(date=date(2015, 3, 2), commitments=(again,)),
        "herzien": Analysis(date=date(2015, 1, 5)),
    }
    add_letter(engine, "doc-a", "De eerste brief.", date(2015, 1, 5))
    add_letter(engine, "doc-b", "De tweede brief.", date(2015, 3, 2))
    track(engine, TODAY, analyser=by_text(read), extractor_version="t1")
    assert [r.document_id for r in restatements(engine)] == ["doc-b"]
    assert [c.document_id for c in commitments(engine)] == ["doc-a"]
    with session_scope(engine) as s:  # the first letter's text is corrected: it promises nothing now
        text = s.get(DocumentText, "doc-a")
        assert text is not None
        text.text, text.text_sha256 = "De herziene brief.", sha("De herziene brief.")
    track(engine, TODAY, analyser=by_text(read), extractor_version="t1")
    assert restatements(engine) == [] and commitments(engine) == []
    track(engine, TODAY, analyser=by_text(read), extractor_version="t1")
    (c,) = commitments(engine)
    assert (c.document_id, c.text) == ("doc-b", again.text), (
        "the promise restated is now a promise of its own"
    )
