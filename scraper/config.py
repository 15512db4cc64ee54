"""What the sync steps share: their configuration and the run's summary (a leaf: it imports no step)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from scraper.entities import Counts
from tracker.documents import MAX_BYTES


@dataclass(frozen=True)
class SyncConfig:
    syncfeed_url: str
    odata_url: str
    ob_url: str
    interval: float = 0.25
    timeout: float = 60.0  # seconds for a whole request (connect, headers and body), not per read
    user_agent: str = "toezeggingen"
    retries: int = 4  # further attempts after the first, on 429, 5xx and timeouts
    backoff: float = 1.0  # first wait between attempts, doubling (with jitter) each time
    max_backoff: float = 60.0
    max_bytes: int = MAX_BYTES  # a larger response is refused and recorded as a failure
    page_attempts: int = 3  # fetches of a feed page that does not parse before the category stops

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

    @property
    def hosts(self) -> frozenset[str]:
        """The hosts (with port) a redirect may lead to: those of the configured bases."""
        return frozenset(urlsplit(u).netloc.lower() for u in (self.syncfeed_url, self.odata_url, self.ob_url))


COUNTED = ("new", "updated", "unchanged", "deleted", "stale", "failed")


@dataclass
class SyncSummary:
    categories: dict[str, Counts] = field(default_factory=dict)
    stopped: dict[str, str] = field(default_factory=dict)  # category → why it stopped early
    steps: dict[str, dict[str, int]] = field(default_factory=dict)  # letter texts, transcripts
    requests: int = 0
    retries: int = 0

    def counts(self, category: str) -> Counts:
        return self.categories.setdefault(category, Counts())

    @property
    def failed(self) -> int:
        """Every failure recorded this run: entries, stopped categories, letters and transcripts."""
        return (
            sum(c.failed for c in self.categories.values())
            + len(self.stopped)
            + sum(step.get("failed", 0) for step in self.steps.values())
        )

    @property
    def complete(self) -> bool:
        """No category stopped early (a failed item is recorded and retried; a stopped feed is not done)."""
        return not self.stopped

    def as_counts(self) -> dict[str, Any]:
        """The summary as plain data, for the run table."""
        return {
            "categories": {name: {k: getattr(c, k) for k in COUNTED} for name, c in self.categories.items()},
            "stopped": dict(self.stopped),
            "steps": {k: dict(v) for k, v in self.steps.items()},
            "requests": self.requests,
            "retries": self.retries,
        }

    def lines(self) -> list[str]:
        out = []
        for category, c in self.categories.items():
            extra = [f"{n} {label}" for n, label in ((c.stale, "stale"), (c.failed, "failed")) if n]
            line = f"{category}: {c.new} new, {c.updated} updated, {c.deleted} deleted"
            out.append(line + f", {c.unchanged} unchanged" + (f" ({', '.join(extra)})" if extra else ""))
            for column, value in sorted(c.unknown):
                out.append(f"  unknown {column} stored as given: {value!r}")
        for category, reason in self.stopped.items():
            out.append(f"{category}: stopped, will resume from the last stored page: {reason}")
        for step, result in self.steps.items():
            out.append(f"{step}: " + ", ".join(f"{v} {k}" for k, v in result.items()))
        out.append(f"requests: {self.requests} ({self.retries} retries); failures recorded: {self.failed}")
        if self.stopped:
            out.append("incomplete: stopped early: " + ", ".join(self.stopped))
        return out
