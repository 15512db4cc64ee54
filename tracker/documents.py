"""Reading documents into text: plain text, officiële bekendmakingen XML/HTML, VLOS XML, PDF, Word.

Pure: bytes in, `SourceText` out. Offsets in `Segment`s point into `SourceText.text`.
The readers live in `tracker.formats`; this module holds what callers use and picks the reader.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

log = logging.getLogger(__name__)

# Larger inputs are refused rather than read: no Kamerstuk or transcript comes near this.
MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Segment:
    """A stretch of the text with a role: a paragraph, a list item, a speaker's turn, a footnote."""

    start: int
    end: int
    kind: str  # "paragraph" | "list_item" | "footnote" | "heading" | "turn"
    speaker: str | None = None  # for transcripts: "De voorzitter", "Minister Van Weel"
    speaker_role: str | None = None  # "chair" | "minister" | "staatssecretaris" | "member" | None
    chair_list: bool = False  # a list item of the chair's closing list of toezeggingen


@dataclass(frozen=True)
class SourceText:
    text: str
    kind: str  # "letter" | "transcript" | "plain"
    date: date | None = None
    title: str | None = None
    segments: tuple[Segment, ...] = ()
    footnotes: tuple[str, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)


class UnreadableDocument(ValueError):
    """The bytes are not a document we can read (binary, broken beyond repair, empty)."""


def read_document(data: bytes, name: str = "") -> SourceText:
    """Read a document of any supported format; `name` (a file name) hints at the format.

    Raises `UnreadableDocument` with a one-line reason for what cannot be read.
    """
    # The readers import the dataclasses above, so they are imported here, not at the top.
    from tracker.formats.plain import read_plain

    if not data or not data.strip():
        raise UnreadableDocument("empty document")
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(
            f"document too large ({len(data) // 1_000_000} MB; limit {MAX_BYTES // 1_000_000} MB)"
        )
    return read_plain(data)
