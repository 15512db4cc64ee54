"""The content-addressed store of raw downloads (letters, transcripts) in the `Blob` table.

A blob is addressed by the SHA-256 of its uncompressed bytes and kept zlib-compressed, so
the same file downloaded twice is stored once, and extraction can run again from what is
stored without downloading again. The functions take the caller's session, so a blob is
committed in the same transaction as the row that refers to it.
"""

from __future__ import annotations

import hashlib
import zlib

from sqlmodel import Session

from db.models import Blob
from db.upsert import upsert


class BlobError(LookupError):
    """A blob that is missing, or whose bytes no longer match their address."""


def address(data: bytes) -> str:
    """The SHA-256 (hex) of `data`: the key it is stored under."""
    return hashlib.sha256(data).hexdigest()


def put(session: Session, data: bytes, content_type: str | None = None) -> str:
    """Store `data` (once; storing it again is a no-op) and return its address."""
    sha = address(data)
    if session.get(Blob, sha) is None:
        # Another run may store the same bytes at the same moment: the first one's row stands.
        row = {"sha256": sha, "size": len(data), "content_type": content_type, "data": zlib.compress(data, 6)}
        upsert(session, Blob, [row], ["sha256"], update=[])
    return sha


def get(session: Session, sha256: str) -> bytes:
    """The bytes stored under `sha256`; BlobError if absent or damaged."""
    blob = session.get(Blob, sha256)
    if blob is None:
        raise BlobError(f"no blob {sha256}")
    try:
        data = zlib.decompress(blob.data)
    except zlib.error as exc:
        raise BlobError(f"blob {sha256} is damaged: {exc}") from exc
    if address(data) != sha256:
        raise BlobError(f"blob {sha256} does not match its address")
    return data
