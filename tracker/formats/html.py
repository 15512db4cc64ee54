"""HTML pages: the XHTML manifestation of officiële bekendmakingen (`div.stuk`, `DC.*`/`OVERHEIDop.*` meta)
and other web pages with a letter on them.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from tracker.formats.common import (
    TextBuilder,
    find_letter_date,
    fold_space,
    looks_like_letter,
    parse_iso_date,
    repair_mojibake,
)
from tracker.source import SourceText, UnreadableDocument

_DROP = ("script", "style", "nav", "header", "footer", "form", "noscript", "button", "select", "head")
_BLOCKS = {
    "p",
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "pre",
    "blockquote",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NOTES = re.compile(r"\b(?:noten|voetnoten|footnotes?|noot-?lijst)\b", re.IGNORECASE)
# Page furniture around the publication on zoek.officielebekendmakingen.nl.
_FURNITURE = re.compile(r"\b(?:inhoudsopgave|kopregel|voetregel|toc|breadcrumb|skiplinks?)\b", re.IGNORECASE)

# Where a letter's own date is kept, best first.
_DATE_META = ("OVERHEIDop.datumBrief", "OVERHEIDop.datumOndertekening", "OVERHEIDop.datumIndiening")
_META_KEYS = {
    "DC.identifier": "publication",
    "OVERHEIDop.dossiernummer": "dossier",
    "OVERHEIDop.ondernummer": "number",
    "DC.type": "type",
    "DC.creator": "creator",
    "OVERHEIDop.publicationName": "publication_name",
    "OVERHEIDop.vergaderjaar": "vergaderjaar",
    "DCTERMS.issued": "issued",
}


def _classes(el: lxml.html.HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _body(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The publication itself: `div.stuk`, else `main`, `div#broodtekst`, `body`."""
    tests = (
        lambda el: el.tag == "div" and "stuk" in el.get("class", "").split(),
        lambda el: el.tag == "main",
        lambda el: el.tag == "div" and el.get("id") == "broodtekst",
        lambda el: el.tag == "body",
    )
    for test in tests:
        for el in root.iter():
            if test(el):
                return el
    return root


def _item_text(li: lxml.html.HtmlElement) -> str:
    """A list item's own words: everything in it except the lists nested in it."""
    parts = [li.text or ""]
    for child in li:
        if child.tag not in ("ul", "ol"):
            parts.append(" " + (child.text_content() if isinstance(child.tag, str) else "") + " ")
        parts.append(child.tail or "")
    return repair_mojibake(fold_space("".join(parts)))


class _Walker:
    def __init__(self) -> None:
        self.out = TextBuilder()
        self.footnotes: list[str] = []

    def walk(self, el: lxml.html.HtmlElement, in_notes: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _DROP or _FURNITURE.search(_classes(el)):
            return
        in_notes = in_notes or bool(_NOTES.search(_classes(el)))
        if tag == "li":
            self.block(_item_text(el), "list_item", in_notes)
            for child in el:
                if child.tag in ("ul", "ol"):
                    self.walk(child, in_notes)
            return
        own_text = (el.text or "").strip() or any((c.tail or "").strip() for c in el)
        nested_blocks = tag in ("td", "dd", "blockquote") and any(
            isinstance(c.tag, str) and c.tag in _BLOCKS | {"div", "ul", "ol", "table"} for c in el
        )
        if (tag in _BLOCKS or own_text) and not nested_blocks:
            text = repair_mojibake(fold_space(el.text_content()))
            self.block(text, "heading" if tag in _HEADINGS else "paragraph", in_notes)
            return
        for child in el:
            self.walk(child, in_notes)

    def block(self, text: str, kind: str, in_notes: bool) -> None:
        if in_notes:
            if text:
                self.footnotes.append(text)
        else:
            self.out.add(text, kind)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def read_html(data: bytes) -> SourceText:
    # Decode UTF-8 ourselves: libxml2 falls back to latin-1 for pages that do not declare their charset.
    try:
        markup: str | bytes = _XML_DECLARATION.sub("", data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        markup = data
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableDocument(f"unreadable HTML: {exc}") from exc
    for br in root.iter("br"):  # text_content() would glue the lines of a <br>-broken paragraph together
        br.tail = "\n" + (br.tail or "")
    meta_tags: dict[str, str] = {}
    for m in root.iter("meta"):
        name, content = m.get("name"), m.get("content")
        if name and content is not None:
            meta_tags.setdefault(name, fold_space(content))
    meta = {"format": "html"}
    for name, key in _META_KEYS.items():
        if meta_tags.get(name):
            meta[key] = meta_tags[name]

    walker = _Walker()
    walker.walk(_body(root))
    for note in walker.footnotes:
        walker.out.add(note, "footnote")
    text = walker.out.text()

    found = None
    for name in _DATE_META:
        found = found or parse_iso_date(meta_tags.get(name))
    found = found or find_letter_date(text)
    if found is None and parse_iso_date(meta_tags.get("DCTERMS.issued")):
        found = parse_iso_date(meta_tags.get("DCTERMS.issued"))
        meta["date_source"] = "DCTERMS.issued (the publication date; the text states none)"

    title = meta_tags.get("DC.title") or fold_space(root.findtext(".//title") or "") or None
    identifier = meta.get("publication", "")
    if identifier.startswith(("h-", "han-")):
        kind = "transcript"
    elif identifier.startswith(("kst-", "ah-")) or looks_like_letter(text):
        kind = "letter"
    else:
        kind = "plain"
    return SourceText(text, kind, found, title, tuple(walker.out.segments), tuple(walker.footnotes), meta)
