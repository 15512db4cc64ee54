"""Officiële bekendmakingen XML (`<officiele-publicatie>`, op-xsd-2012): Kamerstukken, Handelingen, …

Block elements (`al`, `tussenkop`, `kop`, …) become paragraphs and headings, `lijst/li` list items, `noot`
footnotes (their number stays in the text as the marker, their text goes after the body), and Handelingen
`spreekbeurt`s speaker turns. Elements this reader does not know are walked into, so other publication types
still give their text.
"""

from __future__ import annotations

import re

from lxml import etree

from tracker.formats.common import (
    TextBuilder,
    all_text,
    find_letter_date,
    fold_space,
    local,
    looks_like_letter,
    parse_iso_date,
    repair_mojibake,
)
from tracker.source import SourceText

_SKIP = {"metadata", "plaatje", "illustratie", "meta", "kolom", "colspec"}
_HEADINGS = {"tussenkop", "kop", "titel", "item-titel", "intitule", "subtitel"}
# Blocks that hold their words in child elements (`<kop><label>Artikel</label><nr>1</nr></kop>`).
_BLOCKS = _HEADINGS | {
    "al",
    "considerans.al",
    "tekstregel",
    "wij",
    "dagtekening",
    "ondertekening",
    "ontvanger",
    "slotzin",
    "stuknr",
    "dossiernummer",
    "datumtekst",
    "row",
    "functie",
    "naam",
    "spreker",
}


def _words(el: etree._Element) -> list[str]:
    """The text of an element, footnotes reduced to their number (the marker as printed)."""
    parts = [el.text or ""]
    for child in el:
        name = local(child.tag)
        if name == "noot":
            parts.append(child.findtext("noot.nr") or "")
        elif name and name not in _SKIP:
            parts.extend(_words(child))
        parts.append(child.tail or "")
    return parts


def _has_own_text(el: etree._Element) -> bool:
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def block_text(el: etree._Element) -> str:
    if _has_own_text(el):
        text = "".join(_words(el))
    else:  # words in separate elements: "Artikel" "1", "M." "Snel"
        text = " ".join(fold_space("".join(_words(c))) for c in el if local(c.tag) not in _SKIP)
    return repair_mojibake(fold_space(text))


def _speaker(spreker: etree._Element) -> tuple[str, str]:
    """Name and role of a Handelingen `spreker` ("Minister De Jonge" → minister)."""
    prefix = fold_space(spreker.findtext("voorvoegsels") or "")
    naam = spreker.find("naam")
    surname = fold_space(all_text(naam)) if naam is not None else ""
    name = repair_mojibake(fold_space(f"{prefix} {surname}"))
    lowered = name.lower()
    if "voorzitter" in lowered:
        return "De voorzitter", "chair"
    for role in ("minister-president", "minister", "staatssecretaris"):
        if lowered.startswith(role):
            return name, role
    return name, "member"


class _Walker:
    def __init__(self) -> None:
        self.out = TextBuilder()
        self.footnotes: list[str] = []
        self.speaker: str | None = None
        self.role: str | None = None
        self.number = ""

    def add(self, text: str, kind: str) -> None:
        if self.number:  # "1." of an article's lid goes with the lid's first paragraph
            text, self.number = f"{self.number} {text}", ""
        self.out.add(text, kind, self.speaker, self.role)

    def walk(self, el: etree._Element) -> None:
        name = local(el.tag)
        if not name or name in _SKIP:
            return
        if name == "noot":
            self.footnotes.append(block_text(el))
        elif name == "lidnr":
            self.number = block_text(el)
        elif name == "lijst":
            for li in el:
                if local(li.tag) == "li":
                    self.item(li)
                else:
                    self.walk(li)
        elif name == "spreekbeurt":
            self.turn(el)
        elif name in _BLOCKS or _has_own_text(el):
            self.add(block_text(el), "heading" if name in _HEADINGS else "paragraph")
            for noot in el.iter("noot"):
                self.footnotes.append(block_text(noot))
        else:
            for child in el:
                self.walk(child)

    def item(self, li: etree._Element) -> None:
        """A list item: its number and paragraphs as one segment; nested lists follow as items."""
        words = [li.text or ""]
        sublists = []
        for child in li:
            name = local(child.tag)
            if name == "lijst":
                sublists.append(child)
            elif name not in _SKIP:
                words.append(block_text(child))
                self.footnotes.extend(block_text(noot) for noot in child.iter("noot"))
        self.add(" ".join(words), "list_item")
        for sublist in sublists:
            self.walk(sublist)

    def turn(self, spreekbeurt: etree._Element) -> None:
        spreker = spreekbeurt.find("spreker")
        self.speaker, self.role = _speaker(spreker) if spreker is not None else (None, None)
        start = self.out.mark()
        for child in spreekbeurt:
            if local(child.tag) == "spreker":
                line = re.sub(r"\(\s+", "(", re.sub(r"\s+([):])", r"\1", block_text(child)))
                self.add(line, "paragraph")
            else:
                self.walk(child)
        self.out.span(start, "turn", self.speaker, self.role)
        self.speaker = self.role = None


def _dossier(text: str) -> str:
    """ "36 600 VII" → "36600-VII", "21 501-20" → "21501-20"."""
    m = re.match(r"\s*([\d ]+\d)\s*(?:-\s*)?([A-Za-z0-9-]*)", text)
    if not m:
        return fold_space(text)
    number = m[1].replace(" ", "")
    return f"{number}-{m[2]}" if m[2] else number


def read_officiele(root: etree._Element) -> SourceText:
    walker = _Walker()
    walker.walk(root)
    for note in walker.footnotes:
        walker.out.add(note, "footnote")
    text = walker.out.text()

    meta = {"format": "officiele-publicatie"}
    record = root.find("metadata/meta[@name='OVERHEIDop.externMetadataRecord']")
    if record is not None:
        m = re.search(r"/([a-z]+-[\w.-]+?)/metadata\.xml", record.get("content", ""))
        if m:
            meta["publication"] = m[1]
    dossier = root.find(".//dossiernummer")
    if dossier is not None:
        meta["dossier"] = _dossier(all_text(dossier))
    number = root.findtext(".//ondernummer")
    if number and number.strip():
        meta["number"] = number.strip()

    # Answers to written questions also date the questions ("ingezonden …"); theirs is "(ontvangen …)".
    answers = root.find("aanhangsel") is not None
    found = find_letter_date(text) if answers else None
    for path in (".//datumtekst/datum[@isodatum]", ".//dagtekening/datum[@isodatum]", ".//datum[@isodatum]"):
        el = root.find(path)
        if found is None and el is not None:
            found = parse_iso_date(el.get("isodatum"))
    found = found or find_letter_date(text)

    if root.find("handelingen") is not None:
        kind = "transcript"
    elif answers or root.find("kamerstuk") is not None or looks_like_letter(text):
        kind = "letter"
    else:
        kind = "plain"
    title_el = root.find(".//stuk/titel")
    if title_el is None:
        title_el = root.find(".//item-titel")
    if title_el is None:
        title_el = root.find(".//intitule")
    title = block_text(title_el) if title_el is not None else None
    return SourceText(
        text,
        kind,
        found,
        title or None,
        tuple(sorted(walker.out.segments, key=lambda s: (s.start, -s.end))),
        tuple(walker.footnotes),
        meta,
    )
