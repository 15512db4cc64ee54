"""All tables, in one module (one models module avoids circular imports).

Sync tables mirror the Tweede Kamer's entities (ids are the Kamer's GUIDs, stored
as text); tracking tables hold what the tracker makes of them. Timestamps are
timezone-aware UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, LargeBinary, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

# Kept by triggers, not models (migration 0003): FTS5 on SQLite (with its shadow tables), tsvector on
# PostgreSQL. Schema comparisons leave out every object whose name starts with this.
SEARCH_PREFIX = "commitment_search"


def utcnow() -> datetime:
    return datetime.now(UTC)


def _ts(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


# --------------------------------------------------------------------------- sync


class SyncCursor(SQLModel, table=True):
    """Where the SyncFeed of one category was left; saved with the data it covers."""

    category: str = Field(primary_key=True)
    skiptoken: str | None = None
    updated_at: datetime | None = _ts()


class SyncFailure(SQLModel, table=True):
    """An item that kept failing: recorded and skipped, retried on a later run."""

    __table_args__ = (UniqueConstraint("kind", "item_id"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)  # "entry", "page", "publication", "transcript"
    item_id: str
    error: str = Field(sa_column=Column(Text, nullable=False))
    attempts: int = 1
    last_attempt: datetime | None = _ts()
    resolved: bool = False


class Blob(SQLModel, table=True):
    """Raw bytes, zlib-compressed, addressed by the SHA-256 of the uncompressed bytes."""

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    content_type: str | None = None
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class Toezegging(SQLModel, table=True):
    """An entry of the Kamer's register of oral commitments."""

    id: str = Field(primary_key=True)
    nummer: str | None = Field(default=None, index=True)
    tekst: str | None = Field(default=None, sa_column=Column(Text))
    status: str | None = None  # verbatim; unknown values are kept
    naam: str | None = None
    functie: str | None = None
    ministerie: str | None = Field(default=None, index=True)
    activiteit_id: str | None = Field(default=None, index=True)
    activiteit_nummer: str | None = Field(default=None, index=True)
    aanmaakdatum: datetime | None = _ts()
    datum_nakoming: date | None = None
    kamerbrief_nakoming: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    toegezegd_aan: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # To whom, as Persoon and Fractie ids: the flat refs (toegezegdAanPersoon/-Fractie) and the live nested
    # form (<toegezegdAan><persoon ref/><fractie ref/></toegezegdAan>, OData's ToegezegdAan), in order.
    toegezegd_aan_persoon_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    toegezegd_aan_fractie_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    relaties: dict[str, list[str]] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    bijgewerkt: datetime | None = _ts()


class Kamerstukdossier(SQLModel, table=True):
    id: str = Field(primary_key=True)
    nummer: str | None = Field(default=None, index=True)
    toevoeging: str | None = None
    titel: str | None = Field(default=None, sa_column=Column(Text))
    afgesloten: bool | None = None
    bijgewerkt: datetime | None = _ts()


class Document(SQLModel, table=True):
    id: str = Field(primary_key=True)
    nummer: str | None = Field(default=None, index=True)  # DocumentNummer, 2014D45678
    soort: str | None = Field(default=None, index=True)
    titel: str | None = Field(default=None, sa_column=Column(Text))
    onderwerp: str | None = Field(default=None, sa_column=Column(Text))
    datum: date | None = Field(default=None, index=True)
    vergaderjaar: str | None = None
    volgnummer: int | None = None
    aanhangselnummer: str | None = None
    kamer: int | None = None
    organisatie: str | None = None
    citeertitel: str | None = None
    dossier_id: str | None = Field(default=None, index=True)
    huidige_versie_id: str | None = None
    zaak_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    activiteit_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    content_type: str | None = None
    content_length: int | None = None
    bijgewerkt: datetime | None = _ts()


class DocumentActor(SQLModel, table=True):
    id: str = Field(primary_key=True)
    document_id: str | None = Field(default=None, index=True)
    naam: str | None = None
    functie: str | None = None
    relatie: str | None = None
    fractie: str | None = None
    persoon_id: str | None = None
    bijgewerkt: datetime | None = _ts()


class DocumentVersie(SQLModel, table=True):
    id: str = Field(primary_key=True)
    document_id: str | None = Field(default=None, index=True)
    externe_identifier: str | None = None  # publication id, kst-28638-128
    versienummer: int | None = None
    extensie: str | None = None
    status: str | None = None
    datum: date | None = None
    bijgewerkt: datetime | None = _ts()


