"""The one polite HTTP client every fetcher uses.

API (stable; the letter-text and transcript fetchers rely on it)::

    from scraper.http import HttpClient, FetchError

    client = HttpClient.from_config(config)                 # live network
    client = HttpClient.from_config(config, snapshot=DIR)   # answers from a saved snapshot, no network
    response = client.get(url, params=None)                 # -> requests.Response (status 2xx/3xx)
    client.rebase(href, config.syncfeed_url)                # a feed link onto the configured base
    client.stats                                            # requests, retries, bytes

`get` raises `FetchError` (`.url`, `.status` or None, `.reason`) when it gives up:
at once on 404 and every other 4xx except 429 and on a body larger than `max_bytes`
(streamed, so an endless or huge body never fills memory), and after `retries` further attempts on
429, 5xx, timeouts, dropped connections and bodies cut short. Waits between attempts grow
exponentially with jitter (`backoff` seconds first, at most `max_backoff`); a `Retry-After`
header (seconds or an HTTP date) is honoured when it asks for longer.

Politeness: one `requests.Session` (connection reuse), an identifying User-Agent,
(connect, read) timeouts, and at least `interval` seconds between the starts of two
requests (the Kamer limits bandwidth per IP). A snapshot needs no politeness, so its
interval is 0.

With a snapshot, a transport adapter (`scraper.snapshot.SnapshotAdapter`) is mounted on
the session, so exactly the same code runs offline: URLs under the configured SyncFeed,
OData and officiële bekendmakingen bases are answered from the snapshot's `index.json`;
anything else gets a 404 rather than touching the network.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from scraper.config import SyncConfig
from scraper.snapshot import SnapshotAdapter
from tracker.documents import MAX_BYTES

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
MAX_REDIRECTS = 10
MAX_RETRY_AFTER = 600.0  # a server asking for more than ten minutes gets a FetchError instead of a hang
CHUNK = 1 << 16


class FetchError(Exception):
    """A request that failed for good (after retries, or at once for a 4xx other than 429)."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class _Retryable(Exception):
    """An attempt that may succeed when repeated; carries the server's Retry-After, if any."""

    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


@dataclass
class HttpStats:
    requests: int = 0  # attempts sent, retries included
    retries: int = 0
    bytes: int = 0


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait according to a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


class Client(Protocol):
    """What the text fetchers need of `HttpClient` (tests may pass a stand-in)."""

    def get(self, url: str, *, params: dict[str, str] | None = None) -> requests.Response: ...


def checked_size(response: requests.Response, declared: int | None) -> bytes:
    """The body, if its size is the `contentLength` the feed announced for the file (as tkpull
    keeps a file only then); FetchError otherwise, so the item is recorded and tried again."""
    body = response.content
    if declared is not None and declared >= 0 and len(body) != declared:
        raise FetchError(response.url, f"{len(body):,} bytes received, the feed announced {declared:,}")
    return body


