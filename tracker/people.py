"""One person, one name: bewindspersonen and members across the register, letters and transcripts.

Pure: names, functions and ids in, keys, display names, ministries and `Person`s out (see
docs/people-and-promises.md). The register writes "Oostenbruggen, T. van", a transcript "Staatssecretaris
Van Oostenbruggen", a letter's signature "T. van Oostenbruggen"; `name_key` makes them one key and
`display_name` one way to show them. `PersonResolver` prefers the Kamer's Persoon id (DocumentActor
`Persoon_Id`, the register's person ref, VLOS `spreker` objectid) and falls back to the name key within a
ministry at a time. `ministry_of` reads the ministry from a function at the time, in the register's spelling
("staatssecretaris van Financiën" -> "Financiën"); functions without a ministry go through `PORTFOLIOS`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, TypeVar

from lxml import etree

log = logging.getLogger(__name__)

__all__ = [
    "ABBREVIATIONS",
    "MINISTRIES",
    "PORTFOLIOS",
    "KnownPerson",
    "Mention",
    "Person",
    "PersonName",
    "PersonResolver",
    "Portfolio",
    "Role",
    "Speaker",
    "display_name",
    "ministry_of",
    "name_key",
    "one_name",
    "parse_name",
    "vlos_speakers",
]

# ---------------------------------------------------------------------------------------------------------
# Names

_PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "ter",
        "ten",
        "te",
        "in",
        "'t",
        "het",
        "op",
        "'m",
        "d'",
        "la",
        "le",
        "du",
        "des",
        "von",
        "zu",
        "el",
        "al",
    ]
)  # tussenvoegsels, lower case
# What stands before a name in a transcript or a signature: "Staatssecretaris", "De heer", "Mr. dr."
_TITLES = re.compile(
    r"^(?:(?:minister-president|viceminister-president|minister|staatssecretaris|de\s+heer|heer|mevrouw|"
    r"mw|mevr|dhr|hr|mr|dr|drs|ir|ing|prof|het\s+lid|lid)\.?\s+)+",
    re.IGNORECASE,
)
_INITIALS = re.compile(r"^(?:[A-Za-zÀ-ÿ]{1,2}\.)+[A-Za-zÀ-ÿ]?\.?$|^[A-Z]{1,3}$")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


@dataclass(frozen=True)
class PersonName:
    surname: str  # "Oostenbruggen", "Pouw-Verweij"
    particles: str = ""  # "van", "van der" (lower case)
    initials: str = ""  # "T.", "E.I."
    first_name: str = ""

    @property
    def key(self) -> str:
        return " ".join(w for w in _fold(f"{self.particles} {self.surname}").replace("-", " ").split())

    @property
    def display(self) -> str:
        """ "T. van Oostenbruggen"; without initials "Van Oostenbruggen" (a particle opens a name)."""
        if self.initials or self.first_name:
            return " ".join(p for p in (self.initials or self.first_name, self.particles, self.surname) if p)
        if self.particles:
            return f"{self.particles[0].upper()}{self.particles[1:]} {self.surname}"
        return self.surname


def parse_name(text: str) -> PersonName:
    """Read a name in any of the Kamer's forms: "Oostenbruggen, T. van" (register), "Staatssecretaris Van
    Oostenbruggen" (transcript), "T. van Oostenbruggen" (signature), "Baarle van" (VLOS weergavenaam)."""
    text = " ".join(re.sub(r"\(.*?\)", " ", text).replace(":", " ").split())
    if "," in text:
        last, _, rest = text.partition(",")
        words = rest.split()
        initials = " ".join(w for w in words if _INITIALS.match(w)).replace(" ", "")
        after = [w.lower() for w in words if w.lower() in _PARTICLES]
        given = " ".join(w for w in words if not _INITIALS.match(w) and w.lower() not in _PARTICLES)
        last_words = last.split()
        lead = [w.lower() for w in last_words if w.lower() in _PARTICLES]
        surname = " ".join(w for w in last_words if w.lower() not in _PARTICLES)
        return PersonName(surname, " ".join(lead + after), initials, given)
    words = _TITLES.sub("", text).split() or text.split()
    # "Baarle van": particles written after the surname
    trailing: list[str] = []
    while len(words) > 1 and words[-1].lower() in _PARTICLES:
        trailing.insert(0, words.pop().lower())
    initials = ""
    while words and _INITIALS.match(words[0]) and len(words) > 1:
        initials += words.pop(0)
    particles: list[str] = []
    first: list[str] = []
    # a first name before the particles: "Olger van Dijk"
    while len(words) > 1 and words[0].lower() not in _PARTICLES and words[1].lower() in _PARTICLES:
        first.append(words.pop(0))
    while len(words) > 1 and words[0].lower() in _PARTICLES:
        particles.append(words.pop(0).lower())
    surname = " ".join(words)
    return PersonName(surname, " ".join(particles + trailing), initials, " ".join(first))


