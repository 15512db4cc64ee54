"""One promise, one row: spoken promises merged with the chair's items they restate (tracker.debate)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import CORPUS, FIXTURES
from tracker.deadlines import Deadline
from tracker.debate import Promise, made_to, member_parties, merge, most_specific, pair
from tracker.documents import read_document
from tracker.extract import analyse

DEBATE = FIXTURES / "debate"


def _merged(name: str) -> tuple[list[Promise], int]:
    source = read_document((DEBATE / name).read_bytes(), name)
    commitments = analyse(source).commitments
    return merge(source, commitments), len(commitments)


def _item(promises: list[Promise], words: str) -> Promise:
    (found,) = [p for p in promises if p.in_chair_list and words in p.text]
    return found


def test_a_promise_that_never_names_its_subject_is_merged_with_the_item_it_restates() -> None:
    promises, _ = _merged("rbz_opcw.xml")
    opcw = _item(promises, "OPCW")
    assert any(q.startswith("Dat kan ik toezeggen en daar kan ik dan op terugkomen") for q in opcw.quotes)
    assert any(
        q.startswith("Ik zal de Nederlandse vertegenwoordiger bij de OPCW vragen") for q in opcw.quotes
    )


def test_the_merged_promise_keeps_the_chairs_wording_and_the_member_it_was_made_to() -> None:
    opcw = _item(_merged("rbz_opcw.xml")[0], "OPCW")
    assert opcw.text.startswith("De minister zegt toe dat de permanente vertegenwoordiger bij de OPCW")
    assert opcw.made_to == ("Boswijk",)
    assert opcw.speaker == "Minister Veldkamp"
    assert opcw.chair_index == 0


def test_a_spoken_promise_no_item_holds_stays_a_row_of_its_own_in_the_shadow_register() -> None:
    promises, _ = _merged("rbz_opcw.xml")
    shadow = [p for p in promises if not p.in_chair_list]
    assert shadow and all(p.chair_index is None and p.quotes == (p.text,) for p in shadow)
    assert all(len(p.spoken) == 1 for p in shadow)


def test_merging_leaves_fewer_rows_than_the_extractor_found_and_loses_no_spoken_promise() -> None:
    promises, found = _merged("rbz_opcw.xml")
    spoken = sum(len(p.spoken) for p in promises)
    chair = sum(len(p.readings) for p in promises if p.in_chair_list)
    assert spoken + chair == found
    assert len(promises) < found


def test_the_chairs_correction_a_moment_later_stands() -> None:
    reform = _item(_merged("nf_list.xml")[0], "hervorming van het belasting- en toeslagenstelsel")
    assert "voor de zomer" in reform.text and "na de zomer" not in reform.text
    assert "na de zomer" in reform.readings[0]
    assert reform.deadline is not None and reform.deadline.due == date(2025, 7, 3)


def test_an_item_read_twice_counts_once_and_its_later_reading_wins() -> None:
    promises, _ = _merged("if_reread.xml")
    items = [p for p in promises if p.in_chair_list]
    assert len(items) == 6  # eight readings
    pijler = _item(promises, "Pijler 2")
    assert len(pijler.readings) == 2
    assert pijler.text == pijler.readings[-1]
    assert [p.chair_index for p in items] == list(range(6))


def test_a_promise_made_while_the_list_is_read_belongs_to_the_item_just_read() -> None:
    pijler = _item(_merged("if_reread.xml")[0], "Pijler 2")
    assert pijler.quotes == ("Wij zullen u volledig informeren.",)


def test_pairs_name_the_item_by_its_place_in_the_list() -> None:
    source = read_document((DEBATE / "rbz_opcw.xml").read_bytes())
    pairs = pair(source, analyse(source).commitments)
    assert {p.chair_index for p in pairs} == {0}
    assert all(p.score >= 0 for p in pairs)


def test_a_transcript_without_a_list_gives_every_spoken_promise_its_own_row() -> None:
    source = read_document((DEBATE / "rbz_opcw.xml").read_bytes())
    spoken = [c for c in analyse(source).commitments if not c.from_chair_list]
    promises = merge(source, spoken)
    assert len(promises) == len(spoken) and not any(p.in_chair_list for p in promises)


def test_nothing_in_gives_nothing_out() -> None:
    source = read_document((DEBATE / "rbz_opcw.xml").read_bytes())
    assert merge(source, []) == []


# -- who it was promised to ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(
            "… koppelt daarover terug in het verslag van de RBZ; dat was een toezegging aan de heer Boswijk.",
            ("Boswijk",),
            id="toezegging-aan-de-heer",
        ),
        pytest.param("Deze is gericht aan mevrouw Veltman.", ("Veltman",), id="gericht-aan-mevrouw"),
        pytest.param("Dat is een toezegging gericht aan de heer Van Dijk.", ("Van Dijk",), id="particle"),
        pytest.param("Die toezegging was gericht aan het lid Dobbe.", ("Dobbe",), id="het-lid"),
        pytest.param(
            "Dit is een toezegging aan mevrouw Van Eijk en de heer Stultiens.",
            ("Van Eijk", "Stultiens"),
            id="two-members",
        ),
        pytest.param("Deze is gericht aan mevrouw Slagt-Tichelman.", ("Slagt-Tichelman",), id="double-name"),
        pytest.param("De heer Boswijk vroeg naar de OPCW.", (), id="a-question-is-no-promise-to-him"),
        pytest.param("De minister stuurt de Kamer een brief.", (), id="no-member"),
    ],
)
def test_the_member_a_chairs_item_names(text: str, names: tuple[str, ...]) -> None:
    assert made_to(text) == names


def test_a_members_party_is_read_from_the_first_line_of_their_turn() -> None:
    source = read_document((DEBATE / "rbz_opcw.xml").read_bytes())
    parties = member_parties(source)
    assert parties["Boswijk"] == "CDA"
    assert parties["Dassen"] == "Volt"


# -- deadlines ---------------------------------------------------------------------------------------------

ON = date(2025, 7, 2)


def _d(text: str, due: date | None, earliest: date | None = None, kind: str = "month") -> Deadline:
    return Deadline(text, 0, len(text), due, earliest, kind)


OCTOBER = _d("in oktober", date(2025, 10, 31), date(2025, 10, 1))
AUTUMN = _d("in het najaar", date(2025, 11, 30), date(2025, 9, 1), "season")
SOON = _d("op korte termijn", None, None, "vague")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        pytest.param([SOON, OCTOBER], OCTOBER, id="dated-beats-vague"),
        pytest.param([None, SOON], SOON, id="vague-beats-none"),
        pytest.param([AUTUMN, OCTOBER], OCTOBER, id="narrower-beats-wider"),
        pytest.param([OCTOBER, AUTUMN], OCTOBER, id="narrower-first"),
        pytest.param([None, None], None, id="none"),
        pytest.param(
            [OCTOBER, _d("in oktober", date(2025, 10, 31), date(2025, 10, 1))], OCTOBER, id="tie-first"
        ),
    ],
)
def test_the_most_specific_deadline_wins(given: list[Deadline | None], expected: Deadline | None) -> None:
    assert most_specific(given, ON) is expected


# -- measured on the nine real transcripts ----------------------------------------------------------------

# What the merge reaches on the labels in evaluation/debate_pairs (see docs/people-and-promises.md).
PRECISION = 0.74
RECALL = 0.72


@pytest.mark.skipif(
    not (CORPUS / "tk-vlos-verslagen").is_dir(),
    reason="needs ../shared/corpus/tk-vlos-verslagen (set TOEZEGGINGEN_SHARED)",
)
def test_pair_precision_and_recall_on_the_labelled_transcripts() -> None:
    from evaluation.debate_pairs.score import score_all

    total, per = score_all()
    assert len(per) == 9
    assert total.labelled == 59
    assert total.precision >= PRECISION, "\n".join(total.errors)
    assert total.recall >= RECALL, "\n".join(total.errors)
    assert total.rows_after < total.rows_before


def test_the_labels_are_keyed_by_text_and_every_pair_names_a_labelled_item() -> None:
    import json

    for path in sorted((Path(__file__).parent.parent / "evaluation" / "debate_pairs").glob("*.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        readings = {r for item in labels["items"] for r in item["readings"]}
        assert all(p["item"] in readings for p in labels["pairs"]), path.name
        assert labels["file"] == path.with_suffix(".xml").name
