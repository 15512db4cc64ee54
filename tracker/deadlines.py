"""Turning a Dutch time phrase into a due date, per the project's deadline convention.

Pure. (SKELETON: filled in by the deadline work.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Deadline:
    text: str  # the phrase as written, "Voor de zomer 2015"
    start: int  # offsets of the phrase in the text it was found in
    end: int
    due: date | None
    earliest: date | None
    kind: str | None  # explicit, month, quarter, half, part_of_year, year, season, recess, event, ...
    rule: str = ""  # which rule read it, for debugging and calibration


def find_deadline(text: str, on: date | None) -> Deadline | None:
    """The time phrase in `text` that sets a deadline, resolved against the date `on` (D)."""
    raise NotImplementedError


def normalise(phrase: str, on: date) -> Deadline | None:
    """Normalise one phrase (the `toezeggingen deadline` command)."""
    raise NotImplementedError
