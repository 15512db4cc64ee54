"""SyncFeed pages (Atom) → entries: pure parsing, no I/O (`scraper.sync.fetch_page` fetches).

A page is an Atom `<feed>`; each `<entry>` holds one entity (`<content type="application/xml">
<document …>`). Parsing is namespace-aware but never trusts a prefix: the live feed writes
`tk:bijgewerkt` on most categories and `ns1:bijgewerkt` on Toezegging, and old pages have
no namespace at all, so attributes and children are read by local name.

Tolerated deviations of the live feed from the XSD: repeated elements (`kamerbriefNakoming`),
undeclared ones (`toegezegdAan`, flat or nested: `<toegezegdAan><persoon ref/><fractie ref/>
</toegezegdAan>`, read as refs `toegezegdaan.persoon` and `toegezegdaan.fractie`), `verwijderd="True"`,
`bijgewerkt` in local time without an offset. A malformed entry becomes an `EntryFailure` beside
the good ones; a page that is not well-formed XML (cut short, an HTML error page) raises `PageError`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from lxml import etree

log = logging.getLogger(__name__)

ATOM = "http://www.w3.org/2005/Atom"
TK = "http://www.tweedekamer.nl/xsd/tkData/v1-0"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
NO_DATE = date(1, 1, 1)  # DatumNakoming 0001-01-01 means "none"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)


class PageError(Exception):
    """A feed page that could not be read as a whole."""


@dataclass
class Entry:
    """One entity as the feed gives it. Field names are lower-cased local names
    (`documentnummer`, `externeidentifier`), each with every value it had (repeats kept);
    `refs` maps relation names to the ids they point at."""

    category: str  # the entity element's local name, lower camel: "toezegging", "documentVersie"
    id: str
    verwijderd: bool
    bijgewerkt: datetime | None = None
    updated: datetime | None = None
    fields: dict[str, list[str | None]] = field(default_factory=dict)
    refs: dict[str, list[str]] = field(default_factory=dict)
    content_type: str | None = None
    content_length: int | None = None
    enclosure: str | None = None
    skiptoken: str | None = None

    def value(self, name: str) -> str | None:
        values = self.fields.get(name.lower())
        return values[0] if values else None

    def values(self, name: str) -> list[str]:
        return [v for v in self.fields.get(name.lower(), []) if v is not None]

    def ref(self, name: str) -> str | None:
        refs = self.refs.get(name.lower())
        return refs[0] if refs else None


@dataclass(frozen=True)
class EntryFailure:
    item_id: str  # the entity id when it could be read, else "<skiptoken or page>#<position>"
    error: str


@dataclass
class Page:
    entries: list[Entry]
    failures: list[EntryFailure]
    next_href: str | None  # as the feed has it (real host); None on the last page
    skiptoken: str | None  # where to resume once this page is stored


# --------------------------------------------------------------------------- values


def parse_bool(value: str | None) -> bool | None:
    if value is None:
        return None
    v = value.strip().lower()
    if v in ("true", "1"):
        return True
    if v in ("false", "0"):
        return False
    raise ValueError(f"not a boolean: {value!r}")


def parse_datetime(value: str | None) -> datetime | None:
    """An xs:dateTime as UTC; without an offset it is the Kamer's local time (seen in 2019 pages)."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    m = re.match(r"^(.*T\d\d:\d\d:\d\d)(\.\d+)?(.*)$", v)
    if m and m.group(2) and len(m.group(2)) > 7:  # more digits than fromisoformat takes
        v = m.group(1) + m.group(2)[:7] + m.group(3)
    dt = datetime.fromisoformat(v.replace("Z", "+00:00") if v.endswith("Z") else v)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=AMSTERDAM)
    if dt.year < 2:
        return None
    return dt.astimezone(UTC)


def parse_date(value: str | None) -> date | None:
    """The calendar date as written (an xs:dateTime or xs:date); 0001-01-01 means none."""
    if value is None or not value.strip():
        return None
    d = date.fromisoformat(value.strip()[:10])
    return None if d == NO_DATE else d


