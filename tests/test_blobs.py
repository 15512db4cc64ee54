"""The content-addressed blob store: raw downloads kept once, compressed, and read back intact."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, func, select

from db.engine import session_scope
from db.models import Blob
from scraper import blobs
from tests.conftest import SEED_LETTER, SLACHTOFFER_VLOS

SEED = SEED_LETTER.read_bytes()


def test_a_blob_is_addressed_by_the_sha256_of_its_bytes(engine):
    with session_scope(engine) as session:
        sha = blobs.put(session, SEED, "text/plain")
    assert sha == hashlib.sha256(SEED).hexdigest()
    with Session(engine) as session:
        assert blobs.get(session, sha) == SEED


def test_storing_the_same_bytes_twice_keeps_one_blob(engine):
    with session_scope(engine) as session:
        first = blobs.put(session, SEED)
    with session_scope(engine) as session:
        second = blobs.put(session, SEED)
        again = blobs.put(session, SEED)
    assert first == second == again
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Blob)).one() == 1


def test_a_transcript_is_stored_compressed_with_its_size_and_type(engine):
    raw = SLACHTOFFER_VLOS.read_bytes()
    with session_scope(engine) as session:
        sha = blobs.put(session, raw, "text/xml")
    with Session(engine) as session:
        row = session.get(Blob, sha)
        assert row is not None
        assert row.size == len(raw)
        assert row.content_type == "text/xml"
        assert len(row.data) < len(raw) / 3
        assert blobs.get(session, sha) == raw


def test_empty_bytes_are_a_blob_too(engine):
    with session_scope(engine) as session:
        sha = blobs.put(session, b"")
        assert blobs.get(session, sha) == b""


def test_asking_for_an_unknown_address_raises(engine):
    with Session(engine) as session, pytest.raises(blobs.BlobError, match="no blob"):
        blobs.get(session, "0" * 64)


def test_damaged_bytes_are_noticed_rather_than_returned(engine):
    import zlib

    with session_scope(engine) as session:
        sha = blobs.put(session, SEED)
    with session_scope(engine) as session:
        row = session.get(Blob, sha)
        assert row is not None
        row.data = zlib.compress(SEED.replace(b"Opstelten", b"Somebody"))
        session.add(row)
    with Session(engine) as session, pytest.raises(blobs.BlobError, match="does not match"):
        blobs.get(session, sha)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096))
def test_any_bytes_come_back_exactly_as_stored(sqlite_engine, data):
    with session_scope(sqlite_engine) as session:
        sha = blobs.put(session, data)
    with Session(sqlite_engine) as session:
        assert blobs.get(session, sha) == data
