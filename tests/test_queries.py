"""The read layer answers the dashboard's and the digest's questions in SQL, alike on both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from db.engine import session_scope
from db.models import (
    Activiteit,
    Commitment,
    Document,
    DocumentActor,
    DocumentText,
    Run,
    StatusEvent,
    SyncFailure,
    Toezegging,
)
from db.vocabulary import LinkState, RunKind, RunState, Source, Status, StatusSource
from tests.commitment_factories import add, link
from tracker import decisions
from tracker.queries import (
    CommitmentFilter,
    candidates,
    changes,
    commitment,
    commitments,
    failures,
    figures,
    find_documents,
    letters,
    options,
    runs,
    search_terms,
    status_counts,
)

TODAY = date(2015, 2, 1)


def ids(page) -> list[int]:  # type: ignore[no-untyped-def]
    return [r.id for r in page.rows]


def find(engine: Engine, flt: CommitmentFilter | None = None) -> list[int]:
    with Session(engine) as s:
        return ids(commitments(s, flt or CommitmentFilter(), today=TODAY))


# --------------------------------------------------------------------------- filters


def test_overdue_is_derived_from_due_and_today_and_open_excludes_it(engine: Engine) -> None:
    late = add(engine, due=date(2015, 1, 31))
    due_today = add(engine, due=TODAY)
    undated = add(engine)
    done = add(engine, due=date(2014, 1, 1), status=Status.FULFILLED)
    assert find(engine, CommitmentFilter(statuses=(Status.OVERDUE,))) == [late]
    assert sorted(find(engine, CommitmentFilter(statuses=(Status.OPEN,)))) == [due_today, undated]
    assert find(engine, CommitmentFilter(statuses=(Status.FULFILLED,))) == [done]
    assert sorted(find(engine, CommitmentFilter(statuses=(Status.OVERDUE, Status.FULFILLED)))) == [late, done]
    with Session(engine) as s:
        (row,) = commitments(s, CommitmentFilter(ids=(late,)), today=TODAY).rows
        counts = status_counts(s, today=TODAY)
    assert (row.status, row.stored_status) == (Status.OVERDUE, Status.OPEN)
    assert counts[Status.OVERDUE] == 1 and counts[Status.OPEN] == 2 and counts[Status.LAPSED] == 0


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (CommitmentFilter(ministries=("financiën",)), ["fin"]),
        (CommitmentFilter(ministers=("dijsselbloem",)), ["fin"]),
        (CommitmentFilter(sources=(Source.REGISTER,)), ["reg"]),
        (CommitmentFilter(sources=(Source.REGISTER, Source.DEBATE)), ["reg", "debate"]),
        (CommitmentFilter(dossiers=("28 638",)), ["reg"]),
        (CommitmentFilter(committees=("VJ",)), ["reg"]),
        (CommitmentFilter(committees=("commissie voor veiligheid",)), ["reg"]),
        (CommitmentFilter(made_to=("Segers",)), ["reg"]),
        (CommitmentFilter(made_to=("segers",)), ["reg"]),
        (CommitmentFilter(shadow=True), ["debate"]),
        (CommitmentFilter(shadow=False), ["reg", "fin"]),
        (CommitmentFilter(due_from=date(2015, 3, 1), due_to=date(2015, 3, 31)), ["fin"]),
        (CommitmentFilter(made_from=date(2014, 6, 1)), ["debate"]),
        (CommitmentFilter(made_until=date(2013, 12, 31)), ["reg"]),
        (CommitmentFilter(in_register=False, sources=(Source.DEBATE,)), ["debate"]),
        (CommitmentFilter(in_register=True), ["reg"]),
        (CommitmentFilter(status_sources=(StatusSource.PERSON,)), ["fin"]),
        (CommitmentFilter(vague=True), ["debate"]),
        (CommitmentFilter(conditional=True), ["fin"]),
        (CommitmentFilter(ministries=("Financiën", "Veiligheid")), ["reg", "fin", "debate"]),
        (CommitmentFilter(ministries=("100%_",)), []),
    ],
    ids=lambda v: "" if isinstance(v, list) else None,
)
def test_each_filter_narrows_to_the_commitments_it_names(
    engine: Engine, flt: CommitmentFilter, expected: list[str]
) -> None:
    with session_scope(engine) as s:
        s.add(
            Activiteit(
                id="act-1",
                nummer="2013A01",
                voortouwnaam="vaste commissie voor Veiligheid en Justitie",
                voortouwafkorting="VJ",
                datum=date(2013, 10, 31),
            )
        )
        s.add(Toezegging(id="tz-1", nummer="TZ201310-101", toegezegd_aan=["Segers, G.J."]))
    made = {
        "reg": add(
            engine,
            source=Source.REGISTER,
            register_id="tz-1",
            in_register=True,
            made_to=["G.J. Segers"],
            activiteit_id="act-1",
            dossier="28638",
            made_on=date(2013, 10, 31),
        ),
        "fin": add(
            engine,
            ministry="Financiën",
            minister="J.R.V.A. Dijsselbloem",
            due=date(2015, 3, 15),
            status=Status.FULFILLED,
            status_source=StatusSource.PERSON,
            conditional=True,
        ),
        "debate": add(
            engine, source=Source.DEBATE, vague=True, made_on=date(2014, 9, 3), in_chair_list=False
        ),
    }
    found = find(engine, flt)
    assert sorted(found) == sorted(made[name] for name in expected)


def test_full_text_search_finds_dutch_words_in_text_quote_and_document_title(engine: Engine) -> None:
    with session_scope(engine) as s:
        s.add(Document(id="d1", nummer="2014D45830", onderwerp="Voortgangsrapportage mensenhandel"))
    nvm = add(engine, text="Voor de zomer 2015 rapporteer ik over het Nationaal Verwijsmechanisme.")
    quoted = add(
        engine, text="De minister informeert de Kamer.", quote="Ik kom terug op de sextortion-zaken."
    )
    titled = add(engine, text="Ik stuur u een brief.", document_id="d1")
    add(engine, text="Iets anders over belastingen.")

    def search(q: str) -> list[int]:
        return sorted(find(engine, CommitmentFilter(text=q)))

    assert search("verwijsmechanisme") == [nvm]
    assert search("rapporteer zomer") == [nvm], "all words must occur"
    assert search("sextortion") == [quoted]
    assert search("mensenhandel") == [titled], "the document's title is searched too"
    assert search('Verwijsmechanisme!! ("zomer*') == [nvm], "search syntax is not interpreted"
    assert search("   ") == sorted(find(engine))


def test_search_follows_edits_and_deletions(engine: Engine) -> None:
    cid = add(engine, text="Ik stuur u de evaluatie.")
    with session_scope(engine) as s:
        c = s.get(Commitment, cid)
        assert c is not None
        c.text = "Ik stuur u het jaarverslag."
    assert find(engine, CommitmentFilter(text="evaluatie")) == []
    assert find(engine, CommitmentFilter(text="jaarverslag")) == [cid]
    with session_scope(engine) as s:
        s.delete(s.get(Commitment, cid))
    assert find(engine, CommitmentFilter(text="jaarverslag")) == []


def test_search_terms_drop_punctuation_and_keep_accented_letters() -> None:
    assert search_terms('Financiën "OR" (zomer)*') == ["financiën", "or", "zomer"]


# --------------------------------------------------------------------------- sorting and paging


def test_pages_carry_the_total_and_sorting_puts_missing_dates_last(engine: Engine) -> None:
    made = [add(engine, due=date(2015, 1, d)) for d in (5, 3, 9)] + [add(engine)]
    with Session(engine) as s:
        first = commitments(s, today=TODAY, sort="due", page=1, page_size=2)
        second = commitments(s, today=TODAY, sort="due", page=2, page_size=2)
        newest_first = commitments(s, today=TODAY, sort="-due", page_size=None)
    assert (first.total, first.pages) == (4, 2)
    assert ids(first) + ids(second) == [made[1], made[0], made[2], made[3]]
    assert ids(newest_first) == [made[2], made[0], made[1], made[3]]
    with Session(engine) as s, pytest.raises(ValueError, match="cannot sort"):
        commitments(s, today=TODAY, sort="text; drop table")


# --------------------------------------------------------------------------- one commitment


def test_one_commitment_has_its_evidence_candidates_history_and_links(engine: Engine) -> None:
    with session_scope(engine) as s:
        s.add(
            Activiteit(
                id="act-1",
                nummer="2014A01234",
                soort="Algemeen overleg",
                datum=date(2014, 9, 3),
                voortouwnaam="vaste commissie voor Veiligheid en Justitie",
            )
        )
        s.add(Document(id="letter", nummer="2014D45830", onderwerp="Mensenhandel", datum=date(2014, 12, 16)))
        s.add(
            DocumentText(
                document_id="letter",
                source="publication",
                publication_id="kst-28638-128",
                text="...",
                text_sha256="x",
            )
        )
    cid = add(
        engine,
        source=Source.REGISTER,
        status=Status.FULFILLED,
        activiteit_id="act-1",
        made_on=date(2014, 9, 3),
    )
    accepted = link(
        engine,
        cid,
        "letter",
        number="2014D45830",
        document_date=date(2014, 12, 16),
        score=0.9,
        evidence_document="Met deze brief doe ik mijn toezeggingen gestand.",
    )
    candidate = link(engine, cid, "other", LinkState.CANDIDATE, score=0.4)
    decisions.reject_fulfilment(engine, candidate, who="Editor Eva", note="gaat over iets anders")
    with Session(engine) as s:
        detail = commitment(s, cid, today=TODAY)
        assert commitment(s, 99_999, today=TODAY) is None
    assert detail is not None
    (evidence,) = detail.fulfilments
    assert (evidence.id, evidence.document_title, evidence.url) == (
        accepted,
        "Mensenhandel",
        "https://www.tweedekamer.nl/downloads/document?id=2014D45830",
    )
    assert detail.candidates == () and [r.id for r in detail.rejected] == [candidate]
    assert detail.rejected[0].decided_by == "Editor Eva"
    assert [(e.field, e.who) for e in detail.history] == [("fulfilment", "Editor Eva")]
    assert detail.meeting is not None and detail.meeting.url == (
        "https://www.tweedekamer.nl/debat_en_vergadering/commissievergaderingen/details?id=2014A01234"
    )
    assert detail.row.committee == "vaste commissie voor Veiligheid en Justitie"
    letter_made = add(engine, document_id="letter")
    with Session(engine) as s:
        made_in = commitment(s, letter_made, today=TODAY)
    assert made_in is not None and made_in.document is not None
    assert made_in.document.ob_url == "https://zoek.officielebekendmakingen.nl/kst-28638-128.html"


# --------------------------------------------------------------------------- figures


def test_figures_count_open_overdue_on_time_and_late_per_ministry(engine: Engine) -> None:
    def fulfilled(delivered: date) -> None:
        cid = add(engine, status=Status.FULFILLED, due=date(2015, 1, 1), made_on=date(2014, 2, 1))
        link(engine, cid, f"d{cid}", document_date=delivered)

    overdue = add(engine, due=date(2015, 1, 1), made_on=date(2014, 1, 1))
    add(engine, made_on=date(2014, 3, 1))
    fulfilled(date(2014, 12, 16))  # on time
    fulfilled(date(2015, 1, 11))  # 10 days late
    fulfilled(date(2015, 1, 31))  # 30 days late
    add(engine, ministry="Infrastructuur en Milieu", status=Status.LAPSED, due=date(2015, 1, 1))
    with Session(engine) as s:
        venj, ienm = figures(s, today=TODAY)
        (only_late,) = figures(s, today=TODAY, flt=CommitmentFilter(statuses=(Status.OVERDUE,)))
    assert (venj.group, venj.total, venj.open, venj.overdue) == ("Veiligheid en Justitie", 5, 2, 1)
    assert (venj.fulfilled, venj.fulfilled_on_time, venj.fulfilled_late) == (3, 1, 2)
    assert venj.median_days_late == 20.0 and venj.on_time_share == pytest.approx(1 / 3)
    assert (venj.oldest_open_id, venj.oldest_open_made_on) == (overdue, date(2014, 1, 1))
    assert (ienm.open, ienm.lapsed, ienm.median_days_late, ienm.oldest_open_id) == (0, 1, None, None)
    assert (only_late.group, only_late.total) == ("Veiligheid en Justitie", 1)


def test_figures_group_by_minister_and_name_the_unknown(engine: Engine) -> None:
    add(engine, minister="Opstelten")
    add(engine, minister="Teeven")
    add(engine, minister=None)
    with Session(engine) as s:
        groups = [f.group for f in figures(s, today=TODAY, by="minister")]
        with pytest.raises(ValueError):
            figures(s, today=TODAY, by="text")
    assert groups == ["(onbekend)", "Opstelten", "Teeven"]


# --------------------------------------------------------------------------- changes


def test_changes_in_a_window_are_made_fulfilled_moved_overdue_and_decided(engine: Engine) -> None:
    since, until = datetime(2015, 1, 5, tzinfo=UTC), datetime(2015, 1, 12, tzinfo=UTC)
    inside, before = datetime(2015, 1, 7, tzinfo=UTC), datetime(2015, 1, 2, tzinfo=UTC)
    new = add(engine, created_at=inside)
    add(engine, created_at=before)
    fulfilled = add(engine, status=Status.FULFILLED)
    link(
        engine,
        fulfilled,
        "brief",
        number="2015D00001",
        evidence_document="Hiermee doe ik mijn toezegging gestand.",
    )
    moved = add(engine, due=date(2015, 3, 1))
    overdue = add(engine, due=date(2015, 1, 8))
    add(engine, due=date(2015, 1, 3))  # overdue before the window
    with session_scope(engine) as s:
        s.add(
            StatusEvent(
                commitment_id=fulfilled,
                at=inside,
                field="status",
                old="open",
                new="fulfilled",
                cause="fulfilled by 2015D00001",
            )
        )
        s.add(
            StatusEvent(
                commitment_id=moved,
                at=inside,
                field="due",
                old="2015-01-10",
                new="2015-03-01",
                cause="postponed by 2015D00002 (score 0.8): ...",
            )
        )
        s.add(StatusEvent(commitment_id=moved, at=before, field="due", old="2014-12-01", new="2015-01-10"))
    decided = add(engine)
    decisions.set_status(engine, decided, Status.LAPSED, who="Editor Eva", note="vervallen na debat")
    with session_scope(engine) as s:  # the decision happened inside the window
        s.connection().execute(
            StatusEvent.__table__.update()
            .where(StatusEvent.__table__.c.who == "Editor Eva")
            .values(at=inside)  # type: ignore[attr-defined]
        )
    with Session(engine) as s:
        got = changes(s, since, until)
        scoped = changes(s, since, until, flt=CommitmentFilter(ids=(moved,)))
    assert [c.commitment.id for c in got.new] == [new]
    ((f),) = got.fulfilled
    assert f.commitment.id == fulfilled and [x.document_number for x in f.links] == ["2015D00001"]
    assert f.links[0].evidence_document == "Hiermee doe ik mijn toezegging gestand."
    assert [(c.commitment.id, c.old, c.new) for c in got.due_moved] == [(moved, "2015-01-10", "2015-03-01")]
    assert [c.commitment.id for c in got.newly_overdue] == [overdue]
    assert [(c.commitment.id, c.new, c.who) for c in got.decided] == [(decided, "lapsed", "Editor Eva")]
    assert not got.is_empty()
    assert scoped.new == () and [c.commitment.id for c in scoped.due_moved] == [moved]


# --------------------------------------------------------------------------- review queue, letters, runs


def test_candidates_come_best_first_paged_and_skip_locked_commitments(engine: Engine) -> None:
    a = add(engine)
    b = add(engine, ministry="Financiën")
    locked = add(engine, person_locked=True)
    low = link(engine, a, "d1", LinkState.CANDIDATE, score=0.3)
    high = link(engine, b, "d2", LinkState.CANDIDATE, score=0.7)
    link(engine, locked, "d3", LinkState.CANDIDATE, score=0.9)
    link(engine, a, "d4", LinkState.ACCEPTED, score=1.0)
    with Session(engine) as s:
        first = candidates(s, today=TODAY, page_size=1)
        second = candidates(s, today=TODAY, page=2, page_size=1)
        fin = candidates(s, today=TODAY, ministry="financ")
    assert first.total == 2 and [c.link.id for c in first.rows + second.rows] == [high, low]
    assert first.rows[0].commitment.id == b
    assert [c.link.id for c in fin.rows] == [high]


def test_letters_list_what_was_found_in_each(engine: Engine) -> None:
    with session_scope(engine) as s:
        for n, day in ((1, 10), (2, 20)):
            s.add(
                Document(id=f"l{n}", nummer=f"2015D0000{n}", soort="Brief regering", datum=date(2015, 1, day))
            )
            s.add(DocumentText(document_id=f"l{n}", source="publication", text="...", text_sha256=str(n)))
            s.add(
                DocumentActor(
                    id=f"a{n}",
                    document_id=f"l{n}",
                    naam="I.W. Opstelten",
                    functie="minister van Veiligheid en Justitie",
                )
            )
        s.add(Document(id="motie", soort="Motie", datum=date(2015, 1, 15)))
        s.add(DocumentText(document_id="motie", source="publication", text="...", text_sha256="m"))
    own = add(engine, document_id="l2")
    earlier = add(engine)
    link(engine, earlier, "l2", number="2015D00002")
    with session_scope(engine) as s:
        s.add(
            StatusEvent(
                commitment_id=earlier,
                field="due",
                old="2015-01-01",
                new="2015-03-01",
                cause="postponed by 2015D00002 (score 0.8): in maart",
            )
        )
    with Session(engine) as s:
        page = letters(s, today=TODAY)
        january_10 = letters(s, today=TODAY, date_to=date(2015, 1, 15))
        other = letters(s, today=TODAY, ministry="Financiën")
    assert page.total == 2 and [x.document.id for x in page.rows] == ["l2", "l1"]
    newest = page.rows[0]
    assert (newest.signatory, newest.ministry) == ("I.W. Opstelten", "Veiligheid en Justitie")
    assert [c.id for c in newest.commitments] == [own]
    assert [f.commitment_id for f in newest.fulfils] == [earlier]
    assert [e.new for e in newest.postponements] == ["2015-03-01"]
    assert [x.document.id for x in january_10.rows] == ["l1"] and other.total == 0


def test_runs_and_failures_come_newest_first(engine: Engine) -> None:
    start = datetime(2015, 1, 1, tzinfo=UTC)
    with session_scope(engine) as s:
        s.add(Run(kind=RunKind.SYNC, started_at=start, state=RunState.SUCCEEDED, counts={"new": 3}))
        s.add(
            Run(
                kind=RunKind.TRACK,
                started_at=start + timedelta(hours=1),
                state=RunState.FAILED,
                failures=1,
                message="database unavailable",
            )
        )
        s.add(
            SyncFailure(
                kind="publication", item_id="doc-1", error="cut short", attempts=2, last_attempt=start
            )
        )
        s.add(SyncFailure(kind="entry", item_id="e", error="x", resolved=True, last_attempt=start))
    with Session(engine) as s:
        latest = runs(s)
        syncs = runs(s, kind=RunKind.SYNC)
        open_failures = failures(s)
    assert [(r.kind, r.state) for r in latest] == [
        (RunKind.TRACK, RunState.FAILED),
        (RunKind.SYNC, RunState.SUCCEEDED),
    ]
    assert [r.counts for r in syncs] == [{"new": 3}]
    assert [(f.item_id, f.attempts) for f in open_failures] == [("doc-1", 2)]


def test_options_list_the_values_filters_can_take(engine: Engine) -> None:
    with session_scope(engine) as s:
        s.add(Activiteit(id="act-1", voortouwnaam="vaste commissie voor Financiën"))
        s.add(Activiteit(id="act-2", voortouwnaam="vaste commissie voor Defensie"))  # no commitment
    add(engine, ministry="Financiën", minister="W.B. Hoekstra", dossier="34000-IX", activiteit_id="act-1")
    add(engine, ministry="Defensie", minister=None)
    with Session(engine) as s:
        got = options(s)
    assert got.ministries == ("Defensie", "Financiën")
    assert got.ministers == ("W.B. Hoekstra",)
    assert got.dossiers == ("34000-IX",)
    assert got.committees == ("vaste commissie voor Financiën",)


def test_a_person_finds_a_letter_by_number_publication_or_title(engine: Engine) -> None:
    with session_scope(engine) as s:
        s.add(Document(id="d1", nummer="2014D45830", onderwerp="Mensenhandel", datum=date(2014, 12, 16)))
        s.add(
            DocumentText(
                document_id="d1",
                source="publication",
                publication_id="kst-28638-128",
                text=".",
                text_sha256="x",
            )
        )
        s.add(Document(id="d2", nummer="2015D00002", titel="Voortgang mensenhandel", datum=date(2015, 1, 2)))
        s.add(Document(id="d3", nummer="2015D00003", titel="Belastingplan"))
    with Session(engine) as s:
        assert [d.id for d in find_documents(s, "2014d45830")] == ["d1"]
        assert [d.id for d in find_documents(s, "kst-28638-128")] == ["d1"]
        assert [d.id for d in find_documents(s, "mensenhandel")] == ["d2", "d1"]
        assert find_documents(s, "  ") == [] and find_documents(s, "100%") == []


def test_a_note_is_kept_in_the_history_with_who_wrote_it(engine: Engine) -> None:
    cid = add(engine)
    decisions.add_note(engine, cid, who="Editor Eva", note="  Navragen bij de directie.  ")
    with pytest.raises(decisions.DecisionError):
        decisions.add_note(engine, cid, who="Editor Eva", note=" ")
    with Session(engine) as s:
        detail = commitment(s, cid, today=TODAY)
    assert detail is not None
    assert [(e.field, e.who, e.note) for e in detail.history] == [
        ("note", "Editor Eva", "Navragen bij de directie.")
    ]
    assert detail.row.status is Status.OPEN


def test_who_it_was_promised_to_is_found_by_part_of_a_name_with_accents(engine: Engine) -> None:
    promised = add(engine, made_to=["Gündoğan (Volt)", "Van Eijk (VVD)"])
    add(engine, made_to=["Boswijk (CDA)"])
    assert find(engine, CommitmentFilter(made_to=("gündoğan",))) == [promised]
    assert find(engine, CommitmentFilter(made_to=("van eijk",))) == [promised]
