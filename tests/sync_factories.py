"""Feed entries and pages for tests and benchmarks, valid against the Kamer's XSDs.

An `Item` is one entity: its category, id, `bijgewerkt` and children in XSD order. Every
rendered entity element (the part inside `<content>`) is validated against
`tkData-v1-0.xsd` unless the item was derived with `deviate`, which first validates the
original and then applies one of the live feed's known deviations (repeated
`kamerbriefNakoming`, an undeclared `toegezegdAan`, a status outside the enumeration, ...).

`Feed` numbers its items with skiptokens and renders Atom pages the way the live feed
links them (real host in every link); `serve` puts the pages on a replay server and
`snapshot` writes them in the shared snapshot format.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import pytest
import xmlschema

from scraper.config import SyncConfig
from scraper.http import HttpClient
from scraper.sample.build import NS1, Child, render_element
from tests.conftest import XSD as _XSD
from tests.replay import ReplayServer

REAL_FEED = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0"
XSD = _XSD
FIRST_TOKEN = 24_757_000


# The real bases, as a snapshot is keyed against them.
OFFLINE = SyncConfig(
    syncfeed_url=REAL_FEED,
    odata_url="https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0",
    ob_url="https://zoek.officielebekendmakingen.nl",
)


def config_for(server: ReplayServer, **kw: Any) -> SyncConfig:
    """Every source on `server`, no politeness interval and near-instant retries."""
    options: dict[str, Any] = {"interval": 0.0, "backoff": 0.001, "timeout": 5.0, "retries": 3}
    options.update(kw)
    return SyncConfig(
        syncfeed_url=server.url + "/SyncFeed/2.0",
        odata_url=server.url + "/OData/v4/2.0",
        ob_url=server.url + "/ob",
        **options,
    )


# Fixtures for the text fetchers' tests, imported there under their own names (`config`, `client`).
@pytest.fixture(name="config")
def config_fixture(replay: ReplayServer) -> SyncConfig:
    return config_for(replay)


@pytest.fixture(name="client")
def client_fixture() -> Iterator[HttpClient]:
    """The text fetchers' client: no interval, one quick retry."""
    with HttpClient(user_agent="toezeggingen-test", timeout=5, interval=0, retries=1, backoff=0.01) as c:
        yield c


@cache
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


def guid(*parts: object) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(str(p) for p in parts)))


@dataclass(frozen=True)
class Item:
    category: str  # "Toezegging", "DocumentVersie": the feed category
    id: str
    bijgewerkt: str = "2026-03-02T10:00:00Z"
    children: tuple[Child, ...] = ()
    verwijderd: str | None = None  # "true", "True": a tombstone
    attributes: tuple[tuple[str, str], ...] = ()  # contentType, contentLength
    deviant: bool = False  # carries a live deviation from the XSD on purpose

    @property
    def element(self) -> str:
        return self.category[0].lower() + self.category[1:]


def tombstone(item: Item, bijgewerkt: str = "2026-04-01T09:00:00Z", spelling: str = "true") -> Item:
    return replace(item, verwijderd=spelling, bijgewerkt=bijgewerkt, children=(), attributes=())


def deviate(item: Item, change: Callable[[list[Child]], list[Child]]) -> Item:
    """The item with a live deviation applied; the original is checked against the XSD first."""
    validate(render_entity(item))
    return replace(item, children=tuple(change(list(item.children))), deviant=True)


def with_status(status: str) -> Callable[[list[Child]], list[Child]]:
    return lambda children: [(n, status if n == "status" else v) for n, v in children]


def repeated(name: str, *values: str) -> Callable[[list[Child]], list[Child]]:
    def change(children: list[Child]) -> list[Child]:
        at = max(i for i, (n, _) in enumerate(children) if n == name)
        return children[: at + 1] + [(name, v) for v in values] + children[at + 1 :]

    return change


def inserted_after(after: str, *new: Child) -> Callable[[list[Child]], list[Child]]:
    def change(children: list[Child]) -> list[Child]:
        at = max(i for i, (n, _) in enumerate(children) if n == after)
        return children[: at + 1] + list(new) + children[at + 1 :]

    return change


