"""Restatements: when a letter's promise is an earlier promise said again, and what that does to its date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from evaluation.restatements.score import score
from tests.conftest import needs_shared
from tracker.deadlines import Deadline
from tracker.matching import CommitmentFacts, ministry_key, terms
from tracker.restatement import Restating, judge, lead_in, new_deadline, restated, restating

LETTER_DATE = date(2016, 4, 1)
VENJ = ministry_key("Veiligheid en Justitie")
IENM = ministry_key("Infrastructuur en Milieu")

MENSENHANDEL = "Ik zal u twee keer per jaar rapporteren over de voortgang van de aanpak van mensenhandel."
SPOOR = "De minister stuurt de Kamer in maart een brief over de evaluatie van de spoorveiligheid."


def earlier(text: str = MENSENHANDEL, **kw: object) -> CommitmentFacts:
    """An open commitment the letter may restate: made in the letter of 7 March 2016 by Opstelten."""
    values: dict[str, object] = {
        "id": 1,
        "text": text,
        "made_on": date(2016, 3, 7),
        "document_id": "doc-maart",
        "kamerstuk": "28638-140",
        "ministry": VENJ,
        "minister": "opstelten",
        "terms": terms(text),
    }
    values.update(kw)
    return CommitmentFacts(**values)  # type: ignore[arg-type]


def promise(text: str, before: str = "", **kw: object) -> Restating:
    """A promise of a letter of 1 April 2016 by Opstelten; `before`: the letter's text up to it."""
    values: dict[str, object] = {"on": LETTER_DATE, "document_id": "doc-april", "ministry": VENJ}
    values.update(kw)
    return replace(restating(text, before, **values), minister=kw.get("minister", "opstelten"))  # type: ignore[arg-type]


