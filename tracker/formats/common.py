"""What the format readers share: decoding, mojibake repair, dates in Dutch text, text with segments."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import cast

from lxml import etree

from tracker.lexicon import MONTH_NAMES, MONTHS
from tracker.source import Segment, UnreadableDocument

_MONTH = "(?P<month>" + MONTH_NAMES + ")"
_DAY_MONTH_YEAR = r"(?P<day>\d{1,2})\s+" + _MONTH + r"\s+(?P<year>(?:19|20)\d\d)\b"

# Where a letter states its own date, most specific first ("Vergaderjaar 2014–2015" gives no day).
_DATE_LINES = [
    re.compile(r"(?:Den\s+Haag|'s-Gravenhage)\s*,?\s+" + _DAY_MONTH_YEAR, re.IGNORECASE),
    re.compile(r"^[ \t]*Datum(?:\s+brief)?[ \t]*:?\s*" + _DAY_MONTH_YEAR, re.IGNORECASE | re.MULTILINE),
    re.compile(r"^[ \t]*Vastgesteld[ \t]+" + _DAY_MONTH_YEAR, re.IGNORECASE | re.MULTILINE),
    re.compile(r"\(ontvangen\s+" + _DAY_MONTH_YEAR + r"\)", re.IGNORECASE),
    # a letterhead's row of labels with the values after them: "Datum Bijlage(n) 16 juni 2008 - Ons kenmerk"
    re.compile(r"^[^\n]{0,40}?\bDatum\b[^\n\d]{0,40}?" + _DAY_MONTH_YEAR, re.IGNORECASE | re.MULTILINE),
    # the date alone on its line, below the addressee ("De Voorzitter van de … commissie\n\n12 januari 2000")
    re.compile(r"^[ \t]*" + _DAY_MONTH_YEAR + r"[ \t]*$", re.IGNORECASE | re.MULTILINE),
]
_NUMERIC_DATE_LINE = re.compile(
    r"^[ \t]*(?:Document)?datum(?:\s+brief)?[ \t]*:?[ \t]*"
    r"(?P<day>\d{1,2})-(?P<month>\d{1,2})-(?P<year>\d{4})\b",
    re.IGNORECASE | re.MULTILINE,
)
_LETTER_MARKS = re.compile(
    r"BRIEF VAN|Aan de Voorzitter van de|Geachte voorzitter"
    # the addressee on its own line: "De Voorzitter van de Tweede Kamer / van de vaste commissie voor …"
    r"|^[ \t]*De\s+Voorzitter\s+van\s+de\s+(?:Tweede\s+Kamer|Eerste\s+Kamer|vaste\s+commissie)",
    re.IGNORECASE | re.MULTILINE,
)

# A letter states its date near the top; looking further only finds dates the letter talks about.
HEAD_CHARS = 10_000


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_letter_date(text: str) -> date | None:
    """The date a letter states for itself ("Den Haag, 16 december 2014", "Datum 6 december 2018")."""
    head = text[:HEAD_CHARS]
    for pattern in _DATE_LINES:
        for m in pattern.finditer(head):
            found = _safe_date(int(m["year"]), MONTHS[m["month"].lower()], int(m["day"]))
            if found:
                return found
    for m in _NUMERIC_DATE_LINE.finditer(head):
        found = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        if found:
            return found
    return None


def looks_like_letter(text: str) -> bool:
    return bool(_LETTER_MARKS.search(text[:HEAD_CHARS]))


def parse_iso_date(value: str | None) -> date | None:
    """`2014-12-16` (also with a time or zone after it) to a date; None for anything else."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    return _safe_date(int(m[1]), int(m[2]), int(m[3])) if m else None


# --- decoding -------------------------------------------------------------------------------------

# Characters cp1252 (or latin-1, for the bytes cp1252 leaves undefined) shows for UTF-8 continuation bytes.
_CONT = "[\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\x81\x8d\x8f\x90\x9d]"
_MOJIBAKE = re.compile("[\xc2-\xdf]" + _CONT + "|[\xe0-\xef]" + _CONT + "{2}|[\xf0-\xf4]" + _CONT + "{3}")