def name_key(text: str) -> str:
    """One key for the forms of one name: "van oostenbruggen". Initials and titles do not count, as a
    transcript gives neither; so two people of one surname need a Persoon id or a context (the resolver)."""
    return parse_name(text).key


def display_name(text: str) -> str:
    """The one way to show a name: "T. van Oostenbruggen", "E.I. Schippers", "Van Oostenbruggen"."""
    return parse_name(text).display


# ---------------------------------------------------------------------------------------------------------
# Ministries

# The register's spelling of each ministry's name (its `ministerie` field), under the abbreviations the
# departments use. Names of earlier cabinets stay as they were: a promise of 2013 is "Veiligheid en Justitie".
MINISTRIES: dict[str, str] = {
    "AZ": "Algemene Zaken",
    "AenM": "Asiel en Migratie",
    "BZK": "Binnenlandse Zaken en Koninkrijksrelaties",
    "BZ": "Buitenlandse Zaken",
    "Def": "Defensie",
    "EZ": "Economische Zaken",
    "EZK": "Economische Zaken en Klimaat",
    "Fin": "Financiën",
    "IenW": "Infrastructuur en Waterstaat",
    "IenM": "Infrastructuur en Milieu",
    "JenV": "Justitie en Veiligheid",
    "VenJ": "Veiligheid en Justitie",
    "KGG": "Klimaat en Groene Groei",
    "LVVN": "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "LNV": "Landbouw, Natuur en Voedselkwaliteit",
    "OCW": "Onderwijs, Cultuur en Wetenschap",
    "SZW": "Sociale Zaken en Werkgelegenheid",
    "VWS": "Volksgezondheid, Welzijn en Sport",
    "VRO": "Volkshuisvesting en Ruimtelijke Ordening",
}
ABBREVIATIONS: dict[str, str] = {
    **{k.lower(): v for k, v in MINISTRIES.items()},
    "i&w": MINISTRIES["IenW"],
    "j&v": MINISTRIES["JenV"],
    "def.": MINISTRIES["Def"],
    "fin.": MINISTRIES["Fin"],
    "buza": MINISTRIES["BZ"],
    "minbuza": MINISTRIES["BZ"],
    "a&m": MINISTRIES["AenM"],
}
_BY_FOLDED = {_fold(v): v for v in MINISTRIES.values()}


@dataclass(frozen=True)
class Portfolio:
    """A function whose title names no ministry, and the ministry it belongs to in a period."""

    pattern: str  # a regular expression on the folded function ("minister voor medische zorg")
    ministry: str
    since: date | None = None
    until: date | None = None  # exclusive


_SCHOOF = date(2024, 7, 2)
# Functions without a ministry, mapped to their ministry. Order matters: the first match wins.
PORTFOLIOS: tuple[Portfolio, ...] = (
    Portfolio(r"^minister-president\b", MINISTRIES["AZ"]),
    Portfolio(r"\bmedische zorg\b", MINISTRIES["VWS"]),
    Portfolio(r"\blangdurige (?:en maatschappelijke )?zorg\b", MINISTRIES["VWS"]),
    Portfolio(r"\bjeugd, preventie en sport\b", MINISTRIES["VWS"]),
    Portfolio(r"\bklimaat en groene groei\b", MINISTRIES["KGG"]),
    Portfolio(r"\bklimaat en energie\b", MINISTRIES["EZK"]),
    Portfolio(
        r"\bbuitenlandse handel\b|\bontwikkelingssamenwerking\b|\bontwikkelingshulp\b", MINISTRIES["BZ"]
    ),
    Portfolio(r"^minister van volkshuisvesting en ruimtelijke ordening\b", MINISTRIES["VRO"], since=_SCHOOF),
    Portfolio(r"\bvolkshuisvesting en ruimtelijke ordening\b", MINISTRIES["BZK"], until=_SCHOOF),
    Portfolio(r"\bwonen en rijksdienst\b|\bdigitalisering\b|\bherstel groningen\b", MINISTRIES["BZK"]),
    Portfolio(r"\basiel en migratie\b", MINISTRIES["AenM"], since=_SCHOOF),
    Portfolio(r"\bmigratie\b|\brechtsbescherming\b|\bvreemdelingenzaken\b", MINISTRIES["JenV"]),
    Portfolio(r"\bfiscaliteit\b|\bbelastingdienst\b|\btoeslagen\b", MINISTRIES["Fin"]),
    Portfolio(r"\bopenbaar vervoer\b", MINISTRIES["IenW"]),
    Portfolio(r"\bonderwijs\b|\bemancipatie\b", MINISTRIES["OCW"]),
    Portfolio(r"\bparticipatie\b|\barmoedebeleid\b|\bpensioenen\b", MINISTRIES["SZW"]),
    Portfolio(r"\bnatuur en stikstof\b", MINISTRIES["LNV"]),
)
_OF_MINISTRY = re.compile(r"^(?:minister|staatssecretaris)\s+van\s+(?P<name>.+?)(?:,\s*vice.*)?$")


