"""Saved responses, read and written in the shared snapshot format.

A snapshot is a directory with `index.json`::

    {"syncfeed/Feed?category=Toezegging": {"file": "feed/toezegging-0.xml", "status": 200,
                                           "content_type": "application/atom+xml"}, ...}

The key is the source (`syncfeed`, `odata`, `ob`) and the request URL after that source's
configured base URL, path and query as sent. `SnapshotAdapter` is a `requests` transport
adapter that answers from such a directory, so a sync from a snapshot runs the same code as
a live one; `SnapshotWriter` builds one (tests, benchmarks, recording a sample).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

log = logging.getLogger(__name__)

INDEX = "index.json"


def normalise_key(key: str) -> str:
    """A key with its query decoded and sorted, so `%24filter=a+b` and `$filter=a b` meet."""
    path, _, query = key.partition("?")
    if not query:
        return unquote(path)
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return unquote(path) + "?" + "&".join(f"{k}={v}" for k, v in pairs)


def key_for(url: str, bases: dict[str, str]) -> str | None:
    """The snapshot key of `url`, or None when it lies under none of the bases."""
    best: tuple[int, str] | None = None
    for source, base in bases.items():
        prefix = base.rstrip("/") + "/"
        if url.startswith(prefix) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), f"{source}/{url[len(prefix) :]}")
    return best[1] if best else None


class SnapshotError(ValueError):
    """A snapshot directory whose index cannot be read."""


def read_index(directory: Path) -> dict[str, dict[str, Any]]:
    """The index of a snapshot directory; SnapshotError (one line) when it is missing or malformed."""
    path = directory / INDEX
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SnapshotError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SnapshotError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(index, dict) or not all(_is_entry(v) for v in index.values()):
        raise SnapshotError(
            f'{path} must map request keys to {{"file": <path inside the directory>, "status": <int>}}'
        )
    return index


def _is_entry(value: object) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("file"), str):
        return False
    file = PurePosixPath(value["file"])
    # A file outside the snapshot directory would let an index read anything on the machine.
    return not file.is_absolute() and ".." not in file.parts and isinstance(value.get("status", 200), int)


class Snapshot:
    """The index of a snapshot directory, looked up exactly first and then normalised."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.index = read_index(self.directory)
        self._normalised = {normalise_key(k): v for k, v in self.index.items()}

    def lookup(self, key: str) -> dict[str, Any] | None:
        return self.index.get(key) or self._normalised.get(normalise_key(key))

    def path(self, entry: dict[str, Any]) -> Path:
        return self.directory / entry["file"]


class SnapshotAdapter(BaseAdapter):
    """Answers requests from a snapshot; a URL it does not hold gets a 404, never the network."""

    def __init__(self, directory: Path, bases: dict[str, str]) -> None:
        super().__init__()
        self.snapshot = Snapshot(directory)
        self.bases = bases

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        url = request.url or ""
        key = key_for(url, self.bases)
        entry = self.snapshot.lookup(key) if key else None
        response = requests.Response()
        response.url = url
        response.request = request
        response.headers = CaseInsensitiveDict()
        path = self.snapshot.path(entry) if entry else None
        if entry is None or path is None or not path.is_file():
            log.log(logging.WARNING if entry else logging.DEBUG, "not in the snapshot: %s", url)
            response.status_code = 404
            response.reason = "Not in snapshot"
            response.raw = io.BytesIO()
            return response
        response.status_code = int(entry.get("status", 200))
        response.reason = "OK" if response.status_code < 400 else "Error"
        # Streamed like a live body, so the client's size limit applies before anything is read.
        response.raw = path.open("rb")
        if entry.get("content_type"):
            response.headers["Content-Type"] = entry["content_type"]
        response.headers["Content-Length"] = str(path.stat().st_size)
        return response

    def close(self) -> None:
        pass


class SnapshotWriter:
    """Builds a snapshot directory: `add` responses, then `close` writes the index."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.index: dict[str, dict[str, Any]] = {}

    def add(self, key: str, body: bytes, *, status: int = 200, content_type: str | None = None) -> None:
        source = key.split("/", 1)[0]
        name = hashlib.sha1(key.encode()).hexdigest()[:16]
        rel = f"{source}/{name}{_suffix(content_type)}"
        path = self.directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        self.index[key] = {"file": rel, "status": status, "content_type": content_type}

    def close(self) -> None:
        (self.directory / INDEX).write_text(
            json.dumps(self.index, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8"
        )

    def __enter__(self) -> SnapshotWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _suffix(content_type: str | None) -> str:
    ct = (content_type or "").split(";")[0].strip()
    if ct.endswith("xml"):
        return ".xml"
    if ct.endswith("json"):
        return ".json"
    if ct == "text/html":
        return ".html"
    if ct == "application/pdf":
        return ".pdf"
    return ".bin"


def query_key(path: str, params: dict[str, str]) -> str:
    """`path?query` as requests would send it, for building keys of parameterised requests."""
    req = requests.Request("GET", "http://x/" + path, params=params).prepare()
    parts = urlsplit(req.url or "")
    return parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else "")
