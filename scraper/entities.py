"""Entries → rows: one mapping per category, an idempotent upsert by id, tombstones delete.

The same mappings serve the SyncFeed and OData (scraper.odata turns JSON objects into
`Entry`s first). Values the Kamer adds to a Status or Soort list are stored as they
come and reported, never refused.

An entry older than the stored row (by `bijgewerkt`) is ignored: the feed re-emits old
entities at new skiptokens (OpenDataPortaal #127), so arrival order proves nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, SQLModel, col, select

from db.clock import as_utc
from db.models import (
    Activiteit,
    Document,
    DocumentActor,
    DocumentVersie,
    Fractie,
    FractieZetel,
    FractieZetelPersoon,
    Kamerstukdossier,
    Persoon,
    Toezegging,
    Verslag,
    Zaak,
)
from db.upsert import upsert
from scraper.syncfeed import Entry, parse_bool, parse_date, parse_datetime, parse_int
from tracker.status import REGISTER_STATUS

log = logging.getLogger(__name__)

Columns = Callable[[Entry], dict[str, Any]]


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _toezegging(e: Entry) -> dict[str, Any]:
    naam = e.value("naam")
    if naam is None and e.value("achternaam"):
        naam = ", ".join(p for p in (e.value("achternaam"), e.value("initialen")) if p)
    relaties = {
        name: e.refs[name.lower()]
        for name in (
            "isHerhalingVan",
            "isAanvullingOp",
            "isWijzigingVan",
            "isHerhaaldDoor",
            "isAangevuldVanuit",
            "isGewijzigdDoor",
        )
        if e.refs.get(name.lower())
    }
    return {
        **_texts(e, "nummer", "tekst", "status", "functie", "ministerie"),
        "naam": naam,
        "activiteit_id": e.ref("activiteit"),
        "activiteit_nummer": e.value("activiteitNummer"),
        "aanmaakdatum": parse_datetime(e.value("aanmaakdatum")),
        "datum_nakoming": parse_date(e.value("datumNakoming")),
        # The live feed repeats kamerbriefNakoming although the XSD allows one.
        "kamerbrief_nakoming": _unique(e.values("kamerbriefNakoming")),
        # toegezegdAan is not in the XSD but occurs live, as a ref or as text.
        "toegezegd_aan": _unique(
            [
                *e.refs.get("toegezegdaanfractie", []),
                *e.refs.get("toegezegdaanpersoon", []),
                *e.refs.get("toegezegdaan", []),
                *e.values("toegezegdAan"),
            ]
        ),
        # The same people and parties as ids: the XSD's flat refs, and the nested form the live register
        # writes (OpenDataPortaal #180) or OData's expanded ToegezegdAan rows (Persoon_Id, Fractie_Id).
        "toegezegd_aan_persoon_ids": _unique(
            [*e.refs.get("toegezegdaanpersoon", []), *e.refs.get("toegezegdaan.persoon", [])]
        ),
        "toegezegd_aan_fractie_ids": _unique(
            [*e.refs.get("toegezegdaanfractie", []), *e.refs.get("toegezegdaan.fractie", [])]
        ),
        "relaties": relaties,
    }


def _texts(e: Entry, *names: str) -> dict[str, str | None]:
    """Columns that hold the feed's text of the same name as it comes."""
    return {name: e.value(name) for name in names}


def _file(e: Entry) -> dict[str, Any]:
    """Type and size of a downloadable entity's file: attributes in the feed, fields in OData."""
    length = e.content_length if e.content_length is not None else parse_int(e.value("contentLength"))
    return {"content_type": e.content_type or e.value("contentType"), "content_length": length}


def _kamerstukdossier(e: Entry) -> dict[str, Any]:
    return {**_texts(e, "nummer", "toevoeging", "titel"), "afgesloten": parse_bool(e.value("afgesloten"))}


def _document(e: Entry) -> dict[str, Any]:
    return {
        **_texts(
            e, "soort", "titel", "onderwerp", "vergaderjaar", "aanhangselnummer", "organisatie", "citeertitel"
        ),
        "nummer": e.value("documentNummer"),
        "datum": parse_date(e.value("datum")),
        "volgnummer": parse_int(e.value("volgnummer")),
        "kamer": parse_int(e.value("kamer")),
        "dossier_id": e.ref("kamerstukdossier"),
        "huidige_versie_id": e.ref("huidigeDocumentVersie"),
        "zaak_ids": _unique(e.refs.get("zaak", [])),
        "activiteit_ids": _unique(e.refs.get("activiteit", [])),
        **_file(e),
    }