class _Actor(Protocol):
    functie: str | None


A = TypeVar("A", bound=_Actor)


def signatory(actors: Iterable[A]) -> A | None:
    """The bewindspersoon who signed a letter: its first actor with a minister's function."""
    for a in actors:
        if (a.functie or "").strip().lower().startswith(("minister", "staatssecretaris")):
            return a
    return None


def ministry_of(function: str | None, on: date | None = None) -> str | None:
    """The ministry of a function at the time, in the register's spelling; None when it cannot be told.

    "staatssecretaris van Financiën" -> "Financiën"; "minister voor Medische Zorg" -> "Volksgezondheid,
    Welzijn en Sport" (by `PORTFOLIOS`); "VWS" -> the same (by `ABBREVIATIONS`)."""
    if not function or not function.strip():
        return None
    text = " ".join(function.split())
    if text.lower() in ABBREVIATIONS:
        return ABBREVIATIONS[text.lower()]
    folded = _fold(text)
    if folded in _BY_FOLDED:
        return _BY_FOLDED[folded]
    for p in PORTFOLIOS:
        if re.search(p.pattern, folded) and (on is None or _in(on, p.since, p.until)):
            return p.ministry
    m = _OF_MINISTRY.match(text.lower())
    if m:
        name = re.sub(r",\s*vice.*$", "", text[m.start("name") :], flags=re.IGNORECASE).strip()
        if _fold(name) in _BY_FOLDED:
            return _BY_FOLDED[_fold(name)]
        log.debug("ministry not in the table, kept as written: %r", name)
        return name[0].upper() + name[1:]
    return None


def _in(on: date, since: date | None, until: date | None) -> bool:
    return (since is None or on >= since) and (until is None or on < until)


# ---------------------------------------------------------------------------------------------------------
# People


@dataclass(frozen=True)
class Role:
    """A function a person held: "staatssecretaris van Financiën" from `since` until `until` (exclusive)."""

    function: str
    since: date | None = None
    until: date | None = None

    def ministry(self) -> str | None:
        return ministry_of(self.function, self.since)


@dataclass(frozen=True)
class KnownPerson:
    """A person as the Kamer's Persoon entity gives them, with the functions they held."""

    id: str
    name: str  # any form: "Oostenbruggen, T. van" or "T. van Oostenbruggen"
    roles: tuple[Role, ...] = ()
    party: str | None = None  # for members: the Fractie's short name


@dataclass(frozen=True)
class Person:
    """Who a mention resolved to: the Kamer's id when known, one key and one display name."""

    key: str
    display: str
    id: str | None = None
    party: str | None = None


