"""Reading documents into text with segments: plain text, officiële bekendmakingen, VLOS, PDF, Word."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import DEVSET
from tracker.documents import UnreadableDocument, read_document

DEVSET_DOCS = sorted((DEVSET / "docs").glob("*.txt"))


def _devset_date(path: Path) -> date | None:
    stated = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["date"]
    return date.fromisoformat(stated) if stated else None


# --- plain text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DEVSET_DOCS, ids=lambda p: p.stem)
def test_a_devset_letter_gives_the_date_its_label_states(path: Path) -> None:
    assert read_document(path.read_bytes(), path.name).date == _devset_date(path)


@pytest.mark.parametrize("path", DEVSET_DOCS, ids=lambda p: p.stem)
def test_plain_text_is_kept_exactly_as_python_reads_it(path: Path) -> None:
    assert read_document(path.read_bytes(), path.name).text == path.read_text(encoding="utf-8")


def test_the_seed_letter_is_a_letter_in_paragraphs() -> None:
    path = DEVSET / "docs" / "kst-28638-128.txt"
    doc = read_document(path.read_bytes(), path.name)
    assert doc.kind == "letter"
    texts = [doc.text[s.start : s.end] for s in doc.segments]
    assert texts[0] == "Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2014–2015"
    assert "Den Haag, 16 december 2014" in texts
    assert all(s.kind == "paragraph" for s in doc.segments)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Den Haag, 16 december 2014\n\nGeachte voorzitter,", date(2014, 12, 16)),
        ("'s-Gravenhage, 3 januari 1999\n", date(1999, 1, 3)),
        ("Datum 6 december 2018\nBetreft Toezeggingen\n", date(2018, 12, 6)),
        ("Datum\n6 december 2018\nBetreft Toezeggingen\n", date(2018, 12, 6)),
        ("Vastgesteld 2 september 2022\n", date(2022, 9, 2)),
        ("Antwoord van minister X (ontvangen 17 juni 2021).\n", date(2021, 6, 17)),
        ("Documentdatum 12-03-2024\n", date(2024, 3, 12)),
        ("Vergaderjaar 2014–2015\n\n28 638 Mensenhandel\n", None),
        ("Den Haag, 31 februari 2014\n", None),
        ("Op 8 november 2018 vond het overleg plaats.\n", None),
    ],
)
def test_the_date_a_letter_states_for_itself(head: str, expected: date | None) -> None:
    assert read_document(head.encode(), "brief.txt").date == expected


@pytest.mark.parametrize(
    "data",
    [
        "Den Haag, 16 december 2014\n\ngeïnformeerd".encode(),
        "\ufeffDen Haag, 16 december 2014\n\ngeïnformeerd".encode(),
        "Den Haag, 16 december 2014\n\ngeïnformeerd".encode("cp1252"),
        "Den Haag, 16 december 2014\n\ngeïnformeerd".encode("utf-16"),
        "Den Haag, 16 december 2014\n\ngeïnformeerd".encode().decode("latin-1").encode(),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "utf16", "mojibake"],
)
def test_plain_text_is_decoded_whatever_its_encoding(data: bytes) -> None:
    doc = read_document(data, "brief.txt")
    assert doc.text == "Den Haag, 16 december 2014\n\ngeïnformeerd"
    assert doc.date == date(2014, 12, 16)
    assert [doc.text[s.start : s.end] for s in doc.segments] == ["Den Haag, 16 december 2014", "geïnformeerd"]


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (bytes(range(256)) * 10, "binary"),
    ],
)
def test_unreadable_input_says_why_in_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match=reason) as info:
        read_document(data, "x.txt")
    assert "\n" not in str(info.value)
