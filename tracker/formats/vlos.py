"""VLOS debate transcripts (`vlosCoreDocument` XML): a turn per speaker, the chair's list of toezeggingen.

Structure: `vergadering/{titel, datum, activiteit/activiteithoofd/activiteitdeel/activiteititem/woordvoerder/
{spreker, isvoorzitter, tekst/alinea/(alineaitem | lijst/alineaitem), interrumpant/...}}`. A woordvoerder's
interrumpanten follow its own `tekst`, so document order is speaking order.
"""

from __future__ import annotations

import re

from lxml import etree

from tracker.formats.common import TextBuilder, all_text, fold_space, local, parse_iso_date, repair_mojibake
from tracker.source import SourceText

NS = "http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0"
_N = "{" + NS + "}"

# The chair announces the list ("De toezeggingen.", "Nu kom ik bij de toezeggingen", "toezegging genoteerd").
_ANNOUNCEMENT = re.compile(r"\btoezeggingen\b|\btoezegging(?:en)?\s+genoteerd", re.IGNORECASE)


def _text(el: etree._Element) -> str:
    return repair_mojibake(fold_space(all_text(el)))


def _child(el: etree._Element, name: str) -> str:
    return fold_space(el.findtext(_N + name) or "")


def speaker_role(spreker: etree._Element | None, is_chair: bool) -> str:
    """ "chair", "minister-president", "minister", "staatssecretaris" or "member"."""
    if spreker is None:
        return "chair" if is_chair else "member"
    functie = _child(spreker, "functie").lower()
    if is_chair or "voorzitter" in _child(spreker, "aanhef").lower() or functie.startswith("voorzitter"):
        return "chair"
    soort = (spreker.get("soort") or "").lower()
    for role in ("minister-president", "minister", "staatssecretaris"):
        if functie.startswith(role) or (not functie and soort.startswith(role)):
            return role
    return "member"


def speaker_name(spreker: etree._Element | None, role: str, heading: str) -> str | None:
    """How the transcript names the speaker: "De voorzitter", "Minister Veldkamp", "De heer Crijns"."""
    if role == "chair":
        return "De voorzitter"
    if spreker is not None:
        name = _child(spreker, "verslagnaam") or _child(spreker, "achternaam")
        if name and role != "member":
            return f"{role.capitalize()} {name}"
        if name:
            return " ".join(filter(None, [_child(spreker, "aanhef"), name]))
    # the first line of a turn repeats the speaker: "Staatssecretaris Struycken:", "De heer Koops (NSC):"
    if heading.endswith(":") and len(heading) < 80:
        return re.sub(r"\s*\(.*\)", "", heading[:-1]).strip() or None
    return None


def _in_list(item: etree._Element) -> bool:
    parent = item.getparent()
    return parent is not None and local(parent.tag) == "lijst"


def read_vlos(root: etree._Element) -> SourceText:
    vergadering = root.find(_N + "vergadering")
    if vergadering is None:
        vergadering = root
    out = TextBuilder()
    pending_heading: str | None = None
    in_chair_list = False
    for el in vergadering.iter(_N + "activiteit", _N + "tekst"):
        if local(el.tag) == "activiteit":
            # headings only for activities that have text, so an empty "Casco" gives an empty text
            pending_heading = _child(el, "titel") or None
            in_chair_list = False
            continue
        if pending_heading:
            out.add(pending_heading, "heading")
            pending_heading = None
        turn = el.getparent()
        if turn is None or local(turn.tag) not in ("woordvoerder", "interrumpant"):
            for item in el.iter(_N + "alineaitem"):
                out.add(_text(item), "list_item" if _in_list(item) else "paragraph")
            continue
        spreker = turn.find(_N + "spreker")
        is_chair = _child(turn, "isvoorzitter").lower() == "true"
        role = speaker_role(spreker, is_chair)
        items = list(el.iter(_N + "alineaitem"))
        heading = _text(items[0]) if items else ""
        name = speaker_name(spreker, role, heading)
        start = out.mark()
        for item in items:
            text = _text(item)
            in_list = _in_list(item)
            if role == "chair" and not in_list and _ANNOUNCEMENT.search(text):
                in_chair_list = True
            chair_list = in_list and role == "chair" and in_chair_list
            out.add(text, "list_item" if in_list else "paragraph", name, role, chair_list)
        out.span(start, "turn", name, role)
    meta = {
        key: value
        for key, value in {
            "format": "vlos",
            "soort": root.get("soort", ""),
            "status": root.get("status", ""),
            "vergadering_soort": vergadering.get("soort", ""),
            "vergaderjaar": _child(vergadering, "vergaderjaar"),
            "zaal": _child(vergadering, "zaal"),
        }.items()
        if value
    }
    return SourceText(
        out.text(),
        "transcript",
        parse_iso_date(_child(vergadering, "datum")),
        _child(vergadering, "titel") or None,
        tuple(sorted(out.segments, key=lambda s: (s.start, -s.end))),
        meta=meta,
    )