@dataclass
class PersonResolver:
    """Resolve mentions of people to one `Person` each, preferring the Kamer's Persoon id.

    Without an id, a name key that belongs to one known person is that person; a key shared by several is
    told apart by the ministry at the time (their roles), then by initials. Names no known person has are
    kept under their key, so every later mention of that key (within the same ministry) is the same person.
    """

    people: Iterable[KnownPerson] = ()
    _by_id: dict[str, KnownPerson] = field(default_factory=dict, init=False)
    _by_key: dict[str, list[KnownPerson]] = field(default_factory=dict, init=False)
    _unknown: dict[tuple[str, str | None], Person] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for p in self.people:
            self._by_id[p.id] = p
            self._by_key.setdefault(name_key(p.name), []).append(p)

    def resolve(
        self,
        name: str | None,
        *,
        persoon_id: str | None = None,
        function: str | None = None,
        ministry: str | None = None,
        on: date | None = None,
    ) -> Person | None:
        """The person behind a name (and, when known, their Persoon id, function, ministry, date)."""
        if persoon_id and persoon_id in self._by_id:
            return _person(self._by_id[persoon_id])
        if not name or not name.strip():
            return None
        parsed = parse_name(name)
        ministry = ministry or ministry_of(function, on)
        candidates = self._by_key.get(parsed.key, [])
        if len(candidates) > 1 and ministry:
            held = [p for p in candidates if any(_held(r, ministry, on) for r in p.roles)]
            candidates = held or candidates
        if len(candidates) > 1 and parsed.initials:
            same = [p for p in candidates if parse_name(p.name).initials == parsed.initials]
            candidates = same or candidates
        if len(candidates) == 1:
            return _person(candidates[0])
        if candidates:
            log.debug("%r is %d known people; kept by name", name, len(candidates))
        # Not in the Persoon entity (or ambiguous): one person per key within a ministry.
        slot = (parsed.key, ministry)
        known = self._unknown.get(slot) or self._unknown.get((parsed.key, None))
        if known is None:
            known = Person(key=parsed.key, display=parsed.display, id=persoon_id)
            self._unknown[slot] = known
        elif parsed.initials and not parse_name(known.display).initials:
            # a fuller form of the same name ("T. van Oostenbruggen" after "Van Oostenbruggen") shows better
            known = Person(key=known.key, display=parsed.display, id=known.id)
            self._unknown[slot] = known
        return known


def _held(role: Role, ministry: str, on: date | None) -> bool:
    if _fold(role.ministry() or "") != _fold(ministry):
        return False
    return on is None or _in(on, role.since, role.until)


def _person(p: KnownPerson) -> Person:
    parsed = parse_name(p.name)
    return Person(key=parsed.key, display=parsed.display, id=p.id, party=p.party)


# ---------------------------------------------------------------------------------------------------------
# VLOS speakers: the transcript's own list of who spoke, with id, function and party

_VLOS = "{http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0}"


@dataclass(frozen=True)
class Speaker:
    id: str | None  # the spreker's objectid: the Kamer's Persoon id
    name: str  # as the transcript names them: "Van Oostenbruggen"
    first_name: str | None
    function: str | None  # "staatssecretaris Fiscaliteit, Belastingdienst en Douane", "lid Tweede Kamer"
    party: str | None  # the fractie, for members: "CDA"
    ministry: str | None  # for bewindspersonen, from the function

    @property
    def display(self) -> str:
        return display_name(f"{self.first_name} {self.name}" if self.first_name else self.name)


def vlos_speakers(data: bytes, on: date | None = None) -> tuple[Speaker, ...]:
    """Every `spreker` of a VLOS transcript (each once), with the party VLOS gives members."""
    root = etree.fromstring(
        data.lstrip(b"\xef\xbb\xbf"), etree.XMLParser(recover=True, resolve_entities=False)
    )
    seen: dict[str, Speaker] = {}
    for sp in root.iter(_VLOS + "spreker"):
        name = (sp.findtext(_VLOS + "verslagnaam") or sp.findtext(_VLOS + "achternaam") or "").strip()
        if not name:
            continue
        function = (sp.findtext(_VLOS + "functie") or "").strip() or None
        ident = sp.get("objectid")
        key = ident or name
        if key in seen:
            continue
        seen[key] = Speaker(
            id=ident,
            name=name,
            first_name=(sp.findtext(_VLOS + "voornaam") or "").strip() or None,
            function=function,
            party=(sp.findtext(_VLOS + "fractie") or "").strip() or None,
            ministry=None
            if function is None or function.lower().startswith("lid")
            else ministry_of(function, on),
        )
    return tuple(seen.values())


# ---------------------------------------------------------------------------------------------------------
# One name per person across the stored commitments


@dataclass(frozen=True)
class Mention:
    """A commitment's bewindspersoon as stored: the name shown, the person id (the Kamer's Persoon id, or
    "name:<key>"), the ministry at the time and the date."""

    id: int
    name: str | None
    person_id: str | None
    ministry: str | None
    on: date | None = None