# --------------------------------------------------------------------------- entities


def toezegging(n: int, **kw: object) -> Item:
    status = kw.pop("status", "Openstaand")
    children: list[Child] = [
        ("toegezegdAanFractie", {"ref": guid("fractie", n % 7)}),
        ("aanmaakdatum", "2024-12-16T15:01:11.847+01:00"),
        ("nummer", f"TZ2024{n:05d}"),
        ("activiteit", {"ref": guid("Activiteit", n % 50)}),
        ("activiteitNummer", f"2024A{n % 50:05d}"),
        ("naam", "Wiersma, F.M."),
        ("achternaam", "Wiersma"),
        ("initialen", "F.M."),
        ("voornaam", "Femke"),
        ("titulatuur", "Minister"),
        ("functie", "Minister van Landbouw"),
        ("status", str(status)),
        ("datumNakoming", str(kw.pop("datum_nakoming", "2025-07-01T00:00:00+02:00"))),
    ]
    if "kamerbrief" in kw:
        children.append(("kamerbriefNakoming", str(kw.pop("kamerbrief"))))
    children += [
        ("ministerie", "Landbouw, Visserij, Voedselzekerheid en Natuur"),
        ("tekst", str(kw.pop("tekst", f"De minister stuurt de Kamer voor de zomer brief nummer {n}."))),
    ]
    return Item("Toezegging", guid("Toezegging", n), children=tuple(children), **kw)  # type: ignore[arg-type]


def document(n: int, **kw: object) -> Item:
    children: list[Child] = [
        ("huidigeDocumentVersie", {"ref": guid("DocumentVersie", n)}),
        ("zaak", {"ref": guid("Zaak", n % 40)}),
        ("kamerstukdossier", {"ref": guid("Kamerstukdossier", n % 20)}),
        ("soort", str(kw.pop("soort", "Brief regering"))),
        ("documentNummer", f"2025D{n:05d}"),
        ("titel", "Voortgang van het programma"),
        ("onderwerp", str(kw.pop("onderwerp", f"Brief over de voortgang, deel {n}"))),
        ("datum", "2025-06-30T00:00:00+02:00"),
        ("volgnummer", str(100 + n)),
        ("vergaderjaar", "2024-2025"),
        ("kamer", "2"),
        ("organisatie", "Tweede Kamer"),
    ]
    attrs = (("contentType", "application/pdf"), ("contentLength", "12345"))
    return Item("Document", guid("Document", n), children=tuple(children), attributes=attrs, **kw)  # type: ignore[arg-type]


def document_versie(n: int, **kw: object) -> Item:
    children: list[Child] = [
        ("document", {"ref": guid("Document", n)}),
        ("status", "Extern"),
        ("versienummer", "1"),
        ("bestandsgrootte", "12345"),
        ("extensie", ".pdf"),
        ("datum", "2025-06-30T00:00:00+02:00"),
        ("externeidentifier", f"kst-{31000 + n % 20}-{100 + n}"),
    ]
    return Item("DocumentVersie", guid("DocumentVersie", n), children=tuple(children), **kw)  # type: ignore[arg-type]


def document_actor(n: int, **kw: object) -> Item:
    children: list[Child] = [
        ("document", {"ref": guid("Document", n)}),
        ("persoon", {"ref": guid("persoon", n % 12)}),
        ("actorNaam", "F.M. Wiersma"),
        ("functie", "minister van Landbouw, Visserij, Voedselzekerheid en Natuur"),
        ("relatie", "Eerste ondertekenaar"),
    ]
    return Item("DocumentActor", guid("DocumentActor", n), children=tuple(children), **kw)  # type: ignore[arg-type]


def kamerstukdossier(n: int, **kw: object) -> Item:
    children: list[Child] = [
        ("titel", f"Dossier {n}"),
        ("nummer", str(31000 + n)),
        ("toevoeging", None),
        ("hoogsteVolgnummer", "250"),
        ("afgesloten", "false"),
        ("kamer", "Tweede Kamer"),
    ]
    return Item("Kamerstukdossier", guid("Kamerstukdossier", n), children=tuple(children), **kw)  # type: ignore[arg-type]


