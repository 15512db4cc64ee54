"""Finding commitments, fulfilments and postponements in a document.

Pure: a `SourceText` (or a plain string) and a date in, an `Analysis` out.
(SKELETON: filled in by the extraction work.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.deadlines import Deadline
from tracker.documents import SourceText


@dataclass(frozen=True)
class Reference:
    type: str  # kamerstuk | handelingen | meeting | document
    raw: str
    fields: dict[str, str] = field(default_factory=dict)  # dossier, number, date, meeting, year, item, ...


@dataclass(frozen=True)
class FoundCommitment:
    text: str
    start: int
    end: int
    actor: str | None  # minister, staatssecretaris, kabinet, ...
    confidence: float
    deadline: Deadline | None
    vague: bool = False
    conditional: bool = False
    speaker: str | None = None
    from_chair_list: bool = False
    refs: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class FoundFulfilment:
    text: str
    start: int
    end: int
    refs: tuple[Reference, ...] = ()
    partial: bool = False


@dataclass(frozen=True)
class FoundPostponement:
    text: str
    start: int
    end: int
    deadline: Deadline | None
    refs: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class Analysis:
    date: date | None
    commitments: tuple[FoundCommitment, ...] = ()
    fulfilments: tuple[FoundFulfilment, ...] = ()
    postponements: tuple[FoundPostponement, ...] = ()


EXTRACTOR_VERSION = "0"


def analyse(source: SourceText | str, on: date | None = None) -> Analysis:
    """Extract everything from a document; `on` overrides the document's own date (D)."""
    raise NotImplementedError


def to_json(analysis: Analysis) -> dict:
    """The `toezeggingen analyse` output (see the interface spec)."""
    raise NotImplementedError