class DocumentText(SQLModel, table=True):
    """The plain text of a document, with paragraph breaks, and where it came from."""

    document_id: str = Field(primary_key=True)
    source: str  # "publication" or "resource"
    publication_id: str | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    footnotes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    blob_sha256: str | None = None
    text_sha256: str = Field(index=True)
    versie_id: str | None = None  # the DocumentVersie read; a newer version means fetching again
    fetched_at: datetime | None = _ts()


class Zaak(SQLModel, table=True):
    id: str = Field(primary_key=True)
    nummer: str | None = Field(default=None, index=True)
    soort: str | None = None
    titel: str | None = Field(default=None, sa_column=Column(Text))
    onderwerp: str | None = Field(default=None, sa_column=Column(Text))
    dossier_id: str | None = Field(default=None, index=True)
    activiteit_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    bijgewerkt: datetime | None = _ts()


class Activiteit(SQLModel, table=True):
    """A debate or meeting."""

    id: str = Field(primary_key=True)
    nummer: str | None = Field(default=None, index=True)  # 2024A05766
    soort: str | None = None
    onderwerp: str | None = Field(default=None, sa_column=Column(Text))
    datum: date | None = Field(default=None, index=True)
    status: str | None = None
    voortouwnaam: str | None = None
    voortouwafkorting: str | None = None
    bijgewerkt: datetime | None = _ts()


class Verslag(SQLModel, table=True):
    """One version of a meeting's transcript (VLOS); the newest per meeting is fetched."""

    id: str = Field(primary_key=True)
    vergadering_id: str | None = Field(default=None, index=True)
    soort: str | None = None
    status: str | None = None
    content_type: str | None = None
    content_length: int | None = None
    bijgewerkt: datetime | None = _ts()


class Transcript(SQLModel, table=True):
    """The newest VLOS transcript of a meeting, as raw XML in a blob."""

    vergadering_id: str = Field(primary_key=True)
    verslag_id: str
    blob_sha256: str
    titel: str | None = Field(default=None, sa_column=Column(Text))
    datum: date | None = None
    soort: str | None = None
    fetched_at: datetime | None = _ts()


# --------------------------------------------------------------------------- tracking


