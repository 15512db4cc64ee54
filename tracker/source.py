"""The types every document reader produces and every caller reads: a leaf module.

`tracker.documents` (which picks a reader) and the readers in `tracker.formats` both import these, so neither
imports the other back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Larger inputs are refused rather than read: no Kamerstuk or transcript comes near this.
MAX_BYTES = 40_000_000


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
