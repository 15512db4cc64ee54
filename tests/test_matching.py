"""Matching letters to earlier commitments: references, phrases, shared words, timing, retrieval."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as hs

from tests.track_factories import (
    MENSENHANDEL_REGISTER,
    SEED_TEXT,
    fulfilment,
    meeting_ref,
    postponement,
    seed_analysis,
)
from tracker.extract import Analysis
from tracker.matching import (
    MAX_TERM_HITS,
    CommitmentFacts,
    CommitmentIndex,
    LetterFacts,
    match_letter,
    meeting_kind,
    minister_key,
    ministry_key,
    sentences,
    terms,
)

AO_2013, AO_2014 = date(2013, 10, 31), date(2014, 9, 3)


def facts(i: int, text: str, **kw: object) -> CommitmentFacts:
    kw.setdefault("made_on", date(2014, 9, 3))
    return CommitmentFacts(id=i, text=text, terms=terms(text), **kw)  # type: ignore[arg-type]


def register_facts() -> list[CommitmentFacts]:
    meetings = {"act-ao-2013": (AO_2013, "28638-108"), "act-ao-2014": (AO_2014, "28638-126")}
    out = []
    for i, (_, (nummer, act, text)) in enumerate(MENSENHANDEL_REGISTER.items(), start=1):
        on, kst = meetings[act]
        out.append(
            facts(
                i,
                text,
                made_on=on,
                meeting_date=on,
                meeting_kind="algemeen overleg",
                kamerstuk=kst,
                dossier="28638",
                ministry=ministry_key("Veiligheid en Justitie"),
                register_number=nummer,
            )
        )
    return out


def seed_letter(analysis: Analysis | None = None, **kw: object) -> LetterFacts:
    values: dict[str, object] = {
        "document_id": "doc-128",
        "date": date(2014, 12, 16),
        "text": SEED_TEXT,
        "analysis": analysis or seed_analysis(),
        "title": "Mensenhandel",
        "dossier": "28638",
        "ministry": ministry_key("Minister van Veiligheid en Justitie"),
        "minister": minister_key("I.W. Opstelten"),
    }
    values.update(kw)
    return LetterFacts(**values)  # type: ignore[arg-type]


def index_of(items: list[CommitmentFacts]) -> CommitmentIndex:
    index = CommitmentIndex()
    for item in items:
        index.add(item)
    return index


def test_words_broken_across_lines_are_joined_and_stop_words_dropped() -> None:
    found = terms(
        "Voor de zomer 2015 rapporteer ik middels een voort-\ngangsrapportage over de NVM-wegwijzer."
    )
    assert terms("voortgangsrapportage") <= found
    assert "wegwijzer" in found
    assert not {"voor", "zomer", "een"} & found


def test_sentences_do_not_break_at_citations_or_abbreviations() -> None:
    split = sentences(
        "Zie Kamerstuk 28 638, nr. 108 en de brief d.d. 23 juni. Tweede zin.\n\nKop\n\nDerde zin."
    )
    assert split == [
        "Zie Kamerstuk 28 638, nr. 108 en de brief d.d. 23 juni.",
        "Tweede zin.",
        "Kop",
        "Derde zin.",
    ]


@given(hs.text(max_size=300))
def test_sentences_and_terms_read_any_text(text: str) -> None:
    assert all(s.strip() for s in sentences(text))
    assert all(t == t.lower() for t in terms(text))


def test_a_renamed_ministry_and_a_reordered_name_still_match() -> None:
    assert ministry_key("Minister van Veiligheid en Justitie") == ministry_key("Justitie en Veiligheid")
    assert ministry_key("Infrastructuur en Milieu") != ministry_key("Justitie en Veiligheid")
    assert minister_key("Opstelten, I.W.") == minister_key("I.W. Opstelten") == "opstelten"


def test_the_seed_letter_fulfils_the_commitments_of_both_meetings_with_its_sentences_as_evidence() -> None:
    result = match_letter(index_of(register_facts()), seed_letter())
    by_id = {m.commitment_id: m for m in result.matches}
    assert set(by_id) == {1, 2, 3, 4}
    assert all(m.accepted and m.method == "reference" and not m.partial for m in by_id.values())
    assert "31 oktober 2013 heb ik u toegezegd via de Regionale Informatie" in by_id[1].evidence_document
    assert "organogram" in by_id[2].evidence_document
    assert "conservatoir in beslag" in by_id[3].evidence_document
    assert "sextortion" in by_id[4].evidence_document
    assert "meeting:2013-10-31" in by_id[1].signals
    assert "meeting:2014-09-03" in by_id[2].signals


def test_a_commitment_of_another_meeting_and_ministry_is_left_alone() -> None:
    other = facts(
        9,
        "De minister informeert de Kamer over de evaluatie van de spoorveiligheid.",
        made_on=date(2014, 6, 12),
        meeting_date=date(2014, 6, 12),
        ministry="infrastructuur milieu",
    )
    result = match_letter(index_of([*register_facts(), other]), seed_letter())
    assert 9 not in {m.commitment_id for m in result.matches}


def test_shared_words_without_a_reference_or_phrase_make_only_a_candidate() -> None:
    analysis = Analysis(date=date(2014, 12, 16))
    result = match_letter(index_of(register_facts()), seed_letter(analysis))
    assert result.matches
    assert not any(m.accepted for m in result.matches)
    assert {m.method for m in result.matches} == {"topic"}


def test_a_fulfilment_phrase_with_strong_word_overlap_links_without_a_reference() -> None:
    c = facts(
        1,
        "De minister stuurt de Kamer de voortgangsrapportage over het Nationaal Verwijsmechanisme.",
        ministry="justitie veiligheid",
    )
    text = "Zoals toegezegd stuur ik u hierbij de voortgangsrapportage over het Nationaal Verwijsmechanisme."
    letter = seed_letter(
        Analysis(date=date(2015, 6, 30), fulfilments=(fulfilment(text),)),
        text=text,
        date=date(2015, 6, 30),
        title="Voortgangsrapportage Nationaal Verwijsmechanisme",
    )
    (m,) = match_letter(index_of([c]), letter).matches
    assert m.accepted and m.method == "phrase"


def test_a_letter_cannot_fulfil_a_later_commitment_or_its_own() -> None:
    later = facts(1, register_facts()[0].text, made_on=date(2015, 1, 5), meeting_date=AO_2013)
    own = facts(
        2, register_facts()[1].text, made_on=date(2014, 12, 16), meeting_date=AO_2014, document_id="doc-128"
    )
    assert match_letter(index_of([later, own]), seed_letter()).matches == []


def test_a_first_part_is_partial_fulfilment() -> None:
    text = (
        "Met deze brief doe ik een eerste deel van de toezegging uit het Algemeen Overleg van "
        "31 oktober 2013 over het basisniveau voor de bestuurlijke aanpak van mensenhandel gestand."
    )
    analysis = Analysis(date=date(2014, 12, 16), fulfilments=(fulfilment(text, meeting_ref("AO", AO_2013)),))
    result = match_letter(index_of(register_facts()), seed_letter(analysis, text=text))
    (m,) = [m for m in result.matches if m.commitment_id == 1]
    assert m.accepted and m.partial


def test_a_postponement_moves_the_due_date_of_the_commitment_it_is_about() -> None:
    c = facts(
        1,
        "De minister stuurt de Kamer voor de zomer de evaluatie van de Wet regulering prostitutie.",
        due=date(2015, 7, 2),
        dossier="32211",
    )
    text = "De evaluatie van de Wet regulering prostitutie kunt u in januari 2016 tegemoet zien."
    analysis = Analysis(
        date=date(2015, 6, 20), postponements=(postponement(text, date(2016, 1, 31), "in januari 2016"),)
    )
    letter = seed_letter(
        analysis, text=text, date=date(2015, 6, 20), dossier="32211", title="Uitstel evaluatie"
    )
    (p,) = match_letter(index_of([c]), letter).postponements
    assert (p.commitment_id, p.due, p.deadline_text) == (1, date(2016, 1, 31), "in januari 2016")


def test_retrieval_scores_a_few_candidates_not_every_commitment() -> None:
    rng = random.Random(7)
    vocabulary = sorted(terms(SEED_TEXT))
    noise = [
        facts(100 + i, " ".join(rng.sample(vocabulary, 6)), made_on=date(2014, 1, 1)) for i in range(3000)
    ]
    index = index_of([*register_facts(), *noise])
    result = match_letter(index, seed_letter())
    assert result.scored <= len(register_facts()) + MAX_TERM_HITS
    assert {1, 2, 3, 4} <= {m.commitment_id for m in result.matches if m.accepted}


def test_a_removed_commitment_is_no_longer_found() -> None:
    index = index_of(register_facts())
    index.remove(1)
    assert 1 not in {m.commitment_id for m in match_letter(index, seed_letter()).matches}
    assert len(index) == 3


def test_another_kind_of_meeting_on_the_same_day_is_another_meeting() -> None:
    text = "Tijdens het notaoverleg van 31 oktober 2013 heb ik toegezegd in te zetten op een basisniveau."
    analysis = Analysis(
        date=date(2014, 12, 16),
        fulfilments=(fulfilment(text, meeting_ref("notaoverleg", AO_2013, "Notaoverleg")),),
    )
    result = match_letter(index_of(register_facts()), seed_letter(analysis, text=text))
    # Not accepted; and with the meeting not counting, too little is shared for the review queue either.
    found = [m for m in result.matches if m.commitment_id == 1]
    assert all(not m.accepted and "meeting:2013-10-31" not in m.signals for m in found)


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("Algemeen Overleg mensenhandel en prostitutie", "algemeen overleg"),
        ("AO", "algemeen overleg"),
        ("WGO Jeugd", "wetgevingsoverleg"),
        ("Commissiedebat Slachtofferbeleid", "commissiedebat"),
        ("Plenair debat", "plenair"),
        ("debat over de begroting", None),
        (None, None),
    ],
)
def test_meeting_kinds_are_read_from_how_letters_name_them(raw: str | None, kind: str | None) -> None:
    assert meeting_kind(raw) == kind