def _document_actor(e: Entry) -> dict[str, Any]:
    return {
        **_texts(e, "functie", "relatie"),
        "naam": e.value("actorNaam"),
        "fractie": e.value("actorFractie"),
        "document_id": e.ref("document"),
        "persoon_id": e.ref("persoon"),
    }


def _document_versie(e: Entry) -> dict[str, Any]:
    return {
        **_texts(e, "extensie", "status"),
        "externe_identifier": e.value("externeIdentifier"),
        "versienummer": parse_int(e.value("versienummer")),
        "datum": parse_date(e.value("datum")),
        "document_id": e.ref("document"),
    }


def _zaak(e: Entry) -> dict[str, Any]:
    return {
        **_texts(e, "nummer", "soort", "titel", "onderwerp"),
        "dossier_id": e.ref("kamerstukdossier"),
        "activiteit_ids": _unique(e.refs.get("activiteit", [])),
    }


def _activiteit(e: Entry) -> dict[str, Any]:
    return {
        **_texts(e, "nummer", "soort", "onderwerp", "status", "voortouwnaam", "voortouwafkorting"),
        "datum": parse_date(e.value("datum")),
    }


def _persoon(e: Entry) -> dict[str, Any]:
    return {
        **_texts(
            e,
            "titels",
            "initialen",
            "tussenvoegsel",
            "achternaam",
            "voornamen",
            "roepnaam",
            "geslacht",
            "functie",
        ),
        "fractielabel": e.value("fractielabel"),
        "nummer": parse_int(e.value("nummer")),
    }


def _fractie(e: Entry) -> dict[str, Any]:
    return {
        "nummer": parse_int(e.value("nummer")),
        "afkorting": e.value("afkorting"),
        "naam_nl": e.value("naamNl"),
        "naam_en": e.value("naamEn"),
        "aantal_zetels": parse_int(e.value("aantalZetels")),
        "datum_actief": parse_date(e.value("datumActief")),
        "datum_inactief": parse_date(e.value("datumInactief")),
    }


def _fractie_zetel(e: Entry) -> dict[str, Any]:
    return {"fractie_id": e.ref("fractie"), "gewicht": parse_int(e.value("gewicht"))}


def _fractie_zetel_persoon(e: Entry) -> dict[str, Any]:
    return {
        "fractie_zetel_id": e.ref("fractieZetel"),
        "persoon_id": e.ref("persoon"),
        "functie": e.value("functie"),
        "van": parse_date(e.value("van")),
        "tot_en_met": parse_date(e.value("totEnMet")),
    }


def _verslag(e: Entry) -> dict[str, Any]:
    return {**_texts(e, "soort", "status"), "vergadering_id": e.ref("vergadering"), **_file(e)}


REGISTER_STATUS_VALUES = frozenset(REGISTER_STATUS)  # lower case, spaces collapsed: compared via _norm


def _norm(value: str) -> str:
    return " ".join(value.lower().split())


@dataclass(frozen=True)
class Kind:
    """A category of the feed (= OData entity set) and the table it fills."""

    category: str  # "DocumentVersie": the feed's category= and the OData entity set
    model: type[SQLModel]
    columns: Columns
    # column → values we expect, compared case- and space-insensitively ("Deels afgedaan" is known)
    known: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def element(self) -> str:
        return self.category[0].lower() + self.category[1:]


# Dependency order: what a row points at is stored before it.
KINDS: tuple[Kind, ...] = (
    Kind("Kamerstukdossier", Kamerstukdossier, _kamerstukdossier),
    Kind(
        "Activiteit",
        Activiteit,
        _activiteit,
        {"status": frozenset({"Gepland", "Uitgevoerd", "Geannuleerd", "Verplaatst"})},
    ),
    Kind("Zaak", Zaak, _zaak),
    Kind("Document", Document, _document),
    Kind("DocumentVersie", DocumentVersie, _document_versie),
    # People and parties before what names them (DocumentActor, Toezegging's toegezegdAan).
    Kind("Fractie", Fractie, _fractie),
    Kind("FractieZetel", FractieZetel, _fractie_zetel),
    Kind("Persoon", Persoon, _persoon),
    Kind("FractieZetelPersoon", FractieZetelPersoon, _fractie_zetel_persoon),
    Kind("DocumentActor", DocumentActor, _document_actor),
    Kind(
        "Verslag",
        Verslag,
        _verslag,
        {
            "soort": frozenset({"Voorpublicatie", "Tussenpublicatie", "Eindpublicatie"}),
            "status": frozenset({"Casco", "Ongecorrigeerd", "Gecorrigeerd", "Gerectificeerd"}),
        },
    ),
    Kind(
        "Toezegging",
        Toezegging,
        _toezegging,
        # The XSD's four and what the live register writes ("Afgedaan", "Deels Afgedaan", ...): the very
        # table tracker.status maps them with, so what it maps is never reported as unknown.
        {"status": REGISTER_STATUS_VALUES},
    ),
)
BY_CATEGORY = {k.category: k for k in KINDS}