def _unmangle(m: re.Match[str]) -> str:
    s = m.group()
    raw = bytes(ord(c) if ord(c) < 0x100 else c.encode("cp1252")[0] for c in s)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return s


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as latin-1/cp1252 ("geÃ¯nformeerd" → "geïnformeerd"); leaves other text alone."""
    if text.isascii() or not _MOJIBAKE.search(text):
        return text  # the usual, clean input, unchanged
    return _MOJIBAKE.sub(_unmangle, text).replace("\ufeff", "")


# cp1252 differs from latin-1 only in 0x80-0x9f; the five bytes it leaves undefined keep latin-1's meaning.
_CP1252 = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def decode_text(data: bytes) -> str:
    """Bytes of a text file to str: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableDocument("broken UTF-16 text") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1").translate(_CP1252)


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def check_is_text(text: str) -> None:
    """Raise `UnreadableDocument` for binary data that happened to decode."""
    sample = text[:65536]
    if "\x00" in sample:
        raise UnreadableDocument("binary data, not text (NUL bytes)")
    if sample and len(_CONTROL.findall(sample)) > len(sample) / 100:
        raise UnreadableDocument("binary data, not text (control characters)")


# --- building text with segments ------------------------------------------------------------------


def fold_space(text: str) -> str:
    # str.split() splits on exactly what the regex `\s+` matches, and is several times faster.
    return " ".join(text.split())


class TextBuilder:
    """Joins blocks into one text with a blank line between them and records a `Segment` for each block."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.segments: list[Segment] = []

    def add(
        self,
        block: str,
        kind: str = "paragraph",
        speaker: str | None = None,
        speaker_role: str | None = None,
        chair_list: bool = False,
    ) -> None:
        """Append a block (white space folded); empty blocks are dropped."""
        block = fold_space(block)
        if not block:
            return
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        start = self._length
        self._parts.append(block)
        self._length += len(block)
        self.segments.append(Segment(start, self._length, kind, speaker, speaker_role, chair_list))

    def mark(self) -> int:
        """Where the next block will start."""
        return self._length + 2 if self._parts else 0

    def span(self, start: int, kind: str, speaker: str | None, speaker_role: str | None) -> None:
        """A segment from `start` (a `mark()`) to the end of the text (e.g. a speaker's whole turn)."""
        if start < self._length:
            self.segments.append(Segment(start, self._length, kind, speaker, speaker_role))

    def text(self) -> str:
        return "".join(self._parts)


# --- XML ----------------------------------------------------------------------------------------------


# libxml2's words when it refuses to expand entities further: an amplification limit or a reference loop.
_ENTITY_BOMB = re.compile(r"(?i)entity\s+amplification|entity\s+reference\s+loop|entities\s+.*exceeded")


def _parser(recover: bool) -> etree.XMLParser:
    # No entity expansion, no DTD loading, no network, default size limits: safe against XXE and entity bombs.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, recover=recover
    )


def _strip_lead(data: bytes) -> bytes:
    """Drop what may precede the XML declaration: BOMs (also a BOM turned mojibake) and white space."""
    for lead in (b"\xef\xbb\xbf", b"\xc3\xaf\xc2\xbb\xc2\xbf"):
        if data.startswith(lead):
            data = data[len(lead) :]
    return data.lstrip()


def parse_xml(data: bytes) -> tuple[etree._Element, bool]:
    """Parse XML safely; returns the root and whether lxml's recover mode was needed (broken XML)."""
    data = _strip_lead(data)
    try:
        return etree.fromstring(data, _parser(recover=False)), False
    except etree.XMLSyntaxError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "syntax error"
    if _ENTITY_BOMB.search(reason):
        # libxml2 stopped expanding entities (a billion-laughs file): say so, not "nothing readable"
        raise UnreadableDocument(f"refused XML entity expansion (entity bomb): {reason}")
    try:
        root = etree.fromstring(data, _parser(recover=True))
    except etree.XMLSyntaxError:
        root = None
    if root is None or not isinstance(root.tag, str):
        raise UnreadableDocument(f"broken XML: {reason}")
    return root, True


def all_text(el: etree._Element) -> str:
    """All text inside an element (not its tail)."""
    return "".join(cast(Iterator[str], el.itertext()))


def local(tag: object) -> str:
    """The tag name without its namespace; "" for comments and processing instructions."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
