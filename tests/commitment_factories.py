"""Small factories for read-side tests: commitments and fulfilment links with sensible defaults."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import count

from sqlalchemy.engine import Engine

from db.engine import session_scope
from db.models import Commitment, Fulfilment
from db.vocabulary import LinkState, Source, Status, StatusSource

_keys = count(1)


def add(engine: Engine, **values: object) -> int:
    """A commitment with sensible defaults; returns its id."""
    n = next(_keys)
    base: dict[str, object] = {
        "key": f"test:{n}",
        "source": Source.LETTER,
        "text": f"Ik stuur u de rapportage nummer {n}.",
        "ministry": "Veiligheid en Justitie",
        "minister": "I.W. Opstelten",
        "made_on": date(2014, 1, 1),
        "made_in": "Kamerstuk 28638, nr. 128",
        "status": Status.OPEN,
        "status_source": StatusSource.DETECTED,
        "created_at": datetime(2015, 1, 1, tzinfo=UTC),
    }
    base.update(values)
    with session_scope(engine) as s:
        c = Commitment.model_validate(base)
        s.add(c)
        s.flush()
        assert c.id is not None
        return c.id


def link(engine: Engine, cid: int, doc: str, state: LinkState = LinkState.ACCEPTED, **values: object) -> int:
    with session_scope(engine) as s:
        f = Fulfilment(
            commitment_id=cid,
            document_id=doc,
            document_number=values.pop("number", doc.upper()),
            method="phrase",
            state=state,
            **values,  # type: ignore[arg-type]
        )
        s.add(f)
        s.flush()
        assert f.id is not None
        return f.id