def zaak(n: int, **kw: object) -> Item:
    children: list[Child] = [
        ("kamerstukdossier", {"ref": guid("Kamerstukdossier", n % 20)}),
        ("activiteit", {"ref": guid("Activiteit", n % 50)}),
        ("nummer", f"2025Z{n:05d}"),
        ("soort", "Brief regering"),
        ("onderwerp", f"Zaak {n}"),
        ("gestartOp", "2025-06-30T10:00:00+02:00"),
        ("vergaderjaar", "2024-2025"),
    ]
    return Item("Zaak", guid("Zaak", n), children=tuple(children), **kw)  # type: ignore[arg-type]


def activiteit(n: int, **kw: object) -> Item:
    children: list[Child] = [
        ("soort", "Commissiedebat"),
        ("nummer", f"2024A{n:05d}"),
        ("onderwerp", f"Commissiedebat {n}"),
        ("datum", "2024-12-12T00:00:00+01:00"),
        ("status", str(kw.pop("status", "Uitgevoerd"))),
        ("vergaderjaar", "2024-2025"),
        ("voortouwnaam", "vaste commissie voor Landbouw"),
        ("voortouwafkorting", "LVVN"),
    ]
    return Item("Activiteit", guid("Activiteit", n), children=tuple(children), **kw)  # type: ignore[arg-type]


# People and parties, after the real entries in the SyncFeed excerpt (tests/fixtures/corpus/wetsuite-…):
# Persoon c7822b58-… (E.M. Westerveld), Fractie d3b4d880-… (PvdD), FractieZetelPersoon 808fcd50-….
PARTIES = (("PvdD", "Partij voor de Dieren"), ("GroenLinks-PvdA", "GroenLinks-PvdA"), ("CDA", "CDA"))
PEOPLE = (  # (initialen, tussenvoegsel, achternaam, voornamen, roepnaam, functie)
    ("E.M.", None, "Westerveld", "Elisabeth Marij", "Lisa", "Tweede Kamerlid"),
    ("T.", "van", "Oostenbruggen", "Tjebbe", "Tjebbe", "Staatssecretaris"),
    ("H.", None, "Boswijk", "Henri", "Henri", "Tweede Kamerlid"),
)


def fractie(n: int, **kw: object) -> Item:
    afkorting, naam = PARTIES[n % len(PARTIES)]
    children: list[Child] = [
        ("nummer", str(2764 + n)),
        ("afkorting", str(kw.pop("afkorting", afkorting))),
        ("naamNl", naam),
        ("naamEn", None),
        ("aantalZetels", "3"),
        ("aantalStemmen", "235148"),
        ("datumActief", "2006-11-30"),
        ("datumInactief", None),
    ]
    attrs = (("contentType", "image/jpeg"), ("contentLength", "11374"))
    return Item("Fractie", guid("fractie", n), children=tuple(children), attributes=attrs, **kw)  # type: ignore[arg-type]


def fractie_zetel(n: int, **kw: object) -> Item:
    children: list[Child] = [
        ("fractie", {"ref": guid("fractie", kw.pop("fractie", n % 7))}),
        ("gewicht", "1"),
    ]
    return Item("FractieZetel", guid("FractieZetel", n), children=tuple(children), **kw)  # type: ignore[arg-type]