def parse_int(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    return int(value.strip())


_SKIPTOKEN = re.compile(r"[?&]skiptoken=([^&#]+)")


def skiptoken_of(href: str | None) -> str | None:
    found = _SKIPTOKEN.search(href) if href else None
    return found.group(1) if found else None


# --------------------------------------------------------------------------- parsing


def _local(node: etree._Element) -> str:
    return str(node.tag).rpartition("}")[2]


def _attr(node: etree._Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace (`tk:`, `ns1:` or none)."""
    value = node.get(name)
    if value is not None:
        return value
    for key, val in node.attrib.items():
        if str(key).endswith("}" + name):
            return str(val)
    return None


def _link(node: etree._Element, rel: str) -> str | None:
    for link in node:
        if isinstance(link.tag, str) and _local(link) == "link" and link.get("rel") == rel:
            return link.get("href")
    return None


def _child(node: etree._Element, name: str) -> etree._Element | None:
    for child in node:
        if isinstance(child.tag, str) and _local(child) == name:
            return child
    return None


def parse_entity(element: etree._Element) -> Entry:
    """The entity element inside `<content>` → Entry. Raises ValueError when it is malformed."""
    entity_id = element.get("id") or _attr(element, "id")
    if not entity_id or not GUID.match(entity_id.strip()):
        raise ValueError(f"no valid id on <{_local(element)}>: {entity_id!r}")
    verwijderd = parse_bool(_attr(element, "verwijderd"))
    entry = Entry(
        category=_local(element),
        id=entity_id.strip().lower(),
        verwijderd=bool(verwijderd),
        bijgewerkt=parse_datetime(_attr(element, "bijgewerkt")),
        content_type=_attr(element, "contentType"),
        content_length=parse_int(_attr(element, "contentLength")),
    )
    if entry.verwijderd:
        return entry  # a tombstone's body, if any, is meaningless
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = _local(child).lower()
        ref = child.get("ref")
        if ref is not None:
            entry.refs.setdefault(name, []).append(ref.strip().lower())
            continue
        if child.get(XSI_NIL) in ("true", "1"):
            entry.fields.setdefault(name, []).append(None)
            continue
        nested = [c for c in child if isinstance(c.tag, str)]
        if nested:
            # A grouping element (the live `<toegezegdAan><persoon ref/><fractie ref/></toegezegdAan>`):
            # its children go under "<group>.<child>", refs and texts alike, repeats kept in order.
            for inner in nested:
                key = f"{name}.{_local(inner).lower()}"
                inner_ref = inner.get("ref")
                if inner_ref is not None:
                    entry.refs.setdefault(key, []).append(inner_ref.strip().lower())
                elif inner.get(XSI_NIL) not in ("true", "1"):
                    entry.fields.setdefault(key, []).append((inner.text or "").strip() or None)
            continue
        entry.fields.setdefault(name, []).append((child.text or "").strip() or None)
    return entry


def parse_entry(node: etree._Element) -> Entry:
    content = _child(node, "content")
    entity = next((c for c in content if isinstance(c.tag, str)), None) if content is not None else None
    if entity is None:
        raise ValueError("entry without an entity in <content>")
    entry = parse_entity(entity)
    updated = _child(node, "updated")
    entry.updated = parse_datetime(updated.text if updated is not None else None)
    entry.skiptoken = skiptoken_of(_link(node, "next"))
    entry.enclosure = _link(node, "enclosure")
    return entry


def parse_page(data: bytes, url: str = "") -> Page:
    """An Atom page → its entries, the malformed ones as failures, and the link onwards."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise PageError(f"not well-formed XML ({len(data)} bytes): {exc}") from exc
    if _local(root) != "feed":
        raise PageError(f"not an Atom feed: <{_local(root)}>")
    entries: list[Entry] = []
    failures: list[EntryFailure] = []
    last_token: str | None = None
    for n, node in enumerate(c for c in root if isinstance(c.tag, str) and _local(c) == "entry"):
        try:
            entry = parse_entry(node)
            entries.append(entry)
            last_token = entry.skiptoken or last_token
        except (ValueError, TypeError) as exc:
            token = skiptoken_of(_link(node, "next"))
            last_token = token or last_token
            title = _child(node, "title")
            guess = (title.text or "").strip() if title is not None else ""
            item_id = guess if GUID.match(guess) else f"{token or skiptoken_of(url) or url}#{n}"
            log.warning("malformed feed entry %s: %s", item_id, exc)
            failures.append(EntryFailure(item_id.lower(), str(exc)))
    next_href = _link(root, "next")
    # Resume after the last entry read; an empty last page keeps the token it was asked with.
    skiptoken = skiptoken_of(next_href) or skiptoken_of(_link(root, "resume")) or last_token
    return Page(entries, failures, next_href, skiptoken)
