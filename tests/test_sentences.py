"""Sentence splitting: abbreviations, footnote markers, headings, broken words, offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.sentences import _INITIALS, ABBREVIATIONS, MAX_SENTENCE, _is_abbreviation, clean, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Zie Kamerstuk 28 638, nr. 108 voor de achtergrond.",
        "Op 23 september jl. is het basisniveau gepresenteerd.",
        "Zoals ik in mijn brief d.d. 23 juni 2014 heb aangegeven, is dat zo.",
        "Dit gebeurt m.b.t. de aanpak van mensenhandel.",
        "Partners zijn o.a. Gemeenten en de politie.",
        "Denk bijv. Aan gemeenten en provincies.",
        "Zie Kamerstukken II 2009/10, 27858, nr. 88, p. 3 voor de tekst.",
        "De heer K.H.D.M. Dijkhoff was staatssecretaris.",
        "Dat staat in art. 15 van het Reglement.",
        "Zij werken o.a. samen i.v.m. de Taskforce.",
        "De motie-Voordewind c.s. Werd aangenomen.",
    ],
)
def test_an_abbreviation_never_ends_a_sentence(text: str) -> None:
    assert texts(text) == [text]


def test_a_date_with_jl_can_end_a_sentence_before_a_sentence_opener_but_not_before_a_name() -> None:
    assert texts("Het overleg was op 9 april jl. Tijdens het debat zei ik dat.") == [
        "Het overleg was op 9 april jl.",
        "Tijdens het debat zei ik dat.",
    ]
    assert texts("In het AO van 3 maart jl. Van der Steur vroeg dat.") == [
        "In het AO van 3 maart jl. Van der Steur vroeg dat."
    ]


def test_a_footnote_marker_glued_to_a_full_stop_ends_the_sentence() -> None:
    assert texts(
        "Met deze brief doe ik mijn toezeggingen gestand.1 Zoals toegezegd stuur ik u het rapport."
    ) == [
        "Met deze brief doe ik mijn toezeggingen gestand.1",
        "Zoals toegezegd stuur ik u het rapport.",
    ]


def test_a_word_broken_across_lines_is_joined_and_offsets_point_into_the_original() -> None:
    text = "Voor de zomer 2015 rapporteer ik middels een voort-\ngangsrapportage over de stappen. Dan meer."
    first, second = split_sentences(text)
    assert first.text == "Voor de zomer 2015 rapporteer ik middels een voortgangsrapportage over de stappen."
    assert text[first.start : first.end].startswith("Voor de zomer") and text[first.end - 1] == "."
    assert "voort-\ngangsrapportage" in text[first.start : first.end]
    assert second.text == "Dan meer."


def test_a_hyphenated_compound_broken_before_a_capital_keeps_its_hyphen() -> None:
    assert texts("Het Aanvullend Actieplan Mkb-\nFinanciering komt er.") == [
        "Het Aanvullend Actieplan Mkb-Financiering komt er."
    ]


def test_a_blank_line_ends_a_heading_without_a_full_stop() -> None:
    assert texts("Conservatoir beslag\n\nTijdens hetzelfde overleg is gevraagd naar beslag.") == [
        "Conservatoir beslag",
        "Tijdens hetzelfde overleg is gevraagd naar beslag.",
    ]


def test_a_short_line_without_punctuation_is_a_heading_in_wrapped_text() -> None:
    text = (
        "Uw Kamer ontvangt hierover een separate Kamerbrief die ik u in het voorjaar zal doen toekomen\n"
        "over de gevolgen van het no-dealscenario voor de afdrachten van Nederland aan de EU.\n"
        "De gevolgen voor de Nederlandse afdrachten\n"
        "De Kamer verzoekt om een overzicht van de gevolgen voor Nederlandse afdrachten van de\n"
        "voorstellen voor het volgend MFK, inclusief de gevolgen van de voorstellen voor fondsen.\n"
    )
    assert "De gevolgen voor de Nederlandse afdrachten" in texts(text)


def test_bullets_start_new_sentences() -> None:
    got = texts("Hoofdpunten van deze brief:\n\n  • Eerste punt zonder punt\n  • Tweede punt.")
    assert got == ["Hoofdpunten van deze brief:", "• Eerste punt zonder punt", "• Tweede punt."]


def test_question_and_exclamation_marks_end_sentences() -> None:
    assert texts("Komt er een brief? Ja! Die komt er.") == ["Komt er een brief?", "Ja!", "Die komt er."]


def test_a_number_after_a_full_stop_does_not_start_a_sentence() -> None:
    assert texts("Het aantal steeg tot 7.033 keer in 2014.") == ["Het aantal steeg tot 7.033 keer in 2014."]


def test_a_stretch_of_the_text_is_split_with_offsets_into_the_whole() -> None:
    text = "Eerste zin. Tweede zin. Derde zin."
    got = split_sentences(text, 12, 23)
    assert [(s.start, s.end, s.text) for s in got] == [(12, 23, "Tweede zin.")]


def test_white_space_is_folded_in_the_reported_text() -> None:
    assert clean("  Ik   zal\u00a0u\n informeren. ") == "Ik zal u informeren."


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Z", "Cc"]), max_size=400))
def test_splitting_never_crashes_and_spans_slice_back(text: str) -> None:
    previous_end = 0
    for s in split_sentences(text):
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= previous_end
        previous_end = s.end
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        assert clean(text[s.start : s.end]) == s.text


@given(
    st.lists(st.sampled_from(["Ik zal u informeren.", "Zie nr. 5 en p. 3.", "Kop", "\n\n", "gestand.1", " "]))
)
def test_sentences_cover_every_word(parts: list[str]) -> None:
    text = " ".join(parts)
    words = "".join(s.text for s in split_sentences(text)).replace(" ", "")
    assert words == "".join(text.split())


def test_a_megabyte_without_punctuation_is_cut_at_white_space_into_short_pieces() -> None:
    words = [f"woord{i % 97}" for i in range(125_000)]
    text = " ".join(words)
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(s.end - s.start <= MAX_SENTENCE for s in sentences)
    assert " ".join(s.text for s in sentences).split() == words


def test_a_long_run_without_white_space_is_cut_at_the_cap() -> None:
    text = "a" * (2 * MAX_SENTENCE + 10)
    assert [(s.start, s.end) for s in split_sentences(text)] == [
        (0, MAX_SENTENCE),
        (MAX_SENTENCE, 2 * MAX_SENTENCE),
        (2 * MAX_SENTENCE, len(text)),
    ]


def test_a_sentence_under_the_cap_is_not_cut() -> None:
    sentence = "Ik zal " + "de " * ((MAX_SENTENCE - 30) // 3) + "Kamer informeren."
    assert texts(sentence) == [sentence]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \n\tnr.jlabAK(«1", max_size=40), st.integers(min_value=0, max_value=40))
def test_the_token_before_a_full_stop_is_read_as_the_pattern_reads_it(text: str, dot: int) -> None:
    dot = min(dot, len(text))
    m = re.compile(r"(\S+)$").search(text, max(0, dot - 20), dot)
    token = m.group(1).lstrip("(«“\"'[").lower() if m else None
    expected = token is not None and (token in ABBREVIATIONS or _INITIALS.fullmatch(token) is not None)
    assert _is_abbreviation(text, dot) == expected
