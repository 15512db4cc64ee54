"""Plain text (a letter or transcript taken out of a PDF or web page): kept exactly as decoded."""

from __future__ import annotations

import re
from dataclasses import replace

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


# A speaker line of a transcript printed as text: "De voorzitter:", "De heer Voordewind (ChristenUnie):".
_SPEAKER_LINE = re.compile(
    r"(?P<name>De voorzitter|(?:De heer|Mevrouw|Minister-president|Minister|Staatssecretaris)"
    r" [^\n:()]{1,60}?)"
    r"\s*(?:\([^\n()]{1,40}\))?:"
)


def speaker_role(name: str) -> str:
    lowered = name.lower()
    if lowered == "de voorzitter":
        return "chair"
    for role in ("minister-president", "minister", "staatssecretaris"):
        if lowered.startswith(role):
            return role
    return "member"


def turns(text: str, segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """Speaker turns in a transcript kept as text: from a speaker line to the next; () when there are none."""
    starts = []
    for i, s in enumerate(segments):
        m = _SPEAKER_LINE.fullmatch(text, s.start, s.end)
        if m:
            starts.append((i, m["name"]))
    if len(starts) < 2:
        return ()
    out = []
    for n, (i, name) in enumerate(starts):
        last = (starts[n + 1][0] if n + 1 < len(starts) else len(segments)) - 1
        role = speaker_role(name)
        inner = [replace(s, speaker=name, speaker_role=role) for s in segments[i : last + 1]]
        out.append(Segment(segments[i].start, segments[last].end, "turn", name, role))
        out.extend(inner)
    return (*segments[: starts[0][0]], *out)


def read_plain(data: bytes) -> SourceText:
    # the same newlines as Python's own text mode, so offsets agree with `open(path).read()`
    text = repair_mojibake(decode_text(data)).replace("\r\n", "\n").replace("\r", "\n")
    check_is_text(text)
    found = find_letter_date(text)
    segments = paragraphs(text)
    with_turns = turns(text, segments)
    if with_turns:
        return SourceText(text, "transcript", found, segments=with_turns, meta={"format": "plain"})
    kind = "letter" if found or looks_like_letter(text) else "plain"
    return SourceText(text, kind, found, segments=segments, meta={"format": "plain"})