@dataclass
class Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    stale: int = 0  # older than what is stored, ignored
    failed: int = 0
    unknown: set[tuple[str, str]] = field(default_factory=set)  # (column, value) outside the known lists
    failures: list[tuple[str, str]] = field(default_factory=list)  # (item id, error)

    def add(self, other: Counts) -> None:
        for name in ("new", "updated", "unchanged", "deleted", "stale", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.unknown |= other.unknown
        self.failures.extend(other.failures)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, datetime) or isinstance(new, datetime):
        return as_utc(old) == as_utc(new)
    return bool(old == new)


def apply_entries(session: Session, kind: Kind, entries: list[Entry]) -> Counts:
    """Upsert (or delete, for tombstones) `entries` of one category in `session`."""
    counts = Counts()
    model: Any = kind.model
    expected = {column: frozenset(map(_norm, values)) for column, values in kind.known.items()}
    ids = list({e.id for e in entries})
    rows: dict[str, Any] = {}
    pending: dict[str, Any] = {}  # new rows, inserted at the end with ON CONFLICT (another run may add them)
    for chunk in range(0, len(ids), 500):
        for row in session.exec(select(model).where(col(model.id).in_(ids[chunk : chunk + 500]))):
            rows[row.id] = row
    for entry in entries:
        if entry.category.lower() != kind.element.lower():
            counts.failed += 1
            counts.failures.append((entry.id, f"a <{entry.category}> in the {kind.category} feed"))
            continue
        row = rows.get(entry.id) or pending.get(entry.id)
        if row is not None and _older(entry, row):
            counts.stale += 1
            continue
        if entry.verwijderd:
            if entry.id in pending:  # added earlier in this same page
                del pending[entry.id]
                counts.deleted += 1
            elif row is not None:
                session.delete(row)
                session.flush()  # so a later re-insert of the same id in this page comes after it
                del rows[entry.id]
                counts.deleted += 1
            continue
        if row is not None and not entry.fields and not entry.refs:
            counts.unchanged += 1  # a placeholder that only names the id must not blank a stored row
            continue
        try:
            values = kind.columns(entry)
        except (ValueError, TypeError) as exc:
            counts.failed += 1
            counts.failures.append((entry.id, f"{type(exc).__name__}: {exc}"))
            log.warning("%s %s: cannot map: %s", kind.category, entry.id, exc)
            continue
        values["bijgewerkt"] = entry.bijgewerkt
        for column, known in expected.items():
            value = values.get(column)
            if value is not None and _norm(value) not in known:
                counts.unknown.add((f"{kind.category}.{column}", value))
        if row is None:
            pending[entry.id] = model(id=entry.id, **values)
            counts.new += 1
        elif all(_same(getattr(row, k), v) for k, v in values.items()):
            counts.unchanged += 1
        else:
            for k, v in values.items():
                setattr(row, k, v)
            counts.updated += 1
    session.flush()  # deletions and updates first, so a re-added id is inserted after its deletion
    upsert(session, model, [r.model_dump() for r in pending.values()], ["id"], where=_newest_wins)
    return counts


def _newest_wins(table: Any, new: Any) -> Any:
    """An ON CONFLICT condition: a row another run stored meanwhile is replaced only by a newer one."""
    return or_(table.c.bijgewerkt.is_(None), new.bijgewerkt.is_(None), table.c.bijgewerkt <= new.bijgewerkt)


def _older(entry: Entry, row: Any) -> bool:
    stored = as_utc(row.bijgewerkt)
    return entry.bijgewerkt is not None and stored is not None and entry.bijgewerkt < stored
