"""The tracking run: from synced documents to commitments with a status. (SKELETON)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine


@dataclass
class TrackSummary:
    def lines(self) -> list[str]:
        raise NotImplementedError


def track(engine: Engine, today: date | None = None) -> TrackSummary:
    raise NotImplementedError