class Commitment(SQLModel, table=True):
    """One promise, whatever its source (register, letter, debate)."""

    __table_args__ = (
        Index("ix_commitment_status_due", "status", "due"),
        Index("ix_commitment_minister", "minister"),
        Index("ix_commitment_created_at", "created_at"),
        Index("ix_commitment_ministry_figures", "ministry", "status", "due", "fulfilled_on", "made_on"),
        Index("ix_commitment_minister_figures", "minister", "status", "due", "fulfilled_on", "made_on"),
        Index("ix_commitment_late", "status", "due", "fulfilled_on", "ministry", "minister"),
        Index("ix_commitment_person_locked", "person_locked"),
        # The commitments table's sort orders, nulls last (migration 0004): pages read ids from the index.
        Index("ix_commitment_due_order", text("(due IS NULL)"), "due", "id"),
        Index("ix_commitment_made_on_order", text("(made_on IS NULL)"), text("made_on DESC"), "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)  # stable natural key, so re-runs update rather than duplicate
    source: str = Field(index=True)  # register | letter | debate
    register_id: str | None = Field(default=None, index=True)
    register_number: str | None = None
    in_register: bool = False
    text: str = Field(sa_column=Column(Text, nullable=False))
    quote: str | None = Field(default=None, sa_column=Column(Text))  # the debate's own words, when linked
    # The minister's own words restating it, in debate order (`quote` is the first); migration 0008.
    quotes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # To whom it was promised: "Boswijk (CDA)", or a party; migration 0008.
    made_to: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Debate promises: True when the chair's list of toezeggingen holds it, False for the shadow register
    # (the minister's words the list missed); None for register and letter rows. Migration 0008.
    in_chair_list: bool | None = None
    actor: str | None = None
    minister: str | None = None
    # The Kamer's Persoon id when known, else "name:<name key>": one per person (migration 0008).
    person_id: str | None = Field(default=None, index=True)
    ministry: str | None = Field(default=None, index=True)
    made_on: date | None = Field(default=None, index=True)
    document_id: str | None = Field(default=None, index=True)
    activiteit_id: str | None = Field(default=None, index=True)
    vergadering_id: str | None = Field(default=None, index=True)  # the transcript it was found in
    made_in: str | None = None  # the Kamerstuk or meeting, for display
    meeting_soort: str | None = None  # "Algemeen overleg", "Commissiedebat", ...
    meeting_date: date | None = None
    kamerstuk: str | None = None  # "28638-108": the letter it was made in, or its meeting's verslag
    dossier: str | None = Field(default=None, index=True)
    deadline_text: str | None = None
    due: date | None = Field(default=None, index=True)
    earliest: date | None = None
    deadline_kind: str | None = None
    register_due: date | None = None
    text_due: date | None = None
    vague: bool = False
    conditional: bool = False
    confidence: float = 1.0
    status: str = Field(default="open", index=True)  # open | fulfilled | partly_fulfilled | lapsed
    status_source: str = "detected"  # register | detected | person
    register_status: str | None = None
    person_locked: bool = False  # a person decided the status; machine runs leave it alone
    due_locked: bool = False  # a person set the due date; machine runs leave it alone
    # The first accepted complete fulfilment's date: kept by triggers on `fulfilment` (migration 0005).
    fulfilled_on: date | None = None
    extractor_version: str | None = None  # which extractor made it (None: the register)
    created_at: datetime | None = _ts()
    updated_at: datetime | None = _ts()


class Fulfilment(SQLModel, table=True):
    """A proposed or accepted link from a commitment to the document that meets it."""

    __table_args__ = (
        UniqueConstraint("commitment_id", "document_id"),
        Index("ix_fulfilment_state_score", "state", "score", "commitment_id"),
        Index("ix_fulfilment_commitment_state", "commitment_id", "state"),
    )
    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(foreign_key="commitment.id", index=True)
    document_id: str | None = Field(default=None, index=True)
    document_number: str | None = None
    score: float = 0.0
    method: str  # register | reference | phrase | topic | person
    partial: bool = False
    evidence_commitment: str | None = Field(default=None, sa_column=Column(Text))
    evidence_document: str | None = Field(default=None, sa_column=Column(Text))
    signals: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # why it matched
    state: str = "candidate"  # accepted | candidate | rejected
    document_date: date | None = None
    decided_by: str | None = None  # set when a person accepted, rejected or made the link
    note: str | None = Field(default=None, sa_column=Column(Text))
    extractor_version: str | None = None
    created_at: datetime | None = _ts()


class Restatement(SQLModel, table=True):
    """A later letter promising again what a commitment promised ("Zoals toegezegd …"): kept with that
    commitment, not as a row of its own (one promise, one row); its words are in the commitment's `quotes`.
    One per commitment and letter; migration 0009."""

    __table_args__ = (UniqueConstraint("commitment_id", "document_id"),)
    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(foreign_key="commitment.id", index=True)
    document_id: str = Field(index=True)
    document_number: str | None = None
    document_date: date | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))  # the letter's words, as in `quotes`
    deadline_text: str | None = None  # the time the letter gives it, whether or not it moved `due`
    due: date | None = None
    signals: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # why
    extractor_version: str | None = None
    created_at: datetime | None = _ts()