def _is_kamer_id(person_id: str | None) -> bool:
    return bool(person_id) and not str(person_id).startswith("name:")


def one_name(mentions: Iterable[Mention]) -> dict[int, tuple[str | None, str | None, str | None]]:
    """Each mention's (display name, person id, ministry), one display name and one id per person.

    Mentions of one name key are one person unless told apart: by the Kamer's Persoon id (a transcript's
    `spreker`, a letter's DocumentActor), then by initials ("D.E.M.C. Jansen" is not "A.B. Jansen"). A
    mention without id or initials ("Staatssecretaris Struycken") joins the only person of its key, or the
    one who held its ministry; otherwise it stays apart. A person's name is their fullest form (with
    initials), the most frequent on a tie; their id the Persoon id when any mention gave one, else
    "name:<key>" ("name:<key>:<initials>" when the key is several people). A mention without a ministry
    takes the ministry of the same person's mention nearest in time."""
    parsed: dict[str, PersonName] = {}

    def parse(name: str) -> PersonName:
        if name not in parsed:
            parsed[name] = parse_name(name)
        return parsed[name]

    by_key: dict[str, list[Mention]] = {}
    out: dict[int, tuple[str | None, str | None, str | None]] = {}
    for m in mentions:
        if not m.name or not m.name.strip() or not parse(m.name).key:
            out[m.id] = (m.name, m.person_id, m.ministry)
            continue
        by_key.setdefault(parse(m.name).key, []).append(m)
    for key, group in by_key.items():
        for cluster in _clusters(key, group, parse):
            _settle(cluster, out, parse)
    return out


@dataclass
class _Cluster:
    key: str
    kamer_id: str | None
    initials: set[str] = field(default_factory=set)
    members: list[Mention] = field(default_factory=list)
    person_id: str = ""

    def ministries(self) -> set[str]:
        return {_fold(m.ministry) for m in self.members if m.ministry}


def _clusters(key: str, group: list[Mention], parse: Callable[[str], PersonName]) -> list[_Cluster]:
    clusters: dict[str, _Cluster] = {}
    for m in group:
        if _is_kamer_id(m.person_id):
            c = clusters.setdefault(str(m.person_id), _Cluster(key, str(m.person_id)))
            c.members.append(m)
            if parse(m.name or "").initials:
                c.initials.add(parse(m.name or "").initials)
    by_id = list(clusters.values())
    bare: list[Mention] = []
    for m in group:
        if _is_kamer_id(m.person_id):
            continue
        initials = parse(m.name or "").initials
        if not initials:
            bare.append(m)
            continue
        home = next((c for c in clusters.values() if initials in c.initials), None)
        if home is None:
            without = [c for c in by_id if not c.initials]
            home = without[0] if len(without) == 1 and len(by_id) == 1 else None
        if home is None:
            home = clusters.setdefault(f"initials:{initials}", _Cluster(key, None))
        home.initials.add(initials)
        home.members.append(m)
    for m in bare:
        every = list(clusters.values())
        home = every[0] if len(every) == 1 else None
        if home is None and m.ministry:
            held = [c for c in every if _fold(m.ministry) in c.ministries()]
            home = held[0] if len(held) == 1 else None
        if home is None:
            home = clusters.setdefault("bare", _Cluster(key, None))
        home.members.append(m)
    named = [c for c in clusters.values() if c.kamer_id is None]
    for c in clusters.values():
        if c.kamer_id:
            c.person_id = c.kamer_id
        elif len(named) == 1 or not c.initials:
            c.person_id = f"name:{key}"
        else:
            c.person_id = f"name:{key}:{_fold(sorted(c.initials)[0])}"
    return list(clusters.values())


def _settle(
    cluster: _Cluster,
    out: dict[int, tuple[str | None, str | None, str | None]],
    parse: Callable[[str], PersonName],
) -> None:
    counts: dict[str, int] = {}
    for m in cluster.members:
        shown = parse(m.name or "").display
        counts[shown] = counts.get(shown, 0) + 1
    display = min(counts, key=lambda d: (not parse(d).initials, -counts[d], d))
    dated = sorted((m.on or date.min, m.ministry) for m in cluster.members if m.ministry)
    for m in cluster.members:
        ministry = m.ministry
        if not ministry and dated:
            on = m.on or date.min
            ministry = min(dated, key=lambda d: (abs((d[0] - on).days), d[0], d[1] or ""))[1]
        out[m.id] = (display, cluster.person_id, ministry)