# One row per case: the letter's promise (after its lead-in), the earlier commitment, and the verdict.
CASES = [
    (
        "a reference to the letter of 7 March",
        promise(
            "Zoals ik heb toegezegd in mijn brief van 7 maart 2016 zal ik u twee keer per jaar rapporteren "
            "over de voortgang van de aanpak van mensenhandel."
        ),
        earlier(),
        "restates",
    ),
    (
        "zoals toegezegd, in other words",
        promise(
            "Zoals toegezegd bericht ik u halfjaarlijks over de voortgang van de aanpak van mensenhandel."
        ),
        earlier(),
        "restates",
    ),
    (
        "zoals aangekondigd in the Kamerstuk it was made in",
        promise(
            "Zoals aangekondigd in Kamerstuk 28 638, nr. 140 rapporteer ik u twee keer per jaar over de "
            "voortgang."
        ),
        earlier(),
        "restates",
    ),
    (
        "a postponement: the reference two sentences back",
        promise(
            "Ik verwacht u de brief voor de zomer te sturen.",
            "Ik heb u toegezegd de brief over de evaluatie van de spoorveiligheid in maart te sturen. Dat "
            "is helaas niet gelukt, omdat het onderzoek meer tijd vraagt. ",
            ministry=IENM,
            minister="mansveld",
        ),
        earlier(SPOOR, ministry=IENM, minister="mansveld", document_id=None, kamerstuk=None),
        "restates",
    ),
    (
        "a successor at the same ministry carries the promise on",
        promise("Zoals toegezegd rapporteer ik u twee keer per jaar over de aanpak van mensenhandel."),
        earlier(minister="teeven"),
        "restates",
    ),
    (
        "a promise fulfilled after the letter was still open when it was written",
        promise("Zoals toegezegd rapporteer ik u twee keer per jaar over de aanpak van mensenhandel."),
        earlier(status="fulfilled", fulfilled_on=date(2016, 9, 1)),
        "restates",
    ),
    (
        "what the letter holds is no delivery (zoals die hierna in deze brief worden beschreven)",
        promise(
            "Wanneer er meer bekend is, zal ik de Kamer direct informeren.",
            "Zoals aangegeven in mijn brief van 7 maart onderzoek ik de aanpak van mensenhandel. De "
            "uitkomst kan van invloed zijn op de aanpak van mensenhandel, zoals die hierna in deze brief "
            "wordt beschreven. ",
        ),
        earlier("Ik onderzoek de aanpak van mensenhandel en informeer de Kamer over de uitkomst."),
        "restates",
    ),
    (
        "a restatement of a promise already fulfilled",
        promise("Zoals toegezegd rapporteer ik u twee keer per jaar over de aanpak van mensenhandel."),
        earlier(status="fulfilled", fulfilled_on=date(2016, 3, 20)),
        "closed",
    ),
    (
        "a promise that lapsed",
        promise("Zoals toegezegd rapporteer ik u twee keer per jaar over de aanpak van mensenhandel."),
        earlier(status="lapsed"),
        "closed",
    ),
    (
        "another minister of another ministry",
        promise("Zoals toegezegd rapporteer ik u twee keer per jaar over de aanpak van mensenhandel."),
        earlier(ministry=IENM, minister="mansveld"),
        "another minister",
    ),
    (
        "a letter that fulfils: met deze brief kom ik mijn toezegging na",
        promise(
            "Ik zal u voor de zomer informeren over de vervolgstappen in de aanpak van mensenhandel.",
            "Met deze brief kom ik mijn toezegging na om u te rapporteren over de voortgang van de aanpak "
            "van mensenhandel. ",
        ),
        earlier(),
        "fulfils",
    ),
    (
        "a letter that fulfils: hierbij zend ik u, zoals toegezegd",
        promise(
            "Ik zal uw Kamer voor het zomerreces een reactie op de voortgangsrapportage doen toekomen.",
            "Hierbij zend ik u, zoals toegezegd, de voortgangsrapportage over de aanpak van mensenhandel. ",
        ),
        earlier(),
        "fulfils",
    ),
    (
        "a delivery between the reference and the promise",
        promise(
            "Voor de zomer informeer ik u over de vervolgstappen.",
            "Ik heb u toegezegd te rapporteren over de voortgang van de aanpak van mensenhandel. Hierbij "
            "ontvangt u die rapportage. ",
        ),
        earlier(),
        "fulfils",
    ),
    (
        "a motion quoted is a request, not an earlier promise",
        promise(
            "Ik zal u twee keer per jaar rapporteren over de voortgang van de aanpak van mensenhandel.",
            "In de motie van het lid Segers wordt de regering verzocht twee keer per jaar te rapporteren "
            "over de voortgang van de aanpak van mensenhandel. ",
        ),
        earlier(),
        "no reference",
    ),
    (
        "the same promise made anew, without referring back",
        promise("Ik zal u twee keer per jaar rapporteren over de voortgang van de aanpak van mensenhandel."),
        earlier(),
        "no reference",
    ),
    (
        "the reference is about one thing, the promise about another",
        promise(
            "Daarnaast zal ik u voor de zomer informeren over de gezinshuizen, de pleegzorg en de gesloten "
            "jeugdhulp in Caribisch Nederland.",
            "Zoals toegezegd rapporteer ik u over de voortgang van de aanpak van mensenhandel. ",
        ),
        earlier(),
        "another subject",
    ),
    (
        "a reference to an earlier promise on another subject",
        promise("Zoals toegezegd informeer ik u voor de zomer over de evaluatie van de spoorveiligheid."),
        earlier(),
        "another subject",
    ),
    (
        "a commitment made after the letter",
        promise("Zoals toegezegd rapporteer ik u twee keer per jaar over de aanpak van mensenhandel."),
        earlier(made_on=date(2016, 5, 1)),
        "later",
    ),
    (
        "the letter's own promise",
        promise("Zoals toegezegd rapporteer ik u twee keer per jaar over de aanpak van mensenhandel."),
        earlier(document_id="doc-april"),
        "same letter",
    ),
]


@pytest.mark.parametrize(("_name", "p", "c", "reason"), CASES, ids=[case[0] for case in CASES])
def test_a_promise_restates_an_earlier_one_only_as_a_reader_would_say(
    _name: str, p: Restating, c: CommitmentFacts, reason: str
) -> None:
    verdict = judge(p, c)
    assert verdict.reason == reason
    assert verdict.restates is (reason == "restates")


def test_a_citation_of_where_it_was_made_is_a_reference_and_shows_in_the_signals() -> None:
    p = promise(
        "In de rapportage (Kamerstuk 28 638, nr. 140) rapporteer ik u over de aanpak van mensenhandel."
    )
    assert not p.cue
    verdict = judge(p, earlier())
    assert verdict.restates and verdict.cited
    assert "kst:28638-140" in verdict.signals