class StatusEvent(SQLModel, table=True):
    """Every change of a commitment's status or due date, and of register statuses."""

    __table_args__ = (Index("ix_statusevent_at", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int | None = Field(default=None, foreign_key="commitment.id", index=True)
    register_id: str | None = Field(default=None, index=True)
    at: datetime | None = _ts()
    field: str  # status | due | register_status
    old: str | None = None
    new: str | None = None
    cause: str | None = Field(default=None, sa_column=Column(Text))
    who: str = "machine"
    note: str | None = Field(default=None, sa_column=Column(Text))


class Run(SQLModel, table=True):
    """One run of sync, track or the digest: when, how it ended, its counts and failures."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)  # RunKind
    started_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=False, index=True)
    )
    finished_at: datetime | None = _ts()
    state: str = "running"  # RunState
    counts: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    failures: int = 0
    message: str | None = Field(default=None, sa_column=Column(Text))


class ProcessedDocument(SQLModel, table=True):
    """What `track` has read, so a re-run only reads what is new or changed."""

    key: str = Field(primary_key=True)  # "document:<id>", "transcript:<vergadering>", "register:<id>"
    content_sha256: str
    extractor_version: str
    processed_at: datetime | None = _ts()


# --------------------------------------------------------------------------- digests and alerts


class Subscription(SQLModel, table=True):
    """An email address and what it wants to hear about: a scope for the digest, commitments to follow.

    An empty scope with followed commitments makes a digest of those commitments only; an empty scope
    and nothing followed, a digest of everything. `digest_until` and `alerts_until` are where the last
    digest and the last alert ended: the next one starts there, so no change is told twice.
    """

    __table_args__ = (Index("ix_subscription_email", "email"),)
    id: int | None = Field(default=None, primary_key=True)
    email: str
    ministries: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    committees: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    dossiers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    ministers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    made_to: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    commitments: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    frequency: str = "weekly"  # Frequency
    created_at: datetime | None = _ts()
    confirmed_at: datetime | None = _ts()  # None: waits for the confirmation link (nothing is sent)
    unsubscribed_at: datetime | None = _ts()  # set by the unsubscribe link; the row stays for the record
    digest_period: str | None = None  # the last period a digest was composed for ("2015-W27")
    digest_until: datetime | None = _ts()
    alerts_until: datetime | None = _ts()


class Delivery(SQLModel, table=True):
    """One message to one subscription: written (with the whole message) before it is sent, updated after.

    `(subscription_id, kind, period)` is unique, so a period is never composed twice; `message_id` is
    derived from the same three, so a message sent again after a crash carries the same Message-ID.
    """

    __table_args__ = (
        UniqueConstraint("subscription_id", "kind", "period"),
        Index("ix_delivery_state", "state"),
    )
    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="subscription.id", index=True)
    kind: str  # DeliveryKind
    period: str  # "2015-W27", "2015-07-02", or the alert window's end
    message_id: str = Field(unique=True)
    recipient: str
    message: bytes = Field(sa_column=Column(LargeBinary, nullable=False))  # the RFC 5322 bytes
    state: str = "pending"  # DeliveryState
    attempts: int = 0
    error: str | None = Field(default=None, sa_column=Column(Text))
    since: datetime | None = _ts()
    until: datetime | None = _ts()
    created_at: datetime | None = _ts()
    sent_at: datetime | None = _ts()


# --------------------------------------------------------------------------- people and parties (sync)


class Persoon(SQLModel, table=True):
    """A person of the Kamer's Persoon entity: members and bewindspersonen (tkData-v1-0-persoon.xsd)."""

    id: str = Field(primary_key=True)
    nummer: int | None = None
    titels: str | None = None
    initialen: str | None = None  # "T."
    tussenvoegsel: str | None = None  # "van"
    achternaam: str | None = Field(default=None, index=True)  # "Oostenbruggen"
    voornamen: str | None = None
    roepnaam: str | None = None
    geslacht: str | None = None
    functie: str | None = None  # "Tweede Kamerlid", "Minister": the current one, as the Kamer gives it
    fractielabel: str | None = None
    bijgewerkt: datetime | None = _ts()


class Fractie(SQLModel, table=True):
    """A parliamentary party (tkData-v1-0-fractie.xsd)."""

    id: str = Field(primary_key=True)
    nummer: int | None = None
    afkorting: str | None = None  # "PvdD", "GroenLinks-PvdA"
    naam_nl: str | None = None
    naam_en: str | None = None
    aantal_zetels: int | None = None
    datum_actief: date | None = None
    datum_inactief: date | None = None
    bijgewerkt: datetime | None = _ts()


class FractieZetel(SQLModel, table=True):
    """A seat of a party: what a FractieZetelPersoon points at (tkData-v1-0-fractiezetel.xsd)."""

    id: str = Field(primary_key=True)
    fractie_id: str | None = Field(default=None, index=True)
    gewicht: int | None = None
    bijgewerkt: datetime | None = _ts()


class FractieZetelPersoon(SQLModel, table=True):
    """A person in a party's seat from `van` to `tot_en_met` (None: still): a member's party over time."""

    id: str = Field(primary_key=True)
    fractie_zetel_id: str | None = Field(default=None, index=True)
    persoon_id: str | None = Field(default=None, index=True)
    functie: str | None = None  # "Lid", "Fractievoorzitter"
    van: date | None = None
    tot_en_met: date | None = None
    bijgewerkt: datetime | None = _ts()