def persoon(n: int, **kw: object) -> Item:
    initialen, tussenvoegsel, achternaam, voornamen, roepnaam, functie = PEOPLE[n % len(PEOPLE)]
    children: list[Child] = [
        ("nummer", str(4967 + n)),
        ("titels", None),
        ("initialen", initialen),
        ("tussenvoegsel", tussenvoegsel),
        ("achternaam", str(kw.pop("achternaam", achternaam))),
        ("voornamen", voornamen),
        ("roepnaam", roepnaam),
        ("geslacht", "vrouw" if n % len(PEOPLE) == 0 else "man"),
        ("functie", str(kw.pop("functie", functie))),
        ("geboortedatum", "1981-11-16"),
        ("geboorteplaats", "Aalten"),
        ("geboorteland", "Nederland"),
        ("overlijdensdatum", None),
        ("overlijdensplaats", None),
        ("woonplaats", "Nijmegen"),
        ("land", "NL"),
        ("fractielabel", None),
    ]
    attrs = (("contentType", "image/jpeg"), ("contentLength", "666768"))
    return Item("Persoon", guid("persoon", n), children=tuple(children), attributes=attrs, **kw)  # type: ignore[arg-type]


def fractie_zetel_persoon(n: int, **kw: object) -> Item:
    children: list[Child] = [
        ("fractieZetel", {"ref": guid("FractieZetel", kw.pop("zetel", n))}),
        ("persoon", {"ref": guid("persoon", kw.pop("persoon", n % 12))}),
        ("functie", "Lid"),
        ("van", str(kw.pop("van", "2017-03-23"))),
    ]
    tot = kw.pop("tot_en_met", None)
    children.append(("totEnMet", None if tot is None else str(tot)))
    return Item("FractieZetelPersoon", guid("FractieZetelPersoon", n), children=tuple(children), **kw)  # type: ignore[arg-type]


def toegezegd_aan(*pairs: tuple[str | None, str | None]) -> Callable[[list[Child]], list[Child]]:
    """The live register's nested form (OpenDataPortaal #180), once per (persoon id, fractie id), after the
    flat refs: `<toegezegdAan><persoon ref="…"/><fractie ref="…"/></toegezegdAan>`."""

    def change(children: list[Child]) -> list[Child]:
        groups: list[Child] = []
        for persoon_id, fractie_id in pairs:
            inner: list[Child] = [
                (n, {"ref": r}) for n, r in (("persoon", persoon_id), ("fractie", fractie_id)) if r
            ]
            groups.append(("toegezegdAan", inner))
        at = max(i for i, (n, _) in enumerate(children) if n.startswith("toegezegdAan"))
        return children[: at + 1] + groups + children[at + 1 :]

    return change


def verslag(n: int, **kw: object) -> Item:
    children: list[Child] = [
        ("vergadering", {"ref": guid("vergadering", n)}),
        ("soort", "Tussenpublicatie"),
        ("status", "Ongecorrigeerd"),
    ]
    attrs = (("contentType", "text/xml"), ("contentLength", "4567"))
    return Item("Verslag", guid("Verslag", n), children=tuple(children), attributes=attrs, **kw)  # type: ignore[arg-type]


BUILDERS: dict[str, Callable[..., Item]] = {
    "Kamerstukdossier": kamerstukdossier,
    "Activiteit": activiteit,
    "Zaak": zaak,
    "Document": document,
    "DocumentVersie": document_versie,
    "Fractie": fractie,
    "FractieZetel": fractie_zetel,
    "Persoon": persoon,
    "FractieZetelPersoon": fractie_zetel_persoon,
    "DocumentActor": document_actor,
    "Verslag": verslag,
    "Toezegging": toezegging,
}


# --------------------------------------------------------------------------- rendering


def render_entity(item: Item, prefix: str | None = None) -> str:
    """The entity element as the live feed writes it (namespace style per category)."""
    return render_element(
        item.element,
        item.id,
        item.bijgewerkt,
        () if item.verwijderd else item.children,
        item.attributes,
        prefix=("ns1" if item.category in NS1 else "") if prefix is None else prefix,
        verwijderd=item.verwijderd or "false",
    )


def validate(entity_xml: str) -> None:
    schema().validate(entity_xml)