class HttpClient:
    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float = 60.0,
        interval: float = 0.25,
        retries: int = 4,
        backoff: float = 1.0,
        max_backoff: float = 60.0,
        max_bytes: int = MAX_BYTES,  # the document reader refuses more, so more is not worth fetching
        hosts: frozenset[str] = frozenset(),  # hosts a redirect may lead to, besides the request's own
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.timeout = timeout
        self.interval = interval
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_bytes = max_bytes
        self.hosts = frozenset(h.lower() for h in hosts)
        self.stats = HttpStats()
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = user_agent
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._last_start: float | None = None

    @classmethod
    def from_config(cls, config: SyncConfig, snapshot: Path | None = None) -> HttpClient:
        client = cls(
            user_agent=config.user_agent,
            timeout=config.timeout,
            interval=0.0 if snapshot else config.interval,
            retries=config.retries,
            backoff=config.backoff,
            max_backoff=config.max_backoff,
            max_bytes=config.max_bytes,
            hosts=config.hosts,
        )
        if snapshot is not None:
            adapter = SnapshotAdapter(
                snapshot, {"syncfeed": config.syncfeed_url, "odata": config.odata_url, "ob": config.ob_url}
            )
            client.session.mount("http://", adapter)
            client.session.mount("https://", adapter)
        return client

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def rebase(href: str, base: str, marker: str = "/SyncFeed/2.0/") -> str:
        """`href` from a feed page (which names the real host) moved onto `base`: the part after
        `marker` is joined to `base`, so a replay server or a snapshot answers the same links."""
        idx = href.find(marker)
        rest = href[idx + len(marker) :] if idx >= 0 else href.rsplit("/", 1)[-1]
        return base.rstrip("/") + "/" + rest

    def get(self, url: str, *, params: dict[str, Any] | None = None) -> requests.Response:
        """GET `url`; a 2xx/3xx response with its body read (at most `max_bytes`), or FetchError."""
        retrying = Retrying(
            stop=stop_after_attempt(self.retries + 1),
            wait=self._wait,
            retry=retry_if_exception(lambda e: isinstance(e, _Retryable)),
            before_sleep=self._before_sleep(url),
            sleep=self._sleep,
            reraise=True,
        )
        try:
            return retrying(self._attempt, url, params)
        except _Retryable as exc:
            raise FetchError(
                url, f"gave up after {self.retries + 1} attempts: {exc.reason}", exc.status
            ) from exc

    def _throttle(self) -> None:
        with self._lock:
            if self._last_start is not None:
                wait = self._last_start + self.interval - self._clock()
                if wait > 0:
                    self._sleep(wait)
            self._last_start = self._clock()

    def _attempt(self, url: str, params: dict[str, Any] | None) -> requests.Response:
        self._throttle()
        self.stats.requests += 1
        # One deadline for the whole attempt (redirects, headers, body): a per-read timeout alone lets a
        # server that sends a byte now and then hold a request for ever.
        deadline = self._clock() + self.timeout
        allowed = self.hosts | {_host(url)}
        try:
            response = self._get(url, params, deadline)
            for _ in range(MAX_REDIRECTS):
                if not response.is_redirect:
                    break
                target = urljoin(response.url, response.headers.get("Location", ""))
                response.close()
                if _host(target) not in allowed:
                    log.warning("%s: redirect to %s refused (not a configured host)", url, target)
                    raise FetchError(url, f"redirect to another host refused: {target}")
                response = self._get(target, None, deadline)
            else:
                response.close()
                raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
            with response:
                status = response.status_code
                if status in RETRY_STATUSES or status >= 500:
                    retry_after = parse_retry_after(response.headers.get("Retry-After"))
                    raise _Retryable(f"HTTP {status}", status, retry_after)
                if status >= 400:
                    raise FetchError(url, f"HTTP {status}", status)
                response._content = self._read(response, url, deadline)
        except (requests.Timeout, requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
        except requests.RequestException as exc:  # bad URL: repeating will not help
            raise FetchError(url, f"{type(exc).__name__}: {exc}") from exc
        self.stats.bytes += len(response._content)
        return response

    def _get(self, url: str, params: dict[str, Any] | None, deadline: float) -> requests.Response:
        remaining = deadline - self._clock()
        if remaining <= 0:
            raise _Retryable(f"no answer within {self.timeout:g}s")
        timeout = (min(10.0, remaining), remaining)
        return self.session.get(url, params=params, timeout=timeout, stream=True, allow_redirects=False)

    def _read(self, response: requests.Response, url: str, deadline: float) -> bytes:
        """The body, refused (FetchError, no retry) once it is known to exceed `max_bytes`; a body not
        complete by the deadline, or shorter than its Content-Length, is worth another attempt."""
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"too large: {int(declared):,} bytes announced, limit {self.max_bytes:,}")
        chunks: list[bytes] = []
        size = 0
        for chunk in self._chunks(response, deadline):
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, f"too large: more than {self.max_bytes:,} bytes sent, limit reached")
            chunks.append(chunk)
        if declared.isdigit() and size < int(declared) and "Content-Encoding" not in response.headers:
            raise _Retryable(f"cut short: {size:,} of {int(declared):,} bytes announced")
        return b"".join(chunks)

    def _chunks(self, response: requests.Response, deadline: float) -> Iterator[bytes]:
        """The body in pieces as they arrive, each read waiting at most until the deadline."""
        raw = response.raw
        if not isinstance(raw, urllib3.HTTPResponse):  # a snapshot's file: no network, no waiting
            yield from response.iter_content(CHUNK)
            return
        sock = getattr(getattr(raw, "_connection", None), "sock", None)
        while True:
            remaining = deadline - self._clock()
            if remaining <= 0:
                raise _Retryable(f"body not complete within {self.timeout:g}s")
            if sock is not None:
                sock.settimeout(remaining)
            try:
                chunk = raw.read1(CHUNK, decode_content=True)  # returns what has arrived, b"" at the end
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
            if not chunk:
                return
            yield chunk

    def _wait(self, state: RetryCallState) -> float:
        exp = min(self.max_backoff, self.backoff * 2 ** (state.attempt_number - 1))
        wait = exp / 2 + random.uniform(0, exp / 2)  # jitter, so clients do not retry in lockstep
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            if exc.retry_after > MAX_RETRY_AFTER:
                raise FetchError(
                    str(state.args[0]), f"Retry-After {exc.retry_after:.0f}s is too long", exc.status
                )
            wait = max(wait, exc.retry_after)
        return wait

    def _before_sleep(self, url: str) -> Callable[[RetryCallState], None]:
        def log_retry(state: RetryCallState) -> None:
            self.stats.retries += 1
            exc = state.outcome.exception() if state.outcome else None
            delay = state.next_action.sleep if state.next_action else 0.0
            log.warning("retrying %s in %.1fs (attempt %d): %s", url, delay, state.attempt_number, exc)

        return log_retry
