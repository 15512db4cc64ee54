"""The cheap tests before the commitment rules never turn away a sentence a rule would match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tracker import extract as X
from tracker.documents import read_document

ROOT = Path(__file__).resolve().parent.parent
DOCS = [
    *sorted((ROOT.parent / "shared" / "devset" / "docs").glob("*.txt")),
    *sorted((ROOT / "evaluation" / "heldout" / "docs").glob("*.txt")),
    *sorted((ROOT / "evaluation" / "heldout2" / "docs").glob("*.txt")),
]


def _sentences() -> list[str]:
    return [
        X._without_asides(unit.sentence.text.lower())
        for path in DOCS
        for unit in X._units(read_document(path.read_bytes(), path.name))
    ]


def test_every_rule_lends_a_test_it_needs_to_the_gate() -> None:
    assert set(X._GATE_TEST) == {rule for rule, _, _ in X._COMMIT_RULES}
    for rule in X._GATE_TEST:
        assert X._gate_test(rule) in X._RULE_TESTS[rule], rule
        assert X._gate_test(rule) <= X._CUE_GATE


@pytest.mark.skipif(not DOCS, reason="no documents at hand")
def test_the_gate_never_turns_away_a_sentence_a_rule_matches() -> None:
    seen = 0
    lows = _sentences()
    for low, literals in zip(lows, X._literals(lows), strict=True):
        passed = X._passed(literals, X._PASSES)
        for rule, _, pattern, needs in X._COMMIT_CHECKS:
            # the bits say what the sets say
            assert (passed & needs == needs) == all(not literals.isdisjoint(t) for t in X._RULE_TESTS[rule])
            if pattern.search(low) and passed & needs == needs:
                seen += 1
                assert not literals.isdisjoint(X._CUE_GATE), (rule, low)
    assert seen > 100


@pytest.mark.skipif(not DOCS, reason="no documents at hand")
def test_a_rule_never_matches_a_sentence_its_cheap_tests_turn_away() -> None:
    lows = _sentences()
    seen = 0
    for low, literals in zip(lows, X._literals(lows), strict=True):
        for rule, _, pattern, _ in X._COMMIT_CHECKS:
            if pattern.search(low):
                seen += 1
                assert all(not literals.isdisjoint(test) for test in X._RULE_TESTS[rule]), (rule, low)
    assert seen > 100


@pytest.mark.skipif(not DOCS, reason="no documents at hand")
def test_a_fulfilment_pattern_never_matches_a_sentence_its_cheap_tests_turn_away() -> None:
    lows = [
        unit.sentence.text.lower() for path in DOCS for unit in X._units(read_document(path.read_bytes()))
    ]
    seen = 0
    for low, literals in zip(lows, X._literals(lows), strict=True):
        passed = X._passed(literals, X._F_PASSES)
        for rule, pattern, needs in X._F_CHECKS:
            if pattern.search(low):
                seen += 1
                assert not literals.isdisjoint(X._F_NEEDS), (rule, low)
                assert passed & needs == needs, (rule, low)
                assert rule not in X._F_RULE_NEEDS or not literals.isdisjoint(X._F_RULE_NEEDS[rule])
    assert seen > 30


@pytest.mark.skipif(not DOCS, reason="no documents at hand")
def test_postponements_and_asides_are_never_turned_away_by_their_quick_tests() -> None:
    lows = [
        unit.sentence.text.lower()
        for path in DOCS
        for unit in X._units(read_document(path.read_bytes(), path.name))
    ]
    seen = 0
    for low, literals in zip(lows, X._literals(lows), strict=True):
        if X.POSTPONE.search(low):
            seen += 1
            assert not literals.isdisjoint(X._POSTPONE_NEEDS), low
            assert not literals.isdisjoint(X._POSTPONE_NEEDS_ALSO), low
        if X.DELAY.search(low):
            assert not literals.isdisjoint(X._DELAY_NEEDS), low
        if X._ASIDE.search(low):
            assert not literals.isdisjoint(X._ASIDE_NEEDS), low
    assert seen > 5


@pytest.mark.skipif(not DOCS, reason="no documents at hand")
def test_the_literals_are_found_exactly_where_they_stand() -> None:
    lows = _sentences()
    tests = [test for tests in X._RULE_TESTS.values() for test in tests]
    literals = frozenset().union(
        X._CUE_GATE,
        *tests,
        X._F_NEEDS,
        X._POSTPONE_NEEDS,
        X._POSTPONE_NEEDS_ALSO,
        X._DELAY_NEEDS,
        X._ASIDE_NEEDS,
    )
    parts = {literal for literal in literals if literal[0] not in "=~"}
    words = {literal[1:] for literal in literals if literal[0] == "="}
    bounded = {literal[1:] for literal in literals if literal[0] == "~"}
    assert "zeg" in parts and "zal" in words and "stuur" in bounded
    for low, found in zip(lows, X._literals(lows), strict=True):
        assert {p for p in parts if p in low} == found & parts, low
        tokens = set(re.findall(r"[\w-]+", low))
        assert {w for w in words if w in tokens} == {f[1:] for f in found if f[0] == "="}, low
        in_bounds = {w for w in bounded if re.search(rf"\b{w}\b", low)}
        assert in_bounds == {f[1:] for f in found if f[0] in "=~"} & bounded, low


def test_words_are_told_apart_from_parts_of_words() -> None:
    [found] = X._literals(["ik zal het ga-pad, (gaan) en ga-ga niet-zal stuur-"])
    assert "=zal" in found and "=gaan" in found and "=ga" not in found and "~ga" in found
    assert "~stuur" in found and "=stuur" not in found and "niet" in found
    # the texts of one pass stay apart: "zal" ends the first, and no part runs on into the next
    first, second = X._literals(["dat zal", "len ga"])
    assert "=zal" in first and "=zal" not in second and "=ga" in second


def test_any_character_but_a_letter_digit_or_hyphen_ends_a_word() -> None:
    [found] = X._literals(["«zal» u’ €kan (wil)\ud800ga\u2013 ik/we g\u00e9\u00e9n"])
    assert {"=zal", "=u", "=kan", "=wil", "=ga", "=ik", "=we"} <= found
