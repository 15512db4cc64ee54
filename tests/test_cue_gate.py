"""The cheap tests before the commitment rules never turn away a sentence a rule would match."""

from __future__ import annotations

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


def test_every_rule_lends_a_test_it_needs_to_the_gate() -> None:
    assert set(X._GATE_TEST) == {rule for rule, _, _ in X._COMMIT_RULES}
    for rule, test in X._GATE_TEST.items():
        if test == "word":
            assert rule in X._NEEDS_WORD
        elif test == "part":
            assert rule in X._NEEDS or rule in X._NEEDS_VERB
        else:
            assert rule in X._NEEDS_ALSO_PARTS


@pytest.mark.skipif(not DOCS, reason="no documents at hand")
def test_the_gate_never_turns_away_a_sentence_a_rule_matches() -> None:
    # (the rules' own cheap tests are not all exact: C-ER-KOMT's "… naar de Kamer gaat" lacks its words)
    seen = 0
    for path in DOCS:
        for unit in X._units(read_document(path.read_bytes(), path.name)):
            low = X._without_asides(unit.sentence.text.lower())
            words = set(X._WORD.findall(low))
            for rule, _, pattern, needs_word, needs_part, needs_also in X._COMMIT_CHECKS:
                if not pattern.search(low):
                    continue
                if (
                    (needs_word is None or not words.isdisjoint(needs_word))
                    and (needs_part is None or needs_part.search(low))
                    and (needs_also is None or needs_also.search(low))
                ):
                    seen += 1
                    assert X._CUE_GATE.search(low), (rule, low)
    assert seen > 100


def test_trie_finds_the_same_parts() -> None:
    parts = ("verwacht", "verwachten", "ver", "gaan", "ga", "zeg")
    rx = X._any_of(parts)
    for text in ("verder", "ga", "g", "zegt", "ve", "vergaan", "", "zee"):
        assert bool(rx.search(text)) == any(p in text for p in parts), text