def test_of_two_earlier_promises_that_fit_about_equally_none_is_chosen() -> None:
    p = promise("Zoals toegezegd rapporteer ik u twee keer per jaar over de aanpak van mensenhandel.")
    twin = earlier(id=2, document_id="doc-februari", made_on=date(2016, 2, 1), kamerstuk="28638-139")
    assert judge(p, earlier()).restates and judge(p, twin).restates
    assert restated(p, [earlier(), twin]) is None


def test_the_earlier_promise_the_letter_cites_is_chosen_over_one_it_only_shares_words_with() -> None:
    p = promise(
        "Zoals toegezegd in mijn brief van 7 maart 2016 rapporteer ik u twee keer per jaar over de "
        "aanpak van mensenhandel."
    )
    other = earlier(id=2, document_id="doc-februari", made_on=date(2016, 2, 1), kamerstuk="28638-139")
    verdict = restated(p, [other, earlier()])
    assert verdict is not None and verdict.commitment_id == 1 and "letter:2016-03-07" in verdict.signals


def test_the_lead_in_runs_back_to_the_sentence_that_refers_to_the_earlier_promise() -> None:
    before = (
        "De aanpak loopt goed. Ik heb u toegezegd de brief in maart te sturen. Dat is niet gelukt. "
        "Het onderzoek vraagt meer tijd. "
    )
    assert lead_in(before) == (
        "Ik heb u toegezegd de brief in maart te sturen.",
        "Dat is niet gelukt.",
        "Het onderzoek vraagt meer tijd.",
    )
    assert lead_in("Ik heb u toegezegd de brief te sturen. " + "Zin zonder verwijzing. " * 4) == ()
    assert lead_in("De aanpak loopt goed. Het onderzoek vraagt meer tijd. ") == ()


def test_a_promise_that_refers_back_itself_still_takes_its_subject_from_the_sentence_before() -> None:
    p = promise(
        "Zoals toegezegd informeer ik u daarover voor het kerstreces.",
        "Tijdens het debat heb ik toegezegd u te informeren over de voortgang van de aanpak van "
        "mensenhandel. ",
    )
    assert judge(p, earlier()).restates


def deadline(text: str, due: date | None, kind: str | None, earliest: date | None = None) -> Deadline:
    return Deadline(text=text, start=0, end=len(text), due=due, earliest=earliest, kind=kind)


MAART = deadline("in maart 2016", date(2016, 3, 31), "month")
DEADLINES = [
    ("a later date moves it", MAART, deadline("voor de zomer", date(2016, 7, 7), "recess"), False, True),
    (
        "a date where none was",
        deadline("", None, None),
        deadline("in mei", date(2016, 5, 31), "month"),
        False,
        True,
    ),
    ("no date keeps the one held", MAART, deadline("zo spoedig mogelijk", None, "vague"), False, False),
    (
        "the same date changes nothing",
        MAART,
        deadline("eind maart", date(2016, 3, 31), "month"),
        False,
        False,
    ),
    (
        "a narrower, earlier date moves it",
        deadline("voor de zomer", date(2016, 7, 7), "recess"),
        deadline("in mei", date(2016, 5, 31), "month"),
        False,
        True,
    ),
    (
        "a vaguer period holding the date keeps it",
        deadline("op 15 maart 2016", date(2016, 3, 15), "explicit"),
        deadline("in 2016", date(2016, 12, 31), "year"),
        False,
        False,
    ),
    (
        "the spring holding March keeps March",
        MAART,
        deadline("in het voorjaar", date(2016, 5, 31), "season"),
        False,
        False,
    ),
    (
        "a postponement moves it even so",
        MAART,
        deadline("in het voorjaar", date(2016, 5, 31), "season"),
        True,
        True,
    ),
    (
        "a later year is no vaguer version of the date",
        MAART,
        deadline("in 2017", date(2017, 12, 31), "year"),
        False,
        True,
    ),
]


@pytest.mark.parametrize(
    ("_name", "held", "said", "postponed", "moves"), DEADLINES, ids=[d[0] for d in DEADLINES]
)
def test_a_restatement_moves_the_deadline_unless_it_is_vaguer_or_says_none(
    _name: str, held: Deadline, said: Deadline, postponed: bool, moves: bool
) -> None:
    assert (new_deadline(held, said, postponed=postponed) is said) is moves


@needs_shared
def test_on_the_dev_sets_real_letters_every_merge_is_right() -> None:
    """The real letters restating earlier promises (evaluation/restatements): no promise is kept with the
    wrong commitment, and at least the four found when the rule was written are merged."""
    result = score()
    assert result.wrong == []
    assert len(result.right) >= 4
