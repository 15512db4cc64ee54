"""The synced people and parties as plain values, for whoever resolves names (the tracker).

    people(session) -> list[PersonRow]         every Persoon, with their party memberships over time
    parties(session) -> dict[str, str]         Fractie id -> its short name ("PvdD", "GroenLinks-PvdA")

`PersonRow.name` is the register's way of writing a name, "Achternaam, Initialen tussenvoegsel"
("Oostenbruggen, T. van"), which `tracker.people.parse_name` reads; `PersonRow.label(on)` is
"Name (Party)" for showing to whom something was promised. Reads only; imports nothing of ours but
the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from db.models import Fractie, FractieZetel, FractieZetelPersoon, Persoon


@dataclass(frozen=True)
class Membership:
    """A seat in a party's fraction from `van` to `tot_en_met` (inclusive; None: open-ended)."""

    fractie_id: str
    party: str | None  # the Fractie's afkorting (or its name when it has none)
    van: date | None
    tot_en_met: date | None
    functie: str | None = None  # "Lid", "Fractievoorzitter"

    def covers(self, day: date) -> bool:
        return (self.van is None or self.van <= day) and (self.tot_en_met is None or day <= self.tot_en_met)


@dataclass(frozen=True)
class PersonRow:
    id: str  # the Kamer's Persoon id (lower case), as DocumentActor.persoon_id and toegezegd_aan_persoon_ids
    name: str  # "Oostenbruggen, T. van"; "Westerveld, E.M."; the surname alone without initials
    functie: str | None  # the Persoon's current function as the Kamer gives it ("Tweede Kamerlid")
    party: str | None  # the party now: the open membership, else the latest, else Persoon.fractielabel
    memberships: tuple[Membership, ...] = ()  # in order of `van`
    roepnaam: str | None = None
    achternaam: str | None = None
    initialen: str | None = None
    tussenvoegsel: str | None = None

    def party_on(self, day: date | None) -> str | None:
        """The party on `day` (None: now); the current party when no membership covers it."""
        if day is not None:
            for membership in reversed(self.memberships):
                if membership.covers(day):
                    return membership.party
        return self.party

    def label(self, on: date | None = None) -> str:
        """ "Westerveld, E.M. (GroenLinks-PvdA)": the name with the party on `on`, if any."""
        party = self.party_on(on)
        return f"{self.name} ({party})" if party else self.name


def register_name(
    achternaam: str | None, initialen: str | None, tussenvoegsel: str | None, fallback: str = ""
) -> str:
    """ "Oostenbruggen, T. van": the register's form of a name."""
    rest = " ".join(p for p in (initialen, tussenvoegsel) if p)
    if not achternaam:
        return rest or fallback
    return f"{achternaam}, {rest}" if rest else achternaam


def parties(session: Session) -> dict[str, str]:
    """Every synced Fractie's id -> its short name (afkorting; the Dutch name when there is none)."""
    out: dict[str, str] = {}
    for fractie in session.exec(select(Fractie)):
        name = fractie.afkorting or fractie.naam_nl
        if name:
            out[fractie.id] = name
    return out


def people(session: Session) -> list[PersonRow]:
    """Every synced Persoon, by name, with their memberships (FractieZetelPersoon -> FractieZetel ->
    Fractie) in order of start."""
    names = parties(session)
    seat_party = {z.id: z.fractie_id for z in session.exec(select(FractieZetel)) if z.fractie_id}
    terms: dict[str, list[Membership]] = {}
    for seat in session.exec(select(FractieZetelPersoon)):
        fractie_id = seat_party.get(seat.fractie_zetel_id or "")
        if seat.persoon_id is None or fractie_id is None:
            continue
        terms.setdefault(seat.persoon_id, []).append(
            Membership(fractie_id, names.get(fractie_id), seat.van, seat.tot_en_met, seat.functie)
        )
    rows = []
    for p in session.exec(select(Persoon)):
        held = tuple(sorted(terms.get(p.id, []), key=lambda m: (m.van or date.min, m.tot_en_met or date.max)))
        current = next((m for m in reversed(held) if m.tot_en_met is None), held[-1] if held else None)
        rows.append(
            PersonRow(
                id=p.id,
                name=register_name(p.achternaam, p.initialen, p.tussenvoegsel, fallback=p.roepnaam or p.id),
                functie=p.functie,
                party=(current.party if current else None) or p.fractielabel,
                memberships=held,
                roepnaam=p.roepnaam,
                achternaam=p.achternaam,
                initialen=p.initialen,
                tussenvoegsel=p.tussenvoegsel,
            )
        )
    return sorted(rows, key=lambda r: (r.name.lower(), r.id))
