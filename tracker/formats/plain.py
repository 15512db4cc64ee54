"""Plain text (a letter or transcript taken out of a PDF or web page): kept exactly as decoded."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from tracker.formats.common import (
    check_is_text,
    decode_text,
    find_letter_date,
    looks_like_letter,
    repair_mojibake,
)
from tracker.source import Segment, SourceText

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


# The chair announces her closing list ("De toezeggingen.", "Ik heb de volgende toezeggingen genoteerd") and
# closes it ("Dat waren de toezeggingen", "Daarmee zijn we aan het einde gekomen").
_ANNOUNCEMENT = re.compile(r"\btoezeggingen\b|\btoezegging(?:en)?\s+genoteerd", re.IGNORECASE)
_CLOSE = re.compile(
    r"\b(?:dat\s+waren|daarmee\s+(?:zijn|komen)\s+we\s+(?:\S+\s+)?aan\s+het\s+einde|hiermee\s+zijn|"
    r"sluit\s+ik|aan\s+het\s+einde\s+gekomen)\b",
    re.IGNORECASE,
)
_NUMBER = (
    r"(?:[Pp]unt\s+)?(?:[Ee]én|[Tt]wee|[Dd]rie|[Vv]ier|[Vv]ijf|[Zz]es|[Zz]even|[Aa]cht|[Nn]egen|[Tt]ien|[Ee]lf|"
    r"[Tt]waalf|\d{1,2})[.:)]"
)
_NUMBERED = re.compile(_NUMBER + r"\s")
# "Eén. De minister … Twee. De Kamer …" in one paragraph: an item starts at each number.
_NEXT_NUMBER = re.compile(r"(?<=[.!?])\s+(?=" + _NUMBER + r"\s+[A-Z])")
# An unnumbered item reads like a register entry: the minister in the third person, or the Kamer receiving,
# with a verb of promising or delivering ("Het woord is aan de minister", "Er wordt instemmend geknikt vanuit
# de hoek van de minister" are no items).
_ITEM = re.compile(
    r"\b(?:de\s+(?:minister(?:-president)?|staatssecretaris|bewindspersoon|bewindslieden|kamer|commissie)|"
    r"het\s+kabinet|de\s+regering)\b",
    re.IGNORECASE,
)
_ITEM_VERB = re.compile(
    r"\b(?:zal|zullen|zegt|zeggen|toe|toegezegd|stuurt|sturen|informeert|informeren|komt|komen|ontvangt|krijgt|"
    r"gaat|gaan|neemt|brengt|bekijkt|onderzoekt|kijkt|deelt|licht|houdt|geeft|verkent|zorgt|vraagt)\b",
    re.IGNORECASE,
)
# or a passive delivery: "Het onderwerp start-ups wordt meegenomen in de voortgangsbrief NTS"
_PASSIVE_ITEM = re.compile(
    r"\b(?:wordt|worden|zal|zullen)\b.{0,160}\b(?:meegenomen|gestuurd|toegestuurd|toegezonden|geïnformeerd|"
    r"gedeeld|verzonden|aangeboden)\b",
    re.IGNORECASE,
)

# "We gaan de toezegging aanpassen naar hoe de staatssecretaris het zegt": the chair about her list.
_FIRST_PERSON = re.compile(r"(?:Ik|We|Wij)\b")


def chair_list(text: str, segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """Mark the items of the chair's closing list, as the VLOS reader does: after the chair announces the
    toezeggingen, each numbered paragraph ("Eén. …", "Punt vier. …"; several in one paragraph are split) or,
    in a list without numbers, each paragraph that reads like a register entry, until she closes the list.
    Her questions and remarks in between ("Check.", "Klopt dat?") are no items."""
    paragraphs = [s for s in segments if s.kind == "paragraph" and s.speaker_role == "chair"]
    if not any(_ANNOUNCEMENT.search(text, s.start, s.end) for s in paragraphs):
        return segments
    items: dict[int, list[Segment]] = {}
    candidates: list[Segment] = []
    in_list = False
    for s in sorted(paragraphs, key=lambda s: s.start):
        chunk = text[s.start : s.end]
        if _CLOSE.search(chunk):
            in_list = False
        elif _ANNOUNCEMENT.search(chunk):
            in_list = True
        elif in_list and "?" not in chunk:
            candidates.append(s)
    numbered = any(_NUMBERED.match(text, s.start) for s in candidates)
    for s in candidates:
        if numbered and not _NUMBERED.match(text, s.start):
            continue
        register_like = (
            _ITEM.search(text, s.start, s.end) and _ITEM_VERB.search(text, s.start, s.end)
        ) or _PASSIVE_ITEM.search(text, s.start, s.end)
        if not numbered and (not register_like or _FIRST_PERSON.match(text, s.start)):
            continue
        cuts = [s.start, *(s.start + m.end() for m in _NEXT_NUMBER.finditer(text[s.start : s.end])), s.end]
        items[s.start] = [
            Segment(a, a + len(text[a:b].rstrip()), "list_item", s.speaker, s.speaker_role, True)
            for a, b in pairwise(cuts)
        ]
    out: list[Segment] = []
    for s in segments:
        if s.kind == "paragraph" and s.speaker_role == "chair" and s.start in items:
            out.extend(items[s.start])
        else:
            out.append(s)
    return tuple(out)


def read_plain(data: bytes) -> SourceText:
    # the same newlines as Python's own text mode, so offsets agree with `open(path).read()`
    text = repair_mojibake(decode_text(data)).replace("\r\n", "\n").replace("\r", "\n")
    check_is_text(text)
    found = find_letter_date(text)
    segments = paragraphs(text)
    with_turns = turns(text, segments)
    if with_turns:
        with_list = chair_list(text, with_turns)
        return SourceText(text, "transcript", found, segments=with_list, meta={"format": "plain"})
    kind = "letter" if found or looks_like_letter(text) else "plain"
    return SourceText(text, kind, found, segments=segments, meta={"format": "plain"})
