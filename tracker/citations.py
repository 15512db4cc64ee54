"""Finding references to parliamentary papers, debates and meetings in a stretch of text.

Pure. Forms (see the extraction reference, §3.3): Kamerstuk(ken) citations with plain or non-breaking spaces,
"nrs. 390 en 391", dossier suffixes ("34 000 XVI", "21 501-32", "34 302 (R2067)"), the hyphen form
"21501-32-1740", Handelingen and Aanhangsel Handelingen, document ids (2014D12345, 2014Z01234, 2024A05766,
TZ202402-164, kst-…, h-tk-…), and references to meetings and letters by date ("het Algemeen Overleg
mensenhandel van 31 oktober 2013", "uw brief van 28 oktober 2014", "het verzoek van de vaste commissie voor
Defensie van 22 februari 2018").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tracker.lexicon import MONTH_NAMES, MONTHS

SP = r"[ \u00a0\u202f\u2009]"
_DIGIT = re.compile(r"\d")
_DOSSIER = (
    rf"(?P<dossier>\d{{2}}{SP}?\d{{3}}(?:-[0-9A-Z]{{1,3}})?"
    rf"(?:{SP}(?:[IVXLC]+|[A-Z]{{1,2}})\b(?:-\d+)?)?(?:{SP}?\(R\d{{3,4}}\))?)"
)
_NR = rf"(?:nr|nrs|no)\.?{SP}*(?P<nr>\d+(?:(?:,{SP}*|{SP}+(?:en|t/m|tot en met){SP}+)\d+)*)"
_PAGE = rf"(?:,{SP}*(?:p|blz)\.{SP}*(?P<p>\d+(?:[-–]\d+)?))?"
_YEAR = r"(?P<jaar>\d{4}/\d{2,4}|\d{4}[-–]\d{4})"

KAMERSTUK = re.compile(
    rf"(?P<label>Kamerstuk(?:ken)?)(?:{SP}+(?P<kamer>II|I))?(?:{SP}+{_YEAR})?,?{SP}+{_DOSSIER}"
    rf"(?:,?{SP}+{_NR}|,{SP}*(?P<letter>[A-Z]{{1,2}})\b)?{_PAGE}"
)
# A dossier and number without the word Kamerstuk: "(34 302 (R2067), nr. 5)", "met kenmerk 32 479, nr. 3".
BARE = re.compile(rf"(?<![\d/-]){_DOSSIER},{SP}+{_NR}{_PAGE}")
# An Eerste Kamer letter: "(34 000 XIII, H)".
BARE_LETTER = re.compile(rf"\({_DOSSIER},{SP}*(?P<letter>[A-Z]{{1,2}})\)")
# Hyphen form "21501-32-1740", "34000-XVI-37" (moties, file names); a dossier in the usual range only.
HYPHEN = re.compile(
    r"(?<![\w-])(?P<dossier>(?:19|2\d|3\d)\d{3}(?:-\d{2})?(?:-[IVXLC]+|-[A-Z]{1,2})?)-(?P<nr>\d{1,4})\b"
)
HANDELINGEN = re.compile(
    rf"(?P<aanh>Aanhangsel{SP}+)?Handelingen{SP}+(?P<kamer>II|I)(?:{SP}+(?:vergaderjaar{SP}+)?{_YEAR})?,"
    rf"{SP}*(?:nr\.?{SP}*)?(?P<verg>\d{{1,4}})(?:,{SP}*item{SP}*(?P<item>\d{{1,3}}))?{_PAGE}"
)
IDS = re.compile(
    r"\b(?:(?P<docnr>(?:19|20)\d{2}D\d{5})|(?P<zaak>(?:19|20)\d{2}Z\d{5})|(?P<act>(?:19|20)\d{2}A\d{5})"
    r"|(?P<tz>TZ(?:19|20)\d{4}-\d{1,4})|(?P<koop>(?:kst|h-tk|ah-tk|kv-tk|blg)-[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*))\b"
)

_DATE = (
    rf"(?P<day>\d{{1,2}}){SP}+(?P<month>{MONTH_NAMES})(?:{SP}+(?P<year>(?:19|20)\d{{2}}))?(?P<jl>{SP}+(?:jl\.|jongstleden))?"
    rf"|(?P<nday>\d{{1,2}})[-/](?P<nmonth>\d{{1,2}})[-/](?P<nyear>(?:19|20)\d{{2}})"
)
MEETING_TYPES = (
    r"algemeen overleg|ao|commissiedebat|notaoverleg|wetgevingsoverleg|wgo|schriftelijk overleg|"
    r"plenaire? debat|plenaire behandeling|debat|dertigledendebat|tweeminutendebat|vao|vragenuur|"
    r"mondelinge vragenuur|procedurevergadering|regeling van werkzaamheden|rondetafelgesprek|"
    r"technische briefing|begrotingsbehandeling|begrotingsonderzoek|interpellatie|wetgevingsoverleg|"
    r"bestuurlijk overleg|ministerraad|stemmingen|mondeling overleg|(?:nota|wetgevings)overleg"
)
# "het Algemeen Overleg mensenhandel en prostitutie van 31 oktober 2013", "het commissiedebat van 3 juli",
# "het WGO Jeugd van 3 november 2014", "het Algemeen Overleg Gevangeniswezen op 8 februari jl.".
MEETING = re.compile(
    rf"(?i:\b(?P<det>het|de|dit|hetzelfde|datzelfde)\s+)?(?P<type>(?i:{MEETING_TYPES}))\b"
    rf"(?P<name>(?:\s+(?!(?:van|op)\s+\d|d\.d\.)[\w’'«»&/-]+){{0,12}}?)\s+(?:van|op|d\.d\.)\s+(?:{_DATE})"
)
# "het AO over het MFK", "hetzelfde Algemeen Overleg Mensenhandel": a meeting without a date
# (after tijdens/in/bij).
MEETING_UNDATED = re.compile(
    rf"(?i:\b(?:tijdens|in|bij)\s+(?P<det>het|de|hetzelfde|datzelfde)\s+)(?P<type>(?i:{MEETING_TYPES}))\b"
    rf"(?P<name>(?:\s+over(?:\s+(?:het|de))?\s+[\w-]+|(?:\s+[A-Z][\w-]+){{1,3}})?)"
)
# "uw brief van 28 oktober 2014", "mijn brief d.d. 23 juni 2014", "de brief van de minister van X van 29 maart
# 2011", "het verzoek van de vaste commissie voor Defensie van 22 februari 2018", "uw verzoek van 3 maart".
LETTER = re.compile(
    rf"(?P<who>\b(?i:uw|mijn|onze|de|het|zijn|haar))\s+(?P<kind>(?i:brief|kamerbrief|verzoek|vragen|motie))"
    rf"(?P<name>(?:\s+(?!van\s+\d|d\.d\.|op\s+\d)[\w’'()-]+){{0,10}}?)\s+(?:van|d\.d\.|op)\s+(?:{_DATE})"
)
# Cheap tests on the lowercased text before the case-blind patterns, which scan slowly: every meeting type
# holds one of these words, every LETTER kind one of those. Where lower() and the patterns' case folding part
# ways (dotless ı, long ſ, dotted İ), the tests are skipped.
_MEETING_WORDS = re.compile(
    r"overleg|ao|debat|wgo|vragenuur|procedurevergadering|werkzaamheden|rondetafelgesprek|briefing|"
    r"behandeling|begrotingsonderzoek|interpellatie|ministerraad|stemmingen"
)
_LETTER_WORDS = re.compile(r"brief|verzoek|vragen|motie")
_FOLDS_APART = re.compile("[\u0131\u017f\u0130]")
COMMITTEE = re.compile(r"\b(?:vaste\s+)?commissie\s+voor\s+(?P<c>[A-Z][\w-]*(?:\s+(?:en\s+)?[A-Z][\w-]*)*)")


@dataclass(frozen=True)
class Reference:
    type: str  # kamerstuk | handelingen | meeting | document
    raw: str
    fields: dict[str, str] = field(default_factory=dict)  # dossier, number, date, meeting, year, item, ...
    start: int = -1  # offsets of `raw` in the text searched
    end: int = -1


def normalise_dossier(raw: str) -> str:
    """'28 638' → '28638', '34 000 XVI' → '34000-XVI', '34 302 (R2067)' → '34302'."""
    raw = re.sub(r"\s*\(R\d+\)", "", raw.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " "))
    m = re.match(r"(\d{2}) ?(\d{3})(.*)", raw)
    if not m:
        return raw
    rest = m.group(3).strip()
    return m.group(1) + m.group(2) + (("-" + rest.lstrip("-").replace(" ", "-")) if rest else "")


def _numbers(nr: str) -> list[str]:
    return re.findall(r"\d+", nr)


def _resolve_date(m: re.Match[str], on: date | None) -> str | None:
    """An ISO date for a matched _DATE; without a year, the last such day on or before `on`."""
    if m.group("nday"):
        try:
            return date(int(m.group("nyear")), int(m.group("nmonth")), int(m.group("nday"))).isoformat()
        except ValueError:
            return None
    day, month = int(m.group("day")), MONTHS[m.group("month").lower()]
    year = m.group("year")
    try:
        if year:
            return date(int(year), month, day).isoformat()
        if on is None:
            return None
        guess = date(on.year, month, day)
        return (guess if guess <= on else date(on.year - 1, month, day)).isoformat()
    except ValueError:
        return None


# The pattern's optional groups and the fields they fill (a letter, "34 000 XIII, H", stands for a number).
_KAMERSTUK_FIELDS = (("jaar", "year"), ("kamer", "kamer"), ("p", "page"), ("letter", "number"))


def _kamerstuk(m: re.Match[str], base: int) -> list[Reference]:
    dossier = normalise_dossier(m.group("dossier"))
    raw = m.group(0)
    gd = m.groupdict()
    fields = {"dossier": dossier} | {key: gd[group] for group, key in _KAMERSTUK_FIELDS if gd.get(group)}
    start, end = base + m.start(), base + m.end()
    if not gd.get("nr"):
        return [Reference("kamerstuk", raw, fields, start, end)]
    numbers = _numbers(gd["nr"])
    if len(numbers) == 1:
        return [Reference("kamerstuk", raw, {**fields, "number": numbers[0]}, start, end)]
    if (
        re.search(r"t/m|tot en met", gd["nr"])
        and len(numbers) == 2
        and int(numbers[1]) - int(numbers[0]) < 50
    ):
        numbers = [str(n) for n in range(int(numbers[0]), int(numbers[1]) + 1)]
    return [Reference("kamerstuk", raw, {**fields, "number": n}, start, end) for n in numbers]


def _ident(m: re.Match[str], base: int) -> Reference:
    raw, start, end = m.group(0), base + m.start(), base + m.end()
    if m.group("koop"):
        parts = raw.split("-")
        if raw.startswith("kst-") and len(parts) >= 3:
            return Reference(
                "kamerstuk", raw, {"dossier": "-".join(parts[1:-1]), "number": parts[-1]}, start, end
            )
        if raw.startswith("h-tk-") and len(parts) >= 4:
            fields = {"kamer": "II", "year": parts[2], "meeting_number": parts[3]}
            if len(parts) >= 5:
                fields["item"] = parts[4]
            return Reference("handelingen", raw, fields, start, end)
        return Reference("document", raw, {"number": raw}, start, end)
    kind = next(k for k in ("docnr", "zaak", "act", "tz") if m.group(k))
    return Reference("document", raw, {"number": raw, "kind": kind}, start, end)


def find_references(text: str, on: date | None = None, base: int = 0) -> list[Reference]:
    """All references in `text`, in order, without overlaps; offsets are `base` + the position in `text`.

    `on` (the document date) resolves dates written without a year ("van 8 februari jl.").
    """
    found: list[Reference] = []
    # Most sentences hold no digit, and every numbered form needs one (a dated LETTER too): one search spares
    # seven.
    numbered = _DIGIT.search(text) is not None
    low = text.lower()
    folds_apart = _FOLDS_APART.search(text) is not None
    meetings = folds_apart or _MEETING_WORDS.search(low) is not None
    letters = numbered and (folds_apart or _LETTER_WORDS.search(low) is not None)
    for m in KAMERSTUK.finditer(text) if numbered else ():
        found.extend(_kamerstuk(m, base))
    for m in BARE.finditer(text) if numbered else ():
        found.extend(_kamerstuk(m, base))
    for m in BARE_LETTER.finditer(text) if numbered else ():
        found.extend(_kamerstuk(m, base))
    for m in HANDELINGEN.finditer(text) if numbered else ():
        fields = {"kamer": m.group("kamer"), "meeting_number": m.group("verg")}
        for key, group in (("year", "jaar"), ("item", "item"), ("page", "p")):
            if m.group(group):
                fields[key] = m.group(group)
        if m.group("aanh"):
            fields["aanhangsel"] = "true"
        found.append(Reference("handelingen", m.group(0), fields, base + m.start(), base + m.end()))
    for m in IDS.finditer(text) if numbered or "-" in text else ():  # the koop ids hold a hyphen
        found.append(_ident(m, base))
    for m in HYPHEN.finditer(text) if numbered else ():
        dossier = normalise_dossier(m.group("dossier"))
        fields = {"dossier": dossier, "number": m.group("nr")}
        found.append(Reference("kamerstuk", m.group(0), fields, base + m.start(), base + m.end()))
    for m in MEETING.finditer(text) if numbered and meetings else ():
        fields = {"meeting": " ".join((m.group("type") + m.group("name")).split())}
        when = _resolve_date(m, on)
        if when:
            fields["date"] = when
        found.append(Reference("meeting", m.group(0), fields, base + m.start(), base + m.end()))
    for m in MEETING_UNDATED.finditer(text) if meetings else ():
        s = m.start("det")
        fields = {"meeting": " ".join((m.group("type") + m.group("name")).split())}
        found.append(Reference("meeting", text[s : m.end()], fields, base + s, base + m.end()))
    for m in LETTER.finditer(text) if letters else ():
        kind = m.group("kind").lower()
        fields = {"kind": "brief" if kind == "kamerbrief" else kind, "author": m.group("who").lower()}
        when = _resolve_date(m, on)
        if when:
            fields["date"] = when
        committee = COMMITTEE.search(m.group("name"))
        if committee:
            fields["committee"] = committee.group("c")
        found.append(Reference("document", m.group(0), fields, base + m.start(), base + m.end()))
    return _without_overlaps(found)


def _without_overlaps(refs: list[Reference]) -> list[Reference]:
    """Keep the longest of overlapping references (several numbers of one citation share a span)."""
    refs.sort(key=lambda r: (r.start, -(r.end - r.start)))
    out: list[Reference] = []
    span_end = -1
    span_start = -1
    for r in refs:
        if r.start >= span_end:
            out.append(r)
            span_start, span_end = r.start, r.end
        elif r.start == span_start and r.end == span_end and r.type == out[-1].type and r.raw == out[-1].raw:
            out.append(r)  # "nrs. 390 en 391": one citation, two numbers
    return out
