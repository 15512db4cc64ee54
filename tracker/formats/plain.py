"""Plain text (a letter or transcript taken out of a PDF or web page): kept exactly as decoded."""

from __future__ import annotations

import re

from tracker.documents import Segment, SourceText
from tracker.formats.common import (
    check_is_text,
    decode_text,
    find_letter_date,
    looks_like_letter,
    repair_mojibake,
)

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraphs(text: str) -> tuple[Segment, ...]:
    """One segment per stretch of text between blank lines, trimmed of white space."""
    segments = []
    pos = 0
    for m in [*_BLANK_LINES.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + chunk.index(stripped[0])
            segments.append(Segment(start, start + len(stripped), "paragraph"))
        if m:
            pos = m.end()
    return tuple(segments)


def read_plain(data: bytes) -> SourceText:
    # the same newlines as Python's own text mode, so offsets agree with `open(path).read()`
    text = repair_mojibake(decode_text(data)).replace("\r\n", "\n").replace("\r", "\n")
    check_is_text(text)
    found = find_letter_date(text)
    kind = "letter" if found or looks_like_letter(text) else "plain"
    return SourceText(text, kind, found, segments=paragraphs(text))