def render_entry(item: Item, skiptoken: int, *, check: bool = True) -> str:
    entity = render_entity(item)
    if check and not item.deviant:
        # xs:boolean refuses the "True" the live feed has been seen to send: check the
        # lower-case form of such a tombstone, send the item's own.
        validate(render_entity(replace(item, verwijderd="true")) if item.verwijderd else entity)
    enclosure = (
        f'<link rel="enclosure" href="{REAL_FEED}/Resources/{item.id}"/>' if dict(item.attributes) else ""
    )
    return (
        f"<entry><title>{item.id}</title><id>{REAL_FEED}/Entiteiten/{item.id}</id>"
        "<author><name>Tweede Kamer der Staten-Generaal</name></author>"
        f"<updated>2026-03-02T10:00:00Z</updated><category term={quoteattr(item.element)}/>"
        f'<link rel="next" href="{REAL_FEED}/Feed?category={item.category}&amp;skiptoken={skiptoken}"/>'
        f'{enclosure}<content type="application/xml">{entity}</content></entry>'
    )


def render_page(category: str, entries: list[str], next_token: int | None) -> bytes:
    link = (
        f'<link rel="next" href="{REAL_FEED}/Feed?skiptoken={next_token}&amp;category={category}"/>'
        if next_token is not None
        else ""
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Gegevensmagazijn SyncFeed</title>'
        f"<id>{REAL_FEED}/Feed</id><updated>2026-03-02T10:00:00Z</updated>"
        f'<link rel="self" href="{REAL_FEED}/Feed?category={category}"/>{link}' + "".join(entries) + "</feed>"
    ).encode()


@dataclass
class Feed:
    """One category's feed: items in skiptoken order, cut into pages of `page_size`."""

    category: str
    page_size: int = 5
    check: bool = True
    items: list[tuple[int, str]] = field(default_factory=list)  # (skiptoken, rendered entry)
    next_token: int = FIRST_TOKEN

    def add(self, *items: Item) -> Feed:
        for item in items:
            self.next_token += 1
            self.items.append((self.next_token, render_entry(item, self.next_token, check=self.check)))
        return self

    def add_raw(self, entry_xml: str) -> Feed:
        """An entry as given (malformed ones included), at the next skiptoken."""
        self.next_token += 1
        self.items.append((self.next_token, entry_xml))
        return self

    def page_after(self, token: int | None) -> tuple[bytes, int | None]:
        """The page that follows `token` (None: the first page), and the token its last entry has."""
        rest = [(t, x) for t, x in self.items if token is None or t > token]
        chunk = rest[: self.page_size]
        more = len(rest) > self.page_size
        last = chunk[-1][0] if chunk else token
        return render_page(self.category, [x for _, x in chunk], last if more else None), last

    def pages(self, after: int | None = None) -> dict[str, bytes]:
        """Route → page, from `after` (None: the start) to the empty page after the last entry."""
        routes: dict[str, bytes] = {}
        token = after
        while True:
            body, last = self.page_after(token)
            routes[self.route(token)] = body
            if last == token:
                return routes
            token = last

    def route(self, token: int | None) -> str:
        return f"Feed?category={self.category}" + (f"&skiptoken={token}" if token is not None else "")


def serve(server: ReplayServer, *feeds: Feed, after: dict[str, int | None] | None = None) -> None:
    """Every category of the sync on `server`; categories without a feed answer an empty page."""
    by_category = {f.category: f for f in feeds}
    for category in BUILDERS:
        feed = by_category.get(category) or Feed(category)
        start = (after or {}).get(category)
        for route, body in feed.pages(start).items():
            server.add(f"/SyncFeed/2.0/{route}", body)
            # The live feed's page links put skiptoken first; the replay server matches exactly.
            if "&skiptoken=" in route:
                path, _, token = route.partition("&skiptoken=")
                server.add(f"/SyncFeed/2.0/Feed?skiptoken={token}&{path.split('?', 1)[1]}", body)


def snapshot(directory: Path, *feeds: Feed) -> None:
    from scraper.snapshot import SnapshotWriter

    by_category = {f.category: f for f in feeds}
    with SnapshotWriter(directory) as writer:
        for category in BUILDERS:
            feed = by_category.get(category) or Feed(category)
            for route, body in feed.pages().items():
                writer.add(f"syncfeed/{route}", body, content_type="application/atom+xml")
