"""The sync run: SyncFeed categories, then letter texts and transcripts. (SKELETON)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class SyncConfig:
    syncfeed_url: str
    odata_url: str
    ob_url: str
    interval: float = 0.25
    timeout: float = 60.0
    user_agent: str = "toezeggingen"
    retries: int = 4  # further attempts after the first, on 429, 5xx and timeouts
    backoff: float = 1.0  # first wait between attempts, doubling (with jitter) each time
    max_backoff: float = 60.0

    @classmethod
    def from_settings(cls, settings: Any) -> SyncConfig:
        return cls(
            syncfeed_url=settings.tk_syncfeed_url,
            odata_url=settings.tk_odata_url,
            ob_url=settings.ob_url,
            interval=settings.request_interval,
            timeout=settings.request_timeout,
            user_agent=settings.user_agent,
        )


@dataclass
class SyncSummary:
    def lines(self) -> list[str]:
        raise NotImplementedError


def sync(
    engine: Engine,
    config: SyncConfig,
    *,
    since: date | None = None,
    snapshot: Path | None = None,
    progress: bool = True,
) -> SyncSummary:
    raise NotImplementedError
