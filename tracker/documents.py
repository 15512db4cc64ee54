"""Reading documents into text: plain text, officiële bekendmakingen XML/HTML, VLOS XML, PDF, Word.

Pure: bytes in, `SourceText` out. Offsets in `Segment`s point into `SourceText.text`.
(SKELETON: filled in by the document-formats work.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


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
    raise NotImplementedError
